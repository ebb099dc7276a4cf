package isolate

import (
	"io"
	"testing"
)

// discardSink is a ResponseSink that accepts everything at once.
type discardSink struct {
	done   chan error
	status int
	n      int
}

func (s *discardSink) Start(status int, _ string, _ [][2]string) { s.status = status }
func (s *discardSink) Write(chunk []byte, done func(error))      { s.n += len(chunk); done(nil) }
func (s *discardSink) End(err error)                             { s.done <- err }

// loadWorker creates an isolate on the shared loop with one ES module as its worker.
func loadWorker(tb testing.TB, src string) *Isolate {
	tb.Helper()
	l := sharedLoop()
	var iso *Isolate
	errc := make(chan error, 1)
	l.Post(func() {
		var err error
		iso, err = l.NewIsolate(Options{Name: "bench"})
		if err != nil {
			errc <- err
			return
		}
		iso.Load(&Worker{Modules: []Module{{Name: "w.js", Kind: ModuleESM, Source: []byte(src)}}}, func(err error) { errc <- err })
	})
	if err := <-errc; err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { l.Call(iso.Dispose) })
	return iso
}

func fetchOnce(tb testing.TB, iso *Isolate, req *Request) *discardSink {
	s := &discardSink{done: make(chan error, 1)}
	iso.Loop.Post(func() { iso.Fetch(req, s) })
	if err := <-s.done; err != nil {
		tb.Fatal(err)
	}
	return s
}

// BenchmarkFetchHello is request to JS to response through the Go/JS boundary, no sockets.
func BenchmarkFetchHello(b *testing.B) {
	iso := loadWorker(b, `export default { fetch() { return new Response("hello"); } };`)
	req := &Request{Method: "GET", URL: "http://x/", Header: [][2]string{{"host", "x"}, {"user-agent", "bench"}}}
	b.ReportAllocs()
	for b.Loop() {
		fetchOnce(b, iso, req)
	}
}

// BenchmarkFetchHeaders measures header conversion: 20 request headers in, 10 response headers out.
func BenchmarkFetchHeaders(b *testing.B) {
	iso := loadWorker(b, `export default { fetch(req) {
		const h = new Headers(); for (let i = 0; i < 10; i++) h.set("x-out-" + i, req.headers.get("x-in-" + i));
		return new Response("ok", { headers: h }); } };`)
	req := &Request{Method: "GET", URL: "http://x/"}
	for i := 0; i < 20; i++ {
		req.Header = append(req.Header, [2]string{"x-in-" + string(rune('0'+i%10)), "value-value-value"})
	}
	b.ReportAllocs()
	for b.Loop() {
		fetchOnce(b, iso, req)
	}
}

type bytesBody struct {
	data []byte
	sent bool
}

func (b *bytesBody) Read(l *Loop, deliver func([]byte, error)) {
	if b.sent {
		deliver(nil, io.EOF)
		return
	}
	b.sent = true
	deliver(b.data, nil)
}
func (b *bytesBody) Close() {}

// BenchmarkBodyEcho64K streams a 64 KB request body through JS and back (body bytes both ways).
func BenchmarkBodyEcho64K(b *testing.B) {
	iso := loadWorker(b, `export default { fetch(req) { return new Response(req.body); } };`)
	data := make([]byte, 64<<10)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		s := fetchOnce(b, iso, &Request{Method: "POST", URL: "http://x/", Body: &bytesBody{data: data}})
		if s.n != len(data) {
			b.Fatalf("echoed %d bytes", s.n)
		}
	}
}

// BenchmarkColdStart is a new isolate with the runtime (code-cached) to its first response.
func BenchmarkColdStart(b *testing.B) {
	src := `export default { fetch() { return new Response("hello"); } };`
	req := &Request{Method: "GET", URL: "http://x/"}
	loadWorker(b, src) // warms the runtime's code cache
	b.ReportAllocs()
	for b.Loop() {
		l := sharedLoop()
		errc := make(chan error, 1)
		s := &discardSink{done: make(chan error, 1)}
		l.Post(func() {
			iso, err := l.NewIsolate(Options{Name: "cold"})
			if err != nil {
				errc <- err
				return
			}
			iso.Load(&Worker{Modules: []Module{{Name: "w.js", Kind: ModuleESM, Source: []byte(src)}}}, func(err error) {
				if err != nil {
					errc <- err
					return
				}
				iso.Fetch(req, s)
				errc <- <-s.done
				iso.Dispose()
			})
		})
		if err := <-errc; err != nil {
			b.Fatal(err)
		}
	}
}

// TestNoValueLeak serves many requests from one isolate and checks that the context does not
// accumulate Go-held V8 values (each native's results are released after its turn).
func TestNoValueLeak(t *testing.T) {
	iso := loadWorker(t, `export default { async fetch(req) {
		const body = await req.text();
		return new Response(body + req.headers.get("x-a"), { headers: { "x-b": "1" } }); } };`)
	req := func() *Request {
		return &Request{Method: "POST", URL: "http://x/", Header: [][2]string{{"x-a", "1"}}, Body: &bytesBody{data: []byte("payload")}}
	}
	for i := 0; i < 200; i++ {
		fetchOnce(t, iso, req())
	}
	var before, after int
	iso.Loop.Call(func() { before = iso.ctx.RetainedValueCount() })
	for i := 0; i < 20000; i++ {
		fetchOnce(t, iso, req())
	}
	iso.Loop.Call(func() { after = iso.ctx.RetainedValueCount() })
	if after > before+50 {
		t.Errorf("retained values grew from %d to %d over 20000 requests", before, after)
	}
}

// BenchmarkFetchHelloLimited is BenchmarkFetchHello with a CPU limit, heap limit and
// ArrayBuffer budget on the isolate: compare the two for the cost of the limit machinery.
func BenchmarkFetchHelloLimited(b *testing.B) {
	l := sharedLoop()
	var iso *Isolate
	errc := make(chan error, 1)
	l.Post(func() {
		var err error
		iso, err = l.NewIsolate(Options{Name: "bench", CPULimit: 50e6, HeapLimitMB: 128, ArrayBufferBudget: 128 << 20})
		if err != nil {
			errc <- err
			return
		}
		iso.Load(&Worker{Modules: []Module{{Name: "w.js", Kind: ModuleESM, Source: []byte(`export default { fetch() { return new Response("hello"); } };`)}}}, func(err error) { errc <- err })
	})
	if err := <-errc; err != nil {
		b.Fatal(err)
	}
	defer l.Call(iso.Dispose)
	req := &Request{Method: "GET", URL: "http://x/", Header: [][2]string{{"host", "x"}, {"user-agent", "bench"}}}
	b.ReportAllocs()
	for b.Loop() {
		fetchOnce(b, iso, req)
	}
}
