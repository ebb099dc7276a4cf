package services_test

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nanod-runtime/nanod/config"
	"github.com/nanod-runtime/nanod/internal/oracle"
)

// The RPC test config: a caller ("main") with bindings to workers of each shape RPC meets.
const rpcConfig = `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = (modules = [(name = "caller.js", esModule = embed "caller.js")], compatibilityDate = "2024-09-23",
      bindings = [(name = "SVC", service = "callee"), (name = "NAMED", service = (name = "callee", entrypoint = "Named")),
        (name = "OBJ", service = "objsvc"), (name = "SW", service = "sw"), (name = "PLAIN", service = "plaincls")])),
    (name = "callee", worker = (modules = [(name = "callee.js", esModule = embed "callee.js")], compatibilityDate = "2024-09-23",
      bindings = [(name = "GREETING", text = "hi"), (name = "OBJ", service = "objsvc")])),
    (name = "objsvc", worker = (modules = [(name = "obj.js", esModule = embed "obj.js")], compatibilityDate = "2024-09-23")),
    (name = "plaincls", worker = (modules = [(name = "plaincls.js", esModule = embed "plaincls.js")], compatibilityDate = "2024-09-23")),
    (name = "sw", worker = (serviceWorkerScript = embed "sw.js", compatibilityDate = "2024-09-23")),
  ],
  sockets = [ (name = "http", address = "*:8080", http = (), service = "main") ],
);`

const rpcCallee = `
import { WorkerEntrypoint } from "cloudflare:workers";
export default class extends WorkerEntrypoint {
  fetch() { return new Response("callee fetch"); }
  add(a, b) { return a + b; }
  echo(v) { return v; }
  argsLen(...a) { return a.length; }
  envInfo() { return [this.env.GREETING, typeof this.ctx.waitUntil, Object.keys(this.env).sort()]; }
  throwType() { throw new TypeError("bad type"); }
  throwCustom() { class MyErr extends Error { constructor(m) { super(m); this.name = "MyErr"; this.code = 42; } } throw new MyErr("custom"); }
  throwRange() { return Promise.reject(new RangeError("rejected")); }
  throwString() { throw "a string"; }
  throwObj() { throw { a: 1 }; }
  throwDOM() { throw new DOMException("dom msg", "AbortError"); }
  throwAgg() { throw new AggregateError([], "agg"); }
  throwRenamed() { const e = new Error("nm"); e.name = "TypeError"; throw e; }
  async slow(ms) { await new Promise((r) => setTimeout(r, ms)); return ms; }
  retFn() { return () => 1; }
  retSym() { return Symbol("s"); }
  retInstance() { class K { constructor() { this.a = 1; } } return new K(); }
  retUndef() {}
  chain(a) { return this.env.OBJ.double(a); }
  get prop() { return "propval"; }
  static staticM() { return 1; }
}
export class Named extends WorkerEntrypoint {
  hello(n) { return "hello " + n; }
}
`

const rpcObj = `
export default {
  fetch() { return new Response("obj"); },
  add(a, b) { return a + b; },
  who(arg, env, ctx) { return [typeof this, arg, typeof env, typeof ctx.waitUntil]; },
  double(x) { return x * 2; },
};
`

const rpcPlainClass = `export default class Plain { add(a, b) { return a + b; } fetch() { return new Response("x"); } }`

const rpcSW = `addEventListener("fetch", (e) => e.respondWith(new Response("sw")));`

