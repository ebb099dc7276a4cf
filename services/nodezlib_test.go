package services_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/nanod-runtime/nanod/config"
)

// node:zlib compared with what workerd answered for the same workers (compatibility date
// 2026-11-17, nodejs_compat): round trips, decoding of workerd-made data, corrupt and truncated
// input, option checks, callbacks, promisify and the stream classes. Compressed bytes are not
// compared (Go's deflate encoder is not zlib's) except where zlib's framing is fixed.
func TestNodeZlib(t *testing.T) {
	for i, c := range []struct{ worker, want string }{{zlibWorker1, zlibWant1}, {zlibWorker2, zlibWant2}, {zstdWorker, zstdWant}, {zlibEndWorker, zlibEndWant}, {zlibBrotliWorker, zlibBrotliWant}} {
		base := server(t, inlineDate(t, c.worker, "2026-11-17", `, compatibilityFlags = ["nodejs_compat"]`), config.Options{})
		_, _, body := get(t, base+"/")
		var got, want map[string]any
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			t.Fatalf("%v: %s", err, body)
		}
		if err := json.Unmarshal([]byte(c.want), &want); err != nil {
			t.Fatal(err)
		}
		for k, w := range want {
			if !reflect.DeepEqual(got[k], w) {
				g, _ := json.Marshal(got[k])
				ws, _ := json.Marshal(w)
				t.Errorf("worker %d %s:\n got  %s\n want %s", i+1, k, g, ws)
			}
		}
	}
}

