// URLPattern (WHATWG URLPattern Standard) as workerd exposes it. With urlpattern_standard (the
// default since 2025-05-01) workerd runs ada-url's implementation with V8 regexps ("v" flag, plus
// "i" for ignoreCase), and this file follows ada where it departs from the standard's wording
// (see isolate/weburl/pattern.go for the URL side). Errors: every invalid pattern is a TypeError
// "Failed to construct URLPattern"; test() and exec() throw "Failed to test URLPattern" / "Failed
// to exec URLPattern" only for a dictionary input given with a base URL. With urlpattern_original
// workerd runs its own older implementation; the "urlpattern_original" section below follows it.
// The tokenizer, pattern parser, constructor string parser and regexp generation are here;
// canonicalization and URL parsing are Go. Exceptions from user code (toString, a replaced
// RegExp.prototype.exec) pass through unchanged, as in workerd.
import { native, pack, unpack } from "./native.js";
import { compatEnabled } from "./misc.js";
import { inspectMethod } from "./events.js";
import { registerHost } from "./clone.js";

const COMPONENTS = ["protocol", "username", "password", "hostname", "port", "pathname", "search", "hash"];
const INIT_KEYS = [...COMPONENTS, "baseURL"]; // workerd reads a URLPatternInit's members in this order

const NativeRegExp = RegExp;
const builtinExec = RegExp.prototype.exec;
const ArrayIsArray = Array.isArray;

// A Failure is thrown inside for "throw a TypeError" in the standard; the public methods turn it
// into workerd's message. message is what workerd's original implementation says (see ORIGINAL).
class Failure {
  constructor(message) { this.message = message; }
}
const SYNTAX = "Syntax error in URL Pattern";
function fail(message = SYNTAX) {
  throw new Failure(message);
}

// ORIGINAL is true while a call runs under urlpattern_original (compatibility dates before
// 2025-05-01 without urlpattern_standard), when workerd uses its own older implementation.
let ORIGINAL = false;
const originalMode = () => !flag("urlpattern_standard", "urlpattern_original", true);

// usv is WebIDL's USVString conversion: ToString (a Symbol throws), then lone surrogates become
// U+FFFD. No regexps: a user's RegExp.prototype.exec must not run (or loop) here.
const usv = (v) => toUSV(typeof v === "string" ? v : `${v}`);

function toUSV(s) {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return replaceLoneSurrogates(s, i);
  }
  return s;
}

function replaceLoneSurrogates(s, from) {
  let out = s.slice(0, from);
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) {
      out += s[i];
    } else if (c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      out += s[i] + s[i + 1];
      i++;
    } else {
      out += "\ufffd";
    }
  }
  return out;
}
const isObject = (v) => v !== null && (typeof v === "object" || typeof v === "function");

const illegal = () => new TypeError("Illegal invocation: function called with incorrect `this` reference. " +
  "See https://developers.cloudflare.com/workers/observability/errors/#illegal-invocation-errors for details.");

// flag reports a compatibility feature: the worker's resolved set when the host gave one, else
// dflt (the newest date's behaviour) unless the disable flag is named.
function flag(enable, disable, dflt) {
  const e = compatEnabled();
  if (enable in e) return e[enable] === true;
  return e[disable] === true ? false : dflt;
}

// ---- Canonicalization (Go) ----

function canon(kind, value, protocol = "", message = SYNTAX) {
  if (value === "") return "";
  const r = native.urlPatternCanon(kind, value, protocol);
  if (r === null) fail(message);
  return r;
}
const canonProtocol = (v) => canon("protocol", v);
const canonUsername = (v) => canon("username", v);
const canonPassword = (v) => canon("password", v);
const canonHostname = (v) => canon("hostname", v);
const canonIPv6Hostname = (v) => canon("ipv6hostname", v);
const canonPort = (v) => canon("port", v);
const canonPathname = (v) => canon("pathname", v);
const canonOpaquePathname = (v) => canon("opaque-pathname", v);
const canonSearch = (v) => canon("search", v);
const canonHash = (v) => canon("hash", v);

// parseURL parses for matching: the components without separators plus an opaque-path flag, or
// null. lenient: a missing base is an empty URL record (workerd's behaviour, see pattern.go).
function parseURL(input, lenient, base) {
  const r = base === undefined ? native.urlPatternParse(input, lenient) : native.urlPatternParse(input, lenient, base);
  if (r === null) return null;
  const p = unpack(r);
  while (p.length < 9) p.push("");
  return {
    protocol: p[0], username: p[1], password: p[2], hostname: p[3], port: p[4],
    pathname: p[5], search: p[6], hash: p[7], opaque: p[8] === "1",
  };
}

const SPECIAL_PORTS = { __proto__: null, http: 80, https: 443, ws: 80, wss: 443, ftp: 21, file: 0 };
const isSpecialScheme = (s) => s in SPECIAL_PORTS;

// ---- Tokenizer ----

const T_OPEN = 0, T_CLOSE = 1, T_REGEXP = 2, T_NAME = 3, T_CHAR = 4, T_ESCAPED = 5, T_MODIFIER = 6,
  T_ASTERISK = 7, T_END = 8, T_INVALID = 9;

const idStart = /^[$_\p{ID_Start}]$/u;
const idContinue = /^[$\u200C\u200D\p{ID_Continue}]$/u;

