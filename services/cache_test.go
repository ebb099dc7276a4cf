package services_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nanod-runtime/nanod/config"
	"github.com/nanod-runtime/nanod/internal/oracle"
	"github.com/nanod-runtime/nanod/services"
)

// cacheWorker drives the Cache API from URLs: /<op>/<cache>?key=URL&h=name:value…, where
// <cache> is "_" for caches.default or a name for caches.open(name); op is put (with
// status=, body= and h= for the response), match and delete (h= for the request), or big
// (put a streamed body of n= bytes).
const cacheWorker = `
function headersFrom(u) {
  const h = new Headers();
  for (const p of u.searchParams.getAll("h")) { const i = p.indexOf(":"); h.append(p.slice(0, i), p.slice(i + 1)); }
  return h;
}
export default {
  async fetch(req) {
    const u = new URL(req.url);
    const [, op, name] = u.pathname.split("/");
    const key = u.searchParams.get("key");
    try {
      const cache = name === "_" ? caches.default : await caches.open(name);
      if (op === "put") {
        const status = Number(u.searchParams.get("status") || 200);
        const body = [204, 205, 304].includes(status) ? null : (u.searchParams.get("body") ?? "0123456789");
        await cache.put(key, new Response(body, { status, headers: headersFrom(u) }));
        return Response.json({ ok: true });
      }
      if (op === "big") {
        let left = Number(u.searchParams.get("n"));
        const chunk = new Uint8Array(64 * 1024).fill(120);
        const body = new ReadableStream({ pull(c) { if (left <= 0) { c.close(); return; } const n = Math.min(left, chunk.length); left -= n; c.enqueue(chunk.slice(0, n)); } });
        await cache.put(key, new Response(body, { headers: { "cache-control": "max-age=60" } }));
        return Response.json({ ok: true });
      }
      if (op === "match") {
        const r = await cache.match(new Request(key, { headers: headersFrom(u) }));
        if (r === undefined) return Response.json({ miss: true });
        const body = await r.text();
        return Response.json({ status: r.status, headers: Object.fromEntries(r.headers), body: body.length > 1000 ? body.length : body });
      }
      if (op === "delete") return Response.json({ deleted: await cache.delete(key) });
      return new Response("no op", { status: 404 });
    } catch (e) {
      return Response.json({ err: e.name, msg: e.message });
    }
  },
};
`

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

type cacheResult struct {
	OK      bool              `json:"ok"`
	Miss    bool              `json:"miss"`
	Deleted *bool             `json:"deleted"`
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers"`
	Body    any               `json:"body"`
	Err     string            `json:"err"`
	Msg     string            `json:"msg"`
}

// cacheOp calls the cache worker: op on cache (name or "_") for key, with h= header params as
// "name:value" and other params as "k=v".
func cacheOp(t *testing.T, base, op, cache, key string, params ...string) cacheResult {
	t.Helper()
	q := url.Values{"key": {key}}
	for _, p := range params {
		if k, v, ok := strings.Cut(p, "="); ok && !strings.Contains(k, ":") {
			q.Add(k, v)
		} else {
			q.Add("h", p)
		}
	}
	resp, err := http.Get(base + "/" + op + "/" + cache + "?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r cacheResult
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		t.Fatalf("%s %s: %v", op, key, err)
	}
	if r.Err != "" {
		t.Fatalf("%s %s: %s: %s", op, key, r.Err, r.Msg)
	}
	return r
}

func newCacheServer(t *testing.T, total, entry int64) (string, *fakeClock, *services.MemoryCache) {
	clk := &fakeClock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	mc := services.NewMemoryCache(total, entry, clk.Now)
	services.UseMemoryCacheForTest(t, mc)
	return server(t, inline(t, cacheWorker, ""), config.Options{}), clk, mc
}

