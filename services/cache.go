package services

import (
	"bytes"
	"container/list"
	"crypto/rand"
	"encoding/hex"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nanod-runtime/nanod/config"
	"github.com/nanod-runtime/nanod/isolate"
)

// MemoryCache is the Cache API's backend for workers without a cacheApiOutbound: an HTTP cache
// in memory, shared by every worker of the process and keyed by cache name (CF-Cache-Namespace)
// and URL. It speaks the protocol a cacheApiOutbound service does (see isolate/js/cache.js):
// GET with only-if-cached looks up, PUT stores the HTTP response in its body, PURGE deletes.
//
// What it keeps follows Cloudflare's cache: Cache-Control (s-maxage, max-age, no-store,
// no-cache, private, and their field-name forms, which strip those headers), else Expires,
// else Cloudflare's default edge TTL for the status; never a response that still has a
// Set-Cookie. Lookups answer conditional requests (If-None-Match, If-Modified-Since) with 304
// and Range requests with 206. Memory is bounded: entries over the per-entry limit are not
// stored, and the least recently used ones go when the total is over its limit.
type MemoryCache struct {
	mu       sync.Mutex
	now      func() time.Time
	maxTotal int64
	maxEntry int64
	total    int64
	lru      *list.List // of *cacheEntry; front = most recently used
	entries  map[cacheKey]*list.Element
}

// Default limits of the process-wide cache.
const (
	DefaultCacheTotalBytes = 128 << 20
	DefaultCacheEntryBytes = 32 << 20
	cacheMaxHead           = 64 << 10 // the serialized status line and headers of a PUT
	cacheMaxRanges         = 64       // more ranges than this in one Range header: answer whole
)

// NewMemoryCache makes a cache holding at most maxTotal bytes, maxEntry per entry (<= 0: the
// defaults). now is its clock (nil: time.Now).
func NewMemoryCache(maxTotal, maxEntry int64, now func() time.Time) *MemoryCache {
	if maxTotal <= 0 {
		maxTotal = DefaultCacheTotalBytes
	}
	if maxEntry <= 0 {
		maxEntry = DefaultCacheEntryBytes
	}
	if maxEntry > maxTotal {
		maxEntry = maxTotal
	}
	if now == nil {
		now = time.Now
	}
	return &MemoryCache{now: now, maxTotal: maxTotal, maxEntry: maxEntry, lru: list.New(), entries: map[cacheKey]*list.Element{}}
}

// processCache serves every worker of the process that has no cacheApiOutbound.
var processCache = NewMemoryCache(0, 0, nil)

// cacheFor is the Cache API backend of worker w: its cacheApiOutbound service, else the
// process's memory cache.
func (rt *Runtime) cacheFor(w *config.Worker) isolate.Fetcher {
	if w.CacheAPIOutbound != nil {
		return rt.Target(*w.CacheAPIOutbound)
	}
	return processCache
}

type cacheKey struct{ ns, url string }

type cacheEntry struct {
	key        cacheKey
	status     int
	statusText string
	header     [][2]string // lower-case names; no framing headers
	body       []byte
	stored     time.Time
	expires    time.Time
	initialAge int64 // seconds, from the stored response's Age
	size       int64
}

// Fetch serves one cache request on loop l.
func (c *MemoryCache) Fetch(l *isolate.Loop, req *isolate.Request, sink isolate.ResponseSink) {
	key := cacheKey{ns: headerValue(req.Header, "cf-cache-namespace"), url: req.URL}
	// A fragment never reaches an origin, so it is no part of an HTTP cache key.
	if i := strings.IndexByte(key.url, '#'); i >= 0 {
		key.url = key.url[:i]
	}
	if req.Method != "PUT" && req.Body != nil {
		req.Body.Close()
	}
	switch req.Method {
	case "GET":
		c.match(key, req.Header, sink)
	case "PURGE":
		status := 404
		if c.Delete(key.ns, key.url) {
			status = 200
		}
		isolate.RespondWhole(sink, status, http.StatusText(status), nil, nil)
	case "PUT":
		c.readPut(l, req, key, sink)
	default:
		isolate.RespondWhole(sink, 405, "Method Not Allowed", [][2]string{{"allow", "GET, PUT, PURGE"}}, nil)
	}
}

