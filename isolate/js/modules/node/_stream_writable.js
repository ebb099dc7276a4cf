// node:_stream_writable — Node's legacy alias for stream.Writable.
import { Writable } from "node:stream";

export { Writable };
export const WritableState = Writable.WritableState;
export const fromWeb = Writable.fromWeb;
export const toWeb = Writable.toWeb;
export default Writable;