func TestMemoryCacheHitMissExpiry(t *testing.T) {
	base, clk, _ := newCacheServer(t, 0, 0)
	k := "https://example.com/a"
	if r := cacheOp(t, base, "match", "_", k); !r.Miss {
		t.Fatalf("empty cache: %+v", r)
	}
	cacheOp(t, base, "put", "_", k, "cache-control:public, max-age=60", "x-kept:1", "body=hello")
	r := cacheOp(t, base, "match", "_", k)
	if r.Status != 200 || r.Body != "hello" || r.Headers["cf-cache-status"] != "HIT" || r.Headers["x-kept"] != "1" || r.Headers["age"] != "0" {
		t.Fatalf("hit: %+v", r)
	}
	// The key is the URL without its fragment; the method of a string key is GET.
	if r := cacheOp(t, base, "match", "_", k+"#frag"); r.Status != 200 {
		t.Fatalf("fragment: %+v", r)
	}
	if r := cacheOp(t, base, "match", "_", k+"?q"); !r.Miss {
		t.Fatalf("other query: %+v", r)
	}
	clk.Advance(59 * time.Second)
	if r := cacheOp(t, base, "match", "_", k); r.Status != 200 || r.Headers["age"] != "59" {
		t.Fatalf("fresh at 59s: %+v", r)
	}
	clk.Advance(time.Second)
	if r := cacheOp(t, base, "match", "_", k); !r.Miss {
		t.Fatalf("expired at 60s: %+v", r)
	}
	// Overwrite, delete.
	cacheOp(t, base, "put", "_", k, "cache-control:max-age=60", "body=one")
	cacheOp(t, base, "put", "_", k, "cache-control:max-age=60", "body=two")
	if r := cacheOp(t, base, "match", "_", k); r.Body != "two" {
		t.Fatalf("overwrite: %+v", r)
	}
	if r := cacheOp(t, base, "delete", "_", k); r.Deleted == nil || !*r.Deleted {
		t.Fatalf("delete: %+v", r)
	}
	if r := cacheOp(t, base, "delete", "_", k); r.Deleted == nil || *r.Deleted {
		t.Fatalf("second delete: %+v", r)
	}
	if r := cacheOp(t, base, "match", "_", k); !r.Miss {
		t.Fatalf("after delete: %+v", r)
	}
}

func TestMemoryCacheControl(t *testing.T) {
	base, clk, _ := newCacheServer(t, 0, 0)
	date := clk.Now().UTC().Format(http.TimeFormat)
	cases := []struct {
		name   string
		put    []string
		fresh  time.Duration // still a hit just before this; 0 = never stored
		header string        // a header the hit must not have
	}{
		{"max-age", []string{"cache-control:max-age=100"}, 100 * time.Second, ""},
		{"s-maxage wins", []string{"cache-control:max-age=1000, s-maxage=10"}, 10 * time.Second, ""},
		{"no-store", []string{"cache-control:no-store, max-age=100"}, 0, ""},
		{"private", []string{"cache-control:private, max-age=100"}, 0, ""},
		{"no-cache", []string{"cache-control:no-cache, max-age=100"}, 0, ""},
		{"max-age=0", []string{"cache-control:max-age=0"}, 0, ""},
		{"set-cookie", []string{"cache-control:max-age=100", "set-cookie:id=1"}, 0, ""},
		{"private=set-cookie", []string{"cache-control:public, max-age=100, private=Set-Cookie", "set-cookie:id=1"}, 100 * time.Second, "set-cookie"},
		{"no-cache=field", []string{`cache-control:max-age=100, no-cache="x-secret"`, "x-secret:s"}, 100 * time.Second, "x-secret"},
		{"expires", []string{"date:" + date, "expires:" + clk.Now().Add(300*time.Second).UTC().Format(http.TimeFormat)}, 300 * time.Second, ""},
		{"expires past", []string{"expires:" + clk.Now().Add(-time.Hour).UTC().Format(http.TimeFormat)}, 0, ""},
		{"expires invalid", []string{"expires:0"}, 0, ""},
		{"max-age over expires", []string{"cache-control:max-age=20", "expires:" + clk.Now().Add(time.Hour).UTC().Format(http.TimeFormat)}, 20 * time.Second, ""},
		{"age counts", []string{"cache-control:max-age=100", "age:40"}, 60 * time.Second, ""},
		{"default 200", nil, 120 * time.Minute, ""},
		{"default 301", []string{"status=301", "location:https://example.com/"}, 120 * time.Minute, ""},
		{"default 302", []string{"status=302", "location:https://example.com/"}, 20 * time.Minute, ""},
		{"default 404", []string{"status=404"}, 3 * time.Minute, ""},
		{"default 500", []string{"status=500"}, 0, ""},
		{"500 with max-age", []string{"status=500", "cache-control:max-age=30"}, 30 * time.Second, ""},
	}
	for n, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			k := fmt.Sprintf("https://example.com/cc/%d", n)
			start := clk.Now()
			cacheOp(t, base, "put", "_", k, c.put...)
			r := cacheOp(t, base, "match", "_", k)
			if c.fresh == 0 {
				if !r.Miss {
					t.Fatalf("stored: %+v", r)
				}
				return
			}
			if r.Miss {
				t.Fatal("not stored")
			}
			if c.header != "" {
				if _, ok := r.Headers[c.header]; ok {
					t.Fatalf("kept %s: %+v", c.header, r.Headers)
				}
			}
			clk.Advance(c.fresh - time.Second)
			if r := cacheOp(t, base, "match", "_", k); r.Miss {
				t.Fatalf("expired early")
			}
			clk.Advance(time.Second)
			if r := cacheOp(t, base, "match", "_", k); !r.Miss {
				t.Fatalf("still fresh after %v: %+v", clk.Now().Sub(start), r)
			}
		})
	}
}

