package services_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/nanod-runtime/nanod/config"
	"github.com/nanod-runtime/nanod/internal/oracle"
	"github.com/nanod-runtime/nanod/services"
)

func wsURL(base string) string { return "ws" + strings.TrimPrefix(base, "http") }

func wsDial(t testing.TB, url string) *websocket.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, resp, err := websocket.Dial(ctx, wsURL(url), nil)
	if err != nil {
		status := 0
		if resp != nil {
			status = resp.StatusCode
		}
		t.Fatalf("dial %s: %v (status %d)", url, err, status)
	}
	c.SetReadLimit(64 << 20)
	return c
}

func wsRead(t testing.TB, c *websocket.Conn) (websocket.MessageType, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	typ, b, err := c.Read(ctx)
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	return typ, string(b)
}

func wsWrite(t testing.TB, c *websocket.Conn, typ websocket.MessageType, s string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := c.Write(ctx, typ, []byte(s)); err != nil {
		t.Fatalf("write: %v", err)
	}
}

// wsCloseOf reads until the connection closes and returns the close status and reason.
func wsCloseOf(t testing.TB, c *websocket.Conn, within time.Duration) (websocket.StatusCode, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), within)
	defer cancel()
	for {
		_, _, err := c.Read(ctx)
		if err == nil {
			continue
		}
		var ce websocket.CloseError
		if errors.As(err, &ce) {
			return ce.Code, ce.Reason
		}
		return -1, err.Error()
	}
}

// The echo worker: text is echoed with a prefix, binary as is; "close-me" makes the server
// close; the close events it saw are kept in module state, reported by GET /closes.
const echoWorker = `
const closes = [];
export default {
  fetch(req) {
    if (new URL(req.url).pathname === "/closes") return Response.json(closes);
    if (req.headers.get("upgrade") !== "websocket") return new Response("expected a WebSocket", { status: 426 });
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", (e) => {
      if (typeof e.data !== "string") server.send(e.data);
      else if (e.data === "close-me") server.close(4002, "server bye");
      else server.send("echo:" + e.data);
    });
    server.addEventListener("close", (e) => closes.push([e.code, e.reason, e.wasClean, server.readyState]));
    return new Response(null, { status: 101, webSocket: client, headers: { "x-worker": "echo" } });
  },
};`

// settleFinalizers runs pending finalizers before a test opens sockets. TestSocketFD hands an fd
// number to Runtime.Start, which wraps it in an *os.File it never closes, and then closes the
// number itself: when that *os.File is finalized later, it closes the number again, by then
// possibly reused by one of our sockets ("bad file descriptor"). Until that is fixed there,
// let the finalizer run first.
func settleFinalizers() {
	runtime.GC()
	runtime.GC()
	time.Sleep(20 * time.Millisecond)
}

func TestWebSocketEcho(t *testing.T) {
	settleFinalizers()
	base := server(t, inline(t, echoWorker, ""), config.Options{})
	ctx := context.Background()
	c, resp, err := websocket.Dial(ctx, wsURL(base)+"/", nil)
	if err != nil {
		t.Fatal(err)
	}
	c.SetReadLimit(64 << 20)
	if resp.StatusCode != 101 || resp.Header.Get("x-worker") != "echo" {
		t.Errorf("handshake: %d %v", resp.StatusCode, resp.Header)
	}
	wsWrite(t, c, websocket.MessageText, "hello")
	if typ, s := wsRead(t, c); typ != websocket.MessageText || s != "echo:hello" {
		t.Errorf("text echo: %v %q", typ, s)
	}
	bin := string([]byte{0, 1, 2, 255, 254})
	wsWrite(t, c, websocket.MessageBinary, bin)
	if typ, s := wsRead(t, c); typ != websocket.MessageBinary || s != bin {
		t.Errorf("binary echo: %v %q", typ, s)
	}
	big := strings.Repeat("x", 1<<20)
	wsWrite(t, c, websocket.MessageText, big)
	if _, s := wsRead(t, c); s != "echo:"+big {
		t.Errorf("1 MiB echo: %d bytes", len(s))
	}
	// The client closes: the worker sees its code and reason.
	if err := c.Close(4001, "client bye"); err != nil {
		t.Errorf("client close: %v", err)
	}
	// The server closes: the client sees the worker's code and reason.
	c2 := wsDial(t, base+"/")
	wsWrite(t, c2, websocket.MessageText, "close-me")
	if code, reason := wsCloseOf(t, c2, 5*time.Second); code != 4002 || reason != "server bye" {
		t.Errorf("server close: %v %q", code, reason)
	}
	// A plain request still gets a plain response.
	if code, _, body := get(t, base+"/"); code != 426 || body != "expected a WebSocket" {
		t.Errorf("plain request: %d %q", code, body)
	}
	// The closes the worker saw (the isolates of both loops are asked). With the 2024 date
	// (manual close reply), the client's close leaves the server CLOSING (2); the reply to its
	// own close arrives as a close event with CLOSED (3).
	time.Sleep(100 * time.Millisecond)
	var seen []string
	for k := 0; k < 2; k++ {
		_, _, body := get(t, base+"/closes")
		seen = append(seen, body)
	}
	all := strings.Join(seen, ",")
	for _, want := range []string{`[4001,"client bye",true,2]`, `[4002,"server bye",true,3]`} {
		if !strings.Contains(all, want) {
			t.Errorf("worker saw closes %s, want %s among them", all, want)
		}
	}
}

