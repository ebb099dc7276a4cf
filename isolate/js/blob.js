// Blob, File and FormData (File API; XHR/Fetch FormData with workerd's multipart/form-data and
// application/x-www-form-urlencoded parser and serializer), as workerd implements them
// (src/workerd/api/blob.c++, form-data.c++, util/mimetype.c++). Body (fetch.js) builds on the
// internals exported here: blobBytes, makeBlob, encodeFormData, parseFormData, mimeExtract.
import { native } from "./native.js";
import { ReadableStream } from "./streams.js";
import { toUSV } from "./encoding.js";
import { publicClass, illegalInvocation, inspectMethod } from "./events.js";
import { compat } from "./misc.js";

const ObjectDefineProperty = Object.defineProperty;
const inspectSymbol = Symbol.for("nodejs.util.inspect.custom");
const isObject = (v) => v !== null && (typeof v === "object" || typeof v === "function");
const str = (v) => (typeof v === "string" ? v : `${v}`);
const usv = (v) => toUSV(str(v));

// workerd's default limit on the size of one Blob.
const MAX_BLOB_SIZE = 128 * 1024 * 1024;
const EMPTY = new Uint8Array(0);

// ---- bytes and strings -------------------------------------------------------------------

// utf8 encodes s as UTF-8; a lone surrogate becomes its three-byte (WTF-8) form, as workerd
// writes strings into a Blob.
export function utf8(s) {
  if (!/[\ud800-\udfff]/.test(s)) return native.utf8Encode(s);
  const out = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return new Uint8Array(out);
}

// text decodes UTF-8 the way workerd turns bytes into a JS string (invalid sequences become
// U+FFFD; a byte-order mark stays).
const text = (bytes) => native.utf8Decode(bytes, false, true);

// binary maps each byte to the char with that code, for searching bytes with string methods.
function binary(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    s += String.fromCharCode.apply(null, bytes.subarray(i, Math.min(i + 8192, bytes.length)));
  }
  return s;
}

function concatBytes(chunks, total) {
  if (total === undefined) total = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}

// normalizeType is workerd's Blob type normalisation: lower-cased, or empty when it has a
// character outside printable ASCII (0x20-0x7f).
function normalizeType(t) {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 0x20 || c > 0x7f) return "";
  }
  return t.toLowerCase();
}

// int32 is WebIDL's `long` as workerd converts it: NaN and the infinities are 0, and a finite
// value out of range is an error.
function int32(v) {
  const n = +v;
  if (!Number.isFinite(n)) return 0;
  const t = Math.trunc(n);
  if (t < -2147483648 || t > 2147483647) {
    throw new TypeError("Value out of range. Must be between -2147483648 and 2147483647 (inclusive).");
  }
  return t;
}

// ---- Blob, File ----------------------------------------------------------------------------

let blobState; // (blob) => { bytes, type }, or throws Illegal invocation
let isBlob;
let blobSeed = null; // set while the runtime makes a Blob from known bytes

const isResizable = (b) => {
  const buf = b instanceof ArrayBuffer ? b : b.buffer;
  return buf.resizable === true || buf.growable === true;
};

// bitsToBytes converts a BlobPart sequence the way workerd does: every part is converted first
// (strings are encoded then), then the buffers are read, at their size by then.
function bitsToBytes(bits, what) {
  if (bits === undefined) return EMPTY;
  if (!Array.isArray(bits)) throw new TypeError(`Failed to construct '${what}': constructor parameter 1 is not of type 'Array'.`);
  const parts = [];
  for (let i = 0; i < bits.length; i++) {
    const v = bits[i];
    if (isBlob(v)) parts.push(blobState(v).bytes);
    else if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) parts.push({ source: v });
    else parts.push(utf8(str(v)));
  }
  if (parts.length === 1 && isBlob(bits[0])) return parts[0];
  const noResizable = compat("no_resizable_array_buffer_in_blob");
  const views = [];
  let size = 0;
  for (const p of parts) {
    let view = p;
    if (!(p instanceof Uint8Array)) {
      const src = p.source;
      if (noResizable && isResizable(src)) throw new TypeError("Cannot create a Blob with a resizable ArrayBuffer");
      view = src instanceof ArrayBuffer ? new Uint8Array(src) : new Uint8Array(src.buffer, src.byteOffset, src.byteLength);
    }
    if (view.length === 0) continue;
    if (size + view.length > MAX_BLOB_SIZE) throw new RangeError(`Blob size ${size + view.length} exceeds limit ${MAX_BLOB_SIZE}`);
    size += view.length;
    views.push(view);
  }
  if (size === 0) return EMPTY;
  return concatBytes(views, size);
}

