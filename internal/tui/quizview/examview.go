package quizview

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/progress"
)

// examList is every item with its state: the review before submit.
func (b *builder) examList() {
	m := b.m
	st := m.st
	ex := m.exam
	var flagged, open []string
	for i, en := range ex.Entries() {
		if en.Flagged {
			flagged = append(flagged, strconv.Itoa(i+1))
		}
		if !en.Answered {
			open = append(open, strconv.Itoa(i+1))
		}
	}
	b.line(fmt.Sprintf("%d of %d answered · %s left", ex.Len()-len(open), ex.Len(), clockText(ex.Remaining())))
	if len(flagged) > 0 {
		b.hang(st.Warning.Render("⚑ Flagged: "), strings.Join(flagged, ", "), nil)
	} else {
		b.line(st.Muted.Render("Nothing flagged (f flags an item to come back to)."))
	}
	if len(open) > 0 {
		b.hang(st.Warning.Render("○ Unanswered: "), strings.Join(open, ", "), nil)
	} else {
		b.line(st.Success.Render("✓ Every item has an answer."))
	}
	b.blank()
	for i, en := range ex.Entries() {
		state := st.Success.Render("● answered  ")
		if !en.Answered {
			state = st.Warning.Render("○ unanswered")
		}
		flag := "  "
		if en.Flagged {
			flag = st.Warning.Render("⚑ ")
		}
		line := fmt.Sprintf("%3d ", i+1) + state + " " + flag + firstLine(en.Item.Stem)
		b.listRow(i == m.listCur, line)
	}
}

// report is the score report: the raw score, the bands per domain, the
// caution, and every item to open its feedback.
func (b *builder) report() {
	m := b.m
	st := m.st
	r := m.report
	if r == nil {
		return
	}
	b.line(st.Bold.Render(fmt.Sprintf("%s mock exam: %d of %d right (%.0f%%) · ", r.Exam, r.Correct, r.Total, r.Percent)) + b.band(r.Band, false))
	b.hang("", fmt.Sprintf("The real exam's pass mark is %d on a scale of 100–1000, roughly %.0f%% right as a target.", r.PassMark, r.PassFraction*100), st.Muted.Render)
	timing := fmt.Sprintf("Time: %s of %s", clockText(r.Elapsed), clockText(r.Limit))
	if r.TimedOut {
		timing += " · time ran out"
	}
	b.line(timing + fmt.Sprintf(" · unanswered %d · flagged %d", r.Unanswered, r.Flagged))
	b.blank()
	b.line(st.Pane.Title.Render("By domain"))
	nameW := max(20, b.width-36)
	for _, d := range r.Domains {
		name := ansi.Truncate(fmt.Sprintf("%d %s (%.0f%%)", d.Number, d.Name, d.Weight*100), nameW, "…")
		score := "no items"
		if d.Total > 0 {
			score = fmt.Sprintf("%2d/%-2d %3.0f%%", d.Correct, d.Total, d.Percent)
		}
		b.line(padRight(name, nameW) + "  " + padRight(score, 12) + "  " + b.band(d.Band, d.Uncertain))
	}
	b.blank()
	b.line(st.Warning.Render("Caution"))
	b.hang("", r.Caution, st.Muted.Render)
	b.blank()
	b.line(st.Pane.Title.Render("Items (enter shows the feedback)"))
	for i, en := range m.exam.Entries() {
		mark := st.Verdict.Pass.Style.Render("✓ right")
		switch {
		case !en.Answered:
			mark = st.Warning.Render("○ blank")
		case !en.Correct:
			mark = st.Verdict.Fail.Style.Render("✗ wrong")
		}
		line := fmt.Sprintf("%3d ", i+1) + padRight(mark, 8) + " " + firstLine(en.Item.Stem)
		b.listRow(i == m.listCur, line)
	}
}

// band draws a readiness band with a symbol and a word.
func (b *builder) band(band progress.Band, uncertain bool) string {
	st := b.m.st
	var s string
	switch band {
	case progress.BandReady:
		s = st.Success.Render("✓ ready")
	case progress.BandBorderline:
		s = st.Warning.Render("◐ borderline")
	case progress.BandNeedsWork:
		s = st.Error.Render("✗ needs work")
	default:
		s = st.Muted.Render("— not tested")
	}
	if uncertain {
		s += st.Muted.Render(" (few items)")
	}
	return s
}

func padRight(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// examMinutes describes an exam's length for the menu's confirmation.
func examMinutes(d time.Duration) string {
	return fmt.Sprintf("%d minutes", int(d.Round(time.Minute)/time.Minute))
}

// listRow draws one row of an exam's item list: the cursor's row marked
// and highlighted across the width, the others indented to match.
func (b *builder) listRow(selected bool, line string) {
	if !selected {
		b.line(" " + line)
		return
	}
	b.mark()
	b.line(b.m.st.Selected.Render(padRight("›"+ansi.Strip(line), b.width)))
}
