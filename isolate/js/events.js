// Event, EventTarget, ExtendableEvent, CustomEvent, ErrorEvent, AbortController, AbortSignal,
// scheduler and reportError, as workerd implements them (src/workerd/api/basics.{h,c++}, events.h,
// global-scope.c++): no capture or bubbling (an event is only ever dispatched AT_TARGET),
// `once` and `signal` listener options, handleEvent objects, a listener returning true counts as
// preventDefault(), `on<type>` properties are called before the listeners, and the global scope
// is an event target (addEventListener/removeEventListener/dispatchEvent are globals).
import { DOMException } from "./domexception.js";
import { compat } from "./misc.js";

const ReflectApply = Reflect.apply;
const ReflectConstruct = Reflect.construct;
const ObjectDefineProperty = Object.defineProperty;
const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
const ObjectGetPrototypeOf = Object.getPrototypeOf;
const ErrorPrototypeToString = Error.prototype.toString;
const ObjectPrototypeToString = Object.prototype.toString;
const FunctionPrototypeToString = Function.prototype.toString;
const inspectSymbol = Symbol.for("nodejs.util.inspect.custom");

export const illegalInvocation = () => new TypeError("Illegal invocation: function called with incorrect `this` reference. " +
  "See https://developers.cloudflare.com/workers/observability/errors/#illegal-invocation-errors for details.");

const isObject = (v) => v !== null && (typeof v === "object" || typeof v === "function");

// WebIDL DOMString: ToString, which throws for a Symbol (String(symbol) would not).
const str = (v) => (typeof v === "string" ? v : `${v}`);

// publicClass wraps the implementation class Impl in the constructor user code sees, as workerd's
// classes behave: calling it without `new` fails with workerd's message (or every call does, for
// classes user code cannot construct), its length is 0, and its prototype members are
// enumerable. Subclassing the wrapper works: super() constructs Impl for the subclass.
export function publicClass(Impl, name, { constructible = true, tag = name } = {}) {
  const C = {
    [name]: function (...args) {
      if (!constructible) throw new TypeError("Illegal constructor");
      if (new.target === undefined) {
        throw new TypeError(`Failed to construct '${name}': Please use the 'new' operator, this object constructor cannot be called as a function.`);
      }
      return ReflectConstruct(Impl, args, new.target);
    },
  }[name];
  C.prototype = Impl.prototype;
  ObjectDefineProperty(Impl.prototype, "constructor", { value: C, writable: true, enumerable: false, configurable: true });
  // (workerd's methods all have length 0.)
  const zeroLength = (f) => { if (typeof f === "function") ObjectDefineProperty(f, "length", { value: 0 }); };
  for (const key of Reflect.ownKeys(Impl.prototype)) {
    if (key === "constructor" || typeof key === "symbol") continue;
    const d = ObjectGetOwnPropertyDescriptor(Impl.prototype, key);
    zeroLength(d.value);
    if (!d.enumerable) {
      d.enumerable = true;
      ObjectDefineProperty(Impl.prototype, key, d);
    }
  }
  for (const key of Reflect.ownKeys(Impl)) {
    if (key === "length" || key === "name" || key === "prototype") continue;
    const d = ObjectGetOwnPropertyDescriptor(Impl, key);
    zeroLength(d.value);
    d.enumerable = true;
    ObjectDefineProperty(C, key, d);
  }
  if (tag !== null) ObjectDefineProperty(Impl.prototype, Symbol.toStringTag, { value: tag, configurable: true });
  return C;
}

// ---- console.log display -------------------------------------------------------------------

// resourceInspect is what console.log shows for a runtime object, as workerd's inspect shows its
// API objects (formatJsgResourceType): the class name, then a plain object of the values of the
// object's own and prototype properties that are not functions (nor static constants),
// formatted with showHidden.
export function resourceInspect(self, depth, options, inspect) {
  const ctor = self.constructor;
  const name = typeof ctor === "function" ? ctor.name : "Object";
  if (depth < 0) return options.stylize(`[${name}]`, "special");
  const record = {};
  let cur = self;
  do {
    for (const key of Object.getOwnPropertyNames(cur)) {
      const value = self[key];
      if (typeof value === "function" || (typeof ctor === "function" && Object.prototype.propertyIsEnumerable.call(ctor, key))) continue;
      record[key] = value;
    }
    cur = ObjectGetPrototypeOf(cur);
  } while (cur !== null && cur !== Object.prototype);
  const inspected = inspect(record, { ...options, depth: options.depth == null ? null : depth, showHidden: true });
  return `${name} ${inspected}`;
}

