// node:_stream_transform — Node's legacy alias for stream.Transform.
import { Transform } from "node:stream";

export { Transform };
export default Transform;
