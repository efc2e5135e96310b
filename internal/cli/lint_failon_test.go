package cli

import (
	"strings"
	"testing"
)

func TestLintFailOn(t *testing.T) {
	const (
		securityWarning = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`
		warning         = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjects", "Resource": "*"}]}`
		suggestion      = `{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}`
		broken          = `{"Version": "2012-10-17", "Statement": [{"Effect": "Permit", "Action": "s3:GetObject", "Resource": "*"}]}`
	)
	for _, c := range []struct {
		name, src, failOn string
		want              int
	}{
		{"security warning, default", securityWarning, "", 0},
		{"security warning, --fail-on error", securityWarning, "error", 0},
		{"security warning, --fail-on warning", securityWarning, "warning", 1},
		{"warning, default", warning, "", 0},
		{"warning, --fail-on warning", warning, "WARNING", 1},
		{"suggestion, --fail-on warning", suggestion, "warning", 0},
		{"error, --fail-on warning", broken, "warning", 1},
		{"error, default", broken, "", 1},
	} {
		args := []string{"lint", "-"}
		if c.failOn != "" {
			args = append(args, "--fail-on", c.failOn)
		}
		code, out, errs := runCLI(t, c.src, args...)
		if code != c.want {
			t.Errorf("%s: exit %d, want %d\n%s%s", c.name, code, c.want, out, errs)
		}
	}
	code, _, errs := runCLI(t, securityWarning, "lint", "--fail-on", "suggestion", "-")
	if code != 2 || !strings.Contains(errs, `unknown --fail-on "suggestion"; expected error or warning`) {
		t.Errorf("bad --fail-on: exit %d, %q", code, errs)
	}
}
