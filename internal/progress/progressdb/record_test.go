package progressdb

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"

	"github.com/iamlab/iamlab/internal/progress"
)

func TestRecordAttemptStatusAndBest(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	fail := solvedAttempt("two-groups", t0, "explicit-deny")
	fail.Outcome, fail.Score, fail.Stars = progress.Failed, 40, 0
	id1 := mustRecord(t, s, fail)
	st, _ := s.ScenarioStatus(ctx)
	if got := st[progress.Key("core", "two-groups")]; got.Status != progress.StatusInProgress || got.Attempts != 1 || got.BestScore != 40 {
		t.Fatalf("after a failed attempt: %+v", got)
	}
	ok := solvedAttempt("two-groups", t0.Add(time.Hour), "explicit-deny")
	ok.Score, ok.Stars, ok.Hints = 80, 2, []int{1}
	id2 := mustRecord(t, s, ok)
	worse := solvedAttempt("two-groups", t0.Add(2*time.Hour), "explicit-deny")
	worse.Score, worse.Stars = 70, 1
	mustRecord(t, s, worse)
	st, _ = s.ScenarioStatus(ctx)
	got := st[progress.Key("core", "two-groups")]
	if got.Status != progress.StatusSolved || got.Stars != 2 || got.BestScore != 80 || got.Attempts != 3 {
		t.Fatalf("best not kept: %+v", got)
	}
	if progress.StatusOf(st, progress.Key("core", "never-seen")).Status != progress.StatusNew {
		t.Fatal("unknown scenarios are new")
	}
	var bestID int64
	s.db.QueryRow("SELECT attempt_id FROM best WHERE scenario_id = 'two-groups'").Scan(&bestID)
	if bestID != id2 || id1 == id2 {
		t.Fatalf("best attempt id %d, want %d", bestID, id2)
	}
	// Ratings: failed first → Again; second with a hint → Hard; third → Hard.
	ex, _ := s.Export(ctx, "dana", t0)
	var ratings []fsrs.Rating
	for _, a := range ex.Attempts {
		ratings = append(ratings, a.Rating)
	}
	if len(ratings) != 3 || ratings[0] != fsrs.Again || ratings[1] != fsrs.Hard || ratings[2] != fsrs.Hard {
		t.Fatalf("ratings %v", ratings)
	}
	if a := ex.Attempts[0]; a.AttemptNo != 1 || len(a.Checks) != 2 || !a.Checks[1].Hidden ||
		a.Policies["NoFinance"] == "" || *a.LeastPrivilege != 1 || a.Tasks[0] != "SCS-C03:4.2.4" {
		t.Fatalf("attempt not stored in full: %+v", a)
	}
	var reps int
	s.db.QueryRow("SELECT reps FROM cards WHERE topic_id = 'explicit-deny'").Scan(&reps)
	if reps != 3 {
		t.Fatalf("card reps %d, want 3", reps)
	}
}

func TestInvalidRecords(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	if _, err := s.RecordAttempt(ctx, progress.Attempt{Outcome: progress.Solved}); !errors.Is(err, progress.ErrInvalid) {
		t.Fatalf("missing scenario: %v", err)
	}
	if _, err := s.RecordAttempt(ctx, progress.Attempt{ScenarioKey: progress.Key("core", "x"), Outcome: "won"}); !errors.Is(err, progress.ErrInvalid) || !strings.Contains(err.Error(), "expected solved") {
		t.Fatalf("bad outcome: %v", err)
	}
	if _, err := s.RecordAnswer(ctx, progress.Answer{ItemID: "q", Confidence: "very"}); !errors.Is(err, progress.ErrInvalid) {
		t.Fatalf("bad confidence: %v", err)
	}
}

