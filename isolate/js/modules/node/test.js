// node:test — what workerd provides of it: the mocking API (mock, MockTracker,
// MockFunctionContext). Like workerd, there is no test runner here (no test/describe/it) and no
// mock.timers: tests are test() handlers that `nanod test` runs.
//
// Semantics follow Node's mock module as workerd ships it: a mock is a Proxy of the original
// function whose calls are recorded; restore() of a method mock puts back the descriptor it found
// (on the object itself, even when it came from the prototype chain), while restore() of a bare
// function mock makes it call the original again.
const internals = globalThis[Symbol.for("nanod.internals")];
const inspect = (v, opts) => internals.inspect(v, opts);

// ---- Node's coded errors, worded as workerd words them --------------------------------------

// workerd's TypeError-kind errors carry own enumerable code, name and toString (their stack reads
// "TypeError: ..."); its ERR_OUT_OF_RANGE is a RangeError subclass with the code in its stack only.
function coded(Base, code, message) {
  const e = new Base(message);
  e.code = code;
  e.name = Base.name;
  e.toString = function () { return `${this.name} [${this.code}]: ${this.message}`; };
  return e;
}

class ERR_OUT_OF_RANGE extends RangeError {
  code = "ERR_OUT_OF_RANGE";
  constructor(message) {
    super(message);
    const { name } = this;
    this.name = `${name} [${this.code}]`;
    void this.stack; // V8 formats the stack's first line lazily
    this.name = name;
  }
}

const primitiveTypes = ["string", "function", "number", "object", "Function", "Object", "boolean", "bigint", "symbol"];

function received(v) {
  if (v == null) return ` Received ${v}`;
  if (typeof v === "function" && v.name) return ` Received function ${v.name}`;
  if (typeof v === "object") {
    if (v.constructor?.name) return ` Received an instance of ${v.constructor.name}`;
    return ` Received ${inspect(v, { depth: -1 })}`;
  }
  let s = inspect(v, { colors: false });
  if (s.length > 25) s = `${s.slice(0, 25)}...`;
  return ` Received type ${typeof v} (${s})`;
}

// ERR_INVALID_ARG_TYPE: expected lists type names ("number") and class names ("Function").
function invalidArgType(name, expected, value) {
  const what = name.includes(".") ? "property" : "argument";
  const types = [];
  const instances = [];
  for (const e of [].concat(expected)) {
    if (primitiveTypes.includes(e)) types.push(e.toLowerCase());
    else instances.push(e);
  }
  if (instances.length > 0 && types.includes("object")) {
    types.splice(types.indexOf("object"), 1);
    instances.push("Object");
  }
  let msg = `The "${name}" ${what} must be `;
  if (types.length > 0) {
    msg += types.length === 2 ? `one of type ${types[0]} or ${types[1]}`
      : types.length > 2 ? `one of type ${types.slice(0, -1).join(", ")}, or ${types.at(-1)}`
      : `of type ${types[0]}`;
    if (instances.length > 0) msg += " or ";
  }
  if (instances.length > 0) {
    msg += instances.length > 2 ? `an instance of ${instances.slice(0, -1).join(", ")}, or ${instances.at(-1)}`
      : `an instance of ${instances.join(" or ")}`;
  }
  return coded(TypeError, "ERR_INVALID_ARG_TYPE", `${msg}.${received(value)}`);
}

function invalidArgValue(name, value, reason) {
  const what = name.includes(".") ? "property" : "argument";
  return coded(TypeError, "ERR_INVALID_ARG_VALUE", `The ${what} '${name}' ${reason}. Received ${inspect(value)}`);
}

function separated(s) {
  let out = "";
  let i = s.length;
  const start = s[0] === "-" ? 1 : 0;
  for (; i >= start + 4; i -= 3) out = `_${s.slice(i - 3, i)}${out}`;
  return `${s.slice(0, i)}${out}`;
}

function outOfRange(name, range, value) {
  const shown = Number.isInteger(value) && Math.abs(value) > 2 ** 32 ? separated(String(value)) : inspect(value);
  return new ERR_OUT_OF_RANGE(`The value of "${name}" is out of range. It must be ${range}. Received ${shown}`);
}

function validateFunction(v, name) {
  if (typeof v !== "function") throw invalidArgType(name, "Function", v);
}

function validateObject(v, name) {
  if (v === null || Array.isArray(v) || typeof v !== "object") throw invalidArgType(name, "Object", v);
}

function validateBoolean(v, name) {
  if (typeof v !== "boolean") throw invalidArgType(name, "boolean", v);
}

function validateInteger(v, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
  if (typeof v !== "number") throw invalidArgType(name, "number", v);
  if (!Number.isInteger(v)) throw outOfRange(name, "an integer", v);
  if (v < min || v > max) throw outOfRange(name, `>= ${min} && <= ${max}`, v);
}

function validateTimes(v, name) {
  if (v !== Infinity) validateInteger(v, name, 1);
}

