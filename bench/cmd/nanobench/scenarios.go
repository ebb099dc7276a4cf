package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"time"
)

const (
	configDir   = "bench/configs"
	helloBody   = "Hello World\n"
	streamBytes = 1 << 20
	chainHops   = 3 // front → a → b → main
)

func (h *harness) runAll() {
	o := h.opt
	kinds := []kind{nanod, workerd, rawGo}
	for k := kind(0); k < nKinds; k++ {
		if h.missing[k] != "" {
			for _, rw := range h.results.rows {
				h.results.na(rw.id, k, h.missing[k])
			}
		}
	}
	if o.scenarios["hello"] || o.scenarios["echo"] || o.scenarios["stream"] || o.scenarios["chain"] || o.scenarios["ws"] {
		for _, k := range kinds {
			h.pinnedGroup(k)
		}
	}
	if o.scenarios["hello-all"] {
		for _, k := range kinds {
			h.allCoresGroup(k)
		}
	}
	if o.scenarios["cold"] {
		for _, k := range kinds {
			h.coldStart(k)
		}
	}
	if o.scenarios["rss"] {
		for _, k := range kinds {
			h.manyServices(k)
		}
	}
	h.results.notes = append(h.results.notes,
		"1 core: the server is pinned to one CPU (nanod `--loops 1`; raw Go then runs with GOMAXPROCS=1), the load generator to the other.",
		fmt.Sprintf("All cores: nanod `--loops %d`, raw Go GOMAXPROCS=%d; workerd serves from one thread whatever the core count, so it runs single-threaded here too. The load generator (%d threads) shares the cores with the server.", h.ncpu, h.ncpu, h.ncpu),
		fmt.Sprintf("Noise: for pinned rounds the harness compares the server CPU's busy time (/proc/stat) with the server's own CPU time (/proc/PID/stat); a round in which other processes or hypervisor steal took more than %d%% of that CPU is discarded and repeated (at most %d times per cell, listed under \"Every run\"), and cells whose kept rounds still median above %d%% are flagged; start-up rows are flagged the same way (windows of 0.5 s and more only).", redoShare, maxRetries, noisyShare),
		"JSON echo: the worker does `Response.json(await request.json())` on a 1024-byte JSON body; raw Go decodes into `any` and re-encodes.",
		"1 MiB stream: a ReadableStream of 16 × 64 KiB chunks (raw Go: 16 flushed writes), chunked encoding; MiB/s = responses/s.",
		"Chain: three service-binding hops (each `return env.NEXT.fetch(request)`) in front of the hello worker; direct is the hello worker on its own socket, same process. Per hop is the median over rounds of (chain p50 − direct p50)/3.",
		fmt.Sprintf("WebSocket echo: the client (`nanobench wsload`, github.com/coder/websocket, on the load generator's CPU) dials `/ws` (the worker: `new WebSocketPair()`, `server.accept()`, `server.send(e.data)` on every message; raw Go: coder/websocket Accept, Read, Write), then each connection writes a 32-byte text message and reads its echo in a closed loop; round trips/s over all connections, dial excluded; %d rounds × %v after a %v warm-up per row.", h.opt.rounds, h.wsRound(), h.wsWarm()),
		"Cold start: exec of the server (through taskset) until the first 200 on `GET /`, polled every ~1 ms from the client core; hello config (`bench/configs/hello.capnp`), one worker. Too short for the noise check (CPU accounting has 10 ms ticks): look at the single starts under \"Every run\".",
		"Many services: a generated config with a front worker holding N service bindings to N trivial workers (`bench/configs/front.js`, `leaf.js`); each service gets two requests through the front, so its isolate surely exists; RSS is VmRSS from /proc/PID/status 0.5 s after the last request. Both runtimes create every worker's isolate at start-up (nanod on its first event loop; with more loops the others create theirs on first use), so isolate creation shows in the start-up rows; \"first request − warm\" is the median over services of (1st request latency − 2nd request latency), i.e. what a service's first request still costs.",
	)
}

// wsRound is the length of one WebSocket echo round: a quarter of a normal round, but at least
// the CPU probe's window, so the whole scenario adds ~15 s to a default run.
func (h *harness) wsRound() time.Duration { return max(h.opt.duration/4, minProbeWindow) }

// wsWarm is the WebSocket echo warm-up (JIT of the handler): a quarter of the normal one.
func (h *harness) wsWarm() time.Duration { return h.opt.warmup / 4 }

// budgetLeft reports whether another unit of work may start.
func (h *harness) budgetLeft() bool { return time.Now().Before(h.deadline) }

