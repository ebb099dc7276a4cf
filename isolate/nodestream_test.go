package isolate

import "testing"

// node:stream and node:string_decoder behaviour; event orders, codes and messages are those of
// workerd 1.20261117 for the same code (see services/nodelibs_test.go for the live comparison).
func TestNodeStreamReadable(t *testing.T) {
	nodeCheck(t, [][2]string{
		// Data flows once a 'data' listener is attached; 'end' then 'close' follow.
		{`const { Readable } = N.stream; const r = new Readable({ read() {} }); const ev = []; r.on("data", (c) => ev.push("data:" + c)); r.on("end", () => ev.push("end")); r.push("a"); r.push("b"); r.push(null); await new Promise((res) => r.on("close", res)); ev.push("close"); return ev`,
			`["data:a","data:b","end","close"]`},
		// Paused mode: 'readable' and read(n) across chunk boundaries.
		{`const r = new N.stream.Readable({ read() {} }); r.push("hello "); r.push("world"); r.push(null); await new Promise((res) => r.once("readable", res)); return [r.read(3).toString(), r.read(5).toString(), r.read().toString(), r.read(), r.readableLength]`,
			`["hel","lo wo","rld",null,0]`},
		{`const r = N.stream.Readable.from(["a", "b", "c"]); const out = []; for await (const c of r) out.push(c); return [out, r.destroyed, r.readableEnded]`, `[["a","b","c"],true,true]`},
		{`const r = N.stream.Readable.from((async function* () { yield 1; yield 2; })()); return await r.toArray()`, `[1,2]`},
		{`const r = new N.stream.Readable({ objectMode: true, read() {} }); r.push({ a: 1 }); r.push(0); r.push(null); return await r.toArray()`, `[{"a":1},0]`},
		{`const r = new N.stream.Readable({ read() {} }); r.setEncoding("utf8"); r.push(N.Buffer.from([0xe2, 0x82])); r.push(N.Buffer.from([0xac])); r.push(null); return [await r.toArray(), r.readableEncoding]`, `[["€"],"utf8"]`},
		// push() reports backpressure against the high water mark.
		{`const r = new N.stream.Readable({ highWaterMark: 4, read() {} }); return [r.push("ab"), r.push("cd"), r.readableLength, r.readableHighWaterMark, new N.stream.Readable().readableHighWaterMark, new N.stream.Readable({ objectMode: true }).readableHighWaterMark]`,
			`[true,false,4,4,65536,16]`},
		{`const r = new N.stream.Readable({ read() {} }); r.pause(); const a = r.isPaused(); r.resume(); return [a, r.isPaused(), r.readableFlowing]`, `[true,false,true]`},
		{`const r = N.stream.Readable.from([1, 2, 3, 4]); return await r.map((x) => x * 2).filter((x) => x > 2).toArray()`, `[4,6,8]`},
		{`return [await N.stream.Readable.from([1, 2, 3]).reduce((a, b) => a + b, 0), await N.stream.Readable.from([1, 2]).some((x) => x > 1), await N.stream.Readable.from([5, 6]).find((x) => x > 5)]`, `[6,true,6]`},
	})
}

