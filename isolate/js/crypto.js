// Web Crypto as workerd has it (src/workerd/api/crypto/*.c++): the crypto global with
// getRandomValues, randomUUID, subtle and DigestStream, and the Crypto, SubtleCrypto and CryptoKey
// classes, with workerd's algorithms, argument conversions, checks and error messages (measured
// from real workerd). The primitives are Go's crypto packages (isolate/crypto.go). Key material
// stays here, in each CryptoKey's private state: raw bytes for secret keys, canonical DER (PKCS #8
// for private keys, SPKI for public ones) for asymmetric keys, so a key lives exactly as long as
// its CryptoKey. Every operation runs synchronously, as workerd's do; the promise methods only
// settle asynchronously.
import { native } from "./native.js";
import { DOMException } from "./domexception.js";
import { toUSV, atob, btoa } from "./encoding.js";
import { WritableStream } from "./streams.js";

const kInternal = Symbol("crypto.internal");
const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
const dom = (name, message) => new DOMException(message, name);
const illegal = () => new TypeError("Illegal invocation: function called with incorrect `this` reference. " +
  "See https://developers.cloudflare.com/workers/observability/errors/#illegal-invocation-errors for details.");

// upper folds ASCII letters only, as strcasecmp compares.
const upper = (s) => s.replace(/[a-z]+/g, (m) => m.toUpperCase());

// Go answers with bytes, a boolean, null (the caller words the failure) or "Name\0message".
function check(r) {
  if (typeof r !== "string") return r;
  const i = r.indexOf("\0");
  const name = r.slice(0, i), msg = r.slice(i + 1);
  if (name === "TypeError") throw new TypeError(msg);
  if (name === "RangeError") throw new RangeError(msg);
  throw dom(name, msg);
}

// buf returns an ArrayBuffer with exactly the bytes of u8 (Go's results own theirs already).
const buf = (u8) => (u8.byteOffset === 0 && u8.byteLength === u8.buffer.byteLength ? u8.buffer : u8.slice().buffer);
const copyBytes = (u8) => new Uint8Array(u8);

// unpack splits Go's [4-byte length][bytes]… lists.
function unpack(b) {
  const parts = [];
  for (let o = 0; o + 4 <= b.length;) {
    const n = ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
    parts.push(b.subarray(o + 4, o + 4 + n));
    o += 4 + n;
  }
  return parts;
}
const ascii = (b) => String.fromCharCode.apply(null, b);

