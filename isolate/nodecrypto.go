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
	"crypto/md5"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/x509"
	"encoding"
	"encoding/binary"
	"errors"
	"hash"
	"math/big"
	"strconv"
	"strings"

	"golang.org/x/crypto/chacha20"
	"golang.org/x/crypto/chacha20poly1305"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
	"golang.org/x/crypto/md4"
	"golang.org/x/crypto/scrypt"
	"rogchap.com/v8go"
)

// node:crypto's primitives (js/modules/node/crypto.js) on Go's crypto packages. JS validates
// arguments and words Node's errors; Go hashes, derives keys and finds primes.
//
// A streaming hash lives in JS as an opaque state: one tag byte, then
//   - 'M': the Go hash's marshalled state (every hash Go can marshal),
//   - 'C': MD5-SHA1, the two marshalled states, the MD5 one length-prefixed,
//   - 'B': the input so far, for MD4, whose Go implementation cannot marshal its state.
// Copying a hash is copying the state, and a state dies with its JS object.
// An HMAC state is the outer padded key (length-prefixed) followed by the inner hash's state.
//
// Natives return a Uint8Array (or a boolean) on success, or a string "Name\x00message" naming
// the error class JS should throw.

// nodeDigests maps the digest names BoringSSL's EVP_get_digestbyname knows (as workerd uses it)
// to the canonical ones below.
var nodeDigests = map[string]string{
	"md4": "md4", "MD4": "md4",
	"md5": "md5", "MD5": "md5", "RSA-MD5": "md5",
	"sha1": "sha1", "SHA1": "sha1", "RSA-SHA1": "sha1", "DSA-SHA": "sha1", "DSA-SHA1": "sha1",
	"ecdsa-with-SHA1": "sha1",
	"sha224":          "sha224", "SHA224": "sha224", "RSA-SHA224": "sha224",
	"sha256": "sha256", "SHA256": "sha256", "RSA-SHA256": "sha256",
	"sha384": "sha384", "SHA384": "sha384", "RSA-SHA384": "sha384",
	"sha512": "sha512", "SHA512": "sha512", "RSA-SHA512": "sha512",
	"sha512-256": "sha512-256", "SHA512-256": "sha512-256",
	"md5-sha1": "md5-sha1", "MD5-SHA1": "md5-sha1",
}

func newNodeHash(canon string) hash.Hash {
	switch canon {
	case "md4":
		return md4.New()
	case "md5":
		return md5.New()
	case "sha1":
		return sha1.New()
	case "sha224":
		return sha256.New224()
	case "sha256":
		return sha256.New()
	case "sha384":
		return sha512.New384()
	case "sha512":
		return sha512.New()
	case "sha512-256":
		return sha512.New512_256()
	case "md5-sha1":
		return &md5sha1{md5.New(), sha1.New()}
	}
	return nil
}

// md5sha1 is the MD5 and SHA-1 digests of the same input, concatenated (TLS 1.0's PRF hash).
type md5sha1 struct{ a, b hash.Hash }

func (h *md5sha1) Write(p []byte) (int, error) { h.a.Write(p); return h.b.Write(p) }
func (h *md5sha1) Sum(b []byte) []byte         { return h.b.Sum(h.a.Sum(b)) }
func (h *md5sha1) Reset()                      { h.a.Reset(); h.b.Reset() }
func (h *md5sha1) Size() int                   { return h.a.Size() + h.b.Size() }
func (h *md5sha1) BlockSize() int              { return h.a.BlockSize() }

var errNodeState = errors.New("invalid hash state")

// nodeHashState is a streaming hash as JS holds it (see the file comment).
type nodeHashState struct {
	canon string
	h     hash.Hash
	buf   []byte // 'B' states only
}

func nodeHashStart(canon string) *nodeHashState {
	return &nodeHashState{canon: canon, h: newNodeHash(canon)}
}

func (s *nodeHashState) write(p []byte) {
	if s.canon == "md4" {
		s.buf = append(s.buf, p...)
		return
	}
	s.h.Write(p)
}

func (s *nodeHashState) sum() []byte {
	if s.canon == "md4" {
		h := md4.New()
		h.Write(s.buf)
		return h.Sum(nil)
	}
	return s.h.Sum(nil)
}

func (s *nodeHashState) marshal() ([]byte, error) {
	switch s.canon {
	case "md4":
		return append([]byte{'B'}, s.buf...), nil
	case "md5-sha1":
		c := s.h.(*md5sha1)
		a, err := c.a.(encoding.BinaryMarshaler).MarshalBinary()
		if err != nil {
			return nil, err
		}
		b, err := c.b.(encoding.BinaryMarshaler).MarshalBinary()
		if err != nil {
			return nil, err
		}
		out := binary.BigEndian.AppendUint32([]byte{'C'}, uint32(len(a)))
		return append(append(out, a...), b...), nil
	}
	st, err := s.h.(encoding.BinaryMarshaler).MarshalBinary()
	if err != nil {
		return nil, err
	}
	return append([]byte{'M'}, st...), nil
}

func nodeHashRestore(canon string, st []byte) (*nodeHashState, error) {
	s := nodeHashStart(canon)
	if s.h == nil || len(st) == 0 {
		return nil, errNodeState
	}
	switch st[0] {
	case 'B':
		if canon != "md4" {
			return nil, errNodeState
		}
		s.buf = append([]byte(nil), st[1:]...)
		return s, nil
	case 'C':
		c, ok := s.h.(*md5sha1)
		if !ok || len(st) < 5 {
			return nil, errNodeState
		}
		n := int(binary.BigEndian.Uint32(st[1:5]))
		if n > len(st)-5 {
			return nil, errNodeState
		}
		if err := c.a.(encoding.BinaryUnmarshaler).UnmarshalBinary(st[5 : 5+n]); err != nil {
			return nil, err
		}
		if err := c.b.(encoding.BinaryUnmarshaler).UnmarshalBinary(st[5+n:]); err != nil {
			return nil, err
		}
		return s, nil
	case 'M':
		u, ok := s.h.(encoding.BinaryUnmarshaler)
		if !ok {
			return nil, errNodeState
		}
		if err := u.UnmarshalBinary(st[1:]); err != nil {
			return nil, err
		}
		return s, nil
	}
	return nil, errNodeState
}

