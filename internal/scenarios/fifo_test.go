package scenarios

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// scenarioText is a valid build scenario whose debrief is briefings/a.md.
func scenarioText(t *testing.T) string {
	src, err := os.ReadFile("testdata/broken/paths/scenarios/absolute.yaml")
	must(t, err)
	return strings.Replace(strings.Replace(string(src), "debriefFile: /etc/passwd", "debriefFile: briefings/a.md", 1), "id: absolute", "id: a", 1)
}

// A FIFO (or any file that is not a regular file) inside a pack must not
// hang loading: opening a FIFO for reading blocks until a writer appears,
// which for a pack in the packs folder would be every start.
func TestNonRegularFilesAreRefusedWithoutBlocking(t *testing.T) {
	for _, where := range []string{"pack.yaml", "scenarios/a.yaml", "briefings/a.md"} {
		t.Run(strings.ReplaceAll(where, "/", "_"), func(t *testing.T) {
			dir := t.TempDir()
			pack := filepath.Join(dir, "fifo-pack")
			files := map[string]string{
				"pack.yaml":        "format: 1\nid: fifo-pack\ntitle: FIFO\n",
				"scenarios/a.yaml": scenarioText(t),
				"briefings/a.md":   "Read me.\n",
			}
			for rel, text := range files {
				if rel != where {
					write(t, filepath.Join(pack, rel), text)
				}
			}
			must(t, os.MkdirAll(filepath.Dir(filepath.Join(pack, where)), 0o755))
			if err := syscall.Mkfifo(filepath.Join(pack, where), 0o644); err != nil {
				t.Skip("no FIFOs here:", err)
			}
			done := make(chan []*Pack, 1)
			go func() {
				lib := LoadLibrary(LibraryOptions{NoBuiltIn: true, UserDir: dir})
				done <- lib.Packs
			}()
			var packs []*Pack
			select {
			case packs = <-done:
			case <-time.After(10 * time.Second):
				t.Fatalf("loading a pack with a FIFO at %s hangs", where)
			}
			found := false
			for _, p := range packs {
				for _, f := range p.Problems {
					if strings.Contains(f.File+f.Message, where) && strings.Contains(f.Message, "not a regular file") {
						found = true
					}
				}
			}
			// A FIFO named pack.yaml is not a pack at all in a folder of
			// packs: it is skipped, like any non-file.
			if !found && where != "pack.yaml" {
				t.Fatalf("no finding names the FIFO at %s: %+v", where, packs)
			}
		})
	}
	// Given directly, the pack with a FIFO manifest is reported, not hung on.
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pack.yaml"), 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	done := make(chan []*Pack, 1)
	go func() { done <- LoadDir(dir, true) }()
	select {
	case packs := <-done:
		if len(packs) != 1 || !packs[0].Broken || !strings.Contains(packs[0].Problems[0].Message, "not a regular file") {
			t.Fatalf("FIFO manifest: %+v", packs)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("loading a pack whose pack.yaml is a FIFO hangs")
	}
}

// A file that turns into a FIFO between the check and the open is caught
// by the read deadline.
func TestReadDeadline(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "late.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	defer func(d time.Duration) { readDeadline = d }(readDeadline)
	readDeadline = 50 * time.Millisecond
	_, err := readRegular(os.DirFS(dir), "late.md")
	if err == nil || !strings.Contains(err.Error(), "no data within") {
		t.Fatalf("readRegular on a FIFO: %v", err)
	}
	// Let the abandoned open finish, so the goroutine ends with the test.
	if w, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
		w.Close()
	}
}