// TestWebSocketAutoReply: with web_socket_auto_reply_to_close (on from 2026-04-07), the worker
// is CLOSED when the client's close arrives.
func TestWebSocketAutoReply(t *testing.T) {
	base := server(t, inline(t, echoWorker, `, compatibilityFlags = ["web_socket_auto_reply_to_close"]`), config.Options{})
	c := wsDial(t, base+"/")
	wsWrite(t, c, websocket.MessageText, "x")
	wsRead(t, c)
	if err := c.Close(4003, "auto"); err != nil {
		t.Errorf("client close: %v", err)
	}
	time.Sleep(100 * time.Millisecond)
	_, _, b1 := get(t, base+"/closes")
	_, _, b2 := get(t, base+"/closes")
	if all := b1 + b2; !strings.Contains(all, `[4003,"auto",true,3]`) {
		t.Errorf("closes: %s", all)
	}
}

// TestWebSocketChat: three connections to one isolate (the service is limited to one loop, so
// connections arriving on the other loop hop to it), each message broadcast to all.
func TestWebSocketChat(t *testing.T) {
	base := servers(t, limitsConfig(t, map[string]string{"chat": `
const clients = new Set();
export default {
  fetch(req) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    clients.add(server);
    server.addEventListener("message", (e) => { for (const c of clients) c.send(e.data); });
    server.addEventListener("close", () => clients.delete(server));
    return new Response(null, { status: 101, webSocket: client });
  },
};`}, `(service = "chat", isolates = 1)`), config.Options{Const: "nanod"})["chat"]
	var conns []*websocket.Conn
	for k := 0; k < 3; k++ {
		conns = append(conns, wsDial(t, base+"/"))
	}
	// Make sure all three are registered before anyone talks: each says hello and waits for its
	// own hello (messages from a connection are delivered in order).
	for k, c := range conns {
		wsWrite(t, c, websocket.MessageText, fmt.Sprintf("hello from %d", k))
		for {
			if _, s := wsRead(t, c); s == fmt.Sprintf("hello from %d", k) {
				break
			}
		}
	}
	for k, c := range conns {
		wsWrite(t, c, websocket.MessageText, fmt.Sprintf("msg %d", k))
	}
	for k, c := range conns {
		got := map[string]bool{}
		for len(got) < 3 {
			_, s := wsRead(t, c)
			if strings.HasPrefix(s, "msg ") {
				got[s] = true
			}
		}
		if !got["msg 0"] || !got["msg 1"] || !got["msg 2"] {
			t.Errorf("connection %d got %v", k, got)
		}
	}
	for _, c := range conns {
		c.Close(websocket.StatusNormalClosure, "")
	}
}

// bindingConfig writes a config: a front worker with a service binding BACK to the back worker;
// with limits, it is wrapped in a Nanod.Runtime const named nanod.
func bindingConfig(t *testing.T, front, back, limits string) string {
	t.Helper()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "front.js"), []byte(front), 0o644)
	os.WriteFile(filepath.Join(dir, "back.js"), []byte(back), 0o644)
	cfg := `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "front", worker = (modules = [(name = "front.js", esModule = embed "front.js")], compatibilityDate = "2024-09-23",
      bindings = [(name = "BACK", service = "back")])),
    (name = "back", worker = (modules = [(name = "back.js", esModule = embed "back.js")], compatibilityDate = "2024-09-23")),
  ],
  sockets = [ (name = "http", address = "*:8080", http = (), service = "front") ],
);`
	if limits != "" {
		cfg = strings.Replace(cfg, "const config :Workerd.Config", "using Nanod = import \"/nanod/nanod.capnp\";\nconst config :Workerd.Config", 1)
		cfg += "\nconst nanod :Nanod.Runtime = (config = .config, limits = [" + limits + "]);"
	}
	p := filepath.Join(dir, "config.capnp")
	os.WriteFile(p, []byte(cfg), 0o644)
	return p
}

