package isolate

import (
	"strings"
	"sync"
	"unicode/utf8"

	"rogchap.com/v8go"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/transform"
)

// The WHATWG Encoding Standard's decoders for TextDecoder.
//
// Labels and canonical names come from x/text's htmlindex, which is generated from the
// standard's encodings.json, and so do the index tables (x/text generates them from the
// standard's index-*.txt files). The decoding algorithms are written out here rather than using
// x/text's decoders, because those differ from the standard in error handling (how many U+FFFD
// an ill-formed sequence gives, which bytes are pushed back), do not report errors for fatal
// mode, and predate the standard's GB18030-2022 and Shift_JIS private-use changes.

// EncodingName maps a TextDecoder label to the encoding's canonical lowercase name, or "" when
// the label is unknown or names the replacement encoding (which TextDecoder must refuse).
func EncodingName(label string) string {
	// The standard strips ASCII whitespace only and lowercases ASCII only (htmlindex would also
	// strip \v and fold non-ASCII letters such as the Kelvin sign).
	label = strings.Trim(label, "\t\n\f\r ")
	for i := 0; i < len(label); i++ {
		if label[i] >= 0x80 || label[i] == '\v' {
			return ""
		}
	}
	e, err := htmlindex.Get(label)
	if err != nil {
		return ""
	}
	name, err := htmlindex.Name(e)
	if err != nil || name == "replacement" {
		return ""
	}
	return name
}

// byteDecoder is one of the standard's decoders: handle is called with each byte, or with
// endOfQueue once the input is exhausted and flushing.
type byteDecoder interface {
	handle(b int) step
	// idle reports that no bytes are buffered inside the decoder.
	idle() bool
	// save and restore carry the decoder's state between TextDecoder.decode calls.
	save() int
	restore(int)
}

const endOfQueue = -1

// step is a decoder's result for one byte.
type step struct {
	kind    int // stepContinue, stepEmit, stepError, stepFinished
	cp      rune
	cp2     rune // second code point (Big5 pointers that decode to two), or 0
	prepend int  // how many of the bytes just read go back onto the input
}

const (
	stepContinue = iota
	stepEmit
	stepError
	stepFinished
)

func emit(r rune) step          { return step{kind: stepEmit, cp: r} }
func failBack(prepend int) step { return step{kind: stepError, prepend: prepend} }

var (
	errStep      = step{kind: stepError}
	continueStep = step{kind: stepContinue}
	finishedStep = step{kind: stepFinished}
)

// runDecoder decodes b with d. Unless flush, bytes that start a sequence that is not complete
// yet are not consumed: held is how many trailing bytes the caller must pass again (before the
// next chunk), and state is d's state to restore then. ok is false on an error when fatal.
func runDecoder(d byteDecoder, b []byte, fatal, flush bool) (out string, held, state int, ok bool) {
	var sb strings.Builder
	sb.Grow(len(b))
	checkpoint, cpState := 0, d.save()
	i := 0
	for {
		c := endOfQueue
		if i < len(b) {
			c = int(b[i])
			i++
		} else if !flush {
			break
		}
		r := d.handle(c)
		if c == endOfQueue && r.prepend > 0 {
			i -= r.prepend - 1 // the end of the queue itself is not a byte to read again
		} else {
			i -= r.prepend
		}
		switch r.kind {
		case stepFinished:
			return sb.String(), 0, 0, true
		case stepEmit:
			sb.WriteRune(r.cp)
			if r.cp2 != 0 {
				sb.WriteRune(r.cp2)
			}
		case stepError:
			if fatal {
				return "", 0, 0, false
			}
			sb.WriteRune(utf8.RuneError)
		}
		if r.kind != stepContinue || d.idle() {
			checkpoint, cpState = i, d.save()
		}
	}
	return sb.String(), len(b) - checkpoint, cpState, true
}