// nodeHmacKeys returns HMAC's inner and outer padded keys for key under the hash.
func nodeHmacKeys(canon string, key []byte) (ipad, opad []byte) {
	bs := newNodeHash(canon).BlockSize()
	if len(key) > bs {
		s := nodeHashStart(canon)
		s.write(key)
		key = s.sum()
	}
	ipad = make([]byte, bs)
	opad = make([]byte, bs)
	copy(ipad, key)
	copy(opad, key)
	for i := range ipad {
		ipad[i] ^= 0x36
		opad[i] ^= 0x5c
	}
	return ipad, opad
}

// nodeGeneratePrime finds a random prime of exactly bits bits, with its top two bits set (as
// OpenSSL's generator does), p ≡ rem (mod add) when add is given, and (p-1)/2 prime too when
// safe. ok is false when the constraints cannot be met.
func nodeGeneratePrime(bits int, safe bool, add, rem *big.Int) (*big.Int, bool) {
	if bits < 2 || (safe && bits < 3) {
		return nil, false
	}
	one := big.NewInt(1)
	if add != nil {
		if add.Sign() == 0 || add.BitLen() > bits {
			return nil, false
		}
		if rem == nil {
			rem = big.NewInt(1)
			if safe {
				rem = big.NewInt(3)
			}
		}
		if rem.Cmp(add) >= 0 {
			return nil, false
		}
	}
	lo := new(big.Int).Lsh(one, uint(bits-1))
	hi := new(big.Int).Lsh(one, uint(bits))
	for tries := 0; tries < 1<<20; tries++ {
		p, err := rand.Int(rand.Reader, lo)
		if err != nil {
			return nil, false
		}
		p.Add(p, lo)
		if bits >= 2 {
			p.SetBit(p, bits-2, 1)
		}
		if add != nil {
			// Move p down to the nearest value ≡ rem (mod add), staying in range.
			m := new(big.Int).Mod(p, add)
			p.Sub(p, m)
			p.Add(p, rem)
			if p.Cmp(lo) < 0 {
				p.Add(p, add)
			}
			if p.Cmp(hi) >= 0 {
				continue
			}
		} else {
			p.SetBit(p, 0, 1)
		}
		if !p.ProbablyPrime(20) {
			continue
		}
		if safe {
			q := new(big.Int).Rsh(p, 1)
			if !q.ProbablyPrime(20) {
				continue
			}
		}
		return p, true
	}
	return nil, false
}

