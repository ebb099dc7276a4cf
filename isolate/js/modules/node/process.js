// node:process as workerd has it with enable_nodejs_process_v2: an EventEmitter with Node.js's
// members, most of them fixed values or stubs for a process that has no OS process underneath.
// (Without the flag, "node:process" is internal/process_legacy.js; see isolate/modules.go.)
import { EventEmitter } from "node:events";
import require from "internal:require";
import {
  platform, nextTick, env, features, getBuiltinModule, exit, emitWarning, setEmitter,
} from "internal:process_common";

const ints = globalThis[Symbol.for("nanod.internals")];
const { nodeFlag, nodeErrors } = ints;
const { codeError, invalidArgType, invalidArgValue, outOfRange, notImplemented } = nodeErrors;

export { platform, nextTick, emitWarning, env, features, getBuiltinModule, exit };

export const config = Object.freeze({
  target_defaults: Object.freeze({ default_configuration: "Release" }),
  variables: Object.freeze({
    asan: 0, clang: 1, control_flow_guard: false, coverage: false, dcheck_always_on: 0,
    debug_nghttp2: false, debug_node: false, enable_lto: false, enable_pgo_generate: false,
    enable_pgo_use: false, error_on_warn: false, force_dynamic_crt: 0, gas_version: "",
    host_arch: "x64", icu_data_in: "", icu_endianness: "l", icu_gyp_path: "", icu_path: "",
    icu_small: false, icu_ver_major: "", is_debug: 0, libdir: "lib", llvm_version: "",
    napi_build_version: "9", node_byteorder: "little", node_debug_lib: false, node_enable_d8: false,
    node_enable_v8_vtunejit: false, node_enable_v8windbg: false, node_fipsinstall: false,
    node_install_corepack: false, node_install_npm: false, node_module_version: 127,
    node_no_browser_globals: false, node_prefix: "/usr/local", node_quic: false,
    node_release_urlbase: "", node_section_ordering_info: "", node_shared: false,
    node_shared_ada: false, node_shared_brotli: false, node_shared_cares: false,
    node_shared_gtest: false, node_shared_hdr_histogram: false, node_shared_http_parser: false,
    node_shared_libuv: false, node_shared_merve: false, node_shared_nbytes: false,
    node_shared_nghttp2: false, node_shared_nghttp3: false, node_shared_ngtcp2: false,
    node_shared_openssl: false, node_shared_simdjson: false, node_shared_simdutf: false,
    node_shared_sqlite: false, node_shared_uvwasi: false, node_shared_zlib: false,
    node_shared_zstd: false, node_tag: "", node_target_type: "executable", node_use_amaro: false,
    node_use_bundled_v8: true, node_use_node_code_cache: false, node_use_node_snapshot: false,
    node_use_openssl: true, node_use_sqlite: false, node_use_v8_platform: false,
    node_with_ltcg: false, node_without_node_options: true,
    node_write_snapshot_as_array_literals: false, openssl_is_fips: false, openssl_quic: false,
    ossfuzz: false, shlib_suffix: "so", single_executable_application: false,
    suppress_all_error_on_warn: false, target_arch: "x64", ubsan: 0, use_ccache_win: 0,
    use_prefix_to_find_headers: false, v8_enable_31bit_smis_on_64bit_arch: 0,
    v8_enable_extensible_ro_snapshot: 0, v8_enable_external_code_space: 0, v8_enable_gdbjit: 0,
    v8_enable_hugepage: 0, v8_enable_i18n_support: 1, v8_enable_inspector: 0,
    v8_enable_javascript_promise_hooks: 0, v8_enable_lite_mode: 0, v8_enable_maglev: 1,
    v8_enable_object_print: 0, v8_enable_pointer_compression: 1,
    v8_enable_pointer_compression_shared_cage: 1, v8_enable_sandbox: 0,
    v8_enable_shared_ro_heap: 1, v8_enable_short_builtin_calls: 1, v8_enable_v8_checks: 0,
    v8_enable_wasm_simd256_revec: 0, v8_enable_webassembly: 1, v8_no_strict_aliasing: 1,
    v8_optimized_debug: 1, v8_promise_internal_field_count: 1, v8_random_seed: 0,
    v8_trace_maps: 0, v8_use_siphash: 1, want_separate_host_toolset: 0,
  }),
});

const VERSION = nodeFlag("nodejs_process_version_24") ? "24.11.1" : "22.23.4";

export const versions = Object.fromEntries([
  "node", "v8", "modules", "zlib", "brotli", "zstd", "ares", "napi", "llhttp", "nghttp2", "acorn",
  "ada", "simdutf", "nbytes", "ncrypto", "uvwasi", "uv", "openssl", "sqlite", "icu", "undici",
  "simdjson", "unicode", "cldr", "tz", "cjs_module_lexer", "amaro", "merve",
].map((k) => [k, k === "node" ? VERSION : ""]));
export const version = `v${VERSION}`;
export const title = "workerd";
export const argv = ["workerd"];
export const argv0 = "workerd";
export const execArgv = [];
export const arch = "x64";
export const pid = 1;
export const ppid = 0;
export const allowedNodeEnvironmentFlags = new Set();

