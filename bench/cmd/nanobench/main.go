// Command nanobench is `make bench`: it runs nanod, real workerd and a raw Go net/http server
// (bench/cmd/rawgo) through the same scenarios on this machine, with a load generator pinned to
// another core, and prints a Markdown table of medians and ratios, also written to
// bench/results/<date>-<host>.md.
//
// Run it from the repository root after `make build` (and `make oracle` for workerd):
//
//	go run ./bench/cmd/nanobench [flags]
//
// Every flag has an environment variable (BENCH_DURATION, BENCH_ROUNDS, …); see -help.
// `nanobench load -url URL -c N -d DUR [-post FILE]` is the Go load generator used when wrk is
// missing.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

type options struct {
	duration, warmup, budget, startTimeout time.Duration
	rounds, conns, streamConns, coldReps   int
	wsConns                                int
	services                               []int
	scenarios                              map[string]bool
	serverCPU, clientCPU                   string
	loadgen, out, nanod, workerd, goCmd    string
}

var allScenarios = []string{"hello", "hello-all", "echo", "stream", "chain", "ws", "cold", "rss"}

// harness is one benchmark run.
type harness struct {
	opt        options
	ctx        context.Context
	tmp        string
	srv        *servers
	load       *loadGen
	nanodBin   string
	workerdBin string
	rawGoBin   string
	taskset    string
	missing    [nKinds]string // why a column is missing
	ncpu       int
	allCPUs    string
	pinned     bool
	deadline   time.Time
	results    *results
	machine    [][2]string
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "load" {
		os.Exit(runLoadCommand(os.Args[2:]))
	}
	if len(os.Args) > 1 && os.Args[1] == "wsload" {
		os.Exit(runWSLoadCommand(os.Args[2:]))
	}
	os.Exit(run())
}

func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func envDur(name string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(os.Getenv(name)); err == nil {
		return d
	}
	return def
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return n
	}
	return def
}

