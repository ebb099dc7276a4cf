// structuredClone and the serializer behind it (also the wire format of JS RPC, rpc.js).
//
// It follows V8's ValueSerializer, which is what workerd uses: the same types, the same
// identity and cycle handling, the same DataCloneError messages ("#<WeakMap> could not be
// cloned."), and workerd's own rules for its API objects (Headers and DOMException clone,
// URL does not, ...). The byte format is ours, modelled on V8's (a tag byte per value):
//
//   0xFF 0x01                       header: magic, version
//   '_' '0' 'T' 'F'                 undefined, null, true, false
//   'I' zigzag-varint               an int32 (not -0)
//   'N' f64                         any other number (little endian)
//   'Z' sign varint(n) n bytes      a BigInt, magnitude big endian
//   '"' varint(n) n bytes           a string of Latin-1 code units
//   'c' varint(n) 2n bytes          a string of UTF-16 code units (little endian; lone
//                                   surrogates survive)
//   '^' varint(id)                  an object seen before (ids count objects in order)
//   'o' (key value)* '{'            a plain object; a key is a string, or '&' varint(n):
//                                   the n-th distinct key of the message again
//   'A' varint(len) value*len (key value)* '$'   a dense array, then its named properties
//   'a' varint(len) (key value)* '@'             a sparse array (holes stay holes)
//   'D' f64                         a Date
//   'y' 'x' 'n'f64 'z'bigint 's'string           Boolean, Number, BigInt, String wrappers
//   'R' string string               a RegExp: source, flags (lastIndex is not kept)
//   ';' (key value)* ':'            a Map
//   '\'' value* ','                 a Set
//   'B' varint(n) n bytes           an ArrayBuffer
//   'V' subtag varint(off) varint(len) buffer    a typed array or DataView over buffer
//                                   (a value, usually a '^' reference, so views of one
//                                   buffer still share it)
//   'r' proto? ('m' string)? ('s' string)? ('c' value)? '.'   an Error (V8's fields)
//   'H' subtag ...                  an API object: 'h' Headers, 'x' DOMException,
//                                   'b' Blob, 'q' Request, 'p' Response
//
// Object ids are given in the order objects are first met, by both sides alike; an object
// gets its id before its contents are written, so cycles resolve to the object under
// construction.
import { native } from "./native.js";
import { isArrayBuffer, isDetachedBuffer, isDetachable, transferArrayBuffer } from "./arraybuffer.js";
import { DOMException } from "./domexception.js";
import { Headers, Request, Response, flatHeaders, headersFromFlat, bodyParts } from "./fetch.js";
import { Blob, blobBytes, makeBlob, isFile } from "./blob.js";

const ObjectProtoToString = Object.prototype.toString;
const FunctionToString = Function.prototype.toString;
const SymbolToString = Symbol.prototype.toString;
const getProto = Object.getPrototypeOf;
const getOwn = Object.getOwnPropertyDescriptor;
const hasOwn = Object.hasOwn;
const keysOf = Object.keys;
const getter = (proto, name) => getOwn(proto, name).get;
const TypedArray = getProto(Uint8Array);
const typedArrayTag = getter(TypedArray.prototype, Symbol.toStringTag);
const DateGetTime = Date.prototype.getTime;
const NumberValueOf = Number.prototype.valueOf;
const StringValueOf = String.prototype.valueOf;
const BooleanValueOf = Boolean.prototype.valueOf;
const BigIntValueOf = BigInt.prototype.valueOf;
const MapSize = getter(Map.prototype, "size");
const MapForEach = Map.prototype.forEach;
const SetSize = getter(Set.prototype, "size");
const SetForEach = Set.prototype.forEach;
const ABByteLength = getter(ArrayBuffer.prototype, "byteLength");
const RegExpSource = getter(RegExp.prototype, "source");
const REGEXP_FLAGS = [["hasIndices", "d"], ["global", "g"], ["ignoreCase", "i"], ["multiline", "m"],
  ["dotAll", "s"], ["unicode", "u"], ["sticky", "y"]]
  .filter(([name]) => getOwn(RegExp.prototype, name))
  .map(([name, flag]) => [getter(RegExp.prototype, name), flag]);
const DataViewBuffer = getter(DataView.prototype, "buffer");
const DataViewOffset = getter(DataView.prototype, "byteOffset");
const DataViewLength = getter(DataView.prototype, "byteLength");
const TABuffer = getter(TypedArray.prototype, "buffer");
const TAOffset = getter(TypedArray.prototype, "byteOffset");
const TALength = getter(TypedArray.prototype, "byteLength");
const IteratorPrototype = getProto(getProto([][Symbol.iterator]()));

