// node:_stream_readable — Node's legacy alias for stream.Readable.
import { Readable } from "node:stream";

export { Readable };
export const ReadableState = Readable.ReadableState;
export const from = Readable.from;
export const fromWeb = Readable.fromWeb;
export const toWeb = Readable.toWeb;
export const wrap = (...args) => Readable.prototype.wrap.apply(new Readable(), args);
export default Readable;
