package classreport

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/iamlab/iamlab/internal/curriculum"
)

// Options say what the report is measured against.
type Options struct {
	// Exam is the exam whose domains the report breaks results down by.
	Exam string
	// Scenarios lists the library's scenario ids, for completion; nil uses
	// the scenarios the class attempted.
	Scenarios []string
	// Title names a scenario or quiz item for people; nil shows ids.
	Title func(kind, id string) string
	// Misconception says what a wrong answer shows (the rationale of the
	// option chosen); nil leaves it out.
	Misconception func(itemID, chosen string) string
}

// Report is the class, measured.
type Report struct {
	Exam      string        `json:"exam"`
	Generated time.Time     `json:"generated"`
	Domains   []DomainRow   `json:"domains"`
	Learners  []LearnerRow  `json:"learners"`
	Scenarios []ScenarioRow `json:"scenarios"` // hardest first
	Topics    []TopicRow    `json:"topics"`    // weakest first
	Mistakes  []Mistake     `json:"mistakes"`  // most common first
	Errors    []FileError   `json:"errors"`
}

// DomainRow is one exam domain across the class.
type DomainRow struct {
	Number       int     `json:"number"`
	Name         string  `json:"name"`
	Weight       float64 `json:"weight"`
	Observations int     `json:"observations"`
	Accuracy     float64 `json:"accuracy"` // share correct; -1 without evidence
}

// LearnerRow is one learner.
type LearnerRow struct {
	Name       string  `json:"name"`
	ID         string  `json:"id,omitempty"`
	File       string  `json:"file"`
	Version    string  `json:"iamlab_version,omitempty"`
	Attempted  int     `json:"scenarios_attempted"`
	Solved     int     `json:"scenarios_solved"`
	Completion float64 `json:"completion"` // solved / library
	AvgScore   float64 `json:"average_score"`
	Stars      int     `json:"stars"` // best stars per scenario, summed
	TimeSpent  float64 `json:"time_spent_minutes"`
	Answered   int     `json:"quiz_answered"`
	Correct    int     `json:"quiz_correct"`
	// Readiness per domain number: the export's prediction when it has one
	// for the report's exam, else the share correct in that domain; absent
	// without evidence.
	Readiness map[int]float64 `json:"readiness"`
	// ReadinessFrom says which: "export" or "answers".
	ReadinessFrom string `json:"readiness_from"`
}

// ScenarioRow is one scenario across the class.
type ScenarioRow struct {
	ID          string  `json:"id"`
	Title       string  `json:"title"`
	Learners    int     `json:"learners"`
	Solved      int     `json:"solved"` // learners who solved it
	SolveRate   float64 `json:"solve_rate"`
	AvgScore    float64 `json:"average_score"`    // of solved attempts
	AvgAttempts float64 `json:"average_attempts"` // per learner who tried
	AvgMinutes  float64 `json:"average_minutes"`
	// CommonFailure is the check failed most often on submit.
	CommonFailure string `json:"common_failure,omitempty"`
}

// TopicRow is one curriculum topic across the class.
type TopicRow struct {
	ID           string  `json:"id"`
	Observations int     `json:"observations"`
	Accuracy     float64 `json:"accuracy"`
}

// Mistake is one wrong answer given by several learners.
type Mistake struct {
	Kind          string `json:"kind"` // "answer" (quiz) or "check" (a scenario check failed on submit)
	ID            string `json:"id"`
	Title         string `json:"title"`
	Chosen        string `json:"chosen,omitempty"`
	Count         int    `json:"count"`
	Learners      int    `json:"learners"`
	Misconception string `json:"misconception,omitempty"`
}

