# HTTP listener options: both Style values, forwarded-proto and cf-blob headers,
# injected request/response headers, and the capnp CONNECT host.

using Workerd = import "/workerd/workerd.capnp";

const proxyOptions :Workerd.HttpOptions = (
  style = proxy,
  cfBlobHeader = "CF-Blob",
  capnpConnectHost = "capnp.internal:1",
);

const sockets :Workerd.Config = (
  services = [
    (name = "echo", worker = (
      serviceWorkerScript = "addEventListener('fetch', e => e.respondWith(new Response('ok')));",
      compatibilityDate = "2024-09-23",
    )),
  ],
  sockets = [
    ( name = "front",
      address = "[::1]:8080",
      http = (
        style = host,
        forwardedProtoHeader = "X-Forwarded-Proto",
        cfBlobHeader = "X-CF-Blob",
        injectRequestHeaders = [
          (name = "X-Injected", value = "yes"),
          (name = "Authorization", value = "Bearer " "corpus-token"),
          (name = "X-Removed"),            # no value: header gets stripped
        ],
        injectResponseHeaders = [
          (name = "Server", value = "nanod"),
          (name = "Cache-Control", value = "no-store"),
        ],
        capnpConnectHost = "rpc.local:443",
      ),
      service = (name = "echo", entrypoint = "default") ),
    (name = "fwd-proxy", address = "unix:/tmp/nanod-proxy.sock", http = .proxyOptions, service = "echo"),
    (name = "abstract", address = "unix-abstract:nanod", http = (), service = "echo"),
    (name = "no-address", http = (style = host), service = "echo"),
  ],
);