func (i *Isolate) nodeCryptoNatives(register func(string, func([]*v8go.Value) *v8go.Value), arg func([]*v8go.Value, int) *v8go.Value) {
	// A panic in a V8 callback would be fatal: it becomes an Error instead.
	fn := func(name string, f func([]*v8go.Value) *v8go.Value) {
		register(name, func(a []*v8go.Value) (v *v8go.Value) {
			defer func() {
				if r := recover(); r != nil {
					v = i.str("Error\x00internal error")
				}
			}()
			return f(a)
		})
	}
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
	fail := func(s string) *v8go.Value { return i.str(s) }
	i.nodeCipherNatives(fn, arg, in, out, fail)
	i.nodeKeyNatives(fn, arg, in, out, fail)
	i.nodeKeygenNatives(fn, arg, out, fail)
	i.nodeEcdhNatives(fn, arg, in, out, fail)
	const unsupported = "Error\x00Digest method not supported"
	const finalized = "Error\x00Hash context has already been finalized."

	// nodeDigestInfo(name) → the canonical name and digest size ("sha256\x0032"), or "" when
	// the digest is unknown.
	fn("nodeDigestInfo", func(a []*v8go.Value) *v8go.Value {
		canon, ok := nodeDigests[arg(a, 0).String()]
		if !ok {
			return i.str("")
		}
		return i.str(canon + "\x00" + strconv.Itoa(newNodeHash(canon).Size()))
	})

	// nodeHash(op, canon, stateOrKey, data): op 0 → a fresh state; 1 → the state after data;
	// 2 → the digest of a state; 3 → the digest of data at once.
	fn("nodeHash", func(a []*v8go.Value) *v8go.Value {
		op, canon := arg(a, 0).Int32(), arg(a, 1).String()
		if newNodeHash(canon) == nil {
			return fail(unsupported)
		}
		var s *nodeHashState
		switch op {
		case 0, 3:
			s = nodeHashStart(canon)
		default:
			var err error
			if s, err = nodeHashRestore(canon, in(a, 2)); err != nil {
				return fail(finalized)
			}
		}
		switch op {
		case 2:
			return out(s.sum())
		case 3:
			s.write(in(a, 3))
			return out(s.sum())
		case 1:
			s.write(in(a, 3))
		}
		st, err := s.marshal()
		if err != nil {
			return fail("Error\x00" + err.Error())
		}
		return out(st)
	})

	// nodeHmac(op, canon, stateOrKey, data): op 0 → the state for key; 1 → the state after
	// data; 2 → the MAC of a state.
	fn("nodeHmac", func(a []*v8go.Value) *v8go.Value {
		op, canon := arg(a, 0).Int32(), arg(a, 1).String()
		if newNodeHash(canon) == nil {
			return fail(unsupported)
		}
		if op == 0 {
			ipad, opad := nodeHmacKeys(canon, in(a, 2))
			s := nodeHashStart(canon)
			s.write(ipad)
			st, err := s.marshal()
			if err != nil {
				return fail("Error\x00" + err.Error())
			}
			res := binary.BigEndian.AppendUint32(nil, uint32(len(opad)))
			return out(append(append(res, opad...), st...))
		}
		st := in(a, 2)
		if len(st) < 4 || int(binary.BigEndian.Uint32(st)) > len(st)-4 {
			return fail(finalized)
		}
		n := int(binary.BigEndian.Uint32(st))
		opad, innerState := st[4:4+n], st[4+n:]
		s, err := nodeHashRestore(canon, innerState)
		if err != nil {
			return fail(finalized)
		}
		if op == 2 {
			outer := nodeHashStart(canon)
			outer.write(opad)
			outer.write(s.sum())
			return out(outer.sum())
		}
		s.write(in(a, 3))
		ns, err := s.marshal()
		if err != nil {
			return fail("Error\x00" + err.Error())
		}
		return out(append(append([]byte(nil), st[:4+n]...), ns...))
	})

	// nodePbkdf2(canon, password, salt, iterations, keylen) → the derived key.
	fn("nodePbkdf2", func(a []*v8go.Value) *v8go.Value {
		canon := arg(a, 0).String()
		if newNodeHash(canon) == nil {
			return fail("TypeError\x00Invalid digest: " + canon)
		}
		n, iter := int(arg(a, 4).Int32()), int(arg(a, 3).Int32())
		// JS validated these; the bounds are kept here too since nothing else stops a caller.
		if n < 0 || n > 255*newNodeHash(canon).Size() || iter < 1 {
			return fail("RangeError\x00Pbkdf2 failed: invalid parameters")
		}
		if n == 0 {
			return out(nil)
		}
		newH := func() hash.Hash { return newNodeHash(canon) }
		r, err := pbkdf2.Key(newH, string(in(a, 1)), in(a, 2), iter, n)
		if err != nil {
			return fail("Error\x00" + err.Error())
		}
		return out(r)
	})

	// nodeHkdf(canon, key, salt, info, keylen) → the derived key.
	fn("nodeHkdf", func(a []*v8go.Value) *v8go.Value {
		canon := arg(a, 0).String()
		if newNodeHash(canon) == nil {
			return fail("TypeError\x00Invalid digest: " + canon)
		}
		n := int(arg(a, 4).Int32())
		if n < 0 || n > 255*newNodeHash(canon).Size() {
			return fail("RangeError\x00Invalid Hkdf key length")
		}
		if n == 0 {
			return out(nil)
		}
		newH := func() hash.Hash { return newNodeHash(canon) }
		r, err := hkdf.Key(newH, in(a, 1), in(a, 2), string(in(a, 3)), n)
		if err != nil {
			return fail("RangeError\x00" + err.Error())
		}
		return out(r)
	})

	// nodeScrypt(password, salt, N, r, p, keylen) → the derived key.
	fn("nodeScrypt", func(a []*v8go.Value) *v8go.Value {
		N, r, p := int(arg(a, 2).Number()), int(arg(a, 3).Number()), int(arg(a, 4).Number())
		n := int(arg(a, 5).Number())
		// workerd's cost cap (N·r·p ≤ 2^20) also bounds the memory scrypt takes here.
		const maxCost = 1 << 20
		if N < 2 || r < 1 || p < 1 || N > maxCost || r > maxCost || p > maxCost || N*r*p > maxCost ||
			n < 0 || n > 1<<30 {
			return fail("RangeError\x00Scrypt failed")
		}
		if n == 0 {
			return out(nil)
		}
		key, err := scrypt.Key(in(a, 0), in(a, 1), N, r, p, n)
		if err != nil {
			return fail("RangeError\x00Invalid scrypt params: " + err.Error())
		}
		return out(key)
	})

	// nodePrime(bits, safe, add, rem) → a prime, big-endian, or an error.
	fn("nodePrime", func(a []*v8go.Value) *v8go.Value {
		bits := int(arg(a, 0).Int32())
		if bits > 8192 {
			return fail("RangeError\x00generatePrime size exceeds maximum (8192 bits)")
		}
		var add, rem *big.Int
		if b := in(a, 2); b != nil {
			add = new(big.Int).SetBytes(b)
		}
		if b := in(a, 3); b != nil {
			rem = new(big.Int).SetBytes(b)
		}
		p, ok := nodeGeneratePrime(bits, arg(a, 1).Boolean(), add, rem)
		if !ok {
			return fail("RangeError\x00Invalid prime generation parameters")
		}
		return out(p.Bytes())
	})

	// nodeCheckPrime(candidate, checks) → whether the big-endian candidate is (probably) prime.
	fn("nodeCheckPrime", func(a []*v8go.Value) *v8go.Value {
		cand := in(a, 0)
		checks := int(arg(a, 1).Int32())
		if len(cand) > 1024 || checks > 64 {
			return fail("RangeError\x00Invalid checkPrime parameters")
		}
		if checks <= 0 {
			checks = 20
		}
		c := new(big.Int).SetBytes(cand)
		v, _ := v8go.NewValue(i.iso, c.ProbablyPrime(checks))
		return i.keep(v)
	})
}

// ---- symmetric ciphers (createCipheriv) -------------------------------------------------------
//
// The JS side keeps a cipher's state: for block modes the chaining value and the bytes of an
// unfinished block; for the stream modes (CTR, OFB, GCM's CTR) a 16-byte register and the bytes
// of its keystream block already used. These natives are pure functions of that state.

// gcmJ0 computes GCM's pre-counter block J0 for iv under the block cipher (NIST SP 800-38D 7.1).
func gcmJ0(b cipher.Block, iv []byte) [16]byte {
	var j0 [16]byte
	if len(iv) == 12 {
		copy(j0[:], iv)
		j0[15] = 1
		return j0
	}
	var h [16]byte
	b.Encrypt(h[:], h[:])
	var y [16]byte
	block := func(x []byte) {
		for i := range x {
			y[i] ^= x[i]
		}
		y = gfMul(y, h)
	}
	for off := 0; off < len(iv); off += 16 {
		var x [16]byte
		copy(x[:], iv[off:])
		block(x[:])
	}
	var lens [16]byte
	binary.BigEndian.PutUint64(lens[8:], uint64(len(iv))*8)
	block(lens[:])
	return y
}

