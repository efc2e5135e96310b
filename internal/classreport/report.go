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
	if opt.Title == nil {
		opt.Title = func(_, id string) string { return id }
	}
	rep := &Report{Exam: exam.ID, Generated: now.UTC(), Errors: append([]FileError{}, errs...)}
	learners, dups := oneExportPerLearner(learners)
	rep.Errors = append(rep.Errors, dups...)

	c := newClass(exam, opt)
	for li, l := range learners {
		rep.Learners = append(rep.Learners, c.learner(li, l))
	}
	if total := len(c.library); total > 0 {
		for i := range rep.Learners {
			rep.Learners[i].Completion = float64(rep.Learners[i].Solved) / float64(total)
		}
	}
	sort.SliceStable(rep.Learners, func(i, j int) bool {
		return strings.ToLower(rep.Learners[i].Name) < strings.ToLower(rep.Learners[j].Name)
	})
	tellApart(rep.Learners)
	rep.Domains = c.domainRows()
	rep.Scenarios = c.scenarioRows()
	rep.Topics = c.topicRows()
	rep.Mistakes = c.mistakeRows()
	return rep
}

// tally counts observations and how many of them were right.
type tally struct{ n, ok int }

func (t *tally) add(correct bool) {
	t.n++
	if correct {
		t.ok++
	}
}

func count[K comparable](m map[K]*tally, k K, correct bool) {
	if m[k] == nil {
		m[k] = &tally{}
	}
	m[k].add(correct)
}

// scenarioTally is one scenario across the class.
type scenarioTally struct {
	learners, solved, attempts int
	scores                     []float64
	minutes                    float64
	failures                   map[string]int
}

// mistakeKey is one wrong answer or one failed check of one scenario.
type mistakeKey struct{ kind, id, chosen string }

// class accumulates what the report measures while learners are read.
type class struct {
	exam      curriculum.Exam
	opt       Options
	library   map[string]bool // the scenarios completion is measured against
	domains   map[int]*tally
	topics    map[string]*tally
	scenarios map[string]*scenarioTally
	mistakes  map[mistakeKey]map[string]int // → learner → count
}

func newClass(exam curriculum.Exam, opt Options) *class {
	c := &class{exam: exam, opt: opt, library: map[string]bool{}, domains: map[int]*tally{},
		topics: map[string]*tally{}, scenarios: map[string]*scenarioTally{}, mistakes: map[mistakeKey]map[string]int{}}
	for _, id := range opt.Scenarios {
		c.library[id] = true
	}
	return c
}

// domainsOf lists the exam's domains the tasks belong to, each once.
func (c *class) domainsOf(tasks []string) []int {
	seen := map[int]bool{}
	var out []int
	for _, t := range tasks {
		tk, ok := curriculum.TaskByID(t)
		if !ok || tk.Exam != c.exam.ID || seen[tk.Domain] {
			continue
		}
		seen[tk.Domain] = true
		out = append(out, tk.Domain)
	}
	return out
}

func (c *class) mistake(k mistakeKey, who string) {
	if c.mistakes[k] == nil {
		c.mistakes[k] = map[string]int{}
	}
	c.mistakes[k][who]++
}

// learnerTally is one learner's records, accumulated.
type learnerTally struct {
	best     map[string]int
	solved   map[string]bool
	tried    map[string]int
	scoreSum float64
	scored   int
	domains  map[int]*tally
}

// learner reads one learner's records into the class and returns their row.
func (c *class) learner(li int, l *Learner) LearnerRow {
	who := l.ID
	if who == "" {
		who = l.File
	}
	row := LearnerRow{Name: l.Name, ID: l.ID, File: l.File, Version: l.Version, Readiness: map[int]float64{}}
	if row.Name == "" {
		row.Name = "learner " + strconv.Itoa(li+1)
	}
	me := learnerTally{best: map[string]int{}, solved: map[string]bool{}, tried: map[string]int{}, domains: map[int]*tally{}}
	for _, r := range l.Records {
		row.TimeSpent += r.Duration.Minutes()
		for _, d := range c.domainsOf(r.Tasks) {
			count(me.domains, d, r.Correct)
			count(c.domains, d, r.Correct)
		}
		for _, t := range r.Topics {
			count(c.topics, t, r.Correct)
		}
		switch r.Kind {
		case "attempt":
			c.attempt(&me, r, who)
		case "answer":
			row.Answered++
			if r.Correct {
				row.Correct++
			} else if r.Chosen != "" {
				c.mistake(mistakeKey{"answer", r.ID, r.Chosen}, who)
			}
		}
	}
	for id := range me.tried {
		c.scenarios[id].learners++
		if me.solved[id] {
			c.scenarios[id].solved++
		}
	}
	row.Attempted, row.Solved = len(me.tried), len(me.solved)
	for _, s := range me.best {
		row.Stars += s
	}
	if me.scored > 0 {
		row.AvgScore = me.scoreSum / float64(me.scored)
	}
	if l.Readiness != nil && l.Exam == c.exam.ID {
		row.ReadinessFrom = "export"
		for d, v := range l.Readiness {
			row.Readiness[d] = v
		}
	} else {
		row.ReadinessFrom = "answers"
		for d, t := range me.domains {
			row.Readiness[d] = float64(t.ok) / float64(t.n)
		}
	}
	return row
}

