package isolate

import (
	"encoding/json"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// wsIsolate makes a test isolate configured with the given enabled compatibility flags.
func wsIsolate(t *testing.T, enabled ...string) *Isolate {
	t.Helper()
	iso, _ := newTestIsolate(t)
	flags := map[string]bool{}
	for _, f := range enabled {
		flags[f] = true
	}
	spec, _ := json.Marshal(map[string]any{"env": []any{}, "compatDate": "2024-09-23", "compatFlags": []string{},
		"compatEnabled": flags, "modules": true, "name": "test"})
	var err error
	iso.Loop.Call(func() {
		arr, e := iso.ctx.RunScript("[]", "x")
		if e != nil {
			err = e
			return
		}
		v, e := iso.call("configure", iso.str(string(spec)), arr)
		if e == nil {
			v.Release()
		}
		err = e
	})
	if err != nil {
		t.Fatal(err)
	}
	return iso
}

func TestWebSocketPairAPI(t *testing.T) {
	check(t, map[string]string{
		`const p = new WebSocketPair(); const [a, b] = Object.values(p);
		 return [Object.keys(p), a instanceof WebSocket, b instanceof WebSocket, p[0] === a, [...p].length, a.readyState, a.url, a.protocol, a.extensions, a.binaryType,
		   WebSocket.OPEN, WebSocket.READY_STATE_CLOSED, a.CLOSING, String(p), String(a)]`: `[["0","1"],true,true,true,2,1,null,"","","arraybuffer",1,3,2,"[object WebSocketPair]","[object WebSocket]"]`,
		`const [a] = Object.values(new WebSocketPair()); try { a.send("x"); } catch (e) { return [e.name, e.message]; }`:                                                                                                                   `["TypeError","You must call one of accept() or state.acceptWebSocket() on this WebSocket before sending messages."]`,
		`const [a] = Object.values(new WebSocketPair()); try { a.close(999); } catch (e) { return [e.name, e.message, e instanceof DOMException]; }`:                                                                                       `["InvalidAccessError","Invalid WebSocket close code: 999.",true]`,
		`const [a] = Object.values(new WebSocketPair()); try { a.close(1005); } catch (e) { return [e.name, e.message]; }`:                                                                                                                 `["InvalidAccessError","Invalid WebSocket close code: 1005."]`,
		`const [a] = Object.values(new WebSocketPair()); try { a.close(undefined, "why"); } catch (e) { return [e.name, e.message]; }`:                                                                                                     `["InvalidAccessError","If you specify a WebSocket close reason, you must also specify a code."]`,
		`const [a] = Object.values(new WebSocketPair()); a.accept(); a.close(1000, "x".repeat(200)); try { a.send("x"); } catch (e) { return [e.name, e.message, a.readyState]; }`:                                                         `["TypeError","Can't call WebSocket send() after close().",2]`,
		`const [a] = Object.values(new WebSocketPair()); a.accept(); try { new Response(null, { status: 101, webSocket: a }); return "ok"; } catch (e) { return e.message; }`:                                                              `"ok"`,
		`const [a] = Object.values(new WebSocketPair()); try { new Response(null, { status: 200, webSocket: a }); } catch (e) { return [e.name, e.message]; }`:                                                                             `["RangeError","Responses with a WebSocket must have status code 101."]`,
		`try { new Response(null, { status: 101 }); } catch (e) { return [e.name, e.message]; }`:                                                                                                                                           `["RangeError","Responses may only be constructed with status codes in the range 200 to 599, inclusive."]`,
		`const [a] = Object.values(new WebSocketPair()); try { new Response(null, { status: 101, webSocket: a }).clone(); } catch (e) { return e.message; }`:                                                                               `"Cannot clone a response to a WebSocket handshake."`,
		`const e = new CloseEvent("close", { code: 4000, reason: "r", wasClean: true }); return [e.type, e.code, e.reason, e.wasClean, e instanceof Event, new MessageEvent("message", {data: 1}).data, new MessageEvent("message").data]`: `["close",4000,"r",true,true,1,null]`,
		`try { new WebSocket("http://example.com/"); } catch (e) { return [e.name, e.message]; }`:                                                                                                                                          `["SyntaxError","WebSocket Constructor: The url scheme must be ws or wss."]`,
		`try { new WebSocket("ws://example.com/#x"); } catch (e) { return [e.name, e.message]; }`:                                                                                                                                          `["SyntaxError","WebSocket Constructor: The url fragment must be empty."]`,
		`try { new WebSocket("ws://example.com/", ["a", "a"]); } catch (e) { return [e.name, e.message]; }`:                                                                                                                                `["SyntaxError","WebSocket Constructor: The protocols header cannot have repeating values."]`,
	})
}

func TestWebSocketPairMessages(t *testing.T) {
	iso := wsIsolate(t)
	got := iso.eval(t, `
		const [client, server] = Object.values(new WebSocketPair());
		const seen = [];
		client.accept();
		client.send("queued before accept");
		server.accept();
		server.addEventListener("message", (e) => { seen.push(typeof e.data === "string" ? e.data : [...new Uint8Array(e.data)]); if (seen.length === 4) server.close(4001, "done"); });
		client.send("hello");
		client.send(new Uint8Array([1, 2, 3]));
		client.send(new Uint16Array([0x0201]).buffer);
		const ev = await new Promise((resolve) => { client.onclose = resolve; });
		return [seen, ev.code, ev.reason, ev.wasClean, client.readyState, server.readyState, ev instanceof CloseEvent];
	`)
	want := `[["queued before accept","hello",[1,2,3],[1,2]],4001,"done",true,2,2,true]`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestWebSocketAutoReplyToClose(t *testing.T) {
	script := `
		const [client, server] = Object.values(new WebSocketPair());
		client.accept(); server.accept();
		const serverClose = new Promise((resolve) => server.addEventListener("close", (e) => resolve([e.code, e.reason, server.readyState])));
		const r = await new Promise((resolve) => client.addEventListener("close", (e) => resolve([e.code, e.wasClean, client.readyState])));
		const timeout = new Promise((resolve) => setTimeout(() => resolve("no close at server"), 50));
		server.close(1000, "bye");
		return [r, await Promise.race([serverClose, timeout])];`
	// The close is sent before waiting, so move it first.
	script = strings.Replace(script, `const r = await`, `server.close(1000, "bye"); const r = await`, 1)
	script = strings.Replace(script, "\n\t\tserver.close(1000, \"bye\");\n", "\n", 1)
	if got, want := wsIsolate(t).eval(t, script), `[[1000,true,2],"no close at server"]`; got != want {
		t.Errorf("manual reply: got %s, want %s", got, want)
	}
	if got, want := wsIsolate(t, "web_socket_auto_reply_to_close").eval(t, script), `[[1000,true,3],[1000,"bye",3]]`; got != want {
		t.Errorf("auto reply: got %s, want %s", got, want)
	}
}

func TestWebSocketPedanticCloseCodes(t *testing.T) {
	iso := wsIsolate(t, "pedantic_wpt", "websocket_close_reason_byte_limit")
	got := iso.eval(t, `
		const [a] = Object.values(new WebSocketPair());
		const r = [];
		for (const args of [[1001], [2999], [1000, "é".repeat(62)]]) { try { a.close(...args); r.push("ok"); } catch (e) { r.push(e.name + ": " + e.message); } }
		return r;`)
	want := `["InvalidAccessError: Invalid WebSocket close code: 1001.","InvalidAccessError: Invalid WebSocket close code: 2999.","SyntaxError: WebSocket close reason must not be longer than 123 bytes when UTF-8 encoded."]`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// goTransport records what a Go owner of an end receives.
type goTransport struct {
	mu   sync.Mutex
	msgs []string
	ch   chan struct{}
}

func (g *goTransport) add(s string) {
	g.mu.Lock()
	g.msgs = append(g.msgs, s)
	g.mu.Unlock()
	select {
	case g.ch <- struct{}{}:
	default:
	}
}

func (g *goTransport) Deliver(m WebSocketMessage) {
	switch m.Kind {
	case WSText:
		g.add("text:" + string(m.Data))
	case WSBinary:
		g.add("binary:" + string(m.Data))
	case WSClose:
		g.add("close:" + strconv.Itoa(m.Code) + ":" + m.Reason)
	case WSError:
		g.add("error:" + m.Reason)
	}
}
func (g *goTransport) Abort(code int, reason string) { g.add("abort:" + strconv.Itoa(code)) }

func (g *goTransport) wait(t *testing.T, n int) []string {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		g.mu.Lock()
		if len(g.msgs) >= n {
			out := append([]string(nil), g.msgs...)
			g.mu.Unlock()
			return out
		}
		g.mu.Unlock()
		select {
		case <-g.ch:
		case <-deadline:
			t.Fatalf("got %v, want %d messages", g.msgs, n)
		}
	}
}

// wsFetcher answers every fetch with a 101 response whose WebSocket end it hands over.
type wsFetcher struct{ end *WebSocket }

func (f wsFetcher) Fetch(l *Loop, req *Request, sink ResponseSink) {
	sink.(WebSocketAcceptor).AcceptWebSocket(101, "Switching Protocols", [][2]string{{"sec-websocket-protocol", "chat"}}, f.end)
}

// TestWebSocketGoEnd drives a JS end from Go, as a network connection does: fetch() returns a
// response whose webSocket the worker accepts, and echoes.
func TestWebSocketGoEnd(t *testing.T) {
	iso := wsIsolate(t)
	goEnd, jsEnd := NewWebSocketPipe()
	tr := &goTransport{ch: make(chan struct{}, 1)}
	goEnd.Attach(tr)
	iso.Loop.Call(func() { iso.fetchers = []Fetcher{wsFetcher{jsEnd}} })
	got := iso.eval(t, `
		const r = await fetch("http://example.com/", { headers: { upgrade: "websocket" } });
		const ws = r.webSocket;
		ws.accept();
		ws.addEventListener("message", (e) => ws.send(typeof e.data === "string" ? "echo " + e.data : e.data));
		ws.addEventListener("close", (e) => ws.close(e.code, "reply " + e.reason));
		return [r.status, r.headers.get("sec-websocket-protocol"), r.body, ws.readyState];`)
	if want := `[101,"chat",null,1]`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	goEnd.Send(WebSocketMessage{Kind: WSText, Data: []byte("hi")}, nil)
	goEnd.Send(WebSocketMessage{Kind: WSBinary, Data: []byte{'b', 'y'}}, nil)
	goEnd.Send(WebSocketMessage{Kind: WSClose, Code: 4000, Reason: "x"}, nil)
	msgs := tr.wait(t, 3)
	if got, want := strings.Join(msgs, " "), "text:echo hi binary:by close:4000:reply x"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	iso.Loop.Call(func() {
		if r, ok := wsRegistries.Load(iso); ok {
			t.Errorf("the finished end is still registered: %v", r.(*wsRegistry).ends)
		}
		if iso.Busy() {
			t.Errorf("isolate still busy after the socket closed")
		}
	})
}
