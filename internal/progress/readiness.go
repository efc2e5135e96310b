package progress

import (
	"fmt"
	"math"
	"sort"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"

	"github.com/iamlab/iamlab/internal/curriculum"
)

// Band is a readiness verdict shown instead of a falsely precise percentage.
type Band string

const (
	BandUnknown    Band = "unknown" // never practised: not zero, not a pass
	BandNeedsWork  Band = "needs work"
	BandBorderline Band = "borderline"
	BandReady      Band = "ready"
)

// Thresholds of the readiness math; see Readiness.
const (
	// MinObservations below which a domain's estimate is flagged uncertain.
	MinObservations = 10
	readyMargin     = 0.05 // ready: predicted ≥ pass fraction + 5 points
	borderlineBelow = 0.10 // borderline: within 10 points below the pass fraction
	z90             = 1.645
)

// Report is readiness for one exam at one exam date.
type Report struct {
	Exam         string    `json:"exam"`
	ExamName     string    `json:"exam_name"`
	ExamDate     time.Time `json:"exam_date,omitzero"`
	Now          time.Time `json:"now"`
	PassFraction float64   `json:"pass_fraction"` // pass mark / 1000, a rough target
	// Predicted is the expected share of correct answers on the domains with
	// evidence, weighted by official weights; Low and High bound a 90% range.
	Predicted float64 `json:"predicted"`
	Low       float64 `json:"low"`
	High      float64 `json:"high"`
	Band      Band    `json:"band"`
	Uncertain bool    `json:"uncertain"`
	// Coverage is the share of the exam's IAM task statements practised at
	// least once.
	Coverage float64 `json:"coverage"`
	// ScopeWeight is the share of the exam (by domain weight) that iamlab's
	// task statements fall in; the rest of the exam is outside its subject.
	ScopeWeight float64           `json:"scope_weight"`
	Domains     []DomainReadiness `json:"domains"`
	Topics      []TopicReadiness  `json:"topics"`  // practised, biggest expected gain first
	Weakest     []TopicReadiness  `json:"weakest"` // the first few of Topics
	Untouched   []string          `json:"untouched"`
	Calibration Calibration       `json:"calibration"`
}

// DomainReadiness is one exam domain.
type DomainReadiness struct {
	Number          int     `json:"number"`
	Name            string  `json:"name"`
	Weight          float64 `json:"weight"`
	InScope         bool    `json:"in_scope"` // iamlab teaches some of it
	Tasks           int     `json:"tasks"`
	TasksPractised  int     `json:"tasks_practised"`
	Coverage        float64 `json:"coverage"`
	TopicsTotal     int     `json:"topics_total"`
	TopicsPractised int     `json:"topics_practised"`
	Observations    int     `json:"observations"`
	Predicted       float64 `json:"predicted"`
	// Low and High bound a 90% range of Predicted, from the same Beta
	// variances as the overall range.
	Low       float64 `json:"low"`
	High      float64 `json:"high"`
	Band      Band    `json:"band"`
	Uncertain bool    `json:"uncertain"`
	variance  float64
}

// TopicReadiness is one practised knowledge component.
type TopicReadiness struct {
	TopicID      string  `json:"topic_id"`
	Title        string  `json:"title"`
	Observations int     `json:"observations"`
	Correct      int     `json:"correct"`
	Mastery      float64 `json:"mastery"`   // P(known now), Beta posterior mean
	Retention    float64 `json:"retention"` // FSRS R at the exam date
	Predicted    float64 `json:"predicted"` // Mastery × Retention
	Gain         float64 `json:"gain"`      // expected exam-share gain from mastering it
	Domains      []int   `json:"domains"`
	variance     float64
}

// Calibration compares confidence with accuracy on every confident
// answer: quiz answers, and the first answer to each predict or choose
// scenario (a redo after the reveal is practice and does not count).
type Calibration struct {
	ConfidentWrong int `json:"confident_wrong"` // "sure" and wrong: review these first
	Sure           int `json:"sure"`
	SureCorrect    int `json:"sure_correct"`
	Unsure         int `json:"unsure"`
	UnsureCorrect  int `json:"unsure_correct"`
}

