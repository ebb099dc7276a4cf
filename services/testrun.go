package services

// `nanod test`: runs the test() handlers of a config's workers as `workerd test` does, with
// workerd's "[ TEST ] / [ PASS ] / [ FAIL ]" lines on stderr, plus JUnit and TAP reports and
// services spread over several loops.

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nanod-runtime/nanod/config"
	"github.com/nanod-runtime/nanod/isolate"
)

// TestFilter selects the tests to run: `[const:]service-glob[:entrypoint-glob]`. The globs
// accept `*`, `?` and `[...]` classes; the default export's entrypoint name is "default".
type TestFilter struct {
	Const      string // the Config const; "" = the config's only one
	Service    string // glob over service names
	Entrypoint string // glob over entrypoint names
}

// ParseTestFilter parses workerd's test filter syntax; "" selects everything.
func ParseTestFilter(s string) (TestFilter, error) {
	f := TestFilter{Service: "*", Entrypoint: "*"}
	if s == "" {
		return f, nil
	}
	parts := strings.Split(s, ":")
	switch len(parts) {
	case 1:
		f.Service = parts[0]
	case 2:
		f.Service, f.Entrypoint = parts[0], parts[1]
	case 3:
		f.Const, f.Service, f.Entrypoint = parts[0], parts[1], parts[2]
	default:
		return f, errors.New("Too many colons.")
	}
	return f, nil
}

