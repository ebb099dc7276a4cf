package services_test

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/nanod-runtime/nanod/config"
	"github.com/nanod-runtime/nanod/internal/oracle"
)

// nodeALSWorker exercises AsyncLocalStorage propagation (promises, thenables, timers, nextTick,
// setImmediate, node:timers), process (globals, env, functions, errors) and node:timers[/promises].
// Each path is a case; its result comes back as JSON.
const nodeALSWorker = `import { AsyncLocalStorage, AsyncResource, executionAsyncId, createHook } from "node:async_hooks";
import * as processNS from "node:process";
import timers from "node:timers";
import * as timersP from "node:timers/promises";
import { Buffer as NodeBuffer } from "node:buffer";

const als = new AsyncLocalStorage();
const other = new AsyncLocalStorage({ defaultValue: "dflt", name: "other" });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const err = (f) => { try { return ["ok", f()]; } catch (e) { return [e.name, e.code ?? null, e.message]; } };
const aerr = async (f) => { try { return ["ok", await f()]; } catch (e) { return [e.name, e.code ?? null, e.message, e.cause === undefined ? null : String(e.cause)]; } };
const keys = (o) => Reflect.ownKeys(o).map(String);

const cases = {
  alsAwait: () => als.run("a", async () => {
    const seen = [als.getStore()];
    await null; seen.push(als.getStore());
    await sleep(1); seen.push(als.getStore());
    await Promise.all([als.run("b", async () => { await sleep(2); return als.getStore(); }), sleep(1).then(() => als.getStore())]).then((v) => seen.push(...v));
    seen.push(als.getStore());
    return seen;
  }),
  alsOutside: async () => { await als.run("x", () => sleep(1)); return [als.getStore() ?? null, other.getStore(), other.name, als.name]; },
  alsThenable: async () => [
    await als.run(1, async () => await { then(r) { r(als.getStore()); } }),
    await als.run(2, () => new Promise((res) => res({ then(r) { r(als.getStore()); } }))),
    await als.run(3, () => Promise.resolve().then(() => ({ then(r) { r(als.getStore()); } }))),
  ],
  alsTimers: async () => {
    const seen = [];
    await als.run("t", () => new Promise((r) => setTimeout(() => { seen.push(als.getStore()); r(); }, 1)));
    await als.run("q", () => new Promise((r) => queueMicrotask(() => { seen.push(als.getStore()); r(); })));
    let n = 0;
    await als.run("i", () => new Promise((r) => { const id = setInterval(() => { seen.push(als.getStore()); if (++n === 2) { clearInterval(id); r(); } }, 1); }));
    await als.run("nt", () => new Promise((r) => process.nextTick(() => { seen.push(als.getStore()); r(); })));
    await als.run("im", () => new Promise((r) => setImmediate(() => { seen.push(als.getStore()); r(); })));
    await als.run("nodeTO", () => new Promise((r) => timers.setTimeout(() => { seen.push(als.getStore()); r(); }, 1)));
    seen.push(await als.run("tp", () => timersP.setTimeout(1).then(() => als.getStore())));
    return seen;
  },
  alsNesting: () => als.run(1, () => [als.getStore(), als.run(2, () => [als.getStore(), other.run("o", () => [als.getStore(), other.getStore()])]), als.exit(() => als.getStore() ?? null), other.exit(() => other.getStore()), als.getStore()]),
  alsSnapshotBind: () => {
    const snap = als.run("s", () => AsyncLocalStorage.snapshot());
    const bound = als.run("b", () => AsyncLocalStorage.bind((x, y) => [als.getStore(), x, y]));
    const res = als.run("r", () => new AsyncResource("R"));
    const rb = res.bind(function (a) { return [als.getStore(), a]; });
    const sb = als.run("sb", () => AsyncResource.bind((a) => [als.getStore(), a]));
    return [snap((a) => [als.getStore(), a], 5), bound(1, 2), res.runInAsyncScope((a, b) => [als.getStore(), a, b], null, 3, 4), rb(6), rb.asyncResource === res, sb(7), typeof sb.asyncResource, [snap.name, snap.length, bound.name, bound.length, rb.name, rb.length], als.run("in", () => snap(() => als.getStore()))];
  },
  alsEvents: () => {
    const seen = [];
    const et = new EventTarget();
    als.run("reg", () => et.addEventListener("x", () => seen.push(als.getStore() ?? null)));
    als.run("disp", () => et.dispatchEvent(new Event("x")));
    et.dispatchEvent(new Event("x"));
    const ac = new AbortController();
    als.run("sig", () => ac.signal.addEventListener("abort", () => seen.push(als.getStore() ?? null)));
    als.run("abort", () => ac.abort());
    return seen;
  },
  alsErrors: () => [
    err(() => als.run()), err(() => als.run(1)), err(() => als.run(1, "f")), err(() => als.exit()), err(() => AsyncLocalStorage.bind(1)),
    err(() => AsyncLocalStorage()), err(() => AsyncResource("x")), err(() => new AsyncLocalStorage(1)), err(() => als.enterWith(1)), err(() => als.disable()),
    err(() => new AsyncResource("x").bind(1)), err(() => new AsyncResource("x").runInAsyncScope(1)), err(() => AsyncResource.bind("f")),
    err(() => AsyncLocalStorage.prototype.getStore.call({})), err(() => als.run(1, () => { throw new RangeError("inner"); })), als.getStore() ?? null,
  ],
  alsSurface: () => [keys(AsyncLocalStorage.prototype), keys(AsyncResource.prototype), keys(AsyncLocalStorage), keys(als), String(als), Object.prototype.toString.call(new AsyncResource("x")), AsyncLocalStorage.length, AsyncResource.length, als.run.length, executionAsyncId(), createHook({}).enable() !== undefined, new AsyncResource("x").asyncId(), new AsyncLocalStorage({ name: 5 }).name],
  processGlobals: () => [typeof process, process === processNS.default, typeof Buffer, Buffer === NodeBuffer, global === globalThis, Object.keys(process).length, Object.prototype.toString.call(process), typeof process.on, process.version, process.versions.node, process.platform, process.arch, process.title, process.pid, process.ppid, process.argv, process.execArgv, process.cwd(), process.uptime(), process.exitCode ?? null, process.release.name, process.features.typescript, typeof setImmediate, typeof clearImmediate, Object.keys(globalThis).includes("setImmediate")],
  processEnv: () => { const e = process.env; e.NUM = 5; const out = [e.TXT, e.JSN, e.DAT ?? null, typeof e.NUM, e.NUM, Object.keys(e).sort()]; delete e.NUM; return out; },
  processEnvErrors: () => [err(() => Object.defineProperty(process.env, "A", { get() {} })), err(() => Object.defineProperty(process.env, "A", { value: 1 })), err(() => Object.defineProperty(process.env, "A", { value: 1, configurable: true, enumerable: true })), err(() => { process.env[Symbol("s")] = 1; }), err(() => { process.env.S = Symbol("v"); })],
  processFns: async () => {
    const order = [];
    process.nextTick((a, b) => order.push("tick" + a + b), 1, 2);
    Promise.resolve().then(() => order.push("promise"));
    queueMicrotask(() => order.push("micro"));
    await sleep(1);
    const warnings = [];
    const onw = (w) => warnings.push([w.name, w.message, w.code ?? null, w.detail ?? null]);
    process.on("warning", onw);
    process.emitWarning("w1");
    process.emitWarning("w2", "CustomWarning", "C2");
    process.emitWarning(new Error("w3"), { type: "T3", code: "C3", detail: "d3" });
    await sleep(1);
    process.off("warning", onw);
    const hr = process.hrtime();
    return [order, warnings, hr.length, typeof process.hrtime.bigint(), Array.isArray(process.hrtime(hr)), process.umask(), process.umask("0777"), process.getuid(), process.getgroups(), process.memoryUsage(), typeof process.getBuiltinModule("node:buffer").Buffer, process.getBuiltinModule("buffer").Buffer === Buffer, process.getBuiltinModule("node:nope") ?? null, typeof process.getBuiltinModule("node:timers").setTimeout, process.getBuiltinModule("async_hooks").AsyncLocalStorage === AsyncLocalStorage];
  },
  processErrors: () => [err(() => process.hrtime(1)), err(() => process.hrtime([1])), err(() => process.emitWarning(1)), err(() => process.chdir(1)), err(() => process.chdir("/nonexistent")), err(() => { process.chdir("/tmp"); const c = process.cwd(); process.chdir("/bundle"); return c; }), err(() => process.umask("9")), err(() => process.umask(-1)), err(() => process.setuid(1)), err(() => process.kill(1)), err(() => process.cpuUsage()), err(() => process.binding("x"))],
  timersNode: () => {
    const t = timers.setTimeout(() => {}, 1000);
    const i = timers.setImmediate(() => {});
    const out = [Object.keys(timers), Object.keys(timers.promises), Object.keys(timersP), Object.prototype.toString.call(t), t.constructor.name, typeof +t, t.hasRef(), t.unref().hasRef(), t.ref().hasRef(), t.refresh() === t, Object.prototype.toString.call(i), i.constructor.name, typeof +i, i.hasRef(), i.unref(), i.hasRef(), i.ref(), i.hasRef()];
    t.close(); timers.clearImmediate(i); timers.clearTimeout("x"); timers.clearTimeout({});
    out.push(err(() => timers.setTimeout(1)), err(() => timers.setInterval("x")), err(() => timers.setImmediate(1)), err(() => timers.clearImmediate(5)), err(() => timers.enroll({}, 1)), err(() => clearImmediate(5)), err(() => setImmediate("x")));
    return out;
  },
  timersOrder: async () => { const o = []; setImmediate(() => o.push("imm")); setTimeout(() => o.push("to0"), 0); queueMicrotask(() => o.push("mt")); process.nextTick(() => o.push("tick")); const a = []; setImmediate((x, y) => a.push(x, y), 1, 2); await sleep(10); return [o, a]; },
  timersPromises: async () => [
    await aerr(() => timersP.setTimeout(1, "v")), await aerr(() => timersP.setTimeout("1")), await aerr(() => timersP.setTimeout(1, "v", null)), await aerr(() => timersP.setTimeout(1, "v", { signal: 1 })),
    await aerr(() => timersP.setTimeout(1, "v", { signal: AbortSignal.abort() })), await aerr(() => timersP.setTimeout(1, "v", { ref: 1 })),
    await aerr(() => { const ac = new AbortController(); const p = timersP.setTimeout(50, "v", { signal: ac.signal }); ac.abort("why"); return p; }),
    await aerr(() => timersP.setImmediate("im")), await aerr(() => timersP.setImmediate("im", { signal: AbortSignal.abort(new Error("r")) })),
    await aerr(async () => { const out = []; for await (const v of timersP.setInterval(1, "iv")) { out.push(v); if (out.length === 3) break; } return out; }),
    await aerr(async () => { const ac = new AbortController(); const out = []; for await (const v of timersP.setInterval(1, "iv", { signal: ac.signal })) { out.push(v); ac.abort(); } return out; }),
    await aerr(() => timersP.scheduler.wait(1)), await aerr(() => timersP.scheduler.yield()), await aerr(() => timersP.scheduler.yield.call({})),
    await aerr(() => timersP.setTimeout(-1, "neg")), await aerr(() => timersP.setTimeout(1, "v", "str")),
    await aerr(async () => { const e = await timersP.setTimeout(1, null, { signal: AbortSignal.abort() }).catch((e) => e); return [e instanceof Error, e instanceof DOMException, Object.keys(e), String(e)]; }),
  ],
  snapMake: () => { SNAP = AsyncLocalStorage.snapshot(); BOUND = als.run("bound", () => AsyncLocalStorage.bind(() => als.getStore())); return [err(() => SNAP(() => 1)), err(() => BOUND()), err(() => TOP_SNAP(() => als.getStore()))]; },
  snapUse: () => [err(() => SNAP(() => 1)), err(() => BOUND()), err(() => TOP_SNAP(() => als.getStore()))],
  exitCaller: async () => { try { await SELF.fetch("http://self/exitNow"); return "no error"; } catch (e) { return [e.name, e.message]; } },
  exitNow: () => { try { process.exit(3); } finally { FINALLY.ran = true; } },
  exitAfter: () => FINALLY.ran,
};
const FINALLY = { ran: false };
let SNAP, BOUND;
const TOP_SNAP = als.run("top", () => AsyncLocalStorage.snapshot());
let SELF;
export default {
  async fetch(req, env) {
    SELF = env.SELF;
    const name = new URL(req.url).pathname.slice(1);
    const fn = cases[name];
    if (!fn) return new Response("no case " + name, { status: 404 });
    if (name === "exitNow") return fn();
    try {
      return Response.json({ ok: await fn(req) });
    } catch (e) {
      return Response.json({ err: e.name, msg: e.message });
    }
  },
};
`

