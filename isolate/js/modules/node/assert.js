// node:assert — Node's assertion API as workerd provides it. As in workerd, the default
// export behaves like assert.strict: equal/notEqual/deepEqual/notDeepEqual compare strictly
// (Object.is and strict deep equality), and the messages follow workerd's wording.
const internals = globalThis[Symbol.for("nanod.internals")];

const kMaxShortLength = 12;
const kReadable = {
  deepStrictEqual: "Expected values to be strictly deep-equal:",
  strictEqual: "Expected values to be strictly equal:",
  strictEqualObject: 'Expected "actual" to be reference-equal to "expected":',
  deepEqual: "Expected values to be loosely deep-equal:",
  notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
  notStrictEqual: 'Expected "actual" to be strictly unequal to:',
  notStrictEqualObject: 'Expected "actual" not to be reference-equal to "expected":',
  notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:',
  notDeepEqualUnequal: "Expected values not to be loosely deep-equal:",
  notIdentical: "Values have same structure but are not reference-equal:",
  partialDeepStrictEqual: "Expected values to be partially and strictly deep-equal:",
};

// ---- inspect ------------------------------------------------------------------------------
// The runtime's util.inspect when it shares it; otherwise a compact Node-style formatter.

function inspect(v, opts) {
  const rt = internals?.inspect;
  if (typeof rt === "function") {
    try {
      return rt(v, { depth: 1000, customInspect: false, ...opts });
    } catch {
      // fall through to our own
    }
  }
  return fallbackInspect(v, opts?.depth ?? 6);
}

const identRe = /^[A-Za-z_$][\w$]*$/;

function quote(s) {
  let q = "'";
  if (s.includes("'")) {
    if (!s.includes('"')) q = '"';
    else if (!s.includes("`") && !s.includes("${")) q = "`";
  }
  let out = "";
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (ch === q || ch === "\\") out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (ch === "\v") out += "\\v";
    else if (c < 0x20 || c === 0x7f) out += "\\x" + c.toString(16).toUpperCase().padStart(2, "0");
    else out += ch;
  }
  return q + out + q;
}

function keyString(k) {
  if (typeof k === "symbol") return `[${k.toString()}]`;
  return identRe.test(k) ? k : quote(k);
}

function fallbackInspect(value, maxDepth) {
  const seen = [];
  const fmt = (v, depth, indent) => {
    switch (typeof v) {
      case "string": return quote(v);
      case "number": return Object.is(v, -0) ? "-0" : String(v);
      case "bigint": return `${v}n`;
      case "symbol": return v.toString();
      case "undefined": return "undefined";
      case "boolean": return String(v);
      case "function": {
        const src = Function.prototype.toString.call(v);
        if (src.startsWith("class")) return `[class ${v.name || "(anonymous)"}]`;
        return `[Function: ${v.name || "(anonymous)"}]`;
      }
    }
    if (v === null) return "null";
    if (seen.includes(v)) return "[Circular *1]";
    const tag = Object.prototype.toString.call(v).slice(8, -1);
    const proto = Object.getPrototypeOf(v);
    const ctor = proto === null ? null : (proto.constructor?.name ?? "");
    if (v instanceof Date) return isNaN(v.getTime()) ? "Invalid Date" : v.toISOString();
    if (v instanceof RegExp) return String(v);
    if (v instanceof Error) {
      const name = v.name ?? "Error";
      return v.message ? `[${name}: ${v.message}]` : `[${name}]`;
    }
    if (v instanceof Number || v instanceof String || v instanceof Boolean || v instanceof BigInt || v instanceof Symbol) {
      return `[${tag}: ${fmt(v.valueOf(), depth, indent)}]`;
    }
    if (depth > maxDepth) return Array.isArray(v) ? "[Array]" : `[${ctor || "Object"}]`;
    seen.push(v);
    try {
      let prefix = "";
      let entries = [];
      let open = "{", close = "}";
      const next = indent + "  ";
      const propEntries = (skipIndices) => {
        const out = [];
        for (const k of Reflect.ownKeys(v)) {
          if (!Object.prototype.propertyIsEnumerable.call(v, k)) continue;
          if (skipIndices && typeof k === "string" && /^(0|[1-9]\d*)$/.test(k)) continue;
          const d = Object.getOwnPropertyDescriptor(v, k);
          const val = "value" in d ? fmt(d.value, depth + 1, next) : d.get && d.set ? "[Getter/Setter]" : d.get ? "[Getter]" : "[Setter]";
          out.push(`${keyString(k)}: ${val}`);
        }
        return out;
      };
      if (Array.isArray(v)) {
        open = "[";
        close = "]";
        if (ctor !== "Array") prefix = `${ctor}(${v.length}) `;
        let holes = 0;
        for (let i = 0; i < v.length; i++) {
          if (!(i in v)) {
            holes++;
            continue;
          }
          if (holes) entries.push(`<${holes} empty item${holes > 1 ? "s" : ""}>`);
          holes = 0;
          if (entries.length >= 100) {
            entries.push(`... ${v.length - i} more item${v.length - i > 1 ? "s" : ""}`);
            break;
          }
          entries.push(fmt(v[i], depth + 1, next));
        }
        if (holes) entries.push(`<${holes} empty item${holes > 1 ? "s" : ""}>`);
        entries.push(...propEntries(true));
      } else if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
        open = "[";
        close = "]";
        prefix = `${ctor || tag}(${v.length}) `;
        const n = Math.min(v.length, 100);
        for (let i = 0; i < n; i++) entries.push(fmt(v[i], depth + 1, next));
        if (v.length > n) entries.push(`... ${v.length - n} more item${v.length - n > 1 ? "s" : ""}`);
      } else if (v instanceof ArrayBuffer) {
        const bytes = [...new Uint8Array(v, 0, Math.min(v.byteLength, 50))].map((b) => b.toString(16).padStart(2, "0"));
        prefix = "ArrayBuffer ";
        entries.push(`[Uint8Contents]: <${bytes.join(" ")}${v.byteLength > 50 ? ` ... ${v.byteLength - 50} more bytes` : ""}>`, `byteLength: ${v.byteLength}`);
      } else if (v instanceof Map) {
        prefix = `${ctor || "Map"}(${v.size}) `;
        for (const [k, val] of v) entries.push(`${fmt(k, depth + 1, next)} => ${fmt(val, depth + 1, next)}`);
        entries.push(...propEntries(false));
      } else if (v instanceof Set) {
        prefix = `${ctor || "Set"}(${v.size}) `;
        for (const k of v) entries.push(fmt(k, depth + 1, next));
        entries.push(...propEntries(false));
      } else {
        if (proto === null) prefix = "[Object: null prototype] ";
        else if (ctor && ctor !== "Object") prefix = `${ctor} `;
        else if (!ctor) prefix = `${tag} `;
        if (typeof v[Symbol.toStringTag] === "string" && v[Symbol.toStringTag] !== ctor) {
          prefix = `${prefix.trimEnd() || "Object"} [${v[Symbol.toStringTag]}] `;
        }
        entries = propEntries(false);
      }
      if (entries.length === 0) {
        if (v instanceof Map || v instanceof Set || ArrayBuffer.isView(v)) return `${prefix}${open}${close}`;
        return `${prefix}${open}${close}`;
      }
      const single = `${prefix}${open} ${entries.join(", ")} ${close}`;
      if (single.length + indent.length <= 80 && !single.includes("\n")) return single;
      return `${prefix}${open}\n${next}${entries.join(`,\n${next}`)}\n${indent}${close}`;
    } finally {
      seen.pop();
    }
  };
  return fmt(value, 0, "");
}

