package isolate

import (
	"errors"
	"strconv"
	"sync"

	"rogchap.com/v8go"
)

// WebSockets (the JS side is js/websocket.js).
//
// A connection is a pipe with two ends. Each end has one owner at a time: the JS WebSocket object
// of an isolate (a WebSocketPair end, or the webSocket of a fetch() response), or a Go transport
// (a network connection that services/ drives with coder/websocket). Whatever the owner of one
// end sends is delivered to the owner of the other end. Handing an end on — returning it in a
// 101 response, or receiving it from a service binding — only changes its owner: a worker that
// returns `new Response(null, {status: 101, webSocket: client})` makes the HTTP connection the
// owner of `client`, so frames go straight between the network and the `server` end; no pump
// copies them through an intermediate end.
//
// Delivery to a JS owner is a task on the owner isolate's loop, one turn per message (so the CPU
// limit applies to each message handler); delivery to a Go transport is a non-blocking call.
// Messages wait in the end's inbox while it has no owner ready to take them: a JS end that has
// not been accept()ed, or an end in transit to a sink that has not yet attached its transport.
// A pipe's state is guarded by its mutex, so the two ends may live on different loops (a service
// kept off some loops by its isolates limit) and transports may call in from any goroutine.

// MessageKind is the kind of a WebSocketMessage.
type MessageKind int

const (
	WSText   MessageKind = iota // a text message (Data is UTF-8)
	WSBinary                    // a binary message
	WSClose                     // a Close frame (Code 1005: no status code)
	WSError                     // the sender's side failed (Reason says why): an error event in JS
	WSAbort                     // the sender vanished without a close: Code is what a network peer should see
)

// WebSocketMessage is one message between the two ends of a WebSocket pipe.
type WebSocketMessage struct {
	Kind   MessageKind
	Data   []byte
	Code   int
	Reason string
}

// WebSocketTransport is a Go owner of a WebSocket end: a network connection. Its methods are
// called with the pipe locked, from any goroutine: they must not block nor call back into the
// pipe.
type WebSocketTransport interface {
	// Deliver hands over a message the other end sent (text, binary, close or error).
	Deliver(m WebSocketMessage)
	// Abort reports that the other end vanished; the transport should close with code.
	Abort(code int, reason string)
}

// WebSocketAcceptor is an optional ResponseSink method for responses that carry a WebSocket
// (status 101). The sink becomes the owner of ws: it must Attach a transport, Adopt it into an
// isolate, or Abort it. Called on the loop, instead of Start/End.
type WebSocketAcceptor interface {
	AcceptWebSocket(status int, statusText string, header [][2]string, ws *WebSocket)
}

type wsPipe struct{ mu sync.Mutex }

// WebSocket is one end of a WebSocket pipe.
type WebSocket struct {
	p    *wsPipe
	peer *WebSocket

	// The owner, guarded by p.mu: an isolate (iso, id; accepted once JS calls accept()), a
	// transport, or nobody (in transit).
	iso      *Isolate
	id       int32
	accepted bool
	t        WebSocketTransport

	inbox     []wsItem
	scheduled bool // a drain task is posted to iso's loop
	sentClose bool // the owner sent a Close
	gotClose  bool // a Close, error or abort reached the owner
	gone      bool // the owner vanished (Abort)
}

type wsItem struct {
	m    WebSocketMessage
	done func()
}

// NewWebSocketPipe makes the two ends of a new pipe, both without an owner.
func NewWebSocketPipe() (*WebSocket, *WebSocket) {
	p := &wsPipe{}
	a, b := &WebSocket{p: p}, &WebSocket{p: p}
	a.peer, b.peer = b, a
	return a, b
}

// Send sends m from w's owner to the other end. done, if not nil, is called (from whatever
// goroutine delivers it) once the other end's owner has taken the message: transports use it
// to bound how much they read ahead. Safe from any goroutine.
func (w *WebSocket) Send(m WebSocketMessage, done func()) {
	w.p.mu.Lock()
	defer w.p.mu.Unlock()
	if w.gone || (w.sentClose && m.Kind != WSAbort) {
		if done != nil {
			done()
		}
		return
	}
	if m.Kind == WSClose {
		w.sentClose = true
	}
	w.peer.push(wsItem{m: m, done: done})
}

