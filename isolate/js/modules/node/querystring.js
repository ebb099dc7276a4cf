// node:querystring — Node's URL query string utilities: parse and stringify with configurable
// separators, '+' as space, and lenient percent-decoding that keeps malformed escapes as written.
import { Buffer } from "node:buffer";

// Characters encodeURIComponent leaves alone are exactly Node's unescaped set.
export function escape(str) {
  if (typeof str !== "string") {
    if (typeof str === "object") str = String(str);
    else str += "";
  }
  try {
    return encodeURIComponent(str);
  } catch {
    const e = new URIError("URI malformed");
    e.code = "ERR_INVALID_URI";
    throw e;
  }
}

const hexVal = (c) => (c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1);

// unescapeBuffer decodes %XX escapes that are well formed, leaving others as they are.
export function unescapeBuffer(s, decodeSpaces) {
  const src = Buffer.from(`${s}`);
  const out = Buffer.allocUnsafe(src.length);
  let n = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === 43 && decodeSpaces) {
      out[n++] = 32;
    } else if (c === 37 && i + 2 < src.length && hexVal(src[i + 1]) >= 0 && hexVal(src[i + 2]) >= 0) {
      out[n++] = hexVal(src[i + 1]) * 16 + hexVal(src[i + 2]);
      i += 2;
    } else {
      out[n++] = c;
    }
  }
  return out.subarray(0, n);
}

export function unescape(s, decodeSpaces) {
  try {
    return decodeURIComponent(s);
  } catch {
    return unescapeBuffer(s, decodeSpaces).toString();
  }
}

function primitive(v) {
  switch (typeof v) {
    case "string": return v;
    case "number": return Number.isFinite(v) ? `${v}` : "";
    case "bigint": return `${v}`;
    case "boolean": return v ? "true" : "false";
  }
  return "";
}

export function stringify(obj, sep, eq, options) {
  sep ||= "&";
  eq ||= "=";
  let encode = escape;
  if (options && typeof options.encodeURIComponent === "function") encode = options.encodeURIComponent;
  if (obj === null || typeof obj !== "object") return "";
  const parts = [];
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    const ks = encode(primitive(k)) + eq;
    if (Array.isArray(v)) {
      for (const x of v) parts.push(ks + encode(primitive(x)));
    } else {
      parts.push(ks + encode(primitive(v)));
    }
  }
  return parts.join(sep);
}

export function parse(qs, sep, eq, options) {
  const obj = Object.create(null);
  if (typeof qs !== "string" || qs.length === 0) return obj;
  sep = sep ? `${sep}` : "&";
  eq = eq ? `${eq}` : "=";
  let maxKeys = 1000;
  if (options && typeof options.maxKeys === "number") maxKeys = options.maxKeys;
  let decode = (s) => unescape(s, true);
  if (options && typeof options.decodeURIComponent === "function" && options.decodeURIComponent !== unescape) {
    decode = options.decodeURIComponent;
  }
  const decodePart = (s) => {
    s = s.replace(/\+/g, " ");
    if (!s.includes("%")) return s;
    try {
      return decode(s);
    } catch {
      return unescape(s, true);
    }
  };
  let pairs = qs.split(sep);
  if (maxKeys > 0 && pairs.length > maxKeys) pairs = pairs.slice(0, maxKeys);
  for (const pair of pairs) {
    if (pair.length === 0) continue;
    const at = pair.indexOf(eq);
    const rawKey = at >= 0 ? pair.slice(0, at) : pair;
    const rawValue = at >= 0 ? pair.slice(at + eq.length) : "";
    const key = decodePart(rawKey);
    const value = decodePart(rawValue);
    const cur = obj[key];
    if (cur === undefined) obj[key] = value;
    else if (Array.isArray(cur)) cur.push(value);
    else obj[key] = [cur, value];
  }
  return obj;
}

export const decode = parse;
export const encode = stringify;

export default { decode, encode, escape, parse, stringify, unescape, unescapeBuffer };
