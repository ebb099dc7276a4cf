// UnsafeEval: workerd's unsafeEval binding (and the workerd:unsafe-eval module under the
// unsafe_module flag). Code it compiles does not see the caller's scope, and may use eval itself
// while it runs; after start-up that is the only way to compile code, as in workerd.

const compile = globalThis.__ext?.unsafeEval;

const paramError = (method, n, type) =>
  new TypeError(`Failed to execute '${method}' on 'UnsafeEval': parameter ${n} is not of type '${type}'.`);

const nameOf = (name, dflt) => (name === undefined ? dflt : `${name}`);

export class UnsafeEval {
  eval(script, name) {
    if (arguments.length < 1) throw paramError("eval", 1, "string");
    return compile(0, `${script}`, nameOf(name, "eval"));
  }

  newFunction(script, name, ...args) {
    if (arguments.length < 1) throw paramError("newFunction", 1, "string");
    return compile(1, `${script}`, nameOf(name, "anonymous"), args.map((a) => `${a}`));
  }

  newAsyncFunction(script, name, ...args) {
    if (arguments.length < 1) throw paramError("newAsyncFunction", 1, "string");
    const n = nameOf(name, "anonymous");
    // V8 has no API to compile an async function: compile a script that declares and yields one.
    return compile(0, `async function ${n}(${args.map((a) => `${a}`).join(",")}) {${script}}; ${n}`, n);
  }

  newWasmModule(bytes) {
    if (!ArrayBuffer.isView(bytes) && !(bytes instanceof ArrayBuffer)) {
      throw paramError("newWasmModule", 1, "ArrayBuffer or ArrayBufferView");
    }
    const view = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes;
    return compile(2, view);
  }
}
