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
// to the worker's own modules; user modules with the same name win, as in workerd. A ".cjs" file
// is a CommonJS module instead (for the few built-ins that need the synchronous require).

// builtinCJS names the built-ins that are CommonJS modules; filled with builtinModules.
var builtinCJS = map[string]bool{}

var builtinModules = sync.OnceValue(func() map[string][]byte {
	out := map[string][]byte{}
	fs.WalkDir(jsFS, "js/modules", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".js") && !strings.HasSuffix(p, ".cjs") {
			return nil
		}
		cjs := strings.HasSuffix(p, ".cjs")
		rel := strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(p, "js/modules/"), ".js"), ".cjs")
		scheme, name, ok := strings.Cut(rel, "/")
		if !ok {
			return nil
		}
		src, _ := jsFS.ReadFile(p)
		out[scheme+":"+name] = src
		if cjs {
			builtinCJS[scheme+":"+name] = true
		}
		return nil
	})
	return out
})

// nodeFeatures says which Node.js built-ins a worker gets, as workerd decides: node: modules
// with nodejs_compat (or nodejs_compat_v2); bare names ("buffer" for "node:buffer") with
// nodejs_compat_v2; node:async_hooks also with nodejs_als alone; node:process always.
// enabled is the worker's resolved feature set; without one (embedders and tests that pass only
// flags) the named flags count, nodejs_compat meaning what it means at the newest date.
func nodeFeatures(enabled map[string]bool, flags []string) (node, bare, als, processV2 bool) {
	on := enabled
	if on == nil {
		on = map[string]bool{}
		named := map[string]bool{}
		for _, f := range flags {
			on[f], named[f] = true, true
		}
		// What nodejs_compat implies at the newest date (as nodeglobals.js assumes too).
		if on["nodejs_compat"] {
			on["nodejs_compat_v2"] = on["nodejs_compat_v2"] || !named["no_nodejs_compat_v2"]
			on["enable_nodejs_process_v2"] = on["enable_nodejs_process_v2"] || !named["disable_nodejs_process_v2"]
		}
	}
	node = on["nodejs_compat"] || on["nodejs_compat_v2"]
	return node, node && on["nodejs_compat_v2"], node || on["nodejs_als"], on["enable_nodejs_process_v2"]
}

// moduleGates lists node: modules that, as in workerd, need a flag of their own (on by date
// under nodejs_compat) besides nodejs_compat.
var moduleGates = map[string]string{
	"node:fs/promises":        "enable_nodejs_fs_module",
	"node:fs":                 "enable_nodejs_fs_module",
	"node:os":                 "enable_nodejs_os_module",
	"node:punycode":           "enable_nodejs_punycode_module",
	"node:console":            "enable_nodejs_console_module",
	"node:vm":                 "enable_nodejs_vm_module",
	"node:perf_hooks":         "enable_nodejs_perf_hooks_module",
	"node:domain":             "enable_nodejs_domain_module",
	"node:v8":                 "enable_nodejs_v8_module",
	"node:tty":                "enable_nodejs_tty_module",
	"node:cluster":            "enable_nodejs_cluster_module",
	"node:child_process":      "enable_nodejs_child_process_module",
	"node:worker_threads":     "enable_nodejs_worker_threads_module",
	"node:wasi":               "enable_nodejs_wasi_module",
	"node:dgram":              "enable_nodejs_dgram_module",
	"node:inspector":          "enable_nodejs_inspector_module",
	"node:inspector/promises": "enable_nodejs_inspector_module",
	"node:trace_events":       "enable_nodejs_trace_events_module",
	"node:readline":           "enable_nodejs_readline_module",
	"node:readline/promises":  "enable_nodejs_readline_module",
	"node:repl":               "enable_nodejs_repl_module",
	"node:sqlite":             "enable_nodejs_sqlite_module",
}

