package compiler_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	capnp "capnproto.org/go/capnp/v3"
	"github.com/nanod-runtime/nanod/capnp/builtin"
	"github.com/nanod-runtime/nanod/capnp/compiler"
	"github.com/nanod-runtime/nanod/capnp/workerd"
	"github.com/nanod-runtime/nanod/internal/oracle"
)

func newCompilerBuiltins() map[string][]byte { return builtin.Files() }

func newCompiler() *compiler.Compiler {
	return compiler.New(compiler.Options{Builtins: builtin.Files()})
}

func compileBuiltin(t *testing.T) (*compiler.Compiler, *compiler.File) {
	t.Helper()
	c := newCompiler()
	f, err := c.LoadFile("/workerd/workerd.capnp")
	if err != nil {
		t.Fatal(err)
	}
	c.CompileAll(f)
	if errs := c.Errors(); len(errs) > 0 {
		t.Fatalf("built-in schema has errors:\n%v", errs)
	}
	return c, f
}

func TestBuiltinSchemaCompiles(t *testing.T) {
	c, f := compileBuiltin(t)
	if f.Node.ID != 0xe6afd26682091c01 {
		t.Errorf("file id = %#x", f.Node.ID)
	}
	cfg := c.Lookup(f, "Config")
	if cfg == nil || cfg.ID != workerd.Config_TypeID {
		t.Fatalf("Config node %v, want id %#x (generated code)", cfg, uint64(workerd.Config_TypeID))
	}
	// Spot checks of facts stated in workerd's schema.
	svc := c.Lookup(f, "ServiceDesignator")
	if svc.Fields[0].Name != "name" {
		t.Errorf("ServiceDesignator first field %q", svc.Fields[0].Name)
	}
	w := c.Lookup(f, "Worker")
	for _, fl := range w.Fields {
		if fl.Name == "globalOutbound" {
			if fl.Default == nil || fl.Default.Struct.Get("name").Value.Text != "internet" {
				t.Errorf("globalOutbound default = %+v", fl.Default)
			}
		}
	}
}

// nodeSummary describes every schema fact that affects encoding or meaning of a node.
func nodeSummary(n *compiler.Node) string {
	var b strings.Builder
	name := n.DisplayName
	if i := strings.IndexByte(name, ':'); i >= 0 {
		name = name[i:]
	} else if n.Kind == compiler.KindFile {
		name = "<file>"
	}
	fmt.Fprintf(&b, "%x %s kind=%d scope=%x", n.ID, name, n.Kind, n.ScopeID)
	switch n.Kind {
	case compiler.KindStruct:
		fmt.Fprintf(&b, " words=%d ptrs=%d group=%v dcount=%d doff=%d", n.DataWords, n.Pointers, n.IsGroup, n.DiscriminantCount, n.DiscriminantOffset)
		for _, f := range n.Fields {
			fmt.Fprintf(&b, "\n  %s code=%d ord=%d disc=%d", f.Name, f.CodeOrder, f.Ordinal, f.DiscriminantValue)
			if f.Group != nil {
				fmt.Fprintf(&b, " group=%x", f.Group.ID)
				continue
			}
			def := "-"
			if f.Default != nil {
				def = valueString(f.Type, f.Default)
			}
			fmt.Fprintf(&b, " off=%d type=%s default=%s explicit=%v", f.Offset, f.Type.Name(), def, f.HadExplicitDefault)
		}
	case compiler.KindEnum:
		for _, e := range n.Enumerants {
			fmt.Fprintf(&b, "\n  %s=%d code=%d", e.Name, e.Ordinal, e.CodeOrder)
		}
	}
	for _, m := range n.Nested {
		fmt.Fprintf(&b, "\n  nested %s %x", m.Name, m.ID)
	}
	return b.String()
}

// valueString renders a default by encoding it inside a one-field message and dumping it.
func valueString(t *compiler.Type, v *compiler.Value) string {
	switch v.Kind {
	case compiler.VText:
		return fmt.Sprintf("%q", v.Text)
	case compiler.VStruct:
		msg, err := compiler.EncodeMessage(v)
		if err != nil {
			return err.Error()
		}
		root, _ := msg.Root()
		return compiler.Dump(t.Node, root.Struct())
	case compiler.VList:
		var parts []string
		for _, e := range v.List {
			parts = append(parts, valueString(t.Elem, e))
		}
		return "[" + strings.Join(parts, ",") + "]"
	}
	return fmt.Sprintf("%v/%d/%d/%v/%d", v.Bool, v.Int, v.Uint, v.Float, v.Enum)
}

