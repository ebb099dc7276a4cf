package compiler_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/nanod-runtime/nanod/capnp/compiler"
)

// FuzzCompile feeds arbitrary text through the parser, compiler and encoder: whatever the input,
// they must report errors rather than panic. Seeds are every sample and corpus config.
func FuzzCompile(f *testing.F) {
	for _, pat := range []string{"../../samples/*/*.capnp", "../../testdata/corpus/*.capnp", "../builtin/*.capnp"} {
		files, _ := filepath.Glob(pat)
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
	f.Add([]byte("const x :Text = \"a\" `b\n;"))
	f.Fuzz(func(t *testing.T, src []byte) {
		c := compiler.New(compiler.Options{
			Builtins: newCompilerBuiltins(),
			// Embeds and imports resolve against a fixed in-memory file, never the disk.
			ReadFile: func(string) ([]byte, error) { return []byte("x"), nil },
		})
		file := c.LoadSource("/fuzz/config.capnp", src)
		c.CompileAll(file)
		if len(c.Errors()) > 0 {
			return
		}
		for _, n := range file.Node.Nested {
			if n.Kind == compiler.KindConst && n.Value != nil && n.Value.Kind == compiler.VStruct {
				msg, err := compiler.EncodeMessage(n.Value)
				if err != nil {
					continue
				}
				root, err := msg.Root()
				if err == nil {
					compiler.Dump(n.Type.Node, root.Struct())
				}
			}
		}
	})
}
