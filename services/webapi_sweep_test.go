package services_test

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/nanod-runtime/nanod/config"
	"github.com/nanod-runtime/nanod/internal/oracle"
)

// jsonFromBoth serves one worker on nanod and on real workerd (skipping when workerd is absent)
// and returns what each answered at "/", decoded as a JSON object.
func jsonFromBoth(t *testing.T, worker, extra string) (nd, wd map[string]any) {
	t.Helper()
	return jsonFromBothAt(t, inline(t, worker, extra))
}

// jsonFromBothAt is jsonFromBoth for a config file written by the caller.
func jsonFromBothAt(t *testing.T, path string) (nd, wd map[string]any) {
	t.Helper()
	bin := oracle.RequireWorkerd(t)
	nanod := server(t, path, config.Options{Experimental: true})
	workerd := serveWorkerd(t, bin, path, "--experimental")
	read := func(base string) map[string]any {
		resp, err := http.Get(base + "/")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s: %v: %s", base, err, b)
		}
		return m
	}
	return read(nanod), read(workerd)
}

// A sweep over the Web APIs' argument checks and edge cases, each answered by nanod and by real
// workerd: results, error classes, names and messages must be the same.
func TestWebAPISweepDifferential(t *testing.T) {
	nd, wd := jsonFromBoth(t, webAPISweep, `, compatibilityFlags = ["nodejs_compat"]`)
	// Differences tracked as open work (see the README's Web API table), not regressions.
	known := map[string]string{}
	for k, w := range wd {
		if why, ok := known[k]; ok {
			t.Logf("%s: known difference: %s", k, why)
			continue
		}
		g, _ := json.Marshal(nd[k])
		ws, _ := json.Marshal(w)
		if string(g) != string(ws) {
			t.Errorf("%s:\n nanod   %s\n workerd %s", k, g, ws)
		}
	}
}

