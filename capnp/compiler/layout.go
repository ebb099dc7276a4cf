package compiler

// This file assigns field offsets exactly as the reference Cap'n Proto compiler does, so that a
// message we encode is bit-compatible with one encoded by workerd. The algorithm: fields are
// visited in ordinal order; data fields go into the smallest power-of-two "hole" left by earlier
// fields, or extend the data section by a word; members of a union share "locations" so that
// different union members overlap; a union's 16-bit discriminant is allocated when its second
// member is laid out.

// holeSet records at most one free hole per power-of-two size from 1 bit (lg 0) to 32 bits (lg 5).
// holes[lg] is the hole's offset in units of its own size; 0 means "no hole" (offset 0 is
// always taken by the first field, so it can never be a hole).
type holeSet struct{ holes [6]uint32 }

func (h *holeSet) tryAllocate(lg uint32) (uint32, bool) {
	if lg >= 6 {
		return 0, false
	}
	if h.holes[lg] != 0 {
		r := h.holes[lg]
		h.holes[lg] = 0
		return r, true
	}
	next, ok := h.tryAllocate(lg + 1)
	if !ok {
		return 0, false
	}
	r := next * 2
	h.holes[lg] = r + 1
	return r, true
}

// addHolesAtEnd records the holes left after allocating an lg-sized field at the start of a
// freshly added limitLg-sized space: one hole of each size in [lg, limitLg).
func (h *holeSet) addHolesAtEnd(lg, offset, limitLg uint32) {
	for lg < limitLg {
		h.holes[lg] = offset
		lg++
		offset = (offset + 1) / 2
	}
}

// tryExpand grows the value at (oldLg, oldOffset) by 2^factor by absorbing the holes after it.
func (h *holeSet) tryExpand(oldLg, oldOffset, factor uint32) bool {
	if factor == 0 {
		return true
	}
	if oldLg == 6 {
		return false
	}
	if h.holes[oldLg] != oldOffset+1 {
		return false
	}
	if h.tryExpand(oldLg+1, oldOffset>>1, factor-1) {
		h.holes[oldLg] = 0
		return true
	}
	return false
}

func (h *holeSet) smallestAtLeast(lg uint32) (uint32, bool) {
	for i := lg; i < 6; i++ {
		if h.holes[i] != 0 {
			return i, true
		}
	}
	return 0, false
}

// scope is a place fields can be added: the struct itself or a group inside a union.
type scope interface {
	addVoid()
	addData(lg uint32) uint32
	addPointer() uint32
	tryExpandData(oldLg, oldOffset, factor uint32) bool
}

// topLayout is the struct's own data and pointer sections.
type topLayout struct {
	dataWords uint32
	pointers  uint32
	holes     holeSet
}

func (t *topLayout) addVoid() {}

func (t *topLayout) addData(lg uint32) uint32 {
	if off, ok := t.holes.tryAllocate(lg); ok {
		return off
	}
	off := t.dataWords << (6 - lg)
	t.dataWords++
	t.holes.addHolesAtEnd(lg, off+1, 6)
	return off
}

func (t *topLayout) addPointer() uint32 {
	t.pointers++
	return t.pointers - 1
}

func (t *topLayout) tryExpandData(oldLg, oldOffset, factor uint32) bool {
	return t.holes.tryExpand(oldLg, oldOffset, factor)
}

type dataLocation struct{ lg, offset uint32 }

func (d *dataLocation) tryExpandTo(u *unionLayout, newLg uint32) bool {
	if newLg <= d.lg {
		return true
	}
	if u.parent.tryExpandData(d.lg, d.offset, newLg-d.lg) {
		d.offset >>= newLg - d.lg
		d.lg = newLg
		return true
	}
	return false
}

// unionLayout holds the locations shared by a union's members.
type unionLayout struct {
	parent           scope
	groupCount       int
	hasDiscriminant  bool
	discriminantOff  uint32
	dataLocations    []*dataLocation
	pointerLocations []uint32
}

func (u *unionLayout) addNewDataLocation(lg uint32) uint32 {
	off := u.parent.addData(lg)
	u.dataLocations = append(u.dataLocations, &dataLocation{lg, off})
	return off
}

func (u *unionLayout) addNewPointerLocation() uint32 {
	p := u.parent.addPointer()
	u.pointerLocations = append(u.pointerLocations, p)
	return p
}

func (u *unionLayout) newGroupAddingFirstMember() {
	u.groupCount++
	if u.groupCount == 2 {
		u.addDiscriminant()
	}
}

func (u *unionLayout) addDiscriminant() bool {
	if u.hasDiscriminant {
		return false
	}
	u.discriminantOff = u.parent.addData(4)
	u.hasDiscriminant = true
	return true
}

// locationUsage tracks how much of one union data location a group has used.
type locationUsage struct {
	used   bool
	lgUsed uint32
	holes  holeSet
}

