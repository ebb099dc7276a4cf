package v8ext

import (
	"fmt"
	"os"
	"runtime"
	"testing"

	"rogchap.com/v8go"
)

// The main goroutine owns the main thread, so that no goroutine doing V8 work
// can run there (V8 calls on the main thread cost ~45 µs each).
func init() { runtime.LockOSThread() }

func TestMain(m *testing.M) {
	v8go.SetFlags("--expose-gc")
	os.Exit(m.Run())
}

// env is an isolate with the extension attached and one bound context.
type env struct {
	t   testing.TB
	iso *v8go.Isolate
	ext *Ext
	ctx *v8go.Context
	id  int
}

// newEnv locks the test goroutine to its thread (tests never run on the main
// thread, which init locked) and tears everything down in the right order.
func newEnv(t testing.TB, heapMB int, opts Options) *env {
	t.Helper()
	runtime.LockOSThread()
	iso := NewIsolate(heapMB)
	v := &env{t: t, iso: iso, ext: Attach(iso, opts)}
	v.ctx = v8go.NewContext(iso)
	id, err := v.ext.BindContext(v.ctx)
	if err != nil {
		t.Fatal(err)
	}
	v.id = id
	t.Cleanup(func() {
		v.ext.UnbindContext(v.id)
		v.ctx.Close()
		v.ext.Detach()
		iso.Dispose()
		runtime.UnlockOSThread()
	})
	return v
}

func (v *env) modules(kind ModuleKind, files map[string]string) {
	for name, src := range files {
		v.ext.SetModule(name, kind, []byte(src))
	}
}

// run runs a script and returns its result as a string. A promise result is
// settled by the microtasks that run when the script returns; a rejection is
// returned as an error.
func (v *env) run(src string) (string, error) {
	v.t.Helper()
	val, err := v.ctx.RunScript(src, "test.js")
	if err != nil {
		return "", err
	}
	defer val.Release()
	if !val.IsPromise() {
		return val.String(), nil
	}
	p, _ := val.AsPromise()
	v.ctx.PerformMicrotaskCheckpoint()
	switch p.State() {
	case v8go.Fulfilled:
		return p.Result().String(), nil
	case v8go.Rejected:
		return "", fmt.Errorf("rejected: %s", p.Result().String())
	}
	return "", fmt.Errorf("promise still pending")
}

func (v *env) must(src string) string {
	v.t.Helper()
	s, err := v.run(src)
	if err != nil {
		v.t.Fatalf("%s: %v", src, err)
	}
	return s
}

func (v *env) expect(src, want string) {
	v.t.Helper()
	if got := v.must(src); got != want {
		v.t.Errorf("%s\n got: %s\nwant: %s", src, got, want)
	}
}
