package isolate

import "rogchap.com/v8go"

// SetV8Flags sets process-wide V8 flags, such as "--expose-gc" (which defines gc() in every
// context). They apply to isolates and contexts created afterwards, so call it before the
// first isolate and never while isolates are being created on other goroutines.
func SetV8Flags(flags ...string) {
	for _, f := range flags {
		v8go.SetFlags(f)
	}
}