const VIEWS = {
  Int8Array: "b", Uint8Array: "B", Uint8ClampedArray: "C", Int16Array: "w", Uint16Array: "W",
  Int32Array: "d", Uint32Array: "D", Float32Array: "f", Float64Array: "F",
  BigInt64Array: "q", BigUint64Array: "Q",
};
const VIEW_CTORS = {
  b: Int8Array, B: Uint8Array, C: Uint8ClampedArray, w: Int16Array, W: Uint16Array,
  d: Int32Array, D: Uint32Array, f: Float32Array, F: Float64Array,
  q: BigInt64Array, Q: BigUint64Array, "?": DataView,
};
const ERROR_PROTOS = { EvalError: "E", RangeError: "R", ReferenceError: "F", SyntaxError: "S", TypeError: "T", URIError: "U" };
const ERROR_CTORS = { E: EvalError, R: RangeError, F: ReferenceError, S: SyntaxError, T: TypeError, U: URIError };

// Objects V8 refuses whatever their contents, by their (built-in) toStringTag.
const UNCLONEABLE = new Set(["WeakMap", "WeakSet", "WeakRef", "FinalizationRegistry", "Promise",
  "SharedArrayBuffer", "Generator", "AsyncGenerator", "Module", "Arguments"]);
const uncloneableTag = (t) => UNCLONEABLE.has(t) || t.endsWith(" Iterator") || t.startsWith("Intl.") || t.startsWith("WebAssembly.");

// Kinds from native.cloneKind (isolate/rpc.go), for objects whose tag does not say.
const K = { object: 0, proxy: 1, array: 2, function: 3, error: 4, date: 5, regexp: 6, map: 7, set: 8,
  arrayBuffer: 9, view: 10, number: 11, string: 12, bigint: 13, symbol: 14, other: 15 };

export function dataCloneError(message) {
  return new DOMException(message, "DataCloneError");
}

// dataProp reads a data property along the prototype chain without running getters (V8's
// GetDataProperty): undefined when absent or an accessor.
function dataProp(o, key) {
  for (let p = o; p !== null; p = getProto(p)) {
    // Newer V8 (workerd's) has an accessor `constructor` on %IteratorPrototype%.
    if (p === IteratorPrototype && key === "constructor") return undefined;
    const d = getOwn(p, key);
    if (d) return "value" in d ? d.value : undefined;
  }
  return undefined;
}

function constructorName(o) {
  const c = dataProp(o, "constructor");
  const n = typeof c === "function" ? dataProp(c, "name") : undefined;
  return typeof n === "string" && n !== "" ? n : "Object";
}

// describe renders a value as V8's NoSideEffectsToString does, for DataCloneError messages.
export function describe(v) {
  try {
    if (typeof v === "function") return FunctionToString.call(v);
    if (typeof v === "symbol") return SymbolToString.call(v);
    if (v === null || typeof v !== "object") return String(v);
    if (v === globalThis) return "#<ServiceWorkerGlobalScope>";
    const builtin = ObjectProtoToString.call(v).slice(8, -1);
    if (builtin === "Error") {
      const name = dataProp(v, "name");
      const msg = dataProp(v, "message");
      const n = name === undefined ? "Error" : String(name);
      const m = msg === undefined ? "" : String(msg);
      return n === "" ? m : m === "" ? n : `${n}: ${m}`;
    }
    if (dataProp(v, "toString") === ObjectProtoToString) {
      const c = dataProp(v, "constructor");
      const n = typeof c === "function" ? dataProp(c, "name") : undefined;
      if (typeof n === "string" && n !== "") return `#<${n}>`;
    }
    const tag = dataProp(v, Symbol.toStringTag);
    return `[object ${typeof tag === "string" ? tag : builtin}]`;
  } catch {
    return "#<Object>";
  }
}

const uncloneable = (v) => dataCloneError(`${describe(v)} could not be cloned.`);

// ---- API objects (workerd's host objects) ---------------------------------------------------

// hosts maps a prototype of a runtime API class to how values of it serialize: a subtag and
// writer, or the error workerd gives.
const hosts = new Map();
const hostReaders = new Map(); // subtag -> spec

// registerHost declares proto (and its subclasses) an API type: either spec.write(w, obj, rpc)
// writes it after 'H' and spec.tag, or it cannot be cloned (spec.message, or workerd's generic
// message).
export function registerHost(proto, name, spec = {}) {
  const h = { name, ...spec };
  hosts.set(proto, h);
  if (h.tag) hostReaders.set(h.tag, h);
}

function hostOf(o) {
  for (let p = getProto(o); p !== null && p !== Object.prototype; p = getProto(p)) {
    const h = hosts.get(p);
    if (h) return h;
  }
  return null;
}

const notSerializable = (name) => dataCloneError(`Could not serialize object of type "${name}". This type does not support serialization.`);