// DecodeChunk decodes one TextDecoder.decode call's bytes (any bytes held back from the previous
// call first) in the named encoding, starting from state. See runDecoder for the results.
func DecodeChunk(name string, b []byte, fatal, flush bool, state int) (out string, held, newState int, ok bool) {
	switch name {
	case "utf-8":
		n := 0
		if !flush {
			n = utf8IncompleteTail(b)
		}
		s, ok := DecodeUTF8(b[:len(b)-n], fatal, true)
		return s, n, 0, ok
	case "x-user-defined":
		var sb strings.Builder
		sb.Grow(len(b))
		for _, c := range b {
			if c < 0x80 {
				sb.WriteByte(c)
			} else {
				sb.WriteRune(0xF780 + rune(c) - 0x80)
			}
		}
		return sb.String(), 0, 0, true
	}
	var d byteDecoder
	switch name {
	case "utf-16le":
		d = &utf16Decoder{}
	case "utf-16be":
		d = &utf16Decoder{be: true}
	case "gbk", "gb18030":
		d = &gb18030Decoder{}
	case "big5":
		d = &big5Decoder{}
	case "euc-kr":
		d = &eucKRDecoder{}
	case "euc-jp":
		d = &eucJPDecoder{}
	case "shift_jis":
		d = &shiftJISDecoder{}
	case "iso-2022-jp":
		d = &iso2022JPDecoder{}
	default:
		t := singleByteTable(name)
		if t == nil {
			return "", 0, 0, false
		}
		return decodeSingleByte(t, b, fatal)
	}
	d.restore(state)
	return runDecoder(d, b, fatal, flush)
}

// utf8IncompleteTail is how many bytes at the end of b are a UTF-8 sequence that is valid so far
// but not complete, so the standard's decoder would still be waiting for more.
func utf8IncompleteTail(b []byte) int {
	for k := 1; k <= 3 && k <= len(b); k++ {
		c := b[len(b)-k]
		if c&0xC0 == 0x80 {
			continue
		}
		need := 0
		switch {
		case c >= 0xC2 && c <= 0xDF:
			need = 2
		case c >= 0xE0 && c <= 0xEF:
			need = 3
		case c >= 0xF0 && c <= 0xF4:
			need = 4
		}
		if k < need && maximalSubpart(b[len(b)-k:]) == k {
			return k
		}
		return 0
	}
	return 0
}

// ---- single-byte encodings

var singleByteTables sync.Map // name -> *[256]rune (U+FFFD where the index has no code point)

func singleByteTable(name string) *[256]rune {
	if t, ok := singleByteTables.Load(name); ok {
		return t.(*[256]rune)
	}
	if name == "iso-8859-8-i" {
		name = "iso-8859-8" // the same index; the name only tells the reading direction
	}
	e, err := htmlindex.Get(name)
	if err != nil {
		return nil
	}
	cm, ok := e.(*charmap.Charmap)
	if !ok {
		return nil
	}
	t := new([256]rune)
	for c := 0; c < 256; c++ {
		t[c] = cm.DecodeByte(byte(c))
		// x/text's tables (from the Unicode mappings) leave the C1 range undefined where the
		// standard's indexes map 0x80-0x9F to U+0080-U+009F.
		if t[c] == utf8.RuneError && c >= 0x80 && c <= 0x9F {
			t[c] = rune(c)
		}
	}
	singleByteTables.Store(name, t)
	return t
}

func decodeSingleByte(t *[256]rune, b []byte, fatal bool) (string, int, int, bool) {
	var sb strings.Builder
	sb.Grow(len(b))
	for _, c := range b {
		r := t[c]
		if r == utf8.RuneError && fatal {
			return "", 0, 0, false
		}
		sb.WriteRune(r)
	}
	return sb.String(), 0, 0, true
}

// ---- index tables, read out of x/text's decoders once per process

// probe decodes seq with x/text's decoder t and returns the single code point it gives, or -1.
func probe(t transform.Transformer, seq []byte) rune {
	var dst [16]byte
	t.Reset()
	n, _, err := t.Transform(dst[:], seq, true)
	if err != nil || n == 0 {
		return -1
	}
	r, size := utf8.DecodeRune(dst[:n])
	if size != n || r == utf8.RuneError {
		return -1
	}
	return r
}

type index struct {
	once  sync.Once
	table []rune // -1 where the standard's index has no code point
}

func (x *index) get(build func() []rune) []rune {
	x.once.Do(func() { x.table = build() })
	return x.table
}

func lookup(t []rune, pointer int) rune {
	if pointer < 0 || pointer >= len(t) {
		return -1
	}
	return t[pointer]
}

