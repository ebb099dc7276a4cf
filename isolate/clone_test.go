package isolate

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestStructuredClone compares structuredClone with workerd: each expected value is what real
// workerd (2026-11-17) returns for the snippet, taken with the oracle.
func TestStructuredClone(t *testing.T) {
	check(t, map[string]string{
		`return structuredClone([undefined, null, true, false, 0, 1.5, -7, 2147483647, -2147483648, 2147483648, "é", "", "a\tb"]);`:                                                               `[null,null,true,false,0,1.5,-7,2147483647,-2147483648,2147483648,"é","","a\tb"]`,
		`const v = structuredClone([-0, NaN, Infinity, -Infinity]); return v.map((x) => Object.is(x, -0) ? "-0" : String(x));`:                                                                    `["-0","NaN","Infinity","-Infinity"]`,
		`const v = structuredClone([1n, -1n, 0n, 2n ** 64n + 1n, -(2n ** 100n)]); return v.map(String);`:                                                                                          `["1","-1","0","18446744073709551617","-1267650600228229401496703205376"]`,
		`return [...structuredClone("\ud800x\udc00\u4e2d😀")].map((c) => c.codePointAt(0));`:                                                                                                       `[55296,120,56320,20013,128512]`,
		`const s = "x".repeat(100000) + "中"; return structuredClone(s) === s;`:                                                                                                                    `true`,
		`const v = structuredClone([Object(1), Object("s"), Object(true), Object(false), Object(2n)]); return v.map((x) => [typeof x, Object.prototype.toString.call(x), String(x.valueOf())]);`:  `[["object","[object Number]","1"],["object","[object String]","s"],["object","[object Boolean]","true"],["object","[object Boolean]","false"],["object","[object BigInt]","2"]]`,
		`const s = Object("abc"); s.x = 1; return Object.keys(structuredClone(s));`:                                                                                                               `["0","1","2"]`,
		`return [structuredClone(new Date(5)).getTime(), structuredClone(new Date(NaN)).getTime(), structuredClone(new Date(0)) instanceof Date];`:                                                `[5,null,true]`,
		`const re = /a(b)/gimsuy; re.lastIndex = 3; re.foo = 1; const c = structuredClone(re); return [c.source, c.flags, c.lastIndex, c.foo, c instanceof RegExp, structuredClone(/x/d).flags];`: `["a(b)","gimsuy",0,null,true,"d"]`,
		`const a = [1, , 3]; a.x = 5; a[-1] = "neg"; const b = structuredClone(a); return [b.length, 1 in b, b.x, b[-1], Object.keys(b)];`:                                                        `[3,false,5,"neg",["0","2","x","-1"]]`,
		`const sp = []; sp[5] = 1; sp.length = 10; const b = structuredClone(sp); return [b.length, Object.keys(b), Array.isArray(b)];`:                                                           `[10,["5"],true]`,
		`const a = [undefined, undefined]; const b = structuredClone(a); return [0 in b, b.length];`:                                                                                              `[true,2]`,
		`const ab = new ArrayBuffer(8); const o = { a: new Uint8Array(ab), b: new Uint16Array(ab, 2, 2), d: new DataView(ab, 1, 3), ab }; o.a[2] = 7; const c = structuredClone(o); return [c.a.buffer === c.b.buffer, c.d.buffer === c.ab, c.b.byteOffset, c.b.length, c.d.byteOffset, c.d.byteLength, c.b[0], c.a.constructor.name, c.d instanceof DataView, c.ab.byteLength];`: `[true,true,2,2,1,3,7,"Uint8Array",true,8]`,
		`const u = new Uint8Array([1, 2, 3]); u.extra = 1; return Object.keys(structuredClone(u));`: `["0","1","2"]`,
		`const kinds = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array]; return kinds.map((K) => { const x = structuredClone(new K(2)); return [x.constructor.name, x.length, x.byteLength]; });`: `[["Int8Array",2,2],["Uint8Array",2,2],["Uint8ClampedArray",2,2],["Int16Array",2,4],["Uint16Array",2,4],["Int32Array",2,8],["Uint32Array",2,8],["Float32Array",2,8],["Float64Array",2,16],["BigInt64Array",2,16],["BigUint64Array",2,16]]`,
		`const ab = new ArrayBuffer(4); new Uint8Array(ab).set([1, 2, 3, 4]); const c = structuredClone(ab); return [c instanceof ArrayBuffer, c !== ab, [...new Uint8Array(c)]];`:                                                                                                                       `[true,true,[1,2,3,4]]`,
		`const m = new Map([[{ k: 1 }, "v"], ["s", new Set([1, "a"])]]); m.extra = 1; const c = structuredClone(m); return [[...c.keys()], [...c.get("s")], c.extra, c instanceof Map];`:                                                                                                                 `[[{"k":1},"s"],[1,"a"],null,true]`,
		`const o = { n: 1 }; o.self = o; o.arr = [o]; const m = new Map(); m.set(m, o); o.m = m; const c = structuredClone(o); return [c.self === c, c.arr[0] === c, c.m.get(c.m) === c, c !== o];`:                                                                                                      `[true,true,true,true]`,
		`const s = {}; const c = structuredClone([s, s, { s }]); return [c[0] === c[1], c[2].s === c[0]];`:                                                                                                                                                                                               `[true,true]`,
		`class K { #p = 1; constructor() { this.a = 1; } get g() { return 2; } m() {} } const c = structuredClone(new K()); return [Object.getPrototypeOf(c) === Object.prototype, Object.keys(c)];`:                                                                                                     `[true,["a"]]`,
		`const o = { b: 1, 2: "two", a: 2, 1: "one", [Symbol("s")]: 3 }; Object.defineProperty(o, "ne", { value: 1, enumerable: false }); return Object.keys(structuredClone(o));`:                                                                                                                       `["1","2","b","a"]`,
		`return Object.getOwnPropertyDescriptor(structuredClone({ get g() { return "gv"; } }), "g");`:                                                                                                                                                                                                    `{"value":"gv","writable":true,"enumerable":true,"configurable":true}`,
		`const p = JSON.parse('{"__proto__": 1}'); const c = structuredClone(p); return [Object.keys(c), Object.getPrototypeOf(c) === Object.prototype, c.__proto__];`:                                                                                                                                   `[["__proto__"],true,1]`,
		`const n = Object.create(null); n.a = 1; const c = structuredClone(n); return [Object.getPrototypeOf(c) === Object.prototype, c.a];`:                                                                                                                                                             `[true,1]`,
		`class A extends Array {} class M extends Map {} class S extends Set {} return [structuredClone(A.from([1])).constructor.name, structuredClone(new M([[1, 2]])).constructor.name, structuredClone(new S()).constructor.name];`:                                                                   `["Array","Map","Set"]`,
		`const o = { a: 1, get b() { delete this.c; return 2; }, c: 3 }; return structuredClone(o);`:                                                                                                                                                                                                     `{"a":1,"b":2}`,
		`const e = structuredClone(new TypeError("tm")); return [Object.prototype.toString.call(e), e.constructor.name, e.name, e.message, Object.getOwnPropertyNames(e), e instanceof TypeError];`:                                                                                                      `["[object Error]","TypeError","TypeError","tm",["stack","message"],true]`,
		`const e = new Error("cm"); e.name = "Foo"; e.code = 5; const c = structuredClone(e); return [c.constructor.name, c.name, c.message, c.stack.split("\n")[0], Object.getOwnPropertyNames(c)];`:                                                                                                    `["Error","Error","cm","Foo: cm",["stack","message"]]`,
		`class MyErr extends Error { constructor(m) { super(m); this.name = "MyErr"; this.extra = 1; } } const c = structuredClone(new MyErr("sm")); return [c.constructor.name, c.name, c.message, c.extra, c.stack.split("\n")[0]];`:                                                                   `["Error","Error","sm",null,"MyErr: sm"]`,
		`const c = structuredClone(new AggregateError([new Error("a")], "agg")); return [c.constructor.name, c.message, c.errors];`:                                                                                                                                                                      `["Error","agg",null]`,
		`const c = structuredClone(new Error("outer", { cause: new RangeError("inner") })); return [Object.getOwnPropertyNames(c), c.cause instanceof RangeError, c.cause.message];`:                                                                                                                     `[["stack","message","cause"],true,"inner"]`,
		`const c = structuredClone(new Error("outer", { cause: "str" })); return [c.cause, Object.getOwnPropertyDescriptor(c, "cause").enumerable];`:                                                                                                                                                     `["str",false]`,
		`const e = new Error("cyc"); e.cause = e; const c = structuredClone(e); return c.cause === c;`:                                                                                                                                                                                                   `true`,
		`const c = structuredClone(new Error()); return [c.message, Object.getOwnPropertyNames(c), c.stack.split("\n")[0]];`:                                                                                                                                                                             `["",["stack"],"Error"]`,
		`const e = new Error(); e.message = 42; const c = structuredClone(e); return [c.message, typeof c.message];`:                                                                                                                                                                                     `["42","string"]`,
		`const e = new Error("x"); e.stack = 5; const c = structuredClone(e); return [c.stack === undefined, Object.getOwnPropertyNames(c)];`:                                                                                                                                                            `[true,["stack","message"]]`,
		`const e = new Error("x"); Object.defineProperty(e, "name", { value: "TypeError" }); const c = structuredClone(e); return [c instanceof TypeError, c.name];`:                                                                                                                                     `[true,"TypeError"]`,
		`return [EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError].map((E) => { const c = structuredClone(new E("m")); return [c.constructor.name, c instanceof E, c.message]; });`:                                                                                               `[["EvalError",true,"m"],["RangeError",true,"m"],["ReferenceError",true,"m"],["SyntaxError",true,"m"],["TypeError",true,"m"],["URIError",true,"m"]]`,
		`const e = new Error("x"); return structuredClone(e).stack === e.stack;`:                                                                                                                                                                                                                         `true`,
		`return structuredClone({ e: new Error("q") });`: `{"e":{}}`,
		`const f = Object.create(Error.prototype); f.message = "fake"; const c = structuredClone(f); return [Object.prototype.toString.call(c), c instanceof Error, c.message];`: `["[object Object]",false,"fake"]`,
		`const d = structuredClone(new DOMException("m", "AbortError")); return [d instanceof DOMException, d.name, d.message, d.code, d instanceof Error, Object.keys(d)];`:     `[true,"AbortError","m",20,true,["code","name","message","stack"]]`,
		`const h = structuredClone(new Headers({ a: "1", "set-cookie": "x" })); return [h instanceof Headers, h.get("a"), [...h]];`:                                              `[true,"1",[["a","1"],["set-cookie","x"]]]`,
		`const q = structuredClone(new Request("http://x/y", { method: "POST", headers: { a: "b" } })); return [q instanceof Request, q.url, q.method, q.headers.get("a")];`:     `[true,"http://x/y","POST","b"]`,
		`return structuredClone(function foo() { return 1; });`:                             `throws DataCloneError: function foo() { return 1; } could not be cloned.`,
		`return structuredClone(() => 1);`:                                                  `throws DataCloneError: () => 1 could not be cloned.`,
		`return structuredClone(Symbol("x"));`:                                              `throws DataCloneError: Symbol(x) could not be cloned.`,
		`return structuredClone(Object(Symbol("x")));`:                                      `throws DataCloneError: [object Symbol] could not be cloned.`,
		`return structuredClone(new WeakMap());`:                                            `throws DataCloneError: #<WeakMap> could not be cloned.`,
		`return structuredClone(new WeakSet());`:                                            `throws DataCloneError: #<WeakSet> could not be cloned.`,
		`return structuredClone(Promise.resolve(1));`:                                       `throws DataCloneError: #<Promise> could not be cloned.`,
		`return structuredClone((function () { return arguments; })(1, 2));`:                `throws DataCloneError: #<Object> could not be cloned.`,
		`return structuredClone((function* () {})());`:                                      `throws DataCloneError: [object Generator] could not be cloned.`,
		`return structuredClone(globalThis);`:                                               `throws DataCloneError: #<ServiceWorkerGlobalScope> could not be cloned.`,
		`return structuredClone(new Map().keys());`:                                         `throws DataCloneError: [object Map Iterator] could not be cloned.`,
		`return structuredClone([].values());`:                                              `throws DataCloneError: [object Array Iterator] could not be cloned.`,
		`return structuredClone(new WebAssembly.Memory({ initial: 1 }));`:                   `throws DataCloneError: #<Memory> could not be cloned.`,
		`return structuredClone({ a: [1, { b: () => 1 }] });`:                               `throws DataCloneError: () => 1 could not be cloned.`,
		`return structuredClone(new Map([[1, () => 1]]));`:                                  `throws DataCloneError: () => 1 could not be cloned.`,
		`return structuredClone(new Error("x", { cause: () => 1 }));`:                       `throws DataCloneError: () => 1 could not be cloned.`,
		`return structuredClone(new URL("http://x/"));`:                                     `throws DataCloneError: Could not serialize object of type "URL". This type does not support serialization.`,
		`return structuredClone(new URLSearchParams("a=1"));`:                               `throws DataCloneError: Could not serialize object of type "URLSearchParams". This type does not support serialization.`,
		`return structuredClone(new TextEncoder());`:                                        `throws DataCloneError: Could not serialize object of type "TextEncoder". This type does not support serialization.`,
		`return structuredClone(new TextDecoder());`:                                        `throws DataCloneError: Could not serialize object of type "TextDecoder". This type does not support serialization.`,
		`return structuredClone(new ReadableStream());`:                                     `throws DataCloneError: ReadableStream can only be serialized for RPC.`,
		`return structuredClone(new WritableStream());`:                                     `throws DataCloneError: WritableStream can only be serialized for RPC.`,
		`return structuredClone(new TransformStream());`:                                    `throws DataCloneError: Could not serialize object of type "TransformStream". This type does not support serialization.`,
		`return structuredClone(new Response("x"));`:                                        `throws DataCloneError: ReadableStream can only be serialized for RPC.`,
		`return structuredClone(new Request("http://x/y", { method: "POST", body: "x" }));`: `throws DataCloneError: ReadableStream can only be serialized for RPC.`,
		`return structuredClone({ get x() { throw new RangeError("getter"); } });`:          `throws RangeError: getter`,
		`return structuredClone();`:                                                         `throws TypeError: Failed to execute 'structuredClone' on 'ServiceWorkerGlobalScope': parameter 1 is not of type 'Value'.`,
		`return structuredClone(undefined);`:                                                `null`,
		`return structuredClone(1, 5);`:                                                     `throws TypeError: Failed to execute 'structuredClone' on 'ServiceWorkerGlobalScope': parameter 2 is not of type 'StructuredCloneOptions'.`,
		`return structuredClone(1, null);`:                                                  `1`,
		`return structuredClone(1, { transfer: undefined });`:                               `1`,
		`return structuredClone(1, { transfer: null });`:                                    `throws TypeError: Incorrect type for the 'transfer' field on 'StructuredCloneOptions': the provided value is not of type 'Array'.`,
		`return structuredClone(1, { transfer: 5 });`:                                       `throws TypeError: Incorrect type for the 'transfer' field on 'StructuredCloneOptions': the provided value is not of type 'Array'.`,
		`return structuredClone(1, { transfer: {} });`:                                      `throws TypeError: Incorrect type for the 'transfer' field on 'StructuredCloneOptions': the provided value is not of type 'Array'.`,
		`return structuredClone(1, { transfer: "ab" });`:                                    `throws TypeError: Incorrect type for the 'transfer' field on 'StructuredCloneOptions': the provided value is not of type 'Array'.`,
		`return structuredClone(1, { transfer: new Set() });`:                               `throws TypeError: Incorrect type for the 'transfer' field on 'StructuredCloneOptions': the provided value is not of type 'Array'.`,
		`return structuredClone(1, { transfer: [{}] });`:                                    `throws TypeError: Object is not transferable`,
		`return structuredClone(1, { transfer: [1] });`:                                     `throws TypeError: Object is not transferable`,
		`const ab = new ArrayBuffer(1); return structuredClone(2, { transfer: [ab, ab] });`: `2`,
		`const ab = new ArrayBuffer(4); new Uint8Array(ab)[0] = 9; const out = structuredClone({ u: new Uint8Array(ab) }, { transfer: [ab] }); return [out.u[0], out.u.buffer.byteLength];`: `[9,4]`,
		`return [structuredClone.name, structuredClone.length, typeof structuredClone];`:                                                                                                    `["structuredClone",0,"function"]`,
		`const r = new Response(null, { status: 204, headers: { a: "1" } }); const c = structuredClone(r); return [c instanceof Response, c.status, c.headers.get("a")];`:                   `[true,204,"1"]`,
		`const o = {}; let n = o; for (let i = 0; i < 1000; i++) { n.next = {}; n = n.next; } let c = structuredClone(o), d = 0; while (c.next) { c = c.next; d++; } return d;`:             `1000`,
	})
}