// bodyBytes returns a Request's or Response's body without consuming it: null for none, or its
// bytes when they are in memory. A streaming body could only cross RPC, as a stream, which nanod
// does not do yet.
function bodyBytes(r, rpc) {
  if (r.bodyUsed) throw dataCloneError("Body has already been used. It can only be used once. Use tee() first if you need to read it twice.");
  const { bytes, stream } = bodyParts(r.clone());
  if (!bytes && !stream) return null;
  if (stream) stream.cancel().catch(() => {});
  if (!rpc) throw dataCloneError("ReadableStream can only be serialized for RPC.");
  if (!bytes) throw dataCloneError("nanod cannot send a streaming body over RPC yet; read it into memory first (e.g. with arrayBuffer()).");
  return bytes;
}

function writeBody(w, bytes) {
  if (bytes === null) {
    w.byte(0);
  } else {
    w.byte(1);
    w.varint(bytes.byteLength);
    w.raw(bytes);
  }
}

function readBody(r) {
  if (r.byte() === 0) return null;
  const n = r.varint();
  return r.take(n).slice();
}

// API classes nanod has (or will have) as globals. Those not installed yet when
// installClone runs are looked up again at the first serialization.
let pendingHosts = null;

function installHosts(g) {
  const streams = ["ReadableStream", "WritableStream"];
  const opaque = ["URL", "URLSearchParams", "TextEncoder", "TextDecoder", "TextEncoderStream", "TextDecoderStream",
    "TransformStream", "ReadableStreamDefaultReader", "ReadableStreamBYOBReader", "ReadableStreamBYOBRequest",
    "ReadableStreamDefaultController", "ReadableByteStreamController", "WritableStreamDefaultWriter",
    "WritableStreamDefaultController", "TransformStreamDefaultController", "ByteLengthQueuingStrategy",
    "CountQueuingStrategy", "CompressionStream", "DecompressionStream", "AbortController", "Event",
    "EventTarget", "File", "FormData", "Crypto", "CryptoKey", "SubtleCrypto", "WebSocket", "FixedLengthStream",
    "IdentityTransformStream", "Cache", "CacheStorage", "HTMLRewriter", "MessageChannel", "MessagePort",
    "CustomEvent", "Navigator", "Performance", "Scheduler"];
  const missing = [];
  const add = (name, spec) => {
    const d = getOwn(g, name);
    const C = d && "value" in d ? d.value : undefined;
    if (typeof C !== "function" || !C.prototype) {
      missing.push([name, spec]);
    } else if (!hosts.has(C.prototype)) {
      registerHost(C.prototype, name, spec);
    }
  };
  for (const name of opaque) add(name, undefined);
  for (const name of streams) add(name, { message: `${name} can only be serialized for RPC.` });
  add("AbortSignal", { message: "AbortSignal serialization is not enabled." });
  pendingHosts = missing.length ? () => {
    pendingHosts = null;
    for (const [name, spec] of missing) {
      const d = getOwn(g, name);
      const C = d && "value" in d ? d.value : undefined;
      if (typeof C === "function" && C.prototype && !hosts.has(C.prototype)) registerHost(C.prototype, name, spec);
    }
  } : null;
}

registerHost(Headers.prototype, "Headers", {
  tag: "h",
  write(w, h) { w.strings(flatHeaders(h)); },
  read(r) { return headersFromFlat(r.strings(), "none"); },
});
registerHost(DOMException.prototype, "DOMException", {
  tag: "x",
  write(w, e) {
    w.value(String(e.name));
    w.value(String(e.message));
    const stack = e.stack;
    w.value(typeof stack === "string" ? stack : undefined);
  },
  read(r) {
    const name = r.value();
    const message = r.value();
    const stack = r.value();
    const e = new DOMException(message, name);
    if (stack !== undefined) e.stack = stack;
    return e;
  },
});
registerHost(Blob.prototype, "Blob", {
  tag: "b",
  write(w, b) {
    if (isFile(b)) throw notSerializable("File");
    const bytes = blobBytes(b);
    w.value(String(b.type));
    w.varint(bytes.byteLength);
    w.raw(bytes);
  },
  read(r) {
    const type = r.value();
    const n = r.varint();
    return makeBlob(r.take(n).slice(), type);
  },
});
registerHost(Request.prototype, "Request", {
  tag: "q",
  write(w, q, rpc) {
    const body = bodyBytes(q, rpc);
    w.value(q.url);
    w.value(q.method);
    w.value(q.redirect);
    w.strings(flatHeaders(q.headers));
    writeBody(w, body);
  },
  read(r) {
    const url = r.value();
    const method = r.value();
    const redirect = r.value();
    const headers = headersFromFlat(r.strings(), "none");
    const body = readBody(r);
    return new Request(url, { method, redirect, headers, body });
  },
});
registerHost(Response.prototype, "Response", {
  tag: "p",
  write(w, p, rpc) {
    const body = bodyBytes(p, rpc);
    w.value(p.status);
    w.value(p.statusText);
    w.strings(flatHeaders(p.headers));
    writeBody(w, body);
  },
  read(r) {
    const status = r.value();
    const statusText = r.value();
    const headers = headersFromFlat(r.strings(), "none");
    const body = readBody(r);
    if (status === 0) return Response.error();
    return new Response(body, { status, statusText, headers });
  },
});

