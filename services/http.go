package services

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/nanod-runtime/nanod/config"
	"github.com/nanod-runtime/nanod/isolate"
)

// bodyChunk is the size of one read from a request or response body.
const bodyChunk = 64 << 10

// socketHandler serves one config socket: each request goes to one loop, then to the socket's
// service on that loop. Bodies stream both ways without being held whole in memory.
type socketHandler struct {
	rt     *Runtime
	sock   *config.Socket
	target isolate.Fetcher
	scheme string
}

func (rt *Runtime) handler(s *config.Socket) http.Handler {
	scheme := "http"
	if s.Kind == config.SocketHTTPS {
		scheme = "https"
	}
	return &socketHandler{rt: rt, sock: s, target: rt.Target(s.Service), scheme: scheme}
}

func (h *socketHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	req := &isolate.Request{Method: r.Method, URL: h.requestURL(r)}
	req.Header = append(req.Header, [2]string{"host", r.Host})
	for name, values := range r.Header {
		for _, v := range values {
			req.Header = append(req.Header, [2]string{strings.ToLower(name), v})
		}
	}
	// net/http moves Transfer-Encoding out of the header map; the worker sees it, as in workerd.
	if len(r.TransferEncoding) > 0 {
		req.Header = append(req.Header, [2]string{"transfer-encoding", strings.Join(r.TransferEncoding, ", ")})
	}
	req.Header = inject(req.Header, h.sock.HTTP.InjectRequestHeaders)
	if r.ContentLength != 0 && r.Body != nil && r.Body != http.NoBody {
		req.Body = newReaderBody(r.Body)
	}
	sink := newHTTPSink(r.Context())
	if !h.prepareUpgrade(w, r, sink) {
		return
	}
	defer sink.upgrade.release()
	loop := h.rt.pickLoop()
	loop.Post(func() { h.target.Fetch(loop, req, sink) })
	sink.serve(w, loop, h.sock.HTTP.InjectResponseHeaders, func(err error) {
		h.rt.log.Error("request failed", "socket", h.sock.Name, "service", h.sock.Service.Service,
			"method", r.Method, "url", req.URL, "error", err.Error())
	})
}

// requestURL rebuilds the URL the worker sees, as workerd does for host-style and proxy-style
// sockets (and the forwarded-proto header, when configured).
func (h *socketHandler) requestURL(r *http.Request) string {
	if h.sock.HTTP.ProxyStyle && r.URL.IsAbs() {
		return r.URL.String()
	}
	scheme := h.scheme
	if hdr := h.sock.HTTP.ForwardedProtoHeader; hdr != "" {
		if p := r.Header.Get(hdr); p != "" {
			scheme = strings.ToLower(p)
		}
	}
	return scheme + "://" + r.Host + r.URL.RequestURI()
}

// inject applies configured headers: each replaces any header of the same name; a header
// without a value only removes.
func inject(h [][2]string, extra []config.Header) [][2]string {
	for _, e := range extra {
		name := strings.ToLower(e.Name)
		out := h[:0:0]
		for _, kv := range h {
			if !strings.EqualFold(kv[0], name) {
				out = append(out, kv)
			}
		}
		h = out
		if !e.Remove {
			h = append(h, [2]string{name, e.Value})
		}
	}
	return h
}

// readerBody is a BodySource over an io.ReadCloser: each Read reads on its own goroutine and
// delivers the chunk back on the loop.
type readerBody struct {
	r    io.ReadCloser
	once sync.Once
}

func newReaderBody(r io.ReadCloser) *readerBody { return &readerBody{r: r} }

func (b *readerBody) Read(l *isolate.Loop, deliver func([]byte, error)) {
	go func() {
		buf := make([]byte, bodyChunk)
		n, err := io.ReadAtLeast(b.r, buf, 1)
		if err == io.ErrUnexpectedEOF {
			err = nil
		}
		if n > 0 {
			err = nil
		}
		l.Post(func() { deliver(buf[:n], err) })
	}()
}

func (b *readerBody) Close() { b.once.Do(func() { b.r.Close() }) }

// httpSink carries a response from the loop to the goroutine serving the HTTP request.
type httpSink struct {
	ctx     context.Context
	events  chan sinkEvent
	upgrade *wsUpgrade // set for a WebSocket upgrade request (websocket.go)
}

