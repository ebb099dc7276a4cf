// console: Node-compatible util.inspect / util.format (what workerd's console prints, through its
// node-internal:internal_inspect formatLog) and the console object. Finished lines go to Go via
// native.print(level, text): log/info/debug → stdout, warn/error → stderr.
//
// The layout rules (compact = 3 grouping, the breakLength = 80 check, column grouping of long
// arrays, circular markers, error stacks, ...) follow Node's documented util.inspect behaviour and
// were checked byte for byte against real workerd (isolate/console_test.go). What Node reads from
// engine internals (a proxy's target and handler, a promise's state, the entries left in a Map/Set
// iterator or a weak collection) comes from v8ext's __ext.details, which runs no user code.
import { native } from "./native.js";

const LEVEL = { debug: 0, log: 1, info: 2, warn: 3, error: 4 };

// ---------------------------------------------------------------------------------------------
// Intrinsics, captured before user code can replace them.

const uncurry = (f) => Function.prototype.call.bind(f);
const hasOwn = uncurry(Object.prototype.hasOwnProperty);
const isEnumerable = uncurry(Object.prototype.propertyIsEnumerable);
const objectToString = uncurry(Object.prototype.toString);
const functionToString = uncurry(Function.prototype.toString);
const { getPrototypeOf, getOwnPropertyDescriptor, getOwnPropertyNames, getOwnPropertySymbols } = Object;
const objectKeys = Object.keys;
const ownKeys = Reflect.ownKeys;
const getterOf = (proto, key) => uncurry(getOwnPropertyDescriptor(proto, key).get);

const TypedArrayPrototype = getPrototypeOf(Uint8Array.prototype);
const typedArrayTag = getterOf(TypedArrayPrototype, Symbol.toStringTag);
const typedArrayLength = getterOf(TypedArrayPrototype, "length");
const mapSize = getterOf(Map.prototype, "size");
const setSize = getterOf(Set.prototype, "size");
const mapEntries = uncurry(Map.prototype.entries);
const setValues = uncurry(Set.prototype.values);
const arrayBufferByteLength = getterOf(ArrayBuffer.prototype, "byteLength");
const sharedArrayBufferByteLength =
  typeof SharedArrayBuffer === "function" ? getterOf(SharedArrayBuffer.prototype, "byteLength") : null;
const dataViewByteLength = getterOf(DataView.prototype, "byteLength");
const regExpSource = getterOf(RegExp.prototype, "source");
const regExpToString = uncurry(RegExp.prototype.toString);
const dateGetTime = uncurry(Date.prototype.getTime);
const dateToISOString = uncurry(Date.prototype.toISOString);
const dateToString = uncurry(Date.prototype.toString);
const weakMapHas = uncurry(WeakMap.prototype.has);
const weakSetHas = uncurry(WeakSet.prototype.has);
const numberValueOf = uncurry(Number.prototype.valueOf);
const stringValueOf = uncurry(String.prototype.valueOf);
const booleanValueOf = uncurry(Boolean.prototype.valueOf);
const bigIntValueOf = uncurry(BigInt.prototype.valueOf);
const symbolValueOf = uncurry(Symbol.prototype.valueOf);
const symbolToString = uncurry(Symbol.prototype.toString);
const JSONStringify = JSON.stringify;
const NativePromise = Promise;
const NativeError = Error;
const captureStackTrace = Error.captureStackTrace;
const AsyncFunctionPrototype = getPrototypeOf(async function () {});
const GeneratorFunctionPrototype = getPrototypeOf(function* () {});
const AsyncGeneratorFunctionPrototype = getPrototypeOf(async function* () {});
const isPrototypeOf = uncurry(Object.prototype.isPrototypeOf);
const MapIteratorPrototype = getPrototypeOf(new Map().entries());
const SetIteratorPrototype = getPrototypeOf(new Set().values());

// The engine's view of proxies, promises and collection iterators (v8ext's __ext.details, which
// never runs user code): [0, target, handler] | [1, state, result] | [2, entries, isKeyValue].
const engineDetails = typeof globalThis.__ext?.details === "function" ? globalThis.__ext.details : null;
const detailsOf = (kind) => (v) => {
  const d = engineDetails(v);
  return d !== undefined && d[0] === kind ? [d[1], d[2]] : undefined;
};
const promiseDetailsHook = engineDetails !== null ? detailsOf(1) : null;
const proxyDetailsHook = engineDetails !== null ? detailsOf(0) : null;
const previewEntriesHook = engineDetails !== null ? detailsOf(2) : null;

// ---------------------------------------------------------------------------------------------
// Type checks (brand checks through built-in getters, which throw on foreign receivers).

function succeeds(f, v) {
  try {
    f(v);
    return true;
  } catch {
    return false;
  }
}
const isMap = (v) => succeeds(mapSize, v);
const isSet = (v) => succeeds(setSize, v);
const isWeakMap = (v) => succeeds((x) => weakMapHas(x, {}), v);
const isWeakSet = (v) => succeeds((x) => weakSetHas(x, {}), v);
const isDate = (v) => succeeds(dateGetTime, v);
const isRegExp = (v) => v !== RegExp.prototype && succeeds(regExpSource, v);
const isTypedArray = (v) => typedArrayTag(v) !== undefined;
const isArrayBuffer = (v) => succeeds(arrayBufferByteLength, v);
const isSharedArrayBuffer = (v) => sharedArrayBufferByteLength !== null && succeeds(sharedArrayBufferByteLength, v);
const isDataView = (v) => succeeds(dataViewByteLength, v);
const isArguments = (v) => objectToString(v) === "[object Arguments]";
const isModuleNamespace = (v) => getPrototypeOf(v) === null && objectToString(v) === "[object Module]";
// Which collection the engine says v is: 0 Map iterator, 1 Set iterator, 2 WeakMap, 3 WeakSet.
const collectionKind = (v) => {
  const d = engineDetails(v);
  return d !== undefined && d[0] === 2 ? d[3] : -1;
};
const isMapIterator = engineDetails !== null ? (v) => collectionKind(v) === 0
  : (v) => isPrototypeOf(MapIteratorPrototype, v) && v !== MapIteratorPrototype;
const isSetIterator = engineDetails !== null ? (v) => collectionKind(v) === 1
  : (v) => isPrototypeOf(SetIteratorPrototype, v) && v !== SetIteratorPrototype;
const isNumberObject = (v) => v !== Number.prototype && succeeds(numberValueOf, v);
const isStringObject = (v) => v !== String.prototype && succeeds(stringValueOf, v);
const isBooleanObject = (v) => v !== Boolean.prototype && succeeds(booleanValueOf, v);
const isBigIntObject = (v) => succeeds(bigIntValueOf, v);
const isSymbolObject = (v) => succeeds(symbolValueOf, v);
const isBoxedPrimitive = (v) =>
  isNumberObject(v) || isStringObject(v) || isBooleanObject(v) || isBigIntObject(v) || isSymbolObject(v);

function isInstanceof(v, ctor) {
  try {
    return v instanceof ctor;
  } catch {
    return false;
  }
}

function isError(v) {
  return isInstanceof(v, NativeError) || objectToString(v) === "[object Error]";
}

function promiseDetails(v) {
  if (promiseDetailsHook !== null) return promiseDetailsHook(v);
  // No side-effect-free brand check exists in JS (then() would mark a rejection as handled).
  if (objectToString(v) !== "[object Promise]" || !isInstanceof(v, NativePromise)) return undefined;
  const ctor = v.constructor;
  if (typeof ctor === "function" && ctor.prototype === v) return undefined;
  return [-1, undefined];
}

function proxyDetails(v) {
  return proxyDetailsHook !== null ? proxyDetailsHook(v) : undefined;
}

const functionDetailsHook = engineDetails !== null ? detailsOf(3) : null;

// util.types checks that need the engine (node:util takes them from the internals object).
export const engineTypes = engineDetails === null ? {} : {
  isProxy: (v) => proxyDetailsHook(v) !== undefined,
  isPromise: (v) => promiseDetailsHook(v) !== undefined,
  isGeneratorFunction: (v) => functionDetailsHook(v)?.[0] === true,
  isAsyncFunction: (v) => functionDetailsHook(v)?.[1] === true,
  isMapIterator,
  isSetIterator,
};

