package paths

import (
	"path/filepath"
	"testing"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestIAMLabHomeWins(t *testing.T) {
	d := resolve(env(map[string]string{"IAMLAB_HOME": "/tmp/x", "XDG_DATA_HOME": "/xdg"}))
	if d.Data != "/tmp/x/data" || d.State != "/tmp/x/state" || d.Packs != "/tmp/x/packs" || d.Cache != "/tmp/x/cache" {
		t.Fatalf("got %+v", d)
	}
	if d.DatabasePath() != filepath.Join("/tmp/x/data", "progress.db") {
		t.Fatalf("db path %s", d.DatabasePath())
	}
}

func TestXDG(t *testing.T) {
	d := resolve(env(map[string]string{"HOME": "/home/u", "XDG_DATA_HOME": "/xdg/data"}))
	if d.Data != "/xdg/data/iamlab" || d.State != "/home/u/.local/state/iamlab" || d.Cache != "/home/u/.cache/iamlab" {
		t.Fatalf("got %+v", d)
	}
	// A relative XDG value is invalid per the spec and is ignored.
	d = resolve(env(map[string]string{"HOME": "/home/u", "XDG_DATA_HOME": "rel"}))
	if d.Data != "/home/u/.local/share/iamlab" {
		t.Fatalf("got %+v", d)
	}
}

func TestDecodeCachePath(t *testing.T) {
	d := resolve(env(map[string]string{"HOME": "/home/u", "XDG_CACHE_HOME": "/c"}))
	if d.DecodeCachePath() != filepath.Join("/c", "iamlab", "packs.decoded") {
		t.Fatalf("cache file %s", d.DecodeCachePath())
	}
	if (Dirs{Data: "/d"}).DecodeCachePath() != "" {
		t.Fatal("no cache folder must mean no cache file")
	}
}
