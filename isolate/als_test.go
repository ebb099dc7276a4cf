package isolate

import (
	"errors"
	"strings"
	"testing"
)

// nodeWorker loads a module worker with the given compatibility flags (no resolved feature set,
// so the flags count as at the newest date) and returns its isolate; eval then runs in it.
func nodeWorker(t testing.TB, src string, flags ...string) *Isolate {
	t.Helper()
	l := sharedLoop()
	var iso *Isolate
	errc := make(chan error, 1)
	l.Post(func() {
		var err error
		iso, err = l.NewIsolate(Options{Name: "node", Log: func(Level, string) {}})
		if err != nil {
			errc <- err
			return
		}
		iso.Load(&Worker{Modules: []Module{{Name: "w.js", Kind: ModuleESM, Source: []byte(src)}}, CompatFlags: flags},
			func(err error) { errc <- err })
	})
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Call(iso.Dispose) })
	return iso
}

func checkIn(t testing.TB, iso *Isolate, cases map[string]string) {
	t.Helper()
	for src, want := range cases {
		if got := iso.eval(t, src); got != want {
			t.Errorf("%s\n got  %s\n want %s", src, got, want)
		}
	}
}

const alsPrelude = `const { AsyncLocalStorage, AsyncResource } = await import("node:async_hooks");
const als = new AsyncLocalStorage();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
`

// The store follows the async flow that started in run(): awaits, then(), thenables, timers,
// microtasks, nextTick, setImmediate, async generators and the Promise combinators; code that
// was not started inside run() does not see it.
func TestALSPropagation(t *testing.T) {
	iso := nodeWorker(t, `export default {}`, "nodejs_compat")
	checkIn(t, iso, map[string]string{
		alsPrelude + `return als.run(1, async () => { await null; await sleep(1); return als.getStore(); });`:                                                                      `1`,
		alsPrelude + `return als.run(2, () => Promise.resolve().then(() => als.getStore()));`:                                                                                      `2`,
		alsPrelude + `return als.run(3, async () => await { then(r) { r(als.getStore()); } });`:                                                                                    `3`,
		alsPrelude + `return als.run(4, () => new Promise((r) => r({ then(res) { res(als.getStore()); } })));`:                                                                     `4`,
		alsPrelude + `return als.run(5, () => new Promise((r) => setTimeout(() => r(als.getStore()), 1)));`:                                                                        `5`,
		alsPrelude + `return als.run(6, () => new Promise((r) => queueMicrotask(() => r(als.getStore()))));`:                                                                       `6`,
		alsPrelude + `return als.run(7, () => new Promise((r) => process.nextTick(() => r(als.getStore()))));`:                                                                     `7`,
		alsPrelude + `return als.run(8, () => new Promise((r) => setImmediate(() => r(als.getStore()))));`:                                                                         `8`,
		alsPrelude + `let n = 0; return als.run(9, () => new Promise((r) => { const id = setInterval(() => { if (++n === 3) { clearInterval(id); r(als.getStore()); } }, 1); }));`: `9`,
		alsPrelude + `async function* g() { yield als.getStore(); await sleep(1); yield als.getStore(); }
			return als.run(10, async () => { const out = []; for await (const v of g()) out.push(v); return out; });`: `[10,10]`,
		alsPrelude + `return als.run(11, () => Promise.all([sleep(1).then(() => als.getStore()), Promise.race([sleep(2)]).then(() => als.getStore()),
			Promise.allSettled([Promise.reject(1)]).then(() => als.getStore()), Promise.any([sleep(1)]).then(() => als.getStore())]));`: `[11,11,11,11]`,
		// A reaction keeps the store of where then() was called, not of where the promise settled.
		alsPrelude + `let resolve; const p = new Promise((r) => { resolve = r; }); const q = p.then(() => als.getStore() ?? "root");
			als.run("settler", () => resolve()); return q;`: `"root"`,
		// After run() returns (or throws), the outer store is back.
		alsPrelude + `const out = []; als.run("a", () => { try { als.run("b", () => { throw new Error("x"); }); } catch {} out.push(als.getStore()); });
			out.push(als.getStore() ?? "root"); return out;`: `["a","root"]`,
		alsPrelude + `const p = als.run("r", async () => { await sleep(1); return als.getStore(); }); const mine = als.getStore() ?? "root"; return [await p, mine];`: `["r","root"]`,
		// Independent storages nest; exit() clears only its own.
		alsPrelude + `const other = new AsyncLocalStorage({ defaultValue: "d" });
			return als.run(1, () => other.run(2, async () => { await null; return [als.getStore(), other.getStore(), als.exit(() => als.getStore() ?? "cleared"), other.exit(() => other.getStore() ?? "cleared"), als.getStore()]; }));`: `[1,2,"cleared","cleared",1]`,
		alsPrelude + `const other = new AsyncLocalStorage({ defaultValue: "d", name: "n" }); return [other.getStore(), other.name, als.name, als.getStore() ?? "none"];`: `["d","n","","none"]`,
		// Snapshots, bound functions and resources call back into the frame they captured.
		alsPrelude + `const snap = als.run("s", () => AsyncLocalStorage.snapshot()); const b = als.run("b", () => AsyncLocalStorage.bind((x) => [als.getStore(), x]));
			const res = als.run("r", () => new AsyncResource("T")); await sleep(1);
			return [snap(() => als.getStore()), b(1), res.runInAsyncScope(function (y) { return [als.getStore(), this, y]; }, "self", 2), res.bind(() => als.getStore())(), als.getStore() ?? "root"];`: `["s",["b",1],["r","self",2],"r","root"]`,
		// Event listeners run in the dispatcher's frame, not the one they were added in (as workerd).
		alsPrelude + `const et = new EventTarget(); const seen = []; als.run("add", () => et.addEventListener("e", () => seen.push(als.getStore() ?? "root")));
			als.run("dispatch", () => et.dispatchEvent(new Event("e"))); et.dispatchEvent(new Event("e")); return seen;`: `["dispatch","root"]`,
	})
}

