package compiler

import (
	"fmt"
	"sort"

	capnp "capnproto.org/go/capnp/v3"
	"capnproto.org/go/capnp/v3/std/capnp/schema"
)

// GoAnnotations are the ids of capnpc-go's `$Go.package` and `$Go.import` file annotations.
const (
	goPackageAnnotation = 0xbea97f1023792be0
	goImportAnnotation  = 0xe130b601260e44b5
)

// GoFile names a requested file and the Go package its generated code goes to.
type GoFile struct {
	File       *File
	Package    string // Go package name
	ImportPath string // Go import path
}

// CodeGeneratorRequest builds the message a capnp code generator plugin (such as capnpc-go)
// reads on stdin, for the given files and every node they reach. The Go annotations are added to
// the requested files here so the schema text itself needs none.
func (c *Compiler) CodeGeneratorRequest(req []GoFile) (*capnp.Message, error) {
	msg, seg, err := capnp.NewMessage(capnp.MultiSegment(nil))
	if err != nil {
		return nil, err
	}
	root, err := schema.NewRootCodeGeneratorRequest(seg)
	if err != nil {
		return nil, err
	}
	goAnn := map[*File]GoFile{}
	for _, r := range req {
		c.CompileAll(r.File)
		goAnn[r.File] = r
	}
	for _, f := range c.Files() {
		c.CompileAll(f)
	}
	if errs := c.Errors(); len(errs) > 0 {
		return nil, errs
	}
	var all []*Node
	for _, n := range c.nodes {
		all = append(all, n)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].ID < all[j].ID })
	nodes, err := root.NewNodes(int32(len(all)))
	if err != nil {
		return nil, err
	}
	w := &cgrWriter{seg: seg}
	for i, n := range all {
		if err := w.node(nodes.At(i), n, goAnn); err != nil {
			return nil, fmt.Errorf("%s: %w", n.DisplayName, err)
		}
	}
	files, err := root.NewRequestedFiles(int32(len(req)))
	if err != nil {
		return nil, err
	}
	for i, r := range req {
		rf := files.At(i)
		rf.SetId(r.File.Node.ID)
		if err := rf.SetFilename(r.File.Node.DisplayName); err != nil {
			return nil, err
		}
	}
	return msg, nil
}

type cgrWriter struct {
	seg *capnp.Segment
}

func (w *cgrWriter) node(b schema.Node, n *Node, goAnn map[*File]GoFile) error {
	b.SetId(n.ID)
	if err := b.SetDisplayName(n.DisplayName); err != nil {
		return err
	}
	b.SetDisplayNamePrefixLength(uint32(len(n.DisplayName) - len(n.Name)))
	b.SetScopeId(n.ScopeID)
	nested, err := b.NewNestedNodes(int32(len(n.Nested)))
	if err != nil {
		return err
	}
	for i, m := range n.Nested {
		nested.At(i).SetId(m.ID)
		if err := nested.At(i).SetName(m.Name); err != nil {
			return err
		}
	}
	anns := n.Annotations
	if g, ok := goAnn[n.File]; ok && n.Kind == KindFile {
		text := &Type{Kind: TText}
		anns = append(append([]*AnnotationValue(nil), anns...),
			&AnnotationValue{Node: &Node{ID: goPackageAnnotation}, Value: &Value{Kind: VText, Type: text, Text: g.Package}},
			&AnnotationValue{Node: &Node{ID: goImportAnnotation}, Value: &Value{Kind: VText, Type: text, Text: g.ImportPath}})
	}
	if err := w.annotations(anns, b.NewAnnotations); err != nil {
		return err
	}
	switch n.Kind {
	case KindFile:
		b.SetFile()
	case KindStruct:
		return w.structNode(b, n)
	case KindEnum:
		b.SetEnum()
		el, err := b.Enum().NewEnumerants(int32(len(n.Enumerants)))
		if err != nil {
			return err
		}
		for i, e := range n.Enumerants {
			eb := el.At(i)
			if err := eb.SetName(e.Name); err != nil {
				return err
			}
			eb.SetCodeOrder(e.CodeOrder)
			if err := w.annotations(e.Annotations, eb.NewAnnotations); err != nil {
				return err
			}
		}
	case KindInterface:
		b.SetInterface()
	case KindConst:
		b.SetConst()
		t, err := b.Const().NewType()
		if err != nil {
			return err
		}
		if err := w.typ(t, n.Type); err != nil {
			return err
		}
		v, err := b.Const().NewValue()
		if err != nil {
			return err
		}
		return w.value(v, n.Type, n.Value)
	case KindAnnotation:
		b.SetAnnotation()
		a := b.Annotation()
		t, err := a.NewType()
		if err != nil {
			return err
		}
		if err := w.typ(t, n.Type); err != nil {
			return err
		}
		for _, tg := range n.Targets {
			all := tg == "*"
			if all || tg == "file" {
				a.SetTargetsFile(true)
			}
			if all || tg == "const" {
				a.SetTargetsConst(true)
			}
			if all || tg == "enum" {
				a.SetTargetsEnum(true)
			}
			if all || tg == "enumerant" {
				a.SetTargetsEnumerant(true)
			}
			if all || tg == "struct" {
				a.SetTargetsStruct(true)
			}
			if all || tg == "field" {
				a.SetTargetsField(true)
			}
			if all || tg == "union" {
				a.SetTargetsUnion(true)
			}
			if all || tg == "group" {
				a.SetTargetsGroup(true)
			}
			if all || tg == "interface" {
				a.SetTargetsInterface(true)
			}
			if all || tg == "method" {
				a.SetTargetsMethod(true)
			}
			if all || tg == "param" {
				a.SetTargetsParam(true)
			}
			if all || tg == "annotation" {
				a.SetTargetsAnnotation(true)
			}
		}
	}
	return nil
}