function isValidNameCodePoint(cp, first) {
  if (cp.length === 1) {
    const c = cp.charCodeAt(0);
    if (c < 0x80) {
      return c === 0x24 || c === 0x5f || (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a || !first && c >= 0x30 && c <= 0x39;
    }
  }
  return builtinExec.call(first ? idStart : idContinue, cp) !== null;
}

const isASCII = (cp) => cp.length === 1 && cp.charCodeAt(0) < 0x80;

// tokenize splits a pattern into tokens over code points; lenient turns errors into
// invalid-char tokens (the constructor string parser), strict throws.
function tokenize(input, strict) {
  if (ORIGINAL) return tokenizeOriginal(input, strict);
  const cps = Array.from(input);
  const tokens = [];
  let index = 0, next = 0, cp = "";
  const getNext = () => { cp = cps[next++]; };
  const seek = (i) => { next = i; getNext(); };
  const add = (type, nextPos, valuePos, len = nextPos - valuePos) => {
    tokens.push({ type, index, value: cps.slice(valuePos, valuePos + len).join("") });
    index = nextPos;
  };
  const error = (nextPos, valuePos) => {
    if (strict) fail();
    add(T_INVALID, nextPos, valuePos);
  };
  while (index < cps.length) {
    seek(index);
    if (cp === "*") { add(T_ASTERISK, next, index); continue; }
    if (cp === "+" || cp === "?") { add(T_MODIFIER, next, index); continue; }
    if (cp === "\\") {
      if (index === cps.length - 1) { error(next, index); continue; }
      const escapedIndex = next;
      getNext();
      add(T_ESCAPED, next, escapedIndex);
      continue;
    }
    if (cp === "{") { add(T_OPEN, next, index); continue; }
    if (cp === "}") { add(T_CLOSE, next, index); continue; }
    if (cp === ":") {
      let pos = next;
      const start = pos;
      while (pos < cps.length) {
        seek(pos);
        if (!isValidNameCodePoint(cp, pos === start)) break;
        pos = next;
      }
      if (pos <= start) { error(start, index); continue; }
      add(T_NAME, pos, start);
      continue;
    }
    if (cp === "(") {
      let depth = 1, pos = next, failed = false;
      const start = pos;
      while (pos < cps.length) {
        seek(pos);
        if (!isASCII(cp) || pos === start && cp === "?") { error(start, index); failed = true; break; }
        if (cp === "\\") {
          if (pos === cps.length - 1) { error(start, index); failed = true; break; }
          getNext();
          if (!isASCII(cp)) { error(start, index); failed = true; break; }
          pos = next;
          continue;
        }
        if (cp === ")") {
          depth--;
          if (depth === 0) { pos = next; break; }
        } else if (cp === "(") {
          depth++;
          if (pos === cps.length - 1) { error(start, index); failed = true; break; }
          const tmp = next;
          getNext();
          if (cp !== "?") { error(start, index); failed = true; break; }
          next = tmp;
        }
        pos = next;
      }
      if (failed) continue;
      const len = pos - start - 1;
      if (depth !== 0 || len === 0) { error(start, index); continue; }
      add(T_REGEXP, pos, start, len);
      continue;
    }
    add(T_CHAR, next, index);
  }
  add(T_END, index, index);
  return tokens;
}

// The original implementation tokenizes UTF-8 bytes: token indexes are byte offsets and values
// byte strings (one char per byte, as utf8Bytes makes; bytesToString turns them back). Its
// lenient mode keeps its quirks: after an error inside "(…)" the "(" and what was read are
// dropped, and an unterminated group becomes one invalid token without its last byte.
const utf8Bytes = (s) => unescape(encodeURIComponent(s));
function bytesToString(b) {
  try {
    return decodeURIComponent(escape(b));
  } catch {
    let out = "";
    for (let i = 0; i < b.length;) {
      const [cp, len] = decodeByteAt(b, i);
      out += String.fromCodePoint(cp);
      i += len;
    }
    return out;
  }
}

// decodeByteAt reads one UTF-8 sequence at i: [code point, length], U+FFFD for a bad byte.
function decodeByteAt(b, i) {
  const c = b.charCodeAt(i);
  if (c < 0x80) return [c, 1];
  const len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (len === 0 || i + len > b.length) return [0xfffd, 1];
  let cp = c & (len === 2 ? 0x1f : len === 3 ? 0x0f : 0x07);
  for (let k = 1; k < len; k++) {
    const d = b.charCodeAt(i + k);
    if ((d & 0xc0) !== 0x80) return [0xfffd, 1];
    cp = cp << 6 | d & 0x3f;
  }
  return [cp, len];
}

function tokenizeOriginal(input, strict) {
  const b = utf8Bytes(input);
  const n = b.length;
  const tokens = [];
  let it = 0, pos = 0;
  const tok = (type, index, value, str = false) => tokens.push({ type, index, value, str });
  const err = (what) => fail(`${SYNTAX}: invalid ${what}`);
  while (it < n) {
    const c = b[it];
    switch (c) {
      case "*": tok(T_ASTERISK, pos++, c); break;
      case "?": case "+": tok(T_MODIFIER, pos++, c); break;
      case "\\":
        ++it;
        if (it === n) {
          if (strict) err(`escape character at ${pos}`);
          tok(T_INVALID, pos++, c);
        } else {
          tok(T_ESCAPED, pos, b[it]);
          pos += 2;
        }
        break;
      case "{": tok(T_OPEN, pos++, c); break;
      case "}": tok(T_CLOSE, pos++, c); break;
      case ":": {
        ++it;
        if (it === n) {
          if (strict) err(`name start at ${pos}`);
          tok(T_INVALID, pos++, c);
          break;
        }
        const start = ++pos;
        for (let first = true; it < n; first = false) {
          const [cp, len] = decodeByteAt(b, pos);
          if (!isValidNameCodePoint(String.fromCodePoint(cp), first)) break;
          pos += len;
          it += len;
        }
        if (start === pos) {
          if (strict) err(`name start at ${pos - 1}`);
          tok(T_INVALID, pos - 1, c);
        } else {
          tok(T_NAME, start - 1, b.slice(start, pos), true);
        }
        continue;
      }
      case "(": {
        ++it;
        if (it === n) {
          if (strict) err(`regex start at ${pos}`);
          tok(T_INVALID, pos++, c);
          break;
        }
        let depth = 1, error = false;
        const start = ++pos;
        while (it < n) {
          let rc = b[it];
          if (rc >= "\x80" || pos === start && rc === "?") {
            if (strict) err(`regex character at ${pos}`);
            tok(T_INVALID, pos, rc);
            error = true;
            break;
          } else if (rc === "\\") {
            it++;
            if (it === n) {
              if (strict) err(`escape character in regex at ${pos}`);
              tok(T_INVALID, pos, rc);
              error = true;
              break;
            }
            pos++;
            rc = b[it];
            if (rc >= "\x80") {
              if (strict) err(`escaped character in regex at ${pos}`);
              tok(T_INVALID, pos, rc);
              error = true;
              break;
            }
            pos++;
            it++;
            continue;
          } else if (rc === ")") {
            depth--;
            if (depth === 0) {
              pos++;
              it++;
              break;
            }
          } else if (rc === "(") {
            depth++;
            it++;
            if (it === n) {
              if (strict) err(`group in regex at ${pos}`);
              tok(T_INVALID, pos, rc);
              error = true;
              break;
            }
            pos++;
            rc = b[it];
            if (rc !== "?") {
              if (strict) err(`group in regex at ${pos}`);
              tok(T_INVALID, pos, rc);
              error = true;
              break;
            }
          }
          it++;
          pos++;
        }
        if (error) continue;
        if (depth > 0 || start === pos) {
          if (strict) err(`regex segment at ${start}`);
          tok(T_INVALID, start, b.slice(start, pos - 1), true);
        } else {
          tok(T_REGEXP, start - 1, b.slice(start, pos - 1), true);
        }
        continue;
      }
      default: tok(T_CHAR, pos++, c);
    }
    if (it === n) break;
    ++it;
  }
  tok(T_END, n, "", true);
  return tokens;
}

// ---- Pattern parser ----

const P_FIXED = 0, P_REGEXP = 1, P_SEGMENT = 2, P_FULL = 3;
const M_NONE = "", M_OPTIONAL = "?", M_ZERO_OR_MORE = "*", M_ONE_OR_MORE = "+";

const DEFAULT_OPTIONS = { delimiter: "", prefix: "", ignoreCase: false };
const HOSTNAME_OPTIONS = { delimiter: ".", prefix: "", ignoreCase: false };
const PATHNAME_OPTIONS = { delimiter: "/", prefix: "/", ignoreCase: false };

function escapeChars(input, set) {
  let out = "";
  for (const c of input) out += set.includes(c) ? "\\" + c : c;
  return out;
}
const escapePatternString = (s) => escapeChars(s, "+*?:{}()\\");
const escapeRegexpString = (s) => escapeChars(s, ".+*?^${}()[]|/\\");
// The original implementation's segment wildcard is greedy, its delimiter always escaped.
const segmentWildcardRegexp = (options) => ORIGINAL
  ? (options.delimiter === "" ? "[^]+" : "[^\\" + options.delimiter + "]+")
  : "[^" + escapeRegexpString(options.delimiter) + "]+?";

function parsePatternString(input, options, encode) {
  const tokens = tokenize(input, true);
  const segWild = segmentWildcardRegexp(options);
  const parts = [];
  let pending = "", i = 0, nextNumeric = 0;
  const tryConsume = (type) => (tokens[i].type === type ? tokens[i++] : null);
  const tryModifier = () => tryConsume(T_MODIFIER) || tryConsume(T_ASTERISK);
  const tryRegexpOrWildcard = (nameTok) => {
    const t = tryConsume(T_REGEXP);
    return nameTok === null && t === null ? tryConsume(T_ASTERISK) : t;
  };
  const consumeText = () => {
    let r = "";
    for (;;) {
      const t = tryConsume(T_CHAR) || tryConsume(T_ESCAPED);
      if (t === null) return r;
      r += t.value;
    }
  };
  const enc = (s) => (s === "" ? "" : encode(ORIGINAL ? bytesToString(s) : s));
  const flushPending = () => {
    if (pending === "") return;
    const value = enc(pending);
    pending = "";
    parts.push({ type: P_FIXED, value, modifier: M_NONE, name: "", prefix: "", suffix: "" });
  };
  const addPart = (prefix, nameTok, reTok, suffix, modTok) => {
    const modifier = modTok === null ? M_NONE : modTok.value;
    if (nameTok === null && reTok === null && modifier === M_NONE) {
      pending += prefix;
      return;
    }
    flushPending();
    if (nameTok === null && reTok === null) {
      if (prefix === "") return;
      parts.push({ type: P_FIXED, value: enc(prefix), modifier, name: "", prefix: "", suffix: "" });
      return;
    }
    let value = reTok === null ? segWild : reTok.type === T_ASTERISK ? ".*" : reTok.value;
    let type = P_REGEXP;
    if (value === segWild) {
      type = P_SEGMENT;
      value = "";
    } else if (value === ".*") {
      type = P_FULL;
      value = "";
    }
    const name = nameTok !== null ? (ORIGINAL ? bytesToString(nameTok.value) : nameTok.value) : String(nextNumeric++);
    for (const p of parts) if (p.name === name) fail(`${SYNTAX}: Duplicated part names [${name}]`);
    parts.push({ type, value, modifier, name, prefix: enc(prefix), suffix: enc(suffix) });
  };
  while (i < tokens.length) {
    const charTok = tryConsume(T_CHAR);
    const nameTok = tryConsume(T_NAME);
    const reTok = tryRegexpOrWildcard(nameTok);
    if (nameTok !== null || reTok !== null) {
      let prefix = charTok !== null ? charTok.value : "";
      if (prefix !== "" && prefix !== options.prefix) {
        pending += prefix;
        prefix = "";
      }
      flushPending();
      addPart(prefix, nameTok, reTok, "", tryModifier());
      continue;
    }
    const fixed = charTok || tryConsume(T_ESCAPED);
    if (fixed !== null) {
      pending += fixed.value;
      continue;
    }
    if (tryConsume(T_OPEN) !== null) {
      const prefix = consumeText();
      const n = tryConsume(T_NAME);
      const r = tryRegexpOrWildcard(n);
      const suffix = consumeText();
      if (tryConsume(T_CLOSE) === null) fail(`${SYNTAX}: Missing required close token`);
      addPart(prefix, n, r, suffix, tryModifier());
      continue;
    }
    flushPending();
    if (tryConsume(T_END) === null) fail(`${SYNTAX}: Missing required end token`);
  }
  return parts;
}

const isDigitChar = (c) => c !== undefined && c >= "0" && c <= "9";

function generateRegexp(parts, options) {
  let re = "^";
  const names = [];
  for (const part of parts) {
    if (part.type === P_FIXED) {
      re += part.modifier === M_NONE ? escapeRegexpString(part.value) : "(?:" + escapeRegexpString(part.value) + ")" + part.modifier;
      continue;
    }
    names.push(part.name);
    const value = part.type === P_SEGMENT ? segmentWildcardRegexp(options) : part.type === P_FULL ? ".*" : part.value;
    if (part.prefix === "" && part.suffix === "") {
      re += part.modifier === M_NONE || part.modifier === M_OPTIONAL
        ? "(" + value + ")" + part.modifier
        : "((?:" + value + ")" + part.modifier + ")";
      continue;
    }
    const prefix = escapeRegexpString(part.prefix), suffix = escapeRegexpString(part.suffix);
    if (part.modifier === M_NONE || part.modifier === M_OPTIONAL) {
      re += "(?:" + prefix + "(" + value + ")" + suffix + ")" + part.modifier;
      continue;
    }
    re += "(?:" + prefix + "((?:" + value + ")(?:" + suffix + prefix + "(?:" + value + "))*)" + suffix + ")";
    if (part.modifier === M_ZERO_OR_MORE) re += "?";
  }
  return [re + "$", names];
}

function generatePatternString(parts, options) {
  let result = "";
  let lastNeedsGrouping = false; // the original reads the previous named part's value here
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index];
    const prev = index === 0 ? null : parts[index - 1];
    const next = index < parts.length - 1 ? parts[index + 1] : null;
    if (part.type === P_FIXED) {
      result += part.modifier === M_NONE ? escapePatternString(part.value) : "{" + escapePatternString(part.value) + "}" + part.modifier;
      continue;
    }
    const customName = !isDigitChar(part.name[0]);
    let needsGrouping = part.suffix !== "" ||
      part.prefix !== "" && (ORIGINAL ? options.prefix !== "" && part.prefix[0] !== options.prefix[0] : part.prefix !== options.prefix);
    if (!(ORIGINAL ? lastNeedsGrouping || needsGrouping || part.prefix !== "" : needsGrouping) && customName &&
        part.type === P_SEGMENT && part.modifier === M_NONE && next !== null && next.prefix === "" && next.suffix === "") {
      if (next.type === P_FIXED) {
        // The original looks at the fixed part's (empty) name, so this never groups there.
        needsGrouping = !ORIGINAL && isValidNameCodePoint(String.fromCodePoint(next.value.codePointAt(0)), false);
      } else {
        needsGrouping = next.name !== "" && isDigitChar(next.name[0]);
      }
    }
    lastNeedsGrouping = needsGrouping;
    if (!needsGrouping && part.prefix === "" && prev !== null && prev.type === P_FIXED && prev.value !== "" &&
        options.prefix !== "" && prev.value[prev.value.length - 1] === options.prefix[0]) {
      needsGrouping = true;
    }
    if (needsGrouping) result += "{";
    result += escapePatternString(part.prefix);
    if (customName) result += ":" + part.name;
    if (part.type === P_REGEXP) {
      result += "(" + part.value + ")";
    } else if (part.type === P_SEGMENT && !customName) {
      result += "(" + segmentWildcardRegexp(options) + ")";
    } else if (part.type === P_FULL) {
      if (!customName && (prev === null || prev.type === P_FIXED || prev.modifier !== M_NONE || needsGrouping || part.prefix !== "")) {
        result += "*";
      } else {
        result += "(.*)";
      }
    }
    if (part.type === P_SEGMENT && customName && part.suffix !== "" &&
        isValidNameCodePoint(String.fromCodePoint(part.suffix.codePointAt(0)), false)) {
      result += "\\";
    }
    result += escapePatternString(part.suffix);
    if (needsGrouping) result += "}";
    result += part.modifier;
  }
  return result;
}

