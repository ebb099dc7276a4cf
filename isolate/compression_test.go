package isolate

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"encoding/base64"
	"fmt"
	"io"
	"math/rand"
	"runtime"
	"strings"
	"testing"
	"time"
)

// zHelpers are JS helpers for the compression tests.
const zHelpers = `
const collect = async (rs) => new Uint8Array(await new Response(rs).arrayBuffer());
const pump = async (ts, chunks) => {
  const w = ts.writable.getWriter();
  const out = collect(ts.readable);
  const wp = (async () => { for (const c of chunks) await w.write(c); await w.close(); })();
  wp.catch(() => {});
  return out;
};
const data = (n, seed = 1) => { const b = new Uint8Array(n); let x = seed; for (let k = 0; k < n; k++) { x = (Math.imul(x, 1103515245) + 12345) >>> 0; b[k] = (x >>> 24) % 7 + 97; } return b; };
const split = (b, size) => { const out = []; for (let o = 0; o < b.length; o += size) out.push(b.subarray(o, o + size)); return out; };
const eq = (a, b) => a.length === b.length && a.every((v, k) => v === b[k]);
const b64 = (b) => { let s = ""; for (let o = 0; o < b.length; o += 8192) s += String.fromCharCode(...b.subarray(o, o + 8192)); return btoa(s); };
const unb64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
const err = async (p) => { try { await p; return "ok"; } catch (e) { return e.name + ": " + e.message; } };
`

func TestCompressionRoundTrips(t *testing.T) {
	cases := map[string]string{}
	for _, f := range []string{"gzip", "deflate", "deflate-raw"} {
		for _, n := range []int{0, 1, 64 << 10, 5 << 20} {
			src := zHelpers + fmt.Sprintf(`
const input = data(%d);
const z = await pump(new CompressionStream(%q), split(input, 100000));
const back = await pump(new DecompressionStream(%q), split(z, 7777));
const back1 = await pump(new DecompressionStream(%q), [z]);
return [eq(back, input), eq(back1, input), z.length > 0];`, n, f, f, f)
			cases[src] = "[true,true,true]"
		}
	}
	check(t, cases)
}

// Output of the JS compressor decodes with Go's readers; Go's output decodes in JS.
func TestCompressionInterop(t *testing.T) {
	iso, _ := newTestIsolate(t)
	input := make([]byte, 300000)
	rnd := rand.New(rand.NewSource(1))
	for k := range input {
		input[k] = "abcdefgh"[rnd.Intn(8)]
	}
	readers := map[string]func(io.Reader) (io.Reader, error){
		"gzip":        func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) },
		"deflate":     func(r io.Reader) (io.Reader, error) { return zlib.NewReader(r) },
		"deflate-raw": func(r io.Reader) (io.Reader, error) { return flate.NewReader(r), nil },
	}
	for f, newReader := range readers {
		// JS → Go
		out := iso.eval(t, zHelpers+fmt.Sprintf(`return b64(await pump(new CompressionStream(%q), split(unb64(%q), 4096)));`,
			f, base64.StdEncoding.EncodeToString(input)))
		z, err := base64.StdEncoding.DecodeString(strings.Trim(out, `"`))
		if err != nil {
			t.Fatalf("%s: %s", f, out)
		}
		r, err := newReader(bytes.NewReader(z))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		got, err := io.ReadAll(r)
		if err != nil || !bytes.Equal(got, input) {
			t.Errorf("%s: Go could not decode JS output: %v (%d bytes)", f, err, len(got))
		}
		// Go → JS
		var buf bytes.Buffer
		var w io.WriteCloser
		switch f {
		case "gzip":
			w = gzip.NewWriter(&buf)
		case "deflate":
			w = zlib.NewWriter(&buf)
		default:
			w, _ = flate.NewWriter(&buf, flate.BestSpeed)
		}
		w.Write(input)
		w.Close()
		want := fmt.Sprint(len(input))
		got2 := iso.eval(t, zHelpers+fmt.Sprintf(`const b = await pump(new DecompressionStream(%q), split(unb64(%q), 1000)); return String(b.length) + ":" + b64(b.subarray(0, 8));`,
			f, base64.StdEncoding.EncodeToString(buf.Bytes())))
		if wantS := `"` + want + ":" + base64.StdEncoding.EncodeToString(input[:8]) + `"`; got2 != wantS {
			t.Errorf("%s: JS decode of Go output: got %s want %s", f, got2, wantS)
		}
	}
}

