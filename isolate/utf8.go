package isolate

import (
	"strings"
	"unicode/utf8"
)

// DecodeUTF8 decodes b as the WHATWG Encoding Standard's UTF-8 decoder does: each maximal
// ill-formed subsequence becomes one U+FFFD (or, when fatal, decoding fails), and a leading
// byte-order mark is dropped unless ignoreBOM.
func DecodeUTF8(b []byte, fatal, ignoreBOM bool) (string, bool) {
	if !ignoreBOM && len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		b = b[3:]
	}
	if utf8.Valid(b) {
		return string(b), true
	}
	var sb strings.Builder
	sb.Grow(len(b) + 8)
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r != utf8.RuneError || n > 1 {
			sb.WriteRune(r)
			b = b[n:]
			continue
		}
		if fatal {
			return "", false
		}
		sb.WriteRune(utf8.RuneError)
		b = b[maximalSubpart(b):]
	}
	return sb.String(), true
}

// maximalSubpart is the length of the ill-formed sequence at the start of b that the standard
// replaces with a single U+FFFD: a valid lead byte followed by as many valid continuation bytes
// as it allows, stopping at the first byte that cannot continue it (at least 1).
func maximalSubpart(b []byte) int {
	c := b[0]
	var need int
	lo, hi := byte(0x80), byte(0xBF)
	switch {
	case c >= 0xC2 && c <= 0xDF:
		need = 1
	case c == 0xE0:
		need, lo = 2, 0xA0
	case c >= 0xE1 && c <= 0xEC, c == 0xEE, c == 0xEF:
		need = 2
	case c == 0xED:
		need, hi = 2, 0x9F
	case c == 0xF0:
		need, lo = 3, 0x90
	case c >= 0xF1 && c <= 0xF3:
		need = 3
	case c == 0xF4:
		need, hi = 3, 0x8F
	default:
		return 1
	}
	n := 1
	for k := 0; k < need && n < len(b); k++ {
		if b[n] < lo || b[n] > hi {
			break
		}
		lo, hi = 0x80, 0xBF
		n++
	}
	return n
}
