package isolate

import (
	"io"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// redirectOutbound is a global outbound that answers /r/<status>?to=<location> with a redirect
// and anything else with a JSON echo of the request (method, URL, headers, body).
type redirectOutbound struct {
	mu   sync.Mutex
	seen []string // request URLs, in order
}

func (o *redirectOutbound) Fetch(l *Loop, req *Request, sink ResponseSink) {
	o.mu.Lock()
	o.seen = append(o.seen, req.URL)
	o.mu.Unlock()
	var body []byte
	finish := func() {
		u, _ := url.Parse(req.URL)
		parts := strings.Split(u.Path, "/")
		if len(parts) > 2 && parts[1] == "r" {
			status := map[string]int{"301": 301, "302": 302, "303": 303, "307": 307, "308": 308}[parts[2]]
			var h [][2]string
			if to := u.Query().Get("to"); to != "" {
				h = append(h, [2]string{"location", to})
			}
			RespondWhole(sink, status, "", h, []byte("moved"))
			return
		}
		var hs []string
		for _, kv := range req.Header {
			hs = append(hs, kv[0]+"="+kv[1])
		}
		RespondWhole(sink, 200, "", nil, []byte(req.Method+" "+req.URL+" ["+strings.Join(hs, ";")+"] "+string(body)))
	}
	if req.Body == nil {
		finish()
		return
	}
	var read func()
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

// loadFetchWorker makes an isolate configured with the given features, its global fetch() going
// to out.
func loadFetchWorker(t *testing.T, out Fetcher, enabled map[string]bool) *Isolate {
	t.Helper()
	l := sharedLoop()
	var iso *Isolate
	errc := make(chan error, 1)
	l.Post(func() {
		var err error
		iso, err = l.NewIsolate(Options{Name: "fetch"})
		if err != nil {
			errc <- err
			return
		}
		w := &Worker{Modules: []Module{{Name: "w.js", Kind: ModuleESM, Source: []byte("export default {};")}},
			Outbound: out, CompatEnabled: enabled}
		iso.Load(w, func(err error) { errc <- err })
	})
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Call(iso.Dispose) })
	return iso
}

func checkPairsIn(t *testing.T, iso *Isolate, cases [][2]string) {
	t.Helper()
	for _, c := range cases {
		if got := iso.eval(t, c[0]); got != c[1] {
			t.Errorf("%s\n got  %s\n want %s", c[0], got, c[1])
		}
	}
}

// The Fetch Standard's data: URL processor, with workerd's lenient base64.
func TestFetchDataURLs(t *testing.T) {
	iso := loadFetchWorker(t, &redirectOutbound{}, nil)
	show := `const r = await fetch(%s); return [r.status, r.statusText, r.headers.get("content-type"), r.url, r.body === null ? null : [...new Uint8Array(await r.arrayBuffer())]];`
	at := func(arg string) string { return strings.Replace(show, "%s", arg, 1) }
	checkPairsIn(t, iso, [][2]string{
		{at(`"data:text/plain,Hello%2C%20World!"`), `[200,"OK","text/plain","",[72,101,108,108,111,44,32,87,111,114,108,100,33]]`},
		{at(`"  DATA:text/plain;a=\"b\";base64,\t\nSGk%3D"`), `[200,"OK","text/plain;a=b","",[72,105]]`},
		{at(`"data:,X"`), `[200,"OK","text/plain;charset=US-ASCII","",[88]]`},
		{at(`"data:;charset=UTF-8,X"`), `[200,"OK","text/plain;charset=UTF-8","",[88]]`},
		{at(`"data:text/plain%20,X"`), `[200,"OK","text/plain%20","",[88]]`},
		{at(`"data:,X#frag"`), `[200,"OK","text/plain;charset=US-ASCII","",[88]]`},
		{at(`"data:,%FF%zz"`), `[200,"OK","text/plain;charset=US-ASCII","",[255,37,122,122]]`},
		{at(`"data:;BASE64 ,S=G=k"`), `[200,"OK","text/plain;charset=US-ASCII","",[72,105]]`},
		{at(`"data:;base64,SGkx%"`), `[200,"OK","text/plain;charset=US-ASCII","",[72,105,49]]`},
		{at(`"data:;base64,SGkxM"`), `[200,"OK","text/plain;charset=US-ASCII","",[72,105,49]]`},
		{at(`"data:;base64,===="`), `[200,"OK","text/plain;charset=US-ASCII","",[]]`},
		{at(`"data:,X", { method: "POST", body: "b" }`), `[200,"OK","text/plain;charset=US-ASCII","",null]`},
		{at(`"data:text/html"`), `throws TypeError: Fetch API cannot load: data:text/html`},
		{`return (await fetch("data:,X")).url`, `""`},
	})
}

