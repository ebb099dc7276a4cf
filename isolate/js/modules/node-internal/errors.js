// node-internal:errors — Node-style errors (a `code` property, Node's message wording) and
// argument validators shared by the node: modules. Only node: modules can import it.

export function inspect(v, opts) {
  const internals = globalThis[Symbol.for("nanod.internals")];
  try {
    return internals?.inspect ? internals.inspect(v, opts) : String(v);
  } catch {
    return String(v);
  }
}

// codeError makes an error of class Ctor with Node's `code`, shaped as workerd's NodeError
// classes shape theirs: `code` and `name` are own properties, and toString() names the code
// ("TypeError [ERR_X]: message"); for TypeError and RangeError that toString is an own property.
export function codeError(Ctor, code, message) {
  const e = new Ctor(message);
  e.code = code;
  e.name = Ctor.name;
  const toString = function () {
    return `${this.name} [${this.code}]: ${this.message}`;
  };
  if (Ctor === Error) {
    Object.defineProperty(e, "toString", { value: toString, enumerable: false, writable: true, configurable: true });
  } else {
    e.toString = toString;
  }
  return e;
}

// describeReceived words the "Received …" part of Node's argument errors.
export function describeReceived(v) {
  if (v === null || v === undefined) return ` Received ${v}`;
  if (typeof v === "function" && v.name) return ` Received function ${v.name}`;
  if (typeof v === "object") {
    if (v.constructor?.name) return ` Received an instance of ${v.constructor.name}`;
    return ` Received ${inspect(v, { depth: -1 })}`;
  }
  let shown = inspect(v);
  if (shown.length > 25) shown = `${shown.slice(0, 25)}...`;
  return ` Received type ${typeof v} (${shown})`;
}

// Names Node words as types ("of type function"), not as classes.
const primitiveTypes = ["string", "function", "number", "object", "Function", "Object", "boolean", "bigint", "symbol"];

function orList(list, word) {
  if (list.length > 2) return `${list.slice(0, -1).join(", ")}, ${word} ${list[list.length - 1]}`;
  if (list.length === 2) return `${list[0]} ${word} ${list[1]}`;
  return list[0];
}

// ERR_INVALID_ARG_TYPE(name, expected, actual): expected lists type names ("string"), class
// names ("Buffer") or other descriptions, as Node's message builder sorts them.
export function ERR_INVALID_ARG_TYPE(name, expected, actual) {
  if (!Array.isArray(expected)) expected = [expected];
  let msg = "The ";
  if (name.endsWith(" argument")) msg += `${name} `;
  else msg += `"${name}" ${name.includes(".") ? "property" : "argument"} `;
  msg += "must be ";
  const types = [];
  const instances = [];
  const other = [];
  for (const value of expected) {
    if (primitiveTypes.includes(value)) types.push(value.toLowerCase());
    else if (/^[A-Z][a-zA-Z0-9]*$/.test(value)) instances.push(value);
    else other.push(value);
  }
  if (instances.length > 0) {
    const pos = types.indexOf("object");
    if (pos !== -1) {
      types.splice(pos, 1);
      instances.push("Object");
    }
  }
  if (types.length > 0) {
    msg += types.length > 1 ? `one of type ${orList(types, "or")}` : `of type ${types[0]}`;
    if (instances.length > 0 || other.length > 0) msg += " or ";
  }
  if (instances.length > 0) {
    msg += `an instance of ${orList(instances, "or")}`;
    if (other.length > 0) msg += " or ";
  }
  if (other.length > 0) {
    if (other.length > 1) msg += `one of ${orList(other, "or")}`;
    else {
      if (other[0].toLowerCase() !== other[0]) msg += "an ";
      msg += other[0];
    }
  }
  msg += `.${describeReceived(actual)}`;
  return codeError(TypeError, "ERR_INVALID_ARG_TYPE", msg);
}

export function ERR_INVALID_ARG_VALUE(name, value, reason = "is invalid") {
  const type = name.includes(".") ? "property" : "argument";
  let shown = inspect(value);
  if (shown.length > 128) shown = `${shown.slice(0, 128)}...`;
  return codeError(TypeError, "ERR_INVALID_ARG_VALUE", `The ${type} '${name}' ${reason}. Received ${shown}`);
}

function addNumericalSeparator(val) {
  let res = "";
  let i = val.length;
  const start = val[0] === "-" ? 1 : 0;
  for (; i >= start + 4; i -= 3) res = `_${val.slice(i - 3, i)}${res}`;
  return `${val.slice(0, i)}${res}`;
}

export function ERR_OUT_OF_RANGE(name, range, input) {
  let received;
  if (Number.isInteger(input) && Math.abs(input) > 2 ** 32) received = addNumericalSeparator(String(input));
  else if (typeof input === "bigint") {
    received = String(input);
    if (input > 2n ** 32n || input < -(2n ** 32n)) received = addNumericalSeparator(received);
    received += "n";
  } else received = inspect(input);
  // A plain RangeError with a code (not a NodeError), its code in the stack's first line.
  const e = new RangeError(`The value of "${name}" is out of range. It must be ${range}. Received ${received}`);
  e.code = "ERR_OUT_OF_RANGE";
  e.name = "RangeError [ERR_OUT_OF_RANGE]";
  void e.stack;
  e.name = "RangeError";
  return e;
}

