package isolate

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"hash/adler32"
	"hash/crc32"
	"io"
	"strconv"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/zstd"
	"rogchap.com/v8go"
)

// node:zlib (isolate/js/modules/node/zlib.js) on Go's compress/flate, compress/gzip and
// compress/zlib, on github.com/andybalholm/brotli (a pure-Go port of the reference brotli
// coder: the standard library has none) and on github.com/klauspost/compress/zstd (likewise for
// zstd).
//
// One-shot calls (zlibSync) code the whole input at once. Compressing streams keep a Go writer
// per stream (zlibStreamNew/Write/End) so output comes out as chunks are written and flush()
// works; decompressing streams gather their input and decode it when they end, since Go's
// decoders cannot resume once they run out of input.

// Modes, numbered as zlib.constants (DEFLATE … BROTLI_ENCODE).
const (
	zmDeflate    = 1
	zmInflate    = 2
	zmGzip       = 3
	zmGunzip     = 4
	zmDeflateRaw = 5
	zmInflateRaw = 6
	zmUnzip      = 7
	zmBrotliDec  = 8
	zmBrotliEnc  = 9
	zmZstdEnc    = 10
	zmZstdDec    = 11
)

// zerr is a coder failure as workerd reports it: the zlib message and its code name / errno.
type zerr struct {
	code  string
	errno int
	msg   string
}

func (e *zerr) Error() string { return e.msg }

var (
	zErrEOF      = &zerr{"Z_BUF_ERROR", -5, "unexpected end of file"}
	zErrHeader   = &zerr{"Z_DATA_ERROR", -3, "incorrect header check"}
	zErrCheck    = &zerr{"Z_DATA_ERROR", -3, "incorrect data check"}
	zErrNeedDict = &zerr{"Z_NEED_DICT", 2, "Missing dictionary"}
	zErrBadDict  = &zerr{"Z_DATA_ERROR", -3, "Bad dictionary"}
	zErrMemory   = &zerr{"ERR_BUFFER_TOO_LARGE", 0, "Memory limit exceeded"}
	zErrBrEOF    = &zerr{"Z_BUF_ERROR", -5, "Unexpected end of file"}
	zErrBrFormat = &zerr{"ERR__ERROR_FORMAT_PADDING_1", -1, "Compression failed"}
)

// zopts are the coder options JS has already validated.
type zopts struct {
	level, strategy int
	dict            []byte
	maxOut          int
	partial         bool // finishFlush is not Z_FINISH: a truncated input yields what it decoded
	quality, lgwin  int
	// end, when set, receives how many input bytes the compressed stream took once its end was
	// reached (streams end there, ignoring what follows, as zlib's do); it is left alone otherwise.
	end *int
}

// flateMessage names a corrupt deflate stream as zlib would for the commonest cases, looking at
// the first block header (Go's error gives only an offset).
func flateMessage(raw []byte) string {
	if len(raw) > 0 {
		switch (raw[0] >> 1) & 3 {
		case 3:
			return "invalid block type"
		case 0:
			if len(raw) >= 5 && (uint16(raw[1])|uint16(raw[2])<<8) != ^(uint16(raw[3])|uint16(raw[4])<<8) {
				return "invalid stored block lengths"
			}
		case 2:
			return "invalid code lengths set"
		}
	}
	return "invalid distance too far back"
}

// readAll decodes r into memory, enforcing the output limit.
func readAll(r io.Reader, max int) ([]byte, error) {
	var out bytes.Buffer
	buf := make([]byte, 32*1024)
	for {
		n, err := r.Read(buf)
		out.Write(buf[:n])
		if out.Len() > max {
			return nil, zErrMemory
		}
		if err == io.EOF {
			return out.Bytes(), nil
		}
		if err != nil {
			return out.Bytes(), err
		}
	}
}

// zmapErr turns a Go decoder error into workerd's, keeping partial output where asked.
func zmapErr(err error, raw []byte, out []byte, o zopts) ([]byte, error) {
	var ze *zerr
	var ce flate.CorruptInputError
	switch {
	case err == nil:
		return out, nil
	case errors.As(err, &ze):
		return nil, ze
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		if o.partial {
			return out, nil
		}
		return nil, zErrEOF
	case errors.Is(err, zlib.ErrHeader) || errors.Is(err, gzip.ErrHeader):
		return nil, zErrHeader
	case errors.Is(err, zlib.ErrChecksum) || errors.Is(err, gzip.ErrChecksum):
		return nil, zErrCheck
	case errors.Is(err, zlib.ErrDictionary):
		if o.dict == nil {
			return nil, zErrNeedDict
		}
		return nil, zErrBadDict
	case errors.As(err, &ce):
		return nil, &zerr{"Z_DATA_ERROR", -3, flateMessage(raw)}
	}
	return nil, &zerr{"Z_DATA_ERROR", -3, err.Error()}
}

