// node:net — what workerd offers of it: address helpers (isIP, SocketAddress, BlockList) and
// client Sockets, node:stream Duplexes over cloudflare:sockets connections. There is no
// listening: Server exists but cannot listen.
import { connect as cfConnect } from "cloudflare:sockets";
import { Duplex } from "node:stream";
import { EventEmitter } from "node:events";
import { Buffer } from "node:buffer";
import {
  codeError, ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_OUT_OF_RANGE,
  ERR_METHOD_NOT_IMPLEMENTED, validateObject, validateString, validateNumber, validateBoolean,
  validateOneOf, validateFunction, validateUint32, nextTick,
} from "node-internal:errors";

// connect() needs one of these; Node words the alternatives with "or".
const missingTarget = () => codeError(TypeError, "ERR_MISSING_ARGS",
  'The "options" or "port" or "path" argument must be specified');

// ---- addresses ----

const v4Part = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])";
const v4Text = `(?:${v4Part}\\.){3}${v4Part}`;
const v4Re = new RegExp(`^${v4Text}$`);
const h16 = "[0-9a-fA-F]{1,4}";
// An IPv6 text: up to eight groups with at most one "::", the last two may be an IPv4, and an
// optional zone ("%eth0").
function isV6Text(s) {
  if (typeof s !== "string") return false;
  const pct = s.indexOf("%");
  if (pct >= 0) {
    if (!/^[0-9a-zA-Z\-.:]+$/.test(s.slice(pct + 1))) return false;
    s = s.slice(0, pct);
  }
  const groups = 8;
  if (/\.\d+$/.test(s)) {
    const i = s.lastIndexOf(":");
    if (i < 0 || !v4Re.test(s.slice(i + 1))) return false;
    s = s.slice(0, i + 1) + "0:0";
  }
  const halves = s.split("::");
  if (halves.length > 2) return false;
  const part = (t) => (t === "" ? [] : t.split(":"));
  const g = halves.map(part);
  for (const list of g) for (const x of list) if (!new RegExp(`^${h16}$`).test(x)) return false;
  const n = g.reduce((a, l) => a + l.length, 0);
  return halves.length === 2 ? n < groups : n === groups;
}

export function isIPv4(input) { return v4Re.test(`${input}`); }
export function isIPv6(input) { return isV6Text(`${input}`); }
export function isIP(input) {
  input = `${input}`;
  if (isIPv4(input)) return 4;
  if (isIPv6(input)) return 6;
  return 0;
}

// ipValue returns an address as a 128-bit BigInt (IPv4 as its IPv4-mapped IPv6 form), or null.
function ipValue(s, family) {
  if (family === "ipv4") {
    if (!v4Re.test(s)) return null;
    return 0xffff00000000n + BigInt(s.split(".").reduce((a, p) => a * 256 + Number(p), 0));
  }
  if (!isV6Text(s)) return null;
  const pct = s.indexOf("%");
  if (pct >= 0) s = s.slice(0, pct);
  let tail = [];
  if (/\.\d+$/.test(s)) {
    const i = s.lastIndexOf(":");
    const v4 = s.slice(i + 1).split(".").map(Number);
    tail = [((v4[0] << 8) | v4[1]).toString(16), ((v4[2] << 8) | v4[3]).toString(16)];
    s = s.slice(0, i + 1) + "x";
    s = s.replace(/:x$/, s.endsWith("::x") ? ":" : "");
  }
  const [a, b] = s.split("::");
  const left = a === "" ? [] : a.split(":");
  const right = b === undefined || b === "" ? [] : b.split(":");
  const fill = b === undefined ? [] : new Array(8 - left.length - right.length - tail.length).fill("0");
  const all = [...left, ...fill, ...right, ...tail];
  return all.reduce((acc, h) => (acc << 16n) + BigInt(parseInt(h, 16)), 0n);
}

function badPort(name, port) {
  return codeError(Error, "ERR_SOCKET_BAD_PORT",
    `${name} should be >= 0 and < 65536. Received ${typeof port}.`);
}

// validatePort accepts what Node accepts: numbers and numeric strings in 0..65535.
function validatePort(port, name = "Port") {
  if ((typeof port !== "number" && typeof port !== "string") ||
      (typeof port === "string" && port.trim().length === 0) ||
      +port !== (+port >>> 0) || port > 0xffff) {
    throw badPort(name, port);
  }
  return port | 0;
}

const kAddr = Symbol("address");

