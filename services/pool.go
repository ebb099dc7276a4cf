package services

import (
	"context"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/nanod-runtime/nanod/isolate"
)

// Memory pressure, from the process's RSS against the configured budget: what it is, and how
// long an isolate must have been idle before it is evicted at that level.
type pressure int

const (
	pressureNormal    pressure = iota // < 70 %
	pressureWarning                   // 70–85 %
	pressureCritical                  // 85–95 %
	pressureEmergency                 // > 95 %
)

var pressureNames = [...]string{"normal", "warning", "critical", "emergency"}

func (p pressure) String() string { return pressureNames[p] }

func pressureOf(rss, budget int64) pressure {
	if budget <= 0 {
		return pressureNormal
	}
	switch r := float64(rss) / float64(budget); {
	case r > 0.95:
		return pressureEmergency
	case r > 0.85:
		return pressureCritical
	case r > 0.70:
		return pressureWarning
	}
	return pressureNormal
}

// idleFor is how long an isolate must have been idle to be evicted at a level (<0: never).
func (p pressure) idleFor() time.Duration {
	switch p {
	case pressureWarning:
		return time.Minute
	case pressureCritical:
		return 5 * time.Second
	case pressureEmergency:
		return 0
	}
	return -1
}

// processRSS reads the process's resident set size from /proc.
func processRSS() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, _ := strconv.ParseInt(f[1], 10, 64)
	return pages * int64(os.Getpagesize())
}

type idleIsolate struct {
	w        *workerService
	loop     *isolate.Loop
	lastUsed time.Time
}

// watchMemory checks RSS against the budget every interval and evicts idle isolates, least
// recently used first, as pressure rises. Evicted services start a fresh isolate on next use.
func (rt *Runtime) watchMemory(ctx context.Context, budget int64, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		level := pressureOf(processRSS(), budget)
		rt.metrics.pressure.Set(float64(level))
		if level == pressureNormal {
			continue
		}
		rt.evictIdle(level)
	}
}

// evictIdle disposes isolates that have had nothing in flight for the level's idle time, LRU
// first, until pressure drops back below warning.
func (rt *Runtime) evictIdle(level pressure) int {
	minIdle := level.idleFor()
	var cands []idleIsolate
	for _, l := range rt.loops {
		var part []idleIsolate
		callTimeout(l, time.Second, func() {
			for _, s := range rt.services {
				w, ok := s.(*workerService)
				if !ok {
					continue
				}
				st := w.perLoop[l.ID]
				if st != nil && st.iso != nil && !st.loading && !st.iso.Busy() && time.Since(st.lastUsed) >= minIdle {
					part = append(part, idleIsolate{w: w, loop: l, lastUsed: st.lastUsed})
				}
			}
		})
		cands = append(cands, part...)
	}
	sort.Slice(cands, func(i, j int) bool { return cands[i].lastUsed.Before(cands[j].lastUsed) })
	evicted := 0
	for _, c := range cands {
		if evicted > 0 && rt.budget > 0 && pressureOf(processRSS(), rt.budget) < pressureWarning {
			break
		}
		c := c
		ok := callTimeout(c.loop, time.Second, func() {
			st := c.w.perLoop[c.loop.ID]
			if st != nil && st.iso != nil && !st.loading && !st.iso.Busy() {
				st.iso.Dispose()
				st.iso = nil
				evicted++
				rt.metrics.evicted.WithLabelValues(c.w.cfg.Name).Inc()
			}
		})
		if !ok {
			continue
		}
	}
	if evicted > 0 {
		rt.log.Info("evicted idle isolates", "count", evicted, "pressure", level.String())
	}
	return evicted
}
