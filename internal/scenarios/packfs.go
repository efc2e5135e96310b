package scenarios

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
	"time"

	"github.com/iamlab/iamlab/internal/diag"
)

// Size caps. A pack is a few dozen small text files; anything far larger is
// a mistake or an attempt to exhaust memory.
const (
	MaxFileSize = 256 << 10 // per file
	MaxPackSize = 4 << 20   // all files of one pack together
	maxLinks    = 8         // symlink hops followed inside a pack
)

// packFS reads files of one pack and enforces that every path stays inside
// it: no "..", no absolute paths, no symlink that resolves outside. It also
// counts bytes against the pack's cap.
type packFS struct {
	fsys   fs.FS
	root   string // folder of the pack inside fsys ("." for the whole fsys)
	origin string // how to name files to people: "core", "/home/ann/packs/mine"
	total  int64
}

var errEscapes = errors.New("leaves the pack folder")

// checkRel validates a path written by an author, relative to the pack.
func checkRel(rel string) error {
	switch {
	case rel == "":
		return errors.New("empty path")
	case strings.HasPrefix(rel, "/") || strings.Contains(rel, "\\") || (len(rel) > 1 && rel[1] == ':'):
		return errors.New("absolute paths are not allowed; write a path relative to the pack folder")
	}
	for _, part := range strings.Split(rel, "/") {
		if part == ".." {
			return fmt.Errorf("%w (\"..\")", errEscapes)
		}
	}
	if !fs.ValidPath(path.Clean(rel)) {
		return errors.New("not a valid path")
	}
	return nil
}

// display names a file for messages: origin/rel.
func (p *packFS) display(rel string) string {
	if p.origin == "" {
		return rel
	}
	return path.Join(p.origin, rel)
}

// resolve follows symlinks component by component (where the fs.FS can tell
// us about them) and returns the real path inside fsys, refusing any step
// that leaves the pack root.
func (p *packFS) resolve(rel string) (string, error) {
	if err := checkRel(rel); err != nil {
		return "", err
	}
	lfs, canLink := p.fsys.(fs.ReadLinkFS)
	parts := strings.Split(path.Clean(rel), "/")
	cur := "" // relative to the pack root
	hops := 0
	for i := 0; i < len(parts); i++ {
		next := path.Join(cur, parts[i])
		if !canLink {
			cur = next
			continue
		}
		full := path.Join(p.root, next)
		info, err := lfs.Lstat(full)
		if err != nil {
			return "", err
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			cur = next
			continue
		}
		hops++
		if hops > maxLinks {
			return "", errors.New("too many symbolic links")
		}
		target, err := lfs.ReadLink(full)
		if err != nil {
			return "", err
		}
		if path.IsAbs(target) || strings.HasPrefix(target, "\\") {
			return "", fmt.Errorf("symbolic link to %q %w", target, errEscapes)
		}
		joined := path.Join(cur, target)
		if joined == ".." || strings.HasPrefix(joined, "../") {
			return "", fmt.Errorf("symbolic link to %q %w", target, errEscapes)
		}
		// Continue resolving from the link's target, then the rest.
		rest := append(strings.Split(joined, "/"), parts[i+1:]...)
		parts, i, cur = rest, -1, ""
		if joined == "." {
			parts = parts[1:]
		}
	}
	return path.Join(p.root, cur), nil
}

