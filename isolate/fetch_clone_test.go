package isolate

import "testing"

// A clone and its original read independently, however each is read: reading a body as a
// stream hands its buffer over (detaches it), so the two must not share one.
func TestBodyCloneIndependent(t *testing.T) {
	check(t, map[string]string{
		`const r = new Response("abc"); const c = r.clone(); const v = await r.body.getReader().read(); return [v.value.length, await c.text()]`:         `[3,"abc"]`,
		`const q = new Request("http://a/", {method: "POST", body: "abc"}); const c = q.clone(); await q.body.getReader().read(); return await c.text()`: `"abc"`,
		`const r = new Response("abc"); const c = r.clone(); await c.body.getReader().read(); return await r.text()`:                                     `"abc"`,
		`const u = new Uint8Array([1, 2]); const r = new Response(u); await r.body.getReader().read(); return u.length`:                                  `2`,
		`const res = new Response("x"); res.body.getReader(); try { res.clone(); } catch (e) { return e.message; }`:                                      `"This ReadableStream is currently locked to a reader,"`,
		`try { Response.redirect("http://a/", "abc"); } catch (e) { return e.name + ": " + e.message; }`:                                                 `"RangeError: 0 is not a redirect status code. It must be one of: 301, 302, 303, 307, or 308."`,
		`return [new Response("", { status: 204 }).body, new Response(new Uint8Array(0), { status: 304 }).status]`:                                       `[null,304]`,
		`try { new Headers().set("a"); } catch (e) { return e.message; }`:                                                                                `"Failed to execute 'set' on 'Headers': parameter 2 is not of type 'string'."`,
	})
}
