// The WHATWG Streams Standard (https://streams.spec.whatwg.org/) as Cloudflare workerd exposes it:
// readable streams (default and byte), writable streams, transform streams, the queuing
// strategies, and workerd's IdentityTransformStream and FixedLengthStream.
//
// The file follows the spec's sections. Each public object keeps its internal slots in a plain
// "record" reached through a private field; the abstract operations work on records and keep the
// spec's names (without the "ReadableStream"/"WritableStream" prefixes where unambiguous), so they
// can be checked step by step against the spec. Error types are the spec's; messages are
// workerd's where it has one. Places that knowingly differ from the spec say "Deviation:".
import { isDetachedBuffer, transferArrayBuffer as nativeTransfer } from "./arraybuffer.js";
import { compat } from "./misc.js";

// ==== Utilities =============================================================================

const kInternal = Symbol("streams internal");
const noop = () => {};
const P = Promise;
const ReflectApply = Reflect.apply;
const pThen = P.prototype.then;
const ObjectDefineProperty = Object.defineProperty;

// Promises, as the spec's "a promise resolved with", "upon fulfillment" and so on. Captured
// intrinsics keep the streams working even if user code patches Promise.prototype.then.
// "A promise resolved with" v is PromiseResolve(%Promise%, v): v itself when it is a promise of
// ours (the spec, and workerd's ordering: an async start() lets pull() run a tick earlier).
const pResolve = P.resolve;
function resolvedWith(v) { return ReflectApply(pResolve, P, [v]); }
function rejectedWith(e) { return new P((_, reject) => reject(e)); }
function react(p, onFulfilled, onRejected) { return ReflectApply(pThen, p, [onFulfilled, onRejected]); }
function setHandled(p) { ReflectApply(pThen, p, [undefined, noop]); }
function upon(p, onFulfilled, onRejected) { setHandled(react(p, onFulfilled, onRejected)); }
const resolvedUndefined = P.resolve();
function queueMicrotaskInternal(fn) { upon(resolvedUndefined, fn); }

// "Wait for all": fulfills with undefined once every promise has, rejects with the first
// rejection. (Not Promise.all, which would resolve with an array and so consult
// Object.prototype.then.)
function waitForAll(promises) {
  const d = new Deferred();
  let remaining = promises.length;
  if (remaining === 0) d.resolve(undefined);
  for (const p of promises) {
    upon(p, () => { if (--remaining === 0) d.resolve(undefined); }, (e) => d.reject(e));
  }
  return d.promise;
}

// A promise together with its resolving functions and state ([[PromiseState]] is needed by the
// writer's ready and closed promises). Settling twice is a no-op, as for real promises.
class Deferred {
  constructor() {
    this.state = "pending";
    this.promise = new P((resolve, reject) => { this.res = resolve; this.rej = reject; });
  }
  resolve(v) { if (this.state === "pending") { this.state = "fulfilled"; this.res(v); } }
  reject(e) { if (this.state === "pending") { this.state = "rejected"; this.rej(e); } }
}
function deferredResolved(v) { const d = new Deferred(); d.resolve(v); return d; }
function deferredRejected(e) { const d = new Deferred(); d.reject(e); setHandled(d.promise); return d; }

// Calls a user callback and converts the result to a promise (WebIDL's Promise<T> return).
// Deviation (workerd): a stream whose underlying source or sink has no start() is started at once,
// not a microtask later: a readable stream pulls (and runs its size algorithm) during the
// constructor, and a writable stream's first write is in flight as soon as it is made.
const startsAtOnce = () => undefined;

// Deviation (workerd): a start() that throws errors the stream instead of the constructor.
function startCall(start, thisArg, controller) {
  try {
    return ReflectApply(start, thisArg, [controller]);
  } catch (e) {
    return rejectedWith(e);
  }
}

// asyncThrow is how a promise-returning method reports bad arguments: workerd rejects the promise
// under the capture_async_api_throws flag (on since 2022-10-31) and throws before it.
function asyncThrow(e) {
  if (compat("capture_async_api_throws")) return rejectedWith(e);
  throw e;
}

function promiseCall(fn, thisArg, args) {
  try {
    return resolvedWith(ReflectApply(fn, thisArg, args));
  } catch (e) {
    return rejectedWith(e);
  }
}

// A FIFO list with O(1) shift, for the queues and the read/write request lists.
class Queue {
  constructor() { this.items = []; this.head = 0; }
  get length() { return this.items.length - this.head; }
  push(v) { this.items[this.items.length] = v; }
  peek() { return this.items[this.head]; }
  shift() {
    const items = this.items;
    const v = items[this.head];
    items[this.head++] = undefined;
    if (this.head === items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > items.length) {
      this.items = items.slice(this.head);
      this.head = 0;
    }
    return v;
  }
  // Empties the queue and returns what was in it.
  take() {
    const out = this.items.slice(this.head);
    this.items = [];
    this.head = 0;
    return out;
  }
}

// ---- WebIDL conversions ----

function isObject(v) { return (typeof v === "object" && v !== null) || typeof v === "function"; }

// A dictionary argument: undefined/null mean "empty"; other non-objects are a TypeError.
function toDict(v, what) {
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) throw new TypeError(`${what} must be an object.`);
  return v;
}

// An `object` argument that may be missing but not null or a primitive.
function checkObjectArg(v, what) {
  if (v !== undefined && !isObject(v)) throw new TypeError(`${what} must be an object.`);
}

function getCallback(dict, name, what) {
  const v = dict === undefined ? undefined : dict[name];
  if (v === undefined) return undefined;
  if (typeof v !== "function") throw new TypeError(`${what}.${name} must be a function.`);
  return v;
}

function toUnrestrictedDouble(v) { return +v; } // ToNumber; throws for symbols and bigints

// [EnforceRange] unsigned long long.
function enforceRangeULL(v, what) {
  let x = +v;
  if (!Number.isFinite(x)) throw new TypeError(`${what} must be a finite number.`);
  x = Math.trunc(x);
  if (x < 0 || x > Number.MAX_SAFE_INTEGER) throw new TypeError(`${what} is out of range.`);
  return x === 0 ? 0 : x;
}

function toStringIDL(v) { return `${v}`; } // ToString; throws for symbols

// ---- ArrayBuffers and views ----
// Intrinsic getters, so subclasses or patched prototypes cannot misreport a view's extent.

const getter = (o, k) => Object.getOwnPropertyDescriptor(o, k).get;
const TypedArrayProto = Object.getPrototypeOf(Uint8Array.prototype);
const taBuffer = getter(TypedArrayProto, "buffer");
const taByteOffset = getter(TypedArrayProto, "byteOffset");
const taByteLength = getter(TypedArrayProto, "byteLength");
const taLength = getter(TypedArrayProto, "length");
const taName = getter(TypedArrayProto, Symbol.toStringTag);
const dvBuffer = getter(DataView.prototype, "buffer");
const dvByteOffset = getter(DataView.prototype, "byteOffset");
const dvByteLength = getter(DataView.prototype, "byteLength");
const abByteLength = getter(ArrayBuffer.prototype, "byteLength");
const isView = ArrayBuffer.isView;
const taSet = TypedArrayProto.set;
const U8 = Uint8Array;

const TYPED_ARRAYS = {
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array,
};

function isArrayBuffer(v) {
  if (!isObject(v)) return false;
  try {
    ReflectApply(abByteLength, v, []);
    return true;
  } catch {
    return false;
  }
}

function bufferByteLength(buf) { return ReflectApply(abByteLength, buf, []); }

// The [[ViewedArrayBuffer]], [[ByteOffset]], [[ByteLength]] and typed array name of a view.
function viewInfo(view) {
  const name = ReflectApply(taName, view, []);
  if (name !== undefined) {
    return {
      buffer: ReflectApply(taBuffer, view, []),
      byteOffset: ReflectApply(taByteOffset, view, []),
      byteLength: ReflectApply(taByteLength, view, []),
      name,
    };
  }
  return {
    buffer: ReflectApply(dvBuffer, view, []),
    byteOffset: ReflectApply(dvByteOffset, view, []),
    byteLength: ReflectApply(dvByteLength, view, []),
    name: undefined,
  };
}

// TransferArrayBuffer: the new buffer takes over the memory (no copy) and buf is detached.
function transferArrayBuffer(buf) {
  if (isDetachedBuffer(buf)) throw new TypeError("The underlying ArrayBuffer has been detached.");
  return nativeTransfer(buf);
}

function copyBytes(to, toIndex, from, fromIndex, count) {
  ReflectApply(taSet, new U8(to, toIndex, count), [new U8(from, fromIndex, count)]);
}

// CloneArrayBuffer (without the species lookup ArrayBuffer.prototype.slice would do).
function cloneArrayBuffer(buffer, byteOffset, byteLength) {
  const clone = new ArrayBuffer(byteLength);
  copyBytes(clone, 0, buffer, byteOffset, byteLength);
  return clone;
}

function cloneAsUint8Array(view) {
  const { buffer, byteOffset, byteLength } = viewInfo(view);
  return new U8(cloneArrayBuffer(buffer, byteOffset, byteLength));
}

// ---- Errors ----

const E = {
  rsLocked: () => new TypeError("This ReadableStream is currently locked to a reader."),
  readerReleased: () => new TypeError("This ReadableStream reader has been released."),
  wsLocked: () => new TypeError("This WritableStream is currently locked to a writer."),
  writerReleased: () => new TypeError("This WritableStream writer has been released."),
  wsClosed: () => new TypeError("This WritableStream has been closed."),
  wsClosing: () => new TypeError("Cannot close a writer that is already being closed"),
  illegal: () => new TypeError("Illegal invocation: function called with incorrect `this` reference. " +
    "See https://developers.cloudflare.com/workers/observability/errors/#illegal-invocation-errors for details."),
  illegalConstructor: () => new TypeError("Illegal constructor"),
};

function abortError(message) {
  const D = globalThis.DOMException;
  if (typeof D === "function") return new D(message, "AbortError");
  const e = new Error(message);
  e.name = "AbortError";
  return e;
}

// ---- AbortSignal interop ----
// The runtime may not have AbortController/AbortSignal (or may install them after this file).
// pipeTo accepts an AbortSignal when the global exists, otherwise anything signal-shaped; a
// WritableStreamDefaultController's signal is a real AbortSignal when AbortController exists,
// otherwise a minimal stand-in (StreamAbortSignal below).

function isAbortSignal(v) {
  const AS = globalThis.AbortSignal;
  if (typeof AS === "function" && v instanceof AS) return true;
  if (v instanceof StreamAbortSignal) return true;
  return typeof AS !== "function" && isObject(v) && "aborted" in v && typeof v.addEventListener === "function";
}

function signalReason(signal) {
  const r = signal.reason;
  return r === undefined ? abortError("The operation was aborted.") : r;
}

let abortStreamSignal; // (signal, reason): signals abort; set by StreamAbortSignal's static block

