package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCmd(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	root := NewRoot(IO{In: strings.NewReader(""), Out: &out, Err: &errb})
	root.SetArgs(args)
	err := root.Execute()
	var ee *ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		code = ee.Code
		if ee.Err != nil {
			errb.WriteString(ee.Err.Error())
		}
	default:
		code = 2
		errb.WriteString(err.Error())
	}
	return out.String(), errb.String(), code
}

func TestCheckBuiltInLibraryIsClean(t *testing.T) {
	out, errs, code := runCmd(t, "check")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	if !strings.Contains(out, "0 errors") {
		t.Errorf("summary missing: %q", out)
	}
}

func TestCheckReportsPositionedFindings(t *testing.T) {
	dir := filepath.Join("..", "scenarios", "testdata", "broken", "schema")
	out, _, code := runCmd(t, "check", dir)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, out)
	}
	want := filepath.Join(dir, "scenarios", "typo.yaml") + `:2:1: error unknown-field: unknown field "tittle"; did you mean "title"?`
	if !strings.Contains(out, want) {
		t.Errorf("output lacks\n%s\ngot\n%s", want, out)
	}
}

func TestCheckJSON(t *testing.T) {
	dir := filepath.Join("..", "scenarios", "testdata", "broken", "grading")
	out, _, code := runCmd(t, "check", "--json", dir)
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var f struct {
		Code, Severity, File, Message string
		Line, Col                     int
	}
	if err := json.Unmarshal([]byte(lines[0]), &f); err != nil {
		t.Fatalf("not JSON: %q: %v", lines[0], err)
	}
	if f.Code == "" || f.File == "" || f.Line == 0 || f.Message == "" {
		t.Errorf("incomplete finding: %+v", f)
	}
}

func TestCheckUnreadablePath(t *testing.T) {
	_, _, code := runCmd(t, "check", filepath.Join(t.TempDir(), "nowhere"))
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	empty := t.TempDir()
	if err := os.MkdirAll(filepath.Join(empty, "notes"), 0o755); err != nil {
		t.Fatal(err)
	}
	out, _, code := runCmd(t, "check", empty)
	if code != 2 || !strings.Contains(out, "no pack.yaml") {
		t.Errorf("folder without a pack: exit %d\n%s", code, out)
	}
}

// A pack checked with --pack is checked together with the built-in
// library, so an id that clashes with a built-in scenario is reported.
func TestCheckPackClashesWithBuiltIn(t *testing.T) {
	pack := t.TempDir()
	if _, errs, code := runCmd(t, "new", "scenario", "two-groups-one-bucket", "--pack", pack); code != 0 {
		t.Fatal(errs)
	}
	out, _, code := runCmd(t, "check", "--pack", pack)
	if code != 1 || !strings.Contains(out, "duplicate-id") {
		t.Errorf("exit %d, want 1 with duplicate-id:\n%s", code, out)
	}
}

func TestCheckCoverage(t *testing.T) {
	out, _, code := runCmd(t, "check", "--coverage")
	if code != 0 || !strings.Contains(out, "coverage: ") || !strings.Contains(out, "to teach (the areas the exams test") {
		t.Errorf("exit %d\n%s", code, out)
	}
}

// A scenario id or a pack id that clashes with the built-in library is an
// error in every form of check, not only with --pack.
func TestCheckPathClashesWithBuiltIn(t *testing.T) {
	pack := t.TempDir()
	if _, errs, code := runCmd(t, "new", "scenario", "two-groups-one-bucket", "--pack", pack); code != 0 {
		t.Fatal(errs)
	}
	for _, args := range [][]string{{"check", pack}, {"check", "--json", pack}, {"check", "--pack", pack}} {
		out, _, code := runCmd(t, args...)
		if code != 1 || !strings.Contains(out, "duplicate-id") || !strings.Contains(out, "two-groups-one-bucket") {
			t.Errorf("%v: exit %d, want 1 with duplicate-id:\n%s", args, code, out)
		}
	}
	manifest := filepath.Join(pack, "pack.yaml")
	src, err := os.ReadFile(manifest)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "id:") {
			lines[i] = "id: core"
		}
	}
	if err := os.WriteFile(manifest, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, code := runCmd(t, "check", pack)
	if code != 1 || !strings.Contains(out, `pack id "core"`) || !strings.Contains(out, "built-in") {
		t.Errorf("pack id core: exit %d:\n%s", code, out)
	}
}

// A path or text that check quotes reaches the terminal without its escapes.
func TestCheckSanitisesTextOutput(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pack\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	out, _, code := runCmd(t, "check", dir)
	if code == 0 || !strings.Contains(out, "pack") {
		t.Fatalf("exit %d: the empty pack must be reported\n%q", code, out)
	}
	if strings.ContainsAny(out, "\x1b\x07") {
		t.Fatalf("an escape reached the terminal: %q", out)
	}
}
