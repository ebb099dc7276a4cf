package config

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	capnp "capnproto.org/go/capnp/v3"
	"github.com/nanod-runtime/nanod/capnp/builtin"
	"github.com/nanod-runtime/nanod/capnp/compiler"
	"github.com/nanod-runtime/nanod/capnp/workerd"
)

// Options control loading: which const to use and the command-line overrides workerd accepts.
type Options struct {
	Const          string            // the Config const to use; "" = the only one
	Binary         bool              // the file is an encoded Config message ("-" = stdin)
	ImportPaths    []string          // -I directories for absolute imports
	SocketAddrs    map[string]string // --socket-addr name=addr
	DirectoryPaths map[string]string // --directory-path name=path
	ExternalAddrs  map[string]string // --external-addr name=addr
	// SkipAddressCheck accepts sockets without an address (for `nanod test`, which listens on none).
	SkipAddressCheck bool
	// SkipCompatDate accepts workers without a compatibilityDate.
	SkipCompatDate bool
	// CompatDate is `--compat-date`: the date of every worker, which then must not set one.
	CompatDate string
	// Experimental allows experimental compatibility flags (`--experimental`).
	Experimental bool
	Stdin        io.Reader // for Binary with path "-"; nil = os.Stdin
}

// Error is one config error, with its position when known.
type Error struct {
	Pos string // "file:line:col" or "file"
	Msg string
}

func (e *Error) Error() string {
	if e.Pos == "" {
		return e.Msg
	}
	return e.Pos + ": " + e.Msg
}

// ErrorList holds every error found in a config; its text is one error per line.
type ErrorList []*Error

func (l ErrorList) Error() string {
	s := make([]string, len(l))
	for i, e := range l {
		s[i] = e.Error()
	}
	return strings.Join(s, "\n")
}

// Encoded is a config message plus, for text configs, the source positions of its values.
type Encoded struct {
	Path  string
	Const string
	Msg   *capnp.Message
	Root  workerd.Config
	pos   map[string]string // value path (e.g. "services[1].worker") -> file:line:col
	// runtime is the Nanod.Runtime wrapper the config came in, if any (text configs only).
	runtime *compiler.Value
}

// Compile reads a text or binary config and returns its message, without validating the graph.
func Compile(path string, opts Options) (*Encoded, error) {
	if opts.Binary {
		return readBinary(path, opts)
	}
	if path == "-" {
		return nil, ErrorList{{Msg: "Reading config from stdin is only allowed with --binary."}}
	}
	if st, err := os.Stat(path); err != nil {
		return nil, ErrorList{{Pos: path, Msg: "No such file."}}
	} else if st.IsDir() {
		return nil, ErrorList{{Pos: path, Msg: "Config path is not a file."}}
	}
	c := compiler.New(compiler.Options{Builtins: builtin.Files(), ImportPaths: opts.ImportPaths})
	f, err := c.LoadFile(path)
	if err != nil {
		return nil, ErrorList{{Msg: err.Error()}}
	}
	c.CompileAll(f)
	if errs := c.Errors(); len(errs) > 0 {
		return nil, fromCompiler(errs)
	}
	n, err := selectConst(c, f, opts.Const)
	if err != nil {
		return nil, err
	}
	value, wrapper := n.Value, (*compiler.Value)(nil)
	if isRuntime(n) {
		wrapper = n.Value
		fv := n.Value.Struct.Get("config")
		if fv == nil {
			return nil, ErrorList{{Pos: fmt.Sprintf("%s:%d:%d", path, n.Decl.NameSpan.Start.Line, n.Decl.NameSpan.Start.Col), Msg: "Nanod.Runtime must set `config` to a Workerd.Config."}}
		}
		value = fv.Value
	}
	msg, err := compiler.EncodeMessage(value)
	if err != nil {
		return nil, ErrorList{{Pos: path, Msg: err.Error()}}
	}
	root, err := workerd.ReadRootConfig(msg)
	if err != nil {
		return nil, ErrorList{{Pos: path, Msg: err.Error()}}
	}
	e := &Encoded{Path: path, Const: n.Name, Msg: msg, Root: root, pos: map[string]string{}, runtime: wrapper}
	recordPositions(e.pos, "", value)
	return e, nil
}

func fromCompiler(errs compiler.ErrorList) ErrorList {
	out := make(ErrorList, len(errs))
	for i, e := range errs {
		s := e.Error()
		pos, msg := "", s
		// compiler errors are "file:line:col[-end]: msg"
		if j := strings.Index(s, ": "); j >= 0 {
			pos, msg = s[:j], s[j+2:]
		}
		out[i] = &Error{Pos: pos, Msg: msg}
	}
	return out
}

