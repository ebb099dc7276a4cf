// ECMAScript additions newer than this build's V8 (10.9) that workerd's V8 has. Installed when
// this module is evaluated, before the other runtime modules (main.js imports it first).
installESNext(globalThis);

function installESNext(g) {
  if (typeof g.Promise.withResolvers !== "function") {
    // Promise.withResolvers (ES2024): a new promise of this constructor with its resolving functions.
    const withResolvers = {
      withResolvers() {
        let resolve, reject;
        const promise = new this((res, rej) => { resolve = res; reject = rej; });
        return { promise, resolve, reject };
      },
    }.withResolvers;
    Object.defineProperty(g.Promise, "withResolvers", { value: withResolvers, writable: true, configurable: true, enumerable: false });
  }
  // The well-known symbols of explicit resource management, so that [Symbol.dispose]() methods
  // (Timeout, Immediate) have their proper key; `using` itself needs a newer V8.
  for (const name of ["dispose", "asyncDispose"]) {
    if (typeof g.Symbol[name] !== "symbol") {
      Object.defineProperty(g.Symbol, name, { value: g.Symbol(`Symbol.${name}`), writable: false, enumerable: false, configurable: false });
    }
  }
}