// Build measures the class.
func Build(learners []*Learner, errs []FileError, opt Options, now time.Time) *Report {
	exam, err := curriculum.ExamByID(opt.Exam)
	if err != nil {
		exam, _ = curriculum.ExamByID("SCS-C03")
	}
	title := opt.Title
	if title == nil {
		title = func(_, id string) string { return id }
	}
	rep := &Report{Exam: exam.ID, Generated: now.UTC(), Errors: append([]FileError{}, errs...)}
	learners, dups := oneExportPerLearner(learners)
	rep.Errors = append(rep.Errors, dups...)
	domainOf := func(tasks []string) []int {
		seen := map[int]bool{}
		var out []int
		for _, t := range tasks {
			tk, ok := curriculum.TaskByID(t)
			if !ok || tk.Exam != exam.ID || seen[tk.Domain] {
				continue
			}
			seen[tk.Domain] = true
			out = append(out, tk.Domain)
		}
		return out
	}
	type tally struct{ n, ok int }
	classDomains := map[int]*tally{}
	topics := map[string]*tally{}
	type scen struct {
		learners, solved, attempts int
		scores                     []float64
		minutes                    float64
		failures                   map[string]int
	}
	scens := map[string]*scen{}
	type mkey struct{ kind, id, chosen string }
	mistakes := map[mkey]map[string]int{} // → learner → count

	library := map[string]bool{}
	for _, id := range opt.Scenarios {
		library[id] = true
	}
	for li, l := range learners {
		who := l.ID
		if who == "" {
			who = l.File
		}
		row := LearnerRow{Name: l.Name, ID: l.ID, File: l.File, Version: l.Version, Readiness: map[int]float64{}}
		if row.Name == "" {
			row.Name = "learner " + strconv.Itoa(li+1)
		}
		best := map[string]int{}
		solved := map[string]bool{}
		tried := map[string]int{}
		var scoreSum float64
		var scored int
		mine := map[int]*tally{}
		for _, r := range l.Records {
			row.TimeSpent += r.Duration.Minutes()
			for _, d := range domainOf(r.Tasks) {
				for _, m := range []map[int]*tally{mine, classDomains} {
					if m[d] == nil {
						m[d] = &tally{}
					}
					m[d].n++
					if r.Correct {
						m[d].ok++
					}
				}
			}
			for _, t := range r.Topics {
				if topics[t] == nil {
					topics[t] = &tally{}
				}
				topics[t].n++
				if r.Correct {
					topics[t].ok++
				}
			}
			switch r.Kind {
			case "attempt":
				if len(opt.Scenarios) == 0 {
					library[r.ID] = true
				}
				tried[r.ID]++
				s := scens[r.ID]
				if s == nil {
					s = &scen{failures: map[string]int{}}
					scens[r.ID] = s
				}
				s.attempts++
				s.minutes += r.Duration.Minutes()
				if r.Outcome == "solved" {
					solved[r.ID] = true
					s.scores = append(s.scores, r.Score)
					scoreSum += r.Score
					scored++
					if r.Stars > best[r.ID] {
						best[r.ID] = r.Stars
					}
				}
				if r.Outcome == "failed" {
					for _, c := range r.FailedCheck {
						s.failures[c]++
						k := mkey{"check", r.ID, c}
						if mistakes[k] == nil {
							mistakes[k] = map[string]int{}
						}
						mistakes[k][who]++
					}
				}
			case "answer":
				row.Answered++
				if r.Correct {
					row.Correct++
				} else if r.Chosen != "" {
					k := mkey{"answer", r.ID, r.Chosen}
					if mistakes[k] == nil {
						mistakes[k] = map[string]int{}
					}
					mistakes[k][who]++
				}
			}
		}
		for id := range tried {
			scens[id].learners++
			if solved[id] {
				scens[id].solved++
			}
		}
		row.Attempted, row.Solved = len(tried), len(solved)
		for _, s := range best {
			row.Stars += s
		}
		if scored > 0 {
			row.AvgScore = scoreSum / float64(scored)
		}
		if l.Readiness != nil && l.Exam == exam.ID {
			row.ReadinessFrom = "export"
			for d, v := range l.Readiness {
				row.Readiness[d] = v
			}
		} else {
			row.ReadinessFrom = "answers"
			for d, t := range mine {
				row.Readiness[d] = float64(t.ok) / float64(t.n)
			}
		}
		rep.Learners = append(rep.Learners, row)
	}
	total := len(library)
	for i := range rep.Learners {
		if total > 0 {
			rep.Learners[i].Completion = float64(rep.Learners[i].Solved) / float64(total)
		}
	}
	sort.SliceStable(rep.Learners, func(i, j int) bool {
		return strings.ToLower(rep.Learners[i].Name) < strings.ToLower(rep.Learners[j].Name)
	})
	tellApart(rep.Learners)
	for _, d := range exam.Domains {
		row := DomainRow{Number: d.Number, Name: d.Name, Weight: d.Weight, Accuracy: -1}
		if t := classDomains[d.Number]; t != nil {
			row.Observations, row.Accuracy = t.n, float64(t.ok)/float64(t.n)
		}
		rep.Domains = append(rep.Domains, row)
	}
	for id, s := range scens {
		row := ScenarioRow{ID: id, Title: title("scenario", id), Learners: s.learners, Solved: s.solved}
		if s.learners > 0 {
			row.SolveRate = float64(s.solved) / float64(s.learners)
			row.AvgAttempts = float64(s.attempts) / float64(s.learners)
		}
		if s.attempts > 0 {
			row.AvgMinutes = s.minutes / float64(s.attempts)
		}
		if len(s.scores) > 0 {
			sum := 0.0
			for _, v := range s.scores {
				sum += v
			}
			row.AvgScore = sum / float64(len(s.scores))
		}
		bestN := 0
		for c, n := range s.failures {
			if n > bestN || (n == bestN && c < row.CommonFailure) {
				row.CommonFailure, bestN = c, n
			}
		}
		rep.Scenarios = append(rep.Scenarios, row)
	}
	sort.SliceStable(rep.Scenarios, func(i, j int) bool {
		a, b := rep.Scenarios[i], rep.Scenarios[j]
		if a.SolveRate != b.SolveRate {
			return a.SolveRate < b.SolveRate
		}
		if a.AvgAttempts != b.AvgAttempts {
			return a.AvgAttempts > b.AvgAttempts
		}
		return a.ID < b.ID
	})
	for id, t := range topics {
		rep.Topics = append(rep.Topics, TopicRow{ID: id, Observations: t.n, Accuracy: float64(t.ok) / float64(t.n)})
	}
	sort.SliceStable(rep.Topics, func(i, j int) bool {
		if rep.Topics[i].Accuracy != rep.Topics[j].Accuracy {
			return rep.Topics[i].Accuracy < rep.Topics[j].Accuracy
		}
		return rep.Topics[i].ID < rep.Topics[j].ID
	})
	for k, who := range mistakes {
		m := Mistake{Kind: k.kind, ID: k.id, Chosen: k.chosen, Learners: len(who)}
		for _, n := range who {
			m.Count += n
		}
		if k.kind == "answer" {
			m.Title = title("item", k.id)
			if opt.Misconception != nil {
				m.Misconception = opt.Misconception(k.id, k.chosen)
			}
		} else {
			m.Title = title("scenario", k.id)
			m.Misconception = "fails the check \"" + k.chosen + "\" on submit"
		}
		rep.Mistakes = append(rep.Mistakes, m)
	}
	sort.SliceStable(rep.Mistakes, func(i, j int) bool {
		a, b := rep.Mistakes[i], rep.Mistakes[j]
		if a.Learners != b.Learners {
			return a.Learners > b.Learners
		}
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.ID+a.Chosen < b.ID+b.Chosen
	})
	if len(rep.Mistakes) > 20 {
		rep.Mistakes = rep.Mistakes[:20]
	}
	return rep
}

