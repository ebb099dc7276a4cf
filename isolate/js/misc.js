import { resourceInspect } from "./events.js";

// Small global-scope pieces: navigator, performance, Cloudflare (compatibilityFlags) and origin;
// and the compatibility-flag checks the other Web APIs make.

const internals = () => globalThis[Symbol.for("nanod.internals")];

// Until the host has configured a worker (or when it does not say), the features the runtime
// asks about count as on, as for the newest compatibility date, unless a flag named in the
// config turns one off: [enable flag, disable flag, on by default].
const DEFAULTS = [
  ["blob_standard_mime_type", "blob_legacy_mime_type", true],
  ["capture_async_api_throws", "do_not_capture_async_api_throws", true],
  ["enable_global_performance_classes", "disable_global_performance_classes", true],
  ["enable_navigator_language", "disable_navigator_language", true],
  ["enable_request_signal", "disable_request_signal", true],
  ["formdata_parser_supports_files", "formdata_parser_converts_files_to_strings", true],
  ["global_navigator", "no_global_navigator", true],
  ["no_resizable_array_buffer_in_blob", "resizable_array_buffer_in_blob", false],
  ["set_event_target_this", "no_set_event_target_this", true],
  ["set_tostring_tag", "do_not_set_tostring_tag", true],
  ["spec_compliant_dispatch_exceptions", "no_spec_compliant_dispatch_exceptions", true],
  ["strip_bom_in_read_all_text", "do_not_strip_bom_in_read_all_text", true],
];

let fallback = null; // { flags, enabled }

// compatEnabled maps enable-flag names to whether the feature is on for this worker: the host's
// resolved set (config.Worker.CompatEnabled, by date, flags and implications) when it has
// passed it, else the defaults above.
export function compatEnabled() {
  const ints = internals();
  const given = ints?.compatEnabled;
  if (given && typeof given === "object") return given;
  const flags = ints?.compatFlags || [];
  if (fallback !== null && fallback.flags === flags) return fallback.enabled;
  const named = new Set(flags);
  const enabled = Object.create(null);
  for (const [en, dis, on] of DEFAULTS) enabled[en] = named.has(en) || (on && !named.has(dis));
  for (const f of flags) if (!(f in enabled) && !DEFAULTS.some((d) => d[1] === f)) enabled[f] = true;
  fallback = { flags, enabled };
  return enabled;
}

// compat reports whether the feature an enable flag names is on.
export function compat(name) {
  return compatEnabled()[name] === true;
}

const illegalInvocation = () => new TypeError("Illegal invocation: function called with incorrect `this` reference. " +
  "See https://developers.cloudflare.com/workers/observability/errors/#illegal-invocation-errors for details.");

function defineMethods(proto, methods) {
  for (const key of Object.getOwnPropertyNames(methods)) {
    const d = Object.getOwnPropertyDescriptor(methods, key);
    d.enumerable = true;
    if (typeof d.value === "function") Object.defineProperty(d.value, "length", { value: 0 }); // as workerd's
    Object.defineProperty(proto, key, d);
  }
}

function illegalConstructor(name) {
  const C = { [name]: function () { throw new TypeError("Illegal constructor"); } }[name];
  Object.defineProperty(C, "prototype", { writable: false });
  Object.defineProperty(C.prototype, Symbol.toStringTag, { value: name, configurable: true });
  return C;
}

// ---- navigator ---------------------------------------------------------------------------

const Navigator = illegalConstructor("Navigator");
const kNavigator = Symbol("navigator");
defineMethods(Navigator.prototype, {
  sendBeacon(url, body = undefined) {
    if (this?.[kNavigator] !== true) throw illegalInvocation();
    if (arguments.length < 1) throw new TypeError("Failed to execute 'sendBeacon' on 'Navigator': parameter 1 is not of type 'string'.");
    // A beacon needs a request to belong to: at the top level of the script it is refused.
    if (internals()?.started === false) return false;
    const init = { method: "POST" };
    if (body !== undefined && body !== null) init.body = body;
    globalThis.fetch(`${url}`, init).then((r) => r.body?.cancel(), (e) => reportAsync(e));
    return true;
  },
});

