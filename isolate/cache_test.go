package isolate

import (
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"
)

// fakeCacheBackend stands in for a cacheApiOutbound service: it records every request the
// Cache API sends (method, URL, headers, body) and answers through answer.
type fakeCacheBackend struct {
	mu     sync.Mutex
	log    []string
	answer func(method, url string, body []byte) (int, [][2]string, []byte)
}

func (f *fakeCacheBackend) Fetch(l *Loop, req *Request, sink ResponseSink) {
	var body []byte
	var read func()
	finish := func() {
		var hs []string
		for _, kv := range req.Header {
			hs = append(hs, kv[0]+": "+kv[1])
		}
		sort.Strings(hs) // as a worker sees them
		f.mu.Lock()
		f.log = append(f.log, fmt.Sprintf("%s %s [%s] %q", req.Method, req.URL, strings.Join(hs, "; "), body))
		f.mu.Unlock()
		status, header, out := 204, [][2]string(nil), []byte(nil)
		if f.answer != nil {
			status, header, out = f.answer(req.Method, req.URL, body)
		}
		RespondWhole(sink, status, "", header, out)
	}
	if req.Body == nil {
		finish()
		return
	}
	read = func() {
		req.Body.Read(l, func(chunk []byte, err error) {
			switch {
			case err == io.EOF:
				finish()
			case err != nil:
				sink.End(err)
			default:
				body = append(body, chunk...)
				read()
			}
		})
	}
	read()
}

func (f *fakeCacheBackend) take() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := f.log
	f.log = nil
	return out
}

// mockAnswer is a backend like workerd's cache-mock.js: /hit* is cached, the rest is not;
// ?status=N answers N with ?cs= as its CF-Cache-Status.
func mockAnswer(method, raw string, _ []byte) (int, [][2]string, []byte) {
	u, _ := url.Parse(raw)
	if s := u.Query().Get("status"); s != "" {
		var n int
		fmt.Sscan(s, &n)
		var h [][2]string
		if cs := u.Query().Get("cs"); cs != "" {
			h = append(h, [2]string{"cf-cache-status", cs})
		}
		return n, h, []byte("st")
	}
	hit := strings.HasPrefix(u.Path, "/hit")
	switch method {
	case "GET":
		if hit {
			return 200, [][2]string{{"cf-cache-status", "HIT"}, {"content-type", "text/plain"}, {"x-a", "b"}}, []byte("cached!")
		}
		return 504, [][2]string{{"cf-cache-status", "MISS"}}, nil
	case "PURGE":
		if hit {
			return 200, nil, nil
		}
		return 404, nil, nil
	}
	return 204, nil, nil
}

// loadCacheWorker makes an isolate whose Cache API goes to backend (nil: none configured).
func loadCacheWorker(t *testing.T, backend Fetcher, enabled map[string]bool) *Isolate {
	t.Helper()
	iso, _ := loadCacheWorkerLog(t, backend, enabled)
	return iso
}

func loadCacheWorkerLog(t *testing.T, backend Fetcher, enabled map[string]bool) (*Isolate, *testLog) {
	t.Helper()
	lg := &testLog{}
	l := sharedLoop()
	var iso *Isolate
	errc := make(chan error, 1)
	l.Post(func() {
		var err error
		iso, err = l.NewIsolate(Options{Name: "cache", Log: lg.add})
		if err != nil {
			errc <- err
			return
		}
		w := &Worker{Modules: []Module{{Name: "w.js", Kind: ModuleESM, Source: []byte("export default {};")}}, CompatEnabled: enabled}
		if backend != nil {
			w.Cache = backend
		}
		iso.Load(w, func(err error) { errc <- err })
	})
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Call(iso.Dispose) })
	return iso, lg
}

// A put() whose body fails rejects with the body's error, and nothing else is reported.
func TestCacheAPIPutFailingBody(t *testing.T) {
	iso, lg := loadCacheWorkerLog(t, &fakeCacheBackend{answer: mockAnswer}, nil)
	for _, src := range []string{
		`await caches.default.put("https://x/", new Response(new ReadableStream({pull(c) { c.error(new RangeError("in pull")); }})))`,
		`await caches.default.put("https://x/", new Response(new ReadableStream({start(c) { c.error(new RangeError("at start")); }})))`,
	} {
		if got := iso.eval(t, src); !strings.HasPrefix(got, "throws RangeError: ") {
			t.Errorf("%s: %s", src, got)
		}
	}
	iso.eval(t, `await new Promise((r) => setTimeout(r, 5))`)
	if s := lg.String(); s != "" {
		t.Errorf("logged: %s", s)
	}
}

