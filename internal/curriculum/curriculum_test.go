package curriculum

import (
	"math"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestExamWeightsSumToOne(t *testing.T) {
	for _, e := range Exams() {
		sum := 0.0
		for _, d := range e.Domains {
			sum += d.Weight
		}
		if math.Abs(sum-1) > 1e-9 {
			t.Errorf("%s: domain weights sum to %v, want 1", e.ID, sum)
		}
	}
}

func TestExamFacts(t *testing.T) {
	cases := []struct {
		id              string
		items, min, pas int
		d4              float64
	}{
		{"SAA-C03", 65, 130, 720, 0.20},
		{"SCS-C02", 65, 170, 750, 0.16},
		{"SCS-C03", 65, 170, 750, 0.20},
	}
	for _, c := range cases {
		e, err := ExamByID(strings.ToLower(c.id))
		if err != nil {
			t.Fatal(err)
		}
		d4, _ := e.Domain(4)
		if e.Items != c.items || e.Minutes != c.min || e.PassMark != c.pas || d4.Weight != c.d4 {
			t.Errorf("%s: got %d items, %d min, pass %d, D4 %v", c.id, e.Items, e.Minutes, e.PassMark, d4.Weight)
		}
	}
	c02, _ := ExamByID("SCS-C02")
	c03, _ := ExamByID("SCS-C03")
	if c02.Current(time.Date(2025, 12, 1, 12, 0, 0, 0, time.UTC)) || !c02.Current(time.Date(2025, 11, 30, 0, 0, 0, 0, time.UTC)) {
		t.Error("SCS-C02 must be bookable until 30 Nov 2025 and retired from 1 Dec 2025")
	}
	if c03.Current(time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)) || !c03.Current(time.Date(2025, 12, 2, 0, 0, 0, 0, time.UTC)) {
		t.Error("SCS-C03 must be current from 2 Dec 2025")
	}
	if _, err := ExamByID("DVA-C02"); err == nil || !strings.Contains(err.Error(), "SCS-C03") {
		t.Errorf("unknown exam error should list the known ones, got %v", err)
	}
}

func TestTopicsTable(t *testing.T) {
	all := Topics()
	if len(all) != 77 {
		t.Fatalf("got %d topics, want 77", len(all))
	}
	kebab := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	seen := map[string]bool{}
	for i, tp := range all {
		if tp.Number != i+1 {
			t.Errorf("%s: number %d at position %d", tp.ID, tp.Number, i+1)
		}
		if !kebab.MatchString(tp.ID) || seen[tp.ID] {
			t.Errorf("topic ID %q is not unique kebab-case", tp.ID)
		}
		seen[tp.ID] = true
		if tp.Group.Title == "" || tp.Title == "" || len(tp.TaskIDs) == 0 {
			t.Errorf("%s: incomplete row %+v", tp.ID, tp)
		}
		switch tp.Tier {
		case Foundation, Intermediate, Advanced:
		default:
			t.Errorf("%s: tier %q", tp.ID, tp.Tier)
		}
		for _, id := range tp.TaskIDs {
			if _, ok := TaskByID(id); !ok {
				t.Errorf("%s maps to unknown task %q", tp.ID, id)
			}
		}
	}
	if len(Groups()) != 17 {
		t.Errorf("want 17 groups, got %d", len(Groups()))
	}
}

// Every IAM-bearing task is served by some topic, so coverage can reach
// 100%; a topic never maps to a history-only statement.
func TestEveryTaskHasATopic(t *testing.T) {
	served := map[string]bool{}
	for _, tp := range Topics() {
		for _, id := range tp.TaskIDs {
			served[id] = true
			if tk, _ := TaskByID(id); tk.History {
				t.Errorf("topic %s maps to %s, kept for history only", tp.ID, id)
			}
		}
	}
	for _, tk := range Tasks() {
		if !served[tk.ID] {
			t.Errorf("task %s is served by no topic", tk.ID)
		}
	}
	for _, tk := range AllTasks() {
		if _, ok := mustExam(t, tk.Exam).Domain(tk.Domain); !ok {
			t.Errorf("task %s has domain %d, which its exam lacks", tk.ID, tk.Domain)
		}
		if !strings.HasPrefix(tk.Source, "https://docs.aws.amazon.com/aws-certification/") {
			t.Errorf("task %s cites %q, not its official exam guide page", tk.ID, tk.Source)
		}
	}
}