// nodeALSWants are workerd's answers to nodeALSWorker (compatibilityDate 2025-09-15, nodejs_compat,
// the bindings of nodeALSConfig), recorded from workerd 1.20261117.
var nodeALSWants = []struct{ name, want string }{
	{"alsAwait", `{"ok":["a","a","a","b","a","a"]}`},
	{"alsOutside", `{"ok":[null,"dflt","other",""]}`},
	{"alsThenable", `{"ok":[1,2,3]}`},
	{"alsTimers", `{"ok":["t","q","i","i","nt","im","nodeTO","tp"]}`},
	{"alsNesting", `{"ok":[1,[2,[2,"o"]],null,null,1]}`},
	{"alsSnapshotBind", `{"ok":[["s",5],["b",1,2],["r",3,4],["r",6],true,["sb",7],"object",["",0,"",0,"",0],"s"]}`},
	{"alsEvents", `{"ok":["disp",null,"abort"]}`},
	{"alsErrors", `{"ok":[["TypeError",null,"Failed to execute 'run' on 'AsyncLocalStorage': parameter 1 is not of type 'Value'."],["TypeError",null,"Failed to execute 'run' on 'AsyncLocalStorage': parameter 2 is not of type 'function'."],["TypeError",null,"Failed to execute 'run' on 'AsyncLocalStorage': parameter 2 is not of type 'function'."],["TypeError",null,"Failed to execute 'exit' on 'AsyncLocalStorage': parameter 1 is not of type 'function'."],["TypeError",null,"Failed to execute 'bind' on 'AsyncLocalStorage': parameter 1 is not of type 'Function'."],["TypeError",null,"Failed to construct 'AsyncLocalStorage': Please use the 'new' operator, this object constructor cannot be called as a function."],["TypeError",null,"Failed to construct 'AsyncResource': Please use the 'new' operator, this object constructor cannot be called as a function."],["TypeError",null,"Failed to construct 'AsyncLocalStorage': constructor parameter 1 is not of type 'AsyncLocalStorageOptions'."],["Error",null,"asyncLocalStorage.enterWith() is not implemented"],["Error",null,"asyncLocalStorage.disable() is not implemented"],["TypeError",null,"Failed to execute 'bind' on 'AsyncResource': parameter 1 is not of type 'Function'."],["TypeError",null,"Failed to execute 'runInAsyncScope' on 'AsyncResource': parameter 1 is not of type 'function'."],["TypeError",null,"Failed to execute 'bind' on 'AsyncResource': parameter 1 is not of type 'Function'."],["TypeError",null,"Illegal invocation: function called with incorrect ` + "`" + `this` + "`" + ` reference. See https://developers.cloudflare.com/workers/observability/errors/#illegal-invocation-errors for details."],["RangeError",null,"inner"],null]}`},
	{"processGlobals", `{"ok":["object",true,"function",true,true,96,"[object process]","function","v22.23.4","22.23.4","linux","x64","workerd",1,0,["workerd"],[],"/bundle",0,null,"node",false,"function","function",false]}`},
	{"processEnv", `{"ok":["t","{\"a\":[1]}",null,"string","5",["JSN","NUM","TXT"]]}`},
	{"processEnvErrors", `{"ok":[["TypeError","ERR_INVALID_ARG_VALUE","The argument 'descriptor' process.env value must not have getter/setter. Received { get: [Function: get] }"],["TypeError","ERR_INVALID_ARG_VALUE","The property 'descriptor.configurable' process.env value must be configurable. Received { value: 1 }"],["TypeError","ERR_INVALID_ARG_VALUE","The property 'descriptor.writable' process.env value must be writable. Received { value: 1, enumerable: true, configurable: true }"],["TypeError",null,"Cannot convert a symbol value to a string"],["TypeError",null,"Cannot convert a symbol value to a string"]]}`},
	{"processFns", `{"ok":[["tick12","promise","micro"],[["Warning","w1",null,null],["CustomWarning","w2","C2",null],["T3","w3","C3","d3"]],2,"bigint",true,18,18,0,[0],{"rss":0,"heapTotal":0,"heapUsed":0,"external":0,"arrayBuffers":0},"function",true,null,"function",true]}`},
	{"processErrors", `{"ok":[["TypeError","ERR_INVALID_ARG_TYPE","The \"time\" argument must be tuple of integers. Received type number (1)"],["RangeError","ERR_OUT_OF_RANGE","The value of \"time\" is out of range. It must be 2. Received [ 1 ]"],["TypeError","ERR_INVALID_ARG_TYPE","The \"warning\" argument must be an string or Error. Received type number (1)"],["TypeError","ERR_INVALID_ARG_TYPE","The \"directory\" argument must be of type string. Received type number (1)"],["Error","ENOENT","no such file or directory, chdir 'nonexistent'"],["ok","/tmp"],["TypeError","ERR_INVALID_ARG_VALUE","The argument 'mask' must be a 32-bit unsigned integer or an octal string. Received '9'"],["TypeError","ERR_INVALID_ARG_VALUE","The argument 'mask' must be a 32-bit unsigned integer or an octal string. Received -1"],["Error","EPERM","operation not permitted"],["Error","ERR_METHOD_NOT_IMPLEMENTED","The process.kill method is not implemented"],["Error","ERR_METHOD_NOT_IMPLEMENTED","The process.cpuUsage method is not implemented"],["Error","ERR_METHOD_NOT_IMPLEMENTED","The process.binding method is not implemented"]]}`},
	{"timersNode", `{"ok":[["promises","setTimeout","clearTimeout","setImmediate","clearImmediate","setInterval","clearInterval","active","unenroll","enroll"],["scheduler","setImmediate","setInterval","setTimeout"],["default","scheduler","setImmediate","setInterval","setTimeout"],"[object Object]","Timeout","number",true,false,true,true,"[object Immediate]","Immediate","number",false,null,false,null,false,["TypeError","ERR_INVALID_ARG_TYPE","The \"callback\" argument must be of type function. Received type number (1)"],["TypeError","ERR_INVALID_ARG_TYPE","The \"callback\" argument must be of type function. Received type string ('x')"],["TypeError",null,"Failed to execute 'setImmediate' on 'TimersUtil': parameter 1 is not of type 'function'."],["TypeError",null,"Failed to execute 'clearImmediate' on 'TimersUtil': parameter 1 is not of type 'Immediate'."],["Error",null,"Not implemented. Please use setTimeout() instead."],["TypeError",null,"Failed to execute 'clearImmediate' on 'ServiceWorkerGlobalScope': parameter 1 is not of type 'Immediate'."],["TypeError",null,"Failed to execute 'setImmediate' on 'ServiceWorkerGlobalScope': parameter 1 is not of type 'function'."]]}`},
	{"timersOrder", `{"ok":[["mt","tick","imm","to0"],[1,2]]}`},
	{"snapMake", `{"ok":[["ok",1],["ok","bound"],["ok","top"]]}`},
	{"snapUse", `{"ok":[["Error",null,"Cannot call this AsyncLocalStorage bound function outside of the request in which it was created."],["Error",null,"Cannot call this AsyncLocalStorage bound function outside of the request in which it was created."],["ok","top"]]}`},
	{"timersPromises", `{"ok":[["ok","v"],["TypeError","ERR_INVALID_ARG_TYPE","The \"delay\" argument must be of type number. Received type string ('1')",null],["TypeError","ERR_INVALID_ARG_TYPE","The \"options\" argument must be of type object. Received null",null],["TypeError","ERR_INVALID_ARG_TYPE","The \"options.signal\" property must be an instance of AbortSignal. Received type number (1)",null],["AbortError","ABORT_ERR","The operation was aborted","AbortError: The operation was aborted"],["TypeError","ERR_INVALID_ARG_TYPE","The \"options.ref\" property must be of type boolean. Received type number (1)",null],["AbortError","ABORT_ERR","The operation was aborted","why"],["ok","im"],["AbortError","ABORT_ERR","The operation was aborted","Error: r"],["ok",["iv","iv","iv"]],["AbortError","ABORT_ERR","The operation was aborted","AbortError: The operation was aborted"],["ok",null],["ok",null],["TypeError","ERR_INVALID_THIS","Value of \"this\" must be of type Scheduler",null],["ok","neg"],["TypeError","ERR_INVALID_ARG_TYPE","The \"options\" argument must be of type object. Received type string ('str')",null],["ok",[true,false,["code","name"],"AbortError: The operation was aborted"]]]}`},
}

