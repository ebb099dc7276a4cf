package v8ext

import (
	"strings"
	"testing"

	"rogchap.com/v8go"
)

var graph = map[string]string{
	"main.js": `
import { counter, inc } from './lib.js';
import * as lib from './lib.js';
import { cycSees } from './cyc.js';
const t = await Promise.resolve({ v: 7 });
export const tla = t.v;
export let live = 0;
export function incLive() { live++; }
export const meta = import.meta.url;
export function report() {
  inc();
  return 'counter=' + counter + ' ns=' + lib.counter + ' cyc=' + cycSees() +
    ' tla=' + tla + ' meta=' + meta + ' libMeta=' + lib.libMeta;
}
export async function lazy() { return (await import('./sub/lazy.js')).describe(); }
`,
	"lib.js": `
import { fromCyc } from './cyc.js';
export let counter = 0;
export function inc() { counter++; }
export const libMeta = import.meta.url;
export function viaCyc() { return fromCyc(); }
`,
	"cyc.js": `
import { counter } from './lib.js';
export function cycSees() { return counter; }
export function fromCyc() { return 'cyc'; }
`,
	"sub/lazy.js": `
import { counter } from '../lib.js';
export function describe() { return 'lazy counter=' + counter + ' meta=' + import.meta.url; }
`,
	"tdz_a.js":    "import { b } from './tdz_b.js';\nexport const a = 1;\n",
	"tdz_b.js":    "import { a } from './tdz_a.js';\nexport const b = a + 1;\n",
	"syntax.js":   "export const x = 1;\n\nlet y = ;\n",
	"missing.js":  "import x from './nope.js';\n",
	"noexport.js": "import { nosuch } from './lib.js';\n",
	"throws.js":   "function boom() { throw new TypeError('boom during evaluation'); }\nboom();\n",
	"tla_rej.js":  "await null;\nthrow new RangeError('rejected after await');\n",
	"self.js":     "export const p = __ext.import('self.js');\nexport const v = 5;\n",
}

// describe formats what a rejected import delivers to JS.
const describe = `e => [e.name, e.message, e.fileName, e.lineNumber, e.columnNumber, e.stack].join('|')`

func TestModuleGraph(t *testing.T) {
	v := newEnv(t, 0, Options{})
	v.modules(ESM, graph)
	v.must(`__ext.import('main.js').then(ns => { globalThis.ns = ns; return 'ok' })`)

	// Cycle (main → lib ⇄ cyc), live bindings through named, namespace and
	// cyclic imports, TLA, and a per-module import.meta.url.
	v.expect(`ns.report()`, "counter=1 ns=1 cyc=1 tla=7 meta=file:///main.js libMeta=file:///lib.js")
	v.expect(`ns.report()`, "counter=2 ns=2 cyc=2 tla=7 meta=file:///main.js libMeta=file:///lib.js")
	v.expect(`[ns.live, ns.incLive(), ns.incLive(), ns.live].join()`, "0,,,2")
	v.expect(`Object.prototype.toString.call(ns)`, "[object Module]")

	// Dynamic import() inside a module, resolved relative to it.
	v.expect(`ns.lazy()`, "lazy counter=2 meta=file:///sub/lazy.js")
	// Modules are cached per context: same namespace object, same instance.
	v.expect(`__ext.import('main.js').then(n => n === ns)`, "true")
	v.expect(`__ext.import('lib.js').then(l => l.counter)`, "2")
	// import() from a classic script resolves against the script's name.
	if _, err := v.ctx.RunScript(`import('lib.js').then(l => { globalThis.viaScript = l.viaCyc() })`, "boot.js"); err != nil {
		t.Fatal(err)
	}
	v.ctx.PerformMicrotaskCheckpoint()
	v.expect(`viaScript`, "cyc")

	// An import of a module evaluating further up the stack waits for it
	// instead of tripping V8's CHECK on Module::Evaluate.
	v.expect(`__ext.import('self.js').then(s => s.p).then(s => s.v)`, "5")
}

