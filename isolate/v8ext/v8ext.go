// Package v8ext adds to rogchap.com/v8go v0.9.0 isolates what v8go lacks:
// native ES modules (plus CommonJS, text, data, JSON and Wasm modules),
// fast byte copies between Go and ArrayBuffers, unhandled-rejection
// tracking, a near-heap-limit callback that terminates instead of aborting
// the process, and a per-isolate ArrayBuffer budget.
//
// It is a small cgo C++ package (ext.cc) working on v8go's isolates. The only
// v8go internal it reads is the isolate pointer, the first field of
// *v8go.Isolate. It also replaces v8go's process-wide ArrayBuffer allocator
// (the C++ global default_allocator) with a wrapper that charges each
// allocation to the isolate that makes it, and that recycles freed buffers of
// up to 1 MB (at most 64 MB of them, process-wide): this V8 build maps and
// unmaps fresh pages for every ArrayBuffer, which made new buffers cost 10-30
// times more than copying their bytes.
//
// Lifecycle, all on the goroutine that owns the isolate:
//
//	iso := v8ext.NewIsolate(128)           // heap limit in MB
//	e := v8ext.Attach(iso, v8ext.Options{ArrayBufferBudget: 256 << 20})
//	ctx := v8go.NewContext(iso)
//	id, err := e.BindContext(ctx)          // installs globalThis.__ext
//	... run JS; check e.HeapLimitHits() and e.TakeRejections() after each turn
//	e.UnbindContext(id); ctx.Close()
//	e.Detach(); iso.Dispose()
//
// V8 work must run on goroutines locked with runtime.LockOSThread, and the
// main goroutine should lock itself to the main thread in init(): V8 calls on
// the process's main thread cost about 45 µs each (notes/v8go.md §0).
package v8ext

// #cgo CXXFLAGS: -std=c++17 -fno-rtti -fno-exceptions -fPIC -Wall
// #cgo CXXFLAGS: -DV8_COMPRESS_POINTERS -DV8_31BIT_SMIS_ON_64BIT_ARCH -DV8_ENABLE_SANDBOX
// #cgo CXXFLAGS: -I${SRCDIR}/include
// #include <stdlib.h>
// #include "ext.h"
import "C"

import (
	"errors"
	"fmt"
	"runtime/cgo"
	"strings"
	"sync"
	"unsafe"

	"rogchap.com/v8go"
)

// DefaultHeapLimitHeadroom is used when Options.HeapLimitHeadroom is 0.
const DefaultHeapLimitHeadroom = 32 << 20

// Options configures Attach.
type Options struct {
	// HeapLimitHeadroom is how many bytes the near-heap-limit callback adds
	// to the limit after terminating JS, so that V8 can unwind instead of
	// aborting the process. A single allocation larger than this (e.g.
	// new Array(30e6).fill(1.5)) can still abort it. 0 means
	// DefaultHeapLimitHeadroom.
	HeapLimitHeadroom uint64
	// ArrayBufferBudget caps the ArrayBuffer memory the isolate may hold at
	// once, counted in whole 4 KB pages per buffer; over it, allocations fail
	// with a JS RangeError. 0 means unlimited (the bytes are still counted).
	// It needs an isolate from NewIsolate.
	ArrayBufferBudget int64
}

// Ext is the extension state of one isolate. Its methods must be called on
// the goroutine that owns the isolate (and not after Detach), except
// HeapLimitHits, ArrayBufferBytes, SetModule, HasModule and SetResolver,
// which may be called from anywhere at any time.
type Ext struct {
	iso    *v8go.Isolate
	st     *C.ExtIso
	handle cgo.Handle
	bind   *v8go.FunctionTemplate

	mu       sync.Mutex // guards the fields below
	resolver Resolver
	names    map[string]struct{}
	bound    map[*v8go.Context]*boundContext
	ids      map[int]*boundContext
	hits     int // final value, kept by Detach
}

type boundContext struct {
	id          int
	ctx         *v8go.Context
	stage, take *v8go.Function // __ext.bytes natives, captured at bind time
}

// Rejection is an unhandled promise rejection.
type Rejection struct {
	Message string // e.g. "TypeError: boom"
	Stack   string // Message followed by "\n    at ..." frames when known
}

var (
	// ErrNotBound is returned for a context that BindContext has not bound.
	ErrNotBound = errors.New("v8ext: context is not bound")
	// ErrAllocation is returned by BytesToJS when the isolate's ArrayBuffer
	// budget (or the 1 GiB size cap) refuses the buffer.
	ErrAllocation = errors.New("v8ext: ArrayBuffer allocation refused")
)

var (
	createMu  sync.Mutex
	allocOnce sync.Once
)

// isolatePtr reads the v8::Isolate* that v8go keeps as the first field of
// Isolate (rogchap.com/v8go v0.9.0).
func isolatePtr(iso *v8go.Isolate) unsafe.Pointer {
	return *(*unsafe.Pointer)(unsafe.Pointer(iso))
}

// installAllocator swaps in the budget allocator. v8go creates its allocator
// while creating its first isolate, so a throwaway isolate comes first.
func installAllocator() {
	allocOnce.Do(func() {
		v8go.NewIsolate().Dispose()
		C.ext_install_allocator()
	})
}