func TestCompressionVectors(t *testing.T) {
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write([]byte("hello, nanod"))
	w.Close()
	g := base64.StdEncoding.EncodeToString(gz.Bytes())
	check(t, map[string]string{
		// The same header as workerd (zlib at level 6, OS = Unix); Go's deflate blocks differ from zlib's.
		zHelpers + `return Array.from((await pump(new CompressionStream("gzip"), [])).subarray(0, 10));`:                                "[31,139,8,0,0,0,0,0,0,3]",
		zHelpers + `return Array.from((await pump(new CompressionStream("deflate"), [])).subarray(0, 2));`:                              "[120,156]",
		zHelpers + `const z = await pump(new CompressionStream("gzip"), [new Uint8Array([97])]); return Array.from(z.subarray(-8));`:    "[67,190,183,232,1,0,0,0]",
		zHelpers + `const z = await pump(new CompressionStream("deflate"), [new Uint8Array([97])]); return Array.from(z.subarray(-4));`: "[0,98,0,98]",
		zHelpers + `const b = []; for (const f of ["gzip", "deflate", "deflate-raw"]) for (const c of [new DataView(new ArrayBuffer(2)), new SharedArrayBuffer(1), new Uint16Array([1, 2]), new ArrayBuffer(3)]) b.push((await pump(new DecompressionStream(f), [await pump(new CompressionStream(f), [c])])).length); return b;`: "[2,1,4,3,2,1,4,3,2,1,4,3]",
		zHelpers + `return new TextDecoder().decode(await pump(new DecompressionStream("gzip"), [unb64("` + g + `")]));`:         `"hello, nanod"`,
		zHelpers + `return new TextDecoder().decode(await pump(new DecompressionStream("gzip"), split(unb64("` + g + `"), 1)));`: `"hello, nanod"`,
		// Output comes as the compressor produces it: the header with the first chunk, not a flush per chunk.
		zHelpers + `const cs = new CompressionStream("gzip"); const w = cs.writable.getWriter(); const r = cs.readable.getReader();
const sizes = []; const p = (async () => { for (;;) { const { value, done } = await r.read(); if (done) break; sizes.push(value.byteLength); } })();
for (let k = 0; k < 5; k++) await w.write(new Uint8Array(100000).fill(k)); await w.close(); await p; return [sizes.length, sizes[0]];`: "[2,10]",
		`return [Object.prototype.toString.call(new CompressionStream("gzip")), Object.prototype.toString.call(new DecompressionStream("deflate")), typeof CompressionStream, "CompressionStream" in globalThis]`: `["[object CompressionStream]","[object DecompressionStream]","function",true]`,
	})
}