func nodeALSConfig(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "w.js"), []byte(nodeALSWorker), 0o644)
	cfg := `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = (modules = [(name = "w.js", esModule = embed "w.js")],
    compatibilityDate = "2025-09-15", compatibilityFlags = ["nodejs_compat"],
    bindings = [(name = "SELF", service = "main"), (name = "TXT", text = "t"), (name = "JSN", json = "{\"a\":[1]}"), (name = "DAT", data = "ab")])) ],
  sockets = [ (name = "http", address = "*:8080", http = (), service = "main") ],
);`
	p := filepath.Join(dir, "config.capnp")
	os.WriteFile(p, []byte(cfg), 0o644)
	return p
}

func getBody(t testing.TB, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		return "error: " + err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// TestNodeALS checks nanod's answers against workerd's recorded ones.
func TestNodeALS(t *testing.T) {
	base := serveLoops(t, nodeALSConfig(t), config.Options{}, 1)["http"] // one isolate: cases share module state
	for _, c := range nodeALSWants {
		t.Run(c.name, func(t *testing.T) {
			if got := getBody(t, base+"/"+c.name); got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
	// process.exit() stops the callee at once (its finally block never runs); the isolate is
	// replaced, so the caller (here the same isolate) fails too, and the next request is served.
	if got := getBody(t, base+"/exitCaller"); !strings.Contains(got, "Internal Server Error") {
		t.Errorf("exitCaller: %s", got)
	}
	if got := getBody(t, base+"/exitAfter"); got != `{"ok":false}` {
		t.Errorf("exitAfter: %s", got)
	}
}

// TestNodeALSDifferential serves nodeALSWorker on nanod and on real workerd and compares every case.
func TestNodeALSDifferential(t *testing.T) {
	wd := oracle.RequireWorkerd(t)
	path := nodeALSConfig(t)
	nanod := serveLoops(t, path, config.Options{}, 1)["http"]
	workerd := startWorkerd(t, wd, path, "http")
	known := map[string]string{
		"alsSurface": "workerd's prototypes carry two internal symbols of its bindings layer",
		"exitCaller": "process.exit() replaces the whole isolate, so a caller in the same isolate fails too",
	}
	for _, m := range regexp.MustCompile(`(?m)^  (\w+): `).FindAllStringSubmatch(nodeALSWorker, -1) {
		name := m[1]
		t.Run(name, func(t *testing.T) {
			if why, ok := known[name]; ok {
				t.Skip(why)
			}
			if got, want := getBody(t, nanod+"/"+name), getBody(t, workerd+"/"+name); got != want {
				t.Errorf("nanod:\n%s\nworkerd:\n%s", got, want)
			}
		})
	}
}

func startWorkerd(t *testing.T, wd, path string, sockets ...string) string {
	t.Helper()
	port := freePort(t)
	args := []string{"serve", path}
	for i, s := range sockets {
		args = append(args, "--socket-addr", fmt.Sprintf("%s=127.0.0.1:%d", s, port+i))
	}
	cmd := exec.Command(wd, args...)
	cmd.Stderr, cmd.Stdout = os.Stderr, nil
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	waitReady(t, base)
	return base
}

// nodeVariantsWorker reports which node built-ins, bare names and globals a worker gets.
const nodeVariantsWorker = `const imp = async (m) => { try { const ns = await import(m); return Object.keys(ns).sort().join(","); } catch (e) { return e.message; } };
export default {
  async fetch(req) {
    const out = {};
    for (const m of ["node:process", "node:async_hooks", "node:buffer", "node:timers", "node:timers/promises", "process", "async_hooks", "internal:require", "internal:process_common"]) out[m] = await imp(m);
    out.globals = ["process", "Buffer", "global", "setImmediate", "clearImmediate"].map((n) => typeof globalThis[n]);
    if (typeof process === "object") out.pkeys = Object.keys(process).length;
    const P = (await import("node:process")).default;
    out.penv = JSON.stringify(P.env);
    out.st = typeof setTimeout(() => {}, 1);
    out.same = P === globalThis.process;
    return Response.json(out);
  },
};
`

// nodeVariants: compatibility date and flags, and workerd's answer (recorded from workerd
// 1.20261117) to nodeVariantsWorker with a text binding TXT = "t".
var nodeVariants = []struct{ name, date, flags, want string }{
	{"legacy", "2024-09-23", `"nodejs_compat"`, `{"node:process":"default,env,exit,features,getBuiltinModule,nextTick,platform","node:async_hooks":"AsyncLocalStorage,AsyncResource,asyncWrapProviders,createHook,default,executionAsyncId,executionAsyncResource,triggerAsyncId","node:buffer":"Blob,Buffer,File,INSPECT_MAX_BYTES,SlowBuffer,atob,btoa,constants,default,isAscii,isUtf8,kMaxLength,kStringMaxLength,resolveObjectURL,transcode","node:timers":"Timeout,active,clearImmediate,clearInterval,clearTimeout,default,enroll,promises,setImmediate,setInterval,setTimeout,unenroll","node:timers/promises":"default,scheduler,setImmediate,setInterval,setTimeout","process":"default,env,exit,features,getBuiltinModule,nextTick,platform","async_hooks":"AsyncLocalStorage,AsyncResource,asyncWrapProviders,createHook,default,executionAsyncId,executionAsyncResource,triggerAsyncId","internal:require":"No such module \"internal:require\".","internal:process_common":"No such module \"internal:process_common\".","globals":["object","function","object","function","function"],"pkeys":6,"penv":"{}","st":"number","same":true}`},
	{"alsonly", "2024-09-23", `"nodejs_als"`, `{"node:process":"default,env,exit,features,getBuiltinModule,nextTick,platform","node:async_hooks":"AsyncLocalStorage,AsyncResource,asyncWrapProviders,createHook,default,executionAsyncId,executionAsyncResource,triggerAsyncId","node:buffer":"No such module \"node:buffer\".","node:timers":"No such module \"node:timers\".","node:timers/promises":"No such module \"node:timers/promises\".","process":"No such module \"process\".","async_hooks":"No such module \"async_hooks\".","internal:require":"No such module \"internal:require\".","internal:process_common":"No such module \"internal:process_common\".","globals":["undefined","undefined","undefined","undefined","undefined"],"penv":"{}","st":"number","same":false}`},
	{"none", "2024-09-23", ``, `{"node:process":"default,env,exit,features,getBuiltinModule,nextTick,platform","node:async_hooks":"No such module \"node:async_hooks\".","node:buffer":"No such module \"node:buffer\".","node:timers":"No such module \"node:timers\".","node:timers/promises":"No such module \"node:timers/promises\".","process":"No such module \"process\".","async_hooks":"No such module \"async_hooks\".","internal:require":"No such module \"internal:require\".","internal:process_common":"No such module \"internal:process_common\".","globals":["undefined","undefined","undefined","undefined","undefined"],"penv":"{}","st":"number","same":false}`},
	{"v1", "2024-01-01", `"nodejs_compat"`, `{"node:process":"default,env,exit,features,getBuiltinModule,nextTick,platform","node:async_hooks":"AsyncLocalStorage,AsyncResource,asyncWrapProviders,createHook,default,executionAsyncId,executionAsyncResource,triggerAsyncId","node:buffer":"Blob,Buffer,File,INSPECT_MAX_BYTES,SlowBuffer,atob,btoa,constants,default,isAscii,isUtf8,kMaxLength,kStringMaxLength,resolveObjectURL,transcode","node:timers":"Timeout,active,clearImmediate,clearInterval,clearTimeout,default,enroll,promises,setImmediate,setInterval,setTimeout,unenroll","node:timers/promises":"default,scheduler,setImmediate,setInterval,setTimeout","process":"No such module \"process\".","async_hooks":"No such module \"async_hooks\".","internal:require":"No such module \"internal:require\".","internal:process_common":"No such module \"internal:process_common\".","globals":["undefined","undefined","undefined","undefined","undefined"],"penv":"{}","st":"number","same":false}`},
	{"gtimers", "2026-02-10", `"nodejs_compat"`, `{"node:process":"_channel,_debugEnd,_debugProcess,_disconnect,_events,_eventsCount,_exiting,_fatalException,_getActiveHandles,_getActiveRequests,_handleQueue,_kill,_linkedBinding,_maxListeners,_pendingMessage,_preload_modules,_rawDebug,_send,_startProfilerIdleNotifier,_stopProfilerIdleNotifier,_tickCallback,abort,allowedNodeEnvironmentFlags,arch,argv,argv0,assert,availableMemory,binding,channel,chdir,config,connected,constrainedMemory,cpuUsage,cwd,debugPort,default,dlopen,domain,emitWarning,env,execArgv,execPath,execve,exit,exitCode,features,finalization,getActiveResourcesInfo,getBuiltinModule,getSourceMapsSupport,getegid,geteuid,getgid,getgroups,getuid,hasUncaughtExceptionCaptureCallback,hrtime,initgroups,kill,loadEnvFile,memoryUsage,moduleLoadList,nextTick,noDeprecation,openStdin,permission,pid,platform,ppid,reallyExit,ref,release,report,resourceUsage,send,setSourceMapsEnabled,setUncaughtExceptionCaptureCallback,setegid,seteuid,setgid,setgroups,setuid,sourceMapsEnabled,stderr,stdin,stdout,threadCpuUsage,throwDeprecation,title,traceDeprecation,umask,unref,uptime,version,versions","node:async_hooks":"AsyncLocalStorage,AsyncResource,asyncWrapProviders,createHook,default,executionAsyncId,executionAsyncResource,triggerAsyncId","node:buffer":"Blob,Buffer,File,INSPECT_MAX_BYTES,SlowBuffer,atob,btoa,constants,default,isAscii,isUtf8,kMaxLength,kStringMaxLength,resolveObjectURL,transcode","node:timers":"Timeout,active,clearImmediate,clearInterval,clearTimeout,default,enroll,promises,setImmediate,setInterval,setTimeout,unenroll","node:timers/promises":"default,scheduler,setImmediate,setInterval,setTimeout","process":"_channel,_debugEnd,_debugProcess,_disconnect,_events,_eventsCount,_exiting,_fatalException,_getActiveHandles,_getActiveRequests,_handleQueue,_kill,_linkedBinding,_maxListeners,_pendingMessage,_preload_modules,_rawDebug,_send,_startProfilerIdleNotifier,_stopProfilerIdleNotifier,_tickCallback,abort,allowedNodeEnvironmentFlags,arch,argv,argv0,assert,availableMemory,binding,channel,chdir,config,connected,constrainedMemory,cpuUsage,cwd,debugPort,default,dlopen,domain,emitWarning,env,execArgv,execPath,execve,exit,exitCode,features,finalization,getActiveResourcesInfo,getBuiltinModule,getSourceMapsSupport,getegid,geteuid,getgid,getgroups,getuid,hasUncaughtExceptionCaptureCallback,hrtime,initgroups,kill,loadEnvFile,memoryUsage,moduleLoadList,nextTick,noDeprecation,openStdin,permission,pid,platform,ppid,reallyExit,ref,release,report,resourceUsage,send,setSourceMapsEnabled,setUncaughtExceptionCaptureCallback,setegid,seteuid,setgid,setgroups,setuid,sourceMapsEnabled,stderr,stdin,stdout,threadCpuUsage,throwDeprecation,title,traceDeprecation,umask,unref,uptime,version,versions","async_hooks":"AsyncLocalStorage,AsyncResource,asyncWrapProviders,createHook,default,executionAsyncId,executionAsyncResource,triggerAsyncId","internal:require":"No such module \"internal:require\".","internal:process_common":"No such module \"internal:process_common\".","globals":["object","function","object","function","function"],"pkeys":96,"penv":"{\"TXT\":\"t\"}","st":"object","same":true}`},
	{"v2flag", "2024-01-01", `"nodejs_compat_v2", "nodejs_compat_populate_process_env"`, `{"node:process":"default,env,exit,features,getBuiltinModule,nextTick,platform","node:async_hooks":"AsyncLocalStorage,AsyncResource,asyncWrapProviders,createHook,default,executionAsyncId,executionAsyncResource,triggerAsyncId","node:buffer":"Blob,Buffer,File,INSPECT_MAX_BYTES,SlowBuffer,atob,btoa,constants,default,isAscii,isUtf8,kMaxLength,kStringMaxLength,resolveObjectURL,transcode","node:timers":"Timeout,active,clearImmediate,clearInterval,clearTimeout,default,enroll,promises,setImmediate,setInterval,setTimeout,unenroll","node:timers/promises":"default,scheduler,setImmediate,setInterval,setTimeout","process":"default,env,exit,features,getBuiltinModule,nextTick,platform","async_hooks":"AsyncLocalStorage,AsyncResource,asyncWrapProviders,createHook,default,executionAsyncId,executionAsyncResource,triggerAsyncId","internal:require":"No such module \"internal:require\".","internal:process_common":"No such module \"internal:process_common\".","globals":["object","function","object","function","function"],"pkeys":6,"penv":"{\"TXT\":\"t\"}","st":"number","same":true}`},
}

func nodeVariantConfig(t testing.TB, date, flags string) string {
	t.Helper()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "v.js"), []byte(nodeVariantsWorker), 0o644)
	cfg := `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = (modules = [(name = "v.js", esModule = embed "v.js")],
    compatibilityDate = "` + date + `", compatibilityFlags = [` + flags + `], bindings = [(name = "TXT", text = "t")])) ],
  sockets = [ (name = "http", address = "*:8080", http = (), service = "main") ],
);`
	p := filepath.Join(dir, "config.capnp")
	os.WriteFile(p, []byte(cfg), 0o644)
	return p
}

// TestNodeCompatVariants: node:process is always there (its legacy shape before
// enable_nodejs_process_v2), node:async_hooks also with nodejs_als alone, the other node: modules
// only with nodejs_compat, bare names and the process/Buffer/global/setImmediate globals with
// nodejs_compat_v2, process.env filled from nodejs_compat_populate_process_env, and Timeout
// objects from the global setTimeout with enable_nodejs_global_timers.
func TestNodeCompatVariants(t *testing.T) {
	for _, c := range nodeVariants {
		t.Run(c.name, func(t *testing.T) {
			base := server(t, nodeVariantConfig(t, c.date, c.flags), config.Options{})
			if got := getBody(t, base+"/"); got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
}

// TestNodeALSInterleaved: requests that interleave in one isolate each see their own store,
// across awaits, timers and a service-binding round trip.
func TestNodeALSInterleaved(t *testing.T) {
	base := server(t, inline(t, `
import { AsyncLocalStorage } from "node:async_hooks";
const als = new AsyncLocalStorage();
let SELF;
export default {
  async fetch(req, env) {
    SELF = env.SELF;
    const u = new URL(req.url);
    if (u.pathname === "/echo") return new Response("echo");
    const id = u.searchParams.get("id");
    return als.run(id, async () => {
      const seen = [als.getStore()];
      await new Promise((r) => setTimeout(r, (Number(id) * 7) % 13));
      seen.push(als.getStore());
      await (await SELF.fetch("http://self/echo")).text();
      seen.push(als.getStore());
      await new Promise((r) => setTimeout(r, (Number(id) * 5) % 11));
      seen.push(als.getStore());
      return new Response(seen.join(","));
    });
  },
};`, `, compatibilityFlags = ["nodejs_compat"], bindings = [(name = "SELF", service = "main")]`), config.Options{})
	const n = 20
	errs := make(chan string, n)
	for i := 0; i < n; i++ {
		go func(i int) {
			id := fmt.Sprint(i)
			if got, want := getBody(t, base+"/?id="+id), strings.Repeat(id+",", 3)+id; got != want {
				errs <- fmt.Sprintf("request %d: got %q, want %q", i, got, want)
				return
			}
			errs <- ""
		}(i)
	}
	for i := 0; i < n; i++ {
		if e := <-errs; e != "" {
			t.Error(e)
		}
	}
}
