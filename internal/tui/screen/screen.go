// Package screen holds what every screen of the TUI shares: the screen
// interface the root model routes to, the messages screens use to ask the
// root for navigation, and the injected dependencies (clock, logger).
package screen

import (
	"log/slog"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/tui/theme"
)

// Screen is one page of the TUI. The root owns the terminal: it sizes the
// screen, draws the header and the help footer from the screen's bindings,
// and sets the real cursor where the screen says.
type Screen interface {
	Init() tea.Cmd
	Update(tea.Msg) (Screen, tea.Cmd)
	// View renders exactly the size given to SetSize.
	View() string
	SetSize(width, height int)
	SetStyles(*theme.Styles)
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
	// Breadcrumb names where the learner is, after "iamlab".
	Breadcrumb() []string
	// Meta is the right-hand side of the header ("build · ★★☆ · SAA 1.1").
	Meta() string
	// Cursor is where the terminal cursor goes, relative to the screen's
	// top-left, or nil for none.
	Cursor() *tea.Cursor
	// CapturesText is true while keys are typed into a field (the policy
	// editor, a filter): q and ? then type themselves instead of quitting
	// or opening help.
	CapturesText() bool
}

// Flusher is a screen with work not yet saved (a draft waiting for its
// debounce): the root runs Flush before quitting, so nothing typed is lost.
type Flusher interface {
	Flush() tea.Cmd
}

// QuitGuard is a screen holding work that quitting would throw away (an
// exam in progress, which is recorded only when submitted): the root asks
// before it quits.
type QuitGuard interface {
	// QuitWarning says what would be lost, or "" when nothing would.
	QuitWarning() string
}

// Deps are what screens are given instead of reaching for globals.
type Deps struct {
	Now func() time.Time
	Log *slog.Logger
	// Store records attempts, drafts and answers. It is never nil: when the
	// database cannot be written it is an in-memory store and Recording is
	// false, so screens keep working and say that progress is not saved.
	// It is an interface so that no screen links the database.
	Store     progress.Store
	Recording bool
}

// Record runs a store write and turns a failure into a footer message
// instead of an interruption: nothing the learner did is lost on screen.
func (d Deps) Record(what string, write func() error) tea.Cmd {
	return func() tea.Msg {
		if err := write(); err != nil {
			if d.Log != nil {
				d.Log.Error("recording failed", "what", what, "err", err)
			}
			return StatusMsg{Text: "could not save " + what + ": " + err.Error(), Error: true}
		}
		return nil
	}
}

// AnswerLetters label the options of a question, on the quiz and on the
// scenario screen alike, and are the keys that pick them (as do the
// numbers 1–9). They skip f (flag, in an exam) and q (quit), so a letter
// never does two things.
var AnswerLetters = []string{"a", "b", "c", "d", "e", "g", "h", "i", "j", "k"}

// AnswerIndex is the option a key names: its letter in either case, or its
// number from 1; -1 for any other key.
func AnswerIndex(k string) int {
	for i, l := range AnswerLetters {
		if k == l || k == strings.ToUpper(l) {
			return i
		}
	}
	if len(k) == 1 && k[0] >= '1' && k[0] <= '9' {
		return int(k[0] - '1')
	}
	return -1
}

// Navigation messages: a screen asks, the root decides.
type (
	// BackMsg returns to the previous screen (home when there is none).
	BackMsg struct{}
	// OpenMsg replaces the current screen with a new one and remembers the
	// current one for BackMsg.
	OpenMsg struct{ Screen Screen }
	// StatusMsg shows a short line in the footer until the next key.
	StatusMsg struct {
		Text  string
		Error bool
	}
)

// Back is a command that sends BackMsg.
func Back() tea.Msg { return BackMsg{} }

// Open returns a command that opens s.
func Open(s Screen) tea.Cmd { return func() tea.Msg { return OpenMsg{Screen: s} } }

// Status returns a command that shows a footer message.
func Status(text string, isErr bool) tea.Cmd {
	return func() tea.Msg { return StatusMsg{Text: text, Error: isErr} }
}
