package lessons

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/iamlab/iamlab/internal/diag"
)

func TestCheck(t *testing.T) {
	good := "---\nid: evaluation-logic\ntitle: How AWS decides\ntopics: [explicit-deny]\nexam: [\"SAA-C03 1.1\"]\nscenarios: [deny-wins]\n---\n\n# Body\n\nSee [the other](other.md) and [AWS](https://docs.aws.amazon.com/).\n"
	fsys := fstest.MapFS{
		"README.md":  {Data: []byte("# not a lesson")},
		"good.md":    {Data: []byte(good)},
		"other.md":   {Data: []byte("---\nid: other\ntitle: Other\ntopics: []\nexam: [SCS-C03 4.2.3]\nscenarios: []\n---\nok\n")},
		"retired.md": {Data: []byte("---\nid: retired\ntitle: Retired\ntopics: []\nexam: [SCS-C02 4.2]\nscenarios: []\n---\nok\n")},
		"zdup.md":    {Data: []byte("---\nid: other\ntitle: Dup\n---\n")},
		"bad.md":     {Data: []byte("---\nid: Bad Id\ntitle: \"\"\ntopics: [boundary]\nexam: [SAA-C03 9.9]\nscenarios: [deny-win]\n---\n\nA [dead link](missing.md).\n")},
		"nofront.md": {Data: []byte("# just text\n")},
		"typo.md":    {Data: []byte("---\nid: typo\ntitel: x\n---\n")},
	}
	fs := Check(fsys, []string{"deny-wins"})
	for _, f := range fs {
		if f.File == "good.md" || f.File == "other.md" {
			t.Errorf("clean lesson flagged: %s", f)
		}
	}
	mustFind(t, fs, CodeDuplicateID, `"other" is also used by`, 2)
	mustFind(t, fs, CodeBadValue, "not kebab-case", 2)
	mustFind(t, fs, CodeMissing, "no title", 3)
	mustFind(t, fs, CodeBadTopic, "permissions-boundary", 4)
	mustFind(t, fs, CodeBadTask, "SAA-C03", 5)
	mustFind(t, fs, CodeUnknownRef, `did you mean "deny-wins"`, 6)
	mustFind(t, fs, CodeUnknownRef, `"missing.md" does not exist`, 9)
	mustFind(t, fs, CodeMissing, "no front matter", 1)
	mustFind(t, fs, CodeUnknownField, `did you mean "title"`, 3)
	mustFind(t, fs, CodeUntagged, "no task on a current exam", 5)

	// nil scenario ids: the scenario check is skipped.
	for _, f := range Check(fsys, nil) {
		if f.File == "bad.md" && f.Code == CodeUnknownRef && f.Line == 6 {
			t.Fatal("scenario check must be skipped without ids")
		}
	}
}

func TestCheckBuiltin(t *testing.T) {
	for _, f := range CheckBuiltin(nil) {
		if f.File == "" || f.File[:16] != "content/lessons/" {
			t.Errorf("finding outside content/lessons: %s", f)
		}
	}
}

func mustFind(t *testing.T, fs []diag.Diagnostic, code, frag string, line int) diag.Diagnostic {
	t.Helper()
	for _, f := range fs {
		if f.Code == code && strings.Contains(f.Message, frag) && (line == 0 || f.Line == line) {
			return f
		}
	}
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.String() + " [" + f.Code + "]\n")
	}
	t.Fatalf("no %s finding mentioning %q at line %d in:\n%s", code, frag, line, b.String())
	return diag.Diagnostic{}
}
