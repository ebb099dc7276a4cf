package services

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/nanod-runtime/nanod/bindings"
	"github.com/nanod-runtime/nanod/config"
	"github.com/nanod-runtime/nanod/isolate"
)

// workerService runs a worker: one isolate per loop that has served it, created on first use.
// All per-loop state is touched only on its own loop, so it needs no lock.
type workerService struct {
	rt       *Runtime
	cfg      *config.Service
	limits   config.Limits
	inflight atomic.Int64
	perLoop  []*workerOnLoop // indexed by loop id
}

type workerOnLoop struct {
	iso      *isolate.Isolate
	loading  bool
	waiting  []func(*isolate.Isolate, error)
	lastUsed time.Time // for LRU eviction under memory pressure
}

func newWorkerService(rt *Runtime, s *config.Service) *workerService {
	n := rt.opts.Loops
	return &workerService{rt: rt, cfg: s, limits: rt.cfg.LimitsFor(s.Name), perLoop: make([]*workerOnLoop, n)}
}

func (w *workerService) Name() string { return w.cfg.Name }

func (w *workerService) Fetch(l *isolate.Loop, req *isolate.Request, sink isolate.ResponseSink) {
	if h := w.hostLoop(l); h != l {
		// Served on another loop: the caller's sink and body stay on the caller's loop.
		r := *req
		if r.Body != nil {
			r.Body = hopBody{owner: l, inner: r.Body}
		}
		hs := hopSink{owner: l, server: h, inner: sink}
		h.Post(func() { w.Fetch(h, &r, hs) })
		return
	}
	ls, err := w.admit(l, sink)
	if err != nil {
		if req.Body != nil {
			req.Body.Close()
		}
		sink.End(err)
		return
	}
	sink = ls
	w.withIsolate(l, func(iso *isolate.Isolate, err error) {
		if err != nil {
			if req.Body != nil {
				req.Body.Close()
			}
			sink.End(err)
			return
		}
		ls.attach(iso)
		iso.Fetch(req, sink)
	})
}

// admit applies the queue limit and starts the request's bookkeeping (metrics, timeout) around
// sink; fetches and RPC calls share it.
func (w *workerService) admit(l *isolate.Loop, sink isolate.ResponseSink) (*limitedSink, error) {
	if q := w.limits.Queue; q > 0 && w.inflight.Load() >= int64(q) {
		w.rt.log.Warn("limit hit", "service", w.cfg.Name, "limit", "queue", "max", q)
		w.rt.metrics.observe(w.cfg.Name, 503, 0, 0, &ErrQueueFull{})
		return nil, &ErrQueueFull{Service: w.cfg.Name}
	}
	w.inflight.Add(1)
	ls := &limitedSink{inner: sink, inflight: &w.inflight, loop: l, m: w.rt.metrics, service: w.cfg.Name, start: time.Now()}
	if t := w.limits.Timeout; t > 0 {
		ls.timer = l.AfterFunc(t, func() {
			w.rt.log.Warn("limit hit", "service", w.cfg.Name, "limit", "timeout", "max", t)
			ls.End(&ErrTimeout{Service: w.cfg.Name, Limit: t})
		})
	}
	return ls, nil
}

// entrypoint is a worker's named export, the target of a designator with an entrypoint.
type entrypoint struct {
	w     *workerService
	name  string
	props string // the designator's props as JSON, seen by the callee as ctx.props
}

func (e entrypoint) Fetch(l *isolate.Loop, req *isolate.Request, sink isolate.ResponseSink) {
	r := *req
	r.Entrypoint, r.PropsJSON = e.name, e.props
	e.w.Fetch(l, &r, sink)
}

// withIsolate calls fn on loop l with the service's isolate there, creating and loading it
// first if needed; callers arriving during the load wait for it.
func (w *workerService) withIsolate(l *isolate.Loop, fn func(*isolate.Isolate, error)) {
	st := w.perLoop[l.ID]
	if st == nil {
		st = &workerOnLoop{}
		w.perLoop[l.ID] = st
	}
	if st.iso != nil && st.iso.Broken() != nil {
		w.rt.log.Warn("replacing isolate", "service", w.cfg.Name, "loop", l.ID, "reason", st.iso.Broken().Error())
		st.iso.Dispose()
		st.iso = nil
	}
	st.lastUsed = time.Now()
	if st.iso != nil && !st.loading {
		fn(st.iso, nil)
		return
	}
	st.waiting = append(st.waiting, fn)
	if st.loading {
		return
	}
	st.loading = true
	finish := func(err error) {
		st.loading = false
		waiting := st.waiting
		st.waiting = nil
		if err != nil {
			w.rt.log.Error("worker failed to start", "service", w.cfg.Name, "error", err)
			if st.iso != nil {
				st.iso.Dispose()
				st.iso = nil
			}
		}
		for _, f := range waiting {
			f(st.iso, err)
		}
	}
	iso, spec, err := w.newIsolate(l)
	if err != nil {
		finish(err)
		return
	}
	st.iso = iso
	iso.Load(spec, finish)
}

