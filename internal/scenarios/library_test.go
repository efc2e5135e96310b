package scenarios

import (
	"io/fs"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/sandbox"
	"github.com/iamlab/iamlab/packs"
)

// The built-in library must pass its own checks: a finding here would ship.
func TestBuiltInLibraryIsClean(t *testing.T) {
	lib := LoadLibrary(LibraryOptions{})
	if len(lib.Packs) == 0 {
		t.Fatal("no built-in packs")
	}
	for _, f := range CheckLibrary(lib) {
		t.Errorf("%s: %s", f.Code, f)
	}
	n := 0
	for _, p := range lib.Packs {
		n += len(p.Scenarios)
	}
	if n < 4 {
		t.Errorf("%d scenarios loaded, want at least 4", n)
	}
}

// A debrief that tells learners another form also works must have that
// form as an alternative, which `iamlab check` holds to every check and
// to par: otherwise the grade would contradict the debrief.
func TestDebriefAlternativesAreAccepted(t *testing.T) {
	says := regexp.MustCompile(`(?i)also works|works too|equivalent repair`)
	n := 0
	for _, p := range LoadLibrary(LibraryOptions{}).Packs {
		for _, s := range p.Scenarios {
			if s.Kind != Build || !says.MatchString(strings.Join(append([]string{s.Debrief}, s.Hints...), "\n")) {
				continue
			}
			n++
			if len(s.Alternatives) == 0 {
				t.Errorf("%s: the debrief or a hint says another form works, and the scenario lists no alternatives", s.ID)
			}
			for _, f := range CheckScenario(s) {
				if f.Code == CodeSolutionFails {
					t.Errorf("%s: %s", s.ID, f)
				}
			}
		}
	}
	if n < 3 {
		t.Errorf("%d built-in scenarios say another form works; expected at least 3", n)
	}
}

// Every accepted solution of every built-in build scenario, submitted
// first time without help, earns 100 and three stars.
func TestBuiltInSolutionsScoreFull(t *testing.T) {
	for _, p := range LoadLibrary(LibraryOptions{}).Packs {
		for _, s := range p.Scenarios {
			if s.Kind != Build {
				continue
			}
			worlds := map[string]func() (*sandbox.World, error){"the reference": func() (*sandbox.World, error) { return SolutionWorld(s) }}
			for i, a := range s.Alternatives {
				worlds["alternative "+a.Name] = func() (*sandbox.World, error) { return AlternativeWorld(s, i) }
			}
			for name, build := range worlds {
				w, err := build()
				if err != nil {
					t.Errorf("%s, %s: %v", s.ID, name, err)
					continue
				}
				if g := GradeBuild(s, w, 0, 1); g.Score != 100 || g.Stars != 3 || g.LeastPrivilege.Verdict != "par" {
					t.Errorf("%s, %s: score %d, stars %d, %s", s.ID, name, g.Score, g.Stars, g.LeastPrivilege.Verdict)
				}
			}
		}
	}
}

// Packs loaded side by side must come back as loading them one by one
// gives: in folder order, each with the same scenarios and the same
// problems. testdata/broken's packs carry problems of many kinds, and the
// built-in packs carry worlds shared between scenarios.
func TestPacksLoadedSideBySideMatchOneByOne(t *testing.T) {
	for _, c := range []struct {
		name string
		fsys fs.FS
	}{{"built-in", packs.FS}, {"broken", os.DirFS("testdata/broken")}} {
		dirs := packDirs(c.fsys, ".")
		if len(dirs) < 2 {
			t.Fatalf("%s: %d packs, want several to load side by side", c.name, len(dirs))
		}
		origin := func(dir string) string { return c.name + "/" + dir }
		got := loadPacks(c.fsys, dirs, origin, nil)
		for i, dir := range dirs {
			want, _ := Load(c.fsys, dir, origin(dir))
			if got[i].Origin != want.Origin || got[i].ID != want.ID || got[i].Broken != want.Broken {
				t.Errorf("%s: pack %d is %s (%q, broken %v), want %s (%q, broken %v)", c.name, i, got[i].Origin, got[i].ID, got[i].Broken, want.Origin, want.ID, want.Broken)
			}
			if !reflect.DeepEqual(got[i].Problems, want.Problems) {
				t.Errorf("%s: %s: problems differ:\n got %v\nwant %v", c.name, dir, got[i].Problems, want.Problems)
			}
			var gotIDs, wantIDs []string
			for _, s := range got[i].Scenarios {
				gotIDs = append(gotIDs, s.ID+" "+s.Title)
			}
			for _, s := range want.Scenarios {
				wantIDs = append(wantIDs, s.ID+" "+s.Title)
			}
			if !slices.Equal(gotIDs, wantIDs) {
				t.Errorf("%s: %s: scenarios %v, want %v", c.name, dir, gotIDs, wantIDs)
			}
		}
	}
}
