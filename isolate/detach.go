package isolate

import "rogchap.com/v8go"

// detachNatives adds native.arrayBufferDetacher(), which returns v8ext's C++ detach(buffer, query)
// function (isolate/js/arraybuffer.js takes it once at start-up). V8 10.9 has no JS way to detach
// an ArrayBuffer, which transfer(), structuredClone's transfer list and byte streams need.
func (i *Isolate) detachNatives(fn func(string, func([]*v8go.Value) *v8go.Value), _ func([]*v8go.Value, int) *v8go.Value) {
	fn("arrayBufferDetacher", func([]*v8go.Value) *v8go.Value {
		f, err := i.ext.DetachFunction(i.ctx)
		if err != nil {
			return i.throw("Error", err.Error())
		}
		return f.Value
	})
}
