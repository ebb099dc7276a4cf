// The Fetch Standard's data: URL processor, as workerd runs it for fetch("data:…")
// (src/workerd/api/data-url.c++): the MIME type before the first comma, the body after it,
// percent-decoded and, with a ";base64" suffix, base64-decoded the lenient way workerd does.
import { parseMime } from "./blob.js";

const ASCII_WS = /^[\t\n\f\r ]+|[\t\n\f\r ]+$/g;
const PLAIN_ASCII = "text/plain;charset=US-ASCII";

// percentDecode turns %XX escapes of an ASCII string (a serialized URL) into bytes; a "%" not
// followed by two hex digits stays as it is.
function percentDecode(s) {
  const out = new Uint8Array(s.length);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25 && i + 2 < s.length && isHex(s.charCodeAt(i + 1)) && isHex(s.charCodeAt(i + 2))) {
      out[n++] = parseInt(s.slice(i + 1, i + 3), 16);
      i += 2;
    } else {
      out[n++] = c & 0xff;
    }
  }
  return out.subarray(0, n);
}

function isHex(c) {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

const B64 = new Int16Array(256).fill(-1);
for (let i = 0; i < 64; i++) B64["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".charCodeAt(i)] = i;

// decodeBase64 is workerd's data: URL decoder: every byte outside the base64 alphabet (padding,
// whitespace, anything) is skipped, a final lone character is dropped, and unpadded tails and
// non-zero trailing bits are accepted.
function decodeBase64(bytes) {
  const vals = [];
  for (const b of bytes) if (B64[b] >= 0) vals.push(B64[b]);
  let len = vals.length;
  if (len % 4 === 1) len--;
  const out = new Uint8Array(Math.floor((len * 3) / 4));
  let n = 0;
  for (let i = 0; i < len; i += 4) {
    const rest = len - i;
    const a = vals[i], b = vals[i + 1], c = rest > 2 ? vals[i + 2] : 0, d = rest > 3 ? vals[i + 3] : 0;
    out[n++] = (a << 2) | (b >> 4);
    if (rest > 2) out[n++] = ((b & 15) << 4) | (c >> 2);
    if (rest > 3) out[n++] = ((c & 3) << 6) | d;
  }
  return out.subarray(0, n);
}

// processDataURL takes a parsed data: URL's href and returns { type, body } (type serialized),
// or null when it has no comma (not a valid data: URL).
export function processDataURL(href) {
  const hash = href.indexOf("#");
  if (hash >= 0) href = href.slice(0, hash);
  href = href.slice(5); // "data:"
  const comma = href.indexOf(",");
  if (comma < 0) return null;
  let mime = href.slice(0, comma).replace(ASCII_WS, "");
  const data = href.slice(comma + 1);
  let body;
  const semi = mime.lastIndexOf(";");
  if (semi >= 0 && /^base64$/i.test(mime.slice(semi + 1).replace(ASCII_WS, ""))) {
    mime = mime.slice(0, semi);
    body = decodeBase64(percentDecode(data));
  } else {
    body = percentDecode(data);
  }
  if (mime.startsWith(";")) mime = "text/plain" + mime;
  const parsed = parseMime(mime);
  return { type: parsed === null ? PLAIN_ASCII : parsed.toString(), body };
}
