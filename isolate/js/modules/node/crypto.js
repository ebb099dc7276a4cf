// node:crypto — Node's crypto module as workerd's nodejs_compat provides it: hashes, HMAC,
// random values, primes, PBKDF2, HKDF and scrypt on Go's crypto packages (isolate/nodecrypto.go),
// with WebCrypto (globalThis.crypto) underneath where workerd uses it too. Error classes, codes
// and messages are workerd's.
import { Buffer, kMaxLength } from "node:buffer";
import { Transform, Writable } from "node:stream";
import {
  codeError, ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_OUT_OF_RANGE, ERR_METHOD_NOT_IMPLEMENTED,
  validateString, validateFunction, validateObject, validateBoolean, validateInteger, validateInt32,
  validateUint32, validateOneOf, validateNumber, ERR_MISSING_ARGS,
} from "node-internal:errors";

const native = globalThis[Symbol.for("nanod.internals")].nodeCrypto;

// call runs a native and throws the error it reports as "Name\0message".
function call(fn, ...args) {
  const r = fn(...args);
  if (typeof r === "string") {
    const [name, message] = r.split("\0");
    const Ctor = { TypeError, RangeError }[name] ?? Error;
    throw new Ctor(message);
  }
  return r;
}

const isAnyArrayBuffer = (v) => v instanceof ArrayBuffer ||
  (typeof SharedArrayBuffer === "function" && v instanceof SharedArrayBuffer);

function bytesOf(v) {
  if (v instanceof Uint8Array) return v;
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  return new Uint8Array(v);
}

// getArrayBufferOrView accepts what Node's crypto takes as bytes: buffers, views and strings.
function getArrayBufferOrView(buffer, name, encoding) {
  if (isAnyArrayBuffer(buffer)) return buffer;
  if (typeof buffer === "string") {
    if (encoding === "buffer") encoding = "utf8";
    return Buffer.from(buffer, encoding);
  }
  if (!ArrayBuffer.isView(buffer)) {
    throw ERR_INVALID_ARG_TYPE(name, ["string", "ArrayBuffer", "Buffer", "TypedArray", "DataView"], buffer);
  }
  return buffer;
}

// digestOf resolves a digest name as BoringSSL does: exact short or long names only.
function digestOf(name) {
  const info = native.digestInfo(name);
  if (info === "") return null;
  const [canon, size] = info.split("\0");
  return { canon, size: Number(size) };
}

const notSupported = () => new Error("Digest method not supported");

// ---- WebCrypto -------------------------------------------------------------------------------

export const getRandomValues = crypto.getRandomValues.bind(crypto);
export const subtle = crypto.subtle;
export const webcrypto = crypto;
export const CryptoKey = globalThis.CryptoKey;

export function timingSafeEqual(a, b) {
  return subtle.timingSafeEqual(a, b);
}

// ---- random ----------------------------------------------------------------------------------

export function randomBytes(size, callback) {
  validateInteger(size, "size", 0, kMaxLength);
  const buf = Buffer.alloc(size);
  if (callback !== undefined) {
    randomFill(buf, callback);
    return undefined;
  }
  randomFillSync(buf);
  return buf;
}

export const pseudoRandomBytes = randomBytes;

export function randomFillSync(buffer, offset, size) {
  if (!isAnyArrayBuffer(buffer) && !ArrayBuffer.isView(buffer)) {
    throw ERR_INVALID_ARG_TYPE("buffer", ["TypedArray", "DataView", "ArrayBuffer", "SharedArrayBuffer"], buffer);
  }
  const maxLength = buffer.byteLength;
  if (offset !== undefined) validateInteger(offset, "offset", 0, kMaxLength);
  else offset = 0;
  if (size !== undefined) validateInteger(size, "size", 0, maxLength - offset);
  else size = maxLength - offset;
  // As in workerd: the bounds are checked in bytes but applied to the view's own elements, the
  // filled subarray is returned, and WebCrypto's 64 KiB limit for one call applies.
  if (isAnyArrayBuffer(buffer)) buffer = Buffer.from(buffer);
  else if (buffer instanceof DataView) buffer = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  return crypto.getRandomValues(buffer.subarray(offset, offset + size));
}

export function randomFill(buffer, offsetOrCallback, sizeOrCallback, callback) {
  if (!isAnyArrayBuffer(buffer) && !ArrayBuffer.isView(buffer)) {
    throw ERR_INVALID_ARG_TYPE("buffer", ["TypedArray", "DataView", "ArrayBuffer", "SharedArrayBuffer"], buffer);
  }
  let offset = 0;
  let size = 0;
  const maxLength = buffer.byteLength;
  if (typeof callback === "function") {
    validateInteger(offsetOrCallback, "offset", 0, maxLength);
    offset = offsetOrCallback;
    validateInteger(sizeOrCallback, "size", 0, maxLength - offset);
    size = sizeOrCallback;
  } else if (typeof sizeOrCallback === "function") {
    validateInteger(offsetOrCallback, "offset", 0, maxLength);
    offset = offsetOrCallback;
    size = maxLength - offset;
    callback = sizeOrCallback;
  } else if (typeof offsetOrCallback === "function") {
    size = maxLength;
    callback = offsetOrCallback;
  }
  validateFunction(callback, "callback");
  new Promise((res) => {
    randomFillSync(buffer, offset, size);
    res();
  }).then(() => callback(null, buffer), (err) => callback(err));
}

const RAND_MAX = 0xffffffffffff;
const randomCache = new Uint8Array(6 * 1024);
let randomCacheOffset = randomCache.length;

// randomIntBetween draws from [min, max) without modulo bias, 48 random bits at a time.
function randomIntBetween(min, max) {
  const range = max - min;
  if (!(range <= RAND_MAX)) throw ERR_OUT_OF_RANGE(`max${max ? "" : " - min"}`, `<= ${RAND_MAX}`, range);
  const randLimit = RAND_MAX - (RAND_MAX % range);
  for (;;) {
    if (randomCacheOffset === randomCache.length) {
      crypto.getRandomValues(randomCache);
      randomCacheOffset = 0;
    }
    let x = 0;
    for (let k = 0; k < 6; k++) x = x * 256 + randomCache[randomCacheOffset + k];
    randomCacheOffset += 6;
    if (x < randLimit) return (x % range) + min;
  }
}

export function randomInt(minOrMax, maxOrCallback, callback) {
  let min;
  let max;
  if (typeof callback === "function") {
    validateInteger(minOrMax, "min");
    validateInteger(maxOrCallback, "max");
    min = minOrMax;
    max = maxOrCallback;
  } else if (typeof maxOrCallback === "function") {
    min = 0;
    validateInteger(minOrMax, "max");
    max = minOrMax;
    callback = maxOrCallback;
  } else if (arguments.length === 2) {
    validateInteger(minOrMax, "min");
    validateInteger(maxOrCallback, "max");
    min = minOrMax;
    max = maxOrCallback;
  } else {
    min = 0;
    validateInteger(minOrMax, "max");
    max = minOrMax;
  }
  if (min >= max) throw ERR_OUT_OF_RANGE("min", "min < max", min);
  if (callback != null) {
    new Promise((res) => res(randomIntBetween(min, max))).then((n) => callback(null, n), (err) => callback(err));
    return undefined;
  }
  return randomIntBetween(min, max);
}

export function randomUUID(options) {
  if (options !== undefined) {
    validateObject(options, "options");
    if (options.disableEntropyCache !== undefined) {
      validateBoolean(options.disableEntropyCache, "options.disableEntropyCache");
    }
  }
  return crypto.randomUUID();
}

// ---- primes ----------------------------------------------------------------------------------

const kMaxPrimeBits = 8192;

function unsignedBigIntToBuffer(bigint, name) {
  if (bigint < 0) throw ERR_OUT_OF_RANGE(name, ">= 0", bigint);
  const hex = bigint.toString(16);
  return Buffer.from(hex.padStart(hex.length + (hex.length % 2), "0"), "hex");
}

function bytesToBigInt(u8) {
  let hex = "";
  for (const b of u8) hex += b.toString(16).padStart(2, "0");
  return hex === "" ? 0n : BigInt(`0x${hex}`);
}

function primeNum(v, name) {
  if (v === undefined) return undefined;
  if (typeof v === "bigint") return unsignedBigIntToBuffer(v, name);
  if (!isAnyArrayBuffer(v) && !ArrayBuffer.isView(v)) {
    throw ERR_INVALID_ARG_TYPE(name, ["ArrayBuffer", "TypedArray", "Buffer", "DataView", "bigint"], v);
  }
  return bytesOf(v);
}

function primeOptions(options) {
  validateObject(options, "options");
  const { safe = false, bigint = false } = options;
  validateBoolean(safe, "options.safe");
  validateBoolean(bigint, "options.bigint");
  const add = primeNum(options.add, "options.add");
  const rem = primeNum(options.rem, "options.rem");
  return { safe, bigint, add, rem };
}

function randomPrime(size, safe, add, rem) {
  if (size > kMaxPrimeBits) throw new RangeError(`generatePrime size exceeds maximum (${kMaxPrimeBits} bits)`);
  if (add !== undefined) {
    // workerd allows only the add/rem pairs Diffie-Hellman generators use.
    const a = bytesToBigInt(add);
    const r = rem === undefined ? undefined : bytesToBigInt(rem);
    const allowed = r !== undefined && ((a === 12n && r === 11n) || (a === 24n && r === 23n) || (a === 60n && r === 59n));
    if (!allowed) throw new RangeError("Invalid values for add and rem");
    if (a.toString(2).length > size) throw new RangeError("options.add must not be bigger than size of the requested prime");
  }
  const p = native.prime(size, safe, add, rem);
  if (typeof p === "string") throw new Error("Error while generating prime");
  return p.buffer.slice(p.byteOffset, p.byteOffset + p.byteLength);
}

export function generatePrimeSync(size, options = {}) {
  validateInt32(size, "size", 1);
  const { safe, bigint, add, rem } = primeOptions(options);
  const buf = randomPrime(size, safe, add, rem);
  return bigint ? bytesToBigInt(new Uint8Array(buf)) : buf;
}

export function generatePrime(size, options, callback) {
  validateInt32(size, "size", 1);
  if (typeof options === "function") {
    callback = options;
    options = {};
  }
  validateFunction(callback, "callback");
  const { safe, bigint, add, rem } = primeOptions(options);
  new Promise((res) => {
    const buf = randomPrime(size, safe, add, rem);
    res(bigint ? bytesToBigInt(new Uint8Array(buf)) : buf);
  }).then((val) => callback(null, val), (err) => callback(err));
}

