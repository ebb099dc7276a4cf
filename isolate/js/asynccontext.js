// The async context frame that AsyncLocalStorage (node:async_hooks) builds on. The current frame
// lives in V8's continuation-preserved slot (isolate/v8ext/als.cc), which V8 carries across
// promise reactions by itself; timers carry it here. A frame is an immutable Map from an
// AsyncLocalStorage's key to its store; undefined is the root frame (no stores).
const slot = globalThis.__asyncContext;
delete globalThis.__asyncContext;

// Until a worker makes an AsyncLocalStorage, nothing is tracked: timers skip the capture and no
// promise hook slows promises down.
let active = false;

export function activateAsyncContext() {
  if (active) return;
  active = true;
  slot.hook();
}

export const currentFrame = () => (active ? slot.get() : undefined);

// runInFrame calls fn with thisArg and args while frame is current, then restores the frame that
// was current before, also when fn throws.
export function runInFrame(frame, fn, thisArg, args) {
  if (!active) return Reflect.apply(fn, thisArg, args);
  const prev = slot.get();
  slot.set(frame);
  try {
    return Reflect.apply(fn, thisArg, args);
  } finally {
    slot.set(prev);
  }
}

// resetFrame makes the root frame current: each task the host starts (a request, a timer) begins
// there, whatever an earlier task that was cut short (a CPU limit) left behind.
export function resetFrame() {
  if (active) slot.set(undefined);
}

// A frame may name the request (workerd's IoContext) it belongs to, under this key: with
// bind_asynclocalstorage_snapshot_to_request, AsyncLocalStorage.snapshot() and bind() made
// during a request refuse to run in another one.
const kRequest = {};

// beginRequest starts a request (or test) in a fresh frame: the root, or with bindToRequest an
// empty frame naming a new request.
export function beginRequest(bindToRequest) {
  if (active) slot.set(bindToRequest ? new Map([[kRequest, {}]]) : undefined);
}

// requestOf returns the request a frame belongs to, or undefined.
export const requestOf = (frame) => frame?.get(kRequest);

// What built-in modules (node:async_hooks) use, through the runtime internals.
export const asyncContextInternals = { activateAsyncContext, currentFrame, runInFrame, requestOf };