// newIsolate creates an isolate for the worker on l, with the spec to load into it.
func (w *workerService) newIsolate(l *isolate.Loop) (*isolate.Isolate, *isolate.Worker, error) {
	spec, err := w.spec()
	if err != nil {
		return nil, nil, err
	}
	opts := isolate.Options{Name: w.cfg.Name, Log: w.consoleLog, CPULimit: w.limits.CPU}
	if mb := w.limits.MemoryMB; mb > 0 {
		opts.HeapLimitMB = mb
		opts.ArrayBufferBudget = int64(mb) << 20
	}
	iso, err := l.NewIsolate(opts)
	if err == nil {
		w.rt.metrics.created.WithLabelValues(w.cfg.Name).Inc()
	}
	if err != nil {
		return nil, nil, err
	}
	return iso, spec, nil
}

// spec translates the worker's config into what the isolate loads.
func (w *workerService) spec() (*isolate.Worker, error) {
	cw := w.cfg.Worker
	if cw.Inherit != "" {
		base := w.rt.cfg.Service(cw.Inherit)
		if base == nil || base.Worker == nil {
			return nil, fmt.Errorf("inherits from unknown worker %q", cw.Inherit)
		}
		merged := *base.Worker
		merged.Bindings = bindings.Override(base.Worker.Bindings, cw.Bindings)
		if cw.Raw.HasGlobalOutbound() {
			merged.GlobalOutbound = cw.GlobalOutbound
		}
		cw = &merged
	}
	bs, warnings := bindings.Build(cw.Bindings, w.rt.Target, os.LookupEnv)
	for _, msg := range warnings {
		w.rt.log.Warn(msg, "service", w.cfg.Name)
	}
	spec := &isolate.Worker{
		Bindings:    bs,
		Outbound:    w.rt.Target(cw.GlobalOutbound),
		Cache:       w.rt.cacheFor(cw),
		CompatDate:  cw.EffectiveDate,
		CompatFlags: cw.CompatibilityFlags,
	}
	spec.CompatEnabled = cw.CompatEnabled
	if cw.IsModules() {
		for _, m := range cw.Modules {
			kind, ok := moduleKinds[m.Kind]
			if !ok {
				return nil, fmt.Errorf("module %q: %s modules are not supported by nanod", m.Name, m.Kind)
			}
			spec.Modules = append(spec.Modules, isolate.Module{Name: m.Name, Kind: kind, Source: m.Source, NamedExports: m.NamedExports})
		}
	} else {
		spec.Script = cw.ServiceWorkerScript
		spec.ScriptName = w.cfg.Name + ".js"
	}
	return spec, nil
}

var moduleKinds = map[config.ModuleKind]isolate.ModuleKind{
	config.ModuleESM: isolate.ModuleESM, config.ModuleCommonJS: isolate.ModuleCommonJS,
	config.ModuleText: isolate.ModuleText, config.ModuleData: isolate.ModuleData,
	config.ModuleWasm: isolate.ModuleWasm, config.ModuleJSON: isolate.ModuleJSON,
}

// consoleLog writes a worker's console output as workerd does: log/info/debug to stdout,
// warn/error to stderr, one message per line.
func (w *workerService) consoleLog(level isolate.Level, msg string) {
	if w.rt.cfg.Logging.Structured {
		// As workerd with logging.structuredLogging: one JSON object per line, all on stdout.
		b, _ := json.Marshal(struct {
			Timestamp int64  `json:"timestamp"`
			Level     string `json:"level"`
			Message   string `json:"message"`
		}{time.Now().UnixMilli(), level.String(), msg})
		w.rt.opts.Stdout.Write(append(b, '\n'))
		return
	}
	out := w.rt.opts.Stdout
	if level >= isolate.LevelWarn {
		out = w.rt.opts.Stderr
	}
	if !strings.HasSuffix(msg, "\n") {
		msg += "\n"
	}
	out.WriteString(msg)
}

// Start loads the worker on the first loop, so code errors surface at start-up as in workerd.
func (w *workerService) start() error {
	l := w.rt.loops[0]
	errc := make(chan error, 1)
	l.Post(func() { w.withIsolate(l, func(_ *isolate.Isolate, err error) { errc <- err }) })
	return <-errc
}

func (w *workerService) dispose() {
	for id, st := range w.perLoop {
		if st != nil && st.iso != nil {
			iso := st.iso
			w.rt.loops[id].Call(iso.Dispose)
		}
	}
}
