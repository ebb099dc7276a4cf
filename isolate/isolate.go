// Package isolate runs JavaScript: V8 isolates (through rogchap.com/v8go and our C++ extension
// in isolate/v8ext), the event loops that host them, the JS runtime with its Web APIs, and the
// calls between Go and a worker's handlers. It is the only package that knows V8.
package isolate

import (
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/nanod-runtime/nanod/isolate/v8ext"
	"rogchap.com/v8go"
)

// Level is a console log level.
type Level int

const (
	LevelDebug Level = iota
	LevelLog
	LevelInfo
	LevelWarn
	LevelError
)

func (l Level) String() string { return [...]string{"debug", "log", "info", "warn", "error"}[l] }

// Options configure a new isolate.
type Options struct {
	Name              string // the service, for logs and errors
	HeapLimitMB       int    // 0 = V8's default
	ArrayBufferBudget int64  // bytes; 0 = unlimited
	// Log receives console output (already formatted); nil discards it.
	Log func(level Level, msg string)
	// AllowEval leaves eval/new Function enabled in handlers (tests, the unsafeEval binding).
	AllowEval bool
	// CPULimit bounds the CPU time of each turn of JS (a handler call, a timer, a promise
	// continuation); past it the JS is terminated and the isolate condemned. 0 = none.
	CPULimit time.Duration
}

// LimitError is returned when a request's isolate exceeded a limit.
type LimitError struct {
	Service string
	Kind    string // "cpu" or "memory"
}

func (e *LimitError) Error() string {
	if e.Kind == "cpu" {
		return fmt.Sprintf("service %q exceeded its CPU time limit", e.Service)
	}
	return fmt.Sprintf("service %q exceeded its memory limit", e.Service)
}

// Isolate is one V8 isolate with one context, running one worker. It belongs to a Loop: every
// method must be called on that loop's goroutine.
type Isolate struct {
	Loop  *Loop
	opts  Options
	iso   *v8go.Isolate
	ctx   *v8go.Context
	ext   *v8ext.Ext
	ctxID int
	hooks *v8go.Object // functions the runtime exports to Go

	garbage []*v8go.Value // values handed to JS during the current task, released after it

	timers   map[int32]*Timer
	nextID   int32
	requests map[int32]*request   // incoming fetches being answered by this isolate
	outbound map[int32]*outbound  // responses to this isolate's subrequests
	bodies   map[int32]BodySource // request bodies JS can read, by id
	fetchers []Fetcher            // service bindings and globalOutbound, by index

	inTurn   bool
	turnCPU  int64        // thread CPU ns at the start of the current turn
	cpu      atomic.Int64 // CPU ns used by all turns so far
	served   atomic.Int64
	created  time.Time
	broken   error // set when the isolate must not run more JS
	disposed bool
}

// ErrBroken is returned for an isolate that hit a limit or was disposed.
var ErrBroken = errors.New("isolate is no longer usable")

// NewIsolate creates an isolate on l with the JS runtime loaded. Call it on the loop.
func (l *Loop) NewIsolate(opts Options) (*Isolate, error) {
	i := &Isolate{Loop: l, opts: opts, timers: map[int32]*Timer{}, requests: map[int32]*request{},
		outbound: map[int32]*outbound{}, bodies: map[int32]BodySource{}, created: time.Now()}
	i.iso = v8ext.NewIsolate(opts.HeapLimitMB)
	i.ext = v8ext.Attach(i.iso, v8ext.Options{ArrayBufferBudget: opts.ArrayBufferBudget})
	global := v8go.NewObjectTemplate(i.iso)
	if err := global.Set("__native", i.nativeTemplate()); err != nil {
		i.Dispose()
		return nil, err
	}
	i.ctx = v8go.NewContext(i.iso, global)
	id, err := i.ext.BindContext(i.ctx)
	if err != nil {
		i.Dispose()
		return nil, err
	}
	i.ctxID = id
	if err := i.ext.InstallAsyncContext(i.ctx); err != nil {
		i.Dispose()
		return nil, err
	}
	us, err := compileRuntime(i.iso)
	if err != nil {
		i.Dispose()
		return nil, err
	}
	res, err := us.Run(i.ctx)
	if err != nil {
		i.Dispose()
		return nil, fmt.Errorf("starting the JS runtime: %w", err)
	}
	res.Release()
	hv, err := i.ctx.Global().Get("__nanodHooks")
	if err != nil || !hv.IsObject() {
		i.Dispose()
		return nil, fmt.Errorf("JS runtime did not export its hooks")
	}
	i.hooks = hv.Object()
	i.ctx.Global().Delete("__nanodHooks")
	saveCodeCache(us)
	return i, nil
}

