# Worker-level options outside bindings: outbounds, module fallback, tails,
# Access emulation and the Workflows engine.

using Workerd = import "/workerd/workerd.capnp";

const workflowsApi :Workerd.ServiceDesignator = (name = "workflows-api", entrypoint = "Binding");

const workerOptions :Workerd.Config = (
  services = [
    ( name = "app",
      worker = (
        modules = [(name = "main.mjs", esModule = embed "files/main.mjs")],
        compatibilityDate = "2025-05-05",
        globalOutbound = (name = "egress", entrypoint = "Outbound", props = (json = "{\"audit\": true}")),
        cacheApiOutbound = "cache-backend",
        moduleFallback = "localhost:8888",
        tails = ["tail-a", (name = "tail-b", entrypoint = "TailHandler")],
        streamingTails = [(name = "tail-a", props = (empty = void)), "tail-c"],
        accessBlobHeader = "Cf-Access-Blob",
        accessBindingService = (name = "access-idp", entrypoint = "Identity"),
        workflowsEngine = (
          actorClass = (name = "workflows-engine", entrypoint = "Engine"),
          workflows = [
            (className = "OrderFlow", name = "orders", bindingService = .workflowsApi),
            (className = "SignupFlow", name = "signups", bindingService = "workflows-api"),
          ],
        ),
      ) ),
    ( name = "minimal-engine",
      worker = (
        modules = [(name = "main.mjs", esModule = embed "files/main.mjs")],
        compatibilityDate = "2025-05-05",
        globalOutbound = "egress",
        workflowsEngine = (actorClass = "workflows-engine"),
      ) ),
    ( name = "workflows-engine",
      worker = (
        modules = [(name = "engine", bundled = "/workerd/workflows.js")],
        compatibilityDate = "2025-05-05",
      ) ),
    (name = "egress", network = (allow = ["public"], deny = ["10.0.0.0/8"])),
    (name = "cache-backend", external = (address = "127.0.0.1:4000", http = ())),
    (name = "tail-a", external = (address = "127.0.0.1:4001", http = ())),
    (name = "tail-b", external = (address = "127.0.0.1:4002", http = ())),
    (name = "tail-c", external = (address = "127.0.0.1:4003", http = ())),
    (name = "access-idp", external = (address = "127.0.0.1:4004", http = ())),
    (name = "workflows-api", external = (address = "127.0.0.1:4005", http = ())),
  ],
);