// Promises and timers made before the first AsyncLocalStorage exists (when nothing is tracked
// yet) still run their callbacks in the root frame afterwards, and a storage made inside an
// async flow works at once.
func TestALSCreatedLate(t *testing.T) {
	iso := nodeWorker(t, `export default {}`, "nodejs_als")
	checkIn(t, iso, map[string]string{
		`let resolve; const p = new Promise((r) => { resolve = r; }); const later = p.then(() => "ran");
		 const t = new Promise((r) => setTimeout(() => r("timer"), 5));
		 const { AsyncLocalStorage } = await import("node:async_hooks");
		 const als = new AsyncLocalStorage();
		 const inside = als.run("x", async () => { await null; resolve(); return [als.getStore(), await later, await t, als.getStore()]; });
		 return [await inside, als.getStore() ?? "root"];`: `[["x","ran","timer","x"],"root"]`,
	})
}

// Bad arguments fail as in workerd.
func TestALSErrors(t *testing.T) {
	iso := nodeWorker(t, `export default {}`, "nodejs_compat")
	e := func(expr string) string {
		return alsPrelude + `try { ` + expr + `; return "no error"; } catch (e) { return e.name + ": " + e.message; }`
	}
	checkIn(t, iso, map[string]string{
		e(`als.run()`):                                     `"TypeError: Failed to execute 'run' on 'AsyncLocalStorage': parameter 1 is not of type 'Value'."`,
		e(`als.run(1, 2)`):                                 `"TypeError: Failed to execute 'run' on 'AsyncLocalStorage': parameter 2 is not of type 'function'."`,
		e(`als.exit(null)`):                                `"TypeError: Failed to execute 'exit' on 'AsyncLocalStorage': parameter 1 is not of type 'function'."`,
		e(`AsyncLocalStorage.bind({})`):                    `"TypeError: Failed to execute 'bind' on 'AsyncLocalStorage': parameter 1 is not of type 'Function'."`,
		e(`AsyncLocalStorage()`):                           `"TypeError: Failed to construct 'AsyncLocalStorage': Please use the 'new' operator, this object constructor cannot be called as a function."`,
		e(`new AsyncLocalStorage(1)`):                      `"TypeError: Failed to construct 'AsyncLocalStorage': constructor parameter 1 is not of type 'AsyncLocalStorageOptions'."`,
		e(`als.enterWith(1)`):                              `"Error: asyncLocalStorage.enterWith() is not implemented"`,
		e(`als.disable()`):                                 `"Error: asyncLocalStorage.disable() is not implemented"`,
		e(`new AsyncResource("x").bind(1)`):                `"TypeError: Failed to execute 'bind' on 'AsyncResource': parameter 1 is not of type 'Function'."`,
		e(`AsyncResource.prototype.asyncId()`):             `"TypeError: Illegal invocation: function called with incorrect ` + "`this`" + ` reference. See https://developers.cloudflare.com/workers/observability/errors/#illegal-invocation-errors for details."`,
		e(`new AsyncLocalStorage(null)`):                   `"no error"`,
		e(`new AsyncResource("x", 5)`):                     `"TypeError: Failed to construct 'AsyncResource': constructor parameter 2 is not of type 'Options'."`,
		e(`new AsyncResource("x", { triggerAsyncId: 1 })`): `"Error: The 'triggerAsyncId' field on 'Options' is not implemented."`,
		e(`AsyncLocalStorage.snapshot()(1)`):               `"TypeError: The first argument must be a function"`,
		e(`if (!AsyncResource.bind(function () { return this === globalThis; }).call("x")) throw new Error("this")`): `"no error"`,
		e(`if (new AsyncResource("r").emitDestroy() !== undefined) throw new Error("emitDestroy")`):                  `"no error"`,
		e(`als.getStore.call(1)`): `"TypeError: Illegal invocation: function called with incorrect ` + "`this`" + ` reference. See https://developers.cloudflare.com/workers/observability/errors/#illegal-invocation-errors for details."`,
	})
}

