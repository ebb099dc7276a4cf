// The Cache API as Cloudflare Workers have it: the `caches` global (CacheStorage), with
// caches.default and caches.open(name), and Cache.match/put/delete. The Service Worker methods
// Cloudflare does not implement (add, addAll, matchAll, keys; CacheStorage's match, has,
// delete, keys) throw as workerd's do.
//
// Every operation is an HTTP request to the worker's cache backend (a Go fetcher: the config's
// cacheApiOutbound service, or nanod's in-memory cache in services/cache.go), in workerd's wire
// protocol, so a cache service written for workerd works unchanged:
//   match  GET   <key URL>, the request's headers plus "Cache-Control: only-if-cached"; a hit
//                is a response with "CF-Cache-Status: HIT" (any other value, or none, is a miss)
//   put    PUT   <key URL>, the request's headers; the body is the response to store, as an
//                HTTP/1.1 message (status line, headers, blank line, body bytes — never
//                chunk-encoded, even under "Transfer-Encoding: chunked")
//   delete PURGE <key URL>, the request's headers plus "X-Real-IP: 127.0.0.1"; 200 = deleted,
//                404 = not found, 429 = rate limited, anything else an error
// A named cache (caches.open) adds "CF-Cache-Namespace: <percent-encoded name>".
import { Headers, Request, Response, fetchRaw, kState, kBody, kHeaders, kGuard, streamExpectedLength } from "./fetch.js";
import { ReadableStream, isDisturbed } from "./streams.js";
import { TextEncoder, toUSV } from "./encoding.js";
import { compatEnabled } from "./misc.js";

let backend = -1; // index of the Go fetcher serving the Cache API; -1 = none configured

// setCacheBackend is called by the host when it configures the worker.
export function setCacheBackend(idx) {
  backend = Number.isInteger(idx) && idx >= 0 ? idx : -1;
}

const names = new WeakMap(); // Cache -> its name (undefined for caches.default)
const storages = new WeakSet();

const illegalInvocation = () => new TypeError("Illegal invocation: function called with incorrect `this` reference. " +
  "See https://developers.cloudflare.com/workers/observability/errors/#illegal-invocation-errors for details.");
const notImplemented = (method, cls) => new Error(`Failed to execute '${method}' on '${cls}': the method is not implemented.`);
const usedBody = () => new TypeError("Body has already been used. It can only be used once. Use tee() first if you need to read it twice.");

function cacheName(self) {
  if (!names.has(self)) throw illegalInvocation();
  return names.get(self);
}

// The request argument: a Request, or anything else as a string (a URL object gives its href).
function requestArg(method, v) {
  if (v === undefined) throw new TypeError(`Failed to execute '${method}' on 'Cache': parameter 1 is not of type 'Request or string'.`);
  return v instanceof Request ? v : `${v}`;
}

// CacheQueryOptions: only ignoreMethod is supported; the other standard fields throw when given.
function queryOptions(method, v) {
  if (v === undefined || v === null) return false;
  if (typeof v !== "object" && typeof v !== "function") {
    throw new TypeError(`Failed to execute '${method}' on 'Cache': parameter 2 is not of type 'CacheQueryOptions'.`);
  }
  const ignoreMethod = v.ignoreMethod;
  for (const f of ["ignoreSearch", "ignoreVary", "cacheName"]) {
    if (v[f] !== undefined) throw new Error(`The '${f}' field on 'CacheQueryOptions' is not implemented.`);
  }
  return ignoreMethod === undefined ? false : Boolean(ignoreMethod);
}

// standardURL tells whether string keys are parsed as Request URLs (fetch_standard_url), or
// kept exactly as written (the legacy behaviour before it).
function standardURL() {
  const e = compatEnabled();
  return "fetch_standard_url" in e ? e.fetch_standard_url === true : e.fetch_legacy_url !== true;
}

// coerce turns the request argument into the key's URL, method and headers.
function coerce(input) {
  if (input instanceof Request) return { url: input.url, method: input.method, headers: input.headers };
  if (standardURL()) {
    const r = new Request(input);
    return { url: r.url, method: r.method, headers: r.headers };
  }
  return { url: input, method: "GET", headers: new Headers() };
}

const SCHEME = /^[A-Za-z][A-Za-z0-9+\-.]*$/;
const HOST = /^[A-Za-z0-9.\-:[\]]*$/;