func TestMemoryCacheConditionalAndRange(t *testing.T) {
	base, _, _ := newCacheServer(t, 0, 0)
	k := "https://example.com/c"
	cacheOp(t, base, "put", "_", k, "cache-control:max-age=600", `etag:"v1"`, "last-modified:Wed, 21 Oct 2020 07:28:00 GMT",
		"content-type:text/plain", "body=0123456789")
	cases := []struct {
		hdr    []string
		status int
		body   any
		check  map[string]string
	}{
		{[]string{`if-none-match:"v1"`}, 304, "", map[string]string{"etag": `"v1"`, "cf-cache-status": "HIT"}},
		{[]string{`if-none-match:"x", W/"v1"`}, 304, "", nil},
		{[]string{`if-none-match:*`}, 304, "", nil},
		{[]string{`if-none-match:"v2"`}, 200, "0123456789", nil},
		// If-Modified-Since counts only without If-None-Match.
		{[]string{`if-none-match:"v2"`, "if-modified-since:Thu, 22 Oct 2020 07:28:00 GMT"}, 200, "0123456789", nil},
		{[]string{"if-modified-since:Wed, 21 Oct 2020 07:28:00 GMT"}, 304, "", nil},
		{[]string{"if-modified-since:Thu, 22 Oct 2020 07:28:00 GMT"}, 304, "", nil},
		{[]string{"if-modified-since:Tue, 20 Oct 2020 07:28:00 GMT"}, 200, "0123456789", nil},
		{[]string{"if-modified-since:garbage"}, 200, "0123456789", nil},
		{[]string{"range:bytes=2-4"}, 206, "234", map[string]string{"content-range": "bytes 2-4/10", "content-type": "text/plain"}},
		{[]string{"range:bytes=7-"}, 206, "789", map[string]string{"content-range": "bytes 7-9/10"}},
		{[]string{"range:bytes=-3"}, 206, "789", map[string]string{"content-range": "bytes 7-9/10"}},
		{[]string{"range:bytes=8-100"}, 206, "89", map[string]string{"content-range": "bytes 8-9/10"}},
		{[]string{"range:bytes=10-"}, 416, "", map[string]string{"content-range": "bytes */10", "cf-cache-status": "HIT"}},
		{[]string{"range:bytes=5-2"}, 200, "0123456789", nil},
		{[]string{"range:items=0-1"}, 200, "0123456789", nil},
		{[]string{"range:bytes=0-1", `if-range:"v1"`}, 206, "01", nil},
		{[]string{"range:bytes=0-1", `if-range:"v0"`}, 200, "0123456789", nil},
	}
	for _, c := range cases {
		r := cacheOp(t, base, "match", "_", k, c.hdr...)
		if r.Status != c.status || r.Body != c.body {
			t.Errorf("%v: got %d %v, want %d %v", c.hdr, r.Status, r.Body, c.status, c.body)
		}
		for h, v := range c.check {
			if r.Headers[h] != v {
				t.Errorf("%v: %s = %q, want %q", c.hdr, h, r.Headers[h], v)
			}
		}
	}
	r := cacheOp(t, base, "match", "_", k, "range:bytes=0-1, 8-9")
	ct := r.Headers["content-type"]
	boundary := strings.TrimPrefix(ct, "multipart/byteranges; boundary=")
	want := "--" + boundary + "\r\nContent-Type: text/plain\r\nContent-Range: bytes 0-1/10\r\n\r\n01\r\n--" + boundary +
		"\r\nContent-Type: text/plain\r\nContent-Range: bytes 8-9/10\r\n\r\n89\r\n--" + boundary + "--\r\n"
	if r.Status != 206 || boundary == ct || r.Body != want {
		t.Errorf("multipart: %d %q %q", r.Status, ct, r.Body)
	}
}

