package services_test

import (
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/nanod-runtime/nanod/config"
	"github.com/nanod-runtime/nanod/internal/oracle"
)

// urlPatternDiffWorker answers /<case> with JSON describing what URLPattern did for that case:
// the compiled component patterns and hasRegExpGroups (or the error's name and message), then
// test() and exec() for each input (undefined spelled out, so an optional group that did not
// match differs from an empty one, and object keys in their order).
const urlPatternDiffWorker = `
const K = ["protocol", "username", "password", "hostname", "port", "pathname", "search", "hash"];
const show = (v) => JSON.stringify(v, (k, x) => (x === undefined ? "<undefined>" : x));
const attempt = (f) => { try { return f(); } catch (e) { return "throws " + e.name + ": " + e.message; } };
function run(args, inputs) {
  let p;
  try { p = new URLPattern(...args); } catch (e) { return ["throws " + e.name + ": " + e.message]; }
  const out = [K.map((k) => p[k]), p.hasRegExpGroups];
  for (const i of inputs) {
    const a = Array.isArray(i) ? i : [i];
    out.push(attempt(() => p.test(...a)), attempt(() => p.exec(...a)));
  }
  return out;
}
const urls = ["https://example.com/foo/bar?q=1#h", "http://user:pw@sub.example.com:8080/a/b/c", "/foo/bar", "foo", "data:text/plain,x",
  ["/books/42", "https://example.com"], ["x", "not a url"], { pathname: "/foo/bar" }, { hostname: "EXAMPLE.com", pathname: "/FOO" },
  { pathname: "x", baseURL: "https://example.com/base/" }, [{ pathname: "/a" }, "https://example.com"], { port: "99999" }, null];
const cases = {
  empty: () => run([], urls),
  pathnameNamed: () => run([{ pathname: "/foo/:bar" }], urls),
  optionalGroup: () => run([{ pathname: "/foo/:bar?" }], ["https://example.com/foo", "https://example.com/foo/x", { pathname: "/foo" }]),
  manyGroups: () => run([{ pathname: "/:year/:month/:day/:slug" }], ["https://example.com/2024/01/02/hello", { pathname: "/1/2/3/4" }]),
  regexGroups: () => run([{ pathname: "/(\\d+)/:id(\\d+)/*" }], ["https://e.com/1/22/rest/of/it", "https://e.com/a/22/x"]),
  nestedRegex: () => run([{ pathname: "/:a/((?<foo>x))" }], [{ pathname: "/1/x" }]),
  vFlag: () => run([{ pathname: "/([[a-z]--[aeiou]]+)" }], [{ pathname: "/xyz" }, { pathname: "/abc" }]),
  fullString: () => run(["https://:sub.example.com/:path*?q=:q#:h"], ["https://a.example.com/x/y?q=1#z", "https://example.com/"]),
  withBase: () => run(["/api/:version/*", "https://example.com:8443/ignored?x#y"], ["https://example.com:8443/api/v1/users", "https://example.com/api/v1/x"]),
  ignoreCase: () => run([{ pathname: "/FOO/:x", search: "A=*" }, { ignoreCase: true }], ["https://e.com/foo/Bar?a=1", { pathname: "/foo/x", search: "A=2" }]),
  ignoreCaseString: () => run(["https://e.com/Path", { ignoreCase: true }], ["https://E.COM/path"]),
  hostnameWildcard: () => run([{ hostname: "{*.}?example.com" }], ["https://example.com/", "https://a.b.example.com/", "https://example.org/"]),
  ipv6: () => run(["http://[::1]:8080/*"], ["http://[0:0::1]:8080/x", "http://[::2]:8080/x"]),
  idn: () => run([{ hostname: "münchen.de" }], ["https://xn--mnchen-3ya.de/", "https://MÜNCHEN.de/"]),
  ports: () => run([{ protocol: "https", port: "443" }], ["https://e.com:443/", "https://e.com:8443/", { protocol: "https", port: "0443x" }]),
  nonSpecial: () => run(["foo://bar/:x", ""], ["foo://bar/baz", "foo://bar/a/b"]),
  opaque: () => run(["data\\:text/plain,:rest"], ["data:text/plain,hello"]),
  escapes: () => run([{ pathname: "/a\\:b/\\*/{x}?" }], ["https://e.com/a:b/*/x", "https://e.com/a:b/*/"]),
  canonical: () => run(["HTTPS://u:p@EXAMPLE.com:443/a/../b c?q=1 2#f g"], ["https://u:p@example.com/b%20c?q=1%202#f%20g"]),
  patternStrings: () => ["/:a:b", "/:a(\\d+):b", "/foo{/:bar}*", "/(.*)", "*{.}?*", "/:name([a-z]+)", "/:ünï", "{:a}b", "/\\(x\\)"].map((s) => attempt(() => new URLPattern({ pathname: s }).pathname)),
  errors: () => errorCases.map(attempt),
  vFlagStrings: () => run([{ pathname: "/([\\q{abc|d}x])" }], [{ pathname: "/abc" }, { pathname: "/x" }, { pathname: "/y" }]),
  sweep: () => sweep(300),
  inputSweep: () => inputSweep(300),
  shape: () => [Object.getOwnPropertyNames(URLPattern.prototype), URLPattern.length, String(new URLPattern()), Object.keys(new URLPattern().exec({}))],
};
// sweep builds n patterns from a fixed pseudo-random sequence of pattern pieces (constructor
// strings with a base, dictionaries, absolute strings, ignoreCase) and reports each one's
// components or error, and exec() on a few inputs.
function sweep(n) {
  let seed = 7;
  const rnd = (m) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % m; };
  const pieces = ["/", "a", "B", ":x", ":y", "*", "?", "+", "(\\d+)", "(.*)", "{", "}", "\\:", ".", "-", "é", "%20", " ", "(a|b)", "::",
    ":", "#", "@", "[", "]", "?q", "=", "&", "{/:z}?", "*?", ":n(\\w)+", "..", "~", "^", "|", "\u{1F600}", "(", ")", "\\", "\\é", ":é", "(é)", "ß"];
  const gen = (k) => { let s = ""; for (let i = 0; i < k; i++) s += pieces[rnd(pieces.length)]; return s; };
  const inputs = ["https://a.example.com:8080/a/B/12/x.y?q=1&r#frag", "http://u:p@[::1]/", "foo://bar/a:b", "data:text,x", "/a/b",
    { pathname: "/a/1" }, { hostname: "a.b", search: "q" }];
  const out = [];
  for (let i = 0; i < n; i++) {
    let args;
    switch (rnd(4)) {
      case 0: args = [gen(1 + rnd(6)), "https://base.example/x/y"]; break;
      case 1: args = [{ [K[rnd(8)]]: gen(1 + rnd(5)), [K[rnd(8)]]: gen(1 + rnd(4)) }]; break;
      case 2: args = [["http", "https", "foo", "*", "data", "(ws|wss)"][rnd(6)] + "://" + gen(rnd(4)) + "/" + gen(rnd(5))]; break;
      default: args = [{ pathname: gen(1 + rnd(6)) }, { ignoreCase: rnd(2) === 1 }];
    }
    out.push([args, run(args, inputs)]);
  }
  return out;
}
// inputSweep matches a few patterns against n inputs drawn from a fixed pseudo-random sequence:
// dictionaries of odd component values (with and without a base URL) and URL strings.
function inputSweep(n) {
  let seed = 42;
  const rnd = (m) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % m; };
  const parts = {
    protocol: ["http", "https", "HTTP", "ws", "file", "foo", "data", "1x", "a+b", "", "http:", "ht tp"],
    username: ["", "u", "u s", "ü", "a:b", "@", "%41"],
    password: ["", "p", "p w", ":", "é"],
    hostname: ["", "example.com", "EXAMPLE.COM", "münchen.de", "[::1]", "1.2.3.4", "0x7f.1", "a b", "xn--abc", "a..b", "%41", "[x]", "a:b", "a/b"],
    port: ["", "80", "443", "8080", "0080", "65535", "65536", "8a", "a8", "\t80", "-1", "123456"],
    pathname: ["", "/", "/a/b", "a/b", "/a/../b", "/%2e%2e/x", "/a b", "/ü", "\\a\\b", "/a?b", "/a#b", "//x", "/%zz"],
    search: ["", "?", "q=1", "?q=1", "a b", "'\"<>", "#x", "ü"],
    hash: ["", "#", "h", "#h", "a b", "\u0060x\u0060", "ü"],
    baseURL: ["https://base.example/p/q?s#h", "http://u:p@b.example:81/", "data:text,x", "not a url", "foo://x/y/z"],
  };
  const keys = Object.keys(parts);
  const strings = ["https://EXAMPLE.com:443/a/../b?c d#e f", "HTTP://u:p@h:80", "foo:bar", "foo://x:1/", "//h/p", "/p?q", "?q", "#h", "",
    "http://[::1]/", "http://1.2.3/", "https://münchen.de", "file:///C:/x", "a b", "http://a/%zz", "https://x/\ud800"];
  const patterns = [[], [{ pathname: "/:a/:b?" }], ["https://*.example.com:*/*"], [{ protocol: "http{s}?", hostname: ":h" }],
    [{ port: "(\\d+)", search: "*" }, { ignoreCase: true }]];
  const out = [];
  for (let i = 0; i < n; i++) {
    let input;
    if (rnd(3) === 0) {
      input = [strings[rnd(strings.length)]];
      if (rnd(2)) input.push(["https://b.example/x/y", "nope", "data:x", "foo://h/a/b"][rnd(4)]);
    } else {
      const init = {};
      for (let j = 1 + rnd(4); j > 0; j--) { const k = keys[rnd(keys.length)]; init[k] = parts[k][rnd(parts[k].length)]; }
      input = [init];
    }
    out.push([input, patterns.map((args) => run(args, [input]).slice(2))]);
  }
  return out;
}
const errorCases = [
    () => new URLPattern("(café)"), () => new URLPattern({ pathname: "/:a/:a" }), () => new URLPattern("/relative"),
    () => new URLPattern({ pathname: "(a" }), () => new URLPattern({ pathname: "/(*)" }), () => new URLPattern({ port: "abc" }),
    () => new URLPattern({ hostname: "a b" }), () => new URLPattern({}, "https://base"), () => new URLPattern("https://a", "nope"),
    () => new URLPattern(1, 2, 3), () => URLPattern(), () => new URLPattern({ pathname: Symbol() }),
    () => structuredClone(new URLPattern()), () => new URLPattern().test({}, "https://a"), () => new URLPattern().exec({}, null), () => URLPattern.prototype.exec.call({}),
];
export default {
  fetch(req) {
    const name = new URL(req.url).pathname.slice(1);
    const fn = cases[name];
    if (!fn) return new Response("no case " + name, { status: 404 });
    return new Response(show(fn()));
  },
};
`

