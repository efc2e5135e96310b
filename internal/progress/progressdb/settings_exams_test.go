package progressdb

import (
	"context"
	"testing"
	"time"

	"github.com/iamlab/iamlab/internal/progress"
)

func TestSettingsSurviveReopen(t *testing.T) {
	s, path := openTemp(t)
	ctx := context.Background()
	if _, ok, err := s.Setting(ctx, progress.SettingExam); ok || err != nil {
		t.Fatalf("a new store has an exam setting: %v %v", ok, err)
	}
	if err := s.SetSetting(ctx, progress.SettingExam, "SAA-C03"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting(ctx, progress.SettingExam, "SCS-C03"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if v, ok, err := s2.Setting(ctx, progress.SettingExam); !ok || err != nil || v != "SCS-C03" {
		t.Fatalf("after reopening: %q %v %v", v, ok, err)
	}
	if err := s2.SetSetting(ctx, "", "x"); err == nil {
		t.Fatal("an empty key was accepted")
	}
}

func TestExamHistoryKeepsDomainsInOrder(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	for i, correct := range []int{5, 9} {
		r := progress.ExamResult{Exam: "SAA-C03", StartedAt: t0.Add(time.Duration(i) * time.Hour), FinishedAt: t0.Add(time.Duration(i)*time.Hour + 20*time.Minute),
			Items: 13, Correct: correct, Elapsed: 20 * time.Minute, Limit: 26 * time.Minute, Band: progress.BandNeedsWork,
			Domains: []progress.ExamDomainResult{{Number: 1, Name: "Design Secure Architectures", Correct: correct, Total: 10}, {Number: 3, Name: "High-Performing", Correct: 0, Total: 3}}}
		if _, err := s.RecordExam(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.RecordExam(ctx, progress.ExamResult{Exam: "SCS-C03", Items: 2, Correct: 1, FinishedAt: t0}); err != nil {
		t.Fatal(err)
	}
	h, err := s.ExamHistory(ctx, "SAA-C03")
	if err != nil || len(h) != 2 {
		t.Fatalf("history %v %v", h, err)
	}
	if h[0].Correct != 5 || h[1].Correct != 9 || len(h[1].Domains) != 2 || h[1].Domains[0].Correct != 9 || h[1].Domains[1].Number != 3 {
		t.Fatalf("history %+v", h)
	}
	if h[1].Elapsed != 20*time.Minute || h[1].Band != progress.BandNeedsWork || h[0].Percent() < 38 || h[0].Percent() > 39 {
		t.Fatalf("history %+v", h[1])
	}
	all, _ := s.ExamHistory(ctx, "")
	if len(all) != 3 {
		t.Fatalf("all: %d", len(all))
	}
	if _, err := s.RecordExam(ctx, progress.ExamResult{Exam: "SAA-C03", Items: 2, Correct: 3}); err == nil {
		t.Fatal("more correct than items was accepted")
	}
	if _, err := s.ResetAll(ctx); err != nil {
		t.Fatal(err)
	}
	if all, _ := s.ExamHistory(ctx, ""); len(all) != 0 {
		t.Fatalf("reset kept %d exams", len(all))
	}
}

func TestPausedExamIsOneSlot(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	if _, ok, _ := s.PausedExam(ctx); ok {
		t.Fatal("a new store has a paused exam")
	}
	if err := s.SavePausedExam(ctx, `{"a":1}`); err != nil {
		t.Fatal(err)
	}
	if err := s.SavePausedExam(ctx, `{"a":2}`); err != nil {
		t.Fatal(err)
	}
	p, ok, err := s.PausedExam(ctx)
	if !ok || err != nil || p.Body != `{"a":2}` || !p.SavedAt.Equal(t0) {
		t.Fatalf("%+v %v %v", p, ok, err)
	}
	if err := s.DeletePausedExam(ctx); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.PausedExam(ctx); ok {
		t.Fatal("the paused exam was not forgotten")
	}
}

func TestPlaygroundDraftsAndRequests(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	if err := s.SavePlaygroundDrafts(ctx, "w1", map[string]string{"request": "R", "doc:p": "P"}); err != nil {
		t.Fatal(err)
	}
	// A later save without the policy (ctrl+r reset it) drops its row.
	if err := s.SavePlaygroundDrafts(ctx, "w1", map[string]string{"request": "R2"}); err != nil {
		t.Fatal(err)
	}
	ds, err := s.PlaygroundDrafts(ctx, "w1")
	if err != nil || len(ds) != 1 || ds[0].Body != "R2" {
		t.Fatalf("%+v %v", ds, err)
	}
	if ds, _ := s.PlaygroundDrafts(ctx, "w2"); len(ds) != 0 {
		t.Fatal("drafts leaked to another world")
	}
	for _, req := range []string{"a", "b", "a"} {
		if _, err := s.AddPlaygroundRequest(ctx, progress.PlaygroundRequest{World: "w1", Kind: progress.RequestAsked, Request: req, Decision: "allowed"}); err != nil {
			t.Fatal(err)
		}
	}
	h, _ := s.PlaygroundRequests(ctx, "w1", progress.RequestAsked)
	if len(h) != 2 || h[0].Request != "a" || h[1].Request != "b" {
		t.Fatalf("history %+v", h)
	}
	for i := 0; i < historyKeep+5; i++ {
		if _, err := s.AddPlaygroundRequest(ctx, progress.PlaygroundRequest{World: "w1", Kind: progress.RequestAsked, Request: string(rune('A' + i))}); err != nil {
			t.Fatal(err)
		}
	}
	if h, _ := s.PlaygroundRequests(ctx, "w1", progress.RequestAsked); len(h) != historyKeep {
		t.Fatalf("history not bounded: %d", len(h))
	}
	_, err = s.AddPlaygroundRequest(ctx, progress.PlaygroundRequest{World: "w1", Kind: progress.RequestSaved, Name: "dana reads", Request: "x"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddPlaygroundRequest(ctx, progress.PlaygroundRequest{World: "w1", Kind: progress.RequestSaved, Name: "dana reads", Request: "y"}); err != nil {
		t.Fatal(err)
	}
	sv, _ := s.PlaygroundRequests(ctx, "w1", progress.RequestSaved)
	if len(sv) != 1 || sv[0].Request != "y" {
		t.Fatalf("saved %+v", sv)
	}
	if _, err := s.AddPlaygroundRequest(ctx, progress.PlaygroundRequest{World: "w1", Kind: progress.RequestSaved, Request: "z"}); err == nil {
		t.Fatal("a saved request without a name was accepted")
	}
	if err := s.DeletePlaygroundRequest(ctx, sv[0].ID); err != nil {
		t.Fatal(err)
	}
	if sv, _ := s.PlaygroundRequests(ctx, "w1", progress.RequestSaved); len(sv) != 0 {
		t.Fatal("delete kept the request")
	}
}
