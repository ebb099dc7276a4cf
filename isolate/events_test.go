package isolate

import (
	"strings"
	"testing"
)

// illegalInvocationThrow is how the harness shows workerd's error for a method called on the
// wrong kind of object.
const illegalInvocationThrow = "throws TypeError: Illegal invocation: function called with incorrect `this` reference. " +
	"See https://developers.cloudflare.com/workers/observability/errors/#illegal-invocation-errors for details."

// Event, EventTarget, CustomEvent, ErrorEvent, ExtendableEvent (js/events.js). The expected
// values are real workerd's (compatibility date 2026-11-17 unless a case sets flags), many of
// the cases ported from workerd's events-test.js.
func TestEvent(t *testing.T) {
	check(t, map[string]string{
		// Constructor arguments.
		`return new Event()`:            `throws TypeError: Failed to construct 'Event': constructor parameter 1 is not of type 'string'.`,
		`return new Event(Symbol('x'))`: `throws TypeError: Cannot convert a Symbol value to a string`,
		`return [new Event({}).type, new Event(null).type, new Event(1).type, new Event(undefined).type]`: `["[object Object]","null","1","undefined"]`,
		`return new Event('a', 1)`:     `throws TypeError: Failed to construct 'Event': constructor parameter 2 is not of type 'Init'.`,
		`return new Event('a', 'str')`: `throws TypeError: Failed to construct 'Event': constructor parameter 2 is not of type 'Init'.`,
		`return [new Event('a', null).type, new Event('a', []).type, new Event('a', () => {}).type]`:                                                                        `["a","a","a"]`,
		`return new Event('x', {get bubbles() { throw new Error('getter'); }})`:                                                                                             `throws Error: getter`,
		`const order = []; new Event('x', {get bubbles() { order.push('b'); }, get cancelable() { order.push('c'); }, get composed() { order.push('co'); }}); return order`: `["b","c","co"]`,
		`return Event('x')`: `throws TypeError: Failed to construct 'Event': Please use the 'new' operator, this object constructor cannot be called as a function.`,
		`return [Event.length, Event.name, Event.NONE, Event.CAPTURING_PHASE, Event.AT_TARGET, Event.BUBBLING_PHASE, Event.prototype.AT_TARGET]`: `[0,"Event",0,1,2,3,2]`,

		// A fresh event.
		`const e = new Event('foo');
		 return [e.type, e.bubbles, e.cancelable, e.composed, e.isTrusted, e.defaultPrevented, e.eventPhase, e.returnValue,
		   e.timeStamp, e.cancelBubble, e.currentTarget === undefined, e.target === undefined, e.srcElement === undefined, e.composedPath()]`: `["foo",false,false,false,false,false,0,true,0,false,true,true,true,[]]`,
		`const e = new Event('foo'); e.stopImmediatePropagation(); e.stopPropagation(); e.preventDefault(); return [e.defaultPrevented, e.cancelBubble, e.returnValue]`:         `[false,true,true]`,
		`const e = new Event('foo', {cancelable: true, bubbles: 'truthy', composed: 1}); e.preventDefault(); return [e.bubbles, e.composed, e.defaultPrevented, e.returnValue]`: `[true,true,true,false]`,
		`const e = new Event('x'); e.cancelBubble = true; e.cancelBubble = false; return e.cancelBubble`:                                                                        `false`,
		`'use strict'; const e = new Event('x'); try { e.type = 'y'; } catch (err) { return [err.name, e.type]; }`:                                                              `["TypeError","x"]`,
		`const e = new Event('x'); return [Object.getOwnPropertyNames(e), JSON.stringify(e), Object.keys(e)]`:                                                                   `[[],"{}",[]]`,
		`return [Object.prototype.toString.call(new Event('x')), String(new EventTarget())]`:                                                                                    `["[object Event]","[object EventTarget]"]`,
		`return typeof Event.prototype.initEvent`: `"undefined"`,

		// Properties live on the prototype (enumerable, as workerd's); subclasses can override.
		`const d = Object.getOwnPropertyDescriptor(Event.prototype, 'type'); return [typeof d.get, d.set, d.enumerable, d.configurable]`:  `["function",null,true,true]`,
		`const d = Object.getOwnPropertyDescriptor(Event.prototype, 'preventDefault'); return [d.writable, d.enumerable, d.configurable]`: `[true,true,true]`,
		`return Event.prototype.type`: illegalInvocationThrow,
		`class Foo extends Event { constructor() { super('foo'); } }
		 const e = new Foo(); return [e.type, e instanceof Event, e instanceof Foo, Reflect.getOwnPropertyDescriptor(e, 'cancelable') === undefined]`: `["foo",true,true,true]`,
		`class Bar extends Event { constructor() { super('bar'); } get bubbles() { return 'hello'; } } const b = new Bar(); return [b.bubbles, b.composed]`: `["hello",false]`,
		`class E extends Event { constructor() { super('x'); } get type() { return 'y'; } }
		 const t = new EventTarget(); let c = 0; t.addEventListener('x', () => c++); t.addEventListener('y', () => c += 10); t.dispatchEvent(new E()); return c`: `1`,

		// CustomEvent, ErrorEvent, ExtendableEvent.
		`const e = new CustomEvent('foo', {detail: {a: 123}}); return [e instanceof Event, e.type, e.detail]`:                                     `[true,"foo",{"a":123}]`,
		`return [new CustomEvent('x').detail, new CustomEvent('x', null).detail, new CustomEvent('x', {detail: undefined}).detail === undefined]`: `[null,null,true]`,
		`return new CustomEvent()`:       `throws TypeError: Failed to construct 'CustomEvent': constructor parameter 1 is not of type 'string'.`,
		`return new CustomEvent('x', 5)`: `throws TypeError: Failed to construct 'CustomEvent': constructor parameter 2 is not of type 'CustomEventInit'.`,
		`const order = []; new CustomEvent('x', {get bubbles() { order.push('b'); }, get cancelable() { order.push('c'); }, get composed() { order.push('co'); }, get detail() { order.push('d'); }}); return order`: `["b","c","co","d"]`,
		`const e = new CustomEvent('x', {cancelable: true}); e.preventDefault(); return [e.defaultPrevented, Object.prototype.toString.call(e)]`:                                                                     `[true,"[object CustomEvent]"]`,
		`return [typeof ExtendableEvent, ExtendableEvent.prototype instanceof Event]`:                                                                                                                                `["function",true]`,
		`return new ExtendableEvent('foo')`: `throws TypeError: Illegal constructor`,
		`return ExtendableEvent('foo')`:     `throws TypeError: Illegal constructor`,
	})
}

