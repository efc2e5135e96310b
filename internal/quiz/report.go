package quiz

import (
	"fmt"
	"time"

	"github.com/iamlab/iamlab/internal/curriculum"
	"github.com/iamlab/iamlab/internal/progress"
)

// Bands use the same margins as the progress store's readiness: ready at
// the pass fraction plus 5 points, borderline down to 10 points below it.
const (
	readyMargin     = 0.05
	borderlineBelow = 0.10
	// minDomainItems below which a domain's band is marked uncertain.
	minDomainItems = 5
)

// ExamReport is the score report of a mock exam.
type ExamReport struct {
	Exam         string
	ExamName     string
	Correct      int
	Total        int
	Percent      float64 // raw share correct, 0..100
	PassMark     int     // the real exam's pass mark on its 100–1000 scale
	PassFraction float64 // PassMark/1000, the rough target for Percent
	Band         progress.Band
	Domains      []DomainScore
	Unanswered   int
	Flagged      int
	Started      time.Time
	Submitted    time.Time
	Elapsed      time.Duration
	Limit        time.Duration
	TimedOut     bool
	// Caution is shown with the report, always.
	Caution string
}

// DomainScore is one exam domain in the report.
type DomainScore struct {
	Number    int
	Name      string
	Weight    float64
	Correct   int
	Total     int
	Percent   float64
	Band      progress.Band
	Uncertain bool // too few items to say much
}

// Caution explains why the raw score is not the exam's score.
func Caution(ex curriculum.Exam) string {
	return fmt.Sprintf("This is a raw score on iamlab's items, not a scaled score. The real %s reports a scaled score "+
		"from %d to %d (pass mark %d) that AWS equates across exam forms of different difficulty, includes 15 unscored items, and uses "+
		"compensatory scoring across domains that also cover topics beyond IAM. Use the bands as a direction, not a prediction.",
		ex.ID, curriculum.ScaleMin, curriculum.ScaleMax, ex.PassMark)
}

func bandOf(frac, pass float64, n int) progress.Band {
	switch {
	case n == 0:
		return progress.BandUnknown
	case frac >= pass+readyMargin:
		return progress.BandReady
	case frac >= pass-borderlineBelow:
		return progress.BandBorderline
	}
	return progress.BandNeedsWork
}

func (e *Exam) report() *ExamReport {
	ex := e.exam
	pass := float64(ex.PassMark) / float64(curriculum.ScaleMax)
	r := &ExamReport{Exam: ex.ID, ExamName: ex.Name, PassMark: ex.PassMark, PassFraction: pass, Started: e.started,
		Submitted: e.submitted, Elapsed: e.submitted.Sub(e.started), Limit: e.limit, TimedOut: e.timedOut, Caution: Caution(ex)}
	per := map[int]*DomainScore{}
	for _, d := range ex.Domains {
		per[d.Number] = &DomainScore{Number: d.Number, Name: d.Name, Weight: d.Weight}
	}
	for _, en := range e.entries {
		r.Total++
		if !en.Answered {
			r.Unanswered++
		}
		if en.Flagged {
			r.Flagged++
		}
		ds := per[domainOf(en.Item, ex.ID)]
		if ds != nil {
			ds.Total++
		}
		if en.Answered && en.Correct {
			r.Correct++
			if ds != nil {
				ds.Correct++
			}
		}
	}
	if r.Total > 0 {
		r.Percent = 100 * float64(r.Correct) / float64(r.Total)
	}
	r.Band = bandOf(r.Percent/100, pass, r.Total)
	for _, d := range ex.Domains {
		ds := per[d.Number]
		if ds.Total > 0 {
			ds.Percent = 100 * float64(ds.Correct) / float64(ds.Total)
		}
		ds.Band = bandOf(ds.Percent/100, pass, ds.Total)
		ds.Uncertain = ds.Total > 0 && ds.Total < minDomainItems
		r.Domains = append(r.Domains, *ds)
	}
	return r
}