func TestMemoryCacheNamespacesAndLimits(t *testing.T) {
	base, _, mc := newCacheServer(t, 1<<20, 200<<10)
	k := "https://example.com/ns"
	cacheOp(t, base, "put", "a", k, "cache-control:max-age=60", "body=in a")
	if r := cacheOp(t, base, "match", "a", k); r.Body != "in a" {
		t.Fatalf("named: %+v", r)
	}
	for _, other := range []string{"_", "b"} {
		if r := cacheOp(t, base, "match", other, k); !r.Miss {
			t.Fatalf("cache %s sees a's entry: %+v", other, r)
		}
	}
	if r := cacheOp(t, base, "delete", "b", k); *r.Deleted {
		t.Fatal("deleted from the wrong cache")
	}
	// Over the per-entry limit: put() succeeds but nothing is kept, and the upload is abandoned.
	if r := cacheOp(t, base, "big", "_", "https://example.com/huge", "n=5000000"); !r.OK {
		t.Fatalf("big put: %+v", r)
	}
	if r := cacheOp(t, base, "match", "_", "https://example.com/huge"); !r.Miss {
		t.Fatalf("oversized entry stored: %+v", r)
	}
	// The total stays bounded: the least recently used entries go.
	for i := 0; i < 12; i++ {
		cacheOp(t, base, "big", "_", fmt.Sprintf("https://example.com/e%d", i), "n=150000")
		if i == 5 {
			cacheOp(t, base, "match", "_", "https://example.com/e0") // e0 becomes recently used
		}
	}
	if mc.Size() > 1<<20 {
		t.Fatalf("cache holds %d bytes, over its 1 MiB limit", mc.Size())
	}
	if r := cacheOp(t, base, "match", "_", "https://example.com/e11"); r.Body != float64(150000) {
		t.Fatalf("newest entry: %+v", r)
	}
	if r := cacheOp(t, base, "match", "_", "https://example.com/e1"); !r.Miss {
		t.Fatal("least recently used entry kept")
	}
}

// The cacheApiOutbound mock: a worker storing put() payloads in a Map, parsed just enough
// to serve them back; it marks its hits so the test can tell them from the memory cache's.
const cacheMockWorker = `
const store = new Map();
export default {
  async fetch(req) {
    const key = (req.headers.get("cf-cache-namespace") ?? "") + " " + req.url;
    if (req.method === "PUT") {
      const text = await req.text();
      const [head, body] = text.split("\r\n\r\n");
      const lines = head.split("\r\n");
      const status = Number(lines[0].split(" ")[1]);
      const headers = lines.slice(1).map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 2)])
        .filter(([n]) => !/^(content-length|transfer-encoding)$/i.test(n));
      store.set(key, { status, headers, body });
      return new Response(null, { status: 204 });
    }
    if (req.method === "GET") {
      const e = store.get(key);
      if (!e || req.headers.get("cache-control") !== "only-if-cached") return new Response(null, { status: 504, headers: { "cf-cache-status": "MISS" } });
      return new Response(e.body, { status: e.status, headers: [...e.headers, ["cf-cache-status", "HIT"], ["x-mock", "1"]] });
    }
    if (req.method === "PURGE") return new Response(null, { status: store.delete(key) ? 200 : 404 });
    return new Response(null, { status: 405 });
  },
};
`

