// Package tui starts iamlab's trainer: it opens the progress store and the
// log file, loads the scenario library, builds the screens and runs the
// Bubble Tea program. Nothing is written to the terminal's streams while it
// runs; logs go to a file under the state directory.
package tui

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/paths"
	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/quiz"
	"github.com/iamlab/iamlab/internal/sandbox"
	"github.com/iamlab/iamlab/internal/scenarios"
	"github.com/iamlab/iamlab/internal/tui/app"
	"github.com/iamlab/iamlab/internal/tui/common"
	"github.com/iamlab/iamlab/internal/tui/examchoice"
	"github.com/iamlab/iamlab/internal/tui/home"
	"github.com/iamlab/iamlab/internal/tui/lessons"
	"github.com/iamlab/iamlab/internal/tui/playground"
	"github.com/iamlab/iamlab/internal/tui/progressview"
	tuiquiz "github.com/iamlab/iamlab/internal/tui/quiz"
	"github.com/iamlab/iamlab/internal/tui/scenario"
)

// Options configure a run. Zero values mean the real environment.
type Options struct {
	Dirs     paths.Dirs
	PackDirs []string // --pack folders
	Getenv   func(string) string
	Now      func() time.Time
	In       io.Reader // nil: the terminal
	Out      io.Writer // nil: the terminal
}

// Run starts the trainer and returns when the learner quits.
func Run(ctx context.Context, opt Options) error {
	root, logger, closeAll := build(opt)
	defer closeAll()
	popts := []tea.ProgramOption{tea.WithContext(ctx)}
	if opt.In != nil {
		popts = append(popts, tea.WithInput(opt.In))
	}
	if opt.Out != nil {
		popts = append(popts, tea.WithOutput(opt.Out))
	}
	if _, err := tea.NewProgram(root, popts...).Run(); err != nil && ctx.Err() == nil {
		logger.Error("program ended with an error", "err", err)
		return fmt.Errorf("the trainer stopped: %w", err)
	}
	logger.Info("iamlab stopped")
	return nil
}

// build opens the log, the store and the library and assembles the screens.
// closeAll releases what it opened.
func build(opt Options) (root app.Model, logger *slog.Logger, closeAll func()) {
	p := assemble(opt)
	return p.root, p.logger, p.closeAll
}

// parts are what build assembles, kept apart for tests that open screens
// directly.
type parts struct {
	root     app.Model
	logger   *slog.Logger
	closeAll func()
	deps     common.Deps
	lib      *scenarios.Library
	open     func(*scenarios.Scenario) common.Screen
	bank     func() *quiz.Bank
}

