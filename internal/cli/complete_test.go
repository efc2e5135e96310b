package cli

import (
	"strings"
	"testing"
)

func TestFlagCompletionsFindTheirFlags(t *testing.T) {
	root := NewRoot(IO{In: strings.NewReader(""), Out: &strings.Builder{}, Err: &strings.Builder{}})
	for _, m := range registerCompletions(root) {
		t.Errorf("completion for a flag that does not exist: %s", m)
	}
}

// complete asks the command tree what a shell would be offered, the way
// the generated completion scripts do (cobra's hidden __complete command).
func complete(t *testing.T, args ...string) []string {
	t.Helper()
	t.Setenv("IAMLAB_HOME", t.TempDir())
	code, out, errs := runCLI(t, "", append([]string{"__complete"}, args...)...)
	if code != 0 {
		t.Fatalf("__complete %v: exit %d: %s", args, code, errs)
	}
	var values []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if strings.HasPrefix(line, ":") {
			break // the directive
		}
		v, _, _ := strings.Cut(line, "\t")
		values = append(values, v)
	}
	return values
}

func TestFlagValueCompletion(t *testing.T) {
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"progress", "--exam", ""}, []string{"SAA-C03", "SCS-C02", "SCS-C03"}},
		{[]string{"new", "scenario", "x", "--kind", ""}, []string{"build", "predict", "choose"}},
		{[]string{"lint", "--type", ""}, []string{"boundary", "endpoint", "identity", "key", "rcp", "resource", "scp", "session", "trust"}},
		{[]string{"lint", "--fail-on", ""}, []string{"error", "warning"}},
		{[]string{"schema", ""}, []string{"scenario", "pack", "world", "quiz"}},
		{[]string{"progress", "reset", "--scenario", "cross-account-bucket"}, []string{"cross-account-bucket-read"}},
	} {
		if got := complete(t, c.args...); strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("%v: got %v, want %v", c.args, got, c.want)
		}
	}
	// Every built-in scenario is offered for reset, none twice.
	ids := complete(t, "progress", "reset", "--scenario", "")
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Errorf("%s offered twice", id)
		}
		seen[id] = true
	}
	if len(ids) < 40 {
		t.Errorf("only %d scenario ids offered: %v", len(ids), ids)
	}
}
