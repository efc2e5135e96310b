package quiz

import (
	"bytes"
	"io/fs"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/iamlab/iamlab/content"
)

// TopicCounts counts the playable items of a bank per topic.
func TopicCounts(b *Bank) map[string]int {
	out := map[string]int{}
	if b == nil {
		return out
	}
	for _, it := range b.Items {
		if !it.Playable() {
			continue
		}
		for _, t := range it.Topics {
			out[t]++
		}
	}
	return out
}

// LessonTopicCounts counts the lessons in fsys per topic, from their front
// matter. A lesson whose front matter does not parse is skipped: CheckLessons
// reports it.
func LessonTopicCounts(fsys fs.FS) map[string]int {
	out := map[string]int{}
	_ = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") || d.Name() == "README.md" || strings.HasPrefix(d.Name(), "_") {
			return nil
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil
		}
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		rest, ok := bytes.CutPrefix(src, []byte("---\n"))
		if !ok {
			return nil
		}
		front, _, ok := bytes.Cut(rest, []byte("\n---"))
		if !ok {
			return nil
		}
		var lf lessonFront
		if yaml.Unmarshal(front, &lf) != nil {
			return nil
		}
		for _, t := range lf.Topics {
			out[t]++
		}
		return nil
	})
	return out
}

// BuiltinLessonTopicCounts is LessonTopicCounts over the embedded lessons.
func BuiltinLessonTopicCounts() map[string]int {
	sub, err := fs.Sub(content.FS, "lessons")
	if err != nil {
		return map[string]int{}
	}
	return LessonTopicCounts(sub)
}