func writeCacheConfig(t *testing.T, main, mock string) string {
	return writeCacheConfigDated(t, main, mock, "2024-09-23")
}

func writeCacheConfigDated(t *testing.T, main, mock, date string) string {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "main.js"), []byte(main), 0o644)
	os.WriteFile(filepath.Join(dir, "mock.js"), []byte(mock), 0o644)
	cfg := `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = (modules = [(name = "main.js", esModule = embed "main.js")], compatibilityDate = "` + date + `",
      cacheApiOutbound = "backend", bindings = [(name = "BACKEND", service = "backend")])),
    (name = "backend", worker = (modules = [(name = "mock.js", esModule = embed "mock.js")], compatibilityDate = "2024-09-23")),
  ],
  sockets = [ (name = "http", address = "*:8080", http = (), service = "main") ],
);`
	p := filepath.Join(dir, "config.capnp")
	os.WriteFile(p, []byte(cfg), 0o644)
	return p
}

func TestCacheAPIOutboundService(t *testing.T) {
	// Give the memory cache an entry the mock does not have: it must not be consulted.
	mc := services.NewMemoryCache(0, 0, nil)
	mc.Put("", "https://example.com/only-in-memory", 200, "OK", [][2]string{{"cache-control", "max-age=60"}}, []byte("memory"))
	services.UseMemoryCacheForTest(t, mc)
	// One loop: the mock keeps its entries in its isolate's memory.
	base := serveLoops(t, writeCacheConfig(t, cacheWorker, cacheMockWorker), config.Options{}, 1)["http"]
	if r := cacheOp(t, base, "match", "_", "https://example.com/only-in-memory"); !r.Miss {
		t.Fatalf("memory cache used despite cacheApiOutbound: %+v", r)
	}
	k := "https://example.com/o"
	cacheOp(t, base, "put", "_", k, "cache-control:max-age=5", "x-a:1", "status=201", "body=via mock")
	r := cacheOp(t, base, "match", "_", k)
	if r.Status != 201 || r.Body != "via mock" || r.Headers["x-mock"] != "1" || r.Headers["x-a"] != "1" || r.Headers["cache-control"] != "max-age=5" {
		t.Fatalf("mock hit: %+v", r)
	}
	if r := cacheOp(t, base, "match", "named", k); !r.Miss {
		t.Fatalf("namespace ignored: %+v", r)
	}
	cacheOp(t, base, "put", "named", k, "body=named")
	if r := cacheOp(t, base, "match", "named", k); r.Body != "named" {
		t.Fatalf("named: %+v", r)
	}
	if r := cacheOp(t, base, "delete", "_", k); !*r.Deleted {
		t.Fatal("delete through mock")
	}
	if r := cacheOp(t, base, "match", "_", k); !r.Miss {
		t.Fatalf("after delete: %+v", r)
	}
}

