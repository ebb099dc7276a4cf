package services_test

import (
	"strings"
	"testing"

	"github.com/nanod-runtime/nanod/config"
)

// nodeCompatCases exercise node:buffer, node:path, node:util and node:events. Each want was
// observed from workerd running the same worker under compatibilityFlags = ["nodejs_compat"]
// (as a test() handler printing the same JSON).
var nodeCompatCases = []struct{ name, worker, want string }{
	{
		name: "main",
		worker: `import { Buffer, isUtf8, isAscii, kMaxLength } from "node:buffer";
import path from "node:path";
import { posix } from "node:path";
import util, { inspect, format, promisify, callbackify, inherits, types, isDeepStrictEqual } from "node:util";
import { Buffer as BareBuffer } from "buffer";
import posixMod from "node:path/posix";
import * as utilNS from "util";
import EventEmitter, { once, on, errorMonitor } from "node:events";
export default { async fetch() {
  const r = {};
  const t = (k, f) => { try { r[k] = f(); } catch (e) { r[k] = "ERR " + e.name + " " + (e.code||"") + " " + e.message; } };
  // buffer
  t("b1", () => Buffer.from("héllo wörld").toString("hex"));
  t("b2", () => Buffer.from("aGVsbG8gd29ybGQ", "base64").toString());
  t("b3", () => Buffer.from([250, 251, 252, 253, 254, 255]).toString("base64"));
  t("b4", () => Buffer.from([250, 251, 252, 253, 254, 255]).toString("base64url"));
  t("b5", () => Buffer.from("héllo", "latin1").toJSON());
  t("b6", () => Buffer.from("hé", "utf16le").toString("hex"));
  t("b7", () => Buffer.from([0xe9, 0x80, 0xff]).toString("ascii"));
  t("b8", () => Buffer.from([0xe9, 0x80, 0xff]).toString("latin1"));
  t("b9", () => Buffer.from([0xe9, 0x80, 0xff]).toString());
  t("b10", () => Buffer.byteLength("héllo") + "," + Buffer.byteLength("aGVsbG8=", "base64") + "," + Buffer.byteLength("abcd", "hex"));
  t("b11", () => Buffer.concat([Buffer.from("ab"), new Uint8Array([99]), Buffer.from("de")], 4).toString());
  t("b12", () => [Buffer.compare(Buffer.from("a"), Buffer.from("b")), Buffer.from("abc").compare(Buffer.from("abc")), Buffer.from("b").compare(Buffer.from("abc"))]);
  t("b13", () => [Buffer.isBuffer(Buffer.alloc(1)), Buffer.isBuffer(new Uint8Array(1)), Buffer.isEncoding("UTF-8"), Buffer.isEncoding("utf32"), Buffer.isEncoding("binary")]);
  t("b14", () => Buffer.alloc(5, "ab").toString() + "|" + Buffer.alloc(4, 0x41).toString() + "|" + Buffer.alloc(6, "YWI=", "base64").toString());
  t("b15", () => { const b = Buffer.alloc(8); const n = b.write("héllo", 1); return [n, b.toString("hex")]; });
  t("b16", () => { const b = Buffer.alloc(3); return [b.write("héllo"), b.toString("hex")]; });
  t("b17", () => { const b = Buffer.from("hello world"); return [b.indexOf("o"), b.lastIndexOf("o"), b.indexOf("o", 5), b.includes("wor"), b.indexOf(Buffer.from("ld")), b.indexOf(111), b.indexOf("z"), b.indexOf("o", -3)]; });
  t("b18", () => { const b = Buffer.from("hello"); const s = b.slice(1, 3); s[0] = 0x45; return [b.toString(), s.toString(), s instanceof Buffer, b.subarray(-2).toString()]; });
  t("b19", () => { const a = Buffer.from("hello"); const b = Buffer.alloc(7, "."); return [a.copy(b, 1, 1, 4), b.toString()]; });
  t("b20", () => { const b = Buffer.alloc(16); b.writeUInt32BE(0xdeadbeef, 0); b.writeInt16LE(-2, 4); b.writeDoubleLE(1.5, 8); return [b.toString("hex"), b.readUInt32LE(0), b.readInt16LE(4), b.readDoubleLE(8), b.readUInt8(0), b.readInt8(0)]; });
  t("b21", () => { const b = Buffer.alloc(8); b.writeBigInt64BE(-5n); return [b.toString("hex"), String(b.readBigUInt64BE()), String(b.readBigInt64BE())]; });
  t("b22", () => Buffer.alloc(2).writeUInt8(256, 0));
  t("b23", () => Buffer.alloc(2).readUInt16LE(1));
  t("b24", () => { const b = Buffer.alloc(6); b.writeUIntBE(0x123456, 0, 3); b.writeIntLE(-2, 3, 3); return [b.toString("hex"), b.readUIntBE(0, 3), b.readIntLE(3, 3)]; });
  t("b25", () => inspect(Buffer.from("hi")));
  t("b26", () => Buffer.from("abc").equals(Buffer.from("abc")));
  t("b27", () => Buffer.from("hello").toString("utf8", 1, 3));
  t("b28", () => Buffer.from("zz0102", "hex").length + "," + Buffer.from("0102zz", "hex").length + "," + Buffer.from("abc", "hex").length);
  t("b29", () => [isUtf8(Buffer.from([0xe9])), isUtf8(Buffer.from("é")), isAscii(Buffer.from("a")), isAscii(Buffer.from("é")), kMaxLength]);
  t("b30", () => Buffer.from("x", "nope"));
  t("b31", () => Buffer.from(new Uint16Array([1, 256, 257])).toJSON().data);
  t("b32", () => { const ab = new ArrayBuffer(8); const b = Buffer.from(ab, 2, 4); b[0] = 9; return [b.length, new Uint8Array(ab)[2]]; });
  t("b33", () => Buffer.alloc(-1));
  t("b34", () => Buffer.from({}));
  t("b35", () => inspect(Buffer.alloc(60)));
  t("b36", () => JSON.stringify(Buffer.from("ab")));
  t("b37", () => Buffer.from("ab c=d", "base64").toString("hex"));
  t("b38", () => Buffer.from("hello").swap16 && Buffer.from("hell").swap16().toString());
  t("b39", () => Buffer.from("abc").map((x) => x + 1) instanceof Buffer);
  t("b40", () => typeof Buffer.from("abc").readUint32LE);
  t("bare", () => [BareBuffer === Buffer, posixMod.join === path.join, utilNS.format === format, typeof utilNS.default.inspect]);
  // path
  t("p1", () => [path.join("/a/b", "../c", "./d"), path.join(""), path.join("a", "", "b/"), path.resolve("a/b", "../c"), path.resolve("/x", "y", "/z", "w")]);
  t("p2", () => [path.normalize("/a//b/../c/."), path.normalize("./"), path.normalize(""), path.normalize("../../a"), path.normalize("//a")]);
  t("p3", () => [path.dirname("/a/b/c"), path.dirname("a"), path.dirname("/"), path.dirname("//a"), path.basename("/a/b.txt"), path.basename("/a/b.txt", ".txt"), path.basename("/a/b/"), path.extname("a.b.c"), path.extname(".bashrc"), path.extname("a."), path.extname("a")]);
  t("p4", () => [path.relative("/data/a/b", "/data/c/d"), path.relative("/a", "/a/b"), path.relative("/a/b", "/a"), path.relative("a", "b")]);
  t("p5", () => [path.parse("/home/u/f.txt"), path.parse("rel/x"), path.format({ dir: "/a", name: "b", ext: "c" }), path.format({ root: "/", base: "x" })]);
  t("p6", () => [path.isAbsolute("/a"), path.isAbsolute("a"), path.sep, path.delimiter, path.posix === posix, posix.join === path.join]);
  t("p7", () => path.join(1));
  t("p8", () => path.win32.sep + path.win32.delimiter);
  // util
  t("u1", () => [format("%s:%d:%i:%f:%j", "a", 1.5, "42.9", "3.5", { a: 1 }), format("%o", [1]), format("%O", { a: { b: { c: { d: 1 } } } }), format("a", 1, "b", { c: 2 }), format("%%s %s", "x"), format("%s", 5n), format("%d", "x"), format(1, 2)]);
  t("u2", () => [inspect({ a: [1, 2, { b: new Map([[1, 2]]) }] }), inspect("x"), inspect.custom === Symbol.for("nodejs.util.inspect.custom"), typeof util.inspect]);
  t("u3", () => { function A() {} function B() {} inherits(A, B); return [Object.getPrototypeOf(A.prototype) === B.prototype, A.super_ === B]; });
  t("u4", () => [isDeepStrictEqual({ a: [1] }, { a: [1] }), isDeepStrictEqual({ a: 1 }, { a: "1" }), isDeepStrictEqual(NaN, NaN)]);
  t("u5", () => [types.isDate(new Date()), types.isRegExp(/a/), types.isPromise(Promise.resolve()), types.isMap(new Map()), types.isSet(new Set()), types.isTypedArray(new Uint8Array()), types.isUint8Array(Buffer.alloc(1)), types.isArrayBuffer(new ArrayBuffer(1)), types.isAnyArrayBuffer(new ArrayBuffer(1)), types.isBoxedPrimitive(Object(1)), types.isNativeError(new TypeError()), types.isGeneratorFunction(function* () {}), types.isAsyncFunction(async () => {}), types.isAsyncFunction(() => {}), types.isDate({}), types.isRegExp({}), types.isNativeError({ name: "Error", message: "" }), types.isDataView(new DataView(new ArrayBuffer(1))), types.isBoxedPrimitive(1)]);
  t("u6", () => [typeof util.promisify.custom, util.promisify.custom === Symbol.for("nodejs.util.promisify.custom"), util.TextEncoder === TextEncoder]);
  t("u7", () => format("%s", { a: 1 }) + "|" + format("%s", new Error("boom")).split("\n")[0] + "|" + format("%s", [1, [2, [3]]]) + "|" + format("%s", { toString() { return "T"; } }));
  t("u8", () => promisify(5));
  r.pr = await promisify((a, cb) => cb(null, a * 2))(21);
  const custom = () => {}; custom[promisify.custom] = () => Promise.resolve("C");
  r.pc = await promisify(custom)();
  try { await promisify((cb) => cb(new Error("bad")))(); } catch (e) { r.pe = e.message; }
  r.cb = await new Promise((res) => callbackify(async (x) => x + 1)(1, (e, v) => res([e, v])));
  r.cb2 = await new Promise((res) => callbackify(async () => { throw null; })((e) => res([e.code, e.message, e.reason])));
  // events
  const e = new EventEmitter();
  const log = [];
  e.on("newListener", (n) => log.push("new:" + String(n)));
  e.on("x", (a) => log.push("x1:" + a));
  e.prependListener("x", (a) => log.push("x0:" + a));
  e.once("x", (a) => log.push("once:" + a));
  log.push(e.emit("x", 1), e.emit("x", 2), e.emit("y"), e.listenerCount("x"), e.eventNames().length, e.getMaxListeners());
  t("e1", () => log);
  t("e2", () => { const e2 = new EventEmitter(); e2.emit("error", new Error("boom")); });
  t("e3", () => { const e2 = new EventEmitter(); e2.emit("error", "str"); });
  t("e4", () => { const e2 = new EventEmitter(); e2.emit("error"); });
  t("e5", () => { const e2 = new EventEmitter(); const seen = []; e2.on(errorMonitor, (er) => seen.push("mon:" + er.message)); e2.on("error", (er) => seen.push("err:" + er.message)); e2.emit("error", new Error("m")); return seen; });
  t("e6", () => { const e2 = new EventEmitter(); const f = () => {}; const rm = []; e2.on("removeListener", (n) => rm.push(n)); e2.on("a", f); e2.once("a", f); const l1 = e2.listeners("a").length; const raw = e2.rawListeners("a")[1] === f; e2.off("a", f); e2.removeAllListeners(); return [l1, raw, rm, e2.eventNames()]; });
  t("e7", () => [EventEmitter.defaultMaxListeners, typeof EventEmitter.EventEmitter, EventEmitter.once === once, EventEmitter.captureRejections]);
  t("e8", () => new EventEmitter().on("x", 5));
  t("e9", () => new EventEmitter().setMaxListeners(-1));
  const e3 = new EventEmitter();
  setTimeout(() => e3.emit("ready", 1, 2), 1);
  r.eo = await once(e3, "ready");
  const e4 = new EventEmitter();
  setTimeout(() => e4.emit("error", new Error("nope")), 1);
  try { await once(e4, "ready"); } catch (er) { r.eoe = er.message; }
  const e5 = new EventEmitter();
  queueMicrotask(() => { e5.emit("d", 1); e5.emit("d", 2); e5.emit("d", 3); });
  const got = [];
  for await (const [v] of on(e5, "d")) { got.push(v); if (got.length === 3) break; }
  r.eon = [got, e5.listenerCount("d"), e5.listenerCount("error")];
  const e6 = new EventEmitter({ captureRejections: true });
  const pe6 = new Promise((res) => e6.on("error", (er) => res("captured:" + er.message)));
  e6.on("z", async () => { throw new Error("rej"); });
  e6.emit("z");
  r.ecap = await pe6;
  return new Response(JSON.stringify(r, (k, v) => typeof v === "bigint" ? v + "n" : v));
} };
`,
		want: `{"b1":"68c3a96c6c6f2077c3b6726c64","b2":"hello world","b3":"+vv8/f7/","b4":"-vv8_f7_","b5":{"type":"Buffer","data":[104,233,108,108,111]},"b6":"6800e900","b7":"i\u0000","b8":"éÿ","b9":"��","b10":"6,5,2","b11":"abcd","b12":[-1,0,1],"b13":[true,false,true,false,true],"b14":"ababa|AAAA|ababab","b15":[6,"0068c3a96c6c6f00"],"b16":[3,"68c3a9"],"b17":[4,7,7,true,9,4,-1,-1],"b18":["hEllo","El",true,"lo"],"b19":[3,".ell..."],"b20":["deadbeeffeff0000000000000000f83f",4022250974,-2,1.5,222,-34],"b21":["fffffffffffffffb","18446744073709551611","-5"],"b22":"ERR RangeError ERR_OUT_OF_RANGE The value of \"value\" is out of range. It must be >= 0 and <= 255. Received 256","b23":"ERR RangeError ERR_OUT_OF_RANGE The value of \"offset\" is out of range. It must be >= 0 and <= 0. Received 1","b24":["123456feffff",1193046,-2],"b25":"<Buffer 68 69>","b26":true,"b27":"el","b28":"0,2,1","b29":[false,true,true,false,2147483647],"b30":"ERR TypeError ERR_UNKNOWN_ENCODING Unknown encoding: nope","b31":[1,0,1],"b32":[4,9],"b33":"ERR RangeError  Invalid typed array length: -1","b34":"ERR TypeError ERR_INVALID_ARG_TYPE The first argument must be of type string or an instance of Buffer, TypedArray, ArrayBuffer, SharedArrayBuffer, or Array or an Array-like Object. Received an instance of Object","b35":"<Buffer 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 ... 10 more bytes>","b36":"{\"type\":\"Buffer\",\"data\":[97,98]}","b37":"69b7","b38":"ehll","b39":true,"b40":"function","bare":[true,true,true,"function"],"p1":["/a/c/d",".","a/b/","/a/c","/z/w"],"p2":["/a/c","./",".","../../a","/a"],"p3":["/a/b",".","/","//","b.txt","b","b",".c","",".",""],"p4":["../../c/d","b","..","../b"],"p5":[{"root":"/","dir":"/home/u","base":"f.txt","ext":".txt","name":"f"},{"root":"","dir":"rel","base":"x","ext":"","name":"x"},"/a/b.c","/x"],"p6":[true,false,"/",":",true,true],"p7":"ERR TypeError ERR_INVALID_ARG_TYPE The \"path\" argument must be of type string. Received type number (1)","p8":"\\;","u1":["a:1.5:42:3.5:{\"a\":1}","[ 1, [length]: 1 ]","{ a: { b: { c: [Object] } } }","a 1 b { c: 2 }","%s x","5n","NaN","1 2"],"u2":["{ a: [ 1, 2, { b: [Map] } ] }","'x'",true,"function"],"u3":[true,true],"u4":[true,false,true],"u5":[true,true,true,true,true,true,true,true,true,true,true,true,true,false,false,false,false,true,false],"u6":["symbol",true,true],"u7":"{ a: 1 }|Error: boom|[ 1, [Array] ]|T","u8":"ERR TypeError ERR_INVALID_ARG_TYPE The \"original\" argument must be of type function. Received type number (5)","pr":42,"pc":"C","pe":"bad","cb":[null,2],"cb2":["ERR_FALSY_VALUE_REJECTION","Promise was rejected with falsy value",null],"e1":["new:x","new:x","new:x","x0:1","x1:1","once:1","x0:2","x1:2",true,true,false,2,2,10],"e2":"ERR Error  boom","e3":"ERR Error ERR_UNHANDLED_ERROR Unhandled error. ('str')","e4":"ERR Error ERR_UNHANDLED_ERROR Unhandled error. (undefined)","e5":["mon:m","err:m"],"e6":[2,false,["a","a"],[]],"e7":[10,"function",true,false],"e8":"ERR TypeError ERR_INVALID_ARG_TYPE The \"listener\" argument must be of type function. Received type number (5)","e9":"ERR RangeError ERR_OUT_OF_RANGE The value of \"n\" is out of range. It must be a non-negative number. Received -1","eo":[1,2],"eoe":"nope","eon":[[1,2,3],0,0],"ecap":"captured:rej"}`,
	},
	{
		name: "edges",
		worker: `import { Buffer, transcode, INSPECT_MAX_BYTES, SlowBuffer } from "node:buffer";
import bufDefault from "node:buffer";
import path from "node:path";
import util, { inspect, format, formatWithOptions, deprecate, types } from "node:util";
import EventEmitter, { listenerCount, getEventListeners, setMaxListeners, getMaxListeners, defaultMaxListeners } from "node:events";
export default { async fetch() {
  const r = {};
  const t = (k, f) => { try { r[k] = f(); } catch (e) { r[k] = "ERR " + e.name + " " + (e.code||"") + " " + e.message; } };
  t("c1", () => Buffer.from(" aG Vs\nbG8=extra", "base64").toString());
  t("c2", () => Buffer.from("-_-_", "base64").toString("hex") + "|" + Buffer.from("+/+/", "base64url").toString("hex"));
  t("c3", () => Buffer.from("abc", "hex").toString("hex") + "|" + Buffer.from("0g12", "hex").length);
  t("c4", () => Buffer.alloc(5).fill("a1", "hex").toString("hex"));
  t("c5", () => Buffer.alloc(5).fill("zz", "hex"));
  t("c6", () => [Buffer.from("hello").toString("utf8", 3, 1), Buffer.from("hello").toString(undefined, -5, 100), Buffer.from("hello").toString("hex", 2)]);
  t("c7", () => { const a = Buffer.from("x"); const b = Buffer.from(a); b[0] = 0x79; return a.toString() + b.toString(); });
  t("c8", () => Buffer(3).length + "|" + Buffer("ab").toString() + "|" + new Buffer("cd").toString());
  t("c9", () => { const b = Buffer.alloc(8); b.writeFloatBE(1.25); b.writeFloatLE(-2.5, 4); return [b.toString("hex"), b.readFloatBE(0), b.readFloatLE(4)]; });
  t("c10", () => inspect({ b: Buffer.from("ab"), e: Buffer.alloc(0) }));
  t("c11", () => [format("%s", -0), format("%s", Symbol("q")), format("%s", null), format("%s %s", "only"), format("%i", 3.9), format("%j", undefined), format("%c%s", "css", "x"), format("%x", 1), format("%s", Object.create(null))]);
  t("c12", () => [inspect({ a: 1 }, { compact: false }), inspect([1, 2, 3], { maxArrayLength: 1 }), inspect({ a: { b: { c: {} } } }, { depth: 0 }), formatWithOptions({ depth: 0 }, "%O", { a: { b: 1 } })]);
  t("c13", () => { const e = new EventEmitter(); const out = []; const f1 = () => { out.push(1); e.removeListener("x", f2); }; const f2 = () => out.push(2); e.on("x", f1); e.on("x", f2); e.emit("x"); e.emit("x"); return out; });
  t("c14", () => { const e = new EventEmitter(); const f = () => {}; e.on("x", f); e.on("x", () => {}); e.prependOnceListener("x", f); return [e.listenerCount("x"), e.listenerCount("x", f), listenerCount(e, "x"), getEventListeners(e, "x").length, getMaxListeners(e), defaultMaxListeners]; });
  t("c15", () => { const e = new EventEmitter(); const out = []; e.on("removeListener", (n, l) => out.push(n + ":" + typeof l)); const g = () => {}; e.once("q", g); e.emit("q"); return out; });
  t("c16", () => [path.resolve(""), path.resolve("."), path.resolve("a/../.."), path.join("/", ".."), path.normalize("a/b/../../.."), path.relative("/", "/a/b"), path.relative("/a/b", "/"), path.parse("/"), path.parse("./a.b/"), path.basename("a/b.js", "b.js"), path.basename("aaa", "a"), path.extname("/a/.b.c"), path.dirname("a/b/"), path.format({ name: "x", ext: "js" })]);
  t("c17", () => [transcode(Buffer.from("hé"), "utf8", "latin1").toString("hex"), INSPECT_MAX_BYTES, SlowBuffer(2).length, typeof bufDefault.Buffer]);
  t("c18", () => { const b = Buffer.from("€uro"); const out = Buffer.alloc(2); return [out.write("€"), b.length, Buffer.alloc(4).write("ab", 1, "utf16le"), Buffer.alloc(4).write("ab", "latin1")]; });
  t("c19", () => { const b = Buffer.alloc(4); return [b.writeUInt16LE(0xffff, 1), b.toString("hex"), b.readInt16BE(1)]; });
  t("c20", () => Buffer.alloc(4).writeInt32LE(2 ** 31));
  t("c21", () => Buffer.alloc(8).writeBigInt64LE(2n ** 63n));
  t("c22", () => Buffer.alloc(4).readUInt32LE(-1));
  t("c23", () => Buffer.alloc(4).readUInt32LE(1.5));
  t("c24", () => Buffer.alloc(4).readUInt32LE("0"));
  t("c25", () => Buffer.concat([Buffer.from("a"), "b"]));
  t("c26", () => Buffer.from("abc").equals("abc"));
  t("c27", () => [Buffer.from("aaa").lastIndexOf("a", 1), Buffer.from("abc").indexOf(""), Buffer.from("abc").indexOf("", 10), Buffer.from("abc").lastIndexOf(""), Buffer.from("abcabc").indexOf("c", "latin1")]);
  t("c28", () => [types.isUint8Array(new Uint8Array()), types.isArgumentsObject((function () { return arguments; })()), types.isGeneratorObject((function* () {})()), types.isWeakMap(new WeakMap()), types.isSetIterator(new Set().values()), types.isPromise({ then() {} }), types.isExternal({}), types.isModuleNamespaceObject(util)]);
  t("c29", () => { const d = deprecate(() => 7, "old", "DEP0"); return [d(), d(), typeof d]; });
  t("c30", () => Buffer.from("ab").toString("utf32"));
  t("c31", () => Buffer.byteLength(5));
  t("c32", () => Buffer.from([1, 2, 3]).toJSON());
  t("c33", () => Object.keys(path).sort().join());
  t("c34", () => [Buffer.from("AQID", "base64").readUIntLE(0, 3), Buffer.alloc(7).readUIntLE(0, 7)]);
  t("c35", () => { const e = new EventEmitter(); e.setMaxListeners(1); e.on("a", () => {}); e.on("a", () => {}); return e.listenerCount("a"); });
  return new Response(JSON.stringify(r, (k, v) => typeof v === "bigint" ? v + "n" : v));
} };
`,
		want: `{"c1":"hello","c2":"fbffbf|fbffbf","c3":"ab|0","c4":"a1a1a1a1a1","c5":"ERR TypeError  The text is not valid hex","c6":["","hello","6c6c6f"],"c7":"xy","c8":"3|ab|cd","c9":["3fa00000000020c0",1.25,-2.5],"c10":"{ b: <Buffer 61 62>, e: <Buffer > }","c11":["-0","Symbol(q)","null","only %s","3","undefined","x","%x 1","[Object: null prototype] {}"],"c12":["{\n  a: 1\n}","[ 1, ... 2 more items ]","{ a: [Object] }","{ a: [Object] }"],"c13":[1,2,1],"c14":[3,3,3,3,10,10],"c15":["q:function"],"c16":["/","/","/","/","..","a/b","../..",{"root":"/","dir":"/","base":"","ext":"","name":""},{"root":"","dir":".","base":"a.b","ext":".b","name":"a"},"b.js","aa",".c","a","x.js"],"c17":["68e9",50,2,"function"],"c18":[0,6,2,2],"c19":[3,"00ffff00",-1],"c20":"ERR RangeError ERR_OUT_OF_RANGE The value of \"value\" is out of range. It must be >= -2147483648 and <= 2147483647. Received 2147483648","c21":"ERR RangeError ERR_OUT_OF_RANGE The value of \"value\" is out of range. It must be >= -(2n ** 63n) and < 2 ** 63n. Received 9_223_372_036_854_775_808n","c22":"ERR RangeError ERR_OUT_OF_RANGE The value of \"offset\" is out of range. It must be >= 0 && <= 4. Received -1","c23":"ERR RangeError ERR_OUT_OF_RANGE The value of \"offset\" is out of range. It must be an integer. Received 1.5","c24":"ERR TypeError ERR_INVALID_ARG_TYPE The \"offset\" argument must be of type number. Received type string ('0')","c25":"ERR TypeError  Incorrect type for array element 1: the provided value is not of type 'Uint8Array'.","c26":"ERR TypeError ERR_INVALID_ARG_TYPE The \"b\" argument must be an instance of Buffer or Uint8Array. Received type string ('string')","c27":[1,0,3,3,2],"c28":[true,true,true,true,true,false,false,false],"c29":[7,7,"function"],"c30":"ERR TypeError ERR_UNKNOWN_ENCODING Unknown encoding: utf32","c31":"ERR TypeError ERR_INVALID_ARG_TYPE The \"string\" argument must be of type string or an instance of Buffer or ArrayBuffer. Received type number (5)","c32":{"type":"Buffer","data":[1,2,3]},"c33":"basename,delimiter,dirname,extname,format,isAbsolute,join,matchesGlob,normalize,parse,posix,relative,resolve,sep,toNamespacedPath,win32","c34":"ERR RangeError ERR_OUT_OF_RANGE The value of \"byteLength\" is out of range. It must be >= 1 and <= 6. Received 7","c35":2}`,
	},
	{
		name: "errors",
		worker: `import { Buffer } from "node:buffer";
export default { async fetch() {
  const r = {};
  const t = (k, f) => { try { r[k] = f(); } catch (e) { r[k] = "ERR " + e.name + " " + (e.code||"") + " " + e.message; } };
  t("d1", () => Buffer.alloc(4).readUInt32LE(1));
  t("d2", () => Buffer.alloc(6).readUInt16BE(5));
  t("d3", () => Buffer.alloc(2).readUInt32LE(0));
  t("d4", () => Buffer.alloc(4).writeUInt32LE(1, 1));
  t("d5", () => Buffer.alloc(4).writeUInt8(1, 4));
  t("d6", () => Buffer.alloc(8).readUIntLE(3, 6));
  t("d7", () => Buffer.alloc(8).writeUIntLE(2 ** 48, 0, 6));
  t("d8", () => Buffer.alloc(8).writeBigUInt64LE(-1n));
  t("d9", () => Buffer.alloc(8).writeInt32BE(5e9));
  t("d10", () => Buffer.alloc(4).fill("a", "hex"));
  t("d11", () => Buffer.alloc(4).fill("abz", "hex").toString("hex"));
  t("d12", () => Buffer.alloc(2).readInt8(2));
  t("d13", () => Buffer.alloc(4).readFloatLE(1));
  t("d14", () => Buffer.alloc(4).readDoubleLE(0));
  t("d15", () => Buffer.from("abc").equals(null));
  t("d16", () => Buffer.alloc(8).readBigInt64LE(1));
  return new Response(JSON.stringify(r));
} };
`,
		want: `{"d1":"ERR RangeError ERR_OUT_OF_RANGE The value of \"offset\" is out of range. It must be >= 0 and <= 0. Received 1","d2":"ERR RangeError ERR_OUT_OF_RANGE The value of \"offset\" is out of range. It must be >= 0 and <= 4. Received 5","d3":"ERR RangeError ERR_BUFFER_OUT_OF_BOUNDS Attempt to access memory outside buffer bounds","d4":"ERR RangeError ERR_OUT_OF_RANGE The value of \"offset\" is out of range. It must be >= 0 and <= 0. Received 1","d5":"ERR RangeError ERR_OUT_OF_RANGE The value of \"offset\" is out of range. It must be >= 0 and <= 3. Received 4","d6":"ERR RangeError ERR_OUT_OF_RANGE The value of \"offset\" is out of range. It must be >= 0 and <= 2. Received 3","d7":"ERR RangeError ERR_OUT_OF_RANGE The value of \"value\" is out of range. It must be >= 0 and < 2 ** 48. Received 281_474_976_710_656","d8":"ERR RangeError ERR_OUT_OF_RANGE The value of \"value\" is out of range. It must be >= 0n and < 2n ** 64n. Received -1n","d9":"ERR RangeError ERR_OUT_OF_RANGE The value of \"value\" is out of range. It must be >= -2147483648 and <= 2147483647. Received 5_000_000_000","d10":"ERR TypeError  The text is not valid hex","d11":"ERR TypeError  The text is not valid hex","d12":"ERR RangeError ERR_OUT_OF_RANGE The value of \"offset\" is out of range. It must be >= 0 and <= 1. Received 2","d13":"ERR RangeError ERR_OUT_OF_RANGE The value of \"offset\" is out of range. It must be >= 0 and <= 0. Received 1","d14":"ERR RangeError ERR_BUFFER_OUT_OF_BOUNDS Attempt to access memory outside buffer bounds","d15":"ERR TypeError ERR_INVALID_ARG_TYPE The \"b\" argument must be an instance of Buffer or Uint8Array. Received type string ('object')","d16":"ERR RangeError ERR_OUT_OF_RANGE The value of \"offset\" is out of range. It must be >= 0 and <= 0. Received 1"}`,
	},
	{
		name: "win32",
		worker: `import path from "node:path";
const w = path.win32;
export default { async fetch() {
  const r = {};
  const t = (k, f) => { try { r[k] = f(); } catch (e) { r[k] = "ERR " + e.name + " " + (e.code||"") + " " + e.message; } };
  const ins = ["", ".", "a", "\\", "/", "C:", "C:\\", "C:/x/../y", "c:a\\b", "\\\\server\\share", "\\\\server\\share\\", "\\\\server\\share\\a\\..\\b\\", "//s/sh/x", "a\\b\\..\\..\\..\\c", "C:\\a\\b.txt", "C:\\a\\.b", "C:\\a\\b\\", "\\\\?\\C:\\x", "a/b/c.d.e", "C:.x", "..\\a"];
  for (const f of ["normalize", "isAbsolute", "dirname", "basename", "extname"]) t("w_" + f, () => ins.map((p) => { try { return w[f](p); } catch (e) { return "ERR " + e.message; } }));
  t("w_join", () => [w.join("C:", "a"), w.join("\\\\", "server", "share"), w.join("a", "..", "..", "b"), w.join("C:\\a", "\\b"), w.join("//server", "share"), w.join(""), w.join("/a", "b/c")]);
  t("w_resolve", () => [w.resolve("C:\\a", "b"), w.resolve("a", "b"), w.resolve("C:\\a", "D:b"), w.resolve("\\\\s\\sh\\x", "..\\..\\y"), w.resolve("C:a", "b"), w.resolve("/x", "C:y"), w.resolve("")]);
  t("w_base", () => [w.basename("C:\\a\\b.txt", ".txt"), w.basename("C:b"), w.basename("a/b\\c")]);
  t("w_fmt", () => [w.format({ dir: "C:\\a", base: "b" }), w.format({ root: "C:\\", name: "x", ext: ".y" }), w.sep, w.delimiter, w.posix === path.posix, w.win32 === w]);
  t("w_parse", () => ins.map((p) => w.parse(p)));
  t("w_ns", () => ins.map((p) => w.toNamespacedPath(p)));
  t("w_rel", () => [w.relative("C:\\a\\b", "C:\\a\\c"), w.relative("C:\\a", "D:\\b"), w.relative("C:\\A\\b", "c:\\a\\B\\x"), w.relative("\\\\s\\sh\\a", "\\\\s\\sh\\b"), w.relative("C:\\", "C:\\x"), w.relative("C:\\x\\y", "C:\\"), w.relative("a", "b"), w.relative("\\\\s\\sh", "\\\\s\\sh\\x")]);
  t("p_re", () => [path.join("a\\b", "c"), path.normalize("a\\..\\b"), path.basename("a\\b"), path.dirname("a\\b")]);
  return new Response(JSON.stringify(r));
} };
`,
		want: `{"w_normalize":[".",".","a","\\","\\","C:.","C:\\","C:\\y","c:a\\b","\\\\server\\share\\","\\\\server\\share\\","\\\\server\\share\\b\\","\\\\s\\sh\\x","..\\c","C:\\a\\b.txt","C:\\a\\.b","C:\\a\\b\\","\\\\?\\C:\\x","a\\b\\c.d.e","C:.x","..\\a"],"w_isAbsolute":[false,false,false,true,true,false,true,true,false,true,true,true,true,false,true,true,true,true,false,false,false],"w_dirname":[".",".",".","\\","/","C:","C:\\","C:/x/..","c:a","\\\\server\\share","\\\\server\\share\\","\\\\server\\share\\a\\..","//s/sh/","a\\b\\..\\..\\..","C:\\a","C:\\a","C:\\a","\\\\?\\C:\\","a/b","C:",".."],"w_basename":["",".","a","","","","","y","b","share","share","b","x","c","b.txt",".b","b","x","c.d.e",".x","a"],"w_extname":["","","","","","","","","","","","","","",".txt","","","",".e","",""],"w_join":["C:\\a","\\server\\share","..\\b","C:\\a\\b","\\\\server\\share\\",".","\\a\\b\\c"],"w_resolve":["C:\\a\\b","\\a\\b","D:\\b","\\\\s\\sh\\y","C:\\a\\b","C:\\x\\y","\\"],"w_base":["b","b","c"],"w_fmt":["C:\\a\\b","C:\\x.y","\\",";",true,true],"w_parse":[{"root":"","dir":"","base":"","ext":"","name":""},{"root":"","dir":"","base":".","ext":"","name":"."},{"root":"","dir":"","base":"a","ext":"","name":"a"},{"root":"\\","dir":"\\","base":"","ext":"","name":""},{"root":"/","dir":"/","base":"","ext":"","name":""},{"root":"C:","dir":"C:","base":"","ext":"","name":""},{"root":"C:\\","dir":"C:\\","base":"","ext":"","name":""},{"root":"C:/","dir":"C:/x/..","base":"y","ext":"","name":"y"},{"root":"c:","dir":"c:a","base":"b","ext":"","name":"b"},{"root":"\\\\server\\share","dir":"\\\\server\\share","base":"","ext":"","name":""},{"root":"\\\\server\\share\\","dir":"\\\\server\\share\\","base":"","ext":"","name":""},{"root":"\\\\server\\share\\","dir":"\\\\server\\share\\a\\..","base":"b","ext":"","name":"b"},{"root":"//s/sh/","dir":"//s/sh/","base":"x","ext":"","name":"x"},{"root":"","dir":"a\\b\\..\\..\\..","base":"c","ext":"","name":"c"},{"root":"C:\\","dir":"C:\\a","base":"b.txt","ext":".txt","name":"b"},{"root":"C:\\","dir":"C:\\a","base":".b","ext":"","name":".b"},{"root":"C:\\","dir":"C:\\a","base":"b","ext":"","name":"b"},{"root":"\\\\?\\C:\\","dir":"\\\\?\\C:\\","base":"x","ext":"","name":"x"},{"root":"","dir":"a/b","base":"c.d.e","ext":".e","name":"c.d"},{"root":"C:","dir":"C:","base":".x","ext":"","name":".x"},{"root":"","dir":"..","base":"a","ext":"","name":"a"}],"w_ns":["",".","a","\\","/","\\\\?\\C:\\","\\\\?\\C:\\","\\\\?\\C:\\y","\\\\?\\c:\\a\\b","\\\\?\\UNC\\server\\share\\","\\\\?\\UNC\\server\\share\\","\\\\?\\UNC\\server\\share\\b","\\\\?\\UNC\\s\\sh\\x","a\\b\\..\\..\\..\\c","\\\\?\\C:\\a\\b.txt","\\\\?\\C:\\a\\.b","\\\\?\\C:\\a\\b","\\\\?\\C:\\x","\\a\\b\\c.d.e","\\\\?\\C:\\.x","..\\a"],"w_rel":["..\\c","D:\\b","x","..\\b","x","..\\..","\\b","x"],"p_re":["a\\b/c","a\\..\\b","a\\b","."]}`,
	},
	{
		name: "misc",
		worker: `import { Buffer } from "node:buffer";
import util from "node:util";
import EventEmitter from "node:events";
export default { async fetch() {
  const r = {};
  const t = (k, f) => { try { r[k] = f(); } catch (e) { r[k] = "ERR " + e.name + " " + (e.code||"") + " " + e.message; } };
  t("f1", () => util.inspect(new EventEmitter()));
  t("f2", () => [util.isError(new Error()), util.isArray([]), util.isBuffer(Buffer.alloc(1)), util.isBuffer(new Uint8Array(1))]);
  t("f3", () => [util.format("%s", new Map([[1, 2]])), util.format("%s", [1, 2, 3]), util.format("%s", new Date(0)), util.format("%d", 5n), util.format("%s %o", "a", "b")]);
  t("f4", () => { const b = Buffer.from("ab"); b.x = 1; return util.inspect(b); });
  t("f5", () => Buffer.prototype.toString.call(new Uint8Array([104, 105]), "hex"));
  t("f6", () => util.inspect(Buffer.alloc(51)));
  t("f7", () => Object.getOwnPropertyNames(Buffer).sort().join());
  t("f8", () => typeof util.inspect.defaultOptions + typeof util.debuglog("x") + util.debuglog("x").enabled);
  t("f9", () => [util.stripVTControlCharacters("\u001b[31mred\u001b[0m"), util.toUSVString("a\ud800")]);
  t("f10", () => { class A extends EventEmitter {} const a = new A(); return [a instanceof EventEmitter, a.eventNames(), util.inspect(a).slice(0, 2)]; });
  t("f11", () => { const o = {}; EventEmitter.call(o); return Object.keys(o); });
  t("f12", () => { const e = new EventEmitter(); const s = Symbol("s"); e.on(s, () => {}); e.on("a", () => {}); return e.eventNames().map(String); });
  t("f13", () => Buffer.from("€").toString("latin1") + "|" + Buffer.from("€", "ascii").toString("hex") + "|" + Buffer.from("\ud800x").toString("hex"));
  t("f14", () => [Buffer.from("aGk", "base64url").toString(), Buffer.from("aGk=", "base64url").toString(), Buffer.from("////", "base64").toString("base64url")]);
  return new Response(JSON.stringify(r));
} };
`,
		want: `{"f1":"EventEmitter {\n  _events: [Object: null prototype] {},\n  _eventsCount: 0,\n  _maxListeners: undefined,\n  domain: null,\n  Symbol(kCapture): false\n}","f2":[true,true,true,false],"f3":["Map(1) { 1 => 2 }","[ 1, 2, 3 ]","1970-01-01T00:00:00.000Z","5n","a 'b'"],"f4":"<Buffer 61 62, x: 1>","f5":"6869","f6":"<Buffer 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 ... 1 more byte>","f7":"alloc,allocUnsafe,allocUnsafeSlow,byteLength,compare,concat,from,isBuffer,isEncoding,length,name,of,poolSize,prototype","f8":"objectfunctiontrue","f9":["red","a�"],"f10":[true,[],"A "],"f11":["_events","_eventsCount","_maxListeners","domain"],"f12":["a","Symbol(s)"],"f13":"â¬|ac|efbfbd78","f14":["hi","hi","____"]}`,
	},
	{
		// Node's argument validation and transcode edge cases, as workerd answers them.
		name: "buffer-edges",
		worker: `import { Buffer, transcode, SlowBuffer } from "node:buffer";
export default { async fetch() {
  const r = {};
  const t = (k, f) => { try { r[k] = f(); } catch (e) { r[k] = "ERR " + e.name + " " + (e.code||"") + " " + e.message; } };
  const b = Buffer.from("abcdef");
  t("c1", () => b.compare(Buffer.from("abc"), "0"));
  t("c2", () => b.compare(Buffer.from("abc"), 0, 10));
  t("c3", () => b.compare(Buffer.from("abc"), 1.5));
  t("c4", () => [b.compare(Buffer.from("bcd"), 0, 3, 1, 4), b.compare(Buffer.from("abc"), 0, 3, 0, 3)]);
  t("p1", () => Buffer.alloc(5).copy(Buffer.alloc(5), 0, -1));
  t("p2", () => Buffer.alloc(5).copy(Buffer.alloc(5), -1));
  t("p3", () => Buffer.from("hello").copy(Buffer.alloc(3), 0, 10, 20));
  t("p4", () => { const x = Buffer.alloc(4); return [Buffer.from("hello").copy(x, 1.7, "1"), x.toString("hex")]; });
  t("w1", () => Buffer.alloc(4).write("test", "utf8", 0));
  t("w2", () => Buffer.alloc(4).write("test", 5));
  t("w3", () => Buffer.alloc(4).write(42));
  t("w4", () => Buffer.alloc(4).write("ab", 1, 1.5));
  t("a1", () => Buffer.alloc(-1));
  t("a2", () => Buffer.alloc(NaN));
  t("a3", () => Buffer.alloc(2 ** 32));
  t("a4", () => Buffer.alloc("5"));
  t("a5", () => SlowBuffer(-1));
  t("a6", () => Buffer(-5));
  t("s1", () => Buffer.from("foo").toString(null));
  t("s2", () => Buffer.from("foo").toString(""));
  t("s3", () => Buffer.from("foo").toString(undefined, 1));
  t("s4", () => Buffer.from("foo").toString("UTF-16LE"));
  t("i1", () => [Buffer.from("ff").indexOf(Buffer.from("f"), 1, "ucs2"), Buffer.from("abab", "ucs2").indexOf("b", 0, "ucs2"), Buffer.from("xabab").lastIndexOf("b", null), Buffer.from("abc").indexOf("c", [])]);
  t("i2", () => Buffer.from("abc").indexOf({}));
  t("r1", () => Buffer.alloc(4).readIntBE(0, "2"));
  t("r2", () => Buffer.alloc(4).readIntBE(0, 1.5));
  t("r3", () => Buffer.alloc(4).readIntBE(0, 7));
  t("r4", () => Buffer.alloc(4).readUIntLE(undefined, 2));
  t("r5", () => Buffer.alloc(4).readUInt32LE(1));
  t("r6", () => Buffer.alloc(2).readUInt32LE(0));
  t("r7", () => Buffer.alloc(4).readUInt16LE("1"));
  t("r8", () => Buffer.alloc(4).readUInt16LE(1.5));
  t("x1", () => { const x = Buffer.alloc(2); return [x.writeUInt8("23", 0), x.writeUInt16LE("258"), x.toString("hex")]; });
  t("x2", () => Buffer.alloc(4).writeIntLE(1, undefined, 2));
  t("x3", () => Buffer.alloc(4).writeUInt32LE(2 ** 32));
  t("x4", () => Buffer.alloc(8).writeUIntLE(2 ** 48, 0, 6));
  t("x5", () => Buffer.alloc(4).writeInt8(1, 4));
  t("x6", () => Buffer.alloc(4).writeUInt16BE(1, -1));
  t("f1", () => Buffer.alloc(3).fill("a", 0, 0, false));
  t("f2", () => Buffer.alloc(3).fill(Buffer.alloc(0)));
  t("f3", () => Buffer.alloc(3).fill("a", 0, { [Symbol.toPrimitive]() { return 1; } }));
  t("f4", () => Buffer.alloc(3).fill("ab", 1).toString());
  t("f5", () => Buffer.alloc(3).fill("a", 0, 5));
  t("t1", () => [...transcode(Buffer.from("těst ☕"), "utf8", "latin1")]);
  t("t2", () => transcode(Buffer.from([0x41, 0, 0x42]), "utf16le", "utf8"));
  t("t3", () => transcode(Buffer.from([0x80]), "utf8", "utf16le"));
  t("t4", () => [...transcode(Buffer.from([0x80]), "utf8", "utf8")]);
  t("t5", () => transcode(null, "utf8", "ascii"));
  t("t6", () => transcode(Buffer.from("a"), "b", "utf8"));
  t("t7", () => transcode(Buffer.from("a"), "utf8", "hex"));
  t("o1", () => [Buffer.from({ length: 3.3 }).length, Buffer.from({ length: "BAM" }).length, Buffer.from({ length: 2, 0: 7, 1: 300 })]);
  t("u1", () => [...transcode(Buffer.from([0x41, 0x80]), "utf8", "latin1")]);
  t("u2", () => [...transcode(Buffer.from([0x41, 0x80]), "utf8", "ascii")]);
  t("u3", () => [...transcode(Buffer.from([0x41, 0xe9]), "latin1", "utf8")]);
  t("u4", () => [...transcode(Buffer.from([0x41, 0xe9]), "ascii", "utf16le")]);
  t("u5", () => [...transcode(Buffer.from([0x3d, 0xd8, 0x00, 0xde]), "utf16le", "latin1")]);
  t("u6", () => [...transcode(Buffer.from([0x3d, 0xd8]), "utf16le", "utf8")]);
  t("u7", () => [...transcode(Buffer.from([0x41, 0x80, 0x42]), "utf8", "utf16le")]);
  t("u8", () => [...transcode(Buffer.from([0xe9]), "ascii", "utf8")]);
  t("u9", () => [...transcode(Buffer.from("a"), "latin1", "latin1")]);
  t("v1", () => Buffer.alloc(3).fill("a", 0, 3, NaN));
  t("v2", () => Buffer.alloc(3).fill("a", 0, 3, "hex"));
  t("v3", () => Buffer.alloc(3).fill(1, 0, 3, "nope").toString("hex"));
  return Response.json(r);
} };
`,
		want: `{"c1":"ERR TypeError ERR_INVALID_ARG_TYPE The \"targetStart\" argument must be of type number. Received type string ('0')","c2":"ERR RangeError ERR_OUT_OF_RANGE The value of \"targetEnd\" is out of range. It must be >= 0 && <= 3. Received 10","c3":"ERR RangeError ERR_OUT_OF_RANGE The value of \"targetStart\" is out of range. It must be an integer. Received 1.5","c4":[0,0],"p1":"ERR RangeError ERR_OUT_OF_RANGE The value of \"sourceStart\" is out of range. It must be >= 0. Received -1","p2":"ERR RangeError ERR_OUT_OF_RANGE The value of \"targetStart\" is out of range. It must be >= 0. Received -1","p3":-5,"p4":[3,"00656c6c"],"w1":"ERR TypeError ERR_INVALID_ARG_TYPE The \"offset\" argument must be of type number. Received type string ('utf8')","w2":"ERR RangeError ERR_OUT_OF_RANGE The value of \"offset\" is out of range. It must be >= 0 && <= 4. Received 5","w3":2,"w4":"ERR RangeError ERR_OUT_OF_RANGE The value of \"length\" is out of range. It must be an integer. Received 1.5","a1":"ERR RangeError  Invalid typed array length: -1","a2":"ERR RangeError ERR_INVALID_ARG_VALUE The argument 'size' is invalid. Received NaN","a3":"ERR RangeError ERR_OUT_OF_RANGE The value of \"size\" is out of range. It must be 0 to 2147483647. Received 4294967296","a4":"ERR TypeError ERR_INVALID_ARG_TYPE The \"size\" argument must be of type number. Received type string ('5')","a5":"ERR RangeError  Invalid typed array length: -1","a6":"ERR RangeError  Invalid typed array length: -5","s1":"ERR TypeError ERR_UNKNOWN_ENCODING Unknown encoding: null","s2":"foo","s3":"oo","s4":"潦","i1":[-1,2,-1,2],"i2":"ERR TypeError ERR_INVALID_ARG_TYPE The \"value\" argument must be one of type number or string or an instance of Buffer or Uint8Array. Received an instance of Object","r1":"ERR RangeError ERR_OUT_OF_RANGE The value of \"byteLength\" is out of range. It must be an integer. Received '2'","r2":"ERR RangeError ERR_OUT_OF_RANGE The value of \"byteLength\" is out of range. It must be an integer. Received 1.5","r3":"ERR RangeError ERR_OUT_OF_RANGE The value of \"byteLength\" is out of range. It must be >= 1 and <= 6. Received 7","r4":"ERR TypeError ERR_INVALID_ARG_TYPE The \"offset\" argument must be of type number. Received undefined","r5":"ERR RangeError ERR_OUT_OF_RANGE The value of \"offset\" is out of range. It must be >= 0 and <= 0. Received 1","r6":"ERR RangeError ERR_BUFFER_OUT_OF_BOUNDS Attempt to access memory outside buffer bounds","r7":"ERR TypeError ERR_INVALID_ARG_TYPE The \"offset\" argument must be of type number. Received type string ('1')","r8":"ERR RangeError ERR_OUT_OF_RANGE The value of \"offset\" is out of range. It must be an integer. Received 1.5","x1":[1,2,"0201"],"x2":"ERR TypeError ERR_INVALID_ARG_TYPE The \"offset\" argument must be of type number. Received undefined","x3":"ERR RangeError ERR_OUT_OF_RANGE The value of \"value\" is out of range. It must be >= 0 and <= 4294967295. Received 4294967296","x4":"ERR RangeError ERR_OUT_OF_RANGE The value of \"value\" is out of range. It must be >= 0 and < 2 ** 48. Received 281_474_976_710_656","x5":"ERR RangeError ERR_OUT_OF_RANGE The value of \"offset\" is out of range. It must be >= 0 and <= 3. Received 4","x6":"ERR RangeError ERR_OUT_OF_RANGE The value of \"offset\" is out of range. It must be >= 0 && <= 4. Received -1","f1":"ERR TypeError ERR_UNKNOWN_ENCODING Unknown encoding: false","f2":"ERR TypeError ERR_INVALID_ARG_VALUE The argument 'value' is invalid. Received 'zero-length'","f3":"ERR TypeError ERR_INVALID_ARG_TYPE The \"end\" argument must be of type number. Received an instance of Object","f4":"\u0000ab","f5":"ERR RangeError ERR_OUT_OF_RANGE The value of \"end\" is out of range. It must be 0 to 3. Received 5","t1":[116,63,115,116,32,63],"t2":"ERR Error  UTF-16le input size should be multiple of 2","t3":{"type":"Buffer","data":[]},"t4":[239,191,189],"t5":"ERR TypeError ERR_INVALID_ARG_TYPE The \"source\" argument must be an instance of ArrayBufferView. Received type string ('object')","t6":"ERR TypeError ERR_UNKNOWN_ENCODING Unknown encoding: b","t7":"ERR Error  Unable to transcode buffer due to unsupported encoding","o1":[3,0,{"type":"Buffer","data":[7,44]}],"u1":[65,63],"u2":[65,63],"u3":[65,195,169],"u4":[65,0,233,0],"u5":[63],"u6":"ERR Error  Expected UTF8 length mismatch","u7":"ERR Error  Unable to transcode buffer","u8":[195,169],"u9":[97],"v1":"ERR TypeError ERR_UNKNOWN_ENCODING Unknown encoding: NaN","v2":"ERR TypeError  The text is not valid hex","v3":"010101"}`,
	},
	{
		name: "util-types",
		worker: `import types, { isTypedArray, isPromise, isDate } from "node:util/types";
import util from "node:util";
export default { async fetch() {
  return Response.json({
    same: types === util.types,
    t: [isTypedArray(new Uint8Array(1)), isTypedArray([]), isPromise(Promise.resolve()), isDate(new Date()), types.isMap(new Map())],
    keys: Object.keys(types).length > 30,
  });
} };
`,
		want: `{"same":true,"t":[true,false,true,true,true],"keys":true}`,
	},
	{
		// util's validation, styleText, parseEnv, MIMEType and getCallSites, as workerd answers.
		name: "util-edges",
		worker: `import util from "node:util";
export default { async fetch() {
  const r = {};
  const t = (k, f) => { try { const v = f(); r[k] = v === undefined ? "undefined" : v; } catch (e) { r[k] = "ERR " + e.name + " " + (e.code||"") + " " + e.message; } };
  const ta = async (k, f) => { try { r[k] = String(await f()); } catch (e) { r[k] = "ERR " + e.name + " " + (e.code||"") + " " + e.message; } };
  await ta("ab1", () => util.aborted({}, {}));
  await ta("ab2", () => util.aborted(undefined, {}));
  await ta("ab3", () => util.aborted(AbortSignal.abort(), 1));
  await ta("ab4", () => util.aborted(AbortSignal.abort(), {}));
  t("log", () => { const o = console.log; let a; console.log = (...x) => { a = x; }; try { util.log("x %d", 1); } finally { console.log = o; } return [a.length, a[0], typeof a[1], a[2]]; });
  t("cb1", () => { async function f(a) { return a; } const c = util.callbackify(f); return [c.length, c.name, Object.getPrototypeOf(c) === Object.getPrototypeOf(f), Object.getPrototypeOf(c) === Function.prototype]; });
  t("cb2", () => util.callbackify(1));
  t("in1", () => util.inherits(function A() {}, {}));
  t("in2", () => util.inherits(null, function B() {}));
  t("in3", () => util.inherits(function A() {}, null));
  t("sv1", () => [util.stripVTControlCharacters("\u001B]8;;https://x.com\u0007link\u001B]8;;\u0007"), util.stripVTControlCharacters("\u001B]8;;mailto:a@b.com\u001B\\mail\u001B]8;;\u001B\\"), util.stripVTControlCharacters("\u001b[31mred\u001b[39m\u009b1m!")]);
  t("st1", () => [util.styleText("red", "x"), util.styleText(["bold", "red"], "x"), util.styleText("none", "x"), util.styleText("red", "x", { validateStream: false })]);
  t("st2", () => util.styleText("nope", "x"));
  t("st3", () => util.styleText("red", 5));
  t("st4", () => util.styleText(undefined, "x"));
  t("st5", () => util.styleText("red", "x", { stream: {} }));
  t("pe1", () => util.parseEnv("A=1\nB = 'two' \nexport C=\"3\\n4\"\n# c\nD=5 # comment\nE=\nF=` + "`" + `tick` + "`" + `\nG='un\nH=x=y\n I = spaced"));
  t("pe2", () => util.parseEnv('M="multi\nline"\nN=after'));
  t("pe3", () => util.parseEnv(5));
  t("mt1", () => { const m = new util.MIMEType("Text/HTML; Charset=UTF-8; q=\"a b\""); return [String(m), m.type, m.subtype, m.essence, m.params.get("charset"), [...m.params.keys()]]; });
  t("mt2", () => new util.MIMEType("nope"));
  t("misc", () => [typeof util.getSystemErrorMap, typeof util.transferableAbortController, typeof util.parseArgs]);
  t("gsem", () => util.getSystemErrorMap());
  t("pa", () => util.parseArgs());
  t("dep", () => { const f = () => 1; return util.deprecate(f, "m") === f; });
  t("gcs", () => typeof util.getCallSites());
  t("mt3", () => { const m = new util.MIMEType("a/b;x=1"); m.params.set("y", "a b"); m.type = "Text"; return [String(m), JSON.stringify(m), m.params.has("x"), m.params.get("z"), String(m.params)]; });
  t("mt4", () => { const m = new util.MIMEType("a/b"); m.type = "a b"; });
  t("mt5", () => { const m = new util.MIMEType("a/b"); m.params.set("a b", "c"); });
  t("mt6", () => { const m = new util.MIMEType("multipart/form-data; boundary=xyz; charset=utf-8"); return String(m); });
  t("mt7", () => { const m = new util.MIMEType("a/b"); m.params.set("k", ""); return String(m); });
  t("gcs2", () => { const c = util.getCallSites(); return [Array.isArray(c), c.length > 0, Object.keys(c[0]).sort().join()]; });
  t("gcs3", () => util.getCallSites(0));
  return Response.json(r);
} };
`,
		want: `{"ab1": "ERR TypeError ERR_INVALID_ARG_TYPE The \"signal\" argument must be an instance of AbortSignal. Received an instance of Object", "ab2": "ERR TypeError ERR_INVALID_ARG_TYPE The \"signal\" argument must be an instance of AbortSignal. Received undefined", "ab3": "ERR TypeError ERR_INVALID_ARG_TYPE The \"resource\" argument must be of type object. Received type number (1)", "ab4": "undefined", "log": [3, "%s - %s", "string", "x 1"], "cb1": [2, "fCallbackified", false, true], "cb2": "ERR TypeError ERR_INVALID_ARG_TYPE The \"original\" argument must be of type function. Received type number (1)", "in1": "ERR TypeError ERR_INVALID_ARG_TYPE The \"superCtor.prototype\" property must be of type object. Received undefined", "in2": "ERR TypeError ERR_INVALID_ARG_TYPE The \"ctor\" argument must be of type function. Received null", "in3": "ERR TypeError ERR_INVALID_ARG_TYPE The \"superCtor\" argument must be of type function. Received null", "sv1": ["link", "mail", "red!"], "st1": ["x", "x", "x", "\u001b[31mx\u001b[39m"], "st2": "ERR TypeError ERR_INVALID_ARG_VALUE The argument 'format' must be one of: 'reset', 'bold', 'dim', 'italic', 'underline', 'blink', 'inverse', 'hidden', 'strikethrough', 'doubleunderline', 'black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white', 'bgBlack', 'bgRed', 'bgGreen', 'bgYellow', 'bgBlue', 'bgMagenta', 'bgCyan', 'bgWhite', 'framed', 'overlined', 'gray', 'redBright', 'greenBright', 'yellowBright', 'blueBright', 'magentaBright', 'cyanBright', 'whiteBright', 'bgGray', 'bgRedBright', 'bgGreenBright', 'bgYellowBright', 'bgBlueBright', 'bgMagentaBright', 'bgCyanBright', 'bgWhiteBright'. Received 'nope'", "st3": "ERR TypeError ERR_INVALID_ARG_TYPE The \"text\" argument must be of type string. Received type number (5)", "st4": "ERR TypeError ERR_INVALID_ARG_VALUE The argument 'format' must be one of: 'reset', 'bold', 'dim', 'italic', 'underline', 'blink', 'inverse', 'hidden', 'strikethrough', 'doubleunderline', 'black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white', 'bgBlack', 'bgRed', 'bgGreen', 'bgYellow', 'bgBlue', 'bgMagenta', 'bgCyan', 'bgWhite', 'framed', 'overlined', 'gray', 'redBright', 'greenBright', 'yellowBright', 'blueBright', 'magentaBright', 'cyanBright', 'whiteBright', 'bgGray', 'bgRedBright', 'bgGreenBright', 'bgYellowBright', 'bgBlueBright', 'bgMagentaBright', 'bgCyanBright', 'bgWhiteBright'. Received undefined", "st5": "ERR TypeError ERR_INVALID_ARG_TYPE The \"stream\" argument must be an instance of ReadableStream, WritableStream, or Stream. Received an instance of Object", "pe1": {"A": "1", "B": "two", "C": "3\n4", "D": "5", "E": "", "F": "tick", "G": "un", "H": "x=y", "I": "spaced"}, "pe2": {"M": "multi\nline", "N": "after"}, "pe3": "ERR TypeError ERR_INVALID_ARG_TYPE The \"content\" argument must be of type string. Received type number (5)", "mt1": ["text/html;charset=UTF-8;q=\"a b\"", "text", "html", "text/html", "UTF-8", ["charset", "q"]], "mt2": "ERR TypeError  Not a valid MIME type: nope", "misc": ["function", "function", "function"], "gsem": {}, "pa": "ERR Error  node:util parseArgs is not implemented", "dep": true, "gcs": "object", "mt3": ["text/b;x=1;y=\"a b\"", "\"text/b;x=1;y=\\\"a b\\\"\"", true, null, "x=1;y=\"a b\""], "mt4": "ERR TypeError  Not a valid MIME type", "mt5": "ERR TypeError  Not a valid MIME parameter", "mt6": "multipart/form-data; boundary=xyz;charset=utf-8", "mt7": "a/b;k=\"\"", "gcs2": [true, true, "column,columnNumber,functionName,lineNumber,scriptName"], "gcs3": "ERR Error  Frame count should be between 1 and 200 inclusive."}`,
	},
	{
		name: "glob",
		worker: `import path from "node:path";
export default { async fetch() {
  const cases = [["a", "*"], ["a/b", "*"], ["a/b", "**"], ["a/b/c.js", "**/*.js"], ["c.js", "**/*.js"], [".x", "*"], ["a/.x", "a/*"], ["abc", "a?c"], ["a/c", "a?c"], ["abc", "a[bx]c"], ["abc", "a[!b]c"], ["a.js", "*.{js,ts}"], ["a.ts", "*.{js,ts}"], ["a.md", "*.{js,ts}"], ["/x/y", "/x/*"], ["x/y/z", "x/**/z"], ["x/z", "x/**/z"], ["a*b", "a\\*b"], ["ab", "ab/"], ["ab/", "ab"], ["a/b", "a//b"], ["A", "a"], ["./a", "a"], ["a", "./a"], ["a/.b/c", "a/**/c"], ["x/y", "x/**"], ["x", "x/**"]];
  const out = cases.map(([p, g]) => { try { return path.matchesGlob(p, g); } catch (e) { return "ERR " + e.message; } });
  let e1; try { path.matchesGlob(1, "*"); } catch (e) { e1 = e.code + " " + e.message; }
  let e2; try { path.win32.matchesGlob("a\\b", "a/*"); } catch (e) { e2 = e.message; }
  return new Response(JSON.stringify({ out, e1, e2, w: path.win32.matchesGlob("a\\b", "a/*") }));
} };
`,
		want: `{"out":[true,false,true,true,true,false,false,true,false,true,false,true,true,false,true,true,true,false,false,true,true,false,false,false,false,true,false],"e1":"ERR_INVALID_ARG_TYPE The \"path\" argument must be of type string. Received type number (1)","w":true}`,
	},
}

func TestNodeCompatModules(t *testing.T) {
	for _, c := range nodeCompatCases {
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

// Without nodejs_compat the node: modules do not exist.
func TestNodeCompatModulesNeedFlag(t *testing.T) {
	base := server(t, inline(t, `
export default {
  async fetch() {
    const out = [];
    for (const m of ["node:buffer", "node:events", "node:path", "node:util", "node:path/posix"]) {
      try { await import(m); out.push("loaded"); } catch (e) { out.push(e.message); }
    }
    return new Response(out.join("\n"));
  }
}`, ""), config.Options{})
	_, _, body := get(t, base+"/")
	want := strings.Join([]string{
		`No such module "node:buffer".`, `No such module "node:events".`,
		`No such module "node:path".`, `No such module "node:util".`, `No such module "node:path/posix".`,
	}, "\n")
	if body != want {
		t.Errorf("got  %q\nwant %q", body, want)
	}
}
