package isolate

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// WPT's URLPattern vectors (testdata/wpt-urlpattern, see its README) run through new URLPattern()
// in an isolate with the checks WPT's urlpattern/resources/urlpatterntests.js makes: the
// compiled component patterns (filled in from the constructor arguments where a vector gives
// none), test() and exec() against every input, the result's inputs and per-component input and
// groups (null in the data meaning undefined), and TypeErrors where the vector says "error".
// Real workerd (urlpattern_standard) passes all of them too.

// urlPatternSkips lists vectors not run, by "urlpatterntestdata.json|test name", with the reason.
var urlPatternSkips = map[string]string{}

const urlPatternTestsJS = `
const kComponents = ["protocol", "username", "password", "hostname", "port", "pathname", "search", "hash"];
const EARLIER = { protocol: [], hostname: ["protocol"], port: ["protocol", "hostname"], username: [], password: [],
  pathname: ["protocol", "hostname", "port"], search: ["protocol", "hostname", "port", "pathname"],
  hash: ["protocol", "hostname", "port", "pathname", "search"] };
function isTypeError(fn, what) {
  try { fn(); } catch (e) { if (e instanceof TypeError) return; throw new Error(what + ": threw " + e + ", want a TypeError"); }
  throw new Error(what + ": did not throw");
}
function same(a, b, what) { if (!Object.is(a, b)) throw new Error(what + ": got " + JSON.stringify(a) + ", want " + JSON.stringify(b)); }
function objEq(got, want, what) {
  same(typeof got, "object", what + " type");
  const gk = Object.keys(got).sort(), wk = Object.keys(want).sort();
  same(JSON.stringify(gk), JSON.stringify(wk), what + " keys");
  for (const k of wk) {
    if (want[k] !== null && typeof want[k] === "object") objEq(got[k], want[k], what + "." + k);
    else same(got[k], want[k], what + "." + k);
  }
}
for (const entry of JSON.parse(DATA)) {
  const name = "Pattern: " + JSON.stringify(entry.pattern) + " Inputs: " + JSON.stringify(entry.inputs);
  test("urlpattern", name, () => {
    if (entry.expected_obj === "error") { isTypeError(() => new URLPattern(...entry.pattern), "URLPattern() constructor"); return; }
    const pattern = new URLPattern(...entry.pattern);
    const eobj = entry.expected_obj || {};
    for (const component of kComponents) {
      let expected = eobj[component];
      if (expected == undefined) {
        let baseURL = null;
        if (entry.pattern.length > 0 && entry.pattern[0].baseURL) baseURL = new URL(entry.pattern[0].baseURL);
        else if (entry.pattern.length > 1 && typeof entry.pattern[1] === "string") baseURL = new URL(entry.pattern[1]);
        if (entry.exactly_empty_components && entry.exactly_empty_components.includes(component)) expected = "";
        else if (typeof entry.pattern[0] === "object" && entry.pattern[0][component]) expected = entry.pattern[0][component];
        else if (typeof entry.pattern[0] === "object" && EARLIER[component].some((c) => c in entry.pattern[0])) expected = "*";
        else if (baseURL && component !== "username" && component !== "password") {
          let v = baseURL[component];
          if (component === "protocol") v = v.substring(0, v.length - 1);
          else if (component === "search" || component === "hash") v = v.substring(1, v.length);
          expected = v;
        } else expected = "*";
      }
      same(pattern[component], expected, "compiled pattern property '" + component + "'");
    }
    if (entry.expected_match === "error") {
      isTypeError(() => pattern.test(...entry.inputs), "test() result");
      isTypeError(() => pattern.exec(...entry.inputs), "exec() result");
      return;
    }
    same(pattern.test(...entry.inputs), !!entry.expected_match, "test() result");
    const res = pattern.exec(...entry.inputs);
    if (!entry.expected_match || typeof entry.expected_match !== "object") { same(res, entry.expected_match, "exec() failed match result"); return; }
    const einputs = entry.expected_match.inputs || entry.inputs;
    same(res.inputs.length, einputs.length, "exec() result.inputs.length");
    for (let i = 0; i < res.inputs.length; ++i) {
      const input = res.inputs[i], want = einputs[i];
      if (typeof input === "string") { same(input, want, "exec() result.inputs[" + i + "]"); continue; }
      for (const c of kComponents) same(input[c], want[c], "exec() result.inputs[" + i + "][" + c + "]");
    }
    for (const component of kComponents) {
      let eo = entry.expected_match[component];
      if (!eo) {
        eo = { input: "", groups: {} };
        if (!entry.exactly_empty_components || !entry.exactly_empty_components.includes(component)) eo.groups["0"] = "";
      }
      for (const k in eo.groups) if (eo.groups[k] === null) eo.groups[k] = undefined;
      objEq(res[component], eo, "exec() result for " + component);
    }
  });
}
`