// builtinAvailable reports whether a built-in module exists for a worker with these features;
// on says whether a feature flag is on.
func builtinAvailable(name string, node, als bool, on func(string) bool) bool {
	if gate, ok := moduleGates[name]; ok && !on(gate) {
		return false
	}
	switch {
	case name == "node:process":
		return true
	case strings.HasPrefix(name, "internal:"), strings.HasPrefix(name, "node-internal:"):
		return false // the built-ins' own helpers
	case name == "node:async_hooks":
		return als
	case strings.HasPrefix(name, "node:"):
		return node
	}
	return true
}

// originalPrefix names a built-in module that a worker module of the same name hides.
const originalPrefix = "internal:original/"

// registerBuiltins adds the built-in modules to the isolate and installs the resolver: for the
// worker's own code, node: modules exist only with nodejs_compat (see nodeFeatures), where a
// bare "assert" may also mean "node:assert". Built-ins see each other regardless (node:process
// uses node:events when it is there to be used).
func (i *Isolate) registerBuiltins(user map[string]bool, enabled map[string]bool, flags []string) {
	node, bare, als, processV2 := nodeFeatures(enabled, flags)
	on := func(f string) bool { return enabled[f] || slices.Contains(flags, f) }
	mods := builtinModules()
	for name, src := range mods {
		if name == "node:process" && !processV2 {
			src = mods["internal:process_legacy"]
		}
		if gate, ok := moduleGates[name]; ok && !on(gate) {
			continue // as if it did not exist (nothing built in depends on these)
		}
		if user[name] {
			// The worker's own module wins for imports; process.getBuiltinModule() still gets
			// the built-in, under another name.
			name = originalPrefix + name
		}
		kind := v8ext.ESM
		if builtinCJS[name] {
			kind = v8ext.CommonJS
		}
		i.ext.SetModule(name, kind, src)
	}
	// Built-ins require() each other synchronously through this module's require (getBuiltinModule).
	i.ext.SetModule("internal:require", v8ext.CommonJS, []byte("module.exports = require;"))
	ext := i.ext
	i.ext.SetResolver(func(spec, referrer string) (string, bool) {
		if referrer == "internal:require" && user[spec] && ext.HasModule(originalPrefix+spec) {
			return originalPrefix + spec, true // getBuiltinModule() of a name the worker overrides
		}
		if strings.HasPrefix(referrer, "node:") || strings.HasPrefix(referrer, "node-internal:") || strings.HasPrefix(referrer, "cloudflare:") ||
			strings.HasPrefix(referrer, "workerd:") || strings.HasPrefix(referrer, "internal:") {
			// Built-ins import each other by full specifier only.
			if ext.HasModule(spec) {
				return spec, true
			}
		}
		if bare && !strings.Contains(spec, ":") && !strings.HasPrefix(spec, ".") && !strings.HasPrefix(spec, "/") {
			base := spec
			if j := strings.IndexByte(spec, '/'); j >= 0 && !strings.HasPrefix(spec, "@") {
				base = spec[:j]
			}
			rel := path.Join(path.Dir(referrer), spec)
			_, gated := moduleGates["node:"+base] // a node: name even when its flag is off, as in workerd
			if !user[rel] && !user[spec] && (ext.HasModule("node:"+base) || gated) {
				return "node:" + spec, true
			}
		}
		name, ok := ext.DefaultResolve(spec, referrer)
		if ok && !user[name] && !builtinAvailable(name, node, als, on) {
			return "", false
		}
		return name, ok
	})
}

// bundleFiles is what node:fs shows under /bundle: the worker's modules by name, with their
// sources (base64 in the spec JSON). Only workers that can import node:fs get them.
func bundleFiles(w *Worker) []map[string]any {
	const gate = "enable_nodejs_fs_module"
	node, _, _, _ := nodeFeatures(w.CompatEnabled, w.CompatFlags)
	if w.Modules == nil || !node || (!w.CompatEnabled[gate] && !slices.Contains(w.CompatFlags, gate)) {
		return nil
	}
	out := make([]map[string]any, len(w.Modules))
	for n, m := range w.Modules {
		out[n] = map[string]any{"name": m.Name, "data": m.Source}
	}
	return out
}