var idxJIS0208, idxJIS0212, idxEUCKR, idxBig5, idxGB18030, idxGBRanges index

// index jis0208, by Shift_JIS pointer (which reaches the IBM extension rows EUC-JP cannot).
func jis0208() []rune {
	return idxJIS0208.get(func() []rune {
		t := make([]rune, 94*120)
		dec := japanese.ShiftJIS.NewDecoder()
		for p := range t {
			t[p] = -1
			if p >= 8836 && p <= 10715 {
				continue // private use, computed by the decoder
			}
			lead, trail := p/188, p%188
			if lead < 0x1F {
				lead += 0x81
			} else {
				lead += 0xC1
			}
			if trail < 0x3F {
				trail += 0x40
			} else {
				trail += 0x41
			}
			if lead > 0xFC {
				continue
			}
			t[p] = probe(dec, []byte{byte(lead), byte(trail)})
		}
		return t
	})
}

func jis0212() []rune {
	return idxJIS0212.get(func() []rune {
		t := make([]rune, 94*94)
		dec := japanese.EUCJP.NewDecoder()
		for p := range t {
			t[p] = probe(dec, []byte{0x8F, byte(0xA1 + p/94), byte(0xA1 + p%94)})
		}
		return t
	})
}

func eucKRIndex() []rune {
	return idxEUCKR.get(func() []rune {
		t := make([]rune, 126*190)
		dec := korean.EUCKR.NewDecoder()
		for p := range t {
			t[p] = probe(dec, []byte{byte(0x81 + p/190), byte(0x41 + p%190)})
		}
		return t
	})
}

func big5Index() []rune {
	return idxBig5.get(func() []rune {
		t := make([]rune, 126*157)
		dec := traditionalchinese.Big5.NewDecoder()
		for p := range t {
			trail := p % 157
			if trail < 0x3F {
				trail += 0x40
			} else {
				trail += 0x62
			}
			t[p] = probe(dec, []byte{byte(0x81 + p/157), byte(trail)})
		}
		return t
	})
}

// gb18030Fixes are the standard's index gb18030 entries that changed with GB18030-2022 (code
// points that left the private use area), which x/text's older table does not have yet.
var gb18030Fixes = map[[2]byte]rune{
	{0xA6, 0xD9}: 0xFE10, {0xA6, 0xDA}: 0xFE12, {0xA6, 0xDB}: 0xFE11, {0xA6, 0xDC}: 0xFE13,
	{0xA6, 0xDD}: 0xFE14, {0xA6, 0xDE}: 0xFE15, {0xA6, 0xDF}: 0xFE16, {0xA6, 0xEC}: 0xFE17,
	{0xA6, 0xED}: 0xFE18, {0xA6, 0xF3}: 0xFE19, {0xA8, 0xBC}: 0x1E3F, {0xFE, 0x59}: 0x9FB4,
	{0xFE, 0x61}: 0x9FB5, {0xFE, 0x66}: 0x9FB6, {0xFE, 0x67}: 0x9FB7, {0xFE, 0x6D}: 0x9FB8,
	{0xFE, 0x7E}: 0x9FB9, {0xFE, 0x90}: 0x9FBA, {0xFE, 0xA0}: 0x9FBB,
}