func TestWPTURLPattern(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "wpt-urlpattern", "urlpatterntestdata.json"))
	if err != nil {
		t.Fatal(err)
	}
	const file = "urlpatterntestdata.json"
	iso, _ := newTestIsolate(t)
	src := "const FILE = " + jsLiteral(t, file) + ";\nconst SKIPS = " + jsLiteral(t, prefixed(file, urlPatternSkips)) + ";\n" +
		wptPrelude + "const DATA = " + jsLiteral(t, string(b)) + ";\n" + urlPatternTestsJS + "\nreturn result();"
	out := iso.eval(t, src)
	var r wptResult
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("runner result %.500s: %v", out, err)
	}
	for _, f := range r.Failures {
		t.Errorf("%s: %s", file, f)
	}
	for _, s := range r.Skipped {
		t.Logf("skipped %s", s)
	}
	if n := r.Counts["urlpattern"]; n < 369 {
		t.Errorf("%d vectors passed, want all 369", n)
	} else {
		t.Logf("%s: %d passed, %d failed, %d skipped", file, n, len(r.Failures), len(r.Skipped))
	}
}

func prefixed(file string, m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[file+"|"+k] = v
	}
	return out
}

// TestURLPatternInterface checks URLPattern's shape, argument conversions, error names and
// messages, and result details against what real workerd (2026-08-22, urlpattern_standard, the
// default since 2025-05-01) returned for the same snippets: invalid patterns are a TypeError
// "Failed to construct URLPattern"; a dictionary input with a base URL makes test()/exec() throw;
// user errors (toString, a replaced RegExp.prototype.exec) pass through; a string input without
// a base is matched as if parsed against an empty URL; groups come in workerd's key order.
func TestURLPatternInterface(t *testing.T) {
	const prelude = "const fails = (f) => { try { return f(); } catch (e) { return \"THROW \" + e.name + \": \" + e.message; } };\n"
	iso, _ := newTestIsolate(t)
	for _, c := range []struct{ src, want string }{
		{`return fails(() => structuredClone(new URLPattern()))`,
			`"THROW DataCloneError: Could not serialize object of type \"URLPattern\". This type does not support serialization."`},
		{`return fails(() => new URLPattern("(café)"))`,
			`"THROW TypeError: Failed to construct URLPattern"`},
		{`return fails(() => new URLPattern({pathname: "(café)"}))`,
			`"THROW TypeError: Failed to construct URLPattern"`},
		{`return fails(() => new URLPattern({pathname: "/:a/:a"}))`,
			`"THROW TypeError: Failed to construct URLPattern"`},
		{`return fails(() => new URLPattern("/foo"))`,
			`"THROW TypeError: Failed to construct URLPattern"`},
		{`return fails(() => new URLPattern(1, 2, 3))`,
			`"THROW TypeError: Failed to construct 'URLPattern': constructor parameter 3 is not of type 'URLPatternOptions'."`},
		{`return fails(() => new URLPattern({}, "http://a"))`,
			`"THROW TypeError: Failed to construct URLPattern"`},
		{`return fails(() => new URLPattern("http://a", "foo"))`,
			`"THROW TypeError: Failed to construct URLPattern"`},
		{`return fails(() => new URLPattern({pathname: "(a"}))`,
			`"THROW TypeError: Failed to construct URLPattern"`},
		{`return fails(() => new URLPattern({pathname: "/:"}))`,
			`"THROW TypeError: Failed to construct URLPattern"`},
		{`return fails(() => new URLPattern({pathname: "((a))"}))`,
			`"THROW TypeError: Failed to construct URLPattern"`},
		{`return fails(() => new URLPattern({pathname: "/(*)"}))`,
			`"THROW TypeError: Failed to construct URLPattern"`},
		{`return fails(() => new URLPattern({pathname: "/(a)", search: "([)"}))`,
			`"THROW TypeError: Failed to construct URLPattern"`},
		{`return fails(() => new URLPattern({port: "abc"}))`,
			`"THROW TypeError: Failed to construct URLPattern"`},
		{`return fails(() => new URLPattern({port: "65536"}))`,
			`"THROW TypeError: Failed to construct URLPattern"`},
		{`return fails(() => new URLPattern({protocol: "ht tp"}))`,
			`"THROW TypeError: Failed to construct URLPattern"`},
		{`return fails(() => new URLPattern({hostname: "a b"}))`,
			`"THROW TypeError: Failed to construct URLPattern"`},
		{`return fails(() => new URLPattern({hostname: "bad\\:hostname"}))`,
			`"THROW TypeError: Failed to construct URLPattern"`},
		{`return fails(() => new URLPattern({protocol: "http::"}))`,
			`"THROW TypeError: Failed to construct URLPattern"`},
		{`return fails(() => new URLPattern({pathname: "/x"}, "http://a", {ignoreCase: 1}))`,
			`"THROW TypeError: Failed to construct URLPattern"`},
		{`return fails(() => new URLPattern({pathname: "/x"}, null).pathname)`,
			`"/x"`},
		{`return fails(() => URLPattern())`,
			`"THROW TypeError: Failed to construct 'URLPattern': Please use the 'new' operator, this object constructor cannot be called as a function."`},
		{`return fails(() => new URLPattern({pathname: Symbol()}))`,
			`"THROW TypeError: Cannot convert a Symbol value to a string"`},
		{`return fails(() => new URLPattern("http://a", Symbol()))`,
			`"THROW TypeError: Cannot convert a Symbol value to a string"`},
		{`return fails(() => new URLPattern({pathname: {toString() { throw new RangeError("from toString"); }}}))`,
			`"THROW RangeError: from toString"`},
		{`return fails(() => new URLPattern().test({}, "http://a"))`,
			`"THROW TypeError: Failed to test URLPattern"`},
		{`return fails(() => new URLPattern().exec({}, null))`,
			`"THROW TypeError: Failed to exec URLPattern"`},
		{`return fails(() => new URLPattern().test({}, undefined))`,
			`true`},
		{`return fails(() => URLPattern.prototype.test.call({}))`,
			"\"THROW TypeError: Illegal invocation: function called with incorrect `this` reference. See https://developers.cloudflare.com/workers/observability/errors/#illegal-invocation-errors for details.\""},
		{`return fails(() => URLPattern.prototype.exec.call({}, "http://a"))`,
			"\"THROW TypeError: Illegal invocation: function called with incorrect `this` reference. See https://developers.cloudflare.com/workers/observability/errors/#illegal-invocation-errors for details.\""},
		{`return fails(() => Object.getOwnPropertyDescriptor(URLPattern.prototype, "pathname").get.call({}))`,
			"\"THROW TypeError: Illegal invocation: function called with incorrect `this` reference. See https://developers.cloudflare.com/workers/observability/errors/#illegal-invocation-errors for details.\""},
		{`return fails(() => Object.getOwnPropertyDescriptor(URLPattern.prototype, "hasRegExpGroups").get.call(1))`,
			"\"THROW TypeError: Illegal invocation: function called with incorrect `this` reference. See https://developers.cloudflare.com/workers/observability/errors/#illegal-invocation-errors for details.\""},
		{`return [URLPattern.length, URLPattern.prototype.test.length, URLPattern.prototype.exec.length, URLPattern.name]`,
			`[0,0,0,"URLPattern"]`},
		{`return Object.getOwnPropertyNames(URLPattern.prototype).map((n) => { const d = Object.getOwnPropertyDescriptor(URLPattern.prototype, n); return n + ":" + (d.enumerable ? "e" : "") + (d.configurable ? "c" : "") + (d.writable ? "w" : "") + (d.get ? "g" : "") + (d.set ? "s" : ""); })`,
			`["protocol:ecg","username:ecg","password:ecg","hostname:ecg","port:ecg","pathname:ecg","search:ecg","hash:ecg","hasRegExpGroups:ecg","test:ecw","exec:ecw","constructor:cw"]`},
		{`return Object.getOwnPropertyNames(URLPattern)`,
			`["length","name","prototype"]`},
		{`return [Object.prototype.toString.call(new URLPattern()), Object.keys(new URLPattern())]`,
			`["[object URLPattern]",[]]`},
		{`return [new URLPattern({pathname: "/:a"}).hasRegExpGroups, new URLPattern({pathname: "/(\\d+)"}).hasRegExpGroups, new URLPattern({hash: "(.*)"}).hasRegExpGroups, new URLPattern({protocol: "(https?)"}).hasRegExpGroups]`,
			`[false,true,false,true]`},
		{`return ["protocol", "username", "password", "hostname", "port", "pathname", "search", "hash"].map((k) => new URLPattern()[k])`,
			`["*","*","*","*","*","*","*","*"]`},
		{`return ["protocol", "username", "password", "hostname", "port", "pathname", "search", "hash"].map((k) => new URLPattern("HTTPS://u:p@EXAMPLE.com:443/a/../b c?q=1 2#f g")[k])`,
			`["https","u:p","*","example.com","443","/b%20c","q=1%202","f%20g"]`},
		{`return ["protocol", "username", "password", "hostname", "port", "pathname", "search", "hash"].map((k) => new URLPattern("/x/*?q", "https://ex.com:8080/base?bq#bh")[k])`,
			`["https","*","*","ex.com","8080","/x/*?q","*","*"]`},
		{`return ["protocol", "username", "password", "hostname", "port", "pathname", "search", "hash"].map((k) => new URLPattern({protocol: "file", port: "0", pathname: "/a/./b"})[k])`,
			`["file","*","*","*","","/a/b","*","*"]`},
		{`return new URLPattern({pathname: "/foo/:bar?"}).exec("http://a/foo")`,
			`{"inputs":["http://a/foo"],"protocol":{"input":"http","groups":{"0":"http"}},"username":{"input":"","groups":{"0":""}},"password":{"input":"","groups":{"0":""}},"hostname":{"input":"a","groups":{"0":"a"}},"port":{"input":"","groups":{"0":""}},"pathname":{"input":"/foo","groups":{}},"search":{"input":"","groups":{"0":""}},"hash":{"input":"","groups":{"0":""}}}`},
		{`return new URLPattern({pathname: "/foo/:bar?"}).exec("http://a/foo").pathname.groups.bar === undefined`,
			`true`},
		{`return new URLPattern({pathname: "/:a/((?<foo>x))"}).exec({pathname: "/1/x"}).pathname.groups`,
			`{"0":"x","a":"1"}`},
		{`return new URLPattern({pathname: "/foo"}).exec("/foo")`,
			`{"inputs":["/foo"],"protocol":{"input":"","groups":{"0":""}},"username":{"input":"","groups":{"0":""}},"password":{"input":"","groups":{"0":""}},"hostname":{"input":"","groups":{"0":""}},"port":{"input":"","groups":{"0":""}},"pathname":{"input":"/foo","groups":{}},"search":{"input":"","groups":{"0":""}},"hash":{"input":"","groups":{"0":""}}}`},
		{`return [new URLPattern({pathname: "/foo"}).test("foo"), new URLPattern({pathname: "/foo"}).test("/foo", "data:x"), new URLPattern({pathname: "/foo"}).test("/foo", "nope")]`,
			`[true,false,false]`},
		{`return new URLPattern({pathname: "/a"}).exec({pathname: "/a", baseURL: "http://x/y", extra: 1}).inputs`,
			`[{"pathname":"/a","baseURL":"http://x/y"}]`},
		{`return new URLPattern("https://example.com/:x").exec("/y", "https://example.com/z").inputs`,
			`["/y","https://example.com/z"]`},
		{`return new URLPattern({pathname: "/:id/:category/:slug"}).exec({pathname: "/1/2/3"}).pathname.groups`,
			`{"slug":"3","category":"2","id":"1"}`},
		{`return Object.keys(new URLPattern({pathname: "/:year/:month/:day"}).exec({pathname: "/1/2/3"}).pathname.groups)`,
			`["day","month","year"]`},
		{`return [new URLPattern({pathname: "/FOO"}, {ignoreCase: true}).test({pathname: "/foo"}), new URLPattern("https://EX.com/FOO", {ignoreCase: true}).test("https://ex.com/foo"), new URLPattern({hostname: "EX.com"}, {ignoreCase: true}).test({hostname: "ex.com"})]`,
			`[true,true,true]`},
		{`return [new URLPattern({pathname: "/([[a-z]--a])"}).test({pathname: "/b"}), new URLPattern({pathname: "/([[a-z]--a])"}).test({pathname: "/a"})]`,
			`[true,false]`},
		{`return new URLPattern({port: "8080"}).exec({port: "8080x", protocol: "http"}).port`,
			`{"input":"8080","groups":{}}`},
		{`return [new URLPattern().test({port: "99999"}), new URLPattern().exec({hostname: "a b"}), new URLPattern().exec({protocol: "1x"})]`,
			`[false,null,null]`},
		{`return (() => { const real = RegExp.prototype.exec; const p = new URLPattern({pathname: "/(x)"}); RegExp.prototype.exec = function () { return ["m", 7, undefined]; }; try { return p.exec({pathname: "/nope"}).pathname; } finally { RegExp.prototype.exec = real; } })()`,
			`{"input":"/nope","groups":{"0":"7"}}`},
		{`return (() => { const real = RegExp.prototype.exec; const p = new URLPattern({pathname: "/(x)"}); RegExp.prototype.exec = function () { return { 0: "m", length: 1 }; }; try { return [p.exec({pathname: "/x"}), p.test({pathname: "/x"})]; } finally { RegExp.prototype.exec = real; } })()`,
			`[null,true]`},
		{`return (() => { const real = RegExp.prototype.exec; RegExp.prototype.exec = function () { throw new RangeError("patched"); }; try { return fails(() => new URLPattern({protocol: "(ht)tp"})); } finally { RegExp.prototype.exec = real; } })()`,
			`"THROW RangeError: patched"`},
		{`return (() => { class P extends URLPattern { get pathname() { return "sub:" + super.pathname; } } const p = new P({pathname: "/a"}); return [p.pathname, p.test({pathname: "/a"}), p instanceof URLPattern, Object.getPrototypeOf(P.prototype) === URLPattern.prototype]; })()`,
			`["sub:/a",true,true,true]`},
	} {
		if got := iso.eval(t, prelude+c.src); got != c.want {
			t.Errorf("%s\n got  %s\n want %s", c.src, got, c.want)
		}
	}
}

