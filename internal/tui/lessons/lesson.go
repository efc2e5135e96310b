// Package lessons is the lessons reader: a list of the short Markdown
// lessons grouped by curriculum topic group, filterable, and a reader that
// renders a lesson as Markdown and opens the scenarios that practise it.
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

// Builtin loads the lessons embedded in the binary.
func Builtin() ([]Lesson, []error) {
	sub, err := fs.Sub(content.FS, "lessons")
	if err != nil {
		return nil, []error{err}
	}
	return Load(sub)
}

// Load reads every lesson (*.md but README.md and names starting with "_")
// in fsys, sorted by title. A lesson that cannot be read is reported and
// left out; `iamlab check` gives the details.
func Load(fsys fs.FS) ([]Lesson, []error) {
	var out []Lesson
	var errs []error
	_ = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		name := d.Name()
		if d.IsDir() || !strings.HasSuffix(name, ".md") || name == "README.md" || strings.HasPrefix(name, "_") {
			return nil
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		l, err := parse(src)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p, err))
			return nil
		}
		l.File = p
		if l.ID == "" {
			l.ID = strings.TrimSuffix(path.Base(p), ".md")
		}
		if l.Title == "" {
			l.Title = l.ID
		}
		out = append(out, l)
		return nil
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].Title < out[j].Title })
	return out, errs
}

// parse splits the front matter from the body.
func parse(src []byte) (Lesson, error) {
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	var l Lesson
	if !bytes.HasPrefix(src, []byte("---\n")) {
		l.Body = string(src)
		return l, nil
	}
	rest := src[4:]
	end := bytes.Index(rest, []byte("\n---\n"))
	var front, body []byte
	switch {
	case end >= 0:
		front, body = rest[:end+1], rest[end+5:]
	case bytes.HasSuffix(rest, []byte("\n---")):
		front = rest[:len(rest)-3]
	default:
		return l, fmt.Errorf("the front matter is not closed with a --- line")
	}
	if err := yaml.Unmarshal(front, &l); err != nil {
		return l, fmt.Errorf("front matter: %w", err)
	}
	l.Body = string(body)
	return l, nil
}
