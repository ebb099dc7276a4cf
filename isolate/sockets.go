package isolate

import (
	"errors"
	"io"
	"net"
	"strings"
	"sync"
	"time"

	"rogchap.com/v8go"
)

// TCP sockets for cloudflare:sockets connect() (the JS side is js/sockets.js).
//
// A connection is dialed by the worker's globalOutbound (or the binding connect() was called
// on) when it implements Connector. Every blocking step — dial, read, write, TLS handshake —
// runs in a goroutine of its own; its outcome settles a promise in a later turn of the loop.
// JS never has more than one read or one write pending on a socket (the streams serialize them),
// so a connection needs no locking of its own beyond what startTls takes over.

// Connector is an optional Fetcher interface: a target that opens TCP connections (a network
// service). Its methods are called off the loop and may block.
type Connector interface {
	// Connect dials address ("host:port"); secure: TLS from the start, verified for host.
	Connect(address string, secure bool) (net.Conn, error)
	// StartTLS runs a TLS handshake over conn, verifying the server as serverName.
	StartTLS(conn net.Conn, serverName string) (net.Conn, error)
}

// ConnectTarget is an optional Fetcher interface: a worker whose connect handler takes the
// connections opened through a binding to it. ServeConnect is called on loop l, in a task of its
// own; the target owns conn (one end of an in-memory pipe) and closes it when done.
type ConnectTarget interface {
	ServeConnect(l *Loop, address string, conn net.Conn)
}

// pipeEnd is one end of an in-memory connection between two workers: two io.Pipes, so that
// either end can end its writing (CloseWrite) and keep reading. done closes when either end is
// closed, which the other end observes as the peer's disconnect (a socket's closed).
type pipeEnd struct {
	r    *io.PipeReader
	w    *io.PipeWriter
	done chan struct{}
	once *sync.Once
}

func newPipe() (pipeEnd, pipeEnd) {
	r1, w1 := io.Pipe()
	r2, w2 := io.Pipe()
	done, once := make(chan struct{}), &sync.Once{}
	return pipeEnd{r1, w2, done, once}, pipeEnd{r2, w1, done, once}
}

func (p pipeEnd) Read(b []byte) (int, error)  { return p.r.Read(b) }
func (p pipeEnd) Write(b []byte) (int, error) { return p.w.Write(b) }
func (p pipeEnd) CloseWrite() error           { return p.w.Close() }
func (p pipeEnd) Close() error {
	p.once.Do(func() { close(p.done) })
	p.w.Close()
	p.r.CloseWithError(net.ErrClosed)
	return nil
}
func (p pipeEnd) LocalAddr() net.Addr              { return pipeAddr{} }
func (p pipeEnd) RemoteAddr() net.Addr             { return pipeAddr{} }
func (p pipeEnd) SetDeadline(time.Time) error      { return nil }
func (p pipeEnd) SetReadDeadline(time.Time) error  { return nil }
func (p pipeEnd) SetWriteDeadline(time.Time) error { return nil }
func (p pipeEnd) disconnected() <-chan struct{}    { return p.done }

type pipeAddr struct{}

func (pipeAddr) Network() string { return "pipe" }
func (pipeAddr) String() string  { return "pipe" }

// ServeConnect hands conn (the server end of a connection made through a binding to this
// worker) to the entrypoint's connect handler; conn is closed when the handler is done.
func (i *Isolate) ServeConnect(entrypoint, address string, conn net.Conn) {
	if i.broken != nil {
		conn.Close()
		return
	}
	id := i.sockReg().add(conn)
	v, err := i.call("dispatchConnect", i.num(int64(id)), i.str(entrypoint), i.str(address))
	if v != nil {
		v.Release()
	}
	if err != nil {
		if s := i.sockGet(id); s != nil {
			s.closed = true
			conn.Close()
			i.sockReg().remove(id)
		}
		i.log(LevelError, "Uncaught "+jsError(err).Error())
	}
}

// sockChunk bounds one read: the size of one Uint8Array chunk JS receives.
const sockChunk = 64 << 10

type sockConn struct {
	c       net.Conn
	reading sync.WaitGroup // a read goroutine is running (startTls waits for it)
	closed  bool           // closed by JS (or taken over by startTls): read errors are EOF
}

// sockRegistry holds an isolate's open connections. While it holds any, a sentinel entry in
// i.requests keeps the isolate busy, and its failing (condemn, Dispose) closes them all.
type sockRegistry struct {
	i        *Isolate
	conns    map[int32]*sockConn
	sentinel int32
}

