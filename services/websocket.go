package services

// WebSocket connections on the network side: the server end of an HTTP upgrade on a socket, and
// the client end of a worker's fetch() with `Upgrade: websocket` through a network or external
// service. Both are driven by coder/websocket and attached as the Go owner (a transport) of an
// isolate.WebSocket end; the frames then travel between the network and whichever JS end is at
// the other end of the pipe (see isolate/websocket.go).
//
// Per connection: the goroutine that serves it (the HTTP handler's, or the dialer's) reads
// frames and hands each to the pipe, which posts it as a task to the loop of the JS owner; a
// writer goroutine writes what JS sends. Reading runs at most wsReadAhead messages ahead of JS.

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"
	"weak"

	"github.com/coder/websocket"
	"github.com/nanod-runtime/nanod/isolate"
)

// WebSocketLimits bound a service's WebSocket connections (defaults as NANO's AppLimits).
type WebSocketLimits struct {
	MaxMessage     int64         // bytes per incoming message; a bigger one closes with 1009
	Idle           time.Duration // no frame either way for this long closes with 1001; 0 = never
	MaxConnections int           // open connections per service (server side); more get 503
}

// DefaultWebSocketLimits are the limits until SetWebSocketLimits changes them.
var DefaultWebSocketLimits = WebSocketLimits{MaxMessage: 32 << 20, Idle: 60 * time.Second, MaxConnections: 10000}

var (
	wsLimitsMu sync.RWMutex
	wsLimits   = DefaultWebSocketLimits
)

// SetWebSocketLimits sets the limits of connections opened from now on, process-wide (config
// has no place for them yet), and returns a function that restores the previous ones.
func SetWebSocketLimits(l WebSocketLimits) (restore func()) {
	wsLimitsMu.Lock()
	old := wsLimits
	wsLimits = l
	wsLimitsMu.Unlock()
	return func() { SetWebSocketLimits(old) }
}

func currentWSLimits() WebSocketLimits {
	wsLimitsMu.RLock()
	defer wsLimitsMu.RUnlock()
	return wsLimits
}

// wsReadAhead is how many incoming messages may wait for JS per connection before reading
// pauses (backpressure towards the client).
const wsReadAhead = 16

// wsConns counts open server-side connections per runtime and service. (A weak key: the
// count must not keep a closed runtime alive.)
var wsConns sync.Map // wsConnKey -> *atomic.Int64

type wsConnKey struct {
	rt      weak.Pointer[Runtime]
	service string
}

// isWebSocketUpgrade reports whether r asks for a WebSocket (HTTP/1.1 Upgrade).
func isWebSocketUpgrade(r *http.Request) bool {
	return r.ProtoMajor == 1 && r.Method == http.MethodGet && headerHasToken(r.Header, "Upgrade", "websocket") &&
		headerHasToken(r.Header, "Connection", "upgrade")
}

func headerHasToken(h http.Header, name, token string) bool {
	for _, v := range h.Values(name) {
		for _, t := range strings.Split(v, ",") {
			if strings.EqualFold(strings.TrimSpace(t), token) {
				return true
			}
		}
	}
	return false
}

// wsUpgrade is an HTTP request asking for a WebSocket, while its service answers.
type wsUpgrade struct {
	r        *http.Request
	count    *atomic.Int64
	limits   WebSocketLimits
	reserved bool
}

