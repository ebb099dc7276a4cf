package v8ext

// #include "als.h"
import "C"

import (
	"errors"
	"fmt"

	"rogchap.com/v8go"
)

// InstallAsyncContext defines globalThis.__asyncContext in ctx (non-enumerable,
// deletable; the runtime captures and removes it before user code runs):
//
//	__asyncContext.get()       → the current async context frame (undefined: the root)
//	__asyncContext.set(frame)  → makes frame current
//
// V8 saves the current frame in each promise reaction when it is created
// (then, await) and makes it current again while the reaction runs; between
// macrotasks it is back to undefined. AsyncLocalStorage builds on this.
func (e *Ext) InstallAsyncContext(ctx *v8go.Context) error {
	var failed bool
	tmpl := v8go.NewFunctionTemplate(e.iso, func(*v8go.FunctionCallbackInfo) *v8go.Value {
		// Runs while ctx is current, which is how the C++ finds it.
		failed = C.ext_async_context_install(isolatePtr(e.iso)) != 0
		return nil
	})
	fn := tmpl.GetFunction(ctx)
	defer fn.Release()
	res, err := fn.Call(v8go.Undefined(e.iso))
	if err != nil {
		return fmt.Errorf("v8ext: async context: %w", err)
	}
	res.Release()
	if failed {
		return errors.New("v8ext: cannot install __asyncContext")
	}
	return nil
}