// validateUrl accepts what workerd's cache client can send: an absolute URL with a scheme and
// an authority ("scheme://host..."), no user info, and a host of plain ASCII name characters.
function validateUrl(url) {
  const fail = () => new TypeError("Invalid URL. Cache API keys must be fully-qualified, valid URLs.");
  const colon = url.indexOf(":");
  if (colon <= 0 || !SCHEME.test(url.slice(0, colon)) || !url.startsWith("//", colon + 1)) throw fail();
  const rest = url.slice(colon + 3);
  const end = rest.search(/[/?#]/);
  const authority = end < 0 ? rest : rest.slice(0, end);
  if (authority.includes("@") || !HOST.test(authority)) throw fail();
}

function requireBackend() {
  if (backend < 0) throw new Error("No Cache was configured");
}

// send makes one request to the cache backend. The key URL goes out exactly as given (it may
// not be normalized, in legacy mode), so it is set after the Request is built.
function send(name, method, url, headers, body) {
  // An empty name sends no namespace, as workerd's: caches.open("") is the default cache.
  if (name) headers.set("cf-cache-namespace", encodeURIComponent(toUSV(name)));
  const r = new Request("http://cache.invalid/", { method, headers, body });
  r[kState].url = url;
  return fetchRaw(backend, r);
}

function discard(resp) {
  const b = resp.body;
  if (b !== null && !b.locked) b.cancel().catch(() => {});
}

// ---- serializing a response for put() ----------------------------------------------------

// The reason phrase workerd writes when a response has no statusText.
const REASONS = {
  200: "OK", 201: "Created", 202: "Accepted", 203: "Non-Authoritative Information", 204: "No Content",
  205: "Reset Content", 206: "Partial Content", 207: "Multi-Status", 208: "Already Reported", 226: "IM Used",
  300: "Multiple Choices", 301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified",
  305: "Use Proxy", 307: "Temporary Redirect", 308: "Permanent Redirect",
  400: "Bad Request", 401: "Unauthorized", 402: "Payment Required", 403: "Forbidden", 404: "Not Found",
  405: "Method Not Allowed", 406: "Not Acceptable", 407: "Proxy Authentication Required",
  408: "Request Timeout", 409: "Conflict", 410: "Gone", 411: "Length Required", 412: "Precondition Failed",
  413: "Payload Too Large", 414: "URI Too Long", 415: "Unsupported Media Type", 416: "Range Not Satisfiable",
  417: "Expectation Failed", 418: "I'm a teapot", 421: "Misdirected Request", 422: "Unprocessable Entity",
  423: "Locked", 424: "Failed Dependency", 426: "Upgrade Required", 428: "Precondition Required",
  429: "Too Many Requests", 431: "Request Header Fields Too Large", 451: "Unavailable For Legal Reasons",
  500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable",
  504: "Gateway Timeout", 505: "HTTP Version Not Supported", 506: "Variant Also Negotiates",
  507: "Insufficient Storage", 508: "Loop Detected", 510: "Not Extended", 511: "Network Authentication Required",
};
const CLASS_REASONS = { 1: "Informational", 2: "Successful", 3: "Redirection", 4: "Client Error", 5: "Server Error" };

function reason(status) {
  return REASONS[status] ?? CLASS_REASONS[Math.floor(status / 100)] ?? "Unknown";
}

// Headers workerd's HTTP stack knows by name: it writes them first, in this order and spelling,
// then the others (lower case, sorted). Framing headers are its own.
const KNOWN_HEADERS = ["Sec-WebSocket-Key", "Sec-WebSocket-Version", "Sec-WebSocket-Accept",
  "Sec-WebSocket-Extensions", "Host", "Date", "Location", "Content-Type", "Range", "Content-Range",
  "Accept-Charset", "Accept-Encoding", "Accept-Language", "Accept-Ranges", "Accept",
  "Access-Control-Allow-Origin", "Age", "Allow", "Authorization", "Cache-Control", "Content-Disposition",
  "Content-Encoding", "Content-Language", "Content-Location", "Cookie", "ETag", "Expect", "Expires", "From",
  "If-Match", "If-Modified-Since", "If-None-Match", "If-Range", "If-Unmodified-Since", "Last-Modified", "Link",
  "Max-Forwards", "Proxy-Authenticate", "Proxy-Authorization", "Referer", "Refresh", "Retry-After", "Server",
  "Set-Cookie", "Strict-Transport-Security", "User-Agent", "Vary", "Via", "WWW-Authenticate",
  "CF-Cache-Status", "Pragma", "CF-Cache-Namespace", "CF-KV-Metadata", "CF-R2-Error", "CF-R2-Metadata-Size",
  "CF-R2-Request", "CF-Queues-Error-Code", "CF-Queues-Error-Cause", "Sec-WebSocket-Protocol", "CF-Ray", "Origin"];
const KNOWN_INDEX = new Map(KNOWN_HEADERS.map((h, i) => [h.toLowerCase(), i]));
const FRAMING = new Set(["connection", "keep-alive", "te", "trailer", "upgrade", "content-length", "transfer-encoding"]);

function serializeHead(resp, length) {
  let head = `HTTP/1.1 ${resp.status} ${resp.statusText || reason(resp.status)}\r\n`;
  head += length === undefined ? "Transfer-Encoding: chunked\r\n" : `Content-Length: ${length}\r\n`;
  // A known header's values share one line (Set-Cookie: only its first); the others get a line
  // per value.
  const known = [], other = [];
  for (const [name, values] of resp.headers[kHeaders]) {
    if (FRAMING.has(name)) continue;
    const i = KNOWN_INDEX.get(name);
    if (i === undefined) {
      for (const v of values) other.push([name, v]);
    } else if (name === "set-cookie") {
      known.push([i, values[0]]);
      for (const v of values.slice(1)) other.push([name, v]);
    } else {
      known.push([i, values.join(", ")]);
    }
  }
  known.sort((a, b) => a[0] - b[0]);
  other.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)); // stable: values keep their order
  for (const [i, value] of known) head += `${KNOWN_HEADERS[i]}: ${value}\r\n`;
  for (const [name, value] of other) head += `${name}: ${value}\r\n`;
  return head + "\r\n";
}

