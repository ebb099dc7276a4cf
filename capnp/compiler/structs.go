package compiler

import (
	"sort"

	"github.com/nanod-runtime/nanod/capnp/syntax"
)

// member is the per-declaration bookkeeping of struct translation: the struct itself, a field,
// a union or a group. It mirrors how the reference compiler numbers fields: field records are
// created in ordinal order, a group's record when its first member (by ordinal) is created.
type member struct {
	parent    *member
	codeOrder int
	isInUnion bool
	decl      *syntax.Decl
	kind      syntax.DeclKind // DeclStruct for the root

	node       *Node // root struct or group node
	fieldScope scope // for fields: where to allocate
	unionScope *unionLayout

	childCount     int
	unionDiscCount int
	field          *Field
}

type structTranslator struct {
	c     *Compiler
	root  *Node
	file  *File
	top   topLayout
	byOrd []ordEntry
	all   []*member
}

type ordEntry struct {
	ord  int
	m    *member
	decl *syntax.Decl // the declaration carrying the ordinal (differs from m.decl for an unnamed union)
}

// ensureStruct lays out a struct and creates its fields and group nodes.
func (c *Compiler) ensureStruct(n *Node) {
	if n.state != 0 || n.Kind != KindStruct || n.IsGroup {
		return
	}
	n.state = 1
	t := &structTranslator{c: c, root: n, file: n.File}
	root := &member{kind: syntax.DeclStruct, node: n}
	t.traverseTopOrGroup(n.Decl.Nested, root, &t.top)
	t.translate(root)
	n.state = 2
	// Defaults and annotations may refer to other structs (even this one), so they are compiled
	// after the layout is complete.
	t.compileDefaults(n)
	c.compileAnnotations(scopeCtx{node: n.Parent, file: n.File}, n.Decl.Annotations, "struct", &n.Annotations)
}

func (t *structTranslator) newGroupNode(parent *member, d *syntax.Decl) *Node {
	g := &Node{Kind: KindStruct, IsGroup: true, Name: d.Name, File: t.file, Decl: d,
		DisplayName: parent.node.DisplayName + "." + d.Name, Parent: t.root,
		nested: map[string]*Node{}, aliases: map[string]*syntax.Decl{}}
	t.root.Groups = append(t.root.Groups, g)
	return g
}

func (t *structTranslator) addOrd(d *syntax.Decl, m *member) {
	t.byOrd = append(t.byOrd, ordEntry{d.Ordinal, m, d})
}

func (t *structTranslator) traverseTopOrGroup(decls []*syntax.Decl, parent *member, layout scope) {
	codeOrder := 0
	names := map[string]bool{}
	for _, d := range decls {
		switch d.Kind {
		case syntax.DeclField, syntax.DeclUnion, syntax.DeclGroup:
			if d.Name != "" {
				if names[d.Name] {
					t.c.errorf(t.file, d.NameSpan, "'%s' is already defined in this scope.", d.Name)
				}
				names[d.Name] = true
			}
		}
		switch d.Kind {
		case syntax.DeclField:
			parent.childCount++
			m := &member{parent: parent, codeOrder: codeOrder, decl: d, kind: syntax.DeclField, fieldScope: layout}
			codeOrder++
			t.all = append(t.all, m)
			t.addOrd(d, m)
		case syntax.DeclUnion:
			ul := &unionLayout{parent: layout}
			var m *member
			var sub *int
			independent := 0
			if d.Name == "" {
				m = parent
				sub = &codeOrder
			} else {
				parent.childCount++
				m = &member{parent: parent, codeOrder: codeOrder, decl: d, kind: syntax.DeclUnion}
				codeOrder++
				m.node = t.newGroupNode(parent, d)
				t.all = append(t.all, m)
				sub = &independent
			}
			m.unionScope = ul
			t.traverseUnion(d, d.Nested, m, ul, sub, names)
			if d.Ordinal >= 0 {
				t.addOrd(d, m)
			}
		case syntax.DeclGroup:
			parent.childCount++
			m := &member{parent: parent, codeOrder: codeOrder, decl: d, kind: syntax.DeclGroup}
			codeOrder++
			m.node = t.newGroupNode(parent, d)
			t.all = append(t.all, m)
			if len(d.Nested) == 0 {
				t.c.errorf(t.file, d.NameSpan, "Group must have at least one member.")
			}
			// A group's members are laid out as if they were members of the parent.
			t.traverseTopOrGroup(d.Nested, m, layout)
		}
	}
}