// read returns a file's bytes, enforcing the per-file and per-pack caps.
func (p *packFS) read(rel string) ([]byte, *diag.Diagnostic) {
	full, err := p.resolve(rel)
	if err != nil {
		code := CodeUnreadable
		if !errors.Is(err, fs.ErrNotExist) {
			code = CodeUnsafePath
		}
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &diag.Diagnostic{Code: CodeUnknownRef, Severity: diag.Error, File: p.display(rel), Message: "file does not exist", Expected: "a path relative to the pack folder"}
		}
		return nil, &diag.Diagnostic{Code: code, Severity: diag.Error, File: p.display(rel), Message: "cannot use this path: " + err.Error()}
	}
	// Only regular files are opened: opening a FIFO for reading blocks
	// until something writes to it, and a device can be endless. Stat
	// does not block, so it is asked first.
	if st, err := fs.Stat(p.fsys, full); err == nil && !st.Mode().IsRegular() {
		if st.IsDir() {
			return nil, &diag.Diagnostic{Code: CodeUnreadable, Severity: diag.Error, File: p.display(rel), Message: "is a folder", Expected: "a file"}
		}
		return nil, notRegular(p.display(rel), st.Mode())
	}
	data, err := readRegular(p.fsys, full)
	if err != nil {
		var nr *notRegularError
		switch {
		case errors.As(err, &nr):
			return nil, notRegular(p.display(rel), nr.mode)
		case errors.Is(err, fs.ErrNotExist):
			return nil, &diag.Diagnostic{Code: CodeUnknownRef, Severity: diag.Error, File: p.display(rel), Message: "file does not exist", Expected: "a path relative to the pack folder"}
		}
		return nil, &diag.Diagnostic{Code: CodeUnreadable, Severity: diag.Error, File: p.display(rel), Message: "cannot read: " + err.Error()}
	}
	if len(data) > MaxFileSize {
		return nil, &diag.Diagnostic{Code: CodeTooLarge, Severity: diag.Error, File: p.display(rel), Message: fmt.Sprintf("file is larger than %d KiB", MaxFileSize>>10), Expected: "split it or shorten it"}
	}
	p.total += int64(len(data))
	if p.total > MaxPackSize {
		return nil, &diag.Diagnostic{Code: CodeTooLarge, Severity: diag.Error, File: p.display(rel), Message: fmt.Sprintf("the pack is larger than %d MiB", MaxPackSize>>20), Expected: "split it into several packs"}
	}
	return data, nil
}

// readDeadline bounds the reading of one pack file. A regular file of at
// most MaxFileSize is read in far less; what takes longer is a file swapped
// for a FIFO between the check and the open, or a stalled network disk.
var readDeadline = 5 * time.Second

type notRegularError struct{ mode fs.FileMode }

func (e *notRegularError) Error() string {
	return "not a regular file (" + e.mode.Type().String() + ")"
}

func notRegular(file string, mode fs.FileMode) *diag.Diagnostic {
	return &diag.Diagnostic{Code: CodeUnreadable, Severity: diag.Error, File: file,
		Message:  fmt.Sprintf("is not a regular file (%s); iamlab reads only regular files in packs", kindOf(mode)),
		Expected: "a regular file (not a FIFO, device or socket)"}
}

func kindOf(mode fs.FileMode) string {
	switch {
	case mode&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeDevice != 0:
		return "a device"
	case mode&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "mode " + mode.Type().String()
}

// readRegular opens and reads at most MaxFileSize+1 bytes of a regular file
// within readDeadline. The open happens off the caller's goroutine, since
// opening a FIFO blocks before anything can be checked; a read that misses
// the deadline is abandoned (the goroutine ends when the open or read
// does) and reported, and loading goes on.
func readRegular(fsys fs.FS, name string) ([]byte, error) {
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		f, err := fsys.Open(name)
		if err != nil {
			done <- result{nil, err}
			return
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			done <- result{nil, err}
			return
		}
		if !st.Mode().IsRegular() {
			done <- result{nil, &notRegularError{st.Mode()}}
			return
		}
		data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
		done <- result{data, err}
	}()
	timer := time.NewTimer(readDeadline)
	defer timer.Stop()
	select {
	case r := <-done:
		return r.data, r.err
	case <-timer.C:
		return nil, fmt.Errorf("no data within %s (is it a FIFO or on a stalled disk?)", readDeadline)
	}
}

// list returns the names of regular files with the suffix in a pack folder,
// sorted; a missing folder is no files.
func (p *packFS) list(dir, suffix string) []string {
	if checkRel(dir) != nil {
		return nil
	}
	full, err := p.resolve(dir)
	if err != nil {
		return nil
	}
	ents, err := fs.ReadDir(p.fsys, full)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), suffix) && !strings.HasPrefix(e.Name(), ".") && !e.IsDir() {
			out = append(out, path.Join(dir, e.Name()))
		}
	}
	return out
}