// Abort reports that w's owner is gone without a close: the other end's owner sees code (a
// network peer) or a close event with 1006 (JS). Safe from any goroutine; idempotent.
func (w *WebSocket) Abort(code int, reason string) {
	w.p.mu.Lock()
	defer w.p.mu.Unlock()
	w.abortLocked(code, reason)
}

func (w *WebSocket) abortLocked(code int, reason string) {
	if w.gone {
		return
	}
	w.gone = true
	w.iso, w.t, w.accepted = nil, nil, false
	for _, it := range w.inbox {
		if it.done != nil {
			it.done()
		}
	}
	w.inbox = nil
	w.peer.push(wsItem{m: WebSocketMessage{Kind: WSAbort, Code: code, Reason: reason}})
}

// Attach makes t the owner of w and hands it the messages waiting in w's inbox.
func (w *WebSocket) Attach(t WebSocketTransport) {
	w.p.mu.Lock()
	defer w.p.mu.Unlock()
	if w.gone {
		return
	}
	w.iso, w.accepted, w.t = nil, false, t
	w.flushLocked()
}

// push queues an item for w's owner; p.mu is held.
func (w *WebSocket) push(it wsItem) {
	if w.gone {
		if it.done != nil {
			it.done()
		}
		return
	}
	w.inbox = append(w.inbox, it)
	w.flushLocked()
}

// flushLocked delivers (to a transport) or schedules delivery (to an accepted JS end) of the
// inbox; p.mu is held.
func (w *WebSocket) flushLocked() {
	switch {
	case w.t != nil:
		items := w.inbox
		w.inbox = nil
		for _, it := range items {
			if it.m.Kind == WSAbort {
				w.t.Abort(it.m.Code, it.m.Reason)
			} else {
				w.t.Deliver(it.m)
			}
			if it.done != nil {
				it.done()
			}
		}
	case w.iso != nil && w.accepted && !w.scheduled && len(w.inbox) > 0:
		w.scheduled = true
		i := w.iso
		if !i.Loop.Post(func() { w.drainJS(i) }) {
			w.scheduled = false
		}
	}
}

// drainJS delivers the inbox to the JS end, on i's loop: each message is its own turn.
func (w *WebSocket) drainJS(i *Isolate) {
	w.p.mu.Lock()
	w.scheduled = false
	if w.iso != i || !w.accepted {
		w.p.mu.Unlock()
		return
	}
	id := w.id
	items := w.inbox
	w.inbox = nil
	w.p.mu.Unlock()
	for n, it := range items {
		if i.broken == nil {
			i.wsDispatch(w, id, it.m)
		}
		if it.done != nil {
			it.done()
		}
		items[n] = wsItem{}
	}
}

// wsRegistry holds the WebSocket ends an isolate's JS owns, by id. While it holds any, a
// sentinel entry in i.requests makes the isolate Busy (never evicted) and makes condemn and
// Dispose (which fail every request) close the sockets: 1011 when a limit killed the isolate,
// 1001 when it was shut down.
type wsRegistry struct {
	i        *Isolate
	ends     map[int32]*WebSocket
	sentinel int32
}

// wsRegistries maps *Isolate to its *wsRegistry, for the isolates that own WebSocket ends.
var wsRegistries sync.Map

func (i *Isolate) wsReg() *wsRegistry {
	if r, ok := wsRegistries.Load(i); ok {
		return r.(*wsRegistry)
	}
	r := &wsRegistry{i: i, ends: map[int32]*WebSocket{}}
	wsRegistries.Store(i, r)
	return r
}

func (r *wsRegistry) add(w *WebSocket) int32 {
	i := r.i
	i.nextID++
	id := i.nextID
	r.ends[id] = w
	if r.sentinel == 0 {
		i.nextID++
		r.sentinel = i.nextID
		i.requests[r.sentinel] = &request{sink: wsCloser{r}}
	}
	return id
}

