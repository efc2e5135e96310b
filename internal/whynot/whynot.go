// Package whynot answers the question a learner asks after a decision:
// what is the smallest change that would flip it? For a denied request it
// proposes the edits that would allow it, across every layer that must
// agree; for an allowed request, the edits that would deny it, with how many
// other requests each edit also changes.
//
// Every proposal is verified: the edits are applied to the real document
// text, the request is evaluated again by the engine, and a proposal that
// does not flip the decision is never returned. Proposals are ranked by
// size — the characters the edits remove and write — so a missing action in
// a list comes before a new statement.
//
// The package knows nothing of files or screens; a Subject adapts a
// decision source (a sandbox world and call, or an iamlab eval case).
package whynot

import (
	"sort"
	"strconv"
	"strings"

	"github.com/iamlab/iamlab/internal/eval"
)

// Doc is one policy document that takes part in a decision.
type Doc struct {
	ID       string // the subject's id for it (a sandbox document id, "identityPolicies[0]", …)
	Title    string // for people
	Source   string // the JSON text as written
	Editable bool   // whether a proposal may change it
}

// State is a set of changes to a subject: new sources by document id, and
// request context values set by key.
type State struct {
	Sources map[string]string
	Context map[string]string
}

func (s State) clone() State {
	out := State{Sources: make(map[string]string, len(s.Sources)+1), Context: make(map[string]string, len(s.Context)+1)}
	for k, v := range s.Sources {
		out.Sources[k] = v
	}
	for k, v := range s.Context {
		out.Context[k] = v
	}
	return out
}

// Run is the decision of a subject in some state, with what the engine saw
// for the request that decided it.
type Run struct {
	Decision  eval.Decision
	DecidedBy eval.Layer
	Reason    string
	// Hops are the requests AWS authorized on the way, in order: for a
	// sandbox call the STS steps and then the call (the last one decided);
	// for a plain engine input, the one request.
	Hops []Hop
	// DocOf maps a compiled policy of a hop back to its document id; ok is
	// false for a policy no proposal may touch (built-in, AWS managed).
	DocOf func(*eval.Policy) (id string, ok bool)
}

// Hop is one request with what the engine saw and said.
type Hop struct {
	Input  *eval.Input
	Result eval.Result
}

// last is the hop that decided.
func (r Run) last() (Hop, bool) {
	if len(r.Hops) == 0 {
		return Hop{}, false
	}
	return r.Hops[len(r.Hops)-1], true
}

// Subject is a decision that can be re-evaluated with changes applied.
type Subject interface {
	// Docs lists the documents of the decision with their current text.
	Docs() []Doc
	// Run evaluates the request with the state's changes; the trace must be
	// on (Options{Trace: true}).
	Run(st State) (Run, error)
	// CanSupply says whether a request context key is the caller's to give
	// (MFA, source IP, a request tag) rather than fixed by the world.
	CanSupply(key string) bool
}

// Kind is the sort of edit a proposal makes.
type Kind string

// Edit kinds.
const (
	AddAction       Kind = "add-action"       // add the action to an Allow statement
	AddResource     Kind = "add-resource"     // add the resource to an Allow statement
	AddPrincipal    Kind = "add-principal"    // name the caller in a resource-side Allow
	AddStatement    Kind = "add-statement"    // a new Allow (or Deny) statement
	RemoveStatement Kind = "remove-statement" // drop a statement
	NarrowStatement Kind = "narrow-statement" // drop one value from a statement's list
	RemoveCondition Kind = "remove-condition" // drop a condition an Allow does not meet
	SupplyContext   Kind = "supply-context"   // the request carries a context value
	AddDeny         Kind = "add-deny"         // a new Deny statement
)

// Edit is one change: to a document's text, or to the request's context.
type Edit struct {
	Kind    Kind   `json:"kind"`
	Doc     string `json:"doc,omitempty"` // document id; "" for a context edit
	Summary string `json:"summary"`       // one sentence: what and where
	// Diff shows the lines that change, "-" before and "+" after.
	Diff string `json:"diff,omitempty"`
	Key  string `json:"key,omitempty"` // context key (SupplyContext)
	// Value is the context value (SupplyContext).
	Value string `json:"value,omitempty"`
	Size  int    `json:"size"`

	sp splice
}

// Proposal is a set of edits that, applied together, flip the decision.
type Proposal struct {
	Edits []Edit        `json:"edits"`
	Size  int           `json:"size"`
	After eval.Decision `json:"after"`
	// Changes is the trace line that changes: how the decision reads with
	// the edits applied.
	Changes string `json:"changes"`
	// Collateral counts the other requests whose decision the edits also
	// change; -1 when no other requests were given.
	Collateral int `json:"collateral"`

	state State
}

