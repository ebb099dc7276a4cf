package isolate

import (
	"testing"
)

// newNodeIsolate is a test isolate running a nodejs_compat worker that puts node:crypto,
// node:stream (and its promises), node:string_decoder and node:buffer on globalThis.N, for
// eval'd snippets to use.
func newNodeIsolate(t *testing.T) *Isolate {
	t.Helper()
	iso, _ := newTestIsolate(t)
	src := `import * as crypto from "node:crypto";
import * as stream from "node:stream";
import * as sp from "node:stream/promises";
import * as web from "node:stream/web";
import { StringDecoder } from "node:string_decoder";
import { Buffer } from "node:buffer";
globalThis.N = { crypto, stream, sp, web, StringDecoder, Buffer };
export default {};`
	errc := make(chan error, 1)
	iso.Loop.Post(func() {
		iso.Load(&Worker{Modules: []Module{{Name: "w.js", Kind: ModuleESM, Source: []byte(src)}},
			CompatFlags: []string{"nodejs_compat"}}, func(err error) { errc <- err })
	})
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	return iso
}

// nodeCheck runs each snippet (an async function body) and compares its JSON result; a thrown
// error reads "throws Name: message".
func nodeCheck(t *testing.T, cases [][2]string) {
	t.Helper()
	iso := newNodeIsolate(t)
	for _, c := range cases {
		if got := iso.eval(t, c[0]); got != c[1] {
			t.Errorf("%s\n got  %s\n want %s", c[0], got, c[1])
		}
	}
}

// errOf formats a caught error as name, code and message, the way the cases below expect.
const errOf = `const E = (f) => { try { f(); return "no error"; } catch (e) { return e.name + "|" + e.code + "|" + e.message; } };`

// Digests and MACs are the RFC and NIST test vectors; error names, codes and messages are those
// of workerd 1.20261117 (node_modules/.bin/workerd) for the same calls.
func TestNodeCryptoHash(t *testing.T) {
	nodeCheck(t, [][2]string{
		{`const { createHash } = N.crypto; return ["md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha512-256", "md4", "md5-sha1", "RSA-SHA256", "SHA1", "DSA-SHA1", "ecdsa-with-SHA1"].map((a) => createHash(a).update("abc").digest("hex"))`,
			`["900150983cd24fb0d6963f7d28e17f72","a9993e364706816aba3e25717850c26c9cd0d89d","23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7","ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad","cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7","ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f","53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23","a448017aaf21d8525fc10ae87aa6729d","900150983cd24fb0d6963f7d28e17f72a9993e364706816aba3e25717850c26c9cd0d89d","ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad","a9993e364706816aba3e25717850c26c9cd0d89d","a9993e364706816aba3e25717850c26c9cd0d89d","a9993e364706816aba3e25717850c26c9cd0d89d"]`},
		// Incremental updates, input encodings, output encodings, Buffer output.
		{`const h = N.crypto.createHash("sha256"); h.update("a"); h.update(new Uint8Array([98])); h.update("63", "hex"); return h.digest("base64")`,
			`"ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="`},
		{`const d = N.crypto.createHash("sha1").update("abc").digest(); return [d instanceof N.Buffer, d.length, N.crypto.createHash("md5").update("").digest("base64url")]`,
			`[true,20,"1B2M2Y8AsgTpgAmY7PhCfg"]`},
		{`return N.crypto.createHash("sha256").update("\u00e9", "latin1").digest("hex") !== N.crypto.createHash("sha256").update("\u00e9").digest("hex")`, `true`},
		// copy() forks the state; a copy of a finished hash, or reuse after digest, fails.
		{`const a = N.crypto.createHash("sha512-256").update("ab"); const b = a.copy().update("c"); return [a.digest("hex") === N.crypto.hash("sha512-256", "ab"), b.digest("hex") === N.crypto.hash("sha512-256", "abc")]`, `[true,true]`},
		{errOf + `const h = N.crypto.createHash("sha256"); h.digest(); return [E(() => h.digest()), E(() => h.update("x")), E(() => h.copy())]`,
			`["Error|ERR_CRYPTO_HASH_FINALIZED|Digest already called","Error|ERR_CRYPTO_HASH_FINALIZED|Digest already called","Error|ERR_CRYPTO_HASH_FINALIZED|Digest already called"]`},
		{errOf + `return [E(() => N.crypto.createHash("sha-256")), E(() => N.crypto.createHash("Sha256")), E(() => N.crypto.createHash("sha3-256")), E(() => N.crypto.createHash())]`,
			`["Error|undefined|Digest method not supported","Error|undefined|Digest method not supported","Error|undefined|Digest method not supported","TypeError|ERR_INVALID_ARG_TYPE|The \"algorithm\" argument must be of type string. Received undefined"]`},
		{errOf + `return [E(() => N.crypto.createHash("sha256").update(1)), E(() => N.crypto.createHash("sha256").update()), E(() => N.crypto.createHash("sha256", { outputLength: 28 })), E(() => N.crypto.createHash("sha256", { outputLength: -1 })), E(() => N.crypto.createHash("sha256", { outputLength: "x" }))]`,
			`["TypeError|ERR_INVALID_ARG_TYPE|The \"data\" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received type number (1)","TypeError|ERR_INVALID_ARG_TYPE|The \"data\" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received undefined","Error|undefined|invalid digest size","RangeError|ERR_OUT_OF_RANGE|The value of \"options.outputLength\" is out of range. It must be >= 0 && < 4294967296. Received -1","TypeError|ERR_INVALID_ARG_TYPE|The \"options.outputLength\" property must be of type number. Received type string ('x')"]`},
		{`return N.crypto.createHash("sha224", { outputLength: 28 }).digest("hex")`, `"d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f"`},
		// One-shot hash(), Hash called without new, the Transform interface.
		{errOf + `return [N.crypto.hash("sha1", "Node.js"), N.crypto.hash("md5", N.Buffer.from("x"), "base64"), N.crypto.Hash("sha1") instanceof N.crypto.Hash, E(() => N.crypto.hash("sha1", 12)), E(() => N.crypto.hash("nope", "x"))]`,
			`["10b3493287f831e81a438811a1ffba01f8cec4b7","ndTkYSaMgDT1yFZOFVxnpg==",true,"TypeError|ERR_INVALID_ARG_TYPE|The \"data\" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received type number (12)","Error|undefined|Digest method not supported"]`},
		{`const h = N.crypto.createHash("sha256"); h.write("a"); h.end("bc"); return [h.read().toString("hex"), h instanceof N.stream.Transform]`,
			`["ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",true]`},
		{`const s = new N.stream.PassThrough(); const h = N.crypto.createHash("sha1"); const p = new Promise((r) => s.pipe(h).setEncoding("hex").on("data", r)); s.end("abc"); return [await p, h.digest("hex")]`,
			`["a9993e364706816aba3e25717850c26c9cd0d89d","a9993e364706816aba3e25717850c26c9cd0d89d"]`},
	})
}

