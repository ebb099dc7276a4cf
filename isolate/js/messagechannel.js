// MessageChannel and MessagePort as workerd has them (api/messagechannel.{h,c++}): two entangled
// ports in one isolate. workerd departs from the HTML standard in ways user code can see, and
// nanod follows workerd:
//  - postMessage() structured-clones the message at once (so a DataCloneError is thrown
//    synchronously, even when the peer is closed) and delivers it to the peer in a microtask,
//    not a task; transfer lists must be empty ("Transfer list is not supported").
//  - a port is started by setting onmessage or by adding a "message" listener; when the last
//    one goes away it queues again until a new one comes.
//  - close() closes both ports and fires "close" at each (the peer first).
//  - if a message listener throws (without spec_compliant_dispatch_exceptions), a second
//    "message" event carries the exception as its data.
import { EventTarget, Event, dispatch, markTrusted, publicClass, illegalInvocation, onListenerCount, listenerCount, getEventHandler, setEventHandler } from "./events.js";
import { newMessageEvent } from "./websocket.js";
import { serializeTransient, deserialize, registerHost } from "./clone.js";
import { compat } from "./misc.js";
import { whenConfigured } from "./host.js";

const PENDING = 0, STARTED = 1, CLOSED = 2;

let portState; // (port) => its state, or throws Illegal invocation
let newPort; // () => a MessagePort (its constructor is not public)
const kCreate = Symbol("create");

const isObject = (v) => v !== null && (typeof v === "object" || typeof v === "function");

class MessagePortImpl extends EventTarget {
  #s;
  constructor(key) {
    if (key !== kCreate) throw new TypeError("Illegal constructor");
    super();
    // queue holds messages that arrived before the port was started.
    this.#s = { state: PENDING, queue: [], other: null, onmessage: null };
    onListenerCount(this, (type, count) => {
      if (type !== "message") return;
      const s = this.#s;
      if (s.state === PENDING && (count > 0 || s.onmessage !== null)) start(this);
      else if (s.state === STARTED && count === 0 && s.onmessage === null) s.state = PENDING;
    });
  }
  static {
    portState = (p) => {
      if (!isObject(p) || !(#s in p)) throw illegalInvocation();
      return p.#s;
    };
    newPort = () => new MessagePortImpl(kCreate);
  }

  postMessage(data = undefined, options = undefined) {
    const s = portState(this);
    let transfer;
    if (options !== undefined && options !== null) {
      if (!isObject(options)) {
        throw new TypeError("Failed to execute 'postMessage' on 'MessagePort': parameter 2 is not of type 'Array or PostMessageOptions'.");
      }
      if (Array.isArray(options)) {
        transfer = options;
      } else {
        transfer = options.transfer;
        if (transfer !== undefined && !Array.isArray(transfer)) {
          throw new TypeError("Incorrect type for the 'transfer' field on 'PostMessageOptions': the provided value is not of type 'Array'.");
        }
      }
    }
    if (transfer !== undefined && transfer.length > 0) throw new Error("Transfer list is not supported");
    // Serialize first: a value that cannot be cloned throws even if nobody would receive it.
    let value, peer = null;
    try {
      serializeTransient(data, false, (bytes) => {
        // (A getter run by the serializer may have closed the port: read `other` only now.)
        peer = s.other;
        if (peer !== null) value = deserialize(bytes);
      });
    } catch (e) {
      throw sabError(e);
    }
    if (peer !== null) deliver(peer, value);
  }

  close() {
    close(this);
  }

  start() {
    start(this);
  }

  get onmessage() { portState(this); return getEventHandler(this, "message"); }
  set onmessage(v) {
    const s = portState(this);
    setEventHandler(this, "message", v);
    if (!isObject(v)) {
      s.onmessage = null;
      // No handler left: queue again until one comes.
      if (listenerCount(this, "message") === 0) s.state = PENDING;
    } else {
      s.onmessage = v;
      start(this);
    }
  }
}

// workerd's serializer accepts a SharedArrayBuffer and MessagePort then refuses it with a
// TypeError; ours refuses it while serializing (a DataCloneError), which this turns into workerd's.
function sabError(e) {
  if (e?.name === "DataCloneError" && e.message === "#<SharedArrayBuffer> could not be cloned.") {
    return new TypeError("SharedArrayBuffer is unsupported with MessagePort");
  }
  return e;
}

function start(port) {
  const s = portState(port);
  if (s.state !== PENDING) return;
  const list = s.queue;
  s.queue = [];
  s.state = STARTED;
  if (list.length === 0) return;
  // What was queued is delivered in one microtask, in order.
  queueMicrotask(() => {
    for (const v of list) dispatchMessage(port, v);
  });
}

function deliver(port, value) {
  const s = portState(port);
  if (s.state === PENDING) s.queue.push(value);
  else if (s.state === STARTED) queueMicrotask(() => dispatchMessage(port, value));
  // A closed port drops it.
}

function dispatchMessage(port, value) {
  try {
    dispatch(port, newMessageEvent("message", value, { source: port }));
  } catch (e) {
    // A listener threw (and the exception propagates, without spec_compliant_dispatch_exceptions):
    // the exception is delivered as a message in turn; if that throws too, it propagates.
    dispatch(port, newMessageEvent("message", e, { source: port }));
  }
}

function close(port) {
  const s = portState(port);
  if (s.state === CLOSED) return;
  s.state = CLOSED;
  s.queue = [];
  const peer = s.other;
  s.other = null;
  if (peer !== null) close(peer);
  dispatch(port, markTrusted(new Event("close")));
}

const MessagePort = publicClass(MessagePortImpl, "MessagePort", { constructible: false });

class MessageChannelImpl {
  constructor() {
    const port1 = newPort(), port2 = newPort();
    portState(port1).other = port2;
    portState(port2).other = port1;
    // Own read-only properties, in workerd's order.
    Object.defineProperty(this, "port2", { value: port2, writable: false, enumerable: true, configurable: true });
    Object.defineProperty(this, "port1", { value: port1, writable: false, enumerable: true, configurable: true });
  }
}
const MessageChannel = publicClass(MessageChannelImpl, "MessageChannel");

export { MessageChannel, MessagePort };

// installMessageChannel makes the classes globals under expose_global_message_channel (on by
// default from 2025-08-15), as workerd does.
export function installMessageChannel(g) {
  // A port cannot be cloned, global or not.
  registerHost(MessagePortImpl.prototype, "MessagePort");
  registerHost(MessageChannelImpl.prototype, "MessageChannel");
  const def = (name, value) => Object.defineProperty(g, name, { value, writable: true, enumerable: false, configurable: true });
  def("MessageChannel", MessageChannel);
  def("MessagePort", MessagePort);
  // The flags are known only once the worker is configured.
  whenConfigured(() => {
    if (compat("expose_global_message_channel")) return;
    for (const name of ["MessageChannel", "MessagePort"]) {
      const d = Object.getOwnPropertyDescriptor(g, name);
      if (d !== undefined && (d.value === MessageChannel || d.value === MessagePort)) delete g[name];
    }
  });
}
