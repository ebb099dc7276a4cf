package isolate

import (
	"crypto"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/md5"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/subtle"
	"crypto/x509"
	"encoding"
	"encoding/asn1"
	"encoding/binary"
	"errors"
	"hash"
	"hash/crc32"
	"hash/crc64"
	"math/big"
	"strconv"
	"strings"

	"rogchap.com/v8go"
)

// Web Crypto (isolate/js/crypto.js) on Go's crypto packages. The JS side owns the WebCrypto
// semantics (argument conversion, algorithm normalisation, usages, error names and messages); Go
// only runs primitives and parses or encodes keys.
//
// Key material lives in JS, inside each CryptoKey's private state: secret keys as their raw
// bytes, asymmetric keys as canonical DER (PKCS #8 for private keys, SPKI for public ones, as Go's
// crypto/x509 marshals them). A key therefore dies with its CryptoKey and needs no Go-side
// lifetime management. Parsing DER on every operation would cost more than some operations
// themselves (RSA private keys are validated when parsed), so each isolate keeps a small cache of
// parsed keys indexed by their DER.
//
// Results cross as Uint8Arrays (one copy). A native that fails returns a string "Name\x00message"
// (the JS side throws the matching DOMException or error), or null when the JS side words the
// message itself (authentication and padding failures).

// cryptoKeyCacheSize bounds the parsed-key cache of an isolate.
const cryptoKeyCacheSize = 64

type cryptoKeyCache map[string]any

// parse returns the Go key for canonical DER (PKCS #8 or SPKI), from the cache when it can.
func (c cryptoKeyCache) parse(der []byte) (any, error) {
	if k, ok := c[string(der)]; ok {
		return k, nil
	}
	k, err := x509.ParsePKCS8PrivateKey(der)
	if err != nil {
		k, err = x509.ParsePKIXPublicKey(der)
	}
	if err != nil {
		return nil, err
	}
	if len(c) >= cryptoKeyCacheSize {
		for d := range c {
			delete(c, d)
			break
		}
	}
	c[string(der)] = k
	return k, nil
}

// cryptoHashes maps WebCrypto's digest names (normalised by JS) to Go hashes.
var cryptoHashes = map[string]crypto.Hash{
	"SHA-1": crypto.SHA1, "SHA-256": crypto.SHA256, "SHA-384": crypto.SHA384,
	"SHA-512": crypto.SHA512, "MD5": crypto.MD5,
}

var crc32c = crc32.MakeTable(crc32.Castagnoli)

// crc64nvme is CRC-64/NVME (reflected polynomial 0x9A6C9329AC4BC9B5); hash/crc64 applies the
// all-ones initial value and final XOR that it specifies.
var crc64nvme = crc64.MakeTable(0x9a6c9329ac4bc9b5)

// newStreamHash returns a hash for DigestStream, which also knows the CRC checksums.
func newStreamHash(name string) hash.Hash {
	switch name {
	case "CRC32":
		return crc32.NewIEEE()
	case "CRC32C":
		return crc32.New(crc32c)
	case "CRC64NVME":
		return crc64.New(crc64nvme)
	}
	if h, ok := cryptoHashes[name]; ok {
		return newHash(h)
	}
	return nil
}

func newHash(h crypto.Hash) hash.Hash {
	switch h {
	case crypto.SHA1:
		return sha1.New()
	case crypto.SHA256:
		return sha256.New()
	case crypto.SHA384:
		return sha512.New384()
	case crypto.SHA512:
		return sha512.New()
	case crypto.MD5:
		return md5.New()
	}
	return nil
}

func hashOf(h crypto.Hash, data []byte) []byte {
	d := newHash(h)
	d.Write(data)
	return d.Sum(nil)
}

// packBytes joins byte strings as [4-byte big-endian length][bytes]… for crypto.js's unpack.
func packBytes(parts ...[]byte) []byte {
	n := 0
	for _, p := range parts {
		n += 4 + len(p)
	}
	out := make([]byte, 0, n)
	for _, p := range parts {
		out = binary.BigEndian.AppendUint32(out, uint32(len(p)))
		out = append(out, p...)
	}
	return out
}

// ecCurves are the curves WebCrypto names (P-224 is parsed so that a mismatch can be reported).
var ecCurves = map[string]elliptic.Curve{
	"P-224": elliptic.P224(), "P-256": elliptic.P256(), "P-384": elliptic.P384(), "P-521": elliptic.P521(),
}

