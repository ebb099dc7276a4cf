package isolate

import (
	"errors"
	"io"
	"time"

	"rogchap.com/v8go"
)

// nativeTemplate builds the object the JS runtime receives as globalThis.__native (and removes
// from the global at once). Each function is a v8go callback on this isolate's loop.
func (i *Isolate) nativeTemplate() *v8go.ObjectTemplate {
	t := v8go.NewObjectTemplate(i.iso)
	fn := func(name string, f func(args []*v8go.Value) *v8go.Value) {
		t.Set(name, v8go.NewFunctionTemplate(i.iso, func(info *v8go.FunctionCallbackInfo) *v8go.Value {
			defer info.Release()
			return f(info.Args())
		}))
	}
	arg := func(args []*v8go.Value, n int) *v8go.Value {
		if n < len(args) {
			return args[n]
		}
		return v8go.Undefined(i.iso)
	}

	i.urlNatives(fn, arg)
	i.urlPatternNatives(fn, arg)
	i.encodingNatives(fn, arg)
	i.esnextNatives(fn, arg)
	i.compressionNatives(fn, arg)
	i.cryptoNatives(fn, arg)
	i.nodeCryptoNatives(fn, arg)
	i.nodeZlibNatives(fn, arg)
	i.wsNatives(fn, arg)
	i.rpcNatives(fn, arg)
	i.detachNatives(fn, arg)
	i.nodeNatives(fn, arg)
	i.htmlNatives(fn, arg)
	i.signalNatives(fn, arg)
	i.sockNatives(fn, arg)

	fn("print", func(a []*v8go.Value) *v8go.Value {
		i.log(Level(arg(a, 0).Int32()), arg(a, 1).String())
		return nil
	})
	fn("setTimer", func(a []*v8go.Value) *v8go.Value {
		id := arg(a, 0).Int32()
		ms := arg(a, 1).Number()
		if ms < 0 || ms != ms {
			ms = 0
		}
		if old := i.timers[id]; old != nil {
			i.Loop.StopTimer(old)
		}
		i.timers[id] = i.Loop.AfterFunc(time.Duration(ms*float64(time.Millisecond)), func() {
			delete(i.timers, id)
			if i.broken == nil {
				if v, err := i.call("fireTimer", i.num(int64(id))); err == nil {
					v.Release()
				} else {
					i.log(LevelError, "Uncaught "+jsError(err).Error())
				}
			}
		})
		return nil
	})
	fn("clearTimer", func(a []*v8go.Value) *v8go.Value {
		id := arg(a, 0).Int32()
		if t := i.timers[id]; t != nil {
			i.Loop.StopTimer(t)
			delete(i.timers, id)
		}
		return nil
	})
	fn("utf8Encode", func(a []*v8go.Value) *v8go.Value {
		v, err := i.ext.BytesToJS(i.ctx, []byte(arg(a, 0).String()))
		if err != nil {
			return i.throw("RangeError", err.Error())
		}
		return i.keep(v)
	})
	fn("utf8Decode", func(a []*v8go.Value) *v8go.Value {
		b, err := i.ext.BytesFromJS(i.ctx, arg(a, 0))
		if err != nil {
			return i.throw("TypeError", "The provided value is not of type '(ArrayBuffer or ArrayBufferView)'")
		}
		s, ok := DecodeUTF8(b, arg(a, 1).Boolean(), arg(a, 2).Boolean())
		if !ok {
			return i.throw("TypeError", "Failed to decode input.")
		}
		return i.str(s)
	})

	// Incoming request bodies and responses.
	fn("readBody", func(a []*v8go.Value) *v8go.Value {
		id := arg(a, 0).Int32()
		res := i.newResolver()
		body := i.bodies[id]
		if body == nil {
			res.Resolve(v8go.Null(i.iso))
			return res.promise()
		}
		p := res.promise()
		body.Read(i.Loop, func(chunk []byte, err error) {
			i.resume(func() {
				switch {
				case err == io.EOF:
					delete(i.bodies, id)
					res.Resolve(v8go.Null(i.iso))
				case err != nil:
					delete(i.bodies, id)
					res.Reject(i.errorValue("TypeError", "request body: "+err.Error()))
				default:
					v, err := i.ext.BytesToJS(i.ctx, chunk)
					if err != nil {
						res.Reject(i.errorValue("RangeError", err.Error()))
					} else {
						res.Resolve(i.keep(v))
					}
				}
			})
		})
		return p
	})
	fn("cancelBody", func(a []*v8go.Value) *v8go.Value {
		id := arg(a, 0).Int32()
		if b := i.bodies[id]; b != nil {
			delete(i.bodies, id)
			b.Close()
		}
		return nil
	})
	fn("respondStart", func(a []*v8go.Value) *v8go.Value {
		r := i.requests[arg(a, 0).Int32()]
		if r == nil || r.started {
			return nil
		}
		r.started = true
		r.sink.Start(int(arg(a, 1).Int32()), arg(a, 2).String(), readHeaderArray(arg(a, 3)))
		return nil
	})
	fn("respondWrite", func(a []*v8go.Value) *v8go.Value {
		res := i.newResolver()
		r := i.requests[arg(a, 0).Int32()]
		if r == nil {
			res.Reject(i.errorValue("TypeError", "the response was already finished"))
			return res.promise()
		}
		chunk, err := i.ext.BytesFromJS(i.ctx, arg(a, 1))
		if err != nil {
			res.Reject(i.errorValue("TypeError", err.Error()))
			return res.promise()
		}
		p := res.promise()
		r.sink.Write(chunk, func(err error) {
			i.resume(func() {
				if err != nil {
					res.Reject(i.errorValue("TypeError", err.Error()))
				} else {
					res.Resolve(v8go.Undefined(i.iso))
				}
			})
		})
		return p
	})
	// respondWhole(id, status, statusText, headers, bytes|undefined): a response whose body is
	// already in memory, in one call.
	fn("respondWhole", func(a []*v8go.Value) *v8go.Value {
		id := arg(a, 0).Int32()
		r := i.requests[id]
		if r == nil || r.started {
			return nil
		}
		var body []byte
		if b := arg(a, 4); !b.IsUndefined() {
			var err error
			if body, err = i.ext.BytesFromJS(i.ctx, b); err != nil {
				return i.throw("TypeError", err.Error())
			}
		}
		delete(i.requests, id)
		delete(i.bodies, id)
		RespondWhole(r.sink, int(arg(a, 1).Int32()), arg(a, 2).String(), readHeaderArray(arg(a, 3)), body)
		return nil
	})
	fn("respondEnd", func(a []*v8go.Value) *v8go.Value {
		id := arg(a, 0).Int32()
		if r := i.requests[id]; r != nil {
			delete(i.requests, id)
			delete(i.bodies, id)
			r.sink.End(nil)
		}
		return nil
	})
	fn("respondError", func(a []*v8go.Value) *v8go.Value {
		id := arg(a, 0).Int32()
		if r := i.requests[id]; r != nil {
			delete(i.requests, id)
			if b := i.bodies[id]; b != nil {
				delete(i.bodies, id)
				b.Close()
			}
			name, msg := arg(a, 1).String(), arg(a, 2).String()
			text := msg
			if name != "" {
				text = name + ": " + msg
			}
			r.sink.End(&ScriptError{Name: name, Message: text, Stack: arg(a, 3).String()})
		}
		return nil
	})

	// Subrequests: fetch(fetcherIndex, method, url, headers, bodyStreamId or -1).
	fn("fetch", func(a []*v8go.Value) *v8go.Value {
		res := i.newResolver()
		idx := int(arg(a, 0).Int32())
		if idx < 0 || idx >= len(i.fetchers) || i.fetchers[idx] == nil {
			res.Reject(i.errorValue("TypeError", "this binding cannot be fetched"))
			return res.promise()
		}
		req := &Request{Method: arg(a, 1).String(), URL: arg(a, 2).String(), Header: readHeaderArray(arg(a, 3))}
		if sid := arg(a, 4).Int32(); sid >= 0 {
			req.Body = &streamBody{i: i, sid: sid}
		}
		i.nextID++
		oid := i.nextID
		i.outbound[oid] = &outbound{resolver: res}
		// The callee runs in a later task of this loop, never nested in this turn.
		f := i.fetchers[idx]
		i.Loop.Post(func() { f.Fetch(i.Loop, req, outboundSink{i: i, id: oid}) })
		return res.promise()
	})
	fn("outboundRead", func(a []*v8go.Value) *v8go.Value {
		res := i.newResolver()
		oid := arg(a, 0).Int32()
		o := i.outbound[oid]
		switch {
		case o == nil:
			res.Resolve(v8go.Null(i.iso))
		case len(o.chunks) > 0:
			chunk, done := o.chunks[0], o.dones[0]
			o.chunks, o.dones = o.chunks[1:], o.dones[1:]
			v, err := i.ext.BytesToJS(i.ctx, chunk)
			if err != nil {
				res.Reject(i.errorValue("RangeError", err.Error()))
			} else {
				res.Resolve(i.keep(v))
			}
			// Later, not from inside this callback: the producer may be another isolate on this
			// loop (a service bound to itself), and running its JS here would nest isolates.
			i.Loop.Post(func() { done(nil) })
		case o.ended:
			delete(i.outbound, oid)
			if o.err != nil {
				res.Reject(i.errorValue("TypeError", o.err.Error()))
			} else {
				res.Resolve(v8go.Null(i.iso))
			}
		case o.reader != nil:
			res.Reject(i.errorValue("TypeError", "a read is already pending"))
		default:
			o.reader = res
		}
		return res.promise()
	})
	// outboundWhole(oid) → the body of a response that arrived whole (null when it has none), or
	// undefined for a streamed one.
	fn("outboundWhole", func(a []*v8go.Value) *v8go.Value {
		oid := arg(a, 0).Int32()
		o := i.outbound[oid]
		if o == nil || !o.whole {
			return nil
		}
		delete(i.outbound, oid)
		if len(o.body) == 0 {
			return v8go.Null(i.iso)
		}
		v, err := i.ext.BytesToJS(i.ctx, o.body)
		if err != nil {
			return i.throw("RangeError", err.Error())
		}
		return i.keep(v)
	})
	fn("outboundCancel", func(a []*v8go.Value) *v8go.Value {
		oid := arg(a, 0).Int32()
		if o := i.outbound[oid]; o != nil {
			delete(i.outbound, oid)
			for _, d := range o.dones {
				d(errors.New("response body canceled"))
			}
		}
		return nil
	})
	return t
}
