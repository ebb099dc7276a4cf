// node:wasi — not available on workerd: the class exists and constructing it throws.
import { notImplemented } from "node-internal:stubs";

export class WASI {
  constructor() {
    throw notImplemented("WASI");
  }
  finalizeBindings() { throw notImplemented("WASI.finalizeBindings"); }
  start() { throw notImplemented("WASI.start"); }
  initialize() { throw notImplemented("WASI.initialize"); }
  getImportObject() { throw notImplemented("WASI.getImportObject"); }
}

export default { WASI };