var zlibWorker1 = `import { Buffer } from "node:buffer";
import zlib from "node:zlib";
import * as ns from "node:zlib";
export default { async fetch() {
  const r = {};
  const t = (k, f) => { try { const v = f(); r[k] = v === undefined ? "undefined" : v; } catch (e) { r[k] = "ERR " + e.name + " " + (e.code ?? "") + " errno=" + e.errno + " " + e.message; } };
  const s = "hello hello hello hello";
  t("gz", () => Buffer.from(zlib.gzipSync(s)).toString("base64"));
  t("df", () => zlib.deflateSync(s).toString("base64"));
  t("dfr", () => zlib.deflateRawSync(s).toString("base64"));
  t("br", () => zlib.brotliCompressSync(s).toString("base64"));
  t("wdgz", () => zlib.gunzipSync(Buffer.from("H4sIAAAAAAAAA8tIzcnJV8hAJwHjUT2NFwAAAA==", "base64")).toString());
  t("wddf", () => zlib.inflateSync(Buffer.from("eJzLSM3JyVfIQCcBaAMIsQ==", "base64")).toString());
  t("wddfr", () => zlib.inflateRawSync(Buffer.from("y0jNyclXyEAnAQ==", "base64")).toString());
  t("wdbr", () => zlib.brotliDecompressSync(Buffer.from("GxYA+I2Ubt5EVYaWbCBvIU8c4Dg=", "base64")).toString());
  t("wdunzip", () => zlib.unzipSync(Buffer.from("H4sIAAAAAAAAA8tIzcnJV8hAJwHjUT2NFwAAAA==", "base64")).toString());
  t("big", () => { const s = "abcdefghij".repeat(20000) + "xyz"; return [zlib.gunzipSync(zlib.gzipSync(s)).toString() === s, zlib.inflateRawSync(zlib.deflateRawSync(s, {level: 0})).toString() === s, zlib.brotliDecompressSync(zlib.brotliCompressSync(s)).toString() === s, zlib.unzipSync(zlib.deflateSync(s, {level: 9})).toString() === s].join(); });
  t("rt1", () => zlib.gunzipSync(zlib.gzipSync(s)).toString());
  t("isbuf", () => Buffer.isBuffer(zlib.gzipSync(s)));
  t("bad1", () => zlib.inflateSync(Buffer.from("garbage data")));
  t("bad2", () => zlib.gunzipSync(Buffer.from("garbage data")));
  t("bad3", () => zlib.inflateRawSync(Buffer.from([0xff,0xff,0xff])));
  t("bad4", () => zlib.brotliDecompressSync(Buffer.from("garbage data")));
  t("trunc", () => zlib.inflateSync(zlib.deflateSync(s).subarray(0, 8)).toString());
  t("truncgz", () => zlib.gunzipSync(zlib.gzipSync(s).subarray(0, 15)).toString());
  t("truncbr", () => zlib.brotliDecompressSync(zlib.brotliCompressSync(s).subarray(0, 5)).toString());
  t("unzipdf", () => zlib.unzipSync(zlib.deflateSync(s)).toString());
  t("unzipgz", () => zlib.unzipSync(zlib.gzipSync(s)).toString());
  t("empty", () => zlib.inflateSync(Buffer.alloc(0)).toString());
  t("emptygz", () => zlib.gunzipSync(Buffer.alloc(0)).toString());
  t("emptyraw", () => zlib.inflateRawSync(Buffer.alloc(0)).toString());
  t("emptybr", () => zlib.brotliDecompressSync(Buffer.alloc(0)).toString());
  t("num", () => zlib.gzipSync(5));
  t("obj", () => zlib.gzipSync({}));
  t("undef", () => zlib.gzipSync());
  t("ab", () => zlib.gunzipSync(zlib.gzipSync(new TextEncoder().encode("x").buffer)).toString());
  t("dv", () => zlib.gunzipSync(zlib.gzipSync(new DataView(new TextEncoder().encode("xy").buffer))).toString());
  t("lvl", () => zlib.deflateSync(s, { level: 10 }));
  t("lvl2", () => zlib.deflateSync(s, { level: "1" }));
  t("lvl3", () => zlib.deflateSync(s, { level: 1.5 }));
  t("wb", () => zlib.deflateSync(s, { windowBits: 7 }));
  t("wb8", () => zlib.inflateSync(zlib.deflateSync(s, { windowBits: 8 })).toString());
  t("mem", () => zlib.deflateSync(s, { memLevel: 0 }));
  t("strat", () => zlib.deflateSync(s, { strategy: 5 }));
  t("chunk", () => zlib.deflateSync(s, { chunkSize: 10 }));
  t("flush", () => zlib.deflateSync(s, { flush: 9 }));
  t("ff", () => zlib.deflateSync(s, { finishFlush: -1 }));
  t("opts", () => zlib.deflateSync(s, "x"));
  t("opts2", () => zlib.deflateSync(s, null).length > 0);
  t("dict", () => zlib.inflateSync(zlib.deflateSync(s, { dictionary: Buffer.from("hello") }), { dictionary: Buffer.from("hello") }).toString());
  t("nodict", () => zlib.inflateSync(zlib.deflateSync(s, { dictionary: Buffer.from("hello") })).toString());
  t("baddict", () => zlib.inflateSync(zlib.deflateSync(s, { dictionary: Buffer.from("hello") }), { dictionary: Buffer.from("hellx") }).toString());
  t("dictT", () => zlib.deflateSync(s, { dictionary: "hello" }));
  t("maxout", () => zlib.inflateSync(zlib.deflateSync(s), { maxOutputLength: 5 }));
  t("maxout0", () => zlib.inflateSync(zlib.deflateSync(s), { maxOutputLength: 0 }));
  t("info", () => { const x = zlib.inflateSync(zlib.deflateSync(s), { info: true }); return Object.keys(x).join() + " " + typeof x.engine + " " + x.buffer.toString(); });
  t("crc", () => zlib.crc32("hello"));
  t("crc2", () => zlib.crc32("hello", 5));
  t("crc3", () => zlib.crc32(Buffer.from("hello")));
  t("crc4", () => zlib.crc32(5));
  t("crc5", () => zlib.crc32("x", "y"));
  t("crc6", () => zlib.crc32("€"));
  t("crc7", () => zlib.crc32("a", -1));
  t("crc8", () => zlib.crc32("a", 2**32));
  t("crc9", () => zlib.crc32(""));
  t("brq", () => zlib.brotliCompressSync(s, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 12 } }));
  t("brp", () => zlib.brotliCompressSync(s, { params: { 99: 1 } }));
  t("brp2", () => zlib.brotliCompressSync(s, { params: "x" }));
  t("gzhdr", () => { const b = zlib.gzipSync(s); return [...b.subarray(0,10)].join(); });
  t("gzcat", () => zlib.gunzipSync(Buffer.concat([zlib.gzipSync("ab"), zlib.gzipSync("cd")])).toString());
  t("trail", () => zlib.gunzipSync(Buffer.concat([zlib.gzipSync("ab"), Buffer.from([0,0,0])])).toString());
  t("trail2", () => zlib.gunzipSync(Buffer.concat([zlib.gzipSync("ab"), Buffer.from("zz")])).toString());
  t("trailinf", () => zlib.inflateSync(Buffer.concat([zlib.deflateSync("ab"), Buffer.from("zz")])).toString());
  t("badcrc", () => { const b = zlib.gzipSync("abc"); b[b.length-5]^=1; return zlib.gunzipSync(b).toString(); });
  t("badadler", () => { const b = zlib.deflateSync("abc"); b[b.length-1]^=1; return zlib.inflateSync(b).toString(); });
  t("badhdr", () => zlib.inflateSync(Buffer.from([0x78, 0x00, 1,2,3])).toString());
  t("gunzipdef", () => zlib.gunzipSync(zlib.deflateSync("abc")).toString());
  t("infgz", () => zlib.inflateSync(zlib.gzipSync("abc")).toString());
  t("codes", () => JSON.stringify(zlib.codes));
  t("constkeys", () => Object.keys(zlib.constants).length);
  t("frozen", () => Object.isFrozen(zlib.constants));
  t("ctor", () => { const g = new zlib.Gzip(); return [typeof g.pipe, g.constructor.name, Object.getPrototypeOf(Object.getPrototypeOf(g)).constructor.name, typeof g.flush, typeof g.params, typeof g.reset, typeof g.close, g.bytesWritten, g._finishFlushFlag].join(); });
  t("ctor2", () => { const g = zlib.Gzip(); return g.constructor.name; });
  t("ctor3", () => { const g = zlib.createBrotliCompress(); return [g.constructor.name, Object.getPrototypeOf(Object.getPrototypeOf(g)).constructor.name].join(); });
  t("defkeys", () => Object.keys(zlib).filter(k => !(k in ns)).join());
  t("nskeys", () => Object.keys(ns).filter(k => !(k in zlib)).join());
  await new Promise((res) => zlib.gzip(s, (err, b) => { r.cb = err ? "E" + err.message : zlib.gunzipSync(b).toString(); res(); }));
  await new Promise((res) => zlib.gzip(s, {level: 3}, (err, b) => { r.cb2 = err ? "E" + err.message : zlib.gunzipSync(b).toString(); res(); }));
  await new Promise((res) => zlib.inflate("garbage", (err, b) => { r.cberr = err ? [err.name, err.code, err.errno, err.message].join("|") : "ok"; res(); }));
  t("cbnone", () => zlib.gzip(s));
  t("cbbad", () => zlib.gzip(s, {}, 5));
  t("cbopt", () => zlib.gzip(s, {level: 99}, () => {}));
  const { promisify } = await import("node:util");
  r.prom = (await promisify(zlib.gzip)(s)).length > 0;
  r.custom = typeof zlib.gzip[promisify.custom];
  try { await promisify(zlib.inflate)("bad"); } catch (e) { r.promerr = e.code; }
  return new Response(JSON.stringify(r, null, 1));
}};
`