// retryAllowed reports whether a noisy round may be repeated: only while enough budget is left
// for the scenarios that follow.
func (h *harness) retryAllowed() bool { return time.Until(h.deadline) > h.opt.budget/3 }

const skippedBudget = "skipped: time budget (BENCH_BUDGET) used up"

func (h *harness) addrs(names ...string) (map[string]string, error) {
	m := map[string]string{}
	for _, n := range names {
		a, err := freePort()
		if err != nil {
			return nil, err
		}
		m[n] = a
	}
	return m, nil
}

// startReady starts a server and waits for `GET /` on its "http" socket to answer 200.
func (h *harness) startReady(l launch) (*server, time.Duration, error) {
	s, d, _, err := h.startReadyProbed(l)
	return s, d, err
}

// startReadyProbed is startReady that also measures the use of the server CPU from before the
// exec on; the caller stops the probe.
func (h *harness) startReadyProbed(l launch) (*server, time.Duration, *cpuProbe, error) {
	p := &cpuProbe{}
	if h.pinned && l.cpus == h.opt.serverCPU {
		p = startProbe(l.cpus, 0)
	}
	s, err := h.srv.start(l)
	if err != nil {
		return nil, 0, nil, err
	}
	p.pid = s.pid()
	d, err := waitReady(h.ctx, s, "http://"+l.sockets["http"]+"/", h.opt.startTimeout)
	if err != nil {
		h.srv.stop(s)
		return nil, 0, nil, err
	}
	return s, d, p, nil
}

// pinnedGroup runs the 1-core scenarios (hello, echo, stream, chain latency) on one server
// process, pinned to the server CPU, restarting it when it died in an earlier scenario.
func (h *harness) pinnedGroup(k kind) {
	if h.missing[k] != "" {
		return
	}
	ids := map[string][]string{
		"hello": {"hello", "hello-p50"}, "echo": {"echo"}, "stream": {"stream"}, "chain": {"direct", "chain", "hop"}, "ws": {"ws", "ws-n"},
	}
	names := []string{"http"}
	if k != rawGo {
		names = append(names, "chain")
	}
	sockets, err := h.addrs(names...)
	if err != nil {
		logf("%v", err)
		return
	}
	l := launch{kind: k, config: filepath.Join(configDir, "bench.capnp"), sockets: sockets, loops: 1, cpus: h.opt.serverCPU, label: "1core"}
	var s *server
	defer func() { h.srv.stop(s) }()
	for _, sc := range []string{"hello", "echo", "stream", "chain", "ws"} {
		if !h.opt.scenarios[sc] {
			continue
		}
		if !h.budgetLeft() {
			for _, id := range ids[sc] {
				h.results.na(id, k, skippedBudget)
			}
			continue
		}
		if s != nil && !s.alive() {
			for _, id := range ids[sc] {
				h.results.warn(id, k, "server restarted: it died in an earlier scenario")
			}
			h.srv.stop(s)
			s = nil
		}
		if s == nil {
			var err error
			s, _, err = h.startReady(l)
			if err != nil {
				for _, id := range ids[sc] {
					h.results.na(id, k, "server did not start: "+err.Error())
				}
				continue
			}
		}
		base := "http://" + sockets["http"]
		switch sc {
		case "hello":
			h.throughput(s, "hello", "hello-p50", base+"/", loadSpec{Method: "GET", Conns: h.opt.conns, Threads: 1, CPUs: h.opt.clientCPU}, checkHello)
		case "echo":
			body := echoBody()
			h.throughput(s, "echo", "", base+"/echo", loadSpec{Method: "POST", Body: body, Conns: h.opt.conns, Threads: 1, CPUs: h.opt.clientCPU}, func(u string) error { return checkEcho(u, body) })
		case "stream":
			h.throughput(s, "stream", "", base+"/stream", loadSpec{Method: "GET", Conns: h.opt.streamConns, Threads: 1, CPUs: h.opt.clientCPU}, checkStream)
		case "chain":
			h.chain(s, base+"/", sockets["chain"])
		case "ws":
			wsURL := "ws://" + sockets["http"] + "/ws"
			spec := loadSpec{WS: true, Conns: 1, Threads: 1, CPUs: h.opt.clientCPU, RoundDur: h.wsRound(), WarmDur: h.wsWarm()}
			h.throughput(s, "ws", "", wsURL, spec, checkWS)
			if h.opt.wsConns > 0 {
				spec.Conns = h.opt.wsConns
				h.throughput(s, "ws-n", "", wsURL, spec, checkWS)
			}
		}
	}
}