function primeCandidate(candidate) {
  if (typeof candidate === "bigint") return unsignedBigIntToBuffer(candidate, "candidate");
  if (!isAnyArrayBuffer(candidate) && !ArrayBuffer.isView(candidate)) {
    throw ERR_INVALID_ARG_TYPE("candidate", ["ArrayBuffer", "TypedArray", "Buffer", "DataView", "bigint"], candidate);
  }
  return bytesOf(candidate);
}

function primeChecks(options) {
  const { checks = 0 } = options;
  validateInt32(checks, "options.checks", 0);
  return checks;
}

function isPrime(candidate, checks) {
  if (checks > 64) throw new RangeError("Invalid number of checks");
  if (candidate.byteLength > kMaxPrimeBits / 8) throw new RangeError("checkPrime candidate exceeds maximum size");
  return call(native.checkPrime, candidate, checks);
}

export function checkPrimeSync(candidate, options = {}) {
  candidate = primeCandidate(candidate);
  validateObject(options, "options");
  return isPrime(candidate, primeChecks(options));
}

export function checkPrime(candidate, options, callback) {
  candidate = primeCandidate(candidate);
  if (typeof options === "function") {
    callback = options;
    options = {};
  }
  validateObject(options, "options");
  validateFunction(callback, "callback");
  const checks = primeChecks(options);
  new Promise((res) => res(isPrime(candidate, checks))).then((v) => callback(null, v), (err) => callback(err));
}

// ---- Hash and Hmac ---------------------------------------------------------------------------

const kHandle = Symbol("kHandle");
const kState = Symbol("kState");
const kFinalized = Symbol("kFinalized");

const ERR_CRYPTO_HASH_FINALIZED = () => codeError(Error, "ERR_CRYPTO_HASH_FINALIZED", "Digest already called");

