package isolate

import (
	"errors"
	"io"
	"strconv"
	"strings"

	"rogchap.com/v8go"
)

// Request is an HTTP request given to a worker, or sent by one through a binding.
type Request struct {
	Entrypoint string // the worker's named export to call; "" = default
	PropsJSON  string // ctx.props for the handler, as JSON ("" = {})
	Method     string
	URL        string
	Header     [][2]string // in order, as received
	Body       BodySource  // nil: no body
}

// BodySource is a body read chunk by chunk on a loop.
type BodySource interface {
	// Read delivers the next chunk, or io.EOF, by calling deliver on loop l exactly once.
	Read(l *Loop, deliver func(chunk []byte, err error))
	// Close releases the body early (the reader lost interest).
	Close()
}

// ResponseSink receives a response. Its methods are called on the loop and must not block.
type ResponseSink interface {
	Start(status int, statusText string, header [][2]string)
	// Write hands over a chunk; the sink calls done on the loop when it can take the next one.
	Write(chunk []byte, done func(error))
	// End finishes the response; a non-nil err means it failed (before or after Start).
	End(err error)
}

// WholeResponder is an optional ResponseSink fast path: a response whose body is already in
// memory is handed over in one call (one hand-off to the writer instead of three).
type WholeResponder interface {
	RespondWhole(status int, statusText string, header [][2]string, body []byte)
}

// RespondWhole sends a complete response to sink, through its fast path when it has one.
func RespondWhole(sink ResponseSink, status int, text string, header [][2]string, body []byte) {
	if w, ok := sink.(WholeResponder); ok {
		w.RespondWhole(status, text, header, body)
		return
	}
	sink.Start(status, text, header)
	if len(body) > 0 {
		sink.Write(body, func(error) {})
	}
	sink.End(nil)
}

// Fetcher is where a worker's subrequests go: a service binding or the global fetch's outbound.
type Fetcher interface {
	Fetch(l *Loop, req *Request, sink ResponseSink)
}

// request is an incoming fetch being answered.
type request struct {
	sink    ResponseSink
	started bool
}

func (r *request) fail(err error) { r.sink.End(err) }

// Fetch runs the worker's fetch handler for req and sends the response to sink.
func (i *Isolate) Fetch(req *Request, sink ResponseSink) {
	if i.broken != nil {
		sink.End(i.broken)
		return
	}
	i.nextID++
	id := i.nextID
	i.requests[id] = &request{sink: sink}
	i.served.Add(1)
	hasBody := req.Body != nil
	if hasBody {
		i.bodies[id] = req.Body
	}
	v, err := i.call("dispatchFetch", i.num(int64(id)), i.str(req.Entrypoint), i.str(req.Method), i.str(req.URL),
		i.headerArray(req.Header), i.keep(boolValue(i.iso, hasBody)), i.str(req.PropsJSON))
	if v != nil {
		v.Release()
	}
	if err != nil {
		if r, ok := i.requests[id]; ok {
			delete(i.requests, id)
			r.fail(jsError(err))
		}
	}
}

func boolValue(iso *v8go.Isolate, b bool) *v8go.Value {
	v, _ := v8go.NewValue(iso, b)
	return v
}

// Lists cross the boundary as one string joined with NUL (see js/native.js pack/unpack): one
// V8 value per call instead of one per element.

// packed joins strings for JS's unpack.
func (i *Isolate) packed(parts []string) *v8go.Value { return i.str(strings.Join(parts, "\x00")) }

// headerArray packs headers as [name0, value0, name1, value1, …].
func (i *Isolate) headerArray(h [][2]string) *v8go.Value {
	flat := make([]string, 0, 2*len(h))
	for _, kv := range h {
		flat = append(flat, kv[0], kv[1])
	}
	return i.packed(flat)
}

// readHeaderArray reads a packed [name, value, …] list from JS.
func readHeaderArray(v *v8go.Value) [][2]string {
	if v == nil || !v.IsString() {
		return nil
	}
	s := v.String()
	if s == "" {
		return nil
	}
	flat := strings.Split(s, "\x00")
	out := make([][2]string, 0, len(flat)/2)
	for k := 0; k+1 < len(flat); k += 2 {
		out = append(out, [2]string{flat[k], flat[k+1]})
	}
	return out
}

// outbound is the response to one of this isolate's subrequests, read by JS as a stream.
type outbound struct {
	resolver *resolver // settles with the response head
	whole    bool      // the whole response arrived at once (RespondWhole)
	body     []byte    // its body
	chunks   [][]byte
	dones    []func(error)
	ended    bool
	err      error
	reader   *resolver // a pending read
}

// outboundSink adapts an outbound to ResponseSink.
type outboundSink struct {
	i  *Isolate
	id int32
}

func (s outboundSink) Start(status int, statusText string, header [][2]string) {
	i := s.i
	o := i.outbound[s.id]
	if o == nil || o.resolver == nil {
		return
	}
	// The callee may answer synchronously inside this isolate's own turn (a binding to itself):
	// resume then settles within that turn instead of ending it under the running native.
	i.resume(func() {
		parts := []string{strconv.Itoa(int(s.id)), strconv.Itoa(status), statusText}
		for _, kv := range header {
			parts = append(parts, kv[0], kv[1])
		}
		o.resolver.Resolve(i.packed(parts))
		o.resolver = nil
	})
}

