package services_test

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"

	"sort"
	"strings"
	"testing"
	"time"

	"github.com/nanod-runtime/nanod/config"
	"github.com/nanod-runtime/nanod/internal/oracle"
)

// diffWorker is served by both nanod and real workerd. Each path names a case; a case's result
// (or error name and message) comes back as JSON, so API behaviour is compared value by value.
const diffWorker = `
const enc = new TextEncoder();
const cases = {
  self: () => typeof SELF,
  json: () => Response.json({ a: [1, "x", null] }, { status: 201, headers: { "x-k": "v" } }),
  text: () => new Response("héllo", { headers: { "content-type": "text/plain" } }),
  nullbody: () => new Response(null, { status: 204 }),
  redirect: () => Response.redirect("https://example.com/a?b#c", 307),
  badstatus: () => new Response("x", { status: 99 }),
  headersSorted: () => { const h = new Headers([["b", "2"], ["A", "1"], ["set-cookie", "x=1"], ["Set-Cookie", "y=2"], ["a", "3"]]); return [...h]; },
  headersBadName: () => new Headers({ "a b": "x" }),
  headersBadValue: () => new Headers({ a: "x\ny" }),
  headersTrim: () => new Headers({ a: " \t v \t " }).get("a"),
  getSetCookie: () => { const h = new Headers(); h.append("set-cookie", "a"); h.append("set-cookie", "b"); return [h.getSetCookie(), h.get("set-cookie")]; },
  reqEcho: async (req) => ({ method: req.method, url: req.url, h: [...req.headers].filter(([k]) => k.startsWith("x-")), body: await req.text() }),
  reqNoBodyGet: () => new Request("http://x/", { method: "GET", body: "b" }),
  reqMethodNorm: () => [new Request("http://x/", { method: "post" }).method, new Request("http://x/", { method: "patch" }).method, new Request("http://x/", { method: "Custom" }).method],
  reqRelative: () => new Request("/relative"),
  reqClone: async () => { const r = new Request("http://x/", { method: "PUT", body: "abc" }); const c = r.clone(); return [await r.text(), await c.text(), r.bodyUsed]; },
  respClone: async () => { const r = new Response("abc"); const c = r.clone(); return [await c.text(), await r.text()]; },
  bodyUsedTwice: async () => { const r = new Response("x"); await r.text(); return r.text(); },
  respCT: () => [new Response("s").headers.get("content-type"), new Response(new Uint8Array(1)).headers.get("content-type"), new Response(new URLSearchParams("a=1")).headers.get("content-type")],
  url: () => { const u = new URL("HTTP://üser:pw@Example.COM:80/a/./b/../c?q=1 2#frag"); return [u.href, u.origin, u.host, u.username, u.pathname, u.search, u.hash]; },
  urlInvalid: () => new URL("http://exa mple.com"),
  urlSearch: () => { const p = new URLSearchParams("a=1&b=2&a=3"); p.append("c", "é &"); p.delete("b"); p.sort(); return [p.toString(), p.getAll("a"), p.size]; },
  urlSetters: () => { const u = new URL("https://h/p"); u.protocol = "http"; u.port = "8080x"; u.pathname = "a b"; u.hash = "#x"; u.search = "?y z"; return u.href; },
  encode: () => [...enc.encode("a€\ud83d\ude00\ud800")],
  decode: () => [new TextDecoder().decode(new Uint8Array([0xe2, 0x82, 0xac, 0xff, 0x41])), new TextDecoder().decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))],
  decodeFatal: () => new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array([0xc0])),
  decodeLabel: () => new TextDecoder("latin2"),
  btoa: () => [btoa("hi\xff"), atob(" aGk= ")],
  atobBad: () => atob("a"),
  structured: () => typeof structuredClone,
  timers: () => new Promise((r) => { const out = []; setTimeout(() => out.push(2), 5); setTimeout(() => { out.push(3); r(out); }, 10); queueMicrotask(() => out.push(1)); }),
  globals: () => ["self", "fetch", "Request", "Response", "Headers", "URL", "URLSearchParams", "TextEncoder", "TextDecoder", "ReadableStream", "setTimeout", "queueMicrotask", "atob", "btoa", "console", "WebAssembly", "DOMException"].map((n) => [n, typeof globalThis[n]]),
  importMissing: async () => { const out = []; for (const s of ["node:assert", "./nope.js", "nope", "cloudflare:nope"]) { try { await import(s); out.push("ok"); } catch (e) { out.push(e.name + ": " + e.message); } } return out; },
  domexception: () => { const e = new DOMException("m", "AbortError"); return [e.name, e.message, e.code, e instanceof Error, String(e), Object.keys(e), DOMException.ABORT_ERR, new DOMException().name, DOMException.URL_MISMATCH_ERR]; },
  evalInHandler: () => eval("1"),
  newFunctionInHandler: () => new Function("return 1")(),
  wasm: () => { const m = new WebAssembly.Module(new Uint8Array([0,97,115,109,1,0,0,0,1,7,1,96,2,127,127,1,127,3,2,1,0,7,7,1,3,97,100,100,0,0,10,9,1,7,0,32,0,32,1,106,11])); return new WebAssembly.Instance(m).exports.add(2, 40); },
  bindingThrows: async () => { try { await SELF.fetch("http://self/throwRange"); } catch (e) { return [e.name, e.message, e instanceof RangeError]; } },
  throwRange: () => { throw new RangeError("deep boom"); },
  throwPlain: () => { throw new Error("boom"); },
};
let SELF;
export default {
  async fetch(req, env) {
    SELF = env.SELF;
    const name = new URL(req.url).pathname.slice(1);
    const fn = cases[name];
    if (!fn) return new Response("no case " + name, { status: 404 });
    if (name === "throwPlain" || name === "throwRange") fn();
    try {
      const v = await fn(req);
      if (v instanceof Response) return v;
      return Response.json({ ok: v });
    } catch (e) {
      return Response.json({ err: e.name, msg: e.message });
    }
  },
};
`

