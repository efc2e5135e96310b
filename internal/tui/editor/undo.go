package editor

// editKind classifies an edit for undo grouping: runs of the same kind at
// adjacent positions merge into one undo step.
type editKind int

const (
	kindOther     editKind = iota // never merges: newline, paste, external edit
	kindType                      // typed characters
	kindBackspace                 // deletions before the cursor
	kindDelete                    // deletions after the cursor
)

// edit is one primitive change: at from, removed was replaced by inserted.
type edit struct {
	from     pos
	removed  string
	inserted string
}

// group is one undo step: the edits it made, in order, and the cursor before
// and after so that undo and redo put the learner back where they were.
type group struct {
	kind          editKind
	edits         []edit
	before, after pos
	lastRune      rune // last rune typed, to split word from non-word runs
}

// history is the undo and redo stack. groups[:next] can be undone,
// groups[next:] redone.
type history struct {
	groups []group
	next   int
	sealed bool // the next edit starts a new group whatever its kind
}

// maxUndo bounds memory: a long session of typing must not grow forever.
const maxUndo = 500

func (h *history) reset() {
	h.groups = nil
	h.next = 0
	h.sealed = true
}

// seal ends the current group; cursor motion does this, so typing, moving
// and typing again gives two steps.
func (h *history) seal() { h.sealed = true }

// record adds an edit made with the cursor moving from before to after.
// A new word after a space or punctuation starts a new group, which makes
// "typing a word" one undo step.
func (h *history) record(kind editKind, e edit, before, after pos, typed rune) {
	h.groups = h.groups[:h.next]
	if n := len(h.groups); n > 0 && !h.sealed && kind != kindOther {
		g := &h.groups[n-1]
		startsWord := kind == kindType && isWordRune(typed) && !isWordRune(g.lastRune)
		if g.kind == kind && g.after == before && !startsWord {
			g.edits = append(g.edits, e)
			g.after = after
			g.lastRune = typed
			return
		}
	}
	h.groups = append(h.groups, group{
		kind: kind, edits: []edit{e}, before: before, after: after, lastRune: typed,
	})
	if len(h.groups) > maxUndo {
		h.groups = append(h.groups[:0], h.groups[len(h.groups)-maxUndo:]...)
	}
	h.next = len(h.groups)
	h.sealed = kind == kindOther
}

// extend appends an edit to the group just recorded; compound operations
// (dedent then insert) use it to stay one undo step.
func (h *history) extend(e edit, after pos) {
	if h.next == 0 {
		return
	}
	g := &h.groups[h.next-1]
	g.edits = append(g.edits, e)
	g.after = after
}

// undo reverts the last group and returns the cursor to restore.
func (h *history) undo(b *buffer) (pos, bool) {
	if h.next == 0 {
		return pos{}, false
	}
	h.next--
	g := h.groups[h.next]
	for i := len(g.edits) - 1; i >= 0; i-- {
		e := g.edits[i]
		b.replace(e.from, advance(e.from, e.inserted), e.removed)
	}
	h.sealed = true
	return g.before, true
}

// redo re-applies the next group and returns the cursor to restore.
func (h *history) redo(b *buffer) (pos, bool) {
	if h.next >= len(h.groups) {
		return pos{}, false
	}
	g := h.groups[h.next]
	h.next++
	for _, e := range g.edits {
		b.replace(e.from, advance(e.from, e.removed), e.inserted)
	}
	h.sealed = true
	return g.after, true
}
