// Package builtin provides nanod's own copies of the schema files that workerd
// config files import by absolute path, such as "/workerd/workerd.capnp", plus
// "/nanod/nanod.capnp", nanod's wrapper that adds limits around a workerd config.
package builtin

import _ "embed"

var (
	//go:embed workerd.capnp
	workerdCapnp []byte

	//go:embed c++.capnp
	cxxCapnp []byte

	//go:embed nanod.capnp
	nanodCapnp []byte
)

// Files returns the built-in schema files keyed by import path. Each call
// returns a fresh map holding fresh copies, so callers may modify the result.
func Files() map[string][]byte {
	return map[string][]byte{
		"/workerd/workerd.capnp": append([]byte(nil), workerdCapnp...),
		"/capnp/c++.capnp":       append([]byte(nil), cxxCapnp...),
		"/nanod/nanod.capnp":     append([]byte(nil), nanodCapnp...),
	}
}
