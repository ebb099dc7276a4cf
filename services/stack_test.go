package services_test

import (
	"strings"
	"testing"

	"github.com/nanod-runtime/nanod/config"
)

// Stacks read as on workerd: module names as written (no file:///), import.meta.url undefined,
// no frames of the runtime that calls the handler, Error.prepareStackTrace still honoured.
func TestStackTracesAndModuleNames(t *testing.T) {
	src := `
function inner() { return new Error("x").stack; }
export default {
  async fetch(req) {
    if (new URL(req.url).pathname === "/prep") {
      Error.prepareStackTrace = (e, sites) => sites.map((s) => s.getFunctionName() + "@" + s.getFileName()).join(",");
      try { return new Response(inner()); } finally { delete Error.prepareStackTrace; }
    }
    const e = new TypeError("bad");
    const nameless = new Error("m"); nameless.name = "";
    return Response.json({ stack: inner(), meta: String(import.meta.url), typeErr: e.stack.split("\n")[0], nameless: nameless.stack.split("\n")[0] });
  },
};`
	base := server(t, inline(t, src, ""), config.Options{})
	_, _, body := get(t, base+"/")
	for _, want := range []string{`"stack":"Error: x\n    at inner (w.js:2:27)\n    at Object.fetch (w.js:11:35)"`, `"meta":"undefined"`, `"typeErr":"TypeError: bad"`, `"nameless":"m"`} {
		if !strings.Contains(body, strings.ReplaceAll(want, "\n", `\n`)) {
			t.Errorf("body %s\nlacks %s", body, want)
		}
	}
	if strings.Contains(body, "nanod:") {
		t.Errorf("runtime frames in %s", body)
	}
	_, _, body = get(t, base+"/prep")
	if body != "inner@w.js,fetch@w.js" {
		t.Errorf("prepareStackTrace saw %q", body)
	}

	// The new module registry (on by date from 2026-11-17) names modules file:///bundle/….
	base = server(t, inline(t, `export default { fetch() { return new Response(import.meta.url + " " + new Error().stack.split("\n")[1].trim()); } };`,
		`, compatibilityFlags = ["new_module_registry"]`), config.Options{})
	if _, _, body = get(t, base+"/"); body != "file:///bundle/w.js at Object.fetch (file:///bundle/w.js:1:72)" {
		t.Errorf("new registry: %q", body)
	}
}