func (t *structTranslator) traverseUnion(ud *syntax.Decl, decls []*syntax.Decl, parent *member, ul *unionLayout, codeOrder *int, parentNames map[string]bool) {
	n := 0
	names := parentNames
	if ud.Name != "" {
		names = map[string]bool{}
	}
	for _, d := range decls {
		if d.Kind == syntax.DeclField || d.Kind == syntax.DeclUnion || d.Kind == syntax.DeclGroup {
			n++
			if d.Name != "" {
				if names[d.Name] {
					t.c.errorf(t.file, d.NameSpan, "'%s' is already defined in this scope.", d.Name)
				}
				names[d.Name] = true
			}
		}
	}
	if n < 2 {
		t.c.errorf(t.file, ud.Span, "Union must have at least two members.")
	}
	for _, d := range decls {
		switch d.Kind {
		case syntax.DeclField:
			parent.childCount++
			// For layout, a plain union member is a one-field group.
			g := &groupLayout{parent: ul}
			m := &member{parent: parent, codeOrder: *codeOrder, isInUnion: true, decl: d, kind: syntax.DeclField, fieldScope: g}
			*codeOrder++
			t.all = append(t.all, m)
			t.addOrd(d, m)
		case syntax.DeclUnion:
			if d.Name == "" {
				t.c.errorf(t.file, d.Span, "Unions cannot contain unnamed unions.")
				continue
			}
			parent.childCount++
			g := &groupLayout{parent: ul}
			inner := &unionLayout{parent: g}
			m := &member{parent: parent, codeOrder: *codeOrder, isInUnion: true, decl: d, kind: syntax.DeclUnion}
			*codeOrder++
			m.node = t.newGroupNode(parent, d)
			m.unionScope = inner
			t.all = append(t.all, m)
			sub := 0
			t.traverseUnion(d, d.Nested, m, inner, &sub, nil)
			if d.Ordinal >= 0 {
				t.addOrd(d, m)
			}
		case syntax.DeclGroup:
			parent.childCount++
			g := &groupLayout{parent: ul}
			m := &member{parent: parent, codeOrder: *codeOrder, isInUnion: true, decl: d, kind: syntax.DeclGroup}
			*codeOrder++
			m.node = t.newGroupNode(parent, d)
			t.all = append(t.all, m)
			if len(d.Nested) == 0 {
				t.c.errorf(t.file, d.NameSpan, "Group must have at least one member.")
			}
			t.traverseTopOrGroup(d.Nested, m, g)
		}
	}
}

// getField creates the member's field record on first use, numbering it within its parent.
func (t *structTranslator) getField(m *member) *Field {
	if m.field != nil {
		return m.field
	}
	p := m.parent
	if p.parent != nil && len(p.node.Fields) == 0 {
		t.getField(p) // the group's own field exists before its first member's
	}
	f := &Field{Name: m.decl.Name, CodeOrder: uint16(m.codeOrder), Ordinal: -1, Decl: m.decl,
		Parent: p.node, DiscriminantValue: NoDiscriminant, index: len(p.node.Fields)}
	if m.isInUnion {
		f.DiscriminantValue = uint16(p.unionDiscCount)
		p.unionDiscCount++
	}
	if m.node != nil {
		f.Group = m.node
	}
	p.node.Fields = append(p.node.Fields, f)
	m.field = f
	return f
}