export class SocketAddress {
  constructor(options = {}) {
    validateObject(options, "options");
    let { family = "ipv4" } = options;
    if (typeof family?.toLowerCase === "function") family = family.toLowerCase();
    const { address = family === "ipv6" ? "::" : "127.0.0.1", port = 0, flowlabel = 0 } = options;
    validateOneOf(family, "options.family", ["ipv4", "ipv6"]);
    validateString(address, "options.address");
    validatePort(port, "options.port");
    validateUint32(flowlabel, "options.flowlabel", false);
    if (ipValue(address, family) === null) throw codeError(TypeError, "ERR_INVALID_ADDRESS", "Invalid socket address");
    this[kAddr] = { address, port: port | 0, family, flowlabel };
  }
  get address() { return this[kAddr].address; }
  get port() { return this[kAddr].port; }
  get family() { return this[kAddr].family; }
  get flowlabel() { return this[kAddr].flowlabel; }
  toJSON() {
    const a = this[kAddr];
    return { address: a.address, port: a.port, family: a.family, flowlabel: a.flowlabel };
  }
  static isSocketAddress(v) { return v instanceof SocketAddress; }
  // parse("1.2.3.4:80" | "[::1]:80") → a SocketAddress, or undefined when it does not parse.
  static parse(input) {
    validateString(input, "input");
    let url;
    try {
      url = new URL(`http://${input}`);
    } catch {
      return undefined;
    }
    let host = url.hostname;
    if (host.startsWith("[")) host = host.slice(1, -1);
    try {
      return new SocketAddress({ address: host, port: Number(url.port || 0), family: isIPv6(host) ? "ipv6" : "ipv4" });
    } catch {
      return undefined;
    }
  }
}

const kRules = Symbol("rules");
const invalidIP = (a) => codeError(TypeError, "ERR_INVALID_IP_ADDRESS", `Invalid IP address: ${a}`);

function familyName(f) { return f === "ipv6" ? "IPv6" : "IPv4"; }

export class BlockList {
  constructor() { this[kRules] = []; }
  static isBlockList(v) { return v instanceof BlockList; }

  #address(v, family, name) {
    if (v instanceof SocketAddress) return [v.address, v.family];
    validateString(v, name);
    validateString(family, "family");
    family = family.toLowerCase();
    validateOneOf(family, "family", ["ipv4", "ipv6"]);
    return [v, family];
  }

  addAddress(address, family = "ipv4") {
    const [a, f] = this.#address(address, family, "address");
    const v = ipValue(a, f);
    if (v === null) throw invalidIP(a);
    this[kRules].push({ text: `Address: ${familyName(f)} ${a}`, lo: v, hi: v, family: f });
  }

  addRange(start, end, family = "ipv4") {
    const [s, f] = this.#address(start, family, "start");
    const [e] = this.#address(end, family, "end");
    const lo = ipValue(s, f);
    const hi = ipValue(e, f);
    if (lo === null || hi === null) throw invalidIP(lo === null ? s : e);
    if (lo > hi) throw ERR_INVALID_ARG_VALUE("start", start, "must come before end");
    this[kRules].push({ text: `Range: ${familyName(f)} ${s}-${e}`, lo, hi, family: f });
  }

  addSubnet(network, prefix, family = "ipv4") {
    const [n, f] = this.#address(network, family, "network");
    const bits = f === "ipv4" ? 32 : 128;
    validateNumber(prefix, "prefix");
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits) {
      throw ERR_OUT_OF_RANGE("prefix", `between 0 and ${bits}`, prefix);
    }
    const base = ipValue(n, f);
    if (base === null) throw invalidIP(n);
    const host = (1n << BigInt(bits - prefix)) - 1n;
    const lo = base & ~host;
    this[kRules].push({ text: `Subnet: ${familyName(f)} ${n}/${prefix}`, lo, hi: lo | host, family: f });
  }

  check(address, family = "ipv4") {
    let a = address;
    let f = family;
    if (address instanceof SocketAddress) {
      a = address.address;
      f = address.family;
    } else {
      validateString(address, "address");
      validateString(family, "family");
      f = family.toLowerCase();
      if (f !== "ipv4" && f !== "ipv6") return false;
    }
    const v = ipValue(a, f);
    if (v === null) return false;
    return this[kRules].some((r) => v >= r.lo && v <= r.hi);
  }

  // fromJSON(rules) adds the rules another BlockList's toJSON() listed (an array, or its JSON).
  fromJSON(data) {
    if (typeof data === "string") data = JSON.parse(data);
    if (!Array.isArray(data)) throw ERR_INVALID_ARG_TYPE("data", ["string", "Array"], data);
    for (const rule of data) {
      validateString(rule, "rule");
      const m = /^(Address|Range|Subnet): (IPv4|IPv6) (.+)$/.exec(rule);
      if (m === null) throw ERR_INVALID_ARG_VALUE("rule", rule);
      const family = m[2].toLowerCase();
      if (m[1] === "Address") {
        this.addAddress(m[3], family);
      } else if (m[1] === "Subnet") {
        const i = m[3].lastIndexOf("/");
        this.addSubnet(m[3].slice(0, i), Number(m[3].slice(i + 1)), family);
      } else {
        // The range's ends are addresses: split at the dash that leaves two valid ones.
        const text = m[3];
        let done = false;
        for (let i = text.indexOf("-"); i >= 0 && !done; i = text.indexOf("-", i + 1)) {
          const a = text.slice(0, i);
          const b = text.slice(i + 1);
          if (ipValue(a, family) !== null && ipValue(b, family) !== null) {
            this.addRange(a, b, family);
            done = true;
          }
        }
        if (!done) throw ERR_INVALID_ARG_VALUE("rule", rule);
      }
    }
  }

  get rules() { return this[kRules].map((r) => r.text); }
  toJSON() { return this.rules; }
}

