package services_test

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nanod-runtime/nanod/config"
)

// limitsConfig writes a Nanod.Runtime config around workers given as name -> module source.
func limitsConfig(t *testing.T, workers map[string]string, limits string) string {
	t.Helper()
	dir := t.TempDir()
	var services, sockets string
	for name, src := range workers {
		os.WriteFile(filepath.Join(dir, name+".js"), []byte(src), 0o644)
		services += fmt.Sprintf(`(name = "%s", worker = (modules = [(name = "%s.js", esModule = embed "%s.js")], compatibilityDate = "2024-09-23")),`, name, name, name)
		sockets += fmt.Sprintf(`(name = "%s", address = "*:8080", http = (), service = "%s"),`, name, name)
	}
	cfg := `using Workerd = import "/workerd/workerd.capnp";
using Nanod = import "/nanod/nanod.capnp";
const app :Workerd.Config = (services = [ ` + services + ` ], sockets = [ ` + sockets + ` ]);
const nanod :Nanod.Runtime = (config = .app, limits = [` + limits + `]);`
	p := filepath.Join(dir, "config.capnp")
	os.WriteFile(p, []byte(cfg), 0o644)
	return p
}

func TestCPULimit(t *testing.T) {
	base := servers(t, limitsConfig(t, map[string]string{
		"spin": `export default { fetch(req) { if (new URL(req.url).pathname.endsWith("/loop")) { while (true) {} } return new Response("fine"); } };`,
		"ok":   `export default { fetch() { return new Response("ok"); } };`,
	}, `(service = "spin", cpuMs = 50)`), config.Options{Const: "nanod"})
	for round := 0; round < 3; round++ {
		start := time.Now()
		code, _, body := get(t, base["spin"]+"/loop")
		took := time.Since(start)
		if code != 503 || body != "Worker exceeded CPU time limit.\n" {
			t.Errorf("spin: %d %q", code, body)
		}
		if took > 2*time.Second {
			t.Errorf("terminated after %v", took)
		}
		if code, _, body := get(t, base["ok"]+"/"); code != 200 || body != "ok" {
			t.Errorf("neighbour: %d %q", code, body)
		}
		if code, _, body := get(t, base["spin"]+"/fine"); code != 200 || body != "fine" {
			t.Errorf("spin after kill: %d %q", code, body)
		}
	}
}

func TestMemoryLimits(t *testing.T) {
	base := servers(t, limitsConfig(t, map[string]string{
		"heap": `export default { fetch(req) {
			const p = new URL(req.url).pathname;
			if (p.endsWith("/bomb")) { const a = []; for (;;) a.push({ x: new Array(1000).fill(1.5) }); }
			if (p.endsWith("/ab")) { const bufs = []; try { for (;;) bufs.push(new Uint8Array(16 << 20)); } catch (e) { return new Response(null, { headers: { "x-result": e.name + " after " + bufs.length } }); } }
			if (p.endsWith("/deep")) { try { const f = (n) => f(n + 1) + 1; f(0); } catch (e) { return new Response(e.name); } }
			return new Response("alive");
		} };`,
	}, `(service = "heap", memoryMb = 64)`), config.Options{Const: "nanod"})
	// 100 heap bombs in a row: each is contained, the isolate replaced, and memory comes back.
	get(t, base["heap"]+"/x")
	rssBefore := rssKiB()
	rounds := 100
	if testing.Short() {
		rounds = 10
	}
	for i := 0; i < rounds; i++ {
		if code, _, body := get(t, base["heap"]+"/bomb"); code != 503 || body != "Worker exceeded memory limit.\n" {
			t.Fatalf("heap bomb %d: %d %q", i, code, body)
		}
		if code, _, body := get(t, base["heap"]+"/x"); code != 200 || body != "alive" {
			t.Fatalf("after heap bomb %d: %d %q", i, code, body)
		}
	}
	if grew := rssKiB() - rssBefore; grew > 256<<10 {
		t.Errorf("RSS grew by %d MiB over %d heap bombs", grew>>10, rounds)
	}
	// The budget refuses the buffer that would pass 64 MB; the worker sees a RangeError.
	if code, h, _ := get(t, base["heap"]+"/ab"); code != 200 || h.Get("x-result") != "RangeError after 4" && h.Get("x-result") != "RangeError after 3" {
		t.Errorf("ArrayBuffer bomb: %d %q", code, h.Get("x-result"))
	}
	if code, _, body := get(t, base["heap"]+"/deep"); code != 200 || body != "RangeError" {
		t.Errorf("deep recursion: %d %q", code, body)
	}
}

func TestQueueAndTimeout(t *testing.T) {
	base := servers(t, limitsConfig(t, map[string]string{
		"slow": `export default { async fetch(req) { await new Promise(r => setTimeout(r, new URL(req.url).pathname.endsWith("/long") ? 4000 : 1500)); return new Response("done"); } };`,
	}, `(service = "slow", queue = 2, timeoutMs = 2500)`), config.Options{Const: "nanod"})
	var wg sync.WaitGroup
	codes := make([]int, 6)
	for i := range codes {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			resp, err := http.Get(base["slow"] + "/x")
			if err == nil {
				codes[i] = resp.StatusCode
				resp.Body.Close()
			}
		}(i)
		time.Sleep(10 * time.Millisecond)
	}
	wg.Wait()
	n200, n503 := 0, 0
	for _, c := range codes {
		switch c {
		case 200:
			n200++
		case 503:
			n503++
		}
	}
	if n200 != 2 || n503 != 4 {
		t.Errorf("queue=2 with 6 concurrent requests: codes %v", codes)
	}
	start := time.Now()
	if code, _, body := get(t, base["slow"]+"/long"); code != 504 || body != "Worker did not respond in time.\n" {
		t.Errorf("timeout: %d %q", code, body)
	}
	if d := time.Since(start); d < 2400*time.Millisecond || d > 3900*time.Millisecond {
		t.Errorf("timeout after %v", d)
	}
}

// TestIsolatesLimit runs a service limited to one isolate on a 2-loop runtime: every request,
// whichever loop it arrives on, is served by the same isolate (its counter never repeats).
func TestIsolatesLimit(t *testing.T) {
	base := servers(t, limitsConfig(t, map[string]string{
		"one": `let n = 0; export default { async fetch(req) { const body = await req.text(); return new Response(String(++n) + body); } };`,
	}, `(service = "one", isolates = 1)`), config.Options{Const: "nanod"})
	seen := map[string]bool{}
	for i := 0; i < 10; i++ {
		resp, err := http.Post(base["one"]+"/", "text/plain", strings.NewReader("!"))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if seen[string(b)] {
			t.Fatalf("response %q repeated: more than one isolate serves the service", b)
		}
		seen[string(b)] = true
	}
	if !seen["10!"] {
		t.Errorf("responses %v", seen)
	}
}

// rssKiB is this process's resident set size.
func rssKiB() int {
	b, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			var n int
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(line, "VmRSS:"), "kB")), &n)
			return n
		}
	}
	return 0
}
