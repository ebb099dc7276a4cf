// Node.js-style errors (with .code) for the node: built-ins that live partly in the runtime, worded
// as Node.js and workerd word them.
import { inspect } from "./console.js";

// codeError makes an error the way Node.js (and workerd's node: modules) do: own code and name,
// and a toString that shows the code ("TypeError [ERR_INVALID_ARG_TYPE]: …"), which is what
// assert.throws(fn, /ERR_…/) matches against.
export function codeError(Ctor, code, message) {
  const e = new Ctor(message);
  e.code = code;
  e.name = Ctor.prototype.name;
  e.toString = function toString() { return `${this.name} [${this.code}]: ${this.message}`; };
  return e;
}

// received describes a value the way Node.js's ERR_INVALID_ARG_TYPE does.
export function received(v) {
  if (v === null) return "Received null";
  if (v === undefined) return "Received undefined";
  if (typeof v === "function") return `Received function ${v.name}`;
  if (typeof v === "object") {
    return v.constructor?.name ? `Received an instance of ${v.constructor.name}` : `Received ${inspect(v, { depth: -1 })}`;
  }
  let s = inspect(v, { colors: false });
  if (s.length > 28) s = s.slice(0, 25) + "...";
  return `Received type ${typeof v} (${s})`;
}

const kind = (name) => (name.includes(".") ? "property" : "argument");

// expected is the phrase after "must be": "of type number", "an instance of AbortSignal", ….
export const invalidArgType = (name, expected, v) =>
  codeError(TypeError, "ERR_INVALID_ARG_TYPE", `The "${name}" ${kind(name)} must be ${expected}. ${received(v)}`);

export const invalidArgValue = (name, v, reason) =>
  codeError(TypeError, "ERR_INVALID_ARG_VALUE", `The ${kind(name)} '${name}' ${reason}. Received ${inspect(v)}`);

export const outOfRange = (name, range, v) =>
  codeError(RangeError, "ERR_OUT_OF_RANGE", `The value of "${name}" is out of range. It must be ${range}. Received ${inspect(v)}`);

export const invalidThis = (type) => codeError(TypeError, "ERR_INVALID_THIS", `Value of "this" must be of type ${type}`);

export const notImplemented = (what) => codeError(Error, "ERR_METHOD_NOT_IMPLEMENTED", `The ${what} method is not implemented`);

// AbortError is Node.js's (not the DOMException): code ABORT_ERR, the signal's reason as cause.
export class AbortError extends Error {
  constructor(message = "The operation was aborted", options = undefined) {
    super(message, options);
    this.code = "ABORT_ERR";
    this.name = "AbortError";
  }
}

export const nodeErrors = { codeError, received, invalidArgType, invalidArgValue, outOfRange, invalidThis, notImplemented, AbortError };
