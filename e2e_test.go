package main

// End-to-end tests: the real binary in a pseudo-terminal, its output fed
// to a VT emulator so the assertions read the screen a learner would see.

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
	buildOut  []byte
)

// binary builds iamlab once per test run.
func binary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end: skipped with -short")
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "iamlab-e2e")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "iamlab")
		buildOut, buildErr = exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
	})
	if buildErr != nil {
		t.Fatalf("build: %v\n%s", buildErr, buildOut)
	}
	return binPath
}

// term is a running iamlab in a pseudo-terminal.
type term struct {
	t    *testing.T
	f    *os.File
	cmd  *exec.Cmd
	emu  *vt.SafeEmulator
	done chan error
}

func startTUI(t *testing.T, w, h int, env ...string) *term {
	t.Helper()
	cmd := exec.Command(binary(t))
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "IAMLAB_HOME="+t.TempDir())
	cmd.Env = append(cmd.Env, env...)
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: uint16(w), Rows: uint16(h)})
	if err != nil {
		t.Fatal(err)
	}
	tm := &term{t: t, f: f, cmd: cmd, emu: vt.NewSafeEmulator(w, h), done: make(chan error, 1)}
	go func() { _, _ = io.Copy(tm.emu, f) }()
	// The emulator answers the program's terminal queries (background
	// colour, device attributes) through the pty, as a real terminal does.
	go func() { _, _ = io.Copy(f, tm.emu) }()
	go func() { tm.done <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = f.Close()
	})
	return tm
}

// screen is the emulator's plain text. Render holds the emulator's lock;
// String would race with the goroutine feeding it output.
func (tm *term) screen() string { return ansi.Strip(tm.emu.Render()) }

// waitFor polls the screen until it shows want; the deadline only bounds a
// hang, it is not a speed assertion.
func (tm *term) waitFor(want string) {
	tm.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(tm.screen(), want) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	tm.t.Fatalf("the screen never showed %q; it shows:\n%s", want, tm.screen())
}

func (tm *term) send(s string) {
	tm.t.Helper()
	if _, err := tm.f.Write([]byte(s)); err != nil {
		tm.t.Fatal(err)
	}
	time.Sleep(30 * time.Millisecond)
}

// exit waits for the program to end and returns its status.
func (tm *term) exit() error {
	tm.t.Helper()
	select {
	case err := <-tm.done:
		return err
	case <-time.After(20 * time.Second):
		tm.t.Fatalf("iamlab did not exit; the screen shows:\n%s", tm.screen())
	}
	return nil
}

// answerExam answers the first start's question: which exam.
func (tm *term) answerExam(letter string) {
	tm.t.Helper()
	tm.waitFor("Which exam are you preparing for?")
	tm.send(letter)
}

func TestE2EHomeOpensAndQuits(t *testing.T) {
	tm := startTUI(t, 120, 40)
	tm.answerExam("b")
	tm.waitFor("Preparing for SCS-C03")
	tm.waitFor("Library")
	tm.waitFor("Core")
	tm.send("q")
	if err := tm.exit(); err != nil {
		t.Fatalf("exit: %v", err)
	}
}

func TestE2ETooSmallTerminalSaysSo(t *testing.T) {
	tm := startTUI(t, 60, 20)
	tm.waitFor("at least 80×24")
	tm.send("\x03") // ctrl+c
	if err := tm.exit(); err != nil {
		t.Fatalf("exit: %v", err)
	}
}

func TestE2EEvalCommand(t *testing.T) {
	bin := binary(t)
	cmd := exec.Command(bin, "eval", "--quiet", "--no-trace", "-")
	cmd.Stdin = strings.NewReader(`{"request": {"principal": "arn:aws:iam::111111111111:user/a", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}, "identityPolicies": [], "expect": "implicitDeny"}`)
	var out bytes.Buffer
	cmd.Stdout = &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "1 case: 1 as expected") {
		t.Fatalf("%s", out.String())
	}
}

const (
	keyDown  = "\x1b[B"
	keyLeft  = "\x1b[D"
	keyEnd   = "\x1b[F"
	keyEnter = "\r"
	keyEsc   = "\x1b"
	keyCtrlS = "\x13"
)

// TestE2EBuildScenarioLoop walks the design card's first scenario the way a
// learner does: open it, fix the policy in the editor, watch the checks turn
// green, submit, see the score, and find it solved on the home screen.
func TestE2EBuildScenarioLoop(t *testing.T) {
	tm := startTUI(t, 120, 40)
	tm.answerExam("a")
	tm.waitFor("Two groups, one bucket")
	// Find it the way a learner would in a long library: the filter.
	tm.send("/")
	tm.send("two groups")
	tm.send(keyEnter)
	tm.waitFor("Checks 1/3")
	// It opens on the briefing; enter goes into the editor.
	tm.waitFor("e/enter edit the policy")
	tm.send(keyEnter)
	tm.waitFor("Editing · NoFinance")
	tm.waitFor(`"Resource": "arn:aws:s3:::acme-reports/*"`)
	for i := 0; i < 7; i++ {
		tm.send(keyDown)
	}
	tm.send(keyEnd)
	tm.send(keyLeft)
	tm.send(keyLeft)
	tm.send("finance/")
	tm.waitFor(`"Resource": "arn:aws:s3:::acme-reports/finance/*"`)
	tm.waitFor("Checks 3/3")
	tm.send(keyCtrlS)
	tm.waitFor("Solved")
	tm.waitFor("checks           5/5")
	tm.send(keyEsc)
	time.Sleep(200 * time.Millisecond)
	tm.send(keyEsc)
	tm.waitFor("✓ solved")
	tm.send("q")
	if err := tm.exit(); err != nil {
		t.Fatalf("exit: %v", err)
	}
}
