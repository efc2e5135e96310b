package quizview

// sessionQuitWarning makes q in practice and review ask first, as the
// exam does: a stray q (typed for an answer) must not end the session.
// Answers already given are recorded, so only the session itself is lost.
func (m *Session) sessionQuitWarning() string {
	if m.exam != nil || m.phase == phaseSummary {
		return ""
	}
	what := "practice"
	if m.kind == kindReview {
		what = "review"
	}
	return "This " + what + " session ends if you quit (the answers given so far are kept)."
}
