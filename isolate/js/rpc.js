// JS RPC over service bindings (workerd's js_rpc): the stub a binding is, the calls it makes,
// and the serving side that runs them on the target's entrypoint. Arguments and outcomes
// cross isolates as bytes (clone.js); Go carries them (isolate/rpc.go).
//
// Caller: env.SVC.method(a, b) → native.rpcCall(idx, "method", bytes of [a, b]) → a promise of
// the outcome bytes; `await env.SVC.prop` reads a property (no argument bytes).
// Callee: dispatchRpc(id, entrypoint, method, bytes) → native.rpcReturn(id, outcome), where the
// outcome is the serialized [true, value] or [false, {name, message, dom?}].
import { native } from "./native.js";
import { serialize, serializeTransient, deserialize, registerHost, setRpcTarget, describe } from "./clone.js";
import { DOMException } from "./domexception.js";
import "./signalrpc.js"; // AbortSignals as RPC arguments and results

// ---- The classes of cloudflare:workers that RPC knows ------------------------------------------

// WorkerEntrypoint is the base class of class-based entrypoints: instances get ctx and env.
export class WorkerEntrypoint {
  constructor(ctx, env) {
    this.ctx = ctx;
    this.env = env;
  }
}

// DurableObject is the base class of Durable Object classes: instances get state and env.
export class DurableObject {
  constructor(ctx, env) {
    this.ctx = ctx;
    this.env = env;
  }
}

// RpcTarget marks classes whose instances are passed by reference over RPC (not supported by
// nanod yet: sending one fails with a DataCloneError).
export class RpcTarget {}

// RpcStub wraps an RpcTarget or function as a stub; nanod cannot pass either by reference yet.
export class RpcStub {
  constructor() {
    throw new TypeError("RpcStub is not supported by nanod yet: RPC passes values by copy only.");
  }
}

setRpcTarget(RpcTarget);

// ---- Caller side ------------------------------------------------------------------------------

const ERRORS = { Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError };

// rebuild turns a tunneled exception back into an error of the caller's realm, as workerd
// does: the same class for built-in errors and DOMException, `remote: true`, the caller's stack.
function rebuild(t, site) {
  const name = String(t?.name ?? "Error");
  const message = String(t?.message ?? "");
  let e;
  if (t?.dom) e = new DOMException(message, name);
  else if (name === "AggregateError") e = new AggregateError([], message);
  else e = new (ERRORS[name] || Error)(message);
  const frames = typeof site.stack === "string" ? site.stack.indexOf("\n    at ") : -1;
  e.stack = (message === "" ? name : `${name}: ${message}`) + (frames >= 0 ? site.stack.slice(frames) : "");
  e.remote = true;
  return e;
}

async function remote(idx, method, args, site) {
  const p = args === undefined
    ? native.rpcCall(idx, method, undefined)
    : serializeTransient(args, true, (bytes) => native.rpcCall(idx, method, bytes));
  const [ok, value] = deserialize(await p);
  if (ok) return value;
  throw rebuild(value, site);
}

// rpcMethod is what env.SVC.name is: a function calling the remote method, and a thenable
// reading the remote property. Like workerd's, it is a new one each time.
const methodTargets = new WeakMap(); // rpcMethod function -> [idx, name]

function readProperty(m, caller) {
  const [idx, name] = methodTargets.get(m) ?? [];
  if (idx === undefined) return Promise.reject(new TypeError("Illegal invocation"));
  const site = {};
  Error.captureStackTrace(site, caller);
  return remote(idx, name, undefined, site);
}

const RpcPropertyPrototype = Object.create(Function.prototype, {
  then: { value: function then(onOk, onErr) { return readProperty(this, then).then(onOk, onErr); }, writable: true, configurable: true },
  catch: { value: function (onErr) { return readProperty(this, this.catch).catch(onErr); }, writable: true, configurable: true },
  finally: { value: function (f) { return readProperty(this, this.finally).finally(f); }, writable: true, configurable: true },
  [Symbol.toStringTag]: { value: "JsRpcProperty", configurable: true },
});

function rpcMethod(idx, name) {
  const JsRpcProperty = function (...args) {
    const site = {};
    Error.captureStackTrace(site, JsRpcProperty);
    return remote(idx, name, args, site);
  };
  Object.setPrototypeOf(JsRpcProperty, RpcPropertyPrototype);
  methodTargets.set(JsRpcProperty, [idx, name]);
  return JsRpcProperty;
}

// Names a stub answers locally with undefined: `then` (a stub is not a thenable, so it can be
// returned from async functions) and `toJSON` (JSON.stringify would call it).
const NOT_REMOTE = new Set(["then", "toJSON"]);

// makeStub wraps a binding object (its fetch, connect, …) so any other property name is an RPC
// method of the service behind binding idx.
export function makeStub(target, idx) {
  return new Proxy(target, {
    get(t, prop, receiver) {
      if (typeof prop === "symbol" || prop in t) return Reflect.get(t, prop, receiver);
      if (NOT_REMOTE.has(prop)) return undefined;
      return rpcMethod(idx, prop);
    },
    has(t, prop) {
      return typeof prop === "string" || Reflect.has(t, prop);
    },
  });
}