func parseOptions() (options, error) {
	var o options
	var services, scenarios string
	fs := flag.NewFlagSet("nanobench", flag.ContinueOnError)
	fs.DurationVar(&o.duration, "duration", envDur("BENCH_DURATION", 2*time.Second), "length of one measured round ($BENCH_DURATION; wrk rounds up to whole seconds)")
	fs.DurationVar(&o.warmup, "warmup", envDur("BENCH_WARMUP", time.Second), "warm-up run before the rounds of a scenario, 0 = none ($BENCH_WARMUP)")
	fs.IntVar(&o.rounds, "rounds", envInt("BENCH_ROUNDS", 5), "measured rounds per scenario and server ($BENCH_ROUNDS)")
	fs.IntVar(&o.conns, "conns", envInt("BENCH_CONNS", 50), "connections for the throughput scenarios ($BENCH_CONNS)")
	fs.IntVar(&o.streamConns, "stream-conns", envInt("BENCH_STREAM_CONNS", 8), "connections for the 1 MiB stream scenario ($BENCH_STREAM_CONNS)")
	fs.IntVar(&o.wsConns, "ws-conns", envInt("BENCH_WS_CONNS", 8), "connections of the second WebSocket echo row, 0 = only the 1-connection row ($BENCH_WS_CONNS)")
	fs.IntVar(&o.coldReps, "cold-reps", envInt("BENCH_COLD_REPS", 5), "process starts per server for cold start ($BENCH_COLD_REPS)")
	fs.StringVar(&services, "services", env("BENCH_SERVICES", "1,100,1000"), "service counts of the RSS/startup scenario; the first is the baseline ($BENCH_SERVICES)")
	fs.StringVar(&scenarios, "scenarios", env("BENCH_SCENARIOS", strings.Join(allScenarios, ",")), "scenarios to run ($BENCH_SCENARIOS)")
	fs.StringVar(&o.serverCPU, "server-cpu", env("BENCH_SERVER_CPU", ""), "CPU list of the pinned servers (default: first allowed CPU) ($BENCH_SERVER_CPU)")
	fs.StringVar(&o.clientCPU, "client-cpu", env("BENCH_CLIENT_CPU", ""), "CPU list of the load generator and harness (default: second allowed CPU) ($BENCH_CLIENT_CPU)")
	fs.StringVar(&o.loadgen, "loadgen", env("BENCH_LOADGEN", "auto"), "auto, wrk or go ($BENCH_LOADGEN)")
	fs.DurationVar(&o.budget, "budget", envDur("BENCH_BUDGET", 300*time.Second), "time budget; scenarios that would start later are skipped ($BENCH_BUDGET)")
	fs.DurationVar(&o.startTimeout, "start-timeout", envDur("BENCH_START_TIMEOUT", 60*time.Second), "how long a server may take to answer ($BENCH_START_TIMEOUT)")
	fs.StringVar(&o.out, "out", env("BENCH_OUT", "bench/results"), "directory of the result file ($BENCH_OUT)")
	fs.StringVar(&o.nanod, "nanod", env("BENCH_NANOD", "bin/nanod"), "nanod binary ($BENCH_NANOD)")
	fs.StringVar(&o.workerd, "workerd", env("BENCH_WORKERD", "node_modules/.bin/workerd"), "workerd binary ($BENCH_WORKERD)")
	fs.StringVar(&o.goCmd, "go", env("GO", "go"), "go command used to build bench/cmd/rawgo ($GO)")
	if err := fs.Parse(os.Args[1:]); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if o.rounds < 1 || o.conns < 1 || o.streamConns < 1 || o.coldReps < 1 || o.wsConns < 0 || o.duration <= 0 {
		return o, fmt.Errorf("rounds, conns, stream-conns, cold-reps and duration must be positive")
	}
	for _, f := range strings.Split(services, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return o, fmt.Errorf("-services: %q is not a positive count", f)
		}
		o.services = append(o.services, n)
	}
	o.scenarios = map[string]bool{}
	for _, f := range strings.Split(scenarios, ",") {
		f = strings.TrimSpace(f)
		if !contains(allScenarios, f) {
			return o, fmt.Errorf("-scenarios: unknown %q (have %s)", f, strings.Join(allScenarios, ","))
		}
		o.scenarios[f] = true
	}
	return o, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func run() int {
	opt, err := parseOptions()
	if err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		fmt.Fprintln(os.Stderr, "nanobench:", err)
		return 2
	}
	h := &harness{opt: opt}
	h.taskset, _ = exec.LookPath("taskset")
	allowed := allowedCPUs()
	h.ncpu = len(allowed)
	h.allCPUs = joinInts(allowed)
	if h.ncpu >= 2 && h.taskset != "" {
		h.pinned = true
		if opt.serverCPU == "" {
			h.opt.serverCPU = strconv.Itoa(allowed[0])
		}
		if opt.clientCPU == "" {
			h.opt.clientCPU = strconv.Itoa(allowed[1])
		}
		// Keep the harness itself (its polling and request loops) off the server's core: re-exec
		// under taskset once. Children are always started with an explicit CPU list.
		if os.Getenv("NANOBENCH_PINNED") == "" {
			self, err := os.Executable()
			if err == nil {
				os.Setenv("NANOBENCH_PINNED", h.allCPUs)
				argv := append([]string{h.taskset, "-c", h.opt.clientCPU, self}, os.Args[1:]...)
				err = syscall.Exec(h.taskset, argv, os.Environ())
			}
			fmt.Fprintln(os.Stderr, "nanobench: could not pin the harness:", err)
		}
	} else {
		h.opt.serverCPU, h.opt.clientCPU = "", ""
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	h.ctx = ctx
	h.srv = &servers{live: map[*server]bool{}, h: h}
	h.tmp, err = os.MkdirTemp("", "nanobench-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "nanobench:", err)
		return 1
	}
	cleanup := func() {
		cancel()
		h.srv.killAll()
		os.RemoveAll(h.tmp)
	}
	defer cleanup()
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		s := <-sigs
		fmt.Fprintf(os.Stderr, "\nnanobench: %v: stopping servers\n", s)
		cleanup()
		os.Exit(130)
	}()

	h.deadline = time.Now().Add(opt.budget)
	begin := time.Now()
	loadBefore := loadAvg()
	h.setup()
	h.results = newResults(h)
	h.runAll()
	elapsed := time.Since(begin)
	h.machine = append(h.machine, [2]string{"load average (1, 5, 15 min)", loadBefore + " before, " + loadAvg() + " after (other processes on the machine make numbers noisy)"})

	host, _ := os.Hostname()
	date := time.Now().Format("2006-01-02")
	md := h.results.markdown(date, host, elapsed)
	fmt.Println()
	fmt.Print(md)
	if err := os.MkdirAll(opt.out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "nanobench:", err)
		return 1
	}
	path := filepath.Join(opt.out, date+"-"+sanitize(host)+".md")
	if _, err := os.Stat(path); err == nil && len(opt.scenarios) < len(allScenarios) {
		// A partial run (BENCH_SCENARIOS=ws …) keeps the full run's file of the day.
		var sel []string
		for _, sc := range allScenarios {
			if opt.scenarios[sc] {
				sel = append(sel, sc)
			}
		}
		path = filepath.Join(opt.out, date+"-"+sanitize(host)+"-"+strings.Join(sel, "+")+".md")
	}
	if err := os.WriteFile(path, []byte(md), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "nanobench:", err)
		return 1
	}
	fmt.Printf("\nwritten to %s (%.0fs)\n", path, elapsed.Seconds())
	return 0
}

// allowedCPUs lists the CPUs this process may run on, as inherited before any re-exec.
func allowedCPUs() []int {
	if v := os.Getenv("NANOBENCH_PINNED"); v != "" {
		var out []int
		for _, f := range strings.Split(v, ",") {
			if n, err := strconv.Atoi(f); err == nil {
				out = append(out, n)
			}
		}
		return out
	}
	var set unix.CPUSet
	if err := unix.SchedGetaffinity(0, &set); err != nil {
		out := make([]int, runtime.NumCPU())
		for i := range out {
			out[i] = i
		}
		return out
	}
	var out []int
	for i := 0; i < 1024 && len(out) < set.Count(); i++ {
		if set.IsSet(i) {
			out = append(out, i)
		}
	}
	return out
}

