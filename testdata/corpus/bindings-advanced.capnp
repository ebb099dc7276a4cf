# Group-valued bindings (hyperdrive, memoryCache, workerLoader), wrapped bindings
# with nested inner bindings, and the AnyPointer `obsolete2` field (only settable
# through a reference to a struct- or list-typed const).

using Workerd = import "/workerd/workerd.capnp";

const legacyPayload :Workerd.ClusterBucket = (path = "obsolete/payload");
const legacyList :List(Text) = ["one", "two"];

const cacheLimits :Workerd.Worker.Binding.MemoryCacheLimits = (
  maxKeys = 1000,
  maxValueSize = 0x100000,
  maxTotalValueSize = 17179869184,   # 16 GiB, needs 64 bits
);

const advanced :Workerd.Config = (
  services = [(name = "adv", worker = (
    modules = [(name = "main.mjs", esModule = embed "files/main.mjs")],
    compatibilityDate = "2025-02-20",
    compatibilityFlags = ["experimental"],
    bindings = [
      ( name = "DB",
        hyperdrive = (
          designator = (name = "pg-proxy", entrypoint = "Pool"),
          database = "app",
          user = "app_user",
          password = "s3cr3t",
          scheme = "postgresql",
        ) ),
      (name = "DB_MIN", hyperdrive = (designator = "pg-proxy", scheme = "mysql")),
      (name = "CACHE", memoryCache = (id = "shared-cache", limits = .cacheLimits)),
      (name = "CACHE_SMALL", memoryCache = (id = "small", limits = (maxKeys = 10, maxValueSize = 1024, maxTotalValueSize = 10240))),
      (name = "CACHE_SHORT", memoryCache = "short-id"),        # group shorthand: sets `id`
      (name = "LOADER", workerLoader = (id = "loader-1")),
      (name = "LOADER_SHORT", workerLoader = "loader-2"),     # group shorthand
      (name = "LOADER_ANON", workerLoader = ()),
      ( name = "WRAPPED",
        wrapped = (
          moduleName = "corpus-ext:wrapper",
          entrypoint = "makeApi",
          innerBindings = [
            (name = "prefix", text = "p:"),
            (name = "store", kvNamespace = "kv"),
            ( name = "nested",
              wrapped = (moduleName = "corpus-ext:wrapper", innerBindings = [(name = "flag", json = "true")]) ),
          ],
        ) ),
      (name = "WRAPPED_DEFAULT", wrapped = (moduleName = "corpus-ext:wrapper")),
      ( name = "LEGACY_DO",
        durableObjectNamespace = (className = "Legacy", serviceName = "adv", obsolete2 = .legacyPayload) ),
      ( name = "LEGACY_DO_LIST",
        durableObjectNamespace = (className = "Legacy", obsolete2 = .legacyList) ),
    ],
    durableObjectNamespaces = [(className = "Legacy", ephemeralLocal = void)],
  ))],
  extensions = [(modules = [(name = "corpus-ext:wrapper", internal = true, esModule = embed "files/ext-wrapper.mjs")])],
);