func TestErrorEvent(t *testing.T) {
	// websocket.js also defines a global ErrorEvent; these use the one events.js implements,
	// which reportError dispatches.
	check(t, map[string]string{
		`const g = []; const h = (e) => g.push(e); addEventListener('error', h); reportError(1); removeEventListener('error', h);
		 const EE = g[0].constructor; const e = new EE('x', {message: 'm', filename: 'f', lineno: 3, colno: 4, error: 1});
		 return [e.message, e.filename, e.lineno, e.colno, e.error, e.type, e instanceof Event]`: `["m","f",3,4,1,"x",true]`,
		`const g = []; const h = (e) => g.push(e); addEventListener('error', h); reportError(1); removeEventListener('error', h);
		 const EE = g[0].constructor; const e = new EE('x', {message: 5, filename: null, lineno: '3', colno: -1, error: undefined});
		 return [e.message, e.filename, e.lineno, e.colno, e.error === undefined]`: `["5","null",3,-1,true]`,
		`const g = []; const h = (e) => g.push(e); addEventListener('error', h); reportError(1); removeEventListener('error', h);
		 const e = new (g[0].constructor)('x'); return [e.message, e.filename, e.lineno, e.colno, e.error === undefined]`: `["","",0,0,true]`,
		`const g = []; const h = (e) => g.push(e); addEventListener('error', h); reportError(1); removeEventListener('error', h);
		 try { new (g[0].constructor)(); } catch (e) { return e.message; }`: `"Failed to construct 'ErrorEvent': constructor parameter 1 is not of type 'string'."`,
	})
}

