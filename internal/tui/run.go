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
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/mattn/go-runewidth"

	"github.com/iamlab/iamlab/internal/assign"
	"github.com/iamlab/iamlab/internal/diag"
	"github.com/iamlab/iamlab/internal/paths"
	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/progress/progressdb"
	"github.com/iamlab/iamlab/internal/quiz"
	"github.com/iamlab/iamlab/internal/safetext"
	"github.com/iamlab/iamlab/internal/sandbox"
	"github.com/iamlab/iamlab/internal/scenarios"
	"github.com/iamlab/iamlab/internal/tui/app"
	"github.com/iamlab/iamlab/internal/tui/examchoice"
	"github.com/iamlab/iamlab/internal/tui/home"
	"github.com/iamlab/iamlab/internal/tui/lessons"
	"github.com/iamlab/iamlab/internal/tui/playground"
	"github.com/iamlab/iamlab/internal/tui/progressview"
	"github.com/iamlab/iamlab/internal/tui/quizview"
	"github.com/iamlab/iamlab/internal/tui/scenario"
	"github.com/iamlab/iamlab/internal/tui/screen"
	"github.com/iamlab/iamlab/internal/worldfile"
)

// Options configure a run. Zero values mean the real environment.
type Options struct {
	Dirs     paths.Dirs
	PackDirs []string // --pack folders
	// WorldFiles are world files to explore (--world): the playground
	// opens on the first. The packs folder's worlds/ are offered too.
	WorldFiles []string
	// AssignFiles are assignment files (--assign) shown with those in the
	// packs folder's assignments/.
	AssignFiles []string
	Getenv      func(string) string
	Now         func() time.Time
	In          io.Reader // nil: the terminal
	Out         io.Writer // nil: the terminal
}

// Run starts the trainer and returns when the learner quits.
func Run(ctx context.Context, opt Options) error {
	root, logger, closeAll := build(opt)
	defer closeAll()
	// The renderer writes a frame only on its ticker: at the default 60 per
	// second a ready frame, the first one or a keystroke's, waited up to
	// 17 ms for the terminal; at 120 it waits at most 8. A tick with
	// nothing new writes nothing.
	popts := []tea.ProgramOption{tea.WithContext(ctx), tea.WithFPS(frameRate)}
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

// frameRate is the most frames a second the renderer writes (Bubble Tea's
// maximum).
const frameRate = 120

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
	deps     screen.Deps
	lib      *scenarios.Library
	open     func(*scenarios.Scenario) screen.Screen
	bank     func() *quiz.Bank
}