// ---- Components and matching ----

const C_EMPTY = 0, C_EXACT = 1, C_FULL = 2, C_REGEXP = 3;

// regexpExec runs a component regexp the way V8's RegExp::Exec (workerd's engine) does: through
// the regexp's current "exec" property, so a replaced RegExp.prototype.exec is called.
function regexpExec(re, s) {
  const exec = re.exec;
  const r = typeof exec === "function" ? exec.call(re, s) : builtinExec.call(re, s);
  if (r !== null && !isObject(r)) throw new TypeError("object " + String(r) + " is not a valid RegExp exec result");
  return r;
}

function compileComponent(input, encode, options) {
  const parts = parsePatternString(input, options, encode);
  const c = {
    pattern: generatePatternString(parts, options), type: C_REGEXP, exact: "", regexp: null, names: [], order: null, original: ORIGINAL,
    hasRegExpGroups: parts.some((p) => p.type === P_REGEXP),
  };
  // The original implementation matches every component with its regexp (a replaced
  // RegExp.prototype.exec sees every call); the standard one skips simple patterns.
  if (ORIGINAL) {
    // (always C_REGEXP)
  } else if (parts.length === 0) {
    c.type = C_EMPTY;
  } else if (parts.length === 1) {
    const p = parts[0];
    if (p.type === P_FIXED && p.modifier === M_NONE && !options.ignoreCase) {
      c.type = C_EXACT;
      c.exact = p.value;
    } else if (p.type === P_FULL && p.modifier === M_NONE && p.prefix === "" && p.suffix === "") {
      c.type = C_FULL;
      c.names = [p.name];
    }
  }
  if (c.type !== C_REGEXP) return c;
  const [source, names] = generateRegexp(parts, options);
  // The original implementation compiles with "u", the standard one with "v".
  try {
    c.regexp = new NativeRegExp(source, (ORIGINAL ? "u" : "v") + (options.ignoreCase ? "i" : ""));
  } catch {
    fail("Invalid regular expression syntax.");
  }
  c.names = names;
  if (names.length > 1) c.order = groupOrder(names);
  return c;
}

