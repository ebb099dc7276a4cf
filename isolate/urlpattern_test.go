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
