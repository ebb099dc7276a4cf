// The timers of node:timers (Timeout objects over the runtime's timers, Immediate from the
// runtime, isolate/js/timers.js), apart from node:timers itself so that node:timers/promises can
// use them without an import cycle.

const ints = globalThis[Symbol.for("nanod.internals")];
const { globalTimers, nodeErrors } = ints;
const { invalidArgType } = nodeErrors;

let clearTimer;

export class Timeout {
  #timer;
  #callback;
  #after;
  #args;
  #repeat;
  #refed;

  constructor(callback, after = 1, args = [], isRepeat = false, isRefed = false) {
    this.#callback = callback;
    this.#after = after * 1; // as Node.js: numeric strings count
    this.#args = args ?? [];
    this.#repeat = isRepeat;
    this.#refed = isRefed;
    this.#start();
  }

  #start() {
    const set = this.#repeat ? globalTimers.setInterval : globalTimers.setTimeout;
    this.#timer = set(this.#callback, this.#after, ...this.#args);
  }

  #clear() {
    globalTimers.clearTimeout(this.#timer);
  }

  refresh() {
    this.#clear();
    this.#start();
    return this;
  }

  unref() {
    this.#refed = false;
    return this;
  }

  ref() {
    this.#refed = true;
    return this;
  }

  hasRef() {
    return this.#refed;
  }

  close() {
    this.#clear();
    return this;
  }

  [Symbol.dispose]() {
    this.#clear();
  }

  [Symbol.toPrimitive]() {
    return this.#timer;
  }

  static {
    clearTimer = (t) => t.#clear();
  }
}

function checkCallback(callback) {
  if (typeof callback !== "function") throw invalidArgType("callback", "of type function", callback);
}

export function setTimeout(callback, delay, ...args) {
  checkCallback(callback);
  return new Timeout(callback, delay, args, false, true);
}

export function setInterval(callback, repeat, ...args) {
  checkCallback(callback);
  return new Timeout(callback, repeat, args, true, true);
}

// Timer ids (numbers) from the global functions are accepted too; anything else is ignored.
function clearAny(timer) {
  if (timer instanceof Timeout) clearTimer(timer);
  else if (typeof timer === "number") globalTimers.clearTimeout(timer);
}

export function clearTimeout(timer) {
  clearAny(timer);
}

export function clearInterval(timer) {
  clearAny(timer);
}

export function setImmediate(callback, ...args) {
  return ints.setImmediate("TimersUtil", callback, args);
}

export function clearImmediate(immediate) {
  return ints.clearImmediate("TimersUtil", immediate);
}

/** @deprecated: timeout.refresh() */
export function active(timer) {
  if (timer instanceof Timeout) timer.refresh();
}

/** @deprecated: clearTimeout() */
export function unenroll(timer) {
  clearAny(timer);
}

/** @deprecated: setTimeout() */
export function enroll(item, msecs) {
  throw new Error("Not implemented. Please use setTimeout() instead.");
}

