package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/nanod-runtime/nanod/config"
	"github.com/nanod-runtime/nanod/isolate"
	"github.com/nanod-runtime/nanod/services"
)

func init() {
	commands = append(commands, command{"test", "CONFIG [FILTER]", "run the workers' test() handlers", runTest})
}

const testFilterHelp = `
FILTER selects tests, as in workerd: SERVICE-GLOB, SERVICE-GLOB:ENTRYPOINT-GLOB or
CONST:SERVICE-GLOB:ENTRYPOINT-GLOB (globs take * and ?). A service's default export's
test() is the test "SERVICE", a named export's is "SERVICE:EXPORT" (its entrypoint name).
Exit status: 0 when at least one test ran and all passed, else 1.
`

func runTest(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("test", "CONFIG [FILTER]", stderr)
	usage := fs.Usage
	fs.Usage = func() { usage(); fmt.Fprint(stderr, testFilterHelp) }
	var cf configFlags
	cf.register(fs, true)
	compatDate := fs.String("compat-date", "", "DATE: the compatibility date of every worker (which then must not set one); .wd-test files need it")
	predictable := fs.Bool("predictable", false, "deterministic test mode: V8 gets --expose-gc, so tests can call gc()")
	fs.Bool("verbose", true, "print the exceptions of failed tests (the default for test)")
	noVerbose := fs.Bool("no-verbose", false, "do not print the exceptions of failed tests")
	junit := fs.String("junit", "", "FILE: also write a JUnit XML report to FILE")
	tap := fs.Bool("tap", false, "write a TAP version 13 report to stdout (console.log output becomes TAP comments)")
	parallel := fs.Int("parallel", 1, "N: test up to N services at once, each on its own event loop")
	timeout := fs.Duration("timeout", 30*time.Second, "fail a test that has not settled after this long (0 = no limit)")
	fs.Bool("all-autogates", false, "accepted for workerd compatibility; nanod has no autogates")
	fs.Bool("gc-stress", false, "accepted for workerd compatibility; no effect")
	pos, err := parseInterspersed(fs, splitShortValues(fs, args))
	if err != nil {
		return 2
	}
	if len(pos) < 1 || len(pos) > 2 {
		fs.Usage()
		return 2
	}
	filterArg := ""
	if len(pos) == 2 {
		filterArg = pos[1]
	}
	filter, err := services.ParseTestFilter(filterArg)
	if err != nil {
		fmt.Fprintf(stderr, "error: invalid value '%s' for '[filter]': %v\n", filterArg, err)
		return 1
	}
	if strings.Count(filterArg, ":") == 2 && filter.Const == "" {
		fmt.Fprintf(stderr, "%s: : No such constant is defined in the config file.\n", pos[0])
		return 1
	}
	if *predictable {
		isolate.SetV8Flags("--expose-gc")
	}
	dropUnknownOverrides(pos[0], cf, filter.Const)
	opts := config.Options{Binary: cf.binary, ImportPaths: cf.importPaths, DirectoryPaths: cf.dirs,
		ExternalAddrs: cf.externals, Experimental: cf.experiment, SkipAddressCheck: true,
		CompatDate: *compatDate, Const: filter.Const}
	cfg, err := config.Load(pos[0], opts)
	if err != nil {
		fmt.Fprintln(stderr, err)
		if *compatDate == "" && strings.Contains(err.Error(), "must specify compatibilityDate") {
			fmt.Fprintln(stderr, "(test configs such as .wd-test files usually leave the date to the runner: pass --compat-date=DATE)")
		}
		return 1
	}
	rep, err := services.RunTests(cfg, services.TestOptions{
		Filter: filter, Parallel: *parallel, Timeout: *timeout, Quiet: *noVerbose,
		Experimental: cf.experiment, TAP: *tap, Stdout: stdout, Stderr: stderr,
	})
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if *junit != "" {
		if err := writeJUnit(*junit, rep); err != nil {
			fmt.Fprintf(stderr, "--junit: %v\n", err)
			return 1
		}
	}
	if !rep.OK() {
		fmt.Fprintln(stderr, "Tests failed!")
		return 1
	}
	return 0
}

// dropUnknownOverrides forgets --directory-path and --external-addr overrides that name no
// service of the config: workerd's test runner ignores them (Bazel passes -dTEST_TMPDIR=… to
// every test), where serve reports them.
func dropUnknownOverrides(path string, cf configFlags, constName string) {
	if len(cf.dirs)+len(cf.externals) == 0 || path == "-" {
		return
	}
	enc, err := config.Compile(path, config.Options{Binary: cf.binary, ImportPaths: cf.importPaths, Const: constName})
	if err != nil {
		return // Load reports it
	}
	names := map[string]bool{}
	svcs, err := enc.Root.Services()
	if err != nil {
		return
	}
	for i := 0; i < svcs.Len(); i++ {
		if n, err := svcs.At(i).Name(); err == nil {
			names[n] = true
		}
	}
	for _, m := range []kvFlag{cf.dirs, cf.externals} {
		for n := range m {
			if !names[n] {
				delete(m, n)
			}
		}
	}
}

func writeJUnit(path string, rep *services.TestReport) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := rep.WriteJUnit(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// splitShortValues turns workerd's attached short options ("-dTEST_TMPDIR=/tmp/x", "-Isrc")
// into the two arguments Go's flag package expects, unless the word is itself a flag name.
func splitShortValues(fs *flag.FlagSet, args []string) []string {
	var out []string
	for i, a := range args {
		if a == "--" {
			return append(out, args[i:]...)
		}
		if len(a) > 2 && a[0] == '-' && a[1] != '-' && strings.ContainsRune("dIe", rune(a[1])) && a[2] != '=' {
			name, _, _ := strings.Cut(a[1:], "=")
			if fs.Lookup(name) == nil {
				out = append(out, a[:2], a[2:])
				continue
			}
		}
		out = append(out, a)
	}
	return out
}
