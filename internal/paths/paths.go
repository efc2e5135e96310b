// Package paths says where iamlab keeps a learner's files: the database,
// drafts, logs, extra packs and the cache of decoded packs. It follows the XDG base directories, and
// IAMLAB_HOME moves everything under one folder (tests and portable installs
// use it).
package paths

import (
	"os"
	"path/filepath"
)

// Dirs are the folders iamlab writes to.
type Dirs struct {
	Data  string // the progress database and its backups
	State string // logs
	Packs string // the learner's own scenario packs
	Cache string // packs decoded in an earlier run; "" for none
}

// Resolve reads the environment once. IAMLAB_HOME wins over XDG.
func Resolve() Dirs { return resolve(os.Getenv) }

func resolve(getenv func(string) string) Dirs {
	if home := getenv("IAMLAB_HOME"); home != "" {
		return Dirs{
			Data:  filepath.Join(home, "data"),
			State: filepath.Join(home, "state"),
			Packs: filepath.Join(home, "packs"),
			Cache: filepath.Join(home, "cache"),
		}
	}
	userHome := getenv("HOME")
	if userHome == "" {
		if h, err := os.UserHomeDir(); err == nil {
			userHome = h
		}
	}
	base := func(env, fallback string) string {
		if v := getenv(env); v != "" && filepath.IsAbs(v) {
			return filepath.Join(v, "iamlab")
		}
		return filepath.Join(userHome, fallback, "iamlab")
	}
	data := base("XDG_DATA_HOME", filepath.Join(".local", "share"))
	return Dirs{
		Data:  data,
		State: base("XDG_STATE_HOME", filepath.Join(".local", "state")),
		Packs: filepath.Join(data, "packs"),
		Cache: base("XDG_CACHE_HOME", ".cache"),
	}
}

// DecodeCachePath is the file of decoded packs, "" when there is no cache
// folder. Deleting it only makes the next start decode every pack again.
func (d Dirs) DecodeCachePath() string {
	if d.Cache == "" {
		return ""
	}
	return filepath.Join(d.Cache, "packs.decoded")
}

// DatabasePath is the progress store's file.
func (d Dirs) DatabasePath() string { return filepath.Join(d.Data, "progress.db") }

// LogPath is the TUI's log file; the TUI never writes to the terminal's streams.
func (d Dirs) LogPath() string { return filepath.Join(d.State, "iamlab.log") }

// Ensure creates the folders that must exist before writing.
func (d Dirs) Ensure() error {
	for _, p := range []string{d.Data, d.State} {
		if err := os.MkdirAll(p, 0o755); err != nil {
			return err
		}
	}
	return nil
}