function functionKind(fn) {
  const d = functionDetailsHook !== null ? functionDetailsHook(fn) : undefined;
  if (d !== undefined) return `${d[1] ? "Async" : ""}${d[0] ? "Generator" : ""}Function`;
  let type = "Function";
  if (isPrototypeOf(GeneratorFunctionPrototype, fn) || isPrototypeOf(AsyncGeneratorFunctionPrototype, fn)) {
    type = "GeneratorFunction";
  } else if (getPrototypeOf(fn) === null) {
    if (/^(async\s*)?(function\s*)?\*/.test(functionToString(fn))) type = "GeneratorFunction";
  }
  if (isPrototypeOf(AsyncFunctionPrototype, fn) || isPrototypeOf(AsyncGeneratorFunctionPrototype, fn)) {
    type = `Async${type}`;
  } else if (getPrototypeOf(fn) === null && /^async[\s(*]/.test(functionToString(fn))) {
    type = `Async${type}`;
  }
  return type;
}

// The global constructors at start-up; objects whose constructor is one of them count as built-in.
let builtInNames = null;
function builtIns() {
  if (builtInNames === null) {
    builtInNames = new Set(getOwnPropertyNames(globalThis).filter((n) => /^[A-Z][a-zA-Z0-9]+$/.test(n)));
  }
  return builtInNames;
}

// ---------------------------------------------------------------------------------------------
// Options.

const customInspectSymbol = Symbol.for("nodejs.util.inspect.custom");

// Sealed, as Node's: util.inspect.defaultOptions = {...} merges known keys, unknown ones throw.
const defaultOptions = Object.seal({
  showHidden: false,
  depth: 2,
  colors: false,
  customInspect: true,
  showProxy: false,
  maxArrayLength: 100,
  maxStringLength: 10000,
  breakLength: 80,
  compact: 3,
  sorted: false,
  getters: false,
  numericSeparator: false,
});

// util.inspect.colors (SGR on/off codes) and util.inspect.styles; both are user-editable and
// consulted on every colored call.
const colorCodes = {
  __proto__: null,
  reset: [0, 0], bold: [1, 22], dim: [2, 22], italic: [3, 23], underline: [4, 24], blink: [5, 25],
  inverse: [7, 27], hidden: [8, 28], strikethrough: [9, 29], doubleunderline: [21, 24],
  black: [30, 39], red: [31, 39], green: [32, 39], yellow: [33, 39], blue: [34, 39],
  magenta: [35, 39], cyan: [36, 39], white: [37, 39],
  bgBlack: [40, 49], bgRed: [41, 49], bgGreen: [42, 49], bgYellow: [43, 49], bgBlue: [44, 49],
  bgMagenta: [45, 49], bgCyan: [46, 49], bgWhite: [47, 49],
  framed: [51, 54], overlined: [53, 55], gray: [90, 39],
  redBright: [91, 39], greenBright: [92, 39], yellowBright: [93, 39], blueBright: [94, 39],
  magentaBright: [95, 39], cyanBright: [96, 39], whiteBright: [97, 39],
  bgGray: [100, 49], bgRedBright: [101, 49], bgGreenBright: [102, 49], bgYellowBright: [103, 49],
  bgBlueBright: [104, 49], bgMagentaBright: [105, 49], bgCyanBright: [106, 49], bgWhiteBright: [107, 49],
};
for (const [alias, target] of [
  ["grey", "gray"], ["blackBright", "gray"], ["bgGrey", "bgGray"], ["bgBlackBright", "bgGray"],
  ["faint", "dim"], ["crossedout", "strikethrough"], ["strikeThrough", "strikethrough"],
  ["crossedOut", "strikethrough"], ["conceal", "hidden"], ["swapColors", "inverse"],
  ["swapcolors", "inverse"], ["doubleUnderline", "doubleunderline"],
]) {
  Object.defineProperty(colorCodes, alias, {
    get() { return this[target]; },
    set(value) { this[target] = value; },
    configurable: true,
    enumerable: false,
  });
}
const styles = {
  __proto__: null,
  special: "cyan", number: "yellow", bigint: "yellow", boolean: "yellow", undefined: "grey",
  null: "bold", string: "green", symbol: "green", date: "magenta", regexp: "red", module: "underline",
};

function stylizeWithColor(str, styleType) {
  const style = styles[styleType];
  const color = style !== undefined ? colorCodes[style] : undefined;
  return color !== undefined ? `\u001b[${color[0]}m${str}\u001b[${color[1]}m` : str;
}

function stylizeNoColor(str) {
  return str;
}

const kObjectType = 0;
const kArrayType = 1;
const kArrayExtrasType = 2;
const kMinLineLength = 16;

/**
 * util.inspect(value, options): a string representation of value, in Node's format.
 */
export function inspect(value, options) {
  const ctx = {
    budget: {},
    indentationLvl: 0,
    seen: [],
    currentDepth: 0,
    circular: undefined,
    stylize: stylizeNoColor,
    userOptions: undefined,
    ...defaultOptions,
  };
  if (arguments.length > 1) {
    if (arguments.length > 2) {
      if (arguments[2] !== undefined) ctx.depth = arguments[2];
      if (arguments.length > 3 && arguments[3] !== undefined) ctx.colors = arguments[3];
    }
    if (typeof options === "boolean") {
      ctx.showHidden = options;
    } else if (options) {
      for (const key of objectKeys(options)) {
        if (hasOwn(defaultOptions, key) || key === "stylize") ctx[key] = options[key];
        else if (ctx.userOptions === undefined) ctx.userOptions = options;
      }
    }
  }
  if (ctx.colors && ctx.stylize === stylizeNoColor) ctx.stylize = stylizeWithColor;
  if (ctx.depth === null) ctx.depth = Infinity;
  if (ctx.maxArrayLength === null) ctx.maxArrayLength = Infinity;
  if (ctx.maxStringLength === null) ctx.maxStringLength = Infinity;
  return inspectValue(ctx, value, 0);
}
inspect.custom = customInspectSymbol;
inspect.colors = colorCodes;
inspect.styles = styles;
Object.defineProperty(inspect, "defaultOptions", {
  get() { return defaultOptions; },
  set(options) {
    if (options === null || typeof options !== "object" || Array.isArray(options)) {
      throw invalidOptions(options);
    }
    Object.assign(defaultOptions, options);
  },
  configurable: true,
  enumerable: false,
});

// Node's ERR_INVALID_ARG_TYPE for a non-object "options", shaped as workerd's (own code, name).
function invalidOptions(v) {
  let got;
  if (v == null) got = `${v}`;
  else if (typeof v === "function") got = v.name ? `function ${v.name}` : `type function (${inspect(v)})`;
  else if (typeof v === "object") got = v.constructor?.name ? `an instance of ${v.constructor.name}` : inspect(v, { depth: -1 });
  else {
    let shown = inspect(v, { colors: false });
    if (shown.length > 25) shown = `${shown.slice(0, 25)}...`;
    got = `type ${typeof v} (${shown})`;
  }
  const err = new TypeError(`The "options" argument must be of type object. Received ${got}`);
  err.code = "ERR_INVALID_ARG_TYPE";
  err.name = "TypeError";
  err.toString = function () { return `${this.name} [${this.code}]: ${this.message}`; };
  return err;
}

function userOptions(ctx) {
  const ret = { stylize: ctx.stylize };
  for (const key of objectKeys(defaultOptions)) ret[key] = ctx[key];
  if (ctx.userOptions !== undefined) Object.assign(ret, ctx.userOptions);
  return ret;
}

// ---------------------------------------------------------------------------------------------
// Strings.

const escapeAll = /[\x00-\x1f\x27\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const escapeAllG = new RegExp(escapeAll.source, "g");
const escapeNoQuote = /[\x00-\x1f\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const escapeNoQuoteG = new RegExp(escapeNoQuote.source, "g");
const identifierKey = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
const arrayIndexKey = /^(0|[1-9][0-9]*)$/;

const namedEscapes = { 8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r", 39: "\\'", 92: "\\\\" };

function escapeChar(ch) {
  const code = ch.charCodeAt(0);
  if (namedEscapes[code] !== undefined) return namedEscapes[code];
  if (code <= 0x9f) return `\\x${code.toString(16).toUpperCase().padStart(2, "0")}`;
  return `\\u${code.toString(16)}`;
}

// Quote a string: single quotes, or double quotes / backticks to avoid escaping a single quote.
function strEscape(str) {
  let test = escapeAll;
  let replace = escapeAllG;
  let quote = "'";
  if (str.includes("'")) {
    if (!str.includes('"')) quote = '"';
    else if (!str.includes("`") && !str.includes("${")) quote = "`";
    if (quote !== "'") {
      test = escapeNoQuote;
      replace = escapeNoQuoteG;
    }
  }
  if (test.test(str)) str = str.replace(replace, escapeChar);
  return quote + str + quote;
}

function formatPrimitive(fn, value, ctx) {
  switch (typeof value) {
    case "string": {
      let trailer = "";
      if (value.length > ctx.maxStringLength) {
        const remaining = value.length - ctx.maxStringLength;
        value = value.slice(0, Math.max(0, ctx.maxStringLength));
        trailer = `... ${remaining} more character${remaining > 1 ? "s" : ""}`;
      }
      if (
        ctx.compact !== true &&
        value.length > kMinLineLength &&
        value.length > ctx.breakLength - ctx.indentationLvl - 4
      ) {
        return (
          value
            .split(/(?<=\n)/)
            .map((line) => fn(strEscape(line), "string"))
            .join(` +\n${" ".repeat(ctx.indentationLvl + 2)}`) + trailer
        );
      }
      return fn(strEscape(value), "string") + trailer;
    }
    case "number":
      return formatNumber(fn, value, ctx.numericSeparator);
    case "bigint":
      return formatBigInt(fn, value, ctx.numericSeparator);
    case "boolean":
      return fn(`${value}`, "boolean");
    case "undefined":
      return fn("undefined", "undefined");
    default:
      return fn(symbolToString(value), "symbol");
  }
}

function addNumericSeparator(s) {
  let result = "";
  let i = s.length;
  const start = s.startsWith("-") ? 1 : 0;
  for (; i >= start + 4; i -= 3) result = `_${s.slice(i - 3, i)}${result}`;
  return i === s.length ? s : `${s.slice(0, i)}${result}`;
}

function addNumericSeparatorEnd(s) {
  let result = "";
  let i = 0;
  for (; i < s.length - 3; i += 3) result += `${s.slice(i, i + 3)}_`;
  return i === 0 ? s : `${result}${s.slice(i)}`;
}

function formatNumber(fn, n, numericSeparator) {
  if (!numericSeparator) return fn(Object.is(n, -0) ? "-0" : `${n}`, "number");
  const integer = Math.trunc(n);
  const s = String(integer);
  if (integer === n) {
    if (!Number.isFinite(n) || s.includes("e")) return fn(s, "number");
    return fn(addNumericSeparator(s), "number");
  }
  if (Number.isNaN(n)) return fn(s, "number");
  return fn(`${addNumericSeparator(s)}.${addNumericSeparatorEnd(String(n).slice(s.length + 1))}`, "number");
}

function formatBigInt(fn, n, numericSeparator) {
  const s = String(n);
  return fn(`${numericSeparator ? addNumericSeparator(s) : s}n`, "bigint");
}

// The columns a string takes in a terminal (East Asian wide characters two, combining marks none).
const ansi = /[\u001B\u009B][[\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\d/#&.:=?%@~_]+)*|[a-zA-Z\d]+(?:;[-a-zA-Z\d/#&.:=?%@~_]*)*)?\u0007)|(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-ntqry=><~]))/g;

function isFullWidth(code) {
  return (
    code >= 0x1100 &&
    (code <= 0x115f || code === 0x2329 || code === 0x232a ||
      (code >= 0x2e80 && code <= 0x3247 && code !== 0x303f) ||
      (code >= 0x3250 && code <= 0x4dbf) || (code >= 0x4e00 && code <= 0xa4c6) ||
      (code >= 0xa960 && code <= 0xa97c) || (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe10 && code <= 0xfe19) ||
      (code >= 0xfe30 && code <= 0xfe6b) || (code >= 0xff01 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) || (code >= 0x1b000 && code <= 0x1b001) ||
      (code >= 0x1f200 && code <= 0x1f251) || (code >= 0x1f300 && code <= 0x1f64f) ||
      (code >= 0x20000 && code <= 0x3fffd))
  );
}

function isZeroWidth(code) {
  return (
    code <= 0x1f || (code >= 0x7f && code <= 0x9f) || (code >= 0x300 && code <= 0x36f) ||
    (code >= 0x200b && code <= 0x200f) || (code >= 0x20d0 && code <= 0x20ff) ||
    (code >= 0xfe00 && code <= 0xfe0f) || (code >= 0xfe20 && code <= 0xfe2f) ||
    (code >= 0xe0100 && code <= 0xe01ef)
  );
}

function getStringWidth(str, removeControlChars = true) {
  if (removeControlChars) str = str.replace(ansi, "");
  str = str.normalize("NFC");
  let width = 0;
  for (const ch of str) {
    const code = ch.codePointAt(0);
    if (isFullWidth(code)) width += 2;
    else if (!isZeroWidth(code)) width++;
  }
  return width;
}

// ---------------------------------------------------------------------------------------------
// Values.

function inspectValue(ctx, value, recurseTimes, typedArray) {
  if (typeof value !== "object" && typeof value !== "function") {
    return formatPrimitive(ctx.stylize, value, ctx);
  }
  if (value === null) return ctx.stylize("null", "null");

  const context = value;
  let proxies = 0;
  if (proxyDetailsHook === null) {
    try {
      getPrototypeOf(value);
    } catch {
      // Without the engine's help only a revoked proxy (or a throwing trap) shows itself.
      return ctx.stylize("<Revoked Proxy>", "special");
    }
  }
  // A proxy is looked through (never through its traps): workerd prints Proxy(<target>) for each.
  let proxy = proxyDetails(value);
  if (proxy !== undefined) {
    if (proxy[0] === null) return ctx.stylize("<Revoked Proxy>", "special");
    if (ctx.showProxy) return formatProxy(ctx, proxy, recurseTimes);
    do {
      if (proxy[0] === null) {
        return wrapProxies(ctx, ctx.stylize("<Revoked Proxy>", "special"), proxies);
      }
      value = proxy[0];
      proxy = proxyDetails(value);
      proxies++;
    } while (proxy !== undefined);
  }
  return inspectTarget(ctx, value, context, proxies, recurseTimes, typedArray);
}

function wrapProxies(ctx, formatted, proxies) {
  for (let i = 0; i < proxies; i++) formatted = `${ctx.stylize("Proxy(", "special")}${formatted}${ctx.stylize(")", "special")}`;
  return formatted;
}

// inspectTarget formats value, which context (a chain of `proxies` proxies around it, or value
// itself) stands for. Only the plain formatting is marked as a proxy, as workerd does.
function inspectTarget(ctx, value, context, proxies, recurseTimes, typedArray) {
  if (ctx.customInspect) {
    const custom = value[customInspectSymbol];
    if (
      typeof custom === "function" &&
      custom !== inspect &&
      !(value.constructor && value.constructor.prototype === value)
    ) {
      const depth = ctx.depth - recurseTimes;
      const ret = custom.call(context, depth, userOptions(ctx), inspect);
      if (ret !== context) {
        if (typeof ret !== "string") return inspectValue(ctx, ret, recurseTimes);
        return ret.replaceAll("\n", `\n${" ".repeat(ctx.indentationLvl)}`);
      }
    }
  }

  if (ctx.seen.includes(value)) {
    let index = 1;
    if (ctx.circular === undefined) {
      ctx.circular = new Map();
      ctx.circular.set(value, index);
    } else {
      index = ctx.circular.get(value);
      if (index === undefined) {
        index = ctx.circular.size + 1;
        ctx.circular.set(value, index);
      }
    }
    return ctx.stylize(`[Circular *${index}]`, "special");
  }
  return wrapProxies(ctx, formatRaw(ctx, value, recurseTimes, typedArray), proxies);
}

function formatProxy(ctx, proxy, recurseTimes) {
  if (recurseTimes > ctx.depth) return ctx.stylize("Proxy [Array]", "special");
  recurseTimes += 1;
  ctx.indentationLvl += 2;
  const res = [inspectValue(ctx, proxy[0], recurseTimes), inspectValue(ctx, proxy[1], recurseTimes)];
  ctx.indentationLvl -= 2;
  return reduceToSingleString(ctx, res, "", ["Proxy [", "]"], kArrayExtrasType, recurseTimes);
}

// The name of the nearest constructor on the prototype chain, null for a null prototype.
function getConstructorName(obj, ctx, recurseTimes, protoProps) {
  let firstProto;
  const tmp = obj;
  while (obj) {
    const descriptor = getOwnPropertyDescriptor(obj, "constructor");
    if (
      descriptor !== undefined &&
      typeof descriptor.value === "function" &&
      descriptor.value.name !== "" &&
      isInstanceof(tmp, descriptor.value)
    ) {
      if (protoProps !== undefined && (firstProto !== obj || !builtIns().has(descriptor.value.name))) {
        addPrototypeProperties(ctx, tmp, firstProto || tmp, recurseTimes, protoProps);
      }
      return String(descriptor.value.name);
    }
    obj = getPrototypeOf(obj);
    if (firstProto === undefined) firstProto = obj;
  }
  if (firstProto === null) return null;

  const res = internalConstructorName(tmp);
  if (recurseTimes > ctx.depth) return `${res} <Complex prototype>`;
  const protoConstr = getConstructorName(firstProto, ctx, recurseTimes + 1, protoProps);
  if (protoConstr === null) {
    return `${res} <${inspect(firstProto, { ...userOptions(ctx), customInspect: false, depth: -1 })}>`;
  }
  return `${res} <${protoConstr}>`;
}

// With showHidden, user-defined prototype properties (not methods) are listed too.
function addPrototypeProperties(ctx, main, obj, recurseTimes, output) {
  let depth = 0;
  let keys;
  let keySet;
  do {
    if (depth !== 0 || main === obj) {
      obj = getPrototypeOf(obj);
      if (obj === null) return;
      const descriptor = getOwnPropertyDescriptor(obj, "constructor");
      if (descriptor !== undefined && typeof descriptor.value === "function" && builtIns().has(descriptor.value.name)) {
        return;
      }
    }
    if (depth === 0) keySet = new Set();
    else for (const key of keys) keySet.add(key);
    keys = ownKeys(obj);
    ctx.seen.push(main);
    for (const key of keys) {
      if (key === "constructor" || hasOwn(main, key) || (depth !== 0 && keySet.has(key))) continue;
      const desc = getOwnPropertyDescriptor(obj, key);
      if (typeof desc.value === "function") continue;
      const value = formatProperty(ctx, obj, recurseTimes, key, kObjectType, desc, main);
      output.push(ctx.colors ? `\u001b[2m${value}\u001b[22m` : value);
    }
    ctx.seen.pop();
  } while (++depth !== 3);
}

function getPrefix(constructor, tag, fallback, size = "") {
  if (constructor === null) {
    if (tag !== "" && fallback !== tag) return `[${fallback}${size}: null prototype] [${tag}] `;
    return `[${fallback}${size}: null prototype] `;
  }
  if (tag !== "" && constructor !== tag) return `${constructor}${size} [${tag}] `;
  return `${constructor}${size} `;
}

function getKeys(value, showHidden) {
  let keys;
  const symbols = getOwnPropertySymbols(value);
  if (showHidden) {
    keys = getOwnPropertyNames(value);
    if (symbols.length !== 0) keys.push(...symbols);
  } else {
    try {
      keys = objectKeys(value);
    } catch (err) {
      // A namespace object of a module that has not finished evaluating.
      if (!isModuleNamespace(value)) throw err;
      keys = getOwnPropertyNames(value);
    }
    if (symbols.length !== 0) keys.push(...symbols.filter((key) => isEnumerable(value, key)));
  }
  return keys;
}

// Own keys of an array-like that are not indices.
function getNonIndexKeys(value, showHidden) {
  const out = [];
  for (const key of ownKeys(value)) {
    if (typeof key === "string" && arrayIndexKey.test(key) && +key < 2 ** 32 - 1) continue;
    if (showHidden || isEnumerable(value, key)) out.push(key);
  }
  return out;
}

// V8's GetConstructorName, for objects whose chain names no constructor. Without the engine it is
// approximated: a Symbol.toStringTag data property, else a named `constructor` data property, else
// "Object" (V8 also knows the function an object was constructed by, which JS cannot see).
const constructorNameHook = engineDetails !== null ? detailsOf(4) : null;

function internalConstructorName(obj) {
  const d = constructorNameHook !== null ? constructorNameHook(obj) : undefined;
  if (d !== undefined) return d[0];
  for (let o = obj; o !== null; o = getPrototypeOf(o)) {
    const desc = getOwnPropertyDescriptor(o, Symbol.toStringTag);
    if (desc !== undefined) {
      if (typeof desc.value === "string") return desc.value;
      break;
    }
  }
  for (let o = obj; o !== null; o = getPrototypeOf(o)) {
    const desc = getOwnPropertyDescriptor(o, "constructor");
    if (desc !== undefined && typeof desc.value === "function" && desc.value.name) return desc.value.name;
  }
  return "Object";
}

function getCtxStyle(value, constructor, tag) {
  let fallback = "";
  if (constructor === null) {
    fallback = internalConstructorName(value);
    if (fallback === tag) fallback = "Object";
  }
  return getPrefix(constructor, tag, fallback);
}

function formatRaw(ctx, value, recurseTimes, typedArray) {
  let keys;
  let protoProps;
  if (ctx.showHidden && recurseTimes <= ctx.depth) protoProps = [];

  const constructor = getConstructorName(value, ctx, recurseTimes, protoProps);
  if (protoProps !== undefined && protoProps.length === 0) protoProps = undefined;

  let tag = value[Symbol.toStringTag];
  // Only list the tag when it is not an own enumerable property (that would print it twice).
  if (typeof tag !== "string" || (tag !== "" && (ctx.showHidden ? hasOwn : isEnumerable)(value, Symbol.toStringTag))) {
    tag = "";
  }

  let base = "";
  let formatter = getEmptyFormatArray;
  let braces;
  let noIterator = true;
  let extrasType = kObjectType;

  if (Symbol.iterator in value || constructor === null) {
    noIterator = false;
    if (Array.isArray(value)) {
      const prefix =
        constructor !== "Array" || tag !== "" ? getPrefix(constructor, tag, "Array", `(${value.length})`) : "";
      keys = getNonIndexKeys(value, ctx.showHidden);
      braces = [`${prefix}[`, "]"];
      if (value.length === 0 && keys.length === 0 && protoProps === undefined) return `${braces[0]}]`;
      extrasType = kArrayExtrasType;
      formatter = formatArray;
    } else if (isSet(value)) {
      const size = setSize(value);
      const prefix = getPrefix(constructor, tag, "Set", `(${size})`);
      keys = getKeys(value, ctx.showHidden);
      formatter = (c, v, r) => formatSet(constructor !== null ? value : setValues(value), size, c, r);
      if (size === 0 && keys.length === 0 && protoProps === undefined) return `${prefix}{}`;
      braces = [`${prefix}{`, "}"];
    } else if (isMap(value)) {
      const size = mapSize(value);
      const prefix = getPrefix(constructor, tag, "Map", `(${size})`);
      keys = getKeys(value, ctx.showHidden);
      formatter = (c, v, r) => formatMap(constructor !== null ? value : mapEntries(value), size, c, r);
      if (size === 0 && keys.length === 0 && protoProps === undefined) return `${prefix}{}`;
      braces = [`${prefix}{`, "}"];
    } else if (isTypedArray(value)) {
      keys = getNonIndexKeys(value, ctx.showHidden);
      let bound = value;
      let fallback = "";
      if (constructor === null) {
        fallback = typedArrayTag(value);
        bound = new globalThis[fallback](value);
      }
      const size = typedArrayLength(value);
      const prefix = getPrefix(constructor, tag, fallback, `(${size})`);
      braces = [`${prefix}[`, "]"];
      if (size === 0 && keys.length === 0 && !ctx.showHidden) return `${braces[0]}]`;
      formatter = (c, v, r) => formatTypedArray(bound, size, c, r);
      extrasType = kArrayExtrasType;
    } else if (isMapIterator(value)) {
      keys = getKeys(value, ctx.showHidden);
      braces = getIteratorBraces("Map", tag);
      formatter = (c, v, r) => formatIterator(braces, c, v, r);
    } else if (isSetIterator(value)) {
      keys = getKeys(value, ctx.showHidden);
      braces = getIteratorBraces("Set", tag);
      formatter = (c, v, r) => formatIterator(braces, c, v, r);
    } else {
      noIterator = true;
    }
  }

  if (noIterator) {
    keys = getKeys(value, ctx.showHidden);
    braces = ["{", "}"];
    let promise;
    if (constructor === "Object") {
      if (isArguments(value)) braces[0] = "[Arguments] {";
      else if (tag !== "") braces[0] = `${getPrefix(constructor, tag, "Object")}{`;
      if (keys.length === 0 && protoProps === undefined) return `${braces[0]}}`;
    } else if (typeof value === "function") {
      base = getFunctionBase(value, constructor, tag);
      if (keys.length === 0 && protoProps === undefined) return ctx.stylize(base, "special");
    } else if (isRegExp(value)) {
      base = regExpToString(constructor !== null ? value : new RegExp(value));
      const prefix = getPrefix(constructor, tag, "RegExp");
      if (prefix !== "RegExp ") base = `${prefix}${base}`;
      if ((keys.length === 0 && protoProps === undefined) || recurseTimes > ctx.depth) {
        return ctx.stylize(base, "regexp");
      }
    } else if (isDate(value)) {
      base = Number.isNaN(dateGetTime(value)) ? dateToString(value) : dateToISOString(value);
      const prefix = getPrefix(constructor, tag, "Date");
      if (prefix !== "Date ") base = `${prefix}${base}`;
      if (keys.length === 0 && protoProps === undefined) return ctx.stylize(base, "date");
    } else if (isError(value)) {
      base = formatError(value, constructor, tag, ctx, keys);
      if (keys.length === 0 && protoProps === undefined) return base;
    } else if (isArrayBuffer(value) || isSharedArrayBuffer(value)) {
      const arrayType = isArrayBuffer(value) ? "ArrayBuffer" : "SharedArrayBuffer";
      const prefix = getPrefix(constructor, tag, arrayType);
      if (typedArray === undefined) {
        formatter = formatArrayBuffer;
      } else if (keys.length === 0 && protoProps === undefined) {
        return `${prefix}{ byteLength: ${formatNumber(ctx.stylize, value.byteLength, false)} }`;
      }
      braces[0] = `${prefix}{`;
      keys.unshift("byteLength");
    } else if (isDataView(value)) {
      braces[0] = `${getPrefix(constructor, tag, "DataView")}{`;
      keys.unshift("byteLength", "byteOffset", "buffer");
    } else if ((promise = promiseDetails(value)) !== undefined) {
      braces[0] = `${getPrefix(constructor, tag, "Promise")}{`;
      formatter = (c, v, r) => formatPromise(promise, c, r);
    } else if (isWeakSet(value)) {
      braces[0] = `${getPrefix(constructor, tag, "WeakSet")}{`;
      formatter = ctx.showHidden && previewEntriesHook !== null ? formatWeakSet : formatWeakCollection;
    } else if (isWeakMap(value)) {
      braces[0] = `${getPrefix(constructor, tag, "WeakMap")}{`;
      formatter = ctx.showHidden && previewEntriesHook !== null ? formatWeakMap : formatWeakCollection;
    } else if (isModuleNamespace(value)) {
      braces[0] = `${getPrefix(constructor, tag, "Module")}{`;
      const nsKeys = keys;
      formatter = (c, v, r) => formatNamespaceObject(nsKeys, c, v, r);
    } else if (isBoxedPrimitive(value)) {
      base = getBoxedBase(value, ctx, keys, constructor, tag);
      if (keys.length === 0 && protoProps === undefined) return base;
    } else {
      if (keys.length === 0 && protoProps === undefined) return `${getCtxStyle(value, constructor, tag)}{}`;
      braces[0] = `${getCtxStyle(value, constructor, tag)}{`;
    }
  }

  if (recurseTimes > ctx.depth) {
    let name = getCtxStyle(value, constructor, tag).slice(0, -1);
    if (constructor !== null) name = `[${name}]`;
    return ctx.stylize(name, "special");
  }
  recurseTimes += 1;

  ctx.seen.push(value);
  ctx.currentDepth = recurseTimes;
  let output;
  const indentationLvl = ctx.indentationLvl;
  try {
    output = formatter(ctx, value, recurseTimes);
    for (let i = 0; i < keys.length; i++) {
      output.push(formatProperty(ctx, value, recurseTimes, keys[i], extrasType));
    }
    if (protoProps !== undefined) output.push(...protoProps);
  } catch (err) {
    if (err instanceof RangeError && /call stack/i.test(err.message)) {
      ctx.seen.pop();
      ctx.indentationLvl = indentationLvl;
      const name = getCtxStyle(value, constructor, tag).slice(0, -1);
      return ctx.stylize(`[${name}: Inspection interrupted prematurely. Maximum call stack size exceeded.]`, "special");
    }
    throw err;
  }
  if (ctx.circular !== undefined) {
    const index = ctx.circular.get(value);
    if (index !== undefined) {
      const reference = ctx.stylize(`<ref *${index}>`, "special");
      if (ctx.compact !== true) base = base === "" ? reference : `${reference} ${base}`;
      else braces[0] = `${reference} ${braces[0]}`;
    }
  }
  ctx.seen.pop();

  if (ctx.sorted) {
    const comparator = ctx.sorted === true ? undefined : ctx.sorted;
    if (extrasType === kObjectType) {
      output.sort(comparator);
    } else if (keys.length > 1) {
      const sorted = output.slice(output.length - keys.length).sort(comparator);
      output.splice(output.length - keys.length, keys.length, ...sorted);
    }
  }

  const res = reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value);
  const newLength = (ctx.budget[ctx.indentationLvl] || 0) + res.length;
  ctx.budget[ctx.indentationLvl] = newLength;
  // Stop descending once the output gets huge (Node's 2 ** 27 budget).
  if (newLength > 2 ** 27) ctx.depth = -1;
  return res;
}

function getEmptyFormatArray() {
  return [];
}

function getIteratorBraces(type, tag) {
  if (tag !== `${type} Iterator`) {
    if (tag !== "") tag += "] [";
    tag += `${type} Iterator`;
  }
  return [`[${tag}] {`, "}"];
}

function getBoxedBase(value, ctx, keys, constructor, tag) {
  let primitive;
  let type;
  if (isNumberObject(value)) {
    primitive = numberValueOf(value);
    type = "Number";
  } else if (isStringObject(value)) {
    primitive = stringValueOf(value);
    type = "String";
    // The index properties of a String object just repeat its characters.
    keys.splice(0, primitive.length);
  } else if (isBooleanObject(value)) {
    primitive = booleanValueOf(value);
    type = "Boolean";
  } else if (isBigIntObject(value)) {
    primitive = bigIntValueOf(value);
    type = "BigInt";
  } else {
    primitive = symbolValueOf(value);
    type = "Symbol";
  }
  let base = `[${type}`;
  if (type !== constructor) base += constructor === null ? " (null prototype)" : ` (${constructor})`;
  base += `: ${formatPrimitive(stylizeNoColor, primitive, ctx)}]`;
  if (tag !== "" && tag !== constructor) base += ` [${tag}]`;
  if (keys.length !== 0 || ctx.stylize === stylizeNoColor) return base;
  return ctx.stylize(base, type.toLowerCase());
}

function getClassBase(value, constructor, tag) {
  const name = (hasOwn(value, "name") && value.name) || "(anonymous)";
  let base = `class ${name}`;
  if (constructor !== "Function" && constructor !== null) base += ` [${constructor}]`;
  if (tag !== "" && constructor !== tag) base += ` [${tag}]`;
  if (constructor !== null) {
    const superName = getPrototypeOf(value).name;
    if (superName) base += ` extends ${superName}`;
  } else {
    base += " extends [null prototype]";
  }
  return `[${base}]`;
}

function getFunctionBase(value, constructor, tag) {
  const source = functionToString(value);
  if (source.startsWith("class") && source.endsWith("}")) {
    const slice = source.slice(5, -1);
    const bracketIndex = slice.indexOf("{");
    if (
      bracketIndex !== -1 &&
      (!slice.slice(0, bracketIndex).includes("(") ||
        /^(\s+[^(]*?)\s*{/.test(slice.replace(/(\/\/.*?\n)|(\/\*(.|\n)*?\*\/)/g, "")))
    ) {
      return getClassBase(value, constructor, tag);
    }
  }
  const type = functionKind(value);
  let base = `[${type}`;
  if (constructor === null) base += " (null prototype)";
  base += value.name === "" ? " (anonymous)" : `: ${value.name}`;
  base += "]";
  if (constructor !== type && constructor !== null) base += ` ${constructor}`;
  if (tag !== "" && constructor !== tag) base += ` [${tag}]`;
  return base;
}

// ---------------------------------------------------------------------------------------------
// Errors.

function getStackString(err) {
  return err.stack ? String(err.stack) : NativeError.prototype.toString.call(err);
}

// The offset and length of the first run of more than three lines of a that also occurs in b.
function identicalSequenceRange(a, b) {
  for (let i = 0; i < a.length - 3; i++) {
    const pos = b.indexOf(a[i]);
    if (pos !== -1) {
      const rest = b.length - pos;
      if (rest > 3) {
        let len = 1;
        const maxLen = Math.min(a.length - i, rest);
        while (maxLen > len && a[i + len] === b[pos + len]) len++;
        if (len > 3) return { len, offset: i };
      }
    }
  }
  return { len: 0, offset: 0 };
}

function getStackFrames(ctx, err, stack) {
  const frames = stack.split("\n");
  let cause;
  try {
    ({ cause } = err);
  } catch {
    // A throwing cause getter is ignored.
  }
  // Frames identical to the cause's are elided.
  if (cause != null && isError(cause)) {
    const causeStack = getStackString(cause);
    const causeStackStart = causeStack.indexOf("\n    at");
    if (causeStackStart !== -1) {
      const causeFrames = causeStack.slice(causeStackStart + 1).split("\n");
      const { len, offset } = identicalSequenceRange(frames, causeFrames);
      if (len > 0) {
        const skipped = len - 2;
        const msg = `    ... ${skipped} lines matching cause stack trace ...`;
        frames.splice(offset + 1, skipped, ctx.stylize(msg, "undefined"));
      }
    }
  }
  return frames;
}

// Make the first line of a "regular" stack say which class the error is.
function improveStack(stack, constructor, name, tag) {
  let len = name.length;
  if (
    constructor === null ||
    (name.endsWith("Error") &&
      stack.startsWith(name) &&
      (stack.length === len || stack[len] === ":" || stack[len] === "\n"))
  ) {
    let fallback = "Error";
    if (constructor === null) {
      const start = /^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n {4}at)/.exec(stack) || /^([a-z_A-Z0-9-]*Error)$/.exec(stack);
      fallback = (start && start[1]) || "";
      len = fallback.length;
      fallback = fallback || "Error";
    }
    const prefix = getPrefix(constructor, tag, fallback).slice(0, -1);
    if (name !== prefix) {
      if (prefix.includes(name)) {
        stack = len === 0 ? `${prefix}: ${stack}` : `${prefix}${stack.slice(len)}`;
      } else {
        stack = `${prefix} [${name}]${stack.slice(len)}`;
      }
    }
  }
  return stack;
}

function removeDuplicateErrorKeys(ctx, keys, err, stack) {
  if (!ctx.showHidden && keys.length !== 0) {
    for (const name of ["name", "message", "stack"]) {
      const index = keys.indexOf(name);
      // Only show the property when it is a string the stack does not already contain.
      if (index !== -1 && (typeof err[name] !== "string" || stack.includes(err[name]))) keys.splice(index, 1);
    }
  }
}

function formatError(err, constructor, tag, ctx, keys) {
  const name = err.name != null ? String(err.name) : "Error";
  let stack = getStackString(err);
  removeDuplicateErrorKeys(ctx, keys, err, stack);
  if ("cause" in err && (keys.length === 0 || !keys.includes("cause"))) keys.push("cause");
  if (Array.isArray(err.errors) && (keys.length === 0 || !keys.includes("errors"))) keys.push("errors");
  stack = improveStack(stack, constructor, name, tag);

  // Skip the message when looking for the stack frames; it may contain "\n    at" itself.
  let pos = (err.message && stack.indexOf(err.message)) || -1;
  if (pos !== -1) pos += err.message.length;
  const stackStart = stack.indexOf("\n    at", pos);
  if (stackStart === -1) {
    stack = `[${stack}]`;
  } else {
    const frames = getStackFrames(ctx, err, stack.slice(stackStart + 1));
    stack = `${stack.slice(0, stackStart)}\n${frames.join("\n")}`;
  }
  if (ctx.indentationLvl !== 0) {
    stack = stack.replaceAll("\n", `\n${" ".repeat(ctx.indentationLvl)}`);
  }
  return stack;
}

// ---------------------------------------------------------------------------------------------
// Collections.

function remainingText(remaining) {
  return `... ${remaining} more item${remaining > 1 ? "s" : ""}`;
}

function formatArray(ctx, value, recurseTimes) {
  const valLen = value.length;
  const len = Math.min(Math.max(0, ctx.maxArrayLength), valLen);
  const remaining = valLen - len;
  const output = [];
  for (let i = 0; i < len; i++) {
    if (!hasOwn(value, i)) return formatSpecialArray(ctx, value, recurseTimes, len, output, i);
    output.push(formatProperty(ctx, value, recurseTimes, i, kArrayType));
  }
  if (remaining > 0) output.push(remainingText(remaining));
  return output;
}

// A sparse array: runs of holes print as `<n empty items>`.
function formatSpecialArray(ctx, value, recurseTimes, maxLength, output, i) {
  const keys = objectKeys(value);
  let index = i;
  for (; i < keys.length && output.length < maxLength; i++) {
    const key = keys[i];
    const tmp = +key;
    if (tmp > 2 ** 32 - 2) break;
    if (`${index}` !== key) {
      if (!arrayIndexKey.test(key)) break;
      const emptyItems = tmp - index;
      output.push(ctx.stylize(`<${emptyItems} empty item${emptyItems > 1 ? "s" : ""}>`, "undefined"));
      index = tmp;
      if (output.length === maxLength) break;
    }
    output.push(formatProperty(ctx, value, recurseTimes, key, kArrayType));
    index++;
  }
  const remaining = value.length - index;
  if (output.length !== maxLength) {
    if (remaining > 0) {
      output.push(ctx.stylize(`<${remaining} empty item${remaining > 1 ? "s" : ""}>`, "undefined"));
    }
  } else if (remaining > 0) {
    output.push(remainingText(remaining));
  }
  return output;
}

function formatArrayBuffer(ctx, value) {
  let bytes;
  try {
    bytes = new Uint8Array(value);
  } catch {
    return [ctx.stylize("(detached)", "special")];
  }
  const shown = Math.min(Math.max(0, ctx.maxArrayLength), bytes.length);
  let hex = "";
  for (let i = 0; i < shown; i++) hex += (i === 0 ? "" : " ") + bytes[i].toString(16).padStart(2, "0");
  const remaining = bytes.length - shown;
  if (remaining > 0) hex += ` ... ${remaining} more byte${remaining > 1 ? "s" : ""}`;
  return [`${ctx.stylize("[Uint8Contents]", "special")}: <${hex}>`];
}

function formatTypedArray(value, length, ctx, recurseTimes) {
  const maxLength = Math.min(Math.max(0, ctx.maxArrayLength), length);
  const remaining = value.length - maxLength;
  const output = new Array(maxLength);
  const elementFormatter = value.length > 0 && typeof value[0] === "number" ? formatNumber : formatBigInt;
  for (let i = 0; i < maxLength; ++i) output[i] = elementFormatter(ctx.stylize, value[i], ctx.numericSeparator);
  if (remaining > 0) output[maxLength] = remainingText(remaining);
  if (ctx.showHidden) {
    ctx.indentationLvl += 2;
    for (const key of ["BYTES_PER_ELEMENT", "length", "byteLength", "byteOffset", "buffer"]) {
      const str = inspectValue(ctx, value[key], recurseTimes, true);
      output.push(`[${key}]: ${str}`);
    }
    ctx.indentationLvl -= 2;
  }
  return output;
}

function formatSet(iterable, size, ctx, recurseTimes) {
  const maxLength = Math.min(Math.max(0, ctx.maxArrayLength), size);
  const remaining = size - maxLength;
  const output = [];
  ctx.indentationLvl += 2;
  let i = 0;
  for (const v of iterable) {
    if (i >= maxLength) break;
    output.push(inspectValue(ctx, v, recurseTimes));
    i++;
  }
  if (remaining > 0) output.push(remainingText(remaining));
  ctx.indentationLvl -= 2;
  return output;
}

function formatMap(iterable, size, ctx, recurseTimes) {
  const maxLength = Math.min(Math.max(0, ctx.maxArrayLength), size);
  const remaining = size - maxLength;
  const output = [];
  ctx.indentationLvl += 2;
  let i = 0;
  for (const { 0: k, 1: v } of iterable) {
    if (i >= maxLength) break;
    output.push(`${inspectValue(ctx, k, recurseTimes)} => ${inspectValue(ctx, v, recurseTimes)}`);
    i++;
  }
  if (remaining > 0) output.push(remainingText(remaining));
  ctx.indentationLvl -= 2;
  return output;
}

const kWeak = 0;
const kIterator = 1;
const kMapEntries = 2;

function formatSetIterInner(ctx, recurseTimes, entries, state) {
  const maxLength = Math.min(Math.max(ctx.maxArrayLength, 0), entries.length);
  const output = new Array(maxLength);
  ctx.indentationLvl += 2;
  for (let i = 0; i < maxLength; i++) output[i] = inspectValue(ctx, entries[i], recurseTimes);
  ctx.indentationLvl -= 2;
  if (state === kWeak && !ctx.sorted) output.sort();
  const remaining = entries.length - maxLength;
  if (remaining > 0) output.push(remainingText(remaining));
  return output;
}

function formatMapIterInner(ctx, recurseTimes, entries, state) {
  const maxArrayLength = Math.max(ctx.maxArrayLength, 0);
  const len = entries.length / 2;
  const remaining = len - maxArrayLength;
  const maxLength = Math.min(maxArrayLength, len);
  const output = new Array(maxLength);
  ctx.indentationLvl += 2;
  for (let i = 0; i < maxLength; i++) {
    const pos = i * 2;
    if (state === kWeak) {
      output[i] = `${inspectValue(ctx, entries[pos], recurseTimes)} => ${inspectValue(ctx, entries[pos + 1], recurseTimes)}`;
    } else {
      const res = [inspectValue(ctx, entries[pos], recurseTimes), inspectValue(ctx, entries[pos + 1], recurseTimes)];
      output[i] = reduceToSingleString(ctx, res, "", ["[", "]"], kArrayExtrasType, recurseTimes);
    }
  }
  ctx.indentationLvl -= 2;
  if (state === kWeak && !ctx.sorted) output.sort();
  if (remaining > 0) output.push(remainingText(remaining));
  return output;
}

function formatWeakCollection(ctx) {
  return [ctx.stylize("<items unknown>", "special")];
}

function formatWeakSet(ctx, value, recurseTimes) {
  return formatSetIterInner(ctx, recurseTimes, previewEntriesHook(value)[0], kWeak);
}

function formatWeakMap(ctx, value, recurseTimes) {
  return formatMapIterInner(ctx, recurseTimes, previewEntriesHook(value)[0], kWeak);
}

function formatIterator(braces, ctx, value, recurseTimes) {
  if (previewEntriesHook === null) return formatWeakCollection(ctx);
  const [entries, isKeyValue] = previewEntriesHook(value);
  if (isKeyValue) {
    braces[0] = braces[0].replace(/ Iterator] {$/, " Entries] {");
    return formatMapIterInner(ctx, recurseTimes, entries, kMapEntries);
  }
  return formatSetIterInner(ctx, recurseTimes, entries, kIterator);
}

function formatPromise(details, ctx, recurseTimes) {
  const [state, result] = details;
  if (state === -1) return [ctx.stylize("<unknown>", "special")];
  if (state === 0) return [ctx.stylize("<pending>", "special")];
  ctx.indentationLvl += 2;
  const str = inspectValue(ctx, result, recurseTimes);
  ctx.indentationLvl -= 2;
  return [state === 2 ? `${ctx.stylize("<rejected>", "special")} ${str}` : str];
}

function formatNamespaceObject(keys, ctx, value, recurseTimes) {
  const output = new Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    try {
      output[i] = formatProperty(ctx, value, recurseTimes, keys[i], kObjectType);
    } catch (err) {
      if (!(err instanceof ReferenceError)) throw err;
      // An uninitialized binding: format a placeholder in its place.
      const tmp = { [keys[i]]: "" };
      output[i] = formatProperty(ctx, tmp, recurseTimes, keys[i], kObjectType);
      const pos = output[i].lastIndexOf(" ");
      output[i] = output[i].slice(0, pos + 1) + ctx.stylize("<uninitialized>", "special");
    }
  }
  keys.length = 0;
  return output;
}

// ---------------------------------------------------------------------------------------------
// Properties and layout.

function formatProperty(ctx, value, recurseTimes, key, type, desc, original = value) {
  let name;
  let str;
  let extra = " ";
  desc = desc || getOwnPropertyDescriptor(value, key) || { value: value[key], enumerable: true };
  if (desc.value !== undefined) {
    const diff = ctx.compact !== true || type !== kObjectType ? 2 : 3;
    ctx.indentationLvl += diff;
    str = inspectValue(ctx, desc.value, recurseTimes);
    if (diff === 3 && ctx.breakLength < getStringWidth(str, ctx.colors)) {
      extra = `\n${" ".repeat(ctx.indentationLvl)}`;
    }
    ctx.indentationLvl -= diff;
  } else if (desc.get !== undefined) {
    const label = desc.set !== undefined ? "Getter/Setter" : "Getter";
    const s = ctx.stylize;
    const sp = "special";
    if (
      ctx.getters &&
      (ctx.getters === true ||
        (ctx.getters === "get" && desc.set === undefined) ||
        (ctx.getters === "set" && desc.set !== undefined))
    ) {
      try {
        const tmp = desc.get.call(original);
        ctx.indentationLvl += 2;
        if (tmp === null) str = `${s(`[${label}:`, sp)} ${s("null", "null")}${s("]", sp)}`;
        else if (typeof tmp === "object") str = `${s(`[${label}]`, sp)} ${inspectValue(ctx, tmp, recurseTimes)}`;
        else str = `${s(`[${label}:`, sp)} ${formatPrimitive(s, tmp, ctx)}${s("]", sp)}`;
        ctx.indentationLvl -= 2;
      } catch (err) {
        const message = `<Inspection threw (${isError(err) ? err.message : String(err)})>`;
        str = `${s(`[${label}:`, sp)} ${message}${s("]", sp)}`;
      }
    } else {
      str = ctx.stylize(`[${label}]`, sp);
    }
  } else if (desc.set !== undefined) {
    str = ctx.stylize("[Setter]", "special");
  } else {
    str = ctx.stylize("undefined", "undefined");
  }
  if (type === kArrayType) return str;
  if (typeof key === "symbol") {
    // workerd prints enumerable symbol keys bare (`Symbol(a): 1`), hidden ones in brackets.
    const tmp = ctx.stylize(symbolToString(key).replace(escapeAllG, escapeChar), "symbol");
    name = desc.enumerable === false ? `[${tmp}]` : tmp;
  } else if (key === "__proto__") {
    name = "['__proto__']";
  } else if (desc.enumerable === false) {
    name = `[${String(key).replace(escapeAllG, escapeChar)}]`;
  } else if (identifierKey.test(String(key))) {
    name = ctx.stylize(String(key), "name");
  } else {
    name = ctx.stylize(strEscape(String(key)), "string");
  }
  return `${name}:${extra}${str}`;
}

function isBelowBreakLength(ctx, output, start, base) {
  let totalLength = output.length + start;
  if (totalLength + output.length > ctx.breakLength) return false;
  for (let i = 0; i < output.length; i++) {
    totalLength += ctx.colors ? output[i].replace(ansi, "").length : output[i].length;
    if (totalLength > ctx.breakLength) return false;
  }
  return base === "" || !base.includes("\n");
}

// Lay out many short array entries in aligned columns.
function groupArrayElements(ctx, output, value) {
  let totalLength = 0;
  let maxLength = 0;
  let i = 0;
  let outputLength = output.length;
  if (ctx.maxArrayLength < output.length) {
    // Keeps the "... more items" entry out of the columns (Node's rule, extra keys and all).
    outputLength--;
  }
  const separatorSpace = 2;
  const dataLen = new Array(outputLength);
  for (; i < outputLength; i++) {
    const len = getStringWidth(output[i], ctx.colors);
    dataLen[i] = len;
    totalLength += len + separatorSpace;
    if (maxLength < len) maxLength = len;
  }
  const actualMax = maxLength + separatorSpace;
  if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength && (totalLength / actualMax > 5 || maxLength <= 6)) {
    const averageBias = Math.sqrt(actualMax - totalLength / output.length);
    const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
    const columns = Math.min(
      Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax),
      Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax),
      (ctx.compact === false ? 0 : ctx.compact === true ? defaultOptions.compact : ctx.compact) * 4,
      15,
    );
    if (columns <= 1) return output;
    const tmp = [];
    const maxLineLength = [];
    for (let c = 0; c < columns; c++) {
      let lineMaxLength = 0;
      for (let j = c; j < output.length; j += columns) {
        if (dataLen[j] > lineMaxLength) lineMaxLength = dataLen[j];
      }
      maxLineLength.push(lineMaxLength + separatorSpace);
    }
    // Numbers are right-aligned, everything else left-aligned.
    let padStart = true;
    if (value !== undefined) {
      for (let k = 0; k < output.length; k++) {
        if (typeof value[k] !== "number" && typeof value[k] !== "bigint") {
          padStart = false;
          break;
        }
      }
    }
    for (let k = 0; k < outputLength; k += columns) {
      const max = Math.min(k + columns, outputLength);
      let str = "";
      let j = k;
      for (; j < max - 1; j++) {
        const padding = maxLineLength[j - k] + output[j].length - dataLen[j];
        str += padStart ? `${output[j]}, `.padStart(padding, " ") : `${output[j]}, `.padEnd(padding, " ");
      }
      if (padStart) {
        const padding = maxLineLength[j - k] + output[j].length - dataLen[j] - separatorSpace;
        str += output[j].padStart(padding, " ");
      } else {
        str += output[j];
      }
      tmp.push(str);
    }
    if (ctx.maxArrayLength < output.length) tmp.push(output[outputLength]);
    output = tmp;
  }
  return output;
}

function reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value) {
  if (ctx.compact !== true) {
    if (typeof ctx.compact === "number" && ctx.compact >= 1) {
      const entries = output.length;
      if (extrasType === kArrayExtrasType && entries > 6) output = groupArrayElements(ctx, output, value);
      // Up to `compact` inner levels go on one line, when that fits into breakLength.
      if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
        const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
        if (isBelowBreakLength(ctx, output, start, base)) {
          const joined = output.join(", ");
          if (!joined.includes("\n")) {
            return `${base ? `${base} ` : ""}${braces[0]} ${joined} ${braces[1]}`;
          }
        }
      }
    }
    const indentation = `\n${" ".repeat(ctx.indentationLvl)}`;
    return `${base ? `${base} ` : ""}${braces[0]}${indentation}  ${output.join(`,${indentation}  `)}${indentation}${braces[1]}`;
  }
  if (isBelowBreakLength(ctx, output, 0, base)) {
    return `${braces[0]}${base ? ` ${base}` : ""} ${output.join(", ")} ${braces[1]}`;
  }
  const indentation = " ".repeat(ctx.indentationLvl);
  const ln = base === "" && braces[0].length === 1 ? " " : `${base ? ` ${base}` : ""}\n${indentation}  `;
  return `${braces[0]}${ln}${output.join(`,\n${indentation}  `)} ${braces[1]}`;
}

// ---------------------------------------------------------------------------------------------
// util.format.

// Whether %s should inspect value rather than call its toString: true when the toString it
// inherits is a built-in one (or it has none).
function hasBuiltInToString(value) {
  // A proxy is judged by its target, without running its traps.
  const proxy = proxyDetails(value);
  if (proxy !== undefined) return proxy[0] === null ? true : hasBuiltInToString(proxy[0]);
  if (typeof value.toString !== "function") return true;
  if (hasOwn(value, "toString")) return false;
  let pointer = value;
  do {
    pointer = getPrototypeOf(pointer);
  } while (pointer !== null && !hasOwn(pointer, "toString"));
  if (pointer === null) return true;
  const descriptor = getOwnPropertyDescriptor(pointer, "constructor");
  return descriptor !== undefined && typeof descriptor.value === "function" && builtIns().has(descriptor.value.name);
}

let circularErrorMessage;
function tryStringify(arg) {
  try {
    return JSONStringify(arg);
  } catch (err) {
    if (circularErrorMessage === undefined) {
      try {
        const a = {};
        a.a = a;
        JSONStringify(a);
      } catch (circular) {
        circularErrorMessage = String(circular.message).split("\n", 1)[0];
      }
    }
    if (err && err.name === "TypeError" && String(err.message).split("\n", 1)[0] === circularErrorMessage) {
      return "[Circular]";
    }
    throw err;
  }
}

export function formatWithOptions(inspectOptions, args) {
  const first = args[0];
  let a = 0;
  let str = "";
  let join = "";
  const numberOpts = inspectOptions?.numericSeparator ?? defaultOptions.numericSeparator;

  if (typeof first === "string") {
    if (args.length === 1) return first;
    let tempStr;
    let lastPos = 0;
    for (let i = 0; i < first.length - 1; i++) {
      if (first.charCodeAt(i) !== 37) continue; // '%'
      const nextChar = first.charCodeAt(++i);
      if (a + 1 !== args.length) {
        switch (nextChar) {
          case 115: { // 's'
            const tempArg = args[++a];
            if (typeof tempArg === "number") tempStr = formatNumber(stylizeNoColor, tempArg, numberOpts);
            else if (typeof tempArg === "bigint") tempStr = formatBigInt(stylizeNoColor, tempArg, numberOpts);
            else if (typeof tempArg !== "object" || tempArg === null || !hasBuiltInToString(tempArg)) tempStr = String(tempArg);
            else tempStr = inspect(tempArg, { ...inspectOptions, compact: 3, colors: false, depth: 0 });
            break;
          }
          case 106: // 'j'
            tempStr = tryStringify(args[++a]);
            break;
          case 100: { // 'd'
            const tempNum = args[++a];
            if (typeof tempNum === "bigint") tempStr = formatBigInt(stylizeNoColor, tempNum, numberOpts);
            else if (typeof tempNum === "symbol") tempStr = "NaN";
            else tempStr = formatNumber(stylizeNoColor, Number(tempNum), numberOpts);
            break;
          }
          case 79: // 'O'
            tempStr = inspect(args[++a], inspectOptions);
            break;
          case 111: // 'o'
            tempStr = inspect(args[++a], { ...inspectOptions, showHidden: true, showProxy: true, depth: 4 });
            break;
          case 105: { // 'i'
            const tempInteger = args[++a];
            if (typeof tempInteger === "bigint") tempStr = formatBigInt(stylizeNoColor, tempInteger, numberOpts);
            else if (typeof tempInteger === "symbol") tempStr = "NaN";
            else tempStr = formatNumber(stylizeNoColor, Number.parseInt(tempInteger), numberOpts);
            break;
          }
          case 102: { // 'f'
            const tempFloat = args[++a];
            if (typeof tempFloat === "symbol") tempStr = "NaN";
            else tempStr = formatNumber(stylizeNoColor, Number.parseFloat(tempFloat), numberOpts);
            break;
          }
          case 99: // 'c'
            a += 1;
            tempStr = "";
            break;
          case 37: // '%'
            str += first.slice(lastPos, i);
            lastPos = i + 1;
            continue;
          default:
            continue;
        }
        if (lastPos !== i - 1) str += first.slice(lastPos, i - 1);
        str += tempStr;
        lastPos = i + 1;
      } else if (nextChar === 37) {
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
    const value = args[a];
    str += join;
    str += typeof value !== "string" ? inspect(value, inspectOptions) : value;
    join = " ";
    a++;
  }
  return str;
}

/**
 * util.format over an argument array: printf-style %s %d %i %f %j %o %O %c %% in a leading
 * string, then the remaining arguments inspected and joined with spaces.
 */
export function format(args) {
  return formatWithOptions(undefined, args);
}

/** A single console argument: strings as they are, anything else inspected. */
export function formatValue(v) {
  return typeof v === "string" ? v : inspect(v);
}

// workerd's console first calls V8's own console function, whose "Formatter" converts the
// arguments of %s (String()), %d / %i (parseInt) and %f (parseFloat), recursing into the strings
// %s produces. Only the side effects matter: an exception there escapes console.log (for example
// "%s" with a null-prototype object), where one thrown while formatting is printed instead.
function v8FormatterConversions(args, index) {
  if (args.length < index + 2 || typeof args[index] !== "string") return;
  const states = [{ str: args[index], off: 0 }];
  let i = index + 1;
  while (states.length !== 0 && i < args.length) {
    const state = states[states.length - 1];
    state.off = state.str.indexOf("%", state.off);
    if (state.off < 0 || state.off === state.str.length - 1) {
      states.pop();
      continue;
    }
    const current = args[i];
    const specifier = state.str[state.off + 1];
    if (specifier === "d" || specifier === "f" || specifier === "i") {
      if (typeof current !== "symbol") (specifier === "f" ? Number.parseFloat : Number.parseInt)(current, 10);
    } else if (specifier === "s") {
      states.push({ str: String(current), off: 0 });
    } else if (specifier === "c" || specifier === "o" || specifier === "O" || specifier === "_") {
      i++;
      state.off += 2;
      continue;
    } else if (specifier === "%") {
      state.off += 2;
      continue;
    } else {
      state.off++;
      continue;
    }
    i++;
    state.off += 2;
  }
}

// The text of console.log(...args) and friends, as workerd's formatLog makes it.
function formatLog(args) {
  v8FormatterConversions(args, 0);
  try {
    return format(args);
  } catch (err) {
    return `<Formatting threw (${isError(err) ? err.stack : String(err)})>`;
  }
}

// ---------------------------------------------------------------------------------------------
// console.table (Node's layout).

function renderRow(row, columnWidths) {
  let out = "│ ";
  for (let i = 0; i < row.length; i++) {
    const cell = row[i];
    out += cell + " ".repeat(columnWidths[i] - getStringWidth(cell));
    if (i !== row.length - 1) out += " │ ";
  }
  return `${out} │`;
}

function renderTable(head, columns) {
  const rows = [];
  const columnWidths = head.map((h) => getStringWidth(h));
  const longestColumn = Math.max(...columns.map((c) => c.length));
  for (let i = 0; i < head.length; i++) {
    const column = columns[i];
    for (let j = 0; j < longestColumn; j++) {
      if (rows[j] === undefined) rows[j] = [];
      const value = (rows[j][i] = hasOwn(column, j) ? column[j] : "");
      columnWidths[i] = Math.max(columnWidths[i] || 0, getStringWidth(value));
    }
  }
  const divider = columnWidths.map((w) => "─".repeat(w + 2));
  let result = `┌${divider.join("┬")}┐\n${renderRow(head, columnWidths)}\n├${divider.join("┼")}┤\n`;
  for (const row of rows) result += `${renderRow(row, columnWidths)}\n`;
  return result + `└${divider.join("┴")}┘`;
}

export function tableText(data, properties) {
  const cell = (v) => {
    const depth = v !== null && typeof v === "object" && !Array.isArray(v) && objectKeys(v).length > 2 ? -1 : 0;
    return inspect(v, { depth, maxArrayLength: 3, breakLength: Infinity });
  };
  const indexColumn = (length) => Array.from({ length }, (_, i) => cell(i));

  if (isMap(data)) {
    const keys = [];
    const values = [];
    for (const { 0: k, 1: v } of mapEntries(data)) {
      keys.push(cell(k));
      values.push(cell(v));
    }
    return renderTable(["(iteration index)", "Key", "Values"], [indexColumn(keys.length), keys, values]);
  }
  if (isSet(data)) {
    const values = [];
    for (const v of setValues(data)) values.push(cell(v));
    return renderTable(["(iteration index)", "Values"], [indexColumn(values.length), values]);
  }

  const map = { __proto__: null };
  let hasPrimitives = false;
  const valuesColumn = [];
  const indexKeys = objectKeys(data);
  for (let i = 0; i < indexKeys.length; i++) {
    const item = data[indexKeys[i]];
    const primitive = item === null || (typeof item !== "function" && typeof item !== "object");
    if (properties === undefined && primitive) {
      hasPrimitives = true;
      valuesColumn[i] = cell(item);
    } else {
      for (const key of properties || objectKeys(item)) {
        map[key] ??= [];
        if ((primitive && properties) || !hasOwn(item, key)) map[key][i] = "";
        else map[key][i] = cell(item[key]);
      }
    }
  }
  const head = objectKeys(map);
  const columns = head.map((k) => map[k]);
  if (hasPrimitives) {
    head.push("Values");
    columns.push(valuesColumn);
  }
  head.unshift("(index)");
  columns.unshift(indexKeys);
  return renderTable(head, columns);
}

// ---------------------------------------------------------------------------------------------
// The console object.

export function formatTime(ms) {
  let hours = 0;
  let minutes = 0;
  let seconds = 0;
  if (ms >= 1000) {
    if (ms >= 60000) {
      if (ms >= 3600000) {
        hours = Math.floor(ms / 3600000);
        ms %= 3600000;
      }
      minutes = Math.floor(ms / 60000);
      ms %= 60000;
    }
    seconds = ms / 1000;
  }
  if (hours !== 0 || minutes !== 0) {
    const [s, frac] = seconds.toFixed(3).split(".");
    const res = hours !== 0 ? `${hours}:${String(minutes).padStart(2, "0")}` : minutes;
    return `${res}:${s.padStart(2, "0")}.${frac} (${hours !== 0 ? "h:m" : ""}m:ss.mmm)`;
  }
  if (seconds !== 0) return `${seconds.toFixed(3)}s`;
  return `${Number(ms.toFixed(3))}ms`;
}

const now = () => (typeof globalThis.performance?.now === "function" ? globalThis.performance.now() : Date.now());

export function installConsole(g) {
  const counts = new Map();
  const timers = new Map();
  let groupIndent = "";

  // Every line goes out indented by the current console.group depth.
  const emit = (level, text) => {
    if (groupIndent !== "") {
      if (text.includes("\n")) text = text.replace(/\n/g, `\n${groupIndent}`);
      text = groupIndent + text;
    }
    native.print(level, text);
  };
  const warning = (msg) => emit(LEVEL.warn, `Warning: ${msg}`);
  const anonymous = (fn) => Object.defineProperty(fn, "name", { value: "" });

  const timeLog = (name, label, data) => {
    const start = timers.get(label);
    if (start === undefined) {
      warning(`No such label '${label}' for console.${name}()`);
      return false;
    }
    emit(LEVEL.log, format(["%s: %s", label, formatTime(now() - start), ...data]));
    return true;
  };

  // Same keys, in the same order, as workerd's console.
  const c = {
    debug: anonymous((...args) => emit(LEVEL.debug, formatLog(args))),
    error: anonymous((...args) => emit(LEVEL.error, formatLog(args))),
    info: anonymous((...args) => emit(LEVEL.info, formatLog(args))),
    log: anonymous((...args) => emit(LEVEL.log, formatLog(args))),
    warn: anonymous((...args) => emit(LEVEL.warn, formatLog(args))),
    dir(...a) {
      const [object, options] = a;
      emit(LEVEL.log, inspect(object, { customInspect: false, ...options }));
    },
    dirxml(...args) {
      emit(LEVEL.log, format(args));
    },
    table(...a) {
      const [data, properties] = a;
      if (data === null || typeof data !== "object") {
        emit(LEVEL.log, format([data]));
        return;
      }
      emit(LEVEL.log, tableText(data, properties));
    },
    trace(...args) {
      v8FormatterConversions(args, 0);
      const err = { name: "Trace", message: format(args) };
      if (typeof captureStackTrace === "function") captureStackTrace(err, c.trace);
      emit(LEVEL.error, err.stack !== undefined ? err.stack : err.message ? `Trace: ${err.message}` : "Trace");
    },
    group(...data) {
      v8FormatterConversions(data, 0);
      if (data.length > 0) emit(LEVEL.log, format(data));
      groupIndent += "  ";
    },
    groupCollapsed(...data) {
      v8FormatterConversions(data, 0);
      if (data.length > 0) emit(LEVEL.log, format(data));
      groupIndent += "  ";
    },
    groupEnd() {
      groupIndent = groupIndent.slice(0, Math.max(0, groupIndent.length - 2));
    },
    clear() {},
    count(label = "default") {
      label = `${label}`;
      const n = (counts.get(label) || 0) + 1;
      counts.set(label, n);
      emit(LEVEL.log, `${label}: ${n}`);
    },
    countReset(label = "default") {
      label = `${label}`;
      if (!counts.has(label)) {
        warning(`Count for '${label}' does not exist`);
        return;
      }
      counts.delete(label);
    },
    assert(...a) {
      const [expression, ...args] = a;
      v8FormatterConversions(args, 0);
      if (!expression) {
        args[0] = `Assertion failed${args.length === 0 ? "" : `: ${args[0]}`}`;
        emit(LEVEL.warn, format(args));
      }
    },
    profile() {},
    profileEnd() {},
    time(label = "default") {
      label = `${label}`;
      if (timers.has(label)) {
        warning(`Label '${label}' already exists for console.time()`);
        return;
      }
      timers.set(label, now());
    },
    timeLog(label = "default", ...data) {
      timeLog("timeLog", `${label}`, data);
    },
    timeEnd(label = "default") {
      label = `${label}`;
      if (timeLog("timeEnd", label, [])) timers.delete(label);
    },
    timeStamp() {},
    context() {
      return c;
    },
  };
  Object.defineProperty(c, Symbol.toStringTag, { value: "console", writable: false, enumerable: false, configurable: true });
  Object.defineProperty(g, "console", { value: c, writable: true, configurable: true });
  // Snapshot the global constructors once the runtime has installed them, before user code runs.
  NativePromise.resolve().then(builtIns);
}
