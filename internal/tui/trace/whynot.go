package trace

import (
	"fmt"
	"strings"

	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/whynot"
)

// WhyNot is the "why not?" section under the decision: the smallest edits
// that would flip it, each verified by the engine before it is shown.
type WhyNot struct {
	Pending bool   // the search is running in a command
	Err     string // the search could not run
	Goal    string // "allow" or "deny": what the edits achieve
	// Want names the target when it is not simply the other decision
	// ("explicitDeny", the check's expectation).
	Want      string
	Proposals []Proposal
	// Selected marks the proposal a key would apply (the playground); -1
	// when the screen applies none.
	Selected int
	// Others names what Collateral counts ("other checks", "other
	// requests"); empty hides the count.
	Others string
	// Note is a line under the heading (what may be edited).
	Note string
	// Heading, when set, replaces "the smallest changes that make it …".
	Heading string
}

// Proposal is one verified change.
type Proposal struct {
	Edits      []Edit
	Size       int
	Collateral int // -1 when not counted
	After      eval.Decision
	Changes    string // the trace line that changes
}

// Edit is one document (or context) edit of a proposal.
type Edit struct {
	Summary string
	Diff    string
}

// FromAnswer turns a search's answer into the section.
func FromAnswer(a whynot.Answer) *WhyNot {
	w := &WhyNot{Goal: a.Goal, Selected: -1, Err: a.Error}
	for _, p := range a.Proposals {
		tp := Proposal{Size: p.Size, Collateral: p.Collateral, After: p.After, Changes: p.Changes}
		for _, e := range p.Edits {
			tp.Edits = append(tp.Edits, Edit{Summary: e.Summary, Diff: e.Diff})
		}
		w.Proposals = append(w.Proposals, tp)
	}
	return w
}

// WhyNotLine is the line the "why not?" section starts on, or -1.
func (m Model) WhyNotLine() int { return m.whyLine }

// whyNot renders the section.
func (r *renderer) whyNot(w *WhyNot) {
	st := r.m.styles
	r.blank()
	r.whyLine = len(r.out)
	goal := "allowed"
	if w.Goal == "deny" {
		goal = "denied"
	}
	if w.Want != "" {
		goal = w.Want
	}
	heading := "the smallest changes that make it " + goal
	if w.Heading != "" {
		heading = w.Heading
	}
	r.add(0, st.Trace.Step.Render("Why not? ")+st.Muted.Render(heading))
	if w.Note != "" {
		r.add(2, st.Muted.Render(w.Note))
	}
	switch {
	case w.Pending:
		r.add(2, st.Muted.Render("searching…"))
		return
	case w.Err != "":
		r.add(2, st.Error.Render(w.Err))
		return
	case len(w.Proposals) == 0:
		r.add(2, st.Muted.Render("no small change to what may be edited flips this decision"))
		return
	}
	for i, p := range w.Proposals {
		prefix := fmt.Sprintf("%d. ", i+1)
		if w.Selected >= 0 {
			prefix = "  " + prefix
			if i == w.Selected {
				prefix = "▸ " + prefix[2:]
			}
		}
		for j, e := range p.Edits {
			head := strings.Repeat(" ", len([]rune(prefix)))
			if j == 0 {
				head = prefix
			}
			line := head + e.Summary
			if i == w.Selected {
				line = st.Selected.Render(line)
			}
			r.add(0, line)
			for _, d := range strings.Split(strings.TrimRight(e.Diff, "\n"), "\n") {
				switch {
				case d == "":
				case strings.HasPrefix(d, "-"):
					r.add(5, st.Trace.Deny.Render(d))
				case strings.HasPrefix(d, "+"):
					r.add(5, st.Trace.Allow.Render(d))
				default:
					r.add(5, st.Trace.Detail.Render(d))
				}
			}
		}
		facts := fmt.Sprintf("size %d", p.Size)
		if w.Others != "" && p.Collateral >= 0 {
			facts += fmt.Sprintf(" · changes %d %s", p.Collateral, w.Others)
		}
		r.add(3, st.Muted.Render(facts))
		if p.Changes != "" {
			r.add(3, st.Trace.Detail.Render("→ "+p.Changes))
		}
	}
}