func TestEventTarget(t *testing.T) {
	check(t, map[string]string{
		// workerd's basicEventTarget test.
		`const target = new EventTarget(); const event = new Event('foo'); const seen = []; let count = 0;
		 const handler = (d) => {
		   seen.push(d === event, d.eventPhase, d.currentTarget === target, d.composedPath().length === 1 && d.composedPath()[0] === target);
		   count++;
		   try { target.dispatchEvent(d); } catch (e) { seen.push(e.name, e.message, e instanceof DOMException); }
		 };
		 target.addEventListener('foo', handler); target.addEventListener('foo', handler);
		 target.addEventListener('foo', { handleEvent: handler });
		 let classCalled = false;
		 target.addEventListener('foo', new (class { handleEvent() { classCalled = true; } })());
		 target.dispatchEvent(event);
		 const after = [classCalled, event.eventPhase, event.currentTarget === target, count];
		 target.removeEventListener('foo', handler);
		 target.dispatchEvent(event);
		 return [seen.slice(0, 7), after, count]`: `[[true,2,true,true,"InvalidStateError","The event is already being dispatched.",true],[true,0,true,2],3]`,
		`const t = new EventTarget(); return t.addEventListener('foo', {})`:          `throws TypeError: Incorrect type for the 'handleEvent' field on 'HandlerObject': the provided value is not of type 'function'.`,
		`const t = new EventTarget(); return t.addEventListener('foo', [])`:          `throws TypeError: Incorrect type for the 'handleEvent' field on 'HandlerObject': the provided value is not of type 'function'.`,
		`const t = new EventTarget(); return t.addEventListener('foo', 'hello')`:     `throws TypeError: Failed to execute 'addEventListener' on 'EventTarget': parameter 2 is not of type 'function or HandlerObject'.`,
		`const t = new EventTarget(); return t.addEventListener('foo', false)`:       `throws TypeError: Failed to execute 'addEventListener' on 'EventTarget': parameter 2 is not of type 'function or HandlerObject'.`,
		`const t = new EventTarget(); return t.addEventListener('x')`:                `throws TypeError: Failed to execute 'addEventListener' on 'EventTarget': parameter 2 is not of type 'function or HandlerObject'.`,
		`const t = new EventTarget(); return t.addEventListener()`:                   `throws TypeError: Failed to execute 'addEventListener' on 'EventTarget': parameter 1 is not of type 'string'.`,
		`const t = new EventTarget(); return t.addEventListener(Symbol(), () => {})`: `throws TypeError: Cannot convert a Symbol value to a string`,
		`const t = new EventTarget(); return [t.addEventListener('x', null), t.addEventListener('x', undefined), t.removeEventListener('x', null), t.removeEventListener('x', {})]`: `[null,null,null,null]`,
		`const t = new EventTarget(); return t.removeEventListener('x')`:         `throws TypeError: Failed to execute 'removeEventListener' on 'EventTarget': parameter 2 is not of type 'Object'.`,
		`const t = new EventTarget(); return t.removeEventListener('x', 5)`:      `throws TypeError: Failed to execute 'removeEventListener' on 'EventTarget': parameter 2 is not of type 'Object'.`,
		`const t = new EventTarget(); return t.removeEventListener()`:            `throws TypeError: Failed to execute 'removeEventListener' on 'EventTarget': parameter 1 is not of type 'string'.`,
		`return new EventTarget().dispatchEvent('x')`:                            `throws TypeError: Failed to execute 'dispatchEvent' on 'EventTarget': parameter 1 is not of type 'Event'.`,
		`return new EventTarget().dispatchEvent(Object.create(Event.prototype))`: `throws TypeError: Failed to execute 'dispatchEvent' on 'EventTarget': parameter 1 is not of type 'Event'.`,
		`return EventTarget.prototype.addEventListener.call({}, 'x', () => {})`:  illegalInvocationThrow,

		// capture must be false; passive is accepted.
		`const t = new EventTarget(); return t.addEventListener('x', () => {}, {capture: true})`:                                                                                  `throws TypeError: addEventListener(): options.capture must be false.`,
		`const t = new EventTarget(); return t.addEventListener('x', () => {}, true)`:                                                                                             `throws TypeError: addEventListener(): useCapture must be false.`,
		`const t = new EventTarget(); return t.addEventListener('x', () => {}, 'str')`:                                                                                            `throws TypeError: addEventListener(): useCapture must be false.`,
		`const t = new EventTarget(); return [t.addEventListener('x', () => {}, {passive: true}), t.addEventListener('x', () => {}, 0), t.addEventListener('x', () => {}, null)]`: `[null,null,null]`,
		`const t = new EventTarget(); return t.removeEventListener('x', () => {}, {capture: true})`:                                                                               `throws TypeError: removeEventListener(): options.capture must be false.`,
		`const t = new EventTarget(); return t.removeEventListener('x', () => {}, true)`:                                                                                          `throws TypeError: removeEventListener(): useCapture must be false.`,
		`const t = new EventTarget(); return t.addEventListener('x', () => {}, {signal: 1})`:                                                                                      `throws TypeError: Incorrect type for the 'signal' field on 'AddEventListenerOptions': the provided value is not of type 'AbortSignal'.`,
		`const t = new EventTarget(); return t.addEventListener('x', () => {}, {signal: null})`:                                                                                   `throws TypeError: Incorrect type for the 'signal' field on 'AddEventListenerOptions': the provided value is not of type 'AbortSignal'.`,
		`const order = []; new EventTarget().addEventListener('x', () => {}, {get capture() { order.push('capture'); }, get once() { order.push('once'); }, get passive() { order.push('passive'); }, get signal() { order.push('signal'); }}); return order`: `["capture","passive","once","signal"]`,

		// Dispatch.
		`const t = new EventTarget(); const e = new Event('x', {cancelable: true}); const r = [];
		 t.addEventListener('x', ev => { r.push(ev.target === t, ev.eventPhase, ev.defaultPrevented); ev.preventDefault(); r.push(ev.defaultPrevented); });
		 r.push(t.dispatchEvent(e), e.target === t, e.currentTarget === t, e.srcElement === t, e.eventPhase, e.defaultPrevented, e.composedPath().length); return r`: `[true,2,false,true,false,true,true,true,0,true,0]`,
		`const t = new EventTarget(); t.addEventListener('foo', (e) => { e.preventDefault(); }); return t.dispatchEvent(new Event('foo'))`:                                    `false`,
		`const t = new EventTarget(); t.addEventListener('foo', () => true); const e = new Event('foo', {cancelable: true}); return [t.dispatchEvent(e), e.defaultPrevented]`: `[false,true]`,
		`const t = new EventTarget(); t.addEventListener('foo', () => true); const e = new Event('foo'); return [t.dispatchEvent(e), e.defaultPrevented]`:                     `[false,false]`,
		`const t = new EventTarget(); const e = new Event('x', {cancelable: true}); e.preventDefault(); return [t.dispatchEvent(e), e.defaultPrevented]`:                      `[true,false]`,
		`const t = new EventTarget(); const e = new Event('foo', {cancelable: true}); t.addEventListener('foo', (e) => e.preventDefault()); t.dispatchEvent(e);
		 const b = e.defaultPrevented; new EventTarget().dispatchEvent(e); return [b, e.defaultPrevented]`: `[true,false]`,
		`const t = new EventTarget(); const r = []; t.addEventListener('x', () => r.push(1)); t.addEventListener('x', () => r.push(2)); t.addEventListener('y', () => r.push(3)); t.dispatchEvent(new Event('x')); return r`: `[1,2]`,
		`const t = new EventTarget(); const r = []; const a = () => { r.push('a'); t.addEventListener('x', b); }; const b = () => r.push('b');
		 t.addEventListener('x', a); t.dispatchEvent(new Event('x')); t.dispatchEvent(new Event('x')); return r`: `["a","a","b"]`,
		`const t = new EventTarget(); const r = []; const a = () => { r.push('a'); t.removeEventListener('x', b); }; const b = () => r.push('b');
		 t.addEventListener('x', a); t.addEventListener('x', b); t.dispatchEvent(new Event('x')); return r`: `["a"]`,
		`const t = new EventTarget(); const r = []; const o = { handleEvent() { r.push(1); } }; t.addEventListener('x', o); o.handleEvent = () => r.push(2); t.dispatchEvent(new Event('x')); return r`: `[1]`,
		`const t = new EventTarget(); t.addEventListener('x', { handleEvent: 5 })`:                                                                                                              `throws TypeError: Incorrect type for the 'handleEvent' field on 'HandlerObject': the provided value is not of type 'function'.`,
		`const t = new EventTarget(); const r = []; t.onfoo = () => r.push('on'); t.addEventListener('foo', () => r.push('L')); t.dispatchEvent(new Event('foo')); return r`:                    `["on","L"]`,
		`const t = new EventTarget(); const r = []; t.addEventListener(undefined, () => r.push(1)); t.dispatchEvent(new Event('undefined')); return r`:                                          `[1]`,
		`const ev = new Event('x'); Object.defineProperty(ev, 'type', {value: 'y'}); const t = new EventTarget(); let c = 0; t.addEventListener('x', () => c++); t.dispatchEvent(ev); return c`: `1`,

		// once, stopImmediatePropagation, cancelBubble.
		`const t = new EventTarget(); const e = new Event('foo'); let c = 0; t.addEventListener('foo', () => { c++; }, { once: true }); t.dispatchEvent(e); t.dispatchEvent(e); return c`:                                                                      `1`,
		`const t = new EventTarget(); const r = []; const a = () => r.push('a'); t.addEventListener('x', a, {once: true}); t.addEventListener('x', a); t.dispatchEvent(new Event('x')); t.dispatchEvent(new Event('x')); return r`:                             `["a"]`,
		`const t = new EventTarget(); let c = 0; t.addEventListener('foo', (e) => { c++; e.stopImmediatePropagation(); }); t.addEventListener('foo', () => { throw new Error('should not have been invoked'); }); t.dispatchEvent(new Event('foo')); return c`: `1`,
		`const t = new EventTarget(); const e = new Event('x'); e.stopImmediatePropagation(); let c = 0; t.addEventListener('x', () => c++); t.dispatchEvent(e); t.dispatchEvent(e); return c`:                                                                 `0`,
		`const t = new EventTarget(); const e = new Event('x'); e.stopPropagation(); let c = 0; t.addEventListener('x', () => c++); t.dispatchEvent(e); return [c, e.cancelBubble]`:                                                                            `[1,true]`,
		`const t = new EventTarget(); const r = []; t.addEventListener('x', (e) => { r.push(e.cancelBubble); e.cancelBubble = true; r.push(e.cancelBubble); }); t.addEventListener('x', () => r.push('second')); t.dispatchEvent(new Event('x')); return r`:    `[false,true,"second"]`,

		// Subclassing.
		`class MyEventTarget extends EventTarget {} const event = new Event('foo'); const target = new MyEventTarget(); let c = 0;
		 target.addEventListener('foo', (d) => { if (d === event) c++; }); target.dispatchEvent(event); return [c, target instanceof EventTarget]`: `[1,true]`,
		`return EventTarget()`: `throws TypeError: Failed to construct 'EventTarget': Please use the 'new' operator, this object constructor cannot be called as a function.`,

		// The global scope is an event target (though not an instance of EventTarget).
		`return [typeof globalThis.dispatchEvent, typeof globalThis.addEventListener, typeof globalThis.removeEventListener, globalThis instanceof EventTarget, Object.keys(globalThis).includes('addEventListener')]`:                                 `["function","function","function",false,false]`,
		`let c = 0; addEventListener('foo', () => { c++; }, { once: true }); dispatchEvent(new Event('foo')); dispatchEvent(new Event('foo')); return c`:                                                                                               `1`,
		`const r = []; const f = (e) => r.push(e.target === globalThis, e.currentTarget === globalThis); addEventListener('zz', f); globalThis.dispatchEvent(new Event('zz')); removeEventListener('zz', f); dispatchEvent(new Event('zz')); return r`: `[true,true]`,
	})
}

