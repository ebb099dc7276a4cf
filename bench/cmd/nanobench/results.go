package main

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
)

// cell is one server's measurement of one row: a value per round, or why there is none.
type cell struct {
	vals []float64
	na   string   // reason there is no value
	warn []string // the value stands, with caveats (errors during load, restarts)
}

// row is one line of the table.
type row struct {
	id     string
	name   string
	lower  bool // lower is better
	format func(float64) string
	cells  [nKinds]*cell
}

type results struct {
	h      *harness
	rows   []*row
	byID   map[string]*row
	notes  []string // free notes under the table
	detail []string // raw per-run lines
}

func fmtRate(v float64) string { return thousands(v) }
func fmtUs(v float64) string   { return fmt.Sprintf("%.0f µs", v) }
func fmtMs(v float64) string {
	if v < 10 {
		return fmt.Sprintf("%.2f ms", v)
	}
	return fmt.Sprintf("%.0f ms", v)
}
func fmtMB(v float64) string { return fmt.Sprintf("%.1f MiB", v/(1<<20)) }
func fmtKB(v float64) string { return fmt.Sprintf("%.0f KiB", v/(1<<10)) }
func fmtMiBs(v float64) string {
	return fmt.Sprintf("%.0f MiB/s", v)
}

func thousands(v float64) string {
	s := strconv.FormatInt(int64(math.Round(v)), 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func newResults(h *harness) *results {
	r := &results{h: h, byID: map[string]*row{}}
	add := func(id, name string, lower bool, f func(float64) string) {
		rw := &row{id: id, name: name, lower: lower, format: f}
		for k := range rw.cells {
			rw.cells[k] = &cell{na: "not run"}
		}
		r.rows = append(r.rows, rw)
		r.byID[id] = rw
	}
	o := h.opt
	add("hello", "hello world, 1 core (req/s ↑)", false, fmtRate)
	add("hello-p50", fmt.Sprintf("hello world p50 latency, 1 core, %d conns (↓)", o.conns), true, fmtUs)
	add("hello-all", fmt.Sprintf("hello world, all %d cores, client shares them (req/s ↑)", h.ncpu), false, fmtRate)
	add("echo", "JSON echo, 1 KiB POST, 1 core (req/s ↑)", false, fmtRate)
	add("stream", "1 MiB streamed response, 1 core (↑)", false, fmtMiBs)
	add("direct", "hello p50 latency, 1 connection (↓)", true, fmtUs)
	add("chain", "chain front→a→b→main p50, 1 connection (↓)", true, fmtUs)
	add("hop", "per service-binding hop = (chain − direct)/3 (↓)", true, fmtUs)
	add("ws", "WebSocket echo, 32 B text, 1 connection, 1 core (round trips/s ↑)", false, fmtRate)
	if o.wsConns > 0 {
		add("ws-n", fmt.Sprintf("WebSocket echo, 32 B text, %d connections, 1 core (round trips/s ↑)", o.wsConns), false, fmtRate)
	}
	add("cold", "cold start: exec → first 200 (↓)", true, fmtMs)
	if n := isolateN(o.services); n > 0 {
		add("isolate", fmt.Sprintf("first request to a fresh service − warm request, %d services (↓)", n), true, fmtMs)
	}
	base := o.services[0]
	add(fmt.Sprintf("rss-%d", base), fmt.Sprintf("RSS, front + %d service(s), all warm (↓)", base), true, fmtMB)
	for _, n := range o.services[1:] {
		add(fmt.Sprintf("rss-%d", n), fmt.Sprintf("RSS per idle service, %d services: (RSS@%d − RSS@%d)/%d (↓)", n, n, base, n-base), true, fmtKB)
	}
	if top := maxInt(o.services); top > base {
		add("startup", fmt.Sprintf("startup, %d services: exec → socket answers (↓)", top), true, fmtMs)
		add("startup-per", fmt.Sprintf("startup per added service: (t@%d − t@%d)/%d (↓)", top, base, top-base), true, fmtUs)
	}
	return r
}

// isolateN is the service count whose first requests estimate isolate creation: 100 when
// measured, else the largest count above the baseline.
func isolateN(services []int) int {
	if len(services) < 2 {
		return 0
	}
	for _, n := range services[1:] {
		if n == 100 {
			return n
		}
	}
	return maxInt(services[1:])
}

func maxInt(list []int) int {
	m := 0
	for _, n := range list {
		m = max(m, n)
	}
	return m
}

func (r *results) cell(id string, k kind) *cell {
	rw := r.byID[id]
	if rw == nil {
		return &cell{} // a row not in the table (e.g. no isolate row): discard
	}
	return rw.cells[k]
}

func (r *results) set(id string, k kind, vals ...float64) {
	c := r.cell(id, k)
	c.vals, c.na = vals, ""
}

func (r *results) na(id string, k kind, why string) {
	c := r.cell(id, k)
	c.vals, c.na = nil, why
}

func (r *results) warn(id string, k kind, why string) {
	c := r.cell(id, k)
	c.warn = append(c.warn, why)
}

func (r *results) logRun(format string, args ...any) {
	line := fmt.Sprintf(format, args...)
	r.detail = append(r.detail, line)
	logf("%s", line)
}

func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	n := len(s)
	if n == 0 {
		return math.NaN()
	}
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// spread is half the min–max range relative to the median, in percent.
func spread(v []float64) float64 {
	lo, hi := v[0], v[0]
	for _, x := range v {
		lo, hi = math.Min(lo, x), math.Max(hi, x)
	}
	m := median(v)
	if m == 0 {
		return 0
	}
	return (hi - lo) / 2 / math.Abs(m) * 100
}

func (r *results) markdown(date, host string, elapsed time.Duration) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# nanod benchmarks: %s, %s\n\n", date, host)
	b.WriteString("| machine | |\n|---|---|\n")
	for _, kv := range r.h.machine {
		fmt.Fprintf(&b, "| %s | %s |\n", kv[0], strings.ReplaceAll(kv[1], "|", "/"))
	}
	fmt.Fprintf(&b, "| harness run time | %.0f s |\n\n", elapsed.Seconds())

	var footnotes []string
	note := func(text string) string {
		for i, f := range footnotes {
			if f == text {
				return fmt.Sprintf("[%d]", i+1)
			}
		}
		footnotes = append(footnotes, text)
		return fmt.Sprintf("[%d]", len(footnotes))
	}
	b.WriteString("| scenario | nanod | workerd | raw Go | nanod/workerd | nanod/Go |\n|---|--:|--:|--:|--:|--:|\n")
	for _, rw := range r.rows {
		fmt.Fprintf(&b, "| %s |", rw.name)
		for k := kind(0); k < nKinds; k++ {
			c := rw.cells[k]
			var refs []string
			for _, w := range c.warn {
				refs = append(refs, note(k.String()+": "+w))
			}
			if c.na != "" || len(c.vals) == 0 {
				why := c.na
				if why == "" {
					why = "no value"
				}
				fmt.Fprintf(&b, " n/a %s |", strings.Join(append([]string{note(why)}, refs...), ""))
				continue
			}
			s := rw.format(median(c.vals))
			if len(c.vals) > 1 {
				s += fmt.Sprintf(" ±%.0f%%", spread(c.vals))
			}
			if len(refs) > 0 {
				s += " " + strings.Join(refs, "")
			}
			fmt.Fprintf(&b, " %s |", s)
		}
		for _, other := range []kind{workerd, rawGo} {
			fmt.Fprintf(&b, " %s |", ratio(rw.cells[nanod], rw.cells[other]))
		}
		b.WriteString("\n")
	}
	b.WriteString("\n↑ higher is better, ↓ lower is better. Values are medians over the rounds; ±N% is half the " +
		"min–max range of the rounds relative to the median. Ratios divide nanod's median by the other's " +
		"(for ↑ rows above 1 means nanod is faster, for ↓ rows below 1 means nanod is better).\n")
	if len(footnotes) > 0 {
		b.WriteString("\n")
		for i, f := range footnotes {
			fmt.Fprintf(&b, "%d. %s\n", i+1, f)
		}
	}
	if len(r.notes) > 0 {
		b.WriteString("\nNotes:\n\n")
		for _, n := range r.notes {
			fmt.Fprintf(&b, "- %s\n", n)
		}
	}
	if len(r.detail) > 0 {
		b.WriteString("\n<details><summary>Every run</summary>\n\n```\n")
		for _, d := range r.detail {
			b.WriteString(d + "\n")
		}
		b.WriteString("```\n</details>\n")
	}
	return b.String()
}

func ratio(a, b *cell) string {
	if a.na != "" || b.na != "" || len(a.vals) == 0 || len(b.vals) == 0 {
		return "—"
	}
	x, y := median(a.vals), median(b.vals)
	if y == 0 || math.IsNaN(x) || math.IsNaN(y) {
		return "—"
	}
	return fmt.Sprintf("%.2f×", x/y)
}
