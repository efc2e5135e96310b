// Package scenario is the screen where a learner works one scenario: the
// briefing, the world as a tree, and then, by kind, the policy editor with
// live checks and the trace of the selected check (build), a prediction of
// one request's decision (predict), or an exam-style question (choose).
//
// The screen keeps the expensive work off View: the checks and the trace
// are recomputed when the text changes (evaluate.go), Markdown is rendered
// as Markdown in a command and cached per width (markdown.go), and the store
// is written through Deps.Record (drafts.go, submit.go).
package scenario

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/sandbox"
	"github.com/iamlab/iamlab/internal/scenarios"
	"github.com/iamlab/iamlab/internal/tui/editor"
	"github.com/iamlab/iamlab/internal/tui/markdown"
	"github.com/iamlab/iamlab/internal/tui/screen"
	"github.com/iamlab/iamlab/internal/tui/theme"
	"github.com/iamlab/iamlab/internal/tui/trace"
)

// pane is a focusable part of the screen.
type pane int

const (
	paneEditor pane = iota
	paneChecks
	paneTrace
	paneBriefing
	paneDocs
	paneWorld
	paneQuestion // predict and choose: the question and the answer steps
	paneResult   // build: the score panel and debrief after submit
)

// docEntry is one row of the document selector.
type docEntry struct {
	ID       string
	Name     string // the short name the trace uses ("NoFinance")
	Title    string
	Editable bool
}

// Model is the scenario screen. It is used through a pointer: Update
// changes it in place and returns it as the screen.Screen.
type Model struct {
	deps screen.Deps
	s    *scenarios.Scenario
	keys keyMap
	st   *theme.Styles
	fr   frames

	width, height int
	lay           layout
	focus         pane
	briefOpen     bool
	started       time.Time
	lastInput     time.Time     // for active time
	active        time.Duration // time spent working, pauses capped
	packTitle     string
	confirm       confirmKind // a y/n question waiting for its answer

	md       *markdown.Cache
	briefing scroller
	tree     worldTree

	// Build: the documents and their editors.
	build buildState
	// The checks and the trace of the selected one (build, and a predict
	// after its reveal).
	checks checkState
	viewer editor.Model // read-only documents
	trace  trace.Model

	drafts draftState
	notice string

	// Hints.
	hintsShown int
	why        whyState // "why not?", the last rung

	// Submit.
	priorAttempts int
	hiddenShown   bool // the hidden checks were revealed by a submit
	submissions   int
	grade         *scenarios.Grade
	result        scroller
	showSolution  bool
	solution      editor.Model
	solIdx        int

	// Predict and choose.
	ans answerState
}

// buildState is a build scenario's documents: the learner's world as
// edited, an editor per editable document and what the checks last saw.
type buildState struct {
	docs       []docEntry
	docSel     int
	curDoc     string
	editors    map[string]*editor.Model // one per editable document
	start      map[string]string        // the starting text of the editable documents
	world      *sandbox.World           // the learner's world, broken documents included
	evaluated  map[string]int           // document → editor version evaluated
	broken     map[string]error
	editorNeed int // rows the editor pane wants in the wide layout
}

// draftState is the saving of the edited documents as drafts (drafts.go).
type draftState struct {
	seq       int // the latest edit's number: a debounce tick for an older one is dropped
	delay     time.Duration
	dirty     bool
	revs      *draftRevs
	conflict  *progress.DraftConflictError // another window's newer draft, awaiting a choice
	restoredN int
}

// checkState is the checks' last results and which one the trace shows.
type checkState struct {
	results   []scenarios.CheckResult // last good results, visible checks (all after submit)
	stale     bool
	checkSel  int
	traceFor  int    // index of the check the trace shows, -1 none
	traceSize [2]int // the trace pane's inner size, to re-scroll on resize
}

// New builds the screen for one scenario. The starting text of the editable
// documents is loaded at once; drafts saved earlier arrive with Init.
func New(deps screen.Deps, s *scenarios.Scenario) *Model {
	if deps.Now == nil {
		deps.Now = time.Now
	}
	st := theme.NewStyles(theme.Dark())
	m := &Model{
		deps:      deps,
		s:         s,
		keys:      defaultKeyMap(),
		st:        st,
		fr:        newFrames(st),
		md:        new(markdown.Cache),
		started:   deps.Now(),
		packTitle: s.Pack,
		build: buildState{
			editors:   map[string]*editor.Model{},
			start:     map[string]string{},
			evaluated: map[string]int{},
			broken:    map[string]error{},
			world:     s.World,
		},
		checks:    checkState{traceFor: -1},
		drafts:    draftState{delay: draftDelay, revs: &draftRevs{rev: map[string]int64{}}},
		briefOpen: s.Kind != scenarios.Build,
	}
	m.lastInput = m.started
	m.viewer = newEditor(st, true)
	m.solution = newEditor(st, true)
	m.trace = trace.New(st)
	m.tree = newWorldTree(s, st)
	switch s.Kind {
	case scenarios.Build:
		m.initBuild()
		// A scenario opens on its briefing, not typing: keys pressed on
		// arrival (the footer's, an enter) must not land in the policy.
		// e or enter goes into the editor.
		m.focus = paneBriefing
	default:
		m.initAnswer()
		m.focus = paneQuestion
	}
	m.syncFocus()
	return m
}

