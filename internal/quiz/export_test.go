package quiz

import "github.com/iamlab/iamlab/internal/progress"

// What only the tests call: kept out of the product so that its exported
// API is what the product uses.

// Choose is a Response picking options.
func Choose(ids ...string) Response { return Response{Options: ids} }

// Report is the score report; ErrNotSubmitted before Submit, because exam
// mode gives no feedback until the end.
func (e *Exam) Report() (*ExamReport, error) {
	if !e.Submitted() {
		return nil, ErrNotSubmitted
	}
	return e.report(), nil
}

// Answers are the answered items as records for the progress store; only
// after submit, so that nothing is scheduled from answers still changing.
func (e *Exam) Answers() []progress.Answer {
	if !e.Submitted() {
		return nil
	}
	var out []progress.Answer
	for _, en := range e.entries {
		if a, ok := en.ProgressAnswer(progress.ExamMode); ok {
			out = append(out, a)
		}
	}
	return out
}