// ---- auto family selection (there is one network stack: the settings are only remembered) ----

let autoSelectFamily = false;
let autoSelectFamilyAttemptTimeout = 10;
export function getDefaultAutoSelectFamily() { return autoSelectFamily; }
export function setDefaultAutoSelectFamily(v) {
  validateBoolean(v, "value");
  autoSelectFamily = v;
}
export function getDefaultAutoSelectFamilyAttemptTimeout() { return autoSelectFamilyAttemptTimeout; }
export function setDefaultAutoSelectFamilyAttemptTimeout(v) {
  validateUint32(v, "value", true);
  autoSelectFamilyAttemptTimeout = v < 10 ? 10 : v;
}

// ---- sockets ----

// _normalizeArgs turns connect()'s overloads into [options, callback].
export function _normalizeArgs(args) {
  if (args.length === 0) return [{}, null];
  const a0 = args[0];
  let options = {};
  if (typeof a0 === "object" && a0 !== null) {
    options = a0;
  } else if (typeof a0 === "string" && Number.isNaN(Number(a0)) && a0 !== "") {
    options.path = a0;
  } else {
    options.port = a0;
    if (args.length > 1 && typeof args[1] === "string") options.host = args[1];
  }
  const cb = args[args.length - 1];
  return [options, typeof cb === "function" ? cb : null];
}

const kState = Symbol("socket state");

export function Socket(options) {
  if (!(this instanceof Socket)) return new Socket(options);
  if (typeof options === "number") options = { fd: options };
  else options = { ...(options ?? {}) };
  if (options.handle !== undefined || options.fd !== undefined) {
    throw ERR_INVALID_ARG_VALUE("options.fd", options.fd ?? options.handle, "is not supported");
  }
  for (const key of ["objectMode", "readableObjectMode", "writableObjectMode"]) {
    if (options[key]) throw ERR_INVALID_ARG_VALUE(`options.${key}`, options[key], "is not supported");
  }
  const allowHalfOpen = Boolean(options.allowHalfOpen);
  // The state exists before the Duplex is set up: an already-aborted options.signal destroys the
  // stream from inside Duplex's constructor.
  this[kState] = { socket: null, writer: null, reader: null, bytesRead: 0, bytesWritten: 0, host: null, port: null, timer: null, timeout: 0 };
  this.connecting = false;
  this._handle = null; // Node's native handle: set while a connection exists
  Duplex.call(this, { ...options, allowHalfOpen, emitClose: false, autoDestroy: true, decodeStrings: false });
  this.allowHalfOpen = allowHalfOpen;
}
Object.setPrototypeOf(Socket.prototype, Duplex.prototype);
Object.setPrototypeOf(Socket, Duplex);

Object.defineProperties(Socket.prototype, {
  pending: { get() { return this[kState]?.socket === null || this.connecting; }, configurable: true },
  readyState: {
    get() {
      if (this.connecting) return "opening";
      if (this.readable && this.writable) return "open";
      if (this.readable && !this.writable) return "readOnly";
      if (!this.readable && this.writable) return "writeOnly";
      return "closed";
    },
    configurable: true,
  },
  bytesRead: { get() { return this[kState]?.bytesRead; }, configurable: true },
  bytesWritten: { get() { return this[kState]?.bytesWritten; }, configurable: true },
  remoteAddress: { get() { return this[kState]?.socket ? this[kState]?.host : undefined; }, configurable: true },
  remotePort: { get() { return this[kState]?.socket ? this[kState]?.port : undefined; }, configurable: true },
  remoteFamily: {
    get() {
      if (!this[kState]?.socket) return undefined;
      return isIP(this[kState]?.host) === 6 ? "IPv6" : "IPv4";
    },
    configurable: true,
  },
  // A worker's connection has no local address to show: workerd reports the unspecified one.
  localAddress: { get() { return this[kState]?.socket && !this.connecting ? "0.0.0.0" : undefined; }, configurable: true },
  localPort: { get() { return this[kState]?.socket && !this.connecting ? 0 : undefined; }, configurable: true },
  localFamily: { get() { return this[kState]?.socket && !this.connecting ? "IPv4" : undefined; }, configurable: true },
  _connecting: { get() { return this.connecting; }, configurable: true },
  bufferSize: { get() { return this.writableLength; }, configurable: true },
  timeout: { get() { return this[kState]?.timeout; }, configurable: true },
});