// readPut collects a PUT's body (a serialized response) and stores it. Bodies over the entry
// limit are abandoned at once with 413, so memory stays bounded however large the upload.
func (c *MemoryCache) readPut(l *isolate.Loop, req *isolate.Request, key cacheKey, sink isolate.ResponseSink) {
	if req.Body == nil {
		isolate.RespondWhole(sink, 400, "Bad Request", nil, nil)
		return
	}
	limit := c.maxEntry + cacheMaxHead
	var buf []byte
	// Read may deliver synchronously: loop instead of recursing, one chunk per pass.
	var step func()
	step = func() {
		for {
			inRead, again := true, false
			req.Body.Read(l, func(chunk []byte, err error) {
				switch {
				case err == io.EOF:
					status := c.putSerialized(key, buf)
					isolate.RespondWhole(sink, status, http.StatusText(status), nil, nil)
				case err != nil:
					sink.End(err)
				case int64(len(buf)+len(chunk)) > limit:
					req.Body.Close()
					isolate.RespondWhole(sink, 413, "Payload Too Large", nil, nil)
				default:
					buf = append(buf, chunk...)
					if inRead {
						again = true
					} else {
						step()
					}
				}
			})
			inRead = false
			if !again {
				return
			}
		}
	}
	step()
}

// putSerialized parses a serialized response and stores it under key; the result is the PUT's
// status: 204 stored, 413 not stored, 400 malformed.
func (c *MemoryCache) putSerialized(key cacheKey, payload []byte) int {
	status, text, header, body, ok := parseSerializedResponse(payload)
	if !ok {
		return 400
	}
	return c.Put(key.ns, key.url, status, text, header, body)
}

// Put stores a response (status 204), unless its headers forbid it or it is too large (413).
func (c *MemoryCache) Put(ns, url string, status int, statusText string, header [][2]string, body []byte) int {
	lower := make([][2]string, len(header))
	for i, kv := range header {
		lower[i] = [2]string{strings.ToLower(kv[0]), kv[1]}
	}
	now := c.now()
	ttl, header, ok := cachePolicy(status, lower, now)
	if !ok {
		return 413
	}
	e := &cacheEntry{key: cacheKey{ns, url}, status: status, statusText: statusText, header: header, body: body, stored: now}
	if a, err := strconv.ParseInt(headerValue(header, "age"), 10, 64); err == nil && a > 0 {
		e.initialAge = a
	}
	e.expires = now.Add(ttl)
	e.size = int64(len(body)+len(url)+len(ns)+len(statusText)) + 256
	for _, kv := range header {
		e.size += int64(len(kv[0]) + len(kv[1]) + 16)
	}
	if e.size > c.maxEntry {
		return 413
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.entries[e.key]; ok {
		c.remove(old)
	}
	c.entries[e.key] = c.lru.PushFront(e)
	c.total += e.size
	for c.total > c.maxTotal {
		c.remove(c.lru.Back())
	}
	return 204
}

// Delete removes an entry; it reports whether a fresh one was there.
func (c *MemoryCache) Delete(ns, url string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[cacheKey{ns, url}]
	if !ok {
		return false
	}
	fresh := c.now().Before(el.Value.(*cacheEntry).expires)
	c.remove(el)
	return fresh
}

// Len and Size report the number of entries and the bytes they are charged.
func (c *MemoryCache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}

func (c *MemoryCache) Size() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.total
}

func (c *MemoryCache) remove(el *list.Element) {
	e := el.Value.(*cacheEntry)
	c.lru.Remove(el)
	delete(c.entries, e.key)
	c.total -= e.size
}

// lookup returns the fresh entry for key (marking it recently used) and the time now.
func (c *MemoryCache) lookup(key cacheKey) (*cacheEntry, time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	el, ok := c.entries[key]
	if !ok {
		return nil, now
	}
	e := el.Value.(*cacheEntry)
	if !now.Before(e.expires) {
		c.remove(el)
		return nil, now
	}
	c.lru.MoveToFront(el)
	return e, now
}