// Options bound the search.
type Options struct {
	// Max is how many proposals to return (default 3).
	Max int
	// Depth is how many edits one proposal may combine (default 3): a
	// cross-account call may need the caller's policy and the bucket policy.
	Depth int
	// Budget caps the evaluations one search makes (default 400), so a
	// question asked on a key press stays fast.
	Budget int
	// Want, when set, is the decision the request should get (a scenario
	// check that wants an implicit deny is not met by an added Deny); by
	// default any denial for an allowed request, and Allowed for a denied one.
	Want func(eval.Decision) bool
	// Others are requests of the same world whose decisions an edit may
	// change too: Collateral counts them. Nil means not measured.
	Others func(st State) (changed int)
}

func (o *Options) defaults() {
	if o.Max <= 0 {
		o.Max = 3
	}
	if o.Depth <= 0 {
		o.Depth = 3
	}
	if o.Budget <= 0 {
		o.Budget = 400
	}
}

// denied reports whether a decision is a denial of either kind.
func denied(d eval.Decision) bool { return d != eval.Allowed }

// Answer is the result of a search: the decision now, and the proposals.
type Answer struct {
	Decision  eval.Decision `json:"decision"`
	DecidedBy eval.Layer    `json:"decidedBy"`
	Goal      string        `json:"goal"` // "allow" or "deny"
	Proposals []Proposal    `json:"proposals"`
	// Evaluations is how many times the engine ran, for benchmarks.
	Evaluations int `json:"evaluations"`
	// Error says why no search ran (set by callers that report it in
	// place of an answer, such as iamlab eval --why-not).
	Error string `json:"error,omitempty"`
}

// Find searches for the smallest edits that flip the subject's decision.
func Find(s Subject, opt Options) (Answer, error) {
	opt.defaults()
	base, err := s.Run(State{})
	if err != nil {
		return Answer{}, err
	}
	ans := Answer{Decision: base.Decision, DecidedBy: base.DecidedBy, Goal: "allow"}
	if !denied(base.Decision) {
		ans.Goal = "deny"
	}
	docs := map[string]Doc{}
	for _, d := range s.Docs() {
		docs[d.ID] = d
	}
	sr := &searcher{s: s, docs: docs, opt: opt, wantAllow: denied(base.Decision)}
	sr.search(base)
	ans.Proposals = sr.best()
	ans.Evaluations = sr.evals
	if opt.Others != nil {
		for i := range ans.Proposals {
			ans.Proposals[i].Collateral = opt.Others(ans.Proposals[i].state)
		}
		{
			// A proposal should disturb as little else as it can: the least
			// collateral first, then the smallest.
			sort.SliceStable(ans.Proposals, func(i, j int) bool {
				a, b := ans.Proposals[i], ans.Proposals[j]
				if a.Collateral != b.Collateral {
					return a.Collateral < b.Collateral
				}
				return a.Size < b.Size
			})
		}
	} else {
		for i := range ans.Proposals {
			ans.Proposals[i].Collateral = -1
		}
	}
	return ans, nil
}

type node struct {
	state State
	edits []Edit
	size  int
	run   Run
}

type searcher struct {
	s         Subject
	docs      map[string]Doc
	opt       Options
	wantAllow bool
	evals     int
	seen      map[string]bool
	found     []Proposal
}

func (sr *searcher) flipped(d eval.Decision) bool {
	if sr.opt.Want != nil {
		return sr.opt.Want(d)
	}
	if sr.wantAllow {
		return d == eval.Allowed
	}
	return denied(d)
}

// search is a best-first walk over edit sets: the cheapest partial set is
// expanded first, each step proposes edits for what still decides, and a
// set that flips the decision is kept. It stops when the budget runs out or
// nothing cheaper than the proposals found can be reached.
func (sr *searcher) search(base Run) {
	sr.seen = map[string]bool{}
	frontier := []node{{state: State{}, run: base}}
	for len(frontier) > 0 && sr.evals < sr.opt.Budget {
		sort.SliceStable(frontier, func(i, j int) bool { return frontier[i].size < frontier[j].size })
		cur := frontier[0]
		frontier = frontier[1:]
		if len(sr.found) >= sr.opt.Max && cur.size >= sr.found[len(sr.found)-1].Size {
			break
		}
		if len(cur.edits) >= sr.opt.Depth {
			continue
		}
		for _, e := range sr.candidates(cur) {
			if sr.evals >= sr.opt.Budget {
				break
			}
			next := cur.state.clone()
			if e.Doc != "" {
				next.Sources[e.Doc] = e.sp.apply(sr.source(cur.state, e.Doc))
			} else {
				next.Context[e.Key] = e.Value
			}
			key := stateKey(next)
			if sr.seen[key] {
				continue
			}
			sr.seen[key] = true
			sr.evals++
			r, err := sr.s.Run(next)
			if err != nil {
				continue // an edit that breaks the document is no proposal
			}
			edits := append(append([]Edit(nil), cur.edits...), e)
			n := node{state: next, edits: edits, size: cur.size + e.Size, run: r}
			if sr.flipped(r.Decision) {
				sr.keep(n)
				continue
			}
			if progressed(cur.run, r) {
				frontier = append(frontier, n)
			}
		}
	}
}

