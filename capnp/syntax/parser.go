package syntax

import (
	"fmt"
	"math"
)

// maxDepth bounds nesting of expressions and declarations so hostile input cannot exhaust the stack.
const maxDepth = 200

// Parse parses one schema file. It returns the syntax tree (possibly partial) and every syntax
// error found; the parser recovers at statement boundaries so several errors can be reported.
func Parse(path string, src []byte) (*File, []*Error) {
	lx := &lexer{path: path, src: src, line: 1, col: 1}
	p := &parser{path: path, toks: lx.tokenize()}
	p.errs = lx.errs
	f := &File{Path: path}
	if len(lx.errs) == 0 {
		p.file(f)
	} else {
		// A lexical error leaves a truncated token stream; parse what there is but keep only the
		// lexer's (first) error, which is the one that matters.
		p.file(f)
		p.errs = p.errs[:1]
	}
	return f, p.errs
}

type parser struct {
	path  string
	toks  []token
	i     int
	depth int
	errs  []*Error
}

// bail aborts the current statement; parse functions recover it at statement level.
type bail struct{}

func (p *parser) tok() token       { return p.toks[p.i] }
func (p *parser) peek(n int) token { return p.toks[min(p.i+n, len(p.toks)-1)] }
func (p *parser) nextTok() token {
	t := p.toks[p.i]
	if p.i < len(p.toks)-1 {
		p.i++
	}
	return t
}

func (p *parser) fail(s Span, format string, args ...any) {
	p.errs = append(p.errs, &Error{Path: p.path, Span: s, Msg: fmt.Sprintf(format, args...)})
	panic(bail{})
}

func (p *parser) isPunct(s string) bool { t := p.tok(); return t.kind == tPunct && t.str == s }
func (p *parser) isOp(s string) bool    { t := p.tok(); return t.kind == tOp && t.str == s }
func (p *parser) isKeyword(s string) bool {
	t := p.tok()
	return t.kind == tIdent && t.str == s
}

func (p *parser) expectPunct(s string) token {
	if !p.isPunct(s) {
		p.fail(p.tok().span, "Parse error.")
	}
	return p.nextTok()
}

func (p *parser) expectOp(s string) token {
	if !p.isOp(s) {
		p.fail(p.tok().span, "Parse error.")
	}
	return p.nextTok()
}

func (p *parser) ident() (string, Span) {
	t := p.tok()
	if t.kind != tIdent {
		p.fail(t.span, "Parse error.")
	}
	p.nextTok()
	return t.str, t.span
}

// recover skips to the end of the current statement after an error: past the next `;` at this
// nesting level, or past a balanced `{…}` block, or up to a closing `}` of the enclosing block.
func (p *parser) recover() {
	depth := 0
	for {
		t := p.tok()
		switch {
		case t.kind == tEOF:
			return
		case t.kind == tPunct && (t.str == "{" || t.str == "(" || t.str == "["):
			depth++
		case t.kind == tPunct && (t.str == ")" || t.str == "]"):
			if depth > 0 {
				depth--
			}
		case t.kind == tPunct && t.str == "}":
			if depth == 0 {
				return
			}
			depth--
			if depth == 0 {
				p.nextTok()
				return
			}
		case t.kind == tPunct && t.str == ";" && depth == 0:
			p.nextTok()
			return
		}
		p.nextTok()
	}
}

func (p *parser) file(f *File) {
	for p.tok().kind != tEOF {
		if p.isPunct("}") {
			p.errs = append(p.errs, &Error{Path: p.path, Span: p.tok().span, Msg: "Parse error."})
			p.nextTok()
			continue
		}
		p.statement(func(d *Decl) { f.Decls = append(f.Decls, d) }, f, DeclStruct)
	}
}