// SCS-C03 is entered for all six domains, at skill level where a source gave
// the skills (2, 4, 6) and at task level where none did (1, 3, 5); Domain 4
// is the one read from the official page itself.
func TestSCSC03AllDomains(t *testing.T) {
	e := mustExam(t, "SCS-C03")
	levels := map[int]map[Level]int{}
	for _, tk := range e.AllTasks() {
		if levels[tk.Domain] == nil {
			levels[tk.Domain] = map[Level]int{}
		}
		levels[tk.Domain][tk.Level]++
		if tk.Domain == 4 && !tk.Checked {
			t.Errorf("%s: Domain 4 was read from the official page", tk.ID)
		}
		if tk.Domain != 4 && tk.Checked {
			t.Errorf("%s: only Domain 4 was read from the official page", tk.ID)
		}
	}
	want := map[int]map[Level]int{
		1: {TaskLevel: 2},
		2: {SkillLevel: 9},
		3: {TaskLevel: 3},
		4: {SkillLevel: 8},
		5: {TaskLevel: 3},
		6: {SkillLevel: 12, DomainLevel: 1},
	}
	for d, w := range want {
		for lvl, n := range w {
			if levels[d][lvl] != n {
				t.Errorf("domain %d: %d %s statements, want %d", d, levels[d][lvl], lvl, n)
			}
		}
	}
	served := map[int]bool{}
	for _, tk := range e.Tasks() {
		served[tk.Domain] = true
	}
	for _, d := range e.Domains {
		if !served[d.Number] {
			t.Errorf("domain %d has no IAM-bearing statement", d.Number)
		}
	}
	if tk, ok := TaskByID("SCS-C03:D6"); !ok || !tk.History || contains(Tasks(), tk.ID) {
		t.Error("SCS-C03 D6 must stay parseable for history but not count as a served task")
	}
}

func contains(ts []Task, id string) bool {
	for _, t := range ts {
		if t.ID == id {
			return true
		}
	}
	return false
}

func TestPriorities(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range Priorities() {
		if p.Title == "" || len(p.Topics) == 0 {
			t.Errorf("incomplete priority %+v", p)
		}
		for _, id := range p.Topics {
			if _, ok := TopicByID(id); !ok {
				t.Errorf("priority %q lists unknown topic %q", p.Title, id)
			}
			if seen[id] {
				t.Errorf("topic %q is in two priorities", id)
			}
			seen[id] = true
		}
	}
	for _, tp := range Topics() {
		if tp.Number >= 49 && !seen[tp.ID] {
			t.Errorf("new topic %s is in no priority", tp.ID)
		}
	}
}

func mustExam(t *testing.T, id string) Exam {
	t.Helper()
	e, err := ExamByID(id)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestParseTaskID(t *testing.T) {
	good := map[string]string{
		"SAA-C03 1.1":    "SAA-C03:1.1",
		"SAA-C03:1.1":    "SAA-C03:1.1",
		" scs-c03 4.2.3": "SCS-C03:4.2.3",
		"SCS-C03 D6":     "SCS-C03:D6",
		"SCS-C03:d6":     "SCS-C03:D6",
		"SCS-C02:4.2":    "SCS-C02:4.2",
	}
	for in, want := range good {
		tk, err := ParseTaskID(in)
		if err != nil || tk.ID != want {
			t.Errorf("ParseTaskID(%q) = %q, %v; want %q", in, tk.ID, err, want)
		}
	}
	bad := map[string]string{
		"1.1":         "expected an exam and a task",
		"SAA-C04 1.1": "unknown exam",
		"SCS-C03 4.2": "is a task statement; tag one of its skills",
		"SCS-C03 7.1": "expected one of 1.1, 1.2, 2.1.1",
		"SAA-C03 2.1": "1.1, 1.2, 1.3",
		"":            "expected an exam",
	}
	for in, frag := range bad {
		if _, err := ParseTaskID(in); err == nil || !strings.Contains(err.Error(), frag) {
			t.Errorf("ParseTaskID(%q) error = %v; want it to mention %q", in, err, frag)
		}
	}
}

func TestDomainOf(t *testing.T) {
	e, d, err := DomainOf("SCS-C03 D6")
	if err != nil || e.ID != "SCS-C03" || d.Number != 6 || d.Weight != 0.14 {
		t.Fatalf("got %s %+v %v", e.ID, d, err)
	}
	_, d, _ = DomainOf("SCS-C02:3.3")
	if d.Name != "Infrastructure Security" {
		t.Fatalf("SCS-C02 3.3 should be in Infrastructure Security, got %+v", d)
	}
}

func TestParseTopicID(t *testing.T) {
	if tp, err := ParseTopicID("Explicit-Deny"); err != nil || tp.Number != 2 {
		t.Fatalf("got %+v %v", tp, err)
	}
	if _, err := ParseTopicID("boundary"); err == nil || !strings.Contains(err.Error(), "permissions-boundary") {
		t.Fatalf("want a suggestion, got %v", err)
	}
	for typo, want := range map[string]string{
		"explicit-denial":   "did you mean explicit-deny?",
		"kms-grant":         "did you mean kms-grants",
		"imdsv2":            "imds-v2",
		"permission-sets":   "permission-sets", // exact, below
		"zzz-no-such-topic": "iamlab topics",
	} {
		if typo == want {
			if _, err := ParseTopicID(typo); err != nil {
				t.Errorf("%s: %v", typo, err)
			}
			continue
		}
		if _, err := ParseTopicID(typo); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseTopicID(%q) = %v; want it to mention %q", typo, err, want)
		}
	}
	if got := len(TopicsForExam("SAA-C03")); got == 0 || got == len(Topics()) {
		t.Fatalf("SAA-C03 should use some but not all topics, got %d", got)
	}
}

func TestScope(t *testing.T) {
	for id, want := range map[string]string{
		"SCS-C03": "the IAM-bearing skills of all six domains",
		"SAA-C03": "the IAM-bearing tasks of Domain 1",
	} {
		if got := mustExam(t, id).Scope(); got != want {
			t.Errorf("%s: %q, want %q", id, got, want)
		}
	}
}