// match answers a lookup: 504 with CF-Cache-Status: MISS, or the stored response with
// CF-Cache-Status: HIT (as a 304 for a satisfied conditional request, 206/416 for a range).
func (c *MemoryCache) match(key cacheKey, reqHeader [][2]string, sink isolate.ResponseSink) {
	e, now := c.lookup(key)
	if e == nil {
		isolate.RespondWhole(sink, 504, "Gateway Timeout", [][2]string{{"cf-cache-status", "MISS"}}, nil)
		return
	}
	header := make([][2]string, 0, len(e.header)+2)
	for _, kv := range e.header {
		// A stored response may carry an upstream cache's status; this cache's own replaces it.
		if kv[0] != "age" && kv[0] != "cf-cache-status" {
			header = append(header, kv)
		}
	}
	age := e.initialAge + int64(now.Sub(e.stored)/time.Second)
	header = append(header, [2]string{"age", strconv.FormatInt(age, 10)}, [2]string{"cf-cache-status", "HIT"})
	if e.status == 200 {
		if notModified(reqHeader, e.header) {
			isolate.RespondWhole(sink, 304, "Not Modified", header, nil)
			return
		}
		if r := headerValue(reqHeader, "range"); r != "" && ifRangeHolds(headerValue(reqHeader, "if-range"), e.header) {
			if c.respondRange(sink, r, e, header) {
				return
			}
		}
	}
	isolate.RespondWhole(sink, e.status, e.statusText, header, e.body)
}

// notModified evaluates If-None-Match (weak comparison against the stored ETag) or, without
// it, If-Modified-Since against the stored Last-Modified.
func notModified(reqHeader, stored [][2]string) bool {
	if inm := headerValue(reqHeader, "if-none-match"); inm != "" {
		etag := headerValue(stored, "etag")
		if etag == "" {
			return false
		}
		if strings.TrimSpace(inm) == "*" {
			return true
		}
		want := opaqueTag(etag)
		for _, t := range strings.Split(inm, ",") {
			if got := opaqueTag(t); got != "" && got == want {
				return true
			}
		}
		return false
	}
	ims, lm := headerValue(reqHeader, "if-modified-since"), headerValue(stored, "last-modified")
	if ims == "" || lm == "" {
		return false
	}
	since, err1 := http.ParseTime(ims)
	modified, err2 := http.ParseTime(lm)
	return err1 == nil && err2 == nil && !modified.After(since)
}

// opaqueTag is an entity tag without its weakness prefix; "" if it is not one.
func opaqueTag(t string) string {
	t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
	if len(t) < 2 || t[0] != '"' || t[len(t)-1] != '"' {
		return ""
	}
	return t
}

// ifRangeHolds: a Range applies when If-Range is absent or names the stored representation
// (a strong ETag match, or exactly its Last-Modified date).
func ifRangeHolds(ifRange string, stored [][2]string) bool {
	ifRange = strings.TrimSpace(ifRange)
	if ifRange == "" {
		return true
	}
	if strings.HasPrefix(ifRange, `"`) || strings.HasPrefix(ifRange, "W/") {
		etag := strings.TrimSpace(headerValue(stored, "etag"))
		return !strings.HasPrefix(ifRange, "W/") && !strings.HasPrefix(etag, "W/") && etag == ifRange
	}
	d, err := http.ParseTime(ifRange)
	lm, err2 := http.ParseTime(headerValue(stored, "last-modified"))
	return err == nil && err2 == nil && d.Equal(lm)
}

type byteRange struct{ start, end int64 } // inclusive

