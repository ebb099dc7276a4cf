package compiler

import (
	"crypto/md5"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/nanod-runtime/nanod/capnp/syntax"
)

// Options configure file loading.
type Options struct {
	// Builtins are schema files served from memory by absolute import path,
	// e.g. "/workerd/workerd.capnp". They are tried after ImportPaths, as workerd does.
	Builtins map[string][]byte
	// ImportPaths are searched, in order, for absolute imports and embeds ("/x/y.capnp").
	ImportPaths []string
	// ReadFile reads a file from disk; nil means os.ReadFile.
	ReadFile func(name string) ([]byte, error)
}

// Error is a compile error at a source position.
type Error struct {
	Path string
	Span syntax.Span
	Msg  string
}

func (e *Error) Error() string {
	if e.Span.Start.Line == 0 {
		return fmt.Sprintf("%s: %s", e.Path, e.Msg)
	}
	s := fmt.Sprintf("%s:%d:%d", e.Path, e.Span.Start.Line, e.Span.Start.Col)
	if e.Span.End.Line == e.Span.Start.Line && e.Span.End.Col > e.Span.Start.Col {
		s += fmt.Sprintf("-%d", e.Span.End.Col)
	}
	return s + ": " + e.Msg
}

// ErrorList is every error of a compilation, sorted by file and position.
type ErrorList []*Error

func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Compiler loads and compiles schema files. It is not safe for concurrent use.
type Compiler struct {
	opts  Options
	files map[string]*File
	nodes map[uint64]*Node
	errs  ErrorList
	seen  map[string]bool // de-duplicates identical errors

	aliasDone map[*syntax.Decl]*Node // resolved `using` targets
	aliasBusy map[*syntax.Decl]bool  // aliases being resolved (to report cycles)
}

// New returns a compiler with the given options.
func New(opts Options) *Compiler {
	if opts.ReadFile == nil {
		opts.ReadFile = os.ReadFile
	}
	return &Compiler{opts: opts, files: map[string]*File{}, nodes: map[uint64]*Node{}, seen: map[string]bool{},
		aliasDone: map[*syntax.Decl]*Node{}, aliasBusy: map[*syntax.Decl]bool{}}
}

// Errors returns the errors found so far, sorted by position.
func (c *Compiler) Errors() ErrorList {
	out := append(ErrorList(nil), c.errs...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return a.Span.Start.Offset < b.Span.Start.Offset
	})
	return out
}

func (c *Compiler) errorf(f *File, s syntax.Span, format string, args ...any) {
	p := "<unknown>"
	if f != nil {
		p = f.Path
	}
	e := &Error{Path: p, Span: s, Msg: fmt.Sprintf(format, args...)}
	key := e.Error()
	if c.seen[key] {
		return
	}
	c.seen[key] = true
	c.errs = append(c.errs, e)
}

// Node returns the node with the given id, if loaded.
func (c *Compiler) Node(id uint64) *Node { return c.nodes[id] }