// configuredIsolate makes a test isolate whose worker has the given compatibility features (the
// resolved set the host passes; features not named count as off).
func configuredIsolate(t *testing.T, features map[string]bool) *Isolate {
	t.Helper()
	iso, _ := newTestIsolate(t)
	spec, _ := json.Marshal(map[string]any{"env": []any{}, "compatDate": "2024-09-23", "compatFlags": []string{},
		"compatEnabled": features, "modules": true, "name": "test"})
	var err error
	iso.Loop.Call(func() {
		arr, e := iso.ctx.RunScript("[]", "x")
		if e != nil {
			err = e
			return
		}
		v, e := iso.call("configure", iso.str(string(spec)), arr)
		if e == nil {
			v.Release()
		}
		err = e
	})
	if err != nil {
		t.Fatal(err)
	}
	return iso
}

// TestURLPatternOriginal checks urlpattern_original (workerd's older implementation, the default
// before 2025-05-01) against what real workerd returned for the same snippets with that flag: its
// error messages (UTF-8 byte positions), "" for unmatched groups in pattern order, no relative
// input without a base, setter-based canonicalization, a base URL lending every component, and
// no hasRegExpGroups.
func TestURLPatternOriginal(t *testing.T) {
	const prelude = "const fails = (f) => { try { return f(); } catch (e) { return \"THROW \" + e.name + \": \" + e.message; } };\n"
	iso := configuredIsolate(t, map[string]bool{"urlpattern_standard": false, "set_tostring_tag": true, "enable_fast_jsg_struct": true})
	for _, c := range []struct{ src, want string }{
		// Every component goes through its regexp (and a replaced exec); the special-scheme check does not.
		{`return (() => { const real = RegExp.prototype.exec; let calls = 0; const q = new URLPattern({pathname: "/x", hostname: "*"}); RegExp.prototype.exec = function (s) { calls++; return real.call(this, s); }; try { return [q.test({pathname: "/x"}), calls]; } finally { RegExp.prototype.exec = real; } })()`,
			`[true,8]`},
		{`return (() => { const real = RegExp.prototype.exec; RegExp.prototype.exec = function () { throw new RangeError("patched"); }; try { return fails(() => new URLPattern({protocol: "(ht)tp"}).protocol); } finally { RegExp.prototype.exec = real; } })()`,
			`"(ht)tp"`},
		{`return fails(() => new URLPattern("(café)"))`,
			`"THROW TypeError: Syntax error in URL Pattern: a relative pattern must have a base URL."`},
		{`return fails(() => new URLPattern({pathname: "(café)"}))`,
			`"THROW TypeError: Syntax error in URL Pattern: invalid regex character at 4"`},
		{`return fails(() => new URLPattern({pathname: "/é(café)"}))`,
			`"THROW TypeError: Syntax error in URL Pattern: invalid regex character at 7"`},
		{`return fails(() => new URLPattern({pathname: "/:a/:a"}))`,
			`"THROW TypeError: Syntax error in URL Pattern: Duplicated part names [a]"`},
		{`return fails(() => new URLPattern("/foo"))`,
			`"THROW TypeError: Syntax error in URL Pattern: a relative pattern must have a base URL."`},
		{`return fails(() => new URLPattern("/foo", "not a url"))`,
			`"THROW TypeError: Invalid base URL."`},
		{`return fails(() => new URLPattern({pathname: "(a"}))`,
			`"THROW TypeError: Syntax error in URL Pattern: invalid regex segment at 1"`},
		{`return fails(() => new URLPattern({pathname: "/:"}))`,
			`"THROW TypeError: Syntax error in URL Pattern: invalid name start at 1"`},
		{`return fails(() => new URLPattern({pathname: "/:%"}))`,
			`"THROW TypeError: Syntax error in URL Pattern: invalid name start at 1"`},
		{`return fails(() => new URLPattern({pathname: "a\\"}))`,
			`"THROW TypeError: Syntax error in URL Pattern: invalid escape character at 1"`},
		{`return fails(() => new URLPattern({pathname: "/("}))`,
			`"THROW TypeError: Syntax error in URL Pattern: invalid regex start at 1"`},
		{`return fails(() => new URLPattern({pathname: "/(?a)"}))`,
			`"THROW TypeError: Syntax error in URL Pattern: invalid regex character at 2"`},
		{`return fails(() => new URLPattern({pathname: "/(a\\"}))`,
			`"THROW TypeError: Syntax error in URL Pattern: invalid escape character in regex at 3"`},
		{`return fails(() => new URLPattern({pathname: "/(a\\é)"}))`,
			`"THROW TypeError: Syntax error in URL Pattern: invalid escaped character in regex at 4"`},
		{`return fails(() => new URLPattern({pathname: "((a))"}))`,
			`"THROW TypeError: Syntax error in URL Pattern: invalid group in regex at 2"`},
		{`return fails(() => new URLPattern({pathname: "/(a("}))`,
			`"THROW TypeError: Syntax error in URL Pattern: invalid group in regex at 3"`},
		{`return fails(() => new URLPattern({pathname: "/{a"}))`,
			`"THROW TypeError: Syntax error in URL Pattern: Missing required close token"`},
		{`return fails(() => new URLPattern({pathname: "/a}"}))`,
			`"THROW TypeError: Syntax error in URL Pattern: Missing required end token"`},
		{`return fails(() => new URLPattern({pathname: "/(*)"}))`,
			`"THROW TypeError: Invalid regular expression syntax."`},
		{`return fails(() => new URLPattern({pathname: "/([[a-z]--a])"}))`,
			`"THROW TypeError: Invalid regular expression syntax."`},
		{`return fails(() => new URLPattern({port: "abc"}))`,
			`"THROW TypeError: Syntax error in URL Pattern"`},
		{`return fails(() => new URLPattern({protocol: "ht tp"}))`,
			`"THROW TypeError: Syntax error in URL Pattern"`},
		{`return fails(() => new URLPattern({hostname: "a b"}))`,
			`"THROW TypeError: Syntax error in URL Pattern"`},
		{`return fails(() => new URLPattern({pathname: "/()"}).pathname)`,
			`"/()"`},
		{`return fails(() => new URLPattern({}, "http://a").pathname)`,
			`"*"`},
		{`return fails(() => new URLPattern().test({}, "http://a"))`,
			`"THROW TypeError: A baseURL is not allowed when input is an object."`},
		{`return fails(() => new URLPattern().exec({port: "8a"}))`,
			`"THROW TypeError: Invalid URL port component"`},
		{`return fails(() => new URLPattern().exec({baseURL: "nope"}))`,
			`"THROW TypeError: Invalid base URL."`},
		{`return fails(() => new URLPattern().exec({hostname: "a b"}))`,
			`"THROW TypeError: Invalid URL hostname component"`},
		{`return fails(() => new URLPattern().exec({protocol: "1x"}))`,
			`"THROW TypeError: Invalid URL protocol component"`},
		{`return [typeof new URLPattern().hasRegExpGroups, "hasRegExpGroups" in URLPattern.prototype]`,
			`["undefined",false]`},
		{`return new URLPattern({pathname: "/foo/:bar?"}).exec("http://a/foo").pathname`,
			`{"input":"/foo","groups":{"bar":""}}`},
		{`return new URLPattern({pathname: "/:year/:month/:day"}).exec({pathname: "/1/2/3"}).pathname.groups`,
			`{"year":"1","month":"2","day":"3"}`},
		{`return [new URLPattern({pathname: "/foo"}).exec("/foo"), new URLPattern({pathname: "/foo"}).test("http://a/foo")]`,
			`[null,true]`},
		{`return ["protocol", "username", "password", "hostname", "port", "pathname", "search", "hash"].map((k) => new URLPattern("https://EX.com:443/a")[k])`,
			`["https","","","EX.com","443","/a","",""]`},
		{`return ["protocol", "username", "password", "hostname", "port", "pathname", "search", "hash"].map((k) => new URLPattern("/foo?bar", "https://u:p@ex.com:8080/base/p?q#h")[k])`,
			`["https","u","p","ex.com","8080","/foo","bar",""]`},
		{`return ["protocol", "username", "password", "hostname", "port", "pathname", "search", "hash"].map((k) => new URLPattern({pathname: "x", hostname: "A.COM", baseURL: "https://e.com/a/b?q#h"})[k])`,
			`["https","","","A.COM","","/a/x","q","h"]`},
		{`return [new URLPattern({hostname: "EX.com"}, {ignoreCase: true}).test({hostname: "ex.com"}), new URLPattern({protocol: "HTTP"}, {ignoreCase: true}).test("http://a")]`,
			`[true,true]`},
		{`return new URLPattern({pathname: "/:a:b"}).exec({pathname: "/foo"}).pathname.groups`,
			`{"a":"fo","b":"o"}`},
		{`return [new URLPattern({pathname: "{:foo}bar"}).pathname, new URLPattern({pathname: "/:foo\\bar"}).pathname]`,
			`[":foobar","/:foobar"]`},
		{`return new URLPattern().exec({pathname: "a/../b", hostname: "A.com", port: "0080", search: "a b", hash: "c d"})`,
			`{"inputs":[{"hostname":"A.com","port":"0080","pathname":"a/../b","search":"a b","hash":"c d"}],"protocol":{"input":"","groups":{"0":""}},"username":{"input":"","groups":{"0":""}},"password":{"input":"","groups":{"0":""}},"hostname":{"input":"A.com","groups":{"0":"A.com"}},"port":{"input":"80","groups":{"0":"80"}},"pathname":{"input":"/b","groups":{"0":"/b"}},"search":{"input":"a%20b","groups":{"0":"a%20b"}},"hash":{"input":"c%20d","groups":{"0":"c%20d"}}}`},
	} {
		if got := iso.eval(t, prelude+c.src); got != c.want {
			t.Errorf("%s\n got  %s\n want %s", c.src, got, c.want)
		}
	}
}