// prepareUpgrade reserves a connection slot for an upgrade request; it answers 503 itself (and
// reports false) when the service is at its limit.
func (h *socketHandler) prepareUpgrade(w http.ResponseWriter, r *http.Request, sink *httpSink) bool {
	if !isWebSocketUpgrade(r) {
		return true
	}
	lim := currentWSLimits()
	v, _ := wsConns.LoadOrStore(wsConnKey{weak.Make(h.rt), h.sock.Service.Service}, new(atomic.Int64))
	count := v.(*atomic.Int64)
	if n := count.Add(1); lim.MaxConnections > 0 && n > int64(lim.MaxConnections) {
		count.Add(-1)
		h.rt.log.Warn("limit hit", "service", h.sock.Service.Service, "limit", "websockets", "max", lim.MaxConnections)
		w.Header().Set("Content-Type", "text/plain;charset=UTF-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		io.WriteString(w, "Service is overloaded: too many WebSocket connections.\n")
		return false
	}
	sink.upgrade = &wsUpgrade{r: r, count: count, limits: lim, reserved: true}
	return true
}

// release gives the slot back (the response was not a WebSocket, or the connection ended).
func (u *wsUpgrade) release() {
	if u != nil && u.reserved {
		u.reserved = false
		u.count.Add(-1)
	}
}

// AcceptWebSocket is the worker's 101 response: the serving goroutine completes the upgrade.
func (s *httpSink) AcceptWebSocket(status int, _ string, header [][2]string, ws *isolate.WebSocket) {
	s.events <- sinkEvent{status: status, header: header, ws: ws}
}

// handshake headers that coder/websocket writes itself (or that must not be copied).
var wsSkipHeaders = map[string]bool{"upgrade": true, "connection": true, "sec-websocket-accept": true,
	"sec-websocket-extensions": true, "sec-websocket-protocol": true, "content-length": true, "transfer-encoding": true}

// acceptWebSocket completes the upgrade of a request whose worker answered with a WebSocket
// (header: the 101's headers, with the socket's injected ones), and serves the connection until
// it ends, on the goroutine of the HTTP handler.
func (s *httpSink) acceptWebSocket(w http.ResponseWriter, ev sinkEvent, header [][2]string) {
	u := s.upgrade
	if u == nil {
		ev.ws.Abort(1011, "")
		w.Header()["Content-Type"] = nil
		w.WriteHeader(http.StatusInternalServerError)
		io.WriteString(w, "Internal Server Error")
		return
	}
	defer u.release()
	var protos []string
	hdr := w.Header()
	for _, kv := range header {
		if kv[0] == "sec-websocket-protocol" {
			protos = append(protos, strings.TrimSpace(kv[1]))
		}
		if !wsSkipHeaders[kv[0]] {
			hdr[http.CanonicalHeaderKey(kv[0])] = append(hdr[http.CanonicalHeaderKey(kv[0])], kv[1])
		}
	}
	c, err := websocket.Accept(w, u.r, &websocket.AcceptOptions{Subprotocols: protos, InsecureSkipVerify: true})
	if err != nil {
		// Accept has answered the client (400, 426…).
		ev.ws.Abort(1006, "")
		return
	}
	newWSConn(c, ev.ws, u.limits).serve()
}

// wsConn is the transport of one network connection: the Go owner of an isolate.WebSocket end.
type wsConn struct {
	c      *websocket.Conn
	end    *isolate.WebSocket
	limits WebSocketLimits
	ctx    context.Context
	cancel context.CancelFunc
	last   atomic.Int64 // unix nanos of the last frame either way

	mu      sync.Mutex
	queue   []wsOut
	closing bool // a close is queued or done: later messages are dropped
	wake    chan struct{}
	done    chan struct{} // the writer has finished
}

type wsOut struct {
	m     isolate.WebSocketMessage
	abort bool
}

func newWSConn(c *websocket.Conn, end *isolate.WebSocket, lim WebSocketLimits) *wsConn {
	ctx, cancel := context.WithCancel(context.Background())
	t := &wsConn{c: c, end: end, limits: lim, ctx: ctx, cancel: cancel, wake: make(chan struct{}, 1), done: make(chan struct{})}
	if lim.MaxMessage > 0 {
		c.SetReadLimit(lim.MaxMessage)
	} else {
		c.SetReadLimit(-1)
	}
	t.touch()
	return t
}

func (t *wsConn) touch() { t.last.Store(time.Now().UnixNano()) }

// Deliver queues a message from the other end for writing (isolate.WebSocketTransport).
func (t *wsConn) Deliver(m isolate.WebSocketMessage) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closing {
		return
	}
	if m.Kind != isolate.WSText && m.Kind != isolate.WSBinary {
		t.closing = true
	}
	t.queue = append(t.queue, wsOut{m: m})
	t.signal()
}

// Abort closes the connection with code: the other end is gone (isolate.WebSocketTransport).
func (t *wsConn) Abort(code int, reason string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closing {
		return
	}
	t.closing = true
	t.queue = append(t.queue, wsOut{m: isolate.WebSocketMessage{Code: code, Reason: reason}, abort: true})
	t.signal()
}

func (t *wsConn) signal() {
	select {
	case t.wake <- struct{}{}:
	default:
	}
}

