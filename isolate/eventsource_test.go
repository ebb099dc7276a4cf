package isolate

import "testing"

// esCollect is JS that feeds chunks (strings or byte arrays) to EventSource.from and returns
// what it dispatched: [type, data, lastEventId, origin] per message, then the error that ended it.
const esCollect = `
const enc = new TextEncoder();
async function collect(chunks, extra = []) {
  chunks = chunks.slice();
  const rs = new ReadableStream({ pull(c) { if (chunks.length === 0) { c.close(); return; } const x = chunks.shift(); c.enqueue(typeof x === "string" ? enc.encode(x) : x); } });
  const es = EventSource.from(rs);
  const got = [];
  const rec = (e) => got.push([e.type, e.data, e.lastEventId, e.origin]);
  es.onmessage = rec;
  for (const t of extra) es.addEventListener(t, rec);
  await new Promise((res) => { es.onerror = (e) => { got.push(["error", es.readyState, e.error && e.error.name, e.error && e.error.message]); res(); }; setTimeout(res, 1000); });
  es.close();
  return got;
}
`

// TestEventSourceParsing checks the text/event-stream parser through EventSource.from, with the
// results real workerd gives for the same chunks.
func TestEventSourceParsing(t *testing.T) {
	end := `["error",2,"Error","The server disconnected."]`
	cases := map[string]string{
		`["data: a\n\n"]`: `[["message","a","",null],` + end + `]`,
		// CR, LF and CRLF end lines; a CR ending a chunk ends its line, so a LF starting the
		// next chunk is an (event-ending) empty line, as in workerd.
		`["data: a\rdata: b\r\r"]`:           `[["message","a\nb","",null],` + end + `]`,
		`["data: a\r\ndata: b\r\n\r\n"]`:     `[["message","a\nb","",null],` + end + `]`,
		`["data: a\r", "\ndata: b\r\n\r\n"]`: `[["message","a","",null],["message","b","",null],` + end + `]`,
		`["da", "ta: a", "\n", "\n"]`:        `[["message","a","",null],` + end + `]`,
		// A BOM is skipped only when the first chunk starts with all of it.
		`["\uFEFFdata: x\n\n"]`: `[["message","x","",null],` + end + `]`,
		`[new Uint8Array([0xEF, 0xBB]), new Uint8Array([0xBF]), "data: x\n\n"]`: `[` + end + `]`,
		`["\uFEFF\uFEFFdata: x\n\n"]`:                                           `[` + end + `]`,
		// Fields: one leading space is stripped; "data" alone is an empty line of data; an
		// event without data is not dispatched; unknown fields and comments are ignored; the
		// last event needs its empty line.
		`["data\ndata\n\n", "data:\n\n"]`:                         `[["message","\n","",null],` + end + `]`,
		`["data: a\ndata:\n\n"]`:                                  `[["message","a\n","",null],` + end + `]`,
		`["data:a\ndata:  b\n\n"]`:                                `[["message","a\n b","",null],` + end + `]`,
		`["data: a\n\ndata: b\n"]`:                                `[["message","a","",null],` + end + `]`,
		`[": hi\n:\ndata: a\n\n", "foo: bar\n\n", "Data: x\n\n"]`: `[["message","a","",null],` + end + `]`,
		// event: names the type (even empty, as workerd); it does not carry over.
		`["event: foo\ndata: x\n\ndata: y\n\n"]`: `[["foo","x","",null],["message","y","",null],` + end + `]`,
		// id: sets lastEventId until changed; "id" alone or "id:" clears it.
		`["id: 7\ndata: a\n\ndata: b\n\nid\ndata: c\n\nid: 8\ndata: d\n\nid:\ndata: e\n\n"]`: `[["message","a","7",null],["message","b","7",null],["message","c","",null],["message","d","8",null],["message","e","",null],` + end + `]`,
		`["id: 9\n\ndata: a\n\n"]`: `[["message","a","9",null],` + end + `]`,
		// UTF-8, also split across chunks; invalid bytes become U+FFFD.
		`[new Uint8Array([0x64,0x61,0x74,0x61,0x3a,0x20,0xE2,0x82]), new Uint8Array([0xAC,0x0A,0x0A])]`: `[["message","€","",null],` + end + `]`,
		`[new Uint8Array([0x64,0x61,0x74,0x61,0x3a,0xFF,0x0A,0x0A])]`:                                   "[[\"message\",\"\uFFFD\",\"\",null]," + end + `]`,
		// A chunk that is not bytes fails the stream before earlier messages are dispatched.
		`["data: a\n\n", {}]`: `[["error",2,"TypeError","Draining read encountered a value that cannot be converted to bytes"]]`,
	}
	iso, _ := newTestIsolate(t)
	for chunks, want := range cases {
		got := iso.eval(t, esCollect+`return await collect(`+chunks+`, ["foo", ""]);`)
		if got != want {
			t.Errorf("%s\n got  %s\n want %s", chunks, got, want)
		}
	}
}

