// node-internal:fs_vfs — the virtual file system node:fs sees, shaped as workerd's: a read-only
// root holding /bundle (the worker's modules, read-only), /tmp (writable, fresh for every
// request) and /dev (null, zero, full, random). Errors carry workerd's codes, syscalls and
// wording, which differ per operation (checked against the workerd binary).

import { codeError } from "node-internal:errors";

const internals = () => globalThis[Symbol.for("nanod.internals")];

// workerd's blob size limit bounds one file; the same figure bounds all of /tmp together so a
// worker cannot grow the isolate's memory without end through many files.
export const FILE_LIMIT = 128 * 1024 * 1024;
export const TMP_LIMIT = 128 * 1024 * 1024;
const SYMLINK_DEPTH = 256;

export const errnos = {
  EPERM: -1, ENOENT: -2, EIO: -5, EBADF: -9, EACCES: -13, EEXIST: -17, ENOTDIR: -20, EISDIR: -21,
  EINVAL: -22, ENOSYS: -38, ENOTEMPTY: -39, ELOOP: -40,
};
const descriptions = {
  EPERM: "operation not permitted", ENOENT: "no such file or directory", EIO: "i/o error",
  EBADF: "bad file descriptor", EACCES: "permission denied", EEXIST: "file already exists",
  ENOTDIR: "not a directory", EISDIR: "illegal operation on a directory", EINVAL: "invalid argument",
  ENOSYS: "function not implemented", ENOTEMPTY: "directory not empty",
  ELOOP: "too many symbolic links encountered",
};

// fsError is the error workerd's native file system throws: a plain Error with own syscall,
// code and (when known) path; the message names the path only when there is one and no custom
// wording.
export function fsError(code, syscall, path, message) {
  const msg = message ?? (path !== undefined ? `${descriptions[code]}, ${syscall} '${path}'` : descriptions[code]);
  const e = new Error(msg);
  e.syscall = syscall;
  e.code = code;
  if (path !== undefined) e.path = path;
  return e;
}

// UVException is the error workerd's JS layer throws (access, stat, chmod, copyFile's
// COPYFILE_EXCL …): code, name, syscall, errno and path as own properties, and toString naming
// the code.
class UVException extends Error {
  constructor(code, syscall, path, dest) {
    let msg = `${descriptions[code]}, ${syscall}`;
    if (path !== undefined) msg += ` '${path}'`;
    if (dest !== undefined) msg += ` -> '${dest}'`;
    super(msg);
    this.code = code;
    this.name = "Error";
    this.syscall = syscall;
    this.errno = errnos[code];
    if (path !== undefined) this.path = path;
    if (dest !== undefined) this.dest = dest;
  }
  toString() { return `${this.name} [${this.code}]: ${this.message}`; }
}
export const uvError = (code, syscall, path, dest) => new UVException(code, syscall, path, dest);

export const unsupported = () => codeError(Error, "ERR_UNSUPPORTED_OPERATION", "The requested operation is unsupported");

// Children keep workerd's listing order: appended on creation, and a removal moves the last
// entry into the hole.
class Children {
  names = [];
  map = new Map();
  get(n) { return this.map.get(n); }
  has(n) { return this.map.has(n); }
  set(n, node) {
    if (!this.map.has(n)) this.names.push(n);
    this.map.set(n, node);
  }
  delete(n) {
    if (!this.map.has(n)) return;
    this.map.delete(n);
    const i = this.names.indexOf(n);
    const last = this.names.pop();
    if (i < this.names.length) this.names[i] = last;
  }
  get size() { return this.names.length; }
  keys() { return this.names.slice(); }
}

let inoSeq = 0;
function mkdir(writable) { return { type: "dir", children: new Children(), writable, mtime: 0, id: ++inoSeq }; }
function mkfile(data, writable) { return { type: "file", data, size: data.length, writable, mtime: 0, id: ++inoSeq }; }
function mkdev(kind) { return { type: "dev", kind, writable: true, mtime: 0, id: ++inoSeq }; }
export function mksymlink(target) { return { type: "symlink", target, writable: true, mtime: 0, id: ++inoSeq }; }

let root = null;
let tmpUsed = 0;
let seq = -1;
let bundleDir = null;
export const fds = new Map();
export const counters = { fd: 3, tmp: 0 };

