// node:cluster — a single primary with no workers: forking and setup throw
// ERR_METHOD_NOT_IMPLEMENTED; a Worker object is inert.
import { EventEmitter } from "node:events";
import { stub } from "node-internal:stubs";

export const SCHED_NONE = 1;
export const SCHED_RR = 2;

export class Worker extends EventEmitter {
  constructor(options) {
    super();
    this._connected = false;
    this.id = 0;
  }
  // A worker that never ran: dead, unconnected, sends nothing.
  get process() { return globalThis.process; }
  get exitedAfterDisconnect() { return false; }
  isConnected() { return false; }
  isDead() { return true; }
  send() { return false; }
  kill() {}
  destroy() {}
  disconnect() { return this; }
}

export const disconnect = stub("disconnect", 1, "cluster.disconnect");
export const fork = stub("fork", 1, "cluster.fork");
export const setupMaster = stub("setupMaster", 1, "cluster.setupWorker");
export const setupPrimary = stub("setupPrimary", 1, "cluster.setupPrimary");

export class Cluster extends EventEmitter {
  constructor() {
    super();
    this.Worker = Worker;
    this.isMaster = true;
    this.isPrimary = true;
    this.isWorker = false;
    this.SCHED_NONE = SCHED_NONE;
    this.SCHED_RR = SCHED_RR;
    this.schedulingPolicy = SCHED_RR;
    this.settings = {};
    this.workers = {};
  }
  setupPrimary(settings) { return setupPrimary(settings); }
  setupMaster(settings) { return setupMaster(settings); }
  disconnect(cb) { return disconnect(cb); }
  fork(env) { return fork(env); }
}

const cluster = new Cluster();
export const { isMaster, isPrimary, isWorker, schedulingPolicy, settings, workers } = cluster;
export const _events = cluster._events;
export const _eventsCount = cluster._eventsCount;
export const _maxListeners = cluster._maxListeners ?? 0;

export default cluster;
