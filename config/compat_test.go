package config_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/nanod-runtime/nanod/config"
	"github.com/nanod-runtime/nanod/internal/oracle"
)

// The expectations below are what workerd 1.20261117 printed for the same inputs (as
// "service <name>: <message>"), observed with a clock at 2026-11-22; like that binary,
// MaxCompatDate is 2026-11-24.

var compatToday = time.Date(2026, 11, 22, 15, 4, 5, 0, time.UTC)

func TestCompatDate(t *testing.T) {
	newest := func(d string) string {
		return `This Worker requires compatibility date "` + d + `", but the newest date supported by this server binary is "` + config.MaxCompatDate + `".`
	}
	future := func(d string) string {
		return `Can't set compatibility date in the future: "` + d + `". Today's date (UTC) is "2026-11-22".`
	}
	for date, want := range map[string][]string{
		"2024-09-23":         nil,
		"2000-01-01":         nil,
		"2024-02-30":         nil, // workerd checks only that the day is 1–31
		"2024-01-1-":         nil, // read as sscanf("%d-%d-%d") reads it: 2024-01-01
		"2024-13-01":         {"Invalid compatibility date: 2024-13-01"},
		"2024-00-10":         {"Invalid compatibility date: 2024-00-10"},
		"2024-01-32":         {"Invalid compatibility date: 2024-01-32"},
		"24-01-01":           {"Invalid compatibility date: 24-01-01"},
		"3000-01-01":         {"Invalid compatibility date: 3000-01-01"},
		"1999-01-01":         {"Invalid compatibility date: 1999-01-01"},
		"2024-1-01":          {"Invalid compatibility date: 2024-1-01"},
		"2024-01-0a":         {"Invalid compatibility date: 2024-01-0a"},
		"2024-01--1":         {"Invalid compatibility date: 2024-01--1"},
		" 2024-01-0":         {"Invalid compatibility date:  2024-01-0"},
		"2024/01/01":         {"Invalid compatibility date: 2024/01/01"},
		"":                   {"Invalid compatibility date: "},
		"bad-date":           {"Invalid compatibility date: bad-date"},
		"2026-11-18":         nil,
		"2026-11-22":         nil,
		"2026-11-23":         {future("2026-11-23")},
		config.MaxCompatDate: {future(config.MaxCompatDate)},
		"2026-11-25":         {newest("2026-11-25"), future("2026-11-25")},
		"2030-01-01":         {newest("2030-01-01"), future("2030-01-01")},
	} {
		_, errs := config.CheckCompat(date, nil, false, compatToday)
		if !reflect.DeepEqual(errs, want) {
			t.Errorf("date %q:\n got  %q\n want %q", date, errs, want)
		}
	}
	// An invalid date is reported, and the flags are then worked out for workerd's default date.
	on, errs := config.CheckCompat("soon", nil, false, compatToday)
	if len(errs) != 1 || on["formdata_parser_supports_files"] || !on["r2_public_beta_bindings"] {
		t.Errorf("invalid date: errs %q, formdata %v", errs, on["formdata_parser_supports_files"])
	}
	// The clock's UTC date counts, not its local one.
	if _, errs := config.CheckCompat("2026-11-17", nil, false, time.Date(2026, 11, 17, 1, 0, 0, 0, time.FixedZone("x", 5*3600))); len(errs) != 1 {
		t.Errorf("2026-11-17 at 2026-11-16T20:00Z: %q, want the future-date error", errs)
	}
}

const experimentalMsg = " is experimental and may break or be removed in a future version of workerd. To use this flag, you must pass --experimental on the command line."

