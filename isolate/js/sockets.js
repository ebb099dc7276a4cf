// TCP sockets: connect() of cloudflare:sockets and Fetcher.connect(), as workerd has them. The
// connection is opened by the Go fetcher at a given index (0 = globalOutbound) when it can
// (isolate/sockets.go); reads and writes are promises settled by Go once the I/O is done.
import { native } from "./native.js";
import { ReadableStream, WritableStream } from "./streams.js";
import { URL } from "./url.js";

const kCreate = Symbol("socket");
const states = new WeakMap(); // Socket → its state record
const proxyFailed = "proxy request failed, cannot connect to the specified address";

// isValidHost is workerd's guard against malicious addresses: length and characters only.
function isValidHost(s) {
  return s.length > 0 && s.length <= 255 && /^[A-Za-z0-9\-._\[\]:]*$/.test(s);
}

// toPort converts as WebIDL's unsigned short with [EnforceRange] does in workerd.
function toPort(v) {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new TypeError("The value cannot be converted because it is not an integer.");
  const t = Math.trunc(n);
  if (t < 0) throw new TypeError("The value cannot be converted because it is negative and this API expects a positive number.");
  if (t > 65535) throw new TypeError("Value out of range. Must be less than or equal to 65535.");
  return t;
}

function toBytes(chunk) {
  if (typeof chunk === "string") return native.utf8Encode(chunk);
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError("This TransformStream is being used as a byte stream, but received an object of non-ArrayBuffer/ArrayBufferView type on its writable side.");
}

// inGlobalScope reports whether the worker's code is still being evaluated (set by host.js).
let inGlobalScope = () => false;
export function setGlobalScopeProbe(f) { inGlobalScope = f; }

// connectVia(idx, address, options, iface) is connect() through the fetcher at idx; iface names
// the API in argument errors ("SocketsModule", "Fetcher").
export function connectVia(idx, address, options, iface = "SocketsModule") {
  // Arguments convert in order: the address, then the options dictionary.
  let addr;
  let record = null;
  if (address === undefined || address === null) {
    throw new TypeError("Cannot initialize N7workerd3api13SocketAddressE with required members from an undefined or null value.");
  }
  if (typeof address === "object" || typeof address === "function") {
    record = { hostname: `${address.hostname}`, port: toPort(address.port) };
  } else {
    addr = `${address}`;
  }
  let secureTransport;
  let allowHalfOpen = false;
  if (options !== undefined && options !== null) {
    if (typeof options !== "object" && typeof options !== "function") {
      throw new TypeError(`Failed to execute 'connect' on '${iface}': parameter 2 is not of type 'SocketOptions'.`);
    }
    allowHalfOpen = Boolean(options.allowHalfOpen);
    const hwm = options.highWaterMark;
    if (hwm !== undefined) Number(hwm);
    const st = options.secureTransport;
    if (st !== undefined) secureTransport = `${st}`;
  }

  // Connections belong to a request: none may be opened while the worker's modules evaluate.
  if (inGlobalScope()) {
    throw new Error("Disallowed operation called within global scope. Asynchronous I/O (ex: fetch() or connect()), setting a timeout, and generating random values are not allowed within global scope. To fix this error, perform this operation within a handler. https://developers.cloudflare.com/workers/runtime-apis/handlers/");
  }
  let domain;
  let defaultPort;
  if (record) {
    domain = record.hostname;
    defaultPort = record.port === 80 || record.port === 443;
    addr = `${record.hostname}:${record.port}`;
  } else {
    let url;
    try {
      url = new URL("fake://" + addr);
    } catch {
      throw new TypeError("Specified address could not be parsed.");
    }
    if (url.hostname === "") throw new TypeError("Specified address is missing hostname.");
    if (url.port === "") throw new TypeError("Specified address is missing port.");
    domain = url.hostname;
    defaultPort = url.port === "80" || url.port === "443";
  }
  if (!isValidHost(addr)) {
    throw new TypeError("Specified address is empty string, contains unsupported characters or is too long.");
  }
  let secure = "off";
  if (secureTransport !== undefined) {
    if (secureTransport !== "off" && secureTransport !== "on" && secureTransport !== "starttls") {
      throw new TypeError(`Unsupported value in secureTransport socket option: ${secureTransport}`);
    }
    secure = secureTransport;
  }
  const st = { idx, addr, domain, defaultPort, secure, allowHalfOpen };
  return new Socket(kCreate, st, native.sockConnect(idx, addr, secure === "on"));
}