// gfMul multiplies in GCM's GF(2^128) (bit-reflected, as SP 800-38D 6.3 defines it).
func gfMul(x, y [16]byte) [16]byte {
	var z [16]byte
	v := y
	for i := 0; i < 128; i++ {
		if x[i/8]>>(7-uint(i%8))&1 == 1 {
			for k := range z {
				z[k] ^= v[k]
			}
		}
		lsb := v[15] & 1
		for j := 15; j > 0; j-- {
			v[j] = v[j]>>1 | v[j-1]<<7
		}
		v[0] >>= 1
		if lsb == 1 {
			v[0] ^= 0xe1
		}
	}
	return z
}

// streamXor runs a keystream mode from reg, pos bytes into its current block: CTR increments
// the whole 128-bit counter, GCM the low 32 bits, OFB feeds each keystream block back. It
// returns the new register followed by the output.
func streamXor(b cipher.Block, mode string, reg []byte, pos int, data []byte) []byte {
	var r, ks [16]byte
	copy(r[:], reg)
	out := make([]byte, 16+len(data))
	b.Encrypt(ks[:], r[:])
	for i, c := range data {
		if pos == 16 {
			switch mode {
			case "ofb":
				r = ks
			case "gcm":
				binary.BigEndian.PutUint32(r[12:], binary.BigEndian.Uint32(r[12:])+1)
			default:
				for k := 15; k >= 0; k-- {
					r[k]++
					if r[k] != 0 {
						break
					}
				}
			}
			b.Encrypt(ks[:], r[:])
			pos = 0
		}
		out[16+i] = c ^ ks[pos]
		pos++
	}
	if pos == 16 {
		// Leave the register at the next block so that pos 16 is never stored.
		switch mode {
		case "ofb":
			r = ks
		case "gcm":
			binary.BigEndian.PutUint32(r[12:], binary.BigEndian.Uint32(r[12:])+1)
		default:
			for k := 15; k >= 0; k-- {
				r[k]++
				if r[k] != 0 {
					break
				}
			}
		}
	}
	copy(out, r[:])
	return out
}

func (i *Isolate) nodeCipherNatives(fn func(string, func([]*v8go.Value) *v8go.Value), arg func([]*v8go.Value, int) *v8go.Value,
	in func([]*v8go.Value, int) []byte, out func([]byte) *v8go.Value, fail func(string) *v8go.Value) {
	// nodeCipher(op, key, a, b, c, d): every op takes an AES key.
	//   "ecb-enc"/"ecb-dec" (data): whole blocks;
	//   "cbc-enc"/"cbc-dec" (iv, data): whole blocks, chained from iv;
	//   "ctr"/"ofb"/"gcm" (register, pos, data) → register ‖ output (see streamXor);
	//   "gcm-j0" (iv) → the first counter for data, inc32(J0);
	//   "gcm-tag" (iv, aad, plaintext, tagLen) → the tag; "gcm-check" (iv, aad, ciphertext, tag)
	//   → whether the tag is right (empty result when not).
	fn("nodeCipher", func(a []*v8go.Value) *v8go.Value {
		op := arg(a, 0).String()
		if strings.HasPrefix(op, "chacha-") {
			return nodeChaCha(op, a, arg, in, out, fail)
		}
		b, err := aes.NewCipher(in(a, 1))
		if err != nil {
			return fail("Error\x00Invalid key length")
		}
		switch op {
		case "ecb-enc", "ecb-dec":
			data := in(a, 2)
			if len(data)%16 != 0 {
				return fail("Error\x00Failed to process data")
			}
			res := make([]byte, len(data))
			for k := 0; k < len(data); k += 16 {
				if op == "ecb-enc" {
					b.Encrypt(res[k:k+16], data[k:k+16])
				} else {
					b.Decrypt(res[k:k+16], data[k:k+16])
				}
			}
			return out(res)
		case "cbc-enc", "cbc-dec":
			iv, data := in(a, 2), in(a, 3)
			if len(iv) != 16 || len(data)%16 != 0 {
				return fail("Error\x00Failed to process data")
			}
			res := make([]byte, len(data))
			if op == "cbc-enc" {
				cipher.NewCBCEncrypter(b, iv).CryptBlocks(res, data)
			} else {
				cipher.NewCBCDecrypter(b, iv).CryptBlocks(res, data)
			}
			return out(res)
		case "ctr", "ofb", "gcm":
			reg, pos := in(a, 2), int(arg(a, 3).Int32())
			if len(reg) != 16 || pos < 0 || pos > 15 {
				return fail("Error\x00Failed to process data")
			}
			return out(streamXor(b, op, reg, pos, in(a, 4)))
		case "gcm-j0":
			iv := in(a, 2)
			if len(iv) == 0 {
				return fail("Error\x00Invalid initialization vector")
			}
			j0 := gcmJ0(b, iv)
			binary.BigEndian.PutUint32(j0[12:], binary.BigEndian.Uint32(j0[12:])+1)
			return out(j0[:])
		case "gcm-tag":
			iv, aad, pt, tagLen := in(a, 2), in(a, 3), in(a, 4), int(arg(a, 5).Int32())
			if len(iv) == 0 || tagLen < 4 || tagLen > 16 {
				return fail("Error\x00Authentication failed")
			}
			sealed, ok := aesGCM(b, false, iv, pt, aad, tagLen)
			if !ok {
				return fail("Error\x00Authentication failed")
			}
			return out(sealed[len(pt):])
		case "gcm-check":
			iv, aad, ct, tag := in(a, 2), in(a, 3), in(a, 4), in(a, 5)
			if len(iv) == 0 || len(tag) < 4 || len(tag) > 16 {
				return out(nil)
			}
			if _, ok := aesGCM(b, true, iv, append(append([]byte(nil), ct...), tag...), aad, len(tag)); !ok {
				return out(nil)
			}
			return out([]byte{1})
		}
		return fail("Error\x00unknown cipher operation")
	})
}

