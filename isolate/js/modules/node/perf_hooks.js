// node:perf_hooks — the global Performance API (workerd's), with Node's extras: constants,
// timerify, and event-loop figures that are zero (there is no event loop to watch).
import { stub, notImplemented } from "node-internal:stubs";

const illegal = (name) => ({ [name]: class { constructor() { throw new TypeError("Illegal constructor"); } } })[name];

export const Performance = globalThis.Performance ?? illegal("Performance");
export const PerformanceEntry = globalThis.PerformanceEntry ?? illegal("PerformanceEntry");
export const PerformanceMark = globalThis.PerformanceMark ?? illegal("PerformanceMark");
export const PerformanceMeasure = globalThis.PerformanceMeasure ?? illegal("PerformanceMeasure");
export const PerformanceObserver = globalThis.PerformanceObserver ?? illegal("PerformanceObserver");
export const PerformanceObserverEntryList = globalThis.PerformanceObserverEntryList ?? illegal("PerformanceObserverEntryList");
export const PerformanceResourceTiming = globalThis.PerformanceResourceTiming ?? illegal("PerformanceResourceTiming");
export const performance = globalThis.performance;

export const constants = {
  NODE_PERFORMANCE_GC_MAJOR: 4, NODE_PERFORMANCE_GC_MINOR: 1, NODE_PERFORMANCE_GC_INCREMENTAL: 8,
  NODE_PERFORMANCE_GC_WEAKCB: 16, NODE_PERFORMANCE_GC_FLAGS_NO: 0, NODE_PERFORMANCE_GC_FLAGS_CONSTRUCT_RETAINED: 2,
  NODE_PERFORMANCE_GC_FLAGS_FORCED: 4, NODE_PERFORMANCE_GC_FLAGS_SYNCHRONOUS_PHANTOM_PROCESSING: 8,
  NODE_PERFORMANCE_GC_FLAGS_ALL_AVAILABLE_GARBAGE: 16, NODE_PERFORMANCE_GC_FLAGS_ALL_EXTERNAL_MEMORY: 32,
  NODE_PERFORMANCE_GC_FLAGS_SCHEDULE_IDLE: 64, NODE_PERFORMANCE_ENTRY_TYPE_GC: 0, NODE_PERFORMANCE_ENTRY_TYPE_HTTP: 1,
  NODE_PERFORMANCE_ENTRY_TYPE_HTTP2: 2, NODE_PERFORMANCE_ENTRY_TYPE_NET: 3, NODE_PERFORMANCE_ENTRY_TYPE_DNS: 4,
  NODE_PERFORMANCE_MILESTONE_TIME_ORIGIN_TIMESTAMP: 0, NODE_PERFORMANCE_MILESTONE_TIME_ORIGIN: 1,
  NODE_PERFORMANCE_MILESTONE_ENVIRONMENT: 2, NODE_PERFORMANCE_MILESTONE_NODE_START: 3,
  NODE_PERFORMANCE_MILESTONE_V8_START: 4, NODE_PERFORMANCE_MILESTONE_LOOP_START: 5,
  NODE_PERFORMANCE_MILESTONE_LOOP_EXIT: 6, NODE_PERFORMANCE_MILESTONE_BOOTSTRAP_COMPLETE: 7,
};

export function eventLoopUtilization(utilization1, utilization2) {
  return { idle: 0, active: 0, utilization: 0 };
}
export function timerify(fn, options = undefined) {
  return fn;
}
export const createHistogram = stub("createHistogram");
export const monitorEventLoopDelay = stub("monitorEventLoopDelay");
void notImplemented;

export default {
  Performance, PerformanceEntry, PerformanceMark, PerformanceMeasure, PerformanceObserver,
  PerformanceObserverEntryList, PerformanceResourceTiming, constants, createHistogram, eventLoopUtilization,
  monitorEventLoopDelay, performance, timerify,
};
