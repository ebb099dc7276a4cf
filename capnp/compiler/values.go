package compiler

import (
	"math"
	"strings"

	"github.com/nanod-runtime/nanod/capnp/syntax"
)

// ValueKind says what a Value holds.
type ValueKind int

const (
	VUnknown ValueKind = iota
	VVoid
	VBool
	VInt   // Int: a negative integer literal
	VUint  // Uint: a non-negative integer literal
	VFloat // Float
	VText
	VData
	VList
	VStruct
	VEnum
)

// Value is an evaluated constant, default or annotation value. Values remember where they were
// written so later validation can point at the source.
type Value struct {
	Kind   ValueKind
	Type   *Type // the type the value was checked against
	Bool   bool
	Int    int64
	Uint   uint64
	Float  float64
	Text   string
	Data   []byte
	Enum   uint16
	List   []*Value
	Struct *StructValue

	File *File
	Span syntax.Span
}

// StructValue is a struct (or group) literal: the fields that were assigned, in order.
type StructValue struct {
	Node   *Node
	Fields []*FieldValue
}

// FieldValue is one assignment in a struct literal.
type FieldValue struct {
	Field    *Field
	Value    *Value
	NameSpan syntax.Span
}

// Get returns the value assigned to the named field, or nil.
func (s *StructValue) Get(name string) *FieldValue {
	for i := len(s.Fields) - 1; i >= 0; i-- {
		if s.Fields[i].Field.Name == name {
			return s.Fields[i]
		}
	}
	return nil
}

// scopeCtx is where an expression is evaluated: names resolve from node outwards.
type scopeCtx struct {
	node *Node
	file *File
}

func (c *Compiler) newValue(sc scopeCtx, e *syntax.Expr, k ValueKind) *Value {
	return &Value{Kind: k, File: sc.file, Span: e.Span}
}

// compileValue evaluates e as a value of type t, applying the first-field shorthand for structs.
func (c *Compiler) compileValue(sc scopeCtx, e *syntax.Expr, t *Type) *Value {
	v := c.compileValueInner(sc, e, t)
	if v == nil {
		return nil
	}
	if c.matchesType(sc, e, t, v) {
		return v
	}
	// A value that does not fit the struct type may fit its first field (in ordinal order):
	// `service = "main"` means `service = (name = "main")`.
	if t.Kind == TStruct {
		c.ensureStruct(t.Node)
		if len(t.Node.Fields) > 0 {
			f := t.Node.Fields[0]
			if f.Group == nil && c.matchesType(sc, e, f.Type, v) {
				return &Value{Kind: VStruct, Type: t, File: sc.file, Span: e.Span,
					Struct: &StructValue{Node: t.Node, Fields: []*FieldValue{{Field: f, Value: v, NameSpan: e.Span}}}}
			}
		}
	}
	c.errorf(sc.file, e.Span, "Type mismatch; expected %s.", t.Name())
	return nil
}

// matchesType checks (and normalises) a value produced by compileValueInner against t.
func (c *Compiler) matchesType(sc scopeCtx, e *syntax.Expr, t *Type, v *Value) bool {
	switch v.Kind {
	case VVoid:
		return t.Kind == TVoid
	case VBool:
		return t.Kind == TBool
	case VInt, VUint:
		var lo int64
		var hi uint64
		switch t.Kind {
		case TInt8:
			lo, hi = math.MinInt8, math.MaxInt8
		case TInt16:
			lo, hi = math.MinInt16, math.MaxInt16
		case TInt32:
			lo, hi = math.MinInt32, math.MaxInt32
		case TInt64:
			lo, hi = math.MinInt64, math.MaxInt64
		case TUint8:
			hi = math.MaxUint8
		case TUint16:
			hi = math.MaxUint16
		case TUint32:
			hi = math.MaxUint32
		case TUint64:
			hi = math.MaxUint64
		case TFloat32, TFloat64:
			if v.Kind == VInt {
				v.Float = float64(v.Int)
			} else {
				v.Float = float64(v.Uint)
			}
			v.Kind = VFloat
			v.Type = t
			return true
		default:
			return false
		}
		if v.Kind == VInt && v.Int < lo || v.Kind == VUint && v.Uint > hi {
			c.errorf(sc.file, e.Span, "Integer value out of range.")
		}
		v.Type = t
		return true
	case VFloat:
		if t.Kind == TFloat32 || t.Kind == TFloat64 {
			v.Type = t
			return true
		}
		return false
	case VText:
		return t.Kind == TText
	case VData:
		return t.Kind == TData
	case VList:
		return t.Kind == TList && v.Type.Equal(t) || t.Kind == TAnyPointer
	case VEnum:
		return t.Kind == TEnum && v.Type.Node == t.Node
	case VStruct:
		return t.Kind == TStruct && v.Type.Node == t.Node || t.Kind == TAnyPointer
	}
	return false
}