func gb18030Index() []rune {
	return idxGB18030.get(func() []rune {
		t := make([]rune, 126*190)
		dec := simplifiedchinese.GB18030.NewDecoder()
		for p := range t {
			trail := p % 190
			if trail < 0x3F {
				trail += 0x40
			} else {
				trail += 0x41
			}
			t[p] = probe(dec, []byte{byte(0x81 + p/190), byte(trail)})
		}
		// x/text leaves out the private use mappings, which the standard's index has for every
		// remaining pointer: the three user-defined areas in order, then the other unassigned
		// codes in pointer order from U+E766, skipping the private use code points whose codes
		// GB18030 has since given real characters (GB18030-2005's assignment).
		for seq, r := range gb18030Fixes {
			trail := int(seq[1]) - 0x41
			if seq[1] < 0x7F {
				trail = int(seq[1]) - 0x40
			}
			t[(int(seq[0])-0x81)*190+trail] = r
		}
		next := rune(0xE000)
		area := func(l0, l1, t0, t1 int) {
			for l := l0; l <= l1; l++ {
				for tr := t0; tr <= t1; tr++ {
					if tr == 0x7F {
						continue
					}
					off := 0x41
					if tr < 0x7F {
						off = 0x40
					}
					if p := (l-0x81)*190 + tr - off; t[p] < 0 {
						t[p] = next
					}
					next++
				}
			}
		}
		area(0xAA, 0xAF, 0xA1, 0xFE)
		area(0xF8, 0xFE, 0xA1, 0xFE)
		area(0xA1, 0xA7, 0x40, 0xA0)
		skipped := [][2]rune{{0xE76C, 0xE76C}, {0xE78D, 0xE796}, {0xE7C7, 0xE7C8}, {0xE7E7, 0xE7F3},
			{0xE815, 0xE815}, {0xE819, 0xE830}, {0xE832, 0xE83A}, {0xE83C, 0xE854}, {0xE856, 0xE864}}
		for p := range t {
			if t[p] >= 0 {
				continue
			}
			for _, r := range skipped {
				if next >= r[0] && next <= r[1] {
					next = r[1] + 1
				}
			}
			t[p] = next
			next++
		}
		return t
	})
}

// gb18030RangesBMP is the standard's "index gb18030 ranges code point" for four-byte pointers
// up to 39419 (the BMP part), read out of x/text's four-byte decoding.
func gb18030RangesBMP() []rune {
	return idxGBRanges.get(func() []rune {
		t := make([]rune, 39420)
		dec := simplifiedchinese.GB18030.NewDecoder()
		for p := range t {
			b4 := p % 10
			b3 := p / 10 % 126
			b2 := p / 1260 % 10
			b1 := p / 12600
			t[p] = probe(dec, []byte{byte(0x81 + b1), byte(0x30 + b2), byte(0x81 + b3), byte(0x30 + b4)})
		}
		// Within one of the standard's ranges, code points are consecutive: fill any gap (the
		// pointer that decodes to U+FFFD itself reads back as an error).
		for p := 1; p < len(t); p++ {
			if t[p] < 0 {
				t[p] = t[p-1] + 1
			}
		}
		t[7457] = 0xE7C7 // GB18030-2022 swapped this one with A8BC
		return t
	})
}

func gb18030RangesCodePoint(p int) rune {
	switch {
	case p > 39419 && p < 189000, p > 1237575:
		return -1
	case p >= 189000:
		return rune(0x10000 + p - 189000)
	}
	return gb18030RangesBMP()[p]
}

// ---- the standard's decoders

type utf16Decoder struct {
	be            bool
	leadByte      int // -1 when none
	leadSurrogate int // 0 when none
}

func (d *utf16Decoder) idle() bool { return d.leadByte < 0 && d.leadSurrogate == 0 }
func (d *utf16Decoder) save() int {
	return (d.leadByte+1)<<16 | d.leadSurrogate
}
func (d *utf16Decoder) restore(s int) {
	d.leadByte = (s>>16)&0x1FF - 1
	d.leadSurrogate = s & 0xFFFF
}

func (d *utf16Decoder) handle(b int) step {
	if b == endOfQueue {
		if !d.idle() {
			d.leadByte, d.leadSurrogate = -1, 0
			return errStep
		}
		return finishedStep
	}
	if d.leadByte < 0 {
		d.leadByte = b
		return continueStep
	}
	var cu int
	if d.be {
		cu = d.leadByte<<8 | b
	} else {
		cu = b<<8 | d.leadByte
	}
	d.leadByte = -1
	if d.leadSurrogate != 0 {
		ls := d.leadSurrogate
		d.leadSurrogate = 0
		if cu >= 0xDC00 && cu <= 0xDFFF {
			return emit(rune(0x10000 + (ls-0xD800)<<10 + (cu - 0xDC00)))
		}
		// The code unit goes back onto the input: its two bytes are the two just read.
		return failBack(2)
	}
	if cu >= 0xD800 && cu <= 0xDBFF {
		d.leadSurrogate = cu
		return continueStep
	}
	if cu >= 0xDC00 && cu <= 0xDFFF {
		return errStep
	}
	return emit(rune(cu))
}

type gb18030Decoder struct{ first, second, third int }