// ---- errors -------------------------------------------------------------------------------

// Errors carry Node's "[CODE]" in their name while V8 formats the stack's first line, which it
// does lazily: read the stack once with that name, then drop it.
function withCodeInStack(err, code) {
  const name = err.name;
  err.name = `${name} [${code}]`;
  void err.stack;
  if (Object.prototype.hasOwnProperty.call(err, "name")) delete err.name;
  if (err.name !== name) err.name = name;
}

function codedError(Base, code, message) {
  const e = new Base(message);
  Object.defineProperty(e, "code", { value: code, enumerable: true, writable: true, configurable: true });
  Object.defineProperty(e, "toString", {
    value() { return `${this.name} [${this.code}]: ${this.message}`; },
    writable: true, configurable: true, enumerable: false,
  });
  Error.captureStackTrace?.(e, codedError);
  withCodeInStack(e, code);
  return e;
}

function received(v) {
  if (v == null) return ` Received ${v}`;
  if (typeof v === "function") return ` Received function ${v.name}`;
  if (typeof v === "object") {
    const ctor = v.constructor?.name;
    return ctor ? ` Received an instance of ${ctor}` : ` Received ${inspect(v, { depth: -1 })}`;
  }
  let s = inspect(v, { colors: false });
  if (s.length > 28) s = s.slice(0, 25) + "...";
  return ` Received type ${typeof v} (${s})`;
}

function invalidArgType(name, expected, actual) {
  return codedError(TypeError, "ERR_INVALID_ARG_TYPE", `The "${name}" argument must be ${expected}.${received(actual)}`);
}

// AssertionError is what a failed assertion throws.
export class AssertionError extends Error {
  constructor(options) {
    if (options === null || typeof options !== "object") throw invalidArgType("options", "of type object", options);
    const { message, operator, stackStartFn, stackStartFunction, details } = options;
    let { actual, expected } = options;
    let msg;
    if (message != null) {
      msg = String(message);
    } else if (details) {
      msg = details.map((d) => d.message).join("\n");
    } else {
      msg = generatedMessage(actual, expected, operator);
    }
    super(msg);
    this.generatedMessage = message == null;
    this.code = "ERR_ASSERTION";
    this.actual = actual;
    this.expected = expected;
    this.operator = operator;
    Error.captureStackTrace?.(this, stackStartFn || stackStartFunction || AssertionError);
    withCodeInStack(this, "ERR_ASSERTION");
  }

  toString() { return `${this.name} [${this.code}]: ${this.message}`; }
}
Object.defineProperty(AssertionError.prototype, "name", { value: "AssertionError", writable: true, configurable: true, enumerable: false });

function generatedMessage(actual, expected, operator) {
  if (actual instanceof Error && expected instanceof Error && "stack" in actual && "stack" in expected) {
    actual = copyError(actual);
    expected = copyError(expected);
  }
  if (operator === "deepStrictEqual" || operator === "strictEqual") {
    return errDiff(actual, expected, operator);
  }
  if (operator === "notDeepStrictEqual" || operator === "notStrictEqual") {
    let base = kReadable[operator];
    const lines = diffInspect(actual).split("\n");
    if (operator === "notStrictEqual" && ((typeof actual === "object" && actual !== null) || typeof actual === "function")) {
      base = kReadable.notStrictEqualObject;
    }
    if (lines.length > 50) {
      lines[46] = "...";
      lines.length = 47;
    }
    return lines.length === 1 ? `${base}${lines[0].length > 5 ? "\n\n" : " "}${lines[0]}` : `${base}\n\n${lines.join("\n")}\n`;
  }
  let res = diffInspect(actual);
  let other = diffInspect(expected);
  if (operator === "notDeepEqual" && res === other) {
    res = `${kReadable.notDeepEqual}\n\n${res}`;
    return res.length > 1024 ? `${res.slice(0, 1021)}...` : res;
  }
  if (res.length > 512) res = `${res.slice(0, 509)}...`;
  if (other.length > 512) other = `${other.slice(0, 509)}...`;
  if (operator === "deepEqual") return `${kReadable.deepEqual}\n\n${res}\n\nshould loosely deep-equal\n\n${other}`;
  if (operator === "notDeepEqual") return `${kReadable.notDeepEqualUnequal}\n\n${res}\n\nshould not loosely deep-equal\n\n${other}`;
  return `${res} ${operator} ${other}`;
}