var sockRegistries sync.Map // *Isolate → *sockRegistry

func (i *Isolate) sockReg() *sockRegistry {
	if r, ok := sockRegistries.Load(i); ok {
		return r.(*sockRegistry)
	}
	r := &sockRegistry{i: i, conns: map[int32]*sockConn{}}
	sockRegistries.Store(i, r)
	return r
}

func (i *Isolate) sockGet(id int32) *sockConn {
	if r, ok := sockRegistries.Load(i); ok {
		return r.(*sockRegistry).conns[id]
	}
	return nil
}

func (r *sockRegistry) add(c net.Conn) int32 {
	i := r.i
	i.nextID++
	id := i.nextID
	r.conns[id] = &sockConn{c: c}
	if r.sentinel == 0 {
		i.nextID++
		r.sentinel = i.nextID
		i.requests[r.sentinel] = &request{sink: sockCloser{r}}
	}
	return id
}

func (r *sockRegistry) remove(id int32) {
	delete(r.conns, id)
	if len(r.conns) == 0 && r.sentinel != 0 {
		delete(r.i.requests, r.sentinel)
		r.sentinel = 0
		sockRegistries.Delete(r.i)
	}
}

// sockCloser is the sentinel's sink: its End (the isolate failed or was disposed) closes every
// connection.
type sockCloser struct{ r *sockRegistry }

func (sockCloser) Start(int, string, [][2]string)   {}
func (sockCloser) Write(_ []byte, done func(error)) { done(nil) }
func (c sockCloser) End(error) {
	r := c.r
	r.sentinel = 0
	for id, s := range r.conns {
		delete(r.conns, id)
		s.closed = true
		s.c.Close()
	}
	sockRegistries.Delete(r.i)
}

// sockSettle runs f as a turn on i's loop once a goroutine is done; when the isolate is gone
// it runs orphan instead (to release what the goroutine produced).
func (i *Isolate) sockSettle(f func(), orphan func()) {
	ok := i.Loop.Post(func() {
		if i.disposed || i.broken != nil {
			if orphan != nil {
				orphan()
			}
			return
		}
		i.resume(f)
	})
	if !ok && orphan != nil {
		orphan()
	}
}

// sockErrorText is what JS sees of a failed read or write: workerd's wording for a connection
// the peer reset, else Go's description.
func sockErrorText(err error) string {
	if errors.Is(err, net.ErrClosed) || strings.Contains(err.Error(), "connection reset") ||
		strings.Contains(err.Error(), "broken pipe") {
		return "Network connection lost."
	}
	return err.Error()
}