// Redirects: at most 20, method changes on 301/302/303 (other headers, even Content-Type, stay,
// as in workerd), bodies resent only from buffers, and Authorization dropped on a cross-origin
// hop (strip_authorization_on_cross_origin_redirect).
func TestFetchRedirects(t *testing.T) {
	on := map[string]bool{"strip_authorization_on_cross_origin_redirect": true, "fetch_refuses_unknown_protocols": true}
	iso := loadFetchWorker(t, &redirectOutbound{}, on)
	checkPairsIn(t, iso, [][2]string{
		{`const r = await fetch("http://a.test/r/302?to=/x", { headers: { authorization: "k" } }); return [r.url, r.redirected, await r.text()]`,
			`["http://a.test/x",true,"GET http://a.test/x [authorization=k] "]`},
		{`const r = await fetch("http://a.test/r/301?to=http://b.test/x", { headers: { authorization: "k" } }); return await r.text()`,
			`"GET http://b.test/x [] "`},
		{`const r = await fetch("http://a.test/r/303?to=/x", { method: "PUT", body: "p" }); return await r.text()`,
			`"GET http://a.test/x [content-type=text/plain;charset=UTF-8] "`},
		{`const r = await fetch("http://a.test/r/302?to=/x", { method: "POST", body: "p" }); return await r.text()`,
			`"GET http://a.test/x [content-type=text/plain;charset=UTF-8] "`},
		{`const r = await fetch("http://a.test/r/307?to=/x", { method: "POST", body: "p" }); return await r.text()`,
			`"POST http://a.test/x [content-type=text/plain;charset=UTF-8;content-length=1] p"`},
		{`const r = await fetch("http://a.test/r/308?to=/x", { method: "PUT", body: new Blob(["p"]).stream() }); return await r.text()`,
			`throws TypeError: A request with a one-time-use body (it was initialized from a stream, not a buffer) encountered a redirect requiring the body to be retransmitted. To avoid this error in the future, construct this request from a buffer-like body initializer.`},
		{`const r = await fetch("http://a.test/r/302?to=/x", { redirect: "manual" }); return [r.status, r.headers.get("location"), r.redirected, await r.text()]`,
			`[302,"/x",false,"moved"]`},
		{`const r = await fetch("http://a.test/r/302"); return [r.status, r.redirected]`, `[302,false]`},
		{`await fetch("http://a.test/r/302?to=http://%5Bbad")`, `throws TypeError: Invalid Location header; unable to follow redirect.`},
		{`const r = await fetch("http://a.test/r/302?to=/x%23f"); return [r.url, await r.text()]`, `["http://a.test/x","GET http://a.test/x [] "]`},
		{`await fetch("ftp://a.test/")`, `throws TypeError: Fetch API cannot load: ftp://a.test/`},
		{`new Request("http://a.test/", { redirect: "error" })`, `throws TypeError: Invalid redirect value, must be one of "follow" or "manual" ("error" won't be implemented since it does not make sense at the edge; use "manual" and check the response status code).`},
		{`return new Request("http://a.test/", { redirect: "Manual" }).redirect`, `"manual"`},
		{`new Request("http://a.test/", { integrity: "x" })`, `throws TypeError: Subrequest integrity checking is not implemented. The integrity option must be either undefined or an empty string.`},
	})
	// Twenty redirects are followed; the twenty-first fails.
	out := &redirectOutbound{}
	iso = loadFetchWorker(t, out, on)
	loop := `let u = "http://a.test/x"; for (let k = 0; k < %d; k++) u = "http://a.test/r/302?to=" + encodeURIComponent(u);`
	if got := iso.eval(t, strings.Replace(loop, "%d", "20", 1)+`return (await fetch(u)).url`); got != `"http://a.test/x"` {
		t.Errorf("20 redirects: %s", got)
	}
	if got := iso.eval(t, strings.Replace(loop, "%d", "21", 1)+`await fetch(u)`); !strings.HasPrefix(got, "throws TypeError: Too many redirects.http://a.test/r/302") {
		t.Errorf("21 redirects: %s", got)
	}
	// Without the flag, Authorization follows the redirect anywhere.
	iso = loadFetchWorker(t, &redirectOutbound{}, map[string]bool{})
	checkPairsIn(t, iso, [][2]string{
		{`const r = await fetch("http://a.test/r/301?to=http://b.test/x", { headers: { authorization: "k" } }); return await r.text()`,
			`"GET http://b.test/x [authorization=k] "`},
	})
}

