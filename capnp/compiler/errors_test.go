package compiler_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nanod-runtime/nanod/capnp/compiler"
	"github.com/nanod-runtime/nanod/internal/oracle"
)

const header = "using Workerd = import \"/workerd/workerd.capnp\";\n"

// TestErrors checks that broken configs are reported with file:line:col and the reference
// compiler's wording where it has one.
func TestErrors(t *testing.T) {
	wd := oracle.Workerd()
	cases := []struct {
		name, src string
		want      []string // each must appear, in order
		same      bool     // workerd prints exactly these lines too
	}{
		{"syntax", "const x = (;\n", []string{"c.capnp:1:"}, false},
		{"unknown field", header + "const c :Workerd.Config = (servces = []);\n",
			[]string{"c.capnp:2:28-35: Struct has no field named 'servces'."}, true},
		{"wrong type", header + "const c :Workerd.Config = (services = [(name = 5)]);\n",
			[]string{"c.capnp:2:48-49: Type mismatch; expected Text."}, true},
		{"designator type", header + "const c :Workerd.Config = (sockets = [(name = \"a\", service = 5)]);\n",
			[]string{"c.capnp:2:62-63: Type mismatch; expected ServiceDesignator."}, true},
		{"unknown constant", header + "const c :Workerd.Config = (services = [(name = \"a\", worker = .nope)]);\n",
			[]string{"c.capnp:2:63-67: Not defined: nope"}, true},
		{"missing embed", header + "const c :Workerd.Config = (services = [(name = \"a\", worker = (serviceWorkerScript = embed \"missing.js\"))]);\n",
			[]string{"Couldn't read file for embed: missing.js"}, false},
		{"two union members", header + "const c :Workerd.Config = (services = [(name = \"a\", worker = (bindings = [(name = \"b\", text = \"x\", json = \"y\")]))]);\n",
			[]string{"'text' and 'json' are members of the same union; only one may be set."}, false},
		{"unknown enumerant", header + "const c :Workerd.Config = (sockets = [(name = \"a\", http = (style = sideways))]);\n",
			[]string{"Not defined: sideways"}, false},
		{"integer range", header + "const c :Workerd.Config = (services = [(name = \"a\", worker = (bindings = [(name = \"m\", memoryCache = (limits = (maxKeys = -1)))]))]);\n",
			[]string{"Integer value out of range."}, false},
		{"naming", header + "const Bad :Workerd.Config = ();\n", []string{"Non-type names must begin with a lower-case letter."}, true},
		{"several errors", header + "const c :Workerd.Config = (a = 1, b = 2);\n",
			[]string{"2:28-29: Struct has no field named 'a'.", "2:35-36: Struct has no field named 'b'."}, true},
		{"unterminated string", header + "const c :Workerd.Config = (services = [(name = \"abc)]);\n", []string{"c.capnp:2:"}, false},
		{"recursion", header + "const a :Workerd.Worker = .b;\nconst b :Workerd.Worker = .a;\n", []string{"recursively depends on itself"}, false},
		{"bad import", "using X = import \"nothere.capnp\";\nconst c :X.Config = ();\n", []string{"Import failed: nothere.capnp"}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "c.capnp")
			if err := os.WriteFile(p, []byte(tc.src), 0o644); err != nil {
				t.Fatal(err)
			}
			c := newCompiler()
			f, err := c.LoadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			c.CompileAll(f)
			got := c.Errors().Error()
			if got == "" {
				t.Fatalf("no errors reported")
			}
			rest := got
			for _, w := range tc.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("errors do not contain %q (in order):\n%s", w, got)
				}
				rest = rest[i+len(w):]
			}
			if tc.same && wd != "" {
				out, _ := exec.Command(wd, "compile", "--config-only", p).CombinedOutput()
				for _, w := range tc.want {
					if !strings.Contains(string(out), w) {
						t.Errorf("workerd's errors differ from ours: want %q in:\n%s", w, out)
					}
				}
			}
			for _, line := range strings.Split(got, "\n") {
				if !strings.HasPrefix(line, p+":") {
					t.Errorf("error line without file:line:col prefix: %q", line)
				}
			}
		})
	}
}

// TestValues checks literal forms by evaluating consts of a small user schema.
func TestValues(t *testing.T) {
	src := `@0xd1b2c3d4e5f60718;
struct S {
  a @0 :Int32 = -5;
  b @1 :UInt64;
  c @2 :Float64 = 1.5;
  d @3 :Text;
  e @4 :Data;
  f @5 :List(Int16);
  g @6 :Bool = true;
  h @7 :E;
  union {
    u1 @8 :Void;
    u2 @9 :Text;
  }
  grp :group { x @10 :UInt8; y @11 :Text; }
}
enum E { zero @0; one @1; two @2; }
const v :S = (a = 0x10, b = 0755, c = -inf, d = "x\ty" "z" ` + "`" + `raw line
  , e = 0x"de ad be ef", f = [1, -2, 3], g = false, h = two, u2 = "sel", grp = 7);
`
	dir := t.TempDir()
	p := filepath.Join(dir, "s.capnp")
	os.WriteFile(p, []byte(src), 0o644)
	c := newCompiler()
	f, err := c.LoadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	c.CompileAll(f)
	if errs := c.Errors(); len(errs) > 0 {
		t.Fatal(errs)
	}
	n := c.Lookup(f, "v")
	msg, err := compiler.EncodeMessage(n.Value)
	if err != nil {
		t.Fatal(err)
	}
	root, _ := msg.Root()
	got := compiler.Dump(n.Type.Node, root.Struct())
	want := `(a = 16, b = 493, c = -Inf, d = "x\tyzraw line\n", e = 0x"deadbeef", f = [1, -2, 3], g = false, h = two, u2 = "sel", grp = (x = 7))`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	// Defaults are XOR-encoded: a field assigned its default value takes no bits.
	s := root.Struct()
	if s.Uint32(0) != uint32(16^0xfffffffb) {
		t.Errorf("a bits = %#x", s.Uint32(0))
	}
}
