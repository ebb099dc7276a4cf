// node:_stream_passthrough — Node's legacy alias for stream.PassThrough.
import { PassThrough } from "node:stream";

export { PassThrough };
export default PassThrough;
