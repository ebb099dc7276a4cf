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
import { processDataURL } from "./dataurl.js";
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
  name = `${name}`; // (a Symbol throws, as in workerd)
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

// headerArgs refuses a call with too few arguments, as workerd's bindings do (parameter n is the
// first one missing).
function headerArgs(method, given, need) {
  if (given < need) throw new TypeError(`Failed to execute '${method}' on 'Headers': parameter ${given + 1} is not of type 'string'.`);
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
          if (pair === null || typeof pair !== "object" || typeof pair[Symbol.iterator] !== "function") {
            throw new TypeError("Incorrect type: the provided value is not of type 'Sequence'.");
          }
          const p = [...pair];
          if (p.length !== 2) {
            throw new TypeError("To initialize a Headers object from a sequence, each inner sequence must have exactly two elements.");
          }
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
    headerArgs("append", arguments.length, 2);
    this.#check();
    const n = normalizeName(name);
    const v = normalizeValue(value);
    const list = this[kHeaders].get(n);
    if (list) list.push(v);
    else this[kHeaders].set(n, [v]);
  }
  delete(name) {
    headerArgs("delete", arguments.length, 1);
    this.#check();
    this[kHeaders].delete(normalizeName(name));
  }
  get(name) {
    headerArgs("get", arguments.length, 1);
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
    headerArgs("has", arguments.length, 1);
    return this[kHeaders].has(normalizeName(name));
  }
  set(name, value) {
    headerArgs("set", arguments.length, 2);
    this.#check();
    this[kHeaders].set(normalizeName(name), [normalizeValue(value)]);
  }
  forEach(cb, thisArg) {
    if (typeof cb !== "function") throw new TypeError("Failed to execute 'forEach' on 'Headers': parameter 1 is not of type 'function'.");
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
  const iterable = iterableBody(init);
  if (iterable !== null) return { stream: iterable, type: null };
  return { bytes: encoder.encode(String(init)), type: "text/plain;charset=UTF-8" };
}

