package scenario

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/tui/screentest"
)

// The result screen explains the grade: par and breadth in a sentence
// each, the pairs beyond the reference under the statement that grants
// them with a reason, what would reach par, and what the help cost.
func TestResultExplainsTheGrade(t *testing.T) {
	leftover := `{"Version":"2012-10-17","Statement":[
  {"Sid":"SeeBucketNames","Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"},
  {"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::acme-app-data"},
  {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-app-data/*"}]}`
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		w, h := size[0], size[1]
		m := open(t, "ec2-instance-role", w, h, testDeps(t))
		press(m, "ctrl+h")
		if got := m.hintTitle(); got != "Hint 1 · −2.5 points" {
			t.Errorf("hint box title %q: it should say what the hints opened so far cost", got)
		}
		m.activeEditor().SetValue(leftover)
		m.reevaluate()
		press(m, "ctrl+s")
		if m.grade == nil || !m.grade.Solved {
			t.Fatalf("%dx%d: not solved: %+v", w, h, m.grade)
		}
		v := m.View()
		screentest.CheckFrame(t, v, w, h)
		text := ansi.Strip(strings.Join(m.scoreLines(w-4), "\n"))
		flat := strings.Join(strings.Fields(text), " ")
		for _, want := range []string{
			"least privilege over par by 1 (breadth 4, par 3)",
			"Par is the breadth of the reference solution",
			"Breadth weighs what your Allow statements open",
			`AppDataRead, statement "SeeBucketNames"`,
			"s3:ListAllMyBuckets on * (+1): the reference does not grant s3:ListAllMyBuckets",
			"To reach par (3), remove these pairs",
			"−2.5 for 1 hint rung",
			"score 96/100 = checks 70/70 + least privilege 18.2/20 + unaided 7.5/10",
			"★★★",
		} {
			if !strings.Contains(flat, want) {
				t.Errorf("%dx%d: result lacks %q:\n%s", w, h, want, text)
			}
		}
	}
}

// A failing submit shows the hidden checks, and says what having seen
// them costs; the next submit states that cost.
func TestHiddenChecksSeenCostIsStated(t *testing.T) {
	m := open(t, "ec2-instance-role", 120, 40, testDeps(t))
	press(m, "ctrl+s")
	text := strings.Join(strings.Fields(ansi.Strip(strings.Join(m.scoreLines(116), "\n"))), " ")
	if !strings.Contains(text, "having seen them costs 5 of the 10 unaided points on the next submit") {
		t.Errorf("failed submit does not state the cost of the hidden checks:\n%s", text)
	}
	press(m, "esc")
	m.activeEditor().SetValue(scenarioByID(t, "ec2-instance-role").Solution["policy:444455556666/AppDataRead"])
	m.reevaluate()
	press(m, "ctrl+s")
	text = strings.Join(strings.Fields(ansi.Strip(strings.Join(m.scoreLines(116), "\n"))), " ")
	if !strings.Contains(text, "−5 for hidden checks seen on an earlier submit") || m.grade.Score != 95 {
		t.Errorf("second submit: score %d, help not stated:\n%s", m.grade.Score, text)
	}
}

// A predict answered again after its reveal is practice: the screen says
// so, it earns no stars, and the store keeps the first answer's result.
func TestPredictRedoIsPractice(t *testing.T) {
	deps := testDeps(t)
	m := open(t, "scp-vs-boundary", 120, 38, deps)
	press(m, "3", "6", "1") // implicitDeny by the boundary (wrong layer), sure
	if !m.ans.revealed || m.ans.grade.Solved || m.ans.grade.Practice {
		t.Fatalf("first answer: %+v", m.ans.grade)
	}
	again := open(t, "scp-vs-boundary", 120, 38, deps)
	press(again, "3", "1", "1") // implicitDeny by the SCP: right, now that it was shown
	g := again.ans.grade
	if !g.Practice || g.Stars != 0 {
		t.Fatalf("redo: practice %v, stars %d", g.Practice, g.Stars)
	}
	text := strings.Join(strings.Fields(ansi.Strip(strings.Join(again.predictLines(116), "\n"))), " ")
	if !strings.Contains(text, "practice: your first answer is the one that counts") {
		t.Errorf("the redo does not say it is practice:\n%s", text)
	}
	st, err := deps.Store.ScenarioStatus(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if s := st[progress.Key("core", "scp-vs-boundary")]; s.Status == "solved" || s.Stars != 0 || s.Attempts != 2 {
		t.Errorf("status after a wrong first answer and a right redo: %+v", s)
	}
}

// The one-statement form of "Read works, list fails" scores par, and the
// result says which of its pairs were not counted and why.
func TestOneStatementBothARNsIsParAndSaysWhy(t *testing.T) {
	m := open(t, "list-needs-the-bucket", 80, 24, testDeps(t))
	m.activeEditor().SetValue(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::acme-catalog","arn:aws:s3:::acme-catalog/*"]}]}`)
	m.reevaluate()
	press(m, "ctrl+s")
	if g := m.grade; g == nil || !g.Solved || g.Score != 100 || g.LeastPrivilege.Verdict != "par" {
		t.Fatalf("grade %+v", m.grade)
	}
	text := strings.Join(strings.Fields(ansi.Strip(strings.Join(m.scoreLines(76), "\n"))), " ")
	for _, want := range []string{"least privilege par (breadth 3, par 3)", "Not counted, since they can never apply (the resource is not of a type the action acts on): s3:GetObject on arn:aws:s3:::acme-catalog; s3:ListBucket on arn:aws:s3:::acme-catalog/*."} {
		if !strings.Contains(text, want) {
			t.Errorf("result lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Granted beyond the reference") {
		t.Errorf("a par result lists pairs beyond the reference:\n%s", text)
	}
}

// After a solved submit ctrl+s no longer submits: it goes back to the
// score, and the full help names it.
func TestCtrlSShowsTheScoreAfterASolve(t *testing.T) {
	m := open(t, "ec2-instance-role", 120, 40, testDeps(t))
	m.activeEditor().SetValue(scenarioByID(t, "ec2-instance-role").Solution["policy:444455556666/AppDataRead"])
	m.reevaluate()
	press(m, "ctrl+s")
	if m.grade == nil || !m.grade.Solved || m.focus != paneResult {
		t.Fatalf("the reference solution did not solve it: focus %v", m.focus)
	}
	press(m, "esc")
	if m.focus == paneResult {
		t.Fatal("esc stayed on the score")
	}
	subs := m.submissions
	press(m, "ctrl+s")
	if m.focus != paneResult || m.submissions != subs {
		t.Fatalf("ctrl+s after a solve: focus %v, submissions %d → %d", m.focus, subs, m.submissions)
	}
	found := false
	for _, g := range m.FullHelp() {
		for _, b := range g {
			if b.Enabled() && b.Help().Key == "ctrl+s" && b.Help().Desc == "score" {
				found = true
			}
		}
	}
	if !found {
		t.Error("the full help does not list ctrl+s score after a solve")
	}
}