func TestNodeCryptoHmac(t *testing.T) {
	nodeCheck(t, [][2]string{
		// RFC 4231 test case 2 and a key longer than the block size (test case 6).
		{`return [N.crypto.createHmac("sha256", "Jefe").update("what do ya want for nothing?").digest("hex"), N.crypto.createHmac("sha512", N.Buffer.alloc(131, 0xaa)).update("Test Using Larger Than Block-Size Key - Hash Key First").digest("hex")]`,
			`["5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843","80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598"]`},
		{`return [N.crypto.createHmac("md5-sha1", "k").update("x").digest("hex"), N.crypto.createHmac("md4", "k").update("x").digest("hex"), N.crypto.createHmac("sha1", new ArrayBuffer(3)).update("a").update("b").digest("base64")]`,
			`["e05460e72c196a1ae05e0c8fa96749bde515e4805471f3ea4089ae2f86961cbb6446deca","43b15c90d780d51229f788167c7fa7d5","Q7ua0FZxWAtF7ZqW1l8CykvrKBU="]`},
		// A second digest() of an Hmac is empty rather than an error.
		{`const h = N.crypto.createHmac("sha256", "k"); h.digest(); return [h.digest("hex"), h.digest().length]`, `["",0]`},
		{errOf + `return [E(() => N.crypto.createHmac("xyz", "k")), E(() => N.crypto.createHmac("sha1", 5)), E(() => N.crypto.createHmac(1, "k"))]`,
			`["Error|undefined|Digest method not supported","TypeError|ERR_INVALID_ARG_TYPE|The \"key\" argument must be of type string or an instance of ArrayBuffer, Buffer, ArrayBufferView, KeyObject, or CryptoKey. Received type number (5)","TypeError|ERR_INVALID_ARG_TYPE|The \"hmac\" argument must be of type string. Received type number (1)"]`},
		{`const k = N.crypto.createSecretKey("key"); return [k.type, k.symmetricKeySize, N.crypto.createHmac("sha1", k).update("m").digest("hex") === N.crypto.createHmac("sha1", "key").update("m").digest("hex"), k.export().toString(), k.export({ format: "jwk" })]`,
			`["secret",3,true,"key",{"kty":"oct","ext":true,"k":"a2V5"}]`},
	})
}

