package tui

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	lessondata "github.com/iamlab/iamlab/internal/lessons"
	qz "github.com/iamlab/iamlab/internal/quiz"
	"github.com/iamlab/iamlab/internal/scenarios"
	"github.com/iamlab/iamlab/internal/tui/app"
	"github.com/iamlab/iamlab/internal/tui/lessons"
	"github.com/iamlab/iamlab/internal/tui/playground"
	"github.com/iamlab/iamlab/internal/tui/progressview"
	"github.com/iamlab/iamlab/internal/tui/quizview"
	"github.com/iamlab/iamlab/internal/tui/screen"
)

// The monkey test is short by default, so CI runs it in seconds; a longer
// run (and every scenario instead of one of each kind) is
//
//	go test ./internal/tui -run Monkey -monkey.events 5000
//
// or IAMLAB_MONKEY_EVENTS=5000. -monkey.seed (IAMLAB_MONKEY_SEED) picks
// another stream.
var (
	monkeyEvents = flag.Int("monkey.events", 0, "random events per screen in the monkey test (default 150, or $IAMLAB_MONKEY_EVENTS)")
	monkeySeed   = flag.Uint64("monkey.seed", 0, "seed of the monkey test's streams (default 1, or $IAMLAB_MONKEY_SEED)")
)

const defaultMonkeyEvents = 150

func monkeySettings() (events int, seed uint64) {
	events, seed = defaultMonkeyEvents, 1
	if n, err := strconv.Atoi(os.Getenv("IAMLAB_MONKEY_EVENTS")); err == nil && n > 0 {
		events = n
	}
	if n, err := strconv.ParseUint(os.Getenv("IAMLAB_MONKEY_SEED"), 10, 64); err == nil {
		seed = n
	}
	if *monkeyEvents > 0 {
		events = *monkeyEvents
	}
	if *monkeySeed > 0 {
		seed = *monkeySeed
	}
	return events, seed
}

// monkey wraps the root: it recovers a panic in Update or View, checks the
// frame after every message, and keeps the last messages to tell how the
// screen got there.
type monkey struct {
	inner tea.Model
	st    *monkeyState
}

type monkeyState struct {
	mu      sync.Mutex
	recent  []string
	n       int
	w, h    int
	failure string
}

// monkeyStop ends the run once every event before it was handled.
type monkeyStop struct{}

func (m monkey) Init() tea.Cmd { return m.inner.Init() }

func (m monkey) Update(msg tea.Msg) (next tea.Model, cmd tea.Cmd) {
	if _, ok := msg.(monkeyStop); ok {
		return m, tea.Quit
	}
	st := m.st
	st.mu.Lock()
	defer st.mu.Unlock()
	st.n++
	st.recent = append(st.recent, fmt.Sprintf("%d: %T %v", st.n, msg, describe(msg)))
	if len(st.recent) > 40 {
		st.recent = st.recent[1:]
	}
	if ws, ok := msg.(tea.WindowSizeMsg); ok {
		st.w, st.h = ws.Width, ws.Height
	}
	defer func() {
		if r := recover(); r != nil {
			st.failure = fmt.Sprintf("panic: %v\n%s", r, debug.Stack())
			next, cmd = m, tea.Quit
		}
	}()
	m.inner, cmd = m.inner.Update(msg)
	if problem := checkFrame(m.inner.View().Content, st.w, st.h); problem != "" {
		st.failure = problem
		return m, tea.Quit
	}
	return m, cmd
}

func (m monkey) View() tea.View {
	defer func() {
		if r := recover(); r != nil {
			m.st.mu.Lock()
			m.st.failure = fmt.Sprintf("panic in View: %v\n%s", r, debug.Stack())
			m.st.mu.Unlock()
		}
	}()
	return m.inner.View()
}

