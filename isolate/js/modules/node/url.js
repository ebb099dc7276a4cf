// node:url — Node's legacy URL API (url.parse / url.format / url.resolve and the Url object,
// with its lenient, historical parsing rules) next to the WHATWG URL classes, plus the file-URL
// and IDNA helpers.
import querystring from "node:querystring";
import path from "node:path";
import punycode from "node-internal:punycode";
import { codeError, ERR_INVALID_ARG_TYPE, ERR_MISSING_ARGS } from "node-internal:errors";

export const URL = globalThis.URL;
export const URLSearchParams = globalThis.URLSearchParams;

const invalidArg = ERR_INVALID_ARG_TYPE;

// ---- the legacy Url object ----------------------------------------------------------------

const slashedProtocol = new Set(["http", "http:", "https", "https:", "ftp", "ftp:", "gopher", "gopher:", "file", "file:", "ws", "ws:", "wss", "wss:"]);
const hostlessProtocol = new Set(["javascript", "javascript:"]);
const unsafeProtocol = hostlessProtocol;
const protocolRE = /^[a-z0-9.+-]+:/i;
const portRE = /:[0-9]*$/;
const hostRE = /^\/\/[^@/]+@[^@/]+/;
const simplePathRE = /^(\/\/?(?!\/)[^?\s]*)(\?[^\s]*)?$/;
const forbiddenHost = /[\0\t\n\r #%/:<>?@[\\\]^|]/;
const forbiddenHostV6 = /[\0\t\n\r #%/<>?@\\^|]/;
// Characters that never survive parsing unescaped, even where encodeURIComponent keeps them.
const autoEscape = { "\t": "%09", "\n": "%0A", "\r": "%0D", " ": "%20", '"': "%22", "'": "%27", "<": "%3C", ">": "%3E", "\\": "%5C", "^": "%5E", "`": "%60", "{": "%7B", "|": "%7C", "}": "%7D" };
// A host ends at the first of these; the first set never belongs to a host at all.
const notInHost = new Set("\t\n\r \"%';<>\\^`{|}");
const endsHost = new Set("#/?");

const isV6 = (h) => h.length >= 2 && h[0] === "[" && h[h.length - 1] === "]";

export function Url() {
  this.protocol = null;
  this.slashes = null;
  this.auth = null;
  this.host = null;
  this.port = null;
  this.hostname = null;
  this.hash = null;
  this.search = null;
  this.query = null;
  this.pathname = null;
  this.path = null;
  this.href = null;
}

function hostToASCII(h) {
  if (!/[^\x00-\x7f]/.test(h)) return h;
  try {
    return new globalThis.URL(`ws://${h}`).hostname;
  } catch {
    return punycode.toASCII(h);
  }
}

Url.prototype.parse = function parse(url, parseQueryString, slashesDenoteHost) {
  if (typeof url !== "string") throw invalidArg("url", "string", url);
  // Trim whitespace (and C0, NBSP, BOM), and turn backslashes before the query or hash into
  // slashes, as browsers do.
  let hasHash = false, hasAt = false, start = -1, end = -1, rest = "", last = 0;
  for (let i = 0, inWs = false, split = false; i < url.length; i++) {
    const c = url.charCodeAt(i);
    const ws = c < 33 || c === 0xa0 || c === 0xfeff;
    if (start === -1) {
      if (ws) continue;
      last = start = i;
    } else if (inWs) {
      if (!ws) {
        end = -1;
        inWs = false;
      }
    } else if (ws) {
      end = i;
      inWs = true;
    }
    if (!split) {
      if (c === 64) hasAt = true;
      else if (c === 35) hasHash = split = true;
      else if (c === 63) split = true;
      else if (c === 92) {
        rest += url.slice(last, i) + "/";
        last = i + 1;
      }
    } else if (!hasHash && c === 35) {
      hasHash = true;
    }
  }
  if (start !== -1) {
    if (last === start) rest = end === -1 ? url.slice(start) : url.slice(start, end);
    else if (end === -1 && last < url.length) rest += url.slice(last);
    else if (end !== -1 && last < end) rest += url.slice(last, end);
  }

  if (!slashesDenoteHost && !hasHash && !hasAt) {
    const simple = simplePathRE.exec(rest);
    if (simple) {
      this.path = rest;
      this.href = rest;
      this.pathname = simple[1];
      if (simple[2]) {
        this.search = simple[2];
        this.query = parseQueryString ? querystring.parse(this.search.slice(1)) : this.search.slice(1);
      } else if (parseQueryString) {
        this.search = null;
        this.query = Object.create(null);
      }
      return this;
    }
  }

  let proto = protocolRE.exec(rest);
  let lowerProto;
  if (proto) {
    proto = proto[0];
    lowerProto = proto.toLowerCase();
    this.protocol = lowerProto;
    rest = rest.slice(proto.length);
  }

  let slashes;
  if (slashesDenoteHost || proto || hostRE.test(rest)) {
    slashes = rest.startsWith("//");
    if (slashes && !(proto && hostlessProtocol.has(lowerProto))) {
      rest = rest.slice(2);
      this.slashes = true;
    }
  }

  if (!hostlessProtocol.has(lowerProto) && (slashes || (proto && !slashedProtocol.has(proto)))) {
    // The host ends at the first /, ? or #; an @ before that starts it over (what precedes is
    // the auth), and characters that never belong in a host end it too.
    let hostEnd = -1, atSign = -1, nonHost = -1;
    for (let i = 0; i < rest.length; i++) {
      const ch = rest[i];
      if (notInHost.has(ch)) {
        if (nonHost === -1) nonHost = i;
      } else if (endsHost.has(ch)) {
        if (nonHost === -1) nonHost = i;
        hostEnd = i;
      } else if (ch === "@") {
        atSign = i;
        nonHost = -1;
      }
      if (hostEnd !== -1) break;
    }
    let from = 0;
    if (atSign !== -1) {
      this.auth = decodeURIComponent(rest.slice(0, atSign));
      from = atSign + 1;
    }
    if (nonHost === -1) {
      this.host = rest.slice(from);
      rest = "";
    } else {
      this.host = rest.slice(from, nonHost);
      rest = rest.slice(nonHost);
    }
    this.parseHost();
    if (typeof this.hostname !== "string") this.hostname = "";
    const hostname = this.hostname;
    const v6 = isV6(hostname);
    if (!v6) {
      // A hostname stops at characters that belong to the path; the rest moves there.
      for (let i = 0; i < hostname.length; i++) {
        if ("/\\#?:".includes(hostname[i])) {
          this.hostname = hostname.slice(0, i);
          rest = `/${hostname.slice(i)}${rest}`;
          break;
        }
      }
    }
    this.hostname = this.hostname.length > 255 ? "" : this.hostname.toLowerCase();
    if (this.hostname !== "") {
      if (v6) {
        if (forbiddenHostV6.test(this.hostname)) throw invalidURL(url);
      } else {
        this.hostname = hostToASCII(this.hostname);
        if (this.hostname === "" || forbiddenHost.test(this.hostname)) throw invalidURL(url);
      }
    }
    this.host = (this.hostname || "") + (this.port ? ":" + this.port : "");
    if (v6) {
      this.hostname = this.hostname.slice(1, -1);
      if (rest[0] !== "/") rest = "/" + rest;
    }
  }

  if (!unsafeProtocol.has(lowerProto)) rest = rest.replace(/[\t\n\r "'<>\\^`{|}]/g, (c) => autoEscape[c]);

  let q = -1, h = -1;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (c === "#") {
      this.hash = rest.slice(i);
      h = i;
      break;
    } else if (c === "?" && q === -1) {
      q = i;
    }
  }
  if (q !== -1) {
    this.search = h === -1 ? rest.slice(q) : rest.slice(q, h);
    this.query = h === -1 ? rest.slice(q + 1) : rest.slice(q + 1, h);
    if (parseQueryString) this.query = querystring.parse(this.query);
  } else if (parseQueryString) {
    this.search = null;
    this.query = Object.create(null);
  }
  const first = q !== -1 && (h === -1 || q < h) ? q : h;
  if (first === -1) {
    if (rest.length > 0) this.pathname = rest;
  } else if (first > 0) {
    this.pathname = rest.slice(0, first);
  }
  if (slashedProtocol.has(lowerProto) && this.hostname && !this.pathname) this.pathname = "/";
  if (this.pathname || this.search) this.path = (this.pathname || "") + (this.search || "");
  this.href = this.format();
  return this;
};

function invalidURL(input) {
  const e = codeError(TypeError, "ERR_INVALID_URL", "Invalid URL");
  e.input = input;
  return e;
}

Url.prototype.parseHost = function parseHost() {
  let host = this.host;
  const port = portRE.exec(host);
  if (port) {
    if (port[0] !== ":") this.port = port[0].slice(1);
    host = host.slice(0, host.length - port[0].length);
  }
  if (host) this.hostname = host;
};

// Auth keeps alphanumerics and the sub-delimiters unescaped.
const authKeep = /[A-Za-z0-9!$&'()*+,\-.:;=_~]/;
function escapeAuth(s) {
  let out = "";
  for (const ch of s) {
    if (authKeep.test(ch)) out += ch;
    else for (const b of new TextEncoder().encode(ch)) out += "%" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

Url.prototype.format = function format() {
  let auth = this.auth || "";
  if (auth) auth = escapeAuth(auth) + "@";
  let protocol = this.protocol || "";
  let pathname = this.pathname || "";
  let hash = this.hash || "";
  let host = "";
  let query = "";
  if (this.host) {
    host = auth + this.host;
  } else if (this.hostname) {
    host = auth + (this.hostname.includes(":") && !isV6(this.hostname) ? `[${this.hostname}]` : this.hostname);
    if (this.port) host += ":" + this.port;
  }
  if (this.query !== null && typeof this.query === "object") query = querystring.stringify(this.query);
  let search = this.search || (query && "?" + query) || "";
  if (protocol && !protocol.endsWith(":")) protocol += ":";
  pathname = pathname.replace(/[#?]/g, (c) => (c === "#" ? "%23" : "%3F"));
  if (this.slashes || slashedProtocol.has(protocol)) {
    if (this.slashes || host) {
      if (pathname && pathname[0] !== "/") pathname = "/" + pathname;
      host = "//" + host;
    } else if (protocol.length >= 4 && protocol.startsWith("file")) {
      host = "//";
    }
  }
  search = search.replace(/#/g, "%23");
  if (hash && hash[0] !== "#") hash = "#" + hash;
  if (search && search[0] !== "?") search = "?" + search;
  return protocol + host + pathname + search + hash;
};

Url.prototype.resolve = function resolve(relative) {
  return this.resolveObject(urlParse(relative, false, true)).format();
};

Url.prototype.resolveObject = function resolveObject(relative) {
  if (typeof relative === "string") {
    const rel = new Url();
    rel.parse(relative, false, true);
    relative = rel;
  }
  const result = new Url();
  for (const k of Object.keys(this)) result[k] = this[k];
  result.hash = relative.hash; // the hash is always the relative's, even when empty
  if (relative.href === "") {
    result.href = result.format();
    return result;
  }
  // "//host/path": everything but the protocol comes from the relative.
  if (relative.slashes && !relative.protocol) {
    for (const k of Object.keys(relative)) if (k !== "protocol") result[k] = relative[k];
    if (slashedProtocol.has(result.protocol) && result.hostname && !result.pathname) result.path = result.pathname = "/";
    result.href = result.format();
    return result;
  }
  if (relative.protocol && relative.protocol !== result.protocol) {
    // Another protocol: a non-slashed one is absolute as it stands; a slashed one must have
    // a host (taken from the path when missing), except file:.
    if (!slashedProtocol.has(relative.protocol)) {
      for (const k of Object.keys(relative)) result[k] = relative[k];
      result.href = result.format();
      return result;
    }
    result.protocol = relative.protocol;
    if (!relative.host && !/^file:?$/.test(relative.protocol) && !hostlessProtocol.has(relative.protocol)) {
      const relPath = (relative.pathname || "").split("/");
      while (relPath.length && !(relative.host = relPath.shift()));
      if (!relative.host) relative.host = "";
      if (!relative.hostname) relative.hostname = "";
      if (relPath[0] !== "") relPath.unshift("");
      if (relPath.length < 2) relPath.unshift("");
      result.pathname = relPath.join("/");
    } else {
      result.pathname = relative.pathname;
    }
    result.search = relative.search;
    result.query = relative.query;
    result.host = relative.host || "";
    result.auth = relative.auth;
    result.hostname = relative.hostname || relative.host;
    result.port = relative.port;
    if (result.pathname || result.search) result.path = (result.pathname || "") + (result.search || "");
    result.slashes = result.slashes || relative.slashes;
    result.href = result.format();
    return result;
  }

  const isSourceAbs = !!result.pathname && result.pathname[0] === "/";
  const isRelAbs = relative.host || (relative.pathname && relative.pathname[0] === "/");
  let mustEndAbs = isRelAbs || isSourceAbs || (result.host && relative.pathname);
  const removeAllDots = mustEndAbs;
  let srcPath = (result.pathname && result.pathname.split("/")) || [];
  const relPath = (relative.pathname && relative.pathname.split("/")) || [];
  const noLeadingSlashes = result.protocol && !slashedProtocol.has(result.protocol);

  // Without slashes (mailto:, …) ".." may climb into the host: treat the host as a path part.
  if (noLeadingSlashes) {
    result.hostname = "";
    result.port = null;
    if (result.host) {
      if (srcPath[0] === "") srcPath[0] = result.host;
      else srcPath.unshift(result.host);
    }
    result.host = "";
    if (relative.protocol) {
      relative.hostname = null;
      relative.port = null;
      if (relative.host) {
        if (relPath[0] === "") relPath[0] = relative.host;
        else relPath.unshift(relative.host);
      }
      relative.host = null;
    }
    mustEndAbs = mustEndAbs && (relPath[0] === "" || srcPath[0] === "");
  }

  if (isRelAbs) {
    if (relative.host || relative.host === "") {
      if (result.host !== relative.host) result.auth = null;
      result.host = relative.host;
      result.port = relative.port;
    }
    if (relative.hostname || relative.hostname === "") {
      if (result.hostname !== relative.hostname) result.auth = null;
      result.hostname = relative.hostname;
    }
    result.search = relative.search;
    result.query = relative.query;
    srcPath = relPath;
  } else if (relPath.length) {
    srcPath.pop();
    srcPath = srcPath.concat(relPath);
    result.search = relative.search;
    result.query = relative.query;
  } else if (relative.search !== null && relative.search !== undefined) {
    if (noLeadingSlashes) {
      result.hostname = result.host = srcPath.shift();
      const authInHost = result.host && result.host.indexOf("@") > 0 && result.host.split("@");
      if (authInHost) {
        result.auth = authInHost.shift();
        result.host = result.hostname = authInHost.shift();
      }
    }
    result.search = relative.search;
    result.query = relative.query;
    if (result.pathname !== null || result.search !== null) result.path = (result.pathname ? result.pathname : "") + (result.search ? result.search : "");
    result.href = result.format();
    return result;
  }

  if (!srcPath.length) {
    result.pathname = null;
    result.path = result.search ? "/" + result.search : null;
    result.href = result.format();
    return result;
  }

  // A path ending in . or .. (or empty) keeps a trailing slash.
  let last = srcPath[srcPath.length - 1];
  const hasTrailingSlash = ((result.host || relative.host || srcPath.length > 1) && (last === "." || last === "..")) || last === "";
  let up = 0;
  for (let i = srcPath.length - 1; i >= 0; i--) {
    last = srcPath[i];
    if (last === ".") {
      srcPath.splice(i, 1);
    } else if (last === "..") {
      srcPath.splice(i, 1);
      up++;
    } else if (up) {
      srcPath.splice(i, 1);
      up--;
    }
  }
  if (!mustEndAbs && !removeAllDots) while (up--) srcPath.unshift("..");
  if (mustEndAbs && srcPath[0] !== "" && (!srcPath[0] || srcPath[0][0] !== "/")) srcPath.unshift("");
  if (hasTrailingSlash && !srcPath.join("/").endsWith("/")) srcPath.push("");
  const isAbsolute = srcPath[0] === "" || (srcPath[0] && srcPath[0][0] === "/");
  if (noLeadingSlashes) {
    result.hostname = result.host = isAbsolute ? "" : srcPath.length ? srcPath.shift() : "";
    const authInHost = result.host && result.host.indexOf("@") > 0 ? result.host.split("@") : false;
    if (authInHost) {
      result.auth = authInHost.shift();
      result.host = result.hostname = authInHost.shift();
    }
  }
  mustEndAbs = mustEndAbs || (result.host && srcPath.length);
  if (mustEndAbs && !isAbsolute) srcPath.unshift("");
  if (srcPath.length > 0) {
    result.pathname = srcPath.join("/");
  } else {
    result.pathname = null;
    result.path = null;
  }
  if (result.pathname !== null || result.search !== null) result.path = (result.pathname ? result.pathname : "") + (result.search ? result.search : "");
  result.auth = relative.auth || result.auth;
  result.slashes = result.slashes || relative.slashes;
  result.href = result.format();
  return result;
};

function urlParse(url, parseQueryString, slashesDenoteHost) {
  if (url instanceof Url) return url;
  const u = new Url();
  u.parse(url, parseQueryString, slashesDenoteHost);
  return u;
}

export function parse(url, parseQueryString, slashesDenoteHost) {
  return urlParse(url, parseQueryString, slashesDenoteHost);
}

export function format(urlObject, options) {
  if (typeof urlObject === "string") {
    urlObject = urlParse(urlObject);
  } else if (typeof urlObject !== "object" || urlObject === null) {
    throw invalidArg("urlObject", ["object", "string"], urlObject);
  } else if (urlObject instanceof globalThis.URL) {
    return formatWHATWG(urlObject, options);
  }
  return Url.prototype.format.call(urlObject);
}

function formatWHATWG(u, options) {
  let fragment = true, unicode = false, search = true, auth = true;
  if (options !== undefined) {
    if (options === null || typeof options !== "object") throw invalidArg("options", "object", options);
    if ("fragment" in options) fragment = !!options.fragment;
    if ("unicode" in options) unicode = !!options.unicode;
    if ("search" in options) search = !!options.search;
    if ("auth" in options) auth = !!options.auth;
  }
  let out = u.protocol;
  if (u.host !== "" || u.protocol === "file:") out += "//";
  if (auth && (u.username || u.password)) out += u.username + (u.password ? ":" + u.password : "") + "@";
  out += unicode ? domainToUnicode(u.hostname) + (u.port ? ":" + u.port : "") : u.host;
  out += u.pathname;
  if (search) out += u.search;
  if (fragment) out += u.hash;
  return out;
}

export function resolve(source, relative) {
  return urlParse(source, false, true).resolve(relative);
}

export function resolveObject(source, relative) {
  if (!source) return relative;
  return urlParse(source, false, true).resolveObject(relative);
}

// ---- file URLs, IDNA, http options ---------------------------------------------------------

export function fileURLToPath(u) {
  if (typeof u === "string") u = new globalThis.URL(u);
  else if (!(u instanceof globalThis.URL)) throw invalidArg("path", ["string", "URL"], u);
  if (u.protocol !== "file:") throw codeError(Error, "ERR_INVALID_URL_SCHEME", "The URL must be of scheme file");
  if (u.hostname !== "") throw codeError(Error, "ERR_INVALID_FILE_URL_HOST", 'File URL host must be "localhost" or empty on linux');
  const p = u.pathname;
  if (/%2f/i.test(p)) throw codeError(Error, "ERR_INVALID_FILE_URL_PATH", "File URL path must not include encoded / characters");
  return decodeURIComponent(p);
}

export function pathToFileURL(filepath) {
  if (typeof filepath !== "string") throw invalidArg("filepath", "string", filepath);
  let resolved = path.resolve(filepath);
  if (filepath.endsWith("/") && !resolved.endsWith("/")) resolved += "/";
  const encoded = resolved.replace(/[%\\\n\r\t#?]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0"));
  return new globalThis.URL(`file://${encoded}`);
}

export function toPathIfFileURL(v) {
  return v instanceof globalThis.URL ? fileURLToPath(v) : v;
}

export function urlToHttpOptions(u) {
  const out = {
    protocol: u.protocol,
    hostname: typeof u.hostname === "string" && u.hostname.startsWith("[") ? u.hostname.slice(1, -1) : u.hostname,
    hash: u.hash,
    search: u.search,
    pathname: u.pathname,
    path: `${u.pathname || ""}${u.search || ""}`,
    href: u.href,
  };
  if (u.port !== "") out.port = Number(u.port);
  if (u.username || u.password) out.auth = `${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`;
  return out;
}

export function domainToASCII(domain) {
  if (arguments.length < 1) throw ERR_MISSING_ARGS("domain");
  try {
    return new globalThis.URL(`ws://${domain}`).hostname;
  } catch {
    return "";
  }
}

export function domainToUnicode(domain) {
  if (arguments.length < 1) throw ERR_MISSING_ARGS("domain");
  let ascii;
  try {
    ascii = new globalThis.URL(`ws://${domain}`).hostname;
  } catch {
    return "";
  }
  return punycode.toUnicode(ascii);
}

export default {
  domainToASCII, domainToUnicode, URL, URLSearchParams, fileURLToPath, pathToFileURL, toPathIfFileURL,
  urlToHttpOptions, format, parse, resolve, resolveObject, Url,
};
