// node:readline — no terminal on workerd: an Interface never reads a line, and the cursor
// helpers do nothing and answer false.
import { Interface, createInterface as create, Readline } from "node-internal:readline";

export { Interface };
export function createInterface(input, output, completer, terminal) {
  return create(input, output, completer, terminal);
}
export function clearLine(stream, dir, callback) { return false; }
export function clearScreenDown(stream, callback) { return false; }
export function cursorTo(stream, x, y, callback) { return false; }
export function moveCursor(stream, dx, dy, callback) { return false; }
export function emitKeypressEvents(stream, iface) {}
for (const f of [createInterface, clearLine, clearScreenDown, cursorTo, moveCursor, emitKeypressEvents]) {
  Object.defineProperty(f, "length", { value: 0 });
}
export const promises = Object.assign(Object.create(null), { Interface, Readline, createInterface });

export default { Interface, clearLine, clearScreenDown, createInterface, cursorTo, emitKeypressEvents, moveCursor, promises };
