package progress

// Streak counts consecutive days with any activity, ending today (or
// yesterday, so a streak is not lost before today's practice).
type Streak struct {
	Days        int  `json:"days"`
	ActiveToday bool `json:"active_today"`
}

// Totals are simple counts for the summary header.
type Totals struct {
	Attempts        int `json:"attempts"`
	ScenariosSolved int `json:"scenarios_solved"`
	Answers         int `json:"answers"`
	Correct         int `json:"correct"`
	// HintShare is the share of attempts that opened any hint.
	HintShare float64 `json:"hint_share"`
	// SecondsPerExamItem is the mean time per exam-mode answer, to compare
	// with the exam's budget (Report's exam: SecondsPerItem).
	SecondsPerExamItem float64 `json:"seconds_per_exam_item"`
}

// Summary is everything the progress screen and `iamlab progress` show.
type Summary struct {
	Readiness Report          `json:"readiness"`
	Due       []DueReview     `json:"due"`
	Streak    Streak          `json:"streak"`
	Totals    Totals          `json:"totals"`
	Recent    []AttemptRecord `json:"recent"` // newest first
}

// RecentAttempts is how many attempts Summary lists.
const RecentAttempts = 5
