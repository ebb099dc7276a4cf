// node:tty — workerd has no terminal: isatty is false for every descriptor; the stream classes
// exist with a zero-sized window and 8-bit colour depth, as workerd reports.
import { Duplex } from "node:stream";

export function isatty(fd) {
  return false;
}

// A minimal stand-in for net.Socket, which this runtime does not provide to node:tty.
class Socket extends Duplex {}

// As in workerd these are plain constructor functions (calling one without new fails on `this`).
export function ReadStream(fd) {
  this.fd = fd;
  this.isRaw = false;
  this.isTTY = false;
}
Object.setPrototypeOf(ReadStream.prototype, Socket.prototype);
Object.setPrototypeOf(ReadStream, Socket);
ReadStream.prototype.setRawMode = function setRawMode(flag) {
  this.isRaw = Boolean(flag);
  return this;
};

export function WriteStream(fd) {
  this.fd = fd;
  this.columns = 0;
  this.rows = 0;
}
Object.setPrototypeOf(WriteStream.prototype, Socket.prototype);
Object.setPrototypeOf(WriteStream, Socket);
WriteStream.prototype.isTTY = true;
const done = (cb) => { if (typeof cb === "function") cb(); return true; };
Object.assign(WriteStream.prototype, {
  getColorDepth() { return 8; },
  hasColors(count = 16) { return count <= 2; },
  _refreshSize() {},
  cursorTo(x, y, cb) { return done(typeof y === "function" ? y : cb); },
  moveCursor(dx, dy, cb) { return done(cb); },
  clearLine(dir, cb) { return done(cb); },
  clearScreenDown(cb) { return done(cb); },
  getWindowSize() { return [this.columns, this.rows]; },
});

export default { isatty, ReadStream, WriteStream };
