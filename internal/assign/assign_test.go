package assign

import (
	"strings"
	"testing"
	"time"
)

type lib map[string][]string // scenario id → packs

func (l lib) PacksOf(id string) []string { return l[id] }
func (l lib) IDs() []string {
	var out []string
	for id := range l {
		out = append(out, id)
	}
	return out
}

var testLib = lib{
	"scp-scope":             {"accounts"},
	"list-needs-the-bucket": {"foundations"},
	"shared":                {"core", "mine"},
}

func TestParseAnAssignment(t *testing.T) {
	src := `title: "Week 3: guardrails"
due: 2026-12-15
scenarios:
  - scp-scope
  - scenario: foundations/list-needs-the-bucket
    due: 2026-12-10
  - mine/shared
`
	f, probs := Parse("week3.yaml", []byte(src), testLib, time.UTC)
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	want := []Item{
		{Pack: "accounts", ID: "scp-scope", Due: time.Date(2026, 12, 15, 0, 0, 0, 0, time.UTC)},
		{Pack: "foundations", ID: "list-needs-the-bucket", Due: time.Date(2026, 12, 10, 0, 0, 0, 0, time.UTC)},
		{Pack: "mine", ID: "shared", Due: time.Date(2026, 12, 15, 0, 0, 0, 0, time.UTC)},
	}
	if f.Title != "Week 3: guardrails" || len(f.Items) != len(want) {
		t.Fatalf("%+v", f)
	}
	for i := range want {
		if f.Items[i] != want[i] {
			t.Errorf("item %d: %+v, want %+v", i, f.Items[i], want[i])
		}
	}
}

// Each mistake is reported where it was written, and the good entries are
// still assigned.
func TestAssignmentProblemsArePositioned(t *testing.T) {
	src := `title: Week 4
scenarios:
  - scp-scop
  - scenario: core/list-needs-the-bucket
  - shared
  - scenario: scp-scope
    due: next friday
  - list-needs-the-bucket
  - foundations/list-needs-the-bucket
`
	f, probs := Parse("w4.yaml", []byte(src), testLib, time.UTC)
	var got []string
	for _, p := range probs {
		got = append(got, p.Error())
	}
	want := []string{
		`w4.yaml:3:5: no pack has a scenario "scp-scop"; did you mean "scp-scope"?`,
		`w4.yaml:4:15: pack "core" has no scenario "list-needs-the-bucket"; it is in "foundations"`,
		`w4.yaml:5:5: scenario "shared" is in more than one pack ("core", "mine"); write pack/id`,
		`w4.yaml:7:10: due "next friday" is not a date; expected YYYY-MM-DD, e.g. due: 2026-12-10`,
		`w4.yaml:9:5: foundations/list-needs-the-bucket is assigned twice; keep one entry`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(f.Items) != 1 || f.Items[0].ID != "list-needs-the-bucket" {
		t.Fatalf("items: %+v", f.Items)
	}

	for src, want := range map[string]string{
		"title: x\nscenarioz: [a]\n":  `x.yaml:2:1: unknown field "scenarioz"`,
		"title: x\nscenarios: [\n":    "x.yaml:2:",
		"scenarios: [scp-scope]\n":    "x.yaml:1:1: the assignment has no title",
		"title: x\n":                  "x.yaml:1:1: no scenarios are assigned",
		"title: x\nscenarios: [{}]\n": "x.yaml:2:13: the entry names no scenario",
	} {
		_, probs := Parse("x.yaml", []byte(src), testLib, time.UTC)
		if len(probs) == 0 || !strings.HasPrefix(probs[0].Error(), want) {
			t.Errorf("%q: got %v, want %s…", src, probs, want)
		}
	}
}

func TestStatusAndLabel(t *testing.T) {
	loc := time.FixedZone("X", 3600)
	due := Item{Due: time.Date(2026, 12, 10, 0, 0, 0, 0, loc)}
	for _, c := range []struct {
		now    time.Time
		solved bool
		want   string
	}{
		{time.Date(2026, 12, 7, 23, 0, 0, 0, loc), false, "due in 3 days"},
		{time.Date(2026, 12, 9, 8, 0, 0, 0, loc), false, "due tomorrow"},
		{time.Date(2026, 12, 10, 23, 59, 0, 0, loc), false, "due today"},
		{time.Date(2026, 12, 11, 0, 1, 0, 0, loc), false, "overdue 1 day"},
		{time.Date(2026, 12, 20, 0, 0, 0, 0, loc), false, "overdue 10 days"},
		{time.Date(2026, 12, 20, 0, 0, 0, 0, loc), true, "done"},
	} {
		if got := Label(Status(due, c.solved, c.now)); got != c.want {
			t.Errorf("%v solved=%v: %q, want %q", c.now, c.solved, got, c.want)
		}
	}
	if got := Label(Status(Item{}, false, time.Now())); got != "" {
		t.Errorf("no date: %q", got)
	}
}