var zlibWant1 = `{"wdgz":"hello hello hello hello","wddf":"hello hello hello hello","wddfr":"hello hello hello hello","wdbr":"hello hello hello hello","wdunzip":"hello hello hello hello","big":"true,true,true,true","rt1":"hello hello hello hello","isbuf":true,"bad1":"ERR Error  errno=undefined incorrect header check","bad2":"ERR Error  errno=undefined incorrect header check","bad3":"ERR Error  errno=undefined invalid block type","bad4":"ERR Error  errno=undefined Compression failed","trunc":"ERR Error  errno=undefined unexpected end of file","truncgz":"ERR Error  errno=undefined unexpected end of file","truncbr":"ERR Error  errno=undefined Unexpected end of file","unzipdf":"hello hello hello hello","unzipgz":"hello hello hello hello","empty":"ERR Error  errno=undefined unexpected end of file","emptygz":"ERR Error  errno=undefined unexpected end of file","emptyraw":"ERR Error  errno=undefined unexpected end of file","emptybr":"ERR Error  errno=undefined Unexpected end of file","num":"ERR TypeError  errno=undefined Failed to execute 'zlibSync' on 'ZlibUtil': parameter 1 is not of type 'string or ArrayBuffer or ArrayBufferView'.","obj":"ERR TypeError  errno=undefined Failed to execute 'zlibSync' on 'ZlibUtil': parameter 1 is not of type 'string or ArrayBuffer or ArrayBufferView'.","undef":"ERR TypeError  errno=undefined Failed to execute 'zlibSync' on 'ZlibUtil': parameter 1 is not of type 'string or ArrayBuffer or ArrayBufferView'.","ab":"x","dv":"xy","lvl":"ERR RangeError  errno=undefined The value of \"options.level\" is out of range. It must be >= -1 and <= 9. Received 10","wb":"ERR RangeError  errno=undefined The value of \"options.windowBits\" is out of range. It must be >= 8 and <= 15. Received 7","wb8":"hello hello hello hello","mem":"ERR RangeError  errno=undefined The value of \"options.memLevel\" is out of range. It must be >= 1 and <= 9. Received 0","strat":"ERR Error  errno=undefined invalid strategy","chunk":"ERR RangeError  errno=undefined The value of \"options.chunkSize\" is out of range. It must be >= 64 and <= 134217728. Received 10","flush":"ERR RangeError  errno=undefined The value of \"options.flush\" is out of range. It must be >= 0 and <= 6. Received 9","ff":"ERR RangeError  errno=undefined The value of \"options.finishFlush\" is out of range. It must be >= 0 and <= 6. Received 0","opts":"ERR TypeError  errno=undefined Failed to execute 'zlibSync' on 'ZlibUtil': parameter 2 is not of type 'Options'.","opts2":"ERR TypeError  errno=undefined Cannot read properties of null (reading 'info')","dict":"hello hello hello hello","nodict":"ERR Error  errno=undefined Missing dictionary","baddict":"ERR Error  errno=undefined Bad dictionary","dictT":"ERR TypeError  errno=undefined Incorrect type for the 'dictionary' field on 'Options': the provided value is not of type 'ArrayBuffer or ArrayBufferView'.","maxout":"ERR RangeError  errno=undefined Memory limit exceeded","maxout0":"ERR RangeError  errno=undefined The value of \"options.maxOutputLength\" is out of range. It must be >= 1 and <= 134217728. Received 0","info":"engine,buffer object hello hello hello hello","crc":907060870,"crc2":4277152246,"crc3":907060870,"crc4":"ERR TypeError  errno=undefined Failed to execute 'crc32' on 'ZlibUtil': parameter 1 is not of type 'string or ArrayBuffer or ArrayBufferView'.","crc5":"ERR TypeError ERR_INVALID_ARG_TYPE errno=undefined The \"value\" argument must be of type number. Received type string ('y')","crc6":2213726422,"crc7":"ERR RangeError ERR_OUT_OF_RANGE errno=undefined The value of \"value\" is out of range. It must be >= 0 && < 4294967296. Received -1","crc8":"ERR RangeError ERR_OUT_OF_RANGE errno=undefined The value of \"value\" is out of range. It must be >= 0 && < 4294967296. Received 4294967296","crc9":0,"brp":"ERR Error  errno=undefined Setting parameter failed","brp2":"ERR TypeError  errno=undefined Incorrect type for the 'params' field on 'Options': the provided value is not of type 'object'.","gzhdr":"31,139,8,0,0,0,0,0,0,3","gzcat":"abcd","trail":"ab","trail2":"ERR Error  errno=undefined incorrect header check","trailinf":"ab","badcrc":"ERR Error  errno=undefined incorrect data check","badadler":"ERR Error  errno=undefined incorrect data check","badhdr":"ERR Error  errno=undefined incorrect header check","gunzipdef":"ERR Error  errno=undefined incorrect header check","infgz":"ERR Error  errno=undefined incorrect header check","codes":"{\"0\":\"Z_OK\",\"1\":\"Z_STREAM_END\",\"2\":\"Z_NEED_DICT\",\"Z_OK\":0,\"Z_STREAM_END\":1,\"Z_NEED_DICT\":2,\"Z_ERRNO\":-1,\"Z_STREAM_ERROR\":-2,\"Z_DATA_ERROR\":-3,\"Z_MEM_ERROR\":-4,\"Z_BUF_ERROR\":-5,\"Z_VERSION_ERROR\":-6,\"-1\":\"Z_ERRNO\",\"-2\":\"Z_STREAM_ERROR\",\"-3\":\"Z_DATA_ERROR\",\"-4\":\"Z_MEM_ERROR\",\"-5\":\"Z_BUF_ERROR\",\"-6\":\"Z_VERSION_ERROR\"}","constkeys":172,"frozen":false,"ctor":"function,Gzip,Zlib,function,function,function,function,0,4","ctor2":"ERR TypeError  errno=undefined Class constructor Gzip cannot be invoked without 'new'","ctor3":"BrotliCompress,Brotli","defkeys":"BROTLI_PARAM_SIZE_HINT,ZSTD_e_continue,ZSTD_e_flush,ZSTD_e_end,ZSTD_c_compressionLevel,ZSTD_c_windowLog,ZSTD_c_hashLog,ZSTD_c_chainLog,ZSTD_c_searchLog,ZSTD_c_minMatch,ZSTD_c_targetLength,ZSTD_c_strategy,ZSTD_c_enableLongDistanceMatching,ZSTD_c_ldmHashLog,ZSTD_c_ldmMinMatch,ZSTD_c_ldmBucketSizeLog,ZSTD_c_ldmHashRateLog,ZSTD_c_contentSizeFlag,ZSTD_c_checksumFlag,ZSTD_c_dictIDFlag,ZSTD_c_nbWorkers,ZSTD_c_jobSize,ZSTD_c_overlapLog,ZSTD_d_windowLogMax,ZSTD_fast,ZSTD_dfast,ZSTD_greedy,ZSTD_lazy,ZSTD_lazy2,ZSTD_btlazy2,ZSTD_btopt,ZSTD_btultra,ZSTD_btultra2,ZSTD_CLEVEL_DEFAULT","nskeys":"default","cb":"hello hello hello hello","cb2":"hello hello hello hello","cberr":"Error|||incorrect header check","cbnone":"ERR TypeError ERR_INVALID_ARG_TYPE errno=undefined The \"callback\" argument must be of type function. Received undefined","cbbad":"ERR TypeError ERR_INVALID_ARG_TYPE errno=undefined The \"callback\" argument must be of type function. Received type number (5)","cbopt":"undefined","prom":true,"custom":"undefined"}`

