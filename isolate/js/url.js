// URL and URLSearchParams (WHATWG URL Standard). Parsing and the setters are native Go
// (isolate/weburl, which passes WPT's URL vectors); this class keeps the components.
import { native } from "./native.js";
import { toUSV as usv } from "./encoding.js";

const NAMES = ["href", "origin", "protocol", "username", "password", "host", "hostname", "port", "pathname", "search", "hash"];
const kParts = Symbol("parts");
const kParams = Symbol("params");
const kUrl = Symbol("url");
const kList = Symbol("list");

function parse(input, base) {
  return base === undefined ? native.urlParse(String(input)) : native.urlParse(String(input), String(base));
}

export class URL {
  constructor(url, base) {
    if (arguments.length === 0) throw new TypeError("Failed to construct 'URL': 1 argument required, but only 0 present.");
    const parts = parse(url, base);
    if (parts === null) throw new TypeError(`Invalid URL string.`);
    this[kParts] = parts;
    this[kParams] = null;
  }
  static canParse(url, base) {
    return parse(url, base) !== null;
  }
  static parse(url, base) {
    try { return new URL(url, base); } catch { return null; }
  }
  get searchParams() {
    if (!this[kParams]) {
      this[kParams] = new URLSearchParams(this[kParts][9]);
      this[kParams][kUrl] = this;
    }
    return this[kParams];
  }
  toString() { return this[kParts][0]; }
  toJSON() { return this[kParts][0]; }
}

function update(url, name, value) {
  const parts = native.urlSet(url[kParts][0], name, String(value));
  if (parts === null) {
    if (name === "href") throw new TypeError("Invalid URL string.");
    return;
  }
  url[kParts] = parts;
  if (url[kParams] && (name === "href" || name === "search")) {
    url[kParams][kList] = flatToPairs(native.queryParse(parts[9].slice(1)));
  }
}

NAMES.forEach((name, idx) => {
  const desc = { get() { return this[kParts][idx]; }, enumerable: true, configurable: true };
  if (name !== "origin") desc.set = function (v) { update(this, name, v); };
  Object.defineProperty(URL.prototype, name, desc);
});
Object.defineProperty(URL.prototype, Symbol.toStringTag, { value: "URL", configurable: true });

function flatToPairs(flat) {
  const out = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i], flat[i + 1]]);
  return out;
}

const toUSV = (s) => usv(String(s));

export class URLSearchParams {
  constructor(init = "") {
    this[kUrl] = null;
    if (init instanceof URLSearchParams) {
      this[kList] = init[kList].map((p) => [p[0], p[1]]);
    } else if (typeof init === "object" && init !== null || typeof init === "function") {
      const list = [];
      if (typeof init[Symbol.iterator] === "function") {
        for (const pair of init) {
          const p = [...pair];
          if (p.length !== 2) throw new TypeError("Each query pair must be an iterable [name, value] tuple");
          list.push([toUSV(p[0]), toUSV(p[1])]);
        }
      } else {
        for (const key of Reflect.ownKeys(init)) {
          const d = Reflect.getOwnPropertyDescriptor(init, key);
          if (d && d.enumerable && typeof key === "string") list.push([toUSV(key), toUSV(init[key])]);
        }
      }
      this[kList] = list;
    } else {
      let s = toUSV(init);
      if (s.startsWith("?")) s = s.slice(1);
      this[kList] = flatToPairs(native.queryParse(s));
    }
  }
  #changed() {
    const url = this[kUrl];
    if (url) {
      const s = this.toString();
      url[kParts] = native.urlSet(url[kParts][0], "search", s === "" ? "" : "?" + s) || url[kParts];
      if (s === "") {
        // An empty query string removes the query entirely.
        url[kParts] = native.urlSet(url[kParts][0], "search", "") || url[kParts];
      }
    }
  }
  get size() { return this[kList].length; }
  append(name, value) { this[kList].push([toUSV(name), toUSV(value)]); this.#changed(); }
  delete(name, value) {
    name = toUSV(name);
    const v = value === undefined ? undefined : toUSV(value);
    this[kList] = this[kList].filter((p) => !(p[0] === name && (v === undefined || p[1] === v)));
    this.#changed();
  }
  get(name) { name = toUSV(name); const p = this[kList].find((p) => p[0] === name); return p ? p[1] : null; }
  getAll(name) { name = toUSV(name); return this[kList].filter((p) => p[0] === name).map((p) => p[1]); }
  has(name, value) {
    name = toUSV(name);
    const v = value === undefined ? undefined : toUSV(value);
    return this[kList].some((p) => p[0] === name && (v === undefined || p[1] === v));
  }
  set(name, value) {
    name = toUSV(name); value = toUSV(value);
    const i = this[kList].findIndex((p) => p[0] === name);
    if (i < 0) this[kList].push([name, value]);
    else {
      this[kList][i][1] = value;
      this[kList] = this[kList].filter((p, k) => k <= i || p[0] !== name);
    }
    this.#changed();
  }
  sort() {
    const list = this[kList];
    // Stable sort by UTF-16 code units of the name.
    const idx = list.map((p, i) => [p, i]);
    idx.sort((a, b) => (a[0][0] < b[0][0] ? -1 : a[0][0] > b[0][0] ? 1 : a[1] - b[1]));
    this[kList] = idx.map((x) => x[0]);
    this.#changed();
  }
  forEach(cb, thisArg) {
    for (let i = 0; i < this[kList].length; i++) cb.call(thisArg, this[kList][i][1], this[kList][i][0], this);
  }
  *entries() { for (let i = 0; i < this[kList].length; i++) yield [this[kList][i][0], this[kList][i][1]]; }
  *keys() { for (const [k] of this.entries()) yield k; }
  *values() { for (const [, v] of this.entries()) yield v; }
  [Symbol.iterator]() { return this.entries(); }
  toString() { return native.querySerialize(this[kList].flat()); }
}
Object.defineProperty(URLSearchParams.prototype, Symbol.toStringTag, { value: "URLSearchParams", configurable: true });

export function installURL(g) {
  const def = (name, value) => Object.defineProperty(g, name, { value, writable: true, configurable: true });
  def("URL", URL);
  def("URLSearchParams", URLSearchParams);
}
