package services

import "github.com/nanod-runtime/nanod/isolate"

// A service whose `isolates` limit keeps it off some loops serves requests from those loops on
// an allowed loop. Everything the caller owns stays on the caller's loop: its sink is called
// there and its request body is read there; only the hand-offs cross, as posted tasks (never a
// blocking wait, so loops cannot deadlock on each other).

// hopSink is used on the serving loop and forwards to a sink owned by the caller's loop.
type hopSink struct {
	owner, server *isolate.Loop
	inner         isolate.ResponseSink
}

func (s hopSink) Start(status int, text string, h [][2]string) {
	s.owner.Post(func() { s.inner.Start(status, text, h) })
}

func (s hopSink) Write(chunk []byte, done func(error)) {
	s.owner.Post(func() {
		s.inner.Write(chunk, func(err error) { s.server.Post(func() { done(err) }) })
	})
}

func (s hopSink) End(err error) { s.owner.Post(func() { s.inner.End(err) }) }

// hopBody is read on the serving loop and reads a body owned by the caller's loop.
type hopBody struct {
	owner *isolate.Loop
	inner isolate.BodySource
}

func (b hopBody) Read(l *isolate.Loop, deliver func([]byte, error)) {
	b.owner.Post(func() {
		b.inner.Read(b.owner, func(chunk []byte, err error) { l.Post(func() { deliver(chunk, err) }) })
	})
}

func (b hopBody) Close() { b.owner.Post(b.inner.Close) }

// hostLoop is the loop that serves a request arriving on l, given the isolates limit.
func (w *workerService) hostLoop(l *isolate.Loop) *isolate.Loop {
	n := w.limits.Isolates
	if n <= 0 || n >= len(w.rt.loops) || l.ID < n {
		return l
	}
	return w.rt.loops[l.ID%n]
}
