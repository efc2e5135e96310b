package quizview

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/progress"
	qz "github.com/iamlab/iamlab/internal/quiz"
	"github.com/iamlab/iamlab/internal/tui/markdown"
	"github.com/iamlab/iamlab/internal/tui/trace"
)

// builder collects the body's lines.
type builder struct {
	m      *Session
	width  int
	md     func(src string, width int) []string
	out    []string
	anchor int
}

func (b *builder) line(s string)       { b.out = append(b.out, s) }
func (b *builder) lines(ls []string)   { b.out = append(b.out, ls...) }
func (b *builder) blank()              { b.out = append(b.out, "") }
func (b *builder) mark()               { b.anchor = len(b.out) }
func (b *builder) markdown(src string) { b.lines(b.md(strings.TrimSpace(src), b.width)) }

// hang wraps text after a prefix, indenting continuation lines under the
// text; style is applied to the text only.
func (b *builder) hang(prefix string, text string, style func(...string) string) {
	b.hangIndent(prefix, strings.Repeat(" ", ansi.StringWidth(prefix)), text, style)
}

// hangIndent wraps text after prefix, with pad before continuation lines.
func (b *builder) hangIndent(prefix, pad string, text string, style func(...string) string) {
	pw := max(ansi.StringWidth(prefix), ansi.StringWidth(pad))
	ls := markdown.Wrap(text, max(10, b.width-pw))
	for i, l := range ls {
		if style != nil {
			l = style(l)
		}
		if i == 0 {
			b.line(prefix + l)
		} else {
			b.line(pad + l)
		}
	}
}

// question draws the stem, the request of a policy item, the choices and
// the world.
func (b *builder) question() {
	m := b.m
	st := m.st
	it := m.ans.item
	b.markdown(it.Stem)
	if it.Policy != nil {
		b.blank()
		b.hang(st.Muted.Render("Request  "), callText(it.Policy), st.Bold.Render)
	}
	b.blank()
	a := &m.ans
	answering := m.phase == phaseAnswer
	switch it.Type {
	case qz.Ordering:
		b.line(st.Muted.Render("Put the steps in order, first at the top:"))
		for i, s := range a.steps {
			cur := answering && i == a.cursor
			prefix := "  "
			if cur {
				prefix = "› "
				b.mark()
			}
			num := fmt.Sprintf("%d. ", i+1)
			if cur && a.grabbed {
				num = "⇅ " + num
			}
			style := st.Text.Render
			if cur {
				style = st.Key.Render
			}
			b.hang(prefix+num, s.Text, style)
		}
	case qz.Matching:
		b.line(st.Muted.Render("Answers (an answer may fit several rows, or none):"))
		for i, r := range a.rights {
			b.hang("  "+st.Key.Render(letters[i])+") ", r, nil)
		}
		b.blank()
		for i, p := range it.Pairs {
			cur := answering && i == a.cursor
			prefix := "  "
			if cur {
				prefix = "› "
				b.mark()
			}
			b.hang(prefix+fmt.Sprintf("%d. ", i+1), p.Left, nil)
			got := a.matches[p.ID]
			if got == "" {
				b.line("     → " + st.Muted.Render("?"))
			} else {
				b.hang("     → ", letterOf(a.rights, got)+") "+got, st.Bold.Render)
			}
		}
	default:
		for i, o := range a.opts {
			cur := answering && i == a.cursor
			prefix := "  "
			if cur {
				prefix = "› "
				b.mark()
			}
			box := "( ) "
			if it.Type == qz.Multiple {
				box = "[ ] "
			}
			if a.chosen[o.ID] {
				box = "(●) "
				if it.Type == qz.Multiple {
					box = "[x] "
				}
			}
			style := st.Text.Render
			if a.chosen[o.ID] {
				style = st.Bold.Render
			}
			b.hang(prefix+box+st.Key.Render(letters[i])+") ", o.Text, style)
		}
	}
	if it.Policy != nil && it.Policy.World != nil {
		b.blank()
		b.line(st.Pane.Title.Render("The world"))
		for _, l := range worldLines(it.Policy.World) {
			t := strings.TrimLeft(l, " ")
			indent := strings.Repeat(" ", len(l)-len(t))
			b.hangIndent(indent, indent+"  ", t, nil)
		}
	}
}

func letterOf(rights []string, r string) string {
	for i, x := range rights {
		if x == r && i < len(letters) {
			return letters[i]
		}
	}
	return "?"
}