// Socket is one connection. Its state lives in a private record so that startTls can hand the
// connection on to a new Socket.
export class Socket {
  #s;
  constructor(key, st, idPromise) {
    if (key !== kCreate) throw new TypeError("Illegal constructor");
    this.#s = st;
    states.set(this, st);
    st.id = null;
    st.closing = false;
    st.upgraded = false;
    st.done = false; // the connection is closed (or handed to startTls)
    st.lastWrite = Promise.resolve();
    st.opened = new Promise((res, rej) => { st.resolveOpened = res; st.rejectOpened = rej; });
    st.closed = new Promise((res, rej) => { st.resolveClosed = res; st.rejectClosed = rej; });
    st.opened.catch(() => {});
    st.closed.catch(() => {});
    // `ready` settles with the connection id (or fails) and never rejects: the streams wait on it.
    st.ready = idPromise.then((id) => {
      st.id = id;
      if (st.done) {
        native.sockClose(id);
        return null;
      }
      st.resolveOpened(st.remote === null ? { remoteAddress: undefined, localAddress: st.local } : { remoteAddress: st.addr, localAddress: undefined });
      // A worker at the other end (a connect handler) is seen going away: closed resolves.
      native.sockWatch(id).then((peerGone) => { if (peerGone && !st.done) st.resolveClosed(); });
      return id;
    }, (why) => {
      fail(st, st.failure ?? new Error(st.defaultPort
        ? `${proxyFailed}. It looks like you might be trying to connect to a HTTP-based service — consider using fetch instead`
        : proxyFailed));
      return null;
    });

    st.readable = new ReadableStream({
      type: "bytes",
      start(c) { st.rc = c; },
      async pull(c) {
        const id = await st.ready;
        if (id === null || st.done) return;
        let chunk;
        try {
          chunk = await native.sockRead(id);
        } catch (e) {
          if (!st.done) fail(st, e);
          return;
        }
        if (st.done) return;
        if (chunk === null) {
          try { c.close(); } catch {}
          st.readEOF = true;
          onEOF(st);
          return;
        }
        c.enqueue(chunk);
      },
      cancel() {
        st.readEOF = true;
      },
    }, { highWaterMark: 0 });

    st.writable = new WritableStream({
      start(c) { st.wc = c; },
      write(chunk) {
        const p = (async () => {
          const bytes = toBytes(chunk);
          const id = await st.ready;
          if (id === null || st.done) throw new TypeError("This WritableStream has been closed.");
          if (bytes.byteLength === 0) return;
          // Go keeps no reference to the caller's buffer after the call: copy it now.
          await native.sockWrite(id, bytes.slice());
        })();
        st.lastWrite = p.catch(() => {});
        return p;
      },
      async close() {
        const id = await st.ready;
        st.writeClosed = true;
        if (id !== null && !st.done) native.sockShutdown(id);
      },
      abort() {
        st.writeClosed = true;
      },
    });
  }

