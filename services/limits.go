package services

import (
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/nanod-runtime/nanod/isolate"
)

// ErrQueueFull is returned when a service already has as many requests in flight as its queue
// limit allows.
type ErrQueueFull struct{ Service string }

func (e *ErrQueueFull) Error() string {
	return fmt.Sprintf("service %q is at its queue limit", e.Service)
}

// ErrTimeout is returned when a request ran past its service's wall-clock limit.
type ErrTimeout struct {
	Service string
	Limit   time.Duration
}

func (e *ErrTimeout) Error() string {
	return fmt.Sprintf("service %q did not respond within its %v time limit", e.Service, e.Limit)
}

// statusFor maps a failure before the response started to the status the client gets.
func statusFor(err error) (int, string) {
	var le *isolate.LimitError
	var qf *ErrQueueFull
	var to *ErrTimeout
	switch {
	case errors.As(err, &le):
		if le.Kind == "cpu" {
			return 503, "Worker exceeded CPU time limit.\n"
		}
		return 503, "Worker exceeded memory limit.\n"
	case errors.As(err, &qf):
		return 503, "Service is overloaded: too many requests in flight.\n"
	case errors.As(err, &to):
		return 504, "Worker did not respond in time.\n"
	}
	return 500, "Internal Server Error"
}

// limitedSink counts a request in flight and ends it on timeout; calls after the end are
// dropped, so a late response from JS cannot reach a finished request.
type limitedSink struct {
	inner    isolate.ResponseSink
	inflight *atomic.Int64
	loop     *isolate.Loop
	timer    *isolate.Timer
	done     bool
	// for metrics
	m        *metrics
	service  string
	status   int
	start    time.Time
	iso      *isolate.Isolate
	cpuStart time.Duration
}

func (s *limitedSink) Start(status int, text string, h [][2]string) {
	if !s.done {
		s.status = status
		s.inner.Start(status, text, h)
	}
}

// RespondWhole passes the one-call fast path through, with the same bookkeeping as End.
func (s *limitedSink) RespondWhole(status int, text string, h [][2]string, body []byte) {
	s.status = status
	if s.finish(nil) {
		isolate.RespondWhole(s.inner, status, text, h, body)
	}
}

// attach notes the isolate serving the request, for its CPU time.
func (s *limitedSink) attach(iso *isolate.Isolate) {
	s.iso, s.cpuStart = iso, iso.CPUTime()
}

func (s *limitedSink) Write(chunk []byte, done func(error)) {
	if s.done {
		done(errors.New("the request has already finished"))
		return
	}
	s.inner.Write(chunk, done)
}

func (s *limitedSink) End(err error) {
	if s.finish(err) {
		s.inner.End(err)
	}
}

// finish ends the request's bookkeeping (timer, queue slot, metrics) once; it reports whether
// this call was the one that finished it.
func (s *limitedSink) finish(err error) bool {
	if s.done {
		return false
	}
	s.done = true
	if s.timer != nil {
		s.loop.StopTimer(s.timer)
	}
	s.inflight.Add(-1)
	if s.m != nil {
		status := s.status
		if status == 0 {
			status, _ = statusFor(err)
		}
		var cpu time.Duration
		if s.iso != nil {
			cpu = s.iso.CPUTime() - s.cpuStart
		}
		s.m.observe(s.service, status, time.Since(s.start), cpu, err)
	}
	return true
}
