// ArrayBuffer detaching for the rest of the runtime, and the ES2024 ArrayBuffer.prototype.transfer,
// transferToFixedLength and detached, which V8 10.9 lacks. Detaching needs C++ (v8ext's detach
// function, handed over once by native.arrayBufferDetacher()). Without --harmony-rab-gsab V8 10.9
// has no resizable ArrayBuffers, so transfer() and transferToFixedLength() behave alike.
import { native } from "./native.js";

const detachNative = native.arrayBufferDetacher();
const ReflectApply = Reflect.apply;
const abByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength").get;
const abResizable = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "resizable")?.get; // --harmony-rab-gsab
const U8 = Uint8Array;
const taSet = Object.getPrototypeOf(U8.prototype).set;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

// isArrayBuffer: true for an ArrayBuffer (not a SharedArrayBuffer), detached or not.
export function isArrayBuffer(v) {
  if (v === null || (typeof v !== "object" && typeof v !== "function")) return false;
  try {
    ReflectApply(abByteLength, v, []);
    return true;
  } catch {
    return false;
  }
}

// IsDetachedBuffer, for an ArrayBuffer.
export function isDetachedBuffer(ab) {
  return ReflectApply(abByteLength, ab, []) === 0 && detachNative(ab, 1);
}

// DetachArrayBuffer. TypeError for a buffer that cannot be detached (WebAssembly memory).
export function detachArrayBuffer(ab) {
  detachNative(ab, 0);
}

// Whether an ArrayBuffer can be detached (WebAssembly memory cannot).
export function isDetachable(ab) {
  return detachNative(ab, 3);
}

// TransferArrayBuffer (Streams): a new ArrayBuffer with ab's memory (no copy); ab is detached.
// TypeError when ab is detached already or cannot be detached.
export function transferArrayBuffer(ab) {
  return detachNative(ab, 2);
}

// A data property found along o's prototype chain (no getters run), or undefined.
function dataProp(o, key) {
  for (let p = o; p !== null; p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, key);
    if (d) return "value" in d ? d.value : undefined;
  }
  return undefined;
}

// describe renders a receiver as V8's messages do (NoSideEffectsToString).
function describe(v) {
  try {
    if (typeof v === "function") return Function.prototype.toString.call(v);
    if (typeof v === "symbol") return Symbol.prototype.toString.call(v);
    if (v === null || typeof v !== "object") return String(v);
    const builtin = Object.prototype.toString.call(v).slice(8, -1);
    if (dataProp(v, "toString") === Object.prototype.toString) {
      const c = dataProp(v, "constructor");
      const n = typeof c === "function" ? dataProp(c, "name") : undefined;
      if (typeof n === "string" && n !== "") return `#<${n}>`;
    }
    return `[object ${builtin}]`;
  } catch {
    return "#<Object>";
  }
}

// ToIndex, with V8's message for a bad length.
function toIndex(value, method) {
  let n = +value; // throws a TypeError for Symbols and BigInts, as ToNumber does
  n = n !== n ? 0 : Math.trunc(n);
  if (n === 0) return 0;
  if (n < 0) throw new RangeError("Invalid array buffer length");
  if (n > MAX_SAFE) throw new RangeError(`ArrayBuffer.prototype.${method}: Invalid length parameter`);
  return n;
}

// ArrayBufferCopyAndDetach(O, newLength, preserve-resizability).
function copyAndDetach(o, newLength, method) {
  if (!isArrayBuffer(o)) {
    throw new TypeError(`Method ArrayBuffer.prototype.${method} called on incompatible receiver ${describe(o)}`);
  }
  const oldLength = ReflectApply(abByteLength, o, []);
  const newByteLength = newLength === undefined ? oldLength : toIndex(newLength, method);
  if (isDetachedBuffer(o)) {
    throw new TypeError(`Cannot perform ArrayBuffer.prototype.${method} on a detached ArrayBuffer`);
  }
  // Same length: move the memory instead of copying it (not for a resizable buffer, which would
  // stay resizable).
  if (newByteLength === oldLength && !(abResizable && ReflectApply(abResizable, o, []))) return transferArrayBuffer(o);
  let nb;
  try {
    nb = new ArrayBuffer(newByteLength);
  } catch {
    throw new RangeError("Array buffer allocation failed");
  }
  const n = Math.min(newByteLength, oldLength);
  if (n > 0) ReflectApply(taSet, new U8(nb, 0, n), [new U8(o, 0, n)]);
  detachArrayBuffer(o);
  return nb;
}

export function installArrayBuffer() {
  const proto = ArrayBuffer.prototype;
  {
    const methods = {
      transfer() {
        "use strict"; // the bundle is a sloppy script: keep a primitive receiver unboxed
        return copyAndDetach(this, arguments[0], "transfer");
      },
      transferToFixedLength() {
        "use strict";
        return copyAndDetach(this, arguments[0], "transferToFixedLength");
      },
    };
    // Each only where V8 lacks it (--harmony-rab-gsab brings a native transfer, which also keeps
    // resizability).
    for (const name of ["transfer", "transferToFixedLength"]) {
      if (typeof proto[name] === "function") continue;
      Object.defineProperty(proto, name, { value: methods[name], writable: true, enumerable: false, configurable: true });
    }
  }
  if (!Object.getOwnPropertyDescriptor(proto, "detached")) {
    const get = {
      get detached() {
        "use strict";
        if (!isArrayBuffer(this)) {
          throw new TypeError(`Method get ArrayBuffer.prototype.detached called on incompatible receiver ${describe(this)}`);
        }
        return isDetachedBuffer(this);
      },
    };
    const desc = Object.getOwnPropertyDescriptor(get, "detached");
    Object.defineProperty(proto, "detached", { get: desc.get, set: undefined, enumerable: false, configurable: true });
  }
}