// rpcCaller's cases each return a JSON-able value (or an error description); they run the same
// on nanod and on workerd.
const rpcCaller = `
const err = async (f) => { try { return ["ok", await f()]; } catch (e) {
  return [e?.name, e?.message, e?.constructor?.name, e instanceof TypeError, e instanceof RangeError, e instanceof DOMException, e?.remote, String(e?.stack).split("\n")[0]]; } };
const cases = {
  add: (env) => env.SVC.add(1, 2),
  roundTrip: async (env) => { const ab = new ArrayBuffer(4); const v = await env.SVC.echo({ d: new Date(3), m: new Map([[1, { x: [1n, -0, NaN] }]]), s: new Set(["a"]), u: new Uint8Array([1, 2]), v: new Uint16Array(ab, 2, 1), ab, re: /x/g, n: null, und: undefined, e: new RangeError("r"), str: "é😀" }); return [v.d instanceof Date, v.d.getTime(), v.m.get(1).x.map(String), Object.is(v.m.get(1).x[1], -0), [...v.s], v.u instanceof Uint8Array, [...v.u], v.v.buffer === v.ab, v.v.byteOffset, String(v.re), v.n, "und" in v, v.und, v.e instanceof RangeError, v.e.message, v.str]; },
  cycle: async (env) => { const o = { a: 1 }; o.self = o; const v = await env.SVC.echo([o, o]); return [v[0] === v[1], v[0].self === v[0]]; },
  argsLen: (env) => env.SVC.argsLen(1, undefined, 3),
  noArgs: (env) => env.SVC.argsLen(),
  envInfo: (env) => env.SVC.envInfo(),
  throwType: (env) => err(() => env.SVC.throwType()),
  throwCustom: (env) => err(() => env.SVC.throwCustom()),
  throwRange: (env) => err(() => env.SVC.throwRange()),
  throwString: (env) => err(() => env.SVC.throwString()),
  throwObj: (env) => err(() => env.SVC.throwObj()),
  throwDOM: (env) => err(() => env.SVC.throwDOM()),
  throwAgg: (env) => err(() => env.SVC.throwAgg()),
  throwRenamed: (env) => err(() => env.SVC.throwRenamed()),
  remoteProps: async (env) => { try { await env.SVC.throwType(); } catch (e) { return [Object.getOwnPropertyNames(e), Object.keys(e)]; } },
  missing: (env) => err(() => env.SVC.nope()),
  missingRead: (env) => err(async () => await env.SVC.nope),
  ctorCall: (env) => err(() => env.SVC.ctx),
  staticM: (env) => err(() => env.SVC.staticM()),
  prop: async (env) => await env.SVC.prop,
  propCall: (env) => err(() => env.SVC.prop()),
  retSym: (env) => err(() => env.SVC.retSym()),
  retInstance: (env) => err(() => env.SVC.retInstance()),
  retUndef: (env) => env.SVC.retUndef(),
  argSym: (env) => err(() => env.SVC.echo(Symbol("q"))),
  argWeakMap: (env) => err(() => env.SVC.echo(new WeakMap())),
  argURL: (env) => err(() => env.SVC.echo(new URL("http://x"))),
  argInstance: (env) => { class K { constructor() { this.a = 1; } } return err(() => env.SVC.echo(new K())); },
  argNullProto: (env) => err(() => env.SVC.echo(Object.create(null))),
  argNotSync: (env) => { try { env.SVC.echo(Symbol()).catch(() => {}); return "rejects"; } catch { return "throws"; } },
  headers: async (env) => { const h = await env.SVC.echo(new Headers({ a: "1" })); return [h instanceof Headers, h.get("a")]; },
  response: async (env) => { const r = await env.SVC.echo(new Response("body", { status: 201, headers: { x: "y" } })); return [r instanceof Response, r.status, r.headers.get("x"), await r.text()]; },
  bigString: async (env) => (await env.SVC.echo("x".repeat(100000))).length,
  concurrent: (env) => Promise.all([env.SVC.slow(20), env.SVC.slow(1), env.SVC.add(2, 3)]),
  chain: (env) => env.SVC.chain(21),
  named: (env) => env.NAMED.hello("bob"),
  namedMissing: (env) => err(() => env.NAMED.add(1, 2)),
  objOne: (env) => env.OBJ.who(7),
  objArity: (env) => err(() => env.OBJ.add(1, 2)),
  objMissing: (env) => err(() => env.OBJ.nope(1)),
  fetchStill: async (env) => (await env.SVC.fetch("http://x/")).text(),
  stubShape: (env) => [typeof env.SVC.add, typeof env.SVC.then, "zzz" in env.SVC, Object.keys(env.SVC), env.SVC.add === env.SVC.add, JSON.stringify({ s: env.SVC }), typeof env.SVC.add.then, env.SVC.constructor.name, typeof env.SVC.fetch, typeof env.SVC.connect],
  cloneStub: (env) => err(() => structuredClone(env.SVC)),
  retFn: (env) => err(() => env.SVC.retFn()),
  sw: (env) => err(() => env.SW.foo()),
  plain: (env) => err(() => env.PLAIN.add(1, 2)),
};
export default {
  async fetch(req, env) {
    const name = new URL(req.url).pathname.slice(1);
    const fn = cases[name];
    if (!fn) return new Response("no case " + name, { status: 404 });
    try {
      return Response.json({ ok: await fn(env) });
    } catch (e) {
      return Response.json({ err: e?.name, msg: e?.message });
    }
  },
};
`

// rpcServiceDir writes the RPC config and its workers, and returns the config's path.
func rpcServiceDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{"config.capnp": rpcConfig, "caller.js": rpcCaller, "callee.js": rpcCallee,
		"obj.js": rpcObj, "plaincls.js": rpcPlainClass, "sw.js": rpcSW}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "config.capnp")
}

