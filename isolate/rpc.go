package isolate

import (
	"errors"

	"rogchap.com/v8go"
)

// JS RPC (workerd's js_rpc): env.SVC.method(args…) on a service binding calls a method of the
// target worker's entrypoint. Arguments and results cross isolates as bytes in the structured
// clone format of js/clone.js; js/rpc.js makes the stub and serves calls, and Go only carries
// the bytes: the caller's native rpcCall posts the call to the target as a new task on the
// caller's loop, and the outcome comes back as one more task, so turns never nest.
//
// An outcome is always bytes when the callee's JS ran: a serialized [true, value] or
// [false, error], so that a thrown exception reaches the caller as an exception of the same
// kind. A Go error (the service is broken, over a limit, not a worker) rejects the call instead.

// RPCTarget is a Fetcher that also takes JS RPC calls: a worker, or a named entrypoint of one.
// Rpc runs on loop l and calls done on l exactly once. args is the serialized argument array,
// or nil to read the property method instead of calling it. entrypoint is the export to call
// ("" = default); an entrypoint target replaces it with its own.
type RPCTarget interface {
	Rpc(l *Loop, entrypoint, method string, args []byte, done func(result []byte, err error))
}

// ErrNoRPC is the error of an RPC call through a binding whose service is not a worker.
var ErrNoRPC = errors.New("this service binding does not support RPC: its service is not a Worker")

// Rpc runs an RPC call on the worker: method of the entrypoint's instance (or object) with the
// serialized args; done receives the serialized outcome. Call it on the isolate's loop.
func (i *Isolate) Rpc(entrypoint, method string, args []byte, done func(result []byte, err error)) {
	if i.broken != nil {
		done(nil, i.broken)
		return
	}
	i.nextID++
	id := i.nextID
	// Calls in flight are requests: a condemned or disposed isolate fails them like fetches.
	i.requests[id] = &request{sink: &rpcSink{done: done}}
	i.served.Add(1)
	argv := v8go.Undefined(i.iso)
	if args != nil {
		v, err := i.ext.BytesToJS(i.ctx, args)
		if err != nil {
			delete(i.requests, id)
			done(nil, err)
			return
		}
		argv = i.keep(v)
	}
	v, err := i.call("dispatchRpc", i.num(int64(id)), i.str(entrypoint), i.str(method), argv)
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

// rpcSink is the request entry of an RPC call: End (a failure) or result finishes it, once.
type rpcSink struct {
	done     func([]byte, error)
	finished bool
}

func (s *rpcSink) Start(int, string, [][2]string) {}
func (s *rpcSink) Write(_ []byte, done func(error)) {
	done(errors.New("an RPC call has no response body"))
}
func (s *rpcSink) End(err error) {
	if err == nil {
		err = errors.New("the RPC call ended without a result")
	}
	s.finish(nil, err)
}

func (s *rpcSink) finish(b []byte, err error) {
	if !s.finished {
		s.finished = true
		s.done(b, err)
	}
}

// Kinds of object for the serializer (js/clone.js), from V8's own type checks, for the objects
// whose Symbol.toStringTag does not tell: forged tags, subclasses with a tag of their own,
// proxies. Each check is a cgo call, so JS asks only for such unusual objects.
const (
	kindObject = iota
	kindProxy
	kindArray
	kindFunction
	kindError
	kindDate
	kindRegExp
	kindMap
	kindSet
	kindArrayBuffer
	kindView
	kindNumber
	kindString
	kindBigInt
	kindSymbol
	kindOther // WeakMap, Promise, SharedArrayBuffer, …: V8 does not clone these
)

func cloneKind(v *v8go.Value) int {
	switch {
	case !v.IsObject():
		return kindOther
	case v.IsProxy():
		return kindProxy
	case v.IsArray():
		return kindArray
	case v.IsFunction():
		return kindFunction
	case v.IsArrayBufferView():
		return kindView
	case v.IsNativeError():
		return kindError
	case v.IsDate():
		return kindDate
	case v.IsRegExp():
		return kindRegExp
	case v.IsMap():
		return kindMap
	case v.IsSet():
		return kindSet
	case v.IsArrayBuffer():
		return kindArrayBuffer
	case v.IsNumberObject():
		return kindNumber
	case v.IsStringObject():
		return kindString
	case v.IsBigIntObject():
		return kindBigInt
	case v.IsSymbolObject():
		return kindSymbol
	case v.IsWeakMap(), v.IsWeakSet(), v.IsPromise(), v.IsSharedArrayBuffer(), v.IsMapIterator(), v.IsSetIterator(),
		v.IsGeneratorObject(), v.IsModuleNamespaceObject(), v.IsWasmModuleObject(), v.IsArgumentsObject():
		return kindOther
	}
	return kindObject
}

func (i *Isolate) rpcNatives(fn func(string, func([]*v8go.Value) *v8go.Value), arg func([]*v8go.Value, int) *v8go.Value) {
	// cloneKind(value) → one of the kind constants above.
	fn("cloneKind", func(a []*v8go.Value) *v8go.Value {
		return i.num(int64(cloneKind(arg(a, 0))))
	})

	// rpcCall(fetcherIndex, method, argsBytes or undefined for a property read) → Promise of the
	// outcome bytes.
	fn("rpcCall", func(a []*v8go.Value) *v8go.Value {
		res, _ := v8go.NewPromiseResolver(i.ctx)
		promise := i.keep(res.GetPromise().Value)
		idx := int(arg(a, 0).Int32())
		var target RPCTarget
		if idx > 0 && idx < len(i.fetchers) {
			target, _ = i.fetchers[idx].(RPCTarget)
		}
		if target == nil {
			res.Reject(i.errorValue("TypeError", ErrNoRPC.Error()))
			return promise
		}
		method := arg(a, 1).String()
		var args []byte
		if av := arg(a, 2); !av.IsUndefined() {
			b, err := i.ext.BytesFromJS(i.ctx, av)
			if err != nil {
				res.Reject(i.errorValue("TypeError", err.Error()))
				return promise
			}
			if b == nil {
				b = []byte{} // a call, not a property read
			}
			args = b
		}
		l := i.Loop
		settled := false
		settle := func(result []byte, err error) {
			if settled {
				return
			}
			settled = true
			// The outcome is settled in a task of its own, never inside the callee's turn.
			l.Post(func() {
				if !i.enter() {
					return
				}
				if err != nil {
					res.Reject(i.subrequestError(err))
				} else if v, err := i.ext.BytesToJS(i.ctx, result); err != nil {
					res.Reject(i.errorValue("RangeError", err.Error()))
				} else {
					res.Resolve(i.keep(v))
				}
				i.afterTurn()
			})
		}
		// The callee runs in a later task of this loop, never nested in this turn.
		l.Post(func() { target.Rpc(l, "", method, args, settle) })
		return promise
	})

	// rpcReturn(id, outcomeBytes) finishes an RPC call this isolate was serving.
	fn("rpcReturn", func(a []*v8go.Value) *v8go.Value {
		id := arg(a, 0).Int32()
		r := i.requests[id]
		if r == nil {
			return nil
		}
		s, ok := r.sink.(*rpcSink)
		if !ok {
			return nil
		}
		delete(i.requests, id)
		b, err := i.ext.BytesFromJS(i.ctx, arg(a, 1))
		if err != nil {
			s.finish(nil, err)
		} else {
			s.finish(b, nil)
		}
		return nil
	})
}
