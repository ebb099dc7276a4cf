// CSS selectors for HTMLRewriter: the subset lol-html supports, with its error messages (which
// come from the Servo `selectors` crate's parse errors, then lol-html's own validation).
// Matching runs against the open-element stack HTMLRewriter keeps (see htmlrewriter.js).

const PARSER = "Parser error: ";
const ERR = {
  token: "Unexpected token in selector.",
  end: "Unexpected end of selector.",
  attrName: "Missing attribute name in attribute selector.",
  empty: "The selector is empty.",
  dangling: "Dangling combinator in selector.",
  attrToken: "Unexpected token in the attribute selector.",
  pseudo: "Unsupported pseudo-class or pseudo-element in selector.",
  ns: "Selectors with explicit namespaces are not supported.",
  cls: "Invalid or unescaped class name in selector.",
};
const fail = (msg) => { throw new TypeError(PARSER + msg); };

// ---- a small CSS tokenizer (enough of css-syntax for selectors) ----

const isNameStart = (c) => /[A-Za-z_\u0080-\uffff]/.test(c);
const isName = (c) => /[A-Za-z0-9_\-\u0080-\uffff]/.test(c);
const isWS = (c) => c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f";

function tokenize(s) {
  const toks = [];
  let i = 0;
  const validEscape = (j) => s[j] === "\\" && s[j + 1] !== "\n";
  const startsIdent = (j) => {
    if (s[j] === "-") return isNameStart(s[j + 1] ?? "") || s[j + 1] === "-" || validEscape(j + 1);
    return isNameStart(s[j] ?? "") || validEscape(j);
  };
  const readName = () => {
    let out = "";
    while (i < s.length) {
      if (isName(s[i])) out += s[i++];
      else if (validEscape(i)) {
        i++;
        const m = /^[0-9a-fA-F]{1,6}/.exec(s.slice(i));
        if (m) {
          i += m[0].length;
          if (isWS(s[i] ?? "")) i++;
          const cp = parseInt(m[0], 16);
          out += cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? "\ufffd" : String.fromCodePoint(cp);
        } else if (i >= s.length) out += "\ufffd";
        else out += s[i++];
      } else break;
    }
    return out;
  };
  const startsNumber = (j) => /^[+-]?(\d|\.\d)/.test(s.slice(j, j + 3));
  while (i < s.length) {
    const c = s[i];
    if (isWS(c)) {
      while (i < s.length && isWS(s[i])) i++;
      toks.push({ t: "ws" });
    } else if (c === '"' || c === "'") {
      i++;
      let v = "";
      let bad = false;
      while (i < s.length && s[i] !== c) {
        if (s[i] === "\n") { bad = true; break; }
        if (s[i] === "\\") {
          if (s[i + 1] === "\n") { i += 2; continue; }
          if (i + 1 >= s.length) { i++; continue; }
          const m = /^[0-9a-fA-F]{1,6}/.exec(s.slice(i + 1));
          if (m) {
            i += 1 + m[0].length;
            if (isWS(s[i] ?? "")) i++;
            const cp = parseInt(m[0], 16);
            v += cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? "\ufffd" : String.fromCodePoint(cp);
          } else { v += s[i + 1]; i += 2; }
          continue;
        }
        v += s[i++];
      }
      if (!bad) i++;
      toks.push({ t: bad ? "badstring" : "string", v });
    } else if (c === "#") {
      i++;
      if (i < s.length && (isName(s[i]) || validEscape(i))) {
        const id = startsIdent(i);
        toks.push({ t: "hash", v: readName(), id });
      } else toks.push({ t: "delim", v: "#" });
    } else if (startsNumber(i)) {
      const m = /^[+-]?(\d*\.\d+|\d+)([eE][+-]?\d+)?/.exec(s.slice(i));
      i += m[0].length;
      if (startsIdent(i)) toks.push({ t: "dim", v: m[0], unit: readName() });
      else if (s[i] === "%") { i++; toks.push({ t: "pct", v: m[0] }); } else toks.push({ t: "num", v: m[0] });
    } else if (startsIdent(i)) {
      const v = readName();
      if (s[i] === "(") { i++; toks.push({ t: "func", v }); } else toks.push({ t: "ident", v });
    } else if (c === "(" || c === ")" || c === "[" || c === "]" || c === "{" || c === "}" || c === "," || c === ":") {
      i++;
      toks.push({ t: c });
    } else {
      i++;
      toks.push({ t: "delim", v: c });
    }
  }
  return toks;
}

