package scenarios

import (
	"path/filepath"
	"strings"
	"testing"
)

func clashPack(t *testing.T, dir, packID, scenarioID string) {
	t.Helper()
	write(t, filepath.Join(dir, "pack.yaml"), "format: 1\nid: "+packID+"\ntitle: Mine\n")
	write(t, filepath.Join(dir, "scenarios", "a.yaml"), strings.Replace(scenarioText(t), "id: a", "id: "+scenarioID, 1))
	write(t, filepath.Join(dir, "briefings", "a.md"), "Debrief.\n")
}

// The library shows a clash as a problem of the pack that brings it: the
// built-in scenario stays, the copy is left out with a positioned error,
// and a pack whose id is a built-in pack's is not used at all.
func TestLibraryMarksClashes(t *testing.T) {
	dir := t.TempDir()
	clashPack(t, filepath.Join(dir, "copy"), "my-copy", "two-groups-one-bucket")
	clashPack(t, filepath.Join(dir, "shadow"), "core", "my-own")
	clashPack(t, filepath.Join(dir, "twin1"), "twin", "twin-one")
	clashPack(t, filepath.Join(dir, "twin2"), "twin", "twin-two")
	lib := LoadLibrary(LibraryOptions{UserDir: dir})
	byOrigin := map[string]*Pack{}
	for _, p := range lib.Packs {
		byOrigin[p.Origin] = p
	}
	if s, ok := lib.Scenario("two-groups-one-bucket"); !ok || s.Pack != "core" {
		t.Fatalf("the built-in scenario must stay: %+v", s)
	}
	copy := byOrigin[filepath.Join(dir, "copy")]
	if copy == nil || len(copy.Scenarios) != 0 || !hasProblem(copy, CodeDuplicateID, "a.yaml", `scenario id "two-groups-one-bucket" is also used in pack core`) {
		t.Fatalf("copy: %+v", copy)
	}
	shadow := byOrigin[filepath.Join(dir, "shadow")]
	if shadow == nil || !shadow.Broken || len(shadow.Scenarios) != 0 || !hasProblem(shadow, CodeDuplicateID, "pack.yaml", `pack id "core" is the id of a built-in pack`) {
		t.Fatalf("shadow: %+v", shadow)
	}
	twin2 := byOrigin[filepath.Join(dir, "twin2")]
	if twin2 == nil || !twin2.Broken || !hasProblem(twin2, CodeDuplicateID, "pack.yaml", `pack id "twin" is also used by`) {
		t.Fatalf("second pack with one id: %+v", twin2)
	}
	if twin1 := byOrigin[filepath.Join(dir, "twin1")]; twin1 == nil || twin1.Broken {
		t.Fatalf("the first of two packs with one id stays usable: %+v", twin1)
	}
	// CheckLibrary reports each clash once.
	n := 0
	for _, f := range CheckLibrary(lib) {
		if f.Code == CodeDuplicateID {
			n++
		}
	}
	if n != 3 {
		t.Fatalf("%d duplicate-id findings, want 3", n)
	}
	// Checked without the built-in library in it, the clash is still found.
	alone := LoadLibrary(LibraryOptions{NoBuiltIn: true, Dirs: []string{filepath.Join(dir, "copy")}})
	if len(alone.Packs) != 1 || !hasProblem(alone.Packs[0], CodeDuplicateID, "a.yaml", "core") {
		t.Fatalf("alone: %+v", alone.Packs)
	}
}

func hasProblem(p *Pack, code, file, msg string) bool {
	for _, f := range p.Problems {
		if f.Code == code && strings.HasSuffix(f.File, file) && strings.Contains(f.Message, msg) && f.Line > 0 {
			return true
		}
	}
	return false
}