// progressed: an edit after which every hop reads the same — the same
// statements apply, the same one decides — changed nothing that matters, so
// it is not worth building on.
func progressed(before, after Run) bool {
	return signature(before) != signature(after)
}

func signature(r Run) string {
	var b strings.Builder
	b.WriteString(string(r.Decision) + "|" + string(r.DecidedBy) + "|" + r.Reason)
	for _, h := range r.Hops {
		if d := h.Result.Deciding; d != nil {
			b.WriteString("|" + string(d.Layer) + d.Level + d.Policy + strconv.Itoa(d.Index))
		}
		if h.Result.Trace == nil {
			continue
		}
		for _, lt := range h.Result.Trace.Layers {
			visit := func(ps []*eval.PolicyTrace) {
				for _, p := range ps {
					for _, st := range p.Statements {
						if st.Applies {
							b.WriteString("|" + string(lt.Layer) + p.Name + strconv.Itoa(st.Index))
						}
					}
				}
			}
			visit(lt.Policies)
			for _, lv := range lt.Levels {
				visit(lv.Policies)
			}
		}
	}
	return b.String()
}

func (sr *searcher) keep(n node) {
	// A set that contains a smaller flipping set is not minimal.
	for _, p := range sr.found {
		if subset(p.Edits, n.edits) {
			return
		}
	}
	p := Proposal{Edits: n.edits, Size: n.size, After: n.run.Decision, Changes: changeLine(n.run), state: n.state}
	sr.found = append(sr.found, p)
	sort.SliceStable(sr.found, func(i, j int) bool { return sr.found[i].Size < sr.found[j].Size })
}

func subset(small, big []Edit) bool {
	for _, a := range small {
		ok := false
		for _, b := range big {
			if a.Kind == b.Kind && a.Doc == b.Doc && a.Summary == b.Summary {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// best picks up to Max proposals, smallest first, but one of each shape
// (the kinds of edit it makes) before a second of any: "add the action",
// "send MFA" and "remove the Deny" teach more than the same edit in three
// documents.
func (sr *searcher) best() []Proposal {
	var out []Proposal
	taken := make([]bool, len(sr.found))
	shapes := map[string]bool{}
	for i, p := range sr.found {
		if len(out) == sr.opt.Max {
			break
		}
		if sh := shape(p); !shapes[sh] {
			shapes[sh] = true
			taken[i] = true
			out = append(out, p)
		}
	}
	for i, p := range sr.found {
		if len(out) == sr.opt.Max {
			break
		}
		if !taken[i] {
			out = append(out, p)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Size < out[j].Size })
	return out
}

func shape(p Proposal) string {
	var b strings.Builder
	for _, e := range p.Edits {
		b.WriteString(string(e.Kind) + " ")
	}
	return b.String()
}

func (sr *searcher) source(st State, id string) string {
	if s, ok := st.Sources[id]; ok {
		return s
	}
	return sr.docs[id].Source
}

func stateKey(st State) string {
	var b strings.Builder
	keys := make([]string, 0, len(st.Sources))
	for k := range st.Sources {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		b.WriteString(k)
		b.WriteByte(0)
		b.WriteString(st.Sources[k])
		b.WriteByte(0)
	}
	keys = keys[:0]
	for k := range st.Context {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		b.WriteString(k + "=" + st.Context[k] + "\x00")
	}
	return b.String()
}

// changeLine is the line of the trace that reads differently after the
// edits: the new decision and the layer and statement behind it.
func changeLine(r Run) string {
	var b strings.Builder
	b.WriteString(string(r.Decision))
	if r.DecidedBy != "" {
		b.WriteString(" by the " + eval.LayerTitle(r.DecidedBy))
	}
	h, _ := r.last()
	if d := h.Result.Deciding; d != nil {
		b.WriteString(": statement ")
		if d.Sid != "" {
			b.WriteString(quote(d.Sid))
		} else {
			b.WriteString("#" + strconv.Itoa(d.Index+1))
		}
		b.WriteString(" of " + d.Policy)
	}
	if r.Reason != "" {
		b.WriteString(" — " + r.Reason)
	}
	return b.String()
}

// Sources is the text of every document the proposal changes, by document
// id, as it reads with all the proposal's edits applied: what a screen
// writes back into its copy of the world.
func (p Proposal) Sources() map[string]string {
	out := make(map[string]string, len(p.state.Sources))
	for k, v := range p.state.Sources {
		out[k] = v
	}
	return out
}

// Context is the request context values the proposal supplies.
func (p Proposal) Context() map[string]string {
	out := make(map[string]string, len(p.state.Context))
	for k, v := range p.state.Context {
		out[k] = v
	}
	return out
}
