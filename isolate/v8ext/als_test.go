package v8ext

import "testing"

// The continuation-preserved frame follows promise reactions: it is saved when a reaction is
// created and current while it runs, and root (undefined) again afterwards.
func TestAsyncContextFollowsPromises(t *testing.T) {
	v := newEnv(t, 0, Options{})
	if err := v.ext.InstallAsyncContext(v.ctx); err != nil {
		t.Fatal(err)
	}
	v.must(`globalThis.ac = __asyncContext; delete globalThis.__asyncContext; ac.hook();
		globalThis.within = (f, fn) => { const p = ac.get(); ac.set(f); try { return fn(); } finally { ac.set(p); } };`)
	cases := map[string]string{
		`ac.get()`:                    `undefined`,
		`within("a", () => ac.get())`: `a`,
		`(async () => { const seen = []; await within("b", async () => { seen.push(ac.get()); await null; seen.push(ac.get());
			await new Promise((r) => r()); seen.push(ac.get()); }); seen.push(String(ac.get())); return seen.join(); })()`: `b,b,b,undefined`,
		`(async () => { let r; const p = new Promise((res) => { r = res; }); const q = within("c", () => p.then(() => ac.get())); r(); return q; })()`: `c`,
		// The reaction keeps the frame of where then() was called, not where the promise settled.
		`(async () => { let r; const p = new Promise((res) => { r = res; }); const q = p.then(() => String(ac.get())); within("d", () => r()); return q; })()`: `undefined`,
		// Custom thenables: the job that calls then() runs in the awaiting frame.
		`within("e", async () => await { then(done) { done(ac.get()); } })`:                            `e`,
		`within("f", async () => await new Promise((res) => res({ then(done) { done(ac.get()); } })))`: `f`,
		`Promise.resolve().then(() => String(ac.get()))`:                                               `undefined`,
	}
	for src, want := range cases {
		v.expect(src, want)
	}
}

// Without the promise hook, V8 alone carries the frame through reactions (then, await) but not
// into the job that calls a thenable's then(); and a frame set by a job does not outlive it.
func TestAsyncContextWithoutHook(t *testing.T) {
	v := newEnv(t, 0, Options{})
	if err := v.ext.InstallAsyncContext(v.ctx); err != nil {
		t.Fatal(err)
	}
	v.must(`globalThis.ac = __asyncContext; delete globalThis.__asyncContext;
		globalThis.within = (f, fn) => { const p = ac.get(); ac.set(f); try { return fn(); } finally { ac.set(p); } };`)
	v.expect(`within("a", async () => { await null; return ac.get(); })`, `a`)
	v.expect(`within("b", async () => String(await { then(done) { done(ac.get()); } }))`, `undefined`)
	v.expect(`(async () => { await within("c", () => Promise.resolve().then(() => { ac.set("leak"); })); await null; return String(ac.get()); })()`, `undefined`)
	v.expect(`typeof __asyncContext`, `undefined`)
}
