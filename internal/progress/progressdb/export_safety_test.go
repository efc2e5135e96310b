package progressdb

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/iamlab/iamlab/internal/progress"
)

// A spreadsheet treats a cell starting with =, +, -, @ (or a tab or carriage
// return before one) as a formula; an export opened by an instructor must
// show the learner's text, never run it.
func TestCSVNeutralisesFormulaCells(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	mustRecord(t, s, solvedAttempt("two-groups", t0, "explicit-deny"))
	if _, err := s.RecordAnswer(ctx, progress.Answer{ItemID: "@SUM(A1)", At: t0.Add(time.Minute), Chosen: "+1", ContentVersion: "-2",
		Mode: progress.Practice, Topics: []string{"notaction"}}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{`=HYPERLINK("http://evil.example","x")`, "+cmd", "-2+3", "@SUM(1)", "\t=1", "\r=1", "plain"} {
		ex, err := s.Export(ctx, name, t0)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := ex.WriteCSV(&buf); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows[1:] {
			for i, cell := range row {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					t.Errorf("learner %q: column %s is %q, which a spreadsheet runs as a formula", name, progress.CSVHeader[i], cell)
				}
			}
			if name == "plain" && row[0] != "plain" {
				t.Errorf("plain text changed: %q", row[0])
			}
			if name != "plain" && !strings.HasSuffix(row[0], name) {
				t.Errorf("learner %q became %q: the text must stay readable", name, row[0])
			}
		}
	}
}

// An export with nothing in a list says [] rather than null, so a consumer
// iterating over it needs no special case.
func TestExportEmptyListsAreArrays(t *testing.T) {
	s, _ := openTemp(t)
	a := solvedAttempt("two-groups", t0)
	a.Checks, a.Topics, a.Tasks, a.Hints = nil, nil, nil, nil
	mustRecord(t, s, a)
	ex, err := s.Export(context.Background(), "", t0)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := ex.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "null") {
		t.Fatalf("export holds null:\n%s", buf.String())
	}
	empty, _ := OpenMemory()
	defer empty.Close()
	ex, _ = empty.Export(context.Background(), "", t0)
	buf.Reset()
	ex.WriteJSON(&buf)
	if !strings.Contains(buf.String(), `"answers": []`) || !strings.Contains(buf.String(), `"attempts": []`) {
		t.Fatalf("empty export:\n%s", buf.String())
	}
}
