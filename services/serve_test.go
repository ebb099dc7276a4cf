package services_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/nanod-runtime/nanod/config"
	"github.com/nanod-runtime/nanod/services"
)

func init() { runtime.LockOSThread() }

// server runs a config in-process on a random port and returns its base URL.
func server(t testing.TB, path string, opts config.Options) string {
	t.Helper()
	return servers(t, path, opts)["http"]
}

// servers runs a config with every socket on a random port; it returns base URLs by socket.
func servers(t testing.TB, path string, opts config.Options) map[string]string {
	t.Helper()
	return serveLoops(t, path, opts, 2)
}

// serveLoops is servers with a given number of event loops.
func serveLoops(t testing.TB, path string, opts config.Options, loops int) map[string]string {
	t.Helper()
	if opts.SocketAddrs == nil {
		enc, err := config.Compile(path, opts)
		if err != nil {
			t.Fatal(err)
		}
		opts.SocketAddrs = map[string]string{}
		socks, _ := enc.Root.Sockets()
		for i := 0; i < socks.Len(); i++ {
			name, _ := socks.At(i).Name()
			opts.SocketAddrs[name] = "127.0.0.1:0"
		}
	}
	cfg, err := config.Load(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	var logs io.Writer = &bytes.Buffer{}
	if testing.Verbose() {
		logs = os.Stderr
	}
	rt, err := services.Build(cfg, services.Options{Loops: loops, Logger: slog.New(slog.NewTextHandler(logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ls, err := rt.Start(nil)
	if err != nil {
		rt.Close()
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { rt.Serve(ctx, ls, 5*time.Second); close(done) }()
	t.Cleanup(func() { cancel(); <-done; rt.Close() })
	out := map[string]string{}
	for _, l := range ls {
		out[l.Socket.Name] = "http://" + l.Addr().String()
	}
	return out
}

// inline writes a one-worker config whose module is src and returns its path.
func inline(t testing.TB, src string, extra string) string {
	t.Helper()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "w.js"), []byte(src), 0o644)
	cfg := `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = (modules = [(name = "w.js", esModule = embed "w.js")],
    compatibilityDate = "2024-09-23" ` + extra + `)) ],
  sockets = [ (name = "http", address = "*:8080", http = (), service = "main") ],
);`
	p := filepath.Join(dir, "config.capnp")
	os.WriteFile(p, []byte(cfg), 0o644)
	return p
}

func get(t testing.TB, url string, hdr ...string) (int, http.Header, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		if hdr[i] == "Host" {
			req.Host = hdr[i+1]
			continue
		}
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

func TestSamples(t *testing.T) {
	base := server(t, "../samples/helloworld/config.capnp", config.Options{})
	if code, _, body := get(t, base+"/x"); code != 200 || body != "Hello World from /x\n" {
		t.Errorf("helloworld: %d %q", code, body)
	}
	base = server(t, "../samples/helloworld_esm/config.capnp", config.Options{})
	if code, h, body := get(t, base+"/p"); code != 200 || h.Get("content-type") != "application/json" || !strings.Contains(body, `"path":"/p"`) {
		t.Errorf("helloworld_esm: %d %v %q", code, h, body)
	}
	base = server(t, "../samples/nanoservices/config.capnp", config.Options{})
	if code, h, body := get(t, base+"/hello/ada", "Authorization", "Bearer letmein"); code != 200 || body != "Hello, ada!\n" || h.Get("x-served-by") != "front" {
		t.Errorf("nanoservices: %d %q", code, body)
	}
	if code, _, _ := get(t, base+"/hello/ada"); code != 401 {
		t.Errorf("nanoservices without token: %d", code)
	}
	base = server(t, "../samples/static-files/config.capnp", config.Options{DirectoryPaths: map[string]string{"site": "../samples/static-files/public"}})
	if code, h, body := get(t, base+"/"); code != 200 || h.Get("content-type") != "text/html;charset=utf-8" || !strings.Contains(body, "<h1>") {
		t.Errorf("static-files: %d %q", code, body)
	}
	if code, _, _ := get(t, base+"/missing.txt"); code != 404 {
		t.Errorf("static-files missing: %d", code)
	}
}

func TestErrorsAndState(t *testing.T) {
	base := server(t, inline(t, `
let count = 0, waited = 0;
export default {
  async fetch(req, env, ctx) {
    const url = new URL(req.url);
    if (url.pathname === "/throw") throw new Error("boom");
    if (url.pathname === "/reject") return Promise.reject(new TypeError("nope"));
    if (url.pathname === "/notresponse") return "hello";
    if (url.pathname === "/headers") return Response.json([...req.headers].filter(([k]) => k === "x-a" || k === "host"));
    if (url.pathname === "/wait") { ctx.waitUntil(new Promise(r => setTimeout(() => { waited++; r(); }, 10))); return new Response("w"); }
    if (url.pathname === "/waited") return new Response(String(waited));
    return new Response(String(++count));
  },
};`, ""), config.Options{})
	for _, p := range []string{"/throw", "/reject", "/notresponse"} {
		if code, _, body := get(t, base+p); code != 500 {
			t.Errorf("%s: %d %q", p, code, body)
		}
	}
	code, _, body := get(t, base+"/headers", "X-A", "1")
	if code != 200 || !strings.Contains(body, `["x-a","1"]`) || !strings.Contains(body, `["host","127.0.0.1:`) {
		t.Errorf("headers: %d %s", code, body)
	}
	// Module state persists per isolate: with 2 loops, 6 requests count to 3 on each.
	seen := map[string]bool{}
	for i := 0; i < 6; i++ {
		_, _, b := get(t, base+"/count")
		seen[b] = true
	}
	if !seen["3"] {
		t.Errorf("module state does not persist: %v", seen)
	}
	// waitUntil work runs after the response: each isolate (one per loop) counts its own.
	for i := 0; i < 2; i++ {
		if code, _, body := get(t, base+"/wait"); code != 200 || body != "w" {
			t.Errorf("waitUntil: %d %q", code, body)
		}
	}
	time.Sleep(100 * time.Millisecond)
	if _, _, a := get(t, base+"/waited"); a != "1" {
		t.Errorf("waitUntil tasks run: %q, want 1 on this isolate", a)
	}
}

// TestStreamingBodies sends a large upload through a worker that echoes a hash and streams a
// large download generated chunk by chunk; neither is ever whole in memory on the Go side.
func TestStreamingBodies(t *testing.T) {
	base := server(t, inline(t, `
export default {
  async fetch(req) {
    const url = new URL(req.url);
    if (url.pathname === "/upload") {
      let n = 0, sum = 0;
      for await (const chunk of req.body) { n += chunk.byteLength; for (let i = 0; i < chunk.length; i++) sum = (sum * 31 + chunk[i]) % 1000003; }
      return Response.json({ n, sum });
    }
    const total = Number(url.searchParams.get("n"));
    let sent = 0;
    return new Response(new ReadableStream({
      pull(c) {
        if (sent >= total) { c.close(); return; }
        const size = Math.min(65536, total - sent);
        const b = new Uint8Array(size).fill(sent / 65536 % 251);
        sent += size;
        c.enqueue(b);
      },
    }));
  },
};`, ""), config.Options{})
	const size = 64 << 20
	payload := make([]byte, size)
	var sum int
	for i := range payload {
		payload[i] = byte(i % 251)
	}
	for i := 0; i < size; i++ {
		sum = (sum*31 + int(payload[i])) % 1000003
	}
	resp, err := http.Post(base+"/upload", "application/octet-stream", bytes.NewReader(payload))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if want := fmt.Sprintf(`{"n":%d,"sum":%d}`, size, sum); string(b) != want {
		t.Errorf("upload: %s, want %s", b, want)
	}
	resp, err = http.Get(fmt.Sprintf("%s/download?n=%d", base, size))
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	n, err := io.Copy(h, resp.Body)
	resp.Body.Close()
	if err != nil || n != size {
		t.Errorf("download: %d bytes, %v", n, err)
	}
}

func TestBindingsInEnv(t *testing.T) {
	os.Setenv("NANOD_TEST_VAR", "from-env")
	base := server(t, inline(t, `
export default {
  async fetch(req, env) {
    return Response.json({
      text: env.T, json: env.J, data: new Uint8Array(env.D).length, env: env.E, unset: env.U,
      keys: Object.keys(env).sort(),
    });
  },
};`, `, bindings = [(name = "T", text = "hi"), (name = "J", json = "{\"a\":[1]}"), (name = "D", data = 0x"01 02 03"),
      (name = "E", fromEnvironment = "NANOD_TEST_VAR"), (name = "U", fromEnvironment = "NANOD_TEST_UNSET")]`), config.Options{})
	_, _, body := get(t, base+"/")
	want := `{"text":"hi","json":{"a":[1]},"data":3,"env":"from-env","unset":null,"keys":["D","E","J","T","U"]}`
	if body != want {
		t.Errorf("env = %s\nwant  %s", body, want)
	}
}

func TestEvalOnlyAtStartup(t *testing.T) {
	base := server(t, inline(t, `
const atStartup = eval("1 + 1") + new Function("return 40")();
export default {
  fetch() {
    let inHandler;
    try { eval("2"); inHandler = "allowed"; } catch (e) { inHandler = e.name + ": " + e.message; }
    let fn;
    try { new Function("return 1"); fn = "allowed"; } catch (e) { fn = e.name; }
    return Response.json({ atStartup, inHandler, fn });
  },
};`, ""), config.Options{})
	_, _, body := get(t, base+"/")
	want := `{"atStartup":42,"inHandler":"EvalError: Code generation from strings disallowed for this context","fn":"EvalError"}`
	if body != want {
		t.Errorf("got  %s\nwant %s", body, want)
	}
}

func TestBuiltinModules(t *testing.T) {
	base := server(t, inline(t, `
import { WorkerEntrypoint, env as moduleEnv } from "cloudflare:workers";
export default class extends WorkerEntrypoint {
  async fetch(req) {
    let node;
    try { await import("node:assert"); node = "loaded"; } catch (e) { node = e.message; }
    return Response.json({ env: this.env.T, moduleEnv: moduleEnv.T, ctx: typeof this.ctx.waitUntil, node });
  }
}`, `, bindings = [(name = "T", text = "x")]`), config.Options{})
	_, _, body := get(t, base+"/")
	if want := `{"env":"x","moduleEnv":"x","ctx":"function","node":"No such module \"node:assert\"."}`; body != want {
		t.Errorf("got  %s\nwant %s", body, want)
	}
}

func TestNanoAppsFormat(t *testing.T) {
	base := server(t, "../samples/nano-apps/apps.json", config.Options{SocketAddrs: map[string]string{"http": "127.0.0.1:0"}})
	if code, _, body := get(t, base+"/", "Host", "api.localhost"); code != 200 || body != `{"message":"hello from the api","host":"api.localhost"}` {
		t.Errorf("api: %d %s", code, body)
	}
	req, _ := http.NewRequest("GET", base+"/", nil)
	req.Host = "legacy.localhost:8080"
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(b) != "legacy app says hi\n" {
		t.Errorf("legacy: %d %q", resp.StatusCode, b)
	}
	if code, _, _ := get(t, base+"/", "Host", "nope.localhost"); code != 404 {
		t.Errorf("unknown host: %d", code)
	}
	cfg, err := config.Load("../samples/nano-apps/apps.json", config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if l := cfg.LimitsFor("app:api.localhost"); l.CPU != 50*time.Millisecond || l.MemoryMB != 128 || l.Isolates != 2 || l.Timeout != 10*time.Second {
		t.Errorf("limits = %+v", l)
	}
	if cfg.Runtime.Admin != "127.0.0.1:8889" {
		t.Errorf("admin = %q", cfg.Runtime.Admin)
	}
}

func TestFixedLengthBody(t *testing.T) {
	base := server(t, inline(t, `export default { fetch() {
		const { readable, writable } = new FixedLengthStream(5);
		const w = writable.getWriter(); w.write(new TextEncoder().encode("he")); w.write(new TextEncoder().encode("llo")); w.close();
		return new Response(readable);
	} };`, ""), config.Options{})
	resp, err := http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != "hello" || resp.ContentLength != 5 {
		t.Errorf("body %q, content-length %d", b, resp.ContentLength)
	}
}

// TestInterleaving: two requests in one isolate interleave at await points, as in workerd: the
// second runs while the first waits on a timer, and both see the same module state.
func TestInterleaving(t *testing.T) {
	path := inline(t, `
const log = [];
export default { async fetch(req) {
  const name = new URL(req.url).pathname.slice(1);
  log.push(name + ":start");
  if (name === "slow") await new Promise(r => setTimeout(r, 200));
  log.push(name + ":end");
  return new Response(log.join(","));
} };`, "")
	base := serveLoops(t, path, config.Options{}, 1)["http"]
	slow := make(chan string)
	go func() { _, _, b := get(t, base+"/slow"); slow <- b }()
	time.Sleep(50 * time.Millisecond)
	_, _, fast := get(t, base+"/fast")
	if fast != "slow:start,fast:start,fast:end" {
		t.Errorf("fast saw %q", fast)
	}
	if s := <-slow; s != "slow:start,fast:start,fast:end,slow:end" {
		t.Errorf("slow saw %q", s)
	}
}

func TestStructuredLogging(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "w.js"), []byte(`export default { fetch() { console.log("hello", { a: 1 }); console.error("bad"); return new Response("ok"); } };`), 0o644)
	os.WriteFile(filepath.Join(dir, "c.capnp"), []byte(`using Workerd = import "/workerd/workerd.capnp";
const c :Workerd.Config = (services = [(name = "main", worker = (modules = [(name = "w.js", esModule = embed "w.js")], compatibilityDate = "2024-09-23"))],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")], logging = (structuredLogging = true));`), 0o644)
	cfg, err := config.Load(filepath.Join(dir, "c.capnp"), config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out, err := os.CreateTemp(dir, "stdout")
	if err != nil {
		t.Fatal(err)
	}
	rt, err := services.Build(cfg, services.Options{Loops: 1, Stdout: out, Stderr: out, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ls, _ := rt.Start(nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { rt.Serve(ctx, ls, time.Second); close(done) }()
	get(t, "http://"+ls[0].Addr().String()+"/")
	cancel()
	<-done
	rt.Close()
	b, _ := os.ReadFile(out.Name())
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], `"level":"log","message":"hello { a: 1 }"}`) || !strings.Contains(lines[1], `"level":"error","message":"bad"}`) || !strings.HasPrefix(lines[0], `{"timestamp":`) {
		t.Errorf("structured log: %q", lines)
	}
}

// TestBindingRequestBody sends request bodies (string, bytes, stream) through a service binding.
func TestBindingRequestBody(t *testing.T) {
	base := server(t, inline(t, `
export default { async fetch(req, env) {
  const u = new URL(req.url);
  if (u.pathname === "/echo") return new Response("got " + req.method + " " + await req.text());
  const out = [];
  for (const body of ["text", new TextEncoder().encode("bytes"), new Blob(["blob"]),
      new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode("str")); c.enqueue(new TextEncoder().encode("eam")); c.close(); } })]) {
    const r = await env.SELF.fetch("http://self/echo", { method: "POST", body });
    out.push(await r.text());
  }
  return Response.json(out);
} };`, `, bindings = [(name = "SELF", service = "main")]`), config.Options{})
	_, _, body := get(t, base+"/")
	if want := `["got POST text","got POST bytes","got POST blob","got POST stream"]`; body != want {
		t.Errorf("got  %s\nwant %s", body, want)
	}
}

// TestBindingEntrypointAndStreaming: a designator with an entrypoint reaches that named export,
// and a callee's streamed response body arrives through the binding chunk by chunk.
func TestBindingEntrypointAndStreaming(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "front.js"), []byte(`export default { async fetch(req, env) {
		const a = await (await env.ADMIN.fetch("http://b/")).text();
		const r = await env.STREAM.fetch("http://b/");
		const parts = [];
		for await (const chunk of r.body) parts.push(new TextDecoder().decode(chunk));
		return Response.json({ a, parts: parts.length, text: parts.join("") });
	} };`), 0o644)
	os.WriteFile(filepath.Join(dir, "back.js"), []byte(`
export const admin = { fetch() { return new Response("admin entrypoint"); } };
export default { fetch() {
	let n = 0;
	return new Response(new ReadableStream({ async pull(c) {
		await new Promise((r) => setTimeout(r, 5));
		if (n === 3) { c.close(); return; }
		c.enqueue(new TextEncoder().encode("chunk" + n++ + ";"));
	} }));
} };`), 0o644)
	os.WriteFile(filepath.Join(dir, "c.capnp"), []byte(`using Workerd = import "/workerd/workerd.capnp";
const c :Workerd.Config = (services = [
  (name = "front", worker = (modules = [(name = "front.js", esModule = embed "front.js")], compatibilityDate = "2024-09-23",
    bindings = [(name = "ADMIN", service = (name = "back", entrypoint = "admin")), (name = "STREAM", service = "back")])),
  (name = "back", worker = (modules = [(name = "back.js", esModule = embed "back.js")], compatibilityDate = "2024-09-23"))],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "front")]);`), 0o644)
	base := server(t, filepath.Join(dir, "c.capnp"), config.Options{})
	_, _, body := get(t, base+"/")
	if want := `{"a":"admin entrypoint","parts":3,"text":"chunk0;chunk1;chunk2;"}`; body != want {
		t.Errorf("got  %s\nwant %s", body, want)
	}
}

// TestDesignatorProps: a service designator's props (JSON) arrive as ctx.props in the callee.
func TestDesignatorProps(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "front.js"), []byte(`export default { async fetch(req, env) {
		return new Response((await (await env.B.fetch("http://b/")).text()) + " " + (await (await env.PLAIN.fetch("http://b/")).text()));
	} };`), 0o644)
	os.WriteFile(filepath.Join(dir, "back.js"), []byte(`export default { fetch(req, env, ctx) { return new Response(JSON.stringify(ctx.props)); } };`), 0o644)
	os.WriteFile(filepath.Join(dir, "c.capnp"), []byte(`using Workerd = import "/workerd/workerd.capnp";
const c :Workerd.Config = (services = [
  (name = "front", worker = (modules = [(name = "front.js", esModule = embed "front.js")], compatibilityDate = "2024-09-23",
    bindings = [(name = "B", service = (name = "back", props = (json = "{\"tenant\":\"t1\",\"n\":2}"))), (name = "PLAIN", service = "back")])),
  (name = "back", worker = (modules = [(name = "back.js", esModule = embed "back.js")], compatibilityDate = "2024-09-23"))],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "front")]);`), 0o644)
	base := server(t, filepath.Join(dir, "c.capnp"), config.Options{})
	if _, _, body := get(t, base+"/"); body != `{"tenant":"t1","n":2} {}` {
		t.Errorf("got %s", body)
	}
}
