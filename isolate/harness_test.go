package isolate

import (
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"rogchap.com/v8go"
)

// The test binary's main goroutine stays on the main thread, away from V8 (see cmd/nanod).
func init() { runtime.LockOSThread() }

var (
	testLoopOnce sync.Once
	testLoop     *Loop
)

func sharedLoop() *Loop {
	testLoopOnce.Do(func() { testLoop = NewLoop(0) })
	return testLoop
}

// newTestIsolate makes an isolate with the runtime on the shared test loop; console output is
// collected in the returned log.
func newTestIsolate(t testing.TB) (*Isolate, *testLog) {
	t.Helper()
	lg := &testLog{}
	var iso *Isolate
	var err error
	sharedLoop().Call(func() {
		iso, err = sharedLoop().NewIsolate(Options{Name: "test", Log: lg.add})
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sharedLoop().Call(iso.Dispose) })
	return iso, lg
}

type testLog struct {
	mu    sync.Mutex
	lines []string
}

func (l *testLog) add(level Level, msg string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, level.String()+": "+msg)
}

func (l *testLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

// runJS runs src as the body of an async function in a fresh isolate with the runtime and
// returns JSON.stringify of its result, or the thrown error as "throws Name: message".
func runJS(t testing.TB, src string) string {
	t.Helper()
	iso, _ := newTestIsolate(t)
	return iso.eval(t, src)
}

// eval runs src (an async function body) in i and waits up to 10 s for its result.
func (i *Isolate) eval(t testing.TB, src string) string {
	t.Helper()
	type result struct {
		s   string
		err error
	}
	ch := make(chan result, 1)
	wrapped := "(async () => {\n" + src + "\n})().then(v => JSON.stringify(v === undefined ? null : v), e => 'throws ' + (e && e.name ? e.name + ': ' + e.message : String(e)))"
	i.Loop.Post(func() {
		v, err := i.ctx.RunScript(wrapped, "test.js")
		if err != nil {
			ch <- result{err: jsError(err)}
			return
		}
		i.await(v, func(r *v8go.Value, err error) {
			if err != nil {
				ch <- result{err: err}
				return
			}
			ch <- result{s: r.String()}
		})
		i.afterTurn()
	})
	select {
	case r := <-ch:
		if r.err != nil {
			t.Fatalf("script error: %v", r.err)
		}
		return r.s
	case <-time.After(10 * time.Second):
		t.Fatalf("script did not settle within 10s")
	}
	return ""
}

// check runs a table of JS snippets, each expected to produce want.
func check(t *testing.T, cases map[string]string) {
	t.Helper()
	iso, _ := newTestIsolate(t)
	for src, want := range cases {
		if got := iso.eval(t, src); got != want {
			t.Errorf("%s\n got  %s\n want %s", src, got, want)
		}
	}
}