func TestCompressionErrors(t *testing.T) {
	const fmtErr = `"TypeError: The compression format must be either 'deflate', 'deflate-raw' or 'gzip'."`
	zcheck(t, map[string]string{
		zHelpers + `return err((async () => new CompressionStream("foo"))());`:      fmtErr,
		zHelpers + `return err((async () => new DecompressionStream("foo"))());`:    fmtErr,
		zHelpers + `return err((async () => new CompressionStream("brotli"))());`:   fmtErr,
		zHelpers + `return err((async () => new DecompressionStream("brotli"))());`: fmtErr,
		zHelpers + `return err((async () => new CompressionStream("GZIP"))());`:     fmtErr,
		zHelpers + `return err((async () => new CompressionStream())());`:           `"TypeError: Failed to construct 'CompressionStream': constructor parameter 1 is not of type 'string'."`,
		// Corrupt input errors the readable with a TypeError.
		zHelpers + `return err(pump(new DecompressionStream("gzip"), [new Uint8Array([1,2,3,4,5,6,7,8,9,10])]));`:       `"TypeError: Decompression failed."`,
		zHelpers + `return err(pump(new DecompressionStream("deflate"), [new Uint8Array([1,2,3,4,5,6,7,8,9,10])]));`:    `"TypeError: Decompression failed."`,
		zHelpers + `return err(pump(new DecompressionStream("deflate-raw"), [new Uint8Array([255,255,255,4,5,6,7])]));`: `"TypeError: Decompression failed."`,
		// A corrupted CRC.
		zHelpers + `const z = await pump(new CompressionStream("gzip"), [data(1000)]); z[z.length - 6] ^= 1; return err(pump(new DecompressionStream("gzip"), [z]));`: `"TypeError: Decompression failed."`,
		// Truncated and empty input.
		zHelpers + `const z = await pump(new CompressionStream("gzip"), [data(1000)]); return err(pump(new DecompressionStream("gzip"), [z.subarray(0, z.length - 3)]));`: `"TypeError: Called close() on a decompression stream with incomplete data"`,
		zHelpers + `return err(pump(new DecompressionStream("deflate"), []));`:                                                                                            `"TypeError: Called close() on a decompression stream with incomplete data"`,
		// Trailing data, including a second gzip member (strict_compression_checks).
		zHelpers + `const z = await pump(new CompressionStream("gzip"), [data(10)]); return err(pump(new DecompressionStream("gzip"), [z, new Uint8Array([1])]));`:                                  `"TypeError: Trailing bytes after end of compressed data"`,
		zHelpers + `const z = await pump(new CompressionStream("gzip"), [data(10)]); return err(pump(new DecompressionStream("gzip"), [new Uint8Array([...z, ...z])]));`:                            `"TypeError: Trailing bytes after end of compressed data"`,
		zHelpers + `const z = await pump(new CompressionStream("deflate"), [data(10)]); return err(pump(new DecompressionStream("deflate"), [new Uint8Array([...z, 0])]));`:                         `"TypeError: Trailing bytes after end of compressed data"`,
		zHelpers + `const z = await pump(new CompressionStream("deflate-raw"), [data(10)]); return err(pump(new DecompressionStream("deflate-raw"), [z, new Uint8Array(0), new Uint8Array([7])]));`: `"TypeError: Trailing bytes after end of compressed data"`,
		// Empty chunks after the end are fine.
		zHelpers + `const z = await pump(new CompressionStream("deflate-raw"), [data(10)]); return eq(await pump(new DecompressionStream("deflate-raw"), [z, new Uint8Array(0)]), data(10));`: "true",
		// Chunks must be BufferSources.
		zHelpers + `return err(pump(new CompressionStream("gzip"), ["abc"]));`: `"TypeError: The provided value is not of type '(ArrayBuffer or ArrayBufferView)'."`,
		zHelpers + `return err(pump(new CompressionStream("gzip"), [5]));`:     `"TypeError: The provided value is not of type '(ArrayBuffer or ArrayBufferView)'."`,
		zHelpers + `return err(pump(new DecompressionStream("gzip"), [{}]));`:  `"TypeError: The provided value is not of type '(ArrayBuffer or ArrayBufferView)'."`,
		zHelpers + `const ds = new DecompressionStream("gzip"); const w = ds.writable.getWriter(); const rp = err(ds.readable.getReader().read()); return [await err(w.write("x")), await err(w.closed), await rp];`: `["TypeError: The provided value is not of type '(ArrayBuffer or ArrayBufferView)'.","TypeError: The provided value is not of type '(ArrayBuffer or ArrayBufferView)'.","TypeError: The provided value is not of type '(ArrayBuffer or ArrayBufferView)'."]`,
		// Canceling frees the stream.
		zHelpers + `const ds = new DecompressionStream("gzip"); const w = ds.writable.getWriter(); w.write(new Uint8Array([31, 139])); await ds.readable.cancel(new RangeError("x")); return err(w.closed);`: `"RangeError: x"`,
	})
}