func TestCompatFlagErrors(t *testing.T) {
	for _, c := range []struct {
		date         string
		flags        []string
		experimental bool
		errs, warns  []string
	}{
		{date: "2024-01-01", flags: []string{"nodejs_compat", "no_nodejs_compat"},
			errs: []string{"Compatibility flags are mutually contradictory: nodejs_compat vs no_nodejs_compat"}},
		{date: "2024-01-01", flags: []string{"foo", "bar", "nodejs_compat", "foo"},
			errs: []string{"Compatibility flag specified multiple times: foo", "No such compatibility flag: foo", "No such compatibility flag: bar"}},
		{date: "2024-01-01", flags: []string{"durable_object_snapshots"},
			errs: []string{"The compatibility flag durable_object_snapshots" + experimentalMsg}},
		{date: "2024-01-01", flags: []string{"durable_object_snapshots"}, experimental: true},
		{date: "2024-01-01", flags: []string{"formdata_parser_supports_files"},
			warns: []string{"The compatibility flag formdata_parser_supports_files became the default as of 2021-11-03 so does not need to be specified anymore."}},
		{date: "2024-01-01", flags: []string{"r2_public_beta_bindings"},
			warns: []string{"The compatibility flag r2_public_beta_bindings is the default, so does not need to be specified anymore."}},
		{date: "2024-01-01", flags: []string{"durable_object_snapshots", "no_nodejs_compat", "nodejs_compat", "formdata_parser_supports_files", "formdata_parser_converts_files_to_strings"},
			errs: []string{
				"Compatibility flags are mutually contradictory: formdata_parser_supports_files vs formdata_parser_converts_files_to_strings",
				"Compatibility flags are mutually contradictory: nodejs_compat vs no_nodejs_compat",
				"The compatibility flag durable_object_snapshots" + experimentalMsg,
			},
			warns: []string{"The compatibility flag formdata_parser_supports_files became the default as of 2021-11-03 so does not need to be specified anymore."}},
		// The date is bad, so the default date (2021-05-01) applies: formdata_parser_supports_files
		// is not on by date and draws no warning. Taking a flag out of workerd's set moves the last
		// one into its place, hence y before x.
		{date: "bad-date", flags: []string{"formdata_parser_supports_files", "x", "y"},
			errs: []string{"Invalid compatibility date: bad-date", "No such compatibility flag: y", "No such compatibility flag: x"}},
		{date: "2024-01-01", flags: []string{"a", "b", "c", "nodejs_compat", "d", "e"},
			errs: []string{"No such compatibility flag: a", "No such compatibility flag: b", "No such compatibility flag: c", "No such compatibility flag: e", "No such compatibility flag: d"}},
		{date: "2024-01-01", flags: []string{"nodejs_compat", "nodejs_compat", "nodejs_compat"},
			errs: []string{"Compatibility flag specified multiple times: nodejs_compat", "Compatibility flag specified multiple times: nodejs_compat"}},
		{date: "2024-01-01", flags: []string{""}, errs: []string{"No such compatibility flag: "}},
		// Disabling what the date does not enable yet is fine.
		{date: "2021-01-01", flags: []string{"formdata_parser_converts_files_to_strings"}},
	} {
		r := config.CompileCompat(c.date, c.flags, c.experimental, compatToday)
		if !reflect.DeepEqual(r.Errors, c.errs) || !reflect.DeepEqual(r.Warnings, c.warns) {
			t.Errorf("%s %q experimental=%v:\n got  %q\n      %q\n want %q\n      %q", c.date, c.flags, c.experimental, r.Errors, r.Warnings, c.errs, c.warns)
		}
	}
}

func TestCompatEnabled(t *testing.T) {
	count := func(m map[string]bool) int {
		n := 0
		for _, v := range m {
			if v {
				n++
			}
		}
		return n
	}
	on, _ := config.CheckCompat("2024-09-23", nil, false, compatToday)
	if len(on) != 205 {
		t.Errorf("%d flags, want workerd 1.20261117's 205", len(on))
	}
	// How many workerd 1.20261117 had on, from Cloudflare.compatibilityFlags.
	for _, c := range []struct {
		date  string
		flags []string
		want  int
	}{
		{"2021-05-01", nil, 1}, // r2_public_beta_bindings, on for every date
		{"2024-09-23", nil, 37},
		{"2026-11-17", nil, 125},
		{config.MaxCompatDate, nil, 126},
		{"2024-09-23", []string{"nodejs_compat"}, 40},
		{"2024-09-22", []string{"nodejs_compat"}, 38},
		{"2025-09-29", []string{"python_workers_development"}, 66},
	} {
		on, _ := config.CheckCompat(c.date, c.flags, true, compatToday)
		if n := count(on); n != c.want {
			t.Errorf("%s %q: %d flags on, want %d", c.date, c.flags, n, c.want)
		}
	}
	for _, c := range []struct {
		date  string
		flags []string
		flag  string
		want  bool
	}{
		{"2021-11-02", nil, "formdata_parser_supports_files", false},
		{"2021-11-03", nil, "formdata_parser_supports_files", true},
		{"2021-11-03", []string{"formdata_parser_converts_files_to_strings"}, "formdata_parser_supports_files", false},
		{"2021-11-02", []string{"formdata_parser_supports_files"}, "formdata_parser_supports_files", true},
		{"2021-11-03", []string{"formdata_parser_supports_files", "formdata_parser_converts_files_to_strings"}, "formdata_parser_supports_files", true},
		{"2024-09-23", []string{"nodejs_compat"}, "nodejs_compat_v2", true},
		{"2024-09-22", []string{"nodejs_compat"}, "nodejs_compat_v2", false},
		{"2024-09-23", []string{"nodejs_compat", "no_nodejs_compat_v2"}, "nodejs_compat_v2", false},
		{"2026-08-04", nil, "nodejs_compat_v2", true},
		{"2024-09-23", []string{"nodejs_compat_v2"}, "nodejs_zlib", true},
		{"2000-01-01", []string{"python_workers_development"}, "python_workers", true},
	} {
		on, _ := config.CheckCompat(c.date, c.flags, true, compatToday)
		if on[c.flag] != c.want {
			t.Errorf("%s %q: %s = %v, want %v", c.date, c.flags, c.flag, on[c.flag], c.want)
		}
	}
}

