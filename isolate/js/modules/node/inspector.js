// node:inspector — no debugger attaches to workerd through this API: open/close/url and
// waitForDebugger do nothing, sessions cannot be made.
import { StubSession, Network, console } from "node-internal:inspector";

export { Network, console };
export const Session = StubSession;
export function close() {}
export function open(port, host, wait) {
  return { [Symbol.dispose]() {} };
}
export function url() {}
export function waitForDebugger() {}

export default { Network, Session, close, console, open, url, waitForDebugger };
