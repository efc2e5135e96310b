package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/curriculum"
)

func TestTopicsListsEveryTopic(t *testing.T) {
	code, out, errs := runCLI(t, "", "topics")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	for _, tp := range curriculum.Topics() {
		if !strings.Contains(out, "  "+tp.ID+" ") || !strings.Contains(out, tp.Title) {
			t.Errorf("topic %s missing", tp.ID)
		}
	}
	for _, want := range []string{
		"K. KMS in depth",
		"SAA-C03 1.3 · SCS-C02 5.4 · SCS-C03 4.2.1, 5.3", // kms-cross-account, exam by exam
		"77 topics",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

func TestTopicsFiltersAndSuggests(t *testing.T) {
	code, out, _ := runCLI(t, "", "topics", "--exam", "saa-c03", "--json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(curriculum.TopicsForExam("SAA-C03")) {
		t.Fatalf("%d topics for SAA-C03, want %d", len(lines), len(curriculum.TopicsForExam("SAA-C03")))
	}
	var first topicJSON
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil || first.ID != "implicit-deny" || first.Group != "A" {
		t.Fatalf("first line %s: %v", lines[0], err)
	}
	code, out, _ = runCLI(t, "", "topics", "imds-v2", "kms-grants")
	if code != 0 || !strings.Contains(out, "imds-v2") || !strings.Contains(out, "2 topics") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	code, _, errs := runCLI(t, "", "topics", "explicit-denial")
	if code != 2 || !strings.Contains(errs, "did you mean explicit-deny?") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	code, _, errs = runCLI(t, "", "topics", "--exam", "SCS-C04")
	if code != 2 || !strings.Contains(errs, "SCS-C03") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
}
