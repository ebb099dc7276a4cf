# nanod's built-in copy of the workerd configuration schema.
#
# Served to config files that `import "/workerd/workerd.capnp"`. It must match workerd's
# schema in every fact that affects encoding and lookup: file id, node names, nesting,
# ordinals, types, defaults and the order of declarations. The comments are our own.

@0xe6afd26682091c01;

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("workerd::server::config");
$Cxx.allowCancellation;

# ---------------------------------------------------------------------------------------
# Top level

struct Config {
  # Root of a config: the value of the file's `const ... :Workerd.Config`.

  services @0 :List(Service);
  # Named services; names are private to this config.

  sockets @1 :List(Socket);
  # Listening sockets and the service each one serves.

  v8Flags @2 :List(Text);
  # Raw V8 command-line flags.

  extensions @3 :List(Extension);
  # Extension module bundles made available to every worker.

  autogates @4 :List(Text);
  # Internal feature gates to switch on.

  structuredLogging @5 :Bool = false;
  # Deprecated; superseded by `logging.structuredLogging`.

  logging @6 :LoggingOptions;

  cluster @7 :ClusterConfig;
  # Present when this instance is a member of a cluster (experimental).
}

struct ClusterConfig {
  # Settings for running several instances as one cluster sharing Durable Objects through
  # a storage bucket.

  bucket @0 :Text;
  # Shared-state bucket URL, `s3://...` or `gs://...`.

  bucketOptions @1 :List(Text);
  # `key=value` client settings for the bucket.

  address @2 :Text;
  # Listen address for traffic from peer instances.

  advertise @4 :Text;
  # Address peers should use to reach us, when it differs from `address`.

  key @3 :Text;
  # Shared cluster secret.

  unsafePublicAddress @5 :Bool = false;
  # Permit a public IP in `address`/`advertise`.

  stopTimeoutMs @6 :UInt32 = 8000;
  # Time budget for a graceful stop.

  unsafeTimeDivisor @7 :UInt32 = 1;
  # Test-only speed-up factor for cluster timers.
}

struct LoggingOptions {
  structuredLogging @0 :Bool = false;
  # Emit logs as JSON.

  stdoutPrefix @1 :Text;
  stderrPrefix @2 :Text;
  # Line prefixes for `process.stdout` / `process.stderr` output.
}

# ---------------------------------------------------------------------------------------
# Sockets

struct Socket {
  name @0 :Text;
  # Used to refer to the socket from the command line (`--socket-addr`, `--socket-fd`).

  address @1 :Text;
  # Where to listen; may instead be supplied on the command line.

  union {
    http @2 :HttpOptions;

    https :group {
      options @3 :HttpOptions;
      tlsOptions @4 :TlsOptions;
    }

    tcp :group {
      # Raw TCP, handed to the worker's `connect()` handler.
      tlsOptions @6 :TlsOptions;
      tlsMode @9 :TcpTlsMode = implicit;
    }

    udp :group {
      # Datagrams, grouped into per-peer flows for `connect()`.
      idleTimeoutMs @7 :UInt32 = 30000;
      maxPendingBytes @8 :UInt32 = 262144;
    }
  }

  service @5 :ServiceDesignator;
  # The service that receives this socket's traffic.

  enum TcpTlsMode {
    implicit @0;
    # Handshake immediately on accept.

    startTls @1;
    # Start in plaintext; the handler upgrades with `startTls()`.
  }
}

# ---------------------------------------------------------------------------------------
# Services

struct Service {
  name @0 :Text;

  union {
    unspecified @1 :Void;
    # Placeholder meaning "nothing chosen"; never set it.

    worker @2 :Worker;
    network @3 :Network;
    external @4 :ExternalServer;
    disk @5 :DiskDirectory;
    bucket @6 :ClusterBucket;
    assets @7 :AssetsService;
  }
}

struct ClusterBucket {
  # A directory inside the cluster bucket, exposed over HTTP.

  path @0 :Text;
}

struct AssetsService {
  # Static-asset serving in the style of a Cloudflare Worker's `assets`.

  path @0 :Text;
  # Directory holding the assets.

  config @1 :Text;
  # JSON options.

  userWorker @2 :ServiceDesignator;

  compatibilityDate @3 :Text;
  compatibilityFlags @4 :List(Text);
  # Used only when there is no `userWorker`.
}

struct ServiceDesignator {
  # Points at a service by name. A plain string may be written in place of the struct; it
  # sets `name`.

  name @0 :Text;

  entrypoint @1 :Text;
  # Named export to use instead of the default one.

  props :union {
    # What the target sees as `ctx.props`.
    empty @2 :Void;
    json @3 :Text;
  }
}

struct WorkflowsEngine {
  actorClass @0 :ServiceDesignator;
  # Actor class that runs workflow instances.

  workflows @1 :List(Workflow);