func TestCacheAPIShape(t *testing.T) {
	iso := loadCacheWorker(t, &fakeCacheBackend{answer: mockAnswer}, nil)
	cases := map[string]string{
		`return [typeof caches, typeof Cache, typeof CacheStorage, caches instanceof CacheStorage, caches.default instanceof Cache, caches.default === caches.default]`: `["object","function","function",true,true,true]`,
		`return [Object.getOwnPropertyNames(Cache.prototype), Object.getOwnPropertyNames(CacheStorage.prototype), Object.keys(Cache.prototype)]`:                        `[["add","addAll","delete","match","put","matchAll","keys","constructor"],["open","delete","match","has","keys","constructor"],["add","addAll","delete","match","put","matchAll","keys"]]`,
		`return [Cache.prototype.match.length, Cache.prototype.put.length, CacheStorage.prototype.open.length, Cache.prototype.delete.name]`:                            `[0,0,0,"delete"]`,
		`const d = Object.getOwnPropertyDescriptor(caches, "default"); return [Object.getOwnPropertyNames(caches), d.writable, d.enumerable, d.configurable]`:           `[["default"],false,true,true]`,
		`const d = Object.getOwnPropertyDescriptor(globalThis, "caches"); return [d.writable, d.enumerable, d.configurable]`:                                            `[true,true,true]`,
		`"use strict"; caches.default = 1`:                                        `throws TypeError: Cannot assign to read only property 'default' of object '#<CacheStorage>'`,
		`return [Object.prototype.toString.call(caches), String(caches.default)]`: `["[object CacheStorage]","[object Cache]"]`,
		`new Cache()`:        `throws TypeError: Illegal constructor`,
		`new CacheStorage()`: `throws TypeError: Illegal constructor`,
		`const c = await caches.open("a"); return [c instanceof Cache, c === caches.default, c === await caches.open("a")]`: `[true,false,false]`,
	}
	for src, want := range cases {
		if got := iso.eval(t, src); got != want {
			t.Errorf("%s\n got  %s\n want %s", src, got, want)
		}
	}
}

