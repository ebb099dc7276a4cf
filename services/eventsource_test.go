package services_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nanod-runtime/nanod/config"
	"github.com/nanod-runtime/nanod/internal/oracle"
)

// esWorker runs one EventSource per request (?url=…&max=n) against the URL it is given, through
// the global outbound, and answers with what it saw: open/message/error events with readyState,
// data, lastEventId, origin and error name/message, plus the milliseconds since it started. It
// closes the EventSource after max events, or at the first error that leaves it CLOSED.
const esWorker = `export default { async fetch(req, env) {
  const u = new URL(req.url);
  const max = Number(u.searchParams.get("max") || 10);
  const t0 = Date.now();
  const log = [];
  const es = new EventSource(u.searchParams.get("url"), u.searchParams.get("self") ? { fetcher: env.SELF } : undefined);
  log.push(["init", es.readyState, es.url]);
  await new Promise((resolve) => {
    const add = (entry) => { log.push(entry); if (log.length > max || es.readyState === EventSource.CLOSED) { es.close(); resolve(); } };
    es.onopen = (e) => add(["open", es.readyState, e.isTrusted]);
    es.onmessage = (e) => add(["message", es.readyState, e.data, e.lastEventId, e.origin, Date.now() - t0]);
    es.addEventListener("custom", (e) => add([e.type, es.readyState, e.data]));
    es.onerror = (e) => add(["error", es.readyState, e.error && e.error.name, e.error && e.error.message]);
    setTimeout(() => { log.push(["timeout"]); es.close(); resolve(); }, 8000);
  });
  return Response.json(log);
} };`

func esConfig(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "w.js"), []byte(esWorker), 0o644)
	cfg := `using Workerd = import "/workerd/workerd.capnp";
const c :Workerd.Config = (
  services = [ (name = "main", worker = (modules = [(name = "w.js", esModule = embed "w.js")], compatibilityDate = "2024-09-23",
      globalOutbound = "local", bindings = [(name = "SELF", service = "main")])),
    (name = "local", network = (allow = ["local"])) ],
  sockets = [ (name = "http", address = "127.0.0.1:0", http = (), service = "main") ]);`
	os.WriteFile(filepath.Join(dir, "c.capnp"), []byte(cfg), 0o644)
	return filepath.Join(dir, "c.capnp")
}

// sseServer is a real text/event-stream server. It records the headers of every request.
type sseServer struct {
	*httptest.Server
	mu   sync.Mutex
	reqs map[string][]http.Header
}