// callText is the request of a policy question in one line.
func callText(p *qz.PolicyQuestion) string {
	c := p.Call
	s := c.As + " → " + c.Action + " → " + c.Resource
	var extra []string
	if c.MFA != nil {
		if *c.MFA {
			extra = append(extra, "with MFA")
		} else {
			extra = append(extra, "without MFA")
		}
	}
	if c.SourceIP != "" {
		extra = append(extra, "from "+c.SourceIP)
	}
	if c.VPCEndpoint != "" {
		extra = append(extra, "through "+c.VPCEndpoint)
	}
	if c.Secure != nil && !*c.Secure {
		extra = append(extra, "over plain HTTP")
	}
	if c.SessionPolicy != "" {
		extra = append(extra, "session policy "+c.SessionPolicy)
	}
	if c.ExternalID != "" {
		extra = append(extra, "external ID "+c.ExternalID)
	}
	for k, v := range c.Context {
		extra = append(extra, k+"="+strings.Join(v, ","))
	}
	if len(extra) > 0 {
		s += " (" + strings.Join(extra, ", ") + ")"
	}
	return s
}

// feedback draws the reveal: the verdict with the confidence, every
// option's rationale, the explanation and, for policy items, the trace.
func (b *builder) feedback() {
	m := b.m
	st := m.st
	fb := m.fb
	if fb == nil {
		return
	}
	b.verdict()
	b.blank()
	b.markdown(m.ans.item.Stem)
	b.blank()
	switch m.ans.item.Type {
	case qz.Ordering:
		b.orderingRationales()
	case qz.Matching:
		b.matchingRationales()
	default:
		b.optionRationales()
	}
	if strings.TrimSpace(fb.Explanation) != "" {
		b.blank()
		b.line(st.Pane.Title.Render("The rule"))
		b.markdown(fb.Explanation)
	}
	if len(fb.Sources) > 0 {
		b.blank()
		b.line(st.Pane.Title.Render("Sources"))
		for _, src := range fb.Sources {
			b.hang("  ", src, st.Muted.Render)
		}
	}
	if fb.Outcome != nil {
		b.blank()
		b.line(st.Pane.Title.Render("The evaluation trace"))
		tr := trace.New(st)
		tr.SetSize(b.width, 1)
		tr.SetContent(trace.FromOutcome(trace.CallTitle(fb.Outcome.Call), fb.Outcome))
		b.lines(tr.Lines())
	}
}

// verdict says right or wrong with the confidence given, and what a sure
// mistake, a lucky guess or an unanswered exam item means.
func (b *builder) verdict() {
	m := b.m
	st, fb := m.st, m.fb
	v := st.Verdict
	if fb.Correct {
		b.line(v.Pass.Style.Render("✓ Correct") + confidenceNote(fb.Confidence))
	} else {
		b.line(v.Fail.Style.Render("✗ Not right") + confidenceNote(fb.Confidence))
	}
	switch {
	case !fb.Correct && fb.Confidence == progress.Sure:
		b.hang("", "You were sure, and it was wrong: these are the mistakes worth the closest read. The item comes back first in review.", st.Warning.Render)
	case fb.Correct && fb.Confidence == progress.Guess:
		b.hang("", "Right, but a guess: it comes back sooner so the knowledge becomes sure.", st.Muted.Render)
	case m.kind == kindExam && fb.Response.Empty():
		b.hang("", "You left this one unanswered; it counts as wrong.", st.Warning.Render)
	}
}

// orderingRationales shows the right order, and where the learner put
// each step they misplaced.
func (b *builder) orderingRationales() {
	st, fb := b.m.st, b.m.fb
	v := st.Verdict
	b.line(st.Pane.Title.Render("The right order"))
	yours := map[string]int{}
	for i, id := range fb.Response.Order {
		yours[id] = i + 1
	}
	for i, r := range fb.Rationales {
		mark := v.Pass.Style.Render("✓")
		note := ""
		if !r.Correct {
			mark = v.Fail.Style.Render("✗")
			if p := yours[r.ID]; p > 0 {
				note = st.Muted.Render(fmt.Sprintf("  (you put it at %d)", p))
			}
		}
		b.hang(fmt.Sprintf("%s %d. ", mark, i+1), r.Text, st.Bold.Render)
		if note != "" {
			b.line("     " + note)
		}
		b.hang("     ", r.Why, nil)
	}
}

// matchingRationales shows the right matches, what the learner chose
// where it was wrong, and the answers no pair uses.
func (b *builder) matchingRationales() {
	st, fb, it := b.m.st, b.m.fb, b.m.ans.item
	v := st.Verdict
	b.line(st.Pane.Title.Render("The right matches"))
	for i, p := range it.Pairs {
		r := fb.Rationales[i]
		mark := v.Pass.Style.Render("✓ ")
		if !r.Correct {
			mark = v.Fail.Style.Render("✗ ")
		}
		b.hang(mark, p.Left, st.Bold.Render)
		b.hang("   → ", p.Right, st.Bold.Render)
		if got := fb.Response.Matches[p.ID]; !r.Correct {
			if got == "" {
				got = "nothing"
			}
			b.hang("   ", "you chose: "+got, st.Muted.Render)
		}
		b.hang("   ", r.Why, nil)
	}
	for _, r := range fb.Rationales[len(it.Pairs):] {
		b.hang("· ", "Unused answer: "+r.Text, st.Muted.Render)
		b.hang("   ", r.Why, nil)
	}
}

