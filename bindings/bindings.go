// Package bindings turns a worker's configured bindings into the values its code sees in env
// (or as globals, for service-worker syntax).
package bindings

import (
	"fmt"

	"github.com/nanod-runtime/nanod/config"
	"github.com/nanod-runtime/nanod/isolate"
)

// Build translates bindings. target resolves service designators; lookupEnv reads the process
// environment (os.LookupEnv). Kinds nanod cannot provide yet are left out of env, each with a
// warning, so the rest of the worker still runs.
func Build(bs []*config.Binding, target func(config.Designator) isolate.Fetcher, lookupEnv func(string) (string, bool)) ([]isolate.Binding, []string) {
	var out []isolate.Binding
	var warnings []string
	for _, b := range bs {
		ib := isolate.Binding{Name: b.Name}
		switch b.Kind {
		case config.BindText:
			ib.Kind, ib.Text = isolate.BindText, b.Text
		case config.BindData:
			ib.Kind, ib.Data = isolate.BindData, b.Data
		case config.BindJSON:
			ib.Kind, ib.Text = isolate.BindJSON, b.Text
		case config.BindWasm:
			ib.Kind, ib.Data = isolate.BindWasm, b.Data
		case config.BindFromEnvironment:
			// workerd: the variable's value, or null when it is not set.
			if v, ok := lookupEnv(b.Text); ok {
				ib.Kind, ib.Text = isolate.BindText, v
			} else {
				ib.Kind = isolate.BindNull
			}
		case config.BindUnsafeEval:
			ib.Kind = isolate.BindUnsafeEval
		case config.BindCryptoKey:
			k := b.Key
			if k == nil { // config validation reported it
				continue
			}
			ib.Kind = isolate.BindCryptoKey
			ib.Key = &isolate.CryptoKey{Format: k.Format, Data: k.Data, JWK: k.JWK, Algorithm: k.Algorithm,
				Extractable: k.Extractable, Usages: k.Usages}
		case config.BindService:
			ib.Kind, ib.Fetcher = isolate.BindService, target(b.Service)
		default:
			kind := b.Kind.String()
			if b.Kind == config.BindOther {
				kind = b.Other
			}
			warnings = append(warnings, fmt.Sprintf("binding %q: %s bindings are not supported by nanod yet; it is left out of env", b.Name, kind))
			continue
		}
		out = append(out, ib)
	}
	return out, warnings
}

// Override applies a derived worker's bindings (Worker.inherit) to its base's: a binding with
// the same name replaces the base's, others are added.
func Override(base, derived []*config.Binding) []*config.Binding {
	out := append([]*config.Binding(nil), base...)
	for _, d := range derived {
		replaced := false
		for i, b := range out {
			if b.Name == d.Name {
				out[i], replaced = d, true
			}
		}
		if !replaced {
			out = append(out, d)
		}
	}
	return out
}