func TestModuleTDZ(t *testing.T) {
	v := newEnv(t, 0, Options{})
	v.modules(ESM, graph)
	got := v.must(`__ext.import('tdz_a.js').then(() => 'no error', ` + describe + `)`)
	want := "ReferenceError|Cannot access 'a' before initialization||||ReferenceError: Cannot access 'a' before initialization\n    at file:///tdz_b.js:2:18\n"
	if !strings.HasPrefix(got, want) {
		t.Errorf("got %q, want %q...", got, want)
	}
}

func TestModuleErrors(t *testing.T) {
	v := newEnv(t, 0, Options{})
	v.modules(ESM, graph)
	v.ext.SetModule("bad.json", JSON, []byte(`{"a": nope}`))
	v.ext.SetModule("bad.wasm", Wasm, []byte("not wasm"))
	v.ext.SetModule("uses_syntax.js", ESM, []byte("import './syntax.js';"))
	v.ext.SetModule("uses_bad_json.js", ESM, []byte("import j from './bad.json';"))
	v.ext.SetModule("bad2.json", JSON, []byte(`{"a": nope}`))
	v.ext.SetModule("uses_bad_json2.js", ESM, []byte("import j from './bad2.json';"))
	for _, c := range []struct{ name, want string }{
		{"syntax.js", "SyntaxError|Unexpected token ';'|file:///syntax.js|3|9|SyntaxError: Unexpected token ';'\n    at file:///syntax.js:3:9"},
		{"nope.js", "Error|No such module \"nope.js\".|||"},
		{"missing.js", "Error|No such module \"nope.js\".|||"},
		{"noexport.js", "SyntaxError|The requested module './lib.js' does not provide an export named 'nosuch'|file:///noexport.js|1|10|" +
			"SyntaxError: The requested module './lib.js' does not provide an export named 'nosuch'\n    at file:///noexport.js:1:10"},
		{"throws.js", "TypeError|boom during evaluation||||TypeError: boom during evaluation\n    at boom (file:///throws.js:1:25)\n    at file:///throws.js:2:1"},
		{"tla_rej.js", "RangeError|rejected after await||||RangeError: rejected after await\n    at file:///tla_rej.js:2:7"},
		{"bad.json", `SyntaxError|Unexpected token 'o', "{"a": nope}" is not valid JSON`},
		{"uses_syntax.js", "SyntaxError|Unexpected token ';'|file:///syntax.js|3|9|"},
		{"uses_bad_json.js", `SyntaxError|Unexpected token 'o', "{"a": nope}" is not valid JSON`},
		{"uses_bad_json2.js", `SyntaxError|Unexpected token 'o', "{"a": nope}" is not valid JSON`},
		{"bad.wasm", "CompileError|WasmModuleObject::Compile(): expected magic word 00 61 73 6d"},
	} {
		got := v.must(`__ext.import('` + c.name + `').then(() => 'no error', ` + describe + `)`)
		if !strings.HasPrefix(got, c.want) {
			t.Errorf("%s:\n got: %q\nwant: %q...", c.name, got, c.want)
		}
		// V8 keeps a module that failed to evaluate: importing it again
		// rejects with the same error.
		if again := v.must(`__ext.import('` + c.name + `').then(() => 'no error', ` + describe + `)`); again != got {
			t.Errorf("%s again: %q, first %q", c.name, again, got)
		}
	}
	v.expect(`try { __ext.import(1) } catch (e) { e.name + ': ' + e.message }`, "TypeError: __ext.import() expects a name")
	if r := v.ext.TakeRejections(); len(r) != 0 {
		t.Errorf("handled import errors were reported as unhandled: %v", r)
	}
}