func (d *gb18030Decoder) idle() bool { return d.first == 0 }
func (d *gb18030Decoder) save() int  { return d.first<<16 | d.second<<8 | d.third }
func (d *gb18030Decoder) restore(s int) {
	d.first, d.second, d.third = s>>16&0xFF, s>>8&0xFF, s&0xFF
}

func (d *gb18030Decoder) handle(b int) step {
	if b == endOfQueue {
		if d.first|d.second|d.third != 0 {
			d.first, d.second, d.third = 0, 0, 0
			return errStep
		}
		return finishedStep
	}
	if d.third != 0 {
		if b < 0x30 || b > 0x39 {
			d.first, d.second, d.third = 0, 0, 0
			return failBack(3) // second, third and this byte
		}
		p := (((d.first-0x81)*10+d.second-0x30)*126+d.third-0x81)*10 + b - 0x30
		d.first, d.second, d.third = 0, 0, 0
		if r := gb18030RangesCodePoint(p); r >= 0 {
			return emit(r)
		}
		return errStep
	}
	if d.second != 0 {
		if b >= 0x81 && b <= 0xFE {
			d.third = b
			return continueStep
		}
		d.first, d.second = 0, 0
		return failBack(2) // second and this byte
	}
	if d.first != 0 {
		if b >= 0x30 && b <= 0x39 {
			d.second = b
			return continueStep
		}
		lead := d.first
		d.first = 0
		if b >= 0x40 && b <= 0x7E || b >= 0x80 && b <= 0xFE {
			offset := 0x41
			if b < 0x7F {
				offset = 0x40
			}
			if r := lookup(gb18030Index(), (lead-0x81)*190+b-offset); r >= 0 {
				return emit(r)
			}
		}
		if b < 0x80 {
			return failBack(1)
		}
		return errStep
	}
	switch {
	case b < 0x80:
		return emit(rune(b))
	case b == 0x80:
		return emit(0x20AC)
	case b <= 0xFE:
		d.first = b
		return continueStep
	}
	return errStep
}

type big5Decoder struct{ lead int }

func (d *big5Decoder) idle() bool    { return d.lead == 0 }
func (d *big5Decoder) save() int     { return d.lead }
func (d *big5Decoder) restore(s int) { d.lead = s & 0xFF }
func (d *big5Decoder) handle(b int) step {
	if b == endOfQueue {
		if d.lead != 0 {
			d.lead = 0
			return errStep
		}
		return finishedStep
	}
	if d.lead != 0 {
		lead := d.lead
		d.lead = 0
		if b >= 0x40 && b <= 0x7E || b >= 0xA1 && b <= 0xFE {
			offset := 0x62
			if b < 0x7F {
				offset = 0x40
			}
			p := (lead-0x81)*157 + b - offset
			switch p {
			case 1133:
				return step{kind: stepEmit, cp: 0xCA, cp2: 0x304}
			case 1135:
				return step{kind: stepEmit, cp: 0xCA, cp2: 0x30C}
			case 1164:
				return step{kind: stepEmit, cp: 0xEA, cp2: 0x304}
			case 1166:
				return step{kind: stepEmit, cp: 0xEA, cp2: 0x30C}
			}
			if r := lookup(big5Index(), p); r >= 0 {
				return emit(r)
			}
		}
		if b < 0x80 {
			return failBack(1)
		}
		return errStep
	}
	switch {
	case b < 0x80:
		return emit(rune(b))
	case b >= 0x81 && b <= 0xFE:
		d.lead = b
		return continueStep
	}
	return errStep
}

type eucKRDecoder struct{ lead int }

func (d *eucKRDecoder) idle() bool    { return d.lead == 0 }
func (d *eucKRDecoder) save() int     { return d.lead }
func (d *eucKRDecoder) restore(s int) { d.lead = s & 0xFF }
func (d *eucKRDecoder) handle(b int) step {
	if b == endOfQueue {
		if d.lead != 0 {
			d.lead = 0
			return errStep
		}
		return finishedStep
	}
	if d.lead != 0 {
		lead := d.lead
		d.lead = 0
		if b >= 0x41 && b <= 0xFE {
			if r := lookup(eucKRIndex(), (lead-0x81)*190+b-0x41); r >= 0 {
				return emit(r)
			}
		}
		if b < 0x80 {
			return failBack(1)
		}
		return errStep
	}
	switch {
	case b < 0x80:
		return emit(rune(b))
	case b >= 0x81 && b <= 0xFE:
		d.lead = b
		return continueStep
	}
	return errStep
}

