package isolate

import (
	"sync"
	"sync/atomic"
	"time"
)

// The CPU watchdog: while an isolate with a CPU limit runs JS, the loop's watchdog goroutine
// polls the loop thread's CPU clock and terminates the JS once the turn has used more than the
// limit. A generation number identifies each turn, so a check that races with the end of a turn
// can never terminate the next one.

// watchdog belongs to one loop.
type watchdog struct {
	loop   *Loop
	gen    atomic.Uint64 // current turn; odd while a limited turn runs
	wake   chan struct{}
	mu     sync.Mutex
	iso    *Isolate // the isolate of the running turn
	start  int64    // thread CPU ns at turn start
	limit  int64    // ns
	killed uint64   // generation that was terminated
}

func newWatchdog(l *Loop) *watchdog {
	w := &watchdog{loop: l, wake: make(chan struct{}, 1)}
	go w.run()
	return w
}

// begin marks the start of a turn of i, whose thread CPU clock read start ns; called on the
// loop. (The isolate reads the clock anyway for its CPU accounting; one read serves both.)
func (w *watchdog) begin(i *Isolate, start int64) {
	if i.opts.CPULimit <= 0 || start <= 0 {
		return
	}
	w.mu.Lock()
	w.iso, w.start, w.limit = i, start, int64(i.opts.CPULimit)
	w.mu.Unlock()
	w.gen.Add(1) // odd: active
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// end marks the end of the turn; it reports whether the watchdog terminated it.
func (w *watchdog) end(i *Isolate) bool {
	g := w.gen.Load()
	if g%2 == 0 {
		return false
	}
	w.mu.Lock()
	killed := w.killed == g
	w.iso = nil
	w.mu.Unlock()
	w.gen.Add(1) // even: idle
	return killed
}

func (w *watchdog) run() {
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	for {
		if w.gen.Load()%2 == 0 {
			<-w.wake
			continue
		}
		<-tick.C
		g := w.gen.Load()
		if g%2 == 0 {
			continue
		}
		now, err := ThreadCPU(w.loop.Tid)
		if err != nil {
			continue
		}
		w.mu.Lock()
		if w.gen.Load() == g && w.iso != nil && w.killed != g && now-w.start > w.limit {
			w.killed = g
			w.iso.iso.TerminateExecution()
		}
		w.mu.Unlock()
	}
}
