// TextEncoder (UTF-8), TextDecoder (every encoding of the WHATWG Encoding Standard, including
// streaming decode), atob and btoa.
import { native } from "./native.js";
import { DOMException } from "./domexception.js";

function toBytes(input) {
  if (input === undefined) return new Uint8Array(0);
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  if (typeof SharedArrayBuffer !== "undefined" && input instanceof SharedArrayBuffer) return new Uint8Array(input);
  throw new TypeError("The provided value is not of type '(ArrayBuffer or ArrayBufferView)'.");
}

// How many bytes at the end of b start a UTF-8 sequence that is not complete yet.
function incompleteTail(b) {
  const n = b.length;
  for (let k = 1; k <= Math.min(3, n); k++) {
    const c = b[n - k];
    if ((c & 0xc0) !== 0x80) {
      const need = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 1;
      return need > k ? k : 0;
    }
  }
  return 0;
}

const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

// toUSV replaces lone surrogates with U+FFFD (WebIDL USVString conversion).
export function toUSV(s) {
  return /[\ud800-\udfff]/.test(s) ? s.replace(LONE, "\ufffd") : s;
}

export class TextEncoder {
  get encoding() { return "utf-8"; }
  encode(input = "") {
    return native.utf8Encode(toUSV(String(input)));
  }
  encodeInto(source, destination) {
    if (!(destination instanceof Uint8Array)) throw new TypeError("The provided value is not of type 'Uint8Array'.");
    const s = String(source);
    let read = 0, written = 0;
    for (const ch of s) {
      const cp = ch.codePointAt(0);
      const units = cp > 0xffff ? 2 : 1;
      const c = cp >= 0xd800 && cp <= 0xdfff ? 0xfffd : cp;
      const len = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      if (written + len > destination.length) break;
      if (len === 1) destination[written] = c;
      else if (len === 2) { destination[written] = 0xc0 | (c >> 6); destination[written + 1] = 0x80 | (c & 63); }
      else if (len === 3) { destination[written] = 0xe0 | (c >> 12); destination[written + 1] = 0x80 | ((c >> 6) & 63); destination[written + 2] = 0x80 | (c & 63); }
      else { destination[written] = 0xf0 | (c >> 18); destination[written + 1] = 0x80 | ((c >> 12) & 63); destination[written + 2] = 0x80 | ((c >> 6) & 63); destination[written + 3] = 0x80 | (c & 63); }
      written += len;
      read += units;
    }
    return { read, written };
  }
}
Object.defineProperty(TextEncoder.prototype, Symbol.toStringTag, { value: "TextEncoder", configurable: true });

const illegal = () => new TypeError("Illegal invocation: function called with incorrect `this` reference. " +
  "See https://developers.cloudflare.com/workers/observability/errors/#illegal-invocation-errors for details.");

// Labels resolve in Go (x/text's htmlindex); remember the answers, there are few distinct labels.
const names = new Map();
function encodingFor(label) {
  let name = names.get(label);
  if (name === undefined) {
    name = native.encodingName(label);
    if (names.size < 1000) names.set(label, name);
  }
  if (!name) throw new RangeError(`"${label}" is not a valid encoding.`);
  return name;
}

// Only these encodings drop a leading byte-order mark (the standard's "BOM seen" flag).
const BOM_ENCODINGS = new Set(["utf-8", "utf-16le", "utf-16be"]);

// WebIDL dictionary conversion as workerd does it: undefined means defaults, null and
// non-objects throw.
function dictionary(v, nullMessage, typeMessage) {
  if (v === undefined) return null;
  if (v === null) throw new TypeError(nullMessage);
  if (typeof v !== "object" && typeof v !== "function") throw new TypeError(typeMessage);
  return v;
}

