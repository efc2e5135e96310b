package playground

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/sandbox"
	"github.com/iamlab/iamlab/internal/tui/screen"
	"github.com/iamlab/iamlab/internal/tui/theme"
)

func testWorld(t *testing.T) World {
	w := sandbox.NewWorld()
	err := w.AddAccount(&sandbox.Account{
		ID: "111122223333", Name: "Analytics",
		Policies: []sandbox.NamedPolicy{{Name: "ReadReports", Source: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-reports/*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}`}},
		Users:    []*sandbox.User{{Name: "dana", Policies: []string{"ReadReports"}, MFA: true}},
		Buckets:  []*sandbox.Bucket{{Name: "acme-reports"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if errs := w.Validate(); len(errs) > 0 {
		t.Fatal(errs)
	}
	return World{Label: "test world", World: w, Account: "Analytics"}
}

func newPlayground(t *testing.T, w, h int) *Model {
	m := New(screen.Deps{}, []World{testWorld(t)}, 0)
	m.SetStyles(theme.NewStyles(theme.NoColor()))
	m.SetSize(w, h)
	m.Init()
	return m
}

func typeText(m *Model, s string) {
	for _, r := range s {
		m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func setField(m *Model, f field, v string) {
	m.inputs[f].SetValue(v)
	m.evaluate()
}

func plain(m *Model) string { return ansi.Strip(m.View()) }

func TestMFAFlipsTheDecision(t *testing.T) {
	m := newPlayground(t, 120, 40)
	setField(m, fCaller, "user dana")
	setField(m, fResource, "s3://acme-reports/q3.csv")
	if m.outcome == nil || m.outcome.Decision != "implicitDeny" {
		t.Fatalf("long-term keys carry no MFA: want implicitDeny, got %+v (%s)", m.outcome, m.problem)
	}
	// tab to the MFA field and switch it on.
	for m.focus != fMFA {
		m.Update(tea.KeyPressMsg{Code: tea.KeyTab})
	}
	m.Update(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
	if m.mfa != mfaOn || m.outcome.Decision != "allowed" {
		t.Fatalf("with MFA: want allowed, got %s", m.outcome.Decision)
	}
	out := plain(m)
	if !strings.Contains(out, "Decision: ✓ allowed") || !strings.Contains(out, "with MFA") {
		t.Fatalf("screen:\n%s", out)
	}
}

func TestTypingCompletesAndReportsBadCallers(t *testing.T) {
	m := newPlayground(t, 80, 22)
	m.setFocus(fAction)
	m.inputs[fAction].SetValue("")
	typeText(m, "s3:GetObjectT")
	if len(m.sugg) == 0 || !strings.HasPrefix(m.sugg[0], "s3:GetObjectT") {
		t.Fatalf("no catalogue completion: %v", m.sugg)
	}
	m.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	if !strings.HasPrefix(m.inputs[fAction].Value(), "s3:GetObjectT") {
		t.Fatalf("enter did not take the suggestion: %q", m.inputs[fAction].Value())
	}
	setField(m, fCaller, "user nobody")
	if m.problem == "" || !strings.Contains(plain(m), "✗") {
		t.Fatalf("unknown user not reported: %q", m.problem)
	}
	if !strings.Contains(plain(m), "last good trace") {
		t.Fatal("the last good trace is not marked stale")
	}
	lines := strings.Split(m.View(), "\n")
	if len(lines) != 22 {
		t.Fatalf("view is %d lines, want 22", len(lines))
	}
	for _, l := range lines {
		if ansi.StringWidth(l) > 80 {
			t.Fatalf("line wider than 80: %q", ansi.Strip(l))
		}
	}
}

func TestCursorSitsInTheFocusedField(t *testing.T) {
	m := newPlayground(t, 100, 30)
	c := m.Cursor()
	if c == nil || c.Y != 0 || c.X < labelWidth {
		t.Fatalf("cursor %+v", c)
	}
	m.Update(tea.KeyPressMsg{Code: tea.KeyTab})
	if c := m.Cursor(); c == nil || c.Y != 1 {
		t.Fatalf("cursor after tab %+v", c)
	}
	if _, cmd := m.Update(tea.KeyPressMsg{Code: tea.KeyEscape}); cmd == nil {
		t.Fatal("esc does not go back")
	}
}

func TestParseContext(t *testing.T) {
	got := parseContext("s3:prefix=home/; aws:TagKeys=a, b ; bad")
	if len(got["s3:prefix"]) != 1 || len(got["aws:TagKeys"]) != 2 || len(got) != 2 {
		t.Fatalf("%v", got)
	}
}

func ctrl(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Mod: tea.ModCtrl} }

// Policies can be changed in the playground; the change lives in a copy of
// the world and never reaches the scenario's.
func TestEditingAPolicyChangesOnlyThePlaygroundsCopy(t *testing.T) {
	m := newPlayground(t, 120, 40)
	setField(m, fCaller, "user dana, with MFA")
	setField(m, fResource, "s3://acme-reports/q3.csv")
	if m.outcome.Decision != "allowed" {
		t.Fatalf("start: %s", m.outcome.Decision)
	}
	original := m.world().World
	m.Update(ctrl('t'))
	if !m.pol.open || !m.pol.focused || !strings.Contains(plain(m), "Policy: ReadReports") {
		t.Fatalf("ctrl+t did not open the policy editor:\n%s", plain(m))
	}
	if c := m.Cursor(); c == nil || c.Y < m.topRows() {
		t.Fatalf("the cursor is not in the editor: %+v", c)
	}
	// Narrow the policy to another bucket: dana loses access.
	m.pol.ed.SetValue(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::other/*"}]}`)
	m.policyChanged()
	if m.outcome.Decision != "implicitDeny" {
		t.Fatalf("after the edit: %s", m.outcome.Decision)
	}
	if d, _ := original.Document("policy:111122223333/ReadReports"); strings.Contains(d.Source, "other/*") {
		t.Fatal("the edit reached the original world")
	}
	if !strings.Contains(plain(m), "edited here only") {
		t.Fatal("the title does not say the policy is edited here only")
	}
	// Broken JSON: marked at its position, the last good world is kept.
	m.pol.ed.SetValue(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow",}]}`)
	m.policyChanged()
	if m.pol.broken == "" || len(m.pol.ed.Diagnostics()) == 0 || m.pol.ed.Diagnostics()[0].Line != 1 {
		t.Fatalf("broken policy not marked: %q %+v", m.pol.broken, m.pol.ed.Diagnostics())
	}
	if !strings.Contains(plain(m), "does not parse") || m.outcome.Decision != "implicitDeny" {
		t.Fatalf("the last good result was not kept:\n%s", plain(m))
	}
	// ctrl+r forgets the edits; esc goes back to the request.
	m.Update(ctrl('r'))
	if m.outcome.Decision != "allowed" || m.pol.edited[m.wi] != nil {
		t.Fatalf("ctrl+r did not reset: %s", m.outcome.Decision)
	}
	m.Update(tea.KeyPressMsg{Code: tea.KeyEscape})
	if m.pol.focused {
		t.Fatal("esc did not leave the editor")
	}
	lines := strings.Split(m.View(), "\n")
	if len(lines) != 40 {
		t.Fatalf("view is %d lines, want 40", len(lines))
	}
}

func TestDefaultCallerPrefersAUser(t *testing.T) {
	if got := defaultCaller([]string{"root of account M", "user ann from account B", "user ann from account B, with MFA"}); got != "user ann from account B" {
		t.Fatalf("got %q", got)
	}
	if got := defaultCaller([]string{"anyone on the internet"}); got != "anyone on the internet" {
		t.Fatalf("got %q", got)
	}
}
