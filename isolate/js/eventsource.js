// EventSource, the HTML standard's client for text/event-stream, as workerd has it
// (api/eventsource.{h,c++}): it fetches through the worker's outbound (or the `fetcher` option, a
// service binding: workerd's extension), parses the stream, reconnects after the server ends
// it, and has workerd's EventSource.from(readableStream). Where workerd departs from the
// standard, nanod follows workerd:
//  - a response that is not ok, lacks the text/event-stream content type, or a failed fetch
//    fail the connection (readyState CLOSED) with an "error" event whose error says why
//    (AbortError DOMExceptions for the response checks); a response without a body is retried
//    once, then fails.
//  - the reconnection delay ("retry:") is clamped to 1..10 s (2 s by default).
//  - an "event:" field names the event type as given (only its absence means "message").
//  - a listener that throws (without spec_compliant_dispatch_exceptions) fails the connection.
//  - lines end at CR, LF or CRLF within a chunk; a CR that ends a chunk ends its line, so an LF
//    that starts the next chunk is an empty line (workerd's parser works chunk by chunk).
//  - a BOM is skipped only when the first chunk starts with all of it.
//  - the messages a chunk completes are dispatched in a later task: if reading fails first,
//    they are dropped; the end of the stream is handled after them.
import { EventTarget, Event, ErrorEvent, dispatch, markTrusted, publicClass, illegalInvocation, reportError, getEventHandler, setEventHandler, AbortController } from "./events.js";
import { DOMException } from "./domexception.js";
import { newMessageEvent } from "./websocket.js";
import { fetchVia } from "./fetch.js";
import { isDisturbed, ReadableStream } from "./streams.js";
import { TextEncoder, TextDecoder } from "./encoding.js";
import { inStartup, isFetcher } from "./host.js";

let encoder = null;
const CONNECTING = 0, OPEN = 1, CLOSED = 2;
const DEFAULT_RETRY = 2000, MIN_RETRY = 1000, MAX_RETRY = 10000;

const isObject = (v) => v !== null && (typeof v === "object" || typeof v === "function");
const str = (v) => (typeof v === "string" ? v : `${v}`);

let esState; // (es) => its state, or throws Illegal invocation
const kFrom = Symbol("from");