func TestCacheAPIErrors(t *testing.T) {
	iso := loadCacheWorker(t, &fakeCacheBackend{answer: mockAnswer}, nil)
	ill := "throws TypeError: Illegal invocation: function called with incorrect `this` reference. See https://developers.cloudflare.com/workers/observability/errors/#illegal-invocation-errors for details."
	cases := map[string]string{
		// Unimplemented methods throw at once; the others reject.
		`try { caches.default.add("https://x/"); } catch (e) { return "sync " + e.name + ": " + e.message; }`: `"sync Error: Failed to execute 'add' on 'Cache': the method is not implemented."`,
		`caches.default.addAll([])`:            `throws Error: Failed to execute 'addAll' on 'Cache': the method is not implemented.`,
		`caches.default.matchAll()`:            `throws Error: Failed to execute 'matchAll' on 'Cache': the method is not implemented.`,
		`caches.default.keys()`:                `throws Error: Failed to execute 'keys' on 'Cache': the method is not implemented.`,
		`caches.match("https://x/")`:           `throws Error: Failed to execute 'match' on 'CacheStorage': the method is not implemented.`,
		`caches.has("a")`:                      `throws Error: Failed to execute 'has' on 'CacheStorage': the method is not implemented.`,
		`caches.delete("a")`:                   `throws Error: Failed to execute 'delete' on 'CacheStorage': the method is not implemented.`,
		`caches.keys()`:                        `throws Error: Failed to execute 'keys' on 'CacheStorage': the method is not implemented.`,
		`Cache.prototype.match.call({}, "x")`:  ill,
		`Cache.prototype.add.call({}, "x")`:    ill,
		`CacheStorage.prototype.open.call({})`: ill,
		`const p = caches.default.put("https://x/", "nope"); return typeof p.then`:                                                 `"function"`,
		`await caches.default.put("https://x/", "nope")`:                                                                           `throws TypeError: Failed to execute 'put' on 'Cache': parameter 2 is not of type 'Response'.`,
		`await caches.default.put()`:                                                                                               `throws TypeError: Failed to execute 'put' on 'Cache': parameter 1 is not of type 'Request or string'.`,
		`await caches.default.put("https://x/", Response.error())`:                                                                 `throws TypeError: Cache is unable to store an error response`,
		`await caches.default.put(new Request("https://x/", {method: "POST"}), new Response("a"))`:                                 `throws TypeError: Cannot cache response to non-GET request.`,
		`await caches.default.put("https://x/", new Response("a", {status: 206}))`:                                                 `throws TypeError: Cannot cache response to a range request (206 Partial Content).`,
		`await caches.default.put("https://x/", new Response("a", {headers: {vary: "Accept, *"}}))`:                                `throws TypeError: Cannot cache response with 'Vary: *' header.`,
		`const r = new Response("a"); await r.text(); await caches.default.put("https://x/", r)`:                                   `throws TypeError: Body has already been used. It can only be used once. Use tee() first if you need to read it twice.`,
		`const s = new ReadableStream(); const r = new Response(s); s.getReader(); await caches.default.put("https://x/", r)`:      `throws TypeError: The ReadableStream has been locked to a reader.`,
		`await caches.default.put("/rel", new Response("a"))`:                                                                      `throws TypeError: Invalid URL: /rel`,
		`await caches.default.put("data:text/plain,a", new Response("a"))`:                                                         `throws TypeError: Invalid URL. Cache API keys must be fully-qualified, valid URLs.`,
		`await caches.default.match("http://u:p@example.com/")`:                                                                    `throws TypeError: Invalid URL. Cache API keys must be fully-qualified, valid URLs.`,
		`await caches.default.put("https://x/", new Response(new ReadableStream({start(c) { c.enqueue({}); c.close(); }})))`:       `throws TypeError: Draining read encountered a value that cannot be converted to bytes`,
		`const [a] = new WebSocketPair(); await caches.default.put("https://x/", new Response(null, {status: 101, webSocket: a}))`: `throws TypeError: Worker tried to return a WebSocket in a response to a request which did not contain the header "Upgrade: websocket".`,
		`await caches.default.match()`:                                                                                             `throws TypeError: Failed to execute 'match' on 'Cache': parameter 1 is not of type 'Request or string'.`,
		`await caches.default.delete()`:                                                                                            `throws TypeError: Failed to execute 'delete' on 'Cache': parameter 1 is not of type 'Request or string'.`,
		`await caches.default.match("https://x/", 5)`:                                                                              `throws TypeError: Failed to execute 'match' on 'Cache': parameter 2 is not of type 'CacheQueryOptions'.`,
		`await caches.default.match("https://x/", {ignoreSearch: false})`:                                                          `throws Error: The 'ignoreSearch' field on 'CacheQueryOptions' is not implemented.`,
		`await caches.default.delete("https://x/", {ignoreVary: true})`:                                                            `throws Error: The 'ignoreVary' field on 'CacheQueryOptions' is not implemented.`,
		`await caches.default.match("https://x/", {cacheName: "a"})`:                                                               `throws Error: The 'cacheName' field on 'CacheQueryOptions' is not implemented.`,
		`await caches.default.match(Symbol("s"))`:                                                                                  `throws TypeError: Cannot convert a Symbol value to a string`,
		`await caches.open()`:                                  `throws TypeError: Failed to execute 'open' on 'CacheStorage': parameter 1 is not of type 'string'.`,
		`await caches.open("x".repeat(1024))`:                  `throws TypeError: Cache name is too long.`,
		`await caches.open("é".repeat(512))`:                   `throws TypeError: Cache name is too long.`,
		`return typeof await caches.open("x".repeat(1023))`:    `"object"`,
		`await caches.default.delete("https://x/?status=429")`: `throws Error: Unable to delete cached response. Subrequests are being rate-limited.`,
		`await caches.default.delete("https://x/?status=500")`: `throws Error: Unable to delete cached response.`,
		`await caches.default.put("https://x/", new Response(new ReadableStream({pull(c) { c.error(new RangeError("bad source")); }})))`: `throws RangeError: bad source`,
	}
	for src, want := range cases {
		if got := iso.eval(t, src); got != want {
			t.Errorf("%s\n got  %s\n want %s", src, got, want)
		}
	}
}

