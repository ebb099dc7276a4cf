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
		kind := v8ext.ESM
		if builtinCJS[name] {
			kind = v8ext.CommonJS
		}
		i.ext.SetModule(name, kind, src)
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
