# Every Worker.Module kind, including the obsolete ordinals and `bundled` (@11,
# declared after namedExports' ordinal @10).

using Workerd = import "/workerd/workerd.capnp";

const inlineModule :Text =
  `import legacy from "legacy.cjs";
  `import notes from "notes.txt";
  `export default { fetch() { return new Response(legacy.greet(notes)); } };
  ;

const modules :Workerd.Config = (
  services = [
    ( name = "modular",
      worker = (
        modules = [
          (name = "main.mjs", esModule = embed "files/main.mjs"),
          (name = "lib.mjs", esModule = embed "files/lib.mjs"),
          (name = "inline.mjs", esModule = .inlineModule),
          (name = "legacy.cjs", commonJsModule = embed "files/legacy.cjs", namedExports = ["greet", "version"]),
          (name = "notes.txt", text = embed "files/notes.txt"),
          (name = "blob.bin", data = embed "files/blob.bin"),
          (name = "literal.bin", data = 0x"de ad be ef 00 0a ff"),
          (name = "strdata.bin", data = "text as data"),
          (name = "add.wasm", wasm = embed "files/add.wasm"),
          (name = "settings.json", json = embed "files/settings.json"),
          (name = "inline.json", json = "{\"k\": [1, 2, 3], \"s\": \"\\u00e9\"}"),
          (name = "old-nodejs-compat.js", obsolete = "module.exports = 1;"),
          (name = "handler.py", pythonModule = embed "files/handler.py"),
          (name = "requests", obsoletePythonRequirement = "requests==2.31.0"),
          (name = "kv-worker", bundled = "/workerd/kv.js"),
        ],
        compatibilityDate = "2025-01-15",
        compatibilityFlags = ["nodejs_compat", "python_workers"],
      ) ),
    ( name = "cron",
      worker = (
        modules = [(name = "cron", bundled = "/workerd/cron.js")],
        compatibilityDate = "2025-01-15",
      ) ),
  ],
);