func (w *cgrWriter) annotations(anns []*AnnotationValue, alloc func(int32) (schema.Annotation_List, error)) error {
	if len(anns) == 0 {
		return nil
	}
	l, err := alloc(int32(len(anns)))
	if err != nil {
		return err
	}
	for i, a := range anns {
		ab := l.At(i)
		ab.SetId(a.Node.ID)
		v, err := ab.NewValue()
		if err != nil {
			return err
		}
		t := a.Value.Type
		if a.Node.Type != nil {
			t = a.Node.Type
		}
		if err := w.value(v, t, a.Value); err != nil {
			return err
		}
	}
	return nil
}

func (w *cgrWriter) structNode(b schema.Node, n *Node) error {
	b.SetStructNode()
	s := b.StructNode()
	s.SetDataWordCount(n.DataWords)
	s.SetPointerCount(n.Pointers)
	s.SetPreferredListEncoding(schema.ElementSize_inlineComposite)
	s.SetIsGroup(n.IsGroup)
	s.SetDiscriminantCount(n.DiscriminantCount)
	s.SetDiscriminantOffset(n.DiscriminantOffset)
	fl, err := s.NewFields(int32(len(n.Fields)))
	if err != nil {
		return err
	}
	for i, f := range n.Fields {
		fb := fl.At(i)
		if err := fb.SetName(f.Name); err != nil {
			return err
		}
		fb.SetCodeOrder(f.CodeOrder)
		fb.SetDiscriminantValue(f.DiscriminantValue)
		if f.Ordinal >= 0 {
			fb.Ordinal().SetExplicit(uint16(f.Ordinal))
		} else {
			fb.Ordinal().SetImplicit()
		}
		if err := w.annotations(f.Annotations, fb.NewAnnotations); err != nil {
			return err
		}
		if f.Group != nil {
			fb.SetGroup()
			fb.Group().SetTypeId(f.Group.ID)
			continue
		}
		fb.SetSlot()
		sl := fb.Slot()
		sl.SetOffset(f.Offset)
		sl.SetHadExplicitDefault(f.HadExplicitDefault)
		t, err := sl.NewType()
		if err != nil {
			return err
		}
		if err := w.typ(t, f.Type); err != nil {
			return err
		}
		v, err := sl.NewDefaultValue()
		if err != nil {
			return err
		}
		if err := w.value(v, f.Type, f.Default); err != nil {
			return err
		}
	}
	return nil
}

func (w *cgrWriter) typ(b schema.Type, t *Type) error {
	switch t.Kind {
	case TVoid:
		b.SetVoid()
	case TBool:
		b.SetBool()
	case TInt8:
		b.SetInt8()
	case TInt16:
		b.SetInt16()
	case TInt32:
		b.SetInt32()
	case TInt64:
		b.SetInt64()
	case TUint8:
		b.SetUint8()
	case TUint16:
		b.SetUint16()
	case TUint32:
		b.SetUint32()
	case TUint64:
		b.SetUint64()
	case TFloat32:
		b.SetFloat32()
	case TFloat64:
		b.SetFloat64()
	case TText:
		b.SetText()
	case TData:
		b.SetData()
	case TList:
		b.SetList()
		el, err := b.List().NewElementType()
		if err != nil {
			return err
		}
		return w.typ(el, t.Elem)
	case TEnum:
		b.SetEnum()
		b.Enum().SetTypeId(t.Node.ID)
		_, err := b.Enum().NewBrand()
		return err
	case TStruct:
		b.SetStructType()
		b.StructType().SetTypeId(t.Node.ID)
		_, err := b.StructType().NewBrand()
		return err
	case TInterface:
		b.SetInterface()
		b.Interface().SetTypeId(t.Node.ID)
		_, err := b.Interface().NewBrand()
		return err
	case TAnyPointer:
		b.SetAnyPointer()
		b.AnyPointer().SetUnconstrained()
		b.AnyPointer().Unconstrained().SetAnyKind()
	}
	return nil
}

// value writes a schema.Value of type t; v == nil writes the type's zero default.
func (w *cgrWriter) value(b schema.Value, t *Type, v *Value) error {
	bits := dataBits(t, v)
	switch t.Kind {
	case TVoid:
		b.SetVoid()
	case TBool:
		b.SetBool(bits != 0)
	case TInt8:
		b.SetInt8(int8(bits))
	case TInt16:
		b.SetInt16(int16(bits))
	case TInt32:
		b.SetInt32(int32(bits))
	case TInt64:
		b.SetInt64(int64(bits))
	case TUint8:
		b.SetUint8(uint8(bits))
	case TUint16:
		b.SetUint16(uint16(bits))
	case TUint32:
		b.SetUint32(uint32(bits))
	case TUint64:
		b.SetUint64(bits)
	case TFloat32:
		b.SetFloat32(float32(v.floatOrZero()))
	case TFloat64:
		b.SetFloat64(v.floatOrZero())
	case TEnum:
		b.SetEnum(uint16(bits))
	case TInterface:
		b.SetInterface()
	case TText:
		if v == nil {
			return b.SetText("")
		}
		return b.SetText(v.Text)
	case TData:
		if v == nil {
			return b.SetData(nil)
		}
		return b.SetData(v.Data)
	default:
		var p capnp.Ptr
		if v != nil {
			var err error
			if p, err = pointerValue(w.seg, t, v); err != nil {
				return err
			}
		}
		switch t.Kind {
		case TList:
			return b.SetList(p)
		case TStruct:
			return b.SetStructValue(p)
		default:
			return b.SetAnyPointer(p)
		}
	}
	return nil
}

func (v *Value) floatOrZero() float64 {
	if v == nil {
		return 0
	}
	return v.Float
}
