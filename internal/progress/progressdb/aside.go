package progressdb

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strconv"
	"time"
)

var sqliteMagic = []byte("SQLite format 3\x00")

// checkHeader looks at the first bytes before SQLite does: SQLite would
// happily treat a short garbage file as an empty database and write over it.
// A missing or empty file is a new database.
func checkHeader(path string) (reason string, err error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	defer f.Close()
	head := make([]byte, len(sqliteMagic))
	n, err := io.ReadFull(f, head)
	switch {
	case n == 0 && (err == io.EOF):
		return "", nil
	case err == io.ErrUnexpectedEOF || (err == nil && !bytes.Equal(head, sqliteMagic)):
		return "it is not an SQLite database", nil
	case err != nil:
		return "", err
	}
	return "", nil
}

// moveAside renames path and its WAL companions to "<path>.corrupt-<time>",
// choosing a fresh name if one is taken, and returns the new name.
func moveAside(path string, now time.Time) (string, error) {
	base := path + ".corrupt-" + now.UTC().Format("20060102T150405Z")
	dest := base
	for i := 2; exists(dest); i++ {
		dest = base + "-" + strconv.Itoa(i)
	}
	if err := os.Rename(path, dest); err != nil {
		return "", err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if exists(path + suffix) {
			// The WAL belongs to the old file; left in place it would be
			// replayed into the new one.
			if err := os.Rename(path+suffix, dest+suffix); err != nil {
				return dest, err
			}
		}
	}
	return dest, nil
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}