// allCoresGroup runs hello world with every core for the server and the client together.
func (h *harness) allCoresGroup(k kind) {
	if h.missing[k] != "" {
		return
	}
	if !h.budgetLeft() {
		h.results.na("hello-all", k, skippedBudget)
		return
	}
	sockets, err := h.addrs("http", "chain")
	if err != nil {
		logf("%v", err)
		return
	}
	if k == rawGo {
		delete(sockets, "chain")
	}
	cpus := ""
	if h.pinned {
		cpus = h.allCPUs
	}
	l := launch{kind: k, config: filepath.Join(configDir, "bench.capnp"), sockets: sockets, loops: h.ncpu, cpus: cpus, label: "allcores"}
	s, _, err := h.startReady(l)
	if err != nil {
		h.results.na("hello-all", k, "server did not start: "+err.Error())
		return
	}
	defer h.srv.stop(s)
	h.throughput(s, "hello-all", "", "http://"+sockets["http"]+"/", loadSpec{Method: "GET", Conns: h.opt.conns, Threads: h.ncpu, CPUs: cpus}, checkHello)
}

// throughput checks the endpoint, warms up, and runs the rounds; rowID gets requests per
// second, p50ID (when set) the p50 latency in µs.
func (h *harness) throughput(s *server, rowID, p50ID, url string, spec loadSpec, check func(string) error) {
	k := s.kind
	r := h.results
	fail := func(why string) {
		r.na(rowID, k, why)
		if p50ID != "" {
			r.na(p50ID, k, why)
		}
	}
	if err := check(url); err != nil {
		if !s.alive() {
			fail("server crashed on the check request: " + s.why())
		} else {
			fail("wrong response: " + err.Error())
		}
		return
	}
	spec.URL = url
	warm, round := h.opt.warmup, h.opt.duration
	if spec.WarmDur > 0 || spec.RoundDur > 0 {
		warm, round = spec.WarmDur, spec.RoundDur
	}
	if warm > 0 {
		w := spec
		w.Duration = warm
		if _, err := h.load.run(h.ctx, w); err != nil || !s.alive() {
			if !s.alive() {
				fail("server crashed during warm-up: " + s.why())
			} else {
				fail("load generator: " + err.Error())
			}
			return
		}
	}
	spec.Duration = round
	var rps, p50, noise []float64
	var errs int64
	retries := maxRetries
	for len(rps) < h.opt.rounds {
		probe := h.probe(s)
		res, err := h.load.run(h.ctx, spec)
		share, shareOK := probe.stop()
		if !s.alive() {
			fail("server crashed under load: " + s.why())
			return
		}
		if err != nil {
			fail("load generator: " + err.Error())
			return
		}
		redo := shareOK && share.other+share.steal > redoShare && retries > 0 && h.retryAllowed()
		r.logRun("%-8s %-10s round %d/%d: %s req/s, p50 %.0f µs, p99 %.0f µs, %d requests, %d errors, %d non-2xx%s%s",
			k, rowID, len(rps)+1, h.opt.rounds, thousands(res.RPS), res.P50us, res.P99us, res.Requests, res.Errors, res.Non2xx, share.String(shareOK), redoNote(redo))
		if redo {
			retries--
			continue
		}
		if shareOK {
			noise = append(noise, share.other+share.steal)
		}
		rps = append(rps, res.RPS)
		p50 = append(p50, res.P50us)
		errs += res.Errors + res.Non2xx
	}
	r.set(rowID, k, rps...)
	if p50ID != "" {
		r.set(p50ID, k, p50...)
	}
	h.noisy(noise, k, rowID, p50ID)
	if errs > 0 {
		r.warn(rowID, k, fmt.Sprintf("%d socket errors or non-2xx responses during %s", errs, rowID))
	}
}