func TestSyntheticModules(t *testing.T) {
	v := newEnv(t, 0, Options{})
	v.ext.SetModule("cfg.json", JSON, []byte(`{"name": "demo", "n": [1, 2, 3]}`))
	v.ext.SetModule("page.txt", Text, []byte("<h1>héllo</h1>"))
	v.ext.SetModule("blob.bin", Data, []byte{0xde, 0xad, 0xbe, 0xef, 0})
	v.ext.SetModule("empty.bin", Data, nil)
	v.ext.SetModule("add.wasm", Wasm, addWasm)
	v.ext.SetModule("main.js", ESM, []byte(`
import cfg from './cfg.json';
import page from './page.txt';
import blob from './blob.bin';
import empty from './empty.bin';
import add from './add.wasm';
import * as cfgNS from './cfg.json';
const inst = new WebAssembly.Instance(add);
export default [cfg.name, cfg.n.join('+'), page, page.length,
  blob instanceof ArrayBuffer, new Uint8Array(blob).join(','), empty.byteLength,
  add instanceof WebAssembly.Module, inst.exports.add(2, 40), Object.keys(cfgNS).join()].join(' ');
`))
	v.expect(`__ext.import('main.js').then(m => m.default)`,
		"demo 1+2+3 <h1>héllo</h1> 14 true 222,173,190,239,0 0 true 42 default")
	// The same instance is shared by every importer in the context.
	v.expect(`Promise.all([__ext.import('cfg.json'), import('cfg.json')]).then(([a, b]) => a.default === b.default)`, "true")
}

// addWasm is a module exporting add(a, b i32) i32, assembled by hand.
var addWasm = []byte{
	0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
	0x01, 0x07, 0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f, // type 0: (i32, i32) -> i32
	0x03, 0x02, 0x01, 0x00, // function 0 has type 0
	0x07, 0x07, 0x01, 0x03, 'a', 'd', 'd', 0x00, 0x00, // export "add" = function 0
	0x0a, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6a, 0x0b, // local.get 0, local.get 1, i32.add
}

func TestCommonJS(t *testing.T) {
	v := newEnv(t, 0, Options{})
	v.ext.SetModule("legacy.cjs", CommonJS, []byte(`
const helper = require('./util/helper.cjs');
const cfg = require('cfg.json');
exports.greet = name => helper.prefix + name + ' ' + cfg.v;
exports.version = 2;
exports.file = __filename + ' ' + __dirname;
exports.esm = require('./esm.js').answer;
`), "greet", "version", "default")
	v.ext.SetModule("util/helper.cjs", CommonJS, []byte(`module.exports = { prefix: 'hi ' }; module.exports.again = require('../legacy.cjs').version;`))
	v.ext.SetModule("cfg.json", JSON, []byte(`{"v": "v1"}`))
	v.ext.SetModule("esm.js", ESM, []byte(`export const answer = 42;`))
	v.ext.SetModule("tla.js", ESM, []byte(`await 0; export const x = 1;`))
	v.ext.SetModule("uses_tla.cjs", CommonJS, []byte(`require('./tla.js')`))
	v.ext.SetModule("throws.cjs", CommonJS, []byte(`throw new Error('cjs boom')`))
	v.ext.SetModule("main.js", ESM, []byte(`
import legacy, { greet, version } from './legacy.cjs';
import helper from './util/helper.cjs';
export default [greet('bob'), version, legacy.file, legacy.esm, legacy === (await import('./legacy.cjs')).default, helper.again].join(' | ');
`))
	// helper.cjs requires legacy.cjs while legacy.cjs is running: it sees the
	// partial exports, as in Node.
	v.expect(`__ext.import('main.js').then(m => m.default)`,
		"hi bob v1 | 2 | /legacy.cjs / | 42 | true | ")
	v.expect(`__ext.import('uses_tla.cjs').then(() => 'loaded', e => e.message)`,
		"require() of ES module 'tla.js' which uses top-level await; use import() instead")
	v.expect(`__ext.import('throws.cjs').then(() => 'loaded', e => e.message)`, "cjs boom")
}

