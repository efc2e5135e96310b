package scenarios

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/iamlab/iamlab/packs"
)

// openCache is OpenDecodeCache without the built-in packs decoded in
// advance, so that what these tests load is decoded or read from the file.
func openCache(path, identity string) *DecodeCache {
	c := OpenDecodeCache(path, identity)
	c.builtin = nil
	return c
}

// userPacks copies the built-in packs into a folder, as a learner's own
// packs would be, and the broken testdata packs into another.
func userPacks(t *testing.T) (clean, broken string) {
	t.Helper()
	dir := t.TempDir()
	clean, broken = filepath.Join(dir, "mine"), filepath.Join(dir, "broken")
	if err := os.CopyFS(clean, packs.FS); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(broken, os.DirFS("testdata/broken")); err != nil {
		t.Fatal(err)
	}
	return clean, broken
}

// loadThrough loads the packs in dir as LoadLibrary does, without
// comparing their ids with the built-in packs': the copies would all clash.
func loadThrough(cache *DecodeCache, dir string) *Library {
	return &Library{Packs: loadDir(dir, true, cache)}
}

// sameLibrary fails unless got is want to the last position and problem.
func sameLibrary(t *testing.T, what string, got, want *Library) {
	t.Helper()
	if reflect.DeepEqual(got, want) {
		return
	}
	for i := range want.Packs {
		if i >= len(got.Packs) || !reflect.DeepEqual(got.Packs[i], want.Packs[i]) {
			t.Errorf("%s: pack %s differs from a load without the cache", what, want.Packs[i].Origin)
		}
	}
	t.FailNow()
}

// TestDecodeCacheLoadsTheSameLibrary: a library read through the cache,
// empty or full, is the library decoded without one; a full cache decodes
// no file that decoded cleanly, and every file with a problem again.
func TestDecodeCacheLoadsTheSameLibrary(t *testing.T) {
	clean, broken := userPacks(t)
	for _, c := range []struct {
		name      string
		dir       string
		reDecoded func(int) bool
	}{
		{"clean packs", clean, func(n int) bool { return n == 0 }},
		{"broken packs", broken, func(n int) bool { return n > 0 }},
	} {
		want := loadThrough(nil, c.dir)
		path := filepath.Join(t.TempDir(), "cache", "decoded")

		first := openCache(path, "build-1")
		sameLibrary(t, c.name+", empty cache", loadThrough(first, c.dir), want)
		// Files with the same bytes (a pack.yaml copied between packs,
		// say) are read back even from an empty cache: they decode to the
		// same value.
		hits, decoded := first.Stats()
		if decoded < 10 {
			t.Fatalf("%s, empty cache: %d read back, %d decoded", c.name, hits, decoded)
		}
		if !first.Stale() {
			t.Fatalf("%s: a cache that decoded files is not stale", c.name)
		}
		if err := first.Save(); err != nil {
			t.Fatal(err)
		}

		second := openCache(path, "build-1")
		sameLibrary(t, c.name+", full cache", loadThrough(second, c.dir), want)
		hits2, again := second.Stats()
		if hits2+again != hits+decoded || !c.reDecoded(again) {
			t.Fatalf("%s, full cache: %d read back and %d decoded of %d files", c.name, hits2, again, hits+decoded)
		}
		if second.Stale() != (again > 0) {
			t.Fatalf("%s: Stale must say whether anything was decoded", c.name)
		}
	}
}

