// node:console (with the enable_nodejs_console_module feature): Node's Console class, which
// writes to streams given to it, and the global console as the default export. As in workerd,
// importing the module adds Node's private fields to the global console and makes its
// context()/createTask() throw ERR_METHOD_NOT_IMPLEMENTED.
import { EventEmitter } from "node:events";

const internals = globalThis[Symbol.for("nanod.internals")];
const { inspect, formatWithOptions } = internals;
const { tableText, formatTime } = internals.consoleText;

// ---- errors, shaped as workerd's -------------------------------------------------------------

function typeError(code, message) {
  const e = new TypeError(message);
  e.code = code;
  e.name = "TypeError";
  e.toString = function () { return `${this.name} [${this.code}]: ${this.message}`; };
  return e;
}

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

function invalidArgType(name, expected, v) {
  const what = name.includes(".") ? "property" : "argument";
  return typeError("ERR_INVALID_ARG_TYPE", `The "${name}" ${what} must be ${expected}.${received(v)}`);
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

function notImplemented(what) {
  const e = new Error(`The ${what} method is not implemented`);
  e.code = "ERR_METHOD_NOT_IMPLEMENTED";
  e.name = "Error";
  Object.defineProperty(e, "toString", {
    value() { return `${this.name} [${this.code}]: ${this.message}`; },
    writable: true, configurable: true,
  });
  return e;
}

// ---- Console ---------------------------------------------------------------------------------

const kGroupIndent = Symbol("kGroupIndent");
const kGroupIndentationWidth = Symbol("kGroupIndentationWidth");
const kCounts = Symbol("counts");
const kColorMode = Symbol("kColorMode");
const kInspectOptions = Symbol("kInspectOptions");
const kUseStdout = true;
const kUseStderr = false;
const hidden = { writable: true, enumerable: false, configurable: true };
const noop = () => {};
const now = () => (typeof globalThis.performance?.now === "function" ? globalThis.performance.now() : Date.now());

/** new Console(options) or new Console(stdout[, stderr[, ignoreErrors]]); callable without new. */
export function Console(options /* or: stdout, stderr, ignoreErrors = true */) {
  if (!new.target) return Reflect.construct(Console, arguments);
  if (!options || typeof options.write === "function") {
    options = { stdout: options, stderr: arguments[1], ignoreErrors: arguments[2] };
  }
  const { stdout, stderr = stdout, ignoreErrors = true, colorMode = "auto", inspectOptions, groupIndentation } = options;
  if (!stdout || typeof stdout.write !== "function") {
    throw typeError("ERR_CONSOLE_WRITABLE_STREAM", "Console expects a writable stream instance for stdout");
  }
  if (!stderr || typeof stderr.write !== "function") {
    throw typeError("ERR_CONSOLE_WRITABLE_STREAM", "Console expects a writable stream instance for stderr");
  }
  if (colorMode !== "auto" && colorMode !== true && colorMode !== false) {
    throw typeError("ERR_INVALID_ARG_VALUE", `The argument 'colorMode' must be one of: 'auto', true, false. Received ${inspect(colorMode)}`);
  }
  if (groupIndentation !== undefined) {
    if (typeof groupIndentation !== "number") throw invalidArgType("groupIndentation", "of type number", groupIndentation);
    if (!Number.isInteger(groupIndentation)) {
      throw new ERR_OUT_OF_RANGE(`The value of "groupIndentation" is out of range. It must be an integer. Received ${inspect(groupIndentation)}`);
    }
    if (groupIndentation < 0 || groupIndentation > 1000) {
      throw new ERR_OUT_OF_RANGE(`The value of "groupIndentation" is out of range. It must be >= 0 && <= 1000. Received ${inspect(groupIndentation)}`);
    }
  }
  if (inspectOptions !== undefined) {
    if (inspectOptions === null || typeof inspectOptions !== "object" || Array.isArray(inspectOptions)) {
      throw invalidArgType("options.inspectOptions", "of type object", inspectOptions);
    }
    if (inspectOptions.colors !== undefined && options.colorMode !== undefined) {
      throw typeError("ERR_INCOMPATIBLE_OPTION_PAIR", 'Option "options.inspectOptions.color" cannot be used in combination with option "colorMode"');
    }
  }
  // Every method is also an own property bound to this console, so that it can be passed around.
  for (const key of Object.keys(Console.prototype)) {
    this[key] = Console.prototype[key].bind(this);
    Object.defineProperty(this[key], "name", { value: key });
  }
  Object.defineProperties(this, {
    _stdout: { ...hidden, value: stdout },
    _stderr: { ...hidden, value: stderr },
    _stdoutErrorHandler: { ...hidden, value: noop },
    _stderrErrorHandler: { ...hidden, value: noop },
    _ignoreErrors: { ...hidden, value: Boolean(ignoreErrors) },
    _times: { ...hidden, value: new Map() },
    [kCounts]: { ...hidden, value: new Map() },
    [kColorMode]: { ...hidden, value: colorMode },
    [kInspectOptions]: { ...hidden, value: inspectOptions },
    [kGroupIndent]: { ...hidden, value: "" },
    [kGroupIndentationWidth]: { ...hidden, value: groupIndentation ?? 2 },
  });
}

function inspectOptionsFor(c, stream) {
  let color = c[kColorMode];
  if (color === "auto") {
    color = Boolean(stream?.isTTY) && typeof stream.getColorDepth === "function" && stream.getColorDepth() > 2;
  }
  const options = c[kInspectOptions];
  if (options) {
    if (options.colors === undefined) options.colors = color;
    return options;
  }
  return { colors: color };
}

function write(c, useStdout, string) {
  const stream = useStdout ? c._stdout : c._stderr;
  const groupIndent = c[kGroupIndent];
  if (groupIndent.length !== 0) {
    if (string.includes("\n")) string = string.replace(/\n/g, `\n${groupIndent}`);
    string = groupIndent + string;
  }
  string += "\n";
  if (c._ignoreErrors === false) return stream.write(string);
  // Errors while writing are swallowed: a noop "error" listener covers asynchronous ones.
  try {
    if (stream.listenerCount("error") === 0) stream.once("error", noop);
    stream.write(string, useStdout ? c._stdoutErrorHandler : c._stderrErrorHandler);
  } catch (e) {
    if (e instanceof RangeError && e.message === "Maximum call stack size exceeded") throw e;
  } finally {
    stream.removeListener("error", noop);
  }
}

const formatFor = (c, useStdout, args) => formatWithOptions(inspectOptionsFor(c, useStdout ? c._stdout : c._stderr), args);

function timeLogImpl(c, label, data) {
  const start = c._times.get(label);
  if (start === undefined) return false; // Node warns through process.emitWarning
  const shown = formatTime(now() - start);
  if (data === undefined) c.log("%s: %s", label, shown);
  else c.log("%s: %s", label, shown, ...data);
  return true;
}

const methods = {
  log(...args) {
    write(this, kUseStdout, formatFor(this, kUseStdout, args));
  },
  warn(...args) {
    write(this, kUseStderr, formatFor(this, kUseStderr, args));
  },
  dir(object, options) {
    write(this, kUseStdout, inspect(object, { customInspect: false, ...inspectOptionsFor(this, this._stdout), ...options }));
  },
  time(label = "default") {
    label = `${label}`;
    if (this._times.has(label)) return;
    this._times.set(label, now());
  },
  timeEnd(label = "default") {
    label = `${label}`;
    if (timeLogImpl(this, label)) this._times.delete(label);
  },
  timeLog(label = "default", ...data) {
    timeLogImpl(this, `${label}`, data);
  },
  trace: function trace(...args) {
    const err = { name: "Trace", message: formatFor(this, kUseStderr, args) };
    Error.captureStackTrace?.(err, trace);
    this.error(err.stack);
  },
  assert(expression, ...args) {
    if (!expression) {
      args[0] = `Assertion failed${args.length === 0 ? "" : `: ${args[0]}`}`;
      Reflect.apply(this.warn, this, args);
    }
  },
  clear() {
    if (this._stdout.isTTY) write(this, kUseStdout, "\u001b[1;1H\u001b[0J");
  },
  count(label = "default") {
    label = `${label}`;
    const counts = this[kCounts];
    const n = (counts.get(label) ?? 0) + 1;
    counts.set(label, n);
    this.log(`${label}: ${n}`);
  },
  countReset(label = "default") {
    this[kCounts].delete(`${label}`);
  },
  group(...data) {
    if (data.length > 0) Reflect.apply(this.log, this, data);
    this[kGroupIndent] += " ".repeat(this[kGroupIndentationWidth]);
  },
  groupEnd() {
    this[kGroupIndent] = this[kGroupIndent].slice(0, this[kGroupIndent].length - this[kGroupIndentationWidth]);
  },
  table(tabularData, properties) {
    if (properties !== undefined && !Array.isArray(properties)) {
      throw invalidArgType("properties", "an instance of Array", properties);
    }
    if (tabularData === null || typeof tabularData !== "object") return this.log(tabularData);
    this.log(tableText(tabularData, properties));
  },
};
methods.debug = methods.log;
methods.info = methods.log;
methods.dirxml = methods.log;
methods.error = methods.warn;
methods.groupCollapsed = methods.group;
// (in workerd's order)
for (const key of ["log", "info", "debug", "warn", "error", "dir", "time", "timeEnd", "timeLog", "trace", "assert",
  "clear", "count", "countReset", "group", "groupEnd", "table", "dirxml", "groupCollapsed"]) {
  Console.prototype[key] = methods[key];
}

// ---- the global console ----------------------------------------------------------------------

const globalConsole = globalThis.console;

// Minimal process.stdout/stderr stand-ins: writes go to the log like console output.
function stdStream(print) {
  const s = new EventEmitter();
  s.write = (chunk, encoding, cb) => {
    let text = typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk);
    if (text.endsWith("\n")) text = text.slice(0, -1);
    print(text);
    const done = typeof encoding === "function" ? encoding : cb;
    if (typeof done === "function") queueMicrotask(done);
    return true;
  };
  return s;
}

