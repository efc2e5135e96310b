package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/iamlab/iamlab/internal/curriculum"
	"github.com/iamlab/iamlab/internal/scenarios"
)

// topicMaterial is what the library has for one topic.
type topicMaterial struct {
	lessons, items         int
	build, predict, choose int
}

// missing names what a priority topic still lacks; none means served.
func (m topicMaterial) missing(need curriculum.Need) []string {
	var out []string
	if need == curriculum.NeedBuild {
		if m.build == 0 {
			out = append(out, "a build scenario")
		}
		return out
	}
	if m.lessons == 0 {
		out = append(out, "a lesson")
	}
	if m.build+m.predict == 0 {
		out = append(out, "a build or predict scenario")
	}
	if m.items == 0 {
		out = append(out, "a quiz item")
	}
	return out
}

// materialOf counts, per topic, the lessons, quiz items and scenarios of
// each kind in the library.
func materialOf(lib *scenarios.Library, lessons, items map[string]int) map[string]*topicMaterial {
	out := map[string]*topicMaterial{}
	get := func(id string) *topicMaterial {
		if out[id] == nil {
			out[id] = &topicMaterial{}
		}
		return out[id]
	}
	for id, n := range lessons {
		get(id).lessons = n
	}
	for id, n := range items {
		get(id).items = n
	}
	for _, p := range lib.Packs {
		for _, s := range p.Scenarios {
			for _, t := range s.Topics {
				m := get(t.ID)
				switch s.Kind {
				case scenarios.Build:
					m.build++
				case scenarios.Predict:
					m.predict++
				case scenarios.Choose:
					m.choose++
				}
			}
		}
	}
	return out
}

// writePriorities lists every topic of the areas still to teach and whether
// the library serves it yet, with what it has and what it lacks.
func writePriorities(w io.Writer, mat map[string]*topicMaterial) {
	total, served := 0, 0
	var b strings.Builder
	for _, p := range curriculum.Priorities() {
		fmt.Fprintf(&b, "  %s (needs %s)\n", p.Title, p.Need)
		for _, id := range p.Topics {
			total++
			m := mat[id]
			if m == nil {
				m = &topicMaterial{}
			}
			have := fmt.Sprintf("%d lessons, %d quiz items, %d build / %d predict / %d choose", m.lessons, m.items, m.build, m.predict, m.choose)
			if miss := m.missing(p.Need); len(miss) > 0 {
				fmt.Fprintf(&b, "    ✗ not served  %-30s %s; lacks %s\n", id, have, strings.Join(miss, ", "))
			} else {
				served++
				fmt.Fprintf(&b, "    ✓ served      %-30s %s\n", id, have)
			}
		}
	}
	fmt.Fprintf(w, "\nto teach (the areas the exams test that the library set out to add): %d of %d topics served\n", served, total)
	fmt.Fprint(w, b.String())
}
