// node:punycode — RFC 3492 Punycode and the IDNA helpers built on it (toASCII/toUnicode on
// whole domain names or e-mail addresses), as Node's bundled punycode.js provides.

const BASE = 36, TMIN = 1, TMAX = 26, SKEW = 38, DAMP = 700, INITIAL_BIAS = 72, INITIAL_N = 128;
const MAX_INT = 0x7fffffff;

function fail(kind) {
  const msg = { overflow: "Overflow: input needs wider integers to process", "not-basic": "Illegal input >= 0x80 (not a basic code point)", "invalid-input": "Invalid input" }[kind];
  throw new RangeError(msg);
}

function adapt(delta, numPoints, first) {
  delta = first ? Math.floor(delta / DAMP) : delta >> 1;
  delta += Math.floor(delta / numPoints);
  let k = 0;
  for (; delta > ((BASE - TMIN) * TMAX) >> 1; k += BASE) delta = Math.floor(delta / (BASE - TMIN));
  return Math.floor(k + ((BASE - TMIN + 1) * delta) / (delta + SKEW));
}

const digitOf = (cp) => (cp >= 0x30 && cp < 0x3a ? 26 + (cp - 0x30) : cp >= 0x41 && cp < 0x5b ? cp - 0x41 : cp >= 0x61 && cp < 0x7b ? cp - 0x61 : BASE);
const charOf = (d) => d + 22 + 75 * (d < 26);

// ucs2decode splits a string into code points (surrogate pairs joined).
function ucs2decode(string) {
  const out = [];
  for (let i = 0; i < string.length; i++) {
    const c = string.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < string.length) {
      const d = string.charCodeAt(i + 1);
      if ((d & 0xfc00) === 0xdc00) {
        out.push(((c & 0x3ff) << 10) + (d & 0x3ff) + 0x10000);
        i++;
        continue;
      }
    }
    out.push(c);
  }
  return out;
}

const ucs2encode = (codePoints) => String.fromCodePoint(...codePoints);

export function decode(input) {
  const output = [];
  const basic = Math.max(input.lastIndexOf("-"), 0);
  for (let j = 0; j < basic; j++) {
    if (input.charCodeAt(j) >= 0x80) fail("not-basic");
    output.push(input.charCodeAt(j));
  }
  let n = INITIAL_N, bias = INITIAL_BIAS, i = 0;
  for (let index = basic > 0 ? basic + 1 : 0; index < input.length;) {
    const oldi = i;
    for (let w = 1, k = BASE; ; k += BASE) {
      if (index >= input.length) fail("invalid-input");
      const digit = digitOf(input.charCodeAt(index++));
      if (digit >= BASE) fail("invalid-input");
      if (digit > Math.floor((MAX_INT - i) / w)) fail("overflow");
      i += digit * w;
      const t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
      if (digit < t) break;
      if (w > Math.floor(MAX_INT / (BASE - t))) fail("overflow");
      w *= BASE - t;
    }
    const len = output.length + 1;
    bias = adapt(i - oldi, len, oldi === 0);
    if (Math.floor(i / len) > MAX_INT - n) fail("overflow");
    n += Math.floor(i / len);
    i %= len;
    output.splice(i++, 0, n);
  }
  return String.fromCodePoint(...output);
}

export function encode(input) {
  const cps = ucs2decode(input);
  const output = [];
  for (const c of cps) if (c < 0x80) output.push(String.fromCharCode(c));
  const basicLength = output.length;
  let handled = basicLength;
  if (basicLength) output.push("-");
  let n = INITIAL_N, delta = 0, bias = INITIAL_BIAS;
  while (handled < cps.length) {
    let m = MAX_INT;
    for (const c of cps) if (c >= n && c < m) m = c;
    if (m - n > Math.floor((MAX_INT - delta) / (handled + 1))) fail("overflow");
    delta += (m - n) * (handled + 1);
    n = m;
    for (const c of cps) {
      if (c < n && ++delta > MAX_INT) fail("overflow");
      if (c === n) {
        let q = delta;
        for (let k = BASE; ; k += BASE) {
          const t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
          if (q < t) break;
          const qt = q - t, bt = BASE - t;
          output.push(String.fromCharCode(charOf(t + (qt % bt))));
          q = Math.floor(qt / bt);
        }
        output.push(String.fromCharCode(charOf(q)));
        bias = adapt(delta, handled + 1, handled === basicLength);
        delta = 0;
        ++handled;
      }
    }
    ++delta;
    ++n;
  }
  return output.join("");
}

// mapDomain applies fn to each label of a domain (dots of all IDNA kinds), keeping an e-mail
// address's local part as it is.
function mapDomain(domain, fn) {
  const at = domain.split("@");
  let result = "";
  if (at.length > 1) {
    result = at[0] + "@";
    domain = at[1];
  }
  domain = domain.replace(/[\x2E\u3002\uFF0E\uFF61]/g, ".");
  return result + domain.split(".").map(fn).join(".");
}

export function toUnicode(input) {
  return mapDomain(input, (s) => (/^xn--/.test(s) ? decode(s.slice(4).toLowerCase()) : s));
}

export function toASCII(input) {
  return mapDomain(input, (s) => (/[^\0-\x7F]/.test(s) ? "xn--" + encode(s) : s));
}

export const ucs2 = { decode: ucs2decode, encode: ucs2encode };
export const version = "2.1.0";

export default { decode, encode, toASCII, toUnicode, ucs2, version };