// HashHandle is a streaming digest; its state is opaque bytes kept by the Go side's rules.
class HashHandle {
  #canon;
  #state;
  constructor(canon, state) {
    this.#canon = canon;
    this.#state = state;
  }
  static create(algorithm, outputLength) {
    const d = digestOf(algorithm);
    if (d === null) throw notSupported();
    // Only extendable-output digests take another length, and BoringSSL has none.
    if (outputLength !== undefined && outputLength !== d.size) throw new Error("invalid digest size");
    return new HashHandle(d.canon, call(native.hash, 0, d.canon));
  }
  #live() {
    if (this.#state === null) {
      const e = new DOMException("Hash context has already been finalized.", "OperationError");
      throw e;
    }
    return this.#state;
  }
  update(data) {
    this.#state = call(native.hash, 1, this.#canon, this.#live(), bytesOf(data));
    return true;
  }
  // The digest is kept: asking again (as a piped Hash's 'data' handler may) returns it again,
  // while update() and copy() report the finalized context, as in workerd.
  #digest = null;
  digest() {
    if (this.#digest === null) {
      this.#digest = call(native.hash, 2, this.#canon, this.#live());
      this.#state = null;
    }
    return this.#digest.slice();
  }
  copy(outputLength) {
    const st = this.#live();
    if (outputLength !== undefined && outputLength !== native.digestInfo(this.#canon).split("\0")[1] * 1) {
      throw new Error("invalid digest size");
    }
    return new HashHandle(this.#canon, st);
  }
}

class HmacHandle {
  #canon;
  #state;
  constructor(algorithm, key) {
    const d = digestOf(algorithm);
    if (d === null) throw notSupported();
    this.#canon = d.canon;
    this.#state = call(native.hmac, 0, d.canon, bytesOf(key));
  }
  #live() {
    if (this.#state === null) throw new DOMException("HMAC context has already been finalized.", "OperationError");
    return this.#state;
  }
  update(data) {
    this.#state = call(native.hmac, 1, this.#canon, this.#live(), bytesOf(data));
    return true;
  }
  digest() {
    const out = call(native.hmac, 2, this.#canon, this.#live());
    this.#state = null;
    return out;
  }
}

export function Hash(algorithm, options) {
  if (!(this instanceof Hash)) return new Hash(algorithm, options);
  const xofLen = typeof options === "object" && options !== null ? options.outputLength : undefined;
  if (xofLen !== undefined) validateUint32(xofLen, "options.outputLength");
  if (algorithm instanceof HashHandle) {
    this[kHandle] = algorithm.copy(xofLen);
  } else {
    validateString(algorithm, "algorithm");
    this[kHandle] = HashHandle.create(algorithm, xofLen);
  }
  this[kState] = { [kFinalized]: false };
  Transform.call(this, options);
  return this;
}
Object.setPrototypeOf(Hash.prototype, Transform.prototype);
Object.setPrototypeOf(Hash, Transform);

Hash.prototype.copy = function (options) {
  if (this[kState][kFinalized]) throw ERR_CRYPTO_HASH_FINALIZED();
  return new Hash(this[kHandle], options);
};

Hash.prototype._transform = function (chunk, encoding, callback) {
  if (typeof chunk === "string") chunk = Buffer.from(chunk, encoding);
  this[kHandle].update(chunk);
  callback();
};

Hash.prototype._flush = function (callback) {
  this.push(Buffer.from(this[kHandle].digest()));
  callback();
};

Hash.prototype.update = function (data, encoding) {
  encoding ??= "utf8";
  if (encoding === "buffer") encoding = undefined;
  if (this[kState][kFinalized]) throw ERR_CRYPTO_HASH_FINALIZED();
  if (typeof data === "string") {
    data = Buffer.from(data, encoding);
  } else if (!ArrayBuffer.isView(data)) {
    throw ERR_INVALID_ARG_TYPE("data", ["string", "Buffer", "TypedArray", "DataView"], data);
  }
  this[kHandle].update(data);
  return this;
};

Hash.prototype.digest = function (outputEncoding) {
  if (this[kState][kFinalized]) throw ERR_CRYPTO_HASH_FINALIZED();
  // The encoding is read before the digest is taken: a throwing toString leaves the hash usable.
  const enc = outputEncoding !== undefined && outputEncoding !== "buffer" ? String(outputEncoding) : undefined;
  const ret = Buffer.from(this[kHandle].digest());
  this[kState][kFinalized] = true;
  return enc !== undefined ? ret.toString(enc) : ret;
};

export function createHash(algorithm, options) {
  return new Hash(algorithm, options);
}

function isCryptoKey(v) {
  return typeof CryptoKey === "function" && v instanceof CryptoKey;
}

export function Hmac(hmac, key, options) {
  if (!(this instanceof Hmac)) return new Hmac(hmac, key, options);
  validateString(hmac, "hmac");
  const encoding = options?.encoding;
  if (encoding !== undefined) validateString(encoding, "options.encoding");
  if (key instanceof KeyObject) {
    if (key.type !== "secret") throw invalidKeyObjectType(key.type, "secret");
    this[kHandle] = new HmacHandle(hmac, key.export());
  } else if (isCryptoKey(key)) {
    if (key.type !== "secret") throw invalidKeyObjectType(key.type, "secret");
    this[kHandle] = new HmacHandle(hmac, native.secretKeyBytes(key));
  } else if (typeof key !== "string" && !ArrayBuffer.isView(key) && !isAnyArrayBuffer(key)) {
    throw ERR_INVALID_ARG_TYPE("key", ["ArrayBuffer", "Buffer", "ArrayBufferView", "string", "KeyObject", "CryptoKey"], key);
  } else {
    this[kHandle] = new HmacHandle(hmac, bytesOf(getArrayBufferOrView(key, "key", encoding)));
  }
  this[kState] = { [kFinalized]: false };
  Transform.call(this, options);
  return this;
}
Object.setPrototypeOf(Hmac.prototype, Transform.prototype);
Object.setPrototypeOf(Hmac, Transform);

Hmac.prototype.update = Hash.prototype.update;

// A second digest() of an Hmac returns an empty result rather than throwing, as in Node.
Hmac.prototype.digest = function (outputEncoding) {
  if (this[kState][kFinalized]) {
    return !outputEncoding || outputEncoding === "buffer" ? Buffer.from("") : "";
  }
  const enc = outputEncoding !== undefined && outputEncoding !== "buffer" ? String(outputEncoding) : undefined;
  const ret = Buffer.from(this[kHandle].digest());
  this[kState][kFinalized] = true;
  return enc !== undefined ? ret.toString(enc) : ret;
};
Hmac.prototype._flush = Hash.prototype._flush;
Hmac.prototype._transform = Hash.prototype._transform;

export function createHmac(hmac, key, options) {
  return new Hmac(hmac, key, options);
}

export function hash(algorithm, data, outputEncoding = "hex") {
  validateString(algorithm, "algorithm");
  validateString(outputEncoding, "outputEncoding");
  if (typeof data !== "string" && !ArrayBuffer.isView(data)) {
    throw ERR_INVALID_ARG_TYPE("data", ["string", "Buffer", "TypedArray", "DataView"], data);
  }
  const h = createHash(algorithm);
  h.update(data, "utf8");
  return h.digest(outputEncoding);
}

// ---- key derivation --------------------------------------------------------------------------

function maxDerivedLength(d) {
  return Math.min(d.size * 255, 2147483647);
}

function pbkdf2Check(password, salt, iterations, keylen, digest) {
  validateString(digest, "digest");
  password = getArrayBufferOrView(password, "password");
  salt = getArrayBufferOrView(salt, "salt");
  validateInt32(iterations, "iterations", 1);
  validateInt32(keylen, "keylen", 0);
  return { password, salt, iterations, keylen, digest };
}

function runPbkdf2({ password, salt, iterations, keylen, digest }) {
  const d = digestOf(digest);
  if (d === null) throw new TypeError(`Invalid Pbkdf2 digest: ${digest}.`);
  if (keylen > maxDerivedLength(d)) throw new RangeError("Pbkdf2 failed: derived key length exceeds maximum for this hash");
  return Buffer.from(call(native.pbkdf2, d.canon, bytesOf(password), bytesOf(salt), iterations, keylen));
}

export function pbkdf2Sync(password, salt, iterations, keylen, digest) {
  return runPbkdf2(pbkdf2Check(password, salt, iterations, keylen, digest));
}

export function pbkdf2(password, salt, iterations, keylen, digest, callback) {
  if (typeof digest === "function") validateString(undefined, "digest");
  validateFunction(callback, "callback");
  const args = pbkdf2Check(password, salt, iterations, keylen, digest);
  new Promise((res) => res(runPbkdf2(args))).then((v) => callback(null, v), (err) => callback(err));
}

function hkdfByteSource(v, name) {
  v = typeof v === "string" ? Buffer.from(v) : v;
  if (!isAnyArrayBuffer(v) && !ArrayBuffer.isView(v)) {
    throw ERR_INVALID_ARG_TYPE(name, ["string", "ArrayBuffer", "TypedArray", "DataView", "Buffer"], v);
  }
  return v;
}

function hkdfCheck(digest, key, salt, info, length) {
  if (key instanceof KeyObject) key = key.export();
  validateString(digest, "digest");
  if (typeof key === "string") key = Buffer.from(key);
  if (!isAnyArrayBuffer(key) && !ArrayBuffer.isView(key)) {
    throw ERR_INVALID_ARG_TYPE("ikm", ["string", "SecretKeyObject", "ArrayBuffer", "TypedArray", "DataView", "Buffer"], key);
  }
  salt = hkdfByteSource(salt, "salt");
  info = hkdfByteSource(info, "info");
  validateInteger(length, "length", 0, kMaxLength);
  if (info.byteLength > 1024) throw ERR_OUT_OF_RANGE("info", "must not contain more than 1024 bytes", info.byteLength);
  return { digest, key, salt, info, length };
}

function runHkdf({ digest, key, salt, info, length }) {
  const d = digestOf(digest);
  if (d === null) throw new TypeError(`Invalid Hkdf digest: ${digest}`);
  if (length > maxDerivedLength(d)) throw new RangeError("Invalid Hkdf key length");
  const out = call(native.hkdf, d.canon, bytesOf(key), bytesOf(salt), bytesOf(info), length);
  return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength);
}

export function hkdfSync(digest, key, salt, info, length) {
  return runHkdf(hkdfCheck(digest, key, salt, info, length));
}

export function hkdf(digest, key, salt, info, length, callback) {
  const args = hkdfCheck(digest, key, salt, info, length);
  validateFunction(callback, "callback");
  new Promise((res) => res(runHkdf(args))).then((v) => callback(null, v), (err) => callback(err));
}

const scryptDefaults = { N: 16384, r: 8, p: 1, maxmem: 32 << 20 };

function scryptCheck(password, salt, keylen, options) {
  password = getArrayBufferOrView(password, "password");
  salt = getArrayBufferOrView(salt, "salt");
  if (password.byteLength >= kMaxLength) throw ERR_INVALID_ARG_VALUE("password", password, "is too big");
  if (salt.byteLength >= kMaxLength) throw ERR_INVALID_ARG_VALUE("salt", salt, "is too big");
  validateInteger(keylen, "keylen", 0, kMaxLength);
  let { N, r, p, maxmem } = scryptDefaults;
  if (options && options !== scryptDefaults) {
    const hasN = options.N !== undefined;
    if (hasN) {
      N = options.N;
      validateUint32(N, "N");
    }
    if (options.cost !== undefined) {
      if (hasN) throw ERR_INVALID_ARG_VALUE("cost", options.cost);
      N = options.cost;
      validateUint32(N, "cost");
    }
    const hasR = options.r !== undefined;
    if (hasR) {
      r = options.r;
      validateUint32(r, "r");
    }
    if (options.blockSize !== undefined) {
      if (hasR) throw ERR_INVALID_ARG_VALUE("blockSize", options.blockSize);
      r = options.blockSize;
      validateUint32(r, "blockSize");
    }
    const hasP = options.p !== undefined;
    if (hasP) {
      p = options.p;
      validateUint32(p, "p");
    }
    if (options.parallelization !== undefined) {
      if (hasP) throw ERR_INVALID_ARG_VALUE("parallelization", options.parallelization);
      p = options.parallelization;
      validateUint32(p, "parallelization");
    }
    if (options.maxmem !== undefined) {
      maxmem = options.maxmem;
      validateInteger(maxmem, "maxmem", 0);
    }
    if (N === 0) N = scryptDefaults.N;
    if (r === 0) r = scryptDefaults.r;
    if (p === 0) p = scryptDefaults.p;
    if (maxmem === 0) maxmem = scryptDefaults.maxmem;
  }
  return { password, salt, keylen, N, r, p, maxmem };
}

// runScrypt applies BoringSSL's parameter and memory checks (EVP_PBE_scrypt), which fail as
// workerd reports them: "Scrypt failed".
function runScrypt({ password, salt, keylen, N, r, p, maxmem }) {
  // workerd's limit on scrypt's work (N·r·p), checked before the parameters themselves.
  const maxCost = 2 ** 20;
  if (N > maxCost || r > maxCost || p > maxCost || N * r * p > maxCost) {
    throw new RangeError(`Scrypt failed: cost exceeds maximum (${maxCost}).`);
  }
  const prMax = 2 ** 30 - 1;
  const ok = r > 0 && p > 0 && p <= Math.floor(prMax / r) && N >= 2 && Number.isInteger(Math.log2(N)) &&
    !(16 * r <= 63 && N >= 2 ** (16 * r)) && 128 * r * (N + p + 1) <= maxmem;
  if (!ok) throw new Error("Scrypt failed");
  return Buffer.from(call(native.scrypt, bytesOf(password), bytesOf(salt), N, r, p, keylen));
}

export function scryptSync(password, salt, keylen, options) {
  return runScrypt(scryptCheck(password, salt, keylen, options));
}

export function scrypt(password, salt, keylen, options, callback = scryptDefaults) {
  if (callback === scryptDefaults) {
    callback = options;
    options = scryptDefaults;
  }
  const args = scryptCheck(password, salt, keylen, options);
  validateFunction(callback, "callback");
  new Promise((res) => res(runScrypt(args))).then((v) => callback(null, v), (err) => callback(err));
}

// ---- secret keys -----------------------------------------------------------------------------

const kKeyBytes = Symbol("kKeyBytes");
const kKeyType = Symbol("kKeyType");

function invalidKeyObjectType(actual, expected) {
  return codeError(Error, "ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE", `Invalid key object type ${actual}, expected ${expected}.`);
}

// KeyObject holds key material; only secret keys are supported here (see createSecretKey).
export class KeyObject {
  constructor(type, handle) {
    if (type !== "secret" && type !== "public" && type !== "private") throw ERR_INVALID_ARG_VALUE("type", type);
    if (!(handle instanceof Uint8Array)) throw ERR_INVALID_ARG_TYPE("handle", "object", handle);
    this[kKeyBytes] = handle;
    this[kKeyType] = type;
  }
  get type() {
    return this[kKeyType];
  }
  static from(key) {
    if (!isCryptoKey(key)) throw ERR_INVALID_ARG_TYPE("key", "CryptoKey", key);
    if (key.type === "private") return new PrivateKeyObject(cryptoKeyInfo(key));
    if (key.type === "public") return new PublicKeyObject(cryptoKeyInfo(key));
    return new SecretKeyObject(Uint8Array.prototype.slice.call(native.secretKeyBytes(key)));
  }
  equals(otherKeyObject) {
    if (!(otherKeyObject instanceof KeyObject)) throw ERR_INVALID_ARG_TYPE("otherKeyObject", "KeyObject", otherKeyObject);
    if (otherKeyObject.type !== this.type) return false;
    const a = this[kKeyBytes];
    const b = otherKeyObject[kKeyBytes];
    return a.length === b.length && subtle.timingSafeEqual(a, b);
  }
  get [Symbol.toStringTag]() {
    return "KeyObject";
  }
}

export class SecretKeyObject extends KeyObject {
  constructor(handle) {
    super("secret", handle);
  }
  get symmetricKeySize() {
    return this[kKeyBytes].byteLength;
  }
  export(options) {
    if (options !== undefined) {
      validateObject(options, "options");
      if (options.format === "jwk") {
        return { kty: "oct", ext: true, k: Buffer.from(this[kKeyBytes]).toString("base64url") };
      }
      if (options.format !== undefined && options.format !== "buffer") {
        throw new TypeError(`Invalid format for secret key export: ${options.format}`);
      }
    }
    return Buffer.from(this[kKeyBytes]);
  }
}

export function createSecretKey(key, encoding) {
  if (typeof key === "string") key = Buffer.from(key, encoding === "buffer" ? "utf8" : encoding);
  if (!isAnyArrayBuffer(key) && !ArrayBuffer.isView(key)) {
    // workerd's binding rejects other values with its own wording and no code.
    throw new TypeError("Failed to execute 'createSecretKey' on 'CryptoImpl': parameter 1 is not of type 'BufferSource'.");
  }
  return new SecretKeyObject(Uint8Array.prototype.slice.call(bytesOf(key)));
}

// ---- Cipheriv and Decipheriv (AES) ----------------------------------------------------------

const aesModes = { cbc: 16, ecb: 0, ctr: 16, ofb: 16, gcm: 12 };

// cipherSpec resolves an AES cipher name, case-insensitively as BoringSSL does.
function cipherSpec(name) {
  if (name.toLowerCase() === "chacha20-poly1305") return { keyLen: 32, mode: "chacha", ivLen: 12 };
  const m = /^aes-(128|192|256)-(cbc|ecb|ctr|ofb|gcm)$/.exec(name.toLowerCase());
  if (!m) return null;
  return { keyLen: Number(m[1]) / 8, mode: m[2], ivLen: aesModes[m[2]] };
}

const validGcmTagLength = (n) => n === 4 || n === 8 || (n >= 12 && n <= 16);
const cipherError = (msg) => new Error(msg);
const FINALIZED = "Cipher/decipher context has already been finalized";

function concatBytes(parts) {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

// CipherState is one AES encryption or decryption in progress; see isolate/nodecrypto.go for
// the primitives it drives.
class CipherState {
  constructor(encrypt, algorithm, spec, key, iv, authTagLength) {
    if (spec.mode === "chacha" && iv.length !== 12) throw cipherError("Invalid initialization vector");
    if ((spec.ivLen && iv.length === 0) || (spec.mode !== "gcm" && iv.length && iv.length !== spec.ivLen)) {
      throw cipherError("Invalid initialization vector");
    }
    if (spec.mode === "gcm" && authTagLength !== undefined && !validGcmTagLength(authTagLength)) {
      throw cipherError("Invalid authentication tag length");
    }
    if (key.length !== spec.keyLen) throw cipherError("Invalid key length");
    this.encrypt = encrypt;
    this.spec = spec;
    this.key = key;
    this.iv = Uint8Array.prototype.slice.call(iv);
    this.authTagLength = authTagLength;
    this.done = false;
    this.padding = true;
    this.pending = new Uint8Array(0);
    this.chain = this.iv;
    this.pos = 0;
    this.aad = [];
    this.seen = [];
    this.started = false;
    this.authTag = undefined;
    if (spec.mode === "ctr" || spec.mode === "ofb") this.reg = this.iv;
    if (spec.mode === "gcm") this.reg = call(native.cipher, "gcm-j0", key, this.iv);
  }
  live() {
    if (this.done) throw cipherError(FINALIZED);
  }
  stream(data) {
    const r = call(native.cipher, this.spec.mode, this.key, this.reg, this.pos, data);
    this.reg = r.slice(0, 16);
    this.pos = (this.pos + data.length) % 16;
    return r.subarray(16);
  }
  update(data) {
    this.live();
    const { mode } = this.spec;
    if (mode === "chacha") {
      // workerd runs ChaCha20-Poly1305 as a one-shot AEAD per update(): encrypting yields the
      // ciphertext (the tag waits for final()), decrypting needs the tag first and checks it.
      if (this.started) throw cipherError("update() can only be invoked once on an AEAD");
      if (!this.encrypt && this.authTag === undefined) throw cipherError("No auth tag provided");
      this.started = true;
      const aad = concatBytes(this.aad);
      if (this.encrypt) {
        const tag = call(native.cipher, "chacha-tag", this.key, this.iv, aad, data);
        this.pendingTag = (this.authTagLength ?? 16) === 16 ? tag : new Uint8Array(0);
      } else if (call(native.cipher, "chacha-check", this.key, this.iv, aad, data, this.authTag).length === 0) {
        throw new DOMException("Decryption failed: Incorrect key/IV or corrupted ciphertext/authentication tag provided.", "OperationError");
      }
      return call(native.cipher, "chacha-xor", this.key, this.iv, 0, data);
    }
    if (mode === "gcm") {
      this.started = true;
      const out = this.stream(data);
      this.seen.push(Uint8Array.prototype.slice.call(this.encrypt ? data : data));
      return out;
    }
    if (mode === "ctr" || mode === "ofb") return this.stream(data);
    const buf = concatBytes([this.pending, data]);
    let n = buf.length - (buf.length % 16);
    // Decryption holds back a last whole block: it may be the padding.
    if (!this.encrypt && this.padding && n === buf.length && n > 0) n -= 16;
    this.pending = buf.slice(n);
    return this.blocks(buf.subarray(0, n));
  }
  blocks(data) {
    if (data.length === 0) return new Uint8Array(0);
    if (this.spec.mode === "ecb") return call(native.cipher, this.encrypt ? "ecb-enc" : "ecb-dec", this.key, data);
    const out = call(native.cipher, this.encrypt ? "cbc-enc" : "cbc-dec", this.key, this.chain, data);
    this.chain = (this.encrypt ? out : data).slice(data.length - 16);
    return out;
  }
  final() {
    this.live();
    const { mode } = this.spec;
    let out = new Uint8Array(0);
    if (mode === "chacha") {
      if (this.encrypt) {
        // An empty message still has a tag; workerd yields an empty one for lengths other than 16.
        this.authTag = this.pendingTag ??
          ((this.authTagLength ?? 16) === 16 ? call(native.cipher, "chacha-tag", this.key, this.iv, concatBytes(this.aad), new Uint8Array(0)) : new Uint8Array(0));
      } else if (this.authTag === undefined) {
        throw cipherError("No auth tag provided");
      }
    } else if (mode === "gcm") {
      const aad = concatBytes(this.aad);
      const all = concatBytes(this.seen);
      if (this.encrypt) {
        this.authTag = call(native.cipher, "gcm-tag", this.key, this.iv, aad, all, this.authTagLength ?? 16);
      } else {
        if (this.authTag === undefined) throw cipherError("No auth tag provided");
        const ok = call(native.cipher, "gcm-check", this.key, this.iv, aad, all, this.authTag);
        if (ok.length === 0) {
          this.done = true;
          throw cipherError("Authentication failed");
        }
      }
    } else if (mode === "cbc" || mode === "ecb") {
      const p = this.pending;
      let ok = true;
      if (this.encrypt) {
        if (this.padding) {
          const pad = 16 - p.length;
          const block = new Uint8Array(16);
          block.set(p);
          block.fill(pad, p.length);
          out = this.blocks(block);
        } else if (p.length !== 0) {
          ok = false;
        }
      } else if (this.padding) {
        if (p.length !== 16) {
          ok = false;
        } else {
          const plain = this.blocks(p);
          const pad = plain[15];
          ok = pad >= 1 && pad <= 16 && plain.subarray(16 - pad).every((x) => x === pad);
          if (ok) out = plain.slice(0, 16 - pad);
        }
      } else if (p.length !== 0) {
        ok = false;
      }
      if (!ok) {
        this.done = true;
        throw cipherError("Authentication failed");
      }
    }
    this.done = true;
    return out;
  }
  setAAD(aad, plaintextLength) {
    this.live();
    if (this.spec.mode !== "gcm" && this.spec.mode !== "chacha") throw cipherError("Cipher does not support authenticated mode");
    if (this.started) throw cipherError("Failed to set AAD");
    void plaintextLength;
    this.aad.push(Uint8Array.prototype.slice.call(aad));
  }
  setAutoPadding(on) {
    this.live();
    if (this.spec.mode === "chacha") throw cipherError("Setting autopadding is not supported on AEADs");
    this.padding = on;
  }
  setAuthTag(tag) {
    this.live();
    const { mode } = this.spec;
    if (mode !== "gcm" && mode !== "chacha") throw cipherError("Cipher does not support authenticated mode");
    if (this.encrypt) throw cipherError("Setting the auth tag is only supported for decipher");
    if (this.authTag !== undefined) throw cipherError("Auth tag is already set");
    const ok = mode === "chacha" ? tag.length === (this.authTagLength ?? 16)
      : this.authTagLength !== undefined ? tag.length === this.authTagLength : validGcmTagLength(tag.length);
    if (!ok) throw cipherError("Invalid authentication tag length");
    this.authTag = Uint8Array.prototype.slice.call(tag);
  }
  getAuthTag() {
    if (!this.done) throw cipherError("Auth tag is only available once cipher context has been finalized");
    if (!this.encrypt) throw cipherError("Getting the auth tag is only support for cipher");
    return this.authTag ?? new Uint8Array(0);
  }
}

function cipherKeyBytes(key) {
  if (isCryptoKey(key)) {
    if (key.type !== "secret") throw invalidKeyObjectType(key.type, "secret");
    return native.secretKeyBytes(key);
  }
  if (key instanceof KeyObject) {
    if (key.type !== "secret") throw invalidKeyObjectType(key.type, "secret");
    return key[kKeyBytes];
  }
  if (isAnyArrayBuffer(key) || ArrayBuffer.isView(key)) return bytesOf(key);
  if (typeof key === "string") return Buffer.from(key, "utf8");
  throw ERR_INVALID_ARG_TYPE("key", ["string", "Buffer", "TypedArray", "DataView", "KeyObject", "CryptoKey"], key);
}

function cipherIv(iv) {
  // workerd takes null as an empty IV (only ECB accepts that).
  if (iv === null) return new Uint8Array(0);
  if (isAnyArrayBuffer(iv) || ArrayBuffer.isView(iv)) return bytesOf(iv);
  if (typeof iv === "string") return Buffer.from(iv, "utf8");
  throw ERR_INVALID_ARG_TYPE("iv", ["string", "Buffer", "TypedArray", "DataView", "null"], iv);
}

function initCipher(self, encrypt, algorithm, key, iv, options) {
  validateString(algorithm, "algorithm");
  const keyBytes = cipherKeyBytes(key);
  const ivBytes = cipherIv(iv);
  if (options.authLengthTag !== undefined) validateUint32(options.authLengthTag, "options.authLengthTag");
  const spec = cipherSpec(algorithm);
  if (spec === null) {
    if (cipherNames.some((n) => n.toLowerCase() === algorithm.toLowerCase())) {
      throw ERR_METHOD_NOT_IMPLEMENTED(`${algorithm} cipher`);
    }
    throw new Error(`Unknown or unsupported cipher: ${algorithm}`);
  }
  // workerd reads the tag length from options.authLengthTag (sic), not Node's authTagLength.
  const tagLen = options.authLengthTag;
  self[kHandle] = new CipherState(encrypt, algorithm, spec, keyBytes, ivBytes, tagLen);
  Transform.call(self, options);
}

function cipherUpdate(data, inputEncoding, outputEncoding) {
  let bytes;
  if (typeof data === "string") {
    if (inputEncoding === undefined) {
      throw ERR_INVALID_ARG_VALUE("inputEncoding", inputEncoding, "If inputEncoding is not provided then the data must be a Buffer");
    }
    bytes = Buffer.from(data, inputEncoding);
  } else if (isAnyArrayBuffer(data) || ArrayBuffer.isView(data)) {
    bytes = bytesOf(data);
  } else {
    throw ERR_INVALID_ARG_TYPE("data", ["string", "Buffer", "TypedArray", "DataView"], data);
  }
  const ret = Buffer.from(this[kHandle].update(bytes));
  return outputEncoding === undefined ? ret : ret.toString(outputEncoding);
}

function cipherFinal(outputEncoding) {
  const ret = Buffer.from(this[kHandle].final());
  return outputEncoding === undefined ? ret : ret.toString(outputEncoding);
}

function cipherSetAAD(buffer, options = {}) {
  validateObject(options, "options");
  const { plaintextLength, encoding } = options;
  if (plaintextLength !== undefined) validateUint32(plaintextLength, "options.plaintextLength");
  if (encoding !== undefined) validateString(encoding, "options.encoding");
  if (typeof buffer === "string") this[kHandle].setAAD(Buffer.from(buffer, encoding), plaintextLength);
  else if (isAnyArrayBuffer(buffer) || ArrayBuffer.isView(buffer)) this[kHandle].setAAD(bytesOf(buffer), plaintextLength);
  return this;
}

function cipherSetAutoPadding(autoPadding) {
  this[kHandle].setAutoPadding(!!autoPadding);
  return this;
}

function cipherTransform(chunk, encoding, callback) {
  if (typeof chunk === "string") chunk = Buffer.from(chunk, encoding);
  this.push(Buffer.from(this[kHandle].update(bytesOf(chunk))));
  callback();
}

function cipherFlush(callback) {
  this.push(Buffer.from(this[kHandle].final()));
  callback();
}

export function Cipheriv(algorithm, key, iv, options = {}) {
  initCipher(this, true, algorithm, key, iv, options);
}
Object.setPrototypeOf(Cipheriv.prototype, Transform.prototype);
Object.setPrototypeOf(Cipheriv, Transform);
Object.assign(Cipheriv.prototype, {
  update: cipherUpdate,
  final: cipherFinal,
  setAAD: cipherSetAAD,
  setAutoPadding: cipherSetAutoPadding,
  getAuthTag() {
    const tag = this[kHandle].getAuthTag();
    return tag === undefined ? undefined : Buffer.from(tag);
  },
  _transform: cipherTransform,
  _flush: cipherFlush,
});

export function Decipheriv(algorithm, key, iv, options = {}) {
  initCipher(this, false, algorithm, key, iv, options);
}
Object.setPrototypeOf(Decipheriv.prototype, Transform.prototype);
Object.setPrototypeOf(Decipheriv, Transform);
Object.assign(Decipheriv.prototype, {
  update: cipherUpdate,
  final: cipherFinal,
  setAAD: cipherSetAAD,
  setAutoPadding: cipherSetAutoPadding,
  setAuthTag(buffer, encoding) {
    if (typeof buffer === "string") buffer = Buffer.from(buffer, encoding);
    else if (!isAnyArrayBuffer(buffer) && !ArrayBuffer.isView(buffer)) {
      throw ERR_INVALID_ARG_TYPE("buffer", ["string", "Buffer", "TypedArray", "DataView"], buffer);
    }
    this[kHandle].setAuthTag(bytesOf(buffer));
    return this;
  },
  _transform: cipherTransform,
  _flush: cipherFlush,
});

export function createCipheriv(algorithm, key, iv, options) {
  return new Cipheriv(algorithm, key, iv, options);
}

export function createDecipheriv(algorithm, key, iv, options) {
  return new Decipheriv(algorithm, key, iv, options);
}

// cipherInfos are what getCipherInfo reports for each name getCiphers lists: [lowercase name,
// name, nid, blockSize, ivLength, keyLength, mode], as BoringSSL (through workerd) reports them.
const cipherInfos = [
  ["aes-128-cbc", "AES-128-CBC", 419, 16, 16, 16, "cbc"],
  ["aes-192-cbc", "AES-192-CBC", 423, 16, 16, 24, "cbc"],
  ["aes-256-cbc", "AES-256-CBC", 427, 16, 16, 32, "cbc"],
  ["aes-128-ctr", "AES-128-CTR", 904, 1, 16, 16, "ctr"],
  ["aes-192-ctr", "AES-192-CTR", 905, 1, 16, 24, "ctr"],
  ["aes-256-ctr", "AES-256-CTR", 906, 1, 16, 32, "ctr"],
  ["aes-128-ecb", "AES-128-ECB", 418, 16, 0, 16, "ecb"],
  ["aes-192-ecb", "AES-192-ECB", 422, 16, 0, 24, "ecb"],
  ["aes-256-ecb", "AES-256-ECB", 426, 16, 0, 32, "ecb"],
  ["aes-128-ofb", "AES-128-OFB", 420, 1, 16, 16, "ofb"],
  ["aes-192-ofb", "AES-192-OFB", 424, 1, 16, 24, "ofb"],
  ["aes-256-ofb", "AES-256-OFB", 428, 1, 16, 32, "ofb"],
  ["aes-128-gcm", "id-aes128-GCM", 895, 1, 12, 16, "gcm"],
  ["aes-192-gcm", "id-aes192-GCM", 898, 1, 12, 24, "gcm"],
  ["aes-256-gcm", "id-aes256-GCM", 901, 1, 12, 32, "gcm"],
  ["des-cbc", "DES-CBC", 31, 8, 8, 8, "cbc"],
  ["des-ecb", "DES-ECB", 29, 8, 0, 8, "ecb"],
  ["des-ede", "DES-EDE", 32, 8, 0, 16, "ecb"],
  ["des-ede-cbc", "DES-EDE-CBC", 43, 8, 8, 16, "cbc"],
  ["des-ede3-cbc", "DES-EDE3-CBC", 44, 8, 8, 24, "cbc"],
  ["rc2-cbc", "RC2-CBC", 37, 8, 8, 16, "cbc"],
  ["rc4", "RC4", 5, 1, 0, 16, "stream"],
  ["aes-256-eax", "aes-256-eax", 0, 1, 16, 32, "stream"],
  ["aes-128-eax", "aes-128-eax", 0, 1, 16, 16, "stream"],
  ["aes-128-ccm-matter", "aes-128-ccm-matter", 0, 1, 13, 16, "ccm"],
  ["aes-128-ccm-bluetooth", "aes-128-ccm-bluetooth", 0, 1, 13, 16, "ccm"],
  ["aes-256-gcm-randnonce", "aes-256-gcm-randnonce", 0, 1, 0, 32, "gcm"],
  ["aes-256-gcm-siv", "aes-256-gcm-siv", 0, 1, 12, 32, "gcm"],
  ["aes-128-gcm-siv", "aes-128-gcm-siv", 0, 1, 12, 16, "gcm"],
  ["chacha20-poly1305", "chacha20-poly1305", 950, 1, 12, 32, "stream"],
  ["aes-128-ctr-hmac-sha256", "aes-128-ctr-hmac-sha256", 0, 1, 12, 48, "ctr"],
  ["aes-128-gcm-randnonce", "aes-128-gcm-randnonce", 0, 1, 0, 16, "gcm"],
  ["aes-256-ctr-hmac-sha256", "aes-256-ctr-hmac-sha256", 0, 1, 12, 64, "ctr"],
  ["aes-128-ccm-bluetooth-8", "aes-128-ccm-bluetooth-8", 0, 1, 13, 16, "ccm"],
  ["xchacha20-poly1305", "xchacha20-poly1305", 0, 1, 24, 32, "stream"],
];

export function getCipherInfo(nameOrId, options = {}) {
  if (typeof nameOrId !== "string" && typeof nameOrId !== "number") {
    throw ERR_INVALID_ARG_TYPE("nameOrId", ["string", "number"], nameOrId);
  }
  validateObject(options, "options");
  const { keyLength, ivLength } = options;
  if (keyLength !== undefined) validateInt32(keyLength, "options.keyLength");
  if (ivLength !== undefined) validateInt32(ivLength, "options.ivLength");
  let row;
  if (typeof nameOrId === "number") {
    row = cipherInfos.find((c) => c[2] === nameOrId && nameOrId !== 0);
  } else {
    const lower = nameOrId.toLowerCase();
    row = cipherInfos.find((c) => c[0] === lower);
  }
  if (row === undefined) return undefined;
  const [, name, nid, blockSize, ivLen, keyLen, mode] = row;
  if (keyLength !== undefined && keyLength !== keyLen) return undefined;
  // Only GCM takes another IV length.
  if (ivLength !== undefined && ivLength !== ivLen && !(mode === "gcm" && ivLength > 0)) return undefined;
  return { name, nid, blockSize, ivLength: ivLength ?? ivLen, keyLength: keyLen, mode };
}

// ---- asymmetric keys -----------------------------------------------------------------------

const kKeyInfo = Symbol("kKeyInfo");

// unpackBytes reads what the Go side packs as [4-byte big-endian length][bytes]….
function unpackBytes(u8) {
  const out = [];
  const dv = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  for (let off = 0; off < u8.length;) {
    const n = dv.getUint32(off);
    out.push(u8.subarray(off + 4, off + 4 + n));
    off += 4 + n;
  }
  return out;
}

// The packed type and detail strings are ASCII.
const latin1 = { decode: (u8) => String.fromCharCode(...u8) };

function keyInfo(packed) {
  const [type, pkcs8, spki, detail, exponent] = unpackBytes(packed);
  return {
    type: latin1.decode(type),
    pkcs8: pkcs8.length ? Uint8Array.prototype.slice.call(pkcs8) : null,
    spki: Uint8Array.prototype.slice.call(spki),
    detail: latin1.decode(detail),
    exponent: bytesToBigInt(exponent),
  };
}

const pemLabels = {
  "PRIVATE KEY": "pkcs8", "RSA PRIVATE KEY": "pkcs1-private", "EC PRIVATE KEY": "sec1",
  "PUBLIC KEY": "spki", "RSA PUBLIC KEY": "pkcs1-public",
};

// parsePem finds the first PEM block and returns its format and DER bytes.
function parsePem(text) {
  const m = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(text);
  if (!m) return null;
  const format = pemLabels[m[1]];
  if (format === undefined) return { format: null, label: m[1] };
  return { format, der: Buffer.from(m[2].replace(/\s+/g, ""), "base64") };
}

function toPem(label, der) {
  const b64 = Buffer.from(der).toString("base64");
  return `-----BEGIN ${label}-----\n${b64.replace(/.{1,64}/g, "$&\n")}-----END ${label}-----\n`;
}

export class PublicKeyObject extends KeyObject {
  constructor(info) {
    super("public", info.spki);
    this[kKeyInfo] = info;
  }
}

export class PrivateKeyObject extends KeyObject {
  constructor(info) {
    super("private", info.pkcs8);
    this[kKeyInfo] = info;
  }
}

for (const C of [PublicKeyObject, PrivateKeyObject]) {
  Object.defineProperties(C.prototype, {
    asymmetricKeyType: { configurable: true, get() { return this[kKeyInfo].type; } },
    asymmetricKeyDetails: {
      configurable: true,
      get() {
        const info = this[kKeyInfo];
        if (info.type === "rsa") return { modulusLength: Number(info.detail), publicExponent: info.exponent };
        if (info.type === "ec") return { namedCurve: info.detail };
        return {};
      },
    },
  });
  C.prototype.export = function (options) {
    const priv = this.type === "private";
    if (options === undefined) options = {};
    validateObject(options, "options");
    const { format = "pem", type } = options;
    if (format === "jwk") return exportJwk(this);
    if (type === undefined) throw new TypeError("Missing type option");
    const info = this[kKeyInfo];
    let der;
    let label;
    if (priv) {
      if (type === "pkcs8") {
        der = info.pkcs8;
        label = "PRIVATE KEY";
      } else if (type === "pkcs1" && info.type === "rsa") {
        der = call(native.keyExport, "pkcs8", info.pkcs8, "pkcs1");
        label = "RSA PRIVATE KEY";
      } else if (type === "sec1" && info.type === "ec") {
        der = call(native.keyExport, "pkcs8", info.pkcs8, "sec1");
        label = "EC PRIVATE KEY";
      } else {
        throw ERR_INVALID_ARG_VALUE("options.type", type);
      }
      if (options.cipher !== undefined || options.passphrase !== undefined) {
        throw ERR_METHOD_NOT_IMPLEMENTED("export() of an encrypted private key");
      }
    } else if (type === "pkcs1" && info.type === "rsa") {
      der = call(native.keyExport, "spki", info.spki, "pkcs1");
      label = "RSA PUBLIC KEY";
    } else {
      // Any other type gives SPKI, as in workerd.
      der = info.spki;
      label = "PUBLIC KEY";
    }
    if (format === "pem") return toPem(label, der);
    if (format === "der") return Buffer.from(der);
    throw ERR_INVALID_ARG_VALUE("options.format", format);
  };
}

function exportJwk(key) {
  const info = key[kKeyInfo];
  const priv = key.type === "private";
  const parts = unpackBytes(call(native.keyJwk, priv ? info.pkcs8 : info.spki));
  const b64 = (u8) => Buffer.from(u8).toString("base64url");
  if (info.type === "rsa") {
    const names = ["n", "e", "d", "p", "q", "dp", "dq", "qi"];
    const jwk = { kty: "RSA" };
    parts.forEach((v, i) => { jwk[names[i]] = b64(v); });
    return jwk;
  }
  if (info.type === "ec") {
    const crv = { prime256v1: "P-256", secp384r1: "P-384", secp521r1: "P-521", secp224r1: "P-224" }[info.detail];
    const jwk = { kty: "EC", crv, x: b64(parts[0]), y: b64(parts[1]) };
    if (priv) jwk.d = b64(parts[2]);
    return jwk;
  }
  const jwk = { crv: info.type === "ed25519" ? "Ed25519" : "X25519", x: b64(parts[0]), kty: "OKP" };
  if (priv) jwk.d = b64(parts[1]);
  return jwk;
}

// prepareAsymmetricKey reads what createPrivateKey/createPublicKey and sign/verify accept: a
// KeyObject, a PEM string or buffer, DER with { format: "der", type }, and returns key info.
function prepareAsymmetricKey(key, wantPrivate) {
  if (key instanceof PrivateKeyObject || key instanceof PublicKeyObject) return key[kKeyInfo];
  if (key instanceof KeyObject) throw ERR_INVALID_ARG_TYPE("key", "PrivateKeyObject", key);
  if (isCryptoKey(key)) return cryptoKeyInfo(key);
  let data = key;
  let format = "pem";
  let type;
  let encoding;
  if (typeof key !== "string" && !ArrayBuffer.isView(key) && !isAnyArrayBuffer(key)) {
    // Anything else is read as an options object (so a number reports its missing key), and
    // workerd takes no KeyObject inside one.
    const isObject = key !== null && typeof key === "object";
    ({ key: data, format = "pem", type, encoding } = isObject ? key : {});
    if (format === "jwk") throw ERR_METHOD_NOT_IMPLEMENTED("JWK key import");
    if (typeof data !== "string" && !ArrayBuffer.isView(data) && !isAnyArrayBuffer(data)) {
      // workerd names the options object itself when its key is of the wrong type.
      if (isObject && !(data instanceof KeyObject)) {
        throw ERR_INVALID_ARG_TYPE("key", ["string", "ArrayBuffer", "Buffer", "TypedArray", "DataView", "object"], key);
      }
      throw ERR_INVALID_ARG_TYPE("options.key", ["string", "ArrayBuffer", "Buffer", "TypedArray", "DataView", "object"], data);
    }
  }
  let der;
  let derFormat;
  if (format === "pem") {
    const text = typeof data === "string" ? data : Buffer.from(bytesOf(data)).toString("latin1");
    const pem = parsePem(text);
    if (pem === null || pem.format === null || (wantPrivate && (pem.format === "spki" || pem.format === "pkcs1-public"))) {
      throw new Error(`Failed to parse ${wantPrivate ? "private" : "public"} key`);
    }
    der = pem.der;
    derFormat = pem.format;
  } else if (format === "der") {
    der = typeof data === "string" ? Buffer.from(data, encoding) : bytesOf(data);
    derFormat = { pkcs8: "pkcs8", spki: "spki", sec1: "sec1" }[type] ??
      (type === "pkcs1" ? (wantPrivate ? "pkcs1-private" : "pkcs1-public") : undefined);
    if (derFormat === undefined) throw ERR_INVALID_ARG_VALUE("key.type", type);
  } else {
    throw ERR_INVALID_ARG_VALUE("key.format", format);
  }
  const packed = native.keyParse(derFormat, der);
  if (typeof packed === "string") throw new Error(`Failed to parse ${wantPrivate ? "private" : "public"} key`);
  return keyInfo(packed);
}

// cryptoKeyInfo reads a public or private CryptoKey as key info.
function cryptoKeyInfo(key) {
  const der = native.asymmetricKeyDer(key);
  if (der === undefined) throw ERR_INVALID_ARG_TYPE("key", "PrivateKeyObject", key);
  const info = keyInfo(call(native.keyParse, key.type === "private" ? "pkcs8" : "spki", der));
  return key.type === "private" ? info : { ...info, pkcs8: null };
}

export function createPrivateKey(key) {
  // A CryptoKey is read as an options object here (it has no .key), as in workerd.
  if (isCryptoKey(key)) {
    throw ERR_INVALID_ARG_TYPE("options.key", ["string", "ArrayBuffer", "Buffer", "TypedArray", "DataView", "object"], undefined);
  }
  const info = prepareAsymmetricKey(key, true);
  if (info.pkcs8 === null) throw invalidKeyObjectType("public", "private");
  return new PrivateKeyObject(info);
}

export function createPublicKey(key) {
  if (isCryptoKey(key) && key.type === "private") throw new Error("Failed to derive public key from private key");
  const info = prepareAsymmetricKey(key, false);
  return new PublicKeyObject({ ...info, pkcs8: null });
}

// ---- Sign and Verify ----------------------------------------------------------------------

// signOptions reads the options sign and verify honour. workerd ignores padding and saltLength
// (RSA keys always use PKCS #1 v1.5), so they are ignored here too.
function signOptions(key) {
  const o = key !== null && typeof key === "object" && !ArrayBuffer.isView(key) && !(key instanceof KeyObject) ? key : {};
  const padding = 1;
  const saltLength = -2;
  const dsaEncoding = o.dsaEncoding ?? "der";
  if (dsaEncoding !== "der" && dsaEncoding !== "ieee-p1363") throw ERR_INVALID_ARG_VALUE("options.dsaEncoding", dsaEncoding);
  return { padding, saltLength, dsaEncoding };
}

function digestName(algorithm, info, signing) {
  if (algorithm === null || algorithm === undefined) {
    if (info.type === "ed25519") return "";
    throw new Error(`Failed to initialize ${signing ? "signing" : "verification"} context`);
  }
  const d = digestOf(algorithm);
  if (d === null) throw new Error(`Unknown digest: ${algorithm}`);
  return d.canon;
}

function signBytes(algorithm, data, key) {
  const info = prepareAsymmetricKey(key, true);
  if (info.pkcs8 === null) throw invalidKeyObjectType("public", "private");
  const { padding, saltLength, dsaEncoding } = signOptions(key);
  return Buffer.from(call(native.sign, digestName(algorithm, info, true), info.pkcs8, data, padding, saltLength, dsaEncoding));
}

function verifyBytes(algorithm, data, key, signature) {
  const info = prepareAsymmetricKey(key, false);
  const { padding, saltLength, dsaEncoding } = signOptions(key);
  return call(native.verify, digestName(algorithm, info, false), info.spki, data, signature, padding, saltLength, dsaEncoding);
}

function dataBytes(data, name, encoding) {
  if (typeof data === "string") return Buffer.from(data, encoding ?? "utf8");
  if (isAnyArrayBuffer(data) || ArrayBuffer.isView(data)) return bytesOf(data);
  throw ERR_INVALID_ARG_TYPE(name, ["string", "Buffer", "TypedArray", "DataView"], data);
}

// The one-shot forms take bytes only, not strings, as in workerd.
function viewBytes(data, name) {
  if (!ArrayBuffer.isView(data)) throw ERR_INVALID_ARG_TYPE(name, ["Buffer", "TypedArray", "DataView"], data);
  return bytesOf(data);
}

export function sign(algorithm, data, key, callback) {
  if (algorithm != null) validateString(algorithm, "algorithm");
  if (callback !== undefined) validateFunction(callback, "callback");
  data = viewBytes(data, "data");
  if (!callback) return signBytes(algorithm, data, key);
  new Promise((res) => res(signBytes(algorithm, data, key))).then((v) => callback(null, v), (e) => callback(e));
}

export function verify(algorithm, data, key, signature, callback) {
  if (algorithm != null) validateString(algorithm, "algorithm");
  if (callback !== undefined) validateFunction(callback, "callback");
  data = viewBytes(data, "data");
  signature = viewBytes(signature, "signature");
  if (!callback) return verifyBytes(algorithm, data, key, signature);
  new Promise((res) => res(verifyBytes(algorithm, data, key, signature))).then((v) => callback(null, v), (e) => callback(e));
}

// Sign and Verify collect the data (written or passed to update) and work on it at the end.
export function Sign(algorithm, options) {
  if (!(this instanceof Sign)) return new Sign(algorithm, options);
  validateString(algorithm, "algorithm");
  if (digestOf(algorithm) === null) throw new Error(`Unknown digest: ${algorithm}`);
  this[kHandle] = { algorithm, chunks: [], done: false };
  Writable.call(this, options);
}
Object.setPrototypeOf(Sign.prototype, Writable.prototype);
Object.setPrototypeOf(Sign, Writable);

function collectUpdate(data, encoding) {
  const h = this[kHandle];
  if (h.done) throw new Error("Signing context has already been finalized");
  h.chunks.push(Uint8Array.prototype.slice.call(dataBytes(data, "data", encoding)));
  return this;
}

function collectWrite(chunk, encoding, callback) {
  this.update(chunk, encoding);
  callback();
}

Sign.prototype._write = collectWrite;
Sign.prototype.update = collectUpdate;
Sign.prototype.sign = function (privateKey, outputEncoding) {
  const h = this[kHandle];
  if (h.done) throw new Error("Signing context has already been finalized");
  const out = signBytes(h.algorithm, concatBytes(h.chunks), privateKey);
  h.done = true;
  return outputEncoding === undefined || outputEncoding === "buffer" ? out : out.toString(outputEncoding);
};

export function Verify(algorithm, options) {
  if (!(this instanceof Verify)) return new Verify(algorithm, options);
  validateString(algorithm, "algorithm");
  if (digestOf(algorithm) === null) throw new Error(`Unknown digest: ${algorithm}`);
  this[kHandle] = { algorithm, chunks: [], done: false };
  Writable.call(this, options);
}
Object.setPrototypeOf(Verify.prototype, Writable.prototype);
Object.setPrototypeOf(Verify, Writable);

Verify.prototype._write = collectWrite;
Verify.prototype.update = function (data, encoding) {
  const h = this[kHandle];
  if (h.done) throw new Error("Verification context has already been finalized");
  h.chunks.push(Uint8Array.prototype.slice.call(dataBytes(data, "data", encoding)));
  return this;
};
Verify.prototype.verify = function (object, signature, sigEncoding) {
  const h = this[kHandle];
  if (h.done) throw new Error("Verification context has already been finalized");
  const sig = dataBytes(signature, "signature", sigEncoding);
  const ok = verifyBytes(h.algorithm, concatBytes(h.chunks), object, sig);
  h.done = true;
  return ok;
};

export function createSign(algorithm, options) {
  return new Sign(algorithm, options);
}

export function createVerify(algorithm, options) {
  return new Verify(algorithm, options);
}

// ---- key generation ----------------------------------------------------------------------

function encodeGenerated(key, encoding, name) {
  if (encoding === undefined) return key;
  validateObject(encoding, name);
  return key.export(encoding);
}

function generatePair(type, options) {
  validateString(type, "type");
  validateOneOf(type, "type", ["rsa", "ec", "ed25519", "x25519", "dh"]);
  if (options !== undefined) validateObject(options, "options");
  const o = options ?? {};
  let packed;
  if (type === "rsa") {
    validateUint32(o.modulusLength, "options.modulusLength");
    const e = o.publicExponent ?? 0x10001;
    validateUint32(e, "options.publicExponent");
    if (o.modulusLength > 16384) throw new RangeError("RSA modulusLength exceeds maximum (16384)");
    // BoringSSL rounds the size down to a multiple of 128 bits and refuses less than 512.
    const bits = o.modulusLength & ~127;
    if (bits < 512) throw new Error("Failed to generate key");
    packed = native.keyGenerate("rsa", bits, e);
  } else if (type === "ec") {
    validateString(o.namedCurve, "options.namedCurve");
    packed = native.keyGenerate("ec", o.namedCurve);
  } else if (type === "dh") {
    throw ERR_METHOD_NOT_IMPLEMENTED("generateKeyPair() of Diffie-Hellman keys");
  } else {
    packed = native.keyGenerate(type);
  }
  if (typeof packed === "string") {
    const [name, message] = packed.split("\0");
    throw new ({ TypeError, RangeError }[name] ?? Error)(message);
  }
  const info = keyInfo(packed);
  const privateKey = new PrivateKeyObject(info);
  const publicKey = new PublicKeyObject({ ...info, pkcs8: null });
  return {
    publicKey: encodeGenerated(publicKey, o.publicKeyEncoding, "options.publicKeyEncoding"),
    privateKey: encodeGenerated(privateKey, o.privateKeyEncoding, "options.privateKeyEncoding"),
  };
}

export function generateKeyPairSync(type, options) {
  return generatePair(type, options);
}

export function generateKeyPair(type, options, callback) {
  if (typeof options === "function") {
    callback = options;
    options = undefined;
  }
  validateFunction(callback, "callback");
  const pair = generatePair(type, options);
  new Promise((res) => res(pair)).then((p) => callback(null, p.publicKey, p.privateKey), (e) => callback(e));
}

Object.defineProperty(generateKeyPair, Symbol.for("nanod.node.customPromisifyArgs"), {
  value: ["publicKey", "privateKey"], enumerable: false,
});

function generateSecret(type, options) {
  validateString(type, "type");
  validateOneOf(type, "type", ["hmac", "aes"]);
  validateObject(options, "options");
  const { length } = options;
  if (type === "hmac") validateInteger(length, "options.length", 8, 65536);
  else validateOneOf(length, "options.length", [128, 192, 256]);
  const bytes = new Uint8Array(Math.floor(length / 8));
  for (let off = 0; off < bytes.length; off += 65536) crypto.getRandomValues(bytes.subarray(off, off + 65536));
  return new SecretKeyObject(bytes);
}

export function generateKeySync(type, options) {
  return generateSecret(type, options);
}

export function generateKey(type, options, callback) {
  validateFunction(callback, "callback");
  const key = generateSecret(type, options);
  new Promise((res) => res(key)).then((k) => callback(null, k), (e) => callback(e));
}

// ---- RSA encryption (publicEncrypt and friends) ---------------------------------------------

// rsaOptions reads padding (PKCS #1 v1.5 unless given, as in workerd), oaepHash (SHA-256 unless
// given) and oaepLabel from the key argument when it is an object (a KeyObject too: workerd
// reads these properties off whatever object it is given).
function rsaOptions(key) {
  const o = key !== null && typeof key === "object" && !ArrayBuffer.isView(key) && !isAnyArrayBuffer(key) ? key : {};
  const { padding = 1, oaepHash = "sha256", oaepLabel, encoding = "utf8" } = o;
  validateNumber(padding, "options.padding");
  validateString(oaepHash, "options.oaepHash");
  let label;
  if (oaepLabel !== undefined) {
    if (typeof oaepLabel === "string") label = Buffer.from(oaepLabel, encoding);
    else if (isAnyArrayBuffer(oaepLabel) || ArrayBuffer.isView(oaepLabel)) label = bytesOf(oaepLabel);
    else throw ERR_INVALID_ARG_TYPE("options.oaepLabel", ["string", "Buffer", "TypedArray", "DataView", "ArrayBuffer"], oaepLabel);
  }
  return { padding, oaepHash, label, encoding: o.encoding ?? "utf8" };
}

function rsaRun(op, key, buffer, wantPrivate, keyName) {
  if (key === undefined) throw ERR_MISSING_ARGS(keyName);
  if (buffer === undefined) throw ERR_MISSING_ARGS("buffer");
  const want = wantPrivate ? "private" : "public";
  let info;
  if (isCryptoKey(key)) {
    if (key.type !== want) throw invalidKeyObjectType(key.type, want);
    info = cryptoKeyInfo(key);
  } else if (key instanceof KeyObject) {
    if (key.type !== want) throw invalidKeyObjectType(key.type, want);
    info = key[kKeyInfo];
  } else {
    info = (wantPrivate ? createPrivateKey(key) : createPublicKey(key))[kKeyInfo];
  }
  const opts = rsaOptions(key);
  if (typeof buffer === "string") buffer = Buffer.from(buffer, opts.encoding);
  const signing = op === "priv-enc" || op === "pub-dec";
  const hash = signing ? "" : (digestOf(opts.oaepHash)?.canon ?? "unknown");
  const der = wantPrivate ? info.pkcs8 : info.spki;
  return Buffer.from(call(native.rsaCipher, op, der, bytesOf(buffer), opts.padding, hash, signing ? undefined : opts.label));
}

export function publicEncrypt(key, buffer) {
  return rsaRun("pub-enc", key, buffer, false, "key");
}

export function publicDecrypt(key, buffer) {
  return rsaRun("pub-dec", key, buffer, false, "key");
}

export function privateEncrypt(privateKey, buffer) {
  return rsaRun("priv-enc", privateKey, buffer, true, "privateKey");
}

export function privateDecrypt(privateKey, buffer) {
  return rsaRun("priv-dec", privateKey, buffer, true, "privateKey");
}

// ---- diffieHellman (ECDH and X25519 key agreement) -----------------------------------------

export function diffieHellman(options) {
  validateObject(options, "options");
  const { privateKey, publicKey } = options;
  if (!(privateKey instanceof KeyObject)) throw ERR_INVALID_ARG_TYPE("options.privateKey", "KeyObject", privateKey);
  if (privateKey.type !== "private") throw ERR_INVALID_ARG_TYPE("options.privateKey", "private key", privateKey);
  if (!(publicKey instanceof KeyObject)) throw ERR_INVALID_ARG_TYPE("options.publicKey", "KeyObject", publicKey);
  if (publicKey.type !== "public") throw ERR_INVALID_ARG_TYPE("options.publicKey", "public key", publicKey);
  const privType = privateKey.asymmetricKeyType;
  const pubType = publicKey.asymmetricKeyType;
  if (privType !== pubType) {
    throw ERR_INVALID_ARG_VALUE("options.publicKey.asymmetricKeyType", pubType, "must equal privateKey.asymmetricKeyType");
  }
  const secret = privType === "ec" || privType === "x25519"
    ? native.derive(privateKey[kKeyInfo].pkcs8, publicKey[kKeyInfo].spki)
    : "";
  if (typeof secret === "string") throw new Error("Failed to derive shared diffie-hellman secret");
  return Buffer.from(secret);
}

// ---- ECDH --------------------------------------------------------------------------------

const ecdhFormats = ["compressed", "uncompressed", "hybrid"];

function encodeOut(bytes, encoding) {
  const buf = Buffer.from(bytes);
  return encoding === undefined || encoding === null ? buf : buf.toString(encoding);
}

// ecdhPoint re-encodes a point; workerd cannot produce the hybrid form.
function ecdhPoint(curve, point, format) {
  validateOneOf(format, "format", ecdhFormats);
  if (format === "hybrid") throw new Error("Failed to get public key length");
  return call(native.ecdh, "point", curve, point, format === "compressed");
}

export function ECDH(curveName) {
  if (!(this instanceof ECDH)) return new ECDH(curveName);
  validateString(curveName, "curveName");
  if (!getCurves().includes(curveName)) throw new Error("Invalid curve");
  this[kHandle] = { curve: curveName, priv: null, pub: null };
}

ECDH.prototype.generateKeys = function (encoding, format = "uncompressed") {
  const h = this[kHandle];
  const [priv, pub] = unpackBytes(call(native.ecdh, "generate", h.curve));
  h.priv = Uint8Array.prototype.slice.call(priv);
  h.pub = Uint8Array.prototype.slice.call(pub);
  return this.getPublicKey(encoding, format);
};

ECDH.prototype.getPublicKey = function (encoding, format = "uncompressed") {
  const h = this[kHandle];
  if (h.pub === null) throw new Error("Failed to get ECDH public key");
  return encodeOut(ecdhPoint(h.curve, h.pub, format), encoding);
};

ECDH.prototype.getPrivateKey = function (encoding) {
  const h = this[kHandle];
  if (h.priv === null) throw new Error("Failed to get ECDH private key");
  return encodeOut(h.priv, encoding);
};

ECDH.prototype.setPrivateKey = function (key, encoding) {
  const h = this[kHandle];
  const bytes = typeof key === "string" ? Buffer.from(key, encoding) : dataBytes(key, "key");
  const pub = call(native.ecdh, "public", h.curve, bytes);
  const size = pub.length >> 1;
  const priv = new Uint8Array(size);
  priv.set(bytes.subarray(Math.max(0, bytes.length - size)), size - Math.min(size, bytes.length));
  h.priv = priv;
  h.pub = pub;
};

ECDH.prototype.computeSecret = function (otherPublicKey, inputEncoding, outputEncoding) {
  const h = this[kHandle];
  const other = typeof otherPublicKey === "string" ? Buffer.from(otherPublicKey, inputEncoding) : dataBytes(otherPublicKey, "otherPublicKey");
  if (h.priv === null) throw new Error("Failed to get ECDH private key");
  return encodeOut(call(native.ecdh, "secret", h.curve, h.priv, other), outputEncoding);
};

ECDH.convertKey = function (key, curve, inputEncoding, outputEncoding, format = "uncompressed") {
  validateString(curve, "curve");
  if (!getCurves().includes(curve)) throw new Error("Invalid curve");
  const bytes = typeof key === "string" ? Buffer.from(key, inputEncoding) : dataBytes(key, "key");
  return encodeOut(ecdhPoint(curve, bytes, format), outputEncoding);
};

export function createECDH(curveName) {
  return new ECDH(curveName);
}

// ---- what workerd has and this runtime does not (yet) ----------------------------------------

function notImplemented(name) {
  const f = function () {
    throw ERR_METHOD_NOT_IMPLEMENTED(name);
  };
  Object.defineProperty(f, "name", { value: name });
  return f;
}

export const DiffieHellman = notImplemented("DiffieHellman");
export const DiffieHellmanGroup = notImplemented("DiffieHellmanGroup");
export const createDiffieHellman = notImplemented("createDiffieHellman");
export const createDiffieHellmanGroup = notImplemented("createDiffieHellmanGroup");
export const getDiffieHellman = notImplemented("getDiffieHellman");
export const Certificate = notImplemented("Certificate");
export const X509Certificate = notImplemented("X509Certificate");
export const createCipher = notImplemented("createCipher");
export const createDecipher = notImplemented("createDecipher");
export const Cipher = notImplemented("Cipher");
export const Decipher = notImplemented("Decipher");

// ---- lists, FIPS, constants ------------------------------------------------------------------

const cipherNames = [
  "AES-128-CBC", "AES-192-CBC", "AES-256-CBC", "AES-128-CTR", "AES-192-CTR", "AES-256-CTR",
  "AES-128-ECB", "AES-192-ECB", "AES-256-ECB", "AES-128-OFB", "AES-192-OFB", "AES-256-OFB",
  "AES-128-GCM", "AES-192-GCM", "AES-256-GCM", "DES-CBC", "DES-ECB", "DES-EDE", "DES-EDE-CBC",
  "DES-EDE3-CBC", "RC2-CBC", "RC4",
  "aes-128-cbc", "aes-192-cbc", "aes-256-cbc", "aes-128-ctr", "aes-192-ctr", "aes-256-ctr",
  "aes-128-ecb", "aes-192-ecb", "aes-256-ecb", "aes-128-ofb", "aes-192-ofb", "aes-256-ofb",
  "aes-128-gcm", "aes-192-gcm", "aes-256-gcm", "des-cbc", "des-ecb", "des-ede", "des-ede-cbc",
  "des-ede3-cbc", "rc2-cbc", "rc4",
  "aes-128-ccm-matter", "aes-128-ccm-bluetooth-8", "aes-128-ccm-bluetooth", "aes-256-gcm-randnonce",
  "aes-128-gcm-randnonce", "aes-128-gcm-siv", "aes-128-eax", "aes-256-gcm-siv",
  "aes-256-ctr-hmac-sha256", "aes-128-ctr-hmac-sha256", "aes-256-gcm", "xchacha20-poly1305",
  "aes-256-eax", "chacha20-poly1305", "aes-192-gcm", "aes-128-gcm",
];

export function getCiphers() {
  return cipherNames.slice();
}

export function getCurves() {
  return ["secp224r1", "prime256v1", "secp384r1", "secp521r1"];
}

export function getHashes() {
  return ["md4", "md5", "sha1", "sha224", "sha256", "sha384", "sha512", "md5-sha1", "RSA-MD5",
    "RSA-SHA1", "RSA-SHA224", "RSA-SHA256", "RSA-SHA384", "RSA-SHA512", "DSA-SHA", "DSA-SHA1",
    "ecdsa-with-SHA1"];
}

export function secureHeapUsed() {
  return { total: 0, used: 0, utilization: 0, min: 0 };
}

export function setEngine() {
  throw ERR_METHOD_NOT_IMPLEMENTED("setEngine");
}

export function setFips() {
  throw ERR_METHOD_NOT_IMPLEMENTED("setFips");
}

export const fips = true;
export function getFips() {
  return fips;
}

export const constants = Object.create(null);
const constantValues = {
  DH_CHECK_P_NOT_SAFE_PRIME: 2, DH_CHECK_P_NOT_PRIME: 1, DH_UNABLE_TO_CHECK_GENERATOR: 4,
  DH_NOT_SUITABLE_GENERATOR: 8, RSA_PKCS1_PADDING: 1, RSA_NO_PADDING: 3, RSA_PKCS1_OAEP_PADDING: 4,
  RSA_X931_PADDING: 5, RSA_PKCS1_PSS_PADDING: 6, RSA_PSS_SALTLEN_DIGEST: -1, RSA_PSS_SALTLEN_MAX_SIGN: -2,
  RSA_PSS_SALTLEN_AUTO: -2, POINT_CONVERSION_COMPRESSED: 2, POINT_CONVERSION_UNCOMPRESSED: 4,
  POINT_CONVERSION_HYBRID: 6, OPENSSL_VERSION_NUMBER: 0, SSL_OP_ALL: 2147485776,
  SSL_OP_ALLOW_NO_DHE_KEX: 1024, SSL_OP_ALLOW_UNSAFE_LEGACY_RENEGOTIATION: 262144,
  SSL_OP_CIPHER_SERVER_PREFERENCE: 4194304, SSL_OP_CISCO_ANYCONNECT: 32768, SSL_OP_COOKIE_EXCHANGE: 8192,
  SSL_OP_CRYPTOPRO_TLSEXT_BUG: 2147483648, SSL_OP_DONT_INSERT_EMPTY_FRAGMENTS: 2048,
  SSL_OP_LEGACY_SERVER_CONNECT: 4, SSL_OP_NO_COMPRESSION: 131072, SSL_OP_NO_ENCRYPT_THEN_MAC: 524288,
  SSL_OP_NO_QUERY_MTU: 4096, SSL_OP_NO_RENEGOTIATION: 1073741824,
  SSL_OP_NO_SESSION_RESUMPTION_ON_RENEGOTIATION: 65536, SSL_OP_NO_SSLv2: 0, SSL_OP_NO_SSLv3: 33554432,
  SSL_OP_NO_TICKET: 16384, SSL_OP_NO_TLSv1: 67108864, SSL_OP_NO_TLSv1_1: 268435456,
  SSL_OP_NO_TLSv1_2: 134217728, SSL_OP_NO_TLSv1_3: 536870912, SSL_OP_PRIORITIZE_CHACHA: 2097152,
  SSL_OP_TLS_ROLLBACK_BUG: 8388608, ENGINE_METHOD_RSA: 1, ENGINE_METHOD_DSA: 2, ENGINE_METHOD_DH: 4,
  ENGINE_METHOD_RAND: 8, ENGINE_METHOD_EC: 2048, ENGINE_METHOD_CIPHERS: 64, ENGINE_METHOD_DIGESTS: 128,
  ENGINE_METHOD_PKEY_METHS: 512, ENGINE_METHOD_PKEY_ASN1_METHS: 1024, ENGINE_METHOD_ALL: 65535,
  ENGINE_METHOD_NONE: 0, defaultCoreCipherList: "", TLS1_VERSION: 769, TLS1_1_VERSION: 770,
  TLS1_2_VERSION: 771, TLS1_3_VERSION: 772,
};
for (const [k, value] of Object.entries(constantValues)) {
  Object.defineProperty(constants, k, { value, enumerable: true, writable: false, configurable: false });
}
// Not a constant in Node either: writable.
Object.defineProperty(constants, "defaultCipherList", { value: "", enumerable: true, writable: true, configurable: true });

export default {
  constants,
  DiffieHellman, DiffieHellmanGroup, createDiffieHellman, createDiffieHellmanGroup, getDiffieHellman, diffieHellman,
  ECDH, createECDH,
  KeyObject, PublicKeyObject, PrivateKeyObject, SecretKeyObject, generateKey, generateKeyPair,
  generateKeyPairSync, generateKeySync, createPrivateKey, createPublicKey, createSecretKey,
  getRandomValues, pseudoRandomBytes, randomBytes, randomFillSync, randomFill, randomInt, randomUUID,
  generatePrime, generatePrimeSync, checkPrime, checkPrimeSync,
  Hash, Hmac, createHash, createHmac, getHashes, hash,
  hkdf, hkdfSync, pbkdf2, pbkdf2Sync, scrypt, scryptSync,
  getCiphers, getCurves, secureHeapUsed, setEngine, timingSafeEqual,
  getFips, setFips,
  get fips() { return getFips(); },
  set fips(v) { setFips(v); },
  subtle, webcrypto,
  Certificate, X509Certificate,
  createSign, createVerify, sign, verify, Sign, Verify,
  Cipheriv, Decipheriv, createCipheriv, createDecipheriv, publicDecrypt, publicEncrypt,
  privateDecrypt, privateEncrypt, getCipherInfo, CryptoKey,
  createCipher, createDecipher, Cipher, Decipher,
};