// Behaviour that workerd has and nanod cannot match on V8 10.9, or that is nanod's own.
func TestStructuredCloneNanod(t *testing.T) {
	check(t, map[string]string{
		// V8 10.9 cannot detach an ArrayBuffer from JS: a transferred buffer is copied.
		`const ab = new ArrayBuffer(4); const c = structuredClone(ab, { transfer: [ab] }); return [c.byteLength, c !== ab];`: `[4,true]`,
		// Deep structures are recursion: too deep is V8's RangeError, as in workerd.
		`const o = {}; let n = o; for (let i = 0; i < 1e6; i++) { n.next = {}; n = n.next; } try { structuredClone(o); return "cloned"; } catch (e) { return e.name; }`: `"RangeError"`,
		// A getter that calls structuredClone while the outer clone is being written.
		`const o = { get inner() { return structuredClone({ x: [1, 2] }); }, y: "é中" }; return structuredClone(o);`: `{"inner":{"x":[1,2]},"y":"é中"}`,
		// Large and mixed strings and buffers survive exactly.
		`const s = "a".repeat(70000) + "\u00ff" + "\ud83d\ude00".repeat(3000) + "\udc00"; return structuredClone(s) === s;`:                                                               `true`,
		`const b = new Uint8Array(300000); for (let i = 0; i < b.length; i++) b[i] = i * 7; const c = structuredClone(b); return c.length === b.length && c.every((x, i) => x === b[i]);`: `true`,
		// Objects with forged or odd tags are cloned by what they are.
		`const m = new Map([[1, 2]]); Object.defineProperty(m, Symbol.toStringTag, { value: "Nope" }); const c = structuredClone(m); return [c instanceof Map, c.get(1)];`: `[true,2]`,
		`const o = { [Symbol.toStringTag]: "Map", a: 1 }; return structuredClone(o);`:                                                                                      `{"a":1}`,
		`class E extends Error { get [Symbol.toStringTag]() { return "E"; } } const c = structuredClone(new E("m")); return [c instanceof Error, c.message];`:              `[true,"m"]`,
		`return structuredClone(new Proxy(new Map(), {}));`:                                                                                                                `throws DataCloneError: #<Object> could not be cloned.`,
		`return structuredClone(Math);`:                `{}`,
		`return structuredClone(new Intl.Collator());`: `throws DataCloneError: #<Collator> could not be cloned.`,
		// Blobs clone (workerd's blob test output depends on Blob, so it is here).
		`const b = structuredClone(new Blob(["xy"], { type: "text/plain" })); return [b instanceof Blob, b.size, b.type, await b.text()];`: `[true,2,"text/plain","xy"]`,
		`return structuredClone(new File(["x"], "f"));`: `throws DataCloneError: Could not serialize object of type "File". This type does not support serialization.`,
		`return structuredClone(new FormData());`:       `throws DataCloneError: Could not serialize object of type "FormData". This type does not support serialization.`,
		`return structuredClone(new Event("x"));`:       `throws DataCloneError: Could not serialize object of type "Event". This type does not support serialization.`,
		`return structuredClone(AbortSignal.abort());`:  `throws DataCloneError: AbortSignal serialization is not enabled.`,
		// Bodies in memory cross RPC (below), not structuredClone, as in workerd.
		`return structuredClone(new Request("http://x/", { method: "POST", body: new Uint8Array(3) }));`: `throws DataCloneError: ReadableStream can only be serialized for RPC.`,
	})
}