  get readable() { return this.#s.readable; }
  get writable() { return this.#s.writable; }
  get opened() { return this.#s.opened; }
  get closed() { return this.#s.closed; }
  get upgraded() { return this.#s.upgraded; }
  get secureTransport() { return this.#s.secure; }

  close() {
    const st = this.#s;
    if (st.closing) return st.closed.then(() => {}, () => {});
    st.closing = true;
    return (async () => {
      await st.ready;
      await st.lastWrite;
      shutdown(st, new TypeError("This WritableStream has been closed."));
      st.resolveClosed();
    })();
  }

  startTls(options) {
    const st = this.#s;
    if (st.secure === "on") throw new TypeError("Cannot startTls on a TLS socket.");
    if (st.done) throw new TypeError("The connection was closed before startTls could be started.");
    if (st.secure !== "starttls") {
      throw new TypeError("The `secureTransport` socket option must be set to 'starttls' for startTls to be used.");
    }
    if (st.domain === null) {
      throw new TypeError("startTls has already been called on this socket, or the socket was transferred over RPC.");
    }
    let host = st.domain;
    if (options !== undefined && options !== null) {
      if (typeof options !== "object" && typeof options !== "function") {
        throw new TypeError("Failed to execute 'startTls' on 'Socket': parameter 1 is not of type 'TlsOptions'.");
      }
      const expected = options.expectedServerHostname;
      if (expected !== undefined) host = `${expected}`;
    }
    st.domain = null;
    const next = { idx: st.idx, addr: st.addr, domain: host, defaultPort: st.defaultPort, secure: "on", allowHalfOpen: st.allowHalfOpen };
    // Pending writes go out in plain text first; then the plain socket is done (its closed
    // resolves, upgraded is set) and the handshake starts over its connection.
    const idPromise = (async () => {
      const id = await st.ready;
      await st.lastWrite;
      if (id === null || st.closing) {
        next.failure = new TypeError("The connection was closed before startTls completed.");
        throw next.failure;
      }
      st.done = true;
      st.upgraded = true;
      detach(st);
      st.resolveClosed();
      try {
        return await native.sockStartTls(st.idx, id, hostOnly(host));
      } catch (e) {
        next.failure = new Error(typeof e === "string" ? `TLS handshake failed: ${e}` : String(e));
        throw next.failure;
      }
    })();
    return new Socket(kCreate, next, idPromise);
  }
}
Object.defineProperty(Socket.prototype, Symbol.toStringTag, { value: "Object", configurable: true });

// inboundSocket is the socket a connect handler receives: the server end of a connection made
// through a binding to this worker (isolate/sockets.go ServeConnect), addressed as authority.
export function inboundSocket(id, authority) {
  // The peer's EOF leaves the handler free to answer (workerd does not close its write side).
  const st = { idx: -1, addr: authority, remote: null, local: authority, domain: null, defaultPort: false, secure: "off", allowHalfOpen: true };
  return new Socket(kCreate, st, Promise.resolve(id));
}

// neuter ends a connect handler's socket once the handler is done: its streams stop working and
// the connection closes, which the client sees as a disconnect.
export function neuter(sock) {
  const st = states.get(sock);
  if (st === undefined || st.done) return;
  st.ready.then((id) => {
    if (st.done) return;
    st.done = true;
    const err = new TypeError("Can't read from request stream because client disconnected.");
    try { st.rc.error(err); } catch {}
    try { st.wc.error(err); } catch {}
    if (id !== null) native.sockClose(id);
    st.resolveClosed();
  });
}

// hostOnly strips the brackets of an IPv6 literal for certificate checks.
function hostOnly(h) {
  return h.startsWith("[") && h.endsWith("]") ? h.slice(1, -1) : h;
}

// fail errors the socket: connecting failed or the connection broke.
function fail(st, err) {
  if (st.done) return;
  st.done = true;
  st.rejectOpened(err);
  st.rejectClosed(err);
  try { st.rc.error(err); } catch {}
  try { st.wc.error(err); } catch {}
  if (st.id !== null) native.sockClose(st.id);
}

// shutdown closes the connection for good after close().
function shutdown(st, writeErr) {
  if (st.done) return;
  st.done = true;
  try { st.rc.error(new TypeError("This ReadableStream belongs to an object that is closing.")); } catch {}
  try { st.wc.error(writeErr); } catch {}
  if (st.id !== null) native.sockClose(st.id);
}

// detach makes the plain streams of a socket upgraded by startTls unusable.
function detach(st) {
  const err = new TypeError("The socket was upgraded by startTls and can no longer be used.");
  try { st.rc.error(err); } catch {}
  try { st.wc.error(err); } catch {}
}

// onEOF: the peer ended its side. Unless half-open connections are allowed, the write side is
// closed too (after pending writes) and the socket is closed.
async function onEOF(st) {
  if (st.allowHalfOpen || st.done) return;
  await st.lastWrite;
  if (st.done) return;
  if (!st.writeClosed && st.id !== null) native.sockShutdown(st.id);
  st.done = true;
  try { st.wc.error(new TypeError("This WritableStream has been closed.")); } catch {}
  native.sockClose(st.id);
  st.resolveClosed();
}
