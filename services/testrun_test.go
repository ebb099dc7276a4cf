package services_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/nanod-runtime/nanod/config"
	"github.com/nanod-runtime/nanod/isolate"
	"github.com/nanod-runtime/nanod/services"
)

// testConfig writes a config whose services are workers with the given main modules (in
// order), each with nodejs_compat and unsafe_module, and returns its path.
func testConfig(t *testing.T, workers ...[2]string) string {
	t.Helper()
	dir := t.TempDir()
	var svcs []string
	for i, w := range workers {
		name, src := w[0], w[1]
		file := fmt.Sprintf("w%d.js", i)
		if err := os.WriteFile(filepath.Join(dir, file), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(src, "//sw\n") {
			svcs = append(svcs, fmt.Sprintf(`(name = %q, worker = (serviceWorkerScript = embed %q))`, name, file))
			continue
		}
		svcs = append(svcs, fmt.Sprintf(`(name = %q, worker = (modules = [(name = "worker", esModule = embed %q)], `+
			`compatibilityFlags = ["nodejs_compat", "nodejs_compat_v2", "unsafe_module"]))`, name, file))
	}
	cfg := "using Workerd = import \"/workerd/workerd.capnp\";\n" +
		"const unitTests :Workerd.Config = (\n  services = [\n    " + strings.Join(svcs, ",\n    ") + "\n  ],\n);\n"
	path := filepath.Join(dir, "test.wd-test")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

type testRun struct {
	rep            *services.TestReport
	stdout, stderr string
}

func runTests(t *testing.T, path string, opts services.TestOptions) testRun {
	t.Helper()
	cfg, err := config.Load(path, config.Options{CompatDate: "2024-01-01", Experimental: true, SkipAddressCheck: true, Const: opts.Filter.Const})
	if err != nil {
		t.Fatal(err)
	}
	if opts.Filter.Service == "" {
		opts.Filter.Service = "*"
	}
	if opts.Filter.Entrypoint == "" {
		opts.Filter.Entrypoint = "*"
	}
	var stdout, stderr bytes.Buffer
	opts.Stdout, opts.Stderr = &stdout, &stderr
	opts.Experimental = true
	rep, err := services.RunTests(cfg, opts)
	if err != nil {
		t.Fatalf("RunTests: %v\nstderr:\n%s", err, stderr.String())
	}
	if testing.Verbose() {
		t.Logf("stdout:\n%s\nstderr:\n%s", stdout.String(), stderr.String())
	}
	return testRun{rep, stdout.String(), stderr.String()}
}

func (r testRun) result(t *testing.T, name string) services.TestResult {
	t.Helper()
	for _, res := range r.rep.Results {
		if res.Name == name {
			return res
		}
	}
	t.Fatalf("no test %q in %v", name, r.names())
	return services.TestResult{}
}

func (r testRun) names() []string {
	var out []string
	for _, res := range r.rep.Results {
		out = append(out, res.Name)
	}
	return out
}

const outcomesJS = `
import assert from "node:assert";
import { WorkerEntrypoint } from "cloudflare:workers";
export default { async test(ctrl, env, ctx) { console.log("default ran"); } };
export const passing = { test() { assert.strictEqual(1 + 1, 2); } };
export const failing = { test() { assert.strictEqual(1, 2); } };
export const throwing = { test() { throw new TypeError("sync boom"); } };
export const rejecting = { async test() { await null; throw new RangeError("async boom"); } };
export const waitUntilRejects = { test(ctrl, env, ctx) { ctx.waitUntil(Promise.reject(new Error("background boom"))); } };
export const waitUntilWaits = { test(ctrl, env, ctx) {
  ctx.waitUntil(new Promise((r) => setTimeout(r, 50)).then(() => console.log("waitUntil done")));
} };
export const hanging = { test() { return new Promise(() => {}); } };
export class ClassBased extends WorkerEntrypoint { async test() { assert.ok(this.env !== undefined); console.error("class ran"); } }
export const noTest = { fetch() { return new Response("x"); } };
`

var (
	testLine = regexp.MustCompile(`(?m)^services/testrun\.go:\d+: debug: \[ TEST \] (\S+)$`)
	doneLine = regexp.MustCompile(`(?m)^services/testrun\.go:\d+: debug: \[ (PASS|FAIL) \] (\S+) \((\d+(\.\d+)?(s|ms|µs|ns))\)$`)
)

func TestRunTestsOutcomes(t *testing.T) {
	path := testConfig(t, [2]string{"svc", outcomesJS})
	r := runTests(t, path, services.TestOptions{Timeout: 500 * time.Millisecond})

	want := []string{"svc", "svc:ClassBased", "svc:failing", "svc:hanging", "svc:passing", "svc:rejecting",
		"svc:throwing", "svc:waitUntilRejects", "svc:waitUntilWaits"}
	if got := r.names(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("tests = %v, want %v (default first, then named exports in order)", got, want)
	}
	passed := map[string]bool{"svc": true, "svc:ClassBased": true, "svc:passing": true, "svc:waitUntilWaits": true}
	for _, res := range r.rep.Results {
		if res.Passed != passed[res.Name] {
			t.Errorf("%s: passed = %v, want %v (error %q)", res.Name, res.Passed, passed[res.Name], res.Error)
		}
	}
	for name, want := range map[string]string{
		"svc:failing":          "AssertionError [ERR_ASSERTION]: Values are not strictly equal:",
		"svc:throwing":         "TypeError: sync boom",
		"svc:rejecting":        "RangeError: async boom",
		"svc:waitUntilRejects": "Error: background boom",
		"svc:hanging":          "did not settle within 500ms",
	} {
		if res := r.result(t, name); !strings.Contains(res.Error, want) {
			t.Errorf("%s: error %q does not contain %q", name, res.Error, want)
		}
	}
	if d := r.result(t, "svc:hanging").Duration; d < 500*time.Millisecond || d > 5*time.Second {
		t.Errorf("hanging test took %v, want about the 500ms timeout", d)
	}
	if r.rep.OK() || r.rep.Passed() != 4 || r.rep.Failed() != 5 {
		t.Errorf("OK=%v passed=%d failed=%d, want false 4 5", r.rep.OK(), r.rep.Passed(), r.rep.Failed())
	}
	if got := r.result(t, "svc").Stdout; got != "default ran\n" {
		t.Errorf("default test's stdout = %q", got)
	}
	if got := r.result(t, "svc:ClassBased").Stderr; got != "class ran\n" {
		t.Errorf("class test's stderr = %q", got)
	}
	if got := r.result(t, "svc:waitUntilWaits").Stdout; got != "waitUntil done\n" {
		t.Errorf("the test ended before its waitUntil: stdout = %q", got)
	}

	// The stderr report: each test's TEST line, then its PASS/FAIL line with a kj duration; the
	// exception of a failure printed in between.
	tests := testLine.FindAllStringSubmatch(r.stderr, -1)
	dones := doneLine.FindAllStringSubmatch(r.stderr, -1)
	if len(tests) != len(want) || len(dones) != len(want) {
		t.Fatalf("%d TEST and %d PASS/FAIL lines, want %d each:\n%s", len(tests), len(dones), len(want), r.stderr)
	}
	for i, name := range want {
		verdict := "FAIL"
		if passed[name] {
			verdict = "PASS"
		}
		if tests[i][1] != name || dones[i][2] != name || dones[i][1] != verdict {
			t.Errorf("line %d: TEST %s, %s %s; want %s %s", i, tests[i][1], dones[i][1], dones[i][2], name, verdict)
		}
	}
	if !strings.Contains(r.stderr, "info: uncaught exception; source = Uncaught; stack = TypeError: sync boom\n    at ") {
		t.Errorf("the failure's stack is not printed:\n%s", r.stderr)
	}
	if strings.Contains(r.stdout, "class ran") || !strings.Contains(r.stderr, "class ran") {
		t.Errorf("console.error output should go to stderr")
	}
}

func TestRunTestsQuiet(t *testing.T) {
	path := testConfig(t, [2]string{"q", `export default { test() { throw new Error("quiet boom"); } };`})
	r := runTests(t, path, services.TestOptions{Quiet: true})
	if strings.Contains(r.stderr, "info: uncaught exception") {
		t.Errorf("--no-verbose printed the exception:\n%s", r.stderr)
	}
	if !strings.Contains(r.stderr, "[ FAIL ] q (") {
		t.Errorf("no FAIL line:\n%s", r.stderr)
	}
}

func TestRunTestsEndlessLoop(t *testing.T) {
	// A synchronous endless loop never yields to the loop's timers: the turn's CPU time is
	// bounded by the timeout instead, the isolate is replaced, and later tests still run.
	path := testConfig(t, [2]string{"spin", `
export const a = { test() { for (;;) {} } };
export const b = { test() {} };
`})
	start := time.Now()
	r := runTests(t, path, services.TestOptions{Timeout: 300 * time.Millisecond})
	if time.Since(start) > 20*time.Second {
		t.Fatalf("took %v", time.Since(start))
	}
	if res := r.result(t, "spin:a"); res.Passed || !strings.Contains(res.Error, "CPU") {
		t.Errorf("spin:a passed=%v error=%q, want a CPU limit failure", res.Passed, res.Error)
	}
	if res := r.result(t, "spin:b"); !res.Passed {
		t.Errorf("spin:b failed after the endless loop: %s", res.Error)
	}
}

func TestRunTestsFilters(t *testing.T) {
	path := testConfig(t,
		[2]string{"alpha", `export default { test() {} }; export const one = { test() {} }; export const two = { test() {} };`},
		[2]string{"beta", `export default { test() {} }; export const one = { test() {} };`},
		[2]string{"sw", "//sw\naddEventListener('fetch', (e) => e.respondWith(new Response('x')));"},
		[2]string{"gamma", `export const other = { fetch() {} };`},
	)
	for _, tc := range []struct {
		filter string
		want   string
	}{
		{"", "alpha,alpha:one,alpha:two,beta,beta:one"},
		{"beta", "beta,beta:one"},
		{"*:one", "alpha:one,beta:one"},
		{"?lpha:t*", "alpha:two"},
		{"*:default", "alpha,beta"},
		{"[ab]*:[!d]*", "alpha:one,alpha:two,beta:one"},
		{"unitTests:a*:o?e", "alpha:one"},
		{"sw", ""},
		{"gamma", ""},
		{"nothing", ""},
	} {
		f, err := services.ParseTestFilter(tc.filter)
		if err != nil {
			t.Fatal(err)
		}
		r := runTests(t, path, services.TestOptions{Filter: f})
		if got := strings.Join(r.names(), ","); got != tc.want {
			t.Errorf("filter %q: tests %q, want %q", tc.filter, got, tc.want)
		}
		if tc.want == "" {
			if r.rep.OK() || !strings.Contains(r.stderr, "error: No tests found!") {
				t.Errorf("filter %q: no tests should fail the run with \"No tests found!\":\n%s", tc.filter, r.stderr)
			}
		} else if !r.rep.OK() {
			t.Errorf("filter %q: run failed:\n%s", tc.filter, r.stderr)
		}
	}
}

func TestParseTestFilter(t *testing.T) {
	for in, want := range map[string]services.TestFilter{
		"":      {Service: "*", Entrypoint: "*"},
		"svc":   {Service: "svc", Entrypoint: "*"},
		"s*:e?": {Service: "s*", Entrypoint: "e?"},
		"c:s:e": {Const: "c", Service: "s", Entrypoint: "e"},
	} {
		got, err := services.ParseTestFilter(in)
		if err != nil || got != want {
			t.Errorf("ParseTestFilter(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	if _, err := services.ParseTestFilter("a:b:c:d"); err == nil || err.Error() != "Too many colons." {
		t.Errorf("four parts: err = %v, want \"Too many colons.\"", err)
	}
}

func TestFormatTestDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0:                        "0ns",
		999:                      "999ns",
		1000:                     "1µs",
		265710:                   "265.71µs",
		87260:                    "87.26µs",
		1010491:                  "1.010491ms",
		1000000:                  "1ms",
		3001921384:               "3.001921384s",
		12 * time.Second:         "12s",
		90*time.Second + 5000000: "90.005s",
	} {
		if got := services.FormatTestDuration(d); got != want {
			t.Errorf("FormatTestDuration(%d) = %q, want %q", int64(d), got, want)
		}
	}
}

func TestRunTestsLoadFailure(t *testing.T) {
	path := testConfig(t,
		[2]string{"good", `export default { test() {} };`},
		[2]string{"bad", `throw new Error("top-level boom"); export default { test() {} };`},
	)
	cfg, err := config.Load(path, config.Options{CompatDate: "2024-01-01", Experimental: true, SkipAddressCheck: true})
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	_, err = services.RunTests(cfg, services.TestOptions{Filter: services.TestFilter{Service: "*", Entrypoint: "*"}, Stderr: &stderr, Stdout: &stderr})
	if err == nil || !strings.Contains(err.Error(), "service bad") || !strings.Contains(err.Error(), "top-level boom") {
		t.Fatalf("err = %v, want the bad worker's start-up error", err)
	}
	if strings.Contains(stderr.String(), "[ TEST ]") {
		t.Errorf("tests ran although a worker failed to start:\n%s", stderr.String())
	}
}

func TestRunTestsJUnit(t *testing.T) {
	path := testConfig(t,
		[2]string{"one", `export default { test() { console.log("out <&> one"); } };
export const bad = { test() { throw new TypeError("bad & <wrong>"); } };`},
		[2]string{"two", `export const ok = { test() {} };`},
	)
	r := runTests(t, path, services.TestOptions{})
	var buf bytes.Buffer
	if err := r.rep.WriteJUnit(&buf); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		XMLName  xml.Name `xml:"testsuites"`
		Tests    int      `xml:"tests,attr"`
		Failures int      `xml:"failures,attr"`
		Suites   []struct {
			Name     string `xml:"name,attr"`
			Tests    int    `xml:"tests,attr"`
			Failures int    `xml:"failures,attr"`
			Cases    []struct {
				Name      string  `xml:"name,attr"`
				Classname string  `xml:"classname,attr"`
				Time      float64 `xml:"time,attr"`
				Failure   *struct {
					Message string `xml:"message,attr"`
					Type    string `xml:"type,attr"`
					Text    string `xml:",chardata"`
				} `xml:"failure"`
				SystemOut string `xml:"system-out"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("JUnit XML does not parse: %v\n%s", err, buf.String())
	}
	if doc.Tests != 3 || doc.Failures != 1 || len(doc.Suites) != 2 {
		t.Fatalf("tests=%d failures=%d suites=%d:\n%s", doc.Tests, doc.Failures, len(doc.Suites), buf.String())
	}
	one := doc.Suites[0]
	if one.Name != "one" || one.Tests != 2 || one.Failures != 1 || len(one.Cases) != 2 {
		t.Fatalf("suite one: %+v", one)
	}
	if c := one.Cases[0]; c.Name != "one" || c.Classname != "one" || c.Failure != nil || c.SystemOut != "out <&> one\n" {
		t.Errorf("case one: %+v", c)
	}
	c := one.Cases[1]
	if c.Name != "one:bad" || c.Failure == nil || c.Failure.Message != "TypeError: bad & <wrong>" || c.Failure.Type != "TypeError" ||
		!strings.Contains(c.Failure.Text, "    at ") {
		t.Errorf("case one:bad: %+v", c)
	}
	if s := doc.Suites[1]; s.Name != "two" || len(s.Cases) != 1 || s.Cases[0].Name != "two:ok" || s.Cases[0].Failure != nil {
		t.Errorf("suite two: %+v", s)
	}
}

func TestRunTestsTAP(t *testing.T) {
	path := testConfig(t, [2]string{"tap", `
export default { test() { console.log("hello\nworld"); } };
export const fails = { test() { throw new Error("nope"); } };
`})
	r := runTests(t, path, services.TestOptions{TAP: true})
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if lines[0] != "TAP version 13" || lines[len(lines)-1] != "1..2" {
		t.Fatalf("TAP stream:\n%s", r.stdout)
	}
	for _, want := range []string{"# hello\n# world\nok 1 - tap\n", "not ok 2 - tap:fails\n", "  message: \"Error: nope\"\n", "  stack: |-\n    Error: nope\n"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("TAP stream lacks %q:\n%s", want, r.stdout)
		}
	}
	for _, line := range lines {
		if line != "" && !strings.HasPrefix(line, "  ") && !strings.HasPrefix(line, "#") && !strings.HasPrefix(line, "ok ") &&
			!strings.HasPrefix(line, "not ok ") && line != "TAP version 13" && line != "1..2" {
			t.Errorf("not a TAP line: %q", line)
		}
	}
	// No tests: an empty plan.
	path = testConfig(t, [2]string{"none", `export default {};`})
	r = runTests(t, path, services.TestOptions{TAP: true})
	if r.stdout != "TAP version 13\n1..0 # No tests found!\n" {
		t.Errorf("TAP without tests:\n%s", r.stdout)
	}
}

func TestRunTestsParallel(t *testing.T) {
	// Three services, each with two tests of 300ms that log to stderr: with --parallel 3 they
	// overlap, and every test's block of lines stays together.
	var workers [][2]string
	for _, name := range []string{"p1", "p2", "p3"} {
		workers = append(workers, [2]string{name, `
const nap = () => new Promise((r) => setTimeout(r, 300));
export const a = { async test() { console.error("` + name + `:a start"); await nap(); console.error("` + name + `:a end"); } };
export const b = { async test() { console.error("` + name + `:b start"); await nap(); console.error("` + name + `:b end"); } };
`})
	}
	path := testConfig(t, workers...)
	start := time.Now()
	r := runTests(t, path, services.TestOptions{Parallel: 3})
	elapsed := time.Since(start)
	if !r.rep.OK() || len(r.rep.Results) != 6 {
		t.Fatalf("run: ok=%v, %d tests:\n%s", r.rep.OK(), len(r.rep.Results), r.stderr)
	}
	if got := strings.Join(r.names(), ","); got != "p1:a,p1:b,p2:a,p2:b,p3:a,p3:b" {
		t.Errorf("results not in config order: %s", got)
	}
	if elapsed > 1500*time.Millisecond {
		t.Errorf("took %v: the services did not run in parallel (sequentially it is 1.8s)", elapsed)
	}
	// Each block: TEST line, its own start/end lines, PASS line.
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	if len(lines) != 24 {
		t.Fatalf("%d lines of stderr, want 24:\n%s", len(lines), r.stderr)
	}
	for i := 0; i < len(lines); i += 4 {
		m := testLine.FindStringSubmatch(lines[i])
		if m == nil {
			t.Fatalf("line %d is not a TEST line: %q\n%s", i, lines[i], r.stderr)
		}
		name := m[1]
		if lines[i+1] != name+" start" || lines[i+2] != name+" end" || !strings.Contains(lines[i+3], "[ PASS ] "+name+" (") {
			t.Errorf("block of %s is interleaved:\n%s", name, strings.Join(lines[i:i+4], "\n"))
		}
	}
}

const modulesJS = `
import assert, { AssertionError, strictEqual, deepStrictEqual } from "node:assert";
import bare from "assert";
import { mock, MockTracker } from "node:test";
import unsafe from "workerd:unsafe";

export const assertBasics = { async test() {
  assert.strictEqual(bare, assert);
  assert.strictEqual(assert.ok, assert);
  assert.strictEqual(assert.strict.strict, assert.strict);
  assert.strictEqual(strictEqual, assert.strictEqual);
  assert(true);
  assert.ok(1);
  assert.equal(NaN, NaN);
  assert.notStrictEqual(1, "1");
  assert.notEqual(1, "1"); // workerd's node:assert compares strictly
  deepStrictEqual({ a: [1, { b: new Map([[1, new Set([2])]]) }], d: new Date(5) }, { a: [1, { b: new Map([[1, new Set([2])]]) }], d: new Date(5) });
  assert.deepEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]));
  assert.notDeepStrictEqual({ a: 1 }, { a: "1" });
  assert.notDeepStrictEqual([1, , 3], [1, undefined, 3]);
  assert.notDeepStrictEqual(0, -0);
  const cyc1 = { n: 1 }; cyc1.self = cyc1;
  const cyc2 = { n: 1 }; cyc2.self = cyc2;
  assert.deepStrictEqual(cyc1, cyc2);
  assert.match("abc", /b/);
  assert.doesNotMatch("abc", /x/);
  assert.ifError(null);
  assert.throws(() => { throw new TypeError("x"); }, TypeError);
  assert.throws(() => { throw new TypeError("xyz"); }, { name: "TypeError", message: /y/ });
  assert.throws(() => { throw new Error("abc"); }, /abc/);
  assert.throws(() => { throw new Error("v"); }, (e) => e.message === "v");
  assert.doesNotThrow(() => {});
  await assert.rejects(Promise.reject(new RangeError("r")), RangeError);
  await assert.rejects(async () => { throw new Error("r2"); }, { message: "r2" });
  await assert.doesNotReject(Promise.resolve(1));
  assert.partialDeepStrictEqual({ a: 1, b: { c: 2, d: 3 } }, { b: { c: 2 } });

  const fails = (fn, re) => {
    try { fn(); } catch (e) {
      assert.ok(e instanceof AssertionError, "not an AssertionError: " + e);
      assert.strictEqual(e.code, "ERR_ASSERTION");
      assert.match(e.message, re);
      return e;
    }
    throw new Error("did not fail: " + fn);
  };
  let e = fails(() => assert.strictEqual(1, 2), /^Values are not strictly equal:\n\n\n\[Diff\] Actual \/ Expected\n\n\n-   1\n\+   2\n$/);
  assert.strictEqual(e.actual, 1);
  assert.strictEqual(e.expected, 2);
  assert.strictEqual(e.operator, "strictEqual");
  assert.strictEqual(String(e).split("\n")[0], "AssertionError [ERR_ASSERTION]: Values are not strictly equal:");
  assert.ok(e.stack.startsWith("AssertionError [ERR_ASSERTION]: Values are not strictly equal:"), e.stack);
  fails(() => assert.strictEqual({ a: 1 }, { a: 1 }), /^Values have the same structure but are not reference-equal:\n\n    \{ a: 1 \}\n$/);
  fails(() => assert.deepStrictEqual([1, 2, 3], [1, 2, 4]), /^Expected values to be strictly deep-equal:\n\+ actual - expected\n\n\+ \[ 1, 2, 3 \]\n- \[ 1, 2, 4 \]\n          \^$/);
  fails(() => assert.deepStrictEqual("abc", "abd"), /^Expected values to be strictly deep-equal:\n\n'abc' !== 'abd'\n$/);
  fails(() => assert.ok(0), /^0 == true$/);
  fails(() => assert.ok(), /^No value argument passed to .assert\.ok\(\).$/);
  fails(() => assert.strictEqual(1, 2, "custom"), /^custom$/);
  fails(() => assert.throws(() => {}), /^Missing expected exception\.$/);
  fails(() => assert.throws(() => { throw new TypeError("t"); }, RangeError), /^The error is expected to be an instance of "RangeError"\. Received "TypeError"\n\nError message:\n\nt$/);
  fails(() => assert.doesNotThrow(() => { throw new Error("boom"); }), /^Got unwanted exception\.\nActual message: "boom"$/);
  fails(() => assert.match("abc", /x/), /^actual: "abc" expected to match: "\/x\/"$/);
  fails(() => assert.fail(), /^Failed$/);
  fails(() => assert.fail("boom"), /^boom$/);
  fails(() => assert.ifError(new Error("iferr")), /^ifError got unwanted exception: iferr$/);
  fails(() => assert.notStrictEqual(1, 1), /^Expected actual to be strictly unequal to expected$/);
  await assert.rejects(assert.rejects(Promise.resolve()), /Missing expected rejection\./);
  assert.throws(() => assert.throws(1), { name: "TypeError", code: "ERR_INVALID_ARG_TYPE" });
  assert.throws(() => assert.fail(new RangeError("own")), RangeError);
  e = new AssertionError({ actual: 1, expected: 2, operator: "strictEqual" });
  assert.strictEqual(e.message, "Expected values to be strictly equal:\n\n1 !== 2\n");
  assert.strictEqual(e.generatedMessage, true);
} };

export const nodeTestMock = { test() {
  assert.ok(mock instanceof MockTracker);
  const add = mock.fn((a, b) => a + b);
  assert.strictEqual(add(1, 2), 3);
  assert.strictEqual(add.mock.callCount(), 1);
  assert.deepStrictEqual(add.mock.calls[0].arguments, [1, 2]);
  assert.strictEqual(add.mock.calls[0].result, 3);
  add.mock.mockImplementation(() => 42);
  assert.strictEqual(add(), 42);
  add.mock.mockImplementationOnce(() => 7);
  assert.strictEqual(add(), 7);
  assert.strictEqual(add(), 42);
  add.mock.resetCalls();
  assert.strictEqual(add.mock.callCount(), 0);
  const thrower = mock.fn(() => { throw new Error("x"); });
  assert.throws(() => thrower());
  assert.strictEqual(thrower.mock.calls[0].error.message, "x");
  const obj = { m(x) { return x * 2; } };
  const m = mock.method(obj, "m");
  assert.strictEqual(obj.m(3), 6);
  assert.strictEqual(m.mock.calls[0].this, obj);
  const limited = mock.fn(() => "orig", () => "mocked", { times: 1 });
  assert.strictEqual(limited(), "mocked");
  assert.strictEqual(limited(), "orig");
  mock.restoreAll();
  assert.notStrictEqual(obj.m, m);
  assert.strictEqual(obj.m(4), 8);
  mock.reset();
} };

export const unsafeModule = { async test() {
  assert.strictEqual(await unsafe.abortAllDurableObjects(), undefined);
  assert.strictEqual(await unsafe.deleteAllDurableObjects(), undefined);
  assert.strictEqual(unsafe.isTestAutogateEnabled(), false);
  await assert.rejects(unsafe.evict({}), TypeError);
} };
`

func TestBuiltinTestModules(t *testing.T) {
	path := testConfig(t, [2]string{"mods", modulesJS})
	r := runTests(t, path, services.TestOptions{})
	if !r.rep.OK() || len(r.rep.Results) != 3 {
		for _, res := range r.rep.Results {
			if !res.Passed {
				t.Errorf("%s: %s", res.Name, res.Error)
			}
		}
		t.Fatalf("ok=%v, %d tests", r.rep.OK(), len(r.rep.Results))
	}
}

func TestUnsafeModuleNeedsFlag(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "w.js"), []byte(`
export default { async test() {
  let err;
  try { await import("workerd:unsafe"); } catch (e) { err = e; }
  if (!err || err.message !== 'No such module "workerd:unsafe".') throw new Error("workerd:unsafe without its flag: " + err);
} };`), 0o644)
	os.WriteFile(filepath.Join(dir, "c.wd-test"), []byte(`using Workerd = import "/workerd/workerd.capnp";
const t :Workerd.Config = (services = [(name = "u", worker = (modules = [(name = "w", esModule = embed "w.js")]))]);
`), 0o644)
	r := runTests(t, filepath.Join(dir, "c.wd-test"), services.TestOptions{})
	if !r.rep.OK() {
		t.Fatalf("%s", r.stderr)
	}
}

func TestRunTestsExposeGC(t *testing.T) {
	// --predictable: gc() exists in isolates created after the flag is set.
	isolate.SetV8Flags("--expose-gc")
	path := testConfig(t, [2]string{"gc", `export default { test() { if (typeof gc !== "function") throw new Error("no gc"); gc(); } };`})
	r := runTests(t, path, services.TestOptions{})
	if !r.rep.OK() {
		t.Fatalf("gc test failed:\n%s", r.stderr)
	}
}
