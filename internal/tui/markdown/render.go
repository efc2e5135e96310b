package markdown

import (
	"strconv"
	"strings"
	"sync"

	"github.com/iamlab/iamlab/internal/tui/cells"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/tui/theme"
)

// margin is the left margin of rendered text; flush removes it for
// screens whose Markdown lines up with other text.
const margin = "  "

var (
	stylesMu sync.Mutex
	styles   = map[theme.Variant]*theme.MarkdownStyles{}
)

func stylesFor(v theme.Variant) *theme.MarkdownStyles {
	stylesMu.Lock()
	defer stylesMu.Unlock()
	if s, ok := styles[v]; ok {
		return s
	}
	t := theme.Dark()
	switch v {
	case theme.VariantLight:
		t = theme.Light()
	case theme.VariantNoColor:
		t = theme.NoColor()
	}
	s := theme.NewStyles(t).Markdown
	styles[v] = &s
	return &s
}

// renderer turns a block tree into terminal lines of at most width
// cells, without the margin.
type renderer struct {
	st *theme.MarkdownStyles
}

// piece is a run of text in one style; nl marks a hard line break.
type piece struct {
	text  string
	style *lipgloss.Style
	nl    bool
}

func render(src string, width int, v theme.Variant) []string {
	st := stylesFor(v)
	r := renderer{st: st}
	var out []string
	for _, c := range splitTables(src) {
		var lines []string
		if c.rows == nil {
			lines = r.blocks(parseBlocks(c.text), width)
		} else {
			lines = tableLines(st, c.rows, width)
		}
		if len(lines) == 0 {
			continue
		}
		if len(out) > 0 {
			out = append(out, "")
		}
		out = append(out, lines...)
	}
	return out
}

// blocks renders the children of b, a blank line between them (none
// between the blocks of a tight list's item).
func (r *renderer) blocks(b *block, width int) []string {
	var out []string
	tight := b.kind == kItem && b.parent.tight
	for _, c := range b.children {
		lines := r.block(c, width)
		if len(lines) == 0 {
			continue
		}
		if len(out) > 0 && !tight {
			out = append(out, "")
		}
		out = append(out, lines...)
	}
	return out
}

func (r *renderer) block(b *block, width int) []string {
	switch b.kind {
	case kHeading:
		st := &r.st.Subhead
		switch b.level {
		case 1:
			st = &r.st.Title
		case 2:
			st = &r.st.Heading
		}
		return wrap(r.inline(parseInlines(strings.Join(b.lines, "\n")), st, nil), width)
	case kParagraph:
		return wrap(r.inline(parseInlines(strings.Join(b.lines, "\n")), nil, nil), width)
	case kList:
		return r.list(b, width)
	case kCode:
		return r.code(b, width)
	case kQuote:
		bar := r.st.Rule.Render("│") + " "
		inner := r.blocks(b, max(1, width-2))
		for i, l := range inner {
			inner[i] = bar + r.st.Quote.Render(l)
		}
		return inner
	case kRule:
		return []string{r.st.Rule.Render(strings.Repeat("─", width))}
	}
	return r.blocks(b, width)
}

// list renders items under their marker, continuation lines indented to
// the text.
func (r *renderer) list(l *block, width int) []string {
	var out []string
	num := l.start
	for _, it := range l.children {
		marker := "•"
		if l.ordered {
			marker = strconv.Itoa(num) + string(l.marker)
			num++
		}
		indent := cells.Width(marker) + 1
		lines := r.blocks(it, max(1, width-indent))
		if len(lines) == 0 {
			lines = []string{""}
		}
		if len(out) > 0 && !l.tight {
			out = append(out, "")
		}
		for i, line := range lines {
			switch {
			case i == 0:
				out = append(out, strings.TrimRight(r.st.Marker.Render(marker)+" "+line, " "))
			case line == "":
				out = append(out, "")
			default:
				out = append(out, strings.Repeat(" ", indent)+line)
			}
		}
	}
	return out
}