// statement parses one declaration in a scope of the given kind (DeclStruct stands for the file
// and struct bodies, DeclUnion/DeclGroup for member blocks, DeclEnum, DeclInterface).
func (p *parser) statement(add func(*Decl), f *File, scope DeclKind) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(bail); !ok {
				panic(r)
			}
			p.recover()
		}
	}()
	start := p.tok().span.Start
	t := p.tok()
	if f != nil && t.kind == tOp && t.str == "@" {
		// File id: @0x…;
		p.nextTok()
		it := p.tok()
		if it.kind != tInt {
			p.fail(it.span, "Parse error.")
		}
		p.nextTok()
		if it.uint < 1<<63 {
			p.errs = append(p.errs, &Error{Path: p.path, Span: it.span, Msg: "Invalid ID.  Please generate a new one with 'capnpc -i'."})
		}
		f.ID, f.IDSpan = it.uint, Span{start, it.span.End}
		p.expectPunct(";")
		return
	}
	if f != nil && t.kind == tOp && t.str == "$" {
		a := p.annotation()
		f.Annotations = append(f.Annotations, a)
		p.expectPunct(";")
		return
	}
	if t.kind != tIdent {
		p.fail(t.span, "Parse error.")
	}
	var d *Decl
	switch {
	case t.str == "using":
		d = p.usingDecl()
	case t.str == "const" && p.peek(1).kind == tIdent:
		d = p.constDecl()
	case t.str == "struct" && p.peek(1).kind == tIdent:
		d = p.blockDecl(DeclStruct)
	case t.str == "enum" && p.peek(1).kind == tIdent:
		d = p.blockDecl(DeclEnum)
	case t.str == "interface" && p.peek(1).kind == tIdent:
		d = p.blockDecl(DeclInterface)
	case t.str == "annotation" && p.peek(1).kind == tIdent:
		d = p.annotationDecl()
	case t.str == "union" && p.peek(1).kind == tPunct && p.peek(1).str == "{":
		d = &Decl{Kind: DeclUnion, Ordinal: -1}
		p.nextTok()
		p.block(d)
	default:
		d = p.memberDecl(scope)
	}
	d.Span = Span{start, p.toks[max(p.i-1, 0)].span.End}
	add(d)
}

func (p *parser) usingDecl() *Decl {
	p.nextTok()
	d := &Decl{Kind: DeclUsing, Ordinal: -1}
	if p.tok().kind == tIdent && p.peek(1).kind == tOp && p.peek(1).str == "=" {
		d.Name, d.NameSpan = p.ident()
		p.nextTok()
	}
	d.Target = p.expr()
	if d.Name == "" {
		// `using import "x".Foo;` takes the name of the last member.
		if d.Target.Kind == ExprMember {
			d.Name, d.NameSpan = d.Target.Str, d.Target.Span
		} else if d.Target.Kind == ExprRelName {
			d.Name, d.NameSpan = d.Target.Str, d.Target.Span
		} else {
			p.fail(d.Target.Span, "'using' declaration without '=' must specify a named declaration from a different scope.")
		}
	}
	p.expectPunct(";")
	return d
}

func (p *parser) optID(d *Decl) {
	if p.isOp("@") && p.peek(1).kind == tInt {
		at := p.nextTok()
		it := p.nextTok()
		d.IDSpan = Span{at.span.Start, it.span.End}
		d.ID = it.uint
		if it.uint < 1<<63 {
			p.errs = append(p.errs, &Error{Path: p.path, Span: it.span, Msg: "Invalid ID.  Please generate a new one with 'capnpc -i'."})
		}
	}
}

func (p *parser) annotations(d *Decl) {
	for p.isOp("$") {
		d.Annotations = append(d.Annotations, p.annotation())
	}
}

// annotation parses `$name` or `$name(value)`; a single unnamed tuple element is a plain value.
func (p *parser) annotation() *AnnotationApp {
	start := p.expectOp("$").span.Start
	e := p.expr()
	a := &AnnotationApp{Name: e}
	if e.Kind == ExprApply {
		a.Name = e.Base
		if len(e.Params) == 1 && e.Params[0].Name == "" {
			a.Value = e.Params[0].Value
		} else {
			a.Value = &Expr{Kind: ExprTuple, Span: e.Span, Params: e.Params}
		}
	}
	a.Span = Span{start, e.Span.End}
	return a
}

func (p *parser) constDecl() *Decl {
	p.nextTok()
	d := &Decl{Kind: DeclConst, Ordinal: -1}
	d.Name, d.NameSpan = p.ident()
	p.optID(d)
	p.expectOp(":")
	d.Type = p.expr()
	p.expectOp("=")
	d.Value = p.expr()
	p.annotations(d)
	p.expectPunct(";")
	return d
}

func (p *parser) annotationDecl() *Decl {
	p.nextTok()
	d := &Decl{Kind: DeclAnnotation, Ordinal: -1}
	d.Name, d.NameSpan = p.ident()
	p.optID(d)
	p.expectPunct("(")
	for !p.isPunct(")") {
		name, _ := p.ident()
		d.Targets = append(d.Targets, name)
		if !p.isPunct(")") {
			p.expectPunct(",")
		}
	}
	p.nextTok()
	p.expectOp(":")
	d.Type = p.expr()
	p.annotations(d)
	p.expectPunct(";")
	return d
}

