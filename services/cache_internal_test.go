package services

import (
	"io"
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/nanod-runtime/nanod/isolate"
)

func TestParseSerializedResponse(t *testing.T) {
	cases := []struct {
		in     string
		ok     bool
		status int
		text   string
		header [][2]string
		body   string
	}{
		{"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\nx-a: 1\r\n\r\nhello", true, 200, "OK",
			[][2]string{{"content-type", "text/plain"}, {"x-a", "1"}}, "hello"},
		// The body of a "chunked" payload is raw bytes, never chunk-encoded.
		{"HTTP/1.1 201 Made It\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab", true, 201, "Made It", nil, "2\r\nab"},
		{"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nabc", true, 200, "OK", nil, "ab"},
		{"HTTP/1.1 404 \r\nContent-Length: 0\r\n\r\n", true, 404, "", nil, ""},
		{"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nshort", false, 0, "", nil, ""}, // cut short
		{"HTTP/1.1 200 OK\r\nContent-Length: 1", false, 0, "", nil, ""},              // no end of head
		{"HTTP/1.1 2000 OK\r\n\r\n", false, 0, "", nil, ""},
		{"FTP 200 OK\r\n\r\n", false, 0, "", nil, ""},
		{"HTTP/1.1 200 OK\r\nbad header\r\n\r\n", false, 0, "", nil, ""},
		{"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", false, 0, "", nil, ""},
	}
	for _, c := range cases {
		status, text, header, body, ok := parseSerializedResponse([]byte(c.in))
		if ok != c.ok || (ok && (status != c.status || text != c.text || !reflect.DeepEqual(header, c.header) || string(body) != c.body)) {
			t.Errorf("%q: got %v %d %q %q %q", c.in, ok, status, text, header, body)
		}
	}
}

func TestParseRange(t *testing.T) {
	cases := []struct {
		h     string
		size  int64
		want  []byteRange
		valid bool
	}{
		{"bytes=0-0", 10, []byteRange{{0, 0}}, true},
		{"bytes=0-99", 10, []byteRange{{0, 9}}, true},
		{"bytes=-0", 10, nil, true},
		{"bytes=-20", 10, []byteRange{{0, 9}}, true},
		{"bytes=10-", 10, nil, true},
		{"bytes=0-", 0, nil, true},
		{"BYTES = 1-2 , 4-5", 10, []byteRange{{1, 2}, {4, 5}}, true},
		{"bytes=3-1", 10, nil, false},
		{"bytes=a-b", 10, nil, false},
		{"bytes=+1-2", 10, nil, false},
		{"bytes=1", 10, nil, false},
		{"items=1-2", 10, nil, false},
	}
	for _, c := range cases {
		got, valid := parseRange(c.h, c.size)
		if valid != c.valid || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q/%d: got %v %v", c.h, c.size, got, valid)
		}
	}
}

func TestCachePolicyDirectives(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	cc := func(v string) [][2]string { return [][2]string{{"cache-control", v}} }
	cases := []struct {
		status int
		header [][2]string
		ttl    time.Duration
	}{
		{200, cc("max-age=60"), time.Minute},
		{200, cc(`MAX-AGE="60"`), time.Minute},
		{200, cc("max-age=60, max-age=10"), time.Minute}, // the first wins
		{200, cc("max-age=abc"), 0},
		{200, cc("max-age=99999999999999"), time.Duration(1<<31) * time.Second},
		{200, cc("s-maxage=5, max-age=60"), 5 * time.Second},
		{200, cc(`private="x, set-cookie", max-age=60`), time.Minute},
		{200, append(cc(`private="x, set-cookie", max-age=60`), [2]string{"set-cookie", "a"}), time.Minute},
		{200, append(cc("max-age=60"), [2]string{"set-cookie", "a"}), 0},
		{200, [][2]string{{"cache-control", "max-age=60"}, {"cache-control", "no-store"}}, 0},
		{200, cc("public"), 120 * time.Minute},
		{410, nil, 3 * time.Minute},
		{303, nil, 20 * time.Minute},
		{203, nil, 0},
		{200, [][2]string{{"expires", "Thu, 01 Jan 2026 00:01:00 GMT"}}, time.Minute},
		{200, [][2]string{{"expires", "Thu, 01 Jan 2026 00:01:00 GMT"}, {"date", "Wed, 31 Dec 2025 23:59:00 GMT"}}, 2 * time.Minute},
	}
	for _, c := range cases {
		ttl, _, ok := cachePolicy(c.status, c.header, now)
		if ok != (c.ttl > 0) || ttl != c.ttl {
			t.Errorf("%d %v: got %v %v, want %v", c.status, c.header, ttl, ok, c.ttl)
		}
	}
	_, h, _ := cachePolicy(200, [][2]string{{"cache-control", "max-age=9, private=set-cookie"}, {"set-cookie", "a"}, {"x", "1"}}, now)
	if !reflect.DeepEqual(h, [][2]string{{"cache-control", "max-age=9, private=set-cookie"}, {"x", "1"}}) {
		t.Errorf("stripped headers: %v", h)
	}
}