var webAPISweep = `export default { async fetch() {
  const r = {};
  const fmt = (e) => (e && typeof e === "object" && "name" in e) ? ` + "`" + `${e.constructor?.name}|${e.name}|${e.message}` + "`" + ` : "THROWN " + String(e);
  const t = (k, f) => { try { const v = f(); r[k] = v === undefined ? "undefined" : (typeof v === "object" && v !== null && !Array.isArray(v) ? Object.prototype.toString.call(v) : v); } catch (e) { r[k] = "ERR " + fmt(e); } };
  const ta = async (k, f) => { try { const v = await f(); r[k] = v === undefined ? "undefined" : v; } catch (e) { r[k] = "ERR " + fmt(e); } };
  t("h1", () => new Headers({ "bad name": "x" }));
  t("h2", () => new Headers([["a"]]));
  t("h3", () => new Headers({ a: "x\ny" }));
  t("h4", () => { const h = new Headers(); h.append("Set-Cookie", "a=1"); h.append("set-cookie", "b=2"); return [h.get("set-cookie"), h.getSetCookie()]; });
  t("h5", () => [...new Headers({ B: "1", a: "2", "C": " 3 " })]);
  t("h6", () => new Headers().get());
  t("r1", () => new Response("x", { status: 99 }));
  t("r2", () => new Response("x", { status: 204 }));
  t("r3", () => new Response(null, { statusText: "a\nb" }));
  t("r4", () => Response.redirect("/x"));
  t("r5", () => Response.redirect("http://a/", 200));
  t("r6", () => Response.redirect("http://a/", 301).headers.get("location"));
  t("r7", () => Response.error().type + Response.error().status);
  t("r8", () => new Response("x").headers.get("content-type"));
  t("r9", () => new Response(new URLSearchParams("a=1")).headers.get("content-type"));
  t("r10", () => new Response(new Blob(["x"], { type: "Text/Plain" })).headers.get("content-type"));
  await ta("r11", async () => { const res = new Response("abc"); await res.text(); return res.text(); });
  t("r12", () => { const res = new Response("abc"); res.body.getReader(); return res.clone(); });
  t("r13", () => Response.json({ a: 1n }));
  t("q1", () => new Request("http://a/", { method: "GET", body: "x" }));
  t("q2", () => new Request("/relative"));
  t("q3", () => new Request("http://a/", { method: "bad method" }));
  t("q4", () => new Request("http://a/", { method: "patch" }).method);
  t("q5", () => new Request("http://a/", { method: "CONNECT" }));
  t("q6", () => new Request("http://a/", { redirect: "nope" }));
  t("q7", () => new Request("http://u:p@a/"));
  t("q8", () => new Request("http://a/", { mode: "cors" }).mode);
  t("q9", () => new Request("http://a/", { cache: "no-store" }).cache);
  t("q10", () => [new Request("http://a/").signal.aborted, new Request("http://a/").redirect, new Request("http://a/").headers instanceof Headers]);
  await ta("f1", () => fetch("not a url"));
  await ta("f2", () => fetch("ftp://a/"));
  await ta("f3", () => fetch("http://a/", { method: "GET", body: "x" }));
  t("u1", () => new URL("http://a b/"));
  t("u2", () => new URL("x"));
  t("u3", () => URL.canParse("x") + "," + URL.canParse("x", "http://a/"));
  t("u4", () => new URLSearchParams("a=1&b=2&a=3").getAll("a"));
  t("u5", () => String(new URL("http://EXAMPLE.com:80/a/../b?c#d")));
  t("e1", () => new TextDecoder("nope"));
  t("e2", () => new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array([0xff])));
  t("e3", () => new TextEncoder().encodeInto("héllo", new Uint8Array(3)));
  t("e4", () => atob("*"));
  t("e5", () => btoa("é€"));
  t("e6", () => new TextDecoder().decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])));
  t("e7", () => new TextDecoder("utf-16le").encoding);
  t("c1", () => structuredClone(() => 1));
  t("c2", () => structuredClone(Symbol("x")));
  t("c3", () => { const o = { a: new Map([[1, { b: 2 }]]), d: new Date(0), re: /x/gi, e: new RangeError("m") }; o.self = o; const c = structuredClone(o); return [c.self === c, c.a.get(1).b, c.d.getTime(), String(c.re), c.e.name, c.e.message, c.e instanceof RangeError]; });
  t("c4", () => structuredClone(new WeakMap()));
  t("c5", () => structuredClone(new Request("http://a/")));
  t("b1", () => new Blob(["abc", new Uint8Array([100])]).size);
  await ta("b2", () => new Blob(["abcdef"]).slice(-3, -1).text());
  t("b3", () => new Blob(["x"], { type: "A/B" }).type);
  t("b4", () => new File(["x"], "n.txt").name + new File(["x"], "n").type);
  t("b5", () => new File(["x"]));
  t("d1", () => { const f = new FormData(); f.append("a", "1"); f.append("b", new Blob(["x"]), "b.txt"); return [...f].map(([k, v]) => k + "=" + (typeof v === "string" ? v : v.name + ":" + v.type)); });
  t("d2", () => new FormData().append("a", {}, "x"));
  t("d3", () => new FormData().append("a"));
  t("ev1", () => new Event());
  t("ev2", () => { const et = new EventTarget(); let n = 0; const f = () => n++; et.addEventListener("x", f); et.addEventListener("x", f); et.dispatchEvent(new Event("x")); return n; });
  t("ev3", () => new EventTarget().dispatchEvent("x"));
  t("ev4", () => { const e = new CustomEvent("c", { detail: 5 }); return [e.detail, e.type, e.bubbles, e.cancelable]; });
  t("a1", () => { const c = new AbortController(); c.abort(); return [c.signal.reason.name, c.signal.reason.message]; });
  t("a2", () => AbortSignal.timeout(-1));
  t("a3", () => { const s = AbortSignal.abort("why"); try { s.throwIfAborted(); } catch (e) { return e; } });
  t("a4", () => AbortSignal.any([AbortSignal.abort(1)]).reason);
  t("s1", () => { const rs = new ReadableStream(); rs.getReader(); rs.getReader(); });
  t("s2", () => new ReadableStream({ type: "nope" }));
  t("s3", () => new ReadableStream().getReader({ mode: "byob" }));
  await ta("s4", async () => { const rs = new ReadableStream({ start(c) { c.enqueue("a"); c.close(); } }); const out = []; for await (const x of rs) out.push(x); return out; });
  await ta("s5", async () => { const ws = new WritableStream(); const w = ws.getWriter(); await w.close(); return w.write("x"); });
  await ta("s6", () => new Response(new ReadableStream({ start(c) { c.enqueue("str"); c.close(); } })).text());
  t("s7", () => new CountQueuingStrategy({ highWaterMark: 3 }).size());
  await ta("s8", async () => { const { readable, writable } = new TransformStream({ transform(c, ctl) { ctl.enqueue(c.toUpperCase()); } }); const w = writable.getWriter(); w.write("ab"); w.close(); return new Response(readable.pipeThrough(new TextEncoderStream())).text(); });
  t("k1", () => crypto.getRandomValues(new Uint8Array(65537)));
  t("k2", () => crypto.getRandomValues(new Float32Array(1)));
  t("k3", () => /^[0-9a-f-]{36}$/.test(crypto.randomUUID()));
  await ta("k4", () => crypto.subtle.digest("SHA-3", new Uint8Array()));
  await ta("k5", async () => [...new Uint8Array(await crypto.subtle.digest("SHA-1", new TextEncoder().encode("abc")))].slice(0, 4));
  await ta("k6", () => crypto.subtle.importKey("raw", new Uint8Array(5), "AES-GCM", false, ["encrypt"]));
  t("m1", () => typeof queueMicrotask + typeof setImmediate + typeof structuredClone + typeof navigator + typeof performance.now());
  t("m2", () => setTimeout("code", 1));
  t("m3", () => queueMicrotask(1));
  t("m4", () => [typeof scheduler, typeof scheduler?.wait, typeof caches, typeof HTMLRewriter, typeof URLPattern, typeof WebSocketPair, typeof MessageChannel, typeof EventSource]);
  t("x1", () => new DOMException("m", "NotFoundError").code);
  t("x2", () => [DOMException.ABORT_ERR, new DOMException().name, new DOMException("a", { name: "X", cause: 1 }).cause]);
  return Response.json(r);
} };
`

