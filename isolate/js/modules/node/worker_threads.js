// node:worker_threads — workerd runs one thread: this is the main thread, with no parent port,
// and Worker / BroadcastChannel cannot be constructed. Environment data is kept per isolate.
import { EventEmitter } from "node:events";
import { stub, notImplemented } from "node-internal:stubs";

export const isMainThread = true;
export const isInternalThread = false;
export const parentPort = null;
export const resourceLimits = {};
export const threadId = 0;
export const workerData = null;
export const SHARE_ENV = Symbol.for("nodejs.worker_threads.SHARE_ENV");

export class Worker extends EventEmitter {
  constructor() {
    super();
    throw notImplemented("Worker");
  }
  cpuUsage() { throw notImplemented("Worker.cpuUsage"); }
  postMessage() { throw notImplemented("Worker.postMessage"); }
  postMessageToThread() { throw notImplemented("Worker.postMessageToThread"); }
  ref() { throw notImplemented("Worker.ref"); }
  unref() { throw notImplemented("Worker.unref"); }
  terminate() { throw notImplemented("Worker.terminate"); }
  getHeapSnapshot() { throw notImplemented("Worker.getHeapSnapshot"); }
  getHeapStatistics() { throw notImplemented("Worker.getHeapStatistics"); }
  startCpuProfile() { throw notImplemented("Worker.startCpuProfile"); }
  startHeapProfile() { throw notImplemented("Worker.startHeapProfile"); }
}

export class BroadcastChannel {
  constructor() {
    throw notImplemented("BroadcastChannel");
  }
}

// MessageChannel and MessagePort are the global ones where the runtime has them.
export const MessageChannel = globalThis.MessageChannel ?? class MessageChannel {
  constructor() { throw notImplemented("MessageChannel"); }
};
export const MessagePort = globalThis.MessagePort ?? class MessagePort {
  constructor() { throw new TypeError("Illegal constructor"); }
};

const environmentData = new Map();
export function getEnvironmentData(key) {
  return environmentData.get(key);
}
export function setEnvironmentData(key, value) {
  if (value === undefined) environmentData.delete(key);
  else environmentData.set(key, value);
}

// Nothing is ever transferred between threads here, so marks are not kept (as in workerd).
export function markAsUntransferable(object) {}
export function isMarkedAsUntransferable(object) {
  return false;
}
export function markAsUncloneable(object) {}
export function moveMessagePortToContext(port, contextifiedSandbox) {
  throw new TypeError("Illegal constructor");
}
export function receiveMessageOnPort(port) {
  return undefined;
}
export const postMessageToThread = stub("postMessageToThread", 4);

export default {
  BroadcastChannel, MessageChannel, MessagePort, SHARE_ENV, Worker, getEnvironmentData, isInternalThread,
  isMainThread, isMarkedAsUntransferable, markAsUncloneable, markAsUntransferable, moveMessagePortToContext,
  parentPort, postMessageToThread, receiveMessageOnPort, resourceLimits, setEnvironmentData, threadId, workerData,
};