var zlibWorker2 = `import { Buffer } from "node:buffer";
import zlib from "node:zlib";
export default { async fetch() {
  const r = {};
  const t = (k, f) => { try { const v = f(); r[k] = v === undefined ? "undefined" : v; } catch (e) { r[k] = "ERR " + e.name + " " + (e.code ?? "") + " " + e.message; } };
  const s = "hello hello hello hello";
  t("c1", () => new zlib.Gzip({ level: 10 }));
  t("c2", () => new zlib.Gzip({ level: "1" }));
  t("c3", () => new zlib.Gzip({ windowBits: 7 }));
  t("c4", () => new zlib.Gzip({ chunkSize: 10 }));
  t("c5", () => new zlib.Gzip({ strategy: 9 }));
  t("c6", () => new zlib.Gzip({ dictionary: "x" }));
  t("c7", () => new zlib.Gzip("x").constructor.name);
  t("c8", () => new zlib.BrotliCompress({ params: { 99: 1 } }));
  t("c9", () => new zlib.BrotliCompress({ params: { 1: 99 } }));
  t("c10", () => new zlib.Gzip({ level: 1.5 }));
  t("c11", () => new zlib.Gzip({ level: NaN }).constructor.name);
  t("s1", () => zlib.deflateSync(s, { level: NaN }).length);
  t("s2", () => zlib.deflateSync(s, { level: "x" }).length);
  t("s3", () => zlib.deflateSync(s, { level: Infinity }).length);
  t("s4", () => zlib.deflateSync(s, { strategy: -1 }).length);
  t("s5", () => zlib.deflateSync(s, { maxOutputLength: 2**30 }).length);
  t("s6", () => zlib.deflateSync(s, { level: null }).length);
  t("s7", () => zlib.deflateSync(s, { windowBits: 0 }).length);
  t("s8", () => zlib.inflateSync(zlib.deflateSync(s), { windowBits: 0 }).toString());
  t("s9", () => zlib.inflateRawSync(zlib.deflateRawSync(s), { windowBits: 0 }).toString());
  t("s10", () => zlib.gzipSync(s, { level: 0 }).length);
  t("s11", () => zlib.brotliDecompressSync(zlib.brotliCompressSync(s), {maxOutputLength: 3}));
  t("s12", () => zlib.brotliDecompressSync(Buffer.from([0x1b, 0x16, 0x00, 0x00, 1, 2, 3, 4, 5])));
  t("s13", () => zlib.brotliDecompressSync(Buffer.concat([zlib.brotliCompressSync(s), Buffer.from("x")])).toString());
  t("s14", () => zlib.inflateRawSync(Buffer.from([0x01, 0x05, 0x00, 0x00, 0x00, 1,2,3,4,5])).toString());
  t("s15", () => zlib.inflateRawSync(Buffer.from([0x01, 0x05, 0x00, 0xfa, 0xff, 104,105,106,107,108])).toString());
  t("s16", () => zlib.brotliCompressSync(s, {params: {[zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: 23}}).length > 0);
  t("s17", () => zlib.gzipSync(s, {level: 9, memLevel: 9, strategy: 2, windowBits: 9}).length > 0);
  t("s18", () => zlib.unzipSync(Buffer.from("zz")));
  t("s19", () => zlib.unzipSync(Buffer.from([0x1f])));
  t("s20", () => zlib.gunzipSync(Buffer.from([0x1f, 0x8b, 8, 0, 0,0,0,0, 0, 3])));
  t("s21", () => zlib.inflateSync(zlib.deflateSync(s), {finishFlush: zlib.constants.Z_SYNC_FLUSH}).toString());
  t("s22", () => zlib.inflateSync(zlib.deflateSync(s).subarray(0,8), {finishFlush: zlib.constants.Z_SYNC_FLUSH}).toString());
  t("s23", () => zlib.deflateSync("").toString("hex"));
  t("s24", () => zlib.deflateRawSync("").toString("hex"));
  t("s25", () => zlib.gzipSync("").length);
  t("s26", () => zlib.brotliCompressSync("").toString("hex"));
  const run = (st, input) => new Promise((res) => { const out = []; st.on("data", (c) => out.push(c)); st.on("end", () => res("ok:" + Buffer.concat(out).toString())); st.on("error", (e) => res("error:" + [e.name, e.code, e.errno, e.message].join("|"))); for (const c of input) st.write(c); st.end(); });
  r.st1 = await run(zlib.createGunzip(), [zlib.gzipSync(s)]);
  r.st2 = await run(zlib.createInflate(), [Buffer.from("garbage")]);
  const g = zlib.createGzip(); const chunks = []; g.on("data", c => chunks.push(c)); g.write("abc"); g.end("def"); await new Promise(res => g.on("end", res));
  r.st3 = zlib.gunzipSync(Buffer.concat(chunks)).toString(); r.st3n = chunks.length; r.bw = g.bytesWritten;
  r.st4 = await run(zlib.createBrotliDecompress(), [Buffer.from("garbage")]);
  r.st5 = await run(zlib.createGunzip(), [zlib.gzipSync(s).subarray(0, 12)]);
  r.st6 = await run(zlib.createInflate(), [zlib.deflateSync(s).subarray(0,8)]);
  const d = zlib.createDeflate(); const dc = []; d.on("data", c => dc.push(c)); d.write("abc"); await new Promise(res => d.flush(res)); r.fl = Buffer.concat(dc).length > 2; r.flinf = zlib.inflateSync(Buffer.concat(dc), {finishFlush: 2}).toString(); d.end();
  r.proto = Object.getOwnPropertyNames(Object.getPrototypeOf(Object.getPrototypeOf(zlib.createGzip()))).join();
  r.proto2 = Object.getOwnPropertyNames(Object.getPrototypeOf(Object.getPrototypeOf(Object.getPrototypeOf(zlib.createGzip())))).join();
  r.proto3 = Object.getPrototypeOf(Object.getPrototypeOf(Object.getPrototypeOf(Object.getPrototypeOf(zlib.createGzip())))).constructor.name;
  r.own = Object.keys(zlib.createGzip()).join();
  return new Response(JSON.stringify(r, null, 1));
}};
`

