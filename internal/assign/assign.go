// Package assign reads assignment files: an instructor's list of scenarios
// (from any pack) for a class, each with an optional due date. The trainer
// reads them from the packs folder's assignments/ (or --assign FILE) and
// shows what is due at the top of the library; `iamlab check` validates
// them. Every mistake is reported at its line and column.
package assign

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/iamlab/iamlab/internal/diag"
	"github.com/iamlab/iamlab/internal/suggest"
	"github.com/iamlab/iamlab/internal/yamlpos"
)

// CodeAssignment is the code of every problem in an assignment file; check
// prints it and scripts match on it. The message says what is wrong.
const CodeAssignment = "assignment"

// File is one assignment file, read and resolved.
type File struct {
	Path  string
	Title string
	Items []Item
}

// Item is one assigned scenario.
type Item struct {
	Pack, ID string    // resolved against the library
	Due      time.Time // midnight, local time, of the due date; zero: no date
}

// Library answers which packs hold a scenario id; the trainer's and
// check's libraries both can.
type Library interface {
	PacksOf(id string) []string // pack ids holding the scenario id
	IDs() []string              // every scenario id, for suggestions
}

type fileFormat struct {
	Title     string  `yaml:"title"`
	Due       string  `yaml:"due"`
	Scenarios []entry `yaml:"scenarios"`
}

// entry is `- pack/id` or `- {scenario: pack/id, due: 2026-12-10}`.
type entry struct {
	Scenario string `yaml:"scenario"`
	Due      string `yaml:"due"`
}

func (e *entry) UnmarshalYAML(unmarshal func(any) error) error {
	var s string
	if err := unmarshal(&s); err == nil {
		e.Scenario = s
		return nil
	}
	type plain entry
	return unmarshal((*plain)(e))
}

// MaxFileBytes bounds an assignment file: a term's list is a few hundred
// lines.
const MaxFileBytes = 1 << 20

// Parse reads and checks one assignment file against the library. loc is
// the time zone due dates are in. Items with problems are left out; the
// rest are returned.
func Parse(file string, src []byte, lib Library, loc *time.Location) (*File, []diag.Diagnostic) {
	out := &File{Path: file}
	var probs []diag.Diagnostic
	add := func(line, col int, msg string) {
		probs = append(probs, problem(file, line, col, msg))
	}
	var ff fileFormat
	doc, e := yamlpos.DecodeOne(src, &ff, []string{"title", "due", "scenarios", "scenario"}, "title: ..., scenarios: [pack/id, ...]")
	if e != nil {
		add(e.Line, e.Col, e.Text())
		return out, probs
	}
	at := func(path string) (int, int) {
		l, c, ok := doc.FieldPos(path)
		if !ok {
			return 1, 1
		}
		return l, c
	}
	out.Title = strings.TrimSpace(ff.Title)
	if out.Title == "" {
		l, c := at("title")
		add(l, c, "the assignment has no title; expected title: \"Week 3: guardrails\"")
	}
	date := func(path, v string) (time.Time, bool) {
		if v == "" {
			return time.Time{}, true
		}
		d, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(v), loc)
		if err != nil {
			l, c := at(path)
			add(l, c, fmt.Sprintf("due %q is not a date; expected YYYY-MM-DD, e.g. due: 2026-12-10", v))
			return time.Time{}, false
		}
		return d, true
	}
	defDue, _ := date("due", ff.Due)
	if len(ff.Scenarios) == 0 {
		l, c := at("scenarios")
		add(l, c, "no scenarios are assigned; expected scenarios: [pack/id, ...] (ids as iamlab check lists them)")
	}
	seen := map[string]bool{}
	for i, e := range ff.Scenarios {
		path := yamlpos.Join("", "scenarios", i)
		due, ok := date(yamlpos.Join(path, "due"), e.Due)
		if !ok {
			continue
		}
		if e.Due == "" {
			due = defDue
		}
		name := strings.TrimSpace(e.Scenario)
		spath := path
		if doc.Has(yamlpos.Join(path, "scenario")) {
			spath = yamlpos.Join(path, "scenario")
		}
		l, c := at(spath)
		pack, id, qualified := strings.Cut(name, "/")
		if !qualified {
			pack, id = "", name
		}
		if id == "" {
			add(l, c, "the entry names no scenario; expected a scenario id or pack/id")
			continue
		}
		packs := lib.PacksOf(id)
		switch {
		case len(packs) == 0:
			msg := fmt.Sprintf("no pack has a scenario %q", id)
			if s, ok := suggest.Closest(id, lib.IDs()); ok {
				msg += fmt.Sprintf("; did you mean %q?", s)
			} else {
				msg += "; iamlab check lists the scenarios of the packs"
			}
			add(l, c, msg)
			continue
		case qualified && !contains(packs, pack):
			add(l, c, fmt.Sprintf("pack %q has no scenario %q; it is in %s", pack, id, strings.Join(quoteAll(packs), ", ")))
			continue
		case !qualified && len(packs) > 1:
			add(l, c, fmt.Sprintf("scenario %q is in more than one pack (%s); write pack/id", id, strings.Join(quoteAll(packs), ", ")))
			continue
		case !qualified:
			pack = packs[0]
		}
		if seen[pack+"/"+id] {
			add(l, c, fmt.Sprintf("%s/%s is assigned twice; keep one entry", pack, id))
			continue
		}
		seen[pack+"/"+id] = true
		out.Items = append(out.Items, Item{Pack: pack, ID: id, Due: due})
	}
	sort.SliceStable(probs, func(i, j int) bool { return probs[i].Line < probs[j].Line })
	return out, probs
}

