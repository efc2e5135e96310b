package playground

import (
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/progress/progressdb"
	"github.com/iamlab/iamlab/internal/sandbox"
	"github.com/iamlab/iamlab/internal/tui/golden"
	"github.com/iamlab/iamlab/internal/tui/screen"
	"github.com/iamlab/iamlab/internal/tui/theme"
)

func secondWorld(t *testing.T) World {
	w := sandbox.NewWorld()
	err := w.AddAccount(&sandbox.Account{
		ID: "444455556666", Name: "Prod",
		Roles:   []*sandbox.Role{{Name: "deploy", Trust: sandbox.PolicyText{Source: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`}}},
		Buckets: []*sandbox.Bucket{{Name: "prod-logs"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if errs := w.Validate(); len(errs) > 0 {
		t.Fatal(errs)
	}
	return World{Label: "second world", World: w, Account: "Prod"}
}

func storeAt(t *testing.T, path string) *progressdb.Store {
	s, err := progressdb.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// openWith opens the playground on s; a nil s (untyped, so that the
// interface is nil too) is no store at all.
func openWith(t *testing.T, s progress.Store, w, h int) *Model {
	m := New(screen.Deps{Store: s, Recording: true}, []World{testWorld(t), secondWorld(t)}, 0)
	m.SetStyles(theme.NewStyles(theme.NoColor()))
	m.SetSize(w, h)
	m.Init()
	return m
}

// run executes a command and the commands it returns, the way the program
// would, dropping timers and navigation.
func run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			run(c)
		}
	}
}

func press(m *Model, k tea.KeyPressMsg) tea.Cmd {
	_, cmd := m.Update(k)
	return cmd
}

var esc = tea.KeyPressMsg{Code: tea.KeyEscape}

func TestEscClosesOnlyTheCompletionList(t *testing.T) {
	m := newPlayground(t, 120, 40)
	m.setFocus(fAction)
	m.inputs[fAction].SetValue("")
	typeText(m, "s3:GetObjectT")
	if !m.listOpen() || !strings.Contains(plain(m), "esc closes the list") {
		t.Fatalf("no completion list:\n%s", plain(m))
	}
	if cmd := press(m, esc); cmd != nil {
		t.Fatal("esc with the list open left the screen")
	}
	if m.listOpen() || m.inputs[fAction].Value() != "s3:GetObjectT" || strings.Contains(plain(m), "esc closes the list") {
		t.Fatalf("esc did more than close the list: %q\n%s", m.inputs[fAction].Value(), plain(m))
	}
	typeText(m, "a")
	if !m.listOpen() {
		t.Fatal("typing did not open the list again")
	}
	press(m, esc)
	if cmd := press(m, esc); cmd == nil {
		t.Fatal("esc with the list closed does not go back")
	}
}

// The request, the world and the policy edits survive leaving the screen
// and a restart of the program.
func TestWorkSurvivesLeavingAndARestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.db")
	s := storeAt(t, path)
	m := openWith(t, s, 120, 40)
	setField(m, fCaller, "")
	m.setFocus(fCaller)
	typeText(m, "user dana, with MFA")
	setField(m, fResource, "s3://acme-reports/q3.csv")
	if m.outcome.Decision != "allowed" {
		t.Fatalf("start: %s %s", m.outcome.Decision, m.problem)
	}
	press(m, ctrl('t'))
	m.pol.ed.SetValue(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::other/*"}]}`)
	run(m.policyChanged())
	if m.outcome.Decision != "implicitDeny" {
		t.Fatalf("after the edit: %s", m.outcome.Decision)
	}
	run(m.leave())

	back := openWith(t, s, 120, 40)
	if got := back.inputs[fCaller].Value(); got != "user dana, with MFA" {
		t.Fatalf("caller after coming back: %q", got)
	}
	if back.outcome == nil || back.outcome.Decision != "implicitDeny" || back.pol.edited[back.wi] == nil {
		t.Fatalf("the policy edit did not survive: %+v", back.outcome)
	}
	// Another world, left there: the choice is kept too.
	run(press(back, ctrl('n')))
	setField(back, fCaller, "role deploy")
	run(back.Flush())
	s.Close()

	s2 := storeAt(t, path)
	defer s2.Close()
	again := openWith(t, s2, 120, 40)
	if again.wi != 1 || again.inputs[fCaller].Value() != "role deploy" {
		t.Fatalf("after a restart: world %d, caller %q", again.wi, again.inputs[fCaller].Value())
	}
	run(press(again, ctrl('p')))
	if again.inputs[fCaller].Value() != "user dana, with MFA" || again.outcome.Decision != "implicitDeny" {
		t.Fatalf("the first world's work after a restart: %q %s", again.inputs[fCaller].Value(), again.outcome.Decision)
	}
	press(again, ctrl('t'))
	if !strings.Contains(again.pol.ed.Value(), "other/*") || !strings.Contains(plain(again), "edited here only") {
		t.Fatalf("the editor does not show the edit:\n%s", plain(again))
	}
	// ctrl+r forgets the edits, and they stay forgotten.
	run(press(again, ctrl('r')))
	run(again.Flush())
	fresh := openWith(t, s2, 120, 40)
	if fresh.pol.edited[0] != nil || fresh.outcome.Decision != "allowed" {
		t.Fatalf("a reset edit came back: %s", fresh.outcome.Decision)
	}
}

// The decision sentence wraps at both sizes; nothing of it is cut.
func TestDecisionLineWrapsAtBothSizes(t *testing.T) {
	for _, size := range [][2]int{{80, 22}, {120, 38}} {
		m := newPlayground(t, size[0], size[1])
		setField(m, fCaller, "anyone on the internet")
		setField(m, fResource, "s3://acme-reports/q3.csv")
		reason := m.outcome.Reason
		if len("Decision: ○ implicitDeny  "+reason) <= 80 {
			t.Fatalf("the reason is too short to test wrapping: %q", reason)
		}
		flat := strings.Join(strings.Fields(plain(m)), " ")
		if !strings.Contains(flat, reason) {
			t.Fatalf("%dx%d: the reason is cut:\n%s", size[0], size[1], plain(m))
		}
		golden.Check(t, "decision-"+sizeName(size), m.View(), size[0], size[1])
	}
}

func sizeName(s [2]int) string {
	return map[int]string{80: "80x24", 120: "120x40"}[s[0]]
}

func TestWorldViewPicksTheRequest(t *testing.T) {
	m := newPlayground(t, 120, 38)
	setField(m, fCaller, "")
	press(m, ctrl('o'))
	out := plain(m)
	for _, want := range []string{"Account Analytics (111122223333)", "user dana", "attached: ReadReports", "bucket acme-reports", "s3:GetObject", "anyone on the internet"} {
		if !strings.Contains(out, want) {
			t.Fatalf("the world view lacks %q:\n%s", want, out)
		}
	}
	golden.Check(t, "world-120x40", m.View(), 120, 38)
	// The first selectable line is dana: enter puts her in the request.
	run(press(m, tea.KeyPressMsg{Code: tea.KeyEnter}))
	if m.panel != panelNone || m.inputs[fCaller].Value() != "user dana" {
		t.Fatalf("enter did not pick the caller: %q", m.inputs[fCaller].Value())
	}
	// A policy line opens the editor on it.
	press(m, ctrl('o'))
	for m.wrows[m.wv.cur].kind != wvDoc {
		press(m, tea.KeyPressMsg{Code: tea.KeyDown})
	}
	press(m, tea.KeyPressMsg{Code: tea.KeyEnter})
	if !m.pol.focused || !strings.Contains(plain(m), "Policy: ReadReports") {
		t.Fatalf("enter on a policy did not open it:\n%s", plain(m))
	}
	small := newPlayground(t, 80, 22)
	press(small, ctrl('o'))
	golden.Check(t, "world-80x24", small.View(), 80, 22)
}

func TestSavedRequestsAndHistory(t *testing.T) {
	s, err := progressdb.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	m := openWith(t, s, 120, 38)
	setField(m, fCaller, "user dana")
	setField(m, fResource, "s3://acme-reports/q3.csv")
	run(press(m, tea.KeyPressMsg{Code: tea.KeyEnter})) // ask: into the history
	setField(m, fCaller, "user dana, with MFA")
	run(press(m, ctrl('s')))
	setField(m, fCaller, "anyone on the internet")
	_, cmd := m.Update(ctrl('l'))
	m.Update(cmd())
	out := plain(m)
	if !strings.Contains(out, "Saved") || !strings.Contains(out, "✓ user dana, with MFA → s3:GetObject") ||
		!strings.Contains(out, "History") || !strings.Contains(out, "· user dana → s3:GetObject") {
		t.Fatalf("requests panel:\n%s", out)
	}
	golden.Check(t, "requests-120x40", m.View(), 120, 38)
	run(press(m, tea.KeyPressMsg{Code: tea.KeyEnter})) // load the saved one
	if m.inputs[fCaller].Value() != "user dana, with MFA" || m.outcome.Decision != "allowed" {
		t.Fatalf("loading the saved request: %q %s", m.inputs[fCaller].Value(), m.outcome.Decision)
	}
}

func TestWhatChangedShowsBeforeAndAfter(t *testing.T) {
	for _, size := range [][2]int{{80, 22}, {120, 38}} {
		m := newPlayground(t, size[0], size[1])
		setField(m, fCaller, "user dana, with MFA")
		setField(m, fResource, "s3://acme-reports/q3.csv")
		press(m, ctrl('t'))
		m.pol.ed.SetValue(`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}`)
		m.policyChanged()
		out := plain(m)
		if m.before == nil || !strings.Contains(out, "What changed") || !strings.Contains(out, "Before your edit") ||
			!strings.Contains(out, "allowed") || !strings.Contains(out, "explicit") {
			t.Fatalf("no comparison:\n%s", out)
		}
		if len(changedLayers(m.before, m.outcome)) == 0 {
			t.Fatal("no layer is named as changed")
		}
		golden.Check(t, "changed-"+sizeName(size), m.View(), size[0], size[1])
		// The same decision again: the comparison goes.
		m.pol.ed.SetValue(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`)
		m.policyChanged()
		if m.before != nil || strings.Contains(plain(m), "What changed") {
			t.Fatal("the comparison stays although the decision did not change")
		}
	}
}

func TestPolicyEditorShowsLintMarks(t *testing.T) {
	m := newPlayground(t, 120, 38)
	press(m, ctrl('t'))
	// NotAction with Allow is a classic lint finding.
	m.pol.ed.SetValue("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"Resource\":\"*\"}]}")
	m.policyChanged()
	if len(m.pol.ed.Diagnostics()) == 0 {
		t.Fatal("no lint marks in the playground's policy editor")
	}
}

func TestHelpAndFooterFit(t *testing.T) {
	m := newPlayground(t, 80, 22)
	press(m, tea.KeyPressMsg{Code: '?', Text: "?"})
	if m.panel != panelHelp || !strings.Contains(plain(m), "Playground help") {
		t.Fatalf("? did not open help:\n%s", plain(m))
	}
	golden.Check(t, "help-80x24", m.View(), 80, 22)
	press(m, esc)
	if m.panel != panelNone {
		t.Fatal("esc did not close help")
	}
	// In the Context field ? types.
	m.setFocus(fContext)
	typeText(m, "?")
	if m.panel != panelNone || m.inputs[fContext].Value() != "?" {
		t.Fatal("? did not type in the Context field")
	}
	for _, f := range []field{fCaller, fMFA} {
		m.setFocus(f)
		w := -3
		for _, b := range m.ShortHelp() {
			h := b.Help()
			w += len([]rune(h.Key)) + 1 + len([]rune(h.Desc)) + 3 // "key desc • "
		}
		// The root adds " • ctrl+c quit".
		if w+14 > 80 {
			t.Fatalf("the footer needs %d columns", w+14)
		}
	}
}

// Each world keeps its own request: a world never used starts on its own
// names, and going back finds the request left there.
func TestEachWorldKeepsItsOwnRequest(t *testing.T) {
	m := openWith(t, nil, 120, 38)
	setField(m, fCaller, "user dana, with MFA")
	run(press(m, ctrl('n')))
	if got := m.inputs[fCaller].Value(); got != "role deploy" {
		t.Fatalf("the second world starts on %q", got)
	}
	if got := m.inputs[fResource].Value(); got != "s3://prod-logs/" {
		t.Fatalf("the second world's resource %q", got)
	}
	run(press(m, ctrl('p')))
	if got := m.inputs[fCaller].Value(); got != "user dana, with MFA" {
		t.Fatalf("back on the first world: %q", got)
	}
}

// A library without worlds still gives a working playground.
func TestNoWorldsDoesNotPanic(t *testing.T) {
	m := New(screen.Deps{}, nil, 0)
	m.SetStyles(theme.NewStyles(theme.NoColor()))
	m.SetSize(80, 22)
	m.Init()
	for _, k := range []tea.KeyPressMsg{ctrl('o'), esc, ctrl('l'), esc, ctrl('t'), esc, ctrl('s'), {Code: '?', Text: "?"}, esc, ctrl('n'), {Code: tea.KeyEnter}} {
		m.Update(k)
		_ = m.View()
	}
}