func TestCacheAPIWireProtocol(t *testing.T) {
	be := &fakeCacheBackend{answer: mockAnswer}
	iso := loadCacheWorker(t, be, nil)
	type step struct {
		src, want string
		sent      []string
	}
	steps := []step{
		{`const r = await caches.default.match(new Request("https://example.com/hit#f", {headers: {"x-k": "v", "cache-control": "no-cache"}}));
		  let e; try { r.headers.set("a", "b"); } catch (x) { e = x.message; }
		  return [r.status, r.statusText, r.url, [...r.headers], await r.text(), e]`,
			`[200,"OK","",[["cf-cache-status","HIT"],["content-type","text/plain"],["x-a","b"]],"cached!","Can't modify immutable headers."]`,
			[]string{`GET https://example.com/hit#f [cache-control: only-if-cached; x-k: v] ""`}},
		{`return await caches.default.match("https://example.com/miss")`, `null`,
			[]string{`GET https://example.com/miss [cache-control: only-if-cached] ""`}},
		// Only CF-Cache-Status: HIT is a hit, whatever the status.
		{`const r = await caches.default.match("https://example.com/x?status=504&cs=HIT"); return [r.status, r.statusText]`, `[504,"Gateway Timeout"]`, nil},
		{`return [await caches.default.match("https://example.com/x?status=200&cs=EXPIRED"), await caches.default.match("https://example.com/x?status=200"), await caches.default.match("https://example.com/x?status=200&cs=hit")]`, `[null,null,null]`, nil},
		{`return await caches.default.match(new Request("https://example.com/hit", {method: "POST"}))`, `null`, []string{}},
		{`return (await caches.default.match(new Request("https://example.com/hit", {method: "HEAD"}), {ignoreMethod: true})).status`, `200`,
			[]string{`GET https://example.com/hit [cache-control: only-if-cached] ""`}},
		{`return await caches.default.put("https://example.com/p", new Response("hello", {headers: {"Cache-Control": "max-age=10", "x-z": "1", "ETag": "\"e\""}}))`, `null`,
			[]string{"PUT https://example.com/p [content-length: 129] \"HTTP/1.1 200 OK\\r\\nContent-Length: 5\\r\\nContent-Type: text/plain;charset=UTF-8\\r\\nCache-Control: max-age=10\\r\\nETag: \\\"e\\\"\\r\\nx-z: 1\\r\\n\\r\\nhello\""}},
		{`return await caches.default.put(new Request("https://example.com/s", {headers: {"x-r": "1"}}), new Response(new ReadableStream({start(c) { c.enqueue(new Uint8Array([97, 98])); c.close(); }}), {status: 201, statusText: "Made"}))`, `null`,
			[]string{"PUT https://example.com/s [transfer-encoding: chunked; x-r: 1] \"HTTP/1.1 201 Made\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nab\""}},
		{`const {readable, writable} = new FixedLengthStream(3); const w = writable.getWriter(); w.write(new Uint8Array([65, 66, 67])); w.close(); return await caches.default.put("https://example.com/f", new Response(readable, {status: 299}))`, `null`,
			[]string{"PUT https://example.com/f [content-length: 49] \"HTTP/1.1 299 Successful\\r\\nContent-Length: 3\\r\\n\\r\\nABC\""}},
		{`return await caches.default.put("https://example.com/e", new Response(null, {status: 404}))`, `null`,
			[]string{"PUT https://example.com/e [content-length: 45] \"HTTP/1.1 404 Not Found\\r\\nContent-Length: 0\\r\\n\\r\\n\""}},
		// put() disturbs the body before it returns; a 304 is dropped without a request.
		{`const r = new Response("x"); const p = caches.default.put("https://example.com/u", r); const used = r.bodyUsed; await p; return used`, `true`, nil},
		{`return await caches.default.put("https://example.com/n", new Response(null, {status: 304}))`, `null`, []string{}},
		{`const c = await caches.open("my cache/é"); return [await c.delete("https://example.com/hit"), await c.delete(new Request("https://example.com/miss", {headers: {"x-real-ip": "1.2.3.4"}}))]`, `[true,false]`,
			[]string{`PURGE https://example.com/hit [cf-cache-namespace: my%20cache%2F%C3%A9; x-real-ip: 127.0.0.1] ""`,
				`PURGE https://example.com/miss [cf-cache-namespace: my%20cache%2F%C3%A9; x-real-ip: 1.2.3.4, 127.0.0.1] ""`}},
		{`return [await caches.default.delete(new Request("https://example.com/hit", {method: "PUT"})), await caches.default.delete(new Request("https://example.com/hit", {method: "PUT"}), {ignoreMethod: true})]`, `[false,true]`,
			[]string{`PURGE https://example.com/hit [x-real-ip: 127.0.0.1] ""`}},
		// Known headers share a line (Set-Cookie only its first value); others get one per value.
		{`const h = new Headers([["set-cookie", "a=1"], ["set-cookie", "b=2"], ["etag", "1"], ["etag", "2"], ["x-b", "1"], ["x-a", "z"], ["x-b", "2"], ["connection", "close"]]);
		  return await caches.default.put("https://example.com/d", new Response("x", {headers: h}))`, `null`,
			[]string{"PUT https://example.com/d [content-length: 149] \"HTTP/1.1 200 OK\\r\\nContent-Length: 1\\r\\nContent-Type: text/plain;charset=UTF-8\\r\\nETag: 1, 2\\r\\nSet-Cookie: a=1\\r\\nset-cookie: b=2\\r\\nx-a: z\\r\\nx-b: 1\\r\\nx-b: 2\\r\\n\\r\\nx\""}},
		// caches.open("") names no namespace: it is the default cache.
		{`return await (await caches.open("")).match("https://example.com/miss")`, `null`,
			[]string{`GET https://example.com/miss [cache-control: only-if-cached] ""`}},
		{`return (await caches.default.match(new URL("HTTPS://EXAMPLE.com:443/hit/../hit?a=1 2"))).status`, `200`,
			[]string{`GET https://example.com/hit?a=1%202 [cache-control: only-if-cached] ""`}},
	}
	for _, s := range steps {
		be.take()
		if got := iso.eval(t, s.src); got != s.want {
			t.Errorf("%s\n got  %s\n want %s", s.src, got, s.want)
		}
		sent := be.take()
		if s.sent != nil && strings.Join(sent, "\n") != strings.Join(s.sent, "\n") {
			t.Errorf("%s\n sent %q\n want %q", s.src, sent, s.sent)
		}
	}
}