// optionRationales shows every option, marked right, chosen or neither,
// with why.
func (b *builder) optionRationales() {
	st, fb := b.m.st, b.m.fb
	v := st.Verdict
	b.line(st.Pane.Title.Render("Every option"))
	why := map[string]qz.Rationale{}
	for _, r := range fb.Rationales {
		why[r.ID] = r
	}
	for i, o := range b.m.ans.opts {
		r := why[o.ID]
		var mark, tag string
		switch {
		case r.Correct && r.Chosen:
			mark, tag = v.Pass.Style.Render("✓"), "right answer · yours"
		case r.Correct:
			mark, tag = v.Pass.Style.Render("✓"), "right answer"
		case r.Chosen:
			mark, tag = v.Fail.Style.Render("✗"), "your answer"
		default:
			mark = st.Muted.Render("·")
		}
		b.hang(mark+" "+letters[i]+") ", o.Text, st.Bold.Render)
		if tag != "" {
			b.line("     " + st.Muted.Render(tag))
		}
		b.hang("     ", r.Why, nil)
	}
}

func confidenceNote(c progress.Confidence) string {
	switch c {
	case progress.Sure:
		return " · you were sure"
	case progress.ThinkSo:
		return " · you thought so"
	case progress.Guess:
		return " · you guessed"
	}
	return ""
}

// summary is the end of a practice or review session.
func (b *builder) summary() {
	m := b.m
	st := m.st
	right, answered := m.run.Score()
	if answered == 0 {
		b.line(st.Bold.Render("Nothing was answered in this session."))
		return
	}
	b.line(st.Bold.Render(fmt.Sprintf("%d of %d right (%d%%)", right, answered, right*100/answered)))
	b.blank()
	type tally struct{ n, right int }
	by := map[progress.Confidence]*tally{progress.Sure: {}, progress.ThinkSo: {}, progress.Guess: {}}
	confWrong := 0
	for _, e := range m.run.Entries() {
		if !e.Answered {
			continue
		}
		if t := by[e.Confidence]; t != nil {
			t.n++
			if e.Correct {
				t.right++
			}
		}
		if !e.Correct && e.Confidence == progress.Sure {
			confWrong++
		}
	}
	var parts []string
	for _, c := range []struct {
		c    progress.Confidence
		word string
	}{{progress.Sure, "sure"}, {progress.ThinkSo, "think so"}, {progress.Guess, "guess"}} {
		if t := by[c.c]; t.n > 0 {
			parts = append(parts, fmt.Sprintf("%s: %d of %d right", c.word, t.right, t.n))
		}
	}
	b.line(st.Muted.Render("How sure you were · ") + strings.Join(parts, " · "))
	if confWrong > 0 {
		b.hang("", fmt.Sprintf("%d wrong while sure: review puts those first, because a confident mistake that is corrected sticks.", confWrong), st.Warning.Render)
	}
	b.blank()
	wrong := m.wrongItems()
	if len(wrong) == 0 {
		b.line(st.Success.Render("✓ Every answer right."))
		return
	}
	b.line(st.Pane.Title.Render(fmt.Sprintf("Wrong answers (%d)", len(wrong))))
	for _, e := range wrong {
		b.hang(st.Verdict.Fail.Style.Render("✗ "), firstLine(e.Item.Stem), nil)
	}
}

// emphasis is *word* in Markdown (not a wildcard such as s3:* or "*").
var emphasis = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\*([^*\s][^*]*?[^*\s]|[^*\s])\*`) })

// plainMarks drops Markdown emphasis and code marks, leaving code spans
// verbatim: an asterisk in `Principal: "*"` or `s3:*` is content, not
// emphasis.
func plainMarks(s string) string {
	parts := strings.Split(s, "`")
	for i := range parts {
		if i%2 == 0 {
			parts[i] = emphasis().ReplaceAllString(strings.ReplaceAll(parts[i], "**", ""), "$1")
		}
	}
	return strings.Join(parts, "")
}

// firstLine is the stem's first paragraph on one line, without Markdown
// marks, cut at about two lines of text.
func firstLine(md string) string {
	var words []string
	for _, l := range strings.Split(strings.TrimSpace(md), "\n") {
		l = strings.TrimSpace(strings.TrimLeft(l, "#> "))
		if l == "" {
			if len(words) > 0 {
				break
			}
			continue
		}
		words = append(words, l)
	}
	s := plainMarks(strings.Join(words, " "))
	if r := []rune(s); len(r) > 160 {
		s = strings.TrimRight(string(r[:159]), " ") + "…"
	}
	return s
}
