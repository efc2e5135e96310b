package quiz

import (
	"cmp"
	"fmt"
	"slices"
)

// Severity says whether a finding makes the bank wrong (error) or is advice
// for an author (warning).
type Severity string

// Severities.
const (
	SevError   Severity = "error"
	SevWarning Severity = "warning"
)

// Finding is one problem in the quiz bank or the lessons, positioned in the
// file an author edits. It has the same fields as scenarios.Finding so that
// `iamlab check` prints both alike.
type Finding struct {
	File     string   `json:"file,omitempty"`
	Line     int      `json:"line,omitempty"`
	Col      int      `json:"col,omitempty"`
	Severity Severity `json:"severity"`
	Code     string   `json:"code"`
	Item     string   `json:"item,omitempty"` // item or lesson id, when known
	Message  string   `json:"message"`
}

// String is the line a compiler would print: "file:line:col: severity: message".
func (f Finding) String() string {
	loc := f.File
	if loc != "" && f.Line > 0 {
		loc = fmt.Sprintf("%s:%d:%d", f.File, f.Line, max(f.Col, 1))
	}
	if loc == "" {
		return fmt.Sprintf("%s: %s", f.Severity, f.Message)
	}
	return fmt.Sprintf("%s: %s: %s", loc, f.Severity, f.Message)
}

// Finding codes; stable, listed in docs/quiz-format.md.
const (
	CodeUnreadable   = "unreadable"
	CodeYAMLSyntax   = "yaml-syntax"
	CodeUnknownField = "unknown-field"
	CodeWrongType    = "wrong-type"
	CodeDuplicateKey = "duplicate-key"
	CodeMissing      = "missing"
	CodeBadValue     = "bad-value"
	CodeDuplicateID  = "duplicate-id"
	CodeBadTask      = "bad-task"
	CodeBadTopic     = "bad-topic"
	CodeUntagged     = "untagged"
	// CodeDependentStem: a stem that leans on another item ("The same
	// user…", "After the policy is fixed…"); items are drawn alone.
	CodeDependentStem = "dependent-stem"
	CodeKey           = "key"
	CodeShape         = "shape"
	CodeWorld         = "world"
	CodeCall          = "call"
	CodeAnswerKey     = "answer-key"
	CodeUnknownRef    = "unknown-ref" // lessons: a scenario or link that does not exist
)

// HasErrors reports whether any finding is an error.
func HasErrors(fs []Finding) bool {
	return slices.ContainsFunc(fs, func(f Finding) bool { return f.Severity == SevError })
}

// SortFindings orders findings by file and position so output is stable.
func SortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col), cmp.Compare(a.Code, b.Code))
	})
}
