// setTimeout/setInterval/queueMicrotask (and setImmediate for Node.js compatibility): callbacks
// live here, the clock lives in Go (one loop timer per JS timer, see natives.go setTimer).
// Each timer runs in the async context frame that was current when it was set, as in workerd.
import { native } from "./native.js";
import { currentFrame, runInFrame, resetFrame } from "./asynccontext.js";
import { reportError } from "./events.js";

// workerd clamps delays to [0, 100 years]; Go's timer would overflow past about 292 years.
const MAX_DELAY = 3153600000000;

const timers = new Map();
let nextId = 0;

function schedule(fn, ms, args, repeat) {
  if (typeof fn !== "function") {
    const method = repeat ? "setInterval" : "setTimeout";
    throw new TypeError(`Failed to execute '${method}' on 'ServiceWorkerGlobalScope': parameter 1 is not of type 'function'.`);
  }
  return add(fn, ms, args, repeat);
}

function add(fn, ms, args, repeat) {
  const id = ++nextId;
  ms = Math.min(Math.max(0, Number(ms) || 0), MAX_DELAY);
  timers.set(id, { fn, args, ms, repeat, frame: currentFrame() });
  native.setTimer(id, ms);
  return id;
}

function clear(id) {
  id = Number(id);
  if (timers.delete(id)) native.clearTimer(id);
}

export function fireTimer(id) {
  const t = timers.get(id);
  if (!t) return;
  if (t.repeat) native.setTimer(id, t.ms);
  else timers.delete(id);
  resetFrame();
  runInFrame(t.frame, t.fn, undefined, t.args);
}

// Immediate is what setImmediate returns (node:timers and, with nodejs_compat_v2, the global):
// it converts to its timer id, like Node.js's.
let makingImmediate = false;
let idOf, isImmediate;
export class Immediate {
  #id;
  constructor(id) {
    if (!makingImmediate) throw new TypeError("Illegal constructor");
    this.#id = id;
  }
  // As workerd's: an immediate never keeps anything alive, so ref and unref do nothing (and,
  // unlike Timeout's, return nothing).
  ref() {}
  unref() {}
  hasRef() { return false; }
  [Symbol.toPrimitive]() { return this.#id; }
  [Symbol.dispose]() { clear(this.#id); }
  static {
    idOf = (imm) => imm.#id;
    isImmediate = (v) => typeof v === "object" && v !== null && #id in v;
  }
}
// workerd lists constructor after the methods.
delete Immediate.prototype.constructor;
Object.defineProperty(Immediate.prototype, "constructor", { value: Immediate, writable: true, configurable: true });
Object.defineProperty(Immediate.prototype, Symbol.toStringTag, { value: "Immediate", configurable: true });

// setImmediate and clearImmediate check their arguments the way workerd's bindings do; owner
// names the interface in the message ("ServiceWorkerGlobalScope" for the globals, "TimersUtil"
// for node:timers).
export function setImmediate(owner, fn, args) {
  if (typeof fn !== "function") {
    throw new TypeError(`Failed to execute 'setImmediate' on '${owner}': parameter 1 is not of type 'function'.`);
  }
  makingImmediate = true;
  try {
    return new Immediate(add(fn, 0, args, false));
  } finally {
    makingImmediate = false;
  }
}

export function clearImmediate(owner, imm) {
  if (imm === undefined || imm === null) return;
  if (!isImmediate(imm)) {
    throw new TypeError(`Failed to execute 'clearImmediate' on '${owner}': parameter 1 is not of type 'Immediate'.`);
  }
  clear(idOf(imm));
}

// installImmediate defines the global setImmediate/clearImmediate (nodejs_compat_v2; workerd
// has them on the global scope's prototype, so they are not enumerable here).
export function installImmediate(g) {
  const def = (name, value) => Object.defineProperty(g, name, { value, writable: true, configurable: true, enumerable: false });
  const owner = "ServiceWorkerGlobalScope";
  def("setImmediate", { setImmediate(fn, ...args) { return setImmediate(owner, fn, args); } }.setImmediate);
  def("clearImmediate", { clearImmediate(imm) { return clearImmediate(owner, imm); } }.clearImmediate);
}

// The global timer functions. node:timers builds on these even after enable_nodejs_global_timers
// has put its own in their place on the global.
export const globalTimers = {
  setTimeout: (fn, ms, ...args) => schedule(fn, ms, args, false),
  setInterval: (fn, ms, ...args) => schedule(fn, ms, args, true),
  clearTimeout: clear,
  clearInterval: clear,
};

export function installTimers(g) {
  const def = (name, value) => Object.defineProperty(g, name, { value, writable: true, configurable: true, enumerable: true });
  for (const [name, fn] of Object.entries(globalTimers)) def(name, fn);
  def("queueMicrotask", { queueMicrotask(fn) {
    if (typeof fn !== "function") {
      throw new TypeError("Failed to execute 'queueMicrotask' on 'ServiceWorkerGlobalScope': parameter 1 is not of type 'function'.");
    }
    // A promise reaction, so it runs in the async context frame current now; what it throws is
    // reported (an "error" event at the global scope), as in workerd.
    Promise.resolve().then(() => {
      try {
        fn();
      } catch (e) {
        reportError(e);
      }
    });
  } }.queueMicrotask);
}