// ---- asymmetric keys, Sign and Verify ---------------------------------------------------------
//
// Keys cross as DER: PKCS #8 for private keys and SPKI for public ones (the canonical forms Go
// marshals), parsed again on each use.

// nodeParseKey parses DER of the given format into a Go key.
func nodeParseKey(format string, der []byte) (any, error) {
	switch format {
	case "pkcs8":
		return x509.ParsePKCS8PrivateKey(der)
	case "spki":
		return x509.ParsePKIXPublicKey(der)
	case "pkcs1-private":
		return x509.ParsePKCS1PrivateKey(der)
	case "pkcs1-public":
		return x509.ParsePKCS1PublicKey(der)
	case "sec1":
		return x509.ParseECPrivateKey(der)
	}
	return nil, errors.New("unknown key format")
}

// nodePublicOf returns the public half of a key (a public key is its own).
func nodePublicOf(k any) any {
	switch k := k.(type) {
	case *rsa.PrivateKey:
		return &k.PublicKey
	case *ecdsa.PrivateKey:
		return &k.PublicKey
	case ed25519.PrivateKey:
		return k.Public()
	case *ecdh.PrivateKey:
		return k.PublicKey()
	}
	return k
}

// nodeKeyDescribe packs [type, pkcs8 (empty for public keys), spki, detail, exponent]: type as
// Node names it, detail the modulus length in bits (RSA) or the curve's OpenSSL name (EC).
func nodeKeyDescribe(k any) ([]byte, error) {
	var priv []byte
	var err error
	switch k.(type) {
	case *rsa.PrivateKey, *ecdsa.PrivateKey, ed25519.PrivateKey, *ecdh.PrivateKey:
		if priv, err = x509.MarshalPKCS8PrivateKey(k); err != nil {
			return nil, err
		}
	}
	pub := nodePublicOf(k)
	spki, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return nil, err
	}
	switch p := pub.(type) {
	case *rsa.PublicKey:
		return packBytes([]byte("rsa"), priv, spki, []byte(strconv.Itoa(p.N.BitLen())), big.NewInt(int64(p.E)).Bytes()), nil
	case *ecdsa.PublicKey:
		names := map[string]string{"P-224": "secp224r1", "P-256": "prime256v1", "P-384": "secp384r1", "P-521": "secp521r1"}
		return packBytes([]byte("ec"), priv, spki, []byte(names[p.Curve.Params().Name]), nil), nil
	case ed25519.PublicKey:
		return packBytes([]byte("ed25519"), priv, spki, nil, nil), nil
	case *ecdh.PublicKey:
		return packBytes([]byte("x25519"), priv, spki, nil, nil), nil
	}
	return nil, errors.New("unsupported key type")
}

var nodeSignHashes = map[string]crypto.Hash{
	"md5": crypto.MD5, "sha1": crypto.SHA1, "sha224": crypto.SHA224, "sha256": crypto.SHA256,
	"sha384": crypto.SHA384, "sha512": crypto.SHA512, "sha512-256": crypto.SHA512_256,
}

// ecdsaDER converts a raw r‖s signature to ASN.1 DER and back.
func ecdsaToDER(raw []byte) []byte {
	n := len(raw) / 2
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1BigInt(new(big.Int).SetBytes(raw[:n]))
		b.AddASN1BigInt(new(big.Int).SetBytes(raw[n:]))
	})
	out, _ := b.Bytes()
	return out
}

func ecdsaFromDER(der []byte, size int) ([]byte, bool) {
	var r, s = new(big.Int), new(big.Int)
	input := cryptobyte.String(der)
	var inner cryptobyte.String
	if !input.ReadASN1(&inner, cbasn1.SEQUENCE) || !input.Empty() ||
		!inner.ReadASN1Integer(r) || !inner.ReadASN1Integer(s) || !inner.Empty() ||
		r.Sign() <= 0 || s.Sign() <= 0 || r.BitLen() > size*8 || s.BitLen() > size*8 {
		return nil, false
	}
	out := make([]byte, 2*size)
	r.FillBytes(out[:size])
	s.FillBytes(out[size:])
	return out, true
}

