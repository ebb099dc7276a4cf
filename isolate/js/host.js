// The glue between Go and user code: configuring env, loading the main module, and answering
// fetches (isolate/fetch.go, worker.go).
import { native, pack } from "./native.js";
import { importBindingKey } from "./crypto.js";
import { inspect, formatWithOptions, engineTypes, tableText, formatTime } from "./console.js";
import { parseMime } from "./blob.js";
import { UnsafeEval } from "./unsafeeval.js";
import { secretKeyBytes, asymmetricKeyDer } from "./crypto.js";
import { makeIncomingRequest, bodyParts, flatHeaders, fetchVia, Response, streamExpectedLength, configureFetch, wireStatusText } from "./fetch.js";

import { takeForResponse } from "./websocket.js";
import { setCacheBackend } from "./cache.js";
import { connectVia, inboundSocket, neuter, setGlobalScopeProbe } from "./sockets.js";

export { readStream, cancelStream } from "./fetch.js";
import { asyncContextInternals, beginRequest } from "./asynccontext.js";
import { compat } from "./misc.js";
import { installNodeGlobals, nodeInternals } from "./nodeglobals.js";
import { makeStub, registerStub, serveRpc, WorkerEntrypoint, DurableObject, RpcTarget, RpcStub } from "./rpc.js";

const state = { env: {}, requestSeq: 0, modules: true, ns: null, listeners: [], compatDate: "", compatFlags: [], name: "" };
// A modules worker is in global scope until its main module has evaluated.
setGlobalScopeProbe(() => state.modules && state.ns === null);

// A service binding: a Fetcher whose fetch() goes to another service, in-process. What env
// holds is its RPC stub (rpc.js): any other property is a method of the service's entrypoint.
const fetcherIndex = new WeakMap(); // Fetcher or its stub -> index of its Go fetcher
class Fetcher {
  constructor(idx) {
    const stub = makeStub(this, idx);
    fetcherIndex.set(this, idx);
    fetcherIndex.set(stub, idx);
    return stub;
  }
  fetch(input, init) { return fetchVia(indexOf(this), input, init); }
  connect(address, options) { return connectVia(indexOf(this), address, options, "Fetcher"); }
}
registerStub(Fetcher);

// isFetcher reports whether v is a service binding (a Fetcher), as APIs taking one check.
export function isFetcher(v) { return fetcherIndex.has(v); }

function indexOf(f) {
  const idx = fetcherIndex.get(f);
  if (idx === undefined) throw new TypeError("Illegal invocation: function called with incorrect `this` reference.");
  return idx;
}

// Work to do once the worker's compatibility flags are known (globals a flag adds or removes):
// the runtime installs its globals before configure runs.
const configuredHooks = [];
export function whenConfigured(fn) { configuredHooks.push(fn); }

export function configure(specJSON, bytes) {
  const spec = JSON.parse(specJSON);
  state.modules = spec.modules;
  state.compatDate = spec.compatDate;
  state.compatFlags = spec.compatFlags || [];
  state.name = spec.name;
  state.bundle = spec.bundle || [];
  state.compatEnabled = spec.compatEnabled || undefined; // misc.js compat(): the worker's resolved flags
  configureFetch();
  setCacheBackend(spec.cache);
  const env = {};
  for (const b of spec.env) {
    let v;
    switch (b.kind) {
      case "text": v = b.text; break;
      case "json": v = JSON.parse(b.text); break;
      case "null": v = null; break;
      case "data": v = bytes[b.bytes].buffer; break;
      case "wasm": v = new WebAssembly.Module(bytes[b.bytes]); break;
      case "cryptoKey": v = importBindingKey(b.name, b.key, bytes[b.bytes]); break;
      case "unsafeEval": v = new UnsafeEval(); break;
      case "service": v = new Fetcher(b.fetcher); break;
      default: continue;
    }
    env[b.name] = v;
  }
  state.env = env;
  for (const fn of configuredHooks) fn();
  if (!state.modules) {
    // Service-worker syntax: bindings are globals and handlers are event listeners.
    for (const [k, v] of Object.entries(env)) {
      Object.defineProperty(globalThis, k, { value: v, writable: true, configurable: true, enumerable: true });
    }
    globalThis.addEventListener = (type, fn) => {
      if (typeof fn !== "function" && typeof fn?.handleEvent !== "function") return;
      state.listeners.push({ type: String(type), fn });
    };
    globalThis.removeEventListener = (type, fn) => {
      state.listeners = state.listeners.filter((l) => l.type !== String(type) || l.fn !== fn);
    };
  }
}