// code renders a code block indented by two cells, its lines broken (not
// reflowed) where they are too long.
func (r *renderer) code(b *block, width int) []string {
	var out []string
	w := max(1, width-2)
	for _, l := range b.lines {
		l = strings.ReplaceAll(l, "\t", "    ")
		for {
			lw := cells.Width(l)
			part := l
			if lw > w {
				part = ansi.Cut(l, 0, w)
			}
			if part == "" {
				out = append(out, "")
			} else {
				out = append(out, margin+r.st.Code.Render(part))
			}
			if lw <= w {
				break
			}
			l = ansi.Cut(l, w, lw)
		}
	}
	return out
}

// inline flattens the inline children of n into styled pieces. outer is
// the style of the enclosing block (a heading), st the one of the current
// span; a span inside a heading keeps the heading's look.
func (r *renderer) inline(n *inode, outer *lipgloss.Style, out []piece) []piece {
	for c := n.first; c != nil; c = c.next {
		switch c.kind {
		case iText, iHTML:
			if c.text != "" {
				out = append(out, piece{text: c.text, style: outer})
			}
		case iSoft:
			out = append(out, piece{text: " "})
		case iHard:
			out = append(out, piece{nl: true})
		case iCode:
			out = append(out, piece{text: c.text, style: pick(outer, &r.st.Code)})
		case iEmph:
			st := &r.st.Emph
			if c.level >= 2 {
				st = &r.st.Strong
			}
			out = r.inline(c, pick(outer, st), out)
		case iLink:
			out = r.inline(c, pick(outer, &r.st.Link), out)
		case iAutoLink:
			out = append(out, piece{text: c.text, style: pick(outer, &r.st.Link)})
		case iImage:
			out = r.inline(c, outer, out)
		}
	}
	return out
}

// pick keeps a heading's style over a span's, so that a code span in a
// heading does not fall out of it.
func pick(outer, inner *lipgloss.Style) *lipgloss.Style {
	if outer != nil && (outer.GetBold() || outer.GetUnderline()) && inner != nil && !inner.GetBold() {
		return outer
	}
	return inner
}

// word is a run of pieces with no space between them.
type word struct {
	parts []piece
	width int
}

