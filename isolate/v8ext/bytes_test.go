package v8ext

import (
	"bytes"
	"fmt"
	"math/rand"
	"testing"

	"rogchap.com/v8go"
)

func TestBytesRoundTrip(t *testing.T) {
	v := newEnv(t, 0, Options{})
	global := v.ctx.Global()
	for _, n := range []int{0, 1, 64 << 10, 1 << 20} {
		b := make([]byte, n)
		rand.New(rand.NewSource(int64(n))).Read(b)
		val, err := v.ext.BytesToJS(v.ctx, b)
		if err != nil {
			t.Fatal(err)
		}
		if err := global.Set("u", val); err != nil {
			t.Fatal(err)
		}
		sum := 0
		for _, c := range b {
			sum = (sum*31 + int(c)) % 1000003
		}
		v.expect(`{ let s = 0; for (const c of u) s = (s * 31 + c) % 1000003; [u instanceof Uint8Array, u.length, u.byteOffset, s].join() }`,
			fmt.Sprintf("true,%d,0,%d", n, sum))
		back, err := v.ext.BytesFromJS(v.ctx, val)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(back, b) {
			t.Errorf("%d bytes: round trip differs", n)
		}
		val.Release()
	}
	if v.ext.ArrayBufferBytes() < 1<<20 {
		t.Errorf("ArrayBufferBytes %d: BytesToJS memory is not charged", v.ext.ArrayBufferBytes())
	}
}

func TestBytesFromViews(t *testing.T) {
	v := newEnv(t, 0, Options{})
	cases := []struct {
		js   string
		want []byte
	}{
		{`new Uint8Array(1000).map((_, i) => i).subarray(100, 104)`, []byte{100, 101, 102, 103}},
		{`new Uint8Array([1, 2, 3])`, []byte{1, 2, 3}}, // small: kept on the V8 heap
		{`new Uint8Array([9, 8, 7]).buffer`, []byte{9, 8, 7}},
		{`new Uint16Array([0x0201, 0x0403]).subarray(1)`, []byte{3, 4}},
		{`new DataView(new Uint8Array(200).fill(5).buffer, 190, 3)`, []byte{5, 5, 5}},
		{`new SharedArrayBuffer(2)`, []byte{0, 0}},
		{`new ArrayBuffer(0)`, []byte{}},
		{`new Float64Array(1)`, make([]byte, 8)},
	}
	for _, c := range cases {
		val, err := v.ctx.RunScript(c.js, "v.js")
		if err != nil {
			t.Fatalf("%s: %v", c.js, err)
		}
		got, err := v.ext.BytesFromJS(v.ctx, val)
		if err != nil || !bytes.Equal(got, c.want) {
			t.Errorf("%s: got %v, %v; want %v", c.js, got, err, c.want)
		}
		val.Release()
	}
	val, _ := v.ctx.RunScript(`new Uint8Array([4, 5])`, "v.js")
	if got, err := v.ext.AppendBytesFromJS([]byte{1, 2, 3}, v.ctx, val); err != nil || !bytes.Equal(got, []byte{1, 2, 3, 4, 5}) {
		t.Errorf("AppendBytesFromJS: %v %v", got, err)
	}
	for _, js := range []string{`'string'`, `[1, 2]`, `undefined`} {
		val, _ := v.ctx.RunScript(js, "v.js")
		if _, err := v.ext.BytesFromJS(v.ctx, val); err == nil || err.Error() != "TypeError: expected an ArrayBuffer or an ArrayBufferView" {
			t.Errorf("%s: err %v", js, err)
		}
	}
}

