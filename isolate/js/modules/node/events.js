// node:events — Node's EventEmitter, as workerd's nodejs_compat provides it.

const kCapture = Symbol("kCapture");
const kRejection = Symbol.for("nodejs.rejection");
export const errorMonitor = Symbol("events.errorMonitor");
export const captureRejectionSymbol = kRejection;
let defaultMaxListeners = 10;
let captureRejectionsDefault = false;
export { defaultMaxListeners, captureRejectionsDefault as captureRejections };

function codeError(Ctor, code, msg) {
  const e = new Ctor(msg);
  e.code = code;
  return e;
}

function checkListener(listener) {
  if (typeof listener !== "function") {
    throw codeError(TypeError, "ERR_INVALID_ARG_TYPE",
      `The "listener" argument must be of type function. Received ${describe(listener)}`);
  }
}

function describe(v) {
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (typeof v === "function") return `function ${v.name}`;
  if (typeof v === "object") return v.constructor?.name ? `an instance of ${v.constructor.name}` : "[object Object]";
  let s = typeof v === "string" ? `'${v}'` : String(v);
  if (s.length > 28) s = s.slice(0, 25) + "...";
  return `type ${typeof v} (${s})`;
}

function inspectValue(v) {
  const ins = globalThis[Symbol.for("nanod.internals")]?.inspect;
  try {
    return ins ? ins(v) : String(v);
  } catch {
    return String(v);
  }
}

export function EventEmitter(opts) {
  EventEmitter.init.call(this, opts);
}

EventEmitter.prototype._events = undefined;
EventEmitter.prototype._eventsCount = 0;
EventEmitter.prototype._maxListeners = undefined;

Object.defineProperty(EventEmitter, "defaultMaxListeners", {
  enumerable: true,
  get() { return defaultMaxListeners; },
  set(n) {
    if (typeof n !== "number" || n < 0 || Number.isNaN(n)) {
      throw codeError(RangeError, "ERR_OUT_OF_RANGE",
        `The value of "defaultMaxListeners" is out of range. It must be a non-negative number. Received ${inspectValue(n)}`);
    }
    defaultMaxListeners = n;
  },
});
Object.defineProperty(EventEmitter, "captureRejections", {
  enumerable: true,
  get() { return captureRejectionsDefault; },
  set(v) {
    if (typeof v !== "boolean") {
      throw codeError(TypeError, "ERR_INVALID_ARG_TYPE",
        `The "EventEmitter.captureRejections" property must be of type boolean. Received ${describe(v)}`);
    }
    captureRejectionsDefault = v;
  },
});
EventEmitter.errorMonitor = errorMonitor;
EventEmitter.captureRejectionSymbol = kRejection;

EventEmitter.init = function init(opts) {
  if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
    this._events = Object.create(null);
    this._eventsCount = 0;
  }
  this._maxListeners = this._maxListeners || undefined;
  // workerd's emitters carry Node's legacy domain property.
  if (!Object.prototype.hasOwnProperty.call(this, "domain")) this.domain = null;
  if (opts?.captureRejections !== undefined) {
    if (typeof opts.captureRejections !== "boolean") {
      throw codeError(TypeError, "ERR_INVALID_ARG_TYPE",
        `The "options.captureRejections" property must be of type boolean. Received ${describe(opts.captureRejections)}`);
    }
    this[kCapture] = opts.captureRejections;
  } else {
    this[kCapture] = EventEmitter.prototype[kCapture];
  }
};
Object.defineProperty(EventEmitter.prototype, kCapture, { value: false, writable: true, enumerable: false });

function addCatch(that, promise, type, args) {
  if (!that[kCapture]) return;
  try {
    const then = promise.then;
    if (typeof then === "function") {
      then.call(promise, undefined, (err) => {
        queueMicrotask(() => emitUnhandledRejectionOrErr(that, err, type, args));
      });
    }
  } catch (err) {
    that.emit("error", err);
  }
}

function emitUnhandledRejectionOrErr(ee, err, type, args) {
  if (typeof ee[kRejection] === "function") {
    ee[kRejection](err, type, ...args);
  } else {
    const prev = ee[kCapture];
    try {
      ee[kCapture] = false;
      ee.emit("error", err);
    } finally {
      ee[kCapture] = prev;
    }
  }
}