// The listener `signal` option and AbortSignal as an event target.
func TestEventListenerSignal(t *testing.T) {
	check(t, map[string]string{
		`const t = new EventTarget(); let c = 0; const ac = new AbortController();
		 t.addEventListener('foo', () => { c++; }, { signal: ac.signal });
		 t.addEventListener('foo', () => { c++; }, { signal: AbortSignal.abort() });
		 ac.abort(); t.dispatchEvent(new Event('foo')); return c`: `0`,
		`const ac = new AbortController(); const t = new EventTarget(); let c = 0; const f = () => c++;
		 t.addEventListener('x', f, {signal: ac.signal}); t.addEventListener('x', f); ac.abort(); t.dispatchEvent(new Event('x')); return c`: `0`,
		// Removed and added again without the signal: the signal no longer removes it.
		`const ac = new AbortController(); const t = new EventTarget(); let c = 0; const f = () => c++;
		 t.addEventListener('x', f, {signal: ac.signal}); t.removeEventListener('x', f); t.addEventListener('x', f); ac.abort(); t.dispatchEvent(new Event('x')); return c`: `1`,
		// workerd's cancelableListenerWithSelfSignal.
		`const controller = new AbortController(); const { signal } = controller; const noop = () => {};
		 signal.addEventListener('one', noop); signal.addEventListener('two', noop); signal.addEventListener('three', noop);
		 signal.addEventListener('victim', noop, { signal }); controller.abort(); return signal.aborted`: `true`,
		`const a = new AbortController(); const s = a.signal; let c = 0; s.addEventListener('foo', () => c++); a.abort(); s.dispatchEvent(new Event('foo')); return c`: `0`,
		`const a = AbortSignal.abort(); const r = []; a.addEventListener('abort', () => r.push(1)); a.dispatchEvent(new Event('abort')); return r`:                     `[1]`,
	})
}

