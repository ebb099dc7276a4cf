package isolate

import (
	"embed"
	"sync"

	"rogchap.com/v8go"
)

// The JS runtime (Web APIs and the glue between Go and user code) lives in js/ as ES modules.
// They are bundled at build time (esbuild, whitespace and syntax minified, names kept) into
// runtime_gen.js, which every new context runs; V8's code cache for it is taken after the
// first isolate has warmed it up. After editing js/, run `go generate ./isolate`
// (TestRuntimeBundleUpToDate fails while the committed bundle is stale). Node's legacy module
// names start with "_", which a directory embed would skip, hence the second pattern.
//
//go:generate go run ./internal/genbundle -o runtime_gen.js
//go:embed js js/modules/node/_*.js
var jsFS embed.FS

//go:embed runtime_gen.js
var runtimeSource string

// runtimeBundle returns the bundled runtime script.
func runtimeBundle() (string, error) { return runtimeSource, nil }

const runtimeOrigin = "nanod:runtime.js"

// codeCache holds V8's code cache for the runtime bundle, shared by all isolates.
var codeCache struct {
	sync.Mutex
	data *v8go.CompilerCachedData
}

// compileRuntime compiles the runtime bundle in iso, with the code cache when there is one.
func compileRuntime(iso *v8go.Isolate) (*v8go.UnboundScript, error) {
	src, err := runtimeBundle()
	if err != nil {
		return nil, err
	}
	codeCache.Lock()
	cached := codeCache.data
	codeCache.Unlock()
	opts := v8go.CompileOptions{}
	if cached != nil {
		opts.CachedData = cached
	}
	us, err := iso.CompileUnboundScript(src, runtimeOrigin, opts)
	if err != nil {
		return nil, err
	}
	return us, nil
}

// saveCodeCache stores the code cache of a runtime script that has run (so it includes the
// functions compiled lazily during start-up), once per process.
func saveCodeCache(us *v8go.UnboundScript) {
	codeCache.Lock()
	defer codeCache.Unlock()
	if codeCache.data == nil {
		codeCache.data = us.CreateCodeCache()
	}
}
