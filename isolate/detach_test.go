package isolate

import "testing"

// TestArrayBufferTransfer checks the ES2024 ArrayBuffer.prototype.transfer, transferToFixedLength
// and detached as V8 implements them (expected values taken from real workerd).
func TestArrayBufferTransfer(t *testing.T) {
	check(t, map[string]string{
		`const d = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "transfer"); return [d.writable, d.enumerable, d.configurable, d.value.length, d.value.name];`:                    `[true,false,true,0,"transfer"]`,
		`const d = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "transferToFixedLength"); return [d.writable, d.enumerable, d.configurable, d.value.length, d.value.name];`:       `[true,false,true,0,"transferToFixedLength"]`,
		`const d = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "detached"); return [typeof d.get, d.set === undefined, d.enumerable, d.configurable, d.get.name, d.get.length];`: `["function",true,false,true,"get detached",0]`,
		`return Object.keys(ArrayBuffer.prototype);`: `[]`,
		`const a = new ArrayBuffer(4); new Uint8Array(a).set([1, 2, 3, 4]); const u = new Uint8Array(a); const b = a.transfer(); return [a.detached, b.detached, a.byteLength, u.length, b.byteLength, [...new Uint8Array(b)]];`:                      `[true,false,0,0,4,[1,2,3,4]]`,
		`const a = new ArrayBuffer(2); new Uint8Array(a).set([1, 2]); const b = a.transfer(4); return [...new Uint8Array(b), a.byteLength, a.detached];`:                                                                                              `[1,2,0,0,0,true]`,
		`const a = new ArrayBuffer(4); new Uint8Array(a).set([1, 2, 3, 4]); const b = a.transferToFixedLength(1); return [...new Uint8Array(b), a.detached];`:                                                                                         `[1,true]`,
		`return [new ArrayBuffer(4).transfer(1.7).byteLength, new ArrayBuffer(4).transfer("2").byteLength, new ArrayBuffer(4).transfer(NaN).byteLength, new ArrayBuffer(4).transfer(-0.5).byteLength, new ArrayBuffer(4).transfer(null).byteLength];`: `[1,2,0,0,0]`,
		`return new ArrayBuffer(4).transfer(-1);`:       `throws RangeError: Invalid array buffer length`,
		`return new ArrayBuffer(4).transfer(Infinity);`: `throws RangeError: ArrayBuffer.prototype.transfer: Invalid length parameter`,
		`return new ArrayBuffer(4).transfer(2 ** 40);`:  `throws RangeError: Array buffer allocation failed`,
		`return new ArrayBuffer(4).transfer(1n);`:       `throws TypeError: Cannot convert a BigInt value to a number`,
		`return new ArrayBuffer(4).transfer(Symbol());`: `throws TypeError: Cannot convert a Symbol value to a number`,
		// ToIndex runs before the detached check.
		`const a = new ArrayBuffer(4); a.transfer(); return a.transfer(-1);`:                                                  `throws RangeError: Invalid array buffer length`,
		`const a = new ArrayBuffer(4); a.transfer(); return a.transfer();`:                                                    `throws TypeError: Cannot perform ArrayBuffer.prototype.transfer on a detached ArrayBuffer`,
		`const a = new ArrayBuffer(4); a.transfer(); return a.transferToFixedLength();`:                                       `throws TypeError: Cannot perform ArrayBuffer.prototype.transferToFixedLength on a detached ArrayBuffer`,
		`return ArrayBuffer.prototype.transfer.call({});`:                                                                     `throws TypeError: Method ArrayBuffer.prototype.transfer called on incompatible receiver #<Object>`,
		`return ArrayBuffer.prototype.transfer.call(new SharedArrayBuffer(1));`:                                               `throws TypeError: Method ArrayBuffer.prototype.transfer called on incompatible receiver #<SharedArrayBuffer>`,
		`return ArrayBuffer.prototype.transfer.call(null);`:                                                                   `throws TypeError: Method ArrayBuffer.prototype.transfer called on incompatible receiver null`,
		`return ArrayBuffer.prototype.transfer.call("abc");`:                                                                  `throws TypeError: Method ArrayBuffer.prototype.transfer called on incompatible receiver abc`,
		`return ArrayBuffer.prototype.transfer.call(new Uint8Array(1));`:                                                      `throws TypeError: Method ArrayBuffer.prototype.transfer called on incompatible receiver [object Uint8Array]`,
		`return ArrayBuffer.prototype.transferToFixedLength.call(new (class Foo {})());`:                                      `throws TypeError: Method ArrayBuffer.prototype.transferToFixedLength called on incompatible receiver #<Foo>`,
		`return ArrayBuffer.prototype.detached;`:                                                                              `throws TypeError: Method get ArrayBuffer.prototype.detached called on incompatible receiver #<ArrayBuffer>`,
		`return Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "detached").get.call(new SharedArrayBuffer(1));`:       `throws TypeError: Method get ArrayBuffer.prototype.detached called on incompatible receiver #<SharedArrayBuffer>`,
		`return new ArrayBuffer.prototype.transfer();`:                                                                        `throws TypeError: ArrayBuffer.prototype.transfer is not a constructor`,
		`return new WebAssembly.Memory({ initial: 1 }).buffer.transfer();`:                                                    `throws TypeError: ArrayBuffer is not detachable and could not be cloned.`,
		`return [new ArrayBuffer(0).detached, (() => { const a = new ArrayBuffer(0); a.transfer(); return a.detached; })()];`: `[false,true]`,
	})
}

