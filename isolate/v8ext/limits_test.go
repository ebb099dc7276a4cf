package v8ext

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"rogchap.com/v8go"
)

// TestNewIsolateHeapLimit checks the per-isolate heap limit, that the flag is
// reset for the next isolate, and (through HeapStats) that the isolate
// pointer read from v8go's struct is the real v8::Isolate*.
func TestNewIsolateHeapLimit(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	for _, mb := range []int{64, 0, 256} {
		iso := NewIsolate(mb)
		e := Attach(iso, Options{})
		_, total, limit, _ := e.HeapStats()
		hs := iso.GetHeapStatistics()
		if limit != hs.HeapSizeLimit || total != hs.TotalHeapSize {
			t.Errorf("HeapStats limit %d total %d, v8go says %d %d", limit, total, hs.HeapSizeLimit, hs.TotalHeapSize)
		}
		if mb > 0 && limit != uint64(mb)<<20 || mb == 0 && limit < 1<<30 {
			t.Errorf("NewIsolate(%d): heap limit %d MB", mb, limit>>20)
		}
		e.Detach()
		iso.Dispose()
	}
}

const heapBomb = `let a = []; for (;;) a.push({ x: new Array(1000).fill(1.5) })`

// TestHeapBomb fills a 64 MB heap 20 times, each in a new isolate; without
// the near-heap-limit callback the first one aborts the process.
func TestHeapBomb(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	for i := 0; i < 20; i++ {
		iso := NewIsolate(64)
		e := Attach(iso, Options{})
		ctx := v8go.NewContext(iso)
		id, err := e.BindContext(ctx)
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		if i%2 == 0 {
			_, err = ctx.RunScript(heapBomb, "bomb.js")
		} else { // the same at the top level of a module
			e.SetModule("bomb.js", ESM, []byte(heapBomb))
			_, err = ctx.RunScript(`__ext.import('bomb.js')`, "load.js")
		}
		if err == nil || !strings.Contains(err.Error(), "terminated") {
			t.Errorf("run %d: err = %v", i, err)
		}
		if e.HeapLimitHits() < 1 {
			t.Errorf("run %d: no heap limit hit", i)
		}
		if i == 0 {
			_, _, limit, _ := e.HeapStats()
			t.Logf("terminated after %v, hits=%d, limit now %d MB", time.Since(start), e.HeapLimitHits(), limit>>20)
		}
		e.UnbindContext(id)
		ctx.Close()
		e.Detach()
		if e.HeapLimitHits() < 1 {
			t.Errorf("run %d: hits lost by Detach", i)
		}
		iso.Dispose()
	}
}

func TestArrayBufferBomb(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	base := ArrayBufferBytesTotal()
	iso := NewIsolate(0)
	e := Attach(iso, Options{ArrayBufferBudget: 256 << 20})
	ctx := v8go.NewContext(iso)
	id, err := e.BindContext(ctx)
	if err != nil {
		t.Fatal(err)
	}
	val, err := ctx.RunScript(`globalThis.bufs = []; let err;
try { for (;;) bufs.push(new Uint8Array(100 << 20)); } catch (e) { err = e }
bufs.length + ' ' + err`, "bomb.js")
	if err != nil || val.String() != "2 RangeError: Array buffer allocation failed" {
		t.Fatalf("bomb: %v %v", val, err)
	}
	if got := e.ArrayBufferBytes(); got < 200<<20 || got > 256<<20 {
		t.Errorf("charged %d bytes with two 100 MB buffers alive", got)
	}
	if _, err := ctx.RunScript(`bufs = null; gc()`, "free.js"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "isolate's buffers uncharged after gc", func() bool { return e.ArrayBufferBytes() < 1<<20 })
	// The budget is usable again, and the near-heap-limit callback never ran.
	val, err = ctx.RunScript(`globalThis.again = new Uint8Array(200 << 20); again.length`, "again.js")
	if err != nil || val.Int32() != 200<<20 || e.HeapLimitHits() != 0 {
		t.Errorf("after release: %v %v hits=%d", val, err, e.HeapLimitHits())
	}
	e.UnbindContext(id)
	ctx.Close()
	e.Detach()
	iso.Dispose()
	waitFor(t, "all buffers uncharged after Dispose", func() bool { return ArrayBufferBytesTotal() == base })
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !ok(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Errorf("timed out waiting: %s", what)
			return
		}
	}
}

// TestBindUnbindNoGrowth binds 200 contexts, loads a module graph in each and
// unbinds them: neither the heap nor the number of native contexts grows.
// (Without UnbindContext, module handles keep every context alive: ~74 KB
// each, notes/v8go-ext.md §2.)
func TestBindUnbindNoGrowth(t *testing.T) {
	v := newEnv(t, 0, Options{})
	v.modules(ESM, graph)
	cycle := func(n int) {
		for i := 0; i < n; i++ {
			ctx := v8go.NewContext(v.iso)
			id, err := v.ext.BindContext(ctx)
			if err != nil {
				t.Fatal(err)
			}
			val, err := ctx.RunScript(`__ext.import('main.js').then(m => m.report()); Promise.reject(1)`, "x.js")
			if err != nil {
				t.Fatal(err)
			}
			val.Release()
			v.ext.UnbindContext(id)
			ctx.Close()
		}
	}
	settle := func() (used, contexts uint64) {
		v.must(`gc(); gc()`)
		hs := v.iso.GetHeapStatistics()
		return hs.UsedHeapSize, hs.NumberOfNativeContexts
	}
	cycle(20)
	used0, ctx0 := settle()
	cycle(200)
	used1, ctx1 := settle()
	t.Logf("used heap %d → %d KB, native contexts %d → %d", used0>>10, used1>>10, ctx0, ctx1)
	if ctx1 > ctx0 || used1 > used0+512<<10 {
		t.Errorf("growth after 200 bind/unbind cycles: heap %d → %d, contexts %d → %d", used0, used1, ctx0, ctx1)
	}
	if r := v.ext.TakeRejections(); len(r) != 0 {
		t.Errorf("rejections of unbound contexts were kept: %d", len(r))
	}
}

