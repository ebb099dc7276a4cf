# nanod's own settings around an unchanged workerd config: per-service limits and the admin
# listener. A typical file imports the workerd config, so that file still runs on workerd:
#
#   using Nanod = import "/nanod/nanod.capnp";
#   using App = import "app.capnp";
#   const nanod :Nanod.Runtime = (config = App.config,
#     limits = [ (service = "api", cpuMs = 50, memoryMb = 128, queue = 256) ]);
@0xb5e4a6d1c2f30817;

using Workerd = import "/workerd/workerd.capnp";

struct Runtime {
  config @0 :Workerd.Config;        # the workerd config to run
  defaults @1 :Limits;              # limits of every service that `limits` does not name
  limits @2 :List(ServiceLimits);   # per-service limits
  admin @3 :Admin;                  # the admin listener; off when its address is unset
  memoryBudgetMb @4 :UInt32;        # process RSS budget for idle-isolate eviction; 0 = none
}

# Zero means "no limit" (or, for isolates, "every loop").
struct Limits {
  cpuMs @0 :UInt32;       # CPU time per request
  memoryMb @1 :UInt32;    # V8 heap plus ArrayBuffers per isolate
  isolates @2 :UInt32;    # how many event loops may host the service
  queue @3 :UInt32;       # requests in flight per service; more get 503 at once
  timeoutMs @4 :UInt32;   # wall-clock time per request
}

struct ServiceLimits {
  service @0 :Text;
  cpuMs @1 :UInt32;
  memoryMb @2 :UInt32;
  isolates @3 :UInt32;
  queue @4 :UInt32;
  timeoutMs @5 :UInt32;
}

struct Admin {
  address @0 :Text;       # e.g. "127.0.0.1:9901"
}
