package tui

import (
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	lessondata "github.com/iamlab/iamlab/internal/lessons"
	qz "github.com/iamlab/iamlab/internal/quiz"
	"github.com/iamlab/iamlab/internal/tui/golden"
	"github.com/iamlab/iamlab/internal/tui/lessons"
	"github.com/iamlab/iamlab/internal/tui/quizview"
	"github.com/iamlab/iamlab/internal/tui/screen"
	"github.com/iamlab/iamlab/internal/tui/screentest"
)

// screenClock is the fixed time of the screen tests: clocks, seeds drawn
// from the time and "last active" dates come out the same on every run.
var screenClock = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)

// driver runs the root the way the program would, synchronously: each
// message's command is run and its messages fed back, except commands
// that only wait (ticks), which are dropped after a short while.
type driver struct {
	t    *testing.T
	root tea.Model
}

func (d *driver) send(msgs ...tea.Msg) {
	d.t.Helper()
	queue := append([]tea.Msg(nil), msgs...)
	for steps := 0; len(queue) > 0 && steps < 500; steps++ {
		msg := queue[0]
		queue = queue[1:]
		if b, ok := msg.(tea.BatchMsg); ok {
			for _, c := range b {
				queue = append(queue, run(c)...)
			}
			continue
		}
		var cmd tea.Cmd
		d.root, cmd = d.root.Update(msg)
		queue = append(queue, run(cmd)...)
	}
}

// run calls a command, giving up on one that waits (a tick, a timer).
func run(c tea.Cmd) []tea.Msg {
	if c == nil {
		return nil
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- c() }()
	select {
	case msg := <-ch:
		switch msg.(type) {
		case nil, tea.QuitMsg:
			return nil
		}
		return []tea.Msg{msg}
	case <-time.After(250 * time.Millisecond):
		return nil
	}
}

func (d *driver) keys(ks ...string) {
	d.t.Helper()
	for _, k := range ks {
		d.send(screentest.Key(k))
	}
}

func (d *driver) frame() string { return d.root.View().Content }

// screenCase opens one screen in a state worth keeping as text.
type screenCase struct {
	name string
	open func(p parts) screen.Screen // nil: the library
	keys []string
}

func screenCases(t *testing.T) []screenCase {
	scenario := func(id string) func(p parts) screen.Screen {
		return func(p parts) screen.Screen {
			s, ok := p.lib.Scenario(id)
			if !ok {
				t.Fatalf("no scenario %q", id)
			}
			return p.open(s)
		}
	}
	reader := func(id string) func(p parts) screen.Screen {
		return func(p parts) screen.Screen {
			ls, _ := lessondata.Builtin()
			for _, l := range ls {
				if l.ID == id {
					return lessons.NewReader(p.deps, l, func(string) screen.Screen { return nil }).WithTitles(func(sid string) string {
						if s, ok := p.lib.Scenario(sid); ok {
							return s.Title
						}
						return ""
					})
				}
			}
			t.Fatalf("no lesson %q", id)
			return nil
		}
	}
	return []screenCase{
		{name: "library"},
		{name: "library-search-nothing", keys: []string{"/", "z", "z"}},
		{name: "library-search-ranked", keys: []string{"/", "s", "c", "p"}},
		{name: "build-briefing", open: scenario("two-groups-one-bucket")},
		{name: "build-editing", open: scenario("two-groups-one-bucket"), keys: []string{"e"}},
		{name: "build-result", open: scenario("revoke-older-sessions"), keys: []string{"ctrl+s"}},
		{name: "predict", open: scenario("scp-vs-boundary")},
		{name: "choose", open: scenario("s3-mfa-delete")},
		{name: "choose-confidence", open: scenario("s3-mfa-delete"), keys: []string{"b"}},
		{name: "quiz-menu", open: func(p parts) screen.Screen { return quizview.NewMenu(p.deps, p.bank(), worldsOf(p.lib)) }},
		{name: "practice", open: func(p parts) screen.Screen {
			return quizview.NewPracticeSession(p.deps, qz.NewPractice(p.bank(), qz.PracticeOptions{Seed: 7, Generated: -1, Topics: []string{"scp-never-grants"}}))
		}},
		{name: "practice-quit", open: func(p parts) screen.Screen {
			return quizview.NewPracticeSession(p.deps, qz.NewPractice(p.bank(), qz.PracticeOptions{Seed: 7, Generated: -1, Topics: []string{"scp-never-grants"}}))
		}, keys: []string{"q"}},
		{name: "review", open: func(p parts) screen.Screen {
			return quizview.NewReviewSession(p.deps, qz.NewReview(p.bank(), nil, nil, qz.ReviewOptions{Seed: 7}))
		}},
		{name: "lessons", open: func(p parts) screen.Screen { return lessons.NewBuiltin(p.deps, nil) }},
		{name: "lesson-evaluation", open: reader("evaluation-logic")},
	}
}

// TestScreens rebuilds every screen as text at 80×24 and 120×40 and
// compares it with testdata/golden (go test -run TestScreens -update
// rewrites them): a change to what the learner sees shows in review as a
// text diff.
func TestScreens(t *testing.T) {
	for _, c := range screenCases(t) {
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			t.Run(fmt.Sprintf("%s-%dx%d", c.name, size[0], size[1]), func(t *testing.T) {
				t.Parallel() // most of each case is waiting out ticks
				now := screenClock
				p := assemble(Options{Dirs: dirs(t), Getenv: func(string) string { return "" }, Now: func() time.Time { return now }})
				defer p.closeAll()
				d := &driver{t: t, root: p.root}
				d.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				d.send(run(d.root.Init())...)
				// A question asked on first start (in front of the library)
				// is not what these screens show: back to the first screen.
				d.send(screen.BackMsg{})
				if c.open != nil {
					d.send(screen.OpenMsg{Screen: c.open(p)})
				}
				d.keys(c.keys...)
				golden.Check(t, fmt.Sprintf("%s-%dx%d", c.name, size[0], size[1]), d.frame(), size[0], size[1])
			})
		}
	}
}
