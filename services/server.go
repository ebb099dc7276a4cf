package services

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/nanod-runtime/nanod/config"
	"golang.org/x/net/http2"
	"golang.org/x/net/http2/h2c"
)

// Listener is one open socket of the config.
type Listener struct {
	Socket *config.Socket
	ln     net.Listener
}

// Addr is where the socket listens.
func (l *Listener) Addr() net.Addr { return l.ln.Addr() }

// Start loads every worker once (so code errors stop start-up, as in workerd) and opens the
// config's sockets. fds maps socket names to inherited listening file descriptors.
func (rt *Runtime) Start(fds map[string]int) ([]*Listener, error) {
	for _, s := range rt.cfg.Services {
		if w, ok := rt.services[s.Name].(*workerService); ok {
			if err := w.start(); err != nil {
				return nil, fmt.Errorf("service %s: %w", s.Name, err)
			}
		}
	}
	var out []*Listener
	fdUsed := map[string]bool{}
	for _, s := range rt.cfg.Sockets {
		var ln net.Listener
		var err error
		if fd, ok := fds[s.Name]; ok && !fdUsed[s.Name] {
			fdUsed[s.Name] = true // like --socket-addr, a passed fd serves the first socket of its name
			// FileListener works on a duplicate; close our File so its finalizer cannot later
			// close the inherited number after it has been reused.
			f := os.NewFile(uintptr(fd), "socket-"+strconv.Itoa(fd))
			ln, err = net.FileListener(f)
			f.Close()
		} else if s.Address == "" {
			err = fmt.Errorf("Socket %q has no address in the config, so must be specified on the command line with `--socket-addr`.", s.Name)
		} else {
			ln, err = listen(s)
		}
		if err != nil {
			for _, l := range out {
				l.ln.Close()
			}
			return nil, err
		}
		out = append(out, &Listener{Socket: s, ln: ln})
	}
	return out, nil
}

// Serve serves the listeners (and the admin listener, if configured) until ctx ends, then
// drains in-flight requests (up to drain).
func (rt *Runtime) Serve(ctx context.Context, listeners []*Listener, drain time.Duration) error {
	if addr := rt.cfg.Runtime.Admin; addr != "" {
		actx, cancel := context.WithCancel(context.Background())
		defer cancel()
		if err := rt.serveAdmin(actx, addr); err != nil {
			return fmt.Errorf("admin listener: %w", err)
		}
	}
	if rt.budget > 0 {
		mctx, cancel := context.WithCancel(ctx)
		defer cancel()
		go rt.watchMemory(mctx, rt.budget, time.Second)
	}
	rt.ready.Store(true)
	var servers []*http.Server
	errc := make(chan error, len(listeners))
	for _, l := range listeners {
		var h http.Handler = rt.handler(l.Socket)
		srv := &http.Server{Handler: h, ReadHeaderTimeout: 30 * time.Second}
		if l.Socket.Kind == config.SocketHTTP {
			// Cleartext HTTP/2 (h2c) next to HTTP/1.1, as workerd accepts both.
			srv.Handler = h2c.NewHandler(h, &http2.Server{})
		}
		ln := l.ln
		if l.Socket.Kind == config.SocketHTTPS {
			tc, err := serverTLS(l.Socket.TLS)
			if err != nil {
				return fmt.Errorf("socket %q: %w", l.Socket.Name, err)
			}
			srv.TLSConfig = tc
			if err := http2.ConfigureServer(srv, &http2.Server{}); err != nil {
				return err
			}
			ln = tls.NewListener(ln, srv.TLSConfig)
		}
		servers = append(servers, srv)
		go func(l *Listener, ln net.Listener) {
			err := srv.Serve(ln)
			if !errors.Is(err, http.ErrServerClosed) {
				errc <- fmt.Errorf("socket %q: %w", l.Socket.Name, err)
			}
		}(l, ln)
	}
	select {
	case <-ctx.Done():
	case err := <-errc:
		return err
	}
	rt.draining.Store(true)
	sctx, cancel := context.WithTimeout(context.Background(), drain)
	defer cancel()
	var wg sync.WaitGroup
	for _, srv := range servers {
		wg.Add(1)
		go func(srv *http.Server) { defer wg.Done(); srv.Shutdown(sctx) }(srv)
	}
	wg.Wait()
	return nil
}

// serverTLS builds the TLS settings of an https socket from its tlsOptions.
func serverTLS(o *config.TLSOptions) (*tls.Config, error) {
	cert, err := tls.X509KeyPair([]byte(o.CertificateChain), []byte(o.PrivateKey))
	if err != nil {
		return nil, fmt.Errorf("tlsOptions.keypair: %w", err)
	}
	tc := &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12,
		NextProtos: []string{"h2", "http/1.1"}}
	switch o.MinVersion {
	case "ssl3", "tls1Dot0":
		tc.MinVersion = tls.VersionTLS10
	case "tls1Dot1":
		tc.MinVersion = tls.VersionTLS11
	case "tls1Dot2":
		tc.MinVersion = tls.VersionTLS12
	case "tls1Dot3":
		tc.MinVersion = tls.VersionTLS13
	}
	if o.RequireClientCerts {
		pool := x509.NewCertPool()
		for _, pem := range o.TrustedCertificates {
			if !pool.AppendCertsFromPEM([]byte(pem)) {
				return nil, fmt.Errorf("tlsOptions.trustedCertificates: no certificate found in PEM")
			}
		}
		if o.TrustBrowserCAs {
			if sys, err := x509.SystemCertPool(); err == nil {
				pool = sys
				for _, pem := range o.TrustedCertificates {
					pool.AppendCertsFromPEM([]byte(pem))
				}
			}
		}
		tc.ClientCAs = pool
		tc.ClientAuth = tls.RequireAndVerifyClientCert
	}
	return tc, nil
}
