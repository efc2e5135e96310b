package home

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/sahilm/fuzzy"

	"github.com/iamlab/iamlab/internal/curriculum"
	"github.com/iamlab/iamlab/internal/safetext"
	"github.com/iamlab/iamlab/internal/scenarios"
)

// Grouping orders the library.
type Grouping int

// Groupings, cycled with the Group key.
const (
	ByPack Grouping = iota
	ByDomain
	ByTopic
)

func (g Grouping) String() string {
	switch g {
	case ByDomain:
		return "exam domain"
	case ByTopic:
		return "topic"
	}
	return "pack"
}

type rowKind int

const (
	rowHeader rowKind = iota
	rowScenario
	rowProblem
	rowEntry
	rowNote // a muted line of text, such as "nothing matches"
)

// row is one line of the list.
type row struct {
	kind     rowKind
	text     string
	scenario *scenarios.Scenario
	pack     *scenarios.Pack
	entry    *Entry
	// assigned marks a row of the Assigned group, with its due date.
	assigned bool
	due      time.Time
}

func (r row) selectable() bool { return r.kind == rowScenario || r.kind == rowEntry }

// searchText is what the fuzzy filter matches against.
func searchText(s *scenarios.Scenario) string {
	var b strings.Builder
	b.WriteString(s.Title)
	b.WriteString(" ")
	b.WriteString(s.ID)
	for _, t := range s.Topics {
		b.WriteString(" " + t.ID + " " + t.Title)
	}
	for _, t := range s.Exam {
		b.WriteString(" " + t.ID)
	}
	b.WriteString(" " + string(s.Kind))
	return b.String()
}

// Match ranks, best first: a search for a scenario's title should find it
// at the top, not wherever its pack happens to sit.
const (
	rankExact      = iota // the title is the query
	rankPrefix            // the title starts with the query
	rankWordPrefix        // a word of the title starts with the query
	rankTitle             // every word of the query is in the title
	rankElsewhere         // every word is in the id, topics, tasks or kind
	rankFuzzy             // only a fuzzy match on the title
)

// titleRank ranks a title against the query; ok is false when the title
// alone does not hold every word of it.
func titleRank(title, query string, words []string) (int, bool) {
	t := strings.ToLower(title)
	switch {
	case t == query:
		return rankExact, true
	case strings.HasPrefix(t, query):
		return rankPrefix, true
	}
	for _, w := range strings.Fields(t) {
		if strings.HasPrefix(w, query) {
			return rankWordPrefix, true
		}
	}
	for _, w := range words {
		if !strings.Contains(t, w) {
			return 0, false
		}
	}
	return rankTitle, true
}

// matching ranks the scenarios whose title, id, topics, tasks or kind
// contain every word typed; when none does, it falls back to a fuzzy match
// on titles, so a typo still finds something. A scenario absent from the
// map does not match.
func matching(all []*scenarios.Scenario, filter string) map[*scenarios.Scenario]int {
	keep := map[*scenarios.Scenario]int{}
	words := strings.Fields(strings.ToLower(filter))
	if len(words) == 0 {
		return keep
	}
	query := strings.Join(words, " ")
	for _, s := range all {
		if r, ok := titleRank(s.Title, query, words); ok {
			keep[s] = r
			continue
		}
		text := strings.ToLower(searchText(s))
		ok := true
		for _, w := range words {
			if !strings.Contains(text, w) {
				ok = false
				break
			}
		}
		if ok {
			keep[s] = rankElsewhere
		}
	}
	if len(keep) > 0 {
		return keep
	}
	titles := make([]string, len(all))
	for i, s := range all {
		titles[i] = s.Title
	}
	for _, m := range fuzzy.Find(filter, titles) {
		keep[all[m.Index]] = rankFuzzy
	}
	return keep
}

// nothingMatches is said, as in the lessons list, when a search finds no
// scenario.
const nothingMatches = "nothing matches the filter (esc clears it)"