// Listener exceptions: reported (spec_compliant_dispatch_exceptions, the newest behaviour) or,
// without that flag, thrown out of dispatchEvent.
func TestEventListenerErrors(t *testing.T) {
	iso, lg := newTestIsolate(t)
	got := iso.eval(t, `
		const t = new EventTarget(); const r = []; const g = [];
		t.addEventListener('x', () => { r.push(1); throw new Error('boom'); });
		t.addEventListener('x', () => r.push(2));
		const h = (e) => { g.push([e.constructor.name, e.message, e.error.message, e.lineno > 0, e.colno > 0, e.cancelable, e.isTrusted]); };
		addEventListener('error', h);
		const rv = t.dispatchEvent(new Event('x'));
		removeEventListener('error', h);
		return [r, rv, g];`)
	if want := `[[1,2],true,[["ErrorEvent","Uncaught Error: boom","boom",true,true,false,true]]]`; got != want {
		t.Errorf("reported listener error:\n got  %s\n want %s", got, want)
	}
	if s := lg.String(); !strings.Contains(s, "error: Uncaught Error: boom") {
		t.Errorf("log lacks the reported error:\n%s", s)
	}
	got = iso.eval(t, `
		const ints = globalThis[Symbol.for("nanod.internals")];
		Object.defineProperty(ints, "compatEnabled", { value: { spec_compliant_dispatch_exceptions: false }, configurable: true });
		try {
		  const t = new EventTarget(); const e = new Event('x'); let c = 0;
		  t.addEventListener('x', () => { c++; throw new Error('boom'); });
		  t.addEventListener('x', () => { c++; });
		  let thrown;
		  try { t.dispatchEvent(e); } catch (err) { thrown = err.message; }
		  return [thrown, c, e.eventPhase, e.currentTarget === t];
		} finally { delete ints.compatEnabled; }`)
	if want := `["boom",1,0,true]`; got != want {
		t.Errorf("thrown listener error:\n got  %s\n want %s", got, want)
	}
}

