// node:buffer — Node's Buffer as workerd's nodejs_compat provides it: a Uint8Array subclass
// with Node's encodings (utf8, hex, base64, base64url, latin1/binary, ascii, utf16le/ucs2).

export const kMaxLength = 2147483647;
export const kStringMaxLength = 536870888;
export const constants = { MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: kStringMaxLength };
export let INSPECT_MAX_BYTES = 50;

const customInspect = Symbol.for("nodejs.util.inspect.custom");
const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder("utf-8", { ignoreBOM: true });

function codeError(Ctor, code, msg) {
  const e = new Ctor(msg);
  e.code = code;
  return e;
}

function describe(v) {
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (typeof v === "function") return `function ${v.name}`;
  if (typeof v === "object") return v.constructor?.name ? `an instance of ${v.constructor.name}` : "[object Object]";
  let s = typeof v === "string" ? `'${v}'` : typeof v === "bigint" ? `${v}n` : String(v);
  if (s.length > 28) s = s.slice(0, 25) + "...";
  return `type ${typeof v} (${s})`;
}

function invalidArg(name, type, v) {
  return codeError(TypeError, "ERR_INVALID_ARG_TYPE", `The "${name}" argument must be ${type}. Received ${describe(v)}`);
}

// addNumericalSeparator groups digits by three, as Node does for large values in messages.
function addNumericalSeparator(val) {
  let res = "";
  let i = val.length;
  const start = val[0] === "-" ? 1 : 0;
  for (; i >= start + 4; i -= 3) res = `_${val.slice(i - 3, i)}${res}`;
  return `${val.slice(0, i)}${res}`;
}

function outOfRange(name, range, v) {
  let shown = String(v);
  if (typeof v === "string") {
    shown = `'${v}'`;
  } else if (typeof v === "object" || typeof v === "function") {
    const ins = globalThis[Symbol.for("nanod.internals")]?.inspect;
    if (ins) shown = ins(v);
  }
  if (typeof v === "bigint") {
    if (v > 2n ** 32n || v < -(2n ** 32n)) shown = addNumericalSeparator(shown);
    shown += "n";
  } else if (Number.isInteger(v) && Math.abs(v) > 2 ** 32) {
    shown = addNumericalSeparator(shown);
  }
  return codeError(RangeError, "ERR_OUT_OF_RANGE", `The value of "${name}" is out of range. It must be ${range}. Received ${shown}`);
}

// validateOffset is Node's integer check for offsets and lengths: a number, an integer, in range.
function validateOffset(value, name, min = 0, max = Number.MAX_SAFE_INTEGER) {
  if (typeof value !== "number") throw invalidArg(name, "of type number", value);
  if (!Number.isInteger(value)) throw outOfRange(name, "an integer", value);
  if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
  return value;
}

// boundsError reports an access past the end: not an integer, a buffer too short for the
// width, or the offset range that would fit.
function boundsError(value, last, type) {
  if (Math.floor(value) !== value) throw outOfRange(type || "offset", "an integer", value);
  if (last < 0) throw codeError(RangeError, "ERR_BUFFER_OUT_OF_BOUNDS", "Attempt to access memory outside buffer bounds");
  throw outOfRange(type || "offset", `>= ${type ? 1 : 0} and <= ${last}`, value);
}

// toInteger truncates toward -Infinity as Node's copy() does; NaN and unsafe values give dflt.
function toInteger(n, dflt) {
  n = +(n ?? 0);
  if (!Number.isNaN(n) && n >= Number.MIN_SAFE_INTEGER && n <= Number.MAX_SAFE_INTEGER) return Math.floor(n);
  return dflt;
}

function unknownEncoding(enc) {
  return codeError(TypeError, "ERR_UNKNOWN_ENCODING", `Unknown encoding: ${enc}`);
}

// normalizeEncoding maps an encoding name to its canonical form, or undefined if unknown.
function normalizeEncoding(enc) {
  if (enc === undefined || enc === null || enc === "") return "utf8";
  switch (String(enc).toLowerCase()) {
    case "utf8": case "utf-8": return "utf8";
    case "hex": return "hex";
    case "base64": return "base64";
    case "base64url": return "base64url";
    case "latin1": case "binary": return "latin1";
    case "ascii": return "ascii";
    case "ucs2": case "ucs-2": case "utf16le": case "utf-16le": return "utf16le";
  }
  return undefined;
}

// encodingOps is toString's stricter lookup: undefined and "" mean utf8, null is unknown.
function encodingOps(enc) {
  if (enc === undefined) return "utf8";
  return normalizeEncoding(`${enc}`);
}

function getEncoding(enc) {
  const e = normalizeEncoding(enc);
  if (e === undefined) throw unknownEncoding(enc);
  return e;
}

// ---- string <-> bytes ------------------------------------------------------------------------

