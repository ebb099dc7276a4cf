// Shared by node:inspector and node:inspector/promises: there is no inspector session on
// workerd; console is the global console and Network's events throw.
import { EventEmitter } from "node:events";
import { stubs, notImplemented } from "node-internal:stubs";

export class StubSession extends EventEmitter {
  constructor() {
    super();
    throw notImplemented("Session");
  }
  connect() { throw notImplemented("Session.connect"); }
  connectToMainThread() { throw notImplemented("Session.connectToMainThread"); }
  disconnect() { throw notImplemented("Session.disconnect"); }
  post() { throw notImplemented("Session.post"); }
}

export const Network = stubs("Network", ["requestWillBeSent", "dataReceived", "dataSent", "responseReceived",
  "loadingFinished", "loadingFailed", "webSocketCreated", "webSocketHandshakeResponseReceived", "webSocketClosed"]);

const methods = ["debug", "error", "info", "log", "warn", "dir", "dirxml", "table", "trace", "group", "groupCollapsed",
  "groupEnd", "clear", "count", "countReset", "assert", "profile", "profileEnd", "time", "timeLog", "timeStamp"];
export const console = {};
for (const m of methods) console[m] = (...args) => globalThis.console[m]?.(...args);
