// WebSocket, WebSocketPair and their events, as workerd has them (api/web-socket.c++). The frames
// travel in Go (isolate/websocket.go): each WebSocket object holds the id of a Go end point, and
// Go delivers what arrives for it through the wsEvent hook, one message per turn.
import { native, unpack } from "./native.js";
import { DOMException } from "./domexception.js";
import { fetchVia } from "./fetch.js";
import { Event, EventTarget, ErrorEvent, dispatch, markTrusted, publicClass } from "./events.js";
import { compat } from "./misc.js";

// The compatibility flags that change WebSocket behaviour, read when they matter.
const flags = {
  get autoReply() { return compat("web_socket_auto_reply_to_close"); },
  get pedantic() { return compat("pedantic_wpt"); },
  get reasonLimit() { return compat("websocket_close_reason_byte_limit"); },
  get blobDefault() { return compat("websocket_standard_binary_type"); },
};

// workerd tags its classes (Symbol.toStringTag) only from set_tostring_tag's date on.
function tagWhenFlagged(C, name) {
  Object.defineProperty(C.prototype, Symbol.toStringTag, {
    get() { return compat("set_tostring_tag") ? name : undefined; }, configurable: true,
  });
}

// ---- The WebSocket classes --------------------------------------------------------------

const CONNECTING = 0, OPEN = 1, CLOSING = 2, CLOSED = 3;

const live = new Map(); // id -> WebSocket, for the accepted (or connecting) ones Go delivers to
const states = new WeakMap(); // WebSocket -> its internal state

function utf8Length(s) {
  let n = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && k + 1 < s.length && (s.charCodeAt(k + 1) & 0xfc00) === 0xdc00) { n += 4; k++; }
    else n += 3;
  }
  return n;
}