// TestDifferentialWorkerd serves the same worker on nanod and on real workerd and compares
// responses: status, body and the headers a worker controls.
func TestDifferentialWorkerd(t *testing.T) {
	wd := oracle.RequireWorkerd(t)
	path := inline(t, diffWorker, `, bindings = [(name = "SELF", service = "main")]`)
	nanod := server(t, path, config.Options{})
	workerd := serveWorkerd(t, wd, path)

	// Differences that are known and tracked as open work, not regressions.
	known := map[string]string{}
	names := caseNames(diffWorker)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			if why, ok := known[name]; ok {
				t.Skip(why)
			}
			do := func(base string) string {
				req, _ := http.NewRequest("POST", base+"/"+name, strings.NewReader("payload"))
				if name != "reqEcho" {
					req, _ = http.NewRequest("GET", base+"/"+name, nil)
				}
				req.Header.Set("X-Test", "1")
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					return "error: " + err.Error()
				}
				defer resp.Body.Close()
				b := make([]byte, 1<<16)
				n, _ := resp.Body.Read(b)
				var hs []string
				for k, v := range resp.Header {
					switch strings.ToLower(k) {
					case "date", "content-length", "transfer-encoding", "server":
						continue
					}
					hs = append(hs, strings.ToLower(k)+": "+strings.Join(v, ","))
				}
				sort.Strings(hs)
				body := string(b[:n])
				body = strings.ReplaceAll(body, nanodHost(nanod), "HOST")
				body = strings.ReplaceAll(body, nanodHost(workerd), "HOST")
				return fmt.Sprintf("%d %s\n%s", resp.StatusCode, strings.Join(hs, "; "), body)
			}
			got, want := do(nanod), do(workerd)
			if got != want {
				t.Errorf("nanod:\n%s\nworkerd:\n%s", got, want)
			}
		})
	}
}

func nanodHost(base string) string { return strings.TrimPrefix(base, "http://") }

func caseNames(src string) []string {
	var names []string
	for _, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if i := strings.Index(line, ":"); i > 0 && !strings.ContainsAny(line[:i], " (\"") && strings.HasSuffix(line, ",") {
			names = append(names, line[:i])
		}
	}
	return names
}

// serveWorkerd runs real workerd (binary wd) on a config, its socket "http" on a free port, stops
// it when the test ends, and returns its base URL once it answers; its log shows with -v.
func serveWorkerd(t testing.TB, wd, path string, flags ...string) string {
	t.Helper()
	port := freePort(t)
	args := append(append([]string{"serve"}, flags...), path, "--socket-addr", fmt.Sprintf("http=127.0.0.1:%d", port))
	cmd := exec.Command(wd, args...)
	if testing.Verbose() {
		cmd.Stderr = os.Stderr
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	waitReady(t, base)
	return base
}

func freePort(t testing.TB) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func waitReady(t testing.TB, base string) {
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(base + "/ready"); err == nil {
			resp.Body.Close()
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s did not come up", base)
}
