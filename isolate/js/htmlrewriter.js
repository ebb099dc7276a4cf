// HTMLRewriter: workerd's streaming HTML rewriter, whose engine is lol-html. This is a JS
// re-implementation of lol-html's observable behaviour: a byte-for-byte pass-through of
// untouched markup, text chunks split where lol-html splits them (input chunk ends and every
// `<`), its simulated tree builder (namespaces, raw-text elements, no implicit closing), its
// selector subset and its serialization of modified tokens. Written in JS because handlers are
// JS and may be async: the tokenizer runs per input chunk and the dispatcher awaits each handler.

import { parseSelector, matchSelector } from "./htmlselector.js";
import { compat } from "./misc.js";
import { native } from "./native.js";
import { Response, headersGuard, setHeadersGuard } from "./fetch.js";
import { ReadableStream } from "./streams.js";
import { TextEncoder, TextDecoder } from "./encoding.js";

const PARSER = "Parser error: ";
const illegalInvocation = () => new TypeError("Illegal invocation: function called with incorrect `this` reference. " +
  "See https://developers.cloudflare.com/workers/observability/errors/#illegal-invocation-errors for details.");
const parserError = (msg) => new TypeError(PARSER + msg);
const DEAD = "This content token is no longer valid. Content tokens are only valid during the execution of the relevant content handler.";
const ITER_MODIFIED = "The attributes of this element have been modified during iteration. You must create a new iterator after modifying attributes.";

const NS_HTML = "http://www.w3.org/1999/xhtml";
const NS_SVG = "http://www.w3.org/2000/svg";
const NS_MATH = "http://www.w3.org/1998/Math/MathML";

