package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// loadSpec is one load-generator run against one URL.
type loadSpec struct {
	URL      string
	Method   string // GET or POST
	Body     []byte // POST body (sent as application/json)
	Conns    int
	Threads  int
	Duration time.Duration
	CPUs     string // taskset list for the client; "" = no pinning
	WS       bool   // WebSocket echo round trips (nanobench wsload) instead of HTTP requests
	// RoundDur and WarmDur, when set, replace the harness's round and warm-up durations.
	RoundDur, WarmDur time.Duration
}

// loadResult is what one run measured.
type loadResult struct {
	Requests int64   `json:"requests"`
	Errors   int64   `json:"errors"`  // socket errors and timeouts
	Non2xx   int64   `json:"non2xx"`  // responses with status >= 300
	Seconds  float64 `json:"seconds"` // measured duration
	RPS      float64 `json:"rps"`
	P50us    float64 `json:"p50_us"`
	P99us    float64 `json:"p99_us"`
}

// loadGen runs load; wrk when available, else this program's own `load` subcommand.
type loadGen struct {
	wrk     string // path of wrk, "" when missing
	self    string // path of this executable (Go load generator)
	tmp     string // scratch directory for wrk scripts
	taskset string // path of taskset, "" when missing
}

func (g *loadGen) name() string {
	if g.wrk != "" {
		return "wrk"
	}
	return "nanobench load (Go)"
}

func (g *loadGen) run(ctx context.Context, s loadSpec) (loadResult, error) {
	secs := int(math.Ceil(s.Duration.Seconds()))
	if secs < 1 {
		secs = 1
	}
	var args []string
	if s.WS {
		args = []string{g.self, "wsload", "-url", s.URL, "-c", strconv.Itoa(s.Conns), "-d", s.Duration.String()}
	} else if g.wrk != "" {
		threads := max(1, min(s.Threads, s.Conns))
		args = []string{g.wrk, "-t" + strconv.Itoa(threads), "-c" + strconv.Itoa(s.Conns),
			"-d" + strconv.Itoa(secs) + "s", "--timeout", "5s", "--latency"}
		if s.Method == "POST" {
			script, err := g.postScript(s.Body)
			if err != nil {
				return loadResult{}, err
			}
			args = append(args, "-s", script)
		}
		args = append(args, s.URL)
	} else {
		args = []string{g.self, "load", "-url", s.URL, "-c", strconv.Itoa(s.Conns), "-d", (time.Duration(secs) * time.Second).String()}
		if s.Method == "POST" {
			f, err := os.CreateTemp(g.tmp, "body-*.json")
			if err != nil {
				return loadResult{}, err
			}
			_, _ = f.Write(s.Body)
			f.Close()
			args = append(args, "-post", f.Name())
		}
	}
	if s.CPUs != "" && g.taskset != "" {
		args = append([]string{g.taskset, "-c", s.CPUs}, args...)
	}
	ctx, cancel := context.WithTimeout(ctx, time.Duration(secs)*time.Second+30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.SysProcAttr = childAttr()
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return loadResult{}, fmt.Errorf("%s: %v: %s", args[0], err, strings.TrimSpace(stderr.String()))
	}
	if g.wrk != "" && !s.WS {
		return parseWrk(string(out))
	}
	var r loadResult
	if err := json.Unmarshal(out, &r); err != nil {
		return loadResult{}, fmt.Errorf("load generator output: %v", err)
	}
	return r, nil
}

// postScript writes (once per body) a wrk Lua script that sends body as a JSON POST.
func (g *loadGen) postScript(body []byte) (string, error) {
	path := fmt.Sprintf("%s/post-%d.lua", g.tmp, len(body))
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	script := fmt.Sprintf("wrk.method = \"POST\"\nwrk.body = %q\nwrk.headers[\"Content-Type\"] = \"application/json\"\n", body)
	return path, os.WriteFile(path, []byte(script), 0o644)
}