// TestBuiltInPacksDecodedInAdvance: builtin.decoded is exactly what
// decoding the built-in packs gives now. It fails after a built-in pack,
// or the way packs decode, changes; -update writes the file anew.
func TestBuiltInPacksDecodedInAdvance(t *testing.T) {
	c := openCache(filepath.Join(t.TempDir(), "decoded"), "")
	LoadLibrary(LibraryOptions{Cache: c})
	if hits, decoded := c.Stats(); hits != 0 || decoded < 90 {
		t.Fatalf("%d read back, %d decoded: want every built-in file decoded", hits, decoded)
	}
	want := encodeCache(c.used, builtinIdentity)
	if *update {
		if err := os.WriteFile("builtin.decoded", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if builtinDecodedFile != string(want) {
		t.Fatal("builtin.decoded is not what the built-in packs decode to now; run\n\tgo test ./internal/scenarios -run TestBuiltInPacksDecodedInAdvance -update")
	}
}

// TestDecodeCacheOfTheBuiltInLibrary: the library the trainer starts with
// is read back whole from the binary, on a first start too, is the
// library decoded, and leaves nothing to write.
func TestDecodeCacheOfTheBuiltInLibrary(t *testing.T) {
	want := LoadLibrary(LibraryOptions{})
	c := OpenDecodeCache(filepath.Join(t.TempDir(), "decoded"), "build-1")
	sameLibrary(t, "built-in", LoadLibrary(LibraryOptions{Cache: c}), want)
	hits, decoded := c.Stats()
	if hits < 90 || decoded != 0 {
		t.Fatalf("%d read back, %d decoded; want every file read back", hits, decoded)
	}
	if c.Stale() {
		t.Fatal("the built-in packs alone left something to write")
	}
}

// TestDecodeCacheIsTiedToABuild: a cache written by another build is not
// read.
func TestDecodeCacheIsTiedToABuild(t *testing.T) {
	clean, _ := userPacks(t)
	path := filepath.Join(t.TempDir(), "decoded")
	c := openCache(path, "build-1")
	loadThrough(c, clean)
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	duplicates, _ := c.Stats()
	other := openCache(path, "build-2")
	sameLibrary(t, "another build", loadThrough(other, clean), loadThrough(nil, clean))
	if hits, _ := other.Stats(); hits != duplicates {
		t.Fatalf("another build read %d files from this build's cache", hits-duplicates)
	}
}

// TestDecodeCacheDamage: a cache file cut short, with a byte changed, or
// not a cache at all is an empty cache; an entry that does not read back
// is decoded instead. The library is the same every time.
func TestDecodeCacheDamage(t *testing.T) {
	clean, _ := userPacks(t)
	want := loadThrough(nil, clean)
	path := filepath.Join(t.TempDir(), "decoded")
	c := openCache(path, "b")
	loadThrough(c, clean)
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	duplicates, _ := c.Stats() // files with a twin read earlier in the same load
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	flipped := append([]byte(nil), good...)
	flipped[len(flipped)*2/3] ^= 0x20
	for name, b := range map[string][]byte{
		"cut short":      good[:len(good)/2],
		"a byte flipped": flipped,
		"not a cache":    []byte("progress.db\n"),
		"empty":          nil,
	} {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		c := openCache(path, "b")
		sameLibrary(t, name, loadThrough(c, clean), want)
		if hits, _ := c.Stats(); hits != duplicates {
			t.Fatalf("%s: %d files read from a damaged cache", name, hits-duplicates)
		}
	}

	// An entry whose checksum holds but whose value does not read back
	// (written by a build that kept a field this one lacks, say).
	if err := os.WriteFile(path, good, 0o644); err != nil {
		t.Fatal(err)
	}
	c = openCache(path, "b")
	for k, v := range c.saved {
		c.saved[k] = append(v[:len(v):len(v)], `{"NoSuchField":1}`...)
	}
	sameLibrary(t, "unreadable entries", loadThrough(c, clean), want)
	if hits, _ := c.Stats(); hits != duplicates {
		t.Fatalf("%d unreadable entries were used", hits-duplicates)
	}
}

// TestDecodeCacheKeepsWhatIsRead: a changed file is decoded again and the
// cache then holds the new one and not the old.
func TestDecodeCacheKeepsWhatIsRead(t *testing.T) {
	clean, _ := userPacks(t)
	path := filepath.Join(t.TempDir(), "decoded")
	c := openCache(path, "b")
	loadThrough(c, clean)
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	hits, decoded := c.Stats()
	files := hits + decoded

	file := filepath.Join(clean, "core", "scenarios", "ec2-instance-role.yaml")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, append(src, "\n# edited\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	c = openCache(path, "b")
	lib := loadThrough(c, clean)
	if hits, decoded := c.Stats(); decoded != 1 || hits != files-1 {
		t.Fatalf("after one edit: %d read back, %d decoded; want %d and 1", hits, decoded, files-1)
	}
	if _, ok := lib.Scenario("ec2-instance-role"); !ok {
		t.Fatal("the edited scenario is missing")
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	c = openCache(path, "b")
	if len(c.saved) != decoded {
		t.Fatalf("the cache holds %d entries for %d different files: the old version was kept", len(c.saved), decoded)
	}
}

// FuzzReadCache: no file makes the cache panic.
func FuzzReadCache(f *testing.F) {
	path := filepath.Join(f.TempDir(), "decoded")
	c := openCache(path, "b")
	LoadLibrary(LibraryOptions{Cache: c})
	if err := c.Save(); err != nil {
		f.Fatal(err)
	}
	good, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good[:min(len(good), 4096)])
	f.Add([]byte(cacheMagic + "\x01b\x00\x00\x00\x00\x01"))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := readCache(b, "b")
		if err == nil && m == nil {
			t.Fatal("no error and no entries")
		}
	})
}

// TestFilelessCacheKeepsNothing: with no file to write, files that are not
// built-in are decoded and nothing is encoded for a save that never comes.
func TestFilelessCacheKeepsNothing(t *testing.T) {
	clean, _ := userPacks(t)
	file := filepath.Join(clean, "core", "scenarios", "ec2-instance-role.yaml")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, append(src, "\n# mine\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	c := BuiltInDecoded()
	sameLibrary(t, "file-less", loadThrough(c, clean), loadThrough(nil, clean))
	if hits, decoded := c.Stats(); decoded != 1 || hits < 90 {
		t.Fatalf("%d read back, %d decoded; want the edited file decoded and the rest read back", hits, decoded)
	}
	if len(c.used) != 0 || c.Stale() {
		t.Fatalf("a cache with no file kept %d entries", len(c.used))
	}
}