func TestNodeCryptoRandom(t *testing.T) {
	nodeCheck(t, [][2]string{
		{`const b = N.crypto.randomBytes(16); return [b instanceof N.Buffer, b.length, N.crypto.randomBytes(0).length]`, `[true,16,0]`},
		{`return await new Promise((r) => N.crypto.randomBytes(8, (e, b) => r([e, b.length])))`, `[null,8]`},
		{`const b = N.Buffer.alloc(10); N.crypto.randomFillSync(b, 4, 2); return [b.subarray(0, 4).every((x) => x === 0), b.subarray(6).every((x) => x === 0)]`, `[true,true]`},
		{`const ab = new ArrayBuffer(16); const r = N.crypto.randomFillSync(ab); const u = new Uint16Array(4); const s = N.crypto.randomFillSync(u, 1, 2); return [r === ab, r instanceof N.Buffer, r.length, s === u, s.length, s.byteOffset]`, `[false,true,16,false,2,2]`},
		{errOf + `return [E(() => N.crypto.randomBytes(70000)), E(() => N.crypto.randomFillSync(new Float32Array(2)))]`,
			`["QuotaExceededError|22|getRandomValues() only accepts buffers of size <= 64K but provided 70000 bytes.","TypeMismatchError|17|ArrayBufferView argument to getRandomValues() must be an integer-typed view."]`},
		{`const u = new Uint16Array(4); return await new Promise((r) => N.crypto.randomFill(u, 2, (e, b) => r([e, b === u, u[0] === 0 && u[1] === 0 || true])))`, `[null,true,true]`},
		{`const seen = new Set(); for (let i = 0; i < 2000; i++) seen.add(N.crypto.randomInt(3, 7)); return [...seen].sort()`, `[3,4,5,6]`},
		{`return [N.crypto.randomInt(1), await new Promise((r) => N.crypto.randomInt(10, 11, (e, n) => r(n)))]`, `[0,10]`},
		{`return [/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(N.crypto.randomUUID()), N.crypto.getRandomValues(new Uint8Array(4)).length, N.crypto.webcrypto === crypto, N.crypto.subtle === crypto.subtle]`, `[true,4,true,true]`},
		{errOf + `return [E(() => N.crypto.randomBytes(-1)), E(() => N.crypto.randomBytes("1")), E(() => N.crypto.randomInt(5, 5)), E(() => N.crypto.randomInt(1.5)), E(() => N.crypto.randomFillSync("x")), E(() => N.crypto.randomFillSync(new Uint8Array(4), 1, 4)), E(() => N.crypto.randomInt(0, 2 ** 49))]`,
			`["RangeError|ERR_OUT_OF_RANGE|The value of \"size\" is out of range. It must be >= 0 && <= 2147483647. Received -1","TypeError|ERR_INVALID_ARG_TYPE|The \"size\" argument must be of type number. Received type string ('1')","RangeError|ERR_OUT_OF_RANGE|The value of \"min\" is out of range. It must be min < max. Received 5","RangeError|ERR_OUT_OF_RANGE|The value of \"max\" is out of range. It must be an integer. Received 1.5","TypeError|ERR_INVALID_ARG_TYPE|The \"buffer\" argument must be an instance of TypedArray, DataView, ArrayBuffer, or SharedArrayBuffer. Received type string ('x')","RangeError|ERR_OUT_OF_RANGE|The value of \"size\" is out of range. It must be >= 0 && <= 3. Received 4","RangeError|ERR_OUT_OF_RANGE|The value of \"max\" is out of range. It must be <= 281474976710655. Received 562_949_953_421_312"]`},
		{errOf + `return [E(() => N.crypto.timingSafeEqual(new Uint8Array(1), new Uint8Array(2))), N.crypto.timingSafeEqual(N.Buffer.from("ab"), N.Buffer.from("ab")), N.crypto.timingSafeEqual(N.Buffer.from("ab"), N.Buffer.from("ac"))]`,
			`["TypeError|undefined|Input buffers must have the same byte length.",true,false]`},
		// Primes: OpenSSL's generator sets the top two bits, so 3 bits can only give 7.
		{errOf + `return [String(N.crypto.generatePrimeSync(3, { bigint: true })), N.crypto.checkPrimeSync(7n), N.crypto.checkPrimeSync(N.Buffer.from([4])), N.crypto.generatePrimeSync(16) instanceof ArrayBuffer, N.crypto.checkPrimeSync(N.crypto.generatePrimeSync(64, { safe: true, bigint: true }) >> 1n), E(() => N.crypto.generatePrimeSync(8193)), E(() => N.crypto.generatePrimeSync(8, { add: 12n })), E(() => N.crypto.checkPrimeSync(2n, { checks: -1 }))]`,
			`["7",true,false,true,true,"RangeError|undefined|generatePrime size exceeds maximum (8192 bits)","RangeError|undefined|Invalid values for add and rem","RangeError|ERR_OUT_OF_RANGE|The value of \"options.checks\" is out of range. It must be >= 0 && <= 2147483647. Received -1"]`},
		{`const p = N.crypto.generatePrimeSync(32, { add: 12n, rem: 11n, bigint: true }); return [p % 12n === 11n, N.crypto.checkPrimeSync(p), await new Promise((r) => N.crypto.checkPrime(13n, (e, v) => r(v)))]`, `[true,true,true]`},
	})
}