// groupOrder lists the indices of names in the order workerd's result groups hold them: ada-url
// keeps groups in a C++ unordered_map, so they come in its hash order (Go reproduces it).
function groupOrder(names) {
  return unpack(native.urlPatternGroupOrder(pack(names))).map(Number);
}

function componentTest(c, s) {
  switch (c.type) {
    case C_FULL: return true;
    case C_EXACT: return s === c.exact;
    case C_EMPTY: return s === "";
  }
  return regexpExec(c.regexp, s) !== null;
}

// componentMatch returns the group values (undefined for a group that did not take part), or
// null for no match.
function componentMatch(c, s) {
  switch (c.type) {
    case C_FULL: return c.names.length === 0 ? [] : [s];
    case C_EXACT: return s === c.exact ? [] : null;
    case C_EMPTY: return s === "" ? [] : null;
  }
  const r = regexpExec(c.regexp, s);
  if (r === null || !ArrayIsArray(r)) return null;
  const len = r.length; // read once: a user exec's getters may change it
  const out = [];
  for (let i = 1; i < len; i++) {
    const v = r[i];
    out.push(v === undefined ? undefined : usv(v));
  }
  return out;
}

function protocolMatchesSpecialScheme(c) {
  switch (c.type) {
    case C_EMPTY: return false;
    case C_EXACT: return c.exact === "http" || c.exact === "https" || c.exact === "ws" || c.exact === "wss" || c.exact === "ftp";
    case C_FULL: return true;
  }
  // The original implementation asks std::regex, not the JS regexp (so no user exec runs), and
  // gives up on a regexp source over 5120 characters.
  if (c.original) {
    if (c.regexp.source.length > 5120) return false;
    for (const s of ["http", "https", "ws", "wss", "ftp"]) if (builtinExec.call(c.regexp, s) !== null) return true;
    return false;
  }
  for (const s of ["http", "https", "ws", "wss", "ftp"]) if (regexpExec(c.regexp, s) !== null) return true;
  return false;
}

// ---- URLPatternInit processing ----

const PATTERN = 0, URL_TYPE = 1;

const processBaseURLString = (s, type) => (type === PATTERN ? escapePatternString(s) : s);

function isAbsolutePathname(s, type) {
  if (s === "") return false;
  if (s[0] === "/") return true;
  if (type === URL_TYPE || s.length < 2) return false;
  return s[1] === "/" && (s[0] === "\\" || s[0] === "{");
}

const stripSuffix = (s, c) => (s.endsWith(c) ? s.slice(0, -1) : s);
const stripPrefix = (s, c) => (s.startsWith(c) ? s.slice(1) : s);

// processInit implements "process a URLPatternInit"; for "url" every component starts as "".
function processInit(init, type) {
  const result = {};
  if (type === URL_TYPE) for (const k of COMPONENTS) result[k] = "";
  let base = null;
  const has = (k) => init[k] !== undefined;
  if (has("baseURL")) {
    base = parseURL(init.baseURL, false);
    if (base === null) fail("Invalid base URL.");
    const p = has("protocol"), h = has("hostname"), po = has("port"), pa = has("pathname"), s = has("search");
    if (!p) result.protocol = processBaseURLString(base.protocol, type);
    if (type !== PATTERN && !p && !h && !po && !has("username")) result.username = processBaseURLString(base.username, type);
    if (type !== PATTERN && !p && !h && !po && !has("username") && !has("password")) result.password = processBaseURLString(base.password, type);
    if (!p && !h) result.hostname = processBaseURLString(base.hostname, type);
    if (!p && !h && !po) result.port = base.port;
    if (!p && !h && !po && !pa) result.pathname = processBaseURLString(base.pathname, type);
    if (!p && !h && !po && !pa && !s) result.search = processBaseURLString(base.search, type);
    if (!p && !h && !po && !pa && !s && !has("hash")) result.hash = processBaseURLString(base.hash, type);
  }
  if (has("protocol")) {
    const v = stripSuffix(init.protocol, ":");
    result.protocol = type === PATTERN ? v : canon("protocol", v, "", "Invalid URL protocol component");
  }
  if (has("username")) result.username = type === PATTERN ? init.username : canon("username", init.username, "", "Invalid URL username component");
  if (has("password")) result.password = type === PATTERN ? init.password : canon("password", init.password, "", "Invalid URL password component");
  if (has("hostname")) result.hostname = type === PATTERN ? init.hostname : canon("hostname", init.hostname, "", "Invalid URL hostname component");
  if (has("port")) {
    result.port = type === PATTERN ? init.port : canon("port-with-protocol", init.port, result.protocol ?? "fake", "Invalid URL port component");
  }
  if (has("pathname")) {
    let path = init.pathname;
    if (base !== null && !base.opaque && !isAbsolutePathname(path, type)) {
      const basePath = processBaseURLString(base.pathname, type);
      const slash = basePath.lastIndexOf("/");
      if (slash >= 0) path = basePath.slice(0, slash + 1) + path;
    }
    if (type !== PATTERN) {
      const protocol = result.protocol ?? "";
      path = canon(protocol === "" || isSpecialScheme(protocol) ? "pathname" : "opaque-pathname", path, "", "Invalid URL pathname component");
    }
    result.pathname = path;
  }
  if (has("search")) {
    const v = stripPrefix(init.search, "?");
    result.search = type === PATTERN ? v : canonSearch(v);
  }
  if (has("hash")) {
    const v = stripPrefix(init.hash, "#");
    result.hash = type === PATTERN ? v : canonHash(v);
  }
  return result;
}

// ---- Constructor string parser ----

const S_INIT = 0, S_PROTOCOL = 1, S_AUTHORITY = 2, S_USERNAME = 3, S_PASSWORD = 4, S_HOSTNAME = 5,
  S_PORT = 6, S_PATHNAME = 7, S_SEARCH = 8, S_HASH = 9, S_DONE = 10;

