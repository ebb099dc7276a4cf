# Smallest useful config: one service-worker script served over plain HTTP.
# Exercises: serviceWorkerScript via embed, `http = ()`, bare-string ServiceDesignator.

using Workerd = import "/workerd/workerd.capnp";

const minimal :Workerd.Config = (
  services = [
    (name = "hello", worker = .helloWorker),
  ],
  sockets = [
    (name = "http", address = "*:8080", http = (), service = "hello"),
  ],
);

const helloWorker :Workerd.Worker = (
  serviceWorkerScript = embed "files/sw.js",
  compatibilityDate = "2024-01-01",
  bindings = [(name = "GREETING", text = "world")],
);