const AMBIGUOUS = new Set(["textarea", "title", "plaintext", "script", "style", "iframe", "xmp", "noembed", "noframes", "noscript"]);
const VOID = new Set(["area", "base", "basefont", "bgsound", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr"]);
const FOREIGN_EXIT = new Set(["b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em", "embed", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing", "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small", "span", "strong", "strike", "sub", "sup", "table", "tt", "u", "ul", "var"]);
const MATH_TEXT_IP = new Set(["mi", "mo", "mn", "ms", "mtext"]);
const SVG_HTML_IP = new Set(["desc", "title", "foreignobject"]);

// Text parsing modes a start tag switches the tokenizer into (HTML namespace only).
function textModeFor(name) {
  switch (name) {
    case "textarea": case "title": return "rcdata";
    case "plaintext": return "plaintext";
    case "script": return "script";
    case "style": case "iframe": case "xmp": case "noembed": case "noframes": case "noscript": return "rawtext";
    default: return "data";
  }
}

const MEMORY_LIMIT = 3 << 20;
const TAG_STATES = new Set(["selfClosing", "beforeAttrName", "attrName", "afterAttrName", "beforeAttrValue", "attrValueQ", "attrValueU"]);
const TAG_NAME_END = /[\t\n\f\r />]/g;
const ATTR_NAME_END = /[\t\n\f\r />=]/g;
const UNQUOTED_END = /[\t\n\f\r >]/g;
const COMMENT_SPECIAL = /[-<]/g;
const isWS = (c) => c === " " || c === "\n" || c === "\t" || c === "\r" || c === "\f";
const isAlpha = (c) => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z");
// toStr is Web IDL's DOMString conversion: String(), except that a Symbol throws.
const toStr = (v) => {
  if (typeof v === "symbol") throw new TypeError("Cannot convert a Symbol value to a string");
  return String(v);
};
const lower = (s) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());

// ---- Tokenizer ----------------------------------------------------------------------------------
// A state machine over the input bytes, held as a binary string (one char per byte; all markup
// is ASCII, so this works for every ASCII-compatible encoding). Positions are absolute (counted
// from the document start); `buf` holds the input from `base` on, and everything before `mark`
// has been handed out.
// `emit` receives: {t:"text",text} {t:"raw",raw} {t:"start",...} {t:"end",...} {t:"comment",...}
// {t:"doctype",...}.
class Tokenizer {
  constructor(emit, dec, capture) {
    this.emit = emit;
    this.capture = capture; // { tags, comments, doctypes }: which tokens handlers take whole
    this.dec = dec; // bytes (as a binary string) -> the text handlers see
    this.guard = "default"; // lol-html's ambiguity guard (strict mode)
    this.guardDepth = 0;
    this.buf = "";
    this.base = 0;
    this.pos = 0;
    this.mark = 0;
    this.eof = false;
    this.state = "data";
    this.textMode = "data"; // the text state family to return to after tags
    this.lastStart = ""; // for "appropriate end tag" checks
    this.nsStack = [NS_HTML];
    this.tok = null; // token under construction
    this.attr = null;
    this.quote = "";
    this.cdataAllowed = false;
  }
  get ns() { return this.nsStack[this.nsStack.length - 1]; }
  ch(p = this.pos) { return this.buf[p - this.base]; }
  slice(a, b) { return this.buf.slice(a - this.base, b - this.base); }
  // seq reports whether the input at pos starts with s: true, false, or null (need more input).
  seq(s, ci) {
    const avail = this.buf.length - (this.pos - this.base);
    const n = Math.min(avail, s.length);
    let got = this.buf.substr(this.pos - this.base, n);
    if (ci) got = got.toUpperCase();
    if (got !== s.slice(0, n)) return false;
    if (n < s.length) return this.eof ? false : null;
    return true;
  }
  feed(str, eof) {
    if (this.failed) return;
    // lol-html keeps an unfinished token's bytes across chunks within a 3 MiB memory limit.
    if (this.buf.length > 0 && this.buf.length + str.length > this.bufferLimit()) this.overLimit();
    this.buf += str;
    this.eof = eof;
    this.run();
    // Drop what has been handed out; unfinished tokens keep their text.
    const keep = this.mark - this.base;
    if (keep > 0) {
      this.buf = this.buf.slice(keep);
      this.base = this.mark;
    }
    if (!eof && this.buf.length > this.bufferLimit()) this.overLimit();
  }
  overLimit() {
    this.failed = true;
    throw parserError("The memory limit has been exceeded.");
  }
  // bufferLimit is how many held-back bytes the token in progress may take. Tags are held whole
  // when selectors need their attributes (less lol-html's attribute buffer), else only up to
  // the end of the name; comments and doctypes only when a handler wants them. Text never is.
  bufferLimit() {
    const st = this.state;
    if (st === "tagName") return MEMORY_LIMIT;
    if (TAG_STATES.has(st)) return this.capture.tags ? MEMORY_LIMIT - 1280 : Infinity;
    if (st.startsWith("comment") || st === "bogusComment") return this.capture.comments ? MEMORY_LIMIT : Infinity;
    if (st.includes("octype")) return this.capture.doctypes ? MEMORY_LIMIT : Infinity;
    return Infinity;
  }
  emitText() {
    if (this.pos > this.mark) {
      this.emit({ t: "text", text: this.slice(this.mark, this.pos) });
      this.mark = this.pos;
    }
  }
  emitRaw(end) {
    if (end > this.mark) this.emit({ t: "raw", raw: this.slice(this.mark, end) });
    this.mark = end;
  }
  emitTextEOF() {
    this.pos = this.base + this.buf.length;
    this.emitText();
  }
  emitRawEOF() {
    this.pos = this.base + this.buf.length;
    this.emitRaw(this.pos);
  }
  newTag(kind) {
    this.tok = { t: kind, nameStart: this.pos, nameEnd: -1, attrs: [], selfClosing: false };
  }
  finishTagName() { this.tok.nameEnd = this.pos; }
  startAttr() { this.attr = { ns: this.pos, ne: -1, vs: -1, ve: -1, rawEnd: -1 }; }
  finishAttrName() { this.attr.ne = this.pos; }
  finishAttr(end) {
    const a = this.attr;
    if (!a) return;
    a.rawEnd = end ?? (a.ve >= 0 ? a.ve : a.ne);
    this.tok.attrs.push(a);
    this.attr = null;
  }
  // emitTag hands out the current tag and returns the state the text that follows is read in.
  emitTag() {
    const end = this.pos + 1;
    const tk = this.tok;
    const nameBin = this.slice(tk.nameStart, tk.nameEnd);
    const name = this.dec(nameBin);
    const lname = lower(name);
    let next = "data";
    if (tk.t === "start") {
      this.trackStart(lname);
      // Attribute bytes; decoded by the rewriter only when selectors need them.
      const rawAttrs = tk.attrs.map((a) => ({
        nameBin: this.slice(a.ns, a.ne),
        valueBin: a.vs >= 0 ? this.slice(a.vs, a.ve) : "",
        raw: this.slice(a.ns, a.rawEnd),
      }));
      const attr = (n) => rawAttrs.find((a) => lower(this.dec(a.nameBin)) === n);
      let ns = this.ns;
      let after = null;
      if (lname === "svg") { this.nsStack.push(NS_SVG); ns = NS_SVG; } else if (lname === "math") { this.nsStack.push(NS_MATH); ns = NS_MATH; } else if (ns !== NS_HTML) {
        if (FOREIGN_EXIT.has(lname)) {
          this.exitForeign(); ns = this.ns;
        } else if ((ns === NS_SVG && SVG_HTML_IP.has(lname)) || (ns === NS_MATH && MATH_TEXT_IP.has(lname))) {
          if (!tk.selfClosing) after = NS_HTML;
        } else if (lname === "font") {
          if (attr("color") || attr("size") || attr("face")) { this.exitForeign(); ns = this.ns; }
        } else if (ns === NS_MATH && lname === "annotation-xml" && !tk.selfClosing) {
          const enc = attr("encoding");
          if (enc && /^(text\/html|application\/xhtml\+xml)$/i.test(this.dec(enc.valueBin))) after = NS_HTML;
        }
      } else {
        next = textModeFor(lname);
      }
      if (after) this.nsStack.push(after);
      this.cdataAllowed = this.ns !== NS_HTML;
      if (next !== "data") this.lastStart = lname;
      this.emit({ t: "start", raw: this.slice(this.mark, end), nameBin, name, lname, rawAttrs, selfClosing: tk.selfClosing, ns });
    } else {
      this.trackEnd(lname);
      const cur = this.ns;
      if (cur === NS_HTML) {
        const prev = this.nsStack[this.nsStack.length - 2];
        if ((prev === NS_MATH && (MATH_TEXT_IP.has(lname) || lname === "annotation-xml")) || (prev === NS_SVG && SVG_HTML_IP.has(lname))) this.leaveNs();
      } else if ((cur === NS_SVG && lname === "svg") || (cur === NS_MATH && lname === "math")) {
        this.leaveNs();
      } else if (lname === "p" || lname === "br") {
        this.exitForeign();
      }
      this.cdataAllowed = this.ns !== NS_HTML;
      this.emit({ t: "end", raw: this.slice(this.mark, end), name, lname });
    }
    this.mark = end;
    this.tok = null;
    this.textMode = next;
    return next;
  }
  // trackStart and trackEnd follow lol-html's ambiguity guard: a raw-text switching tag inside
  // <select> (or a <template> there) or after <frameset> stops the parse, since a streaming
  // parser cannot tell whether the tree builder would ignore it.
  trackStart(lname) {
    const ambiguous = () => {
      if (AMBIGUOUS.has(lname)) {
        this.failed = true;
        throw parserError(`The parser has encountered a text content tag (\`<${lname}>\`) in the context where it is ambiguous whether this tag should be ignored or not. And, thus, it is unclear whether consequent content should be parsed as raw text or HTML markup.\n\nThis error occurs due to the limited capabilities of the streaming parsing. However, almost all of the cases of this error are caused by a non-conforming markup (e.g. a \`<script>\` element in \`<select>\` element).`);
      }
    };
    switch (this.guard) {
      case "default":
        if (lname === "select") this.guard = "select";
        else if (lname === "frameset") this.guard = "frameset";
        break;
      case "select":
        if (lname === "select" || lname === "textarea" || lname === "input" || lname === "keygen") this.guard = "default";
        else if (lname === "template") { this.guard = "template"; this.guardDepth = 1; } else if (lname !== "script") ambiguous();
        break;
      case "template":
        if (lname === "template") this.guardDepth++;
        else ambiguous();
        break;
      case "frameset":
        if (lname !== "noframes") ambiguous();
        break;
    }
  }
  trackEnd(lname) {
    if (this.guard === "select" && lname === "select") this.guard = "default";
    else if (this.guard === "template" && lname === "template") {
      if (--this.guardDepth === 0) this.guard = "select";
    }
  }
  leaveNs() {
    if (this.nsStack.length > 1) this.nsStack.pop();
  }
  // exitForeign: an HTML-only tag in SVG or MathML goes back to the nearest HTML context, out
  // of any nested foreign elements (as workerd's lol-html does).
  exitForeign() {
    while (this.nsStack.length > 1 && this.ns !== NS_HTML) this.nsStack.pop();
  }
  emitComment(textEnd, end) {
    this.emit({ t: "comment", raw: this.slice(this.mark, end), text: this.dec(this.slice(this.tok.textStart, Math.max(textEnd, this.tok.textStart))) });
    this.mark = end;
    this.tok = null;
  }
  emitDoctype(end) {
    const d = this.tok;
    this.emit({
      t: "doctype", raw: this.slice(this.mark, end),
      name: d.name === null ? null : lower(this.dec(d.name)),
      publicId: d.publicId === null ? null : this.dec(d.publicId),
      systemId: d.systemId === null ? null : this.dec(d.systemId),
    });
    this.mark = end;
    this.tok = null;
  }
  // scan returns the position of the next character re matches (a global regex), or the end.
  scan(re) {
    re.lastIndex = this.pos - this.base + 1;
    const m = re.exec(this.buf);
    return m ? this.base + m.index : this.base + this.buf.length;
  }
  // appropriateEnd reports whether the end tag being read closes the raw-text element.
  appropriateEnd() {
    return lower(this.slice(this.tok.nameStart, this.pos)) === this.lastStart;
  }

  run() {
    const endAbs = () => this.base + this.buf.length;
    for (;;) {
      const atEnd = this.pos >= endAbs();
      if (atEnd && !this.eof) {
        // End of chunk: text states hand out what they have.
        switch (this.state) {
          case "data": case "rawtext": case "rcdata": case "script": case "plaintext": case "cdata":
            this.emitText();
        }
        return;
      }
      const c = atEnd ? undefined : this.ch();
      const st = this.state;
      switch (st) {
        // -- text states
        case "data": case "rawtext": case "rcdata": case "script": {
          if (atEnd) { this.emitTextEOF(); return this.finish(); }
          const i = this.buf.indexOf("<", this.pos - this.base);
          if (i < 0) { this.pos = endAbs(); continue; }
          this.pos = this.base + i;
          this.emitText();
          this.pos++;
          this.state = st === "data" ? "tagOpen" : st + "Lt";
          continue;
        }
        case "plaintext":
          if (atEnd) { this.emitTextEOF(); return this.finish(); }
          this.pos = endAbs();
          continue;
        case "cdata": {
          if (atEnd) { this.emitTextEOF(); return this.finish(); }
          const i = this.buf.indexOf("]", this.pos - this.base);
          if (i < 0) { this.pos = endAbs(); continue; }
          this.pos = this.base + i;
          this.emitText();
          this.pos++;
          this.state = "cdataBracket";
          continue;
        }
        case "cdataBracket": {
          const m = this.seq("]>");
          if (m === null) return;
          if (m) { this.pos += 2; this.emitRaw(this.pos); this.state = "data"; continue; }
          if (atEnd) { this.emitTextEOF(); return this.finish(); }
          this.emitText(); this.state = "cdata"; continue;
        }
        case "tagOpen":
          if (atEnd) { this.emitTextEOF(); return this.finish(); }
          if (isAlpha(c)) { this.newTag("start"); this.pos++; this.state = "tagName"; continue; }
          if (c === "!") { this.pos++; this.declStart = this.pos; this.state = "markupDecl"; continue; }
          if (c === "/") { this.pos++; this.state = "endTagOpen"; continue; }
          if (c === "?") { this.tok = { textStart: this.pos }; this.pos++; this.state = "bogusComment"; continue; }
          this.emitText(); this.state = "data"; continue;
        case "endTagOpen":
          if (atEnd) { this.emitTextEOF(); return this.finish(); }
          if (isAlpha(c)) { this.newTag("end"); this.pos++; this.state = "tagName"; continue; }
          if (c === ">") { this.pos++; this.emitRaw(this.pos); this.state = "data"; continue; }
          this.tok = { textStart: this.pos }; this.state = "bogusComment"; continue;
        case "markupDecl": {
          let m = this.seq("--");
          if (m === null) return;
          if (m) { this.pos += 2; this.tok = { textStart: this.pos }; this.state = "commentStart"; continue; }
          m = this.seq("DOCTYPE", true);
          if (m === null) return;
          if (m) { this.pos += 7; this.tok = { name: null, publicId: null, systemId: null }; this.state = "doctype"; continue; }
          m = this.seq("[CDATA[");
          if (m === null) return;
          if (m && this.cdataAllowed) { this.pos += 7; this.emitRaw(this.pos); this.state = "cdata"; continue; }
          this.tok = { textStart: this.declStart }; this.state = "bogusComment"; continue;
        }
        case "tagName":
          if (atEnd) { this.emitRawEOF(); return this.finish(); }
          if (isWS(c)) { this.finishTagName(); this.pos++; this.state = "beforeAttrName"; continue; }
          if (c === ">") { this.finishTagName(); this.state = this.emitTag(); this.pos++; continue; }
          if (c === "/") { this.finishTagName(); this.pos++; this.state = "selfClosing"; continue; }
          this.pos = this.scan(TAG_NAME_END); continue;
        case "selfClosing":
          if (atEnd) { this.emitRawEOF(); return this.finish(); }
          if (c === ">") { this.tok.selfClosing = true; this.state = this.emitTag(); this.pos++; continue; }
          this.state = "beforeAttrName"; continue;
        case "beforeAttrName":
          if (atEnd) { this.emitRawEOF(); return this.finish(); }
          if (isWS(c)) { this.pos++; continue; }
          if (c === "/") { this.pos++; this.state = "selfClosing"; continue; }
          if (c === ">") { this.state = this.emitTag(); this.pos++; continue; }
          this.startAttr(); this.pos++; this.state = "attrName"; continue;
        case "attrName":
          if (atEnd) { this.emitRawEOF(); return this.finish(); }
          if (isWS(c)) { this.finishAttrName(); this.pos++; this.state = "afterAttrName"; continue; }
          if (c === "=") { this.finishAttrName(); this.pos++; this.state = "beforeAttrValue"; continue; }
          if (c === "/") { this.finishAttrName(); this.finishAttr(); this.pos++; this.state = "selfClosing"; continue; }
          if (c === ">") { this.finishAttrName(); this.finishAttr(); this.state = this.emitTag(); this.pos++; continue; }
          this.pos = this.scan(ATTR_NAME_END); continue;
        case "afterAttrName":
          if (atEnd) { this.emitRawEOF(); return this.finish(); }
          if (isWS(c)) { this.pos++; continue; }
          if (c === "/") { this.finishAttr(); this.pos++; this.state = "selfClosing"; continue; }
          if (c === "=") { this.pos++; this.state = "beforeAttrValue"; continue; }
          if (c === ">") { this.finishAttr(); this.state = this.emitTag(); this.pos++; continue; }
          this.finishAttr(); this.startAttr(); this.pos++; this.state = "attrName"; continue;
        case "beforeAttrValue":
          if (atEnd) { this.emitRawEOF(); return this.finish(); }
          if (isWS(c)) { this.pos++; continue; }
          if (c === '"' || c === "'") { this.quote = c; this.pos++; this.attr.vs = this.pos; this.state = "attrValueQ"; continue; }
          // lol-html goes back to the data state here whatever the tag (no raw-text switch).
          if (c === ">") { this.finishAttr(this.pos); this.emitTag(); this.textMode = "data"; this.state = "data"; this.pos++; continue; }
          this.attr.vs = this.pos; this.state = "attrValueU"; continue;
        case "attrValueQ": {
          if (atEnd) { this.emitRawEOF(); return this.finish(); }
          const i = this.buf.indexOf(this.quote, this.pos - this.base);
          if (i < 0) { this.pos = endAbs(); continue; }
          this.pos = this.base + i;
          this.attr.ve = this.pos; this.finishAttr(this.pos + 1); this.pos++; this.state = "beforeAttrName"; continue;
        }
        case "attrValueU":
          if (atEnd) { this.emitRawEOF(); return this.finish(); }
          if (isWS(c)) { this.attr.ve = this.pos; this.finishAttr(); this.pos++; this.state = "beforeAttrName"; continue; }
          if (c === ">") { this.attr.ve = this.pos; this.finishAttr(); this.state = this.emitTag(); this.pos++; continue; }
          this.pos = this.scan(UNQUOTED_END); continue;

        // -- raw text, RCDATA and script data: `<` handling
        case "rawtextLt": case "rcdataLt": case "scriptLt": {
          const mode = st.slice(0, -2);
          if (atEnd) { this.emitTextEOF(); return this.finish(); }
          if (c === "/") { this.pos++; this.state = mode + "EndOpen"; continue; }
          if (mode === "script" && c === "!") { this.pos++; this.state = "scriptEscStart"; continue; }
          this.emitText(); this.state = mode; continue;
        }
        case "rawtextEndOpen": case "rcdataEndOpen": case "scriptEndOpen": case "scriptEscEndOpen": {
          const back = st === "scriptEscEndOpen" ? "scriptEsc" : st.slice(0, -7);
          if (atEnd) { this.emitTextEOF(); return this.finish(); }
          if (isAlpha(c)) { this.newTag("end"); this.pos++; this.state = back + "EndName"; continue; }
          this.emitText(); this.state = back; continue;
        }
        case "rawtextEndName": case "rcdataEndName": case "scriptEndName": case "scriptEscEndName": {
          const back = st.slice(0, -7);
          if (atEnd) { this.emitTextEOF(); return this.finish(); }
          if (isAlpha(c)) { this.pos++; continue; }
          if (isWS(c) || c === "/" || c === ">") {
            if (this.appropriateEnd()) {
              this.finishTagName();
              if (c === ">") { this.state = this.emitTag(); this.pos++; continue; }
              this.pos++; this.state = c === "/" ? "selfClosing" : "beforeAttrName"; continue;
            }
          }
          this.tok = null; this.emitText(); this.state = back; continue;
        }
        // -- script data escapes (`<!--` inside <script>)
        case "scriptEscStart": {
          const m = this.seq("--");
          if (m === null) return;
          if (m) { this.pos += 2; this.state = "scriptEscDashDash"; continue; }
          if (atEnd) { this.emitTextEOF(); return this.finish(); }
          this.emitText(); this.state = "script"; continue;
        }
        case "scriptEscDashDash":
          if (atEnd) { this.emitTextEOF(); return this.finish(); }
          if (c === "-") { this.pos++; continue; }
          if (c === "<") { this.emitText(); this.pos++; this.state = "scriptEscLt"; continue; }
          if (c === ">") { this.emitText(); this.state = "script"; continue; }
          this.pos++; this.state = "scriptEsc"; continue;
        case "scriptEsc": {
          const m = this.seq("--");
          if (m === null) return;
          if (m) { this.pos += 2; this.state = "scriptEscDashDash"; continue; }
          if (atEnd) { this.emitTextEOF(); return this.finish(); }
          if (c === "<") { this.emitText(); this.pos++; this.state = "scriptEscLt"; continue; }
          this.pos++; continue;
        }
        case "scriptEscLt": {
          const m = this.seq("SCRIPT", true);
          if (m === null) return;
          if (m) { this.pos += 6; this.state = "scriptDblStart"; continue; }
          if (atEnd) { this.emitTextEOF(); return this.finish(); }
          if (c === "/") { this.pos++; this.state = "scriptEscEndOpen"; continue; }
          this.emitText(); this.state = "scriptEsc"; continue;
        }
        case "scriptDblStart":
          if (atEnd) { this.emitTextEOF(); return this.finish(); }
          if (isWS(c) || c === "/" || c === ">") { this.pos++; this.state = "scriptDbl"; continue; }
          this.state = "scriptEsc"; continue;
        case "scriptDbl": {
          const m = this.seq("--");
          if (m === null) return;
          if (m) { this.pos += 2; this.state = "scriptDblDashDash"; continue; }
          if (atEnd) { this.emitTextEOF(); return this.finish(); }
          if (c === "<") { this.emitText(); this.pos++; this.state = "scriptDblLt"; continue; }
          this.pos++; continue;
        }
        case "scriptDblDashDash":
          if (atEnd) { this.emitTextEOF(); return this.finish(); }
          if (c === "-") { this.pos++; continue; }
          if (c === "<") { this.pos++; this.state = "scriptDblLt"; continue; }
          if (c === ">") { this.emitText(); this.state = "script"; continue; }
          this.pos++; this.state = "scriptDbl"; continue;
        case "scriptDblLt":
          if (atEnd) { this.emitTextEOF(); return this.finish(); }
          if (c === "/") { this.pos++; this.state = "scriptDblEndName"; continue; }
          this.state = "scriptDbl"; continue;
        case "scriptDblEndName": {
          const m = this.seq("SCRIPT", true);
          if (m === null) return;
          if (m) { this.pos += 6; this.state = "scriptDblEnd"; continue; }
          if (atEnd) { this.emitTextEOF(); return this.finish(); }
          this.state = "scriptDbl"; continue;
        }
        case "scriptDblEnd":
          if (atEnd) { this.emitTextEOF(); return this.finish(); }
          if (isWS(c) || c === "/" || c === ">") { this.pos++; this.state = "scriptEsc"; continue; }
          this.state = "scriptDbl"; continue;

        // -- comments
        case "bogusComment": {
          if (atEnd) { this.emitComment(this.pos, this.pos); return this.finish(); }
          const i = this.buf.indexOf(">", this.pos - this.base);
          if (i < 0) { this.pos = endAbs(); continue; }
          this.pos = this.base + i;
          this.emitComment(this.pos, this.pos + 1); this.pos++; this.state = "data"; continue;
        }
        case "commentStart":
          if (c === "-") { this.tok.end = this.pos; this.pos++; this.state = "commentStartDash"; continue; }
          if (c === ">") { this.emitComment(this.pos, this.pos + 1); this.pos++; this.state = "data"; continue; }
          this.state = "comment"; continue;
        case "comment":
          if (atEnd) { this.emitComment(this.pos, this.pos); return this.finish(); }
          if (c === "-") { this.tok.end = this.pos; this.pos++; this.state = "commentEndDash"; continue; }
          if (c === "<") { this.pos++; this.state = "commentLt"; continue; }
          // Ordinary characters: the text end ends up at the last one (a later `-`, `<` or the
          // end of input moves it on).
          this.pos = this.scan(COMMENT_SPECIAL);
          this.tok.end = this.pos - 1;
          continue;
        case "commentStartDash":
          if (atEnd) { this.emitComment(this.tok.end, this.pos); return this.finish(); }
          if (c === "-") { this.pos++; this.state = "commentEnd"; continue; }
          if (c === ">") { this.emitComment(this.tok.end, this.pos + 1); this.pos++; this.state = "data"; continue; }
          this.state = "comment"; continue;
        case "commentEndDash":
          if (atEnd) { this.emitComment(this.tok.end, this.pos); return this.finish(); }
          if (c === "-") { this.pos++; this.state = "commentEnd"; continue; }
          this.state = "comment"; continue;
        case "commentEnd":
          if (atEnd) { this.emitComment(this.tok.end, this.pos); return this.finish(); }
          if (c === ">") { this.emitComment(this.tok.end, this.pos + 1); this.pos++; this.state = "data"; continue; }
          if (c === "!") { this.pos++; this.state = "commentEndBang"; continue; }
          if (c === "-") { this.tok.end += 1; this.pos++; continue; }
          this.tok.end += 2; this.state = "comment"; continue;
        case "commentLt":
          if (c === "!") { this.tok.end = this.pos; this.pos++; this.state = "commentLtBang"; continue; }
          if (c === "<") { this.tok.end = this.pos; this.pos++; continue; }
          this.tok.end = this.pos; this.state = "comment"; continue;
        case "commentLtBang":
          if (c === "-") { this.tok.end = this.pos; this.pos++; this.state = "commentLtBangDash"; continue; }
          this.tok.end = this.pos; this.state = "comment"; continue;
        case "commentLtBangDash":
          if (c === "-") { this.pos++; this.state = "commentEnd"; continue; }
          this.state = "commentEndDash"; continue;
        case "commentEndBang":
          if (atEnd) { this.emitComment(this.tok.end, this.pos); return this.finish(); }
          if (c === "-") { this.tok.end += 3; this.pos++; this.state = "commentEndDash"; continue; }
          if (c === ">") { this.emitComment(this.tok.end, this.pos + 1); this.pos++; this.state = "data"; continue; }
          this.tok.end += 3; this.state = "comment"; continue;

        // -- doctype
        case "doctype":
          if (atEnd) { this.emitDoctype(this.pos); return this.finish(); }
          if (isWS(c)) { this.pos++; this.state = "beforeDoctypeName"; continue; }
          if (c === ">") { this.emitDoctype(this.pos + 1); this.pos++; this.state = "data"; continue; }
          this.state = "beforeDoctypeName"; continue;
        case "beforeDoctypeName":
          if (atEnd) { this.emitDoctype(this.pos); return this.finish(); }
          if (isWS(c)) { this.pos++; continue; }
          if (c === ">") { this.emitDoctype(this.pos + 1); this.pos++; this.state = "data"; continue; }
          this.tok.nameStart = this.pos; this.pos++; this.state = "doctypeName"; continue;
        case "doctypeName":
          if (atEnd) { this.tok.name = this.slice(this.tok.nameStart, this.pos); this.emitDoctype(this.pos); return this.finish(); }
          if (isWS(c)) { this.tok.name = this.slice(this.tok.nameStart, this.pos); this.pos++; this.state = "afterDoctypeName"; continue; }
          if (c === ">") { this.tok.name = this.slice(this.tok.nameStart, this.pos); this.emitDoctype(this.pos + 1); this.pos++; this.state = "data"; continue; }
          this.pos++; continue;
        case "afterDoctypeName": {
          if (atEnd) { this.emitDoctype(this.pos); return this.finish(); }
          if (isWS(c)) { this.pos++; continue; }
          if (c === ">") { this.emitDoctype(this.pos + 1); this.pos++; this.state = "data"; continue; }
          let m = this.seq("PUBLIC", true);
          if (m === null) return;
          if (m) { this.pos += 6; this.idKind = "publicId"; this.state = "afterDoctypeKeyword"; continue; }
          m = this.seq("SYSTEM", true);
          if (m === null) return;
          if (m) { this.pos += 6; this.idKind = "systemId"; this.state = "afterDoctypeKeyword"; continue; }
          this.state = "bogusDoctype"; continue;
        }
        case "afterDoctypeKeyword": case "beforeDoctypeId": case "afterDoctypePublicId": case "betweenDoctypeIds":
          if (atEnd) { this.emitDoctype(this.pos); return this.finish(); }
          if (isWS(c)) {
            this.pos++;
            if (st === "afterDoctypeKeyword") this.state = "beforeDoctypeId";
            else if (st === "afterDoctypePublicId") this.state = "betweenDoctypeIds";
            continue;
          }
          if (c === '"' || c === "'") {
            if (st === "afterDoctypePublicId" || st === "betweenDoctypeIds") this.idKind = "systemId";
            this.quote = c; this.pos++; this.idStart = this.pos; this.state = "doctypeId"; continue;
          }
          if (c === ">") { this.emitDoctype(this.pos + 1); this.pos++; this.state = "data"; continue; }
          this.state = "bogusDoctype"; continue;
        case "doctypeId":
          if (atEnd) { this.tok[this.idKind] = this.slice(this.idStart, this.pos); this.emitDoctype(this.pos); return this.finish(); }
          if (c === this.quote) {
            this.tok[this.idKind] = this.slice(this.idStart, this.pos); this.pos++;
            this.state = this.idKind === "publicId" ? "afterDoctypePublicId" : "afterDoctypeSystemId"; continue;
          }
          if (c === ">") { this.tok[this.idKind] = this.slice(this.idStart, this.pos); this.emitDoctype(this.pos + 1); this.pos++; this.state = "data"; continue; }
          this.pos++; continue;
        case "afterDoctypeSystemId":
          if (atEnd) { this.emitDoctype(this.pos); return this.finish(); }
          if (isWS(c)) { this.pos++; continue; }
          if (c === ">") { this.emitDoctype(this.pos + 1); this.pos++; this.state = "data"; continue; }
          this.state = "bogusDoctype"; continue;
        case "bogusDoctype": {
          if (atEnd) { this.emitDoctype(this.pos); return this.finish(); }
          const i = this.buf.indexOf(">", this.pos - this.base);
          if (i < 0) { this.pos = endAbs(); continue; }
          this.pos = this.base + i;
          this.emitDoctype(this.pos + 1); this.pos++; this.state = "data"; continue;
        }
        default:
          throw new Error("htmlrewriter: bad tokenizer state " + st);
      }
    }
  }
  finish() {
    this.state = "done";
    this.mark = this.base + this.buf.length;
  }
}

// ---- Content mutations --------------------------------------------------------------------------

const escapeText = (s) => s.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));

// A mutation set on one token: lol-html's content_before / replacement / content_after / removed.
class Mutations {
  constructor() {
    this.before = [];
    this.replacement = [];
    this.after = [];
    this.removed = false;
  }
  replace(chunk) {
    this.removed = true;
    this.replacement = [chunk];
  }
}

const DISCARD_LIMIT = 64 << 20; // input bytes read and dropped after a failure, at most
const OUT_CHUNK = 4096; // largest output piece
const NONE = Object.freeze([]);
const SETTLE_TICKS = 8; // microtask turns a handler's leftovers get
const LOCKED = "The ReadableStream has been locked to a reader.";

// toChunk converts a content argument as workerd's (string | ReadableStream | Response) union
// and its ContentOptions dictionary do.
function toChunk(iface, method, content, options, argc, streamsAllowed = true) {
  if (argc < 1) throw new TypeError(`Failed to execute '${method}' on '${iface}': parameter 1 is not of type 'string or JsReadableStream or Response'.`);
  let html = false;
  if (options !== undefined && options !== null) {
    if (typeof options !== "object" && typeof options !== "function") {
      throw new TypeError(`Failed to execute '${method}' on '${iface}': parameter 2 is not of type 'ContentOptions'.`);
    }
    html = !!options.html;
  }
  let stream;
  if (content instanceof Response) {
    if (content.bodyUsed) throw new TypeError(LOCKED);
    stream = content.body;
  } else if (content instanceof ReadableStream) stream = content;
  if (stream !== undefined) {
    if (!streamsAllowed) throw new TypeError("Replacing content in HTML comments using a ReadableStream or Response object is not implemented. You must provide a string.");
    if (stream === null) return { str: "", html };
    if (stream.locked) throw new TypeError(LOCKED);
    // Taken now, as workerd does: the same body cannot be given twice.
    return { reader: stream.getReader(), html };
  }
  return { str: toStr(content), html };
}

// ---- Token wrappers -----------------------------------------------------------------------------
// Each handler call gets a fresh object over shared token state; the object stops working once
// the handler (and the promise it returned) is done.

const kTok = Symbol("htmlrewriter.token");

const kLife = Symbol("htmlrewriter.life");

function live(obj) {
  const life = obj?.[kLife];
  if (!life) throw illegalInvocation();
  if (life.dead) throw new TypeError(DEAD);
  return obj[kTok];
}

// Token properties are own accessors, as workerd's instance properties are (JSON.stringify and
// Object.keys see them). Their descriptors are built once per token kind.
const ownDescriptors = new WeakMap();
function descriptorsFor(props) {
  let d = ownDescriptors.get(props);
  if (!d) {
    d = {};
    for (const [name, get, set] of props) d[name] = { get, set, enumerable: true, configurable: false };
    ownDescriptors.set(props, d);
  }
  return d;
}

function newTokenObject(proto, state, props, life) {
  const o = Object.create(proto);
  Object.defineProperty(o, kTok, { value: state });
  Object.defineProperty(o, kLife, { value: life });
  Object.defineProperties(o, descriptorsFor(props));
  return o;
}

// workerd tags its classes (Symbol.toStringTag) only from set_tostring_tag's date on.
// Untagged, an AttributesIterator shows the tag of %IteratorPrototype% ("Iterator").
function tagWhenFlagged(proto, name, fallback) {
  Object.defineProperty(proto, Symbol.toStringTag, {
    get() { return compat("set_tostring_tag") ? name : fallback; }, configurable: true,
  });
}

function tokenClass(name) {
  const C = function () { throw new TypeError("Illegal constructor"); };
  Object.defineProperty(C, "name", { value: name });
  tagWhenFlagged(C.prototype, name);
  return C;
}

function methods(C, defs) {
  for (const [k, f] of Object.entries(defs)) {
    Object.defineProperty(f, "length", { value: 0 });
    Object.defineProperty(C.prototype, k, { value: f, writable: true, enumerable: true, configurable: true });
  }
}

// Element
const Element = tokenClass("Element");
const AttributesIterator = tokenClass("AttributesIterator");
Object.setPrototypeOf(AttributesIterator.prototype, Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
tagWhenFlagged(AttributesIterator.prototype, "AttributesIterator", "Iterator");

function validTagName(name) {
  if (name === "") throw parserError("Tag name can't be empty.");
  if (!isAlpha(name[0])) throw parserError("The first character of the tag name should be an ASCII alphabetical character.");
  const m = /[ \n\r\t\f/>]/.exec(name);
  if (m) throw parserError(`\`${m[0]}\` character is forbidden in the tag name`);
}
function validAttrName(name) {
  if (name === "") throw parserError("Attribute name can't be empty.");
  const m = /[ \n\r\t\f/>=]/.exec(name);
  if (m) throw parserError(`\`${m[0]}\` character is forbidden in the attribute name`);
}

const elementProps = [
  ["namespaceURI", function () { return live(this).ns; }],
  ["removed", function () { return live(this).start.removed; }],
  ["attributes", function () {
    const s = live(this);
    const it = Object.create(AttributesIterator.prototype);
    Object.defineProperty(it, kTok, { value: { el: s, i: 0, gen: s.attrGen, life: this[kLife] } });
    return it;
  }],
  ["tagName", function () { const s = live(this); return lower(s.nameSet ?? s.name); }, function (v) {
    const s = live(this);
    v = toStr(v);
    validTagName(v);
    s.nameSet = v;
    s.modified = true;
    if (s.canHaveContent) s.endName = v;
  }],
];

methods(AttributesIterator, {
  next() {
    const st = this?.[kTok];
    if (!st?.life) throw illegalInvocation();
    if (st.life.dead) throw new TypeError(DEAD);
    if (st.gen !== st.el.attrGen) throw new Error(ITER_MODIFIED);
    if (st.i >= st.el.attrs.length) return { done: true, value: undefined };
    const a = st.el.attrs[st.i++];
    return { done: false, value: [a.name, a.value] };
  },
});

function strArg(iface, method, n, v, argc) {
  if (argc < n) throw new TypeError(`Failed to execute '${method}' on '${iface}': parameter ${n} is not of type 'string'.`);
  return toStr(v);
}

function endMutations(s) {
  if (!s.end) s.end = new Mutations();
  return s.end;
}
function removeContent(s) {
  s.start.after = [];
  if (s.end) s.end.before = [];
  s.removeContent = true;
}

methods(Element, {
  getAttribute(name) {
    name = lower(strArg("Element", "getAttribute", 1, name, arguments.length));
    const s = live(this);
    const a = s.attrs.find((x) => x.name === name);
    return a ? a.value : null;
  },
  hasAttribute(name) {
    name = lower(strArg("Element", "hasAttribute", 1, name, arguments.length));
    return live(this).attrs.some((x) => x.name === name);
  },
  setAttribute(name, value) {
    name = strArg("Element", "setAttribute", 1, name, arguments.length);
    value = strArg("Element", "setAttribute", 2, value, arguments.length);
    const s = live(this);
    name = lower(name);
    validAttrName(name);
    const a = s.attrs.find((x) => x.name === name);
    // An existing attribute keeps its original spelling of the name.
    if (a) { a.value = value; a.raw = null; } else s.attrs.push({ name, value, raw: null, nameBin: null });
    s.modified = true;
    s.attrGen++;
    return this;
  },
  removeAttribute(name) {
    name = lower(strArg("Element", "removeAttribute", 1, name, arguments.length));
    const s = live(this);
    const n = s.attrs.length;
    s.attrs = s.attrs.filter((x) => x.name !== name);
    if (s.attrs.length !== n) s.modified = true;
    s.attrGen++;
    return this;
  },
  before(content, options) {
    const ch = toChunk("Element", "before", content, options, arguments.length);
    live(this).start.before.push(ch);
    return this;
  },
  after(content, options) {
    const ch = toChunk("Element", "after", content, options, arguments.length);
    const s = live(this);
    (s.canHaveContent ? endMutations(s) : s.start).after.unshift(ch);
    return this;
  },
  prepend(content, options) {
    const ch = toChunk("Element", "prepend", content, options, arguments.length);
    const s = live(this);
    if (s.canHaveContent) { s.selfClosing = false; s.start.after.unshift(ch); }
    return this;
  },
  append(content, options) {
    const ch = toChunk("Element", "append", content, options, arguments.length);
    const s = live(this);
    if (s.canHaveContent) { s.selfClosing = false; endMutations(s).before.push(ch); }
    return this;
  },
  replace(content, options) {
    const ch = toChunk("Element", "replace", content, options, arguments.length);
    const s = live(this);
    s.start.replace(ch);
    if (s.canHaveContent) { removeContent(s); endMutations(s).removed = true; }
    return this;
  },
  remove() {
    const s = live(this);
    s.start.removed = true;
    if (s.canHaveContent) { removeContent(s); endMutations(s).removed = true; }
    return this;
  },
  removeAndKeepContent() {
    const s = live(this);
    s.start.removed = true;
    if (s.canHaveContent) endMutations(s).removed = true;
    return this;
  },
  setInnerContent(content, options) {
    const ch = toChunk("Element", "setInnerContent", content, options, arguments.length);
    const s = live(this);
    if (s.canHaveContent) { s.selfClosing = false; removeContent(s); s.start.after.unshift(ch); }
    return this;
  },
  onEndTag(handler) {
    if (typeof handler !== "function") throw new TypeError("Failed to execute 'onEndTag' on 'Element': parameter 1 is not of type 'function'.");
    const s = live(this);
    if (!s.canHaveContent) throw parserError("No end tag.");
    // workerd keeps one end tag handler per element: the latest.
    s.endHandler = handler;
  },
});

// EndTag
const EndTag = tokenClass("EndTag");
const endTagProps = [
  ["name", function () { return lower(live(this).name); }, function (v) {
    const s = live(this);
    v = toStr(v); // unlike Element.tagName, not validated (as in workerd)
    s.name = v;
    s.modified = true;
  }],
];
methods(EndTag, {
  before(content, options) { const ch = toChunk("EndTag", "before", content, options, arguments.length); live(this).m.before.push(ch); return this; },
  after(content, options) { const ch = toChunk("EndTag", "after", content, options, arguments.length); live(this).m.after.unshift(ch); return this; },
  remove() { live(this).m.removed = true; return this; },
});

// Comment
const Comment = tokenClass("Comment");
const commentProps = [
  ["removed", function () { return live(this).m.removed; }],
  ["text", function () { return live(this).text; }, function (v) {
    const s = live(this);
    v = toStr(v);
    if (v.includes("-->") || v.includes("--!>") || v.startsWith(">") || v.startsWith("->")) {
      throw parserError("Comment text shouldn't contain a comment-closing sequence.");
    }
    s.text = v;
    s.modified = true;
  }],
];
// Comments take strings only (workerd's message says so); text chunks also take streams.
function simpleMethods(C, name) {
  const streams = name !== "Comment";
  methods(C, {
    before(content, options) { const ch = toChunk(name, "before", content, options, arguments.length, streams); live(this).m.before.push(ch); return this; },
    after(content, options) { const ch = toChunk(name, "after", content, options, arguments.length, streams); live(this).m.after.unshift(ch); return this; },
    replace(content, options) { const ch = toChunk(name, "replace", content, options, arguments.length, streams); live(this).m.replace(ch); return this; },
    remove() { live(this).m.removed = true; return this; },
  });
}
simpleMethods(Comment, "Comment");

// Text
const Text = tokenClass("Text");
const textProps = [
  ["removed", function () { return live(this).m.removed; }],
  ["lastInTextNode", function () { return live(this).last; }],
  ["text", function () { return live(this).text; }],
];
simpleMethods(Text, "Text");

// Doctype
const Doctype = tokenClass("Doctype");
const doctypeProps = [
  ["systemId", function () { return live(this).systemId; }],
  ["publicId", function () { return live(this).publicId; }],
  ["name", function () { return live(this).name; }],
];
methods(Doctype, {});

// DocumentEnd
const DocumentEnd = tokenClass("DocumentEnd");
methods(DocumentEnd, {
  append(content, options) { const ch = toChunk("DocumentEnd", "append", content, options, arguments.length, false); live(this).m.before.push(ch); return this; },
});

// ---- Serialization ------------------------------------------------------------------------------

// Serialization works on binary strings (one char per byte): untouched markup is written back
// byte for byte, whatever its validity; only new or changed text goes through the encoder.
function serializeStart(s, codec) {
  // Only a changed name or attribute set re-serializes; dropping the `/` of `<div/>` for added
  // content alone leaves the original text.
  if (!s.modified) return s.raw;
  let out = "<" + (s.nameSet !== null ? codec.encode(s.nameSet) : s.nameBin);
  if (s.attrs.length) {
    for (const a of s.attrs) out += " " + (a.raw !== null ? a.raw : (a.nameBin ?? codec.encode(a.name)) + '="' + codec.encode(a.value).replace(/"/g, "&quot;") + '"');
    if (s.selfClosing) out += " ";
  }
  return out + (s.selfClosing ? "/>" : ">");
}

// ---- The rewriter ---------------------------------------------------------------------------------

const kHandlers = Symbol("htmlrewriter.handlers");

function checkHandlerField(obj, field, dict) {
  const f = obj[field];
  if (f === undefined) return undefined;
  if (typeof f !== "function") throw new TypeError(`Incorrect type for the '${field}' field on '${dict}': the provided value is not of type 'function'.`);
  return f;
}

function handlersArg(method, n, v, dict, fields) {
  // A dictionary argument: null counts as an empty one, as in Web IDL.
  if (v === undefined || (v !== null && typeof v !== "object" && typeof v !== "function")) {
    throw new TypeError(`Failed to execute '${method}' on 'HTMLRewriter': parameter ${n} is not of type '${dict}'.`);
  }
  const h = { obj: v };
  for (const f of fields) h[f] = v === null ? undefined : checkHandlerField(v, f, dict);
  return h;
}

// charsetOf picks the document encoding from the Content-Type header's charset: lol-html takes
// any ASCII-compatible WHATWG encoding. UTF-8 and windows-1252 are handled here in JS, the
// others by Go natives (isolate/htmlnatives.go).
const UTF8_LABELS = new Set(["unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"]);
const LATIN_LABELS = new Set(["ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1", "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1", "us-ascii", "windows-1252", "x-cp1252"]);
function charsetOf(headers) {
  const ct = headers.get("content-type");
  if (ct === null) return "utf-8";
  const m = /;\s*charset\s*=\s*("?)([^";]*)\1/i.exec(ct);
  if (!m) return "utf-8";
  const label = m[2].trim().toLowerCase();
  if (label === "" || UTF8_LABELS.has(label)) return "utf-8";
  if (LATIN_LABELS.has(label)) return "windows-1252";
  const name = native.htmlCharset(label);
  if (name === "") throw parserError("Unknown character encoding has been provided.");
  if (name === "!") throw parserError("Expected ASCII-compatible encoding.");
  return name;
}

// A function rather than a class so that calling it without `new` gets workerd's message.
export function HTMLRewriter() {
  if (!new.target) throw new TypeError("Failed to construct 'HTMLRewriter': Please use the 'new' operator, this object constructor cannot be called as a function.");
  this[kHandlers] = { el: [], doc: [] };
}
const rewriterMethods = {
  on(selector, handlers) {
    const hs = this?.[kHandlers];
    if (!hs) throw illegalInvocation();
    const sel = toStr(selector);
    const h = handlersArg("on", 2, handlers, "ElementContentHandlers", ["element", "comments", "text"]);
    const parsed = parseSelector(sel);
    hs.el.push({ sel: parsed, ...h });
    return this;
  },
  onDocument(handlers) {
    const hs = this?.[kHandlers];
    if (!hs) throw illegalInvocation();
    const h = handlersArg("onDocument", 1, handlers, "DocumentContentHandlers", ["doctype", "comments", "text", "end"]);
    hs.doc.push(h);
    return this;
  },
  transform(response) {
    const hs = this?.[kHandlers];
    if (!hs) throw illegalInvocation();
    if (!(response instanceof Response)) throw new TypeError("Failed to execute 'transform' on 'HTMLRewriter': parameter 1 is not of type 'Response'.");
    if (response.type === "error") throw new TypeError("HTMLRewriter cannot transform an error response");
    const enc = charsetOf(response.headers);
    if (response.bodyUsed || response.body?.locked) throw new TypeError("The ReadableStream has been locked to a reader.");
    const input = response.body;
    const init = { status: response.status, statusText: response.statusText, headers: response.headers };
    let out;
    if (input === null) out = new Response(null, init);
    else out = new Response(new Run({ el: hs.el.slice(), doc: hs.doc.slice() }, input, enc).output, init);
    // The copy keeps the original's guard: a fetched response's headers stay immutable.
    setHeadersGuard(out.headers, headersGuard(response.headers));
    return out;
  },
};
methods(HTMLRewriter, rewriterMethods);
tagWhenFlagged(HTMLRewriter.prototype, "HTMLRewriter");

// ---- Encodings ----------------------------------------------------------------------------------
// windows-1252 (what the WHATWG Encoding standard makes of latin1 and ASCII labels): bytes
// 0x80-0x9F map to these code points; the rest map to themselves.
const CP1252 = [0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178];
const CP1252_REV = new Map(CP1252.map((cp, i) => [cp, 0x80 + i]));
const HIGH = /[\x80-\uffff]/;

function bytesToBin(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
  return s;
}
function binToBytes(bin) {
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

// A codec turns the document's bytes (as a binary string) into text and back. decodeText also
// returns the trailing bytes of a character that is not complete yet (unless final).
function makeCodec(enc) {
  if (enc === "utf-8") {
    const te = new TextEncoder();
    const td = new TextDecoder("utf-8", { ignoreBOM: true });
    const decode = (bin) => (HIGH.test(bin) ? td.decode(binToBytes(bin)) : bin);
    return {
      decode,
      encode: (str) => (HIGH.test(str) ? bytesToBin(te.encode(str)) : str),
      decodeText(bin, final) {
        const tail = final ? 0 : utf8IncompleteTail(bin);
        return tail ? [decode(bin.slice(0, bin.length - tail)), bin.slice(bin.length - tail)] : [decode(bin), ""];
      },
    };
  }
  if (enc === "windows-1252") {
    const decode = (bin) => {
      if (!HIGH.test(bin)) return bin;
      let s = "";
      for (let i = 0; i < bin.length; i++) {
        const b = bin.charCodeAt(i);
        s += String.fromCharCode(b >= 0x80 && b < 0xa0 ? CP1252[b - 0x80] : b);
      }
      return s;
    };
    return {
      decode,
      encode(str) {
        if (!HIGH.test(str)) return str;
        let out = "";
        for (const ch of str) {
          const c = ch.codePointAt(0);
          const b = c < 0x80 || (c >= 0xa0 && c < 0x100) ? c : CP1252_REV.get(c);
          // Characters the document encoding lacks become character references, as in lol-html.
          out += b !== undefined ? String.fromCharCode(b) : "&#" + c + ";";
        }
        return out;
      },
      decodeText: (bin) => [decode(bin), ""],
    };
  }
  const decodeText = (bin, final) => {
    if (!HIGH.test(bin)) return [bin, ""];
    const r = native.htmlDecode(enc, binToBytes(bin), final);
    const colon = r.indexOf(":");
    const used = Number(r.slice(0, colon));
    return [r.slice(colon + 1), bin.slice(used)];
  };
  return {
    decode: (bin) => decodeText(bin, true)[0],
    encode: (str) => (HIGH.test(str) ? bytesToBin(native.htmlEncode(enc, str)) : str),
    decodeText,
  };
}

// utf8IncompleteTail: how many trailing bytes start a UTF-8 sequence that is not finished yet.
function utf8IncompleteTail(bin) {
  const n = bin.length;
  for (let k = 1; k <= 3 && k <= n; k++) {
    const c = bin.charCodeAt(n - k);
    if ((c & 0xc0) === 0x80) continue; // continuation byte
    const need = c >= 0xf0 && c < 0xf8 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return need > k ? k : 0;
  }
  return 0;
}

// One transform: reads the input stream, tokenizes, dispatches to handlers, writes the output.
class Run {
  constructor(handlers, input, enc) {
    this.h = handlers;
    this.codec = makeCodec(enc);
    this.reader = null;
    this.input = input;
    this.queue = [];
    this.tokenizer = new Tokenizer((t) => this.queue.push(t), this.codec.decode, {
      tags: handlers.el.length > 0,
      comments: handlers.el.some((h) => h.comments) || handlers.doc.some((h) => h.comments),
      doctypes: handlers.doc.some((h) => h.doctype),
    });
    this.out = []; // binary strings and stream chunks, in order
    this.stack = [];
    this.rootCount = 0;
    this.rootTyped = new Map();
    this.contentCounts = new Array(handlers.el.length).fill(0);
    this.removing = 0;
    this.pendingEnd = [];
    this.textOpen = false;
    this.textCarry = ""; // bytes of a character split between text pieces
    this.done = false;
    const run = this;
    // The input is read as soon as the transform starts, whether or not the output is being
    // read (workerd pumps the input into the rewriter); output waits in the stream's queue.
    this.output = new ReadableStream({
      type: "bytes", // BYOB reads work, as on workerd's internal streams
      start(controller) {
        run.controller = controller;
        run.pump().catch((e) => {
          if (run.done) return;
          run.done = true;
          const err = e instanceof Object ? e : new Error(String(e));
          try { controller.error(err); } catch { /* already closed */ }
          // The input is not canceled but read to its end and dropped: in workerd the failure
          // surfaces only when the output is read, and a producer still writing must not fail.
          run.discardInput();
        });
      },
      cancel(reason) {
        run.done = true;
        // A read in flight completes first (its chunk was taken from the writer), then the
        // input is canceled.
        if (run.reading) { run.cancelReason = { reason }; return; }
        if (run.reader) return run.reader.cancel(reason);
        return run.input.cancel(reason);
      },
    });
  }
  async discardInput() {
    const reader = this.reader;
    if (!reader) return;
    let dropped = 0;
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        dropped += value?.byteLength ?? value?.length ?? 0;
        // An endless or huge input is canceled rather than read on.
        if (dropped > DISCARD_LIMIT) { reader.cancel().catch(() => {}); return; }
      }
    } catch { /* the input's own failure no longer matters */ }
  }
  async pump() {
    if (this.done) return;
    this.reader = this.input.getReader();
    const controller = this.controller;
    for (;;) {
      this.reading = true;
      let r;
      try {
        r = await this.reader.read();
      } finally {
        this.reading = false;
      }
      const canceled = this.cancelReason;
      if (this.done && !canceled) return;
      let { value, done } = r;
      let bin = "";
      if (!done) {
        if (typeof value === "string") value = new TextEncoder().encode(value);
        else if (ArrayBuffer.isView(value)) value = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
        else if (value instanceof ArrayBuffer) value = new Uint8Array(value);
        else {
          throw new TypeError("Draining read encountered a value that cannot be converted to bytes");
        }
        bin = bytesToBin(value);
      }
      try {
        this.tokenizer.feed(bin, done);
      } catch (e) {
        // A parse error: what came before it is still handled, then the stream fails.
        await this.drain();
        throw e;
      }
      await this.drain();
      if (canceled) {
        // The chunk that was in flight still reached the handlers (as in workerd); then the
        // input is canceled with the output's reason.
        this.reader.cancel(canceled.reason).catch(() => {});
        return;
      }
      if (done) await this.finishDocument();
      await this.flush(controller);
      if (this.done) return;
      if (done) {
        this.done = true;
        controller.close();
        return;
      }
    }
  }
  write(chunk) {
    if (chunk.str !== undefined) this.out.push(this.codec.encode(chunk.html ? chunk.str : escapeText(chunk.str)));
    else this.out.push(chunk);
  }
  writeMutated(m, body) {
    for (const c of m.before) this.write(c);
    if (m.removed) { for (const c of m.replacement) this.write(c); } else if (body !== "") this.out.push(body);
    for (const c of m.after) this.write(c);
  }
  async flush(controller) {
    let s = "";
    const parts = this.out;
    this.out = [];
    // Output goes out in pieces of at most 4 KiB, the reads workerd's output stream gives.
    const enqueue = (bin) => {
      for (let i = 0; i < bin.length; i += OUT_CHUNK) controller.enqueue(binToBytes(bin.slice(i, i + OUT_CHUNK)));
    };
    for (const p of parts) {
      if (typeof p === "string") { s += p; continue; }
      if (s) { enqueue(s); s = ""; }
      const text = await readContent(p.reader);
      enqueue(this.codec.encode(p.html ? text : escapeText(text)));
    }
    if (s) enqueue(s);
  }
  // call runs one handler with a fresh token object, awaiting a returned promise; the object
  // dies afterwards.
  async call(fn, obj, proto, state, props) {
    const life = { dead: false };
    const tok = newTokenObject(proto, state, props, life);
    try {
      await fn.call(obj, tok);
      // workerd lets the microtasks a handler queued run (and use the token) before it moves
      // on; a few turns of the queue cover promise chains a handler leaves behind.
      for (let i = 0; i < SETTLE_TICKS; i++) await null;
    } finally {
      life.dead = true;
    }
  }
  // drain dispatches the tokens of one input chunk. Tokens no handler wants are handled
  // synchronously; the handler paths return promises, awaited in order.
  async drain() {
    const q = this.queue;
    for (let i = 0; i < q.length; i++) {
      const t = q[i];
      let p;
      if (t.t === "text") {
        p = this.onTextPiece(t.text);
        if (p) await p;
        continue;
      }
      if (this.textOpen) {
        p = this.endTextNode();
        if (p) await p;
      }
      switch (t.t) {
        case "raw": if (!this.removing) this.out.push(t.raw); break;
        case "start": p = this.onStart(t); break;
        case "end": p = this.onEnd(t); break;
        case "comment": p = this.onComment(t); break;
        case "doctype": p = this.onDoctype(t); break;
      }
      if (p) await p;
    }
    q.length = 0;
  }
  // onTextPiece hands a piece of a text node to the text handlers as one chunk, holding back
  // the bytes of a character that continues in the next piece.
  onTextPiece(bin) {
    this.textOpen = true;
    const all = this.textCarry + bin;
    const [text, rest] = this.codec.decodeText(all, false);
    this.textCarry = rest;
    const complete = rest ? all.slice(0, all.length - rest.length) : all;
    if (complete !== "") return this.onText(complete, false, text);
  }
  // endTextNode closes a text node: the held-back bytes of an unfinished character, then the
  // empty last chunk. A promise only when handlers run.
  endTextNode() {
    if (!this.textOpen) return;
    this.textOpen = false;
    let p;
    if (this.textCarry !== "") {
      const rest = this.textCarry;
      this.textCarry = "";
      p = this.onText(rest, false, this.codec.decodeText(rest, true)[0]);
    }
    if (p) return p.then(() => this.onText("", true, ""));
    return this.onText("", true, "");
  }
  contentHandlers(kind) {
    const list = [];
    const el = this.h.el;
    for (let i = 0; i < el.length; i++) if (this.contentCounts[i] > 0 && el[i][kind]) list.push(el[i]);
    for (const d of this.h.doc) if (d[kind]) list.push(d);
    return list;
  }
  onText(bin, last, text) {
    const hs = this.contentHandlers("text");
    if (hs.length === 0) { if (!this.removing && bin) this.out.push(bin); return; }
    return this.handleText(hs, last, text);
  }
  async handleText(hs, last, text) {
    const emit = !this.removing;
    const st = { text, last, m: new Mutations() };
    for (const h of hs) await this.call(h.text, h.obj, Text.prototype, st, textProps);
    // A chunk handlers saw is written back from its decoded text (so invalid bytes become
    // U+FFFD), as lol-html does; text nobody handled is copied as is.
    if (emit) this.writeMutated(st.m, this.codec.encode(st.text));
  }
  onComment(t) {
    const hs = this.contentHandlers("comments");
    if (hs.length === 0) { if (!this.removing) this.out.push(t.raw); return; }
    return this.handleComment(hs, t);
  }
  async handleComment(hs, t) {
    const emit = !this.removing;
    const st = { text: t.text, modified: false, m: new Mutations() };
    for (const h of hs) await this.call(h.comments, h.obj, Comment.prototype, st, commentProps);
    if (emit) this.writeMutated(st.m, st.modified ? "<!--" + this.codec.encode(st.text) + "-->" : t.raw);
  }
  onDoctype(t) {
    if (!this.h.doc.some((d) => d.doctype)) { if (!this.removing) this.out.push(t.raw); return; }
    return this.handleDoctype(t);
  }
  async handleDoctype(t) {
    const emit = !this.removing;
    const st = { name: t.name, publicId: t.publicId, systemId: t.systemId };
    for (const d of this.h.doc) if (d.doctype) await this.call(d.doctype, d.obj, Doctype.prototype, st, doctypeProps);
    if (emit) this.out.push(t.raw);
  }
  decodeAttrs(rawAttrs) {
    const dec = this.codec.decode;
    return rawAttrs.map((a) => ({ name: lower(dec(a.nameBin)), nameBin: a.nameBin, value: dec(a.valueBin), raw: a.raw }));
  }
  onStart(t) {
    const emit = !this.removing;
    const el = this.h.el;
    const canHaveContent = t.ns === NS_HTML ? !VOID.has(t.lname) : !t.selfClosing;
    if (el.length === 0) {
      // No selectors: only the open-element stack (for end-tag matching) is kept.
      if (canHaveContent) this.stack.push({ lname: t.lname, matched: NONE, endFn: null, removeContent: false });
      if (emit) this.out.push(t.raw);
      return;
    }
    const parent = this.stack.length ? this.stack[this.stack.length - 1] : null;
    // Child counters for :nth-child and :nth-of-type.
    let index, typeIndex;
    if (parent) {
      index = ++parent.count;
      typeIndex = (parent.typed.get(t.lname) || 0) + 1;
      parent.typed.set(t.lname, typeIndex);
    } else {
      index = ++this.rootCount;
      typeIndex = (this.rootTyped.get(t.lname) || 0) + 1;
      this.rootTyped.set(t.lname, typeIndex);
    }
    const attrs = this.decodeAttrs(t.rawAttrs);
    const info = { lname: t.lname, html: t.ns === NS_HTML, attrs, index, typeIndex };
    const matched = [];
    let withElementHandler = false;
    for (let i = 0; i < el.length; i++) {
      if (matchSelector(el[i].sel, info, this.stack)) {
        matched.push(i);
        if (el[i].element) withElementHandler = true;
      }
    }
    const item = canHaveContent ? { ...info, count: 0, typed: new Map(), matched: [], endFn: null, removeContent: false } : null;
    if (item) for (const i of matched) if (el[i].comments || el[i].text) item.matched.push(i);
    if (!withElementHandler) {
      if (item) this.pushItem(item);
      if (emit) this.out.push(t.raw);
      return;
    }
    return this.handleStart(t, attrs, matched, canHaveContent, item, emit);
  }
  pushItem(item) {
    for (const i of item.matched) this.contentCounts[i]++;
    this.stack.push(item);
  }
  async handleStart(t, attrs, matched, canHaveContent, item, emit) {
    const el = this.h.el;
    const st = {
      // A copy: ancestors keep matching on the attributes the tag came with.
      raw: t.raw, nameBin: t.nameBin, name: t.name, nameSet: null, ns: t.ns, attrs: attrs.map((a) => ({ ...a })), attrGen: 0,
      selfClosing: t.selfClosing, modified: false, canHaveContent,
      start: new Mutations(), end: null, endName: null, endHandler: null, removeContent: false,
    };
    if (this.removing) st.start.removed = true;
    for (const i of matched) {
      const h = el[i];
      if (h.element) await this.call(h.element, h.obj, Element.prototype, st, elementProps);
    }
    if (item) {
      if (st.removeContent) { item.removeContent = true; this.removing++; }
      if (st.end || st.endName !== null || st.endHandler) item.endFn = { end: st.end, endName: st.endName, handler: st.endHandler };
      this.pushItem(item);
    }
    if (emit) this.writeMutated(st.start, serializeStart(st, this.codec));
  }
  onEnd(t) {
    const stack = this.stack;
    let idx = -1;
    for (let i = stack.length - 1; i >= 0; i--) if (stack[i].lname === t.lname) { idx = i; break; }
    if (idx >= 0) {
      for (const item of stack.splice(idx)) {
        for (const i of item.matched) this.contentCounts[i]--;
        if (item.endFn) this.pendingEnd.push(item.endFn);
        if (item.removeContent) this.removing--;
      }
    }
    if (this.pendingEnd.length === 0) { if (!this.removing) this.out.push(t.raw); return; }
    return this.handleEnd(t);
  }
  async handleEnd(t) {
    const emit = !this.removing;
    const st = { name: t.name, modified: false, m: new Mutations() };
    const fns = this.pendingEnd;
    this.pendingEnd = [];
    // Innermost first, as lol-html runs them: an outer element's end-tag work (mutations
    // that replace the token's) comes last.
    fns.reverse();
    for (const f of fns) {
      if (f.endName !== null) { st.name = f.endName; st.modified = true; }
      if (f.end) st.m = f.end;
      if (f.handler) await this.call(f.handler, globalThis, EndTag.prototype, st, endTagProps);
    }
    if (emit) this.writeMutated(st.m, st.modified ? "</" + this.codec.encode(st.name) + ">" : t.raw);
  }
  async finishDocument() {
    await this.endTextNode();
    const st = { m: new Mutations() };
    // workerd runs the end handlers last-registered first.
    const ends = this.h.doc.filter((d) => d.end).reverse();
    for (const d of ends) await this.call(d.end, d.obj, DocumentEnd.prototype, st, []);
    for (const c of st.m.before) this.write(c);
  }
}

// readContent reads a stream given as replacement content, which must be UTF-8.
async function readContent(reader) {
  const dec = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  let s = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      const bytes = typeof value === "string" ? new TextEncoder().encode(value) : value;
      s += dec.decode(bytes, { stream: true });
    }
    s += dec.decode();
  } catch (e) {
    if (e instanceof TypeError && /decod|UTF-8|encoded/i.test(e.message)) throw parserError("Invalid UTF-8");
    throw e;
  }
  return s;
}

export function installHTMLRewriter(g) {
  Object.defineProperty(g, "HTMLRewriter", { value: HTMLRewriter, writable: true, configurable: true, enumerable: false });
}
