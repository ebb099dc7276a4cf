package weburl

import (
	"strings"
	"unicode/utf8"
)

// encodeSet is a percent-encode set over ASCII; every byte >= 0x7F is always
// encoded. Working on UTF-8 bytes is equivalent to the standard's "UTF-8
// percent-encode a code point": each byte of a non-ASCII code point is encoded.
type encodeSet [2]uint64

func (s *encodeSet) has(c byte) bool {
	if c >= 0x7f {
		return true
	}
	return s[c>>6]&(1<<(c&63)) != 0
}

func newSet(base *encodeSet, extra string) *encodeSet {
	var s encodeSet
	if base != nil {
		s = *base
	} else {
		s[0] = 1<<0x20 - 1 // C0 controls
	}
	for i := 0; i < len(extra); i++ {
		c := extra[i]
		s[c>>6] |= 1 << (c & 63)
	}
	return &s
}

// The percent-encode sets of the URL Standard, section 1.3.
var (
	c0ControlSet    = newSet(nil, "")
	fragmentSet     = newSet(c0ControlSet, " \"<>`")
	querySet        = newSet(c0ControlSet, " \"#<>")
	specialQuerySet = newSet(querySet, "'")
	pathSet         = newSet(querySet, "?^`{}")
	userinfoSet     = newSet(pathSet, "/:;=@[\\]|")
	componentSet    = newSet(userinfoSet, "$%&+,")
	formSet         = newSet(componentSet, "!'()~")
)

const upperHex = "0123456789ABCDEF"

// appendEncoded appends s to dst, percent-encoding the bytes in set.
func appendEncoded(dst []byte, s string, set *encodeSet, spaceAsPlus bool) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case spaceAsPlus && c == ' ':
			dst = append(dst, '+')
		case set.has(c):
			dst = append(dst, '%', upperHex[c>>4], upperHex[c&15])
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// percentEncode returns s with the bytes in set percent-encoded, without
// allocating when nothing needs encoding.
func percentEncode(s string, set *encodeSet) string {
	for i := 0; i < len(s); i++ {
		if set.has(s[i]) {
			return string(appendEncoded([]byte(s[:i]), s[i:], set, false))
		}
	}
	return s
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// percentDecode decodes %XY sequences; malformed ones are kept literally.
func percentDecode(s string) string {
	i := strings.IndexByte(s, '%')
	if i < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	b = append(b, s[:i]...)
	for ; i < len(s); i++ {
		c := s[i]
		if c == '%' && i+2 < len(s) {
			if h, ok := unhex(s[i+1]); ok {
				if l, ok := unhex(s[i+2]); ok {
					b = append(b, h<<4|l)
					i += 2
					continue
				}
			}
		}
		b = append(b, c)
	}
	return string(b)
}

// utf8Decode implements "UTF-8 decode without BOM" for arbitrary bytes: each
// maximal invalid subpart becomes one U+FFFD, exactly as the Encoding
// Standard's decoder does (Go's range loop would emit one per byte).
func utf8Decode(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		c := s[i]
		if c < 0x80 {
			b.WriteByte(c)
			i++
			continue
		}
		if r, n := utf8.DecodeRuneInString(s[i:]); r != utf8.RuneError || n > 1 {
			b.WriteString(s[i : i+n])
			i += n
			continue
		}
		// Invalid: consume the longest prefix that could still have begun a
		// valid sequence, then emit a single replacement character.
		need, lo, hi := 0, byte(0x80), byte(0xbf)
		switch {
		case c >= 0xc2 && c <= 0xdf:
			need = 1
		case c >= 0xe0 && c <= 0xef:
			need = 2
			if c == 0xe0 {
				lo = 0xa0
			} else if c == 0xed {
				hi = 0x9f
			}
		case c >= 0xf0 && c <= 0xf4:
			need = 3
			if c == 0xf0 {
				lo = 0x90
			} else if c == 0xf4 {
				hi = 0x8f
			}
		}
		i++
		for ; need > 0 && i < len(s) && s[i] >= lo && s[i] <= hi; need-- {
			i++
			lo, hi = 0x80, 0xbf
		}
		b.WriteString("\uFFFD")
	}
	return b.String()
}