// SetPackTitle names the pack in the breadcrumb; the home screen knows it,
// the scenario only knows the pack's id.
func (m *Model) SetPackTitle(t string) {
	if t != "" {
		m.packTitle = t
	}
}

func newEditor(st *theme.Styles, readOnly bool) editor.Model {
	e := editor.New(st)
	e.SetReadOnly(readOnly)
	// ctrl+o is taken by nobody else here; the footer calls it $EDITOR.
	return e
}

// initBuild lists the documents, editable ones first, and loads the first
// editable one into the editor.
func (m *Model) initBuild() {
	editable := map[string]bool{}
	for _, id := range m.s.Editable {
		editable[id] = true
		d, ok := m.s.World.Document(id)
		if !ok {
			continue
		}
		m.build.docs = append(m.build.docs, docEntry{ID: id, Name: shortName(d), Title: d.Title, Editable: true})
		e := newEditor(m.st, false)
		e.SetValue(d.Source)
		m.build.editors[id] = &e
		m.build.start[id] = d.Source
		m.build.evaluated[id] = e.Version()
		m.build.editorNeed = max(m.build.editorNeed, e.LineCount()+3)
	}
	for _, d := range m.s.World.Documents() {
		if editable[d.ID] {
			continue
		}
		m.build.docs = append(m.build.docs, docEntry{ID: d.ID, Name: shortName(d), Title: d.Title})
	}
	if len(m.s.Editable) > 0 {
		m.build.curDoc = m.s.Editable[0]
	}
	m.runChecks()
}

// shortName is the name the engine's trace gives a document: its title up
// to the parenthesis ("NoFinance"), or its ID.
func shortName(d *sandbox.Document) string {
	if d.Title != "" {
		if i := strings.Index(d.Title, " ("); i > 0 {
			return d.Title[:i]
		}
		return d.Title
	}
	return d.ID
}

// Init loads drafts and the learner's earlier attempts, and starts the
// Markdown rendering if the screen has a size already (opened from another
// screen). A screen the program starts on is sized later: the root then
// forwards the first tea.WindowSizeMsg, and Update, which ends every
// message by starting the renderings it lacks, renders for the real width.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(m.loadProgress(), m.renderMarkdown())
}

// Breadcrumb is the pack and the scenario.
func (m *Model) Breadcrumb() []string { return []string{m.packTitle, m.s.Title} }

// Meta is kind · difficulty stars · first exam task.
func (m *Model) Meta() string {
	d := min(max(m.s.Difficulty, 0), 3)
	parts := []string{string(m.s.Kind), strings.Repeat("★", d) + strings.Repeat("☆", 3-d)}
	if len(m.s.Exam) > 0 {
		t := m.s.Exam[0]
		exam, _, _ := strings.Cut(t.Exam, "-")
		parts = append(parts, fmt.Sprintf("%s %s", exam, t.Code))
	}
	return strings.Join(parts, " · ")
}

// SetSize lays the panes out for the new size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.relayout()
}

// SetStyles swaps the palette everywhere and re-renders what depends on it.
func (m *Model) SetStyles(st *theme.Styles) {
	if st == nil || st == m.st {
		return
	}
	m.st = st
	m.fr = newFrames(st)
	for _, e := range m.build.editors {
		e.SetStyles(st)
	}
	m.viewer.SetStyles(st)
	m.solution.SetStyles(st)
	m.trace.SetStyles(st)
	m.tree.setStyles(st)
	m.relayout()
}

// CapturesText is true while keys type into the editor (or a y/n question
// waits): q and ? then are not the root's.
func (m *Model) CapturesText() bool {
	if m.confirm != confirmNone {
		return true
	}
	return m.focus == paneEditor && m.editorEditable() && m.s.Kind == scenarios.Build && m.grade == nil
}

// Cursor is the editor's cursor moved to where the editor pane is drawn.
func (m *Model) Cursor() *tea.Cursor {
	if m.focus != paneEditor || m.paneHidden(paneEditor) {
		return nil
	}
	e := m.activeEditor()
	c := e.Cursor()
	if c == nil {
		return nil
	}
	r := m.lay.editorText
	c.X += r.x
	c.Y += r.y
	return c
}

// activeEditor is the editor the editor pane shows.
func (m *Model) activeEditor() *editor.Model {
	if e, ok := m.build.editors[m.build.curDoc]; ok {
		return e
	}
	return &m.viewer
}

func (m *Model) editorEditable() bool {
	_, ok := m.build.editors[m.build.curDoc]
	return ok
}

// syncFocus gives the editor its focus state and keys their enabled state.
func (m *Model) syncFocus() {
	for id, e := range m.build.editors {
		if id == m.build.curDoc && m.focus == paneEditor {
			e.Focus()
		} else {
			e.Blur()
		}
	}
	if (m.focus == paneEditor && !m.editorEditable()) || (m.focus == paneWorld && m.tree.viewing != "") {
		m.viewer.Focus()
	} else {
		m.viewer.Blur()
	}
	m.keys.update(m)
}
