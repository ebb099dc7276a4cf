// node:async_hooks as workerd has it: AsyncLocalStorage and AsyncResource on the runtime's async
// context frames (isolate/js/asynccontext.js); the async-hook API itself is inert, as in workerd.
const { activateAsyncContext, currentFrame, runInFrame, requestOf } = globalThis[Symbol.for("nanod.internals")];

const failed = (op, cls, what) => new TypeError(`Failed to execute '${op}' on '${cls}': ${what}`);
const notNew = (cls) => new TypeError(`Failed to construct '${cls}': Please use the 'new' operator, this object constructor cannot be called as a function.`);

// Methods as workerd's bindings have them: enumerable, and of length 0.
function methods(target, fns) {
  for (const [name, fn] of Object.entries(fns)) {
    Object.defineProperty(fn, "length", { value: 0 });
    Object.defineProperty(target, name, { value: fn, writable: true, enumerable: true, configurable: true });
  }
}

// workerd's prototypes list constructor after the methods.
function lastConstructor(C) {
  delete C.prototype.constructor;
  Object.defineProperty(C.prototype, "constructor", { value: C, writable: true, configurable: true });
}

// wrapper returns a plain function (no name, length 0, like workerd's) that calls call(args,
// thisValue) when invoked.
function wrapper(call) {
  const w = function (...args) { return call(args, this); };
  Object.defineProperty(w, "name", { value: "" });
  Object.defineProperty(w, "length", { value: 0 });
  return w;
}

// A frame is a Map from an AsyncLocalStorage's key to its store; it is never changed in place.
function withStore(frame, key, store) {
  const next = new Map(frame);
  next.set(key, store);
  return next;
}

// Per instance: { key, defaultValue, name }. Kept outside the object, which has no own properties
// (as workerd's).
const stores = new WeakMap();

export function AsyncLocalStorage(options = undefined) {
  if (new.target === undefined) throw notNew("AsyncLocalStorage");
  if (options !== undefined && options !== null && typeof options !== "object" && typeof options !== "function") {
    throw new TypeError("Failed to construct 'AsyncLocalStorage': constructor parameter 1 is not of type 'AsyncLocalStorageOptions'.");
  }
  activateAsyncContext();
  const name = options?.name;
  stores.set(this, { key: {}, defaultValue: options?.defaultValue, name: name === undefined ? "" : `${name}` });
}

const illegal = () => new TypeError("Illegal invocation: function called with incorrect `this` reference. See https://developers.cloudflare.com/workers/observability/errors/#illegal-invocation-errors for details.");

function stateOf(als) {
  const s = stores.get(als);
  if (s === undefined) throw illegal();
  return s;
}

methods(AsyncLocalStorage.prototype, {
  run(store, callback, ...args) {
    const { key } = stateOf(this);
    if (arguments.length < 1) throw failed("run", "AsyncLocalStorage", "parameter 1 is not of type 'Value'.");
    if (typeof callback !== "function") throw failed("run", "AsyncLocalStorage", "parameter 2 is not of type 'function'.");
    return runInFrame(withStore(currentFrame(), key, store), callback, globalThis, args);
  },
  // exit runs callback with this storage's store cleared (undefined, not the default value).
  exit(callback, ...args) {
    const { key } = stateOf(this);
    if (typeof callback !== "function") throw failed("exit", "AsyncLocalStorage", "parameter 1 is not of type 'function'.");
    return runInFrame(withStore(currentFrame(), key, undefined), callback, globalThis, args);
  },
  getStore() {
    const { key, defaultValue } = stateOf(this);
    const frame = currentFrame();
    return frame !== undefined && frame.has(key) ? frame.get(key) : defaultValue;
  },
  enterWith() {
    throw new Error("asyncLocalStorage.enterWith() is not implemented");
  },
  disable() {
    throw new Error("asyncLocalStorage.disable() is not implemented");
  },
});
Object.defineProperty(AsyncLocalStorage.prototype, "name", {
  get() { return stateOf(this).name; },
  enumerable: true,
  configurable: true,
});
lastConstructor(AsyncLocalStorage);
Object.defineProperty(AsyncLocalStorage.prototype, Symbol.toStringTag, { value: "AsyncLocalStorage", writable: true, configurable: true });
Object.defineProperty(AsyncLocalStorage, "length", { value: 0 });

// A function from bind() or snapshot() made during a request runs only in that request (the
// frame names it only with bind_asynclocalstorage_snapshot_to_request); one made outside any
// request runs anywhere.
function checkRequest(frame) {
  const req = requestOf(frame);
  if (req !== undefined && requestOf(currentFrame()) !== req) {
    throw new Error("Cannot call this AsyncLocalStorage bound function outside of the request in which it was created.");
  }
}

methods(AsyncLocalStorage, {
  // bind returns a function that calls fn in the frame current now.
  bind(fn) {
    if (typeof fn !== "function") throw failed("bind", "AsyncLocalStorage", "parameter 1 is not of type 'Function'.");
    const frame = currentFrame();
    return wrapper((args) => {
      checkRequest(frame);
      return runInFrame(frame, fn, globalThis, args);
    });
  },
  // snapshot returns a function (cb, ...args) that calls cb in the frame current now.
  snapshot() {
    const frame = currentFrame();
    return wrapper(([cb, ...args]) => {
      checkRequest(frame);
      if (typeof cb !== "function") throw new TypeError("The first argument must be a function");
      return runInFrame(frame, cb, globalThis, args);
    });
  },
});