Object.defineProperty(Navigator.prototype, Symbol.for("nodejs.util.inspect.custom"), {
  value(depth, options, inspect) {
    return this?.[kNavigator] === true ? resourceInspect(this, depth, options, inspect) : this;
  },
  writable: true, configurable: true,
});

function reportAsync(e) {
  Promise.reject(e); // an unhandled rejection, as workerd reports it
}

function makeNavigator() {
  const nav = Object.create(Navigator.prototype);
  Object.defineProperty(nav, kNavigator, { value: true });
  const ro = (value) => ({ value, writable: false, enumerable: true, configurable: true });
  if (compat("enable_navigator_language")) {
    Object.defineProperty(nav, "languages", ro(["en"]));
    Object.defineProperty(nav, "language", ro("en"));
  }
  Object.defineProperty(nav, "platform", ro(""));
  Object.defineProperty(nav, "hardwareConcurrency", ro(1));
  Object.defineProperty(nav, "userAgent", ro("Cloudflare-Workers"));
  return nav;
}

// ---- performance -------------------------------------------------------------------------

const Performance = illegalConstructor("Performance");
const PerformanceEntry = illegalConstructor("PerformanceEntry");
const PerformanceMark = { PerformanceMark: function (name, options = undefined) {
  if (new.target === undefined) {
    throw new TypeError("Failed to construct 'PerformanceMark': Please use the 'new' operator, this object constructor cannot be called as a function.");
  }
  if (arguments.length < 1) throw new TypeError("Failed to construct 'PerformanceMark': constructor parameter 1 is not of type 'string'.");
  const opts = markOptions(options, "Failed to construct 'PerformanceMark': constructor parameter 2 is not of type 'Options'.");
  return makeEntry(new.target.prototype, `${name}`, "mark", opts.startTime ?? now(), 0, opts.detail);
} }.PerformanceMark;
const PerformanceMeasure = illegalConstructor("PerformanceMeasure");
Object.setPrototypeOf(PerformanceMark.prototype, PerformanceEntry.prototype);
Object.setPrototypeOf(PerformanceMeasure.prototype, PerformanceEntry.prototype);
Object.defineProperty(PerformanceMark.prototype, Symbol.toStringTag, { value: "PerformanceMark", configurable: true });
Object.defineProperty(PerformanceMark, "prototype", { writable: false });

const kEntry = Symbol("PerformanceEntry");
const entryState = (self) => {
  const s = self?.[kEntry];
  if (s === undefined) throw illegalInvocation();
  return s;
};

function makeEntry(proto, name, entryType, startTime, duration, detail) {
  const e = Object.create(proto);
  Object.defineProperty(e, kEntry, { value: { name, entryType, startTime, duration, detail } });
  return e;
}

const entryJSON = (s) => {
  const o = { name: s.name, entryType: s.entryType, startTime: s.startTime, duration: s.duration };
  if (s.entryType !== "mark" && s.entryType !== "measure") return o;
  if (s.detail !== undefined) o.detail = s.detail;
  return o;
};

defineMethods(PerformanceEntry.prototype, {
  get name() { return entryState(this).name; },
  get entryType() { return entryState(this).entryType; },
  get startTime() { return entryState(this).startTime; },
  get duration() { return entryState(this).duration; },
  toJSON() { return entryJSON(entryState(this)); },
});
for (const C of [PerformanceMark, PerformanceMeasure]) {
  defineMethods(C.prototype, {
    get detail() { return entryState(this).detail ?? null; },
    toJSON() { return entryJSON(entryState(this)); },
  });
}