func (i *Isolate) nodeKeyNatives(fn func(string, func([]*v8go.Value) *v8go.Value), arg func([]*v8go.Value, int) *v8go.Value,
	in func([]*v8go.Value, int) []byte, out func([]byte) *v8go.Value, fail func(string) *v8go.Value) {
	// nodeKeyParse(format, der) → the key described (see nodeKeyDescribe).
	fn("nodeKeyParse", func(a []*v8go.Value) *v8go.Value {
		k, err := nodeParseKey(arg(a, 0).String(), in(a, 1))
		if err != nil {
			return fail("Error\x00Failed to read key")
		}
		d, err := nodeKeyDescribe(k)
		if err != nil {
			return fail("Error\x00Unsupported key type")
		}
		return out(d)
	})
	// nodeKeyExport(canonicalFormat, der, to) → DER in another encoding: "pkcs1" (RSA keys),
	// "sec1" (EC private keys).
	fn("nodeKeyExport", func(a []*v8go.Value) *v8go.Value {
		k, err := nodeParseKey(arg(a, 0).String(), in(a, 1))
		if err != nil {
			return fail("Error\x00Failed to read key")
		}
		var der []byte
		switch k := k.(type) {
		case *rsa.PrivateKey:
			if arg(a, 2).String() == "pkcs1" {
				der = x509.MarshalPKCS1PrivateKey(k)
			}
		case *rsa.PublicKey:
			if arg(a, 2).String() == "pkcs1" {
				der = x509.MarshalPKCS1PublicKey(k)
			}
		case *ecdsa.PrivateKey:
			if arg(a, 2).String() == "sec1" {
				der, err = x509.MarshalECPrivateKey(k)
			}
		}
		if der == nil || err != nil {
			return fail("Error\x00Failed to encode key")
		}
		return out(der)
	})
	// nodeRsaCipher(op, der, data, padding, hash, label): see nodeRSA; "pub-enc" and "pub-dec"
	// take SPKI, the others PKCS #8. label undefined means none.
	fn("nodeRsaCipher", func(a []*v8go.Value) *v8go.Value {
		op := arg(a, 0).String()
		var k any
		var err error
		if op == "pub-enc" || op == "pub-dec" {
			k, err = x509.ParsePKIXPublicKey(in(a, 1))
		} else {
			k, err = x509.ParsePKCS8PrivateKey(in(a, 1))
		}
		if err != nil {
			return fail("Error\x00No key provided")
		}
		hasLabel := !arg(a, 5).IsUndefined()
		res, msg := nodeRSA(op, k, in(a, 2), int(arg(a, 3).Int32()), arg(a, 4).String(), in(a, 5), hasLabel)
		if msg != "" {
			return fail("Error\x00" + msg)
		}
		return out(res)
	})
	// nodeSign(hash, pkcs8, data, padding, saltLength, dsaEncoding) → the signature. hash ""
	// is for Ed25519; padding 6 is RSA-PSS; dsaEncoding "ieee-p1363" gives ECDSA's raw r‖s.
	fn("nodeSign", func(a []*v8go.Value) *v8go.Value {
		k, err := x509.ParsePKCS8PrivateKey(in(a, 1))
		if err != nil {
			return fail("Error\x00Failed to read private key")
		}
		hname, data := arg(a, 0).String(), in(a, 2)
		if ek, ok := k.(ed25519.PrivateKey); ok {
			return out(ed25519.Sign(ek, data))
		}
		h, ok := nodeSignHashes[hname]
		if !ok {
			return fail("Error\x00Invalid digest")
		}
		digest := h.New()
		digest.Write(data)
		sum := digest.Sum(nil)
		switch k := k.(type) {
		case *rsa.PrivateKey:
			var sig []byte
			if arg(a, 3).Int32() == 6 {
				salt := int(arg(a, 4).Int32())
				if salt == -2 {
					salt = rsa.PSSSaltLengthAuto
				} else if salt == -1 {
					salt = rsa.PSSSaltLengthEqualsHash
				}
				sig, err = rsa.SignPSS(rand.Reader, k, h, sum, &rsa.PSSOptions{SaltLength: salt})
			} else {
				sig, err = rsa.SignPKCS1v15(nil, k, h, sum)
			}
			if err != nil {
				return fail("Error\x00" + err.Error())
			}
			return out(sig)
		case *ecdsa.PrivateKey:
			r, s, err := ecdsa.Sign(rand.Reader, k, sum)
			if err != nil {
				return fail("Error\x00" + err.Error())
			}
			size := curveBytes(k.Curve)
			raw := make([]byte, 2*size)
			r.FillBytes(raw[:size])
			s.FillBytes(raw[size:])
			if arg(a, 5).String() == "ieee-p1363" {
				return out(raw)
			}
			return out(ecdsaToDER(raw))
		}
		return fail("Error\x00Unsupported key type for signing")
	})
	// nodeVerify(hash, spki, data, signature, padding, saltLength, dsaEncoding) → bool.
	fn("nodeVerify", func(a []*v8go.Value) *v8go.Value {
		k, err := x509.ParsePKIXPublicKey(in(a, 1))
		if err != nil {
			return fail("Error\x00Failed to read public key")
		}
		hname, data, sig := arg(a, 0).String(), in(a, 2), in(a, 3)
		result := func(ok bool) *v8go.Value {
			v, _ := v8go.NewValue(i.iso, ok)
			return i.keep(v)
		}
		if ek, ok := k.(ed25519.PublicKey); ok {
			return result(ed25519.Verify(ek, data, sig))
		}
		h, ok := nodeSignHashes[hname]
		if !ok {
			return fail("Error\x00Invalid digest")
		}
		digest := h.New()
		digest.Write(data)
		sum := digest.Sum(nil)
		switch k := k.(type) {
		case *rsa.PublicKey:
			if arg(a, 4).Int32() == 6 {
				salt := int(arg(a, 5).Int32())
				if salt == -2 {
					salt = rsa.PSSSaltLengthAuto
				} else if salt == -1 {
					salt = rsa.PSSSaltLengthEqualsHash
				}
				return result(rsa.VerifyPSS(k, h, sum, sig, &rsa.PSSOptions{SaltLength: salt}) == nil)
			}
			return result(rsa.VerifyPKCS1v15(k, h, sum, sig) == nil)
		case *ecdsa.PublicKey:
			size := curveBytes(k.Curve)
			raw := sig
			if arg(a, 6).String() != "ieee-p1363" {
				var ok bool
				if raw, ok = ecdsaFromDER(sig, size); !ok {
					return result(false)
				}
			}
			if len(raw) != 2*size {
				return result(false)
			}
			return result(ecdsa.Verify(k, sum, new(big.Int).SetBytes(raw[:size]), new(big.Int).SetBytes(raw[size:])))
		}
		return fail("Error\x00Unsupported key type for verification")
	})
}

// nodeGenerateRSA makes an RSA key with any odd public exponent (crypto/rsa's generator only
// uses 65537), from two random primes of half the size each.
func nodeGenerateRSA(bits int, e int) (*rsa.PrivateKey, error) {
	if bits < 512 || bits > 16384 || e < 3 || e%2 == 0 {
		return nil, errors.New("invalid RSA parameters")
	}
	if e == 65537 {
		return rsa.GenerateKey(rand.Reader, bits)
	}
	E := big.NewInt(int64(e))
	one := big.NewInt(1)
	for tries := 0; tries < 1000; tries++ {
		p, err := rand.Prime(rand.Reader, bits-bits/2)
		if err != nil {
			return nil, err
		}
		q, err := rand.Prime(rand.Reader, bits/2)
		if err != nil {
			return nil, err
		}
		if p.Cmp(q) == 0 {
			continue
		}
		n := new(big.Int).Mul(p, q)
		if n.BitLen() != bits {
			continue
		}
		pm1, qm1 := new(big.Int).Sub(p, one), new(big.Int).Sub(q, one)
		phi := new(big.Int).Mul(pm1, qm1)
		d := new(big.Int).ModInverse(E, phi)
		if d == nil {
			continue
		}
		k := &rsa.PrivateKey{PublicKey: rsa.PublicKey{N: n, E: e}, D: d, Primes: []*big.Int{p, q}}
		if err := k.Validate(); err != nil {
			continue
		}
		k.Precompute()
		return k, nil
	}
	return nil, errors.New("RSA key generation failed")
}