// ReadFile reads one assignment file from disk and parses it.
func ReadFile(path string, lib Library, loc *time.Location) (*File, []diag.Diagnostic) {
	fail := func(msg string) (*File, []diag.Diagnostic) {
		return &File{Path: path}, []diag.Diagnostic{problem(path, 1, 1, msg)}
	}
	st, err := os.Stat(path)
	switch {
	case err != nil:
		return fail("cannot read the assignment file: " + pathErr(err).Error())
	case !st.Mode().IsRegular():
		return fail("not a file; expected an assignment file (docs/authoring.md, Assignments)")
	case st.Size() > MaxFileBytes:
		return fail(fmt.Sprintf("the file is over %d KiB; an assignment file is a list of scenarios", MaxFileBytes>>10))
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return fail("cannot read the assignment file: " + pathErr(err).Error())
	}
	return Parse(path, src, lib, loc)
}

// InFolder lists the assignment files of a packs folder: assignments/*.yaml.
func InFolder(packsDir string) []string {
	if packsDir == "" {
		return nil
	}
	var out []string
	for _, pat := range []string{"*.yaml", "*.yml"} {
		found, _ := filepath.Glob(filepath.Join(packsDir, "assignments", pat))
		out = append(out, found...)
	}
	sort.Strings(out)
	return out
}

func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func quoteAll(xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = fmt.Sprintf("%q", x)
	}
	return out
}

// State is where an assigned scenario stands on a day.
type State int

const (
	NoDate  State = iota // assigned without a due date
	Due                  // due today or later
	Overdue              // past its date and not solved
	Done                 // solved
)

// Status says where an item stands: done when solved, else by its date.
// days is the whole days until the due date (negative when overdue).
func Status(it Item, solved bool, now time.Time) (State, int) {
	if solved {
		return Done, 0
	}
	if it.Due.IsZero() {
		return NoDate, 0
	}
	y, m, d := now.In(it.Due.Location()).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, it.Due.Location())
	days := int(it.Due.Sub(today).Round(time.Hour).Hours() / 24)
	if days < 0 {
		return Overdue, days
	}
	return Due, days
}

// Label is how the library says it: "overdue 2 days", "due today",
// "due in 3 days", "done", "".
func Label(st State, days int) string {
	plural := func(n int) string {
		if n == 1 {
			return "1 day"
		}
		return fmt.Sprintf("%d days", n)
	}
	switch st {
	case Done:
		return "done"
	case Overdue:
		return "overdue " + plural(-days)
	case Due:
		switch days {
		case 0:
			return "due today"
		case 1:
			return "due tomorrow"
		}
		return "due in " + plural(days)
	}
	return ""
}

// ReadFiles reads each assignment file once (the same file named twice, by
// two paths, counts once), in the order given, and returns every file read
// with all their problems.
func ReadFiles(paths []string, lib Library, loc *time.Location) ([]*File, []diag.Diagnostic) {
	var files []*File
	var problems []diag.Diagnostic
	seen := map[string]bool{}
	for _, p := range paths {
		abs, _ := filepath.Abs(p)
		if seen[abs] {
			continue
		}
		seen[abs] = true
		f, ps := ReadFile(p, lib, loc)
		problems = append(problems, ps...)
		if f != nil {
			if f.Title == "" {
				f.Title = filepath.Base(p)
			}
			files = append(files, f)
		}
	}
	return files, problems
}

// problem is a mistake in an assignment file, where its author fixes it.
func problem(file string, line, col int, msg string) diag.Diagnostic {
	return diag.Diagnostic{Code: CodeAssignment, Severity: diag.Error, File: file, Line: line, Col: col, Message: msg}
}
