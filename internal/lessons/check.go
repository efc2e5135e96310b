package lessons

import (
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
	"github.com/iamlab/iamlab/internal/diag"
	"github.com/iamlab/iamlab/internal/suggest"
	"github.com/iamlab/iamlab/internal/yamlpos"
)

// fieldNames are the front matter's fields, for "did you mean"; walked by
// reflection only when a lesson has an unknown field, not at every start.
var fieldNames = sync.OnceValue(func() []string { return yamlpos.FieldNames(Lesson{}) })

// mdLink finds inline Markdown links; the target is group 1.
var mdLink = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\]\(([^)\s]+)(?:\s+"[^"]*")?\)`) })

// kebab is the shape of a lesson id, the same as a quiz item's.
var kebab = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`) })

// Check validates the lessons in fsys (every *.md but README.md and
// drafts, subfolders included): front matter present and strictly
// decoded, a unique kebab-case id, a title, known topic and exam task ids,
// every scenario in `scenarios:` among scenarioIDs, and relative links to
// other files that exist. The scenario ids are a parameter so that this
// package need not import the scenario loader; pass nil to skip that check
// (for example when the scenario library failed to load).
func Check(fsys fs.FS, scenarioIDs []string) []diag.Diagnostic {
	var out []diag.Diagnostic
	files, unreadable := lessonFiles(fsys)
	for _, u := range unreadable {
		if u.Path != "." {
			out = append(out, diag.Diagnostic{File: u.Path, Severity: diag.Error, Code: CodeUnreadable, Message: u.Err.Error()})
		}
	}
	sort.Strings(files)
	c := &checker{fsys: fsys, ids: map[string]string{}, all: scenarioIDs}
	if scenarioIDs != nil {
		c.known = map[string]bool{}
		for _, id := range scenarioIDs {
			c.known[id] = true
		}
	}
	for _, f := range files {
		src, err := fs.ReadFile(fsys, f)
		if err != nil {
			out = append(out, diag.Diagnostic{File: f, Severity: diag.Error, Code: CodeUnreadable, Message: err.Error()})
			continue
		}
		out = append(out, c.lesson(f, src)...)
	}
	diag.Sort(out)
	return out
}

// CheckBuiltin checks the embedded lessons against the known scenario ids
// (see Check), with file paths as in the repository
// ("content/lessons/policy-types.md").
func CheckBuiltin(scenarioIDs []string) []diag.Diagnostic {
	sub, err := builtinFS()
	if err != nil {
		return []diag.Diagnostic{{File: "content/" + Root, Severity: diag.Error, Code: CodeUnreadable, Message: err.Error()}}
	}
	out := Check(sub, scenarioIDs)
	for i := range out {
		if out[i].File != "" {
			out[i].File = "content/" + Root + "/" + out[i].File
		}
	}
	return out
}

// checker holds what the lessons of one folder share: the scenario ids
// they may name and the lesson ids seen so far.
type checker struct {
	fsys  fs.FS
	known map[string]bool   // scenario ids; nil: do not check them
	all   []string          // the same ids, for "did you mean"
	ids   map[string]string // lesson id → the file that first used it
}

// lessonCheck is one lesson being checked.
type lessonCheck struct {
	*checker
	file  string
	front Lesson
	doc   *yamlpos.Doc // positions in the front matter, which starts on line 2
	out   []diag.Diagnostic
}

// lesson checks one file: its shape first, which stops the check when it
// is wrong, then each part of the front matter, then the body's links.
func (c *checker) lesson(file string, src []byte) []diag.Diagnostic {
	s := split(src)
	switch {
	case !s.hasFront:
		return []diag.Diagnostic{errorAt(file, 1, 1, CodeMissing, "the lesson has no front matter; expected the file to start with a --- line, then id, title, topics, exam and scenarios, then ---")}
	case !s.closed:
		return []diag.Diagnostic{errorAt(file, 1, 1, CodeYAMLSyntax, "the front matter is not closed; expected a line with --- after it")}
	}
	l := &lessonCheck{checker: c, file: file}
	if d := l.decode(s.front); d != nil {
		return []diag.Diagnostic{*d}
	}
	l.id()
	if strings.TrimSpace(l.front.Title) == "" {
		l.at("title", CodeMissing, "the lesson has no title")
	}
	l.topics()
	l.exam()
	l.scenarios()
	l.links(s)
	return l.out
}

// decode reads the front matter strictly: nesting, syntax, then fields.
func (l *lessonCheck) decode(front []byte) *diag.Diagnostic {
	if e := yamlpos.CheckDepth(front); e != nil {
		d := errorAt(l.file, e.Line+1, e.Col, CodeYAMLSyntax, e.Text())
		return &d
	}
	f, err := parser.ParseBytes(front, 0)
	if err != nil {
		return l.yamlError(err)
	}
	var root ast.Node
	if len(f.Docs) > 0 {
		root = f.Docs[0].Body
	}
	if root != nil {
		if err := yaml.NodeToValue(root, &l.front, yaml.DisallowUnknownField()); err != nil {
			return l.yamlError(err)
		}
	}
	l.doc = yamlpos.Index(nil, root)
	return nil
}

// yamlError words go-yaml's error for an author, below the --- line.
func (l *lessonCheck) yamlError(err error) *diag.Diagnostic {
	e := yamlpos.Explain(err)
	msg := e.Message
	switch {
	case e.Code == CodeUnknownField:
		if s, ok := suggest.Closest(yamlpos.UnknownField(err), fieldNames()); ok {
			msg += fmt.Sprintf("; did you mean %q?", s)
		} else {
			msg += "; see docs/quiz-format.md for the fields of an item"
		}
	case e.Expected != "":
		msg += "; " + e.Expected
	}
	d := errorAt(l.file, e.Line+1, e.Col, e.Code, msg)
	return &d
}

// at reports a problem with the front matter field at path (a
// yamlpos.Join path), or at the file's start when the field is absent.
func (l *lessonCheck) at(path, code, format string, args ...any) {
	line, col, _ := l.doc.FieldPos(path)
	if line == 0 {
		line, col = 1, 1
	} else {
		line++ // the --- line precedes the YAML
	}
	d := errorAt(l.file, line, col, code, fmt.Sprintf(format, args...))
	d.Subject = l.front.ID
	l.out = append(l.out, d)
}

// id: present, kebab-case and not another lesson's.
func (l *lessonCheck) id() {
	id := l.front.ID
	switch {
	case id == "":
		l.at("id", CodeMissing, "the lesson has no id; expected a stable kebab-case id such as id: %s", suggestKebab(strings.TrimSuffix(path.Base(l.file), ".md")))
	case !kebab().MatchString(id):
		l.at("id", CodeBadValue, "id %q is not kebab-case; expected e.g. %q", id, suggestKebab(id))
	default:
		if prev, dup := l.ids[id]; dup {
			l.at("id", CodeDuplicateID, "id %q is also used by %s", id, prev)
		}
		l.ids[id] = l.file
	}
}

func (l *lessonCheck) topics() {
	for i, t := range l.front.Topics {
		if _, err := curriculum.ParseTopicID(t); err != nil {
			l.at(yamlpos.Join("topics", i), CodeBadTopic, "%v", err)
		}
	}
}

// exam: known task ids, at least one on an exam that can still be taken.
// A lesson is found by exam task and counts toward coverage only through
// those.
func (l *lessonCheck) exam() {
	current := false
	for i, t := range l.front.Exam {
		tk, err := curriculum.ParseTaskID(t)
		if err != nil {
			l.at(yamlpos.Join("exam", i), CodeBadTask, "%v", err)
			continue
		}
		if ex, err := curriculum.ExamByID(tk.Exam); err == nil && ex.Retired.IsZero() && !tk.History {
			current = true
		}
	}
	if !current {
		l.at("exam", CodeUntagged, "the lesson has no task on a current exam; add the SAA-C03 or SCS-C03 statements it teaches, e.g. exam: [\"SCS-C03 4.2.3\"]")
	}
}

// scenarios: each one in the library, when the library is known.
func (l *lessonCheck) scenarios() {
	if l.known == nil {
		return
	}
	for i, s := range l.front.Scenarios {
		if l.known[s] {
			continue
		}
		msg := fmt.Sprintf("scenario %q does not exist", s)
		if c, ok := suggest.Closest(s, l.all); ok {
			msg += fmt.Sprintf("; did you mean %q?", c)
		} else {
			msg += "; list ids of scenarios in the library, or leave scenarios: [] empty"
		}
		l.at(yamlpos.Join("scenarios", i), CodeUnknownRef, "%s", msg)
	}
}

// links: every relative link of the body names a file that exists. Links
// to the web, to anchors and out of the lessons folder are not checked.
func (l *lessonCheck) links(s parts) {
	for i, line := range strings.Split(string(s.body), "\n") {
		for _, m := range mdLink().FindAllStringSubmatchIndex(line, -1) {
			target := line[m[2]:m[3]]
			if strings.Contains(target, "://") || strings.HasPrefix(target, "#") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			target, _, _ = strings.Cut(target, "#")
			rel := path.Clean(path.Join(path.Dir(l.file), target))
			if strings.HasPrefix(rel, "../") || rel == ".." {
				continue
			}
			if _, err := fs.Stat(l.fsys, rel); err != nil {
				l.out = append(l.out, errorAt(l.file, s.bodyLine+i, m[2]+1, CodeUnknownRef, fmt.Sprintf("link target %q does not exist", target)))
			}
		}
	}
}

// errorAt is an error in a lesson file.
func errorAt(file string, line, col int, code, msg string) diag.Diagnostic {
	return diag.Diagnostic{File: file, Line: line, Col: col, Severity: diag.Error, Code: code, Message: msg}
}

// suggestKebab turns a name into the kebab-case id it most likely means.
func suggestKebab(s string) string {
	s = strings.ToLower(s)
	s = regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(s, "-")
	return strings.Trim(s, "-")
}