func (i *Isolate) nodeKeygenNatives(fn func(string, func([]*v8go.Value) *v8go.Value), arg func([]*v8go.Value, int) *v8go.Value,
	out func([]byte) *v8go.Value, fail func(string) *v8go.Value) {
	// nodeKeyGenerate(type, a, b) → the new private key described (see nodeKeyDescribe): "rsa"
	// (a = modulus bits, b = public exponent), "ec" (a = curve), "ed25519", "x25519".
	fn("nodeKeyGenerate", func(a []*v8go.Value) *v8go.Value {
		var k any
		var err error
		switch arg(a, 0).String() {
		case "rsa":
			k, err = nodeGenerateRSA(int(arg(a, 1).Int32()), int(arg(a, 2).Number()))
		case "ec":
			curves := map[string]elliptic.Curve{
				"prime256v1": elliptic.P256(), "P-256": elliptic.P256(), "secp256r1": elliptic.P256(),
				"secp384r1": elliptic.P384(), "P-384": elliptic.P384(), "secp521r1": elliptic.P521(),
				"P-521": elliptic.P521(), "secp224r1": elliptic.P224(), "P-224": elliptic.P224(),
			}
			c, ok := curves[arg(a, 1).String()]
			if !ok {
				return fail("Error\x00Invalid or unsupported curve")
			}
			k, err = ecdsa.GenerateKey(c, rand.Reader)
		case "ed25519":
			_, k, err = ed25519.GenerateKey(rand.Reader)
		case "x25519":
			k, err = ecdh.X25519().GenerateKey(rand.Reader)
		default:
			return fail("Error\x00Unsupported key type")
		}
		if err != nil {
			return fail("Error\x00" + err.Error())
		}
		d, err := nodeKeyDescribe(k)
		if err != nil {
			return fail("Error\x00" + err.Error())
		}
		return out(d)
	})
}

// nodeChaCha runs ChaCha20-Poly1305 (RFC 8439) for createCipheriv: "chacha-xor" (key, nonce,
// pos, data) encrypts or decrypts from byte pos of the message, "chacha-tag" (key, nonce, aad,
// plaintext) returns the tag, "chacha-check" (key, nonce, aad, ciphertext, tag) whether it is
// right (an empty result when not).
func nodeChaCha(op string, a []*v8go.Value, arg func([]*v8go.Value, int) *v8go.Value, in func([]*v8go.Value, int) []byte,
	out func([]byte) *v8go.Value, fail func(string) *v8go.Value) *v8go.Value {
	key, nonce := in(a, 1), in(a, 2)
	if len(key) != chacha20poly1305.KeySize || len(nonce) != chacha20poly1305.NonceSize {
		return fail("Error\x00Invalid key length")
	}
	switch op {
	case "chacha-xor":
		pos := int64(arg(a, 3).Number())
		c, err := chacha20.NewUnauthenticatedCipher(key, nonce)
		if err != nil || pos < 0 {
			return fail("Error\x00Failed to process data")
		}
		// The message starts at block 1 (block 0 makes the Poly1305 key).
		c.SetCounter(uint32(1 + pos/64))
		if skip := pos % 64; skip > 0 {
			c.XORKeyStream(make([]byte, skip), make([]byte, skip))
		}
		data := in(a, 4)
		res := make([]byte, len(data))
		c.XORKeyStream(res, data)
		return out(res)
	case "chacha-tag", "chacha-check":
		aead, err := chacha20poly1305.New(key)
		if err != nil {
			return fail("Error\x00Invalid key length")
		}
		aad, msg := in(a, 3), in(a, 4)
		if op == "chacha-tag" {
			sealed := aead.Seal(nil, nonce, msg, aad)
			return out(sealed[len(msg):])
		}
		if _, err := aead.Open(nil, nonce, append(append([]byte(nil), msg...), in(a, 5)...), aad); err != nil {
			return out(nil)
		}
		return out([]byte{1})
	}
	return fail("Error\x00unknown cipher operation")
}

