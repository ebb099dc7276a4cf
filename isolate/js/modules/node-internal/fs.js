// node-internal:fs — node:fs's synchronous, callback and promise APIs over the virtual file
// system of node-internal:fs_vfs. node:fs and node:fs/promises re-export from here (one module,
// so the two can refer to each other without an import cycle).

import { Buffer } from "node:buffer";
import { Readable, Writable } from "node:stream";
import {
  ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_OUT_OF_RANGE, validateFunction, validateInt32, validateInteger,
  validateObject, nextTick, codeError,
} from "node-internal:errors";
import * as vfs from "node-internal:fs_vfs";
import * as glob_ from "node-internal:fs_glob";

const { fsError, uvError, fds, counters } = vfs;

// --- constants ---
export const constants = Object.freeze({
  UV_FS_SYMLINK_DIR: 1, UV_FS_SYMLINK_JUNCTION: 2, O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2,
  UV_DIRENT_UNKNOWN: 0, UV_DIRENT_FILE: 1, UV_DIRENT_DIR: 2, UV_DIRENT_LINK: 3, UV_DIRENT_FIFO: 4,
  UV_DIRENT_SOCKET: 5, UV_DIRENT_CHAR: 6, UV_DIRENT_BLOCK: 7, EXTENSIONLESS_FORMAT_JAVASCRIPT: 0,
  EXTENSIONLESS_FORMAT_WASM: 1, S_IFMT: 61440, S_IFREG: 32768, S_IFDIR: 16384, S_IFCHR: 8192,
  S_IFBLK: 24576, S_IFIFO: 4096, S_IFLNK: 40960, S_IFSOCK: 49152, O_CREAT: 64, O_EXCL: 128,
  UV_FS_O_FILEMAP: 0, O_NOCTTY: 256, O_TRUNC: 512, O_APPEND: 1024, O_DIRECTORY: 65536,
  O_NOATIME: 262144, O_NOFOLLOW: 131072, O_SYNC: 1052672, O_DSYNC: 4096, O_DIRECT: 16384,
  O_NONBLOCK: 2048, S_IRWXU: 448, S_IRUSR: 256, S_IWUSR: 128, S_IXUSR: 64, S_IRWXG: 56, S_IRGRP: 32,
  S_IWGRP: 16, S_IXGRP: 8, S_IRWXO: 7, S_IROTH: 4, S_IWOTH: 2, S_IXOTH: 1, F_OK: 0, R_OK: 4, W_OK: 2,
  X_OK: 1, UV_FS_COPYFILE_EXCL: 1, COPYFILE_EXCL: 1, UV_FS_COPYFILE_FICLONE: 2, COPYFILE_FICLONE: 2,
  UV_FS_COPYFILE_FICLONE_FORCE: 4, COPYFILE_FICLONE_FORCE: 4,
});
const C = constants;
export const { F_OK, R_OK, W_OK, X_OK } = C;

// --- arguments ---
function isBytes(v) { return ArrayBuffer.isView(v); }
function toBytes(v) { return new Uint8Array(v.buffer, v.byteOffset, v.byteLength); }

// normalizePath turns a path argument (string, Buffer, file: URL) into an absolute path;
// relative paths are relative to /bundle, workerd's working directory.
function normalizePath(p, name = "path") {
  if (p instanceof URL) {
    if (p.protocol !== "file:") throw Object.assign(new TypeError("The URL must be of scheme file"), { code: "ERR_INVALID_URL_SCHEME" });
    p = decodeURIComponent(p.pathname);
  } else if (isBytes(p)) p = Buffer.from(toBytes(p)).toString();
  else if (typeof p !== "string") throw ERR_INVALID_ARG_TYPE(name, ["string", "Buffer", "URL"], p);
  if (p.includes("\0")) throw ERR_INVALID_ARG_VALUE(name, p, "must not contain null bytes");
  const parts = p.startsWith("/") ? [] : ["bundle"];
  for (const s of p.split("/")) {
    if (!s || s === ".") continue;
    if (s === "..") parts.pop();
    else parts.push(s);
  }
  return "/" + parts.join("/");
}

function validateFd(fd) {
  if (typeof fd !== "number") throw ERR_INVALID_ARG_TYPE("fd", "number", fd);
  validateInt32(fd, "fd", 0);
  return fd;
}

const flagTable = {
  r: C.O_RDONLY, rs: C.O_RDONLY | C.O_SYNC, sr: C.O_RDONLY | C.O_SYNC, "r+": C.O_RDWR,
  "rs+": C.O_RDWR | C.O_SYNC, "sr+": C.O_RDWR | C.O_SYNC, w: C.O_TRUNC | C.O_CREAT | C.O_WRONLY,
  wx: C.O_TRUNC | C.O_CREAT | C.O_WRONLY | C.O_EXCL, xw: C.O_TRUNC | C.O_CREAT | C.O_WRONLY | C.O_EXCL,
  "w+": C.O_TRUNC | C.O_CREAT | C.O_RDWR, "wx+": C.O_TRUNC | C.O_CREAT | C.O_RDWR | C.O_EXCL,
  "xw+": C.O_TRUNC | C.O_CREAT | C.O_RDWR | C.O_EXCL, a: C.O_APPEND | C.O_CREAT | C.O_WRONLY,
  ax: C.O_APPEND | C.O_CREAT | C.O_WRONLY | C.O_EXCL, xa: C.O_APPEND | C.O_CREAT | C.O_WRONLY | C.O_EXCL,
  as: C.O_APPEND | C.O_CREAT | C.O_WRONLY | C.O_SYNC, sa: C.O_APPEND | C.O_CREAT | C.O_WRONLY | C.O_SYNC,
  "a+": C.O_APPEND | C.O_CREAT | C.O_RDWR, "ax+": C.O_APPEND | C.O_CREAT | C.O_RDWR | C.O_EXCL,
  "xa+": C.O_APPEND | C.O_CREAT | C.O_RDWR | C.O_EXCL, "as+": C.O_APPEND | C.O_CREAT | C.O_RDWR | C.O_SYNC,
  "sa+": C.O_APPEND | C.O_CREAT | C.O_RDWR | C.O_SYNC,
};
function stringToFlags(flags, def = "r") {
  if (flags === undefined || flags === null) flags = def;
  if (typeof flags === "number") return flags;
  if (typeof flags !== "string" || !(flags in flagTable)) throw ERR_INVALID_ARG_VALUE("flags", flags);
  return flagTable[flags];
}

function getOptions(options, defaults) {
  if (options === undefined || options === null || typeof options === "function") return { ...defaults };
  if (typeof options === "string") return { ...defaults, encoding: options };
  if (typeof options !== "object") throw ERR_INVALID_ARG_TYPE("options", ["string", "Object"], options);
  return { ...defaults, ...options };
}
// typedOptions checks an options object's fields: bools and numbers name the fields of each
// type; a string stands for { encoding } when allowString.
function typedOptions(options, defaults, { bools = [], numbers = [], allowString = false } = {}) {
  if (options === undefined || options === null) return { ...defaults };
  if (typeof options === "string" && allowString) options = { encoding: options };
  validateObject(options, "options");
  for (const k of bools) if (options[k] !== undefined && typeof options[k] !== "boolean") throw ERR_INVALID_ARG_TYPE(`options.${k}`, "boolean", options[k]);
  for (const k of numbers) if (options[k] !== undefined && typeof options[k] !== "number") throw ERR_INVALID_ARG_TYPE(`options.${k}`, "number", options[k]);
  return { ...defaults, ...options };
}

