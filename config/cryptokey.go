package config

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"strings"

	"github.com/nanod-runtime/nanod/capnp/workerd"
)

// CryptoKey is a cryptoKey binding decoded from config: the key material in the format
// crypto.subtle.importKey takes, imported when the isolate starts (as workerd's importKeySync).
type CryptoKey struct {
	Format      string // "raw", "pkcs8", "spki" or "jwk"
	Data        []byte // raw/pkcs8/spki key bytes (hex, base64 and PEM decoded here)
	JWK         string // the JSON Web Key text, for "jwk"
	Algorithm   string // JSON: a string (algorithm name) or an algorithm object
	Extractable bool
	Usages      []string
}

// cryptoKey decodes a cryptoKey binding; bad material is a config error worded as workerd's.
func (b *builder) cryptoKey(path, name string, ck workerd.Worker_Binding_CryptoKey) *CryptoKey {
	out := &CryptoKey{Extractable: ck.Extractable()}
	bad := func(what string) *CryptoKey {
		b.errorf(path, "CryptoKey binding \"%s\" contained %s", name, what)
		return nil
	}
	switch ck.Which() {
	case workerd.Worker_Binding_CryptoKey_Which_raw:
		d, _ := ck.Raw()
		out.Format, out.Data = "raw", append([]byte{}, d...)
	case workerd.Worker_Binding_CryptoKey_Which_hex:
		s, _ := ck.Hex()
		d, err := hex.DecodeString(strings.TrimSpace(s))
		if err != nil {
			return bad("invalid hex.")
		}
		out.Format, out.Data = "raw", d
	case workerd.Worker_Binding_CryptoKey_Which_base64:
		s, _ := ck.Base64()
		d, ok := decodeBase64(s)
		if !ok {
			return bad("invalid base64.")
		}
		out.Format, out.Data = "raw", d
	case workerd.Worker_Binding_CryptoKey_Which_pkcs8, workerd.Worker_Binding_CryptoKey_Which_spki:
		format, want, get := "pkcs8", "PRIVATE KEY", ck.Pkcs8
		if ck.Which() == workerd.Worker_Binding_CryptoKey_Which_spki {
			format, want, get = "spki", "PUBLIC KEY", ck.Spki
		}
		s, _ := get()
		blk, _ := pem.Decode([]byte(strings.TrimSpace(s)))
		if blk == nil {
			return bad("invalid PEM format.")
		}
		if blk.Type != want {
			return bad(fmt.Sprintf("wrong PEM type, expected \"%s\" but got \"%s\".", want, blk.Type))
		}
		out.Format, out.Data = format, blk.Bytes
	case workerd.Worker_Binding_CryptoKey_Which_jwk:
		s, _ := ck.Jwk()
		if !json.Valid([]byte(s)) {
			return bad("invalid JSON in its jwk.")
		}
		out.Format, out.JWK = "jwk", s
	default:
		b.errorf(path, "Encountered unknown CryptoKey type for binding \"%s\". Was the config compiled with a newer version of the schema?", name)
		return nil
	}
	alg := ck.Algorithm()
	switch alg.Which() {
	case workerd.Worker_Binding_CryptoKey_algorithm_Which_name:
		n, _ := alg.Name()
		j, _ := json.Marshal(n)
		out.Algorithm = string(j)
	case workerd.Worker_Binding_CryptoKey_algorithm_Which_json:
		j, _ := alg.Json()
		if !json.Valid([]byte(j)) {
			return bad("an algorithm that is not valid JSON.")
		}
		out.Algorithm = j
	default:
		b.errorf(path, "Encountered unknown CryptoKey algorithm type for binding \"%s\". Was the config compiled with a newer version of the schema?", name)
		return nil
	}
	us, _ := ck.Usages()
	for i := 0; i < us.Len(); i++ {
		out.Usages = append(out.Usages, us.At(i).String())
	}
	return out
}

// decodeBase64 accepts standard and URL-safe alphabets, padded or not, ignoring whitespace.
func decodeBase64(s string) ([]byte, bool) {
	s = strings.Join(strings.Fields(s), "")
	s = strings.TrimRight(s, "=")
	if d, err := base64.RawStdEncoding.DecodeString(s); err == nil {
		return d, true
	}
	d, err := base64.RawURLEncoding.DecodeString(s)
	return d, err == nil
}