type sinkEvent struct {
	whole  bool // start, body and end in one event
	start  bool
	status int
	header [][2]string
	chunk  []byte
	done   func(error)
	end    bool
	err    error
	ws     *isolate.WebSocket // a 101 response handing over a WebSocket (websocket.go)
}

func newHTTPSink(ctx context.Context) *httpSink {
	return &httpSink{ctx: ctx, events: make(chan sinkEvent, 4)}
}

func (s *httpSink) Start(status int, _ string, header [][2]string) {
	s.events <- sinkEvent{start: true, status: status, header: header}
}

func (s *httpSink) Write(chunk []byte, done func(error)) {
	s.events <- sinkEvent{chunk: chunk, done: done}
}

func (s *httpSink) End(err error) {
	s.events <- sinkEvent{end: true, err: err}
}

// RespondWhole is the one-event fast path for a response already in memory.
func (s *httpSink) RespondWhole(status int, _ string, header [][2]string, body []byte) {
	s.events <- sinkEvent{whole: true, status: status, header: header, chunk: body}
}

// errClientGone reports that the client went away before the response was written.
var errClientGone = errors.New("client disconnected")

// serve writes events to w until the response ends. Write completions go back to the loop.
func (s *httpSink) serve(w http.ResponseWriter, l *isolate.Loop, injected []config.Header, logErr func(error)) {
	started := false
	fl, _ := w.(http.Flusher)
	for {
		var ev sinkEvent
		select {
		case ev = <-s.events:
		case <-s.ctx.Done():
			// Keep draining so the loop never blocks on a gone client; fail pending writes.
			go func() {
				for ev := range s.events {
					if ev.done != nil {
						d := ev.done
						l.Post(func() { d(errClientGone) })
					}
					if ev.ws != nil {
						ev.ws.Abort(1001, "")
						return
					}
					if ev.end {
						return
					}
				}
			}()
			return
		}
		switch {
		case ev.ws != nil:
			s.acceptWebSocket(w, ev, inject(ev.header, injected))
			return
		case ev.whole:
			hdr := w.Header()
			for _, kv := range inject(ev.header, injected) {
				hdr[http.CanonicalHeaderKey(kv[0])] = append(hdr[http.CanonicalHeaderKey(kv[0])], kv[1])
			}
			if hdr.Get("Content-Length") == "" {
				hdr.Set("Content-Length", strconv.Itoa(len(ev.chunk)))
			}
			w.WriteHeader(ev.status)
			w.Write(ev.chunk)
			return
		case ev.start:
			started = true
			hdr := w.Header()
			for _, kv := range inject(ev.header, injected) {
				hdr[http.CanonicalHeaderKey(kv[0])] = append(hdr[http.CanonicalHeaderKey(kv[0])], kv[1])
			}
			if _, ok := hdr["Content-Type"]; !ok {
				hdr["Content-Type"] = nil // as workerd: no type the worker did not set (no sniffing)
			}
			w.WriteHeader(ev.status)
		case ev.done != nil:
			_, err := w.Write(ev.chunk)
			if err == nil && fl != nil && len(s.events) == 0 {
				fl.Flush()
			}
			d := ev.done
			l.Post(func() { d(err) })
		case ev.end:
			if ev.err != nil {
				logErr(ev.err)
				if !started {
					// As workerd: a bare status with a plain body and no content type.
					status, body := statusFor(ev.err)
					w.Header()["Content-Type"] = nil
					w.WriteHeader(status)
					io.WriteString(w, body)
				} else {
					// Headers are out: abort the connection so the client sees a truncated body.
					panic(http.ErrAbortHandler)
				}
			} else if !started {
				w.WriteHeader(http.StatusNoContent)
			}
			return
		}
	}
}

// listen opens the socket's listener.
func listen(s *config.Socket) (net.Listener, error) {
	addr, err := config.ParseAddress(s.Address, "80")
	if err != nil {
		return nil, err
	}
	ln, err := listenAddr(addr)
	if err != nil {
		return nil, fmt.Errorf("socket %q: %w", s.Name, err)
	}
	return ln, nil
}

func listenAddr(a config.Address) (net.Listener, error) {
	return net.Listen(a.Network, a.ListenAddr())
}
