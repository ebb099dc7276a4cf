// Command genbundle writes isolate/runtime_gen.js, the esbuild bundle of isolate/js that nanod
// embeds. Run it through `go generate ./isolate` (it runs in the isolate directory).
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/nanod-runtime/nanod/isolate/internal/jsbundle"
)

func main() {
	dir := flag.String("dir", ".", "directory holding js/")
	out := flag.String("o", "runtime_gen.js", "output file")
	flag.Parse()
	src, err := jsbundle.Build(os.DirFS(*dir))
	if err == nil {
		err = os.WriteFile(*out, []byte(src), 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "genbundle:", err)
		os.Exit(1)
	}
}