// cacheDiffWorker runs Cache API cases against a recording mock backend; each case answers
// with its result (or error) and the requests the backend saw, so nanod and workerd can be
// compared value by value, wire format included.
const cacheDiffWorker = `
const c = () => caches.default;
const cases = {
  hit: () => c().match("https://example.com/hit?q=1#frag"),
  hitRequest: () => c().match(new Request("https://example.com/hit", { headers: { "x-foo": "bar", range: "bytes=0-1", "cache-control": "no-cache" } })),
  miss: () => c().match("https://example.com/miss"),
  postMatch: () => c().match(new Request("https://example.com/hit", { method: "POST" })),
  postMatchIgnore: () => c().match(new Request("https://example.com/hit", { method: "POST" }), { ignoreMethod: true }),
  ignoreSearch: () => c().match("https://example.com/hit", { ignoreSearch: false }),
  badOptions: () => c().match("https://example.com/hit", 5),
  noArgs: () => c().match(),
  put: () => c().put("https://example.com/p", new Response("hello", { headers: { "Cache-Control": "max-age=10", "x-z": "1", ETag: '"e"', "Set-Cookie": "a=1", Vary: "accept" } })),
  putStream: () => c().put(new Request("https://example.com/ps", { headers: { "x-req": "1" } }), new Response(new ReadableStream({ start(k) { k.enqueue(new TextEncoder().encode("ab")); k.close(); } }), { status: 201, statusText: "Made" })),
  putFixed: () => { const { readable, writable } = new FixedLengthStream(3); const w = writable.getWriter(); w.write(new Uint8Array([65, 66, 67])); w.close(); return c().put("https://example.com/fl", new Response(readable, { status: 299 })); },
  putEmpty: () => c().put("https://example.com/pe", new Response(null, { status: 404 })),
  put304: () => c().put("https://example.com/p", new Response(null, { status: 304 })),
  putPost: () => c().put(new Request("https://example.com/p", { method: "POST" }), new Response("x")),
  put206: () => c().put("https://example.com/p", new Response("x", { status: 206 })),
  putVary: () => c().put("https://example.com/p", new Response("x", { headers: { vary: "accept, *" } })),
  putError: () => c().put("https://example.com/p", Response.error()),
  putNotResponse: () => c().put("https://example.com/p", "x"),
  putUsed: async () => { const r = new Response("x"); await r.text(); return c().put("https://example.com/p", r); },
  putConsumes: async () => { const r = new Response("x"); const p = c().put("https://example.com/p", r); const u = r.bodyUsed; await p; return u; },
  putStreamError: () => c().put("https://example.com/se", new Response(new ReadableStream({ pull(k) { k.error(new RangeError("src bad")); } }))),
  putRelative: () => c().put("/p", new Response("x")),
  matchUserinfo: () => c().match("http://u:p@example.com/p"),
  matchData: () => c().match("data:text/plain,hi"),
  matchFtp: () => c().match("ftp://example.com/p"),
  deleteHit: () => c().delete("https://example.com/hit"),
  deleteMiss: () => c().delete(new Request("https://example.com/miss", { headers: { "x-real-ip": "1.2.3.4" } })),
  deletePost: () => c().delete(new Request("https://example.com/hit", { method: "POST" })),
  delete500: () => c().delete("https://example.com/x?mode=status&s=500"),
  delete429: () => c().delete("https://example.com/x?mode=status&s=429"),
  cachedGatewayTimeout: () => c().match("https://example.com/x?mode=status&s=504&cs=HIT"),
  expiredStatus: () => c().match("https://example.com/x?mode=status&s=200&cs=EXPIRED"),
  noCacheStatus: () => c().match("https://example.com/x?mode=status&s=200"),
  backendThrows: () => c().match("https://example.com/x?mode=throw"),
  named: async () => { const o = await caches.open("my cache/é"); await o.put("https://example.com/n", new Response("n")); return [o === caches.default, await o.match("https://example.com/hit"), await o.delete("https://example.com/hit")]; },
  openTooLong: () => caches.open("x".repeat(1024)),
  openEmptyName: async () => (await caches.open("")).match("https://example.com/x"),
  putRepeatedHeaders: () => c().put("https://example.com/d", new Response("x", { headers: [["set-cookie", "a=1"], ["set-cookie", "b=2"], ["etag", "1"], ["etag", "2"], ["x-b", "1"], ["x-a", "z"], ["x-b", "2"], ["connection", "close"], ["content-length", "7"]] })),
  putWebSocket: () => { const [a] = new WebSocketPair(); return c().put("https://example.com/ws", new Response(null, { status: 101, webSocket: a })); },
  unimplemented: () => { const out = []; for (const f of [() => c().add("https://x/"), () => c().addAll([]), () => c().matchAll(), () => c().keys(), () => caches.match("x"), () => caches.has("x"), () => caches.delete("x"), () => caches.keys()]) { try { f(); out.push("no throw"); } catch (e) { out.push(e.name + ": " + e.message); } } return out; },
  constructors: () => { const out = []; for (const C of [Cache, CacheStorage]) { try { new C(); } catch (e) { out.push(e.name + ": " + e.message); } } return out; },
  shape: () => [Object.getOwnPropertyNames(Cache.prototype), Object.getOwnPropertyNames(CacheStorage.prototype), Object.getOwnPropertyNames(caches), Cache.prototype.match.length, Object.prototype.toString.call(caches.default)],
};
async function show(v) {
  if (v instanceof Response) {
    let e = null;
    try { v.headers.set("x", "y"); } catch (x) { e = x.message; }
    return { status: v.status, statusText: v.statusText, url: v.url, headers: [...v.headers], body: await v.text(), immutable: e };
  }
  return v === undefined ? "undefined" : v;
}
export default {
  async fetch(req, env) {
    const name = new URL(req.url).pathname.slice(1);
    const fn = cases[name];
    if (!fn) return new Response("no case " + name, { status: 404 });
    await env.BACKEND.fetch("http://backend/_log");
    let out;
    try {
      out = { ok: await show(await fn()) };
    } catch (e) {
      out = { err: e.name, msg: e.message };
    }
    out.sent = await (await env.BACKEND.fetch("http://backend/_log")).json();
    return Response.json(out);
  },
};
`

