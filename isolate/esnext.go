package isolate

import "rogchap.com/v8go"

// esnextNatives back the built-ins isolate/js/esnext.js adds for newer ECMAScript.
func (i *Isolate) esnextNatives(fn func(string, func([]*v8go.Value) *v8go.Value), arg func([]*v8go.Value, int) *v8go.Value) {
	// isError(v) → whether v has an Error object's internal slot (Error.isError): only V8 knows,
	// since prototypes and Symbol.toStringTag can be faked.
	fn("isError", func(a []*v8go.Value) *v8go.Value {
		v, _ := v8go.NewValue(i.iso, arg(a, 0).IsNativeError())
		return i.keep(v)
	})
}
