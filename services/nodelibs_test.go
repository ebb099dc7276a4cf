package services_test

import (
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"sort"
	"testing"

	"github.com/nanod-runtime/nanod/config"
	"github.com/nanod-runtime/nanod/internal/oracle"
)

// nodeLibsCases exercise node:crypto, node:stream (with stream/promises and stream/web) and
// node:string_decoder under nodejs_compat: results, event orders, error classes, codes and
// messages, one JSON key per case, nothing random. Each want is what workerd 1.20261117
// answered for the same worker.
var nodeLibsCases = []struct{ name, worker, want string }{
	{
		name: "crypto_stream_decoder",
		worker: `import crypto, { createHash, createHmac, hash, randomBytes, randomInt, randomFillSync, pbkdf2Sync, hkdfSync, scryptSync, timingSafeEqual, generatePrimeSync, checkPrimeSync, createSecretKey, getHashes } from "node:crypto";
import { Readable, Writable, Duplex, Transform, PassThrough, pipeline, finished, addAbortSignal } from "node:stream";
import streamDefault from "stream";
import { pipeline as pipelineP, finished as finishedP } from "node:stream/promises";
import { ReadableStream as WebRS } from "node:stream/web";
import { StringDecoder } from "node:string_decoder";
import { Buffer } from "node:buffer";
const tick = () => new Promise((r) => setTimeout(r, 2));
export default { async fetch() {
  const r = {};
  const E = (e) => "ERR " + e.name + " " + (e.code || "") + " " + e.message;
  const t = async (k, f) => { try { r[k] = await f(); } catch (e) { r[k] = E(e); } };
  // crypto
  await t("h1", () => ["md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha512-256", "md4", "md5-sha1", "RSA-SHA1", "SHA512"].map((a) => createHash(a).update("nanod").digest("hex")));
  await t("h2", () => { const h = createHash("sha256").update("a"); const c = h.copy(); c.update("b"); return [h.digest("base64url"), c.digest("latin1").length, createHash("sha1").update("ff00", "hex").digest("hex")]; });
  await t("h3", () => { const h = createHash("sha1"); h.digest(); return h.update("x"); });
  await t("h4", () => createHash("SHA-1"));
  await t("h5", () => createHash("sha1").update({}));
  await t("h6", () => createHash("sha1", { outputLength: 10 }));
  await t("h7", () => createHash("sha1", { outputLength: 1.5 }));
  await t("h8", () => createHash(Symbol("x")));
  await t("h9", () => [hash("md5", "x"), hash("sha256", Buffer.from("x"), "base64"), hash("sha1", "x", "buffer").length]);
  await t("h10", () => hash("sha1", "x", 5));
  await t("h11", () => createHash("sha1").digest("utf16le").length);
  await t("h12", () => createHash("sha1").digest("nope"));
  await t("m1", () => [createHmac("sha256", "key").update("msg").digest("hex"), createHmac("sha512", Buffer.alloc(200, 1)).update("x").digest("base64"), createHmac("sha1", "").digest("hex")]);
  await t("m2", () => createHmac("sha256", {}));
  await t("m3", () => createHmac("sha256", "k", { encoding: 5 }));
  await t("m4", () => createHmac("sha256", "6b6579", { encoding: "hex" }).update("msg").digest("hex") === createHmac("sha256", "key").update("msg").digest("hex"));
  await t("k1", () => [pbkdf2Sync("p", "s", 3, 33, "sha256").toString("hex"), pbkdf2Sync(Buffer.from("p"), new Uint8Array([1, 2]), 1, 10, "md5").toString("hex")]);
  await t("k2", () => pbkdf2Sync("p", "s", 1, -1, "sha1"));
  await t("k3", () => pbkdf2Sync("p", "s", 1.5, 1, "sha1"));
  await t("k4", () => pbkdf2Sync("p", "s", 1, 1, 5));
  await t("k5", () => Buffer.from(hkdfSync("sha512", "ikm", "", "", 64)).toString("hex"));
  await t("k6", () => hkdfSync("sha256", 5, "s", "i", 10));
  await t("k7", () => hkdfSync("sha256", "k", "s", "i", -1));
  await t("k8", () => scryptSync("pw", "salt", 16, { N: 1024, r: 1, p: 1 }).toString("hex"));
  await t("k9", () => scryptSync("pw", "salt", 16, { N: 1024, r: 8, p: 1, maxmem: 1024 }));
  await t("k10", () => scryptSync("pw", "salt", 16, { N: -1 }));
  await t("k11", () => scryptSync("pw", "salt", 16, { r: 1, blockSize: 1 }));
  await t("k12", () => hkdfSync("sha256", "k", "s", Buffer.alloc(1025), 10));
  await t("r1", () => [randomBytes(5).length, typeof randomInt(10), randomFillSync(new Uint32Array(2)).length]);
  await t("r2", () => randomBytes(2 ** 31));
  await t("r3", () => randomInt(2 ** 53));
  await t("r4", () => randomInt(1, "2"));
  await t("r5", () => randomFillSync(new Uint8Array(4), 5));
  await t("r6", () => crypto.randomUUID({ disableEntropyCache: 1 }));
  await t("r7", () => crypto.randomFill(new Uint8Array(1), 0, 1));
  await t("t1", () => [timingSafeEqual(Buffer.from("a"), Buffer.from("a")), timingSafeEqual(new Uint16Array(1), new Uint8Array(2))]);
  await t("p1", () => [String(generatePrimeSync(3, { bigint: true })), checkPrimeSync(97n), checkPrimeSync(Buffer.from([0x09])), generatePrimeSync(2, { bigint: true }) <= 3n]);
  await t("p2", () => generatePrimeSync(0));
  await t("p3", () => generatePrimeSync(8, { rem: 1n }) instanceof ArrayBuffer);
  await t("p4", () => checkPrimeSync(-1n));
  await t("p5", () => checkPrimeSync(7n, { checks: 65 }));
  await t("p6", () => generatePrimeSync(10, { add: 60n, rem: 59n }));
  await t("s1", () => { const k = createSecretKey(Buffer.from("abc")); return [k.type, k.symmetricKeySize, k.export().toString(), k.equals(createSecretKey("abc")), k.equals(createSecretKey("abd"))]; });
  await t("c1", () => [getHashes().length, crypto.getCiphers().length, crypto.constants.RSA_PKCS1_PADDING, crypto.fips, typeof crypto.webcrypto.subtle.digest, crypto.default.createHash === createHash]);
  // streams
  await t("st1", async () => { const ev = []; const r = new Readable({ read() {} }); r.on("data", (c) => ev.push("data:" + c)); r.on("end", () => ev.push("end")); r.on("close", () => ev.push("close")); r.on("pause", () => ev.push("pause")); r.on("resume", () => ev.push("resume")); r.push("a"); r.push(null); await tick(); return ev; });
  await t("st2", async () => { const ev = []; const w = new Writable({ highWaterMark: 2, write(c, e, cb) { ev.push("w:" + c); setTimeout(cb, 1); } }); w.on("drain", () => ev.push("drain")); w.on("finish", () => ev.push("finish")); w.on("close", () => ev.push("close")); ev.push(w.write("ab")); ev.push(w.write("c")); w.end("d", () => ev.push("endcb")); await tick(); await tick(); await tick(); return ev; });
  await t("st3", async () => { const ev = []; const w = new Writable({ write(c, e, cb) { cb(); }, final(cb) { ev.push("final"); cb(); } }); w.on("prefinish", () => ev.push("prefinish")); w.on("finish", () => ev.push("finish")); w.on("close", () => ev.push("close")); w.end("x", () => ev.push("endcb")); await tick(); return ev; });
  await t("st4", async () => { const ev = []; const r = new Readable({ read() {} }); r.on("error", (e) => ev.push("error:" + E(e))); r.on("close", () => ev.push("close")); r.destroy(new Error("x")); ev.push("sync"); r.destroy(new Error("y")); await tick(); return [ev, r.destroyed, r.errored?.message]; });
  await t("st5", async () => { const ev = []; const r = new Readable({ read() {} }); r.on("error", (e) => ev.push(E(e))); r.push(null); r.push("late"); await tick(); return ev; });
  await t("st6", async () => { const ev = []; const w = new Writable({ write(c, e, cb) { cb(); } }); w.on("error", (e) => ev.push(E(e))); w.end(); w.write("x", (e) => ev.push("cb:" + E(e))); await tick(); return ev; });
  await t("st7", () => { const w = new Writable({ write(c, e, cb) { cb(); } }); const out = []; for (const v of [null, 1, {}, undefined]) { try { w.write(v); out.push("ok"); } catch (e) { out.push(E(e)); } } return out; });
  await t("st8", async () => { const out = []; await pipelineP(Readable.from(["a", "b"]), new Transform({ transform(c, e, cb) { cb(null, c.toString().toUpperCase()); } }), new Writable({ write(c, e, cb) { out.push(c.toString()); cb(); } })); return out; });
  await t("st9", async () => new Promise((res) => pipeline(Readable.from(["a"]), new PassThrough(), new Writable({ write(c, e, cb) { cb(new Error("wfail")); } }), (err) => res(E(err)))));
  await t("st10", async () => { const r = new Readable({ read() {} }); setTimeout(() => r.destroy(), 1); try { await finishedP(r); return "ok"; } catch (e) { return E(e); } });
  await t("st11", async () => { const ac = new AbortController(); const r = new Readable({ read() {} }); addAbortSignal(ac.signal, r); const p = new Promise((res) => r.on("error", (e) => res([E(e), e.cause === ac.signal.reason]))); ac.abort(); return await p; });
  await t("st12", () => new Readable({ highWaterMark: 1.5 }));
  await t("st14", () => [new Readable().readableHighWaterMark, new Writable().writableHighWaterMark, new Duplex({ readableObjectMode: true }).readableHighWaterMark, new Duplex({ readableObjectMode: true }).writableHighWaterMark, new Transform({ writableHighWaterMark: 3 }).writableHighWaterMark]);
  await t("st15", async () => { const r = new Readable({ read() {} }); r.push("x"); r.push("y"); r.push(null); const out = []; r.on("readable", () => { let c; while ((c = r.read()) !== null) out.push(String(c)); }); await new Promise((res) => r.on("end", res)); return out; });
  await t("st16", async () => { const d = new Duplex({ read() {}, write(c, e, cb) { cb(); } }); return [d.readable, d.writable, d.allowHalfOpen, d instanceof Writable, Object.hasOwn(Readable.prototype, "readableEnded"), typeof streamDefault.Readable, streamDefault.promises.pipeline === pipelineP]; });
  await t("st17", async () => { const out = []; const src = Readable.from(["1", "2", "3"]); for await (const c of src.map((x) => Number(x) * 10)) out.push(c); return out; });
  await t("st18", async () => { const w = new Writable({ write(c, e, cb) { cb(); } }); w.destroy(); return await new Promise((res) => w.write("x", (e) => res(E(e)))); });
  await t("st19", () => Readable.from(5));
  await t("st20", async () => { const ev = []; const r = Readable.from(["a", "b"]); const w = new Writable({ write(c, e, cb) { ev.push("w:" + c); cb(); } }); w.on("pipe", (s) => ev.push("pipe:" + (s === r))); w.on("unpipe", () => ev.push("unpipe")); w.on("finish", () => ev.push("finish")); r.pipe(w); await tick(); return ev; });
  await t("st21", async () => { const t2 = new Transform({ transform(c, e, cb) { cb(); }, flush(cb) { cb(new Error("flushfail")); } }); const p = new Promise((res) => t2.on("error", (e) => res(E(e)))); t2.end("x"); t2.resume(); return await p; });
  await t("st22", async () => { const rs = Readable.toWeb(Readable.from(["ab"], { objectMode: false })); const reader = rs.getReader(); const { value } = await reader.read(); return [value instanceof Uint8Array, value.constructor.name, WebRS === ReadableStream]; });
  await t("st23", () => { const w = new Writable(); w.on("error", () => {}); try { w.write("x"); return "no throw"; } catch (e) { return E(e); } });
  await t("st24", async () => { const w = new Writable(); return new Promise((res) => { w.on("error", (e) => res(E(e))); w.write("x"); }); });
  await t("st25", () => finished(5, () => {}));
  await t("st26", async () => { const r = new Readable({ read() {} }); r.setEncoding("hex"); r.push(Buffer.from([1, 2])); r.push(null); return [await r.toArray(), r.readableEncoding]; });
  // string_decoder
  await t("sd1", () => { const d = new StringDecoder("utf8"); return [d.write(Buffer.from([0xf0, 0x9f])), d.lastNeed, d.lastTotal, d.write(Buffer.from([0x98])), d.end(Buffer.from([0x80])), d.end()]; });
  await t("sd2", () => { const d = new StringDecoder("base64url"); return [d.write(Buffer.from("abcd")), d.end()]; });
  await t("sd3", () => { const d = new StringDecoder("ascii"); return [d.encoding, d.write(Buffer.from([0xe9, 0x41]))]; });
  await t("sd4", () => new StringDecoder("").encoding);
  await t("sd5", () => new StringDecoder(false).encoding);
  await t("sd6", () => new StringDecoder().write(5));
  await t("sd7", () => { const d = new StringDecoder("utf16le"); return [d.write(Buffer.from([0x61])), d.end()]; });
  await t("sd8", () => { const d = new StringDecoder("utf8"); return d.text(Buffer.from("abc"), 1); });
  return new Response(JSON.stringify(r));
} };
`,
		want: `{"h1":["49e5f512b054aff7f9adfa7d1dfdc9f9","341d200cbb8070a6b655366cbceb07bbb88ac51e","a96823ff234bea17e686882f6bf60bde09c0f03a2303fd4cf299e5c0","dc415b2c7507976951d9d5eeb6e54ce7b3c29745c68978c415f0296709b3f941","559550d419776c6e0ea7d92f8881ceeef1ab8d6fdfa91be063e44cf94b387b4c6bd59ba5c6c6c4db3f622b3f7436f7fb","9a20107ea995998ea74dfff5ea24501893f5f80b962558aa3ae91ae1ac4be0ed71ac1b99b8164cd25d60407903a449d60787fb1034e0df73fda32b40cd133664","1d1a11355c36a93ee89d046136ba4b5531b98c98ca34e65ceebbfa2627daa13e","169256b5c45fc47862e1579bd9ad55e9","49e5f512b054aff7f9adfa7d1dfdc9f9341d200cbb8070a6b655366cbceb07bbb88ac51e","341d200cbb8070a6b655366cbceb07bbb88ac51e","9a20107ea995998ea74dfff5ea24501893f5f80b962558aa3ae91ae1ac4be0ed71ac1b99b8164cd25d60407903a449d60787fb1034e0df73fda32b40cd133664"],"h2":["ypeBEsobvcr6wjGzmiPcTaeG7_gUfE5yuYB3ha_uSLs",32,"da33e41954997c24ad31f6c1845e18510b384f67"],"h3":"ERR Error ERR_CRYPTO_HASH_FINALIZED Digest already called","h4":"ERR Error  Digest method not supported","h5":"ERR TypeError ERR_INVALID_ARG_TYPE The \"data\" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received an instance of Object","h6":"ERR Error  invalid digest size","h7":"ERR RangeError ERR_OUT_OF_RANGE The value of \"options.outputLength\" is out of range. It must be an integer. Received 1.5","h8":"ERR TypeError ERR_INVALID_ARG_TYPE The \"algorithm\" argument must be of type string. Received type symbol (Symbol(x))","h9":["9dd4e461268c8034f5c8564e155c67a6","LXEWQrcmsEQBYnyp+6wy9chTD7GQPMTbAiWHF5IaSIE=",20],"h10":"ERR TypeError ERR_INVALID_ARG_TYPE The \"outputEncoding\" argument must be of type string. Received type number (5)","h11":10,"h12":"ERR TypeError ERR_UNKNOWN_ENCODING Unknown encoding: nope","m1":["2d93cbc1be167bcb1637a4a23cbff01a7878f0c50ee833954ea5221bb1b8c628","VOkQoGx4TFms9Upagky7ekwNjW3PUSx1PE5PgxeS4PUaXB1gbLd+jV6NwQH36GZvzLminm37frjd+yU5wWpdJQ==","fbdb1d1b18aa6c08324b7d64b71fb76370690e1d"],"m2":"ERR TypeError ERR_INVALID_ARG_TYPE The \"key\" argument must be of type string or an instance of ArrayBuffer, Buffer, ArrayBufferView, KeyObject, or CryptoKey. Received an instance of Object","m3":"ERR TypeError ERR_INVALID_ARG_TYPE The \"options.encoding\" property must be of type string. Received type number (5)","m4":true,"k1":["3c174b26bc748c193e403d2d198cf1a278daad183cc2342a2aaef3af44d55be27a","f8e3361c84f494f35a27"],"k2":"ERR RangeError ERR_OUT_OF_RANGE The value of \"keylen\" is out of range. It must be >= 0 && <= 2147483647. Received -1","k3":"ERR RangeError ERR_OUT_OF_RANGE The value of \"iterations\" is out of range. It must be an integer. Received 1.5","k4":"ERR TypeError ERR_INVALID_ARG_TYPE The \"digest\" argument must be of type string. Received type number (5)","k5":"ad3937e102645867de089fceb12443da092fd7ddcc92ef6b20bbaa600b996bb015496967db7daab3f9707eae6688fb6a7564ec4d675560f17e07370de1ea01c6","k6":"ERR TypeError ERR_INVALID_ARG_TYPE The \"ikm\" argument must be of type string or an instance of SecretKeyObject, ArrayBuffer, TypedArray, DataView, or Buffer. Received type number (5)","k7":"ERR RangeError ERR_OUT_OF_RANGE The value of \"length\" is out of range. It must be >= 0 && <= 2147483647. Received -1","k8":"307a56ada8f28f6d3154d47b7680c895","k9":"ERR Error  Scrypt failed","k10":"ERR RangeError ERR_OUT_OF_RANGE The value of \"N\" is out of range. It must be >= 0 && < 4294967296. Received -1","k11":"ERR TypeError ERR_INVALID_ARG_VALUE The argument 'blockSize' is invalid. Received 1","k12":"ERR RangeError ERR_OUT_OF_RANGE The value of \"info\" is out of range. It must be must not contain more than 1024 bytes. Received 1025","r1":[5,"number",2],"r2":"ERR RangeError ERR_OUT_OF_RANGE The value of \"size\" is out of range. It must be >= 0 && <= 2147483647. Received 2147483648","r3":"ERR RangeError ERR_OUT_OF_RANGE The value of \"max\" is out of range. It must be >= -9007199254740991 && <= 9007199254740991. Received 9_007_199_254_740_992","r4":"ERR TypeError ERR_INVALID_ARG_TYPE The \"max\" argument must be of type number. Received type string ('2')","r5":{},"r6":"ERR TypeError ERR_INVALID_ARG_TYPE The \"options.disableEntropyCache\" property must be of type boolean. Received type number (1)","r7":"ERR TypeError ERR_INVALID_ARG_TYPE The \"callback\" argument must be of type function. Received undefined","t1":[true,true],"p1":["7",true,false,true],"p2":"ERR RangeError ERR_OUT_OF_RANGE The value of \"size\" is out of range. It must be >= 1 && <= 2147483647. Received 0","p3":true,"p4":"ERR RangeError ERR_OUT_OF_RANGE The value of \"candidate\" is out of range. It must be >= 0. Received -1n","p5":"ERR RangeError  Invalid number of checks","p6":{},"s1":["secret",3,"abc",true,false],"c1":"ERR TypeError  Cannot read properties of undefined (reading 'createHash')","st1":["resume","data:a","end","close"],"st2":["w:ab",false,false,"w:c","w:d","endcb","finish","close"],"st3":["final","prefinish","endcb","finish","close"],"st4":[["sync","error:ERR Error  x","close"],true,"x"],"st5":["ERR Error ERR_STREAM_PUSH_AFTER_EOF stream.push() after EOF"],"st6":["cb:ERR Error ERR_STREAM_WRITE_AFTER_END write after end","ERR Error ERR_STREAM_WRITE_AFTER_END write after end"],"st7":["ERR TypeError ERR_STREAM_NULL_VALUES May not write null values to stream","ERR TypeError ERR_INVALID_ARG_TYPE The \"chunk\" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received type number (1)","ERR TypeError ERR_INVALID_ARG_TYPE The \"chunk\" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received an instance of Object","ERR TypeError ERR_INVALID_ARG_TYPE The \"chunk\" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received undefined"],"st8":["A","B"],"st9":"ERR Error  wfail","st10":"ERR TypeError ERR_STREAM_PREMATURE_CLOSE Premature close","st11":["ERR AbortError ABORT_ERR The operation was aborted",true],"st12":"ERR TypeError ERR_INVALID_ARG_VALUE The property 'options.highWaterMark' is invalid. Received 1.5","st14":[65536,65536,16,65536,3],"st15":["xy"],"st16":[true,true,true,true,true,"function",true],"st17":[10,20,30],"st18":"ERR Error ERR_STREAM_DESTROYED Cannot call write after a stream was destroyed","st19":"ERR TypeError ERR_INVALID_ARG_TYPE The \"iterable\" argument must be an instance of Iterable. Received type number (5)","st20":["pipe:true","w:a","w:b","finish","unpipe"],"st21":"ERR Error  flushfail","st22":[true,"Uint8Array",true],"st23":"ERR Error ERR_METHOD_NOT_IMPLEMENTED The _write() method is not implemented","st24":"ERR Error ERR_METHOD_NOT_IMPLEMENTED The _write() method is not implemented","st25":"ERR TypeError ERR_INVALID_ARG_TYPE The \"stream\" argument must be an instance of ReadableStream, WritableStream, or Stream. Received type number (5)","st26":[["0102"],"hex"],"sd1":["",2,4,"","\ud83d\ude00",""],"sd2":["YWJj","ZA"],"sd3":["ascii","iA"],"sd4":"utf8","sd5":"ERR TypeError ERR_UNKNOWN_ENCODING Unknown encoding: false","sd6":"ERR TypeError ERR_INVALID_ARG_TYPE The \"buf\" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received type number (5)","sd7":["",""],"sd8":"bc"}`,
	},
	{
		name: "streams",
		worker: `import * as S from "node:stream";
import { Readable, Writable, Duplex, Transform, PassThrough } from "node:stream";
import { pipeline as pipelineP } from "node:stream/promises";
import { Buffer } from "node:buffer";
const tick = (ms = 2) => new Promise((r) => setTimeout(r, ms));
export default { async fetch() {
  const r = {};
  const E = (e) => "ERR " + e.name + " " + (e.code || "") + " " + e.message;
  const t = async (k, f) => { try { r[k] = await f(); } catch (e) { r[k] = E(e); } };
  await t("a1", async () => { const rd = new Readable({ read() {} }); rd.push("world"); rd.unshift("hello "); rd.push(null); return (await rd.toArray()).map(String); });
  await t("a2", async () => { const rd = new Readable({ read() {} }); rd.setEncoding("utf8"); rd.push("abc"); rd.unshift("x"); rd.push(null); return await rd.toArray(); });
  await t("a3", async () => { const ev = []; const rd = new Readable({ objectMode: true, highWaterMark: 2, read() { ev.push("read"); } }); ev.push(rd.push(1), rd.push(2), rd.push(3)); await tick(); return [ev, rd.readableLength]; });
  await t("a4", async () => { const out1 = [], out2 = []; const src = new PassThrough(); src.pipe(new Writable({ write(c, e, cb) { out1.push(String(c)); cb(); } })); src.pipe(new Writable({ write(c, e, cb) { out2.push(String(c)); cb(); } })); src.write("a"); src.end("b"); await tick(); return [out1, out2]; });
  await t("a5", async () => { const ev = []; const src = new PassThrough(); const dst = new PassThrough(); dst.on("unpipe", () => ev.push("unpipe")); src.pipe(dst); src.unpipe(dst); ev.push(src.readableFlowing, src._readableState.pipes.length); return ev; });
  await t("a6", async () => [await Readable.from("abc").toArray(), (await Readable.from(Buffer.from("xy")).toArray()).map(String), await Readable.from([[1], [2]]).toArray()]);
  await t("a7", async () => { const rd = Readable.from([1, 2, 3]); const out = []; for await (const v of rd.iterator({ destroyOnReturn: false })) { out.push(v); break; } const rest = await rd.toArray(); return [out, rest, rd.destroyed]; });
  await t("a8", async () => { const rd = Readable.from([1, 2, 3]); for await (const v of rd) { break; } return [rd.destroyed, rd.readableAborted]; });
  await t("a9", async () => { const out = []; await pipelineP(async function* () { yield "a"; yield "b"; }, new Writable({ objectMode: true, write(c, e, cb) { out.push(c); cb(); } })); return out; });
  await t("a10", async () => { const out = []; await pipelineP(new ReadableStream({ start(c) { c.enqueue("w1"); c.enqueue("w2"); c.close(); } }), new Writable({ objectMode: true, write(c, e, cb) { out.push(c); cb(); } })); return out; });
  await t("a11", async () => { const chunks = []; const ws = new WritableStream({ write(c) { chunks.push(String(c)); } }); await pipelineP(Readable.from(["p", "q"]), ws); return chunks; });
  await t("a12", async () => { const d = S.Duplex.from(async function* (src) { for await (const c of src) yield String(c).toUpperCase(); }); d.end("hi"); return (await d.toArray()).map(String); });
  await t("a13", async () => { const c = S.compose(new Transform({ transform(ch, e, cb) { cb(null, String(ch) + "1"); } }), new Transform({ transform(ch, e, cb) { cb(null, String(ch) + "2"); } })); c.end("x"); return (await c.toArray()).map(String); });
  await t("a14", async () => { const w = new Writable({ write(c, e, cb) { cb(); }, final(cb) { cb(new Error("finalfail")); } }); const ev = []; w.on("error", (e) => ev.push(E(e))); w.on("finish", () => ev.push("finish")); w.on("close", () => ev.push("close")); w.end(); await tick(); return ev; });
  await t("a15", async () => { const ev = []; const w = new Writable({ construct(cb) { ev.push("construct"); setTimeout(cb, 1); }, write(c, e, cb) { ev.push("write:" + c); cb(); } }); w.write("a"); ev.push("after write"); await tick(5); return ev; });
  await t("a16", async () => { const ev = []; const rd = new Readable({ emitClose: false, read() {} }); rd.on("close", () => ev.push("close")); rd.on("end", () => ev.push("end")); rd.resume(); rd.push(null); await tick(); return [ev, rd.destroyed]; });
  await t("a17", async () => { const ev = []; const rd = new Readable({ autoDestroy: false, read() {} }); rd.on("close", () => ev.push("close")); rd.on("end", () => ev.push("end")); rd.resume(); rd.push(null); await tick(); return [ev, rd.destroyed]; });
  await t("a18", async () => { const ev = []; const w = new Writable({ writev(chunks, cb) { ev.push(chunks.length); setTimeout(cb, 1); } }); w.write("a", () => ev.push("cb1")); w.write("b", () => ev.push("cb2")); w.write("c", () => ev.push("cb3")); w.end(); await tick(6); return ev; });
  await t("a19", () => { const w = new Writable({ write(c, e, cb) { cb(); } }); w.cork(); w.cork(); const a = w.writableCorked; w.uncork(); return [a, w.writableCorked, w.writableObjectMode, w.writableHighWaterMark, typeof w.writableBuffer]; });
  await t("a20", async () => { const rd = new Readable({ read() {} }); const before = [S.isReadable(rd), S.isErrored(rd), S.isDisturbed(rd), S.isDestroyed(rd)]; rd.destroy(new Error("e")); rd.on("error", () => {}); await tick(); return [before, S.isReadable(rd), S.isErrored(rd), S.isDisturbed(rd), S.isDestroyed(rd)]; });
  await t("a21", () => [S.getDefaultHighWaterMark(false), S.getDefaultHighWaterMark(true)]);
  await t("a22", async () => { const ev = []; const rd = new Readable({ read() {} }); rd.on("pause", () => ev.push("pause")); rd.on("resume", () => ev.push("resume")); rd.on("data", () => {}); await tick(); rd.pause(); rd.pause(); rd.resume(); await tick(); return ev; });
  await t("a23", async () => { let n = 0; const tr = new Transform({ highWaterMark: 1, objectMode: true, transform(c, e, cb) { n++; cb(null, c); } }); const res = []; for (let i = 0; i < 5; i++) res.push(tr.write(i)); await tick(); return [res, n, tr.readableLength, tr.writableLength]; });
  await t("a24", async () => { const p = new PassThrough({ readableObjectMode: true }); p.write("ab"); p.end(); const v = await p.toArray(); return [v.map(String), Buffer.isBuffer(v[0])]; });
  await t("a25", async () => { const rd = new Readable({ read() {} }); rd.push("abc"); const a = rd.read(0); const b = rd.readableLength; rd.push(null); return [a, b, String(await rd.toArray())]; });
  await t("a26", async () => { const ev = []; const d = new Duplex({ read() {}, write(c, e, cb) { cb(); } }); d.on("finish", () => ev.push("finish")); d.on("close", () => ev.push("close")); d.on("end", () => ev.push("end")); d.end(); await tick(); ev.push("--"); d.push(null); d.resume(); await tick(); return ev; });
  await t("a27", async () => { const w = new Writable({ write(c, e, cb) { cb(); } }); w.destroy(new Error("D")); return await new Promise((res) => w.on("error", (e) => res([E(e), w.writable, w.writableAborted, w.closed]))); });
  await t("a28", async () => { const rd = new Readable({ read() {} }); rd.push("a"); await tick(); const ev = []; rd.on("readable", () => ev.push("readable:" + rd.readableLength)); await tick(); ev.push(String(rd.read())); return ev; });
  await t("a29", async () => { const ev = []; const rd = new Readable({ read() {} }); const w = new Writable({ write(c, e, cb) { cb(); } }); w.on("pipe", () => ev.push("pipe")); rd.pipe(w); rd.push("x"); rd.destroy(); await tick(); return [ev, w.writableEnded, w.destroyed]; });
  await t("a30", async () => new Promise((res) => S.finished(new Readable({ read() {} }).on("error", () => {}), { signal: AbortSignal.abort() }, (e) => res(E(e)))));
  await t("a31", async () => { const w = new Writable({ write(c, e, cb) { cb(); } }); const out = []; w.on("error", () => {}); out.push(w.write("x", "hex")); w.end(); out.push(w.writableEnded); return out; });
  await t("a32", () => [typeof S.Stream, new S.Stream() instanceof S.Stream, typeof S.default.pipeline, typeof S._isUint8Array, S.Readable.prototype instanceof S.Stream, Object.getPrototypeOf(S.Transform.prototype) === S.Duplex.prototype]);
  await t("a33", async () => { const w = new Writable({ objectMode: true, write(c, e, cb) { cb(); } }); return [w.write(undefined), w.write({}), w.write(0)]; });
  await t("a34", () => { try { new Readable().push(null); return "ok"; } catch (e) { return E(e); } });
  await t("a35", async () => { const rd = Readable.from(["a", "b"]); const out = []; rd.on("data", (c) => out.push(c)); await new Promise((res) => rd.on("end", res)); return [out, rd.readableEnded, rd.readable]; });
  return new Response(JSON.stringify(r));
} };
`,
		want: `{"a1":["hello world"],"a2":["xabc"],"a3":[[true,false,false],3],"a4":[["a","b"],["a","b"]],"a5":["unpipe",false,0],"a6":[["abc"],["xy"],[[1],[2]]],"a7":[[1],[2,3],true],"a8":[true,true],"a9":["a","b"],"a10":["w1","w2"],"a11":["p","q"],"a12":"ERR TypeError ERR_INVALID_ARG_TYPE The \"iterable\" argument must be an instance of Iterable. Received function Duplexify","a13":["x12"],"a14":["ERR Error  finalfail","close"],"a15":["after write","construct","write:a"],"a16":[["end"],true],"a17":[["end"],false],"a18":[1,2,"cb1","cb2","cb3"],"a19":[2,1,false,65536,"object"],"a20":[[true,false,false,false],false,true,true,true],"a21":[65536,16],"a22":["resume","pause","resume"],"a23":[[false,false,false,false,false],1,1,5],"a24":[["ab"],true],"a25":[null,3,"abc"],"a26":["finish","--","end","close"],"a27":["ERR Error  D",false,true,true],"a28":["readable:1","a"],"a29":[["pipe"],false,false],"a30":"ERR AbortError ABORT_ERR The operation was aborted","a31":[true,true],"a32":["function",true,"function","function",true,true],"a33":[true,true,true],"a34":"ok","a35":[["a","b"],true,false]}`,
	},
	{
		name: "crypto_decoder_edges",
		worker: `import crypto from "node:crypto";
import * as C from "node:crypto";
import { StringDecoder } from "node:string_decoder";
import sd from "node:string_decoder";
import { Buffer } from "node:buffer";
import { Writable } from "node:stream";
export default { async fetch() {
  const r = {};
  const E = (e) => "ERR " + e.name + " " + (e.code || "") + " " + e.message;
  const t = async (k, f) => { try { r[k] = await f(); } catch (e) { r[k] = E(e); } };
  await t("c1", async () => { const h = C.createHash("md5"); h.setEncoding("hex"); h.write("a"); h.end("b"); return await new Promise((res) => h.on("data", res)); });
  await t("c2", async () => { const h = C.createHmac("sha1", "k"); const out = []; h.on("data", (d) => out.push(d.toString("hex"))); h.end("x"); await new Promise((res) => h.on("end", res)); return out; });
  await t("c3", () => { const k = C.createSecretKey(Buffer.from("secret")); return C.createHmac("sha256", k).update("m").digest("hex"); });
  await t("c4", () => C.createSecretKey(5));
  await t("c5", () => [C.createHash("sha256").update("a", "buffer").digest("hex").slice(0, 8), C.createHash("sha1").update(new DataView(new ArrayBuffer(2))).digest("hex").slice(0, 8), C.createHash("sha1").update(new Uint16Array([1, 2])).digest("hex").slice(0, 8)]);
  await t("c6", () => C.createHash("sha256").update("abc").digest("binary").length);
  await t("c7", () => [C.pbkdf2Sync("pw", "salt", 1, 16, "SHA256").toString("hex"), C.pbkdf2Sync("pw", "salt", 1, 16, "RSA-SHA1").toString("hex")]);
  await t("c8", () => C.pbkdf2Sync("pw", "salt", 1, 16, "sha-256"));
  await t("c9", () => Buffer.from(C.hkdfSync("SHA1", Buffer.from("k"), new Uint8Array(0), new ArrayBuffer(2), 5)).toString("hex"));
  await t("c10", () => C.hkdfSync("sha256", "k", 1, "i", 5));
  await t("c11", () => C.hkdfSync(1, "k", "s", "i", 5));
  await t("c12", () => C.hkdfSync("sha256", "k", "s", "i", 2 ** 31));
  await t("c13", () => C.scryptSync("p", "s", 8, { N: 16, r: 1, p: 1, maxmem: 2 ** 31 }).toString("hex"));
  await t("c14", () => C.scryptSync("p", "s", -1));
  await t("c15", () => C.randomInt(-5, -3) < -2);
  await t("c16", () => C.randomInt(2 ** 48));
  await t("c17", () => C.randomInt(0, 2 ** 48 - 1) >= 0);
  await t("c18", () => C.randomBytes(4, "x"));
  await t("c19", () => C.randomFill(new Uint8Array(2), 0, 3, () => {}));
  await t("c20", () => C.generatePrime(8));
  await t("c21", async () => { const v = await new Promise((res) => C.generatePrime(16, { bigint: true }, (e, p) => res(typeof p))); return v; });
  await t("c22", () => C.checkPrimeSync(Buffer.alloc(1025)));
  await t("c23", () => [C.checkPrimeSync(2n ** 127n - 1n), C.checkPrimeSync(2n ** 128n + 1n), C.checkPrimeSync(new ArrayBuffer(1))]);
  await t("c24", () => [typeof C.KeyObject, typeof C.X509Certificate, typeof C.Certificate, C.pseudoRandomBytes === C.randomBytes, crypto.CryptoKey === CryptoKey]);
  await t("c25", () => C.timingSafeEqual(Buffer.from("a"), "a"));
  await t("c26", () => { const h = C.createHash("sha1"); h.update("a"); const c = h.copy(); h.digest(); return c.digest("hex"); });
  await t("c27", () => C.createHmac("sha256", "k").update(5));
  await t("c28", () => { const h = C.createHmac("sha256", "k"); h.digest(); return h.update("x"); });
  await t("c29", () => C.hash("sha1", "x", "latin1").length);
  await t("c30", () => C.getRandomValues(new Uint8Array(2)).length);
  await t("d1", () => [sd.StringDecoder === StringDecoder, Object.keys(new StringDecoder("utf8")), new StringDecoder("latin1").encoding, new StringDecoder("binary").encoding, new StringDecoder("utf-16le").encoding, new StringDecoder("BASE64").encoding]);
  await t("d2", () => { const d = new StringDecoder("utf8"); return [d.write(Buffer.from([0xc3])), d.write(Buffer.from([0x28])), d.end()]; });
  await t("d3", () => { const d = new StringDecoder("utf8"); return [d.write(Buffer.from([0xed, 0xa0])), d.write(Buffer.from([0x80])), d.end()]; });
  await t("d4", () => { const d = new StringDecoder("utf8"); return [d.write(Buffer.from([0xf4, 0x90, 0x80])), d.end()]; });
  await t("d5", () => { const d = new StringDecoder("hex"); return [d.write(Buffer.from([1])), d.end(Buffer.from([2])), d.end()]; });
  await t("d6", () => { const d = new StringDecoder("base64"); return [d.write(Buffer.from([1, 2, 3, 4])), d.text(Buffer.from([5, 6]), 0), d.end()]; });
  await t("d7", () => { const d = new StringDecoder("utf16le"); return [d.write(Buffer.from([0x3d, 0xd8, 0x3d, 0xd8])), d.end()]; });
  await t("d8", () => { const d = new StringDecoder("utf8"); return d.write(new Uint16Array([0x4141])); });
  await t("d9", () => { const d = new StringDecoder(); d.write(Buffer.from([0xe2])); return [d.lastChar.length, d.lastChar.constructor.name, d.lastNeed, d.lastTotal]; });
  await t("d10", () => { const d = new StringDecoder(); return d.end("str"); });
  await t("d11", () => new StringDecoder({}));
  await t("d12", () => String(new StringDecoder("utf8")));
  return new Response(JSON.stringify(r));
} };
`,
		want: `{"c1":"187ef4436122d1cc2f40dc2b92f0eba0","c2":["cb00131fcec602a8fc84413a2a70154d8c06a0d2"],"c3":"b3752295c6e4725f553473320d1437594b30b55dcf6f37fd7831242a410ea6b0","c4":"ERR TypeError  Failed to execute 'createSecretKey' on 'CryptoImpl': parameter 1 is not of type 'BufferSource'.","c5":["ca978112","1489f923","13956061"],"c6":32,"c7":["6f4ad8c78ec365c060e648eb694ee40d","95c9338ea3a049dc400b5ed6617b5c45"],"c8":"ERR TypeError  Invalid Pbkdf2 digest: sha-256.","c9":"cae042891b","c10":"ERR TypeError ERR_INVALID_ARG_TYPE The \"salt\" argument must be of type string or an instance of ArrayBuffer, TypedArray, DataView, or Buffer. Received type number (1)","c11":"ERR TypeError ERR_INVALID_ARG_TYPE The \"digest\" argument must be of type string. Received type number (1)","c12":"ERR RangeError ERR_OUT_OF_RANGE The value of \"length\" is out of range. It must be >= 0 && <= 2147483647. Received 2147483648","c13":"13a6893eaa50d093","c14":"ERR RangeError ERR_OUT_OF_RANGE The value of \"keylen\" is out of range. It must be >= 0 && <= 2147483647. Received -1","c15":true,"c16":"ERR RangeError ERR_OUT_OF_RANGE The value of \"max\" is out of range. It must be <= 281474976710655. Received 281_474_976_710_656","c17":true,"c18":"ERR TypeError ERR_INVALID_ARG_TYPE The \"callback\" argument must be of type function. Received undefined","c19":"ERR RangeError ERR_OUT_OF_RANGE The value of \"size\" is out of range. It must be >= 0 && <= 2. Received 3","c20":"ERR TypeError ERR_INVALID_ARG_TYPE The \"callback\" argument must be of type function. Received undefined","c21":"bigint","c22":"ERR RangeError  checkPrime candidate exceeds maximum size","c23":[true,false,false],"c24":["function","function","function",true,true],"c25":"ERR TypeError  Failed to execute 'timingSafeEqual' on 'SubtleCrypto': parameter 2 is not of type 'BufferSource'.","c26":"86f7e437faa5a7fce15d1ddcb9eaeaea377667b8","c27":"ERR TypeError ERR_INVALID_ARG_TYPE The \"data\" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received type number (5)","c28":"ERR Error ERR_CRYPTO_HASH_FINALIZED Digest already called","c29":20,"c30":2,"d1":[true,["encoding"],"latin1","latin1","utf16le","base64"],"d2":["","\ufffd(",""],"d3":["","\ufffd\ufffd\ufffd",""],"d4":["","\ufffd\ufffd\ufffd"],"d5":["01","02",""],"d6":["AQID","","BQY="],"d7":["\ud83d","\ud83d"],"d8":"AA","d9":[4,"Buffer",2,3],"d10":"str","d11":"ERR TypeError ERR_UNKNOWN_ENCODING Unknown encoding: [object Object]","d12":"[object Object]"}`,
	},
	{
		name: "crypto_keys",
		worker: `import * as C from "node:crypto";
import { Buffer } from "node:buffer";
export default { async fetch() {
  const r = {};
  const E = (e) => "ERR " + e.name + " " + (e.code || "") + " " + e.message;
  const t = async (k, f) => { try { r[k] = await f(); } catch (e) { r[k] = E(e); } };
  const hk = await crypto.subtle.importKey("raw", new TextEncoder().encode("key"), { name: "HMAC", hash: "SHA-256" }, true, ["sign"]);
  const ak = await crypto.subtle.importKey("raw", new Uint8Array(16), { name: "AES-GCM" }, false, ["encrypt"]);
  const ec = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
  await t("k1", () => C.createHmac("sha256", hk).update("m").digest("hex") === C.createHmac("sha256", "key").update("m").digest("hex"));
  await t("k2", () => C.createHmac("sha1", ak).update("m").digest("hex"));
  await t("k3", () => C.createHmac("sha1", ec.publicKey));
  await t("k4", () => { const k = C.KeyObject.from(hk); return [k.type, k.symmetricKeySize, k.export().toString(), k instanceof C.KeyObject, k instanceof C.SecretKeyObject]; });
  await t("k5", () => C.KeyObject.from({}));
  await t("k6", () => Buffer.from(C.hkdfSync("sha256", C.createSecretKey(Buffer.from("k")), "s", "i", 4)).toString("hex"));
  await t("k7", () => C.createHmac("sha1", C.createSecretKey(Buffer.from("k"))).update("x").digest("hex"));
  await t("k8", () => { const k = C.createSecretKey("abc", "utf8"); return [Object.keys(k), String(k), k.equals(C.createSecretKey(Buffer.from("abc")))]; });
  await t("k9", () => C.createSecretKey(Buffer.from("abc")).export({ format: "jwk" }));
  await t("k10", () => C.createSecretKey(Buffer.from("abc")).export({ format: "pem" }));
  return new Response(JSON.stringify(r));
} };
`,
		want: `{"k1":true,"k2":"43ed51772ea70e3c39579fcaa84cb160697c2aad","k3":"ERR Error ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE Invalid key object type public, expected secret.","k4":["secret",3,"key",true,true],"k5":"ERR TypeError ERR_INVALID_ARG_TYPE The \"key\" argument must be an instance of CryptoKey. Received an instance of Object","k6":"02b0929a","k7":"cb00131fcec602a8fc84413a2a70154d8c06a0d2","k8":[[],"[object KeyObject]",true],"k9":{"kty":"oct","ext":true,"k":"YWJj"},"k10":"ERR TypeError  Invalid format for secret key export: pem"}`,
	},
	{
		name: "streams_more",
		worker: `import * as S from "node:stream";
import { Readable, Writable, Duplex, Transform, PassThrough } from "node:stream";
import { text, json, buffer, arrayBuffer } from "node:stream/consumers";
import * as SP from "node:stream/promises";
import { Buffer } from "node:buffer";
import { EventEmitter } from "node:events";
const tick = (ms = 2) => new Promise((r) => setTimeout(r, ms));
export default { async fetch() {
  const r = {};
  const E = (e) => "ERR " + e.name + " " + (e.code || "") + " " + e.message;
  const t = async (k, f) => { try { r[k] = await f(); } catch (e) { r[k] = E(e); } };
  await t("b1", async () => [await text(Readable.from(["a", "b"])), await json(Readable.from(['{"x":', "1}"])), (await buffer(Readable.from([Buffer.from("q")]))).toString(), (await arrayBuffer(Readable.from([Buffer.from("qq")]))).byteLength]);
  await t("b2", async () => await text(new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode("web")); c.close(); } })));
  await t("b3", async () => { const ev = []; const rd = new Readable({ read(n) { ev.push("read:" + n); this.push(null); } }); rd.on("end", () => ev.push("end")); rd.resume(); await tick(); return ev; });
  await t("b4", async () => { const ev = []; const rd = new Readable({ highWaterMark: 3, read(n) { ev.push("read:" + n); } }); rd.read(10); ev.push(rd.readableHighWaterMark); return ev; });
  await t("b5", async () => { const rd = new Readable({ read() {} }); rd.push("abc"); rd.push("def"); rd.push(null); await tick(); return [String(rd.read(2)), String(rd.read(10)), rd.read(), rd.readableEnded]; });
  await t("b6", async () => { const ev = []; const w = new Writable({ write(c, e, cb) { ev.push("w:" + c); cb(); } }); w.on("finish", () => ev.push("finish")); w.end("a"); try { w.end("b"); } catch (e) { ev.push("throw:" + E(e)); } w.on("error", (e) => ev.push("error:" + E(e))); await tick(); return ev; });
  await t("b7", async () => { const w = new Writable({ write(c, e, cb) { cb(); } }); w.end(); return await new Promise((res) => w.end((e) => res(e === undefined ? "undef" : e === null ? "null" : E(e)))); });
  await t("b8", async () => { const w = new Writable({ write(c, e, cb) { cb(); } }); w.end(); await tick(); return await new Promise((res) => w.end((e) => res(e ? E(e) : String(e)))); });
  await t("b9", async () => { const ev = []; const w = new Writable({ write(c, e, cb) { cb(); } }); w.end(() => ev.push("cb")); w.on("finish", () => ev.push("finish")); await tick(); return ev; });
  await t("b10", async () => { const ev = []; const tr = new Transform({ transform(c, e, cb) { this.push(c); this.push(c); cb(); } }); tr.on("data", (d) => ev.push(String(d))); tr.end("x"); await tick(); return ev; });
  await t("b11", async () => { const ev = []; const tr = new Transform({ objectMode: true, transform(c, e, cb) { cb(null, null); } }); tr.on("data", (d) => ev.push(d)); tr.on("end", () => ev.push("end")); tr.end(1); await tick(); return ev; });
  await t("b12", async () => { const out = []; const tr = new Transform({ decodeStrings: false, transform(c, e, cb) { out.push([typeof c, e]); cb(); } }); tr.write("s", "utf8"); tr.end(); await tick(); return out; });
  await t("b13", async () => { const ee = new EventEmitter(); const old = new S.Stream(); Object.assign(old, { readable: true }); const rd = new Readable().wrap(old); const p = rd.toArray(); old.emit("data", Buffer.from("w")); old.emit("end"); return (await p).map(String); });
  await t("b14", async () => { const ev = []; const src = new PassThrough(); const dst = new Writable({ write(c, e, cb) { ev.push("w"); cb(); } }); src.pipe(dst, { end: false }); src.end("x"); await tick(); return [ev, dst.writableEnded]; });
  await t("b15", async () => { const dst = new PassThrough(); const src = new Readable({ read() {} }); src.pipe(dst); src.emit("error", new Error("srcerr")); await tick(); return [dst.destroyed, src.destroyed, src._readableState.pipes.length]; });
  await t("b16", async () => { const src = new PassThrough(); const dst = new Writable({ write(c, e, cb) { cb(new Error("dsterr")); } }); const ev = []; dst.on("error", (e) => ev.push(E(e))); src.pipe(dst); src.write("x"); await tick(); return [ev, src._readableState.pipes.length, src.isPaused()]; });
  await t("b17", async () => new Promise((res) => S.pipeline([Readable.from(["a"]), new PassThrough()], (e) => res(String(e)))));
  await t("b18", async () => { try { await SP.pipeline(Readable.from(["a"]), new PassThrough(), { signal: AbortSignal.abort() }); return "ok"; } catch (e) { return E(e); } });
  await t("b19", async () => { const pt = new PassThrough(); const p = SP.pipeline(Readable.from(["a", "b"]), pt, { end: false }); await p; return [pt.writableEnded, (await new Promise((res) => { pt.end(); pt.toArray().then(res); })).map(String)]; });
  await t("b20", async () => { const v = await SP.pipeline(Readable.from([1, 2]), async function (src) { let s = 0; for await (const x of src) s += x; return s; }); return v; });
  await t("b21", async () => { const ev = []; const rd = new Readable({ read() {} }); S.finished(rd, (e) => ev.push("fin:" + (e ? E(e) : e))); rd.push(null); rd.resume(); await tick(); return ev; });
  await t("b22", async () => { const ev = []; const w = new Writable({ write(c, e, cb) { cb(); } }); const cleanup = S.finished(w, () => ev.push("fin")); cleanup(); w.end(); await tick(); return [ev, typeof cleanup]; });
  await t("b23", async () => { const ev = []; const w = new Writable({ write(c, e, cb) { cb(); } }); S.finished(w, { writable: false }, (e) => ev.push("fin:" + e)); w.end(); await tick(); return ev; });
  await t("b24", () => S.finished({}, () => {}));
  await t("b25", () => S.finished(new PassThrough(), { signal: 1 }, () => {}));
  await t("b26", () => new Duplex({ readableHighWaterMark: -1 }));
  await t("b27", () => [new Duplex({ highWaterMark: 5, readableHighWaterMark: 7 }).readableHighWaterMark, new Duplex({ readableHighWaterMark: 7, writableHighWaterMark: 9 }).writableHighWaterMark, new PassThrough({ readableHighWaterMark: 0 }).writableHighWaterMark]);
  await t("b28", async () => { const rd = Readable.from([1, 2, 3, 4, 5]); return [await rd.take(2).toArray(), await Readable.from([1, 2, 3]).drop(1).toArray(), await Readable.from([[1, 2], [3]]).flatMap((x) => x).toArray()]; });
  await t("b29", async () => { const rd = Readable.from([1]); return rd.take(-1); });
  await t("b30", async () => { try { await Readable.from([]).reduce((a, b) => a + b); return "ok"; } catch (e) { return E(e); } });
  await t("b31", async () => { const out = []; await Readable.from([3, 1, 2]).forEach(async (x) => { await tick(x); out.push(x); }, { concurrency: 3 }); return out; });
  await t("b32", async () => { const rd = new Readable({ read() {} }); rd.destroy(); return [rd.push("x"), rd.readable, rd.destroyed, rd.closed]; });
  await t("b33", async () => { const rd = new Readable({ read() {} }); rd.destroy(); await tick(); return [rd.closed, rd.readableAborted, rd.errored]; });
  await t("b34", async () => { const ev = []; const rd = new Readable({ destroy(err, cb) { ev.push("_destroy:" + err); setTimeout(() => cb(new Error("late")), 1); }, read() {} }); rd.on("error", (e) => ev.push(E(e))); rd.on("close", () => ev.push("close")); rd.destroy(); await tick(5); return ev; });
  await t("b35", async () => { const rd = new Readable({ read() {} }); rd.on("error", () => {}); rd.destroy(new Error("a")); rd.destroy(new Error("b")); await tick(); return rd.errored.message; });
  return new Response(JSON.stringify(r));
} };
`,
		want: `{"b1":["ab",{"x":1},"q",2],"b2":"web","b3":["read:65536","end"],"b4":["read:16",16],"b5":["ab","cdef",null,false],"b6":["w:a","error:ERR Error ERR_STREAM_WRITE_AFTER_END write after end"],"b7":"null","b8":"ERR Error ERR_STREAM_ALREADY_FINISHED Cannot call end after a stream was finished","b9":["cb","finish"],"b10":["x","x"],"b11":["end"],"b12":[["string","utf8"]],"b13":["w"],"b14":[["w"],false],"b15":"ERR Error  srcerr","b16":[["ERR Error  dsterr"],0,true],"b17":"undefined","b18":"ERR AbortError ABORT_ERR The operation was aborted","b19":[false,["ab"]],"b20":3,"b21":["fin:undefined"],"b22":[[],"function"],"b23":["fin:undefined"],"b24":"ERR TypeError ERR_INVALID_ARG_TYPE The \"stream\" argument must be an instance of ReadableStream, WritableStream, or Stream. Received an instance of Object","b25":"ERR TypeError ERR_INVALID_ARG_TYPE The \"options.signal\" property must be an instance of AbortSignal. Received type number (1)","b26":"ERR TypeError ERR_INVALID_ARG_VALUE The property 'options.readableHighWaterMark' is invalid. Received -1","b27":[5,9,0],"b28":[[1,2],[2,3],[1,2,3]],"b29":"ERR RangeError ERR_OUT_OF_RANGE The value of \"number\" is out of range. It must be >= 0. Received -1","b30":"ERR TypeError ERR_MISSING_ARGS Reduce of an empty stream requires an initial value","b31":[1,2,3],"b32":[false,false,true,true],"b33":[true,true,null],"b34":["_destroy:null","ERR Error  late","close"],"b35":"a"}`,
	},
	{
		name: "ciphers",
		worker: `import * as C from "node:crypto";
import { Buffer } from "node:buffer";
export default { async fetch() {
  const r = {};
  const E = (e) => "ERR " + e.name + " " + (e.code || "") + " " + e.message;
  const t = async (k, f) => { try { r[k] = await f(); } catch (e) { r[k] = E(e); } };
  const k16 = Buffer.alloc(16, 1), k24 = Buffer.alloc(24, 2), k32 = Buffer.alloc(32, 3), iv = Buffer.alloc(16, 9);
  const enc = (alg, key, iv, parts, opts) => { const c = C.createCipheriv(alg, key, iv, opts); const out = parts.map((p) => c.update(p).toString("hex")); out.push(c.final("hex")); return out; };
  await t("e1", () => enc("aes-128-cbc", k16, iv, [Buffer.from("hello world, this is a test!")]));
  await t("e2", () => enc("aes-256-cbc", k32, iv, [Buffer.from("abc"), Buffer.from("defghijklmnopqrstuvwxyz0123456789")]));
  await t("e3", () => enc("aes-192-ecb", k24, Buffer.alloc(0), [Buffer.from("0123456789abcdef0123")]));
  await t("e4", () => enc("aes-128-ctr", k16, iv, [Buffer.from("a"), Buffer.from("bcdefghijklmnopqrstu"), Buffer.from("vwxyz0123456789ABCDEFGHIJ")]));
  await t("e5", () => enc("aes-256-ofb", k32, iv, [Buffer.from("ofb mode data 0123456789"), Buffer.from("xyz")]));
  await t("e6", () => { const c = C.createCipheriv("aes-256-gcm", k32, Buffer.alloc(12, 5)); c.setAAD(Buffer.from("aad")); const out = [c.update(Buffer.from("gcm plaintext, longer than a block")).toString("hex"), c.final("hex"), c.getAuthTag().toString("hex")]; return out; });
  await t("e7", () => { const c = C.createCipheriv("aes-128-gcm", k16, Buffer.alloc(16, 7)); const out = [c.update(Buffer.from("iv of 16 bytes")).toString("hex"), c.final("hex"), c.getAuthTag().toString("hex")]; return out; });
  await t("e8", () => { const c = C.createCipheriv("aes-128-gcm", k16, Buffer.alloc(1, 7), { authLengthTag: 8 }); c.update(Buffer.from("x")); c.final(); return c.getAuthTag().toString("hex"); });
  await t("e9", () => { const c = C.createCipheriv("AES-128-CBC", k16, iv); return c.update("text", "utf8", "base64") + c.final("base64"); });
  await t("d1", () => { const c = C.createCipheriv("aes-128-cbc", k16, iv); const ct = Buffer.concat([c.update(Buffer.from("round trip")), c.final()]); const d = C.createDecipheriv("aes-128-cbc", k16, iv); return Buffer.concat([d.update(ct), d.final()]).toString(); });
  await t("d2", () => { const d = C.createDecipheriv("aes-128-cbc", k16, iv); d.update(Buffer.alloc(16)); return d.final(); });
  await t("d3", () => { const d = C.createDecipheriv("aes-128-cbc", k16, iv); d.update(Buffer.alloc(5)); return d.final(); });
  await t("d4", () => { const c = C.createCipheriv("aes-256-gcm", k32, Buffer.alloc(12)); c.setAAD(Buffer.from("A")); const ct = Buffer.concat([c.update(Buffer.from("secret")), c.final()]); const tag = c.getAuthTag(); const d = C.createDecipheriv("aes-256-gcm", k32, Buffer.alloc(12)); d.setAuthTag(tag); d.setAAD(Buffer.from("A")); return Buffer.concat([d.update(ct), d.final()]).toString(); });
  await t("d5", () => { const d = C.createDecipheriv("aes-256-gcm", k32, Buffer.alloc(12)); d.setAuthTag(Buffer.alloc(16)); d.update(Buffer.from("xx")); return d.final(); });
  await t("d6", () => { const d = C.createDecipheriv("aes-256-gcm", k32, Buffer.alloc(12)); return d.update(Buffer.from("xx")); });
  await t("d7", () => { const d = C.createDecipheriv("aes-256-gcm", k32, Buffer.alloc(12)); d.setAuthTag(Buffer.alloc(16)); return d.setAuthTag(Buffer.alloc(16)); });
  await t("d8", () => { const d = C.createDecipheriv("aes-256-gcm", k32, Buffer.alloc(12)); return d.setAuthTag(Buffer.alloc(5)); });
  await t("d9", () => { const c = C.createCipheriv("aes-128-cbc", k16, iv); c.setAutoPadding(false); const a = c.update(Buffer.alloc(32)).length; return [a, c.final().length]; });
  await t("d10", () => { const c = C.createCipheriv("aes-128-cbc", k16, iv); c.setAutoPadding(false); c.update(Buffer.alloc(5)); return c.final(); });
  await t("x1", () => C.createCipheriv("aes-128-cbc", k16, Buffer.alloc(8)));
  await t("x2", () => C.createCipheriv("aes-128-cbc", Buffer.alloc(15), iv));
  await t("x3", () => C.createCipheriv("aes-128-xyz", k16, iv));
  await t("x4", () => C.createCipheriv("aes-128-ecb", k16, iv));
  await t("x5", () => C.createCipheriv("aes-128-cbc", k16, null));
  await t("x6", () => C.createCipheriv("aes-128-cbc", 5, iv));
  await t("x7", () => C.createCipheriv("aes-128-gcm", k16, Buffer.alloc(0)));
  await t("x8", () => C.createCipheriv("aes-128-gcm", k16, Buffer.alloc(12), { authLengthTag: 5 }));
  await t("x9", () => C.createCipheriv("aes-128-cbc", k16, iv).update("s"));
  await t("x10", () => { const c = C.createCipheriv("aes-128-cbc", k16, iv); c.final(); return c.update(Buffer.from("a")); });
  await t("x11", () => { const c = C.createCipheriv("aes-128-cbc", k16, iv); c.final(); return c.final(); });
  await t("x12", () => C.createCipheriv("aes-128-cbc", k16, iv).setAAD(Buffer.from("a")));
  await t("x13", () => C.createCipheriv("aes-128-gcm", k16, iv).getAuthTag());
  await t("x14", () => { const c = C.createCipheriv("aes-128-cbc", k16, iv); c.final(); return [c.getAuthTag()]; });
  await t("x15", () => { const d = C.createDecipheriv("aes-128-gcm", k16, iv); d.setAuthTag(Buffer.alloc(16)); d.final(); return d.getAuthTag; });
  await t("x16", () => C.createCipheriv("aes-128-cbc", k16, iv).update(5));
  await t("x17", () => C.createCipheriv("aes-128-cbc", "0123456789abcdef", "fedcba9876543210").update(Buffer.from("x")).length);
  await t("x18", () => C.createCipheriv(5, k16, iv));
  await t("x19", () => C.createCipheriv("aes128", k16, iv).final().length);
  await t("x20", () => C.createCipheriv("id-aes128-GCM", k16, iv).final().length);
  await t("x21", () => { const c = C.createCipheriv("aes-128-gcm", k16, Buffer.alloc(12), { authTagLength: 8 }); c.final(); return c.getAuthTag().length; });
  await t("d11", () => { const d = C.createDecipheriv("aes-256-gcm", k32, Buffer.alloc(12)); d.update(Buffer.from("xx")); return d.final(); });
  await t("d12", () => { const d = C.createDecipheriv("aes-256-gcm", k32, Buffer.alloc(12)); d.update(Buffer.from("xx")); d.setAuthTag(Buffer.alloc(16)); return d.final(); });
  await t("d13", () => { const c = C.createCipheriv("aes-256-gcm", k32, Buffer.alloc(12)); c.setAAD(Buffer.from("A")); const ct = Buffer.concat([c.update(Buffer.from("secret")), c.final()]); const tag = c.getAuthTag(); const d = C.createDecipheriv("aes-256-gcm", k32, Buffer.alloc(12)); d.setAAD(Buffer.from("A")); const pt = d.update(ct); d.setAuthTag(tag); return Buffer.concat([pt, d.final()]).toString(); });
  await t("d14", () => { const c = C.createCipheriv("aes-128-gcm", k16, Buffer.alloc(12)); c.update(Buffer.from("a")); return c.setAAD(Buffer.from("late")); });
  await t("d15", () => C.createCipheriv("aes-128-ecb", k16, null).final().length);
  await t("d16", () => { const c = C.createDecipheriv("aes-128-gcm", k16, Buffer.alloc(12), { authLengthTag: 8 }); return c.setAuthTag(Buffer.alloc(16)); });
  await t("s1", async () => { const c = C.createCipheriv("aes-128-ctr", k16, iv); c.end(Buffer.from("streamed")); return (await c.toArray()).map((b) => b.toString("hex")); });
  await t("s2", () => [typeof C.Cipheriv, C.createCipheriv("aes-128-cbc", k16, iv) instanceof C.Cipheriv]);
  return new Response(JSON.stringify(r));
} };
`,
		want: `{"e1":["1f0d966bfe59c0ab3b46132a17966313","216bcc184e9121985abb8c0721f44bd0"],"e2":["","0107a4d724b96769a4f3f72d801ebecf3433d05eb49c3e3a4ed89ff777567fd2","44e7016972bc9846521eb579df70cb8f"],"e3":["dca22d89435506fe3cb6677fdc84840c","4fe6d7d97ed859ee63a428acd69468ca"],"e4":["71","0b2d4b4697a1e1fe4d5a2983743007ed1dfcec70","7a13c5e4a8b2daedd3dfbb9a773d8f0e1c3e91537f46ddd2d7",""],"e5":["27c932e131e2854348f1af714d15cd995a28e55b309b7ec5","c76858",""],"e6":["7141b244c2b07628c47aaf7ba7cb673e58291f54031682734673796c2b49b95755da","","6aedf20602309edc9cb2cc4b2761ff27"],"e7":["3a3f006a2c955752aa765ab8b88d","","303239c1005ee87e8ad38f1eb1f645e2"],"e8":"f6e43bb1be8bfe86","e9":"nAAfxNYz665mdyk2pyQXkg==","d1":"round trip","d2":"ERR Error  Authentication failed","d3":"ERR Error  Authentication failed","d4":"secret","d5":"ERR Error  Authentication failed","d6":{"type":"Buffer","data":[25,92]},"d7":"ERR Error  Auth tag is already set","d8":"ERR Error  Invalid authentication tag length","d9":[32,0],"d10":"ERR Error  Authentication failed","x1":"ERR Error  Invalid initialization vector","x2":"ERR Error  Invalid key length","x3":"ERR Error  Unknown or unsupported cipher: aes-128-xyz","x4":"ERR Error  Invalid initialization vector","x5":"ERR Error  Invalid initialization vector","x6":"ERR TypeError ERR_INVALID_ARG_TYPE The \"key\" argument must be of type string or an instance of Buffer, TypedArray, DataView, KeyObject, or CryptoKey. Received type number (5)","x7":"ERR Error  Invalid initialization vector","x8":"ERR Error  Invalid authentication tag length","x9":"ERR TypeError ERR_INVALID_ARG_VALUE The argument 'inputEncoding' If inputEncoding is not provided then the data must be a Buffer. Received undefined","x10":"ERR Error  Cipher/decipher context has already been finalized","x11":"ERR Error  Cipher/decipher context has already been finalized","x12":"ERR Error  Cipher does not support authenticated mode","x13":"ERR Error  Auth tag is only available once cipher context has been finalized","x14":[{"type":"Buffer","data":[]}],"x15":"ERR Error  Authentication failed","x16":"ERR TypeError ERR_INVALID_ARG_TYPE The \"data\" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received type number (5)","x17":0,"x18":"ERR TypeError ERR_INVALID_ARG_TYPE The \"algorithm\" argument must be of type string. Received type number (5)","x19":"ERR Error  Unknown or unsupported cipher: aes128","x20":"ERR Error  Unknown or unsupported cipher: id-aes128-GCM","x21":16,"d11":"ERR Error  No auth tag provided","d12":"ERR Error  Authentication failed","d13":"secret","d14":"ERR Error  Failed to set AAD","d15":16,"d16":"ERR Error  Invalid authentication tag length","s1":["631d3c4a429ca3ed"],"s2":["function",true]}`,
	},
	{
		name: "keys_sign_verify",
		worker: `import * as C from "node:crypto";
import { Buffer } from "node:buffer";
const K = {"rsa.pem": "-----BEGIN PRIVATE KEY-----\nMIICdwIBADANBgkqhkiG9w0BAQEFAASCAmEwggJdAgEAAoGBAKzV4ghSHNDpCUCR\nGrBSFBiOTulw57dLlJKe4bqNNovMisxb19uAxG70PVVcRL9hP+003NJprB/No0Sq\ntOtic57feaPj4XBY+KRxlYDjsKWWFrUAehptWbJPxRHKTL+My+Zg+jIpjEWYEhDp\nRugbV8TYxEZzD034RdoO78qeTivzAgMBAAECgYEAopL1cLo8XM43Y8KaBizOtmJ2\nG+OWMrYnZNuKnP3jxxB5pszleJXhMDUR1E9cY2DIzwmghVPdEnVOFHM2hwsukUDc\n9yQHNKEuDwW+055HZP05pqofyoYC0U/Ov4bOA6Kuo/dWYnXwPuT5a5x1wlb5rBIj\nj6GneLuPiiLvasmOPuECQQDZGMSglVNZ024U7bknWXDdkBZgaCNK8XD7TmUGlUXy\nYXQacCun5pNs2rv5MchUOpWpiB5yczHk5kmZqlVxurkpAkEAy86lTZYcx3RHnP2F\nOIUjaNtiyQGK8I1ZrdSSNrdj34ZM4EOSIO1LSsAyCeYJeXlpkqc3BZ8qG4+2YyRt\njc/zuwJADL19XIcm2xCjVysUQJDpJLd9+K5j09QTc0wIdbhw4GaDr8GBblsDr9Gu\nUlNvlDHT8p0AXGsSNIKnMxNh7Eiu8QJBAIN57b2dhzdMVh56lgSeLven/5Q4QI9q\nQF4ZcbGGoRFDrDhInu5K5nV0g1NLaPVKU8bdxGsGAL4C+d//UgVYD50CQEXmhagz\n/+kyd8U4Cy7+ZcM6R4vjIz8qpuuocjCuHXQdFlQB6igXkZvPJMM1+F8AbzAEmvfO\njJb0irnOJ5OJgY4=\n-----END PRIVATE KEY-----\n", "rsa.pub": "-----BEGIN PUBLIC KEY-----\nMIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCs1eIIUhzQ6QlAkRqwUhQYjk7p\ncOe3S5SSnuG6jTaLzIrMW9fbgMRu9D1VXES/YT/tNNzSaawfzaNEqrTrYnOe33mj\n4+FwWPikcZWA47Cllha1AHoabVmyT8URyky/jMvmYPoyKYxFmBIQ6UboG1fE2MRG\ncw9N+EXaDu/Knk4r8wIDAQAB\n-----END PUBLIC KEY-----\n", "rsa1.pem": "-----BEGIN RSA PRIVATE KEY-----\nMIICXQIBAAKBgQCs1eIIUhzQ6QlAkRqwUhQYjk7pcOe3S5SSnuG6jTaLzIrMW9fb\ngMRu9D1VXES/YT/tNNzSaawfzaNEqrTrYnOe33mj4+FwWPikcZWA47Cllha1AHoa\nbVmyT8URyky/jMvmYPoyKYxFmBIQ6UboG1fE2MRGcw9N+EXaDu/Knk4r8wIDAQAB\nAoGBAKKS9XC6PFzON2PCmgYszrZidhvjljK2J2Tbipz948cQeabM5XiV4TA1EdRP\nXGNgyM8JoIVT3RJ1ThRzNocLLpFA3PckBzShLg8FvtOeR2T9OaaqH8qGAtFPzr+G\nzgOirqP3VmJ18D7k+WucdcJW+awSI4+hp3i7j4oi72rJjj7hAkEA2RjEoJVTWdNu\nFO25J1lw3ZAWYGgjSvFw+05lBpVF8mF0GnArp+aTbNq7+THIVDqVqYgecnMx5OZJ\nmapVcbq5KQJBAMvOpU2WHMd0R5z9hTiFI2jbYskBivCNWa3Ukja3Y9+GTOBDkiDt\nS0rAMgnmCXl5aZKnNwWfKhuPtmMkbY3P87sCQAy9fVyHJtsQo1crFECQ6SS3ffiu\nY9PUE3NMCHW4cOBmg6/BgW5bA6/RrlJTb5Qx0/KdAFxrEjSCpzMTYexIrvECQQCD\nee29nYc3TFYeepYEni73p/+UOECPakBeGXGxhqERQ6w4SJ7uSuZ1dINTS2j1SlPG\n3cRrBgC+Avnf/1IFWA+dAkBF5oWoM//pMnfFOAsu/mXDOkeL4yM/KqbrqHIwrh10\nHRZUAeooF5GbzyTDNfhfAG8wBJr3zoyW9Iq5zieTiYGO\n-----END RSA PRIVATE KEY-----\n", "ec.pem": "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgYlyUEOyDpSiSBmam\ngnEM/d+XX1K4ydvUehz+6fu3T7ahRANCAARMu4Pzt0Hbn5nNA0Btmb1dnlSTX452\nNZ+s3d4du67Unsg8ASvKs/wgOZicFz+IKUVz7spAJSX0r+UZClheRdCq\n-----END PRIVATE KEY-----\n", "ec.pub": "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAETLuD87dB25+ZzQNAbZm9XZ5Uk1+O\ndjWfrN3eHbuu1J7IPAEryrP8IDmYnBc/iClFc+7KQCUl9K/lGQpYXkXQqg==\n-----END PUBLIC KEY-----\n", "ec1.pem": "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIGJclBDsg6UokgZmpoJxDP3fl19SuMnb1Hoc/un7t0+2oAoGCCqGSM49\nAwEHoUQDQgAETLuD87dB25+ZzQNAbZm9XZ5Uk1+OdjWfrN3eHbuu1J7IPAEryrP8\nIDmYnBc/iClFc+7KQCUl9K/lGQpYXkXQqg==\n-----END EC PRIVATE KEY-----\n", "ed.pem": "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEII4apbHVMwFFrERn+8KbjgWUsdfScSJuMS7L9+fAHdXs\n-----END PRIVATE KEY-----\n", "ed.pub": "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA9vz3VamVVTkXDEEZ6MLeUjAYf+EQMeIJTWbu4inaGlM=\n-----END PUBLIC KEY-----\n"};
export default { async fetch() {
  const r = {};
  const E = (e) => "ERR " + e.name + " " + (e.code || "") + " " + e.message;
  const t = async (k, f) => { try { r[k] = await f(); } catch (e) { r[k] = E(e); } };
  const rsa = C.createPrivateKey(K["rsa.pem"]), rsaPub = C.createPublicKey(K["rsa.pub"]);
  const ec = C.createPrivateKey(K["ec.pem"]), ecPub = C.createPublicKey(K["ec.pub"]);
  const ed = C.createPrivateKey(K["ed.pem"]), edPub = C.createPublicKey(K["ed.pub"]);
  await t("k1", () => [rsa.type, rsa.asymmetricKeyType, rsa.asymmetricKeyDetails, rsaPub.type, ec.asymmetricKeyDetails, ed.asymmetricKeyType, edPub.asymmetricKeyDetails]);
  await t("k2", () => [C.createPublicKey(K["rsa.pem"]).export({ type: "spki", format: "pem" }) === K["rsa.pub"], rsa.export({ type: "pkcs8", format: "pem" }) === K["rsa.pem"], rsa.export({ type: "pkcs1", format: "pem" }) === K["rsa1.pem"], ec.export({ type: "sec1", format: "pem" }) === K["ec1.pem"]]);
  await t("k3", () => [C.createPrivateKey(K["rsa1.pem"]).export({ type: "pkcs8", format: "der" }).equals(rsa.export({ type: "pkcs8", format: "der" })), C.createPrivateKey(K["ec1.pem"]).asymmetricKeyType]);
  await t("k4", () => { const j = rsaPub.export({ format: "jwk" }); return [Object.keys(j), j.e]; });
  await t("k5", () => Object.keys(ec.export({ format: "jwk" })));
  await t("k6", () => ed.export({ format: "jwk" }).crv);
  await t("k7", () => C.createPrivateKey(K["rsa.pub"]));
  await t("k8", () => C.createPrivateKey("not a key"));
  await t("k9", () => C.createPublicKey({ key: rsaPub.export({ type: "spki", format: "der" }), format: "der", type: "spki" }).asymmetricKeyType);
  await t("k10", () => rsa.export());
  await t("k11", () => rsaPub.export({ type: "pkcs8", format: "pem" }));
  await t("k12", () => [rsa.equals(C.createPrivateKey(K["rsa1.pem"])), rsaPub.equals(rsa), C.createPublicKey(rsa).equals(rsaPub)]);
  await t("s1", () => { const sig = C.sign("sha256", Buffer.from("data"), rsa); return [sig.length, C.verify("sha256", Buffer.from("data"), rsaPub, sig), C.verify("sha256", Buffer.from("datb"), rsaPub, sig)]; });
  await t("s2", () => C.sign("sha256", Buffer.from("data"), rsa).toString("hex"));
  await t("s3", () => { const s = C.createSign("RSA-SHA256"); s.update("da"); s.update("ta"); return s.sign(K["rsa.pem"], "hex") === C.sign("sha256", Buffer.from("data"), rsa).toString("hex"); });
  await t("s4", () => { const s = C.createSign("sha256"); s.update("m"); const sig = s.sign(ec); const v = C.createVerify("sha256"); v.update("m"); return [sig[0], v.verify(ecPub, sig), C.verify("sha256", Buffer.from("m"), { key: ecPub, dsaEncoding: "ieee-p1363" }, sig)]; });
  await t("s5", () => { const sig = C.sign("sha256", Buffer.from("m"), { key: ec, dsaEncoding: "ieee-p1363" }); return [sig.length, C.verify("sha256", Buffer.from("m"), { key: ecPub, dsaEncoding: "ieee-p1363" }, sig)]; });
  await t("s6", () => { const sig = C.sign(null, Buffer.from("m"), ed); return [sig.toString("hex"), C.verify(null, Buffer.from("m"), edPub, sig)]; });
  await t("s7", () => { const sig = C.sign("sha256", Buffer.from("m"), { key: rsa, padding: C.constants.RSA_PKCS1_PSS_PADDING, saltLength: 20 }); return [sig.length, C.verify("sha256", Buffer.from("m"), { key: rsaPub, padding: 6, saltLength: 20 }, sig), C.verify("sha256", Buffer.from("m"), rsaPub, sig)]; });
  await t("s8", () => C.sign("sha256", Buffer.from("m"), rsaPub));
  await t("s9", () => C.createSign("nope"));
  await t("s10", () => { const s = C.createSign("sha256"); s.update("x"); s.sign(rsa); return s.sign(rsa); });
  await t("s11", () => C.sign(null, Buffer.from("m"), rsa).length);
  await t("s12", () => C.sign("sha256", "str", rsa).length);
  await t("s13", () => C.verify("sha256", Buffer.from("m"), ecPub, Buffer.from("garbage")));
  await t("t1", () => C.createPublicKey("garbage"));
  await t("t2", () => C.createPublicKey({ key: Buffer.from("x"), format: "der", type: "spki" }));
  await t("t3", () => rsaPub.export());
  await t("t4", () => C.verify("sha256", "m", rsaPub, Buffer.alloc(1)));
  await t("t5", () => C.verify(null, Buffer.from("m"), rsaPub, Buffer.alloc(1)));
  await t("t6", () => { const v = C.createVerify("sha256"); v.update("x"); v.verify(rsaPub, Buffer.alloc(1)); return v.verify(rsaPub, Buffer.alloc(1)); });
  await t("t7", () => { const sig = C.sign("sha256", Buffer.from("m"), { key: K["ec.pem"], dsaEncoding: "ieee-p1363" }); return [sig.length, C.verify("sha256", Buffer.from("m"), { key: K["ec.pub"], dsaEncoding: "ieee-p1363" }, sig)]; });
  await t("t8", () => { const sig = C.sign("sha256", Buffer.from("m"), { key: K["rsa.pem"], padding: 6, saltLength: 20 }); return [sig.length, C.verify("sha256", Buffer.from("m"), { key: K["rsa.pub"], padding: 6, saltLength: 20 }, sig), C.verify("sha256", Buffer.from("m"), K["rsa.pub"], sig)]; });
  await t("t9", () => C.createSign("sha256").update("x").sign(K["rsa.pem"], "base64").length);
  await t("t10", () => C.createPrivateKey({ key: K["rsa.pem"], passphrase: "x" }).type);
  await t("t11", () => C.createSign("sha256").update("x").sign({ key: K["ec.pem"], dsaEncoding: "bad" }));
  await t("t12", () => C.createPrivateKey(5));
  await t("s14", () => [typeof C.Sign, C.createSign("sha1") instanceof C.Sign, typeof C.createSign("sha1").write]);
  return new Response(JSON.stringify(r, (k, v) => typeof v === "bigint" ? v + "n" : v));
} };
`,
		want: `{"k1":["private","rsa",{"modulusLength":1024,"publicExponent":"65537n"},"public",{"namedCurve":"prime256v1"},"ed25519",{}],"k2":[true,true,true,true],"k3":[true,"ec"],"k4":[["kty","n","e"],"AQAB"],"k5":["kty","crv","x","y","d"],"k6":"Ed25519","k7":"ERR Error  Failed to parse private key","k8":"ERR Error  Failed to parse private key","k9":"rsa","k10":"ERR TypeError  Missing type option","k11":"-----BEGIN PUBLIC KEY-----\nMIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCs1eIIUhzQ6QlAkRqwUhQYjk7p\ncOe3S5SSnuG6jTaLzIrMW9fbgMRu9D1VXES/YT/tNNzSaawfzaNEqrTrYnOe33mj\n4+FwWPikcZWA47Cllha1AHoabVmyT8URyky/jMvmYPoyKYxFmBIQ6UboG1fE2MRG\ncw9N+EXaDu/Knk4r8wIDAQAB\n-----END PUBLIC KEY-----\n","k12":[true,false,true],"s1":[128,true,false],"s2":"317af610188e8f713063f48744bf6631df3cd458eb4a15736071d9ebbc4c7e01afac05e2d6d0c1c8ad296d4b9cf96c24876dc037f2f07ab3af317292509d8336cb85a55b0150910cb9a6eb8924344aab6d4761ab1220f9f6b94b2a4fb496a35b92b66ba461f0dc8046d8e7bd1d07df79e3f9de3e3b5260afbd660086b7b7a757","s3":true,"s4":"ERR TypeError ERR_INVALID_ARG_TYPE The \"options.key\" property must be of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, or Object. Received an instance of PublicKeyObject","s5":"ERR TypeError ERR_INVALID_ARG_TYPE The \"options.key\" property must be of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, or Object. Received an instance of PrivateKeyObject","s6":["0861f0a12b930bd2970a751cd79d6e79aba9690c215ddcc955b29e07066bdeb18ded95950b775b15aadaf9245fb1ca8d92ae6bdd4768ae1175ca0a8c507cff05",true],"s7":"ERR TypeError ERR_INVALID_ARG_TYPE The \"options.key\" property must be of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, or Object. Received an instance of PrivateKeyObject","s8":"ERR Error ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE Invalid key object type public, expected private.","s9":"ERR Error  Unknown digest: nope","s10":"ERR Error  Signing context has already been finalized","s11":"ERR Error  Failed to initialize signing context","s12":"ERR TypeError ERR_INVALID_ARG_TYPE The \"data\" argument must be an instance of Buffer, TypedArray, or DataView. Received type string ('str')","s13":false,"t1":"ERR Error  Failed to parse public key","t2":"ERR Error  Failed to parse public key","t3":"ERR TypeError  Missing type option","t4":"ERR TypeError ERR_INVALID_ARG_TYPE The \"data\" argument must be an instance of Buffer, TypedArray, or DataView. Received type string ('m')","t5":"ERR Error  Failed to initialize verification context","t6":"ERR Error  Verification context has already been finalized","t7":[64,true],"t8":[128,true,true],"t9":172,"t10":"private","t11":"ERR TypeError ERR_INVALID_ARG_VALUE The property 'options.dsaEncoding' is invalid. Received 'bad'","t12":"ERR TypeError ERR_INVALID_ARG_TYPE The \"options.key\" property must be of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, or Object. Received undefined","s14":["function",true,"function"]}`,
	},
	{
		name: "keygen",
		worker: `import * as C from "node:crypto";
import { Buffer } from "node:buffer";
export default { async fetch() {
  const r = {};
  const E = (e) => "ERR " + e.name + " " + (e.code || "") + " " + e.message;
  const t = async (k, f) => { try { r[k] = await f(); } catch (e) { r[k] = E(e); } };
  await t("g1", () => { const { publicKey, privateKey } = C.generateKeyPairSync("rsa", { modulusLength: 1024 }); return [publicKey.type, privateKey.type, privateKey.asymmetricKeyType, privateKey.asymmetricKeyDetails.modulusLength, String(publicKey.asymmetricKeyDetails.publicExponent)]; });
  await t("g2", () => { const { publicKey, privateKey } = C.generateKeyPairSync("ec", { namedCurve: "P-256" }); return [publicKey.asymmetricKeyDetails, privateKey.asymmetricKeyType]; });
  await t("g3", () => { const { publicKey, privateKey } = C.generateKeyPairSync("ed25519"); const sig = C.sign(null, Buffer.from("x"), privateKey); return [publicKey.asymmetricKeyType, C.verify(null, Buffer.from("x"), publicKey, sig)]; });
  await t("g4", () => { const { publicKey, privateKey } = C.generateKeyPairSync("ec", { namedCurve: "secp384r1", publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "der" } }); return [typeof publicKey, publicKey.slice(0, 26), Buffer.isBuffer(privateKey)]; });
  await t("g5", () => C.generateKeyPairSync("dsa", { modulusLength: 1024 }));
  await t("g6", () => C.generateKeyPairSync("rsa", {}));
  await t("g7", () => C.generateKeyPairSync("rsa", { modulusLength: 1024, publicExponent: 3 }).privateKey.asymmetricKeyDetails.publicExponent === 3n);
  await t("g8", () => C.generateKeyPairSync("ec", { namedCurve: "nope" }));
  await t("g9", () => C.generateKeyPairSync("x25519").publicKey.asymmetricKeyType);
  await t("g10", async () => new Promise((res) => C.generateKeyPair("ed25519", {}, (e, pub, priv) => res([e, pub.type, priv.type]))));
  await t("g11", () => { const k = C.generateKeySync("hmac", { length: 64 }); return [k.type, k.symmetricKeySize]; });
  await t("g12", () => { const k = C.generateKeySync("aes", { length: 256 }); return [k.type, k.symmetricKeySize]; });
  await t("g13", () => C.generateKeySync("aes", { length: 100 }));
  await t("g14", () => C.generateKeySync("nope", { length: 100 }));
  await t("g15", async () => new Promise((res) => C.generateKey("hmac", { length: 16 }, (e, k) => res([e, k.symmetricKeySize]))));
  await t("g16", () => C.generateKeyPairSync("ed25519", { publicKeyEncoding: { format: "jwk" } }).publicKey.kty);
  await t("g17", () => C.generateKeyPairSync("rsa-pss", { modulusLength: 1024 }).privateKey.asymmetricKeyType);
  await t("g18", () => C.generateKeySync("hmac", { length: 7 }).symmetricKeySize);
  return new Response(JSON.stringify(r, (k, v) => typeof v === "bigint" ? v + "n" : v));
} };
`,
		want: `{"g1":["public","private","rsa",1024,"65537"],"g2":[{"namedCurve":"prime256v1"},"ec"],"g3":["ed25519",true],"g4":["string","-----BEGIN PUBLIC KEY-----",true],"g5":"ERR TypeError ERR_INVALID_ARG_VALUE The argument 'type' must be one of: 'rsa', 'ec', 'ed25519', 'x25519', 'dh'. Received 'dsa'","g6":"ERR TypeError ERR_INVALID_ARG_TYPE The \"options.modulusLength\" property must be of type number. Received undefined","g7":true,"g8":"ERR Error  Invalid or unsupported curve","g9":"x25519","g10":[null,"public","private"],"g11":["secret",8],"g12":["secret",32],"g13":"ERR TypeError ERR_INVALID_ARG_VALUE The property 'options.length' must be one of: 128, 192, 256. Received 100","g14":"ERR TypeError ERR_INVALID_ARG_VALUE The argument 'type' must be one of: 'hmac', 'aes'. Received 'nope'","g15":[null,2],"g16":"OKP","g17":"ERR TypeError ERR_INVALID_ARG_VALUE The argument 'type' must be one of: 'rsa', 'ec', 'ed25519', 'x25519', 'dh'. Received 'rsa-pss'","g18":"ERR RangeError ERR_OUT_OF_RANGE The value of \"options.length\" is out of range. It must be >= 8 && <= 65536. Received 7"}`,
	},
	{
		name: "rsa_encrypt",
		worker: `import * as C from "node:crypto";
import { Buffer } from "node:buffer";
const K = {"rsa.pem": "-----BEGIN PRIVATE KEY-----\nMIICdwIBADANBgkqhkiG9w0BAQEFAASCAmEwggJdAgEAAoGBAKzV4ghSHNDpCUCR\nGrBSFBiOTulw57dLlJKe4bqNNovMisxb19uAxG70PVVcRL9hP+003NJprB/No0Sq\ntOtic57feaPj4XBY+KRxlYDjsKWWFrUAehptWbJPxRHKTL+My+Zg+jIpjEWYEhDp\nRugbV8TYxEZzD034RdoO78qeTivzAgMBAAECgYEAopL1cLo8XM43Y8KaBizOtmJ2\nG+OWMrYnZNuKnP3jxxB5pszleJXhMDUR1E9cY2DIzwmghVPdEnVOFHM2hwsukUDc\n9yQHNKEuDwW+055HZP05pqofyoYC0U/Ov4bOA6Kuo/dWYnXwPuT5a5x1wlb5rBIj\nj6GneLuPiiLvasmOPuECQQDZGMSglVNZ024U7bknWXDdkBZgaCNK8XD7TmUGlUXy\nYXQacCun5pNs2rv5MchUOpWpiB5yczHk5kmZqlVxurkpAkEAy86lTZYcx3RHnP2F\nOIUjaNtiyQGK8I1ZrdSSNrdj34ZM4EOSIO1LSsAyCeYJeXlpkqc3BZ8qG4+2YyRt\njc/zuwJADL19XIcm2xCjVysUQJDpJLd9+K5j09QTc0wIdbhw4GaDr8GBblsDr9Gu\nUlNvlDHT8p0AXGsSNIKnMxNh7Eiu8QJBAIN57b2dhzdMVh56lgSeLven/5Q4QI9q\nQF4ZcbGGoRFDrDhInu5K5nV0g1NLaPVKU8bdxGsGAL4C+d//UgVYD50CQEXmhagz\n/+kyd8U4Cy7+ZcM6R4vjIz8qpuuocjCuHXQdFlQB6igXkZvPJMM1+F8AbzAEmvfO\njJb0irnOJ5OJgY4=\n-----END PRIVATE KEY-----\n", "rsa.pub": "-----BEGIN PUBLIC KEY-----\nMIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCs1eIIUhzQ6QlAkRqwUhQYjk7p\ncOe3S5SSnuG6jTaLzIrMW9fbgMRu9D1VXES/YT/tNNzSaawfzaNEqrTrYnOe33mj\n4+FwWPikcZWA47Cllha1AHoabVmyT8URyky/jMvmYPoyKYxFmBIQ6UboG1fE2MRG\ncw9N+EXaDu/Knk4r8wIDAQAB\n-----END PUBLIC KEY-----\n", "ec.pem": "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgYlyUEOyDpSiSBmam\ngnEM/d+XX1K4ydvUehz+6fu3T7ahRANCAARMu4Pzt0Hbn5nNA0Btmb1dnlSTX452\nNZ+s3d4du67Unsg8ASvKs/wgOZicFz+IKUVz7spAJSX0r+UZClheRdCq\n-----END PRIVATE KEY-----\n"};
export default { async fetch() {
  const r = {};
  const E = (e) => "ERR " + e.name + " " + (e.code || "") + " " + e.message;
  const t = async (k, f) => { try { r[k] = await f(); } catch (e) { r[k] = E(e); } };
  const priv = C.createPrivateKey(K["rsa.pem"]), pub = C.createPublicKey(K["rsa.pub"]);
  await t("r1", () => C.privateDecrypt(priv, C.publicEncrypt(pub, Buffer.from("hello"))).toString());
  await t("r2", () => C.privateDecrypt({ key: K["rsa.pem"], padding: 4 }, C.publicEncrypt({ key: K["rsa.pub"], padding: 4 }, Buffer.from("oaep"))).toString());
  await t("r3", () => C.privateDecrypt({ key: K["rsa.pem"], padding: 4, oaepHash: "sha1", oaepLabel: "L" }, C.publicEncrypt({ key: K["rsa.pub"], padding: 4, oaepHash: "sha1", oaepLabel: "L" }, Buffer.from("lbl"))).toString());
  await t("r4", () => C.privateDecrypt({ key: K["rsa.pem"], padding: 4 }, C.publicEncrypt({ key: K["rsa.pub"], padding: 4, oaepLabel: "x" }, Buffer.from("m"))));
  await t("r5", () => C.publicEncrypt({ key: K["rsa.pub"], oaepLabel: "x" }, Buffer.from("m")));
  await t("r6", () => C.publicEncrypt({ key: K["rsa.pub"], padding: 4, oaepHash: "nope" }, Buffer.from("m")));
  await t("r7", () => C.publicDecrypt(pub, C.privateEncrypt(priv, Buffer.from("signed"))).toString());
  await t("r8", () => C.privateEncrypt(priv, Buffer.from("signed")).toString("hex"));
  await t("r9", () => C.publicEncrypt({ key: K["rsa.pub"], padding: 3 }, Buffer.alloc(128, 1)).length);
  await t("r10", () => C.publicEncrypt({ key: K["rsa.pub"], padding: 3 }, Buffer.alloc(10, 1)));
  await t("r11", () => C.privateEncrypt({ key: K["rsa.pem"], padding: 4 }, Buffer.from("x")));
  await t("r12", () => C.publicEncrypt(K["ec.pem"], Buffer.from("x")));
  await t("r13", () => C.publicEncrypt(priv, Buffer.from("x")));
  await t("r14", () => C.publicEncrypt(K["rsa.pem"], "str").length);
  await t("r15", () => C.privateDecrypt(priv, Buffer.alloc(128)));
  await t("r16", () => C.publicEncrypt());
  await t("r17", () => C.privateDecrypt(priv));
  await t("r18", () => C.publicEncrypt(pub, Buffer.alloc(200)));
  await t("r19", () => C.publicDecrypt(pub, Buffer.alloc(128, 3)));
  await t("r20", () => C.publicEncrypt({ key: K["rsa.pub"], padding: 7 }, Buffer.from("m")));
  return new Response(JSON.stringify(r));
} };
`,
		want: `{"r1":"hello","r2":"oaep","r3":"lbl","r4":"ERR Error  Failed to cipher/decipher","r5":"ERR Error  Failed to set the OAEP label","r6":"ERR Error  Unsupported hash digest","r7":"signed","r8":"0579562bb369ede08fc4f3cfbfffd63f68a2a2f5b27513eac7a188f071683c7c67ffd34b76a3c4d749f52d29a0a7405420ca9472b51f549e13af1ce179f9c8fb25f7ac6d0b70a6510d6948d144a5b0b46bcb7778e2247306182eaa88cb7fecf56ed018660e324f52f8dfe63f423adac1e5e81a6beba68067f15025f340a2871b","r9":128,"r10":"ERR Error  Failed to cipher/decipher","r11":"ERR Error  Failed to set the padding","r12":"ERR Error  publicEncrypt() currently only supports RSA keys","r13":"ERR Error ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE Invalid key object type private, expected public.","r14":128,"r15":"ERR Error  Failed to cipher/decipher","r16":"ERR TypeError ERR_MISSING_ARGS The \"key\" argument must be specified","r17":"ERR TypeError ERR_MISSING_ARGS The \"buffer\" argument must be specified","r18":"ERR Error  Failed to cipher/decipher","r19":"ERR Error  Failed to cipher/decipher","r20":"ERR Error  Failed to set the padding"}`,
	},
	{
		name: "cryptokey_interop",
		worker: `import * as crypto from 'node:crypto';
import { Buffer } from 'node:buffer';
export default { async fetch() {
  const r = {};
  const E = async (f) => { try { return await f(); } catch (e) { return 'ERR ' + e.name + ' ' + e.code + ' ' + e.message; } };
  const kp = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const ed = await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
  r.a = await E(() => { const k = crypto.KeyObject.from(kp.privateKey); return [k.type, k.asymmetricKeyType, k.asymmetricKeyDetails]; });
  r.b = await E(() => { const k = crypto.KeyObject.from(kp.publicKey); return [k.type, k.asymmetricKeyType]; });
  r.c = await E(() => { const sig = crypto.sign('sha256', Buffer.from('m'), kp.privateKey); return crypto.verify('sha256', Buffer.from('m'), kp.publicKey, sig); });
  r.d = await E(() => { const sig = crypto.sign(null, Buffer.from('m'), ed.privateKey); return crypto.verify(null, Buffer.from('m'), ed.publicKey, sig); });
  r.e = await E(() => crypto.KeyObject.from(ed.privateKey).type);
  r.f = await E(() => crypto.createPublicKey(kp.privateKey).type);
  r.g = await E(() => crypto.createPrivateKey(kp.publicKey));
  return new Response(JSON.stringify(r));
} };
`,
		want: `{"a":["private","ec",{"namedCurve":"prime256v1"}],"b":["public","ec"],"c":true,"d":true,"e":"private","f":"ERR Error undefined Failed to derive public key from private key","g":"ERR TypeError ERR_INVALID_ARG_TYPE The \"options.key\" property must be of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, or Object. Received undefined"}`,
	},
	{
		name: "diffie_hellman",
		worker: `import * as crypto from 'node:crypto';
import { Buffer } from 'node:buffer';
export default { async fetch() {
  const r = {};
  const E = async (f) => { try { return await f(); } catch (e) { return 'ERR ' + e.name + ' ' + e.code + ' ' + e.message; } };
  const a = crypto.generateKeyPairSync('x25519'), b = crypto.generateKeyPairSync('x25519');
  const c = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }), d = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const e = crypto.generateKeyPairSync('ec', { namedCurve: 'P-384' });
  r.a = await E(() => { const s1 = crypto.diffieHellman({ privateKey: a.privateKey, publicKey: b.publicKey }); const s2 = crypto.diffieHellman({ privateKey: b.privateKey, publicKey: a.publicKey }); return [s1.length, s1.equals(s2), Buffer.isBuffer(s1)]; });
  r.b = await E(() => { const s1 = crypto.diffieHellman({ privateKey: c.privateKey, publicKey: d.publicKey }); const s2 = crypto.diffieHellman({ privateKey: d.privateKey, publicKey: c.publicKey }); return [s1.length, s1.equals(s2)]; });
  r.c = await E(() => crypto.diffieHellman({ privateKey: c.privateKey, publicKey: e.publicKey }));
  r.d = await E(() => crypto.diffieHellman({ privateKey: a.privateKey, publicKey: c.publicKey }));
  r.e = await E(() => crypto.diffieHellman({ privateKey: a.publicKey, publicKey: b.publicKey }));
  r.f = await E(() => crypto.diffieHellman({ privateKey: a.privateKey }));
  r.g = await E(() => crypto.diffieHellman(5));
  r.h = await E(() => crypto.diffieHellman({ privateKey: a.privateKey, publicKey: b.privateKey }).length);
  return new Response(JSON.stringify(r));
} };
`,
		want: `{"a":[32,true,true],"b":[32,true],"c":"ERR Error undefined Failed to derive shared diffie-hellman secret","d":"ERR TypeError ERR_INVALID_ARG_VALUE The property 'options.publicKey.asymmetricKeyType' must equal privateKey.asymmetricKeyType. Received 'ec'","e":"ERR TypeError ERR_INVALID_ARG_TYPE The \"options.privateKey\" property must be private key. Received an instance of PublicKeyObject","f":"ERR TypeError ERR_INVALID_ARG_TYPE The \"options.publicKey\" property must be an instance of KeyObject. Received undefined","g":"ERR TypeError ERR_INVALID_ARG_TYPE The \"options\" argument must be of type object. Received type number (5)","h":"ERR TypeError ERR_INVALID_ARG_TYPE The \"options.publicKey\" property must be public key. Received an instance of PrivateKeyObject"}`,
	},
	{
		name: "ecdh",
		worker: `import * as crypto from 'node:crypto';
import { Buffer } from 'node:buffer';
export default { async fetch() {
  const r = {};
  const E = async (f) => { try { return await f(); } catch (e) { return 'ERR ' + e.name + ' ' + e.code + ' ' + e.message; } };
  const priv = Buffer.from('c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721', 'hex');
  r.a = await E(() => { const e = crypto.createECDH('prime256v1'); e.setPrivateKey(priv); return [e.getPublicKey('hex'), e.getPublicKey('hex', 'compressed'), e.getPublicKey('base64', 'hybrid').length, e.getPrivateKey('hex')]; });
  r.b = await E(() => { const a = crypto.createECDH('secp384r1'), b = crypto.createECDH('secp384r1'); const ka = a.generateKeys(); const kb = b.generateKeys('hex', 'compressed'); return [ka.length, kb.length, a.computeSecret(b.getPublicKey()).equals(b.computeSecret(ka)), a.computeSecret(kb, 'hex').length]; });
  r.c = await E(() => crypto.createECDH('nope'));
  r.d = await E(() => crypto.createECDH('prime256v1').setPrivateKey(Buffer.alloc(32)));
  r.e = await E(() => { const e = crypto.createECDH('prime256v1'); e.generateKeys(); return e.computeSecret(Buffer.from('04' + '00'.repeat(64), 'hex')); });
  r.f = await E(() => crypto.ECDH.convertKey('036b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296', 'prime256v1', 'hex', 'hex', 'uncompressed'));
  r.g = await E(() => crypto.createECDH('prime256v1').getPublicKey());
  r.h = await E(() => { const e = crypto.createECDH('prime256v1'); e.generateKeys(); return e.getPublicKey('hex', 'nope'); });
  r.i = await E(() => crypto.createECDH(5));
  r.j = await E(() => { const e = crypto.createECDH('secp224r1'); return e.generateKeys().length; });
  r.k = await E(() => { const e = crypto.createECDH('prime256v1'); e.setPrivateKey(priv.toString('hex'), 'hex'); return e.getPublicKey().length; });
  r.l = await E(() => [typeof crypto.ECDH, crypto.createECDH('prime256v1') instanceof crypto.ECDH]);
  r.m = await E(() => { const e = crypto.createECDH('prime256v1'); e.generateKeys(); return e.computeSecret('zz'); });
  const mk = () => { const e = crypto.createECDH('prime256v1'); e.generateKeys(); return e; };
  r.x_a = await E(() => mk().getPublicKey('hex').length);
  r.x_b = await E(() => mk().getPublicKey('hex', 'uncompressed').length);
  r.x_c = await E(() => mk().getPublicKey(undefined, 'compressed').length);
  r.x_d = await E(() => crypto.createECDH('prime256v1').generateKeys('hex').length);
  r.x_e = await E(() => mk().getPublicKey('buffer').length);
  r.x_f = await E(() => mk().getPrivateKey('hex').length);
  r.x_g = await E(() => mk().getPublicKey(null, 'hybrid').length);
  r.x_h = await E(() => { const e = crypto.createECDH('prime256v1'); e.setPrivateKey(Buffer.x_alloc(32, 1)); return e.getPublicKey().toString('hex'); });
  r.x_i = await E(() => { const e = crypto.createECDH('prime256v1'); e.setPrivateKey(Buffer.x_alloc(32, 1)); return e.getPublicKey('hex'); });
  r.x_j = await E(() => crypto.createECDH('prime256v1').getPrivateKey());
  r.x_k = await E(() => { const e = mk(); return e.setPublicKey(mk().getPublicKey()); });
  return new Response(JSON.stringify(r));
} };
`,
		want: `{"a":"ERR Error undefined Failed to get public key length","b":[97,98,true,48],"c":"ERR Error undefined Invalid curve","d":"ERR Error undefined Private key is not valid for specified curve.","e":"ERR Error undefined Failed to set point","f":"046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c2964fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5","g":"ERR Error undefined Failed to get ECDH public key","h":"ERR TypeError ERR_INVALID_ARG_VALUE The argument 'format' must be one of: 'compressed', 'uncompressed', 'hybrid'. Received 'nope'","i":"ERR TypeError ERR_INVALID_ARG_TYPE The \"curveName\" argument must be of type string. Received type number (5)","j":57,"k":65,"l":["function",true],"m":"ERR Error undefined Failed to set point","x_a":130,"x_b":130,"x_c":33,"x_d":130,"x_e":"ERR TypeError ERR_UNKNOWN_ENCODING Unknown encoding: buffer","x_f":64,"x_g":"ERR Error undefined Failed to get public key length","x_h":"ERR TypeError undefined Buffer.x_alloc is not a function","x_i":"ERR TypeError undefined Buffer.x_alloc is not a function","x_j":"ERR Error undefined Failed to get ECDH private key","x_k":"ERR TypeError undefined e.setPublicKey is not a function"}`,
	},
}