// lineDiff compares two lists of lines (longest common subsequence): each result entry is
// [" ", line], ["-", line] (only in a) or ["+", line] (only in b), removals before additions.
function lineDiff(a, b) {
  const n = a.length, m = b.length;
  if (n * m > 4e6) {
    return [...a.map((l) => ["-", l]), ...b.map((l) => ["+", l])];
  }
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out = [];
  let i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push([" ", a[i++]]);
      j++;
    } else if (j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) {
      out.push(["-", a[i++]]);
    } else {
      out.push(["+", b[j++]]);
    }
  }
  return out;
}

// diffInspect is how workerd's assertion messages show a value: compact, keys sorted, getters'
// values, every array item, no custom inspection.
function diffInspect(v) {
  return inspect(v, { compact: true, customInspect: false, depth: 1000, maxArrayLength: Infinity, showHidden: false, showProxy: false, sorted: true, getters: true });
}

// copyError stands in for an error in a message: its enumerable own properties and its message,
// but no stack (so it prints as "[Error: message]").
function copyError(source) {
  const target = Object.create(Object.getPrototypeOf(source));
  for (const key of Object.keys(source)) {
    const desc = Object.getOwnPropertyDescriptor(source, key);
    if (desc !== undefined) Object.defineProperty(target, key, desc);
  }
  Object.defineProperty(target, "message", { value: source.message });
  return target;
}

// errDiff is the message of a failed deepStrictEqual: "+ actual - expected" and the values
// compared line by line (as workerd's assertion errors do: no sequence alignment), identical
// runs shortened, and a caret under the first difference when both fit on one short line.
function errDiff(actual, expected, operator) {
  const header = kReadable[operator];
  const actualInspected = diffInspect(actual);
  const aLines = actualInspected.split("\n");
  const eLines = diffInspect(expected).split("\n");
  let i = 0;
  let indicator = "";
  if (aLines.length === 1 && eLines.length === 1 && aLines[0] !== eLines[0]) {
    const len = aLines[0].length + eLines[0].length;
    if (len <= kMaxShortLength) {
      const isObj = (v) => typeof v === "object" && v !== null;
      if (!isObj(actual) && !isObj(expected) && (actual !== 0 || expected !== 0)) {
        return `${header}\n\n${aLines[0]} !== ${eLines[0]}\n`;
      }
    } else if (len < 80) {
      while (aLines[0][i] === eLines[0][i]) i++;
      if (i > 2) {
        indicator = `\n  ${" ".repeat(i)}^`;
        i = 0;
      }
    }
  }

  // Common trailing lines: up to three are kept as context, the rest is elided.
  let end = "";
  let other = "";
  while (aLines.at(-1) === eLines.at(-1)) {
    if (i++ < 3) end = `\n  ${aLines.at(-1)}${end}`;
    else other = aLines.at(-1);
    aLines.pop();
    eLines.pop();
    if (aLines.length === 0 || eLines.length === 0) break;
  }
  const maxLines = Math.max(aLines.length, eLines.length);
  if (maxLines === 0) {
    const lines = actualInspected.split("\n");
    if (lines.length > 50) {
      lines[46] = "...";
      lines.length = 47;
    }
    return `${kReadable.notIdentical}\n\n${lines.join("\n")}\n`;
  }
  let skipped = false;
  if (i >= 5) {
    end = `\n...${end}`;
    skipped = true;
  }
  if (other !== "") {
    end = `\n  ${other}${end}`;
    other = "";
  }

  const msg = `${header}\n+ actual - expected`;
  const skippedMsg = " ... Lines skipped";
  let res = "";
  let printed = 0;
  let identical = 0;
  let lines = aLines;
  let sign = "+";
  let shorter = eLines.length;
  if (aLines.length < maxLines) {
    lines = eLines;
    sign = "-";
    shorter = aLines.length;
  }
  // Before a difference, the identical lines just passed: up to three shown, more elided.
  const context = (from) => {
    if (identical > 2) {
      if (identical > 3) {
        if (identical > 4) {
          if (identical === 5) {
            res += `\n  ${from[i - 3]}`;
            printed++;
          } else {
            res += "\n...";
            skipped = true;
          }
        }
        res += `\n  ${from[i - 2]}`;
        printed++;
      }
      res += `\n  ${from[i - 1]}`;
      printed++;
    }
    identical = 0;
  };
  for (i = 0; i < maxLines; i++) {
    if (shorter < i + 1) {
      context(lines);
      if (lines === aLines) res += `\n${sign} ${lines[i]}`;
      else other += `\n${sign} ${lines[i]}`;
      printed++;
    } else {
      const eLine = eLines[i];
      let aLine = aLines[i];
      // Lines that differ only by a trailing comma count as the same.
      let diverging = aLine !== eLine && (!aLine.endsWith(",") || aLine.slice(0, -1) !== eLine);
      if (diverging && eLine.endsWith(",") && eLine.slice(0, -1) === aLine) {
        diverging = false;
        aLine += ",";
      }
      if (diverging) {
        context(aLines);
        res += `\n+ ${aLine}`;
        other += `\n- ${eLine}`;
        printed += 2;
      } else {
        res += other;
        other = "";
        identical++;
        if (identical <= 2) {
          res += `\n  ${aLine}`;
          printed++;
        }
      }
    }
    if (printed > 50 && i < maxLines - 2) {
      return `${msg}${skippedMsg}\n${res}\n...${other}\n...`;
    }
  }
  return `${msg}${skipped ? skippedMsg : ""}\n${res}${other}${end}${indicator}`;
}

// strictEqual's message inspects with util.inspect's defaults (depth 2, custom inspection on).
const plainInspect = (v) => (typeof internals?.inspect === "function" ? internals.inspect(v) : fallbackInspect(v, 2));

