package isolate

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"io"
	"strings"
	"testing"
)

// Round trips through the one-shot coders, and their output read back by Go's own decoders.
func TestNodeZlibRoundTrip(t *testing.T) {
	inputs := [][]byte{nil, []byte("a"), []byte(strings.Repeat("hello zlib ", 10000)), bytes.Repeat([]byte{0, 1, 2, 255}, 40000)}
	def := zopts{level: -1, maxOut: 1 << 31, quality: 11, lgwin: 22}
	// quality doubles as the zstd level (clamped by the encoder's level mapping).
	pairs := [][2]int{{zmDeflate, zmInflate}, {zmGzip, zmGunzip}, {zmDeflateRaw, zmInflateRaw}, {zmDeflate, zmUnzip}, {zmGzip, zmUnzip}, {zmBrotliEnc, zmBrotliDec}, {zmZstdEnc, zmZstdDec}}
	for _, level := range []int{-1, 0, 1, 9} {
		for _, in := range inputs {
			for _, p := range pairs {
				o := def
				o.level = level
				c, err := zcode(p[0], in, o)
				if err != nil {
					t.Fatalf("mode %d level %d: %v", p[0], level, err)
				}
				d, err := zcode(p[1], c, o)
				if err != nil || !bytes.Equal(d, in) {
					t.Fatalf("mode %d level %d len %d: %v (got %d bytes)", p[1], level, len(in), err, len(d))
				}
				var r io.Reader
				switch p[0] {
				case zmDeflate:
					r, err = zlib.NewReader(bytes.NewReader(c))
				case zmGzip:
					r, err = gzip.NewReader(bytes.NewReader(c))
				case zmDeflateRaw:
					r = flate.NewReader(bytes.NewReader(c))
				default:
					continue
				}
				if err != nil {
					t.Fatal(err)
				}
				if got, err := io.ReadAll(r); err != nil || !bytes.Equal(got, in) {
					t.Fatalf("Go reads mode %d level %d: %v", p[0], level, err)
				}
			}
		}
	}
	// zlib's framing of empty input and of stored blocks, byte for byte.
	for _, c := range []struct {
		mode, level int
		in, want    string
	}{
		{zmDeflate, -1, "", "\x78\x9c\x03\x00\x00\x00\x00\x01"},
		{zmDeflateRaw, -1, "", "\x03\x00"},
		{zmDeflateRaw, 0, "ab", "\x01\x02\x00\xfd\xffab"},
	} {
		o := def
		o.level = c.level
		if got, _ := zcode(c.mode, []byte(c.in), o); string(got) != c.want {
			t.Errorf("mode %d %q: % x", c.mode, c.in, got)
		}
	}
	// Corrupt and truncated input gives zlib's messages; the output limit holds.
	full, _ := zcode(zmDeflate, []byte("hello hello"), def)
	for _, c := range []struct {
		mode int
		in   []byte
		msg  string
	}{
		{zmInflate, []byte("garbage"), "incorrect header check"},
		{zmInflate, full[:len(full)-3], "unexpected end of file"},
		{zmInflateRaw, []byte{0xff, 0xff}, "invalid block type"},
		{zmGunzip, nil, "unexpected end of file"},
		{zmBrotliDec, []byte("garbage"), "Compression failed"},
		{zmZstdDec, []byte("garbage"), "Zstd decompression failed: Unknown frame descriptor"},
	} {
		if _, err := zcode(c.mode, c.in, def); err == nil || err.Error() != c.msg {
			t.Errorf("mode %d %q: %v, want %s", c.mode, c.in, err, c.msg)
		}
	}
	o := def
	o.maxOut = 3
	if _, err := zcode(zmInflate, full, o); err != zErrMemory {
		t.Errorf("maxOut: %v", err)
	}
}
