// node:inspector/promises — as node:inspector, but here the inspector functions throw
// ERR_METHOD_NOT_IMPLEMENTED (workerd's choice).
import { StubSession, Network, console } from "node-internal:inspector";
import { stub } from "node-internal:stubs";

export { Network, console };
export const Session = StubSession;
export const close = stub("close", 0, "Inspector.close");
export const open = stub("open", 0, "Inspector.open");
export const url = stub("url", 0, "Inspector.url");
export const waitForDebugger = stub("waitForDebugger", 0, "Inspector.waitForDebugger");

export default { Network, Session, close, console, open, url, waitForDebugger };