// oneExportPerLearner keeps one export per learner id: a learner who hands
// in two exports would otherwise count twice. Exports only grow, so the one
// with more records is the newer; the other is listed, not silently lost.
// Exports without an id (format 1) cannot be matched and are all kept.
func oneExportPerLearner(learners []*Learner) ([]*Learner, []FileError) {
	keep := map[string]int{}
	var out []*Learner
	var dropped []FileError
	for _, l := range learners {
		i, seen := keep[l.ID]
		if l.ID == "" || !seen {
			if l.ID != "" {
				keep[l.ID] = len(out)
			}
			out = append(out, l)
			continue
		}
		older, newer := out[i], l
		if len(newer.Records) < len(older.Records) {
			older, newer = newer, older
		}
		out[i] = newer
		dropped = append(dropped, FileError{File: older.File, Err: fmt.Sprintf("left out: an older export of the same learner (id %s) as %s", shortID(l.ID), newer.File)})
	}
	return out, dropped
}

// tellApart adds a short learner id to names two learners share, so two
// "Alex"es stay two rows an instructor can tell apart.
func tellApart(rows []LearnerRow) {
	n := map[string]int{}
	for _, r := range rows {
		n[strings.ToLower(r.Name)]++
	}
	for i, r := range rows {
		if n[strings.ToLower(r.Name)] > 1 {
			if r.ID != "" {
				rows[i].Name += " #" + shortID(r.ID)
			} else {
				rows[i].Name += " (" + r.File + ")"
			}
		}
	}
}

// shortID is enough of a learner id to tell a class apart.
func shortID(id string) string {
	if len(id) > 6 {
		return id[:6]
	}
	return id
}