func assemble(opt Options) parts {
	if opt.Getenv == nil {
		opt.Getenv = os.Getenv
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	var closers []func()
	go warmWidths()
	logger, closeLog, notices := openLog(opt.Dirs)
	if closeLog != nil {
		closers = append(closers, closeLog)
	}
	logger.Info("iamlab starting", "data", opt.Dirs.Data)

	// The store opens while the library loads: neither needs the other
	// until old records are given to their packs, and both stand between
	// the start and the first frame.
	type opened struct {
		store *progressdb.Store
		err   error
	}
	storeCh := make(chan opened, 1)
	go func() {
		s, err := progressdb.OpenOrMemory(opt.Dirs.DatabasePath(), progressdb.WithClock(opt.Now))
		storeCh <- opened{s, err}
	}()
	cache := openDecodeCache(opt.Dirs.DecodeCachePath())
	lib := loadLibrary(scenarios.LibraryOptions{Dirs: opt.PackDirs, UserDir: opt.Dirs.Packs, Cache: cache})
	if closeCache := saveDecodeCache(cache, logger); closeCache != nil {
		closers = append(closers, closeCache)
	}
	o := <-storeCh
	store := o.store
	if o.err != nil {
		logger.Error("progress store unavailable", "err", o.err)
	}
	closers = append(closers, func() { store.Close() })
	storeNotices := store.Notices()
	for _, n := range storeNotices {
		logger.Warn("progress store notice", "notice", n)
	}

	for _, p := range lib.Packs {
		if p.Broken {
			logger.Warn("broken pack", "origin", p.Origin, "problems", len(p.Problems))
		}
	}
	adoptUnpacked(lib, store, logger)

	deps := screen.Deps{Now: opt.Now, Log: logger, Store: store, Recording: store.Persistent()}
	imported, worldProblems := importedWorlds(opt.WorldFiles, opt.Dirs.Packs)
	for _, p := range worldProblems {
		logger.Warn("world file problem", "problem", p)
	}
	e := newEntries(deps, lib, store, imported)
	assigned, assignProblems := assignments(lib, append(slices.Clip(opt.AssignFiles), assign.InFolder(opt.Dirs.Packs)...))
	for _, p := range assignProblems {
		logger.Warn("assignment file problem", "problem", p)
	}
	root := app.New(home.New(deps, lib, e.open, e.list()...).WithAssigned(assigned), opt.Getenv)
	// --world opens the playground on the first world asked for; esc goes
	// on to the library.
	if len(opt.WorldFiles) > 0 && len(imported) > 0 && imported[0].File == opt.WorldFiles[0] {
		root = root.WithFirstScreen(playground.New(deps, e.playgroundWorlds(), 0))
	}
	if examchoice.NeedsAsking(deps) {
		root = root.WithFirstScreen(examchoice.New(deps, true))
	}
	if len(notices) > 0 {
		root = root.WithStatus(strings.Join(notices, " · "), true)
	}
	// What happened to the learner's records is shown whole, until read;
	// so is a world file that could not be opened, with where it is wrong.
	if len(worldProblems) > 0 {
		storeNotices = append(storeNotices, worldNotice(worldProblems))
	}
	if len(assignProblems) > 0 {
		storeNotices = append(storeNotices, assignNotice(assignProblems))
	}
	if len(storeNotices) > 0 {
		root = root.WithNotice(strings.Join(storeNotices, "\n"))
	}
	return parts{root: root, logger: logger, deps: deps, lib: lib, open: e.open, bank: e.bank, closeAll: func() {
		for i := len(closers) - 1; i >= 0; i-- {
			closers[i]()
		}
	}}
}

// warmWidths fills the terminal-width tables the first frame needs while
// the library loads. The renderer measures each character it draws, and
// the first one above U+02FF (a box-drawing line, a bullet) makes
// go-runewidth fill two tables of a million entries: in the renderer that
// came after the load, a few milliseconds before the first frame.
func warmWidths() { runewidth.RuneWidth('─') }

// openLog opens the log file in the data folder; without one the trainer
// logs nowhere and says why the folder could not be made.
func openLog(dirs paths.Dirs) (logger *slog.Logger, closeLog func(), notices []string) {
	logger = slog.New(slog.DiscardHandler)
	if err := dirs.Ensure(); err != nil {
		return logger, nil, []string{"cannot create the data folder: " + err.Error()}
	}
	f, err := os.OpenFile(dirs.LogPath(), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return logger, nil, nil
	}
	return slog.New(slog.NewTextHandler(f, &slog.HandlerOptions{Level: slog.LevelInfo})), func() { f.Close() }, nil
}

// adoptUnpacked gives records from before progress was keyed by pack to
// the one pack that has their scenario now.
func adoptUnpacked(lib *scenarios.Library, store *progressdb.Store, logger *slog.Logger) {
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
}

// entries opens the screens the library lists above its scenarios.
type entries struct {
	deps     screen.Deps
	lib      *scenarios.Library
	store    *progressdb.Store
	imported []playground.World
	// The quiz bank takes tens of milliseconds to read: it is loaded when
	// a screen first needs it, not before the first frame.
	bank func() *quiz.Bank
}

func newEntries(deps screen.Deps, lib *scenarios.Library, store *progressdb.Store, imported []playground.World) *entries {
	e := &entries{deps: deps, lib: lib, store: store, imported: imported}
	e.bank = sync.OnceValue(func() *quiz.Bank {
		b, problems := quiz.Builtin()
		if len(problems) > 0 {
			deps.Log.Warn("quiz bank problems", "count", len(problems))
		}
		return b
	})
	return e
}

// open opens a scenario, titled with its pack.
func (e *entries) open(s *scenarios.Scenario) screen.Screen {
	sc := scenario.New(e.deps, s)
	for _, p := range e.lib.Packs {
		if p.ID == s.Pack {
			sc.SetPackTitle(p.Title)
		}
	}
	return sc
}

// playgroundWorlds are the worlds given with --world, then the library's.
func (e *entries) playgroundWorlds() []playground.World {
	return append(slices.Clip(e.imported), playground.WorldsOf(e.lib)...)
}

// practise is "Practise this": an unsolved scenario on the topic first
// (doing beats answering), then quiz questions on it.
func (e *entries) practise(topicID string) screen.Screen {
	if s := scenarioFor(e.lib, e.store, topicID, true); s != nil {
		return e.open(s)
	}
	if b := e.bank(); b != nil {
		return quizview.NewPracticeOn(e.deps, b, topicID)
	}
	return nil
}

// lessons opens the lessons, whose "Practise it" links open scenarios.
func (e *entries) lessons() screen.Screen {
	return lessons.NewBuiltin(e.deps, func(id string) screen.Screen {
		if s, ok := e.lib.Scenario(id); ok {
			return e.open(s)
		}
		return nil
	}).WithTitles(func(id string) string {
		if s, ok := e.lib.Scenario(id); ok {
			return s.Title
		}
		return ""
	})
}

func (e *entries) list() []*home.Entry {
	deps := e.deps
	return []*home.Entry{{
		Title: "Playground",
		Help:  "any world, any request: read the decision and the whole trace",
		Key:   key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "playground")),
		Open:  func() screen.Screen { return playground.New(deps, e.playgroundWorlds(), 0) },
	}, {
		Title: "Quiz",
		Help:  "exam-style questions: practice with feedback, a timed mock exam, spaced review",
		Key:   key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "test yourself")),
		Open:  func() screen.Screen { return quizview.NewMenu(deps, e.bank(), worldsOf(e.lib)) },
	}, {
		Title: "Lessons",
		Help:  "short readings on every topic, each linked to the scenarios that practise it",
		Key:   key.NewBinding(key.WithKeys("l"), key.WithHelp("l", "lessons")),
		Open:  e.lessons,
	}, {
		Title: "Progress",
		Help:  "readiness per exam domain, weakest topics, due reviews, streak",
		Key:   key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "scores & readiness")),
		Open:  func() screen.Screen { return progressview.New(deps, progressview.Options{Practise: e.practise}) },
	}, {
		Title: "Your exam",
		Help:  "SAA-C03 or SCS-C03: Next and the quiz follow your choice",
		Key:   key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "exam")),
		Open:  func() screen.Screen { return examchoice.New(deps, false) },
	}}
}

