package isolate

import (
	"regexp"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// Newer syntax than our V8 (11.1) parses, which workerd's V8 does: explicit resource management
// (`using x = …`, `await using x = …`), used with JS-RPC stubs. A module that seems to use it
// is rewritten by esbuild into equivalent older syntax; every other module runs byte for byte
// as written, so its stack traces and Function.prototype.toString stay exact.
var usingDecl = regexp.MustCompile(`\busing\s+[\p{L}_$][\p{L}\p{N}_$]*\s*=`)

// v8Engine is the engine esbuild lowers for: the syntax our V8 accepts.
var v8Engine = []api.Engine{{Name: api.EngineChrome, Version: "111"}}

// lowerSyntax returns src rewritten for our V8 when it needs it, or src itself. A module that
// esbuild cannot parse is returned unchanged, so V8 reports its syntax error as usual.
func lowerSyntax(name string, src []byte, module bool) []byte {
	if !strings.Contains(string(src), "using") || !usingDecl.Match(src) {
		return src
	}
	opts := api.TransformOptions{
		Loader:     api.LoaderJS,
		Engines:    v8Engine,
		Sourcefile: name,
		LogLevel:   api.LogLevelSilent,
		Charset:    api.CharsetUTF8,
	}
	if module {
		opts.Format = api.FormatESModule
	}
	r := api.Transform(string(src), opts)
	if len(r.Errors) > 0 {
		return src
	}
	return r.Code
}
