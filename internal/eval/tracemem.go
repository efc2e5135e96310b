package eval

import "strings"

// traceMem is where one traced evaluation keeps its trace: the records in
// slabs and the prose in one buffer, so a trace costs a few dozen
// allocations rather than one or more per sentence and per record. Nothing
// is reused across evaluations: the Result owns all of it.
type traceMem struct {
	trace  Trace
	layers [nLayers]LayerTrace
	lptrs  [nLayers]*LayerTrace
	steps  [8]Step
	// describeGrant's last answer.
	grant                 grant
	grantEntry, grantText string
	// derived holds the one value of each derived context key.
	derived [nDerivedKeys]string
	// Room for the policies and levels of a typical request, so that only
	// a larger one allocates slabs for them.
	polBuf    [8]PolicyTrace
	polPtrBuf [16]*PolicyTrace
	lvlBuf    [6]LevelTrace
	lvlPtrBuf [6]*LevelTrace

	// text holds every note and reason. A strings.Builder never changes
	// bytes it has handed out (it grows into a new array), so a sentence
	// cut from String() stays valid while later ones are written.
	text strings.Builder

	stmts    []StatementTrace
	stmtPtrs []*StatementTrace
	pols     []PolicyTrace
	polPtrs  []*PolicyTrace
	refs     []StatementRef
	prins    []PrincipalTrace
	levels   []LevelTrace
	lvlPtrs  []*LevelTrace
	conds    []*CondTrace

	condTraces []CondTrace
	values     []ValueTrace
	hits       []bool
}

// newTraceMem sizes the slabs for the policies of in, so that a typical
// request fills each with one allocation.
func newTraceMem(in *Input) *traceMem {
	m := &traceMem{}
	stmts, pols := 0, 0
	count := func(refs []PolicyRef) {
		for _, r := range refs {
			if r.Policy != nil {
				pols++
				stmts += len(r.Policy.Statements)
			}
		}
	}
	count(in.Identity)
	count(in.Endpoints)
	for _, one := range []*PolicyRef{in.Resource, in.Boundary, in.Session} {
		if one != nil {
			count([]PolicyRef{*one})
		}
	}
	levels := len(in.SCPs) + len(in.RCPs)
	for _, lv := range in.SCPs {
		count(lv.Policies)
	}
	for _, lv := range in.RCPs {
		count(lv.Policies)
	}
	m.stmts = make([]StatementTrace, 0, stmts)
	m.stmtPtrs = make([]*StatementTrace, 0, stmts)
	m.pols = room(m.polBuf[:0], pols)
	m.polPtrs = room(m.polPtrBuf[:0], pols+levels)
	m.levels = room(m.lvlBuf[:0], levels)
	m.lvlPtrs = room(m.lvlPtrBuf[:0], levels)
	// About two sentences of some sixty bytes per statement, and the
	// layers' notes.
	m.text.Grow(128*stmts + 512)
	m.trace.Layers = m.lptrs[:0]
	return m
}

// slab hands out n consecutive elements of pool, starting a new chunk of at
// least chunk elements when the pool is full. The result's capacity is n, so
// an append to it never writes into its neighbour's elements.
func slab[T any](pool *[]T, n, chunk int) []T {
	if cap(*pool)-len(*pool) < n {
		*pool = make([]T, 0, max(n, chunk))
	}
	l := len(*pool)
	*pool = (*pool)[:l+n]
	return (*pool)[l : l+n : l+n]
}

// room is buf when n elements fit in it, else a new slice of capacity n.
func room[T any](buf []T, n int) []T {
	if n <= cap(buf) {
		return buf
	}
	return make([]T, 0, n)
}

// one hands out one element of pool.
func one[T any](pool *[]T) *T { return &slab(pool, 1, 8)[0] }

// mark is where the next sentence starts in the text buffer; since returns
// what was written after it.
func (m *traceMem) mark() int { return m.text.Len() }

func (m *traceMem) since(mark int) string { return m.text.String()[mark:] }
