package v8ext

import "testing"

func TestDetachFunction(t *testing.T) {
	v := newEnv(t, 0, Options{})
	f, err := v.ext.DetachFunction(v.ctx)
	if err != nil {
		t.Fatal(err)
	}
	g := v.ctx.Global()
	if err := g.Set("detach", f); err != nil {
		t.Fatal(err)
	}
	if _, err := g.Get("__ext_detach"); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ src, want string }{
		{`typeof globalThis.__ext_detach`, "undefined"}, // the hand-over global is gone
		{`const a = new ArrayBuffer(8); const u = new Uint8Array(a); detach(a);
		  [a.byteLength, u.length, detach(a, 1)].join()`, "0,0,true"},
		{`detach(new ArrayBuffer(4), 1)`, "false"},
		{`[detach(new ArrayBuffer(4), 3), detach(new WebAssembly.Memory({initial: 1}).buffer, 3)].join()`, "true,false"},
		{`const b = new ArrayBuffer(3); new Uint8Array(b).set([1, 2, 3]);
		  const c = detach(b, 2); [b.byteLength, c.byteLength, ...new Uint8Array(c), c !== b].join()`, "0,3,1,2,3,true"},
		{`const d = new ArrayBuffer(1); detach(d); detach(d); 'ok'`, "ok"},
		{`try { const d = new ArrayBuffer(1); detach(d); detach(d, 2) } catch (e) { e.name + ': ' + e.message }`, "TypeError: The ArrayBuffer is detached"},
		{`try { detach(new SharedArrayBuffer(1)) } catch (e) { e.name }`, "TypeError"},
		{`try { detach(new Uint8Array(1)) } catch (e) { e.name }`, "TypeError"},
		{`try { detach() } catch (e) { e.name }`, "TypeError"},
		{`try { new detach(new ArrayBuffer(1)) } catch (e) { e.name }`, "TypeError"},
		{`const m = new WebAssembly.Memory({initial: 1});
		  try { detach(m.buffer) } catch (e) { e.name + ': ' + e.message + ' ' + m.buffer.byteLength }`, "TypeError: ArrayBuffer is not detachable and could not be cloned. 65536"},
	}
	for _, c := range cases {
		res, err := v.ctx.RunScript("{"+c.src+"}", "t.js")
		if err != nil {
			t.Errorf("%s: %v", c.src, err)
			continue
		}
		if got := res.String(); got != c.want {
			t.Errorf("%s\n got %q\nwant %q", c.src, got, c.want)
		}
	}
}