func zinflate(data []byte, o zopts) ([]byte, error) {
	if len(data) < 2 {
		if o.partial {
			return nil, nil
		}
		return nil, zErrEOF
	}
	if (uint16(data[0])<<8|uint16(data[1]))%31 != 0 || data[0]&0x0f != 8 || data[0]>>4 > 7 {
		return nil, zErrHeader
	}
	var r io.ReadCloser
	var err error
	if data[1]&0x20 != 0 && o.dict == nil {
		return nil, zErrNeedDict
	}
	br := bytes.NewReader(data)
	r, err = zlib.NewReaderDict(br, o.dict)
	if err != nil {
		return zmapErr(err, data[2:], nil, o)
	}
	out, err := readAll(r, o.maxOut)
	if err == nil && o.end != nil {
		// The reader reads byte by byte (bytes.Reader is a flate.Reader), so what is left is
		// exactly what follows the stream.
		*o.end = len(data) - br.Len()
	}
	off := 2
	if data[1]&0x20 != 0 {
		off = 6
	}
	return zmapErr(err, data[min(off, len(data)):], out, o)
}

func zgunzip(data []byte, o zopts) ([]byte, error) {
	var all []byte
	for first := true; ; first = false {
		if len(data) == 0 {
			if first && !o.partial {
				return nil, zErrEOF
			}
			return all, nil
		}
		if !first && bytes.Count(data, []byte{0}) == len(data) {
			// Zero padding after a member is ignored, as by zlib's gunzip.
			return all, nil
		}
		if len(data) >= 2 && (data[0] != 0x1f || data[1] != 0x8b) || len(data) == 1 && data[0] != 0x1f {
			return nil, zErrHeader
		}
		if len(data) >= 3 && data[2] != 8 {
			return nil, &zerr{"Z_DATA_ERROR", -3, "unknown compression method"}
		}
		br := bytes.NewReader(data)
		r, err := gzip.NewReader(br)
		if err != nil {
			_, err := zmapErr(err, nil, nil, o)
			return all, err
		}
		r.Multistream(false)
		out, err := readAll(r, o.maxOut-len(all))
		all = append(all, out...)
		if err != nil {
			return zmapErr(err, data[10:], all, o)
		}
		data = data[len(data)-br.Len():]
	}
}

func zinflateRaw(data []byte, o zopts) ([]byte, error) {
	br := bytes.NewReader(data)
	r := flate.NewReaderDict(br, o.dict)
	out, err := readAll(r, o.maxOut)
	if err == nil && len(data) > 0 && o.end != nil {
		*o.end = len(data) - br.Len()
	}
	if err == nil && len(data) == 0 {
		err = io.ErrUnexpectedEOF
	}
	return zmapErr(err, data, out, o)
}

func zbrotliDecode(data []byte, o zopts) ([]byte, error) {
	out, err := readAll(brotli.NewReader(bytes.NewReader(data)), o.maxOut)
	if o.end != nil {
		switch {
		case err == nil:
			*o.end = len(data)
		case err.Error() == "brotli: excessive input":
			// The decoder reads ahead; fed one byte at a time it fails on the first byte after
			// the end.
			obr := &oneByteReader{data: data}
			if _, err2 := readAll(brotli.NewReader(obr), o.maxOut); err2 != nil && err2.Error() == "brotli: excessive input" {
				*o.end = obr.n - 1
			}
		}
	}
	switch {
	case err == nil || err.Error() == "brotli: excessive input":
		// Bytes after the end of the brotli stream are ignored, as by workerd.
		return out, nil
	case errors.Is(err, zErrMemory):
		return nil, zErrMemory
	case errors.Is(err, io.ErrUnexpectedEOF):
		if o.partial {
			return out, nil
		}
		return nil, zErrBrEOF
	}
	return nil, zErrBrFormat
}

