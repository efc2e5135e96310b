package scenario

import (
	"sort"
	"strings"

	"github.com/iamlab/iamlab/internal/tui/cells"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/scenarios"
	"github.com/iamlab/iamlab/internal/tui/theme"
)

// Wide layouts (side by side) need this much room; below it one main pane
// is shown at a time under a tab bar.
const (
	wideMinWidth  = 110
	wideMinHeight = 32
)

type rect struct{ x, y, w, h int }

func (r rect) contains(x, y int) bool {
	return x >= r.x && x < r.x+r.w && y >= r.y && y < r.y+r.h
}

func (r rect) inner() rect { return rect{r.x + 1, r.y + 1, max(0, r.w-2), max(0, r.h-2)} }

// layout is where everything goes for the current size and state. The
// rectangles tile the body exactly, so View can assemble rows from them.
type layout struct {
	narrow     bool
	tabBar     rect // h 0 when wide
	notice     rect // h 0 without a notice
	panes      map[pane]rect
	hint       rect // h 0 without a hint box
	editorText rect
}

// frames are the border drawings, taken from the theme's pane styles once
// per palette so that View only concatenates.
type frames struct {
	focused, blurred      lipgloss.Border
	focusedFg, blurredFg  lipgloss.Style
	title, titleBlurred   lipgloss.Style
	badge                 lipgloss.Style
	tabActive, tabBlurred lipgloss.Style
	// The side borders, rendered once: every line of every pane has them.
	focusedSides, blurredSides [2]string
}

func newFrames(st *theme.Styles) frames {
	fg := func(s lipgloss.Style) lipgloss.Style {
		return lipgloss.NewStyle().Foreground(s.GetBorderTopForeground())
	}
	f := frames{
		focused:      st.Pane.Focused.GetBorderStyle(),
		blurred:      st.Pane.Blurred.GetBorderStyle(),
		focusedFg:    fg(st.Pane.Focused),
		blurredFg:    fg(st.Pane.Blurred),
		title:        st.Pane.Title,
		titleBlurred: st.Pane.TitleBlurred,
		badge:        st.Pane.Badge,
		tabActive:    st.Selected,
		tabBlurred:   st.Muted,
	}
	f.focusedSides = [2]string{f.focusedFg.Render(f.focused.Left), f.focusedFg.Render(f.focused.Right)}
	f.blurredSides = [2]string{f.blurredFg.Render(f.blurred.Left), f.blurredFg.Render(f.blurred.Right)}
	return f
}

// box draws a bordered pane of exactly r's size, the title and a badge set
// into the top border.
func (m *Model) box(r rect, focused bool, title, badge string, body []string) []string {
	if r.h <= 0 || r.w <= 0 {
		return nil
	}
	b, bst, tst, sides := m.fr.blurred, m.fr.blurredFg, m.fr.titleBlurred, m.fr.blurredSides
	if focused {
		b, bst, tst, sides = m.fr.focused, m.fr.focusedFg, m.fr.title, m.fr.focusedSides
	}
	iw := max(0, r.w-2)
	out := make([]string, 0, r.h)
	// Top: ╭─ Title ───── badge ─╮
	room := iw - 2
	t := ""
	if title != "" && room > 2 {
		tw := room - 2
		// The badge says what state the pane is in ("✎ typing"): the title
		// gives way to it, down to a dozen cells.
		if badge != "" {
			tw = max(min(tw, 12), room-2-cells.Width(badge)-5)
		}
		title = ansi.Truncate(title, max(1, tw), "…")
		t = " " + tst.Render(title) + " "
	}
	bd := ""
	if badge != "" {
		if avail := room - cells.Width(t) - 3; avail > 4 {
			badge = ansi.Truncate(badge, avail, "…")
			bd = " " + m.fr.badge.Render(badge) + " "
		}
	}
	fill := max(0, iw-1-cells.Width(t)-cells.Width(bd)-1)
	top := bst.Render(b.TopLeft+b.Top) + t + bst.Render(strings.Repeat(b.Top, fill)) + bd + bst.Render(b.Top+b.TopRight)
	if iw < 2 {
		top = bst.Render(b.TopLeft + strings.Repeat(b.Top, iw) + b.TopRight)
	}
	out = append(out, top)
	left, right := sides[0], sides[1]
	for i := 0; i < r.h-2; i++ {
		line := ""
		if i < len(body) {
			line = body[i]
		}
		out = append(out, left+fit(line, iw)+right)
	}
	if r.h >= 2 {
		out = append(out, bst.Render(b.BottomLeft+strings.Repeat(b.Bottom, iw)+b.BottomRight))
	}
	return out
}