// TestWebSocketThroughBinding: the front worker passes the upgrade to the back worker through a
// service binding (/pass: it returns the back's response as is), or terminates the client's
// connection itself and relays to the back's (/relay), tagging what it forwards.
func TestWebSocketThroughBinding(t *testing.T) {
	front := `export default {
  async fetch(req, env) {
    const path = new URL(req.url).pathname;
    if (path === "/pass") return env.BACK.fetch(req);
    const resp = await env.BACK.fetch("http://back/", { headers: { upgrade: "websocket" } });
    const upstream = resp.webSocket;
    if (resp.status !== 101 || !upstream) return new Response("no websocket: " + resp.status, { status: 502 });
    upstream.accept();
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", (e) => upstream.send("front>" + e.data));
    upstream.addEventListener("message", (e) => server.send("<front " + e.data));
    server.addEventListener("close", (e) => upstream.close(e.code, e.reason));
    upstream.addEventListener("close", (e) => server.close(e.code, e.reason));
    return new Response(null, { status: 101, webSocket: client });
  },
};`
	back := strings.Replace(echoWorker, `"echo:"`, `"back echo:"`, 1)
	t.Run("same loop", func(t *testing.T) {
		wsThroughBinding(t, server(t, bindingConfig(t, front, back, ""), config.Options{}))
	})
	// The back service lives on one loop only: half of the front's calls cross loops.
	t.Run("across loops", func(t *testing.T) {
		wsThroughBinding(t, server(t, bindingConfig(t, front, back, `(service = "back", isolates = 1)`), config.Options{Const: "nanod"}))
	})
}

func wsThroughBinding(t *testing.T, base string) {
	for round := 0; round < 2; round++ {
		wsThroughBindingOnce(t, base)
	}
}

func wsThroughBindingOnce(t *testing.T, base string) {

	c := wsDial(t, base+"/pass")
	wsWrite(t, c, websocket.MessageText, "one")
	if _, s := wsRead(t, c); s != "back echo:one" {
		t.Errorf("pass: %q", s)
	}
	wsWrite(t, c, websocket.MessageText, "close-me")
	if code, reason := wsCloseOf(t, c, 5*time.Second); code != 4002 || reason != "server bye" {
		t.Errorf("pass close: %v %q", code, reason)
	}

	c = wsDial(t, base+"/relay")
	wsWrite(t, c, websocket.MessageText, "two")
	if _, s := wsRead(t, c); s != "<front back echo:front>two" {
		t.Errorf("relay: %q", s)
	}
	wsWrite(t, c, websocket.MessageText, "close-me")
	if _, s := wsRead(t, c); s != "<front back echo:front>close-me" {
		t.Errorf("relay: %q", s)
	}
	if err := c.Close(4005, "bye through"); err != nil {
		t.Errorf("relay close: %v", err)
	}
}