func TestNodeCryptoKdf(t *testing.T) {
	nodeCheck(t, [][2]string{
		// RFC 6070 PBKDF2-HMAC-SHA1 vectors, and RFC 5869 HKDF test case 1.
		{`return [N.crypto.pbkdf2Sync("password", "salt", 2, 20, "sha1").toString("hex"), N.crypto.pbkdf2Sync("passwordPASSWORDpassword", "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096, 25, "sha1").toString("hex"), N.crypto.pbkdf2Sync("pw", "salt", 2, 20, "sha512-256").toString("hex"), N.crypto.pbkdf2Sync("a", "b", 1, 0, "sha1").length]`,
			`["ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957","3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038","2d2d8488131b32c4484e497fcc8303a6480812fb",0]`},
		{`return await new Promise((r) => N.crypto.pbkdf2("password", "salt", 1, 20, "sha1", (e, k) => r([e, k.toString("hex")])))`, `[null,"0c60c80f961f0e71f3a9b524af6012062fe037a6"]`},
		{`const k = N.crypto.hkdfSync("sha256", N.Buffer.from("0b".repeat(22), "hex"), N.Buffer.from("000102030405060708090a0b0c", "hex"), N.Buffer.from("f0f1f2f3f4f5f6f7f8f9", "hex"), 42); return [k instanceof ArrayBuffer, N.Buffer.from(k).toString("hex")]`,
			`[true,"3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"]`},
		{`return N.Buffer.from(await new Promise((r) => N.crypto.hkdf("sha256", "key", "salt", "info", 16, (e, k) => r(k)))).toString("hex")`, `"9ca0d662557439e3b83365f2da4626d3"`},
		// RFC 7914 scrypt vectors (the cheap ones), and option aliases.
		{`return [N.crypto.scryptSync("", "", 64, { N: 16, r: 1, p: 1 }).toString("hex"), N.crypto.scryptSync("password", "NaCl", 64, { cost: 1024, blockSize: 8, parallelization: 16 }).toString("hex").slice(0, 32)]`,
			`["77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906","fdbabe1c9d3472007856e7190d01e9fe"]`},
		{`return await new Promise((r) => N.crypto.scrypt("pass", "salt", 4, { N: 3 }, (e) => r([e.name, e.message])))`, `["Error","Scrypt failed"]`},
		{errOf + `return [E(() => N.crypto.pbkdf2Sync("a", "b", 1, 10, "xyz")), E(() => N.crypto.pbkdf2Sync("a", "b", 1, 100000, "sha1")), E(() => N.crypto.pbkdf2Sync("a", "b", 0, 10, "sha1")), E(() => N.crypto.pbkdf2Sync(1, "b", 1, 10, "sha1")), E(() => N.crypto.pbkdf2("a", "b", 1, 10, "sha1"))]`,
			`["TypeError|undefined|Invalid Pbkdf2 digest: xyz.","RangeError|undefined|Pbkdf2 failed: derived key length exceeds maximum for this hash","RangeError|ERR_OUT_OF_RANGE|The value of \"iterations\" is out of range. It must be >= 1 && <= 2147483647. Received 0","TypeError|ERR_INVALID_ARG_TYPE|The \"password\" argument must be of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView. Received type number (1)","TypeError|ERR_INVALID_ARG_TYPE|The \"callback\" argument must be of type function. Received undefined"]`},
		{errOf + `return [E(() => N.crypto.hkdfSync("xyz", "a", "b", "c", 10)), E(() => N.crypto.hkdfSync("sha1", "a", "b", "c", 100000)), E(() => N.crypto.hkdfSync("sha1", "a", "b", N.Buffer.alloc(1025), 10)), E(() => N.crypto.scryptSync("a", "b", 10, { N: 2 ** 20 })), E(() => N.crypto.scryptSync("a", "b", 10, { N: 16, cost: 16 })), E(() => N.crypto.scryptSync("a", "b", 8, { N: 2 ** 14, r: 8, p: 16, maxmem: 2 ** 30 }))]`,
			`["TypeError|undefined|Invalid Hkdf digest: xyz","RangeError|undefined|Invalid Hkdf key length","RangeError|ERR_OUT_OF_RANGE|The value of \"info\" is out of range. It must be must not contain more than 1024 bytes. Received 1025","RangeError|undefined|Scrypt failed: cost exceeds maximum (1048576).","TypeError|ERR_INVALID_ARG_VALUE|The argument 'cost' is invalid. Received 16","RangeError|undefined|Scrypt failed: cost exceeds maximum (1048576)."]`},
		// The natives keep their own bounds: user code can reach them through the internals object.
		{`const n = globalThis[Symbol.for("nanod.internals")].nodeCrypto; return [n.scrypt(new Uint8Array(1), new Uint8Array(1), 2 ** 30, 8, 1, 8), n.pbkdf2("sha1", new Uint8Array(1), new Uint8Array(1), 1, 2 ** 30), n.prime(1e6, false), n.checkPrime(new Uint8Array(2000), 1), n.hash(1, "sha1", new Uint8Array(3), new Uint8Array(1)), n.hmac(2, "sha1", new Uint8Array(2)), n.hash(0, "nope")]`,
			`["RangeError\u0000Scrypt failed","RangeError\u0000Pbkdf2 failed: invalid parameters","RangeError\u0000generatePrime size exceeds maximum (8192 bits)","RangeError\u0000Invalid checkPrime parameters","Error\u0000Hash context has already been finalized.","Error\u0000Hash context has already been finalized.","Error\u0000Digest method not supported"]`},
	})
}

