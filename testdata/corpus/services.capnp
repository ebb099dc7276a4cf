# Non-worker services: network, external (http / https / tcp), disk, and the
# `unspecified` placeholder.

using Workerd = import "/workerd/workerd.capnp";

const clientTls :Workerd.TlsOptions = (
  trustBrowserCas = true,
  trustedCertificates = [embed "files/test-ca.pem", embed "files/test-cert.pem"],
  keypair = (privateKey = embed "files/test-key.pem", certificateChain = embed "files/test-cert.pem"),
  minVersion = tls1Dot2,
);

const services :Workerd.Config = (
  services = [
    # Replaces the implicit "internet" service.
    ( name = "internet",
      network = (
        allow = ["public", "private", "192.0.2.0/24", "2001:db8::/32"],
        deny = ["local", "169.254.169.254/32"],
        tlsOptions = (trustBrowserCas = true, cipherList = "HIGH:!aNULL"),
      ) ),
    (name = "lan", network = (allow = ["private", "unix", "unix-abstract"], deny = ["network"])),
    (name = "nothing", network = (allow = [])),

    (name = "backend-http", external = (address = "10.1.2.3:8080", http = (style = host, injectRequestHeaders = [(name = "X-From", value = "nanod")]))),
    (name = "backend-proxy", external = (address = "proxy.internal:3128", http = (style = proxy))),
    ( name = "backend-https",
      external = (
        address = "[2001:db8::1]:443",
        https = (
          options = (cfBlobHeader = "CF-Blob"),
          tlsOptions = .clientTls,
          certificateHost = "backend.example.invalid",
        ),
      ) ),
    (name = "backend-tcp", external = (address = "db.internal:5432", tcp = (tlsOptions = .clientTls, certificateHost = "db.example.invalid"))),
    (name = "backend-tcp-plain", external = (address = "unix:/var/run/db.sock", tcp = ())),
    (name = "backend-noaddr", external = (http = ())),

    (name = "content", disk = (path = "/srv/content", writable = true, allowDotfiles = true)),
    (name = "content-ro", disk = "/srv/readonly"),   # first-field shorthand
    (name = "content-cli", disk = ()),

    (name = "placeholder", unspecified = void),
    (name = "bare"),
  ],
  sockets = [(name = "files", address = "localhost:8000", http = (), service = "content")],
);