function parseConstructorString(input) {
  const cps = Array.from(input);
  const tokens = tokenize(input, false);
  const result = {};
  let state = S_INIT, index = 0, increment = 1, componentStart = 0, groupDepth = 0, ipv6Depth = 0;
  let specialScheme = false;
  const safeToken = (i) => (i < tokens.length ? tokens[i] : tokens[tokens.length - 1]);
  const nonSpecialChar = (i, value) => {
    const t = safeToken(i);
    if (t.value !== value) return false;
    return t.type === T_CHAR || t.type === T_ESCAPED || t.type === T_INVALID;
  };
  const isHashPrefix = () => nonSpecialChar(index, "#");
  const isSearchPrefix = () => {
    if (nonSpecialChar(index, "?")) return true;
    if (tokens[index].value !== "?") return false;
    if (index === 0) return true;
    const prev = safeToken(index - 1);
    return !(prev.type === T_NAME || prev.type === T_REGEXP || prev.type === T_CLOSE || prev.type === T_ASTERISK);
  };
  const componentString = () => {
    const start = safeToken(componentStart).index;
    return cps.slice(start, tokens[index].index).join("");
  };
  const rewind = () => { index = componentStart; increment = 0; };
  const change = (next, skip) => {
    if (state !== S_INIT && state !== S_AUTHORITY && state !== S_DONE) {
      result[COMPONENTS[state - S_PROTOCOL - (state >= S_USERNAME ? 1 : 0)]] = componentString();
    }
    if (state !== S_INIT && next !== S_DONE) {
      if ((state === S_PROTOCOL || state === S_AUTHORITY || state === S_USERNAME || state === S_PASSWORD) &&
          (next === S_PORT || next === S_PATHNAME || next === S_SEARCH || next === S_HASH) && result.hostname === undefined) {
        result.hostname = "";
      }
    }
    if (state >= S_PROTOCOL && state <= S_PORT && (next === S_SEARCH || next === S_HASH) && result.pathname === undefined) {
      result.pathname = specialScheme ? "/" : "";
    }
    if (state >= S_PROTOCOL && state <= S_PATHNAME && next === S_HASH && result.search === undefined) {
      result.search = "";
    }
    state = next;
    index += skip;
    componentStart = index;
    increment = 0;
  };
  while (index < tokens.length) {
    increment = 1;
    const tok = tokens[index];
    if (tok.type === T_END) {
      if (state === S_INIT) {
        rewind();
        if (isHashPrefix()) change(S_HASH, 1);
        else if (isSearchPrefix()) change(S_SEARCH, 1);
        else change(S_PATHNAME, 0);
        index += increment;
        continue;
      }
      if (state === S_AUTHORITY) {
        rewind();
        change(S_HOSTNAME, 0);
        index += increment;
        continue;
      }
      change(S_DONE, 0);
      break;
    }
    if (tok.type === T_OPEN) {
      groupDepth++;
      index += increment;
      continue;
    }
    if (groupDepth > 0) {
      if (tok.type === T_CLOSE) {
        groupDepth--;
      } else {
        index += increment;
        continue;
      }
    }
    switch (state) {
      case S_INIT:
        if (nonSpecialChar(index, ":")) {
          rewind();
          change(S_PROTOCOL, 0);
        }
        break;
      case S_PROTOCOL:
        if (nonSpecialChar(index, ":")) {
          const protocol = compileComponent(componentString(), canonProtocol, DEFAULT_OPTIONS);
          if (protocolMatchesSpecialScheme(protocol)) specialScheme = true;
          let next = S_PATHNAME, skip = 1;
          if (nonSpecialChar(index + 1, "/") && nonSpecialChar(index + 2, "/")) {
            next = S_AUTHORITY;
            skip = 3;
          } else if (specialScheme) {
            next = S_AUTHORITY;
          }
          change(next, skip);
        }
        break;
      case S_AUTHORITY:
        if (nonSpecialChar(index, "@")) {
          rewind();
          change(S_USERNAME, 0);
        } else if (nonSpecialChar(index, "/") || isSearchPrefix() || isHashPrefix()) {
          rewind();
          change(S_HOSTNAME, 0);
        }
        break;
      case S_USERNAME:
        if (nonSpecialChar(index, ":")) change(S_PASSWORD, 1);
        else if (nonSpecialChar(index, "@")) change(S_HOSTNAME, 1);
        break;
      case S_PASSWORD:
        if (nonSpecialChar(index, "@")) change(S_HOSTNAME, 1);
        break;
      case S_HOSTNAME:
        if (nonSpecialChar(index, "[")) ipv6Depth++;
        else if (nonSpecialChar(index, "]")) ipv6Depth--;
        else if (nonSpecialChar(index, ":") && ipv6Depth === 0) change(S_PORT, 1);
        else if (nonSpecialChar(index, "/")) change(S_PATHNAME, 0);
        else if (isSearchPrefix()) change(S_SEARCH, 1);
        else if (isHashPrefix()) change(S_HASH, 1);
        break;
      case S_PORT:
        if (nonSpecialChar(index, "/")) change(S_PATHNAME, 0);
        else if (isSearchPrefix()) change(S_SEARCH, 1);
        else if (isHashPrefix()) change(S_HASH, 1);
        break;
      case S_PATHNAME:
        if (isSearchPrefix()) change(S_SEARCH, 1);
        else if (isHashPrefix()) change(S_HASH, 1);
        break;
      case S_SEARCH:
        if (isHashPrefix()) change(S_HASH, 1);
        break;
    }
    index += increment;
  }
  if (result.hostname !== undefined && result.port === undefined) result.port = "";
  return result;
}

// ---- urlpattern_original: workerd's older implementation ----
//
// Before 2025-05-01 (without urlpattern_standard) workerd runs its own URLPattern, written after
// an earlier draft of the standard. Where it differs, these functions follow it: canonicalization
// through URL setters on "fake://dummy.test" (hostnames keep their case, ports keep a default
// port), a base URL that fills every component (username and password too) before the given ones
// override, the draft's constructor string defaults (components after the protocol are ""), and
// error messages that say what failed.

// URL components from the URL natives (isolate/urlnatives.go): [href, origin, protocol, username,
// password, host, hostname, port, pathname, search, hash].
const U_HREF = 0, U_PROTOCOL = 2, U_USERNAME = 3, U_PASSWORD = 4, U_HOSTNAME = 6, U_PORT = 7,
  U_PATHNAME = 8, U_SEARCH = 9, U_HASH = 10;
const urlParse = (input, base) => {
  const r = base === undefined ? native.urlParse(input) : native.urlParse(input, base);
  return r === null ? null : unpack(r);
};
const urlSet = (u, name, value) => unpack(native.urlSet(u[U_HREF], name, value));
const DUMMY = "fake://dummy.test";

// isValidHostnameInput: IPv6-looking, or free of the forbidden host code points (and "%").
function isValidHostnameInput(h) {
  if (h.length >= 2 && (h[0] === "[" || (h[0] === "{" || h[0] === "\\") && h[1] === "[")) return true;
  for (const c of h) if ("\0\t\n\r #%/:<>?@[\\]^|".includes(c)) return false;
  return true;
}

// setHostname runs the hostname setter and reports failure as null (the setter leaves the URL
// unchanged then).
function setHostname(u, h) {
  const next = urlSet(u, "hostname", h);
  return next[U_HOSTNAME] === u[U_HOSTNAME] && h !== u[U_HOSTNAME] && next[U_HREF] === u[U_HREF] ? null : next;
}

