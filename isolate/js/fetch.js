// Headers, Request, Response and their Body, plus global fetch(): the Fetch Standard as workerd
// exposes it (sorted header iteration, getSetCookie, immutable headers on incoming requests).
import { native, pack, unpack } from "./native.js";
import { ReadableStream, isDisturbed, streamExpectedLength } from "./streams.js";

export { streamExpectedLength };
import { URL, URLSearchParams } from "./url.js";
import { TextDecoder, toUSV } from "./encoding.js";
import { isWebSocket, wrapEnd } from "./websocket.js";
import { isBlob, blobBytes, makeBlob, isFormData, encodeFormData, parseFormData, mimeExtract } from "./blob.js";
import { compat } from "./misc.js";
import { isAbortSignal, signalState, newAbortSignal, onAbort } from "./events.js";

const kHeaders = Symbol("headers");
const kGuard = Symbol("guard");
const kBody = Symbol("body");
const kState = Symbol("state");

// The internal slots, for the runtime's other modules (cache.js); user code never sees them.
export { kHeaders, kGuard, kBody, kState };

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const HTTP_WS = /^[\t\n\r ]+|[\t\n\r ]+$/g;

function normalizeName(name) {
  name = String(name);
  if (!TOKEN.test(name)) throw new TypeError(`Invalid header name.`);
  return name.toLowerCase();
}

function normalizeValue(value) {
  value = String(value).replace(HTTP_WS, "");
  if (/[\0\r\n]/.test(value)) throw new TypeError(`Invalid header value.`);
  return value;
}

// hiddenSlot makes obj[sym] = v define a non-enumerable own property, so internal state stays out
// of console.log and deep-equality comparisons (workerd's objects have no own properties).
function hiddenSlot(proto, ...syms) {
  for (const sym of syms) {
    Object.defineProperty(proto, sym, {
      set(v) { Object.defineProperty(this, sym, { value: v, writable: true, configurable: true }); },
      configurable: true,
    });
  }
}

export class Headers {
  constructor(init = undefined) {
    this[kHeaders] = new Map(); // lower-case name -> array of values
    this[kGuard] = "none";
    if (init === undefined || init === null) return;
    if (init instanceof Headers) {
      for (const [k, vs] of init[kHeaders]) this[kHeaders].set(k, vs.slice());
    } else if (typeof init === "object" || typeof init === "function") {
      if (typeof init[Symbol.iterator] === "function") {
        for (const pair of init) {
          const p = typeof pair === "string" ? null : [...pair];
          if (!p || p.length !== 2) throw new TypeError("Incorrect type for the 'init' field on 'HeadersInit': each entry must be a [name, value] pair.");
          this.append(p[0], p[1]);
        }
      } else {
        for (const key of Object.keys(init)) this.append(key, init[key]);
      }
    } else {
      throw new TypeError("Incorrect type for the 'init' field on 'HeadersInit'.");
    }
  }
  #check() {
    if (this[kGuard] === "immutable") throw new TypeError("Can't modify immutable headers.");
  }
  append(name, value) {
    this.#check();
    const n = normalizeName(name);
    const v = normalizeValue(value);
    const list = this[kHeaders].get(n);
    if (list) list.push(v);
    else this[kHeaders].set(n, [v]);
  }
  delete(name) {
    this.#check();
    this[kHeaders].delete(normalizeName(name));
  }
  get(name) {
    const list = this[kHeaders].get(normalizeName(name));
    return list ? list.join(", ") : null;
  }
  getAll(name) {
    const n = normalizeName(name);
    if (n !== "set-cookie") throw new TypeError("getAll() can only be used with the header name \"Set-Cookie\".");
    return this.getSetCookie();
  }
  getSetCookie() {
    return (this[kHeaders].get("set-cookie") || []).slice();
  }
  has(name) {
    return this[kHeaders].has(normalizeName(name));
  }
  set(name, value) {
    this.#check();
    this[kHeaders].set(normalizeName(name), [normalizeValue(value)]);
  }
  forEach(cb, thisArg) {
    for (const [k, v] of this.entries()) cb.call(thisArg, v, k, this);
  }
  *entries() {
    const names = [...this[kHeaders].keys()].sort();
    for (const n of names) {
      const list = this[kHeaders].get(n);
      if (!list) continue;
      if (n === "set-cookie") for (const v of list) yield [n, v];
      else yield [n, list.join(", ")];
    }
  }
  *keys() { for (const [k] of this.entries()) yield k; }
  *values() { for (const [, v] of this.entries()) yield v; }
  [Symbol.iterator]() { return this.entries(); }
}
Object.defineProperty(Headers.prototype, Symbol.toStringTag, { value: "Headers", configurable: true });
hiddenSlot(Headers.prototype, kHeaders, kGuard);

