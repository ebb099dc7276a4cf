package services_test

import (
	"testing"

	"github.com/nanod-runtime/nanod/config"
)

// Rejections still unhandled at a microtask checkpoint reach the global scope as
// unhandledrejection events (a listener's own rejection too), a late handler as rejectionhandled
// (reason undefined); PromiseRejectionEvent cannot be constructed. The expected answer is what
// workerd gave for the same worker.
func TestUnhandledRejectionEvents(t *testing.T) {
	base := server(t, inline(t, rejectionWorker, ""), config.Options{})
	if _, _, body := get(t, base+"/"); body != rejectionWant {
		t.Errorf("got  %s\nwant %s", body, rejectionWant)
	}
}

var rejectionWorker = `export default { async fetch(req) {
  const seen = [];
  const f = (e) => { seen.push([e.type, e.constructor.name, String(e.reason), e.promise instanceof Promise, e.cancelable, e.bubbles]); if (seen.length === 1) Promise.reject(new Error("from-listener")); return undefined; };
  addEventListener("unhandledrejection", f);
  addEventListener("rejectionhandled", (e) => seen.push([e.type, String(e.reason), e.promise instanceof Promise]));
  const p = Promise.reject(new Error("first"));
  Promise.reject(new Error("handled-in-time")).catch(() => {});
  await new Promise((r) => setTimeout(r, 10));
  p.catch(() => {});
  await new Promise((r) => setTimeout(r, 10));
  removeEventListener("unhandledrejection", f);
  let err; try { new PromiseRejectionEvent("x", { promise: p }); } catch (e) { err = e.name + ": " + e.message; }
  return Response.json({ seen, err, proto: Object.getPrototypeOf(PromiseRejectionEvent.prototype) === Event.prototype });
} };
`

const rejectionWant = `{"seen":[["unhandledrejection","PromiseRejectionEvent","Error: first",true,false,false],["unhandledrejection","PromiseRejectionEvent","Error: from-listener",true,false,false],["rejectionhandled","undefined",true]],"err":"TypeError: Illegal constructor","proto":true}`