// chain measures p50 latency at one connection, direct and through three binding hops, in
// alternating rounds.
func (h *harness) chain(s *server, direct, chainAddr string) {
	k := s.kind
	r := h.results
	fail := func(ids []string, why string) {
		for _, id := range ids {
			r.na(id, k, why)
		}
	}
	all := []string{"direct", "chain", "hop"}
	if k == rawGo {
		fail([]string{"chain", "hop"}, "raw Go has no service bindings")
		all = all[:1]
	}
	targets := []string{direct}
	if k != rawGo {
		targets = append(targets, "http://"+chainAddr+"/")
	}
	for _, u := range targets {
		if err := checkHello(u); err != nil {
			if !s.alive() {
				fail(all, "server crashed on the check request: "+s.why())
			} else {
				fail(all, "wrong response from "+u+": "+err.Error())
			}
			return
		}
	}
	spec := loadSpec{Method: "GET", Conns: 1, Threads: 1, CPUs: h.opt.clientCPU}
	if h.opt.warmup > 0 {
		for _, u := range targets {
			w := spec
			w.URL, w.Duration = u, h.opt.warmup
			if _, err := h.load.run(h.ctx, w); err != nil {
				fail(all, "load generator: "+err.Error())
				return
			}
		}
	}
	spec.Duration = h.opt.duration
	var lat [2][]float64
	var hops, noise []float64
	retries := maxRetries
	for len(lat[0]) < h.opt.rounds {
		var p50, shares [2]float64
		var lines []string
		redo := false
		for j, u := range targets {
			spec.URL = u
			probe := h.probe(s)
			res, err := h.load.run(h.ctx, spec)
			share, shareOK := probe.stop()
			if !s.alive() {
				fail(all, "server crashed under load: "+s.why())
				return
			}
			if err != nil {
				fail(all, "load generator: "+err.Error())
				return
			}
			name := []string{"direct", "chain"}[j]
			lines = append(lines, fmt.Sprintf("%-8s %-10s round %d/%d: p50 %.0f µs, p99 %.0f µs, %s req/s, %d errors, %d non-2xx%s",
				k, name, len(lat[0])+1, h.opt.rounds, res.P50us, res.P99us, thousands(res.RPS), res.Errors, res.Non2xx, share.String(shareOK)))
			p50[j] = res.P50us
			if shareOK {
				shares[j] = share.other + share.steal
				redo = redo || shares[j] > redoShare
			}
			if res.Errors+res.Non2xx > 0 {
				r.warn(name, k, fmt.Sprintf("%d errors during %s", res.Errors+res.Non2xx, name))
			}
		}
		redo = redo && retries > 0 && h.retryAllowed()
		for _, line := range lines {
			r.logRun("%s%s", line, redoNote(redo))
		}
		if redo {
			retries--
			continue
		}
		for j := range targets {
			lat[j] = append(lat[j], p50[j])
			noise = append(noise, shares[j])
		}
		if len(targets) == 2 {
			hops = append(hops, (p50[1]-p50[0])/chainHops)
		}
	}
	r.set("direct", k, lat[0]...)
	if len(targets) == 2 {
		r.set("chain", k, lat[1]...)
		r.set("hop", k, hops...)
	}
	h.noisy(noise, k, all...)
}

// A round in which other processes and steal took more than redoShare percent of the server
// CPU is repeated, at most maxRetries times per scenario and server.
const (
	redoShare  = 20
	maxRetries = 2
)

func redoNote(redo bool) string {
	if redo {
		return " (noisy: discarded, repeated)"
	}
	return ""
}

// noisyShare is the median share of the server CPU, in percent, that other processes and
// hypervisor steal may take before a value is flagged.
const noisyShare = 10

// probe starts measuring the server CPU's use, when the server is pinned to one CPU.
func (h *harness) probe(s *server) *cpuProbe {
	if !h.pinned || s.cpus != h.opt.serverCPU {
		return &cpuProbe{}
	}
	return startProbe(s.cpus, s.pid())
}

func (c cpuShare) String(ok bool) string {
	if !ok {
		return ""
	}
	return fmt.Sprintf("; server CPU: server %.0f%%, other processes %.0f%%, steal %.0f%%", c.server, c.other, c.steal)
}

// noisy flags rows whose rounds shared the server CPU with other processes.
func (h *harness) noisy(noise []float64, k kind, ids ...string) {
	if len(noise) == 0 {
		return
	}
	if m := median(noise); m > noisyShare {
		for _, id := range ids {
			if id != "" {
				h.results.warn(id, k, fmt.Sprintf("other processes or steal took a median %.0f%% of the server CPU during these rounds: noisy", m))
			}
		}
	}
}

