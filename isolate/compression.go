package isolate

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"io"
	"sync"
	"time"

	"rogchap.com/v8go"
)

// CompressionStream and DecompressionStream (isolate/js/compression.js) on Go's compress/gzip,
// compress/zlib and compress/flate.
//
// Compression is synchronous: each chunk is written to the stream's Go writer and whatever the
// writer emitted is handed back (nothing is flushed per chunk, as with zlib in workerd: the
// header comes out with the first chunk, the rest once the compressor's window fills or at the
// end).
//
// Go's decompressors cannot resume after running out of input, so each DecompressionStream
// runs its decompressor in a goroutine of its own that reads from a feed: a chunk from JS goes
// to the goroutine, which decodes until the feed is empty (or it has produced zMaxOut bytes),
// then posts the output back to the loop, which settles the chunk's promise. The feed reads byte
// by byte (it is a flate.Reader), so the decompressor never consumes past the end of its data
// and trailing bytes are detected exactly.

const zMaxOut = 1 << 20 // decompressed bytes handed to JS per promise

// zWatchEvery is how often an isolate with live decompression streams is checked for disposal.
var zWatchEvery = 5 * time.Second

const errZFormat = "The compression format must be either 'deflate', 'deflate-raw' or 'gzip'."

// zstreams are the live streams of each isolate; only the isolate's loop touches the inner map.
var zstreams sync.Map // *Isolate → *zset

type zset struct {
	next     int32
	streams  map[int32]*zstream
	watching bool
}

type zstream struct {
	// compression
	w   io.WriteCloser
	out bytes.Buffer
	// decompression
	req     chan zreq
	stop    chan struct{} // closed when the stream is abandoned or finished
	stopped bool
	pending *resolver
	more    bool // the goroutine stopped at zMaxOut and has more output
	id      int32
}

// zreq is one request to a decompressor goroutine: input, the end of input, or "go on".
type zreq struct {
	data []byte
	eof  bool
	cont bool
}

func (i *Isolate) zset() *zset {
	if v, ok := zstreams.Load(i); ok {
		return v.(*zset)
	}
	s := &zset{streams: map[int32]*zstream{}}
	zstreams.Store(i, s)
	return s
}

func (i *Isolate) zget(id int32) *zstream {
	if v, ok := zstreams.Load(i); ok {
		return v.(*zset).streams[id]
	}
	return nil
}

// zclose ends a stream: its goroutine (if any) exits, its writer is dropped.
func (i *Isolate) zclose(id int32) {
	v, ok := zstreams.Load(i)
	if !ok {
		return
	}
	s := v.(*zset)
	if z := s.streams[id]; z != nil {
		z.close()
		delete(s.streams, id)
	}
	if len(s.streams) == 0 {
		zstreams.Delete(i)
	}
}

func (z *zstream) close() {
	if z.stop != nil && !z.stopped {
		z.stopped = true
		close(z.stop)
	}
}

// zwatch makes sure a disposed (or condemned) isolate's decompressor goroutines end: while an
// isolate has streams, a watcher checks it every few seconds on its loop.
func (i *Isolate) zwatch(s *zset) {
	if s.watching {
		return
	}
	s.watching = true
	every := zWatchEvery
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for range t.C {
			done := make(chan bool, 1)
			posted := i.Loop.Post(func() {
				if i.disposed || i.broken != nil {
					for id := range s.streams {
						i.zclose(id)
					}
				}
				if v, ok := zstreams.Load(i); !ok || v.(*zset) != s {
					s.watching = false
					done <- true
					return
				}
				done <- false
			})
			if !posted {
				// The loop stopped: nothing runs on it any more, so the streams are ours.
				for _, z := range s.streams {
					z.close()
				}
				zstreams.Delete(i)
				return
			}
			if <-done {
				return
			}
		}
	}()
}

// zFormat checks a format name.
func zFormat(f string) bool { return f == "gzip" || f == "deflate" || f == "deflate-raw" }

