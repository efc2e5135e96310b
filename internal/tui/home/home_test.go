package home

import (
	"context"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/curriculum"
	"github.com/iamlab/iamlab/internal/diag"
	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/progress/progressdb"
	"github.com/iamlab/iamlab/internal/scenarios"
	"github.com/iamlab/iamlab/internal/tui/screen"
	"github.com/iamlab/iamlab/internal/tui/screentest"
	"github.com/iamlab/iamlab/internal/tui/theme"
)

func topic(t *testing.T, id string) curriculum.Topic {
	tp, ok := curriculum.TopicByID(id)
	if !ok {
		t.Fatalf("no topic %q", id)
	}
	return tp
}

func task(t *testing.T, id string) curriculum.Task {
	tk, err := curriculum.ParseTaskID(id)
	if err != nil {
		t.Fatal(err)
	}
	return tk
}

func library(t *testing.T) *scenarios.Library {
	mk := func(id, title string, kind scenarios.Kind, tp, tk string) *scenarios.Scenario {
		return &scenarios.Scenario{ID: id, Pack: "core", Title: title, Kind: kind, Difficulty: 2, Minutes: 8,
			Topics: []curriculum.Topic{topic(t, tp)}, Exam: []curriculum.Task{task(t, tk)}, Briefing: "# Brief\nDana must read reports."}
	}
	return &scenarios.Library{Packs: []*scenarios.Pack{
		{ID: "core", Title: "Core evaluation", BuiltIn: true, Scenarios: []*scenarios.Scenario{
			mk("core/two-groups", "Two groups, one bucket", scenarios.Build, "explicit-deny", "SAA-C03 1.1"),
			mk("core/scp-vs-boundary", "SCP vs permissions boundary", scenarios.Predict, "scp-never-grants", "SCS-C03 6.1.3"),
		}},
		{ID: "class", Origin: "/packs/class", Broken: true, Problems: []diag.Diagnostic{{File: "/packs/class/pack.yaml", Line: 3, Col: 1, Severity: diag.Error, Message: "unknown field \"titel\""}}},
	}}
}

type opened struct{ screen.Screen }

func newHome(t *testing.T) (*Model, *progressdb.Store) {
	store, err := progressdb.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	m := New(screen.Deps{Store: store}, library(t), func(s *scenarios.Scenario) screen.Screen { return opened{} })
	m.SetStyles(theme.NewStyles(theme.NoColor()))
	m.SetSize(100, 20)
	return m, store
}

func TestListsPacksScenariosAndBrokenPacks(t *testing.T) {
	m, _ := newHome(t)
	out := screentest.Plain(m)
	for _, want := range []string{"Core evaluation", "Two groups, one bucket", "predict", "○ new", "⚠ class (/packs/class) — broken", `pack.yaml:3:1`, "Next: Two groups, one bucket", "Dana must read reports."} {
		if !strings.Contains(out, want) {
			t.Errorf("home lacks %q:\n%s", want, out)
		}
	}
	if got := len(strings.Split(m.View(), "\n")); got != 20 {
		t.Fatalf("view is %d lines, want 20", got)
	}
}

func TestStatusFromTheStore(t *testing.T) {
	m, store := newHome(t)
	if _, err := store.SaveDraft(context.Background(), progress.Key("core", "core/two-groups"), "policy:x", "{}", 0); err != nil {
		t.Fatal(err)
	}
	scr, _ := m.Update(m.Init()())
	out := screentest.Plain(scr)
	if !strings.Contains(out, "draft") && !strings.Contains(out, "in progress") {
		t.Fatalf("draft not shown:\n%s", out)
	}
}

func TestFilterAndOpen(t *testing.T) {
	m, _ := newHome(t)
	m.Update(screentest.Key("/"))
	if !m.CapturesText() {
		t.Fatal("filter did not take the keys")
	}
	for _, r := range "scp" {
		m.Update(screentest.Key(string(r)))
	}
	out := screentest.Plain(m)
	if strings.Contains(out, "build   medium") || !strings.Contains(out, "SCP vs permissions boundary") {
		t.Fatalf("filter wrong:\n%s", out)
	}
	_, cmd := m.Update(screentest.Key("enter"))
	if cmd == nil {
		t.Fatal("enter did not open the match")
	}
	if _, ok := cmd().(screen.OpenMsg); !ok {
		t.Fatal("enter did not send OpenMsg")
	}
	m.Update(screentest.Key("esc"))
	if m.filter.Value() != "" {
		// Opening leaves the filter; esc clears it.
		m.Update(screentest.Key("esc"))
	}
	if !strings.Contains(screentest.Plain(m), "Two groups") {
		t.Fatal("esc did not clear the filter")
	}
}

func TestGroupingCycles(t *testing.T) {
	m, _ := newHome(t)
	m.Update(screentest.Key("v"))
	if !strings.Contains(screentest.Plain(m), "SAA-C03 · Domain 1") {
		t.Fatalf("no domain grouping:\n%s", screentest.Plain(m))
	}
	m.Update(screentest.Key("v"))
	if !strings.Contains(screentest.Plain(m), "A. ") {
		t.Fatalf("no topic grouping:\n%s", screentest.Plain(m))
	}
}

