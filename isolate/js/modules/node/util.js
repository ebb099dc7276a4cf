// node:util — the parts of Node's util module workerd's nodejs_compat provides. inspect is the
// runtime's own (console.js), shared through the internals object.
import { deepStrictEqual } from "node:assert";
import { codeError, ERR_INVALID_ARG_TYPE } from "node-internal:errors";

const internals = globalThis[Symbol.for("nanod.internals")];

export const inspect = internals.inspect;
const customInspect = Symbol.for("nodejs.util.inspect.custom");
if (inspect.custom === undefined) inspect.custom = customInspect;

// Errors are Node's (node-internal:errors words them).
const invalidArg = ERR_INVALID_ARG_TYPE;

export function formatWithOptions(inspectOptions, ...args) {
  if (inspectOptions === null || typeof inspectOptions !== "object") throw invalidArg("inspectOptions", "object", inspectOptions);
  return formatImpl(inspectOptions, args);
}

export function format(...args) {
  return formatImpl(undefined, args);
}

// formatImpl is console.js's formatter (proxy-safe, shared with console.log).
function formatImpl(opts, args) {
  return internals.formatWithOptions(opts, args);
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
  Object.defineProperties(callbackified, descriptors); // its prototype stays Function.prototype
  return callbackified;
}

export function inherits(ctor, superCtor) {
  if (ctor === undefined || ctor === null) throw invalidArg("ctor", "function", ctor);
  if (superCtor === undefined || superCtor === null) throw invalidArg("superCtor", "function", superCtor);
  if (superCtor.prototype === undefined) throw invalidArg("superCtor.prototype", "object", superCtor.prototype);
  Object.defineProperty(ctor, "super_", { value: superCtor, writable: true, configurable: true });
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
}