var zlibWant2 = `{"c1":"ERR RangeError ERR_OUT_OF_RANGE The value of \"options.level\" is out of range. It must be >= -1 and <= 9. Received 10","c2":"ERR TypeError ERR_INVALID_ARG_TYPE The \"options.level\" property must be of type number. Received type string ('1')","c3":"ERR RangeError ERR_OUT_OF_RANGE The value of \"options.windowBits\" is out of range. It must be >= 9 and <= 15. Received 7","c4":"ERR RangeError ERR_OUT_OF_RANGE The value of \"options.chunkSize\" is out of range. It must be >= 64. Received 10","c5":"ERR RangeError ERR_OUT_OF_RANGE The value of \"options.strategy\" is out of range. It must be >= 0 and <= 4. Received 9","c6":"ERR TypeError ERR_INVALID_ARG_TYPE The \"options.dictionary\" property must be an instance of Buffer, TypedArray, DataView, or ArrayBuffer. Received type string ('x')","c7":"Gzip","c8":"ERR RangeError ERR_BROTLI_INVALID_PARAM 99 is not a valid Brotli parameter","c11":"Gzip","s1":34,"s2":34,"s3":34,"s4":"ERR TypeError  The value cannot be converted because it is negative and this API expects a positive number.","s5":"ERR RangeError  The value of \"options.maxOutputLength\" is out of range. It must be >= 1 and <= 134217728. Received 1073741824","s6":34,"s7":"ERR RangeError  The value of \"options.windowBits\" is out of range. It must be >= 8 and <= 15. Received 0","s8":"hello hello hello hello","s9":"ERR RangeError  The value of \"options.windowBits\" is out of range. It must be >= 8 and <= 15. Received 0","s10":46,"s11":"ERR RangeError  Memory limit exceeded","s12":"ERR Error  Unexpected end of file","s13":"hello hello hello hello","s14":"ERR Error  invalid stored block lengths","s15":"hijkl","s16":true,"s17":true,"s18":"ERR Error  incorrect header check","s19":"ERR Error  unexpected end of file","s20":"ERR Error  unexpected end of file","s21":"hello hello hello hello","s22":"hello","s23":"789c030000000001","s24":"0300","s25":20,"s26":"3b","st1":"ok:hello hello hello hello","st2":"error:Error|Z_DATA_ERROR|-3|incorrect header check","st3":"abcdef","st3n":2,"bw":6,"st4":"error:Error|ERR__ERROR_FORMAT_PADDING_1|-1|Compression failed","st5":"error:Error|Z_BUF_ERROR|-5|unexpected end of file","st6":"error:Error|Z_BUF_ERROR|-5|unexpected end of file","fl":true,"flinf":"abc","proto":"constructor,params","proto2":"constructor,_closed,bytesRead,reset,_flush,_final,flush,close,_destroy,_transform,_processChunk","proto3":"Transform"}`