// ---- parser ----
// AST: list of complex selectors; a complex selector is [{compound, comb, combErr}] from left
// to right, where comb is the combinator to the next compound (" " or ">").
// compound: { tag, universal, ids[], classes[], attrs[{name, op, value, ci}],
//             nths[{ofType, a, b}], nots[list], errs[] }
// Errors come in two kinds, as in lol-html: parse errors throw at once; selectors that parse but
// that lol-html does not support (errs, combErr) are reported after parsing, in match order
// (rightmost compound first), by validate().

class Parser {
  constructor(toks, nested) {
    this.toks = toks;
    this.i = 0;
    this.nested = nested;
  }
  peek(k = 0) { return this.toks[this.i + k]; }
  next() { return this.toks[this.i++]; }
  skipWS() { while (this.peek()?.t === "ws") this.i++; }

  list() {
    const out = [];
    for (;;) {
      this.skipWS();
      out.push(this.complex());
      this.skipWS();
      const t = this.peek();
      if (!t) return out;
      if (t.t === ",") { this.i++; continue; }
      fail(ERR.token);
    }
  }
  complex() {
    const parts = [];
    let c = this.compound();
    if (!c) fail(ERR.empty);
    for (;;) {
      let sawWS = false;
      while (this.peek()?.t === "ws") { this.i++; sawWS = true; }
      const t = this.peek();
      let comb = null;
      if (t && t.t === "delim" && (t.v === ">" || t.v === "+" || t.v === "~")) { this.i++; comb = t.v; } else if (t && t.t === "delim" && t.v === "|" && this.peek(1)?.t === "delim" && this.peek(1).v === "|") {
        fail(ERR.ns);
      } else if (sawWS && t && t.t !== ",") comb = " ";
      if (!comb) { parts.push({ compound: c, comb: null, combErr: null }); return parts; }
      let combErr = null;
      if (this.nested) combErr = ERR.pseudo; // a negation takes compound selectors only
      else if (comb === "+" || comb === "~") combErr = `Unsupported combinator \`${comb}\` in selector.`;
      this.skipWS();
      const n = this.compound();
      if (!n) fail(ERR.dangling);
      parts.push({ compound: c, comb, combErr });
      c = n;
    }
  }
  // compound returns null when nothing of a compound selector is there.
  compound() {
    const c = { tag: null, universal: false, ids: [], classes: [], attrs: [], nths: [], nots: [], errs: [] };
    let any = false;
    // type selector, with an optional namespace prefix
    const t = this.peek();
    const t1 = this.peek(1);
    const isBar = (x) => x && x.t === "delim" && x.v === "|";
    if (t && (t.t === "ident" || (t.t === "delim" && t.v === "*"))) {
      if (isBar(t1)) {
        if (t.t === "ident") fail(ERR.ns);
        this.i += 2; // `*|`: any namespace
        const n = this.next();
        if (!n) fail(ERR.end);
        if (n.t === "ident") c.tag = n.v.toLowerCase();
        else if (n.t === "delim" && n.v === "*") c.universal = true;
        else fail(ERR.token);
      } else {
        this.i++;
        if (t.t === "ident") c.tag = t.v.toLowerCase();
        else c.universal = true;
      }
      any = true;
    } else if (isBar(t)) {
      this.i++; // `|name`: no namespace
      const n = this.next();
      if (!n) fail(ERR.end);
      if (n.t === "ident") c.tag = n.v.toLowerCase();
      else if (n.t === "delim" && n.v === "*") c.universal = true;
      else fail(ERR.token);
      any = true;
    }
    for (;;) {
      const k = this.peek();
      if (!k) break;
      if (k.t === "hash" && k.id) { this.i++; c.ids.push(k.v); any = true; continue; }
      if (k.t === "delim" && k.v === ".") {
        this.i++;
        const n = this.next();
        if (!n) fail(ERR.end);
        if (n.t !== "ident") fail(ERR.cls);
        c.classes.push(n.v);
        any = true;
        continue;
      }
      if (k.t === "[") { this.i++; c.attrs.push(this.attribute()); any = true; continue; }
      if (k.t === ":") { this.i++; this.pseudo(c); any = true; continue; }
      break;
    }
    return any ? c : null;
  }
  attribute() {
    // Inside [...]: the block ends at `]` or at the end of input.
    const inner = [];
    let depth = 0;
    while (this.i < this.toks.length) {
      const t = this.next();
      if (t.t === "]" && depth === 0) break;
      if (t.t === "[" || t.t === "(" || t.t === "func") depth++;
      if ((t.t === "]" || t.t === ")") && depth > 0) depth--;
      inner.push(t);
    }
    let j = 0;
    const skip = () => { while (inner[j]?.t === "ws") j++; };
    skip();
    let t = inner[j++];
    if (!t) fail(ERR.end);
    const bar = (x) => x && x.t === "delim" && x.v === "|";
    let name;
    if (t.t === "delim" && t.v === "*" && bar(inner[j])) fail(ERR.ns);
    if (bar(t)) {
      t = inner[j++];
      if (!t) fail(ERR.end);
      if (t.t !== "ident") fail(ERR.attrToken);
      name = t.v;
    } else if (t.t === "ident") {
      name = t.v;
      if (bar(inner[j]) && !(inner[j + 1]?.t === "delim" && inner[j + 1].v === "=")) fail(ERR.ns);
    } else fail(ERR.attrName);
    skip();
    const op = inner[j++];
    if (!op) return { name: name.toLowerCase(), op: "exists" };
    let opStr;
    if (op.t === "delim" && op.v === "=") opStr = "=";
    else if (op.t === "delim" && "~|^$*".includes(op.v) && inner[j]?.t === "delim" && inner[j].v === "=") { opStr = op.v + "="; j++; } else fail(ERR.attrToken);
    skip();
    const v = inner[j++];
    if (!v) fail(ERR.end);
    if (v.t !== "ident" && v.t !== "string") fail(ERR.attrToken);
    skip();
    let ci = null; // null: no flag given
    const f = inner[j];
    if (f) {
      if (f.t === "ident" && /^[is]$/i.test(f.v)) { ci = f.v.toLowerCase() === "i"; j++; skip(); } else fail(ERR.token);
      if (inner[j]) fail(ERR.token);
    }
    return { name: name.toLowerCase(), op: opStr, value: v.v, ci };
  }
  pseudo(c) {
    let t = this.next();
    if (!t) fail(ERR.end);
    if (t.t === ":") {
      // Pseudo-elements: none is supported (a parse error).
      t = this.next();
      if (!t) fail(ERR.end);
      if (this.nested) fail("Unsupported syntax in selector.");
      if (t.t !== "ident" && t.t !== "func") fail(ERR.token);
      fail(ERR.pseudo);
    }
    if (t.t === "ident") {
      const n = t.v.toLowerCase();
      if (n === "first-child") c.nths.push({ ofType: false, a: 0, b: 1 });
      else if (n === "first-of-type") c.nths.push({ ofType: true, a: 0, b: 1 });
      // Structural pseudo-classes the parser knows but lol-html does not run.
      else if (STRUCTURAL.has(n)) c.errs.push(ERR.pseudo);
      else fail(ERR.pseudo);
      return;
    }
    if (t.t !== "func") fail(ERR.token);
    const n = t.v.toLowerCase();
    if (n === "nth-child" || n === "nth-of-type") {
      const args = this.args();
      c.nths.push({ ofType: n === "nth-of-type", ...parseNth(args) });
      return;
    }
    if (n === "not") {
      const list = new Parser(this.args(), true).list();
      c.nots.push(list);
      c.errs.push({ nested: list });
      return;
    }
    if (n === "nth-last-child" || n === "nth-last-of-type") {
      parseNth(this.args());
      c.errs.push(ERR.pseudo);
      return;
    }
    fail(ERR.pseudo);
  }
  // args returns the tokens up to the matching `)` (or the end of input).
  args() {
    const out = [];
    let depth = 0;
    while (this.i < this.toks.length) {
      const t = this.next();
      if (t.t === ")" && depth === 0) return out;
      if (t.t === "(" || t.t === "func" || t.t === "[") depth++;
      if ((t.t === ")" || t.t === "]") && depth > 0) depth--;
      out.push(t);
    }
    return out;
  }
  skipArgs() { this.args(); }
}