// zstdFrameLen is the length of the zstd frame data starts with, or -1 when it is cut short or
// malformed (the decoder then reports why). Only the first frame is decoded, as by workerd.
func zstdFrameLen(data []byte) int {
	if len(data) < 5 || data[0] != 0x28 || data[1] != 0xb5 || data[2] != 0x2f || data[3] != 0xfd {
		return -1
	}
	fhd := data[4]
	n := 5
	single := fhd&0x20 != 0
	if !single {
		n++
	}
	n += []int{0, 1, 2, 4}[fhd&3]
	switch fhd >> 6 {
	case 0:
		if single {
			n++
		}
	case 1:
		n += 2
	case 2:
		n += 4
	case 3:
		n += 8
	}
	for {
		if n+3 > len(data) {
			return -1
		}
		h := uint32(data[n]) | uint32(data[n+1])<<8 | uint32(data[n+2])<<16
		n += 3
		size := int(h >> 3)
		switch (h >> 1) & 3 {
		case 1:
			size = 1
		case 3:
			return -1
		}
		n += size
		if n > len(data) {
			return -1
		}
		if h&1 != 0 {
			break
		}
	}
	if fhd&4 != 0 {
		n += 4
	}
	if n > len(data) {
		return -1
	}
	return n
}

func zzstdDecode(data []byte, o zopts) ([]byte, error) {
	if len(data) == 0 {
		return nil, nil
	}
	if len(data) < 4 || data[0] != 0x28 || data[1] != 0xb5 || data[2] != 0x2f || data[3] != 0xfd {
		if len(data) < 4 && bytes.HasPrefix([]byte{0x28, 0xb5, 0x2f, 0xfd}, data) {
			return nil, zErrEOF
		}
		return nil, &zerr{"ERR_ZSTD_DECOMPRESSION_FAILED", -1, "Zstd decompression failed: Unknown frame descriptor"}
	}
	n := zstdFrameLen(data)
	if n < 0 {
		if o.partial {
			return nil, nil
		}
		return nil, zErrEOF
	}
	d, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(uint64(max(o.maxOut, 1))))
	if err != nil {
		return nil, err
	}
	defer d.Close()
	out, err := d.DecodeAll(data[:n], nil)
	if err != nil {
		if errors.Is(err, zstd.ErrDecoderSizeExceeded) || errors.Is(err, zstd.ErrWindowSizeExceeded) {
			return nil, zErrMemory
		}
		return nil, &zerr{"ERR_ZSTD_DECOMPRESSION_FAILED", -1, "Zstd decompression failed: Data corruption detected"}
	}
	if len(out) > o.maxOut {
		return nil, zErrMemory
	}
	return out, nil
}

// oneByteReader hands out its data one byte per Read, so that a read-ahead decoder stops at
// the end of its stream; n counts the bytes handed out.
type oneByteReader struct {
	data []byte
	n    int
}

func (r *oneByteReader) Read(p []byte) (int, error) {
	if r.n >= len(r.data) {
		return 0, io.EOF
	}
	if len(p) == 0 {
		return 0, nil
	}
	p[0] = r.data[r.n]
	r.n++
	return 1, nil
}

// zwriter makes the compressor for a mode writing to w.
func zwriter(mode int, w io.Writer, o zopts) (io.WriteCloser, error) {
	level := o.level
	if o.strategy == 2 { // Z_HUFFMAN_ONLY
		level = flate.HuffmanOnly
	}
	switch mode {
	case zmDeflate:
		return zlib.NewWriterLevelDict(w, level, o.dict)
	case zmGzip:
		return gzip.NewWriterLevel(w, level)
	case zmDeflateRaw:
		return flate.NewWriterDict(w, level, o.dict)
	case zmBrotliEnc:
		return brotli.NewWriterOptions(w, brotli.WriterOptions{Quality: o.quality, LGWin: o.lgwin}), nil
	case zmZstdEnc:
		// Frames as libzstd writes them by default: no checksum, one segment when the size is known.
		return zstd.NewWriter(w, zstd.WithEncoderLevel(zstd.EncoderLevelFromZstd(o.quality)),
			zstd.WithEncoderCRC(false), zstd.WithEncoderConcurrency(1), zstd.WithLowerEncoderMem(true))
	}
	return nil, errors.New("bad mode")
}

