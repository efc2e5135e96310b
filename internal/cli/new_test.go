package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The scaffold is accepted structurally but fails until filled in.
func TestNewScenarioThenCheck(t *testing.T) {
	for _, kind := range []string{"build", "predict", "choose"} {
		t.Run(kind, func(t *testing.T) {
			pack := filepath.Join(t.TempDir(), "my-pack")
			out, errs, code := runCmd(t, "new", "scenario", "first-"+kind, "--kind", kind, "--pack", pack)
			if code != 0 {
				t.Fatalf("new: exit %d: %s", code, errs)
			}
			for _, f := range []string{"pack.yaml", "scenarios/first-" + kind + ".yaml", "briefings/first-" + kind + ".md", "debriefs/first-" + kind + ".md"} {
				if _, err := os.Stat(filepath.Join(pack, filepath.FromSlash(f))); err != nil {
					t.Errorf("%s not created: %v\n%s", f, err, out)
				}
			}
			out, _, code = runCmd(t, "check", pack)
			if code != 1 {
				t.Fatalf("check of a fresh scaffold: exit %d, want 1\n%s", code, out)
			}
			if !strings.Contains(out, "1 scenario loaded") || !strings.Contains(out, "error todo:") {
				t.Errorf("want the scenario loaded with TODO findings:\n%s", out)
			}
			for _, bad := range []string{"unknown-field", "yaml-syntax", "wrong-type", "missing"} {
				if strings.Contains(out, " "+bad+":") {
					t.Errorf("scaffold has a structural problem (%s):\n%s", bad, out)
				}
			}
		})
	}
}

func TestNewScenarioRefusesToOverwrite(t *testing.T) {
	pack := t.TempDir()
	if _, errs, code := runCmd(t, "new", "scenario", "one", "--pack", pack); code != 0 {
		t.Fatal(errs)
	}
	manifest, _ := os.ReadFile(filepath.Join(pack, "pack.yaml"))
	_, errs, code := runCmd(t, "new", "scenario", "one", "--pack", pack)
	if code == 0 || !strings.Contains(errs, "already exists") {
		t.Errorf("second scaffold: exit %d, %q", code, errs)
	}
	again, _ := os.ReadFile(filepath.Join(pack, "pack.yaml"))
	if string(again) != string(manifest) {
		t.Error("pack.yaml changed")
	}
	if _, errs, code := runCmd(t, "new", "scenario", "Bad ID", "--pack", pack); code == 0 || !strings.Contains(errs, "kebab-case") {
		t.Errorf("bad id: exit %d, %q", code, errs)
	}
	if _, errs, code := runCmd(t, "new", "scenario", "two", "--kind", "quiz", "--pack", pack); code == 0 || !strings.Contains(errs, "build, predict or choose") {
		t.Errorf("bad kind: exit %d, %q", code, errs)
	}
}
