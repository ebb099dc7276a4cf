package isolate

import (
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/nanod-runtime/nanod/isolate/v8ext"
)

// Built-in modules ("cloudflare:workers", "node:assert", …) are ES modules under js/modules,
// named by path: js/modules/node/assert.js is "node:assert". Each isolate registers them next
// to the worker's own modules; user modules with the same name win, as in workerd.

var builtinModules = sync.OnceValue(func() map[string][]byte {
	out := map[string][]byte{}
	fs.WalkDir(jsFS, "js/modules", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".js") {
			return nil
		}
		rel := strings.TrimSuffix(strings.TrimPrefix(p, "js/modules/"), ".js")
		scheme, name, ok := strings.Cut(rel, "/")
		if !ok {
			return nil
		}
		src, _ := jsFS.ReadFile(p)
		out[scheme+":"+name] = src
		return nil
	})
	return out
})

// nodeCompat reports whether the flags enable Node.js compatibility modules.
func nodeCompat(flags []string) bool {
	for _, f := range flags {
		if f == "nodejs_compat" || f == "nodejs_compat_v2" {
			return true
		}
	}
	return false
}

// flagGatedModules are built-ins that need a compatibility feature besides nodejs_compat.
var flagGatedModules = map[string]string{
	"node:console": "enable_nodejs_console_module",
}

// registerBuiltins adds the built-in modules to the isolate and installs the resolver: node:
// modules exist only with nodejs_compat, where a bare "assert" also means "node:assert".
// enabled is the effective feature set (flags, dates and implications).
func (i *Isolate) registerBuiltins(user map[string]bool, flags []string, enabled map[string]bool) {
	node := nodeCompat(flags)
	for name, src := range builtinModules() {
		if user[name] || (strings.HasPrefix(name, "node:") && !node) {
			continue
		}
		if feature, ok := flagGatedModules[name]; ok && !enabled[feature] && !slices.Contains(flags, feature) {
			continue
		}
		i.ext.SetModule(name, v8ext.ESM, src)
	}
	ext := i.ext
	i.ext.SetResolver(func(spec, referrer string) (string, bool) {
		if strings.HasPrefix(referrer, "node:") || strings.HasPrefix(referrer, "cloudflare:") || strings.HasPrefix(referrer, "workerd:") {
			// Built-ins import each other by full specifier only.
			if ext.HasModule(spec) {
				return spec, true
			}
		}
		if node && !strings.Contains(spec, ":") && !strings.HasPrefix(spec, ".") && !strings.HasPrefix(spec, "/") {
			base := spec
			if j := strings.IndexByte(spec, '/'); j >= 0 && !strings.HasPrefix(spec, "@") {
				base = spec[:j]
			}
			rel := path.Join(path.Dir(referrer), spec)
			_, gated := flagGatedModules["node:"+base] // a node: name even when its feature is off
			if !user[rel] && !user[spec] && (ext.HasModule("node:"+base) || gated) {
				return "node:" + spec, true
			}
		}
		return ext.DefaultResolve(spec, referrer)
	})
}