// blockDecl parses struct, enum and interface declarations.
func (p *parser) blockDecl(kind DeclKind) *Decl {
	p.nextTok()
	d := &Decl{Kind: kind, Ordinal: -1}
	d.Name, d.NameSpan = p.ident()
	p.optID(d)
	if p.isPunct("(") && kind != DeclEnum {
		p.nextTok()
		for !p.isPunct(")") {
			name, _ := p.ident()
			d.Params = append(d.Params, name)
			if !p.isPunct(")") {
				p.expectPunct(",")
			}
		}
		p.nextTok()
	}
	if kind == DeclInterface && p.isKeyword("extends") {
		p.nextTok()
		p.expr()
	}
	p.annotations(d)
	if kind == DeclInterface {
		p.skipBlock()
		return d
	}
	p.block(d)
	return d
}

// skipBlock passes over a balanced `{…}` block (interface bodies are not modelled).
func (p *parser) skipBlock() {
	p.expectPunct("{")
	depth := 1
	for depth > 0 {
		t := p.nextTok()
		switch {
		case t.kind == tEOF:
			p.fail(t.span, "Parse error.")
		case t.kind == tPunct && t.str == "{":
			depth++
		case t.kind == tPunct && t.str == "}":
			depth--
		}
	}
}

func (p *parser) block(d *Decl) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > maxDepth {
		p.fail(p.tok().span, "Declarations are nested too deeply.")
	}
	p.expectPunct("{")
	for !p.isPunct("}") {
		if p.tok().kind == tEOF {
			p.fail(p.tok().span, "Parse error.")
		}
		p.statement(func(c *Decl) { d.Nested = append(d.Nested, c) }, nil, d.Kind)
	}
	p.nextTok()
}

// memberDecl parses fields, named unions, groups and enumerants: `name @N …`.
func (p *parser) memberDecl(scope DeclKind) *Decl {
	d := &Decl{Ordinal: -1}
	d.Name, d.NameSpan = p.ident()
	if p.isOp("@") {
		at := p.nextTok()
		it := p.tok()
		if it.kind != tInt {
			p.fail(it.span, "Parse error.")
		}
		p.nextTok()
		d.OrdSpan = Span{at.span.Start, it.span.End}
		if it.uint >= 65536 {
			p.errs = append(p.errs, &Error{Path: p.path, Span: it.span, Msg: "Ordinals cannot be greater than 65535."})
		}
		d.Ordinal = int(min(it.uint, 65535))
	}
	if scope == DeclEnum {
		d.Kind = DeclEnumerant
		if d.Ordinal < 0 {
			p.fail(d.NameSpan, "Parse error.")
		}
		p.annotations(d)
		p.expectPunct(";")
		return d
	}
	if scope == DeclInterface {
		d.Kind = DeclMethod
		p.recover()
		return d
	}
	p.expectOp(":")
	if p.isKeyword("union") && (p.peek(1).kind == tPunct && p.peek(1).str == "{" || p.peek(1).kind == tOp && p.peek(1).str == "$") {
		p.nextTok()
		d.Kind = DeclUnion
		p.annotations(d)
		p.block(d)
		return d
	}
	if p.isKeyword("group") && (p.peek(1).kind == tPunct && p.peek(1).str == "{" || p.peek(1).kind == tOp && p.peek(1).str == "$") {
		p.nextTok()
		d.Kind = DeclGroup
		if d.Ordinal >= 0 {
			p.errs = append(p.errs, &Error{Path: p.path, Span: d.OrdSpan, Msg: "Groups don't have ordinals."})
		}
		p.annotations(d)
		p.block(d)
		return d
	}
	d.Kind = DeclField
	if d.Ordinal < 0 {
		p.errs = append(p.errs, &Error{Path: p.path, Span: d.NameSpan, Msg: "Missing ordinal for field."})
	}
	d.Type = p.expr()
	if p.isOp("=") {
		p.nextTok()
		d.Value = p.expr()
	}
	p.annotations(d)
	p.expectPunct(";")
	return d
}

