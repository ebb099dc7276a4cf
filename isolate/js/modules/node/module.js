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

// createRequire takes a file URL or absolute path; the require it makes loads built-ins (their
// default export) and the worker's own modules synchronously (ES modules without top-level
// await give their namespace; CommonJS, text, data and JSON as they are). As in workerd, ids
// resolve as URLs against that path and the worker's modules live under /bundle/.
export function createRequire(path) {
  let base;
  if (path instanceof URL && path.protocol === "file:") base = path.href;
  else if (typeof path === "string" && path.startsWith("file:")) base = path;
  else if (typeof path === "string" && path.startsWith("/")) base = `file://${path}`;
  if (base === undefined) {
    throw codeError(TypeError, "ERR_INVALID_ARG_VALUE",
      `The argument 'path' The argument must be a file URL object, a file URL string, or an absolute path string.. Received '${String(path)}'`);
  }
  return function require(id) {
    id = String(id);
    let name;
    if (isBuiltin(id)) {
      name = id.startsWith("node:") ? id : `node:${id}`;
    } else {
      let url;
      try {
        url = new URL(id, base);
      } catch {
        url = undefined;
      }
      if (url?.protocol === "file:" && url.pathname.startsWith("/bundle/")) name = decodeURIComponent(url.pathname.slice(8));
    }
    let r;
    try {
      if (name === undefined) throw new Error("No such module");
      r = requireSync(name);
    } catch (e) {
      if (e instanceof Error && /^No such module/.test(e.message)) throw new Error(`Module not found: ${id}`);
      // workerd's wording for a required module graph with top-level await.
      if (e instanceof Error && /uses top-level await/.test(e.message)) throw new Error("Top-level await in module is not permitted at this time.");
      throw e;
    }
    if (r === null || typeof r !== "object" || Object.prototype.toString.call(r) !== "[object Module]") return r;
    if (name.startsWith("node:") || (r.__cjsUnwrapDefault && "default" in r)) return "default" in r ? r.default : r;
    return r;
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