// Which node: modules a worker may import depends on its flags; the built-ins' helpers are never
// importable.
func TestNodeModuleAvailability(t *testing.T) {
	imp := `const out = []; for (const m of ["node:async_hooks", "node:process", "node:buffer", "node:timers", "process", "internal:require", "internal:process_common"]) {
		try { await import(m); out.push("ok"); } catch (e) { out.push(e.message); } } return out;`
	cases := []struct {
		flags []string
		want  string
	}{
		{nil, `["No such module \"node:async_hooks\".","ok","No such module \"node:buffer\".","No such module \"node:timers\".","No such module \"process\".","No such module \"internal:require\".","No such module \"internal:process_common\"."]`},
		{[]string{"nodejs_als"}, `["ok","ok","No such module \"node:buffer\".","No such module \"node:timers\".","No such module \"process\".","No such module \"internal:require\".","No such module \"internal:process_common\"."]`},
		{[]string{"nodejs_compat", "no_nodejs_compat_v2"}, `["ok","ok","ok","ok","No such module \"process\".","No such module \"internal:require\".","No such module \"internal:process_common\"."]`},
		{[]string{"nodejs_compat"}, `["ok","ok","ok","ok","ok","No such module \"internal:require\".","No such module \"internal:process_common\"."]`},
	}
	for _, c := range cases {
		iso := nodeWorker(t, `export default {}`, c.flags...)
		if got := iso.eval(t, imp); got != c.want {
			t.Errorf("flags %v\n got  %s\n want %s", c.flags, got, c.want)
		}
	}
}

// process.exit() stops JS at once (not even finally blocks run), fails the request with
// workerd's message and condemns the isolate.
func TestProcessExit(t *testing.T) {
	iso := nodeWorker(t, `export const state = { finally: false };
export default { fetch() { try { process.exit(7); } finally { state.finally = true; } } };`, "nodejs_compat")
	s := &errSink{done: make(chan error, 1)}
	iso.Loop.Post(func() { iso.Fetch(&Request{Method: "GET", URL: "http://x/"}, s) })
	err := <-s.done
	var exit *ExitError
	if !errors.As(err, &exit) || exit.Code != 7 || !strings.HasPrefix(err.Error(), "The Node.js process.exit(7) API was called.") {
		t.Fatalf("request error = %v", err)
	}
	var broken error
	iso.Loop.Call(func() { broken = iso.Broken() })
	if !errors.As(broken, &exit) {
		t.Errorf("Broken() = %v", broken)
	}
}

type errSink struct{ done chan error }

func (s *errSink) Start(int, string, [][2]string)   {}
func (s *errSink) Write(_ []byte, done func(error)) { done(nil) }
func (s *errSink) End(err error)                    { s.done <- err }

// A worker module named like a built-in wins for imports, but process.getBuiltinModule() still
// returns the built-in (as workerd's).
func TestGetBuiltinModuleOverridden(t *testing.T) {
	l := sharedLoop()
	var iso *Isolate
	errc := make(chan error, 1)
	l.Post(func() {
		var err error
		iso, err = l.NewIsolate(Options{Name: "gbm"})
		if err != nil {
			errc <- err
			return
		}
		iso.Load(&Worker{Modules: []Module{
			{Name: "w.js", Kind: ModuleESM, Source: []byte(`export default {}`)},
			{Name: "node:path", Kind: ModuleESM, Source: []byte(`export default 2;`)},
		}, CompatFlags: []string{"nodejs_compat"}}, func(err error) { errc <- err })
	})
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Call(iso.Dispose) })
	checkIn(t, iso, map[string]string{
		`const mine = (await import("node:path")).default; const b = process.getBuiltinModule("node:path");
		 return [mine, typeof b.join, b.join("a", "b"), process.getBuiltinModule("path") === b, process.getBuiltinModule("nope") ?? null, process.getBuiltinModule(1) ?? null];`: `[2,"function","a/b",true,null,null]`,
		`try { await import("internal:original/node:path"); } catch (e) { return e.message; }`: `"No such module \"internal:original/node:path\"."`,
	})
}
