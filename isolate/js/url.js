// URL and URLSearchParams (WHATWG URL Standard, with WebIDL's argument conversions). Parsing and
// the setters are native Go (isolate/weburl, which passes WPT's URL vectors); a URL keeps the
// array of components Go returns ([href, origin, protocol, username, password, host, hostname,
// port, pathname, search, hash]) and asks Go again on each set. Error messages follow workerd's.
import { native, unpack } from "./native.js";
import { toUSV } from "./encoding.js";

const HREF = 0, SEARCH = 9;
const NAMES = ["href", "origin", "protocol", "username", "password", "host", "hostname", "port", "pathname", "search", "hash"];

// usv converts v as WebIDL's USVString does: ToString (which throws for a Symbol), then lone
// surrogates become U+FFFD. Go only ever sees well-formed UTF-16 this way.
const usv = (v) => toUSV(typeof v === "string" ? v : `${v}`);

const illegal = () => new TypeError("Illegal invocation: function called with incorrect `this` reference. " +
  "See https://developers.cloudflare.com/workers/observability/errors/#illegal-invocation-errors for details.");

function argCount(args, n, iface, method, type = "USVString") {
  if (args.length < n) {
    const what = method === null ? `construct '${iface}': constructor parameter` : `execute '${method}' on '${iface}': parameter`;
    throw new TypeError(`Failed to ${what} ${args.length + 1} is not of type '${type}'.`);
  }
}

// Go answers with the packed components, or null when parsing fails.
const parts = (packed) => (packed === null ? null : unpack(packed));

function parse(url, base) {
  return parts(base === undefined ? native.urlParse(usv(url)) : native.urlParse(usv(url), usv(base)));
}

// queryList parses a query string (without "?") into [[name, value], …].
function queryList(s) {
  if (s === "") return [];
  const flat = JSON.parse(native.queryParse(s));
  const out = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i], flat[i + 1]]);
  return out;
}

// Cross-class access to the private state, set up in the classes' static blocks.
let urlParts, urlSetQuery, paramsReset, paramsNew;
let fromParts = null;

export class URL {
  #parts;
  #params = null;

  constructor(url, base = undefined) {
    if (fromParts !== null) {
      // URL.parse has parsed already.
      this.#parts = fromParts;
      fromParts = null;
      return;
    }
    argCount(arguments, 1, "URL", null);
    const parts = parse(url, base);
    if (parts === null) throw new TypeError("Invalid URL string.");
    this.#parts = parts;
  }

  static canParse(url, base = undefined) {
    argCount(arguments, 1, "URL", "canParse");
    return parse(url, base) !== null;
  }

  static parse(url, base = undefined) {
    argCount(arguments, 1, "URL", "parse");
    const parts = parse(url, base);
    if (parts === null) return null;
    fromParts = parts;
    return new URL("");
  }

