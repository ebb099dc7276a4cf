package services_test

import (
	"strings"
	"testing"

	"github.com/nanod-runtime/nanod/config"
)

// The unsafeEval binding compiles code after start-up (when eval itself is refused), without
// the caller's scope, naming the script for stack traces.
func TestUnsafeEvalBinding(t *testing.T) {
	base := server(t, inline(t, `
globalThis.g = 40;
export default {
  async fetch(req, env) {
    const r = {};
    const t = (k, f) => { try { r[k] = f(); } catch (e) { r[k] = e.name + ": " + e.message; } };
    const local = 1;
    t("eval", () => env.U.eval("g + 2"));
    t("scope", () => env.U.eval("local"));
    t("stack", () => { try { env.U.eval(" throw new Error('boom'); ", "foo"); } catch (e) { return e.stack.split("\n").slice(0, 2).join("|"); } });
    t("plainEval", () => eval("1"));
    t("fn", () => { const f = env.U.newFunction("return a + b", "add", "a", "b"); return [f.length, f.name, f(2, 3)]; });
    t("anon", () => env.U.newFunction("return 1").name);
    const af = env.U.newAsyncFunction("return await x", "waiter", "x");
    r.async = [af.length, af.name, await af(Promise.resolve(7))];
    t("wasm", () => env.U.newWasmModule(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])) instanceof WebAssembly.Module);
    t("badWasm", () => env.U.newWasmModule(new Uint8Array([1, 2])));
    t("notBytes", () => env.U.newWasmModule([]));
    t("tag", () => Object.prototype.toString.call(env.U));
    return Response.json(r);
  },
};`, `, bindings = [(name = "U", unsafeEval = void)]`), config.Options{Experimental: true})
	_, _, body := get(t, base+"/")
	want := `{"eval":42,"scope":"ReferenceError: local is not defined","stack":"Error: boom|    at foo:1:8","plainEval":"EvalError: Code generation from strings disallowed for this context","fn":[2,"add",5],"anon":"anonymous","async":[1,"waiter",7],"wasm":true,"badWasm":"CompileError: WasmModuleObject::Compile(): expected 4 bytes, fell off end @+0","notBytes":"TypeError: Failed to execute 'newWasmModule' on 'UnsafeEval': parameter 1 is not of type 'ArrayBuffer or ArrayBufferView'.","tag":"[object Object]"}`
	if body != want {
		t.Errorf("got  %s\nwant %s", body, want)
	}
	// As in workerd, the binding needs --experimental.
	if _, err := config.Load(inline(t, "export default {}", `, bindings = [(name = "U", unsafeEval = void)]`), config.Options{}); err == nil ||
		!strings.Contains(err.Error(), "Unsafe eval bindings are an experimental feature") {
		t.Errorf("without --experimental: %v", err)
	}
}