func TestCompressionResponse(t *testing.T) {
	check(t, map[string]string{
		zHelpers + `const rs = new Response("hello world").body.pipeThrough(new CompressionStream("gzip"));
const b = new Uint8Array(await new Response(rs).arrayBuffer());
return [b[0], b[1], await new Response(new Response(b).body.pipeThrough(new DecompressionStream("gzip"))).text()];`: `[31,139,"hello world"]`,
		zHelpers + `const big = "nanod ".repeat(200000);
const z = await new Response(new Response(big).body.pipeThrough(new CompressionStream("deflate"))).arrayBuffer();
const back = await new Response(new Blob([z]).stream().pipeThrough(new DecompressionStream("deflate"))).text();
return [z.byteLength < 20000, back === big];`: "[true,true]",
	})
}

// A large decompressed output comes in pieces (zMaxOut) rather than all at once.
func TestDecompressionPieces(t *testing.T) {
	check(t, map[string]string{
		zHelpers + `const z = await pump(new CompressionStream("gzip"), [new Uint8Array(8 << 20)]);
const ds = new DecompressionStream("gzip"); const w = ds.writable.getWriter(); w.write(z); w.close();
const r = ds.readable.getReader(); let n = 0, max = 0, total = 0;
for (;;) { const { value, done } = await r.read(); if (done) break; n++; max = Math.max(max, value.byteLength); total += value.byteLength; }
return [z.length < 20000, n >= 8, max <= 1 << 20 + 65536, total];`: "[true,true,true,8388608]",
	})
}

func zcheck(t *testing.T, m map[string]string) {
	for k, v := range m {
		t.Log(k[len(zHelpers):])
		check(t, map[string]string{k: v})
	}
}

// zlive counts an isolate's live compression streams (on its loop).
func zlive(i *Isolate) int {
	n := -1
	i.Loop.Call(func() {
		n = 0
		if v, ok := zstreams.Load(i); ok {
			n = len(v.(*zset).streams)
		}
	})
	return n
}

// Finished, canceled and errored streams free their Go side; a disposed isolate's abandoned
// decompressors end.
func TestCompressionCleanup(t *testing.T) {
	old := zWatchEvery
	zWatchEvery = 50 * time.Millisecond
	defer func() { zWatchEvery = old }()
	iso, _ := newTestIsolate(t)
	if got := iso.eval(t, zHelpers+`
const z = await pump(new CompressionStream("gzip"), [data(100)]);
await pump(new DecompressionStream("gzip"), [z]);
await err(pump(new DecompressionStream("gzip"), [new Uint8Array(20)]));
const ds = new DecompressionStream("deflate"); const w = ds.writable.getWriter(); w.write(new Uint8Array([120])); await ds.readable.cancel();
return "ok";`); got != `"ok"` {
		t.Fatal(got)
	}
	if n := zlive(iso); n != 0 {
		t.Fatalf("%d streams still live", n)
	}
	before := runtime.NumGoroutine()
	iso2, _ := newTestIsolate(t)
	iso2.eval(t, `globalThis.keep = []; for (let k = 0; k < 20; k++) { const ds = new DecompressionStream("gzip"); keep.push(ds); } return null;`)
	if n := zlive(iso2); n != 20 {
		t.Fatalf("%d streams live, want 20", n)
	}
	sharedLoop().Call(iso2.Dispose)
	deadline := time.Now().Add(5 * time.Second)
	for {
		if _, ok := zstreams.Load(iso2); !ok && runtime.NumGoroutine() <= before {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("goroutines: %d before, %d after dispose", before, runtime.NumGoroutine())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Decompressed output comes out before the input ends.
func TestDecompressionIncremental(t *testing.T) {
	check(t, map[string]string{
		zHelpers + `const input = data(300000);
const z = await pump(new CompressionStream("deflate-raw"), [input]);
const ds = new DecompressionStream("deflate-raw"); const w = ds.writable.getWriter(); const r = ds.readable.getReader();
w.write(z.subarray(0, z.length >> 1));
const first = await r.read();
w.write(z.subarray(z.length >> 1)); w.close();
let n = first.value.byteLength; for (;;) { const { value, done } = await r.read(); if (done) break; n += value.byteLength; }
return [first.done, first.value.byteLength > 0, n];`: "[false,true,300000]",
	})
}