// buildRows lays the library out for a grouping and a filter.
func buildRows(lib *scenarios.Library, entries []*Entry, assigned []Assigned, g Grouping, filter string) []row {
	var rows []row
	if filter == "" {
		for _, e := range entries {
			rows = append(rows, row{kind: rowEntry, entry: e, text: e.Title})
		}
		rows = append(rows, assignedRows(assigned)...)
	}
	var all []*scenarios.Scenario
	for _, p := range lib.Packs {
		all = append(all, p.Scenarios...)
	}
	keep := matching(all, filter)
	visible := func(s *scenarios.Scenario) bool {
		_, ok := keep[s]
		return filter == "" || ok
	}

	type group struct {
		title string
		order string
		items []*scenarios.Scenario
	}
	groups := map[string]*group{}
	add := func(key, title, order string, s *scenarios.Scenario) {
		gr, ok := groups[key]
		if !ok {
			gr = &group{title: title, order: order}
			groups[key] = gr
		}
		gr.items = append(gr.items, s)
	}
	for pi, p := range lib.Packs {
		for _, s := range p.Scenarios {
			if !visible(s) {
				continue
			}
			switch g {
			case ByPack:
				add(p.ID+p.Origin, packTitle(p), fmt.Sprintf("%04d", pi), s)
			case ByDomain:
				key, title := "zz", "Not tagged with an exam domain"
				if t, ok := domainTask(s); ok {
					if ex, dom, err := curriculum.DomainOf(t.ID); err == nil {
						key = fmt.Sprintf("%s %02d", ex.ID, dom.Number)
						title = fmt.Sprintf("%s · Domain %d: %s (%.0f%%)", ex.ID, dom.Number, dom.Name, dom.Weight*100)
					}
				}
				add(key, title, key, s)
			case ByTopic:
				key, title := "zz", "No topic"
				if len(s.Topics) > 0 {
					t := s.Topics[0]
					key = t.Group.Letter
					title = t.Group.Letter + ". " + t.Group.Title
				}
				add(key, title, key, s)
			}
		}
	}
	ordered := make([]*group, 0, len(groups))
	for _, gr := range groups {
		ordered = append(ordered, gr)
	}
	sort.Slice(ordered, func(i, j int) bool { return ordered[i].order < ordered[j].order })
	if filter != "" {
		// While searching, the best matches lead: inside each group, and
		// the groups by their best match (library order breaks ties).
		best := func(gr *group) int {
			b := rankFuzzy + 1
			for _, s := range gr.items {
				b = min(b, keep[s])
			}
			return b
		}
		for _, gr := range ordered {
			sort.SliceStable(gr.items, func(i, j int) bool { return keep[gr.items[i]] < keep[gr.items[j]] })
		}
		sort.SliceStable(ordered, func(i, j int) bool { return best(ordered[i]) < best(ordered[j]) })
	}
	for _, gr := range ordered {
		rows = append(rows, row{kind: rowHeader, text: gr.title})
		for _, s := range gr.items {
			rows = append(rows, row{kind: rowScenario, scenario: s, text: s.Title})
		}
	}
	if filter != "" && len(keep) == 0 {
		rows = append(rows, row{kind: rowNote, text: nothingMatches})
	}
	// Broken packs and packs with problems stay visible with their errors.
	for _, p := range lib.Packs {
		if len(p.Problems) == 0 {
			continue
		}
		state := "has problems"
		if p.Broken {
			state = "broken: nothing in it can be used"
		}
		rows = append(rows, row{kind: rowHeader, text: "⚠ " + packTitle(p) + " — " + state, pack: p})
		for i, f := range p.Problems {
			if i == 5 {
				rows = append(rows, row{kind: rowProblem, pack: p, text: fmt.Sprintf("… and %d more (run: iamlab check %s)", len(p.Problems)-5, safetext.Line(p.Origin))})
				break
			}
			// A problem quotes file names, which come from the pack's
			// folder as they are: cleaned like every text from a pack.
			rows = append(rows, row{kind: rowProblem, pack: p, text: safetext.Line(f.String())})
		}
	}
	return rows
}

// domainTask is the task a scenario is grouped by: its SCS-C03 task first,
// since the security exam's domains are the map security candidates study
// by, then its first task on another current exam, and a retired exam's only
// when nothing else is tagged.
func domainTask(s *scenarios.Scenario) (curriculum.Task, bool) {
	for _, t := range s.Exam {
		if t.Exam == "SCS-C03" {
			return t, true
		}
	}
	for _, t := range s.Exam {
		if ex, err := curriculum.ExamByID(t.Exam); err == nil && ex.Retired.IsZero() {
			return t, true
		}
	}
	if len(s.Exam) > 0 {
		return s.Exam[0], true
	}
	return curriculum.Task{}, false
}

func packTitle(p *scenarios.Pack) string {
	t := p.Title
	if t == "" {
		t = p.ID
	}
	if t == "" {
		t = p.Origin
	}
	if !p.BuiltIn && p.Origin != "" {
		t += " (" + safetext.Line(p.Origin) + ")"
	}
	return t
}

// Assigned is one scenario an instructor assigned (assignment files), as
// the library shows it: at the top, under its assignment's title.
type Assigned struct {
	Title    string // the assignment's title
	Scenario *scenarios.Scenario
	Due      time.Time // zero: no due date
}

// assignedRows groups the assigned scenarios by assignment, in the order
// given, soonest due first inside each (no date last).
func assignedRows(as []Assigned) []row {
	var rows []row
	var titles []string
	by := map[string][]Assigned{}
	for _, a := range as {
		if _, ok := by[a.Title]; !ok {
			titles = append(titles, a.Title)
		}
		by[a.Title] = append(by[a.Title], a)
	}
	for _, t := range titles {
		items := by[t]
		sort.SliceStable(items, func(i, j int) bool {
			di, dj := items[i].Due, items[j].Due
			if di.IsZero() != dj.IsZero() {
				return dj.IsZero()
			}
			return di.Before(dj)
		})
		rows = append(rows, row{kind: rowHeader, text: "Assigned · " + t})
		for _, a := range items {
			rows = append(rows, row{kind: rowScenario, scenario: a.Scenario, text: a.Scenario.Title, assigned: true, due: a.Due})
		}
	}
	return rows
}
