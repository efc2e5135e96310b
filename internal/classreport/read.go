// Package classreport reads many learners' progress exports (JSON and CSV,
// as `iamlab progress --json/--csv` writes them) and reports on the class:
// per learner, per scenario and per exam domain — completion, scores, stars,
// time spent, readiness — and the most common wrong answers with the
// misconception each shows. A file that cannot be read is reported with its
// error and the rest of the class is still reported.
package classreport

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Record is one attempt at a scenario or one answer to a quiz item, as an
// export holds it.
type Record struct {
	Kind        string // "attempt" or "answer"
	ID          string // scenario or item id
	Pack        string // pack id, when the export says
	PackVersion int
	Mode        string
	At          time.Time
	Outcome     string // attempts: solved, failed, abandoned; answers: correct, wrong
	Correct     bool
	Chosen      string // answers: the option ids chosen
	Score       float64
	Stars       int
	Hints       int
	Duration    time.Duration
	AttemptNo   int
	Tasks       []string
	Topics      []string
	FailedCheck []string // attempts: checks that did not pass
}

// Learner is one export.
type Learner struct {
	File      string
	Name      string
	ID        string // stable learner id, when the export carries one
	Version   string // iamlab version that wrote it, when known
	Format    int    // the export's format (schema) version
	Records   []Record
	Readiness map[int]float64 // predicted share per domain of the export's exam, when the export carries it
	Exam      string
}

// FileError is a file the report could not use, and why.
type FileError struct {
	File string
	Err  string
}

func (e FileError) Error() string { return e.File + ": " + e.Err }

// Read reads one export, JSON or CSV, recognised by its first character.
func Read(file string, data []byte) (*Learner, error) {
	t := bytes.TrimLeft(data, " \t\r\n\ufeff")
	if len(t) == 0 {
		return nil, fmt.Errorf("the file is empty; expected the output of iamlab progress --json or --csv")
	}
	if t[0] == '{' {
		return readJSON(file, t)
	}
	return readCSV(file, t)
}

type jsonExport struct {
	Learner       string    `json:"learner"`
	LearnerID     string    `json:"learner_id"`
	IAMLabVersion string    `json:"iamlab_version"`
	ExportedAt    time.Time `json:"exported_at"`
	SchemaVersion int       `json:"schema_version"`
	FormatVersion int       `json:"format_version"`
	Readiness     *struct {
		Exam    string `json:"exam"`
		Domains []struct {
			Number       int     `json:"number"`
			Predicted    float64 `json:"predicted"`
			Observations int     `json:"observations"`
		} `json:"domains"`
	} `json:"readiness"`
	Attempts []struct {
		ScenarioID  string  `json:"scenario_id"`
		PackID      string  `json:"pack_id"`
		PackVersion int     `json:"pack_version"`
		Mode        string  `json:"mode"`
		FinishedAt  string  `json:"finished_at"`
		Outcome     string  `json:"outcome"`
		Score       float64 `json:"score"`
		Stars       int     `json:"stars"`
		Hints       []int   `json:"hints"`
		DurationNS  int64   `json:"duration_ns"`
		AttemptNo   int     `json:"attempt_no"`
		Topics      []string
		Tasks       []string
		Checks      []struct {
			Name   string `json:"name"`
			Passed bool   `json:"passed"`
		} `json:"checks"`
	} `json:"attempts"`
	Answers []struct {
		ItemID     string   `json:"item_id"`
		At         string   `json:"at"`
		Chosen     string   `json:"chosen"`
		Correct    bool     `json:"correct"`
		DurationNS int64    `json:"duration_ns"`
		Mode       string   `json:"mode"`
		Topics     []string `json:"topics"`
		Tasks      []string `json:"tasks"`
	} `json:"answers"`
}

