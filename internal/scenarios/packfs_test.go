package scenarios

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func osDir(t *testing.T, dir string) fs.FS {
	t.Helper()
	return os.DirFS(dir)
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestCheckRel(t *testing.T) {
	for _, bad := range []string{"", "../x.md", "a/../../x", "/etc/passwd", `C:\x`, `a\b`} {
		if checkRel(bad) == nil {
			t.Errorf("checkRel(%q) accepted", bad)
		}
	}
	for _, ok := range []string{"briefings/x.md", "x.json", "a/b/c.md"} {
		if err := checkRel(ok); err != nil {
			t.Errorf("checkRel(%q) = %v", ok, err)
		}
	}
}

// A symbolic link that points outside the pack is refused; one that stays
// inside is followed.
func TestSymlinks(t *testing.T) {
	root := t.TempDir()
	outside := filepath.Join(root, "secret.md")
	write(t, outside, "secret")
	pack := filepath.Join(root, "pack")
	write(t, filepath.Join(pack, "briefings", "real.md"), "real")
	if err := os.Symlink(outside, filepath.Join(pack, "briefings", "abs.md")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	must(t, os.Symlink("../../secret.md", filepath.Join(pack, "briefings", "rel.md")))
	must(t, os.Symlink("real.md", filepath.Join(pack, "briefings", "inside.md")))
	must(t, os.Symlink("..", filepath.Join(pack, "up")))

	p := &packFS{fsys: os.DirFS(pack), root: ".", origin: "pack"}
	for _, rel := range []string{"briefings/abs.md", "briefings/rel.md", "up/secret.md"} {
		_, f := p.read(rel)
		if f == nil || f.Code != CodeUnsafePath {
			t.Errorf("read(%s) = %+v, want unsafe-path", rel, f)
		}
	}
	data, f := p.read("briefings/inside.md")
	if f != nil || string(data) != "real" {
		t.Errorf("read(inside.md) = %q, %+v", data, f)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestSizeCaps(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "big.md"), strings.Repeat("x", MaxFileSize+1))
	write(t, filepath.Join(dir, "ok.md"), strings.Repeat("x", MaxFileSize))
	p := &packFS{fsys: os.DirFS(dir), root: ".", origin: "p"}
	if _, f := p.read("big.md"); f == nil || f.Code != CodeTooLarge {
		t.Errorf("big file: %+v", f)
	}
	if _, f := p.read("ok.md"); f != nil {
		t.Errorf("file at the cap: %+v", f)
	}
	p.total = MaxPackSize
	if _, f := p.read("ok.md"); f == nil || f.Code != CodeTooLarge || !strings.Contains(f.Message, "pack") {
		t.Errorf("pack over its cap: %+v", f)
	}
}

// A broken pack is reported and skipped; the others still load.
func TestBrokenPackDoesNotStopOthers(t *testing.T) {
	lib := LoadLibrary(LibraryOptions{NoBuiltIn: true, Dirs: []string{"testdata/broken", filepath.Join(t.TempDir(), "missing")}})
	var broken, usable int
	for _, p := range lib.Packs {
		if p.Broken {
			broken++
		}
		usable += len(p.Scenarios)
	}
	if broken < 2 || usable == 0 {
		t.Errorf("broken %d, usable scenarios %d; want the manifest pack and the missing folder broken, others usable", broken, usable)
	}
}