export const ERR_UNKNOWN_ENCODING = (enc) => codeError(TypeError, "ERR_UNKNOWN_ENCODING", `Unknown encoding: ${enc}`);
export const ERR_INVALID_THIS = (type) => codeError(TypeError, "ERR_INVALID_THIS", `Value of "this" must be of type ${type}`);
export const ERR_METHOD_NOT_IMPLEMENTED = (m) => codeError(Error, "ERR_METHOD_NOT_IMPLEMENTED", `The ${m} method is not implemented`);
export const ERR_MISSING_ARGS = (...names) => {
  const wrap = (a) => `"${a}"`;
  let msg = "The ";
  const list = names.map(wrap);
  if (list.length === 1) msg += `${list[0]} argument`;
  else if (list.length === 2) msg += `${list[0]} and ${list[1]} arguments`;
  else msg += `${list.slice(0, -1).join(", ")}, and ${list[list.length - 1]} arguments`;
  return codeError(TypeError, "ERR_MISSING_ARGS", `${msg} must be specified`);
};
export const ERR_INVALID_RETURN_VALUE = (input, name, value) => {
  let type;
  if (value?.constructor?.name) type = `instance of ${value.constructor.name}`;
  else type = `type ${typeof value}`;
  return codeError(TypeError, "ERR_INVALID_RETURN_VALUE", `Expected ${input} to be returned from the "${name}" function but got ${type}.`);
};

export class AbortError extends Error {
  constructor(message = "The operation was aborted", options = undefined) {
    if (options !== undefined && (options === null || typeof options !== "object")) {
      throw ERR_INVALID_ARG_TYPE("options", "Object", options);
    }
    super(message, options);
    this.code = "ABORT_ERR";
    this.name = "AbortError";
  }
}

// ---- validators ----------------------------------------------------------------------------

export function validateString(v, name) {
  if (typeof v !== "string") throw ERR_INVALID_ARG_TYPE(name, "string", v);
}

export function validateFunction(v, name) {
  if (typeof v !== "function") throw ERR_INVALID_ARG_TYPE(name, "Function", v);
}

export function validateBoolean(v, name) {
  if (typeof v !== "boolean") throw ERR_INVALID_ARG_TYPE(name, "boolean", v);
}

export function validateObject(v, name, { allowArray = false, allowFunction = false, nullable = false } = {}) {
  if ((!nullable && v === null) || (!allowArray && Array.isArray(v)) ||
      (typeof v !== "object" && (!allowFunction || typeof v !== "function"))) {
    throw ERR_INVALID_ARG_TYPE(name, "Object", v);
  }
}

export function validateNumber(v, name, min = undefined, max) {
  if (typeof v !== "number") throw ERR_INVALID_ARG_TYPE(name, "number", v);
  if ((min != null && v < min) || (max != null && v > max) || ((min != null || max != null) && Number.isNaN(v))) {
    throw ERR_OUT_OF_RANGE(name,
      `${min != null ? `>= ${min}` : ""}${min != null && max != null ? " && " : ""}${max != null ? `<= ${max}` : ""}`, v);
  }
}

export function validateInteger(v, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
  if (typeof v !== "number") throw ERR_INVALID_ARG_TYPE(name, "number", v);
  if (!Number.isInteger(v)) throw ERR_OUT_OF_RANGE(name, "an integer", v);
  if (v < min || v > max) throw ERR_OUT_OF_RANGE(name, `>= ${min} && <= ${max}`, v);
}

export function validateInt32(v, name, min = -2147483648, max = 2147483647) {
  if (typeof v !== "number") throw ERR_INVALID_ARG_TYPE(name, "number", v);
  if (!Number.isInteger(v)) throw ERR_OUT_OF_RANGE(name, "an integer", v);
  if (v < min || v > max) throw ERR_OUT_OF_RANGE(name, `>= ${min} && <= ${max}`, v);
}

export function validateUint32(v, name, positive = false) {
  if (typeof v !== "number") throw ERR_INVALID_ARG_TYPE(name, "number", v);
  if (!Number.isInteger(v)) throw ERR_OUT_OF_RANGE(name, "an integer", v);
  const min = positive ? 1 : 0;
  if (v < min || v > 4294967295) throw ERR_OUT_OF_RANGE(name, `>= ${min} && < 4294967296`, v);
}

export function validateAbortSignal(signal, name) {
  if (signal !== undefined && (signal === null || typeof signal !== "object" || !("aborted" in signal))) {
    throw ERR_INVALID_ARG_TYPE(name, "AbortSignal", signal);
  }
}

export function validateOneOf(v, name, oneOf) {
  if (!oneOf.includes(v)) {
    const allowed = oneOf.map((x) => (typeof x === "string" ? `'${x}'` : String(x))).join(", ");
    throw ERR_INVALID_ARG_VALUE(name, v, `must be one of: ${allowed}`);
  }
}

// nextTick approximates process.nextTick with a microtask, as workerd does.
export function nextTick(fn, ...args) {
  queueMicrotask(() => fn(...args));
}