// isoTarget is a service binding straight to another isolate on the same loop.
type isoTarget struct{ iso *Isolate }

func (t isoTarget) Fetch(l *Loop, req *Request, sink ResponseSink) { t.iso.Fetch(req, sink) }
func (t isoTarget) Rpc(l *Loop, entry, method string, args []byte, done func([]byte, error)) {
	t.iso.Rpc(entry, method, args, done)
}

// fetchOnly is a binding without RPC.
type fetchOnly struct{}

func (fetchOnly) Fetch(l *Loop, req *Request, sink ResponseSink) {
	sink.Start(200, "", nil)
	sink.End(nil)
}

// bodySink collects a response.
type bodySink struct {
	status int
	body   strings.Builder
	done   chan error
}

func (s *bodySink) Start(status int, _ string, _ [][2]string) { s.status = status }
func (s *bodySink) Write(chunk []byte, done func(error))      { s.body.Write(chunk); done(nil) }
func (s *bodySink) End(err error)                             { s.done <- err }

func loadWith(tb testing.TB, src string, bindings []Binding) *Isolate {
	tb.Helper()
	l := sharedLoop()
	var iso *Isolate
	errc := make(chan error, 1)
	l.Post(func() {
		var err error
		iso, err = l.NewIsolate(Options{Name: "rpc"})
		if err != nil {
			errc <- err
			return
		}
		iso.Load(&Worker{Modules: []Module{{Name: "w.js", Kind: ModuleESM, Source: []byte(src)}}, Bindings: bindings}, func(err error) { errc <- err })
	})
	if err := <-errc; err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { l.Call(iso.Dispose) })
	return iso
}

