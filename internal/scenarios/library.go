package scenarios

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/iamlab/iamlab/internal/diag"
	"github.com/iamlab/iamlab/packs"
)

// LibraryOptions says where packs come from besides the built-in ones.
type LibraryOptions struct {
	// NoBuiltIn leaves out the packs embedded in the binary (for `iamlab
	// check PATH`, which checks only what it is given).
	NoBuiltIn bool
	// Dirs are pack folders given with --pack; each is one pack, or a folder
	// of packs (every sub-folder with a pack.yaml).
	Dirs []string
	// UserDir is the learner's packs folder (paths.Resolve().Packs); a
	// missing folder is no packs, not an error.
	UserDir string
	// Cache, when set, reads files decoded in an earlier run instead of
	// decoding them again (the trainer's start). Commands that check packs
	// leave it nil: an author's check decodes every file.
	Cache *DecodeCache
}

// LoadLibrary loads every pack. A broken pack is kept, marked Broken or
// with its problems, so the caller can show it; the others load normally.
//
// Progress is kept by pack id and scenario id, and a scenario is found by
// its id, so ids must not clash (markClashes): the built-in packs always
// win, then the packs in the order loaded. Checked without the built-in
// library (NoBuiltIn), packs are still compared with it.
func LoadLibrary(opts LibraryOptions) *Library {
	lib := &Library{}
	// Named by their place in the repository, so an author of the built-in
	// library can jump to the file.
	builtIn := loadPacks(packs.FS, packDirs(packs.FS, "."), func(dir string) string { return "packs/" + dir }, opts.Cache)
	for _, p := range builtIn {
		p.BuiltIn = true
	}
	if !opts.NoBuiltIn {
		// Teaching order, not folder order: foundations before the
		// guardrails that build on them.
		sortPacks(builtIn)
		lib.Packs = append(lib.Packs, builtIn...)
		builtIn = nil
	}
	for _, d := range opts.Dirs {
		lib.Packs = append(lib.Packs, loadDir(d, true, opts.Cache)...)
	}
	if opts.UserDir != "" {
		if st, err := os.Stat(opts.UserDir); err == nil && st.IsDir() {
			lib.Packs = append(lib.Packs, loadDir(opts.UserDir, false, opts.Cache)...)
		}
	}
	markClashes(builtIn, lib.Packs)
	return lib
}

// sortPacks puts packs with a place in the teaching order first, by that
// place; the rest keep their order after them.
func sortPacks(ps []*Pack) { slices.SortStableFunc(ps, bySequence) }

func bySequence(a, b *Pack) int {
	switch {
	case a.Sequence == b.Sequence:
		return 0
	case a.Sequence == 0:
		return 1
	case b.Sequence == 0:
		return -1
	}
	return a.Sequence - b.Sequence
}

// markClashes makes an id clash a problem of the pack that brings it, so
// that check reports it and the library shows it:
//   - a pack whose id is a built-in pack's, or an earlier pack's, is Broken
//     and none of it is used (its progress would be the other's);
//   - a scenario whose id an earlier pack has is left out of its pack.
//
// reference packs (the built-in library when it is not in packs) are
// compared with but not marked.
func markClashes(reference, packs []*Pack) {
	packIDs := map[string]*Pack{}
	scenarioIDs := map[string]*Scenario{}
	remember := func(p *Pack) {
		packIDs[p.ID] = p
		for _, s := range p.Scenarios {
			if _, dup := scenarioIDs[s.ID]; !dup {
				scenarioIDs[s.ID] = s
			}
		}
	}
	for _, p := range reference {
		if !p.Broken {
			remember(p)
		}
	}
	for _, p := range packs {
		if p.Broken {
			continue
		}
		if first, dup := packIDs[p.ID]; dup {
			msg := fmt.Sprintf("pack id %q is also used by %s", p.ID, first.Origin)
			if first.BuiltIn && !p.BuiltIn {
				msg = fmt.Sprintf("pack id %q is the id of a built-in pack (%s)", p.ID, first.Origin)
			}
			f := diag.Diagnostic{Code: CodeDuplicateID, Severity: diag.Error, File: p.Origin, Message: msg,
				Expected: "give the pack its own id in pack.yaml; progress is kept by pack id, so two packs cannot share one"}
			if p.manifest != nil {
				f.File = p.manifest.file
				f.Line, f.Col = p.manifest.pos("id")
			}
			p.Problems = append(p.Problems, f)
			p.Broken, p.Scenarios = true, nil
			diag.Sort(p.Problems)
			continue
		}
		var keep []*Scenario
		for _, s := range p.Scenarios {
			if first, dup := scenarioIDs[s.ID]; dup {
				p.Problems = append(p.Problems, s.doc.at("id", CodeDuplicateID,
					fmt.Sprintf("scenario id %q is also used in pack %s (%s); this copy is left out", s.ID, first.Pack, first.File),
					"scenario ids are unique across all packs: give this one its own"))
				continue
			}
			keep = append(keep, s)
		}
		p.Scenarios = keep
		remember(p)
		diag.Sort(p.Problems)
	}
}