func (t *structTranslator) translate(root *member) {
	sort.SliceStable(t.byOrd, func(i, j int) bool { return t.byOrd[i].ord < t.byOrd[j].ord })
	expected := 0
	for _, e := range t.byOrd {
		m, d := e.m, e.decl
		switch {
		case d.Ordinal < expected:
			t.c.errorf(t.file, d.OrdSpan, "Duplicate ordinal number.")
		case d.Ordinal > expected:
			t.c.errorf(t.file, d.OrdSpan, "Skipped ordinal @%d.  Ordinals must be sequential with no holes.", expected)
			expected = d.Ordinal + 1
		default:
			expected++
		}
		if d.Kind == syntax.DeclUnion {
			// A union's own ordinal (for a field that was "retroactively unionized") allocates
			// its discriminant at that point.
			if m.decl == d {
				t.getField(m).Ordinal = e.ord
			}
			if !m.unionScope.addDiscriminant() {
				t.c.errorf(t.file, d.OrdSpan, "Union ordinal, if specified, must be greater than no more than one of its member ordinals (i.e. there can only be one field retroactively unionized).")
			}
			continue
		}
		f := t.getField(m)
		f.Ordinal = e.ord
		sc := scopeCtx{node: t.root, file: t.file}
		f.Type = t.c.compileType(sc, d.Type)
		if f.Type == nil {
			f.Type = &Type{Kind: TVoid}
		}
		switch lg := f.Type.lgSize(); lg {
		case -2:
			f.Offset = m.fieldScope.addPointer()
		case -1:
			m.fieldScope.addVoid()
			f.Offset = 0
		default:
			f.Offset = m.fieldScope.addData(uint32(lg))
		}
	}
	t.finishGroup(root)
	for _, m := range t.all {
		if m.kind == syntax.DeclUnion || m.kind == syntax.DeclGroup {
			t.finishGroup(m)
		}
	}
	t.root.DataWords = uint16(t.top.dataWords)
	t.root.Pointers = uint16(t.top.pointers)
	for _, g := range t.root.Groups {
		g.DataWords, g.Pointers = t.root.DataWords, t.root.Pointers
	}
}

func (t *structTranslator) finishGroup(m *member) {
	if m.unionScope != nil {
		m.unionScope.addDiscriminant()
		m.node.DiscriminantCount = uint16(m.unionDiscCount)
		m.node.DiscriminantOffset = m.unionScope.discriminantOff
	}
	if m.parent != nil {
		f := t.getField(m)
		m.node.ID = groupID(m.parent.node.ID, uint16(f.index))
		m.node.ScopeID = m.parent.node.ID
		t.c.register(m.node, m.decl.NameSpan)
	}
}

// compileDefaults evaluates field defaults and annotations of a struct and its groups.
func (t *structTranslator) compileDefaults(n *Node) {
	sc := scopeCtx{node: n, file: n.File}
	var walk func(g *Node)
	walk = func(g *Node) {
		for _, f := range g.Fields {
			kind := "field"
			if f.Group != nil {
				kind = "group"
				if f.Decl.Kind == syntax.DeclUnion {
					kind = "union"
				}
				walk(f.Group)
			} else if f.Decl.Value != nil && f.Type != nil {
				f.Default = t.c.compileValue(sc, f.Decl.Value, f.Type)
				f.HadExplicitDefault = true
			}
			t.c.compileAnnotations(sc, f.Decl.Annotations, kind, &f.Annotations)
		}
	}
	walk(n)
}

// ensureEnum collects an enum's enumerants in ordinal order.
func (c *Compiler) ensureEnum(n *Node) {
	if n.state != 0 || n.Kind != KindEnum {
		return
	}
	n.state = 2
	for i, d := range n.Decl.Nested {
		if d.Kind != syntax.DeclEnumerant {
			continue
		}
		n.Enumerants = append(n.Enumerants, &Enumerant{Name: d.Name, Ordinal: d.Ordinal, CodeOrder: uint16(i), Decl: d})
	}
	// Code order counts enumerants only.
	for i, e := range n.Enumerants {
		e.CodeOrder = uint16(i)
	}
	sort.SliceStable(n.Enumerants, func(i, j int) bool { return n.Enumerants[i].Ordinal < n.Enumerants[j].Ordinal })
	for i, e := range n.Enumerants {
		switch {
		case e.Ordinal < i:
			c.errorf(n.File, e.Decl.OrdSpan, "Duplicate ordinal number.")
		case e.Ordinal > i:
			c.errorf(n.File, e.Decl.OrdSpan, "Skipped ordinal @%d.  Ordinals must be sequential with no holes.", i)
		}
	}
	sc := scopeCtx{node: n, file: n.File}
	for _, e := range n.Enumerants {
		c.compileAnnotations(sc, e.Decl.Annotations, "enumerant", &e.Annotations)
	}
	c.compileAnnotations(scopeCtx{node: n.Parent, file: n.File}, n.Decl.Annotations, "enum", &n.Annotations)
}
