// TextEncoderStream and TextDecoderStream: TransformStreams around TextEncoder/TextDecoder.
import { TextEncoder, TextDecoder } from "./encoding.js";

export class TextEncoderStream {
  #ts;
  constructor() {
    const enc = new TextEncoder();
    let pending = ""; // a high surrogate held back until its pair arrives
    this.#ts = new TransformStream({
      transform(chunk, c) {
        let s = pending + String(chunk);
        pending = "";
        const last = s.charCodeAt(s.length - 1);
        if (last >= 0xd800 && last <= 0xdbff) {
          pending = s.slice(-1);
          s = s.slice(0, -1);
        }
        if (s.length > 0) c.enqueue(enc.encode(s));
      },
      flush(c) {
        if (pending) c.enqueue(enc.encode(pending));
      },
    });
  }
  get encoding() { return "utf-8"; }
  get readable() { return this.#ts.readable; }
  get writable() { return this.#ts.writable; }
}

export class TextDecoderStream {
  #ts;
  #dec;
  constructor(label = "utf-8", options = undefined) {
    // TextDecoderStreamInit: null means the defaults here (unlike TextDecoder's options).
    if (options === null) options = undefined;
    if (options !== undefined && typeof options !== "object" && typeof options !== "function") {
      throw new TypeError("Failed to construct 'TextDecoderStream': constructor parameter 2 is not of type 'TextDecoderStreamInit'.");
    }
    const dec = new TextDecoder(label, options);
    this.#dec = dec;
    this.#ts = new TransformStream({
      transform(chunk, c) {
        if (!(chunk instanceof ArrayBuffer || ArrayBuffer.isView(chunk) ||
          (typeof SharedArrayBuffer !== "undefined" && chunk instanceof SharedArrayBuffer))) {
          throw new TypeError("This TransformStream is being used as a byte stream, but received a value that is not a BufferSource.");
        }
        const s = dec.decode(chunk, { stream: true });
        if (s) c.enqueue(s);
      },
      flush(c) {
        const s = dec.decode();
        if (s) c.enqueue(s);
      },
    });
  }
  get encoding() { return this.#dec.encoding; }
  get fatal() { return this.#dec.fatal; }
  get ignoreBOM() { return this.#dec.ignoreBOM; }
  get readable() { return this.#ts.readable; }
  get writable() { return this.#ts.writable; }
}

for (const C of [TextEncoderStream, TextDecoderStream]) {
  Object.defineProperty(C.prototype, Symbol.toStringTag, { value: C.name, configurable: true });
}

export function installEncodingStreams(g) {
  const def = (name, value) => Object.defineProperty(g, name, { value, writable: true, configurable: true });
  def("TextEncoderStream", TextEncoderStream);
  def("TextDecoderStream", TextDecoderStream);
}
