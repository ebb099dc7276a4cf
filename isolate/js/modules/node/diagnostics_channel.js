// node:diagnostics_channel — named publish/subscribe channels, as Node has them: one Channel per
// name, subscribers called synchronously in order, stores bound to channels (runStores), and
// TracingChannel's start/end/asyncStart/asyncEnd/error quintets.

import { ERR_INVALID_ARG_TYPE as invalidArg } from "node-internal:errors";

function checkFunction(fn, name) {
  if (typeof fn !== "function") throw invalidArg(name, "function", fn);
}

// A subscriber's exception must not stop the publisher: it surfaces later, uncaught.
function reportLater(err) {
  queueMicrotask(() => {
    throw err;
  });
}

const channels = new Map();

// Channel objects come only from channel(): their name stays private, and hasSubscribers is a
// method (both as in workerd, where Node has a name property and a getter).
let constructing = false;

export class Channel {
  #name;
  #subscribers = [];
  #stores = new Map();
  constructor(name) {
    if (!constructing) throw new TypeError("Illegal constructor");
    this.#name = name;
  }
  static [Symbol.hasInstance](v) {
    return v !== null && typeof v === "object" && #subscribers in v;
  }
  hasSubscribers() {
    return this.#subscribers.length > 0 || this.#stores.size > 0;
  }
  publish(data) {
    for (const fn of this.#subscribers) {
      try {
        fn(data, this.#name);
      } catch (err) {
        reportLater(err);
      }
    }
  }
  subscribe(subscription) {
    if (typeof subscription !== "function") {
      throw new TypeError("Failed to execute 'subscribe' on 'Channel': parameter 1 is not of type 'function'.");
    }
    this.#subscribers = [...this.#subscribers, subscription];
  }
  unsubscribe(subscription) {
    const i = this.#subscribers.indexOf(subscription);
    if (i !== -1) this.#subscribers = [...this.#subscribers.slice(0, i), ...this.#subscribers.slice(i + 1)];
  }
  bindStore(store, transform) {
    if (transform !== undefined) checkFunction(transform, "transform");
    this.#stores.set(store, transform);
  }
  unbindStore(store) {
    return this.#stores.delete(store);
  }
  // runStores enters every bound store with its transformed data, publishes, and runs fn inside.
  runStores(data, fn, thisArg, ...args) {
    let run = () => {
      this.publish(data);
      return Reflect.apply(fn, thisArg, args);
    };
    for (const [store, transform] of this.#stores) {
      const next = run;
      let value = data;
      if (transform) {
        try {
          value = transform(data);
        } catch (err) {
          reportLater(err);
          continue;
        }
      }
      run = () => store.run(value, next);
    }
    return run();
  }
}

export function channel(name) {
  let ch = channels.get(name);
  if (ch === undefined) {
    constructing = true;
    try {
      ch = new Channel(name);
    } finally {
      constructing = false;
    }
    channels.set(name, ch);
  }
  return ch;
}

export function hasSubscribers(name) {
  const ch = channels.get(name);
  return ch ? ch.hasSubscribers() : false;
}

export function subscribe(name, subscription) {
  channel(name).subscribe(subscription);
}

export function unsubscribe(name, subscription) {
  return channel(name).unsubscribe(subscription);
}

const traceEvents = ["start", "end", "asyncStart", "asyncEnd", "error"];

export class TracingChannel {
  #ch = {};
  constructor(nameOrChannels) {
    if (typeof nameOrChannels === "string") {
      for (const ev of traceEvents) this.#ch[ev] = channel(`tracing:${nameOrChannels}:${ev}`);
    } else if (nameOrChannels !== null && typeof nameOrChannels === "object") {
      for (const ev of traceEvents) {
        const ch = nameOrChannels[ev];
        if (!(ch instanceof Channel)) throw invalidArg(`channels.${ev}`, "Channel", ch);
        this.#ch[ev] = ch;
      }
    } else {
      throw invalidArg("channels", "object", nameOrChannels);
    }
  }
  get start() { return this.#ch.start; }
  get end() { return this.#ch.end; }
  get asyncStart() { return this.#ch.asyncStart; }
  get asyncEnd() { return this.#ch.asyncEnd; }
  get error() { return this.#ch.error; }
  subscribe(handlers) {
    for (const ev of traceEvents) if (handlers[ev]) this[ev].subscribe(handlers[ev]);
  }
  unsubscribe(handlers) {
    for (const ev of traceEvents) if (handlers[ev]) this[ev].unsubscribe(handlers[ev]);
  }
  traceSync(fn, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers()) return Reflect.apply(fn, thisArg, args);
    const { start, end, error } = this;
    return start.runStores(context, () => {
      try {
        const result = Reflect.apply(fn, thisArg, args);
        context.result = result;
        return result;
      } catch (err) {
        context.error = err;
        error.publish(context);
        throw err;
      } finally {
        end.publish(context);
      }
    });
  }
  tracePromise(fn, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers()) return Reflect.apply(fn, thisArg, args);
    const { start, end, asyncStart, asyncEnd, error } = this;
    const reject = (err) => {
      context.error = err;
      error.publish(context);
      asyncStart.publish(context);
      asyncEnd.publish(context);
      return Promise.reject(err);
    };
    const resolve = (result) => {
      context.result = result;
      asyncStart.publish(context);
      asyncEnd.publish(context);
      return result;
    };
    return start.runStores(context, () => {
      try {
        let promise = Reflect.apply(fn, thisArg, args);
        if (!(promise instanceof Promise)) promise = Promise.resolve(promise);
        return promise.then(resolve, reject);
      } catch (err) {
        context.error = err;
        error.publish(context);
        throw err;
      } finally {
        end.publish(context);
      }
    });
  }
  traceCallback(fn, position = -1, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers()) return Reflect.apply(fn, thisArg, args);
    const { start, end, asyncStart, asyncEnd, error } = this;
    const callback = args.at(position);
    checkFunction(callback, "callback");
    function wrapped(err, res) {
      if (err) {
        context.error = err;
        error.publish(context);
      } else {
        context.result = res;
      }
      return asyncStart.runStores(context, () => {
        try {
          return Reflect.apply(callback, this, arguments);
        } finally {
          asyncEnd.publish(context);
        }
      });
    }
    args.splice(position, 1, wrapped);
    return start.runStores(context, () => {
      try {
        return Reflect.apply(fn, thisArg, args);
      } catch (err) {
        context.error = err;
        error.publish(context);
        throw err;
      } finally {
        end.publish(context);
      }
    });
  }
  hasSubscribers() {
    return traceEvents.some((ev) => this.#ch[ev].hasSubscribers());
  }
}

export function tracingChannel(nameOrChannels) {
  return new TracingChannel(nameOrChannels);
}

export default { Channel, channel, hasSubscribers, subscribe, tracingChannel, unsubscribe };