// parseRange reads a "bytes=" Range header against a body of size bytes: the satisfiable
// ranges, and whether the header was valid at all (an invalid one is ignored).
func parseRange(h string, size int64) ([]byteRange, bool) {
	unit, set, ok := strings.Cut(h, "=")
	if !ok || !strings.EqualFold(strings.TrimSpace(unit), "bytes") {
		return nil, false
	}
	specs := strings.Split(set, ",")
	if len(specs) > cacheMaxRanges {
		return nil, false
	}
	var out []byteRange
	for _, spec := range specs {
		spec = strings.TrimSpace(spec)
		if spec == "" {
			continue
		}
		first, last, ok := strings.Cut(spec, "-")
		if !ok {
			return nil, false
		}
		first, last = strings.TrimSpace(first), strings.TrimSpace(last)
		if first == "" { // suffix: the last N bytes
			n, err := strconv.ParseInt(last, 10, 64)
			if err != nil || n < 0 || !digits(last) {
				return nil, false
			}
			if n == 0 || size == 0 {
				continue
			}
			if n > size {
				n = size
			}
			out = append(out, byteRange{size - n, size - 1})
			continue
		}
		s, err := strconv.ParseInt(first, 10, 64)
		if err != nil || !digits(first) {
			return nil, false
		}
		e := size - 1
		if last != "" {
			if e, err = strconv.ParseInt(last, 10, 64); err != nil || !digits(last) || e < s {
				return nil, false
			}
		}
		if s >= size {
			continue // unsatisfiable
		}
		if e >= size {
			e = size - 1
		}
		out = append(out, byteRange{s, e})
	}
	return out, true
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// respondRange answers a Range request; false means the header is invalid and the whole
// response should go instead.
func (c *MemoryCache) respondRange(sink isolate.ResponseSink, h string, e *cacheEntry, header [][2]string) bool {
	size := int64(len(e.body))
	ranges, ok := parseRange(h, size)
	if !ok {
		return false
	}
	if len(ranges) == 0 {
		header = append(header, [2]string{"content-range", "bytes */" + strconv.FormatInt(size, 10)})
		isolate.RespondWhole(sink, 416, "Range Not Satisfiable", header, nil)
		return true
	}
	if len(ranges) == 1 {
		r := ranges[0]
		header = append(header, [2]string{"content-range", contentRange(r, size)})
		isolate.RespondWhole(sink, 206, "Partial Content", header, e.body[r.start:r.end+1])
		return true
	}
	var id [12]byte
	rand.Read(id[:])
	boundary := hex.EncodeToString(id[:])
	ctype := headerValue(e.header, "content-type")
	var b bytes.Buffer
	for _, r := range ranges {
		b.WriteString("--" + boundary + "\r\n")
		if ctype != "" {
			b.WriteString("Content-Type: " + ctype + "\r\n")
		}
		b.WriteString("Content-Range: " + contentRange(r, size) + "\r\n\r\n")
		b.Write(e.body[r.start : r.end+1])
		b.WriteString("\r\n")
	}
	b.WriteString("--" + boundary + "--\r\n")
	out := header[:0:0]
	for _, kv := range header {
		if kv[0] != "content-type" {
			out = append(out, kv)
		}
	}
	out = append(out, [2]string{"content-type", "multipart/byteranges; boundary=" + boundary})
	isolate.RespondWhole(sink, 206, "Partial Content", out, b.Bytes())
	return true
}

func contentRange(r byteRange, size int64) string {
	return "bytes " + strconv.FormatInt(r.start, 10) + "-" + strconv.FormatInt(r.end, 10) + "/" + strconv.FormatInt(size, 10)
}

// parseSerializedResponse reads an HTTP/1.1 response as Cache.put() sends it: status line,
// headers, blank line, then the body bytes as they are (not chunk-encoded, even when the
// headers say Transfer-Encoding: chunked). Framing headers are dropped.
func parseSerializedResponse(p []byte) (status int, text string, header [][2]string, body []byte, ok bool) {
	end := bytes.Index(p, []byte("\r\n\r\n"))
	if end < 0 || end > cacheMaxHead {
		return 0, "", nil, nil, false
	}
	lines := strings.Split(string(p[:end]), "\r\n")
	proto, rest, _ := strings.Cut(lines[0], " ")
	if !strings.HasPrefix(proto, "HTTP/1.") || len(rest) < 3 {
		return 0, "", nil, nil, false
	}
	code, err := strconv.Atoi(rest[:3])
	if err != nil || code < 100 || code > 999 || (len(rest) > 3 && rest[3] != ' ') {
		return 0, "", nil, nil, false
	}
	status, text = code, strings.TrimPrefix(rest[3:], " ")
	body = p[end+4:]
	length := int64(-1)
	for _, line := range lines[1:] {
		name, value, found := strings.Cut(line, ":")
		if !found || name == "" || strings.ContainsAny(name, " \t") {
			return 0, "", nil, nil, false
		}
		name, value = strings.ToLower(name), strings.Trim(value, " \t")
		switch name {
		case "content-length":
			n, err := strconv.ParseInt(value, 10, 64)
			if err != nil || n < 0 {
				return 0, "", nil, nil, false
			}
			length = n
		case "transfer-encoding", "connection", "keep-alive", "te", "trailer", "upgrade":
		default:
			header = append(header, [2]string{name, value})
		}
	}
	if length >= 0 {
		if int64(len(body)) < length {
			return 0, "", nil, nil, false // the body was cut short: do not keep a partial entry
		}
		body = body[:length]
	}
	return status, text, header, body, true
}

// cachePolicy decides whether a response may be stored and for how long; the headers it
// returns lack those the response's Cache-Control forbids a shared cache to keep.
func cachePolicy(status int, header [][2]string, now time.Time) (time.Duration, [][2]string, bool) {
	cc := parseCacheControl(header)
	if _, ok := cc["no-store"]; ok {
		return 0, nil, false
	}
	// private / no-cache with field names (private=Set-Cookie) strip those fields; bare, they
	// forbid storing (no-cache: every use must be revalidated, which this cache cannot do).
	strip := map[string]bool{}
	for _, d := range []string{"private", "no-cache"} {
		v, ok := cc[d]
		if !ok {
			continue
		}
		if v == "" {
			return 0, nil, false
		}
		for _, f := range strings.Split(v, ",") {
			if f = strings.ToLower(strings.TrimSpace(f)); f != "" {
				strip[f] = true
			}
		}
	}
	if len(strip) > 0 {
		kept := header[:0:0]
		for _, kv := range header {
			if !strip[kv[0]] {
				kept = append(kept, kv)
			}
		}
		header = kept
	}
	if hasHeader(header, "set-cookie") {
		return 0, nil, false // may hold one visitor's data
	}
	var ttl time.Duration
	if v, ok := cc["s-maxage"]; ok {
		ttl = deltaSeconds(v)
	} else if v, ok := cc["max-age"]; ok {
		ttl = deltaSeconds(v)
	} else if hasHeader(header, "expires") {
		exp, err := http.ParseTime(headerValue(header, "expires"))
		if err != nil {
			return 0, nil, false // an invalid Expires means already expired
		}
		base := now
		if d, err := http.ParseTime(headerValue(header, "date")); err == nil {
			base = d
		}
		ttl = exp.Sub(base)
	} else {
		// Cloudflare's default edge TTLs when a response says nothing.
		switch status {
		case 200, 206, 301:
			ttl = 120 * time.Minute
		case 302, 303:
			ttl = 20 * time.Minute
		case 404, 410:
			ttl = 3 * time.Minute
		default:
			return 0, nil, false
		}
	}
	if a, err := strconv.ParseInt(headerValue(header, "age"), 10, 64); err == nil && a > 0 {
		ttl -= time.Duration(a) * time.Second
	}
	if ttl <= 0 {
		return 0, nil, false
	}
	return ttl, header, true
}

// deltaSeconds reads a max-age style value; an invalid one counts as 0 (stale at once).
func deltaSeconds(v string) time.Duration {
	if !digits(v) {
		return 0
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n > 1<<31 {
		n = 1 << 31 // as RFC 9111 advises for overflow
	}
	return time.Duration(n) * time.Second
}

// parseCacheControl reads all Cache-Control headers into directive -> value (unquoted; "" when
// the directive has none). The first occurrence of a directive wins.
func parseCacheControl(header [][2]string) map[string]string {
	out := map[string]string{}
	for _, kv := range header {
		if kv[0] != "cache-control" {
			continue
		}
		s := kv[1]
		for len(s) > 0 {
			var item string
			// Split on commas outside quoted strings: private="set-cookie, x".
			i, inQuote := 0, false
			for ; i < len(s); i++ {
				if s[i] == '"' {
					inQuote = !inQuote
				} else if s[i] == '\\' && inQuote {
					i++
				} else if s[i] == ',' && !inQuote {
					break
				}
			}
			if i > len(s) {
				i = len(s)
			}
			item, s = s[:i], s[min(i+1, len(s)):]
			name, value, _ := strings.Cut(strings.TrimSpace(item), "=")
			name = strings.ToLower(strings.TrimSpace(name))
			if name == "" {
				continue
			}
			value = strings.TrimSpace(value)
			if len(value) >= 2 && value[0] == '"' && value[len(value)-1] == '"' {
				value = strings.ReplaceAll(value[1:len(value)-1], `\`, "")
			}
			if _, seen := out[name]; !seen {
				out[name] = value
			}
		}
	}
	return out
}

// headerValue is the first value of a header (names compared case-insensitively), or "".
func headerValue(h [][2]string, name string) string {
	for _, kv := range h {
		if strings.EqualFold(kv[0], name) {
			return kv[1]
		}
	}
	return ""
}

func hasHeader(h [][2]string, name string) bool {
	for _, kv := range h {
		if strings.EqualFold(kv[0], name) {
			return true
		}
	}
	return false
}
