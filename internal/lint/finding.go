package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/iamlab/iamlab/internal/eval"
)

// Severity orders findings by how much they matter. The names follow IAM
// Access Analyzer's finding types so a learner meets the same words there.
type Severity uint8

// Severities, most serious first.
const (
	Error           Severity = iota + 1 // the policy is rejected or does not mean what it says
	SecurityWarning                     // the policy grants more than it seems to
	Warning                             // the policy is accepted but part of it does nothing
	Suggestion                          // the policy works; it could be clearer
)

var severityNames = [...]string{Error: "error", SecurityWarning: "security-warning", Warning: "warning", Suggestion: "suggestion"}

// String is the machine name, used in --json and as the code's prefix.
func (s Severity) String() string {
	if int(s) < len(severityNames) && s > 0 {
		return severityNames[s]
	}
	return "unknown"
}

// Title is the name for people: "security warning".
func (s Severity) Title() string { return strings.ReplaceAll(s.String(), "-", " ") }

// MarshalText makes a severity its name in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity's name.
func (s *Severity) UnmarshalText(b []byte) error {
	for i, n := range severityNames {
		if n != "" && n == string(b) {
			*s = Severity(i)
			return nil
		}
	}
	return fmt.Errorf("unknown severity %q", b)
}

// Finding is one thing the linter has to say about a policy.
type Finding struct {
	Code     string   `json:"code"`
	Severity Severity `json:"severity"`
	Pos      eval.Pos `json:"pos"`
	Message  string   `json:"message"`
	Advice   string   `json:"advice,omitempty"`
}

func (f Finding) String() string {
	s := fmt.Sprintf("%s: %s %s: %s", f.Pos, f.Severity.Title(), f.Code, f.Message)
	if f.Advice != "" {
		s += " (" + f.Advice + ")"
	}
	return s
}

// HasErrors reports whether any finding is error-level.
func HasErrors(fs []Finding) bool {
	return slices.ContainsFunc(fs, func(f Finding) bool { return f.Severity == Error })
}

// Count returns how many findings have each severity.
func Count(fs []Finding) map[Severity]int {
	m := map[Severity]int{}
	for _, f := range fs {
		m[f.Severity]++
	}
	return m
}

// sortFindings orders by place in the document; at one place the more
// serious finding comes first, then by code so output is stable.
func sortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		if a.Pos.Offset != b.Pos.Offset {
			return a.Pos.Offset - b.Pos.Offset
		}
		if a.Severity != b.Severity {
			return int(a.Severity) - int(b.Severity)
		}
		return strings.Compare(a.Code, b.Code)
	})
}
