package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFromCallsFile(t *testing.T) {
	stdio, out, errb := lintIO("")
	if code := Main(context.Background(), []string{"policy", "from-calls", "testdata/calls/calls.yaml"}, stdio); code != 0 {
		t.Fatalf("exit %d: %s", code, errb)
	}
	for _, want := range []string{`"Action": "s3:GetObject"`, `"Resource": "arn:aws:s3:::acme-reports/q3.csv"`, `"aws:MultiFactorAuthPresent": "true"`, `"Resource": "arn:aws:s3:::acme-reports"`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("missing %s in\n%s", want, out)
		}
	}
}

func TestFromCallsScenarioJSON(t *testing.T) {
	stdio, out, errb := lintIO("")
	if code := Main(context.Background(), []string{"policy", "from-calls", "--json", "--scenario", "list-needs-the-bucket"}, stdio); code != 0 {
		t.Fatalf("exit %d: %s", code, errb)
	}
	var got struct {
		Document string
		Policy   string
		Allowed  []string
		Problems []string
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err, out.String())
	}
	if got.Document == "" || len(got.Allowed) == 0 || len(got.Problems) != 0 || !strings.Contains(got.Policy, "s3:ListBucket") {
		t.Fatalf("%+v", got)
	}
}

func TestFromCallsBadInput(t *testing.T) {
	dir := t.TempDir()
	for name, tc := range map[string]struct {
		args []string
		body string
		want string
	}{
		"unknown field": {nil, "wrold: shop.yaml\n", "calls.yaml:1:1: unknown field"},
		"no world":      {nil, "allow: []\n", "the calls need a world"},
		"bad scenario":  {[]string{"--scenario", "list-needs-the-buckett"}, "", `did you mean "list-needs-the-bucket"`},
		"nothing":       {[]string{}, "", "give a FILE of calls"},
	} {
		args := append([]string{"policy", "from-calls"}, tc.args...)
		if tc.body != "" {
			args = append(args, writeFile(t, dir, "calls.yaml", tc.body))
		}
		stdio, _, errb := lintIO("")
		if code := Main(context.Background(), args, stdio); code != 2 {
			t.Errorf("%s: exit %d", name, code)
		}
		if !strings.Contains(errb.String(), tc.want) {
			t.Errorf("%s: %q lacks %q", name, errb.String(), tc.want)
		}
	}
}

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImportAWS(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "world.yaml")
	stdio, _, errb := lintIO("")
	td := "../awsimport/testdata/"
	code := Main(context.Background(), []string{"import", "aws", td + "auth-details.json", td + "scp-describe.json", td + "scp-targets.json",
		"--bucket-policy", "acme-reports=" + td + "bucket-policy.json", "--key-policy", "k-1=" + td + "key-policy.json", "-o", out}, stdio)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb)
	}
	if !strings.Contains(errb.String(), "note: ") || !strings.Contains(errb.String(), "wrote "+out) {
		t.Errorf("stderr %s", errb)
	}
	b, err := os.ReadFile(out)
	if err != nil || !strings.Contains(string(b), "name: dana") {
		t.Fatalf("%v %s", err, b)
	}
	stdio, _, errb = lintIO("")
	if code := Main(context.Background(), []string{"import", "aws", "--bucket-policy", "nofile", td + "auth-details.json"}, stdio); code != 2 || !strings.Contains(errb.String(), "expected NAME=FILE") {
		t.Errorf("exit %d: %s", code, errb)
	}
}

// build → install → list → install again (refused) → remove, in a packs
// folder of the test's own.
func TestPackLifecycle(t *testing.T) {
	dir := t.TempDir()
	packs := filepath.Join(dir, "packs")
	archive := filepath.Join(dir, "mypack-v1.tar.gz")
	run := func(args ...string) (int, string, string) {
		stdio, out, errb := lintIO("")
		code := Main(context.Background(), append([]string{"pack", "--packs-dir", packs}, args...), stdio)
		return code, out.String(), errb.String()
	}
	if code, out, errs := run("build", "testdata/packs/mypack", "-o", archive); code != 0 || !strings.Contains(out, "sha256 ") {
		t.Fatalf("build: %d %s %s", code, out, errs)
	}
	if code, out, errs := run("install", archive); code != 0 || !strings.Contains(out, "installed mypack version 1") {
		t.Fatalf("install: %d %s %s", code, out, errs)
	}
	if code, out, _ := run("list"); code != 0 || !strings.Contains(out, "mypack") {
		t.Fatalf("list: %d %s", code, out)
	}
	if code, _, errs := run("install", archive); code != 1 || !strings.Contains(errs, "is installed") {
		t.Fatalf("second install: %d %s", code, errs)
	}
	b, _ := os.ReadFile(archive)
	os.WriteFile(archive, append(b, 'x'), 0o644)
	if code, _, errs := run("install", "--force", archive); code != 1 || !strings.Contains(errs, "checksum mismatch") {
		t.Fatalf("damaged: %d %s", code, errs)
	}
	if code, out, _ := run("remove", "mypack"); code != 0 || !strings.Contains(out, "removed mypack") {
		t.Fatalf("remove: %d %s", code, out)
	}
	if code, _, errs := run("remove", "mypack"); code != 1 || !strings.Contains(errs, "no installed pack") {
		t.Fatalf("remove again: %d %s", code, errs)
	}
}

// A pack with errors is never built.
func TestPackBuildRefusesABrokenPack(t *testing.T) {
	dir := t.TempDir()
	stdio, _, errb := lintIO("")
	if code := Main(context.Background(), []string{"new", "scenario", "x-one", "--pack", filepath.Join(dir, "p")}, stdio); code != 0 {
		t.Fatalf("new: %s", errb)
	}
	stdio, _, errb = lintIO("")
	if code := Main(context.Background(), []string{"pack", "--packs-dir", filepath.Join(dir, "packs"), "build", filepath.Join(dir, "p"), "-o", filepath.Join(dir, "p.tar.gz")}, stdio); code != 1 || !strings.Contains(errb.String(), "TODO") {
		t.Fatalf("exit %d: %s", code, errb)
	}
}