class EventSourceImpl extends EventTarget {
  #s;
  constructor(url, init = undefined) {
    const fromStream = url === kFrom;
    let parsed = null, fetcher;
    if (!fromStream) {
      if (arguments.length < 1) throw new TypeError("Failed to construct 'EventSource': constructor parameter 1 is not of type 'string'.");
      url = str(url);
      // (Read the options before the context check, as workerd converts its arguments first.)
      if (init !== undefined && init !== null) {
        if (!isObject(init)) throw new TypeError("Failed to construct 'EventSource': constructor parameter 2 is not of type 'EventSourceInit'.");
        const withCredentials = init.withCredentials;
        fetcher = init.fetcher;
        if (fetcher !== undefined && !isFetcher(fetcher)) {
          throw new TypeError("Incorrect type for the 'fetcher' field on 'EventSourceInit': the provided value is not of type 'Fetcher'.");
        }
        requireRequest();
        if (withCredentials !== undefined && !!withCredentials) {
          throw new DOMException("The init.withCredentials option is not supported. It must be false or undefined.", "NotSupportedError");
        }
      }
      requireRequest();
      try {
        parsed = new URL(url);
      } catch {
        throw new DOMException(`Cannot open an EventSource to '${url}'. The URL is invalid.`, "SyntaxError");
      }
    }
    super();
    this.#s = {
      url: parsed, fetcher, state: CONNECTING, lastEventId: "", retry: DEFAULT_RETRY,
      controller: new AbortController(), closeCalled: false, previousNoBody: false, reader: null,
    };
    if (!fromStream) connect(this);
  }
  static {
    esState = (es) => {
      if (!isObject(es) || !(#s in es)) throw illegalInvocation();
      return es.#s;
    };
  }

  static from(stream) {
    if (arguments.length < 1 || !isObject(stream) || !(stream instanceof ReadableStream)) {
      throw new TypeError("Failed to execute 'from' on 'EventSource': parameter 1 is not of type 'JsReadableStream'.");
    }
    requireRequest();
    if (stream.locked) throw new TypeError("This ReadableStream is locked.");
    if (isDisturbed(stream)) throw new TypeError("This ReadableStream has already been read from.");
    const es = new EventSourceImpl(kFrom);
    run(es, stream, false);
    return es;
  }

  close() {
    const s = esState(this);
    if (s.closeCalled) return;
    s.closeCalled = true;
    s.controller.abort();
    s.state = CLOSED;
    // A stream given to from() has no fetch to abort: stop reading it.
    if (s.url === null && s.reader !== null) s.reader.cancel().catch(() => {});
  }

  get url() { const s = esState(this); return s.url === null ? "" : s.url.href; }
  get withCredentials() { esState(this); return false; }
  get readyState() { return esState(this).state; }
  get onopen() { esState(this); return getEventHandler(this, "open"); }
  set onopen(v) { esState(this); setEventHandler(this, "open", v); }
  get onmessage() { esState(this); return getEventHandler(this, "message"); }
  set onmessage(v) { esState(this); setEventHandler(this, "message", v); }
  get onerror() { esState(this); return getEventHandler(this, "error"); }
  set onerror(v) { esState(this); setEventHandler(this, "error", v); }
}

for (const [name, value] of [["CONNECTING", CONNECTING], ["OPEN", OPEN], ["CLOSED", CLOSED]]) {
  Object.defineProperty(EventSourceImpl, name, { value, writable: false, enumerable: true, configurable: true });
  Object.defineProperty(EventSourceImpl.prototype, name, { value, writable: false, enumerable: true, configurable: true });
}
{
  // from() after the constants, in workerd's order.
  const from = Object.getOwnPropertyDescriptor(EventSourceImpl, "from");
  delete EventSourceImpl.from;
  Object.defineProperty(EventSourceImpl, "from", from);
}

const EventSource = publicClass(EventSourceImpl, "EventSource");

// An EventSource does I/O, so it belongs to a request: not the global scope.
function requireRequest() {
  if (inStartup()) throw new DOMException("An EventSource can only be created within the context of a worker request.", "NotSupportedError");
}

// ---- connection ------------------------------------------------------------------------------

function fail(es, message) {
  notifyError(es, own(new DOMException(message, "AbortError")), false);
}

// own marks an error the runtime makes: like workerd's (made in C++), its stack has no frames.
function own(e) {
  try {
    Object.defineProperty(e, "stack", { value: `${e.name}: ${e.message}`, writable: true, configurable: true });
  } catch {}
  return e;
}

function notifyError(es, error, reconnecting = false) {
  const s = esState(es);
  if (s.state === CLOSED) return;
  s.controller.abort(error);
  s.state = reconnecting ? CONNECTING : CLOSED;
  dispatch(es, markTrusted(new ErrorEvent("error", { error })), reportError);
  // workerd also logs every error as an uncaught asynchronous exception.
  logAsync(error);
}

function logAsync(error) {
  let text;
  try {
    const stack = isObject(error) ? error.stack : undefined;
    text = typeof stack === "string" ? stack : String(error);
  } catch {
    text = "[error]";
  }
  logError("Uncaught (async) " + text);
}

function notifyOpen(es) {
  const s = esState(es);
  if (s.state === CLOSED) return;
  s.state = OPEN;
  dispatch(es, markTrusted(new Event("open")), reportError);
}

// connect fetches the stream (again): the request asks for an event stream, uncached, and
// names the last event seen.
function connect(es) {
  const s = esState(es);
  if (s.state === CLOSED) return;
  const headers = { accept: "text/event-stream", "cache-control": "no-cache" };
  if (s.lastEventId !== "") headers["last-event-id"] = s.lastEventId;
  const init = { headers, signal: s.controller.signal };
  let p;
  try {
    p = s.fetcher !== undefined ? Promise.resolve(s.fetcher.fetch(s.url.href, init)) : fetchVia(0, s.url.href, init);
  } catch (e) {
    p = Promise.reject(e);
  }
  p.then((response) => {
    if (s.state === CLOSED) return;
    if (!response.ok) return fail(es, `The response status code was ${response.status}.`);
    const type = response.headers.get("content-type");
    if (type === null) return fail(es, "No content type header was present in the response.");
    if (!isEventStream(type)) return fail(es, `The content type '${type}' is invalid.`);
    if (response.redirected) {
      try { s.url = new URL(response.url); } catch {}
    }
    const body = response.body;
    if (body !== null) return run(es, body, true);
    // No body: as if the server disconnected at once. Once is retried; twice fails.
    if (s.previousNoBody) {
      notifyError(es, own(new Error("The server provided no content.")));
    } else {
      s.previousNoBody = true;
      notifyError(es, own(new Error("The server provided no content. Will try reconnecting.")), true);
      reconnect(es);
    }
  }, (e) => notifyError(es, e));
}

// isEventStream reports whether a Content-Type header's MIME type is text/event-stream
// (parameters aside).
function isEventStream(value) {
  const essence = value.split(";")[0].replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, "").toLowerCase();
  return essence === "text/event-stream";
}

