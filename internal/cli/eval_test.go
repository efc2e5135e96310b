package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(context.Background(), args, IO{In: strings.NewReader(stdin), Out: &out, Err: &errb})
	return code, out.String(), errb.String()
}

const evalCase = `{"name": "deny-wins", "request": {"principal": "arn:aws:iam::111111111111:user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"},
 "identityPolicies": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}, {"Sid": "No", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"}]}],
 "expect": "%s"}`

func TestEvalExitCodes(t *testing.T) {
	ok := strings.Replace(evalCase, "%s", "explicitDeny", 1)
	code, out, _ := runCLI(t, ok, "eval", "-")
	if code != 0 || !strings.Contains(out, "explicitDeny") || !strings.Contains(out, `statement #2 "No" Deny`) {
		t.Fatalf("code %d, out:\n%s", code, out)
	}
	bad := strings.Replace(evalCase, "%s", "allowed", 1)
	code, out, _ = runCLI(t, bad, "eval", "-")
	if code != 1 || !strings.Contains(out, "MISMATCH") || !strings.Contains(out, "1 mismatched") {
		t.Fatalf("mismatch: code %d, out:\n%s", code, out)
	}
	code, _, errOut := runCLI(t, "{\"request\": [}", "eval", "-")
	if code != 2 || !strings.Contains(errOut, "<stdin>:1:14:") {
		t.Fatalf("invalid input: code %d, stderr %q", code, errOut)
	}
	code, _, errOut = runCLI(t, "", "eval", filepath.Join(t.TempDir(), "missing.json"))
	if code != 2 || !strings.Contains(errOut, "cannot read") {
		t.Fatalf("unreadable: code %d, stderr %q", code, errOut)
	}
}

func TestEvalJSONLines(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "c.json")
	two := "[" + strings.Replace(evalCase, "%s", "explicitDeny", 1) + "," + strings.Replace(evalCase, "%s", "explicitDeny", 1) + "]"
	if err := os.WriteFile(f, []byte(two), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCLI(t, "", "eval", "--json", f)
	if code != 0 {
		t.Fatalf("code %d", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("want one line per case, got %d", len(lines))
	}
	var got struct {
		Name      string
		Decision  string
		DecidedBy string
		Match     *bool
		Trace     struct{ Layers []struct{ Layer string } }
	}
	if err := json.Unmarshal([]byte(lines[0]), &got); err != nil {
		t.Fatal(err)
	}
	if got.Name != "deny-wins" || got.Decision != "explicitDeny" || got.DecidedBy != "identity" || got.Match == nil || !*got.Match || len(got.Trace.Layers) != 7 {
		t.Fatalf("json line: %+v", got)
	}
}

func TestEveryCommandHasHelpAndVersion(t *testing.T) {
	code, out, _ := runCLI(t, "", "--version")
	if code != 0 || !strings.Contains(out, Version) {
		t.Fatalf("--version: %d %q", code, out)
	}
	root := NewRoot(IO{})
	for _, c := range root.Commands() {
		if c.Hidden || c.Name() == "help" || c.Name() == "completion" {
			continue
		}
		code, out, _ := runCLI(t, "", c.Name(), "--help")
		if code != 0 || !strings.Contains(out, "USAGE") || !strings.Contains(out, "iamlab "+c.Name()) {
			t.Errorf("%s --help: code %d", c.Name(), code)
		}
	}
}