// rpcCase runs one case of rpcCaller and returns its JSON body.
func rpcCase(t *testing.T, base, name string) string {
	t.Helper()
	resp, err := http.Get(base + "/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return strings.TrimSpace(string(b))
}

func TestRPC(t *testing.T) {
	base := server(t, rpcServiceDir(t), config.Options{})
	want := map[string]string{
		"add":         `{"ok":3}`,
		"roundTrip":   `{"ok":[true,3,["1","0","NaN"],true,["a"],true,[1,2],true,2,"/x/g",null,true,null,true,"r","é😀"]}`,
		"cycle":       `{"ok":[true,true]}`,
		"argsLen":     `{"ok":3}`,
		"noArgs":      `{"ok":0}`,
		"envInfo":     `{"ok":["hi","function",["GREETING","OBJ"]]}`,
		"throwType":   `{"ok":["TypeError","bad type","TypeError",true,false,false,true,"TypeError: bad type"]}`,
		"throwCustom": `{"ok":["Error","MyErr: custom","Error",false,false,false,true,"Error: MyErr: custom"]}`,
		"throwRange":  `{"ok":["RangeError","rejected","RangeError",false,true,false,true,"RangeError: rejected"]}`,
		"throwString": `{"ok":["Error","a string","Error",false,false,false,true,"Error: a string"]}`,
		"throwObj":    `{"ok":["Error","#<Object>","Error",false,false,false,true,"Error: #<Object>"]}`,
		"throwDOM":    `{"ok":["AbortError","dom msg","DOMException",false,false,true,true,"AbortError: dom msg"]}`,
		"missing":     `{"ok":["TypeError","The RPC receiver does not implement the method \"nope\".","TypeError",true,false,false,true,"TypeError: The RPC receiver does not implement the method \"nope\"."]}`,
		"prop":        `{"ok":"propval"}`,
		"propCall":    `{"ok":["TypeError","\"prop\" is not a function.","TypeError",true,false,false,true,"TypeError: \"prop\" is not a function."]}`,
		"named":       `{"ok":"hello bob"}`,
		"objOne":      `{"ok":["object",7,"object","function"]}`,
		"chain":       `{"ok":42}`,
		"concurrent":  `{"ok":[20,1,5]}`,
		"retUndef":    `{}`,
		"response":    `{"ok":[true,201,"y","body"]}`,
		"argNotSync":  `{"ok":"rejects"}`,
		"cloneStub":   `{"ok":["DataCloneError","ServiceStub cannot be serialized in this context.","DOMException",false,false,true,null,"DataCloneError: ServiceStub cannot be serialized in this context."]}`,
		// Functions go by reference in workerd (a stub); nanod cannot do that yet.
		"retFn": `{"ok":["DataCloneError","() => 1 could not be cloned.","DOMException",false,false,true,true,"DataCloneError: () => 1 could not be cloned."]}`,
		// workerd answers with an opaque "internal error"; nanod says why.
		"sw":    `{"ok":["Error","The service \"sw\" uses service-worker syntax, which cannot receive RPC calls; export a WorkerEntrypoint class instead.","Error",false,false,false,true,"Error: The service \"sw\" uses service-worker syntax, which cannot receive RPC calls; export a WorkerEntrypoint class instead."]}`,
		"plain": `{"ok":["TypeError","The entrypoint \"default\" is a class that does not extend WorkerEntrypoint, so it cannot receive RPC calls.","TypeError",true,false,false,true,"TypeError: The entrypoint \"default\" is a class that does not extend WorkerEntrypoint, so it cannot receive RPC calls."]}`,
	}
	for name, w := range want {
		t.Run(name, func(t *testing.T) {
			if got := rpcCase(t, base, name); got != w {
				t.Errorf("got  %s\nwant %s", got, w)
			}
		})
	}
}

// TestRPCDifferential runs every case of rpcCaller on nanod and on real workerd and compares.
func TestRPCDifferential(t *testing.T) {
	wd := oracle.RequireWorkerd(t)
	path := rpcServiceDir(t)
	nanod := server(t, path, config.Options{})
	workerd := serveWorkerd(t, wd, path)

	// Known, deliberate differences (see TestRPC for what nanod answers).
	known := map[string]string{
		"retFn": "functions are passed by reference (as stubs) in workerd; nanod does not support that yet",
		"sw":    "workerd fails with an opaque internal error",
		"plain": "workerd fails with an opaque internal error",
	}
	for _, name := range rpcCaseNames() {
		t.Run(name, func(t *testing.T) {
			if why, ok := known[name]; ok {
				t.Skip(why)
			}
			got, want := rpcCase(t, nanod, name), rpcCase(t, workerd, name)
			if got != want {
				t.Errorf("nanod:   %s\nworkerd: %s", got, want)
			}
		})
	}
}

// TestRPCCaseNames guards the case list the differential test reads from rpcCaller.
func TestRPCCaseNames(t *testing.T) {
	if names := rpcCaseNames(); len(names) < 40 {
		t.Fatalf("found only %d cases: %v", len(names), names)
	}
}

// rpcCaseNames lists the cases of rpcCaller: the lines "name: …,".
func rpcCaseNames() []string {
	var names []string
	for _, line := range strings.Split(rpcCaller, "\n") {
		line = strings.TrimSpace(line)
		if i := strings.Index(line, ":"); i > 0 && !strings.ContainsAny(line[:i], " (\"") && strings.HasSuffix(line, ",") {
			names = append(names, line[:i])
		}
	}
	return names
}
