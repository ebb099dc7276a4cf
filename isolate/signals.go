package isolate

import (
	"sync"

	"rogchap.com/v8go"
)

// AbortSignals passed over JS RPC (enable_abortsignal_rpc, js/signalrpc.js). Serializing a
// signal that may still abort opens a hub entry; the signal the receiver deserializes subscribes
// to it; when the sender's signal aborts, its reason (serialized) reaches every subscriber, on
// the subscriber's own loop. The entry remembers the abort, so a subscriber that comes later
// still sees it.

type signalEntry struct {
	aborted bool
	reason  []byte
	subs    []signalSub
}

type signalSub struct {
	i   *Isolate
	res *v8go.PromiseResolver
}

var signalHub = struct {
	sync.Mutex
	next    int64
	entries map[int64]*signalEntry
}{entries: map[int64]*signalEntry{}}

// deliverSignal settles a subscription with the abort reason in a task of the subscriber's loop
// (never inside the turn that aborted).
func deliverSignal(s signalSub, reason []byte) {
	i := s.i
	i.Loop.Post(func() {
		if !i.enter() {
			return
		}
		if v, err := i.ext.BytesToJS(i.ctx, reason); err == nil {
			s.res.Resolve(i.keep(v))
		}
		i.keep(s.res.Value)
		i.afterTurn()
	})
}

func (i *Isolate) signalNatives(fn func(string, func([]*v8go.Value) *v8go.Value), arg func([]*v8go.Value, int) *v8go.Value) {
	// signalOpen() → the id of a new hub entry.
	fn("signalOpen", func(a []*v8go.Value) *v8go.Value {
		signalHub.Lock()
		signalHub.next++
		id := signalHub.next
		signalHub.entries[id] = &signalEntry{}
		signalHub.Unlock()
		return i.num(id)
	})

	// signalAbort(id, reasonBytes) aborts an entry: its subscribers, present and future, get the
	// reason.
	fn("signalAbort", func(a []*v8go.Value) *v8go.Value {
		id := int64(arg(a, 0).Integer())
		reason, err := i.ext.BytesFromJS(i.ctx, arg(a, 1))
		if err != nil {
			return i.throw("TypeError", err.Error())
		}
		signalHub.Lock()
		e := signalHub.entries[id]
		if e == nil || e.aborted {
			signalHub.Unlock()
			return nil
		}
		e.aborted, e.reason = true, reason
		subs := e.subs
		e.subs = nil
		signalHub.Unlock()
		for _, s := range subs {
			deliverSignal(s, reason)
		}
		return nil
	})

	// signalSubscribe(id) → a promise of the reason bytes, settled when the entry aborts (never,
	// if it does not).
	fn("signalSubscribe", func(a []*v8go.Value) *v8go.Value {
		id := int64(arg(a, 0).Integer())
		res, _ := v8go.NewPromiseResolver(i.ctx)
		promise := i.keep(res.GetPromise().Value)
		s := signalSub{i: i, res: res}
		signalHub.Lock()
		e := signalHub.entries[id]
		switch {
		case e == nil:
			signalHub.Unlock()
		case e.aborted:
			reason := e.reason
			signalHub.Unlock()
			deliverSignal(s, reason)
		default:
			e.subs = append(e.subs, s)
			signalHub.Unlock()
		}
		return promise
	})

	// signalClose(id) drops an entry whose signal can no longer abort (it was collected).
	fn("signalClose", func(a []*v8go.Value) *v8go.Value {
		id := int64(arg(a, 0).Integer())
		signalHub.Lock()
		delete(signalHub.entries, id)
		signalHub.Unlock()
		return nil
	})
}
