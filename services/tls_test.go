package services_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nanod-runtime/nanod/config"
	"github.com/nanod-runtime/nanod/services"
	"golang.org/x/net/http2"
)

func selfSigned(t *testing.T) (certPEM, keyPEM string) {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "localhost"},
		DNSNames: []string{"localhost"}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kb, _ := x509.MarshalECPrivateKey(key)
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})),
		string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}))
}

// TestHTTPSSocket serves a worker on an https socket (tlsOptions keypair, minVersion) and talks
// to it with HTTP/1.1 and HTTP/2 over TLS.
func TestHTTPSSocket(t *testing.T) {
	cert, key := selfSigned(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "cert.pem"), []byte(cert), 0o644)
	os.WriteFile(filepath.Join(dir, "key.pem"), []byte(key), 0o644)
	os.WriteFile(filepath.Join(dir, "w.js"), []byte(`export default { fetch(req) { return new Response(new URL(req.url).protocol); } };`), 0o644)
	os.WriteFile(filepath.Join(dir, "c.capnp"), []byte(`using Workerd = import "/workerd/workerd.capnp";
const c :Workerd.Config = (
  services = [(name = "main", worker = (modules = [(name = "w.js", esModule = embed "w.js")], compatibilityDate = "2024-09-23"))],
  sockets = [(name = "https", address = "127.0.0.1:0", service = "main",
    https = (options = (), tlsOptions = (keypair = (privateKey = embed "key.pem", certificateChain = embed "cert.pem"), minVersion = tls1Dot2)))]);`), 0o644)
	base := servers(t, filepath.Join(dir, "c.capnp"), config.Options{})["https"]
	url := strings.Replace(base, "http://", "https://", 1)
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM([]byte(cert))
	tc := &tls.Config{RootCAs: pool, ServerName: "localhost"}
	for _, c := range []*http.Client{
		{Transport: &http.Transport{TLSClientConfig: tc}},
		{Transport: &http2.Transport{TLSClientConfig: tc}},
	} {
		resp, err := c.Get(url + "/")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if string(b) != "https:" {
			t.Errorf("%s: body %q", resp.Proto, b)
		}
	}
}

// TestSocketFD serves a socket on an inherited, already-listening file descriptor
// (--socket-fd), as systemd socket activation hands them over.
func TestSocketFD(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f, err := ln.(*net.TCPListener).File()
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	// Start takes ownership of the descriptor it is given (as a process does of an inherited
	// one), so it gets a duplicate of ours.
	fd, err := syscall.Dup(int(f.Fd()))
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	cfg, err := config.Load("../samples/helloworld_esm/config.capnp", config.Options{SkipAddressCheck: true})
	if err != nil {
		t.Fatal(err)
	}
	rt, err := services.Build(cfg, services.Options{Loops: 1, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer rt.Close()
	ls, err := rt.Start(map[string]int{"http": fd})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { rt.Serve(ctx, ls, time.Second); close(done) }()
	defer func() { cancel(); <-done }()
	code, _, body := get(t, "http://"+addr+"/fd")
	if code != 200 || !strings.Contains(body, `"path":"/fd"`) {
		t.Errorf("socket-fd: %d %s", code, body)
	}
}