function reconnect(es) {
  const s = esState(es);
  s.state = CONNECTING;
  s.controller = new AbortController();
  const signal = s.controller.signal;
  const onAbort = () => {
    clearTimeoutOrig(timer);
    notifyError(es, signal.reason);
  };
  const timer = setTimeoutOrig(() => {
    signal.removeEventListener("abort", onAbort);
    connect(es);
  }, s.retry);
  signal.addEventListener("abort", onAbort, { once: true });
}

// run reads the event stream from stream until it ends (then, with reconnection, connects
// again) or fails (which fails the EventSource).
function run(es, stream, withReconnection) {
  const s = esState(es);
  notifyOpen(es);
  const reader = stream.getReader();
  s.reader = reader;
  const parser = new Parser(s);
  const pump = async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      const bytes = value instanceof Uint8Array ? value
        : typeof value === "string" ? (encoder ??= new TextEncoder()).encode(value)
        : ArrayBuffer.isView(value) ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
        : value instanceof ArrayBuffer ? new Uint8Array(value) : null;
      if (bytes === null) throw own(new TypeError("Draining read encountered a value that cannot be converted to bytes"));
      const messages = parser.push(bytes);
      if (messages.length > 0) later(() => deliver(es, messages));
    }
  };
  pump().then(() => later(() => {
    notifyError(es, own(new Error("The server disconnected.")), withReconnection);
    if (withReconnection && s.state !== CLOSED) reconnect(es);
  }), (e) => notifyError(es, e));
}

// deliver dispatches the messages a chunk completed; a listener's exception (when dispatch
// lets it through) fails the EventSource and drops the rest.
function deliver(es, messages) {
  const s = esState(es);
  try {
    for (const m of messages) {
      if (s.state === CLOSED) return;
      const origin = s.url === null ? null : s.url.origin;
      dispatch(es, newMessageEvent(m.type, m.data, { origin, lastEventId: m.id }));
    }
  } catch (e) {
    notifyError(es, e);
  }
}

// ---- the text/event-stream parser --------------------------------------------------------

class Parser {
  constructor(s) {
    this.s = s; // the EventSource state: lastEventId and retry live there, across reconnects
    this.decoder = new TextDecoder("utf-8", { ignoreBOM: true });
    this.first = true;
    this.partial = ""; // an unfinished line
    this.data = null; // the data lines of the event being read (null: no field seen yet)
    this.type = undefined;
  }

