package quiz

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/iamlab/iamlab/internal/curriculum"
	"github.com/iamlab/iamlab/internal/yamlpos"
)

// lessonFront is a lesson's YAML front matter (content/lessons/README.md).
type lessonFront struct {
	ID        string   `yaml:"id"`
	Title     string   `yaml:"title"`
	Topics    []string `yaml:"topics"`
	Exam      []string `yaml:"exam"`
	Scenarios []string `yaml:"scenarios"`
}

var lessonNames = sync.OnceValue(func() []string { return yamlpos.FieldNames(lessonFront{}) })

// mdLink finds inline Markdown links; the target is group 1.
var mdLink = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\]\(([^)\s]+)(?:\s+"[^"]*")?\)`) })

// CheckLessons validates the lessons in fsys (every *.md but README.md,
// subfolders included): front matter present and strictly decoded, a
// unique kebab-case id, a title, known topic and exam task ids, every
// scenario in `scenarios:` among scenarioIDs, and relative links to other
// files that exist. The scenario ids are a parameter so that this package
// need not import the scenario loader; pass nil to skip that check (for
// example when the scenario library failed to load).
func CheckLessons(fsys fs.FS, scenarioIDs []string) []Finding {
	var out []Finding
	var files []string
	_ = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p != "." {
				out = append(out, Finding{File: p, Severity: SevError, Code: CodeUnreadable, Message: err.Error()})
			}
			return nil
		}
		if !d.IsDir() && strings.HasSuffix(p, ".md") && d.Name() != "README.md" && !strings.HasPrefix(d.Name(), "_") {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	var known map[string]bool
	if scenarioIDs != nil {
		known = map[string]bool{}
		for _, id := range scenarioIDs {
			known[id] = true
		}
	}
	ids := map[string]string{}
	for _, f := range files {
		src, err := fs.ReadFile(fsys, f)
		if err != nil {
			out = append(out, Finding{File: f, Severity: SevError, Code: CodeUnreadable, Message: err.Error()})
			continue
		}
		out = append(out, checkLesson(fsys, f, src, known, ids, scenarioIDs)...)
	}
	SortFindings(out)
	return out
}

func checkLesson(fsys fs.FS, file string, src []byte, known map[string]bool, ids map[string]string, all []string) []Finding {
	errAt := func(line, col int, code, format string, args ...any) Finding {
		return Finding{File: file, Line: line, Col: col, Severity: SevError, Code: code, Message: fmt.Sprintf(format, args...)}
	}
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return []Finding{errAt(1, 1, CodeMissing, "the lesson has no front matter; expected the file to start with a --- line, then id, title, topics, exam and scenarios, then ---")}
	}
	rest := src[4:]
	end := bytes.Index(rest, []byte("\n---\n"))
	if end < 0 {
		if bytes.HasSuffix(rest, []byte("\n---")) {
			end = len(rest) - 4
		} else {
			return []Finding{errAt(1, 1, CodeYAMLSyntax, "the front matter is not closed; expected a line with --- after it")}
		}
	}
	front := rest[:end+1]
	body := rest[min(end+5, len(rest)):]
	bodyLine := bytes.Count(src[:len(src)-len(body)], []byte("\n")) + 1
	var out []Finding
	shift := func(f Finding) Finding { f.Line++; return f } // the --- line precedes the YAML
	file0 := file
	var lf lessonFront
	if e := yamlpos.CheckDepth(front); e != nil {
		return []Finding{shift(Finding{File: file0, Line: e.Line, Col: e.Col, Severity: SevError, Code: CodeYAMLSyntax, Message: e.Message + "; " + e.Expected})}
	}
	astFile, err := parser.ParseBytes(front, 0)
	if err != nil {
		return []Finding{shift(fromYAMLError(file0, err, lessonNames()))}
	}
	var root ast.Node
	if len(astFile.Docs) > 0 {
		root = astFile.Docs[0].Body
	}
	if root != nil {
		if err := yaml.NodeToValue(root, &lf, yaml.DisallowUnknownField()); err != nil {
			return []Finding{shift(fromYAMLError(file0, err, lessonNames()))}
		}
	}
	p := newPositions(file, root)
	at := func(path, code, format string, args ...any) {
		f := p.at(path, SevError, code, lf.ID, format, args...)
		if f.Line == 0 {
			f.Line, f.Col = 1, 1
		} else {
			f = shift(f)
		}
		out = append(out, f)
	}
	switch {
	case lf.ID == "":
		at("id", CodeMissing, "the lesson has no id; expected a stable kebab-case id such as id: %s", suggestKebab(strings.TrimSuffix(path.Base(file), ".md")))
	case !kebab().MatchString(lf.ID):
		at("id", CodeBadValue, "id %q is not kebab-case; expected e.g. %q", lf.ID, suggestKebab(lf.ID))
	default:
		if prev, dup := ids[lf.ID]; dup {
			at("id", CodeDuplicateID, "id %q is also used by %s", lf.ID, prev)
		}
		ids[lf.ID] = file
	}
	if strings.TrimSpace(lf.Title) == "" {
		at("title", CodeMissing, "the lesson has no title")
	}
	for i, t := range lf.Topics {
		if _, err := curriculum.ParseTopicID(t); err != nil {
			at(joinPath("topics", i), CodeBadTopic, "%v", err)
		}
	}
	current := false
	for i, t := range lf.Exam {
		tk, err := curriculum.ParseTaskID(t)
		if err != nil {
			at(joinPath("exam", i), CodeBadTask, "%v", err)
			continue
		}
		if ex, err := curriculum.ExamByID(tk.Exam); err == nil && ex.Retired.IsZero() && !tk.History {
			current = true
		}
	}
	// A lesson is found by exam task and counts toward coverage only
	// through tasks of an exam that can still be taken.
	if len(lf.Exam) == 0 || !current {
		at("exam", CodeUntagged, "the lesson has no task on a current exam; add the SAA-C03 or SCS-C03 statements it teaches, e.g. exam: [\"SCS-C03 4.2.3\"]")
	}
	if known != nil {
		for i, s := range lf.Scenarios {
			if !known[s] {
				msg := fmt.Sprintf("scenario %q does not exist", s)
				if c := closest(s, all); c != "" {
					msg += fmt.Sprintf("; did you mean %q?", c)
				} else {
					msg += "; list ids of scenarios in the library, or leave scenarios: [] empty"
				}
				at(joinPath("scenarios", i), CodeUnknownRef, "%s", msg)
			}
		}
	}
	for i, line := range strings.Split(string(body), "\n") {
		for _, m := range mdLink().FindAllStringSubmatchIndex(line, -1) {
			target := line[m[2]:m[3]]
			if strings.Contains(target, "://") || strings.HasPrefix(target, "#") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			target, _, _ = strings.Cut(target, "#")
			rel := path.Clean(path.Join(path.Dir(file), target))
			if strings.HasPrefix(rel, "../") || rel == ".." {
				continue // outside the lessons folder: not ours to resolve
			}
			if _, err := fs.Stat(fsys, rel); err != nil {
				out = append(out, errAt(bodyLine+i, m[2]+1, CodeUnknownRef, "link target %q does not exist", target))
			}
		}
	}
	return out
}