// globMatch reports whether name matches pattern: `*` is any run of characters, `?` any one
// character, `[abc]`, `[a-z]` and `[!a]` (or `[^a]`) a class; everything else is literal.
func globMatch(pattern, name string) bool {
	p, n := []rune(pattern), []rune(name)
	// Iterative matching with backtracking to the last star.
	pi, ni, starP, starN := 0, 0, -1, 0
	for ni < len(n) {
		if pi < len(p) {
			switch p[pi] {
			case '*':
				starP, starN = pi, ni
				pi++
				continue
			case '?':
				pi++
				ni++
				continue
			case '[':
				if ok, next, valid := matchClass(p, pi, n[ni]); valid {
					if ok {
						pi, ni = next, ni+1
						continue
					}
				} else if n[ni] == '[' { // an unterminated class is a literal '['
					pi++
					ni++
					continue
				}
			default:
				if p[pi] == n[ni] {
					pi++
					ni++
					continue
				}
			}
		}
		if starP < 0 {
			return false
		}
		starN++
		pi, ni = starP+1, starN
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

// matchClass matches c against the class starting at p[i] == '['. It returns whether c is in
// it, the index after the class, and whether the class is well-formed.
func matchClass(p []rune, i int, c rune) (bool, int, bool) {
	j := i + 1
	neg := false
	if j < len(p) && (p[j] == '!' || p[j] == '^') {
		neg = true
		j++
	}
	in := false
	first := true
	for ; j < len(p); j++ {
		if p[j] == ']' && !first {
			return in != neg, j + 1, true
		}
		first = false
		lo := p[j]
		if j+2 < len(p) && p[j+1] == '-' && p[j+2] != ']' {
			if lo <= c && c <= p[j+2] {
				in = true
			}
			j += 2
			continue
		}
		if lo == c {
			in = true
		}
	}
	return false, 0, false
}

// TestOptions configure RunTests.
type TestOptions struct {
	Filter TestFilter
	// Parallel is how many services run at once, each on its own loop (tests of one service
	// always run in order); <= 1 runs everything in config order on one loop, as workerd does.
	Parallel int
	// Timeout fails a test that has not settled after this long (0 = wait forever). It also
	// bounds a single turn of JS (a synchronous endless loop) when the service has no CPU limit.
	Timeout time.Duration
	// Quiet (`--no-verbose`) leaves out the exceptions of failed tests.
	Quiet        bool
	Experimental bool
	// TAP writes a TAP version 13 report to Stdout; workers' console.log output then goes into
	// it as "# " comment lines.
	TAP    bool
	Stdout io.Writer // workers' console.log output (and TAP); nil = os.Stdout
	Stderr io.Writer // the test lines and workers' console.warn/error; nil = os.Stderr
	Logger *slog.Logger
}

// TestResult is the outcome of one test.
type TestResult struct {
	Name       string // "service" for the default export, else "service:entrypoint"
	Service    string
	Entrypoint string // "default" or the export's name
	Passed     bool
	Duration   time.Duration
	Error      string // for a failure: the exception's stack, or why it failed
	Stdout     string // the worker's console output while the test ran
	Stderr     string
	jsError    bool // Error is a JS exception's stack
}

// TestReport is the outcome of a run: every test, in config order.
type TestReport struct {
	Results  []TestResult
	Start    time.Time
	Duration time.Duration
}

// Passed counts the tests that passed.
func (r *TestReport) Passed() int {
	n := 0
	for _, t := range r.Results {
		if t.Passed {
			n++
		}
	}
	return n
}

// Failed counts the tests that failed.
func (r *TestReport) Failed() int { return len(r.Results) - r.Passed() }

// OK is workerd's verdict: at least one test ran and none failed.
func (r *TestReport) OK() bool { return r.Passed() > 0 && r.Failed() == 0 }

// RunTests runs the test() handlers of cfg's workers. Every worker is loaded first, so a worker
// that fails to start fails the run (with that error) before any test, as in workerd. Then, for
// each service matching the filter in config order, the default export's test() runs as test
// "service" and each named export's as "service:name". Service-worker syntax workers have no
// tests (workerd skips them too). The report's lines go to opts.Stderr as the tests run.
func RunTests(cfg *config.Config, opts TestOptions) (*TestReport, error) {
	r := &testRunner{cfg: cfg, opts: opts, start: time.Now()}
	if r.opts.Stdout == nil {
		r.opts.Stdout = os.Stdout
	}
	if r.opts.Stderr == nil {
		r.opts.Stderr = os.Stderr
	}
	if r.opts.Logger == nil {
		r.opts.Logger = slog.New(slog.NewTextHandler(lockedWriter{&r.outMu, r.opts.Stderr}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	// The runtime logs a worker that fails to start; RunTests reports that error itself.
	r.opts.Logger = slog.New(dropStartFailures{r.opts.Logger.Handler()})
	r.live = r.opts.Parallel <= 1 && !r.opts.TAP
	if r.opts.TAP {
		r.printf(r.opts.Stdout, "TAP version 13\n")
	}

	var candidates []*config.Service
	for _, s := range cfg.Services {
		if s.Kind != config.KindWorker || !globMatch(r.opts.Filter.Service, s.Name) {
			continue
		}
		if !s.Worker.IsModules() && s.Worker.Inherit == "" {
			continue // "Tests are not currently supported with Service Workers syntax."
		}
		candidates = append(candidates, s)
	}

	first, err := r.newSlot()
	if err != nil {
		return nil, err
	}
	slots := []*testSlot{first}
	defer func() {
		for _, s := range slots {
			s.close()
			if !r.live {
				r.emitLoose(s.takeOutput(nil))
			}
		}
	}()
	if err := first.startAll(); err != nil {
		if o := first.takeOutput(nil); !r.live { // live output is out already
			r.emitLoose(o)
		}
		if r.opts.TAP {
			r.printf(r.opts.Stdout, "Bail out! %s\n", firstLine(err.Error()))
		}
		return nil, err
	}
	n := min(max(r.opts.Parallel, 1), max(len(candidates), 1))
	for len(slots) < n {
		s, err := r.newSlot()
		if err != nil {
			return nil, err
		}
		slots = append(slots, s)
	}

	results := make([][]TestResult, len(candidates))
	next := make(chan int, len(candidates))
	for i := range candidates {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for _, s := range slots {
		wg.Add(1)
		go func(s *testSlot) {
			defer wg.Done()
			for i := range next {
				results[i] = s.runService(candidates[i].Name)
			}
		}(s)
	}
	wg.Wait()

	rep := &TestReport{Start: r.start, Duration: time.Since(r.start)}
	for _, rs := range results {
		rep.Results = append(rep.Results, rs...)
	}
	if len(rep.Results) == 0 {
		r.logLine("error", "No tests found!")
	}
	if r.opts.TAP {
		if len(rep.Results) == 0 {
			r.printf(r.opts.Stdout, "1..0 # No tests found!\n")
		} else {
			r.printf(r.opts.Stdout, "1..%d\n", len(rep.Results))
		}
	}
	return rep, nil
}

type testRunner struct {
	cfg   *config.Config
	opts  TestOptions
	start time.Time
	live  bool // console output is copied to Stdout/Stderr as it comes (one slot, no TAP)

	outMu  sync.Mutex // all writes to opts.Stdout and opts.Stderr
	tapNum int
}

func (r *testRunner) printf(w io.Writer, format string, args ...any) {
	r.outMu.Lock()
	defer r.outMu.Unlock()
	fmt.Fprintf(w, format, args...)
}

// logLine prints one line in the style of workerd's KJ log: "file:line: severity: text".
func (r *testRunner) logLine(severity, text string) {
	r.outMu.Lock()
	defer r.outMu.Unlock()
	io.WriteString(r.opts.Stderr, logPrefix(severity, 2)+text+"\n")
}

// logPrefix is "services/testrun.go:123: debug: ", naming the caller skip frames up.
func logPrefix(severity string, skip int) string {
	_, file, line, ok := runtime.Caller(skip)
	if !ok {
		return "nanod: " + severity + ": "
	}
	return path.Join(path.Base(path.Dir(file)), path.Base(file)) + ":" + strconv.Itoa(line) + ": " + severity + ": "
}

// FormatTestDuration formats d as kj does for workerd's test lines: the nanosecond count with a
// decimal point before the unit (s, ms, µs or ns) and no trailing zeros, e.g. "1.234567ms".
func FormatTestDuration(d time.Duration) string {
	ns := d.Nanoseconds()
	sign := ""
	if ns < 0 {
		sign, ns = "-", -ns
	}
	digits := strconv.FormatInt(ns, 10)
	unit, point := "ns", len(digits)
	switch {
	case ns >= 1e9:
		unit, point = "s", len(digits)-9
	case ns >= 1e6:
		unit, point = "ms", len(digits)-6
	case ns >= 1e3:
		unit, point = "µs", len(digits)-3
	}
	s := digits[:point]
	if frac := strings.TrimRight(digits[point:], "0"); frac != "" {
		s += "." + frac
	}
	return sign + s + unit
}

// testSlot is one loop running services' tests: its own Runtime (one loop), whose console
// output goes to files read back after each test, so a test's output stays with its block.
type testSlot struct {
	r          *testRunner
	rt         *Runtime
	loop       *isolate.Loop
	out, errs  *capture
	stopTicker func() // stops the live copying of output and waits for it
	// cpuFromTimeout: services whose CPU limit is the test timeout (they had none).
	cpuFromTimeout map[string]bool
}

func (r *testRunner) newSlot() (*testSlot, error) {
	s := &testSlot{r: r, cpuFromTimeout: map[string]bool{}}
	var err error
	if s.out, err = newCapture(); err != nil {
		return nil, err
	}
	if s.errs, err = newCapture(); err != nil {
		s.out.f.Close()
		return nil, err
	}
	if r.live {
		s.out.live = lockedWriter{&r.outMu, r.opts.Stdout}
		s.errs.live = lockedWriter{&r.outMu, r.opts.Stderr}
	}
	rt, err := Build(r.cfg, Options{Loops: 1, Logger: r.opts.Logger, Experimental: r.opts.Experimental,
		Stdout: s.out.f, Stderr: s.errs.f})
	if err != nil {
		s.out.f.Close()
		s.errs.f.Close()
		return nil, err
	}
	s.rt, s.loop = rt, rt.loops[0]
	if t := r.opts.Timeout; t > 0 {
		// A test stuck in one endless turn of JS cannot be timed out by a loop timer: bound the
		// turn's CPU time instead (the isolate is then condemned and replaced).
		for _, svc := range rt.services {
			if w, ok := svc.(*workerService); ok && w.limits.CPU == 0 {
				w.limits.CPU = t
				s.cpuFromTimeout[w.Name()] = true
			}
		}
	}
	if r.live {
		ctx, cancel := context.WithCancel(context.Background())
		stopped := make(chan struct{})
		s.stopTicker = func() { cancel(); <-stopped }
		go func() {
			defer close(stopped)
			tk := time.NewTicker(50 * time.Millisecond)
			defer tk.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-tk.C:
					s.out.poll()
					s.errs.poll()
				}
			}
		}()
	}
	return s, nil
}

func (s *testSlot) close() {
	if s.stopTicker != nil {
		s.stopTicker()
	}
	s.rt.Close()
	s.out.poll()
	s.errs.poll()
	s.out.f.Close()
	s.errs.f.Close()
}

// startAll loads every worker of the config on the slot's loop, in config order.
func (s *testSlot) startAll() error {
	for _, c := range s.r.cfg.Services {
		w, ok := s.rt.services[c.Name].(*workerService)
		if !ok {
			continue
		}
		if err := s.withIsolate(w, func(*isolate.Isolate) error { return nil }); err != nil {
			return fmt.Errorf("service %s: %w", c.Name, err)
		}
	}
	return nil
}

// withIsolate runs fn on the loop with w's isolate there (loading it first if needed) and waits.
func (s *testSlot) withIsolate(w *workerService, fn func(*isolate.Isolate) error) error {
	errc := make(chan error, 1)
	if !s.loop.Post(func() {
		w.withIsolate(s.loop, func(iso *isolate.Isolate, err error) {
			if err == nil {
				err = fn(iso)
			}
			errc <- err
		})
	}) {
		return errors.New("the event loop has stopped")
	}
	return <-errc
}

// runService runs the service's tests in order and reports each as it finishes.
func (s *testSlot) runService(name string) []TestResult {
	w, _ := s.rt.services[name].(*workerService)
	if w == nil {
		return nil
	}
	var entries []string
	err := s.withIsolate(w, func(iso *isolate.Isolate) error {
		var err error
		entries, err = iso.ListTests()
		return err
	})
	if err != nil {
		// The worker loaded on the first slot, but not here: report it as a failed test.
		res := TestResult{Name: name, Service: name, Entrypoint: "default", Error: describeTestError(err), jsError: isJSError(err)}
		if s.r.live {
			s.r.logLine("debug", "[ TEST ] "+res.Name)
		}
		s.report(&res, s.takeOutput(&res))
		return []TestResult{res}
	}
	var out []TestResult
	for _, e := range entries {
		if !globMatch(s.r.opts.Filter.Entrypoint, e) {
			continue
		}
		out = append(out, s.runTest(w, e))
	}
	return out
}

// errTestTimeout is a test that did not settle within TestOptions.Timeout.
type errTestTimeout struct{ limit time.Duration }

func (e errTestTimeout) Error() string {
	return fmt.Sprintf("test did not settle within %v (the --timeout); nanod canceled it", e.limit)
}

func (s *testSlot) runTest(w *workerService, entry string) TestResult {
	res := TestResult{Name: w.Name(), Service: w.Name(), Entrypoint: entry}
	if entry != "default" {
		res.Name += ":" + entry
	}
	// Output between tests (timers of earlier ones) is flushed before this test's block.
	pre := s.takeOutput(nil)
	if s.r.live {
		s.r.logLine("debug", "[ TEST ] "+res.Name)
	} else if len(pre.out)+len(pre.err) > 0 {
		s.r.emitLoose(pre)
	}
	start := time.Now()
	done := make(chan error, 1)
	timeout := s.r.opts.Timeout
	l := s.loop
	posted := l.Post(func() {
		settled := false
		var deadline, watch *isolate.Timer
		finish := func(err error) {
			if settled {
				return
			}
			settled = true
			l.StopTimer(deadline)
			l.StopTimer(watch)
			done <- err
		}
		w.withIsolate(l, func(iso *isolate.Isolate, err error) {
			if err != nil {
				finish(err)
				return
			}
			if timeout > 0 {
				deadline = l.AfterFunc(timeout, func() { finish(errTestTimeout{timeout}) })
			}
			// A condemned isolate (CPU or memory limit) never settles the test's promise.
			fail := finish
			finish = func(err error) {
				if b := iso.Broken(); err != nil && b != nil {
					err = s.limitError(w, b)
				}
				fail(err)
			}
			var check func()
			check = func() {
				if b := iso.Broken(); b != nil {
					finish(b)
					return
				}
				watch = l.AfterFunc(100*time.Millisecond, check)
			}
			watch = l.AfterFunc(100*time.Millisecond, check)
			iso.RunTest(entry, finish)
		})
	})
	var err error
	if posted {
		err = <-done
	} else {
		err = errors.New("the event loop has stopped")
	}
	res.Duration = time.Since(start)
	res.Passed = err == nil
	if err != nil {
		res.Error, res.jsError = describeTestError(err), isJSError(err)
	}
	s.report(&res, s.takeOutput(&res))
	return res
}

// limitError explains an isolate's limit error, saying when the CPU limit was the --timeout.
func (s *testSlot) limitError(w *workerService, err error) error {
	var le *isolate.LimitError
	if errors.As(err, &le) && le.Kind == "cpu" && s.cpuFromTimeout[w.Name()] {
		return fmt.Errorf("%w: one turn of JS ran longer than the --timeout (%v) without yielding", err, s.r.opts.Timeout)
	}
	return err
}

// isJSError reports whether err is an exception thrown by JS (rather than a limit or timeout).
func isJSError(err error) bool {
	var se *isolate.ScriptError
	return errors.As(err, &se)
}

// describeTestError is what a failure reports: the JS stack for an exception.
func describeTestError(err error) string {
	var se *isolate.ScriptError
	if errors.As(err, &se) && se.Stack != "" {
		return se.Stack
	}
	return err.Error()
}

type slotOutput struct{ out, err []byte }

// takeOutput reads the console output written so far and, for a test, records it in res.
func (s *testSlot) takeOutput(res *TestResult) slotOutput {
	s.out.poll()
	s.errs.poll()
	o := slotOutput{s.out.take(), s.errs.take()}
	if res != nil {
		res.Stdout, res.Stderr = string(o.out), string(o.err)
	}
	return o
}

// emitLoose writes console output that belongs to no test.
func (r *testRunner) emitLoose(o slotOutput) {
	r.outMu.Lock()
	defer r.outMu.Unlock()
	r.writeStdout(o.out)
	r.opts.Stderr.Write(o.err)
}

// writeStdout writes workers' console.log output: as is, or as TAP comments. Call with outMu.
func (r *testRunner) writeStdout(b []byte) {
	if len(b) == 0 {
		return
	}
	if !r.opts.TAP {
		r.opts.Stdout.Write(b)
		return
	}
	for _, line := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		fmt.Fprintf(r.opts.Stdout, "# %s\n", line)
	}
}

// report prints a finished test: its whole block at once (unless live, where the TEST line
// and the output went out already), then its TAP line.
func (s *testSlot) report(res *TestResult, o slotOutput) {
	r := s.r
	r.outMu.Lock()
	defer r.outMu.Unlock()
	stderr := r.opts.Stderr
	if !r.live {
		io.WriteString(stderr, logPrefix("debug", 1)+"[ TEST ] "+res.Name+"\n")
		r.writeStdout(o.out)
		stderr.Write(o.err)
	}
	verdict := "PASS"
	if !res.Passed {
		verdict = "FAIL"
		if !r.opts.Quiet {
			line := res.Error
			if res.jsError {
				line = failureLine(res.Error)
			}
			io.WriteString(stderr, logPrefix("info", 1)+line+"\n")
		}
	}
	io.WriteString(stderr, logPrefix("debug", 1)+"[ "+verdict+" ] "+res.Name+" ("+FormatTestDuration(res.Duration)+")\n")
	if r.opts.TAP {
		r.tapNum++
		w := r.opts.Stdout
		if res.Passed {
			fmt.Fprintf(w, "ok %d - %s\n", r.tapNum, res.Name)
		} else {
			fmt.Fprintf(w, "not ok %d - %s\n", r.tapNum, res.Name)
		}
		fmt.Fprintf(w, "  ---\n  duration_ms: %s\n", strconv.FormatFloat(float64(res.Duration.Nanoseconds())/1e6, 'f', 3, 64))
		if !res.Passed {
			fmt.Fprintf(w, "  message: %s\n", strconv.Quote(firstLine(res.Error)))
			fmt.Fprintf(w, "  stack: |-\n")
			for _, line := range strings.Split(res.Error, "\n") {
				fmt.Fprintf(w, "    %s\n", line)
			}
		}
		fmt.Fprintf(w, "  ...\n")
	}
}

// failureLine describes a failure as workerd's "uncaught exception" log line does.
func failureLine(stack string) string {
	if strings.Contains(stack, "\n    at ") || looksLikeErrorHead(firstLine(stack)) {
		return "uncaught exception; source = Uncaught; stack = " + stack
	}
	return "uncaught exception; source = Uncaught; exception = " + stack
}

// looksLikeErrorHead reports whether s starts like an Error's string form ("TypeError: x").
func looksLikeErrorHead(s string) bool {
	name, _, ok := strings.Cut(s, ":")
	return ok && errorName(name) != ""
}

// errorName is the identifier at the start of an error's first line ("AssertionError" for
// "AssertionError [ERR_ASSERTION]"), or "" if there is none.
func errorName(s string) string {
	s, _, _ = strings.Cut(s, " [")
	if s == "" {
		return ""
	}
	for i, c := range s {
		if !(c == '_' || c == '$' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || i > 0 && '0' <= c && c <= '9') {
			return ""
		}
	}
	if !strings.HasSuffix(s, "Error") && !strings.HasSuffix(s, "Exception") {
		return ""
	}
	return s
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// capture is a file a runtime writes console output to; poll reads what is new.
type capture struct {
	f    *os.File // the runtime writes here; already unlinked
	mu   sync.Mutex
	off  int64
	buf  []byte
	live io.Writer // when set, new output is copied here as soon as it is read
}

func newCapture() (*capture, error) {
	f, err := os.CreateTemp("", "nanod-test-*")
	if err != nil {
		return nil, err
	}
	os.Remove(f.Name())
	return &capture{f: f}, nil
}

// poll reads the output written since the last poll. Console writes are synchronous, so once a
// test's done callback has run, its output is all in the file.
func (c *capture) poll() {
	c.mu.Lock()
	defer c.mu.Unlock()
	var chunk [32 << 10]byte
	for {
		n, err := c.f.ReadAt(chunk[:], c.off)
		if n > 0 {
			c.off += int64(n)
			c.buf = append(c.buf, chunk[:n]...)
			if c.live != nil {
				c.live.Write(chunk[:n])
			}
		}
		if err != nil || n == 0 {
			return
		}
	}
}

// take returns and forgets the output read so far.
func (c *capture) take() []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	b := c.buf
	c.buf = nil
	return b
}

// lockedWriter serialises writes with the runner's other output.
type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// dropStartFailures drops the runtime's "worker failed to start" log: RunTests reports the
// error itself.
type dropStartFailures struct{ slog.Handler }

func (d dropStartFailures) Handle(ctx context.Context, r slog.Record) error {
	if r.Message == "worker failed to start" {
		return nil
	}
	return d.Handler.Handle(ctx, r)
}

func (d dropStartFailures) WithAttrs(as []slog.Attr) slog.Handler {
	return dropStartFailures{d.Handler.WithAttrs(as)}
}

func (d dropStartFailures) WithGroup(g string) slog.Handler {
	return dropStartFailures{d.Handler.WithGroup(g)}
}

// WriteJUnit writes the report as JUnit XML: one <testsuite> per service, one <testcase> per
// test, with the failure's stack and the console output of each test.
func (r *TestReport) WriteJUnit(w io.Writer) error {
	type failure struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr,omitempty"`
		Text    string `xml:",chardata"`
	}
	type testcase struct {
		Name      string   `xml:"name,attr"`
		Classname string   `xml:"classname,attr"`
		Time      string   `xml:"time,attr"`
		Failure   *failure `xml:"failure,omitempty"`
		SystemOut string   `xml:"system-out,omitempty"`
		SystemErr string   `xml:"system-err,omitempty"`
	}
	type testsuite struct {
		Name      string     `xml:"name,attr"`
		Tests     int        `xml:"tests,attr"`
		Failures  int        `xml:"failures,attr"`
		Errors    int        `xml:"errors,attr"`
		Skipped   int        `xml:"skipped,attr"`
		Time      string     `xml:"time,attr"`
		Timestamp string     `xml:"timestamp,attr"`
		Cases     []testcase `xml:"testcase"`
		dur       time.Duration
	}
	type testsuites struct {
		XMLName  xml.Name     `xml:"testsuites"`
		Name     string       `xml:"name,attr"`
		Tests    int          `xml:"tests,attr"`
		Failures int          `xml:"failures,attr"`
		Errors   int          `xml:"errors,attr"`
		Time     string       `xml:"time,attr"`
		Suites   []*testsuite `xml:"testsuite"`
	}
	secs := func(d time.Duration) string { return strconv.FormatFloat(d.Seconds(), 'f', 6, 64) }
	doc := testsuites{Name: "nanod test", Tests: len(r.Results), Failures: r.Failed(), Time: secs(r.Duration)}
	byName := map[string]*testsuite{}
	for _, t := range r.Results {
		s := byName[t.Service]
		if s == nil {
			s = &testsuite{Name: t.Service, Timestamp: r.Start.UTC().Format("2006-01-02T15:04:05")}
			byName[t.Service] = s
			doc.Suites = append(doc.Suites, s)
		}
		c := testcase{Name: t.Name, Classname: t.Service, Time: secs(t.Duration),
			SystemOut: t.Stdout, SystemErr: t.Stderr}
		if !t.Passed {
			s.Failures++
			c.Failure = &failure{Message: firstLine(t.Error), Type: errorName(strings.TrimSpace(strings.SplitN(firstLine(t.Error), ":", 2)[0])), Text: t.Error}
		}
		s.Tests++
		s.dur += t.Duration
		s.Cases = append(s.Cases, c)
	}
	for _, s := range doc.Suites {
		s.Time = secs(s.dur)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