// ---- Writer -----------------------------------------------------------------------------------

let scratch = new Uint8Array(1024);
let scratchBusy = false;
const f64 = new Float64Array(1);
const f64Bytes = new Uint8Array(f64.buffer);
const LATIN1 = /^[\x00-\xff]*$/;

class Writer {
  constructor(rpc) {
    if (pendingHosts) pendingHosts();
    this.rpc = rpc;
    if (scratchBusy) {
      this.buf = new Uint8Array(256);
      this.owned = false;
    } else {
      scratchBusy = true;
      this.buf = scratch;
      this.owned = true;
    }
    this.pos = 0;
    this.ids = new Map();
    this.nextId = 0;
    this.keys = new Map(); // property key -> index, so a repeated key is written once
  }
  release() {
    if (this.owned) {
      scratch = this.buf.length <= 1 << 20 ? this.buf : new Uint8Array(1024);
      scratchBusy = false;
      this.owned = false;
    }
  }
  ensure(n) {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const b = new Uint8Array(size);
    b.set(this.buf.subarray(0, this.pos));
    this.buf = b;
  }
  byte(b) {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }
  varint(n) {
    this.ensure(10);
    while (n >= 0x80) {
      this.buf[this.pos++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.buf[this.pos++] = n;
  }
  double(d) {
    this.ensure(8);
    f64[0] = d;
    this.buf.set(f64Bytes, this.pos);
    this.pos += 8;
  }
  raw(bytes) {
    this.ensure(bytes.byteLength);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.byteLength;
  }
  string(s) {
    const n = s.length;
    if (n < 64 ? latin1Short(s) : LATIN1.test(s)) {
      this.byte(0x22); // '"'
      this.varint(n);
      this.ensure(n);
      const b = this.buf;
      let p = this.pos;
      for (let i = 0; i < n; i++) b[p++] = s.charCodeAt(i);
      this.pos = p;
    } else {
      this.byte(0x63); // 'c'
      this.varint(n);
      this.ensure(2 * n);
      const b = this.buf;
      let p = this.pos;
      for (let i = 0; i < n; i++) {
        const c = s.charCodeAt(i);
        b[p++] = c & 0xff;
        b[p++] = c >>> 8;
      }
      this.pos = p;
    }
  }
  // key writes a property key: a string, or '&' and the index of the same key written before.
  key(k) {
    const n = this.keys.get(k);
    if (n !== undefined) {
      this.byte(0x26); // '&'
      this.varint(n);
      return;
    }
    this.keys.set(k, this.keys.size);
    this.string(k);
  }
  strings(list) {
    this.varint(list.length);
    for (const s of list) this.string(s);
  }
  bigint(v) {
    const neg = v < 0n;
    let hex = (neg ? -v : v).toString(16);
    if (hex.length % 2) hex = "0" + hex;
    const n = hex.length / 2;
    this.byte(neg ? 1 : 0);
    this.varint(n);
    this.ensure(n);
    for (let i = 0; i < n; i++) this.buf[this.pos++] = parseInt(hex.substr(2 * i, 2), 16);
  }
  // value writes any value.
  value(v) {
    switch (typeof v) {
      case "undefined": this.byte(0x5f); return; // '_'
      case "boolean": this.byte(v ? 0x54 : 0x46); return; // 'T' 'F'
      case "number":
        if ((v | 0) === v && !(v === 0 && 1 / v < 0)) {
          this.byte(0x49); // 'I'
          this.varint(v >= 0 ? v * 2 : -v * 2 - 1);
        } else {
          this.byte(0x4e); // 'N'
          this.double(v);
        }
        return;
      case "string": this.string(v); return;
      case "bigint": this.byte(0x5a); this.bigint(v); return; // 'Z'
      case "symbol": throw uncloneable(v);
      case "function": throw uncloneable(v);
    }
    if (v === null) {
      this.byte(0x30); // '0'
      return;
    }
    const id = this.ids.get(v);
    if (id !== undefined) {
      this.byte(0x5e); // '^'
      this.varint(id);
      return;
    }
    this.object(v);
  }
  assign(o) {
    this.ids.set(o, this.nextId++);
  }
  object(o) {
    if (Array.isArray(o)) return this.array(o);
    if (o === globalThis) throw uncloneable(o);
    if (ArrayBuffer.isView(o)) return this.view(o);
    // The tag names the built-in type for all but a few forgeries, which the brand checks
    // (methods that throw for objects of other types) catch.
    const tag = ObjectProtoToString.call(o).slice(8, -1);
    switch (tag) {
      case "Object": {
        const proto = getProto(o);
        if (proto === Object.prototype) return this.plain(o);
        return this.classInstance(o, proto);
      }
      case "Error": {
        // DOMException is an API object even where it carries no tag (before set_tostring_tag).
        const h = hostOf(o);
        return h ? this.host(o, h) : this.error(o);
      }
      case "Date": if (brand(DateGetTime, o)) return this.date(o); break;
      case "Boolean": if (brand(BooleanValueOf, o)) return this.wrapper(o, 0x79); break;
      case "Number": if (brand(NumberValueOf, o)) return this.wrapper(o, 0x6e); break;
      case "String": if (brand(StringValueOf, o)) return this.wrapper(o, 0x73); break;
      case "BigInt": if (brand(BigIntValueOf, o)) return this.wrapper(o, 0x7a); break;
      case "RegExp": if (brand(RegExpSource, o)) return this.regexp(o); break;
      case "Map": if (brand(MapSize, o)) return this.map(o); break;
      case "Set": if (brand(SetSize, o)) return this.set(o); break;
      case "ArrayBuffer": if (brand(ABByteLength, o)) return this.arrayBuffer(o); break;
      case "Symbol": throw uncloneable(o);
      default:
        if (uncloneableTag(tag)) throw uncloneable(o);
    }
    // A tag of its own (an API object, a class with Symbol.toStringTag) or a forged one: ask V8
    // what the object really is.
    return this.byKind(o);
  }
  byKind(o) {
    const h = hostOf(o);
    if (h) return this.host(o, h);
    switch (native.cloneKind(o)) {
      case K.proxy: throw dataCloneError("#<Object> could not be cloned.");
      case K.error: return this.error(o);
      case K.date: return this.date(o);
      case K.regexp: return this.regexp(o);
      case K.map: return this.map(o);
      case K.set: return this.set(o);
      case K.arrayBuffer: return this.arrayBuffer(o);
      case K.number: return this.wrapper(o, 0x6e);
      case K.string: return this.wrapper(o, 0x73);
      case K.bigint: return this.wrapper(o, 0x7a);
      case K.object: {
        const proto = getProto(o);
        if (proto === Object.prototype) return this.plain(o);
        return this.classInstance(o, proto);
      }
      default:
        throw uncloneable(o);
    }
  }
  classInstance(o, proto) {
    const h = proto === null ? null : hostOf(o);
    if (h) return this.host(o, h);
    // structuredClone treats class instances as plain objects (V8); RPC refuses them (workerd),
    // as RpcTarget instances would go by reference.
    const isRpcTarget = rpcTargetProto && proto !== null && (proto === rpcTargetProto || rpcTargetProto.isPrototypeOf(proto));
    // (structuredClone and MessagePort refuse an RpcTarget as workerd does.)
    if (isRpcTarget && !this.rpc) throw dataCloneError("Remote RPC references can only be serialized for RPC.");
    if (this.rpc) {
      if (isRpcTarget) {
        throw dataCloneError("nanod does not support passing RpcTarget instances over RPC yet (they would be passed by reference).");
      }
      throw notSerializable(constructorName(o));
    }
    return this.plain(o);
  }
  plain(o) {
    this.assign(o);
    this.byte(0x6f); // 'o'
    this.properties(o, keysOf(o), 0);
    this.byte(0x7b); // '{'
  }
  properties(o, keys, from) {
    for (let i = from; i < keys.length; i++) {
      const k = keys[i];
      const v = o[k];
      // A getter may have deleted a later property: V8 skips it.
      if (v === undefined && !hasOwn(o, k)) continue;
      this.key(k);
      this.value(v);
    }
  }
  array(o) {
    this.assign(o);
    const len = o.length;
    const keys = keysOf(o);
    // Own index keys come first, ascending, so a hole-free array has "0".."len-1" in front.
    if (len === 0 || keys[len - 1] === String(len - 1)) {
      this.byte(0x41); // 'A'
      this.varint(len);
      for (let i = 0; i < len; i++) this.value(o[i]);
      this.properties(o, keys, len);
      this.byte(0x24); // '$'
    } else {
      this.byte(0x61); // 'a'
      this.varint(len);
      this.properties(o, keys, 0);
      this.byte(0x40); // '@'
    }
  }
  date(o) {
    const t = DateGetTime.call(o);
    this.assign(o);
    this.byte(0x44); // 'D'
    this.double(t);
  }
  // wrapper writes a Boolean ('y'/'x'), Number ('n'), String ('s') or BigInt ('z') object.
  wrapper(o, tag) {
    switch (tag) {
      case 0x79: {
        const b = BooleanValueOf.call(o);
        this.assign(o);
        this.byte(b ? 0x79 : 0x78);
        return;
      }
      case 0x6e: {
        const n = NumberValueOf.call(o);
        this.assign(o);
        this.byte(0x6e);
        this.double(n);
        return;
      }
      case 0x73: {
        const str = StringValueOf.call(o);
        this.assign(o);
        this.byte(0x73);
        this.string(str);
        return;
      }
      default: {
        const b = BigIntValueOf.call(o);
        this.assign(o);
        this.byte(0x7a);
        this.bigint(b);
      }
    }
  }
  view(o) {
    const name = typedArrayTag.call(o);
    let sub, buffer, offset, length;
    if (name === undefined) {
      sub = "?";
      buffer = DataViewBuffer.call(o);
      offset = DataViewOffset.call(o);
      length = DataViewLength.call(o);
    } else {
      sub = VIEWS[name];
      buffer = TABuffer.call(o);
      offset = TAOffset.call(o);
      length = TALength.call(o);
    }
    if (isDetachedBuffer(buffer)) throw dataCloneError("An ArrayBuffer is detached and could not be cloned.");
    this.assign(o);
    this.byte(0x56); // 'V'
    this.byte(sub.charCodeAt(0));
    this.varint(offset);
    this.varint(length);
    this.value(buffer);
  }
  arrayBuffer(o) {
    const t = this.transfer ? this.transfer.indexOf(o) : -1;
    if (t >= 0) {
      // In the transfer list: its memory moves after serialization (V8 writes no bytes
      // either, and does not mind a buffer that is detached already).
      this.assign(o);
      this.byte(0x74); // 't'
      this.varint(t);
      return;
    }
    if (isDetachedBuffer(o)) throw dataCloneError("An ArrayBuffer is detached and could not be cloned.");
    const bytes = new Uint8Array(o);
    this.assign(o);
    this.byte(0x42); // 'B'
    this.varint(bytes.byteLength);
    this.raw(bytes);
  }
  regexp(o) {
    const source = RegExpSource.call(o);
    let flags = "";
    for (const [get, flag] of REGEXP_FLAGS) if (get.call(o)) flags += flag;
    this.assign(o);
    this.byte(0x52); // 'R'
    this.string(source);
    this.string(flags);
  }
  map(o) {
    // V8 takes the entries first, so getters that change the map do not change what is sent.
    const entries = [];
    MapForEach.call(o, (v, k) => { entries.push(k, v); });
    this.assign(o);
    this.byte(0x3b); // ';'
    for (let i = 0; i < entries.length; i++) this.value(entries[i]);
    this.byte(0x3a); // ':'
  }
  set(o) {
    const values = [];
    SetForEach.call(o, (v) => { values.push(v); });
    this.assign(o);
    this.byte(0x27); // '\''
    for (let i = 0; i < values.length; i++) this.value(values[i]);
    this.byte(0x2c); // ','
  }
  error(o) {
    // V8's WriteJSError: the prototype from `name`, the own data `message`, `stack` if it is a
    // string, the own data `cause`.
    const md = getOwn(o, "message");
    const cd = getOwn(o, "cause");
    this.assign(o);
    this.byte(0x72); // 'r'
    const name = String(o.name);
    const proto = ERROR_PROTOS[name];
    if (proto) this.byte(proto.charCodeAt(0));
    if (md && "value" in md) {
      this.byte(0x6d); // 'm'
      this.string(String(md.value));
    }
    const stack = o.stack;
    if (typeof stack === "string") {
      this.byte(0x73); // 's'
      this.string(stack);
    }
    if (cd && "value" in cd) {
      this.byte(0x63); // 'c'
      this.value(cd.value);
    }
    this.byte(0x2e); // '.'
  }
  host(o, h) {
    if (!h.write) throw h.message ? dataCloneError(h.message) : notSerializable(h.name);
    this.assign(o);
    this.byte(0x48); // 'H'
    this.byte(h.tag.charCodeAt(0));
    h.write(this, o, this.rpc);
  }
  result() {
    return this.buf.subarray(0, this.pos);
  }
}

function latin1Short(s) {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return false;
  return true;
}

// brand reports whether fn (a built-in method that checks its receiver's type) accepts o.
function brand(fn, o) {
  try {
    fn.call(o);
    return true;
  } catch {
    return false;
  }
}

// ---- Reader -----------------------------------------------------------------------------------

class Reader {
  constructor(bytes) {
    this.b = bytes;
    this.pos = 0;
    this.objs = [];
    this.keys = [];
  }
  fail() {
    throw dataCloneError("Unable to deserialize cloned data.");
  }
  byte() {
    if (this.pos >= this.b.length) this.fail();
    return this.b[this.pos++];
  }
  peek() {
    if (this.pos >= this.b.length) this.fail();
    return this.b[this.pos];
  }
  varint() {
    let n = 0;
    let mul = 1;
    for (;;) {
      const c = this.byte();
      n += (c & 0x7f) * mul;
      if (c < 0x80) return n;
      mul *= 0x80;
    }
  }
  double() {
    const p = this.pos;
    if (p + 8 > this.b.length) this.fail();
    for (let i = 0; i < 8; i++) f64Bytes[i] = this.b[p + i];
    this.pos = p + 8;
    return f64[0];
  }
  take(n) {
    const p = this.pos;
    if (p + n > this.b.length) this.fail();
    this.pos = p + n;
    return this.b.subarray(p, p + n);
  }
  latin1(n) {
    const bytes = this.take(n);
    if (n <= 8192) return String.fromCharCode.apply(null, bytes);
    let s = "";
    for (let i = 0; i < n; i += 8192) s += String.fromCharCode.apply(null, bytes.subarray(i, Math.min(n, i + 8192)));
    return s;
  }
  twoByte(n) {
    const bytes = this.take(2 * n);
    const units = new Uint16Array(n);
    for (let i = 0; i < n; i++) units[i] = bytes[2 * i] | (bytes[2 * i + 1] << 8);
    let s = "";
    for (let i = 0; i < n; i += 8192) s += String.fromCharCode.apply(null, units.subarray(i, Math.min(n, i + 8192)));
    return s;
  }
  string() {
    const t = this.byte();
    if (t === 0x22) return this.latin1(this.varint());
    if (t === 0x63) return this.twoByte(this.varint());
    return this.fail();
  }
  strings() {
    const n = this.varint();
    const out = new Array(n);
    for (let i = 0; i < n; i++) out[i] = this.string();
    return out;
  }
  bigint() {
    const neg = this.byte() === 1;
    const n = this.varint();
    const bytes = this.take(n);
    let hex = "0x";
    for (let i = 0; i < n; i++) hex += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
    const v = n === 0 ? 0n : BigInt(hex);
    return neg ? -v : v;
  }
  add(o) {
    this.objs.push(o);
    return o;
  }
  // reserve takes an object id before the object exists (its contents come first).
  reserve() {
    this.objs.push(undefined);
    return this.objs.length - 1;
  }
  key() {
    if (this.peek() === 0x26) {
      this.pos++;
      const n = this.varint();
      if (n >= this.keys.length) this.fail();
      return this.keys[n];
    }
    const k = this.string();
    this.keys.push(k);
    return k;
  }
  properties(o, end) {
    while (this.peek() !== end) {
      const k = this.key();
      const v = this.value();
      if (k === "__proto__") Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
      else o[k] = v;
    }
    this.pos++;
  }
  value() {
    const t = this.byte();
    switch (t) {
      case 0x5f: return undefined;
      case 0x30: return null;
      case 0x54: return true;
      case 0x46: return false;
      case 0x49: { const z = this.varint(); return z % 2 ? -(z + 1) / 2 : z / 2; }
      case 0x4e: return this.double();
      case 0x22: return this.latin1(this.varint());
      case 0x63: return this.twoByte(this.varint());
      case 0x5a: return this.bigint();
      case 0x5e: {
        const id = this.varint();
        if (id >= this.objs.length) this.fail();
        return this.objs[id];
      }
      case 0x6f: { const o = this.add({}); this.properties(o, 0x7b); return o; }
      case 0x41: {
        const len = this.varint();
        const o = this.add(new Array(len));
        for (let i = 0; i < len; i++) o[i] = this.value();
        this.properties(o, 0x24);
        return o;
      }
      case 0x61: {
        const o = this.add(new Array(this.varint()));
        this.properties(o, 0x40);
        return o;
      }
      case 0x44: return this.add(new Date(this.double()));
      case 0x79: return this.add(Object(true));
      case 0x78: return this.add(Object(false));
      case 0x6e: return this.add(Object(this.double()));
      case 0x7a: return this.add(Object(this.bigint()));
      case 0x73: return this.add(Object(this.string()));
      case 0x52: {
        const id = this.reserve();
        const source = this.string();
        const flags = this.string();
        return (this.objs[id] = new RegExp(source, flags));
      }
      case 0x3b: {
        const m = this.add(new Map());
        while (this.peek() !== 0x3a) {
          const k = this.value();
          m.set(k, this.value());
        }
        this.pos++;
        return m;
      }
      case 0x27: {
        const s = this.add(new Set());
        while (this.peek() !== 0x2c) s.add(this.value());
        this.pos++;
        return s;
      }
      case 0x42: {
        const n = this.varint();
        const bytes = this.take(n);
        return this.add(bytes.slice().buffer);
      }
      case 0x74: {
        const t = this.transferred && this.transferred[this.varint()];
        if (t === undefined) this.fail();
        return this.add(t);
      }
      case 0x56: {
        const id = this.reserve();
        const C = VIEW_CTORS[String.fromCharCode(this.byte())];
        const offset = this.varint();
        const length = this.varint();
        const buffer = this.value();
        if (!C || !(buffer instanceof ArrayBuffer)) this.fail();
        const per = C.BYTES_PER_ELEMENT || 1;
        return (this.objs[id] = new C(buffer, offset, C === DataView ? length : length / per));
      }
      case 0x72: return this.error();
      case 0x48: {
        const id = this.reserve();
        const h = hostReaders.get(String.fromCharCode(this.byte()));
        if (!h) this.fail();
        return (this.objs[id] = h.read(this));
      }
    }
    return this.fail();
  }
  error() {
    const id = this.reserve();
    let C = Error;
    let t = this.byte();
    const proto = ERROR_CTORS[String.fromCharCode(t)];
    if (proto) {
      C = proto;
      t = this.byte();
    }
    let message;
    if (t === 0x6d) {
      message = this.string();
      t = this.byte();
    }
    const e = message === undefined ? new C() : new C(message);
    this.objs[id] = e;
    let stack;
    if (t === 0x73) {
      stack = this.string();
      t = this.byte();
    }
    Object.defineProperty(e, "stack", { value: stack, writable: true, enumerable: false, configurable: true });
    if (t === 0x63) {
      const cause = this.value();
      Object.defineProperty(e, "cause", { value: cause, writable: true, enumerable: false, configurable: true });
      t = this.byte();
    }
    if (t !== 0x2e) this.fail();
    return e;
  }
}

// ---- API ----------------------------------------------------------------------------------------

let rpcTargetProto = null;

// setRpcTarget tells the serializer which class is RpcTarget (rpc.js defines it).
export function setRpcTarget(cls) {
  rpcTargetProto = cls.prototype;
}

// serialize returns value's bytes (a Uint8Array of its own). With rpc, class instances are
// refused (workerd's RPC rules) and in-memory Request/Response bodies are carried.
export function serialize(value, rpc = false) {
  const w = new Writer(rpc);
  try {
    w.byte(0xff);
    w.byte(0x01);
    w.value(value);
    const out = w.result();
    return w.owned ? out.slice() : out;
  } finally {
    w.release();
  }
}

// serializeTransient is serialize without the copy: it returns use(bytes), and the bytes are
// only valid during use (they live in a buffer the next serialization reuses).
export function serializeTransient(value, rpc = false, use, transfer = null) {
  const w = new Writer(rpc);
  w.transfer = transfer;
  try {
    w.byte(0xff);
    w.byte(0x01);
    w.value(value);
    return use(w.result());
  } finally {
    w.release();
  }
}

// deserialize reads serialized bytes; transferred holds the ArrayBuffers moved out of a transfer
// list, by index.
export function deserialize(bytes, transferred) {
  const r = new Reader(bytes);
  r.transferred = transferred;
  if (r.byte() !== 0xff || r.byte() !== 0x01) r.fail();
  return r.value();
}

const PREFIX = "Failed to execute 'structuredClone' on 'ServiceWorkerGlobalScope': ";

export function structuredClone(...args) {
  if (args.length === 0) throw new TypeError(PREFIX + "parameter 1 is not of type 'Value'.");
  const [value, options] = args;
  let list = null;
  if (options !== undefined && options !== null) {
    if (typeof options !== "object" && typeof options !== "function") {
      throw new TypeError(PREFIX + "parameter 2 is not of type 'StructuredCloneOptions'.");
    }
    const transfer = options.transfer;
    if (transfer !== undefined) {
      if (!Array.isArray(transfer)) {
        throw new TypeError("Incorrect type for the 'transfer' field on 'StructuredCloneOptions': the provided value is not of type 'Array'.");
      }
      list = transferBuffers(transfer);
    }
  }
  if (list === null) return serializeTransient(value, false, (bytes) => deserialize(bytes));
  // As in the HTML standard (and workerd): serialize first, then detach the transfer list, so a
  // failed clone leaves the buffers alone and getters run during serialization still see them.
  return serializeTransient(value, false, (bytes) => {
    const moved = list.map((ab) => (isDetachedBuffer(ab) ? new ArrayBuffer(0) : transferArrayBuffer(ab)));
    return deserialize(bytes, moved);
  }, list);
}

// transferBuffers checks a structuredClone transfer list as workerd does (ArrayBuffers, and views
// standing for their buffers) and returns its distinct ArrayBuffers.
function transferBuffers(transfer) {
  const list = [];
  for (let i = 0; i < transfer.length; i++) {
    const t = transfer[i];
    let buf;
    if (ArrayBuffer.isView(t)) {
      buf = typedArrayTag.call(t) === undefined ? DataViewBuffer.call(t) : TABuffer.call(t);
      if (!isArrayBuffer(buf)) throw dataCloneError("Object is not transferable.");
    } else if (isArrayBuffer(t)) {
      buf = t;
    } else {
      throw new TypeError("Object is not transferable");
    }
    if (!isDetachable(buf)) throw dataCloneError("Object is not transferable.");
    if (!list.includes(buf)) list.push(buf);
  }
  return list;
}

export function installClone(g) {
  installHosts(g);
  Object.defineProperty(g, "structuredClone", { value: structuredClone, writable: true, configurable: true });
}