// AES vectors: NIST SP 800-38A F.2.1 (CBC), F.5.1 (CTR), F.4.1 (OFB), F.1.1 (ECB), and the
// GCM spec's test case 4 (with AAD) and 6 (a 60-byte IV); behaviour around them as workerd's.
func TestNodeCryptoCipher(t *testing.T) {
	nodeCheck(t, [][2]string{
		{`const k = N.Buffer.from("2b7e151628aed2a6abf7158809cf4f3c", "hex"); const iv = N.Buffer.from("000102030405060708090a0b0c0d0e0f", "hex"); const pt = N.Buffer.from("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51", "hex"); const run = (alg, iv) => { const c = N.crypto.createCipheriv(alg, k, iv); c.setAutoPadding(false); return N.Buffer.concat([c.update(pt.subarray(0, 5)), c.update(pt.subarray(5)), c.final()]).toString("hex"); }; return [run("aes-128-cbc", iv), run("aes-128-ecb", N.Buffer.alloc(0)), run("aes-128-ofb", iv), run("aes-128-ctr", N.Buffer.from("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff", "hex"))]`,
			`["7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2","3ad77bb40d7a3660a89ecaf32466ef97f5d3d58503b9699de785895a96fdbaaf","3b3fd92eb72dad20333449f8e83cfb4a7789508d16918f03f53c52dac54ed825","874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff"]`},
		{`const k = N.Buffer.from("feffe9928665731c6d6a8f9467308308", "hex"); const pt = N.Buffer.from("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39", "hex"); const aad = N.Buffer.from("feedfacedeadbeeffeedfacedeadbeefabaddad2", "hex"); const out = []; for (const iv of ["cafebabefacedbaddecaf888", "9313225df88406e555909c5aff5269aa6a7a9538534f7da1e4c303d2a318a728c3c0c95156809539fcf0e2429a6b525416aedbf5a0de6a57a637b39b"]) { const c = N.crypto.createCipheriv("aes-128-gcm", k, N.Buffer.from(iv, "hex")); c.setAAD(aad); const ct = N.Buffer.concat([c.update(pt), c.final()]); out.push(ct.toString("hex").slice(0, 32), c.getAuthTag().toString("hex")); const d = N.crypto.createDecipheriv("aes-128-gcm", k, N.Buffer.from(iv, "hex")); d.setAAD(aad); d.setAuthTag(c.getAuthTag()); out.push(N.Buffer.concat([d.update(ct), d.final()]).equals(pt)); } return out`,
			`["42831ec2217774244b7221b784d0d49c","5bc94fbc3221a5db94fae95ae7121a47",true,"8ce24998625615b603a033aca13fb894","619cc5aefffe0bfa462af43c1699d050",true]`},
		{`const k = N.Buffer.alloc(32, 1); const iv = N.Buffer.alloc(16, 2); const c = N.crypto.createCipheriv("aes-256-cbc", k, iv); const ct = c.update("some text", "utf8", "hex") + c.final("hex"); const d = N.crypto.createDecipheriv("AES-256-CBC", k, iv); return d.update(ct, "hex", "utf8") + d.final("utf8")`, `"some text"`},
		{errOf + `const k = N.Buffer.alloc(16); const iv = N.Buffer.alloc(16); const bad = N.crypto.createDecipheriv("aes-128-cbc", k, iv); bad.update(N.Buffer.alloc(16)); const g = N.crypto.createDecipheriv("aes-128-gcm", k, N.Buffer.alloc(12)); g.setAuthTag(N.Buffer.alloc(16)); g.update(N.Buffer.from("x")); return [E(() => bad.final()), E(() => g.final()), E(() => N.crypto.createCipheriv("aes-128-cbc", k, N.Buffer.alloc(8))), E(() => N.crypto.createCipheriv("aes-128-cbc", N.Buffer.alloc(5), iv)), E(() => N.crypto.createCipheriv("nope", k, iv)), E(() => N.crypto.createCipheriv("aes-128-cbc", k, iv).update("x")), E(() => N.crypto.createCipheriv("aes-128-cbc", k, iv).setAAD(N.Buffer.alloc(1))), E(() => N.crypto.createCipheriv("des-cbc", k, iv))]`,
			`["Error|undefined|Authentication failed","Error|undefined|Authentication failed","Error|undefined|Invalid initialization vector","Error|undefined|Invalid key length","Error|undefined|Unknown or unsupported cipher: nope","TypeError|ERR_INVALID_ARG_VALUE|The argument 'inputEncoding' If inputEncoding is not provided then the data must be a Buffer. Received undefined","Error|undefined|Cipher does not support authenticated mode","Error|ERR_METHOD_NOT_IMPLEMENTED|The des-cbc cipher method is not implemented"]`},
		{errOf + `return [N.crypto.getCipherInfo("AES-256-GCM"), N.crypto.getCipherInfo(419), N.crypto.getCipherInfo("aes-128-gcm", { ivLength: 8 }).ivLength, N.crypto.getCipherInfo("aes-128-cbc", { ivLength: 8 }) ?? "none", N.crypto.getCipherInfo("nope") ?? "none", E(() => N.crypto.getCipherInfo({})), E(() => N.crypto.getCipherInfo("x", 5))]`,
			`[{"name":"id-aes256-GCM","nid":901,"blockSize":1,"ivLength":12,"keyLength":32,"mode":"gcm"},{"name":"AES-128-CBC","nid":419,"blockSize":16,"ivLength":16,"keyLength":16,"mode":"cbc"},8,"none","none","TypeError|ERR_INVALID_ARG_TYPE|The \"nameOrId\" argument must be one of type string or number. Received an instance of Object","TypeError|ERR_INVALID_ARG_TYPE|The \"options\" argument must be of type object. Received type number (5)"]`},
		// RFC 8439 2.8.2.
		{errOf + `const k = N.Buffer.from("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f", "hex"); const iv = N.Buffer.from("070000004041424344454647", "hex"); const aad = N.Buffer.from("50515253c0c1c2c3c4c5c6c7", "hex"); const pt = N.Buffer.from("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it."); const c = N.crypto.createCipheriv("chacha20-poly1305", k, iv); c.setAAD(aad); const ct = N.Buffer.concat([c.update(pt), c.final()]); const tag = c.getAuthTag(); const d = N.crypto.createDecipheriv("chacha20-poly1305", k, iv); d.setAAD(aad); d.setAuthTag(tag); const back = N.Buffer.concat([d.update(ct), d.final()]).equals(pt); const bad = N.crypto.createDecipheriv("chacha20-poly1305", k, iv); bad.setAuthTag(N.Buffer.alloc(16)); return [ct.toString("hex").slice(0, 32), tag.toString("hex"), back, E(() => bad.update(ct)), E(() => N.crypto.createCipheriv("chacha20-poly1305", k, iv.subarray(0, 8)))]`,
			`["d31a8d34648e60db7b86afbc53ef7ec2","1ae10b594f09e26a7e902ecbd0600691",true,"OperationError|0|Decryption failed: Incorrect key/IV or corrupted ciphertext/authentication tag provided.","Error|undefined|Invalid initialization vector"]`},
		{`const c = N.crypto.createCipheriv("aes-128-ctr", N.Buffer.alloc(16), N.Buffer.alloc(16)); c.end("abc"); return (await c.toArray()).map((b) => b.toString("hex"))`, `["078b28"]`},
	})
}

