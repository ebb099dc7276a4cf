package config

import (
	"fmt"
	"strings"
	"time"

	"github.com/nanod-runtime/nanod/capnp/workerd"
)

func (b *builder) worker(path, name string, w workerd.Worker) *Worker {
	out := &Worker{
		CompatibilityDate:  text(w.CompatibilityDate),
		CompatibilityFlags: textList(w.CompatibilityFlags()),
		Raw:                w,
		GlobalOutbound:     Designator{Service: "internet"},
	}
	switch w.Which() {
	case workerd.Worker_Which_modules:
		mods, _ := w.Modules()
		if mods.Len() == 0 {
			b.errorf(path, "Worker \"%s\" has no code: its modules list is empty.", name)
		}
		seen := map[string]bool{}
		for i := 0; i < mods.Len(); i++ {
			m := b.module(mods.At(i))
			if seen[m.Name] {
				b.errorf(fmt.Sprintf("%s.modules[%d].name", path, i), "Worker \"%s\" has more than one module named \"%s\".", name, m.Name)
			}
			seen[m.Name] = true
			out.Modules = append(out.Modules, m)
		}
		if len(out.Modules) > 0 && out.Modules[0].Kind != ModuleESM && out.Modules[0].Kind != ModuleCommonJS && out.Modules[0].Kind != ModulePython {
			b.errorf(path+".modules[0]", "Worker \"%s\": the first module is the main module and must be code (esModule or commonJsModule), not %s.", name, out.Modules[0].Kind)
		}
	case workerd.Worker_Which_serviceWorkerScript:
		src, _ := w.ServiceWorkerScriptBytes()
		out.ServiceWorkerScript = append([]byte{}, src...)
	case workerd.Worker_Which_inherit:
		out.Inherit = text(w.Inherit)
	default:
		b.errorf(path, "Worker \"%s\" uses a code type nanod does not support.", name)
	}
	b.checkCompat(path, name, out)
	if w.HasGlobalOutbound() {
		g, _ := w.GlobalOutbound()
		out.GlobalOutbound = designator(g)
	}
	if w.HasCacheApiOutbound() {
		g, _ := w.CacheApiOutbound()
		d := designator(g)
		out.CacheAPIOutbound = &d
	}
	dos, _ := w.DurableObjectNamespaces()
	for i := 0; i < dos.Len(); i++ {
		d := dos.At(i)
		ns := DurableObjectNamespace{ClassName: text(d.ClassName), PreventEvict: d.PreventEviction(), EnableSQL: d.EnableSql()}
		if d.Which() == workerd.Worker_DurableObjectNamespace_Which_ephemeralLocal {
			ns.Ephemeral = true
		} else {
			ns.UniqueKey = text(d.UniqueKey)
		}
		out.DurableObjects = append(out.DurableObjects, ns)
	}
	bs, _ := w.Bindings()
	for i := 0; i < bs.Len(); i++ {
		bp := fmt.Sprintf("%s.bindings[%d]", path, i)
		out.Bindings = append(out.Bindings, b.binding(bp, name, out, bs.At(i)))
	}
	return out
}

func (b *builder) module(m workerd.Worker_Module) Module {
	out := Module{Name: text(m.Name), NamedExports: textList(m.NamedExports())}
	var src []byte
	switch m.Which() {
	case workerd.Worker_Module_Which_esModule:
		out.Kind = ModuleESM
		src, _ = m.EsModuleBytes()
	case workerd.Worker_Module_Which_commonJsModule:
		out.Kind = ModuleCommonJS
		src, _ = m.CommonJsModuleBytes()
	case workerd.Worker_Module_Which_text:
		out.Kind = ModuleText
		src, _ = m.TextBytes()
	case workerd.Worker_Module_Which_data:
		out.Kind = ModuleData
		src, _ = m.Data()
	case workerd.Worker_Module_Which_wasm:
		out.Kind = ModuleWasm
		src, _ = m.Wasm()
	case workerd.Worker_Module_Which_json:
		out.Kind = ModuleJSON
		src, _ = m.JsonBytes()
	case workerd.Worker_Module_Which_pythonModule:
		out.Kind = ModulePython
		src, _ = m.PythonModuleBytes()
	default:
		out.Kind = ModuleOther
	}
	out.Source = append([]byte{}, src...)
	return out
}