type eucJPDecoder struct {
	lead    int
	jis0212 bool
}

func (d *eucJPDecoder) idle() bool { return d.lead == 0 }
func (d *eucJPDecoder) save() int {
	s := d.lead
	if d.jis0212 {
		s |= 0x100
	}
	return s
}
func (d *eucJPDecoder) restore(s int) { d.lead, d.jis0212 = s&0xFF, s&0x100 != 0 }
func (d *eucJPDecoder) handle(b int) step {
	if b == endOfQueue {
		if d.lead != 0 {
			d.lead, d.jis0212 = 0, false
			return errStep
		}
		return finishedStep
	}
	if d.lead == 0x8E && b >= 0xA1 && b <= 0xDF {
		d.lead = 0
		return emit(rune(0xFF61 - 0xA1 + b))
	}
	if d.lead == 0x8F && b >= 0xA1 && b <= 0xFE {
		d.jis0212 = true
		d.lead = b
		return continueStep
	}
	if d.lead != 0 {
		lead := d.lead
		d.lead = 0
		r := rune(-1)
		if lead >= 0xA1 && lead <= 0xFE && b >= 0xA1 && b <= 0xFE {
			t := jis0208()
			if d.jis0212 {
				t = jis0212()
			}
			r = lookup(t, (lead-0xA1)*94+b-0xA1)
		}
		d.jis0212 = false
		if r >= 0 {
			return emit(r)
		}
		if b < 0x80 {
			return failBack(1)
		}
		return errStep
	}
	switch {
	case b < 0x80:
		return emit(rune(b))
	case b == 0x8E || b == 0x8F || b >= 0xA1 && b <= 0xFE:
		d.lead = b
		return continueStep
	}
	return errStep
}

type shiftJISDecoder struct{ lead int }

func (d *shiftJISDecoder) idle() bool    { return d.lead == 0 }
func (d *shiftJISDecoder) save() int     { return d.lead }
func (d *shiftJISDecoder) restore(s int) { d.lead = s & 0xFF }
func (d *shiftJISDecoder) handle(b int) step {
	if b == endOfQueue {
		if d.lead != 0 {
			d.lead = 0
			return errStep
		}
		return finishedStep
	}
	if d.lead != 0 {
		lead := d.lead
		d.lead = 0
		if b >= 0x40 && b <= 0x7E || b >= 0x80 && b <= 0xFC {
			offset, leadOffset := 0x41, 0xC1
			if b < 0x7F {
				offset = 0x40
			}
			if lead < 0xA0 {
				leadOffset = 0x81
			}
			p := (lead-leadOffset)*188 + b - offset
			if p >= 8836 && p <= 10715 {
				return emit(rune(0xE000 - 8836 + p))
			}
			if r := lookup(jis0208(), p); r >= 0 {
				return emit(r)
			}
		}
		if b < 0x80 {
			return failBack(1)
		}
		return errStep
	}
	switch {
	case b <= 0x80:
		return emit(rune(b))
	case b >= 0xA1 && b <= 0xDF:
		return emit(rune(0xFF61 - 0xA1 + b))
	case b >= 0x81 && b <= 0x9F || b >= 0xE0 && b <= 0xFC:
		d.lead = b
		return continueStep
	}
	return errStep
}

// ISO-2022-JP decoder states.
const (
	jpASCII = iota
	jpRoman
	jpKatakana
	jpLeadByte
	jpTrailByte
	jpEscapeStart
	jpEscape
)

type iso2022JPDecoder struct {
	state, output int
	lead          int
	outputFlag    bool
}

func (d *iso2022JPDecoder) idle() bool { return d.state <= jpLeadByte }
func (d *iso2022JPDecoder) save() int {
	s := d.state | d.output<<3 | d.lead<<6
	if d.outputFlag {
		s |= 1 << 14
	}
	return s
}
func (d *iso2022JPDecoder) restore(s int) {
	d.state, d.output, d.lead, d.outputFlag = s&7, s>>3&7, s>>6&0xFF, s&(1<<14) != 0
}

