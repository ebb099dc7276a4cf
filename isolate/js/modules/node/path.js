// node:path — Node's POSIX path API, as workerd's nodejs_compat provides it. The working
// directory is "/" (workerd has no process cwd). path.win32 has Node's Windows rules.

function assertPath(p, name = "path") {
  if (typeof p !== "string") {
    const e = new TypeError(`The "${name}" argument must be of type string. Received ${describe(p)}`);
    e.code = "ERR_INVALID_ARG_TYPE";
    throw e;
  }
}

function describe(v) {
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (typeof v === "function") return `function ${v.name}`;
  if (typeof v === "object") {
    if (v.constructor?.name) return `an instance of ${v.constructor.name}`;
    return "[object Object]";
  }
  let s = typeof v === "string" ? `'${v}'` : String(v);
  if (s.length > 28) s = s.slice(0, 25) + "...";
  return `type ${typeof v} (${s})`;
}

const isPosixSep = (c) => c === 47;
const isWinSep = (c) => c === 47 || c === 92;
const isDeviceRoot = (c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

// normalizeString resolves . and .. segments in p.
function normalizeString(p, allowAboveRoot, separator = "/", isSep = isPosixSep) {
  let res = "";
  let lastSegmentLength = 0;
  let lastSlash = -1;
  let dots = 0;
  let code = 0;
  for (let i = 0; i <= p.length; ++i) {
    if (i < p.length) code = p.charCodeAt(i);
    else if (isSep(code)) break;
    else code = 47;
    if (isSep(code)) {
      if (lastSlash === i - 1 || dots === 1) {
        // nothing
      } else if (dots === 2) {
        if (res.length < 2 || lastSegmentLength !== 2 || res.charCodeAt(res.length - 1) !== 46 || res.charCodeAt(res.length - 2) !== 46) {
          if (res.length > 2) {
            const idx = res.lastIndexOf(separator);
            if (idx === -1) {
              res = "";
              lastSegmentLength = 0;
            } else {
              res = res.slice(0, idx);
              lastSegmentLength = res.length - 1 - res.lastIndexOf(separator);
            }
            lastSlash = i;
            dots = 0;
            continue;
          } else if (res.length !== 0) {
            res = "";
            lastSegmentLength = 0;
            lastSlash = i;
            dots = 0;
            continue;
          }
        }
        if (allowAboveRoot) {
          res += res.length > 0 ? `${separator}..` : "..";
          lastSegmentLength = 2;
        }
      } else {
        if (res.length > 0) res += separator + p.slice(lastSlash + 1, i);
        else res = p.slice(lastSlash + 1, i);
        lastSegmentLength = i - lastSlash - 1;
      }
      lastSlash = i;
      dots = 0;
    } else if (code === 46 && dots !== -1) {
      ++dots;
    } else {
      dots = -1;
    }
  }
  return res;
}

function resolve(...args) {
  let resolvedPath = "";
  let resolvedAbsolute = false;
  for (let i = args.length - 1; i >= -1 && !resolvedAbsolute; i--) {
    const p = i >= 0 ? args[i] : "/";
    assertPath(p, `paths[${i}]`);
    if (p.length === 0) continue;
    resolvedPath = `${p}/${resolvedPath}`;
    resolvedAbsolute = p.charCodeAt(0) === 47;
  }
  resolvedPath = normalizeString(resolvedPath, !resolvedAbsolute);
  if (resolvedAbsolute) return `/${resolvedPath}`;
  return resolvedPath.length > 0 ? resolvedPath : ".";
}

function normalize(p) {
  assertPath(p);
  if (p.length === 0) return ".";
  const isAbs = p.charCodeAt(0) === 47;
  const trailing = p.charCodeAt(p.length - 1) === 47;
  p = normalizeString(p, !isAbs);
  if (p.length === 0) {
    if (isAbs) return "/";
    return trailing ? "./" : ".";
  }
  if (trailing) p += "/";
  return isAbs ? `/${p}` : p;
}

function isAbsolute(p) {
  assertPath(p);
  return p.length > 0 && p.charCodeAt(0) === 47;
}

function join(...args) {
  if (args.length === 0) return ".";
  let joined;
  for (let i = 0; i < args.length; ++i) {
    const arg = args[i];
    assertPath(arg);
    if (arg.length > 0) joined = joined === undefined ? arg : `${joined}/${arg}`;
  }
  if (joined === undefined) return ".";
  return normalize(joined);
}

function relative(from, to) {
  assertPath(from, "from");
  assertPath(to, "to");
  if (from === to) return "";
  from = resolve(from);
  to = resolve(to);
  if (from === to) return "";
  const fromStart = 1;
  const fromEnd = from.length;
  const fromLen = fromEnd - fromStart;
  const toStart = 1;
  const toLen = to.length - toStart;
  const length = fromLen < toLen ? fromLen : toLen;
  let lastCommonSep = -1;
  let i = 0;
  for (; i < length; i++) {
    const fromCode = from.charCodeAt(fromStart + i);
    if (fromCode !== to.charCodeAt(toStart + i)) break;
    else if (fromCode === 47) lastCommonSep = i;
  }
  if (i === length) {
    if (toLen > length) {
      if (to.charCodeAt(toStart + i) === 47) return to.slice(toStart + i + 1);
      if (i === 0) return to.slice(toStart + i);
    } else if (fromLen > length) {
      if (from.charCodeAt(fromStart + i) === 47) lastCommonSep = i;
      else if (i === 0) lastCommonSep = 0;
    }
  }
  let out = "";
  for (i = fromStart + lastCommonSep + 1; i <= fromEnd; ++i) {
    if (i === fromEnd || from.charCodeAt(i) === 47) out += out.length === 0 ? ".." : "/..";
  }
  return `${out}${to.slice(toStart + lastCommonSep)}`;
}

function toNamespacedPath(p) {
  return p;
}

function dirname(p) {
  assertPath(p);
  if (p.length === 0) return ".";
  const hasRoot = p.charCodeAt(0) === 47;
  let end = -1;
  let matchedSlash = true;
  for (let i = p.length - 1; i >= 1; --i) {
    if (p.charCodeAt(i) === 47) {
      if (!matchedSlash) {
        end = i;
        break;
      }
    } else {
      matchedSlash = false;
    }
  }
  if (end === -1) return hasRoot ? "/" : ".";
  if (hasRoot && end === 1) return "//";
  return p.slice(0, end);
}

function basename(p, suffix) {
  return basenameImpl(p, suffix, isPosixSep, 0);
}

function basenameImpl(p, suffix, isSep, start0) {
  if (suffix !== undefined) assertPath(suffix, "suffix");
  assertPath(p);
  let start = start0;
  if (isSep === isWinSep && p.length >= 2 && isDeviceRoot(p.charCodeAt(0)) && p.charCodeAt(1) === 58) start = 2;
  let end = -1;
  let matchedSlash = true;
  if (suffix !== undefined && suffix.length > 0 && suffix.length <= p.length) {
    if (suffix === p) return "";
    let extIdx = suffix.length - 1;
    let firstNonSlashEnd = -1;
    for (let i = p.length - 1; i >= start; --i) {
      const code = p.charCodeAt(i);
      if (isSep(code)) {
        if (!matchedSlash) {
          start = i + 1;
          break;
        }
      } else {
        if (firstNonSlashEnd === -1) {
          matchedSlash = false;
          firstNonSlashEnd = i + 1;
        }
        if (extIdx >= 0) {
          if (code === suffix.charCodeAt(extIdx)) {
            if (--extIdx === -1) end = i;
          } else {
            extIdx = -1;
            end = firstNonSlashEnd;
          }
        }
      }
    }
    if (start === end) end = firstNonSlashEnd;
    else if (end === -1) end = p.length;
    return p.slice(start, end);
  }
  for (let i = p.length - 1; i >= start; --i) {
    if (isSep(p.charCodeAt(i))) {
      if (!matchedSlash) {
        start = i + 1;
        break;
      }
    } else if (end === -1) {
      matchedSlash = false;
      end = i + 1;
    }
  }
  if (end === -1) return "";
  return p.slice(start, end);
}

function extname(p) {
  return extnameImpl(p, isPosixSep);
}

function extnameImpl(p, isSep) {
  assertPath(p);
  let start = 0;
  if (isSep === isWinSep && p.length >= 2 && p.charCodeAt(1) === 58 && isDeviceRoot(p.charCodeAt(0))) start = 2;
  let startDot = -1;
  let startPart = start;
  let end = -1;
  let matchedSlash = true;
  let preDotState = 0;
  for (let i = p.length - 1; i >= start; --i) {
    const code = p.charCodeAt(i);
    if (isSep(code)) {
      if (!matchedSlash) {
        startPart = i + 1;
        break;
      }
      continue;
    }
    if (end === -1) {
      matchedSlash = false;
      end = i + 1;
    }
    if (code === 46) {
      if (startDot === -1) startDot = i;
      else if (preDotState !== 1) preDotState = 1;
    } else if (startDot !== -1) {
      preDotState = -1;
    }
  }
  if (startDot === -1 || end === -1 || preDotState === 0 ||
      (preDotState === 1 && startDot === end - 1 && startDot === startPart + 1)) {
    return "";
  }
  return p.slice(startDot, end);
}

function format(pathObject) {
  return formatImpl(pathObject, "/");
}

function formatImpl(pathObject, sep) {
  if (pathObject === null || typeof pathObject !== "object") {
    const e = new TypeError(`The "pathObject" argument must be of type object. Received ${describe(pathObject)}`);
    e.code = "ERR_INVALID_ARG_TYPE";
    throw e;
  }
  const dir = pathObject.dir || pathObject.root;
  let base = pathObject.base;
  if (!base) {
    const ext = pathObject.ext ? (pathObject.ext[0] === "." ? "" : ".") + pathObject.ext : "";
    base = `${pathObject.name || ""}${ext}`;
  }
  if (!dir) return base;
  return dir === pathObject.root ? `${dir}${base}` : `${dir}${sep}${base}`;
}

function parse(p) {
  assertPath(p);
  const ret = { root: "", dir: "", base: "", ext: "", name: "" };
  if (p.length === 0) return ret;
  const isAbs = p.charCodeAt(0) === 47;
  let start;
  if (isAbs) {
    ret.root = "/";
    start = 1;
  } else {
    start = 0;
  }
  let startDot = -1;
  let startPart = 0;
  let end = -1;
  let matchedSlash = true;
  let i = p.length - 1;
  let preDotState = 0;
  for (; i >= start; --i) {
    const code = p.charCodeAt(i);
    if (code === 47) {
      if (!matchedSlash) {
        startPart = i + 1;
        break;
      }
      continue;
    }
    if (end === -1) {
      matchedSlash = false;
      end = i + 1;
    }
    if (code === 46) {
      if (startDot === -1) startDot = i;
      else if (preDotState !== 1) preDotState = 1;
    } else if (startDot !== -1) {
      preDotState = -1;
    }
  }
  if (end !== -1) {
    const start2 = startPart === 0 && isAbs ? 1 : startPart;
    if (startDot === -1 || preDotState === 0 ||
        (preDotState === 1 && startDot === end - 1 && startDot === startPart + 1)) {
      ret.base = ret.name = p.slice(start2, end);
    } else {
      ret.name = p.slice(start2, startDot);
      ret.base = p.slice(start2, end);
      ret.ext = p.slice(startDot, end);
    }
  }
  if (startPart > 0) ret.dir = p.slice(0, startPart - 1);
  else if (isAbs) ret.dir = "/";
  return ret;
}

// ---- matchesGlob -------------------------------------------------------------------------
// A minimatch-style matcher: * ? [class] {a,b} and ** (whole segments, none starting with "."),
// with leading dots matched only literally.

function expandBraces(pat) {
  let depth = 0;
  let open = -1;
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i];
    if (c === "\\") {
      i++;
    } else if (c === "{") {
      if (depth++ === 0) open = i;
    } else if (c === "}" && depth > 0 && --depth === 0) {
      const body = pat.slice(open + 1, i);
      const parts = [];
      let d = 0;
      let last = 0;
      for (let j = 0; j < body.length; j++) {
        const cj = body[j];
        if (cj === "\\") j++;
        else if (cj === "{") d++;
        else if (cj === "}") d--;
        else if (cj === "," && d === 0) {
          parts.push(body.slice(last, j));
          last = j + 1;
        }
      }
      parts.push(body.slice(last));
      if (parts.length < 2) continue;
      const pre = pat.slice(0, open);
      const post = pat.slice(i + 1);
      return parts.flatMap((part) => expandBraces(pre + part + post));
    }
  }
  return [pat];
}

