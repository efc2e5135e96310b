package main

import (
	"os"
	"regexp"
	"strconv"
	"testing"

	"github.com/iamlab/iamlab/internal/lessons"
	"github.com/iamlab/iamlab/internal/quiz"
	"github.com/iamlab/iamlab/internal/scenarios"
)

// TestReadmeCounts keeps the README's numbers of the built-in content
// true: a newcomer reads them before anything else, and a count that
// lags the library is the first thing they would find wrong.
func TestReadmeCounts(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	lib := scenarios.LoadLibrary(scenarios.LibraryOptions{})
	nScenarios := 0
	for _, p := range lib.Packs {
		nScenarios += len(p.Scenarios)
	}
	bank, _ := quiz.Builtin()
	for _, c := range []struct {
		pattern string
		want    int
	}{
		{`\((\d+) scenarios in \d+ packs`, nScenarios},
		{`scenarios in (\d+) packs`, len(lib.Packs)},
		{`a bank of (\d+) items`, len(bank.Items)},
		{`(\d+) short readings`, len(lessons.BuiltinFiles())},
	} {
		m := regexp.MustCompile(c.pattern).FindSubmatch(readme)
		if m == nil {
			t.Errorf("README.md does not say %s", c.pattern)
			continue
		}
		if got, _ := strconv.Atoi(string(m[1])); got != c.want {
			t.Errorf("README.md says %q; the built-in content has %d", m[0], c.want)
		}
	}
}
