package editor

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// ExternalEditedMsg carries the text back from $EDITOR. On error Value is
// the original text and Err says what went wrong.
type ExternalEditedMsg struct {
	Value string
	Err   error
}

// OpenExternal returns a command that writes text to a temporary file, hands
// the terminal to $VISUAL or $EDITOR (vi when neither is set) and, when the
// editor exits, reads the file back as an ExternalEditedMsg. All file work
// happens inside the command, off the update loop.
func OpenExternal(text, fileExt string) tea.Cmd {
	return func() tea.Msg {
		path, cleanup, err := writeTemp(text, fileExt)
		if err != nil {
			return ExternalEditedMsg{Value: text, Err: err}
		}
		cmd, err := editorCommand(path, os.Getenv)
		if err != nil {
			cleanup()
			return ExternalEditedMsg{Value: text, Err: err}
		}
		return tea.ExecProcess(cmd, func(runErr error) tea.Msg {
			defer cleanup()
			return readBack(path, text, runErr)
		})()
	}
}

// writeTemp puts the text in a fresh private directory, so the file has a
// plain name the editor can show and nobody else can read.
func writeTemp(text, fileExt string) (path string, cleanup func(), err error) {
	dir, err := os.MkdirTemp("", "iamlab-edit-")
	if err != nil {
		return "", nil, err
	}
	cleanup = func() { _ = os.RemoveAll(dir) }
	if fileExt != "" && !strings.HasPrefix(fileExt, ".") {
		fileExt = "." + fileExt
	}
	path = filepath.Join(dir, "policy"+fileExt)
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		cleanup()
		return "", nil, err
	}
	return path, cleanup, nil
}

// editorCommand builds the command that edits path. $VISUAL wins over
// $EDITOR, as in other Unix tools; either may carry arguments ("code
// --wait"), which is why the value is split into words.
func editorCommand(path string, getenv func(string) string) (*exec.Cmd, error) {
	ed := strings.TrimSpace(getenv("VISUAL"))
	if ed == "" {
		ed = strings.TrimSpace(getenv("EDITOR"))
	}
	if ed == "" {
		ed = "vi"
	}
	words := strings.Fields(ed)
	if len(words) == 0 {
		return nil, errors.New("no editor configured: set $EDITOR")
	}
	args := append(words[1:len(words):len(words)], path)
	return exec.Command(words[0], args...), nil
}

// readBack turns the editor's outcome into a message. Editors add a final
// newline the original may not have had; that one is dropped so that saving
// without changes is not a change.
func readBack(path, original string, runErr error) ExternalEditedMsg {
	if runErr != nil {
		return ExternalEditedMsg{Value: original, Err: runErr}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return ExternalEditedMsg{Value: original, Err: err}
	}
	text := normalize(string(data))
	if !strings.HasSuffix(original, "\n") {
		text = strings.TrimSuffix(text, "\n")
	}
	return ExternalEditedMsg{Value: text}
}
