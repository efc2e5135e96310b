// Package lessons is the one home of the lessons: the short Markdown
// readings in content/lessons, each with YAML front matter that ties it to
// curriculum topics, exam tasks and the scenarios that practise it. It
// loads them leniently for the trainer (Load: a lesson with a flaw is still
// shown if it can be) and checks them strictly for `iamlab check` (Check:
// every flaw, positioned). content/lessons/README.md describes the format.
package lessons

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/iamlab/iamlab/content"
	"github.com/iamlab/iamlab/internal/curriculum"
)

// Root is the lessons' folder inside content.FS.
const Root = "lessons"

// Lesson is one lesson file: its front matter and its Markdown body.
type Lesson struct {
	ID        string   `yaml:"id"`
	Title     string   `yaml:"title"`
	Topics    []string `yaml:"topics"`
	Exam      []string `yaml:"exam"`
	Scenarios []string `yaml:"scenarios"`
	Body      string   `yaml:"-"`
	File      string   `yaml:"-"`
}

// Group is the curriculum group of the lesson's first topic; lessons
// without one are general.
func (l Lesson) Group() curriculum.Group {
	for _, t := range l.Topics {
		if tp, ok := curriculum.TopicByID(t); ok {
			return tp.Group
		}
	}
	return curriculum.Group{Letter: "", Title: "Core concepts"}
}

// builtinFS is the embedded lessons folder.
func builtinFS() (fs.FS, error) { return fs.Sub(content.FS, Root) }

// Builtin loads the lessons embedded in the binary.
func Builtin() ([]Lesson, []error) {
	sub, err := builtinFS()
	if err != nil {
		return nil, []error{err}
	}
	return Load(sub)
}

// BuiltinFiles lists the embedded lesson files, the ones Builtin loads and
// CheckBuiltin checks.
func BuiltinFiles() []string {
	sub, err := builtinFS()
	if err != nil {
		return nil
	}
	files, _ := lessonFiles(sub)
	return files
}

// lessonFiles lists the lessons in fsys in the order fs.WalkDir visits
// them: every *.md, subfolders included, but README.md (which describes
// the format) and names starting with "_" (drafts). Folders that cannot be
// read are returned with the walk's error.
func lessonFiles(fsys fs.FS) (files []string, unreadable []fs.PathError) {
	_ = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			unreadable = append(unreadable, fs.PathError{Op: "walk", Path: p, Err: err})
			return nil
		}
		name := d.Name()
		if !d.IsDir() && strings.HasSuffix(name, ".md") && name != "README.md" && !strings.HasPrefix(name, "_") {
			files = append(files, p)
		}
		return nil
	})
	return files, unreadable
}

// Load reads every lesson in fsys, sorted by title. It is lenient: a lesson
// without front matter is its body alone, named after its file, and
// unknown front matter fields are ignored. A lesson that cannot be read is
// reported and left out; Check gives the details.
func Load(fsys fs.FS) ([]Lesson, []error) {
	var out []Lesson
	var errs []error
	files, unreadable := lessonFiles(fsys)
	for _, u := range unreadable {
		errs = append(errs, u.Err)
	}
	for _, p := range files {
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		l, err := parse(src)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p, err))
			continue
		}
		l.File = p
		if l.ID == "" {
			l.ID = strings.TrimSuffix(path.Base(p), ".md")
		}
		if l.Title == "" {
			l.Title = l.ID
		}
		out = append(out, l)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Title < out[j].Title })
	return out, errs
}

// parse is the lenient reading of one lesson.
func parse(src []byte) (Lesson, error) {
	var l Lesson
	s := split(src)
	switch {
	case !s.hasFront:
		l.Body = string(s.body)
		return l, nil
	case !s.closed:
		return l, fmt.Errorf("the front matter is not closed with a --- line")
	}
	if err := yaml.Unmarshal(s.front, &l); err != nil {
		return l, fmt.Errorf("front matter: %w", err)
	}
	l.Body = string(s.body)
	return l, nil
}

// parts is a lesson file cut at its front matter: the YAML between a first
// line "---" and the next line "---" (or a "---" that ends the file), and
// the Markdown after it.
type parts struct {
	hasFront bool // the file starts with a --- line
	closed   bool // and a --- line ends the front matter
	front    []byte
	body     []byte
	bodyLine int // the file's line where body starts
}

// split cuts a lesson; CRLF line ends are read as LF.
func split(src []byte) parts {
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return parts{body: src, bodyLine: 1}
	}
	rest := src[4:]
	end := bytes.Index(rest, []byte("\n---\n"))
	if end < 0 {
		if !bytes.HasSuffix(rest, []byte("\n---")) {
			return parts{hasFront: true}
		}
		end = len(rest) - 4
	}
	body := rest[min(end+5, len(rest)):]
	return parts{
		hasFront: true,
		closed:   true,
		front:    rest[:end+1],
		body:     body,
		bodyLine: bytes.Count(src[:len(src)-len(body)], []byte("\n")) + 1,
	}
}

// TopicCounts counts the lessons in fsys per topic, from their front
// matter. A lesson whose front matter does not parse is left out: Check
// reports it.
func TopicCounts(fsys fs.FS) map[string]int {
	out := map[string]int{}
	ls, _ := Load(fsys)
	for _, l := range ls {
		for _, t := range l.Topics {
			out[t]++
		}
	}
	return out
}

// BuiltinTopicCounts is TopicCounts over the embedded lessons.
func BuiltinTopicCounts() map[string]int {
	sub, err := builtinFS()
	if err != nil {
		return map[string]int{}
	}
	return TopicCounts(sub)
}