const encoder = new TextEncoder();

function chunkBytes(value) {
  if (value instanceof Uint8Array) return value;
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (typeof value === "string") return encoder.encode(value);
  throw new TypeError("Draining read encountered a value that cannot be converted to bytes");
}

// takeBody disturbs the response's body at once (put() consumes it before it returns) and gives
// its bytes, or a reader with the length when known.
function takeBody(resp) {
  const b = resp[kBody];
  if (resp.bodyUsed) throw usedBody();
  if (!b.hasBody) return { bytes: new Uint8Array(0), length: 0 };
  if (b.bytes && !b.stream) {
    b.used = true;
    return { bytes: b.bytes, length: b.bytes.byteLength };
  }
  const s = b.stream;
  if (isDisturbed(s)) throw usedBody();
  if (s.locked) throw new TypeError("The ReadableStream has been locked to a reader.");
  const length = streamExpectedLength(s);
  const reader = s.getReader();
  b.used = true;
  return { reader, length };
}

// ---- Cache -------------------------------------------------------------------------------

function Cache() {
  throw new TypeError("Illegal constructor");
}

function makeCache(name) {
  const c = Object.create(Cache.prototype);
  names.set(c, name);
  return c;
}

const cacheMethods = {
  add() {
    cacheName(this);
    throw notImplemented("add", "Cache");
  },
  addAll() {
    cacheName(this);
    throw notImplemented("addAll", "Cache");
  },
  delete(...args) {
    const name = cacheName(this);
    return (async () => {
      const input = requestArg("delete", args[0]);
      const ignoreMethod = queryOptions("delete", args[1]);
      const req = coerce(input);
      if (!ignoreMethod && req.method !== "GET") return false;
      requireBackend();
      validateUrl(req.url);
      const headers = new Headers(req.headers);
      headers.append("x-real-ip", "127.0.0.1"); // the cache accepts purges only from inside
      const r = await send(name, "PURGE", req.url, headers, null);
      discard(r);
      if (r.status === 200) return true;
      if (r.status === 404) return false;
      if (r.status === 429) throw new Error("Unable to delete cached response. Subrequests are being rate-limited.");
      throw new Error("Unable to delete cached response.");
    })();
  },
  match(...args) {
    const name = cacheName(this);
    return (async () => {
      const input = requestArg("match", args[0]);
      const ignoreMethod = queryOptions("match", args[1]);
      const req = coerce(input);
      if (!ignoreMethod && req.method !== "GET") return undefined;
      requireBackend();
      validateUrl(req.url);
      const headers = new Headers(req.headers);
      headers.set("cache-control", "only-if-cached");
      const r = await send(name, "GET", req.url, headers, null);
      // Only the cache status tells a hit: a cached response may itself be a 504.
      if (r.headers.get("cf-cache-status") !== "HIT") {
        discard(r);
        return undefined;
      }
      r[kState].url = "";
      // Over workerd's HTTP hop a response always has a reason phrase.
      if (r[kState].statusText === "") r[kState].statusText = reason(r.status);
      r[kHeaders][kGuard] = "immutable";
      return r;
    })();
  },
  put(...args) {
    const name = cacheName(this);
    return (async () => {
      const input = requestArg("put", args[0]);
      const resp = args[1];
      if (!(resp instanceof Response)) throw new TypeError("Failed to execute 'put' on 'Cache': parameter 2 is not of type 'Response'.");
      if (resp.type === "error") throw new TypeError("Cache is unable to store an error response");
      const req = coerce(input);
      if (req.method !== "GET") throw new TypeError("Cannot cache response to non-GET request.");
      if (resp.status === 206) throw new TypeError("Cannot cache response to a range request (206 Partial Content).");
      const vary = resp.headers.get("vary");
      if (vary !== null && vary.includes("*")) throw new TypeError("Cannot cache response with 'Vary: *' header.");
      // A 304 is dropped silently: caching one would answer later plain requests with it.
      if (resp.status === 304) return;

      if (resp.webSocket !== null) {
        throw new TypeError("Worker tried to return a WebSocket in a response to a request which did not contain the header \"Upgrade: websocket\".");
      }
      const { bytes, reader, length } = takeBody(resp);
      const head = encoder.encode(serializeHead(resp, length));
      let failed = null; // the response body's own error, which put() reports
      try {
        requireBackend();
        validateUrl(req.url);
      } catch (e) {
        if (reader) reader.cancel(e).catch(() => {});
        throw e;
      }
      const headers = new Headers(req.headers);
      let payload;
      if (bytes) {
        payload = new Uint8Array(head.byteLength + bytes.byteLength);
        payload.set(head, 0);
        payload.set(bytes, head.byteLength);
        headers.set("content-length", String(payload.byteLength));
      } else {
        if (length !== undefined) headers.set("content-length", String(head.byteLength + length));
        else headers.set("transfer-encoding", "chunked");
        let sentHead = false;
        payload = new ReadableStream({
          async pull(c) {
            if (!sentHead) {
              sentHead = true;
              c.enqueue(head);
              return;
            }
            let r;
            try {
              r = await reader.read();
              if (!r.done) r.value = chunkBytes(r.value);
            } catch (e) {
              failed = { e };
              c.error(e);
              reader.cancel(e).catch(() => {}); // a bad chunk leaves the source open
              return;
            }
            if (r.done) c.close();
            else if (r.value.byteLength > 0) c.enqueue(r.value);
          },
          cancel(reason) {
            reader.cancel(reason).catch(() => {});
          },
        }, { highWaterMark: 0 });
      }
      let r;
      try {
        r = await send(name, "PUT", req.url, headers, payload);
      } catch (e) {
        if (failed) throw failed.e;
        throw e;
      }
      if (failed) throw failed.e;
      // 204 stored, 413 not stored; either way put() succeeds (a cache may drop anything).
      discard(r);
    })();
  },
  matchAll() {
    cacheName(this);
    throw notImplemented("matchAll", "Cache");
  },
  keys() {
    cacheName(this);
    throw notImplemented("keys", "Cache");
  },
};

