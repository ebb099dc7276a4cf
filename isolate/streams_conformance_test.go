package isolate

import "testing"

// TestStreamsWorkerdConformance checks where workerd's streams differ from the letter of the
// Streams standard; every expected value was taken from real workerd with the oracle.
func TestStreamsWorkerdConformance(t *testing.T) {
	runStreamCases(t, []jsCase{
		// Sources and sinks without start() start at once.
		{"pull runs in the constructor without start()", `let sizes = 0; new ReadableStream({ pull(c) { c.enqueue(1); } }, { size(v) { sizes++; return 1; } }); return sizes`, `1`},
		{"pull waits for a start() that exists", `const log = []; new ReadableStream({ start() { log.push("start"); }, pull() { log.push("pull"); } }); log.push("after"); return [...log]`, `["start","after"]`},
		{"pull follows an async start() at once", `const log = []; new ReadableStream({ async start() { log.push("start"); }, pull() { log.push("pull"); } });
log.push("after"); await null; log.push("tick"); await new Promise((r) => setTimeout(r, 1)); return log`, `["start","after","pull","tick"]`},
		{"first write is in flight at once", `const ws = new WritableStream({ async write() { await new Promise((r) => setTimeout(r, 5)); } });
const w = ws.getWriter(); const res = await Promise.allSettled([w.write("a"), w.close(), w.abort()]); return res.map((r) => r.status)`, `["fulfilled","rejected","fulfilled"]`},
		{"writes settle in order when aborted", `const order = []; const w = new WritableStream({ async write() { await new Promise((r) => setTimeout(r, 5)); } }).getWriter();
const p = [w.write(1).then(() => order.push(1)), w.write(2).catch(() => order.push(2)), w.write(3).catch(() => order.push(3)), w.abort()];
await Promise.allSettled(p); return order`, `[1,2,3]`},
		// A failed sink abort is reported to later abort() calls too.
		{"abort() after a failed sink abort", `const w = new WritableStream({ abort() { throw new Error("boom"); } }).getWriter();
const a = w.abort(1); const b = w.abort(1); const r = await Promise.allSettled([a, b]); const c = await settle(w.abort(1));
return [a === b, r.map((x) => x.status + ":" + x.reason.message), c]`, `[false,["rejected:boom","rejected:boom"],["err","Error: boom"]]`},
		// highWaterMark and size() results are unsigned 64-bit integers.
		{"highWaterMark conversions", `const out = []; for (const h of [1.5, "2", null, true, -1, NaN, Infinity, {}, 1e20]) {
  try { let d; new ReadableStream({ start(c) { d = c.desiredSize; } }, { highWaterMark: h }); out.push(d); } catch (e) { out.push(e.name + ": " + e.message); } } return out`,
			`[1,2,0,1,"TypeError: The value cannot be converted because it is negative and this API expects a positive bigint.","TypeError: The value cannot be converted because it is not an integer.","TypeError: The value cannot be converted because it is not an integer.","TypeError: The value cannot be converted because it is not an integer.","TypeError: Value out of range. Must be less than or equal to 18446744073709551615."]`},
		{"WritableStream and TransformStream highWaterMark", `const out = [];
for (const f of [() => new WritableStream({}, { highWaterMark: -1 }), () => new TransformStream({}, { highWaterMark: -1 }), () => new TransformStream({}, {}, { highWaterMark: NaN })]) {
  try { f(); out.push("ok"); } catch (e) { out.push(e.name); } } return out`, `["TypeError","TypeError","TypeError"]`},
		{"async size()", `const rs = new ReadableStream({ pull(c) { c.enqueue(1); } }, { async size() { return 1; } }); return (await settle(rs.getReader().read()))[1]`,
			`"TypeError: The value cannot be converted because it is not an integer."`},
		{"writable size() result", `const w = new WritableStream({}, { size() { return -1; } }).getWriter(); return (await settle(w.write(1)))[1]`,
			`"TypeError: The value cannot be converted because it is negative and this API expects a positive bigint."`},
		{"size() that errors the stream", `let ctl; const rs = new ReadableStream({ start(c) { ctl = c; } }, { size() { ctl.error(error2); return 1; } });
const r = rs.getReader(); const p = r.read(); ctl.enqueue("x"); return (await settle(p))[1]`, `"error2: error2"`},
		{"ByteLengthQueuingStrategy size of a non-buffer", `const s = new ByteLengthQueuingStrategy({ highWaterMark: 1 }).size;
return [s("x"), s(), s(null), s({ byteLength: 3 }), s({ byteLength: "3" }), s(new Uint8Array(3)), s(new ArrayBuffer(2)), s(new DataView(new ArrayBuffer(4), 1))]`, `[null,null,null,3,null,3,2,3]`},
		// Byte streams.
		{"default reads get 4096-byte byobRequests", `let info; const rs = new ReadableStream({ type: "bytes", pull(c) { const r = c.byobRequest; info = [r.view.byteLength, r.view.constructor.name]; r.respond(1); } });
const x = await rs.getReader().read(); return [info, x.value.byteLength]`, `[[4096,"Uint8Array"],1]`},
		{"default reads take queued bytes across chunks", `const out = [];
for (const [sizes, auto] of [[[2, 1], undefined], [[3000, 3000], undefined], [[3000, 3000], 100], [[5000], undefined]]) {
  const rs = new ReadableStream({ type: "bytes", autoAllocateChunkSize: auto, start(c) { for (const n of sizes) c.enqueue(new Uint8Array(n)); } });
  const { value } = await rs.getReader().read(); out.push([value.byteLength, value.buffer.byteLength]); } return out`, `[[3,4096],[4096,4096],[100,100],[4096,4096]]`},
		{"byobRequest.atLeast", `const out = [];
const rs = new ReadableStream({ type: "bytes", pull(c) { const r = c.byobRequest; out.push(r.atLeast); r.respond(1); out.push(r.atLeast); } });
await rs.getReader().read();
const rs2 = new ReadableStream({ type: "bytes", pull(c) { out.push(c.byobRequest.atLeast); c.byobRequest.respond(2); } });
const rd = rs2.getReader({ mode: "byob" }); await rd.read(new Uint16Array(4)); await rd.read(new Uint32Array(4), { min: 2 });
return [out, typeof Object.getOwnPropertyDescriptor(ReadableStreamBYOBRequest.prototype, "atLeast").get]`, `[[1,null,2,8,6,4,2],"function"]`},
		{"respondWithNewView decides the result type", `const rs = new ReadableStream({ type: "bytes", pull(c) { const v = c.byobRequest.view; const nv = new Uint16Array(v.buffer, v.byteOffset, 3);
  new Uint8Array(nv.buffer, nv.byteOffset, 6).set([1, 2, 3, 4, 5, 6]); c.byobRequest.respondWithNewView(nv); c.close(); } });
const { value } = await rs.getReader({ mode: "byob" }).read(new Uint32Array(2)); return [value.constructor.name, value.byteLength, [...new Uint8Array(value.buffer, value.byteOffset, 6)]]`,
			`["Uint16Array",6,[1,2,3,4,5,6]]`},
		// Argument errors.
		{"Illegal invocation message", `try { ReadableStreamDefaultReader.prototype.read.call({}); } catch (e) { return e.message; }`,
			"\"Illegal invocation: function called with incorrect `this` reference. See https://developers.cloudflare.com/workers/observability/errors/#illegal-invocation-errors for details.\""},
		{"pipeTo argument messages", `const out = []; for (const args of [[], [{}], [new WritableStream(), 5], [new WritableStream(), { signal: 1 }]]) out.push((await settle(new ReadableStream().pipeTo(...args)))[1]); return out`,
			`["TypeError: Failed to execute 'pipeTo' on 'ReadableStream': parameter 1 is not of type 'WritableStream'.","TypeError: Failed to execute 'pipeTo' on 'ReadableStream': parameter 1 is not of type 'WritableStream'.","TypeError: Failed to execute 'pipeTo' on 'ReadableStream': parameter 2 is not of type 'PipeToOptions'.","TypeError: Incorrect type for the 'signal' field on 'PipeToOptions': the provided value is not of type 'AbortSignal'."]`},
		{"BYOB read of a non-view", `return (await settle(new ReadableStream({ type: "bytes" }).getReader({ mode: "byob" }).read({})))[1]`,
			`"TypeError: Failed to execute 'read' on 'ReadableStreamBYOBReader': parameter 1 is not of type 'ArrayBufferView'."`},
	})
}

// TestStreamsWithoutCaptureAsyncThrows checks that, before capture_async_api_throws (compatibility
// dates before 2022-10-31), argument errors of promise-returning stream methods throw.
func TestStreamsWithoutCaptureAsyncThrows(t *testing.T) {
	iso := wsIsolate(t) // no flags enabled
	cases := map[string]string{
		`try { new ReadableStream().pipeTo(); return "no throw"; } catch (e) { return e.name; }`:                                                                 `"TypeError"`,
		`try { new ReadableStream({ type: "bytes" }).getReader({ mode: "byob" }).read(); return "no throw"; } catch (e) { return e.name; }`:                      `"TypeError"`,
		`const w = new WritableStream({ write() {} }).getWriter(); w.write(1); w.close(); try { w.close(); return "no throw"; } catch (e) { return e.message; }`: `"Cannot close a writer that is already being closed"`,
		// Stream state errors still reject.
		`const rs = new ReadableStream(); rs.getReader(); return rs.pipeTo(new WritableStream()).then(() => "ok", (e) => "rejects " + e.name);`: `"rejects TypeError"`,
	}
	for src, want := range cases {
		if got := iso.eval(t, src); got != want {
			t.Errorf("%s\n got  %s\n want %s", src, got, want)
		}
	}
}