function checkEncoding(enc) {
  if (enc && enc !== "buffer" && !Buffer.isEncoding(enc)) throw ERR_INVALID_ARG_VALUE("encoding", enc, "is invalid encoding");
}
function encode(bytes, enc) {
  const b = Buffer.from(bytes);
  return enc && enc !== "buffer" ? b.toString(enc) : b;
}
function dataBytes(data, enc, name = "data") {
  if (typeof data === "string") return new Uint8Array(Buffer.from(data, enc || "utf8"));
  if (isBytes(data)) return toBytes(data).slice();
  throw ERR_INVALID_ARG_TYPE(name, ["string", "Buffer", "TypedArray", "DataView"], data);
}
function getDate(t, name) {
  if (typeof t === "number") return t;
  if (typeof t === "bigint") return Number(t);
  if (typeof t === "string") return new Date(t).getTime();
  if (t instanceof Date) return t.getTime();
  throw ERR_INVALID_ARG_TYPE(name, ["string", "number", "bigint", "Date"], t);
}

// --- Stats and Dirent ---
const kNs = 1000000n;
function modeOf(node) {
  if (node.type === "dir") return C.S_IFDIR | (node.writable ? 0o666 : 0o444);
  if (node.type === "file") return C.S_IFREG | (node.writable ? 0o666 : 0o444);
  if (node.type === "symlink") return C.S_IFLNK | 0o444;
  return C.S_IFCHR | 0o666;
}
class StatsBase {
  isFile() { return (this.mode & C.S_IFMT) == C.S_IFREG; }
  isDirectory() { return (this.mode & C.S_IFMT) == C.S_IFDIR; }
  isSymbolicLink() { return (this.mode & C.S_IFMT) == C.S_IFLNK; }
  isCharacterDevice() { return (this.mode & C.S_IFMT) == C.S_IFCHR; }
  isBlockDevice() { return (this.mode & C.S_IFMT) == C.S_IFBLK; }
  isFIFO() { return (this.mode & C.S_IFMT) == C.S_IFIFO; }
  isSocket() { return (this.mode & C.S_IFMT) == C.S_IFSOCK; }
}
export class Stats extends StatsBase {
  constructor(dev, ino, mode, nlink, uid, gid, rdev, size, blksize, blocks, atimeMs, mtimeMs, ctimeMs, birthtimeMs) {
    super();
    Object.assign(this, { dev, ino, mode, nlink, uid, gid, rdev, size, blksize, blocks, atimeMs, mtimeMs, ctimeMs, birthtimeMs });
    this.atime = new Date(atimeMs);
    this.mtime = new Date(mtimeMs);
    this.ctime = new Date(ctimeMs);
    this.birthtime = new Date(birthtimeMs);
  }
}
class BigIntStats extends StatsBase {
  constructor(v) {
    super();
    for (const k of ["dev", "ino", "mode", "nlink", "uid", "gid", "rdev", "size", "blksize", "blocks", "atimeMs", "mtimeMs", "ctimeMs", "birthtimeMs"]) this[k] = BigInt(v[k]);
    for (const k of ["atime", "mtime", "ctime", "birthtime"]) this[`${k}Ns`] = BigInt(v[`${k}Ms`]) * kNs;
    for (const k of ["atime", "mtime", "ctime", "birthtime"]) this[k] = new Date(v[`${k}Ms`]);
  }
}
// Both kinds are instances of Stats, as in workerd.
Object.setPrototypeOf(BigIntStats.prototype, Stats.prototype);
BigIntStats.prototype.isFile = function () { return (this.mode & BigInt(C.S_IFMT)) === BigInt(C.S_IFREG); };
BigIntStats.prototype.isDirectory = function () { return (this.mode & BigInt(C.S_IFMT)) === BigInt(C.S_IFDIR); };
BigIntStats.prototype.isSymbolicLink = function () { return (this.mode & BigInt(C.S_IFMT)) === BigInt(C.S_IFLNK); };
BigIntStats.prototype.isCharacterDevice = function () { return (this.mode & BigInt(C.S_IFMT)) === BigInt(C.S_IFCHR); };
BigIntStats.prototype.isBlockDevice = () => false;
BigIntStats.prototype.isFIFO = () => false;
BigIntStats.prototype.isSocket = () => false;

function makeStats(node, bigint) {
  const v = {
    dev: node.type === "dev" ? 1 : 0, ino: 0, mode: modeOf(node), nlink: 1, uid: 0, gid: 0, rdev: 0,
    size: node.type === "file" ? node.size : 0, blksize: 0, blocks: 0,
    atimeMs: 0, mtimeMs: node.mtime, ctimeMs: node.mtime, birthtimeMs: 0,
  };
  if (bigint) return new BigIntStats(v);
  return new Stats(v.dev, v.ino, v.mode, v.nlink, v.uid, v.gid, v.rdev, v.size, v.blksize, v.blocks, v.atimeMs, v.mtimeMs, v.ctimeMs, v.birthtimeMs);
}

const kType = Symbol("type");
export class Dirent {
  constructor(name, type, parentPath) {
    this.name = name;
    this.parentPath = parentPath;
    this[kType] = type;
  }
  isDirectory() { return this[kType] === C.UV_DIRENT_DIR; }
  isFile() { return this[kType] === C.UV_DIRENT_FILE; }
  isBlockDevice() { return this[kType] === C.UV_DIRENT_BLOCK; }
  isCharacterDevice() { return this[kType] === C.UV_DIRENT_CHAR; }
  isSymbolicLink() { return this[kType] === C.UV_DIRENT_LINK; }
  isFIFO() { return this[kType] === C.UV_DIRENT_FIFO; }
  isSocket() { return this[kType] === C.UV_DIRENT_SOCKET; }
}
const direntType = (n) => ({ file: C.UV_DIRENT_FILE, dir: C.UV_DIRENT_DIR, symlink: C.UV_DIRENT_LINK, dev: C.UV_DIRENT_CHAR })[n.type];

// --- descriptors ---
function getFd(fd, syscall) {
  validateFd(fd);
  const f = fds.get(fd);
  if (!f) throw fsError("EBADF", syscall);
  return f;
}

// --- the synchronous API ---
export function existsSync(path) {
  try {
    const p = normalizePath(path);
    return !!vfs.lookup(p, true, "exists").node;
  } catch {
    return false;
  }
}

export function accessSync(path, mode = F_OK) {
  const p = normalizePath(path);
  if (mode !== undefined && mode !== null) validateInt32(mode, "mode", 0, 7);
  const { node } = vfs.lookup(p, true, "access");
  // workerd answers ENOENT for a mode the file does not grant (write to read-only, execute).
  if (!node || (mode & X_OK) || ((mode & W_OK) && !node.writable)) throw uvError("ENOENT", "access", p);
}

// statOptions: the stat family takes an options object only, its flags booleans.
function statOptions(options) {
  if (options === undefined || options === null) return { bigint: false, throwIfNoEntry: true };
  validateObject(options, "options");
  for (const k of ["bigint", "throwIfNoEntry"]) {
    if (options[k] !== undefined && typeof options[k] !== "boolean") throw ERR_INVALID_ARG_TYPE(`options.${k}`, "boolean", options[k]);
  }
  return { bigint: false, throwIfNoEntry: true, ...options };
}