// strictEqualMessage is workerd's message for a failed strictEqual: a "[Diff]" of the values,
// or a note that two objects only look the same.
function strictEqualMessage(actual, expected) {
  const shown = plainInspect(actual);
  if (shown === plainInspect(expected)) {
    const body = shown.split("\n").map((l) => `    ${l}`).join("\n");
    return `Values have the same structure but are not reference-equal:\n\n${body}\n`;
  }
  const strings = typeof actual === "string" && typeof expected === "string";
  const lines = (v) => {
    if (typeof v === "string" && strings) {
      const parts = v.split("\n");
      return parts.map((l, i) => (i < parts.length - 1 ? `${l}\\n` : l));
    }
    return plainInspect(v).split("\n");
  };
  const body = lineDiff(lines(actual), lines(expected))
    .map(([op, l]) => `${op === " " ? " " : op}   ${l}`)
    .join("\n");
  return `Values are not strictly equal:\n\n\n[Diff] Actual / Expected\n\n\n${body}\n${strings ? "\n" : ""}`;
}

// innerFail throws an AssertionError; a message given as an Error becomes its string.
function innerFail(obj) {
  if (obj.message instanceof Error) obj.message = String(obj.message);
  throw new AssertionError(obj);
}

// ---- deep equality ------------------------------------------------------------------------

const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
const isEnumerable = (o, k) => Object.prototype.propertyIsEnumerable.call(o, k);
const tagOf = (v) => Object.prototype.toString.call(v);

function bytesOf(v) {
  if (v instanceof ArrayBuffer || (typeof SharedArrayBuffer === "function" && v instanceof SharedArrayBuffer)) {
    return new Uint8Array(v);
  }
  return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
}

function sameBytes(a, b) {
  const x = bytesOf(a), y = bytesOf(b);
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

function isBoxed(v) {
  return v instanceof Number || v instanceof String || v instanceof Boolean ||
    (typeof BigInt === "function" && v instanceof BigInt) || v instanceof Symbol;
}

// ownKeys are the keys deep equality compares: own enumerable strings and symbols.
function ownKeys(o, skipIndices) {
  const keys = Object.keys(o);
  const out = skipIndices ? keys.filter((k) => !/^(0|[1-9]\d*)$/.test(k)) : keys;
  for (const s of Object.getOwnPropertySymbols(o)) if (isEnumerable(o, s)) out.push(s);
  return out;
}

/** isDeepStrictEqual is Node's strict deep equality (util.isDeepStrictEqual). */
function isDeepStrictEqual(a, b) {
  return deepEq(a, b, undefined);
}

function deepEq(a, b, memo) {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const tag = tagOf(a);
  if (tag !== tagOf(b)) return false;

  // Cycles, as Node tracks them: each side remembers the depth at which an object is being
  // compared; meeting two such objects again is equal only if they were met at the same depth.
  if (memo === undefined) {
    memo = { a: new Map(), b: new Map(), position: 0 };
  } else {
    const pa = memo.a.get(a);
    if (pa !== undefined) {
      const pb = memo.b.get(b);
      if (pb !== undefined) return pa === pb;
    }
    memo.position++;
  }
  memo.a.set(a, memo.position);
  memo.b.set(b, memo.position);
  const equal = deepEqObjects(a, b, tag, memo);
  memo.a.delete(a);
  memo.b.delete(b);
  return equal;
}

function deepEqObjects(a, b, tag, memo) {
  let skipIndices = false;
  if (Array.isArray(a)) {
    if (a.length !== b.length) return false;
  } else if (a instanceof Date) {
    if (a.getTime() !== b.getTime()) return false; // two invalid dates differ, as in workerd
  } else if (a instanceof RegExp) {
    if (a.source !== b.source || a.flags !== b.flags || a.lastIndex !== b.lastIndex) return false;
  } else if (isBoxed(a)) {
    if (!Object.is(a.valueOf(), b.valueOf())) return false;
  } else if (a instanceof Error || tag === "[object Error]") {
    // As workerd: name and message (never the stack, nor a non-enumerable cause or errors).
    if (a.message !== b.message || a.name !== b.name) return false;
  } else if (ArrayBuffer.isView(a)) {
    if (!sameBytes(a, b)) return false;
    skipIndices = !(a instanceof DataView);
    if (!skipIndices && a.byteLength !== b.byteLength) return false;
  } else if (a instanceof ArrayBuffer || (typeof SharedArrayBuffer === "function" && a instanceof SharedArrayBuffer)) {
    if (!sameBytes(a, b)) return false;
  } else if (a instanceof Map) {
    if (a.size !== b.size || !mapEq(a, b, memo)) return false;
  } else if (a instanceof Set) {
    if (a.size !== b.size || !setEq(a, b, memo)) return false;
  }
  const ka = ownKeys(a, skipIndices), kb = ownKeys(b, skipIndices);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!hasOwn(b, k) || !isEnumerable(b, k)) return false;
  }
  for (const k of ka) {
    if (!deepEq(a[k], b[k], memo)) return false;
  }
  return true;
}

const isObjectLike = (v) => (typeof v === "object" && v !== null) || typeof v === "function";

function setEq(a, b, memo) {
  let pending = null;
  for (const v of a) {
    if (isObjectLike(v)) (pending ??= []).push(v);
    else if (!b.has(v)) return false;
  }
  if (!pending) return true;
  const candidates = [];
  for (const v of b) if (isObjectLike(v) && !a.has(v)) candidates.push(v);
  for (const v of pending) {
    if (b.has(v)) continue;
    const i = candidates.findIndex((c) => deepEq(v, c, memo));
    if (i < 0) return false;
    candidates.splice(i, 1);
  }
  return true;
}

function mapEq(a, b, memo) {
  let pending = null;
  for (const [k, v] of a) {
    if (isObjectLike(k)) {
      (pending ??= []).push([k, v]);
    } else {
      if (!b.has(k) || !deepEq(v, b.get(k), memo)) return false;
    }
  }
  if (!pending) return true;
  const candidates = [];
  for (const [k, v] of b) if (isObjectLike(k)) candidates.push([k, v]);
  for (const [k, v] of pending) {
    const i = candidates.findIndex(([ck, cv]) => deepEq(k, ck, memo) && deepEq(v, cv, memo));
    if (i < 0) return false;
    candidates.splice(i, 1);
  }
  return true;
}