Socket.prototype.connect = function connect(...args) {
  const [options, cb] = Array.isArray(args[0]) ? args[0] : _normalizeArgs(args);
  if (options.path !== undefined && options.path !== null) {
    throw ERR_INVALID_ARG_VALUE("path", options.path, "is not supported");
  }
  const st = this[kState];
  if (this.destroyed) {
    this._undestroy?.();
  }
  const host = options.host === undefined || options.host === null ? "localhost" : `${options.host}`;
  if (options.port === undefined || options.port === null) {
    throw missingTarget();
  }
  if (typeof options.port !== "number" && typeof options.port !== "string") {
    throw ERR_INVALID_ARG_TYPE("options.port", ["number", "string"], options.port);
  }
  const port = validatePort(options.port);
  if (options.localAddress !== undefined && !isIP(options.localAddress)) {
    throw codeError(TypeError, "ERR_INVALID_IP_ADDRESS", `Invalid IP address: ${options.localAddress}`);
  }
  if (options.localPort !== undefined && typeof options.localPort !== "number") {
    throw ERR_INVALID_ARG_TYPE("options.localPort", "number", options.localPort);
  }
  if (options.autoSelectFamily !== undefined) validateBoolean(options.autoSelectFamily, "options.autoSelectFamily");
  if (options.autoSelectFamilyAttemptTimeout !== undefined) {
    validateUint32(options.autoSelectFamilyAttemptTimeout, "options.autoSelectFamilyAttemptTimeout", true);
  }
  if (typeof cb === "function") this.once("connect", cb);
  if (options.timeout) this.setTimeout(options.timeout);
  this.connecting = true;
  st.host = host;
  st.port = port;
  let sock;
  try {
    sock = cfConnect({ hostname: host, port }, { allowHalfOpen: true, secureTransport: "off" });
  } catch (e) {
    this.connecting = false;
    nextTick(() => this.destroy(e));
    return this;
  }
  st.socket = sock;
  this._handle = { socket: sock };
  st.writer = sock.writable.getWriter();
  st.reader = sock.readable.getReader();
  sock.opened.then(() => {
    if (this.destroyed) return;
    this.connecting = false;
    this.emit("connect");
    this.emit("ready");
    readLoop(this);
  }, (e) => {
    this.connecting = false;
    const err = codeError(Error, "ECONNREFUSED", `connect ECONNREFUSED ${host}:${port}`);
    err.errno = -111;
    err.syscall = "connect";
    err.address = host;
    err.port = port;
    err.cause = e;
    this.destroy(err);
  });
  return this;
};

// readLoop pushes what arrives to the Duplex, pausing while its buffer is full.
async function readLoop(s) {
  const st = s[kState];
  for (;;) {
    let r;
    try {
      r = await st.reader.read();
    } catch (e) {
      if (!s.destroyed) s.destroy(e);
      return;
    }
    if (s.destroyed) return;
    if (r.done) {
      s.push(null);
      return;
    }
    st.bytesRead += r.value.byteLength;
    touch(s);
    if (!s.push(Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength))) {
      await new Promise((res) => { st.resumeRead = res; });
      if (s.destroyed) return;
    }
  }
}

function touch(s) {
  const st = s[kState];
  if (st.timer !== null) {
    clearTimeout(st.timer);
    st.timer = setTimeout(() => s.emit("timeout"), st.timeout);
  }
}

Socket.prototype._read = function _read() {
  const st = this[kState];
  const r = st.resumeRead;
  st.resumeRead = null;
  if (r) r();
};

Socket.prototype._write = function _write(chunk, encoding, cb) {
  const st = this[kState];
  const send = () => {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk, encoding) : chunk;
    st.writer.write(bytes).then(() => {
      st.bytesWritten += bytes.byteLength;
      touch(this);
      cb();
    }, (e) => cb(e));
  };
  if (this.connecting) this.once("connect", send);
  else if (st.writer === null) cb(codeError(Error, "ERR_SOCKET_CLOSED", "Socket is closed"));
  else send();
};

