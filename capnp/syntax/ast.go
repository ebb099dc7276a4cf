// Package syntax parses the Cap'n Proto schema language into a syntax tree.
//
// It covers the language as workerd configs and schema files use it: file ids, `using`,
// `import`, `embed`, `const`, `struct` (with unions, groups, ordinals and defaults), `enum`,
// `annotation` declarations and applications, and every literal form of the value grammar
// (integers, floats, strings with adjacent-string concatenation, backtick lines, `0x"…"` data,
// lists, tuples, `.name` and `A.b` references). Interfaces are parsed so that schema files
// containing them load, but their methods are not modelled.
package syntax

import "fmt"

// Pos is a position in a source file: 1-based line and column (in bytes), plus the byte offset.
type Pos struct {
	Offset int
	Line   int
	Col    int
}

func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// Span is a half-open range of source text.
type Span struct {
	Start, End Pos
}

// File is one parsed schema file.
type File struct {
	Path        string
	ID          uint64 // 0 when the file declares no id
	IDSpan      Span
	Decls       []*Decl
	Annotations []*AnnotationApp
}

// DeclKind says what a declaration declares.
type DeclKind int

const (
	DeclUsing DeclKind = iota
	DeclConst
	DeclStruct
	DeclEnum
	DeclInterface
	DeclAnnotation
	DeclField
	DeclUnion
	DeclGroup
	DeclEnumerant
	DeclMethod
)

var declKindNames = [...]string{"using", "const", "struct", "enum", "interface", "annotation",
	"field", "union", "group", "enumerant", "method"}

func (k DeclKind) String() string { return declKindNames[k] }

// Decl is a declaration. Which fields are meaningful depends on Kind.
type Decl struct {
	Kind     DeclKind
	Name     string // empty for an unnamed union
	NameSpan Span
	Span     Span // the whole declaration

	ID      uint64 // explicit @0x… id of a node declaration, or 0
	IDSpan  Span
	Ordinal int // @N of a field, enumerant, union or method; -1 when absent
	OrdSpan Span

	Type    *Expr // field, const and annotation type
	Value   *Expr // const value, field default (nil when none)
	Target  *Expr // using target
	Targets []string
	Params  []string // generic parameter names (unsupported by the compiler, reported there)

	Nested      []*Decl
	Annotations []*AnnotationApp
}

// AnnotationApp is one `$name(value)` application.
type AnnotationApp struct {
	Name  *Expr
	Value *Expr // nil when the annotation is applied without a value
	Span  Span
}

// ExprKind says what an expression is.
type ExprKind int

const (
	ExprUnknown ExprKind = iota
	ExprPosInt           // Uint
	ExprNegInt           // -Uint
	ExprFloat            // Float
	ExprString           // Str (already unescaped and concatenated)
	ExprBinary           // Bytes
	ExprRelName          // Str: a bare identifier
	ExprAbsName          // Str: `.name`
	ExprImport           // Str: `import "path"`
	ExprEmbed            // Str: `embed "path"`
	ExprMember           // Base.Str
	ExprApply            // Base(Params)
	ExprList             // [Elems]
	ExprTuple            // (Params)
)

// Expr is an expression of the value or type grammar.
type Expr struct {
	Kind     ExprKind
	Span     Span
	NameSpan Span // the quoted path of import/embed, the identifier of `.name` and `a.name`
	Str      string
	Uint     uint64
	Float    float64
	Bytes    []byte
	Base     *Expr
	Elems    []*Expr
	Params   []*Param
}

// Param is one element of a tuple: `name = value` or an unnamed `value`.
type Param struct {
	Name     string // empty when unnamed
	NameSpan Span
	Value    *Expr
}

// Error is a syntax error at a position.
type Error struct {
	Path string
	Span Span
	Msg  string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Span.Start.Line, e.Span.Start.Col, e.Msg)
}