// TestWebSocketClient: a worker opens WebSockets itself, with fetch() and new WebSocket(),
// through a network service that allows loopback.
func TestWebSocketClient(t *testing.T) {
	upstream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := websocket.Accept(w, r, &websocket.AcceptOptions{Subprotocols: []string{"p2"}})
		if err != nil {
			return
		}
		defer c.CloseNow()
		for {
			typ, b, err := c.Read(r.Context())
			if err != nil {
				return
			}
			if string(b) == "bye" {
				c.Close(4010, "upstream bye")
				return
			}
			c.Write(r.Context(), typ, append([]byte("up:"+c.Subprotocol()+":"), b...))
		}
	}))
	defer upstream.Close()
	worker := `export default {
  async fetch(req, env) {
    const u = new URL(req.url);
    const target = u.searchParams.get("url");
    // The client's connection is joined to the upstream one: frames go network to network.
    if (u.pathname === "/proxy") return fetch(target, { headers: { upgrade: "websocket", "sec-websocket-protocol": "p2" } });
    if (u.pathname === "/fetch") {
      const r = await fetch(target, { headers: { upgrade: "websocket", "sec-websocket-protocol": "p1, p2" } });
      const ws = r.webSocket;
      ws.accept();
      const got = [];
      const done = new Promise((resolve) => {
        ws.addEventListener("message", (e) => { got.push(e.data); if (got.length === 1) ws.send("bye"); });
        ws.addEventListener("close", (e) => resolve([e.code, e.reason]));
      });
      ws.send("hi");
      const close = await done;
      return Response.json({ status: r.status, protocol: r.headers.get("sec-websocket-protocol"), got, close });
    }
    const ws = new WebSocket(target.replace("http", "ws"), ["p2"]);
    const events = [ws.readyState];
    await new Promise((resolve) => ws.addEventListener("open", resolve));
    events.push(ws.readyState, ws.protocol);
    ws.send(new Uint8Array([65, 66]));
    const m = await new Promise((resolve) => ws.addEventListener("message", resolve));
    events.push(new TextDecoder().decode(m.data));
    ws.close(1000, "done");
    const c = await new Promise((resolve) => ws.addEventListener("close", resolve));
    events.push(c.code, c.wasClean, ws.readyState);
    let refused;
    const bad = new WebSocket("ws://127.0.0.1:1/");
    await new Promise((resolve) => bad.addEventListener("close", (e) => { refused = [e.code, e.reason, bad.readyState]; resolve(); }));
    events.push(refused);
    return Response.json(events);
  },
};`
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "w.js"), []byte(worker), 0o644)
	cfg := `using Workerd = import "/workerd/workerd.capnp";
const c :Workerd.Config = (
  services = [ (name = "main", worker = (modules = [(name = "w.js", esModule = embed "w.js")], compatibilityDate = "2024-09-23",
      globalOutbound = "local")),
    (name = "local", network = (allow = ["local"])) ],
  sockets = [ (name = "http", address = "127.0.0.1:0", http = (), service = "main") ]);`
	os.WriteFile(filepath.Join(dir, "c.capnp"), []byte(cfg), 0o644)
	base := server(t, filepath.Join(dir, "c.capnp"), config.Options{})
	_, _, body := get(t, base+"/fetch?url="+upstream.URL)
	if want := `{"status":101,"protocol":"p2","got":["up:p2:hi"],"close":[4010,"upstream bye"]}`; body != want {
		t.Errorf("fetch: %s\nwant   %s", body, want)
	}
	c := wsDial(t, base+"/proxy?url="+upstream.URL)
	wsWrite(t, c, websocket.MessageText, "through")
	if _, s := wsRead(t, c); s != "up:p2:through" {
		t.Errorf("proxy to the network: %q", s)
	}
	wsWrite(t, c, websocket.MessageText, "bye")
	if code, reason := wsCloseOf(t, c, 5*time.Second); code != 4010 || reason != "upstream bye" {
		t.Errorf("proxy close: %v %q", code, reason)
	}
	_, _, body = get(t, base+"/new?url="+upstream.URL)
	if want := `[0,1,"p2","up:p2:AB",1000,true,3,[1006,"Failed to establish websocket connection",3]]`; body != want {
		t.Errorf("new WebSocket: %s\nwant         %s", body, want)
	}
}

func TestWebSocketMessageTooBig(t *testing.T) {
	defer services.SetWebSocketLimits(services.WebSocketLimits{MaxMessage: 64 << 10, Idle: time.Minute, MaxConnections: 100})()
	base := server(t, inline(t, echoWorker, ""), config.Options{})
	c := wsDial(t, base+"/")
	wsWrite(t, c, websocket.MessageText, strings.Repeat("a", 64<<10-5)) // echo adds 5 bytes: exactly the limit back
	if _, s := wsRead(t, c); len(s) != 64<<10 {
		t.Errorf("at the limit: %d bytes", len(s))
	}
	c.Write(context.Background(), websocket.MessageBinary, make([]byte, 64<<10+1))
	if code, _ := wsCloseOf(t, c, 5*time.Second); code != websocket.StatusMessageTooBig {
		t.Errorf("over the limit: close %v", code)
	}
}

