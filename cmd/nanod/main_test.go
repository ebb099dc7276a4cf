package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	capnp "capnproto.org/go/capnp/v3"
	"github.com/nanod-runtime/nanod/internal/oracle"
)

func runCLI(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

func TestCheckSamples(t *testing.T) {
	code, out, errOut := runCLI("check", "../../samples/nanoservices/config.capnp")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"front", "worker", "binding AUTH", "-> auth", "binding GREETER", "-> greeter",
		"internet", "network", "allow [public] (implicit)", "http  *:8080  http  -> front"} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
}

func TestCheckErrors(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "bad.capnp")
	os.WriteFile(p, []byte("using Workerd = import \"/workerd/workerd.capnp\";\nconst c :Workerd.Config = (services = [(name = \"x\", worker = (serviceWorkerScript = \"\", compatibilityDate = \"2024-01-01\", bindings = [(name = \"S\", service = \"missing\")]))]);\n"), 0o644)
	code, _, errOut := runCLI("check", p)
	if code != 1 || !strings.Contains(errOut, p+":2:") || !strings.Contains(errOut, `refers to a service "missing", but no such service is defined.`) {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	if code, _, errOut := runCLI("check", filepath.Join(dir, "nope.capnp")); code != 1 || !strings.Contains(errOut, "No such file.") {
		t.Errorf("missing file: exit %d %q", code, errOut)
	}
	if code, _, _ := runCLI("bogus"); code != 2 {
		t.Errorf("unknown command exit %d", code)
	}
}

// TestCompileConfigOnly writes the encoded config and checks it against workerd's bytes
// (both canonicalised) and that `check --binary` reads it back.
func TestCompileConfigOnly(t *testing.T) {
	sample := "../../samples/helloworld/config.capnp"
	code, out, errOut := runCLI("compile", sample, "--config-only")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	bin := filepath.Join(t.TempDir(), "c.bin")
	os.WriteFile(bin, []byte(out), 0o644)
	if code, graph, errOut := runCLI("check", "--binary", bin); code != 0 || !strings.Contains(graph, "service-worker script") {
		t.Fatalf("check --binary: exit %d %s %s", code, graph, errOut)
	}
	wd := oracle.Workerd()
	if wd == "" {
		t.Skip("workerd not installed; skipping byte comparison")
	}
	ref, err := exec.Command(wd, "compile", "--config-only", sample).Output()
	if err != nil {
		t.Fatal(err)
	}
	canon := func(b []byte) []byte {
		m, err := capnp.Unmarshal(b)
		if err != nil {
			t.Fatal(err)
		}
		r, _ := m.Root()
		c, err := capnp.Canonicalize(r.Struct())
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	if !bytes.Equal(canon([]byte(out)), canon(ref)) {
		t.Errorf("canonical encoding differs from workerd's")
	}
}
