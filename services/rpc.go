package services

import (
	"github.com/nanod-runtime/nanod/isolate"
)

// Workers take JS RPC calls (env.SVC.method(…) in a caller, isolate/rpc.go): a call is served
// like a fetch, on the caller's loop, under the same queue and time limits, and counted in the
// same metrics.
var (
	_ isolate.RPCTarget = (*workerService)(nil)
	_ isolate.RPCTarget = entrypoint{}
)

// Rpc calls method of the worker's entrypoint with serialized args (nil: read the property).
func (w *workerService) Rpc(l *isolate.Loop, entry, method string, args []byte, done func([]byte, error)) {
	out := &rpcOutcome{done: done}
	ls, err := w.admit(l, out)
	if err != nil {
		done(nil, err)
		return
	}
	w.withIsolate(l, func(iso *isolate.Isolate, err error) {
		if err != nil {
			ls.End(err)
			return
		}
		ls.attach(iso)
		iso.Rpc(entry, method, args, func(result []byte, err error) {
			if err == nil && !ls.done {
				ls.status = 200 // the call was answered, even if by an exception of the method
				out.result = result
			}
			ls.End(err)
		})
	})
}

// Rpc calls method of the named entrypoint.
func (e entrypoint) Rpc(l *isolate.Loop, _ string, method string, args []byte, done func([]byte, error)) {
	e.w.Rpc(l, e.name, method, args, done)
}

// rpcOutcome adapts an RPC call's completion to the ResponseSink that limitedSink wraps: End
// delivers the result, or the error (a timeout, a broken isolate), exactly once.
type rpcOutcome struct {
	done   func([]byte, error)
	result []byte
}

func (o *rpcOutcome) Start(int, string, [][2]string)   {}
func (o *rpcOutcome) Write(_ []byte, done func(error)) { done(nil) }
func (o *rpcOutcome) End(err error) {
	if o.done == nil {
		return
	}
	done := o.done
	o.done = nil
	if err != nil {
		done(nil, err)
		return
	}
	done(o.result, nil)
}
