// node:v8 — workerd exposes no engine internals: statistics read as zeros, serialization and
// heap snapshots throw ERR_METHOD_NOT_IMPLEMENTED, and argument checks are Node's.
import { ERR_INVALID_ARG_TYPE } from "node-internal:errors";
import { stub, stubs, notImplemented } from "node-internal:stubs";

export function cachedDataVersionTag() {
  return 0;
}
export function getHeapStatistics() {
  return {
    total_heap_size: 0, total_heap_size_executable: 0, total_physical_size: 0, total_available_size: 0,
    used_heap_size: 0, heap_size_limit: 0, malloced_memory: 0, peak_malloced_memory: 0, does_zap_garbage: 0,
    number_of_native_contexts: 0, number_of_detached_contexts: 0, total_global_handles_size: 0,
    used_global_handles_size: 0, external_memory: 0, total_allocated_bytes: 0,
  };
}
export function getHeapSpaceStatistics() {
  return [];
}
export function getHeapCodeStatistics() {
  return { code_and_metadata_size: 0, bytecode_and_metadata_size: 0, external_script_source_size: 0, cpu_profiler_metadata_size: 0 };
}
export function getCppHeapStatistics(detailLevel = "detailed") {
  return { committed_size_bytes: 0, resident_size_bytes: 0, used_size_bytes: 0, space_statistics: [], type_names: [], detail_level: detailLevel };
}
export const getHeapSnapshot = stub("getHeapSnapshot");
export const writeHeapSnapshot = stub("writeHeapSnapshot", 1);
export function setFlagsFromString(flags) {
  if (typeof flags !== "string") throw ERR_INVALID_ARG_TYPE("flags", "string", flags);
  throw notImplemented("setFlagsFromString");
}
export function setHeapSnapshotNearHeapLimit(limit) {
  if (typeof limit !== "number") throw ERR_INVALID_ARG_TYPE("limit", "number", limit);
  throw notImplemented("setHeapSnapshotNearHeapLimit");
}
export function isStringOneByteRepresentation(content) {
  if (typeof content !== "string") throw ERR_INVALID_ARG_TYPE("content", "string", content);
  throw notImplemented("isStringOneByteRepresentation");
}
export function queryObjects(constructor, options = undefined) {
  if (typeof constructor !== "function") throw ERR_INVALID_ARG_TYPE("constructor", "Function", constructor);
  throw notImplemented("queryObjects");
}
export const serialize = stub("serialize", 1);
export const deserialize = stub("deserialize", 1);
export const takeCoverage = stub("takeCoverage");
export const stopCoverage = stub("stopCoverage");
export const promiseHooks = stubs("promiseHooks", ["createHook", "onInit", "onBefore", "onAfter", "onSettled"]);
export const startupSnapshot = {
  ...stubs("startupSnapshot", ["addSerializeCallback", "addDeserializeCallback", "setDeserializeMainFunction"]),
  isBuildingSnapshot() { return false; },
};

export class Serializer {
  constructor() {
    throw notImplemented("Serializer");
  }
}
for (const m of ["writeHeader", "writeValue", "releaseBuffer", "transferArrayBuffer", "writeUint32", "writeUint64",
  "writeDouble", "writeRawBytes", "_getDataCloneError", "_getSharedArrayBufferId",
  "_setTreatArrayBufferViewsAsHostObjects", "_writeHostObject"]) {
  Serializer.prototype[m] = stub(m, 0, `Serializer.${m}`);
}
export class Deserializer {
  constructor(buffer) {
    throw notImplemented("Deserializer");
  }
}
for (const m of ["readHeader", "readValue", "transferArrayBuffer", "getWireFormatVersion", "readUint32", "readUint64",
  "readDouble", "readRawBytes", "_readHostObject"]) {
  Deserializer.prototype[m] = stub(m, 0, `Deserializer.${m}`);
}
export class DefaultSerializer extends Serializer {}
export class DefaultDeserializer extends Deserializer {
  constructor(buffer) {
    super(buffer);
  }
}
export class GCProfiler {
  start() { throw notImplemented("GCProfiler.start"); }
  stop() { throw notImplemented("GCProfiler.stop"); }
}

export default {
  cachedDataVersionTag, getHeapStatistics, getHeapSpaceStatistics, getHeapCodeStatistics, getCppHeapStatistics,
  getHeapSnapshot, writeHeapSnapshot, setFlagsFromString, setHeapSnapshotNearHeapLimit, isStringOneByteRepresentation,
  queryObjects, serialize, deserialize, takeCoverage, stopCoverage, promiseHooks, startupSnapshot, Serializer,
  Deserializer, DefaultSerializer, DefaultDeserializer, GCProfiler,
};
