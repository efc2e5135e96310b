package curriculum

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The committed page is what the tables render: a change to a table without
// `go generate ./internal/curriculum` fails here.
func TestCurriculumPageIsCurrent(t *testing.T) {
	got, err := os.ReadFile(filepath.Join("..", "..", DocPath))
	if err != nil {
		t.Fatalf("%v; run go generate ./internal/curriculum", err)
	}
	if string(got) != Markdown() {
		t.Fatalf("%s is stale or hand-edited; run go generate ./internal/curriculum", DocPath)
	}
}

func TestCurriculumPageListsEverything(t *testing.T) {
	page := Markdown()
	for _, tp := range Topics() {
		if !strings.Contains(page, "`"+tp.ID+"`") {
			t.Errorf("topic %s missing from the page", tp.ID)
		}
	}
	for _, tk := range AllTasks() {
		if !strings.Contains(page, "| "+tk.Code+" | "+tk.Title+" |") {
			t.Errorf("statement %s missing from the page", tk.ID)
		}
	}
	for _, want := range []string{
		"### Domain 3: Infrastructure Security (18%)",
		"| **4.1** | **Design, implement, and troubleshoot authentication strategies** (task statement) | | |",
		"the official page https://docs.aws.amazon.com/aws-certification/latest/security-specialty-03/security-specialty-03-domain4.html",
		"iamlab's material covers the IAM-bearing skills of all six domains of SCS-C03.",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}