func (b *builder) binding(path, worker string, w *Worker, bd workerd.Worker_Binding) *Binding {
	out := &Binding{Name: text(bd.Name), Raw: bd, Pos: b.enc.position(path)}
	ctx := fmt.Sprintf("Worker \"%s\"'s binding \"%s\"", worker, out.Name)
	switch bd.Which() {
	case workerd.Worker_Binding_Which_text:
		out.Kind, out.Text = BindText, text(bd.Text)
	case workerd.Worker_Binding_Which_data:
		out.Kind = BindData
		d, _ := bd.Data()
		out.Data = append([]byte{}, d...)
	case workerd.Worker_Binding_Which_json:
		out.Kind, out.Text = BindJSON, text(bd.Json)
	case workerd.Worker_Binding_Which_wasmModule:
		out.Kind = BindWasm
		d, _ := bd.WasmModule()
		out.Data = append([]byte{}, d...)
		if w.IsModules() && w.Inherit == "" {
			b.errorf(path, "%s is a Wasm binding, but Wasm bindings are not allowed in modules-based scripts. Use Wasm modules instead.", ctx)
		}
	case workerd.Worker_Binding_Which_cryptoKey:
		out.Kind = BindCryptoKey
		ck, _ := bd.CryptoKey()
		out.Key = b.cryptoKey(path+".cryptoKey", out.Name, ck)
	case workerd.Worker_Binding_Which_service:
		out.Kind = BindService
		d, _ := bd.Service()
		out.Service = designator(d)
	case workerd.Worker_Binding_Which_durableObjectNamespace:
		out.Kind = BindDurableObjectNamespace
	case workerd.Worker_Binding_Which_kvNamespace:
		out.Kind = BindKV
		d, _ := bd.KvNamespace()
		out.Service = designator(d)
	case workerd.Worker_Binding_Which_r2Bucket:
		out.Kind = BindR2
		d, _ := bd.R2Bucket()
		out.Service = designator(d)
	case workerd.Worker_Binding_Which_queue:
		out.Kind = BindQueue
		d, _ := bd.Queue()
		out.Service = designator(d)
	case workerd.Worker_Binding_Which_fromEnvironment:
		out.Kind, out.Text = BindFromEnvironment, text(bd.FromEnvironment)
	case workerd.Worker_Binding_Which_unsafeEval:
		out.Kind = BindUnsafeEval
		if !b.opts.Experimental {
			b.errorf(path, "Unsafe eval bindings are an experimental feature which may change or go away in the future. You must run workerd with `--experimental` to use this feature.")
		}
	case workerd.Worker_Binding_Which_unspecified:
		b.errorf(path, "%s does not specify any binding value.", ctx)
	default:
		out.Kind, out.Other = BindOther, bd.Which().String()
	}
	return out
}

// checkWorkerRefs checks every designator in a worker against the service list.
func (b *builder) checkWorkerRefs(path string, s *Service) {
	w := s.Worker
	if w.Inherit != "" {
		base := b.cfg.byName[w.Inherit]
		if base == nil || base.Kind != KindWorker {
			b.errorf(path+".inherit", "Worker \"%s\" inherits from \"%s\", but no such Worker is defined.", s.Name, w.Inherit)
		}
	}
	b.checkDesignator(path+".globalOutbound", fmt.Sprintf("Worker \"%s\"'s globalOutbound", s.Name), w.GlobalOutbound)
	if w.CacheAPIOutbound != nil {
		b.checkDesignator(path+".cacheApiOutbound", fmt.Sprintf("Worker \"%s\"'s cacheApiOutbound", s.Name), *w.CacheAPIOutbound)
	}
	for i, bd := range w.Bindings {
		switch bd.Kind {
		case BindService, BindKV, BindR2, BindQueue:
			b.checkDesignator(fmt.Sprintf("%s.bindings[%d].%s", path, i, bd.Kind), fmt.Sprintf("Worker \"%s\"'s binding \"%s\"", s.Name, bd.Name), bd.Service)
		}
	}
}

// checkCompat validates the compatibility date and flags as workerd does. With --compat-date
// (test mode) that date is used for every worker and the config must not set its own.
func (b *builder) checkCompat(path, name string, w *Worker) {
	if w.Inherit != "" {
		return
	}
	date := w.CompatibilityDate
	if forced := b.opts.CompatDate; forced != "" {
		if date != "" {
			b.errorf(path+".compatibilityDate", "Worker specifies compatibilityDate but --compat-date was provided. When using --compat-date, workers must not specify compatibilityDate in the config. Use compatibilityFlags to enable/disable specific flags if needed.")
			return
		}
		date = forced
	} else if date == "" {
		if !b.opts.SkipCompatDate {
			b.errorf(path, "Worker \"%s\" must specify compatibilityDate.", name)
		}
		return
	}
	// workerd's test mode accepts any well-formed date, even past the newest supported one.
	today := time.Now()
	if b.opts.CompatDate != "" {
		today = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	r := CompileCompat(date, w.CompatibilityFlags, b.opts.Experimental, today)
	for _, e := range r.Errors {
		if b.opts.CompatDate != "" && strings.HasPrefix(e, "This Worker requires compatibility date") {
			continue
		}
		b.errorf(path, "service %s: %s", name, e)
	}
	w.CompatEnabled = r.Enabled
	w.EffectiveDate = date
}