// zgzipHeader rewrites Go's gzip header as zlib writes it (OS byte 3, XFL from the level), so
// that output matches Node's byte for byte where the coder allows.
func zgzipHeader(b []byte, level int) {
	if len(b) >= 10 {
		b[8] = 0
		if level == 9 {
			b[8] = 2
		} else if level == 1 {
			b[8] = 4
		}
		b[9] = 3
	}
}

func zcode(mode int, data []byte, o zopts) ([]byte, error) {
	switch mode {
	case zmInflate:
		return zinflate(data, o)
	case zmGunzip:
		return zgunzip(data, o)
	case zmInflateRaw:
		return zinflateRaw(data, o)
	case zmUnzip:
		if len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b {
			return zgunzip(data, o)
		}
		if len(data) == 1 && data[0] == 0x1f {
			return zmapErr(io.ErrUnexpectedEOF, nil, nil, o)
		}
		return zinflate(data, o)
	case zmBrotliDec:
		return zbrotliDecode(data, o)
	case zmZstdDec:
		return zzstdDecode(data, o)
	}
	if mode == zmZstdEnc {
		w, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.EncoderLevelFromZstd(o.quality)),
			zstd.WithEncoderCRC(false), zstd.WithEncoderConcurrency(1), zstd.WithZeroFrames(true))
		if err != nil {
			return nil, err
		}
		out := w.EncodeAll(data, nil)
		if len(out) > o.maxOut {
			return nil, zErrMemory
		}
		return out, nil
	}
	if (o.level == 0 || len(data) == 0) && o.dict == nil && mode != zmBrotliEnc {
		return zwrap(mode, zstored(data, o.level), data, o)
	}
	var buf bytes.Buffer
	w, err := zwriter(mode, &buf, o)
	if err != nil {
		return nil, err
	}
	w.Write(data)
	if err := w.Close(); err != nil {
		return nil, err
	}
	out := buf.Bytes()
	if mode == zmGzip {
		zgzipHeader(out, o.level)
	}
	if len(out) > o.maxOut {
		return nil, zErrMemory
	}
	return out, nil
}

// zstored is the raw deflate body zlib writes at level 0 (stored blocks, the last one final)
// and for empty input at other levels (one empty fixed-Huffman block); Go's coder ends both with
// an extra empty block.
func zstored(data []byte, level int) []byte {
	if len(data) == 0 && level != 0 {
		return []byte{0x03, 0x00}
	}
	var out []byte
	for first := true; first || len(data) > 0; first = false {
		n := min(len(data), 65535)
		final := byte(0)
		if n == len(data) {
			final = 1
		}
		out = append(out, final, byte(n), byte(n>>8), ^byte(n), ^byte(n>>8))
		out = append(out, data[:n]...)
		data = data[n:]
	}
	return out
}

// zwrap frames a raw deflate body as the mode's format (zlib or gzip header and trailer).
func zwrap(mode int, body, data []byte, o zopts) ([]byte, error) {
	var out []byte
	switch mode {
	case zmDeflateRaw:
		out = body
	case zmDeflate:
		flevel := byte(2)
		switch {
		case o.level == 0 || o.level == 1:
			flevel = 0
		case o.level >= 2 && o.level <= 5:
			flevel = 1
		case o.level >= 7:
			flevel = 3
		}
		h := uint16(0x78)<<8 | uint16(flevel)<<6
		h += 31 - h%31
		a := adler32.Checksum(data)
		out = append([]byte{byte(h >> 8), byte(h)}, body...)
		out = append(out, byte(a>>24), byte(a>>16), byte(a>>8), byte(a))
	case zmGzip:
		out = []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3}
		zgzipHeader(out, o.level)
		out = append(out, body...)
		c, n := crc32.ChecksumIEEE(data), uint32(len(data))
		out = append(out, byte(c), byte(c>>8), byte(c>>16), byte(c>>24), byte(n), byte(n>>8), byte(n>>16), byte(n>>24))
	}
	if len(out) > o.maxOut {
		return nil, zErrMemory
	}
	return out, nil
}

// zstream is one compressing stream's state.
type zcstream struct {
	w      io.WriteCloser
	buf    bytes.Buffer
	mode   int
	level  int
	header bool
}

