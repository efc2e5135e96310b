// Package packfile moves scenario packs between machines: a pack folder
// becomes one .tar.gz with a SHA-256 checksum beside it, and an archive is
// unpacked only into a fresh folder, refusing anything a pack never holds
// (links, devices, paths outside the pack, more or larger files than a pack
// needs). It checks nothing about the content: callers load the unpacked
// pack and refuse it with its problems.
package packfile

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Limits a pack archive must stay within: far above any real pack, far
// below what could fill a disk.
const (
	MaxFiles     = 2000
	MaxFileBytes = 1 << 20
	MaxTotal     = 32 << 20
)

// Build writes the pack in dir as a gzip'd tar whose entries sit under
// prefix/ (the pack id), in a fixed order with fixed times and modes, so
// the same pack always gives the same bytes and the same checksum.
func Build(dir, prefix string, w io.Writer) (sum string, err error) {
	var files []string
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if p != dir && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil // editor and VCS leftovers are not part of a pack
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s: not a regular file; a pack holds only files and folders", p)
		}
		rel, _ := filepath.Rel(dir, p)
		files = append(files, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		return "", err
	}
	sort.Strings(files)
	if len(files) > MaxFiles {
		return "", fmt.Errorf("%s holds %d files; a pack may hold at most %d", dir, len(files), MaxFiles)
	}
	h := sha256.New()
	gz := gzip.NewWriter(io.MultiWriter(w, h))
	gz.ModTime = time.Time{}
	tw := tar.NewWriter(gz)
	total := int64(0)
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f)))
		if err != nil {
			return "", err
		}
		if len(b) > MaxFileBytes {
			return "", fmt.Errorf("%s is %d bytes; a pack file may be at most %d", f, len(b), MaxFileBytes)
		}
		total += int64(len(b))
		if total > MaxTotal {
			return "", fmt.Errorf("the pack is over %d bytes", MaxTotal)
		}
		hdr := &tar.Header{Name: prefix + "/" + f, Mode: 0o644, Size: int64(len(b)), Typeflag: tar.TypeReg, Format: tar.FormatPAX}
		if err := tw.WriteHeader(hdr); err != nil {
			return "", err
		}
		if _, err := tw.Write(b); err != nil {
			return "", err
		}
	}
	if err := tw.Close(); err != nil {
		return "", err
	}
	if err := gz.Close(); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Sum is the SHA-256 of an archive, in hex.
func Sum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// ChecksumLine is the line a .sha256 file holds, as sha256sum writes it.
func ChecksumLine(sum, name string) string { return sum + "  " + name + "\n" }

// ParseChecksum reads a .sha256 file and returns the sum it gives for name
// (or its only sum).
func ParseChecksum(b []byte, name string) (string, error) {
	var only string
	n := 0
	for _, l := range strings.Split(string(b), "\n") {
		f := strings.Fields(l)
		if len(f) == 0 {
			continue
		}
		n++
		if len(f[0]) != 64 {
			return "", fmt.Errorf("%q is not a SHA-256 sum", f[0])
		}
		only = f[0]
		if len(f) > 1 && strings.TrimPrefix(f[1], "*") == name {
			return f[0], nil
		}
	}
	if n == 1 {
		return only, nil
	}
	return "", fmt.Errorf("no checksum for %s", name)
}

// Unpack extracts an archive into dest, which must not exist yet, and
// returns the single top folder's name (the pack id the archive claims).
// On any error dest is removed.
func Unpack(archive []byte, dest string) (top string, err error) {
	if _, err := os.Lstat(dest); err == nil {
		return "", fmt.Errorf("%s already exists", dest)
	}
	if err := os.MkdirAll(dest, 0o755); err != nil {
		return "", err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(dest)
		}
	}()
	gz, err := gzip.NewReader(bytes.NewReader(archive))
	if err != nil {
		return "", fmt.Errorf("not a gzip'd pack archive: %v", err)
	}
	tr := tar.NewReader(gz)
	files, total := 0, int64(0)
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", fmt.Errorf("the archive is damaged: %v", err)
		}
		name := hdr.Name
		clean := path.Clean(name)
		if path.IsAbs(name) || clean == ".." || strings.HasPrefix(clean, "../") || strings.Contains(name, "\\") {
			return "", fmt.Errorf("%q points outside the pack", name)
		}
		first, _, _ := strings.Cut(clean, "/")
		if top == "" {
			top = first
		} else if first != top {
			return "", fmt.Errorf("the archive holds %q and %q at the top; a pack archive holds one folder", top, first)
		}
		switch hdr.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(filepath.Join(dest, filepath.FromSlash(clean)), 0o755); err != nil {
				return "", err
			}
			continue
		case tar.TypeReg:
		default:
			return "", fmt.Errorf("%q is a link or a device; a pack holds only files and folders", name)
		}
		files++
		if files > MaxFiles {
			return "", fmt.Errorf("more than %d files", MaxFiles)
		}
		if hdr.Size > MaxFileBytes {
			return "", fmt.Errorf("%q is %d bytes; a pack file may be at most %d", name, hdr.Size, MaxFileBytes)
		}
		total += hdr.Size
		if total > MaxTotal {
			return "", fmt.Errorf("the archive unpacks to more than %d bytes", MaxTotal)
		}
		p := filepath.Join(dest, filepath.FromSlash(clean))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return "", err
		}
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return "", err
		}
		_, cerr := io.Copy(f, io.LimitReader(tr, MaxFileBytes+1))
		if err := f.Close(); cerr == nil {
			cerr = err
		}
		if cerr != nil {
			return "", cerr
		}
	}
	if top == "" || top == "." {
		return "", fmt.Errorf("the archive is empty")
	}
	return top, nil
}