// LoadDir loads the pack in dir, or each pack in its sub-folders. When
// required is set, a folder that cannot be read or holds no pack is
// reported as a broken pack.
func LoadDir(dir string, required bool) []*Pack { return loadDir(dir, required, nil) }

func loadDir(dir string, required bool, cache *DecodeCache) []*Pack {
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		msg := "not a folder"
		if err != nil {
			msg = err.Error()
			var pe *fs.PathError
			if errors.As(err, &pe) {
				msg = pe.Err.Error()
			}
		}
		if !required {
			return nil
		}
		return []*Pack{{Origin: dir, Broken: true, Problems: []diag.Diagnostic{{Code: CodeUnreadable, Severity: diag.Error, File: dir, Message: "cannot read the pack folder: " + msg}}}}
	}
	fsys := os.DirFS(dir)
	if _, err := fs.Stat(fsys, manifestName); err == nil {
		p, _ := loadCached(fsys, ".", dir, cache)
		return []*Pack{p}
	}
	out := loadPacks(fsys, packDirs(fsys, "."), func(sub string) string { return filepath.Join(dir, sub) }, cache)
	if len(out) == 0 && required {
		out = append(out, &Pack{Origin: dir, Broken: true, Problems: []diag.Diagnostic{{Code: CodeUnreadable, Severity: diag.Error, File: dir, Message: "no pack.yaml here or in its sub-folders", Expected: "a pack folder (see docs/authoring.md), or `iamlab new scenario ID --pack DIR` to start one"}}})
	}
	return out
}

// loadPacks loads the packs in folders dirs of fsys side by side, at most
// GOMAXPROCS at a time: decoding the built-in library's YAML was most of the
// CPU before the trainer's first frame, and one pack after another left the
// other cores idle. Each pack has its own loader and reads only its own
// folder, so every pack and its problems are what loading them one by one
// gives; they come back in the order of dirs.
func loadPacks(fsys fs.FS, dirs []string, origin func(dir string) string, cache *DecodeCache) []*Pack {
	if len(dirs) == 0 {
		return nil
	}
	out := make([]*Pack, len(dirs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(dirs)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(dirs) {
					return
				}
				out[i], _ = loadCached(fsys, dirs[i], origin(dirs[i]), cache)
			}
		})
	}
	wg.Wait()
	return out
}

// packDirs lists the sub-folders of dir that hold a pack manifest. Symbolic
// links are not followed: a pack folder must really be inside.
func packDirs(fsys fs.FS, dir string) []string {
	ents, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range ents {
		if !e.IsDir() || e.Name()[0] == '.' {
			continue
		}
		sub := e.Name()
		if dir != "." {
			sub = dir + "/" + sub
		}
		if st, err := fs.Stat(fsys, sub+"/"+manifestName); err == nil && st.Mode().IsRegular() {
			out = append(out, sub)
		}
	}
	slices.Sort(out)
	return out
}
