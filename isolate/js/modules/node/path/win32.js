// node:path/win32 — path.win32 as a module of its own.
import path from "node:path";

const win32 = path.win32;
export default win32;
export const {
  basename, delimiter, dirname, extname, format, isAbsolute, join, matchesGlob, normalize, parse,
  relative, resolve, sep, toNamespacedPath, posix,
} = win32;
export { win32 };
