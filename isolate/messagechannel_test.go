package isolate

import "testing"

// TestMessageChannel checks MessageChannel/MessagePort as workerd has them: structured clone at
// postMessage, microtask delivery, start on onmessage or a listener, close on both ports, and
// workerd's error names and messages for what it refuses.
func TestMessageChannel(t *testing.T) {
	check(t, map[string]string{
		// Shape.
		`const c = new MessageChannel(); return [c.port1 instanceof MessagePort, c.port2 instanceof EventTarget, c.port1 !== c.port2, Object.keys(c), Object.prototype.toString.call(c.port1)]`: `[true,true,true,["port2","port1"],"[object MessagePort]"]`,
		`const d = Object.getOwnPropertyDescriptor(new MessageChannel(), "port1"); return [d.writable, d.enumerable, d.configurable]`:                                                           `[false,true,true]`,
		`new MessagePort()`: `throws TypeError: Illegal constructor`,
		`MessageChannel()`:  `throws TypeError: Failed to construct 'MessageChannel': Please use the 'new' operator, this object constructor cannot be called as a function.`,
		`MessagePort.prototype.postMessage.call({}, 1)`: "throws TypeError: Illegal invocation: function called with incorrect `this` reference. See https://developers.cloudflare.com/workers/observability/errors/#illegal-invocation-errors for details.",
		`return new MessageChannel().port1.onmessage`:   `null`,

		// Delivery: a clone, in a microtask per message, in order, with a trusted MessageEvent.
		`const { port1, port2 } = new MessageChannel(); const log = []; const obj = { a: [1, { b: 2 }] };
		 port2.onmessage = (e) => log.push([e.type, e.data, e.data === obj, e.isTrusted, e instanceof MessageEvent, e.source === port2, e.origin, e.lastEventId, e.ports.length]);
		 port1.postMessage(obj); Promise.resolve().then(() => log.push("micro")); port1.postMessage("b"); log.push("sync");
		 setTimeout(() => log.push("task"), 0); await scheduler.wait(5); return log`: `["sync",["message",{"a":[1,{"b":2}]},false,true,true,true,null,"",0],"micro",["message","b",false,true,true,true,null,"",0],"task"]`,
		// Both directions; postMessage() with no argument sends undefined.
		`const { port1, port2 } = new MessageChannel(); const log = []; port1.onmessage = (e) => log.push("1:" + e.data); port2.onmessage = (e) => log.push("2:" + e.data);
		 port1.postMessage(); port2.postMessage(2); await scheduler.wait(5); return log`: `["2:undefined","1:2"]`,
		// Queued until started: by onmessage, by a message listener, or by start() plus a listener.
		`const { port1, port2 } = new MessageChannel(); const log = []; port1.postMessage(1); port1.postMessage(2); await scheduler.wait(5); port2.onmessage = (e) => log.push(e.data); await scheduler.wait(5); return log`: `[1,2]`,
		`const { port1, port2 } = new MessageChannel(); const log = []; port1.postMessage(1); port2.addEventListener("message", (e) => log.push(e.data)); await scheduler.wait(5); return log`:                               `[1]`,
		// Removing the last handler queues again; a new one gets what was queued.
		`const { port1, port2 } = new MessageChannel(); const log = []; port2.onmessage = (e) => log.push("a" + e.data); port2.onmessage = null;
		 port1.postMessage(1); await scheduler.wait(5); const before = log.length; port2.onmessage = (e) => log.push("b" + e.data); await scheduler.wait(5); return [before, log]`: `[0,["b1"]]`,
		`const { port1, port2 } = new MessageChannel(); const log = []; const f = (e) => log.push(e.data); port2.addEventListener("message", f); port2.removeEventListener("message", f);
		 port1.postMessage(1); await scheduler.wait(5); const before = log.length; port2.addEventListener("message", f); await scheduler.wait(5); return [before, log]`: `[0,[1]]`,
		// close(): both ports, a close event at each (the peer first), once; later messages are dropped.
		`const { port1, port2 } = new MessageChannel(); const log = []; port1.onclose = (e) => log.push("1:" + e.type + ":" + e.isTrusted); port2.addEventListener("close", () => log.push("2"));
		 port2.onmessage = () => log.push("message!"); port1.close(); log.push("after"); port1.close(); port2.close(); port1.postMessage(1); port2.postMessage(2); await scheduler.wait(5); return log`: `["2","1:close:true","after"]`,
		// A message already on its way when the port closes is still delivered (workerd).
		`const { port1, port2 } = new MessageChannel(); const log = []; port2.onmessage = (e) => log.push(e.data); port1.postMessage(1); port2.close(); await scheduler.wait(5); return log`: `[1]`,

		// onmessage is an event handler attribute: called in the order it was set among the
		// listeners (replacing keeps its place); an object is kept but not called.
		`const log = []; const { port1, port2 } = new MessageChannel(); port2.onmessage = () => log.push("on1"); port2.addEventListener("message", () => log.push("l"));
		 port2.onmessage = () => log.push("on2"); port1.postMessage(1); await scheduler.wait(5);
		 const c = new MessageChannel(); c.port2.addEventListener("message", () => log.push("l")); c.port2.onmessage = () => log.push("on"); c.port1.postMessage(1); await scheduler.wait(5);
		 const d = new MessageChannel(); d.port2.onmessage = { handleEvent() { log.push("object"); } }; d.port1.postMessage(1); await scheduler.wait(5); log.push(typeof d.port2.onmessage);
		 d.port2.onmessage = 5; log.push(d.port2.onmessage); return log`: `["on2","l","l","on","object",null]`,

		// Transfer lists: only empty ones.
		`const { port1 } = new MessageChannel(); port1.postMessage(1, []); port1.postMessage(1, { transfer: [] }); port1.postMessage(1, null); port1.postMessage(1, { transfer: undefined }); return "ok"`: `"ok"`,
		`new MessageChannel().port1.postMessage(1, [new ArrayBuffer(1)])`:       `throws Error: Transfer list is not supported`,
		`new MessageChannel().port1.postMessage(1, { transfer: [1] })`:          `throws Error: Transfer list is not supported`,
		`new MessageChannel().port1.postMessage(1, 5)`:                          `throws TypeError: Failed to execute 'postMessage' on 'MessagePort': parameter 2 is not of type 'Array or PostMessageOptions'.`,
		`new MessageChannel().port1.postMessage(1, { transfer: new Set([1]) })`: `throws TypeError: Incorrect type for the 'transfer' field on 'PostMessageOptions': the provided value is not of type 'Array'.`,

		// What cannot be cloned throws DataCloneError (code 25), even on a closed port.
		`try { new MessageChannel().port1.postMessage(() => 1); } catch (e) { return [e.name, e.code, e.message, e instanceof DOMException]; }`: `["DataCloneError",25,"() => 1 could not be cloned.",true]`,
		`const c = new MessageChannel(); c.port1.close(); try { c.port1.postMessage(Symbol("s")); } catch (e) { return [e.name, e.message]; }`:  `["DataCloneError","Symbol(s) could not be cloned."]`,
		`const c = new MessageChannel(); try { c.port1.postMessage(c.port2); } catch (e) { return [e.name, e.message]; }`:                       `["DataCloneError","Could not serialize object of type \"MessagePort\". This type does not support serialization."]`,
		`new MessageChannel().port1.postMessage(new SharedArrayBuffer(4))`:                                                                      `throws TypeError: SharedArrayBuffer is unsupported with MessagePort`,
		// A getter run while cloning may close the port: the message is dropped, nothing breaks.
		`const { port1, port2 } = new MessageChannel(); const log = []; port2.onmessage = (e) => log.push(e.data);
		 port1.postMessage({ get x() { port1.close(); return 1; } }); await scheduler.wait(5); return log`: `[]`,
		// Blobs clone.
		`const { port1, port2 } = new MessageChannel(); const p = new Promise((r) => { port2.onmessage = (e) => r(e.data); }); port1.postMessage(new Blob(["hi"], { type: "text/plain" })); const b = await p; return [b instanceof Blob, b.type, await b.text()]`: `[true,"text/plain","hi"]`,
	})
}