// Keys from DER and PEM, RFC 8032's first Ed25519 vector, and ECDSA in both signature encodings.
func TestNodeCryptoSignVerify(t *testing.T) {
	nodeCheck(t, [][2]string{
		{`const priv = N.crypto.createPrivateKey({ key: N.Buffer.from("302e020100300506032b657004220420" + "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", "hex"), format: "der", type: "pkcs8" }); const pub = N.crypto.createPublicKey(priv); const sig = N.crypto.sign(null, new Uint8Array(0), priv); return [priv.type, priv.asymmetricKeyType, pub.type, pub.export({ type: "spki", format: "der" }).toString("hex"), sig.toString("hex"), N.crypto.verify(null, new Uint8Array(0), pub, sig), N.crypto.verify(null, new Uint8Array(1), pub, sig), pub.export({ format: "jwk" })]`,
			`["private","ed25519","public","302a300506032b6570032100d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a","e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",true,false,{"crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kty":"OKP"}]`},
		{`const k = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-384" }, true, ["sign", "verify"]); const der = N.Buffer.from(await crypto.subtle.exportKey("pkcs8", k.privateKey)); const priv = N.crypto.createPrivateKey({ key: der, format: "der", type: "pkcs8" }); const pem = priv.export({ type: "pkcs8", format: "pem" }); const pub = N.crypto.createPublicKey(pem); const s = N.crypto.createSign("SHA384"); s.update("m"); const sig = s.sign(pem); const raw = N.crypto.sign("sha384", N.Buffer.from("m"), { key: pem, dsaEncoding: "ieee-p1363" }); const v = N.crypto.createVerify("sha384"); v.write("m"); v.end(); return [priv.asymmetricKeyDetails, sig[0], v.verify(pub, sig), raw.length, await crypto.subtle.verify({ name: "ECDSA", hash: "SHA-384" }, k.publicKey, raw, N.Buffer.from("m")), pem.startsWith("-----BEGIN PRIVATE KEY-----\n")]`,
			`[{"namedCurve":"secp384r1"},48,true,96,true,true]`},
		{errOf + `const { publicKey, privateKey } = N.crypto.generateKeyPairSync("rsa", { modulusLength: 1024, publicExponent: 3 }); const sig = N.crypto.sign("sha256", N.Buffer.from("m"), privateKey); const k = N.crypto.generateKeySync("aes", { length: 192 }); return [privateKey.asymmetricKeyDetails.modulusLength, privateKey.asymmetricKeyDetails.publicExponent === 3n, N.crypto.verify("sha256", N.Buffer.from("m"), publicKey, sig), k.symmetricKeySize, N.crypto.generateKeyPairSync("ec", { namedCurve: "P-521" }).publicKey.asymmetricKeyDetails, E(() => N.crypto.generateKeyPairSync("ec", { namedCurve: "brainpoolP256r1" })), E(() => N.crypto.generateKeySync("hmac", { length: 7 }))]`,
			`[1024,true,true,24,{"namedCurve":"secp521r1"},"Error|undefined|Invalid or unsupported curve","RangeError|ERR_OUT_OF_RANGE|The value of \"options.length\" is out of range. It must be >= 8 && <= 65536. Received 7"]`},
		{errOf + `const { publicKey, privateKey } = N.crypto.generateKeyPairSync("rsa", { modulusLength: 1024 }); const m = N.Buffer.from("msg"); const oaep = N.crypto.publicEncrypt({ key: publicKey.export({ type: "spki", format: "pem" }), padding: 4, oaepLabel: "L" }, m); return [N.crypto.privateDecrypt(privateKey, N.crypto.publicEncrypt(publicKey, m)).toString(), N.crypto.privateDecrypt({ key: privateKey.export({ type: "pkcs8", format: "pem" }), padding: 4, oaepLabel: "L" }, oaep).toString(), N.crypto.publicDecrypt(publicKey, N.crypto.privateEncrypt(privateKey, m)).toString(), E(() => N.crypto.publicEncrypt({ key: publicKey.export({ type: "spki", format: "pem" }), oaepLabel: "x" }, m)), E(() => N.crypto.publicEncrypt()), E(() => N.crypto.privateDecrypt(privateKey, N.Buffer.alloc(128)))]`,
			`["msg","msg","msg","Error|undefined|Failed to set the OAEP label","TypeError|ERR_MISSING_ARGS|The \"key\" argument must be specified","Error|undefined|Failed to cipher/decipher"]`},
		{errOf + `return [E(() => N.crypto.createPrivateKey("nope")), E(() => N.crypto.createPublicKey({ key: N.Buffer.from("x"), format: "der", type: "spki" })), E(() => N.crypto.createSign("md2")), E(() => N.crypto.sign("sha256", "str", "x")), E(() => N.crypto.createPrivateKey(5)), E(() => N.crypto.createPrivateKey({ key: 1 })), E(() => N.crypto.createPublicKey(N.crypto.createSecretKey(N.Buffer.alloc(4)))), E(() => N.crypto.generateKeyPairSync("rsa", { modulusLength: 16385 })), N.crypto.generateKeyPairSync("rsa", { modulusLength: 1025 }).publicKey.asymmetricKeyDetails.modulusLength]`,
			`["Error|undefined|Failed to parse private key","Error|undefined|Failed to parse public key","Error|undefined|Unknown digest: md2","TypeError|ERR_INVALID_ARG_TYPE|The \"data\" argument must be an instance of Buffer, TypedArray, or DataView. Received type string ('str')","TypeError|ERR_INVALID_ARG_TYPE|The \"options.key\" property must be of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, or Object. Received undefined","TypeError|ERR_INVALID_ARG_TYPE|The \"key\" argument must be of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, or Object. Received an instance of Object","TypeError|ERR_INVALID_ARG_TYPE|The \"key\" argument must be an instance of PrivateKeyObject. Received an instance of SecretKeyObject","RangeError|undefined|RSA modulusLength exceeds maximum (16384)",1024]`},
		{`const { publicKey, privateKey } = await (await import("node:util")).promisify(N.crypto.generateKeyPair)("ed25519", {}); return [publicKey.asymmetricKeyType, privateKey.type]`, `["ed25519","private"]`},
	})
}

