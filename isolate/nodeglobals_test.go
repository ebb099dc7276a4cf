package isolate

import "testing"

// With nodejs_compat (at the newest date) the Node.js globals are the built-in modules' objects;
// without nodejs_compat_v2 there are none.
func TestNodeGlobals(t *testing.T) {
	iso := nodeWorker(t, `export default {}`, "nodejs_compat")
	checkIn(t, iso, map[string]string{
		`const P = await import("node:process"); const B = await import("node:buffer");
		 return [process === P.default, Buffer === B.Buffer, global === globalThis, typeof setImmediate, typeof clearImmediate,
		   Object.keys(globalThis).filter((k) => ["process", "Buffer", "global", "setImmediate"].includes(k)).sort()];`: `[true,true,true,"function","function",["Buffer","global","process"]]`,
		`return [Object.prototype.toString.call(process), process.version, process.platform, process.cwd(), typeof process.on, process.env.NOPE ?? null];`: `["[object process]","v22.23.4","linux","/bundle","function",null]`,
		// enable_nodejs_global_timers: the global setTimeout gives node:timers' Timeout objects.
		`const t = setTimeout(() => {}, 1000); const s = Object.prototype.toString.call(t) + " " + t.constructor.name; clearTimeout(t); return [s, typeof +t];`: `["[object Object] Timeout","number"]`,
		`try { clearImmediate(1); } catch (e) { return e.message; }`: `"Failed to execute 'clearImmediate' on 'ServiceWorkerGlobalScope': parameter 1 is not of type 'Immediate'."`,
	})
	legacy := nodeWorker(t, `export default {}`, "nodejs_compat", "no_nodejs_compat_v2", "disable_nodejs_process_v2")
	checkIn(t, legacy, map[string]string{
		`return [typeof process, typeof Buffer, typeof global, typeof setImmediate, Object.keys((await import("node:process")).default)];`: `["undefined","undefined","undefined","undefined",["nextTick","env","exit","getBuiltinModule","platform","features"]]`,
		`return typeof setTimeout(() => {}, 1);`: `"number"`,
	})
}

// process.env holds text bindings as they are and JSON bindings as JSON text; values set later
// become strings, and accessor or partial descriptors are refused.
func TestProcessEnv(t *testing.T) {
	l := sharedLoop()
	var iso *Isolate
	errc := make(chan error, 1)
	l.Post(func() {
		var err error
		iso, err = l.NewIsolate(Options{Name: "env"})
		if err != nil {
			errc <- err
			return
		}
		iso.Load(&Worker{
			Modules:     []Module{{Name: "w.js", Kind: ModuleESM, Source: []byte(`export default {}`)}},
			CompatFlags: []string{"nodejs_compat"},
			Bindings: []Binding{{Name: "T", Kind: BindText, Text: "x"}, {Name: "J", Kind: BindJSON, Text: `{"a":[1,"b"]}`},
				{Name: "S", Kind: BindJSON, Text: `"str"`}, {Name: "D", Kind: BindData, Data: []byte("ab")}},
		}, func(err error) { errc <- err })
	})
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Call(iso.Dispose) })
	checkIn(t, iso, map[string]string{
		`return Object.keys(process.env).filter((k) => "TJSD".includes(k)).sort();`:                                                                 `["J","S","T"]`,
		`return ["T", "J", "S", "D"].map((k) => process.env[k] ?? null);`:                                                                           `["x","{\"a\":[1,\"b\"]}","str",null]`,
		`process.env.N = 5; process.env.U = undefined; return [process.env.N, process.env.U];`:                                                      `["5","undefined"]`,
		`try { Object.defineProperty(process.env, "G", { get() {} }); } catch (e) { return [e.name, e.code]; }`:                                     `["TypeError","ERR_INVALID_ARG_VALUE"]`,
		`try { Object.defineProperty(process.env, "G", { value: 1, writable: true, enumerable: true }); } catch (e) { return e.message; }`:          `"The property 'descriptor.configurable' process.env value must be configurable. Received { value: 1, writable: true, enumerable: true }"`,
		`Object.defineProperty(process.env, "G", { value: 2, writable: true, enumerable: true, configurable: true }); return typeof process.env.G;`: `"string"`,
	})
}

