package progressview

import (
	"context"
	"strings"
	"testing"
	"time"

	xansi "github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/tui/golden"
	"github.com/iamlab/iamlab/internal/tui/theme"
)

// Every finished exam is listed with its score, and each domain's share
// right is drawn as a trend from the first exam to the latest.
func TestExamHistoryAndTrendPerDomain(t *testing.T) {
	s := memStore(t)
	populate(t, s)
	ctx := context.Background()
	bands := []progress.Band{progress.BandNeedsWork, progress.BandBorderline, progress.BandReady}
	for i, c := range [][2]int{{2, 5}, {3, 6}, {5, 6}} {
		at := t0.Add(time.Duration(i-3) * 24 * time.Hour)
		r := progress.ExamResult{Exam: "SCS-C03", StartedAt: at.Add(-30 * time.Minute), FinishedAt: at, Items: 13, Correct: c[0] + c[1],
			Elapsed: 30 * time.Minute, Limit: 34 * time.Minute, Band: bands[i],
			Domains: []progress.ExamDomainResult{{Number: 4, Name: "Identity and Access Management", Correct: c[0], Total: 6}, {Number: 6, Name: "Security Foundations and Governance", Correct: c[1], Total: 7}}}
		if _, err := s.RecordExam(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.RecordExam(ctx, progress.ExamResult{Exam: "SAA-C03", Items: 13, Correct: 13, FinishedAt: t0}); err != nil {
		t.Fatal(err)
	}
	for _, size := range [][2]int{{80, 22}, {120, 38}} {
		m := newScreen(t, s, Options{Exam: "SCS-C03"}, size[0], size[1], theme.NoColor())
		body := xansi.Strip(strings.Join(m.body, "\n"))
		for _, want := range []string{"Mock exams · SCS-C03 · 3 taken", "11/13", "D4 Identity and Access Management", "33% ↗  83%", "(3 exams)"} {
			if !strings.Contains(body, want) {
				t.Fatalf("%v: the history lacks %q:\n%s", size, want, body)
			}
		}
		if strings.Contains(body, "13/13") {
			t.Fatal("an SAA-C03 exam is listed under SCS-C03")
		}
		// Scroll to the history for the golden screen.
		for i, l := range m.body {
			if strings.Contains(xansi.Strip(l), "Mock exams") {
				m.win.Off = min(i, m.maxOffset())
				break
			}
		}
		golden.Check(t, "history-"+map[int]string{80: "80x24", 120: "120x40"}[size[0]], m.View(), size[0], size[1])
	}
}

// The screen opens on the exam the learner prepares for.
func TestOpensOnTheLearnersExam(t *testing.T) {
	s := memStore(t)
	if err := s.SetSetting(context.Background(), progress.SettingExam, "SAA-C03"); err != nil {
		t.Fatal(err)
	}
	m := newScreen(t, s, Options{}, 120, 38, theme.NoColor())
	if m.currentExam().ID != "SAA-C03" {
		t.Fatalf("opened on %s", m.currentExam().ID)
	}
}

// An exam submitted blank records no answers, but it is in the history.
func TestBlankExamIsListed(t *testing.T) {
	s := memStore(t)
	if _, err := s.RecordExam(context.Background(), progress.ExamResult{Exam: "SAA-C03", Items: 13, FinishedAt: t0, Band: progress.BandNeedsWork,
		Domains: []progress.ExamDomainResult{{Number: 1, Name: "Design Secure Architectures", Total: 13}}}); err != nil {
		t.Fatal(err)
	}
	m := newScreen(t, s, Options{Exam: "SAA-C03"}, 80, 60, theme.NoColor())
	if body := xansi.Strip(strings.Join(m.body, "\n")); !strings.Contains(body, "Mock exams · SAA-C03 · 1 taken") || !strings.Contains(body, "0/13") {
		t.Fatalf("a blank exam is missing:\n%s", body)
	}
}
