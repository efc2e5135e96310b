package playground

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/sandbox"
)

// When a policy edit flips the decision, the playground puts the request
// against the world as it was next to the request against the edited
// world: the decision, the deciding layer, the reason, and each layer whose
// verdict moved. That is the question a learner editing a policy is asking.

// layerChange is one layer whose verdict differs between before and after.
type layerChange struct {
	title         string
	before, after eval.Verdict
}

// changedLayers compares the call's own hop (the last) of two outcomes.
func changedLayers(before, after *sandbox.Outcome) []layerChange {
	verdicts := func(o *sandbox.Outcome) (map[eval.Layer]eval.Verdict, []*eval.LayerTrace) {
		out := map[eval.Layer]eval.Verdict{}
		if len(o.Hops) == 0 || o.Hops[len(o.Hops)-1].Result.Trace == nil {
			return out, nil
		}
		ls := o.Hops[len(o.Hops)-1].Result.Trace.Layers
		for _, l := range ls {
			out[l.Layer] = l.Verdict
		}
		return out, ls
	}
	b, _ := verdicts(before)
	a, layers := verdicts(after)
	var out []layerChange
	for _, l := range layers {
		if b[l.Layer] != a[l.Layer] {
			out = append(out, layerChange{title: l.Title, before: b[l.Layer], after: a[l.Layer]})
		}
	}
	return out
}

func verdictWords(v eval.Verdict) string {
	switch v {
	case eval.VerdictAllow:
		return "allows"
	case eval.VerdictDeny:
		return "denies explicitly"
	case eval.VerdictNoAllow:
		return "no allow"
	case eval.VerdictNotApplicable:
		return "does not apply"
	}
	return "absent"
}

// compareLines draws the side-by-side block, every cell wrapped to its
// column: nothing is cut.
func (m *Model) compareLines() []string {
	before, after := m.before, m.outcome
	if before == nil || after == nil {
		return nil
	}
	st := m.styles
	colW := max(20, (m.width-3)/2)
	badge := func(d eval.Decision) string {
		switch d {
		case "allowed":
			return st.Verdict.Allowed.Render()
		case "explicitDeny":
			return st.Verdict.ExplicitDeny.Render()
		}
		return st.Verdict.ImplicitDeny.Render()
	}
	type pair struct{ l, r string }
	rows := []pair{
		{st.Key.Render("Before your edit"), st.Key.Render("After your edit")},
		{badge(before.Decision) + " decided by " + string(before.DecidedBy), badge(after.Decision) + " decided by " + string(after.DecidedBy)},
		{st.Muted.Render(before.Reason), st.Muted.Render(after.Reason)},
	}
	for _, c := range changedLayers(before, after) {
		rows = append(rows, pair{c.title + ": " + verdictWords(c.before), c.title + ": " + verdictWords(c.after)})
	}
	out := []string{st.Pane.Title.Render("What changed") + st.Muted.Render(" · your edit flips the decision (ctrl+r undoes every edit)")}
	for _, p := range rows {
		ls := strings.Split(ansi.Wrap(p.l, colW, " "), "\n")
		rs := strings.Split(ansi.Wrap(p.r, colW, " "), "\n")
		for i := 0; i < max(len(ls), len(rs)); i++ {
			var l, r string
			if i < len(ls) {
				l = ls[i]
			}
			if i < len(rs) {
				r = rs[i]
			}
			pad := strings.Repeat(" ", max(0, colW-ansi.StringWidth(l)))
			out = append(out, l+pad+st.Muted.Render(" │ ")+r)
		}
	}
	return out
}