// set_event_target_this: listeners get the target (or the handler object) as this.
func TestEventTargetThis(t *testing.T) {
	check(t, map[string]string{
		`const et = new EventTarget(); const r = []; et.addEventListener('foo', function () { r.push(this === et); });
		 const o = { handleEvent() { r.push(this === o); } }; et.addEventListener('foo', o); et.dispatchEvent(new Event('foo')); return r`: `[true,true]`,
		`'use strict';
		 const ints = globalThis[Symbol.for("nanod.internals")];
		 Object.defineProperty(ints, "compatEnabled", { value: {}, configurable: true });
		 try {
		   const et = new EventTarget(); const r = []; et.addEventListener('foo', function () { r.push(this); });
		   et.addEventListener('foo', { handleEvent() { r.push(this); } }); et.dispatchEvent(new Event('foo')); return r;
		 } finally { delete ints.compatEnabled; }`: `[null,null]`,
	})
}

// AbortController and AbortSignal, mostly workerd's abortsignal-test.js.
func TestAbortSignal(t *testing.T) {
	check(t, map[string]string{
		`return new AbortSignal()`: `throws TypeError: Illegal constructor`,
		`return AbortSignal()`:     `throws TypeError: Illegal constructor`,
		`const ac = new AbortController(); let invoked = 0; const r = [];
		 r.push(ac.signal instanceof AbortSignal, ac.signal instanceof EventTarget, ac.signal.aborted, ac.signal === ac.signal, ac.signal.reason === undefined);
		 ac.signal.onabort = (event) => { invoked++; r.push(event.type, event.isTrusted, event.cancelable, event.constructor === Event); };
		 ac.signal.throwIfAborted();
		 ac.abort();
		 ac.signal.addEventListener('abort', () => { throw new Error('should not have been called'); });
		 try { ac.signal.throwIfAborted(); } catch (e) { r.push(e === ac.signal.reason); }
		 r.push(ac.signal.aborted, ac.signal.reason.message, ac.signal.reason.name, ac.signal.reason.code, ac.signal.reason instanceof DOMException);
		 ac.abort(); r.push(invoked); return r`: `[true,true,false,true,true,"abort",true,false,true,true,true,"The operation was aborted","AbortError",20,true,1]`,
		`'use strict'; const ac = new AbortController(); try { ac.signal = 1; } catch (e) { return e.name; }`:                                                                                      `"TypeError"`,
		`'use strict'; const ac = new AbortController(); try { ac.signal.reason = 1; } catch (e) { return e.name; }`:                                                                               `"TypeError"`,
		`const ac = new AbortController(); let seen; ac.signal.addEventListener('abort', () => { seen = ac.signal.reason; }); ac.abort('foo'); return [ac.signal.aborted, ac.signal.reason, seen]`: `[true,"foo","foo"]`,
		`const ac = new AbortController(); ac.abort(undefined); return ac.signal.reason.name`:                                                                                                      `"AbortError"`,
		`const ac = new AbortController(); ac.abort(null); return ac.signal.reason`:                                                                                                                `null`,
		`const ac = new AbortController(); const err = new Error('custom'); ac.abort(err); return ac.signal.reason === err`:                                                                        `true`,
		`const a = new AbortController(); let calls = 0; a.signal.addEventListener('abort', () => { calls++; a.abort(); }); a.abort(); return calls`:                                               `1`,
		`return Object.getOwnPropertyDescriptor(AbortController.prototype, 'signal').get.call({})`:                                                                                                 illegalInvocationThrow,
		`return [String(new AbortController()), Object.prototype.toString.call(AbortSignal.abort()), JSON.stringify(AbortSignal.abort()), Object.keys(AbortSignal.abort())]`:                       `["[object AbortController]","[object AbortSignal]","{}",[]]`,

		// AbortSignal.abort().
		`const s = AbortSignal.abort(); let threw = false; try { s.throwIfAborted(); } catch { threw = true; } return [s.aborted, threw, s.reason.name, s.reason.message]`: `[true,true,"AbortError","The operation was aborted"]`,
		`const s = AbortSignal.abort('foo'); try { s.throwIfAborted(); } catch (e) { return e; }`:                                                                          `"foo"`,
		`return [AbortSignal.abort(undefined).reason.name, AbortSignal.abort(null).reason]`:                                                                                `["AbortError",null]`,
		`return [AbortSignal.abort.length, AbortSignal.timeout.length, AbortSignal.any.length, AbortController.prototype.abort.length]`:                                    `[0,0,0,0]`,

		// onabort: a function or object, else null; it keeps its place among the listeners.
		`const ac = new AbortController(); const r = ['onabort' in AbortSignal.prototype, ac.signal.onabort];
		 delete ac.signal.onabort; r.push('onabort' in AbortSignal.prototype, ac.signal.onabort);
		 let called = false; ac.signal.onabort = () => { called = true; }; ac.abort(); r.push(called);
		 for (const v of [123, null, 'foo']) { ac.signal.onabort = () => {}; ac.signal.onabort = v; r.push(ac.signal.onabort); }
		 const handler = {}; ac.signal.onabort = handler; r.push(ac.signal.onabort === handler); return r`: `[true,null,true,null,true,null,null,null,true]`,
		`const a = new AbortController(); const r = []; a.signal.addEventListener('abort', () => r.push('first')); a.signal.onabort = () => r.push('onabort'); a.signal.addEventListener('abort', () => r.push('second')); a.abort(); return r`: `["first","onabort","second"]`,
		`const a = new AbortController(); const r = []; a.signal.onabort = () => r.push('onabort1'); a.signal.addEventListener('abort', () => r.push('L')); a.signal.onabort = () => r.push('onabort2'); a.abort(); return r`:                   `["onabort2","L"]`,
		`const a = new AbortController(); a.signal.onabort = () => {}; a.signal.onabort = null; const r = []; a.signal.addEventListener('abort', () => r.push('L')); a.signal.onabort = () => r.push('on'); a.abort(); return r`:                `["L","on"]`,
		`const a = new AbortController(); const r = []; a.signal.onabort = { handleEvent() { r.push('h'); } }; a.abort(); return r`:                                                                                                             `[]`,

		// AbortSignal.timeout().
		`const timed = AbortSignal.timeout(10); const r = [timed.aborted]; await new Promise((res) => { timed.onabort = res; });
		 r.push(timed.aborted, timed.reason.name, timed.reason.message, timed.reason.code); return r`: `[false,true,"TimeoutError","The operation was aborted due to timeout",23]`,
		`return AbortSignal.timeout()`: `throws TypeError: Failed to execute 'timeout' on 'AbortSignal': parameter 1 is not of type 'number'.`,
		`return [AbortSignal.timeout('abc').aborted, AbortSignal.timeout(-1).aborted, AbortSignal.timeout(null).aborted, AbortSignal.timeout(1e9).aborted]`: `[false,false,false,false]`,

		// AbortSignal.any().
		`const timed = AbortSignal.timeout(1000000); const ac = new AbortController(); const any = AbortSignal.any([timed, ac.signal]);
		 let invoked = 0; any.onabort = () => { invoked++; }; ac.abort(); return [invoked, any.aborted, any.reason.name]`: `[1,true,"AbortError"]`,
		`const timed = AbortSignal.timeout(10); const ac = new AbortController(); const any = AbortSignal.any([timed, ac.signal]);
		 await new Promise((res) => { any.onabort = res; }); return any.reason.name`: `"TimeoutError"`,
		`const any = AbortSignal.any([AbortSignal.timeout(1000000), AbortSignal.abort(123)]); return [any.aborted, any.reason]`: `[true,123]`,
		`return AbortSignal.any([AbortSignal.abort('first'), AbortSignal.abort('second')]).reason`:                              `"first"`,
		`const a = new AbortController(); const b = new AbortController(); const s = AbortSignal.any([a.signal, b.signal]); const r = [];
		 s.onabort = (e) => r.push(e.type, s.reason); s.addEventListener('abort', (e) => r.push('L', e.target === s)); b.abort('B'); a.abort('A'); return [r, s.reason]`: `[["abort","B","L",true],"B"]`,
		`const a = new AbortController(); const any = AbortSignal.any([a.signal, a.signal]); let c = 0; any.onabort = () => c++; a.abort(); return c`: `1`,
		// Dependent signals abort right after their source, in the order they were made, and have
		// their reason before any abort event fires.
		`const a = new AbortController(); const any1 = AbortSignal.any([a.signal]); const any2 = AbortSignal.any([any1]); const r = [];
		 any2.onabort = () => r.push('any2'); any1.onabort = () => r.push('any1'); a.signal.onabort = () => r.push('a', any1.aborted, any2.reason); a.abort('R'); return r`: `["a",true,"R","any1","any2"]`,
		`return [AbortSignal.any([]).aborted, AbortSignal.any([]).reason]`: `[false,null]`,
		`return AbortSignal.any()`:          `throws TypeError: Failed to execute 'any' on 'AbortSignal': parameter 1 is not of type 'Array'.`,
		`return AbortSignal.any(new Set())`: `throws TypeError: Failed to execute 'any' on 'AbortSignal': parameter 1 is not of type 'Array'.`,
		`return AbortSignal.any([1])`:       `throws TypeError: Incorrect type for array element 0: the provided value is not of type 'AbortSignal'.`,
		`const s = AbortSignal.timeout(5); const any = AbortSignal.any([s]); await new Promise(r => setTimeout(r, 30)); return [any.aborted, any.reason.name]`: `[true,"TimeoutError"]`,
	})
}