// compileValueInner evaluates e, using t only as a hint where e's own type is not obvious.
func (c *Compiler) compileValueInner(sc scopeCtx, e *syntax.Expr, t *Type) *Value {
	switch e.Kind {
	case syntax.ExprRelName:
		if t.Kind == TEnum {
			c.ensureEnum(t.Node)
			for _, en := range t.Node.Enumerants {
				if en.Name == e.Str {
					v := c.newValue(sc, e, VEnum)
					v.Type, v.Enum = t, uint16(en.Ordinal)
					return v
				}
			}
		} else {
			switch e.Str {
			case "void":
				return c.newValue(sc, e, VVoid)
			case "true", "false":
				v := c.newValue(sc, e, VBool)
				v.Bool = e.Str == "true"
				return v
			case "nan", "inf":
				v := c.newValue(sc, e, VFloat)
				v.Float = math.NaN()
				if e.Str == "inf" {
					v.Float = math.Inf(1)
				}
				return v
			}
		}
		return c.constValue(sc, e)
	case syntax.ExprAbsName, syntax.ExprImport, syntax.ExprApply, syntax.ExprMember:
		return c.constValue(sc, e)
	case syntax.ExprEmbed:
		data, ok := c.readEmbed(sc.file, e)
		if !ok {
			return nil
		}
		switch t.Kind {
		case TText:
			v := c.newValue(sc, e, VText)
			v.Text = string(data)
			return v
		case TData:
			v := c.newValue(sc, e, VData)
			v.Data = data
			return v
		case TStruct:
			c.errorf(sc.file, e.Span, "Embedding a binary Cap'n Proto message as a struct is not supported.")
			return nil
		}
		c.errorf(sc.file, e.Span, "Embeds can only be used when Text, Data, or a struct is expected.")
		return nil
	case syntax.ExprPosInt:
		v := c.newValue(sc, e, VUint)
		v.Uint = e.Uint
		return v
	case syntax.ExprNegInt:
		if e.Uint > 1<<63 {
			c.errorf(sc.file, e.Span, "Integer is too big to be negative.")
			return nil
		}
		v := c.newValue(sc, e, VInt)
		v.Int = -int64(e.Uint)
		if e.Uint == 1<<63 {
			v.Int = math.MinInt64
		}
		return v
	case syntax.ExprFloat:
		v := c.newValue(sc, e, VFloat)
		v.Float = e.Float
		return v
	case syntax.ExprString:
		if t.Kind == TData {
			v := c.newValue(sc, e, VData)
			v.Data = []byte(e.Str)
			return v
		}
		v := c.newValue(sc, e, VText)
		v.Text = e.Str
		return v
	case syntax.ExprBinary:
		if t.Kind != TData {
			c.errorf(sc.file, e.Span, "Type mismatch; expected %s.", t.Name())
			return nil
		}
		v := c.newValue(sc, e, VData)
		v.Data = e.Bytes
		return v
	case syntax.ExprList:
		if t.Kind != TList {
			c.errorf(sc.file, e.Span, "Type mismatch; expected %s.", t.Name())
			return nil
		}
		v := c.newValue(sc, e, VList)
		v.Type = t
		v.List = make([]*Value, len(e.Elems))
		for i, el := range e.Elems {
			v.List[i] = c.compileValue(sc, el, t.Elem)
			if v.List[i] == nil {
				v.List[i] = zeroValue(t.Elem, sc.file, el.Span)
			}
		}
		return v
	case syntax.ExprTuple:
		if t.Kind != TStruct {
			c.errorf(sc.file, e.Span, "Type mismatch; expected %s.", t.Name())
			return nil
		}
		c.ensureStruct(t.Node)
		v := c.newValue(sc, e, VStruct)
		v.Type = t
		v.Struct = &StructValue{Node: t.Node}
		c.fillStruct(sc, v.Struct, e.Params)
		return v
	}
	c.errorf(sc.file, e.Span, "Parse error.")
	return nil
}

