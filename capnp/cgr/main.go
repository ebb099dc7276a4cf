// Command cgr writes a Cap'n Proto CodeGeneratorRequest for a built-in schema file to stdout,
// compiled by nanod's own schema compiler, so code generator plugins such as capnpc-go can
// run without the reference `capnp` tool (Debian's is too old for workerd's schema).
//
//	go run ./capnp/cgr -pkg workerd -import github.com/nanod-runtime/nanod/capnp/workerd /workerd/workerd.capnp | capnpc-go
package main

import (
	"flag"
	"fmt"
	"os"

	capnp "capnproto.org/go/capnp/v3"
	"github.com/nanod-runtime/nanod/capnp/builtin"
	"github.com/nanod-runtime/nanod/capnp/compiler"
)

func main() {
	pkg := flag.String("pkg", "", "Go package name for the generated code")
	imp := flag.String("import", "", "Go import path of that package")
	flag.Parse()
	if flag.NArg() != 1 || *pkg == "" || *imp == "" {
		fmt.Fprintln(os.Stderr, "usage: cgr -pkg NAME -import PATH SCHEMA")
		os.Exit(2)
	}
	c := compiler.New(compiler.Options{Builtins: builtin.Files()})
	f, err := c.LoadFile(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	msg, err := c.CodeGeneratorRequest([]compiler.GoFile{{File: f, Package: *pkg, ImportPath: *imp}})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := capnp.NewEncoder(os.Stdout).Encode(msg); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
