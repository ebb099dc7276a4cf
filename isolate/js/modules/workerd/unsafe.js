// workerd:unsafe — workerd's test-only controls. It exists with the "unsafe_module"
// compatibility flag, as in workerd. nanod has no Durable Objects yet, so the Durable Object
// controls have nothing to act on: the bulk ones resolve at once and evict() rejects.
const internals = globalThis[Symbol.for("nanod.internals")];

if (!internals?.compatFlags?.includes("unsafe_module")) {
  throw new Error('No such module "workerd:unsafe".');
}

function invalidStub(method) {
  return new TypeError(`Failed to execute '${method}' on 'UnsafeModule': parameter 1 is not of type 'Fetcher'.`);
}

class UnsafeModule {
  /** Aborts every Durable Object (in-memory state is lost); resolves when done. */
  abortAllDurableObjects() { return Promise.resolve(); }

  /** Like abortAllDurableObjects(), and also deletes their storage and alarms. */
  deleteAllDurableObjects() { return Promise.resolve(); }

  /** Gracefully evicts the Durable Object behind stub. nanod has none, so no stub is valid. */
  evict(stub, options) {
    void options;
    return Promise.reject(invalidStub("evict"));
  }

  /** Gracefully evicts every running Durable Object. */
  evictAllDurableObjects(options) {
    void options;
    return Promise.resolve();
  }

  /** Whether workerd's TEST_WORKERD autogate is on; nanod has no autogates. */
  isTestAutogateEnabled() { return false; }

  /**
   * How many times workerd's GC found a wrapper being resurrected while condemned (a MessagePort
   * peer reached through its weak reference during sweeping). nanod's API objects are plain JS
   * objects, held strongly: that window does not exist, so the count is always 0.
   */
  getCondemnedWrapperCount() { return 0; }

  /** Whether the isolate started from a V8 startup snapshot; nanod's never do. */
  startedFromStartupSnapshot() { return false; }
}

export default new UnsafeModule();
