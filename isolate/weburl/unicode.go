package weburl

import (
	"slices"
	"sort"
	"unicode/utf8"
)

//go:generate sh -c "cd gen && npm install --no-package-lock --silent && node gen.mjs"

// Lookups into the generated Unicode 17 tables (tables.go). Go's own unicode
// package and x/text are at Unicode 15, which the WPT IDNA vectors outgrew.

// IDNA mapping status (UTS #46 section 5). Deviation is folded into valid
// because the URL Standard uses nontransitional processing.
const (
	idnaValid = iota
	idnaMapped
	idnaIgnored
	idnaDisallowed
)

// idnaLookup returns the status of r and, for mapped code points, its mapping.
func idnaLookup(r rune) (status int, mapping string) {
	i := sort.Search(len(idnaTable), func(i int) bool { return rune(idnaTable[i]&0x1fffff) > r }) - 1
	w := idnaTable[i]
	status = int(w>>21) & 3
	if status == idnaMapped {
		off, n := (w>>23)&0xffff, (w>>39)&0xff
		mapping = idnaMappings[off : off+n]
	}
	return status, mapping
}

// runLookup finds the value of r in a run table (code point<<8 | value).
func runLookup(runs []uint32, r rune) uint8 {
	i := sort.Search(len(runs), func(i int) bool { return rune(runs[i]>>8) > r }) - 1
	return uint8(runs[i])
}

func combiningClass(r rune) uint8 {
	if r < 0x300 {
		return 0
	}
	return runLookup(cccRuns[:], r)
}

// Bidi classes as packed by gen.mjs; bidiOther covers the classes RFC 5893
// never allows.
const (
	bidiOther = iota
	bidiL
	bidiR
	bidiAL
	bidiAN
	bidiEN
	bidiES
	bidiCS
	bidiET
	bidiON
	bidiBN
	bidiNSM
)

// Joining types as packed by gen.mjs (U, non-joining, is 0).
const (
	joinD = 1 + iota
	joinL
	joinR
	joinT
	joinC
)

type props uint8

func lookupProps(r rune) props { return props(runLookup(propRuns[:], r)) }
func (p props) bidi() int      { return int(p & 0xf) }
func (p props) joining() int   { return int(p>>4) & 7 }
func (p props) isMark() bool   { return p&0x80 != 0 }

// decomposition returns the one-level canonical decomposition of r, if any
// (Hangul syllables are handled algorithmically by the caller).
func decomposition(r rune) (string, bool) {
	i := sort.Search(len(decompTable), func(i int) bool { return rune(decompTable[i]&0x1fffff) >= r })
	if i == len(decompTable) || rune(decompTable[i]&0x1fffff) != r {
		return "", false
	}
	w := decompTable[i]
	off, n := (w>>21)&0xffff, (w>>37)&0xff
	return decompPool[off : off+n], true
}

// Hangul syllable constants (Unicode chapter 3.12).
const (
	hangulSBase  = 0xac00
	hangulLBase  = 0x1100
	hangulVBase  = 0x1161
	hangulTBase  = 0x11a7
	hangulLCount = 19
	hangulVCount = 21
	hangulTCount = 28
	hangulNCount = hangulVCount * hangulTCount
	hangulSCount = hangulLCount * hangulNCount
)

func appendDecomposed(dst []rune, r rune) []rune {
	if s := r - hangulSBase; s >= 0 && s < hangulSCount {
		dst = append(dst, hangulLBase+s/hangulNCount, hangulVBase+(s%hangulNCount)/hangulTCount)
		if t := s % hangulTCount; t != 0 {
			dst = append(dst, hangulTBase+t)
		}
		return dst
	}
	d, ok := decomposition(r)
	if !ok {
		return append(dst, r)
	}
	for _, c := range d {
		dst = appendDecomposed(dst, c)
	}
	return dst
}

// compose returns the primary composite of a and b, if there is one.
func compose(a, b rune) (rune, bool) {
	if l := a - hangulLBase; l >= 0 && l < hangulLCount {
		if v := b - hangulVBase; v >= 0 && v < hangulVCount {
			return hangulSBase + (l*hangulVCount+v)*hangulTCount, true
		}
		return 0, false
	}
	if s := a - hangulSBase; s >= 0 && s < hangulSCount && s%hangulTCount == 0 {
		if t := b - hangulTBase; t > 0 && t < hangulTCount {
			return a + t, true
		}
		return 0, false
	}
	key := uint64(a)<<42 | uint64(b)<<21
	i := sort.Search(len(compTable), func(i int) bool { return compTable[i]&^0x1fffff >= key })
	if i < len(compTable) && compTable[i]&^0x1fffff == key {
		return rune(compTable[i] & 0x1fffff), true
	}
	return 0, false
}

// nfc returns s in Unicode Normalization Form C.
func nfc(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	rs := make([]rune, 0, len(s))
	for _, r := range s {
		rs = appendDecomposed(rs, r)
	}
	// Canonical ordering: stable sort of each run of non-starters (a sort,
	// not insertion, keeps long runs of marks from going quadratic).
	for i := 0; i < len(rs); {
		if combiningClass(rs[i]) == 0 {
			i++
			continue
		}
		j := i + 1
		for j < len(rs) && combiningClass(rs[j]) != 0 {
			j++
		}
		if j-i > 1 {
			slices.SortStableFunc(rs[i:j], func(a, b rune) int {
				return int(combiningClass(a)) - int(combiningClass(b))
			})
		}
		i = j
	}
	// Canonical composition.
	starter, last := -1, uint8(0)
	n := 0
	for _, r := range rs {
		c := combiningClass(r)
		if starter >= 0 {
			blocked := n-1 != starter && (last == 0 || last >= c)
			if !blocked {
				if p, ok := compose(rs[starter], r); ok {
					rs[starter] = p
					continue
				}
			}
		}
		if c == 0 {
			starter = n
		}
		last = c
		rs[n] = r
		n++
	}
	buf := make([]byte, 0, len(s))
	for _, r := range rs[:n] {
		buf = utf8.AppendRune(buf, r)
	}
	return string(buf)
}
