# The plain binding kinds: values, service-like bindings (all ServiceDesignator
# spellings), environment variables, and the void-typed bindings.

using Workerd = import "/workerd/workerd.capnp";

const props :Text = "{\"tenant\": \"corpus\", \"tier\": 3}";

const bindings :Workerd.Config = (
  services = [
    ( name = "svc-worker",
      worker = (
        serviceWorkerScript = embed "files/sw.js",
        compatibilityDate = "2023-05-18",
        bindings = [
          (name = "GREETING", text = "hello, " "world"),
          (name = "MULTILINE",
           text = `line one
                  `line two
          ),
          (name = "RAW", data = 0x"00 01 fe ff"),
          (name = "RAW_FILE", data = embed "files/blob.bin"),
          (name = "CONFIG", json = "{\"debug\": false, \"retries\": 3}"),
          (name = "CONFIG_FILE", json = embed "files/settings.json"),
          (name = "ADD", wasmModule = embed "files/add.wasm"),
          (name = "HOME", fromEnvironment = "HOME"),
          (name = "EVAL", unsafeEval = void),
          (name = "DEBUG_PORT", workerdDebugPort = void),
          (name = "NOTHING", unspecified = void),
          (name = "UNSET"),
        ],
      ) ),
    ( name = "target",
      worker = (
        modules = [(name = "main.mjs", esModule = embed "files/main.mjs")],
        compatibilityDate = "2024-11-11",
        bindings = [
          (name = "SHORT", service = "svc-worker"),
          (name = "FULL", service = (name = "target", entrypoint = "Counter")),
          (name = "WITH_PROPS", service = (name = "target", entrypoint = "Api", props = (json = .props))),
          (name = "EMPTY_PROPS", service = (name = "target", props = (empty = void))),
          (name = "KV", kvNamespace = "kv-backend"),
          (name = "KV_FULL", kvNamespace = (name = "kv-backend", entrypoint = "KvEntry")),
          (name = "BUCKET", r2Bucket = "r2-backend"),
          (name = "BUCKET_PROPS", r2Bucket = (name = "r2-backend", props = (json = "{\"bucket\": \"b\"}"))),
          (name = "QUEUE", queue = "queue-backend"),
          (name = "QUEUE_FULL", queue = (name = "queue-backend", entrypoint = "Producer")),
          (name = "ANALYTICS", analyticsEngine = "ae-backend"),
          (name = "ANALYTICS_FULL", analyticsEngine = (name = "ae-backend", entrypoint = "Writer")),
          (name = "OLD", obsolete0 = "svc-worker"),
          (name = "COUNTER_CLASS", durableObjectClass = (name = "target", entrypoint = "Counter")),
          (name = "COUNTER_CLASS_SHORT", durableObjectClass = "target"),
          (name = "COUNTER", durableObjectNamespace = "Counter"),
          (name = "REMOTE_COUNTER", durableObjectNamespace = (className = "Counter", serviceName = "other")),
        ],
        durableObjectNamespaces = [(className = "Counter", uniqueKey = "corpus-counter")],
        durableObjectStorage = (inMemory = void),
      ) ),
    (name = "kv-backend", disk = (path = "/tmp/kv", writable = true)),
    (name = "r2-backend", disk = "/tmp/r2"),
    (name = "queue-backend", external = (address = "localhost:9999", http = ())),
    (name = "ae-backend", external = (address = "localhost:9998", http = ())),
  ],
);