// partialEq is workerd's partial comparison: every enumerable key (and array index) of expected
// is in actual with a partially equal value, actual may have more. Dates, regexps and errors
// compare by value; Set members and Map keys must be strictly deep-equal. A pair already being
// compared counts as equal (cycles).
function partialEq(actual, expected, memo) {
  if (expected === null || typeof expected !== "object") return Object.is(actual, expected);
  if (actual === null || typeof actual !== "object") return false;
  let pairs = memo.get(actual);
  if (pairs?.has(expected)) return true;
  if (!pairs) memo.set(actual, (pairs = new Set()));
  pairs.add(expected);
  try {
    return partialEqObjects(actual, expected, memo);
  } finally {
    pairs.delete(expected);
    if (pairs.size === 0) memo.delete(actual);
  }
}

function partialEqObjects(actual, expected, memo) {
  if (expected instanceof Date) return actual instanceof Date && actual.getTime() === expected.getTime();
  if (expected instanceof RegExp) {
    return actual instanceof RegExp && actual.source === expected.source &&
      actual.flags === expected.flags && actual.lastIndex === expected.lastIndex;
  }
  if (expected instanceof Error) {
    return actual instanceof Error && actual.name === expected.name && actual.message === expected.message;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return false;
    for (let i = 0; i < expected.length; i++) {
      if (i in expected && (!(i in actual) || !partialEq(actual[i], expected[i], memo))) return false;
    }
    return true;
  }
  if (expected instanceof Set) {
    if (!(actual instanceof Set)) return false;
    for (const v of expected) {
      let found = false;
      for (const c of actual) {
        if (isDeepStrictEqual(v, c)) {
          found = true;
          break;
        }
      }
      if (!found) return false;
    }
    return true;
  }
  if (expected instanceof Map) {
    if (!(actual instanceof Map)) return false;
    outer: for (const [k, v] of expected) {
      for (const [ck, cv] of actual) {
        if (isDeepStrictEqual(k, ck)) {
          if (!partialEq(cv, v, memo)) return false;
          continue outer;
        }
      }
      return false;
    }
    return true;
  }
  if (Object.getPrototypeOf(actual) !== Object.getPrototypeOf(expected)) return false;
  for (const k of Object.keys(expected)) {
    if (!(k in actual) || !partialEq(actual[k], expected[k], memo)) return false;
  }
  for (const sym of Object.getOwnPropertySymbols(expected)) {
    if (isEnumerable(expected, sym) && (!(sym in actual) || !partialEq(actual[sym], expected[sym], memo))) return false;
  }
  return true;
}

// looseDeepEq is Node's loose deep equality (what new Assert({ strict: false }).deepEqual uses):
// primitives compare with ==, prototypes and symbol keys are ignored, the rest is as strict.
function looseDeepEq(a, b, memo) {
  if (a === b) return true;
  if (a === null || typeof a !== "object") {
    // eslint-disable-next-line eqeqeq
    return (b === null || typeof b !== "object") && (a == b || (Number.isNaN(a) && Number.isNaN(b)));
  }
  if (b === null || typeof b !== "object") return false;
  const tag = tagOf(a);
  if (tag !== tagOf(b)) return false;
  if (memo === undefined) {
    memo = { a: new Map(), b: new Map(), position: 0 };
  } else {
    const pa = memo.a.get(a);
    if (pa !== undefined) {
      const pb = memo.b.get(b);
      if (pb !== undefined) return pa === pb;
    }
    memo.position++;
  }
  memo.a.set(a, memo.position);
  memo.b.set(b, memo.position);
  const equal = looseEqObjects(a, b, memo);
  memo.a.delete(a);
  memo.b.delete(b);
  return equal;
}

function looseEqObjects(a, b, memo) {
  let skipIndices = false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      const inA = hasOwn(a, i);
      if (inA !== hasOwn(b, i) || (inA && !looseDeepEq(a[i], b[i], memo))) return false;
    }
    skipIndices = true;
  } else if (a instanceof Date) {
    if (!(b instanceof Date) || a.getTime() !== b.getTime()) return false;
  } else if (a instanceof RegExp) {
    if (!(b instanceof RegExp) || a.source !== b.source || a.flags !== b.flags || a.lastIndex !== b.lastIndex) return false;
  } else if (a instanceof Error) {
    if (!(b instanceof Error) || a.message !== b.message || a.name !== b.name) return false;
  } else if (isBoxed(a)) {
    if (!isBoxed(b) || !Object.is(a.valueOf(), b.valueOf())) return false;
  } else if (ArrayBuffer.isView(a)) {
    if (a instanceof Float32Array || a instanceof Float64Array) {
      if (a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    } else if (!sameBytes(a, b)) {
      return false;
    }
    skipIndices = !(a instanceof DataView);
  } else if (a instanceof ArrayBuffer || (typeof SharedArrayBuffer === "function" && a instanceof SharedArrayBuffer)) {
    if (!sameBytes(a, b)) return false;
  } else if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size || !looseMapEq(a, b, memo)) return false;
  } else if (a instanceof Set) {
    if (!(b instanceof Set) || a.size !== b.size || !looseSetEq(a, b, memo)) return false;
  }
  const keys = (o) => (skipIndices ? Object.keys(o).filter((k) => !/^(0|[1-9]\d*)$/.test(k)) : Object.keys(o));
  const ka = keys(a);
  if (ka.length !== keys(b).length) return false;
  for (const k of ka) if (!isEnumerable(b, k)) return false;
  for (const k of ka) if (!looseDeepEq(a[k], b[k], memo)) return false;
  return true;
}

// Each member of a needs its own loosely equal member of b.
function looseSetEq(a, b, memo) {
  const unmatched = [...b].filter((v) => !a.has(v));
  for (const v of a) {
    if (b.has(v)) continue;
    const i = unmatched.findIndex((c) => looseDeepEq(v, c, memo));
    if (i < 0) return false;
    unmatched.splice(i, 1);
  }
  return true;
}