func readJSON(file string, data []byte) (*Learner, error) {
	var ex jsonExport
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&ex); err != nil {
		return nil, fmt.Errorf("%s; expected the JSON of iamlab progress --json", jsonErr(data, err))
	}
	if ex.Attempts == nil && ex.Answers == nil && ex.Learner == "" {
		return nil, fmt.Errorf("no learner, attempts or answers: not an iamlab progress export")
	}
	l := &Learner{File: file, Name: ex.Learner, ID: ex.LearnerID, Version: ex.IAMLabVersion, Format: max(ex.FormatVersion, 1)}
	for _, a := range ex.Attempts {
		r := Record{Kind: "attempt", ID: a.ScenarioID, Pack: a.PackID, PackVersion: a.PackVersion, Mode: a.Mode, Outcome: a.Outcome,
			Correct: a.Outcome == "solved", Score: a.Score, Stars: a.Stars, Hints: len(a.Hints), Duration: time.Duration(a.DurationNS),
			AttemptNo: a.AttemptNo, Tasks: a.Tasks, Topics: a.Topics}
		r.At, _ = time.Parse(time.RFC3339Nano, a.FinishedAt)
		for _, c := range a.Checks {
			if !c.Passed {
				r.FailedCheck = append(r.FailedCheck, c.Name)
			}
		}
		l.Records = append(l.Records, r)
	}
	for _, a := range ex.Answers {
		r := Record{Kind: "answer", ID: a.ItemID, Mode: a.Mode, Correct: a.Correct, Chosen: a.Chosen, Duration: time.Duration(a.DurationNS), Tasks: a.Tasks, Topics: a.Topics}
		r.Outcome = "wrong"
		if a.Correct {
			r.Outcome = "correct"
		}
		r.At, _ = time.Parse(time.RFC3339Nano, a.At)
		l.Records = append(l.Records, r)
	}
	if ex.Readiness != nil {
		l.Exam = ex.Readiness.Exam
		l.Readiness = map[int]float64{}
		for _, d := range ex.Readiness.Domains {
			if d.Observations > 0 {
				l.Readiness[d.Number] = d.Predicted
			}
		}
	}
	return l, nil
}

// jsonErr positions a decoding error at its line and column.
func jsonErr(data []byte, err error) string {
	off := int64(-1)
	switch e := err.(type) {
	case *json.SyntaxError:
		off = e.Offset
	case *json.UnmarshalTypeError:
		off = e.Offset
	}
	if off < 0 {
		return err.Error()
	}
	line, col := 1, 1
	for i := int64(0); i < off && i < int64(len(data)); i++ {
		if data[i] == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return fmt.Sprintf("%d:%d: %v", line, col, err)
}

// csvColumns are the columns the report needs; the others are ignored, so
// exports from newer versions with more columns still read.
var csvColumns = []string{"learner", "kind", "item_id", "mode", "finished_at", "outcome", "correct", "chosen", "attempt_no", "score", "stars", "hints", "duration_s", "topics", "tasks"}

func readCSV(file string, data []byte) (*Learner, error) {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("1:1: %v; expected the CSV of iamlab progress --csv", err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimSpace(h)] = i
	}
	for _, c := range csvColumns {
		if _, ok := col[c]; !ok {
			return nil, fmt.Errorf("1:1: the header has no %q column; expected the CSV of iamlab progress --csv (columns %s)", c, strings.Join(csvColumns, ", "))
		}
	}
	// Exports from before the format had a number are format 1.
	l := &Learner{File: file, Format: 1}
	get := func(row []string, name string) string {
		i, ok := col[name]
		if !ok || i >= len(row) {
			return ""
		}
		return unformula(row[i])
	}
	line := 1
	for {
		row, err := cr.Read()
		if err == io.EOF {
			break
		}
		line++
		if err != nil {
			return nil, fmt.Errorf("%d: %v", line, err)
		}
		if l.Name == "" {
			l.Name = get(row, "learner")
		}
		if v := get(row, "learner_id"); v != "" {
			l.ID = v
		}
		if v := get(row, "iamlab_version"); v != "" {
			l.Version = v
		}
		if v, err := strconv.Atoi(get(row, "format_version")); err == nil {
			l.Format = v
		}
		r := Record{Kind: get(row, "kind"), ID: get(row, "item_id"), Pack: get(row, "pack_id"), Mode: get(row, "mode"), Outcome: get(row, "outcome"), Chosen: get(row, "chosen")}
		if r.Kind != "attempt" && r.Kind != "answer" {
			return nil, fmt.Errorf("%d:%d: kind %q; expected attempt or answer", line, col["kind"]+1, r.Kind)
		}
		r.Correct = get(row, "correct") == "true"
		r.At, _ = time.Parse(time.RFC3339, get(row, "finished_at"))
		r.Score, _ = strconv.ParseFloat(get(row, "score"), 64)
		r.Stars, _ = strconv.Atoi(get(row, "stars"))
		r.AttemptNo, _ = strconv.Atoi(get(row, "attempt_no"))
		r.PackVersion, _ = strconv.Atoi(get(row, "pack_version"))
		r.Hints = len(strings.Fields(get(row, "hints")))
		if s, err := strconv.ParseFloat(get(row, "duration_s"), 64); err == nil {
			r.Duration = time.Duration(s * float64(time.Second))
		}
		r.Topics, r.Tasks = strings.Fields(get(row, "topics")), strings.Fields(get(row, "tasks"))
		l.Records = append(l.Records, r)
	}
	return l, nil
}

// unformula undoes the quote the CSV export puts before a cell that a
// spreadsheet would otherwise run as a formula.
func unformula(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		return s[1:]
	}
	return s
}