// Bodies from iterables (fetch_iterable_type_support), and what stays a string.
func TestFetchIterableBodies(t *testing.T) {
	iso := loadFetchWorker(t, &redirectOutbound{}, map[string]bool{"fetch_iterable_type_support": true, "fetch_iterable_type_support_override_adjustment": true})
	enc := `const e = (s) => new TextEncoder().encode(s);`
	checkPairsIn(t, iso, [][2]string{
		{enc + `return new Response([e("a"), e("b")]).text()`, `"ab"`},
		{enc + `return new Response((async function* () { yield e("x"); yield e("y"); })()).text()`, `"xy"`},
		{enc + `return new Request("http://a.test/", { method: "POST", body: (function* () { yield e("g"); })() }).text()`, `"g"`},
		{enc + `return new Response(new String("boxed")).text()`, `"boxed"`},
		{enc + `return new Response({ *[Symbol.iterator]() { yield e("no"); }, toString() { return "yes"; } }).text()`, `"yes"`},
		{enc + `return new Response({ *[Symbol.iterator]() { yield e("no"); }, [Symbol.toPrimitive]() { return "prim"; } }).text()`, `"prim"`},
		{enc + `return new Response({ async *[Symbol.asyncIterator]() { yield e("async"); }, toString() { return "no"; } }).text()`, `"async"`},
		{enc + `return new Response([e("a")]).headers.get("content-type")`, `null`},
		{`return new Response(["str"]).text()`, `throws TypeError: This ReadableStream did not return bytes.`},
		{enc + `return (await fetch("http://a.test/echo", { method: "POST", body: [e("it")] })).text()`, `"POST http://a.test/echo [transfer-encoding=chunked] it"`},
	})
	// Without the flag an iterable is stringified, as any other object.
	iso = loadFetchWorker(t, &redirectOutbound{}, map[string]bool{})
	checkPairsIn(t, iso, [][2]string{
		{`return new Response([new Uint8Array([1, 2])]).text()`, `"1,2"`},
	})
}