func TestNodeStreamErrors(t *testing.T) {
	nodeCheck(t, [][2]string{
		{`const r = new N.stream.Readable({ read() {} }); const p = new Promise((res) => r.on("error", (e) => res([e.name, e.code, e.message]))); r.push(null); r.push("x"); return await p`,
			`["Error","ERR_STREAM_PUSH_AFTER_EOF","stream.push() after EOF"]`},
		{`const r = new N.stream.Readable({ read() {} }); const p = new Promise((res) => r.on("error", (e) => res([e.name, e.code, e.message]))); r.push(5); return await p`,
			`["TypeError","ERR_INVALID_ARG_TYPE","The \"chunk\" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received type number (5)"]`},
		{`const r = new N.stream.Readable(); const p = new Promise((res) => r.on("error", (e) => res([e.code, e.message]))); r.read(); return await p`,
			`["ERR_METHOD_NOT_IMPLEMENTED","The _read() method is not implemented"]`},
		// destroy(err) emits 'error' then 'close'; the error's code is in its string form.
		{`const r = new N.stream.Readable({ read() {} }); const ev = []; r.on("error", (e) => ev.push("error:" + e.message)); const p = new Promise((res) => r.on("close", res)); r.destroy(new Error("boom")); await p; ev.push("close"); return [ev, r.destroyed, r.errored.message, r.readableAborted]`,
			`[["error:boom","close"],true,"boom",true]`},
		{`const w = new N.stream.Writable({ write(c, e, cb) { cb(); } }); w.end(); const p = new Promise((res) => w.on("error", (e) => res([e.code, e.message, String(e)]))); w.write("x"); return await p`,
			`["ERR_STREAM_WRITE_AFTER_END","write after end","Error [ERR_STREAM_WRITE_AFTER_END]: write after end"]`},
		{`const w = new N.stream.Writable({ write(c, e, cb) { cb(); } }); const out = []; try { w.write(null); } catch (e) { out.push(e.code, e.name); } try { w.write(1); } catch (e) { out.push(e.code); } try { w.write("x", "nope"); } catch (e) { out.push(e.code, e.message); } return out`,
			`["ERR_STREAM_NULL_VALUES","TypeError","ERR_INVALID_ARG_TYPE","ERR_UNKNOWN_ENCODING","Unknown encoding: nope"]`},
		{`const d = new N.stream.Duplex({ read() {}, write(c, e, cb) { cb(); } }); d.cork(); const p = new Promise((res) => d.write("foo", (err) => res(err.code))); d.destroy(); return await p`, `"ERR_STREAM_DESTROYED"`},
		{`const w = new N.stream.Writable({ write(c, e, cb) { cb(); cb(); } }); const p = new Promise((res) => w.on("error", (e) => res(e.code))); w.write("x"); return await p`, `"ERR_MULTIPLE_CALLBACK"`},
		{`try { new N.stream.Readable({ highWaterMark: -1 }); } catch (e) { return [e.code, e.message]; }`,
			`["ERR_INVALID_ARG_VALUE","The property 'options.highWaterMark' is invalid. Received -1"]`},
	})
}

func TestNodeStreamWritable(t *testing.T) {
	nodeCheck(t, [][2]string{
		// write() returns false at the high water mark; 'drain' follows once the queue empties.
		{`const cbs = []; const w = new N.stream.Writable({ highWaterMark: 3, write(c, e, cb) { cbs.push(cb); } }); const r = [w.write("ab"), w.write("cd"), w.writableLength, w.writableNeedDrain]; const ev = []; w.on("drain", () => ev.push("drain")); cbs.shift()(); await null; cbs.shift()(); await new Promise((res) => setTimeout(res, 1)); return [r, ev, w.writableLength, w.writableNeedDrain]`,
			`[[true,false,4,true],["drain"],0,false]`},
		{`const got = []; const w = new N.stream.Writable({ write(c, enc, cb) { got.push([c.toString(), enc]); cb(); } }); w.write("a"); w.write(N.Buffer.from("b")); w.end("c"); await new Promise((res) => w.on("finish", res)); return [got, w.writableFinished, w.writableEnded]`,
			`[[["a","buffer"],["b","buffer"],["c","buffer"]],true,true]`},
		{`const got = []; const w = new N.stream.Writable({ decodeStrings: false, write(c, enc, cb) { got.push([c, enc]); cb(); } }); w.write("a", "latin1"); w.end(); await new Promise((res) => w.on("finish", res)); return got`, `[["a","latin1"]]`},
		// cork() batches writes into one _writev call.
		{`const calls = []; const w = new N.stream.Writable({ writev(chunks, cb) { calls.push(chunks.map((c) => c.chunk.toString())); cb(); } }); w.cork(); w.write("a"); w.write("b"); w.uncork(); w.end(); await new Promise((res) => w.on("finish", res)); return calls`, `[["a","b"]]`},
		{`const ev = []; const w = new N.stream.Writable({ write(c, e, cb) { ev.push("write"); cb(); }, final(cb) { ev.push("final"); cb(); } }); w.on("prefinish", () => ev.push("prefinish")); w.on("finish", () => ev.push("finish")); w.on("close", () => ev.push("close")); w.end("x", () => ev.push("endcb")); await new Promise((res) => setTimeout(res, 5)); return ev`,
			`["write","final","prefinish","endcb","finish","close"]`},
		{`const w = new N.stream.Writable({ write(c, e, cb) { cb(); } }); w.end(); await new Promise((res) => w.on("finish", res)); return await new Promise((res) => w.end((e) => res([e.code, e.message])))`,
			`["ERR_STREAM_ALREADY_FINISHED","Cannot call end after a stream was finished"]`},
	})
}