// Evidence is what readiness is computed from: the store aggregates it
// from the learner's records.
type Evidence struct {
	Observations map[string][2]int // topic → (first-try observations, correct)
	Cards        map[string]fsrs.Card
	Tasks        map[string]bool // task IDs tagged directly on records
	Calibration  Calibration
}

// ComputeReadiness is the readiness model, deterministic given its inputs:
//
//   - Mastery of a topic is the mean of a Beta(1,1) prior updated with its
//     first-try observations: (correct+1)/(n+2). An observation is the first
//     attempt at each scenario (correct only if solved with no hint and no
//     revealed solution; help counts as incorrect, as in knowledge tracing)
//     and every quiz answer (each is a fresh retrieval).
//   - Retention is FSRS retrievability R at the exam date (or now, if the
//     date has passed or is unset). Predicted correctness = mastery × R.
//   - A domain's prediction is the mean over its practised topics; topics
//     never practised are unknown and left out, not counted as zero. A
//     domain with no practised topic is BandUnknown.
//   - The overall prediction weights domains with evidence by their official
//     weights. The 90% range comes from the Beta variances (times R²),
//     propagated through the same averages.
//   - Bands compare the prediction with the pass fraction p = pass mark/1000
//     (a rough target: the scaled score is not a percentage): ready ≥ p+0.05,
//     borderline ≥ p−0.10, needs work below. Uncertain when a domain has
//     fewer than MinObservations observations (overall: when any in-scope
//     domain is unknown or uncertain).
//   - Coverage: task statements practised (tagged directly, or through a
//     practised topic) over the exam's task statements.
//   - Gain of a topic = Σ over its domains of weight × item share × (1 −
//     predicted), item share = 1 / topics serving that domain.
func ComputeReadiness(exam curriculum.Exam, ev Evidence, examDate, now time.Time, r func(fsrs.Card, time.Time) float64) Report {
	at := examDate
	if at.IsZero() || at.Before(now) {
		at = now
	}
	rep := Report{
		Exam: exam.ID, ExamName: exam.Name, ExamDate: examDate, Now: now,
		PassFraction: float64(exam.PassMark) / curriculum.ScaleMax,
		Calibration:  ev.Calibration,
	}
	tasks := exam.Tasks()
	topics := curriculum.TopicsForExam(exam.ID)

	// Topics first: each practised topic's prediction and the tasks it covers.
	practisedTask := map[string]bool{}
	for id := range ev.Tasks {
		practisedTask[id] = true
	}
	byID := map[string]*TopicReadiness{}
	topicsInDomain := map[int]int{}
	for _, t := range topics {
		doms := domainsOf(t, exam.ID)
		for _, d := range doms {
			topicsInDomain[d]++
		}
		o := ev.Observations[t.ID]
		if o[0] == 0 {
			rep.Untouched = append(rep.Untouched, t.ID)
			continue
		}
		for _, tk := range t.TasksFor(exam.ID) {
			practisedTask[tk.ID] = true
		}
		a, b := float64(o[1]+1), float64(o[0]-o[1]+1)
		ret := 1.0 // observed but never scheduled cannot happen; be neutral
		if c, ok := ev.Cards[t.ID]; ok {
			ret = r(c, at)
		}
		mastery := a / (a + b)
		tr := &TopicReadiness{
			TopicID: t.ID, Title: t.Title, Observations: o[0], Correct: o[1],
			Mastery: mastery, Retention: ret, Predicted: mastery * ret, Domains: doms,
			variance: ret * ret * a * b / ((a + b) * (a + b) * (a + b + 1)),
		}
		byID[t.ID] = tr
	}

	// Domains.
	var wSum, predSum, varSum, scope float64
	anyGap := false
	practisedCount := 0
	for _, tk := range tasks {
		if practisedTask[tk.ID] {
			practisedCount++
		}
	}
	if len(tasks) > 0 {
		rep.Coverage = float64(practisedCount) / float64(len(tasks))
	}
	for _, d := range exam.Domains {
		dr := DomainReadiness{Number: d.Number, Name: d.Name, Weight: d.Weight, TopicsTotal: topicsInDomain[d.Number], Band: BandUnknown}
		for _, tk := range tasks {
			if tk.Domain == d.Number {
				dr.Tasks++
				if practisedTask[tk.ID] {
					dr.TasksPractised++
				}
			}
		}
		dr.InScope = dr.Tasks > 0
		if dr.InScope {
			scope += d.Weight
			dr.Coverage = float64(dr.TasksPractised) / float64(dr.Tasks)
		}
		for _, t := range topics {
			tr, ok := byID[t.ID]
			if !ok || !containsInt(tr.Domains, d.Number) {
				continue
			}
			dr.TopicsPractised++
			dr.Observations += tr.Observations
			dr.Predicted += tr.Predicted
			dr.variance += tr.variance
		}
		if dr.TopicsPractised > 0 {
			m := float64(dr.TopicsPractised)
			dr.Predicted /= m
			dr.variance /= m * m
			sd := math.Sqrt(dr.variance)
			dr.Low, dr.High = max(0, dr.Predicted-z90*sd), min(1, dr.Predicted+z90*sd)
			dr.Band = band(dr.Predicted, rep.PassFraction)
			dr.Uncertain = dr.Observations < MinObservations
			wSum += d.Weight
			predSum += d.Weight * dr.Predicted
			varSum += d.Weight * d.Weight * dr.variance
		}
		if dr.InScope && (dr.TopicsPractised == 0 || dr.Uncertain) {
			anyGap = true
		}
		rep.Domains = append(rep.Domains, dr)
	}
	rep.ScopeWeight = scope
	rep.Band = BandUnknown
	rep.Uncertain = true
	if wSum > 0 {
		rep.Predicted = predSum / wSum
		sd := math.Sqrt(varSum) / wSum
		rep.Low = max(0, rep.Predicted-z90*sd)
		rep.High = min(1, rep.Predicted+z90*sd)
		rep.Band = band(rep.Predicted, rep.PassFraction)
		rep.Uncertain = anyGap
	}

	// Gains, then the weakest list.
	for _, t := range topics {
		tr, ok := byID[t.ID]
		if !ok {
			continue
		}
		for _, dn := range tr.Domains {
			d, _ := exam.Domain(dn)
			tr.Gain += d.Weight / float64(topicsInDomain[dn]) * (1 - tr.Predicted)
		}
		rep.Topics = append(rep.Topics, *tr)
	}
	sort.SliceStable(rep.Topics, func(i, j int) bool { return rep.Topics[i].Gain > rep.Topics[j].Gain })
	rep.Weakest = rep.Topics[:min(5, len(rep.Topics))]
	return rep
}

func band(pred, pass float64) Band {
	switch {
	case pred >= pass+readyMargin:
		return BandReady
	case pred >= pass-borderlineBelow:
		return BandBorderline
	}
	return BandNeedsWork
}

// domainsOf lists the distinct domains of exam a topic serves, in order.
func domainsOf(t curriculum.Topic, examID string) []int {
	var out []int
	for _, tk := range t.TasksFor(examID) {
		if !containsInt(out, tk.Domain) {
			out = append(out, tk.Domain)
		}
	}
	sort.Ints(out)
	return out
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// ScopeWords says how much of the exam iamlab's IAM-bearing statements
// reach, without claiming to teach whole domains: a domain counts when
// some of its skills involve IAM, not when all of them do.
func (r *Report) ScopeWords() string {
	if r.ScopeWeight >= 0.995 {
		return "iamlab teaches the IAM-bearing skills of every domain, not every skill"
	}
	return fmt.Sprintf("iamlab teaches the IAM-bearing skills of domains worth %.0f%% of the exam", 100*r.ScopeWeight)
}
