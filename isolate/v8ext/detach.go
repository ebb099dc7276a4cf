package v8ext

// #include <stdlib.h>
// #include "ext.h"
import "C"

import (
	"errors"
	"unsafe"

	"rogchap.com/v8go"
)

// detachGlobal is the temporary global through which the C++ side hands its
// function to Go.
const detachGlobal = "__ext_detach"

// DetachFunction returns a native JS function of ctx, detach(buffer, mode):
//
//	detach(ab)     detaches the ArrayBuffer ab (a no-op when already detached)
//	detach(ab, 1)  returns whether ab is detached, without detaching it
//	detach(ab, 2)  detaches ab and returns a new ArrayBuffer owning its memory
//	               (no copy); TypeError when ab is already detached
//	detach(ab, 3)  returns whether ab can be detached (WebAssembly memory cannot)
//
// Anything but an ArrayBuffer (SharedArrayBuffers included), and buffers V8
// will not detach (WebAssembly memory), throw a TypeError. The function runs
// in C++ only, so JS may call it on hot paths (BYOB stream reads). ctx must
// be bound; call it from plain Go or from inside a v8go callback in ctx.
func (e *Ext) DetachFunction(ctx *v8go.Context) (*v8go.Function, error) {
	b, err := e.boundContext(ctx)
	if err != nil {
		return nil, err
	}
	name := C.CString(detachGlobal)
	defer C.free(unsafe.Pointer(name))
	if C.ext_new_detach_fn(e.st, C.int(b.id), name) != 0 {
		return nil, errors.New("v8ext: cannot create the detach function")
	}
	global := ctx.Global()
	defer global.Release()
	v, err := global.Get(detachGlobal)
	global.Delete(detachGlobal)
	if err != nil {
		return nil, err
	}
	return v.AsFunction()
}
