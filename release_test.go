package main

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
)

// .ci/run builds the release matrix with go build because goreleaser is
// not on CI machines; this keeps that matrix, and the version variable the
// ldflags set, the same as .goreleaser.yaml's.
func TestReleaseMatrixMatchesCI(t *testing.T) {
	src, err := os.ReadFile(".goreleaser.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Builds []struct {
			ID      string   `yaml:"id"`
			Env     []string `yaml:"env"`
			GOOS    []string `yaml:"goos"`
			GOARCH  []string `yaml:"goarch"`
			Flags   []string `yaml:"flags"`
			LDFlags []string `yaml:"ldflags"`
		} `yaml:"builds"`
		Archives []struct {
			Files []any `yaml:"files"`
		} `yaml:"archives"`
	}
	if err := yaml.Unmarshal(src, &cfg); err != nil {
		t.Fatalf(".goreleaser.yaml: %v", err)
	}
	if len(cfg.Builds) != 1 {
		t.Fatalf("want one build, got %d", len(cfg.Builds))
	}
	b := cfg.Builds[0]
	var want []string
	for _, goos := range b.GOOS {
		for _, arch := range b.GOARCH {
			want = append(want, goos+"/"+arch)
		}
	}
	slices.Sort(want)

	ci, err := os.ReadFile(".ci/run")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^TARGETS="([^"]*)"`).FindSubmatch(ci)
	if m == nil {
		t.Fatal(`.ci/run has no TARGETS="..." line`)
	}
	got := strings.Fields(string(m[1]))
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf(".ci/run builds %v, .goreleaser.yaml %v", got, want)
	}
	if !slices.Contains(b.Env, "CGO_ENABLED=0") || !slices.Contains(b.Flags, "-trimpath") {
		t.Errorf("release builds must be static and trimmed: env %v, flags %v", b.Env, b.Flags)
	}
	ld := strings.Join(b.LDFlags, " ")
	for _, want := range []string{"-s", "-w", "-X github.com/iamlab/iamlab/internal/cli.Version="} {
		if !strings.Contains(ld, want) {
			t.Errorf("ldflags %q lack %q", ld, want)
		}
		if !strings.Contains(string(ci), want) {
			t.Errorf(".ci/run's matrix build lacks %q", want)
		}
	}
	// The variable the ldflags set must exist, or -X silently does nothing.
	root, err := os.ReadFile("internal/cli/root.go")
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^var Version = ""`).Match(root) {
		t.Error(`internal/cli/root.go no longer declares var Version = "" for -X to set`)
	}
	var files []string
	for _, a := range cfg.Archives {
		for _, f := range a.Files {
			if s, ok := f.(string); ok {
				files = append(files, s)
			}
		}
	}
	for _, f := range []string{"README.md", "LICENSE", "CHANGELOG.md"} {
		if !slices.Contains(files, f) {
			t.Errorf("archives do not ship %s", f)
		} else if _, err := os.Stat(f); err != nil {
			t.Errorf("archives ship %s, which is missing: %v", f, err)
		}
	}
}