// selectConst picks the Config constant as workerd does.
func selectConst(c *compiler.Compiler, f *compiler.File, name string) (*compiler.Node, error) {
	isConfig := func(n *compiler.Node) bool {
		return n.Kind == compiler.KindConst && n.Type != nil && n.Type.Kind == compiler.TStruct &&
			(n.Type.Node.ID == workerd.Config_TypeID || isRuntime(n))
	}
	if name != "" {
		n := c.Lookup(f, name)
		switch {
		case n == nil:
			return nil, ErrorList{{Pos: f.Path, Msg: "No such constant is defined in the config file."}}
		case n.Kind != compiler.KindConst:
			return nil, ErrorList{{Pos: f.Path, Msg: "Symbol is not a constant."}}
		case !isConfig(n):
			return nil, ErrorList{{Pos: f.Path, Msg: "Constant is not of type 'Config'."}}
		}
		c.CompileAll(f)
		return n, nil
	}
	var found, wrappers []*compiler.Node
	for _, n := range f.Node.Nested {
		if isConfig(n) {
			found = append(found, n)
			if isRuntime(n) {
				wrappers = append(wrappers, n)
			}
		}
	}
	// A file with one Nanod.Runtime wraps its own workerd config: the wrapper is meant.
	if len(wrappers) == 1 {
		return wrappers[0], nil
	}
	switch len(found) {
	case 0:
		return nil, ErrorList{{Pos: f.Path, Msg: "The config file does not define any top-level constants of type 'Config'."}}
	case 1:
		return found[0], nil
	}
	names := make([]string, len(found))
	for i, n := range found {
		names[i] = n.Name
	}
	return nil, ErrorList{{Pos: f.Path, Msg: "The config file defines multiple top-level constants of type 'Config', so you must specify which one to use. The options are: " + strings.Join(names, ", ")}}
}

// nanodFileID is the file id of the built-in /nanod/nanod.capnp.
const nanodFileID = 0xb5e4a6d1c2f30817

// isRuntime reports whether n is a const of type Nanod.Runtime (a workerd config plus limits).
func isRuntime(n *compiler.Node) bool {
	return n.Kind == compiler.KindConst && n.Type != nil && n.Type.Kind == compiler.TStruct &&
		n.Type.Node.Name == "Runtime" && n.Type.Node.Parent != nil && n.Type.Node.Parent.ID == nanodFileID
}

// recordPositions maps value paths to the source positions they were written at.
func recordPositions(pos map[string]string, path string, v *compiler.Value) {
	if v == nil {
		return
	}
	if v.File != nil && v.Span.Start.Line > 0 {
		pos[path] = fmt.Sprintf("%s:%d:%d", v.File.Path, v.Span.Start.Line, v.Span.Start.Col)
	}
	switch v.Kind {
	case compiler.VStruct:
		for _, fv := range v.Struct.Fields {
			p := fv.Field.Name
			if path != "" {
				p = path + "." + p
			}
			recordPositions(pos, p, fv.Value)
			// Groups are addressed as part of their parent: "https.options".
		}
	case compiler.VList:
		for i, e := range v.List {
			recordPositions(pos, fmt.Sprintf("%s[%d]", path, i), e)
		}
	}
}

func readBinary(path string, opts Options) (*Encoded, error) {
	var data []byte
	var err error
	if path == "-" {
		in := opts.Stdin
		if in == nil {
			in = os.Stdin
		}
		data, err = io.ReadAll(in)
	} else {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, ErrorList{{Pos: path, Msg: "No such file."}}
	}
	msg, err := capnp.Unmarshal(data)
	if err != nil {
		if len(data)%8 != 0 || len(data) == 0 {
			return nil, ErrorList{{Pos: path, Msg: "Not a valid Cap'n Proto message: " + err.Error()}}
		}
		// A flat single-segment message (no segment table).
		msg = &capnp.Message{Arena: capnp.SingleSegment(data)}
	}
	msg.ResetReadLimit(1 << 40)
	root, err := workerd.ReadRootConfig(msg)
	if err != nil {
		return nil, ErrorList{{Pos: path, Msg: "Not a valid Cap'n Proto message: " + err.Error()}}
	}
	return &Encoded{Path: path, Msg: msg, Root: root, pos: map[string]string{}}, nil
}

// position returns the source position of a value path, falling back to its closest ancestor
// with a known position, then to the file.
func (e *Encoded) position(path string) string {
	for p := path; ; {
		if s, ok := e.pos[p]; ok {
			return s
		}
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			if s, ok := e.pos[""]; ok && p != "" {
				return s
			}
			return e.Path
		}
		p = p[:i]
	}
}

// Load compiles (or reads) a config and builds the validated service graph. A NANO JSON app
// file (see apps.go) is accepted too.
func Load(path string, opts Options) (*Config, error) {
	if !opts.Binary && path != "-" && IsAppsFile(path) {
		return LoadApps(path, opts)
	}
	enc, err := Compile(path, opts)
	if err != nil {
		return nil, err
	}
	return Build(enc, opts)
}

// sortErrors orders errors by position (file, line, column) for stable output.
func sortErrors(l ErrorList) {
	sort.SliceStable(l, func(i, j int) bool { return posLess(l[i].Pos, l[j].Pos) })
}

func posLess(a, b string) bool {
	pa, pb := strings.Split(a, ":"), strings.Split(b, ":")
	if pa[0] != pb[0] {
		return pa[0] < pb[0]
	}
	for k := 1; k < 3; k++ {
		var x, y int
		if k < len(pa) {
			fmt.Sscan(pa[k], &x)
		}
		if k < len(pb) {
			fmt.Sscan(pb[k], &y)
		}
		if x != y {
			return x < y
		}
	}
	return false
}