func get(tb testing.TB, iso *Isolate, path string) string {
	tb.Helper()
	s := &bodySink{done: make(chan error, 1)}
	iso.Loop.Post(func() { iso.Fetch(&Request{Method: "GET", URL: "http://x" + path}, s) })
	if err := <-s.done; err != nil {
		tb.Fatal(err)
	}
	return s.body.String()
}

const rpcCalleeSrc = `
import { WorkerEntrypoint } from "cloudflare:workers";
export default class extends WorkerEntrypoint {
  add(a, b) { return a + b; }
  echo(v) { return v; }
  boom() { throw new RangeError("boom"); }
  spin() { for (;;); }
}
export const obj = { hi(x) { return "hi " + x; } };
`

const rpcCallerSrc = `
export default {
  async fetch(req, env) {
    const p = new URL(req.url).pathname;
    try {
      let v;
      if (p === "/add") v = await env.SVC.add(20, 22);
      if (p === "/echo") { const r = await env.SVC.echo({ m: new Map([["k", new Date(0)]]), b: 12n }); v = [r.m.get("k").toISOString(), String(r.b)]; }
      if (p === "/boom") v = await env.SVC.boom();
      if (p === "/plain") v = await env.PLAIN.anything();
      return Response.json({ ok: v });
    } catch (e) {
      return Response.json({ err: e.name, msg: e.message, remote: e.remote, range: e instanceof RangeError });
    }
  },
};
`

