# A config alongside consts of the other top-level struct, FallbackServiceRequest,
# which describes the JSON body workerd posts to a module fallback service.

using Workerd = import "/workerd/workerd.capnp";

const sampleRequest :Workerd.FallbackServiceRequest = (
  type = "import",
  specifier = "/bundle/node_modules/pkg/index.js",
  rawSpecifier = "pkg",
  referrer = "/bundle/main.mjs",
  attributes = [
    (name = "type", value = "json"),
    (name = "with", value = "x"),
  ],
);

const requireRequest :Workerd.FallbackServiceRequest = (type = "require", specifier = "/bundle/lib.cjs", referrer = "/bundle/main.mjs");

const attribute :Workerd.FallbackServiceRequest.Attribute = (name = "type", value = "text");

const fallback :Workerd.Config = (
  services = [(name = "dev", worker = (
    modules = [(name = "main.mjs", esModule = embed "files/main.mjs")],
    compatibilityDate = "2025-01-01",
    moduleFallback = "unix:/tmp/fallback.sock",
  ))],
  sockets = [(name = "dev", address = "localhost:8787", http = (), service = "dev")],
);