function looseMapEq(a, b, memo) {
  const unmatched = [...b].filter(([k]) => !a.has(k));
  for (const [k, v] of a) {
    if (b.has(k)) {
      if (!looseDeepEq(v, b.get(k), memo)) return false;
      continue;
    }
    const i = unmatched.findIndex(([ck, cv]) => looseDeepEq(k, ck, memo) && looseDeepEq(v, cv, memo));
    if (i < 0) return false;
    unmatched.splice(i, 1);
  }
  return true;
}

// ---- assertions ---------------------------------------------------------------------------

function innerOk(fn, argLen, value, message) {
  if (value) return;
  if (argLen === 0) {
    throw new AssertionError({ message: "No value argument passed to `assert.ok()`", stackStartFn: fn });
  }
  if (message instanceof Error) throw message;
  const err = new AssertionError({ actual: value, expected: true, message, operator: "==", stackStartFn: fn });
  err.generatedMessage = message == null;
  throw err;
}

function strictEqual(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs("actual", "expected");
  if (Object.is(actual, expected)) return;
  innerFail({ actual, expected, message: message ?? strictEqualMessage(actual, expected), operator: "strictEqual", stackStartFn: strictEqual });
}

function notStrictEqual(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs("actual", "expected");
  if (!Object.is(actual, expected)) return;
  innerFail({ actual, expected, message: message ?? "Expected actual to be strictly unequal to expected", operator: "notStrictEqual", stackStartFn: notStrictEqual });
}

function deepStrictEqual(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs("actual", "expected");
  if (isDeepStrictEqual(actual, expected)) return;
  innerFail({ actual, expected, message, operator: "deepStrictEqual", stackStartFn: deepStrictEqual });
}

function notDeepStrictEqual(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs("actual", "expected");
  if (!isDeepStrictEqual(actual, expected)) return;
  innerFail({ actual, expected, message: message ?? "Expected actual to not be deeply strictly equal to expected", operator: "notDeepStrictEqual", stackStartFn: notDeepStrictEqual });
}

function partialDeepStrictEqual(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs("actual", "expected");
  if (partialEq(actual, expected, new Map())) return;
  // workerd gives no diff here, and counts its fixed text as a user message (generatedMessage false).
  throw new AssertionError({
    actual, expected, operator: "partialDeepStrictEqual", stackStartFn: partialDeepStrictEqual,
    message: message ? `${message}` : "Expected actual to be partially deeply strictly equal to expected",
  });
}

// In workerd the "loose" assertions compare strictly, like assert.strict's.
function equal(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs("actual", "expected");
  if (Object.is(actual, expected)) return;
  innerFail({ actual, expected, message: message ?? strictEqualMessage(actual, expected), operator: "strictEqual", stackStartFn: equal });
}

function notEqual(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs("actual", "expected");
  if (!Object.is(actual, expected)) return;
  innerFail({ actual, expected, message: message ?? "Expected actual to be strictly unequal to expected", operator: "notStrictEqual", stackStartFn: notEqual });
}

function deepEqual(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs("actual", "expected");
  if (isDeepStrictEqual(actual, expected)) return;
  innerFail({ actual, expected, message, operator: "deepStrictEqual", stackStartFn: deepEqual });
}

function notDeepEqual(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs("actual", "expected");
  if (!isDeepStrictEqual(actual, expected)) return;
  innerFail({ actual, expected, message: message ?? "Expected actual to not be deeply strictly equal to expected", operator: "notDeepStrictEqual", stackStartFn: notDeepEqual });
}

function missingArgs(...names) {
  return codedError(TypeError, "ERR_MISSING_ARGS", `The ${names.map((n) => `"${n}"`).join(" and ")} arguments must be specified`);
}

// fail(message): workerd keeps only Node's one-argument form: a string (or nothing) becomes the
// message, anything else is thrown as it is.
function fail(message) {
  if (typeof message === "string" || message == null) {
    const err = new AssertionError({ message: message ?? "Failed", operator: "fail", stackStartFn: fail });
    err.generatedMessage = message == null;
    throw err;
  }
  throw message;
}

function ifError(err) {
  if (err === null || err === undefined) return;
  let message = "ifError got unwanted exception: ";
  if (typeof err === "object" && typeof err.message === "string") {
    message += err.message.length === 0 && err.constructor ? err.constructor.name : err.message;
  } else {
    message += inspect(err);
  }
  const e = new AssertionError({ actual: err, expected: null, operator: "ifError", message, stackStartFn: ifError });
  // Keep the original error's frames under the new ones, as Node does.
  const orig = typeof err?.stack === "string" ? err.stack : "";
  if (orig) {
    const frames = orig.split("\n").filter((l) => l.startsWith("    at "));
    if (frames.length) e.stack = `${e.stack}\n${frames.join("\n")}`;
  }
  throw e;
}

function match(string, regexp, message) {
  innerMatch(string, regexp, message, match, true);
}

function doesNotMatch(string, regexp, message) {
  innerMatch(string, regexp, message, doesNotMatch, false);
}

function innerMatch(string, regexp, message, fn, want) {
  if (!(regexp instanceof RegExp)) throw invalidArgType("regexp", "an instance of RegExp", regexp);
  if (typeof string === "string" && regexp.test(string) === want) return;
  if (message instanceof Error) throw message;
  const verb = want ? "expected to match" : "expected to not match";
  throw new AssertionError({
    actual: string, expected: regexp, operator: fn.name,
    message: message ?? `actual: "${String(string)}" ${verb}: "${String(regexp)}"`, stackStartFn: fn,
  });
}

