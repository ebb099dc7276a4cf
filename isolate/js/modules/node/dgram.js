// node:dgram — no UDP on workerd: sockets can be made (the type is checked as Node does), and
// they never bind, send or receive; every method is inert, as workerd's.
import { EventEmitter } from "node:events";
import { ERR_INVALID_ARG_TYPE } from "node-internal:errors";

export function Socket(type, listener) {
  EventEmitter.call(this);
  if ((typeof type !== "object" || type === null) && typeof type !== "string") {
    throw ERR_INVALID_ARG_TYPE("type", "object", type);
  }
}
Object.setPrototypeOf(Socket.prototype, EventEmitter.prototype);
Object.setPrototypeOf(Socket, EventEmitter);

const self = function () { return this; };
const none = function () {};
const zero = function () { return 0; };
const empty = function () { return {}; };
const methods = {
  bind: self, connect: none, disconnect: none, sendto: none, send: none, close: self, address: empty,
  remoteAddress: empty, setBroadcast: none, setTTL: none, setMulticastTTL: none, setMulticastLoopback: none,
  setMulticastInterface: none, addMembership: none, dropMembership: none, addSourceSpecificMembership: none,
  dropSourceSpecificMembership: none, ref: self, unref: self, setRecvBufferSize: none, setSendBufferSize: none,
  getRecvBufferSize: zero, getSendBufferSize: zero, getSendQueueSize: zero, getSendQueueCount: zero,
};
for (const [m, impl] of Object.entries(methods)) {
  const f = { [m]: function (...args) { return impl.apply(this, args); } }[m];
  Object.defineProperty(Socket.prototype, m, { value: f, writable: true, configurable: true });
}

export function createSocket(type, listener) {
  return new Socket(type, listener);
}

export default { Socket, createSocket };