func TestWebSocketIdleTimeout(t *testing.T) {
	defer services.SetWebSocketLimits(services.WebSocketLimits{MaxMessage: 1 << 20, Idle: 300 * time.Millisecond, MaxConnections: 100})()
	base := server(t, inline(t, echoWorker, ""), config.Options{})
	c := wsDial(t, base+"/")
	// Activity keeps it open.
	for k := 0; k < 4; k++ {
		time.Sleep(150 * time.Millisecond)
		wsWrite(t, c, websocket.MessageText, "ping")
		wsRead(t, c)
	}
	start := time.Now()
	code, reason := wsCloseOf(t, c, 5*time.Second)
	if code != websocket.StatusGoingAway || reason != "WebSocket idle timeout" {
		t.Errorf("idle close: %v %q", code, reason)
	}
	if d := time.Since(start); d < 250*time.Millisecond || d > 2*time.Second {
		t.Errorf("idle close after %v", d)
	}
}

func TestWebSocketConnectionLimit(t *testing.T) {
	defer services.SetWebSocketLimits(services.WebSocketLimits{MaxMessage: 1 << 20, Idle: time.Minute, MaxConnections: 2})()
	base := server(t, inline(t, echoWorker, ""), config.Options{})
	a, b := wsDial(t, base+"/"), wsDial(t, base+"/")
	_, resp, err := websocket.Dial(context.Background(), wsURL(base)+"/", nil)
	if err == nil || resp == nil || resp.StatusCode != 503 {
		t.Errorf("third connection: %v %v", err, resp)
	}
	a.Close(websocket.StatusNormalClosure, "")
	time.Sleep(100 * time.Millisecond)
	c := wsDial(t, base+"/")
	c.Close(websocket.StatusNormalClosure, "")
	b.Close(websocket.StatusNormalClosure, "")
}

// TestWebSocketCPULimit: a message handler that never returns is terminated by the CPU limit;
// its isolate's connections close with 1011, other services' connections keep working, and the
// service serves new connections with a fresh isolate.
func TestWebSocketCPULimit(t *testing.T) {
	base := servers(t, limitsConfig(t, map[string]string{
		"spin": strings.Replace(echoWorker, `if (typeof e.data !== "string")`, `if (e.data === "spin") { while (true) {} } else if (typeof e.data !== "string")`, 1),
		"ok":   echoWorker,
	}, `(service = "spin", cpuMs = 50, isolates = 1)`), config.Options{Const: "nanod"})
	ok := wsDial(t, base["ok"]+"/")
	victim := wsDial(t, base["spin"]+"/")
	bystander := wsDial(t, base["spin"]+"/") // same isolate (isolates = 1)
	wsWrite(t, ok, websocket.MessageText, "before")
	if _, s := wsRead(t, ok); s != "echo:before" {
		t.Fatalf("ok: %q", s)
	}
	wsWrite(t, victim, websocket.MessageText, "spin")
	start := time.Now()
	if code, _ := wsCloseOf(t, victim, 5*time.Second); code != websocket.StatusInternalError {
		t.Errorf("spinning connection: close %v", code)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("terminated after %v", d)
	}
	if code, _ := wsCloseOf(t, bystander, 5*time.Second); code != websocket.StatusInternalError {
		t.Errorf("other connection of the condemned isolate: close %v", code)
	}
	wsWrite(t, ok, websocket.MessageText, "after")
	if _, s := wsRead(t, ok); s != "echo:after" {
		t.Errorf("ok after: %q", s)
	}
	again := wsDial(t, base["spin"]+"/")
	wsWrite(t, again, websocket.MessageText, "fine")
	if _, s := wsRead(t, again); s != "echo:fine" {
		t.Errorf("spin service after the kill: %q", s)
	}
	again.Close(websocket.StatusNormalClosure, "")
	ok.Close(websocket.StatusNormalClosure, "")
}

// raceEnabled reports a -race build, whose shadow memory multiplies RSS.
func raceEnabled() bool {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "-race" && s.Value == "true" {
				return true
			}
		}
	}
	return false
}

func rssKB(t testing.TB) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status")
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			n, _ := strconv.ParseInt(strings.Fields(line)[1], 10, 64)
			return n
		}
	}
	t.Skip("no VmRSS")
	return 0
}

