package services_test

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/nanod-runtime/nanod/config"
)

// chainConfig writes a config with a hello worker and a chain of n forwarding workers in front.
func chainConfig(tb testing.TB, n int) string {
	dir := tb.TempDir()
	os.WriteFile(filepath.Join(dir, "hello.js"), []byte(`export default { fetch() { return new Response("hello"); } };`), 0o644)
	os.WriteFile(filepath.Join(dir, "fwd.js"), []byte(`export default { fetch(req, env) { return env.NEXT.fetch(req); } };`), 0o644)
	svcs := `(name = "hello", worker = (modules = [(name = "hello.js", esModule = embed "hello.js")], compatibilityDate = "2024-09-23")),`
	next := "hello"
	for k := n; k >= 1; k-- {
		name := fmt.Sprintf("hop%d", k)
		svcs += fmt.Sprintf(`(name = "%s", worker = (modules = [(name = "fwd.js", esModule = embed "fwd.js")], compatibilityDate = "2024-09-23", bindings = [(name = "NEXT", service = "%s")])),`, name, next)
		next = name
	}
	cfg := `using Workerd = import "/workerd/workerd.capnp";
const c :Workerd.Config = (services = [` + svcs + `], sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "` + next + `")]);`
	p := filepath.Join(dir, "c.capnp")
	os.WriteFile(p, []byte(cfg), 0o644)
	return p
}

func benchGet(b *testing.B, n int) {
	base := server(b, chainConfig(b, n), config.Options{})
	c := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 1}}
	b.ResetTimer()
	for b.Loop() {
		resp, err := c.Get(base + "/")
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}

// BenchmarkChain0 and BenchmarkChain3 time one sequential request straight to a hello worker
// and through three forwarding service bindings: (Chain3 − Chain0) / 3 is the cost of a hop.
func BenchmarkChain0(b *testing.B) { benchGet(b, 0) }
func BenchmarkChain3(b *testing.B) { benchGet(b, 3) }
