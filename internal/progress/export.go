package progress

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// ExportFormat is the version of the export format (JSON and CSV) that
// docs/export.schema.json describes. 1 was the format before it had a
// number (no learner id, version or pack version); 2 added them. Bump it
// when a field changes meaning or goes away; adding a field does not.
const ExportFormat = 2

// Export is everything an instructor needs, for one learner.
type Export struct {
	FormatVersion int    `json:"format_version"`
	Learner       string `json:"learner"`
	// LearnerID is stable across exports and display names; "" only when
	// a database from before schema 5 is exported without being opened
	// for writing first.
	LearnerID string `json:"learner_id"`
	// IAMLabVersion is the program that wrote the export; the caller
	// (who knows its build) fills it in.
	IAMLabVersion string          `json:"iamlab_version"`
	ExportedAt    time.Time       `json:"exported_at"`
	SchemaVersion int             `json:"schema_version"` // the store's schema, for support
	Readiness     *Report         `json:"readiness,omitempty"`
	Attempts      []AttemptRecord `json:"attempts"`
	Answers       []AnswerRecord  `json:"answers"`
}

// WriteJSON writes the export as one indented JSON document.
func (ex Export) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(ex)
}

// CSVHeader is the column list of WriteCSV: one row per attempt or answer,
// so a spreadsheet of a whole class is a concatenation of files.
var CSVHeader = []string{
	"learner", "kind", "id", "item_id", "content_version", "mode", "started_at", "finished_at",
	"outcome", "correct", "chosen", "confidence", "attempt_no", "checks_passed", "checks_total",
	"score", "least_privilege", "stars", "hints", "revealed", "duration_s", "rating", "topics", "tasks",
	// Added later, at the end so the earlier columns keep their places:
	// pack_id with schema 3, the rest with export format 2.
	"pack_id", "pack_version", "learner_id", "iamlab_version", "format_version",
}

// WriteCSV writes the export as CSV with CSVHeader.
func (ex Export) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	ts := func(t time.Time) string { return t.UTC().Format(time.RFC3339) }
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	b := func(v bool) string { return strconv.FormatBool(v) }
	for _, a := range ex.Attempts {
		passed := 0
		for _, c := range a.Checks {
			if c.Passed {
				passed++
			}
		}
		lp := ""
		if a.LeastPrivilege != nil {
			lp = f(*a.LeastPrivilege)
		}
		hints := make([]string, len(a.Hints))
		for i, h := range a.Hints {
			hints[i] = strconv.Itoa(h)
		}
		if err := cw.Write(cellSafe([]string{
			ex.Learner, "attempt", strconv.FormatInt(a.ID, 10), a.ScenarioID, a.ContentVersion, a.Mode,
			ts(a.StartedAt), ts(a.FinishedAt), string(a.Outcome), b(a.Outcome == Solved), "", string(a.Confidence),
			strconv.Itoa(a.AttemptNo), strconv.Itoa(passed), strconv.Itoa(len(a.Checks)), f(a.Score), lp,
			strconv.Itoa(a.Stars), strings.Join(hints, " "), b(a.Revealed), f(a.Duration.Seconds()),
			ratingName(a.Rating), strings.Join(a.Topics, " "), strings.Join(a.Tasks, " "), a.PackID,
			strconv.Itoa(a.PackVersion), ex.LearnerID, ex.IAMLabVersion, strconv.Itoa(ex.FormatVersion),
		})); err != nil {
			return err
		}
	}
	for _, a := range ex.Answers {
		outcome := "wrong"
		if a.Correct {
			outcome = "correct"
		}
		if err := cw.Write(cellSafe([]string{
			ex.Learner, "answer", strconv.FormatInt(a.ID, 10), a.ItemID, a.ContentVersion, string(a.Mode),
			ts(a.At.Add(-a.Duration)), ts(a.At), outcome, b(a.Correct), a.Chosen, string(a.Confidence),
			"", "", "", "", "", "", "", "", f(a.Duration.Seconds()),
			ratingName(a.Rating), strings.Join(a.Topics, " "), strings.Join(a.Tasks, " "), "",
			"", ex.LearnerID, ex.IAMLabVersion, strconv.Itoa(ex.FormatVersion),
		})); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("writing CSV: %w", err)
	}
	return nil
}

// cellSafe keeps a spreadsheet from reading a cell as a formula: a cell
// starting with =, +, -, @, tab or carriage return gets a leading
// apostrophe, which spreadsheets show as text and do not evaluate. Every
// cell is passed through: the learner's name, item ids and chosen answers
// all come from outside.
func cellSafe(row []string) []string {
	for i, c := range row {
		if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			row[i] = "'" + c
		}
	}
	return row
}

func ratingName(r Rating) string {
	if r == 0 {
		return ""
	}
	return strings.ToLower(r.String())
}