// headersFromFlat builds Headers from Go's flat [name, value, …] list (packed), without
// re-validating.
export function headersFromFlat(flat, guard) {
  if (typeof flat === "string") flat = unpack(flat);
  const h = new Headers();
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const n = flat[i].toLowerCase();
    const list = h[kHeaders].get(n);
    if (list) list.push(flat[i + 1]);
    else h[kHeaders].set(n, [flat[i + 1]]);
  }
  h[kGuard] = guard;
  return h;
}

// headersGuard and setHeadersGuard let other runtime modules carry a guard over to a copy
// (HTMLRewriter's output keeps its input's immutable headers, as in workerd).
export const headersGuard = (h) => h[kGuard];
export function setHeadersGuard(h, guard) { h[kGuard] = guard; }

// flatHeaders lists headers for Go as [name, value, …], one entry per set-cookie value.
export function flatHeaders(h) {
  const out = [];
  for (const [n, list] of h[kHeaders]) {
    if (n === "set-cookie") for (const v of list) out.push(n, v);
    else out.push(n, list.join(", "));
  }
  return out;
}

// ---- Body --------------------------------------------------------------------------------

const encoder = { encode: (s) => native.utf8Encode(toUSV(s)) };

// extractBody turns a BodyInit into { bytes | stream, type }.
function extractBody(init) {
  if (init === null || init === undefined) return null;
  if (typeof init === "string") return { bytes: encoder.encode(init), type: "text/plain;charset=UTF-8" };
  if (init instanceof ReadableStream) {
    if (init.locked || isDisturbed(init)) throw new TypeError("This ReadableStream is disturbed (has already been read from), and cannot be used as a body.");
    return { stream: init, type: null };
  }
  if (init instanceof ArrayBuffer) return { bytes: new Uint8Array(init.slice(0)), type: null };
  if (ArrayBuffer.isView(init)) return { bytes: new Uint8Array(init.buffer.slice(init.byteOffset, init.byteOffset + init.byteLength)), type: null };
  if (init instanceof URLSearchParams) return { bytes: encoder.encode(init.toString()), type: "application/x-www-form-urlencoded;charset=UTF-8" };
  // A Blob's Content-Type is its type, none when that is empty.
  if (isBlob(init)) return { bytes: blobBytes(init).slice(), type: init.type || null };
  if (isFormData(init)) return encodeFormData(init);
  return { bytes: encoder.encode(String(init)), type: "text/plain;charset=UTF-8" };
}

// Bodies are byte streams, as in workerd, so BYOB readers work on them.
function bytesStream(bytes) {
  return new ReadableStream({
    type: "bytes",
    pull(c) {
      if (bytes.length > 0) c.enqueue(bytes);
      c.close();
    },
  });
}

class BodyState {
  constructor(extracted) {
    this.bytes = extracted?.bytes ?? null;
    this.stream = extracted?.stream ?? null;
    this.used = false;
    this.hasBody = extracted !== null && extracted !== undefined;
  }
}

