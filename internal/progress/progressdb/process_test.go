package progressdb

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The multi-process tests run this test binary as the second process: with
// IAMLAB_PROGRESS_HELPER set, TestHelperProcess records attempts into
// HELPER_DB and prints "committed <id>" after each commit returns.
const helperEnv = "IAMLAB_PROGRESS_HELPER"

func TestHelperProcess(t *testing.T) {
	if os.Getenv(helperEnv) == "" {
		t.Skip("helper for the multi-process tests, not a test by itself")
	}
	if os.Getenv("HELPER_MODE") == "backup" {
		backupHelper()
	}
	count, _ := strconv.Atoi(os.Getenv("HELPER_COUNT")) // 0: until killed
	tag := os.Getenv("HELPER_TAG")
	s, err := Open(os.Getenv("HELPER_DB"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "helper open:", err)
		os.Exit(2)
	}
	ctx := context.Background()
	for i := 0; count == 0 || i < count; i++ {
		a := solvedAttempt(fmt.Sprintf("%s-%d", tag, i%7), time.Now(), "explicit-deny", "scp-never-grants")
		id, err := s.RecordAttempt(ctx, a)
		if err != nil {
			fmt.Fprintln(os.Stderr, "helper record:", err)
			os.Exit(3)
		}
		// Unbuffered: the line reaches the pipe only after the commit.
		fmt.Printf("committed %d\n", id)
	}
	s.Close()
	os.Exit(0)
}

// syncBuffer collects a child's stdout while the test polls it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (w *syncBuffer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *syncBuffer) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

func helper(t *testing.T, db, tag string, count int) (*exec.Cmd, *syncBuffer, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), helperEnv+"=1", "HELPER_DB="+db, "HELPER_TAG="+tag, "HELPER_COUNT="+strconv.Itoa(count))
	out, errb := &syncBuffer{}, &bytes.Buffer{}
	cmd.Stdout, cmd.Stderr = out, errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, out, errb
}

// committedIDs parses complete "committed N" lines; a line cut by the kill
// has no newline and is ignored.
func committedIDs(out string) []int64 {
	var ids []int64
	for _, line := range strings.SplitAfter(out, "\n") {
		if !strings.HasSuffix(line, "\n") {
			continue
		}
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "committed "); ok {
			if id, err := strconv.ParseInt(v, 10, 64); err == nil {
				ids = append(ids, id)
			}
		}
	}
	return ids
}

func TestTwoProcessesWriteAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a second process")
	}
	s, path := openTemp(t)
	const n = 40
	cmd, out, errb := helper(t, path, "child", n)
	ctx := context.Background()
	// Start writing once the child is writing, so the two really overlap.
	for deadline := time.Now().Add(20 * time.Second); len(committedIDs(out.String())) == 0; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("child never committed; stderr:\n%s", errb)
		}
	}
	for i := 0; i < n; i++ {
		a := solvedAttempt(fmt.Sprintf("parent-%d", i%5), t0, "explicit-deny", "scp-never-grants")
		if _, err := s.RecordAttempt(ctx, a); err != nil {
			t.Fatalf("parent write %d: %v", i, err)
		}
		if _, err := s.ScenarioStatus(ctx); err != nil { // reads interleave too
			t.Fatal(err)
		}
		// A short pause, as between a learner's actions, lets the child's
		// busy handler find the lock free instead of starving.
		time.Sleep(2 * time.Millisecond)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("child: %v\n%s", err, errb)
	}
	ids := committedIDs(out.String())
	if first := ids[0]; first > 1 && len(ids) == n && ids[n-1]-first == n-1 {
		t.Logf("warning: the child's ids are contiguous; the writes may not have interleaved")
	}
	if len(ids) != n {
		t.Fatalf("child reported %d commits, want %d", len(ids), n)
	}
	var total, reviews, reps int
	s.db.QueryRow("SELECT count(*) FROM attempts").Scan(&total)
	s.db.QueryRow("SELECT count(*) FROM reviews WHERE topic_id = 'explicit-deny'").Scan(&reviews)
	s.db.QueryRow("SELECT reps FROM cards WHERE topic_id = 'explicit-deny'").Scan(&reps)
	if total != 2*n || reviews != 2*n || reps != 2*n {
		t.Fatalf("attempts %d, reviews %d, card reps %d; want %d each (no lost update)", total, reviews, reps, 2*n)
	}
	for _, id := range ids {
		var x int
		if err := s.db.QueryRow("SELECT count(*) FROM attempts WHERE id = ?", id).Scan(&x); err != nil || x != 1 {
			t.Fatalf("child's attempt %d missing", id)
		}
	}
}

func TestSIGKILLMidWriteLosesNothingCommitted(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes")
	}
	seed := uint64(time.Now().UnixNano())
	t.Logf("random seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	s, path := openTemp(t)
	s.Close()
	var all []int64
	const rounds = 5
	for round := 0; round < rounds; round++ {
		cmd, out, errb := helper(t, path, fmt.Sprintf("kill%d", round), 0)
		deadline := time.Now().Add(20 * time.Second)
		for len(committedIDs(out.String())) == 0 {
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("round %d: child never committed; stderr:\n%s", round, errb)
			}
			time.Sleep(2 * time.Millisecond)
		}
		time.Sleep(time.Duration(10+rng.IntN(190)) * time.Millisecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()
		ids := committedIDs(out.String())
		all = append(all, ids...)

		re, err := Open(path)
		if err != nil {
			t.Fatalf("round %d: reopen after SIGKILL: %v", round, err)
		}
		if n := re.Notices(); len(n) != 0 {
			t.Fatalf("round %d: database judged damaged: %v", round, n)
		}
		var check string
		re.db.QueryRow("PRAGMA integrity_check").Scan(&check)
		if check != "ok" {
			t.Fatalf("round %d: integrity_check = %q", round, check)
		}
		for _, id := range all {
			var x int
			re.db.QueryRow("SELECT count(*) FROM attempts WHERE id = ?", id).Scan(&x)
			if x != 1 {
				t.Fatalf("round %d: committed attempt %d lost", round, id)
			}
		}
		// Each attempt and its card updates share one transaction.
		var attempts, reviews, reps int
		re.db.QueryRow("SELECT count(*) FROM attempts").Scan(&attempts)
		re.db.QueryRow("SELECT count(*) FROM reviews WHERE topic_id = 'scp-never-grants'").Scan(&reviews)
		re.db.QueryRow("SELECT reps FROM cards WHERE topic_id = 'scp-never-grants'").Scan(&reps)
		if attempts < len(all) || reviews != attempts || reps != attempts {
			t.Fatalf("round %d: %d attempts, %d reviews, %d reps, %d reported", round, attempts, reviews, reps, len(all))
		}
		re.Close()
		t.Logf("round %d: %d commits reported, %d attempts stored", round, len(ids), attempts)
	}
}