var zstdWorker = `import { Buffer } from "node:buffer";
import zlib from "node:zlib";
export default { async fetch() {
  const r = {};
  const t = (k, f) => { try { const v = f(); r[k] = v === undefined ? "undefined" : v; } catch (e) { r[k] = "ERR " + e.name + " " + (e.code ?? "") + " " + e.message; } };
  const s = "hello hello hello hello";
  t("c", () => zlib.zstdCompressSync(s).toString("base64"));
  t("rt", () => zlib.zstdDecompressSync(zlib.zstdCompressSync(s)).toString());
  t("bad", () => zlib.zstdDecompressSync(Buffer.from("garbage data")));
  t("trunc", () => zlib.zstdDecompressSync(zlib.zstdCompressSync(s).subarray(0, 8)));
  t("empty", () => zlib.zstdDecompressSync(Buffer.alloc(0)).toString());
  t("emptyc", () => zlib.zstdCompressSync("").toString("hex"));
  t("lvl", () => zlib.zstdCompressSync(s, { params: { [zlib.constants.ZSTD_c_compressionLevel]: 19 } }).length > 0);
  t("badp", () => zlib.zstdCompressSync(s, { params: { 9999: 1 } }));
  t("badp2", () => new zlib.ZstdCompress({ params: { 9999: 1 } }));
  t("num", () => zlib.zstdCompressSync(5));
  t("max", () => zlib.zstdDecompressSync(zlib.zstdCompressSync(s), { maxOutputLength: 3 }));
  t("trail", () => zlib.zstdDecompressSync(Buffer.concat([zlib.zstdCompressSync(s), Buffer.from("x")])).toString());
  t("cat", () => zlib.zstdDecompressSync(Buffer.concat([zlib.zstdCompressSync("ab"), zlib.zstdCompressSync("cd")])).toString());
  t("cls", () => [new zlib.ZstdCompress().constructor.name, Object.getPrototypeOf(Object.getPrototypeOf(new zlib.ZstdCompress())).constructor.name].join());
  const run = (st, input) => new Promise((res) => { const out = []; st.on("data", (c) => out.push(c)); st.on("end", () => res("ok:" + Buffer.concat(out).toString())); st.on("error", (e) => res("error:" + [e.name, e.code, e.errno, e.message].join("|"))); for (const c of input) st.write(c); st.end(); });
  r.st1 = await run(zlib.createZstdDecompress(), [zlib.zstdCompressSync(s)]);
  r.st2 = await run(zlib.createZstdDecompress(), [Buffer.from("garbage")]);
  await new Promise((res) => zlib.zstdCompress(s, (err, b) => { r.cb = err ? "E" + err.message : zlib.zstdDecompressSync(b).toString(); res(); }));
  return new Response(JSON.stringify(r, null, 1));
}};
`

