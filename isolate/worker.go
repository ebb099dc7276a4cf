package isolate

import (
	"encoding/json"
	"fmt"

	"github.com/nanod-runtime/nanod/isolate/v8ext"
	"rogchap.com/v8go"
)

// ModuleKind is the type of a worker module.
type ModuleKind int

const (
	ModuleESM ModuleKind = iota
	ModuleCommonJS
	ModuleText
	ModuleData
	ModuleWasm
	ModuleJSON
)

// Module is one module of a modules-syntax worker.
type Module struct {
	Name         string
	Kind         ModuleKind
	Source       []byte
	NamedExports []string
}

// BindingKind is the type of an env binding.
type BindingKind int

const (
	BindText BindingKind = iota
	BindData
	BindJSON
	BindWasm
	BindService
	BindNull      // a value that is null (an unset fromEnvironment variable)
	BindCryptoKey // a CryptoKey imported when the worker loads (Key)
	BindUnsafeEval
)

// Binding is one entry of the worker's env (or a global, for service-worker syntax).
type Binding struct {
	Name    string
	Kind    BindingKind
	Text    string  // text, json
	Data    []byte  // data, wasm
	Fetcher Fetcher // service
	Key     *CryptoKey
}

// CryptoKey is a cryptoKey binding's import: crypto.subtle.importKey's arguments, imported
// synchronously before the worker's code runs, as workerd does.
type CryptoKey struct {
	Format      string   `json:"format"`
	Data        []byte   `json:"-"`   // raw, pkcs8, spki
	JWK         string   `json:"jwk"` // jwk: JSON text
	Algorithm   string   `json:"alg"` // JSON: a name string or an algorithm object
	Extractable bool     `json:"extractable"`
	Usages      []string `json:"usages"`
}

// Worker is the code and environment of a worker.
type Worker struct {
	Modules      []Module // the first is the main module
	Script       []byte   // service-worker syntax, when Modules is nil
	ScriptName   string
	Bindings     []Binding
	Outbound     Fetcher // where global fetch() goes
	Cache        Fetcher // the Cache API's backend (caches.default, caches.open); nil = none
	CompatDate   string
	CompatFlags  []string
	Experimental bool

	// CompatEnabled is the effective feature set (config.Worker.CompatEnabled): for every
	// enable-flag name, whether it is on by date, flag or implication. nil = none on.
	CompatEnabled map[string]bool
}

type envEntry struct {
	Name    string     `json:"name"`
	Kind    string     `json:"kind"`
	Text    string     `json:"text,omitempty"`
	Bytes   int        `json:"bytes"`   // index into the byte values, -1 if none
	Fetcher int        `json:"fetcher"` // index into the isolate's fetchers, -1 if none
	Key     *CryptoKey `json:"key,omitempty"`
}

