package compiler

import (
	"fmt"
	"math"

	capnp "capnproto.org/go/capnp/v3"
)

// EncodeMessage encodes a struct value as the root of a new message, as the reference compiler's
// dynamic builder would: only assigned fields are written, data fields XOR their defaults.
func EncodeMessage(v *Value) (*capnp.Message, error) {
	if v == nil || v.Kind != VStruct {
		return nil, fmt.Errorf("root value must be a struct")
	}
	msg, seg, err := capnp.NewMessage(capnp.SingleSegment(nil))
	if err != nil {
		return nil, err
	}
	root, err := capnp.NewRootStruct(seg, structSize(v.Struct.Node))
	if err != nil {
		return nil, err
	}
	if err := writeStruct(seg, root, v.Struct); err != nil {
		return nil, err
	}
	return msg, nil
}

// EncodeStruct encodes a struct value into seg and returns it (for embedding elsewhere).
func EncodeStruct(seg *capnp.Segment, v *Value) (capnp.Struct, error) {
	s, err := capnp.NewStruct(seg, structSize(v.Struct.Node))
	if err != nil {
		return capnp.Struct{}, err
	}
	return s, writeStruct(seg, s, v.Struct)
}

func structSize(n *Node) capnp.ObjectSize {
	return capnp.ObjectSize{DataSize: capnp.Size(n.DataWords) * 8, PointerCount: n.Pointers}
}

func writeStruct(seg *capnp.Segment, s capnp.Struct, sv *StructValue) error {
	for _, fv := range sv.Fields {
		if err := writeField(seg, s, fv.Field, fv.Value); err != nil {
			return err
		}
	}
	return nil
}

func writeField(seg *capnp.Segment, s capnp.Struct, f *Field, v *Value) error {
	if f.DiscriminantValue != NoDiscriminant {
		s.SetUint16(capnp.DataOffset(f.Parent.DiscriminantOffset*2), f.DiscriminantValue)
	}
	if f.Group != nil {
		// Assigning a group replaces it: its fields start from their defaults.
		clearGroup(s, f.Group)
		return writeStruct(seg, s, v.Struct)
	}
	t := f.Type
	if !t.IsPointer() {
		if t.Kind != TVoid {
			writeData(s, t, f.Offset, dataBits(t, v)^dataBits(t, f.Default))
		}
		return nil
	}
	p, err := pointerValue(seg, t, v)
	if err != nil {
		return err
	}
	return s.SetPtr(uint16(f.Offset), p)
}

// clearGroup resets every slot of a group (and nested groups) to its default.
func clearGroup(s capnp.Struct, g *Node) {
	for _, f := range g.Fields {
		if f.Group != nil {
			clearGroup(s, f.Group)
			continue
		}
		if f.Type.IsPointer() {
			_ = s.SetPtr(uint16(f.Offset), capnp.Ptr{})
		} else if f.Type.Kind != TVoid {
			writeData(s, f.Type, f.Offset, 0)
		}
	}
	if g.DiscriminantCount > 0 {
		s.SetUint16(capnp.DataOffset(g.DiscriminantOffset*2), 0)
	}
}

// dataBits is the raw bit pattern of a data value (0 for nil, the type's zero default).
func dataBits(t *Type, v *Value) uint64 {
	if v == nil {
		return 0
	}
	switch t.Kind {
	case TBool:
		if v.Bool {
			return 1
		}
		return 0
	case TEnum:
		return uint64(v.Enum)
	case TFloat32:
		return uint64(math.Float32bits(float32(v.Float)))
	case TFloat64:
		return math.Float64bits(v.Float)
	}
	var x uint64
	if v.Kind == VInt {
		x = uint64(v.Int)
	} else {
		x = v.Uint
	}
	switch t.Kind {
	case TInt8, TUint8:
		return x & 0xff
	case TInt16, TUint16:
		return x & 0xffff
	case TInt32, TUint32:
		return x & 0xffffffff
	}
	return x
}

func writeData(s capnp.Struct, t *Type, off uint32, bits uint64) {
	switch t.Kind {
	case TBool:
		s.SetBit(capnp.BitOffset(off), bits != 0)
	case TInt8, TUint8:
		s.SetUint8(capnp.DataOffset(off), uint8(bits))
	case TInt16, TUint16, TEnum:
		s.SetUint16(capnp.DataOffset(off*2), uint16(bits))
	case TInt32, TUint32, TFloat32:
		s.SetUint32(capnp.DataOffset(off*4), uint32(bits))
	case TInt64, TUint64, TFloat64:
		s.SetUint64(capnp.DataOffset(off*8), bits)
	}
}

// pointerValue encodes a pointer-typed value into seg.
func pointerValue(seg *capnp.Segment, t *Type, v *Value) (capnp.Ptr, error) {
	switch v.Kind {
	case VText:
		l, err := capnp.NewText(seg, v.Text)
		return l.ToPtr(), err
	case VData:
		l, err := capnp.NewData(seg, v.Data)
		return l.ToPtr(), err
	case VStruct:
		s, err := capnp.NewStruct(seg, structSize(v.Struct.Node))
		if err != nil {
			return capnp.Ptr{}, err
		}
		return s.ToPtr(), writeStruct(seg, s, v.Struct)
	case VList:
		lt := t
		if t.Kind != TList {
			lt = v.Type // AnyPointer holding a list
		}
		return listValue(seg, lt.Elem, v.List)
	}
	return capnp.Ptr{}, fmt.Errorf("value of kind %d cannot be a pointer", v.Kind)
}

func listValue(seg *capnp.Segment, el *Type, items []*Value) (capnp.Ptr, error) {
	n := int32(len(items))
	switch el.Kind {
	case TVoid:
		return capnp.NewVoidList(seg, n).ToPtr(), nil
	case TBool:
		l, err := capnp.NewBitList(seg, n)
		for i, it := range items {
			l.Set(i, it.Bool)
		}
		return l.ToPtr(), err
	case TInt8, TUint8:
		l, err := capnp.NewUInt8List(seg, n)
		for i, it := range items {
			l.Set(i, uint8(dataBits(el, it)))
		}
		return l.ToPtr(), err
	case TInt16, TUint16, TEnum:
		l, err := capnp.NewUInt16List(seg, n)
		for i, it := range items {
			l.Set(i, uint16(dataBits(el, it)))
		}
		return l.ToPtr(), err
	case TInt32, TUint32, TFloat32:
		l, err := capnp.NewUInt32List(seg, n)
		for i, it := range items {
			l.Set(i, uint32(dataBits(el, it)))
		}
		return l.ToPtr(), err
	case TInt64, TUint64, TFloat64:
		l, err := capnp.NewUInt64List(seg, n)
		for i, it := range items {
			l.Set(i, dataBits(el, it))
		}
		return l.ToPtr(), err
	case TStruct:
		l, err := capnp.NewCompositeList(seg, structSize(el.Node), n)
		if err != nil {
			return capnp.Ptr{}, err
		}
		for i, it := range items {
			if err := writeStruct(seg, l.Struct(i), it.Struct); err != nil {
				return capnp.Ptr{}, err
			}
		}
		return l.ToPtr(), nil
	default: // Text, Data, List, AnyPointer: a list of pointers
		l, err := capnp.NewPointerList(seg, n)
		if err != nil {
			return capnp.Ptr{}, err
		}
		for i, it := range items {
			p, err := pointerValue(seg, el, it)
			if err != nil {
				return capnp.Ptr{}, err
			}
			if err := l.Set(i, p); err != nil {
				return capnp.Ptr{}, err
			}
		}
		return l.ToPtr(), nil
	}
}
