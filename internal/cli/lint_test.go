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

func lintIO(in string) (IO, *bytes.Buffer, *bytes.Buffer) {
	out, errb := &bytes.Buffer{}, &bytes.Buffer{}
	return IO{In: strings.NewReader(in), Out: out, Err: errb}, out, errb
}

func writeLintFile(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

const (
	lintClean = `{"Version": "2012-10-17", "Statement": [
{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}
]}`
	lintWarn = `{"Version": "2012-10-17", "Statement": [
{"Effect": "Allow", "Action": "s3:GetObjects", "Resource": "arn:aws:s3:::reports/*"}
]}`
	lintBroken = `{"Version": "2012-10-17", "Statement": [
{"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}
]}`
	lintBucketPolicy = `{"Version": "2012-10-17", "Statement": [
{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*"}
]}`
)

func TestLintExitStatus(t *testing.T) {
	for _, c := range []struct {
		name string
		args func(t *testing.T) []string
		want int
		out  []string
	}{
		{"clean", func(t *testing.T) []string { return []string{"lint", writeLintFile(t, "p.json", lintClean)} }, 0,
			[]string{"p.json: no findings"}},
		{"warnings only", func(t *testing.T) []string { return []string{"lint", writeLintFile(t, "p.json", lintWarn)} }, 0,
			[]string{"p.json:2:31: warning unknown-action: s3:GetObjects", "    did you mean \"s3:GetObject\"?", "p.json: 1 warning"}},
		{"error", func(t *testing.T) []string { return []string{"lint", writeLintFile(t, "p.json", lintBroken)} }, 1,
			[]string{"p.json:2:12: error invalid-effect:", "p.json: 1 error"}},
		{"unreadable", func(t *testing.T) []string {
			return []string{"lint", filepath.Join(t.TempDir(), "missing.json"), writeLintFile(t, "p.json", lintBroken)}
		}, 2, []string{"p.json:2:12: error invalid-effect:"}},
		{"bad type", func(t *testing.T) []string {
			return []string{"lint", "--type", "idenity", writeLintFile(t, "p.json", lintClean)}
		}, 2, nil},
		{"detected resource policy", func(t *testing.T) []string { return []string{"lint", writeLintFile(t, "p.json", lintBucketPolicy)} }, 0,
			[]string{"security warning public-principal", "suggestion policy-type-detected: linted as a resource-based policy"}},
		{"given type", func(t *testing.T) []string {
			return []string{"lint", "--type", "identity", writeLintFile(t, "p.json", lintBucketPolicy)}
		}, 1, []string{"error principal-not-allowed"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			stdio, out, errb := lintIO("")
			code := Main(context.Background(), c.args(t), stdio)
			if code != c.want {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, c.want, out, errb)
			}
			for _, s := range c.out {
				if !strings.Contains(out.String(), s) {
					t.Errorf("output lacks %q:\n%s", s, out)
				}
			}
		})
	}
}

func TestLintUnreadableSaysWhich(t *testing.T) {
	stdio, _, errb := lintIO("")
	missing := filepath.Join(t.TempDir(), "missing.json")
	if code := Main(context.Background(), []string{"lint", missing}, stdio); code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if !strings.Contains(errb.String(), "cannot read "+missing) {
		t.Errorf("stderr: %s", errb)
	}
}

func TestLintStdinJSON(t *testing.T) {
	stdio, out, errb := lintIO(lintWarn)
	if code := Main(context.Background(), []string{"lint", "--json", "-"}, stdio); code != 0 {
		t.Fatalf("exit %d: %s", code, errb)
	}
	var got []struct {
		File, Severity, Code, Message, Advice string
		Line, Col                             int
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("--json output does not parse: %v\n%s", err, out)
	}
	if len(got) != 1 || got[0].File != "<stdin>" || got[0].Code != "unknown-action" || got[0].Severity != "warning" ||
		got[0].Line != 2 || got[0].Col != 31 || got[0].Advice == "" {
		t.Errorf("findings %+v", got)
	}
}

func TestLintJSONCleanIsEmptyArray(t *testing.T) {
	stdio, out, _ := lintIO(lintClean)
	Main(context.Background(), []string{"lint", "--json", "-"}, stdio)
	if strings.TrimSpace(out.String()) != "[]" {
		t.Errorf("output %q, want []", out)
	}
}

func TestLintGrants(t *testing.T) {
	src := `{"Version": "2012-10-17", "Statement": [
{"Sid": "Everything", "Effect": "Allow", "Action": "s3:*", "Resource": "*"},
{"Effect": "Deny", "Action": "s3:Delete*", "Resource": "*"}
]}`
	stdio, out, errb := lintIO(src)
	if code := Main(context.Background(), []string{"lint", "--grants", "-"}, stdio); code != 0 {
		t.Fatalf("exit %d: %s", code, errb)
	}
	for _, s := range []string{`"Everything" Allow Action s3:*`, "s3 (Amazon S3):", "Permissions management", "#2 Deny Action s3:Delete*", "In all: allows"} {
		if !strings.Contains(out.String(), s) {
			t.Errorf("--grants lacks %q:\n%s", s, out)
		}
	}

	stdio, out, errb = lintIO(src)
	if code := Main(context.Background(), []string{"lint", "--grants", "--json", "-"}, stdio); code != 0 {
		t.Fatalf("exit %d: %s", code, errb)
	}
	var got []struct {
		File   string
		Grants struct {
			Statements []struct {
				Effect  string
				Actions struct{ Count int }
			}
			Allowed, Net struct{ Count int }
		}
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("--grants --json does not parse: %v\n%s", err, out)
	}
	g := got[0].Grants
	if len(g.Statements) != 2 || g.Allowed.Count == 0 || g.Net.Count >= g.Allowed.Count || g.Statements[1].Effect != "Deny" {
		t.Errorf("grants %+v", g)
	}
}

