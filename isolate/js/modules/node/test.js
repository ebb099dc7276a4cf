// node:test — what workerd provides of it: the mocking API (mock, MockTracker,
// MockFunctionContext). Like workerd, there is no test runner here (no test/describe/it):
// tests are test() handlers that `nanod test` runs.

class CodedTypeError extends TypeError {
  constructor(code, message) {
    super(message);
    Object.defineProperty(this, "code", { value: code, enumerable: true, writable: true, configurable: true });
    const name = this.name;
    this.name = `${name} [${code}]`;
    void this.stack; // V8 formats the stack's first line lazily: fix it with the code in it
    delete this.name;
  }
  toString() { return `${this.name} [${this.code}]: ${this.message}`; }
}
Object.defineProperty(CodedTypeError, "name", { value: "TypeError" });

function describeReceived(v) {
  if (v == null) return ` Received ${v}`;
  if (typeof v === "function") return ` Received function ${v.name}`;
  if (typeof v === "object") {
    const ctor = v.constructor?.name;
    return ctor ? ` Received an instance of ${ctor}` : " Received [object]";
  }
  let s = typeof v === "string" ? `'${v}'` : String(v);
  if (s.length > 28) s = s.slice(0, 25) + "...";
  return ` Received type ${typeof v} (${s})`;
}

function checkFunction(v, name) {
  if (typeof v !== "function") {
    throw new CodedTypeError("ERR_INVALID_ARG_TYPE", `The "${name}" argument must be of type function.${describeReceived(v)}`);
  }
}

function checkObject(v, name) {
  if (v === null || (typeof v !== "object" && typeof v !== "function")) {
    throw new CodedTypeError("ERR_INVALID_ARG_TYPE", `The "${name}" argument must be of type object.${describeReceived(v)}`);
  }
}

function checkTimes(times) {
  if (times === undefined) return Infinity;
  if (!Number.isInteger(times) || times < 1) {
    throw new RangeError(`The value of "options.times" is out of range. It must be >= 1 && <= ${Number.MAX_SAFE_INTEGER}. Received ${times}`);
  }
  return times;
}

const kSetup = Symbol("setup");
const kImpl = Symbol("impl");
const kRecord = Symbol("record");

// MockFunctionContext is the `.mock` of a mocked function: its calls and its implementation.
export class MockFunctionContext {
  #calls = [];
  #original;
  #impl;
  #once = new Map();
  #times = Infinity;
  #restore;

  constructor(key, original, impl, restore, times) {
    if (key !== kSetup) throw new TypeError("Illegal constructor");
    this.#original = original;
    this.#impl = impl;
    this.#restore = restore;
    this.#times = times;
  }

