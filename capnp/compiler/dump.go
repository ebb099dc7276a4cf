package compiler

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	capnp "capnproto.org/go/capnp/v3"
)

// Dump renders an encoded struct in the schema language's value syntax, reading it through the
// schema: only fields that differ from their defaults (or non-null pointers) are printed, union
// members only when selected. Two messages with the same Dump carry the same config, however
// their bytes are laid out; tests use it to compare our encoding with workerd's.
func Dump(n *Node, s capnp.Struct) string {
	var b strings.Builder
	dumpStruct(&b, n, s)
	return b.String()
}

func dumpStruct(b *strings.Builder, n *Node, s capnp.Struct) {
	b.WriteByte('(')
	first := true
	dumpFields(b, n, s, &first)
	b.WriteByte(')')
}

func dumpFields(b *strings.Builder, n *Node, s capnp.Struct, first *bool) {
	var disc uint16
	if n.DiscriminantCount > 0 {
		disc = s.Uint16(capnp.DataOffset(n.DiscriminantOffset * 2))
	}
	for _, f := range n.Fields {
		inUnion := f.DiscriminantValue != NoDiscriminant
		if inUnion && f.DiscriminantValue != disc {
			continue
		}
		var val string
		if f.Group != nil {
			var gb strings.Builder
			dumpStruct(&gb, f.Group, s)
			val = gb.String()
			if val == "()" && !inUnion {
				continue
			}
		} else {
			v, set := dumpSlot(f, s)
			if !set && !(inUnion && n.DiscriminantCount > 0) {
				continue
			}
			val = v
		}
		if !*first {
			b.WriteString(", ")
		}
		*first = false
		b.WriteString(f.Name + " = " + val)
	}
}

// dumpSlot renders one slot field; set reports whether it differs from the default.
func dumpSlot(f *Field, s capnp.Struct) (string, bool) {
	t := f.Type
	if !t.IsPointer() {
		if t.Kind == TVoid {
			return "void", false
		}
		bits := readData(s, t, f.Offset)
		return dataString(t, bits^dataBits(t, f.Default)), bits != 0
	}
	p, err := s.Ptr(uint16(f.Offset))
	if err != nil {
		return fmt.Sprintf("<error: %v>", err), true
	}
	if !p.IsValid() {
		return "null", false
	}
	return ptrString(t, p), true
}

func readData(s capnp.Struct, t *Type, off uint32) uint64 {
	switch t.Kind {
	case TBool:
		if s.Bit(capnp.BitOffset(off)) {
			return 1
		}
		return 0
	case TInt8, TUint8:
		return uint64(s.Uint8(capnp.DataOffset(off)))
	case TInt16, TUint16, TEnum:
		return uint64(s.Uint16(capnp.DataOffset(off * 2)))
	case TInt32, TUint32, TFloat32:
		return uint64(s.Uint32(capnp.DataOffset(off * 4)))
	}
	return s.Uint64(capnp.DataOffset(off * 8))
}

func dataString(t *Type, bits uint64) string {
	switch t.Kind {
	case TBool:
		return strconv.FormatBool(bits != 0)
	case TInt8:
		return strconv.Itoa(int(int8(bits)))
	case TInt16:
		return strconv.Itoa(int(int16(bits)))
	case TInt32:
		return strconv.Itoa(int(int32(bits)))
	case TInt64:
		return strconv.FormatInt(int64(bits), 10)
	case TFloat32:
		return strconv.FormatFloat(float64(math.Float32frombits(uint32(bits))), 'g', -1, 32)
	case TFloat64:
		return strconv.FormatFloat(math.Float64frombits(bits), 'g', -1, 64)
	case TEnum:
		for _, e := range t.Node.Enumerants {
			if uint64(e.Ordinal) == bits {
				return e.Name
			}
		}
	}
	return strconv.FormatUint(bits, 10)
}

func ptrString(t *Type, p capnp.Ptr) string {
	switch t.Kind {
	case TText:
		return strconv.Quote(p.Text())
	case TData:
		return fmt.Sprintf("0x\"%x\"", p.Data())
	case TStruct:
		var b strings.Builder
		dumpStruct(&b, t.Node, p.Struct())
		return b.String()
	case TList:
		return listString(t.Elem, p.List())
	}
	return "<pointer>"
}

func listString(el *Type, l capnp.List) string {
	parts := make([]string, l.Len())
	for i := range parts {
		switch el.Kind {
		case TVoid:
			parts[i] = "void"
		case TBool:
			parts[i] = strconv.FormatBool(capnp.BitList(l).At(i))
		case TInt8, TUint8:
			parts[i] = dataString(el, uint64(capnp.UInt8List(l).At(i)))
		case TInt16, TUint16, TEnum:
			parts[i] = dataString(el, uint64(capnp.UInt16List(l).At(i)))
		case TInt32, TUint32, TFloat32:
			parts[i] = dataString(el, uint64(capnp.UInt32List(l).At(i)))
		case TInt64, TUint64, TFloat64:
			parts[i] = dataString(el, capnp.UInt64List(l).At(i))
		case TStruct:
			var b strings.Builder
			dumpStruct(&b, el.Node, l.Struct(i))
			parts[i] = b.String()
		default:
			p, err := capnp.PointerList(l).At(i)
			switch {
			case err != nil:
				parts[i] = fmt.Sprintf("<error: %v>", err)
			case !p.IsValid():
				parts[i] = "null"
			default:
				parts[i] = ptrString(el, p)
			}
		}
	}
	return "[" + strings.Join(parts, ", ") + "]"
}