function toUSV(s) { return typeof s.toWellFormed === "function" ? s.toWellFormed() : s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd"); }

// wrapEnd makes a WebSocket object for a Go end this isolate owns (not yet accepted).
export function wrapEnd(id) {
  return new WebSocket(kInternal, id);
}
const kInternal = Symbol("internal");

function initState(ws, id, state) {
  states.set(ws, {
    id, state, closedOutgoing: false, closedIncoming: false, outgoingAborted: false, error: undefined,
    allowHalfOpen: !flags.autoReply, binaryType: flags.blobDefault ? "blob" : "arraybuffer",
    url: null, protocol: "", extensions: "", attachment: undefined,
  });
}

function st(ws) {
  const s = states.get(ws);
  if (!s) throw new TypeError("Illegal invocation: function called with incorrect `this` reference.");
  return s;
}

function readyState(s) {
  if ((s.closedIncoming && s.closedOutgoing) || s.error !== undefined) return CLOSED;
  if (s.closedIncoming || s.closedOutgoing) return CLOSING;
  if (s.state === "connecting") return CONNECTING;
  return OPEN;
}

// reportError raises the error event once; afterwards send() is ignored.
function reportError(ws, err) {
  const s = states.get(ws);
  if (s.error !== undefined) return;
  s.error = err;
  s.outgoingAborted = true;
  const message = err instanceof Error ? `Uncaught ${err.name}: ${err.message}` : `Uncaught ${String(err)}`;
  fire(ws, new ErrorEvent("error", { message, error: err }));
}

function finish(ws) {
  const s = states.get(ws);
  if ((s.closedIncoming && (s.closedOutgoing || s.outgoingAborted)) || s.error !== undefined) live.delete(s.id);
}

// wsEvent is called by Go (isolate/websocket.go wsDispatch) for each message, one per turn.
const T_TEXT = 0, T_BINARY = 1, T_CLOSE = 2, T_ERROR = 3, T_ABORT = 4;
export function wsEvent(id, kind, payload, code) {
  const ws = live.get(id);
  if (!ws) return;
  const s = states.get(ws);
  try {
    switch (kind) {
      case T_TEXT:
        fire(ws, new MessageEvent("message", { data: payload, [kOrigin]: null }));
        break;
      case T_BINARY: {
        let data = payload.byteOffset === 0 && payload.byteLength === payload.buffer.byteLength ? payload.buffer : payload.slice().buffer;
        if (s.binaryType === "blob" && typeof globalThis.Blob === "function") data = new globalThis.Blob([data]);
        fire(ws, new MessageEvent("message", { data, [kOrigin]: null }));
        break;
      }
      case T_CLOSE:
        s.closedIncoming = true;
        if (!s.allowHalfOpen && !s.closedOutgoing && !s.outgoingAborted && s.state !== "released") {
          // web_socket_auto_reply_to_close: reply with the same Close before the event fires.
          native.wsClose(s.id, code, payload);
          s.closedOutgoing = true;
        }
        finish(ws);
        fire(ws, new CloseEvent("close", { code, reason: payload, wasClean: true }));
        break;
      case T_ERROR:
        s.closedIncoming = true;
        live.delete(id);
        reportError(ws, new Error(payload));
        break;
      case T_ABORT:
        s.outgoingAborted = true;
        live.delete(id);
        if (!s.closedIncoming) {
          // As workerd: closedIncoming is set after the event (readyState is still OPEN in it).
          try {
            fire(ws, new CloseEvent("close", { code: 1006, reason: "WebSocket disconnected without sending Close frame.", wasClean: false }));
          } finally {
            s.closedIncoming = true;
          }
        }
        break;
    }
  } catch (e) {
    // A listener threw: as in workerd, the read loop ends with that error (an error event; no
    // further messages) and the end is given up: a JS peer sees 1006, a network peer 1011.
    s.closedIncoming = true;
    live.delete(id);
    native.wsAbort(id, 1011, "Uncaught exception in the worker's WebSocket handler.");
    reportError(ws, e);
  }
}

// takeForResponse releases a WebSocket being returned in a 101 response: its id goes to Go.
export function takeForResponse(ws) {
  const s = st(ws);
  if (s.state === "connecting") throw new TypeError("Can't return WebSocket in a Response if it was created with `new WebSocket()`");
  if (s.state === "released") throw new TypeError("Can't return WebSocket that was already used in a response.");
  if (s.state === "accepted") throw new TypeError("Can't return WebSocket in a Response after calling accept().");
  s.state = "released";
  return s.id;
}

export function isWebSocket(v) { return states.has(v); }

// ---- Events ------------------------------------------------------------------------------

class MessageEventImpl extends Event {
  #data; #origin; #lastEventId; #source; #ports;
  constructor(type, init = undefined) {
    if (arguments.length < 1) throw new TypeError("Failed to construct 'MessageEvent': constructor parameter 1 is not of type 'string'.");
    super(type);
    // A constructed event's origin is "" (as workerd's); received messages have none (null).
    this.#data = init?.[kHasData] === true ? init.data : init?.data === undefined ? null : init.data;
    const origin = init?.[kOrigin];
    this.#origin = origin === null ? null : typeof origin === "string" ? origin : "";
    this.#lastEventId = init?.[kLastEventId] ?? "";
    this.#source = init?.[kSource] ?? null;
    this.#ports = [];
  }
  get data() { return this.#data; }
  get origin() { return this.#origin; }
  get lastEventId() { return this.#lastEventId; }
  get source() { return this.#source; }
  get ports() { return this.#ports; }
}
const kOrigin = Symbol("origin"), kLastEventId = Symbol("lastEventId"), kSource = Symbol("source"), kHasData = Symbol("hasData");

// newMessageEvent makes a trusted MessageEvent the runtime dispatches (MessagePort,
// EventSource): origin null unless given, lastEventId "" unless given, source a MessagePort or null.
export function newMessageEvent(type, data, { origin = null, lastEventId = "", source = null } = {}) {
  return markTrusted(new MessageEvent(type, { data, [kHasData]: true, [kOrigin]: origin, [kLastEventId]: lastEventId, [kSource]: source }));
}
const MessageEvent = publicClass(MessageEventImpl, "MessageEvent", { tag: null });
tagWhenFlagged(MessageEvent, "MessageEvent");

class CloseEventImpl extends Event {
  #code; #reason; #clean;
  constructor(type, init = undefined) {
    if (arguments.length < 1) throw new TypeError("Failed to construct 'CloseEvent': constructor parameter 1 is not of type 'string'.");
    super(type);
    this.#code = init?.code === undefined ? 0 : toInt(init.code);
    this.#reason = init?.reason === undefined ? "" : toUSV(String(init.reason));
    this.#clean = init?.wasClean === undefined ? false : !!init.wasClean;
  }
  get code() { return this.#code; }
  get reason() { return this.#reason; }
  get wasClean() { return this.#clean; }
}
const CloseEvent = publicClass(CloseEventImpl, "CloseEvent", { tag: null });
tagWhenFlagged(CloseEvent, "CloseEvent");

// fire dispatches a runtime event at ws: an exception from a listener ends the dispatch and
// propagates (workerd's read loop then fails), unless spec_compliant_dispatch_exceptions
// reports it instead (events.js).
function fire(ws, ev) {
  dispatch(ws, markTrusted(ev));
}

// ---- WebSocket ---------------------------------------------------------------------------

class WebSocketImpl extends EventTarget {
  constructor(url, protocols = undefined) {
    if (arguments.length < 1) throw new TypeError("Failed to construct 'WebSocket': constructor parameter 1 is not of type 'string'.");
    super();
    if (url === kInternal) {
      initState(this, protocols, "pending");
      return;
    }
    const err = (msg) => new DOMException("WebSocket Constructor: " + msg, "SyntaxError");
    url = String(url);
    let u;
    try { u = new URL(url); } catch { throw err("The url is invalid."); }
    if (u.protocol !== "ws:" && u.protocol !== "wss:") throw err("The url scheme must be ws or wss.");
    if (u.hash !== "" || url.includes("#")) throw err("The url fragment must be empty.");
    let proto = null;
    if (protocols !== undefined) {
      if (typeof protocols === "string" || typeof protocols?.[Symbol.iterator] !== "function") {
        proto = String(protocols);
        if (!validToken(proto)) throw err("The protocol header token is invalid.");
      } else {
        const list = [...protocols].map(String);
        const seen = new Set();
        for (const p of list) {
          if (!validToken(p)) throw err("One of the protocol header tokens is invalid.");
          if (seen.has(p)) throw err("The protocols header cannot have repeating values.");
          seen.add(p);
        }
        if (list.length > 0) proto = list.join(", ");
      }
    }
    initState(this, 0, "connecting");
    const s = states.get(this);
    s.url = url;
    u.protocol = u.protocol === "ws:" ? "http:" : "https:";
    u.username = "";
    u.password = "";
    const headers = { upgrade: "websocket" };
    if (proto !== null) headers["sec-websocket-protocol"] = proto;
    const self = this;
    connect(u.href, headers).then((resp) => {
      const id = states.get(resp.webSocket).id;
      if (s.state !== "connecting") {
        native.wsAbort(id, 1000, "");
        return;
      }
      s.id = id;
      s.state = "accepted";
      s.protocol = resp.headers.get("sec-websocket-protocol");
      s.extensions = resp.headers.get("sec-websocket-extensions");
      live.set(id, self);
      native.wsAccept(id);
      fire(self, new Event("open"));
    }, (e) => {
      if (s.state !== "connecting") return;
      s.state = "released";
      s.closedIncoming = true;
      reportError(self, e);
      fire(self, new CloseEvent("close", { code: 1006, reason: "Failed to establish websocket connection", wasClean: false }));
    });
  }
  accept(options = undefined) {
    const s = st(this);
    if (s.state === "connecting") throw new TypeError("Websockets obtained from the 'new WebSocket()' constructor cannot call accept");
    if (s.state === "released") throw new TypeError("Can't accept() WebSocket that was already used in a response.");
    if (s.state === "accepted") return;
    if (options !== undefined && options !== null && options.allowHalfOpen !== undefined) s.allowHalfOpen = !!options.allowHalfOpen;
    s.state = "accepted";
    live.set(s.id, this);
    native.wsAccept(s.id);
  }
  send(message) {
    const s = st(this);
    if (arguments.length < 1) throw new TypeError("Failed to execute 'send' on 'WebSocket': parameter 1 is not of type 'ArrayBuffer or ArrayBufferView or string'.");
    if (s.closedOutgoing) throw new TypeError("Can't call WebSocket send() after close().");
    if (s.outgoingAborted || s.state === "released") return;
    if (s.state !== "accepted") {
      throw new TypeError("You must call one of accept() or state.acceptWebSocket() on this WebSocket before sending messages.");
    }
    if (message instanceof ArrayBuffer || ArrayBuffer.isView(message)) native.wsSend(s.id, 1, message);
    else native.wsSend(s.id, 0, toUSV(String(message)));
  }
  close(code = undefined, reason = undefined) {
    const s = st(this);
    if (code !== undefined) {
      code = toInt(code);
      const ok = flags.pedantic ? code === 1000 || (code >= 3000 && code <= 4999)
        : code >= 1000 && code < 5000 && code !== 1004 && code !== 1005 && code !== 1006 && code !== 1015;
      if (!ok) throw new DOMException(`Invalid WebSocket close code: ${code}.`, "InvalidAccessError");
    }
    if (reason !== undefined) reason = toUSV(String(reason));
    if (flags.reasonLimit && reason !== undefined && utf8Length(reason) > 123) {
      throw new DOMException("WebSocket close reason must not be longer than 123 bytes when UTF-8 encoded.", "SyntaxError");
    }
    if (reason !== undefined && code === undefined) {
      throw new DOMException("If you specify a WebSocket close reason, you must also specify a code.", "InvalidAccessError");
    }
    if (s.state === "connecting") {
      s.state = "released";
      return;
    }
    if (s.closedOutgoing || s.outgoingAborted || s.state === "released") return;
    if (s.state !== "accepted") {
      throw new TypeError("You must call one of accept() or state.acceptWebSocket() on this WebSocket before sending messages.");
    }
    if (s.error !== undefined) throw s.error;
    // A Close frame carries at most 123 bytes of reason (without the byte-limit flag, a longer
    // one is cut, not refused).
    native.wsClose(s.id, code === undefined ? 1005 : code, reason === undefined ? "" : truncateUTF8(reason, 123));
    s.closedOutgoing = true;
    finish(this);
  }
  serializeAttachment(value) {
    const s = st(this);
    s.attachment = typeof globalThis.structuredClone === "function" ? globalThis.structuredClone(value) : value;
  }
  deserializeAttachment() {
    const s = st(this);
    if (s.attachment === undefined) return null;
    return typeof globalThis.structuredClone === "function" ? globalThis.structuredClone(s.attachment) : s.attachment;
  }
  get readyState() { return readyState(st(this)); }
  get url() { return st(this).url; }
  get protocol() { return st(this).protocol; }
  get extensions() { return st(this).extensions; }
  get binaryType() { return st(this).binaryType; }
  set binaryType(v) {
    v = String(v);
    if (v === "blob" || v === "arraybuffer") st(this).binaryType = v;
  }
}
for (const [k, v] of [["CONNECTING", CONNECTING], ["OPEN", OPEN], ["CLOSING", CLOSING], ["CLOSED", CLOSED]]) {
  for (const name of ["READY_STATE_" + k, k]) {
    Object.defineProperty(WebSocketImpl, name, { value: v, enumerable: true });
    Object.defineProperty(WebSocketImpl.prototype, name, { value: v, enumerable: true });
  }
}
const WebSocket = publicClass(WebSocketImpl, "WebSocket", { tag: null });
tagWhenFlagged(WebSocket, "WebSocket");

class WebSocketPairImpl {
  constructor() {
    const [a, b] = unpack(native.wsPair()).map(Number);
    Object.defineProperty(this, 0, { value: wrapEnd(a), enumerable: true });
    Object.defineProperty(this, 1, { value: wrapEnd(b), enumerable: true });
  }
  *[Symbol.iterator]() { yield this[0]; yield this[1]; }
  entries() { return this[Symbol.iterator](); }
}
const WebSocketPair = publicClass(WebSocketPairImpl, "WebSocketPair", { tag: null });
tagWhenFlagged(WebSocketPair, "WebSocketPair");

export function installWebSocket(g) {
  const def = (name, value) => Object.defineProperty(g, name, { value, writable: true, configurable: true });
  def("WebSocket", WebSocket);
  def("WebSocketPair", WebSocketPair);
  def("MessageEvent", MessageEvent);
  def("CloseEvent", CloseEvent);
}

function toInt(v) {
  const n = Number(v);
  if (!Number.isFinite(n)) return 0;
  return Math.trunc(n) | 0;
}

function truncateUTF8(s, max) {
  if (utf8Length(s) <= max) return s;
  let n = 0, out = "";
  for (const ch of s) {
    const l = utf8Length(ch);
    if (n + l > max) break;
    n += l;
    out += ch;
  }
  return out;
}

// See item 10 of RFC 6455 §4.1.
function validToken(p) {
  if (p.length === 0) return false;
  for (let k = 0; k < p.length; k++) {
    const c = p.charCodeAt(k);
    if (c < 0x21 || c > 0x7e || "()<>@,;:\\/[]?={}".includes(p[k])) return false;
  }
  return true;
}

// connect opens an outgoing WebSocket through the global outbound, as workerd's constructor does.
async function connect(url, headers) {
  const resp = await fetchVia(0, url, { headers });
  if (resp.status !== 101 || !resp.webSocket) {
    throw new TypeError(`Failed to establish the WebSocket connection: expected server to reply with HTTP status code 101 (switching protocols), but received ${resp.status} instead.`);
  }
  return resp;
}
