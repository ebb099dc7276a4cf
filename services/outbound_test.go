package services_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nanod-runtime/nanod/config"
)

// outboundConfig writes a config whose worker fetches url through the given services.
func outboundConfig(t *testing.T, worker string, services string) string {
	t.Helper()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "w.js"), []byte(worker), 0o644)
	cfg := `using Workerd = import "/workerd/workerd.capnp";
const c :Workerd.Config = (
  services = [ (name = "main", worker = (modules = [(name = "w.js", esModule = embed "w.js")], compatibilityDate = "2024-09-23",
      bindings = [(name = "EXT", service = "ext"), (name = "DISK", service = "disk"), (name = "LOCAL", service = "local")])), ` + services + ` ],
  sockets = [ (name = "http", address = "127.0.0.1:0", http = (), service = "main") ]);`
	os.WriteFile(filepath.Join(dir, "c.capnp"), []byte(cfg), 0o644)
	return filepath.Join(dir, "c.capnp")
}

const fetchWorker = `export default { async fetch(req, env) {
  const u = new URL(req.url);
  const target = u.searchParams.get("url");
  const via = u.searchParams.get("via");
  try {
    const init = { method: u.searchParams.get("method") || "GET", headers: { "x-from": "worker" } };
    if (init.method === "PUT") init.body = "written";
    const r = via ? await env[via].fetch(target, init) : await fetch(target, init);
    return new Response(r.status + " " + r.headers.get("x-upstream") + " " + (await r.text()));
  } catch (e) { return new Response("error " + e.name + ": " + e.message); }
} };`

func TestNetworkAndExternal(t *testing.T) {
	upstream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("x-upstream", "yes")
		fmt.Fprintf(w, "%s %s %s", r.Method, r.URL.Path, r.Header.Get("x-from"))
	}))
	defer upstream.Close()
	addr := strings.TrimPrefix(upstream.URL, "http://")
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("file-a"), 0o644)
	os.WriteFile(filepath.Join(dir, ".hidden"), []byte("secret"), 0o644)
	base := server(t, outboundConfig(t, fetchWorker, fmt.Sprintf(`
    (name = "ext", external = (address = %q, http = ())),
    (name = "disk", disk = (path = %q, writable = true)),
    (name = "local", network = (allow = ["local"]))`, addr, dir)), config.Options{SocketAddrs: map[string]string{"http": "127.0.0.1:0"}})
	q := func(params string) string {
		_, _, body := get(t, base+"/?"+params)
		return body
	}
	// The implicit internet service refuses loopback (SSRF protection, as workerd).
	if got := q("url=" + upstream.URL + "/x"); !strings.HasPrefix(got, "error Error") || !strings.Contains(got, "does not allow") {
		t.Errorf("internet to loopback: %q", got)
	}
	// A network service that allows local addresses reaches it.
	if got := q("via=LOCAL&url=" + upstream.URL + "/y"); got != "200 yes GET /y worker" {
		t.Errorf("network allow local: %q", got)
	}
	// An external service sends every request to its address, whatever the URL's host.
	if got := q("via=EXT&url=http://anything.invalid/z"); got != "200 yes GET /z worker" {
		t.Errorf("external: %q", got)
	}
	// Disk: GET, listing without dotfiles, PUT, dotfile refused, DELETE.
	if got := q("via=DISK&url=http://d/a.txt"); got != "200 null file-a" {
		t.Errorf("disk get: %q", got)
	}
	if got := q("via=DISK&url=http://d/"); got != `200 null [{"name":"a.txt","type":"file"}]` {
		t.Errorf("disk listing: %q", got)
	}
	if got := q("via=DISK&method=PUT&url=http://d/new.txt"); got != "204 null " {
		t.Errorf("disk put: %q", got)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "new.txt")); string(b) != "written" {
		t.Errorf("put wrote %q", b)
	}
	if got := q("via=DISK&url=http://d/.hidden"); got != "404 null " {
		t.Errorf("dotfile: %q", got)
	}
	if got := q("via=DISK&url=http://d/../etc/passwd"); !strings.HasPrefix(got, "404") && !strings.HasPrefix(got, "200 null [") {
		t.Errorf("dot-dot: %q", got)
	}
	if got := q("via=DISK&method=DELETE&url=http://d/new.txt"); got != "204 null " {
		t.Errorf("disk delete: %q", got)
	}
	resp, _ := http.Get(base + "/?via=DISK&url=http://d/new.txt")
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != "404 null " {
		t.Errorf("after delete: %q", b)
	}
}