// coldStart starts a fresh server process per repetition and times exec → first 200.
func (h *harness) coldStart(k kind) {
	if h.missing[k] != "" {
		return
	}
	var ms []float64
	for i := 0; i < h.opt.coldReps; i++ {
		if !h.budgetLeft() {
			break
		}
		sockets, err := h.addrs("http")
		if err != nil {
			break
		}
		l := launch{kind: k, config: filepath.Join(configDir, "hello.capnp"), sockets: sockets, loops: 1, cpus: h.opt.serverCPU, label: "cold"}
		s, d, err := h.startReady(l)
		if err != nil {
			h.results.na("cold", k, "server did not start: "+err.Error())
			return
		}
		h.srv.stop(s)
		h.results.logRun("%-8s cold start %d/%d: %.1f ms", k, i+1, h.opt.coldReps, ms1(d))
		ms = append(ms, ms1(d))
	}
	if len(ms) == 0 {
		h.results.na("cold", k, skippedBudget)
		return
	}
	h.results.set("cold", k, ms...)
}

func ms1(d time.Duration) float64 { return float64(d) / 1e6 }

// manyServices measures RSS per idle service, isolate creation on first request and the
// start-up time of big configs.
func (h *harness) manyServices(k kind) {
	if h.missing[k] != "" {
		return
	}
	o := h.opt
	base := o.services[0]
	rss := map[int]float64{}
	startup := map[int]float64{}
	for _, n := range o.services {
		ids := []string{fmt.Sprintf("rss-%d", n)}
		if n == isolateN(o.services) && n != base {
			ids = append(ids, "isolate")
		}
		if n == maxInt(o.services) && n != base {
			ids = append(ids, "startup", "startup-per")
		}
		fail := func(why string) {
			for _, id := range ids {
				h.results.na(id, k, why)
			}
		}
		if k == rawGo && n != base {
			fail("raw Go has no services or isolates")
			continue
		}
		if !h.budgetLeft() {
			fail(skippedBudget)
			continue
		}
		cfg := filepath.Join(configDir, "hello.capnp")
		if k != rawGo {
			var err error
			if cfg, err = h.manyConfig(n); err != nil {
				fail(err.Error())
				continue
			}
		}
		sockets, err := h.addrs("http")
		if err != nil {
			fail(err.Error())
			continue
		}
		l := launch{kind: k, config: cfg, sockets: sockets, loops: 1, cpus: o.serverCPU, label: fmt.Sprintf("svc%d", n)}
		s, up, probe, err := h.startReadyProbed(l)
		if err != nil {
			fail("server did not start: " + err.Error())
			continue
		}
		startup[n] = ms1(up)
		var extra []float64
		if k != rawGo {
			extra, err = warmServices(s, "http://"+sockets["http"], n)
		}
		share, shareOK := probe.stop()
		if err != nil {
			h.srv.stop(s)
			fail(err.Error())
			continue
		}
		if shareOK { // start-up and first-request times suffer from a busy CPU; RSS does not
			h.noisy([]float64{share.other + share.steal}, k, ids[1:]...)
		}
		time.Sleep(500 * time.Millisecond)
		v, err := vmRSS(s.pid())
		h.srv.stop(s)
		if err != nil {
			fail("VmRSS: " + err.Error())
			continue
		}
		rss[n] = float64(v)
		line := fmt.Sprintf("%-8s %4d services: start-up %.1f ms, VmRSS %.1f MiB", k, n, startup[n], float64(v)/(1<<20))
		if len(extra) > 0 {
			line += fmt.Sprintf(", first request − warm: median %.2f ms", median(extra))
		}
		line += share.String(shareOK)
		h.results.logRun("%s", line)
		if n == base {
			h.results.set(ids[0], k, rss[n])
		} else if b, ok := rss[base]; ok {
			h.results.set(ids[0], k, (rss[n]-b)/float64(n-base))
		} else {
			h.results.na(ids[0], k, fmt.Sprintf("no baseline (%d services) measurement", base))
		}
		if contains(ids, "isolate") && len(extra) > 0 {
			h.results.set("isolate", k, median(extra))
		}
		if contains(ids, "startup") {
			h.results.set("startup", k, startup[n])
			if b, ok := startup[base]; ok {
				h.results.set("startup-per", k, (startup[n]-b)*1e3/float64(n-base))
			} else {
				h.results.na("startup-per", k, "no baseline start-up time")
			}
		}
	}
}