const b64chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const b64urlchars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const b64lookup = new Int16Array(256).fill(-1);
for (let i = 0; i < 64; i++) {
  b64lookup[b64chars.charCodeAt(i)] = i;
  b64lookup[b64urlchars.charCodeAt(i)] = i;
}

function base64ToBytes(s) {
  // Lenient, as in Node: either alphabet, whitespace and other characters skipped, stops at '='.
  const out = new Uint8Array(Math.ceil((s.length * 3) / 4));
  let n = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 61) break;
    const v = c < 256 ? b64lookup[c] : -1;
    if (v < 0) continue;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, n);
}

function bytesToBase64(b, url) {
  const chars = url ? b64urlchars : b64chars;
  let out = "";
  let i = 0;
  for (; i + 2 < b.length; i += 3) {
    const v = (b[i] << 16) | (b[i + 1] << 8) | b[i + 2];
    out += chars[v >> 18] + chars[(v >> 12) & 63] + chars[(v >> 6) & 63] + chars[v & 63];
  }
  if (i < b.length) {
    const rest = b.length - i;
    const v = (b[i] << 16) | (rest > 1 ? b[i + 1] << 8 : 0);
    out += chars[v >> 18] + chars[(v >> 12) & 63];
    if (rest > 1) out += chars[(v >> 6) & 63];
    else if (!url) out += "=";
    if (!url) out += "=";
  }
  return out;
}

function hexToBytes(s) {
  const n = s.length >>> 1;
  const out = new Uint8Array(n);
  let i = 0;
  for (; i < n; i++) {
    const h = parseInt(s.substr(i * 2, 2), 16);
    if (Number.isNaN(h) || !/^[0-9a-fA-F]{2}$/.test(s.substr(i * 2, 2))) break;
    out[i] = h;
  }
  return out.subarray(0, i);
}

const hexTable = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

function stringToBytes(s, enc) {
  switch (enc) {
    case "utf8": return utf8Encoder.encode(s);
    case "hex": return hexToBytes(s);
    case "base64": case "base64url": return base64ToBytes(s);
    case "latin1": case "ascii": {
      const out = new Uint8Array(s.length);
      for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
      return out;
    }
    case "utf16le": {
      const out = new Uint8Array(s.length * 2);
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        out[i * 2] = c & 0xff;
        out[i * 2 + 1] = c >> 8;
      }
      return out;
    }
  }
  throw unknownEncoding(enc);
}

// outputLength is the length of the string b decodes to (an upper bound for UTF-8).
function outputLength(n, enc) {
  switch (enc) {
    case "hex": return 2 * n;
    case "base64": return 4 * Math.ceil(n / 3);
    case "base64url": return Math.ceil((4 * n) / 3);
    case "utf16le": return n >>> 1;
  }
  return n;
}

function bytesToString(b, enc) {
  if (outputLength(b.length, enc) > kStringMaxLength) throw new RangeError("String is too long for a V8 string");
  switch (enc) {
    case "utf8": return utf8Decoder.decode(b);
    case "hex": {
      let out = "";
      for (let i = 0; i < b.length; i++) out += hexTable[b[i]];
      return out;
    }
    case "base64": return bytesToBase64(b, false);
    case "base64url": return bytesToBase64(b, true);
    case "latin1": case "ascii": {
      const mask = enc === "ascii" ? 0x7f : 0xff;
      let out = "";
      for (let i = 0; i < b.length; i += 4096) {
        const chunk = b.subarray(i, Math.min(i + 4096, b.length));
        out += String.fromCharCode.apply(null, mask === 0xff ? chunk : Array.from(chunk, (c) => c & mask));
      }
      return out;
    }
    case "utf16le": {
      let out = "";
      for (let i = 0; i + 1 < b.length; i += 2) out += String.fromCharCode(b[i] | (b[i + 1] << 8));
      return out;
    }
  }
  throw unknownEncoding(enc);
}

// ---- Buffer --------------------------------------------------------------------------------

class FastBuffer extends Uint8Array {}

export function Buffer(arg, encodingOrOffset, length) {
  if (typeof arg === "number") {
    if (typeof encodingOrOffset === "string") throw invalidArg("string", "of type string", arg);
    return Buffer.alloc(arg);
  }
  return Buffer.from(arg, encodingOrOffset, length);
}
Buffer.prototype = FastBuffer.prototype;
Object.defineProperty(FastBuffer.prototype, "constructor", { value: Buffer, writable: true, configurable: true });
Object.setPrototypeOf(Buffer, Uint8Array);
Object.defineProperty(Buffer, Symbol.species, { get() { return FastBuffer; }, configurable: true });
Buffer.poolSize = 8192;

function fromBytes(u8) {
  return new FastBuffer(u8.buffer, u8.byteOffset, u8.byteLength);
}

function checkSize(size) {
  if (typeof size !== "number") throw invalidArg("size", "of type number", size);
}