const BodyMixin = {
  get body() {
    const b = this[kBody];
    if (!b.hasBody) return null;
    if (!b.stream) b.stream = bytesStream(b.bytes);
    return b.stream;
  },
  get bodyUsed() {
    const b = this[kBody];
    return b.used || (b.stream !== null && isDisturbed(b.stream));
  },
  async arrayBuffer() {
    const bytes = await consume(this);
    return bytes.buffer.byteLength === bytes.byteLength ? bytes.buffer : bytes.slice().buffer;
  },
  async bytes() {
    return consume(this);
  },
  async text() {
    return new TextDecoder().decode(await consume(this));
  },
  async json() {
    return JSON.parse(await this.text());
  },
  async blob() {
    const bytes = await consume(this);
    // The type is the Content-Type as is, or (blob_standard_mime_type) the MIME type extracted
    // from it; not lower-cased the way the Blob constructor does it.
    const ct = this.headers.get("content-type");
    const type = ct === null ? "" : compat("blob_standard_mime_type") ? mimeExtract(ct) : ct;
    return makeBlob(bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice(), type);
  },
  async formData() {
    if (this.bodyUsed) throw new TypeError("Body has already been used. It can only be used once. Use tee() first if you need to read it twice.");
    const ct = this.headers.get("content-type");
    if (ct === null) throw new TypeError("Parsing a Body as FormData requires a Content-Type header.");
    let bytes = await consume(this);
    // The body is read as text first, which drops a leading byte-order mark
    // (strip_bom_in_read_all_text).
    if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf && compat("strip_bom_in_read_all_text")) {
      bytes = bytes.subarray(3);
    }
    return parseFormData(bytes, ct);
  },
};

async function consume(obj) {
  const b = obj[kBody];
  if (obj.bodyUsed) throw new TypeError("Body has already been used. It can only be used once. Use tee() first if you need to read it twice.");
  b.used = true;
  if (!b.hasBody) return new Uint8Array(0);
  if (b.bytes && !b.stream) return b.bytes;
  const reader = b.stream.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    const chunk = typeof value === "string" ? encoder.encode(value)
      : value instanceof Uint8Array ? value
      : ArrayBuffer.isView(value) ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
      : value instanceof ArrayBuffer ? new Uint8Array(value)
      : null;
    if (!chunk) {
      reader.cancel().catch(() => {});
      throw new TypeError("This TransformStream is being used as a byte stream, but received an object of non-ArrayBuffer/ArrayBufferView type on its writable side.");
    }
    chunks.push(chunk);
    total += chunk.byteLength;
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) { out.set(c, off); off += c.byteLength; }
  return out;
}

function installBody(cls) {
  for (const key of Object.getOwnPropertyNames(BodyMixin)) {
    Object.defineProperty(cls.prototype, key, Object.getOwnPropertyDescriptor(BodyMixin, key));
  }
}

// cloneBody tees a body so the original and the clone can both be read.
function cloneBody(b) {
  const c = new BodyState(null);
  c.hasBody = b.hasBody;
  if (!b.hasBody) return c;
  if (b.bytes && !b.stream) {
    c.bytes = b.bytes;
    return c;
  }
  const [x, y] = b.stream.tee();
  b.stream = x;
  c.stream = y;
  return c;
}

// ---- Request -----------------------------------------------------------------------------

// The Fetch Standard upper-cases these; workerd then only accepts the methods its HTTP stack
// knows, spelled exactly.
const NORMALIZED = ["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"];
const KNOWN = new Set([...NORMALIZED, "PATCH", "PURGE", "COPY", "LOCK", "MKCOL", "MOVE", "PROPFIND",
  "PROPPATCH", "SEARCH", "UNLOCK", "ACL", "REPORT", "MKACTIVITY", "CHECKOUT", "MERGE", "M-SEARCH",
  "NOTIFY", "SUBSCRIBE", "UNSUBSCRIBE", "QUERY", "BAN"]);

function normalizeMethod(m) {
  m = String(m);
  const up = m.toUpperCase();
  const norm = NORMALIZED.includes(up) ? up : m;
  if (!KNOWN.has(norm)) throw new TypeError(`Invalid HTTP method string: ${m}`);
  return norm;
}