// warmServices sends two requests to each service through the front worker and returns, per
// service, the first request's latency minus the second's, in ms.
func warmServices(s *server, base string, n int) ([]float64, error) {
	client := &http.Client{Timeout: 30 * time.Second}
	defer client.CloseIdleConnections()
	get := func(url string) (time.Duration, error) {
		t0 := time.Now()
		resp, err := client.Get(url)
		if err != nil {
			return 0, err
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return 0, err
		}
		if resp.StatusCode != 200 || string(body) != "ok\n" {
			return 0, fmt.Errorf("%s: status %d, body %q", url, resp.StatusCode, truncate(string(body), 80))
		}
		return time.Since(t0), nil
	}
	extra := make([]float64, 0, n)
	for i := 0; i < n; i++ {
		url := fmt.Sprintf("%s/s/%d", base, i)
		first, err := get(url)
		if err == nil {
			var second time.Duration
			if second, err = get(url); err == nil {
				extra = append(extra, ms1(first-second))
				continue
			}
		}
		if !s.alive() {
			return nil, fmt.Errorf("server crashed warming service %d: %s", i, s.why())
		}
		return nil, fmt.Errorf("warming service %d: %v", i, err)
	}
	return extra, nil
}

// manyConfig writes (once) a config with a front worker bound to n trivial services.
func (h *harness) manyConfig(n int) (string, error) {
	dir := filepath.Join(h.tmp, fmt.Sprintf("services-%d", n))
	path := filepath.Join(dir, "config.capnp")
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	for _, f := range []string{"front.js", "leaf.js"} {
		data, err := os.ReadFile(filepath.Join(configDir, f))
		if err != nil {
			return "", err
		}
		if err := os.WriteFile(filepath.Join(dir, f), data, 0o644); err != nil {
			return "", err
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# Generated by bench/cmd/nanobench: a front worker with %d service bindings.\n", n)
	b.WriteString("using Workerd = import \"/workerd/workerd.capnp\";\n\nconst config :Workerd.Config = (\n  services = [\n    (name = \"front\", worker = .front),\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "    (name = \"s%d\", worker = .s%d),\n", i, i)
	}
	b.WriteString("  ],\n  sockets = [ (name = \"http\", address = \"127.0.0.1:8080\", http = (), service = \"front\") ],\n);\n\n")
	b.WriteString("const front :Workerd.Worker = (\n  modules = [ (name = \"front.js\", esModule = embed \"front.js\") ],\n  compatibilityDate = \"2024-09-23\",\n  bindings = [\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "    (name = \"S%d\", service = \"s%d\"),\n", i, i)
	}
	b.WriteString("  ],\n);\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "const s%d :Workerd.Worker = ( modules = [ (name = \"leaf.js\", esModule = embed \"leaf.js\") ], compatibilityDate = \"2024-09-23\" );\n", i)
	}
	return path, os.WriteFile(path, []byte(b.String()), 0o644)
}

// echoBody is a 1024-byte JSON document.
func echoBody() []byte {
	type item struct {
		K    string   `json:"k"`
		V    int      `json:"v"`
		Tags []string `json:"tags"`
	}
	doc := map[string]any{"id": 12345, "name": "nanobench", "ok": true}
	var items []item
	var out []byte
	for i := 0; ; i++ {
		items = append(items, item{K: fmt.Sprintf("key-%d", i), V: i * 7, Tags: []string{"a", "b"}})
		doc["items"] = items
		out, _ = json.Marshal(doc)
		if len(out) > 900 {
			break
		}
	}
	doc["pad"] = strings.Repeat("p", 1024-len(out)-len(`,"pad":""`))
	out, _ = json.Marshal(doc)
	return out
}

var checkClient = &http.Client{Timeout: 10 * time.Second}

func fetch(method, url string, body []byte) (int, []byte, error) {
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := checkClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return resp.StatusCode, data, err
}

func checkHello(url string) error {
	status, body, err := fetch("GET", url, nil)
	if err != nil {
		return err
	}
	if status != 200 || string(body) != helloBody {
		return fmt.Errorf("status %d, body %q", status, truncate(string(body), 80))
	}
	return nil
}

func checkEcho(url string, sent []byte) error {
	status, body, err := fetch("POST", url, sent)
	if err != nil {
		return err
	}
	if status != 200 {
		return fmt.Errorf("status %d, body %q", status, truncate(string(body), 80))
	}
	var a, b any
	if err := json.Unmarshal(sent, &a); err != nil {
		return err
	}
	if err := json.Unmarshal(body, &b); err != nil {
		return fmt.Errorf("response is not JSON: %v", err)
	}
	if !reflect.DeepEqual(a, b) {
		return errors.New("echoed JSON differs from the request")
	}
	return nil
}

func checkStream(url string) error {
	status, body, err := fetch("GET", url, nil)
	if err != nil {
		return err
	}
	if status != 200 || len(body) != streamBytes {
		return fmt.Errorf("status %d, %d bytes (want %d)", status, len(body), streamBytes)
	}
	return nil
}