func curveName(c elliptic.Curve) string {
	return c.Params().Name
}

func curveBytes(c elliptic.Curve) int { return (c.Params().BitSize + 7) / 8 }

// keyInfo describes a parsed key to JS, packed: [kind, der, detail, exponent] where kind is RSA,
// EC, Ed25519 or X25519, detail is the curve (EC) or the modulus size in bytes (RSA), and
// exponent is RSA's public exponent, minimal big-endian.
func keyInfo(k any, der []byte) []byte { return packBytes(keyParts(k, der)...) }

func keyParts(k any, der []byte) [][]byte {
	switch k := k.(type) {
	case *rsa.PrivateKey:
		return keyParts(&k.PublicKey, der)
	case *rsa.PublicKey:
		e := big.NewInt(int64(k.E)).Bytes()
		return [][]byte{[]byte("RSA"), der, []byte(strconv.Itoa((k.N.BitLen() + 7) / 8)), e}
	case *ecdsa.PrivateKey:
		return [][]byte{[]byte("EC"), der, []byte(curveName(k.Curve)), nil}
	case *ecdsa.PublicKey:
		return [][]byte{[]byte("EC"), der, []byte(curveName(k.Curve)), nil}
	case ed25519.PrivateKey, ed25519.PublicKey:
		return [][]byte{[]byte("Ed25519"), der, nil, nil}
	case *ecdh.PrivateKey, *ecdh.PublicKey:
		return [][]byte{[]byte("X25519"), der, nil, nil}
	}
	return [][]byte{[]byte("unknown"), der, nil, nil}
}

// marshalKey returns canonical DER: PKCS #8 for private keys, SPKI for public ones.
func marshalKey(k any) ([]byte, error) {
	switch k.(type) {
	case *rsa.PrivateKey, *ecdsa.PrivateKey, ed25519.PrivateKey, *ecdh.PrivateKey:
		return x509.MarshalPKCS8PrivateKey(k)
	}
	return x509.MarshalPKIXPublicKey(k)
}

// splitDER separates the outermost DER element of b from what trails it.
func splitDER(b []byte) (elem []byte, trailing int, ok bool) {
	var raw asn1.RawValue
	rest, err := asn1.Unmarshal(b, &raw)
	if err != nil {
		return nil, 0, false
	}
	return raw.FullBytes, len(rest), true
}

// parseSPKI parses a public key the way BoringSSL's d2i_PUBKEY does for WebCrypto.
func parseSPKI(b []byte) (any, string) {
	elem, trailing, ok := splitDER(b)
	if !ok {
		return nil, "DataError\x00Invalid SPKI input."
	}
	k, err := x509.ParsePKIXPublicKey(elem)
	if err != nil {
		return nil, "DataError\x00Invalid SPKI input."
	}
	if trailing > 0 {
		return nil, "DataError\x00Invalid " + strconv.Itoa(trailing) + " trailing bytes after SPKI input."
	}
	return k, ""
}

// parsePKCS8 parses a private key as d2i_AutoPrivateKey does: PKCS #8, else a bare PKCS #1 RSA
// or SEC 1 EC private key.
func parsePKCS8(b []byte) (any, string) {
	elem, trailing, ok := splitDER(b)
	if !ok {
		return nil, "DataError\x00Invalid PKCS8 input."
	}
	k, err := x509.ParsePKCS8PrivateKey(elem)
	if err != nil {
		if rk, err2 := x509.ParsePKCS1PrivateKey(elem); err2 == nil {
			k, err = rk, nil
		} else if ek, err3 := x509.ParseECPrivateKey(elem); err3 == nil {
			k, err = ek, nil
		}
	}
	if err != nil {
		return nil, "DataError\x00Invalid PKCS8 input."
	}
	if trailing > 0 {
		return nil, "DataError\x00Invalid " + strconv.Itoa(trailing) + " trailing bytes after PKCS8 input."
	}
	return k, ""
}

// aesKeyWrap wraps with RFC 3394's key wrap mode over the AES block cipher.
func aesKeyWrap(b cipher.Block, plain []byte) []byte {
	n := len(plain) / 8
	out := make([]byte, 8+len(plain))
	a := []byte{0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6}
	copy(out[8:], plain)
	var buf [16]byte
	for j := 0; j < 6; j++ {
		for i := 1; i <= n; i++ {
			copy(buf[:8], a)
			copy(buf[8:], out[8*i:8*i+8])
			b.Encrypt(buf[:], buf[:])
			t := uint64(n*j + i)
			binary.BigEndian.PutUint64(a, binary.BigEndian.Uint64(buf[:8])^t)
			copy(out[8*i:8*i+8], buf[8:])
		}
	}
	copy(out[:8], a)
	return out
}

