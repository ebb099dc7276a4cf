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

// nodeCompat reports whether Node.js compatibility is on: by flag, or (from 2026-08-04) by
// date, as the resolved feature set says.
func nodeCompat(flags []string, enabled map[string]bool) bool {
	if enabled["nodejs_compat"] || enabled["nodejs_compat_v2"] {
		return true
	}
	for _, f := range flags {
		if f == "nodejs_compat" || f == "nodejs_compat_v2" {
			return true
		}
	}
	return false
}

// moduleGates lists node: modules that, as in workerd, need a flag of their own (on by date
// under nodejs_compat) besides nodejs_compat.
var moduleGates = map[string]string{
	"node:fs":          "enable_nodejs_fs_module",
	"node:fs/promises": "enable_nodejs_fs_module",
	"node:os":          "enable_nodejs_os_module",
	"node:punycode":    "enable_nodejs_punycode_module",
}

// registerBuiltins adds the built-in modules to the isolate and installs the resolver: node:
// modules exist only with nodejs_compat, where a bare "assert" also means "node:assert".
func (i *Isolate) registerBuiltins(user map[string]bool, flags []string, enabled map[string]bool) {
	node := nodeCompat(flags, enabled)
	for name, src := range builtinModules() {
		if user[name] || ((strings.HasPrefix(name, "node:") || strings.HasPrefix(name, "node-internal:")) && !node) {
			continue
		}
		if gate, ok := moduleGates[name]; ok && !enabled[gate] && !slices.Contains(flags, gate) {
			continue
		}
		i.ext.SetModule(name, v8ext.ESM, src)
	}
	ext := i.ext
	i.ext.SetResolver(func(spec, referrer string) (string, bool) {
		if strings.HasPrefix(spec, "node-internal:") && !strings.HasPrefix(referrer, "node:") && !strings.HasPrefix(referrer, "node-internal:") {
			// Helpers shared by the node: modules (js/modules/node-internal) are not for users,
			// as in workerd: to them the module does not exist.
			return "", false
		}
		if strings.HasPrefix(referrer, "node:") || strings.HasPrefix(referrer, "node-internal:") || strings.HasPrefix(referrer, "cloudflare:") || strings.HasPrefix(referrer, "workerd:") {
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
			if !user[rel] && !user[spec] && ext.HasModule("node:"+base) {
				return "node:" + spec, true
			}
		}
		return ext.DefaultResolve(spec, referrer)
	})
}

// bundleFiles is what node:fs shows under /bundle: the worker's modules by name, with their
// sources (base64 in the spec JSON). Only workers that can import node:fs get them.
func bundleFiles(w *Worker) []map[string]any {
	const gate = "enable_nodejs_fs_module"
	if w.Modules == nil || !nodeCompat(w.CompatFlags, w.CompatEnabled) || (!w.CompatEnabled[gate] && !slices.Contains(w.CompatFlags, gate)) {
		return nil
	}
	out := make([]map[string]any, len(w.Modules))
	for n, m := range w.Modules {
		out[n] = map[string]any{"name": m.Name, "data": m.Source}
	}
	return out
}