func describe(msg tea.Msg) string {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return msg.String()
	case tea.PasteMsg:
		return strconv.Quote(msg.Content)
	case tea.WindowSizeMsg:
		return fmt.Sprintf("%d×%d", msg.Width, msg.Height)
	case tea.MouseClickMsg, tea.MouseReleaseMsg, tea.MouseWheelMsg, tea.MouseMotionMsg:
		return fmt.Sprintf("%+v", msg)
	}
	return ""
}

// checkFrame says what is wrong with a frame: empty, or (at a size the
// screens are laid out for) not exactly the terminal's size.
func checkFrame(content string, w, h int) string {
	if w == 0 {
		return ""
	}
	if strings.TrimSpace(ansi.Strip(content)) == "" {
		return "empty frame"
	}
	if w < app.MinWidth || h < app.MinHeight {
		return ""
	}
	lines := strings.Split(content, "\n")
	if len(lines) != h {
		return fmt.Sprintf("frame of %d lines on a %d×%d terminal:\n%s", len(lines), w, h, ansi.Strip(content))
	}
	for i, l := range lines {
		if n := ansi.StringWidth(l); n > w {
			return fmt.Sprintf("line %d is %d cells wide on a %d×%d terminal: %q", i+1, n, w, h, ansi.Strip(l))
		}
	}
	return ""
}

// randomEvent draws a key, a paste, a resize or a mouse event. q and
// ctrl+c are left out: they end the program, which is tested elsewhere.
func randomEvent(r *rand.Rand) tea.Msg {
	special := []rune{tea.KeyEnter, tea.KeyEscape, tea.KeyTab, tea.KeyBackspace, tea.KeyDelete,
		tea.KeyUp, tea.KeyDown, tea.KeyLeft, tea.KeyRight, tea.KeyHome, tea.KeyEnd,
		tea.KeyPgUp, tea.KeyPgDown, tea.KeySpace}
	switch n := r.IntN(100); {
	case n < 40:
		const keys = "abcdefghijklmnoprstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/?:*.,-_\"{}[] ›é"
		rs := []rune(keys)
		c := rs[r.IntN(len(rs))]
		return tea.KeyPressMsg{Code: c, Text: string(c)}
	case n < 80:
		k := tea.KeyPressMsg{Code: special[r.IntN(len(special))]}
		if r.IntN(6) == 0 {
			k.Mod = tea.ModShift
		}
		return k
	case n < 86:
		const ctrl = "abdefghijklnoprstuvwxyz"
		return tea.KeyPressMsg{Code: rune(ctrl[r.IntN(len(ctrl))]), Mod: tea.ModCtrl}
	case n < 88:
		pastes := []string{`{"Effect":"Allow"}`, "s3:GetObject", "arn:aws:s3:::acme-reports/*", "\n\n", "line one\nline two", "é✓★"}
		return tea.PasteMsg{Content: pastes[r.IntN(len(pastes))]}
	case n < 91:
		sizes := [][2]int{{80, 24}, {120, 40}, {100, 30}, {79, 23}, {200, 60}, {81, 25}, {40, 10}}
		if r.IntN(3) == 0 {
			return tea.WindowSizeMsg{Width: 1 + r.IntN(220), Height: 1 + r.IntN(70)}
		}
		s := sizes[r.IntN(len(sizes))]
		return tea.WindowSizeMsg{Width: s[0], Height: s[1]}
	default:
		m := tea.Mouse{X: r.IntN(130) - 5, Y: r.IntN(50) - 5}
		switch r.IntN(5) {
		case 0:
			m.Button = tea.MouseWheelUp
			return tea.MouseWheelMsg(m)
		case 1:
			m.Button = tea.MouseWheelDown
			return tea.MouseWheelMsg(m)
		case 2:
			m.Button = tea.MouseLeft
			return tea.MouseReleaseMsg(m)
		case 3:
			m.Button = tea.MouseLeft
			return tea.MouseMotionMsg(m)
		}
		m.Button = tea.MouseLeft
		return tea.MouseClickMsg(m)
	}
}

