# Benchmark config for nanod and workerd (bench/cmd/nanobench overrides both socket addresses).
#   socket "http"  -> main (worker.js: /, /echo, /stream)
#   socket "chain" -> front -> a -> b -> main (three service-binding hops, then worker.js)
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .main),
    (name = "front", worker = .front),
    (name = "a", worker = .a),
    (name = "b", worker = .b),
  ],
  sockets = [
    (name = "http", address = "127.0.0.1:8080", http = (), service = "main"),
    (name = "chain", address = "127.0.0.1:8081", http = (), service = "front"),
  ],
);

const main :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "worker.js") ],
  compatibilityDate = "2024-09-23",
);

const front :Workerd.Worker = (
  modules = [ (name = "forward.js", esModule = embed "forward.js") ],
  compatibilityDate = "2024-09-23",
  bindings = [ (name = "NEXT", service = "a") ],
);

const a :Workerd.Worker = (
  modules = [ (name = "forward.js", esModule = embed "forward.js") ],
  compatibilityDate = "2024-09-23",
  bindings = [ (name = "NEXT", service = "b") ],
);

const b :Workerd.Worker = (
  modules = [ (name = "forward.js", esModule = embed "forward.js") ],
  compatibilityDate = "2024-09-23",
  bindings = [ (name = "NEXT", service = "main") ],
);
