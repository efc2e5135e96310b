package cli

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var updateGolden = flag.Bool("update", false, "rewrite the command output golden files")

// checkGolden compares a command's output with testdata/golden/NAME; with
// -update it rewrites the file. A reviewer reads the diff of a golden file
// to see what a change does to what users see.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *updateGolden {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/cli -run Golden -update to create it)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s changed (run with -update if intended):\n--- want\n%s\n--- got\n%s", name, want, got)
	}
}

// The traces iamlab eval prints for the repository's basic and corner
// cases, and lint's findings and grants for a policy with one of each
// kind of problem, are golden files.
func TestGoldenCommandOutput(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
		code int
	}{
		{"eval-basic.txt", []string{"eval", "../eval/testdata/cases/basic.json"}, 0},
		{"eval-corners.txt", []string{"eval", "../eval/testdata/cases/corners.json"}, 0},
		{"eval-basic-why-not.txt", []string{"eval", "--why-not", "../eval/testdata/cases/basic.json"}, 0},
		{"lint-mixed.txt", []string{"lint", "testdata/lint/mixed.json"}, 0},
		{"lint-mixed-grants.txt", []string{"lint", "--grants", "testdata/lint/mixed.json"}, 0},
	} {
		var out, errb bytes.Buffer
		code := Main(context.Background(), c.args, IO{In: strings.NewReader(""), Out: &out, Err: &errb})
		if code != c.code {
			t.Errorf("%v: exit %d, want %d: %s", c.args, code, c.code, errb.String())
		}
		checkGolden(t, c.name, out.Bytes())
	}
}
