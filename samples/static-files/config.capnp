# Static files: a worker serves a directory through a disk service binding, mapping "/" to
# index.html. Paths are relative to the current directory; override with
#   nanod serve samples/static-files/config.capnp --directory-path site=/some/dir
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .site),
    (name = "site", disk = "samples/static-files/public"),
  ],
  sockets = [ (name = "http", address = "*:8080", http = (), service = "main") ],
);

const site :Workerd.Worker = (
  modules = [ (name = "site.js", esModule = embed "site.js") ],
  compatibilityDate = "2024-09-23",
  bindings = [ (name = "FILES", service = "site") ],
);