func TestCompatTable(t *testing.T) {
	seen := map[string]bool{}
	flags := config.CompatFlags()
	for i, f := range flags {
		for _, name := range []string{f.Enable, f.Disable} {
			if name == "" {
				continue
			}
			if seen[name] {
				t.Errorf("flag %s appears twice", name)
			}
			seen[name] = true
		}
		for _, by := range f.ImpliedBy {
			if !seen[by] && !func() bool {
				for _, g := range flags[i:] {
					if g.Enable == by {
						return true
					}
				}
				return false
			}() {
				t.Errorf("%s is implied by unknown flag %s", f.Enable, by)
			}
		}
		if (len(f.ImpliedBy) > 0) != (f.ImpliedAfter != "") {
			t.Errorf("%s: ImpliedBy and ImpliedAfter go together", f.Enable)
		}
	}
}

// TestCompatOracle compares CompileCompat with workerd itself: the messages for bad dates and
// flags, and the whole of Cloudflare.compatibilityFlags for many dates and flag sets.
func TestCompatOracle(t *testing.T) {
	if testing.Short() {
		t.Skip("runs workerd on about 1200 workers")
	}
	wd := oracle.RequireWorkerd(t)
	if out, _ := exec.Command(wd, "--version").Output(); !strings.Contains(string(out), "2026-11-17") {
		t.Skipf("workerd is %q; the flag table is workerd 2026-11-17's", strings.TrimSpace(string(out)))
	}
	today := time.Now().UTC()
	todayStr := today.Format("2006-01-02")
	type worker struct {
		date  string
		flags []string
	}
	var msgs, maps []worker

	// Messages, for dates not after MaxCompatDate (the binary's own limit is later, so its message
	// would differ).
	for _, d := range []string{"2024-13-01", "24-01-01", "1999-12-31", "2024-02-30", "2024-01-1-", "bad"} {
		msgs = append(msgs, worker{d, nil})
	}
	msgs = append(msgs,
		worker{"2024-01-01", []string{"nodejs_compat", "no_nodejs_compat"}},
		worker{"2024-01-01", []string{"foo", "bar", "nodejs_compat", "foo", "streams_enable_constructors", "baz"}},
		worker{"2024-01-01", []string{"durable_object_snapshots", "no_nodejs_compat", "nodejs_compat", "formdata_parser_supports_files", "formdata_parser_converts_files_to_strings"}},
		worker{"bad-date", []string{"formdata_parser_supports_files", "x", "y"}},
		worker{"2024-01-01", []string{"r2_public_beta_bindings", "url_standard"}},
	)
	for _, f := range config.CompatFlags() {
		if f.Experimental {
			msgs = append(msgs, worker{"2024-01-01", []string{f.Enable}})
		}
	}

	// Flag maps: with no flags and with every disable flag, for every date the table names and the
	// day before; and with each flag that implies others, alone and with the disable flags of what
	// it implies, around the dates those implications start.
	dates, impliedDates := map[string]bool{"2000-01-01": true, "2021-05-01": true, "2026-11-17": true}, map[string]bool{}
	implies := map[string][]string{} // implier -> disable flags of what it implies
	var disables []string
	addDate := func(set map[string]bool, d string) {
		tm, err := time.Parse("2006-01-02", d)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range []time.Time{tm, tm.AddDate(0, 0, -1)} {
			if s := x.Format("2006-01-02"); s >= "2000-01-01" && s <= config.MaxCompatDate && s <= todayStr {
				set[s] = true
			}
		}
	}
	for _, f := range config.CompatFlags() {
		if f.Date != "" {
			addDate(dates, f.Date)
		}
		if f.ImpliedAfter != "" {
			addDate(dates, f.ImpliedAfter)
			addDate(impliedDates, f.ImpliedAfter)
		}
		for _, by := range f.ImpliedBy {
			implies[by] = append(implies[by], f.Disable)
		}
		if f.Disable != "" {
			disables = append(disables, f.Disable)
		}
	}
	for d := range dates {
		maps = append(maps, worker{d, nil}, worker{d, disables})
	}
	impliedDates["2000-01-01"], impliedDates["2026-11-17"] = true, true
	for d := range impliedDates {
		for by, off := range implies {
			// python_workers on its own makes workerd fetch a Pyodide bundle from the network.
			// python_workers_development, which implies it, does not.
			if by == "python_workers" {
				continue
			}
			with := []string{by}
			for _, o := range off {
				if o != "" {
					with = append(with, o)
				}
			}
			maps = append(maps, worker{d, []string{by}}, worker{d, with})
		}
	}
	var enables []string
	for _, f := range config.CompatFlags() {
		enables = append(enables, f.Enable)
	}
	maps = append(maps, worker{"2000-01-01", enables})

	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "m.js"), []byte(`export default { async test(ctrl, env) { console.log("FLAGS " + env.NAME + " " + JSON.stringify(Cloudflare.compatibilityFlags)); } };`), 0o644)
	run := func(file string, ws []worker, experimental bool) map[string][]string {
		var b strings.Builder
		b.WriteString("using Workerd = import \"/workerd/workerd.capnp\";\nconst config :Workerd.Config = ( services = [\n")
		for i, w := range ws {
			fl, _ := json.Marshal(w.flags)
			if w.flags == nil {
				fl = []byte("[]")
			}
			if i > 0 {
				b.WriteString(",\n")
			}
			fmt.Fprintf(&b, `(name = "w%d", worker = (modules = [(name = "m.js", esModule = embed "m.js")], compatibilityDate = %q, compatibilityFlags = %s, bindings = [(name = "NAME", text = "w%d")]))`, i, w.date, fl, i)
		}
		b.WriteString("\n] );\n")
		os.WriteFile(filepath.Join(dir, file), []byte(b.String()), 0o644)
		args := []string{"test"}
		if experimental {
			args = append(args, "--experimental")
		}
		var out bytes.Buffer
		cmd := exec.Command(wd, append(args, filepath.Join(dir, file))...)
		cmd.Stdout, cmd.Stderr = &out, &out
		cmd.Run()
		if experimental && !strings.Contains(out.String(), "FLAGS ") {
			t.Logf("workerd ran no tests:\n%.3000s", out.String())
		}
		lines := map[string][]string{}
		for _, l := range strings.Split(out.String(), "\n") {
			if rest, ok := strings.CutPrefix(l, "service "); ok {
				if name, msg, ok := strings.Cut(rest, ": "); ok {
					lines[name] = append(lines[name], msg)
				}
			} else if i := strings.Index(l, "FLAGS "); i >= 0 {
				if name, js, ok := strings.Cut(l[i+len("FLAGS "):], " "); ok {
					lines[name] = append(lines[name], "FLAGS "+js)
				}
			}
		}
		return lines
	}

	got := run("msgs.capnp", msgs, false)
	for i, w := range msgs {
		r := config.CompileCompat(w.date, w.flags, false, today)
		want := append(append([]string(nil), r.Errors...), r.Warnings...)
		var have []string
		for _, l := range got[fmt.Sprintf("w%d", i)] {
			if !strings.HasPrefix(l, "FLAGS ") {
				have = append(have, l)
			}
		}
		// workerd prints a service's warnings after its errors; compare each list in order.
		sort.SliceStable(have, func(a, b int) bool {
			return !strings.HasSuffix(have[a], "anymore.") && strings.HasSuffix(have[b], "anymore.")
		})
		if !reflect.DeepEqual(have, want) {
			t.Errorf("%s %q:\n workerd %q\n nanod   %q", w.date, w.flags, have, want)
		}
	}

	got = run("maps.capnp", maps, true)
	compared := 0
	for i, w := range maps {
		var theirs map[string]bool
		for _, l := range got[fmt.Sprintf("w%d", i)] {
			if js, ok := strings.CutPrefix(l, "FLAGS "); ok {
				json.Unmarshal([]byte(js), &theirs)
			}
		}
		if theirs == nil {
			t.Errorf("%s %q: workerd printed no flags: %q", w.date, w.flags, got[fmt.Sprintf("w%d", i)])
			continue
		}
		ours, errs := config.CheckCompat(w.date, w.flags, true, today)
		if len(errs) > 0 {
			t.Errorf("%s %q: %q", w.date, w.flags, errs)
		}
		for k, v := range theirs {
			if ov, ok := ours[k]; !ok || ov != v {
				t.Errorf("%s %q: %s is %v in workerd, %v (known %v) here", w.date, w.flags, k, v, ov, ok)
			}
		}
		if len(ours) != len(theirs) {
			t.Errorf("%s %q: %d flags here, %d in workerd", w.date, w.flags, len(ours), len(theirs))
		}
		compared++
	}
	t.Logf("compared %d message cases and %d flag maps with workerd", len(msgs), compared)
}