func TestDrafts(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	rev, _ := s.SaveDraft(ctx, progress.Key("core", "two-groups"), "NoFinance", "v1", 0)
	if _, err := s.SaveDraft(ctx, progress.Key("core", "two-groups"), "NoFinance", "v2", rev); err != nil {
		t.Fatal(err)
	}
	s.SaveDraft(ctx, progress.Key("core", "two-groups"), "ReadReports", "r", 0)
	d, err := s.Drafts(ctx, progress.Key("core", "two-groups"))
	if err != nil || len(d) != 2 || d[0].DocName != "NoFinance" || d[0].Text != "v2" || !d[0].UpdatedAt.Equal(t0) {
		t.Fatalf("drafts %+v %v", d, err)
	}
	st, _ := s.ScenarioStatus(ctx)
	if g := st[progress.Key("core", "two-groups")]; g.Status != progress.StatusInProgress || !g.HasDraft {
		t.Fatalf("draft-only scenario: %+v", g)
	}
	s.DeleteDrafts(ctx, progress.Key("core", "two-groups"))
	if d, _ := s.Drafts(ctx, progress.Key("core", "two-groups")); len(d) != 0 {
		t.Fatal("drafts not deleted")
	}
}

func TestAnswersDueReviewsAndCalibration(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	answer := func(item, topic string, correct bool, c progress.Confidence, at time.Time) {
		if _, err := s.RecordAnswer(ctx, progress.Answer{ItemID: item, At: at, Chosen: "B", Correct: correct, Confidence: c,
			Duration: 90 * time.Second, Mode: progress.ExamMode, Topics: []string{topic}}); err != nil {
			t.Fatal(err)
		}
	}
	answer("q1", "scp-never-grants", false, progress.Sure, t0)
	answer("q2", "session-policies", true, progress.Sure, t0)
	due, err := s.DueReviews(ctx, t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	// Again schedules a minute-level relearning step; Good a 10-minute step.
	if len(due) != 2 || due[0].TopicID != "scp-never-grants" || due[0].Title == "" {
		t.Fatalf("due %+v", due)
	}
	if due, _ := s.DueReviews(ctx, t0); len(due) != 0 {
		t.Fatalf("nothing is due at the moment of answering: %+v", due)
	}
	rep, _ := s.Readiness(ctx, "SCS-C03", time.Time{}, t0)
	if rep.Calibration.ConfidentWrong != 1 || rep.Calibration.Sure != 2 || rep.Calibration.SureCorrect != 1 {
		t.Fatalf("calibration %+v", rep.Calibration)
	}
}

func TestStreak(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	now := t0
	for _, d := range []int{0, 0, 1, 2, 4} { // today twice, yesterday, 2 days ago, gap, 4 days ago
		mustRecord(t, s, solvedAttempt("s", now.AddDate(0, 0, -d), "implicit-deny"))
	}
	st, _ := s.streak(ctx, now)
	if st.Days != 3 || !st.ActiveToday {
		t.Fatalf("streak %+v, want 3 days active today", st)
	}
	st, _ = s.streak(ctx, now.AddDate(0, 0, 1))
	if st.Days != 3 || st.ActiveToday {
		t.Fatalf("next day: %+v, want the streak kept until the day ends", st)
	}
	st, _ = s.streak(ctx, now.AddDate(0, 0, 2))
	if st.Days != 0 {
		t.Fatalf("two days later: %+v", st)
	}
}

func TestExportFormats(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	a := solvedAttempt("two-groups", t0, "explicit-deny")
	a.Hints = []int{1, 2}
	mustRecord(t, s, a)
	s.RecordAnswer(ctx, progress.Answer{ItemID: "quiz-7", At: t0.Add(time.Minute), Chosen: "C, A", Correct: true,
		Confidence: progress.Guess, Duration: 30 * time.Second, Mode: progress.Practice, Topics: []string{"notaction"}})
	ex, err := s.Export(ctx, "Dana, group 2", t0)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := ex.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || strings.Join(rows[0], ",") != strings.Join(progress.CSVHeader, ",") {
		t.Fatalf("csv rows %q", rows)
	}
	col := func(row []string, name string) string {
		for i, h := range progress.CSVHeader {
			if h == name {
				return row[i]
			}
		}
		t.Fatalf("no column %s", name)
		return ""
	}
	if col(rows[1], "learner") != "Dana, group 2" || col(rows[1], "kind") != "attempt" || col(rows[1], "hints") != "1 2" ||
		col(rows[1], "rating") != "hard" || col(rows[1], "checks_passed") != "2" || col(rows[1], "finished_at") != "2026-03-02T10:00:00Z" {
		t.Fatalf("attempt row %q", rows[1])
	}
	if col(rows[2], "kind") != "answer" || col(rows[2], "chosen") != "C, A" || col(rows[2], "confidence") != "guess" ||
		col(rows[2], "duration_s") != "30" || col(rows[2], "topics") != "notaction" {
		t.Fatalf("answer row %q", rows[2])
	}

	buf.Reset()
	if err := ex.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var back progress.Export
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back.Learner != "Dana, group 2" || len(back.Attempts) != 1 || len(back.Answers) != 1 ||
		back.Attempts[0].Hints[1] != 2 || back.Answers[0].Confidence != progress.Guess || back.SchemaVersion != SchemaVersion() {
		t.Fatalf("json round trip %+v", back)
	}
}

func TestResetScenarioAndAll(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	mustRecord(t, s, solvedAttempt("a", t0, "explicit-deny"))
	mustRecord(t, s, solvedAttempt("b", t0.Add(time.Hour), "explicit-deny", "notaction"))
	s.SaveDraft(ctx, progress.Key("core", "b"), "doc", "text", 0)
	var before fsrs.Card
	{
		_, c, _ := scanCard(s.db.QueryRow(`SELECT ` + cardColumns + ` FROM cards WHERE topic_id = 'explicit-deny'`))
		before = c
	}
	backup, err := s.ResetScenario(ctx, progress.Key("core", "b"))
	if err != nil {
		t.Fatal(err)
	}
	if backup != path+".backup-20260302T100000Z" {
		t.Fatalf("backup path %q", backup)
	}
	// The backup is a complete, openable database holding what was reset.
	old, err := Open(backup)
	if err != nil {
		t.Fatal(err)
	}
	if st, _ := old.ScenarioStatus(ctx); len(st) != 2 {
		t.Fatalf("backup holds %d scenarios, want 2", len(st))
	}
	old.Close()

	st, _ := s.ScenarioStatus(ctx)
	if _, ok := st[progress.Key("core", "b")]; ok || st[progress.Key("core", "a")].Status != progress.StatusSolved {
		t.Fatalf("after reset of b: %+v", st)
	}
	_, after, _ := scanCard(s.db.QueryRow(`SELECT ` + cardColumns + ` FROM cards WHERE topic_id = 'explicit-deny'`))
	if after.Reps != 1 || before.Reps != 2 {
		t.Fatalf("card not rebuilt: before %d reps, after %d", before.Reps, after.Reps)
	}
	var n int
	s.db.QueryRow("SELECT count(*) FROM cards WHERE topic_id = 'notaction'").Scan(&n)
	if n != 0 {
		t.Fatal("a topic reviewed only by the reset scenario keeps no card")
	}

	backup2, err := s.ResetAll(ctx)
	if err != nil || backup2 == backup {
		t.Fatalf("second reset: %q %v", backup2, err)
	}
	if _, err := os.Stat(backup2); err != nil {
		t.Fatal(err)
	}
	st, _ = s.ScenarioStatus(ctx)
	ex, _ := s.Export(ctx, "", t0)
	if len(st) != 0 || len(ex.Attempts) != 0 {
		t.Fatalf("reset all left %v %v", st, ex.Attempts)
	}
}

func TestTimesBeforeLastReviewDoNotBreakCards(t *testing.T) {
	s, _ := openTemp(t)
	mustRecord(t, s, solvedAttempt("a", t0, "explicit-deny"))
	mustRecord(t, s, solvedAttempt("b", t0.Add(-48*time.Hour), "explicit-deny")) // clock set back
	_, c, _ := scanCard(s.db.QueryRow(`SELECT ` + cardColumns + ` FROM cards WHERE topic_id = 'explicit-deny'`))
	if c.ElapsedDays > 1000 || c.Reps != 2 {
		t.Fatalf("card %+v", c)
	}
}
