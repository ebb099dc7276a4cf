package isolate

import (
	"encoding/binary"
	"math"
	"math/bits"
)

// workerd builds a URLPattern component result's groups from ada-url's
// std::unordered_map<std::string, …>, so the groups object's keys come in that map's iteration
// order, not in pattern order. groupOrder reproduces it for libc++ (which workerd is built
// with): std::hash<std::string> (libc++'s CityHash64 variant, x86-64 little-endian loads), a
// table reserved for the group count, and libc++'s insertion into its singly linked node list.
// Integer-like names sort first in a JS object anyway; this orders the others as workerd does.

const (
	cityK0 = 0xc3a5c85c97cb3127
	cityK1 = 0xb492b66fbe98f273
	cityK2 = 0x9ae16a3b2f90404f
	cityK3 = 0xc949d7c7509e6557
)

func load64(s []byte) uint64 { return binary.LittleEndian.Uint64(s) }
func load32(s []byte) uint32 { return binary.LittleEndian.Uint32(s) }

func rot(v uint64, shift int) uint64 {
	if shift == 0 {
		return v
	}
	return bits.RotateLeft64(v, -shift)
}

func shiftMix(v uint64) uint64 { return v ^ v>>47 }

func hashLen16(u, v uint64) uint64 {
	const mul = 0x9ddfea08eb382d69
	a := (u ^ v) * mul
	a ^= a >> 47
	b := (v ^ a) * mul
	b ^= b >> 47
	return b * mul
}

func hashLen0to16(s []byte) uint64 {
	n := uint64(len(s))
	switch {
	case n > 8:
		a, b := load64(s), load64(s[n-8:])
		return hashLen16(a, bits.RotateLeft64(b+n, -int(n))) ^ b
	case n >= 4:
		a, b := load32(s), load32(s[n-4:])
		// libc++ without _LIBCPP_ABI_FIX_CITYHASH_IMPLEMENTATION shifts in 32 bits.
		return hashLen16(n+uint64(a<<3), uint64(b))
	case n > 0:
		a, b, c := uint32(s[0]), uint32(s[n>>1]), uint32(s[n-1])
		y := a + b<<8
		z := uint32(n) + c<<2
		return shiftMix(uint64(y)*cityK2^uint64(z)*cityK3) * cityK2
	}
	return cityK2
}

func hashLen17to32(s []byte) uint64 {
	n := uint64(len(s))
	a := load64(s) * cityK1
	b := load64(s[8:])
	c := load64(s[n-8:]) * cityK2
	d := load64(s[n-16:]) * cityK0
	return hashLen16(rot(a-b, 43)+rot(c, 30)+d, a+rot(b^cityK3, 20)-c+n)
}

func weakHash32Seeds(w, x, y, z, a, b uint64) (uint64, uint64) {
	a += w
	b = rot(b+a+z, 21)
	c := a
	a += x
	a += y
	b += rot(a, 44)
	return a + z, b + c
}

func weakHash32SeedsBytes(s []byte, a, b uint64) (uint64, uint64) {
	return weakHash32Seeds(load64(s), load64(s[8:]), load64(s[16:]), load64(s[24:]), a, b)
}

func hashLen33to64(s []byte) uint64 {
	n := uint64(len(s))
	z := load64(s[24:])
	a := load64(s) + (n+load64(s[n-16:]))*cityK0
	b := rot(a+z, 52)
	c := rot(a, 37)
	a += load64(s[8:])
	c += rot(a, 7)
	a += load64(s[16:])
	vf := a + z
	vs := b + rot(a, 31) + c
	a = load64(s[16:]) + load64(s[n-32:])
	z += load64(s[n-8:])
	b = rot(a+z, 52)
	c = rot(a, 37)
	a += load64(s[n-24:])
	c += rot(a, 7)
	a += load64(s[n-16:])
	wf := a + z
	ws := b + rot(a, 31) + c
	r := shiftMix((vf+ws)*cityK2 + (wf+vs)*cityK0)
	return shiftMix(r*cityK0+vs) * cityK2
}

// libcxxStringHash is std::hash<std::string> of libc++ on 64-bit targets.
func libcxxStringHash(s []byte) uint64 {
	n := uint64(len(s))
	switch {
	case n <= 16:
		return hashLen0to16(s)
	case n <= 32:
		return hashLen17to32(s)
	case n <= 64:
		return hashLen33to64(s)
	}
	x := load64(s[n-40:])
	y := load64(s[n-16:]) + load64(s[n-56:])
	z := hashLen16(load64(s[n-48:])+n, load64(s[n-24:]))
	v1, v2 := weakHash32SeedsBytes(s[n-64:], n, z)
	w1, w2 := weakHash32SeedsBytes(s[n-32:], y+cityK1, x)
	x = x*cityK1 + load64(s)
	n = (n - 1) &^ 63
	for {
		x = rot(x+y+v1+load64(s[8:]), 37) * cityK1
		y = rot(y+v2+load64(s[48:]), 42) * cityK1
		x ^= w2
		y += v1 + load64(s[40:])
		z = rot(z+w1, 33) * cityK1
		v1, v2 = weakHash32SeedsBytes(s, v2*cityK1, x+w1)
		w1, w2 = weakHash32SeedsBytes(s[32:], z+w2, y+load64(s[16:]))
		z, x = x, z
		s = s[64:]
		n -= 64
		if n == 0 {
			break
		}
	}
	return hashLen16(hashLen16(v1, w1)+shiftMix(y)*cityK1+z, hashLen16(v2, w2)+x)
}

func isPrime(n uint64) bool {
	if n < 2 {
		return false
	}
	for d := uint64(2); d*d <= n; d++ {
		if n%d == 0 {
			return false
		}
	}
	return true
}

// reservedBuckets is the bucket count of an empty libc++ unordered_map after reserve(n).
func reservedBuckets(n int) uint64 {
	b := uint64(math.Ceil(float64(n)))
	switch {
	case b == 0:
		return 0
	case b == 1:
		return 2
	case b&(b-1) != 0:
		for !isPrime(b) {
			b++
		}
	}
	return b
}

func constrainHash(h, bc uint64) uint64 {
	if bc&(bc-1) == 0 {
		return h & (bc - 1)
	}
	if h < bc {
		return h
	}
	return h % bc
}

// groupOrder returns the indices of names (distinct) in the iteration order of a libc++
// unordered_map that reserved len(names) and then had them inserted in order.
func groupOrder(names []string) []int {
	n := len(names)
	bc := reservedBuckets(n)
	head := n // the list's before-begin node
	next := make([]int, n+1)
	next[head] = -1
	hashes := make([]uint64, n)
	pred := make(map[uint64]int) // bucket → the node before its first node
	for i, name := range names {
		hashes[i] = libcxxStringHash([]byte(name))
		b := constrainHash(hashes[i], bc)
		if p, ok := pred[b]; ok {
			next[i] = next[p]
			next[p] = i
			continue
		}
		next[i] = next[head]
		next[head] = i
		pred[b] = head
		if next[i] >= 0 {
			pred[constrainHash(hashes[next[i]], bc)] = i
		}
	}
	order := make([]int, 0, n)
	for i := next[head]; i >= 0; i = next[i] {
		order = append(order, i)
	}
	return order
}