function statNode(path, follow, syscall, options) {
  const p = normalizePath(path);
  const o = statOptions(options);
  const { node } = vfs.lookup(p, follow, syscall);
  if (!node) {
    if (o.throwIfNoEntry === false) return undefined;
    throw uvError("ENOENT", syscall, p);
  }
  return makeStats(node, o.bigint);
}
// A number where a path belongs is taken as a descriptor, as workerd does.
export const statSync = (path, options) => typeof path === "number" ? fstatSync(path, options) : statNode(path, true, "stat", options);
export const lstatSync = (path, options) => typeof path === "number" ? fstatSync(path, options) : statNode(path, false, "lstat", options);
export function fstatSync(fd, options) {
  validateFd(fd);
  const o = statOptions(options);
  const f = getFd(fd, "fstat");
  return makeStats(f.node, o.bigint);
}
export function statfsSync(path, options) {
  normalizePath(path);
  const o = getOptions(options, { bigint: false });
  const v = { type: 0, bsize: 0, blocks: 0, bfree: 0, bavail: 0, files: 0, ffree: 0 };
  if (o.bigint) for (const k in v) v[k] = 0n;
  return v;
}

export function openSync(path, flags, mode) {
  const p = normalizePath(path);
  const fl = stringToFlags(flags);
  if (mode !== undefined && mode !== null && typeof mode !== "number" && typeof mode !== "string") throw ERR_INVALID_ARG_TYPE("mode", ["number", "string"], mode);
  const write = (fl & 3) !== C.O_RDONLY || (fl & (C.O_TRUNC | C.O_APPEND)) !== 0;
  let { node, parent, name, missingParent } = vfs.lookup(p, true, "open");
  if (node) {
    if ((fl & C.O_CREAT) && (fl & C.O_EXCL)) throw fsError("EEXIST", "open", p);
    if (write && node.type === "dir") throw fsError("EISDIR", "open", p);
    if (write && !node.writable) throw fsError("EPERM", "open", p);
    if ((fl & C.O_TRUNC) && node.type === "file") vfs.resize(node, 0, "open");
  } else {
    if (!(fl & C.O_CREAT) || missingParent || !parent) throw fsError("ENOENT", "open", p);
    if (!parent.writable) throw fsError("EPERM", "open", p);
    node = vfs.newFile(new Uint8Array(0), "open");
    parent.children.set(name, node);
  }
  const fd = counters.fd++;
  fds.set(fd, { node, path: p, position: 0, append: (fl & C.O_APPEND) !== 0, flags: fl });
  return fd;
}

export function closeSync(fd) {
  validateFd(fd);
  fds.delete(fd);
}

function readInto(f, buf, off, len, pos) {
  const node = f.node;
  if (node.type === "dir") throw fsError("EISDIR", "read");
  if (node.type === "dev") {
    if (node.kind === "null") return 0;
    if (node.kind === "random") crypto.getRandomValues(buf.subarray(off, off + len));
    else buf.fill(0, off, off + len);
    return len;
  }
  const from = pos ?? f.position;
  const n = Math.max(0, Math.min(len, node.size - from));
  buf.set(node.data.subarray(from, from + n), off);
  if (pos === null || pos === undefined || pos < 0) f.position = from + n;
  return n;
}

function readArgs(fd, buffer, offsetOrOptions, length, position) {
  validateFd(fd);
  if (!isBytes(buffer)) throw ERR_INVALID_ARG_TYPE("buffer", ["Buffer", "TypedArray", "DataView"], buffer);
  let offset = offsetOrOptions;
  if (offsetOrOptions !== null && typeof offsetOrOptions === "object") {
    ({ offset = 0, length = buffer.byteLength - offset, position = null } = offsetOrOptions);
  }
  if (offset === undefined || offset === null) offset = 0;
  if (typeof offset !== "number") throw ERR_INVALID_ARG_TYPE("offset", "number", offset);
  if (length === undefined) length = buffer.byteLength - offset;
  if (typeof length !== "number") throw ERR_INVALID_ARG_TYPE("length", "number", length);
  if (!Number.isInteger(offset) || offset < 0) throw ERR_OUT_OF_RANGE("offset", `>= 0 && <= ${buffer.byteLength}`, offset);
  if (length < 0 || length > buffer.byteLength - offset) throw ERR_OUT_OF_RANGE("length", `<= ${buffer.byteLength - offset}`, length);
  if (typeof position === "bigint") position = Number(position);
  if (position !== null && position !== undefined && typeof position !== "number") throw ERR_INVALID_ARG_TYPE("position", ["integer", "bigint"], position);
  if (typeof position === "number" && position < 0) position = null;
  return { buf: toBytes(buffer), offset, length, position };
}

export function readSync(fd, buffer, offsetOrOptions, length, position) {
  const a = readArgs(fd, buffer, offsetOrOptions, length, position);
  const f = getFd(fd, "read");
  if (a.length === 0) return 0;
  return readInto(f, a.buf, a.offset, a.length, a.position);
}

export function readvSync(fd, buffers, position) {
  const f = getFd(fd, "read");
  if (!Array.isArray(buffers)) throw ERR_INVALID_ARG_TYPE("buffers", "ArrayBufferView[]", buffers);
  let total = 0;
  for (const b of buffers) {
    const n = readInto(f, toBytes(b), 0, b.byteLength, typeof position === "number" ? position + total : null);
    total += n;
    if (n < b.byteLength) break;
  }
  return total;
}

function writeBytes(f, bytes, pos, syscall) {
  const node = f.node;
  if (node.type === "dir") throw fsError("EISDIR", syscall);
  if (node.type === "dev") {
    if (node.kind === "full") throw fsError("EPERM", syscall);
    return bytes.length;
  }
  if (!node.writable) throw fsError("EPERM", syscall);
  const at = f.append ? node.size : (pos ?? f.position);
  const end = at + bytes.length;
  if (end > node.size) vfs.resize(node, end, syscall);
  node.data.set(bytes, at);
  if (pos === null || pos === undefined || f.append) f.position = end;
  return bytes.length;
}

export function writeSync(fd, buffer, offsetOrOptions, length, position) {
  validateFd(fd);
  let bytes;
  let pos = null;
  if (isBytes(buffer)) {
    let offset = offsetOrOptions;
    if (offsetOrOptions !== null && typeof offsetOrOptions === "object") ({ offset = 0, length, position = null } = offsetOrOptions);
    offset ??= 0;
    if (typeof offset !== "number") throw ERR_INVALID_ARG_TYPE("offset", "number", offset);
    if (offset < 0 || offset > buffer.byteLength) throw ERR_OUT_OF_RANGE("offset", `>= 0 && <= ${buffer.byteLength}`, offset);
    length ??= buffer.byteLength - offset;
    if (length < 0 || length > buffer.byteLength - offset) throw ERR_OUT_OF_RANGE("length", `>= 0 && <= ${buffer.byteLength - offset}`, length);
    bytes = toBytes(buffer).slice(offset, offset + length);
    pos = position;
  } else if (typeof buffer === "string") {
    bytes = new Uint8Array(Buffer.from(buffer, typeof length === "string" ? length : "utf8"));
    pos = offsetOrOptions;
  } else throw ERR_INVALID_ARG_TYPE("buffer", ["string", "Buffer", "TypedArray", "DataView"], buffer);
  if (typeof pos === "bigint") pos = Number(pos);
  if (typeof pos !== "number" || pos < 0) pos = null;
  const f = getFd(fd, "write");
  return writeBytes(f, bytes, pos, "write");
}