// The canonicalizers the original compiles patterns with; null means failure.
const ORIGINAL_CANON = {
  protocol(v) {
    const u = urlParse(v + "://dummy.test");
    return u === null ? null : stripSuffix(u[U_PROTOCOL], ":");
  },
  username: (v) => urlSet(urlParse(DUMMY), "username", v)[U_USERNAME],
  password: (v) => urlSet(urlParse(DUMMY), "password", v)[U_PASSWORD],
  hostname(v) {
    if (!isValidHostnameInput(v)) return null;
    const u = setHostname(urlParse(DUMMY), v);
    return u === null ? null : u[U_HOSTNAME];
  },
  ipv6hostname(v) {
    for (const c of v) if (!(c === "[" || c === "]" || c === ":" || "0123456789abcdefABCDEF".includes(c))) return null;
    return v;
  },
  port(v) {
    const port = urlSet(urlParse(DUMMY), "port", v)[U_PORT];
    return port === "" ? null : port; // "fake" has no default port: "" means the setter failed
  },
  pathname(v) {
    const leading = v[0] === "/";
    const u = urlParse("fake://fake-url" + (leading ? "" : "/-") + v);
    if (u === null) return null;
    const path = u[U_PATHNAME];
    return leading || path.length < 2 ? path : path.slice(2);
  },
  "opaque-pathname"(v) {
    const u = urlParse("fake:" + v);
    return u === null ? null : u[U_PATHNAME];
  },
  search: (v) => urlSet(urlParse(DUMMY), "search", v)[U_SEARCH].slice(1),
  hash: (v) => urlSet(urlParse(DUMMY), "hash", v)[U_HASH].slice(1),
};

function originalCanon(kind) {
  const f = ORIGINAL_CANON[kind];
  return (v) => {
    if (v === "") return "";
    const r = f(v);
    if (r === null) fail();
    return r;
  };
}

// originalBase parses an init's baseURL into the components it lends.
function originalBase(base) {
  const u = urlParse(base);
  if (u === null) fail("Invalid base URL.");
  return u;
}

// processInitOriginalPattern is the original "process init" for patterns.
function processInitOriginalPattern(init) {
  const result = {};
  let base = null;
  if (init.baseURL !== undefined) {
    base = originalBase(init.baseURL);
    result.protocol = stripSuffix(base[U_PROTOCOL], ":");
    result.username = base[U_USERNAME];
    result.password = base[U_PASSWORD];
    result.hostname = base[U_HOSTNAME];
    result.port = base[U_PORT];
    result.pathname = escapePatternString(base[U_PATHNAME]);
    result.search = escapePatternString(base[U_SEARCH].slice(1));
    result.hash = escapePatternString(base[U_HASH].slice(1));
  }
  if (init.protocol !== undefined) result.protocol = init.protocol === "" ? "" : stripSuffix(init.protocol, ":");
  for (const k of ["username", "password", "hostname", "port"]) if (init[k] !== undefined) result[k] = init[k];
  if (init.pathname !== undefined) {
    let path = init.pathname;
    if (base !== null && !isAbsolutePathname(path, PATTERN)) {
      const basePath = base[U_PATHNAME];
      const slash = basePath.lastIndexOf("/");
      path = slash >= 0 ? basePath.slice(0, slash + 1) + path : basePath;
    }
    result.pathname = path;
  }
  if (init.search !== undefined) result.search = stripPrefix(init.search, "?");
  if (init.hash !== undefined) result.hash = stripPrefix(init.hash, "#");
  return result;
}

// processInitOriginalURL is the original "process init" for matching a dictionary: the values
// go through the setters of a scratch URL; components not given (nor lent by a base) are "".
function processInitOriginalURL(init) {
  const result = {};
  let base = null;
  if (init.baseURL !== undefined) {
    base = originalBase(init.baseURL);
    result.protocol = stripSuffix(base[U_PROTOCOL], ":");
    result.username = base[U_USERNAME];
    result.password = base[U_PASSWORD];
    result.hostname = base[U_HOSTNAME];
    result.port = base[U_PORT];
    result.pathname = escapePatternString(base[U_PATHNAME]);
    result.search = escapePatternString(base[U_SEARCH].slice(1));
    result.hash = escapePatternString(base[U_HASH].slice(1));
  }
  let url, absolute = false;
  if (init.protocol !== undefined) {
    const p = init.protocol, empty = p === "";
    url = urlParse((empty ? "fake:" : p) + (empty || p.endsWith(":") ? "" : ":") + "//a:b@fake-url");
    if (url === null) fail("Invalid URL protocol component");
    if (!empty) result.protocol = stripSuffix(url[U_PROTOCOL], ":");
    absolute = true;
  } else {
    url = (result.protocol !== undefined && urlParse(result.protocol + "://fake-url")) || urlParse("fake://fake-url");
  }
  if (init.username !== undefined) {
    url = urlSet(url, "username", init.username);
    result.username = url[U_USERNAME];
  }
  if (init.password !== undefined) {
    url = urlSet(url, "password", init.password);
    result.password = url[U_PASSWORD];
  }
  if (init.hostname !== undefined) {
    const next = isValidHostnameInput(init.hostname) ? setHostname(url, init.hostname) : null;
    if (next === null) fail("Invalid URL hostname component");
    url = next;
    result.hostname = url[U_HOSTNAME];
  }
  if (init.port !== undefined) {
    const port = init.port;
    if (port.length > 5) fail("Invalid URL port component");
    for (const c of port) if (c < "0" || c > "9") fail("Invalid URL port component");
    const next = urlSet(url, "port", port);
    if (port !== "" && next[U_PORT] === "" && Number(port) !== SPECIAL_PORTS[stripSuffix(url[U_PROTOCOL], ":")]) {
      fail("Invalid URL port component");
    }
    url = next;
    result.port = url[U_PORT];
  }
  if (init.pathname !== undefined) {
    if (!absolute && base !== null) {
      const resolved = urlParse(init.pathname, base[U_HREF]);
      if (resolved === null) fail("Invalid URL pathname component");
      result.pathname = resolved[U_PATHNAME];
    } else {
      url = urlSet(url, "pathname", init.pathname);
      result.pathname = url[U_PATHNAME];
    }
  }
  if (init.search !== undefined) {
    url = urlSet(url, "search", init.search);
    result.search = url[U_SEARCH].slice(1);
  }
  if (init.hash !== undefined) {
    url = urlSet(url, "hash", init.hash);
    result.hash = url[U_HASH].slice(1);
  }
  for (const k of COMPONENTS) if (result[k] === undefined) result[k] = "";
  return result;
}