// aesKeyUnwrap reverses aesKeyWrap; ok is false when the integrity check fails.
func aesKeyUnwrap(b cipher.Block, wrapped []byte) ([]byte, bool) {
	n := len(wrapped)/8 - 1
	a := make([]byte, 8)
	copy(a, wrapped[:8])
	r := make([]byte, 8*n)
	copy(r, wrapped[8:])
	var buf [16]byte
	for j := 5; j >= 0; j-- {
		for i := n; i >= 1; i-- {
			t := uint64(n*j + i)
			binary.BigEndian.PutUint64(buf[:8], binary.BigEndian.Uint64(a)^t)
			copy(buf[8:], r[8*(i-1):8*i])
			b.Decrypt(buf[:], buf[:])
			copy(a, buf[:8])
			copy(r[8*(i-1):8*i], buf[8:])
		}
	}
	iv := []byte{0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6}
	if subtle.ConstantTimeCompare(a, iv) != 1 {
		clear(r)
		return nil, false
	}
	return r, true
}

// aesCTR runs AES-CTR where only the low `bits` bits of the counter block count, wrapping them
// to zero as workerd does; the caller checked that counter values cannot repeat.
func aesCTR(b cipher.Block, counter []byte, bits int, data []byte) []byte {
	out := make([]byte, len(data))
	lowBytes := (bits + 7) / 8
	low := make([]byte, lowBytes)
	copy(low, counter[16-lowBytes:])
	if rem := bits % 8; rem != 0 {
		low[0] &= byte(0xff) >> (8 - rem)
	}
	cur := new(big.Int).SetBytes(low)
	space := new(big.Int).Lsh(big.NewInt(1), uint(bits))
	untilWrap := new(big.Int).Sub(space, cur)
	blocks := big.NewInt(int64((len(data) + 15) / 16))
	if untilWrap.Cmp(blocks) >= 0 {
		cipher.NewCTR(b, counter).XORKeyStream(out, data)
		return out
	}
	first := int(untilWrap.Int64()) * 16
	cipher.NewCTR(b, counter).XORKeyStream(out[:first], data[:first])
	zeroed := make([]byte, 16)
	copy(zeroed, counter)
	idx := 16 - bits/8
	clear(zeroed[idx:])
	if rem := bits % 8; rem != 0 {
		zeroed[idx-1] &= byte(0xff << rem)
	}
	cipher.NewCTR(b, zeroed).XORKeyStream(out[first:], data[first:])
	return out
}

// aesGCM seals or opens with any nonce length and a tag of tagLen bytes (4 to 16). Go's GCM
// only produces 16-byte tags with arbitrary nonces, so a shorter tag is the truncated full tag,
// and opening with one recomputes the full tag over the plaintext (GCM's keystream for a nonce
// does not depend on the data) and compares its prefix in constant time.
func aesGCM(b cipher.Block, open bool, iv, data, aad []byte, tagLen int) ([]byte, bool) {
	g, err := cipher.NewGCMWithNonceSize(b, len(iv))
	if err != nil {
		return nil, false
	}
	if !open {
		sealed := g.Seal(nil, iv, data, aad)
		return sealed[:len(data)+tagLen], true
	}
	ct, tag := data[:len(data)-tagLen], data[len(data)-tagLen:]
	if tagLen == g.Overhead() {
		pt, err := g.Open(nil, iv, data, aad)
		return pt, err == nil
	}
	pt := g.Seal(nil, iv, ct, nil)[:len(ct)]
	full := g.Seal(nil, iv, pt, aad)
	if subtle.ConstantTimeCompare(full[len(ct):len(ct)+tagLen], tag) != 1 {
		clear(pt)
		return nil, false
	}
	return pt, true
}