// expr parses a value or type expression with its `.member` and `(params)` suffixes.
func (p *parser) expr() *Expr {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > maxDepth {
		p.fail(p.tok().span, "Expression is nested too deeply.")
	}
	e := p.baseExpr()
	for {
		if p.isOp(".") && p.peek(1).kind == tIdent {
			p.nextTok()
			name, span := p.ident()
			e = &Expr{Kind: ExprMember, Base: e, Str: name, Span: Span{e.Span.Start, span.End}, NameSpan: span}
			continue
		}
		if p.isPunct("(") {
			params, span := p.tuple()
			e = &Expr{Kind: ExprApply, Base: e, Params: params, Span: Span{e.Span.Start, span.End}}
			continue
		}
		return e
	}
}

func (p *parser) baseExpr() *Expr {
	t := p.tok()
	switch t.kind {
	case tInt:
		p.nextTok()
		return &Expr{Kind: ExprPosInt, Uint: t.uint, Span: t.span}
	case tFloat:
		p.nextTok()
		return &Expr{Kind: ExprFloat, Float: t.float, Span: t.span}
	case tString:
		e := &Expr{Kind: ExprString, Span: t.span}
		for p.tok().kind == tString {
			s := p.nextTok()
			e.Str += s.str
			e.Span.End = s.span.End
		}
		return e
	case tBinary:
		p.nextTok()
		return &Expr{Kind: ExprBinary, Bytes: t.bytes, Span: t.span}
	case tOp:
		switch {
		case t.str == "-" && p.peek(1).kind == tInt:
			p.nextTok()
			it := p.nextTok()
			return &Expr{Kind: ExprNegInt, Uint: it.uint, Span: Span{t.span.Start, it.span.End}}
		case t.str == "-" && p.peek(1).kind == tFloat:
			p.nextTok()
			ft := p.nextTok()
			return &Expr{Kind: ExprFloat, Float: -ft.float, Span: Span{t.span.Start, ft.span.End}}
		case t.str == "-" && p.peek(1).kind == tIdent && p.peek(1).str == "inf":
			p.nextTok()
			it := p.nextTok()
			return &Expr{Kind: ExprFloat, Float: math.Inf(-1), Span: Span{t.span.Start, it.span.End}}
		case t.str == "." && p.peek(1).kind == tIdent:
			p.nextTok()
			name, span := p.ident()
			return &Expr{Kind: ExprAbsName, Str: name, Span: Span{t.span.Start, span.End}, NameSpan: span}
		}
	case tIdent:
		if (t.str == "import" || t.str == "embed") && p.peek(1).kind == tString {
			p.nextTok()
			s := p.nextTok()
			k := ExprImport
			if t.str == "embed" {
				k = ExprEmbed
			}
			return &Expr{Kind: k, Str: s.str, Span: Span{t.span.Start, s.span.End}, NameSpan: s.span}
		}
		p.nextTok()
		return &Expr{Kind: ExprRelName, Str: t.str, Span: t.span}
	case tPunct:
		switch t.str {
		case "[":
			return p.list()
		case "(":
			params, span := p.tuple()
			if len(params) == 1 && params[0].Name == "" {
				return params[0].Value // a single-value tuple is just that value
			}
			return &Expr{Kind: ExprTuple, Params: params, Span: span}
		}
	}
	p.fail(t.span, "Parse error.")
	return nil
}

func (p *parser) list() *Expr {
	start := p.nextTok().span.Start
	e := &Expr{Kind: ExprList}
	for !p.isPunct("]") {
		e.Elems = append(e.Elems, p.expr())
		if p.isPunct(",") {
			p.nextTok()
		} else if !p.isPunct("]") {
			p.fail(p.tok().span, "Parse error.")
		}
	}
	end := p.nextTok().span.End
	e.Span = Span{start, end}
	return e
}

func (p *parser) tuple() ([]*Param, Span) {
	start := p.nextTok().span.Start
	var params []*Param
	for !p.isPunct(")") {
		prm := &Param{}
		if p.tok().kind == tIdent && p.peek(1).kind == tOp && p.peek(1).str == "=" {
			prm.Name, prm.NameSpan = p.ident()
			p.nextTok()
		}
		prm.Value = p.expr()
		params = append(params, prm)
		if p.isPunct(",") {
			p.nextTok()
		} else if !p.isPunct(")") {
			p.fail(p.tok().span, "Parse error.")
		}
	}
	end := p.nextTok().span.End
	return params, Span{start, end}
}