// parseNth reads An+B from a pseudo-class's argument tokens (css-syntax's an+b microsyntax).
function parseNth(toks) {
  const text = toks.map((t) => {
    switch (t.t) {
      case "ws": return " ";
      case "ident": case "func": return t.v;
      case "num": return t.v;
      case "dim": return t.v + t.unit;
      case "delim": return t.v;
      default: return "\u0000";
    }
  }).join("").trim().toLowerCase();
  if (text === "") fail(ERR.end);
  if (text === "odd") return { a: 2, b: 1 };
  if (text === "even") return { a: 2, b: 0 };
  let m = /^([+-]?)(\d*)n(?:\s*([+-])\s*(\d+)|(-\d+))?$/.exec(text);
  if (m && !/^[+-]?\d*n\s*[+-]\s*[+-]/.test(text)) {
    const a = m[2] === "" ? 1 : Number(m[2]);
    let b = 0;
    if (m[3]) b = Number(m[4]) * (m[3] === "-" ? -1 : 1);
    else if (m[5]) b = Number(m[5]);
    // "+ n" with a space after the sign is not valid.
    if (/^[+-]\s/.test(text)) fail(ERR.token);
    return { a: m[1] === "-" ? -a : a, b };
  }
  m = /^[+-]?\d+$/.exec(text);
  if (m) return { a: 0, b: Number(text) };
  fail(ERR.token);
}

