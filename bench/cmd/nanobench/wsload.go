package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/coder/websocket"
)

// wsMessage is the 32-byte text message of the WebSocket echo scenario.
var wsMessage = []byte("nanobench websocket echo 32 byte")

// wsDial opens a WebSocket to url (ws://127.0.0.1:PORT/ws), without compression.
func wsDial(ctx context.Context, url string) (*websocket.Conn, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	c, resp, err := websocket.Dial(ctx, url, nil)
	if err != nil {
		if resp != nil {
			return nil, fmt.Errorf("dial %s: status %d: %v", url, resp.StatusCode, err)
		}
		return nil, fmt.Errorf("dial %s: %v", url, err)
	}
	return c, nil
}

// wsEcho sends one message and reads the echo back.
func wsEcho(ctx context.Context, c *websocket.Conn) error {
	if err := c.Write(ctx, websocket.MessageText, wsMessage); err != nil {
		return err
	}
	typ, got, err := c.Read(ctx)
	if err != nil {
		return err
	}
	if typ != websocket.MessageText || !bytes.Equal(got, wsMessage) {
		return fmt.Errorf("echo: got %v %q", typ, truncate(string(got), 80))
	}
	return nil
}

// checkWS dials url, checks that a message comes back unchanged, and drops the connection.
// Connections end with CloseNow (TCP close, no close handshake): the benchmark worker has no
// "close" listener, and workerd at the config's compatibility date does not answer a close frame
// by itself, so a Close would wait its 5 s timeout.
func checkWS(url string) error {
	c, err := wsDial(context.Background(), url)
	if err != nil {
		return err
	}
	defer c.CloseNow()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return wsEcho(ctx, c)
}

// runWSLoadCommand is `nanobench wsload -url ws://127.0.0.1:PORT/ws -c N -d DUR`: each of N
// connections (dialled before the clock starts) writes the 32-byte text message and reads the
// echo, in a closed loop, for DUR. It prints a loadResult as JSON: Requests are round trips.
func runWSLoadCommand(args []string) int {
	fs := flag.NewFlagSet("wsload", flag.ContinueOnError)
	target := fs.String("url", "", "URL (ws://127.0.0.1:PORT/path)")
	conns := fs.Int("c", 1, "connections")
	dur := fs.Duration("d", time.Second, "duration")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if !strings.HasPrefix(*target, "ws://127.0.0.1:") || *conns < 1 {
		fmt.Fprintln(os.Stderr, "wsload: -url must be ws://127.0.0.1:PORT/... and -c positive")
		return 2
	}
	r, err := wsClosedLoop(*target, *conns, *dur)
	if err != nil {
		fmt.Fprintln(os.Stderr, "wsload:", err)
		return 1
	}
	_ = json.NewEncoder(os.Stdout).Encode(r)
	return 0
}

func wsClosedLoop(url string, conns int, dur time.Duration) (loadResult, error) {
	cs := make([]*websocket.Conn, conns)
	for i := range cs {
		c, err := wsDial(context.Background(), url)
		if err != nil {
			for _, c := range cs[:i] {
				c.CloseNow()
			}
			return loadResult{}, err
		}
		cs[i] = c
	}
	type worker struct {
		lat  []time.Duration
		errs int64
		err  error
	}
	workers := make([]*worker, conns)
	// One context for the whole run: a hung server fails the run instead of blocking it.
	ctx, cancel := context.WithTimeout(context.Background(), dur+10*time.Second)
	defer cancel()
	start := time.Now()
	deadline := start.Add(dur)
	var wg sync.WaitGroup
	for i, c := range cs {
		w := &worker{lat: make([]time.Duration, 0, 1<<14)}
		workers[i] = w
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				t0 := time.Now()
				if err := wsEcho(ctx, c); err != nil {
					w.errs++
					w.err = err
					return // the connection is unusable: a broken connection ends its loop
				}
				w.lat = append(w.lat, time.Since(t0))
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	for _, c := range cs {
		_ = c.CloseNow() // see checkWS
	}
	var all []time.Duration
	var r loadResult
	var firstErr error
	for _, w := range workers {
		all = append(all, w.lat...)
		r.Errors += w.errs
		if firstErr == nil {
			firstErr = w.err
		}
	}
	if len(all) == 0 {
		if firstErr == nil {
			firstErr = errors.New("no round trip completed")
		}
		return r, firstErr
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	r.Requests = int64(len(all))
	r.Seconds = elapsed.Seconds()
	r.RPS = float64(r.Requests) / r.Seconds
	r.P50us = float64(all[len(all)*50/100]) / 1e3
	r.P99us = float64(all[len(all)*99/100]) / 1e3
	return r, nil
}