// Per resource: the frame current when it was made.
const frames = new WeakMap();

export function AsyncResource(type = undefined, options = undefined) {
  if (new.target === undefined) throw notNew("AsyncResource");
  if (options !== undefined && options !== null) {
    if (typeof options !== "object" && typeof options !== "function") {
      throw new TypeError("Failed to construct 'AsyncResource': constructor parameter 2 is not of type 'Options'.");
    }
    if (options.triggerAsyncId !== undefined) throw new Error("The 'triggerAsyncId' field on 'Options' is not implemented.");
  }
  frames.set(this, currentFrame());
}

function checkResource(r) {
  if (!frames.has(r)) throw illegal();
}

// Without a thisArg, functions are called with the global object as this (as workerd does),
// whatever this the bound function itself was called with.
const receiver = (thisArg) => (thisArg === undefined ? globalThis : thisArg);

function bindResource(resource, fn, thisArg) {
  const frame = frames.get(resource);
  const bound = wrapper((args) => runInFrame(frame, fn, receiver(thisArg), args));
  Object.defineProperty(bound, "asyncResource", { value: resource, writable: true, enumerable: true, configurable: true });
  return bound;
}

methods(AsyncResource.prototype, {
  asyncId() { checkResource(this); return 0; },
  triggerAsyncId() { checkResource(this); return 0; },
  bind(fn, thisArg) {
    checkResource(this);
    if (typeof fn !== "function") throw failed("bind", "AsyncResource", "parameter 1 is not of type 'Function'.");
    return bindResource(this, fn, thisArg);
  },
  runInAsyncScope(fn, thisArg, ...args) {
    checkResource(this);
    if (typeof fn !== "function") throw failed("runInAsyncScope", "AsyncResource", "parameter 1 is not of type 'function'.");
    return runInFrame(frames.get(this), fn, receiver(thisArg), args);
  },
  emitDestroy() { checkResource(this); },
});
lastConstructor(AsyncResource);
Object.defineProperty(AsyncResource.prototype, Symbol.toStringTag, { value: "AsyncResource", writable: true, configurable: true });
Object.defineProperty(AsyncResource, "length", { value: 0 });

methods(AsyncResource, {
  bind(fn, type, thisArg) {
    if (typeof fn !== "function") throw failed("bind", "AsyncResource", "parameter 1 is not of type 'Function'.");
    return bindResource(new AsyncResource(type), fn, thisArg);
  },
});

class AsyncHook {
  enable() { return this; }
  disable() { return this; }
}

// workerd exports Node.js's provider names, all 0.
export const asyncWrapProviders = Object.fromEntries([
  "NONE", "DIRHANDLE", "DNSCHANNEL", "ELDHISTOGRAM", "FILEHANDLE", "FILEHANDLECLOSEREQ", "BLOBREADER",
  "FSEVENTWRAP", "FSREQCALLBACK", "FSREQPROMISE", "GETADDRINFOREQWRAP", "GETNAMEINFOREQWRAP",
  "HEAPSNAPSHOT", "HTTP2SESSION", "HTTP2STREAM", "HTTP2PING", "HTTP2SETTINGS", "HTTPINCOMINGMESSAGE",
  "HTTPCLIENTREQUEST", "LOCKS", "JSSTREAM", "JSUDPWRAP", "MESSAGEPORT", "PIPECONNECTWRAP",
  "PIPESERVERWRAP", "PIPEWRAP", "PROCESSWRAP", "PROMISE", "QUERYWRAP", "QUIC_ENDPOINT",
  "QUIC_LOGSTREAM", "QUIC_SESSION", "QUIC_STREAM", "QUIC_UDP", "SHUTDOWNWRAP", "SIGNALWRAP",
  "STATWATCHER", "STREAMPIPE", "TCPCONNECTWRAP", "TCPSERVERWRAP", "TCPWRAP", "TTYWRAP",
  "UDPSENDWRAP", "UDPWRAP", "SIGINTWATCHDOG", "WORKER", "WORKERCPUPROFILE", "WORKERCPUUSAGE",
  "WORKERHEAPPROFILE", "WORKERHEAPSNAPSHOT", "WORKERHEAPSTATISTICS", "WRITEWRAP", "ZLIB",
  "CHECKPRIMEREQUEST", "PBKDF2REQUEST", "KEYPAIRGENREQUEST", "KEYGENREQUEST", "KEYEXPORTREQUEST",
  "ARGON2REQUEST", "CIPHERREQUEST", "DERIVEBITSREQUEST", "HASHREQUEST", "RANDOMBYTESREQUEST",
  "RANDOMPRIMEREQUEST", "SCRYPTREQUEST", "SIGNREQUEST", "TLSWRAP", "VERIFYREQUEST", "QUIC_PACKET",
].map((k) => [k, 0]));

// Hooks are not supported; these return what workerd returns so that polyfills keep working.
export function createHook() { return new AsyncHook(); }
export function executionAsyncId() { return 0; }
export function executionAsyncResource() { return Object.create(null); }
export function triggerAsyncId() { return 0; }

export default {
  AsyncLocalStorage,
  AsyncResource,
  asyncWrapProviders,
  createHook,
  executionAsyncId,
  executionAsyncResource,
  triggerAsyncId,
};