function b64bytes(s) {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function makeBundle() {
  const dir = mkdir(false);
  for (const { name, data } of internals()?.bundle ?? []) {
    const parts = String(name).split("/").filter((p) => p && p !== ".");
    let d = dir;
    for (let i = 0; i < parts.length - 1; i++) {
      let next = d.children.get(parts[i]);
      if (!next) { next = mkdir(false); d.children.set(parts[i], next); }
      if (next.type !== "dir") break;
      d = next;
    }
    const last = parts[parts.length - 1];
    if (last && !d.children.has(last)) d.children.set(last, mkfile(b64bytes(data ?? ""), false));
  }
  return dir;
}

// current returns the root for this request, making a fresh /tmp when a
// new request has begun.
export function current() {
  const s = internals()?.requestSeq ?? 0;
  if (root && s === seq) return root;
  seq = s;
  bundleDir ??= makeBundle();
  root = mkdir(false);
  root.children.set("bundle", bundleDir);
  root.children.set("tmp", mkdir(true));
  const dev = mkdir(false);
  for (const k of ["null", "zero", "full", "random"]) dev.children.set(k, mkdev(k));
  root.children.set("dev", dev);
  tmpUsed = 0;
  // Descriptor numbers and mkdtemp's counter run on across requests, as in workerd; descriptors
  // of the last request's /tmp files go with it (their bytes are no longer accounted for).
  for (const [fd, f] of fds) if (f.node.writable && f.node.type !== "dev") fds.delete(fd);
  return root;
}

// split turns an absolute, normalized path into its components.
export function split(path) { return path.split("/").filter(Boolean); }

// lookup finds the node at path (absolute, normalized). follow: resolve a symlink at the end.
// Returns { node, parent, name } with node undefined when the last component is missing;
// throws ENOENT (as workerd) when an intermediate component is missing or not a directory.
export function lookup(path, follow, syscall, depth = 0) {
  if (depth > SYMLINK_DEPTH) throw fsError("ELOOP", syscall, undefined, "symlink depth exceeded");
  const parts = split(path);
  let node = current();
  let parent = null;
  let name = "";
  const walked = [];
  for (let i = 0; i < parts.length; i++) {
    if (node.type === "symlink") {
      const r = lookup(absolutize(node.target, walked.slice(0, -1)), true, syscall, depth + 1);
      node = r.node;
    }
    if (!node || node.type !== "dir") return { missingParent: true, notDir: !!node, parent: null, name: parts[i] };
    parent = node;
    name = parts[i];
    node = node.children.get(name);
    walked.push(name);
    if (!node && i < parts.length - 1) return { missingParent: true, parent: null, name: parts[i + 1] };
  }
  if (follow && node?.type === "symlink") {
    const r = lookup(absolutize(node.target, walked.slice(0, -1)), true, syscall, depth + 1);
    return { node: r.node, parent: r.parent, name: r.name, missingParent: r.missingParent, real: r.real };
  }
  return { node, parent, name, real: "/" + walked.join("/") };
}

function absolutize(target, dirParts) {
  const t = String(target);
  const parts = t.startsWith("/") ? [] : dirParts.slice();
  for (const p of t.split("/")) {
    if (!p || p === ".") continue;
    if (p === "..") parts.pop();
    else parts.push(p);
  }
  return "/" + parts.join("/");
}

// realpath resolves every symlink along path; a dangling link resolves to its target, as in
// workerd.
export function realpath(path, depth = 0) {
  if (depth > SYMLINK_DEPTH) throw fsError("ELOOP", "realpath", undefined, "symlink depth exceeded");
  const parts = split(path);
  let node = current();
  const out = [];
  for (let i = 0; i < parts.length; i++) {
    if (!node || node.type !== "dir") return "/" + out.concat(parts.slice(i)).join("/");
    node = node.children.get(parts[i]);
    if (node?.type === "symlink") {
      const resolved = realpath(absolutize(node.target, out), depth + 1);
      out.length = 0;
      out.push(...split(resolved));
      const r = lookup(resolved, true, "realpath");
      node = r.node;
    } else out.push(parts[i]);
  }
  return "/" + out.join("/");
}

// Writing grows /tmp: account for it, and refuse past the per-file and total limits.
export function resize(node, size, syscall) {
  if (size > FILE_LIMIT || size - node.size + tmpUsed > TMP_LIMIT) {
    throw fsError("EPERM", syscall, undefined, "File size limit exceeded");
  }
  if (size > node.data.length) {
    const grown = new Uint8Array(Math.min(FILE_LIMIT, Math.max(size, node.data.length * 2, 64)));
    grown.set(node.data.subarray(0, node.size));
    node.data = grown;
  } else if (size < node.size) {
    node.data.fill(0, size, node.size);
  }
  tmpUsed += size - node.size;
  node.size = size;
}

export function newFile(data, syscall) {
  if (data.length > FILE_LIMIT || data.length + tmpUsed > TMP_LIMIT) {
    throw fsError("EPERM", syscall, undefined, "File size limit exceeded");
  }
  tmpUsed += data.length;
  return mkfile(data, true);
}
export const newDir = () => mkdir(true);

// release returns a removed node's bytes to the /tmp budget once nothing links to it.
export function release(node) {
  if (node.type === "file" && node.writable) {
    node.links = (node.links ?? 1) - 1;
    if (node.links <= 0) {
      tmpUsed -= node.size;
      node.size = 0;
      node.data = new Uint8Array(0);
    }
  } else if (node.type === "dir") {
    for (const n of node.children.keys()) release(node.children.get(n));
  }
}

export function fileBytes(node) {
  return node.type === "file" ? node.data.subarray(0, node.size) : new Uint8Array(0);
}

export const codeErr = codeError;