function segmentRegExp(seg, escapes) {
  let re = "";
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (c === "\\" && escapes && i + 1 < seg.length) {
      re += seg[++i].replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    } else if (c === "*") {
      while (seg[i + 1] === "*") i++;
      re += "[^/]*";
    } else if (c === "?") {
      re += "[^/]";
    } else if (c === "[") {
      const close = seg.indexOf("]", i + 2);
      if (close < 0) {
        re += "\\[";
        continue;
      }
      let body = seg.slice(i + 1, close);
      let neg = false;
      if (body[0] === "!" || body[0] === "^") {
        neg = true;
        body = body.slice(1);
      }
      re += `[${neg ? "^" : ""}${body.replace(/[\\\]^]/g, "\\$&")}]`;
      i = close;
    } else {
      re += c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    }
  }
  return new RegExp(`^${re}$`);
}

function matchSegments(file, pat, escapes) {
  const memo = new Map();
  const rec = (fi, pi) => {
    const key = fi * (pat.length + 1) + pi;
    if (memo.has(key)) return memo.get(key);
    let r;
    if (pi === pat.length) {
      r = fi === file.length || (fi === file.length - 1 && file[fi] === "");
    } else if (pat[pi] === "**") {
      const last = pi === pat.length - 1;
      r = !last && rec(fi, pi + 1);
      for (let k = fi; !r && k < file.length; k++) {
        const f = file[k];
        if (f === "" && k === file.length - 1) break;
        if (f.startsWith(".")) break;
        r = rec(k + 1, pi + 1);
      }
    } else if (fi >= file.length) {
      r = false;
    } else {
      const f = file[fi];
      const p = pat[pi];
      if (f.startsWith(".") && !p.startsWith(".") && !(escapes && p.startsWith("\\."))) {
        r = false;
      } else {
        r = segmentRegExp(p, escapes).test(f) && rec(fi + 1, pi + 1);
      }
    }
    memo.set(key, r);
    return r;
  };
  return rec(0, 0);
}