// node:timers and node:timers/promises: Timeout objects, promise forms with values, AbortSignal
// cancellation with Node.js's AbortError, the interval iterator and the scheduler.
func TestNodeTimers(t *testing.T) {
	iso := nodeWorker(t, `export default {}`, "nodejs_compat")
	pre := `const timers = await import("node:timers"); const tp = await import("node:timers/promises");
const fail = async (p) => { try { await p; return "resolved"; } catch (e) { return [e.name, e.code ?? null, e.message, e.cause === undefined ? null : String(e.cause)]; } };
`
	checkIn(t, iso, map[string]string{
		pre + `return [await tp.setTimeout(1, "v"), await tp.setImmediate("i"), await tp.scheduler.wait(1) ?? null, await tp.scheduler.yield() ?? null];`:                                                                          `["v","i",null,null]`,
		pre + `const ac = new AbortController(); const p = tp.setTimeout(1000, "v", { signal: ac.signal }); ac.abort("why"); return fail(p);`:                                                                                      `["AbortError","ABORT_ERR","The operation was aborted","why"]`,
		pre + `return fail(tp.setTimeout(1, "v", { signal: AbortSignal.abort() }));`:                                                                                                                                               `["AbortError","ABORT_ERR","The operation was aborted","AbortError: The operation was aborted"]`,
		pre + `return [await fail(tp.setTimeout("1")), await fail(tp.setTimeout(1, 1, null)), await fail(tp.setImmediate(1, { ref: 1 })), await fail(tp.setTimeout(1, 1, { signal: {} }))];`:                                       `[["TypeError","ERR_INVALID_ARG_TYPE","The \"delay\" argument must be of type number. Received type string ('1')",null],["TypeError","ERR_INVALID_ARG_TYPE","The \"options\" argument must be of type object. Received null",null],["TypeError","ERR_INVALID_ARG_TYPE","The \"options.ref\" property must be of type boolean. Received type number (1)",null],["TypeError","ERR_INVALID_ARG_TYPE","The \"options.signal\" property must be an instance of AbortSignal. Received an instance of Object",null]]`,
		pre + `const out = []; for await (const v of tp.setInterval(1, "x")) { out.push(v); if (out.length === 3) break; } return out;`:                                                                                            `["x","x","x"]`,
		pre + `const ac = new AbortController(); const out = []; const r = await fail((async () => { for await (const v of tp.setInterval(1, "y", { signal: ac.signal })) { out.push(v); ac.abort(); } })()); return [out, r[0]];`: `[["y"],"AbortError"]`,
		pre + `try { tp.scheduler.yield.call({}); } catch (e) { return [e.code, e.message]; }`:                                                                                                                                     `["ERR_INVALID_THIS","Value of \"this\" must be of type Scheduler"]`,
		pre + `let n = 0; const t = timers.setTimeout(() => n++, 1); t.refresh(); await tp.setTimeout(20); const u = timers.setTimeout(() => n++, 1); timers.clearTimeout(u); await tp.setTimeout(20);
		 return [n, t.hasRef(), t.unref().hasRef(), typeof +t, String(timers.clearTimeout("x")), Object.keys(timers.promises)];`: `[1,true,false,"number","undefined",["scheduler","setImmediate","setInterval","setTimeout"]]`,
		pre + `const order = []; timers.setImmediate(() => order.push("imm")); timers.setTimeout(() => order.push("t0"), 0); queueMicrotask(() => order.push("micro")); await tp.setTimeout(10); return order;`: `["micro","imm","t0"]`,
		pre + `try { timers.setTimeout("x"); } catch (e) { return [e.name, e.code, e.message, String(e)]; }`:                                                                                                    `["TypeError","ERR_INVALID_ARG_TYPE","The \"callback\" argument must be of type function. Received type string ('x')","TypeError [ERR_INVALID_ARG_TYPE]: The \"callback\" argument must be of type function. Received type string ('x')"]`,
	})
}
