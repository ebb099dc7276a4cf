// What both shapes of node:process share (the full one of enable_nodejs_process_v2 and the
// legacy one without it; registerBuiltins in isolate/modules.go picks which is "node:process").
import require from "internal:require";

const ints = globalThis[Symbol.for("nanod.internals")];
const { nodeFlag, nodeErrors } = ints;
const { invalidArgType, invalidArgValue } = nodeErrors;

export const platform = "linux";

// nextTick is a microtask, as in workerd (there is no separate tick queue).
export function nextTick(cb, ...args) {
  queueMicrotask(() => {
    cb(...args);
  });
}

// A value survives a JSON round trip: primitives, plain objects and arrays, without cycles or
// aliases.
function jsonSafe(v, seen = new Set()) {
  switch (typeof v) {
    case "boolean":
    case "number":
    case "string":
      return true;
    case "object": {
      if (v === null) return true;
      if (seen.has(v)) return false;
      seen.add(v);
      const proto = Object.getPrototypeOf(v);
      if (proto === Object.prototype) return Object.values(v).every((x) => jsonSafe(x, seen));
      if (proto === Array.prototype) return v.every((x) => jsonSafe(x, seen));
      return false;
    }
    default:
      return false;
  }
}

// process.env holds the worker's text bindings as they are and JSON bindings as JSON text
// (nodejs_compat_populate_process_env); anything else is left out.
function initialEnv() {
  const out = {};
  if (!nodeFlag("nodejs_compat_populate_process_env")) return out;
  for (const [k, v] of Object.entries(ints.env ?? {})) {
    if (typeof v === "string") out[k] = v;
    else if (jsonSafe(v)) out[k] = JSON.stringify(v);
  }
  return out;
}

const symbolToString = () => new TypeError("Cannot convert a symbol value to a string");

// Values are strings, as in Node.js; defineProperty takes only plain, writable, enumerable,
// configurable data properties.
export const env = new Proxy(initialEnv(), {
  set(obj, prop, value) {
    if (typeof prop === "symbol" || typeof value === "symbol") throw symbolToString();
    return Reflect.set(obj, prop, `${value}`);
  },
  defineProperty(obj, prop, desc) {
    if (desc === null || typeof desc !== "object") throw invalidArgType("descriptor", "of type object", desc);
    if (Reflect.has(desc, "get") || Reflect.has(desc, "set")) {
      throw invalidArgValue("descriptor", desc, "process.env value must not have getter/setter");
    }
    if (!desc.configurable) throw invalidArgValue("descriptor.configurable", desc, "process.env value must be configurable");
    if (!desc.enumerable) throw invalidArgValue("descriptor.enumerable", desc, "process.env value must be enumerable");
    if (!desc.writable) throw invalidArgValue("descriptor.writable", desc, "process.env value must be writable");
    if (!Reflect.has(desc, "value")) throw invalidArgValue("descriptor.value", desc, "process.env value must be specified explicitly");
    if (typeof prop === "symbol" || typeof desc.value === "symbol") throw symbolToString();
    return Reflect.defineProperty(obj, prop, { ...desc, value: `${desc.value}` });
  },
});

export const features = Object.freeze({
  cached_builtins: true,
  debug: false,
  inspector: false,
  ipv6: true,
  openssl_is_boringssl: true,
  require_module: false,
  tls: true,
  tls_alpn: true,
  tls_ocsp: true,
  tls_sni: true,
  typescript: false,
  uv: true,
});

// getBuiltinModule returns what require() would (the module's default export), or undefined for
// a name that is not a built-in module of this worker; always the built-in, even when the worker
// has a module of that name. Like workerd's, it also gives the namespace of other built-ins
// ("cloudflare:sockets").
export function getBuiltinModule(id) {
  if (typeof id !== "string") return undefined;
  if (id.startsWith("cloudflare:") || id.startsWith("workerd:")) {
    try {
      return require(id);
    } catch {
      return undefined;
    }
  }
  const name = id.startsWith("node:") ? id.slice(5) : id;
  if (name === "" || !ints.builtinAvailable("node:" + name)) return undefined;
  let ns;
  try {
    ns = require("node:" + name);
  } catch {
    return undefined;
  }
  return ns && "default" in ns ? ns.default : ns;
}

// exit ends the worker: the current request and everything else in flight fail, and the isolate
// is replaced (as in workerd, code after the call never runs, not even finally blocks).
export function exit(code) {
  ints.processExit(code === undefined ? 0 : code);
}

let emitter = null;

// setEmitter gives emitWarning the process object its "warning" events go to.
export function setEmitter(p) {
  emitter = p;
}

export function emitWarning(warning, options, codeOrCtor, maybeCtor) {
  let name = "Warning";
  let detail;
  let code;
  let ctor;
  if (typeof options === "object" && options !== null && !Array.isArray(options)) {
    if (options.type) name = options.type;
    if (options.code) code = options.code;
    if (options.detail) detail = options.detail;
    ctor = options.ctor;
  } else if (typeof options === "string") {
    name = options;
    if (typeof codeOrCtor === "string") {
      code = codeOrCtor;
      if (typeof maybeCtor === "function") ctor = maybeCtor;
      else if (maybeCtor !== undefined) throw invalidArgType("ctor", "of type function", maybeCtor);
    } else if (typeof codeOrCtor === "function") {
      ctor = codeOrCtor;
    } else if (codeOrCtor !== undefined) {
      throw invalidArgType("ctor", "of type function", codeOrCtor);
    }
  } else if (typeof options === "function") {
    ctor = options;
  } else if (options !== undefined) {
    throw invalidArgType("options", "of type object", options);
  }
  let err;
  if (typeof warning === "string") {
    err = new (ctor || Error)(warning);
    err.name = name;
  } else if (warning instanceof Error) {
    err = warning;
    if (name && name !== "Warning") err.name = name;
  } else {
    throw invalidArgType("warning", "an string or Error", warning);
  }
  if (code) err.code = code;
  if (detail && typeof detail === "string") err.detail = detail;
  Error.captureStackTrace(err, ctor || emitWarning);
  queueMicrotask(() => {
    emitter?.emit?.("warning", err);
  });
}