// TestWebSocketManyConnections holds 1000 connections open at once, all echoing, and bounds
// the memory they cost (server and client sides together, in this process).
func TestWebSocketManyConnections(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	base := server(t, inline(t, echoWorker, ""), config.Options{})
	// Warm up (isolates, code paths, buffers) before measuring.
	for k := 0; k < 20; k++ {
		c := wsDial(t, base+"/")
		wsWrite(t, c, websocket.MessageText, "warm")
		wsRead(t, c)
		c.Close(websocket.StatusNormalClosure, "")
	}
	runtime.GC()
	before := rssKB(t)
	const n = 1000
	conns := make([]*websocket.Conn, n)
	var wg sync.WaitGroup
	errs := make(chan error, n)
	start := time.Now()
	for k := 0; k < n; k++ {
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			c, _, err := websocket.Dial(ctx, wsURL(base)+"/", nil)
			if err != nil {
				errs <- err
				return
			}
			conns[k] = c
			msg := []byte("m" + strconv.Itoa(k))
			if err := c.Write(ctx, websocket.MessageText, msg); err != nil {
				errs <- err
				return
			}
			_, b, err := c.Read(ctx)
			if err != nil || !bytes.Equal(b, append([]byte("echo:"), msg...)) {
				errs <- fmt.Errorf("echo %d: %q %v", k, b, err)
			}
		}(k)
	}
	wg.Wait()
	opened := time.Since(start)
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	runtime.GC()
	after := rssKB(t)
	perConn := (after - before) * 1024 / n
	t.Logf("%d connections opened and echoed in %v; RSS %d KB -> %d KB: %d bytes per connection (both ends)", n, opened, before, after, perConn)
	if perConn > 256<<10 && !raceEnabled() {
		t.Errorf("each connection costs %d bytes", perConn)
	}
	// All still alive: a second round trip on each.
	for k, c := range conns {
		wsWrite(t, c, websocket.MessageText, "again")
		if _, s := wsRead(t, c); s != "echo:again" {
			t.Fatalf("connection %d: %q", k, s)
		}
	}
	for _, c := range conns {
		wg.Add(1)
		go func(c *websocket.Conn) { defer wg.Done(); c.Close(websocket.StatusNormalClosure, "") }(c)
	}
	wg.Wait()
}

