package syntax

import (
	"strings"
	"testing"
)

func TestParseDeclarations(t *testing.T) {
	src := `@0xd1b2c3d4e5f60718;
using Workerd = import "/workerd/workerd.capnp";
using import "x.capnp".Foo;
$Cxx.namespace("a::b");
struct S @0xf1b2c3d4e5f60718 $ann {
  a @0 :Text = "x" "y";
  u :union { b @1 :Void; c @2 :List(Int8); }
  g :group { d @3 :Bool; }
  union { e @4 :Data = 0x"00 ff"; f @5 :Float64 = -inf; }
  enum E { x @0; y @1 $ann; }
}
const c :S = (a = ` + "`line" + `
  , e = embed "f.bin");
annotation ann (struct, enumerant) :Void;
interface I { m @0 () -> (); }
`
	f, errs := Parse("t.capnp", []byte(src))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if f.ID != 0xd1b2c3d4e5f60718 || len(f.Annotations) != 1 {
		t.Errorf("file id %x, annotations %d", f.ID, len(f.Annotations))
	}
	var kinds []string
	for _, d := range f.Decls {
		kinds = append(kinds, d.Kind.String()+":"+d.Name)
	}
	if got := strings.Join(kinds, " "); got != "using:Workerd using:Foo struct:S const:c annotation:ann interface:I" {
		t.Errorf("decls: %s", got)
	}
	s := f.Decls[2]
	if s.ID != 0xf1b2c3d4e5f60718 || len(s.Nested) != 5 {
		t.Fatalf("struct: id %x, %d members", s.ID, len(s.Nested))
	}
	if a := s.Nested[0]; a.Value.Kind != ExprString || a.Value.Str != "xy" || a.Ordinal != 0 {
		t.Errorf("field a: %+v", a.Value)
	}
	if u := s.Nested[1]; u.Kind != DeclUnion || u.Name != "u" || len(u.Nested) != 2 {
		t.Errorf("union u: %+v", u)
	}
	if e := s.Nested[3].Nested[0]; e.Value.Kind != ExprBinary || string(e.Value.Bytes) != "\x00\xff" {
		t.Errorf("field e: %+v", e.Value)
	}
	c := f.Decls[3].Value
	if c.Kind != ExprTuple || c.Params[0].Value.Str != "line\n" || c.Params[1].Value.Kind != ExprEmbed {
		t.Errorf("const: %+v", c)
	}
}

func TestParseErrors(t *testing.T) {
	for src, want := range map[string]string{
		"const x = (;":                          "t.capnp:1:",
		"struct S { a @0 :Text }":               "t.capnp:1:23: Parse error.",
		"const x :Text = \"abc":                 "t.capnp:1:17: Parse error.",
		"const x :Data = 0x\"0g\";":             "t.capnp:1:17: Parse error.",
		"struct S { a @70000 :T; }":             "Ordinals cannot be greater than 65535.",
		"@0x1234;":                              "Invalid ID.",
		"const x :T = 99999999999999999999999;": "Integer literal is too large.",
		"\x00":                                  "Non-UTF-8 input detected.",
	} {
		_, errs := Parse("t.capnp", []byte(src))
		if len(errs) == 0 || !strings.Contains(errs[0].Error(), want) {
			t.Errorf("%q: errors %v, want %q", src, errs, want)
		}
	}
	// Deep nesting is an error, not a stack overflow.
	deep := "const x :T = " + strings.Repeat("[", 100000) + ";"
	if _, errs := Parse("t.capnp", []byte(deep)); len(errs) == 0 {
		t.Error("deep nesting accepted")
	}
}