func (l *locationUsage) smallestHoleAtLeast(loc *dataLocation, lg uint32) (uint32, bool) {
	switch {
	case !l.used:
		if lg <= loc.lg {
			return loc.lg, true
		}
		return 0, false
	case lg >= l.lgUsed:
		if lg < loc.lg {
			return lg, true
		}
		return 0, false
	}
	if h, ok := l.holes.smallestAtLeast(lg); ok {
		return h, true
	}
	if l.lgUsed < loc.lg {
		return l.lgUsed, true
	}
	return 0, false
}

func (l *locationUsage) allocateFromHole(loc *dataLocation, lg uint32) uint32 {
	var r uint32
	switch {
	case !l.used:
		r = 0
		l.used = true
		l.lgUsed = lg
	case lg >= l.lgUsed:
		l.holes.addHolesAtEnd(l.lgUsed, 1, lg)
		l.lgUsed = lg + 1
		r = 1
	default:
		if h, ok := l.holes.tryAllocate(lg); ok {
			r = h
		} else {
			r = 1 << (l.lgUsed - lg)
			l.holes.addHolesAtEnd(lg, r+1, l.lgUsed)
			l.lgUsed++
		}
	}
	return loc.offset<<(loc.lg-lg) + r
}

func (l *locationUsage) tryAllocateByExpanding(g *groupLayout, loc *dataLocation, lg uint32) (uint32, bool) {
	if !l.used {
		if loc.tryExpandTo(g.parent, lg) {
			l.used = true
			l.lgUsed = lg
			return loc.offset << (loc.lg - lg), true
		}
		return 0, false
	}
	newSize := max(l.lgUsed, lg) + 1
	if l.tryExpandUsage(g, loc, newSize, true) {
		h, _ := l.holes.tryAllocate(lg)
		return loc.offset<<(loc.lg-lg) + h, true
	}
	return 0, false
}

func (l *locationUsage) tryExpand(g *groupLayout, loc *dataLocation, oldLg, oldOffset, factor uint32) bool {
	if oldOffset == 0 && l.lgUsed == oldLg {
		return l.tryExpandUsage(g, loc, oldLg+factor, false)
	}
	return l.holes.tryExpand(oldLg, oldOffset, factor)
}

func (l *locationUsage) tryExpandUsage(g *groupLayout, loc *dataLocation, desired uint32, newHoles bool) bool {
	if desired > loc.lg && !loc.tryExpandTo(g.parent, desired) {
		return false
	}
	if newHoles {
		l.holes.addHolesAtEnd(l.lgUsed, 1, desired)
	}
	l.lgUsed = desired
	return true
}

// groupLayout is one member of a union (a group, or a single field treated as a one-field group).
type groupLayout struct {
	parent     *unionLayout
	usage      []*locationUsage
	ptrUsage   int
	hasMembers bool
}

func (g *groupLayout) addMember() {
	if !g.hasMembers {
		g.hasMembers = true
		g.parent.newGroupAddingFirstMember()
	}
}

func (g *groupLayout) addVoid() {
	g.addMember()
	// An outer union must still learn that a member was added, so it allocates its discriminant
	// at the right moment.
	g.parent.parent.addVoid()
}

func (g *groupLayout) addData(lg uint32) uint32 {
	g.addMember()
	best := -1
	bestSize := ^uint32(0)
	for i, loc := range g.parent.dataLocations {
		if len(g.usage) == i {
			g.usage = append(g.usage, &locationUsage{})
		}
		if h, ok := g.usage[i].smallestHoleAtLeast(loc, lg); ok && h < bestSize {
			bestSize, best = h, i
		}
	}
	if best >= 0 {
		return g.usage[best].allocateFromHole(g.parent.dataLocations[best], lg)
	}
	for i, loc := range g.parent.dataLocations {
		if r, ok := g.usage[i].tryAllocateByExpanding(g, loc, lg); ok {
			return r
		}
	}
	r := g.parent.addNewDataLocation(lg)
	g.usage = append(g.usage, &locationUsage{used: true, lgUsed: lg})
	return r
}

func (g *groupLayout) addPointer() uint32 {
	g.addMember()
	if g.ptrUsage < len(g.parent.pointerLocations) {
		g.ptrUsage++
		return g.parent.pointerLocations[g.ptrUsage-1]
	}
	g.ptrUsage++
	return g.parent.addNewPointerLocation()
}

func (g *groupLayout) tryExpandData(oldLg, oldOffset, factor uint32) bool {
	if oldLg+factor > 6 || oldOffset&((1<<factor)-1) != 0 {
		return false
	}
	for i, u := range g.usage {
		loc := g.parent.dataLocations[i]
		if loc.lg >= oldLg && oldOffset>>(loc.lg-oldLg) == loc.offset {
			local := oldOffset - loc.offset<<(loc.lg-oldLg)
			return u.tryExpand(g, loc, oldLg, local, factor)
		}
	}
	return false
}
