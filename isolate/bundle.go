package isolate

import (
	"embed"
	"fmt"
	"path"
	"strings"
	"sync"

	"github.com/evanw/esbuild/pkg/api"
	"rogchap.com/v8go"
)

// The JS runtime (Web APIs and the glue between Go and user code) lives in js/ as ES modules.
// esbuild bundles them once per process into one script, which every new context runs; V8's
// code cache for it is taken after the first isolate has warmed it up.
//
//go:embed js
var jsFS embed.FS

var runtimeBundle = sync.OnceValues(func() (string, error) {
	plugin := api.Plugin{Name: "embed", Setup: func(b api.PluginBuild) {
		b.OnResolve(api.OnResolveOptions{Filter: ".*"}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
			p := a.Path
			if strings.HasPrefix(p, "./") || strings.HasPrefix(p, "../") {
				p = path.Join(path.Dir(a.Importer), p)
			}
			return api.OnResolveResult{Path: p, Namespace: "embed"}, nil
		})
		b.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: "embed"}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
			src, err := jsFS.ReadFile(a.Path)
			if err != nil {
				return api.OnLoadResult{}, err
			}
			s := string(src)
			return api.OnLoadResult{Contents: &s, Loader: api.LoaderJS}, nil
		})
	}}
	res := api.Build(api.BuildOptions{
		EntryPoints: []string{"js/main.js"},
		Bundle:      true,
		Write:       false,
		Format:      api.FormatIIFE,
		Platform:    api.PlatformNeutral,
		Target:      api.ES2022,
		Charset:     api.CharsetUTF8,
		KeepNames:   true, // class and function names stay what user code (and console.log) sees
		Plugins:     []api.Plugin{plugin},
		LogLevel:    api.LogLevelSilent,
	})
	if len(res.Errors) > 0 {
		var msgs []string
		for _, e := range res.Errors {
			loc := ""
			if e.Location != nil {
				loc = fmt.Sprintf("%s:%d:%d: ", e.Location.File, e.Location.Line, e.Location.Column)
			}
			msgs = append(msgs, loc+e.Text)
		}
		return "", fmt.Errorf("building the JS runtime: %s", strings.Join(msgs, "; "))
	}
	return string(res.OutputFiles[0].Contents), nil
})

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
