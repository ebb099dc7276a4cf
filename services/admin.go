package services

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"sort"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/nanod-runtime/nanod/config"
	"github.com/nanod-runtime/nanod/isolate"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the runtime's Prometheus metrics, in a registry of its own.
type metrics struct {
	reg       *prometheus.Registry
	requests  *prometheus.CounterVec   // service, status
	duration  *prometheus.HistogramVec // service
	cpu       *prometheus.HistogramVec // service
	limitHits *prometheus.CounterVec   // service, kind
	created   *prometheus.CounterVec   // service
	evicted   *prometheus.CounterVec   // service
	pressure  prometheus.Gauge
}

func newMetrics(rt *Runtime) *metrics {
	m := &metrics{reg: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "nanod_requests_total",
		Help: "Requests answered, by service and HTTP status."}, []string{"service", "status"})
	m.duration = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "nanod_request_duration_seconds",
		Help:    "Wall-clock time from request to the end of the response, by service.",
		Buckets: prometheus.ExponentialBuckets(0.0001, 4, 10)}, []string{"service"})
	m.cpu = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "nanod_request_cpu_seconds",
		Help:    "CPU time the service's isolate used while the request was in flight.",
		Buckets: prometheus.ExponentialBuckets(0.00001, 4, 10)}, []string{"service"})
	m.limitHits = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "nanod_limit_hits_total",
		Help: "Requests stopped by a limit, by service and kind (cpu, memory, queue, timeout)."}, []string{"service", "kind"})
	m.created = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "nanod_isolates_created_total",
		Help: "Isolates (each with its one context) created, by service."}, []string{"service"})
	m.evicted = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "nanod_isolates_evicted_total",
		Help: "Idle isolates evicted under memory pressure, by service."}, []string{"service"})
	m.pressure = prometheus.NewGauge(prometheus.GaugeOpts{Name: "nanod_memory_pressure_level",
		Help: "Memory pressure from RSS against the budget: 0 normal, 1 warning, 2 critical, 3 emergency."})
	m.reg.MustRegister(m.requests, m.duration, m.cpu, m.limitHits, m.created, m.evicted, m.pressure, &isolateCollector{rt: rt},
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// isolateCollector reports per-isolate gauges at scrape time, reading each isolate on its loop.
type isolateCollector struct{ rt *Runtime }

var (
	heapDesc     = prometheus.NewDesc("nanod_isolate_heap_bytes", "V8 heap used by an isolate.", []string{"service", "loop"}, nil)
	externalDesc = prometheus.NewDesc("nanod_isolate_external_bytes", "ArrayBuffer memory of an isolate.", []string{"service", "loop"}, nil)
	activeDesc   = prometheus.NewDesc("nanod_isolates_active", "Isolates alive, by service.", []string{"service"}, nil)
	queueDesc    = prometheus.NewDesc("nanod_queue_depth", "Requests in flight, by service.", []string{"service"}, nil)
)

func (c *isolateCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- heapDesc
	ch <- externalDesc
	ch <- activeDesc
	ch <- queueDesc
}

func (c *isolateCollector) Collect(ch chan<- prometheus.Metric) {
	active := map[string]int{}
	for _, info := range c.rt.Isolates() {
		active[info.Service]++
		loop := strconv.Itoa(info.Loop)
		ch <- prometheus.MustNewConstMetric(heapDesc, prometheus.GaugeValue, float64(info.HeapUsed), info.Service, loop)
		ch <- prometheus.MustNewConstMetric(externalDesc, prometheus.GaugeValue, float64(info.External), info.Service, loop)
	}
	for name, s := range c.rt.services {
		if w, ok := s.(*workerService); ok {
			ch <- prometheus.MustNewConstMetric(activeDesc, prometheus.GaugeValue, float64(active[name]), name)
			ch <- prometheus.MustNewConstMetric(queueDesc, prometheus.GaugeValue, float64(w.inflight.Load()), name)
		}
	}
}

// IsolateInfo describes one live isolate, for /_admin/isolates.
type IsolateInfo struct {
	Service  string  `json:"service"`
	Loop     int     `json:"loop"`
	HeapUsed uint64  `json:"heapUsed"`
	HeapMax  uint64  `json:"heapLimit"`
	External uint64  `json:"externalBytes"`
	Served   int64   `json:"requestsServed"`
	AgeSec   float64 `json:"ageSeconds"`
}

// Isolates lists the live isolates, reading each on its own loop.
func (rt *Runtime) Isolates() []IsolateInfo {
	var out []IsolateInfo
	for _, l := range rt.loops {
		var part []IsolateInfo
		ok := callTimeout(l, time.Second, func() {
			for name, s := range rt.services {
				w, isWorker := s.(*workerService)
				if !isWorker {
					continue
				}
				st := w.perLoop[l.ID]
				if st == nil || st.iso == nil || st.iso.Broken() != nil {
					continue
				}
				used, _, limit, ext := st.iso.HeapStats()
				part = append(part, IsolateInfo{Service: name, Loop: l.ID, HeapUsed: used, HeapMax: limit, External: ext,
					Served: st.iso.Served(), AgeSec: time.Since(st.iso.Created()).Seconds()})
			}
		})
		if ok {
			out = append(out, part...)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Service != out[j].Service {
			return out[i].Service < out[j].Service
		}
		return out[i].Loop < out[j].Loop
	})
	return out
}

// callTimeout runs fn on l and waits at most d (a loop busy with a long turn is skipped).
func callTimeout(l *isolate.Loop, d time.Duration, fn func()) bool {
	done := make(chan struct{})
	var finished atomic.Bool
	if !l.Post(func() { fn(); finished.Store(true); close(done) }) {
		return false
	}
	select {
	case <-done:
		return true
	case <-time.After(d):
		return false
	}
}

// observe records a finished request.
func (m *metrics) observe(service string, status int, wall, cpu time.Duration, err error) {
	m.requests.WithLabelValues(service, strconv.Itoa(status)).Inc()
	m.duration.WithLabelValues(service).Observe(wall.Seconds())
	if cpu > 0 {
		m.cpu.WithLabelValues(service).Observe(cpu.Seconds())
	}
	var le *isolate.LimitError
	var qf *ErrQueueFull
	var to *ErrTimeout
	switch {
	case errors.As(err, &le):
		m.limitHits.WithLabelValues(service, le.Kind).Inc()
	case errors.As(err, &qf):
		m.limitHits.WithLabelValues(service, "queue").Inc()
	case errors.As(err, &to):
		m.limitHits.WithLabelValues(service, "timeout").Inc()
	}
}

// adminHandler serves /_admin/metrics, /_admin/health and /_admin/isolates.
func (rt *Runtime) adminHandler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/_admin/metrics", promhttp.HandlerFor(rt.metrics.reg, promhttp.HandlerOpts{}))
	mux.HandleFunc("/_admin/health", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		ready := rt.ready.Load() && !rt.draining.Load()
		if !ready {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		json.NewEncoder(w).Encode(map[string]any{"live": true, "ready": ready, "loops": len(rt.loops)})
	})
	mux.HandleFunc("/_admin/isolates", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		list := rt.Isolates()
		if list == nil {
			list = []IsolateInfo{}
		}
		json.NewEncoder(w).Encode(list)
	})
	return mux
}

// serveAdmin runs the admin listener until ctx ends.
func (rt *Runtime) serveAdmin(ctx context.Context, addr string) error {
	a, err := config.ParseAddress(addr, "")
	if err != nil {
		return err
	}
	ln, err := listenAddr(a)
	if err != nil {
		return err
	}
	rt.adminAddr.Store(ln.Addr().String())
	srv := &http.Server{Handler: rt.adminHandler(), ReadHeaderTimeout: 10 * time.Second}
	go func() { <-ctx.Done(); srv.Close() }()
	go srv.Serve(ln)
	return nil
}

// AdminAddr is where the admin listener listens ("" when off).
func (rt *Runtime) AdminAddr() string {
	s, _ := rt.adminAddr.Load().(string)
	return s
}
