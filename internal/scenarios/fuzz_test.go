package scenarios

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/iamlab/iamlab/packs"
)

// Packs come from anywhere: no scenario file may crash the loader or the
// checks, and nothing that leaves it may carry an escape sequence.
func FuzzLoadScenario(f *testing.F) {
	matches, _ := fs.Glob(packs.FS, "*/scenarios/*.yaml")
	for _, m := range matches {
		data, _ := fs.ReadFile(packs.FS, m)
		f.Add(data)
	}
	f.Add([]byte("id: x\nworld: {accounts: [{id: \"111122223333\"}]}\n"))
	f.Add([]byte("title: \"\\e[31m\"\n"))
	// Nesting: at, under and over the depth limit, in flow and block form.
	f.Add([]byte("id: x\nhints: " + strings.Repeat("[", 31) + strings.Repeat("]", 31) + "\n"))
	f.Add([]byte("id: x\nhints: " + strings.Repeat("[", 2000) + "\n"))
	f.Add([]byte("id: x\nworld:\n" + strings.Repeat("  - ", 40) + "a\n"))
	f.Add([]byte("id: x\nbriefing: |\n  " + strings.Repeat("{", 2000) + "\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{
			"pack.yaml":        {Data: []byte("format: 1\nid: fuzz\ntitle: Fuzz\n")},
			"scenarios/x.yaml": {Data: data},
			"worlds/w.yaml":    {Data: []byte("accounts:\n  - id: \"111122223333\"\n    name: A\n")},
			"briefings/x.md":   {Data: []byte("brief")},
			"policies/p.json":  {Data: []byte(`{"Version":"2012-10-17","Statement":[]}`)},
		}
		p, _ := Load(fsys, ".", "fuzz")
		for _, s := range p.Scenarios {
			for _, text := range append([]string{s.Title, s.Briefing, s.Debrief}, s.Hints...) {
				if clean, changed := sanitize(text); changed || clean != text {
					t.Fatalf("unsanitized text reached a scenario: %q", text)
				}
			}
			CheckScenario(s)
		}
	})
}