export function writevSync(fd, buffers, position) {
  if (!Array.isArray(buffers)) throw ERR_INVALID_ARG_TYPE("buffers", "ArrayBufferView[]", buffers);
  const f = getFd(fd, "write");
  let total = 0;
  for (const b of buffers) total += writeBytes(f, toBytes(b), typeof position === "number" ? position + total : null, "write");
  return total;
}

export function readFileSync(path, options) {
  const o = getOptions(options, { encoding: null, flag: "r" });
  checkEncoding(o.encoding);
  if (typeof path === "number") {
    const f = fds.get(path);
    if (!f) throw fsError("EBADF", "fread");
    if (f.node.type === "dir") throw fsError("EISDIR", "fread");
    const bytes = vfs.fileBytes(f.node).slice(f.position);
    f.position += bytes.length;
    return encode(bytes, o.encoding);
  }
  if (!(path instanceof URL) && !isBytes(path) && typeof path !== "string") throw fsError("EBADF", "fread");
  const p = normalizePath(path);
  const { node } = vfs.lookup(p, true, "readAll");
  if (!node) throw fsError("ENOENT", "readAll", p);
  if (node.type === "dir") throw fsError("EISDIR", "readAll");
  return encode(vfs.fileBytes(node).slice(), o.encoding);
}

function writeAll(path, bytes, append, flag) {
  if (typeof path === "number") {
    return writeBytes(getFd(path, "write"), bytes, null, "write");
  }
  const p = normalizePath(path);
  const fl = stringToFlags(flag, append ? "a" : "w");
  let { node, parent, name, missingParent } = vfs.lookup(p, true, "writeAll");
  if (node) {
    if ((fl & C.O_EXCL)) throw fsError("EEXIST", "writeAll", p);
    if (node.type === "dir") throw fsError("EISDIR", "writeAll");
    if (node.type === "dev") {
      if (node.kind === "full") throw fsError("EPERM", "writeAll");
      return bytes.length;
    }
    if (!node.writable) throw fsError("EPERM", "writeAll");
    if (append || (fl & C.O_APPEND)) writeBytes({ node, append: true, position: 0 }, bytes, null, "writeAll");
    else {
      vfs.resize(node, bytes.length, "writeAll");
      node.data.set(bytes, 0);
    }
    return bytes.length;
  }
  if (missingParent || !parent) throw fsError("ENOENT", "writeAll", p);
  if (!parent.writable) throw fsError("EPERM", "writeAll");
  const f = vfs.newFile(bytes, "writeAll");
  parent.children.set(name, f);
  return bytes.length;
}

export function writeFileSync(path, data, options) {
  const o = getOptions(options, { encoding: "utf8", flag: "w" });
  checkEncoding(o.encoding);
  return writeAll(path, dataBytes(data, o.encoding === "buffer" ? "utf8" : o.encoding), false, o.flag);
}
export function appendFileSync(path, data, options) {
  const o = getOptions(options, { encoding: "utf8", flag: "a" });
  checkEncoding(o.encoding);
  return writeAll(path, dataBytes(data, o.encoding === "buffer" ? "utf8" : o.encoding), true, o.flag);
}

export function readdirSync(path, options) {
  const p = normalizePath(path);
  const o = typedOptions(options, { encoding: "utf8", withFileTypes: false, recursive: false }, { bools: ["withFileTypes", "recursive"], allowString: true });
  checkEncoding(o.encoding);
  const { node } = vfs.lookup(p, true, "readdir");
  if (!node) throw fsError("ENOENT", "readdir", p);
  if (node.type !== "dir") throw fsError("ENOTDIR", "readdir", p);
  const out = [];
  const walk = (dir, dirPath, prefix) => {
    for (const name of dir.children.keys()) {
      const child = dir.children.get(name);
      // Recursive listings name entries by their path from the root (without the leading
      // slash), as workerd does.
      const shown = o.recursive ? `${prefix}/${name}`.slice(1) : name;
      if (o.withFileTypes) out.push(new Dirent(shown, direntType(child), dirPath));
      else out.push(o.encoding === "buffer" ? Buffer.from(shown) : shown);
      if (o.recursive && child.type === "dir") walk(child, `${dirPath === "/" ? "" : dirPath}/${name}`, `${prefix}/${name}`);
    }
  };
  walk(node, p, p === "/" ? "" : p);
  return out;
}

export function mkdirSync(path, options) {
  const p = normalizePath(path);
  const o = typeof options === "number" ? { mode: options } : typedOptions(options, { recursive: false }, { bools: ["recursive"] });
  const parts = vfs.split(p);
  let dir = vfs.current();
  let first;
  for (let i = 0; i < parts.length; i++) {
    let next = dir.children.get(parts[i]);
    if (next?.type === "symlink") next = vfs.lookup("/" + parts.slice(0, i + 1).join("/"), true, "mkdir").node;
    const last = i === parts.length - 1;
    if (!next) {
      if (!last && !o.recursive) throw fsError("ENOENT", "mkdir", parts[parts.length - 1]);
      if (!dir.writable) throw fsError("EPERM", "mkdir");
      next = vfs.newDir();
      dir.children.set(parts[i], next);
      first ??= "/" + parts.slice(0, i + 1).join("/");
    } else if (next.type !== "dir") {
      throw fsError(last ? "EEXIST" : "ENOTDIR", "mkdir");
    } else if (last && !o.recursive && !next.writable) {
      throw fsError("EPERM", "mkdir");
    }
    dir = next;
  }
  return o.recursive ? first : undefined;
}

export function mkdtempSync(prefix, options) {
  const o = getOptions(options, { encoding: "utf8" });
  const p = normalizePath(prefix, "prefix");
  const slash = p.lastIndexOf("/");
  const { node: parent } = vfs.lookup(p.slice(0, slash) || "/", true, "mkdir");
  const base = p.slice(slash + 1);
  if (!parent || parent.type !== "dir") throw fsError("ENOENT", "mkdir", base);
  if (!parent.writable) throw fsError("EPERM", "mkdir");
  let name;
  do name = `${base}${counters.tmp++}`; while (parent.children.has(name));
  parent.children.set(name, vfs.newDir());
  return encode(Buffer.from(`${p.slice(0, slash)}/${name}`), o.encoding);
}

function removeEntry(p, { recursive, dirOnly, syscall }) {
  const { node, parent, name } = vfs.lookup(p, false, syscall);
  if (!parent?.writable) throw fsError("EPERM", syscall);
  if (!node) return false;
  if (dirOnly && node.type !== "dir") throw fsError("ENOTDIR", syscall);
  if (node.type === "dir" && node.children.size && !recursive) throw fsError("ENOTEMPTY", syscall, name);
  parent.children.delete(name);
  vfs.release(node);
  return true;
}

export function rmdirSync(path, options) {
  const p = normalizePath(path);
  const o = typedOptions(options, { recursive: false }, { bools: ["recursive"], numbers: ["maxRetries", "retryDelay"] });
  if (!removeEntry(p, { recursive: !!o.recursive, dirOnly: true, syscall: "rm" })) throw fsError("ENOENT", "rm", p.slice(p.lastIndexOf("/") + 1));
}

export function rmSync(path, options) {
  const p = normalizePath(path);
  const o = typedOptions(options, { recursive: false, force: false }, { bools: ["recursive", "force"], numbers: ["maxRetries", "retryDelay"] });
  removeEntry(p, { recursive: o.recursive, dirOnly: false, syscall: "rm" });
}