export function setSourceMapsEnabled(enabled, options) {}
export function getSourceMapsSupport() {
  return { enabled: false, nodeModules: false, generatedCode: false };
}

// The working directory is a place in workerd's virtual file system: /bundle at first.
const DIRS = new Set(["/", "/bundle", "/tmp", "/dev"]);
let workingDir = "/bundle";

function resolvePath(p) {
  const parts = [];
  for (const seg of (p.startsWith("/") ? p : workingDir + "/" + p).split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") parts.pop();
    else parts.push(seg);
  }
  return "/" + parts.join("/");
}

export function chdir(path) {
  if (typeof path !== "string") throw invalidArgType("directory", "of type string", path);
  const target = resolvePath(path);
  if (!DIRS.has(target)) {
    const e = codeError(Error, "ENOENT", `no such file or directory, chdir '${target.slice(1)}'`);
    e.syscall = "chdir";
    throw e;
  }
  workingDir = target;
}

export const cwd = function cwd() { return workingDir; };

export function umask(mask) {
  if (mask !== undefined) {
    if (typeof mask === "string") {
      if (!/^[0-7]+$/.test(mask)) throw invalidArgValue("mask", mask, "must be a 32-bit unsigned integer or an octal string");
      mask = parseInt(mask, 8);
    } else if (typeof mask !== "number") {
      throw invalidArgType("mask", "of type number", mask);
    }
    if (mask < 0 || mask > 0xffffffff || !Number.isInteger(mask)) {
      throw invalidArgValue("mask", mask, "must be a 32-bit unsigned integer or an octal string");
    }
  }
  return 18; // Node.js's default (0o022)
}

// hrtime has millisecond resolution here: Date.now() (which workerd freezes during I/O-free code).
export const hrtime = Object.assign(function hrtime(time) {
  if (time !== undefined) {
    if (!Array.isArray(time)) throw invalidArgType("time", "tuple of integers", time);
    if (time.length !== 2) throw outOfRange("time", "2", time);
  }
  const ns = BigInt(Date.now()) * 1000000n;
  const frac = ns % 1000000000n;
  let seconds = Number((ns - frac) / 1000000000n);
  let nanos = Number(frac);
  if (time) {
    seconds -= time[0];
    nanos -= time[1];
    if (nanos < 0) {
      seconds -= 1;
      nanos += 1e9;
    }
  }
  return [seconds, nanos];
}, {
  bigint: function () { return BigInt(Date.now()) * 1000000n; },
});

