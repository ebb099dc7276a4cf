# Durable Object namespaces, every storage option, containers with Docker
# privileges, and both container-engine choices.

using Workerd = import "/workerd/workerd.capnp";

const privileged :Workerd.Worker.DurableObjectNamespace.ContainerOptions.ContainerPrivileges = (
  capabilities = ["NET_ADMIN", "SYS_PTRACE"],
  devices = [
    (pathOnHost = "/dev/fuse", pathInContainer = "/dev/fuse", cgroupPermissions = "rwm"),
    (pathOnHost = "/dev/net/tun", pathInContainer = "/dev/tun0", cgroupPermissions = "rw"),
  ],
  securityOpt = ["seccomp=unconfined", "apparmor=unconfined"],
);

const durableObjects :Workerd.Config = (
  services = [
    ( name = "objects",
      worker = (
        modules = [(name = "main.mjs", esModule = embed "files/main.mjs")],
        compatibilityDate = "2025-03-10",
        durableObjectNamespaces = [
          (className = "Counter", uniqueKey = "210bd0cbd803ef7883a1ee9d86cce06e", enableSql = true),
          (className = "Pinned", uniqueKey = "pinned-key", preventEviction = true),
          (className = "Scratch", ephemeralLocal = void),
          ( className = "Sandbox",
            uniqueKey = "sandbox-key",
            enableSql = true,
            preventEviction = true,
            container = (
              imageName = "docker.io/library/alpine:3.20",
              privileges = .privileged,
              images = [
                (name = "alpine", image = "docker.io/library/alpine:3.20"),
                (name = "busybox", image = "busybox"),
              ],
            ) ),
          (className = "Bare", uniqueKey = "bare", container = ()),
        ],
        durableObjectUniqueKeyModifier = "corpus-modifier",
        durableObjectStorage = (localDisk = "do-storage"),
        containerEngine = (
          localDocker = (
            socketPath = "unix:/var/run/docker.sock",
            containerEgressInterceptorImage = "cloudflare/proxy-everything:latest",
            sessionId = "corpus_session-1.0",
          ),
        ),
        bindings = [(name = "COUNTER", durableObjectNamespace = "Counter")],
      ) ),
    ( name = "objects-no-engine",
      worker = (
        modules = [(name = "main.mjs", esModule = embed "files/main.mjs")],
        compatibilityDate = "2025-03-10",
        durableObjectNamespaces = [(className = "Counter", uniqueKey = "k2")],
        durableObjectStorage = (inMemory = void),
        containerEngine = (none = void),
      ) ),
    ( name = "objects-docker-short",
      worker = (
        modules = [(name = "main.mjs", esModule = embed "files/main.mjs")],
        compatibilityDate = "2025-03-10",
        containerEngine = (localDocker = "unix:/run/user/1000/docker.sock"),
      ) ),
    (name = "do-storage", disk = (path = "/var/lib/nanod/do", writable = true)),
  ],
);
