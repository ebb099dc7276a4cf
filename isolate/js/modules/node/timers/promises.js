// node:timers/promises as workerd has it: promise forms of the timers, cancellable with an
// AbortSignal (rejecting with Node.js's AbortError, the signal's reason as its cause).
import { Timeout, setTimeout as setTimer, clearTimeout as clearTimer, setImmediate as setImm, clearImmediate as clearImm } from "internal:timers";

const { invalidArgType, invalidThis, AbortError } = globalThis[Symbol.for("nanod.internals")].nodeErrors;

function checkOptions(options) {
  if (options === null || typeof options !== "object") throw invalidArgType("options", "of type object", options);
  const { signal, ref } = options;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw invalidArgType("options.signal", "an instance of AbortSignal", signal);
  }
  if (ref !== undefined && typeof ref !== "boolean") throw invalidArgType("options.ref", "of type boolean", ref);
  if (signal?.aborted) throw new AbortError(undefined, { cause: signal.reason });
  return { signal, ref };
}

function checkDelay(delay) {
  if (delay !== undefined && typeof delay !== "number") throw invalidArgType("delay", "of type number", delay);
}

// settleLater resolves with value when start's timer fires, or rejects when signal aborts first.
function settleLater(value, signal, start, stop) {
  return new Promise((resolve, reject) => {
    let onAbort;
    const timer = start(() => {
      resolve(value);
      if (onAbort) signal.removeEventListener("abort", onAbort);
    });
    if (signal) {
      onAbort = () => {
        stop(timer);
        reject(new AbortError(undefined, { cause: signal.reason }));
      };
      signal.addEventListener("abort", onAbort, { once: true });
    }
  });
}

export async function setTimeout(delay = undefined, value = undefined, options = {}) {
  checkDelay(delay);
  const { signal } = checkOptions(options);
  return settleLater(value, signal, (fn) => setTimer(fn, delay ?? 1), clearTimer);
}

export async function setImmediate(value = undefined, options = {}) {
  const { signal } = checkOptions(options);
  return settleLater(value, signal, (fn) => setImm(fn), clearImm);
}

export async function* setInterval(delay = undefined, value = undefined, options = {}) {
  checkDelay(delay);
  const { signal, ref } = checkOptions(options);
  let onAbort;
  let interval;
  try {
    let pending = 0; // ticks not yet yielded
    let wake;
    interval = new Timeout(() => {
      pending++;
      wake?.();
      wake = undefined;
    }, delay, undefined, true, ref);
    if (signal) {
      onAbort = () => {
        clearTimer(interval);
        wake?.(Promise.reject(new AbortError(undefined, { cause: signal.reason })));
        wake = undefined;
      };
      signal.addEventListener("abort", onAbort, { once: true });
    }
    while (!signal?.aborted) {
      if (pending === 0) await new Promise((resolve) => { wake = resolve; });
      for (; pending > 0; pending--) yield value;
    }
    throw new AbortError(undefined, { cause: signal.reason });
  } finally {
    if (interval) clearTimer(interval);
    if (onAbort) signal.removeEventListener("abort", onAbort);
  }
}

const kScheduler = Symbol.for("kScheduler");

class Scheduler {
  [kScheduler] = true;

  yield() {
    if (!this?.[kScheduler]) throw invalidThis("Scheduler");
    return setImmediate();
  }

  wait(delay, options) {
    if (!this?.[kScheduler]) throw invalidThis("Scheduler");
    return globalThis.scheduler.wait(delay, options);
  }
}

export const scheduler = new Scheduler();

export default { setTimeout, setImmediate, setInterval, scheduler };