// TestURLPatternDifferentialWorkerd serves urlPatternDiffWorker on nanod and on real workerd and
// compares each case's answer, with urlpattern_standard and with the original implementation
// (the default for this config's 2024-09-23 compatibility date).
func TestURLPatternDifferentialWorkerd(t *testing.T) {
	wd := oracle.RequireWorkerd(t)
	for _, mode := range []struct{ name, extra string }{
		{"standard", `, compatibilityFlags = ["urlpattern_standard"]`},
		{"original", ""},
	} {
		t.Run(mode.name, func(t *testing.T) {
			path := inline(t, urlPatternDiffWorker, mode.extra)
			nanod := server(t, path, config.Options{})
			workerd := serveWorkerd(t, wd, path)

			// Known differences, tracked as open work.
			known := map[string]string{
				"standard/vFlagStrings": "the V8 in v8go (10.9) lacks \\q{…} string literals in v-flag classes; the pattern fails to compile",
			}
			for _, name := range caseNames(urlPatternDiffWorker) {
				t.Run(name, func(t *testing.T) {
					if why, ok := known[mode.name+"/"+name]; ok {
						t.Skip(why)
					}
					do := func(base string) string {
						resp, err := http.Get(base + "/" + name)
						if err != nil {
							return "error: " + err.Error()
						}
						defer resp.Body.Close()
						b, _ := io.ReadAll(resp.Body)
						return fmt.Sprintf("%d %s", resp.StatusCode, b)
					}
					if got, want := do(nanod), do(workerd); got != want {
						t.Errorf("nanod:\n%s\nworkerd:\n%s", got, want)
					}
				})
			}
		})
	}
}
