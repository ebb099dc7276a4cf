package v8ext

// #include <stdlib.h>
// #include "ext.h"
import "C"

import (
	"path"
	"runtime/cgo"
	"strings"
	"unsafe"
)

// ModuleKind says how SetModule's bytes become a module.
type ModuleKind int

// Module kinds; the values are shared with ext.cc.
const (
	// ESM is an ES module: real module semantics (cycles, live bindings,
	// top-level await, TDZ), import.meta.url and dynamic import().
	ESM ModuleKind = iota
	// CommonJS runs once per context as a function of (exports, require,
	// module, __filename, __dirname), __filename being "/" + name. Importers
	// get module.exports as default plus the declared named exports (their
	// values once the module has run). require() is synchronous, uses the
	// same registry and resolver, and can load an ES module whose graph has
	// no top-level await.
	CommonJS
	// Text: default export is the UTF-8 source as a string.
	Text
	// Data: default export is an ArrayBuffer with a copy of the bytes.
	Data
	// JSON: default export is the parsed value.
	JSON
	// Wasm: default export is a WebAssembly.Module, compiled synchronously.
	Wasm
)

// Resolver maps an import specifier to a registered module name. referrer is
// the importing module's name, or the script name given to RunScript for an
// import() in a classic script. ok=false makes the import fail with
// `No such module "<specifier>".`, as workerd words it.
type Resolver func(specifier, referrer string) (name string, ok bool)

// SetModule registers (or replaces) a module source; it may be called from
// any goroutine, even while JS runs. Each context compiles a module on its
// first import and keeps that instance, so replacing a source only affects
// contexts that have not imported it yet. namedExports is only used by
// CommonJS modules. Names are what imports resolve to and what __ext.import
// takes; a module's URL (stack traces, import.meta.url) is "file:///" + name,
// or name itself when it has a scheme ("node:buffer").
func (e *Ext) SetModule(name string, kind ModuleKind, src []byte, namedExports ...string) {
	var named []byte
	for _, n := range namedExports {
		named = append(append(named, n...), 0)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.st == nil {
		return
	}
	e.names[name] = struct{}{}
	C.ext_set_module(e.st, cstr(name), C.size_t(len(name)), C.int(kind),
		(*C.char)(bytesPtr(src)), C.size_t(len(src)),
		(*C.char)(bytesPtr(named)), C.size_t(len(named)))
}

// SetModuleNaming sets how module names become URLs (stack traces, import.meta.url): prefix +
// name, for names without a scheme; with metaURL false import.meta.url stays undefined, as in
// workerd's original module registry. Call before the first import.
func (e *Ext) SetModuleNaming(prefix string, metaURL bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.st == nil {
		return
	}
	meta := C.int(0)
	if metaURL {
		meta = 1
	}
	C.ext_set_module_naming(e.st, cstr(prefix), C.size_t(len(prefix)), meta)
}

// HasModule reports whether SetModule registered name.
func (e *Ext) HasModule(name string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	_, ok := e.names[name]
	return ok
}

// SetResolver replaces the default resolution (see DefaultResolve); nil
// restores it. The resolver runs on the isolate's goroutine, in the middle
// of JS execution: it must not call into the isolate.
func (e *Ext) SetResolver(r Resolver) {
	e.mu.Lock()
	e.resolver = r
	e.mu.Unlock()
}

// DefaultResolve resolves like a flat bundle of path names:
//   - "file:///x" → "x"; other specifiers with a scheme ("node:buffer") are
//     kept as they are;
//   - "/a/b" → "a/b";
//   - "./x" and "../x" are relative to the referrer's directory;
//   - a bare "x" is relative to the referrer's directory if a module of that
//     name exists (as in workerd), else it is taken as is.
func (e *Ext) DefaultResolve(specifier, referrer string) (string, bool) {
	switch {
	case strings.HasPrefix(specifier, "file:///"):
		return path.Clean(specifier[len("file:///"):]), true
	case hasScheme(specifier):
		return specifier, true
	case strings.HasPrefix(specifier, "/"):
		return path.Clean(specifier)[1:], true
	}
	rel := path.Join(path.Dir(referrer), specifier)
	if strings.HasPrefix(specifier, "./") || strings.HasPrefix(specifier, "../") || e.HasModule(rel) {
		return rel, true
	}
	return specifier, true
}

// hasScheme matches URLOf in ext.cc: a colon before any slash.
func hasScheme(s string) bool {
	colon := strings.IndexByte(s, ':')
	slash := strings.IndexByte(s, '/')
	return colon > 0 && (slash < 0 || colon < slash)
}

func (e *Ext) resolve(specifier, referrer string) (string, bool) {
	e.mu.Lock()
	r := e.resolver
	e.mu.Unlock()
	if r != nil {
		return r(specifier, referrer)
	}
	return e.DefaultResolve(specifier, referrer)
}

//export extGoResolve
func extGoResolve(h C.uintptr_t, spec *C.char, specLen C.size_t, ref *C.char, refLen C.size_t) *C.char {
	e := cgo.Handle(h).Value().(*Ext)
	name, ok := e.resolve(C.GoStringN(spec, C.int(specLen)), C.GoStringN(ref, C.int(refLen)))
	if !ok {
		return nil
	}
	return C.CString(name) // freed by ext.cc
}

// cstr points at s's bytes for the duration of a C call that copies them.
func cstr(s string) *C.char {
	return (*C.char)(unsafe.Pointer(unsafe.StringData(s)))
}

func bytesPtr(b []byte) unsafe.Pointer {
	if len(b) == 0 {
		return nil
	}
	return unsafe.Pointer(&b[0])
}
