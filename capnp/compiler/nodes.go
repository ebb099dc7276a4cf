// Package compiler turns parsed Cap'n Proto schema files into schema nodes (ids, struct layouts,
// types, defaults) and evaluates constants into values that encode as real Cap'n Proto messages.
//
// Node ids, field offsets, discriminant values and the struct-literal rules (including the
// first-field shorthand `service = "main"`) follow the reference compiler, so a constant
// encoded here is bit-compatible with the same constant encoded by workerd.
package compiler

import (
	"github.com/nanod-runtime/nanod/capnp/syntax"
)

// NodeKind says what a schema node is.
type NodeKind int

const (
	KindFile NodeKind = iota
	KindStruct
	KindEnum
	KindInterface
	KindConst
	KindAnnotation
)

// Node is a named schema node: a file, struct (or group), enum, interface, const or annotation.
type Node struct {
	ID          uint64
	ScopeID     uint64
	Kind        NodeKind
	Name        string // the node's own name
	DisplayName string // "file.capnp:Outer.Inner"
	File        *File
	Parent      *Node
	Decl        *syntax.Decl // nil for files

	// Members by name: nested nodes and `using` aliases.
	nested  map[string]*Node
	aliases map[string]*syntax.Decl
	Nested  []*Node // nested nodes in declaration order (not groups)

	// Struct (and group) nodes.
	IsGroup            bool
	DataWords          uint16
	Pointers           uint16
	DiscriminantCount  uint16
	DiscriminantOffset uint32   // in 16-bit units
	Fields             []*Field // ordinal order, as in the schema node
	Groups             []*Node  // group nodes created for this struct (including nested ones)

	// Enum nodes.
	Enumerants []*Enumerant

	// Const and annotation nodes.
	Type    *Type
	Value   *Value // const value
	Targets []string

	Annotations []*AnnotationValue

	state int // compile state: 0 new, 1 in progress, 2 done
}

// File is a loaded schema file.
type File struct {
	Node *Node
	Path string // the name it was loaded under (an import path or a filesystem path)
	Dir  string // directory for relative imports and embeds; "" for built-ins
	Src  []byte
	AST  *syntax.File
	// Embeds lists every file this one embedded, for --watch style tooling and tests.
	Embeds []string
}

// NoDiscriminant marks a field that is not a union member.
const NoDiscriminant = 0xffff

// Field is a member of a struct or group.
type Field struct {
	Name              string
	CodeOrder         uint16
	Ordinal           int // -1 for groups and unions without an explicit ordinal
	DiscriminantValue uint16
	Decl              *syntax.Decl
	Parent            *Node

	// Slot fields.
	Offset             uint32 // in units of the field's size (pointer index for pointers)
	Type               *Type
	Default            *Value // nil: the type's zero default
	HadExplicitDefault bool

	// Group fields (named unions are groups too).
	Group *Node

	Annotations []*AnnotationValue

	// layout bookkeeping
	scope      scope
	unionScope *unionLayout
	index      int // position in Parent.Fields once created
	created    bool
	childCount int
}

// IsGroup reports whether the field is a group (or named union) rather than a slot.
func (f *Field) IsGroup() bool { return f.Group != nil }

// Enumerant is one value of an enum.
type Enumerant struct {
	Name        string
	Ordinal     int
	CodeOrder   uint16
	Decl        *syntax.Decl
	Annotations []*AnnotationValue
}

// AnnotationValue is an annotation applied to a declaration.
type AnnotationValue struct {
	Node  *Node
	Value *Value
}

// TypeKind mirrors schema.capnp's Type union.
type TypeKind int

const (
	TVoid TypeKind = iota
	TBool
	TInt8
	TInt16
	TInt32
	TInt64
	TUint8
	TUint16
	TUint32
	TUint64
	TFloat32
	TFloat64
	TText
	TData
	TList
	TEnum
	TStruct
	TInterface
	TAnyPointer
)

// Type is a schema type.
type Type struct {
	Kind TypeKind
	Elem *Type // list element
	Node *Node // enum, struct, interface
}

var typeNames = map[string]TypeKind{
	"Void": TVoid, "Bool": TBool, "Int8": TInt8, "Int16": TInt16, "Int32": TInt32, "Int64": TInt64,
	"UInt8": TUint8, "UInt16": TUint16, "UInt32": TUint32, "UInt64": TUint64,
	"Float32": TFloat32, "Float64": TFloat64, "Text": TText, "Data": TData, "AnyPointer": TAnyPointer,
}

// Name is the type as the schema language writes it, for error messages.
func (t *Type) Name() string {
	switch t.Kind {
	case TList:
		return "List(" + t.Elem.Name() + ")"
	case TEnum, TStruct, TInterface:
		return t.Node.Name
	}
	for n, k := range typeNames {
		if k == t.Kind {
			return n
		}
	}
	return "?"
}

// Equal reports whether two types are the same schema type.
func (t *Type) Equal(o *Type) bool {
	if t.Kind != o.Kind {
		return false
	}
	switch t.Kind {
	case TList:
		return t.Elem.Equal(o.Elem)
	case TEnum, TStruct, TInterface:
		return t.Node == o.Node
	}
	return true
}

// IsPointer reports whether values of the type live in the pointer section.
func (t *Type) IsPointer() bool {
	switch t.Kind {
	case TText, TData, TList, TStruct, TInterface, TAnyPointer:
		return true
	}
	return false
}

// lgSize is log2 of the type's size in bits for data types; -1 for Void, -2 for pointers.
func (t *Type) lgSize() int {
	switch t.Kind {
	case TVoid:
		return -1
	case TBool:
		return 0
	case TInt8, TUint8:
		return 3
	case TInt16, TUint16, TEnum:
		return 4
	case TInt32, TUint32, TFloat32:
		return 5
	case TInt64, TUint64, TFloat64:
		return 6
	}
	return -2
}
