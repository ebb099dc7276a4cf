package services_test

import (
	"testing"

	"github.com/nanod-runtime/nanod/config"
)

// A worker that calls itself through a binding can answer inside its own turn (a body that is
// already complete, a thrown error): settling that answer must not end the running turn. This
// once crashed the process (a promise resolver released under a running native).
func TestSelfBindingAnswersInsideTurn(t *testing.T) {
	base := server(t, inline(t, `
const enc = new TextEncoder();
const ready = new ReadableStream({ start(c) { c.enqueue(enc.encode("ok")); c.close(); } });
export default {
  async fetch(req, env) {
    const path = new URL(req.url).pathname;
    if (path === "/ready") return new Response(ready);
    if (path === "/throw") throw new TypeError("nope");
    if (path === "/chunks") {
      return new Response(new ReadableStream({ start(c) { c.enqueue(enc.encode("a")); c.enqueue(enc.encode("b")); c.close(); } }));
    }
    const out = [];
    out.push(await (await env.SELF.fetch("http://x/ready")).text());
    out.push(await (await env.SELF.fetch("http://x/chunks")).text());
    try { await env.SELF.fetch("http://x/throw"); } catch (e) { out.push(e.name + ": " + e.message); }
    const r = await env.SELF.fetch("http://x/chunks");
    const reader = r.body.getReader();
    let s = "";
    for (let x; !(x = await reader.read()).done;) s += new TextDecoder().decode(x.value);
    out.push(s);
    return Response.json(out);
  },
};`, `, bindings = [(name = "SELF", service = "main")]`), config.Options{})
	_, _, body := get(t, base+"/")
	if want := `["ok","ab","TypeError: nope","ab"]`; body != want {
		t.Fatalf("body = %s, want %s", body, want)
	}
}