// fit makes a line exactly w cells: cut with an ellipsis (the last resort:
// content is wrapped to the width before) and padded with spaces.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	n := cells.Width(s)
	if n > w {
		s = ansi.Truncate(s, w, "…")
		n = cells.Width(s)
	}
	if n < w {
		s += strings.Repeat(" ", w-n)
	}
	return s
}

// fitWords shortens plain text to w cells at a word boundary.
func fitWords(s string, w int) string {
	if cells.Width(s) <= w {
		return s
	}
	if w <= 1 {
		return ansi.Truncate(s, w, "")
	}
	cut := ansi.Truncate(s, w-1, "")
	if i := strings.LastIndexAny(cut, " /"); i > w/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ") + "…"
}

// wrap breaks plain or styled text into lines of at most w cells, at spaces.
func wrap(s string, w int) []string {
	if w <= 0 {
		return nil
	}
	return strings.Split(ansi.Wrap(s, w, " /"), "\n")
}

// tile is a rectangle and its rendered rows.
type tile struct {
	r     rect
	lines []string
}

// compose assembles rows from tiles that cover the area exactly.
func compose(w, h int, tiles []tile) string {
	sort.SliceStable(tiles, func(i, j int) bool { return tiles[i].r.x < tiles[j].r.x })
	rows := make([]string, h)
	for y := 0; y < h; y++ {
		var sb strings.Builder
		for _, t := range tiles {
			if y < t.r.y || y >= t.r.y+t.r.h {
				continue
			}
			line := ""
			if i := y - t.r.y; i < len(t.lines) {
				line = t.lines[i]
			}
			sb.WriteString(fit(line, t.r.w))
		}
		rows[y] = fit(sb.String(), w)
	}
	return strings.Join(rows, "\n")
}

// relayout computes the rectangles and sizes the components.
func (m *Model) relayout() {
	w, h := m.width, m.height
	l := layout{panes: map[pane]rect{}}
	if w <= 0 || h <= 0 {
		m.lay = l
		return
	}
	l.narrow = w < wideMinWidth || h < wideMinHeight
	y := 0
	if l.narrow {
		l.tabBar = rect{0, 0, w, 1}
		y = 1
	}
	if m.noticeText() != "" {
		l.notice = rect{0, y, w, 1}
		y++
	}
	body := rect{0, y, w, h - y}
	switch {
	case m.grade != nil && m.focus == paneResult:
		l.panes[paneResult] = body
	case m.s.Kind == scenarios.Build:
		m.layoutBuild(&l, body)
	default:
		m.layoutAnswer(&l, body)
	}
	m.lay = l
	m.sizeComponents()
}

// hintRows is the height of the pinned hint box, 0 when no hint is shown.
func (m *Model) hintRows(w int) int {
	if (m.hintsShown == 0 && m.confirm != confirmAnswer && m.confirm != confirmWhyNot) || m.ans.revealed {
		return 0 // after the reveal the answer is on screen
	}
	return min(len(m.hintLines(w-2)), 5) + 2
}