func allNodes(c *compiler.Compiler, f *compiler.File) map[uint64]*compiler.Node {
	out := map[uint64]*compiler.Node{}
	var walk func(n *compiler.Node)
	walk = func(n *compiler.Node) {
		out[n.ID] = n
		for _, m := range n.Nested {
			walk(m)
		}
		for _, g := range n.Groups {
			out[g.ID] = g
		}
	}
	walk(f.Node)
	return out
}

// TestSchemaMatchesReference compiles workerd's own workerd.capnp (from the npm package) and
// ours with the same compiler and compares every node: ids, names, ordinals, code order,
// discriminants, offsets, types and defaults.
func TestSchemaMatchesReference(t *testing.T) {
	ref := oracle.SchemaFile()
	if ref == "" {
		t.Skip("reference workerd.capnp not installed (npm install workerd)")
	}
	c, ours := compileBuiltin(t)
	rc := newCompiler()
	src, err := os.ReadFile(ref)
	if err != nil {
		t.Fatal(err)
	}
	rf := rc.LoadSource("/ref/workerd.capnp", src)
	rc.CompileAll(rf)
	if errs := rc.Errors(); len(errs) > 0 {
		t.Fatalf("reference schema: %v", errs)
	}
	a, b := allNodes(c, ours), allNodes(rc, rf)
	var ids []uint64
	for id := range b {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		n, ok := a[id]
		if !ok {
			t.Errorf("node %s (%x) missing from ours", b[id].DisplayName, id)
			continue
		}
		if got, want := nodeSummary(n), nodeSummary(b[id]); got != want {
			t.Errorf("node differs:\nours:\n%s\nreference:\n%s", got, want)
		}
	}
	for id, n := range a {
		if _, ok := b[id]; !ok {
			t.Errorf("extra node %s (%x)", n.DisplayName, id)
		}
	}
	t.Logf("compared %d nodes", len(ids))
}

// configConst finds the single Workerd.Config const of a file.
func configConst(t *testing.T, c *compiler.Compiler, f *compiler.File) *compiler.Node {
	t.Helper()
	var found *compiler.Node
	for _, n := range f.Node.Nested {
		if n.Kind == compiler.KindConst && n.Type != nil && n.Type.Kind == compiler.TStruct && n.Type.Node.ID == workerd.Config_TypeID {
			if found != nil {
				t.Fatalf("%s: several Config consts", f.Path)
			}
			found = n
		}
	}
	if found == nil {
		t.Fatalf("%s: no Config const", f.Path)
	}
	return found
}

// oracleConfigs lists the configs whose encoding must equal workerd's.
func oracleConfigs(t *testing.T) []string {
	var files []string
	for _, pat := range []string{"../../testdata/corpus/*.capnp", "../../samples/*/*.capnp", "../../testdata/configs/*.capnp"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no configs found")
	}
	return files
}

// TestEncodingMatchesWorkerd encodes every sample and corpus config and compares it with
// `workerd compile --config-only`, field by field through the schema.
func TestEncodingMatchesWorkerd(t *testing.T) {
	wd := oracle.RequireWorkerd(t)
	for _, path := range oracleConfigs(t) {
		t.Run(filepath.Base(filepath.Dir(path))+"/"+filepath.Base(path), func(t *testing.T) {
			c := newCompiler()
			f, err := c.LoadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			c.CompileAll(f)
			if errs := c.Errors(); len(errs) > 0 {
				t.Fatalf("compile errors:\n%v", errs)
			}
			cfg := configConst(t, c, f)
			msg, err := compiler.EncodeMessage(cfg.Value)
			if err != nil {
				t.Fatal(err)
			}
			root, err := msg.Root()
			if err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(wd, "compile", "--config-only", path, cfg.Name).Output()
			if err != nil {
				t.Fatalf("workerd compile: %v", err)
			}
			ref, err := capnp.Unmarshal(out)
			if err != nil {
				t.Fatal(err)
			}
			rroot, err := ref.Root()
			if err != nil {
				t.Fatal(err)
			}
			ours, theirs := compiler.Dump(cfg.Type.Node, root.Struct()), compiler.Dump(cfg.Type.Node, rroot.Struct())
			if ours != theirs {
				t.Errorf("encoding differs from workerd's\nours:   %s\ntheirs: %s", ours, theirs)
			}
		})
	}
}