func (i *Isolate) sockNatives(fn func(string, func([]*v8go.Value) *v8go.Value), arg func([]*v8go.Value, int) *v8go.Value) {
	connector := func(idx int) Connector {
		if idx < 0 || idx >= len(i.fetchers) || i.fetchers[idx] == nil {
			return nil
		}
		c, _ := i.fetchers[idx].(Connector)
		return c
	}
	// sockConnect(fetcherIdx, address, secure) → Promise<id>; rejects with the dial error's text
	// (JS turns it into workerd's message).
	fn("sockConnect", func(a []*v8go.Value) *v8go.Value {
		res := i.newResolver()
		p := res.promise()
		idx := int(arg(a, 0).Int32())
		addr, secure := arg(a, 1).String(), arg(a, 2).Boolean()
		if idx >= 0 && idx < len(i.fetchers) {
			if t, ok := i.fetchers[idx].(ConnectTarget); ok && !secure {
				// A worker: the connection is a pipe to its connect handler, served in a later
				// task of this loop.
				// opened resolves once the handler has been called, as in workerd.
				mine, theirs := newPipe()
				if !i.Loop.Post(func() {
					t.ServeConnect(i.Loop, addr, theirs)
					if i.disposed || i.broken != nil {
						mine.Close()
						return
					}
					i.resume(func() { res.Resolve(i.num(int64(i.sockReg().add(mine)))) })
				}) {
					mine.Close()
					res.Reject(i.str("the worker is shutting down"))
				}
				return p
			}
		}
		c := connector(idx)
		if c == nil {
			res.Reject(i.str("this binding cannot open TCP connections"))
			return p
		}
		go func() {
			conn, err := c.Connect(addr, secure)
			i.sockSettle(func() {
				if err != nil {
					res.Reject(i.str(err.Error()))
					return
				}
				res.Resolve(i.num(int64(i.sockReg().add(conn))))
			}, func() {
				if conn != nil {
					conn.Close()
				}
			})
		}()
		return p
	})
	// sockRead(id) → Promise<Uint8Array | null>; null at EOF or once the socket was closed.
	fn("sockRead", func(a []*v8go.Value) *v8go.Value {
		res := i.newResolver()
		p := res.promise()
		s := i.sockGet(arg(a, 0).Int32())
		if s == nil || s.closed {
			res.Resolve(v8go.Null(i.iso))
			return p
		}
		s.reading.Add(1)
		go func() {
			buf := make([]byte, sockChunk)
			n, err := s.c.Read(buf)
			s.reading.Done()
			i.sockSettle(func() {
				switch {
				case n > 0:
					v, verr := i.ext.BytesToJS(i.ctx, buf[:n])
					if verr != nil {
						res.Reject(i.errorValue("RangeError", verr.Error()))
					} else {
						res.Resolve(i.keep(v))
					}
				case err == nil || err == io.EOF || s.closed:
					res.Resolve(v8go.Null(i.iso))
				default:
					res.Reject(i.errorValue("Error", sockErrorText(err)))
				}
			}, nil)
		}()
		return p
	})
	// sockWrite(id, bytes) → Promise<undefined>.
	fn("sockWrite", func(a []*v8go.Value) *v8go.Value {
		res := i.newResolver()
		p := res.promise()
		s := i.sockGet(arg(a, 0).Int32())
		if s == nil || s.closed {
			res.Reject(i.errorValue("Error", "Network connection lost."))
			return p
		}
		chunk, err := i.ext.BytesFromJS(i.ctx, arg(a, 1))
		if err != nil {
			res.Reject(i.errorValue("TypeError", err.Error()))
			return p
		}
		go func() {
			_, err := s.c.Write(chunk)
			i.sockSettle(func() {
				if err != nil {
					res.Reject(i.errorValue("Error", sockErrorText(err)))
				} else {
					res.Resolve(v8go.Undefined(i.iso))
				}
			}, nil)
		}()
		return p
	})
	// sockWatch(id) → Promise<boolean>: true once the peer of an in-memory connection went away,
	// false when this end was closed first or cannot tell (a network connection).
	fn("sockWatch", func(a []*v8go.Value) *v8go.Value {
		res := i.newResolver()
		p := res.promise()
		s := i.sockGet(arg(a, 0).Int32())
		var pe pipeEnd
		ok := false
		if s != nil {
			pe, ok = s.c.(pipeEnd)
		}
		if !ok {
			res.Resolve(boolValue(i.iso, false))
			return p
		}
		go func() {
			<-pe.disconnected()
			i.sockSettle(func() { res.Resolve(i.keep(boolValue(i.iso, !s.closed))) }, nil)
		}()
		return p
	})
	// sockShutdown(id): end the write side (a FIN), keeping the read side open.
	fn("sockShutdown", func(a []*v8go.Value) *v8go.Value {
		if s := i.sockGet(arg(a, 0).Int32()); s != nil && !s.closed {
			if cw, ok := s.c.(interface{ CloseWrite() error }); ok {
				go cw.CloseWrite()
			}
		}
		return nil
	})
	// sockClose(id): close the connection both ways.
	fn("sockClose", func(a []*v8go.Value) *v8go.Value {
		id := arg(a, 0).Int32()
		if s := i.sockGet(id); s != nil {
			s.closed = true
			s.c.Close()
			i.sockReg().remove(id)
		}
		return nil
	})
	// sockStartTls(fetcherIdx, id, serverName) → Promise<new id>: the plain connection id is
	// taken over by a TLS client over it.
	fn("sockStartTls", func(a []*v8go.Value) *v8go.Value {
		res := i.newResolver()
		p := res.promise()
		c := connector(int(arg(a, 0).Int32()))
		id := arg(a, 1).Int32()
		s := i.sockGet(id)
		if c == nil || s == nil || s.closed {
			res.Reject(i.str("the connection was closed before startTls completed"))
			return p
		}
		host := arg(a, 2).String()
		s.closed = true
		i.sockReg().remove(id)
		go func() {
			// A read still pending on the plain connection would take the handshake's bytes:
			// wake it and wait for it to end first.
			s.c.SetReadDeadline(time.Now())
			s.reading.Wait()
			s.c.SetReadDeadline(time.Time{})
			conn, err := c.StartTLS(s.c, host)
			i.sockSettle(func() {
				if err != nil {
					s.c.Close()
					res.Reject(i.str(err.Error()))
					return
				}
				res.Resolve(i.num(int64(i.sockReg().add(conn))))
			}, func() {
				s.c.Close()
			})
		}()
		return p
	})
}