func (i *Isolate) compressionNatives(fn func(string, func([]*v8go.Value) *v8go.Value), arg func([]*v8go.Value, int) *v8go.Value) {
	// zCreate(format, decompress) → stream id; throws TypeError for an unknown format.
	fn("zCreate", func(a []*v8go.Value) *v8go.Value {
		format := arg(a, 0).String()
		if !zFormat(format) {
			return i.throw("TypeError", errZFormat)
		}
		s := i.zset()
		s.next++
		z := &zstream{id: s.next}
		if arg(a, 1).Boolean() {
			z.req = make(chan zreq, 1)
			z.stop = make(chan struct{})
			go z.run(i, format)
		} else {
			switch format {
			case "gzip":
				gw := gzip.NewWriter(&z.out)
				gw.OS = 3 // Unix, as zlib writes it
				z.w = gw
			case "deflate":
				z.w = zlib.NewWriter(&z.out)
			default:
				z.w, _ = flate.NewWriter(&z.out, flate.DefaultCompression)
			}
		}
		s.streams[z.id] = z
		if z.req != nil {
			i.zwatch(s)
		}
		return i.num(int64(z.id))
	})
	// zCompress(id, bytes) → the compressed bytes the chunk produced (null when none).
	fn("zCompress", func(a []*v8go.Value) *v8go.Value {
		z := i.zget(arg(a, 0).Int32())
		if z == nil || z.w == nil {
			return i.throw("TypeError", "The compression stream is closed.")
		}
		b, err := i.ext.BytesFromJS(i.ctx, arg(a, 1))
		if err != nil {
			return i.throw("TypeError", "The provided value is not of type '(ArrayBuffer or ArrayBufferView)'.")
		}
		if _, err := z.w.Write(b); err != nil {
			return i.throw("TypeError", "Compression failed.")
		}
		return i.zbytes(&z.out)
	})
	// zFinish(id) → the rest of the compressed data; the stream ends.
	fn("zFinish", func(a []*v8go.Value) *v8go.Value {
		id := arg(a, 0).Int32()
		z := i.zget(id)
		if z == nil || z.w == nil {
			return i.throw("TypeError", "The compression stream is closed.")
		}
		err := z.w.Close()
		i.zclose(id)
		if err != nil {
			return i.throw("TypeError", "Compression failed.")
		}
		return i.zbytes(&z.out)
	})
	// zDecompress(id, bytes | null | undefined) → promise of the decompressed bytes (null when
	// none). null ends the input; undefined asks for the output held back (see zMore).
	fn("zDecompress", func(a []*v8go.Value) *v8go.Value {
		res := i.newResolver()
		p := res.promise()
		z := i.zget(arg(a, 0).Int32())
		if z == nil || z.req == nil || z.stopped {
			res.Reject(i.errorValue("TypeError", "The decompression stream is closed."))
			return p
		}
		if z.pending != nil {
			res.Reject(i.errorValue("TypeError", "A decompression is already in progress."))
			return p
		}
		var r zreq
		switch v := arg(a, 1); {
		case v.IsNull():
			r.eof = true
		case v.IsUndefined():
			r.cont = true
		default:
			b, err := i.ext.BytesFromJS(i.ctx, v)
			if err != nil {
				res.Reject(i.errorValue("TypeError", "The provided value is not of type '(ArrayBuffer or ArrayBufferView)'."))
				return p
			}
			r.data = bytes.Clone(b)
		}
		z.pending = res
		z.more = false
		z.req <- r // capacity 1, and the goroutine is idle: never blocks
		return p
	})
	// zMore(id) → whether the last zDecompress stopped with more output to come.
	fn("zMore", func(a []*v8go.Value) *v8go.Value {
		z := i.zget(arg(a, 0).Int32())
		v, _ := v8go.NewValue(i.iso, z != nil && z.more)
		return i.keep(v)
	})
	// zClose(id): the stream was canceled, aborted or collected.
	fn("zClose", func(a []*v8go.Value) *v8go.Value {
		i.zclose(arg(a, 0).Int32())
		return nil
	})
}

func (i *Isolate) zbytes(buf *bytes.Buffer) *v8go.Value {
	if buf.Len() == 0 {
		return v8go.Null(i.iso)
	}
	v, err := i.ext.BytesToJS(i.ctx, buf.Bytes())
	buf.Reset()
	if err != nil {
		return i.throw("RangeError", err.Error())
	}
	return i.keep(v)
}

// zresult is what a decompressor goroutine reports for one request.
type zresult struct {
	out  []byte
	more bool
	end  bool   // the input ended and was consumed cleanly
	err  string // a TypeError message
}