// Which Web API classes carry Symbol.toStringTag (a plain value from set_tostring_tag's date on,
// none before) and which flag-dependent classes exist, at dates on both sides of the flags.
func TestGlobalClassesDifferential(t *testing.T) {
	for _, date := range []string{"2024-09-23", "2024-09-26", "2025-06-01"} {
		t.Run(date, func(t *testing.T) {
			path := inline(t, globalClassesWorker, "")
			b, _ := os.ReadFile(path)
			os.WriteFile(path, []byte(strings.Replace(string(b), `compatibilityDate = "2024-09-23"`, `compatibilityDate = "`+date+`"`, 1)), 0o644)
			nd, wd := jsonFromBothAt(t, path)
			for k, w := range wd {
				if g := nd[k]; g != w {
					t.Errorf("%s: nanod %v, workerd %v", k, g, w)
				}
			}
		})
	}
}

var globalClassesWorker = `const NAMES = ["AbortController", "AbortSignal", "ArrayBuffer", "AsyncDisposableStack", "BigInt", "BigInt64Array", "BigUint64Array", "Blob", "ByteLengthQueuingStrategy", "Cache", "CacheStorage", "CloseEvent", "CompressionStream", "CountQueuingStrategy", "CustomEvent", "DOMException", "DataView", "DecompressionStream", "DisposableStack", "ErrorEvent", "Event", "EventSource", "EventTarget", "ExtendableEvent", "File", "FinalizationRegistry", "FixedLengthStream", "Float32Array", "Float64Array", "FormData", "Headers", "IdentityTransformStream", "Int16Array", "Int32Array", "Int8Array", "Iterator", "Map", "MessageEvent", "Navigator", "Performance", "PerformanceEntry", "PerformanceMark", "PerformanceMeasure", "Promise", "ReadableByteStreamController", "ReadableStream", "ReadableStreamBYOBReader", "ReadableStreamBYOBRequest", "ReadableStreamDefaultController", "ReadableStreamDefaultReader", "Request", "Response", "Set", "SharedArrayBuffer", "Symbol", "TextDecoder", "TextDecoderStream", "TextEncoder", "TextEncoderStream", "TransformStream", "TransformStreamDefaultController", "URL", "URLPattern", "URLSearchParams", "Uint16Array", "Uint32Array", "Uint8Array", "Uint8ClampedArray", "WeakMap", "WeakRef", "WeakSet", "WebSocket", "WebSocketPair", "WritableStream", "WritableStreamDefaultController", "WritableStreamDefaultWriter"];
export default { async fetch() {
  const out = {};
  for (const k of NAMES) {
    let v; try { v = globalThis[k]; } catch { continue; }
    if (typeof v !== "function" || !v.prototype) { out[k] = "absent"; continue; }
    let d;
    for (let p = v.prototype; p && !d; p = Object.getPrototypeOf(p)) { d = Object.getOwnPropertyDescriptor(p, Symbol.toStringTag); if (d) d.owner = p === v.prototype ? "own" : "inherited"; }
    out[k] = d ? (d.get ? "getter:" + d.get.call(v.prototype) : "value:" + d.value) + ":" + d.owner : "none";
  }
  return Response.json(out);
} };
`