func (r *wsRegistry) remove(id int32) {
	delete(r.ends, id)
	if len(r.ends) == 0 {
		if r.sentinel != 0 {
			delete(r.i.requests, r.sentinel)
			r.sentinel = 0
		}
		wsRegistries.Delete(r.i)
	}
}

// wsCloser is the sentinel's sink: its End closes every socket of the isolate.
type wsCloser struct{ r *wsRegistry }

func (wsCloser) Start(int, string, [][2]string)   {}
func (wsCloser) Write(_ []byte, done func(error)) { done(nil) }
func (c wsCloser) End(err error) {
	code, reason := 1001, "The worker was shut down."
	var le *LimitError
	if errors.As(err, &le) {
		code, reason = 1011, "The worker exceeded its "+le.Kind+" limit."
	}
	r := c.r
	r.sentinel = 0
	for id, w := range r.ends {
		delete(r.ends, id)
		w.Abort(code, reason)
	}
	wsRegistries.Delete(r.i)
}

// adopt makes the isolate the owner of w (not yet accepted) and returns its id.
func (i *Isolate) adopt(w *WebSocket) int32 {
	w.p.mu.Lock()
	defer w.p.mu.Unlock()
	if w.gone {
		return 0
	}
	id := i.wsReg().add(w)
	w.iso, w.id, w.accepted, w.t = i, id, false, nil
	return id
}

// wsRelease takes the end with this id away from JS (it was sent in a response).
func (i *Isolate) wsRelease(id int32) *WebSocket {
	v, ok := wsRegistries.Load(i)
	if !ok {
		return nil
	}
	r := v.(*wsRegistry)
	w := r.ends[id]
	if w == nil {
		return nil
	}
	r.remove(id)
	w.p.mu.Lock()
	if w.iso == i && w.id == id {
		w.iso, w.id, w.accepted = nil, 0, false
	}
	w.p.mu.Unlock()
	return w
}

func (i *Isolate) wsEnd(id int32) *WebSocket {
	if v, ok := wsRegistries.Load(i); ok {
		return v.(*wsRegistry).ends[id]
	}
	return nil
}

// wsForget drops a finished end from the registry.
func (i *Isolate) wsForget(id int32) {
	if v, ok := wsRegistries.Load(i); ok {
		v.(*wsRegistry).remove(id)
	}
}

// Message kinds as js/websocket.js receives them in wsEvent.
const (
	jsWSText = iota
	jsWSBinary
	jsWSClose
	jsWSError
	jsWSAbort
)

// wsDispatch runs the JS event for one message, as one turn.
func (i *Isolate) wsDispatch(w *WebSocket, id int32, m WebSocketMessage) {
	var payload *v8go.Value
	kind := jsWSText
	switch m.Kind {
	case WSText:
		payload = i.str(string(m.Data))
	case WSBinary:
		kind = jsWSBinary
		v, err := i.ext.BytesToJS(i.ctx, m.Data)
		if err != nil {
			kind, payload = jsWSError, i.str("RangeError: "+err.Error())
		} else {
			payload = i.keep(v)
		}
	case WSClose:
		kind, payload = jsWSClose, i.str(m.Reason)
	case WSError:
		kind, payload = jsWSError, i.str(m.Reason)
	case WSAbort:
		kind, payload = jsWSAbort, i.str(m.Reason)
	}
	final := kind != jsWSText && kind != jsWSBinary
	if final {
		w.p.mu.Lock()
		w.gotClose = true
		done := w.sentClose || kind != jsWSClose
		w.p.mu.Unlock()
		if done {
			i.wsForget(id)
		}
	}
	v, err := i.call("wsEvent", i.num(int64(id)), i.num(int64(kind)), payload, i.num(int64(m.Code)))
	if v != nil {
		v.Release()
	}
	if err != nil && i.broken == nil {
		i.log(LevelError, "Uncaught "+jsError(err).Error())
	}
}

