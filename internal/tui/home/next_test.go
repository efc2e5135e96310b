package home

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/iamlab/iamlab/internal/curriculum"
	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/progress/progressdb"
	"github.com/iamlab/iamlab/internal/scenarios"
	"github.com/iamlab/iamlab/internal/tui/golden"
	"github.com/iamlab/iamlab/internal/tui/screen"
	"github.com/iamlab/iamlab/internal/tui/theme"
)

func loaded(t *testing.T, m *Model) {
	t.Helper()
	m.Update(m.Init()())
}

// A new learner's Next is the easiest unsolved scenario for the exam they
// chose, first in teaching order among equals.
func TestNextIsTheEasiestUnsolvedForTheChosenExam(t *testing.T) {
	mk := func(id string, difficulty int, tk string) *scenarios.Scenario {
		return &scenarios.Scenario{ID: id, Title: id, Kind: scenarios.Build, Difficulty: difficulty,
			Topics: []curriculum.Topic{topic(t, "explicit-deny")}, Exam: []curriculum.Task{task(t, tk)}}
	}
	lib := &scenarios.Library{Packs: []*scenarios.Pack{
		{ID: "foundations", Scenarios: []*scenarios.Scenario{mk("hard-saa", 3, "SAA-C03 1.1"), mk("mid-scs", 2, "SCS-C03 D6")}},
		{ID: "core", Scenarios: []*scenarios.Scenario{mk("easy-saa", 1, "SAA-C03 1.1"), mk("easy-scs", 1, "SCS-C03 D6"), mk("easy-saa-2", 1, "SAA-C03 1.1")}},
	}}
	for _, p := range lib.Packs {
		for _, s := range p.Scenarios {
			s.Pack = p.ID // progress is kept by pack and scenario
		}
	}
	store, err := progressdb.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	m := New(screen.Deps{Store: store}, lib, nil)
	m.SetStyles(theme.NewStyles(theme.NoColor()))
	m.SetSize(100, 20)
	ctx := context.Background()
	for _, c := range []struct{ exam, want string }{{"", "easy-saa"}, {"SAA-C03", "easy-saa"}, {"SCS-C03", "easy-scs"}} {
		if c.exam != "" {
			if err := store.SetSetting(ctx, progress.SettingExam, c.exam); err != nil {
				t.Fatal(err)
			}
		}
		loaded(t, m)
		if got := m.suggestion(); got == nil || got.ID != c.want {
			t.Fatalf("exam %q: next is %v, want %s", c.exam, got, c.want)
		}
	}
	// Solved: the next easiest for the exam.
	if _, err := store.RecordAttempt(ctx, progress.Attempt{ScenarioKey: progress.Key("core", "easy-scs"), Outcome: progress.Solved, FinishedAt: time.Now(), Score: 100}); err != nil {
		t.Fatal(err)
	}
	loaded(t, m)
	if got := m.suggestion(); got == nil || got.ID != "mid-scs" {
		t.Fatalf("after solving easy-scs: %v", got)
	}
}

// With the built-in library, both exams start a new learner on a warm-up
// of the first pack.
func TestNextOnTheBuiltInLibrary(t *testing.T) {
	lib := scenarios.LoadLibrary(scenarios.LibraryOptions{})
	if lib.Packs[0].ID != "foundations" {
		t.Fatalf("first pack %s", lib.Packs[0].ID)
	}
	for _, exam := range []string{"SAA-C03", "SCS-C03"} {
		store, _ := progressdb.OpenMemory()
		_ = store.SetSetting(context.Background(), progress.SettingExam, exam)
		m := New(screen.Deps{Store: store}, lib, nil)
		loaded(t, m)
		s := m.suggestion()
		if s == nil || s.Difficulty != 1 || !forExam(s, exam) {
			t.Fatalf("%s: next %+v", exam, s)
		}
		m.SetStyles(theme.NewStyles(theme.NoColor()))
		for _, size := range [][2]int{{80, 22}, {120, 38}} {
			m.SetSize(size[0], size[1])
			golden.Check(t, fmt.Sprintf("next-%s-%dx%d", exam, size[0], size[1]+2), m.View(), size[0], size[1])
		}
		store.Close()
	}
}
