// node:timers as workerd has it: Timeout objects over the runtime's timers, Immediate from the
// runtime (isolate/js/timers.js), and node:timers/promises as .promises.
import * as promisesNS from "node:timers/promises";
import {
  Timeout, setTimeout, setInterval, clearTimeout, clearInterval, setImmediate, clearImmediate, active, unenroll, enroll,
} from "internal:timers";

export { Timeout, setTimeout, setInterval, clearTimeout, clearInterval, setImmediate, clearImmediate, active, unenroll, enroll };

// Like workerd's (the namespace of an internal module): the promise forms, no default export.
export const promises = Object.freeze(Object.defineProperty(Object.assign(Object.create(null), {
  scheduler: promisesNS.scheduler,
  setImmediate: promisesNS.setImmediate,
  setInterval: promisesNS.setInterval,
  setTimeout: promisesNS.setTimeout,
}), Symbol.toStringTag, { value: "Module" }));

export default {
  promises,
  setTimeout,
  clearTimeout,
  setImmediate,
  clearImmediate,
  setInterval,
  clearInterval,
  active,
  unenroll,
  enroll,
};
