package markdown_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/quiz"
	"github.com/iamlab/iamlab/internal/scenarios"
	"github.com/iamlab/iamlab/internal/tui/lessons"
	"github.com/iamlab/iamlab/internal/tui/markdown"
	"github.com/iamlab/iamlab/internal/tui/theme"
)

// source is one Markdown text the screens render.
type source struct {
	name, text string
}

// corpus is every Markdown text built into iamlab: lessons, the
// briefings, debriefs and questions of the built-in scenarios, and the
// stems and explanations of the quiz bank and of generated items.
func corpus(t *testing.T) []source {
	t.Helper()
	var out []source
	add := func(name, text string) {
		if strings.TrimSpace(text) != "" {
			out = append(out, source{name, text})
		}
	}
	ls, errs := lessons.Builtin()
	if len(errs) > 0 {
		t.Fatalf("lessons: %v", errs)
	}
	for _, l := range ls {
		add("lesson "+l.File, l.Body)
	}
	lib := scenarios.LoadLibrary(scenarios.LibraryOptions{})
	for _, p := range lib.Packs {
		for _, s := range p.Scenarios {
			add("briefing "+s.ID, s.Briefing)
			add("debrief "+s.ID, s.Debrief)
			if s.Choose != nil {
				add("question "+s.ID, s.Choose.Question)
			}
			if s.World != nil {
				for i, it := range quiz.Generate(s.World, 1, 2, 3) {
					add(fmt.Sprintf("generated %s %d stem", s.ID, i), it.Stem)
					add(fmt.Sprintf("generated %s %d explanation", s.ID, i), it.Explanation)
				}
			}
		}
	}
	b, probs := quiz.Builtin()
	if b == nil {
		t.Fatalf("quiz bank: %v", probs)
	}
	for _, it := range b.Items {
		add("item "+it.ID+" stem", strings.TrimSpace(it.Stem))
		add("item "+it.ID+" explanation", strings.TrimSpace(it.Explanation))
	}
	if len(out) < 1000 {
		t.Fatalf("only %d texts found", len(out))
	}
	return out
}

// TestRendersAsGoldmarkDid: the parser of our own renders every built-in
// text byte for byte as the goldmark renderer did, at three widths and in
// every palette.
func TestRendersAsGoldmarkDid(t *testing.T) {
	n := 0
	for _, s := range corpus(t) {
		for _, w := range []int{36, 78, 118} {
			for _, v := range []theme.Variant{theme.VariantDark, theme.VariantLight, theme.VariantNoColor} {
				want := strings.Join(markdown.RenderGoldmark(s.text, w, v), "\n")
				got := strings.Join(markdown.RenderBlocks(s.text, w, v), "\n")
				n++
				if got != want {
					t.Errorf("%s at %d, %v:\n got %q\nwant %q", s.name, w, v, got, want)
				}
			}
		}
	}
	t.Logf("%d renderings compared", n)
}