EventEmitter.prototype.setMaxListeners = function setMaxListeners(n) {
  if (typeof n !== "number" || n < 0 || Number.isNaN(n)) {
    throw codeError(RangeError, "ERR_OUT_OF_RANGE",
      `The value of "n" is out of range. It must be a non-negative number. Received ${inspectValue(n)}`);
  }
  this._maxListeners = n;
  return this;
};

function getMax(that) {
  return that._maxListeners === undefined ? defaultMaxListeners : that._maxListeners;
}

EventEmitter.prototype.getMaxListeners = function getMaxListeners() {
  return getMax(this);
};

EventEmitter.prototype.emit = function emit(type, ...args) {
  let doError = type === "error";
  const events = this._events;
  if (events !== undefined) {
    if (doError && events[errorMonitor] !== undefined) this.emit(errorMonitor, ...args);
    doError = doError && events.error === undefined;
  } else if (!doError) {
    return false;
  }
  if (doError) {
    const er = args.length > 0 ? args[0] : undefined;
    if (er instanceof Error) throw er;
    const err = codeError(Error, "ERR_UNHANDLED_ERROR",
      `Unhandled error. (${inspectValue(er)})`);
    err.context = er;
    throw err;
  }
  const handler = events[type];
  if (handler === undefined) return false;
  if (typeof handler === "function") {
    const result = Reflect.apply(handler, this, args);
    if (result !== undefined && result !== null) addCatch(this, result, type, args);
  } else {
    const listeners = handler.slice();
    for (let i = 0; i < listeners.length; ++i) {
      const result = Reflect.apply(listeners[i], this, args);
      if (result !== undefined && result !== null) addCatch(this, result, type, args);
    }
  }
  return true;
};

function addListener(target, type, listener, prepend) {
  checkListener(listener);
  let events = target._events;
  if (events === undefined) {
    events = target._events = Object.create(null);
    target._eventsCount = 0;
  } else {
    if (events.newListener !== undefined) {
      target.emit("newListener", type, listener.listener ?? listener);
      events = target._events;
    }
  }
  let existing = events[type];
  if (existing === undefined) {
    events[type] = listener;
    ++target._eventsCount;
  } else {
    if (typeof existing === "function") {
      existing = events[type] = prepend ? [listener, existing] : [existing, listener];
    } else if (prepend) {
      existing.unshift(listener);
    } else {
      existing.push(listener);
    }
    const m = getMax(target);
    if (m > 0 && existing.length > m && !existing.warned) {
      existing.warned = true;
      const name = String(type);
      console.log(`Possible EventEmitter memory leak detected. ${existing.length} ${name} listeners added to an EventEmitter. Use emitter.setMaxListeners() to increase limit`);
    }
  }
  return target;
}

EventEmitter.prototype.addListener = function addListener_(type, listener) {
  return addListener(this, type, listener, false);
};
EventEmitter.prototype.on = EventEmitter.prototype.addListener;
EventEmitter.prototype.prependListener = function prependListener(type, listener) {
  return addListener(this, type, listener, true);
};

function onceWrapper() {
  if (!this.fired) {
    this.target.removeListener(this.type, this.wrapFn);
    this.fired = true;
    return this.listener.apply(this.target, arguments);
  }
}

function onceWrap(target, type, listener) {
  const state = { fired: false, wrapFn: undefined, target, type, listener };
  const wrapped = onceWrapper.bind(state);
  wrapped.listener = listener;
  state.wrapFn = wrapped;
  return wrapped;
}

EventEmitter.prototype.once = function once(type, listener) {
  checkListener(listener);
  this.on(type, onceWrap(this, type, listener));
  return this;
};
EventEmitter.prototype.prependOnceListener = function prependOnceListener(type, listener) {
  checkListener(listener);
  this.prependListener(type, onceWrap(this, type, listener));
  return this;
};

