// ECMAScript additions newer than this build's V8 (10.9) that workerd's V8 has.
export function installES2024(g) {
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
}
