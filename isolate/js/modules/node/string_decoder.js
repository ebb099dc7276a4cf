// node:string_decoder — decodes a byte stream to strings without splitting multi-byte
// characters across writes. The decoder's state is a 7-byte Buffer held under a symbol, laid out
// as in Node and workerd (bytes 0-3: the pending character, 4: bytes still missing, 5: bytes
// buffered, 6: the encoding), so code that inspects or corrupts it sees the same errors.
import { Buffer } from "node:buffer";
import { ERR_INVALID_ARG_TYPE, ERR_INVALID_THIS, ERR_UNKNOWN_ENCODING } from "node-internal:errors";

const kMissing = 4;
const kBuffered = 5;
const kEnc = 6;
const kSize = 7;
const ASCII = 0, LATIN1 = 1, UTF8 = 2, UTF16LE = 3, BASE64 = 4, BASE64URL = 5, HEX = 6;
const encodingNames = ["ascii", "latin1", "utf8", "utf16le", "base64", "base64url", "hex"];

const kState = Symbol("kNativeDecoder");

function encodingIndex(enc) {
  switch (String(enc).toLowerCase()) {
    case "utf8": case "utf-8": return UTF8;
    case "ucs2": case "ucs-2": case "utf16le": case "utf-16le": return UTF16LE;
    case "latin1": case "binary": return LATIN1;
    case "base64": return BASE64;
    case "base64url": return BASE64URL;
    case "hex": return HEX;
    case "ascii": return ASCII;
  }
  return -1;
}

function stateError(msg) {
  return new Error(msg);
}

function missing(st) {
  if (st[kMissing] > 4) throw stateError("Missing bytes cannot exceed 4");
  return st[kMissing];
}

function buffered(st) {
  if (st[kBuffered] > 4) throw stateError("Buffered bytes cannot exceed 4");
  return st[kBuffered];
}

function encodingOf(st) {
  if (st[kEnc] > HEX) throw stateError("Invalid StringDecoder state");
  return st[kEnc];
}

function toStr(bytes, start, end, enc) {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString(encodingNames[enc]);
}

// takeBuffered returns the pending character as a string and forgets it.
function takeBuffered(st) {
  const n = buffered(st);
  const s = toStr(st, 0, n, encodingOf(st));
  st[kBuffered] = 0;
  return s;
}

function decode(st, bytes) {
  const enc = encodingOf(st);
  if (enc === ASCII || enc === LATIN1 || enc === HEX) return toStr(bytes, 0, bytes.length, enc);
  if (bytes.length === 0) return "";
  // Work on a copy: the input may be the decoder's own lastChar view.
  let data = Uint8Array.prototype.slice.call(bytes);
  let prepend = "";
  if (missing(st) > 0) {
    if (missing(st) + buffered(st) > 4) throw stateError("Invalid StringDecoder state");
    if (enc === UTF8) {
      // A byte that should continue the pending character but does not: the pending bytes
      // end there (decoding to U+FFFD) and a new character starts.
      for (let i = 0; i < data.length && i < missing(st); i++) {
        if ((data[i] & 0xc0) !== 0x80) {
          st[kMissing] = 0;
          st.set(data.subarray(0, i), buffered(st));
          st[kBuffered] += i;
          data = data.subarray(i);
          break;
        }
      }
    }
    const found = Math.min(data.length, missing(st));
    st.set(data.subarray(0, found), buffered(st));
    data = data.subarray(found);
    st[kMissing] -= found;
    st[kBuffered] += found;
    if (missing(st) === 0) prepend = takeBuffered(st);
  }
  if (data.length === 0) return prepend;
  if (missing(st) !== 0 || buffered(st) !== 0) throw stateError("Invalid StringDecoder state");
  let n = data.length;
  if (enc === UTF8 && (data[n - 1] & 0x80)) {
    // Find where the last character starts and whether it is complete.
    for (let i = n - 1; ; i--) {
      st[kBuffered]++;
      if ((data[i] & 0xc0) === 0x80) {
        if (st[kBuffered] >= 4 || i === 0) {
          st[kBuffered] = 0;
          break;
        }
      } else {
        if ((data[i] & 0xe0) === 0xc0) st[kMissing] = 2;
        else if ((data[i] & 0xf0) === 0xe0) st[kMissing] = 3;
        else if ((data[i] & 0xf8) === 0xf0) st[kMissing] = 4;
        else {
          st[kBuffered] = 0;
          break;
        }
        if (st[kBuffered] >= st[kMissing]) {
          st[kMissing] = 0;
          st[kBuffered] = 0;
        }
        st[kMissing] -= st[kBuffered];
        break;
      }
    }
  } else if (enc === UTF16LE) {
    if (n % 2 === 1) {
      st[kBuffered] = 1;
      st[kMissing] = 1;
    } else if ((data[n - 1] & 0xfc) === 0xd8) {
      // The first half of a surrogate pair.
      st[kBuffered] = 2;
      st[kMissing] = 2;
    }
  } else if (enc === BASE64 || enc === BASE64URL) {
    st[kBuffered] = n % 3;
    if (st[kBuffered] > 0) st[kMissing] = 3 - st[kBuffered];
  }
  const keep = buffered(st);
  if (keep > 0) {
    n -= keep;
    st.set(data.subarray(n, n + keep), 0);
  }
  const body = n > 0 ? toStr(data, 0, n, enc) : "";
  return prepend + body;
}