var zstdWant = `{"rt":"hello hello hello hello","bad":"ERR Error  Zstd decompression failed: Unknown frame descriptor","trunc":"ERR Error  unexpected end of file","empty":"","emptyc":"28b52ffd2000010000","lvl":true,"badp":"ERR Error  Unsupported Zstd compression parameter: 9999","badp2":"ERR RangeError ERR_ZSTD_INVALID_PARAM 9999 is not a valid Zstd parameter","num":"ERR TypeError  Failed to execute 'zstdCompressSync' on 'ZlibUtil': parameter 1 is not of type 'string or ArrayBuffer or ArrayBufferView'.","max":"ERR RangeError  Memory limit exceeded","trail":"hello hello hello hello","cat":"ab","cls":"ZstdCompress,Zstd","st1":"ok:hello hello hello hello","st2":"error:Error|ERR_ZSTD_DECOMPRESSION_FAILED|-1|Zstd decompression failed: Unknown frame descriptor","cb":"hello hello hello hello"}`

var zlibEndWorker = `import { Buffer } from "node:buffer";
import zlib from "node:zlib";
export default { async fetch() {
  const r = {};
  const input = "0123456789".repeat(40);
  const pairs = { raw: [zlib.deflateRawSync, zlib.createInflateRaw], zlib: [zlib.deflateSync, zlib.createInflate], br: [zlib.brotliCompressSync, zlib.createBrotliDecompress] };
  for (const [name, [compress, make]] of Object.entries(pairs)) {
    const c = compress(input);
    for (const [i, variant] of [(s) => s.end(c), (s) => { s.write(c); s.write(Buffer.from("junk")); }, (s) => s.end(Buffer.concat([c, Buffer.from("junk")])), (s) => { s.write(c.subarray(0, 5)); s.write(c.subarray(5)); }].entries()) {
      r[name + i] = await new Promise((res) => {
        const s = make(); let out = "";
        s.on("data", (d) => out += d); s.on("end", () => res(["end", out === input, s.bytesWritten === c.length].join()));
        s.on("error", (e) => res("error " + e.message));
        variant(s);
        setTimeout(() => res("timeout " + (out === input)), 200);
      });
    }
  }
  return new Response(JSON.stringify(r, null, 1));
}};
`