// parseConstructorStringOriginal is the original constructor string parser: the draft's state
// machine, where a protocol makes every later component "" unless given, and (a quirk kept here)
// a special protocol never implies an authority or the "/" pathname.
function parseConstructorStringOriginal(input) {
  const bytes = utf8Bytes(input);
  const tokens = tokenize(input, false);
  const result = {};
  let state = S_INIT, index = 0, increment = 1, componentStart = 0, groupDepth = 0, ipv6Depth = 0;
  const nonSpecialChar = (i, value) => {
    const t = i < tokens.length ? tokens[i] : tokens[tokens.length - 1];
    return !t.str && t.value === value && (t.type === T_CHAR || t.type === T_ESCAPED || t.type === T_INVALID);
  };
  const isHashPrefix = () => nonSpecialChar(index, "#");
  const isSearchPrefix = () => {
    if (nonSpecialChar(index, "?")) return true;
    if (tokens[index].str || tokens[index].value !== "?") return false;
    if (index === 0) return true;
    const prev = tokens[index - 1];
    return !(prev.type === T_NAME || prev.type === T_REGEXP || prev.type === T_CLOSE || prev.type === T_ASTERISK);
  };
  const rewind = (next) => {
    index = componentStart;
    increment = 0;
    if (next !== undefined) state = next;
  };
  const change = (next, skip) => {
    if (state !== S_INIT && state !== S_AUTHORITY && state !== S_DONE) {
      const start = tokens[componentStart].index;
      result[COMPONENTS[state - S_PROTOCOL - (state >= S_USERNAME ? 1 : 0)]] = bytesToString(bytes.slice(start, tokens[index].index));
    }
    state = next;
    index += skip;
    componentStart = index;
    increment = 0;
  };
  while (index < tokens.length) {
    increment = 1;
    const tok = tokens[index];
    if (tok.type === T_END) {
      if (state === S_INIT) {
        rewind();
        if (isHashPrefix()) {
          change(S_HASH, 1);
        } else if (isSearchPrefix()) {
          change(S_SEARCH, 1);
          result.hash = "";
        } else {
          change(S_PATHNAME, 0);
          result.search = "";
          result.hash = "";
        }
        continue;
      }
      if (state === S_AUTHORITY) {
        rewind(S_HOSTNAME);
        continue;
      }
      change(S_DONE, 0);
      break;
    }
    if (tok.type === T_OPEN) {
      groupDepth++;
      index += increment;
      continue;
    }
    if (groupDepth > 0) {
      if (tok.type === T_CLOSE) {
        groupDepth--;
      } else {
        index += increment;
        continue;
      }
    }
    switch (state) {
      case S_INIT:
        if (nonSpecialChar(index, ":")) {
          for (const k of COMPONENTS.slice(1)) result[k] = "";
          rewind(S_PROTOCOL);
        }
        break;
      case S_PROTOCOL:
        if (nonSpecialChar(index, ":")) {
          if (nonSpecialChar(index + 1, "/") && nonSpecialChar(index + 2, "/")) change(S_AUTHORITY, 3);
          else change(S_PATHNAME, 1);
        }
        break;
      case S_AUTHORITY:
        if (nonSpecialChar(index, "@")) rewind(S_USERNAME);
        else if (nonSpecialChar(index, "/") || isSearchPrefix() || isHashPrefix()) rewind(S_HOSTNAME);
        break;
      case S_USERNAME:
        if (nonSpecialChar(index, ":")) change(S_PASSWORD, 1);
        else if (nonSpecialChar(index, "@")) change(S_HOSTNAME, 1);
        break;
      case S_PASSWORD:
        if (nonSpecialChar(index, "@")) change(S_HOSTNAME, 1);
        break;
      case S_HOSTNAME:
        if (nonSpecialChar(index, "[")) ipv6Depth++;
        else if (nonSpecialChar(index, "]")) ipv6Depth--;
        else if (nonSpecialChar(index, ":") && ipv6Depth === 0) change(S_PORT, 1);
        else if (nonSpecialChar(index, "/")) change(S_PATHNAME, 0);
        else if (isSearchPrefix()) change(S_SEARCH, 1);
        else if (isHashPrefix()) change(S_HASH, 1);
        break;
      case S_PORT:
        if (nonSpecialChar(index, "/")) change(S_PATHNAME, 0);
        else if (isSearchPrefix()) change(S_SEARCH, 1);
        else if (isHashPrefix()) change(S_HASH, 1);
        break;
      case S_PATHNAME:
        if (isSearchPrefix()) change(S_SEARCH, 1);
        else if (isHashPrefix()) change(S_HASH, 1);
        break;
      case S_SEARCH:
        if (isHashPrefix()) change(S_HASH, 1);
        break;
    }
    index += increment;
  }
  return result;
}

// compileOriginal compiles a processed init the original way: "*" for what is missing, the
// original canonicalizers, ignoreCase on every component.
function compileOriginal(p, ignoreCase) {
  for (const k of COMPONENTS) if (p[k] === undefined) p[k] = "*";
  const c = { original: true };
  const opts = { ...DEFAULT_OPTIONS, ignoreCase };
  c.protocol = compileComponent(p.protocol, originalCanon("protocol"), opts);
  c.username = compileComponent(p.username, originalCanon("username"), opts);
  c.password = compileComponent(p.password, originalCanon("password"), opts);
  const h = p.hostname;
  const ipv6 = h.length >= 2 && (h[0] === "[" || (h[0] === "{" || h[0] === "\\") && h[1] === "[");
  c.hostname = compileComponent(h, originalCanon(ipv6 ? "ipv6hostname" : "hostname"), { ...HOSTNAME_OPTIONS, ignoreCase });
  c.port = compileComponent(p.port, originalCanon("port"), opts);
  c.pathname = protocolMatchesSpecialScheme(c.protocol)
    ? compileComponent(p.pathname, originalCanon("pathname"), { ...PATHNAME_OPTIONS, ignoreCase })
    : compileComponent(p.pathname, originalCanon("opaque-pathname"), opts);
  c.search = compileComponent(p.search, originalCanon("search"), opts);
  c.hash = compileComponent(p.hash, originalCanon("hash"), opts);
  return c;
}

// ---- WebIDL-style conversions (as workerd's) ----

// toInit reads a URLPatternInit dictionary: members in workerd's order, each a USVString when
// not undefined.
function toInit(v) {
  const init = {};
  if (v === null || v === undefined) return init;
  for (const k of INIT_KEYS) {
    const x = v[k];
    if (x !== undefined) init[k] = usv(x);
  }
  return init;
}

// toInput converts a (USVString or URLPatternInit) argument: objects and null are dictionaries.
const toInput = (v) => (v === undefined || v === null || isObject(v) ? toInit(v) : usv(v));

function toOptions(v, position) {
  if (v === undefined || v === null) return { ignoreCase: false };
  if (!isObject(v)) {
    throw new TypeError(`Failed to construct 'URLPattern': constructor parameter ${position} is not of type 'URLPatternOptions'.`);
  }
  const ic = v.ignoreCase;
  return { ignoreCase: ic === undefined ? false : !!ic };
}

// initCopy returns the URLPatternInit a result's inputs list holds: the members given, and with
// enable_fast_jsg_struct (workerd's struct conversion from 2025-12-03) the others as own
// properties set to undefined.
function initCopy(init) {
  const all = flag("enable_fast_jsg_struct", "disable_fast_jsg_struct", true);
  const out = {};
  for (const k of INIT_KEYS) if (all || init[k] !== undefined) out[k] = init[k];
  return out;
}

// ---- The class ----

let isPattern; // (value) => whether it is a URLPattern

class URLPatternImpl {
  #c; // compiled components, by name

  constructor(input = undefined, baseURL = undefined, options = undefined) {
    let pattern = toInput(input);
    let base, opts;
    if (baseURL !== undefined) {
      if (baseURL === null || isObject(baseURL)) opts = toOptions(baseURL, 2);
      else base = usv(baseURL);
    }
    const third = toOptions(options, 3);
    if (opts === undefined) opts = third;
    const original = originalMode();
    if (original) hideHasRegExpGroups();
    this.#c = run(original, "Failed to construct URLPattern", () => compile(pattern, base, opts));
  }