// RespondWhole takes a response that the callee had whole in memory: the head and the body reach
// JS together (outboundWhole), so a binding hop costs one turn on each side.
func (s outboundSink) RespondWhole(status int, statusText string, header [][2]string, body []byte) {
	i := s.i
	o := i.outbound[s.id]
	if o == nil || o.resolver == nil {
		return
	}
	o.whole, o.body, o.ended = true, body, true
	s.Start(status, statusText, header)
}

func (s outboundSink) Write(chunk []byte, done func(error)) {
	i := s.i
	o := i.outbound[s.id]
	if o == nil || o.ended {
		done(errors.New("response body is no longer read"))
		return
	}
	if o.reader != nil {
		ran := false
		i.resume(func() {
			ran = true
			r := o.reader
			o.reader = nil
			v, err := i.ext.BytesToJS(i.ctx, chunk)
			if err != nil {
				r.Reject(i.str(err.Error()))
			} else {
				r.Resolve(i.keep(v))
			}
		})
		if !ran {
			done(ErrBroken)
			return
		}
		done(nil)
		return
	}
	o.chunks = append(o.chunks, chunk)
	o.dones = append(o.dones, done)
}

func (s outboundSink) End(err error) {
	i := s.i
	o := i.outbound[s.id]
	if o == nil {
		return
	}
	o.ended, o.err = true, err
	if o.resolver == nil && o.reader == nil {
		return
	}
	i.resume(func() {
		if o.resolver != nil {
			o.resolver.Reject(i.subrequestError(err))
			o.resolver = nil
			delete(i.outbound, s.id)
			return
		}
		r := o.reader
		o.reader = nil
		if err != nil {
			r.Reject(i.errorValue("TypeError", err.Error()))
		} else {
			r.Resolve(v8go.Null(i.iso))
		}
		delete(i.outbound, s.id)
	})
}

// subrequestError is what a failed subrequest rejects with. As in workerd, an exception thrown
// by the service a binding called reaches the caller with the same name and message.
func (i *Isolate) subrequestError(err error) *v8go.Value {
	var se *ScriptError
	if errors.As(err, &se) && se.Name != "" {
		msg := strings.TrimPrefix(se.Message, se.Name+": ")
		src := "(() => { const C = globalThis[" + jsString(se.Name) + "]; const e = typeof C === 'function' && (C === Error || C.prototype instanceof Error) ? new C(" +
			jsString(msg) + ") : new Error(" + jsString(msg) + "); if (e.name !== " + jsString(se.Name) + ") e.name = " + jsString(se.Name) + "; return e; })()"
		if v, err := i.ctx.RunScript(src, "nanod:error"); err == nil {
			return i.keep(v)
		}
	}
	msg := "fetch failed"
	if err != nil {
		msg = err.Error()
	}
	return i.errorValue("Error", msg)
}

// errorValue makes a JS error object of the given constructor.
func (i *Isolate) errorValue(kind, msg string) *v8go.Value {
	v, err := i.ctx.RunScript("new "+kind+"("+jsString(msg)+")", "nanod:error")
	if err != nil {
		return i.str(msg)
	}
	return i.keep(v)
}

// streamBody is a BodySource reading a ReadableStream of this isolate (a subrequest's body).
type streamBody struct {
	i   *Isolate
	sid int32
}

func (b *streamBody) Read(l *Loop, deliver func([]byte, error)) {
	i := b.i
	if i.broken != nil {
		deliver(nil, i.broken)
		return
	}
	v, err := i.call("readStream", i.num(int64(b.sid)))
	if err != nil {
		deliver(nil, jsError(err))
		return
	}
	p, err := v.AsPromise()
	if err != nil {
		v.Release()
		deliver(nil, err)
		return
	}
	// The promise's handle must live until it settles: its continuation reads it.
	var then *v8go.Promise
	settle := func() bool {
		var chunk []byte
		var derr error
		switch p.State() {
		case v8go.Fulfilled:
			r := p.Result()
			if r.IsNull() || r.IsUndefined() {
				derr = io.EOF
			} else {
				chunk, derr = i.ext.BytesFromJS(i.ctx, r)
			}
			r.Release()
		case v8go.Rejected:
			r := p.Result()
			derr = errors.New(r.String())
			r.Release()
		default:
			return false
		}
		i.keep(v)
		if then != nil {
			i.keep(then.Value)
		}
		deliver(chunk, derr)
		return true
	}
	if settle() {
		return
	}
	then = p.Then(func(info *v8go.FunctionCallbackInfo) *v8go.Value {
		settle()
		return nil
	}, func(info *v8go.FunctionCallbackInfo) *v8go.Value {
		settle()
		return nil
	})
}

func (b *streamBody) Close() {
	if b.i.broken == nil {
		if v, err := b.i.call("cancelStream", b.i.num(int64(b.sid))); err == nil {
			v.Release()
		}
	}
}