// nodeRSA runs publicEncrypt, privateDecrypt, privateEncrypt and publicDecrypt. padding is
// OpenSSL's number: 1 PKCS #1 v1.5, 3 none, 4 OAEP (with hash and label).
func nodeRSA(op string, k any, data []byte, padding int, hashName string, label []byte, hasLabel bool) ([]byte, string) {
	var pub *rsa.PublicKey
	var priv *rsa.PrivateKey
	switch k := k.(type) {
	case *rsa.PublicKey:
		pub = k
	case *rsa.PrivateKey:
		priv, pub = k, &k.PublicKey
	default:
		return nil, "publicEncrypt() currently only supports RSA keys"
	}
	var h crypto.Hash
	if hashName != "" {
		var ok bool
		if h, ok = nodeSignHashes[hashName]; !ok {
			return nil, "Unsupported hash digest"
		}
	}
	signing := op == "priv-enc" || op == "pub-dec"
	if padding != 1 && padding != 3 && (padding != 4 || signing) {
		return nil, "Failed to set the padding"
	}
	if hasLabel && padding != 4 {
		return nil, "Failed to set the OAEP label"
	}
	size := (pub.N.BitLen() + 7) / 8
	raw := func(exp *big.Int) ([]byte, bool) {
		if len(data) != size {
			return nil, false
		}
		m := new(big.Int).SetBytes(data)
		if m.Cmp(pub.N) >= 0 {
			return nil, false
		}
		return m.Exp(m, exp, pub.N).FillBytes(make([]byte, size)), true
	}
	const failed = "Failed to cipher/decipher"
	var out []byte
	var err error
	switch op {
	case "pub-enc":
		switch padding {
		case 1:
			out, err = rsa.EncryptPKCS1v15(rand.Reader, pub, data)
		case 4:
			out, err = rsa.EncryptOAEP(h.New(), rand.Reader, pub, data, label)
		default:
			var ok bool
			if out, ok = raw(big.NewInt(int64(pub.E))); !ok {
				return nil, failed
			}
		}
	case "priv-dec":
		switch padding {
		case 1:
			out, err = rsa.DecryptPKCS1v15(nil, priv, data)
		case 4:
			out, err = rsa.DecryptOAEP(h.New(), nil, priv, data, label)
		default:
			var ok bool
			if out, ok = raw(priv.D); !ok {
				return nil, failed
			}
		}
	case "priv-enc":
		if padding == 1 {
			out, err = rsa.SignPKCS1v15(nil, priv, crypto.Hash(0), data)
		} else {
			var ok bool
			if out, ok = raw(priv.D); !ok {
				return nil, failed
			}
		}
	case "pub-dec":
		em, ok := raw(big.NewInt(int64(pub.E)))
		if !ok {
			return nil, failed
		}
		if padding == 3 {
			return em, ""
		}
		// PKCS #1 v1.5 type 1: 00 01 FF…FF 00 payload, with at least 8 bytes of FF.
		if em[0] != 0 || em[1] != 1 {
			return nil, failed
		}
		i := 2
		for i < len(em) && em[i] == 0xff {
			i++
		}
		if i-2 < 8 || i >= len(em) || em[i] != 0 {
			return nil, failed
		}
		return em[i+1:], ""
	}
	if err != nil {
		return nil, failed
	}
	return out, ""
}

// nodeEcdhCurves are the curves createECDH knows, by their OpenSSL names (getCurves).
var nodeEcdhCurves = map[string]elliptic.Curve{
	"secp224r1": elliptic.P224(), "prime256v1": elliptic.P256(), "secp384r1": elliptic.P384(), "secp521r1": elliptic.P521(),
}

// nodeDecodePoint reads an EC point in uncompressed (04), compressed (02, 03) or hybrid (06,
// 07) form; ok is false when it is malformed or not on the curve.
func nodeDecodePoint(c elliptic.Curve, b []byte) (x, y *big.Int, ok bool) {
	size := curveBytes(c)
	switch {
	case len(b) == 1+2*size && (b[0] == 4 || b[0] == 6 || b[0] == 7):
		x, y = new(big.Int).SetBytes(b[1:1+size]), new(big.Int).SetBytes(b[1+size:])
		if b[0] != 4 && uint(y.Bit(0)) != uint(b[0]&1) {
			return nil, nil, false
		}
	case len(b) == 1+size && (b[0] == 2 || b[0] == 3):
		x, y = elliptic.UnmarshalCompressed(c, b)
		if x == nil {
			return nil, nil, false
		}
	default:
		return nil, nil, false
	}
	if x.Cmp(c.Params().P) >= 0 || y.Cmp(c.Params().P) >= 0 || !c.IsOnCurve(x, y) {
		return nil, nil, false
	}
	return x, y, true
}

func nodeEncodePoint(c elliptic.Curve, x, y *big.Int, compressed bool) []byte {
	if compressed {
		return elliptic.MarshalCompressed(c, x, y)
	}
	return elliptic.Marshal(c, x, y)
}

func (i *Isolate) nodeEcdhNatives(fn func(string, func([]*v8go.Value) *v8go.Value), arg func([]*v8go.Value, int) *v8go.Value,
	in func([]*v8go.Value, int) []byte, out func([]byte) *v8go.Value, fail func(string) *v8go.Value) {
	// nodeEcdh(op, curve, a, b): "generate" → private scalar ‖ uncompressed public point
	// (packed); "public" (scalar) → the uncompressed point; "point" (point, compressed) → the
	// point re-encoded; "secret" (scalar, point) → the shared secret (x coordinate).
	fn("nodeEcdh", func(a []*v8go.Value) *v8go.Value {
		c, ok := nodeEcdhCurves[arg(a, 1).String()]
		if !ok {
			return fail("Error\x00Invalid curve")
		}
		size := curveBytes(c)
		scalar := func(b []byte) (*big.Int, bool) {
			d := new(big.Int).SetBytes(b)
			return d, d.Sign() > 0 && d.Cmp(c.Params().N) < 0
		}
		switch arg(a, 0).String() {
		case "generate":
			k, err := ecdsa.GenerateKey(c, rand.Reader)
			if err != nil {
				return fail("Error\x00" + err.Error())
			}
			return out(packBytes(k.D.FillBytes(make([]byte, size)), elliptic.Marshal(c, k.X, k.Y)))
		case "public":
			d, ok := scalar(in(a, 2))
			if !ok {
				return fail("Error\x00Private key is not valid for specified curve.")
			}
			x, y := c.ScalarBaseMult(d.FillBytes(make([]byte, size)))
			return out(elliptic.Marshal(c, x, y))
		case "point":
			x, y, ok := nodeDecodePoint(c, in(a, 2))
			if !ok {
				return fail("Error\x00Failed to set point")
			}
			return out(nodeEncodePoint(c, x, y, arg(a, 3).Boolean()))
		case "secret":
			d, ok := scalar(in(a, 2))
			if !ok {
				return fail("Error\x00Failed to get ECDH private key")
			}
			x, y, ok := nodeDecodePoint(c, in(a, 3))
			if !ok {
				return fail("Error\x00Failed to set point")
			}
			sx, _ := c.ScalarMult(x, y, d.FillBytes(make([]byte, size)))
			return out(sx.FillBytes(make([]byte, size)))
		}
		return fail("Error\x00unknown ECDH operation")
	})
}