// ECDH against the P-256 point of private key 1 (the generator) and a round trip.
func TestNodeCryptoECDH(t *testing.T) {
	nodeCheck(t, [][2]string{
		{errOf + `const e = N.crypto.createECDH("prime256v1"); e.setPrivateKey(N.Buffer.from("01", "hex")); const a = N.crypto.createECDH("secp521r1"), b = N.crypto.createECDH("secp521r1"); a.generateKeys(); b.generateKeys(); return [e.getPublicKey("hex", "compressed"), e.getPrivateKey().length, a.computeSecret(b.getPublicKey()).equals(b.computeSecret(a.getPublicKey("base64"), "base64")), N.crypto.ECDH.convertKey(e.getPublicKey(), "prime256v1", undefined, "hex", "compressed"), E(() => e.getPublicKey("hex", "hybrid")), E(() => e.computeSecret(N.Buffer.from("zz"))), E(() => N.crypto.createECDH("P-256"))]`,
			`["036b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296",32,true,"036b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296","Error|undefined|Failed to get public key length","Error|undefined|Failed to set point","Error|undefined|Invalid curve"]`},
	})
}

func TestNodeCryptoLists(t *testing.T) {
	nodeCheck(t, [][2]string{
		{`return [N.crypto.getHashes().length, N.crypto.getHashes().includes("RSA-SHA256"), N.crypto.getCurves(), N.crypto.getCiphers().includes("aes-256-gcm"), N.crypto.getFips(), N.crypto.constants.RSA_PKCS1_PSS_PADDING, Object.isFrozen(N.crypto.constants)]`,
			`[17,true,["secp224r1","prime256v1","secp384r1","secp521r1"],true,true,6,false]`},
		{errOf + `return [typeof N.crypto.X509Certificate, E(() => new N.crypto.X509Certificate("x")), E(() => N.crypto.setFips(false))]`,
			`["function","Error|ERR_METHOD_NOT_IMPLEMENTED|The X509Certificate method is not implemented","Error|ERR_METHOD_NOT_IMPLEMENTED|The setFips method is not implemented"]`},
	})
}

// Without nodejs_compat, node:crypto does not exist, and node-internal: helpers never do.
func TestNodeCryptoNeedsFlag(t *testing.T) {
	iso, _ := newTestIsolate(t)
	src := `globalThis.R = []; for (const m of ["node:crypto", "node:stream", "node:string_decoder"]) { try { await import(m); R.push("loaded"); } catch (e) { R.push(e.message); } }
export default {};`
	errc := make(chan error, 1)
	iso.Loop.Post(func() {
		iso.Load(&Worker{Modules: []Module{{Name: "w.js", Kind: ModuleESM, Source: []byte(src)}}}, func(err error) { errc <- err })
	})
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	want := `["No such module \"node:crypto\".","No such module \"node:stream\".","No such module \"node:string_decoder\"."]`
	if got := iso.eval(t, "return R"); got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
	node := newNodeIsolate(t)
	if got := node.eval(t, `try { await import("node-internal:errors"); return "loaded"; } catch (e) { return e.message; }`); got != `"No such module \"node-internal:errors\"."` {
		t.Errorf("node-internal:errors from user code: %s", got)
	}
}
