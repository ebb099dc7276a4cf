// node:module — workerd has no CommonJS loader of its own: createRequire, builtinModules and
// isBuiltin work; the loader internals throw ERR_METHOD_NOT_IMPLEMENTED.
import { codeError } from "node-internal:errors";
import requireSync from "node-internal:require";
import { stub, stubs, builtinModules as list } from "node-internal:stubs";

export const builtinModules = [...list];
const builtins = new Set(list);

// Modules Node knows only under the node: scheme.
const schemeOnly = new Set(["sea", "sqlite", "test", "test/reporters"]);

export function isBuiltin(moduleName) {
  if (typeof moduleName !== "string") return false;
  if (moduleName.startsWith("node:")) return builtins.has(moduleName.slice(5)) || schemeOnly.has(moduleName.slice(5));
  return builtins.has(moduleName);
}

// createRequire takes a file URL or absolute path; the require it makes resolves built-ins only
// (workerd's modules are ES modules; there is no synchronous loader for the worker's files).
export function createRequire(path) {
  let ok = false;
  if (path instanceof URL) ok = path.protocol === "file:";
  else if (typeof path === "string") ok = path.startsWith("file:") || path.startsWith("/");
  if (!ok) {
    throw codeError(TypeError, "ERR_INVALID_ARG_VALUE",
      `The argument 'path' The argument must be a file URL object, a file URL string, or an absolute path string.. Received '${String(path)}'`);
  }
  // As in workerd, the require it makes loads built-ins only (giving their default export);
  // anything else is not found.
  return function require(id) {
    if (isBuiltin(id)) {
      let ns;
      try {
        ns = requireSync(id.startsWith("node:") ? id : `node:${id}`);
      } catch {
        ns = undefined;
      }
      if (ns !== undefined) return "default" in ns ? ns.default : ns;
    }
    throw new Error(`Module not found: ${id}`);
  };
}

export const constants = Object.assign(Object.create(null), {
  compileCacheStatus: { FAILED: 0, ENABLED: 1, ALREADY_ENABLED: 2, DISABLED: 3 },
});
export function enableCompileCache() {}
export function flushCompileCache() {}
export function getCompileCacheDir() {}
export function getSourceMapsSupport() {
  return Object.assign(Object.create(null), { enabled: false, nodeModules: false, generatedCode: false });
}
export const _cache = Object.create(null);
export const _pathCache = Object.create(null);
export const _extensions = {
  ".js": stub("js", 0, "module._extensions.js"),
  ".json": stub("json", 0, "module._extensions.json"),
  ".node": stub("node", 0, "module._extensions.node"),
};
export const globalPaths = [];
const s = stubs("module", ["SourceMap", "_debug", "_findPath", "_initPaths", "_load", "_nodeModulePaths",
  "_preloadModules", "_resolveFilename", "_resolveLookupPaths", "findPackageJSON", "findSourceMap", "register",
  "registerHooks", "runMain", "setSourceMapsSupport", "stripTypeScriptTypes", "syncBuiltinESMExports", "wrap"]);
export const { SourceMap, _debug, _findPath, _initPaths, _load, _nodeModulePaths, _preloadModules, _resolveFilename,
  _resolveLookupPaths, findPackageJSON, findSourceMap, register, registerHooks, runMain, setSourceMapsSupport,
  stripTypeScriptTypes, syncBuiltinESMExports, wrap } = s;

export function Module() {
  throw codeError(Error, "ERR_METHOD_NOT_IMPLEMENTED", "The module.Module method is not implemented");
}
Module.prototype.load = stub("load", 0, "module.Module.load");
Module.prototype.require = stub("require", 0, "module.Module.require");
Module.prototype._compile = stub("_compile", 0, "module.Module._compile");
Object.defineProperty(Module.prototype, "isPreloading", { get() { return false; }, configurable: true });
Object.assign(Module, {
  builtinModules, isBuiltin, createRequire, constants, enableCompileCache, flushCompileCache, getCompileCacheDir,
  getSourceMapsSupport, _cache, _pathCache, _extensions, globalPaths, ...s, Module,
});

export default Module;