// Name is the service the isolate runs.
func (i *Isolate) Name() string { return i.opts.Name }

// Served counts the requests the isolate has handled.
func (i *Isolate) Served() int64 { return i.served.Load() }

// Created is when the isolate was made.
func (i *Isolate) Created() time.Time { return i.created }

// HeapStats reports heap used, total, limit and external (ArrayBuffer) bytes.
func (i *Isolate) HeapStats() (used, total, limit, external uint64) { return i.ext.HeapStats() }

// Busy reports whether the isolate has anything in flight: requests, subrequests, bodies or
// timers. Only idle isolates may be evicted.
func (i *Isolate) Busy() bool {
	return len(i.requests)+len(i.outbound)+len(i.bodies)+len(i.timers) > 0
}

// Broken reports why the isolate can no longer run JS, or nil.
func (i *Isolate) Broken() error { return i.broken }

// Dispose frees the isolate. Pending requests fail.
func (i *Isolate) Dispose() {
	if i.disposed {
		return
	}
	i.disposed = true
	if i.broken == nil {
		i.broken = ErrBroken
	}
	for id, r := range i.requests {
		delete(i.requests, id)
		r.fail(i.broken)
	}
	for _, t := range i.timers {
		i.Loop.StopTimer(t)
	}
	i.releaseGarbage()
	if i.ctx != nil {
		i.ext.UnbindContext(i.ctxID)
		i.ctx.Close()
	}
	i.ext.Detach()
	i.iso.Dispose()
}

// keep registers a value handed to JS (a native's return value) for release after the task.
func (i *Isolate) keep(v *v8go.Value) *v8go.Value {
	if v != nil {
		i.garbage = append(i.garbage, v)
	}
	return v
}

func (i *Isolate) releaseGarbage() {
	for _, v := range i.garbage {
		v.Release()
	}
	i.garbage = i.garbage[:0]
}

// enter starts a turn: Go is about to run JS (or settle a promise, which runs JS). Turns never
// nest: JS that calls into another service only queues work on the loop.
func (i *Isolate) enter() bool {
	if i.disposed || i.broken != nil {
		return false
	}
	if !i.inTurn {
		i.inTurn = true
		i.turnCPU, _ = ThreadCPU(i.Loop.Tid)
		i.Loop.watchdog.begin(i, i.turnCPU)
	}
	return true
}

// resume runs f, which settles promises (and so runs JS), as a turn of its own; when Go already
// is inside a turn (an operation that completed synchronously within a native), f just runs.
func (i *Isolate) resume(f func()) {
	if i.inTurn {
		f()
		return
	}
	if !i.enter() {
		return
	}
	f()
	i.afterTurn()
}

// CPUTime is the CPU time the isolate's JS has used. Safe from any goroutine.
func (i *Isolate) CPUTime() time.Duration { return time.Duration(i.cpu.Load()) }

// afterTurn ends a turn: settle microtasks, release values, check limits and report unhandled
// rejections. An isolate that hit a limit is condemned: its in-flight requests fail at once.
func (i *Isolate) afterTurn() {
	if i.disposed {
		return
	}
	if !i.inTurn {
		i.enter()
	}
	i.ctx.PerformMicrotaskCheckpoint()
	// Rejections still unhandled after the checkpoint become unhandledrejection events; their
	// listeners may queue more microtasks (and rejections), so repeat, a bounded number of times.
	for n := 0; n < 16 && i.broken == nil && i.ext.RejectionWork(); n++ {
		v, err := i.call("dispatchRejections")
		if err != nil {
			break
		}
		v.Release()
		i.ctx.PerformMicrotaskCheckpoint()
	}
	i.releaseGarbage()
	i.inTurn = false
	if now, err := ThreadCPU(i.Loop.Tid); err == nil && i.turnCPU > 0 {
		i.cpu.Add(now - i.turnCPU)
	}
	killed := i.Loop.watchdog.end(i)
	if killed && i.broken == nil {
		i.broken = &LimitError{Service: i.opts.Name, Kind: "cpu"}
	}
	if i.ext.HeapLimitHits() > 0 && i.broken == nil {
		i.broken = &LimitError{Service: i.opts.Name, Kind: "memory"}
	}
	for _, r := range i.ext.TakeRejections() {
		i.log(LevelError, "Uncaught (in promise) "+r.Stack)
	}
	if i.broken != nil {
		i.condemn()
	}
}