// Load evaluates the worker's code and installs its env. done is called on the loop once the
// main module (including top-level await) has finished evaluating, or failed.
func (i *Isolate) Load(w *Worker, done func(error)) {
	if w.Outbound != nil {
		i.fetchers = append(i.fetchers, w.Outbound)
	} else {
		i.fetchers = append(i.fetchers, nil)
	}
	cacheIdx := -1
	if w.Cache != nil {
		cacheIdx = len(i.fetchers)
		i.fetchers = append(i.fetchers, w.Cache)
	}
	entries := make([]envEntry, len(w.Bindings))
	var byteVals []*v8go.Value
	for n, b := range w.Bindings {
		e := envEntry{Name: b.Name, Bytes: -1, Fetcher: -1}
		switch b.Kind {
		case BindText:
			e.Kind, e.Text = "text", b.Text
		case BindJSON:
			e.Kind, e.Text = "json", b.Text
		case BindNull:
			e.Kind = "null"
		case BindUnsafeEval:
			e.Kind = "unsafeEval"
		case BindData, BindWasm, BindCryptoKey:
			e.Kind = "data"
			data := b.Data
			switch b.Kind {
			case BindWasm:
				e.Kind = "wasm"
			case BindCryptoKey:
				e.Kind, e.Key, data = "cryptoKey", b.Key, b.Key.Data
			}
			v, err := i.ext.BytesToJS(i.ctx, data)
			if err != nil {
				done(fmt.Errorf("binding %q: %w", b.Name, err))
				return
			}
			e.Bytes = len(byteVals)
			byteVals = append(byteVals, i.keep(v))
		case BindService:
			e.Kind = "service"
			e.Fetcher = len(i.fetchers)
			i.fetchers = append(i.fetchers, b.Fetcher)
		}
		entries[n] = e
	}
	spec, _ := json.Marshal(map[string]any{
		"env": entries, "compatDate": w.CompatDate, "compatFlags": w.CompatFlags, "compatEnabled": w.CompatEnabled,
		"modules": w.Modules != nil, "name": i.opts.Name, "cache": cacheIdx, "bundle": bundleFiles(w),
	})
	arr, err := i.ctx.RunScript("[]", "nanod:bytes")
	if err != nil {
		done(err)
		return
	}
	i.keep(arr)
	for n, v := range byteVals {
		arr.Object().SetIdx(uint32(n), v)
	}
	v, err := i.call("configure", i.str(string(spec)), arr)
	if err != nil {
		done(jsError(err))
		return
	}
	v.Release()

	// eval and new Function work while the worker starts up, and not in handlers (as workerd).
	startDone := done
	done = func(err error) {
		if !i.opts.AllowEval && !i.disposed {
			i.ext.AllowCodeGeneration(i.ctxID, false)
		}
		startDone(err)
	}
	if w.Modules == nil {
		name := w.ScriptName
		if name == "" {
			name = "worker.js"
		}
		if _, err := i.RunScript(string(lowerSyntax(name, w.Script, false)), name); err != nil {
			done(err)
			return
		}
		done(nil)
		return
	}
	user := map[string]bool{}
	for _, m := range w.Modules {
		user[m.Name] = true
	}
	// Module URLs as workerd names them: bare names, import.meta.url undefined; the new module
	// registry puts them under file:///bundle/.
	if w.CompatEnabled["new_module_registry"] {
		i.ext.SetModuleNaming("file:///bundle/", true)
	} else {
		i.ext.SetModuleNaming("", false)
	}
	i.registerBuiltins(user, w.CompatEnabled, w.CompatFlags)
	for _, m := range w.Modules {
		kind := map[ModuleKind]v8ext.ModuleKind{ModuleESM: v8ext.ESM, ModuleCommonJS: v8ext.CommonJS,
			ModuleText: v8ext.Text, ModuleData: v8ext.Data, ModuleWasm: v8ext.Wasm, ModuleJSON: v8ext.JSON}[m.Kind]
		src := m.Source
		if m.Kind == ModuleESM || m.Kind == ModuleCommonJS {
			src = lowerSyntax(m.Name, src, m.Kind == ModuleESM)
		}
		i.ext.SetModule(m.Name, kind, src, m.NamedExports...)
	}
	pv, err := i.call("loadMain", i.str(w.Modules[0].Name))
	if err != nil {
		done(jsError(err))
		return
	}
	i.await(pv, func(_ *v8go.Value, err error) { done(err) })
}

// await calls cb on the loop when the promise v settles (at once if it already has).
func (i *Isolate) await(v *v8go.Value, cb func(*v8go.Value, error)) {
	p, err := v.AsPromise()
	if err != nil {
		cb(v, nil)
		return
	}
	settle := func() bool {
		switch p.State() {
		case v8go.Fulfilled:
			cb(p.Result(), nil)
			return true
		case v8go.Rejected:
			r := p.Result()
			cb(nil, i.errorFromValue(r))
			return true
		}
		return false
	}
	if settle() {
		return
	}
	p.Then(func(*v8go.FunctionCallbackInfo) *v8go.Value { settle(); return nil },
		func(*v8go.FunctionCallbackInfo) *v8go.Value { settle(); return nil })
}

// errorFromValue describes a thrown JS value: its stack for errors, else its string form.
func (i *Isolate) errorFromValue(v *v8go.Value) error {
	msg := v.String()
	stack := msg
	if v.IsObject() {
		if s, err := v.Object().Get("stack"); err == nil && s.IsString() {
			stack = s.String()
		}
	}
	return &ScriptError{Message: msg, Stack: stack}
}
