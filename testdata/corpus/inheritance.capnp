# Abstract worker with `parameter` bindings of every Binding.Type, and derived
# workers that fill them in via `inherit`.

using Workerd = import "/workerd/workerd.capnp";

const base :Workerd.Worker = (
  serviceWorkerScript = embed "files/sw.js",
  compatibilityDate = "2024-02-02",
  bindings = [
    (name = "P_UNSPEC", parameter = (type = (unspecified = void))),
    (name = "P_TEXT", parameter = (type = (text = void), optional = true)),
    (name = "P_DATA", parameter = (type = (data = void))),
    (name = "P_JSON", parameter = (type = (json = void), optional = true)),
    (name = "P_WASM", parameter = (type = (wasm = void))),
    (name = "P_KEY", parameter = (type = (cryptoKey = [encrypt, decrypt, sign, verify, deriveKey, deriveBits, wrapKey, unwrapKey]))),
    (name = "P_KEY_NONE", parameter = (type = (cryptoKey = []), optional = true)),
    (name = "P_SERVICE", parameter = (type = (service = void))),
    (name = "P_DO", parameter = (type = (durableObjectNamespace = void))),
    (name = "P_KV", parameter = (type = (kvNamespace = void))),
    (name = "P_R2", parameter = (type = (r2Bucket = void))),
    (name = "P_OLD", parameter = (type = (obsolete0 = void), optional = true)),
    (name = "P_QUEUE", parameter = (type = (queue = void))),
    (name = "P_AE", parameter = (type = (analyticsEngine = void))),
    (name = "P_HD", parameter = (type = (hyperdrive = void))),
    (name = "P_DOCLASS", parameter = (type = (durableObjectClass = void))),
    (name = "P_DEBUG", parameter = (type = (workerdDebugPort = void))),
    (name = "P_SHORT", parameter = (type = ())),
  ],
);

const inheritance :Workerd.Config = (
  services = [
    (name = "base", worker = .base),
    ( name = "derived-a",
      worker = (
        inherit = "base",
        bindings = [
          (name = "P_TEXT", text = "filled in"),
          (name = "P_SERVICE", service = "base"),
        ],
        globalOutbound = "locked-down",
        durableObjectStorage = (none = void),
        durableObjectUniqueKeyModifier = "derived-a",
      ) ),
    ( name = "derived-b",
      worker = (
        inherit = "derived-a",
        durableObjectUniqueKeyModifier = "derived-b-" "v2",
      ) ),
    (name = "locked-down", network = (allow = [])),
  ],
);
