package progressdb

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/iamlab/iamlab/internal/progress"
)

// backupHelper is the child of TestResetBackupKilledLeavesNoFalseBackup: it
// announces the backup, then writes it, so the parent can kill it part-way.
func backupHelper() {
	s, err := Open(os.Getenv("HELPER_DB"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "helper open:", err)
		os.Exit(2)
	}
	fmt.Println("backing up")
	if _, err := s.ResetScenario(context.Background(), progress.Key("core", os.Getenv("HELPER_TAG"))); err != nil {
		fmt.Fprintln(os.Stderr, "helper reset:", err)
		os.Exit(3)
	}
	fmt.Println("done")
	os.Exit(0)
}

// A reset killed while it writes its backup must not leave a file named
// like a backup that is not one: whatever carries the backup name opens
// as a complete copy, and the partial copy is cleared on the next start.
func TestResetBackupKilledLeavesNoFalseBackup(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes")
	}
	seed := uint64(time.Now().UnixNano())
	t.Logf("random seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 2))
	s, path := openTemp(t)
	// Big enough that VACUUM INTO takes a while to write.
	big := strings.Repeat(`{"Version":"2012-10-17","Statement":[]}`, 20000)
	for i := 0; i < 40; i++ {
		a := solvedAttempt(fmt.Sprintf("s-%d", i), t0.Add(time.Duration(i)*time.Minute), "explicit-deny")
		a.Policies = map[string]string{"P": big + fmt.Sprint(i)}
		mustRecord(t, s, a)
	}
	s.Close()
	const rounds = 6
	killed := 0
	for round := 0; round < rounds; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
		cmd.Env = append(os.Environ(), helperEnv+"=1", "HELPER_MODE=backup", "HELPER_DB="+path, "HELPER_TAG=nothing-to-reset")
		out, errb := &syncBuffer{}, &strings.Builder{}
		cmd.Stdout, cmd.Stderr = out, errb
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		for deadline := time.Now().Add(20 * time.Second); !strings.Contains(out.String(), "backing up\n"); time.Sleep(time.Millisecond) {
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("child never started its backup; stderr:\n%s", errb)
			}
		}
		time.Sleep(time.Duration(rng.IntN(150)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if !strings.Contains(out.String(), "done") {
			killed++
		}
		backups, _ := filepath.Glob(path + ".backup-*")
		for _, b := range backups {
			db, err := Open(b)
			if err != nil {
				t.Fatalf("round %d: %s is named as a backup but does not open: %v", round, b, err)
			}
			n := db.Notices()
			var attempts int
			db.db.QueryRow("SELECT count(*) FROM attempts").Scan(&attempts)
			db.Close()
			if len(n) != 0 || attempts != 40 {
				t.Fatalf("round %d: %s is named as a backup but is not a complete one (%v, %d attempts)", round, b, n, attempts)
			}
			// Judged: do not judge it again next round (Open may have
			// moved a damaged one aside).
			os.Rename(b, filepath.Join(filepath.Dir(b), fmt.Sprintf("checked-%d-%s", round, filepath.Base(b))))
		}
		// The next start clears what the killed backup left.
		re, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		re.Close()
		ents, _ := os.ReadDir(filepath.Dir(path))
		for _, e := range ents {
			if n := e.Name(); strings.Contains(n, "backup") && !strings.HasPrefix(n, "checked-") {
				t.Fatalf("round %d: %s left behind after the next start", round, n)
			}
		}
	}
	t.Logf("%d of %d backups killed part-way", killed, rounds)
	if killed == 0 {
		t.Log("warning: no backup was interrupted; the test proved nothing this run")
	}
}