export class Request {
  constructor(input, init = {}) {
    if (arguments.length === 0) throw new TypeError("Failed to construct 'Request': 1 argument required, but only 0 present.");
    init = init ?? {};
    let base = null;
    if (input instanceof Request) {
      base = input;
    }
    const url = base ? base.url : parseRequestURL(input);
    const method = init.method !== undefined ? normalizeMethod(init.method) : base ? base.method : "GET";
    const headers = new Headers(init.headers !== undefined ? init.headers : base ? base.headers : undefined);
    let body = null;
    if (init.body !== undefined && init.body !== null) {
      if (method === "GET" || method === "HEAD") throw new TypeError("Request with a GET or HEAD method cannot have a body.");
      const extracted = extractBody(init.body);
      body = new BodyState(extracted);
      if (extracted.type && !headers.has("content-type")) headers.set("content-type", extracted.type);
    } else if (base && init.body === undefined) {
      if (base.bodyUsed) throw new TypeError("Cannot reconstruct a Request with a used body.");
      body = base[kBody];
      base[kBody] = new BodyState(null);
      base[kBody].used = body.hasBody;
    } else {
      body = new BodyState(null);
    }
    const redirect = init.redirect !== undefined ? String(init.redirect) : base ? base.redirect : "follow";
    if (!["follow", "manual", "error"].includes(redirect)) {
      throw new TypeError(`Failed to construct 'Request': '${redirect}' is not a valid enum value of type RequestRedirect.`);
    }
    // The signal: init's (null: none), else the base request's. A request without one gets a
    // signal that never aborts when asked for it.
    let signal = base ? base[kState].signal : null;
    if (init.signal !== undefined) {
      if (init.signal !== null && !isAbortSignal(init.signal)) {
        throw new TypeError("Incorrect type for the 'signal' field on 'RequestInitializerDict': the provided value is not of type 'AbortSignal'.");
      }
      signal = init.signal;
    }
    this[kState] = { url, method, redirect, signal, cf: init.cf ?? base?.cf, fetcher: null };
    this[kBody] = body;
    this[kHeaders] = headers;
  }
  get method() { return this[kState].method; }
  get url() { return this[kState].url; }
  get headers() { return this[kHeaders]; }
  get redirect() { return this[kState].redirect; }
  get signal() {
    const st = this[kState];
    if (st.signal === null) st.signal = newAbortSignal();
    return st.signal;
  }
  get cf() { return this[kState].cf; }
  get integrity() { return ""; }
  get keepalive() { return false; }
  get cache() { return undefined; }
  get fetcher() { return this[kState].fetcher; }
  clone() {
    if (this.bodyUsed) throw new TypeError("Cannot clone a Request whose body has already been used.");
    const r = Object.create(Request.prototype);
    r[kState] = { ...this[kState] };
    r[kHeaders] = new Headers(this[kHeaders]);
    r[kHeaders][kGuard] = this[kHeaders][kGuard];
    r[kBody] = cloneBody(this[kBody]);
    return r;
  }
}
installBody(Request);
hiddenSlot(Request.prototype, kState, kBody, kHeaders);
Object.defineProperty(Request.prototype, Symbol.toStringTag, { value: "Request", configurable: true });

function parseRequestURL(input) {
  const s = input instanceof URL ? input.href : String(input);
  try {
    return new URL(s).href;
  } catch {
    throw new TypeError(`Invalid URL: ${s}`);
  }
}

// makeIncomingRequest builds the Request a handler receives; its body reads from Go.
export function makeIncomingRequest(id, method, url, flatHdrs, hasBody) {
  const r = Object.create(Request.prototype);
  r[kState] = { url, method, redirect: "manual", signal: null, cf: undefined, fetcher: null };
  r[kHeaders] = headersFromFlat(flatHdrs, "immutable");
  const body = new BodyState(null);
  if (hasBody) {
    body.hasBody = true;
    body.stream = new ReadableStream({
      type: "bytes",
      async pull(c) {
        const chunk = await native.readBody(id);
        if (chunk === null) c.close();
        else c.enqueue(chunk);
      },
      cancel() { native.cancelBody(id); },
    }, { highWaterMark: 0 });
  }
  r[kBody] = body;
  return r;
}

// ---- Response ----------------------------------------------------------------------------

const NULL_BODY = new Set([101, 204, 205, 304]);
const REDIRECT = new Set([301, 302, 303, 307, 308]);

