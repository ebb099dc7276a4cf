// node:console — the global console's methods, bound, plus Node's Console class, whose instances
// write through the global console too (workerd has no process streams).
import { codeError } from "node-internal:errors";

const g = globalThis.console;
// Bound forwarders, named as workerd's: "bound <name>", and plain "bound " for the log levels.
const bind = (m) => {
  const name = ["log", "info", "debug", "warn", "error"].includes(m) ? "" : m;
  return { [name]: function (...args) { return g[m]?.(...args); } }[name].bind(g);
};

export const log = bind("log");
export const info = bind("info");
export const debug = bind("debug");
export const warn = bind("warn");
export const error = bind("error");
export const dir = bind("dir");
export const dirxml = bind("dirxml");
export const table = bind("table");
export const trace = bind("trace");
export const group = bind("group");
export const groupCollapsed = bind("groupCollapsed");
export const groupEnd = bind("groupEnd");
export const clear = bind("clear");
export const count = bind("count");
export const countReset = bind("countReset");
export const assert = bind("assert");
export const profile = bind("profile");
export const profileEnd = bind("profileEnd");
export const time = bind("time");
export const timeEnd = bind("timeEnd");
export const timeLog = bind("timeLog");
export const timeStamp = bind("timeStamp");
export function context() {
  return g;
}
export function createTask() {
  return { run: (f) => f() };
}

const methods = ["log", "info", "debug", "warn", "error", "dir", "time", "timeEnd", "timeLog", "trace", "assert", "clear",
  "count", "countReset", "group", "groupEnd", "table", "dirxml", "groupCollapsed"];

const isWritable = (s) => s !== null && typeof s === "object" && typeof s.write === "function";

// Console takes Node's (stdout, stderr) or ({ stdout, stderr }), with or without new; output
// still goes to the global console (workerd has no streams to write to), but the streams are
// checked as Node checks them.
export function Console(options, ...rest) {
  if (!new.target) return new Console(options, ...rest);
  const opts = isWritable(options) ? { stdout: options, stderr: rest[0] } : (options ?? {});
  if (!isWritable(opts.stdout)) {
    throw codeError(TypeError, "ERR_CONSOLE_WRITABLE_STREAM", "Console expects a writable stream instance for stdout");
  }
  if (opts.stderr !== undefined && !isWritable(opts.stderr)) {
    throw codeError(TypeError, "ERR_CONSOLE_WRITABLE_STREAM", "Console expects a writable stream instance for stderr");
  }
  for (const m of methods) this[m] = Console.prototype[m].bind(this);
}
for (const m of methods) {
  Object.defineProperty(Console.prototype, m, {
    value: { [m](...args) { return g[m]?.(...args); } }[m], writable: true, configurable: true,
  });
}

// The default export is the global console itself, as in workerd.
export default g;
