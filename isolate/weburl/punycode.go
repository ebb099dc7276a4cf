package weburl

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Punycode (RFC 3492) with the IDNA parameters.
const (
	pcBase        = 36
	pcTMin        = 1
	pcTMax        = 26
	pcSkew        = 38
	pcDamp        = 700
	pcInitialBias = 72
	pcInitialN    = 128
	pcMaxInt      = 1<<31 - 1 // bounds every intermediate value (RFC 3492 6.4)
)

func pcAdapt(delta, numPoints int, first bool) int {
	if first {
		delta /= pcDamp
	} else {
		delta /= 2
	}
	delta += delta / numPoints
	k := 0
	for delta > ((pcBase-pcTMin)*pcTMax)/2 {
		delta /= pcBase - pcTMin
		k += pcBase
	}
	return k + (pcBase-pcTMin+1)*delta/(delta+pcSkew)
}

func pcDigit(c byte) (int, bool) {
	switch {
	case c >= '0' && c <= '9':
		return int(c-'0') + 26, true
	case c >= 'a' && c <= 'z':
		return int(c - 'a'), true
	case c >= 'A' && c <= 'Z':
		return int(c - 'A'), true
	}
	return 0, false
}

func pcThreshold(k, bias int) int {
	switch {
	case k <= bias:
		return pcTMin
	case k >= bias+pcTMax:
		return pcTMax
	}
	return k - bias
}

// punycodeDecode decodes an ASCII Punycode string (without the "xn--" prefix).
// It fails on malformed input, overflow, and results that are not valid
// Unicode scalar values. RFC 3492 inserts each decoded code point into the
// output as it goes, which is quadratic; here the insertion indexes are
// recorded and resolved at the end in O(n log n), so long labels stay cheap.
func punycodeDecode(s string) (string, bool) {
	var at []int32 // insertion index of each code point, in decoding order
	var cps []rune
	b := strings.LastIndexByte(s, '-')
	in := 0
	if b > 0 {
		for i := 0; i < b; i++ {
			if s[i] >= 0x80 {
				return "", false
			}
			at = append(at, int32(i))
			cps = append(cps, rune(s[i]))
		}
		in = b + 1
	}
	n, bias, i := pcInitialN, pcInitialBias, 0
	for in < len(s) {
		oldi, w := i, 1
		for k := pcBase; ; k += pcBase {
			if in >= len(s) {
				return "", false
			}
			d, ok := pcDigit(s[in])
			in++
			if !ok || d > (pcMaxInt-i)/w {
				return "", false
			}
			i += d * w
			t := pcThreshold(k, bias)
			if d < t {
				break
			}
			if w > pcMaxInt/(pcBase-t) {
				return "", false
			}
			w *= pcBase - t
		}
		numPoints := len(cps) + 1
		bias = pcAdapt(i-oldi, numPoints, oldi == 0)
		if i/numPoints > pcMaxInt-n {
			return "", false
		}
		n += i / numPoints
		i %= numPoints
		if n > utf8.MaxRune || (n >= 0xd800 && n <= 0xdfff) {
			return "", false
		}
		at = append(at, int32(i))
		cps = append(cps, rune(n))
		i++
	}
	// The last insertion keeps its index; walking backwards, each earlier
	// one lands in the (index+1)-th slot still free.
	free := newFenwick(len(cps), true)
	out := make([]rune, len(cps))
	for k := len(cps) - 1; k >= 0; k-- {
		slot := free.kth(int(at[k]) + 1)
		out[slot] = cps[k]
		free.add(slot, -1)
	}
	return string(out), true
}

// punycodeEncode encodes a label, failing only on overflow as RFC 3492 does.
// The RFC's rescan of the whole label per distinct code point is replaced by
// counting already-handled code points with a Fenwick tree (O(n log n)).
func punycodeEncode(s string) (string, bool) {
	rs := []rune(s)
	var out []byte
	var big []int // positions of non-basic code points
	handled := newFenwick(len(rs), false)
	for p, r := range rs {
		if r < 0x80 {
			out = append(out, byte(r))
			handled.add(p, 1)
		} else {
			big = append(big, p)
		}
	}
	b := len(out)
	h := b
	if b > 0 {
		out = append(out, '-')
	}
	slices.SortStableFunc(big, func(x, y int) int { return int(rs[x]) - int(rs[y]) })
	n, bias := rune(pcInitialN), pcInitialBias
	carry := int64(0) // delta carried into the next code point value
	for k := 0; k < len(big); {
		m := rs[big[k]]
		e := k
		for e < len(big) && rs[big[e]] == m {
			e++
		}
		delta := carry + int64(m-n)*int64(h+1)
		prev := 0
		for _, p := range big[k:e] {
			// Handled code points (all < m) before p each add one.
			before := handled.prefix(p)
			delta += int64(before - prev)
			prev = before
			if delta > pcMaxInt {
				return "", false
			}
			q := int(delta)
			for k := pcBase; ; k += pcBase {
				t := pcThreshold(k, bias)
				if q < t {
					break
				}
				out = append(out, pcEncodeDigit(t+(q-t)%(pcBase-t)))
				q = (q - t) / (pcBase - t)
			}
			out = append(out, pcEncodeDigit(q))
			bias = pcAdapt(int(delta), h+1, h == b)
			delta = 0
			h++
		}
		// Handled code points after the last occurrence, then the RFC's
		// final increment.
		carry = int64(handled.prefix(len(rs))-prev) + 1
		if carry-1 > pcMaxInt {
			return "", false
		}
		for _, p := range big[k:e] {
			handled.add(p, 1)
		}
		n = m + 1
		k = e
	}
	return string(out), true
}

// fenwick is a binary indexed tree of counts over slots 0..n-1.
type fenwick []int32

func newFenwick(n int, full bool) fenwick {
	f := make(fenwick, n+1)
	if full {
		for i := 1; i <= n; i++ {
			f[i]++
			if j := i + i&-i; j <= n {
				f[j] += f[i]
			}
		}
	}
	return f
}

func (f fenwick) add(slot int, d int32) {
	for i := slot + 1; i < len(f); i += i & -i {
		f[i] += d
	}
}

// prefix returns the total of slots [0, slot).
func (f fenwick) prefix(slot int) int {
	s := 0
	for i := slot; i > 0; i -= i & -i {
		s += int(f[i])
	}
	return s
}

// kth returns the slot holding the k-th unit (k >= 1).
func (f fenwick) kth(k int) int {
	pos, step := 0, 1
	for step*2 < len(f) {
		step *= 2
	}
	for ; step > 0; step >>= 1 {
		if pos+step < len(f) && int(f[pos+step]) < k {
			pos += step
			k -= int(f[pos])
		}
	}
	return pos
}

func pcEncodeDigit(d int) byte {
	if d < 26 {
		return byte('a' + d)
	}
	return byte('0' + d - 26)
}
