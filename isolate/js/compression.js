// CompressionStream and DecompressionStream ("gzip", "deflate", "deflate-raw"): TransformStreams
// whose work is done in Go (isolate/compression.go).
import { native } from "./native.js";

const FORMAT_ERROR = "The compression format must be either 'deflate', 'deflate-raw' or 'gzip'.";
const CHUNK_ERROR = "The provided value is not of type '(ArrayBuffer or ArrayBufferView)'.";

function isBufferSource(chunk) {
  return chunk instanceof ArrayBuffer || ArrayBuffer.isView(chunk) ||
    (typeof SharedArrayBuffer !== "undefined" && chunk instanceof SharedArrayBuffer);
}

function checkFormat(ctor, args) {
  if (args.length < 1) throw new TypeError(`Failed to construct '${ctor}': constructor parameter 1 is not of type 'string'.`);
  const format = String(args[0]);
  if (format !== "gzip" && format !== "deflate" && format !== "deflate-raw") throw new TypeError(FORMAT_ERROR);
  return format;
}

// As workerd's (which buffers inside the stream), a write completes without a pending read
// until this much output waits unread.
const OUTPUT_BUFFER = { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength };

// Streams dropped without being closed or canceled free their Go side when collected.
const registry = new FinalizationRegistry((id) => native.zClose(id));

export class CompressionStream {
  #ts;
  constructor(...args) {
    const format = checkFormat("CompressionStream", args);
    const id = native.zCreate(format, false);
    let done = false;
    const close = () => { if (!done) { done = true; native.zClose(id); } };
    const transformer = {
      transform(chunk, c) {
        if (!isBufferSource(chunk)) { close(); throw new TypeError(CHUNK_ERROR); }
        const out = native.zCompress(id, chunk);
        if (out !== null) c.enqueue(out);
      },
      flush(c) {
        done = true;
        const out = native.zFinish(id);
        if (out !== null) c.enqueue(out);
      },
      cancel: close,
    };
    this.#ts = new TransformStream(transformer, undefined, OUTPUT_BUFFER);
    // The transformer lives as long as either side of the stream can still use it.
    registry.register(transformer, id);
  }
  get readable() { return this.#ts.readable; }
  get writable() { return this.#ts.writable; }
}

export class DecompressionStream {
  #ts;
  constructor(...args) {
    const format = checkFormat("DecompressionStream", args);
    const id = native.zCreate(format, true);
    let done = false;
    const close = () => { if (!done) { done = true; native.zClose(id); } };
    // push hands input (or null: the end) to the decompressor and enqueues all it produces.
    const push = async (input, c) => {
      try {
        let out = await native.zDecompress(id, input);
        for (;;) {
          if (out !== null) c.enqueue(out);
          if (!native.zMore(id)) break;
          out = await native.zDecompress(id, undefined);
        }
      } catch (e) {
        done = true; // the Go side ended the stream
        throw e;
      }
    };
    const transformer = {
      transform(chunk, c) {
        if (!isBufferSource(chunk)) { close(); throw new TypeError(CHUNK_ERROR); }
        return push(chunk, c);
      },
      async flush(c) {
        await push(null, c);
        done = true;
      },
      cancel: close,
    };
    this.#ts = new TransformStream(transformer, undefined, OUTPUT_BUFFER);
    // The transformer lives as long as either side of the stream can still use it.
    registry.register(transformer, id);
  }
  get readable() { return this.#ts.readable; }
  get writable() { return this.#ts.writable; }
}

for (const C of [CompressionStream, DecompressionStream]) {
  Object.defineProperty(C.prototype, Symbol.toStringTag, { value: C.name, configurable: true });
}

export function installCompression(g) {
  const def = (name, value) => Object.defineProperty(g, name, { value, writable: true, configurable: true });
  def("CompressionStream", CompressionStream);
  def("DecompressionStream", DecompressionStream);
}
