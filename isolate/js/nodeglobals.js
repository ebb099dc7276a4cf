// The Node.js globals of nodejs_compat_v2 (process, Buffer, global, setImmediate,
// clearImmediate) and the compatibility checks node: built-ins make. The globals are the
// built-in modules' own objects, so they are installed once those have loaded, before the
// worker's main module runs (host.js loadMain).
import { nodeErrors } from "./nodeerrors.js";
import { native } from "./native.js";
import { globalTimers, installImmediate, setImmediate, clearImmediate, Immediate } from "./timers.js";

const internals = () => globalThis[Symbol.for("nanod.internals")];

// Features nodejs_compat turns on at the newest compatibility date, with their disable flags:
// what they mean when the host passes only flag names and no resolved feature set.
const IMPLIED = {
  nodejs_compat_v2: "no_nodejs_compat_v2",
  nodejs_compat_populate_process_env: "nodejs_compat_do_not_populate_process_env",
  enable_nodejs_process_v2: "disable_nodejs_process_v2",
  enable_nodejs_global_timers: "no_nodejs_global_timers",
};

// nodeFlag reports whether a Node.js compatibility feature (named by its enable flag) is on for
// the worker: from the host's resolved feature set when there is one, else from the flags.
export function nodeFlag(name) {
  const ints = internals();
  const given = ints?.compatEnabled;
  if (given && typeof given === "object") return given[name] === true;
  const flags = ints?.compatFlags || [];
  if (flags.includes(name)) return true;
  const off = IMPLIED[name];
  return off !== undefined && flags.includes("nodejs_compat") && !flags.includes(off);
}

// builtinAvailable reports whether the worker may use a built-in module, as isolate/modules.go
// decides for imports.
function builtinAvailable(name) {
  if (name === "node:process") return true;
  const node = nodeFlag("nodejs_compat") || nodeFlag("nodejs_compat_v2");
  if (name === "node:async_hooks") return node || nodeFlag("nodejs_als");
  return name.startsWith("node:") && node;
}

function processExit(code) {
  native.processExit(Number(code) | 0);
}

export const nodeInternals = {
  nodeFlag, builtinAvailable, processExit, globalTimers, setImmediate, clearImmediate, Immediate, nodeErrors,
};

// installNodeGlobals defines the globals. process and Buffer are made on first use (loading
// node:process and node:events costs ~2 ms per isolate, node:buffer ~1 ms), as misc.js does for
// navigator: until then they are accessors that turn into workerd's plain data properties.
export function installNodeGlobals(imp) {
  if (!nodeFlag("nodejs_compat_v2")) return Promise.resolve();
  installImmediate(globalThis);
  const loads = [imp("internal:require")];
  if (nodeFlag("enable_nodejs_global_timers")) loads.push(imp("node:timers"));
  return Promise.all(loads).then(([req, timers]) => {
    const require = req.default;
    lazy(globalThis, "process", () => require("node:process").default);
    lazy(globalThis, "Buffer", () => require("node:buffer").Buffer);
    Object.defineProperty(globalThis, "global", { value: globalThis, writable: true, enumerable: true, configurable: true });
    if (timers) {
      // As workerd: the globals become node:timers' (they return Timeout objects).
      for (const name of ["setTimeout", "setInterval", "clearTimeout", "clearInterval"]) globalThis[name] = timers[name];
    }
  });
}

function lazy(g, name, make) {
  const set = (value) => Object.defineProperty(g, name, { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(g, name, {
    get() {
      const value = make();
      set(value);
      return value;
    },
    set,
    enumerable: true,
    configurable: true,
  });
}
