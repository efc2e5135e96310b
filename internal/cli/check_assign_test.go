package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// iamlab check validates assignment files: a .yaml PATH, --assign, and a
// folder's assignments/. Scenarios are looked up in the built-in library,
// the packs given and the packs folder.
func TestCheckAssignments(t *testing.T) {
	t.Setenv("IAMLAB_HOME", t.TempDir())
	dir := t.TempDir()
	good := filepath.Join(dir, "week3.yaml")
	os.WriteFile(good, []byte("title: Week 3\ndue: 2026-12-20\nscenarios:\n  - foundations/list-needs-the-bucket\n  - scenario: scp-scope\n    due: 2026-12-01\n"), 0o644)
	bad := filepath.Join(dir, "week4.yaml")
	os.WriteFile(bad, []byte("title: Week 4\nscenarios:\n  - scp-scop\n  - scenario: core/list-needs-the-bucket\n    due: 12/10\n"), 0o644)

	out, errs, code := runCmd(t, "check", good)
	if code != 0 || !strings.Contains(out, "assignments: 1 file(s) checked") {
		t.Fatalf("good assignment: exit %d\n%s%s", code, out, errs)
	}
	out, _, code = runCmd(t, "check", bad)
	for _, want := range []string{
		bad + `:3:5: error assignment: no pack has a scenario "scp-scop"; did you mean "scp-scope"?`,
		bad + `:5:10: error assignment: due "12/10" is not a date; expected YYYY-MM-DD`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}

	// A pack folder with its class's assignments: they may name the pack's
	// own scenarios, and are checked with the pack.
	pack := filepath.Join(dir, "packs", "acme")
	if _, errs, code := runCmd(t, "new", "scenario", "the-incident", "--pack", pack); code != 0 {
		t.Fatal(errs)
	}
	os.MkdirAll(filepath.Join(dir, "packs", "assignments"), 0o755)
	os.WriteFile(filepath.Join(dir, "packs", "assignments", "term.yaml"), []byte("title: Term\nscenarios: [acme/the-incident, acme/the-incidnt]\n"), 0o644)
	out, _, _ = runCmd(t, "check", filepath.Join(dir, "packs"))
	if !strings.Contains(out, `term.yaml:2:32: error assignment: no pack has a scenario "the-incidnt"; did you mean "the-incident"?`) ||
		strings.Count(out, "error assignment") != 1 || !strings.Contains(out, "assignments: 1 file(s) checked") {
		t.Errorf("pack folder assignments:\n%s", out)
	}
	// --assign adds one to a check of the built-in library's packs.
	out, _, _ = runCmd(t, "check", pack, "--assign", bad)
	if !strings.Contains(out, `"scp-scop"`) {
		t.Errorf("--assign not checked:\n%s", out)
	}
}
