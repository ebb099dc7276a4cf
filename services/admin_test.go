package services_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nanod-runtime/nanod/config"
	"github.com/nanod-runtime/nanod/services"
)

func TestAdminListener(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "w.js"), []byte(`export default { fetch(req) {
		if (new URL(req.url).pathname === "/spin") { while (true) {} }
		return new Response("hi"); } };`), 0o644)
	os.WriteFile(filepath.Join(dir, "c.capnp"), []byte(`using Workerd = import "/workerd/workerd.capnp";
using Nanod = import "/nanod/nanod.capnp";
const app :Workerd.Config = (
  services = [(name = "api", worker = (modules = [(name = "w.js", esModule = embed "w.js")], compatibilityDate = "2024-09-23"))],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "api")]);
const nanod :Nanod.Runtime = (config = .app, defaults = (cpuMs = 50), admin = (address = "127.0.0.1:0"));
`), 0o644)
	cfg, err := config.Load(filepath.Join(dir, "c.capnp"), config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rt, err := services.Build(cfg, services.Options{Loops: 1, Logger: slog.New(slog.NewTextHandler(&bytes.Buffer{}, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ls, err := rt.Start(nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { rt.Serve(ctx, ls, time.Second); close(done) }()
	defer func() { cancel(); <-done; rt.Close() }()
	base := "http://" + ls[0].Addr().String()
	for rt.AdminAddr() == "" {
		time.Sleep(5 * time.Millisecond)
	}
	admin := "http://" + rt.AdminAddr()

	for i := 0; i < 3; i++ {
		get(t, base+"/")
	}
	if code, _, _ := get(t, base+"/spin"); code != 503 {
		t.Errorf("spin: %d", code)
	}
	get(t, base+"/") // replaces the condemned isolate
	code, _, body := get(t, admin+"/_admin/health")
	if code != 200 || !strings.Contains(body, `"ready":true`) {
		t.Errorf("health: %d %s", code, body)
	}
	resp, err := http.Get(admin + "/_admin/metrics")
	if err != nil {
		t.Fatal(err)
	}
	mb, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	metrics := string(mb)
	for _, want := range []string{
		`nanod_requests_total{service="api",status="200"} 4`,
		`nanod_requests_total{service="api",status="503"} 1`,
		`nanod_limit_hits_total{kind="cpu",service="api"} 1`,
		`nanod_isolates_created_total{service="api"} 2`,
		`nanod_request_duration_seconds_count{service="api"} 5`,
		`nanod_request_cpu_seconds_count{service="api"}`,
		`nanod_isolate_heap_bytes{loop="0",service="api"}`,
		`nanod_isolates_active{service="api"} 1`,
		`nanod_queue_depth{service="api"} 0`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	_, _, body = get(t, admin+"/_admin/isolates")
	var list []services.IsolateInfo
	if err := json.Unmarshal([]byte(body), &list); err != nil || len(list) != 1 || list[0].Service != "api" || list[0].HeapUsed == 0 {
		t.Errorf("isolates: %s %v", body, err)
	}
}

// TestEvictionUnderPressure fills a runtime with idle isolates and evicts them at emergency
// pressure, least recently used first; evicted services come back on their next request.
func TestEvictionUnderPressure(t *testing.T) {
	workers := map[string]string{}
	for i := 0; i < 5; i++ {
		workers[fmt.Sprintf("w%d", i)] = `export default { fetch() { return new Response("ok"); } };`
	}
	path := limitsConfig(t, workers, "")
	cfg, err := config.Load(path, config.Options{Const: "nanod", SocketAddrs: map[string]string{"w0": "127.0.0.1:0", "w1": "127.0.0.1:0", "w2": "127.0.0.1:0", "w3": "127.0.0.1:0", "w4": "127.0.0.1:0"}})
	if err != nil {
		t.Fatal(err)
	}
	rt, err := services.Build(cfg, services.Options{Loops: 1, Logger: slog.New(slog.NewTextHandler(&bytes.Buffer{}, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer rt.Close()
	if _, err := rt.Start(nil); err != nil {
		t.Fatal(err)
	}
	if n := len(rt.Isolates()); n != 5 {
		t.Fatalf("%d isolates after start, want 5", n)
	}
	if n := rt.EvictIdleForTest(3); n != 5 {
		t.Errorf("evicted %d, want 5", n)
	}
	if n := len(rt.Isolates()); n != 0 {
		t.Errorf("%d isolates after eviction", n)
	}
}
