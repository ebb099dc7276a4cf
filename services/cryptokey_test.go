package services_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nanod-runtime/nanod/config"
)

// cryptoKey bindings arrive in env as CryptoKeys imported before the worker runs.
func TestCryptoKeyBinding(t *testing.T) {
	priv, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	p8, _ := x509.MarshalPKCS8PrivateKey(priv)
	spki, _ := x509.MarshalPKIXPublicKey(&priv.PublicKey)
	pemOf := func(typ string, b []byte) string {
		return strings.ReplaceAll(string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: b})), "\n", "\\n")
	}
	secret := []byte("0123456789abcdef0123456789abcdef")
	base := server(t, inline(t, `
const enc = new TextEncoder();
const hexOf = (b) => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, "0")).join("");
export default {
  async fetch(req, env) {
    const sig = await crypto.subtle.sign("HMAC", env.HMAC, enc.encode("message"));
    const sig64 = await crypto.subtle.sign("HMAC", env.HMAC64, enc.encode("message"));
    const es = await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, env.PRIV, enc.encode("m"));
    const ok = await crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, env.PUB, es, enc.encode("m"));
    const jwk = await crypto.subtle.exportKey("jwk", env.JWK);
    let unextractable;
    try { await crypto.subtle.exportKey("raw", env.HMAC); } catch (e) { unextractable = e.name; }
    return Response.json({
      isKey: env.HMAC instanceof CryptoKey, type: env.HMAC.type, alg: env.HMAC.algorithm,
      usages: env.HMAC.usages, extractable: env.HMAC.extractable,
      sig: hexOf(sig), same: hexOf(sig) === hexOf(sig64), ecdsa: ok,
      pub: [env.PUB.type, env.PUB.algorithm.namedCurve], priv: env.PRIV.type,
      jwk: [jwk.kty, jwk.k], unextractable,
    });
  },
};`, fmt.Sprintf(`, bindings = [
  (name = "HMAC", cryptoKey = (hex = "%x", algorithm = (json = "{\"name\":\"HMAC\",\"hash\":\"SHA-256\"}"), usages = [sign, verify])),
  (name = "HMAC64", cryptoKey = (base64 = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", algorithm = (json = "{\"name\":\"HMAC\",\"hash\":\"SHA-256\"}"), usages = [sign])),
  (name = "PRIV", cryptoKey = (pkcs8 = "%s", algorithm = (json = "{\"name\":\"ECDSA\",\"namedCurve\":\"P-256\"}"), usages = [sign])),
  (name = "PUB", cryptoKey = (spki = "%s", algorithm = (json = "{\"name\":\"ECDSA\",\"namedCurve\":\"P-256\"}"), usages = [verify])),
  (name = "JWK", cryptoKey = (jwk = "{\"kty\":\"oct\",\"k\":\"AAAAAAAAAAAAAAAAAAAAAA\"}", algorithm = (name = "AES-CBC"), extractable = true, usages = [encrypt])),
]`, secret, pemOf("PRIVATE KEY", p8), pemOf("PUBLIC KEY", spki))), config.Options{})
	_, _, body := get(t, base+"/")
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte("message"))
	want := fmt.Sprintf(`{"isKey":true,"type":"secret","alg":{"name":"HMAC","hash":{"name":"SHA-256"},"length":256},"usages":["sign","verify"],"extractable":false,"sig":"%s","same":true,"ecdsa":true,"pub":["public","P-256"],"priv":"private","jwk":["oct","AAAAAAAAAAAAAAAAAAAAAA"],"unextractable":"InvalidAccessError"}`, hex.EncodeToString(mac.Sum(nil)))
	if body != want {
		t.Errorf("got  %s\nwant %s", body, want)
	}
}

// Bad key material is a config error at the binding, worded as workerd's; a key the import
// refuses fails the worker's startup with the binding's name.
func TestCryptoKeyBindingErrors(t *testing.T) {
	for _, c := range []struct{ binding, want string }{
		{`hex = "zz", algorithm = (name = "HMAC")`, `CryptoKey binding "K" contained invalid hex.`},
		{`base64 = "!!!", algorithm = (name = "HMAC")`, `CryptoKey binding "K" contained invalid base64.`},
		{`pkcs8 = "nope", algorithm = (name = "ECDSA")`, `CryptoKey binding "K" contained invalid PEM format.`},
		{`spki = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", algorithm = (name = "ECDSA")`,
			`CryptoKey binding "K" contained wrong PEM type, expected "PUBLIC KEY" but got "PRIVATE KEY".`},
	} {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "w.js"), []byte(`export default { fetch() { return new Response("x"); } };`), 0o644)
		p := filepath.Join(dir, "config.capnp")
		os.WriteFile(p, []byte(`using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = (modules = [(name = "w.js", esModule = embed "w.js")],
    compatibilityDate = "2024-09-23",
    bindings = [(name = "K", cryptoKey = (`+c.binding+`))])) ],
);`), 0o644)
		_, err := config.Load(p, config.Options{})
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "config.capnp:5:") {
			t.Errorf("%s: err = %v, want %q at config.capnp:5", c.binding, err, c.want)
		}
	}
}