const STRUCTURAL = new Set(["last-child", "only-child", "last-of-type", "only-of-type", "root", "empty", "scope"]);

// validate reports the first unsupported part of a parsed list, in lol-html's order: each
// selector in turn, each from its rightmost compound leftwards, a compound's parts in order
// (a negation's own list checked where it stands), then the combinator to its left.
function validate(list) {
  for (const parts of list) {
    for (let k = parts.length - 1; k >= 0; k--) {
      for (const e of parts[k].compound.errs) {
        if (typeof e === "string") return e;
        const inner = validate(e.nested);
        if (inner) return inner;
      }
      if (k > 0 && parts[k - 1].combErr) return parts[k - 1].combErr;
    }
  }
  return null;
}

export function parseSelector(src) {
  const p = new Parser(tokenize(src), false);
  const toks = p.toks;
  if (toks.length === 0 || toks.every((t) => t.t === "ws")) fail(ERR.empty);
  const list = p.list();
  const bad = validate(list);
  if (bad) fail(bad);
  return list;
}

// ---- matching ----
// el: { lname, html, attrs: [{name, value}], index, typeIndex }; stack: ancestors, outermost first,
// each with the same fields.

const asciiLower = (s) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
const splitWS = (s) => s.split(/[ \t\n\r\f]+/).filter(Boolean);

function attrValue(el, name) {
  for (const a of el.attrs) if (a.name === name) return a.value;
  return null;
}

