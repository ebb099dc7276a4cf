// Command rawgo is the baseline of `make bench`: a plain net/http server with the endpoints of
// bench/configs/worker.js.
//
//	GET  /        "Hello World\n"
//	POST /echo    the JSON request body, parsed and serialised again
//	GET  /stream  1 MiB in 64 KiB chunks, flushed one by one (chunked encoding)
//	GET  /ws      WebSocket (github.com/coder/websocket): echoes every message back
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"strings"

	"github.com/coder/websocket"
)

const (
	chunkSize   = 64 << 10
	streamBytes = 1 << 20
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "listen address (loopback only)")
	flag.Parse()
	if !strings.HasPrefix(*addr, "127.0.0.1:") {
		fmt.Fprintln(os.Stderr, "rawgo: -addr must be 127.0.0.1:PORT")
		os.Exit(2)
	}
	log.Fatal(http.ListenAndServe(*addr, handler()))
}

func handler() http.Handler {
	chunk := bytes.Repeat([]byte("x"), chunkSize)
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain;charset=UTF-8")
		_, _ = w.Write([]byte("Hello World\n"))
	})
	mux.HandleFunc("POST /echo", func(w http.ResponseWriter, r *http.Request) {
		var v any
		if err := json.NewDecoder(r.Body).Decode(&v); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		out, err := json.Marshal(v)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(out)
	})
	mux.HandleFunc("GET /stream", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		f, _ := w.(http.Flusher)
		for sent := 0; sent < streamBytes; sent += chunkSize {
			if _, err := w.Write(chunk); err != nil {
				return
			}
			if f != nil {
				f.Flush()
			}
		}
	})
	mux.HandleFunc("GET /ws", func(w http.ResponseWriter, r *http.Request) {
		c, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		defer c.CloseNow()
		ctx := context.Background()
		for {
			typ, msg, err := c.Read(ctx)
			if err != nil {
				return
			}
			if err := c.Write(ctx, typ, msg); err != nil {
				return
			}
		}
	})
	return mux
}