// Files returns every loaded file.
func (c *Compiler) Files() []*File {
	out := make([]*File, 0, len(c.files))
	for _, f := range c.files {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// LoadFile parses a schema file from disk (or a built-in, for an absolute import path) and
// creates its nodes. Declarations are compiled on demand; call CompileAll for everything.
func (c *Compiler) LoadFile(name string) (*File, error) {
	if strings.HasPrefix(name, "/") {
		if _, ok := c.opts.Builtins[name]; ok && !fileExists(name) {
			return c.loadImport(nil, name, syntax.Span{})
		}
	}
	src, err := c.opts.ReadFile(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: No such file.", name)
		}
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return c.addFile(name, filepath.Dir(name), src), nil
}

// LoadSource adds a file from memory, as if read from path.
func (c *Compiler) LoadSource(name string, src []byte) *File {
	return c.addFile(name, filepath.Dir(name), src)
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

func (c *Compiler) addFile(name, dir string, src []byte) *File {
	if f, ok := c.files[name]; ok {
		return f
	}
	ast, serrs := syntax.Parse(name, src)
	f := &File{Path: name, Dir: dir, Src: src, AST: ast}
	c.files[name] = f
	for _, e := range serrs {
		c.errs = append(c.errs, &Error{Path: e.Path, Span: e.Span, Msg: e.Msg})
	}
	id := ast.ID
	if id == 0 {
		// Configs need no file id; derive a stable one from the path.
		id = childID(0, name)
	}
	display := strings.TrimPrefix(name, "/")
	f.Node = &Node{ID: id, Kind: KindFile, Name: display, DisplayName: display, File: f,
		nested: map[string]*Node{}, aliases: map[string]*syntax.Decl{}}
	c.register(f.Node, ast.IDSpan)
	c.addNested(f.Node, ast.Decls)
	c.checkNaming(f, ast.Decls)
	return f
}

// checkNaming enforces the schema language's naming rules, as the reference compiler does:
// types are capitalised, everything else starts lower-case, and no name has an underscore.
func (c *Compiler) checkNaming(f *File, decls []*syntax.Decl) {
	for _, d := range decls {
		if d.Name != "" {
			first := d.Name[0]
			upper := first >= 'A' && first <= 'Z'
			lower := first >= 'a' && first <= 'z'
			wantType := false
			switch d.Kind {
			case syntax.DeclStruct, syntax.DeclEnum, syntax.DeclInterface:
				wantType = true
			case syntax.DeclUsing:
				name := usingTargetName(d.Target)
				wantType = !(name != "" && name[0] >= 'a' && name[0] <= 'z')
			}
			if wantType && !upper {
				c.errorf(f, d.NameSpan, "Type names must begin with a capital letter.")
			} else if !wantType && !lower {
				c.errorf(f, d.NameSpan, "Non-type names must begin with a lower-case letter.")
			}
			if strings.Contains(d.Name, "_") {
				c.errorf(f, d.NameSpan, "Cap'n Proto declaration names should use camelCase and must not contain underscores. (Code generators may convert names to the appropriate style for the target language.)")
			}
		}
		c.checkNaming(f, d.Nested)
	}
}

func usingTargetName(e *syntax.Expr) string {
	switch e.Kind {
	case syntax.ExprRelName, syntax.ExprAbsName, syntax.ExprMember:
		return e.Str
	case syntax.ExprApply:
		return usingTargetName(e.Base)
	}
	return ""
}

func (c *Compiler) register(n *Node, s syntax.Span) {
	if prev, ok := c.nodes[n.ID]; ok && prev != n {
		c.errorf(n.File, s, "Duplicate ID @0x%x (also used by %s).", n.ID, prev.DisplayName)
		return
	}
	c.nodes[n.ID] = n
}

// addNested creates nodes for the nested declarations of parent.
func (c *Compiler) addNested(parent *Node, decls []*syntax.Decl) {
	for _, d := range decls {
		var kind NodeKind
		switch d.Kind {
		case syntax.DeclUsing:
			if c.checkDupName(parent, d) {
				parent.aliases[d.Name] = d
			}
			continue
		case syntax.DeclConst:
			kind = KindConst
		case syntax.DeclStruct:
			kind = KindStruct
		case syntax.DeclEnum:
			kind = KindEnum
		case syntax.DeclInterface:
			kind = KindInterface
		case syntax.DeclAnnotation:
			kind = KindAnnotation
		default:
			if parent.Kind == KindFile {
				c.errorf(parent.File, d.NameSpan, "This kind of declaration doesn't belong here.")
			}
			continue
		}
		id := d.ID
		if id == 0 {
			id = childID(parent.ID, d.Name)
		}
		sep := "."
		if parent.Kind == KindFile {
			sep = ":"
		}
		n := &Node{ID: id, ScopeID: parent.ID, Kind: kind, Name: d.Name, DisplayName: parent.DisplayName + sep + d.Name,
			File: parent.File, Parent: parent, Decl: d, nested: map[string]*Node{}, aliases: map[string]*syntax.Decl{}}
		if len(d.Params) > 0 {
			c.errorf(parent.File, d.NameSpan, "Generic declarations are not supported.")
		}
		if !c.checkDupName(parent, d) {
			continue
		}
		c.register(n, d.NameSpan)
		parent.nested[d.Name] = n
		parent.Nested = append(parent.Nested, n)
		c.addNested(n, d.Nested)
	}
}

func (c *Compiler) checkDupName(parent *Node, d *syntax.Decl) bool {
	if _, ok := parent.nested[d.Name]; ok {
		c.errorf(parent.File, d.NameSpan, "'%s' is already defined in this scope.", d.Name)
		return false
	}
	if _, ok := parent.aliases[d.Name]; ok {
		c.errorf(parent.File, d.NameSpan, "'%s' is already defined in this scope.", d.Name)
		return false
	}
	return true
}

// childID derives a node id from its parent's id and its name, as the reference compiler does.
func childID(parent uint64, name string) uint64 {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], parent)
	sum := md5.Sum(append(b[:], name...))
	return binary.BigEndian.Uint64(sum[:8]) | 1<<63
}

// groupID derives a group's id from its parent's id and its index among the parent's fields.
func groupID(parent uint64, index uint16) uint64 {
	var b [10]byte
	binary.LittleEndian.PutUint64(b[:], parent)
	binary.LittleEndian.PutUint16(b[8:], index)
	sum := md5.Sum(b[:])
	return binary.BigEndian.Uint64(sum[:8]) | 1<<63
}

// loadImport resolves an import or embed path relative to the importing file (or through the
// import paths and built-ins for an absolute path) and loads it as a schema file.
func (c *Compiler) loadImport(from *File, name string, s syntax.Span) (*File, error) {
	key, src, dir, err := c.readRelative(from, name)
	if err != nil {
		return nil, err
	}
	return c.addFile(key, dir, src), nil
}

// readRelative finds the bytes behind an import/embed path. It returns a key naming the file
// (its filesystem path, or the built-in path) and the directory for its own relative imports.
func (c *Compiler) readRelative(from *File, name string) (key string, src []byte, dir string, err error) {
	if strings.HasPrefix(name, "/") {
		for _, ip := range c.opts.ImportPaths {
			p := filepath.Join(ip, filepath.FromSlash(name))
			if b, err := c.opts.ReadFile(p); err == nil {
				return p, b, filepath.Dir(p), nil
			}
		}
		if b, ok := c.opts.Builtins[name]; ok {
			return name, b, "", nil
		}
		return "", nil, "", fs.ErrNotExist
	}
	if from == nil || from.Dir == "" {
		if from != nil && from.Dir == "" {
			// Relative import from a built-in file: resolve against its virtual directory.
			p := path.Join(path.Dir(from.Path), name)
			if b, ok := c.opts.Builtins[p]; ok {
				return p, b, "", nil
			}
		}
		return "", nil, "", fs.ErrNotExist
	}
	p := filepath.Join(from.Dir, filepath.FromSlash(name))
	b, err := c.opts.ReadFile(p)
	if err != nil {
		return "", nil, "", err
	}
	return p, b, filepath.Dir(p), nil
}

func (c *Compiler) readEmbed(f *File, e *syntax.Expr) ([]byte, bool) {
	_, b, _, err := c.readRelative(f, e.Str)
	if err != nil {
		c.errorf(f, e.NameSpan, "Couldn't read file for embed: %s", e.Str)
		return nil, false
	}
	f.Embeds = append(f.Embeds, e.Str)
	return b, true
}

// lookupMember finds a nested node or alias named name directly inside n.
func (c *Compiler) lookupMember(n *Node, name string) (*Node, bool) {
	if m, ok := n.nested[name]; ok {
		return m, true
	}
	if a, ok := n.aliases[name]; ok {
		if t, done := c.aliasDone[a]; done {
			return t, true
		}
		if c.aliasBusy[a] {
			c.errorf(n.File, a.NameSpan, "Declaration recursively depends on itself.")
			return nil, true
		}
		c.aliasBusy[a] = true
		t := c.resolveNode(scopeCtx{node: n, file: n.File}, a.Target)
		delete(c.aliasBusy, a)
		c.aliasDone[a] = t
		return t, true
	}
	return nil, false
}

// resolveNode resolves a name expression (relative, absolute, member, import) to a node.
func (c *Compiler) resolveNode(sc scopeCtx, e *syntax.Expr) *Node {
	switch e.Kind {
	case syntax.ExprRelName:
		for n := sc.node; n != nil; n = n.Parent {
			if m, ok := c.lookupMember(n, e.Str); ok {
				return m
			}
		}
		c.errorf(sc.file, e.Span, "Not defined: %s", e.Str)
		return nil
	case syntax.ExprAbsName:
		if m, ok := c.lookupMember(sc.file.Node, e.Str); ok {
			return m
		}
		c.errorf(sc.file, e.NameSpan, "Not defined: %s", e.Str)
		return nil
	case syntax.ExprImport:
		f, err := c.loadImport(sc.file, e.Str, e.Span)
		if err != nil {
			c.errorf(sc.file, e.NameSpan, "Import failed: %s", e.Str)
			return nil
		}
		return f.Node
	case syntax.ExprMember:
		base := c.resolveNode(sc, e.Base)
		if base == nil {
			return nil
		}
		if m, ok := c.lookupMember(base, e.Str); ok {
			return m
		}
		c.errorf(sc.file, e.Span, "'%s' has no member named '%s'", exprString(e.Base), e.Str)
		return nil
	case syntax.ExprApply:
		c.errorf(sc.file, e.Span, "Generic parameters are not supported here.")
		return nil
	}
	c.errorf(sc.file, e.Span, "Expected a name.")
	return nil
}

// compileType compiles a type expression.
func (c *Compiler) compileType(sc scopeCtx, e *syntax.Expr) *Type {
	switch e.Kind {
	case syntax.ExprRelName:
		// Declarations in scope shadow built-in type names.
		for n := sc.node; n != nil; n = n.Parent {
			if _, ok := n.nested[e.Str]; ok {
				return c.nodeType(sc, e, c.resolveNode(sc, e))
			}
			if _, ok := n.aliases[e.Str]; ok {
				return c.nodeType(sc, e, c.resolveNode(sc, e))
			}
		}
		if k, ok := typeNames[e.Str]; ok {
			return &Type{Kind: k}
		}
		if e.Str == "List" {
			c.errorf(sc.file, e.Span, "'List' requires exactly one parameter.")
			return nil
		}
		c.errorf(sc.file, e.Span, "Not defined: %s", e.Str)
		return nil
	case syntax.ExprApply:
		if e.Base.Kind == syntax.ExprRelName && e.Base.Str == "List" {
			if len(e.Params) != 1 || e.Params[0].Name != "" {
				c.errorf(sc.file, e.Span, "'List' requires exactly one parameter.")
				return nil
			}
			el := c.compileType(sc, e.Params[0].Value)
			if el == nil {
				return nil
			}
			return &Type{Kind: TList, Elem: el}
		}
		c.errorf(sc.file, e.Span, "Generic types are not supported.")
		return nil
	}
	return c.nodeType(sc, e, c.resolveNode(sc, e))
}

func (c *Compiler) nodeType(sc scopeCtx, e *syntax.Expr, n *Node) *Type {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case KindStruct:
		return &Type{Kind: TStruct, Node: n}
	case KindEnum:
		return &Type{Kind: TEnum, Node: n}
	case KindInterface:
		return &Type{Kind: TInterface, Node: n}
	}
	c.errorf(sc.file, e.Span, "'%s' is not a type.", exprString(e))
	return nil
}

