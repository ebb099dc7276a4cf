package isolate

import (
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/transform"
	"rogchap.com/v8go"
)

// htmlNatives serve HTMLRewriter (js/htmlrewriter.js) documents in legacy encodings. lol-html
// accepts every ASCII-compatible WHATWG encoding; the JS side handles UTF-8 and windows-1252
// itself and comes here for the others (Shift_JIS, GBK, ISO-8859-x, KOI8, ...).
func (i *Isolate) htmlNatives(fn func(string, func([]*v8go.Value) *v8go.Value), arg func([]*v8go.Value, int) *v8go.Value) {
	// htmlCharset(label) → the encoding's WHATWG name, "" for an unknown label (or the
	// replacement encoding), "!" for an encoding that is not ASCII-compatible.
	fn("htmlCharset", func(a []*v8go.Value) *v8go.Value {
		e, err := htmlindex.Get(strings.TrimSpace(arg(a, 0).String()))
		if err != nil || e == encoding.Replacement {
			return i.str("")
		}
		name, err := htmlindex.Name(e)
		if err != nil {
			return i.str("")
		}
		switch name {
		case "utf-16be", "utf-16le", "iso-2022-jp":
			return i.str("!")
		}
		return i.str(name)
	})
	// htmlDecode(name, bytes, final) → "<bytes consumed>:<text>". Unless final, a trailing
	// incomplete sequence is left unconsumed for the caller to prepend to the next piece.
	fn("htmlDecode", func(a []*v8go.Value) *v8go.Value {
		e, err := htmlindex.Get(arg(a, 0).String())
		if err != nil {
			return i.throw("TypeError", "unknown encoding")
		}
		src, err := i.ext.BytesFromJS(i.ctx, arg(a, 1))
		if err != nil {
			return i.throw("TypeError", "The provided value is not of type '(ArrayBuffer or ArrayBufferView)'.")
		}
		if t := singleByte(e); t != nil {
			var b strings.Builder
			for _, c := range src {
				b.WriteRune(t.dec[c])
			}
			return i.str(strconv.Itoa(len(src)) + ":" + b.String())
		}
		final := arg(a, 2).Boolean()
		dec := e.NewDecoder()
		// Legacy encodings grow at most 4x into UTF-8 (a 1-byte code to a 3-byte character, or
		// GB18030's 4-byte sequences); the loop covers anything else.
		dst := make([]byte, 4*len(src)+16)
		var out []byte
		consumed := 0
		for {
			nDst, nSrc, err := dec.Transform(dst, src[consumed:], final)
			out = append(out, dst[:nDst]...)
			consumed += nSrc
			if err == transform.ErrShortDst {
				continue
			}
			break
		}
		return i.str(strconv.Itoa(consumed) + ":" + string(out))
	})
	// htmlEncode(name, text) → bytes; characters the encoding lacks become numeric character
	// references, as lol-html writes them.
	fn("htmlEncode", func(a []*v8go.Value) *v8go.Value {
		e, err := htmlindex.Get(arg(a, 0).String())
		if err != nil {
			return i.throw("TypeError", "unknown encoding")
		}
		text := arg(a, 1).String()
		var b []byte
		if t := singleByte(e); t != nil {
			for _, r := range text {
				if c, ok := t.enc[r]; ok {
					b = append(b, c)
				} else {
					b = append(b, "&#"+strconv.Itoa(int(r))+";"...)
				}
			}
		} else {
			enc := e.NewEncoder()
			for _, r := range text {
				one, err := enc.Bytes([]byte(string(r)))
				// WHATWG's encoders leave out Big5's HKSCS codes (lead byte below 0xA1) and
				// EUC-JP's JIS X 0212 ones (0x8F prefix); those characters become references too.
				if err != nil || (r >= 0x80 && len(one) > 0 && ((e == traditionalchinese.Big5 && one[0] < 0xa1) || (e == japanese.EUCJP && one[0] == 0x8f))) {
					one = []byte("&#" + strconv.Itoa(int(r)) + ";")
				}
				b = append(b, one...)
			}
		}
		v, err := i.ext.BytesToJS(i.ctx, b)
		if err != nil {
			return i.throw("RangeError", err.Error())
		}
		return i.keep(v)
	})
}

// byteTable maps a single-byte encoding both ways, as the WHATWG indexes do: bytes that
// x/text leaves undefined in 0x80-0x9F stand for the C1 controls U+0080-U+009F.
type byteTable struct {
	dec [256]rune
	enc map[rune]byte
}

var byteTables sync.Map // encoding.Encoding → *byteTable

func singleByte(e encoding.Encoding) *byteTable {
	cm, ok := e.(*charmap.Charmap)
	if !ok {
		return nil
	}
	if t, ok := byteTables.Load(e); ok {
		return t.(*byteTable)
	}
	t := &byteTable{enc: map[rune]byte{}}
	for c := 0; c < 256; c++ {
		r := cm.DecodeByte(byte(c))
		if r == utf8.RuneError && c >= 0x80 && c < 0xa0 {
			r = rune(c)
		}
		t.dec[c] = r
		if _, dup := t.enc[r]; !dup && r != utf8.RuneError {
			t.enc[r] = byte(c)
		}
	}
	byteTables.Store(e, t)
	return t
}