func TestEntriesOpenScreens(t *testing.T) {
	store, _ := progressdb.OpenMemory()
	defer store.Close()
	e := &Entry{Title: "Playground", Help: "any request", Key: key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "playground")), Open: func() screen.Screen { return opened{} }}
	m := New(screen.Deps{Store: store}, library(t), nil, e)
	m.SetStyles(theme.NewStyles(theme.Dark()))
	m.SetSize(80, 24)
	if !strings.Contains(screentest.Plain(m), "Playground") {
		t.Fatal("entry not listed")
	}
	_, cmd := m.Update(screentest.Key("p"))
	if cmd == nil {
		t.Fatal("p did not open the playground")
	}
	for _, l := range strings.Split(m.View(), "\n") {
		if ansi.StringWidth(l) > 80 {
			t.Fatalf("line wider than 80: %q", ansi.Strip(l))
		}
	}
}

// healthyHome is a library without broken packs: a search that matches no
// scenario then leaves no rows at all, which is where the cursor once
// indexed an empty list.
func healthyHome(t *testing.T) *Model {
	lib := library(t)
	lib.Packs = lib.Packs[:1]
	m := New(screen.Deps{}, lib, func(s *scenarios.Scenario) screen.Screen { return opened{} })
	m.SetStyles(theme.NewStyles(theme.NoColor()))
	m.SetSize(100, 20)
	return m
}

func typeKeys(m *Model, s string) {
	for _, r := range s {
		m.Update(screentest.Key(string(r)))
	}
}

func TestSearchThatMatchesNothingSaysSo(t *testing.T) {
	m := healthyHome(t)
	m.Update(screentest.Key("/"))
	typeKeys(m, "zz")
	out := screentest.Plain(m)
	if !strings.Contains(out, "nothing matches the filter (esc clears it)") {
		t.Fatalf("no 'nothing matches' line:\n%s", out)
	}
	if _, cmd := m.Update(screentest.Key("enter")); cmd != nil {
		t.Fatal("enter on an empty result opened something")
	}
	m.Update(screentest.Key("down"))
	m.Update(screentest.Key("esc"))
	if !strings.Contains(screentest.Plain(m), "Two groups, one bucket") {
		t.Fatalf("esc did not clear the search:\n%s", screentest.Plain(m))
	}
}

func TestExtendingAKeptSearchPastEveryMatch(t *testing.T) {
	m := healthyHome(t)
	m.Update(screentest.Key("/"))
	typeKeys(m, "two")
	m.Update(screentest.Key("enter")) // opens the match; the search stays in place
	m.Update(screentest.Key("/"))
	typeKeys(m, " first day")
	if out := screentest.Plain(m); !strings.Contains(out, "nothing matches") {
		t.Fatalf("extended search:\n%s", out)
	}
	for range 3 {
		m.Update(tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	m.Update(screentest.Key("esc"))
	if !strings.Contains(screentest.Plain(m), "SCP vs permissions boundary") {
		t.Fatalf("esc did not clear:\n%s", screentest.Plain(m))
	}
}

func TestSearchRanksTitleMatchesFirst(t *testing.T) {
	mk := func(id, title, tp string) *scenarios.Scenario {
		return &scenarios.Scenario{ID: id, Title: title, Kind: scenarios.Build, Difficulty: 2,
			Topics: []curriculum.Topic{topic(t, tp)}, Briefing: "x"}
	}
	lib := &scenarios.Library{Packs: []*scenarios.Pack{
		{ID: "a", Title: "First pack", BuiltIn: true, Scenarios: []*scenarios.Scenario{
			mk("a/boundary", "Where the permissions boundary stops", "scp-never-grants"),
			mk("a/scp-deny", "Deny with an SCP", "explicit-deny"),
		}},
		{ID: "b", Title: "Second pack", BuiltIn: true, Scenarios: []*scenarios.Scenario{
			mk("b/other", "A question of SCPs", "explicit-deny"),
			mk("b/scp", "SCP", "explicit-deny"),
			mk("b/prefix", "SCP vs boundary", "explicit-deny"),
		}},
	}}
	m := New(screen.Deps{}, lib, nil)
	m.SetStyles(theme.NewStyles(theme.NoColor()))
	m.SetSize(100, 20)
	m.Update(screentest.Key("/"))
	typeKeys(m, "scp")
	var got []string
	for _, r := range m.rows {
		if r.kind == rowScenario {
			got = append(got, r.scenario.ID)
		}
	}
	// Exact, then prefix lead their pack, and that pack leads the list.
	want := []string{"b/scp", "b/prefix", "b/other", "a/scp-deny", "a/boundary"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("order %v, want %v", got, want)
	}
	if m.rows[m.cursor].scenario.ID != "b/scp" {
		t.Fatalf("selection on %q, want the exact match", m.rows[m.cursor].text)
	}
}

// TestProblemsBelowTheLastScenarioCanBeRead: in a window too short for the
// whole list, moving to the last scenario brings the broken pack's
// problems below it into view; no key can move the cursor onto them.
func TestProblemsBelowTheLastScenarioCanBeRead(t *testing.T) {
	m, _ := newHome(t)
	m.SetSize(100, 9) // three rows of list
	if out := screentest.Plain(m); strings.Contains(out, "pack.yaml:3:1") {
		t.Fatalf("the window is not short enough for this test:\n%s", out)
	}
	for range len(m.rows) {
		m.Update(screentest.Key("down"))
	}
	out := screentest.Plain(m)
	if !strings.Contains(out, "⚠ class") || !strings.Contains(out, "pack.yaml:3:1") {
		t.Fatalf("at the last scenario the problems are still out of view:\n%s", out)
	}
	if !strings.Contains(out, "› ") {
		t.Fatalf("the cursor's row left the window:\n%s", out)
	}
	m.Update(screentest.Key("up"))
	if out := screentest.Plain(m); !strings.Contains(out, "› ") {
		t.Fatalf("moving up lost the cursor:\n%s", out)
	}
}
