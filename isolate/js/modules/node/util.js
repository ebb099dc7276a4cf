// node:util — the parts of Node's util module workerd's nodejs_compat provides. inspect is the
// runtime's own (console.js), shared through the internals object.
import { deepStrictEqual } from "node:assert";

const internals = globalThis[Symbol.for("nanod.internals")];

export const inspect = internals.inspect;
const customInspect = Symbol.for("nodejs.util.inspect.custom");
if (inspect.custom === undefined) inspect.custom = customInspect;

function codeError(Ctor, code, msg) {
  const e = new Ctor(msg);
  e.code = code;
  return e;
}

function describe(v) {
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (typeof v === "function") return `function ${v.name}`;
  if (typeof v === "object") return v.constructor?.name ? `an instance of ${v.constructor.name}` : inspect(v, { depth: -1 });
  let s = inspect(v);
  if (s.length > 28) s = s.slice(0, 25) + "...";
  return `type ${typeof v} (${s})`;
}

function invalidArg(name, type, v) {
  return codeError(TypeError, "ERR_INVALID_ARG_TYPE", `The "${name}" argument must be of type ${type}. Received ${describe(v)}`);
}

function hasBuiltInToString(v) {
  // A user-defined toString (own or inherited from a non-built-in prototype) prints via String().
  const f = v.toString;
  if (typeof f !== "function") return true;
  return /\{\s*\[native code\]\s*\}\s*$/.test(Function.prototype.toString.call(f));
}

function fmtNumber(n) {
  return Object.is(n, -0) ? "-0" : String(n);
}

export function formatWithOptions(inspectOptions, ...args) {
  if (inspectOptions === null || typeof inspectOptions !== "object") throw invalidArg("inspectOptions", "object", inspectOptions);
  return formatImpl(inspectOptions, args);
}

export function format(...args) {
  return formatImpl(undefined, args);
}

function formatImpl(opts, args) {
  const first = args[0];
  let a = 0;
  let str = "";
  let join = "";
  if (typeof first === "string") {
    if (args.length === 1) return first;
    let tempStr;
    let lastPos = 0;
    for (let i = 0; i < first.length - 1; i++) {
      if (first.charCodeAt(i) !== 37) continue;
      const next = first.charCodeAt(++i);
      if (a + 1 !== args.length) {
        switch (next) {
          case 115: { // s
            const v = args[++a];
            if (typeof v === "number") tempStr = fmtNumber(v);
            else if (typeof v === "bigint") tempStr = `${v}n`;
            else if (typeof v !== "object" || v === null || !hasBuiltInToString(v)) tempStr = String(v);
            else tempStr = inspect(v, { ...opts, depth: 0, colors: false, compact: 3 });
            break;
          }
          case 106: { // j
            const v = args[++a];
            try {
              tempStr = JSON.stringify(v);
            } catch (e) {
              if (e instanceof TypeError && /circular/i.test(e.message)) tempStr = "[Circular]";
              else throw e;
            }
            break;
          }
          case 100: { // d
            const v = args[++a];
            if (typeof v === "bigint") tempStr = `${v}n`;
            else if (typeof v === "symbol") tempStr = "NaN";
            else tempStr = fmtNumber(Number(v));
            break;
          }
          case 79: // O
            tempStr = inspect(args[++a], opts);
            break;
          case 111: // o
            tempStr = inspect(args[++a], { ...opts, showHidden: true, showProxy: true, depth: 4 });
            break;
          case 105: { // i
            const v = args[++a];
            if (typeof v === "bigint") tempStr = `${v}n`;
            else if (typeof v === "symbol") tempStr = "NaN";
            else tempStr = fmtNumber(Number.parseInt(v));
            break;
          }
          case 102: { // f
            const v = args[++a];
            tempStr = typeof v === "symbol" ? "NaN" : fmtNumber(Number.parseFloat(v));
            break;
          }
          case 99: // c
            a += 1;
            tempStr = "";
            break;
          case 37: // %
            str += first.slice(lastPos, i);
            lastPos = i + 1;
            continue;
          default:
            continue;
        }
        if (lastPos !== i - 1) str += first.slice(lastPos, i - 1);
        str += tempStr;
        lastPos = i + 1;
      } else if (next === 37) {
        str += first.slice(lastPos, i);
        lastPos = i + 1;
      }
    }
    if (lastPos !== 0) {
      a++;
      join = " ";
      if (lastPos < first.length) str += first.slice(lastPos);
    }
  }
  while (a < args.length) {
    const v = args[a];
    str += join;
    str += typeof v !== "string" ? inspect(v, opts) : v;
    join = " ";
    a++;
  }
  return str;
}