// loadGCPercent is the garbage collector's target while the library loads.
const loadGCPercent = 400

// loadLibrary loads the packs under a looser garbage collector. Decoding
// the built-in packs allocates some 42 MB, nearly all of it garbage once
// decoded, while the new process's heap is a few MB: at the default target
// the collector ran cycle after cycle over a heap that was only growing,
// about a tenth of the CPU before the first frame. The looser target costs
// a few MB of peak memory for a moment; a GOGC the learner set looser (or
// off) is kept.
func loadLibrary(opts scenarios.LibraryOptions) *scenarios.Library {
	old := debug.SetGCPercent(loadGCPercent)
	if old < 0 || old > loadGCPercent {
		debug.SetGCPercent(old)
	}
	defer debug.SetGCPercent(old)
	return scenarios.LoadLibrary(opts)
}

// openDecodeCache opens the cache of decoded packs made by this build of
// iamlab. Without a cache folder, or a way to tell builds apart, only the
// built-in packs (decoded in advance, in the binary) are not decoded.
func openDecodeCache(path string) *scenarios.DecodeCache {
	id, ok := buildIdentity()
	if path == "" || !ok {
		return scenarios.BuiltInDecoded()
	}
	return scenarios.OpenDecodeCache(path, id)
}

// buildIdentity tells this build of iamlab from any other: the
// executable's path, size and time of writing, and the version and commit
// it was built from. A rebuilt binary gets a new identity even from an
// uncommitted change, so it never reads what another build decoded.
func buildIdentity() (string, bool) {
	exe, err := os.Executable()
	if err != nil {
		return "", false
	}
	st, err := os.Stat(exe)
	if err != nil {
		return "", false
	}
	id := fmt.Sprintf("%s\x00%d\x00%d", exe, st.Size(), st.ModTime().UnixNano())
	if info, ok := debug.ReadBuildInfo(); ok {
		id += "\x00" + info.Main.Version
		for _, s := range info.Settings {
			if strings.HasPrefix(s.Key, "vcs.") {
				id += "\x00" + s.Key + "=" + s.Value
			}
		}
	}
	return id, true
}