// TestBytesInCallback uses both directions from inside a v8go callback, the
// way request and response bodies cross the boundary.
func TestBytesInCallback(t *testing.T) {
	v := newEnv(t, 0, Options{})
	echo := v8go.NewFunctionTemplate(v.iso, func(info *v8go.FunctionCallbackInfo) *v8go.Value {
		in, err := v.ext.BytesFromJS(info.Context(), info.Args()[0])
		if err != nil {
			val, _ := v8go.NewValue(v.iso, err.Error())
			return v.iso.ThrowException(val)
		}
		for i := range in {
			in[i]++
		}
		out, err := v.ext.BytesToJS(info.Context(), in)
		if err != nil {
			val, _ := v8go.NewValue(v.iso, err.Error())
			return v.iso.ThrowException(val)
		}
		return out
	})
	global := v.ctx.Global()
	if err := global.Set("echo", echo.GetFunction(v.ctx)); err != nil {
		t.Fatal(err)
	}
	v.expect(`echo(new Uint8Array([1, 2, 255]).subarray(1)).join()`, "3,0")
	v.expect(`try { echo(42) } catch (e) { e }`, "TypeError: expected an ArrayBuffer or an ArrayBufferView")
	v.ext.SetModule("m.js", ESM, []byte(`export default echo(Uint8Array.from([97, 98, 99]));`))
	v.expect(`__ext.import('m.js').then(m => String.fromCharCode(...m.default))`, "bcd")
}

func TestBytesToJSOverBudget(t *testing.T) {
	v := newEnv(t, 0, Options{ArrayBufferBudget: 1 << 20})
	if _, err := v.ext.BytesToJS(v.ctx, make([]byte, 2<<20)); err != ErrAllocation {
		t.Fatalf("over budget: %v", err)
	}
	val, err := v.ext.BytesToJS(v.ctx, make([]byte, 512<<10))
	if err != nil {
		t.Fatal(err)
	}
	val.Release()
	// A Data module over the budget rejects its import with a RangeError.
	v.ext.SetModule("big.bin", Data, make([]byte, 2<<20))
	v.expect(`__ext.import('big.bin').then(() => 'loaded', e => String(e))`, "RangeError: Array buffer allocation failed")
}

func benchEnv(b *testing.B) *env {
	v := newEnv(b, 0, Options{})
	b.ReportAllocs()
	return v
}

// benchFromJS copies n bytes out of JS, into a new slice or (reuse) into
// the same buffer each time.
func benchFromJS(b *testing.B, n int, reuse bool) {
	v := benchEnv(b)
	val, err := v.ctx.RunScript(fmt.Sprintf(`new Uint8Array(%d).fill(7)`, n), "b.js")
	if err != nil {
		b.Fatal(err)
	}
	var buf []byte
	b.SetBytes(int64(n))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if !reuse {
			buf = nil
		}
		if buf, err = v.ext.AppendBytesFromJS(buf[:0], v.ctx, val); err != nil || len(buf) != n {
			b.Fatal(err)
		}
	}
}

func benchToJS(b *testing.B, n int) {
	v := benchEnv(b)
	src := make([]byte, n)
	b.SetBytes(int64(n))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		val, err := v.ext.BytesToJS(v.ctx, src)
		if err != nil {
			b.Fatal(err)
		}
		val.Release()
	}
}

func BenchmarkBytesFromJS16(b *testing.B)       { benchFromJS(b, 16, false) }
func BenchmarkBytesFromJS64K(b *testing.B)      { benchFromJS(b, 64<<10, false) }
func BenchmarkBytesFromJS1M(b *testing.B)       { benchFromJS(b, 1<<20, false) }
func BenchmarkBytesFromJS64KReuse(b *testing.B) { benchFromJS(b, 64<<10, true) }
func BenchmarkBytesFromJS1MReuse(b *testing.B)  { benchFromJS(b, 1<<20, true) }
func BenchmarkBytesToJS16(b *testing.B)         { benchToJS(b, 16) }
func BenchmarkBytesToJS64K(b *testing.B)        { benchToJS(b, 64<<10) }
func BenchmarkBytesToJS1M(b *testing.B)         { benchToJS(b, 1<<20) }