func TestNodeStreamDuplexTransform(t *testing.T) {
	nodeCheck(t, [][2]string{
		{`const t = new N.stream.Transform({ transform(c, e, cb) { cb(null, c.toString().toUpperCase()); }, flush(cb) { cb(null, "!"); } }); t.end("abc"); return (await t.toArray()).join("")`, `"ABC!"`},
		{`const p = new N.stream.PassThrough({ objectMode: true }); p.write(1); p.end(2); return await p.toArray()`, `[1,2]`},
		{`const d = new N.stream.Duplex({ allowHalfOpen: false, read() {}, write(c, e, cb) { cb(); } }); const ev = []; d.on("finish", () => ev.push("finish")); d.on("end", () => ev.push("end")); d.resume(); d.push(null); await new Promise((res) => d.on("close", res)); return [ev, d instanceof N.stream.Writable, d instanceof N.stream.Readable]`,
			`[["end","finish"],true,true]`},
		{`const t = new N.stream.Transform({ transform(c, e, cb) { cb(new Error("bad")); } }); const p = new Promise((res) => t.on("error", (e) => res(e.message))); t.write("x"); return await p`, `"bad"`},
	})
}

func TestNodeStreamPipeline(t *testing.T) {
	nodeCheck(t, [][2]string{
		// pipe() moves everything, honouring the destination's backpressure.
		{`const out = []; const r = N.stream.Readable.from(["a", "b", "c"], { objectMode: false }); const w = new N.stream.Writable({ highWaterMark: 1, write(c, e, cb) { out.push(c.toString()); setTimeout(cb, 1); } }); const ev = []; w.on("pipe", () => ev.push("pipe")); r.pipe(w); await new Promise((res) => w.on("finish", res)); return [out, ev]`,
			`[["a","b","c"],["pipe"]]`},
		{`const out = []; await N.sp.pipeline(N.stream.Readable.from(["x", "y"]), async function* (src) { for await (const c of src) yield c + "!"; }, new N.stream.Writable({ objectMode: true, write(c, e, cb) { out.push(c); cb(); } })); return out`,
			`["x!","y!"]`},
		{`return await new Promise((res) => N.stream.pipeline(N.stream.Readable.from(["a"]), new N.stream.Transform({ transform(c, e, cb) { cb(new Error("t")); } }), new N.stream.PassThrough(), (err) => res(err.message)))`, `"t"`},
		{`const r = new N.stream.Readable({ read() {} }); const p = N.sp.finished(r); r.destroy(); try { await p; return "ok"; } catch (e) { return [e.code, e.message]; }`,
			`["ERR_STREAM_PREMATURE_CLOSE","Premature close"]`},
		{`const r = N.stream.Readable.from(["a"]); r.resume(); await N.sp.finished(r); return "finished"`, `"finished"`},
		{`const ac = new AbortController(); const r = new N.stream.Readable({ read() {} }); N.stream.addAbortSignal(ac.signal, r); const p = new Promise((res) => r.on("error", (e) => res([e.name, e.code, e.message]))); ac.abort(); return await p`,
			`["AbortError","ABORT_ERR","The operation was aborted"]`},
		{`try { N.stream.addAbortSignal("x", new N.stream.Readable()); } catch (e) { return [e.code, e.message]; }`,
			`["ERR_INVALID_ARG_TYPE","The \"signal\" argument must be an instance of AbortSignal. Received type string ('x')"]`},
		{`try { N.stream.pipeline(N.stream.Readable.from([]), () => {}); } catch (e) { return [e.code, e.message]; }`, `["ERR_MISSING_ARGS","The \"streams\" argument must be specified"]`},
		{`return [N.web.ReadableStream === ReadableStream, N.web.TransformStream === TransformStream, typeof N.stream.default, N.stream.default.Readable === N.stream.Readable, N.stream.Stream === N.stream.default]`, `[true,true,"function",true,true]`},
		{`const rs = N.stream.Readable.toWeb(N.stream.Readable.from([N.Buffer.from("ab"), N.Buffer.from("c")], { objectMode: false })); const out = []; for await (const c of rs) out.push(new TextDecoder().decode(c)); const back = N.stream.Readable.fromWeb(new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode("z")); c.close(); } })); return [out.join(""), (await back.toArray()).map(String)]`,
			`["abc",["z"]]`},
	})
}