export class TextDecoder {
  #encoding;
  #fatal;
  #ignoreBOM;
  #pending = null; // bytes of an incomplete sequence held back from the last streaming call
  #state = 0; // the Go decoder's state to resume from (ISO-2022-JP's mode)
  #bomSeen = false;
  constructor(label = undefined, options = undefined) {
    const l = label === undefined ? "utf-8" : `${label}`;
    const o = dictionary(options,
      "Cannot initialize N7workerd3api11TextDecoder18ConstructorOptionsE with required members from an undefined or null value.",
      "Failed to construct 'TextDecoder': constructor parameter 2 is not of type 'ConstructorOptions'.");
    const fatal = Boolean(o?.fatal);
    const ignoreBOM = Boolean(o?.ignoreBOM);
    this.#encoding = encodingFor(l);
    this.#fatal = fatal;
    this.#ignoreBOM = ignoreBOM;
  }
  get encoding() {
    if (!(#encoding in this)) throw illegal();
    return this.#encoding;
  }
  get fatal() {
    if (!(#encoding in this)) throw illegal();
    return this.#fatal;
  }
  get ignoreBOM() {
    if (!(#encoding in this)) throw illegal();
    return this.#ignoreBOM;
  }
  decode(input = undefined, options = undefined) {
    if (!(#encoding in this)) throw illegal();
    let bytes;
    try {
      bytes = toBytes(input);
    } catch {
      throw new TypeError("Failed to execute 'decode' on 'TextDecoder': parameter 1 is not of type 'Array'.");
    }
    const o = dictionary(options,
      "Cannot initialize N7workerd3api11TextDecoder13DecodeOptionsE with required members from an undefined or null value.",
      "Failed to execute 'decode' on 'TextDecoder': parameter 2 is not of type 'DecodeOptions'.");
    const stream = Boolean(o?.stream);
    const enc = this.#encoding;
    if (this.#pending) {
      const joined = new Uint8Array(this.#pending.length + bytes.length);
      joined.set(this.#pending);
      joined.set(bytes, this.#pending.length);
      bytes = joined;
      this.#pending = null;
    }
    let out;
    if (enc === "utf-8" && !stream) {
      try {
        out = native.utf8Decode(bytes, this.#fatal, true);
      } catch (e) {
        this.#bomSeen = false;
        throw e;
      }
    } else {
      const r = native.decodeChunk(enc, bytes, this.#fatal, !stream, this.#state);
      if (r === null) {
        this.#state = 0;
        this.#bomSeen = false;
        throw new TypeError("Failed to decode input.");
      }
      const held = r.charCodeAt(0);
      if (held) this.#pending = bytes.slice(bytes.length - held);
      this.#state = r.charCodeAt(1) | (r.charCodeAt(2) << 15);
      out = r.slice(3);
    }
    if (!this.#bomSeen && out.length > 0 && BOM_ENCODINGS.has(enc)) {
      this.#bomSeen = true;
      if (!this.#ignoreBOM && out.charCodeAt(0) === 0xfeff) out = out.slice(1);
    }
    // A call without {stream: true} ends the stream: the next call starts a new one.
    if (!stream) {
      this.#state = 0;
      this.#bomSeen = false;
    }
    return out;
  }
}
// WebIDL attributes and operations are enumerable.
for (const k of ["encoding", "fatal", "ignoreBOM", "decode"]) {
  Object.defineProperty(TextDecoder.prototype, k, { enumerable: true });
}
Object.defineProperty(TextDecoder.prototype, Symbol.toStringTag, { value: "TextDecoder", configurable: true });

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

export function btoa(data) {
  if (arguments.length === 0) throw new TypeError("Failed to execute 'btoa': 1 argument required, but only 0 present.");
  const s = String(data);
  let out = "";
  for (let i = 0; i < s.length; i += 3) {
    const a = s.charCodeAt(i), b = s.charCodeAt(i + 1), c = s.charCodeAt(i + 2);
    if (a > 255 || b > 255 || c > 255) {
      throw new DOMException("btoa() can only operate on characters in the Latin1 (ISO/IEC 8859-1) range.", "InvalidCharacterError");
    }
    const n = (a << 16) | ((b || 0) << 8) | (c || 0);
    out += B64[n >> 18] + B64[(n >> 12) & 63] + (i + 1 < s.length ? B64[(n >> 6) & 63] : "=") + (i + 2 < s.length ? B64[n & 63] : "=");
  }
  return out;
}

export function atob(data) {
  if (arguments.length === 0) throw new TypeError("Failed to execute 'atob': 1 argument required, but only 0 present.");
  let s = String(data).replace(/[\t\n\f\r ]/g, "");
  if (s.length % 4 === 0) s = s.replace(/==?$/, "");
  if (s.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(s)) {
    throw new DOMException("atob() called with invalid base64-encoded data. (Only whitespace, '+', '/', alphanumeric ASCII, and up to two terminal '=' signs when the input data length is divisible by 4 are allowed.)", "InvalidCharacterError");
  }
  let out = "";
  let buf = 0, bits = 0;
  for (const ch of s) {
    buf = (buf << 6) | B64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((buf >> bits) & 255);
    }
  }
  return out;
}

export function installEncoding(g) {
  const def = (name, value) => Object.defineProperty(g, name, { value, writable: true, configurable: true });
  def("TextEncoder", TextEncoder);
  def("TextDecoder", TextDecoder);
  def("atob", atob);
  def("btoa", btoa);
  def("DOMException", DOMException);
}