// wrap fills lines of at most width cells with the words of the pieces;
// a word wider than a line is cut.
func wrap(ps []piece, width int) []string {
	width = max(1, width)
	var out []string
	var line strings.Builder
	lineW := 0
	flushLine := func() {
		out = append(out, strings.TrimRight(line.String(), " "))
		line.Reset()
		lineW = 0
	}
	var cur word
	emit := func() {
		if len(cur.parts) == 0 {
			return
		}
		for cur.width > width {
			if lineW > 0 {
				flushLine()
			}
			head, tail := cutWord(cur, width)
			line.WriteString(renderWord(head))
			flushLine()
			cur = tail
		}
		if lineW > 0 && lineW+1+cur.width > width {
			flushLine()
		}
		if lineW > 0 {
			line.WriteByte(' ')
			lineW++
		}
		line.WriteString(renderWord(cur))
		lineW += cur.width
		cur = word{}
	}
	for _, p := range ps {
		if p.nl {
			emit()
			flushLine()
			continue
		}
		for i, f := range strings.Split(p.text, " ") {
			if i > 0 {
				emit()
			}
			if f != "" {
				cur.parts = append(cur.parts, piece{text: f, style: p.style})
				cur.width += cells.Width(f)
			}
		}
	}
	emit()
	if lineW > 0 || len(out) == 0 {
		flushLine()
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}

// renderWord styles each run of parts that share a style once: how the
// parser happened to split the text (at every * or [ it tried as markup)
// must not change the escapes written.
func renderWord(w word) string {
	var sb strings.Builder
	for i := 0; i < len(w.parts); {
		st := w.parts[i].style
		j := i + 1
		for j < len(w.parts) && w.parts[j].style == st {
			j++
		}
		text := w.parts[i].text
		if j > i+1 {
			var run strings.Builder
			for _, p := range w.parts[i:j] {
				run.WriteString(p.text)
			}
			text = run.String()
		}
		if st == nil {
			sb.WriteString(text)
		} else {
			sb.WriteString(st.Render(text))
		}
		i = j
	}
	return sb.String()
}

// cutWord splits a word after width cells.
func cutWord(w word, width int) (head, tail word) {
	left := width
	for i, p := range w.parts {
		pw := cells.Width(p.text)
		if pw <= left {
			head.parts = append(head.parts, p)
			head.width += pw
			left -= pw
			continue
		}
		if left > 0 {
			head.parts = append(head.parts, piece{text: ansi.Cut(p.text, 0, left), style: p.style})
			head.width += left
		}
		rest := piece{text: ansi.Cut(p.text, left, pw), style: p.style}
		tail.parts = append([]piece{rest}, w.parts[i+1:]...)
		for _, q := range tail.parts {
			tail.width += cells.Width(q.text)
		}
		return head, tail
	}
	return head, tail
}

// tableLines draws a table (its first row the header) with │ between
// columns and a rule under the header; columns too wide for the width are
// narrowed from the widest, and their cells wrapped.
func tableLines(st *theme.MarkdownStyles, raw [][]string, width int) []string {
	rows := make([][][]piece, len(raw))
	cols := 0
	for i, row := range raw {
		var cs *lipgloss.Style
		if i == 0 {
			cs = &st.TableHead
		}
		for _, cell := range row {
			rows[i] = append(rows[i], cellPieces(st, cell, cs))
		}
		cols = max(cols, len(row))
	}
	if cols == 0 {
		return nil
	}
	widths := make([]int, cols)
	for _, row := range rows {
		for i, c := range row {
			for _, l := range wrap(c, 1<<20) {
				widths[i] = max(widths[i], cells.Width(l))
			}
		}
	}
	avail := width - 3*(cols-1)
	for sum(widths) > avail {
		widest := 0
		for i, w := range widths {
			if w > widths[widest] {
				widest = i
			}
		}
		if widths[widest] <= 3 {
			break
		}
		widths[widest]--
	}
	sep := st.Rule.Render(" │ ")
	var out []string
	for ri, row := range rows {
		cellLines := make([][]string, cols)
		height := 1
		for i := range cols {
			if i < len(row) {
				cellLines[i] = wrap(row[i], widths[i])
			}
			height = max(height, len(cellLines[i]))
		}
		for h := range height {
			var sb strings.Builder
			for i := range cols {
				if i > 0 {
					sb.WriteString(sep)
				}
				s := ""
				if h < len(cellLines[i]) {
					s = cellLines[i][h]
				}
				sb.WriteString(s)
				if i < cols-1 {
					sb.WriteString(strings.Repeat(" ", max(0, widths[i]-cells.Width(s))))
				}
			}
			out = append(out, strings.TrimRight(sb.String(), " "))
		}
		if ri == 0 {
			parts := make([]string, cols)
			for i, w := range widths {
				parts[i] = strings.Repeat("─", w)
			}
			out = append(out, st.Rule.Render(strings.Join(parts, "─┼─")))
		}
	}
	return out
}

// cellPieces renders the inline Markdown of a table cell.
func cellPieces(st *theme.MarkdownStyles, cell string, outer *lipgloss.Style) []piece {
	r := renderer{st: st}
	var out []piece
	var walk func(b *block)
	walk = func(b *block) {
		for _, c := range b.children {
			if c.kind == kParagraph || c.kind == kHeading {
				out = r.inline(parseInlines(strings.Join(c.lines, "\n")), outer, out)
			} else {
				walk(c)
			}
		}
	}
	walk(parseBlocks(cell))
	return out
}

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}