// registerStub declares the binding class to the serializer: workerd refuses to clone stubs.
export function registerStub(cls) {
  registerHost(cls.prototype, "ServiceStub", { message: "ServiceStub cannot be serialized in this context." });
}

// ---- Callee side ------------------------------------------------------------------------------

const getProto = Object.getPrototypeOf;
const getOwn = Object.getOwnPropertyDescriptor;

// Method lookup stops at these: their methods (and Object.prototype's) are not RPC methods.
const BASES = new Set([Object.prototype, WorkerEntrypoint.prototype, DurableObject.prototype, RpcTarget.prototype]);

const notImplemented = (name) => new TypeError(`The RPC receiver does not implement the method "${name}".`);

// lookup finds the RPC-visible property name: on a class instance, along its prototype chain
// (not its own properties, such as ctx and env); on an exported object, its own and inherited
// ones; never those of Object.prototype or the base classes. Getters run.
function lookup(receiver, start, name) {
  if (name === "constructor") throw notImplemented(name);
  for (let p = start; p !== null && !BASES.has(p); p = getProto(p)) {
    const d = getOwn(p, name);
    if (d) return d.get ? d.get.call(receiver) : d.value;
  }
  throw notImplemented(name);
}

function wrongArity(name) {
  return new TypeError(`Attempted to call RPC function "${name}" with the wrong number of arguments. When calling a top-level handler function that is not declared as part of a class, you must always send exactly one argument. In order to support variable numbers of arguments, the server must use class-based syntax (extending WorkerEntrypoint) instead.`);
}

// invoke runs the call and returns its result (maybe a promise). host has ns, env, modules,
// name and makeCtx() (a new ExecutionContext).
function invoke(host, entry, method, argBytes) {
  if (!host.modules) {
    throw new Error(`The service "${host.name}" uses service-worker syntax, which cannot receive RPC calls; export a WorkerEntrypoint class instead.`);
  }
  const key = entry || "default";
  const exp = host.ns?.[key];
  const read = argBytes === undefined;
  const args = read ? undefined : deserialize(argBytes);
  if (typeof exp === "function" && exp.prototype) {
    if (!(exp.prototype instanceof WorkerEntrypoint)) {
      throw new TypeError(`The entrypoint "${key}" is a class that does not extend WorkerEntrypoint, so it cannot receive RPC calls.`);
    }
    const instance = new exp(host.makeCtx(), host.env);
    const value = lookup(instance, getProto(instance), method);
    if (read) return value;
    if (typeof value !== "function") throw new TypeError(`"${method}" is not a function.`);
    return value.apply(instance, args);
  }
  if (exp !== null && typeof exp === "object") {
    const value = lookup(exp, exp, method);
    if (read) return value;
    if (typeof value !== "function") throw new TypeError(`"${method}" is not a function.`);
    if (args.length !== 1) throw wrongArity(method);
    return value.call(exp, args[0], host.env, host.makeCtx());
  }
  throw new TypeError(entry ? `The worker has no entrypoint named "${entry}".` : "The worker has no default export to receive RPC calls.");
}

const KNOWN = new Set(["Error", "TypeError", "RangeError", "SyntaxError", "ReferenceError", "EvalError", "URIError", "AggregateError"]);

// tunnel describes an exception for the caller as workerd's tunneled exceptions do: built-in
// error names (and DOMException) keep name and message; other errors become Error with the
// message "Name: message"; other values Error with their string form.
function tunnel(e) {
  try {
    if (e instanceof DOMException) return { dom: true, name: String(e.name), message: String(e.message) };
    if (e instanceof Error || Object.prototype.toString.call(e) === "[object Error]") {
      const name = String(e.name);
      const message = String(e.message);
      if (KNOWN.has(name)) return { name, message };
      return { name: "Error", message: message === "" ? name : name === "" ? message : `${name}: ${message}` };
    }
  } catch {
    // A throwing name or message getter: fall back to the generic form.
  }
  return { name: "Error", message: describe(e) };
}

// serveRpc answers an RPC call (Go's dispatchRpc): it always ends with native.rpcReturn.
export function serveRpc(host, id, entry, method, argBytes) {
  let p;
  try {
    p = Promise.resolve(invoke(host, entry, method, argBytes));
  } catch (e) {
    p = Promise.reject(e);
  }
  p.then((v) => finish(id, true, v), (e) => finish(id, false, e));
}

function finish(id, ok, v) {
  let bytes;
  if (ok) {
    try {
      bytes = serialize([true, v], true);
    } catch (e) {
      // The result cannot be sent (a function, a class instance): the caller gets the error.
      ok = false;
      v = e;
    }
  }
  if (!ok) bytes = serialize([false, tunnel(v)], true);
  native.rpcReturn(id, bytes);
}
