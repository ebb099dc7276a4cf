package v8ext

// #include "ext.h"
import "C"

import (
	"slices"

	"rogchap.com/v8go"
)

// BytesFromJS copies the bytes of a JS ArrayBuffer, SharedArrayBuffer or
// ArrayBufferView (any TypedArray or DataView, honouring its offset and
// length) into a new Go slice. Anything else is a TypeError.
//
// v8go gives no access to the V8 handle inside a *v8go.Value, so the value
// goes through a v8go call to the native __ext.bytes.stage, which keeps a
// reference to the buffer's backing store; Go then copies straight out of it
// with a single memcpy. ctx must be bound; it may be called from plain Go or
// from inside a v8go callback.
func (e *Ext) BytesFromJS(ctx *v8go.Context, v *v8go.Value) ([]byte, error) {
	return e.AppendBytesFromJS(nil, ctx, v)
}

// AppendBytesFromJS is BytesFromJS appending to dst, so that hot paths can
// reuse buffers: fresh memory costs more to fault in than to copy.
func (e *Ext) AppendBytesFromJS(dst []byte, ctx *v8go.Context, v *v8go.Value) ([]byte, error) {
	b, err := e.boundContext(ctx)
	if err != nil {
		return dst, err
	}
	r, err := b.stage.Call(v8go.Undefined(e.iso), v)
	if err != nil {
		return dst, err
	}
	r.Release()
	n := int(C.ext_staged_len(e.st))
	dst = slices.Grow(dst, n)
	out := dst[len(dst) : len(dst)+n]
	C.ext_unstage(e.st, bytesPtr(out))
	return dst[:len(dst)+n], nil
}

// BytesToJS returns a new JS Uint8Array holding a copy of b. The memory is
// allocated through the isolate's allocator, so it counts against the
// ArrayBuffer budget (ErrAllocation when refused), and b is copied into it
// once. The result is a v8go value: Release it when done, or it lives until
// ctx closes.
func (e *Ext) BytesToJS(ctx *v8go.Context, b []byte) (*v8go.Value, error) {
	bc, err := e.boundContext(ctx)
	if err != nil {
		return nil, err
	}
	if C.ext_stage_in(e.st, bytesPtr(b), C.size_t(len(b))) != 0 {
		return nil, ErrAllocation
	}
	return bc.take.Call(v8go.Undefined(e.iso))
}