EventEmitter.prototype.removeListener = function removeListener(type, listener) {
  checkListener(listener);
  const events = this._events;
  if (events === undefined) return this;
  const list = events[type];
  if (list === undefined) return this;
  if (list === listener || list.listener === listener) {
    this._eventsCount -= 1;
    if (this._eventsCount === 0) this._events = Object.create(null);
    else delete events[type];
    if (events.removeListener !== undefined) this.emit("removeListener", type, list.listener || listener);
  } else if (typeof list !== "function") {
    let position = -1;
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i] === listener || list[i].listener === listener) {
        position = i;
        break;
      }
    }
    if (position < 0) return this;
    if (position === 0) list.shift();
    else list.splice(position, 1);
    if (list.length === 1) events[type] = list[0];
    if (events.removeListener !== undefined) this.emit("removeListener", type, listener);
  }
  return this;
};
EventEmitter.prototype.off = EventEmitter.prototype.removeListener;

EventEmitter.prototype.removeAllListeners = function removeAllListeners(type) {
  const events = this._events;
  if (events === undefined) return this;
  if (events.removeListener === undefined) {
    if (arguments.length === 0) {
      this._events = Object.create(null);
      this._eventsCount = 0;
    } else if (events[type] !== undefined) {
      if (--this._eventsCount === 0) this._events = Object.create(null);
      else delete events[type];
    }
    return this;
  }
  if (arguments.length === 0) {
    for (const key of Reflect.ownKeys(events)) {
      if (key === "removeListener") continue;
      this.removeAllListeners(key);
    }
    this.removeAllListeners("removeListener");
    this._events = Object.create(null);
    this._eventsCount = 0;
    return this;
  }
  const listeners = events[type];
  if (typeof listeners === "function") {
    this.removeListener(type, listeners);
  } else if (listeners !== undefined) {
    for (let i = listeners.length - 1; i >= 0; i--) this.removeListener(type, listeners[i]);
  }
  return this;
};

function listenersOf(target, type, unwrap) {
  const events = target._events;
  if (events === undefined) return [];
  const l = events[type];
  if (l === undefined) return [];
  if (typeof l === "function") return unwrap ? [l.listener || l] : [l];
  return unwrap ? l.map((f) => f.listener || f) : l.slice();
}

EventEmitter.prototype.listeners = function listeners(type) {
  return listenersOf(this, type, true);
};
EventEmitter.prototype.rawListeners = function rawListeners(type) {
  return listenersOf(this, type, false);
};

// As in workerd, a listener argument does not narrow the count.
function listenerCountOf(type) {
  const events = this._events;
  if (events !== undefined) {
    const l = events[type];
    if (typeof l === "function") return 1;
    if (l !== undefined) return l.length;
  }
  return 0;
}
EventEmitter.prototype.listenerCount = listenerCountOf;

EventEmitter.prototype.eventNames = function eventNames() {
  return this._eventsCount > 0 ? Reflect.ownKeys(this._events) : [];
};

export function listenerCount(emitter, type) {
  if (typeof emitter.listenerCount === "function") return emitter.listenerCount(type);
  return listenerCountOf.call(emitter, type);
}
EventEmitter.listenerCount = listenerCount;

export function getEventListeners(target, type) {
  if (typeof target?.listeners === "function") return target.listeners(type);
  throw codeError(TypeError, "ERR_INVALID_ARG_TYPE",
    `The "emitter" argument must be an instance of EventEmitter or EventTarget. Received ${describe(target)}`);
}

export function setMaxListeners(n = defaultMaxListeners, ...targets) {
  if (typeof n !== "number" || n < 0 || Number.isNaN(n)) {
    throw codeError(RangeError, "ERR_OUT_OF_RANGE",
      `The value of "n" is out of range. It must be a non-negative number. Received ${inspectValue(n)}`);
  }
  if (targets.length === 0) defaultMaxListeners = n;
  for (const t of targets) {
    if (typeof t?.setMaxListeners === "function") t.setMaxListeners(n);
  }
}

function abortError(signal) {
  const e = new Error("The operation was aborted");
  e.name = "AbortError";
  e.code = "ABORT_ERR";
  if (signal?.reason !== undefined) e.cause = signal.reason;
  return e;
}