func newSSEServer(t *testing.T) *sseServer {
	s := &sseServer{reqs: map[string][]http.Header{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		n := len(s.reqs[r.URL.Path])
		s.reqs[r.URL.Path] = append(s.reqs[r.URL.Path], r.Header.Clone())
		s.mu.Unlock()
		send := func(chunks ...string) {
			w.Header().Set("Content-Type", "text/event-stream")
			w.WriteHeader(200)
			for _, c := range chunks {
				io.WriteString(w, c)
				w.(http.Flusher).Flush()
				time.Sleep(5 * time.Millisecond)
			}
		}
		switch r.URL.Path {
		case "/stream":
			// Flushed separately: the parser must carry partial lines and events across chunks.
			send("\xEF\xBB\xBFdata: fir", "st\r\n", "\r\n", ": comment\n", "event: custom\ndata: c\n\n", "id: 42\ndata: line1\ndata: line2\n\n",
				"data: after id\n\n", "id\ndata: cleared\n\n", "data: unterminated")
		case "/reconnect", "/reconnect2":
			// First connection: an id and a retry below the minimum, then the server ends the
			// stream; the second connection echoes the Last-Event-ID it was sent.
			if n == 0 {
				send("retry: 10\nid: 5\ndata: one\n\n")
			} else {
				send("data: two " + r.Header.Get("Last-Event-ID") + "\n\n")
			}
		case "/status":
			w.Header().Set("Content-Type", "text/event-stream")
			w.WriteHeader(503)
		case "/plain":
			w.Header().Set("Content-Type", "text/plain")
			io.WriteString(w, "data: x\n\n")
		case "/none":
			w.Header()["Content-Type"] = nil
			io.WriteString(w, "data: x\n\n")
		case "/nobody":
			w.Header().Set("Content-Type", "text/event-stream")
			w.WriteHeader(204)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *sseServer) headers(path string) []http.Header {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.reqs[path]
}

// esRun asks the worker to open an EventSource on url and returns its log.
func esRun(t *testing.T, base, url string, max int) [][]any {
	t.Helper()
	_, _, body := get(t, fmt.Sprintf("%s/?max=%d&url=%s", base, max, url))
	var log [][]any
	if err := json.Unmarshal([]byte(body), &log); err != nil {
		t.Fatalf("worker answered %q", body)
	}
	return log
}

func compact(log [][]any, drop int) string {
	var parts []string
	for _, e := range log {
		if len(e) > drop && e[0] == "message" {
			e = e[:len(e)-1] // the timing
		}
		b, _ := json.Marshal(e)
		parts = append(parts, string(b))
	}
	return strings.Join(parts, "\n")
}

// TestEventSourceServer runs EventSource against a real SSE server over the network.
func TestEventSourceServer(t *testing.T) {
	srv := newSSEServer(t)
	base := server(t, esConfig(t), config.Options{SocketAddrs: map[string]string{"http": "127.0.0.1:0"}})
	origin := srv.URL

	t.Run("stream", func(t *testing.T) {
		got := compact(esRun(t, base, srv.URL+"/stream", 7), 0)
		want := strings.Join([]string{
			`["init",0,"` + srv.URL + `/stream"]`,
			`["open",1,true]`,
			`["message",1,"first","","` + origin + `"]`,
			`["custom",1,"c"]`,
			`["message",1,"line1\nline2","42","` + origin + `"]`,
			`["message",1,"after id","42","` + origin + `"]`,
			`["message",1,"cleared","","` + origin + `"]`,
			// The stream ended without the last event's empty line: it is dropped, and the
			// EventSource will reconnect.
			`["error",0,"Error","The server disconnected."]`,
		}, "\n")
		if got != want {
			t.Errorf("got\n%s\nwant\n%s", got, want)
		}
		h := srv.headers("/stream")[0]
		if h.Get("Accept") != "text/event-stream" || h.Get("Cache-Control") != "no-cache" || h.Get("Last-Event-ID") != "" {
			t.Errorf("request headers: %v", h)
		}
	})

	t.Run("reconnect", func(t *testing.T) {
		log := esRun(t, base, srv.URL+"/reconnect", 4)
		got := compact(log, 0)
		want := strings.Join([]string{
			`["init",0,"` + srv.URL + `/reconnect"]`,
			`["open",1,true]`,
			`["message",1,"one","5","` + origin + `"]`,
			`["error",0,"Error","The server disconnected."]`,
			`["open",1,true]`,
		}, "\n")
		if got != want {
			t.Errorf("got\n%s\nwant\n%s", got, want)
		}
		hs := srv.headers("/reconnect")
		if len(hs) < 2 || hs[1].Get("Last-Event-ID") != "5" {
			t.Fatalf("second request's headers: %v", hs)
		}
	})

	t.Run("retry clamped", func(t *testing.T) {
		// retry: 10 is raised to the 1 s minimum (the default would be 2 s).
		log := esRun(t, base, srv.URL+"/reconnect2", 5)
		var first, second float64 = -1, -1
		for _, e := range log {
			if e[0] == "message" {
				if first < 0 {
					first = e[len(e)-1].(float64)
				} else {
					second = e[len(e)-1].(float64)
					if e[2] != "two 5" {
						t.Errorf("second message %v", e)
					}
				}
			}
		}
		if d := second - first; second < 0 || d < 950 || d > 1900 {
			t.Errorf("reconnected after %v ms, want about 1000: %v", d, log)
		}
	})

	fails := map[string]string{
		"/status": `["error",2,"AbortError","The response status code was 503."]`,
		"/plain":  `["error",2,"AbortError","The content type 'text/plain' is invalid."]`,
		"/none":   `["error",2,"AbortError","No content type header was present in the response."]`,
	}
	for path, want := range fails {
		t.Run(path, func(t *testing.T) {
			got := compact(esRun(t, base, srv.URL+path, 3), 0)
			want = `["init",0,"` + srv.URL + path + `"]` + "\n" + want
			if got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
			if n := len(srv.headers(path)); n != 1 {
				t.Errorf("%d requests, want 1 (no reconnection)", n)
			}
		})
	}

	t.Run("no body", func(t *testing.T) {
		// No content is retried once (after the default 2 s), then fails.
		got := compact(esRun(t, base, srv.URL+"/nobody", 4), 0)
		want := strings.Join([]string{
			`["init",0,"` + srv.URL + `/nobody"]`,
			`["error",0,"Error","The server provided no content. Will try reconnecting."]`,
			`["error",2,"Error","The server provided no content."]`,
		}, "\n")
		if got != want {
			t.Errorf("got\n%s\nwant\n%s", got, want)
		}
	})

	t.Run("refused", func(t *testing.T) {
		// A fetch that fails (nothing listens there) fails the EventSource.
		log := esRun(t, base, "http://127.0.0.1:1/", 3)
		if len(log) != 2 || log[1][0] != "error" || log[1][1] != float64(2) {
			t.Errorf("got %v", log)
		}
	})
}

// esDiffWorker runs EventSource cases through a service binding to itself (so it runs the same
// on workerd, which cannot reach a test server on loopback by default) and through
// EventSource.from; each case's log comes back as JSON.
const esDiffWorker = `
const enc = new TextEncoder();
const H = { "content-type": "text/event-stream" };
const upstream = {
  basic: () => new Response("data: a\n\nid: 3\nevent: custom\ndata: b\n\n: c\ndata: d\r\rdata", { headers: H }),
  status: () => new Response("data: x\n\n", { status: 500, headers: H }),
  plain: () => new Response("data: x\n\n", { headers: { "content-type": "text/plain" } }),
  params: () => new Response("data: x\n\n", { headers: { "content-type": "Text/Event-Stream; charset=utf-8" } }),
  none: () => new Response("data: x\n\n"),
  headers: (req) => new Response("data: " + JSON.stringify([...req.headers]) + "\n\n", { headers: H }),
  throws: () => { throw new Error("boom"); },
};
function watch(es, max) {
  const log = [];
  return new Promise((resolve) => {
    const add = (entry) => { log.push(entry); if (log.length >= max || es.readyState === 2) { es.close(); resolve(log); } };
    es.onopen = (e) => add(["open", es.readyState]);
    es.onmessage = (e) => add(["message", e.data, e.lastEventId, e.origin]);
    es.addEventListener("custom", (e) => add(["custom", e.data, e.lastEventId]));
    es.onerror = (e) => add(["error", es.readyState, e.error && e.error.name, e.error && e.error.message, e.message]);
    setTimeout(() => { log.push("timeout"); es.close(); resolve(log); }, 3000);
  });
}
function from(chunks) {
  chunks = chunks.slice();
  return EventSource.from(new ReadableStream({ pull(c) { if (!chunks.length) return c.close(); const x = chunks.shift(); c.enqueue(typeof x === "string" ? enc.encode(x) : new Uint8Array(x)); } }));
}
// At the global scope (no request) EventSource is refused; MessageChannel is not.
const topLevel = [() => new EventSource("http://x/"), () => EventSource.from(new ReadableStream()), () => new MessageChannel().port1.postMessage(1)]
  .map((f) => { try { f(); return "ok"; } catch (e) { return [e.name, e.message]; } });
const cases = {
  top_level: () => topLevel,
  bind_basic: (env) => watch(new EventSource("http://up/basic", { fetcher: env.SELF }), 6),
  bind_status: (env) => watch(new EventSource("http://up/status", { fetcher: env.SELF }), 3),
  bind_plain: (env) => watch(new EventSource("http://up/plain", { fetcher: env.SELF }), 3),
  bind_params: (env) => watch(new EventSource("http://up/params", { fetcher: env.SELF }), 2),
  bind_none: (env) => watch(new EventSource("http://up/none", { fetcher: env.SELF }), 3),
  bind_headers: (env) => watch(new EventSource("http://up/headers", { fetcher: env.SELF }), 2),
  bind_throws: (env) => watch(new EventSource("http://up/throws", { fetcher: env.SELF }), 3),
  from_split_crlf: () => watch(from(["data: a\r", "\ndata: b\r\n\r\n"]), 4),
  from_bom: () => watch(from([[0xEF, 0xBB, 0xBF, 0x64, 0x61, 0x74, 0x61, 0x3A, 0x78, 0x0A, 0x0A], "\uFEFFdata: y\n\n"]), 4),
  from_bom_split: () => watch(from([[0xEF, 0xBB], [0xBF], "data: x\n\n"]), 3),
  from_fields: () => watch(from(["data\ndata\n\n", "data:  sp\n\n", "event:\ndata: e\n\n", "retry: abc\ndata: r\n\n", "id: 1\u0000\ndata: n\n\n"]), 6),
  from_utf8: () => watch(from([[0x64, 0x61, 0x74, 0x61, 0x3A, 0xE2, 0x82], [0xAC, 0xFF, 0x0A, 0x0A]]), 3),
  from_bad_chunk: () => { const es = EventSource.from(new ReadableStream({ start(c) { c.enqueue(enc.encode("data: a\n\n")); c.enqueue("str"); c.close(); } })); return watch(es, 3); },
  from_throw: () => { const es = from(["data: 1\n\ndata: 2\n\n", "data: 3\n\n"]); const log = []; es.onmessage = (e) => { log.push(e.data); throw new RangeError("listener " + e.data); };
    return new Promise((r) => { es.onerror = (e) => { log.push(["error", es.readyState, e.error.name, e.error.message]); }; setTimeout(() => { es.close(); r(log); }, 100); }); },
  from_close_in_open: () => { const es = from(["data: 1\n\n"]); const log = []; es.onopen = () => { log.push("open"); es.close(); }; es.onmessage = (e) => log.push(e.data); es.onerror = () => log.push("error");
    return new Promise((r) => setTimeout(() => r([log, es.readyState]), 50)); },
  mc_throw: async () => { const { port1, port2 } = new MessageChannel(); const log = []; port2.onmessage = (e) => { log.push(e.data instanceof Error ? ["err", e.data.message] : e.data); if (e.data === 1) throw new Error("boom"); }; port1.postMessage(1); port1.postMessage(2); await new Promise((r) => setTimeout(r, 10)); return log; },
  ctor_errors: () => [() => new EventSource(), () => new EventSource("x"), () => new EventSource("http://x/", { withCredentials: true }), () => new EventSource("http://x/", 1), () => new EventSource("http://x/", { fetcher: 1 }), () => EventSource.from(1), () => { const s = new ReadableStream(); s.getReader(); EventSource.from(s); }].map((f) => { try { f(); return "ok"; } catch (e) { return [e.name, e.message]; } }),
  mc_errors: () => [() => new MessagePort(), () => new MessageChannel().port1.postMessage(1, [1]), () => new MessageChannel().port1.postMessage(1, 2), () => new MessageChannel().port1.postMessage(() => 1), () => new MessageChannel().port1.postMessage(new SharedArrayBuffer(1)), () => new MessageChannel().port1.postMessage(1, { transfer: 1 })].map((f) => { try { f(); return "ok"; } catch (e) { return [e.name, e.message, e.code]; } }),
  mc_order: async () => {
    const { port1, port2 } = new MessageChannel(); const log = [];
    port1.postMessage("queued"); port2.addEventListener("message", (e) => log.push(["l", e.data, e.isTrusted, e.source === port2, e.origin]));
    port2.onmessage = (e) => log.push(["on", e.data]); port1.postMessage({ x: [1n] }); Promise.resolve().then(() => log.push("micro"));
    port1.onclose = () => log.push("close1"); port2.onclose = () => log.push("close2");
    await new Promise((r) => setTimeout(r, 5)); port2.close(); port1.postMessage("dropped"); await new Promise((r) => setTimeout(r, 5));
    return JSON.parse(JSON.stringify(log, (k, v) => typeof v === "bigint" ? v + "n" : v));
  },
};
export default {
  async fetch(req, env) {
    const u = new URL(req.url);
    if (u.host === "up") return upstream[u.pathname.slice(1)](req);
    const fn = cases[u.pathname.slice(1)];
    if (!fn) return new Response("no case", { status: 404 });
    try { return Response.json({ ok: await fn(env) }); } catch (e) { return Response.json({ err: e.name, msg: e.message }); }
  },
};
`

// TestEventSourceDifferentialWorkerd serves esDiffWorker on nanod and on real workerd and
// compares every case's result.
func TestEventSourceDifferentialWorkerd(t *testing.T) {
	wd := oracle.RequireWorkerd(t)
	path := inline(t, esDiffWorker, `, compatibilityFlags = ["expose_global_message_channel"], bindings = [(name = "SELF", service = "main")]`)
	nanod := server(t, path, config.Options{})
	workerd := serveWorkerd(t, wd, path)
	names := []string{"top_level", "bind_basic", "bind_status", "bind_plain", "bind_params", "bind_none", "bind_headers", "bind_throws",
		"from_split_crlf", "from_bom", "from_bom_split", "from_fields", "from_utf8", "from_bad_chunk", "from_throw", "from_close_in_open", "mc_throw", "ctor_errors", "mc_errors", "mc_order"}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			_, _, got := get(t, nanod+"/"+name)
			_, _, want := get(t, workerd+"/"+name)
			if got != want {
				t.Errorf("nanod:\n%s\nworkerd:\n%s", got, want)
			}
		})
	}
}

// TestMessageChannelGlobalFlag checks that MessageChannel and MessagePort are globals only under
// expose_global_message_channel (on by default from 2025-08-15), as in workerd; EventSource
// always is.
func TestMessageChannelGlobalFlag(t *testing.T) {
	src := `export default { fetch() { return Response.json([typeof MessageChannel, typeof MessagePort, "MessagePort" in globalThis, typeof EventSource]); } };`
	for extra, want := range map[string]string{
		``: `["undefined","undefined",false,"function"]`,
		`, compatibilityFlags = ["expose_global_message_channel"]`: `["function","function",true,"function"]`,
	} {
		base := server(t, inline(t, src, extra), config.Options{})
		if _, _, got := get(t, base+"/"); got != want {
			t.Errorf("flags %q: got %s, want %s", extra, got, want)
		}
	}
}