function splitPath(p, windows) {
  const parts = p.split(windows ? /[\\/]/ : "/");
  // Empty segments between others ("a//b") do not count.
  return parts.filter((x, i) => x !== "" || i === 0 || i === parts.length - 1);
}

function globMatch(p, pattern, windows) {
  assertPath(p);
  assertPath(pattern, "pattern");
  const file = splitPath(p, windows);
  for (const alt of expandBraces(pattern)) {
    // Backslashes are not escapes (workerd: "a\\*b" does not match "a*b").
    if (matchSegments(file, splitPath(alt, windows), false)) return true;
  }
  return false;
}

function matchesGlob(p, pattern) {
  return globMatch(p, pattern, false);
}

const sep = "/";
const delimiter = ":";

const posix = {
  resolve, normalize, isAbsolute, join, relative, toNamespacedPath, dirname, basename,
  extname, format, parse, matchesGlob, sep, delimiter, win32: null, posix: null,
};

// uncRoot reads a \\server\share prefix from p (which starts with two separators): the index
// after the share and the device string, or undefined. whole reports a p that is only the root.
function uncRoot(p) {
  const len = p.length;
  let j = 2;
  let last = j;
  while (j < len && !isWinSep(p.charCodeAt(j))) j++;
  if (j < len && j !== last) {
    const firstPart = p.slice(last, j);
    last = j;
    while (j < len && isWinSep(p.charCodeAt(j))) j++;
    if (j < len && j !== last) {
      last = j;
      while (j < len && !isWinSep(p.charCodeAt(j))) j++;
      if (j === len || j !== last) {
        return { end: j, device: `\\\\${firstPart}\\${p.slice(last, j)}`, whole: j === len };
      }
    }
  }
  return undefined;
}