// settle runs on the loop with a goroutine's result.
func (z *zstream) settle(i *Isolate, r zresult) {
	res := z.pending
	z.pending = nil
	if res == nil || z.stopped {
		return
	}
	z.more = r.more
	if r.err != "" || r.end {
		i.zclose(z.id)
	}
	i.resume(func() {
		if r.err != "" {
			res.Reject(i.errorValue("TypeError", r.err))
			return
		}
		if len(r.out) == 0 {
			res.Resolve(v8go.Null(i.iso))
			return
		}
		v, err := i.ext.BytesToJS(i.ctx, r.out)
		if err != nil {
			res.Reject(i.errorValue("RangeError", err.Error()))
			return
		}
		res.Resolve(i.keep(v))
	})
}

// errZStop unwinds a decompressor goroutine whose stream was abandoned.
var errZStop = errors.New("stream closed")

// zfeed is the decompressor's input: the chunks JS wrote, read byte-exactly.
type zfeed struct {
	z   *zstream
	i   *Isolate
	cur []byte
	eof bool
	out []byte // output decoded since the last report
	owe bool   // a request awaits its report
}

// report posts output to the loop; false when the loop is gone.
func (f *zfeed) report(r zresult) bool {
	z, i := f.z, f.i
	f.owe = false
	return i.Loop.Post(func() { z.settle(i, r) })
}

// wait takes the next request.
func (f *zfeed) wait() (zreq, bool) {
	select {
	case r := <-f.z.req:
		f.owe = true
		return r, true
	case <-f.z.stop:
		return zreq{}, false
	}
}

// fill blocks until there is input (or its end): it reports the output so far, as the chunk
// before was used up.
func (f *zfeed) fill() error {
	for len(f.cur) == 0 {
		if f.eof {
			return io.EOF
		}
		if f.owe {
			if !f.report(zresult{out: f.out}) {
				return errZStop
			}
			f.out = nil
		}
		r, ok := f.wait()
		if !ok {
			return errZStop
		}
		switch {
		case r.eof:
			f.eof = true
		case r.cont:
			// Output was held back only when input remained; nothing to do here.
		default:
			f.cur = r.data
		}
	}
	return nil
}

func (f *zfeed) Read(p []byte) (int, error) {
	if err := f.fill(); err != nil {
		return 0, err
	}
	n := copy(p, f.cur)
	f.cur = f.cur[n:]
	return n, nil
}

func (f *zfeed) ReadByte() (byte, error) {
	if err := f.fill(); err != nil {
		return 0, err
	}
	b := f.cur[0]
	f.cur = f.cur[1:]
	return b, nil
}

// run is a decompressor goroutine.
func (z *zstream) run(i *Isolate, format string) {
	f := &zfeed{z: z, i: i}
	fail := func(err error) {
		if errors.Is(err, errZStop) {
			return
		}
		msg := "Decompression failed."
		if errors.Is(err, io.ErrUnexpectedEOF) || err == io.EOF {
			msg = "Called close() on a decompression stream with incomplete data"
		}
		f.report(zresult{err: msg})
	}
	// The first request comes before the decoder reads a byte (gzip reads its header at once).
	var dec io.Reader
	switch format {
	case "gzip":
		g, err := gzip.NewReader(f)
		if err != nil {
			fail(err)
			return
		}
		g.Multistream(false)
		dec = g
	case "deflate":
		r, err := zlib.NewReader(f)
		if err != nil {
			fail(err)
			return
		}
		dec = r
	default:
		dec = flate.NewReader(f)
	}
	buf := make([]byte, 64<<10)
	for {
		n, err := dec.Read(buf)
		f.out = append(f.out, buf[:n]...)
		if err == io.EOF {
			break
		}
		if err != nil {
			fail(err)
			return
		}
		if len(f.out) >= zMaxOut {
			if !f.report(zresult{out: f.out, more: true}) {
				return
			}
			f.out = nil
			r, ok := f.wait()
			if !ok {
				return
			}
			if !r.cont { // JS always asks for the rest first
				f.report(zresult{err: "Decompression failed."})
				return
			}
		}
	}
	// The compressed data ended: anything but empty chunks and the end of input is trailing.
	for {
		if len(f.cur) > 0 {
			f.report(zresult{err: "Trailing bytes after end of compressed data"})
			return
		}
		if f.eof {
			f.report(zresult{out: f.out, end: true})
			return
		}
		if err := f.fill(); err != nil && err != io.EOF {
			return
		}
	}
}