  struct Workflow {
    className @0 :Text;
    name @1 :Text;
    bindingService @2 :ServiceDesignator;
  }
}

struct Worker {
  union {
    modules @0 :List(Module);
    # ES-modules worker; the first entry is the main module.

    serviceWorkerScript @1 :Text;
    # Single-script worker using `addEventListener()`.

    inherit @2 :Text;
    # Clone another worker (by service name), overriding some settings.
  }

  struct Module {
    name @0 :Text;

    union {
      esModule @1 :Text;
      commonJsModule @2 :Text;
      text @3 :Text;
      data @4 :Data;
      wasm @5 :Data;
      json @6 :Text;
      obsolete @7 :Text;
      pythonModule @8 :Text;
      obsoletePythonRequirement @9 :Text;
      bundled @11 :Text;
      # Names a module source that ships inside the runtime.
    }

    namedExports @10 :List(Text);
    # Export names expected from a `commonJsModule`.
  }

  compatibilityDate @3 :Text;
  compatibilityFlags @4 :List(Text);

  bindings @5 :List(Binding);
  # Resources exposed to the worker through `env` (or as globals).

  struct Binding {
    name @0 :Text;

    union {
      unspecified @1 :Void;

      parameter :group {
        # A slot to be filled in by a worker that inherits this one.
        type @2 :Type;
        optional @3 :Bool;
      }

      text @4 :Text;
      data @5 :Data;
      json @6 :Text;
      wasmModule @7 :Data;
      cryptoKey @8 :CryptoKey;
      service @9 :ServiceDesignator;
      durableObjectClass @26 :ServiceDesignator;
      durableObjectNamespace @10 :DurableObjectNamespaceDesignator;
      kvNamespace @11 :ServiceDesignator;
      r2Bucket @12 :ServiceDesignator;
      obsolete0 @13 :ServiceDesignator;
      wrapped @14 :WrappedBinding;
      queue @15 :ServiceDesignator;
      fromEnvironment @16 :Text;
      # Value read from the named environment variable.
      analyticsEngine @17 :ServiceDesignator;

      hyperdrive :group {
        designator @18 :ServiceDesignator;
        database @19 :Text;
        user @20 :Text;
        password @21 :Text;
        scheme @22 :Text;
      }

      unsafeEval @23 :Void;

      memoryCache :group {
        id @24 :Text;
        limits @25 :MemoryCacheLimits;
      }

      workerLoader :group {
        id @27 :Text;
      }

      workerdDebugPort @28 :Void;
    }

    struct Type {
      # The declared type of a `parameter` binding.
      union {
        unspecified @0 :Void;
        text @1 :Void;
        data @2 :Void;
        json @3 :Void;
        wasm @4 :Void;
        cryptoKey @5 :List(CryptoKey.Usage);
        service @6 :Void;
        durableObjectNamespace @7 :Void;
        kvNamespace @8 :Void;
        r2Bucket @9 :Void;
        obsolete0 @10 :Void;
        queue @11 :Void;
        analyticsEngine @12 :Void;
        hyperdrive @13 :Void;
        durableObjectClass @14 :Void;
        workerdDebugPort @15 :Void;
      }
    }

    struct DurableObjectNamespaceDesignator {
      # A plain string may be written in place of the struct; it sets `className`.
      className @0 :Text;
      serviceName @1 :Text;
      obsolete2 @2 :AnyPointer;
    }

    struct CryptoKey {
      # Arguments for `crypto.subtle.importKey()`.

      union {
        raw @0 :Data;
        hex @1 :Text;
        base64 @2 :Text;
        pkcs8 @3 :Text;
        spki @4 :Text;
        jwk @5 :Text;
      }

      algorithm :union {
        name @6 :Text;
        json @7 :Text;
      }

      extractable @8 :Bool = false;
      usages @9 :List(Usage);

      enum Usage {
        encrypt @0;
        decrypt @1;
        sign @2;
        verify @3;
        deriveKey @4;
        deriveBits @5;
        wrapKey @6;
        unwrapKey @7;
      }
    }

    struct MemoryCacheLimits {
      maxKeys @0 :UInt32;
      maxValueSize @1 :UInt32;
      maxTotalValueSize @2 :UInt64;
    }

    struct WrappedBinding {
      # Inner bindings passed through a wrapper function exported by an internal module.
      moduleName @0 :Text;
      entrypoint @1 :Text = "default";
      innerBindings @2 :List(Binding);
    }
  }

  globalOutbound @6 :ServiceDesignator = "internet";
  # Target of the global `fetch()`.

  cacheApiOutbound @11 :ServiceDesignator;
  # Target of Cache API requests.

  durableObjectNamespaces @7 :List(DurableObjectNamespace);

  struct DurableObjectNamespace {
    className @0 :Text;

    union {
      uniqueKey @1 :Text;
      # Stable secret that object ids are derived from.