// TestEventSourceAPI checks the constructor's and from()'s checks and messages, the class's
// shape, and close().
func TestEventSourceAPI(t *testing.T) {
	check(t, map[string]string{
		`new EventSource()`:                                                                 `throws TypeError: Failed to construct 'EventSource': constructor parameter 1 is not of type 'string'.`,
		`new EventSource(Symbol("x"))`:                                                      `throws TypeError: Cannot convert a Symbol value to a string`,
		`new EventSource("http://x/", 5)`:                                                   `throws TypeError: Failed to construct 'EventSource': constructor parameter 2 is not of type 'EventSourceInit'.`,
		`new EventSource("http://x/", { fetcher: { fetch() {} } })`:                         `throws TypeError: Incorrect type for the 'fetcher' field on 'EventSourceInit': the provided value is not of type 'Fetcher'.`,
		`new EventSource("http://x/", { fetcher: {} })`:                                     `throws TypeError: Incorrect type for the 'fetcher' field on 'EventSourceInit': the provided value is not of type 'Fetcher'.`,
		`new EventSource("http://x/", { withCredentials: true })`:                           `throws NotSupportedError: The init.withCredentials option is not supported. It must be false or undefined.`,
		`new EventSource("not a valid url")`:                                                `throws SyntaxError: Cannot open an EventSource to 'not a valid url'. The URL is invalid.`,
		`new EventSource(123)`:                                                              `throws SyntaxError: Cannot open an EventSource to '123'. The URL is invalid.`,
		`EventSource("http://x/")`:                                                          `throws TypeError: Failed to construct 'EventSource': Please use the 'new' operator, this object constructor cannot be called as a function.`,
		`EventSource.from()`:                                                                `throws TypeError: Failed to execute 'from' on 'EventSource': parameter 1 is not of type 'JsReadableStream'.`,
		`EventSource.from({})`:                                                              `throws TypeError: Failed to execute 'from' on 'EventSource': parameter 1 is not of type 'JsReadableStream'.`,
		`const s = new ReadableStream(); s.getReader(); EventSource.from(s)`:                `throws TypeError: This ReadableStream is locked.`,
		`const s = new ReadableStream(); s.cancel(); EventSource.from(s)`:                   `throws TypeError: This ReadableStream has already been read from.`,
		`Object.getOwnPropertyDescriptor(EventSource.prototype, "readyState").get.call({})`: "throws TypeError: Illegal invocation: function called with incorrect `this` reference. See https://developers.cloudflare.com/workers/observability/errors/#illegal-invocation-errors for details.",
		`return [EventSource.CONNECTING, EventSource.OPEN, EventSource.CLOSED, EventSource.prototype.CLOSED, EventSource.prototype.constructor === EventSource, Object.getPrototypeOf(EventSource.prototype) === EventTarget.prototype]`: `[0,1,2,2,true,true]`,
		`const d = Object.getOwnPropertyDescriptor(EventSource, "OPEN"); return [d.value, d.writable, d.enumerable, d.configurable]`:                                                                                                     `[1,false,true,true]`,
		// from(): open at once (synchronously), no URL, close() once and for good.
		`const log = []; const s = new ReadableStream(); const es = EventSource.from(s); const v = [es.url, es.readyState, es.withCredentials, es.onopen, es.onmessage, es.onerror, s.locked];
		 es.onopen = 5; v.push(es.onopen); es.onopen = {}; v.push(typeof es.onopen); es.close(); es.close(); v.push(es.readyState); return v`: `["",1,false,null,null,null,true,null,"object",2]`,
		// close() from a message handler stops the rest of the stream.
		`const enc = new TextEncoder(); const es = EventSource.from(new ReadableStream({ start(c) { c.enqueue(enc.encode("data: 1\n\ndata: 2\n\n")); c.close(); } }));
		 const log = []; es.onmessage = (e) => { log.push(e.data); es.close(); }; es.onerror = () => log.push("error"); await scheduler.wait(20); return [log, es.readyState]`: `[["1"],2]`,
		// Disposable: [Symbol.dispose]() is close().
		`const es = EventSource.from(new ReadableStream()); const before = es.readyState; es[Symbol.dispose](); return [before, es.readyState]`: `[1,2]`,
		// on<type> handlers run in the order they were set among the listeners.
		`const enc = new TextEncoder(); const es = EventSource.from(new ReadableStream({ start(c) { c.enqueue(enc.encode("data: x\n\n")); } }));
		 const log = []; es.addEventListener("message", () => log.push("l")); es.onmessage = () => log.push("on"); await scheduler.wait(20); es.close(); return log`: `["l","on"]`,
		// String chunks are read as UTF-8, as workerd's pump does.
		`const es = EventSource.from(new ReadableStream({ start(c) { c.enqueue("data: s\n\n"); } }));
		 const log = []; es.onmessage = (e) => log.push(e.data); await scheduler.wait(20); es.close(); return log`: `["s"]`,
		// A stream that errors fails the EventSource with that error.
		`const es = EventSource.from(new ReadableStream({ start(c) { c.error(new RangeError("bad")); } }));
		 return await new Promise((r) => { es.onerror = (e) => r([e.type, e.constructor.name, e.error.name, e.error.message, es.readyState, e.isTrusted]); })`: `["error","ErrorEvent","RangeError","bad",2,true]`,
	})
}