// CompileAll compiles every declaration of f (and, through references, what it uses) so that
// all errors are reported and every node is complete.
func (c *Compiler) CompileAll(f *File) {
	c.compileAnnotations(scopeCtx{node: f.Node, file: f}, f.AST.Annotations, "file", &f.Node.Annotations)
	var walk func(n *Node)
	walk = func(n *Node) {
		c.compileNode(n)
		for _, m := range n.Nested {
			walk(m)
		}
		for _, a := range n.aliases {
			c.resolveNode(scopeCtx{node: n, file: n.File}, a.Target)
		}
	}
	walk(f.Node)
}

func (c *Compiler) compileNode(n *Node) {
	switch n.Kind {
	case KindStruct:
		c.ensureStruct(n)
	case KindEnum:
		c.ensureEnum(n)
	case KindConst:
		c.compileConst(n)
	case KindAnnotation:
		c.compileAnnotationDecl(n)
	}
}

func (c *Compiler) compileConst(n *Node) {
	if n.state == 2 {
		return
	}
	if n.state == 1 {
		c.errorf(n.File, n.Decl.NameSpan, "Declaration recursively depends on itself.")
		return
	}
	n.state = 1
	defer func() { n.state = 2 }()
	sc := scopeCtx{node: n.Parent, file: n.File}
	n.Type = c.compileType(sc, n.Decl.Type)
	if n.Type != nil && n.Decl.Value != nil {
		n.Value = c.compileValue(sc, n.Decl.Value, n.Type)
	}
	c.compileAnnotations(sc, n.Decl.Annotations, "const", &n.Annotations)
}