// scheduler.wait(), with its AbortSignal option.
func TestScheduler(t *testing.T) {
	check(t, map[string]string{
		`return [typeof scheduler, Object.prototype.toString.call(scheduler), scheduler.wait.length, typeof Scheduler, Object.keys(globalThis).includes('scheduler')]`: `["object","[object Scheduler]",0,"undefined",true]`,
		`const t = Date.now(); const v = await scheduler.wait(30); return [v === undefined, Date.now() - t >= 25]`:                                                     `[true,true]`,
		`return scheduler.wait()`:                                             `throws TypeError: Failed to execute 'wait' on 'Scheduler': parameter 1 is not of type 'number'.`,
		`return scheduler.wait(10, 5)`:                                        `throws TypeError: Failed to execute 'wait' on 'Scheduler': parameter 2 is not of type 'WaitOptions'.`,
		`return scheduler.wait(10, {signal: 5})`:                              `throws TypeError: Incorrect type for the 'signal' field on 'WaitOptions': the provided value is not of type 'AbortSignal'.`,
		`return scheduler.wait(10, {signal: null})`:                           `throws TypeError: Incorrect type for the 'signal' field on 'WaitOptions': the provided value is not of type 'AbortSignal'.`,
		`return [await scheduler.wait(1, null), await scheduler.wait('abc')]`: `[null,null]`,
		`try { await scheduler.wait(10, {signal: AbortSignal.abort('r')}); } catch (e) { return [typeof e, e.name, e.message] }`:                                                                                      `["object","Error","r"]`,
		`const ac = new AbortController(); const p = scheduler.wait(1000, {signal: ac.signal}); ac.abort(); try { await p; } catch (e) { return [e.name, e.message] }`:                                                `["AbortError","The operation was aborted"]`,
		`const ac = new AbortController(); const p = scheduler.wait(1000, {signal: ac.signal}); const err = new RangeError('q'); ac.abort(err); try { await p; } catch (e) { return [e === err, e.name, e.message] }`: `[false,"RangeError","q"]`,
		`return new (Object.getPrototypeOf(scheduler).constructor)()`: `throws TypeError: Illegal constructor`,
	})
}
