# Root-level Config fields: v8Flags, autogates, the deprecated structuredLogging switch,
# logging options and extensions.

using Workerd = import "/workerd/workerd.capnp";

const topLevel :Workerd.Config = (
  services = [(name = "main", worker = (
    modules = [(name = "main.mjs", esModule = embed "files/main.mjs"),
               (name = "lib.mjs", esModule = embed "files/lib.mjs")],
    compatibilityDate = "2025-06-01",
    compatibilityFlags = ["nodejs_compat", "experimental"],
  ))],
  sockets = [(name = "web", address = "127.0.0.1:9000", http = (), service = (name = "main"))],
  v8Flags = ["--expose-gc", "--max-old-space-size=" "256"],
  extensions = [
    ( modules = [
        ( name = "corpus-ext:wrapper",
          internal = true,
          esModule = embed "files/ext-wrapper.mjs" ),
        ( name = "corpus-ext:public",
          esModule =
            `export const answer = 42;
            `export function twice(x) { return x * 2; }
        ),
      ] ),
    ( modules = [] ),
  ],
  autogates = ["workerd-autogate-example", "workerd-autogate-other"],
  structuredLogging = true,
  logging = (
    structuredLogging = true,
    stdoutPrefix = "[out] ",
    stderrPrefix = "[err] ",
  ),
);
