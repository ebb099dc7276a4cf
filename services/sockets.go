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