function flush(st) {
  const enc = encodingOf(st);
  if ((enc === ASCII || enc === HEX || enc === LATIN1) && (missing(st) !== 0 || buffered(st) !== 0)) {
    throw stateError("Invalid StringDecoder state");
  }
  if (enc === UTF16LE && buffered(st) % 2 === 1) {
    // A lone trailing byte is dropped.
    st[kMissing]--;
    st[kBuffered]--;
  }
  if (buffered(st) === 0) return "";
  const s = takeBuffered(st);
  st[kMissing] = 0;
  return s;
}

function checkThis(self) {
  if (self == null || !(self[kState] instanceof Uint8Array)) throw ERR_INVALID_THIS("StringDecoder");
  if (self[kState].length !== kSize) throw new TypeError("Invalid StringDecoder");
  return self[kState];
}

export function StringDecoder(encoding) {
  const idx = encoding == null || encoding === "" ? UTF8 : encodingIndex(encoding);
  if (idx < 0) throw ERR_UNKNOWN_ENCODING(encoding);
  const self = new.target ? this : this ?? Object.create(StringDecoder.prototype);
  self[kState] = Buffer.alloc(kSize);
  self[kState][kEnc] = idx;
  self.encoding = encodingNames[idx];
  return self;
}

StringDecoder.prototype.write = function write(buf) {
  const st = checkThis(this);
  if (typeof buf === "string") return buf;
  if (!ArrayBuffer.isView(buf)) throw ERR_INVALID_ARG_TYPE("buf", ["Buffer", "TypedArray", "DataView", "string"], buf);
  return decode(st, new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
};

StringDecoder.prototype.end = function end(buf) {
  const st = checkThis(this);
  let ret = "";
  if (buf !== undefined) ret = this.write(buf);
  if (st[kBuffered] > 0) ret += flush(st);
  return ret;
};

StringDecoder.prototype.text = function text(buf, offset) {
  const st = checkThis(this);
  st[kMissing] = 0;
  st[kBuffered] = 0;
  return this.write(buf.slice(offset));
};

Object.defineProperties(StringDecoder.prototype, {
  lastChar: {
    enumerable: true,
    configurable: true,
    get() { return checkThis(this).subarray(0, 4); },
  },
  lastNeed: {
    enumerable: true,
    configurable: true,
    get() { return checkThis(this)[kMissing]; },
  },
  lastTotal: {
    enumerable: true,
    configurable: true,
    get() {
      const st = checkThis(this);
      return st[kBuffered] + st[kMissing];
    },
  },
});

export default { StringDecoder };