// monkeyScreens are the screens the stream starts on; the stream is free
// to leave them (esc, the library's keys) and wander elsewhere.
func monkeyScreens(p parts, everyScenario bool) map[string]func() screen.Screen {
	deps := p.deps
	seed := int64(7)
	out := map[string]func() screen.Screen{
		"home":       nil,
		"playground": func() screen.Screen { return playground.New(deps, playground.WorldsOf(p.lib), 0) },
		"quiz menu":  func() screen.Screen { return quizview.NewMenu(deps, p.bank(), worldsOf(p.lib)) },
		"practice": func() screen.Screen {
			return quizview.NewPracticeSession(deps, qz.NewPractice(p.bank(), qz.PracticeOptions{Seed: seed, Worlds: worldsOf(p.lib)}))
		},
		"exam": func() screen.Screen {
			e, err := qz.NewExam(p.bank(), "SCS-C03", seed, qz.WithItems(13))
			if err != nil {
				panic(err)
			}
			return quizview.NewExamSession(deps, e)
		},
		"review": func() screen.Screen {
			return quizview.NewReviewSession(deps, qz.NewReview(p.bank(), nil, nil, qz.ReviewOptions{Seed: seed}))
		},
		"lessons": func() screen.Screen { return lessons.NewBuiltin(deps, nil) },
		"lesson reader": func() screen.Screen {
			ls, _ := lessondata.Builtin()
			return lessons.NewReader(deps, ls[len(ls)/2], func(id string) screen.Screen {
				if s, ok := p.lib.Scenario(id); ok {
					return p.open(s)
				}
				return nil
			})
		},
		"progress": func() screen.Screen { return progressview.New(deps, progressview.Options{}) },
	}
	kinds := map[scenarios.Kind]bool{}
	for _, pk := range p.lib.Packs {
		for _, s := range pk.Scenarios {
			if !everyScenario && kinds[s.Kind] {
				continue
			}
			kinds[s.Kind] = true
			out["scenario "+s.ID] = func() screen.Screen { return p.open(s) }
		}
	}
	return out
}

// TestMonkey drives every screen with a seeded stream of random keys,
// pastes, resizes and mouse events through the real program, and fails on
// a panic, an empty frame, or a frame that does not fit the terminal.
func TestMonkey(t *testing.T) {
	events, seed := monkeySettings()
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", "true") // ctrl+o hands the policy to an editor that exits at once
	probe := assemble(Options{Dirs: dirs(t), Getenv: func(string) string { return "" }})
	names := make([]string, 0)
	for name := range monkeyScreens(probe, events > defaultMonkeyEvents) {
		names = append(names, name)
	}
	probe.closeAll()
	slices.Sort(names)
	for i, name := range names {
		t.Run(name, func(t *testing.T) {
			p := assemble(Options{Dirs: dirs(t), Getenv: func(string) string { return "" }})
			defer p.closeAll()
			st := &monkeyState{}
			tm := teatest.NewTestModel(t, monkey{inner: p.root, st: st}, teatest.WithInitialTermSize(120, 40))
			tm.Send(screen.BackMsg{}) // past a first-start question, to the library
			if open := monkeyScreens(p, true)[name]; open != nil {
				tm.Send(screen.OpenMsg{Screen: open()})
			}
			r := rand.New(rand.NewPCG(seed, uint64(i)))
			for range events {
				tm.Send(randomEvent(r))
			}
			tm.Send(monkeyStop{})
			tm.WaitFinished(t, teatest.WithFinalTimeout(2*time.Minute))
			st.mu.Lock()
			defer st.mu.Unlock()
			if st.failure != "" {
				t.Fatalf("seed %d, stream %d, after %d messages: %s\nlast messages:\n%s", seed, i, st.n, st.failure, strings.Join(st.recent, "\n"))
			}
		})
	}
}
