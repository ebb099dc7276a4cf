package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/nanod-runtime/nanod/config"
)

func init() {
	commands = append(commands,
		command{"check", "CONFIG [CONST]", "validate a config and print its service graph", runCheck},
		command{"compile", "--config-only CONFIG [CONST]", "write the encoded config to stdout", runCompile})
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("check", "CONFIG [CONST]", stderr)
	var cf configFlags
	cf.register(fs, true)
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return 2
	}
	if len(pos) < 1 || len(pos) > 2 {
		fs.Usage()
		return 2
	}
	opts := config.Options{Binary: cf.binary, ImportPaths: cf.importPaths, DirectoryPaths: cf.dirs,
		ExternalAddrs: cf.externals, Experimental: cf.experiment, SkipAddressCheck: true}
	if len(pos) == 2 {
		opts.Const = pos[1]
	}
	cfg, err := config.Load(pos[0], opts)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	printGraph(stdout, cfg)
	return 0
}

// printGraph prints services (kind, code, bindings with their targets) and sockets.
func printGraph(w io.Writer, cfg *config.Config) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "services:\n")
	for _, s := range cfg.Services {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", s.Name, s.Kind, serviceDetail(s))
		if s.Worker != nil {
			for _, b := range s.Worker.Bindings {
				fmt.Fprintf(tw, "    binding %s\t%s\t%s\n", b.Name, bindingKind(b), bindingTarget(b))
			}
		}
	}
	fmt.Fprintf(tw, "sockets:\n")
	if len(cfg.Sockets) == 0 {
		fmt.Fprintf(tw, "  (none)\n")
	}
	for _, s := range cfg.Sockets {
		addr := s.Address
		if addr == "" {
			addr = "(address from --socket-addr)"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t-> %s\n", s.Name, addr, s.Kind, designatorString(s.Service))
	}
	tw.Flush()
}

func serviceDetail(s *config.Service) string {
	switch s.Kind {
	case config.KindWorker:
		w := s.Worker
		var parts []string
		switch {
		case w.Inherit != "":
			parts = append(parts, "inherits "+w.Inherit)
		case w.IsModules():
			var mods []string
			for _, m := range w.Modules {
				mods = append(mods, m.Name+" ("+m.Kind.String()+")")
			}
			parts = append(parts, "modules: "+strings.Join(mods, ", "))
		default:
			parts = append(parts, "service-worker script")
		}
		if w.CompatibilityDate != "" {
			parts = append(parts, "compat "+w.CompatibilityDate)
		}
		if len(w.CompatibilityFlags) > 0 {
			parts = append(parts, "flags "+strings.Join(w.CompatibilityFlags, ","))
		}
		if w.GlobalOutbound.Service != "internet" || w.GlobalOutbound.Entrypoint != "" {
			parts = append(parts, "globalOutbound -> "+designatorString(w.GlobalOutbound))
		}
		return strings.Join(parts, "; ")
	case config.KindNetwork:
		d := "allow [" + strings.Join(s.Network.Allow, ", ") + "]"
		if len(s.Network.Deny) > 0 {
			d += " deny [" + strings.Join(s.Network.Deny, ", ") + "]"
		}
		if s.Implicit {
			d += " (implicit)"
		}
		return d
	case config.KindExternal:
		proto := "http"
		if s.External.HTTPS {
			proto = "https"
		} else if s.External.TCP {
			proto = "tcp"
		}
		return proto + " " + s.External.Address
	case config.KindRouter:
		var routes []string
		for host, svc := range s.Router.Routes {
			routes = append(routes, host+" -> "+svc)
		}
		sort.Strings(routes)
		return "by Host: " + strings.Join(routes, ", ")
	case config.KindDisk:
		d := s.Disk.Path
		var opts []string
		if s.Disk.Writable {
			opts = append(opts, "writable")
		}
		if s.Disk.AllowDotfiles {
			opts = append(opts, "dotfiles")
		}
		if len(opts) > 0 {
			d += " (" + strings.Join(opts, ", ") + ")"
		}
		return d
	}
	return ""
}

func bindingKind(b *config.Binding) string {
	if b.Kind == config.BindOther {
		return b.Other
	}
	return b.Kind.String()
}

func bindingTarget(b *config.Binding) string {
	switch b.Kind {
	case config.BindService, config.BindKV, config.BindR2, config.BindQueue:
		return "-> " + designatorString(b.Service)
	case config.BindText:
		return fmt.Sprintf("%q", truncate(b.Text, 40))
	case config.BindJSON:
		return truncate(b.Text, 40)
	case config.BindData, config.BindWasm:
		return fmt.Sprintf("%d bytes", len(b.Data))
	case config.BindFromEnvironment:
		return "$" + b.Text
	}
	return ""
}

func designatorString(d config.Designator) string {
	s := d.Service
	if d.Entrypoint != "" {
		s += " (entrypoint " + d.Entrypoint + ")"
	}
	if d.PropsJSON != "" {
		s += " props " + truncate(d.PropsJSON, 40)
	}
	return s
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

func runCompile(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("compile", "--config-only CONFIG [CONST]", stderr)
	var cf configFlags
	cf.register(fs, false)
	configOnly := fs.Bool("config-only", false, "write only the encoded config (a stream-framed Config message)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return 2
	}
	if len(pos) < 1 || len(pos) > 2 {
		fs.Usage()
		return 2
	}
	if !*configOnly {
		fmt.Fprintln(stderr, "nanod compile: only --config-only is supported (nanod does not build self-contained binaries)")
		return 2
	}
	if isTerminal(stdout) {
		fmt.Fprintln(stderr, "Refusing to write binary to the terminal. Please use > to send the output to a file.")
		return 1
	}
	opts := config.Options{Binary: cf.binary, ImportPaths: cf.importPaths}
	if len(pos) == 2 {
		opts.Const = pos[1]
	}
	enc, err := config.Compile(pos[0], opts)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	data, err := enc.Msg.Marshal()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if _, err := stdout.Write(data); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	return 0
}

// isTerminal reports whether w is a character device (a terminal), as workerd checks.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