func (d *iso2022JPDecoder) handle(b int) step {
	switch d.state {
	case jpASCII, jpRoman, jpKatakana, jpLeadByte:
		if b == 0x1B {
			d.state = jpEscapeStart
			return continueStep
		}
		if b == endOfQueue {
			return finishedStep
		}
		d.outputFlag = false
		switch d.state {
		case jpASCII:
			if b <= 0x7F && b != 0x0E && b != 0x0F {
				return emit(rune(b))
			}
		case jpRoman:
			switch {
			case b == 0x5C:
				return emit(0xA5)
			case b == 0x7E:
				return emit(0x203E)
			case b <= 0x7F && b != 0x0E && b != 0x0F:
				return emit(rune(b))
			}
		case jpKatakana:
			if b >= 0x21 && b <= 0x5F {
				return emit(rune(0xFF61 - 0x21 + b))
			}
		case jpLeadByte:
			if b >= 0x21 && b <= 0x7E {
				d.lead = b
				d.state = jpTrailByte
				return continueStep
			}
		}
		return errStep
	case jpTrailByte:
		switch {
		case b == 0x1B:
			d.state = jpEscapeStart
			return errStep
		case b >= 0x21 && b <= 0x7E:
			d.state = jpLeadByte
			if r := lookup(jis0208(), (d.lead-0x21)*94+b-0x21); r >= 0 {
				return emit(r)
			}
			return errStep
		case b == endOfQueue:
			d.state = jpLeadByte
			return errStep // the end of the queue goes back too: the next call finishes
		}
		d.state = jpLeadByte
		return errStep
	case jpEscapeStart:
		if b == 0x24 || b == 0x28 {
			d.lead = b
			d.state = jpEscape
			return continueStep
		}
		d.outputFlag = false
		d.state = d.output
		return failBack(1)
	default: // jpEscape
		lead := d.lead
		d.lead = 0
		next := -1
		switch {
		case lead == 0x28 && b == 0x42:
			next = jpASCII
		case lead == 0x28 && b == 0x4A:
			next = jpRoman
		case lead == 0x28 && b == 0x49:
			next = jpKatakana
		case lead == 0x24 && (b == 0x40 || b == 0x42):
			next = jpLeadByte
		}
		if next >= 0 {
			d.state, d.output = next, next
			wasOutput := d.outputFlag
			d.outputFlag = true
			if wasOutput {
				return errStep
			}
			return continueStep
		}
		d.outputFlag = false
		d.state = d.output
		return failBack(2) // lead and this byte
	}
}

// encodingNatives are TextDecoder's natives.
func (i *Isolate) encodingNatives(fn func(string, func([]*v8go.Value) *v8go.Value), arg func([]*v8go.Value, int) *v8go.Value) {
	// encodingName(label) → canonical name, or "" when TextDecoder must throw a RangeError.
	fn("encodingName", func(a []*v8go.Value) *v8go.Value {
		return i.str(EncodingName(arg(a, 0).String()))
	})
	// decodeChunk(name, bytes, fatal, flush, state) → null on a fatal error, else a string whose
	// first three code units are the number of trailing bytes held back and the new state (low
	// and high 15 bits), followed by the text. One string keeps the call to a single allocation.
	fn("decodeChunk", func(a []*v8go.Value) *v8go.Value {
		b, err := i.ext.BytesFromJS(i.ctx, arg(a, 1))
		if err != nil {
			return i.throw("TypeError", "The provided value is not of type '(ArrayBuffer or ArrayBufferView)'")
		}
		out, held, state, ok := DecodeChunk(arg(a, 0).String(), b, arg(a, 2).Boolean(), arg(a, 3).Boolean(), int(arg(a, 4).Int32()))
		if !ok {
			return v8go.Null(i.iso)
		}
		var sb strings.Builder
		sb.Grow(len(out) + 9)
		sb.WriteRune(rune(held))
		sb.WriteRune(rune(state & 0x7FFF))
		sb.WriteRune(rune(state >> 15 & 0x7FFF))
		sb.WriteString(out)
		return i.str(sb.String())
	})
}