  // Absent under urlpattern_original (see hideHasRegExpGroups).
  get hasRegExpGroups() {
    if (!URLPatternImpl.#is(this)) throw illegal();
    const c = this.#c;
    if (c.original) return undefined;
    return COMPONENTS.some((k) => c[k].hasRegExpGroups);
  }

  test(input = undefined, baseURL = undefined) {
    if (!URLPatternImpl.#is(this)) throw illegal();
    const c = this.#c;
    const i = toInput(input), b = baseURL === undefined ? undefined : usv(baseURL);
    return run(c.original, "Failed to test URLPattern", () => match(c, i, b, c.original)) !== null;
  }

  exec(input = undefined, baseURL = undefined) {
    if (!URLPatternImpl.#is(this)) throw illegal();
    const c = this.#c;
    const i = toInput(input), b = baseURL === undefined ? undefined : usv(baseURL);
    return run(c.original, "Failed to exec URLPattern", () => match(c, i, b, true));
  }

  static #is(o) {
    return isObject(o) && #c in o;
  }

  static {
    isPattern = (o) => URLPatternImpl.#is(o);
    for (const name of COMPONENTS) {
      const get = { [name]() { if (!URLPatternImpl.#is(this)) throw illegal(); return this.#c[name].pattern; } }[name];
      Object.defineProperty(get, "name", { value: "get " + name });
      Object.defineProperty(URLPatternImpl.prototype, name, { get, enumerable: true, configurable: true });
    }
  }
}

// run calls f in the given mode and turns a Failure into workerd's TypeError: the original
// implementation's message under urlpattern_original, else the method's fixed message.
function run(original, message, f) {
  const outer = ORIGINAL;
  ORIGINAL = original;
  try {
    return f();
  } catch (e) {
    if (e instanceof Failure) throw new TypeError(original ? e.message : message);
    throw e;
  } finally {
    ORIGINAL = outer;
  }
}

// The original implementation has no hasRegExpGroups. The prototype is shared by the isolate's
// one worker, so under urlpattern_original it goes at the first construction.
let hasRegExpGroupsHidden = false;
function hideHasRegExpGroups() {
  if (hasRegExpGroupsHidden) return;
  hasRegExpGroupsHidden = true;
  delete URLPatternImpl.prototype.hasRegExpGroups;
}

// compile implements the constructor's steps after argument conversion.
function compile(input, base, options) {
  if (ORIGINAL) {
    let init = input;
    if (typeof input === "string") {
      init = parseConstructorStringOriginal(input);
      if (base !== undefined) init.baseURL = base;
      if (init.protocol === undefined && init.baseURL === undefined) {
        fail(`${SYNTAX}: a relative pattern must have a base URL.`);
      }
    }
    return compileOriginal(processInitOriginalPattern(init), options.ignoreCase);
  }
  let init;
  if (typeof input === "string") {
    init = parseConstructorString(input);
    if (base === undefined && init.protocol === undefined) fail();
    if (base !== undefined) init.baseURL = base;
  } else {
    if (base !== undefined) fail();
    init = input;
  }
  const p = processInit(init, PATTERN);
  for (const k of COMPONENTS) if (p[k] === undefined) p[k] = "*";
  if (isSpecialScheme(p.protocol) && p.port === String(SPECIAL_PORTS[p.protocol])) p.port = "";
  const c = { original: false };
  const ignoreCase = options.ignoreCase;
  c.protocol = compileComponent(p.protocol, canonProtocol, DEFAULT_OPTIONS);
  c.username = compileComponent(p.username, canonUsername, DEFAULT_OPTIONS);
  c.password = compileComponent(p.password, canonPassword, DEFAULT_OPTIONS);
  const h = p.hostname;
  const ipv6 = h.length >= 2 && (h[0] === "[" || h.startsWith("{[") || h.startsWith("\\["));
  c.hostname = ipv6 ? compileComponent(h, canonIPv6Hostname, DEFAULT_OPTIONS) : compileComponent(h, canonHostname, HOSTNAME_OPTIONS);
  c.port = compileComponent(p.port, canonPort, DEFAULT_OPTIONS);
  const opts = { ...DEFAULT_OPTIONS, ignoreCase };
  c.pathname = protocolMatchesSpecialScheme(c.protocol)
    ? compileComponent(p.pathname, canonPathname, { ...PATHNAME_OPTIONS, ignoreCase })
    : compileComponent(p.pathname, canonOpaquePathname, opts);
  c.search = compileComponent(p.search, canonSearch, opts);
  c.hash = compileComponent(p.hash, canonHash, opts);
  return c;
}

// match implements "match" (exec: the result or null) and test (any non-null for a match).
// Under urlpattern_original: a dictionary that does not process throws, a string input without
// a base URL must be absolute, unmatched groups are "", and groups keep pattern order.
function match(c, input, base, full) {
  let values;
  const inputs = [];
  const original = c.original;
  if (typeof input !== "string") {
    if (base !== undefined) fail("A baseURL is not allowed when input is an object.");
    inputs.push(initCopy(input));
    if (original) {
      values = processInitOriginalURL(input);
    } else {
      try {
        values = processInit(input, URL_TYPE);
      } catch (e) {
        if (e instanceof Failure) return null;
        throw e;
      }
      values.search = stripPrefix(values.search, "?");
    }
  } else {
    inputs.push(input);
    if (base !== undefined) {
      if (parseURL(base, false) === null) return null;
      inputs.push(base);
    }
    values = parseURL(input, !original, base);
    if (values === null) return null;
  }
  if (!full) {
    for (const k of COMPONENTS) if (!componentTest(c[k], values[k])) return null;
    return true;
  }
  // The original runs all eight regexps before looking at the results.
  const groups = [];
  for (const k of COMPONENTS) {
    const g = componentMatch(c[k], values[k]);
    if (g === null && !original) return null;
    groups.push(g);
  }
  if (groups.includes(null)) return null;
  const result = { inputs };
  COMPONENTS.forEach((k, n) => {
    const g = {};
    const names = c[k].names, vals = groups[n];
    const len = Math.min(names.length, vals.length);
    if (original) {
      for (let i = 0; i < names.length; i++) g[names[i]] = vals[i] === undefined ? "" : vals[i];
    } else if (len < 2) {
      if (len === 1) g[names[0]] = vals[0];
    } else {
      const order = len === names.length ? c[k].order : groupOrder(names.slice(0, len));
      for (const i of order) g[names[i]] = vals[i];
    }
    result[k] = { input: values[k], groups: g };
  });
  return result;
}

// The constructor user code sees: workerd's message for a call without new, length 0, and
// subclassable (super() constructs the implementation for the subclass). Strict, so it has no
// own "arguments" and "caller".
export const URLPattern = {
  URLPattern: function () {
    "use strict";
    if (new.target === undefined) {
      throw new TypeError("Failed to construct 'URLPattern': Please use the 'new' operator, this object constructor cannot be called as a function.");
    }
    return Reflect.construct(URLPatternImpl, arguments, new.target);
  },
}.URLPattern;
URLPattern.prototype = URLPatternImpl.prototype;
// The prototype's members in workerd's order, all enumerable but the constructor; methods have
// length 0.
{
  const proto = URLPatternImpl.prototype;
  for (const key of [...COMPONENTS, "hasRegExpGroups", "test", "exec", "constructor"]) {
    const d = Object.getOwnPropertyDescriptor(proto, key);
    delete proto[key];
    if (key === "constructor") {
      d.value = URLPattern;
    } else {
      d.enumerable = true;
      if (typeof d.value === "function") Object.defineProperty(d.value, "length", { value: 0 });
    }
    Object.defineProperty(proto, key, d);
  }
  // structuredClone refuses it with workerd's DataCloneError.
  registerHost(proto, "URLPattern");
  // console.log shows the component patterns (and hasRegExpGroups), as workerd's inspect does.
  Object.defineProperty(proto, Symbol.for("nodejs.util.inspect.custom"), { value: inspectMethod(isPattern), writable: true, configurable: true });
  // workerd tags its classes only from set_tostring_tag's date (2024-09-26) on.
  Object.defineProperty(proto, Symbol.toStringTag, {
    get() { return flag("set_tostring_tag", "do_not_set_tostring_tag", true) ? "URLPattern" : undefined; },
    configurable: true,
  });
}

// The global is settled on first use (as misc.js does for navigator): only then are the worker's
// compatibility flags known, and under urlpattern_original the prototype must lose
// hasRegExpGroups before user code can look at it.
export function installURLPattern(g) {
  const settle = (value) => Object.defineProperty(g, "URLPattern", { value, writable: true, configurable: true });
  Object.defineProperty(g, "URLPattern", {
    get() {
      if (originalMode()) hideHasRegExpGroups();
      settle(URLPattern);
      return URLPattern;
    },
    set(value) { settle(value); },
    configurable: true,
  });
}
