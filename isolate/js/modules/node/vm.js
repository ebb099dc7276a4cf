// node:vm — workerd cannot compile code at run time: scripts can be made but not run, and the
// context functions check their arguments as Node does before refusing.
import { Buffer } from "node:buffer";
import { codeError, describeReceived, ERR_INVALID_ARG_TYPE } from "node-internal:errors";
import { stub, notImplemented } from "node-internal:stubs";

export const constants = Object.assign(Object.create(null), {
  USE_MAIN_CONTEXT_DEFAULT_LOADER: Symbol("vm_dynamic_import_main_context_default"),
  DONT_CONTEXTIFY: Symbol("vm_context_no_contextify"),
});

export class Script {
  constructor(code, options = undefined) {
    this.cachedDataRejected = undefined;
    this.cachedDataProduced = undefined;
    this.cachedData = undefined;
    this.sourceMapURL = undefined;
  }
  createCachedData() { return Buffer.alloc(0); }
  runInThisContext(options = undefined) { throw notImplemented("runInThisContext"); }
  runInContext(contextifiedObject, options = undefined) {
    checkContext(contextifiedObject);
    throw notImplemented("runInThisContext");
  }
  runInNewContext(contextObject, options = undefined) { throw notImplemented("runInThisContext"); }
}

const isObject = (v) => (typeof v === "object" && v !== null) || typeof v === "function";

// Contexts are fresh null-prototype objects, known by identity; code never runs in them.
const contexts = new WeakSet();
export function createContext(contextObject = {}, options = undefined) {
  if (!isObject(contextObject)) throw ERR_INVALID_ARG_TYPE("object", "object", contextObject);
  const ctx = Object.create(null);
  contexts.add(ctx);
  return ctx;
}
Object.defineProperty(createContext, "length", { value: 0 });

function checkContext(ctx) {
  if (!isObject(ctx)) throw ERR_INVALID_ARG_TYPE("object", "object", ctx);
  if (!contexts.has(ctx)) {
    throw codeError(TypeError, "ERR_INVALID_ARG_TYPE",
      `The "contextifiedObject" argument must be an vm.Context.${describeReceived(ctx)}`);
  }
}
export function createScript(code, options = undefined) {
  return new Script(code, options);
}
export function isContext(object) {
  if (!isObject(object)) throw ERR_INVALID_ARG_TYPE("object", "object", object);
  return contexts.has(object);
}
export function runInContext(code, contextifiedObject, options = undefined) {
  checkContext(contextifiedObject);
  throw notImplemented("runInThisContext");
}
export function runInNewContext(code, contextObject, options) {
  throw notImplemented("runInThisContext");
}
export function runInThisContext(code, options = undefined) {
  throw notImplemented("runInThisContext");
}
export function compileFunction(code, params = undefined, options = undefined) {
  if (typeof code !== "string") throw ERR_INVALID_ARG_TYPE("code", "string", code);
  throw notImplemented("compileFunction");
}
export const measureMemory = stub("measureMemory");

export default {
  Script, compileFunction, constants, createContext, createScript, isContext, measureMemory, runInContext,
  runInNewContext, runInThisContext,
};