  // push takes a chunk of the stream and returns the events it completed.
  push(bytes) {
    if (this.first) {
      this.first = false;
      if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    }
    const text = this.decoder.decode(bytes, { stream: true });
    const out = [];
    let i = 0;
    while (i < text.length) {
      let j = i;
      while (j < text.length) {
        const c = text.charCodeAt(j);
        if (c === 10 || c === 13) break;
        j++;
      }
      if (j === text.length) {
        this.partial += text.slice(i);
        break;
      }
      const line = this.partial + text.slice(i, j);
      this.partial = "";
      if (text.charCodeAt(j) === 13 && j + 1 < text.length && text.charCodeAt(j + 1) === 10) j++;
      i = j + 1;
      this.line(line, out);
    }
    return out;
  }

  line(line, out) {
    if (line === "") {
      // The end of an event. It is dispatched only if it has data.
      if (this.data !== null) {
        const data = this.data.join("\n");
        const type = this.type === undefined ? "message" : this.type;
        this.data = null;
        this.type = undefined;
        if (data !== "") out.push({ type, data, id: this.s.lastEventId });
      }
      return;
    }
    if (line.charCodeAt(0) === 58) return; // ':' starts a comment
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    // Any field, known or not, starts an event.
    if (this.data === null) this.data = [];
    switch (field) {
      case "data": this.data.push(value); break;
      case "event": this.type = value; break;
      case "id": this.s.lastEventId = value; break;
      case "retry": {
        const n = parseUint32(value);
        if (n !== null) this.s.retry = Math.max(MIN_RETRY, Math.min(MAX_RETRY, n));
        break;
      }
    }
  }
}

// parseUint32 reads a retry: value as workerd does (kj's tryParseAs<uint32_t>, i.e. strtoull
// over the whole value): decimal, or hexadecimal after a leading "0x"; leading whitespace and a
// sign are allowed; anything else, or more than 32 bits, is no number (null).
function parseUint32(v) {
  if (v === "") return null;
  const hex = /^-?0[xX]/.test(v);
  const m = (hex ? /^[ \t\n\v\f\r]*([+-]?)(?:0[xX])?([0-9a-fA-F]+)$/ : /^[ \t\n\v\f\r]*([+-]?)([0-9]+)$/).exec(v);
  if (m === null || v[0] === "-") return null;
  let n = BigInt((hex ? "0x" : "") + m[2]);
  if (n > 0xffffffffffffffffn) return null; // ERANGE
  if (m[1] === "-" && n !== 0n) n = (1n << 64n) - n;
  return n <= 0xffffffffn ? Number(n) : null;
}

export { EventSource };

let setTimeoutOrig = null, clearTimeoutOrig = null, logError = () => {};
// later runs fn in a later task (the timers the runtime installed, not what user code put there).
function later(fn) { setTimeoutOrig(fn, 0); }

export function installEventSource(g) {
  // `using es = new EventSource(...)` closes it (workerd's addition). (Symbol.dispose exists once
  // the ESNext built-ins are installed, after the modules have loaded.)
  if (typeof Symbol.dispose === "symbol") {
    Object.defineProperty(EventSourceImpl.prototype, Symbol.dispose, {
      value: function close() { return EventSourceImpl.prototype.close.call(this); }, writable: true, configurable: true,
    });
  }
  const st = g.setTimeout;
  const ct = g.clearTimeout;
  setTimeoutOrig = (fn, ms) => Reflect.apply(st, g, [fn, ms]);
  clearTimeoutOrig = (id) => Reflect.apply(ct, g, [id]);
  const c = g.console;
  if (c && typeof c.error === "function") {
    const err = c.error;
    logError = (msg) => Reflect.apply(err, c, [msg]);
  }
  Object.defineProperty(g, "EventSource", { value: EventSource, writable: true, enumerable: false, configurable: true });
}