func assemble(opt Options) parts {
	var logger *slog.Logger
	if opt.Getenv == nil {
		opt.Getenv = os.Getenv
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	var notices []string
	var closers []func()
	logger = slog.New(slog.DiscardHandler)
	if err := opt.Dirs.Ensure(); err != nil {
		notices = append(notices, "cannot create the data folder: "+err.Error())
	} else if f, err := os.OpenFile(opt.Dirs.LogPath(), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644); err == nil {
		closers = append(closers, func() { f.Close() })
		logger = slog.New(slog.NewTextHandler(f, &slog.HandlerOptions{Level: slog.LevelInfo}))
	}
	logger.Info("iamlab starting", "data", opt.Dirs.Data)

	store, err := progress.OpenOrMemory(opt.Dirs.DatabasePath(), progress.WithClock(opt.Now))
	if err != nil {
		logger.Error("progress store unavailable", "err", err)
	}
	closers = append(closers, func() { store.Close() })
	storeNotices := store.Notices()
	for _, n := range storeNotices {
		logger.Warn("progress store notice", "notice", n)
	}

	lib := scenarios.LoadLibrary(scenarios.LibraryOptions{Dirs: opt.PackDirs, UserDir: opt.Dirs.Packs})
	for _, p := range lib.Packs {
		if p.Broken {
			logger.Warn("broken pack", "origin", p.Origin, "problems", len(p.Problems))
		}
	}
	// Records from before progress was keyed by pack go to the one pack
	// that has their scenario now.
	owners := map[string][]string{}
	for _, p := range lib.Packs {
		for _, sc := range p.Scenarios {
			owners[sc.ID] = append(owners[sc.ID], p.ID)
		}
	}
	if n, err := store.AdoptUnpacked(context.Background(), owners); err != nil {
		logger.Warn("older records not assigned to their packs", "err", err)
	} else if n > 0 {
		logger.Info("older records assigned to their packs", "scenarios", n)
	}

	deps := common.Deps{Now: opt.Now, Log: logger, Store: store, Recording: store.Persistent()}
	open := func(s *scenarios.Scenario) common.Screen {
		sc := scenario.New(deps, s)
		for _, p := range lib.Packs {
			if p.ID == s.Pack {
				sc.SetPackTitle(p.Title)
			}
		}
		return sc
	}
	// The quiz bank takes tens of milliseconds to read: it is loaded when a
	// screen first needs it, not before the first frame.
	bank := sync.OnceValue(func() *quiz.Bank {
		b, problems := quiz.Builtin()
		if len(problems) > 0 {
			logger.Warn("quiz bank problems", "count", len(problems))
		}
		return b
	})
	// "Practise this": an unsolved scenario on the topic first (doing beats
	// answering), then quiz questions on it.
	practise := func(topicID string) common.Screen {
		if s := scenarioFor(lib, store, topicID, true); s != nil {
			return open(s)
		}
		if b := bank(); b != nil {
			return tuiquiz.NewPracticeOn(deps, b, topicID)
		}
		return nil
	}
	entries := []*home.Entry{{
		Title: "Playground",
		Help:  "any world, any request: read the decision and the whole trace",
		Key:   key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "playground")),
		Open:  func() common.Screen { return playground.New(deps, playground.WorldsOf(lib), 0) },
	}, {
		Title: "Quiz",
		Help:  "exam-style questions: practice with feedback, a timed mock exam, spaced review",
		Key:   key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "test yourself")),
		Open:  func() common.Screen { return tuiquiz.NewMenu(deps, bank(), worldsOf(lib)) },
	}, {
		Title: "Lessons",
		Help:  "short readings on every topic, each linked to the scenarios that practise it",
		Key:   key.NewBinding(key.WithKeys("l"), key.WithHelp("l", "lessons")),
		Open: func() common.Screen {
			return lessons.NewBuiltin(deps, func(id string) common.Screen {
				if s, ok := lib.Scenario(id); ok {
					return open(s)
				}
				return nil
			}).WithTitles(func(id string) string {
				if s, ok := lib.Scenario(id); ok {
					return s.Title
				}
				return ""
			})
		},
	}, {
		Title: "Progress",
		Help:  "readiness per exam domain, weakest topics, due reviews, streak",
		Key:   key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "scores & readiness")),
		Open:  func() common.Screen { return progressview.New(deps, progressview.Options{Practise: practise}) },
	}, {
		Title: "Your exam",
		Help:  "SAA-C03 or SCS-C03: Next and the quiz follow your choice",
		Key:   key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "exam")),
		Open:  func() common.Screen { return examchoice.New(deps, false) },
	}}
	root := app.New(home.New(deps, lib, open, entries...), opt.Getenv)
	if examchoice.NeedsAsking(store) {
		root = root.WithFirstScreen(examchoice.New(deps, true))
	}
	if len(notices) > 0 {
		root = root.WithStatus(strings.Join(notices, " · "), true)
	}
	// What happened to the learner's records is shown whole, until read.
	if len(storeNotices) > 0 {
		root = root.WithNotice(strings.Join(storeNotices, "\n"))
	}
	return parts{root: root, logger: logger, deps: deps, lib: lib, open: open, bank: bank, closeAll: func() {
		for i := len(closers) - 1; i >= 0; i-- {
			closers[i]()
		}
	}}
}

// scenarioFor picks a scenario that practises a topic: the first one not
// yet solved, else (unless unsolvedOnly) the first one.
func scenarioFor(lib *scenarios.Library, store *progress.Store, topicID string, unsolvedOnly bool) *scenarios.Scenario {
	status, _ := store.ScenarioStatus(context.Background())
	var first *scenarios.Scenario
	for _, p := range lib.Packs {
		for _, s := range p.Scenarios {
			for _, t := range s.Topics {
				if t.ID != topicID {
					continue
				}
				if status[progress.Key(s.Pack, s.ID)].Status != progress.StatusSolved {
					return s
				}
				if first == nil && !unsolvedOnly {
					first = s
				}
			}
		}
	}
	return first
}

// worldsOf lists the library's distinct worlds, for generated questions.
func worldsOf(lib *scenarios.Library) []*sandbox.World {
	var out []*sandbox.World
	for _, w := range playground.WorldsOf(lib) {
		out = append(out, w.World)
	}
	return out
}