function blobOptions(options, what) {
  if (options === undefined || options === null) return {};
  if (!isObject(options)) throw new TypeError(`Failed to construct '${what}': constructor parameter ${what === "File" ? 3 : 2} is not of type 'Options'.`);
  const out = {};
  const t = options.type;
  if (t !== undefined) out.type = normalizeType(str(t));
  if (what === "File") {
    const lm = options.lastModified;
    if (lm !== undefined) {
      const n = +lm;
      out.lastModified = Number.isNaN(n) ? 0 : n;
    }
  }
  if (options.endings !== undefined) throw new Error("The 'endings' field on 'Options' is not implemented.");
  return out;
}

class BlobImpl {
  #s;
  constructor(bits = undefined, options = undefined) {
    if (blobSeed !== null) {
      this.#s = blobSeed;
      blobSeed = null;
      return;
    }
    const bytes = bitsToBytes(bits, "Blob");
    const opts = blobOptions(options, "Blob");
    this.#s = { bytes: bytes, type: opts.type ?? "" };
  }
  static {
    blobState = (b) => {
      if (!isObject(b) || !(#s in b)) throw illegalInvocation();
      return b.#s;
    };
    isBlob = (b) => isObject(b) && #s in b;
  }

  get size() { return blobState(this).bytes.length; }
  get type() { return blobState(this).type; }

  slice(start = undefined, end = undefined, contentType = undefined) {
    const { bytes } = blobState(this);
    let s = start === undefined ? 0 : int32(start);
    let e = end === undefined ? bytes.length : int32(end);
    const type = contentType === undefined ? "" : normalizeType(str(contentType));
    const n = bytes.length;
    if (s < 0) s += n;
    if (e < 0) e += n;
    s = Math.max(0, Math.min(s, n));
    e = Math.max(s, Math.min(e, n));
    return makeBlob(e > s ? bytes.subarray(s, e) : EMPTY, type);
  }

  arrayBuffer() {
    const { bytes } = blobState(this);
    return Promise.resolve(bytes.slice().buffer);
  }
  bytes() {
    const { bytes } = blobState(this);
    return Promise.resolve(bytes.slice());
  }
  text() {
    const { bytes } = blobState(this);
    return Promise.resolve(text(bytes));
  }
  stream() {
    const { bytes } = blobState(this);
    return bytesStream(bytes);
  }
}
ObjectDefineProperty(BlobImpl.prototype, inspectSymbol, { value: inspectMethod((o) => isBlob(o)), writable: true, configurable: true });

// bytesStream is a byte ReadableStream of (a copy of) bytes, in one chunk.
export function bytesStream(bytes) {
  let done = false;
  return new ReadableStream({
    type: "bytes",
    pull(c) {
      if (!done && bytes.length > 0) c.enqueue(bytes.slice());
      done = true;
      c.close();
    },
  });
}

const fileState = (f) => {
  const s = blobState(f).file;
  if (s === undefined) throw illegalInvocation();
  return s;
};

class FileImpl extends BlobImpl {
  constructor(bits = undefined, name = undefined, options = undefined) {
    if (blobSeed !== null) {
      super();
      return;
    }
    const bytes = bitsToBytes(bits, "File");
    if (arguments.length < 2) throw new TypeError("Failed to construct 'File': constructor parameter 2 is not of type 'string'.");
    name = usv(name);
    const opts = blobOptions(options, "File");
    blobSeed = { bytes: bytes, type: opts.type ?? "", file: { name, lastModified: opts.lastModified ?? Date.now() } };
    super();
  }
  get name() { return fileState(this).name; }
  get lastModified() { return fileState(this).lastModified; }
}

export const Blob = publicClass(BlobImpl, "Blob");
export const File = publicClass(FileImpl, "File");
export { isBlob };

// blobBytes is a Blob's content (the Blob's own array: do not modify or hand out).
export function blobBytes(blob) {
  return blobState(blob).bytes;
}

// makeBlob makes a Blob of bytes (kept, not copied) with type as given (not normalised).
export function makeBlob(bytes, type = "") {
  blobSeed = { bytes: bytes, type };
  return new BlobImpl();
}

// makeFile makes a File of bytes (kept, not copied); type is not normalised.
export function makeFile(bytes, name, type = "", lastModified = Date.now()) {
  blobSeed = { bytes: bytes, type, file: { name, lastModified } };
  return new FileImpl();
}

export function isFile(v) {
  return isBlob(v) && blobState(v).file !== undefined;
}

// ---- MIME types (workerd's util/mimetype.c++) ---------------------------------------------

const TOKEN = /^[!#$%&'*+\\\-.^_`|~0-9A-Za-z]+$/;
const QUOTED_OK = /^[\t\x20-\x7e\x80-\xfe]*$/; // workerd's table stops short of 0xff
const WS = "\r\n\t ";
const isWS = (c) => WS.includes(c);

function skipWS(s, i) {
  while (i < s.length && isWS(s[i])) i++;
  return i;
}
function trimWS(s) {
  let a = 0, b = s.length;
  while (a < b && isWS(s[a])) a++;
  while (b > a && isWS(s[b - 1])) b--;
  return s.slice(a, b);
}

// MimeType is a parsed MIME type: essence lower-cased, params (names lower-cased, first wins).
class MimeType {
  constructor(type, subtype) {
    this.type = type;
    this.subtype = subtype;
    this.params = new Map();
  }
  get essence() { return `${this.type}/${this.subtype}`; }
  addParam(name, value) {
    if (name.length === 0 || !TOKEN.test(name) || !QUOTED_OK.test(value)) return;
    const n = name.toLowerCase();
    if (!this.params.has(n)) this.params.set(n, value);
  }
  toString() {
    let out = this.essence;
    let first = true;
    for (const [k, v] of this.params) {
      out += first ? ";" : ";";
      if (k === "boundary") out += " ";
      out += k + "=";
      first = false;
      if (v.length === 0) out += '""';
      else if (!TOKEN.test(v)) out += '"' + v.replace(/["\\]/g, "\\$&") + '"';
      else out += v;
    }
    return out;
  }
}

// parseMime is MimeType::tryParse: null when s is not a MIME type.
export function parseMime(s) {
  let i = skipWS(s, 0);
  if (i >= s.length) return null;
  s = s.slice(i);
  const slash = s.indexOf("/");
  if (slash < 0) return null;
  const type = s.slice(0, slash);
  if (type.length === 0 || !TOKEN.test(type)) return null;
  s = s.slice(slash + 1);
  if (s.length === 0) return null;
  const semi = s.indexOf(";");
  const subtype = trimWS(semi < 0 ? s : s.slice(0, semi));
  if (subtype.length === 0 || !TOKEN.test(subtype)) return null;
  const mt = new MimeType(type.toLowerCase(), subtype.toLowerCase());
  s = semi < 0 ? "" : s.slice(semi + 1);
  while (s.length > 0) {
    s = s.slice(skipWS(s, 0));
    if (s.length === 0) break;
    const m = /[;=]/.exec(s);
    if (m === null) break;
    if (m[0] === ";") {
      s = s.slice(m.index + 1);
      continue;
    }
    const name = s.slice(0, m.index);
    s = s.slice(m.index + 1);
    if (name.length === 0 || !TOKEN.test(name)) {
      const p = s.indexOf(";");
      if (p < 0) break;
      s = s.slice(p + 1);
      continue;
    }
    if (s.length === 0) break;
    if (s[0] === '"') {
      let j = 1;
      let value = "";
      for (;;) {
        if (j >= s.length) break;
        const c = s[j];
        if (c === '"') {
          j++;
          break;
        } else if (c === "\\") {
          j++;
          if (j >= s.length) {
            value += "\\";
            break;
          }
          value += s[j++];
        } else {
          value += c;
          j++;
        }
      }
      s = s.slice(j);
      mt.addParam(name, value);
      const p = s.indexOf(";");
      if (p < 0) break;
      s = s.slice(p + 1);
    } else {
      const p = s.indexOf(";");
      const value = trimWS(p < 0 ? s : s.slice(0, p));
      if (value.length > 0 && QUOTED_OK.test(value)) mt.addParam(name, value);
      if (p < 0) break;
      s = s.slice(p + 1);
    }
  }
  return mt;
}

// mimeExtract is MimeType::extract (the Fetch Standard's "extract a MIME type" from a header
// value that may list several): the serialized type, or "" when there is none.
export function mimeExtract(input) {
  let result = null;
  const process = (part) => {
    const parsed = parseMime(part);
    if (parsed === null || parsed.essence === "*/*") return;
    if (result !== null && result.essence === parsed.essence && !parsed.params.has("charset") && result.params.has("charset")) {
      parsed.addParam("charset", result.params.get("charset"));
    }
    result = parsed;
  };
  while (input.length > 0) {
    let sep = -1;
    for (let i = 0; i < input.length; i++) {
      if (input[i] === '"' && (i === 0 || input[i - 1] !== "\\")) {
        while (++i < input.length && (input[i] !== '"' || input[i - 1] === "\\"));
      } else if (input[i] === "," && (i === 0 || input[i - 1] !== "\\")) {
        sep = i;
        break;
      }
    }
    if (sep < 0) {
      process(input);
      break;
    }
    process(input.slice(0, sep));
    input = input.slice(sep + 1);
  }
  return result === null ? "" : result.toString();
}

// ---- FormData ------------------------------------------------------------------------------

let formEntries; // (fd) => its [name, value] list, or throws Illegal invocation
let isFormData;

function fdArgs(args, n, method) {
  if (args.length < 1) throw new TypeError(`Failed to execute '${method}' on 'FormData': parameter 1 is not of type 'string'.`);
  if (n > 1 && args.length < 2) throw new TypeError(`Failed to execute '${method}' on 'FormData': parameter 2 is not of type 'File or Blob or string'.`);
}

// entryValue converts an append()/set() value: a Blob becomes a File (named filename, or the
// entry's name), a File keeps its identity unless renamed, anything else is a string.
function entryValue(name, value, filename, hasFilename) {
  if (isBlob(value)) {
    const fn = hasFilename ? usv(filename) : undefined;
    if (isFile(value) && fn === undefined) return value;
    const s = blobState(value);
    return makeFile(s.bytes, fn ?? name, s.type, Date.now());
  }
  return usv(value);
}

class FormDataImpl {
  #list = [];
  static {
    formEntries = (fd) => {
      if (!isObject(fd) || !(#list in fd)) throw illegalInvocation();
      return fd.#list;
    };
    isFormData = (v) => isObject(v) && #list in v;
  }

  append(name, value, filename = undefined) {
    const list = formEntries(this);
    fdArgs(arguments, 2, "append");
    name = usv(name);
    list.push([name, entryValue(name, value, filename, filename !== undefined)]);
  }
  delete(name) {
    const list = formEntries(this);
    fdArgs(arguments, 1, "delete");
    name = usv(name);
    for (let i = list.length - 1; i >= 0; i--) if (list[i][0] === name) list.splice(i, 1);
  }
  get(name) {
    const list = formEntries(this);
    fdArgs(arguments, 1, "get");
    name = usv(name);
    for (const [k, v] of list) if (k === name) return v;
    return null;
  }
  getAll(name) {
    const list = formEntries(this);
    fdArgs(arguments, 1, "getAll");
    name = usv(name);
    const out = [];
    for (const [k, v] of list) if (k === name) out.push(v);
    return out;
  }
  has(name) {
    const list = formEntries(this);
    fdArgs(arguments, 1, "has");
    name = usv(name);
    for (const [k] of list) if (k === name) return true;
    return false;
  }
  set(name, value, filename = undefined) {
    const list = formEntries(this);
    fdArgs(arguments, 2, "set");
    name = usv(name);
    const v = entryValue(name, value, filename, filename !== undefined);
    const first = list.findIndex((e) => e[0] === name);
    if (first < 0) {
      list.push([name, v]);
      return;
    }
    list[first] = [name, v];
    for (let i = list.length - 1; i > first; i--) if (list[i][0] === name) list.splice(i, 1);
  }
  entries() { return makeIterator(this, formEntries(this), ENTRIES); }
  keys() { return makeIterator(this, formEntries(this), KEYS); }
  values() { return makeIterator(this, formEntries(this), VALUES); }
  forEach(callback, thisArg = undefined) {
    const list = formEntries(this);
    if (typeof callback !== "function") {
      throw new TypeError("Failed to execute 'forEach' on 'FormData': parameter 1 is not of type 'function'.");
    }
    const receiver = thisArg === null ? undefined : thisArg;
    for (let i = 0; i < list.length; i++) {
      const [k, v] = list[i];
      Reflect.apply(callback, receiver, [v, k, this]);
    }
  }

  [inspectSymbol](depth, options, inspect) {
    if (!isFormData(this)) return this;
    const list = formEntries(this);
    if (list.length === 0) return "FormData(0) {}";
    const opts = { ...options, depth: options?.depth == null ? options?.depth : options.depth - 1 };
    const items = list.map(([k, v]) => `${inspect(k, opts)} => ${inspect(v, opts)}`);
    const one = `FormData(${list.length}) { ${items.join(", ")} }`;
    if (one.length <= 72 && !one.includes("\n")) return one;
    return `FormData(${list.length}) {\n${items.map((x) => "  " + x.replaceAll("\n", "\n  ")).join(",\n")}\n}`;
  }
}
ObjectDefineProperty(FormDataImpl.prototype, inspectSymbol, { enumerable: false });

export const FormData = publicClass(FormDataImpl, "FormData");
ObjectDefineProperty(FormData.prototype, Symbol.iterator, {
  value: { [Symbol.iterator]() { return makeIterator(this, formEntries(this), ENTRIES); } }[Symbol.iterator],
  writable: true, enumerable: false, configurable: true,
});
export { isFormData, formEntries };

// ---- FormData iterators --------------------------------------------------------------------

const ENTRIES = 0, KEYS = 1, VALUES = 2;
const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
const kIter = Symbol("FormDataIterator");

function iteratorProto(name) {
  const proto = Object.create(IteratorPrototype);
  const C = { [name]: function () { throw new TypeError("Illegal constructor"); } }[name];
  C.prototype = proto;
  ObjectDefineProperty(proto, "next", {
    value: function next() {
      const st = this?.[kIter];
      if (st === undefined || Object.getPrototypeOf(this) !== proto) throw illegalInvocation();
      if (st.index >= st.list.length) return { done: true, value: undefined };
      const [k, v] = st.list[st.index++];
      return { done: false, value: st.kind === ENTRIES ? [k, v] : st.kind === KEYS ? k : v };
    },
    writable: true, enumerable: true, configurable: true,
  });
  ObjectDefineProperty(proto, "constructor", { value: C, writable: true, configurable: true });
  ObjectDefineProperty(proto, Symbol.toStringTag, { value: name, configurable: true });
  return proto;
}
const ITER_PROTOS = [iteratorProto("EntryIterator"), iteratorProto("KeyIterator"), iteratorProto("ValueIterator")];

function makeIterator(fd, list, kind) {
  const it = Object.create(ITER_PROTOS[kind]);
  ObjectDefineProperty(it, kIter, { value: { fd, list, index: 0, kind } });
  return it;
}

// ---- multipart/form-data serializer --------------------------------------------------------

const enc = (s) => utf8(s);

// escapeName escapes a name or filename for a Content-Disposition value, as workerd (and
// Chrome) do: '"' and LF percent-encoded, '\' doubled; a trailing '\' is refused.
function escapeName(s) {
  if (s.endsWith("\\")) throw new TypeError("Name or filename can't end with backslash");
  return s.replace(/["\n\\]/g, (c) => (c === '"' ? "%22" : c === "\n" ? "%0A" : "\\\\"));
}

function randomBoundary() {
  const b = new Uint8Array(16);
  const c = globalThis.crypto;
  if (c && typeof c.getRandomValues === "function") c.getRandomValues(b);
  else for (let i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
  let out = "";
  for (const x of b) out += x.toString(16).padStart(2, "0");
  return out;
}

// serializeFormData writes fd's entries as a multipart/form-data body delimited by boundary.
export function serializeFormData(fd, boundary) {
  if (boundary.length === 0 || boundary.length > 70) {
    throw new TypeError("Length of multipart/form-data boundary string must be in the range [1, 70].");
  }
  const chunks = [];
  for (const [name, value] of formEntries(fd)) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(name)}`;
    if (typeof value === "string") {
      chunks.push(enc(head + '"\r\n\r\n'), enc(value));
    } else {
      const s = blobState(value);
      head += `"; filename="${escapeName(s.file.name)}"\r\nContent-Type: ${s.type === "" ? "application/octet-stream" : s.type}\r\n\r\n`;
      chunks.push(enc(head), s.bytes);
    }
    chunks.push(enc("\r\n"));
  }
  chunks.push(enc(`--${boundary}--`));
  return concatBytes(chunks);
}

// encodeFormData is a FormData body: its bytes and Content-Type (with a random boundary).
export function encodeFormData(fd) {
  const boundary = randomBoundary();
  return { bytes: serializeFormData(fd, boundary), type: `multipart/form-data; boundary=${boundary}` };
}

// ---- parsers ---------------------------------------------------------------------------------

// parseFormData parses a body as FormData.parse does, by its Content-Type: multipart/form-data
// or application/x-www-form-urlencoded.
export function parseFormData(bytes, contentType) {
  const fd = new FormDataImpl();
  const list = formEntries(fd);
  const mt = parseMime(contentType);
  if (mt !== null && mt.essence === "multipart/form-data") {
    const boundary = mt.params.get("boundary");
    if (boundary === undefined) {
      throw new TypeError("No boundary string in Content-Type header. The multipart/form-data MIME type requires a " +
        "boundary parameter, e.g. 'Content-Type: multipart/form-data; boundary=\"abcd\"'. See RFC 7578, section 4.");
    }
    const filesAsStrings = !compat("formdata_parser_supports_files");
    parseMultipart(bytes, boundary, (name, filename, type, data) => {
      if (filename !== undefined && !filesAsStrings) list.push([name, makeFile(data.slice(), filename, type ?? "", Date.now())]);
      else list.push([name, text(data)]);
    });
    return fd;
  }
  if (mt !== null && mt.essence === "application/x-www-form-urlencoded") {
    const charset = mt.params.get("charset");
    if (charset !== undefined && !["utf-8", "utf8", "unicode-1-1-utf-8"].includes(charset.toLowerCase())) {
      throw new TypeError("Non-utf-8 application/x-www-form-urlencoded body.");
    }
    for (const [k, v] of parseUrlencoded(bytes)) list.push([k, v]);
    return fd;
  }
  throw new TypeError("Unrecognized Content-Type header value. FormData can only parse the following MIME types: " +
    "multipart/form-data, application/x-www-form-urlencoded");
}

// parseUrlencoded splits at '&' and the first '=', decoding '+' and %XX (kj::decodeWwwForm),
// then UTF-8.
export function parseUrlencoded(bytes) {
  const out = [];
  const s = binary(bytes);
  for (const part of s.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? "" : part.slice(eq + 1);
    out.push([wwwFormDecode(name), wwwFormDecode(value)]);
  }
  return out;
}

// kj::decodeWwwForm: '%' takes up to two hex digits (none: the '%' is dropped).
const hexValue = (c) => (c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1);
function wwwFormDecode(s) {
  const b = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2b) b.push(0x20);
    else if (c === 0x25) {
      const d1 = i + 1 < s.length ? hexValue(s.charCodeAt(i + 1)) : -1;
      if (d1 < 0) continue;
      i++;
      const d2 = i + 1 < s.length ? hexValue(s.charCodeAt(i + 1)) : -1;
      if (d2 < 0) b.push(d1);
      else {
        b.push((d1 << 4) | d2);
        i++;
      }
    } else b.push(c);
  }
  return text(new Uint8Array(b));
}

// parseMultipart is FormData::parseFormDataImpl: parts are delimited by "\n--boundary" (the CR
// is optional), the first boundary may follow a preamble, and the one ending in "--" ends the
// form. callback(name, filename|undefined, contentType|undefined, bytes) gets each part.
function parseMultipart(bytes, boundary, callback) {
  const raw = binary(bytes);
  const b = binary(utf8(boundary));
  const delimiter = "\n--" + b;
  let pos;
  {
    const i = raw.indexOf(delimiter.slice(1));
    pos = i < 0 ? raw.length : i + delimiter.length - 1;
  }
  if (pos >= raw.length) throw new TypeError("No initial boundary string (or you have a truncated message).");
  const headerEnd = /\r?\n\r?\n/g;
  for (;;) {
    // What follows a boundary: (CR)LF, another part follows; "--", the end.
    if (raw.startsWith("\n", pos)) pos += 1;
    else if (raw.startsWith("\r\n", pos)) pos += 2;
    else if (raw.startsWith("--", pos)) return;
    else throw new TypeError("Boundary string was not succeeded by CRLF, LF, or '--'.");

    headerEnd.lastIndex = pos;
    const m = headerEnd.exec(raw);
    if (m === null) throw new TypeError("No multipart message header termination found.");
    const headersEnd = m.index + m[0].length;
    const headers = parsePartHeaders(text(bytes.subarray(pos, headersEnd)));
    if (headers === null) throw new TypeError("FormData part had invalid headers.");
    pos = headersEnd;

    const disposition = headers.get("content-disposition");
    if (disposition === undefined) throw new TypeError("No valid Content-Disposition header found in FormData part.");
    const cd = parseDisposition(disposition);
    if (cd === null) throw new TypeError("Invalid Content-Disposition header found in FormData part.");
    if (cd.value !== "form-data") {
      throw new TypeError('Content-Disposition header for FormData part must have the value "form-data", ' +
        `possibly followed by parameters. Got: "${cd.value}"`);
    }
    if (cd.name === undefined) throw new TypeError("Content-Disposition header in FormData part is missing a name.");
    const type = headers.get("content-type");

    const next = raw.indexOf(delimiter, pos);
    if (next < 0 || next + delimiter.length >= raw.length) {
      throw new TypeError("No subsequent boundary string after multipart message.");
    }
    let end = next;
    if (end > pos && raw.charCodeAt(end - 1) === 0x0d) end--;
    callback(cd.name, cd.filename, type, bytes.subarray(pos, end));
    pos = next + delimiter.length;
  }
}

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

// parsePartHeaders parses a part's header block (ending in an empty line) into a Map of
// lower-case name to value (repeated headers joined with ", "); null when malformed.
function parsePartHeaders(block) {
  const headers = new Map();
  let last = null;
  for (const line of block.split(/\r?\n/)) {
    if (line === "") continue;
    if (line[0] === " " || line[0] === "\t") {
      if (last === null) return null;
      headers.set(last, (headers.get(last) + " " + line.replace(/^[ \t]+|[ \t]+$/g, "")).trim());
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) return null;
    const name = line.slice(0, colon);
    if (!HEADER_NAME.test(name)) return null;
    const value = line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, "");
    const key = name.toLowerCase();
    headers.set(key, headers.has(key) ? headers.get(key) + ", " + value : value);
    last = key;
  }
  return headers;
}

// parseDisposition is workerd's Content-Disposition grammar: a value, then `; param="quoted"`
// parameters (parsing stops quietly at the first that does not fit). null when there is no
// value at all.
function parseDisposition(s) {
  const ws = " \f\n\r\t\v";
  const ident = /[A-Za-z0-9_-]+/y;
  let i = 0;
  const skip = () => { while (i < s.length && ws.includes(s[i])) i++; };
  const readIdent = () => {
    ident.lastIndex = i;
    const m = ident.exec(s);
    if (m === null) return null;
    i += m[0].length;
    return m[0];
  };
  skip();
  const value = readIdent();
  if (value === null) return null;
  skip();
  const out = { value, name: undefined, filename: undefined };
  for (;;) {
    const save = i;
    const param = (() => {
      if (s[i] !== ";") return null;
      i++;
      skip();
      const key = readIdent();
      if (key === null) return null;
      skip();
      if (s[i] !== "=") return null;
      i++;
      skip();
      if (s[i] !== '"') return null;
      i++;
      let v = "";
      for (;;) {
        const c = s[i];
        if (c === undefined) return null;
        if (c === '"') break;
        if (c === "\n") return null;
        if (c === "\\") {
          const d = s[i + 1];
          if (d === undefined || d === "\n") return null;
          v += d;
          i += 2;
        } else {
          v += c;
          i++;
        }
      }
      if (v === "") return null;
      i++;
      skip();
      return [key, v];
    })();
    if (param === null) {
      i = save;
      break;
    }
    if (param[0] === "name") out.name = param[1];
    else if (param[0] === "filename") out.filename = param[1];
  }
  return out;
}

// ---- install -----------------------------------------------------------------------------

export function installBlob(g) {
  const def = (name, value) => ObjectDefineProperty(g, name, { value, writable: true, enumerable: false, configurable: true });
  def("Blob", Blob);
  def("File", File);
  def("FormData", FormData);
}
