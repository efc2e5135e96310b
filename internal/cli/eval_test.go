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
		Rule      string
		Match     *bool
		Trace     struct{ Layers []struct{ Layer string } }
	}
	if err := json.Unmarshal([]byte(lines[0]), &got); err != nil {
		t.Fatal(err)
	}
	if got.Name != "deny-wins" || got.Decision != "explicitDeny" || got.DecidedBy != "identity" || got.Match == nil || !*got.Match || len(got.Trace.Layers) != 7 {
		t.Fatalf("json line: %+v", got)
	}
	if got.Rule != "explicit-deny" {
		t.Fatalf("json line: rule %q, want the stable id of the rule that decided", got.Rule)
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

func TestEvalBatchGoesOnAfterInvalidCases(t *testing.T) {
	good := strings.Replace(evalCase, "%s", "explicitDeny", 1)
	bad := strings.Replace(evalCase, "%s", "allowed", 1)
	broken := `{"name": "broken", "request": {"principal": "*", "action": "s3:GetObject",}}`
	bob := strings.Replace(strings.Replace(good, "arn:aws:iam::111111111111:user/alice", "bob", 1), "deny-wins", "bob", 1)
	src := "[" + good + ",\n" + broken + ",\n" + bob + ",\n" + bad + "]"
	code, out, errOut := runCLI(t, src, "eval", "--no-trace", "-")
	if code != 2 {
		t.Fatalf("an invalid case must make the status 2, got %d", code)
	}
	if strings.Count(out, "deny-wins: explicitDeny") != 2 || !strings.Contains(out, "MISMATCH") {
		t.Fatalf("every valid case must be evaluated and printed:\n%s", out)
	}
	if !strings.Contains(out, "4 cases: 1 as expected, 1 mismatched, 2 invalid") {
		t.Fatalf("summary:\n%s", out)
	}
	if !strings.Contains(errOut, "<stdin>:4:75: a comma before '}'") || !strings.Contains(errOut, `principal "bob" is neither an ARN`) {
		t.Fatalf("positioned errors:\n%s", errOut)
	}

	code, out, _ = runCLI(t, src, "eval", "--json", "-")
	if code != 2 {
		t.Fatalf("--json: status %d", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 {
		t.Fatalf("want a line per case, got:\n%s", out)
	}
	var inv struct{ Name, File, Error string }
	if err := json.Unmarshal([]byte(lines[2]), &inv); err != nil {
		t.Fatal(err)
	}
	if inv.Name != "bob" || inv.File != "<stdin>" || !strings.HasPrefix(inv.Error, "<stdin>:") || !strings.Contains(inv.Error, "service principal") {
		t.Fatalf("invalid case in --json: %+v", inv)
	}
}

func TestEvalStatusWithoutInvalidCases(t *testing.T) {
	bad := strings.Replace(evalCase, "%s", "allowed", 1)
	if code, _, _ := runCLI(t, "["+bad+"]", "eval", "-q", "-"); code != 1 {
		t.Fatalf("a mismatch alone: status %d, want 1", code)
	}
	dir := t.TempDir()
	ok := filepath.Join(dir, "ok.json")
	if err := os.WriteFile(ok, []byte(strings.Replace(evalCase, "%s", "explicitDeny", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "", "eval", "--no-trace", filepath.Join(dir, "missing.json"), ok)
	if code != 2 || !strings.Contains(errOut, "cannot read") || !strings.Contains(out, "deny-wins: explicitDeny") {
		t.Fatalf("an unreadable file must not stop the others: %d\n%s\n%s", code, out, errOut)
	}
}

func TestEvalWithoutExpectIsNotAsExpected(t *testing.T) {
	noExpect := strings.Replace(evalCase, `,
 "expect": "%s"`, "", 1)
	code, out, _ := runCLI(t, noExpect, "eval", "--no-trace", "-")
	if code != 0 {
		t.Fatalf("status %d", code)
	}
	if strings.Contains(out, "✓") || !strings.Contains(out, "· deny-wins: explicitDeny") || !strings.Contains(out, "(no expect stated)") {
		t.Fatalf("case line:\n%s", out)
	}
	if !strings.Contains(out, "1 case: 0 as expected, 0 mismatched, 1 evaluated with no expect") {
		t.Fatalf("summary:\n%s", out)
	}
}

// A mismatch in a quiet run is shown with its trace, built only then.
func TestEvalQuietTracesOnlyMismatches(t *testing.T) {
	good := strings.Replace(evalCase, "%s", "explicitDeny", 1)
	bad := strings.Replace(strings.Replace(evalCase, "%s", "allowed", 1), "deny-wins", "wrong", 1)
	code, out, _ := runCLI(t, "["+good+","+bad+"]", "eval", "-q", "-")
	if code != 1 || strings.Contains(out, "deny-wins") || !strings.Contains(out, "wrong: explicitDeny") || !strings.Contains(out, `statement #2 "No" Deny`) {
		t.Fatalf("quiet run: %d\n%s", code, out)
	}
}

// Text output never passes a terminal escape from the input through;
// --json keeps the input exactly.
func TestEvalSanitisesTextOutput(t *testing.T) {
	hostile := "\x1b]52;c;cm0gLXJmIH4=\x07pwn\x1b[2J\u202e"
	src := strings.Replace(strings.Replace(evalCase, "%s", "explicitDeny", 1), "deny-wins", strings.NewReplacer("\x1b", `\u001b`, "\a", `\u0007`).Replace(hostile)+`\nforged`, 1)
	src = strings.Replace(src, `"identityPolicies": [`, `"identityPolicies": [{"name": "Read\u001b]8;;http://evil\u0007", "policy": `, 1)
	src = strings.Replace(src, `]}],`, `]}}],`, 1)
	src = strings.Replace(src, `"resource": "arn:aws:s3:::b/k"`, `"resource": "arn:aws:s3:::b/k\u009b31m", "context": {"aws:SourceIp": "\u001b[H"}`, 1)
	code, out, errOut := runCLI(t, src, "eval", "-")
	if code != 0 {
		t.Fatalf("status %d\n%s\n%q", code, out, errOut)
	}
	for _, bad := range []string{"\x1b", "\u009b", "\u202e", "\a"} {
		if strings.Contains(out, bad) {
			t.Fatalf("%q reached the terminal:\n%q", bad, out)
		}
	}
	if !strings.Contains(out, `pwn\nforged: explicitDeny`) || !strings.Contains(out, "Read: ✗ explicit deny") {
		t.Fatalf("a line break in a name must not start a line:\n%s", out)
	}
	_, out, _ = runCLI(t, src, "eval", "--json", "-")
	var got struct{ Name string }
	if err := json.Unmarshal([]byte(out), &got); err != nil || got.Name != hostile+"\nforged" {
		t.Fatalf("--json must keep the name exactly: %q (%v)", got.Name, err)
	}
}

// eval - </dev/zero stops at the first byte with a positioned error.
func TestEvalEndsOnZeros(t *testing.T) {
	var out, errb bytes.Buffer
	code := Main(context.Background(), []string{"eval", "-"}, IO{In: zeros{}, Out: &out, Err: &errb})
	if code != 2 || !strings.Contains(errb.String(), "<stdin>:1:1: unexpected character U+0000") {
		t.Fatalf("status %d, stderr %q", code, errb.String())
	}
}

// A file that cannot be read, or not to its end, is counted apart from the
// cases.
func TestEvalCountsFileErrorsApart(t *testing.T) {
	code, out, errOut := runCLI(t, "", "eval", t.TempDir())
	if code != 2 || !strings.Contains(out, "0 cases: 0 as expected, 0 mismatched; 1 file error") || !strings.Contains(errOut, ": cannot read: is a directory") {
		t.Fatalf("a folder: %d\n%s\n%s", code, out, errOut)
	}
	good := strings.Replace(evalCase, "%s", "explicitDeny", 1)
	code, out, errOut = runCLI(t, "["+good+",\n"+good, "eval", "--no-trace", "-")
	if code != 2 || !strings.Contains(out, "2 cases: 2 as expected, 0 mismatched; 1 file error") || !strings.Contains(errOut, "<stdin>:6:27: the document ends inside the list") {
		t.Fatalf("a file cut short: %d\n%s\n%s", code, out, errOut)
	}
}

// --why-not prints, under each decision, the smallest edits of the case's
// own policy text that flip it; the streamed reader keeps each case's text
// for that, with positions counted from the start of the file.
func TestEvalWhyNotText(t *testing.T) {
	code, out, errOut := runCLI(t, "", "eval", "--why-not", "--no-trace", "../eval/testdata/cases/basic.json")
	if code != 0 {
		t.Fatalf("code %d: %s", code, errOut)
	}
	for _, want := range []string{
		`why not? the smallest edits that make it allowed:`,
		`1. remove the Deny statement "NoDelete" from deny-delete`,
		`+             "Resource": ["arn:aws:s3:::other-bucket/*", "arn:aws:s3:::bucket/a.txt"]`,
		`size 31 → allowed by the identity-based policies`,
		`why not? the smallest edits that make it denied:`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "is not at offset") {
		t.Errorf("a policy's text was not found in the streamed case:\n%s", out)
	}
	// Without the flag nothing of it is printed.
	_, plainOut, _ := runCLI(t, "", "eval", "--no-trace", "../eval/testdata/cases/basic.json")
	if strings.Contains(plainOut, "why not?") {
		t.Error("why not? printed without --why-not")
	}
}

// In JSON each case gets a whyNot object; a mismatching case is steered to
// its expect, and every proposal's decision after the edit is that target.
func TestEvalWhyNotJSON(t *testing.T) {
	code, out, _ := runCLI(t, "", "eval", "--json", "--why-not", "../eval/testdata/cases/basic.json")
	if code != 0 {
		t.Fatalf("code %d", code)
	}
	n := 0
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var got struct {
			Decision string
			WhyNot   *struct {
				Goal      string
				Proposals []struct {
					After string
					Size  int
					Edits []struct{ Summary, Diff string }
				}
			}
		}
		if err := json.Unmarshal([]byte(line), &got); err != nil {
			t.Fatal(err)
		}
		if got.WhyNot == nil || got.WhyNot.Proposals == nil {
			t.Fatalf("a case without whyNot: %s", line)
		}
		for _, p := range got.WhyNot.Proposals {
			n++
			if (p.After == "allowed") == (got.Decision == "allowed") || p.Size <= 0 || p.Edits[0].Summary == "" {
				t.Errorf("proposal does not flip %s: %+v", got.Decision, p)
			}
		}
	}
	if n == 0 {
		t.Fatal("no proposals at all for basic.json")
	}
	// A mismatch: the case says allowed, the Deny says otherwise.
	bad := strings.Replace(evalCase, "%s", "allowed", 1)
	code, out, _ = runCLI(t, bad, "eval", "--json", "--why-not", "-")
	if code != 1 || !strings.Contains(out, `"whyNot":{"decision":"explicitDeny"`) || !strings.Contains(out, `remove the Deny statement \"No\"`) {
		t.Fatalf("mismatch: code %d\n%s", code, out)
	}
}