class StreamAbortSignal {
  #aborted = false;
  #reason = undefined;
  #listeners = [];
  onabort = null;
  get aborted() { return this.#aborted; }
  get reason() { return this.#reason; }
  throwIfAborted() { if (this.#aborted) throw this.#reason; }
  addEventListener(type, listener) {
    if (type === "abort" && listener != null && !this.#listeners.includes(listener)) this.#listeners.push(listener);
  }
  removeEventListener(type, listener) {
    const i = this.#listeners.indexOf(listener);
    if (type === "abort" && i >= 0) this.#listeners.splice(i, 1);
  }
  static {
    abortStreamSignal = (signal, reason) => {
      if (signal.#aborted) return;
      signal.#aborted = true;
      signal.#reason = reason === undefined ? abortError("This writable stream has been aborted.") : reason;
      const event = { type: "abort", target: signal, currentTarget: signal };
      const call = (fn) => {
        try {
          if (typeof fn === "function") ReflectApply(fn, signal, [event]);
          else if (fn && typeof fn.handleEvent === "function") fn.handleEvent(event);
        } catch (e) {
          reportError(e);
        }
      };
      call(signal.onabort);
      for (const l of signal.#listeners.slice()) call(l);
    };
  }
}
Object.defineProperty(StreamAbortSignal.prototype, Symbol.toStringTag, { value: "AbortSignal", configurable: true });

function reportError(e) {
  if (typeof globalThis.reportError === "function") globalThis.reportError(e);
  else if (globalThis.console) globalThis.console.error("Uncaught", e);
}

// ==== Queuing strategies (spec §7) ==========================================================

// Converts a QueuingStrategy dictionary ({ highWaterMark, size }, in WebIDL member order).
function convertStrategy(strategy, what) {
  const dict = toDict(strategy, what);
  if (dict === undefined) return { highWaterMark: undefined, size: undefined };
  const hwm = dict.highWaterMark;
  const highWaterMark = hwm === undefined ? undefined : toUnrestrictedDouble(hwm);
  const size = getCallback(dict, "size", what);
  return { highWaterMark, size };
}

// Deviation (workerd): the spec's ExtractHighWaterMark takes any non-negative double and throws a
// RangeError otherwise; workerd converts highWaterMark (and size() results) to an unsigned 64-bit
// integer, truncating fractions and throwing TypeErrors.
function toUint64(v) {
  const n = typeof v === "number" ? v : toUnrestrictedDouble(v);
  if (!Number.isFinite(n)) throw new TypeError("The value cannot be converted because it is not an integer.");
  const i = Math.trunc(n);
  if (i < 0) throw new TypeError("The value cannot be converted because it is negative and this API expects a positive bigint.");
  if (i > 18446744073709551615) throw new TypeError("Value out of range. Must be less than or equal to 18446744073709551615.");
  return i === 0 ? 0 : i; // no -0
}

function extractHighWaterMark(strategy, defaultHWM) {
  if (strategy.highWaterMark === undefined) return defaultHWM;
  return toUint64(strategy.highWaterMark);
}

const sizeOne = () => 1;
function extractSizeAlgorithm(strategy) {
  const size = strategy.size;
  if (size === undefined) return sizeOne;
  return (chunk) => toUint64(ReflectApply(size, undefined, [chunk]));
}

// The per-global size functions (plain functions: they do not check their this value).
// Deviation (workerd): the byte-length size is undefined, not a TypeError, for a chunk that is not
// an object or whose byteLength is not a number.
const byteLengthSizeFunction = {
  size(chunk) {
    if (!isObject(chunk)) return undefined;
    const n = chunk.byteLength;
    return typeof n === "number" ? n : undefined;
  },
}.size;
const countSizeFunction = { size() { return 1; } }.size;

function convertStrategyInit(init, what) {
  const dict = toDict(init, what);
  const hwm = dict === undefined ? undefined : dict.highWaterMark;
  if (hwm === undefined) {
    throw new TypeError(`Failed to construct '${what}': the highWaterMark member is required.`);
  }
  return toUnrestrictedDouble(hwm);
}

export class ByteLengthQueuingStrategy {
  #hwm;
  constructor(init) {
    this.#hwm = convertStrategyInit(init, "ByteLengthQueuingStrategy");
  }
  get highWaterMark() {
    if (!(#hwm in this)) throw E.illegal();
    return this.#hwm;
  }
  get size() {
    if (!(#hwm in this)) throw E.illegal();
    return byteLengthSizeFunction;
  }
}

export class CountQueuingStrategy {
  #hwm;
  constructor(init) {
    this.#hwm = convertStrategyInit(init, "CountQueuingStrategy");
  }
  get highWaterMark() {
    if (!(#hwm in this)) throw E.illegal();
    return this.#hwm;
  }
  get size() {
    if (!(#hwm in this)) throw E.illegal();
    return countSizeFunction;
  }
}

// ---- Queue-with-sizes (spec §8.1) ----

function dequeueValue(container) {
  const pair = container.queue.shift();
  container.queueTotalSize -= pair.size;
  if (container.queueTotalSize < 0) container.queueTotalSize = 0;
  return pair.value;
}

function enqueueValueWithSize(container, value, size) {
  if (typeof size !== "number" || !(size >= 0) || size === Infinity) {
    throw new RangeError("The return value of a queuing strategy's size function must be a finite, non-NaN, non-negative number.");
  }
  container.queue.push({ value, size });
  container.queueTotalSize += size;
}

function peekQueueValue(container) { return container.queue.peek().value; }

function resetQueue(container) {
  container.queue = new Queue();
  container.queueTotalSize = 0;
}

// ==== Readable streams (spec §4) =============================================================

// Accessors for the private slots, set by the classes' static blocks.
let rsOf, rsDefaultReaderOf, rsBYOBReaderOf, rsDefaultControllerOf, rsByteControllerOf, byobRequestOf;

function thisOf(of, o) {
  const r = of(o);
  if (r === undefined) throw E.illegal();
  return r;
}

// The record behind a ReadableStream.
function newReadableStreamRecord() {
  return {
    obj: null, state: "readable", reader: undefined, storedError: undefined, disturbed: false,
    controller: undefined, expectedLength: undefined,
  };
}

function publicStream(s) {
  if (s.obj === null) new ReadableStream(kInternal, s);
  return s.obj;
}

export class ReadableStream {
  #s;

  constructor(underlyingSource = undefined, strategy = undefined) {
    if (underlyingSource === kInternal) {
      this.#s = strategy;
      strategy.obj = this;
      return;
    }
    // WebIDL converts the arguments in order: the source must be an object; the strategy
    // dictionary is read next; the source dictionary is read in the constructor steps.
    if (underlyingSource === null) throw new TypeError("The underlying source must be an object.");
    checkObjectArg(underlyingSource, "The underlying source");
    const strat = convertStrategy(strategy, "The queuing strategy");
    const src = convertUnderlyingSource(underlyingSource);
    const s = newReadableStreamRecord();
    s.obj = this;
    s.expectedLength = src.expectedLength;
    this.#s = s;
    if (src.type === "bytes") {
      // Deviation (workerd): a size function is ignored rather than a RangeError.
      const hwm = extractHighWaterMark(strat, 0);
      setUpByteControllerFromSource(s, underlyingSource, src, hwm);
    } else {
      const size = extractSizeAlgorithm(strat);
      const hwm = extractHighWaterMark(strat, 1);
      setUpDefaultControllerFromSource(s, underlyingSource, src, hwm, size);
    }
  }

  static from(asyncIterable) {
    return publicStream(readableStreamFromIterable(asyncIterable));
  }

  get locked() {
    return isReadableStreamLocked(thisOf(rsOf, this));
  }

  cancel(reason = undefined) {
    const s = rsOf(this);
    if (s === undefined) throw E.illegal();
    if (isReadableStreamLocked(s)) return rejectedWith(E.rsLocked());
    return readableStreamCancel(s, reason);
  }

  getReader(options = undefined) {
    const s = thisOf(rsOf, this);
    const dict = toDict(options, "The getReader() options");
    let mode = dict === undefined ? undefined : dict.mode;
    if (mode !== undefined) {
      mode = toStringIDL(mode);
      if (mode !== "byob") throw new TypeError("mode must be undefined or 'byob' in call to getReader().");
      return publicReader(acquireBYOBReader(s));
    }
    return publicReader(acquireDefaultReader(s));
  }

  pipeThrough(transform, options = undefined) {
    const s = thisOf(rsOf, this);
    const pair = toDict(transform, "The transform argument");
    const readable = pair === undefined ? undefined : pair.readable;
    if (rsOf(readable) === undefined) throw new TypeError("The transform's readable property must be a ReadableStream.");
    const writable = pair.writable;
    const ws = wsOf(writable);
    if (ws === undefined) throw new TypeError("The transform's writable property must be a WritableStream.");
    const opts = convertPipeOptions(options, "pipeThrough");
    if (isReadableStreamLocked(s)) throw E.rsLocked();
    if (isWritableStreamLocked(ws)) throw E.wsLocked();
    const promise = readableStreamPipeTo(s, ws, opts.preventClose, opts.preventAbort, opts.preventCancel, opts.signal);
    setHandled(promise);
    return readable;
  }

  pipeTo(destination, options = undefined) {
    const s = rsOf(this);
    if (s === undefined) throw E.illegal();
    const ws = wsOf(destination);
    if (ws === undefined) {
      return asyncThrow(new TypeError("Failed to execute 'pipeTo' on 'ReadableStream': parameter 1 is not of type 'WritableStream'."));
    }
    let opts;
    try {
      opts = convertPipeOptions(options, "pipeTo");
    } catch (e) {
      return asyncThrow(e);
    }
    if (isReadableStreamLocked(s)) return rejectedWith(E.rsLocked());
    if (isWritableStreamLocked(ws)) return rejectedWith(E.wsLocked());
    return readableStreamPipeTo(s, ws, opts.preventClose, opts.preventAbort, opts.preventCancel, opts.signal);
  }

  tee() {
    const s = thisOf(rsOf, this);
    const [a, b] = readableStreamTee(s, false);
    return [publicStream(a), publicStream(b)];
  }

  values(options = undefined) {
    const s = thisOf(rsOf, this);
    const dict = toDict(options, "The values() options");
    const preventCancel = dict === undefined ? false : !!dict.preventCancel;
    return createAsyncIterator(s, preventCancel);
  }

  static {
    rsOf = (o) => (isObject(o) && #s in o ? o.#s : undefined);
  }
}

// UnderlyingSource, read in WebIDL order: autoAllocateChunkSize, cancel, expectedLength (a
// workerd extension: the byte length the stream will produce, for Content-Length), pull, start,
// type.
function convertUnderlyingSource(source) {
  const what = "The underlying source";
  if (source === undefined) {
    return { autoAllocateChunkSize: undefined, cancel: undefined, expectedLength: undefined, pull: undefined, start: undefined, type: undefined };
  }
  const aacs = source.autoAllocateChunkSize;
  const autoAllocateChunkSize = aacs === undefined ? undefined : enforceRangeULL(aacs, "autoAllocateChunkSize");
  const cancel = getCallback(source, "cancel", what);
  const el = source.expectedLength;
  const expectedLength = el === undefined ? undefined : enforceRangeULL(el, "expectedLength");
  const pull = getCallback(source, "pull", what);
  const start = getCallback(source, "start", what);
  let type = source.type;
  if (type !== undefined) {
    type = toStringIDL(type);
    if (type !== "bytes") throw new TypeError(`"${type}" is not a valid type of ReadableStream.`);
  }
  return { autoAllocateChunkSize, cancel, expectedLength, pull, start, type };
}

// StreamPipeOptions, in WebIDL order: preventAbort, preventCancel, preventClose, signal.
function convertPipeOptions(options, method) {
  if (options !== undefined && options !== null && !isObject(options)) {
    throw new TypeError(`Failed to execute '${method}' on 'ReadableStream': parameter 2 is not of type 'PipeToOptions'.`);
  }
  const dict = toDict(options, "The pipe options");
  if (dict === undefined) return { preventAbort: false, preventCancel: false, preventClose: false, signal: undefined };
  const preventAbort = !!dict.preventAbort;
  const preventCancel = !!dict.preventCancel;
  const preventClose = !!dict.preventClose;
  const signal = dict.signal;
  if (signal !== undefined && !isAbortSignal(signal)) {
    throw new TypeError("Incorrect type for the 'signal' field on 'PipeToOptions': the provided value is not of type 'AbortSignal'.");
  }
  return { preventAbort, preventCancel, preventClose, signal };
}

// ---- Async iteration (spec §4.2.5, with WebIDL's asynchronous iterator prototype) ----

const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);
const END_OF_ITERATION = Symbol("end of iteration");
let iteratorOf;

class ReadableStreamAsyncIterator {
  #it;
  constructor(token, it) {
    if (token !== kInternal) throw E.illegalConstructor();
    this.#it = it;
  }

  next() {
    const it = iteratorOf(this);
    if (it === undefined) return rejectedWith(new TypeError("next() called on an object that is not a ReadableStream async iterator."));
    const nextSteps = () => {
      if (it.finished) return resolvedWith({ value: undefined, done: true });
      return react(iteratorNext(it), (v) => {
        it.ongoing = undefined;
        if (v === END_OF_ITERATION) {
          it.finished = true;
          return { value: undefined, done: true };
        }
        return { value: v, done: false };
      }, (e) => {
        it.ongoing = undefined;
        it.finished = true;
        throw e;
      });
    };
    it.ongoing = it.ongoing === undefined ? nextSteps() : react(it.ongoing, nextSteps, nextSteps);
    return it.ongoing;
  }

  return(value = undefined) {
    const it = iteratorOf(this);
    if (it === undefined) return rejectedWith(new TypeError("return() called on an object that is not a ReadableStream async iterator."));
    const returnSteps = () => {
      if (it.finished) return resolvedWith({ value, done: true });
      it.finished = true;
      return iteratorReturn(it, value);
    };
    const after = it.ongoing === undefined ? returnSteps() : react(it.ongoing, returnSteps, returnSteps);
    it.ongoing = after;
    return react(after, () => ({ value, done: true }));
  }

  static {
    iteratorOf = (o) => (isObject(o) && #it in o ? o.#it : undefined);
  }
}
Object.setPrototypeOf(ReadableStreamAsyncIterator.prototype, AsyncIteratorPrototype);
delete ReadableStreamAsyncIterator.prototype.constructor;
ObjectDefineProperty(ReadableStreamAsyncIterator.prototype, Symbol.toStringTag, { value: "ReadableStream AsyncIterator", configurable: true });

function createAsyncIterator(s, preventCancel) {
  const reader = acquireDefaultReader(s);
  return new ReadableStreamAsyncIterator(kInternal, { reader, preventCancel, ongoing: undefined, finished: false });
}

// The "get the next iteration result" steps.
function iteratorNext(it) {
  const reader = it.reader;
  if (reader.stream === undefined) return rejectedWith(E.readerReleased());
  const d = new Deferred();
  defaultReaderRead(reader, {
    chunk: (chunk) => d.resolve(chunk),
    close: () => { defaultReaderRelease(reader); d.resolve(END_OF_ITERATION); },
    error: (e) => { defaultReaderRelease(reader); d.reject(e); },
  });
  return d.promise;
}

// The "asynchronous iterator return" steps.
function iteratorReturn(it, arg) {
  const reader = it.reader;
  if (reader.stream === undefined) return resolvedWith(undefined);
  if (!it.preventCancel) {
    const result = readerGenericCancel(reader, arg);
    defaultReaderRelease(reader);
    return result;
  }
  defaultReaderRelease(reader);
  return resolvedWith(undefined);
}

// ---- Readable stream abstract operations (spec §4.9.1) ----

function acquireBYOBReader(s) {
  const r = newReaderRecord(true);
  setUpBYOBReader(r, s);
  return r;
}

function acquireDefaultReader(s) {
  const r = newReaderRecord(false);
  setUpDefaultReader(r, s);
  return r;
}

function createReadableStream(startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark = 1, sizeAlgorithm = sizeOne) {
  const s = newReadableStreamRecord();
  const c = newDefaultControllerRecord();
  setUpDefaultController(s, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, sizeAlgorithm);
  return s;
}

function createReadableByteStream(startAlgorithm, pullAlgorithm, cancelAlgorithm) {
  const s = newReadableStreamRecord();
  const c = newByteControllerRecord();
  setUpByteController(s, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, 0, undefined);
  return s;
}

function isReadableStreamLocked(s) { return s.reader !== undefined; }

// ReadableStreamFromIterable, with WebIDL's "open an async sequence": an async iterator, or a
// sync one adapted as CreateAsyncFromSyncIterator does.
function readableStreamFromIterable(iterable) {
  if (iterable === undefined || iterable === null) throw new TypeError("ReadableStream.from() requires an iterable or async iterable.");
  let method = getMethod(iterable, Symbol.asyncIterator);
  let sync = false;
  if (method === undefined) {
    method = getMethod(iterable, Symbol.iterator);
    sync = true;
  }
  if (method === undefined) throw new TypeError("ReadableStream.from() requires an iterable or async iterable.");
  const iterator = ReflectApply(method, iterable, []);
  if (!isObject(iterator)) throw new TypeError("The iterator method must return an object.");
  const nextMethod = iterator.next;
  let s;
  const pullAlgorithm = () => {
    let nextPromise;
    try {
      const result = ReflectApply(nextMethod, iterator, []);
      if (sync) {
        if (!isObject(result)) throw new TypeError("The iterator's next() result must be an object.");
        nextPromise = result.done ? resolvedWith({ done: true, value: undefined }) : react(resolvedWith(result.value), (value) => ({ done: false, value }));
      } else {
        nextPromise = resolvedWith(result);
      }
    } catch (e) {
      nextPromise = rejectedWith(e);
    }
    return react(nextPromise, (result) => {
      if (!isObject(result)) throw new TypeError("The iterator's next() result must be an object.");
      if (result.done) defaultControllerClose(s.controller);
      else defaultControllerEnqueue(s.controller, result.value);
    }, (r) => {
      defaultControllerError(s.controller, r);
    });
  };
  const cancelAlgorithm = (reason) => {
    let returnMethod;
    try {
      returnMethod = getMethod(iterator, "return");
    } catch (e) {
      return rejectedWith(e);
    }
    if (returnMethod === undefined) return resolvedWith(undefined);
    let returnResult;
    try {
      returnResult = ReflectApply(returnMethod, iterator, [reason]);
    } catch (e) {
      return rejectedWith(e);
    }
    return react(resolvedWith(returnResult), (result) => {
      if (!isObject(result)) throw new TypeError("The iterator's return() result must be an object.");
      return undefined;
    });
  };
  s = createReadableStream(noop, pullAlgorithm, cancelAlgorithm, 0);
  return s;
}

function getMethod(v, key) {
  const f = v[key];
  if (f === undefined || f === null) return undefined;
  if (typeof f !== "function") throw new TypeError(`${String(key)} is not a function.`);
  return f;
}

// ReadableStreamPipeTo. Reads with a default reader (also for byte streams, as the spec
// allows), waits for the writer's ready promise before each read, and writes each chunk as soon
// as it is read; shutdown and finalize follow the spec's "shutdown with an action", "shutdown" and
// "finalize".
function readableStreamPipeTo(source, dest, preventClose, preventAbort, preventCancel, signal) {
  const reader = acquireDefaultReader(source);
  const writer = acquireWriter(dest);
  source.disturbed = true;
  let shuttingDown = false;
  let currentWrite = resolvedWith(undefined); // settles when the latest write has settled
  const result = new Deferred();
  let abortAlgorithm;

  const finalize = (isError, error) => {
    writerRelease(writer);
    defaultReaderRelease(reader);
    if (signal !== undefined) {
      try {
        signal.removeEventListener("abort", abortAlgorithm);
      } catch {}
    }
    if (isError) result.reject(error);
    else result.resolve(undefined);
  };
  const waitForWrites = () => {
    const old = currentWrite;
    return react(old, () => (old !== currentWrite ? waitForWrites() : undefined));
  };
  const destStillWritable = () => dest.state === "writable" && !closeQueuedOrInFlight(dest);
  const shutdownWithAction = (action, isError, error) => {
    if (shuttingDown) return;
    shuttingDown = true;
    const doAction = () => {
      let p;
      try {
        p = action();
      } catch (e) {
        p = rejectedWith(e);
      }
      upon(p, () => finalize(isError, error), (newError) => finalize(true, newError));
    };
    if (destStillWritable()) upon(waitForWrites(), doAction);
    else doAction();
  };
  const shutdown = (isError, error) => {
    if (shuttingDown) return;
    shuttingDown = true;
    if (destStillWritable()) upon(waitForWrites(), () => finalize(isError, error));
    else finalize(isError, error);
  };

  if (signal !== undefined) {
    abortAlgorithm = () => {
      const error = signalReason(signal);
      const actions = [];
      if (!preventAbort) {
        actions.push(() => (dest.state === "writable" ? writableStreamAbort(dest, error) : resolvedWith(undefined)));
      }
      if (!preventCancel) {
        actions.push(() => (source.state === "readable" ? readableStreamCancel(source, error) : resolvedWith(undefined)));
      }
      shutdownWithAction(() => waitForAll(actions.map((a) => a())), true, error);
    };
    if (signal.aborted) {
      abortAlgorithm();
      return result.promise;
    }
    signal.addEventListener("abort", abortAlgorithm);
  }

  // Errors must be propagated forward.
  const onSourceErrored = (storedError) => {
    if (!preventAbort) shutdownWithAction(() => writableStreamAbort(dest, storedError), true, storedError);
    else shutdown(true, storedError);
  };
  if (source.state === "errored") onSourceErrored(source.storedError);
  else upon(reader.closed.promise, undefined, onSourceErrored);

  // Errors must be propagated backward.
  const onDestErrored = (storedError) => {
    if (!preventCancel) shutdownWithAction(() => readableStreamCancel(source, storedError), true, storedError);
    else shutdown(true, storedError);
  };
  if (dest.state === "errored") onDestErrored(dest.storedError);
  else upon(writer.closed.promise, undefined, onDestErrored);

  // Closing must be propagated forward.
  const onSourceClosed = () => {
    if (!preventClose) shutdownWithAction(() => writerCloseWithErrorPropagation(writer));
    else shutdown();
  };
  if (source.state === "closed") onSourceClosed();
  else upon(reader.closed.promise, onSourceClosed);

  // Closing must be propagated backward.
  if (closeQueuedOrInFlight(dest) || dest.state === "closed") {
    const destClosed = new TypeError("This destination writable stream is closed.");
    if (!preventCancel) shutdownWithAction(() => readableStreamCancel(source, destClosed), true, destClosed);
    else shutdown(true, destClosed);
  }

  // The pipe loop: wait for backpressure to clear, read one chunk, write it, repeat. (The
  // desired size is checked again after ready settles, since backpressure can return meanwhile.)
  const step = () => {
    if (shuttingDown) return;
    upon(writer.ready.promise, () => {
      if (shuttingDown) return;
      const desiredSize = writerGetDesiredSize(writer);
      if (desiredSize === null) return;
      if (desiredSize <= 0) {
        step();
        return;
      }
      defaultReaderRead(reader, {
        chunk: (chunk) => {
          currentWrite = react(writerWrite(writer, chunk), noop, noop);
          step();
        },
        close: noop,
        error: noop,
      });
    });
  };
  step();
  return result.promise;
}

// ReadableStreamTee.
function readableStreamTee(s, cloneForBranch2) {
  if (s.controller.byte) return readableByteStreamTee(s);
  return readableStreamDefaultTee(s, cloneForBranch2);
}

function readableStreamDefaultTee(stream, cloneForBranch2) {
  const reader = acquireDefaultReader(stream);
  let reading = false;
  let readAgain = false;
  let canceled1 = false;
  let canceled2 = false;
  let reason1;
  let reason2;
  let branch1;
  let branch2;
  const cancelPromise = new Deferred();
  setHandled(cancelPromise.promise); // it reaches callers through the branches' cancel()

  const pullAlgorithm = () => {
    if (reading) {
      readAgain = true;
      return resolvedWith(undefined);
    }
    reading = true;
    defaultReaderRead(reader, {
      chunk: (chunk) => {
        // A microtask, so that an error that arrives with the chunk errors both branches first.
        queueMicrotaskInternal(() => {
          readAgain = false;
          const chunk1 = chunk;
          let chunk2 = chunk;
          if (!canceled2 && cloneForBranch2) {
            try {
              chunk2 = structuredClone(chunk2);
            } catch (e) {
              defaultControllerError(branch1.controller, e);
              defaultControllerError(branch2.controller, e);
              cancelPromise.resolve(readableStreamCancel(stream, e));
              return;
            }
          }
          if (!canceled1) defaultControllerEnqueue(branch1.controller, chunk1);
          if (!canceled2) defaultControllerEnqueue(branch2.controller, chunk2);
          reading = false;
          if (readAgain) pullAlgorithm();
        });
      },
      close: () => {
        reading = false;
        if (!canceled1) defaultControllerClose(branch1.controller);
        if (!canceled2) defaultControllerClose(branch2.controller);
        if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
      },
      error: () => {
        reading = false;
      },
    });
    return resolvedWith(undefined);
  };
  const cancel1Algorithm = (reason) => {
    canceled1 = true;
    reason1 = reason;
    if (!canceled2) return resolvedWith(undefined); // workerd: the first branch's cancel() does not wait for the other
    cancelPromise.resolve(readableStreamCancel(stream, [reason1, reason2]));
    return cancelPromise.promise;
  };
  const cancel2Algorithm = (reason) => {
    canceled2 = true;
    reason2 = reason;
    if (!canceled1) return resolvedWith(undefined); // workerd: the first branch's cancel() does not wait for the other
    cancelPromise.resolve(readableStreamCancel(stream, [reason1, reason2]));
    return cancelPromise.promise;
  };
  branch1 = createReadableStream(noop, pullAlgorithm, cancel1Algorithm);
  branch2 = createReadableStream(noop, pullAlgorithm, cancel2Algorithm);
  upon(reader.closed.promise, undefined, (r) => {
    defaultControllerError(branch1.controller, r);
    defaultControllerError(branch2.controller, r);
    if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
  });
  return [branch1, branch2];
}

function readableByteStreamTee(stream) {
  let reader = acquireDefaultReader(stream);
  let reading = false;
  let readAgainForBranch1 = false;
  let readAgainForBranch2 = false;
  let canceled1 = false;
  let canceled2 = false;
  let reason1;
  let reason2;
  let branch1;
  let branch2;
  const cancelPromise = new Deferred();
  setHandled(cancelPromise.promise); // it reaches callers through the branches' cancel()

  const forwardReaderError = (thisReader) => {
    upon(thisReader.closed.promise, undefined, (r) => {
      if (thisReader !== reader) return;
      byteControllerError(branch1.controller, r);
      byteControllerError(branch2.controller, r);
      if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
    });
  };

  const pullWithDefaultReader = () => {
    if (reader.byob) {
      byobReaderRelease(reader);
      reader = acquireDefaultReader(stream);
      forwardReaderError(reader);
    }
    defaultReaderRead(reader, {
      chunk: (chunk) => {
        queueMicrotaskInternal(() => {
          readAgainForBranch1 = false;
          readAgainForBranch2 = false;
          const chunk1 = chunk;
          let chunk2 = chunk;
          if (!canceled1 && !canceled2) {
            try {
              chunk2 = cloneAsUint8Array(chunk);
            } catch (e) {
              byteControllerError(branch1.controller, e);
              byteControllerError(branch2.controller, e);
              cancelPromise.resolve(readableStreamCancel(stream, e));
              return;
            }
          }
          if (!canceled1) byteControllerEnqueue(branch1.controller, chunk1);
          if (!canceled2) byteControllerEnqueue(branch2.controller, chunk2);
          reading = false;
          if (readAgainForBranch1) pull1Algorithm();
          else if (readAgainForBranch2) pull2Algorithm();
        });
      },
      close: () => {
        reading = false;
        if (!canceled1) byteControllerClose(branch1.controller);
        if (!canceled2) byteControllerClose(branch2.controller);
        if (branch1.controller.pendingPullIntos.length > 0) byteControllerRespond(branch1.controller, 0);
        if (branch2.controller.pendingPullIntos.length > 0) byteControllerRespond(branch2.controller, 0);
        if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
      },
      error: () => {
        reading = false;
      },
    });
  };

  const pullWithBYOBReader = (view, forBranch2) => {
    if (!reader.byob) {
      defaultReaderRelease(reader);
      reader = acquireBYOBReader(stream);
      forwardReaderError(reader);
    }
    const byobBranch = forBranch2 ? branch2 : branch1;
    const otherBranch = forBranch2 ? branch1 : branch2;
    byobReaderRead(reader, view, 1, {
      chunk: (chunk) => {
        queueMicrotaskInternal(() => {
          readAgainForBranch1 = false;
          readAgainForBranch2 = false;
          const byobCanceled = forBranch2 ? canceled2 : canceled1;
          const otherCanceled = forBranch2 ? canceled1 : canceled2;
          if (!otherCanceled) {
            let clonedChunk;
            try {
              clonedChunk = cloneAsUint8Array(chunk);
            } catch (e) {
              byteControllerError(byobBranch.controller, e);
              byteControllerError(otherBranch.controller, e);
              cancelPromise.resolve(readableStreamCancel(stream, e));
              return;
            }
            if (!byobCanceled) byteControllerRespondWithNewView(byobBranch.controller, chunk);
            byteControllerEnqueue(otherBranch.controller, clonedChunk);
          } else if (!byobCanceled) {
            byteControllerRespondWithNewView(byobBranch.controller, chunk);
          }
          reading = false;
          if (readAgainForBranch1) pull1Algorithm();
          else if (readAgainForBranch2) pull2Algorithm();
        });
      },
      close: (chunk) => {
        reading = false;
        const byobCanceled = forBranch2 ? canceled2 : canceled1;
        const otherCanceled = forBranch2 ? canceled1 : canceled2;
        if (!byobCanceled) byteControllerClose(byobBranch.controller);
        if (!otherCanceled) byteControllerClose(otherBranch.controller);
        if (chunk !== undefined) {
          if (!byobCanceled) byteControllerRespondWithNewView(byobBranch.controller, chunk);
          if (!otherCanceled && otherBranch.controller.pendingPullIntos.length > 0) byteControllerRespond(otherBranch.controller, 0);
        }
        if (!byobCanceled || !otherCanceled) cancelPromise.resolve(undefined);
      },
      error: () => {
        reading = false;
      },
    });
  };

  const pull1Algorithm = () => {
    if (reading) {
      readAgainForBranch1 = true;
      return resolvedWith(undefined);
    }
    reading = true;
    const byobRequest = getBYOBRequest(branch1.controller);
    if (byobRequest === null) pullWithDefaultReader();
    else pullWithBYOBReader(byobRequest.view, false);
    return resolvedWith(undefined);
  };
  const pull2Algorithm = () => {
    if (reading) {
      readAgainForBranch2 = true;
      return resolvedWith(undefined);
    }
    reading = true;
    const byobRequest = getBYOBRequest(branch2.controller);
    if (byobRequest === null) pullWithDefaultReader();
    else pullWithBYOBReader(byobRequest.view, true);
    return resolvedWith(undefined);
  };
  const cancel1Algorithm = (reason) => {
    canceled1 = true;
    reason1 = reason;
    if (!canceled2) return resolvedWith(undefined); // workerd: the first branch's cancel() does not wait for the other
    cancelPromise.resolve(readableStreamCancel(stream, [reason1, reason2]));
    return cancelPromise.promise;
  };
  const cancel2Algorithm = (reason) => {
    canceled2 = true;
    reason2 = reason;
    if (!canceled1) return resolvedWith(undefined); // workerd: the first branch's cancel() does not wait for the other
    cancelPromise.resolve(readableStreamCancel(stream, [reason1, reason2]));
    return cancelPromise.promise;
  };
  branch1 = createReadableByteStream(noop, pull1Algorithm, cancel1Algorithm);
  branch2 = createReadableByteStream(noop, pull2Algorithm, cancel2Algorithm);
  forwardReaderError(reader);
  return [branch1, branch2];
}

// ---- Interfacing with controllers (spec §4.9.2) ----

function addReadIntoRequest(s, readIntoRequest) { s.reader.requests.push(readIntoRequest); }
function addReadRequest(s, readRequest) { s.reader.requests.push(readRequest); }

function readableStreamCancel(s, reason) {
  s.disturbed = true;
  if (s.state === "closed") return resolvedWith(undefined);
  if (s.state === "errored") return rejectedWith(s.storedError);
  readableStreamClose(s);
  const reader = s.reader;
  if (reader !== undefined && reader.byob) {
    for (const req of reader.requests.take()) req.close(undefined);
  }
  const sourceCancelPromise = controllerCancelSteps(s.controller, reason);
  return react(sourceCancelPromise, noop);
}

function readableStreamClose(s) {
  s.state = "closed";
  const reader = s.reader;
  if (reader === undefined) return;
  reader.closed.resolve(undefined);
  if (!reader.byob) {
    for (const req of reader.requests.take()) req.close();
  }
}

function readableStreamError(s, e) {
  s.state = "errored";
  s.storedError = e;
  const reader = s.reader;
  if (reader === undefined) return;
  reader.closed.reject(e);
  setHandled(reader.closed.promise);
  for (const req of reader.requests.take()) req.error(e);
}

function fulfillReadIntoRequest(s, chunk, done) {
  const req = s.reader.requests.shift();
  if (done) req.close(chunk);
  else req.chunk(chunk);
}

function fulfillReadRequest(s, chunk, done) {
  const req = s.reader.requests.shift();
  if (done) req.close();
  else req.chunk(chunk);
}

function numReadRequests(s) { return s.reader.requests.length; }
function hasBYOBReader(s) { return s.reader !== undefined && s.reader.byob; }
function hasDefaultReader(s) { return s.reader !== undefined && !s.reader.byob; }

// The controllers' [[CancelSteps]], [[PullSteps]] and [[ReleaseSteps]].
function controllerCancelSteps(c, reason) {
  if (c.byte) {
    byteControllerClearPendingPullIntos(c);
    resetQueue(c);
  } else {
    resetQueue(c);
  }
  const result = c.cancelAlgorithm === undefined ? resolvedWith(undefined) : c.cancelAlgorithm(reason);
  if (c.byte) byteControllerClearAlgorithms(c);
  else defaultControllerClearAlgorithms(c);
  return result;
}

function controllerPullSteps(c, readRequest) {
  if (c.byte) byteControllerPullSteps(c, readRequest);
  else defaultControllerPullSteps(c, readRequest);
}

function controllerReleaseSteps(c) {
  if (c.byte && c.pendingPullIntos.length > 0) {
    const first = c.pendingPullIntos[0];
    first.readerType = "none";
    c.pendingPullIntos = [first];
  }
}

// ---- Readers (spec §4.3–4.5, §4.9.3) ----

function newReaderRecord(byob) {
  return { obj: null, byob, stream: undefined, closed: undefined, requests: new Queue() };
}

function publicReader(r) {
  if (r.obj === null) {
    if (r.byob) new ReadableStreamBYOBReader(kInternal, r);
    else new ReadableStreamDefaultReader(kInternal, r);
  }
  return r.obj;
}

// Read requests for the public read() methods.
class ReadRequest {
  constructor(resolve, reject) { this.resolve = resolve; this.reject = reject; }
  chunk(value) { this.resolve({ value, done: false }); }
  close(value) { this.resolve({ value, done: true }); }
  error(e) { this.reject(e); }
}

function readerGenericCancel(r, reason) { return readableStreamCancel(r.stream, reason); }

function readerGenericInitialize(r, s) {
  r.stream = s;
  s.reader = r;
  if (s.state === "readable") r.closed = new Deferred();
  else if (s.state === "closed") r.closed = deferredResolved(undefined);
  else r.closed = deferredRejected(s.storedError);
}

function readerGenericRelease(r) {
  const s = r.stream;
  if (s.state === "readable") r.closed.reject(E.readerReleased());
  else r.closed = deferredRejected(E.readerReleased());
  setHandled(r.closed.promise);
  controllerReleaseSteps(s.controller);
  s.reader = undefined;
  r.stream = undefined;
}

function byobReaderErrorReadIntoRequests(r, e) {
  for (const req of r.requests.take()) req.error(e);
}

function byobReaderRead(r, view, min, readIntoRequest) {
  const s = r.stream;
  s.disturbed = true;
  if (s.state === "errored") readIntoRequest.error(s.storedError);
  else byteControllerPullInto(s.controller, view, min, readIntoRequest);
}

function byobReaderRelease(r) {
  readerGenericRelease(r);
  byobReaderErrorReadIntoRequests(r, E.readerReleased());
}

function defaultReaderErrorReadRequests(r, e) {
  for (const req of r.requests.take()) req.error(e);
}

function defaultReaderRead(r, readRequest) {
  const s = r.stream;
  s.disturbed = true;
  if (s.state === "closed") readRequest.close();
  else if (s.state === "errored") readRequest.error(s.storedError);
  else controllerPullSteps(s.controller, readRequest);
}

function defaultReaderRelease(r) {
  readerGenericRelease(r);
  defaultReaderErrorReadRequests(r, E.readerReleased());
}

function setUpBYOBReader(r, s) {
  if (isReadableStreamLocked(s)) throw E.rsLocked();
  if (!s.controller.byte) throw new TypeError("This ReadableStream does not support BYOB reads.");
  readerGenericInitialize(r, s);
}

function setUpDefaultReader(r, s) {
  if (isReadableStreamLocked(s)) throw E.rsLocked();
  readerGenericInitialize(r, s);
}

function streamArg(stream) {
  const s = rsOf(stream);
  if (s === undefined) throw new TypeError("The argument must be a ReadableStream.");
  return s;
}

export class ReadableStreamDefaultReader {
  #r;
  constructor(stream, rec = undefined) {
    if (stream === kInternal) {
      this.#r = rec;
      rec.obj = this;
      return;
    }
    const r = newReaderRecord(false);
    setUpDefaultReader(r, streamArg(stream));
    r.obj = this;
    this.#r = r;
  }

  get closed() {
    const r = rsDefaultReaderOf(this);
    if (r === undefined) throw E.illegal();
    return r.closed.promise;
  }

  cancel(reason = undefined) {
    const r = rsDefaultReaderOf(this);
    if (r === undefined) throw E.illegal();
    if (r.stream === undefined) return rejectedWith(E.readerReleased());
    return readerGenericCancel(r, reason);
  }

  read() {
    const r = rsDefaultReaderOf(this);
    if (r === undefined) throw E.illegal();
    if (r.stream === undefined) return rejectedWith(E.readerReleased());
    return new P((resolve, reject) => defaultReaderRead(r, new ReadRequest(resolve, reject)));
  }

  releaseLock() {
    const r = thisOf(rsDefaultReaderOf, this);
    if (r.stream === undefined) return;
    defaultReaderRelease(r);
  }

  static {
    rsDefaultReaderOf = (o) => (isObject(o) && #r in o ? o.#r : undefined);
  }
}

export class ReadableStreamBYOBReader {
  #r;
  constructor(stream, rec = undefined) {
    if (stream === kInternal) {
      this.#r = rec;
      rec.obj = this;
      return;
    }
    const r = newReaderRecord(true);
    setUpBYOBReader(r, streamArg(stream));
    r.obj = this;
    this.#r = r;
  }

  get closed() {
    const r = rsBYOBReaderOf(this);
    if (r === undefined) throw E.illegal();
    return r.closed.promise;
  }

  cancel(reason = undefined) {
    const r = rsBYOBReaderOf(this);
    if (r === undefined) throw E.illegal();
    if (r.stream === undefined) return rejectedWith(E.readerReleased());
    return readerGenericCancel(r, reason);
  }

  read(view, options = undefined) {
    const r = rsBYOBReaderOf(this);
    if (r === undefined) throw E.illegal();
    let min;
    try {
      const dict = toDict(options, "The read() options");
      min = dict === undefined || dict.min === undefined ? 1 : toMin(dict.min);
    } catch (e) {
      return rejectedWith(e);
    }
    return byobRead(r, view, min);
  }

  // workerd extension: read(view, { min: minElements }).
  readAtLeast(minElements, view) {
    const r = rsBYOBReaderOf(this);
    if (r === undefined) throw E.illegal();
    let min;
    try {
      min = enforceRangeULL(minElements, "minElements");
    } catch (e) {
      return rejectedWith(e);
    }
    return byobRead(r, view, min);
  }

  releaseLock() {
    const r = thisOf(rsBYOBReaderOf, this);
    if (r.stream === undefined) return;
    byobReaderRelease(r);
  }

  static {
    rsBYOBReaderOf = (o) => (isObject(o) && #r in o ? o.#r : undefined);
  }
}

// The read() min option as workerd converts it: an unsigned 64-bit integer, wrapping negative
// values (-1 becomes 2^64 - 1, which then exceeds any buffer). Results past 2^53 stay exact as
// BigInts; they only ever reach the "exceeds size" error.
function toMin(v) {
  const n = toUnrestrictedDouble(v);
  if (!Number.isFinite(n)) return 0;
  const i = Math.trunc(n);
  if (i >= 0 && i <= Number.MAX_SAFE_INTEGER) return i;
  return BigInt.asUintN(64, BigInt(i));
}

// The read(view, options) method steps, after argument conversion.
function byobRead(r, view, min) {
  if (!isView(view)) {
    return asyncThrow(new TypeError("Failed to execute 'read' on 'ReadableStreamBYOBReader': parameter 1 is not of type 'ArrayBufferView'."));
  }
  const info = viewInfo(view);
  if (info.byteLength === 0) {
    return rejectedWith(new TypeError('You must call read() on a "byob" reader with a positive-sized TypedArray object.'));
  }
  if (bufferByteLength(info.buffer) === 0) return rejectedWith(new TypeError("The underlying ArrayBuffer is zero-length."));
  if (isDetachedBuffer(info.buffer)) return rejectedWith(new TypeError("The underlying ArrayBuffer has been detached."));
  if (min === 0) return rejectedWith(new TypeError("Requested invalid minimum number of bytes to read (0)."));
  const length = info.name !== undefined ? ReflectApply(taLength, view, []) : info.byteLength;
  if (min > length) {
    // workerd: a TypeError (the spec says RangeError) counting bytes, not elements.
    const per = BigInt(info.byteLength / length);
    return rejectedWith(new TypeError(`Minimum bytes to read (${BigInt(min) * per}) exceeds size of buffer (${info.byteLength}).`));
  }
  if (r.stream === undefined) return rejectedWith(E.readerReleased());
  return new P((resolve, reject) => byobReaderRead(r, view, min, new ReadRequest(resolve, reject)));
}

// ---- ReadableStreamDefaultController (spec §4.6, §4.9.4) ----

function newDefaultControllerRecord() {
  return {
    obj: null, byte: false, stream: undefined, queue: new Queue(), queueTotalSize: 0, started: false,
    closeRequested: false, pullAgain: false, pulling: false, strategySizeAlgorithm: undefined,
    strategyHWM: 0, pullAlgorithm: undefined, cancelAlgorithm: undefined,
  };
}

export class ReadableStreamDefaultController {
  #c;
  constructor(token = undefined, rec = undefined) {
    if (token !== kInternal) throw E.illegalConstructor();
    this.#c = rec;
    rec.obj = this;
  }

  get desiredSize() {
    return defaultControllerGetDesiredSize(thisOf(rsDefaultControllerOf, this));
  }

  close() {
    const c = thisOf(rsDefaultControllerOf, this);
    if (!defaultControllerCanCloseOrEnqueue(c)) throw new TypeError("This ReadableStream is closed.");
    defaultControllerClose(c);
  }

  enqueue(chunk = undefined) {
    const c = thisOf(rsDefaultControllerOf, this);
    if (!defaultControllerCanCloseOrEnqueue(c)) throw new TypeError("Unable to enqueue");
    defaultControllerEnqueue(c, chunk);
  }

  error(e = undefined) {
    defaultControllerError(thisOf(rsDefaultControllerOf, this), e);
  }

  static {
    rsDefaultControllerOf = (o) => (isObject(o) && #c in o ? o.#c : undefined);
  }
}

function defaultControllerPullSteps(c, readRequest) {
  const s = c.stream;
  if (c.queue.length > 0) {
    const chunk = dequeueValue(c);
    if (c.closeRequested && c.queue.length === 0) {
      defaultControllerClearAlgorithms(c);
      readableStreamClose(s);
    } else {
      defaultControllerCallPullIfNeeded(c);
    }
    readRequest.chunk(chunk);
  } else {
    addReadRequest(s, readRequest);
    defaultControllerCallPullIfNeeded(c);
  }
}

function defaultControllerCallPullIfNeeded(c) {
  if (!defaultControllerShouldCallPull(c)) return;
  if (c.pulling) {
    c.pullAgain = true;
    return;
  }
  c.pulling = true;
  upon(c.pullAlgorithm(), () => {
    c.pulling = false;
    if (c.pullAgain) {
      c.pullAgain = false;
      defaultControllerCallPullIfNeeded(c);
    }
  }, (e) => defaultControllerError(c, e));
}

function defaultControllerShouldCallPull(c) {
  const s = c.stream;
  if (!defaultControllerCanCloseOrEnqueue(c)) return false;
  if (!c.started) return false;
  if (isReadableStreamLocked(s) && numReadRequests(s) > 0) return true;
  return defaultControllerGetDesiredSize(c) > 0;
}

function defaultControllerClearAlgorithms(c) {
  c.pullAlgorithm = undefined;
  c.cancelAlgorithm = undefined;
  c.strategySizeAlgorithm = undefined;
}

function defaultControllerClose(c) {
  if (!defaultControllerCanCloseOrEnqueue(c)) return;
  c.closeRequested = true;
  if (c.queue.length === 0) {
    defaultControllerClearAlgorithms(c);
    readableStreamClose(c.stream);
  }
}

// Deviation (workerd): the size algorithm runs for every chunk, even one that goes straight to a
// waiting read, and a size algorithm that throws (or errors the stream) errors the stream without
// enqueue() throwing.
function defaultControllerEnqueue(c, chunk) {
  if (!defaultControllerCanCloseOrEnqueue(c)) return;
  const s = c.stream;
  let chunkSize;
  try {
    chunkSize = c.strategySizeAlgorithm(chunk);
  } catch (e) {
    defaultControllerError(c, e);
    return;
  }
  if (s.state !== "readable") return;
  if (isReadableStreamLocked(s) && numReadRequests(s) > 0) {
    fulfillReadRequest(s, chunk, false);
  } else {
    try {
      enqueueValueWithSize(c, chunk, chunkSize);
    } catch (e) {
      defaultControllerError(c, e);
      return;
    }
  }
  defaultControllerCallPullIfNeeded(c);
}

function defaultControllerError(c, e) {
  const s = c.stream;
  if (s.state !== "readable") return;
  resetQueue(c);
  defaultControllerClearAlgorithms(c);
  readableStreamError(s, e);
}

function defaultControllerGetDesiredSize(c) {
  const state = c.stream.state;
  if (state === "errored") return null;
  if (state === "closed") return 0;
  return c.strategyHWM - c.queueTotalSize;
}

function defaultControllerHasBackpressure(c) { return !defaultControllerShouldCallPull(c); }

function defaultControllerCanCloseOrEnqueue(c) { return !c.closeRequested && c.stream.state === "readable"; }

function setUpDefaultController(s, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, sizeAlgorithm) {
  c.stream = s;
  resetQueue(c);
  c.started = c.closeRequested = c.pullAgain = c.pulling = false;
  c.strategySizeAlgorithm = sizeAlgorithm;
  c.strategyHWM = highWaterMark;
  c.pullAlgorithm = pullAlgorithm;
  c.cancelAlgorithm = cancelAlgorithm;
  s.controller = c;
  if (startAlgorithm === startsAtOnce) {
    c.started = true;
    defaultControllerCallPullIfNeeded(c);
    return;
  }
  const startResult = startAlgorithm();
  upon(resolvedWith(startResult), () => {
    c.started = true;
    defaultControllerCallPullIfNeeded(c);
  }, (r) => defaultControllerError(c, r));
}

function setUpDefaultControllerFromSource(s, source, dict, highWaterMark, sizeAlgorithm) {
  const c = newDefaultControllerRecord();
  const obj = new ReadableStreamDefaultController(kInternal, c);
  const { start, pull, cancel } = dict;
  const startAlgorithm = start === undefined ? startsAtOnce : () => startCall(start, source, obj);
  const pullAlgorithm = pull === undefined ? () => resolvedWith(undefined) : () => promiseCall(pull, source, [obj]);
  const cancelAlgorithm = cancel === undefined ? () => resolvedWith(undefined) : (reason) => promiseCall(cancel, source, [reason]);
  setUpDefaultController(s, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, sizeAlgorithm);
}

// ---- ReadableByteStreamController and ReadableStreamBYOBRequest (spec §4.7–4.8, §4.9.5) ----

function newByteControllerRecord() {
  return {
    obj: null, byte: true, stream: undefined, queue: new Queue(), queueTotalSize: 0, started: false,
    closeRequested: false, pullAgain: false, pulling: false, strategyHWM: 0, pullAlgorithm: undefined,
    cancelAlgorithm: undefined, autoAllocateChunkSize: undefined, pendingPullIntos: [], byobRequest: null,
  };
}

export class ReadableByteStreamController {
  #c;
  constructor(token = undefined, rec = undefined) {
    if (token !== kInternal) throw E.illegalConstructor();
    this.#c = rec;
    rec.obj = this;
  }

  get byobRequest() {
    const req = getBYOBRequest(thisOf(rsByteControllerOf, this));
    return req === null ? null : req.obj;
  }

  get desiredSize() {
    return byteControllerGetDesiredSize(thisOf(rsByteControllerOf, this));
  }

  close() {
    const c = thisOf(rsByteControllerOf, this);
    if (c.closeRequested || c.stream.state !== "readable") throw new TypeError("This ReadableStream is closed.");
    byteControllerClose(c);
  }

  enqueue(chunk) {
    const c = thisOf(rsByteControllerOf, this);
    if (!isView(chunk)) throw new TypeError("The chunk must be an ArrayBufferView.");
    const info = viewInfo(chunk);
    if (info.byteLength === 0) throw new TypeError("Cannot enqueue a zero-length ArrayBuffer.");
    if (bufferByteLength(info.buffer) === 0) throw new TypeError("The underlying ArrayBuffer is zero-length.");
    if (c.closeRequested || c.stream.state !== "readable") throw new TypeError("This ReadableByteStreamController is closed.");
    byteControllerEnqueue(c, chunk);
  }

  error(e = undefined) {
    byteControllerError(thisOf(rsByteControllerOf, this), e);
  }

  static {
    rsByteControllerOf = (o) => (isObject(o) && #c in o ? o.#c : undefined);
  }
}

export class ReadableStreamBYOBRequest {
  #r;
  constructor(token = undefined, rec = undefined) {
    if (token !== kInternal) throw E.illegalConstructor();
    this.#r = rec;
    rec.obj = this;
  }

  get view() {
    return thisOf(byobRequestOf, this).view;
  }

  respond(bytesWritten) {
    const r = thisOf(byobRequestOf, this);
    bytesWritten = enforceRangeULL(bytesWritten, "bytesWritten");
    if (r.controller === undefined) throw new TypeError("This ReadableStreamBYOBRequest has been invalidated.");
    if (isDetachedBuffer(viewInfo(r.view).buffer)) throw new TypeError("The underlying ArrayBuffer has been detached.");
    byteControllerRespond(r.controller, bytesWritten);
  }

  respondWithNewView(view) {
    const r = thisOf(byobRequestOf, this);
    if (!isView(view)) throw new TypeError("respondWithNewView() requires an ArrayBufferView.");
    if (r.controller === undefined) throw new TypeError("This ReadableStreamBYOBRequest has been invalidated.");
    if (isDetachedBuffer(viewInfo(view).buffer)) throw new TypeError("The underlying ArrayBuffer has been detached.");
    byteControllerRespondWithNewView(r.controller, view, true);
  }

  // workerd extension: how many more bytes the pending read needs before it can complete (its
  // minimum, in bytes, less what is filled already); null once the request is invalidated.
  get atLeast() {
    const r = thisOf(byobRequestOf, this);
    if (r.controller === undefined) return null;
    const first = r.controller.pendingPullIntos[0];
    return first === undefined ? null : first.minimumFill - first.bytesFilled;
  }

  static {
    byobRequestOf = (o) => (isObject(o) && #r in o ? o.#r : undefined);
  }
}

function byteControllerPullSteps(c, readRequest) {
  const s = c.stream;
  const size = c.autoAllocateChunkSize;
  if (c.queueTotalSize > 0) {
    if (size === undefined) {
      byteControllerFillReadRequestFromQueue(c, readRequest);
      return;
    }
    // Deviation (workerd): with an autoAllocateChunkSize, a default read takes up to that many
    // queued bytes into a fresh buffer of that size, across chunks (the spec hands out the first
    // queued chunk as it is).
    let buffer;
    try {
      buffer = new ArrayBuffer(size);
    } catch (e) {
      readRequest.error(e);
      return;
    }
    const desc = {
      buffer, bufferByteLength: size, byteOffset: 0, byteLength: size, bytesFilled: 0, minimumFill: 1,
      elementSize: 1, viewConstructor: U8, readerType: "default",
    };
    byteControllerFillPullIntoDescriptorFromQueue(c, desc);
    byteControllerHandleQueueDrain(c);
    readRequest.chunk(new U8(buffer, 0, desc.bytesFilled));
    return;
  }
  if (size !== undefined) {
    let buffer;
    try {
      buffer = new ArrayBuffer(size);
    } catch (e) {
      readRequest.error(e);
      return;
    }
    c.pendingPullIntos.push({
      buffer, bufferByteLength: size, byteOffset: 0, byteLength: size, bytesFilled: 0, minimumFill: 1,
      elementSize: 1, viewConstructor: U8, readerType: "default",
    });
  }
  addReadRequest(s, readRequest);
  byteControllerCallPullIfNeeded(c);
}

function byteControllerCallPullIfNeeded(c) {
  if (!byteControllerShouldCallPull(c)) return;
  if (c.pulling) {
    c.pullAgain = true;
    return;
  }
  c.pulling = true;
  upon(c.pullAlgorithm(), () => {
    c.pulling = false;
    if (c.pullAgain) {
      c.pullAgain = false;
      byteControllerCallPullIfNeeded(c);
    }
  }, (e) => byteControllerError(c, e));
}

function byteControllerClearAlgorithms(c) {
  c.pullAlgorithm = undefined;
  c.cancelAlgorithm = undefined;
}

function byteControllerClearPendingPullIntos(c) {
  byteControllerInvalidateBYOBRequest(c);
  c.pendingPullIntos = [];
}

function byteControllerClose(c) {
  const s = c.stream;
  if (c.closeRequested || s.state !== "readable") return;
  if (c.queueTotalSize > 0) {
    c.closeRequested = true;
    return;
  }
  if (c.pendingPullIntos.length > 0) {
    const first = c.pendingPullIntos[0];
    if (first.bytesFilled % first.elementSize !== 0) {
      const e = new TypeError("This ReadableStream was closed with a partial read pending.");
      byteControllerError(c, e);
      throw e;
    }
  }
  byteControllerClearAlgorithms(c);
  readableStreamClose(s);
}

function byteControllerCommitPullIntoDescriptor(s, desc) {
  const done = s.state === "closed";
  const filledView = byteControllerConvertPullIntoDescriptor(desc);
  if (desc.readerType === "default") fulfillReadRequest(s, filledView, done);
  else fulfillReadIntoRequest(s, filledView, done);
}

function byteControllerConvertPullIntoDescriptor(desc) {
  const buffer = transferArrayBuffer(desc.buffer);
  return new desc.viewConstructor(buffer, desc.byteOffset, desc.bytesFilled / desc.elementSize);
}

function byteControllerEnqueue(c, chunk) {
  const s = c.stream;
  if (c.closeRequested || s.state !== "readable") return;
  const { buffer, byteOffset, byteLength } = viewInfo(chunk);
  if (isDetachedBuffer(buffer)) throw new TypeError("The underlying ArrayBuffer has been detached.");
  const transferredBuffer = transferArrayBuffer(buffer);
  if (c.pendingPullIntos.length > 0) {
    const first = c.pendingPullIntos[0];
    if (isDetachedBuffer(first.buffer)) throw new TypeError("The byobRequest.view is zero-length or was detached");
    byteControllerInvalidateBYOBRequest(c);
    first.buffer = transferArrayBuffer(first.buffer);
    if (first.readerType === "none") byteControllerEnqueueDetachedPullIntoToQueue(c, first);
  }
  if (hasDefaultReader(s)) {
    byteControllerProcessReadRequestsUsingQueue(c);
    if (numReadRequests(s) === 0) {
      byteControllerEnqueueChunkToQueue(c, transferredBuffer, byteOffset, byteLength);
    } else {
      if (c.pendingPullIntos.length > 0) byteControllerShiftPendingPullInto(c);
      fulfillReadRequest(s, new U8(transferredBuffer, byteOffset, byteLength), false);
    }
  } else if (hasBYOBReader(s)) {
    byteControllerEnqueueChunkToQueue(c, transferredBuffer, byteOffset, byteLength);
    const filled = byteControllerProcessPullIntoDescriptorsUsingQueue(c);
    for (const desc of filled) byteControllerCommitPullIntoDescriptor(s, desc);
  } else {
    byteControllerEnqueueChunkToQueue(c, transferredBuffer, byteOffset, byteLength);
  }
  byteControllerCallPullIfNeeded(c);
}

function byteControllerEnqueueChunkToQueue(c, buffer, byteOffset, byteLength) {
  c.queue.push({ buffer, byteOffset, byteLength });
  c.queueTotalSize += byteLength;
}

function byteControllerEnqueueClonedChunkToQueue(c, buffer, byteOffset, byteLength) {
  let clone;
  try {
    clone = cloneArrayBuffer(buffer, byteOffset, byteLength);
  } catch (e) {
    byteControllerError(c, e);
    throw e;
  }
  byteControllerEnqueueChunkToQueue(c, clone, 0, byteLength);
}

function byteControllerEnqueueDetachedPullIntoToQueue(c, desc) {
  if (desc.bytesFilled > 0) byteControllerEnqueueClonedChunkToQueue(c, desc.buffer, desc.byteOffset, desc.bytesFilled);
  byteControllerShiftPendingPullInto(c);
}

function byteControllerError(c, e) {
  const s = c.stream;
  if (s.state !== "readable") return;
  byteControllerClearPendingPullIntos(c);
  resetQueue(c);
  byteControllerClearAlgorithms(c);
  readableStreamError(s, e);
}

function byteControllerFillHeadPullIntoDescriptor(c, size, desc) {
  desc.bytesFilled += size;
}

function byteControllerFillPullIntoDescriptorFromQueue(c, desc) {
  const maxBytesToCopy = Math.min(c.queueTotalSize, desc.byteLength - desc.bytesFilled);
  const maxBytesFilled = desc.bytesFilled + maxBytesToCopy;
  let totalBytesToCopyRemaining = maxBytesToCopy;
  let ready = false;
  const remainderBytes = maxBytesFilled % desc.elementSize;
  const maxAlignedBytes = maxBytesFilled - remainderBytes;
  if (maxAlignedBytes >= desc.minimumFill) {
    totalBytesToCopyRemaining = maxAlignedBytes - desc.bytesFilled;
    ready = true;
  }
  const queue = c.queue;
  while (totalBytesToCopyRemaining > 0) {
    const head = queue.peek();
    const bytesToCopy = Math.min(totalBytesToCopyRemaining, head.byteLength);
    const destStart = desc.byteOffset + desc.bytesFilled;
    copyBytes(desc.buffer, destStart, head.buffer, head.byteOffset, bytesToCopy);
    if (head.byteLength === bytesToCopy) {
      queue.shift();
    } else {
      head.byteOffset += bytesToCopy;
      head.byteLength -= bytesToCopy;
    }
    c.queueTotalSize -= bytesToCopy;
    byteControllerFillHeadPullIntoDescriptor(c, bytesToCopy, desc);
    totalBytesToCopyRemaining -= bytesToCopy;
  }
  return ready;
}

function byteControllerFillReadRequestFromQueue(c, readRequest) {
  const entry = c.queue.shift();
  c.queueTotalSize -= entry.byteLength;
  byteControllerHandleQueueDrain(c);
  readRequest.chunk(new U8(entry.buffer, entry.byteOffset, entry.byteLength));
}

// Returns the BYOB request's record (its .obj is the public object), or null.
function getBYOBRequest(c) {
  if (c.byobRequest === null && c.pendingPullIntos.length > 0) {
    const first = c.pendingPullIntos[0];
    const view = new U8(first.buffer, first.byteOffset + first.bytesFilled, first.byteLength - first.bytesFilled);
    const rec = { obj: null, controller: c, view };
    new ReadableStreamBYOBRequest(kInternal, rec);
    c.byobRequest = rec;
  }
  return c.byobRequest;
}

function byteControllerGetDesiredSize(c) {
  const state = c.stream.state;
  if (state === "errored") return null;
  if (state === "closed") return 0;
  return c.strategyHWM - c.queueTotalSize;
}

function byteControllerHandleQueueDrain(c) {
  if (c.queueTotalSize === 0 && c.closeRequested) {
    byteControllerClearAlgorithms(c);
    readableStreamClose(c.stream);
  } else {
    byteControllerCallPullIfNeeded(c);
  }
}

function byteControllerInvalidateBYOBRequest(c) {
  if (c.byobRequest === null) return;
  c.byobRequest.controller = undefined;
  c.byobRequest.view = null;
  c.byobRequest = null;
}

function byteControllerProcessPullIntoDescriptorsUsingQueue(c) {
  const filled = [];
  while (c.pendingPullIntos.length > 0) {
    if (c.queueTotalSize === 0) break;
    const desc = c.pendingPullIntos[0];
    if (byteControllerFillPullIntoDescriptorFromQueue(c, desc)) {
      byteControllerShiftPendingPullInto(c);
      filled.push(desc);
    }
  }
  return filled;
}

function byteControllerProcessReadRequestsUsingQueue(c) {
  const reader = c.stream.reader;
  while (reader.requests.length > 0) {
    if (c.queueTotalSize === 0) return;
    byteControllerFillReadRequestFromQueue(c, reader.requests.shift());
  }
}

const VIEW_CONSTRUCTORS = { __proto__: null, ...TYPED_ARRAYS };

function byteControllerPullInto(c, view, min, readIntoRequest) {
  const s = c.stream;
  const info = viewInfo(view);
  let elementSize = 1;
  let ctor = DataView;
  if (info.name !== undefined) {
    ctor = VIEW_CONSTRUCTORS[info.name];
    elementSize = ctor.BYTES_PER_ELEMENT;
  }
  const minimumFill = min * elementSize;
  let buffer;
  try {
    buffer = transferArrayBuffer(info.buffer);
  } catch (e) {
    readIntoRequest.error(e);
    return;
  }
  const desc = {
    buffer, bufferByteLength: bufferByteLength(buffer), byteOffset: info.byteOffset, byteLength: info.byteLength,
    bytesFilled: 0, minimumFill, elementSize, viewConstructor: ctor, readerType: "byob",
  };
  if (c.pendingPullIntos.length > 0) {
    c.pendingPullIntos.push(desc);
    addReadIntoRequest(s, readIntoRequest);
    return;
  }
  if (s.state === "closed") {
    readIntoRequest.close(new ctor(desc.buffer, desc.byteOffset, 0));
    return;
  }
  if (c.queueTotalSize > 0) {
    if (byteControllerFillPullIntoDescriptorFromQueue(c, desc)) {
      const filledView = byteControllerConvertPullIntoDescriptor(desc);
      byteControllerHandleQueueDrain(c);
      readIntoRequest.chunk(filledView);
      return;
    }
    if (c.closeRequested) {
      const e = new TypeError("This ReadableStream was closed with a partial read pending.");
      byteControllerError(c, e);
      readIntoRequest.error(e);
      return;
    }
  }
  c.pendingPullIntos.push(desc);
  addReadIntoRequest(s, readIntoRequest);
  byteControllerCallPullIfNeeded(c);
}

function byteControllerRespond(c, bytesWritten) {
  const first = c.pendingPullIntos[0];
  if (c.stream.state === "closed") {
    if (bytesWritten !== 0) throw new TypeError("The bytesWritten must be zero after the stream is closed.");
  } else {
    if (bytesWritten === 0) throw new TypeError("The bytesWritten must be more than zero while the stream is open.");
    if (first.bytesFilled + bytesWritten > first.byteLength) {
      throw new RangeError(`Too many bytes [${bytesWritten}] in response to a BYOB read request.`);
    }
  }
  first.buffer = transferArrayBuffer(first.buffer);
  byteControllerRespondInternal(c, bytesWritten);
}

function byteControllerRespondInClosedState(c, first) {
  if (first.readerType === "none") byteControllerShiftPendingPullInto(c);
  const s = c.stream;
  if (hasBYOBReader(s)) {
    const filled = [];
    while (filled.length < s.reader.requests.length) filled.push(byteControllerShiftPendingPullInto(c));
    for (const desc of filled) byteControllerCommitPullIntoDescriptor(s, desc);
  }
}

function byteControllerRespondInReadableState(c, bytesWritten, desc) {
  byteControllerFillHeadPullIntoDescriptor(c, bytesWritten, desc);
  if (desc.readerType === "none") {
    byteControllerEnqueueDetachedPullIntoToQueue(c, desc);
    const filled = byteControllerProcessPullIntoDescriptorsUsingQueue(c);
    for (const f of filled) byteControllerCommitPullIntoDescriptor(c.stream, f);
    return;
  }
  if (desc.bytesFilled < desc.minimumFill) return;
  byteControllerShiftPendingPullInto(c);
  const remainderSize = desc.bytesFilled % desc.elementSize;
  if (remainderSize > 0) {
    const end = desc.byteOffset + desc.bytesFilled;
    byteControllerEnqueueClonedChunkToQueue(c, desc.buffer, end - remainderSize, remainderSize);
  }
  desc.bytesFilled -= remainderSize;
  const filled = byteControllerProcessPullIntoDescriptorsUsingQueue(c);
  byteControllerCommitPullIntoDescriptor(c.stream, desc);
  for (const f of filled) byteControllerCommitPullIntoDescriptor(c.stream, f);
}

function byteControllerRespondInternal(c, bytesWritten) {
  const first = c.pendingPullIntos[0];
  byteControllerInvalidateBYOBRequest(c);
  if (c.stream.state === "closed") byteControllerRespondInClosedState(c, first);
  else byteControllerRespondInReadableState(c, bytesWritten, first);
  byteControllerCallPullIfNeeded(c);
}

function byteControllerRespondWithNewView(c, view, retype = false) {
  const first = c.pendingPullIntos[0];
  const { buffer, byteOffset, byteLength } = viewInfo(view);
  if (c.stream.state === "closed") {
    if (byteLength !== 0) throw new TypeError("The view byte length must be zero after the stream is closed.");
  } else if (byteLength === 0) {
    throw new TypeError("The view byte length must be more than zero while the stream is open.");
  }
  if (first.byteOffset + first.bytesFilled !== byteOffset) throw new RangeError("The given view has an invalid byte offset.");
  if (first.bufferByteLength !== bufferByteLength(buffer)) throw new RangeError("The underlying ArrayBuffer is not the correct length.");
  if (first.bytesFilled + byteLength > first.byteLength) throw new RangeError("The view is not the correct length.");
  first.buffer = transferArrayBuffer(buffer);
  // Deviation (workerd): when the source calls respondWithNewView(), the read resolves with a view
  // of the responded view's type, so its element size decides how many bytes make whole elements.
  if (retype && first.readerType === "byob" && first.bytesFilled === 0) {
    const name = viewInfo(view).name;
    first.viewConstructor = name === undefined ? DataView : VIEW_CONSTRUCTORS[name];
    first.elementSize = name === undefined ? 1 : first.viewConstructor.BYTES_PER_ELEMENT;
  }
  byteControllerRespondInternal(c, byteLength);
}

function byteControllerShiftPendingPullInto(c) {
  return c.pendingPullIntos.shift();
}

function byteControllerShouldCallPull(c) {
  const s = c.stream;
  if (s.state !== "readable") return false;
  if (c.closeRequested) return false;
  if (!c.started) return false;
  if (hasDefaultReader(s) && numReadRequests(s) > 0) return true;
  if (hasBYOBReader(s) && s.reader.requests.length > 0) return true;
  return byteControllerGetDesiredSize(c) > 0;
}

function setUpByteController(s, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, autoAllocateChunkSize) {
  c.stream = s;
  c.pullAgain = c.pulling = false;
  c.byobRequest = null;
  resetQueue(c);
  c.closeRequested = c.started = false;
  c.strategyHWM = highWaterMark;
  c.pullAlgorithm = pullAlgorithm;
  c.cancelAlgorithm = cancelAlgorithm;
  c.autoAllocateChunkSize = autoAllocateChunkSize;
  c.pendingPullIntos = [];
  s.controller = c;
  if (startAlgorithm === startsAtOnce) {
    c.started = true;
    byteControllerCallPullIfNeeded(c);
    return;
  }
  const startResult = startAlgorithm();
  upon(resolvedWith(startResult), () => {
    c.started = true;
    byteControllerCallPullIfNeeded(c);
  }, (r) => byteControllerError(c, r));
}

function setUpByteControllerFromSource(s, source, dict, highWaterMark) {
  const c = newByteControllerRecord();
  const obj = new ReadableByteStreamController(kInternal, c);
  const { start, pull, cancel } = dict;
  const startAlgorithm = start === undefined ? startsAtOnce : () => startCall(start, source, obj);
  const pullAlgorithm = pull === undefined ? () => resolvedWith(undefined) : () => promiseCall(pull, source, [obj]);
  const cancelAlgorithm = cancel === undefined ? () => resolvedWith(undefined) : (reason) => promiseCall(cancel, source, [reason]);
  let autoAllocateChunkSize = dict.autoAllocateChunkSize;
  if (autoAllocateChunkSize === 0) throw new TypeError("The autoAllocateChunkSize option cannot be zero.");
  // Deviation (workerd): unless streams_no_default_auto_allocate_chunk_size is set, a byte source
  // gets 4096-byte byobRequests for default reads too.
  if (autoAllocateChunkSize === undefined && !compat("streams_no_default_auto_allocate_chunk_size")) autoAllocateChunkSize = 4096;
  setUpByteController(s, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, autoAllocateChunkSize);
}

// ==== Writable streams (spec §5) ============================================================

let wsOf, writerOf, wsControllerOf;

const closeSentinel = Symbol("close sentinel");

function newWritableStreamRecord() {
  return {
    obj: null, state: "writable", storedError: undefined, writer: undefined, controller: undefined,
    inFlightWriteRequest: undefined, closeRequest: undefined, inFlightCloseRequest: undefined,
    pendingAbortRequest: undefined, sinkAbortResult: undefined, writeRequests: new Queue(), backpressure: false,
  };
}

function publicWritable(s) {
  if (s.obj === null) new WritableStream(kInternal, s);
  return s.obj;
}

export class WritableStream {
  #s;
  constructor(underlyingSink = undefined, strategy = undefined) {
    if (underlyingSink === kInternal) {
      this.#s = strategy;
      strategy.obj = this;
      return;
    }
    if (underlyingSink === null) throw new TypeError("The underlying sink must be an object.");
    checkObjectArg(underlyingSink, "The underlying sink");
    const strat = convertStrategy(strategy, "The queuing strategy");
    const sink = convertUnderlyingSink(underlyingSink);
    if (sink.type !== undefined) throw new RangeError("Invalid underlying sink type. Only undefined is valid.");
    const s = newWritableStreamRecord();
    s.obj = this;
    this.#s = s;
    const size = extractSizeAlgorithm(strat);
    const hwm = extractHighWaterMark(strat, 1);
    setUpWritableControllerFromSink(s, underlyingSink, sink, hwm, size);
  }

  get locked() {
    return isWritableStreamLocked(thisOf(wsOf, this));
  }

  abort(reason = undefined) {
    const s = wsOf(this);
    if (s === undefined) throw E.illegal();
    if (isWritableStreamLocked(s)) return rejectedWith(E.wsLocked());
    return writableStreamAbort(s, reason);
  }

  close() {
    const s = wsOf(this);
    if (s === undefined) throw E.illegal();
    if (isWritableStreamLocked(s)) return rejectedWith(E.wsLocked());
    if (closeQueuedOrInFlight(s)) return asyncThrow(E.wsClosing());
    return writableStreamClose(s);
  }

  getWriter() {
    return publicWriter(acquireWriter(thisOf(wsOf, this)));
  }

  static {
    wsOf = (o) => (isObject(o) && #s in o ? o.#s : undefined);
  }
}

// UnderlyingSink, in WebIDL order: abort, close, start, type, write.
function convertUnderlyingSink(sink) {
  const what = "The underlying sink";
  if (sink === undefined) return { abort: undefined, close: undefined, start: undefined, type: undefined, write: undefined };
  const abort = getCallback(sink, "abort", what);
  const close = getCallback(sink, "close", what);
  const start = getCallback(sink, "start", what);
  const type = sink.type;
  const write = getCallback(sink, "write", what);
  return { abort, close, start, type, write };
}

// ---- Writable stream abstract operations (spec §5.5.1–5.5.2) ----

function acquireWriter(s) {
  const w = { obj: null, stream: undefined, ready: undefined, closed: undefined };
  setUpWriter(w, s);
  return w;
}

function createWritableStream(startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark, sizeAlgorithm) {
  const s = newWritableStreamRecord();
  const c = newWritableControllerRecord();
  setUpWritableController(s, c, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark, sizeAlgorithm);
  return s;
}

function isWritableStreamLocked(s) { return s.writer !== undefined; }

function setUpWriter(w, s) {
  if (isWritableStreamLocked(s)) throw E.wsLocked();
  w.stream = s;
  s.writer = w;
  const state = s.state;
  if (state === "writable") {
    w.ready = !closeQueuedOrInFlight(s) && s.backpressure ? new Deferred() : deferredResolved(undefined);
    w.closed = new Deferred();
  } else if (state === "erroring") {
    w.ready = deferredRejected(s.storedError);
    w.closed = new Deferred();
  } else if (state === "closed") {
    w.ready = deferredResolved(undefined);
    w.closed = deferredResolved(undefined);
  } else {
    w.ready = deferredRejected(s.storedError);
    w.closed = deferredRejected(s.storedError);
  }
}

// Deviation (workerd): abort() on a stream that an earlier abort() errored settles as the
// underlying sink's abort() did (so a sink abort failure is reported again), not with undefined.
function writableStreamAbort(s, reason) {
  if (s.state === "errored" && s.sinkAbortResult !== undefined) return react(s.sinkAbortResult, () => undefined);
  if (s.state === "closed" || s.state === "errored") return resolvedWith(undefined);
  controllerSignalAbort(s.controller, reason);
  const state = s.state;
  if (state === "closed" || state === "errored") return resolvedWith(undefined);
  if (s.pendingAbortRequest !== undefined) return s.pendingAbortRequest.promise.promise;
  let wasAlreadyErroring = false;
  if (state === "erroring") {
    wasAlreadyErroring = true;
    reason = undefined;
  }
  const promise = new Deferred();
  s.pendingAbortRequest = { promise, reason, wasAlreadyErroring };
  if (!wasAlreadyErroring) writableStreamStartErroring(s, reason);
  return promise.promise;
}

function writableStreamClose(s) {
  const state = s.state;
  if (state === "closed") return rejectedWith(E.wsClosed());
  if (state === "errored") return rejectedWith(new TypeError("This WritableStream has been errored."));
  const promise = new Deferred();
  s.closeRequest = promise;
  const writer = s.writer;
  if (writer !== undefined && s.backpressure && state === "writable") writer.ready.resolve(undefined);
  writableControllerClose(s.controller);
  return promise.promise;
}

function writableStreamAddWriteRequest(s) {
  const d = new Deferred();
  s.writeRequests.push(d);
  return d.promise;
}

function closeQueuedOrInFlight(s) {
  return s.closeRequest !== undefined || s.inFlightCloseRequest !== undefined;
}

function writableStreamDealWithRejection(s, error) {
  if (s.state === "writable") {
    writableStreamStartErroring(s, error);
    return;
  }
  writableStreamFinishErroring(s);
}

function writableStreamFinishErroring(s) {
  s.state = "errored";
  resetQueue(s.controller); // [[ErrorSteps]]
  const storedError = s.storedError;
  for (const req of s.writeRequests.take()) req.reject(storedError);
  if (s.pendingAbortRequest === undefined) {
    writableStreamRejectCloseAndClosedPromiseIfNeeded(s);
    return;
  }
  const abortRequest = s.pendingAbortRequest;
  s.pendingAbortRequest = undefined;
  if (abortRequest.wasAlreadyErroring) {
    abortRequest.promise.reject(storedError);
    writableStreamRejectCloseAndClosedPromiseIfNeeded(s);
    return;
  }
  const promise = writableControllerAbortSteps(s.controller, abortRequest.reason);
  s.sinkAbortResult = promise;
  upon(promise, () => {
    abortRequest.promise.resolve(undefined);
    writableStreamRejectCloseAndClosedPromiseIfNeeded(s);
  }, (reason) => {
    abortRequest.promise.reject(reason);
    writableStreamRejectCloseAndClosedPromiseIfNeeded(s);
  });
}

function writableStreamFinishInFlightClose(s) {
  s.inFlightCloseRequest.resolve(undefined);
  s.inFlightCloseRequest = undefined;
  if (s.state === "erroring") {
    s.storedError = undefined;
    if (s.pendingAbortRequest !== undefined) {
      s.pendingAbortRequest.promise.resolve(undefined);
      s.pendingAbortRequest = undefined;
    }
  }
  s.state = "closed";
  const writer = s.writer;
  if (writer !== undefined) writer.closed.resolve(undefined);
}

function writableStreamFinishInFlightCloseWithError(s, error) {
  s.inFlightCloseRequest.reject(error);
  s.inFlightCloseRequest = undefined;
  if (s.pendingAbortRequest !== undefined) {
    s.pendingAbortRequest.promise.reject(error);
    s.pendingAbortRequest = undefined;
  }
  writableStreamDealWithRejection(s, error);
}

function writableStreamFinishInFlightWrite(s) {
  s.inFlightWriteRequest.resolve(undefined);
  s.inFlightWriteRequest = undefined;
}

function writableStreamFinishInFlightWriteWithError(s, error) {
  s.inFlightWriteRequest.reject(error);
  s.inFlightWriteRequest = undefined;
  writableStreamDealWithRejection(s, error);
}

function hasOperationMarkedInFlight(s) {
  return s.inFlightWriteRequest !== undefined || s.inFlightCloseRequest !== undefined;
}

function markCloseRequestInFlight(s) {
  s.inFlightCloseRequest = s.closeRequest;
  s.closeRequest = undefined;
}

function markFirstWriteRequestInFlight(s) {
  s.inFlightWriteRequest = s.writeRequests.shift();
}

function writableStreamRejectCloseAndClosedPromiseIfNeeded(s) {
  if (s.closeRequest !== undefined) {
    s.closeRequest.reject(s.storedError);
    s.closeRequest = undefined;
  }
  const writer = s.writer;
  if (writer !== undefined) {
    writer.closed.reject(s.storedError);
    setHandled(writer.closed.promise);
  }
}

function writableStreamStartErroring(s, reason) {
  const c = s.controller;
  s.state = "erroring";
  s.storedError = reason;
  const writer = s.writer;
  if (writer !== undefined) writerEnsureReadyPromiseRejected(writer, reason);
  if (!hasOperationMarkedInFlight(s) && c.started) writableStreamFinishErroring(s);
}

function writableStreamUpdateBackpressure(s, backpressure) {
  const writer = s.writer;
  if (writer !== undefined && backpressure !== s.backpressure) {
    if (backpressure) writer.ready = new Deferred();
    else writer.ready.resolve(undefined);
  }
  s.backpressure = backpressure;
}

// ---- WritableStreamDefaultWriter (spec §5.3, §5.5.3) ----

function publicWriter(w) {
  if (w.obj === null) new WritableStreamDefaultWriter(kInternal, w);
  return w.obj;
}

export class WritableStreamDefaultWriter {
  #w;
  constructor(stream, rec = undefined) {
    if (stream === kInternal) {
      this.#w = rec;
      rec.obj = this;
      return;
    }
    const s = wsOf(stream);
    if (s === undefined) throw new TypeError("The argument must be a WritableStream.");
    const w = { obj: this, stream: undefined, ready: undefined, closed: undefined };
    setUpWriter(w, s);
    this.#w = w;
  }

  get closed() {
    const w = writerOf(this);
    if (w === undefined) throw E.illegal();
    return w.closed.promise;
  }

  get desiredSize() {
    const w = thisOf(writerOf, this);
    if (w.stream === undefined) throw E.writerReleased();
    return writerGetDesiredSize(w);
  }

  get ready() {
    const w = writerOf(this);
    if (w === undefined) throw E.illegal();
    return w.ready.promise;
  }

  abort(reason = undefined) {
    const w = writerOf(this);
    if (w === undefined) throw E.illegal();
    if (w.stream === undefined) return rejectedWith(E.writerReleased());
    return writableStreamAbort(w.stream, reason);
  }

  close() {
    const w = writerOf(this);
    if (w === undefined) throw E.illegal();
    const s = w.stream;
    if (s === undefined) return rejectedWith(E.writerReleased());
    if (closeQueuedOrInFlight(s)) return asyncThrow(E.wsClosing());
    return writableStreamClose(s);
  }

  releaseLock() {
    const w = thisOf(writerOf, this);
    if (w.stream === undefined) return;
    writerRelease(w);
  }

  write(chunk = undefined) {
    const w = writerOf(this);
    if (w === undefined) throw E.illegal();
    if (w.stream === undefined) return rejectedWith(E.writerReleased());
    return writerWrite(w, chunk);
  }

  static {
    writerOf = (o) => (isObject(o) && #w in o ? o.#w : undefined);
  }
}

function writerCloseWithErrorPropagation(w) {
  const s = w.stream;
  const state = s.state;
  if (closeQueuedOrInFlight(s) || state === "closed") return resolvedWith(undefined);
  if (state === "errored") return rejectedWith(s.storedError);
  return writableStreamClose(s);
}

function writerEnsureClosedPromiseRejected(w, error) {
  if (w.closed.state === "pending") w.closed.reject(error);
  else w.closed = deferredRejected(error);
  setHandled(w.closed.promise);
}

function writerEnsureReadyPromiseRejected(w, error) {
  if (w.ready.state === "pending") w.ready.reject(error);
  else w.ready = deferredRejected(error);
  setHandled(w.ready.promise);
}

function writerGetDesiredSize(w) {
  const s = w.stream;
  const state = s.state;
  if (state === "errored" || state === "erroring") return null;
  if (state === "closed") return 0;
  return writableControllerGetDesiredSize(s.controller);
}

function writerRelease(w) {
  const s = w.stream;
  const releasedError = E.writerReleased();
  writerEnsureReadyPromiseRejected(w, releasedError);
  writerEnsureClosedPromiseRejected(w, releasedError);
  s.writer = undefined;
  w.stream = undefined;
}

function writerWrite(w, chunk) {
  const s = w.stream;
  const c = s.controller;
  const chunkSize = writableControllerGetChunkSize(c, chunk);
  if (s !== w.stream) return rejectedWith(E.writerReleased());
  const state = s.state;
  if (state === "errored") return rejectedWith(s.storedError);
  if (closeQueuedOrInFlight(s) || state === "closed") return rejectedWith(E.wsClosed());
  if (state === "erroring") return rejectedWith(s.storedError);
  const promise = writableStreamAddWriteRequest(s);
  writableControllerWrite(c, chunk, chunkSize);
  return promise;
}

// ---- WritableStreamDefaultController (spec §5.4, §5.5.4) ----

function newWritableControllerRecord() {
  return {
    obj: null, stream: undefined, queue: new Queue(), queueTotalSize: 0, started: false,
    strategySizeAlgorithm: undefined, strategyHWM: 1, writeAlgorithm: undefined, closeAlgorithm: undefined,
    abortAlgorithm: undefined,
    // [[abortController]], made lazily: the signal is created on first access (or abort).
    abortController: undefined, signal: undefined, aborted: false, abortReason: undefined,
    abortHook: undefined, // internal: IdentityTransformStream's reaction to abort()
  };
}

export class WritableStreamDefaultController {
  #c;
  constructor(token = undefined, rec = undefined) {
    if (token !== kInternal) throw E.illegalConstructor();
    this.#c = rec;
    rec.obj = this;
  }

  get signal() {
    return controllerSignal(thisOf(wsControllerOf, this));
  }

  error(e = undefined) {
    const c = thisOf(wsControllerOf, this);
    if (c.stream.state !== "writable") return;
    writableControllerError(c, e);
  }

  static {
    wsControllerOf = (o) => (isObject(o) && #c in o ? o.#c : undefined);
  }
}

function controllerSignal(c) {
  if (c.signal === undefined) {
    const AC = globalThis.AbortController;
    if (typeof AC === "function") {
      c.abortController = new AC();
      c.signal = c.abortController.signal;
      if (c.aborted) c.abortController.abort(c.abortReason);
    } else {
      c.signal = new StreamAbortSignal();
      if (c.aborted) abortStreamSignal(c.signal, c.abortReason);
    }
  }
  return c.signal;
}

// "Signal abort on controller.[[abortController]] with reason".
function controllerSignalAbort(c, reason) {
  if (c.aborted) return;
  c.aborted = true;
  c.abortReason = reason;
  if (c.abortHook !== undefined) c.abortHook(reason);
  if (c.abortController !== undefined) c.abortController.abort(reason);
  else if (c.signal !== undefined) abortStreamSignal(c.signal, reason);
}

// [[AbortSteps]]
function writableControllerAbortSteps(c, reason) {
  const result = c.abortAlgorithm === undefined ? resolvedWith(undefined) : c.abortAlgorithm(reason);
  writableControllerClearAlgorithms(c);
  return result;
}

function setUpWritableController(s, c, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark, sizeAlgorithm) {
  c.stream = s;
  s.controller = c;
  resetQueue(c);
  c.started = false;
  c.strategySizeAlgorithm = sizeAlgorithm;
  c.strategyHWM = highWaterMark;
  c.writeAlgorithm = writeAlgorithm;
  c.closeAlgorithm = closeAlgorithm;
  c.abortAlgorithm = abortAlgorithm;
  writableStreamUpdateBackpressure(s, writableControllerGetBackpressure(c));
  if (startAlgorithm === startsAtOnce) {
    c.started = true;
    writableControllerAdvanceQueueIfNeeded(c);
    return;
  }
  const startResult = startAlgorithm();
  upon(resolvedWith(startResult), () => {
    c.started = true;
    writableControllerAdvanceQueueIfNeeded(c);
  }, (r) => {
    c.started = true;
    writableStreamDealWithRejection(s, r);
  });
}

function setUpWritableControllerFromSink(s, sink, dict, highWaterMark, sizeAlgorithm) {
  const c = newWritableControllerRecord();
  const obj = new WritableStreamDefaultController(kInternal, c);
  const { start, write, close, abort } = dict;
  const startAlgorithm = start === undefined ? startsAtOnce : () => startCall(start, sink, obj);
  const writeAlgorithm = write === undefined ? () => resolvedWith(undefined) : (chunk) => promiseCall(write, sink, [chunk, obj]);
  const closeAlgorithm = close === undefined ? () => resolvedWith(undefined) : () => promiseCall(close, sink, []);
  const abortAlgorithm = abort === undefined ? () => resolvedWith(undefined) : (reason) => promiseCall(abort, sink, [reason]);
  setUpWritableController(s, c, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark, sizeAlgorithm);
}

function writableControllerAdvanceQueueIfNeeded(c) {
  const s = c.stream;
  if (!c.started) return;
  if (s.inFlightWriteRequest !== undefined) return;
  if (s.state === "erroring") {
    writableStreamFinishErroring(s);
    return;
  }
  if (c.queue.length === 0) return;
  const value = peekQueueValue(c);
  if (value === closeSentinel) writableControllerProcessClose(c);
  else writableControllerProcessWrite(c, value);
}

function writableControllerClearAlgorithms(c) {
  c.writeAlgorithm = undefined;
  c.closeAlgorithm = undefined;
  c.abortAlgorithm = undefined;
  c.strategySizeAlgorithm = undefined;
}

function writableControllerClose(c) {
  enqueueValueWithSize(c, closeSentinel, 0);
  writableControllerAdvanceQueueIfNeeded(c);
}

function writableControllerError(c, error) {
  writableControllerClearAlgorithms(c);
  writableStreamStartErroring(c.stream, error);
}

function writableControllerErrorIfNeeded(c, error) {
  if (c.stream.state === "writable") writableControllerError(c, error);
}

function writableControllerGetBackpressure(c) { return writableControllerGetDesiredSize(c) <= 0; }

function writableControllerGetChunkSize(c, chunk) {
  if (c.strategySizeAlgorithm === undefined) return 1;
  try {
    return c.strategySizeAlgorithm(chunk);
  } catch (e) {
    writableControllerErrorIfNeeded(c, e);
    return 1;
  }
}

function writableControllerGetDesiredSize(c) { return c.strategyHWM - c.queueTotalSize; }

function writableControllerProcessClose(c) {
  const s = c.stream;
  markCloseRequestInFlight(s);
  dequeueValue(c);
  const sinkClosePromise = c.closeAlgorithm === undefined ? resolvedWith(undefined) : c.closeAlgorithm();
  writableControllerClearAlgorithms(c);
  upon(sinkClosePromise, () => writableStreamFinishInFlightClose(s), (reason) => writableStreamFinishInFlightCloseWithError(s, reason));
}

function writableControllerProcessWrite(c, chunk) {
  const s = c.stream;
  markFirstWriteRequestInFlight(s);
  const sinkWritePromise = c.writeAlgorithm === undefined ? resolvedWith(undefined) : c.writeAlgorithm(chunk);
  upon(sinkWritePromise, () => {
    writableStreamFinishInFlightWrite(s);
    const state = s.state;
    dequeueValue(c);
    if (!closeQueuedOrInFlight(s) && state === "writable") {
      writableStreamUpdateBackpressure(s, writableControllerGetBackpressure(c));
    }
    writableControllerAdvanceQueueIfNeeded(c);
  }, (reason) => {
    if (s.state === "writable") writableControllerClearAlgorithms(c);
    writableStreamFinishInFlightWriteWithError(s, reason);
  });
}

function writableControllerWrite(c, chunk, chunkSize) {
  try {
    enqueueValueWithSize(c, chunk, chunkSize);
  } catch (e) {
    writableControllerErrorIfNeeded(c, e);
    return;
  }
  const s = c.stream;
  if (!closeQueuedOrInFlight(s) && s.state === "writable") {
    writableStreamUpdateBackpressure(s, writableControllerGetBackpressure(c));
  }
  writableControllerAdvanceQueueIfNeeded(c);
}

// ==== Transform streams (spec §6) ===========================================================

let tsOf, tsControllerOf;

export class TransformStream {
  #s;
  constructor(transformer = undefined, writableStrategy = undefined, readableStrategy = undefined) {
    if (transformer === kInternal) {
      this.#s = writableStrategy;
      writableStrategy.obj = this;
      return;
    }
    if (transformer === null) throw new TypeError("The transformer must be an object.");
    checkObjectArg(transformer, "The transformer");
    const wStrat = convertStrategy(writableStrategy, "The writable strategy");
    const rStrat = convertStrategy(readableStrategy, "The readable strategy");
    const dict = convertTransformer(transformer);
    if (dict.readableType !== undefined) throw new RangeError("transformer.readableType must be undefined.");
    if (dict.writableType !== undefined) throw new RangeError("transformer.writableType must be undefined.");
    const readableHighWaterMark = extractHighWaterMark(rStrat, 0);
    const readableSizeAlgorithm = extractSizeAlgorithm(rStrat);
    const writableHighWaterMark = extractHighWaterMark(wStrat, 1);
    const writableSizeAlgorithm = extractSizeAlgorithm(wStrat);
    const startPromise = new Deferred();
    const ts = newTransformStreamRecord();
    ts.obj = this;
    this.#s = ts;
    initializeTransformStream(ts, startPromise.promise, writableHighWaterMark, writableSizeAlgorithm, readableHighWaterMark, readableSizeAlgorithm);
    ts.readable.expectedLength = dict.expectedLength;
    setUpTransformControllerFromTransformer(ts, transformer, dict);
    if (dict.start !== undefined) startPromise.resolve(startCall(dict.start, transformer, ts.controller.obj));
    else startPromise.resolve(undefined);
  }

  get readable() {
    return publicStream(thisOf(tsOf, this).readable);
  }

  get writable() {
    return publicWritable(thisOf(tsOf, this).writable);
  }

  static {
    tsOf = (o) => (isObject(o) && #s in o ? o.#s : undefined);
  }
}

// Transformer, in WebIDL order: cancel, expectedLength (workerd: the readable side's length),
// flush, readableType, start, transform, writableType.
function convertTransformer(transformer) {
  const what = "The transformer";
  if (transformer === undefined) {
    return {
      cancel: undefined, expectedLength: undefined, flush: undefined, readableType: undefined, start: undefined,
      transform: undefined, writableType: undefined,
    };
  }
  const cancel = getCallback(transformer, "cancel", what);
  const el = transformer.expectedLength;
  const expectedLength = el === undefined ? undefined : enforceRangeULL(el, "expectedLength");
  const flush = getCallback(transformer, "flush", what);
  const readableType = transformer.readableType;
  const start = getCallback(transformer, "start", what);
  const transform = getCallback(transformer, "transform", what);
  const writableType = transformer.writableType;
  return { cancel, expectedLength, flush, readableType, start, transform, writableType };
}

function newTransformStreamRecord() {
  return { obj: null, readable: undefined, writable: undefined, backpressure: undefined, backpressureChangePromise: undefined, controller: undefined };
}

// ---- TransformStreamDefaultController (spec §6.3) ----

export class TransformStreamDefaultController {
  #c;
  constructor(token = undefined, rec = undefined) {
    if (token !== kInternal) throw E.illegalConstructor();
    this.#c = rec;
    rec.obj = this;
  }

  get desiredSize() {
    const c = thisOf(tsControllerOf, this);
    return defaultControllerGetDesiredSize(c.stream.readable.controller);
  }

  enqueue(chunk = undefined) {
    transformControllerEnqueue(thisOf(tsControllerOf, this), chunk);
  }

  error(reason = undefined) {
    transformStreamError(thisOf(tsControllerOf, this).stream, reason);
  }

  terminate() {
    transformControllerTerminate(thisOf(tsControllerOf, this));
  }

  static {
    tsControllerOf = (o) => (isObject(o) && #c in o ? o.#c : undefined);
  }
}

// ---- Transform stream abstract operations (spec §6.4) ----

function initializeTransformStream(ts, startPromise, writableHighWaterMark, writableSizeAlgorithm, readableHighWaterMark, readableSizeAlgorithm) {
  const startAlgorithm = () => startPromise;
  ts.writable = createWritableStream(startAlgorithm,
    (chunk) => transformSinkWriteAlgorithm(ts, chunk),
    () => transformSinkCloseAlgorithm(ts),
    (reason) => transformSinkAbortAlgorithm(ts, reason),
    writableHighWaterMark, writableSizeAlgorithm);
  ts.readable = createReadableStream(startAlgorithm,
    () => transformSourcePullAlgorithm(ts),
    (reason) => transformSourceCancelAlgorithm(ts, reason),
    readableHighWaterMark, readableSizeAlgorithm);
  ts.backpressure = undefined;
  ts.backpressureChangePromise = undefined;
  transformStreamSetBackpressure(ts, true);
  ts.controller = undefined;
}

function transformStreamError(ts, e) {
  defaultControllerError(ts.readable.controller, e);
  transformStreamErrorWritableAndUnblockWrite(ts, e);
}

function transformStreamErrorWritableAndUnblockWrite(ts, e) {
  transformControllerClearAlgorithms(ts.controller);
  writableControllerErrorIfNeeded(ts.writable.controller, e);
  transformStreamUnblockWrite(ts);
}

function transformStreamSetBackpressure(ts, backpressure) {
  if (ts.backpressureChangePromise !== undefined) ts.backpressureChangePromise.resolve(undefined);
  ts.backpressureChangePromise = new Deferred();
  ts.backpressure = backpressure;
}

function transformStreamUnblockWrite(ts) {
  if (ts.backpressure) transformStreamSetBackpressure(ts, false);
}

function setUpTransformController(ts, c, transformAlgorithm, flushAlgorithm, cancelAlgorithm) {
  c.stream = ts;
  ts.controller = c;
  c.transformAlgorithm = transformAlgorithm;
  c.flushAlgorithm = flushAlgorithm;
  c.cancelAlgorithm = cancelAlgorithm;
}

function setUpTransformControllerFromTransformer(ts, transformer, dict) {
  const c = { obj: null, stream: undefined, transformAlgorithm: undefined, flushAlgorithm: undefined, cancelAlgorithm: undefined, finishPromise: undefined };
  const obj = new TransformStreamDefaultController(kInternal, c);
  let transformAlgorithm = (chunk) => {
    try {
      transformControllerEnqueue(c, chunk);
    } catch (e) {
      return rejectedWith(e);
    }
    return resolvedWith(undefined);
  };
  let flushAlgorithm = () => resolvedWith(undefined);
  let cancelAlgorithm = () => resolvedWith(undefined);
  const { transform, flush, cancel } = dict;
  if (transform !== undefined) transformAlgorithm = (chunk) => promiseCall(transform, transformer, [chunk, obj]);
  if (flush !== undefined) flushAlgorithm = () => promiseCall(flush, transformer, [obj]);
  if (cancel !== undefined) cancelAlgorithm = (reason) => promiseCall(cancel, transformer, [reason]);
  setUpTransformController(ts, c, transformAlgorithm, flushAlgorithm, cancelAlgorithm);
}

function transformControllerClearAlgorithms(c) {
  if (c === undefined) return;
  c.transformAlgorithm = undefined;
  c.flushAlgorithm = undefined;
  c.cancelAlgorithm = undefined;
}

function transformControllerEnqueue(c, chunk) {
  const ts = c.stream;
  const rc = ts.readable.controller;
  if (!defaultControllerCanCloseOrEnqueue(rc)) {
    throw new TypeError("The readable side of this TransformStream is no longer readable.");
  }
  try {
    defaultControllerEnqueue(rc, chunk);
  } catch (e) {
    transformStreamErrorWritableAndUnblockWrite(ts, e);
    throw ts.readable.storedError;
  }
  const backpressure = defaultControllerHasBackpressure(rc);
  if (backpressure !== ts.backpressure) transformStreamSetBackpressure(ts, true);
}

function transformControllerPerformTransform(c, chunk) {
  const p = c.transformAlgorithm === undefined ? resolvedWith(undefined) : c.transformAlgorithm(chunk);
  return react(p, undefined, (r) => {
    transformStreamError(c.stream, r);
    throw r;
  });
}

function transformControllerTerminate(c) {
  const ts = c.stream;
  defaultControllerClose(ts.readable.controller);
  transformStreamErrorWritableAndUnblockWrite(ts, new TypeError("The transform stream has been terminated"));
}

// ---- Default sinks and sources (spec §6.4.3–6.4.4) ----

function transformSinkWriteAlgorithm(ts, chunk) {
  const c = ts.controller;
  if (ts.backpressure) {
    return react(ts.backpressureChangePromise.promise, () => {
      const w = ts.writable;
      if (w.state === "erroring") throw w.storedError;
      return transformControllerPerformTransform(c, chunk);
    });
  }
  return transformControllerPerformTransform(c, chunk);
}

function transformSinkAbortAlgorithm(ts, reason) {
  const c = ts.controller;
  if (c.finishPromise !== undefined) return c.finishPromise.promise;
  const readable = ts.readable;
  c.finishPromise = new Deferred();
  const cancelPromise = c.cancelAlgorithm === undefined ? resolvedWith(undefined) : c.cancelAlgorithm(reason);
  transformControllerClearAlgorithms(c);
  upon(cancelPromise, () => {
    if (readable.state === "errored") {
      c.finishPromise.reject(readable.storedError);
    } else {
      defaultControllerError(readable.controller, reason);
      c.finishPromise.resolve(undefined);
    }
  }, (r) => {
    defaultControllerError(readable.controller, r);
    c.finishPromise.reject(r);
  });
  return c.finishPromise.promise;
}

function transformSinkCloseAlgorithm(ts) {
  const c = ts.controller;
  if (c.finishPromise !== undefined) return c.finishPromise.promise;
  const readable = ts.readable;
  c.finishPromise = new Deferred();
  const flushPromise = c.flushAlgorithm === undefined ? resolvedWith(undefined) : c.flushAlgorithm();
  transformControllerClearAlgorithms(c);
  upon(flushPromise, () => {
    if (readable.state === "errored") {
      c.finishPromise.reject(readable.storedError);
    } else {
      defaultControllerClose(readable.controller);
      c.finishPromise.resolve(undefined);
    }
  }, (r) => {
    defaultControllerError(readable.controller, r);
    c.finishPromise.reject(r);
  });
  return c.finishPromise.promise;
}

function transformSourceCancelAlgorithm(ts, reason) {
  const c = ts.controller;
  if (c.finishPromise !== undefined) return c.finishPromise.promise;
  const writable = ts.writable;
  c.finishPromise = new Deferred();
  const cancelPromise = c.cancelAlgorithm === undefined ? resolvedWith(undefined) : c.cancelAlgorithm(reason);
  transformControllerClearAlgorithms(c);
  upon(cancelPromise, () => {
    if (writable.state === "errored") {
      c.finishPromise.reject(writable.storedError);
    } else {
      writableControllerErrorIfNeeded(writable.controller, reason);
      transformStreamUnblockWrite(ts);
      c.finishPromise.resolve(undefined);
    }
  }, (r) => {
    writableControllerErrorIfNeeded(writable.controller, r);
    transformStreamUnblockWrite(ts);
    c.finishPromise.reject(r);
  });
  return c.finishPromise.promise;
}

function transformSourcePullAlgorithm(ts) {
  transformStreamSetBackpressure(ts, false);
  return ts.backpressureChangePromise.promise;
}

// ==== workerd: IdentityTransformStream and FixedLengthStream ================================
//
// A TransformStream whose writable side takes ArrayBuffers or views and whose readable side is
// a byte stream (so it supports BYOB readers). As in workerd, nothing is buffered in between: a
// write() settles once a reader has taken all of its bytes, and bytes go straight into a BYOB
// reader's buffer. The writable side's highWaterMark (option `highWaterMark`, in bytes) only
// shapes writer.desiredSize/ready; without it there is no backpressure signal (desiredSize 1).
// FixedLengthStream(length) additionally errors if more or fewer than `length` bytes are written.

const NOT_BYTES = "This TransformStream is being used as a byte stream, but received an object of non-ArrayBuffer/ArrayBufferView type on its writable side.";

function identityHighWaterMark(options) {
  const dict = toDict(options, "The options");
  if (dict === undefined || dict.highWaterMark === undefined) return undefined;
  return enforceRangeULL(dict.highWaterMark, "highWaterMark");
}

function expectedLengthArg(length) {
  const msg = "FixedLengthStream requires an integer expected length less than 2^53.";
  if (typeof length === "bigint") {
    if (length < 0n || length > BigInt(Number.MAX_SAFE_INTEGER)) throw new TypeError(msg);
    return Number(length);
  }
  const n = +length;
  if (!Number.isFinite(n) || n < 0) throw new TypeError(msg);
  const t = Math.trunc(n);
  if (t > Number.MAX_SAFE_INTEGER) throw new TypeError(msg);
  return t;
}

// The bytes of a BufferSource as { buffer, byteOffset, byteLength }, or null.
function bytesOf(chunk) {
  if (isView(chunk)) {
    const { buffer, byteOffset, byteLength } = viewInfo(chunk);
    return { buffer, byteOffset, byteLength };
  }
  if (isArrayBuffer(chunk)) return { buffer: chunk, byteOffset: 0, byteLength: bufferByteLength(chunk) };
  return null;
}

function createIdentityTransform(highWaterMark, limit) {
  // pending: the write being consumed, { buffer, byteOffset, byteLength, offset, done: Deferred }.
  const st = { pending: null, wanted: false, total: 0, limit, rc: undefined, wc: undefined };
  const readable = createReadableByteStream(noop, () => {
    if (st.pending !== null) identityDeliver(st);
    else st.wanted = true;
    return resolvedWith(undefined);
  }, (reason) => {
    identityCancel(st, reason);
    return resolvedWith(undefined);
  });
  readable.expectedLength = limit;
  st.rc = readable.controller;
  const size = highWaterMark === undefined ? () => 0 : (chunk) => {
    const b = bytesOf(chunk);
    return b === null ? 0 : b.byteLength;
  };
  const writable = createWritableStream(noop, (chunk) => identityWrite(st, chunk), () => identityClose(st), (reason) => {
    identityFail(st, reason);
    return resolvedWith(undefined);
  }, highWaterMark === undefined ? 1 : highWaterMark, size);
  st.wc = writable.controller;
  // abort() must not wait for a write that only a reader could finish.
  st.wc.abortHook = (reason) => identityFail(st, reason);
  const ts = newTransformStreamRecord();
  ts.readable = readable;
  ts.writable = writable;
  return ts;
}

// Errors the readable side and fails the pending write.
function identityFail(st, reason) {
  const p = st.pending;
  st.pending = null;
  byteControllerError(st.rc, reason);
  if (p !== null) p.done.reject(reason);
}

function identityWrite(st, chunk) {
  const bytes = bytesOf(chunk);
  if (bytes === null) {
    const e = new TypeError(NOT_BYTES);
    byteControllerError(st.rc, e);
    return rejectedWith(e);
  }
  const n = bytes.byteLength;
  if (n === 0) return resolvedWith(undefined);
  const rs = st.rc.stream;
  if (rs.state !== "readable") return rejectedWith(rs.state === "errored" ? rs.storedError : E.wsClosed());
  if (st.limit !== undefined) {
    if (st.total + n > st.limit) {
      const e = new TypeError("Attempt to write too many bytes through a FixedLengthStream.");
      byteControllerError(st.rc, e);
      return rejectedWith(e);
    }
    st.total += n;
  }
  const done = new Deferred();
  st.pending = { buffer: bytes.buffer, byteOffset: bytes.byteOffset, byteLength: n, offset: 0, done };
  if (st.wanted) identityDeliver(st);
  return done.promise;
}

// Hands (part of) the pending write to the reader: into its BYOB buffer when there is one,
// otherwise as a copied chunk.
function identityDeliver(st) {
  const p = st.pending;
  const c = st.rc;
  st.wanted = false;
  const req = getBYOBRequest(c);
  if (req !== null) {
    const { buffer, byteOffset, byteLength } = viewInfo(req.view);
    const n = Math.min(byteLength, p.byteLength - p.offset);
    copyBytes(buffer, byteOffset, p.buffer, p.byteOffset + p.offset, n);
    p.offset += n;
    if (p.offset === p.byteLength) st.pending = null;
    byteControllerRespond(c, n);
  } else {
    const chunk = new U8(cloneArrayBuffer(p.buffer, p.byteOffset + p.offset, p.byteLength - p.offset));
    st.pending = null;
    byteControllerEnqueue(c, chunk);
  }
  if (st.pending !== p) p.done.resolve(undefined);
}

function identityClose(st) {
  if (st.limit !== undefined && st.total < st.limit) {
    const e = new TypeError("FixedLengthStream did not see all expected bytes before close().");
    byteControllerError(st.rc, e);
    return rejectedWith(e);
  }
  const c = st.rc;
  if (c.stream.state === "readable" && !c.closeRequested) {
    try {
      byteControllerClose(c);
      if (c.stream.state === "closed" && c.pendingPullIntos.length > 0) byteControllerRespond(c, 0);
    } catch (e) {
      return rejectedWith(e);
    }
  }
  return resolvedWith(undefined);
}

// The readable side was canceled: the writable side errors with the reason.
function identityCancel(st, reason) {
  const p = st.pending;
  st.pending = null;
  writableControllerErrorIfNeeded(st.wc, reason);
  if (p !== null) p.done.reject(reason);
}

export class IdentityTransformStream extends TransformStream {
  constructor(options = undefined, internal = undefined) {
    let hwm;
    let limit;
    if (options === kInternal) ({ hwm, limit } = internal);
    else hwm = identityHighWaterMark(options);
    super(kInternal, createIdentityTransform(hwm, limit));
  }
}

export class FixedLengthStream extends IdentityTransformStream {
  constructor(expectedLength, options = undefined) {
    const limit = expectedLengthArg(expectedLength);
    let hwm = identityHighWaterMark(options);
    if (hwm !== undefined) hwm = Math.min(hwm, limit);
    super(kInternal, { hwm, limit });
  }
}

// ==== Exports for the rest of the runtime ===================================================

// Whether a ReadableStream has been read from or canceled (fetch's "disturbed").
export function isDisturbed(stream) {
  const s = rsOf(stream);
  return s !== undefined && s.disturbed;
}

// The byte length a stream is known to produce (a FixedLengthStream's readable side), or
// undefined; lets Response bodies send a Content-Length.
export function streamExpectedLength(stream) {
  const s = rsOf(stream);
  return s === undefined ? undefined : s.expectedLength;
}

const CLASSES = {
  ReadableStream, ReadableStreamDefaultReader, ReadableStreamBYOBReader, ReadableStreamBYOBRequest,
  ReadableByteStreamController, ReadableStreamDefaultController, WritableStream,
  WritableStreamDefaultWriter, WritableStreamDefaultController, TransformStream,
  TransformStreamDefaultController, ByteLengthQueuingStrategy, CountQueuingStrategy,
  IdentityTransformStream, FixedLengthStream,
};

// WebIDL shapes: operations and attributes are enumerable, and @@toStringTag names the class.
for (const [name, cls] of Object.entries(CLASSES)) {
  const proto = cls.prototype;
  for (const key of Reflect.ownKeys(proto)) {
    if (key === "constructor") continue;
    const desc = Object.getOwnPropertyDescriptor(proto, key);
    desc.enumerable = true;
    ObjectDefineProperty(proto, key, desc);
  }
  ObjectDefineProperty(proto, Symbol.toStringTag, { value: name, configurable: true });
}
for (const key of ["next", "return"]) {
  const desc = Object.getOwnPropertyDescriptor(ReadableStreamAsyncIterator.prototype, key);
  desc.enumerable = true;
  ObjectDefineProperty(ReadableStreamAsyncIterator.prototype, key, desc);
}
ObjectDefineProperty(ReadableStream, "from", { enumerable: true });
// @@asyncIterator is the same function as values().
ObjectDefineProperty(ReadableStream.prototype, Symbol.asyncIterator, {
  value: ReadableStream.prototype.values, writable: true, enumerable: false, configurable: true,
});

export function installStreams(g) {
  for (const [name, cls] of Object.entries(CLASSES)) {
    ObjectDefineProperty(g, name, { value: cls, writable: true, enumerable: false, configurable: true });
  }
}