// compareJSON checks a worker's JSON answer against the expected object, key by key (the
// expected values are what workerd answered for the same worker).
func compareJSON(t testing.TB, body, wantJSON string) {
	t.Helper()
	var got, want map[string]any
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatalf("bad body %q: %v", body, err)
	}
	if err := json.Unmarshal([]byte(wantJSON), &want); err != nil {
		t.Fatal(err)
	}
	keys := make([]string, 0, len(want))
	for k := range want {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !reflect.DeepEqual(got[k], want[k]) {
			g, _ := json.Marshal(got[k])
			w, _ := json.Marshal(want[k])
			t.Errorf("%s:\n got  %s\n want %s", k, g, w)
		}
	}
}

func TestNodeLibs(t *testing.T) {
	for _, c := range nodeLibsCases {
		t.Run(c.name, func(t *testing.T) {
			base := server(t, inline(t, c.worker, `, compatibilityFlags = ["nodejs_compat"]`), config.Options{})
			code, _, body := get(t, base+"/")
			if code != 200 {
				t.Fatalf("status %d: %s", code, body)
			}
			compareJSON(t, body, c.want)
		})
	}
}

// TestNodeLibsDifferential serves the same workers on real workerd and compares the answers
// case by case (skipped when workerd is not installed).
func TestNodeLibsDifferential(t *testing.T) {
	wd := oracle.RequireWorkerd(t)
	for _, c := range nodeLibsCases {
		t.Run(c.name, func(t *testing.T) {
			path := inline(t, c.worker, `, compatibilityFlags = ["nodejs_compat"]`)
			nanod := server(t, path, config.Options{})
			workerd := serveWorkerd(t, wd, path)
			resp, err := http.Get(workerd + "/")
			if err != nil {
				t.Fatal(err)
			}
			want, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			_, _, body := get(t, nanod+"/")
			compareJSON(t, body, string(want))
		})
	}
}
