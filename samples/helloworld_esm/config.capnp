# Hello World as an ES module worker.
#   nanod serve samples/helloworld_esm/config.capnp   then   curl localhost:8080
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "main", worker = .helloWorld) ],
  sockets = [ (name = "http", address = "*:8080", http = (), service = "main") ],
);

const helloWorld :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "worker.js") ],
  compatibilityDate = "2024-09-23",
);