var (
	wrkRPS      = regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`)
	wrkTotal    = regexp.MustCompile(`(\d+) requests in ([0-9.]+)(us|ms|s|m)`)
	wrkPct      = regexp.MustCompile(`(?m)^\s+(50|99)%\s+([0-9.]+)(us|ms|s)\s*$`)
	wrkSockErrs = regexp.MustCompile(`Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)`)
	wrkNon2xx   = regexp.MustCompile(`Non-2xx or 3xx responses: (\d+)`)
)

func parseWrk(out string) (loadResult, error) {
	var r loadResult
	m := wrkRPS.FindStringSubmatch(out)
	if m == nil {
		return r, fmt.Errorf("unexpected wrk output: %q", out)
	}
	r.RPS, _ = strconv.ParseFloat(m[1], 64)
	if m := wrkTotal.FindStringSubmatch(out); m != nil {
		r.Requests, _ = strconv.ParseInt(m[1], 10, 64)
		r.Seconds = unitSeconds(m[2], m[3])
	}
	for _, m := range wrkPct.FindAllStringSubmatch(out, -1) {
		us := unitSeconds(m[2], m[3]) * 1e6
		if m[1] == "50" {
			r.P50us = us
		} else {
			r.P99us = us
		}
	}
	if m := wrkSockErrs.FindStringSubmatch(out); m != nil {
		for _, s := range m[1:] {
			n, _ := strconv.ParseInt(s, 10, 64)
			r.Errors += n
		}
	}
	if m := wrkNon2xx.FindStringSubmatch(out); m != nil {
		r.Non2xx, _ = strconv.ParseInt(m[1], 10, 64)
	}
	return r, nil
}

func unitSeconds(v, unit string) float64 {
	f, _ := strconv.ParseFloat(v, 64)
	switch unit {
	case "us":
		return f / 1e6
	case "ms":
		return f / 1e3
	case "m":
		return f * 60
	}
	return f
}

// runLoadCommand is `nanobench load`: a small closed-loop HTTP/1.1 load generator (one
// keep-alive connection per goroutine), used when wrk is not installed. It prints a loadResult
// as JSON.
func runLoadCommand(args []string) int {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	target := fs.String("url", "", "URL (http://127.0.0.1:PORT/path)")
	conns := fs.Int("c", 10, "connections")
	dur := fs.Duration("d", 5*time.Second, "duration")
	post := fs.String("post", "", "file whose content is POSTed as application/json")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	u, err := url.Parse(*target)
	if err != nil || u.Scheme != "http" || !strings.HasPrefix(u.Host, "127.0.0.1:") {
		fmt.Fprintln(os.Stderr, "load: -url must be http://127.0.0.1:PORT/...")
		return 2
	}
	var req []byte
	path := u.RequestURI()
	if *post != "" {
		body, err := os.ReadFile(*post)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		req = fmt.Appendf(nil, "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", path, u.Host, len(body), body)
	} else {
		req = fmt.Appendf(nil, "GET %s HTTP/1.1\r\nHost: %s\r\n\r\n", path, u.Host)
	}
	r := closedLoop(u.Host, req, *conns, *dur)
	_ = json.NewEncoder(os.Stdout).Encode(r)
	return 0
}

func closedLoop(host string, req []byte, conns int, dur time.Duration) loadResult {
	type worker struct {
		lat          []time.Duration
		errs, non2xx int64
		conn         net.Conn
		br           *bufio.Reader
	}
	start := time.Now()
	deadline := start.Add(dur)
	workers := make([]*worker, conns)
	var wg sync.WaitGroup
	for i := range workers {
		w := &worker{lat: make([]time.Duration, 0, 1<<14)}
		workers[i] = w
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				if w.conn == nil {
					c, err := net.DialTimeout("tcp", host, 2*time.Second)
					if err != nil {
						w.errs++
						time.Sleep(10 * time.Millisecond)
						continue
					}
					w.conn, w.br = c, bufio.NewReaderSize(c, 64<<10)
				}
				t0 := time.Now()
				_ = w.conn.SetDeadline(t0.Add(5 * time.Second))
				resp, err := roundTrip(w.conn, w.br, req)
				if err != nil {
					w.errs++
					w.conn.Close()
					w.conn = nil
					continue
				}
				w.lat = append(w.lat, time.Since(t0))
				if resp.StatusCode >= 300 {
					w.non2xx++
				}
				if resp.Close {
					w.conn.Close()
					w.conn = nil
				}
			}
			if w.conn != nil {
				w.conn.Close()
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	var all []time.Duration
	var r loadResult
	for _, w := range workers {
		all = append(all, w.lat...)
		r.Errors += w.errs
		r.Non2xx += w.non2xx
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	r.Requests = int64(len(all))
	r.Seconds = elapsed.Seconds()
	r.RPS = float64(r.Requests) / r.Seconds
	if len(all) > 0 {
		r.P50us = float64(all[len(all)*50/100]) / 1e3
		r.P99us = float64(all[len(all)*99/100]) / 1e3
	}
	return r
}

func roundTrip(c net.Conn, br *bufio.Reader, req []byte) (*http.Response, error) {
	if _, err := c.Write(req); err != nil {
		return nil, err
	}
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		return nil, err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == 0 {
		return nil, errors.New("no status")
	}
	return resp, nil
}
