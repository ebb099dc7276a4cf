// Package services runs a config's service graph: each service kind is one type behind the
// Service interface, all built from the validated config in one place (Build), plus the sockets
// that route incoming HTTP to them.
package services

import (
	"fmt"
	"log/slog"
	"os"
	"runtime"
	"sync/atomic"

	"github.com/nanod-runtime/nanod/config"
	"github.com/nanod-runtime/nanod/isolate"
)

// Service is a named target of requests. Fetch is called on loop l (the loop of the caller, or
// the loop a socket handed the request to) and answers through sink on that loop.
type Service interface {
	isolate.Fetcher
	Name() string
}

// Options tune the runtime.
type Options struct {
	Loops        int // event loops (OS threads running JS); 0 = GOMAXPROCS
	Logger       *slog.Logger
	Experimental bool
	Stdout       *os.File // console.log/info/debug; nil = os.Stdout
	Stderr       *os.File // console.warn/error; nil = os.Stderr
	// MemoryBudgetMB is the process RSS budget for evicting idle isolates (overrides the
	// config's Nanod.Runtime memoryBudgetMb); 0 = the config's, or none.
	MemoryBudgetMB int
}

// Runtime is a running config: its loops and services.
type Runtime struct {
	cfg      *config.Config
	opts     Options
	log      *slog.Logger
	loops    []*isolate.Loop
	next     atomic.Uint64
	services map[string]Service
	metrics  *metrics

	budget    int64        // RSS budget in bytes for idle-isolate eviction; 0 = none
	ready     atomic.Bool  // workers loaded, sockets open
	draining  atomic.Bool  // SIGTERM received
	adminAddr atomic.Value // string
}

// Build creates every service of cfg. Workers are loaded lazily, per loop, on first use.
func Build(cfg *config.Config, opts Options) (*Runtime, error) {
	if opts.Loops <= 0 {
		opts.Loops = runtime.GOMAXPROCS(0)
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.Stdout == nil {
		opts.Stdout = os.Stdout
	}
	if opts.Stderr == nil {
		opts.Stderr = os.Stderr
	}
	rt := &Runtime{cfg: cfg, opts: opts, log: opts.Logger, services: map[string]Service{}}
	rt.metrics = newMetrics(rt)
	rt.budget = int64(cfg.Runtime.MemoryBudgetMB) << 20
	if opts.MemoryBudgetMB > 0 {
		rt.budget = int64(opts.MemoryBudgetMB) << 20
	}
	for _, s := range cfg.Services {
		var svc Service
		var err error
		switch s.Kind {
		case config.KindWorker:
			svc = newWorkerService(rt, s)
		case config.KindNetwork:
			svc, err = newNetworkService(s)
		case config.KindExternal:
			svc, err = newExternalService(s)
		case config.KindDisk:
			svc, err = newDiskService(s)
		case config.KindRouter:
			svc = newRouterService(rt, s)
		default:
			svc = unsupported{name: s.Name, why: "this service kind is not supported by nanod yet"}
		}
		if err != nil {
			return nil, fmt.Errorf("service %q: %w", s.Name, err)
		}
		rt.services[s.Name] = svc
	}
	for k := 0; k < opts.Loops; k++ {
		rt.loops = append(rt.loops, isolate.NewLoop(k))
	}
	return rt, nil
}

// Service returns the named service.
func (rt *Runtime) Service(name string) Service { return rt.services[name] }

// Loops lists the runtime's event loops.
func (rt *Runtime) Loops() []*isolate.Loop { return rt.loops }

// pickLoop chooses the loop for a new incoming request: round robin.
func (rt *Runtime) pickLoop() *isolate.Loop {
	return rt.loops[int(rt.next.Add(1)-1)%len(rt.loops)]
}

// Target resolves a designator to a Fetcher: the service, or a named entrypoint of a worker.
func (rt *Runtime) Target(d config.Designator) isolate.Fetcher {
	s := rt.services[d.Service]
	if s == nil {
		return unsupported{name: d.Service, why: "no such service"}
	}
	if w, ok := s.(*workerService); ok && (d.Entrypoint != "" || d.PropsJSON != "") {
		return entrypoint{w: w, name: d.Entrypoint, props: d.PropsJSON}
	}
	return s
}

// Close stops the loops (after in-flight tasks) and frees the isolates.
func (rt *Runtime) Close() {
	for _, s := range rt.services {
		if w, ok := s.(*workerService); ok {
			w.dispose()
		}
	}
	for _, l := range rt.loops {
		l.Stop()
	}
}

// unsupported answers every request with 501, for services nanod cannot run.
type unsupported struct{ name, why string }

func (u unsupported) Name() string { return u.name }
func (u unsupported) Fetch(l *isolate.Loop, req *isolate.Request, sink isolate.ResponseSink) {
	if req.Body != nil {
		req.Body.Close()
	}
	respondText(sink, 501, fmt.Sprintf("service %q: %s\n", u.name, u.why))
}

// respondText answers with a plain-text body.
func respondText(sink isolate.ResponseSink, status int, body string) {
	sink.Start(status, "", [][2]string{{"content-type", "text/plain;charset=UTF-8"}})
	sink.Write([]byte(body), func(error) {})
	sink.End(nil)
}
