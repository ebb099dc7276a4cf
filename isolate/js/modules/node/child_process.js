// node:child_process — workerd has no processes: the API exists so packages load, and every
// operation throws ERR_METHOD_NOT_IMPLEMENTED (after Node's argument checks where workerd makes
// them first).
import { EventEmitter } from "node:events";
import { ERR_INVALID_ARG_TYPE } from "node-internal:errors";
import { stub, notImplemented } from "node-internal:stubs";

export class ChildProcess extends EventEmitter {
  constructor() {
    super();
    throw notImplemented("child_process.ChildProcess");
  }
  kill() { throw notImplemented("child_process.ChildProcess.kill"); }
  send() { throw notImplemented("child_process.ChildProcess.send"); }
  disconnect() { throw notImplemented("child_process.ChildProcess.disconnect"); }
  unref() { throw notImplemented("child_process.ChildProcess.unref"); }
  ref() { throw notImplemented("child_process.ChildProcess.ref"); }
  [Symbol.dispose]() { throw notImplemented("child_process.ChildProcess[Symbol.dispose]"); }
}

export const _forkChild = stub("_forkChild", 2, "child_process._forkChild");
export function exec(command, options, callback) {
  if (typeof command !== "string") throw ERR_INVALID_ARG_TYPE("command", "string", command);
  // As in workerd, options are not shifted when a callback takes their place.
  if (options !== undefined && (typeof options !== "object" || options === null)) {
    throw ERR_INVALID_ARG_TYPE("options", "object", options);
  }
  throw notImplemented("child_process.exec");
}
export const execFile = stub("execFile", 4, "child_process.execFile");
export const execFileSync = stub("execFileSync", 3, "child_process.execFileSync");
export const execSync = stub("execSync", 2, "child_process.execSync");
export const fork = stub("fork", 3, "child_process.fork");
export const spawn = stub("spawn", 0, "child_process.spawn");
export function spawnSync(command, args, options) {
  if (typeof command !== "string") throw ERR_INVALID_ARG_TYPE("command", "string", command);
  throw notImplemented("child_process.spawnSync");
}

export default { ChildProcess, _forkChild, exec, execFile, execFileSync, execSync, fork, spawn, spawnSync };