func TestCacheAPILegacyURLs(t *testing.T) {
	be := &fakeCacheBackend{answer: mockAnswer}
	iso := loadCacheWorker(t, be, map[string]bool{"fetch_standard_url": false})
	if got, want := iso.eval(t, `return await caches.default.match("/rel")`), `throws TypeError: Invalid URL. Cache API keys must be fully-qualified, valid URLs.`; got != want {
		t.Errorf("got %s want %s", got, want)
	}
	be.take()
	// Before fetch_standard_url a string key goes out exactly as written.
	if got := iso.eval(t, `return await caches.default.match("HTTPS://EXAMPLE.com/a/../b?x=1 2")`); got != "null" {
		t.Errorf("got %s", got)
	}
	if got, want := be.take(), `GET HTTPS://EXAMPLE.com/a/../b?x=1 2 [cache-control: only-if-cached] ""`; len(got) != 1 || got[0] != want {
		t.Errorf("sent %q, want %q", got, want)
	}
}

func TestCacheAPINoBackend(t *testing.T) {
	iso := loadCacheWorker(t, nil, nil)
	cases := map[string]string{
		`await caches.default.match("https://x/")`:                                                                  `throws Error: No Cache was configured`,
		`await caches.default.delete("https://x/")`:                                                                 `throws Error: No Cache was configured`,
		`await caches.default.put("https://x/", new Response("a"))`:                                                 `throws Error: No Cache was configured`,
		`return await caches.default.match(new Request("https://x/", {method: "POST"}))`:                            `null`,
		`return await caches.default.delete(new Request("https://x/", {method: "POST"}))`:                           `false`,
		`const r = new Response("a"); await caches.default.put("https://x/", r).catch(() => {}); return r.bodyUsed`: `true`,
	}
	for src, want := range cases {
		if got := iso.eval(t, src); got != want {
			t.Errorf("%s\n got  %s\n want %s", src, got, want)
		}
	}
}