func (m *Model) layoutBuild(l *layout, body rect) {
	if l.narrow {
		hr := min(m.hintRows(body.w), body.h/3)
		l.hint = rect{body.x, body.y, body.w, hr}
		body = rect{body.x, body.y + hr, body.w, body.h - hr}
		switch m.focus {
		case paneEditor:
			l.panes[paneEditor] = body
		case paneChecks, paneTrace:
			ch := m.checkRows() + 2
			if m.focus == paneChecks {
				ch = min(ch, body.h/2)
			} else {
				ch = min(ch, 6)
			}
			l.panes[paneChecks] = rect{body.x, body.y, body.w, ch}
			l.panes[paneTrace] = rect{body.x, body.y + ch, body.w, body.h - ch}
		case paneBriefing:
			l.panes[paneBriefing] = body
		case paneDocs, paneWorld:
			dh := min(len(m.build.docs), 5) + 2
			l.panes[paneDocs] = rect{body.x, body.y, body.w, dh}
			l.panes[paneWorld] = rect{body.x, body.y + dh, body.w, body.h - dh}
		}
		return
	}
	ch := min(m.checkRows()+2, 9)
	if m.focus == paneBriefing {
		// Reading: the briefing takes the width and the height it needs
		// (up to what leaves the checks and a few lines of trace), and
		// scrolls only what still does not fit.
		bh := min(max(m.briefingNeed(body.w)+2, 6), body.h-ch-6)
		l.panes[paneBriefing] = rect{body.x, body.y, body.w, bh}
		l.panes[paneChecks] = rect{body.x, body.y + bh, body.w, ch}
		l.panes[paneTrace] = rect{body.x, body.y + bh + ch, body.w, body.h - bh - ch}
		return
	}
	// The editor gets what its documents need at the start, fixed so the
	// panes do not move while the learner types, and at least a usable
	// left column; the trace, which teaches, gets the rest.
	need := m.build.editorNeed
	topH := min(max(need, 16), body.h-ch-8)
	th := body.h - ch - topH
	leftW := min(max(body.w*36/100, 34), 52)
	rightW := body.w - leftW
	bh := 4
	if m.briefOpen {
		bh = max(4, topH*3/5)
	}
	dh := min(min(len(m.build.docs), 6)+2, max(3, topH-bh-4))
	l.panes[paneBriefing] = rect{body.x, body.y, leftW, bh}
	l.panes[paneDocs] = rect{body.x, body.y + bh, leftW, dh}
	l.panes[paneWorld] = rect{body.x, body.y + bh + dh, leftW, topH - bh - dh}
	hr := min(m.hintRows(rightW), topH/2)
	l.hint = rect{body.x + leftW, body.y, rightW, hr}
	l.panes[paneEditor] = rect{body.x + leftW, body.y + hr, rightW, topH - hr}
	l.panes[paneChecks] = rect{body.x, body.y + topH, body.w, ch}
	l.panes[paneTrace] = rect{body.x, body.y + topH + ch, body.w, th}
}

// sizeComponents hands each component its inner size.
func (m *Model) sizeComponents() {
	if r, ok := m.lay.panes[paneEditor]; ok {
		in := r.inner()
		m.lay.editorText = in
		for _, e := range m.build.editors {
			e.SetSize(in.w, in.h)
		}
		m.viewer.SetSize(in.w, in.h)
	}
	if r, ok := m.lay.panes[paneTrace]; ok {
		in := r.inner()
		if [2]int{in.w, in.h} != m.checks.traceSize {
			m.checks.traceSize = [2]int{in.w, in.h}
			m.trace.SetSize(in.w, in.h)
			m.positionTrace()
		}
	}
	if r, ok := m.lay.panes[paneWorld]; ok {
		in := r.inner()
		m.tree.setSize(in.w, in.h)
	}
	if r, ok := m.lay.panes[paneBriefing]; ok {
		m.refreshBriefing(r.inner())
	}
	if r, ok := m.lay.panes[paneResult]; ok {
		m.refreshResult(r.inner())
	}
	if r, ok := m.lay.panes[paneQuestion]; ok {
		m.refreshQuestion(r.inner())
	}
}

// paneHidden reports whether a pane is not on screen in this layout.
func (m *Model) paneHidden(p pane) bool {
	_, ok := m.lay.panes[p]
	return !ok
}