func (i *Isolate) wsNatives(fn func(string, func([]*v8go.Value) *v8go.Value), arg func([]*v8go.Value, int) *v8go.Value) {
	// wsPair() → "id0\0id1": a new pipe whose ends this isolate owns.
	fn("wsPair", func(a []*v8go.Value) *v8go.Value {
		x, y := NewWebSocketPipe()
		return i.str(strconv.Itoa(int(i.adopt(x))) + "\x00" + strconv.Itoa(int(i.adopt(y))))
	})
	// wsAccept(id): JS starts taking the end's messages.
	fn("wsAccept", func(a []*v8go.Value) *v8go.Value {
		if w := i.wsEnd(arg(a, 0).Int32()); w != nil {
			w.p.mu.Lock()
			if w.iso == i {
				w.accepted = true
				w.flushLocked()
			}
			w.p.mu.Unlock()
		}
		return nil
	})
	// wsSend(id, kind 0 text | 1 binary, data).
	fn("wsSend", func(a []*v8go.Value) *v8go.Value {
		w := i.wsEnd(arg(a, 0).Int32())
		if w == nil {
			return nil
		}
		m := WebSocketMessage{Kind: WSText}
		if arg(a, 1).Int32() == 1 {
			b, err := i.ext.BytesFromJS(i.ctx, arg(a, 2))
			if err != nil {
				return i.throw("TypeError", err.Error())
			}
			m.Kind, m.Data = WSBinary, b
		} else {
			m.Data = []byte(arg(a, 2).String())
		}
		w.Send(m, nil)
		return nil
	})
	// wsClose(id, code, reason): sends a Close frame.
	fn("wsClose", func(a []*v8go.Value) *v8go.Value {
		id := arg(a, 0).Int32()
		w := i.wsEnd(id)
		if w == nil {
			return nil
		}
		w.Send(WebSocketMessage{Kind: WSClose, Code: int(arg(a, 1).Int32()), Reason: arg(a, 2).String()}, nil)
		w.p.mu.Lock()
		done := w.gotClose
		w.p.mu.Unlock()
		if done {
			i.wsForget(id)
		}
		return nil
	})
	// wsAbort(id, code, reason): JS gives up on the end (its handler threw, or it was dropped).
	fn("wsAbort", func(a []*v8go.Value) *v8go.Value {
		id := arg(a, 0).Int32()
		if w := i.wsEnd(id); w != nil {
			i.wsForget(id)
			w.Abort(int(arg(a, 1).Int32()), arg(a, 2).String())
		}
		return nil
	})
	// respondWebSocket(requestId, status, statusText, headers, wsId): a 101 response handing the
	// end to whoever made the request.
	fn("respondWebSocket", func(a []*v8go.Value) *v8go.Value {
		id := arg(a, 0).Int32()
		r := i.requests[id]
		if r == nil || r.started {
			return nil
		}
		acc, ok := r.sink.(WebSocketAcceptor)
		if !ok {
			return i.throw("TypeError", "This response cannot carry a WebSocket.")
		}
		w := i.wsRelease(arg(a, 4).Int32())
		if w == nil {
			return i.throw("TypeError", "Can't return WebSocket that was already used in a response.")
		}
		r.started = true
		delete(i.requests, id)
		if b := i.bodies[id]; b != nil {
			delete(i.bodies, id)
			b.Close()
		}
		acc.AcceptWebSocket(int(arg(a, 1).Int32()), arg(a, 2).String(), readHeaderArray(arg(a, 3)), w)
		return nil
	})
}

// AcceptWebSocket resolves the subrequest with a response whose webSocket is ws: the head's
// first field is then the negated id of the end, which the isolate now owns.
func (s outboundSink) AcceptWebSocket(status int, statusText string, header [][2]string, ws *WebSocket) {
	i := s.i
	o := i.outbound[s.id]
	if o == nil || o.resolver == nil || i.disposed || i.broken != nil {
		ws.Abort(1001, "The request was canceled.")
		return
	}
	i.resume(func() {
		delete(i.outbound, s.id)
		id := i.adopt(ws)
		if id == 0 {
			o.resolver.Reject(i.errorValue("Error", "The WebSocket was closed before the response arrived."))
			return
		}
		parts := []string{strconv.Itoa(-int(id)), strconv.Itoa(status), statusText}
		for _, kv := range header {
			parts = append(parts, kv[0], kv[1])
		}
		o.resolver.Resolve(i.packed(parts))
		o.resolver = nil
	})
}
