package quiz

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/iamlab/iamlab/content"
	"github.com/iamlab/iamlab/internal/diag"
)

// bankOf loads a bank from files given as name → YAML text.
func bankOf(t testing.TB, files map[string]string) (*Bank, []diag.Diagnostic) {
	t.Helper()
	m := fstest.MapFS{}
	for name, text := range files {
		m["quiz/"+name] = &fstest.MapFile{Data: []byte(text)}
	}
	return LoadBank(m, "quiz")
}

// examplesBank is the reference items of content/quiz/examples.yaml alone,
// so tests do not depend on the rest of the bank being authored.
func examplesBank(t testing.TB) *Bank {
	t.Helper()
	src, err := fs.ReadFile(content.FS, "quiz/examples.yaml")
	if err != nil {
		t.Fatal(err)
	}
	b, probs := bankOf(t, map[string]string{"examples.yaml": string(src)})
	if len(probs) > 0 {
		t.Fatalf("examples.yaml: %v", probs)
	}
	return b
}

// item is a valid single-answer item with the given id and topic; extra
// YAML lines are appended (indented as item fields).
func item(id, topic string, extra ...string) string {
	s := "- id: " + id + `
  type: single
  stem: Which policy type can grant access on its own?
  options:
    - text: An identity-based policy
      correct: true
      why: Its Allow grants permissions to the principal.
    - text: A service control policy
      why: SCPs only limit.
    - text: A permissions boundary
      why: Boundaries only cap.
  exam: [SAA-C03 1.1]
  topics: [` + topic + `]
  difficulty: 1
  explanation: Only Allow statements in identity or resource policies grant.
`
	for _, e := range extra {
		s += "  " + e + "\n"
	}
	return s
}

func mustFind(t *testing.T, fs []diag.Diagnostic, code, frag string, line int) diag.Diagnostic {
	t.Helper()
	for _, f := range fs {
		if f.Code == code && strings.Contains(f.Message, frag) && (line == 0 || f.Line == line) {
			return f
		}
	}
	t.Fatalf("no %s finding mentioning %q at line %d in:\n%s", code, frag, line, joinFindings(fs))
	return diag.Diagnostic{}
}

func joinFindings(fs []diag.Diagnostic) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.String() + " [" + f.Code + "]\n")
	}
	return b.String()
}
