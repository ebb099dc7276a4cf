// ECMAScript built-ins that workerd's newer V8 has and ours (V8 11) lacks, written from the
// specification so that code written for workerd runs here. Installed before everything else.
// Each one is only added when missing; all are non-enumerable like the real built-ins, with the
// spec's `length` and `name`, and throw the errors V8 throws, worded as V8 words them.
//
// Not polyfillable and so absent: resizable ArrayBuffers (resize, SharedArrayBuffer.grow),
// ArrayBuffer.prototype.transfer/detached (need a native detach), Float16Array (an exotic
// object), JSON.parse source text access, and syntax (RegExp v flag and modifiers, `using`).
import { native } from "./native.js";
import { DOMException } from "./domexception.js";

// The runtime bundle is a sloppy-mode script; the built-ins must see `this` unconverted (null
// stays null, 1 is not boxed) as built-ins do, so everything is defined in strict code.
function defineAll() {
  "use strict";

  const { apply, construct, ownKeys, getPrototypeOf } = Reflect;
  const { defineProperty, getOwnPropertyDescriptor } = Object;
  const objToString = Object.prototype.toString;
  const MAX_SAFE = Number.MAX_SAFE_INTEGER;

  const isObject = (v) => (typeof v === "object" && v !== null) || typeof v === "function";
  const isCallable = (v) => typeof v === "function";
  function isConstructor(v) {
    if (typeof v !== "function") return false;
    try {
      construct(String, [], v);
      return true;
    } catch {
      return false;
    }
  }

  // How V8 shows a value in "x is not a function" and similar messages.
  function show(v) {
    if (typeof v === "string") return `"${v}"`;
    if (typeof v === "symbol") return String(v);
    if (typeof v === "function") return String(v);
    if (isObject(v)) {
      if (Array.isArray(v)) return v.length === 0 ? "" : String(v);
      let name = "Object";
      try {
        const c = v.constructor;
        if (typeof c === "function" && c.name) name = c.name;
      } catch {}
      return `#<${name}>`;
    }
    return String(v);
  }
  // V8's Torque builtins (iterator helpers) show the type first: `string "s"`, `object null`.
  function showTyped(v) {
    if (v === undefined) return "undefined";
    if (v === null) return "object null";
    if (typeof v === "object") return "object";
    if (typeof v === "symbol") return "symbol";
    if (typeof v === "string") return `string "${v}"`;
    return `${typeof v} ${String(v)}`;
  }
  const notFunction = (v) => new TypeError(`${show(v)} is not a function`);
  const incompatible = (method, v) =>
    new TypeError(`Method ${method} called on incompatible receiver ${isObject(v) ? show(v) : String(v)}`);

  function toIntegerOrInfinity(v) {
    const n = +v;
    if (n !== n || n === 0) return 0;
    return Math.trunc(n);
  }
  function lengthOfArrayLike(o) {
    const n = toIntegerOrInfinity(o.length);
    return n <= 0 ? 0 : Math.min(n, MAX_SAFE);
  }
  const toPropertyKey = (k) => ownKeys({ [k]: 0 })[0];
  const ArrayCtor = Array;
  const arrayCreate = (n) => new ArrayCtor(n); // RangeError "Invalid array length" past 2^32-1
  function createDataProperty(o, k, v) {
    defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
  }

  // Installs methods (object literal members keep their names and lengths) as non-enumerable.
  function install(target, members) {
    for (const key of ownKeys(members)) {
      if (key in target) continue;
      const d = getOwnPropertyDescriptor(members, key);
      d.enumerable = false;
      defineProperty(target, key, d);
    }
  }

  // ---- iterator records (the spec's GetIterator / IteratorStepValue / IteratorClose)

  const DONE = Symbol("done");
  function getIteratorDirect(obj) {
    return { iterator: obj, next: obj.next };
  }
  function stepValue(rec) {
    const r = apply(rec.next, rec.iterator, []);
    if (!isObject(r)) throw new TypeError(`Iterator result ${show(r)} is not an object`);
    if (r.done) return DONE;
    return r.value;
  }
  // IteratorClose for a normal completion: errors from return() propagate.
  function closeNormal(iterator) {
    const ret = iterator.return;
    if (ret === undefined || ret === null) return;
    if (!isCallable(ret)) throw notFunction(ret);
    const r = apply(ret, iterator, []);
    if (!isObject(r)) throw new TypeError(`Iterator result ${show(r)} is not an object`);
  }
  // IteratorClose for a throw completion: the original error wins.
  function closeThrow(iterator, error) {
    try {
      const ret = iterator.return;
      if (ret !== undefined && ret !== null) apply(ret, iterator, []);
    } catch {}
    throw error;
  }
  function getIterator(obj, what) {
    const method = obj == null ? undefined : obj[Symbol.iterator];
    if (!isCallable(method)) {
      const shown = isObject(obj) || obj == null ? show(obj) : objToString.call(obj);
      throw new TypeError(`${what ?? shown} is not iterable`);
    }
    const it = apply(method, obj, []);
    if (!isObject(it)) throw new TypeError(`Result of the Symbol.iterator method is not an object`);
    return getIteratorDirect(it);
  }

  // ---- Promise

  function newPromiseCapability(C) {
    if (!isConstructor(C)) throw new TypeError(`${show(C)} is not a constructor`);
    let resolve, reject;
    const promise = new C((res, rej) => {
      if (resolve !== undefined || reject !== undefined) {
        throw new TypeError("Promise executor has already been invoked with non-undefined arguments");
      }
      resolve = res;
      reject = rej;
    });
    if (!isCallable(resolve) || !isCallable(reject)) throw new TypeError("Promise resolve or reject function is not callable");
    return { promise, resolve, reject };
  }

  install(Promise, {
    withResolvers() {
      if (!isObject(this)) throw new TypeError("Promise.withResolvers called on non-object");
      const { promise, resolve, reject } = newPromiseCapability(this);
      return { promise, resolve, reject };
    },
    try(callbackfn, ...args) {
      if (!isObject(this)) throw new TypeError("Promise.try called on non-object");
      const cap = newPromiseCapability(this);
      try {
        cap.resolve(apply(callbackfn, undefined, args));
      } catch (e) {
        cap.reject(e);
      }
      return cap.promise;
    },
  });

  // ---- Array.fromAsync

  install(Array, {
    async fromAsync(asyncItems, mapfn = undefined, thisArg = undefined) {
      const C = this;
      const mapping = mapfn !== undefined;
      if (mapping && !isCallable(mapfn)) throw notFunction(mapfn);
      let usingAsync = asyncItems[Symbol.asyncIterator];
      if (usingAsync === null) usingAsync = undefined;
      let usingSync;
      if (usingAsync === undefined) {
        usingSync = asyncItems[Symbol.iterator];
        if (usingSync === null) usingSync = undefined;
      }
      if (usingAsync !== undefined || usingSync !== undefined) {
        const A = isConstructor(C) ? new C() : arrayCreate(0);
        const it = apply(usingAsync ?? usingSync, asyncItems, []);
        if (!isObject(it)) throw new TypeError("Result of the Symbol.asyncIterator method is not an object");
        const next = it.next;
        const close = async () => {
          const ret = it.return;
          if (ret !== undefined && ret !== null) {
            const r = apply(ret, it, []);
            if (usingAsync !== undefined) await r;
          }
        };
        for (let k = 0; ; k++) {
          if (k >= MAX_SAFE) {
            const err = new TypeError("Invalid array length");
            try { await close(); } catch {}
            throw err;
          }
          let r = apply(next, it, []);
          if (usingAsync !== undefined) r = await r;
          if (!isObject(r)) throw new TypeError(`Iterator result ${show(r)} is not an object`);
          if (r.done) {
            A.length = k;
            return A;
          }
          let value = r.value;
          try {
            // A sync iterator's values are awaited (CreateAsyncFromSyncIterator), and a rejection
            // closes it.
            if (usingAsync === undefined) value = await value;
            if (mapping) value = await apply(mapfn, thisArg, [value, k]);
            createDataProperty(A, k, value);
          } catch (e) {
            try { await close(); } catch {}
            throw e;
          }
        }
      }
      const arrayLike = Object(asyncItems);
      const len = lengthOfArrayLike(arrayLike);
      const A = isConstructor(C) ? new C(len) : arrayCreate(len);
      for (let k = 0; k < len; k++) {
        let value = await arrayLike[k];
        if (mapping) value = await apply(mapfn, thisArg, [value, k]);
        createDataProperty(A, k, value);
      }
      A.length = len;
      return A;
    },
  });

  // ---- Object.groupBy, Map.groupBy

  function groupBy(items, callback, name, property) {
    if (items == null) throw new TypeError(`${name} called on null or undefined`);
    if (!isCallable(callback)) throw notFunction(callback);
    const groups = new Map();
    const rec = getIterator(items);
    for (let k = 0; ; k++) {
      const value = stepValue(rec);
      if (value === DONE) return groups;
      let key;
      try {
        if (k >= MAX_SAFE) throw new TypeError("Invalid array length");
        key = callback(value, k);
        if (property) key = toPropertyKey(key);
        else if (key === 0) key = 0; // -0 becomes +0
      } catch (e) {
        closeThrow(rec.iterator, e);
      }
      const g = mapGet.call(groups, key);
      if (g) g.push(value);
      else mapSet.call(groups, key, [value]);
    }
  }
  const mapGet = Map.prototype.get;
  const mapSet = Map.prototype.set;
  const mapHas = Map.prototype.has;

  install(Object, {
    groupBy(items, callback) {
      const groups = groupBy(items, callback, "Object.groupBy", true);
      const obj = Object.create(null);
      for (const [k, v] of groups) createDataProperty(obj, k, v);
      return obj;
    },
  });
  install(Map, {
    groupBy(items, callback) {
      const groups = groupBy(items, callback, "Map.groupBy", false);
      const map = new Map();
      for (const [k, v] of groups) mapSet.call(map, k, v);
      return map;
    },
  });

  // ---- Map.prototype.getOrInsert, WeakMap.prototype.getOrInsert

  install(Map.prototype, {
    getOrInsert(key, value) {
      try {
        mapHas.call(this, key);
      } catch {
        throw incompatible("Map.prototype.getOrInsert", this);
      }
      if (key === 0) key = 0;
      if (mapHas.call(this, key)) return mapGet.call(this, key);
      mapSet.call(this, key, value);
      return value;
    },
    getOrInsertComputed(key, callbackfn) {
      try {
        mapHas.call(this, key);
      } catch {
        throw incompatible("Map.prototype.getOrInsertComputed", this);
      }
      if (!isCallable(callbackfn)) throw new TypeError("Map.prototype.getOrInsertComputed is not a function");
      if (key === 0) key = 0;
      if (mapHas.call(this, key)) return mapGet.call(this, key);
      const value = callbackfn(key);
      mapSet.call(this, key, value); // overwrites what the callback may have inserted
      return value;
    },
  });
  const weakHas = WeakMap.prototype.has;
  const weakGet = WeakMap.prototype.get;
  const weakSet = WeakMap.prototype.set;
  install(WeakMap.prototype, {
    getOrInsert(key, value) {
      try {
        weakHas.call(this, key);
      } catch {
        throw incompatible("WeakMap.prototype.getOrInsert", this);
      }
      if (weakHas.call(this, key)) return weakGet.call(this, key);
      weakSet.call(this, key, value); // throws "Invalid value used as weak map key"
      return value;
    },
    getOrInsertComputed(key, callbackfn) {
      try {
        weakHas.call(this, key);
      } catch {
        throw incompatible("WeakMap.prototype.getOrInsertComputed", this);
      }
      if (!isCallable(callbackfn)) throw new TypeError("WeakMap.prototype.getOrInsertComputed is not a function");
      if (weakHas.call(this, key)) return weakGet.call(this, key);
      weakSet.call(new WeakMap(), key, 0); // a key that cannot be held weakly throws here, before the call
      const value = callbackfn(key);
      weakSet.call(this, key, value);
      return value;
    },
  });

  // ---- Set methods

  const setSize = getOwnPropertyDescriptor(Set.prototype, "size").get;
  const setHas = Set.prototype.has;
  const setAdd = Set.prototype.add;
  const setDelete = Set.prototype.delete;
  const setValues = Set.prototype.values;
  const setIterNext = getPrototypeOf(new Set().values()).next;

  function thisSet(o, name) {
    try {
      setSize.call(o);
    } catch {
      throw incompatible(`Set.prototype.${name}`, o);
    }
    return o;
  }
  function setRecord(obj, name) {
    if (!isObject(obj)) throw new TypeError(`Set.prototype.${name} argument must be an object`);
    const rawSize = obj.size;
    const numSize = +rawSize;
    if (numSize !== numSize) throw new TypeError("The .size property is NaN");
    const size = toIntegerOrInfinity(numSize);
    if (size < 0) throw new RangeError(`'${size}' is an invalid size`);
    const has = obj.has;
    if (!isCallable(has)) throw new TypeError(`${showTyped("has")} is not a function`);
    const keys = obj.keys;
    if (!isCallable(keys)) throw new TypeError(`${showTyped("keys")} is not a function`);
    return { set: obj, size, has, keys };
  }
  function keysIterator(rec) {
    const it = apply(rec.keys, rec.set, []);
    if (!isObject(it)) throw new TypeError("Result of the keys method is not an object");
    return getIteratorDirect(it);
  }
  // The elements of a set without going through anything user code can replace.
  function elements(set) {
    const it = setValues.call(set);
    const out = [];
    for (let r = setIterNext.call(it); !r.done; r = setIterNext.call(it)) out.push(r.value);
    return out;
  }
  function copySet(set) {
    const r = new Set();
    for (const v of elements(set)) setAdd.call(r, v);
    return r;
  }
  const inOther = (rec, v) => Boolean(apply(rec.has, rec.set, [v]));

  install(Set.prototype, {
    union(other) {
      const O = thisSet(this, "union");
      const rec = setRecord(other, "union");
      const keys = keysIterator(rec);
      const result = copySet(O);
      for (let v = stepValue(keys); v !== DONE; v = stepValue(keys)) setAdd.call(result, v === 0 ? 0 : v);
      return result;
    },
    intersection(other) {
      const O = thisSet(this, "intersection");
      const rec = setRecord(other, "intersection");
      const result = new Set();
      if (setSize.call(O) <= rec.size) {
        const it = setValues.call(O);
        for (let r = setIterNext.call(it); !r.done; r = setIterNext.call(it)) {
          if (inOther(rec, r.value)) setAdd.call(result, r.value);
        }
      } else {
        const keys = keysIterator(rec);
        for (let v = stepValue(keys); v !== DONE; v = stepValue(keys)) {
          if (v === 0) v = 0;
          if (setHas.call(O, v)) setAdd.call(result, v);
        }
      }
      return result;
    },
    difference(other) {
      const O = thisSet(this, "difference");
      const rec = setRecord(other, "difference");
      const result = copySet(O);
      if (setSize.call(O) <= rec.size) {
        for (const e of elements(O)) if (inOther(rec, e)) setDelete.call(result, e);
      } else {
        const keys = keysIterator(rec);
        for (let v = stepValue(keys); v !== DONE; v = stepValue(keys)) setDelete.call(result, v === 0 ? 0 : v);
      }
      return result;
    },
    symmetricDifference(other) {
      const O = thisSet(this, "symmetricDifference");
      const rec = setRecord(other, "symmetricDifference");
      const keys = keysIterator(rec);
      const result = copySet(O);
      for (let v = stepValue(keys); v !== DONE; v = stepValue(keys)) {
        if (v === 0) v = 0;
        if (setHas.call(O, v)) setDelete.call(result, v);
        else setAdd.call(result, v);
      }
      return result;
    },
    isSubsetOf(other) {
      const O = thisSet(this, "isSubsetOf");
      const rec = setRecord(other, "isSubsetOf");
      if (setSize.call(O) > rec.size) return false;
      const it = setValues.call(O);
      for (let r = setIterNext.call(it); !r.done; r = setIterNext.call(it)) if (!inOther(rec, r.value)) return false;
      return true;
    },
    isSupersetOf(other) {
      const O = thisSet(this, "isSupersetOf");
      const rec = setRecord(other, "isSupersetOf");
      if (setSize.call(O) < rec.size) return false;
      const keys = keysIterator(rec);
      for (let v = stepValue(keys); v !== DONE; v = stepValue(keys)) {
        if (!setHas.call(O, v)) {
          closeNormal(keys.iterator);
          return false;
        }
      }
      return true;
    },
    isDisjointFrom(other) {
      const O = thisSet(this, "isDisjointFrom");
      const rec = setRecord(other, "isDisjointFrom");
      if (setSize.call(O) <= rec.size) {
        const it = setValues.call(O);
        for (let r = setIterNext.call(it); !r.done; r = setIterNext.call(it)) if (inOther(rec, r.value)) return false;
      } else {
        const keys = keysIterator(rec);
        for (let v = stepValue(keys); v !== DONE; v = stepValue(keys)) {
          if (setHas.call(O, v)) {
            closeNormal(keys.iterator);
            return false;
          }
        }
      }
      return true;
    },
  });

  // ---- change-array-by-copy

  const arraySort = Array.prototype.sort;
  function checkComparator(fn) {
    if (fn !== undefined && !isCallable(fn)) {
      throw new TypeError(`The comparison function must be either a function or undefined: ${show(fn)}`);
    }
  }
  function toObjectThis(v) {
    if (v == null) throw new TypeError("Cannot convert undefined or null to object");
    return Object(v);
  }

  install(Array.prototype, {
    toReversed() {
      const O = toObjectThis(this);
      const len = lengthOfArrayLike(O);
      const A = arrayCreate(len);
      for (let k = 0; k < len; k++) A[k] = O[len - k - 1];
      return A;
    },
    toSorted(comparefn) {
      checkComparator(comparefn);
      const O = toObjectThis(this);
      const len = lengthOfArrayLike(O);
      const A = arrayCreate(len);
      for (let k = 0; k < len; k++) A[k] = O[k];
      return apply(arraySort, A, [comparefn]);
    },
    toSpliced(start, skipCount, ...items) {
      const O = toObjectThis(this);
      const len = lengthOfArrayLike(O);
      const rel = toIntegerOrInfinity(start);
      const actualStart = rel === -Infinity ? 0 : rel < 0 ? Math.max(len + rel, 0) : Math.min(rel, len);
      let skip;
      if (arguments.length === 0) skip = 0;
      else if (arguments.length === 1) skip = len - actualStart;
      else skip = Math.min(Math.max(toIntegerOrInfinity(skipCount), 0), len - actualStart);
      const newLen = len + items.length - skip;
      if (newLen > MAX_SAFE) throw new TypeError("Invalid array length");
      const A = arrayCreate(newLen);
      let i = 0;
      let r = actualStart + skip;
      for (; i < actualStart; i++) A[i] = O[i];
      for (const e of items) A[i++] = e;
      for (; i < newLen; i++, r++) A[i] = O[r];
      return A;
    },
    with(index, value) {
      const O = toObjectThis(this);
      const len = lengthOfArrayLike(O);
      const rel = toIntegerOrInfinity(index);
      const actual = rel >= 0 ? rel : len + rel;
      if (actual >= len || actual < 0) throw new RangeError(`Invalid index : ${rel}`);
      const A = arrayCreate(len);
      for (let k = 0; k < len; k++) A[k] = k === actual ? value : O[k];
      return A;
    },
  });

  // with() is deliberately not unscopable. Rebuilt so the keys keep the spec's (alphabetical)
  // order.
  {
    const old = Array.prototype[Symbol.unscopables];
    if (!("toSorted" in old)) {
      const names = [...ownKeys(old), "toReversed", "toSorted", "toSpliced"].sort();
      const u = Object.create(null);
      for (const n of names) createDataProperty(u, n, true);
      defineProperty(Array.prototype, Symbol.unscopables, { value: u, writable: false, enumerable: false, configurable: true });
    }
  }

  const TypedArray = getPrototypeOf(Uint8Array);
  const TAProto = TypedArray.prototype;
  const taTag = getOwnPropertyDescriptor(TAProto, Symbol.toStringTag).get;
  const taLength = getOwnPropertyDescriptor(TAProto, "length").get;
  const taSort = TAProto.sort;
  const taSet = TAProto.set;
  const taCtors = {};
  for (const n of ["Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array",
    "Uint32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array"]) {
    taCtors[n] = globalThis[n];
  }
  // The typed array's own kind (not its species), or a TypeError naming the method.
  function typedArrayKind(o, method) {
    const tag = isObject(o) ? taTag.call(o) : undefined;
    if (tag === undefined) throw incompatible(`%TypedArray%.prototype.${method}`, objToString.call(o));
    return tag;
  }

  install(TAProto, {
    toReversed() {
      const C = taCtors[typedArrayKind(this, "toReversed")];
      const len = taLength.call(this);
      const A = new C(len);
      for (let k = 0; k < len; k++) A[k] = this[len - k - 1];
      return A;
    },
    toSorted(comparefn) {
      checkComparator(comparefn);
      const C = taCtors[typedArrayKind(this, "toSorted")];
      const A = new C(taLength.call(this));
      taSet.call(A, this);
      return taSort.call(A, comparefn);
    },
    with(index, value) {
      const kind = typedArrayKind(this, "with");
      const len = taLength.call(this);
      const rel = toIntegerOrInfinity(index);
      const actual = rel >= 0 ? rel : len + rel;
      // BigInt.asIntN performs exactly ToBigInt; the array keeps the low 64 bits either way.
      const v = kind.startsWith("Big") ? BigInt.asIntN(64, value) : +value;
      if (actual >= taLength.call(this) || actual < 0) throw new RangeError("Invalid typed array index");
      const A = new taCtors[kind](len);
      for (let k = 0; k < len; k++) A[k] = k === actual ? v : this[k];
      return A;
    },
  });

  // ---- String.prototype.isWellFormed / toWellFormed

  const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
  const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, "g");
  const regexpTest = RegExp.prototype.test;
  const stringReplace = String.prototype.replace;
  install(String.prototype, {
    isWellFormed() {
      if (this == null) throw new TypeError("String.prototype.isWellFormed called on null or undefined");
      return !regexpTest.call(LONE_SURROGATE, `${this}`);
    },
    toWellFormed() {
      if (this == null) throw new TypeError("String.prototype.toWellFormed called on null or undefined");
      return stringReplace.call(`${this}`, LONE_SURROGATES, "\ufffd");
    },
  });

  // ---- Iterator and iterator helpers

  const IteratorPrototype = getPrototypeOf(getPrototypeOf([][Symbol.iterator]()));
  const AsyncIteratorPrototype = getPrototypeOf(getPrototypeOf(getPrototypeOf((async function* () {})())));

  function Iterator() {
    if (new.target === undefined) throw new TypeError("Constructor Iterator requires 'new'");
    if (new.target === Iterator) throw new TypeError("Abstract class Iterator not directly constructable");
  }
  defineProperty(Iterator, "prototype", { value: IteratorPrototype, writable: false, enumerable: false, configurable: false });

  // The spec's SetterThatIgnoresPrototypeProperties: assigning on an inheriting object makes an
  // own property; assigning on Iterator.prototype itself fails.
  function ignoringSetter(key, label) {
    return function (v) {
      if (!isObject(this)) throw new TypeError(`set Iterator.prototype.${label} called on non-object`);
      if (this === IteratorPrototype) {
        throw new TypeError(`Cannot assign to read only property '${String(key)}' of object '[object Object]'`);
      }
      if (getOwnPropertyDescriptor(this, key) === undefined) createDataProperty(this, key, v);
      else this[key] = v;
    };
  }
  if (!("Iterator" in globalThis)) {
    const accessors = {
      get constructor() { return Iterator; },
      set constructor(v) { setCtor.call(this, v); },
      get [Symbol.toStringTag]() { return "Iterator"; },
      set [Symbol.toStringTag](v) { setTag.call(this, v); },
    };
    const setCtor = ignoringSetter("constructor", "constructor");
    const setTag = ignoringSetter(Symbol.toStringTag, "[Symbol.toStringTag]");
    for (const key of ["constructor", Symbol.toStringTag]) {
      const d = getOwnPropertyDescriptor(accessors, key);
      d.enumerable = false;
      defineProperty(IteratorPrototype, key, d);
    }
    defineProperty(globalThis, "Iterator", { value: Iterator, writable: true, enumerable: false, configurable: true });
  }

  // Iterator helper objects run a generator; the slots map gives each helper its generator, the
  // underlying iterator (closed by return() before the first next()) and whether it started.
  const helperSlots = new WeakMap();
  const IteratorHelperPrototype = Object.create(IteratorPrototype);
  install(IteratorHelperPrototype, {
    next() {
      const s = helperSlots.get(this);
      if (!s) throw incompatible("Iterator Helper.prototype.next", this);
      s.started = true;
      return s.gen.next();
    },
    return() {
      const s = helperSlots.get(this);
      if (!s) throw incompatible("Iterator Helper.prototype.return", this);
      if (!s.started) {
        s.started = true;
        s.gen.return();
        if (s.underlying) closeNormal(s.underlying);
        return { value: undefined, done: true };
      }
      return s.gen.return(undefined);
    },
  });
  defineProperty(IteratorHelperPrototype, Symbol.toStringTag, { value: "Iterator Helper", configurable: true });

  function helper(gen, underlying) {
    const h = Object.create(IteratorHelperPrototype);
    helperSlots.set(h, { gen, underlying, started: false });
    return h;
  }

  // Yields value; if the helper is returned while suspended there, closes the iterators.
  function* yieldClosing(value, ...iterators) {
    let resumed = false;
    try {
      yield value;
      resumed = true;
    } finally {
      if (!resumed) for (const it of iterators) closeNormal(it);
    }
  }

  function thisIterator(o, name) {
    if (!isObject(o)) throw new TypeError(`Iterator.prototype.${name} called on non-object`);
    return o;
  }
  // Argument errors close the underlying iterator first (the current spec text).
  function checkCallable(o, fn) {
    if (!isCallable(fn)) closeThrow(o, new TypeError(`${showTyped(fn)} is not a function`));
  }
  function checkLimit(o, limit) {
    let n;
    try {
      n = +limit;
    } catch (e) {
      closeThrow(o, e);
    }
    if (n !== n) closeThrow(o, new RangeError(`${String(limit)} must be positive`));
    const i = toIntegerOrInfinity(n);
    if (i < 0) closeThrow(o, new RangeError(`${String(limit)} must be positive`));
    return i;
  }
  function call(fn, rec, args) {
    try {
      return apply(fn, undefined, args);
    } catch (e) {
      closeThrow(rec.iterator, e);
    }
  }

  // GetIteratorFlattenable.
  function flattenable(obj, name, strings) {
    if (!isObject(obj) && !(strings && typeof obj === "string")) throw new TypeError(`${name} called on non-object`);
    const method = obj[Symbol.iterator];
    let it;
    if (method === undefined || method === null) it = obj;
    else {
      it = apply(method, obj, []);
      if (!isObject(it)) throw new TypeError(`${show(obj)} is not iterable`);
    }
    return getIteratorDirect(it);
  }

  const WrapForValidIteratorPrototype = Object.create(IteratorPrototype);
  const wrapped = new WeakMap();
  install(WrapForValidIteratorPrototype, {
    next() {
      const rec = wrapped.get(this);
      if (!rec) throw incompatible("%WrapForValidIteratorPrototype%.next", this);
      return apply(rec.next, rec.iterator, []);
    },
    return() {
      const rec = wrapped.get(this);
      if (!rec) throw incompatible("%WrapForValidIteratorPrototype%.return", this);
      const ret = rec.iterator.return;
      if (ret === undefined || ret === null) return { value: undefined, done: true };
      return apply(ret, rec.iterator, []);
    },
  });

  install(Iterator, {
    from(O) {
      const rec = flattenable(O, "Iterator.from", true);
      if (Object.prototype.isPrototypeOf.call(IteratorPrototype, rec.iterator)) return rec.iterator;
      const w = Object.create(WrapForValidIteratorPrototype);
      wrapped.set(w, rec);
      return w;
    },
    concat(...items) {
      const iterables = [];
      for (const item of items) {
        if (!isObject(item)) throw new TypeError("Iterator.concat called on non-object");
        const method = item[Symbol.iterator];
        if (!isCallable(method)) throw new TypeError(`${show(item)} is not iterable`);
        iterables.push([method, item]);
      }
      return helper((function* () {
        for (const [method, item] of iterables) {
          const it = apply(method, item, []);
          if (!isObject(it)) throw new TypeError(`${show(item)} is not iterable`);
          const rec = getIteratorDirect(it);
          for (let v = stepValue(rec); v !== DONE; v = stepValue(rec)) yield* yieldClosing(v, it);
        }
      })(), null);
    },
  });

  // Joint iteration: Iterator.zip and Iterator.zipKeyed.
  // IteratorCloseAll: closes in reverse order; a throw completion's error wins, otherwise the
  // first error from a return() method.
  function closeAll(iters, error) {
    let thrown = error !== undefined, err = error;
    for (let i = iters.length - 1; i >= 0; i--) {
      try {
        closeNormal(iters[i]);
      } catch (e) {
        if (!thrown) {
          thrown = true;
          err = e;
        }
      }
    }
    if (thrown) throw err;
  }
  function zipOptions(options) {
    if (options === undefined) options = Object.create(null);
    else if (!isObject(options)) throw new TypeError("options called on non-object");
    let mode = options.mode;
    if (mode === undefined) mode = "shortest";
    if (mode !== "shortest" && mode !== "longest" && mode !== "strict") {
      throw new TypeError("Iterator.zip mode must be 'shortest', 'longest', or 'strict'");
    }
    let padding;
    if (mode === "longest") {
      padding = options.padding;
      if (padding !== undefined && !isObject(padding)) throw new TypeError("padding called on non-object");
    }
    return { mode, padding };
  }
  function flattenableRejectStrings(value) {
    if (!isObject(value)) throw new TypeError(`${String(value)} is not iterable`);
    return flattenable(value, "Iterator.zip", false);
  }
  function zipIterator(recs, mode, padding, finish) {
    const open = recs.map((r) => r.iterator); // still-open iterators, in order
    const live = recs.slice();
    const drop = (it) => open.splice(open.indexOf(it), 1);
    const gen = (function* () {
      if (recs.length === 0) return;
      for (;;) {
        const results = [];
        for (let i = 0; i < live.length; i++) {
          const rec = live[i];
          let v;
          if (rec === null) {
            v = padding[i];
          } else {
            try {
              v = stepValue(rec);
            } catch (e) {
              drop(rec.iterator);
              closeAll(open, e);
            }
            if (v === DONE) {
              drop(rec.iterator);
              if (mode === "shortest") {
                closeAll(open);
                return;
              }
              if (mode === "strict") {
                const err = new TypeError("Iterators passed to Iterator.zip in 'strict' mode must have the same length");
                if (i !== 0) closeAll(open, err);
                for (let k = 1; k < live.length; k++) {
                  let r;
                  try {
                    r = stepValue(live[k]);
                  } catch (e) {
                    drop(live[k].iterator);
                    closeAll(open, e);
                  }
                  if (r === DONE) drop(live[k].iterator);
                  else closeAll(open, err);
                }
                return;
              }
              if (open.length === 0) return;
              live[i] = null;
              v = padding[i];
            }
          }
          results.push(v);
        }
        let resumed = false;
        try {
          yield finish(results);
          resumed = true;
        } finally {
          if (!resumed) closeAll(open);
        }
      }
    })();
    // Returned before the first next(): close every iterator (in reverse order).
    return helper(gen, { return() { closeAll(open); return {}; } });
  }
  function zipPadding(mode, padding, count, keys, iters) {
    const out = [];
    if (mode !== "longest") return out;
    if (padding === undefined) {
      for (let i = 0; i < count; i++) out.push(undefined);
      return out;
    }
    try {
      if (keys) {
        for (const k of keys) out.push(padding[k]);
        return out;
      }
      const rec = getIterator(padding);
      let using = true;
      for (let i = 0; i < count; i++) {
        let v = DONE;
        if (using) {
          v = stepValue(rec);
          if (v === DONE) using = false;
        }
        out.push(v === DONE ? undefined : v);
      }
      if (using) closeNormal(rec.iterator);
    } catch (e) {
      closeAll(iters, e);
    }
    return out;
  }
  install(Iterator, {
    zip(iterables, options = undefined) {
      if (!isObject(iterables)) throw new TypeError("Iterator.zip called on non-object");
      const { mode, padding } = zipOptions(options);
      const recs = [];
      const input = getIterator(iterables);
      for (;;) {
        let v;
        try {
          v = stepValue(input);
        } catch (e) {
          closeAll(recs.map((r) => r.iterator), e);
        }
        if (v === DONE) break;
        try {
          recs.push(flattenableRejectStrings(v));
        } catch (e) {
          closeAll([input.iterator, ...recs.map((r) => r.iterator)], e);
        }
      }
      const pad = zipPadding(mode, padding, recs.length, null, recs.map((r) => r.iterator));
      return zipIterator(recs, mode, pad, (results) => results);
    },
    zipKeyed(iterables, options = undefined) {
      if (!isObject(iterables)) throw new TypeError("Iterator.zipKeyed called on non-object");
      const { mode, padding } = zipOptions(options);
      const recs = [], keys = [];
      for (const key of ownKeys(iterables)) {
        try {
          const d = getOwnPropertyDescriptor(iterables, key);
          if (d === undefined || !d.enumerable) continue;
          const value = iterables[key];
          if (value === undefined) continue;
          recs.push(flattenableRejectStrings(value));
          keys.push(key);
        } catch (e) {
          closeAll(recs.map((r) => r.iterator), e);
        }
      }
      const pad = zipPadding(mode, padding, recs.length, keys, recs.map((r) => r.iterator));
      return zipIterator(recs, mode, pad, (results) => {
        const o = Object.create(null);
        results.forEach((v, i) => createDataProperty(o, keys[i], v));
        return o;
      });
    },
  });

  install(IteratorPrototype, {
    reduce(reducer, ...initialValue) {
      const O = thisIterator(this, "reduce");
      checkCallable(O, reducer);
      const rec = getIteratorDirect(O);
      let acc, counter;
      if (initialValue.length === 0) {
        acc = stepValue(rec);
        if (acc === DONE) throw new TypeError("Reduce of a done iterator with no initial value");
        counter = 1;
      } else {
        acc = initialValue[0];
        counter = 0;
      }
      for (;; counter++) {
        const v = stepValue(rec);
        if (v === DONE) return acc;
        acc = call(reducer, rec, [acc, v, counter]);
      }
    },
    toArray() {
      const O = thisIterator(this, "toArray");
      const rec = getIteratorDirect(O);
      const items = [];
      for (let v = stepValue(rec); v !== DONE; v = stepValue(rec)) items.push(v);
      return items;
    },
    forEach(fn) {
      const O = thisIterator(this, "forEach");
      checkCallable(O, fn);
      const rec = getIteratorDirect(O);
      for (let counter = 0; ; counter++) {
        const v = stepValue(rec);
        if (v === DONE) return undefined;
        call(fn, rec, [v, counter]);
      }
    },
    some(predicate) {
      const O = thisIterator(this, "some");
      checkCallable(O, predicate);
      const rec = getIteratorDirect(O);
      for (let counter = 0; ; counter++) {
        const v = stepValue(rec);
        if (v === DONE) return false;
        if (call(predicate, rec, [v, counter])) {
          closeNormal(O);
          return true;
        }
      }
    },
    every(predicate) {
      const O = thisIterator(this, "every");
      checkCallable(O, predicate);
      const rec = getIteratorDirect(O);
      for (let counter = 0; ; counter++) {
        const v = stepValue(rec);
        if (v === DONE) return true;
        if (!call(predicate, rec, [v, counter])) {
          closeNormal(O);
          return false;
        }
      }
    },
    find(predicate) {
      const O = thisIterator(this, "find");
      checkCallable(O, predicate);
      const rec = getIteratorDirect(O);
      for (let counter = 0; ; counter++) {
        const v = stepValue(rec);
        if (v === DONE) return undefined;
        if (call(predicate, rec, [v, counter])) {
          closeNormal(O);
          return v;
        }
      }
    },
    map(mapper) {
      const O = thisIterator(this, "map");
      checkCallable(O, mapper);
      const rec = getIteratorDirect(O);
      return helper((function* () {
        for (let counter = 0; ; counter++) {
          const v = stepValue(rec);
          if (v === DONE) return;
          yield* yieldClosing(call(mapper, rec, [v, counter]), O);
        }
      })(), O);
    },
    filter(predicate) {
      const O = thisIterator(this, "filter");
      checkCallable(O, predicate);
      const rec = getIteratorDirect(O);
      return helper((function* () {
        for (let counter = 0; ; counter++) {
          const v = stepValue(rec);
          if (v === DONE) return;
          if (call(predicate, rec, [v, counter])) yield* yieldClosing(v, O);
        }
      })(), O);
    },
    take(limit) {
      const O = thisIterator(this, "take");
      let remaining = checkLimit(O, limit);
      const rec = getIteratorDirect(O);
      return helper((function* () {
        for (;;) {
          if (remaining === 0) {
            closeNormal(O);
            return;
          }
          if (remaining !== Infinity) remaining--;
          const v = stepValue(rec);
          if (v === DONE) return;
          yield* yieldClosing(v, O);
        }
      })(), O);
    },
    drop(limit) {
      const O = thisIterator(this, "drop");
      let remaining = checkLimit(O, limit);
      const rec = getIteratorDirect(O);
      return helper((function* () {
        while (remaining > 0) {
          if (remaining !== Infinity) remaining--;
          if (stepValue(rec) === DONE) return;
        }
        for (;;) {
          const v = stepValue(rec);
          if (v === DONE) return;
          yield* yieldClosing(v, O);
        }
      })(), O);
    },
    flatMap(mapper) {
      const O = thisIterator(this, "flatMap");
      checkCallable(O, mapper);
      const rec = getIteratorDirect(O);
      return helper((function* () {
        for (let counter = 0; ; counter++) {
          const v = stepValue(rec);
          if (v === DONE) return;
          const mapped = call(mapper, rec, [v, counter]);
          let inner;
          try {
            inner = flattenable(mapped, "Iterator.prototype.flatMap", false);
          } catch (e) {
            closeThrow(O, e);
          }
          for (;;) {
            let iv;
            try {
              iv = stepValue(inner);
            } catch (e) {
              closeThrow(O, e);
            }
            if (iv === DONE) break;
            let resumed = false;
            try {
              yield iv;
              resumed = true;
            } finally {
              if (!resumed) {
                try {
                  closeNormal(inner.iterator);
                } finally {
                  closeNormal(O);
                }
              }
            }
          }
        }
      })(), O);
    },
    join(separator) {
      const O = thisIterator(this, "join");
      let sep = ",";
      if (separator !== undefined) {
        try {
          sep = `${separator}`;
        } catch (e) {
          closeThrow(O, e);
        }
      }
      const rec = getIteratorDirect(O);
      let out = "";
      for (let first = true; ; first = false) {
        const v = stepValue(rec);
        if (v === DONE) return out;
        if (!first) out += sep;
        if (v !== null && v !== undefined) {
          try {
            out += `${v}`;
          } catch (e) {
            closeThrow(O, e);
          }
        }
      }
    },
    includes(searchElement, skippedElements = undefined) {
      const O = thisIterator(this, "includes");
      let skip = 0;
      if (skippedElements !== undefined) {
        const n = skippedElements;
        if (typeof n !== "number" || !(Number.isInteger(n) || n === Infinity || n === -Infinity)) {
          closeThrow(O, new TypeError("skippedElements argument must be undefined or an integer"));
        }
        if (n < 0) closeThrow(O, new RangeError(`${n} must be positive`));
        skip = n;
      }
      const rec = getIteratorDirect(O);
      for (;;) {
        const v = stepValue(rec);
        if (v === DONE) return false;
        if (skip > 0) {
          skip--;
          continue;
        }
        if (v === searchElement || (v !== v && searchElement !== searchElement)) {
          closeNormal(O);
          return true;
        }
      }
    },
  });

  // ---- RegExp.escape

  const SYNTAX = "^$\\.*+?()[]{}|/";
  const CONTROL = { "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f", "\r": "\\r" };
  const OTHER_PUNCTUATORS = ",-=<>#&!%:;@~'`\"";
  const WHITESPACE = /^[\t\v\f \u00a0\ufeff\u1680\u2000-\u200a\u202f\u205f\u3000\n\r\u2028\u2029]$/;
  const hex = (n, w) => n.toString(16).padStart(w, "0");
  install(RegExp, {
    escape(S) {
      if (typeof S !== "string") throw new TypeError("input argument must be a string");
      let out = "";
      for (const ch of S) {
        const c = ch.codePointAt(0);
        if (out === "" && ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a))) {
          out += "\\x" + hex(c, 2);
        } else if (SYNTAX.includes(ch)) {
          out += "\\" + ch;
        } else if (ch in CONTROL) {
          out += CONTROL[ch];
        } else if (OTHER_PUNCTUATORS.includes(ch) || regexpTest.call(WHITESPACE, ch) || (c >= 0xd800 && c <= 0xdfff)) {
          out += c <= 0xff ? "\\x" + hex(c, 2) : "\\u" + hex(c, 4);
        } else {
          out += ch;
        }
      }
      return out;
    },
  });

  // ---- Math.sumPrecise, Math.f16round

  // Every finite double is an integer multiple of 2^-1074: sum those integers exactly as BigInts,
  // then round once.
  const f64 = new Float64Array(1);
  const u32 = new Uint32Array(f64.buffer);
  const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  function scaledBigInt(x) {
    f64[0] = x;
    const hi = u32[LITTLE ? 1 : 0], lo = u32[LITTLE ? 0 : 1];
    const exp = (hi >>> 20) & 0x7ff;
    let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
    if (exp !== 0) m = (m | (1n << 52n)) << BigInt(exp - 1);
    return hi >>> 31 ? -m : m;
  }
  function bigIntToDouble(n) {
    if (n === 0n) return 0;
    const neg = n < 0n;
    if (neg) n = -n;
    const bits = n.toString(2).length;
    let result;
    if (bits <= 53) {
      result = Number(n) * 2 ** -1074; // exact, subnormals included
    } else {
      const shift = bits - 53;
      let q = n >> BigInt(shift);
      const rem = n - (q << BigInt(shift));
      const half = 1n << BigInt(shift - 1);
      if (rem > half || (rem === half && (q & 1n) === 1n)) q++;
      const e = shift - 1074;
      const e1 = Math.trunc(e / 2);
      result = Number(q) * 2 ** e1 * 2 ** (e - e1);
    }
    return neg ? -result : result;
  }
  install(Math, {
    sumPrecise(items) {
      if (items == null) throw new TypeError("Math.sumPrecise called on null or undefined");
      const rec = getIterator(items);
      let state = "minus-zero"; // or "finite", "+inf", "-inf", "nan"
      let sum = 0n;
      for (let count = 0; ; count++) {
        const v = stepValue(rec);
        if (v === DONE) break;
        if (count >= MAX_SAFE) closeThrow(rec.iterator, new RangeError("Too many values"));
        if (typeof v !== "number") {
          closeThrow(rec.iterator, new TypeError(`Type of 'Iterator value' must be 'number', found '${v === null ? "object" : typeof v}'`));
        }
        if (state === "nan") continue;
        if (v !== v) state = "nan";
        else if (v === Infinity) state = state === "-inf" ? "nan" : "+inf";
        else if (v === -Infinity) state = state === "+inf" ? "nan" : "-inf";
        else if (state !== "+inf" && state !== "-inf" && !(v === 0 && 1 / v < 0)) {
          state = "finite";
          sum += scaledBigInt(v);
        }
      }
      switch (state) {
        case "nan": return NaN;
        case "+inf": return Infinity;
        case "-inf": return -Infinity;
        case "minus-zero": return -0;
      }
      return bigIntToDouble(sum);
    },
  });

  // Rounds to the nearest binary16 value (ties to even), as a double.
  function f16round(n) {
    if (n !== n || n === 0 || n === Infinity || n === -Infinity) return n;
    const a = Math.abs(n);
    let r;
    if (a >= 65520) r = Infinity;
    else {
      let e = Math.floor(Math.log2(a));
      if (2 ** e > a) e--;
      else if (2 ** (e + 1) <= a) e++;
      const quantum = 2 ** (Math.max(e, -14) - 10);
      const v = a / quantum;
      const f = Math.floor(v);
      const d = v - f;
      r = (d > 0.5 || (d === 0.5 && f % 2 === 1) ? f + 1 : f) * quantum;
    }
    return n < 0 ? -r : r;
  }
  function f16bits(n) {
    if (n !== n) return 0x7e00;
    const r = f16round(n);
    const sign = r < 0 || (r === 0 && 1 / r < 0) ? 0x8000 : 0;
    const a = Math.abs(r);
    if (a === Infinity) return sign | 0x7c00;
    if (a < 2 ** -14) return sign | (a / 2 ** -24); // subnormal (or zero)
    let e = Math.floor(Math.log2(a));
    if (2 ** e > a) e--;
    else if (2 ** (e + 1) <= a) e++;
    return sign | ((e + 15) << 10) | (a / 2 ** e * 1024 - 1024);
  }
  function f16value(bits) {
    const sign = bits & 0x8000 ? -1 : 1;
    const e = (bits >> 10) & 0x1f;
    const m = bits & 0x3ff;
    if (e === 0) return sign * m * 2 ** -24;
    if (e === 0x1f) return m ? NaN : sign * Infinity;
    return sign * (1024 + m) * 2 ** (e - 25);
  }
  install(Math, {
    f16round(x) {
      return f16round(+x);
    },
  });

  const dvByteOffset = getOwnPropertyDescriptor(DataView.prototype, "byteOffset").get;
  const dvGetUint16 = DataView.prototype.getUint16;
  const dvSetUint16 = DataView.prototype.setUint16;
  function thisDataView(o, method) {
    try {
      dvByteOffset.call(o);
    } catch {
      throw incompatible(`DataView.prototype.${method}`, o);
    }
  }
  function toIndex(v) {
    const i = toIntegerOrInfinity(v);
    if (i < 0 || i > MAX_SAFE) throw new RangeError("Offset is outside the bounds of the DataView");
    return i;
  }
  install(DataView.prototype, {
    getFloat16(byteOffset, littleEndian = undefined) {
      thisDataView(this, "getFloat16");
      return f16value(dvGetUint16.call(this, toIndex(byteOffset), Boolean(littleEndian)));
    },
    setFloat16(byteOffset, value, littleEndian = undefined) {
      thisDataView(this, "setFloat16");
      const i = toIndex(byteOffset);
      const bits = f16bits(+value);
      dvSetUint16.call(this, i, bits, Boolean(littleEndian));
    },
  });

  // ---- Error.isError, Atomics.pause

  const isPrototypeOf = Object.prototype.isPrototypeOf;
  install(Error, {
    isError(arg) {
      // Only objects with an error's internal slot; workerd's DOMException is not one.
      return isObject(arg) && native.isError(arg) && !isPrototypeOf.call(DOMException.prototype, arg);
    },
  });
  install(Atomics, {
    pause(N = undefined) {
      if (N !== undefined && !Number.isInteger(N)) {
        throw new TypeError("Atomics.pause argument must be undefined or an integer");
      }
    },
  });

  // ---- Uint8Array base64 and hex

  const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const B64_VALUE = new Map([...B64].map((c, i) => [c, i]));
  const BAD_CHAR = "Found a character that cannot be part of a valid base64 string.";
  const SINGLE = "The base64 input terminates with a single character, excluding padding (=).";
  const EXTRA_BITS = "The base64 input terminates with non-zero padding bits.";
  const HEX_ERROR = "Input string must contain hex characters in even length";

  function optionsObject(options) {
    if (options === undefined) return Object.create(null);
    if (!isObject(options)) throw new TypeError("invalid_argument");
    return options;
  }
  function alphabetOption(opts) {
    let a = opts.alphabet;
    if (a === undefined) a = "base64";
    if (a !== "base64" && a !== "base64url") throw new TypeError(`invalid option ${String(a)}`);
    return a;
  }
  function lastChunkOption(opts) {
    let l = opts.lastChunkHandling;
    if (l === undefined) l = "loose";
    if (l !== "loose" && l !== "strict" && l !== "stop-before-partial") throw new TypeError(`invalid option ${String(l)}`);
    return l;
  }
  function thisUint8Array(o, method) {
    if (!isObject(o) || (isObject(o) && taTag.call(o) !== "Uint8Array")) {
      throw incompatible(`Uint8Array.prototype.${method}`, objToString.call(o));
    }
    return o;
  }
  const isWhite = (c) => c === " " || c === "\t" || c === "\n" || c === "\f" || c === "\r";

  function decodeChunk(chunk, bytes, strict) {
    const n = chunk.length;
    let v = 0;
    for (let i = 0; i < 4; i++) v = (v << 6) | (i < n ? B64_VALUE.get(chunk[i]) : 0);
    const b = [(v >> 16) & 255, (v >> 8) & 255, v & 255];
    if (n === 2) {
      if (strict && b[1] !== 0) return EXTRA_BITS;
      bytes.push(b[0]);
    } else if (n === 3) {
      if (strict && b[2] !== 0) return EXTRA_BITS;
      bytes.push(b[0], b[1]);
    } else {
      bytes.push(b[0], b[1], b[2]);
    }
    return null;
  }

  // The spec's FromBase64: {read, bytes, error} where error is a SyntaxError message or null.
  function fromBase64(s, alphabet, lastChunk, maxLength = MAX_SAFE) {
    const bytes = [];
    if (maxLength === 0) return { read: 0, bytes, error: null };
    let read = 0, chunk = "", index = 0;
    const length = s.length;
    const skip = (i) => { while (i < length && isWhite(s[i])) i++; return i; };
    for (;;) {
      index = skip(index);
      if (index === length) {
        if (chunk.length > 0) {
          if (lastChunk === "stop-before-partial") return { read, bytes, error: null };
          if (lastChunk === "loose") {
            if (chunk.length === 1) return { read, bytes, error: SINGLE };
            decodeChunk(chunk, bytes, false);
          } else {
            return { read, bytes, error: SINGLE };
          }
        }
        return { read: length, bytes, error: null };
      }
      let c = s[index++];
      if (c === "=") {
        if (chunk.length < 2) return { read, bytes, error: chunk.length === 1 ? SINGLE : BAD_CHAR };
        index = skip(index);
        if (chunk.length === 2) {
          if (index === length) {
            if (lastChunk === "stop-before-partial") return { read, bytes, error: null };
            return { read, bytes, error: BAD_CHAR };
          }
          if (s[index] === "=") index = skip(index + 1);
        }
        if (index < length) return { read, bytes, error: BAD_CHAR };
        const err = decodeChunk(chunk, bytes, lastChunk === "strict");
        if (err) return { read, bytes, error: err };
        return { read: length, bytes, error: null };
      }
      if (alphabet === "base64url") {
        if (c === "+" || c === "/") return { read, bytes, error: BAD_CHAR };
        if (c === "-") c = "+";
        else if (c === "_") c = "/";
      }
      if (!B64_VALUE.has(c)) return { read, bytes, error: BAD_CHAR };
      const remaining = maxLength - bytes.length;
      if ((remaining === 1 && chunk.length === 2) || (remaining === 2 && chunk.length === 3)) {
        return { read, bytes, error: null };
      }
      chunk += c;
      if (chunk.length === 4) {
        decodeChunk(chunk, bytes, false);
        chunk = "";
        read = index;
        if (bytes.length === maxLength) return { read, bytes, error: null };
      }
    }
  }
  function fromHex(s, maxLength = MAX_SAFE) {
    const bytes = [];
    if (s.length % 2 !== 0) return { read: 0, bytes, error: HEX_ERROR };
    let read = 0;
    while (read < s.length && bytes.length < maxLength) {
      const pair = s.slice(read, read + 2);
      if (!/^[0-9a-fA-F]{2}$/.test(pair)) return { read, bytes, error: HEX_ERROR };
      read += 2;
      bytes.push(parseInt(pair, 16));
    }
    return { read, bytes, error: null };
  }

  install(Uint8Array, {
    fromBase64(string, options = undefined) {
      if (typeof string !== "string") throw new TypeError("input argument must be a string");
      const opts = optionsObject(options);
      const alphabet = alphabetOption(opts);
      const lastChunk = lastChunkOption(opts);
      const r = fromBase64(string, alphabet, lastChunk);
      if (r.error) throw new SyntaxError(r.error);
      return new Uint8Array(r.bytes);
    },
    fromHex(string) {
      if (typeof string !== "string") throw new TypeError("input argument must be a string");
      const r = fromHex(string);
      if (r.error) throw new SyntaxError(r.error);
      return new Uint8Array(r.bytes);
    },
  });
  install(Uint8Array.prototype, {
    toBase64(options = undefined) {
      const O = thisUint8Array(this, "toBase64");
      const opts = optionsObject(options);
      const table = alphabetOption(opts) === "base64url" ? B64URL : B64;
      const omitPadding = Boolean(opts.omitPadding);
      const len = taLength.call(O);
      let out = "";
      for (let i = 0; i < len; i += 3) {
        const a = O[i], b = i + 1 < len ? O[i + 1] : 0, c = i + 2 < len ? O[i + 2] : 0;
        const n = (a << 16) | (b << 8) | c;
        out += table[n >> 18] + table[(n >> 12) & 63];
        if (i + 1 < len) out += table[(n >> 6) & 63];
        else if (!omitPadding) out += "=";
        if (i + 2 < len) out += table[n & 63];
        else if (!omitPadding) out += "=";
      }
      return out;
    },
    toHex() {
      const O = thisUint8Array(this, "toHex");
      const len = taLength.call(O);
      let out = "";
      for (let i = 0; i < len; i++) out += hex(O[i], 2);
      return out;
    },
    setFromBase64(string, options = undefined) {
      const into = thisUint8Array(this, "setFromBase64");
      if (typeof string !== "string") throw new TypeError("input argument must be a string");
      const opts = optionsObject(options);
      const alphabet = alphabetOption(opts);
      const lastChunk = lastChunkOption(opts);
      const r = fromBase64(string, alphabet, lastChunk, taLength.call(into));
      taSet.call(into, r.bytes);
      if (r.error) throw new SyntaxError(r.error);
      return { read: r.read, written: r.bytes.length };
    },
    setFromHex(string) {
      const into = thisUint8Array(this, "setFromHex");
      if (typeof string !== "string") throw new TypeError("input argument must be a string");
      const r = fromHex(string, taLength.call(into));
      taSet.call(into, r.bytes);
      if (r.error) throw new SyntaxError(r.error);
      return { read: r.read, written: r.bytes.length };
    },
  });

  // ---- JSON.rawJSON, JSON.isRawJSON
  // JSON.stringify stays V8's own until the first raw JSON object exists; from then on it runs
  // the specification's algorithm here, which emits raw JSON objects' text as it is.

  const rawObjects = new WeakSet();
  const nativeStringify = JSON.stringify;
  const nativeParse = JSON.parse;
  const brand = (proto, v) => {
    try {
      proto.valueOf.call(v);
      return true;
    } catch {
      return false;
    }
  };
  function describeCtor(o) {
    let name = "Object";
    try {
      const c = o.constructor;
      if (typeof c === "function" && c.name) name = c.name;
    } catch {}
    return `object with constructor '${name}'`;
  }
  function stringify(value, replacer, space) {
    const stack = [], keys = [];
    let indent = "", propertyList, replacerFn, gap = "";
    if (isObject(replacer)) {
      if (isCallable(replacer)) replacerFn = replacer;
      else if (Array.isArray(replacer)) {
        propertyList = [];
        const len = lengthOfArrayLike(replacer);
        for (let k = 0; k < len; k++) {
          const v = replacer[k];
          let item;
          if (typeof v === "string") item = v;
          else if (typeof v === "number") item = String(v);
          else if (isObject(v) && (brand(String.prototype, v) || brand(Number.prototype, v))) item = `${v}`;
          if (item !== undefined && !propertyList.includes(item)) propertyList.push(item);
        }
      }
    }
    if (isObject(space)) {
      if (brand(Number.prototype, space)) space = +space;
      else if (brand(String.prototype, space)) space = `${space}`;
    }
    if (typeof space === "number") gap = " ".repeat(Math.max(0, Math.min(10, toIntegerOrInfinity(space))));
    else if (typeof space === "string") gap = space.slice(0, 10);

    function property(key, holder) {
      let value = holder[key];
      if (isObject(value) || typeof value === "bigint") {
        const toJSON = value.toJSON;
        if (isCallable(toJSON)) value = apply(toJSON, value, [key]);
      }
      if (replacerFn) value = apply(replacerFn, holder, [key, value]);
      if (isObject(value)) {
        if (rawObjects.has(value)) return value.rawJSON;
        if (brand(Number.prototype, value)) value = +value;
        else if (brand(String.prototype, value)) value = `${value}`;
        else if (brand(Boolean.prototype, value)) value = Boolean.prototype.valueOf.call(value);
        else if (brand(BigInt.prototype, value)) value = BigInt.prototype.valueOf.call(value);
      }
      if (value === null) return "null";
      if (value === true) return "true";
      if (value === false) return "false";
      if (typeof value === "string") return nativeStringify(value);
      if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
      if (typeof value === "bigint") throw new TypeError("Do not know how to serialize a BigInt");
      if (isObject(value) && !isCallable(value)) return Array.isArray(value) ? array(value, key) : object(value, key);
      return undefined;
    }
    function enter(value, key) {
      const at = stack.indexOf(value);
      if (at >= 0) {
        const step = (holder, k) => (Array.isArray(holder) ? `index ${k}` : `property '${k}'`);
        let msg = "Converting circular structure to JSON\n    --> starting at " + describeCtor(stack[at]);
        for (let j = at + 1; j < stack.length; j++) msg += `\n    |     ${step(stack[j - 1], keys[j])} -> ${describeCtor(stack[j])}`;
        msg += `\n    --- ${step(stack[stack.length - 1], key)} closes the circle`;
        throw new TypeError(msg);
      }
      stack.push(value);
      keys.push(key);
    }
    function leave() {
      stack.pop();
      keys.pop();
    }
    function wrap(open, close, partial, stepback) {
      if (partial.length === 0) return open + close;
      if (gap === "") return open + partial.join(",") + close;
      return `${open}\n${indent}${partial.join(`,\n${indent}`)}\n${stepback}${close}`;
    }
    function object(value, key) {
      enter(value, key);
      const stepback = indent;
      indent += gap;
      const partial = [];
      for (const P of propertyList ?? Object.keys(value)) {
        const str = property(P, value);
        if (str !== undefined) partial.push(nativeStringify(P) + ":" + (gap ? " " : "") + str);
      }
      const out = wrap("{", "}", partial, stepback);
      leave();
      indent = stepback;
      return out;
    }
    function array(value, key) {
      enter(value, key);
      const stepback = indent;
      indent += gap;
      const partial = [];
      const len = lengthOfArrayLike(value);
      for (let i = 0; i < len; i++) partial.push(property(String(i), value) ?? "null");
      const out = wrap("[", "]", partial, stepback);
      leave();
      indent = stepback;
      return out;
    }
    const wrapper = {};
    createDataProperty(wrapper, "", value);
    return property("", wrapper);
  }

  if (!("rawJSON" in JSON)) {
    install(JSON, {
      rawJSON(text) {
        const s = `${text}`;
        const bad = (c) => c === "\t" || c === "\n" || c === "\r" || c === " ";
        // V8's messages: its JSON parser's for a bad first token, a generic one otherwise.
        const invalid = () => new SyntaxError("Invalid value for JSON.rawJSON");
        if (s === "" || bad(s[s.length - 1])) throw invalid();
        if (bad(s[0]) || s[0] === "{" || s[0] === "[") {
          throw new SyntaxError(`Unexpected token '${s[0]}', "${s}" is not valid JSON`);
        }
        try {
          nativeParse(s);
        } catch (e) {
          throw / is not valid JSON$/.test(e.message) ? new SyntaxError(e.message) : invalid();
        }
        const o = Object.create(null);
        createDataProperty(o, "rawJSON", s);
        Object.freeze(o);
        rawObjects.add(o);
        if (JSON.stringify === nativeStringify) {
          defineProperty(JSON, "stringify", { value: replacementStringify, writable: true, enumerable: false, configurable: true });
        }
        return o;
      },
      isRawJSON(O) {
        return isObject(O) && rawObjects.has(O);
      },
    });
  }
  const replacementStringify = {
    stringify(value, replacer, space) {
      return stringify(value, replacer, space);
    },
  }.stringify;

  // ---- Explicit resource management: the symbols, SuppressedError, DisposableStack,
  // AsyncDisposableStack and the iterators' dispose methods. (The `using` syntax itself needs a
  // newer V8.)

  for (const name of ["dispose", "asyncDispose"]) {
    if (!(name in Symbol)) {
      defineProperty(Symbol, name, { value: Symbol(`Symbol.${name}`), writable: false, enumerable: false, configurable: false });
    }
  }

  function SuppressedError(error, suppressed, message) {
    const O = construct(Error, message === undefined ? [] : [message], new.target ?? SuppressedError);
    if (Error.captureStackTrace) Error.captureStackTrace(O, SuppressedError);
    defineProperty(O, "error", { value: error, writable: true, enumerable: false, configurable: true });
    defineProperty(O, "suppressed", { value: suppressed, writable: true, enumerable: false, configurable: true });
    return O;
  }
  Object.setPrototypeOf(SuppressedError, Error);
  defineProperty(SuppressedError, "prototype", {
    value: Object.create(Error.prototype, {
      constructor: { value: SuppressedError, writable: true, enumerable: false, configurable: true },
      name: { value: "SuppressedError", writable: true, enumerable: false, configurable: true },
      message: { value: "", writable: true, enumerable: false, configurable: true },
    }),
    writable: false, enumerable: false, configurable: false,
  });
  if (!("SuppressedError" in globalThis)) {
    defineProperty(globalThis, "SuppressedError", { value: SuppressedError, writable: true, enumerable: false, configurable: true });
  }
  const suppress = (error, suppressed) => new SuppressedError(error, suppressed, "An error was suppressed during disposal");

  const stacks = new WeakMap(); // stack -> { disposed, resources: [[value, method]] }

  function disposeMethod(value, async) {
    let method;
    if (async) {
      method = value[Symbol.asyncDispose];
      if (method === undefined || method === null) {
        const sync = value[Symbol.dispose];
        if (!isCallable(sync)) throw new TypeError("Symbol(Symbol.dispose) is not a function");
        return function () { apply(sync, this, []); };
      }
      if (!isCallable(method)) throw new TypeError("Symbol(Symbol.asyncDispose) is not a function");
      return method;
    }
    method = value[Symbol.dispose];
    if (!isCallable(method)) throw new TypeError("Symbol(Symbol.dispose) is not a function");
    return method;
  }

  function makeStack(kind, async, disposeMembers) {
    const label = `${kind}.prototype`;
    const slots = (o, method, get = false) => {
      const s = stacks.get(o);
      if (!s || s.async !== async) throw incompatible(`${get ? "get " : ""}${label}.${method}`, o);
      return s;
    };
    const live = (o, method) => {
      const s = slots(o, method);
      if (s.disposed) throw new ReferenceError(`Cannot call ${label}.${method} on an already-disposed ${kind}`);
      return s;
    };
    const C = {
      [kind]: function () {
        if (new.target === undefined) throw new TypeError(`Constructor ${kind} requires 'new'`);
        const o = Object.create(isObject(new.target.prototype) ? new.target.prototype : C.prototype);
        stacks.set(o, { async, disposed: false, resources: [] });
        return o;
      },
    }[kind];
    defineProperty(C, "length", { value: 0 });
    const proto = C.prototype;
    defineProperty(C, "prototype", { writable: false });
    install(proto, {
      use(value) {
        const s = live(this, "use");
        if (value !== null && value !== undefined) {
          if (!isObject(value)) throw new TypeError("An object is expected with `using` declarations");
          s.resources.push([value, disposeMethod(value, async)]);
        } else if (async) {
          s.resources.push([undefined, undefined]);
        }
        return value;
      },
    });
    install(proto, disposeMembers((o, method) => slots(o, method)));
    install(proto, {
      adopt(value, onDispose) {
        const s = live(this, "adopt");
        if (!isCallable(onDispose)) throw notFunction(onDispose);
        s.resources.push([undefined, () => apply(onDispose, undefined, [value])]);
        return value;
      },
      defer(onDispose) {
        const s = live(this, "defer");
        if (!isCallable(onDispose)) throw notFunction(onDispose);
        s.resources.push([undefined, onDispose]);
      },
      move() {
        const s = live(this, "move");
        const o = Object.create(proto);
        stacks.set(o, { async, disposed: false, resources: s.resources });
        s.resources = [];
        s.disposed = true;
        return o;
      },
      get disposed() {
        return slots(this, "disposed", true).disposed;
      },
    });
    return { C, proto, slots };
  }

  if (!("DisposableStack" in globalThis)) {
    const { C, proto } = makeStack("DisposableStack", false, (slots) => ({
      dispose() {
        const s = slots(this, "dispose");
        if (s.disposed) return undefined;
        s.disposed = true;
        let failed = false, error;
        const resources = s.resources;
        s.resources = [];
        for (let i = resources.length - 1; i >= 0; i--) {
          const [value, method] = resources[i];
          try {
            apply(method, value, []);
          } catch (e) {
            error = failed ? suppress(e, error) : e;
            failed = true;
          }
        }
        if (failed) throw error;
        return undefined;
      },
    }));
    defineProperty(proto, Symbol.dispose, { value: proto.dispose, writable: true, enumerable: false, configurable: true });
    defineProperty(proto, Symbol.toStringTag, { value: "DisposableStack", configurable: true });
    defineProperty(globalThis, "DisposableStack", { value: C, writable: true, enumerable: false, configurable: true });
  }
  if (!("AsyncDisposableStack" in globalThis)) {
    const { C, proto } = makeStack("AsyncDisposableStack", true, () => ({
      async disposeAsync() {
        const s = stacks.get(this);
        if (!s || !s.async) throw new TypeError("Receiver is not an AsyncDisposableStack");
        if (s.disposed) return undefined;
        s.disposed = true;
        let failed = false, error;
        const resources = s.resources;
        s.resources = [];
        for (let i = resources.length - 1; i >= 0; i--) {
          const [value, method] = resources[i];
          try {
            await (method === undefined ? undefined : apply(method, value, []));
          } catch (e) {
            error = failed ? suppress(e, error) : e;
            failed = true;
          }
        }
        if (failed) throw error;
        return undefined;
      },
    }));
    defineProperty(proto, Symbol.asyncDispose, { value: proto.disposeAsync, writable: true, enumerable: false, configurable: true });
    defineProperty(proto, Symbol.toStringTag, { value: "AsyncDisposableStack", configurable: true });
    defineProperty(globalThis, "AsyncDisposableStack", { value: C, writable: true, enumerable: false, configurable: true });
  }

  install(IteratorPrototype, {
    [Symbol.dispose]() {
      const ret = this.return;
      if (ret !== undefined && ret !== null) apply(ret, this, []);
    },
  });
  install(AsyncIteratorPrototype, {
    async [Symbol.asyncDispose]() {
      const ret = this.return;
      if (ret !== undefined && ret !== null) await apply(ret, this, [undefined]);
    },
  });
}

export function installESNext() {
  defineAll();
}