// checkError validates a caught error against throws()'s `error` argument; it throws the
// AssertionError (or, for a non-matching class or validation function, the error itself when
// that is what Node does).
function checkError(actual, expected, message, fn) {
  if (typeof expected === "function") {
    if (expected.prototype !== undefined && actual instanceof expected) return;
    if (Error.isPrototypeOf(expected) || expected === Error) {
      if (message == null) {
        const name = expected.name;
        let msg = `The error is expected to be an instance of "${name}". Received `;
        if (actual instanceof Error || (actual && typeof actual === "object" && typeof actual.constructor === "function")) {
          msg += `"${actual.constructor?.name}"`;
        } else {
          msg += inspect(actual, { depth: -1 });
        }
        if (actual && typeof actual.message === "string") msg += `\n\nError message:\n\n${actual.message}`;
        const err = new AssertionError({ actual, expected, operator: fn.name, message: msg, stackStartFn: fn });
        err.generatedMessage = true;
        throw err;
      }
      innerFail({ actual, expected, operator: fn.name, message, stackStartFn: fn });
    }
    const res = Reflect.apply(expected, {}, [actual]);
    if (res === true) return;
    if (message == null) {
      let msg = `The ${expected.name ? `"${expected.name}" ` : ""}validation function is expected to return "true". Received ${inspect(res)}`;
      if (actual instanceof Error) msg += `\n\nCaught error:\n\n${actual}`;
      const err = new AssertionError({ actual, expected, operator: fn.name, message: msg, stackStartFn: fn });
      err.generatedMessage = true;
      throw err;
    }
    innerFail({ actual, expected, operator: fn.name, message, stackStartFn: fn });
  }
  if (expected instanceof RegExp) {
    if (expected.test(String(actual))) return;
    if (message == null) {
      const msg = `The input did not match the regular expression ${inspect(expected)}. Input:\n\n${inspect(String(actual))}\n`;
      const err = new AssertionError({ actual, expected, operator: fn.name, message: msg, stackStartFn: fn });
      err.generatedMessage = true;
      throw err;
    }
    innerFail({ actual, expected, operator: fn.name, message, stackStartFn: fn });
  }
  if (expected === null || typeof expected !== "object") {
    throw invalidArgType("error", "of type function or an instance of Error, RegExp, or Object", expected);
  }
  if (actual === null || typeof actual !== "object") {
    const err = new AssertionError({
      actual, expected, operator: fn.name, stackStartFn: fn,
      message: message ?? `${typeof expected} is expected to thrown, but got ${typeof actual}: ${inspect(actual)}`,
    });
    err.generatedMessage = message == null;
    throw err;
  }
  const keys = Object.keys(expected);
  if (expected instanceof Error) keys.push("name", "message");
  else if (keys.length === 0) throw codedError(TypeError, "ERR_INVALID_ARG_VALUE", "The argument 'error' may not be an empty object. Received {}");
  for (const k of keys) {
    if (!(k in actual)) {
      throw new AssertionError({ actual, expected, operator: fn.name, message: message ?? `A key in the expected object is missing: ${k}`, stackStartFn: fn });
    }
    const av = actual[k], ev = expected[k];
    if (typeof av === "string" && ev instanceof RegExp && ev.test(av)) continue;
    if (!isDeepStrictEqual(av, ev)) {
      innerFail({ actual: av, expected: ev, operator: "deepStrictEqual", message, stackStartFn: fn });
    }
  }
}

const kNoException = Symbol("no exception");

function getActual(fn) {
  if (typeof fn !== "function") throw invalidArgType("fn", "of type function", fn);
  try {
    fn();
  } catch (e) {
    return e;
  }
  return kNoException;
}

async function waitForActual(promiseFn) {
  let result;
  if (typeof promiseFn === "function") {
    result = promiseFn();
    if (!isThenable(result)) {
      throw codedError(TypeError, "ERR_INVALID_RETURN_VALUE",
        `Expected instance of Promise to be returned from the "promiseFn" function but got ${describeType(result)}.`);
    }
  } else if (isThenable(promiseFn)) {
    result = promiseFn;
  } else {
    throw invalidArgType("promiseFn", "of type function or an instance of Promise", promiseFn);
  }
  try {
    await result;
  } catch (e) {
    return e;
  }
  return kNoException;
}

function isThenable(v) {
  return v instanceof Promise || (v !== null && typeof v === "object" && typeof v.then === "function" && typeof v.catch === "function");
}

function describeType(v) {
  if (v === null) return "null";
  if (typeof v === "object") return `an instance of ${v.constructor?.name ?? "Object"}`;
  return `type ${typeof v} (${inspect(v)})`;
}

function expectsError(fn, actual, error, message) {
  if (typeof error === "string") {
    if (message !== undefined) {
      throw invalidArgType("error", "of type function or an instance of Error, RegExp, or Object", error);
    }
    if (typeof actual === "object" && actual !== null && actual.message === error) {
      throw codedError(TypeError, "ERR_AMBIGUOUS_ARGUMENT",
        `The "error/message" argument is ambiguous. The error message "${actual.message}" is identical to the message.`);
    }
    if (actual === error) {
      throw codedError(TypeError, "ERR_AMBIGUOUS_ARGUMENT",
        `The "error/message" argument is ambiguous. The error "${actual}" is identical to the message.`);
    }
    message = error;
    error = undefined;
  } else if (error != null && typeof error !== "object" && typeof error !== "function") {
    throw invalidArgType("error", "of type function or an instance of Error, RegExp, or Object", error);
  }
  if (actual === kNoException) {
    let details = "";
    if (error?.name) details += ` (${error.name})`;
    details += message ? `: ${message}` : ".";
    const what = fn === rejects ? "rejection" : "exception";
    const err = new AssertionError({
      actual: undefined, expected: error, operator: fn.name,
      message: `Missing expected ${what}${details}`, stackStartFn: fn,
    });
    err.generatedMessage = fn === rejects && !message;
    throw err;
  }
  if (error !== undefined) checkError(actual, error, message, fn);
}

