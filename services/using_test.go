package services_test

import (
	"testing"

	"github.com/nanod-runtime/nanod/config"
)

// `using` / `await using` (explicit resource management) run on our V8 through esbuild's
// lowering, with disposal order, SuppressedError and DisposableStack as the proposal says.
func TestUsingDeclarations(t *testing.T) {
	base := server(t, inline(t, `
const log = [];
const res = (name) => ({ [Symbol.dispose]() { log.push("dispose " + name); } });
const ares = (name) => ({ async [Symbol.asyncDispose]() { await null; log.push("async dispose " + name); } });
function sync() {
  using a = res("a"), b = res("b");
  { using c = res("c"); log.push("inner"); }
  log.push("body");
}
async function asyncUse() {
  await using x = ares("x");
  using y = res("y");
  log.push("async body");
}
function suppressed() {
  try {
    using bad = { [Symbol.dispose]() { throw new Error("in dispose"); } };
    throw new Error("in body");
  } catch (e) {
    return [e.name, e.error.message, e.suppressed.message];
  }
}
export default {
  async fetch() {
    sync();
    await asyncUse();
    const stack = new DisposableStack();
    stack.defer(() => log.push("deferred"));
    stack.use(res("s"));
    stack.dispose();
    return Response.json({ log, suppressed: suppressed(), disposed: stack.disposed });
  },
};`, ""), config.Options{})
	_, _, body := get(t, base+"/")
	want := `{"log":["inner","dispose c","body","dispose b","dispose a","async body","dispose y","async dispose x","dispose s","deferred"],"suppressed":["SuppressedError","in dispose","in body"],"disposed":true}`
	if body != want {
		t.Errorf("got  %s\nwant %s", body, want)
	}
}