export class Response {
  constructor(body = null, init = {}) {
    init = init ?? {};
    const status = init.status === undefined ? 200 : Number(init.status);
    const webSocket = init.webSocket ?? null;
    if (webSocket !== null && !isWebSocket(webSocket)) {
      throw new TypeError("Incorrect type for the 'webSocket' field on 'InitializerDict': the provided value is not of type 'WebSocket'.");
    }
    if (webSocket !== null) {
      if (status !== 101) throw new RangeError("Responses with a WebSocket must have status code 101.");
    } else if (!Number.isInteger(status) || status < 200 || status > 599) {
      throw new RangeError(`Responses may only be constructed with status codes in the range 200 to 599, inclusive.`);
    }
    const statusText = init.statusText === undefined ? "" : String(init.statusText);
    if (/[^\t\x20-\x7e\x80-\xff]/.test(statusText)) throw new TypeError("Invalid statusText");
    const headers = new Headers(init.headers);
    const extracted = extractBody(body);
    if (extracted && NULL_BODY.has(status)) {
      throw new TypeError(`Response with null body status (${status}) cannot have a body.`);
    }
    if (extracted?.type && !headers.has("content-type")) headers.set("content-type", extracted.type);
    this[kState] = { status, statusText, url: "", redirected: false, type: "default", webSocket };
    this[kHeaders] = headers;
    this[kBody] = new BodyState(extracted);
  }
  static json(data, init = {}) {
    const text = JSON.stringify(data);
    if (text === undefined) throw new TypeError("The data is not JSON serializable");
    const headers = new Headers(init?.headers);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
    return new Response(text, { ...init, headers });
  }
  static redirect(url, status = 302) {
    const href = new URL(String(url)).href;
    if (!REDIRECT.has(status)) throw new RangeError(`Invalid redirect status code: ${status}`);
    const r = new Response(null, { status, headers: { location: href } });
    r[kHeaders][kGuard] = "immutable"; // as the Fetch standard and workerd
    return r;
  }
  static error() {
    const r = new Response(null, { status: 200 });
    r[kState].status = 0;
    r[kState].type = "error";
    r[kHeaders][kGuard] = "immutable";
    return r;
  }
  get status() { return this[kState].status; }
  get statusText() { return this[kState].statusText; }
  get ok() { return this[kState].status >= 200 && this[kState].status <= 299; }
  get headers() { return this[kHeaders]; }
  get url() { return this[kState].url; }
  get redirected() { return this[kState].redirected; }
  get type() { return this[kState].type; }
  get webSocket() { return this[kState].webSocket; }
  get cf() { return undefined; }
  clone() {
    if (this[kState].webSocket !== null) throw new TypeError("Cannot clone a response to a WebSocket handshake.");
    if (this.bodyUsed) throw new TypeError("Cannot clone a Response whose body has already been used.");
    const r = Object.create(Response.prototype);
    r[kState] = { ...this[kState] };
    r[kHeaders] = new Headers(this[kHeaders]);
    r[kBody] = cloneBody(this[kBody]);
    return r;
  }
}
installBody(Response);
hiddenSlot(Response.prototype, kState, kBody, kHeaders);
Object.defineProperty(Response.prototype, Symbol.toStringTag, { value: "Response", configurable: true });

// bodyParts gives the host what it needs to send a response: whole bytes, or a stream.
export function bodyParts(resp) {
  const b = resp[kBody];
  if (!b.hasBody) return { bytes: null, stream: null };
  if (b.bytes && !b.stream) {
    b.used = true;
    return { bytes: b.bytes, stream: null };
  }
  return { bytes: null, stream: b.stream };
}

// ---- fetch -------------------------------------------------------------------------------

const streams = new Map(); // id -> reader of an outgoing request body
let nextStream = 0;

