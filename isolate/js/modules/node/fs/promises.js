// node:fs/promises — the promise API of node:fs.
import { promises } from "node-internal:fs";

export const {
  FileHandle, access, appendFile, chmod, chown, constants, copyFile, cp, glob, lchmod, lchown, link, lstat, lutimes, mkdir, mkdtemp, open, opendir, readFile, readdir, readlink, realpath, rename, rm, rmdir, stat, statfs, symlink, truncate, unlink, utimes, watch, writeFile,
} = promises;
export default promises;
