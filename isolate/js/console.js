// console: formats arguments and hands lines to Go (log/info/debug → stdout, warn/error → stderr).
import { native } from "./native.js";

const LEVEL = { debug: 0, log: 1, info: 2, warn: 3, error: 4 };

export function formatValue(v, seen = new Set(), depth = 0) {
  switch (typeof v) {
    case "string":
      return depth === 0 ? v : JSON.stringify(v).replace(/^"|"$/g, "'");
    case "undefined":
      return "undefined";
    case "function":
      return v.name ? `[Function: ${v.name}]` : "[Function (anonymous)]";
    case "symbol":
    case "bigint":
      return typeof v === "bigint" ? `${v}n` : v.toString();
    case "number":
      return Object.is(v, -0) ? "-0" : String(v);
    case "boolean":
      return String(v);
  }
  if (v === null) return "null";
  if (v instanceof Error) return v.stack || String(v);
  if (seen.has(v)) return "[Circular *1]";
  if (depth > 2) return Array.isArray(v) ? "[Array]" : "[Object]";
  seen.add(v);
  try {
    if (Array.isArray(v)) {
      return v.length === 0 ? "[]" : `[ ${v.map((x) => formatValue(x, seen, depth + 1)).join(", ")} ]`;
    }
    const keys = Object.keys(v);
    const name = v.constructor && v.constructor !== Object && v.constructor.name ? v.constructor.name + " " : "";
    if (keys.length === 0) return `${name}{}`;
    const parts = keys.map((k) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${formatValue(v[k], seen, depth + 1)}`);
    return `${name}{ ${parts.join(", ")} }`;
  } finally {
    seen.delete(v);
  }
}

export function format(args) {
  let out = "";
  let i = 0;
  if (typeof args[0] === "string" && args[0].includes("%")) {
    out = args[0].replace(/%[sdifjoOc%]/g, (m) => {
      if (m === "%%") return "%";
      if (i + 1 >= args.length) return m;
      const a = args[++i];
      switch (m) {
        case "%s": return typeof a === "string" ? a : formatValue(a, new Set(), 1);
        case "%d": case "%i": return typeof a === "object" ? "NaN" : String(m === "%i" ? parseInt(a) : Number(a));
        case "%f": return String(parseFloat(a));
        case "%j": try { return JSON.stringify(a); } catch { return "[Circular]"; }
        case "%c": return "";
        default: return formatValue(a, new Set(), 1);
      }
    });
    i++;
  }
  for (; i < args.length; i++) out += (out === "" && i === 0 ? "" : " ") + formatValue(args[i]);
  return out;
}

export function installConsole(g) {
  const counts = new Map();
  const timers = new Map();
  const c = {};
  for (const [name, level] of Object.entries(LEVEL)) {
    c[name] = (...args) => native.print(level, format(args));
  }
  c.trace = (...args) => native.print(LEVEL.error, "Trace: " + format(args) + "\n" + new Error().stack.split("\n").slice(2).join("\n"));
  c.dir = (v) => native.print(LEVEL.log, formatValue(v, new Set(), 1));
  c.assert = (ok, ...args) => { if (!ok) native.print(LEVEL.error, "Assertion failed" + (args.length ? ": " + format(args) : "")); };
  c.count = (label = "default") => { const n = (counts.get(label) || 0) + 1; counts.set(label, n); native.print(LEVEL.info, `${label}: ${n}`); };
  c.countReset = (label = "default") => counts.delete(label);
  c.time = (label = "default") => timers.set(label, Date.now());
  c.timeEnd = (label = "default") => { const t = timers.get(label); timers.delete(label); if (t !== undefined) native.print(LEVEL.info, `${label}: ${Date.now() - t}ms`); };
  c.timeLog = (label = "default", ...args) => { const t = timers.get(label); if (t !== undefined) native.print(LEVEL.info, `${label}: ${Date.now() - t}ms` + (args.length ? " " + format(args) : "")); };
  c.group = c.groupCollapsed = c.groupEnd = c.table = () => {};
  Object.defineProperty(g, "console", { value: c, writable: true, configurable: true });
}