export function readStream(id) {
  const reader = streams.get(id);
  if (!reader) return Promise.resolve(null);
  const next = reader.read().then(({ value, done }) => {
    if (done) { streams.delete(id); return null; }
    if (typeof value === "string") return native.utf8Encode(value);
    if (value instanceof Uint8Array) return value;
    if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    if (value instanceof ArrayBuffer) return new Uint8Array(value);
    streams.delete(id);
    throw new TypeError("This ReadableStream did not return bytes.");
  });
  // Go reads the outcome itself (fetch.go streamBody): a failed body is not also an uncaught
  // rejection.
  next.catch(() => {});
  return next;
}

export function cancelStream(id) {
  const reader = streams.get(id);
  streams.delete(id);
  if (reader) reader.cancel().catch(() => {});
}

// fetchVia sends a request through the Go fetcher at index idx (0 = global outbound).
export async function fetchVia(idx, input, init) {
  const req = input instanceof Request && init === undefined ? input : new Request(input, init);
  if (req.bodyUsed) throw new TypeError("Cannot send a Request whose body has already been used.");
  // An aborted signal fails the fetch with its reason, before anything is sent.
  const signal = req[kState].signal;
  if (signal !== null && signalState(signal).aborted) throw signalState(signal).reason;
  let sid = -1;
  const parts = bodyParts(req);
  let stream = parts.stream;
  if (parts.bytes) stream = bytesStream(parts.bytes);
  if (stream) {
    sid = ++nextStream;
    streams.set(sid, stream.getReader());
    req[kBody].used = true;
  }
  const pending = native.fetch(idx, req.method, req.url, pack(flatHeaders(req.headers)), sid);
  let head;
  if (signal === null) {
    head = unpack(await pending);
  } else {
    // Aborting while waiting for the response fails the fetch with the signal's reason; a
    // response that comes after that is dropped.
    let aborted = false;
    let detach = () => {};
    try {
      head = unpack(await new Promise((resolve, reject) => {
        detach = onAbort(signal, (reason) => {
          aborted = true;
          reject(reason);
        });
        pending.then(resolve, reject);
      }));
    } finally {
      detach();
      if (aborted) {
        pending.then((h) => {
          const id = Number(unpack(h)[0]);
          if (id > 0) native.outboundCancel(id);
        }, () => {});
      }
    }
  }
  const oid = Number(head[0]), status = Number(head[1]), statusText = head[2], flat = head.slice(3);
  const r = Object.create(Response.prototype);
  // A negative id is a WebSocket end the isolate now owns (a 101 response, isolate/websocket.go).
  r[kState] = { status, statusText, url: req.url, redirected: false, type: "default", webSocket: oid < 0 ? wrapEnd(-oid) : null };
  r[kHeaders] = headersFromFlat(flat, "none");
  const body = new BodyState(null);
  // A response the callee had whole in memory comes with its body (no stream, no extra turns).
  const whole = oid > 0 ? native.outboundWhole(oid) : undefined;
  if (oid < 0) {
    // no body
  } else if (whole !== undefined) {
    if (whole !== null && !NULL_BODY.has(status) && req.method !== "HEAD") {
      body.hasBody = true;
      body.bytes = whole;
    }
  } else if (!NULL_BODY.has(status) && req.method !== "HEAD") {
    body.hasBody = true;
    // Aborting the signal later errors the response body with the signal's reason.
    let detach = () => {};
    let done = false;
    body.stream = new ReadableStream({
      type: "bytes",
      start(c) {
        if (signal !== null) {
          detach = onAbort(signal, (reason) => {
            if (done) return;
            done = true;
            native.outboundCancel(oid);
            c.error(reason);
          });
        }
      },
      async pull(c) {
        const chunk = await native.outboundRead(oid);
        if (done) return;
        if (chunk === null) {
          done = true;
          detach();
          c.close();
        } else c.enqueue(chunk);
      },
      cancel() {
        done = true;
        detach();
        native.outboundCancel(oid);
      },
    }, { highWaterMark: 0 });
  } else {
    native.outboundCancel(oid);
  }
  r[kBody] = body;
  return r;
}

export function installFetch(g) {
  const def = (name, value) => Object.defineProperty(g, name, { value, writable: true, configurable: true });
  def("Headers", Headers);
  def("Request", Request);
  def("Response", Response);
  def("fetch", function fetch(input, init) { return fetchVia(0, input, init); });
}
