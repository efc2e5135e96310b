package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Learner ids keep a class straight: two learners with one name are two
// rows told apart, one learner handed in twice is one row (the newer
// export), and pages show the id and version each export came from.
func TestClassReportUsesLearnerIDs(t *testing.T) {
	dir := t.TempDir()
	a1 := exportLearner(t, dir, "Alex", false, true, "quiz-x")
	exportLearner(t, dir, "Alex", true, false, "")
	// The first Alex handed in an earlier export too: same id, fewer records,
	// and an older iamlab.
	var m map[string]any
	data, _ := os.ReadFile(a1)
	json.Unmarshal(data, &m)
	m["answers"] = []any{}
	m["iamlab_version"] = "0.0.9"
	old, _ := json.Marshal(m)
	os.WriteFile(filepath.Join(dir, "alex-monday.json"), old, 0o644)
	id := m["learner_id"].(string)

	stdio, out, errb := lintIO("")
	if code := Main(context.Background(), []string{"class", "report", "--format", "markdown", dir}, stdio); code != 0 {
		t.Fatalf("exit %d: %s", code, errb)
	}
	md := out.String()
	if strings.Count(md, "| Alex #") != 2 {
		t.Errorf("two learners named Alex are not told apart:\n%s", md)
	}
	if !strings.Contains(md, "| Alex #"+id[:6]) || !strings.Contains(md, "| learner id | iamlab |") || !strings.Contains(md, "| "+exportVersion()+" |") {
		t.Errorf("no learner id and version columns:\n%s", md)
	}
	if !strings.Contains(md, "alex-monday.json") || !strings.Contains(md, "older export of the same learner") {
		t.Errorf("the older export is not listed as left out:\n%s", md)
	}
	if strings.Contains(md, "0.0.9") {
		t.Errorf("the older export was counted:\n%s", md)
	}

	stdio, out, errb = lintIO("")
	if code := Main(context.Background(), []string{"class", "report", "--format", "json", dir}, stdio); code != 0 {
		t.Fatalf("exit %d: %s", code, errb)
	}
	var rep struct {
		Learners []struct{ ID, Name string }
	}
	json.Unmarshal(out.Bytes(), &rep)
	if len(rep.Learners) != 2 || rep.Learners[0].ID == rep.Learners[1].ID || len(rep.Learners[0].ID) != 32 {
		t.Errorf("learners: %+v", rep.Learners)
	}
}