// condemn fails everything in flight on a broken isolate; the service replaces it.
func (i *Isolate) condemn() {
	for id, r := range i.requests {
		delete(i.requests, id)
		r.fail(i.broken)
	}
	for id, o := range i.outbound {
		delete(i.outbound, id)
		for _, d := range o.dones {
			d(i.broken)
		}
	}
	for id, b := range i.bodies {
		delete(i.bodies, id)
		b.Close()
	}
	for id, t := range i.timers {
		delete(i.timers, id)
		i.Loop.StopTimer(t)
	}
	i.ext.CancelTerminate()
}

func (i *Isolate) log(level Level, msg string) {
	if i.opts.Log != nil {
		i.opts.Log(level, msg)
	}
}

// call invokes a runtime hook with arguments and finishes the turn.
func (i *Isolate) call(hook string, args ...v8go.Valuer) (*v8go.Value, error) {
	if i.broken != nil {
		return nil, i.broken
	}
	fv, err := i.hooks.Get(hook)
	if err != nil {
		return nil, err
	}
	defer fv.Release()
	fn, err := fv.AsFunction()
	if err != nil {
		return nil, fmt.Errorf("runtime hook %s: %w", hook, err)
	}
	// A call made while a turn is running (a native that calls back into JS, e.g. reading a
	// stream of the same isolate) is part of that turn: only the outermost call ends it, or
	// values still in use by the outer native would be released.
	nested := i.inTurn
	i.enter()
	v, err := fn.Call(v8go.Undefined(i.iso), args...)
	if !nested {
		i.afterTurn()
	}
	if err == nil && i.broken != nil {
		err = i.broken
	}
	return v, err
}

func (i *Isolate) str(s string) *v8go.Value {
	v, _ := v8go.NewValue(i.iso, s)
	return i.keep(v)
}

func (i *Isolate) num(n int64) *v8go.Value {
	v, _ := v8go.NewValue(i.iso, float64(n))
	return i.keep(v)
}

func (i *Isolate) throw(kind, msg string) *v8go.Value {
	v, err := i.ctx.RunScript("new "+kind+"("+jsString(msg)+")", "nanod:throw")
	if err != nil {
		return i.iso.ThrowException(i.str(msg))
	}
	i.keep(v)
	return i.iso.ThrowException(v)
}

// jsString quotes s as a JS string literal.
func jsString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x2028 || r == 0x2029:
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// RunScript runs a classic script in the isolate's context (for tests and service workers) and
// returns its completion value as a string.
func (i *Isolate) RunScript(src, origin string) (string, error) {
	nested := i.inTurn
	if !i.enter() {
		return "", i.broken
	}
	v, err := i.ctx.RunScript(src, origin)
	if !nested {
		i.afterTurn()
	}
	if err != nil {
		return "", jsError(err)
	}
	defer v.Release()
	return v.String(), nil
}

// jsError turns a v8go error into an error whose text is the JS stack (or message).
func jsError(err error) error {
	var je *v8go.JSError
	if errors.As(err, &je) {
		if je.StackTrace != "" {
			return &ScriptError{Message: je.Message, Stack: je.StackTrace}
		}
		msg := je.Message
		if je.Location != "" {
			msg += "\n    at " + je.Location
		}
		return &ScriptError{Message: je.Message, Stack: msg}
	}
	return err
}

// ScriptError is an exception thrown by JS.
type ScriptError struct {
	Name    string // the error's name ("TypeError"), when known
	Message string // "Name: message", as JS prints it
	Stack   string
}

func (e *ScriptError) Error() string { return e.Stack }

// resolver is a promise resolver whose V8 handle is released once it has settled (v8go keeps
// every value it hands out until the context closes or the value is released).
type resolver struct {
	i *Isolate
	r *v8go.PromiseResolver
}

func (i *Isolate) newResolver() *resolver {
	r, _ := v8go.NewPromiseResolver(i.ctx)
	return &resolver{i: i, r: r}
}

// promise returns the resolver's promise, released after the current turn.
func (r *resolver) promise() *v8go.Value { return r.i.keep(r.r.GetPromise().Value) }

func (r *resolver) Resolve(v v8go.Valuer) {
	r.r.Resolve(v)
	r.i.keep(r.r.Value)
}

func (r *resolver) Reject(v *v8go.Value) {
	r.r.Reject(v)
	r.i.keep(r.r.Value)
}
