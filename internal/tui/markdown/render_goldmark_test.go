package markdown

// The goldmark renderer as it was before goldmark was replaced, kept only
// while the new parser is compared with it over the embedded content.

import (
	"strconv"
	"strings"
	"sync"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/iamlab/iamlab/internal/tui/cells"
	"github.com/iamlab/iamlab/internal/tui/theme"
)

var gmParser = sync.OnceValue(func() goldmark.Markdown { return goldmark.New() })

// gmRenderer turns a goldmark tree into terminal lines.
type gmRenderer struct {
	src []byte
	st  *theme.MarkdownStyles
}

func gmRender(src string, width int, v theme.Variant) []string {
	st := stylesFor(v)
	var out []string
	for _, c := range splitTables(src) {
		var lines []string
		if c.rows == nil {
			b := []byte(c.text)
			r := gmRenderer{src: b, st: st}
			lines = r.blocks(gmParse(b), width)
		} else {
			lines = gmTableLines(st, c.rows, width)
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

func gmParse(b []byte) ast.Node { return gmParser().Parser().Parse(text.NewReader(b)) }

// blocks renders the block children of n, a blank line between them
// (none between the items of a tight list).
func (r *gmRenderer) blocks(n ast.Node, width int) []string {
	var out []string
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		lines := r.block(c, width)
		if len(lines) == 0 {
			continue
		}
		if len(out) > 0 && !gmTightItem(c) {
			out = append(out, "")
		}
		out = append(out, lines...)
	}
	return out
}

// tightItem reports a block that follows its sibling without a blank
// line: the paragraphs of a tight list item and a list nested in one.
func gmTightItem(n ast.Node) bool {
	p := n.Parent()
	if p == nil || p.Kind() != ast.KindListItem {
		return false
	}
	l, ok := p.Parent().(*ast.List)
	return ok && l.IsTight
}

func (r *gmRenderer) block(n ast.Node, width int) []string {
	switch n := n.(type) {
	case *ast.Heading:
		st := &r.st.Subhead
		switch n.Level {
		case 1:
			st = &r.st.Title
		case 2:
			st = &r.st.Heading
		}
		return wrap(r.inline(n, st, nil), width)
	case *ast.Paragraph, *ast.TextBlock:
		return wrap(r.inline(n, nil, nil), width)
	case *ast.List:
		return r.list(n, width)
	case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
		return r.code(n, width)
	case *ast.Blockquote:
		bar := r.st.Rule.Render("│") + " "
		inner := r.blocks(n, max(1, width-2))
		for i, l := range inner {
			inner[i] = bar + r.st.Quote.Render(l)
		}
		return inner
	case *ast.ThematicBreak:
		return []string{r.st.Rule.Render(strings.Repeat("─", width))}
	default:
		if n.Type() == ast.TypeBlock && n.HasChildren() {
			return r.blocks(n, width)
		}
		return wrap(r.inline(n, nil, nil), width)
	}
}

// list renders items under their marker, continuation lines indented to
// the text.
func (r *gmRenderer) list(l *ast.List, width int) []string {
	var out []string
	num := l.Start
	for it := l.FirstChild(); it != nil; it = it.NextSibling() {
		marker := "•"
		if l.IsOrdered() {
			marker = strconv.Itoa(num) + string(l.Marker)
			num++
		}
		indent := cells.Width(marker) + 1
		lines := r.blocks(it, max(1, width-indent))
		if len(lines) == 0 {
			lines = []string{""}
		}
		if len(out) > 0 && !l.IsTight {
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
func (r *gmRenderer) code(n ast.Node, width int) []string {
	var out []string
	w := max(1, width-2)
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		l := strings.TrimRight(string(seg.Value(r.src)), "\r\n")
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
func (r *gmRenderer) inline(n ast.Node, outer *lipgloss.Style, out []piece) []piece {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			out = append(out, piece{text: string(c.Segment.Value(r.src)), style: outer})
			if c.HardLineBreak() {
				out = append(out, piece{nl: true})
			} else if c.SoftLineBreak() {
				out = append(out, piece{text: " "})
			}
		case *ast.String:
			out = append(out, piece{text: string(c.Value), style: outer})
		case *ast.CodeSpan:
			var sb strings.Builder
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if tx, ok := t.(*ast.Text); ok {
					sb.Write(tx.Segment.Value(r.src))
				}
			}
			// A line ending inside a code span is a space (CommonMark 6.1);
			// kept, it would put a line break inside one rendered line.
			out = append(out, piece{text: strings.ReplaceAll(sb.String(), "\n", " "), style: pick(outer, &r.st.Code)})
		case *ast.Emphasis:
			st := &r.st.Emph
			if c.Level >= 2 {
				st = &r.st.Strong
			}
			out = r.inline(c, pick(outer, st), out)
		case *ast.Link:
			out = r.inline(c, pick(outer, &r.st.Link), out)
		case *ast.AutoLink:
			out = append(out, piece{text: string(c.Label(r.src)), style: pick(outer, &r.st.Link)})
		case *ast.RawHTML:
			for i := 0; i < c.Segments.Len(); i++ {
				s := c.Segments.At(i)
				out = append(out, piece{text: string(s.Value(r.src)), style: outer})
			}
		default:
			out = r.inline(c, outer, out)
		}
	}
	return out
}

// tableLines draws a table (its first row the header) with │ between
// columns and a rule under the header; columns too wide for the width are
// narrowed from the widest, and their cells wrapped.
func gmTableLines(st *theme.MarkdownStyles, raw [][]string, width int) []string {
	rows := make([][][]piece, len(raw))
	cols := 0
	for i, row := range raw {
		var cs *lipgloss.Style
		if i == 0 {
			cs = &st.TableHead
		}
		for _, cell := range row {
			rows[i] = append(rows[i], gmCellPieces(st, cell, cs))
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
func gmCellPieces(st *theme.MarkdownStyles, cell string, outer *lipgloss.Style) []piece {
	b := []byte(cell)
	r := gmRenderer{src: b, st: st}
	var out []piece
	for n := gmParse(b).FirstChild(); n != nil; n = n.NextSibling() {
		out = r.inline(n, outer, out)
	}
	return out
}