export function unlinkSync(path) {
  const p = normalizePath(path);
  const { node, parent, name } = vfs.lookup(p, false, "unlink");
  if (!node) throw fsError("ENOENT", "unlink", name, "File not found");
  if (node.type === "dir") throw fsError("EISDIR", "unlink", undefined, "Cannot unlink a directory");
  if (!parent.writable) throw fsError("EPERM", "unlink");
  parent.children.delete(name);
  vfs.release(node);
}

export function renameSync(oldPath, newPath) {
  const from = normalizePath(oldPath, "oldPath");
  const to = normalizePath(newPath, "newPath");
  const src = vfs.lookup(from, false, "rename");
  if (!src.node) throw fsError("ENOENT", "rename", from);
  if (!src.parent.writable) throw fsError("EPERM", "rename");
  if (to === from) return;
  if (to.startsWith(from + "/")) throw fsError("EINVAL", "rename");
  const dst = vfs.lookup(to, false, "rename");
  if (dst.missingParent || !dst.parent) throw fsError("ENOENT", "rename", to);
  if (!dst.parent.writable) throw fsError("EPERM", "rename");
  if (dst.node?.type === "dir") throw fsError("EISDIR", "rename");
  if (dst.node && src.node.type === "dir") throw fsError("ENOTDIR", "rename");
  if (dst.node) vfs.release(dst.node);
  dst.parent.children.set(dst.name, src.node);
  src.parent.children.delete(src.name);
}

export function copyFileSync(src, dest, mode = 0) {
  const from = normalizePath(src, "src");
  const to = normalizePath(dest, "dest");
  validateInt32(mode, "mode", 0, 7);
  const s = vfs.lookup(from, true, "copy").node;
  if (!s) throw fsError("ENOENT", "copy", from);
  if (s.type === "dir") throw fsError("EISDIR", "copy");
  const d = vfs.lookup(to, true, "copy");
  if (d.node && (mode & C.COPYFILE_EXCL)) throw uvError("EEXIST", "copyFile", to);
  writeAll(to, vfs.fileBytes(s).slice(), false, "w");
}

function isSubdir(src, dest) { return dest === src || dest.startsWith(src === "/" ? "/" : src + "/"); }
export function cpSync(src, dest, options) {
  const from = normalizePath(src, "src");
  const to = normalizePath(dest, "dest");
  const o = getOptions(options, { recursive: false, force: true, errorOnExist: false, dereference: false });
  if (o.filter !== undefined) validateFunction(o.filter, "options.filter");
  const copy = (f, t) => {
    if (o.filter && !o.filter(f, t)) return;
    const s = vfs.lookup(f, !!o.dereference, "cp").node;
    if (!s) throw uvError("ENOENT", "cp", f);
    const d = vfs.lookup(t, true, "cp").node;
    if (s.type === "dir") {
      if (!o.recursive) throw Object.assign(new Error("Expected a file but found a directory"), { code: "ERR_FS_EISDIR" });
      if (isSubdir(f, t)) throw Object.assign(new Error(`Cannot copy ${f} to a subdirectory of self ${t}`), { code: "ERR_FS_CP_EINVAL" });
      if (d && d.type !== "dir") throw Object.assign(new Error(`Cannot overwrite non-directory ${t} with directory ${f}`), { code: "ERR_FS_CP_DIR_TO_NON_DIR" });
      if (!d) mkdirSync(t);
      for (const name of s.children.keys()) copy(`${f === "/" ? "" : f}/${name}`, `${t}/${name}`);
      return;
    }
    if (d && d.type === "dir") throw Object.assign(new Error(`Cannot overwrite directory ${t} with non-directory ${f}`), { code: "ERR_FS_CP_NON_DIR_TO_DIR" });
    if (s.type === "symlink") {
      if (d) { if (!o.force) return; unlinkSync(t); }
      symlinkSync(s.target, t);
      return;
    }
    if (d) {
      if (o.errorOnExist && !o.force) throw Object.assign(new Error(`Target already exists: cp returned EEXIST (${t} already exists)`), { code: "ERR_FS_CP_EEXIST" });
      if (!o.force) return;
    }
    writeAll(t, vfs.fileBytes(s).slice(), false, "w");
  };
  copy(from, to);
}

export function symlinkSync(target, path, type) {
  const t = typeof target === "string" ? target : normalizePath(target, "target");
  if (typeof target === "string" && target.includes("\0")) throw ERR_INVALID_ARG_VALUE("target", target, "must not contain null bytes");
  const p = normalizePath(path);
  const r = vfs.lookup(p, false, "link");
  if (r.node) throw fsError("EEXIST", "link", undefined, "File already exists");
  if (r.notDir || (typeof path === "string" && path.endsWith("/"))) throw fsError("EINVAL", "link");
  if (r.missingParent || !r.parent) throw fsError("ENOENT", "link", p);
  if (!r.parent.writable) throw fsError("EPERM", "link");
  r.parent.children.set(r.name, vfs.mksymlink(t.startsWith("/") ? t : normalizePath(t)));
}

export function linkSync(existingPath, newPath) {
  const from = normalizePath(existingPath, "existingPath");
  const to = normalizePath(newPath, "newPath");
  const s = vfs.lookup(from, true, "link").node;
  if (!s) throw fsError("ENOENT", "link", from);
  if (s.type === "dir") throw fsError("EPERM", "link", undefined, "Cannot hardlink to a directory");
  const r = vfs.lookup(to, false, "link");
  if (r.node) throw fsError("EEXIST", "link", undefined, "File already exists");
  if (r.notDir || (typeof newPath === "string" && newPath.endsWith("/"))) throw fsError("EINVAL", "link");
  if (r.missingParent || !r.parent) throw fsError("ENOENT", "link", to);
  if (!r.parent.writable) throw fsError("EPERM", "link");
  s.links = (s.links ?? 1) + 1;
  r.parent.children.set(r.name, s);
}

export function readlinkSync(path, options) {
  const p = normalizePath(path);
  const o = getOptions(options, { encoding: "utf8" });
  const { node } = vfs.lookup(p, false, "readlink");
  if (!node) throw fsError("ENOENT", "readlink", p);
  if (node.type !== "symlink") throw fsError("EINVAL", "readlink");
  return encode(Buffer.from(node.target), o.encoding);
}

export function realpathSync(path, options) {
  const p = normalizePath(path);
  const o = getOptions(options, { encoding: "utf8" });
  return encode(Buffer.from(vfs.realpath(p)), o.encoding);
}
realpathSync.native = realpathSync;

export function truncateSync(path, len = 0) {
  if (typeof path === "number") return ftruncateSync(path, len);
  const p = normalizePath(path);
  validateInteger(len, "len", 0);
  const { node } = vfs.lookup(p, true, "ftruncate");
  if (!node) throw fsError("ENOENT", "ftruncate", p);
  truncateNode(node, len);
}
function truncateNode(node, len) {
  if (node.type === "dir") throw fsError("EISDIR", "ftruncate");
  if (node.type === "dev") return;
  if (!node.writable) throw fsError("EPERM", "ftruncate");
  vfs.resize(node, len, "ftruncate");
}
export function ftruncateSync(fd, len = 0) {
  validateInteger(len, "len", 0);
  truncateNode(getFd(fd, "ftruncate").node, len);
}

