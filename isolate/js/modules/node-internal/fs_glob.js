// node-internal:fs_glob — pattern matching for fs.glob over the virtual file system: *, ?,
// [classes], ** (any depth), {a,b} braces and extglobs (+(a|b), *(…), ?(…), @(…), !(…)).
// Wildcards do not match a leading dot unless the pattern segment starts with one.

function expandBraces(p) {
  let depth = 0, start = -1;
  for (let i = 0; i < p.length; i++) {
    if (p[i] === "\\") { i++; continue; }
    if (p[i] === "{") { if (depth++ === 0) start = i; }
    else if (p[i] === "}" && depth > 0 && --depth === 0) {
      const body = p.slice(start + 1, i);
      const alts = [];
      let d = 0, from = 0;
      for (let j = 0; j < body.length; j++) {
        if (body[j] === "{") d++;
        else if (body[j] === "}") d--;
        else if (body[j] === "," && d === 0) { alts.push(body.slice(from, j)); from = j + 1; }
      }
      alts.push(body.slice(from));
      if (alts.length < 2) continue;
      const pre = p.slice(0, start), post = p.slice(i + 1);
      return alts.flatMap((a) => expandBraces(pre + a + post));
    }
  }
  return [p];
}

const escape = (c) => c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

// segmentRegExp translates one path segment's pattern.
function segmentSource(s) {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if ("+*?@!".includes(c) && s[i + 1] === "(") {
      let d = 0, j = i + 1;
      for (; j < s.length; j++) { if (s[j] === "(") d++; else if (s[j] === ")" && --d === 0) break; }
      const inner = s.slice(i + 2, j).split("|").map(segmentSource).join("|");
      out += { "+": `(?:${inner})+`, "*": `(?:${inner})*`, "?": `(?:${inner})?`, "@": `(?:${inner})`, "!": `(?:(?!(?:${inner})$)[^/]*)` }[c];
      i = j;
    } else if (c === "*") out += "[^/]*";
    else if (c === "?") out += "[^/]";
    else if (c === "[") {
      const j = s.indexOf("]", i + 2);
      if (j < 0) { out += "\\["; continue; }
      let cls = s.slice(i + 1, j);
      if (cls[0] === "!") cls = "^" + cls.slice(1);
      out += `[${cls.replace(/\\/g, "\\\\")}]`;
      i = j;
    } else if (c === "\\" && i + 1 < s.length) out += escape(s[++i]);
    else out += escape(c);
  }
  return out;
}
function segmentMatcher(s) {
  if (s === "**") return "**";
  const re = new RegExp(`^${s.startsWith(".") ? "" : "(?!\\.)"}${segmentSource(s)}$`);
  return (name) => re.test(name);
}

// compile turns a pattern into a list of segment matchers (after brace expansion).
export function compile(pattern) {
  return expandBraces(pattern).map((p) => ({
    absolute: p.startsWith("/"),
    segs: p.split("/").filter((s) => s && s !== ".").map(segmentMatcher),
  }));
}

export function matches(segs, parts, i = 0, j = 0) {
  if (i === segs.length) return j === parts.length;
  const m = segs[i];
  if (m === "**") {
    if (matches(segs, parts, i + 1, j)) return true;
    for (let k = j; k < parts.length; k++) {
      if (parts[k].startsWith(".")) return false;
      if (matches(segs, parts, i + 1, k + 1)) return true;
    }
    return false;
  }
  return j < parts.length && m(parts[j]) && matches(segs, parts, i + 1, j + 1);
}
