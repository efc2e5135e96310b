package lessons

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// lessonFile is a lesson with every front matter field; exam is fixed.
func lessonFile(id, title, topics, scenarios, body string) *fstest.MapFile {
	front := fmt.Sprintf("id: %s\ntitle: %q\ntopics: [%s]\nexam: [\"SAA-C03 1.1\"]\nscenarios: [%s]", id, title, topics, scenarios)
	return &fstest.MapFile{Data: []byte("---\n" + front + "\n---\n\n" + body)}
}

func testFS() fstest.MapFS {
	return fstest.MapFS{
		"README.md":      {Data: []byte("# not a lesson")},
		"deny.md":        lessonFile("explicit-deny-wins", "Explicit deny wins", "explicit-deny", "two-groups-one-bucket, scp-vs-boundary", "# Deny\n\nAn explicit deny wins.\n"),
		"mfa.md":         lessonFile("mfa-basics", "MFA in policies", "mfa-ifexists", "", "# MFA\n\nUse BoolIfExists.\n"),
		"general.md":     lessonFile("users-groups-roles", "Users, groups and roles", "", "", "# Who is who\n\nText.\n"),
		"_draft.md":      lessonFile("draft", "Draft", "", "", "x"),
		"sub/broken.md":  {Data: []byte("---\nid: broken\n")},
		"sub/boundar.md": lessonFile("boundaries", "Boundaries cap", "permissions-boundary", "", "# Caps\n"),
	}
}

func TestLoad(t *testing.T) {
	ls, errs := Load(testFS())
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "sub/broken.md") {
		t.Fatalf("errors %v", errs)
	}
	var ids []string
	for _, l := range ls {
		ids = append(ids, l.ID)
	}
	if strings.Join(ids, " ") != "boundaries explicit-deny-wins mfa-basics users-groups-roles" {
		t.Fatalf("lessons %v", ids)
	}
	if ls[1].Scenarios[1] != "scp-vs-boundary" || !strings.HasPrefix(ls[1].Body, "\n# Deny") || ls[1].Group().Letter != "A" {
		t.Fatalf("lesson %+v", ls[1])
	}
	if g := ls[3].Group(); g.Letter != "" || g.Title != "Core concepts" {
		t.Fatalf("general lesson group %+v", g)
	}
}

// The trainer shows a lesson without front matter as its body alone, named
// after its file; Check reports it (TestCheckLessons).
func TestLoadIsLenient(t *testing.T) {
	ls, errs := Load(fstest.MapFS{
		"plain.md": {Data: []byte("# Just text\r\n")},
		"extra.md": {Data: []byte("---\nid: extra\ntitle: Extra\ncolour: red\n---\nbody")},
	})
	if len(errs) != 0 || len(ls) != 2 {
		t.Fatalf("lessons %+v, errors %v", ls, errs)
	}
	if ls[1].ID != "plain" || ls[1].Title != "plain" || ls[1].Body != "# Just text\n" {
		t.Errorf("plain lesson %+v", ls[1])
	}
	if ls[0].ID != "extra" || ls[0].Body != "body" {
		t.Errorf("lesson with an unknown field %+v", ls[0])
	}
}

func TestTopicCountsAndBuiltin(t *testing.T) {
	n := TopicCounts(testFS())
	if n["explicit-deny"] != 1 || n["permissions-boundary"] != 1 || len(n) != 3 {
		t.Errorf("counts %v", n)
	}
	ls, errs := Builtin()
	if len(errs) != 0 || len(ls) == 0 || len(ls) != len(BuiltinFiles()) {
		t.Fatalf("built-in lessons: %d loaded of %d files, errors %v", len(ls), len(BuiltinFiles()), errs)
	}
	if len(BuiltinTopicCounts()) == 0 {
		t.Error("the built-in lessons teach no topic")
	}
}