function nthMatches(a, b, i) {
  if (a === 0) return i === b;
  const d = i - b;
  return d % a === 0 && d / a >= 0;
}

// Attributes whose values attribute selectors compare ASCII case-insensitively on HTML elements
// unless the selector says `s` (the selectors crate's list, from HTML 4).
const CI_ATTRS = new Set(["accept", "accept-charset", "align", "alink", "axis", "bgcolor", "charset", "checked", "clear",
  "codetype", "color", "compact", "declare", "defer", "dir", "direction", "disabled", "enctype", "face", "frame",
  "hreflang", "http-equiv", "lang", "language", "link", "media", "method", "multiple", "nohref", "noresize", "noshade",
  "nowrap", "readonly", "rel", "rev", "rules", "scope", "scrolling", "selected", "shape", "target", "text", "type",
  "valign", "valuetype", "vlink"]);

function matchAttr(sel, el) {
  const v = attrValue(el, sel.name);
  if (v === null) return false;
  if (sel.op === "exists") return true;
  let want = sel.value;
  let have = v;
  const ci = sel.ci === true || (sel.ci === null && el.html && CI_ATTRS.has(sel.name));
  if (ci) { want = asciiLower(want); have = asciiLower(have); }
  switch (sel.op) {
    case "=": return have === want;
    case "~=": return want !== "" && !/[ \t\n\r\f]/.test(want) && splitWS(have).includes(want);
    case "|=": return have === want || have.startsWith(want + "-");
    case "^=": return want !== "" && have.startsWith(want);
    case "$=": return want !== "" && have.endsWith(want);
    case "*=": return want !== "" && have.includes(want);
  }
  return false;
}

function matchCompound(c, el) {
  if (c.tag !== null && c.tag !== el.lname) return false;
  for (const id of c.ids) if (attrValue(el, "id") !== id) return false;
  if (c.classes.length) {
    const cls = attrValue(el, "class");
    if (cls === null) return false;
    const list = splitWS(cls);
    for (const k of c.classes) if (!list.includes(k)) return false;
  }
  for (const a of c.attrs) if (!matchAttr(a, el)) return false;
  for (const n of c.nths) if (!nthMatches(n.a, n.b, n.ofType ? el.typeIndex : el.index)) return false;
  for (const list of c.nots) if (!list.every((cx) => noneMatches(cx[0].compound, el))) return false;
  return true;
}

// noneMatches is lol-html's negation: `:not(a.b)` holds when neither `a` nor `.b` matches
// (each simple selector is negated on its own), not when `a.b` as a whole fails.
function noneMatches(c, el) {
  if (c.universal) return false;
  if (c.tag !== null && c.tag === el.lname) return false;
  for (const id of c.ids) if (attrValue(el, "id") === id) return false;
  if (c.classes.length) {
    const cls = attrValue(el, "class");
    if (cls !== null) {
      const list = splitWS(cls);
      for (const k of c.classes) if (list.includes(k)) return false;
    }
  }
  for (const a of c.attrs) if (matchAttr(a, el)) return false;
  for (const n of c.nths) if (nthMatches(n.a, n.b, n.ofType ? el.typeIndex : el.index)) return false;
  for (const list of c.nots) if (list.every((cx) => noneMatches(cx[0].compound, el))) return false;
  return true;
}

// matchComplex matches parts[k] against el at stack depth d (el's ancestors are stack[0..d)).
function matchComplex(parts, k, el, stack, d) {
  if (!matchCompound(parts[k].compound, el)) return false;
  if (k === 0) return true;
  const comb = parts[k - 1].comb;
  if (comb === ">") return d > 0 && matchComplex(parts, k - 1, stack[d - 1], stack, d - 1);
  for (let j = d - 1; j >= 0; j--) if (matchComplex(parts, k - 1, stack[j], stack, j)) return true;
  return false;
}

export function matchSelector(list, el, stack) {
  for (const parts of list) if (matchComplex(parts, parts.length - 1, el, stack, stack.length)) return true;
  return false;
}
