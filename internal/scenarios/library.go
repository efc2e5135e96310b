package scenarios

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	library "github.com/iamlab/iamlab/scenarios"
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
}

// BuiltIn is the embedded library's file system.
func BuiltIn() fs.FS { return library.FS }

// LoadLibrary loads every pack. A broken pack is kept, marked Broken or
// with its problems, so the caller can show it; the others load normally.
func LoadLibrary(opts LibraryOptions) *Library {
	lib := &Library{}
	if !opts.NoBuiltIn {
		for _, dir := range packDirs(library.FS, ".") {
			// Named by their place in the repository, so an author of the
			// built-in library can jump to the file.
			p, _ := Load(library.FS, dir, "scenarios/"+dir)
			p.BuiltIn = true
			lib.Packs = append(lib.Packs, p)
		}
		// Teaching order, not folder order: foundations before the
		// guardrails that build on them.
		sortPacks(lib.Packs)
	}
	for _, d := range opts.Dirs {
		lib.Packs = append(lib.Packs, LoadDir(d, true)...)
	}
	if opts.UserDir != "" {
		if st, err := os.Stat(opts.UserDir); err == nil && st.IsDir() {
			lib.Packs = append(lib.Packs, LoadDir(opts.UserDir, false)...)
		}
	}
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

// LoadDir loads the pack in dir, or each pack in its sub-folders. When
// required is set, a folder that cannot be read or holds no pack is
// reported as a broken pack.
func LoadDir(dir string, required bool) []*Pack {
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
		return []*Pack{{Origin: dir, Broken: true, Problems: []Finding{{Code: CodeUnreadable, Severity: SevError, File: dir, Message: "cannot read the pack folder: " + msg}}}}
	}
	fsys := os.DirFS(dir)
	if _, err := fs.Stat(fsys, manifestName); err == nil {
		p, _ := Load(fsys, ".", dir)
		return []*Pack{p}
	}
	var out []*Pack
	for _, sub := range packDirs(fsys, ".") {
		p, _ := Load(fsys, sub, filepath.Join(dir, sub))
		out = append(out, p)
	}
	if len(out) == 0 && required {
		out = append(out, &Pack{Origin: dir, Broken: true, Problems: []Finding{{Code: CodeUnreadable, Severity: SevError, File: dir, Message: "no pack.yaml here or in its sub-folders", Expected: "a pack folder (see docs/authoring.md), or `iamlab new scenario ID --pack DIR` to start one"}}})
	}
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
