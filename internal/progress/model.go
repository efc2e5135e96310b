package progress

import "time"

// Outcome is how a scenario attempt ended.
type Outcome string

const (
	Solved    Outcome = "solved"    // every check passed on submit
	Failed    Outcome = "failed"    // submitted with failing checks
	Abandoned Outcome = "abandoned" // the learner gave up after working on it
)

// CheckResult is one goal check as it stood when the attempt ended.
type CheckResult struct {
	Name   string `json:"name"`
	Want   string `json:"want"`
	Got    string `json:"got"`
	Passed bool   `json:"passed"`
	Hidden bool   `json:"hidden,omitempty"` // revealed only on submit
}

// ScenarioKey names a scenario in the store: its pack's id and its own.
// Two packs may both have a scenario "x"; their records never meet. Every
// call that reads or writes one scenario's records takes a key, and the
// store refuses one without a pack.
type ScenarioKey struct {
	PackID     string `json:"pack_id"`
	ScenarioID string `json:"scenario_id"`
}

// Key is the store's name for scenario id of pack packID.
func Key(packID, scenarioID string) ScenarioKey {
	return ScenarioKey{PackID: packID, ScenarioID: scenarioID}
}

func (k ScenarioKey) String() string { return k.PackID + "/" + k.ScenarioID }

// Attempt is what the trainer reports when a scenario attempt ends.
type Attempt struct {
	ScenarioKey
	// PackVersion is the version: of the scenario's pack.yaml; 0 for
	// attempts recorded before schema 5, which did not know it.
	PackVersion    int           `json:"pack_version"`
	ContentVersion string        `json:"content_version,omitempty"`
	Mode           string        `json:"mode,omitempty"` // learn, practice, exam, challenge
	StartedAt      time.Time     `json:"started_at"`
	FinishedAt     time.Time     `json:"finished_at"` // zero: the store's clock
	Outcome        Outcome       `json:"outcome"`
	Checks         []CheckResult `json:"checks"`
	// LeastPrivilege is 1 when the solution grants exactly what the
	// reference grants and falls towards 0 as it grants more; nil when the
	// scenario does not grade it.
	LeastPrivilege *float64          `json:"least_privilege,omitempty"`
	Score          float64           `json:"score"` // 0..100, as shown to the learner
	Stars          int               `json:"stars"` // 0..3
	Hints          []int             `json:"hints"` // rungs opened, in order (1 nudge … 4 bottom-out)
	Revealed       bool              `json:"revealed"`
	Duration       time.Duration     `json:"duration_ns"` // active time spent
	TargetTime     time.Duration     `json:"target_time_ns,omitempty"`
	Topics         []string          `json:"topics"` // curriculum topic IDs
	Tasks          []string          `json:"tasks"`  // curriculum task IDs
	Policies       map[string]string `json:"policies,omitempty"`
	// Confidence is how sure the learner said they were before a predict or
	// choose answer was revealed; empty for build attempts.
	Confidence Confidence `json:"confidence,omitempty"`
}

// AttemptRecord is a stored attempt.
type AttemptRecord struct {
	ID int64 `json:"id"`
	Attempt
	AttemptNo int    `json:"attempt_no"` // 1 = first attempt at this scenario
	Rating    Rating `json:"rating"`     // FSRS rating derived, 0 = none
}

// Confidence is the one-key rating asked before a verdict is revealed.
type Confidence string

const (
	NoConfidence Confidence = ""      // not asked
	Sure         Confidence = "sure"  // "sure"
	ThinkSo      Confidence = "think" // "think so"
	Guess        Confidence = "guess" // "guess"
)

// QuizMode is practice (feedback per item) or exam (feedback at the end).
type QuizMode string

const (
	Practice QuizMode = "practice"
	ExamMode QuizMode = "exam"
)

// Answer is one quiz item answered.
type Answer struct {
	ItemID         string        `json:"item_id"`
	ContentVersion string        `json:"content_version,omitempty"`
	At             time.Time     `json:"at"` // zero: the store's clock
	Chosen         string        `json:"chosen"`
	Correct        bool          `json:"correct"`
	Confidence     Confidence    `json:"confidence,omitempty"`
	Duration       time.Duration `json:"duration_ns"`
	Mode           QuizMode      `json:"mode"`
	Topics         []string      `json:"topics"`
	Tasks          []string      `json:"tasks"`
}

// AnswerRecord is a stored answer.
type AnswerRecord struct {
	ID int64 `json:"id"`
	Answer
	Rating Rating `json:"rating"`
}

// Draft is autosaved editor text for one document of a scenario.
type Draft struct {
	ScenarioKey
	DocName   string    `json:"doc_name"`
	Text      string    `json:"text"`
	UpdatedAt time.Time `json:"updated_at"`
	// Rev counts the saves of this document's draft; SaveDraft takes the
	// revision its caller last saw, to detect a save by another window.
	Rev int64 `json:"rev"`
}

// Status is where a learner stands with a scenario.
type Status string

const (
	StatusNew        Status = "new"
	StatusInProgress Status = "in progress"
	StatusSolved     Status = "solved"
)

// ScenarioState is the home screen's line for one scenario.
type ScenarioState struct {
	ScenarioKey
	Status     Status    `json:"status"`
	Stars      int       `json:"stars"`
	BestScore  float64   `json:"best_score"`
	Attempts   int       `json:"attempts"`
	HasDraft   bool      `json:"has_draft"`
	LastActive time.Time `json:"last_active"`
}

// DueReview is a knowledge component whose review is due.
type DueReview struct {
	TopicID string    `json:"topic_id"`
	Title   string    `json:"title"`
	Due     time.Time `json:"due"`
	// Retrievability is FSRS's estimate that the learner would recall the
	// topic now, 0..1.
	Retrievability float64 `json:"retrievability"`
	Reps           int     `json:"reps"`
	Lapses         int     `json:"lapses"`
}

// StatusOf reads one scenario's state from a ScenarioStatus map.
func StatusOf(m map[ScenarioKey]ScenarioState, key ScenarioKey) ScenarioState {
	if st, ok := m[key]; ok {
		return st
	}
	return ScenarioState{ScenarioKey: key, Status: StatusNew}
}