export function ref() {}
export function unref() {}
export function setUncaughtExceptionCaptureCallback(fn) { throw notImplemented("process.setUncaughtExceptionCaptureCallback"); }
export function hasUncaughtExceptionCaptureCallback() { throw notImplemented("process.hasUncaughtExceptionCaptureCallback"); }
export function kill(pid, signal) { throw notImplemented("process.kill"); }
export function binding(name) { throw notImplemented("process.binding"); }
export function dlopen(module, filename, flags) { throw notImplemented("process.dlopen"); }
export const exitCode = undefined;
export function getActiveResourcesInfo() { throw notImplemented("process.getActiveResourcesInfo"); }
export function memoryUsage() {
  return { rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
}
export function resourceUsage() {
  return {
    userCPUTime: 0, systemCPUTime: 0, maxRSS: 0, sharedMemorySize: 0, unsharedDataSize: 0,
    unsharedStackSize: 0, minorPageFault: 0, majorPageFault: 0, swappedOut: 0, fsRead: 0,
    fsWrite: 0, ipcSent: 0, ipcReceived: 0, signalsCount: 0, voluntaryContextSwitches: 0,
    involuntaryContextSwitches: 0,
  };
}
export function threadCpuUsage() { throw notImplemented("process.threadCpuUsage"); }
export function cpuUsage(previousValue) { throw notImplemented("process.cpuUsage"); }

export const channel = null;
export const connected = false;
export const debugPort = 0;
export const noDeprecation = false;
export const traceDeprecation = false;
export const throwDeprecation = false;
export const sourceMapsEnabled = false;
export const execPath = "";
export const permission = { has: () => { throw notImplemented("process.permission.has"); } };
export const release = { name: "node", lts: true, sourceUrl: "", headersUrl: "" };
export const report = {
  compact: false,
  directory: "",
  filename: "",
  getReport: () => ({}),
  reportOnFatalError: false,
  reportOnSignal: false,
  reportOnUncaughtException: false,
  excludeNetwork: false,
  excludeEnv: false,
  signal: "SIGUSR2",
  writeReport: () => { throw notImplemented("process.report.writeReport"); },
};
export const finalization = {
  register: () => { throw notImplemented("process.finalization.register"); },
  registerBeforeExit: () => { throw notImplemented("process.finalization.registerBeforeExit"); },
  unregister: () => { throw notImplemented("process.finalization.unregister"); },
};

export function _rawDebug(...args) { console.log(...args); }
export const moduleLoadList = [];
export const _preload_modules = [];
export function _linkedBinding(name) { throw notImplemented("process._linkedBinding"); }
export const domain = null;
export const _exiting = false;
export function _getActiveRequests() { return []; }
export function _getActiveHandles() { return []; }
export function reallyExit(code) { exit(code || 0); }
export function _kill(pid, signal) { throw notImplemented("process._kill"); }
export function constrainedMemory() { return 0; }
export function availableMemory() { return 0; }
export function execve(file, args, env) { throw notImplemented("process.execve"); }
export function _fatalException(err) { return false; }
export function _tickCallback() {}
export function _debugProcess(pid) {}
export function _debugEnd() {}
export function _startProfilerIdleNotifier() {}
export function _stopProfilerIdleNotifier() {}
export function send(message, sendHandle) { return false; }
export function abort() { exit(1); }
export function uptime() { return 0; }

export function loadEnvFile(path = ".env") {
  throw notImplemented("process.loadEnvFile");
}

export function getegid() { return 0; }
export function getgid() { return 0; }
export function getgroups() { return [0]; }
export function geteuid() { return 0; }
export function getuid() { return 0; }
const eperm = (syscall) => {
  const e = codeError(Error, "EPERM", "operation not permitted");
  e.syscall = syscall;
  return e;
};
export function setegid(id) { if (id !== 0) throw eperm("setegid"); }
export function setgid(id) { if (id !== 0) throw eperm("setgid"); }
export function seteuid(id) { if (id !== 0) throw eperm("seteuid"); }
export function setuid(id) { if (id !== 0) throw eperm("setuid"); }
export function setgroups(groups) { throw eperm("setgroups"); }
export function initgroups(user, extraGroup) { throw eperm("initgroups"); }

// Standard streams: writes go to the worker's log, as console output does; stdin is empty.
function sink(fd, log) {
  return {
    fd,
    writable: true,
    readable: false,
    _isStdio: true,
    write(chunk, encoding, cb) {
      if (typeof encoding === "function") cb = encoding;
      const text = typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk);
      log(text.endsWith("\n") ? text.slice(0, -1) : text);
      if (typeof cb === "function") queueMicrotask(cb);
      return true;
    },
    end() { return this; },
    on() { return this; },
    once() { return this; },
  };
}
export const stdout = sink(1, (s) => console.log(s));
export const stderr = sink(2, (s) => console.error(s));
export const stdin = { fd: 0, readable: true, read() { return null; }, on() { return this; }, once() { return this; } };
export function openStdin() { return stdin; }

export const _disconnect = undefined, _handleQueue = undefined, _pendingMessage = undefined, _channel = undefined, _send = undefined;

// process.assert is node:assert's ok() (deprecated and gone from Node.js 23; workerd drops it
// with remove_nodejs_compat_eol_v23). node:assert is loaded on first use.
export const assert = nodeFlag("remove_nodejs_compat_eol_v23") ? undefined : function assert(...args) {
  return require("node:assert").ok(...args);
}.bind(undefined); // named "bound assert", as workerd's

const process = {
  assert, version, versions, title, argv, argv0, execArgv, arch, platform, config, pid, ppid,
  getegid, getgid, getgroups, geteuid, getuid, setegid, setgid, setgroups, seteuid, setuid,
  initgroups, setSourceMapsEnabled, getSourceMapsSupport, nextTick, emitWarning, env, exit, abort,
  getBuiltinModule, features, allowedNodeEnvironmentFlags, kill, ref, unref, chdir, cwd, umask,
  hrtime, uptime, loadEnvFile, exitCode, channel, connected, binding, debugPort, dlopen,
  finalization, getActiveResourcesInfo, setUncaughtExceptionCaptureCallback,
  hasUncaughtExceptionCaptureCallback, memoryUsage, noDeprecation, permission, release, report,
  resourceUsage, send, traceDeprecation, throwDeprecation, sourceMapsEnabled, threadCpuUsage,
  cpuUsage, execPath, constrainedMemory, availableMemory, execve, openStdin, _rawDebug,
  moduleLoadList, _linkedBinding, domain, _exiting, _getActiveRequests, _getActiveHandles,
  reallyExit, _kill, _fatalException, _tickCallback, _debugProcess, _debugEnd,
  _startProfilerIdleNotifier, _stopProfilerIdleNotifier, _preload_modules, _disconnect,
  _handleQueue, _pendingMessage, _channel, _send,
};
Object.setPrototypeOf(process, EventEmitter.prototype);
EventEmitter.call(process);
// The standard streams come last among the keys, as in workerd.
for (const [name, value] of [["stdin", stdin], ["stdout", stdout], ["stderr", stderr]]) {
  Object.defineProperty(process, name, { value, writable: true, enumerable: true, configurable: true });
}
Object.defineProperty(process, Symbol.toStringTag, { value: "process", configurable: true });
setEmitter(process);

export const _events = process._events, _eventsCount = process._eventsCount, _maxListeners = process._maxListeners;

export default process;