// serve runs the connection: it attaches the transport, reads until the connection ends, and
// then waits for the writer.
func (t *wsConn) serve() {
	go t.writer()
	t.end.Attach(t)
	var idle *time.Timer
	if d := t.limits.Idle; d > 0 {
		var check func()
		check = func() {
			since := time.Duration(time.Now().UnixNano() - t.last.Load())
			if since < d {
				idle.Reset(d - since)
				return
			}
			t.closeIdle()
		}
		idle = time.AfterFunc(d, check)
	}
	t.read()
	if idle != nil {
		idle.Stop()
	}
	// Whatever happened, the other end learns that this one is gone (a no-op after a close).
	// Reading ends when the connection has closed, so the writer has nothing left to do but
	// finish a close handshake it may be in.
	t.end.Abort(1006, "")
	t.cancel()
	<-t.done
	t.c.CloseNow()
}

// closeIdle closes an idle connection with 1001; JS sees the same close.
func (t *wsConn) closeIdle() {
	const reason = "WebSocket idle timeout"
	t.mu.Lock()
	if t.closing {
		t.mu.Unlock()
		return
	}
	t.closing = true
	t.queue = append(t.queue, wsOut{m: isolate.WebSocketMessage{Kind: isolate.WSClose, Code: 1001, Reason: reason}})
	t.signal()
	t.mu.Unlock()
	t.end.Send(isolate.WebSocketMessage{Kind: isolate.WSClose, Code: 1001, Reason: reason}, nil)
}

// read hands incoming messages to the pipe until the connection ends.
func (t *wsConn) read() {
	sem := make(chan struct{}, wsReadAhead)
	release := func() { <-sem }
	for {
		typ, data, err := t.c.Read(t.ctx)
		if err != nil {
			var ce websocket.CloseError
			switch {
			case errors.As(err, &ce):
				t.touch()
				t.end.Send(isolate.WebSocketMessage{Kind: isolate.WSClose, Code: int(ce.Code), Reason: ce.Reason}, nil)
			case errors.Is(err, websocket.ErrMessageTooBig):
				t.end.Send(isolate.WebSocketMessage{Kind: isolate.WSError, Reason: "WebSocket message is larger than the limit of " +
					itoa64(t.limits.MaxMessage) + " bytes."}, nil)
			}
			return
		}
		t.touch()
		m := isolate.WebSocketMessage{Kind: isolate.WSBinary, Data: data}
		if typ == websocket.MessageText {
			m.Kind = isolate.WSText
		}
		select {
		case sem <- struct{}{}:
		case <-t.ctx.Done():
			return
		}
		t.end.Send(m, release)
	}
}

// writer writes what the other end sends, in order, and performs the close.
func (t *wsConn) writer() {
	defer close(t.done)
	for {
		select {
		case <-t.wake:
		case <-t.ctx.Done():
			return
		}
		t.mu.Lock()
		q := t.queue
		t.queue = nil
		t.mu.Unlock()
		for _, o := range q {
			m := o.m
			if o.abort {
				if m.Code == 1006 || m.Code == 0 {
					t.c.CloseNow()
				} else {
					t.c.Close(websocket.StatusCode(m.Code), wsReason(m.Reason))
				}
				return
			}
			var err error
			switch m.Kind {
			case isolate.WSText:
				err = t.c.Write(t.ctx, websocket.MessageText, m.Data)
			case isolate.WSBinary:
				err = t.c.Write(t.ctx, websocket.MessageBinary, m.Data)
			case isolate.WSClose:
				t.c.Close(websocket.StatusCode(m.Code), wsReason(m.Reason))
				return
			case isolate.WSError:
				t.c.Close(websocket.StatusInternalError, "")
				return
			}
			if err != nil {
				t.c.CloseNow()
				return
			}
			t.touch()
		}
	}
}

// wsReason cuts a close reason to the 123 bytes a Close frame can carry, on a rune boundary.
func wsReason(s string) string {
	if len(s) <= 123 {
		return s
	}
	s = s[:123]
	for len(s) > 0 && !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s
}