// wsDiffWorker's cases exercise the WebSocket API; each answers JSON (or the error thrown).
const wsDiffWorker = `
const pair = () => Object.values(new WebSocketPair());
const err = (f) => { try { f(); return "no error"; } catch (e) { return [e.name, e.message, e instanceof DOMException]; } };
const tick = () => new Promise((r) => setTimeout(r, 20));
const cases = {
  globals: () => ["WebSocket", "WebSocketPair", "MessageEvent", "CloseEvent", "ErrorEvent", "Event", "EventTarget"].map((n) => typeof globalThis[n]),
  pairShape: () => { const p = new WebSocketPair(); const [a, b] = Object.values(p); return [Object.keys(p), [...p].length, p[0] === a, a instanceof EventTarget, a.readyState, a.url, a.protocol, a.extensions, a.binaryType, String(p), String(a)]; },
  constants: () => [WebSocket.CONNECTING, WebSocket.OPEN, WebSocket.CLOSING, WebSocket.CLOSED, WebSocket.READY_STATE_OPEN, pair()[0].CLOSED],
  sendBeforeAccept: () => err(() => pair()[0].send("x")),
  closeBeforeAccept: () => err(() => pair()[0].close(1000)),
  closeCodes: () => [999, 1000, 1001, 1004, 1005, 1006, 1015, 2999, 3000, 4999, 5000].map((c) => { const [a] = pair(); a.accept(); return [c, err(() => a.close(c))]; }),
  closeReasons: () => ["a".repeat(123), "a".repeat(124), "é".repeat(61), "é".repeat(62)].map((r) => { const [a] = pair(); a.accept(); return err(() => a.close(1000, r)); }),
  closeReasonNoCode: () => { const [a] = pair(); a.accept(); return err(() => a.close(undefined, "r")); },
  sendAfterClose: () => { const [a] = pair(); a.accept(); a.close(1000); return [a.readyState, err(() => a.send("x")), err(() => a.close(1000))]; },
  acceptTwice: () => { const [a] = pair(); a.accept(); a.accept(); return a.readyState; },
  binaryTypeSet: () => { const [a] = pair(); const r = [a.binaryType]; a.binaryType = "blob"; r.push(a.binaryType); a.binaryType = "nope"; r.push(a.binaryType); return r; },
  status200: () => err(() => new Response(null, { status: 200, webSocket: pair()[0] })),
  status101: () => err(() => new Response(null, { status: 101 })),
  cloneWS: () => err(() => new Response(null, { status: 101, webSocket: pair()[0] }).clone()),
  wsNotWS: () => err(() => new Response(null, { status: 101, webSocket: {} })),
  respProps: () => { const r = new Response(null, { status: 101, webSocket: pair()[0] }); return [r.status, r.ok, r.body, r.webSocket instanceof WebSocket, new Response("x").webSocket]; },
  events: () => {
    const c = new CloseEvent("close", { code: 4000, reason: "r", wasClean: true });
    const d = new CloseEvent("x");
    const m = new MessageEvent("message", { data: 1 });
    const n = new MessageEvent("m");
    return [c.type, c.code, c.reason, c.wasClean, c instanceof Event, d.code, d.reason, d.wasClean, m.data, n.data, n.origin, n.lastEventId, n.source, n.ports, m instanceof Event,
      String(c), String(m), c.bubbles, c.cancelable, c.eventPhase, c.isTrusted, c.target, typeof n.data, typeof n.origin];
  },
  exchange: async () => {
    const [client, server] = pair();
    const log = [];
    client.accept(); server.accept();
    server.onmessage = (e) => log.push(["on", typeof e.data]);
    server.addEventListener("message", (e) => log.push([e.type, typeof e.data === "string" ? e.data : Object.prototype.toString.call(e.data), e.target === server, e instanceof MessageEvent, e.origin, e.lastEventId, e.isTrusted, e.ports]));
    client.addEventListener("close", (e) => log.push(["client close", e.code, e.reason, e.wasClean, client.readyState, server.readyState, e instanceof CloseEvent]));
    server.addEventListener("close", (e) => log.push(["server close", e.code, e.reason, e.wasClean, client.readyState, server.readyState]));
    client.send("text");
    client.send(new Uint8Array([1, 2]));
    client.send(123);
    await tick();
    server.close();
    await tick();
    client.close(4000, "late");
    await tick();
    return log;
  },
  halfOpen: async () => {
    const [client, server] = pair();
    client.accept({ allowHalfOpen: true }); server.accept();
    const log = [];
    client.addEventListener("close", (e) => log.push(["client", e.code, client.readyState]));
    server.addEventListener("close", (e) => log.push(["server", e.code, server.readyState]));
    server.close(1001, "x");
    await tick();
    log.push(client.readyState);
    client.close(1000);
    await tick();
    return log;
  },
  throwingListener: async () => {
    const [client, server] = pair();
    client.accept(); server.accept();
    const log = [];
    server.addEventListener("message", () => { log.push("first"); throw new Error("listener boom"); });
    server.addEventListener("message", () => log.push("second"));
    server.addEventListener("error", (e) => log.push(["error", e.message, e.error?.message]));
    client.addEventListener("close", (e) => log.push(["client close", e.code]));
    client.send("a");
    client.send("b");
    await tick();
    log.push(server.readyState);
    return log;
  },
  newWSErrors: () => ["http://x/", "ws://x/#f", "not a url"].map((u) => err(() => new WebSocket(u))).concat([err(() => new WebSocket("ws://x/", ["a", "a"])), err(() => new WebSocket("ws://x/", "a b"))]),
  wsNoUpgrade: () => new Response(null, { status: 101, webSocket: pair()[0] }),
};
export default {
  async fetch(req) {
    const name = new URL(req.url).pathname.slice(1);
    const fn = cases[name];
    if (!fn) return new Response("no case " + name, { status: 404 });
    try {
      const v = await fn(req);
      if (v instanceof Response) return v;
      return Response.json({ ok: v });
    } catch (e) {
      return Response.json({ err: e.name, msg: e.message });
    }
  },
};
`

// TestWebSocketDifferential runs the API cases on nanod and on real workerd and compares them.
// With no flags (the 2024-09-23 date), and with the later WebSocket behaviours flagged on.
func TestWebSocketDifferential(t *testing.T) {
	t.Run("2024", func(t *testing.T) { wsDifferential(t, "") })
	t.Run("flags", func(t *testing.T) {
		wsDifferential(t, `, compatibilityFlags = ["web_socket_auto_reply_to_close", "pedantic_wpt", "websocket_close_reason_byte_limit", "websocket_standard_binary_type", "set_tostring_tag"]`)
	})
}