// recordSink collects a response given to a ResponseSink.
type recordSink struct {
	status int
	header [][2]string
	body   []byte
	err    error
	ended  bool
}

func (s *recordSink) Start(status int, _ string, header [][2]string) {
	s.status, s.header = status, header
}
func (s *recordSink) Write(chunk []byte, done func(error)) {
	s.body = append(s.body, chunk...)
	done(nil)
}
func (s *recordSink) End(err error) { s.err, s.ended = err, true }

// chunkBody is a BodySource of n chunks of size bytes, counting reads and noting Close.
type chunkBody struct {
	n, size, reads int
	closed         bool
}

func (b *chunkBody) Read(l *isolate.Loop, deliver func([]byte, error)) {
	if b.reads >= b.n {
		deliver(nil, io.EOF)
		return
	}
	b.reads++
	deliver(make([]byte, b.size), nil)
}
func (b *chunkBody) Close() { b.closed = true }

func TestMemoryCacheUploadBounds(t *testing.T) {
	mc := NewMemoryCache(1<<20, 64<<10, nil)
	// A body far over the entry limit is abandoned after about the limit, not read to the end.
	body := &chunkBody{n: 100000, size: 1024}
	sink := &recordSink{}
	mc.Fetch(nil, &isolate.Request{Method: "PUT", URL: "https://x/big", Body: body}, sink)
	if sink.status != 413 || !body.closed || body.reads > 200 {
		t.Fatalf("status %d, closed %v after %d reads", sink.status, body.closed, body.reads)
	}
	// Synchronous delivery of many chunks does not recurse per chunk.
	head := "HTTP/1.1 200 OK\r\nCache-Control: max-age=60\r\n\r\n"
	sink = &recordSink{}
	mc.Fetch(nil, &isolate.Request{Method: "PUT", URL: "https://x/ok", Body: &prefixBody{head: []byte(head), rest: &chunkBody{n: 60, size: 1}}}, sink)
	if sink.status != 204 {
		t.Fatalf("store: %d", sink.status)
	}
	sink = &recordSink{}
	mc.Fetch(nil, &isolate.Request{Method: "GET", URL: "https://x/ok#f"}, sink)
	if sink.status != 200 || len(sink.body) != 60 {
		t.Fatalf("hit: %d %d", sink.status, len(sink.body))
	}
	for _, m := range []string{"POST", "DELETE"} {
		sink = &recordSink{}
		mc.Fetch(nil, &isolate.Request{Method: m, URL: "https://x/ok"}, sink)
		if sink.status != http.StatusMethodNotAllowed {
			t.Errorf("%s: %d", m, sink.status)
		}
	}
	if mc.Len() != 1 {
		t.Fatalf("%d entries", mc.Len())
	}
}

// prefixBody delivers head, then rest.
type prefixBody struct {
	head []byte
	rest isolate.BodySource
}

func (b *prefixBody) Read(l *isolate.Loop, deliver func([]byte, error)) {
	if b.head != nil {
		h := b.head
		b.head = nil
		deliver(h, nil)
		return
	}
	b.rest.Read(l, deliver)
}
func (b *prefixBody) Close() { b.rest.Close() }

func TestMemoryCacheLRU(t *testing.T) {
	mc := NewMemoryCache(10<<10, 4<<10, nil)
	body := make([]byte, 3<<10)
	hdr := [][2]string{{"cache-control", "max-age=60"}}
	for _, k := range []string{"a", "b", "c"} {
		if s := mc.Put("", k, 200, "OK", hdr, body); s != 204 {
			t.Fatalf("put %s: %d", k, s)
		}
	}
	if e, _ := mc.lookup(cacheKey{"", "a"}); e == nil {
		t.Fatal("a missing")
	}
	mc.Put("", "d", 200, "OK", hdr, body) // over 10 KiB: b (least recently used) goes
	for k, want := range map[string]bool{"a": true, "b": false, "c": true, "d": true} {
		if e, _ := mc.lookup(cacheKey{"", k}); (e != nil) != want {
			t.Errorf("%s present = %v", k, e != nil)
		}
	}
	if s := mc.Put("", "big", 200, "OK", hdr, make([]byte, 5<<10)); s != 413 {
		t.Errorf("entry over the limit: %d", s)
	}
	if mc.Size() > 10<<10 {
		t.Errorf("size %d", mc.Size())
	}
	// Headers arrive in any case; a stored upstream CF-Cache-Status does not mask the hit.
	mc.Put("ns", "e", 200, "OK", [][2]string{{"Cache-Control", "max-age=60"}, {"CF-Cache-Status", "MISS"}}, nil)
	sink := &recordSink{}
	mc.Fetch(nil, &isolate.Request{Method: "GET", URL: "e", Header: [][2]string{{"CF-Cache-Namespace", "ns"}}}, sink)
	if sink.status != 200 || headerValue(sink.header, "cf-cache-status") != "HIT" {
		t.Errorf("namespaced hit: %d %v", sink.status, sink.header)
	}
}