func itoa64(n int64) string {
	var b [20]byte
	i := len(b)
	if n == 0 {
		return "0"
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// Sinks between a worker and the socket pass a WebSocket through.

// AcceptWebSocket ends the request's bookkeeping (a 101 counts as answered) and passes the end on.
func (s *limitedSink) AcceptWebSocket(status int, text string, h [][2]string, ws *isolate.WebSocket) {
	if s.done {
		ws.Abort(1011, "The request has already finished.")
		return
	}
	s.status = status
	s.finish(nil)
	acceptOrFail(s.inner, status, text, h, ws)
}

func (s hopSink) AcceptWebSocket(status int, text string, h [][2]string, ws *isolate.WebSocket) {
	s.owner.Post(func() { acceptOrFail(s.inner, status, text, h, ws) })
}

func acceptOrFail(sink isolate.ResponseSink, status int, text string, h [][2]string, ws *isolate.WebSocket) {
	if a, ok := sink.(isolate.WebSocketAcceptor); ok {
		a.AcceptWebSocket(status, text, h, ws)
		return
	}
	ws.Abort(1011, "")
	sink.End(errors.New("this response cannot carry a WebSocket"))
}

// ---- client side ------------------------------------------------------------------------

// isWebSocketRequest reports whether a worker's subrequest asks for a WebSocket.
func isWebSocketRequest(h [][2]string) bool {
	for _, kv := range h {
		if strings.EqualFold(kv[0], "upgrade") && strings.EqualFold(strings.TrimSpace(kv[1]), "websocket") {
			return true
		}
	}
	return false
}

// wsClients caches, per http.Client, a copy that speaks only HTTP/1.1 (the upgrade needs it).
var wsClients sync.Map // weak.Pointer[http.Client] -> *http.Client

func http1Client(c *http.Client) *http.Client {
	key := weak.Make(c)
	if v, ok := wsClients.Load(key); ok {
		return v.(*http.Client)
	}
	cc := *c
	if tr, ok := c.Transport.(*http.Transport); ok {
		t := tr.Clone()
		t.ForceAttemptHTTP2 = false
		t.TLSNextProto = map[string]func(string, *tls.Conn) http.RoundTripper{}
		if t.TLSClientConfig != nil {
			t.TLSClientConfig.NextProtos = []string{"http/1.1"}
		}
		cc.Transport = t
	}
	v, _ := wsClients.LoadOrStore(key, &cc)
	return v.(*http.Client)
}

// dialWebSocket opens a WebSocket to target for a worker's subrequest and answers sink with a
// 101 response carrying its end (or with the server's non-101 response).
func dialWebSocket(client *http.Client, l *isolate.Loop, req *isolate.Request, target string, sink isolate.ResponseSink) {
	if req.Body != nil {
		req.Body.Close()
	}
	hdr := http.Header{}
	var protos []string
	host := ""
	for _, kv := range req.Header {
		name := strings.ToLower(kv[0])
		switch name {
		case "host":
			host = kv[1]
		case "sec-websocket-protocol":
			for _, p := range strings.Split(kv[1], ",") {
				if p = strings.TrimSpace(p); p != "" {
					protos = append(protos, p)
				}
			}
		case "upgrade", "connection", "sec-websocket-key", "sec-websocket-version", "sec-websocket-extensions",
			"content-length", "transfer-encoding":
		default:
			hdr.Add(kv[0], kv[1])
		}
	}
	lim := currentWSLimits()
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		c, resp, err := websocket.Dial(ctx, target, &websocket.DialOptions{HTTPClient: http1Client(client),
			HTTPHeader: hdr, Host: host, Subprotocols: protos})
		cancel()
		if err != nil {
			if resp != nil && resp.StatusCode != http.StatusSwitchingProtocols {
				// The server declined: the worker gets its response (at most 1 KiB of body).
				status, header := resp.StatusCode, flatHeader(resp.Header)
				var body []byte
				if resp.Body != nil {
					body, _ = io.ReadAll(resp.Body)
				}
				l.Post(func() { isolate.RespondWhole(sink, status, "", header, body) })
				return
			}
			l.Post(func() { sink.End(err) })
			return
		}
		goEnd, jsEnd := isolate.NewWebSocketPipe()
		header := flatHeader(resp.Header)
		l.Post(func() { acceptOrFail(sink, http.StatusSwitchingProtocols, "Switching Protocols", header, jsEnd) })
		newWSConn(c, goEnd, lim).serve()
	}()
}

func flatHeader(h http.Header) [][2]string {
	var out [][2]string
	for name, values := range h {
		for _, v := range values {
			out = append(out, [2]string{strings.ToLower(name), v})
		}
	}
	return out
}