// saveDecodeCache writes the cache when this start decoded anything, beside
// the first frame rather than before it. The returned func waits for the
// write and closes the cache (nil when there is no cache).
func saveDecodeCache(cache *scenarios.DecodeCache, logger *slog.Logger) (closeCache func()) {
	if cache == nil {
		return nil
	}
	hits, decoded := cache.Stats()
	logger.Info("packs read", "cached", hits, "decoded", decoded)
	if !cache.Stale() {
		cache.Close()
		return nil
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := cache.Save(); err != nil {
			logger.Warn("decoded packs not cached", "err", err)
		}
		cache.Close()
	}()
	return func() { <-done }
}

// scenarioFor picks a scenario that practises a topic: the first one not
// yet solved, else (unless unsolvedOnly) the first one.
func scenarioFor(lib *scenarios.Library, store progress.Recorder, topicID string, unsolvedOnly bool) *scenarios.Scenario {
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

// importedWorlds loads the world files asked for and those in the packs
// folder's worlds/, in that order, each once. A file with problems is left
// out and its problems returned, positioned, for the learner to read.
func importedWorlds(files []string, packsDir string) ([]playground.World, []diag.Diagnostic) {
	if packsDir != "" {
		for _, pat := range []string{"*.yaml", "*.yml"} {
			found, _ := filepath.Glob(filepath.Join(packsDir, "worlds", pat))
			files = append(files, found...)
		}
	}
	var out []playground.World
	var problems []diag.Diagnostic
	seen := map[string]bool{}
	for _, f := range files {
		abs, _ := filepath.Abs(f)
		if seen[abs] {
			continue
		}
		seen[abs] = true
		w, account, ps := worldfile.LoadFile(f)
		if len(ps) > 0 {
			problems = append(problems, ps...)
			continue
		}
		name := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))
		out = append(out, playground.World{Label: "world file " + name, World: w, Account: account, File: f})
	}
	return out, problems
}

// assignments reads the assignment files, each once, into the library's
// Assigned group. An entry with a problem is left out (the others stay)
// and its problem returned.
func assignments(lib *scenarios.Library, files []string) ([]home.Assigned, []diag.Diagnostic) {
	var out []home.Assigned
	afs, problems := assign.ReadFiles(files, lib, time.Local)
	for _, af := range afs {
		for _, it := range af.Items {
			if s, ok := lib.ScenarioIn(it.Pack, it.ID); ok {
				out = append(out, home.Assigned{Title: af.Title, Scenario: s, Due: it.Due})
			}
		}
	}
	return out, problems
}

func assignNotice(ps []diag.Diagnostic) string {
	return problemsNotice("An assignment file has problems; what could be read is under Assigned in the library.",
		"iamlab check FILE lists them all.", ps)
}

// worldNotice tells which world files could not be opened and where they
// are wrong; the first problems of each are enough to start fixing.
func worldNotice(ps []diag.Diagnostic) string {
	return problemsNotice("A world file could not be opened; the playground has the other worlds.",
		"run iamlab check on a pack that uses the world to see them all.", ps)
}

// problemsNotice is a start-up notice: what happened, then the first
// positioned problems, and where to see the rest.
func problemsNotice[P interface{ Error() string }](head, rest string, ps []P) string {
	const most = 8
	var b strings.Builder
	b.WriteString(head)
	for i, p := range ps {
		if i == most {
			fmt.Fprintf(&b, "\n…and %d more; %s", len(ps)-most, rest)
			break
		}
		// File names come from the learner's folders as they are.
		b.WriteString("\n" + safetext.Line(p.Error()))
	}
	return b.String()
}

// worldsOf lists the library's distinct worlds, for generated questions.
func worldsOf(lib *scenarios.Library) []*sandbox.World {
	var out []*sandbox.World
	for _, w := range playground.WorldsOf(lib) {
		out = append(out, w.World)
	}
	return out
}
