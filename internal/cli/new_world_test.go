package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A scenario started from an imported account names the imported world,
// copies it into the pack once, and its checks and editable policy use the
// world's own principals and policies: the files load, and only the TODOs
// and the answer key stand between them and a published exercise.
func TestNewScenarioFromImportedWorld(t *testing.T) {
	dir := t.TempDir()
	world := filepath.Join(dir, "incident.yaml")
	if _, errs, code := runCmd(t, "import", "aws", "../awsimport/testdata/auth-details.json", "-o", world); code != 0 {
		t.Fatalf("import: exit %d: %s", code, errs)
	}
	src, _ := os.ReadFile(world)
	pack := filepath.Join(dir, "pack")
	for _, kind := range []string{"build", "predict", "choose"} {
		id := "incident-" + kind
		out, errs, code := runCmd(t, "new", "scenario", id, "--kind", kind, "--world", world, "--pack", pack)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", kind, code, errs)
		}
		if kind == "build" != strings.Contains(out, "worlds/incident.yaml") {
			t.Errorf("%s: the world is copied with the first scenario only:\n%s", kind, out)
		}
		body, err := os.ReadFile(filepath.Join(pack, "scenarios", id+".yaml"))
		if err != nil {
			t.Fatal(err)
		}
		sc := string(body)
		if !strings.Contains(sc, "\nworld: incident\n") || strings.Contains(sc, "111122223333") || strings.Contains(sc, "alex") {
			t.Errorf("%s: the scenario does not start from the imported world:\n%s", kind, sc)
		}
		if !strings.Contains(sc, "as: user dana") {
			t.Errorf("%s: the checks do not use the world's principals:\n%s", kind, sc)
		}
		if kind == "build" && !strings.Contains(sc, "  - policy:123456789012/") {
			t.Errorf("build: no editable policy of the world:\n%s", sc)
		}
	}
	copied, err := os.ReadFile(filepath.Join(pack, "worlds", "incident.yaml"))
	if err != nil || withoutModeline(string(copied)) != string(src) {
		t.Fatalf("the world was not copied whole: %v", err)
	}
	out, _, code := runCmd(t, "check", pack)
	if code != 1 || !strings.Contains(out, "3 scenarios loaded") {
		t.Fatalf("check: exit %d\n%s", code, out)
	}
	for _, bad := range []string{"unknown-field", "yaml-syntax", "wrong-type", "missing", "unknown-ref"} {
		if strings.Contains(out, " "+bad+":") {
			t.Errorf("the scaffold has a structural problem (%s):\n%s", bad, out)
		}
	}
	// The first check's expectation is the engine's own answer on the
	// world as imported, so only the TODO check of the build fails.
	if strings.Contains(out, "incident-choose.yaml") && strings.Contains(out, "check-fails") {
		t.Errorf("a fact of the choose scaffold is wrong:\n%s", out)
	}
	if n := strings.Count(out, "solution-fails"); n != 1 {
		t.Errorf("%d solution-fails findings, want the build's TODO check only:\n%s", n, out)
	}
}

func TestNewScenarioRefusesABrokenWorld(t *testing.T) {
	dir := t.TempDir()
	world := filepath.Join(dir, "typo.yaml")
	os.WriteFile(world, []byte("accounts:\n  - id: \"123456789012\"\n    userz: []\n"), 0o644)
	pack := filepath.Join(dir, "pack")
	_, errs, code := runCmd(t, "new", "scenario", "x", "--world", world, "--pack", pack)
	if code != 1 || !strings.Contains(errs, world+`:3:5: unknown field "userz"; did you mean "users"?`) || !strings.Contains(errs, "nothing was written") {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if _, err := os.Stat(pack); !os.IsNotExist(err) {
		t.Fatalf("the pack folder was created: %v", err)
	}
	_, errs, code = runCmd(t, "new", "scenario", "x", "--world", filepath.Join(dir, "none.yaml"), "--pack", pack)
	if code != 1 || !strings.Contains(errs, "none.yaml:1:1: cannot read the world file") {
		t.Fatalf("missing world: exit %d: %s", code, errs)
	}
}
