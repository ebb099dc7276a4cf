package services_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nanod-runtime/nanod/config"
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