// TestStructuredCloneTransfer checks structuredClone's transfer option: buffers move (the
// originals are detached) after serialization, with workerd's errors.
func TestStructuredCloneTransfer(t *testing.T) {
	check(t, map[string]string{
		`const a = new ArrayBuffer(4); new Uint8Array(a)[1] = 5; const r = structuredClone(a, { transfer: [a] }); return [r.byteLength, new Uint8Array(r)[1], a.byteLength, a.detached, r === a];`:        `[4,5,0,true,false]`,
		`const a = new ArrayBuffer(4); const r = structuredClone({ x: a, y: new Uint8Array(a) }, { transfer: [a] }); return [r.x === r.y.buffer, a.byteLength, r.x.byteLength];`:                          `[true,0,4]`,
		`const a = new ArrayBuffer(4); const u = new Uint8Array(a, 1, 2); const r = structuredClone(u, { transfer: [u] }); return [r.byteOffset, r.length, r.buffer.byteLength, a.byteLength, u.length];`: `[1,2,4,0,0]`,
		`const a = new ArrayBuffer(4); const r = structuredClone(a, { transfer: [a, a] }); return [r.byteLength, a.byteLength];`:                                                                          `[4,0]`,
		// Serialization runs first: getters still see the buffer, and a failure leaves it attached.
		`const a = new ArrayBuffer(4); let seen; structuredClone({ get g() { seen = a.byteLength; return 1; } }, { transfer: [a] }); return [seen, a.byteLength];`: `[4,0]`,
		`const a = new ArrayBuffer(4); try { structuredClone({ a, f() {} }, { transfer: [a] }); } catch (e) { return [e.name, e.message, a.byteLength]; }`:         `["DataCloneError","f() {} could not be cloned.",4]`,
		`const a = new ArrayBuffer(4); a.transfer(); return structuredClone(a, { transfer: [a] }).byteLength;`:                                                     `0`,
		`const a = new ArrayBuffer(4); a.transfer(); return structuredClone(1, { transfer: [a] });`:                                                                `1`,
		`const a = new ArrayBuffer(4); a.transfer(); return structuredClone(a);`:                                                                                   `throws DataCloneError: An ArrayBuffer is detached and could not be cloned.`,
		`const a = new ArrayBuffer(4); const u = new Uint8Array(a); a.transfer(); return structuredClone(u);`:                                                      `throws DataCloneError: An ArrayBuffer is detached and could not be cloned.`,
		`const a = new ArrayBuffer(4); const u = new Uint8Array(a); a.transfer(); return structuredClone(u, { transfer: [a] });`:                                   `throws DataCloneError: An ArrayBuffer is detached and could not be cloned.`,
		`return structuredClone(1, { transfer: [new SharedArrayBuffer(1)] });`:                                                                                     `throws TypeError: Object is not transferable`,
		`return structuredClone(1, { transfer: [new WebAssembly.Memory({ initial: 1 }).buffer] });`:                                                                `throws DataCloneError: Object is not transferable.`,
		`return structuredClone(1, { transfer: [new Uint8Array(new SharedArrayBuffer(1))] });`:                                                                     `throws DataCloneError: Object is not transferable.`,
	})
}

