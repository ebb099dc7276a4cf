// node:repl — workerd has no interactive input: REPLServer and start throw
// ERR_METHOD_NOT_IMPLEMENTED.
import { Interface } from "node-internal:readline";
import { stub, notImplemented, builtinModules as list } from "node-internal:stubs";

export const REPL_MODE_SLOPPY = Symbol("repl-sloppy");
export const REPL_MODE_STRICT = Symbol("repl-strict");
export const builtinModules = list.filter((m) => !m.startsWith("_"));
export const _builtinLibs = builtinModules;

export class REPLServer extends Interface {
  constructor() {
    super();
    throw notImplemented("REPLServer");
  }
  setupHistory() { throw notImplemented("REPLServer.setupHistory"); }
  defineCommand() { throw notImplemented("REPLServer.defineCommand"); }
  displayPrompt() { throw notImplemented("REPLServer.displayPrompt"); }
  clearBufferedCommand() { throw notImplemented("REPLServer.clearBufferedCommand"); }
}

export class Recoverable extends SyntaxError {
  constructor(err) {
    super();
    this.err = err;
  }
}

export const start = stub("start");
export const writer = stub("writer");

export default { REPLServer, REPL_MODE_SLOPPY, REPL_MODE_STRICT, Recoverable, _builtinLibs, builtinModules, start, writer };