func TestLintGrantsOfBrokenPolicy(t *testing.T) {
	stdio, out, _ := lintIO(lintBroken)
	if code := Main(context.Background(), []string{"lint", "--grants", "-"}, stdio); code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.Contains(out.String(), "cannot list grants") || !strings.Contains(out.String(), "invalid-effect") {
		t.Errorf("output:\n%s", out)
	}
}

func TestLintThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 22091: "22,091", 1234567: "1,234,567"} {
		if got := lintThousands(n); got != want {
			t.Errorf("lintThousands(%d) = %q", n, got)
		}
	}
}

func TestLintFit(t *testing.T) {
	names := []string{"GetObject", "GetObjectAcl", "GetObjectTagging", "GetObjectVersion"}
	if got := lintFit(names, 30); len(got) != 2 {
		t.Errorf("lintFit(30) = %v, want the first two", got)
	}
	if got := lintFit(names, 1000); len(got) != 4 {
		t.Errorf("lintFit(1000) = %v, want all", got)
	}
	if got := lintFit([]string{"AVeryLongActionNameIndeed"}, 5); len(got) != 1 {
		t.Errorf("lintFit keeps at least one name, got %v", got)
	}
}

func TestLintGrantsAllListsEveryName(t *testing.T) {
	src := `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}]}`
	stdio, out, _ := lintIO(src)
	Main(context.Background(), []string{"lint", "--grants", "-"}, stdio)
	if !strings.Contains(out.String(), "more") {
		t.Errorf("without --all the names should be cut:\n%s", out)
	}
	stdio, out, _ = lintIO(src)
	Main(context.Background(), []string{"lint", "--grants", "--all", "-"}, stdio)
	if strings.Contains(out.String(), "more") || !strings.Contains(out.String(), "GetObjectVersion") {
		t.Errorf("--all should list every name:\n%s", out)
	}
}

func TestLintJSONSecurityWarning(t *testing.T) {
	stdio, out, _ := lintIO(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`)
	if code := Main(context.Background(), []string{"lint", "--json", "-"}, stdio); code != 0 {
		t.Errorf("exit %d, want 0: security warnings are not errors", code)
	}
	var got []map[string]any
	if err := json.Unmarshal(out.Bytes(), &got); err != nil || len(got) != 1 {
		t.Fatalf("%v: %s", err, out)
	}
	if got[0]["severity"] != "security-warning" || got[0]["code"] != "allow-all" {
		t.Errorf("finding %v", got[0])
	}
}

// --grants says what lint's resource-mismatch says: the action grants
// nothing on the listed resources.
func TestLintGrantsReportsMismatchedActions(t *testing.T) {
	src := `{"Version": "2012-10-17", "Statement": [
{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "arn:aws:s3:::acme-catalog"}
]}`
	stdio, out, errb := lintIO(src)
	if code := Main(context.Background(), []string{"lint", "--grants", "-"}, stdio); code != 0 {
		t.Fatalf("exit %d: %s", code, errb)
	}
	for _, s := range []string{"allows 1 action in 1 service", "allowing nothing (no listed Resource is of a type they act on): s3:GetObject"} {
		if !strings.Contains(out.String(), s) {
			t.Errorf("--grants lacks %q:\n%s", s, out)
		}
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// lint - </dev/zero ends at once with a clear message, not out of memory.
func TestLintCapsItsInput(t *testing.T) {
	var out, errb bytes.Buffer
	code := Main(context.Background(), []string{"lint", "-"}, IO{In: zeros{}, Out: &out, Err: &errb})
	if code != 2 || !strings.Contains(errb.String(), "cannot read <stdin>: it is larger than 256 KiB") {
		t.Fatalf("status %d, stderr %q", code, errb.String())
	}
	big := writeLintFile(t, "big.json", `{"Version": "2012-10-17", "Statement": [`+strings.Repeat(" ", maxLintBytes)+`]}`)
	code = Main(context.Background(), []string{"lint", big}, IO{In: strings.NewReader(""), Out: &out, Err: &errb})
	if code != 2 || !strings.Contains(errb.String(), "big.json: it is larger than") {
		t.Fatalf("a file over the cap: status %d, stderr %q", code, errb.String())
	}
}

func TestLintSanitisesTextOutput(t *testing.T) {
	hostile := `{"Version": "2012-10-17", "Statement": [
{"Sid": "A\u001b]52;c;cm0gLXJmIH4=\u0007", "Effect": "Allow", "Action": "s3:Get\u001b[2JObject", "Resource": "arn:aws:s3:::r\u009b31m/*"}]}`
	for _, args := range [][]string{{"lint", "-"}, {"lint", "--grants", "-"}} {
		var out, errb bytes.Buffer
		Main(context.Background(), args, IO{In: strings.NewReader(hostile), Out: &out, Err: &errb})
		if out.Len() == 0 || strings.ContainsAny(out.String()+errb.String(), "\x1b\x07\u009b") {
			t.Fatalf("%v: an escape reached the terminal:\n%q", args, out.String())
		}
	}
	var out bytes.Buffer
	Main(context.Background(), []string{"lint", "--json", "-"}, IO{In: strings.NewReader(hostile), Out: &out, Err: &out})
	if !strings.Contains(out.String(), `\u001b`) {
		t.Fatalf("--json must keep the input exactly:\n%s", out.String())
	}
}
