package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/iamlab/iamlab/internal/classreport"
	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/progress/progressdb"
)

func exportSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	data, err := os.ReadFile("../../docs/export.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("export.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("export.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// seedVersioned records an attempt from a versioned pack and sets the
// learner's display name the way a learner does.
func seedVersioned(t *testing.T) string {
	t.Helper()
	path := seedProgress(t)
	s, err := progressdb.Open(path, progressdb.WithClock(progressFixedNow))
	if err != nil {
		t.Fatal(err)
	}
	lp := 0.5
	if _, err := s.RecordAttempt(context.Background(), progress.Attempt{ScenarioKey: progress.Key("acme", "incident-1"), PackVersion: 3,
		ContentVersion: "2", Mode: "learn", StartedAt: progressNow.Add(-20 * time.Minute), FinishedAt: progressNow.Add(-10 * time.Minute),
		Outcome: progress.Abandoned, LeastPrivilege: &lp, Confidence: progress.Guess, Policies: map[string]string{"p": "{}"},
		Checks: []progress.CheckResult{{Name: "deny", Want: "denied", Got: "allowed", Hidden: true}}}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	stdio, _, _ := progressIO("")
	if err := runProgressName(context.Background(), &ProgressNameOptions{DBPath: path}, []string{"Dana K."}, stdio); err != nil {
		t.Fatal(err)
	}
	return path
}

// A real export, with every optional part present, is valid against the
// published schema, and the schema rejects what the format forbids.
func TestExportMatchesItsSchema(t *testing.T) {
	sch := exportSchema(t)
	path := seedVersioned(t)
	stdio, out, _ := progressIO("")
	if err := runProgress(context.Background(), &ProgressOptions{DBPath: path, JSON: true, Exam: "SCS-C03", Now: progressFixedNow}, stdio); err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Fatalf("the export does not match docs/export.schema.json:\n%v\n%s", err, out)
	}
	var ex progress.Export
	if err := json.Unmarshal(out.Bytes(), &ex); err != nil {
		t.Fatal(err)
	}
	if ex.FormatVersion != progress.ExportFormat || ex.Learner != "Dana K." || len(ex.LearnerID) != 32 || ex.IAMLabVersion != exportVersion() {
		t.Fatalf("header: %+v", ex)
	}
	if a := ex.Attempts[2]; a.PackID != "acme" || a.PackVersion != 3 {
		t.Fatalf("pack of the attempt: %+v", a)
	}

	// The schema is not a rubber stamp: each of these breaks it.
	for name, mutate := range map[string]func(m map[string]any){
		"no learner id":     func(m map[string]any) { delete(m, "learner_id") },
		"future format":     func(m map[string]any) { m["format_version"] = 3 },
		"unknown outcome":   func(m map[string]any) { m["attempts"].([]any)[0].(map[string]any)["outcome"] = "won" },
		"negative pack ver": func(m map[string]any) { m["attempts"].([]any)[0].(map[string]any)["pack_version"] = -1 },
		"bad time":          func(m map[string]any) { m["exported_at"] = "yesterday" },
	} {
		var m map[string]any
		json.Unmarshal(out.Bytes(), &m)
		mutate(m)
		b, _ := json.Marshal(m)
		inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if sch.Validate(inst) == nil {
			t.Errorf("%s: the schema accepted it", name)
		}
	}
}

// The schema documents the CSV header too; it must be the one written, and
// the class report must read back what the export now carries.
func TestExportCSVColumnsAndClassReportAgree(t *testing.T) {
	data, err := os.ReadFile("../../docs/export.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Defs struct {
			CSV struct {
				Const []string `json:"const"`
			} `json:"csvColumns"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(s.Defs.CSV.Const, progress.CSVHeader) {
		t.Fatalf("schema csvColumns %v\nwritten header   %v", s.Defs.CSV.Const, progress.CSVHeader)
	}

	path := seedVersioned(t)
	for _, format := range []string{"json", "csv"} {
		stdio, out, _ := progressIO("")
		opts := &ProgressOptions{DBPath: path, JSON: format == "json", CSV: format == "csv", Exam: "SCS-C03", Now: progressFixedNow}
		if err := runProgress(context.Background(), opts, stdio); err != nil {
			t.Fatal(err)
		}
		if format == "csv" {
			rows, err := csv.NewReader(bytes.NewReader(out.Bytes())).ReadAll()
			if err != nil || len(rows[0]) != len(rows[1]) || len(rows[0]) != len(rows[len(rows)-1]) {
				t.Fatalf("ragged csv: %v %q", err, rows)
			}
		}
		l, err := classreport.Read(filepath.Join("x."+format), out.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		if l.Name != "Dana K." || len(l.ID) != 32 || l.Version != exportVersion() || l.Format != progress.ExportFormat {
			t.Fatalf("%s: learner read back as %+v", format, l)
		}
		var found bool
		for _, r := range l.Records {
			if r.ID == "incident-1" {
				found = r.Pack == "acme" && r.PackVersion == 3
			}
		}
		if !found {
			t.Fatalf("%s: pack version not read back: %+v", format, l.Records)
		}
	}
}

// The learner id is made once and survives a rename and a reset.
func TestLearnerIDIsStable(t *testing.T) {
	path := seedVersioned(t)
	id := func() string {
		stdio, out, _ := progressIO("")
		if err := runProgressName(context.Background(), &ProgressNameOptions{DBPath: path}, nil, stdio); err != nil {
			t.Fatal(err)
		}
		_, after, _ := strings.Cut(out.String(), "Learner id: ")
		return strings.TrimSpace(after)
	}
	first := id()
	if len(first) != 32 {
		t.Fatalf("id %q", first)
	}
	stdio, _, _ := progressIO("")
	if err := runProgressName(context.Background(), &ProgressNameOptions{DBPath: path}, []string{"Dana Kowalski"}, stdio); err != nil {
		t.Fatal(err)
	}
	if err := runProgressReset(context.Background(), &ProgressResetOptions{DBPath: path, All: true, Yes: true, Now: progressFixedNow}, stdio); err != nil {
		t.Fatal(err)
	}
	if got := id(); got != first {
		t.Fatalf("learner id changed from %s to %s", first, got)
	}
	for _, bad := range []string{"", "two\nlines", strings.Repeat("x", 81)} {
		if progressExitCode(runProgressName(context.Background(), &ProgressNameOptions{DBPath: path}, []string{bad}, stdio)) != 2 {
			t.Errorf("name %q accepted", bad)
		}
	}
}
