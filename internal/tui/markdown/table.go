package markdown

import "strings"

// chunk is a run of Markdown source, or a table already split into cells.
type chunk struct {
	text string
	rows [][]string // header first, delimiter row dropped; nil for text
}

// splitTables cuts the GitHub-style tables out of src: a row of cells
// followed by a delimiter row (|---|:--:|), then rows until a blank line
// or a line without a pipe. Fenced code is never a table. Only tables at
// the top level are found, which is where the content puts them.
func splitTables(src string) []chunk {
	lines := strings.Split(src, "\n")
	var out []chunk
	start, fence := 0, ""
	for i := 0; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		if f := fenceOf(t); f != "" && (fence == "" || strings.HasPrefix(t, fence)) {
			if fence == "" {
				fence = f
			} else {
				fence = ""
			}
			continue
		}
		if fence != "" || lines[i] != strings.TrimLeft(lines[i], " \t") || !strings.Contains(t, "|") ||
			i+1 >= len(lines) || !isDelimiterRow(strings.TrimSpace(lines[i+1])) {
			continue
		}
		head := rowCells(t)
		if len(head) != len(rowCells(strings.TrimSpace(lines[i+1]))) {
			continue
		}
		if text := strings.Join(lines[start:i], "\n"); strings.TrimSpace(text) != "" {
			out = append(out, chunk{text: text})
		}
		rows := [][]string{head}
		j := i + 2
		for ; j < len(lines); j++ {
			r := strings.TrimSpace(lines[j])
			if r == "" || !strings.Contains(r, "|") {
				break
			}
			rows = append(rows, rowCells(r))
		}
		out = append(out, chunk{rows: rows})
		start, i = j, j-1
	}
	if text := strings.Join(lines[start:], "\n"); strings.TrimSpace(text) != "" {
		out = append(out, chunk{text: text})
	}
	return out
}

// fenceOf returns the fence a trimmed line opens or closes (``` or ~~~).
func fenceOf(t string) string {
	for _, f := range []string{"```", "~~~"} {
		if strings.HasPrefix(t, f) {
			return f
		}
	}
	return ""
}

// rowCells splits a trimmed row at its unescaped pipes, outer pipes aside.
// An escaped pipe is a pipe in the cell's text.
func rowCells(row string) []string {
	row = strings.TrimPrefix(row, "|")
	if strings.HasSuffix(row, "|") && !strings.HasSuffix(row, `\|`) {
		row = row[:len(row)-1]
	}
	var out []string
	var cur strings.Builder
	for i := 0; i < len(row); i++ {
		switch {
		case row[i] == '\\' && i+1 < len(row) && row[i+1] == '|':
			cur.WriteByte('|')
			i++
		case row[i] == '|':
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(row[i])
		}
	}
	return append(out, strings.TrimSpace(cur.String()))
}

// isDelimiterRow reports a table's delimiter row: cells of dashes with an
// optional colon at either end, at least one pipe.
func isDelimiterRow(t string) bool {
	if !strings.Contains(t, "|") && !strings.Contains(t, "-") {
		return false
	}
	for _, c := range rowCells(t) {
		c = strings.TrimSuffix(strings.TrimPrefix(c, ":"), ":")
		if c == "" || strings.Trim(c, "-") != "" {
			return false
		}
	}
	return strings.Contains(t, "|")
}