// NewIsolate creates a v8go isolate whose heap is limited to heapLimitMB
// megabytes (0 = V8's default, about 1.4 GB) and whose ArrayBuffers go
// through the budget allocator. V8 flags are process-wide, so creation is
// serialised and the flag is reset afterwards; isolates created concurrently
// with plain v8go.NewIsolate could pick up another isolate's limit.
func NewIsolate(heapLimitMB int) *v8go.Isolate {
	createMu.Lock()
	defer createMu.Unlock()
	installAllocator()
	if heapLimitMB > 0 {
		v8go.SetFlags(fmt.Sprintf("--max-heap-size=%d", heapLimitMB))
		defer v8go.SetFlags("--max-heap-size=0")
	}
	return v8go.NewIsolate()
}

// Attach sets up the isolate's extension state: the dynamic import() and
// import.meta callbacks, promise-rejection tracking, the near-heap-limit
// callback and the ArrayBuffer account. Call it once, right after creating
// the isolate, and call Detach before iso.Dispose().
//
// It panics when a budget is requested for an isolate that was not created
// by NewIsolate, since such an isolate's ArrayBuffers bypass the budget.
func Attach(iso *v8go.Isolate, opts Options) *Ext {
	p := isolatePtr(iso)
	createMu.Lock()
	C.ext_install_allocator() // v8go is initialised: iso exists
	createMu.Unlock()
	if opts.ArrayBufferBudget > 0 && C.ext_uses_budget_allocator(p) == 0 {
		panic("v8ext: ArrayBufferBudget needs an isolate from v8ext.NewIsolate")
	}
	headroom := opts.HeapLimitHeadroom
	if headroom == 0 {
		headroom = DefaultHeapLimitHeadroom
	}
	e := &Ext{
		iso:   iso,
		names: map[string]struct{}{},
		bound: map[*v8go.Context]*boundContext{},
		ids:   map[int]*boundContext{},
	}
	e.handle = cgo.NewHandle(e)
	e.st = C.ext_attach(p, C.uintptr_t(e.handle), C.size_t(headroom), C.int64_t(opts.ArrayBufferBudget))
	e.bind = v8go.NewFunctionTemplate(iso, e.bindCurrent)
	return e
}

// Detach releases everything the extension holds in the isolate (modules,
// rejections, callbacks, bound contexts). Call it before iso.Dispose().
// ArrayBuffers still alive stay charged to ArrayBufferBytesTotal until the
// isolate frees them.
func (e *Ext) Detach() {
	e.mu.Lock()
	st := e.st
	if st == nil {
		e.mu.Unlock()
		return
	}
	e.hits = int(C.ext_heap_limit_hits(st))
	e.st = nil
	e.bound, e.ids = nil, nil
	e.mu.Unlock()
	// Outside e.mu: ext_detach waits for the V8 lock.
	C.ext_detach(st)
	e.handle.Delete()
}

// HeapLimitHits reports how often the isolate reached its heap limit. Each
// hit terminated the running JS; the isolate should then be discarded, since
// whatever filled the heap may still be reachable.
func (e *Ext) HeapLimitHits() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.st == nil {
		return e.hits
	}
	return int(C.ext_heap_limit_hits(e.st))
}

// CancelTerminate calls v8::Isolate::CancelTerminateExecution, e.g. to keep
// running JS in a callback after a late watchdog fired.
func (e *Ext) CancelTerminate() {
	C.ext_cancel_terminate(e.st)
}

// HeapStats returns the isolate's used and total heap size, its current heap
// limit (raised by each heap-limit hit) and the external memory V8 knows of.
func (e *Ext) HeapStats() (used, total, limit, external uint64) {
	var out [4]C.uint64_t
	C.ext_heap_stats(e.st, &out[0])
	return uint64(out[0]), uint64(out[1]), uint64(out[2]), uint64(out[3])
}

// ArrayBufferBytes returns the ArrayBuffer bytes (whole 4 KB pages per
// buffer) currently charged to the isolate. Memory is uncharged when V8 frees
// it, i.e. after garbage collection, which V8 may finish on a background
// thread.
func (e *Ext) ArrayBufferBytes() int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.st == nil {
		return 0
	}
	return int64(C.ext_ab_bytes(e.st))
}

// ArrayBufferBytesTotal returns the ArrayBuffer bytes charged to all attached
// isolates, including detached ones whose buffers are not freed yet.
func ArrayBufferBytesTotal() int64 {
	return int64(C.ext_ab_total())
}

// TakeRejections returns the promises rejected without a handler since the
// last call, leaving out those that got a handler later on. Call it after
// each turn of the event loop (after the microtask checkpoint). At most 256
// are kept between calls; a last entry counts the ones dropped.
// RejectionWork reports whether the runtime has unhandledrejection/rejectionhandled events to
// dispatch (__ext.rejectionEvents); only after it first asked for them. Call on the loop.
func (e *Ext) RejectionWork() bool {
	return C.ext_rejection_work(e.st) != 0
}

func (e *Ext) TakeRejections() []Rejection {
	var count C.int
	var n C.size_t
	p := C.ext_take_rejections(e.st, &count, &n)
	if p == nil {
		return nil
	}
	defer C.free(unsafe.Pointer(p))
	parts := strings.Split(C.GoStringN(p, C.int(n)), "\x00")
	out := make([]Rejection, int(count))
	for i := range out {
		out[i] = Rejection{Message: parts[2*i], Stack: parts[2*i+1]}
	}
	return out
}
