package progressview

import (
	"fmt"
	"math"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/tui/theme"
)

// Bar cells: the expected share, the rest of its 90% range, the empty
// track, and the pass mark. They differ in shape, so the chart reads the
// same without colour.
const (
	cellSolid = "█"
	cellRange = "▒"
	cellTrack = "░"
	cellPass  = "┊"
	flagFew   = "~" // fewer than progress.MinObservations items
	z90       = 1.645
)

// bandBadges draw a readiness band as symbol, word and style.
type bandBadges map[progress.Band]theme.Badge

func newBandBadges(st *theme.Styles) bandBadges {
	return bandBadges{
		progress.BandReady:      {Symbol: "✓", Word: string(progress.BandReady), Style: st.Success},
		progress.BandBorderline: {Symbol: "◐", Word: string(progress.BandBorderline), Style: st.Warning},
		progress.BandNeedsWork:  {Symbol: "✗", Word: string(progress.BandNeedsWork), Style: st.Error},
		progress.BandUnknown:    {Symbol: "?", Word: string(progress.BandUnknown), Style: st.Muted},
	}
}

func (b bandBadges) get(band progress.Band) theme.Badge {
	if x, ok := b[band]; ok {
		return x
	}
	return b[progress.BandUnknown]
}

// badgeWidth fits the widest band word with its symbol.
const badgeWidth = len("✗ needs work") - len("✗") + 1

// domainRange is the 90% range the progress model gives a domain; a
// domain with no practised topic has none.
func domainRange(d progress.DomainReadiness) (lo, hi float64) {
	if d.TopicsPractised == 0 {
		return d.Predicted, d.Predicted
	}
	return d.Low, d.High
}

// bar draws a horizontal bar of width cells over 0..1: solid up to lo, the
// lighter range segment up to hi, the track after, and the pass mark.
func bar(st *theme.Styles, fill lipgloss.Style, width int, lo, hi, pass float64) string {
	if width <= 0 {
		return ""
	}
	cell := func(v float64) int { return min(width, max(0, int(math.Round(v*float64(width))))) }
	l, h := cell(lo), cell(hi)
	if h == l && hi > lo && h < width {
		h++ // a visible range, however narrow
	}
	p := min(width-1, cell(pass))
	var b strings.Builder
	run := func(from, to int, s string, style lipgloss.Style) {
		if to > from {
			b.WriteString(style.Render(strings.Repeat(s, to-from)))
		}
	}
	seg := func(from, to int) {
		run(max(from, 0), min(to, l), cellSolid, fill)
		run(max(from, l), min(to, h), cellRange, fill)
		run(max(from, h), min(to, width), cellTrack, st.Muted)
	}
	seg(0, p)
	b.WriteString(st.Bold.Render(cellPass))
	seg(p+1, width)
	return b.String()
}

func pct(v float64) string { return fmt.Sprintf("%.0f%%", 100*v) }

// rangeText is "45–63%", or "≈54%" when the range collapses.
func rangeText(lo, hi float64) string {
	a, b := math.Round(100*lo), math.Round(100*hi)
	if a == b {
		return fmt.Sprintf("≈%.0f%%", a)
	}
	return fmt.Sprintf("%.0f–%.0f%%", a, b)
}

// chartCols sizes the chart columns for a width: the bar takes what the
// name does not need, within bounds.
type chartCols struct{ name, bar int }

// fixed parts of a row: "D4 " + " 20% " (6) + " " + range(7) + " " + flag + " " + badge.
const chartFixed = 3 + 6 + 1 + 7 + 1 + 1 + 1 + badgeWidth

func newChartCols(width int, rep progress.Report) chartCols {
	longest := 0
	for _, d := range rep.Domains {
		longest = max(longest, ansi.StringWidth(d.Name))
	}
	free := max(20, width-chartFixed)
	barW := min(40, max(10, free*2/5))
	name := min(longest, free-barW)
	barW = min(50, free-name)
	return chartCols{name: max(8, name), bar: max(8, barW)}
}

// chartRows draws one row per domain of the report.
func (m *Model) chartRows(rep progress.Report, width int) []string {
	st := m.styles
	cols := newChartCols(width, rep)
	out := make([]string, 0, len(rep.Domains)+2)
	head := padRight("Domain", 3+cols.name) + padRight("  wt", 6) + padRight("expected correct · 90% range", cols.bar+11) + "band"
	out = append(out, st.Pane.Title.Render("Readiness by domain")+st.Muted.Render(" (official weights; "+rep.ScopeWords()+")"))
	out = append(out, st.Muted.Render(ansi.Truncate(head, width, "")))
	for _, d := range rep.Domains {
		label := fmt.Sprintf("D%d ", d.Number) + padRight(ansi.Truncate(d.Name, cols.name, "…"), cols.name) +
			fmt.Sprintf(" %3.0f%% ", 100*d.Weight)
		rest := cols.bar + 1 + 7 + 1 + 1 + 1
		var line string
		switch {
		case !d.InScope:
			line = label + st.Muted.Render(padRight(ansi.Truncate("· outside iamlab's subject, not counted", rest+badgeWidth, "…"), rest+badgeWidth))
		case d.TopicsPractised == 0:
			txt := "unknown — not practised"
			if more := fmt.Sprintf("%s (0 of %d tasks)", txt, d.Tasks); ansi.StringWidth(more) < rest {
				txt = more
			}
			line = label + st.Muted.Render(padRight(ansi.Truncate(txt, rest-1, "…"), rest)) + m.bands.get(progress.BandUnknown).Render()
		default:
			lo, hi := domainRange(d)
			badge := m.bands.get(d.Band)
			flag := " "
			if d.Uncertain {
				flag = st.Warning.Render(flagFew)
			}
			line = label + bar(st, badge.Style, cols.bar, lo, hi, rep.PassFraction) + " " +
				padRight(rangeText(lo, hi), 7) + " " + flag + " " + badge.Render()
		}
		out = append(out, line)
	}
	legend := fmt.Sprintf("%s expected  %s 90%% range  %s pass ≈ %s  %s under %d items  ? unknown, not zero",
		cellSolid, cellRange, cellPass, pct(rep.PassFraction), flagFew, progress.MinObservations)
	out = append(out, wrap(st.Muted, legend, width)...)
	return out
}

// padRight pads s with spaces to w cells.
func padRight(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// wrap word-wraps plain text to width and styles each line.
func wrap(style lipgloss.Style, text string, width int) []string {
	return wrapIndent(style, text, width, "")
}

// wrapIndent wraps plain text with every line indented.
func wrapIndent(style lipgloss.Style, text string, width int, indent string) []string {
	w := max(10, width-len(indent))
	lines := strings.Split(ansi.Wordwrap(text, w, ""), "\n")
	for i, l := range lines {
		lines[i] = indent + style.Render(ansi.Truncate(l, w, "…"))
	}
	return lines
}