const cloneDetail = (d) => (d === undefined || d === null ? undefined : typeof globalThis.structuredClone === "function" ? globalThis.structuredClone(d) : d);

function markOptions(options, what) {
  if (options === undefined || options === null) return {};
  if (typeof options !== "object" && typeof options !== "function") throw new TypeError(what);
  const detail = options.detail;
  if (detail !== undefined && detail !== null && typeof detail !== "object" && typeof detail !== "function") {
    throw new TypeError("Incorrect type for the 'detail' field on 'Options': the provided value is not of type 'Object'.");
  }
  const st = options.startTime;
  return { detail: cloneDetail(detail), startTime: st === undefined ? undefined : Number(st) };
}

// workerd's clock: performance.now() is Date.now() (timeOrigin is 0).
const now = () => Date.now();
const entries = [];
const kPerformance = Symbol("performance");
const perfCheck = (self) => {
  if (self?.[kPerformance] !== true) throw illegalInvocation();
};

const markTime = (name) => {
  for (let i = entries.length - 1; i >= 0; i--) {
    const s = entries[i][kEntry];
    if (s.entryType === "mark" && s.name === name) return s.startTime;
  }
  return undefined;
};
const timeOf = (v, missing) => (typeof v === "string" ? markTime(v) ?? missing : Number(v));

const perfBasics = {
  get timeOrigin() { perfCheck(this); return 0; },
  now() { perfCheck(this); return now(); },
};
const perfTimeline = {
  clearMarks(name = undefined) { perfCheck(this); clearEntries("mark", name); },
  clearMeasures(name = undefined) { perfCheck(this); clearEntries("measure", name); },
  clearResourceTimings() { perfCheck(this); },
  getEntries() { perfCheck(this); return entries.slice(); },
  getEntriesByName(name, type = undefined) {
    perfCheck(this);
    if (arguments.length < 1) throw new TypeError("Failed to execute 'getEntriesByName' on 'Performance': parameter 1 is not of type 'string'.");
    const n = `${name}`;
    const t = type === undefined ? undefined : `${type}`;
    return entries.filter((e) => e[kEntry].name === n && (t === undefined || e[kEntry].entryType === t));
  },
  getEntriesByType(type) {
    perfCheck(this);
    if (arguments.length < 1) throw new TypeError("Failed to execute 'getEntriesByType' on 'Performance': parameter 1 is not of type 'string'.");
    const t = `${type}`;
    return entries.filter((e) => e[kEntry].entryType === t);
  },
  mark(name, options = undefined) {
    perfCheck(this);
    if (arguments.length < 1) throw new TypeError("Failed to execute 'mark' on 'Performance': parameter 1 is not of type 'string'.");
    const opts = markOptions(options, "Failed to execute 'mark' on 'Performance': parameter 2 is not of type 'Options'.");
    const e = makeEntry(PerformanceMark.prototype, `${name}`, "mark", opts.startTime ?? now(), 0, opts.detail);
    entries.push(e);
    return e;
  },
  measure(name, start = undefined, end = undefined) {
    perfCheck(this);
    if (arguments.length < 1) throw new TypeError("Failed to execute 'measure' on 'Performance': parameter 1 is not of type 'string'.");
    let startTime, endTime, detail;
    if (start !== null && typeof start === "object") {
      detail = cloneDetail(start.detail);
      const dur = start.duration === undefined ? undefined : Number(start.duration);
      startTime = start.start === undefined ? undefined : timeOf(start.start, NaN);
      endTime = start.end === undefined ? undefined : timeOf(start.end, NaN);
      if (startTime === undefined) startTime = endTime !== undefined && dur !== undefined ? endTime - dur : 0;
      if (endTime === undefined) endTime = dur !== undefined ? startTime + dur : now();
    } else {
      startTime = start === undefined ? 0 : timeOf(start, 0);
      endTime = end === undefined ? now() : timeOf(end, now());
    }
    const duration = Number.isNaN(startTime) || Number.isNaN(endTime) ? 0 : endTime - startTime;
    const e = makeEntry(PerformanceMeasure.prototype, `${name}`, "measure", startTime, duration, detail);
    entries.push(e);
    return e;
  },
  setResourceTimingBufferSize() { perfCheck(this); },
  toJSON() { perfCheck(this); return { timeOrigin: 0 }; },
};