globalConsole._times = new Map();
globalConsole._ignoreErrors = true;
globalConsole._stderrErrorHandler = noop;
globalConsole._stdoutErrorHandler = noop;
globalConsole._stderr = stdStream(globalConsole.error);
globalConsole._stdout = stdStream(globalConsole.log);
globalConsole.Console = Console;

export const log = globalConsole.log.bind(globalConsole);
export const info = globalConsole.info.bind(globalConsole);
export const debug = globalConsole.debug.bind(globalConsole);
export const warn = globalConsole.warn.bind(globalConsole);
export const error = globalConsole.error.bind(globalConsole);
export const dir = globalConsole.dir.bind(globalConsole);
export const time = globalConsole.time.bind(globalConsole);
export const timeEnd = globalConsole.timeEnd.bind(globalConsole);
export const timeLog = globalConsole.timeLog.bind(globalConsole);
export const trace = globalConsole.trace.bind(globalConsole);
export const assert = globalConsole.assert.bind(globalConsole);
export const clear = globalConsole.clear.bind(globalConsole);
export const count = globalConsole.count.bind(globalConsole);
export const countReset = globalConsole.countReset.bind(globalConsole);
export const group = globalConsole.group.bind(globalConsole);
export const groupEnd = globalConsole.groupEnd.bind(globalConsole);
export const table = globalConsole.table.bind(globalConsole);
export const dirxml = globalConsole.dirxml.bind(globalConsole);
export const groupCollapsed = globalConsole.groupCollapsed.bind(globalConsole);
export const profile = globalConsole.profile.bind(globalConsole);
export const profileEnd = globalConsole.profileEnd.bind(globalConsole);
export const timeStamp = globalConsole.timeStamp.bind(globalConsole);

export function context() {
  throw notImplemented("Console.context");
}
export function createTask() {
  throw notImplemented("Console.createTask");
}
globalConsole.context = context;
globalConsole.createTask = createTask;

export default globalConsole;