// TestRPCBetweenIsolates calls from one isolate into another through the Go RPC path.
func TestRPCBetweenIsolates(t *testing.T) {
	callee := loadWith(t, rpcCalleeSrc, nil)
	caller := loadWith(t, rpcCallerSrc, []Binding{
		{Name: "SVC", Kind: BindService, Fetcher: isoTarget{callee}},
		{Name: "PLAIN", Kind: BindService, Fetcher: fetchOnly{}},
	})
	for path, want := range map[string]string{
		"/add":   `{"ok":42}`,
		"/echo":  `{"ok":["1970-01-01T00:00:00.000Z","12"]}`,
		"/boom":  `{"err":"RangeError","msg":"boom","remote":true,"range":true}`,
		"/plain": `{"err":"TypeError","msg":"` + ErrNoRPC.Error() + `","range":false}`,
	} {
		if got := get(t, caller, path); got != want {
			t.Errorf("%s: got %s, want %s", path, got, want)
		}
	}
}

// TestRPCCalleeFails: failures of the callee itself reach the caller's done as Go errors.
func TestRPCCalleeFails(t *testing.T) {
	call := func(iso *Isolate, method string, args []byte) ([]byte, error) {
		type outcome struct {
			b   []byte
			err error
		}
		ch := make(chan outcome, 1)
		iso.Loop.Post(func() { iso.Rpc("", method, args, func(b []byte, err error) { ch <- outcome{b, err} }) })
		o := <-ch
		return o.b, o.err
	}
	args := []byte{0xff, 0x01, 'A', 0, '$'} // []

	// Reading a method as a property answers with an exception (a function cannot be cloned).
	callee := loadWith(t, rpcCalleeSrc, nil)
	if b, err := call(callee, "spin", nil); err != nil || len(b) == 0 {
		t.Fatalf("property read: %q, %v", b, err)
	}

	// An isolate that runs out of CPU fails the call in flight.
	var slow *Isolate
	errc := make(chan error, 1)
	sharedLoop().Post(func() {
		var err error
		slow, err = sharedLoop().NewIsolate(Options{Name: "slow", CPULimit: 50 * time.Millisecond})
		if err != nil {
			errc <- err
			return
		}
		slow.Load(&Worker{Modules: []Module{{Name: "w.js", Kind: ModuleESM, Source: []byte(rpcCalleeSrc)}}}, func(err error) { errc <- err })
	})
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sharedLoop().Call(slow.Dispose) })
	var le *LimitError
	if _, err := call(slow, "spin", args); !errors.As(err, &le) || le.Kind != "cpu" {
		t.Fatalf("spinning callee: %v", err)
	}

	// A disposed isolate takes no calls.
	callee.Loop.Call(callee.Dispose)
	if _, err := call(callee, "add", args); !errors.Is(err, ErrBroken) {
		t.Fatalf("call on a disposed isolate: %v", err)
	}
}