// TestStreamsDetachBuffers checks that byte streams transfer buffers as the Streams standard's
// TransferArrayBuffer says: the caller's view or chunk is detached and the result owns its memory.
func TestStreamsDetachBuffers(t *testing.T) {
	check(t, map[string]string{
		// A BYOB read detaches the view passed in; the result views the same bytes.
		`const rs = new ReadableStream({ type: "bytes", pull(c) { const v = c.byobRequest.view; v[0] = 7; c.byobRequest.respond(1); } });
		 const r = rs.getReader({ mode: "byob" }); const v = new Uint8Array(4); const res = await r.read(v);
		 return [v.byteLength, v.buffer.detached, res.value.byteLength, res.value.buffer.byteLength, res.value[0]];`: `[0,true,1,4,7]`,
		// Reading into a detached view rejects with a TypeError.
		`const rs = new ReadableStream({ type: "bytes" }); const r = rs.getReader({ mode: "byob" }); const v = new Uint8Array(4); v.buffer.transfer();
		 try { await r.read(v); } catch (e) { return e.name; }`: `"TypeError"`,
		// enqueue() detaches the chunk's buffer.
		`let ctl; const rs = new ReadableStream({ type: "bytes", start(c) { ctl = c; } }); const chunk = new Uint8Array([1, 2, 3]); ctl.enqueue(chunk);
		 const { value } = await rs.getReader().read(); return [chunk.byteLength, chunk.buffer.detached, [...value]];`: `[0,true,[1,2,3]]`,
		// Enqueueing a detached or zero-length chunk is a TypeError.
		`let ctl; new ReadableStream({ type: "bytes", start(c) { ctl = c; } }); const chunk = new Uint8Array(2); chunk.buffer.transfer();
		 try { ctl.enqueue(chunk); } catch (e) { return e.name; }`: `"TypeError"`,
		// respondWithNewView() detaches the view handed in, and the byobRequest's buffer moves on.
		`const rs = new ReadableStream({ type: "bytes", pull(c) { const req = c.byobRequest; const nv = new Uint8Array(req.view.buffer, req.view.byteOffset, 2); nv.set([4, 5]); c.byobRequest.respondWithNewView(nv); globalThis.__nv = nv; } });
		 const r = rs.getReader({ mode: "byob" }); const res = await r.read(new Uint8Array(8));
		 return [globalThis.__nv.byteLength, [...res.value], res.value.buffer.byteLength];`: `[0,[4,5],8]`,
		// After respond(), the request's view is detached from the pull source's point of view.
		`let req; const rs = new ReadableStream({ type: "bytes", pull(c) { req = c.byobRequest; req.view[0] = 1; const view = req.view; req.respond(1); globalThis.__old = view; } });
		 const r = rs.getReader({ mode: "byob" }); await r.read(new Uint8Array(2)); return [globalThis.__old.byteLength, req.view];`: `[0,null]`,
	})
}
