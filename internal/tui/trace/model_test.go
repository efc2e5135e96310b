package trace

import (
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/content"
	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/tui/theme"
)

func mustPolicy(t *testing.T, typ eval.PolicyType, src string) *eval.Policy {
	t.Helper()
	p, err := eval.Parse([]byte(src), typ)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func denyContent(t *testing.T) *Content {
	in := &eval.Input{
		Request: eval.Request{Principal: "arn:aws:iam::111122223333:user/dana", Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-reports/q3/detail.csv"},
		Identity: []eval.PolicyRef{
			{Name: "readers/ReadReports", Policy: mustPolicy(t, eval.IdentityPolicy, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-reports/*"}}`)},
			{Name: "contractors/NoFinance", Policy: mustPolicy(t, eval.IdentityPolicy, `{"Version":"2012-10-17","Statement":{"Sid":"DenyFinance","Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::acme-reports/*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}}}`)},
		},
	}
	in.Request.Context.Set("aws:MultiFactorAuthPresent", "false")
	r := eval.Evaluate(in, eval.Options{Trace: true})
	return &Content{Title: "dana reads q3/detail.csv", Hops: []Hop{{Title: "the call", Result: r}}, Final: Final{Decision: r.Decision, DecidedBy: r.DecidedBy, Reason: r.Reason}, Expected: "allowed"}
}

func plain(m Model) string { return ansi.Strip(strings.Join(m.Lines(), "\n")) }

func TestRendersLayersStatementsConditionsAndDecision(t *testing.T) {
	m := New(theme.NewStyles(theme.Dark()))
	m.SetSize(100, 20)
	m.SetContent(denyContent(t))
	out := plain(m)
	for _, want := range []string{
		"dana reads q3/detail.csv",
		"identity-based policies",
		"✗ DENY",
		"← decides",
		`statement #1 "DenyFinance" Deny (line 1) applies → Deny`,
		"✓ Resource    arn:aws:s3:::acme-reports/*",
		`✓ Bool aws:MultiFactorAuthPresent  request: "false"`,
		"Decision: ✗ explicitDeny (identity-based policies)  expected allowed",
		"service control policies",
		"· not applicable",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("trace lacks %q\n%s", want, out)
		}
	}
}

func TestWrapsToWidthAndScrolls(t *testing.T) {
	m := New(theme.NewStyles(theme.Dark()))
	m.SetSize(40, 5)
	m.SetContent(denyContent(t))
	for _, l := range m.Lines() {
		if w := ansi.StringWidth(l); w > 40 {
			t.Fatalf("line wider than the pane (%d): %q", w, ansi.Strip(l))
		}
	}
	if got := len(strings.Split(m.View(), "\n")); got != 5 {
		t.Fatalf("view has %d lines, want 5", got)
	}
	first := m.View()
	m, _ = m.Update(tea.KeyPressMsg{Code: 'j', Text: "j"})
	if m.View() == first {
		t.Fatal("j did not scroll")
	}
	m, _ = m.Update(tea.KeyPressMsg{Code: 'G', Text: "G"})
	if !strings.Contains(ansi.Strip(m.View()), "Decision") && !strings.Contains(ansi.Strip(m.View()), "explicit") {
		t.Fatalf("G did not reach the end:\n%s", ansi.Strip(m.View()))
	}
	if m.ScrollPercent() != 100 {
		t.Fatalf("scroll percent %d at the bottom", m.ScrollPercent())
	}
}

func TestStaleBannerAndNoColor(t *testing.T) {
	m := New(theme.NewStyles(theme.NoColor()))
	m.SetSize(100, 40)
	m.SetContent(denyContent(t))
	m.SetStale(true)
	out := plain(m)
	if !strings.Contains(out, "last good trace") {
		t.Fatalf("no stale banner:\n%s", out)
	}
	if strings.Contains(strings.Join(m.Lines(), ""), "\x1b[38;") {
		t.Fatal("no-colour theme emitted a colour")
	}
}

func TestDecidingLineAndScrollTo(t *testing.T) {
	m := New(theme.NewStyles(theme.NoColor()))
	m.SetSize(100, 6)
	m.SetContent(denyContent(t))
	i := m.DecidingLine()
	if i < 0 || !strings.Contains(ansi.Strip(m.Lines()[i]), "identity-based policies") {
		t.Fatalf("deciding line %d: %q", i, ansi.Strip(m.Lines()[max(0, i)]))
	}
	m.ScrollTo(i)
	if first := ansi.Strip(strings.Split(m.View(), "\n")[0]); !strings.Contains(first, "identity-based policies") {
		t.Fatalf("ScrollTo(%d) shows %q first", i, first)
	}
	m.ScrollTo(10_000)
	if m.ScrollPercent() != 100 {
		t.Fatal("ScrollTo past the end does not stop at the bottom")
	}
}

// Across accounts with no resource policy, the missing layer decides and is
// marked even though it does not apply.
func TestAnAbsentLayerThatDecidesIsMarked(t *testing.T) {
	in := &eval.Input{
		Request:  eval.Request{Principal: "arn:aws:iam::111122223333:user/ann", Action: "s3:GetObject", Resource: "arn:aws:s3:::theirs/k", ResourceAccount: "444455556666"},
		Identity: []eval.PolicyRef{{Name: "Read", Policy: mustPolicy(t, eval.IdentityPolicy, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}`)}},
	}
	r := eval.Evaluate(in, eval.Options{Trace: true})
	m := New(theme.NewStyles(theme.NoColor()))
	m.SetSize(100, 10)
	m.SetContent(&Content{Hops: []Hop{{Title: "the call", Result: r}}, Final: Final{Decision: r.Decision, DecidedBy: r.DecidedBy, Reason: r.Reason}})
	i := m.DecidingLine()
	if i < 0 || !strings.Contains(ansi.Strip(m.Lines()[i]), "resource-based policy") || !strings.Contains(ansi.Strip(m.Lines()[i]), "← decides") {
		t.Fatalf("the absent resource policy is not marked as deciding (line %d)", i)
	}
}

// TestLayersAreNumberedAsTheLessonNumbersThem: the trace shows the layers
// in AWS's order (RCPs before SCPs, as
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
// lists them) and numbers them as the evaluation-logic lesson does.
func TestLayersAreNumberedAsTheLessonNumbersThem(t *testing.T) {
	body, err := fs.ReadFile(content.FS, "lessons/evaluation-logic.md")
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]eval.Layer{
		"RCPs": eval.LayerRCP, "SCPs": eval.LayerSCP, "VPC endpoint policy": eval.LayerEndpoint,
		"Resource-based policy": eval.LayerResource, "Identity-based policies": eval.LayerIdentity,
		"Permissions boundary": eval.LayerBoundary, "Session policy": eval.LayerSession,
	}
	item := regexp.MustCompile(`(?m)^(\d+)\. \*\*([^*]+)\*\*`)
	lesson := map[eval.Layer]int{}
	for _, mm := range item.FindAllStringSubmatch(string(body), -1) {
		l, ok := byName[mm[2]]
		if !ok {
			continue
		}
		n, _ := strconv.Atoi(mm[1])
		lesson[l] = n
	}
	if len(lesson) != len(byName) {
		t.Fatalf("the lesson numbers %d of the %d layers: %v", len(lesson), len(byName), lesson)
	}
	m := New(theme.NewStyles(theme.NoColor()))
	m.SetSize(100, 60)
	m.SetContent(denyContent(t))
	out := plain(m)
	for l, n := range lesson {
		if head := strconv.Itoa(n) + " " + eval.LayerTitle(l) + " "; !strings.Contains(out, head) {
			t.Errorf("the trace does not show %q:\n%s", head, out)
		}
	}
	// Shown in that order too.
	pos := func(l eval.Layer) int { return strings.Index(out, strconv.Itoa(lesson[l])+" "+eval.LayerTitle(l)+" ") }
	if !(pos(eval.LayerRCP) < pos(eval.LayerSCP) && pos(eval.LayerSCP) < pos(eval.LayerIdentity) && pos(eval.LayerIdentity) < pos(eval.LayerSession)) {
		t.Errorf("layers out of order:\n%s", out)
	}
}

// The pane quotes a list of request values one by one, as the command
// line does (it once quoted the joined list, escaping the separators).
func TestQuotesEachRequestValue(t *testing.T) {
	in := &eval.Input{
		Request:  eval.Request{Principal: "arn:aws:iam::111122223333:user/dana", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/x"},
		Identity: []eval.PolicyRef{{Name: "Tags", Policy: mustPolicy(t, eval.IdentityPolicy, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["Owner","Project"]}}}}`)}},
	}
	in.Request.Context.SetList("aws:TagKeys", []string{"Owner", "Project"})
	r := eval.Evaluate(in, eval.Options{Trace: true})
	m := New(theme.NewStyles(theme.Dark()))
	m.SetSize(120, 40)
	m.SetContent(&Content{Hops: []Hop{{Result: r}}, Final: Final{Decision: r.Decision, DecidedBy: r.DecidedBy, Reason: r.Reason}})
	if out := plain(m); !strings.Contains(out, `request: ["Owner", "Project"]`) {
		t.Errorf("request values not quoted one by one:\n%s", out)
	}
}