func TestResolver(t *testing.T) {
	v := newEnv(t, 0, Options{})
	v.ext.SetModule("node:buffer", ESM, []byte(`export const Buffer = 'buf'; export const url = import.meta.url;`))
	v.ext.SetModule("app/main.js", ESM, []byte(`
import { Buffer, url } from 'buffer';
import { x } from 'lib.js';
export default Buffer + ' ' + url + ' ' + x;
`))
	v.ext.SetModule("app/lib.js", ESM, []byte(`export const x = 'app-lib';`))
	var seen []string
	v.ext.SetResolver(func(spec, ref string) (string, bool) {
		seen = append(seen, spec+"<"+ref)
		if spec == "buffer" {
			return "node:buffer", true
		}
		return v.ext.DefaultResolve(spec, ref)
	})
	v.expect(`__ext.import('app/main.js').then(m => m.default)`, "buf node:buffer app-lib")
	if got := strings.Join(seen, ","); got != "buffer<app/main.js,lib.js<app/main.js" {
		t.Errorf("resolver calls: %s", got)
	}
	for _, c := range [][3]string{
		{"./x.js", "a/b.js", "a/x.js"},
		{"../x.js", "a/b.js", "x.js"},
		{"/a/x.js", "b/c.js", "a/x.js"},
		{"file:///a/x.js", "", "a/x.js"},
		{"node:fs", "a/b.js", "node:fs"},
		{"lib.js", "app/main.js", "app/lib.js"}, // exists relative to the referrer
		{"other.js", "app/main.js", "other.js"},
	} {
		if got, _ := v.ext.DefaultResolve(c[0], c[1]); got != c[2] {
			t.Errorf("DefaultResolve(%q, %q) = %q, want %q", c[0], c[1], got, c[2])
		}
	}
}

// TestCallbacksFromModules checks that v8go Go callbacks work from module
// code (the v8go context is the current one) and that binding works from
// inside a callback as well.
func TestCallbacksFromModules(t *testing.T) {
	v := newEnv(t, 0, Options{})
	var logged []string
	logFn := v8go.NewFunctionTemplate(v.iso, func(info *v8go.FunctionCallbackInfo) *v8go.Value {
		logged = append(logged, info.Args()[0].String())
		return nil
	})
	global := v.ctx.Global()
	if err := global.Set("goLog", logFn.GetFunction(v.ctx)); err != nil {
		t.Fatal(err)
	}
	v.ext.SetModule("m.js", ESM, []byte(`goLog('top-level ' + import.meta.url); export default 1;`))
	v.expect(`__ext.import('m.js').then(m => m.default)`, "1")
	if len(logged) != 1 || logged[0] != "top-level file:///m.js" {
		t.Errorf("logged %q", logged)
	}

	// A second context, bound from inside a callback running in it.
	ctx2 := v8go.NewContext(v.iso)
	defer ctx2.Close()
	var id2 int
	var bindErr error
	bindTmpl := v8go.NewFunctionTemplate(v.iso, func(info *v8go.FunctionCallbackInfo) *v8go.Value {
		id2, bindErr = v.ext.BindContext(info.Context())
		return nil
	})
	g2 := ctx2.Global()
	if err := g2.Set("bindMe", bindTmpl.GetFunction(ctx2)); err != nil {
		t.Fatal(err)
	}
	if _, err := ctx2.RunScript(`bindMe()`, "b.js"); err != nil || bindErr != nil {
		t.Fatal(err, bindErr)
	}
	defer v.ext.UnbindContext(id2)
	if id2 == v.id {
		t.Fatalf("second context got the first one's id %d", id2)
	}
	if again, err := v.ext.BindContext(ctx2); err != nil || again != id2 {
		t.Errorf("rebinding: id %d err %v, want %d", again, err, id2)
	}
	// Each context has its own module instances.
	v.ext.SetModule("count.js", ESM, []byte(`export let n = 0; export function inc() { return ++n; }`))
	v.expect(`__ext.import('count.js').then(m => m.inc() + m.inc())`, "3")
	val, err := ctx2.RunScript(`__ext.import('count.js').then(m => { globalThis.r = m.inc() })`, "c.js")
	if err != nil {
		t.Fatal(err)
	}
	val.Release()
	ctx2.PerformMicrotaskCheckpoint()
	r, _ := ctx2.RunScript(`r`, "r.js")
	if r.Int32() != 1 {
		t.Errorf("second context sees count %d, want 1", r.Int32())
	}
}