// internals are what built-in modules (js/modules) need from the runtime.
export const internals = {
  inspect,
  formatWithOptions, // (inspectOptions | undefined, args array): util.format's engine
  engineTypes, // util.types checks only V8 can answer (isProxy, isPromise, function kinds)
  consoleText: { tableText, formatTime }, // console.table's layout and console.time's durations
  get env() { return state.env; },
  get compatFlags() { return state.compatFlags; },
  get compatEnabled() { return state.compatEnabled; },
  // Whether the main module has finished loading (top-level code is not a request context).
  // (Service-worker scripts are not tracked: they count as started.)
  get started() { return state.ns !== null || !state.modules; },
  // node:fs's /bundle: [{name, data (base64)}]; requestSeq tells it a new request began (its
  // /tmp and file descriptors are per request, as in workerd).
  get bundle() { return state.bundle; },
  get requestSeq() { return state.requestSeq; },
  Fetcher,
  WorkerEntrypoint,
  DurableObject,
  RpcTarget,
  RpcStub,
  parseMime,
  // cloudflare:sockets connect(): through the globalOutbound (js/sockets.js).
  connect: (address, options) => connectVia(0, address, options),
  // workerd:unsafe-eval exists only under the unsafe_module flag, and so does this.
  get unsafeEval() { return state.compatFlags?.includes("unsafe_module") ? new UnsafeEval() : undefined; },
  // node:crypto's primitives (isolate/nodecrypto.go): pure functions of their arguments.
  nodeCrypto: Object.freeze({
    digestInfo: native.nodeDigestInfo, hash: native.nodeHash, hmac: native.nodeHmac,
    pbkdf2: native.nodePbkdf2, hkdf: native.nodeHkdf, scrypt: native.nodeScrypt,
    prime: native.nodePrime, checkPrime: native.nodeCheckPrime, cipher: native.nodeCipher,
    keyParse: native.nodeKeyParse, keyExport: native.nodeKeyExport, sign: native.nodeSign, verify: native.nodeVerify,
    keyJwk: (der) => native.cryptoExport(der, "jwk"), keyGenerate: native.nodeKeyGenerate,
    rsaCipher: native.nodeRsaCipher, derive: native.cryptoDerive, ecdh: native.nodeEcdh,
    secretKeyBytes, asymmetricKeyDer,
  }),
  ...asyncContextInternals,
  ...nodeInternals,
  // node:zlib's coders (isolate/nodezlib.go).
  nodeZlib: Object.freeze({
    sync: native.zlibSync, lastEnd: native.zlibLastEnd, crc32: native.zlibCrc32,
    streamNew: native.zlibStreamNew, streamWrite: native.zlibStreamWrite, streamFree: native.zlibStreamFree,
  }),
};

// dispatchRpc serves an RPC call from another service (isolate/rpc.go): method of the
// entrypoint, with the serialized arguments (undefined: read the property); the outcome goes
// back through native.rpcReturn(id, …).
export function dispatchRpc(id, entry, method, args) {
  beginRequest(compat("bind_asynclocalstorage_snapshot_to_request"));
  state.requestSeq++;
  const host = {
    ns: state.ns, env: state.env, modules: state.modules, name: state.name,
    makeCtx: () => new ExecutionContext([]),
  };
  serveRpc(host, id, entry, method, args);
}

// Whether the main module is being evaluated (the global scope: no request is being handled).
let startingUp = false;
export function inStartup() { return startingUp; }

export function loadMain(name) {
  const imp = globalThis.__ext.import;
  delete globalThis.__ext;
  startingUp = true;
  const done = () => { startingUp = false; };
  // Node.js globals (process, Buffer, …) come from built-in modules, so they are in place before
  // the worker's first line runs.
  return installNodeGlobals(imp).then(() => imp(name)).then((ns) => { done(); state.ns = ns; }, (e) => { done(); throw e; });
}

