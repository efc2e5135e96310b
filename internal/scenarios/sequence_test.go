package scenarios

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The library lists the built-in packs in teaching order, not by folder
// name: a new learner meets Foundations first.
func TestBuiltInPacksInTeachingOrder(t *testing.T) {
	lib := LoadLibrary(LibraryOptions{})
	var ids []string
	for _, p := range lib.Packs {
		ids = append(ids, p.ID)
	}
	if got := strings.Join(ids, ","); got != "foundations,core,accounts,operations,data,workloads,governance" {
		t.Fatalf("pack order %s", got)
	}
}

func TestBySequencePutsUnorderedPacksLast(t *testing.T) {
	ps := []*Pack{{ID: "z"}, {ID: "b", Sequence: 2}, {ID: "a", Sequence: 1}, {ID: "y"}}
	sortPacks(ps)
	var ids []string
	for _, p := range ps {
		ids = append(ids, p.ID)
	}
	if got := strings.Join(ids, ","); got != "a,b,z,y" {
		t.Fatalf("order %s", got)
	}
}

func TestNegativeSequenceIsReported(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "pack.yaml"), []byte("format: 1\nid: mine\ntitle: Mine\nsequence: -2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ps := LoadDir(dir, true)
	found := false
	for _, f := range ps[0].Problems {
		if strings.Contains(f.Message, "sequence -2") && f.Line == 4 {
			found = true
		}
	}
	if !found {
		t.Fatalf("problems %+v", ps[0].Problems)
	}
}