// inspectMethod makes a class's custom inspect function: resourceInspect for its instances
// (brand tells them apart), the object itself for anything else.
export function inspectMethod(brand) {
  return function (depth, options, inspect) {
    if (!brand(this)) return this;
    return resourceInspect(this, depth, options, inspect);
  };
}

function setInspect(proto, brand) {
  ObjectDefineProperty(proto, inspectSymbol, { value: inspectMethod(brand), writable: true, configurable: true });
}

// ---- Event -----------------------------------------------------------------------------------

let eventState; // (event) => its state, or throws Illegal invocation
let isEvent; // (value) => whether value is an Event

function dictArg(v, what) {
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) throw new TypeError(what);
  return v;
}

class EventImpl {
  #s;

  constructor(type, init = undefined) {
    if (arguments.length < 1) throw new TypeError("Failed to construct 'Event': constructor parameter 1 is not of type 'string'.");
    type = str(type);
    const d = dictArg(init, "Failed to construct 'Event': constructor parameter 2 is not of type 'Init'.");
    const bubbles = d === undefined ? false : !!d.bubbles;
    const cancelable = d === undefined ? false : !!d.cancelable;
    const composed = d === undefined ? false : !!d.composed;
    this.#s = {
      type, bubbles, cancelable, composed,
      trusted: false, stopped: false, prevented: false, dispatching: false, propagationStopped: false,
      target: undefined, waitUntil: null,
    };
  }

  static {
    eventState = (e) => {
      if (!isObject(e) || !(#s in e)) throw illegalInvocation();
      return e.#s;
    };
    isEvent = (e) => isObject(e) && #s in e;
  }

  get type() { return eventState(this).type; }
  get eventPhase() { return eventState(this).dispatching ? 2 : 0; }
  get composed() { return eventState(this).composed; }
  get bubbles() { return eventState(this).bubbles; }
  get cancelable() { return eventState(this).cancelable; }
  get defaultPrevented() { const s = eventState(this); return s.cancelable && s.prevented; }
  get returnValue() { const s = eventState(this); return !(s.cancelable && s.prevented); }
  get currentTarget() { return eventState(this).target; }
  get target() { return eventState(this).target; }
  get srcElement() { return eventState(this).target; }
  get timeStamp() { eventState(this); return 0; }
  get isTrusted() { return eventState(this).trusted; }
  get cancelBubble() { return eventState(this).propagationStopped; }
  set cancelBubble(v) { eventState(this).propagationStopped = !!v; }

  stopImmediatePropagation() { eventState(this).stopped = true; }
  preventDefault() { eventState(this).prevented = true; }
  stopPropagation() { eventState(this).propagationStopped = true; }
  composedPath() {
    const s = eventState(this);
    return s.dispatching ? [s.target] : [];
  }

}

const PHASES = { NONE: 0, CAPTURING_PHASE: 1, AT_TARGET: 2, BUBBLING_PHASE: 3 };
for (const [k, v] of Object.entries(PHASES)) {
  ObjectDefineProperty(EventImpl, k, { value: v, enumerable: true, configurable: true });
  ObjectDefineProperty(EventImpl.prototype, k, { value: v, enumerable: true, configurable: true });
}
setInspect(EventImpl.prototype, (o) => isEvent(o));

export const Event = publicClass(EventImpl, "Event");
export { isEvent, eventState };

// markTrusted makes an event the runtime created trusted (isTrusted, waitUntil).
export function markTrusted(e) {
  eventState(e).trusted = true;
  return e;
}

// ---- ExtendableEvent, CustomEvent, ErrorEvent ----------------------------------------------

class ExtendableEventImpl extends EventImpl {
  waitUntil(promise) {
    const s = eventState(this);
    if (!(this instanceof ExtendableEventImpl)) throw illegalInvocation();
    if (!s.trusted || s.waitUntil === null) {
      throw new DOMException("waitUntil() can only be called on trusted event.", "InvalidStateError");
    }
    s.waitUntil(promise);
  }
}
export const ExtendableEvent = publicClass(ExtendableEventImpl, "ExtendableEvent", { constructible: false });

// makeExtendableEvent creates a trusted ExtendableEvent whose waitUntil() calls waitUntil (for
// the runtime's own events, e.g. FetchEvent subclasses).
export function makeExtendableEvent(type, waitUntil, proto = ExtendableEventImpl.prototype) {
  const e = ReflectConstruct(ExtendableEventImpl, [type], proto.constructor);
  const s = eventState(e);
  s.trusted = true;
  s.waitUntil = waitUntil;
  return e;
}

let customDetail;
class CustomEventImpl extends EventImpl {
  #detail;
  constructor(type, init = undefined) {
    if (arguments.length < 1) throw new TypeError("Failed to construct 'CustomEvent': constructor parameter 1 is not of type 'string'.");
    type = str(type);
    const d = dictArg(init, "Failed to construct 'CustomEvent': constructor parameter 2 is not of type 'CustomEventInit'.");
    const bubbles = d === undefined ? false : !!d.bubbles;
    const cancelable = d === undefined ? false : !!d.cancelable;
    const composed = d === undefined ? false : !!d.composed;
    const detail = d === undefined ? null : d.detail;
    super(type, { bubbles, cancelable, composed });
    this.#detail = detail;
  }
  static {
    customDetail = (e) => {
      if (!isObject(e) || !(#detail in e)) throw illegalInvocation();
      return e.#detail;
    };
  }
  get detail() { return customDetail(this); }
}
export const CustomEvent = publicClass(CustomEventImpl, "CustomEvent");

let errorEventState;
const int32 = (v) => {
  const n = Number(v);
  return Number.isFinite(n) ? Math.trunc(n) | 0 : 0;
};
class ErrorEventImpl extends EventImpl {
  #e;
  constructor(type, init = undefined) {
    if (arguments.length < 1) throw new TypeError("Failed to construct 'ErrorEvent': constructor parameter 1 is not of type 'string'.");
    type = str(type);
    const d = dictArg(init, "Failed to construct 'ErrorEvent': constructor parameter 2 is not of type 'ErrorEventInit'.");
    const e = { message: "", filename: "", lineno: 0, colno: 0, error: undefined };
    if (d !== undefined) {
      let v;
      if ((v = d.message) !== undefined) e.message = str(v);
      if ((v = d.filename) !== undefined) e.filename = str(v);
      if ((v = d.lineno) !== undefined) e.lineno = int32(v);
      if ((v = d.colno) !== undefined) e.colno = int32(v);
      e.error = d.error;
    }
    super(type);
    this.#e = e;
  }
  static {
    errorEventState = (ev) => {
      if (!isObject(ev) || !(#e in ev)) throw illegalInvocation();
      return ev.#e;
    };
  }
  get filename() { return errorEventState(this).filename; }
  get message() { return errorEventState(this).message; }
  get lineno() { return errorEventState(this).lineno; }
  get colno() { return errorEventState(this).colno; }
  get error() { return errorEventState(this).error; }
}
export const ErrorEvent = publicClass(ErrorEventImpl, "ErrorEvent");

// PromiseRejectionEvent: unhandledrejection and rejectionhandled at the global scope (only the
// runtime makes them: workerd's constructor is illegal).
let rejectionState;
class PromiseRejectionEventImpl extends EventImpl {
  #r;
  constructor(type, init = undefined) {
    if (arguments.length < 1) throw new TypeError("Failed to construct 'PromiseRejectionEvent': constructor parameter 1 is not of type 'string'.");
    type = str(type);
    const d = dictArg(init, "Failed to construct 'PromiseRejectionEvent': constructor parameter 2 is not of type 'PromiseRejectionEventInit'.");
    super(type);
    this.#r = { promise: d?.promise, reason: d?.reason };
  }
  static {
    rejectionState = (ev) => {
      if (!isObject(ev) || !(#r in ev)) throw illegalInvocation();
      return ev.#r;
    };
  }
  get promise() { return rejectionState(this).promise; }
  get reason() { return rejectionState(this).reason; }
}
export const PromiseRejectionEvent = publicClass(PromiseRejectionEventImpl, "PromiseRejectionEvent", { constructible: false });

// ---- EventTarget -------------------------------------------------------------------------

// A listener: key is what identifies it for removeEventListener (the function or handler
// object; a fresh object for the runtime's own listeners), fn what is called, with receiver as
// `this`. native listeners are the runtime's: they are not user code, and never throw.
class Listener {
  constructor(key, fn, receiver, once, native) {
    this.key = key;
    this.fn = fn;
    this.receiver = receiver;
    this.once = once;
    this.native = native;
    this.removed = false;
    this.cleanup = null; // detaches the listener's signal handler
  }
}

let listenersOf; // (target) => Map<type, Listener[]>, or throws Illegal invocation
const globalListeners = new Map();

// listenerHooks: target -> fn(type, count), told how many user listeners a type has after
// addEventListener/removeEventListener changed them (MessagePort starts on its first one).
const listenerHooks = new WeakMap();
export function onListenerCount(target, fn) { listenerHooks.set(target, fn); }
export function listenerCount(target, type) {
  const list = listenersOf(target).get(type);
  let n = 0;
  if (list !== undefined) for (const l of list) if (!l.native) n++;
  return n;
}
// Event handler attributes that are accessors (MessagePort's and EventSource's on<type>), as the
// HTML standard has them and workerd behaves: setting one (to an object) adds a listener in
// order among the others, replacing it keeps that place, clearing it removes it; only a function
// is called. dispatch() does not also call such an attribute the generic way.
const handlerAttrs = new WeakMap(); // target -> Map<type, { value, remove }>
export function getEventHandler(target, type) {
  const h = handlerAttrs.get(target)?.get(type);
  return h === undefined ? null : h.value;
}
export function setEventHandler(target, type, value) {
  const map = listenersOf(target);
  let attrs = handlerAttrs.get(target);
  if (attrs === undefined) handlerAttrs.set(target, (attrs = new Map()));
  let h = attrs.get(type);
  if (h === undefined) attrs.set(type, (h = { value: null, remove: null }));
  if (!isObject(value)) {
    h.value = null;
    if (h.remove !== null) { h.remove(); h.remove = null; }
    return;
  }
  h.value = value;
  if (h.remove !== null) return;
  let list = map.get(type);
  if (list === undefined) map.set(type, (list = []));
  const key = {};
  const fn = function (event) {
    const v = h.value;
    return typeof v === "function" ? ReflectApply(v, target, [event]) : undefined;
  };
  list.push(new Listener(key, fn, undefined, false, false));
  h.remove = () => { removeListener(map, type, key); };
}

function notifyCount(target, type) {
  const hook = listenerHooks.get(target);
  if (hook !== undefined) hook(type, listenerCount(target, type));
}

class EventTargetImpl {
  #listeners = new Map();
  static {
    listenersOf = (t) => {
      if (t === undefined || t === globalThis) return globalListeners;
      if (!isObject(t) || !(#listeners in t)) throw illegalInvocation();
      return t.#listeners;
    };
  }

  addEventListener(type, handler, options = undefined) {
    const map = listenersOf(this);
    const target = this === undefined ? globalThis : this;
    if (arguments.length < 1) throw new TypeError("Failed to execute 'addEventListener' on 'EventTarget': parameter 1 is not of type 'string'.");
    type = str(type);
    if (arguments.length < 2) throw new TypeError("Failed to execute 'addEventListener' on 'EventTarget': parameter 2 is not of type 'function or HandlerObject'.");
    let fn = null;
    let receiver;
    const setThis = compat("set_event_target_this");
    if (typeof handler === "function") {
      fn = handler;
      receiver = setThis ? target : undefined;
    } else if (isObject(handler)) {
      fn = handler.handleEvent;
      if (typeof fn !== "function") {
        throw new TypeError("Incorrect type for the 'handleEvent' field on 'HandlerObject': the provided value is not of type 'function'.");
      }
      receiver = setThis ? handler : undefined;
    } else if (handler !== undefined && handler !== null) {
      throw new TypeError("Failed to execute 'addEventListener' on 'EventTarget': parameter 2 is not of type 'function or HandlerObject'.");
    }
    let once = false;
    let signal;
    if (isObject(options)) {
      const capture = !!options.capture;
      options.passive; // read (workerd's conversion order: capture, passive, once, signal)
      once = !!options.once;
      signal = options.signal;
      if (signal !== undefined && !isAbortSignal(signal)) {
        throw new TypeError("Incorrect type for the 'signal' field on 'AddEventListenerOptions': the provided value is not of type 'AbortSignal'.");
      }
      if (capture) throw new TypeError("addEventListener(): options.capture must be false.");
    } else if (options !== undefined && options !== null && !!options) {
      throw new TypeError("addEventListener(): useCapture must be false.");
    }
    if (fn === null) return;
    if (signal !== undefined && signalState(signal).aborted) return;
    let list = map.get(type);
    if (list === undefined) map.set(type, (list = []));
    for (const l of list) if (l.key === handler && !l.native) return;
    const l = new Listener(handler, fn, receiver, once, false);
    list.push(l);
    if (signal !== undefined) {
      const key = handler;
      l.cleanup = addNativeListener(signal, "abort", () => { if (removeListener(map, type, key)) notifyCount(target, type); }, true);
    }
    notifyCount(target, type);
  }

  removeEventListener(type, handler, options = undefined) {
    const map = listenersOf(this);
    if (arguments.length < 1) throw new TypeError("Failed to execute 'removeEventListener' on 'EventTarget': parameter 1 is not of type 'string'.");
    type = str(type);
    if (arguments.length < 2 || (handler !== undefined && handler !== null && !isObject(handler))) {
      throw new TypeError("Failed to execute 'removeEventListener' on 'EventTarget': parameter 2 is not of type 'Object'.");
    }
    if (isObject(options)) {
      if (options.capture) throw new TypeError("removeEventListener(): options.capture must be false.");
    } else if (options !== undefined && options !== null && !!options) {
      throw new TypeError("removeEventListener(): useCapture must be false.");
    }
    if (handler === undefined || handler === null) return;
    if (removeListener(map, type, handler)) notifyCount(this === undefined ? globalThis : this, type);
  }

  dispatchEvent(event) {
    listenersOf(this);
    if (!isEvent(event)) throw new TypeError("Failed to execute 'dispatchEvent' on 'EventTarget': parameter 1 is not of type 'Event'.");
    return dispatch(this === undefined ? globalThis : this, event);
  }
}

export const EventTarget = publicClass(EventTargetImpl, "EventTarget");

function removeListener(map, type, key) {
  const list = map.get(type);
  if (list === undefined) return false;
  for (let i = 0; i < list.length; i++) {
    const l = list[i];
    if (l.key === key) {
      list.splice(i, 1);
      detach(l);
      return true;
    }
  }
  return false;
}

function detach(l) {
  l.removed = true;
  if (l.cleanup !== null) {
    const c = l.cleanup;
    l.cleanup = null;
    c();
  }
}

// addNativeListener registers a runtime listener; the returned function removes it.
export function addNativeListener(target, type, fn, once = false) {
  const map = listenersOf(target);
  let list = map.get(type);
  if (list === undefined) map.set(type, (list = []));
  const key = {};
  list.push(new Listener(key, fn, undefined, once, true));
  return () => { removeListener(map, type, key); };
}

function removeAllListeners(target) {
  const map = listenersOf(target);
  const all = [...map.values()].flat();
  map.clear();
  for (const l of all) detach(l);
}

// dispatch runs event's listeners on target (dispatchEvent); onError decides what happens to an
// exception a listener throws (by default: reportError() with spec_compliant_dispatch_exceptions,
// otherwise it ends the dispatch and propagates).
export function dispatch(target, event, onError = undefined) {
  const s = eventState(event);
  const map = listenersOf(target);
  if (s.dispatching) throw new DOMException("The event is already being dispatched.", "InvalidStateError");
  s.dispatching = true;
  s.target = target;
  s.prevented = false;
  try {
    const callbacks = [];
    // An `on<type>` property is a listener too, called first (AbortSignal's onabort is a real
    // listener, kept in place among the others instead).
    if (!(s.type === "abort" && isAbortSignal(target)) && handlerAttrs.get(target)?.has(s.type) !== true) {
      const on = target["on" + s.type];
      if (typeof on === "function") callbacks.push(new Listener(null, on, undefined, false, false));
    }
    const list = map.get(s.type);
    if (list !== undefined) for (const l of list) callbacks.push(l);
    if (onError === undefined) onError = compat("spec_compliant_dispatch_exceptions") ? reportError : null;
    for (const l of callbacks) {
      if (s.stopped) break;
      if (l.removed) continue;
      if (l.once && removeListener(map, s.type, l.key) && !l.native) notifyCount(target, s.type);
      if (l.native) {
        l.fn(event);
        continue;
      }
      let ret;
      try {
        ret = ReflectApply(l.fn, l.receiver, [event]);
      } catch (e) {
        if (onError === null) throw e;
        onError(e);
        continue;
      }
      if (ret === true) s.prevented = true;
    }
    return !s.prevented;
  } finally {
    s.dispatching = false;
  }
}

// ---- AbortSignal, AbortController ----------------------------------------------------------

let signalState; // (signal) => its state, or throws Illegal invocation
let isAbortSignal;

const abortReason = () => new DOMException("The operation was aborted", "AbortError");

class AbortSignalImpl extends EventTargetImpl {
  #s = {
    aborted: false, reason: undefined, onabort: null, onabortRemove: null, neverAborts: false,
    // AbortSignal.any(): the signals a dependent signal follows, and the ones following this.
    dependent: false, sources: [], dependents: [],
  };
  static {
    signalState = (sig) => {
      if (!isObject(sig) || !(#s in sig)) throw illegalInvocation();
      return sig.#s;
    };
    isAbortSignal = (v) => isObject(v) && #s in v;
  }

  static abort(reason = undefined) {
    const sig = new AbortSignalImpl();
    const s = signalState(sig);
    s.aborted = true;
    s.reason = reason === undefined ? abortReason() : reason;
    return sig;
  }

  static timeout(delay) {
    if (arguments.length < 1) throw new TypeError("Failed to execute 'timeout' on 'AbortSignal': parameter 1 is not of type 'number'.");
    delay = +delay;
    const sig = new AbortSignalImpl();
    setTimeoutOrig(() => {
      triggerAbort(sig, new DOMException("The operation was aborted due to timeout", "TimeoutError"));
    }, delay);
    return sig;
  }

  static any(signals) {
    if (!Array.isArray(signals)) throw new TypeError("Failed to execute 'any' on 'AbortSignal': parameter 1 is not of type 'Array'.");
    const list = [];
    for (let i = 0; i < signals.length; i++) {
      const v = signals[i];
      if (!isAbortSignal(v)) throw new TypeError(`Incorrect type for array element ${i}: the provided value is not of type 'AbortSignal'.`);
      list.push(v);
    }
    if (list.length === 0) {
      const sig = new AbortSignalImpl();
      signalState(sig).neverAborts = true;
      return sig;
    }
    for (const v of list) {
      const s = signalState(v);
      if (s.aborted) return AbortSignalImpl.abort(s.reason);
    }
    // As the DOM Standard has it: the new signal follows the given ones, or the ones those follow
    // when they are themselves made by any(); it aborts right after the first of them aborts.
    const sig = new AbortSignalImpl();
    const st = signalState(sig);
    st.dependent = true;
    const follow = (source) => {
      const ss = signalState(source);
      if (st.sources.includes(source)) return;
      st.sources.push(source);
      ss.dependents.push(sig);
    };
    for (const v of list) {
      const vs = signalState(v);
      if (!vs.dependent) follow(v);
      else for (const src of vs.sources) follow(src);
    }
    return sig;
  }

  get aborted() { return signalState(this).aborted; }
  get reason() { return signalState(this).reason; }
  get onabort() { return signalState(this).onabort; }
  set onabort(v) {
    const s = signalState(this);
    if (isObject(v)) {
      s.onabort = v;
      // The handler keeps the place among the listeners it got when first set.
      if (s.onabortRemove === null) {
        s.onabortRemove = addOnabortListener(this, s);
      }
    } else {
      s.onabort = null;
      if (s.onabortRemove !== null) {
        const r = s.onabortRemove;
        s.onabortRemove = null;
        r();
      }
    }
  }
  throwIfAborted() {
    const s = signalState(this);
    if (s.aborted) throw s.reason;
  }

}
setInspect(EventTargetImpl.prototype, (o) => { try { listenersOf(o); return o !== undefined && o !== globalThis; } catch { return false; } });

function addOnabortListener(sig, s) {
  const map = listenersOf(sig);
  let list = map.get("abort");
  if (list === undefined) map.set("abort", (list = []));
  const key = {};
  const l = new Listener(key, function (event) {
    const h = s.onabort;
    if (typeof h === "function") return ReflectApply(h, undefined, [event]);
    return undefined;
  }, undefined, false, false);
  l.cleanup = () => { if (s.onabortRemove !== null && l.removed) s.onabortRemove = null; };
  list.push(l);
  return () => { removeListener(map, "abort", key); };
}

export const AbortSignal = publicClass(AbortSignalImpl, "AbortSignal", { constructible: false });
export { isAbortSignal, signalState };

// newAbortSignal makes a signal that never aborts by itself (e.g. an incoming request's).
export function newAbortSignal() {
  return new AbortSignalImpl();
}

// triggerAbort aborts signal (once) with reason, or the default AbortError when undefined, then
// forgets its listeners (workerd's triggerAbort).
export function triggerAbort(signal, reason = undefined) {
  const s = signalState(signal);
  if (s.aborted) return;
  s.aborted = true;
  s.reason = reason === undefined ? abortReason() : reason;
  // The signals following this one abort with it: all of them have the reason before any
  // abort event is fired, and their events come after this one's.
  const dependents = [];
  for (const d of s.dependents) {
    const ds = signalState(d);
    if (ds.aborted) continue;
    ds.aborted = true;
    ds.reason = s.reason;
    dependents.push(d);
  }
  s.dependents = [];
  try {
    fireAbort(signal);
  } finally {
    for (const d of dependents) fireAbort(d);
  }
}

function fireAbort(signal) {
  const s = signalState(signal);
  for (const src of s.sources) {
    const ss = signalState(src);
    ss.dependents = ss.dependents.filter((d) => d !== signal);
  }
  s.sources = [];
  try {
    dispatch(signal, markTrusted(new EventImpl("abort")));
  } finally {
    removeAllListeners(signal);
    s.onabortRemove = null;
  }
}

// onAbort calls fn(reason) once signal aborts (at once if it has); returns a detach function.
export function onAbort(signal, fn) {
  const s = signalState(signal);
  if (s.aborted) {
    fn(s.reason);
    return () => {};
  }
  return addNativeListener(signal, "abort", () => fn(s.reason), true);
}

let controllerSignal;
class AbortControllerImpl {
  #signal = new AbortSignalImpl();
  static {
    controllerSignal = (c) => {
      if (!isObject(c) || !(#signal in c)) throw illegalInvocation();
      return c.#signal;
    };
  }
  get signal() { return controllerSignal(this); }
  abort(reason = undefined) { triggerAbort(controllerSignal(this), reason); }
}
setInspect(AbortControllerImpl.prototype, (o) => { try { controllerSignal(o); return true; } catch { return false; } });
export const AbortController = publicClass(AbortControllerImpl, "AbortController");

// ---- scheduler -----------------------------------------------------------------------------

// kjRoundTrip is what a value becomes when workerd turns it into a C++ exception and back (as it
// does for the reason scheduler.wait() rejects with): an error of the same kind and message, or
// an Error whose message is the value's text.
function kjRoundTrip(v) {
  if (v instanceof DOMException) return new DOMException(v.message, v.name);
  if (v instanceof Error) {
    for (const C of [TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError]) {
      if (v instanceof C) return new C(v.message);
    }
    return new Error(v.message);
  }
  return new Error(describe(v));
}

let schedulerCheck;
class SchedulerImpl {
  #brand = true;
  static {
    schedulerCheck = (o) => {
      if (!isObject(o) || !(#brand in o)) throw illegalInvocation();
    };
  }
  wait(delay, options = undefined) {
    schedulerCheck(this);
    if (arguments.length < 1) throw new TypeError("Failed to execute 'wait' on 'Scheduler': parameter 1 is not of type 'number'.");
    delay = +delay;
    let signal;
    if (options !== undefined && options !== null) {
      if (!isObject(options)) throw new TypeError("Failed to execute 'wait' on 'Scheduler': parameter 2 is not of type 'WaitOptions'.");
      signal = options.signal;
      if (signal !== undefined && !isAbortSignal(signal)) {
        throw new TypeError("Incorrect type for the 'signal' field on 'WaitOptions': the provided value is not of type 'AbortSignal'.");
      }
    }
    if (signal !== undefined && signalState(signal).aborted) return Promise.reject(kjRoundTrip(signalState(signal).reason));
    return new Promise((resolve, reject) => {
      let detach = () => {};
      const id = setTimeoutOrig(() => {
        detach();
        resolve();
      }, delay);
      if (signal !== undefined) {
        detach = onAbort(signal, (reason) => {
          clearTimeoutOrig(id);
          reject(kjRoundTrip(reason));
        });
      }
    });
  }
}
export const Scheduler = publicClass(SchedulerImpl, "Scheduler", { constructible: false });

// ---- reportError -----------------------------------------------------------------------------

let setTimeoutOrig = (fn, ms) => globalThis.setTimeout(fn, ms);
let clearTimeoutOrig = (id) => globalThis.clearTimeout(id);
let logError = (msg) => globalThis.console?.error(msg);

// dataProp reads a data property along the prototype chain without running getters (V8's
// GetDataProperty).
function dataProp(o, key) {
  for (let p = o; p !== null; p = ObjectGetPrototypeOf(p)) {
    const d = ObjectGetOwnPropertyDescriptor(p, key);
    if (d !== undefined) return "value" in d ? d.value : undefined;
  }
  return undefined;
}

// describe is V8's side-effect-free ToString, which its error messages use.
export function describe(v) {
  if (typeof v === "string") return v;
  if (typeof v === "symbol") return v.toString();
  if (typeof v === "function") {
    try { return ReflectApply(FunctionPrototypeToString, v, []); } catch { return "function"; }
  }
  if (!isObject(v)) return String(v);
  try {
    const toStr = dataProp(v, "toString");
    if (v instanceof Error || toStr === ErrorPrototypeToString) {
      let name = dataProp(v, "name");
      name = name === undefined ? "Error" : describe(name);
      let msg = dataProp(v, "message");
      msg = msg === undefined ? "" : describe(msg);
      if (name === "") return msg;
      if (msg === "") return name;
      return `${name}: ${msg}`;
    }
    if (toStr === ObjectPrototypeToString) {
      const ctor = dataProp(v, "constructor");
      if (typeof ctor === "function") {
        const name = dataProp(ctor, "name");
        if (typeof name === "string" && name !== "") return `#<${name}>`;
      }
    }
    const tag = dataProp(v, Symbol.toStringTag);
    return `[object ${typeof tag === "string" ? tag : Array.isArray(v) ? "Array" : "Object"}]`;
  } catch {
    return "[object Object]";
  }
}

// Where a value was thrown from, as V8's message for it has it: an error's own stack trace (where
// it was made), otherwise the caller of reportError.
const FRAME = /\(?((?:[a-z]+:)?[^()\s]*?):(\d+):(\d+)\)?$/;
function location(error, own) {
  const stacks = [];
  if (error instanceof Error) {
    try {
      const st = error.stack;
      if (typeof st === "string") stacks.push(st);
    } catch {}
  }
  stacks.push(own);
  for (const st of stacks) {
    for (const line of st.split("\n").slice(1)) {
      const t = line.trim();
      if (!t.startsWith("at ") || t.includes("nanod:runtime.js")) continue;
      const m = FRAME.exec(t);
      if (m) return { filename: m[1], lineno: +m[2], colno: Math.max(0, +m[3] - 1) };
    }
  }
  return { filename: "", lineno: 0, colno: 0 };
}

// reportError dispatches an ErrorEvent at the global scope and, unless a listener prevented it,
// logs the error (its stack when it has one), as workerd does.
export function reportError(error) {
  if (arguments.length < 1) {
    throw new TypeError("Failed to execute 'reportError' on 'ServiceWorkerGlobalScope': parameter 1 is not of type 'Value'.");
  }
  const loc = location(error, new Error().stack || "");
  const ev = markTrusted(new ErrorEventImpl("error", {
    message: "Uncaught " + describe(error), filename: loc.filename, lineno: loc.lineno, colno: loc.colno, error,
  }));
  // An exception in an error listener is only logged (it cannot be reported again).
  const notPrevented = dispatch(globalThis, ev, logUncaught);
  if (notPrevented) logUncaught(error);
}

function logUncaught(error) {
  let text;
  if (isObject(error)) {
    try {
      const stack = error.stack;
      if (stack !== undefined) text = describe(stack);
    } catch {}
  }
  if (text === undefined) text = describe(error);
  logError("Uncaught " + text);
}

// ---- unhandled rejections ------------------------------------------------------------------

const rejectionEvents = globalThis.__ext?.rejectionEvents;
const announced = new WeakSet();

// dispatchRejections turns the rejections left unhandled at a microtask checkpoint into
// unhandledrejection events, and late handlers of announced ones into rejectionhandled events
// (whose reason is undefined, as in workerd). Go calls it after each checkpoint that leaves any
// (isolate.go afterTurn); it says whether it dispatched something (new microtasks may follow).
export function dispatchRejections() {
  if (rejectionEvents === undefined) return false;
  const [fresh, late] = rejectionEvents();
  let did = false;
  for (const [promise, reason] of fresh) {
    announced.add(promise);
    did = true;
    dispatch(globalThis, markTrusted(new PromiseRejectionEventImpl("unhandledrejection", { promise, reason })), logUncaught);
  }
  for (const promise of late) {
    if (!announced.has(promise)) continue;
    announced.delete(promise);
    did = true;
    dispatch(globalThis, markTrusted(new PromiseRejectionEventImpl("rejectionhandled", { promise, reason: undefined })), logUncaught);
  }
  return did;
}

// ---- install -----------------------------------------------------------------------------

export function installEvents(g) {
  const timeout = g.setTimeout;
  if (typeof timeout === "function") setTimeoutOrig = (fn, ms) => ReflectApply(timeout, g, [fn, ms]);
  const clear = g.clearTimeout;
  if (typeof clear === "function") clearTimeoutOrig = (id) => ReflectApply(clear, g, [id]);
  const c = g.console;
  if (c && typeof c.error === "function") {
    const err = c.error;
    logError = (msg) => ReflectApply(err, c, [msg]);
  }
  const def = (name, value) => ObjectDefineProperty(g, name, { value, writable: true, enumerable: false, configurable: true });
  for (const [name, value] of Object.entries({
    Event, EventTarget, ExtendableEvent, CustomEvent, ErrorEvent, PromiseRejectionEvent, AbortController, AbortSignal,
  })) def(name, value);
  // The global scope is an event target.
  def("addEventListener", EventTargetImpl.prototype.addEventListener);
  def("removeEventListener", EventTargetImpl.prototype.removeEventListener);
  def("dispatchEvent", EventTargetImpl.prototype.dispatchEvent);
  ObjectDefineProperty(g, "scheduler", { value: new SchedulerImpl(), writable: true, enumerable: true, configurable: true });
  def("reportError", { reportError(...args) { return ReflectApply(reportError, undefined, args); } }.reportError);
}
