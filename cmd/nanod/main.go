// Command nanod runs workerd configs: many Workers-style services in one process, each in its
// own V8 isolate, with per-service limits.
//
//	nanod serve CONFIG [CONST]     serve the config's sockets
//	nanod test CONFIG [FILTER]     run the workers' test() handlers
//	nanod check CONFIG [CONST]     validate a config and print its service graph
//	nanod compile --config-only CONFIG [CONST] > out.bin
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
)

// The main goroutine owns the process's main thread, so no V8 work can land on it: V8 calls
// made from the main thread cost ~45 µs each (glibc re-reads /proc/self/maps for its stack).
func init() { runtime.LockOSThread() }

// version is the nanod release; workerd's tooling prints "workerd <date>" the same way.
const version = "nanod 0.1.0"

type command struct {
	name, args, summary string
	run                 func(args []string, stdout, stderr io.Writer) int
}

var commands []command

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "--help" || args[0] == "-h" {
		if len(args) > 1 {
			for _, c := range commands {
				if c.name == args[1] {
					return c.run([]string{"--help"}, stdout, stderr)
				}
			}
		}
		usage(stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	if args[0] == "--version" || args[0] == "version" {
		fmt.Fprintln(stdout, version)
		return 0
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "nanod: unknown command %q\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: nanod <command> [options] ...")
	fmt.Fprintln(w, "\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %-24s %s\n", c.name, c.args, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'nanod <command> --help' for a command's options.")
}

// parseInterspersed parses flags that may appear before, between or after positional
// arguments (workerd accepts `compile config.capnp --config-only`).
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// kvFlag collects repeated NAME=VALUE options such as --socket-addr http=*:8080.
type kvFlag map[string]string

func (k kvFlag) String() string { return "" }
func (k kvFlag) Set(s string) error {
	name, value, ok := strings.Cut(s, "=")
	if !ok {
		return errors.New("Expected <name>=<value>")
	}
	k[name] = value
	return nil
}

// listFlag collects a repeated option.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

// configFlags are the options shared by serve, check, compile and test for loading a config.
type configFlags struct {
	binary      bool
	importPaths listFlag
	dirs        kvFlag
	externals   kvFlag
	experiment  bool
}

func (c *configFlags) register(fs *flag.FlagSet, runtime bool) {
	fs.BoolVar(&c.binary, "binary", false, "the config file is an encoded Config message ('-' reads stdin)")
	fs.BoolVar(&c.binary, "b", false, "short for --binary")
	fs.Var(&c.importPaths, "import-path", "directory searched for absolute imports and embeds (repeatable)")
	fs.Var(&c.importPaths, "I", "short for --import-path")
	if runtime {
		c.dirs, c.externals = kvFlag{}, kvFlag{}
		fs.Var(c.dirs, "directory-path", "NAME=PATH: path of the disk service NAME")
		fs.Var(c.dirs, "d", "short for --directory-path")
		fs.Var(c.externals, "external-addr", "NAME=ADDR: address of the external service NAME")
		fs.Var(c.externals, "e", "short for --external-addr")
		fs.BoolVar(&c.experiment, "experimental", false, "allow experimental features and compatibility flags")
	}
}

func newFlagSet(name, args string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: nanod %s [options] %s\n\noptions:\n", name, args)
		fs.PrintDefaults()
	}
	return fs
}
