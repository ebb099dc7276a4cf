// The glue between Go and user code: configuring env, loading the main module, and answering
// fetches (isolate/fetch.go, worker.go).
import { native, pack } from "./native.js";
import { makeIncomingRequest, bodyParts, flatHeaders, fetchVia, Response, streamExpectedLength } from "./fetch.js";

export { readStream, cancelStream } from "./fetch.js";

const state = { env: {}, modules: true, ns: null, listeners: [], compatDate: "", compatFlags: [], name: "" };

// A service binding: a Fetcher whose fetch() goes to another service, in-process.
class Fetcher {
  #idx;
  constructor(idx) { this.#idx = idx; }
  fetch(input, init) { return fetchVia(this.#idx, input, init); }
  connect() { throw new Error("connect() is not supported by this binding"); }
}

export function configure(specJSON, bytes) {
  const spec = JSON.parse(specJSON);
  state.modules = spec.modules;
  state.compatDate = spec.compatDate;
  state.compatFlags = spec.compatFlags || [];
  state.name = spec.name;
  const env = {};
  for (const b of spec.env) {
    let v;
    switch (b.kind) {
      case "text": v = b.text; break;
      case "json": v = JSON.parse(b.text); break;
      case "null": v = null; break;
      case "data": v = bytes[b.bytes].buffer; break;
      case "wasm": v = new WebAssembly.Module(bytes[b.bytes]); break;
      case "service": v = new Fetcher(b.fetcher); break;
      default: continue;
    }
    env[b.name] = v;
  }
  state.env = env;
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
  get env() { return state.env; },
  get compatFlags() { return state.compatFlags; },
  Fetcher,
};

export function loadMain(name) {
  const imp = globalThis.__ext.import;
  delete globalThis.__ext;
  return imp(name).then((ns) => { state.ns = ns; });
}

class ExecutionContext {
  #waits;
  #strict;
  // strict: a waitUntil rejection fails the test (test handlers); otherwise it is logged.
  constructor(waits, strict = false) { this.#waits = waits; this.#strict = strict; }
  waitUntil(p) {
    const q = Promise.resolve(p);
    this.#waits.push(this.#strict ? q : q.catch((e) => console.error("Uncaught (in promise)", e)));
  }
  passThroughOnException() {}
  get props() { return {}; }
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

export function dispatchFetch(id, entry, method, url, flatHdrs, hasBody) {
  const request = makeIncomingRequest(id, method, url, flatHdrs, hasBody);
  const waits = [];
  let result;
  try {
    if (state.modules) {
      const h = handler(entry);
      if (!h) throw new Error(entry ? `Entrypoint "${entry}" does not export a fetch() function.` : "Handler does not export a fetch() function.");
      result = h(request, new ExecutionContext(waits));
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
  Promise.resolve(result).then((resp) => send(id, resp), (e) => fail(id, e));
}

function fail(id, e) {
  const isErr = e instanceof Error;
  const name = isErr ? String(e.name) : "";
  const msg = isErr ? String(e.message) : String(e);
  native.respondError(id, name, msg, (e && e.stack) || (isErr ? `${name}: ${msg}` : msg));
}

async function send(id, resp) {
  if (!(resp instanceof Response)) {
    fail(id, new TypeError("Incorrect type for Promise: the Promise did not resolve to 'Response'."));
    return;
  }
  const { bytes, stream } = bodyParts(resp);
  if (!stream) {
    native.respondWhole(id, resp.status, resp.statusText, pack(flatHeaders(resp.headers)), bytes && bytes.byteLength > 0 ? bytes : undefined);
    return;
  }
  const hdrs = flatHeaders(resp.headers);
  // A FixedLengthStream body (or a source with expectedLength) gives the response a length.
  const len = streamExpectedLength(stream);
  if (len !== undefined && !resp.headers.has("content-length")) hdrs.push("content-length", String(len));
  native.respondStart(id, resp.status, resp.statusText, pack(hdrs));
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
export async function dispatchTest(entry) {
  const exp = state.ns?.[entry || "default"];
  const waits = [];
  const ctx = new ExecutionContext(waits, true);
  let result;
  if (exp && typeof exp.test === "function") result = exp.test(new TestController(), state.env, ctx);
  else if (typeof exp === "function" && typeof exp.prototype?.test === "function") result = new exp(ctx, state.env).test(new TestController());
  else throw new Error("Entrypoint does not export a test() function.");
  await result;
  await Promise.all(waits);
}