func wsDifferential(t *testing.T, flags string) {
	wd := oracle.RequireWorkerd(t)
	path := inline(t, wsDiffWorker, flags)
	nanod := server(t, path, config.Options{})
	port := freePort(t)
	cmd := exec.Command(wd, "serve", path, "--socket-addr", fmt.Sprintf("http=127.0.0.1:%d", port))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	workerd := fmt.Sprintf("http://127.0.0.1:%d", port)
	waitReady(t, workerd)
	for _, name := range wsCaseNames(wsDiffWorker) {
		t.Run(name, func(t *testing.T) {
			do := func(base string) string {
				code, _, body := get(t, base+"/"+name)
				return fmt.Sprintf("%d %s", code, body)
			}
			if got, want := do(nanod), do(workerd); got != want {
				t.Errorf("nanod:   %s\nworkerd: %s", got, want)
			}
		})
	}
	if testing.Verbose() {
		t.Logf("workerd stderr:\n%s", stderr.String())
	}
}

// wsCaseNames lists the keys of the cases object (its lines indented by two spaces).
func wsCaseNames(src string) []string {
	var names []string
	for _, line := range strings.Split(src, "\n") {
		if !strings.HasPrefix(line, "  ") || strings.HasPrefix(line, "   ") {
			continue
		}
		if i := strings.Index(line, ":"); i > 2 && !strings.ContainsAny(line[2:i], " (\"") {
			names = append(names, line[2:i])
		}
	}
	return names
}

// TestWebSocketNetworkDifferential talks to the same worker over real connections on nanod and on
// workerd: what the client receives and what the worker's events say must agree.
func TestWebSocketNetworkDifferential(t *testing.T) {
	wd := oracle.RequireWorkerd(t)
	worker := `
const log = [];
export default {
  fetch(req) {
    if (new URL(req.url).pathname === "/log") return Response.json(log);
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", (e) => {
      log.push(["message", typeof e.data, typeof e.data === "string" ? e.data : e.data.byteLength]);
      if (e.data === "close-me") server.close(4002, "server bye");
      else if (e.data === "close-empty") server.close();
      else server.send(e.data);
    });
    server.addEventListener("close", (e) => {
      log.push(["close", e.code, e.reason, e.wasClean, server.readyState]);
      if (server.readyState === WebSocket.CLOSING) server.close(e.code === 1005 ? 1000 : e.code, "reply " + e.reason);
    });
    server.addEventListener("error", (e) => log.push(["error", e.message]));
    return new Response(null, { status: 101, webSocket: client });
  },
};`
	path := inline(t, worker, "")
	nanod := server(t, path, config.Options{})
	workerd := serveWorkerd(t, wd, path)

	session := func(base string) string {
		var out []string
		// Client-initiated close, answered by the worker.
		c := wsDial(t, base+"/")
		wsWrite(t, c, websocket.MessageText, "hi")
		_, s := wsRead(t, c)
		wsWrite(t, c, websocket.MessageBinary, "\x00\x01")
		_, b := wsRead(t, c)
		out = append(out, s, fmt.Sprint([]byte(b)))
		err := c.Close(4001, "client bye")
		out = append(out, fmt.Sprint("client close: ", err))
		// Server-initiated close.
		c = wsDial(t, base+"/")
		wsWrite(t, c, websocket.MessageText, "close-me")
		code, reason := wsCloseOf(t, c, 5*time.Second)
		out = append(out, fmt.Sprint("server close: ", code, " ", reason))
		// Close without a code.
		c = wsDial(t, base+"/")
		wsWrite(t, c, websocket.MessageText, "close-empty")
		code, reason = wsCloseOf(t, c, 5*time.Second)
		out = append(out, fmt.Sprint("empty close: ", code, " ", reason))
		// The client vanishes.
		c = wsDial(t, base+"/")
		wsWrite(t, c, websocket.MessageText, "x")
		wsRead(t, c)
		c.CloseNow()
		time.Sleep(200 * time.Millisecond)
		// What the worker saw (nanod: the isolates of both loops).
		seen := map[string]bool{}
		for k := 0; k < 2; k++ {
			_, _, body := get(t, base+"/log")
			var entries []any
			json.Unmarshal([]byte(body), &entries)
			for _, e := range entries {
				b, _ := json.Marshal(e)
				// workerd sometimes reports this error after the close handshake, when the
				// client drops the connection right after it (a race in its pump); not modelled.
				if string(b) == `["error","Uncaught Error: Network connection lost."]` {
					continue
				}
				seen[string(b)] = true
			}
		}
		var log []string
		for k := range seen {
			log = append(log, k)
		}
		sort.Strings(log)

		return strings.Join(out, "\n") + "\n" + strings.Join(log, "\n")
	}
	if got, want := session(nanod), session(workerd); got != want {
		t.Errorf("nanod:\n%s\n\nworkerd:\n%s", got, want)
	}
}