class ExecutionContext {
  #waits;
  #strict;
  #props;
  // strict: a waitUntil rejection fails the test (test handlers); otherwise it is logged.
  // props is the designator's props (JSON) that routed the request here.
  constructor(waits, strict = false, props = "") {
    this.#waits = waits;
    this.#strict = strict;
    this.#props = props;
  }
  waitUntil(p) {
    const q = Promise.resolve(p);
    this.#waits.push(this.#strict ? q : q.catch((e) => console.error("Uncaught (in promise)", e)));
  }
  passThroughOnException() {}
  get props() {
    if (typeof this.#props === "string") this.#props = this.#props === "" ? {} : JSON.parse(this.#props);
    return this.#props;
  }
}

class FetchEvent {
  #respond = null;
  #waits;
  constructor(request, waits) { this.request = request; this.#waits = waits; this.type = "fetch"; }
  respondWith(p) {
    if (this.#respond) throw new Error("FetchEvent.respondWith() has already been called; it can only be called once.");
    this.#respond = Promise.resolve(p);
  }
  waitUntil(p) { this.#waits.push(Promise.resolve(p).catch((e) => console.error("Uncaught (in promise)", e))); }
  passThroughOnException() {}
  get response() { return this.#respond; }
}

// handler finds the fetch handler of an entrypoint: an exported object with fetch(), or a class
// (WorkerEntrypoint style) whose instances have fetch().
function handler(entry) {
  const exp = state.ns?.[entry || "default"];
  if (exp && typeof exp.fetch === "function") return (req, ctx) => exp.fetch(req, state.env, ctx);
  if (typeof exp === "function" && typeof exp.prototype?.fetch === "function") {
    return (req, ctx) => new exp(ctx, state.env).fetch(req);
  }
  return null;
}

// dispatchConnect serves a connection made through a binding to this worker (fetcher.connect()):
// the entrypoint's connect(socket, env, ctx) handler gets it, and once the handler is done the
// socket is closed.
export function dispatchConnect(id, entry, authority) {
  const socket = inboundSocket(id, authority);
  const exp = state.ns?.[entry || "default"];
  const waits = [];
  const ctx = new ExecutionContext(waits);
  let result;
  try {
    if (exp && typeof exp.connect === "function") result = exp.connect(socket, state.env, ctx);
    else if (typeof exp === "function" && typeof exp.prototype?.connect === "function") result = new exp(ctx, state.env).connect(socket);
    else throw new Error(entry ? `Entrypoint "${entry}" does not export a connect() function.` : "Handler does not export a connect() function.");
  } catch (e) {
    neuter(socket);
    throw e;
  }
  Promise.resolve(result).then(() => neuter(socket), (e) => {
    neuter(socket);
    console.error("Uncaught (in promise)", e);
  });
}

export function dispatchFetch(id, entry, method, url, flatHdrs, hasBody, props) {
  beginRequest(compat("bind_asynclocalstorage_snapshot_to_request"));
  state.requestSeq++;
  const request = makeIncomingRequest(id, method, url, flatHdrs, hasBody);
  const waits = [];
  let result;
  try {
    if (state.modules) {
      const h = handler(entry);
      if (!h) throw new Error(entry ? `Entrypoint "${entry}" does not export a fetch() function.` : "Handler does not export a fetch() function.");
      result = h(request, new ExecutionContext(waits, false, props));
    } else {
      const ev = new FetchEvent(request, waits);
      for (const l of state.listeners) {
        if (l.type !== "fetch") continue;
        if (typeof l.fn === "function") l.fn.call(globalThis, ev);
        else l.fn.handleEvent(ev);
        if (ev.response) break;
      }
      if (!ev.response) throw new Error("No event handler responded to the fetch event.");
      result = ev.response;
    }
  } catch (e) {
    fail(id, e);
    return;
  }
  Promise.resolve(result).then((resp) => send(id, resp, request), (e) => fail(id, e));
}

function fail(id, e) {
  const isErr = e instanceof Error;
  const name = isErr ? String(e.name) : "";
  const msg = isErr ? String(e.message) : String(e);
  native.respondError(id, name, msg, (e && e.stack) || (isErr ? `${name}: ${msg}` : msg));
}

async function send(id, resp, request) {
  if (!(resp instanceof Response)) {
    fail(id, new TypeError("Incorrect type for Promise: the Promise did not resolve to 'Response'."));
    return;
  }
  if (resp.type === "error") {
    fail(id, new TypeError("Return value from serve handler must not be an error response (like Response.error())"));
    return;
  }
  if (resp.webSocket !== null) {
    // A 101 response hands its WebSocket end to whoever sent the request (isolate/websocket.go).
    try {
      if (!/^\s*websocket\s*$/i.test(request?.headers.get("upgrade") ?? "")) {
        throw new TypeError("Worker tried to return a WebSocket in a response to a request which did not contain the header \"Upgrade: websocket\".");
      }
      native.respondWebSocket(id, resp.status, wireStatusText(resp), pack(flatHeaders(resp.headers)), takeForResponse(resp.webSocket));
    } catch (e) {
      fail(id, e);
    }
    return;
  }
  let parts;
  try {
    parts = bodyParts(resp);
  } catch (e) {
    fail(id, e);
    return;
  }
  const { bytes, stream } = parts;
  if (!stream) {
    native.respondWhole(id, resp.status, wireStatusText(resp), pack(flatHeaders(resp.headers)), bytes && bytes.byteLength > 0 ? bytes : undefined);
    return;
  }
  let hdrs = flatHeaders(resp.headers);
  // A FixedLengthStream body (or a source with expectedLength) gives the response a length.
  // Without one, workerd sends the stream chunked and ignores a Content-Length header (e.g. the
  // original one on an HTMLRewriter output).
  const len = streamExpectedLength(stream);
  if (len !== undefined && !resp.headers.has("content-length")) hdrs.push("content-length", String(len));
  if (len === undefined) {
    const kept = [];
    for (let i = 0; i < hdrs.length; i += 2) if (hdrs[i] !== "content-length") kept.push(hdrs[i], hdrs[i + 1]);
    hdrs = kept;
  }
  native.respondStart(id, resp.status, wireStatusText(resp), pack(hdrs));
  try {
    const reader = stream.getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      let chunk = value;
      if (typeof chunk === "string") chunk = native.utf8Encode(chunk);
      else if (chunk instanceof ArrayBuffer) chunk = new Uint8Array(chunk);
      else if (!ArrayBuffer.isView(chunk)) throw new TypeError("This ReadableStream did not return bytes.");
      if (chunk.byteLength > 0) await native.respondWrite(id, chunk);
    }
    native.respondEnd(id);
  } catch (e) {
    fail(id, e);
  }
}

// listTests names the entrypoints that have a test() handler: "default" first, then the named
// exports in the module namespace's (alphabetical) order, as workerd test visits them.
export function listTests() {
  const ns = state.ns;
  if (!ns) return JSON.stringify([]);
  const has = (exp) => exp && (typeof exp.test === "function" || (typeof exp === "function" && typeof exp.prototype?.test === "function"));
  const out = [];
  if (has(ns.default)) out.push("default");
  for (const k of Object.keys(ns)) if (k !== "default" && has(ns[k])) out.push(k);
  return JSON.stringify(out);
}

class TestController {}

// dispatchTest runs one entrypoint's test(controller, env, ctx) and waits for its waitUntil
// promises; the returned promise rejects when the test fails.
// It resolves with null when the test passed, or with the error (never rejects: Go reads the
// outcome, so the failure is not also reported as an unhandled rejection).
export async function dispatchTest(entry) {
  beginRequest(compat("bind_asynclocalstorage_snapshot_to_request"));
  state.requestSeq++;
  try {
    const exp = state.ns?.[entry || "default"];
    const waits = [];
    const ctx = new ExecutionContext(waits, true);
    let result;
    if (exp && typeof exp.test === "function") result = exp.test(new TestController(), state.env, ctx);
    else if (typeof exp === "function" && typeof exp.prototype?.test === "function") result = new exp(ctx, state.env).test(new TestController());
    else throw new Error("Entrypoint does not export a test() function.");
    await result;
    await Promise.all(waits);
    return null;
  } catch (e) {
    return e ?? new Error(String(e));
  }
}