  /** The calls so far: { arguments, error, result, stack, target, this } each. */
  get calls() { return this.#calls.slice(); }

  callCount() { return this.#calls.length; }

  mockImplementation(implementation) {
    checkFunction(implementation, "implementation");
    this.#impl = implementation;
  }

  mockImplementationOnce(implementation, onCall) {
    checkFunction(implementation, "implementation");
    const n = onCall === undefined ? this.#calls.length : onCall;
    if (!Number.isInteger(n) || n < 0) {
      throw new RangeError(`The value of "onCall" is out of range. It must be >= 0. Received ${n}`);
    }
    this.#once.set(n, implementation);
  }

  restore() {
    this.#impl = this.#original;
    this.#once.clear();
    if (this.#restore) {
      const r = this.#restore;
      this.#restore = undefined;
      r();
    }
  }

  resetCalls() { this.#calls = []; }

  // The implementation for the next call (consumes a one-time implementation).
  [kImpl]() {
    const n = this.#calls.length;
    if (this.#once.has(n)) {
      const impl = this.#once.get(n);
      this.#once.delete(n);
      return impl;
    }
    return n >= this.#times ? this.#original : this.#impl;
  }

  [kRecord](record) { this.#calls.push(record); }
}

// MockPropertyContext is the `.mock` of a mocked property: its reads and writes.
class MockPropertyContext {
  #accesses = [];
  #value;
  #once = new Map();
  #restore;

  constructor(key, value, restore) {
    if (key !== kSetup) throw new TypeError("Illegal constructor");
    this.#value = value;
    this.#restore = restore;
  }

  get accesses() { return this.#accesses.slice(); }
  accessCount() { return this.#accesses.length; }
  mockImplementation(value) { this.#value = value; }
  mockImplementationOnce(value, onAccess) {
    const n = onAccess === undefined ? this.#accesses.length : onAccess;
    this.#once.set(n, value);
  }
  resetAccesses() { this.#accesses = []; }
  restore() {
    if (this.#restore) {
      const r = this.#restore;
      this.#restore = undefined;
      r();
    }
  }

  [kSetup](type, value) {
    const n = this.#accesses.length;
    if (type === "get") {
      if (this.#once.has(n)) {
        value = this.#once.get(n);
        this.#once.delete(n);
      } else {
        value = this.#value;
      }
    } else {
      this.#value = value;
    }
    this.#accesses.push({ type, value, stack: new Error() });
    return value;
  }
}

// findDescriptor finds a property's descriptor on the object or its prototype chain.
function findDescriptor(obj, name) {
  for (let o = obj; o !== null && o !== undefined; o = Object.getPrototypeOf(o)) {
    const d = Object.getOwnPropertyDescriptor(o, name);
    if (d) return d;
  }
  return undefined;
}

function makeMock(original, impl, restore, times) {
  const ctx = new MockFunctionContext(kSetup, original, impl, restore, times);
  const proxy = new Proxy(original, {
    apply(target, thisArg, args) {
      const record = { arguments: args, error: undefined, result: undefined, stack: new Error(), target: undefined, this: thisArg };
      const fn = ctx[kImpl]();
      try {
        record.result = Reflect.apply(fn, thisArg, args);
        return record.result;
      } catch (e) {
        record.error = e;
        throw e;
      } finally {
        ctx[kRecord](record); // recorded after the call, as Node does (calls made inside come first)
      }
    },
    construct(target, args, newTarget) {
      const record = { arguments: args, error: undefined, result: undefined, stack: new Error(), target: newTarget, this: undefined };
      const fn = ctx[kImpl]();
      try {
        record.result = Reflect.construct(fn, args, newTarget === proxy ? fn : newTarget);
        record.this = record.result;
        return record.result;
      } catch (e) {
        record.error = e;
        throw e;
      } finally {
        ctx[kRecord](record);
      }
    },
    get(target, prop, receiver) {
      if (prop === "mock") return ctx;
      return Reflect.get(target, prop, receiver);
    },
  });
  return { proxy, ctx };
}

// MockTracker creates mocks and remembers them so that reset()/restoreAll() can undo them.
export class MockTracker {
  #mocks = [];

  /** mock.fn([original[, implementation]][, options]) */
  fn(original = function original() {}, implementation = original, options = {}) {
    if (original !== null && typeof original === "object") {
      options = original;
      original = function original() {};
      implementation = original;
    } else if (implementation !== null && typeof implementation === "object") {
      options = implementation;
      implementation = original;
    }
    checkFunction(original, "original");
    checkFunction(implementation, "implementation");
    checkObject(options, "options");
    const { proxy, ctx } = makeMock(original, implementation, undefined, checkTimes(options.times));
    this.#mocks.push(ctx);
    return proxy;
  }

  /** mock.method(object, methodName[, implementation][, options]) */
  method(object, methodName, implementation, options = {}) {
    checkObject(object, "object");
    if (implementation !== null && typeof implementation === "object" && typeof implementation !== "function") {
      options = implementation;
      implementation = undefined;
    }
    checkObject(options, "options");
    const { getter = false, setter = false } = options;
    if (getter && setter) {
      throw new CodedTypeError("ERR_INVALID_ARG_VALUE", "The property 'options.setter' cannot be used with 'options.getter'.");
    }
    const desc = findDescriptor(object, methodName);
    const kind = getter ? "get" : setter ? "set" : "value";
    const original = desc?.[kind];
    if (typeof original !== "function") {
      const what = getter ? "getter" : setter ? "setter" : "method";
      throw new CodedTypeError("ERR_INVALID_ARG_VALUE",
        `The argument 'methodName' must be a ${what}. Received ${original === undefined ? "undefined" : typeof original}`);
    }
    if (implementation === undefined) implementation = original;
    checkFunction(implementation, "implementation");
    const own = Object.getOwnPropertyDescriptor(object, methodName);
    const restore = () => {
      if (own) Object.defineProperty(object, methodName, own);
      else delete object[methodName];
    };
    const { proxy, ctx } = makeMock(original, implementation, restore, checkTimes(options.times));
    Object.defineProperty(object, methodName, {
      configurable: true,
      enumerable: desc.enumerable,
      ...(kind === "value" ? { value: proxy, writable: desc.writable ?? true } : { get: desc.get, set: desc.set, [kind]: proxy }),
    });
    this.#mocks.push(ctx);
    return proxy;
  }

  getter(object, methodName, implementation, options = {}) {
    if (implementation !== null && typeof implementation === "object" && typeof implementation !== "function") {
      options = implementation;
      implementation = undefined;
    }
    if (options.getter === false) {
      throw new CodedTypeError("ERR_INVALID_ARG_VALUE", "The property 'options.getter' cannot be false.");
    }
    return this.method(object, methodName, implementation, { ...options, getter: true });
  }

  setter(object, methodName, implementation, options = {}) {
    if (implementation !== null && typeof implementation === "object" && typeof implementation !== "function") {
      options = implementation;
      implementation = undefined;
    }
    if (options.setter === false) {
      throw new CodedTypeError("ERR_INVALID_ARG_VALUE", "The property 'options.setter' cannot be false.");
    }
    return this.method(object, methodName, implementation, { ...options, setter: true });
  }

  /** mock.property(object, propertyName[, value]): a proxy of object whose .mock records accesses. */
  property(object, propertyName, value) {
    checkObject(object, "object");
    const desc = findDescriptor(object, propertyName);
    if (!desc) {
      throw new CodedTypeError("ERR_INVALID_ARG_VALUE",
        `The argument 'propertyName' is not a property of the object. Received '${String(propertyName)}'`);
    }
    const own = Object.getOwnPropertyDescriptor(object, propertyName);
    if (arguments.length < 3) value = desc.get ? desc.get.call(object) : desc.value;
    const restore = () => {
      if (own) Object.defineProperty(object, propertyName, own);
      else delete object[propertyName];
    };
    const ctx = new MockPropertyContext(kSetup, value, restore);
    Object.defineProperty(object, propertyName, {
      configurable: true,
      enumerable: desc.enumerable,
      get: () => ctx[kSetup]("get"),
      set: (v) => { ctx[kSetup]("set", v); },
    });
    this.#mocks.push(ctx);
    return new Proxy(object, {
      get(target, prop, receiver) {
        if (prop === "mock") return ctx;
        return Reflect.get(target, prop, receiver);
      },
    });
  }

  /** Restores every mock's original and forgets them. */
  reset() {
    this.restoreAll();
    this.#mocks = [];
  }

  /** Restores every mock's original; the mocks stay usable. */
  restoreAll() {
    for (const m of this.#mocks) m.restore();
  }
}

export const mock = new MockTracker();

export default { MockFunctionContext, MockTracker, mock };