func (i *Isolate) nodeZlibNatives(register func(string, func([]*v8go.Value) *v8go.Value), arg func([]*v8go.Value, int) *v8go.Value) {
	// A panic in a V8 callback would be fatal: it becomes an Error instead.
	fn := func(name string, f func([]*v8go.Value) *v8go.Value) {
		register(name, func(a []*v8go.Value) (v *v8go.Value) {
			defer func() {
				if r := recover(); r != nil {
					v = i.str("Z_DATA_ERROR\x00-3\x00internal error")
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
		b, _ := i.ext.BytesFromJS(i.ctx, v)
		return b
	}
	out := func(b []byte, err error) *v8go.Value {
		if err != nil {
			var ze *zerr
			if !errors.As(err, &ze) {
				ze = &zerr{"Z_STREAM_ERROR", -2, err.Error()}
			}
			return i.str(ze.code + "\x00" + strconv.Itoa(ze.errno) + "\x00" + ze.msg)
		}
		if b == nil {
			b = []byte{}
		}
		v, err := i.ext.BytesToJS(i.ctx, b)
		if err != nil {
			return i.str("ERR_BUFFER_TOO_LARGE\x000\x00Memory limit exceeded")
		}
		return i.keep(v)
	}
	opts := func(a []*v8go.Value, n int) zopts {
		o := zopts{
			level: int(arg(a, n).Int32()), strategy: int(arg(a, n+1).Int32()), dict: in(a, n+2),
			maxOut: int(arg(a, n+3).Number()), partial: arg(a, n+4).Boolean(),
			quality: int(arg(a, n+5).Int32()), lgwin: int(arg(a, n+6).Int32()),
		}
		if o.maxOut <= 0 {
			o.maxOut = 1 << 31
		}
		return o
	}
	// zlibSync(mode, data, level, strategy, dictionary, maxOutputLength, partial, quality, lgwin)
	// → bytes, or "code\0errno\0message".
	// lastEnd is where the last zlibSync decode found its stream's end (-1: not reached, or
	// not tracked for that format); zlibLastEnd reads it.
	lastEnd := -1
	fn("zlibSync", func(a []*v8go.Value) *v8go.Value {
		o := opts(a, 2)
		lastEnd = -1
		o.end = &lastEnd
		return out(zcode(int(arg(a, 0).Int32()), in(a, 1), o))
	})
	fn("zlibLastEnd", func(a []*v8go.Value) *v8go.Value {
		return i.num(int64(lastEnd))
	})
	fn("zlibCrc32", func(a []*v8go.Value) *v8go.Value {
		v, _ := v8go.NewValue(i.iso, crc32.Update(arg(a, 1).Uint32(), crc32.IEEETable, in(a, 0)))
		return i.keep(v)
	})
	// The isolate's compressing streams live in this closure (touched only on the isolate's
	// loop), so they go when the isolate's natives do; an abandoned stream holds only memory.
	live := map[int32]*zcstream{}
	streams := func() map[int32]*zcstream { return live }
	var next int32
	// zlibStreamNew(mode, level, strategy, dictionary, _, _, quality, lgwin) → id
	fn("zlibStreamNew", func(a []*v8go.Value) *v8go.Value {
		s := &zcstream{mode: int(arg(a, 0).Int32())}
		o := opts(a, 1)
		s.level = o.level
		w, err := zwriter(s.mode, &s.buf, o)
		if err != nil {
			return out(nil, err)
		}
		s.w = w
		next++
		streams()[next] = s
		return i.num(int64(next))
	})
	// zlibStreamWrite(id, data, flush): flush 0 none, 1 sync flush, 2 finish (frees the stream).
	fn("zlibStreamWrite", func(a []*v8go.Value) *v8go.Value {
		m := streams()
		id := arg(a, 0).Int32()
		s := m[id]
		if s == nil {
			return out(nil, &zerr{"ERR_ZLIB_BINDING_CLOSED", 0, "zlib binding closed"})
		}
		var err error
		if d := in(a, 1); len(d) > 0 {
			_, err = s.w.Write(d)
		}
		switch arg(a, 2).Int32() {
		case 1:
			if f, ok := s.w.(interface{ Flush() error }); ok && err == nil {
				err = f.Flush()
			}
		case 2:
			if err == nil {
				err = s.w.Close()
			}
			delete(m, id)
		}
		b := bytes.Clone(s.buf.Bytes())
		s.buf.Reset()
		if s.mode == zmGzip && !s.header && len(b) >= 10 {
			zgzipHeader(b, s.level)
			s.header = true
		}
		return out(b, err)
	})
	fn("zlibStreamFree", func(a []*v8go.Value) *v8go.Value {
		delete(streams(), arg(a, 0).Int32())
		return nil
	})
}
