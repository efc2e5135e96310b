package curriculum

import (
	"fmt"
	"strings"
)

// DocPath is where the rendered curriculum lives, from the module root.
const DocPath = "docs/curriculum.md"

// Markdown renders the whole curriculum (exams, domains, statements,
// topics and the areas still to teach) as the page docs/curriculum.md. The
// page is generated so it can never disagree with the code: edit the tables
// in this package and run `go generate ./internal/curriculum`.
func Markdown() string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }

	p("# Curriculum\n\n")
	p("<!-- Generated from internal/curriculum by `go generate ./internal/curriculum`; do not edit. -->\n\n")
	p("What the exams ask, the statements iamlab serves, and the topics that scenarios, lessons and\n")
	p("quiz items are tagged with. Topic and task IDs are stored in learners' progress: they are\n")
	p("only ever added, never renamed. `iamlab topics` lists the topics from the terminal.\n\n")

	p("## Exams\n\n")
	p("| Exam | Name | Items (scored) | Minutes | Pass | Available | Retired |\n|---|---|---|---|---|---|---|\n")
	for _, e := range Exams() {
		retired := "—"
		if !e.Retired.IsZero() {
			retired = e.Retired.Format("2006-01-02") + " (succeeded by " + e.Successor + ")"
		}
		p("| %s | %s | %d (%d) | %d | %d | %s | %s |\n", e.ID, e.Name, e.Items, e.Scored, e.Minutes, e.PassMark,
			e.Available.Format("2006-01-02"), retired)
	}
	p("\n")

	for _, e := range Exams() {
		p("## %s: domains and statements\n\n", e.ID)
		p("iamlab's material covers %s of %s.\n\n", e.Scope(), e.ID)
		for _, d := range e.Domains {
			p("### Domain %d: %s (%.0f%%)\n\n", d.Number, d.Name, d.Weight*100)
			var rows []Task
			for _, t := range e.AllTasks() {
				if t.Domain == d.Number {
					rows = append(rows, t)
				}
			}
			if len(rows) == 0 {
				p("No statement of this domain is entered: iamlab does not teach it.\n\n")
				continue
			}
			p("| Code | Statement (iamlab's paraphrase) | IAM-bearing | Read from |\n|---|---|---|---|\n")
			heading := ""
			for _, t := range rows {
				if h, ok := headingOf(t); ok && h.Code != heading {
					heading = h.Code
					p("| **%s** | **%s** (task statement) | | |\n", h.Code, h.Title)
				}
				iam := "no"
				switch {
				case t.History:
					iam = "history only"
				case t.IAM:
					iam = "yes"
				}
				read := "third-party transcription of"
				if t.Checked {
					read = "the official page"
				}
				p("| %s | %s | %s | %s %s |\n", t.Code, t.Title, iam, read, t.Source)
			}
			p("\n")
		}
	}

	p("## Topics\n\n")
	p("Each topic is one knowledge component: what spaced review schedules and mastery is measured on.\n")
	p("Tiers: F foundation (associate), I intermediate, A advanced (specialty).\n\n")
	for _, g := range Groups() {
		var in []Topic
		for _, t := range Topics() {
			if t.Group.Letter == g.Letter {
				in = append(in, t)
			}
		}
		if len(in) == 0 {
			continue
		}
		p("### %s. %s\n\n", g.Letter, g.Title)
		p("| # | Topic ID | Tier | Title | Serves |\n|---|---|---|---|---|\n")
		for _, t := range in {
			p("| %d | `%s` | %s | %s | %s |\n", t.Number, t.ID, t.Tier, t.Title, strings.Join(taskCodesOf(t), ", "))
		}
		p("\n")
	}

	p("## Still to teach\n\n")
	p("The areas the exams test that the library set out to teach next. `iamlab check --coverage`\n")
	p("reports each topic as served once it has the material named.\n\n")
	for _, pr := range Priorities() {
		p("- **%s** (needs: %s): %s\n", pr.Title, pr.Need, "`"+strings.Join(pr.Topics, "`, `")+"`")
	}
	return b.String()
}

func headingOf(t Task) (Heading, bool) {
	if t.Level != SkillLevel {
		return Heading{}, false
	}
	code := t.Code[:strings.LastIndexByte(t.Code, '.')]
	for _, h := range headings {
		if h.Exam == t.Exam && h.Code == code {
			return h, true
		}
	}
	return Heading{}, false
}

// taskCodesOf lists a topic's tasks as "SAA-C03 1.1".
func taskCodesOf(t Topic) []string {
	out := make([]string, 0, len(t.TaskIDs))
	for _, tk := range t.Tasks() {
		out = append(out, tk.Exam+" "+tk.Code)
	}
	return out
}