// Request's cache option, method normalization and the flag-dependent class shapes.
func TestFetchRequestOptionsByFlag(t *testing.T) {
	off := loadFetchWorker(t, &redirectOutbound{}, map[string]bool{"set_tostring_tag": false})
	checkPairsIn(t, off, [][2]string{
		{`return "cache" in Request.prototype`, `false`},
		{`new Request("http://a.test/", { cache: "no-store" })`, `throws Error: The 'cache' field on 'RequestInitializerDict' is not implemented.`},
		{`await fetch("http://a.test/", { cache: "no-store" })`, `throws Error: The 'cache' field on 'RequestInitializerDict' is not implemented.`},
		{`new Request("http://a.test/", { method: "patch" })`, `throws TypeError: Invalid HTTP method string: patch`},
		{`return new Request("http://a.test/", { method: "delete" }).method`, `"DELETE"`},
		{`return [new Headers()[Symbol.toStringTag], Object.prototype.toString.call(new Response())]`, `[null,"[object Object]"]`},
	})
	on := loadFetchWorker(t, &redirectOutbound{}, map[string]bool{"set_tostring_tag": true, "cache_option_enabled": true,
		"cache_no_cache_enabled": true, "upper_case_all_http_methods": true})
	checkPairsIn(t, on, [][2]string{
		{`return ["cache" in Request.prototype, new Request("http://a.test/").cache, new Request("http://a.test/", { cache: "no-cache" }).cache]`, `[true,null,"no-cache"]`},
		{`return new Request(new Request("http://a.test/", { cache: "no-store" })).cache`, `"no-store"`},
		{`new Request("http://a.test/", { cache: "reload" })`, `throws TypeError: Unsupported cache mode: reload`},
		{`new Request("http://a.test/", { cache: "default" })`, `throws TypeError: Unsupported cache mode: default`},
		{`return (await fetch("http://a.test/e", { cache: "no-store" })).text()`, `"GET http://a.test/e [cache-control=no-cache;pragma=no-cache] "`},
		{`return (await fetch("http://a.test/e", { cache: "no-store", headers: { "cache-control": "max-age=1" } })).text()`, `"GET http://a.test/e [cache-control=max-age=1;pragma=no-cache] "`},
		{`await fetch("http://a.test/e", { cache: "no-store", cf: { cacheTtl: 300 } })`, `throws TypeError: CacheTtl: 300, is not compatible with cache: no-store header.`},
		{`return (await fetch("http://a.test/e", { cache: "no-store", cf: { cacheTtl: -1 } })).status`, `200`},
		{`return [new Request("http://a.test/", { method: "patch" }).method, new Request("http://a.test/", { method: "PaTcH" }).method]`, `["PATCH","PATCH"]`},
		{`new Request("http://a.test/", { method: "patchy" })`, `throws TypeError: Invalid HTTP method string: patchy`},
		{`return [new Headers()[Symbol.toStringTag], Object.prototype.toString.call(new Request("http://a.test/"))]`, `["Headers","[object Request]"]`},
	})
}

// Response statusText, Promise.withResolvers, and what sending a used body does.
func TestFetchMisc(t *testing.T) {
	iso := loadFetchWorker(t, &redirectOutbound{}, nil)
	checkPairsIn(t, iso, [][2]string{
		{`return [new Response(null).statusText, new Response(null, { status: 404, statusText: "Nope" }).statusText, Response.error().statusText]`, `["","Nope",""]`},
		{`new Response(null, { statusText: "a\tb" })`, `throws TypeError: Invalid statusText`},
		{`return new Response(null, { statusText: "caf\u00e9\u0100" }).statusText`, `"caféĀ"`},
		{`const { promise, resolve } = Promise.withResolvers(); resolve(7); return await promise`, `7`},
		{`const r = new Request("http://a.test/", { method: "POST", body: new ReadableStream({ pull(c) { c.enqueue(new Uint8Array(1)); } }) }); await r.body.cancel(); await fetch(r)`,
			`throws TypeError: Cannot send a Request whose body has already been used.`},
		{`const r = await fetch("http://a.test/e#frag"); return [r.url, await r.text()]`, `["http://a.test/e","GET http://a.test/e [] "]`},
		{`return (await fetch("http://a.test/e", { method: "PUT", body: "" })).text()`, `"PUT http://a.test/e [content-type=text/plain;charset=UTF-8;content-length=0] "`},
	})
}

// AbortSignal serialization is for RPC only, and only with enable_abortsignal_rpc.
func TestAbortSignalSerialization(t *testing.T) {
	off := loadFetchWorker(t, &redirectOutbound{}, map[string]bool{})
	on := loadFetchWorker(t, &redirectOutbound{}, map[string]bool{"enable_abortsignal_rpc": true})
	src := `structuredClone(new AbortController().signal)`
	if got := off.eval(t, src); got != "throws DataCloneError: AbortSignal serialization is not enabled." {
		t.Errorf("off: %s", got)
	}
	if got := on.eval(t, src); got != "throws DataCloneError: AbortSignal can only be serialized for RPC." {
		t.Errorf("on: %s", got)
	}
	if got := on.eval(t, `const s = new Request("http://a.test/").signal; return [s.aborted, s.reason === undefined]`); got != `[false,true]` {
		t.Errorf("request signal: %s", got)
	}
}
