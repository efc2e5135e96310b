package quiz

import (
	"os"
	"reflect"
	"testing"

	"github.com/iamlab/iamlab/internal/curriculum"
	"github.com/iamlab/iamlab/internal/diag"
	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/sandbox"
)

func genWorld(t testing.TB) *sandbox.World {
	t.Helper()
	b, probs := LoadBank(os.DirFS("testdata"), "gen")
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if fs := Check(b); diag.HasErrors(fs) {
		t.Fatalf("generation world: %s", joinFindings(fs))
	}
	return b.Items[0].Policy.World
}

func TestGenerateDeterministic(t *testing.T) {
	w := genWorld(t)
	for d := 1; d <= 3; d++ {
		a := Generate(w, 42, d, 12)
		b := Generate(w, 42, d, 12)
		if len(a) == 0 {
			t.Fatalf("difficulty %d: nothing generated", d)
		}
		if !reflect.DeepEqual(ids(a), ids(b)) || !reflect.DeepEqual(a[0].Options, b[0].Options) {
			t.Fatalf("difficulty %d: not deterministic", d)
		}
		if c := Generate(w, 43, d, 12); reflect.DeepEqual(ids(a), ids(c)) {
			t.Errorf("difficulty %d: seeds 42 and 43 gave the same items", d)
		}
	}
}

func ids(items []Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.ID)
	}
	return out
}

// Keys are correct by construction: re-evaluating each call gives the key.
func TestGenerateKeysMatchEngine(t *testing.T) {
	w := genWorld(t)
	for d := 1; d <= 3; d++ {
		for seed := int64(0); seed < 5; seed++ {
			for _, it := range Generate(w, seed, d, 10) {
				out, err := w.Evaluate(it.Policy.Call, eval.Options{})
				if err != nil {
					t.Fatalf("%s: %v", it.ID, err)
				}
				want := map[Ask]string{AskDecision: string(out.Decision), AskLayer: string(out.DecidedBy), AskBoth: string(out.Decision) + "@" + string(out.DecidedBy)}[it.Policy.Ask]
				if got := it.CorrectOptions(); len(got) != 1 || got[0] != want {
					t.Fatalf("%s (%s): key %v, engine says %s", it.ID, it.Policy.Ask, got, want)
				}
				if !it.Playable() || !it.Grade(Choose(want)) || !it.Generated {
					t.Fatalf("%s: not playable with its key", it.ID)
				}
				for _, o := range it.Options {
					if o.Why == "" {
						t.Fatalf("%s: option %s has no rationale", it.ID, o.ID)
					}
				}
				if it.Policy.Outcome == nil || len(it.Policy.Outcome.Hops) == 0 || it.Policy.Outcome.Hops[len(it.Policy.Outcome.Hops)-1].Result.Trace == nil {
					t.Fatalf("%s: no trace attached", it.ID)
				}
				if len(it.Topics) == 0 || len(it.Exam) == 0 {
					t.Fatalf("%s: untagged", it.ID)
				}
				for _, tp := range it.Topics {
					if _, ok := curriculum.TopicByID(tp); !ok {
						t.Fatalf("%s: unknown topic %s", it.ID, tp)
					}
				}
			}
		}
	}
}

func TestGenerateDifficultySpreadsLayers(t *testing.T) {
	w := genWorld(t)
	easy := Generate(w, 7, 1, 8)
	for _, it := range easy {
		if it.Difficulty != 1 {
			t.Errorf("difficulty 1 gave %s at level %d (%s)", it.ID, it.Difficulty, it.Stem)
		}
	}
	hard := Generate(w, 7, 3, 8)
	layers := map[eval.Layer]bool{}
	for _, it := range hard {
		layers[it.Policy.Outcome.DecidedBy] = true
		if it.Difficulty < 2 {
			t.Errorf("difficulty 3 gave an easy item %s: %s", it.ID, it.Stem)
		}
	}
	if len(layers) < 2 {
		t.Errorf("hard questions should come from several layers, got %v", layers)
	}
	if got := Generate(w, 1, 2, 0); got != nil {
		t.Error("n=0 must give nothing")
	}
	if got := Generate(nil, 1, 2, 3); got != nil {
		t.Error("nil world must give nothing")
	}
}

func BenchmarkGenerate(b *testing.B) {
	w := genWorld(b)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		Generate(w, int64(i), 2, 10)
	}
}
