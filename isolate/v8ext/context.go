package v8ext

// #include "ext.h"
import "C"

import (
	"fmt"

	"rogchap.com/v8go"
)

// BindContext binds a v8go context to the extension and installs
// globalThis.__ext (non-enumerable, deletable) in it:
//
//	__ext.import(name)  → Promise of the namespace of registered module name
//	__ext.bytes.stage / __ext.bytes.take  → used by BytesFromJS / BytesToJS
//
// Call it before any user code runs in ctx. It works both from plain Go and
// from inside a v8go callback: our C++ can only find a v8go context while JS
// runs in it, so it calls a one-off v8go function in ctx that binds it. The
// returned id is for UnbindContext, which must be called before ctx.Close():
// module handles would otherwise keep the context alive. Binding a context
// twice returns the same id.
func (e *Ext) BindContext(ctx *v8go.Context) (int, error) {
	fn := e.bind.GetFunction(ctx)
	defer fn.Release()
	res, err := fn.Call(v8go.Undefined(e.iso))
	if err != nil {
		return 0, fmt.Errorf("v8ext: bind: %w", err)
	}
	id := int(res.Int32())
	res.Release()

	e.mu.Lock()
	b := e.ids[id]
	e.mu.Unlock()
	if b != nil {
		return id, nil
	}
	stage, take, err := bytesFunctions(ctx)
	if err != nil {
		C.ext_unbind(e.st, C.int(id))
		return 0, err
	}
	b = &boundContext{id: id, ctx: ctx, stage: stage, take: take}
	e.mu.Lock()
	e.bound[ctx], e.ids[id] = b, b
	e.mu.Unlock()
	return id, nil
}

// bindCurrent is the Go callback behind the one-off function, so it runs
// while the context being bound is current. It returns the id as the call's
// result, so that concurrent binds cannot mix results up.
func (e *Ext) bindCurrent(info *v8go.FunctionCallbackInfo) *v8go.Value {
	var msg [128]C.char
	id := C.ext_bind_current(e.st, &msg[0], C.size_t(len(msg)))
	if id < 0 {
		v, _ := v8go.NewValue(e.iso, "v8ext: "+C.GoString(&msg[0]))
		return e.iso.ThrowException(v)
	}
	v, _ := v8go.NewValue(e.iso, int32(id))
	return v
}

// bytesFunctions captures __ext.bytes.stage and .take right after binding,
// before user code could replace them. v8go frees them when ctx closes.
func bytesFunctions(ctx *v8go.Context) (stage, take *v8go.Function, err error) {
	get := func(o *v8go.Object, key string) (*v8go.Value, error) {
		v, err := o.Get(key)
		if err == nil && !v.IsObject() {
			err = fmt.Errorf("v8ext: %s is not an object", key)
		}
		return v, err
	}
	global := ctx.Global()
	defer global.Release()
	ext, err := get(global, "__ext")
	if err != nil {
		return nil, nil, err
	}
	defer ext.Release()
	bytes, err := get(ext.Object(), "bytes")
	if err != nil {
		return nil, nil, err
	}
	defer bytes.Release()
	sv, err := get(bytes.Object(), "stage")
	if err != nil {
		return nil, nil, err
	}
	tv, err := get(bytes.Object(), "take")
	if err != nil {
		return nil, nil, err
	}
	if stage, err = sv.AsFunction(); err != nil {
		return nil, nil, err
	}
	if take, err = tv.AsFunction(); err != nil {
		return nil, nil, err
	}
	return stage, take, nil
}

// UnbindContext drops everything the extension holds for the context: its
// module instances and its pending rejections. Call it before ctx.Close().
func (e *Ext) UnbindContext(id int) {
	e.mu.Lock()
	if b := e.ids[id]; b != nil {
		delete(e.ids, id)
		delete(e.bound, b.ctx)
	}
	e.mu.Unlock()
	C.ext_unbind(e.st, C.int(id))
}

func (e *Ext) boundContext(ctx *v8go.Context) (*boundContext, error) {
	e.mu.Lock()
	b := e.bound[ctx]
	e.mu.Unlock()
	if b == nil {
		return nil, ErrNotBound
	}
	return b, nil
}

// AllowCodeGeneration turns eval() and new Function() on or off in a bound context. workerd
// allows them while a worker starts up and forbids them in handlers (EvalError).
func (e *Ext) AllowCodeGeneration(id int, allow bool) error {
	a := 0
	if allow {
		a = 1
	}
	if C.ext_allow_codegen(e.st, C.int(id), C.int(a)) != 0 {
		return ErrNotBound
	}
	return nil
}