  get searchParams() {
    if (!(#parts in this)) throw illegal();
    return this.#params ??= paramsNew(this);
  }

  toJSON() {
    if (!(#parts in this)) throw illegal();
    return this.#parts[HREF];
  }

  toString() {
    if (!(#parts in this)) throw illegal();
    return this.#parts[HREF];
  }

  // set runs the named setter; only href can fail, with workerd's TypeError.
  static #set(url, name, value) {
    if (!(#parts in url)) throw illegal();
    const next = parts(native.urlSet(url.#parts[HREF], name, usv(value)));
    if (next === null) {
      if (name === "href") {
        throw new TypeError("Failed to set the 'href' property on 'URL': the provided value is not of type 'valid URL string'.");
      }
      return;
    }
    url.#parts = next;
    // The URL's query object follows a new query (the href and search setters' last step).
    if ((name === "href" || name === "search") && url.#params) paramsReset(url.#params, next[SEARCH]);
  }

  static {
    urlParts = (u) => u.#parts;
    // The URLSearchParams update steps: the serialised list becomes the query (null when empty).
    urlSetQuery = (u, s) => {
      u.#parts = parts(native.urlSet(u.#parts[HREF], "search", s === "" ? "" : "?" + s)) || u.#parts;
    };
    NAMES.forEach((name, idx) => {
      const desc = {
        get: { [name]() { if (!(#parts in this)) throw illegal(); return this.#parts[idx]; } }[name],
        enumerable: true,
        configurable: true,
      };
      Object.defineProperty(desc.get, "name", { value: "get " + name });
      if (name !== "origin") {
        desc.set = { [name](v) { URL.#set(this, name, v); } }[name];
        Object.defineProperty(desc.set, "name", { value: "set " + name });
      }
      Object.defineProperty(URL.prototype, name, desc);
    });
  }
}

// The iterator of a URLSearchParams (entries, keys, values): it reads the live list at each
// step, so changes made during iteration show, as with the standard's iterator.
let paramsList;

class URLSearchParamsIterator {
  #params;
  #kind;
  #index = 0;
  constructor(params, kind) {
    this.#params = params;
    this.#kind = kind;
  }
  next() {
    if (!(#params in this)) throw illegal();
    const list = paramsList(this.#params);
    if (this.#index >= list.length) return { value: undefined, done: true };
    const [k, v] = list[this.#index++];
    return { value: this.#kind === 0 ? [k, v] : this.#kind === 1 ? k : v, done: false };
  }
}
Object.setPrototypeOf(URLSearchParamsIterator.prototype, Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
delete URLSearchParamsIterator.prototype.constructor;
Object.defineProperty(URLSearchParamsIterator.prototype, "next", { enumerable: true });
Object.defineProperty(URLSearchParamsIterator.prototype, Symbol.toStringTag, { value: "URLSearchParams Iterator", configurable: true });

const NOT_SEQUENCE = "Incorrect type: the provided value is not of type 'Sequence'.";

// iterate calls fn on each value the iterator method of obj yields (WebIDL sequence conversion).
function iterate(obj, method, fn) {
  const it = method.call(obj);
  if (it === null || typeof it !== "object" && typeof it !== "function") throw new TypeError("Result of the Symbol.iterator method is not an object");
  const next = it.next;
  for (;;) {
    const r = next.call(it);
    if (r === null || typeof r !== "object" && typeof r !== "function") throw new TypeError(`Iterator result ${r} is not an object`);
    if (r.done) return;
    fn(r.value);
  }
}

const isObject = (v) => v !== null && (typeof v === "object" || typeof v === "function");

// initList converts the constructor's argument, a (sequence<sequence<USVString>> or
// record<USVString, USVString> or USVString), into a list of pairs.
function initList(init) {
  if (isObject(init)) {
    const method = init[Symbol.iterator];
    if (method !== undefined && method !== null) {
      if (typeof method !== "function") throw new TypeError(NOT_SEQUENCE);
      const pairs = [];
      iterate(init, method, (item) => {
        if (!isObject(item)) throw new TypeError(NOT_SEQUENCE);
        const m = item[Symbol.iterator];
        if (typeof m !== "function") throw new TypeError(NOT_SEQUENCE);
        const pair = [];
        iterate(item, m, (s) => pair.push(usv(s)));
        pairs.push(pair);
      });
      for (const p of pairs) if (p.length !== 2) throw new TypeError("Invalid URL search params sequence.");
      return pairs;
    }
    // A record: own enumerable string keys in property order; a key seen again after the
    // USVString conversion keeps its first place and takes the later value.
    const map = new Map();
    for (const key of Reflect.ownKeys(init)) {
      if (typeof key !== "string") continue; // workerd skips symbol keys
      const d = Reflect.getOwnPropertyDescriptor(init, key);
      if (d === undefined || !d.enumerable) continue;
      const k = usv(key);
      map.set(k, usv(init[key]));
    }
    return [...map];
  }
  let s = usv(init);
  if (s.startsWith("?")) s = s.slice(1);
  return queryList(s);
}

export class URLSearchParams {
  #list;
  #url = null;

  constructor(init = "") {
    this.#list = initList(init);
  }

  static {
    paramsList = (p) => p.#list;
    paramsReset = (p, search) => { p.#list = queryList(search.slice(1)); };
    paramsNew = (url) => {
      const p = new URLSearchParams();
      p.#list = queryList(urlParts(url)[SEARCH].slice(1));
      p.#url = url;
      return p;
    };
  }

  #update() {
    if (this.#url) urlSetQuery(this.#url, native.querySerialize(JSON.stringify(this.#list.flat())));
  }

  get size() {
    if (!(#list in this)) throw illegal();
    return this.#list.length;
  }

  append(name, value) {
    if (!(#list in this)) throw illegal();
    argCount(arguments, 2, "URLSearchParams", "append");
    this.#list.push([usv(name), usv(value)]);
    this.#update();
  }

  delete(name, value = undefined) {
    if (!(#list in this)) throw illegal();
    argCount(arguments, 1, "URLSearchParams", "delete");
    name = usv(name);
    const v = value === undefined ? undefined : usv(value);
    this.#list = this.#list.filter((p) => !(p[0] === name && (v === undefined || p[1] === v)));
    this.#update();
  }

  get(name) {
    if (!(#list in this)) throw illegal();
    argCount(arguments, 1, "URLSearchParams", "get");
    name = usv(name);
    const p = this.#list.find((p) => p[0] === name);
    return p ? p[1] : null;
  }

  getAll(name) {
    if (!(#list in this)) throw illegal();
    argCount(arguments, 1, "URLSearchParams", "getAll");
    name = usv(name);
    return this.#list.filter((p) => p[0] === name).map((p) => p[1]);
  }

  has(name, value = undefined) {
    if (!(#list in this)) throw illegal();
    argCount(arguments, 1, "URLSearchParams", "has");
    name = usv(name);
    const v = value === undefined ? undefined : usv(value);
    return this.#list.some((p) => p[0] === name && (v === undefined || p[1] === v));
  }

  set(name, value) {
    if (!(#list in this)) throw illegal();
    argCount(arguments, 2, "URLSearchParams", "set");
    name = usv(name);
    value = usv(value);
    const i = this.#list.findIndex((p) => p[0] === name);
    if (i < 0) this.#list.push([name, value]);
    else this.#list = this.#list.filter((p, k) => k <= i || p[0] !== name).map((p, k) => (k === i ? [name, value] : p));
    this.#update();
  }

  sort() {
    if (!(#list in this)) throw illegal();
    // Array.prototype.sort is stable, and < on strings compares UTF-16 code units.
    this.#list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    this.#update();
  }

  forEach(callback, thisArg = undefined) {
    if (!(#list in this)) throw illegal();
    if (typeof callback !== "function") {
      throw new TypeError("Failed to execute 'forEach' on 'URLSearchParams': parameter 1 is not of type 'function'.");
    }
    for (let i = 0; i < this.#list.length; i++) {
      const [k, v] = this.#list[i];
      callback.call(thisArg, v, k, this);
    }
  }

  entries() {
    if (!(#list in this)) throw illegal();
    return new URLSearchParamsIterator(this, 0);
  }

  keys() {
    if (!(#list in this)) throw illegal();
    return new URLSearchParamsIterator(this, 1);
  }

  values() {
    if (!(#list in this)) throw illegal();
    return new URLSearchParamsIterator(this, 2);
  }

  toString() {
    if (!(#list in this)) throw illegal();
    return native.querySerialize(JSON.stringify(this.#list.flat()));
  }
}
Object.defineProperty(URLSearchParams.prototype, Symbol.iterator, {
  value: URLSearchParams.prototype.entries, writable: true, configurable: true,
});

// WebIDL attributes and operations are enumerable (class syntax makes them not).
for (const C of [URL, URLSearchParams]) {
  for (const key of Object.getOwnPropertyNames(C.prototype)) {
    if (key !== "constructor") Object.defineProperty(C.prototype, key, { enumerable: true });
  }
  for (const key of ["canParse", "parse"]) {
    if (Object.hasOwn(C, key)) Object.defineProperty(C, key, { enumerable: true });
  }
}
Object.defineProperty(URL.prototype, Symbol.toStringTag, { value: "URL", configurable: true });
Object.defineProperty(URLSearchParams.prototype, Symbol.toStringTag, { value: "URLSearchParams", configurable: true });

export function installURL(g) {
  const def = (name, value) => Object.defineProperty(g, name, { value, writable: true, configurable: true });
  def("URL", URL);
  def("URLSearchParams", URLSearchParams);
}