function clearEntries(type, name) {
  const n = name === undefined ? undefined : `${name}`;
  for (let i = entries.length - 1; i >= 0; i--) {
    const s = entries[i][kEntry];
    if (s.entryType === type && (n === undefined || s.name === n)) entries.splice(i, 1);
  }
}

// workerd has mark/measure and the entry classes with enable_global_performance_classes (or
// nodejs_compat from 2026-03-17); they are always here.
function makePerformance() {
  const proto = Performance.prototype;
  defineMethods(proto, perfBasics);
  defineMethods(proto, perfTimeline);
  Object.defineProperty(proto, Symbol.for("nodejs.util.inspect.custom"), {
    value(depth, options, inspect) {
      return this?.[kPerformance] === true ? resourceInspect(this, depth, options, inspect) : this;
    },
    writable: true, configurable: true,
  });
  const p = Object.create(proto);
  Object.defineProperty(p, kPerformance, { value: true });
  return p;
}

// ---- Cloudflare --------------------------------------------------------------------------

const CloudflareClass = class Cloudflare {};
Object.defineProperty(CloudflareClass.prototype, Symbol.toStringTag, { value: "Cloudflare", configurable: true });

function makeCloudflare() {
  const cf = new CloudflareClass();
  const flags = Object.freeze(Object.assign(Object.create(null), compatEnabled()));
  Object.defineProperty(cf, "compatibilityFlags", { value: flags, writable: false, enumerable: true, configurable: true });
  return cf;
}

// ---- install -----------------------------------------------------------------------------

export { Navigator, Performance, PerformanceEntry, PerformanceMark, PerformanceMeasure };

export function installMisc(g) {
  // ES2024's Promise.withResolvers, which workerd's V8 has and ours (10.9) predates.
  if (typeof Promise.withResolvers !== "function") {
    Object.defineProperty(Promise, "withResolvers", {
      value: function withResolvers() {
        let resolve, reject;
        const promise = new this((res, rej) => { resolve = res; reject = rej; });
        return { promise, resolve, reject };
      },
      writable: true, configurable: true,
    });
  }
  const cls = (name, value) => Object.defineProperty(g, name, { value, writable: true, enumerable: false, configurable: true });
  const val = (name, value) => Object.defineProperty(g, name, { value, writable: true, enumerable: true, configurable: true });
  cls("Navigator", Navigator);
  cls("Performance", Performance);
  // Globals whose shape depends on the worker's compatibility flags are made on first use: the
  // flags are configured after the runtime has installed its globals.
  lazy(g, "navigator", () => (compat("global_navigator") ? makeNavigator() : undefined));
  cls("PerformanceEntry", PerformanceEntry);
  cls("PerformanceMark", PerformanceMark);
  cls("PerformanceMeasure", PerformanceMeasure);
  val("performance", makePerformance());
  lazy(g, "Cloudflare", () => makeCloudflare());
  Object.defineProperty(g, "origin", { value: "null", writable: false, enumerable: true, configurable: true });
}

// lazy defines g[name] as an accessor that, on first read, becomes a plain data property holding
// make()'s value; writing it first just sets the value.
function lazy(g, name, make) {
  Object.defineProperty(g, name, {
    get() {
      const value = make();
      Object.defineProperty(g, name, { value, writable: true, enumerable: true, configurable: true });
      return value;
    },
    set(value) {
      Object.defineProperty(g, name, { value, writable: true, enumerable: true, configurable: true });
    },
    enumerable: true,
    configurable: true,
  });
}