Buffer.from = function from(value, encodingOrOffset, length) {
  if (typeof value === "string") {
    return fromBytes(stringToBytes(value, getEncoding(encodingOrOffset)));
  }
  if (typeof value === "object" && value !== null) {
    if (value instanceof ArrayBuffer || (typeof SharedArrayBuffer === "function" && value instanceof SharedArrayBuffer)) {
      const off = encodingOrOffset === undefined ? 0 : +encodingOrOffset || 0;
      const max = value.byteLength - off;
      if (max < 0) throw codeError(RangeError, "ERR_BUFFER_OUT_OF_BOUNDS", '"offset" is outside of buffer bounds');
      let len = max;
      if (length !== undefined) {
        len = +length || 0;
        if (len > 0) {
          if (len > max) throw codeError(RangeError, "ERR_BUFFER_OUT_OF_BOUNDS", '"length" is outside of buffer bounds');
        } else {
          len = 0;
        }
      }
      return new FastBuffer(value, off, len);
    }
    if (ArrayBuffer.isView(value)) {
      if (value instanceof Uint8Array) {
        const out = new FastBuffer(value.length);
        Uint8Array.prototype.set.call(out, value);
        return out;
      }
      const out = new FastBuffer(value.length);
      for (let i = 0; i < value.length; i++) out[i] = Number(value[i]);
      return out;
    }
    const prim = value.valueOf?.();
    if (prim != null && prim !== value && (typeof prim === "string" || typeof prim === "object")) {
      return Buffer.from(prim, encodingOrOffset, length);
    }
    if (value.length !== undefined || value.buffer instanceof ArrayBuffer ||
        (typeof SharedArrayBuffer === "function" && value.buffer instanceof SharedArrayBuffer)) {
      if (typeof value.length !== "number") return new FastBuffer(0);
      return fromBytes(Uint8Array.from(value));
    }
    if (value.type === "Buffer" && Array.isArray(value.data)) return Buffer.from(value.data);
    if (typeof value[Symbol.toPrimitive] === "function") {
      const p = value[Symbol.toPrimitive]("string");
      if (typeof p === "string") return Buffer.from(p, encodingOrOffset);
    }
  }
  throw codeError(TypeError, "ERR_INVALID_ARG_TYPE", "The first argument must be of type string or an instance of " +
    `Buffer, TypedArray, ArrayBuffer, SharedArrayBuffer, or Array or an Array-like Object. Received ${describe(value)}`);
};

Buffer.of = function of(...items) {
  const out = new FastBuffer(items.length);
  for (let i = 0; i < items.length; i++) out[i] = items[i];
  return out;
};

Buffer.alloc = function alloc(size, fill, encoding) {
  checkSize(size);
  if (Number.isNaN(size)) {
    throw codeError(RangeError, "ERR_INVALID_ARG_VALUE", "The argument 'size' is invalid. Received NaN");
  }
  if (size >= kMaxLength) throw outOfRange("size", `0 to ${kMaxLength}`, size);
  const b = new FastBuffer(size); // a negative size is V8's RangeError
  if (fill !== undefined && fill !== 0 && b.length > 0) {
    if (encoding !== undefined && typeof encoding !== "string") throw invalidArg("encoding", "of type string", encoding);
    b.fill(fill, 0, b.length, encoding);
  }
  return b;
};
Buffer.allocUnsafe = function allocUnsafe(size) {
  return Buffer.alloc(size);
};
Buffer.allocUnsafeSlow = Buffer.allocUnsafe;

Buffer.isBuffer = function isBuffer(b) {
  return b instanceof Buffer;
};

Buffer.isEncoding = function isEncoding(enc) {
  return typeof enc === "string" && enc.length !== 0 && normalizeEncoding(enc) !== undefined;
};

Buffer.byteLength = function byteLength(string, encoding) {
  if (typeof string !== "string") {
    if (ArrayBuffer.isView(string) || string instanceof ArrayBuffer ||
        (typeof SharedArrayBuffer === "function" && string instanceof SharedArrayBuffer)) {
      return string.byteLength;
    }
    throw invalidArg("string", "of type string or an instance of Buffer or ArrayBuffer", string);
  }
  const enc = normalizeEncoding(encoding) ?? "utf8";
  switch (enc) {
    case "utf8": return utf8Encoder.encode(string).length;
    case "utf16le": return string.length * 2;
    case "latin1": case "ascii": return string.length;
    case "hex": return string.length >>> 1;
    case "base64": case "base64url": {
      let n = string.length;
      if (n > 0 && string.charCodeAt(n - 1) === 61) n--;
      if (n > 1 && string.charCodeAt(n - 1) === 61) n--;
      return (n * 3) >>> 2;
    }
  }
  return utf8Encoder.encode(string).length;
};

function isUint8(v) {
  return v instanceof Uint8Array;
}

