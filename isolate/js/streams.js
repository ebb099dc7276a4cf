// ReadableStream with a default controller and reader: the core that request and response
// bodies use. (WritableStream, TransformStream, byte streams and BYOB readers extend this file.)

const kState = Symbol("state");

class ReadableStreamDefaultController {
  constructor(stream, hwm) {
    this[kState] = { stream, queue: [], hwm, closeRequested: false, pulling: false, pullAgain: false, started: false };
  }
  get desiredSize() {
    const s = this[kState].stream[kState];
    if (s.state === "errored") return null;
    if (s.state === "closed") return 0;
    return this[kState].hwm - this[kState].queue.length;
  }
  enqueue(chunk) {
    const c = this[kState];
    const s = c.stream[kState];
    if (c.closeRequested || s.state !== "readable") throw new TypeError("Cannot enqueue to a closed or errored stream");
    if (s.readRequests.length > 0) s.readRequests.shift().resolve({ value: chunk, done: false });
    else c.queue.push(chunk);
    callPull(this);
  }
  close() {
    const c = this[kState];
    const s = c.stream[kState];
    if (c.closeRequested || s.state !== "readable") throw new TypeError("Cannot close a closed or errored stream");
    c.closeRequested = true;
    if (c.queue.length === 0) closeStream(c.stream);
  }
  error(e) {
    errorStream(this[kState].stream, e);
  }
}

function closeStream(stream) {
  const s = stream[kState];
  if (s.state !== "readable") return;
  s.state = "closed";
  for (const r of s.readRequests.splice(0)) r.resolve({ value: undefined, done: true });
  s.closed.resolve();
}

function errorStream(stream, e) {
  const s = stream[kState];
  if (s.state !== "readable") return;
  s.state = "errored";
  s.storedError = e;
  s.controller[kState].queue = [];
  for (const r of s.readRequests.splice(0)) r.reject(e);
  s.closed.reject(e);
}

function callPull(controller) {
  const c = controller[kState];
  const s = c.stream[kState];
  if (!c.started || c.closeRequested || s.state !== "readable" || !c.source.pull) return;
  if (c.queue.length >= c.hwm && s.readRequests.length === 0) return;
  if (c.pulling) { c.pullAgain = true; return; }
  c.pulling = true;
  Promise.resolve().then(() => c.source.pull.call(c.sourceThis, controller)).then(() => {
    c.pulling = false;
    if (c.pullAgain) { c.pullAgain = false; callPull(controller); }
  }, (e) => errorStream(c.stream, e));
}

function deferred() {
  let resolve, reject;
  const promise = new Promise((a, b) => { resolve = a; reject = b; });
  return { promise, resolve, reject };
}

export class ReadableStream {
  constructor(source = {}, strategy = {}) {
    const hwm = strategy.highWaterMark === undefined ? 1 : Number(strategy.highWaterMark);
    if (Number.isNaN(hwm) || hwm < 0) throw new RangeError("Invalid highWaterMark");
    const closed = deferred();
    closed.promise.catch(() => {});
    this[kState] = { state: "readable", reader: null, readRequests: [], storedError: undefined, closed, disturbed: false };
    const controller = new ReadableStreamDefaultController(this, hwm);
    this[kState].controller = controller;
    const c = controller[kState];
    c.source = { pull: source.pull, cancel: source.cancel };
    c.sourceThis = source;
    Promise.resolve(source.start ? source.start.call(source, controller) : undefined).then(() => {
      c.started = true;
      callPull(controller);
    }, (e) => errorStream(this, e));
  }
  get locked() { return this[kState].reader !== null; }
  getReader(options) {
    if (options && options.mode !== undefined) throw new TypeError("BYOB readers are not supported by this stream");
    if (this.locked) throw new TypeError("ReadableStream is locked");
    return new ReadableStreamDefaultReader(this);
  }
  cancel(reason) {
    if (this.locked) return Promise.reject(new TypeError("ReadableStream is locked"));
    return cancelStream(this, reason);
  }
  tee() {
    const reader = this.getReader();
    let c1, c2;
    const pull = async () => {
      const { value, done } = await reader.read();
      if (done) { try { c1.close(); } catch {} try { c2.close(); } catch {} return; }
      try { c1.enqueue(value); } catch {}
      try { c2.enqueue(value); } catch {}
    };
    const a = new ReadableStream({ start(c) { c1 = c; }, pull });
    const b = new ReadableStream({ start(c) { c2 = c; }, pull });
    return [a, b];
  }
  async pipeTo(dest, options = {}) {
    const reader = this.getReader();
    const writer = dest.getWriter();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        await writer.write(value);
      }
      if (!options.preventClose) await writer.close();
    } catch (e) {
      if (!options.preventAbort) await writer.abort(e).catch(() => {});
      throw e;
    } finally {
      reader.releaseLock();
      writer.releaseLock();
    }
  }
  pipeThrough(transform, options) {
    this.pipeTo(transform.writable, options).catch(() => {});
    return transform.readable;
  }
  async *values(options = {}) {
    const reader = this.getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      if (!options.preventCancel) reader.cancel().catch(() => {});
      reader.releaseLock();
    }
  }
  [Symbol.asyncIterator](options) { return this.values(options); }
}

function cancelStream(stream, reason) {
  const s = stream[kState];
  s.disturbed = true;
  if (s.state === "closed") return Promise.resolve();
  if (s.state === "errored") return Promise.reject(s.storedError);
  closeStream(stream);
  const c = s.controller[kState];
  c.queue = [];
  return Promise.resolve(c.source.cancel ? c.source.cancel.call(c.sourceThis, reason) : undefined).then(() => undefined);
}

export class ReadableStreamDefaultReader {
  constructor(stream) {
    if (!(stream instanceof ReadableStream)) throw new TypeError("ReadableStreamDefaultReader needs a ReadableStream");
    if (stream.locked) throw new TypeError("ReadableStream is locked");
    this[kState] = { stream };
    stream[kState].reader = this;
  }
  get closed() {
    const st = this[kState].stream;
    return st ? st[kState].closed.promise : Promise.reject(new TypeError("reader released"));
  }
  read() {
    const stream = this[kState].stream;
    if (!stream) return Promise.reject(new TypeError("This reader has been released"));
    const s = stream[kState];
    s.disturbed = true;
    if (s.state === "closed") return Promise.resolve({ value: undefined, done: true });
    if (s.state === "errored") return Promise.reject(s.storedError);
    const c = s.controller[kState];
    if (c.queue.length > 0) {
      const value = c.queue.shift();
      if (c.closeRequested && c.queue.length === 0) closeStream(stream);
      else callPull(s.controller);
      return Promise.resolve({ value, done: false });
    }
    const d = deferred();
    s.readRequests.push(d);
    callPull(s.controller);
    return d.promise;
  }
  cancel(reason) {
    const stream = this[kState].stream;
    if (!stream) return Promise.reject(new TypeError("This reader has been released"));
    return cancelStream(stream, reason);
  }
  releaseLock() {
    const stream = this[kState].stream;
    if (!stream) return;
    const s = stream[kState];
    for (const r of s.readRequests.splice(0)) r.reject(new TypeError("Reader was released"));
    s.reader = null;
    this[kState].stream = null;
  }
}

export function isDisturbed(stream) { return stream[kState].disturbed; }

export function installStreams(g) {
  const def = (name, value) => Object.defineProperty(g, name, { value, writable: true, configurable: true });
  def("ReadableStream", ReadableStream);
  def("ReadableStreamDefaultReader", ReadableStreamDefaultReader);
  def("ReadableStreamDefaultController", ReadableStreamDefaultController);
}