const win32 = {
  sep: "\\",
  delimiter: ";",
  resolve(...args) {
    let resolvedDevice = "";
    let resolvedTail = "";
    let resolvedAbsolute = false;
    for (let i = args.length - 1; i >= -1; i--) {
      let p;
      if (i >= 0) {
        p = args[i];
        assertPath(p, `paths[${i}]`);
        if (p.length === 0) continue;
      } else if (resolvedDevice.length === 0) {
        p = "/";
      } else {
        p = `${resolvedDevice}\\`;
      }
      const len = p.length;
      let rootEnd = 0;
      let device = "";
      let isAbs = false;
      const code = p.charCodeAt(0);
      if (len === 1) {
        if (isWinSep(code)) {
          rootEnd = 1;
          isAbs = true;
        }
      } else if (isWinSep(code)) {
        isAbs = true;
        if (isWinSep(p.charCodeAt(1))) {
          const u = uncRoot(p);
          if (u) {
            device = u.device;
            rootEnd = u.end;
          }
        } else {
          rootEnd = 1;
        }
      } else if (isDeviceRoot(code) && p.charCodeAt(1) === 58) {
        device = p.slice(0, 2);
        rootEnd = 2;
        if (len > 2 && isWinSep(p.charCodeAt(2))) {
          isAbs = true;
          rootEnd = 3;
        }
      }
      if (device.length > 0) {
        if (resolvedDevice.length > 0) {
          if (device.toLowerCase() !== resolvedDevice.toLowerCase()) continue;
        } else {
          resolvedDevice = device;
        }
      }
      if (resolvedAbsolute) {
        if (resolvedDevice.length > 0) break;
      } else {
        resolvedTail = `${p.slice(rootEnd)}\\${resolvedTail}`;
        resolvedAbsolute = isAbs;
        if (isAbs && resolvedDevice.length > 0) break;
      }
    }
    resolvedTail = normalizeString(resolvedTail, !resolvedAbsolute, "\\", isWinSep);
    return resolvedAbsolute ? `${resolvedDevice}\\${resolvedTail}` : `${resolvedDevice}${resolvedTail}` || ".";
  },
  normalize(p) {
    assertPath(p);
    const len = p.length;
    if (len === 0) return ".";
    let rootEnd = 0;
    let device;
    let isAbs = false;
    const code = p.charCodeAt(0);
    if (len === 1) return isPosixSep(code) ? "\\" : p;
    if (isWinSep(code)) {
      isAbs = true;
      if (isWinSep(p.charCodeAt(1))) {
        const u = uncRoot(p);
        if (u) {
          if (u.whole) return `${u.device}\\`;
          device = u.device;
          rootEnd = u.end;
        }
      } else {
        rootEnd = 1;
      }
    } else if (isDeviceRoot(code) && p.charCodeAt(1) === 58) {
      device = p.slice(0, 2);
      rootEnd = 2;
      if (len > 2 && isWinSep(p.charCodeAt(2))) {
        isAbs = true;
        rootEnd = 3;
      }
    }
    let tail = rootEnd < len ? normalizeString(p.slice(rootEnd), !isAbs, "\\", isWinSep) : "";
    if (tail.length === 0 && !isAbs) tail = ".";
    if (tail.length > 0 && isWinSep(p.charCodeAt(len - 1))) tail += "\\";
    if (device === undefined) return isAbs ? `\\${tail}` : tail;
    return isAbs ? `${device}\\${tail}` : `${device}${tail}`;
  },
  isAbsolute(p) {
    assertPath(p);
    const len = p.length;
    if (len === 0) return false;
    const code = p.charCodeAt(0);
    return isWinSep(code) || (len > 2 && isDeviceRoot(code) && p.charCodeAt(1) === 58 && isWinSep(p.charCodeAt(2)));
  },
  join(...args) {
    if (args.length === 0) return ".";
    let joined;
    let firstPart;
    for (const arg of args) {
      assertPath(arg);
      if (arg.length > 0) {
        if (joined === undefined) joined = firstPart = arg;
        else joined += `\\${arg}`;
      }
    }
    if (joined === undefined) return ".";
    let needsReplace = true;
    let slashCount = 0;
    if (isWinSep(firstPart.charCodeAt(0))) {
      ++slashCount;
      const firstLen = firstPart.length;
      if (firstLen > 1 && isWinSep(firstPart.charCodeAt(1))) {
        ++slashCount;
        if (firstLen > 2) {
          if (isWinSep(firstPart.charCodeAt(2))) ++slashCount;
          else needsReplace = false;
        }
      }
    }
    if (needsReplace) {
      while (slashCount < joined.length && isWinSep(joined.charCodeAt(slashCount))) slashCount++;
      if (slashCount >= 2) joined = `\\${joined.slice(slashCount)}`;
    }
    return win32.normalize(joined);
  },
  dirname(p) {
    assertPath(p);
    const len = p.length;
    if (len === 0) return ".";
    let rootEnd = -1;
    let offset = 0;
    const code = p.charCodeAt(0);
    if (len === 1) return isWinSep(code) ? p : ".";
    if (isWinSep(code)) {
      rootEnd = offset = 1;
      if (isWinSep(p.charCodeAt(1))) {
        const u = uncRoot(p);
        if (u) {
          if (u.whole) return p;
          rootEnd = offset = u.end + 1;
        }
      }
    } else if (isDeviceRoot(code) && p.charCodeAt(1) === 58) {
      rootEnd = len > 2 && isWinSep(p.charCodeAt(2)) ? 3 : 2;
      offset = rootEnd;
    }
    let end = -1;
    let matchedSlash = true;
    for (let i = len - 1; i >= offset; --i) {
      if (isWinSep(p.charCodeAt(i))) {
        if (!matchedSlash) {
          end = i;
          break;
        }
      } else {
        matchedSlash = false;
      }
    }
    if (end === -1) {
      if (rootEnd === -1) return ".";
      end = rootEnd;
    }
    return p.slice(0, end);
  },
  basename(p, suffix) {
    return basenameImpl(p, suffix, isWinSep, 0);
  },
  extname(p) {
    return extnameImpl(p, isWinSep);
  },
  format(pathObject) {
    return formatImpl(pathObject, "\\");
  },
  relative(from, to) {
    assertPath(from, "from");
    assertPath(to, "to");
    if (from === to) return "";
    const fromOrig = win32.resolve(from);
    const toOrig = win32.resolve(to);
    if (fromOrig === toOrig) return "";
    from = fromOrig.toLowerCase();
    to = toOrig.toLowerCase();
    if (from === to) return "";
    let fromStart = 0;
    while (fromStart < from.length && from.charCodeAt(fromStart) === 92) fromStart++;
    let fromEnd = from.length;
    while (fromEnd - 1 > fromStart && from.charCodeAt(fromEnd - 1) === 92) fromEnd--;
    const fromLen = fromEnd - fromStart;
    let toStart = 0;
    while (toStart < to.length && to.charCodeAt(toStart) === 92) toStart++;
    let toEnd = to.length;
    while (toEnd - 1 > toStart && to.charCodeAt(toEnd - 1) === 92) toEnd--;
    const toLen = toEnd - toStart;
    const length = fromLen < toLen ? fromLen : toLen;
    let lastCommonSep = -1;
    let i = 0;
    for (; i < length; i++) {
      const fromCode = from.charCodeAt(fromStart + i);
      if (fromCode !== to.charCodeAt(toStart + i)) break;
      else if (fromCode === 92) lastCommonSep = i;
    }
    if (i !== length) {
      if (lastCommonSep === -1) return toOrig;
    } else {
      if (toLen > length) {
        if (to.charCodeAt(toStart + i) === 92) return toOrig.slice(toStart + i + 1);
        if (i === 2) return toOrig.slice(toStart + i);
      }
      if (fromLen > length) {
        if (from.charCodeAt(fromStart + i) === 92) lastCommonSep = i;
        else if (i === 2) lastCommonSep = 3;
      }
      if (lastCommonSep === -1) lastCommonSep = 0;
    }
    let out = "";
    for (i = fromStart + lastCommonSep + 1; i <= fromEnd; ++i) {
      if (i === fromEnd || from.charCodeAt(i) === 92) out += out.length === 0 ? ".." : "\\..";
    }
    toStart += lastCommonSep;
    if (out.length > 0) return `${out}${toOrig.slice(toStart, toEnd)}`;
    if (toOrig.charCodeAt(toStart) === 92) ++toStart;
    return toOrig.slice(toStart, toEnd);
  },
  toNamespacedPath(p) {
    if (typeof p !== "string" || p.length === 0) return p;
    const resolved = win32.resolve(p);
    if (resolved.length <= 2) return p;
    if (resolved.charCodeAt(0) === 92) {
      if (resolved.charCodeAt(1) === 92) {
        const code = resolved.charCodeAt(2);
        if (code !== 63 && code !== 46) return `\\\\?\\UNC\\${resolved.slice(2)}`;
      }
    } else if (isDeviceRoot(resolved.charCodeAt(0)) && resolved.charCodeAt(1) === 58 && resolved.charCodeAt(2) === 92) {
      return `\\\\?\\${resolved}`;
    }
    return resolved;
  },
  parse(p) {
    assertPath(p);
    const ret = { root: "", dir: "", base: "", ext: "", name: "" };
    if (p.length === 0) return ret;
    const len = p.length;
    let rootEnd = 0;
    let code = p.charCodeAt(0);
    if (len === 1) {
      if (isWinSep(code)) {
        ret.root = ret.dir = p;
        return ret;
      }
      ret.base = ret.name = p;
      return ret;
    }
    if (isWinSep(code)) {
      rootEnd = 1;
      if (isWinSep(p.charCodeAt(1))) {
        const u = uncRoot(p);
        if (u) rootEnd = u.whole ? u.end : u.end + 1;
      }
    } else if (isDeviceRoot(code) && p.charCodeAt(1) === 58) {
      if (len <= 2) {
        ret.root = ret.dir = p;
        return ret;
      }
      rootEnd = 2;
      if (isWinSep(p.charCodeAt(2))) {
        if (len === 3) {
          ret.root = ret.dir = p;
          return ret;
        }
        rootEnd = 3;
      }
    }
    if (rootEnd > 0) ret.root = p.slice(0, rootEnd);
    let startDot = -1;
    let startPart = rootEnd;
    let end = -1;
    let matchedSlash = true;
    let preDotState = 0;
    for (let i = p.length - 1; i >= rootEnd; --i) {
      code = p.charCodeAt(i);
      if (isWinSep(code)) {
        if (!matchedSlash) {
          startPart = i + 1;
          break;
        }
        continue;
      }
      if (end === -1) {
        matchedSlash = false;
        end = i + 1;
      }
      if (code === 46) {
        if (startDot === -1) startDot = i;
        else if (preDotState !== 1) preDotState = 1;
      } else if (startDot !== -1) {
        preDotState = -1;
      }
    }
    if (end !== -1) {
      if (startDot === -1 || preDotState === 0 ||
          (preDotState === 1 && startDot === end - 1 && startDot === startPart + 1)) {
        ret.base = ret.name = p.slice(startPart, end);
      } else {
        ret.name = p.slice(startPart, startDot);
        ret.base = p.slice(startPart, end);
        ret.ext = p.slice(startDot, end);
      }
    }
    if (startPart > 0 && startPart !== rootEnd) ret.dir = p.slice(0, startPart - 1);
    else ret.dir = ret.root;
    return ret;
  },
  matchesGlob(p, pattern) {
    return globMatch(p, pattern, true);
  },
  win32: null,
  posix,
};
win32.win32 = win32;
posix.win32 = win32;
posix.posix = posix;

export default posix;
export {
  resolve, normalize, isAbsolute, join, relative, toNamespacedPath, dirname, basename,
  extname, format, parse, matchesGlob, sep, delimiter, posix, win32,
};