      ephemeralLocal @2 :Void;
      # Objects without storage, addressed by arbitrary strings.
    }

    preventEviction @3 :Bool;
    enableSql @4 :Bool;

    container @5 :ContainerOptions;
    # Attach a container to each object.

    struct ContainerOptions {
      imageName @0 :Text;
      privileges @1 :ContainerPrivileges;
      images @2 :List(NamedImage);

      struct NamedImage {
        name @0 :Text;
        image @1 :Text;
      }

      struct ContainerPrivileges {
        # Passed unchanged into Docker's HostConfig.
        capabilities @0 :List(Text);
        devices @1 :List(Device);
        securityOpt @2 :List(Text);

        struct Device {
          pathOnHost @0 :Text;
          pathInContainer @1 :Text;
          cgroupPermissions @2 :Text;
        }
      }
    }
  }

  durableObjectUniqueKeyModifier @8 :Text;
  # Mixed into each namespace's `uniqueKey`; lets inheriting workers keep distinct ids.

  durableObjectStorage :union {
    none @9 :Void;
    inMemory @10 :Void;
    localDisk @12 :Text;
    # Name of a `disk` service to store objects in.
  }

  moduleFallback @13 :Text;

  tails @14 :List(ServiceDesignator);
  streamingTails @15 :List(ServiceDesignator);

  containerEngine :union {
    none @16 :Void;
    localDocker @17 :DockerConfiguration;
  }

  struct DockerConfiguration {
    socketPath @0 :Text;
    containerEgressInterceptorImage @1 :Text;
    sessionId @2 :Text;
  }

  accessBlobHeader @18 :Text;
  # Request header that carries Access metadata during local development.

  accessBindingService @19 :ServiceDesignator;
  # Service answering `ctx.access.getIdentity()`.

  workflowsEngine @20 :WorkflowsEngine;
}

struct ExternalServer {
  # Every request is forwarded to one fixed server.

  address @0 :Text;

  union {
    http @1 :HttpOptions;

    https :group {
      options @2 :HttpOptions;
      tlsOptions @3 :TlsOptions;
      certificateHost @4 :Text;
      # Hostname the server certificate must match, if not `address`.
    }

    tcp :group {
      # Raw TCP; only `connect()` works over such a binding.
      tlsOptions @5 :TlsOptions;
      certificateHost @6 :Text;
    }
  }
}

struct Network {
  # Outbound access to a network, filtered by address.

  allow @0 :List(Text) = ["public"];
  deny @1 :List(Text);
  # CIDR blocks or keywords (public, private, local, network, unix, unix-abstract).

  tlsOptions @2 :TlsOptions;
}

struct DiskDirectory {
  # A directory on disk served over HTTP (GET/HEAD, optionally PUT).

  path @0 :Text;
  writable @1 :Bool = false;
  allowDotfiles @2 :Bool = false;
}

# ---------------------------------------------------------------------------------------
# Protocol options

struct HttpOptions {
  style @0 :Style = host;

  enum Style {
    host @0;
    # Origin-form request line plus a Host header.

    proxy @1;
    # Absolute-form request line, as sent to forward proxies.
  }

  forwardedProtoHeader @1 :Text;
  # Header naming the client's original scheme.

  cfBlobHeader @2 :Text;
  # Header carrying `request.cf` as JSON.

  injectRequestHeaders @3 :List(Header);
  injectResponseHeaders @4 :List(Header);

  struct Header {
    name @0 :Text;
    value @1 :Text;
  }

  capnpConnectHost @5 :Text;
  # CONNECT to this host:port opens a Cap'n Proto RPC session.
}

struct TlsOptions {
  keypair @0 :Keypair;

  struct Keypair {
    privateKey @0 :Text;
    certificateChain @1 :Text;
    # Both PEM.
  }

  requireClientCerts @1 :Bool = false;
  trustBrowserCas @2 :Bool = false;
  trustedCertificates @3 :List(Text);

  minVersion @4 :Version = goodDefault;

  enum Version {
    goodDefault @0;
    ssl3 @1;
    tls1Dot0 @2;
    tls1Dot1 @3;
    tls1Dot2 @4;
    tls1Dot3 @5;
  }

  cipherList @5 :Text;
  # OpenSSL cipher string.
}

# ---------------------------------------------------------------------------------------
# Extensions

struct Extension {
  modules @0 :List(Module);

  struct Module {
    name @0 :Text;
    internal @1 :Bool = false;
    # Importable only from other extension modules.
    esModule @2 :Text;
  }
}

# ---------------------------------------------------------------------------------------
# Shape of the JSON body sent to a module fallback service.

struct FallbackServiceRequest {
  type @0 :Text;
  specifier @1 :Text;
  rawSpecifier @2 :Text;
  referrer @3 :Text;

  struct Attribute {
    name @0 :Text;
    value @1 :Text;
  }

  attributes @4 :List(Attribute);
}