function expectsNoError(fn, actual, error, message) {
  if (actual === kNoException) return;
  const shown = actual ? actual.message : String(actual);
  if (typeof error === "string") {
    throw new AssertionError({ operator: fn.name, stackStartFn: fn, message: `Got unwanted exception: ${error}\nActual message: "${shown}"` });
  }
  if (typeof error === "function" && error.prototype !== undefined) {
    // doesNotThrow(fn, Class[, message]): names the class; other errors pass through.
    if (actual instanceof error) {
      throw new AssertionError({ operator: fn.name, stackStartFn: fn, message: `Got unwanted exception: ${actual.constructor?.name}${message ? ` ${String(message)}` : ""}` });
    }
    if (error.prototype instanceof Error) throw actual;
    if (error(actual) === true) {
      throw new AssertionError({ operator: fn.name, stackStartFn: fn, message: `Got unwanted rejection.\nActual message: "${actual?.message}"${message ? ` ${String(message)}` : ""}` });
    }
    throw actual;
  }
  throw new AssertionError({
    operator: fn.name, stackStartFn: fn,
    message: message ? `Got unwanted exception: ${message}\nActual message: "${shown}"` : `Got unwanted exception.\nActual message: "${shown}"`,
  });
}

function matchesError(actual, expected) {
  if (expected instanceof RegExp) return expected.test(String(actual));
  if (typeof expected === "function") {
    if (expected.prototype !== undefined && actual instanceof expected) return true;
    if (Error.isPrototypeOf(expected)) return false;
    return Reflect.apply(expected, {}, [actual]) === true;
  }
  return false;
}

function throws(promiseFn, ...args) {
  expectsError(throws, getActual(promiseFn), ...args);
}

async function rejects(promiseFn, ...args) {
  expectsError(rejects, await waitForActual(promiseFn), ...args);
}

function doesNotThrow(fn, ...args) {
  expectsNoError(doesNotThrow, getActual(fn), ...args);
}

async function doesNotReject(fn, ...args) {
  expectsNoError(doesNotReject, await waitForActual(fn), ...args);
}

// ---- the module ---------------------------------------------------------------------------

function assert(value, message) {
  innerOk(assert, arguments.length, value, message);
}

function strict(value, message) {
  innerOk(strict, arguments.length, value, message);
}

const methods = {
  fail, ok: assert, equal, notEqual, deepEqual, notDeepEqual, deepStrictEqual, notDeepStrictEqual,
  strictEqual, notStrictEqual, partialDeepStrictEqual, throws, rejects, doesNotThrow,
  doesNotReject, ifError, match, doesNotMatch,
};

// Assert is the class of assertion objects (`new Assert()`); its methods are the module's.
// The loose assertions of new Assert({ strict: false }) (the module's own names are strict).
const looseMethods = {
  equal: function equal(actual, expected, message) {
    if (arguments.length < 2) throw missingArgs("actual", "expected");
    // eslint-disable-next-line eqeqeq
    if (actual == expected || (Number.isNaN(actual) && Number.isNaN(expected))) return;
    innerFail({ actual, expected, message, operator: "==", stackStartFn: equal });
  },
  notEqual: function notEqual(actual, expected, message) {
    if (arguments.length < 2) throw missingArgs("actual", "expected");
    // eslint-disable-next-line eqeqeq
    if (!(actual == expected || (Number.isNaN(actual) && Number.isNaN(expected)))) return;
    innerFail({ actual, expected, message, operator: "!=", stackStartFn: notEqual });
  },
  deepEqual: function deepEqual(actual, expected, message) {
    if (arguments.length < 2) throw missingArgs("actual", "expected");
    if (looseDeepEq(actual, expected)) return;
    innerFail({ actual, expected, message, operator: "deepEqual", stackStartFn: deepEqual });
  },
  notDeepEqual: function notDeepEqual(actual, expected, message) {
    if (arguments.length < 2) throw missingArgs("actual", "expected");
    if (!looseDeepEq(actual, expected)) return;
    innerFail({ actual, expected, message, operator: "notDeepEqual", stackStartFn: notDeepEqual });
  },
};

/**
 * new Assert([options]): an assertion object. Its prototype has every assertion, loose
 * equal/deepEqual included; with options.strict (the default) the instance's own
 * equal/deepEqual/notEqual/notDeepEqual are the strict ones.
 */
export function Assert(options) {
  if (!new.target) {
    throw codedTypeError("ERR_CONSTRUCT_CALL_REQUIRED", "Class constructor Assert cannot be invoked without `new`");
  }
  options = Object.assign({ __proto__: null, strict: true }, options);
  if (options.diff !== undefined && options.diff !== "simple" && options.diff !== "full") {
    throw codedTypeError("ERR_INVALID_ARG_VALUE", `The property 'options.diff' must be one of: 'simple', 'full'. Received ${inspect(options.diff)}`);
  }
  this.AssertionError = AssertionError;
  if (options.strict) {
    this.equal = this.strictEqual;
    this.deepEqual = this.deepStrictEqual;
    this.notEqual = this.notStrictEqual;
    this.notDeepEqual = this.notDeepStrictEqual;
  }
}
for (const [k, fn] of Object.entries({ ...methods, ...looseMethods })) {
  Object.defineProperty(Assert.prototype, k, { value: fn, writable: true, configurable: true, enumerable: false });
}

// workerd's TypeError-kind Node errors: own code, name and toString.
function codedTypeError(code, message) {
  const e = new TypeError(message);
  e.code = code;
  e.name = "TypeError";
  e.toString = function () { return `${this.name} [${this.code}]: ${this.message}`; };
  return e;
}

for (const target of [assert, strict]) {
  for (const [k, fn] of Object.entries(methods)) target[k] = fn;
  target.ok = target; // assert.ok === assert, as in Node
  target.AssertionError = AssertionError;
  target.Assert = Assert;
}
assert.strict = strict;
strict.strict = strict;
// In strict mode the loose names are the strict assertions.
Object.assign(strict, { equal: strictEqual, notEqual: notStrictEqual, deepEqual: deepStrictEqual, notDeepEqual: notDeepStrictEqual });

export {
  fail, assert as ok, equal, notEqual, deepEqual, notDeepEqual, deepStrictEqual, notDeepStrictEqual,
  strictEqual, notStrictEqual, partialDeepStrictEqual, throws, rejects, doesNotThrow,
  doesNotReject, ifError, match, doesNotMatch, strict,
};
export default assert;