const kCustomPromisify = Symbol.for("nodejs.util.promisify.custom");
// Shared by name so node:crypto can mark generateKeyPair (two callback values) as Node does.
const kCustomPromisifyArgs = Symbol.for("nanod.node.customPromisifyArgs");

export function promisify(original) {
  if (typeof original !== "function") throw invalidArg("original", "function", original);
  if (original[kCustomPromisify]) {
    const fn = original[kCustomPromisify];
    if (typeof fn !== "function") throw invalidArg("util.promisify.custom", "function", fn);
    return Object.defineProperty(fn, kCustomPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
  }
  const argumentNames = original[kCustomPromisifyArgs];
  function fn(...args) {
    return new Promise((resolve, reject) => {
      Reflect.apply(original, this, [...args, (err, ...values) => {
        if (err) return reject(err);
        if (argumentNames !== undefined && values.length > 1) {
          const obj = {};
          for (let i = 0; i < argumentNames.length; i++) obj[argumentNames[i]] = values[i];
          resolve(obj);
        } else {
          resolve(values[0]);
        }
      }]);
    });
  }
  Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
  Object.defineProperty(fn, kCustomPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
  return Object.defineProperties(fn, Object.getOwnPropertyDescriptors(original));
}
promisify.custom = kCustomPromisify;

export function callbackify(original) {
  if (typeof original !== "function") throw invalidArg("original", "function", original);
  function callbackified(...args) {
    const cb = args.pop();
    if (typeof cb !== "function") throw invalidArg("last argument", "function", cb);
    const onOk = (v) => queueMicrotask(() => cb.call(this, null, v));
    const onErr = (rej) => {
      let reason = rej;
      if (!reason) {
        const e = new Error("Promise was rejected with falsy value");
        e.code = "ERR_FALSY_VALUE_REJECTION";
        e.reason = rej;
        reason = e;
      }
      queueMicrotask(() => cb.call(this, reason));
    };
    Reflect.apply(original, this, args).then(onOk, onErr);
  }
  const descriptors = Object.getOwnPropertyDescriptors(original);
  if (typeof descriptors.length.value === "number") descriptors.length.value++;
  if (typeof descriptors.name.value === "string") descriptors.name.value += "Callbackified";
  Object.setPrototypeOf(callbackified, Object.getPrototypeOf(original));
  Object.defineProperties(callbackified, descriptors);
  return callbackified;
}

export function inherits(ctor, superCtor) {
  if (ctor === undefined || ctor === null) throw invalidArg("ctor", "function", ctor);
  if (superCtor === undefined || superCtor === null) throw invalidArg("superCtor", "function", superCtor);
  if (superCtor.prototype === undefined) throw invalidArg("superCtor.prototype", "object", superCtor.prototype);
  Object.defineProperty(ctor, "super_", { value: superCtor, writable: true, configurable: true });
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
}

// deprecate wraps fn unchanged in behaviour; as in workerd, no warning is printed.
export function deprecate(fn, msg, code) {
  if (typeof fn !== "function") throw invalidArg("fn", "function", fn);
  function deprecated(...args) {
    if (new.target) return Reflect.construct(fn, args, new.target);
    return Reflect.apply(fn, this, args);
  }
  Object.setPrototypeOf(deprecated, fn);
  if (fn.prototype) deprecated.prototype = fn.prototype;
  return deprecated;
}

export function isDeepStrictEqual(a, b) {
  try {
    deepStrictEqual(a, b);
    return true;
  } catch {
    return false;
  }
}

export function isArray(v) {
  return Array.isArray(v);
}

export function stripVTControlCharacters(str) {
  if (typeof str !== "string") throw invalidArg("str", "string", str);
  // eslint-disable-next-line no-control-regex
  return str.replace(/[\u001B\u009B][[\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\d\/#&.:=?%@~_]+)*|[a-zA-Z\d]+(?:;[-a-zA-Z\d\/#&.:=?%@~_]*)*)?\u0007)|(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-ntqry=><~]))/g, "");
}

export function toUSVString(s) {
  return String(s).toWellFormed ? String(s).toWellFormed() : String(s).replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

export function getSystemErrorName() {
  throw new Error("util.getSystemErrorName is not implemented");
}

// ---- types ---------------------------------------------------------------------------------

const toStr = (v) => Object.prototype.toString.call(v);
const TypedArrayProto = Object.getPrototypeOf(Uint8Array.prototype);
const taTag = Object.getOwnPropertyDescriptor(TypedArrayProto, Symbol.toStringTag).get;
const isObj = (v) => v !== null && (typeof v === "object" || typeof v === "function");

function brand(getter) {
  return (v) => {
    if (!isObj(v)) return false;
    try {
      getter.call(v, v);
      return true;
    } catch {
      return false;
    }
  };
}

const mapSize = Object.getOwnPropertyDescriptor(Map.prototype, "size").get;
const setSize = Object.getOwnPropertyDescriptor(Set.prototype, "size").get;
const abLen = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength").get;
const sabLen = typeof SharedArrayBuffer === "function" ? Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, "byteLength").get : null;
const dvLen = Object.getOwnPropertyDescriptor(DataView.prototype, "byteLength").get;
const taIs = (name) => (v) => taTag.call(v) === name;
const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor;
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
const AsyncGeneratorFunction = Object.getPrototypeOf(async function* () {}).constructor;

function isNativeError(v) {
  return isObj(v) && toStr(v) === "[object Error]" && !(Symbol.toStringTag in v && Object.getPrototypeOf(v) !== Error.prototype && !(v instanceof Error));
}

export const types = {
  isAnyArrayBuffer: (v) => brand(abLen)(v) || (sabLen ? brand(sabLen)(v) : false),
  isArrayBuffer: brand(abLen),
  isSharedArrayBuffer: sabLen ? brand(sabLen) : () => false,
  isArrayBufferView: (v) => ArrayBuffer.isView(v),
  isArgumentsObject: (v) => isObj(v) && toStr(v) === "[object Arguments]",
  isAsyncFunction: (v) => typeof v === "function" && (v instanceof AsyncFunction || v instanceof AsyncGeneratorFunction),
  isGeneratorFunction: (v) => typeof v === "function" && (v instanceof GeneratorFunction || v instanceof AsyncGeneratorFunction),
  isGeneratorObject: (v) => isObj(v) && toStr(v) === "[object Generator]",
  isBigInt64Array: taIs("BigInt64Array"),
  isBigUint64Array: taIs("BigUint64Array"),
  isBooleanObject: brand((v) => Boolean.prototype.valueOf.call(v)),
  isNumberObject: brand((v) => Number.prototype.valueOf.call(v)),
  isStringObject: brand((v) => String.prototype.valueOf.call(v)),
  isSymbolObject: brand((v) => Symbol.prototype.valueOf.call(v)),
  isBigIntObject: brand((v) => BigInt.prototype.valueOf.call(v)),
  isBoxedPrimitive: (v) => types.isBooleanObject(v) || types.isNumberObject(v) || types.isStringObject(v) ||
    types.isSymbolObject(v) || types.isBigIntObject(v),
  isDataView: brand(dvLen),
  isDate: brand((v) => Date.prototype.getTime.call(v)),
  isExternal: () => false,
  isFloat16Array: taIs("Float16Array"),
  isFloat32Array: taIs("Float32Array"),
  isFloat64Array: taIs("Float64Array"),
  isInt8Array: taIs("Int8Array"),
  isInt16Array: taIs("Int16Array"),
  isInt32Array: taIs("Int32Array"),
  isUint8Array: taIs("Uint8Array"),
  isUint8ClampedArray: taIs("Uint8ClampedArray"),
  isUint16Array: taIs("Uint16Array"),
  isUint32Array: taIs("Uint32Array"),
  isMap: brand(mapSize),
  isSet: brand(setSize),
  isMapIterator: (v) => isObj(v) && toStr(v) === "[object Map Iterator]",
  isSetIterator: (v) => isObj(v) && toStr(v) === "[object Set Iterator]",
  isModuleNamespaceObject: (v) => isObj(v) && Object.getPrototypeOf(v) === null && toStr(v) === "[object Module]" && Object.isSealed(v),
  isNativeError,
  isPromise: (v) => isObj(v) && v instanceof Promise,
  isProxy: () => false,
  isRegExp: brand((v) => Object.getOwnPropertyDescriptor(RegExp.prototype, "source").get.call(v) && RegExp.prototype.exec.length),
  isTypedArray: (v) => taTag.call(v) !== undefined,
  isWeakMap: brand((v) => WeakMap.prototype.has.call(v, {})),
  isWeakSet: brand((v) => WeakSet.prototype.has.call(v, {})),
  isKeyObject: () => false,
  isCryptoKey: (v) => typeof CryptoKey === "function" && v instanceof CryptoKey,
};
// RegExp.prototype.source's getter accepts RegExp.prototype itself; exclude it.
{
  const isRe = types.isRegExp;
  types.isRegExp = (v) => v !== RegExp.prototype && isRe(v) && toStr(v) === "[object RegExp]";
}

export const TextEncoder = globalThis.TextEncoder;
export const TextDecoder = globalThis.TextDecoder;

export function isError(v) {
  return isNativeError(v) || v instanceof Error;
}

export function aborted(signal, resource) {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
}

export const isBoolean = (v) => typeof v === "boolean";
export const isBuffer = (v) => v instanceof Uint8Array && v.constructor?.name === "Buffer";
export const isDate = (v) => types.isDate(v);
export const isFunction = (v) => typeof v === "function";
export const isNull = (v) => v === null;
export const isNullOrUndefined = (v) => v === null || v === undefined;
export const isNumber = (v) => typeof v === "number";
export const isObject = (v) => v !== null && typeof v === "object";
export const isPrimitive = (v) => v === null || (typeof v !== "object" && typeof v !== "function");
export const isRegExp = (v) => types.isRegExp(v);
export const isString = (v) => typeof v === "string";
export const isSymbol = (v) => typeof v === "symbol";
export const isUndefined = (v) => v === undefined;

export function _extend(target, source) {
  if (source === null || typeof source !== "object") return target;
  const keys = Object.keys(source);
  let i = keys.length;
  while (i--) target[keys[i]] = source[keys[i]];
  return target;
}

// debuglog(set) returns a logger that is always enabled in workerd: it prints
// "SET: <formatted message>" followed by an empty line.
export function debuglog(set, cb) {
  const name = String(set).toUpperCase();
  const fn = (...args) => console.log(`${name}: ${format(...args)}\n`);
  fn.enabled = true;
  if (typeof cb === "function") cb(fn);
  return fn;
}
export const debug = debuglog;

const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad2 = (n) => String(n).padStart(2, "0");

// log prints "<d Mon HH:MM:SS> - <formatted message>".
export function log(...args) {
  const d = new Date();
  const time = `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
  console.log(`${d.getDate()} ${months[d.getMonth()]} ${time} - ${format(...args)}`);
}

function notImplemented(name) {
  const fn = () => {
    const e = new Error(`util.${name} is not implemented`);
    e.code = "ERR_METHOD_NOT_IMPLEMENTED";
    throw e;
  };
  Object.defineProperty(fn, "name", { value: name });
  return fn;
}

export const _errnoException = notImplemented("_errnoException");
export const _exceptionWithHostPort = notImplemented("_exceptionWithHostPort");
export const convertProcessSignalToExitCode = notImplemented("convertProcessSignalToExitCode");
export const diff = notImplemented("diff");
export const getCallSite = notImplemented("getCallSite");
export const getCallSites = notImplemented("getCallSites");
export const getSystemErrorMap = () => new Map();
export const getSystemErrorMessage = notImplemented("getSystemErrorMessage");
export const parseArgs = notImplemented("parseArgs");
export const setTraceSigInt = () => {};
export const styleText = notImplemented("styleText");

export function parseEnv(content) {
  if (typeof content !== "string") throw invalidArg("content", "string", content);
  const out = {};
  for (const line of content.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([\w.-]+)\s*=\s*(.*)?\s*$/.exec(line);
    if (!m) continue;
    let v = (m[2] ?? "").trim();
    const q = v[0];
    if ((q === '"' || q === "'" || q === "`") && v.endsWith(q) && v.length > 1) {
      v = v.slice(1, -1);
      if (q === '"') v = v.replace(/\\n/g, "\n");
    } else {
      const hash = v.indexOf(" #");
      if (hash >= 0) v = v.slice(0, hash).trim();
      else if (v.startsWith("#")) v = "";
    }
    out[m[1]] = v;
  }
  return out;
}

export function transferableAbortController() {
  return new AbortController();
}

export function transferableAbortSignal(signal) {
  return signal;
}

export class MIMEParams {
  constructor() {
    throw new Error("util.MIMEParams is not implemented");
  }
}

export class MIMEType {
  constructor() {
    throw new Error("util.MIMEType is not implemented");
  }
}

export default {
  inspect, format, formatWithOptions, promisify, callbackify, inherits, deprecate,
  isDeepStrictEqual, isArray, isError, stripVTControlCharacters, toUSVString, getSystemErrorName,
  types, TextEncoder, TextDecoder, aborted, MIMEType, isBoolean, isBuffer, isDate, isFunction, isNull,
  isNullOrUndefined, isNumber, isObject, isPrimitive, isRegExp, isString, isSymbol, isUndefined,
  _extend, debuglog, debug, log, _errnoException, _exceptionWithHostPort, convertProcessSignalToExitCode,
  diff, getCallSite, getCallSites, getSystemErrorMap, getSystemErrorMessage, parseArgs, parseEnv,
  setTraceSigInt, styleText, transferableAbortController, transferableAbortSignal, MIMEParams,
};
