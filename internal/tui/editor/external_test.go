package editor

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/tui/screentest"
)

// fakeEditor writes a shell script that edits its argument with sed, the
// way a learner would in vi, and returns its path.
func fakeEditor(t *testing.T, script string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "fake-editor")
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"+script+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

// runExternal does what OpenExternal's command does, minus handing over the
// terminal: write, run the editor command, read back.
func runExternal(t *testing.T, text string, env map[string]string) ExternalEditedMsg {
	t.Helper()
	path, cleanup, err := writeTemp(text, "json")
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	if filepath.Ext(path) != ".json" {
		t.Errorf("temp file %q lacks the extension", path)
	}
	cmd, err := editorCommand(path, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	return readBack(path, text, cmd.Run())
}

func TestExternalEditorRoundTrip(t *testing.T) {
	if _, err := os.Stat("/bin/sh"); err != nil {
		t.Skip("no /bin/sh")
	}
	ed := fakeEditor(t, `sed -i 's/"Allow"/"Deny"/' "$1"`)
	msg := runExternal(t, `{"Effect": "Allow"}`, map[string]string{"EDITOR": ed})
	if msg.Err != nil || msg.Value != `{"Effect": "Deny"}` {
		t.Fatalf("got %+v", msg)
	}

	// $VISUAL wins over $EDITOR, and arguments in the variable are kept.
	visual := fakeEditor(t, `sed -i "s/Allow/$1/" "$2"`)
	msg = runExternal(t, `"Allow"`, map[string]string{"VISUAL": visual + " Visual", "EDITOR": ed})
	if msg.Value != `"Visual"` {
		t.Fatalf("VISUAL not used: %+v", msg)
	}

	// A failing editor keeps the original text and reports.
	failing := fakeEditor(t, "exit 3")
	msg = runExternal(t, "keep me", map[string]string{"EDITOR": failing})
	if msg.Err == nil || msg.Value != "keep me" {
		t.Fatalf("failure not reported: %+v", msg)
	}

	// The final newline editors add is not a change.
	appending := fakeEditor(t, `printf '\n' >> "$1"`)
	msg = runExternal(t, "{}", map[string]string{"EDITOR": appending})
	if msg.Value != "{}" {
		t.Fatalf("trailing newline kept: %q", msg.Value)
	}
}

func TestEditorCommandFallsBackToVi(t *testing.T) {
	cmd, err := editorCommand("/tmp/x.json", func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(cmd.Path) != "vi" && !strings.HasSuffix(cmd.Args[0], "vi") {
		t.Fatalf("command %v", cmd.Args)
	}
	if cmd.Args[len(cmd.Args)-1] != "/tmp/x.json" {
		t.Fatalf("args %v", cmd.Args)
	}
}

func TestOpenExternalReturnsExecCommand(t *testing.T) {
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", "true")
	msg := OpenExternal("{}", ".json")()
	if msg == nil {
		t.Fatal("no message")
	}
	if _, ok := msg.(ExternalEditedMsg); ok {
		t.Fatalf("expected the exec message, got %+v", msg)
	}
	m := newEditor("{}", 20, 3, 1, 1)
	if _, cmd := m.Update(screentest.Key("ctrl+o")); cmd == nil {
		t.Fatal("ctrl+o returned no command")
	}
}

func TestExternalEditedMsgIsOneUndoStep(t *testing.T) {
	m := newEditor("{\n  \"a\": 1\n}", 60, 5, 2, 5)
	m = typeText(m, "x")
	m, cmd := m.Update(ExternalEditedMsg{Value: "{}\r\n"})
	if m.Value() != "{}\n" {
		t.Fatalf("value %q", m.Value())
	}
	if findChanged(t, cmd).Value != "{}\n" {
		t.Fatal("no ChangedMsg for the external edit")
	}
	if _, _, ok := m.CursorPosition(); !ok {
		t.Fatal("cursor outside the new text")
	}
	m = press(m, "ctrl+z")
	if m.Value() != "{\n  \"ax\": 1\n}" {
		t.Fatalf("undo external edit: %q", m.Value())
	}

	m, cmd = m.Update(ExternalEditedMsg{Value: "ignored", Err: errors.New("boom")})
	if cmd != nil || m.Value() != "{\n  \"ax\": 1\n}" {
		t.Fatalf("failed edit changed the text: %q", m.Value())
	}
	if !strings.Contains(statusText(m), "external editor: boom") {
		t.Fatalf("error not shown: %q", statusText(m))
	}
}

var _ tea.Msg = ExternalEditedMsg{}