// iterableBody is fetch_iterable_type_support: an object with Symbol.asyncIterator, else one with
// Symbol.iterator, is a body streamed from its values (no Content-Type). String objects stay
// strings; and (…_override_adjustment) so does a non-array whose toString or Symbol.toPrimitive
// is its own rather than Object.prototype's.
function iterableBody(init) {
  if (!compat("fetch_iterable_type_support")) return null;
  if ((typeof init !== "object" && typeof init !== "function") || init instanceof String) return null;
  let method = init[Symbol.asyncIterator];
  if (method === undefined || method === null) {
    if (compat("fetch_iterable_type_support_override_adjustment") && !Array.isArray(init)) {
      if (init.toString !== Object.prototype.toString || init[Symbol.toPrimitive] !== Object.prototype[Symbol.toPrimitive]) return null;
    }
    method = init[Symbol.iterator];
  }
  if (typeof method !== "function") return null;
  const iter = method.call(init);
  if (iter === null || (typeof iter !== "object" && typeof iter !== "function")) return null;
  const next = iter.next;
  // Pull one value per read; a sync iterator's values (even promises) are awaited like a
  // for-await loop's.
  return new ReadableStream({
    async pull(c) {
      const r = await next.call(iter);
      if (r === null || typeof r !== "object") throw new TypeError("The iterator's next() did not return an object.");
      if (r.done) c.close();
      else c.enqueue(await r.value);
    },
    async cancel(reason) {
      if (typeof iter.return === "function") await iter.return(reason);
    },
  }, { highWaterMark: 0 });
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
    // Only bytes make a body: a string chunk is refused too, as in workerd.
    const chunk = value instanceof Uint8Array ? value
      : ArrayBuffer.isView(value) ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
      : value instanceof ArrayBuffer ? new Uint8Array(value)
      : null;
    if (!chunk) {
      reader.cancel().catch(() => {});
      throw new TypeError("This ReadableStream did not return bytes.");
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

// WebIDL's unsigned short conversion (a status argument).
function toUint16(v) {
  const n = Number(v);
  if (!Number.isFinite(n)) return 0;
  return ((Math.trunc(n) % 65536) + 65536) % 65536;
}

// cloneBody tees a body so the original and the clone can both be read.
function cloneBody(b) {
  const c = new BodyState(null);
  c.hasBody = b.hasBody;
  if (!b.hasBody) return c;
  if (b.bytes && !b.stream) {
    c.bytes = b.bytes.slice(); // its own: reading a body as a stream hands its buffer over (detaches it)
    return c;
  }
  // (workerd's message ends so, with a comma.)
  if (b.stream.locked) throw new TypeError("This ReadableStream is currently locked to a reader,");
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

// A method spelled exactly as workerd knows it is taken as is. Otherwise its ASCII upper-case
// form is: always for the six the Fetch Standard normalizes, for the others only with
// upper_case_all_http_methods (a deliberate departure from the standard).
function normalizeMethod(m) {
  m = String(m);
  if (KNOWN.has(m)) return m;
  const up = m.replace(/[a-z]+/g, (x) => x.toUpperCase());
  if (KNOWN.has(up) && (NORMALIZED.includes(up) || compat("upper_case_all_http_methods"))) return up;
  throw new TypeError(`Invalid HTTP method string: ${m}`);
}

// workerd implements only "follow" and "manual" (matched case-insensitively).
function parseRedirect(r) {
  const v = String(r).toLowerCase();
  if (v === "follow" || v === "manual") return v;
  throw new TypeError("Invalid redirect value, must be one of \"follow\" or \"manual\" (\"error\" won't be " +
    "implemented since it does not make sense at the edge; use \"manual\" and check the response status code).");
}

// The `cache` option (cache_option_enabled): "no-store"; "no-cache" with cache_no_cache_enabled;
// "reload" with cache_reload_enabled. Without the flag the option itself is not implemented.
function parseCacheMode(c) {
  c = String(c);
  if (!compat("cache_option_enabled")) throw new Error("The 'cache' field on 'RequestInitializerDict' is not implemented.");
  const ok = c === "no-store" || (c === "no-cache" && compat("cache_no_cache_enabled")) || (c === "reload" && compat("cache_reload_enabled"));
  if (!ok) throw new TypeError(`Unsupported cache mode: ${c}`);
  return c;
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
    if (init.integrity !== undefined && String(init.integrity) !== "") {
      throw new TypeError("Subrequest integrity checking is not implemented. The integrity option must be either undefined or an empty string.");
    }
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
    const redirect = init.redirect !== undefined ? parseRedirect(init.redirect) : base ? base.redirect : "follow";
    const cache = init.cache !== undefined ? parseCacheMode(init.cache) : base ? base[kState].cache : undefined;
    // The signal: init's (null: none), else the base request's. A request without one gets a
    // signal that never aborts when asked for it.
    let signal = base ? base[kState].signal : null;
    if (init.signal !== undefined) {
      if (init.signal !== null && !isAbortSignal(init.signal)) {
        throw new TypeError("Incorrect type for the 'signal' field on 'RequestInitializerDict': the provided value is not of type 'AbortSignal'.");
      }
      signal = init.signal;
    }
    this[kState] = { url, method, redirect, signal, cf: init.cf ?? base?.cf, fetcher: null, cache };
    this[kBody] = body;
    this[kHeaders] = headers;
  }
  get method() { return this[kState].method; }
  get url() { return this[kState].url; }
  get headers() { return this[kHeaders]; }
  get redirect() { return this[kState].redirect; }
  get signal() {
    const st = this[kState];
    if (st.signal === null) {
      // A request made without a signal has one that can never abort (workerd's NEVER_ABORTS).
      st.signal = newAbortSignal();
      signalState(st.signal).neverAborts = true;
    }
    return st.signal;
  }
  get cf() { return this[kState].cf; }
  get integrity() { return ""; }
  get keepalive() { return false; }
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

// The reason phrases workerd reports for a status without an explicit statusText (RFC 7231 and
// the WebDAV/HTTP extensions); unknown codes get their class's name.
const STATUS_TEXT = {
  100: "Continue", 101: "Switching Protocols", 102: "Processing", 103: "Early Hints",
  200: "OK", 201: "Created", 202: "Accepted", 203: "Non-Authoritative Information", 204: "No Content",
  205: "Reset Content", 206: "Partial Content", 207: "Multi-Status", 208: "Already Reported", 226: "IM Used",
  300: "Multiple Choices", 301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified",
  305: "Use Proxy", 307: "Temporary Redirect", 308: "Permanent Redirect",
  400: "Bad Request", 401: "Unauthorized", 402: "Payment Required", 403: "Forbidden", 404: "Not Found",
  405: "Method Not Allowed", 406: "Not Acceptable", 407: "Proxy Authentication Required", 408: "Request Timeout",
  409: "Conflict", 410: "Gone", 411: "Length Required", 412: "Precondition Failed", 413: "Payload Too Large",
  414: "URI Too Long", 415: "Unsupported Media Type", 416: "Range Not Satisfiable", 417: "Expectation Failed",
  418: "I'm a teapot", 421: "Misdirected Request", 422: "Unprocessable Entity", 423: "Locked",
  424: "Failed Dependency", 426: "Upgrade Required", 428: "Precondition Required", 429: "Too Many Requests",
  431: "Request Header Fields Too Large", 451: "Unavailable For Legal Reasons",
  500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable",
  504: "Gateway Timeout", 505: "HTTP Version Not Supported", 506: "Variant Also Negotiates",
  507: "Insufficient Storage", 508: "Loop Detected", 510: "Not Extended", 511: "Network Authentication Required",
};

// wireStatusText is the reason phrase a response is sent with.
export function wireStatusText(resp) {
  const st = resp[kState];
  return st.statusText ?? defaultStatusText(st.status);
}

function defaultStatusText(status) {
  const t = STATUS_TEXT[status];
  if (t !== undefined) return t;
  if (status >= 200 && status < 300) return "Successful";
  if (status >= 300 && status < 400) return "Redirection";
  if (status >= 400 && status < 500) return "Client Error";
  if (status >= 500 && status < 600) return "Server Error";
  return "";
}
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
    // Without one (null), statusText reads as "", but the response goes out with the status
    // code's standard reason phrase (wireStatusText), as in workerd.
    const statusText = init.statusText === undefined ? null : String(init.statusText);
    if (statusText !== null && /[\x00-\x1f]/.test(statusText)) throw new TypeError("Invalid statusText");
    const headers = new Headers(init.headers);
    let extracted = extractBody(body);
    if (extracted && NULL_BODY.has(status)) {
      // An empty body is no body; anything else is refused.
      if (extracted.stream || extracted.bytes?.byteLength) {
        throw new TypeError("Response with null body status (101, 204, 205, or 304) cannot have a body.");
      }
      extracted = null;
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
    let href;
    try {
      href = new URL(`${url}`).href;
    } catch {
      throw new TypeError(`Unable to parse URL: ${url}`);
    }
    status = toUint16(status);
    if (!REDIRECT.has(status)) {
      throw new RangeError(`${status} is not a redirect status code. It must be one of: 301, 302, 303, 307, or 308.`);
    }
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
  get statusText() { return this[kState].statusText ?? ""; }
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

// bodyParts gives the host what it needs to send a response: whole bytes, or a stream.
export function bodyParts(resp) {
  const b = resp[kBody];
  if (!b.hasBody) return { bytes: null, stream: null };
  // A body stream read or canceled by someone else cannot be sent.
  if (b.used || (b.stream !== null && isDisturbed(b.stream))) {
    throw new TypeError("Body has already been used. It can only be used once. Use tee() first if you need to read it twice.");
  }
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

const MAX_REDIRECTS = 20;

// fetchVia sends a request through the Go fetcher at index idx (0 = global outbound), following
// redirects (redirect: "follow") as workerd does.
export async function fetchVia(idx, input, init) {
  return fetchImpl(idx, input instanceof Request && init === undefined ? input : new Request(input, init), true);
}

// fetchRaw sends req as it is through fetcher idx: one exchange, whatever its URL's scheme or the
// response's status (the runtime's own protocols, such as the Cache API's, use it).
export function fetchRaw(idx, req) {
  return fetchImpl(idx, req, false);
}

async function fetchImpl(idx, req, standard) {
  if (req.bodyUsed) throw new TypeError("Cannot send a Request whose body has already been used.");
  const st = req[kState];
  // An aborted signal fails the fetch with its reason, before anything is sent.
  const signal = st.signal;
  if (signal !== null && signalState(signal).aborted) throw signalState(signal).reason;

  if (standard && /^data:/i.test(st.url)) return fetchDataURL(req);
  if (standard && compat("fetch_refuses_unknown_protocols") && !/^https?:/i.test(st.url)) {
    throw new TypeError(`Fetch API cannot load: ${st.url}`);
  }

  let headers = req.headers;
  // cache: "no-store" stands for a cache TTL of -1; any other cf.cacheTtl contradicts it.
  if (st.cache !== undefined) {
    const cf = st.cf;
    if (st.cache === "no-store" && cf !== null && typeof cf === "object" && "cacheTtl" in cf && cf.cacheTtl !== -1) {
      throw new TypeError(`CacheTtl: ${String(cf.cacheTtl)}, is not compatible with cache: no-store header.`);
    }
    // The cache modes ask any cache on the way to revalidate.
    headers = new Headers(headers);
    if (!headers.has("cache-control")) headers.set("cache-control", "no-cache");
    if (!headers.has("pragma")) headers.set("pragma", "no-cache");
  }

  // The body: bytes can be sent again after a redirect; a stream only once.
  const parts = bodyParts(req);
  if (parts.stream) req[kBody].used = true;
  let bytes = parts.bytes;
  let stream = parts.stream;
  let method = req.method;
  // A body's framing, as the receiving worker sees it (workerd's global-scope.c++): its length
  // when known (0 for an empty one, so that it is not taken for no body), else chunked.
  let framing = null; // the header added here
  if ((bytes || stream) && !headers.has("content-length") && !headers.has("transfer-encoding")) {
    const len = bytes ? bytes.byteLength : streamExpectedLength(stream);
    if (headers === req.headers) headers = new Headers(headers);
    framing = len !== undefined ? "content-length" : "transfer-encoding";
    headers.set(framing, len !== undefined ? String(len) : "chunked");
  }
  const urlList = [st.url];
  for (;;) {
    const url = urlList[urlList.length - 1];
    let sendStream = stream;
    if (bytes) sendStream = bytesStream(bytes.slice()); // a copy: enqueuing detaches, and a redirect may resend
    stream = null; // a stream body is spent by the first send
    // What goes out has no fragment (in the standard mode; the runtime's own requests go as given).
    const hash = standard ? url.indexOf("#") : -1;
    const { oid, status, statusText, flat } = await sendOnce(idx, method, hash < 0 ? url : url.slice(0, hash), headers, sendStream, signal);
    if (standard && oid > 0 && REDIRECT.has(status) && req.redirect === "follow") {
      const location = locationOf(flat);
      if (location !== null) {
        native.outboundCancel(oid); // the redirect's own body is not read
        let next;
        try {
          next = new URL(location, url);
        } catch {
          throw new TypeError("Invalid Location header; unable to follow redirect.");
        }
        // (workerd's message lists the URLs visited.)
        if (urlList.length - 1 >= MAX_REDIRECTS) throw new TypeError("Too many redirects." + urlList.join(", "));
        // A cross-origin hop drops the credentials meant for the first origin (the Fetch
        // Standard's "CORS non-wildcard request-header name": Authorization).
        if (compat("strip_authorization_on_cross_origin_redirect") && new URL(url).origin !== next.origin) {
          if (headers.has("authorization")) {
            if (headers === req.headers) headers = new Headers(headers);
            headers.delete("authorization");
          }
        }
        urlList.push(next.href);
        const hadBody = bytes !== null || sendStream !== null;
        if (status !== 303 && hadBody && bytes === null) {
          throw new TypeError("A request with a one-time-use body (it was initialized from a stream, not a buffer) " +
            "encountered a redirect requiring the body to be retransmitted. To avoid this error in the future, " +
            "construct this request from a buffer-like body initializer.");
        }
        // 301/302 turn a POST, and 303 anything but HEAD, into a GET without a body.
        if (((status === 301 || status === 302) && method === "POST") || (status === 303 && method !== "HEAD")) {
          method = "GET";
          bytes = null;
          if (framing !== null) headers.delete(framing);
        }
        continue;
      }
    }
    return makeResponse(oid, status, statusText, flat, method, urlList, signal);
  }
}

function locationOf(flat) {
  for (let i = 0; i + 1 < flat.length; i += 2) if (flat[i].toLowerCase() === "location") return flat[i + 1];
  return null;
}

// fetchDataURL answers a data: URL without any I/O: 200 with the URL's MIME type and, for a
// GET, its decoded body. A data: URL without a comma is not fetchable.
function fetchDataURL(req) {
  const parsed = processDataURL(req.url);
  if (parsed === null) throw new TypeError(`Fetch API cannot load: ${req.url}`);
  const r = new Response(req.method === "GET" ? parsed.body : null, { status: 200, statusText: "OK" });
  r[kHeaders].set("content-type", parsed.type);
  return r;
}

// sendOnce sends one request and waits for its response head; aborting signal meanwhile fails
// it with the signal's reason (and drops a response that comes after).
async function sendOnce(idx, method, url, headers, stream, signal) {
  let sid = -1;
  if (stream) {
    sid = ++nextStream;
    streams.set(sid, stream.getReader());
  }
  const pending = native.fetch(idx, method, url, pack(flatHeaders(headers)), sid);
  let head;
  if (signal === null) {
    head = unpack(await pending);
  } else {
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
  return { oid: Number(head[0]), status: Number(head[1]), statusText: head[2], flat: head.slice(3) };
}

function makeResponse(oid, status, statusText, flat, method, urlList, signal) {
  const r = Object.create(Response.prototype);
  // The response's URL is the last one fetched, without its fragment.
  const last = urlList[urlList.length - 1];
  const hash = last.indexOf("#");
  // A negative id is a WebSocket end the isolate now owns (a 101 response, isolate/websocket.go).
  r[kState] = {
    status, statusText, url: hash < 0 ? last : last.slice(0, hash), redirected: urlList.length > 1,
    type: "default", webSocket: oid < 0 ? wrapEnd(-oid) : null,
  };
  r[kHeaders] = headersFromFlat(flat, "none");
  const body = new BodyState(null);
  // A response the callee had whole in memory comes with its body (no stream, no extra turns).
  const whole = oid > 0 ? native.outboundWhole(oid) : undefined;
  if (oid < 0) {
    // no body
  } else if (whole !== undefined) {
    if (whole !== null && !NULL_BODY.has(status) && method !== "HEAD") {
      body.hasBody = true;
      body.bytes = whole;
    }
  } else if (!NULL_BODY.has(status) && method !== "HEAD") {
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

// The shape workerd gives these classes depends on compatibility flags, which are known only
// once the host configures the worker (host.js configure): Symbol.toStringTag with
// set_tostring_tag, Request.prototype.cache with cache_option_enabled.
export function configureFetch() {
  for (const [C, name] of [[Headers, "Headers"], [Request, "Request"], [Response, "Response"]]) {
    if (compat("set_tostring_tag")) Object.defineProperty(C.prototype, Symbol.toStringTag, { value: name, configurable: true });
    else delete C.prototype[Symbol.toStringTag];
  }
  if (compat("cache_option_enabled")) {
    Object.defineProperty(Request.prototype, "cache", {
      get() { return this[kState].cache; }, enumerable: true, configurable: true,
    });
  } else {
    delete Request.prototype.cache;
  }
}
configureFetch(); // the defaults until then

export function installFetch(g) {
  const def = (name, value) => Object.defineProperty(g, name, { value, writable: true, configurable: true });
  def("Headers", Headers);
  def("Request", Request);
  def("Response", Response);
  def("fetch", function fetch(input, init) { return fetchVia(0, input, init); });
}