// ---- mocks ------------------------------------------------------------------------------------

const kEmpty = Object.freeze({ __proto__: null });
function kDefaultFunction() {}

// The context's internals, kept off its public surface (Node's nextImpl/trackCall are not methods).
let nextImpl;
let trackCall;
let restoreMock;

// MockFunctionContext is the `.mock` of a mocked function: its calls and its implementation.
export class MockFunctionContext {
  #calls = [];
  #once = new Map();
  #impl;
  #restore;
  #times;

  constructor(implementation, restore, times) {
    this.#impl = implementation;
    this.#restore = restore;
    this.#times = times;
  }

  /** The calls so far: { arguments, error, result, stack, target, this } each. */
  get calls() { return this.#calls.slice(0); }

  callCount() { return this.#calls.length; }

  mockImplementation(implementation) {
    validateFunction(implementation, "implementation");
    this.#impl = implementation;
  }

  /** Uses implementation for call number onCall (by default the next one) only. */
  mockImplementationOnce(implementation, onCall) {
    validateFunction(implementation, "implementation");
    const next = this.#calls.length;
    const call = onCall ?? next;
    validateInteger(call, "onCall", next);
    this.#once.set(call, implementation);
  }

  restore() {
    const { descriptor, object, original, methodName } = this.#restore;
    if (typeof methodName === "string") {
      Object.defineProperty(object, methodName, descriptor);
    } else {
      // A bare function mock (and, as in workerd, a symbol-keyed method mock) can only go back to
      // calling its original.
      this.#impl = original;
    }
  }

  resetCalls() { this.#calls = []; }

  static {
    nextImpl = (ctx) => {
      const n = ctx.#calls.length;
      const impl = ctx.#once.get(n) ?? ctx.#impl;
      if (n + 1 === ctx.#times) ctx.restore();
      ctx.#once.delete(n);
      return impl;
    };
    trackCall = (ctx, call) => { ctx.#calls.push(call); };
    restoreMock = MockFunctionContext.prototype.restore;
  }
}

// MockPropertyContext is the `.mock` of a mocked property: its reads and writes.
class MockPropertyContext {
  #object;
  #name;
  #value;
  #original;
  #descriptor;
  #accesses = [];
  #once = new Map();

  constructor(object, name, value, hasValue) {
    this.#object = object;
    this.#name = name;
    this.#original = object[name];
    this.#value = hasValue ? value : this.#original;
    this.#descriptor = Object.getOwnPropertyDescriptor(object, name);
    if (!this.#descriptor) throw invalidArgValue("propertyName", name, "is not a property of the object");
    const { configurable, enumerable } = this.#descriptor;
    Object.defineProperty(object, name, {
      __proto__: null,
      configurable,
      enumerable,
      get: () => {
        const v = this.#accessValue(this.#value);
        this.#accesses.push({ __proto__: null, type: "get", value: v, stack: new Error() });
        return v;
      },
      set: this.mockImplementation.bind(this),
    });
  }

  get accesses() { return this.#accesses.slice(0); }

  accessCount() { return this.#accesses.length; }

  mockImplementation(value) {
    if (!this.#descriptor.writable) throw invalidArgValue("propertyName", this.#name, "cannot be set");
    const v = this.#accessValue(value);
    this.#accesses.push({ __proto__: null, type: "set", value: v, stack: new Error() });
    this.#value = v;
  }

  mockImplementationOnce(value, onAccess) {
    const next = this.#accesses.length;
    const access = onAccess ?? next;
    validateInteger(access, "onAccess", next);
    this.#once.set(access, value);
  }

  resetAccesses() { this.#accesses = []; }

  restore() {
    Object.defineProperty(this.#object, this.#name, { __proto__: null, ...this.#descriptor, value: this.#original });
  }

  #accessValue(value) {
    const n = this.#accesses.length;
    if (!this.#once.has(n)) return value;
    const v = this.#once.get(n);
    this.#once.delete(n);
    return v;
  }
}

function findMethodOnPrototypeChain(object, name) {
  for (let host = object; host !== null; host = Object.getPrototypeOf(host)) {
    const d = Object.getOwnPropertyDescriptor(host, name);
    if (d) return d;
  }
  return undefined;
}

// MockTracker creates mocks and remembers them so that reset()/restoreAll() can undo them.
export class MockTracker {
  #mocks = [];

  /** mock.fn([original[, implementation]][, options]) */
  fn(original = function () {}, implementation = original, options = kEmpty) {
    if (original !== null && typeof original === "object") {
      options = original;
      original = function () {};
      implementation = original;
    } else if (implementation !== null && typeof implementation === "object") {
      options = implementation;
      implementation = original;
    }
    validateFunction(original, "original");
    validateFunction(implementation, "implementation");
    validateObject(options, "options");
    const { times = Infinity } = options;
    validateTimes(times, "options.times");
    const ctx = new MockFunctionContext(implementation, { __proto__: null, original }, times);
    return this.#setup(ctx, original);
  }

  /** mock.method(object, methodName[, implementation][, options]) */
  method(object, methodName, implementation = kDefaultFunction, options = kEmpty) {
    if (typeof methodName !== "string" && typeof methodName !== "symbol") {
      throw invalidArgType("methodName", ["string", "symbol"], methodName);
    }
    if (typeof object !== "function") validateObject(object, "object");
    if (implementation !== null && typeof implementation === "object") {
      options = implementation;
      implementation = kDefaultFunction;
    }
    validateFunction(implementation, "implementation");
    validateObject(options, "options");
    const { getter = false, setter = false, times = Infinity } = options;
    validateBoolean(getter, "options.getter");
    validateBoolean(setter, "options.setter");
    validateTimes(times, "options.times");
    if (setter && getter) throw invalidArgValue("options.setter", setter, "cannot be used with 'options.getter'");

    const descriptor = findMethodOnPrototypeChain(object, methodName);
    const original = getter ? descriptor?.get : setter ? descriptor?.set : descriptor?.value;
    if (typeof original !== "function") throw invalidArgValue("methodName", original, "must be a method");

    const restore = { __proto__: null, descriptor, object, methodName };
    const ctx = new MockFunctionContext(implementation === kDefaultFunction ? original : implementation, restore, times);
    const mock = this.#setup(ctx, original);
    const mocked = { __proto__: null, configurable: descriptor.configurable, enumerable: descriptor.enumerable };
    if (getter) {
      mocked.get = mock;
      mocked.set = descriptor.set;
    } else if (setter) {
      mocked.get = descriptor.get;
      mocked.set = mock;
    } else {
      mocked.writable = descriptor.writable;
      mocked.value = mock;
    }
    Object.defineProperty(object, methodName, mocked);
    return mock;
  }

  getter(object, methodName, implementation = kDefaultFunction, options = kEmpty) {
    if (implementation !== null && typeof implementation === "object") {
      options = implementation;
      implementation = kDefaultFunction;
    } else {
      validateObject(options, "options");
    }
    const { getter = true } = options;
    if (getter === false) throw invalidArgValue("options.getter", getter, "cannot be false");
    return this.method(object, methodName, implementation, { __proto__: null, ...options, getter });
  }

  setter(object, methodName, implementation = kDefaultFunction, options = kEmpty) {
    if (implementation !== null && typeof implementation === "object") {
      options = implementation;
      implementation = kDefaultFunction;
    } else {
      validateObject(options, "options");
    }
    const { setter = true } = options;
    if (setter === false) throw invalidArgValue("options.setter", setter, "cannot be false");
    return this.method(object, methodName, implementation, { __proto__: null, ...options, setter });
  }

  /** mock.property(object, propertyName[, value]): a proxy of object whose .mock records accesses. */
  property(object, propertyName, value) {
    validateObject(object, "object");
    if (typeof propertyName !== "string" && typeof propertyName !== "symbol") {
      throw invalidArgType("propertyName", ["string", "symbol"], propertyName);
    }
    const ctx = new MockPropertyContext(object, propertyName, value, arguments.length > 2);
    this.#mocks.push(ctx);
    return new Proxy(object, {
      __proto__: null,
      get(target, property, receiver) {
        if (property === "mock") return ctx;
        return Reflect.get(target, property, receiver);
      },
    });
  }

  /** Restores every mock and forgets them. */
  reset() {
    this.restoreAll();
    this.#mocks = [];
  }

  /** Restores every mock; they stay usable. */
  restoreAll() {
    for (const ctx of this.#mocks) {
      if (ctx instanceof MockPropertyContext) ctx.restore();
      else restoreMock.call(ctx);
    }
  }

  #setup(ctx, fnToMatch) {
    const mock = new Proxy(fnToMatch, {
      __proto__: null,
      apply(_fn, thisArg, argList) {
        const fn = nextImpl(ctx);
        let result;
        let error;
        try {
          result = Reflect.apply(fn, thisArg, argList);
        } catch (err) {
          error = err;
          throw err;
        } finally {
          // Recorded after the call, as Node does: calls made inside it come first.
          trackCall(ctx, { __proto__: null, arguments: argList, error, result, stack: new Error(), target: undefined, this: thisArg });
        }
        return result;
      },
      construct(target, argList, newTarget) {
        const realTarget = nextImpl(ctx);
        let result;
        let error;
        try {
          // newTarget (the mock) lends its prototype: the original's, whatever implementation runs.
          result = Reflect.construct(realTarget, argList, newTarget);
        } catch (err) {
          error = err;
          throw err;
        } finally {
          trackCall(ctx, { __proto__: null, arguments: argList, error, result, stack: new Error(), target, this: result });
        }
        return result;
      },
      get(target, property, receiver) {
        if (property === "mock") return ctx;
        return Reflect.get(target, property, receiver);
      },
    });
    this.#mocks.push(ctx);
    return mock;
  }
}

export const mock = new MockTracker();

export default { mock, MockFunctionContext, MockTracker };