var zlibEndWant = `{"raw0":"end,true,true","raw1":"end,true,true","raw2":"end,true,true","raw3":"timeout true","zlib0":"end,true,true","zlib1":"end,true,true","zlib2":"end,true,true","zlib3":"timeout true","br0":"end,true,true","br1":"end,true,true","br2":"end,true,true","br3":"timeout true"}`

var zlibBrotliWorker = `import zlib from "node:zlib";
export default { async fetch() {
  const r = {};
  const t = (k, f) => { try { const v = f(); r[k] = v === undefined ? "undefined" : (typeof v === "object" ? "obj" : v); } catch (e) { r[k] = "ERR " + e.name + " " + (e.code ?? "") + " " + e.message; } };
  t("k9", () => zlib.createBrotliCompress({ params: { 9: 0 } }));
  t("k8", () => zlib.createBrotliCompress({ params: { 8: 0 } }));
  t("dup", () => zlib.createBrotliCompress({ params: { 0: 0, "00": 0 } }));
  t("bool", () => zlib.createBrotliCompress({ params: { 4: 42 } }));
  t("bool1", () => zlib.createBrotliCompress({ params: { 4: 1 } }));
  t("q99", () => zlib.createBrotliCompress({ params: { 1: 99 } }));
  t("neg", () => zlib.createBrotliCompress({ params: { "-1": 0 } }));
  t("syncdup", () => zlib.brotliCompressSync("x", { params: { 0: 0, "00": 0 } }).length);
  t("syncbool", () => zlib.brotliCompressSync("x", { params: { 4: 42 } }).length);
  t("dec", () => zlib.createBrotliDecompress({ params: { 1: 1 } }));
  t("dec2", () => zlib.createBrotliDecompress({ params: { 2: 1 } }));
  t("decsync", () => zlib.brotliDecompressSync(zlib.brotliCompressSync("x"), { params: { 2: 1 } }));
  return new Response(JSON.stringify(r, null, 1));
}};
`

var zlibBrotliWant = `{"k9":"ERR RangeError ERR_BROTLI_INVALID_PARAM 9 is not a valid Brotli parameter","k8":"obj","dup":"ERR RangeError ERR_BROTLI_INVALID_PARAM 00 is not a valid Brotli parameter","bool":"ERR Error ERR_ZLIB_INITIALIZATION_FAILED Initialization failed","bool1":"obj","q99":"obj","neg":"ERR RangeError ERR_BROTLI_INVALID_PARAM -1 is not a valid Brotli parameter","syncdup":5,"syncbool":"ERR Error  Setting parameter failed","dec":"obj","dec2":"ERR Error ERR_ZLIB_INITIALIZATION_FAILED Initialization failed","decsync":"ERR Error  Setting parameter failed"}`
