// Globals and class details that depend on the worker's compatibility flags, settled once they
// are known (the runtime installs every global before configure runs):
//   - Symbol.toStringTag on the Web API classes, a plain value from set_tostring_tag's date on
//     and absent before it (workerd's JSG classes);
//   - WeakRef and FinalizationRegistry only with enable_weak_ref;
//   - the Performance classes only with enable_global_performance_classes.
import { whenConfigured } from "./host.js";
import { compat } from "./misc.js";

const TAGGED = [
  "AbortController", "AbortSignal", "Blob", "ByteLengthQueuingStrategy", "Cache", "CacheStorage",
  "CloseEvent", "CompressionStream", "CountQueuingStrategy", "CustomEvent", "DOMException",
  "DecompressionStream", "ErrorEvent", "Event", "EventSource", "EventTarget", "ExtendableEvent", "File",
  "FixedLengthStream", "FormData", "Headers", "IdentityTransformStream", "MessageChannel", "MessageEvent",
  "MessagePort", "Navigator", "PromiseRejectionEvent", "ReadableByteStreamController", "ReadableStream", "ReadableStreamBYOBReader",
  "ReadableStreamBYOBRequest", "ReadableStreamDefaultController", "ReadableStreamDefaultReader", "Request",
  "Response", "TextDecoder", "TextDecoderStream", "TextEncoder", "TextEncoderStream", "TransformStream",
  "TransformStreamDefaultController", "URL", "URLPattern", "URLSearchParams", "WebSocket", "WebSocketPair",
  "WritableStream", "WritableStreamDefaultController", "WritableStreamDefaultWriter", "HTMLRewriter",
];

export function installGating(g) {
  whenConfigured(() => {
    const tag = compat("set_tostring_tag");
    for (const name of TAGGED) {
      let C;
      try {
        C = g[name]; // (some globals settle on first read, which the flags now allow)
      } catch {
        continue;
      }
      const proto = typeof C === "function" ? C.prototype : undefined;
      if (!proto || !Object.prototype.hasOwnProperty.call(proto, Symbol.toStringTag)) continue;
      delete proto[Symbol.toStringTag];
      if (tag) Object.defineProperty(proto, Symbol.toStringTag, { value: name, configurable: true });
    }
    if (!compat("enable_weak_ref")) {
      delete g.WeakRef;
      delete g.FinalizationRegistry;
    }
    if (!compat("enable_global_performance_classes")) {
      for (const name of ["Performance", "PerformanceEntry", "PerformanceMark", "PerformanceMeasure", "PerformanceObserver", "PerformanceObserverEntryList", "PerformanceResourceTiming"]) {
        delete g[name];
      }
    }
  });
}