func TestUnboundContext(t *testing.T) {
	v := newEnv(t, 0, Options{})
	v.ext.SetModule("m.js", ESM, []byte(`export default 1;`))
	ctx2 := v8go.NewContext(v.iso)
	defer ctx2.Close()
	if _, err := v.ext.BytesFromJS(ctx2, v8go.Undefined(v.iso)); err != ErrNotBound {
		t.Errorf("BytesFromJS on an unbound context: %v", err)
	}
	val, err := ctx2.RunScript(`import('m.js').then(() => 'loaded', e => e.message)`, "x.js")
	if err != nil {
		t.Fatal(err)
	}
	ctx2.PerformMicrotaskCheckpoint()
	p, _ := val.AsPromise()
	if got := p.Result().String(); got != "import() is not available in this context" {
		t.Errorf("import() in an unbound context: %s", got)
	}
	// A function kept from an unbound context throws instead of crashing.
	v.must(`globalThis.imp = __ext.import`)
	v.ext.UnbindContext(v.id)
	v.expect(`try { imp('m.js') } catch (e) { e.message }`, "context is no longer bound")
	id, err := v.ext.BindContext(v.ctx)
	if err != nil {
		t.Fatal(err)
	}
	v.id = id
	v.expect(`__ext.import('m.js').then(m => m.default)`, "1")
}

func TestRejections(t *testing.T) {
	v := newEnv(t, 0, Options{})
	v.modules(ESM, graph)
	v.must(`
Promise.reject(new Error('unhandled one'));
const late = Promise.reject(new Error('caught later'));
Promise.resolve().then(() => late.catch(() => {}));
(async function thrower() { throw new TypeError('async throw'); })();
__ext.import('tla_rej.js');
'done'`)
	v.ctx.PerformMicrotaskCheckpoint()
	got := v.ext.TakeRejections()
	want := []Rejection{
		{"Error: unhandled one", "Error: unhandled one\n    at test.js:2:16"},
		{"TypeError: async throw", "TypeError: async throw\n    at thrower (test.js:5:35)\n    at test.js:5:67"},
		{"RangeError: rejected after await", "RangeError: rejected after await\n    at file:///tla_rej.js:2:7"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d rejections, want %d: %q", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("rejection %d:\n got %q\nwant %q", i, got[i], want[i])
		}
	}
	if r := v.ext.TakeRejections(); r != nil {
		t.Errorf("second take: %q", r)
	}
	// A reason whose toString is hostile is still described without running JS.
	v.must(`Promise.reject({ toString() { globalThis.ran = 1; return 'x' } }); Promise.reject(42); 'done'`)
	got = v.ext.TakeRejections()
	if len(got) != 2 || got[0].Message != "[object Object]" || got[1].Message != "42" {
		t.Errorf("odd reasons: %q", got)
	}
	v.expect(`typeof ran`, "undefined")
	// The tracker is bounded; the overflow is counted.
	v.must(`for (let i = 0; i < 300; i++) Promise.reject(i); 'done'`)
	got = v.ext.TakeRejections()
	if len(got) != 257 || got[256].Message != "44 more unhandled rejections were not recorded" {
		t.Errorf("overflow: %d entries, last %q", len(got), got[len(got)-1])
	}
}
