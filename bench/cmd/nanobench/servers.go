package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// kind is a system under test: a column of the table.
type kind int

const (
	nanod kind = iota
	workerd
	rawGo
	nKinds
)

func (k kind) String() string { return [...]string{"nanod", "workerd", "raw Go"}[k] }

// launch describes how to start one server process.
type launch struct {
	kind    kind
	config  string            // capnp config (nanod, workerd)
	sockets map[string]string // socket name -> 127.0.0.1:PORT (raw Go: "http" only)
	loops   int               // nanod --loops
	cpus    string            // taskset CPU list; "" = inherit
	label   string            // for log file names
}

// server is a running server process.
type server struct {
	launch
	cmd     *exec.Cmd
	logPath string
	started time.Time
	done    chan struct{} // closed when the process has exited
	waitErr error
}

// servers tracks every process the harness started, so that all of them die with it.
type servers struct {
	mu      sync.Mutex
	live    map[*server]bool
	closed  bool // no more starts: the harness is exiting
	h       *harness
	counter int
}

func (ss *servers) start(l launch) (*server, error) {
	h := ss.h
	var args []string
	switch l.kind {
	case nanod:
		if h.nanodBin == "" {
			return nil, errors.New(h.missing[nanod])
		}
		args = []string{h.nanodBin, "serve", l.config, "--drain-timeout", "1s"}
		if l.loops > 0 {
			args = append(args, "--loops", strconv.Itoa(l.loops))
		}
	case workerd:
		if h.workerdBin == "" {
			return nil, errors.New(h.missing[workerd])
		}
		args = []string{h.workerdBin, "serve", l.config}
	case rawGo:
		if h.rawGoBin == "" {
			return nil, errors.New(h.missing[rawGo])
		}
		args = []string{h.rawGoBin, "-addr", l.sockets["http"]}
	}
	if l.kind != rawGo {
		for name, addr := range l.sockets {
			args = append(args, "--socket-addr", name+"="+addr)
		}
	}
	if l.cpus != "" && h.taskset != "" {
		args = append([]string{h.taskset, "-c", l.cpus}, args...)
	}
	ss.mu.Lock()
	ss.counter++
	n := ss.counter
	ss.mu.Unlock()
	s := &server{launch: l, done: make(chan struct{})}
	s.logPath = fmt.Sprintf("%s/%03d-%s-%s.log", h.tmp, n, strings.ReplaceAll(l.kind.String(), " ", ""), l.label)
	logf, err := os.Create(s.logPath)
	if err != nil {
		return nil, err
	}
	s.cmd = exec.Command(args[0], args[1:]...)
	s.cmd.Stdout, s.cmd.Stderr = logf, logf
	s.cmd.SysProcAttr = childAttr()
	if l.kind == rawGo && l.cpus == h.allCPUs {
		s.cmd.Env = append(os.Environ(), "GOMAXPROCS="+strconv.Itoa(h.ncpu))
	}
	ss.mu.Lock()
	if ss.closed {
		ss.mu.Unlock()
		logf.Close()
		return nil, errors.New("harness is stopping")
	}
	s.started = time.Now()
	if err := s.cmd.Start(); err != nil {
		ss.mu.Unlock()
		logf.Close()
		return nil, err
	}
	ss.live[s] = true
	ss.mu.Unlock()
	go func() {
		s.waitErr = s.cmd.Wait()
		logf.Close()
		close(s.done)
	}()
	return s, nil
}

func (s *server) pid() int { return s.cmd.Process.Pid }

func (s *server) alive() bool {
	select {
	case <-s.done:
		return false
	default:
		return true
	}
}

// why describes how a dead server ended, with the telling line of its log.
func (s *server) why() string {
	msg := "exited"
	if s.waitErr != nil {
		msg = "exited: " + s.waitErr.Error()
	}
	if line := logHint(s.logPath); line != "" {
		msg += " (" + line + ")"
	}
	return msg
}