Buffer.compare = function compare(a, b) {
  if (!isUint8(a)) throw invalidArg("buf1", "an instance of Buffer or Uint8Array", a);
  if (!isUint8(b)) throw invalidArg("buf2", "an instance of Buffer or Uint8Array", b);
  return compareBytes(a, b);
};

function compareBytes(a, b) {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

Buffer.concat = function concat(list, totalLength) {
  if (!Array.isArray(list)) throw invalidArg("list", "an instance of Array", list);
  if (list.length === 0) return new FastBuffer(0);
  if (totalLength === undefined) {
    totalLength = 0;
    for (let i = 0; i < list.length; i++) {
      if (!isUint8(list[i])) throw badListElement(i);
      totalLength += list[i].length;
    }
  } else {
    if (typeof totalLength !== "number") throw invalidArg("length", "of type number", totalLength);
  }
  const out = Buffer.alloc(totalLength);
  let pos = 0;
  for (let i = 0; i < list.length; i++) {
    const b = list[i];
    if (!isUint8(b)) throw badListElement(i);
    if (pos + b.length > out.length) {
      out.set(b.subarray(0, out.length - pos), pos);
      pos = out.length;
      break;
    }
    out.set(b, pos);
    pos += b.length;
  }
  return out;
};

function badListElement(i) {
  return new TypeError(`Incorrect type for array element ${i}: the provided value is not of type 'Uint8Array'.`);
}

export function SlowBuffer(size) {
  return Buffer.alloc(+size);
}

const proto = Buffer.prototype;

Object.defineProperty(proto, "parent", {
  enumerable: true, configurable: true,
  get() { return this instanceof Buffer ? this.buffer : undefined; },
});
Object.defineProperty(proto, "offset", {
  enumerable: true, configurable: true,
  get() { return this instanceof Buffer ? this.byteOffset : undefined; },
});

function clampRange(len, start, end) {
  start = start === undefined ? 0 : Math.trunc(+start) || 0;
  end = end === undefined ? len : Math.trunc(+end) || 0;
  if (start < 0) start = 0;
  if (end > len) end = len;
  return [start, end];
}

proto.toString = function toString(encoding, start, end) {
  if (arguments.length === 0) return utf8Decoder.decode(this);
  const len = this.length;
  if (start <= 0 || start === undefined) start = 0;
  else if (start >= len) return "";
  else start = Math.trunc(start) || 0;
  if (end === undefined || end > len) end = len;
  else end = Math.trunc(end) || 0;
  if (end <= start) return "";
  const enc = encodingOps(encoding);
  if (enc === undefined) throw unknownEncoding(encoding);
  return bytesToString(this.subarray(start, end), enc);
};
proto.toLocaleString = proto.toString;

proto.toJSON = function toJSON() {
  return { type: "Buffer", data: Array.from(this) };
};

proto.equals = function equals(other) {
  if (!isUint8(other)) {
    // workerd's wording, including its "Received type string ('<typeof>')".
    throw codeError(TypeError, "ERR_INVALID_ARG_TYPE",
      `The "b" argument must be an instance of Buffer or Uint8Array. Received type string ('${typeof other}')`);
  }
  return this.length === other.length && compareBytes(this, other) === 0;
};

proto.compare = function compare(target, targetStart, targetEnd, sourceStart, sourceEnd) {
  if (!isUint8(target)) throw invalidArg("target", "an instance of Buffer or Uint8Array", target);
  targetStart = targetStart === undefined ? 0 : validateOffset(targetStart, "targetStart", 0, kMaxLength);
  targetEnd = targetEnd === undefined ? target.length : validateOffset(targetEnd, "targetEnd", 0, target.length);
  sourceStart = sourceStart === undefined ? 0 : validateOffset(sourceStart, "sourceStart", 0, kMaxLength);
  sourceEnd = sourceEnd === undefined ? this.length : validateOffset(sourceEnd, "sourceEnd", 0, this.length);
  const t = Uint8Array.prototype.subarray.call(target, targetStart, targetEnd);
  const s = Uint8Array.prototype.subarray.call(this, sourceStart, sourceEnd);
  return compareBytes(s, t);
};

// subarray is Uint8Array's own, which makes a Buffer through Buffer[Symbol.species].
proto.slice = function slice(start, end) {
  return Uint8Array.prototype.subarray.call(this, start, end);
};

proto.write = function write(string, offset, length, encoding) {
  string = `${string}`;
  if (offset === undefined) {
    encoding = "utf8"; length = this.length; offset = 0;
  } else if (length === undefined && typeof offset === "string") {
    encoding = offset; length = this.length; offset = 0;
  } else {
    validateOffset(offset, "offset", 0, this.length);
    const remaining = this.length - offset;
    if (length === undefined) {
      length = remaining;
    } else if (typeof length === "string") {
      encoding = length; length = remaining;
    } else {
      validateOffset(length, "length", 0, this.length);
      if (length > remaining) length = remaining;
    }
  }
  const enc = encoding ? getEncoding(encoding) : "utf8";
  let bytes = stringToBytes(string, enc);
  if (bytes.length > length) {
    bytes = bytes.subarray(0, length);
    if (enc === "utf8") {
      // Do not write a partial character.
      let end = length;
      let i = end - 1;
      while (i >= 0 && (bytes[i] & 0xc0) === 0x80) i--;
      if (i >= 0) {
        const lead = bytes[i];
        const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
        if (i + need > end) end = i;
      }
      bytes = bytes.subarray(0, end);
    } else if (enc === "utf16le") {
      bytes = bytes.subarray(0, length & ~1);
    }
  }
  this.set(bytes, offset);
  return bytes.length;
};

proto.fill = function fill(value, offset, end, encoding) {
  if (typeof offset === "string") {
    encoding = offset; offset = 0; end = this.length;
  } else if (typeof end === "string") {
    encoding = end; end = this.length;
  }
  offset = offset === undefined ? 0 : offset;
  end = end === undefined ? this.length : end;
  if (typeof value === "string" && encoding !== undefined && normalizeEncoding(`${encoding}`) === undefined) {
    throw unknownEncoding(encoding);
  }
  validateOffset(offset, "offset", 0, kMaxLength);
  if (typeof end !== "number") throw invalidArg("end", "of type number", end);
  if (!Number.isInteger(end)) throw outOfRange("end", "an integer", end);
  if (end < 0 || end > this.length) throw outOfRange("end", `0 to ${this.length}`, end);
  if (offset > this.length) throw outOfRange("offset", `>= 0 && <= ${this.length}`, offset);
  if (end <= offset) return this;
  let bytes;
  if (typeof value === "string") {
    const enc = getEncoding(encoding);
    if (value.length === 0) {
      value = 0;
    } else if (value.length === 1 && enc === "utf8" && value.charCodeAt(0) < 128) {
      value = value.charCodeAt(0);
    } else {
      if (enc === "hex" && (value.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(value))) {
        throw new TypeError("The text is not valid hex");
      }
      bytes = stringToBytes(value, enc);
      if (bytes.length === 0) {
        throw codeError(TypeError, "ERR_INVALID_ARG_VALUE", `The argument 'value' is invalid. Received '${value}'`);
      }
    }
  } else if (isUint8(value)) {
    bytes = value;
    if (bytes.length === 0) {
      throw codeError(TypeError, "ERR_INVALID_ARG_VALUE", "The argument 'value' is invalid. Received 'zero-length'");
    }
  } else if (typeof value === "boolean") {
    value = +value;
  }
  if (bytes === undefined) {
    Uint8Array.prototype.fill.call(this, (value >>> 0) & 255, offset, end);
    return this;
  }
  for (let i = offset, j = 0; i < end; i++, j = (j + 1) % bytes.length) this[i] = bytes[j];
  return this;
};

proto.copy = function copy(target, targetStart, sourceStart, sourceEnd) {
  if (!isUint8(target)) throw invalidArg("target", "an instance of Buffer or Uint8Array", target);
  targetStart = toInteger(targetStart, 0);
  if (targetStart < 0) throw outOfRange("targetStart", ">= 0", targetStart);
  sourceStart = toInteger(sourceStart, 0);
  if (sourceStart < 0) throw outOfRange("sourceStart", ">= 0", sourceStart);
  if (sourceStart >= 2 ** 32) throw outOfRange("sourceStart", `< ${2 ** 32}`, sourceStart);
  sourceEnd = toInteger(sourceEnd ?? this.length, 0);
  if (sourceEnd < 0) throw outOfRange("sourceEnd", ">= 0", sourceEnd);
  if (sourceEnd >= 2 ** 32) throw outOfRange("sourceEnd", `< ${2 ** 32}`, sourceEnd);
  if (targetStart >= target.length) return 0;
  if (sourceEnd > 0 && sourceEnd < sourceStart) sourceEnd = sourceStart;
  if (sourceEnd === sourceStart || target.length === 0 || this.length === 0) return 0;
  if (sourceEnd > this.length) sourceEnd = this.length;
  const n = Math.min(sourceEnd - sourceStart, target.length - targetStart);
  if (n > 0) {
    Uint8Array.prototype.set.call(target, Uint8Array.prototype.subarray.call(this, sourceStart, sourceStart + n), targetStart);
  }
  return n; // negative when sourceStart is past the end, as workerd answers
};

function toNeedle(value, encoding) {
  if (typeof value === "string") return stringToBytes(value, getEncoding(encoding));
  if (isUint8(value)) return value;
  if (typeof value === "number") return new Uint8Array([(value >>> 0) & 255]);
  throw invalidArg("value", "one of type number or string or an instance of Buffer or Uint8Array", value);
}

function search(buf, value, byteOffset, encoding, dir) {
  if (typeof byteOffset === "string") {
    encoding = byteOffset;
    byteOffset = undefined;
  }
  const needle = toNeedle(value, encoding);
  // In UTF-16 a match is whole code units: even positions only, and shorter than a unit never.
  const step = typeof value !== "number" && normalizeEncoding(encoding) === "utf16le" ? 2 : 1;
  const len = buf.length;
  if (step === 2 && (len < 2 || needle.length < 2)) return -1;
  let off = byteOffset === undefined ? (dir ? 0 : len) : +byteOffset; // null and [] are 0
  if (Number.isNaN(off)) off = dir ? 0 : len;
  off = Math.trunc(off);
  if (off < 0) off += len;
  const matches = (i) => {
    let j = 0;
    while (j < needle.length && buf[i + j] === needle[j]) j++;
    return j === needle.length;
  };
  if (dir) {
    if (off < 0) off = 0;
    if (needle.length === 0) return off <= len ? off : len;
    if (step === 2 && off % 2) off++;
    for (let i = off; i + needle.length <= len; i += step) if (matches(i)) return i;
    return -1;
  }
  if (off < 0) return -1;
  if (needle.length === 0) return Math.min(off, len);
  let i = Math.min(off, len - needle.length);
  if (step === 2 && i % 2) i--;
  for (; i >= 0; i -= step) if (matches(i)) return i;
  return -1;
}

proto.indexOf = function indexOf(value, byteOffset, encoding) {
  return search(this, value, byteOffset, encoding, true);
};
proto.lastIndexOf = function lastIndexOf(value, byteOffset, encoding) {
  return search(this, value, byteOffset, encoding, false);
};
proto.includes = function includes(value, byteOffset, encoding) {
  return this.indexOf(value, byteOffset, encoding) !== -1;
};

function swap(buf, size) {
  if (buf.length % size !== 0) {
    throw codeError(RangeError, "ERR_INVALID_BUFFER_SIZE", `Buffer size must be a multiple of ${size * 8}-bits`);
  }
  for (let i = 0; i < buf.length; i += size) {
    for (let a = i, b = i + size - 1; a < b; a++, b--) {
      const t = buf[a];
      buf[a] = buf[b];
      buf[b] = t;
    }
  }
  return buf;
}
proto.swap16 = function swap16() { return swap(this, 2); };
proto.swap32 = function swap32() { return swap(this, 4); };
proto.swap64 = function swap64() { return swap(this, 8); };

proto[customInspect] = function inspect(recurseTimes, ctx) {
  const max = INSPECT_MAX_BYTES;
  const n = Math.min(max, this.length);
  let str = "";
  for (let i = 0; i < n; i++) str += (i ? " " : "") + hexTable[this[i]];
  const remaining = this.length - max;
  if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? "s" : ""}`;
  // Own non-index properties follow the bytes, as in Node.
  const ins = globalThis[Symbol.for("nanod.internals")]?.inspect;
  if (ctx && ins) {
    const obj = Object.create(null);
    let extras = false;
    const keys = ctx.showHidden ? Reflect.ownKeys(this) : Object.keys(this);
    for (const key of keys) {
      if (typeof key === "string" && /^(0|[1-9][0-9]*)$/.test(key)) continue;
      if (typeof key === "symbol" && !ctx.showHidden && !Object.prototype.propertyIsEnumerable.call(this, key)) continue;
      extras = true;
      obj[key] = this[key];
    }
    if (extras) {
      if (this.length !== 0) str += ", ";
      str += ins(obj, { ...ctx, breakLength: Infinity, compact: true }).slice(27, -2);
    }
  }
  return `<${this.constructor.name} ${str}>`;
};
proto.inspect = proto[customInspect];

// ---- numeric reads and writes ----------------------------------------------------------------

function view(buf) {
  return new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
}

// checkOffset validates an access of size bytes at offset (default 0), as Node orders it.
function checkOffset(buf, offset, size) {
  if (offset === undefined) offset = 0;
  validateOffset(offset, "offset", 0, buf.length);
  if (offset + size > buf.length) boundsError(offset, buf.length - size);
  return offset;
}

function checkValue(value, min, max, size, name = "value") {
  if (value > max || value < min) {
    let range;
    if (typeof min === "bigint") {
      const n = BigInt(size * 8);
      range = min === 0n ? `>= 0n and < 2n ** ${n}n` : `>= -(2n ** ${n - 1n}n) and < 2 ** ${n - 1n}n`;
    } else if (size > 4) {
      range = min === 0 ? `>= 0 and < 2 ** ${size * 8}` : `>= -(2 ** ${size * 8 - 1}) and < 2 ** ${size * 8 - 1}`;
    } else {
      range = `>= ${min} and <= ${max}`;
    }
    throw outOfRange(name, range, value);
  }
}

const fixed = [
  ["UInt8", 1, "getUint8", "setUint8", 0, 255],
  ["Int8", 1, "getInt8", "setInt8", -128, 127],
  ["UInt16", 2, "getUint16", "setUint16", 0, 0xffff],
  ["Int16", 2, "getInt16", "setInt16", -0x8000, 0x7fff],
  ["UInt32", 4, "getUint32", "setUint32", 0, 0xffffffff],
  ["Int32", 4, "getInt32", "setInt32", -0x80000000, 0x7fffffff],
  ["Float", 4, "getFloat32", "setFloat32"],
  ["Double", 8, "getFloat64", "setFloat64"],
  ["BigUInt64", 8, "getBigUint64", "setBigUint64", 0n, 2n ** 64n - 1n],
  ["BigInt64", 8, "getBigInt64", "setBigInt64", -(2n ** 63n), 2n ** 63n - 1n],
];
for (const [name, size, get, set, min, max] of fixed) {
  const suffixes = size === 1 ? [""] : ["LE", "BE"];
  for (const sfx of suffixes) {
    const le = sfx === "LE";
    const isBig = typeof min === "bigint";
    const read = function (offset) {
      offset = checkOffset(this, offset, size);
      return view(this)[get](offset, le);
    };
    const write = function (value, offset) {
      if (isBig) {
        if (typeof value !== "bigint") throw invalidArg("value", "of type bigint", value);
      } else {
        value = +value;
      }
      if (offset === undefined) offset = 0;
      validateOffset(offset, "offset", 0, this.length);
      if (min !== undefined) checkValue(value, min, max, size);
      offset = checkOffset(this, offset, size);
      view(this)[set](offset, value, le);
      return offset + size;
    };
    for (const n of name === "UInt8" || name === "UInt16" || name === "UInt32" || name === "BigUInt64"
      ? [name, name.replace("UInt", "Uint")] : [name]) {
      Object.defineProperty(read, "name", { value: `read${n}${sfx}` });
      Object.defineProperty(write, "name", { value: `write${n}${sfx}` });
      proto[`read${n}${sfx}`] = read;
      proto[`write${n}${sfx}`] = write;
    }
  }
}

// checkByteLength accepts exactly 1 to 6; anything else (even "2") is a RangeError, as in Node.
function checkByteLength(byteLength) {
  if (byteLength !== 1 && byteLength !== 2 && byteLength !== 3 && byteLength !== 4 && byteLength !== 5 && byteLength !== 6) {
    boundsError(byteLength, 6, "byteLength");
  }
}

function readUInt(buf, offset, byteLength, le) {
  if (offset === undefined) throw invalidArg("offset", "of type number", offset);
  checkByteLength(byteLength);
  offset = checkOffset(buf, offset, byteLength);
  let v = 0;
  for (let i = 0; i < byteLength; i++) {
    v += buf[offset + (le ? i : byteLength - 1 - i)] * 2 ** (8 * i);
  }
  return v;
}

function writeUInt(buf, value, offset, byteLength, le, signed) {
  checkByteLength(byteLength);
  const bits = 8 * byteLength;
  const min = signed ? -(2 ** (bits - 1)) : 0;
  const max = signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
  value = +value;
  validateOffset(offset, "offset", 0, buf.length); // no default offset here, as in Node
  if (value < min || value > max) {
    const range = byteLength > 4
      ? (signed ? `>= -(2 ** ${bits - 1}) and < 2 ** ${bits - 1}` : `>= 0 and < 2 ** ${bits}`)
      : `>= ${min} and <= ${max}`;
    throw outOfRange("value", range, value);
  }
  offset = checkOffset(buf, offset, byteLength);
  let v = value < 0 ? value + 2 ** bits : value;
  for (let i = 0; i < byteLength; i++) {
    buf[offset + (le ? i : byteLength - 1 - i)] = v % 256;
    v = Math.floor(v / 256);
  }
  return offset + byteLength;
}

proto.readUIntLE = proto.readUintLE = function readUIntLE(offset, byteLength) { return readUInt(this, offset, byteLength, true); };
proto.readUIntBE = proto.readUintBE = function readUIntBE(offset, byteLength) { return readUInt(this, offset, byteLength, false); };
proto.readIntLE = function readIntLE(offset, byteLength) {
  const v = readUInt(this, offset, byteLength, true);
  return v >= 2 ** (8 * byteLength - 1) ? v - 2 ** (8 * byteLength) : v;
};
proto.readIntBE = function readIntBE(offset, byteLength) {
  const v = readUInt(this, offset, byteLength, false);
  return v >= 2 ** (8 * byteLength - 1) ? v - 2 ** (8 * byteLength) : v;
};
proto.writeUIntLE = proto.writeUintLE = function writeUIntLE(value, offset, byteLength) { return writeUInt(this, value, offset, byteLength, true, false); };
proto.writeUIntBE = proto.writeUintBE = function writeUIntBE(value, offset, byteLength) { return writeUInt(this, value, offset, byteLength, false, false); };
proto.writeIntLE = function writeIntLE(value, offset, byteLength) { return writeUInt(this, value, offset, byteLength, true, true); };
proto.writeIntBE = function writeIntBE(value, offset, byteLength) { return writeUInt(this, value, offset, byteLength, false, true); };

// Encoding-specific helpers Node also has (buf.utf8Slice, buf.hexWrite, …).
for (const enc of ["utf8", "hex", "base64", "base64url", "latin1", "ascii", "ucs2"]) {
  proto[`${enc}Slice`] = function (start, end) { return this.toString(enc, start, end); };
  proto[`${enc}Write`] = function (string, offset, length) { return this.write(string, offset ?? 0, length ?? this.length - (offset ?? 0), enc); };
}

// ---- module functions ------------------------------------------------------------------------

export function isUtf8(input) {
  const b = toBytesView(input);
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

export function isAscii(input) {
  const b = toBytesView(input);
  for (let i = 0; i < b.length; i++) if (b[i] > 0x7f) return false;
  return true;
}

function toBytesView(input) {
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  if (input instanceof ArrayBuffer || (typeof SharedArrayBuffer === "function" && input instanceof SharedArrayBuffer)) {
    return new Uint8Array(input);
  }
  throw invalidArg("input", "an instance of ArrayBuffer, Buffer, or TypedArray", input);
}

// transcode converts between Node's Unicode encodings as ICU does: characters the target cannot
// hold become "?", and input that is not valid in its encoding is refused.
export function transcode(source, fromEnc, toEnc) {
  if (!ArrayBuffer.isView(source)) {
    throw codeError(TypeError, "ERR_INVALID_ARG_TYPE",
      `The "source" argument must be an instance of ArrayBufferView. Received type string ('${typeof source}')`);
  }
  const from = normalizeEncoding(fromEnc);
  if (from === undefined) throw unknownEncoding(fromEnc);
  const to = normalizeEncoding(toEnc);
  if (to === undefined) throw unknownEncoding(toEnc);
  const unicode = ["utf8", "utf16le", "latin1", "ascii"];
  if (!unicode.includes(from) || !unicode.includes(to)) {
    throw new Error("Unable to transcode buffer due to unsupported encoding");
  }
  const bytes = new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  const fail = () => new Error("Unable to transcode buffer");
  if (bytes.length >= 128 * 1024 * 1024) throw fail(); // workerd's limit on one transcode
  if (from === to) {
    // A copy; UTF-8 with invalid sequences replaced.
    return from === "utf8" ? Buffer.from(utf8Decoder.decode(bytes), "utf8") : Buffer.from(bytes);
  }
  let str;
  if (from === "utf8") {
    try {
      str = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      // ICU's conversions differ here, as workerd shows: to a single-byte charset a bad
      // sequence becomes "?"; to UTF-16 it fails, unless nothing valid came before it.
      if (to === "utf16le") {
        if (invalidUtf8Lead(bytes)) return Buffer.alloc(0);
        throw fail();
      }
      str = utf8Decoder.decode(bytes).replace(/\uFFFD/g, "?");
    }
  } else if (from === "utf16le") {
    if (bytes.length % 2) throw new Error("UTF-16le input size should be multiple of 2");
    str = bytesToString(bytes, "utf16le");
    if (to === "utf8" && /[\uD800-\uDFFF]/.test(str.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ""))) {
      throw new Error("Expected UTF8 length mismatch");
    }
  } else {
    str = bytesToString(bytes, "latin1"); // ASCII input keeps its high bytes, as ICU's converter does
  }
  if (to === "latin1" || to === "ascii") {
    const limit = to === "latin1" ? 0xff : 0x7f;
    let out = "";
    for (const ch of str) out += ch.codePointAt(0) > limit ? "?" : ch;
    str = out;
  }
  return Buffer.from(str, to);
}

// invalidUtf8Lead reports whether b's first sequence is not valid UTF-8.
function invalidUtf8Lead(b) {
  const s = utf8Decoder.decode(b.subarray(0, 4));
  return s.charCodeAt(0) === 0xfffd && !(b[0] === 0xef && b[1] === 0xbf && b[2] === 0xbd);
}

export function resolveObjectURL() {
  throw new Error("resolveObjectURL is not implemented");
}

export const atob = globalThis.atob;
export const btoa = globalThis.btoa;
export const Blob = globalThis.Blob;
export const File = globalThis.File;

export default {
  Buffer, SlowBuffer, kMaxLength, kStringMaxLength, constants, INSPECT_MAX_BYTES, isUtf8, isAscii,
  transcode, resolveObjectURL, atob, btoa, Blob, File,
};