// deprecate returns fn itself: as in workerd, no warning is ever printed.
export function deprecate(fn, msg, code) {
  return fn;
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

// ANSI matches CSI sequences and OSC sequences (such as hyperlinks) ended by BEL, ESC \ or ST.
const ANSI = /[\u001B\u009B][[\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\d\/#&.:=?%@~_]+)*|[a-zA-Z\d]+(?:;[-a-zA-Z\d\/#&.:=?%@~_]*)*)?(?:\u0007|\u001B\u005C|\u009C))|(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-nq-uy=><~]))/g;

export function stripVTControlCharacters(str) {
  if (typeof str !== "string") throw invalidArg("str", "string", str);
  // eslint-disable-next-line no-control-regex
  return str.replace(ANSI, "");
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
Object.assign(types, internals.engineTypes); // V8-backed isProxy/isPromise/function kinds
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

export async function aborted(signal, resource) {
  if (!(signal instanceof AbortSignal)) throw invalidArg("signal", "AbortSignal", signal);
  if (resource === null || (typeof resource !== "object" && typeof resource !== "function")) {
    throw invalidArg("resource", "object", resource);
  }
  if (signal.aborted) return;
  return new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
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
  console.log("%s - %s", `${d.getDate()} ${months[d.getMonth()]} ${time}`, format(...args));
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
// getCallSites describes the caller's stack frames (V8's structured stack trace API).
export function getCallSites(frameCount = 8, options) {
  if (typeof frameCount === "object" && frameCount !== null) {
    options = frameCount;
    frameCount = 8;
  }
  if (typeof frameCount !== "number") throw invalidArg("frameCount", "number", frameCount);
  if (!(frameCount >= 1 && frameCount <= 200)) throw new Error("Frame count should be between 1 and 200 inclusive.");
  const holder = {};
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  let sites;
  try {
    Error.prepareStackTrace = (_, cs) => cs;
    Error.stackTraceLimit = frameCount;
    Error.captureStackTrace(holder, getCallSites);
    sites = holder.stack;
  } finally {
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = limit;
  }
  // The runtime's own frames (nanod:…) are not the caller's: workerd calls handlers from C++.
  return (Array.isArray(sites) ? sites : []).filter((cs) => !String(cs.getFileName() ?? "").startsWith("nanod:")).map((cs) => ({
    functionName: cs.getFunctionName() ?? "",
    scriptName: cs.getFileName() ?? "",
    lineNumber: cs.getLineNumber() ?? 0,
    column: cs.getColumnNumber() ?? 0,
    columnNumber: cs.getColumnNumber() ?? 0,
  }));
}
export const getCallSite = getCallSites;
export const getSystemErrorMap = () => new Map();
export const getSystemErrorMessage = notImplemented("getSystemErrorMessage");
export function parseArgs() {
  throw new Error("node:util parseArgs is not implemented");
}
export const setTraceSigInt = () => {};
// styleText wraps text in ANSI styles. Without a TTY stream (workerd has none) the styles are
// only validated, unless validateStream is false.
export function styleText(format, text, { validateStream = true, stream } = {}) {
  if (typeof text !== "string") throw invalidArg("text", "string", text);
  if (validateStream !== true && typeof validateStream !== "boolean") throw invalidArg("options.validateStream", "boolean", validateStream);
  if (validateStream && stream !== undefined) {
    const ok = stream instanceof ReadableStream || stream instanceof WritableStream ||
      (stream !== null && typeof stream === "object" && typeof stream.pipe === "function" && typeof stream.on === "function");
    if (!ok) {
      throw invalidArg("stream", ["ReadableStream", "WritableStream", "Stream"], stream);
    }
  }
  const colorize = !validateStream;
  let left = "";
  let right = "";
  for (const key of Array.isArray(format) ? format : [format]) {
    if (key === "none") continue;
    const codes = typeof key === "string" && Object.hasOwn(STYLES, key) ? STYLES[key] : undefined;
    if (codes === undefined) {
      const shown = typeof key === "string" ? `'${key}'` : describeValue(key);
      throw codeError(TypeError, "ERR_INVALID_ARG_VALUE",
        `The argument 'format' must be one of: ${Object.keys(STYLES).map((k) => `'${k}'`).join(", ")}. Received ${shown}`);
    }
    if (!colorize) continue;
    left += `\u001b[${codes[0]}m`;
    right = `\u001b[${codes[1]}m${right}`;
  }
  return colorize ? `${left}${text}${right}` : text;
}

function describeValue(v) {
  return inspect(v);
}

// STYLES is util.inspect.colors: the ANSI open/close codes, in Node's order.
const STYLES = {
  reset: [0, 0], bold: [1, 22], dim: [2, 22], italic: [3, 23], underline: [4, 24], blink: [5, 25],
  inverse: [7, 27], hidden: [8, 28], strikethrough: [9, 29], doubleunderline: [21, 24],
  black: [30, 39], red: [31, 39], green: [32, 39], yellow: [33, 39], blue: [34, 39], magenta: [35, 39],
  cyan: [36, 39], white: [37, 39], bgBlack: [40, 49], bgRed: [41, 49], bgGreen: [42, 49],
  bgYellow: [43, 49], bgBlue: [44, 49], bgMagenta: [45, 49], bgCyan: [46, 49], bgWhite: [47, 49],
  framed: [51, 54], overlined: [53, 55], gray: [90, 39], redBright: [91, 39], greenBright: [92, 39],
  yellowBright: [93, 39], blueBright: [94, 39], magentaBright: [95, 39], cyanBright: [96, 39],
  whiteBright: [97, 39], bgGray: [100, 49], bgRedBright: [101, 49], bgGreenBright: [102, 49],
  bgYellowBright: [103, 49], bgBlueBright: [104, 49], bgMagentaBright: [105, 49],
  bgCyanBright: [106, 49], bgWhiteBright: [107, 49],
};

// parseEnv reads dotenv text line by line, as workerd does: KEY=value with an optional
// "export " prefix; a quoted value ends at its closing quote, possibly lines later (double quotes
// expand \n); an unquoted value ends at "#"; a quote never closed is kept as written after it.
export function parseEnv(content) {
  if (typeof content !== "string") throw invalidArg("content", "string", content);
  const out = {};
  const lines = content.split("\n");
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    const start = line.trimStart();
    if (start === "" || start.startsWith("#")) continue;
    if (start.startsWith("export ")) line = line.slice(line.indexOf("export ") + 7);
    const eq = line.indexOf("=");
    if (eq < 0) continue;
    const key = line.slice(0, eq).trim();
    if (!key) continue;
    let value = line.slice(eq + 1).trimStart();
    const q = value[0];
    if (q === '"' || q === "'" || q === "`") {
      const close = value.indexOf(q, 1);
      if (close >= 0) {
        value = value.slice(1, close);
        if (q === '"') value = value.replace(/\\n/g, "\n");
      } else {
        let joined = value.slice(1);
        let found = false;
        for (let j = i + 1; j < lines.length; j++) {
          const at = lines[j].indexOf(q);
          if (at >= 0) {
            joined += "\n" + lines[j].slice(0, at);
            i = j;
            found = true;
            break;
          }
          joined += "\n" + lines[j];
        }
        if (found && q === '"') joined = joined.replace(/\\n/g, "\n");
        value = found ? joined : value.length === 1 ? q : value.slice(1);
      }
    } else if (value.length > 0) {
      const hash = value.indexOf("#");
      if (hash >= 0) value = value.slice(0, hash);
      value = value.trimEnd();
    }
    out[key] = value;
  }
  return out;
}

export function transferableAbortController() {
  return new AbortController();
}

export function transferableAbortSignal(signal) {
  return signal;
}

// ---- MIME types: util.MIMEType over the runtime's MIME parser (the one Blob and fetch use).

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const QUOTED_OK = /^[\t\x20-\x7e\x80-\xff]*$/;

export class MIMEParams {
  #map = new Map();
  delete(name) { this.#map.delete(`${name}`); }
  get(name) { return this.#map.get(`${name}`) ?? null; }
  has(name) { return this.#map.has(`${name}`); }
  set(name, value) {
    name = `${name}`;
    value = `${value}`;
    if (name.length === 0 || !TOKEN.test(name) || !QUOTED_OK.test(value)) throw new TypeError("Not a valid MIME parameter");
    this.#map.set(name, value);
  }
  entries() { return this.#map.entries(); }
  keys() { return this.#map.keys(); }
  values() { return this.#map.values(); }
  [Symbol.iterator]() { return this.#map.entries(); }
  toString() {
    let out = "";
    for (const [k, v] of this.#map) {
      if (out) out += ";";
      if (k === "boundary") out += " "; // workerd's serializer writes "; boundary=" so
      out += `${k}=${v.length === 0 || !TOKEN.test(v) ? `"${v.replace(/["\\]/g, "\\$&")}"` : v}`;
    }
    return out;
  }
  toJSON() { return this.toString(); }
}

export class MIMEType {
  #type;
  #subtype;
  #params = new MIMEParams();
  constructor(input) {
    const mt = internals.parseMime(`${input}`);
    if (mt === null) throw new TypeError(`Not a valid MIME type: ${input}`);
    this.#type = mt.type;
    this.#subtype = mt.subtype;
    for (const [k, v] of mt.params) this.#params.set(k, v);
  }
  get type() { return this.#type; }
  set type(v) {
    v = `${v}`;
    if (v.length === 0 || !TOKEN.test(v)) throw new TypeError("Not a valid MIME type");
    this.#type = v.toLowerCase();
  }
  get subtype() { return this.#subtype; }
  set subtype(v) {
    v = `${v}`;
    if (v.length === 0 || !TOKEN.test(v)) throw new TypeError("Not a valid MIME subtype");
    this.#subtype = v.toLowerCase();
  }
  get essence() { return `${this.#type}/${this.#subtype}`; }
  get params() { return this.#params; }
  toString() {
    const p = this.#params.toString();
    return p ? `${this.essence};${p}` : this.essence;
  }
  toJSON() { return this.toString(); }
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