// logHint picks the most telling line of a server log: a panic or signal, an error, or the last.
func logHint(path string) string {
	data, err := os.ReadFile(path)
	if err != nil || len(data) == 0 {
		return ""
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	for _, pat := range []string{"SIGSEGV", "panic:", "fatal error", "error"} {
		for _, l := range lines {
			if strings.Contains(l, pat) {
				return truncate(strings.TrimSpace(l), 120)
			}
		}
	}
	return truncate(strings.TrimSpace(lines[len(lines)-1]), 120)
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// stop ends the server: SIGTERM, then SIGKILL to its process group after a grace period.
func (ss *servers) stop(s *server) {
	if s == nil {
		return
	}
	if s.alive() {
		_ = s.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-s.done:
		case <-time.After(3 * time.Second):
			_ = syscall.Kill(-s.pid(), syscall.SIGKILL)
			<-s.done
		}
	}
	ss.mu.Lock()
	delete(ss.live, s)
	ss.mu.Unlock()
}

// killAll is the exit path: no process outlives the harness.
func (ss *servers) killAll() {
	ss.mu.Lock()
	ss.closed = true
	list := make([]*server, 0, len(ss.live))
	for s := range ss.live {
		list = append(list, s)
	}
	ss.mu.Unlock()
	for _, s := range list {
		if s.alive() {
			_ = syscall.Kill(-s.pid(), syscall.SIGKILL)
			<-s.done
		}
	}
}

func childAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

// freePort returns a currently unused loopback address.
func freePort() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// waitReady polls url until it answers 200 (any status when anyStatus), and returns the time
// from the server's exec to that answer.
func waitReady(ctx context.Context, s *server, url string, timeout time.Duration) (time.Duration, error) {
	client := &http.Client{Timeout: 2 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	defer client.CloseIdleConnections()
	deadline := time.Now().Add(timeout)
	var last error
	for time.Now().Before(deadline) {
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		if !s.alive() {
			return 0, errors.New("server " + s.why())
		}
		resp, err := client.Get(url)
		if err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return time.Since(s.started), nil
			}
			last = fmt.Errorf("status %d", resp.StatusCode)
		} else {
			last = err
		}
		time.Sleep(time.Millisecond)
	}
	return 0, fmt.Errorf("not ready after %v: %v", timeout, last)
}

// vmRSS reads VmRSS of pid in bytes.
func vmRSS(pid int) (int64, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range bytes.Split(data, []byte("\n")) {
		if f := strings.Fields(string(line)); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, err := strconv.ParseInt(f[1], 10, 64)
			return kb << 10, err
		}
	}
	return 0, errors.New("no VmRSS")
}

// cpuProbe measures, over one round, how the server's CPU was shared: the server process's
// own CPU time, what other processes ran there, and hypervisor steal. It only works when the
// server is pinned to a single CPU.
type cpuProbe struct {
	cpu, pid          int
	t0                time.Time
	busy0, steal0, p0 int64
	ok                bool
}

// cpuShare is a round's use of the server CPU, in percent of wall time.
type cpuShare struct{ server, other, steal float64 }

func startProbe(cpuList string, pid int) *cpuProbe {
	cpu, err := strconv.Atoi(cpuList)
	if err != nil {
		return &cpuProbe{}
	}
	p := &cpuProbe{cpu: cpu, pid: pid, t0: time.Now()}
	var err1, err2 error
	p.busy0, p.steal0, err1 = cpuTicks(cpu)
	if pid != 0 { // else: set pid once the process has started; it starts from 0 ticks
		p.p0, err2 = procTicks(pid)
	}
	p.ok = err1 == nil && err2 == nil
	return p
}

func (p *cpuProbe) stop() (cpuShare, bool) {
	if !p.ok {
		return cpuShare{}, false
	}
	busy, steal, err1 := cpuTicks(p.cpu)
	proc, err2 := procTicks(p.pid)
	if err1 != nil || err2 != nil {
		return cpuShare{}, false
	}
	elapsed := time.Since(p.t0)
	if elapsed < minProbeWindow {
		return cpuShare{}, false // too few clock ticks to tell
	}
	ticks := elapsed.Seconds() * clockTicks
	s := cpuShare{
		server: float64(proc-p.p0) / ticks * 100,
		steal:  float64(steal-p.steal0) / ticks * 100,
	}
	s.other = max(0, float64(busy-p.busy0)/ticks*100-s.server)
	return s, true
}

const (
	clockTicks     = 100 // USER_HZ of /proc/stat and /proc/PID/stat on Linux
	minProbeWindow = 500 * time.Millisecond
)

// cpuTicks reads user+nice+system (busy) and steal ticks of one CPU from /proc/stat.
func cpuTicks(cpu int) (busy, steal int64, err error) {
	data, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, 0, err
	}
	prefix := "cpu" + strconv.Itoa(cpu) + " "
	for _, line := range strings.Split(string(data), "\n") {
		if !strings.HasPrefix(line, prefix) {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 9 {
			break
		}
		n := make([]int64, 9)
		for i := 1; i < 9; i++ {
			n[i], _ = strconv.ParseInt(f[i], 10, 64)
		}
		return n[1] + n[2] + n[3], n[8], nil
	}
	return 0, 0, fmt.Errorf("no %s in /proc/stat", strings.TrimSpace(prefix))
}

// procTicks reads utime+stime of pid (all its threads).
func procTicks(pid int) (int64, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	s := string(data)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0, errors.New("bad /proc/PID/stat")
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 13 {
		return 0, errors.New("short /proc/PID/stat")
	}
	u, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return u + st, nil
}