func joinInts(list []int) string {
	s := make([]string, len(list))
	for i, n := range list {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ",")
}

func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '.' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r
		}
		return '_'
	}, s)
}

// setup finds the binaries, builds raw Go, picks the load generator and describes the machine.
func (h *harness) setup() {
	logf("preparing (tmp %s)", h.tmp)
	if abs, err := filepath.Abs(h.opt.nanod); err == nil && isExec(abs) {
		h.nanodBin = abs
	} else {
		h.missing[nanod] = h.opt.nanod + " not found (run `make build`)"
	}
	if abs, err := filepath.Abs(h.opt.workerd); err == nil && isExec(abs) {
		h.workerdBin = abs
	} else {
		h.missing[workerd] = h.opt.workerd + " not found (run `make oracle`; needs npm)"
	}
	rawBin := filepath.Join(h.tmp, "rawgo")
	if out, err := exec.Command(h.opt.goCmd, "build", "-o", rawBin, "./bench/cmd/rawgo").CombinedOutput(); err == nil {
		h.rawGoBin = rawBin
	} else {
		h.missing[rawGo] = "could not build bench/cmd/rawgo: " + truncate(strings.TrimSpace(string(out)), 100)
	}
	self, _ := os.Executable()
	h.load = &loadGen{self: self, tmp: h.tmp, taskset: h.taskset}
	if h.opt.loadgen != "go" {
		if p, err := exec.LookPath("wrk"); err == nil {
			h.load.wrk = p
		} else if h.opt.loadgen == "wrk" {
			logf("wrk not found; using the Go load generator")
		}
	}

	h.machine = [][2]string{
		{"host", hostname()},
		{"CPU", fmt.Sprintf("%s, nproc %d (%d online)", cpuModel(), h.ncpu, onlineCPUs())},
		{"kernel", firstLine(cmdOut("uname", "-srm"))},
		{"Go", runtime.Version()},
		{"nanod", orNA(h.nanodBin != "", func() string { return firstLine(cmdOut(h.nanodBin, "--version")) + gitRev() }, h.missing[nanod])},
		{"workerd", orNA(h.workerdBin != "", func() string { return firstLine(cmdOut(h.workerdBin, "--version")) }, h.missing[workerd])},
		{"load generator", h.loadgenDesc()},
	}
	if h.pinned {
		h.machine = append(h.machine, [2]string{"pinning", fmt.Sprintf("taskset: servers on CPU %s, load generator and harness on CPU %s; the \"all cores\" row runs server and client unpinned on CPUs %s (they share cores)", h.opt.serverCPU, h.opt.clientCPU, h.allCPUs)})
	} else {
		h.machine = append(h.machine, [2]string{"pinning", "none (needs taskset and 2 CPUs): server and client share cores"})
	}
	h.machine = append(h.machine, [2]string{"settings", fmt.Sprintf("%d rounds × %v after a %v warm-up; %d connections (1 MiB stream: %d; latency rows: 1); WebSocket echo: %d rounds × %v after a %v warm-up per row; cold start: %d starts", h.opt.rounds, h.opt.duration, h.opt.warmup, h.opt.conns, h.opt.streamConns, h.opt.rounds, h.wsRound(), h.wsWarm(), h.opt.coldReps)})
}

func (h *harness) loadgenDesc() string {
	if h.load.wrk != "" {
		v := firstLine(cmdOut(h.load.wrk, "-v"))
		if i := strings.Index(v, " Copyright"); i > 0 {
			v = v[:i]
		}
		return v
	}
	return "nanobench load (Go closed loop, one keep-alive connection per goroutine; wrk not installed)"
}

func orNA(ok bool, f func() string, why string) string {
	if ok {
		return f()
	}
	return "n/a: " + why
}

func isExec(path string) bool {
	st, err := os.Stat(path)
	return err == nil && !st.IsDir() && st.Mode()&0o111 != 0
}

func cmdOut(name string, args ...string) string {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, _ := exec.CommandContext(ctx, name, args...).CombinedOutput()
	return strings.TrimSpace(string(out))
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

func loadAvg() string {
	data, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

func hostname() string {
	h, _ := os.Hostname()
	return h
}

func cpuModel() string {
	data, _ := os.ReadFile("/proc/cpuinfo")
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}

func onlineCPUs() int {
	data, _ := os.ReadFile("/proc/cpuinfo")
	n := 0
	for _, line := range strings.Split(string(data), "\n") {
		if k, _, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "processor" {
			n++
		}
	}
	return n
}

func gitRev() string {
	rev := firstLine(cmdOut("git", "rev-parse", "--short", "HEAD"))
	if rev == "" || strings.Contains(rev, " ") {
		return ""
	}
	if cmdOut("git", "status", "--porcelain", "--untracked-files=no") != "" {
		rev += "+dirty"
	}
	return " (git " + rev + ")"
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "nanobench: "+format+"\n", args...)
}
