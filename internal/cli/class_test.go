package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/progress/progressdb"
)

// exportLearner records a learner's work in a real store and writes the
// export the way `iamlab progress --json/--csv` does.
func exportLearner(t *testing.T, dir, name string, csv bool, solved bool, wrongItem string) string {
	t.Helper()
	ctx := context.Background()
	s, err := progressdb.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	at := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	outcome := progress.Failed
	checks := []progress.CheckResult{{Name: "omar lists the catalog bucket", Want: "allowed", Got: "implicitDeny"}}
	if solved {
		outcome = progress.Solved
		checks[0].Passed, checks[0].Got = true, "allowed"
	}
	if _, err := s.RecordAttempt(ctx, progress.Attempt{ScenarioKey: progress.Key("foundations", "list-needs-the-bucket"), StartedAt: at, FinishedAt: at.Add(6 * time.Minute),
		Outcome: outcome, Checks: checks, Score: 90, Stars: 2, Duration: 6 * time.Minute, Tasks: []string{"SCS-C03:4.2.3"}, Topics: []string{"least-privilege"}}); err != nil {
		t.Fatal(err)
	}
	if wrongItem != "" {
		if _, err := s.RecordAnswer(ctx, progress.Answer{ItemID: wrongItem, At: at.Add(time.Hour), Chosen: "a", Correct: false, Mode: progress.Practice,
			Duration: 40 * time.Second, Tasks: []string{"SCS-C03:4.2.1"}, Topics: []string{"explicit-deny"}}); err != nil {
			t.Fatal(err)
		}
	}
	ex, err := s.Export(ctx, name, at.Add(2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	ex.IAMLabVersion = exportVersion() // as runProgress does
	var buf bytes.Buffer
	ext := ".json"
	if csv {
		ext = ".csv"
		err = ex.WriteCSV(&buf)
	} else {
		err = ex.WriteJSON(&buf)
	}
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name+ext)
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestClassReportMixesJSONAndCSVAndKeepsGoingPastABadFile(t *testing.T) {
	dir := t.TempDir()
	exportLearner(t, dir, "ana", false, true, "new-user-can-do-nothing")
	exportLearner(t, dir, "ben", true, false, "new-user-can-do-nothing")
	exportLearner(t, dir, "cleo", false, false, "")
	os.WriteFile(filepath.Join(dir, "broken.json"), []byte(`{"learner": "x", "attempts": [`), 0o644)
	stdio, out, errb := lintIO("")
	code := Main(context.Background(), []string{"class", "report", "--format", "json", dir}, stdio)
	if code != 1 {
		t.Fatalf("exit %d (want 1: one file unreadable): %s", code, errb)
	}
	if !strings.Contains(errb.String(), "broken.json") {
		t.Errorf("stderr lacks the bad file: %s", errb)
	}
	var rep struct {
		Learners []struct {
			Name   string
			Solved int `json:"scenarios_solved"`
		}
		Scenarios []struct {
			ID            string
			Learners      int
			Solved        int
			CommonFailure string `json:"common_failure"`
		}
		Mistakes []struct {
			Kind, ID      string
			Learners      int
			Misconception string
		}
		Errors []struct{ File string }
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err, out.String())
	}
	if len(rep.Learners) != 3 || len(rep.Errors) != 1 {
		t.Fatalf("%+v", rep)
	}
	if len(rep.Scenarios) != 1 || rep.Scenarios[0].Learners != 3 || rep.Scenarios[0].Solved != 1 || rep.Scenarios[0].CommonFailure != "omar lists the catalog bucket" {
		t.Errorf("scenarios %+v", rep.Scenarios)
	}
	if len(rep.Mistakes) == 0 || rep.Mistakes[0].Learners != 2 || rep.Mistakes[0].ID != "new-user-can-do-nothing" || rep.Mistakes[0].Misconception == "" {
		t.Errorf("mistakes %+v", rep.Mistakes)
	}
}

func TestClassReportFormats(t *testing.T) {
	dir := t.TempDir()
	exportLearner(t, dir, "ana", false, true, "")
	exportLearner(t, dir, "ben", true, false, "")
	for format, want := range map[string]string{
		"text":     "Class report — 2 learner(s)",
		"markdown": "| learner | solved |",
		"html":     "<svg role=\"img\" aria-label=\"readiness heat map",
	} {
		stdio, out, errb := lintIO("")
		if code := Main(context.Background(), []string{"class", "report", "--format", format, dir}, stdio); code != 0 {
			t.Fatalf("%s: exit %d: %s", format, code, errb)
		}
		if !strings.Contains(out.String(), want) {
			t.Errorf("%s: no %q in\n%s", format, want, out)
		}
		if format == "html" && (strings.Contains(out.String(), "<script") || strings.Contains(out.String(), "http")) {
			t.Errorf("the page must be self-contained")
		}
	}
	stdio, _, errb := lintIO("")
	if code := Main(context.Background(), []string{"class", "report", filepath.Join(dir, "missing.json")}, stdio); code != 2 || !strings.Contains(errb.String(), "no export could be read") {
		t.Errorf("exit %d: %s", code, errb)
	}
}