// ---- CacheStorage ------------------------------------------------------------------------

function CacheStorage() {
  throw new TypeError("Illegal constructor");
}

function checkStorage(self) {
  if (!storages.has(self)) throw illegalInvocation();
}

const storageMethods = {
  open(...args) {
    checkStorage(this);
    return (async () => {
      if (args[0] === undefined) throw new TypeError("Failed to execute 'open' on 'CacheStorage': parameter 1 is not of type 'string'.");
      const name = `${args[0]}`;
      // The name travels in a header: keep it bounded.
      if (encoder.encode(toUSV(name)).byteLength >= 1024) throw new TypeError("Cache name is too long.");
      return makeCache(name);
    })();
  },
  delete() {
    checkStorage(this);
    throw notImplemented("delete", "CacheStorage");
  },
  match() {
    checkStorage(this);
    throw notImplemented("match", "CacheStorage");
  },
  has() {
    checkStorage(this);
    throw notImplemented("has", "CacheStorage");
  },
  keys() {
    checkStorage(this);
    throw notImplemented("keys", "CacheStorage");
  },
};

// defineClass lays out a prototype as workerd's: enumerable methods of length 0, then the
// constructor; Symbol.toStringTag only with set_tostring_tag.
function defineClass(C, name, methods) {
  const proto = C.prototype;
  delete proto.constructor;
  for (const key of Object.keys(methods)) {
    const fn = methods[key];
    Object.defineProperty(fn, "length", { value: 0 });
    Object.defineProperty(proto, key, { value: fn, writable: true, enumerable: true, configurable: true });
  }
  Object.defineProperty(proto, "constructor", { value: C, writable: true, enumerable: false, configurable: true });
  Object.defineProperty(proto, Symbol.toStringTag, {
    get() {
      const e = compatEnabled();
      return ("set_tostring_tag" in e ? e.set_tostring_tag === true : true) ? name : undefined;
    },
    configurable: true,
  });
  Object.defineProperty(C, "prototype", { writable: false });
}

defineClass(Cache, "Cache", cacheMethods);
defineClass(CacheStorage, "CacheStorage", storageMethods);

export function installCache(g) {
  const storage = Object.create(CacheStorage.prototype);
  storages.add(storage);
  Object.defineProperty(storage, "default", { value: makeCache(undefined), writable: false, enumerable: true, configurable: true });
  const def = (name, value) => Object.defineProperty(g, name, { value, writable: true, configurable: true });
  def("Cache", Cache);
  def("CacheStorage", CacheStorage);
  Object.defineProperty(g, "caches", { value: storage, writable: true, enumerable: true, configurable: true });
}
