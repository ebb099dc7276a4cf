// node:_stream_duplex — Node's legacy alias for stream.Duplex.
import { Duplex } from "node:stream";

export { Duplex };
export const from = Duplex.from;
export const fromWeb = Duplex.fromWeb;
export const toWeb = Duplex.toWeb;
export default Duplex;
