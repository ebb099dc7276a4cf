# Hello World in service-worker syntax: one worker, one HTTP socket.
#   nanod serve samples/helloworld/config.capnp   then   curl localhost:8080
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "main", worker = .helloWorld) ],
  sockets = [ (name = "http", address = "*:8080", http = (), service = "main") ],
);

const helloWorld :Workerd.Worker = (
  serviceWorkerScript = embed "worker.js",
  compatibilityDate = "2024-09-23",
  bindings = [ (name = "GREETING", text = "Hello World") ],
);
