package isolate

import (
	"container/heap"
	"runtime"
	"sync"
	"time"
)

// Loop is one event loop: a goroutine locked to its own OS thread that runs every piece of JS of
// the isolates it hosts. Work that leaves the loop (network, disk, another goroutine) comes back
// as exactly one task posted with Post; timers fire as tasks too. Nothing else touches those
// isolates, so V8 never sees two threads and per-thread CPU time measures one loop's work.
type Loop struct {
	ID int

	mu      sync.Mutex
	queue   []func()
	notify  chan struct{} // capacity 1: "the queue is not empty"
	stopped bool
	done    chan struct{}

	timers timerHeap // owned by the loop goroutine
	seq    uint64

	// Tid is the OS thread id of the loop, for its CPU clock.
	Tid int

	watchdog *watchdog
}

// NewLoop starts a loop on a fresh locked OS thread.
func NewLoop(id int) *Loop {
	l := &Loop{ID: id, notify: make(chan struct{}, 1), done: make(chan struct{})}
	started := make(chan struct{})
	go l.run(started)
	<-started
	l.watchdog = newWatchdog(l)
	return l
}

// Post queues fn to run on the loop. It never blocks and is safe from any goroutine, including
// the loop itself (fn then runs after the current task). It reports false if the loop stopped.
func (l *Loop) Post(fn func()) bool {
	l.mu.Lock()
	if l.stopped {
		l.mu.Unlock()
		return false
	}
	l.queue = append(l.queue, fn)
	l.mu.Unlock()
	select {
	case l.notify <- struct{}{}:
	default:
	}
	return true
}

// Call runs fn on the loop and waits for it. It must not be called from the loop itself.
func (l *Loop) Call(fn func()) bool {
	ch := make(chan struct{})
	if !l.Post(func() { defer close(ch); fn() }) {
		return false
	}
	<-ch
	return true
}

// Stop ends the loop after the tasks already queued; it waits for that.
func (l *Loop) Stop() {
	l.mu.Lock()
	if l.stopped {
		l.mu.Unlock()
		<-l.done
		return
	}
	l.stopped = true
	l.mu.Unlock()
	select {
	case l.notify <- struct{}{}:
	default:
	}
	<-l.done
}

// Timer is a loop timer; Stop cancels it. Only the loop goroutine may use it.
type Timer struct {
	when  time.Time
	seq   uint64
	fn    func()
	index int // in the heap; -1 when not scheduled
}

// AfterFunc schedules fn on the loop after d. Call it only from the loop goroutine.
func (l *Loop) AfterFunc(d time.Duration, fn func()) *Timer {
	l.seq++
	t := &Timer{when: time.Now().Add(d), seq: l.seq, fn: fn}
	heap.Push(&l.timers, t)
	return t
}

// StopTimer cancels t if it has not fired. Call it only from the loop goroutine.
func (l *Loop) StopTimer(t *Timer) {
	if t != nil && t.index >= 0 {
		heap.Remove(&l.timers, t.index)
	}
}

func (l *Loop) run(started chan struct{}) {
	runtime.LockOSThread()
	l.Tid = gettid()
	close(started)
	defer close(l.done)
	idle := time.NewTimer(time.Hour)
	defer idle.Stop()
	for {
		l.runTimers()
		l.mu.Lock()
		q := l.queue
		l.queue = nil
		stopped := l.stopped
		l.mu.Unlock()
		for i, fn := range q {
			fn()
			q[i] = nil
		}
		if len(q) > 0 {
			continue // tasks may have queued more tasks or timers
		}
		if stopped {
			return
		}
		wait := time.Hour
		if len(l.timers) > 0 {
			wait = max(time.Until(l.timers[0].when), 0)
		}
		idle.Reset(wait)
		select {
		case <-l.notify:
		case <-idle.C:
		}
		if !idle.Stop() {
			select {
			case <-idle.C:
			default:
			}
		}
	}
}

func (l *Loop) runTimers() {
	now := time.Now()
	for len(l.timers) > 0 && !l.timers[0].when.After(now) {
		t := heap.Pop(&l.timers).(*Timer)
		t.fn()
	}
}

type timerHeap []*Timer

func (h timerHeap) Len() int { return len(h) }
func (h timerHeap) Less(i, j int) bool {
	if h[i].when.Equal(h[j].when) {
		return h[i].seq < h[j].seq
	}
	return h[i].when.Before(h[j].when)
}
func (h timerHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i]; h[i].index = i; h[j].index = j }
func (h *timerHeap) Push(x any)   { t := x.(*Timer); t.index = len(*h); *h = append(*h, t) }
func (h *timerHeap) Pop() any {
	old := *h
	t := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	t.index = -1
	return t
}