// Base64url as workerd decodes JWK members: either alphabet, optional padding, whitespace
// ignored; undefined when the text is not base64.
function b64decode(s) {
  let t = s.replace(/[\t\n\f\r ]/g, "").replace(/-/g, "+").replace(/_/g, "/");
  if (t.length % 4 === 0) t = t.replace(/==?$/, "");
  if (t.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(t)) return undefined;
  const bin = atob(t);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
function b64encode(b) {
  let s = "";
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode.apply(null, b.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

// ---------------------------------------------------------------------------------------------
// Argument conversion, as workerd's JSG does it.

const MANGLED = {
  HashAlgorithm: "N7workerd3api12SubtleCrypto13HashAlgorithmE",
  EncryptAlgorithm: "N7workerd3api12SubtleCrypto16EncryptAlgorithmE",
  SignAlgorithm: "N7workerd3api12SubtleCrypto13SignAlgorithmE",
  GenerateKeyAlgorithm: "N7workerd3api12SubtleCrypto20GenerateKeyAlgorithmE",
  ImportKeyAlgorithm: "N7workerd3api12SubtleCrypto18ImportKeyAlgorithmE",
  DeriveKeyAlgorithm: "N7workerd3api12SubtleCrypto18DeriveKeyAlgorithmE",
  JsonWebKey: "N7workerd3api12SubtleCrypto10JsonWebKeyE",
};
const nullStruct = (struct) =>
  new TypeError(`Cannot initialize ${MANGLED[struct]} with required members from an undefined or null value.`);
const paramError = (iface, method, n, type) =>
  new TypeError(`Failed to execute '${method}' on '${iface}': parameter ${n} is not of type '${type}'.`);
const fieldError = (field, struct, type) =>
  new TypeError(`Incorrect type for the '${field}' field on '${struct}': the provided value is not of type '${type}'.`);

const isBuffer = (v) => v instanceof ArrayBuffer || ArrayBuffer.isView(v);
const bytesOf = (v) => (v instanceof ArrayBuffer ? new Uint8Array(v) : new Uint8Array(v.buffer, v.byteOffset, v.byteLength));

const RANGE = "Value out of range. Must be between -2147483648 and 2147483647 (inclusive).";
// toInt converts as JSG does for int: ToNumber, non-finite → 0, truncation, int32 range.
function toInt(v, message = RANGE) {
  const n = +v;
  if (!Number.isFinite(n)) return 0;
  const t = Math.trunc(n);
  if (t < -2147483648 || t > 2147483647) throw new TypeError(message);
  return t === 0 ? 0 : t;
}

const STRUCTS = {
  HashAlgorithm: [["name", "name"]],
  EncryptAlgorithm: [["name", "name"], ["iv", "buffer"], ["additionalData", "buffer"], ["tagLength", "tag"],
    ["counter", "buffer"], ["length", "int"], ["label", "buffer"]],
  SignAlgorithm: [["name", "name"], ["hash", "hash"], ["dataLength", "int"], ["saltLength", "int"]],
  GenerateKeyAlgorithm: [["name", "name"], ["hash", "hash"], ["modulusLength", "int"], ["publicExponent", "buffer"],
    ["length", "int"], ["namedCurve", "string"]],
  ImportKeyAlgorithm: [["name", "name"], ["hash", "hash"], ["length", "int"], ["namedCurve", "string"], ["compressed", "bool"]],
  DeriveKeyAlgorithm: [["name", "name"], ["salt", "buffer"], ["iterations", "int"], ["hash", "hash"], ["public", "key"],
    ["info", "buffer"]],
};

function readStruct(obj, struct) {
  const out = {};
  for (const [field, kind] of STRUCTS[struct]) {
    const v = obj[field];
    if (kind === "name") {
      out.name = `${v}`;
      continue;
    }
    if (v === undefined) continue;
    switch (kind) {
      case "buffer":
        if (!isBuffer(v)) throw fieldError(field, struct, "BufferSource");
        out[field] = bytesOf(v);
        break;
      case "int":
        out[field] = toInt(v);
        break;
      case "tag":
        out[field] = toInt(v, "AES-GCM tagLength is outside the integer range.");
        break;
      case "string":
        out[field] = `${v}`;
        break;
      case "bool":
        out[field] = !!v;
        break;
      case "hash":
        out[field] = toAlgorithm(v, "HashAlgorithm");
        break;
      case "key":
        if (keyOf(v) === undefined) throw fieldError(field, struct, "CryptoKey");
        out[field] = v;
        break;
    }
  }
  return out;
}

// toAlgorithm converts kj::OneOf<kj::String, Struct>.
function toAlgorithm(v, struct) {
  if (typeof v === "string") return { name: v };
  if (v === null || v === undefined) throw nullStruct(struct);
  if (typeof v === "object" || typeof v === "function") return readStruct(v, struct);
  return { name: `${v}` };
}

const JWK_KEY_MEMBERS = ["crv", "x", "y", "d", "n", "e", "p", "q", "dp", "dq", "qi"];
// toJwk converts a JsonWebKey dictionary (members in workerd's declaration order).
function toJwk(v) {
  const out = { kty: `${v.kty}` };
  const str = (f) => {
    const x = v[f];
    if (x !== undefined) out[f] = `${x}`;
  };
  str("use");
  const ops = v.key_ops;
  if (ops !== undefined) {
    if (!Array.isArray(ops)) throw fieldError("key_ops", "JsonWebKey", "Array");
    out.key_ops = Array.from(ops, (o) => `${o}`);
  }
  str("alg");
  if (v.ext !== undefined) out.ext = !!v.ext;
  for (const f of JWK_KEY_MEMBERS) str(f);
  const oth = v.oth;
  if (oth !== undefined) {
    if (!Array.isArray(oth)) throw fieldError("oth", "JsonWebKey", "Array");
    out.oth = Array.from(oth);
  }
  str("k");
  return out;
}

// Parameter readers for the SubtleCrypto methods: a, the arguments; i, the index.
function algArg(a, i, method, struct) {
  if (a.length <= i) throw paramError("SubtleCrypto", method, i + 1, `string or ${struct}`);
  return toAlgorithm(a[i], struct);
}
function bufArg(a, i, method) {
  if (!isBuffer(a[i])) throw paramError("SubtleCrypto", method, i + 1, "BufferSource");
  return bytesOf(a[i]);
}
function keyArg(a, i, method) {
  const k = keyOf(a[i]);
  if (k === undefined) throw paramError("SubtleCrypto", method, i + 1, "CryptoKey");
  return k;
}
function strArg(a, i, method) {
  if (a.length <= i) throw paramError("SubtleCrypto", method, i + 1, "string");
  return `${a[i]}`;
}
function boolArg(a, i, method) {
  if (a.length <= i) throw paramError("SubtleCrypto", method, i + 1, "boolean");
  return !!a[i];
}
function usagesArg(a, i, method) {
  if (!Array.isArray(a[i])) throw paramError("SubtleCrypto", method, i + 1, "Array");
  return Array.from(a[i], (u) => `${u}`);
}

// ---------------------------------------------------------------------------------------------
// Usages, digests, algorithms.

const USAGES = ["encrypt", "decrypt", "sign", "verify", "deriveKey", "deriveBits", "wrapKey", "unwrapKey"];
const U = Object.create(null);
USAGES.forEach((n, i) => (U[n] = 1 << i));
const PUBLIC_MASK = U.encrypt | U.verify | U.wrapKey;
const PRIVATE_MASK = U.decrypt | U.sign | U.unwrapKey | U.deriveKey | U.deriveBits;
const DERIVE_MASK = U.deriveKey | U.deriveBits;
const SIGN_VERIFY = U.sign | U.verify;
const count = (set) => USAGES.reduce((n, _, i) => n + ((set >> i) & 1), 0);
const usageList = (set) => USAGES.filter((_, i) => set & (1 << i));

function validateUsages(name, op, usages, mask) {
  let set = 0;
  for (const u of usages) {
    const bit = U[u];
    if (!bit || !(bit & mask)) throw dom("SyntaxError", `Attempt to ${op} ${name} key with invalid usage "${u}".`);
    set |= bit;
  }
  return set;
}

// Digests: [size, block size] in bytes.
const DIGESTS = { "SHA-1": [20, 64], "SHA-256": [32, 64], "SHA-384": [48, 128], "SHA-512": [64, 128], MD5: [16, 64] };
function lookupDigest(name) {
  const n = upper(`${name}`);
  if (!hasOwn(DIGESTS, n)) throw dom("NotSupportedError", "Unrecognized or unimplemented digest algorithm requested.");
  return n;
}

const CURVES = { "P-256": 32, "P-384": 48, "P-521": 66 };
function lookupCurve(name) {
  const n = upper(name);
  if (!hasOwn(CURVES, n)) throw dom("NotSupportedError", `Unrecognized or unimplemented EC curve "${name}" requested.`);
  return n;
}

const ALGORITHMS = ["AES-CTR", "AES-CBC", "AES-GCM", "AES-KW", "HMAC", "PBKDF2", "HKDF", "RSASSA-PKCS1-v1_5",
  "RSA-PSS", "RSA-OAEP", "ECDSA", "ECDH", "NODE-ED25519", "Ed25519", "X25519"];
const CANONICAL = Object.create(null);
for (const n of ALGORITHMS) CANONICAL[upper(n)] = n;
const canonical = (name) => CANONICAL[upper(name)];

// ---------------------------------------------------------------------------------------------
// CryptoKey. The private record holds: name (normalised), type, extractable, usages (a bit set),
// and per family: raw (secret bytes), length, hash; or der, kind (the parsed key's actual type),
// curve, modBytes, exponent.

let keyOf;

function algorithmOf(k) {
  switch (k.name) {
    case "AES-CTR": case "AES-CBC": case "AES-GCM": case "AES-KW":
      return { name: k.name, length: k.length };
    case "HMAC":
      return { name: k.name, hash: { name: k.hash }, length: k.length & 0xffff };
    case "RSASSA-PKCS1-v1_5": case "RSA-PSS": case "RSA-OAEP":
      return { name: k.name, modulusLength: k.modBytes * 8, publicExponent: copyBytes(k.exponent), hash: { name: k.hash } };
    case "ECDSA": case "ECDH":
      return { name: k.name, namedCurve: k.curve };
    case "NODE-ED25519":
      return { name: k.name, namedCurve: k.name };
  }
  return { name: k.name };
}

// The kind of algorithm dictionary a key has (workerd compares them when deriving).
function variantOf(name) {
  switch (name) {
    case "AES-CTR": case "AES-CBC": case "AES-GCM": case "AES-KW": return "aes";
    case "HMAC": return "hmac";
    case "RSASSA-PKCS1-v1_5": case "RSA-PSS": case "RSA-OAEP": return "rsa";
    case "ECDSA": case "ECDH": case "NODE-ED25519": return "ec";
  }
  return "plain";
}

export class CryptoKey {
  #k;
  constructor(token = undefined, k = undefined) {
    if (token !== kInternal) throw new TypeError("Illegal constructor");
    this.#k = k;
    const ro = (value) => ({ value, writable: false, enumerable: true, configurable: true });
    Object.defineProperties(this, {
      usages: ro(usageList(k.usages)),
      algorithm: ro(algorithmOf(k)),
      extractable: ro(k.extractable),
      type: ro(k.type),
    });
  }

  static {
    keyOf = (o) => (o !== null && typeof o === "object" && #k in o ? o.#k : undefined);
  }
}

// secretKeyBytes returns a secret CryptoKey's raw bytes (for node:crypto's createHmac and
// KeyObject.from, which take CryptoKeys), or undefined for anything else.
export function secretKeyBytes(o) {
  const k = keyOf(o);
  return k && k.type === "secret" ? k.raw : undefined;
}

// asymmetricKeyDer returns a public or private CryptoKey's canonical DER (SPKI or PKCS #8), for
// node:crypto's KeyObject.from and the functions that take CryptoKeys; undefined otherwise.
export function asymmetricKeyDer(o) {
  const k = keyOf(o);
  return k && k.type !== "secret" && k.der ? k.der : undefined;
}

const newKey = (k) => new CryptoKey(kInternal, k);
const secretKey = (name, raw, extractable, usages, extra) => ({ name, type: "secret", extractable, usages, raw, ...extra });

// ---------------------------------------------------------------------------------------------
// Per-algorithm implementations. Each family provides some of: encrypt, decrypt, sign, verify,
// deriveBits, wrapKey, unwrapKey, exportKey (k is the key record, alg the converted algorithm).

const notImplemented = (op) => (k) => {
  throw dom("NotSupportedError", `The ${op} operation is not implemented for "${k.name}".`);
};
const DEFAULTS = {
  encrypt: notImplemented("encrypt"),
  decrypt: notImplemented("decrypt"),
  sign: notImplemented("sign"),
  verify: notImplemented("verify"),
  deriveBits(k) {
    throw dom("NotSupportedError", `The deriveKey and deriveBits operations are not implemented for "${k.name}".`);
  },
  wrapKey(k, alg, data) {
    return impl(k).encrypt(k, alg, data);
  },
  unwrapKey(k, alg, data) {
    return impl(k).decrypt(k, alg, data);
  },
  exportKey(k) {
    throw dom("NotSupportedError", `Unrecognized or unsupported export of "${k.name}" requested.`);
  },
};
const impl = (k) => FAMILIES[k.name];

const decryptFailed = (k, inLen, outLen) => dom("OperationError", "Decryption failed. This could be due to a ciphertext " +
  "authentication failure, bad padding, incorrect CryptoKey, or another algorithm-specific reason. Input length was " +
  `${inLen}, output length expected to be ${outLen} for ${k.name}`);

function requireIv(alg) {
  if (alg.iv === undefined) throw new TypeError('Missing field "iv" in "algorithm".');
  return alg.iv;
}
function gcmTag(alg) {
  const tag = alg.tagLength === undefined ? 128 : alg.tagLength;
  if (![32, 64, 96, 104, 112, 120, 128].includes(tag)) throw dom("OperationError", `Invalid AES-GCM tag length ${tag}.`);
  return tag;
}

function aesExport(k, format) {
  if (format !== "raw" && format !== "jwk") {
    throw dom("NotSupportedError", `${k.name} key only supports exporting "raw", "raw-secret" & "jwk", not "${format}".`);
  }
  if (format === "raw") return buf(copyBytes(k.raw));
  return { kty: "oct", key_ops: usageList(k.usages), alg: `A${k.raw.length * 8}${k.name.slice(4)}`, ext: true, k: b64encode(k.raw) };
}

const AES_GCM = {
  encrypt(k, alg, data) {
    const iv = requireIv(alg);
    if (iv.length === 0) throw dom("OperationError", "AES-GCM IV must not be empty.");
    const tag = gcmTag(alg);
    return check(native.cryptoAes("GCM", false, k.raw, iv, data, alg.additionalData, tag / 8));
  },
  decrypt(k, alg, data) {
    const iv = requireIv(alg);
    if (iv.length === 0) throw dom("OperationError", "AES-GCM IV must not be empty.");
    const tag = gcmTag(alg);
    if (data.length < tag / 8) {
      throw dom("OperationError", `Ciphertext length of ${data.length * 8} bits must be greater than or equal to the size ` +
        `of the AES-GCM tag length of ${tag} bits.`);
    }
    const r = check(native.cryptoAes("GCM", true, k.raw, iv, data, alg.additionalData, tag / 8));
    if (r === null) throw decryptFailed(k, data.length - tag / 8, data.length - tag / 8);
    return r;
  },
  exportKey: aesExport,
};

const AES_CBC = {
  encrypt(k, alg, data) {
    const iv = requireIv(alg);
    if (iv.length !== 16) throw dom("OperationError", `AES-CBC IV must be 16 bytes long (provided ${iv.length} bytes).`);
    return check(native.cryptoAes("CBC", false, k.raw, iv, data));
  },
  decrypt(k, alg, data) {
    const iv = requireIv(alg);
    if (iv.length !== 16) throw dom("OperationError", `AES-CBC IV must be 16 bytes long (provided ${iv.length}).`);
    const r = check(native.cryptoAes("CBC", true, k.raw, iv, data));
    // OpenSSL holds back the last block until it has checked the padding.
    const n = data.length;
    if (r === null) throw decryptFailed(k, n, n % 16 === 0 ? Math.max(n - 16, 0) : n - (n % 16));
    return r;
  },
  exportKey: aesExport,
};

function aesCtr(k, alg, data) {
  if (alg.counter === undefined) throw new TypeError('Missing "counter" member in "algorithm".');
  const counter = alg.counter;
  if (counter.length !== 16) throw dom("OperationError", `Counter must have length of 16 bytes (provided ${counter.length}).`);
  if (alg.length === undefined) throw new TypeError('Missing "length" member in "algorithm".');
  const bits = alg.length;
  if (bits <= 0 || bits > 128) throw dom("OperationError", `Invalid counter of ${bits} bits length provided.`);
  if (BigInt(Math.ceil(data.length / 16)) > 1n << BigInt(bits)) throw dom("OperationError", "Counter block values will repeat.");
  return check(native.cryptoAes("CTR", false, k.raw, counter, data, undefined, bits));
}
const AES_CTR = { encrypt: aesCtr, decrypt: aesCtr, exportKey: aesExport };

const AES_KW = {
  wrapKey(k, alg, data) {
    if (data.length % 8 !== 0) {
      throw dom("OperationError", "Unwrapped key bit length must be a multiple of 64 bits but unwrapped key has a length " +
        `of ${data.length * 8} bits.`);
    }
    if (data.length < 16) {
      throw dom("OperationError", `Unwrapped key has length ${data.length} bytes but it should be greater than or equal to 16 ` +
        "and less than or equal to 18446744073709551607");
    }
    return check(native.cryptoAes("KW", false, k.raw, undefined, data));
  },
  unwrapKey(k, alg, data) {
    if (data.length % 8 !== 0) {
      throw dom("OperationError", `Provided a wrapped key to unwrap that is ${data.length * 8} bits which isn't a multiple of 64 bits.`);
    }
    if (data.length < 24) {
      throw dom("OperationError", `Provided a wrapped key to unwrap this is ${data.length * 8} bits that is less than the ` +
        "minimal length of 192 bits.");
    }
    const r = check(native.cryptoAes("KW", true, k.raw, undefined, data));
    if (r === null) throw dom("OperationError", "AES-KW key unwrapping failed.");
    return r;
  },
  exportKey: aesExport,
};

const HMAC = {
  sign(k, alg, data) {
    return check(native.cryptoHmac(k.hash, k.raw, data));
  },
  verify(k, alg, sig, data) {
    const mac = check(native.cryptoHmac(k.hash, k.raw, data));
    return mac.length === sig.length && check(native.cryptoEqual(mac, sig));
  },
  exportKey(k, format) {
    if (format !== "raw" && format !== "jwk") throw dom("NotSupportedError", `Unimplemented key export format "${format}".`);
    if (format === "raw") return buf(copyBytes(k.raw));
    if (!k.hash.startsWith("SHA-")) {
      throw dom("NotSupportedError", `Unimplemented JWK key export format for key algorithm "${k.hash}".`);
    }
    return { kty: "oct", key_ops: usageList(k.usages), alg: `HS${k.hash.slice(4)}`, ext: true, k: b64encode(k.raw) };
  },
};

function kdfHash(alg) {
  if (alg.hash === undefined) throw new TypeError('Missing field "hash" in "algorithm".');
  return lookupDigest(alg.hash.name);
}
function kdfField(alg, field) {
  if (alg[field] === undefined) throw new TypeError(`Missing field "${field}" in "algorithm".`);
  return alg[field];
}

const PBKDF2 = {
  deriveBits(k, alg, length) {
    const hash = kdfHash(alg);
    const salt = kdfField(alg, "salt");
    const iterations = kdfField(alg, "iterations");
    if (length === null) throw dom("OperationError", "PBKDF2 cannot derive a key with null length.");
    if (length % 8 !== 0) {
      throw dom("OperationError", `PBKDF2 requires a derived key length that is a multiple of eight (requested ${length}).`);
    }
    if (iterations <= 0) throw dom("OperationError", `PBKDF2 requires a positive iteration count (requested ${iterations}).`);
    if (length / 8 > 255 * DIGESTS[hash][0]) {
      throw dom("OperationError", "Pbkdf2 failed: derived key length exceeds maximum for this hash");
    }
    const r = check(native.cryptoKdf("PBKDF2", hash, k.raw, salt, iterations, length / 8));
    if (r === null) throw new Error("PBKDF2 deriveBits failed.");
    return r;
  },
};

const HKDF = {
  deriveBits(k, alg, length) {
    const hash = kdfHash(alg);
    const salt = kdfField(alg, "salt");
    const info = kdfField(alg, "info");
    if (length === null) throw dom("OperationError", "HKDF cannot derive a key with null length.");
    if (length % 8 !== 0) {
      throw dom("OperationError", `HKDF requires a derived key length that is a multiple of eight (requested ${length}).`);
    }
    const r = length / 8 > 255 * DIGESTS[hash][0] ? null : check(native.cryptoKdf("HKDF", hash, k.raw, salt, info, length / 8));
    if (r === null) throw dom("OperationError", "HKDF deriveBits failed.");
    return r;
  },
};

// Asymmetric keys (workerd's AsymmetricKeyCryptoKeyImpl and its subclasses).

function asymmetricExport(k, format) {
  if (format === "pkcs8") {
    if (k.type !== "private") {
      throw dom("InvalidAccessError", `Asymmetric pkcs8 export requires private key (not "${k.type}").`);
    }
    return buf(copyBytes(k.der));
  }
  if (format === "spki") {
    if (k.type !== "public") {
      throw dom("InvalidAccessError", `Asymmetric spki export requires public key (not "${k.type}").`);
    }
    return buf(copyBytes(k.der));
  }
  if (format === "jwk") {
    const jwk = impl(k).exportJwk(k);
    return {
      kty: jwk.kty, key_ops: usageList(k.usages), ...(jwk.alg === undefined ? {} : { alg: jwk.alg }), ext: true,
      ...jwk.rest,
    };
  }
  if (format === "raw") return buf(impl(k).exportRaw(k));
  throw dom("InvalidAccessError", `Cannot export "${k.name}" in "${format}" format.`);
}

function asymmetricSign(k, alg, data) {
  if (k.type !== "private") throw dom("InvalidAccessError", "Asymmetric signing requires a private key.");
  const f = impl(k);
  const hash = lookupDigest(f.chooseHash(k, alg));
  let salt = 0;
  if (k.name === "RSASSA-PKCS1-v1_5") {
    const md = DIGESTS[hash][0];
    if (md + 32 > k.modBytes) {
      throw dom("OperationError", `key too small for signing with given digest, need at least ${8 * (md + 32)}bits.`);
    }
  } else if (k.name === "RSA-PSS") {
    if (alg.saltLength === undefined) {
      throw dom("DataError", "Failed to provide salt for RSA-PSS key operation which requires a salt");
    }
    salt = alg.saltLength;
    if (salt < 0) throw dom("DataError", `SaltLength for RSA-PSS must be non-negative (provided ${salt}).`);
    const md = DIGESTS[hash][0];
    if (md + 2 > k.modBytes) throw dom("OperationError", "key too small for signing with given digest");
    if (salt > k.modBytes - md - 2) throw dom("OperationError", "key too small for signing with given digest and salt length");
  }
  return check(native.cryptoSign(k.name, hash, k.der, data, salt));
}

function asymmetricVerify(k, alg, sig, data) {
  if (k.type !== "public") throw dom("InvalidAccessError", "Asymmetric verification requires a public key.");
  const f = impl(k);
  f.requireSigning?.(k);
  const hash = lookupDigest(f.chooseHash(k, alg));
  let salt = 0;
  if (k.name === "RSA-PSS") {
    if (alg.saltLength === undefined) throw new TypeError("Failed to provide salt for RSA-PSS key operation which requires a salt");
    salt = alg.saltLength;
    if (salt < 0) throw dom("DataError", `SaltLength for RSA-PSS must be non-negative (provided ${salt}).`);
  }
  return check(native.cryptoVerify(k.name, hash, k.der, sig, data, salt));
}

function jwkParts(k) {
  return unpack(check(native.cryptoExport(k.der, "jwk")));
}

function rsaFamily(algPrefix) {
  return {
    sign: asymmetricSign,
    verify: asymmetricVerify,
    exportKey: asymmetricExport,
    chooseHash: (k) => k.hash,
    exportJwk(k) {
      if (!k.hash.startsWith("SHA")) throw dom("NotSupportedError", `JWK export not supported for hash algorithm "${k.hash}".`);
      const alg = algPrefix === "RSA-OAEP"
        ? (k.hash === "SHA-1" ? "RSA-OAEP" : `RSA-OAEP-${k.hash.slice(4)}`)
        : `${algPrefix}${k.hash.slice(4)}`;
      const p = jwkParts(k).map(b64encode);
      const rest = k.type === "private"
        ? { d: p[2], n: p[0], e: p[1], p: p[3], q: p[4], dp: p[5], dq: p[6], qi: p[7] }
        : { n: p[0], e: p[1] };
      return { kty: "RSA", alg, rest };
    },
    exportRaw(k) {
      throw dom("InvalidAccessError", `Cannot export "${k.name}" in "raw" format.`);
    },
  };
}

const RSA_OAEP = {
  ...rsaFamily("RSA-OAEP"),
  chooseHash(k) {
    throw dom("NotSupportedError", `The sign and verify operations are not implemented for "${k.name}".`);
  },
  encrypt(k, alg, data) {
    if (k.type !== "public") {
      throw dom("InvalidAccessError", `Encryption/key wrapping only works with public keys, not "${k.type}".`);
    }
    const r = check(native.cryptoOaep(false, k.hash, k.der, data, alg.label));
    if (r === null) throw dom("OperationError", "RSA-OAEP failed encrypt/decrypt.");
    return r;
  },
  decrypt(k, alg, data) {
    if (k.type !== "private") {
      throw dom("InvalidAccessError", `Decryption/key unwrapping only works with private keys, not "${k.type}".`);
    }
    const r = check(native.cryptoOaep(true, k.hash, k.der, data, alg.label));
    if (r === null) throw dom("OperationError", "RSA-OAEP failed encrypt/decrypt.");
    return r;
  },
};

// derivePeer runs workerd's checks shared by ECDH and X25519 and returns the peer's record.
function derivePeer(k, alg) {
  if (k.type !== "private") {
    throw dom("InvalidAccessError", `The deriveBits operation is only valid for a private key, not "${k.type}".`);
  }
  if (alg.public === undefined) throw new TypeError('Missing field "public" in "derivedKeyParams".');
  const p = keyOf(alg.public);
  if (p.type !== "public") throw dom("InvalidAccessError", `The provided key has type "${p.type}", not "public"`);
  if (variantOf(k.name) !== variantOf(p.name)) {
    throw dom("InvalidAccessError", `Base ${k.name} private key cannot be used to derive a key from a peer ${p.name} public key`);
  }
  if (k.name !== p.name) {
    throw dom("InvalidAccessError", `Private key for derivation is using "${k.name}" while public key is using "${p.name}".`);
  }
  return p;
}

// truncateBits returns the first bits of secret, as workerd's ECDH and X25519 do.
function truncateBits(secret, length) {
  const bits = length === null ? secret.length * 8 : length;
  if (bits > secret.length * 8) {
    throw dom("OperationError", `Derived key length (${bits} bits) is too long (should be at most ${secret.length * 8} bits).`);
  }
  const out = secret.slice(0, Math.ceil(bits / 8));
  const off = out.length * 8 - bits;
  if (off) out[out.length - 1] &= ~((1 << off) - 1);
  return out;
}

const EC_FAMILY = {
  sign: asymmetricSign,
  verify: asymmetricVerify,
  exportKey: asymmetricExport,
  requireSigning(k) {
    if (k.name !== "ECDSA") {
      throw dom("NotSupportedError", `The sign and verify operations are not implemented for "${k.name}".`);
    }
  },
  chooseHash(k, alg) {
    this.requireSigning(k);
    if (alg.hash === undefined) {
      throw new TypeError('Missing "hash" in AlgorithmIdentifier. (ECDSA requires that the hash algorithm be specified at ' +
        "call time rather than on the key. This differs from other WebCrypto algorithms for historical reasons.)");
    }
    // BoringSSL has no ECDSA over MD5: workerd fails with an internal error.
    if (lookupDigest(alg.hash.name) === "MD5") throw new Error("internal error");
    return alg.hash.name;
  },
  deriveBits(k, alg, length) {
    if (k.name !== "ECDH") throw dom("NotSupportedError", `The deriveBits operation is not implemented for "${k.name}".`);
    const p = derivePeer(k, alg);
    if (k.curve !== p.curve) {
      throw dom("InvalidAccessError", `Private key for derivation is using curve "${k.curve}" while public key is using "${p.curve}".`);
    }
    return truncateBits(check(native.cryptoDerive(k.der, p.der)), length);
  },
  exportJwk(k) {
    const p = jwkParts(k).map(b64encode);
    const rest = { crv: k.curve, x: p[0], y: p[1] };
    if (k.type === "private") rest.d = p[2];
    return { kty: "EC", rest };
  },
  exportRaw(k) {
    if (k.type !== "public") throw dom("InvalidAccessError", "Raw export of elliptic curve keys is only allowed for public keys.");
    return check(native.cryptoExport(k.der, "raw"));
  },
};

const OKP_FAMILY = {
  exportKey: asymmetricExport,
  sign(k, alg, data) {
    if (k.type !== "private") throw dom("InvalidAccessError", "Asymmetric signing requires a private key.");
    if (k.name === "X25519") throw dom("OperationError", `Not implemented for algorithm "${k.name}".`);
    if (k.kind !== "Ed25519") throw dom("OperationError", "Failed to initialize Ed25519 signing digest.");
    return check(native.cryptoSign(k.name, "", k.der, data, 0));
  },
  verify(k, alg, sig, data) {
    if (k.type !== "public") throw dom("InvalidAccessError", "Asymmetric verification requires a public key.");
    if (k.name === "X25519") throw dom("OperationError", `Not implemented for this algorithm${k.name}`);
    if (sig.length !== 64) throw dom("OperationError", `Invalid ${k.name} signature length ${sig.length}`);
    if (k.kind !== "Ed25519") throw dom("OperationError", "Failed to initialize Ed25519 verification digest.");
    return check(native.cryptoVerify(k.name, "", k.der, sig, data, 0));
  },
  deriveBits(k, alg, length) {
    if (k.name !== "X25519") throw dom("NotSupportedError", `The deriveBits operation is not implemented for "${k.name}".`);
    const p = derivePeer(k, alg);
    if (length !== null && length > 256) {
      throw dom("OperationError", `Derived key length (${length} bits) is too long (should be at most 256 bits).`);
    }
    // A key imported from another type's DER (workerd does not check): BoringSSL fails.
    if (k.kind !== "X25519" || p.kind !== "X25519") throw dom("OperationError", "internal error");
    return truncateBits(check(native.cryptoDerive(k.der, p.der)), length);
  },
  exportJwk(k) {
    if (k.kind !== (k.name === "X25519" ? "X25519" : "Ed25519")) throw dom("OperationError", "internal error");
    const p = jwkParts(k).map(b64encode);
    const rest = { crv: k.name === "X25519" ? "X25519" : "Ed25519", x: p[0] };
    if (k.type === "private") rest.d = p[1];
    return { kty: "OKP", alg: k.name === "Ed25519" ? "EdDSA" : undefined, rest };
  },
  exportRaw(k) {
    if (k.type !== "public") {
      throw dom("InvalidAccessError", `Raw export of ${k.name} keys is only allowed for public keys.`);
    }
    return check(native.cryptoExport(k.der, "raw"));
  },
};

const withDefaults = (f) => ({ ...DEFAULTS, ...f });
const FAMILIES = {
  "AES-GCM": withDefaults(AES_GCM),
  "AES-CBC": withDefaults(AES_CBC),
  "AES-CTR": withDefaults(AES_CTR),
  "AES-KW": withDefaults(AES_KW),
  HMAC: withDefaults(HMAC),
  PBKDF2: withDefaults(PBKDF2),
  HKDF: withDefaults(HKDF),
  "RSASSA-PKCS1-v1_5": withDefaults(rsaFamily("RS")),
  "RSA-PSS": withDefaults(rsaFamily("PS")),
  "RSA-OAEP": withDefaults(RSA_OAEP),
  ECDSA: withDefaults(EC_FAMILY),
  ECDH: withDefaults(EC_FAMILY),
  "NODE-ED25519": withDefaults(OKP_FAMILY),
  Ed25519: withDefaults(OKP_FAMILY),
  X25519: withDefaults(OKP_FAMILY),
};

// ---------------------------------------------------------------------------------------------
// Key generation.

function generateAes(name, alg, extractable, usages) {
  const set = validateUsages(name, "generate", usages, U.wrapKey | U.unwrapKey | (name === "AES-KW" ? 0 : U.encrypt | U.decrypt));
  if (alg.length === undefined) throw new TypeError('Missing field "length" in "algorithm".');
  const length = alg.length;
  if (length !== 128 && length !== 192 && length !== 256) {
    throw dom("OperationError", `Generated AES key length must be 128, 192, or 256 bits but requested ${length}.`);
  }
  return newKey(secretKey(name, check(native.cryptoRandom(length / 8)), extractable, set, { length }));
}

// zeroTrailingBits clears the bits of raw past length bits.
function zeroTrailingBits(raw, length) {
  const diff = length - (raw.length * 8 - 8);
  if (diff > 0 && diff < 8) raw[raw.length - 1] &= 0xff00 >> diff;
}

function generateHmac(name, alg, extractable, usages) {
  if (alg.hash === undefined) throw new TypeError('Missing field "hash" in "algorithm".');
  const hash = lookupDigest(alg.hash.name);
  const set = validateUsages(name, "generate", usages, SIGN_VERIFY);
  const length = alg.length === undefined ? DIGESTS[hash][1] * 8 : alg.length;
  if (length <= 0) {
    throw dom("OperationError", `HMAC key length must be a non-zero unsigned long integer (requested ${length}).`);
  }
  // workerd's bit arithmetic overflows an int past this: an internal error there.
  if (length > 2147483640) throw new Error("internal error");
  const raw = check(native.cryptoRandom(Math.ceil(length / 8)));
  zeroTrailingBits(raw, length);
  return newKey(secretKey(name, raw, extractable, set, { hash, length }));
}

// asymmetricPair builds a CryptoKeyPair from Go's [kind, private DER, public DER, detail, exponent].
function asymmetricPair(name, packed, extractable, privSet, pubSet, extra) {
  const [kind, priv, pub, detail, exponent] = unpack(check(packed));
  const base = { name, kind: ascii(kind), ...extra };
  if (base.kind === "RSA") {
    base.modBytes = +ascii(detail);
    base.exponent = extra.exponent ?? copyBytes(exponent);
  }
  return {
    publicKey: newKey({ ...base, type: "public", extractable: true, usages: pubSet, der: copyBytes(pub) }),
    privateKey: newKey({ ...base, type: "private", extractable, usages: privSet, der: copyBytes(priv) }),
  };
}

// exponentValue reads an RSA public exponent as workerd does: undefined when it has more than 32
// significant bits.
function exponentValue(e) {
  let v = 0;
  for (let i = 0; i < e.length; i++) {
    const shift = e.length - i - 1;
    if (shift >= 4 && e[i]) return undefined;
    if (shift < 4) v = v * 256 + e[i];
  }
  return v;
}

function validateRsaParams(modulusLength, exponent, isImport) {
  if (modulusLength % 8 !== 0 || modulusLength < 256 || modulusLength > 16384) {
    throw dom("OperationError", "The modulus length must be a multiple of 8 and between 256 and 16k, but " +
      `${modulusLength} was requested.`);
  }
  const v = exponentValue(exponent);
  if (v === undefined) {
    throw dom("OperationError", 'The "publicExponent" must be either 3 or 65537, but got a number larger than 2^32.');
  }
  if (!isImport && v !== 3 && v !== 65537) {
    throw dom("OperationError", `The "publicExponent" must be either 3 or 65537, but got ${v}.`);
  }
  if (isImport && v !== 3 && v !== 17 && v !== 37 && v !== 65537) {
    throw dom("OperationError", `Imported RSA key has invalid publicExponent ${v}.`);
  }
}

const rsaUsages = (name) => (name === "RSA-OAEP" ? U.encrypt | U.decrypt | U.wrapKey | U.unwrapKey : SIGN_VERIFY);

function generateRsa(name, alg, extractable, usages) {
  if (alg.publicExponent === undefined) throw new TypeError('Missing field "publicExponent" in "algorithm".');
  if (alg.hash === undefined) throw new TypeError('Missing field "hash" in "algorithm".');
  if (alg.modulusLength === undefined) throw new TypeError('Missing field "modulusLength" in "algorithm".');
  const bits = alg.modulusLength;
  if (bits <= 0) throw dom("OperationError", `modulusLength must be greater than zero (requested ${bits}).`);
  const hash = lookupDigest(alg.hash.name);
  const set = validateUsages(name, "generate", usages, rsaUsages(name));
  validateRsaParams(bits, alg.publicExponent, false);
  if (bits & 127) throw dom("OperationError", "Can't generate key: RSA key size is required to be a multiple of 128");
  return asymmetricPair(name, native.cryptoGenerate("RSA", bits, alg.publicExponent), extractable,
    set & PRIVATE_MASK, set & PUBLIC_MASK, { hash, exponent: copyBytes(alg.publicExponent) });
}

function generateEc(name, alg, extractable, usages) {
  const set = validateUsages(name, "generate", usages, name === "ECDH" ? DERIVE_MASK : SIGN_VERIFY);
  if (alg.namedCurve === undefined) throw new TypeError('Missing field "namedCurve" in "algorithm".');
  const curve = lookupCurve(alg.namedCurve);
  const [priv, pub] = name === "ECDH" ? [set, 0] : [set & PRIVATE_MASK, set & PUBLIC_MASK];
  return asymmetricPair(name, native.cryptoGenerate("EC", curve), extractable, priv, pub, { curve });
}

function generateOkp(name, alg, extractable, usages) {
  const set = validateUsages(name, "generate", usages, name === "X25519" ? DERIVE_MASK : SIGN_VERIFY);
  if (name === "NODE-ED25519") {
    if (alg.namedCurve === undefined) throw new TypeError('Missing field "namedCurve" in "algorithm".');
    if (alg.namedCurve !== "NODE-ED25519") throw dom("NotSupportedError", `EDDSA curve "${alg.namedCurve}" isn't supported.`);
  }
  return asymmetricPair(name, native.cryptoGenerate(name === "X25519" ? "X25519" : "Ed25519"), extractable,
    set & PRIVATE_MASK, set & PUBLIC_MASK, {});
}

const GENERATORS = {
  "AES-CTR": generateAes, "AES-CBC": generateAes, "AES-GCM": generateAes, "AES-KW": generateAes, HMAC: generateHmac,
  "RSASSA-PKCS1-v1_5": generateRsa, "RSA-PSS": generateRsa, "RSA-OAEP": generateRsa, ECDSA: generateEc, ECDH: generateEc,
  "NODE-ED25519": generateOkp, Ed25519: generateOkp, X25519: generateOkp,
};

// ---------------------------------------------------------------------------------------------
// Key import.

function importAes(name, format, data, alg, extractable, usages) {
  const set = validateUsages(name, "import secret", usages, U.wrapKey | U.unwrapKey | (name === "AES-KW" ? 0 : U.encrypt | U.decrypt));
  const lengthError = (n) => dom("DataError", `Imported AES key length must be 128, 192, or 256 bits but provided ${n}.`);
  let raw;
  if (format === "raw") {
    raw = data;
    if (![16, 24, 32].includes(raw.length)) throw lengthError(raw.length * 8);
  } else if (format === "jwk") {
    if (data.kty !== "oct") {
      throw dom("DataError", 'Symmetric "jwk" key import requires a JSON Web Key with Key Type parameter "kty" equal to ' +
        `"oct" (encountered "${data.kty}").`);
    }
    raw = data.k === undefined ? undefined : b64decode(data.k);
    if (raw === undefined) throw dom("DataError", 'Symmetric "jwk" key import requires a base64Url encoding of the key.');
    if (![16, 24, 32].includes(raw.length)) throw lengthError(raw.length * 8);
    const expected = `A${raw.length * 8}${name.slice(4)}`;
    if (data.alg !== undefined && data.alg !== expected) {
      throw dom("DataError", `Symmetric "jwk" key contains invalid "alg" value "${data.alg}", expected "${expected}".`);
    }
    if (usages.length !== 0 && data.use !== undefined && data.use !== "enc") {
      throw dom("DataError", `Symmetric "jwk" key must have a "use" of "enc", not "${data.use}".`);
    }
    if (data.key_ops !== undefined) {
      const ops = [...data.key_ops].sort();
      for (let i = 1; i < ops.length; i++) {
        if (ops[i] === ops[i - 1]) throw dom("DataError", `Symmetric "jwk" key contains duplicate value "${ops[i]}", in "key_op".`);
      }
      for (const u of usages) {
        if (!ops.includes(u)) throw dom("DataError", `"jwk" key missing usage "${u}", in "key_ops".`);
      }
    }
  } else {
    throw dom("NotSupportedError", `Unrecognized key import format "${format}".`);
  }
  return secretKey(name, raw, extractable, set, { length: raw.length * 8 });
}

function importHmac(name, format, data, alg, extractable, usages) {
  const set = validateUsages(name, "import secret", usages, SIGN_VERIFY);
  if (alg.hash === undefined) throw new TypeError('Missing field "hash" in "algorithm".');
  const hash = alg.hash.name;
  let raw;
  if (format === "raw") {
    raw = data;
  } else if (format === "jwk") {
    if (data.kty !== "oct") {
      throw dom("DataError", 'HMAC "jwk" key import requires a JSON Web Key with Key Type parameter ("kty") equal to ' +
        `"oct" (encountered "${data.kty}").`);
    }
    raw = data.k === undefined ? undefined : b64decode(data.k);
    if (raw === undefined) throw dom("DataError", 'HMAC "jwk" key import requires a base64Url encoding of the key');
    if (data.alg !== undefined) {
      if (!hash.startsWith("SHA-")) {
        throw dom("NotSupportedError", `Unrecognized or unimplemented hash algorithm requested${data.alg}`);
      }
      const expected = `HS${hash.slice(4)}`;
      if (data.alg !== expected) {
        throw dom("DataError", 'HMAC "jwk" key import specifies "alg" that is incompatible with the hash name ' +
          `(encountered "${data.alg}", expected "${expected}").`);
      }
    }
  } else {
    throw dom("NotSupportedError", `Unrecognized key import format "${format}".`);
  }
  const size = raw.length * 8;
  const length = alg.length === undefined ? size : alg.length;
  if (length === 0 || length < 0 || length > size || (size >= 8 && length <= size - 8)) {
    throw dom("DataError", `Imported HMAC key length (${length}) must be a non-zero value up to 7 bits less than, and no ` +
      `greater than, the bit length of the raw key data (${size}).`);
  }
  zeroTrailingBits(raw, length);
  return secretKey(name, raw, extractable, set, { hash: lookupDigest(hash), length });
}

function importKdf(name, format, data, alg, extractable, usages) {
  const set = validateUsages(name, "import secret", usages, DERIVE_MASK);
  if (extractable) throw dom("SyntaxError", `${name} key cannot be extractable.`);
  if (format !== "raw") {
    throw dom("NotSupportedError", name === "PBKDF2"
      ? `PBKDF2 key must be imported in "raw" format (requested "${format}").`
      : `HKDF key must be imported in "raw" format (requested "${format}")`);
  }
  return secretKey(name, data, extractable, set, {});
}

// keyFromInfo reads Go's key info ([kind, der, detail, exponent]) into a key record.
function keyFromInfo(packed) {
  const [kind, der, detail, exponent] = unpack(check(packed));
  const k = { kind: ascii(kind), der: copyBytes(der) };
  if (k.kind === "RSA") {
    k.modBytes = +ascii(detail);
    k.exponent = copyBytes(exponent);
  } else if (k.kind === "EC") {
    k.curve = ascii(detail);
  }
  return k;
}

// hasDuplicates reports whether list holds a value twice.
const hasDuplicates = (list) => {
  const s = [...list].sort();
  return s.some((x, i) => i > 0 && x === s[i - 1]);
};

// importAsymmetric is workerd's importAsymmetricForWebCrypto: format checks, usages and the JWK
// use/key_ops rules; readJwk turns a JWK into Go key info.
function importAsymmetric(name, format, data, extractable, usages, readJwk, allowed) {
  if (format === "jwk") {
    let type, set;
    if (data.d !== undefined) {
      type = "private";
      set = validateUsages(name, "import private", usages, allowed & PRIVATE_MASK);
      if (data.oth !== undefined) throw dom("NotSupportedError", "Multi-prime private keys not supported.");
    } else {
      type = "public";
      set = validateUsages(name, "import public", usages, allowed & (name === "ECDH" ? 0 : PUBLIC_MASK));
    }
    const [use, op0, op1] = name === "RSA-OAEP" ? ["enc", "encrypt", "wrapKey"]
      : name === "ECDH" || name === "X25519" ? ["enc", "unused", "unused"] : ["sig", "sign", "verify"];
    if (usages.length > 0 && data.use !== undefined && data.use !== use) {
      throw dom("DataError", 'Asymmetric "jwk" key import with usages requires a JSON Web Key with Public Key Use ' +
        `parameter "use" ("${data.use}") equal to "sig".`);
    }
    if (data.key_ops !== undefined) {
      const ops = data.key_ops;
      if (hasDuplicates(ops)) {
        throw dom("DataError", 'A JSON Web Key\'s Key Operations parameter ("key_ops") must not contain duplicates.');
      }
      if (data.use !== undefined) {
        if (data.use !== use) {
          throw dom("DataError", `Asymmetric "jwk" import requires a JSON Web Key with Public Key Use "use" ("${data.use}") ` +
            `equal to "${use}".`);
        }
        const consistency = 'A JSON Web Key should have either a Public Key Use parameter ("use") or a Key Operations ' +
          'parameter ("key_ops"); otherwise, the parameters must be consistent with each other. ';
        for (const op of [...ops].sort()) {
          if (name === "ECDH" || name === "X25519") {
            throw dom("DataError", `${consistency}For public ${name} keys, there are no valid usages,so keys with a ` +
              'non-empty "key_ops" parameter are not allowed.');
          }
          if (op !== op0 && op !== op1) {
            throw dom("DataError", `${consistency}A Public Key Use for ${name} would allow a Key Operations array with only ` +
              `"${op0}" and/or "${op1}" values (not "${op}").`);
          }
        }
      }
      if (usages.length > 0) {
        const missing = () => dom("DataError", "All specified key usages must be present in the JSON Web Key's Key " +
          'Operations parameter ("key_ops").');
        if (!ops.includes(usages[0])) throw missing();
        const next = usages.lastIndexOf(usages[0]) + 1;
        if (next < usages.length && !ops.includes(usages[next])) throw missing();
      }
    }
    // (importKeySync has already refused an unextractable JWK for an extractable key.)
    return { ...readJwk(data), type, usages: set };
  }
  if (format === "spki") {
    const k = keyFromInfo(native.cryptoImport("spki", data));
    const set = validateUsages(name, "import public", usages, allowed & (name === "ECDH" ? 0 : PUBLIC_MASK));
    return { ...k, type: "public", usages: set };
  }
  if (format === "pkcs8") {
    const k = keyFromInfo(native.cryptoImport("pkcs8", data));
    const set = validateUsages(name, "import private", usages, allowed & PRIVATE_MASK);
    return { ...k, type: "private", usages: set };
  }
  throw dom("NotSupportedError", `Unrecognized key import format "${format}".`);
}

// jwkBytes decodes a base64url JWK member, or throws DataError(message).
function jwkBytes(value, message) {
  const b = value === undefined ? undefined : b64decode(value);
  if (b === undefined) throw dom("DataError", message);
  return b;
}

const RSA_JWK_ALGS = {
  RS1: "SHA-1", RS256: "SHA-256", RS384: "SHA-384", RS512: "SHA-512", PS1: "SHA-1", PS256: "SHA-256", PS384: "SHA-384",
  PS512: "SHA-512", "RSA-OAEP": "SHA-1", "RSA-OAEP-256": "SHA-256", "RSA-OAEP-384": "SHA-384", "RSA-OAEP-512": "SHA-512",
};

function readRsaJwk(alg, hash) {
  return (jwk) => {
    if (jwk.kty !== "RSA") {
      throw dom("DataError", 'RSASSA-PKCS1-v1_5 "jwk" key import requires a JSON Web Key with Key Type parameter "kty" ' +
        `("${jwk.kty}") equal to "RSA".`);
    }
    if (jwk.alg !== undefined) {
      if (alg.name !== "RSASSA-PKCS1-v1_5" && alg.name !== "RSA-PSS" && alg.name !== "RSA-OAEP") {
        throw dom("NotSupportedError", `Unrecognized RSA variant "${alg.name}".`);
      }
      if (!hasOwn(RSA_JWK_ALGS, jwk.alg)) {
        throw dom("NotSupportedError", `Unrecognized or unimplemented algorithm "${jwk.alg}" listed in JSON Web Key ` +
          "Algorithm parameter.");
      }
      if (RSA_JWK_ALGS[jwk.alg] !== hash) {
        throw dom("DataError", `JSON Web Key Algorithm parameter "alg" ("${jwk.alg}") does not match requested hash ` +
          `algorithm "${jwk.alg}".`);
      }
    }
    const pre = "Invalid RSA key in JSON Web Key; ";
    const n = jwkBytes(jwk.n, `${pre}missing or invalid Modulus parameter ("n").`);
    const e = jwkBytes(jwk.e, `${pre}missing or invalid Exponent parameter ("e").`);
    const parts = [n, e];
    if (jwk.d !== undefined) {
      parts.push(jwkBytes(jwk.d, `${pre}missing or invalid Private Exponent parameter ("d").`));
      const crt = [["p", "First Prime Factor"], ["q", "Second Prime Factor"], ["dp", "First Factor CRT Exponent"],
        ["dq", "Second Factor CRT Exponent"], ["qi", "First CRT Coefficient"]];
      const present = crt.filter(([f]) => jwk[f] !== undefined).length;
      if (present === 5) {
        for (const [f, what] of crt) parts.push(jwkBytes(jwk[f], `${pre}invalid ${what} parameter ("${f}").`));
      } else if (present !== 0) {
        throw dom("DataError", 'Invalid RSA private key in JSON Web Key; if one Prime Factor or CRT Exponent/Coefficient ' +
          'parameter is present, then they must all be present ("p", "q", "dp", "dq", "qi").');
      }
    }
    // Exponents past 32 bits fail the later parameter check; Go cannot hold some of them.
    const first = e.findIndex((x) => x !== 0), nFirst = n.findIndex((x) => x !== 0);
    if (first >= 0 && e.length - first > 4) {
      return { kind: "RSA", modBytes: nFirst < 0 ? 0 : n.length - nFirst, exponent: e, der: undefined };
    }
    return keyFromInfo(native.cryptoImportJwk("RSA", "", ...parts));
  };
}

function importRsa(name, format, data, alg, extractable, usages) {
  if (alg.hash === undefined) throw new TypeError('Missing field "hash" in "algorithm".');
  const hash = lookupDigest(alg.hash.name);
  const k = importAsymmetric(name, format, data, extractable, usages, readRsaJwk(alg, hash), rsaUsages(name));
  if (k.kind !== "RSA") throw dom("DataError", "Input was not an RSA key.");
  validateRsaParams(k.modBytes * 8, k.exponent, true);
  return { ...k, name, hash, extractable };
}

function readEcJwk(name, curve) {
  return (jwk) => {
    if (jwk.kty !== "EC") {
      throw dom("DataError", 'Elliptic curve "jwk" key import requires a JSON Web Key with Key Type parameter "kty" ' +
        `("${jwk.kty}") equal to "EC".`);
    }
    if (name === "ECDSA" && jwk.alg !== undefined) {
      const curves = { ES256: "P-256", ES384: "P-384", ES512: "P-521" };
      if (!hasOwn(curves, jwk.alg)) {
        throw dom("NotSupportedError", `Unrecognized or unimplemented algorithm "${jwk.alg}" listed in JSON Web Key ` +
          "Algorithm parameter.");
      }
      if (curves[jwk.alg] !== curve) {
        throw dom("DataError", `JSON Web Key Algorithm parameter "alg" ("${jwk.alg}") does not match requested curve.`);
      }
    }
    const x = jwkBytes(jwk.x, 'Invalid EC key in JSON Web Key; missing "x".');
    const y = jwkBytes(jwk.y, 'Invalid EC key in JSON Web Key; missing "y".');
    const parts = [x, y];
    if (jwk.d !== undefined) {
      // Go checks the point before d, as BoringSSL does.
      check(native.cryptoImportJwk("EC", curve, x, y));
      parts.push(jwkBytes(jwk.d, 'Invalid EC key in JSON Web Key; missing or invalid private key component ("d").'));
    }
    return keyFromInfo(native.cryptoImportJwk("EC", curve, ...parts));
  };
}

function importEc(name, format, data, alg, extractable, usages) {
  if (alg.namedCurve === undefined) throw new TypeError('Missing field "namedCurve" in "algorithm".');
  const curve = lookupCurve(alg.namedCurve);
  let k;
  if (format !== "raw") {
    k = importAsymmetric(name, format, data, extractable, usages, readEcJwk(name, curve),
      name === "ECDH" ? DERIVE_MASK : SIGN_VERIFY);
  } else {
    const set = validateUsages(name, "import public", usages, name === "ECDH" ? 0 : U.verify);
    k = { ...keyFromInfo(native.cryptoImportRaw("EC", curve, data)), type: "public", usages: set };
  }
  if (k.kind !== "EC") {
    throw dom("DataError", name === "ECDH" ? "Input was not an EC public key nor a DH key." : "Input was not an EC key.");
  }
  if (k.curve !== curve) {
    throw dom("DataError", name === "ECDH"
      ? `"algorithm.namedCurve" "${alg.namedCurve}", does not match the curve specified by the input key data.`
      : `"algorithm.namedCurve" "${alg.namedCurve}" does not match the curve specified by the input key data.`);
  }
  return { ...k, name, curve, extractable };
}

function readOkpJwk(name) {
  const curve = name === "X25519" ? "X25519" : "Ed25519";
  return (jwk) => {
    if (jwk.kty !== "OKP") {
      throw dom("DataError", `${curve} "jwk" key imports requires a JSON Web Key with Key Type parameter "kty" ` +
        `("${jwk.kty}") equal to "OKP".`);
    }
    if (jwk.crv === undefined) throw dom("DataError", `Missing field "crv" for ${curve} key.`);
    if (jwk.crv !== curve) throw dom("NotSupportedError", `Only ${curve} is supported but "${jwk.crv}" was requested.`);
    if (curve === "Ed25519" && jwk.alg !== undefined && jwk.alg !== "EdDSA") {
      throw dom("DataError", `JSON Web Key Algorithm parameter "alg" ("${jwk.alg}") does not match requested Ed25519 curve.`);
    }
    const x = jwkBytes(jwk.x, `Invalid ${jwk.crv} key in JSON WebKey; missing or invalid public key component ("x").`);
    if (x.length !== 32) throw dom("DataError", `Invalid length ${x.length} for public key`);
    if (jwk.d === undefined) return keyFromInfo(native.cryptoImportJwk(curve, "", x));
    const d = jwkBytes(jwk.d, `Invalid ${curve} key in JSON Web Key; missing or invalid private key component ("d").`);
    if (d.length !== 32) throw dom("DataError", `Invalid length ${d.length} for private key`);
    return keyFromInfo(native.cryptoImportJwk(curve, "", x, d));
  };
}

function importOkp(name, format, data, alg, extractable, usages) {
  if (name === "NODE-ED25519") {
    if (alg.namedCurve === undefined) throw new TypeError('Missing field "namedCurve" in "algorithm".');
    if (alg.namedCurve !== "NODE-ED25519") throw dom("NotSupportedError", `EDDSA curve "${alg.namedCurve}" isn't supported.`);
  }
  const curve = name === "X25519" ? "X25519" : "Ed25519";
  let k;
  if (format !== "raw") {
    k = importAsymmetric(name, format, data, extractable, usages, readOkpJwk(name), name === "X25519" ? DERIVE_MASK : SIGN_VERIFY);
  } else {
    const set = validateUsages(name, "import public", usages, name === "X25519" ? 0 : U.verify);
    if (data.length !== 32) throw dom("DataError", `${curve} raw keys must be exactly 32-bytes (provided ${data.length}).`);
    k = { ...keyFromInfo(native.cryptoImportRaw(curve, "", data)), type: "public", usages: set };
  }
  return { ...k, name, extractable };
}

const IMPORTERS = {
  "AES-CTR": importAes, "AES-CBC": importAes, "AES-GCM": importAes, "AES-KW": importAes, HMAC: importHmac,
  PBKDF2: importKdf, HKDF: importKdf, "RSASSA-PKCS1-v1_5": importRsa, "RSA-PSS": importRsa, "RSA-OAEP": importRsa,
  ECDSA: importEc, ECDH: importEc, "NODE-ED25519": importOkp, Ed25519: importOkp, X25519: importOkp,
};

const MODERN_FORMATS = ["raw-secret", "raw-public", "raw-private", "raw-seed"];
function modernFormat(format) {
  if (MODERN_FORMATS.includes(format)) {
    throw dom("NotSupportedError", `Key format "${format}" requires the webcrypto_modern_algorithms flag.`);
  }
}

// importKeySync is workerd's SubtleCrypto::importKeySync. data is a byte view or a converted JWK.
function importKeySync(format, data, alg, extractable, usages) {
  modernFormat(format);
  if (format === "raw" || format === "pkcs8" || format === "spki") {
    if (!(data instanceof Uint8Array)) {
      throw new TypeError("Import data provided for buffer-based import formats must be a buffer source.");
    }
    data = copyBytes(data);
  } else if (format === "jwk") {
    if (data instanceof Uint8Array) throw new TypeError('Import data provided for "jwk" import format must be a JsonWebKey.');
    if (data.ext !== undefined && !data.ext && extractable) {
      throw dom("DataError", `JWK ext field for "${alg.name}" is set to false but extractable is true`);
    }
  } else {
    throw dom("NotSupportedError", `Unrecognized key import format "${format}".`);
  }
  const name = canonical(alg.name);
  if (name === undefined) throw dom("NotSupportedError", `Unrecognized key import algorithm "${alg.name}" requested.`);
  const k = IMPORTERS[name](name, format, data, alg, extractable, usages);
  if (k.usages === 0 && k.type !== "public") throw dom("SyntaxError", "Secret/private CryptoKeys must have at least one usage.");
  return newKey(k);
}

// keyDataArg converts importKey's kj::OneOf<BufferSource, JsonWebKey>.
function keyDataArg(a, i, method) {
  const v = a[i];
  if (isBuffer(v)) return bytesOf(v);
  if (a.length > i && (v === null || v === undefined)) throw nullStruct("JsonWebKey");
  if (v === null || (typeof v !== "object" && typeof v !== "function")) {
    throw paramError("SubtleCrypto", method, i + 1, "BufferSource or JsonWebKey");
  }
  return toJwk(v);
}

// ---------------------------------------------------------------------------------------------
// SubtleCrypto.

function validateOperation(k, name, usage) {
  if (upper(name) !== upper(k.name)) {
    throw dom("InvalidAccessError", `Requested algorithm "${name}" does not match this CryptoKey's algorithm "${k.name}".`);
  }
  if (!(k.usages & U[usage])) {
    throw dom("InvalidAccessError", `Requested key usage "${usage}" does not match any usage listed in this CryptoKey.`);
  }
}

// getKeyLength is the WebCrypto "get key length" operation for deriveKey.
function getKeyLength(alg) {
  const name = canonical(alg.name);
  if (!["AES-CTR", "AES-CBC", "AES-GCM", "AES-KW", "HMAC", "HKDF", "PBKDF2"].includes(name)) {
    throw dom("NotSupportedError", `Unrecognized derived key type "${alg.name}" requested.`);
  }
  if (name.startsWith("AES-")) {
    if (alg.length === undefined) throw new TypeError('Missing field "length" in "derivedKeyParams".');
    if (alg.length !== 128 && alg.length !== 192 && alg.length !== 256) {
      throw dom("OperationError", `Derived AES key must be 128, 192, or 256 bits in length but provided ${alg.length}.`);
    }
    return alg.length;
  }
  if (name === "HMAC") {
    if (alg.length !== undefined) {
      if (alg.length > 0) return alg.length;
      throw new TypeError("HMAC key length must be a non-zero unsigned long integer.");
    }
    if (alg.hash === undefined) throw new TypeError('Missing field "hash" in "derivedKeyParams".');
    return DIGESTS[lookupDigest(alg.hash.name)][1] * 8;
  }
  return null;
}

function exportKeyData(k, format) {
  modernFormat(format);
  if (!k.extractable) throw dom("InvalidAccessError", `Attempt to export non-extractable ${k.name} key.`);
  return impl(k).exportKey(k, format);
}

// promised runs f now and returns its result or exception as a promise.
function promised(f) {
  try {
    return Promise.resolve(f());
  } catch (e) {
    return Promise.reject(e);
  }
}

let isSubtle;

export class SubtleCrypto {
  #brand;
  constructor(token = undefined) {
    if (token !== kInternal) throw new TypeError("Illegal constructor");
    this.#brand = true;
  }

  encrypt(...a) {
    if (!isSubtle(this)) throw illegal();
    return promised(() => {
      const alg = algArg(a, 0, "encrypt", "EncryptAlgorithm");
      const k = keyArg(a, 1, "encrypt");
      const data = bufArg(a, 2, "encrypt");
      validateOperation(k, alg.name, "encrypt");
      return buf(impl(k).encrypt(k, alg, data));
    });
  }

  decrypt(...a) {
    if (!isSubtle(this)) throw illegal();
    return promised(() => {
      const alg = algArg(a, 0, "decrypt", "EncryptAlgorithm");
      const k = keyArg(a, 1, "decrypt");
      const data = bufArg(a, 2, "decrypt");
      validateOperation(k, alg.name, "decrypt");
      return buf(impl(k).decrypt(k, alg, data));
    });
  }

  sign(...a) {
    if (!isSubtle(this)) throw illegal();
    return promised(() => {
      const alg = algArg(a, 0, "sign", "SignAlgorithm");
      const k = keyArg(a, 1, "sign");
      const data = bufArg(a, 2, "sign");
      validateOperation(k, alg.name, "sign");
      return buf(impl(k).sign(k, alg, data));
    });
  }

  verify(...a) {
    if (!isSubtle(this)) throw illegal();
    return promised(() => {
      const alg = algArg(a, 0, "verify", "SignAlgorithm");
      const k = keyArg(a, 1, "verify");
      const sig = bufArg(a, 2, "verify");
      const data = bufArg(a, 3, "verify");
      validateOperation(k, alg.name, "verify");
      return impl(k).verify(k, alg, sig, data);
    });
  }

  digest(...a) {
    if (!isSubtle(this)) throw illegal();
    return promised(() => {
      const alg = algArg(a, 0, "digest", "HashAlgorithm");
      const data = bufArg(a, 1, "digest");
      return buf(check(native.cryptoHash(0, lookupDigest(alg.name), undefined, data)));
    });
  }

  generateKey(...a) {
    if (!isSubtle(this)) throw illegal();
    return promised(() => {
      const alg = algArg(a, 0, "generateKey", "GenerateKeyAlgorithm");
      const extractable = boolArg(a, 1, "generateKey");
      const usages = usagesArg(a, 2, "generateKey");
      const name = canonical(alg.name);
      if (name === undefined || !hasOwn(GENERATORS, name)) {
        throw dom("NotSupportedError", `Unrecognized key generation algorithm "${alg.name}" requested.`);
      }
      const r = GENERATORS[name](name, alg, extractable, usages);
      if (r instanceof CryptoKey) {
        if (usages.length === 0) throw dom("SyntaxError", "Secret/private CryptoKeys must have at least one usage.");
      } else if (keyOf(r.privateKey).usages === 0) {
        throw dom("SyntaxError", "Attempt to generate asymmetric keys with no valid private key usages.");
      }
      return r;
    });
  }

  deriveKey(...a) {
    if (!isSubtle(this)) throw illegal();
    return promised(() => {
      const alg = algArg(a, 0, "deriveKey", "DeriveKeyAlgorithm");
      const k = keyArg(a, 1, "deriveKey");
      const derived = algArg(a, 2, "deriveKey", "ImportKeyAlgorithm");
      const extractable = boolArg(a, 3, "deriveKey");
      const usages = usagesArg(a, 4, "deriveKey");
      validateOperation(k, alg.name, "deriveKey");
      const length = getKeyLength(derived);
      const secret = impl(k).deriveBits(k, alg, length);
      return importKeySync("raw", secret, derived, extractable, usages);
    });
  }

  deriveBits(...a) {
    if (!isSubtle(this)) throw illegal();
    return promised(() => {
      const alg = algArg(a, 0, "deriveBits", "DeriveKeyAlgorithm");
      const k = keyArg(a, 1, "deriveBits");
      let length = null;
      if (a[2] !== undefined && a[2] !== null) {
        length = toInt(a[2]);
        if (length < 0) throw new TypeError("deriveBits length must be an unsigned long integer.");
      }
      validateOperation(k, alg.name, "deriveBits");
      return buf(impl(k).deriveBits(k, alg, length));
    });
  }

  importKey(...a) {
    if (!isSubtle(this)) throw illegal();
    return promised(() => {
      const format = strArg(a, 0, "importKey");
      if (a.length <= 1) throw paramError("SubtleCrypto", "importKey", 2, "BufferSource or JsonWebKey");
      const data = keyDataArg(a, 1, "importKey");
      const alg = algArg(a, 2, "importKey", "ImportKeyAlgorithm");
      const extractable = boolArg(a, 3, "importKey");
      const usages = usagesArg(a, 4, "importKey");
      return importKeySync(format, data, alg, extractable, usages);
    });
  }

  exportKey(...a) {
    if (!isSubtle(this)) throw illegal();
    return promised(() => {
      const format = strArg(a, 0, "exportKey");
      const k = keyArg(a, 1, "exportKey");
      return exportKeyData(k, format);
    });
  }

  wrapKey(...a) {
    if (!isSubtle(this)) throw illegal();
    return promised(() => {
      const format = strArg(a, 0, "wrapKey");
      const k = keyArg(a, 1, "wrapKey");
      const w = keyArg(a, 2, "wrapKey");
      const alg = algArg(a, 3, "wrapKey", "EncryptAlgorithm");
      modernFormat(format);
      validateOperation(w, alg.name, "wrapKey");
      const exported = exportKeyData(k, format);
      const bytes = exported instanceof ArrayBuffer ? new Uint8Array(exported)
        : native.utf8Encode(toUSV(JSON.stringify(exported)));
      return buf(impl(w).wrapKey(w, alg, bytes));
    });
  }

  unwrapKey(...a) {
    if (!isSubtle(this)) throw illegal();
    return promised(() => {
      const format = strArg(a, 0, "unwrapKey");
      const wrapped = bufArg(a, 1, "unwrapKey");
      const w = keyArg(a, 2, "unwrapKey");
      const alg = algArg(a, 3, "unwrapKey", "EncryptAlgorithm");
      const keyAlg = algArg(a, 4, "unwrapKey", "ImportKeyAlgorithm");
      const extractable = boolArg(a, 5, "unwrapKey");
      const usages = usagesArg(a, 6, "unwrapKey");
      modernFormat(format);
      validateOperation(w, alg.name, "unwrapKey");
      const bytes = impl(w).unwrapKey(w, alg, wrapped);
      let data = bytes;
      if (format === "jwk") {
        const parsed = JSON.parse(native.utf8Decode(bytes, false, true));
        const missing = () => dom("DataError", 'Missing "kty" field or corrupt JSON unwrapping key?');
        if (parsed === null || typeof parsed !== "object") throw missing();
        try {
          data = toJwk(parsed);
        } catch {
          throw missing();
        }
      }
      return importKeySync(format, data, keyAlg, extractable, usages);
    });
  }

  timingSafeEqual(...a) {
    if (!isSubtle(this)) throw illegal();
    if (!isBuffer(a[0])) throw paramError("SubtleCrypto", "timingSafeEqual", 1, "BufferSource");
    if (!isBuffer(a[1])) throw paramError("SubtleCrypto", "timingSafeEqual", 2, "BufferSource");
    const x = bytesOf(a[0]), y = bytesOf(a[1]);
    if (x.length !== y.length) throw new TypeError("Input buffers must have the same byte length.");
    return check(native.cryptoEqual(x, y));
  }

  static {
    isSubtle = (o) => o !== null && typeof o === "object" && #brand in o;
  }
}

// ---------------------------------------------------------------------------------------------
// crypto.DigestStream: a WritableStream whose digest promise settles with the digest of all it
// was written. The running hash state crosses to Go and back with each chunk.

// wtf8 encodes a string as workerd does for DigestStream: UTF-8, with lone surrogates encoded as
// the three bytes of their code unit (WTF-8) rather than replaced.
function wtf8(s) {
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

const STREAM_DIGESTS = ["SHA-1", "SHA-256", "SHA-384", "SHA-512", "MD5", "CRC32", "CRC32C", "CRC64NVME"];
const digestStates = new WeakMap();

function stateOf(self) {
  const s = self !== null && typeof self === "object" ? digestStates.get(self) : undefined;
  if (s === undefined) throw illegal();
  return s;
}

function DigestStream(...a) {
  if (new.target === undefined) {
    throw new TypeError("Failed to construct 'DigestStream': Please use the 'new' operator, this object constructor " +
      "cannot be called as a function.");
  }
  if (a.length === 0) {
    throw new TypeError("Failed to construct 'DigestStream': constructor parameter 1 is not of type 'string or HashAlgorithm'.");
  }
  const alg = toAlgorithm(a[0], "HashAlgorithm");
  const name = upper(alg.name);
  if (!STREAM_DIGESTS.includes(name)) throw dom("NotSupportedError", "Unrecognized or unimplemented digest algorithm requested.");
  const s = { name, hash: check(native.cryptoHash(1, name)), ready: true, bytes: 0n, resolve: null, reject: null };
  s.digest = new Promise((res, rej) => {
    s.resolve = res;
    s.reject = rej;
  });
  s.digest.catch(() => {});
  const sink = {
    write(chunk) {
      let bytes;
      if (isBuffer(chunk)) bytes = bytesOf(chunk);
      else if (typeof chunk === "string") bytes = wtf8(chunk);
      else {
        return Promise.reject(new TypeError("DigestStream is a byte stream but received an object of " +
          "non-ArrayBuffer/ArrayBufferView/string type on its writable side."));
      }
      if (bytes.length === 0 || !s.ready) return undefined;
      s.hash = check(native.cryptoHash(2, s.name, s.hash, bytes));
      s.bytes += BigInt(bytes.length);
      return undefined;
    },
    close() {
      if (s.ready) {
        s.ready = false;
        s.resolve(buf(check(native.cryptoHash(3, s.name, s.hash))));
      }
    },
    abort(reason) {
      if (s.ready) {
        s.ready = false;
        s.reject(reason);
      }
    },
  };
  const self = Reflect.construct(WritableStream, [sink], new.target);
  digestStates.set(self, s);
  return self;
}
Object.setPrototypeOf(DigestStream.prototype, WritableStream.prototype);
Object.defineProperties(DigestStream.prototype, {
  digest: { get() { return stateOf(this).digest; }, enumerable: true, configurable: true },
  bytesWritten: { get() { return stateOf(this).bytes; }, enumerable: true, configurable: true },
});
delete DigestStream.prototype.constructor;
Object.defineProperty(DigestStream.prototype, "constructor", { value: DigestStream, writable: true, configurable: true });
if (typeof Symbol.dispose === "symbol") {
  Object.defineProperty(DigestStream.prototype, Symbol.dispose, {
    value: function dispose() {
      const s = stateOf(this);
      if (s.ready) {
        s.ready = false;
        s.reject(new TypeError("The DigestStream was disposed."));
      }
    },
    writable: true, configurable: true,
  });
}

// ---------------------------------------------------------------------------------------------
// Crypto.

const INTEGER_VIEWS = new Set(["Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array",
  "Uint32Array", "BigInt64Array", "BigUint64Array"]);
const typedArrayTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;

let isCrypto;
let theSubtle;

export class Crypto {
  #brand;
  constructor(token = undefined) {
    if (token !== kInternal) throw new TypeError("Illegal constructor");
    this.#brand = true;
  }

  get subtle() {
    if (!isCrypto(this)) throw illegal();
    return theSubtle;
  }

  getRandomValues(...a) {
    if (!isCrypto(this)) throw illegal();
    const v = a[0];
    if (!ArrayBuffer.isView(v)) throw paramError("Crypto", "getRandomValues", 1, "ArrayBufferView");
    if (!INTEGER_VIEWS.has(typedArrayTag.call(v))) {
      throw dom("TypeMismatchError", "ArrayBufferView argument to getRandomValues() must be an integer-typed view.");
    }
    if (v.byteLength > 0x10000) {
      throw dom("QuotaExceededError", `getRandomValues() only accepts buffers of size <= 64K but provided ${v.byteLength} bytes.`);
    }
    if (v.byteLength > 0) new Uint8Array(v.buffer, v.byteOffset, v.byteLength).set(check(native.cryptoRandom(v.byteLength)));
    return v;
  }

  randomUUID() {
    if (!isCrypto(this)) throw illegal();
    const b = check(native.cryptoRandom(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  static {
    isCrypto = (o) => o !== null && typeof o === "object" && #brand in o;
  }
}
Object.defineProperty(Crypto.prototype, "DigestStream", { value: DigestStream, writable: true, enumerable: true, configurable: true });

// workerd's methods and accessors are enumerable, and each prototype lists its constructor last.
for (const cls of [Crypto, SubtleCrypto, CryptoKey]) {
  const p = cls.prototype;
  for (const key of Object.getOwnPropertyNames(p)) {
    if (key !== "constructor") Object.defineProperty(p, key, { enumerable: true });
  }
  delete p.constructor;
  Object.defineProperty(p, "constructor", { value: cls, writable: true, enumerable: false, configurable: true });
}

export function installCrypto(g) {
  theSubtle = new SubtleCrypto(kInternal);
  const crypto = new Crypto(kInternal);
  Object.defineProperty(g, "crypto", { value: crypto, writable: true, enumerable: true, configurable: true });
  for (const [name, value] of [["Crypto", Crypto], ["SubtleCrypto", SubtleCrypto], ["CryptoKey", CryptoKey]]) {
    Object.defineProperty(g, name, { value, writable: true, enumerable: false, configurable: true });
  }
}

// importBindingKey makes a cryptoKey config binding's CryptoKey when the worker loads, through
// the same synchronous import crypto.subtle.importKey uses. A failure names the binding.
export function importBindingKey(name, key, bytes) {
  try {
    const alg = toAlgorithm(JSON.parse(key.alg), "ImportKeyAlgorithm");
    const data = key.format === "jwk" ? toJwk(JSON.parse(key.jwk)) : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return importKeySync(key.format, data, alg, !!key.extractable, key.usages || []);
  } catch (e) {
    const msg = `CryptoKey binding "${name}": ${e.message}`;
    if (typeof e.stack === "string") e.stack = e.stack.replace(e.message, msg);
    e.message = msg;
    throw e;
  }
}