// zeroValue stands in for an element whose expression failed, so lists keep their length.
func zeroValue(t *Type, f *File, s syntax.Span) *Value {
	v := &Value{Type: t, File: f, Span: s}
	switch t.Kind {
	case TStruct:
		v.Kind, v.Struct = VStruct, &StructValue{Node: t.Node}
	case TList:
		v.Kind = VList
	case TText:
		v.Kind = VText
	case TData:
		v.Kind = VData
	case TEnum:
		v.Kind = VEnum
	case TBool:
		v.Kind = VBool
	case TFloat32, TFloat64:
		v.Kind = VFloat
	case TVoid:
		v.Kind = VVoid
	default:
		v.Kind = VUint
	}
	return v
}

// fillStruct applies the assignments of a struct literal.
func (c *Compiler) fillStruct(sc scopeCtx, sv *StructValue, params []*syntax.Param) {
	for _, p := range params {
		if p.Name == "" {
			c.errorf(sc.file, p.Value.Span, "Missing field name.")
			continue
		}
		f := findField(sv.Node, p.Name)
		if f == nil {
			c.errorf(sc.file, p.NameSpan, "Struct has no field named '%s'.", p.Name)
			continue
		}
		var v *Value
		if f.Group != nil {
			v = c.groupValue(sc, f, p.Value)
		} else {
			v = c.compileValue(sc, p.Value, f.Type)
		}
		if v == nil {
			continue
		}
		c.checkUnion(sc, sv, f, p)
		sv.Fields = append(sv.Fields, &FieldValue{Field: f, Value: v, NameSpan: p.NameSpan})
	}
}

// groupValue evaluates the value assigned to a group: a tuple, or a value for its first field.
func (c *Compiler) groupValue(sc scopeCtx, f *Field, e *syntax.Expr) *Value {
	gt := &Type{Kind: TStruct, Node: f.Group}
	if e.Kind == syntax.ExprTuple {
		v := c.newValue(sc, e, VStruct)
		v.Type = gt
		v.Struct = &StructValue{Node: f.Group}
		c.fillStruct(sc, v.Struct, e.Params)
		return v
	}
	if len(f.Group.Fields) > 0 {
		first := f.Group.Fields[0]
		r := c.compileValueInner(sc, e, gt)
		if r == nil {
			return nil
		}
		if first.Group == nil && c.matchesType(sc, e, first.Type, r) {
			return &Value{Kind: VStruct, Type: gt, File: sc.file, Span: e.Span,
				Struct: &StructValue{Node: f.Group, Fields: []*FieldValue{{Field: first, Value: r, NameSpan: e.Span}}}}
		}
	}
	c.errorf(sc.file, e.Span, "Type mismatch; expected group.")
	return nil
}

// checkUnion reports a literal that sets two different members of the same union. The reference
// compiler silently keeps the last one; that is almost always a mistake in a config.
func (c *Compiler) checkUnion(sc scopeCtx, sv *StructValue, f *Field, p *syntax.Param) {
	if f.DiscriminantValue == NoDiscriminant {
		return
	}
	for _, prev := range sv.Fields {
		if prev.Field.Parent == f.Parent && prev.Field.DiscriminantValue != NoDiscriminant && prev.Field != f {
			c.errorf(sc.file, p.NameSpan, "'%s' and '%s' are members of the same union; only one may be set.", prev.Field.Name, f.Name)
			return
		}
	}
}

func findField(n *Node, name string) *Field {
	for _, f := range n.Fields {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// constValue resolves a name expression to a constant and returns its value.
func (c *Compiler) constValue(sc scopeCtx, e *syntax.Expr) *Value {
	n := c.resolveNode(sc, e)
	if n == nil {
		return nil
	}
	if n.Kind != KindConst {
		c.errorf(sc.file, e.Span, "'%s' does not refer to a constant.", exprString(e))
		return nil
	}
	c.compileConst(n)
	if n.Value == nil {
		return nil
	}
	return n.Value
}

func exprString(e *syntax.Expr) string {
	switch e.Kind {
	case syntax.ExprRelName:
		return e.Str
	case syntax.ExprAbsName:
		return "." + e.Str
	case syntax.ExprMember:
		return exprString(e.Base) + "." + e.Str
	case syntax.ExprImport:
		return "import \"" + e.Str + "\""
	case syntax.ExprApply:
		var parts []string
		for _, p := range e.Params {
			parts = append(parts, exprString(p.Value))
		}
		return exprString(e.Base) + "(" + strings.Join(parts, ", ") + ")"
	}
	return "<expression>"
}
