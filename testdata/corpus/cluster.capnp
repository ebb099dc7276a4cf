# Cluster membership plus the two services that depend on it or are experimental:
# `bucket` (a ClusterBucket) and `assets` (an AssetsService).

using Workerd = import "/workerd/workerd.capnp";

const clusterKey :Text = "0123456789abcdef" "0123456789abcdef" "0123456789abcdef";

const cluster :Workerd.Config = (
  cluster = (
    bucket = "s3://corpus-bucket/prefix/",
    bucketOptions = [
      "aws_endpoint=https://storage.example.invalid",
      "aws_region=auto",
      "aws_credentials_file=/run/secrets/aws",
    ],
    address = "10.0.0.5:7000",
    advertise = "node-a.internal:7000",
    key = .clusterKey,
    unsafePublicAddress = true,
    stopTimeoutMs = 0x4e20,        # 20000
    unsafeTimeDivisor = 50,
  ),
  services = [
    (name = "shared-files", bucket = (path = "static/shared")),
    (name = "shared-short", bucket = "uploads"),   # first-field shorthand
    ( name = "site-assets",
      assets = (
        path = "./public",
        config = `{"html_handling": "auto-trailing-slash",
                 `  "not_found_handling": "single-page-application"}
        ,
        userWorker = (name = "app", entrypoint = "AppEntry"),
        compatibilityDate = "2025-04-01",
        compatibilityFlags = ["assets_navigation_prefers_asset_serving"],
      ) ),
    (name = "plain-assets", assets = "./static"),
    ( name = "app",
      worker = (
        modules = [(name = "main.mjs", esModule = embed "files/main.mjs")],
        compatibilityDate = "2025-04-01",
        bindings = [(name = "FILES", service = "shared-files")],
      ) ),
  ],
  sockets = [(name = "web", address = "*:8787", http = (), service = "site-assets")],
);
