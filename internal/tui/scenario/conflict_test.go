package scenario

import (
	"context"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// Two windows on one scenario: the window whose draft is older learns that
// the other saved, and keeps either text; nothing is overwritten silently.
func TestDraftFromAnotherWindow(t *testing.T) {
	for _, answer := range []string{"y", "n"} {
		t.Run(answer, func(t *testing.T) {
			deps := testDeps(t)
			a := open(t, "two-groups-one-bucket", 120, 38, deps)
			b := open(t, "two-groups-one-bucket", 120, 38, deps)
			press(a, "e") // a scenario opens on its briefing: e starts typing
			press(b, "e")
			typeText(a, "AAA")
			// B's first key saves over A's draft: B is asked, and the
			// keys after it answer the question rather than type.
			typeText(b, "B")
			if b.confirm != confirmDraft || b.drafts.conflict == nil {
				t.Fatalf("window B was not told about A's draft (confirm %v)", b.confirm)
			}
			key := builtInKey(t, "two-groups-one-bucket")
			ds, _ := deps.Store.Drafts(context.Background(), key)
			if len(ds) != 1 || !strings.Contains(ds[0].Text, "AAA") {
				t.Fatalf("A's draft was overwritten before B chose: %+v", ds)
			}
			if v := ansi.Strip(b.View()); !strings.Contains(v, "y") {
				t.Fatalf("no question shown:\n%s", v)
			}
			if w := b.QuitWarning(); !strings.Contains(w, "not saved") {
				t.Fatalf("quitting now would lose B's text without a word: %q", w)
			}
			typeText(b, "x") // not an answer: the question stays
			if b.confirm != confirmDraft {
				t.Fatal("a stray key answered the question")
			}
			press(b, answer)
			ds, _ = deps.Store.Drafts(context.Background(), key)
			switch answer {
			case "y":
				if !strings.HasPrefix(ds[0].Text, "B{") || strings.Contains(ds[0].Text, "AAA") {
					t.Fatalf("keep mine: stored %q", ds[0].Text)
				}
			case "n":
				if got := b.build.editors[ds[0].DocName].Value(); !strings.HasPrefix(got, "AAA{") {
					t.Fatalf("take theirs: editor holds %q", got)
				}
				if !strings.Contains(ds[0].Text, "AAA") {
					t.Fatalf("take theirs: stored %q", ds[0].Text)
				}
			}
			if b.confirm != confirmNone || b.drafts.conflict != nil || b.QuitWarning() != "" {
				t.Fatal("the question did not close")
			}
			// Both windows go on saving without another question.
			typeText(b, "C")
			if b.confirm != confirmNone {
				t.Fatal("asked again after the choice")
			}
		})
	}
}
