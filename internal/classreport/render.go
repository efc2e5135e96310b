package classreport

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"math"
	"sort"
	"strings"
)

func pct(v float64) string {
	if v < 0 {
		return "—"
	}
	return fmt.Sprintf("%.0f%%", 100*v)
}

// WriteJSON writes the report as one JSON document.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

func (r *Report) domainHeads() []string {
	var hs []string
	for _, d := range r.Domains {
		hs = append(hs, fmt.Sprintf("D%d", d.Number))
	}
	return hs
}

func (r *Report) readinessCells(l LearnerRow) []string {
	var cs []string
	for _, d := range r.Domains {
		if v, ok := l.Readiness[d.Number]; ok {
			cs = append(cs, pct(v))
		} else {
			cs = append(cs, "—")
		}
	}
	return cs
}

// table is rows of cells printed in aligned columns.
type table [][]string

func (t table) write(w io.Writer, sep string) {
	widths := map[int]int{}
	for _, row := range t {
		for i, c := range row {
			if n := len([]rune(c)); n > widths[i] {
				widths[i] = n
			}
		}
	}
	for _, row := range t {
		var b strings.Builder
		for i, c := range row {
			if i > 0 {
				b.WriteString(sep)
			}
			b.WriteString(c)
			if i < len(row)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-len([]rune(c))))
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

// learnerTable lists the learners; full adds each one's learner id and
// iamlab version, which pages have room for and the terminal does not.
func (r *Report) learnerTable(full bool) table {
	head := append([]string{"learner", "solved", "completion", "avg score", "stars", "minutes", "quiz"}, r.domainHeads()...)
	if full {
		head = append(head, "learner id", "iamlab")
	}
	t := table{head}
	for _, l := range r.Learners {
		quiz := "—"
		if l.Answered > 0 {
			quiz = fmt.Sprintf("%d/%d", l.Correct, l.Answered)
		}
		row := append([]string{l.Name, fmt.Sprintf("%d/%d", l.Solved, l.Attempted), pct(l.Completion), fmt.Sprintf("%.0f", l.AvgScore),
			fmt.Sprint(l.Stars), fmt.Sprintf("%.0f", l.TimeSpent), quiz}, r.readinessCells(l)...)
		if full {
			row = append(row, orDash(shortID(l.ID)), orDash(l.Version))
		}
		t = append(t, row)
	}
	return t
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// versionNote names the iamlab versions that wrote the exports when they
// differ: numbers from different versions may not mean quite the same.
func (r *Report) versionNote() string {
	seen := map[string]bool{}
	var vs []string
	for _, l := range r.Learners {
		v := l.Version
		if v == "" {
			v = "unknown (older export)"
		}
		if !seen[v] {
			seen[v] = true
			vs = append(vs, v)
		}
	}
	if len(vs) < 2 {
		return ""
	}
	sort.Strings(vs)
	return "Exports come from different iamlab versions: " + strings.Join(vs, ", ") + "."
}

func (r *Report) scenarioTable() table {
	t := table{{"scenario", "learners", "solved", "avg attempts", "avg score", "avg minutes", "most failed check"}}
	for _, s := range r.Scenarios {
		t = append(t, []string{s.Title, fmt.Sprint(s.Learners), pct(s.SolveRate), fmt.Sprintf("%.1f", s.AvgAttempts), fmt.Sprintf("%.0f", s.AvgScore), fmt.Sprintf("%.1f", s.AvgMinutes), s.CommonFailure})
	}
	return t
}

// WriteText writes the report as terminal tables.
func (r *Report) WriteText(w io.Writer) {
	fmt.Fprintf(w, "Class report — %d learner(s), domains of %s\n\n", len(r.Learners), r.Exam)
	r.learnerTable(false).write(w, "  ")
	if n := r.versionNote(); n != "" {
		fmt.Fprintln(w, "  "+n)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Domains:")
	for _, d := range r.Domains {
		fmt.Fprintf(w, "  D%d %-40s weight %3.0f%%  %s correct over %d answers and attempts\n", d.Number, d.Name, 100*d.Weight, pct(d.Accuracy), d.Observations)
	}
	if len(r.Scenarios) > 0 {
		fmt.Fprintln(w, "\nScenarios, hardest first:")
		r.scenarioTable().write(w, "  ")
	}
	if len(r.Topics) > 0 {
		fmt.Fprintln(w, "\nWeakest topics:")
		for i, t := range r.Topics {
			if i == 8 {
				break
			}
			fmt.Fprintf(w, "  %-32s %s of %d\n", t.ID, pct(t.Accuracy), t.Observations)
		}
	}
	if len(r.Mistakes) > 0 {
		fmt.Fprintln(w, "\nMost common mistakes:")
		for _, m := range r.Mistakes {
			fmt.Fprintf(w, "  %d learner(s), %d time(s): %s\n", m.Learners, m.Count, m.what())
			if m.Misconception != "" {
				fmt.Fprintf(w, "      %s\n", m.Misconception)
			}
		}
	}
	for _, e := range r.Errors {
		fmt.Fprintf(w, "\nnot included: %s", e.Error())
	}
	if len(r.Errors) > 0 {
		fmt.Fprintln(w)
	}
}

func mdRow(cells []string) string {
	for i, c := range cells {
		cells[i] = strings.ReplaceAll(c, "|", "\\|")
	}
	return "| " + strings.Join(cells, " | ") + " |"
}

func (t table) markdown(w io.Writer) {
	for i, row := range t {
		fmt.Fprintln(w, mdRow(append([]string(nil), row...)))
		if i == 0 {
			seps := make([]string, len(row))
			for j := range seps {
				seps[j] = "---"
			}
			fmt.Fprintln(w, "|"+strings.Join(seps, "|")+"|")
		}
	}
}

// WriteMarkdown writes the report as a Markdown document.
func (r *Report) WriteMarkdown(w io.Writer) {
	fmt.Fprintf(w, "# Class report\n\n%d learner(s); readiness by the domains of %s.\n\n## Learners\n\n", len(r.Learners), r.Exam)
	r.learnerTable(true).markdown(w)
	if n := r.versionNote(); n != "" {
		fmt.Fprintln(w, "\n"+n)
	}
	fmt.Fprintln(w, "\n## Domains")
	fmt.Fprintln(w)
	t := table{{"domain", "weight", "correct", "observations"}}
	for _, d := range r.Domains {
		t = append(t, []string{fmt.Sprintf("D%d %s", d.Number, d.Name), fmt.Sprintf("%.0f%%", 100*d.Weight), pct(d.Accuracy), fmt.Sprint(d.Observations)})
	}
	t.markdown(w)
	if len(r.Scenarios) > 0 {
		fmt.Fprintln(w, "\n## Scenarios, hardest first")
		fmt.Fprintln(w)
		r.scenarioTable().markdown(w)
	}
	if len(r.Mistakes) > 0 {
		fmt.Fprintln(w, "\n## Most common mistakes")
		fmt.Fprintln(w)
		for _, m := range r.Mistakes {
			fmt.Fprintf(w, "- **%d learner(s)**, %d time(s): %s", m.Learners, m.Count, m.what())
			if m.Misconception != "" {
				fmt.Fprintf(w, " — %s", m.Misconception)
			}
			fmt.Fprintln(w)
		}
	}
	if len(r.Errors) > 0 {
		fmt.Fprintln(w, "\n## Files not included")
		fmt.Fprintln(w)
		for _, e := range r.Errors {
			fmt.Fprintf(w, "- `%s`: %s\n", e.File, e.Err)
		}
	}
}

// heat colours a share from red (0) through amber to green (1); no
// evidence is grey.
func heat(v float64, ok bool) string {
	if !ok {
		return "#e5e7eb"
	}
	v = math.Max(0, math.Min(1, v))
	r := int(220 - 180*v)
	g := int(60 + 140*v)
	return fmt.Sprintf("rgb(%d,%d,80)", r, g)
}

// WriteHTML writes one self-contained page: no script, no network, charts
// as inline SVG.
func (r *Report) WriteHTML(w io.Writer) {
	e := html.EscapeString
	fmt.Fprintf(w, `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>iamlab class report</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1100px;color:#1f2937;padding:0 1rem}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #e5e7eb}
table{border-collapse:collapse;margin:.5rem 0}td,th{padding:.25rem .6rem;border-bottom:1px solid #f3f4f6;text-align:left}
th{background:#f9fafb}.num{text-align:right}.muted{color:#6b7280}svg text{font:12px system-ui,sans-serif}
</style></head><body>
<h1>Class report</h1>
<p class="muted">%d learner(s) · readiness by the domains of %s · generated %s</p>
`, len(r.Learners), e(r.Exam), r.Generated.Format("2006-01-02 15:04 UTC"))

	// Heat map: learners × domains.
	fmt.Fprintln(w, `<h2>Readiness by domain</h2>`)
	cw, ch, left, top := 72, 26, 180, 40
	width := left + cw*len(r.Domains) + 10
	height := top + ch*len(r.Learners) + 10
	fmt.Fprintf(w, `<svg role="img" aria-label="readiness heat map, learners by domain" width="%d" height="%d" viewBox="0 0 %d %d">`+"\n", width, height, width, height)
	for j, d := range r.Domains {
		fmt.Fprintf(w, `<text x="%d" y="%d" text-anchor="middle"><title>%s</title>D%d</text>`+"\n", left+j*cw+cw/2, top-12, e(d.Name), d.Number)
	}
	for i, l := range r.Learners {
		y := top + i*ch
		fmt.Fprintf(w, `<text x="%d" y="%d" text-anchor="end">%s</text>`+"\n", left-8, y+ch/2+4, e(truncate(l.Name, 24)))
		for j, d := range r.Domains {
			v, ok := l.Readiness[d.Number]
			fmt.Fprintf(w, `<rect x="%d" y="%d" width="%d" height="%d" fill="%s" stroke="#fff"><title>%s, D%d %s: %s</title></rect>`+"\n",
				left+j*cw, y, cw, ch, heat(v, ok), e(l.Name), d.Number, e(d.Name), pct(map[bool]float64{true: v, false: -1}[ok]))
			if ok {
				fmt.Fprintf(w, `<text x="%d" y="%d" text-anchor="middle" fill="#fff">%s</text>`+"\n", left+j*cw+cw/2, y+ch/2+4, pct(v))
			}
		}
	}
	fmt.Fprintln(w, `</svg>`)
	fmt.Fprintln(w, `<p class="muted">From each learner's own readiness estimate where the export carries one for this exam, else the share of answers and attempts correct in the domain. Grey: no evidence yet.</p>`)

	// Hardest scenarios: bars of solve rate.
	if len(r.Scenarios) > 0 {
		n := min(len(r.Scenarios), 10)
		fmt.Fprintln(w, `<h2>Hardest scenarios</h2>`)
		bw, bh := 420, 22
		fmt.Fprintf(w, `<svg role="img" aria-label="share of learners who solved each scenario" width="%d" height="%d">`+"\n", 300+bw+60, n*bh+10)
		for i, s := range r.Scenarios[:n] {
			y := i*bh + 4
			fmt.Fprintf(w, `<text x="290" y="%d" text-anchor="end">%s</text>`+"\n", y+15, e(truncate(s.Title, 40)))
			fmt.Fprintf(w, `<rect x="300" y="%d" width="%d" height="16" fill="#e5e7eb"/>`+"\n", y+2, bw)
			fmt.Fprintf(w, `<rect x="300" y="%d" width="%d" height="16" fill="%s"><title>%s: %d of %d solved</title></rect>`+"\n", y+2, int(float64(bw)*s.SolveRate), heat(s.SolveRate, true), e(s.Title), s.Solved, s.Learners)
			fmt.Fprintf(w, `<text x="%d" y="%d">%s</text>`+"\n", 300+bw+6, y+15, pct(s.SolveRate))
		}
		fmt.Fprintln(w, `</svg>`)
	}

	// Most common mistakes: bars of learners.
	if len(r.Mistakes) > 0 {
		fmt.Fprintln(w, `<h2>Most common mistakes</h2><table><tr><th>learners</th><th>what</th><th>what it shows</th></tr>`)
		maxL := r.Mistakes[0].Learners
		for _, m := range r.Mistakes {
			what := m.Title
			if m.Kind == "answer" {
				what += " — chose " + m.Chosen
			}
			bar := 120 * m.Learners / max(maxL, 1)
			fmt.Fprintf(w, `<tr><td><svg width="160" height="14" aria-hidden="true"><rect width="%d" height="14" fill="#dc7a50"/><text x="%d" y="11">%d</text></svg></td><td>%s</td><td>%s</td></tr>`+"\n",
				bar, bar+4, m.Learners, e(what), e(m.Misconception))
		}
		fmt.Fprintln(w, `</table>`)
	}

	fmt.Fprintln(w, `<h2>Learners</h2><table>`)
	t := r.learnerTable(true)
	for i, row := range t {
		tag := "td"
		if i == 0 {
			tag = "th"
		}
		fmt.Fprint(w, "<tr>")
		for _, c := range row {
			fmt.Fprintf(w, "<%s>%s</%s>", tag, e(c), tag)
		}
		fmt.Fprintln(w, "</tr>")
	}
	fmt.Fprintln(w, `</table>`)
	if n := r.versionNote(); n != "" {
		fmt.Fprintf(w, `<p class="muted">%s</p>`+"\n", e(n))
	}
	if len(r.Errors) > 0 {
		fmt.Fprintln(w, `<h2>Files not included</h2><ul>`)
		for _, er := range r.Errors {
			fmt.Fprintf(w, "<li><code>%s</code>: %s</li>\n", e(er.File), e(er.Err))
		}
		fmt.Fprintln(w, `</ul>`)
	}
	fmt.Fprintln(w, `</body></html>`)
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// what names the mistake: the check that failed, or the item and the
// option chosen.
func (m *Mistake) what() string {
	if m.Kind == "answer" {
		return m.Title + " — chose " + m.Chosen
	}
	return m.Title
}
