// Package oracle finds the real workerd binary (npm package `workerd`) that differential tests
// compare nanod against. Tests skip cleanly when it is not installed.
package oracle

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Workerd returns the path of the workerd binary: $WORKERD_BIN, else node_modules/.bin/workerd
// in the repository root (found by walking up from the working directory), else "".
func Workerd() string {
	if p := os.Getenv("WORKERD_BIN"); p != "" {
		return p
	}
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		p := filepath.Join(dir, "node_modules", ".bin", "workerd")
		if _, err := os.Stat(p); err == nil {
			return p
		}
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// SchemaFile returns the path of the reference workerd.capnp shipped in the npm package, or "".
func SchemaFile() string {
	w := Workerd()
	if w == "" {
		return ""
	}
	// node_modules/.bin/workerd -> node_modules/workerd/workerd.capnp
	p := filepath.Join(filepath.Dir(filepath.Dir(w)), "workerd", "workerd.capnp")
	if _, err := os.Stat(p); err == nil {
		return p
	}
	return ""
}

// RequireWorkerd returns the workerd path or skips the test.
func RequireWorkerd(t testing.TB) string {
	t.Helper()
	w := Workerd()
	if w == "" {
		t.Skip("workerd not installed (npm install workerd, or set WORKERD_BIN); skipping oracle test")
	}
	if err := exec.Command(w, "--version").Run(); err != nil {
		t.Skipf("workerd at %s does not run: %v", w, err)
	}
	return w
}