Socket.prototype._final = function _final(cb) {
  const st = this[kState];
  const end = () => st.writer.close().then(() => cb(), (e) => cb(e));
  if (this.connecting) this.once("connect", end);
  else if (st.writer === null) cb();
  else end();
};

Socket.prototype._destroy = function _destroy(err, cb) {
  const st = this[kState];
  this.connecting = false;
  this._handle = null;
  if (st.timer !== null) clearTimeout(st.timer);
  st.timer = null;
  const r = st.resumeRead;
  st.resumeRead = null;
  if (r) r();
  const sock = st.socket;
  const done = () => {
    cb(err);
    nextTick(() => this.emit("close", err != null));
  };
  if (sock) sock.close().then(done, done);
  else done();
};

Socket.prototype.setTimeout = function setTimeout_(ms, cb) {
  validateNumber(ms, "msecs");
  if (!Number.isFinite(ms) || ms < 0) throw ERR_OUT_OF_RANGE("msecs", "a non-negative finite number", ms);
  const st = this[kState];
  st.timeout = ms;
  if (st.timer !== null) clearTimeout(st.timer);
  st.timer = ms === 0 ? null : setTimeout(() => this.emit("timeout"), ms);
  if (cb !== undefined) {
    validateFunction(cb, "callback");
    if (ms === 0) this.removeListener("timeout", cb);
    else this.once("timeout", cb);
  }
  return this;
};
Socket.prototype.setNoDelay = function setNoDelay() { return this; };
Socket.prototype.setKeepAlive = function setKeepAlive() { return this; };
Socket.prototype.address = function address() { return {}; };
Socket.prototype.ref = function ref() { return this; };
Socket.prototype.unref = function unref() { return this; };
Socket.prototype.resetAndDestroy = function resetAndDestroy() { return this.destroy(codeError(Error, "ERR_SOCKET_CLOSED", "Socket is closed")); };

export function connect(...args) {
  const normalized = _normalizeArgs(args);
  const [options] = normalized;
  if (options.path === undefined && (options.port === undefined || options.port === null)) {
    throw missingTarget();
  }
  if (options.timeout !== undefined) validateNumber(options.timeout, "options.timeout");
  const s = new Socket(options);
  return s.connect(normalized);
}
export const createConnection = connect;

// Server: workers cannot listen; the object exists with Node's defaults.
export function Server(options, listener) {
  if (!(this instanceof Server)) return new Server(options, listener);
  EventEmitter.call(this);
  if (typeof options === "function") {
    listener = options;
    options = {};
  }
  options = options ?? {};
  this.allowHalfOpen = Boolean(options.allowHalfOpen);
  this.pauseOnConnect = Boolean(options.pauseOnConnect);
  this.noDelay = Boolean(options.noDelay);
  this.keepAlive = Boolean(options.keepAlive);
  this.keepAliveInitialDelay = ~~(options.keepAliveInitialDelay / 1000);
  if (typeof listener === "function") this.on("connection", listener);
}
Object.setPrototypeOf(Server.prototype, EventEmitter.prototype);
Object.setPrototypeOf(Server, EventEmitter);
Server.prototype.listen = function listen() { throw ERR_METHOD_NOT_IMPLEMENTED("Server.listen()"); };
Server.prototype.address = function address() { return null; };
Server.prototype.close = function close(cb) {
  if (typeof cb === "function") nextTick(cb, codeError(Error, "ERR_SERVER_NOT_RUNNING", "Server is not running."));
  return this;
};
Server.prototype.getConnections = function getConnections(cb) {
  if (typeof cb === "function") nextTick(cb, null, 0);
  return this;
};
Server.prototype.ref = function ref() { return this; };
Server.prototype.unref = function unref() { return this; };

export function createServer(options, listener) { return new Server(options, listener); }

// BoundSocket: a socket bound to a local address — workers have none to bind.
export class BoundSocket {
  constructor() { throw ERR_METHOD_NOT_IMPLEMENTED("BoundSocket"); }
}

export const Stream = Socket;

export default {
  BlockList, BoundSocket, SocketAddress, Stream, Server, Socket, connect, createConnection, createServer,
  getDefaultAutoSelectFamily, setDefaultAutoSelectFamily, getDefaultAutoSelectFamilyAttemptTimeout,
  setDefaultAutoSelectFamilyAttemptTimeout, isIP, isIPv4, isIPv6, _normalizeArgs,
};