function existing(path, syscall, follow = true) {
  const p = normalizePath(path);
  const { node } = vfs.lookup(p, follow, syscall);
  if (!node) throw uvError("ENOENT", syscall, p);
  return node;
}
function validateMode(mode) {
  if (typeof mode === "string") {
    if (!/^[0-7]+$/.test(mode)) throw ERR_INVALID_ARG_VALUE("mode", mode, "must be a 32-bit unsigned integer or an octal string");
    return;
  }
  validateInt32(mode, "mode", 0, 4294967295);
}
function validateId(v, name) {
  validateInt32(v, name, -1, 4294967295);
}
// chmod and chown check their arguments and that the file exists; workerd keeps no modes or
// owners.
export function chmodSync(path, mode) { validateMode(mode); existing(path, "chmod"); }
export function lchmodSync(path, mode) { validateMode(mode); existing(path, "lchmod", false); }
export function fchmodSync(fd, mode) { validateMode(mode); getFd(fd, "fchmod"); }
export function chownSync(path, uid, gid) { validateId(uid, "uid"); validateId(gid, "gid"); existing(path, "chown"); }
export function lchownSync(path, uid, gid) { validateId(uid, "uid"); validateId(gid, "gid"); existing(path, "lchown", false); }
export function fchownSync(fd, uid, gid) { validateId(uid, "uid"); validateId(gid, "gid"); getFd(fd, "fchown"); }

function setTimes(node, atime, mtime) {
  getDate(atime, "atime");
  node.mtime = getDate(mtime, "mtime");
}
export function utimesSync(path, atime, mtime) {
  const p = normalizePath(path);
  getDate(atime, "atime");
  const m = getDate(mtime, "mtime");
  const { node } = vfs.lookup(p, true, "utimes");
  if (!node) throw fsError("ENOENT", "utimes", p);
  node.mtime = m;
}
export function lutimesSync(path, atime, mtime) {
  const p = normalizePath(path);
  getDate(atime, "atime");
  const m = getDate(mtime, "mtime");
  const { node } = vfs.lookup(p, false, "utimes");
  if (!node) throw fsError("ENOENT", "utimes", p);
  node.mtime = m;
}
export function futimesSync(fd, atime, mtime) { setTimes(getFd(fd, "futimes").node, atime, mtime); }
export function fsyncSync(fd) { getFd(fd, "fsync"); }
export function fdatasyncSync(fd) { getFd(fd, "fdatasync"); }

export function opendirSync(path, options) {
  const p = normalizePath(path);
  const o = typedOptions(options, { encoding: "utf8", bufferSize: 32, recursive: false }, { bools: ["recursive"], numbers: ["bufferSize"], allowString: true });
  if (o.encoding !== null && typeof o.encoding !== "string") throw ERR_INVALID_ARG_VALUE("encoding", o.encoding, "is invalid encoding");
  checkEncoding(o.encoding);
  const entries = readdirSync(p, { withFileTypes: true, recursive: !!o.recursive });
  return new Dir(p, entries, o.encoding);
}

// globSync matches patterns against every entry under cwd (default /bundle, the working
// directory); results are relative to cwd, or absolute for absolute patterns.
export function globSync(pattern, options) {
  const patterns = Array.isArray(pattern) ? pattern : [pattern];
  for (const p of patterns) if (typeof p !== "string") throw ERR_INVALID_ARG_TYPE("pattern", ["string", "string[]"], pattern);
  const o = options === undefined ? {} : options;
  validateObject(o, "options");
  const cwd = o.cwd === undefined ? "/bundle" : normalizePath(o.cwd instanceof URL || isBytes(o.cwd) ? o.cwd : String(o.cwd), "options.cwd");
  if (o.withFileTypes !== undefined && typeof o.withFileTypes !== "boolean") throw ERR_INVALID_ARG_TYPE("options.withFileTypes", "boolean", o.withFileTypes);
  let exclude = o.exclude;
  if (exclude !== undefined && typeof exclude !== "function") {
    if (!Array.isArray(exclude)) throw ERR_INVALID_ARG_TYPE("options.exclude", ["function", "string[]"], exclude);
    const ex = exclude.flatMap((e) => glob_.compile(e));
    exclude = (rel) => ex.some((c) => glob_.matches(c.segs, vfs.split(rel)));
  }
  const compiled = patterns.flatMap((p) => glob_.compile(p));
  const results = new Map();
  const walk = (base, rel, node, c) => {
    if (!node || node.type !== "dir") return;
    for (const name of node.children.keys()) {
      let child = node.children.get(name);
      const r = rel ? `${rel}/${name}` : name;
      const abs = `${base === "/" ? "" : base}/${r}`;
      if (child.type === "symlink") child = vfs.lookup(abs, true, "scandir").node ?? child;
      const shown = c.absolute ? abs : r;
      if (glob_.matches(c.segs, vfs.split(r)) && !results.has(shown)) {
        const dirent = new Dirent(name, direntType(child), abs.slice(0, abs.lastIndexOf("/")) || "/");
        if (!exclude || !(typeof o.exclude === "function" ? o.exclude(o.withFileTypes ? dirent : shown) : exclude(r))) {
          results.set(shown, dirent);
        }
      }
      if (typeof o.exclude !== "function" || !o.exclude(o.withFileTypes ? new Dirent(name, direntType(child), abs.slice(0, abs.lastIndexOf("/")) || "/") : shown)) {
        walk(base, r, child, c);
      }
    }
  };
  for (const c of compiled) {
    const base = c.absolute ? "/" : cwd;
    if (c.segs.length === 0) { results.set(c.absolute ? "/" : ".", null); continue; }
    walk(base, "", vfs.lookup(base, true, "scandir").node, c);
  }
  return o.withFileTypes ? [...results.values()].filter(Boolean) : [...results.keys()];
}

export async function openAsBlob(path, options) {
  const o = getOptions(options, { type: "" });
  return new Blob([readFileSync(path)], { type: o.type });
}

