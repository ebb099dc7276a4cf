package isolate

import (
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"

	"github.com/nanod-runtime/nanod/isolate/internal/jsbundle"
)

// TestRuntimeBundleUpToDate rebuilds the runtime from js/ and checks that the committed
// runtime_gen.js (embedded in nanod) is that build.
func TestRuntimeBundleUpToDate(t *testing.T) {
	want, err := jsbundle.Build(os.DirFS("."))
	if err != nil {
		t.Fatal(err)
	}
	if runtimeSource != want {
		t.Fatal("runtime_gen.js is stale (js/ changed since it was generated): run go generate ./isolate")
	}
}

// vmRSS is the process's resident set size in bytes (0 where /proc is missing).
func vmRSS() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// BenchmarkIdleIsolateRSS creates 100 isolates (runtime plus a hello worker) on one loop and
// reports the resident memory each adds while idle.
func BenchmarkIdleIsolateRSS(b *testing.B) {
	const n = 100
	src := []byte(`export default { fetch() { return new Response("hello"); } };`)
	loadWorker(b, string(src)) // warms the code cache
	l := sharedLoop()
	var total float64
	for b.Loop() {
		runtime.GC()
		debug.FreeOSMemory()
		before := vmRSS()
		isos := make([]*Isolate, 0, n)
		for range n {
			errc := make(chan error, 1)
			l.Post(func() {
				iso, err := l.NewIsolate(Options{Name: "idle"})
				if err != nil {
					errc <- err
					return
				}
				isos = append(isos, iso)
				iso.Load(&Worker{Modules: []Module{{Name: "w.js", Kind: ModuleESM, Source: src}}}, func(err error) { errc <- err })
			})
			if err := <-errc; err != nil {
				b.Fatal(err)
			}
		}
		runtime.GC()
		debug.FreeOSMemory()
		total += float64(vmRSS()-before) / n / (1 << 20)
		l.Call(func() {
			for _, iso := range isos {
				iso.Dispose()
			}
		})
	}
	b.ReportMetric(total/float64(b.N), "MiB/isolate")
}

// BenchmarkFirstIsolate is a new isolate without the runtime's code cache (as the first one of
// a process is) to its first response.
func BenchmarkFirstIsolate(b *testing.B) {
	src := []byte(`export default { fetch() { return new Response("hello"); } };`)
	req := &Request{Method: "GET", URL: "http://x/"}
	loadWorker(b, string(src))
	l := sharedLoop()
	for b.Loop() {
		codeCache.Lock()
		codeCache.data = nil
		codeCache.Unlock()
		errc := make(chan error, 1)
		s := &discardSink{done: make(chan error, 1)}
		l.Post(func() {
			iso, err := l.NewIsolate(Options{Name: "first"})
			if err != nil {
				errc <- err
				return
			}
			iso.Load(&Worker{Modules: []Module{{Name: "w.js", Kind: ModuleESM, Source: src}}}, func(err error) {
				if err != nil {
					errc <- err
					return
				}
				iso.Fetch(req, s)
				errc <- <-s.done
				iso.Dispose()
			})
		})
		if err := <-errc; err != nil {
			b.Fatal(err)
		}
	}
}

// The bundler renames a runtime class when another runtime module refers to the global of the
// same name (TextDecoder becomes TextDecoder2): every global class must keep its own name.
func TestGlobalClassNames(t *testing.T) {
	got := runJS(t, `const bad = [];
for (const k of Object.getOwnPropertyNames(globalThis)) {
  const d = Object.getOwnPropertyDescriptor(globalThis, k);
  const v = d.get ? undefined : d.value;
  if (typeof v === "function" && v.prototype && v.name !== k && /^[A-Z]/.test(k)) bad.push(k + "=" + v.name);
}
return bad;`)
	if got != "[]" {
		t.Errorf("globals named otherwise: %s", got)
	}
}