func (c *Compiler) compileAnnotationDecl(n *Node) {
	if n.state != 0 {
		return
	}
	n.state = 2
	n.Type = c.compileType(scopeCtx{node: n.Parent, file: n.File}, n.Decl.Type)
	n.Targets = n.Decl.Targets
}

// compileAnnotations evaluates annotation applications. Values are checked against the
// annotation's type; the compiler itself gives them no meaning.
func (c *Compiler) compileAnnotations(sc scopeCtx, apps []*syntax.AnnotationApp, target string, out *[]*AnnotationValue) {
	for _, a := range apps {
		n := c.resolveNode(sc, a.Name)
		if n == nil {
			continue
		}
		if n.Kind != KindAnnotation {
			c.errorf(sc.file, a.Name.Span, "'%s' is not an annotation.", exprString(a.Name))
			continue
		}
		c.compileAnnotationDecl(n)
		if n.Type == nil {
			continue
		}
		if !hasTarget(n.Targets, target) {
			c.errorf(sc.file, a.Name.Span, "'%s' cannot be applied to this kind of declaration.", exprString(a.Name))
			continue
		}
		var v *Value
		if a.Value == nil {
			if n.Type.Kind != TVoid {
				c.errorf(sc.file, a.Name.Span, "'%s' requires a value.", exprString(a.Name))
				continue
			}
			v = &Value{Kind: VVoid, Type: n.Type, File: sc.file, Span: a.Span}
		} else {
			v = c.compileValue(sc, a.Value, n.Type)
			if v == nil {
				continue
			}
		}
		*out = append(*out, &AnnotationValue{Node: n, Value: v})
	}
}

func hasTarget(targets []string, t string) bool {
	for _, x := range targets {
		if x == t || x == "*" {
			return true
		}
	}
	return false
}

// Lookup finds a node of f by a dotted name such as "config" or "Outer.inner".
func (c *Compiler) Lookup(f *File, dotted string) *Node {
	n := f.Node
	for _, part := range strings.Split(dotted, ".") {
		m, ok := c.lookupMember(n, part)
		if !ok || m == nil {
			return nil
		}
		n = m
	}
	return n
}