// --- Dir ---
export class Dir {
  #path;
  #entries;
  #closed = false;
  constructor(path, entries, encoding) {
    this.#path = path;
    this.#entries = entries;
    void encoding;
  }
  get path() { return this.#path; }
  #open() { if (this.#closed) throw codeError(Error, "ERR_DIR_CLOSED", "Directory is closed"); }
  readSync() { this.#open(); return this.#entries.shift() ?? null; }
  read(cb) {
    if (typeof cb === "function") { const v = this.readSync(); nextTick(cb, null, v); return; }
    return Promise.resolve(this.readSync());
  }
  closeSync() { this.#open(); this.#closed = true; this.#entries = []; }
  close(cb) {
    this.closeSync();
    if (typeof cb === "function") { nextTick(cb, null); return; }
    return Promise.resolve();
  }
  // Iterating to the end leaves the handle open (closeSync afterwards succeeds in workerd).
  async *entries() {
    for (let e = this.readSync(); e; e = this.readSync()) yield e;
  }
  [Symbol.asyncIterator]() { return this.entries(); }
  *[Symbol.iterator]() {
    for (let e = this.readSync(); e; e = this.readSync()) yield e;
  }
  async [Symbol.asyncDispose]() { if (!this.#closed) this.closeSync(); }
  [Symbol.dispose]() { if (!this.#closed) this.closeSync(); }
}

// --- the callback API: the sync operation, its result or error delivered on a later tick ---
function callbackify(fn, name, { hasResult = true } = {}) {
  const wrapped = {
    [name](...args) {
      const cb = typeof args[args.length - 1] === "function" ? args.pop() : undefined;
      validateFunction(cb, "callback");
      let result;
      try {
        result = fn(...args);
      } catch (e) {
        nextTick(cb, e);
        return;
      }
      if (hasResult) nextTick(cb, null, result);
      else nextTick(cb, null);
    },
  }[name];
  return wrapped;
}
export const access = callbackify(accessSync, "access", { hasResult: false });
export const appendFile = callbackify(appendFileSync, "appendFile", { hasResult: false });
export const chmod = callbackify(chmodSync, "chmod", { hasResult: false });
export const chown = callbackify(chownSync, "chown", { hasResult: false });
export const close = function close(fd, cb = () => {}) { validateFunction(cb, "callback"); try { closeSync(fd); } catch (e) { return void nextTick(cb, e); } nextTick(cb, null); };
export const copyFile = callbackify(copyFileSync, "copyFile", { hasResult: false });
export const cp = callbackify(cpSync, "cp", { hasResult: false });
export const fchmod = callbackify(fchmodSync, "fchmod", { hasResult: false });
export const fchown = callbackify(fchownSync, "fchown", { hasResult: false });
export const fdatasync = callbackify(fdatasyncSync, "fdatasync", { hasResult: false });
export const fstat = callbackify(fstatSync, "fstat");
export const fsync = callbackify(fsyncSync, "fsync", { hasResult: false });
export const ftruncate = callbackify(ftruncateSync, "ftruncate", { hasResult: false });
export const futimes = callbackify(futimesSync, "futimes", { hasResult: false });
export const lchmod = callbackify(lchmodSync, "lchmod", { hasResult: false });
export const lchown = callbackify(lchownSync, "lchown", { hasResult: false });
export const link = callbackify(linkSync, "link", { hasResult: false });
export const lstat = callbackify(lstatSync, "lstat");
export const lutimes = callbackify(lutimesSync, "lutimes", { hasResult: false });
export const mkdir = callbackify(mkdirSync, "mkdir");
export const mkdtemp = callbackify(mkdtempSync, "mkdtemp");
export const open = callbackify(openSync, "open");
export const opendir = callbackify(opendirSync, "opendir");
export const readdir = callbackify(readdirSync, "readdir");
export const readFile = callbackify(readFileSync, "readFile");
export const readlink = callbackify(readlinkSync, "readlink");
export const realpath = callbackify(realpathSync, "realpath");
realpath.native = realpath;
export const rename = callbackify(renameSync, "rename", { hasResult: false });
export const rm = callbackify(rmSync, "rm", { hasResult: false });
export const rmdir = callbackify(rmdirSync, "rmdir", { hasResult: false });
export const stat = callbackify(statSync, "stat");
export const statfs = callbackify(statfsSync, "statfs");
export const symlink = callbackify(symlinkSync, "symlink", { hasResult: false });
export const truncate = callbackify(truncateSync, "truncate", { hasResult: false });
export const unlink = callbackify(unlinkSync, "unlink", { hasResult: false });
export const utimes = callbackify(utimesSync, "utimes", { hasResult: false });
export const writeFile = callbackify(writeFileSync, "writeFile", { hasResult: false });
export const glob = callbackify(globSync, "glob");
export function exists(path, cb) {
  validateFunction(cb, "callback");
  const r = existsSync(path);
  nextTick(cb, r);
}
export function read(fd, buffer, offsetOrOptions, length, position, cb) {
  const args = [...arguments];
  cb = args.pop();
  validateFunction(cb, "callback");
  let buf = args[1];
  if (!isBytes(buf)) {
    // read(fd, [options,] cb): a 16 KiB buffer unless options names one.
    const o = buf && typeof buf === "object" ? buf : {};
    buf = o.buffer ?? Buffer.alloc(16384);
    args[1] = buf;
    args[2] = { offset: o.offset ?? 0, length: o.length ?? buf.byteLength - (o.offset ?? 0), position: o.position ?? null };
  }
  let n;
  try { n = readSync(...args); } catch (e) { return void nextTick(cb, e); }
  nextTick(cb, null, n, buf);
}
export function write(fd, buffer, ...rest) {
  const cb = rest.pop();
  validateFunction(cb, "callback");
  let n;
  try { n = writeSync(fd, buffer, ...rest); } catch (e) { return void nextTick(cb, e); }
  nextTick(cb, null, n, buffer);
}
export function readv(fd, buffers, position, cb) {
  if (typeof position === "function") { cb = position; position = null; }
  validateFunction(cb, "callback");
  let n;
  try { n = readvSync(fd, buffers, position); } catch (e) { return void nextTick(cb, e); }
  nextTick(cb, null, n, buffers);
}
export function writev(fd, buffers, position, cb) {
  if (typeof position === "function") { cb = position; position = null; }
  validateFunction(cb, "callback");
  let n;
  try { n = writevSync(fd, buffers, position); } catch (e) { return void nextTick(cb, e); }
  nextTick(cb, null, n, buffers);
}
export function watch() { throw vfs.unsupported(); }
export function watchFile() { throw vfs.unsupported(); }
export function unwatchFile() { throw vfs.unsupported(); }

// --- streams ---
export function ReadStream(path, options) {
  if (!(this instanceof ReadStream)) return new ReadStream(path, options);
  const o = getOptions(options, { flags: "r", autoClose: true, emitClose: true, start: undefined, end: Infinity, highWaterMark: 64 * 1024 });
  Readable.call(this, { highWaterMark: o.highWaterMark, encoding: o.encoding, emitClose: o.emitClose, autoDestroy: o.autoClose, signal: o.signal });
  if (o.start !== undefined) validateInt32(o.start, "start", 0, Number.MAX_SAFE_INTEGER);
  if (o.end !== Infinity) validateInt32(o.end, "end", 0, Number.MAX_SAFE_INTEGER);
  if (o.start !== undefined && o.end !== Infinity && o.start > o.end) throw ERR_OUT_OF_RANGE("start", `<= "end" (here: ${o.end})`, o.start);
  this.path = o.fd === undefined ? (typeof path === "string" ? path : normalizePath(path)) : undefined;
  this.fd = o.fd === undefined ? null : (typeof o.fd === "object" ? o.fd.fd : o.fd);
  this.flags = o.flags;
  this.mode = o.mode ?? 0o666;
  this.start = o.start;
  this.end = o.end;
  this.pos = o.start;
  this.bytesRead = 0;
  this.autoClose = o.autoClose;
  if (this.fd === null) this.fd = openSync(normalizePath(path), this.flags, this.mode);
  nextTick(() => { if (!this.destroyed) { this.emit("open", this.fd); this.emit("ready"); } });
}
Object.setPrototypeOf(ReadStream.prototype, Readable.prototype);
Object.setPrototypeOf(ReadStream, Readable);
ReadStream.prototype._read = function (n) {
  let len = n;
  if (this.end !== Infinity) len = Math.min(n, this.end - (this.pos ?? this.bytesRead + (this.start ?? 0)) + 1);
  if (len <= 0) return void this.push(null);
  const buf = Buffer.alloc(len);
  let got;
  try {
    got = readSync(this.fd, buf, 0, len, this.pos ?? null);
  } catch (e) {
    return void this.destroy(e);
  }
  if (this.pos !== undefined) this.pos += got;
  this.bytesRead += got;
  this.push(got > 0 ? buf.subarray(0, got) : null);
};
ReadStream.prototype._destroy = function (err, cb) {
  if (this.fd !== null && this.autoClose) { closeSync(this.fd); this.fd = null; }
  cb(err);
};
ReadStream.prototype.close = function (cb) {
  if (typeof cb === "function") this.once("close", cb);
  this.destroy();
};
Object.defineProperty(ReadStream.prototype, "pending", { get() { return this.fd === null; }, configurable: true });

export function WriteStream(path, options) {
  if (!(this instanceof WriteStream)) return new WriteStream(path, options);
  const o = getOptions(options, { flags: "w", autoClose: true, emitClose: true, start: undefined, encoding: "utf8", highWaterMark: 16 * 1024 });
  Writable.call(this, { highWaterMark: o.highWaterMark, decodeStrings: true, defaultEncoding: o.encoding, emitClose: o.emitClose, autoDestroy: o.autoClose, signal: o.signal });
  if (o.start !== undefined) validateInt32(o.start, "start", 0, Number.MAX_SAFE_INTEGER);
  this.path = o.fd === undefined ? (typeof path === "string" ? path : normalizePath(path)) : undefined;
  this.fd = o.fd === undefined ? null : (typeof o.fd === "object" ? o.fd.fd : o.fd);
  this.flags = o.flags;
  this.mode = o.mode ?? 0o666;
  this.start = o.start;
  this.pos = o.start;
  this.bytesWritten = 0;
  this.autoClose = o.autoClose;
  if (this.fd === null) this.fd = openSync(normalizePath(path), this.flags, this.mode);
  nextTick(() => { if (!this.destroyed) { this.emit("open", this.fd); this.emit("ready"); } });
}
Object.setPrototypeOf(WriteStream.prototype, Writable.prototype);
Object.setPrototypeOf(WriteStream, Writable);
WriteStream.prototype._write = function (chunk, enc, cb) {
  try {
    const n = writeSync(this.fd, chunk, 0, chunk.length, this.pos ?? null);
    if (this.pos !== undefined) this.pos += n;
    this.bytesWritten += n;
  } catch (e) {
    return cb(e);
  }
  cb();
};
WriteStream.prototype._destroy = function (err, cb) {
  if (this.fd !== null && this.autoClose) { closeSync(this.fd); this.fd = null; }
  cb(err);
};
WriteStream.prototype.close = function (cb) {
  if (typeof cb === "function") {
    if (this.closed) return void nextTick(cb);
    this.on("close", cb);
  }
  if (!this.autoClose) this.on("finish", this.destroy);
  this.end();
};
WriteStream.prototype.destroySoon = WriteStream.prototype.end;
Object.defineProperty(WriteStream.prototype, "pending", { get() { return this.fd === null; }, configurable: true });

export const createReadStream = (path, options) => new ReadStream(path, options);
export const createWriteStream = (path, options) => new WriteStream(path, options);

// --- promises ---
const kFd = Symbol("fd");
export class FileHandle {
  constructor(fd) { this[kFd] = fd; }
  get fd() { return this[kFd]; }
  // A closed handle's error differs from a bad descriptor's: its own wording, no path.
  #check(syscall) {
    if (this[kFd] === -1 || !fds.has(this[kFd])) throw Object.assign(new Error("Bad file descriptor"), { code: "EBADF", syscall });
    return this[kFd];
  }
  async appendFile(data, options) { const fd = this.#check("write"); appendFileSync(fd, data, options); }
  async chmod(mode) { fchmodSync(this.#check("chmod"), mode); }
  async chown(uid, gid) { fchownSync(this.#check("chown"), uid, gid); }
  async datasync() { this.#check("datasync"); }
  async sync() { this.#check("sync"); }
  async read(buffer, offset, length, position) {
    const fd = this.#check("read");
    if (!isBytes(buffer)) {
      const o = buffer ?? {};
      buffer = o.buffer ?? Buffer.alloc(16384);
      offset = o.offset ?? 0;
      length = o.length ?? buffer.byteLength - offset;
      position = o.position ?? null;
    }
    const bytesRead = readSync(fd, buffer, offset, length, position);
    return { bytesRead, buffer };
  }
  async readv(buffers, position) { return { bytesRead: readvSync(this.#check("read"), buffers, position), buffers }; }
  async readFile(options) { return readFileSync(this.#check("read"), options); }
  async stat(options) { return fstatSync(this.#check("stat"), options); }
  async truncate(len = 0) { ftruncateSync(this.#check("truncate"), len); }
  async utimes(atime, mtime) { futimesSync(this.#check("utimes"), atime, mtime); }
  async write(buffer, ...rest) { const bytesWritten = writeSync(this.#check("write"), buffer, ...rest); return { bytesWritten, buffer }; }
  async writev(buffers, position) { return { bytesWritten: writevSync(this.#check("write"), buffers, position), buffers }; }
  async writeFile(data, options) {
    const fd = this.#check("write");
    const o = getOptions(options, { encoding: "utf8" });
    writeSync(fd, dataBytes(data, o.encoding === "buffer" ? "utf8" : o.encoding));
  }
  async close() {
    if (this[kFd] !== -1) closeSync(this[kFd]);
    this[kFd] = -1;
  }
  async [Symbol.asyncDispose]() { await this.close(); }
  readLines() { throw vfs.unsupported(); }
  readableWebStream() {
    const fd = this.#check("read");
    return new ReadableStream({
      type: "bytes",
      pull(c) {
        const buf = new Uint8Array(16384);
        const n = readSync(fd, buf);
        if (n === 0) { c.close(); return; }
        c.enqueue(buf.subarray(0, n));
      },
    });
  }
  createReadStream(options) { return new ReadStream(undefined, { ...options, fd: this }); }
  createWriteStream(options) { return new WriteStream(undefined, { ...options, fd: this }); }
}

const asyncify = (fn, name) => ({ async [name](...args) { return fn(...args); } })[name];
export const promises = {
  access: asyncify(accessSync, "access"),
  appendFile: async function appendFile(path, data, options) {
    if (path instanceof FileHandle) return path.appendFile(data, options);
    appendFileSync(path, data, options);
  },
  chmod: asyncify(chmodSync, "chmod"),
  chown: asyncify(chownSync, "chown"),
  constants,
  copyFile: asyncify(copyFileSync, "copyFile"),
  cp: asyncify(cpSync, "cp"),
  glob: async function* glob(pattern, options) { yield* globSync(pattern, options); },
  lchmod: asyncify(lchmodSync, "lchmod"),
  lchown: asyncify(lchownSync, "lchown"),
  link: asyncify(linkSync, "link"),
  lstat: asyncify(lstatSync, "lstat"),
  lutimes: asyncify(lutimesSync, "lutimes"),
  mkdir: asyncify(mkdirSync, "mkdir"),
  mkdtemp: asyncify(mkdtempSync, "mkdtemp"),
  open: async function open(path, flags, mode) { return new FileHandle(openSync(path, flags, mode)); },
  opendir: asyncify(opendirSync, "opendir"),
  readFile: async function readFile(path, options) {
    if (path instanceof FileHandle) return path.readFile(options);
    return readFileSync(path, options);
  },
  readdir: asyncify(readdirSync, "readdir"),
  readlink: asyncify(readlinkSync, "readlink"),
  realpath: asyncify(realpathSync, "realpath"),
  rename: asyncify(renameSync, "rename"),
  rm: asyncify(rmSync, "rm"),
  rmdir: asyncify(rmdirSync, "rmdir"),
  stat: asyncify(statSync, "stat"),
  statfs: asyncify(statfsSync, "statfs"),
  symlink: asyncify(symlinkSync, "symlink"),
  truncate: asyncify(truncateSync, "truncate"),
  unlink: asyncify(unlinkSync, "unlink"),
  utimes: asyncify(utimesSync, "utimes"),
  watch: function watch() { throw new Error("Not implemented"); },
  writeFile: async function writeFile(path, data, options) {
    if (path instanceof FileHandle) return path.writeFile(data, options);
    writeFileSync(path, data, options);
  },
  FileHandle,
};
