package cli

import (
	"bytes"
	"runtime/debug"
	"strings"
	"testing"
)

func TestBuildVersion(t *testing.T) {
	rev := []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"}}
	dirty := append(rev, debug.BuildSetting{Key: "vcs.modified", Value: "true"})
	for _, c := range []struct {
		name    string
		ldflags string
		info    *debug.BuildInfo
		want    string
	}{
		{"release ldflags win over build info", "v1.4.0", &debug.BuildInfo{Main: debug.Module{Version: "v1.3.0"}}, "1.4.0"},
		{"go install records the module version", "", &debug.BuildInfo{Main: debug.Module{Version: "v1.3.0"}}, "1.3.0"},
		{"pseudo-version from go install @commit", "", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261203163700-0123456789ab"}}, "0.0.0-20261203163700-0123456789ab"},
		{"clone with VCS stamping", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: rev}, "devel (0123456789ab)"},
		{"clone with local changes", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: dirty}, "devel (0123456789ab, modified)"},
		{"no VCS information", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "devel"},
		{"no build info", "", nil, "devel"},
	} {
		if got := buildVersion(c.ldflags, c.info, c.info != nil); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

// --version goes through fang, so check the wiring as well as the helper.
func TestVersionFlag(t *testing.T) {
	var out, errb bytes.Buffer
	old := Version
	Version = "9.9.9"
	defer func() { Version = old }()
	if code := Main(t.Context(), []string{"--version"}, IO{In: strings.NewReader(""), Out: &out, Err: &errb}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "9.9.9") {
		t.Errorf("--version printed %q", out.String())
	}
}

// TestVersionFastPathAsCobra: Main answers --version and -v without
// building the command tree, with the very bytes the tree prints.
func TestVersionFastPathAsCobra(t *testing.T) {
	for _, flag := range []string{"--version", "-v"} {
		var fast, slow, errb bytes.Buffer
		if code := Main(t.Context(), []string{flag}, IO{In: strings.NewReader(""), Out: &fast, Err: &errb}); code != 0 {
			t.Fatalf("%s: exit %d: %s", flag, code, errb.String())
		}
		if code := execute(t.Context(), []string{flag}, IO{In: strings.NewReader(""), Out: &slow, Err: &errb}); code != 0 {
			t.Fatalf("%s through the tree: exit %d: %s", flag, code, errb.String())
		}
		if fast.String() != slow.String() || fast.Len() == 0 {
			t.Errorf("%s: the fast path printed %q, the command tree %q", flag, fast.String(), slow.String())
		}
	}
}
