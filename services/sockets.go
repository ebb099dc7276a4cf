package services

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"net"
	"time"

	"github.com/nanod-runtime/nanod/isolate"
)

// A network service opens the TCP connections of cloudflare:sockets connect(), under the same
// allow/deny rules as its HTTP requests (the default "internet" service reaches public
// addresses only).

var _ isolate.Connector = (*networkService)(nil)

// connectRootCAs are the certificate authorities TLS sockets trust; nil = the system's. Tests
// set it to trust their own servers.
var connectRootCAs *x509.CertPool

const (
	connectTimeout   = 30 * time.Second
	handshakeTimeout = 10 * time.Second
)

// Connect dials address ("host:port"); secure wraps the connection in TLS for the host at once.
func (n *networkService) Connect(address string, secure bool) (net.Conn, error) {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), connectTimeout)
	defer cancel()
	conn, err := n.dial(ctx, "tcp", address)
	if err != nil {
		return nil, err
	}
	if !secure {
		return conn, nil
	}
	return n.StartTLS(conn, host)
}

// StartTLS runs a client handshake over conn, verifying the server's certificate for serverName.
func (n *networkService) StartTLS(conn net.Conn, serverName string) (net.Conn, error) {
	tc := tls.Client(conn, &tls.Config{ServerName: serverName, RootCAs: connectRootCAs})
	ctx, cancel := context.WithTimeout(context.Background(), handshakeTimeout)
	defer cancel()
	if err := tc.HandshakeContext(ctx); err != nil {
		conn.Close()
		return nil, err
	}
	return tc, nil
}

// Workers take connections made through a binding to them (fetcher.connect()) in their connect
// handler, over an in-memory pipe (isolate/sockets.go).
var (
	_ isolate.ConnectTarget = (*workerService)(nil)
	_ isolate.ConnectTarget = entrypoint{}
)

// ServeConnect hands conn to the default entrypoint's connect handler.
func (w *workerService) ServeConnect(l *isolate.Loop, address string, conn net.Conn) {
	w.serveConnect(l, "", address, conn)
}

// ServeConnect hands conn to the named entrypoint's connect handler.
func (e entrypoint) ServeConnect(l *isolate.Loop, address string, conn net.Conn) {
	e.w.serveConnect(l, e.name, address, conn)
}

func (w *workerService) serveConnect(l *isolate.Loop, entry, address string, conn net.Conn) {
	if h := w.hostLoop(l); h != l {
		// The pipe is safe to use from any goroutine: the serving loop takes it as it is.
		if !h.Post(func() { w.serveConnect(h, entry, address, conn) }) {
			conn.Close()
		}
		return
	}
	w.withIsolate(l, func(iso *isolate.Isolate, err error) {
		if err != nil {
			conn.Close()
			return
		}
		iso.ServeConnect(entry, address, conn)
	})
}
