// Helpers for the node: modules whose operations workerd leaves unimplemented: the functions
// exist with Node's names and lengths (so packages that import them load) and throw workerd's
// ERR_METHOD_NOT_IMPLEMENTED when called.
import { ERR_METHOD_NOT_IMPLEMENTED } from "node-internal:errors";

export const notImplemented = (what) => ERR_METHOD_NOT_IMPLEMENTED(what);

// stub makes a function called `name` with `length` that throws "The <what> method is not
// implemented".
export function stub(name, length = 0, what = name) {
  // A function expression (not a method) so that `new` reaches the throw too, as in workerd.
  const f = { [name]: function () { throw ERR_METHOD_NOT_IMPLEMENTED(what); } }[name];
  Object.defineProperty(f, "length", { value: length });
  return f;
}

// stubs makes an object of stubs, each reporting `<prefix>.<name>`.
export function stubs(prefix, names) {
  const o = {};
  for (const n of names) o[n] = stub(n, 0, `${prefix}.${n}`);
  return o;
}

// withLength fixes a function's length (Node's signatures with defaults count fewer params).
export function withLength(f, length) {
  Object.defineProperty(f, "length", { value: length });
  return f;
}

// The list node:module's builtinModules gives on workerd (and, without the private "_" ones,
// node:repl's).
export const builtinModules = [
  "_http_agent", "_http_client", "_http_common", "_http_incoming", "_http_outgoing", "_http_server",
  "_stream_duplex", "_stream_passthrough", "_stream_readable", "_stream_transform", "_stream_wrap",
  "_stream_writable", "_tls_common", "_tls_wrap", "assert", "assert/strict", "async_hooks", "buffer",
  "child_process", "cluster", "console", "constants", "crypto", "dgram", "diagnostics_channel", "dns",
  "dns/promises", "domain", "events", "fs", "fs/promises", "http", "http2", "https", "inspector",
  "inspector/promises", "module", "net", "os", "path", "path/posix", "path/win32", "perf_hooks",
  "process", "punycode", "querystring", "readline", "readline/promises", "repl", "stream",
  "stream/consumers", "stream/promises", "stream/web", "string_decoder", "sys", "timers",
  "timers/promises", "tls", "trace_events", "tty", "url", "util", "util/types", "v8", "vm", "wasi",
  "worker_threads", "zlib",
];