// cacheDiffMock records what the Cache API sends and answers like workerd's cache-mock.js.
const cacheDiffMock = `
let log = [];
export default {
  async fetch(req) {
    const u = new URL(req.url);
    if (u.pathname === "/_log") { const l = log; log = []; return Response.json(l); }
    log.push({ method: req.method, url: req.url, headers: [...req.headers], body: await req.text() });
    const mode = u.searchParams.get("mode");
    if (mode === "throw") throw new RangeError("mock boom");
    if (mode === "status") return new Response("st", { status: Number(u.searchParams.get("s")), headers: u.searchParams.get("cs") ? { "cf-cache-status": u.searchParams.get("cs") } : {} });
    const hit = u.pathname.startsWith("/hit");
    if (req.method === "GET") return hit ? new Response("cached!", { headers: { "cf-cache-status": "HIT", "x-a": "b" } }) : new Response(null, { status: 504, headers: { "cf-cache-status": "MISS" } });
    if (req.method === "PURGE") return new Response(null, { status: hit ? 200 : 404 });
    return new Response(null, { status: 204 });
  },
};
`

// TestCacheDifferentialWorkerd runs the Cache API cases with a cacheApiOutbound mock on nanod
// and on real workerd and compares results, errors and the requests the mock received.
func TestCacheDifferentialWorkerd(t *testing.T) {
	wd := oracle.RequireWorkerd(t)
	names := caseNames(cacheDiffWorker[strings.Index(cacheDiffWorker, "const cases"):strings.Index(cacheDiffWorker, "async function show")])
	sort.Strings(names)
	if len(names) < 30 {
		t.Fatalf("found only %d cases", len(names))
	}
	// Before fetch_standard_url (2024-06-03) string keys are used exactly as written.
	for _, date := range []string{"2024-09-23", "2023-01-01"} {
		t.Run(date, func(t *testing.T) { cacheDifferential(t, wd, date, names) })
	}
}

func cacheDifferential(t *testing.T, wd, date string, names []string) {
	path := writeCacheConfigDated(t, cacheDiffWorker, cacheDiffMock, date)
	nanod := server(t, path, config.Options{})
	workerd := serveWorkerd(t, wd, path)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			do := func(base string) string {
				resp, err := http.Get(base + "/" + name)
				if err != nil {
					return "error: " + err.Error()
				}
				defer resp.Body.Close()
				var b strings.Builder
				buf := make([]byte, 1<<16)
				for {
					n, err := resp.Body.Read(buf)
					b.Write(buf[:n])
					if err != nil {
						break
					}
				}
				return fmt.Sprintf("%d %s", resp.StatusCode, b.String())
			}
			if got, want := do(nanod), do(workerd); got != want {
				t.Errorf("nanod:\n%s\nworkerd:\n%s", got, want)
			}
		})
	}
}
