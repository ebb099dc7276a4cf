# Nanoservices: a front worker calls two others through service bindings. Each service is its
# own isolate; a binding call is an in-process dispatch on the caller's event loop.
#   nanod serve samples/nanoservices/config.capnp
#   curl -H 'Authorization: Bearer letmein' localhost:8080/hello/ada
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "front", worker = .front),
    (name = "auth", worker = .auth),
    (name = "greeter", worker = .greeter),
  ],
  sockets = [ (name = "http", address = "*:8080", http = (), service = "front") ],
);

const front :Workerd.Worker = (
  modules = [ (name = "front.js", esModule = embed "front.js") ],
  compatibilityDate = "2024-09-23",
  bindings = [
    (name = "AUTH", service = "auth"),
    (name = "GREETER", service = "greeter"),
  ],
);

const auth :Workerd.Worker = (
  modules = [ (name = "auth.js", esModule = embed "auth.js") ],
  compatibilityDate = "2024-09-23",
  bindings = [ (name = "TOKEN", text = "letmein") ],
);

const greeter :Workerd.Worker = (
  modules = [ (name = "greeter.js", esModule = embed "greeter.js") ],
  compatibilityDate = "2024-09-23",
);
