@0xd1f3a5b7c9e1f203;   # explicit file id (optional for config files)

# Syntax torture test: const references (plain, nested, qualified), `using`
# aliases, adjacent-string concatenation, backtick lines, embed for Text and
# Data, data literals, hex/octal/negative integers, void, enum names, trailing
# commas and comments in odd places. Also touches our /capnp/c++.capnp.

using Workerd = import "/workerd/workerd.capnp";
using Cxx = import "/capnp/c++.capnp";
using Binding = Workerd.Worker.Binding;
using Workerd.HttpOptions;
using Minimal = import "minimal.capnp";

$Cxx.namespace("nanod::corpus");

struct Defaults $Cxx.name("CorpusDefaults") {
  # A local struct whose nested consts are referenced by dotted path.
  const date :Text = "2024-" "12-" "31";
  const flags :List(Text) = ["flag_a", "flag_b",];
  const port :UInt16 = 0x1F90;   # 8080
}

const negative :Int32 = -42;
const negativeHex :Int64 = -0x7fffffffffffffff;
const octal :UInt32 = 0755;
const ratio :Float64 = -1.5e-3;
const nothing :Void = void;
const style :HttpOptions.Style = proxy;   # note: `style = .style` in a field is rejected ("Type mismatch")
const usages :List(Binding.CryptoKey.Usage) = [sign, verify];

const script :Text =
  `addEventListener("fetch", (event) => {
  `  event.respondWith(new Response(`${GREETING} ${typeof BLOB}`));
  `});
  ;

const greetingBinding :Binding = (name = "GREETING", text = "hi" " " "there");

const syntax :Workerd.Config = (
  # Comment before the first field.
  services = [
    ( name = "syn",   # trailing comment after a field
      worker = (
        serviceWorkerScript = .script,
        compatibilityDate = .Defaults.date,
        compatibilityFlags = .Defaults.flags,
        bindings = [
          .greetingBinding,
          (name = "BLOB", data = embed "files/blob.bin"),
          (name = "TEXT_FROM_FILE", text = embed "files/notes.txt"),
          (name = "DATA_HEX", data = 0x"0a ff 00 10 20"),
          (name = "DATA_STRING", data = "utf8 " "bytes"),
          (name = "KEY", cryptoKey = (hex = "00ff", algorithm = (name = "HMAC"), usages = .usages)),
          (name = "LIMITS", memoryCache = (id = "c", limits = (maxKeys = 0xFFFFFFFF, maxValueSize = 0, maxTotalValueSize = 0xFFFFFFFFFFFFFFFF))),
        ],
      ),
    ),
    (name = "fs", disk = (path = "/srv", writable = true,),),
    (name = "imported", worker = import "minimal.capnp".helloWorker),   # const from another file
    (name = "imported-alias", worker = Minimal.helloWorker),
  ],
  sockets = [
    ( name = "s",
      address = "*:" "8080",
      http = (style = proxy, injectRequestHeaders = [(name = "X-A", value = "1",),],),
      service = (name = "syn",),
    ),
    (name = "s2", http = (), service = "imported-alias"),
  ],
  v8Flags = [],
  autogates = [
    "a",
    "b",   # trailing comma on last list element
  ],
  structuredLogging = false,
  logging = (),
);