func TestCancelTerminate(t *testing.T) {
	v := newEnv(t, 0, Options{})
	cancel := true
	stop := v8go.NewFunctionTemplate(v.iso, func(*v8go.FunctionCallbackInfo) *v8go.Value {
		v.iso.TerminateExecution()
		if cancel {
			v.ext.CancelTerminate()
		}
		return nil
	})
	global := v.ctx.Global()
	if err := global.Set("stop", stop.GetFunction(v.ctx)); err != nil {
		t.Fatal(err)
	}
	v.expect(`stop(); let i = 0; for (; i < 1e6; i++); i`, "1000000")
	cancel = false
	if _, err := v.ctx.RunScript(`stop(); for (;;);`, "loop.js"); err == nil || !strings.Contains(err.Error(), "terminated") {
		t.Errorf("without cancel: %v", err)
	}
}

func BenchmarkBindUnbind(b *testing.B) {
	v := benchEnv(b)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		ctx := v8go.NewContext(v.iso)
		b.StartTimer()
		id, err := v.ext.BindContext(ctx)
		if err != nil {
			b.Fatal(err)
		}
		v.ext.UnbindContext(id)
		b.StopTimer()
		ctx.Close()
		b.StartTimer()
	}
}

// BenchmarkImportGraph loads the 4-module graph of TestModuleGraph (cycle,
// TLA, namespace import) into a fresh context: compile, link, evaluate and
// settle the promise.
func BenchmarkImportGraph(b *testing.B) {
	v := benchEnv(b)
	v.modules(ESM, graph)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		ctx := v8go.NewContext(v.iso)
		id, err := v.ext.BindContext(ctx)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		val, err := ctx.RunScript(`__ext.import('main.js')`, "b.js")
		if err != nil {
			b.Fatal(err)
		}
		if p, _ := val.AsPromise(); p.State() != v8go.Fulfilled {
			b.Fatal("import did not settle")
		}
		b.StopTimer()
		v.ext.UnbindContext(id)
		ctx.Close()
		b.StartTimer()
	}
}

// BenchmarkImportCached imports an already evaluated module again.
func BenchmarkImportCached(b *testing.B) {
	v := benchEnv(b)
	v.modules(ESM, graph)
	v.must(`__ext.import('main.js')`)
	for i := 0; i < b.N; i++ {
		val, err := v.ctx.RunScript(`__ext.import('main.js')`, "b.js")
		if err != nil {
			b.Fatal(err)
		}
		val.Release()
	}
}

// TestRecycledBuffersAreZeroed checks that a recycled block (see the pool in
// ext.cc) never shows the previous buffer's bytes.
func TestRecycledBuffersAreZeroed(t *testing.T) {
	v := newEnv(t, 0, Options{})
	v.expect(`
for (let i = 0; i < 50; i++) new Uint8Array(64 << 10).fill(0xaa);
gc();
let dirty = 0;
for (let i = 0; i < 50; i++) {
  const u = new Uint8Array(64 << 10);
  for (let j = 0; j < u.length; j += 512) dirty += u[j];
  const c = new Uint8Array(64 << 10).fill(7).slice(1);
  dirty += c[0] - 7;
}
dirty`, "0")
}

// TestConcurrentIsolates runs budgeted isolates on two threads at once, so
// that the shared allocator and its pool see concurrent allocations and
// frees (V8 also frees buffers on its own worker threads).
func TestConcurrentIsolates(t *testing.T) {
	base := ArrayBufferBytesTotal()
	errs := make(chan error, 2)
	for g := 0; g < 2; g++ {
		go func(seed int) {
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			errs <- churn(seed)
		}(g)
	}
	for g := 0; g < 2; g++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	waitFor(t, "all buffers uncharged", func() bool { return ArrayBufferBytesTotal() == base })
}

func churn(seed int) error {
	iso := NewIsolate(0)
	e := Attach(iso, Options{ArrayBufferBudget: 64 << 20})
	defer iso.Dispose()
	defer e.Detach()
	ctx := v8go.NewContext(iso)
	defer ctx.Close()
	id, err := e.BindContext(ctx)
	if err != nil {
		return err
	}
	defer e.UnbindContext(id)
	for i := 0; i < 300; i++ {
		n := (i*7919 + seed*104729) % (300 << 10)
		b := make([]byte, n)
		for j := range b {
			b[j] = byte(j + i)
		}
		val, err := e.BytesToJS(ctx, b)
		if err != nil {
			return err
		}
		back, err := e.BytesFromJS(ctx, val)
		if err != nil {
			return err
		}
		if string(back) != string(b) {
			return fmt.Errorf("seed %d, %d bytes: round trip differs", seed, n)
		}
		val.Release()
		if _, err := ctx.RunScript(`new ArrayBuffer(1 << 16); new Uint8Array(100000).fill(1).slice(3)`, "c.js"); err != nil {
			return err
		}
		if got := e.ArrayBufferBytes(); got > 64<<20 {
			return fmt.Errorf("charged %d bytes, over the budget", got)
		}
	}
	return nil
}