// BenchmarkStructuredClone clones a record of a typical JSON-ish shape (50 objects).
func BenchmarkStructuredClone(b *testing.B) {
	iso, _ := newTestIsolate(b)
	iso.eval(b, `globalThis.rec = Array.from({ length: 50 }, (_, i) => ({ id: i, name: "item " + i, tags: ["a", "b"], at: new Date(i), score: i / 3 })); return 1;`)
	b.ResetTimer()
	got := iso.eval(b, `const n = `+strconv.Itoa(b.N)+`; for (let i = 0; i < n; i++) structuredClone(rec); return 1;`)
	if got != "1" {
		b.Fatal(got)
	}
}

// BenchmarkRPCAdd is env.SVC.add(1, 2) from one isolate to another and back.
func BenchmarkRPCAdd(b *testing.B) {
	callee := loadWith(b, rpcCalleeSrc, nil)
	caller := loadWith(b, `export default { async fetch(req, env) { const n = Number(new URL(req.url).searchParams.get("n")); let s = 0; for (let i = 0; i < n; i++) s += await env.SVC.add(i, 1); return new Response(String(s)); } };`,
		[]Binding{{Name: "SVC", Kind: BindService, Fetcher: isoTarget{callee}}})
	b.ResetTimer()
	get(b, caller, "/?n="+strconv.Itoa(b.N))
}
