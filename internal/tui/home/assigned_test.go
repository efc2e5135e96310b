package home

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/progress/progressdb"
	"github.com/iamlab/iamlab/internal/scenarios"
	"github.com/iamlab/iamlab/internal/tui/screen"
	"github.com/iamlab/iamlab/internal/tui/screentest"
	"github.com/iamlab/iamlab/internal/tui/theme"
)

// The Assigned group leads the scenarios, soonest due first, each saying
// what is due: overdue, due in N days, done; Next suggests the one due
// soonest that is not solved; enter opens it.
func TestAssignedGroup(t *testing.T) {
	now := time.Date(2026, 12, 3, 10, 0, 0, 0, time.Local)
	store, err := progressdb.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	lib := library(t)
	two, scp := lib.Packs[0].Scenarios[0], lib.Packs[0].Scenarios[1]
	day := func(d int) time.Time { return time.Date(2026, 12, d, 0, 0, 0, 0, time.Local) }
	var openedOn *scenarios.Scenario
	m := New(screen.Deps{Store: store, Now: func() time.Time { return now }}, lib, func(s *scenarios.Scenario) screen.Screen { openedOn = s; return opened{} }).
		WithAssigned([]Assigned{
			{Title: "Week 3: guardrails", Scenario: two, Due: day(6)},
			{Title: "Week 3: guardrails", Scenario: scp, Due: day(1)},
		})
	m.SetStyles(theme.NewStyles(theme.NoColor()))
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		m.SetSize(size[0], size[1])
		m.Update(m.Init()())
		frame := screentest.Plain(m)
		lines := strings.Split(frame, "\n")
		head := -1
		for i, l := range lines {
			if strings.Contains(l, "Assigned · Week 3: guardrails") {
				head = i
			}
			if w := ansi.StringWidth(l); w > size[0] {
				t.Errorf("%dx%d: line %d is %d wide", size[0], size[1], i, w)
			}
		}
		if head < 0 || head+2 >= len(lines) {
			t.Fatalf("%dx%d: no Assigned group:\n%s", size[0], size[1], frame)
		}
		if !strings.Contains(lines[head+1], "SCP vs permissions boundary") || !strings.Contains(lines[head+1], "overdue 2 days") ||
			!strings.Contains(lines[head+2], "Two groups, one bucket") || !strings.Contains(lines[head+2], "due in 3 days") {
			t.Fatalf("%dx%d: the group is not soonest first with its dates:\n%s", size[0], size[1], frame)
		}
		if !strings.Contains(frame, "Next: SCP vs permissions boundary") {
			t.Errorf("%dx%d: Next does not suggest the overdue assignment:\n%s", size[0], size[1], frame)
		}
		if strings.Index(frame, "Assigned ·") > strings.Index(frame, "Core evaluation") {
			t.Errorf("the Assigned group is not above the packs:\n%s", frame)
		}
	}

	// Solved: done, and Next moves on to the other one.
	if _, err := store.RecordAttempt(context.Background(), progress.Attempt{ScenarioKey: progress.Key(scp.Pack, scp.ID), Outcome: progress.Solved, Score: 100, Stars: 3, FinishedAt: now}); err != nil {
		t.Fatal(err)
	}
	m.Update(m.Init()())
	frame := screentest.Plain(m)
	if !strings.Contains(frame, "done") || !strings.Contains(frame, "Next: Two groups, one bucket") {
		t.Fatalf("after solving:\n%s", frame)
	}
	m.Update(screentest.Key("n"))
	if openedOn != two {
		t.Fatalf("n opened %v", openedOn)
	}
}