export function once(emitter, name, options = {}) {
  const signal = options?.signal;
  if (signal?.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    if (typeof emitter.addEventListener === "function" && typeof emitter.on !== "function") {
      const fn = (...args) => {
        signal?.removeEventListener("abort", onAbort);
        resolve(args);
      };
      const onAbort = () => {
        emitter.removeEventListener(name, fn);
        reject(abortError(signal));
      };
      emitter.addEventListener(name, fn, { once: true });
      signal?.addEventListener("abort", onAbort, { once: true });
      return;
    }
    const errorListener = (err) => {
      emitter.removeListener(name, resolver);
      signal?.removeEventListener("abort", onAbort);
      reject(err);
    };
    const resolver = (...args) => {
      if (name !== "error") emitter.removeListener("error", errorListener);
      signal?.removeEventListener("abort", onAbort);
      resolve(args);
    };
    const onAbort = () => {
      emitter.removeListener(name, resolver);
      emitter.removeListener("error", errorListener);
      reject(abortError(signal));
    };
    emitter.once(name, resolver);
    if (name !== "error") emitter.once("error", errorListener);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export function on(emitter, event, options = {}) {
  const signal = options?.signal;
  if (signal?.aborted) throw abortError(signal);
  const unconsumedEvents = [];
  const unconsumedPromises = [];
  let error = null;
  let finished = false;

  const eventHandler = (...args) => {
    const p = unconsumedPromises.shift();
    if (p) p.resolve({ value: args, done: false });
    else unconsumedEvents.push(args);
  };
  const errorHandler = (err) => {
    finished = true;
    const p = unconsumedPromises.shift();
    if (p) p.reject(err);
    else error = err;
    iterator.return();
  };
  const abortListener = () => errorHandler(abortError(signal));
  const cleanup = () => {
    emitter.removeListener(event, eventHandler);
    emitter.removeListener("error", errorHandler);
    signal?.removeEventListener("abort", abortListener);
  };

  const iterator = Object.setPrototypeOf({
    next() {
      const value = unconsumedEvents.shift();
      if (value) return Promise.resolve({ value, done: false });
      if (error) {
        const p = Promise.reject(error);
        error = null;
        return p;
      }
      if (finished) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => unconsumedPromises.push({ resolve, reject }));
    },
    return() {
      cleanup();
      finished = true;
      for (const p of unconsumedPromises) p.resolve({ value: undefined, done: true });
      unconsumedPromises.length = 0;
      return Promise.resolve({ value: undefined, done: true });
    },
    throw(err) {
      error = err;
      cleanup();
      return Promise.reject(err);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  }, Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype));

  emitter.on(event, eventHandler);
  if (event !== "error") emitter.on("error", errorHandler);
  signal?.addEventListener("abort", abortListener, { once: true });
  return iterator;
}

export function addAbortListener(signal, listener) {
  if (signal.aborted) {
    queueMicrotask(() => listener());
  } else {
    signal.addEventListener("abort", listener, { once: true });
  }
  return { [Symbol.dispose ?? Symbol.for("nodejs.dispose")]() { signal.removeEventListener("abort", listener); } };
}

EventEmitter.EventEmitter = EventEmitter;
EventEmitter.once = once;
EventEmitter.on = on;
EventEmitter.getEventListeners = getEventListeners;
EventEmitter.setMaxListeners = setMaxListeners;
EventEmitter.addAbortListener = addAbortListener;
EventEmitter.usingDomains = false;
EventEmitter.kMaxEventTargetListeners = Symbol("events.maxEventTargetListeners");
EventEmitter.kMaxEventTargetListenersWarned = Symbol("events.maxEventTargetListenersWarned");

export const usingDomains = false;

export function getMaxListeners(target) {
  if (typeof target?.getMaxListeners === "function") return target.getMaxListeners();
  throw codeError(TypeError, "ERR_INVALID_ARG_TYPE",
    `The "emitter" argument must be an instance of EventEmitter or EventTarget. Received ${describe(target)}`);
}
EventEmitter.getMaxListeners = getMaxListeners;

export class EventEmitterAsyncResource extends EventEmitter {
  constructor(options) {
    super(options);
  }
}
EventEmitter.EventEmitterAsyncResource = EventEmitterAsyncResource;
export { EventEmitter as default };
