// Package diag is the one form of a problem found in something an author or
// a learner wrote — a scenario pack, the quiz bank, a lesson, a world, an
// assignment, an evaluation case or a policy — so every reader reports it
// alike: where (file, line, column), how serious, a stable code, what is
// wrong and what was expected.
//
// It imports nothing of this module: every layer can use it, and the
// packages that meet a problem first (the YAML reader, the linter, the pack
// loader) build diagnostics themselves. The engine keeps its own
// eval.ParseError, like go/scanner keeps scanner.Error; lint.FromParse
// adapts it.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity says how much a diagnostic matters. The names follow IAM Access
// Analyzer's finding types, so a learner meets the same words there; packs,
// the quiz bank and worlds use only Error and Warning.
type Severity uint8

// Severities, most serious first. The zero Severity is unset: a diagnostic
// always says how serious it is.
const (
	Error           Severity = iota + 1 // wrong: the thing is rejected or does not mean what it says
	SecurityWarning                     // a policy grants more than it seems to
	Warning                             // accepted, but something an author should fix
	Suggestion                          // works; it could be clearer
)

var severityNames = [...]string{Error: "error", SecurityWarning: "security-warning", Warning: "warning", Suggestion: "suggestion"}

// String is the machine name, used in JSON and in output scripts match.
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

// Diagnostic is one problem, positioned where its author fixes it. Line and
// Col are 1-based, Col in characters (runes), which is what an editor's
// cursor shows; 0 means unknown. The JSON form is the one `iamlab check
// --json` prints, one object a line; its field names are stable.
type Diagnostic struct {
	Code     string   `json:"code"` // stable: the docs list each package's codes and scripts match on them
	Severity Severity `json:"severity"`
	File     string   `json:"file,omitempty"` // as the author knows it: "core/scenarios/x.yaml"
	Line     int      `json:"line,omitempty"`
	Col      int      `json:"col,omitempty"`
	// Offset is the byte offset where a reader knows it, to order
	// diagnostics within one document; no output shows it.
	Offset int `json:"-"`
	// Subject is the id of the scenario, quiz item or lesson the problem
	// belongs to, when known. Its JSON name is check's, which began with
	// scenarios.
	Subject  string `json:"scenario,omitempty"`
	Message  string `json:"message"`            // what is wrong
	Expected string `json:"expected,omitempty"` // what was expected, or how to fix it
}

// Where is "file:line:col", "line:col" without a file, "file" without a
// line, and "" when nothing is known. A column not known is written 1, so
// the place stays one an editor can jump to.
func (d Diagnostic) Where() string {
	switch {
	case d.Line <= 0:
		return d.File
	case d.File == "":
		return fmt.Sprintf("%d:%d", d.Line, max(d.Col, 1))
	}
	return fmt.Sprintf("%s:%d:%d", d.File, d.Line, max(d.Col, 1))
}

// Text is what is wrong, then what was expected: "message; expected".
func (d Diagnostic) Text() string {
	if d.Expected == "" {
		return d.Message
	}
	return d.Message + "; " + d.Expected
}

// String is the line a compiler would print: "file:line:col: message;
// expected", the position left out when nothing of it is known.
func (d Diagnostic) String() string {
	if loc := d.Where(); loc != "" {
		return loc + ": " + d.Text()
	}
	return d.Text()
}

// Error makes a diagnostic an error for readers that return one, as
// go/scanner's Error is.
func (d Diagnostic) Error() string { return d.String() }

// List is every problem a reader found, as one error.
type List []*Diagnostic

// Error is one diagnostic a line.
func (l List) Error() string {
	lines := make([]string, len(l))
	for i, d := range l {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// HasErrors reports whether any diagnostic is an error.
func HasErrors(ds []Diagnostic) bool {
	return slices.ContainsFunc(ds, func(d Diagnostic) bool { return d.Severity == Error })
}

// Count returns how many diagnostics have each severity.
func Count(ds []Diagnostic) map[Severity]int {
	m := map[Severity]int{}
	for _, d := range ds {
		m[d.Severity]++
	}
	return m
}

// Sort orders diagnostics by file, then position, then code, keeping the
// order of equals, so output is stable from run to run.
func Sort(ds []Diagnostic) {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col), cmp.Compare(a.Code, b.Code))
	})
}