func (i *Isolate) cryptoNatives(register func(string, func([]*v8go.Value) *v8go.Value), arg func([]*v8go.Value, int) *v8go.Value) {
	keys := cryptoKeyCache{}
	// fn registers a native that cannot take the process down: crypto.js validates what it
	// passes, but a panic in a V8 callback would be fatal, so one becomes an OperationError.
	fn := func(name string, f func([]*v8go.Value) *v8go.Value) {
		register(name, func(a []*v8go.Value) (v *v8go.Value) {
			defer func() {
				if r := recover(); r != nil {
					v = i.str("OperationError\x00internal error")
				}
			}()
			return f(a)
		})
	}

	// in reads a BufferSource argument; undefined and null read as nil.
	in := func(a []*v8go.Value, n int) []byte {
		v := arg(a, n)
		if v.IsUndefined() || v.IsNull() {
			return nil
		}
		b, err := i.ext.BytesFromJS(i.ctx, v)
		if err != nil {
			return nil
		}
		return b
	}
	out := func(b []byte) *v8go.Value {
		v, err := i.ext.BytesToJS(i.ctx, b)
		if err != nil {
			return i.str("RangeError\x00" + err.Error())
		}
		return i.keep(v)
	}
	boolean := func(ok bool) *v8go.Value {
		v, _ := v8go.NewValue(i.iso, ok)
		return i.keep(v)
	}
	fail := func(nameAndMessage string) *v8go.Value { return i.str(nameAndMessage) }
	null := func() *v8go.Value { return v8go.Null(i.iso) }

	// cryptoRandom(n) → n random bytes.
	fn("cryptoRandom", func(a []*v8go.Value) *v8go.Value {
		b := make([]byte, int(arg(a, 0).Int32()))
		rand.Read(b)
		return out(b)
	})

	// cryptoHash(op, name, state, data): op 0 digests data at once; 1 returns a fresh streaming
	// state, 2 returns the state after data, 3 the digest of a state (DigestStream).
	fn("cryptoHash", func(a []*v8go.Value) *v8go.Value {
		op, name := arg(a, 0).Int32(), arg(a, 1).String()
		h := newStreamHash(name)
		if h == nil {
			return fail("NotSupportedError\x00Unrecognized or unimplemented digest algorithm requested.")
		}
		if op == 1 || op == 2 || op == 3 {
			if st := in(a, 2); st != nil {
				if err := h.(encoding.BinaryUnmarshaler).UnmarshalBinary(st); err != nil {
					return fail("OperationError\x00" + err.Error())
				}
			}
		}
		switch op {
		case 0:
			h.Write(in(a, 3))
			return out(h.Sum(nil))
		case 3:
			return out(h.Sum(nil))
		}
		h.Write(in(a, 3))
		st, err := h.(encoding.BinaryMarshaler).MarshalBinary()
		if err != nil {
			return fail("OperationError\x00" + err.Error())
		}
		return out(st)
	})

	// cryptoHmac(hash, key, data) → MAC.
	fn("cryptoHmac", func(a []*v8go.Value) *v8go.Value {
		h := cryptoHashes[arg(a, 0).String()]
		m := hmac.New(func() hash.Hash { return newHash(h) }, in(a, 1))
		m.Write(in(a, 2))
		return out(m.Sum(nil))
	})

	// cryptoEqual(a, b) → whether two equally long byte strings are equal, in constant time.
	fn("cryptoEqual", func(a []*v8go.Value) *v8go.Value {
		return boolean(subtle.ConstantTimeCompare(in(a, 0), in(a, 1)) == 1)
	})

	// cryptoAes(mode, decrypt, key, iv, data, aad, n): GCM (n = tag bytes), CBC (PKCS #7
	// padding), CTR (iv = counter block, n = counter bits) or KW (RFC 3394). Null on failure.
	fn("cryptoAes", func(a []*v8go.Value) *v8go.Value {
		mode, dec := arg(a, 0).String(), arg(a, 1).Boolean()
		b, err := aes.NewCipher(in(a, 2))
		if err != nil {
			return fail("OperationError\x00" + err.Error())
		}
		iv, data := in(a, 3), in(a, 4)
		switch mode {
		case "GCM":
			r, ok := aesGCM(b, dec, iv, data, in(a, 5), int(arg(a, 6).Int32()))
			if !ok {
				return null()
			}
			return out(r)
		case "CBC":
			if !dec {
				pad := 16 - len(data)%16
				buf := make([]byte, len(data)+pad)
				copy(buf, data)
				for k := len(data); k < len(buf); k++ {
					buf[k] = byte(pad)
				}
				cipher.NewCBCEncrypter(b, iv).CryptBlocks(buf, buf)
				return out(buf)
			}
			if len(data) == 0 || len(data)%16 != 0 {
				return null()
			}
			buf := make([]byte, len(data))
			cipher.NewCBCDecrypter(b, iv).CryptBlocks(buf, data)
			pad := int(buf[len(buf)-1])
			bad := subtle.ConstantTimeLessOrEq(pad, 0) | subtle.ConstantTimeLessOrEq(17, pad)
			for k := 1; k <= 16; k++ {
				inPad := subtle.ConstantTimeLessOrEq(k, pad) & (1 - bad)
				bad |= inPad & (1 - subtle.ConstantTimeByteEq(buf[len(buf)-k], byte(pad)))
			}
			if bad != 0 {
				return null()
			}
			return out(buf[:len(buf)-pad])
		case "CTR":
			return out(aesCTR(b, iv, int(arg(a, 6).Int32()), data))
		case "KW":
			if !dec {
				return out(aesKeyWrap(b, data))
			}
			r, ok := aesKeyUnwrap(b, data)
			if !ok {
				return null()
			}
			return out(r)
		}
		return fail("NotSupportedError\x00unknown AES mode")
	})

	// cryptoKdf(kind, hash, key, salt, infoOrIterations, bytes): PBKDF2 or HKDF. Null on failure.
	fn("cryptoKdf", func(a []*v8go.Value) *v8go.Value {
		h := cryptoHashes[arg(a, 1).String()]
		n := int(arg(a, 5).Int32())
		if n == 0 {
			return out(nil)
		}
		newH := func() hash.Hash { return newHash(h) }
		var r []byte
		var err error
		if arg(a, 0).String() == "PBKDF2" {
			r, err = pbkdf2.Key(newH, string(in(a, 2)), in(a, 3), int(arg(a, 4).Int32()), n)
		} else {
			r, err = hkdf.Key(newH, in(a, 2), in(a, 3), string(in(a, 4)), n)
		}
		if err != nil {
			return null()
		}
		return out(r)
	})

	// cryptoGenerate(kind, a, b) → [kind, private DER, public DER, detail, exponent]: RSA (a =
	// modulus bits, b = exponent), EC (a = curve), Ed25519, X25519.
	fn("cryptoGenerate", func(a []*v8go.Value) *v8go.Value {
		var priv, pub any
		switch arg(a, 0).String() {
		case "RSA":
			e := new(big.Int).SetBytes(in(a, 2))
			if e.Cmp(big.NewInt(65537)) != 0 {
				return fail("NotSupportedError\x00Generating RSA keys with a publicExponent other than 65537 is not supported.")
			}
			k, err := rsa.GenerateKey(rand.Reader, int(arg(a, 1).Int32()))
			if err != nil {
				return fail("OperationError\x00RSA key size is too small.")
			}
			priv, pub = k, &k.PublicKey
		case "EC":
			k, err := ecdsa.GenerateKey(ecCurves[arg(a, 1).String()], rand.Reader)
			if err != nil {
				return fail("OperationError\x00" + err.Error())
			}
			priv, pub = k, &k.PublicKey
		case "Ed25519":
			p, k, err := ed25519.GenerateKey(rand.Reader)
			if err != nil {
				return fail("OperationError\x00" + err.Error())
			}
			priv, pub = k, p
		case "X25519":
			k, err := ecdh.X25519().GenerateKey(rand.Reader)
			if err != nil {
				return fail("OperationError\x00" + err.Error())
			}
			priv, pub = k, k.PublicKey()
		}
		pd, err := marshalKey(priv)
		if err != nil {
			return fail("OperationError\x00" + err.Error())
		}
		ud, err := marshalKey(pub)
		if err != nil {
			return fail("OperationError\x00" + err.Error())
		}
		info := keyParts(pub, ud)
		return out(packBytes(info[0], pd, ud, info[2], info[3]))
	})

	// cryptoImport(format, data) → key info (see keyInfo) for "spki" or "pkcs8" input.
	fn("cryptoImport", func(a []*v8go.Value) *v8go.Value {
		var k any
		var msg string
		if arg(a, 0).String() == "spki" {
			k, msg = parseSPKI(in(a, 1))
		} else {
			k, msg = parsePKCS8(in(a, 1))
		}
		if msg != "" {
			return fail(msg)
		}
		der, err := marshalKey(k)
		if err != nil {
			// A key type WebCrypto has no algorithm for (DSA): JS reports the mismatch.
			return out(packBytes([]byte("unknown"), in(a, 1), nil, nil))
		}
		return out(keyInfo(k, der))
	})

	// cryptoImportRaw(kind, curve, bytes) → key info for a raw public key: an EC point
	// (uncompressed or compressed) or a 32-byte Ed25519/X25519 key.
	fn("cryptoImportRaw", func(a []*v8go.Value) *v8go.Value {
		raw := in(a, 2)
		var k any
		switch arg(a, 0).String() {
		case "Ed25519":
			k = ed25519.PublicKey(raw)
		case "X25519":
			p, err := ecdh.X25519().NewPublicKey(raw)
			if err != nil {
				return fail("DataError\x00" + err.Error())
			}
			k = p
		default:
			c := ecCurves[arg(a, 1).String()]
			size := curveBytes(c)
			const pre = "DataError\x00Failed to import raw EC key data: "
			switch {
			case len(raw) == 1+2*size && raw[0] == 4:
				p, err := ecdsa.ParseUncompressedPublicKey(c, raw)
				if err != nil {
					return fail(pre + "Point is not on curve..")
				}
				k = p
			case len(raw) == 1+size && (raw[0] == 2 || raw[0] == 3):
				x, y := elliptic.UnmarshalCompressed(c, raw)
				if x == nil {
					return fail(pre + "Invalid compressed point..")
				}
				p, err := ecdsa.ParseUncompressedPublicKey(c, elliptic.Marshal(c, x, y))
				if err != nil {
					return fail(pre + "Point is not on curve..")
				}
				k = p
			default:
				return fail(pre + "Invalid point encoding..")
			}
		}
		der, err := marshalKey(k)
		if err != nil {
			return fail("DataError\x00" + err.Error())
		}
		return out(keyInfo(k, der))
	})

	// cryptoImportJwk(kind, curve, …components) → key info. RSA: n, e, d, p, q, dp, dq, qi; EC:
	// x, y, d; Ed25519 and X25519: x, d. Private components are undefined for public keys.
	fn("cryptoImportJwk", func(a []*v8go.Value) *v8go.Value {
		var k any
		switch arg(a, 0).String() {
		case "RSA":
			n, e := new(big.Int).SetBytes(in(a, 2)), new(big.Int).SetBytes(in(a, 3))
			if !e.IsInt64() || e.Int64() > 1<<31-1 {
				return fail("DataError\x00Invalid RSA key in JSON Web Key; missing or invalid Exponent parameter (\"e\").")
			}
			pub := rsa.PublicKey{N: n, E: int(e.Int64())}
			k = &pub
			if d := in(a, 4); d != nil {
				p, q := in(a, 5), in(a, 6)
				if p == nil || q == nil {
					return fail("NotSupportedError\x00RSA private keys without their prime factors (\"p\", \"q\", \"dp\", \"dq\", \"qi\") are not supported.")
				}
				priv := &rsa.PrivateKey{PublicKey: pub, D: new(big.Int).SetBytes(d),
					Primes: []*big.Int{new(big.Int).SetBytes(p), new(big.Int).SetBytes(q)}}
				if err := priv.Validate(); err != nil {
					return fail("DataError\x00Invalid RSA key in JSON Web Key.")
				}
				priv.Precompute()
				k = priv
			}
		case "EC":
			c := ecCurves[arg(a, 1).String()]
			size := curveBytes(c)
			x, y := new(big.Int).SetBytes(in(a, 2)), new(big.Int).SetBytes(in(a, 3))
			const bad = "OperationError\x00Invalid EC key; public key coordinates \"x\" and \"y\" are invalid"
			if x.Cmp(c.Params().P) >= 0 || y.Cmp(c.Params().P) >= 0 {
				return fail(bad + ".")
			}
			point := make([]byte, 1+2*size)
			point[0] = 4
			x.FillBytes(point[1 : 1+size])
			y.FillBytes(point[1+size:])
			pub, err := ecdsa.ParseUncompressedPublicKey(c, point)
			if err != nil {
				return fail(bad + ": Point is not on curve..")
			}
			k = pub
			if db := in(a, 4); db != nil {
				d := new(big.Int).SetBytes(db)
				if d.Sign() == 0 || d.Cmp(c.Params().N) >= 0 {
					return fail("OperationError\x00Invalid EC key; private key component \"d\" is invalid.")
				}
				priv, err := ecdsa.ParseRawPrivateKey(c, d.FillBytes(make([]byte, size)))
				if err != nil {
					return fail("OperationError\x00Invalid EC key; private key component \"d\" is invalid.")
				}
				if !priv.PublicKey.Equal(pub) {
					return fail("DataError\x00Invalid EC key in JSON Web Key.")
				}
				k = priv
			}
		case "Ed25519":
			if d := in(a, 3); d != nil {
				k = ed25519.NewKeyFromSeed(d)
			} else {
				k = ed25519.PublicKey(in(a, 2))
			}
		case "X25519":
			var err error
			if d := in(a, 3); d != nil {
				k, err = ecdh.X25519().NewPrivateKey(d)
			} else {
				k, err = ecdh.X25519().NewPublicKey(in(a, 2))
			}
			if err != nil {
				return fail("DataError\x00" + err.Error())
			}
		}
		der, err := marshalKey(k)
		if err != nil {
			return fail("DataError\x00" + err.Error())
		}
		return out(keyInfo(k, der))
	})

	// cryptoExport(der, what): "jwk" → packed components (RSA: n, e[, d, p, q, dp, dq, qi]; EC:
	// x, y[, d], padded to the field size; OKP: x[, d]); "raw" → the raw public key.
	fn("cryptoExport", func(a []*v8go.Value) *v8go.Value {
		k, err := keys.parse(in(a, 0))
		if err != nil {
			return fail("OperationError\x00" + err.Error())
		}
		if arg(a, 1).String() == "raw" {
			switch k := k.(type) {
			case *ecdsa.PublicKey:
				b, err := k.Bytes()
				if err != nil {
					return fail("OperationError\x00" + err.Error())
				}
				return out(b)
			case ed25519.PublicKey:
				return out(k)
			case *ecdh.PublicKey:
				return out(k.Bytes())
			}
			return fail("OperationError\x00Failed to retrieve public key")
		}
		switch k := k.(type) {
		case *rsa.PublicKey:
			return out(packBytes(k.N.Bytes(), big.NewInt(int64(k.E)).Bytes()))
		case *rsa.PrivateKey:
			return out(packBytes(k.N.Bytes(), big.NewInt(int64(k.E)).Bytes(), k.D.Bytes(),
				k.Primes[0].Bytes(), k.Primes[1].Bytes(), k.Precomputed.Dp.Bytes(),
				k.Precomputed.Dq.Bytes(), k.Precomputed.Qinv.Bytes()))
		case *ecdsa.PublicKey:
			b, _ := k.Bytes()
			size := curveBytes(k.Curve)
			return out(packBytes(b[1:1+size], b[1+size:]))
		case *ecdsa.PrivateKey:
			b, _ := k.PublicKey.Bytes()
			d, _ := k.Bytes()
			size := curveBytes(k.Curve)
			return out(packBytes(b[1:1+size], b[1+size:], d))
		case ed25519.PublicKey:
			return out(packBytes(k))
		case ed25519.PrivateKey:
			return out(packBytes(k.Public().(ed25519.PublicKey), k.Seed()))
		case *ecdh.PublicKey:
			return out(packBytes(k.Bytes()))
		case *ecdh.PrivateKey:
			return out(packBytes(k.PublicKey().Bytes(), k.Bytes()))
		}
		return fail("OperationError\x00Failed to retrieve public key")
	})

	// cryptoSign(alg, hash, der, data, saltLength) → signature (ECDSA: raw r||s).
	fn("cryptoSign", func(a []*v8go.Value) *v8go.Value {
		alg, h := arg(a, 0).String(), cryptoHashes[arg(a, 1).String()]
		k, err := keys.parse(in(a, 2))
		if err != nil {
			return fail("OperationError\x00" + err.Error())
		}
		data := in(a, 3)
		switch k := k.(type) {
		case *rsa.PrivateKey:
			var sig []byte
			if alg == "RSA-PSS" {
				salt := int(arg(a, 4).Int32())
				if salt == 0 {
					return fail("NotSupportedError\x00RSA-PSS signing with a saltLength of 0 is not supported.")
				}
				sig, err = rsa.SignPSS(rand.Reader, k, h, hashOf(h, data), &rsa.PSSOptions{SaltLength: salt})
			} else {
				sig, err = rsa.SignPKCS1v15(nil, k, h, hashOf(h, data))
			}
			if err != nil {
				return fail(rsaError(err))
			}
			return out(sig)
		case *ecdsa.PrivateKey:
			r, s, err := ecdsa.Sign(rand.Reader, k, hashOf(h, data))
			if err != nil {
				return fail("OperationError\x00" + err.Error())
			}
			size := curveBytes(k.Curve)
			sig := make([]byte, 2*size)
			r.FillBytes(sig[:size])
			s.FillBytes(sig[size:])
			return out(sig)
		case ed25519.PrivateKey:
			return out(ed25519.Sign(k, data))
		}
		return fail("OperationError\x00Failed to initialize Ed25519 signing digest.")
	})

	// cryptoVerify(alg, hash, der, signature, data, saltLength) → bool.
	fn("cryptoVerify", func(a []*v8go.Value) *v8go.Value {
		alg, h := arg(a, 0).String(), cryptoHashes[arg(a, 1).String()]
		k, err := keys.parse(in(a, 2))
		if err != nil {
			return fail("OperationError\x00" + err.Error())
		}
		sig, data := in(a, 3), in(a, 4)
		switch k := k.(type) {
		case *rsa.PublicKey:
			if alg == "RSA-PSS" {
				err = rsa.VerifyPSS(k, h, hashOf(h, data), sig, &rsa.PSSOptions{SaltLength: int(arg(a, 5).Int32())})
			} else {
				err = rsa.VerifyPKCS1v15(k, h, hashOf(h, data), sig)
			}
			if err != nil && !errors.Is(err, rsa.ErrVerification) && strings.Contains(err.Error(), "insecure") {
				return fail(rsaError(err))
			}
			return boolean(err == nil)
		case *ecdsa.PublicKey:
			size := curveBytes(k.Curve)
			if len(sig) != 2*size {
				return boolean(false)
			}
			r, s := new(big.Int).SetBytes(sig[:size]), new(big.Int).SetBytes(sig[size:])
			return boolean(ecdsa.Verify(k, hashOf(h, data), r, s))
		case ed25519.PublicKey:
			return boolean(ed25519.Verify(k, data, sig))
		}
		return fail("OperationError\x00Failed to initialize Ed25519 verification digest.")
	})

	// cryptoOaep(decrypt, hash, der, data, label) → RSA-OAEP result, or null on failure.
	fn("cryptoOaep", func(a []*v8go.Value) *v8go.Value {
		h := cryptoHashes[arg(a, 1).String()]
		k, err := keys.parse(in(a, 2))
		if err != nil {
			return fail("OperationError\x00" + err.Error())
		}
		var r []byte
		switch k := k.(type) {
		case *rsa.PrivateKey:
			r, err = rsa.DecryptOAEP(newHash(h), nil, k, in(a, 3), in(a, 4))
		case *rsa.PublicKey:
			r, err = rsa.EncryptOAEP(newHash(h), rand.Reader, k, in(a, 3), in(a, 4))
		}
		if err != nil || r == nil {
			return null()
		}
		return out(r)
	})

	// cryptoDerive(privateDer, publicDer) → the ECDH or X25519 shared secret.
	fn("cryptoDerive", func(a []*v8go.Value) *v8go.Value {
		pk, err := keys.parse(in(a, 0))
		if err != nil {
			return fail("OperationError\x00" + err.Error())
		}
		uk, err := keys.parse(in(a, 1))
		if err != nil {
			return fail("OperationError\x00" + err.Error())
		}
		var priv *ecdh.PrivateKey
		var pub *ecdh.PublicKey
		switch k := pk.(type) {
		case *ecdsa.PrivateKey:
			priv, err = k.ECDH()
		case *ecdh.PrivateKey:
			priv = k
		}
		if err != nil || priv == nil {
			return fail("OperationError\x00Failed to derive EDDH key.")
		}
		switch k := uk.(type) {
		case *ecdsa.PublicKey:
			pub, err = k.ECDH()
		case *ecdh.PublicKey:
			pub = k
		}
		if err != nil || pub == nil || pub.Curve() != priv.Curve() {
			return fail("OperationError\x00Failed to derive EDDH key.")
		}
		s, err := priv.ECDH(pub)
		if err != nil {
			if priv.Curve() == ecdh.X25519() {
				return fail("OperationError\x00Failed to derive EDDH key: public key routines INVALID_PEER_KEY.")
			}
			return fail("OperationError\x00Failed to generate shared ECDH secret.")
		}
		return out(s)
	})
}

// rsaError words an error of crypto/rsa as workerd words BoringSSL's.
func rsaError(err error) string {
	msg := err.Error()
	if strings.Contains(msg, "insecure") || strings.Contains(msg, "too small") || strings.Contains(msg, "too short") {
		return "OperationError\x00RSA key size is too small."
	}
	return "OperationError\x00RSA operation failed."
}
