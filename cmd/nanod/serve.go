package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/nanod-runtime/nanod/config"
	"github.com/nanod-runtime/nanod/services"
)

func init() {
	commands = append(commands, command{"serve", "CONFIG [CONST]", "serve the config's sockets", runServe})
}

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("serve", "CONFIG [CONST]", stderr)
	var cf configFlags
	cf.register(fs, true)
	sockets, fdFlags := kvFlag{}, kvFlag{}
	fs.Var(sockets, "socket-addr", "NAME=ADDR: listen address of socket NAME")
	fs.Var(sockets, "s", "short for --socket-addr")
	fs.Var(fdFlags, "socket-fd", "NAME=FD: serve socket NAME on an inherited listening file descriptor")
	fs.Var(fdFlags, "S", "short for --socket-fd")
	verbose := fs.Bool("verbose", false, "log informational messages")
	loops := fs.Int("loops", 0, "event loops (OS threads running JS); 0 = one per core")
	drain := fs.Duration("drain-timeout", 30*time.Second, "how long SIGTERM waits for in-flight requests")
	budget := fs.Int("memory-budget-mb", 0, "process RSS budget: idle isolates are evicted (LRU) as RSS nears it; 0 = the config's")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return 2
	}
	if len(pos) < 1 || len(pos) > 2 {
		fs.Usage()
		return 2
	}
	level := slog.LevelWarn
	if *verbose {
		level = slog.LevelInfo
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))

	fds := map[string]int{}
	for name, v := range fdFlags {
		fd, err := strconv.Atoi(v)
		if err != nil {
			fmt.Fprintf(stderr, "--socket-fd %s=%s: not a file descriptor number\n", name, v)
			return 2
		}
		fds[name] = fd
	}
	opts := config.Options{Binary: cf.binary, ImportPaths: cf.importPaths, SocketAddrs: sockets,
		DirectoryPaths: cf.dirs, ExternalAddrs: cf.externals, Experimental: cf.experiment, SkipAddressCheck: len(fds) > 0}
	if len(pos) == 2 {
		opts.Const = pos[1]
	}
	cfg, err := config.Load(pos[0], opts)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	rt, err := services.Build(cfg, services.Options{Loops: *loops, Logger: logger, Experimental: cf.experiment, MemoryBudgetMB: *budget,
		Stdout: fileOr(stdout, os.Stdout), Stderr: fileOr(stderr, os.Stderr)})
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	defer rt.Close()
	listeners, err := rt.Start(fds)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	for _, l := range listeners {
		logger.Info("listening", "socket", l.Socket.Name, "address", l.Addr().String(), "service", l.Socket.Service.Service)
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	if err := rt.Serve(ctx, listeners, *drain); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	logger.Info("drained; exiting")
	return 0
}

// fileOr returns w as a file when it is one (console output goes straight to it), else def.
func fileOr(w io.Writer, def *os.File) *os.File {
	if f, ok := w.(*os.File); ok {
		return f
	}
	return def
}