func TestNodeStringDecoder(t *testing.T) {
	nodeCheck(t, [][2]string{
		{`const d = new N.StringDecoder("utf8"); return [d.write(N.Buffer.from([0xe2])), d.write(N.Buffer.from([0x82])), d.lastNeed, d.lastTotal, d.write(N.Buffer.from([0xac, 0x41])), d.end(N.Buffer.from([0xf0, 0x9f]))]`,
			`["","",1,3,"€A","�"]`},
		{`const d = new N.StringDecoder("utf16le"); return [d.write(N.Buffer.from("3DD84D", "hex")), d.write(N.Buffer.from("DC", "hex")), d.end()]`, `["\ud83d","\udc4d",""]`},
		{`const d = new N.StringDecoder("base64"); return [d.write(N.Buffer.from("ab")), d.write(N.Buffer.from("c")), d.write(N.Buffer.from("d")), d.end()]`, `["","YWJj","","ZA=="]`},
		{`const d = new N.StringDecoder("hex"); return [d.encoding, d.write(N.Buffer.from([1, 255])), new N.StringDecoder("latin1").write(N.Buffer.from([0xe9])), new N.StringDecoder("UCS-2").encoding, new N.StringDecoder().encoding, new N.StringDecoder(null).encoding]`,
			`["hex","01ff","é","utf16le","utf8","utf8"]`},
		{`const d = new N.StringDecoder(); return [d.write(N.Buffer.from("E1", "hex")), [...d.lastChar], d.end()]`, `["",[225,0,0,0],"�"]`},
		{errOf + `return [E(() => new N.StringDecoder("utf32")), E(() => new N.StringDecoder().write(null)), E(() => N.StringDecoder.prototype.write.call({}, N.Buffer.from("a"))), new N.StringDecoder().write("str")]`,
			`["TypeError|ERR_UNKNOWN_ENCODING|Unknown encoding: utf32","TypeError|ERR_INVALID_ARG_TYPE|The \"buf\" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received null","TypeError|ERR_INVALID_THIS|Value of \"this\" must be of type StringDecoder","str"]`},
		// A corrupted state is reported, not trusted.
		{errOf + `const d = new N.StringDecoder(); const s = Object.getOwnPropertySymbols(d)[0]; d[s][6] = 100; return E(() => d.write(N.Buffer.from("x")))`, `"Error|undefined|Invalid StringDecoder state"`},
	})
}