// attempt reads one scenario attempt.
func (c *class) attempt(me *learnerTally, r Record, who string) {
	if len(c.opt.Scenarios) == 0 {
		c.library[r.ID] = true
	}
	me.tried[r.ID]++
	s := c.scenarios[r.ID]
	if s == nil {
		s = &scenarioTally{failures: map[string]int{}}
		c.scenarios[r.ID] = s
	}
	s.attempts++
	s.minutes += r.Duration.Minutes()
	switch r.Outcome {
	case "solved":
		me.solved[r.ID] = true
		s.scores = append(s.scores, r.Score)
		me.scoreSum += r.Score
		me.scored++
		if r.Stars > me.best[r.ID] {
			me.best[r.ID] = r.Stars
		}
	case "failed":
		for _, check := range r.FailedCheck {
			s.failures[check]++
			c.mistake(mistakeKey{"check", r.ID, check}, who)
		}
	}
}

func (c *class) domainRows() []DomainRow {
	var rows []DomainRow
	for _, d := range c.exam.Domains {
		row := DomainRow{Number: d.Number, Name: d.Name, Weight: d.Weight, Accuracy: -1}
		if t := c.domains[d.Number]; t != nil {
			row.Observations, row.Accuracy = t.n, float64(t.ok)/float64(t.n)
		}
		rows = append(rows, row)
	}
	return rows
}

// scenarioRows lists the scenarios hardest first: lowest solve rate, then
// most attempts.
func (c *class) scenarioRows() []ScenarioRow {
	var rows []ScenarioRow
	for id, s := range c.scenarios {
		row := ScenarioRow{ID: id, Title: c.opt.Title("scenario", id), Learners: s.learners, Solved: s.solved}
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
		for check, n := range s.failures {
			if n > bestN || (n == bestN && check < row.CommonFailure) {
				row.CommonFailure, bestN = check, n
			}
		}
		rows = append(rows, row)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.SolveRate != b.SolveRate {
			return a.SolveRate < b.SolveRate
		}
		if a.AvgAttempts != b.AvgAttempts {
			return a.AvgAttempts > b.AvgAttempts
		}
		return a.ID < b.ID
	})
	return rows
}

// topicRows lists the topics weakest first.
func (c *class) topicRows() []TopicRow {
	var rows []TopicRow
	for id, t := range c.topics {
		rows = append(rows, TopicRow{ID: id, Observations: t.n, Accuracy: float64(t.ok) / float64(t.n)})
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].Accuracy != rows[j].Accuracy {
			return rows[i].Accuracy < rows[j].Accuracy
		}
		return rows[i].ID < rows[j].ID
	})
	return rows
}

// mistakeRows lists the twenty mistakes most learners share.
func (c *class) mistakeRows() []Mistake {
	var rows []Mistake
	for k, who := range c.mistakes {
		m := Mistake{Kind: k.kind, ID: k.id, Chosen: k.chosen, Learners: len(who)}
		for _, n := range who {
			m.Count += n
		}
		if k.kind == "answer" {
			m.Title = c.opt.Title("item", k.id)
			if c.opt.Misconception != nil {
				m.Misconception = c.opt.Misconception(k.id, k.chosen)
			}
		} else {
			m.Title = c.opt.Title("scenario", k.id)
			m.Misconception = "fails the check \"" + k.chosen + "\" on submit"
		}
		rows = append(rows, m)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.Learners != b.Learners {
			return a.Learners > b.Learners
		}
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.ID+a.Chosen < b.ID+b.Chosen
	})
	if len(rows) > 20 {
		rows = rows[:20]
	}
	return rows
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
