// setTimeout/setInterval/queueMicrotask: callbacks live here, the clock lives in Go (one loop
// timer per JS timer, see natives.go setTimer).
import { native } from "./native.js";

const timers = new Map();
let nextId = 0;

function schedule(fn, ms, args, repeat) {
  if (typeof fn !== "function") {
    throw new TypeError("The \"callback\" argument must be of type function.");
  }
  const id = ++nextId;
  ms = Math.max(0, Number(ms) || 0);
  timers.set(id, { fn, args, ms, repeat });
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
  t.fn(...t.args);
}

export function installTimers(g) {
  const def = (name, value) => Object.defineProperty(g, name, { value, writable: true, configurable: true, enumerable: true });
  def("setTimeout", (fn, ms, ...args) => schedule(fn, ms, args, false));
  def("setInterval", (fn, ms, ...args) => schedule(fn, ms, args, true));
  def("clearTimeout", clear);
  def("clearInterval", clear);
  def("queueMicrotask", (fn) => {
    if (typeof fn !== "function") throw new TypeError("The \"callback\" argument must be of type function.");
    Promise.resolve().then(fn);
  });
}
