package packfile

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func archive(t *testing.T, entries ...*tar.Header) []byte {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for _, h := range entries {
		if h.Typeflag == tar.TypeReg && h.Size == 0 {
			h.Size = 2
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if h.Typeflag == tar.TypeReg {
			tw.Write(bytes.Repeat([]byte("x"), int(h.Size)))
		}
	}
	tw.Close()
	gz.Close()
	return buf.Bytes()
}

func reg(name string) *tar.Header { return &tar.Header{Name: name, Typeflag: tar.TypeReg, Mode: 0o644} }

func TestBuildIsReproducibleAndUnpacks(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "scenarios"), 0o755)
	os.WriteFile(filepath.Join(dir, "pack.yaml"), []byte("id: p\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "scenarios", "a.yaml"), []byte("id: a\n"), 0o644)
	os.WriteFile(filepath.Join(dir, ".DS_Store"), []byte("junk"), 0o644)
	var a, b bytes.Buffer
	s1, err := Build(dir, "p", &a)
	if err != nil {
		t.Fatal(err)
	}
	s2, _ := Build(dir, "p", &b)
	if s1 != s2 || !bytes.Equal(a.Bytes(), b.Bytes()) || s1 != Sum(a.Bytes()) {
		t.Fatal("the same pack gave different archives")
	}
	dest := filepath.Join(t.TempDir(), "out")
	top, err := Unpack(a.Bytes(), dest)
	if err != nil || top != "p" {
		t.Fatalf("%q %v", top, err)
	}
	if _, err := os.Stat(filepath.Join(dest, "p", "scenarios", "a.yaml")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "p", ".DS_Store")); err == nil {
		t.Fatal("dot files are not part of a pack")
	}
}

func TestUnpackRefusesHostileArchives(t *testing.T) {
	many := []*tar.Header{}
	for i := 0; i <= MaxFiles; i++ {
		many = append(many, reg(fmt.Sprintf("p/f%d", i)))
	}
	for name, tc := range map[string]struct {
		data []byte
		want string
	}{
		"escape":   {archive(t, reg("p/../../etc/x")), "outside the pack"},
		"absolute": {archive(t, reg("/etc/x")), "outside the pack"},
		"symlink":  {archive(t, reg("p/a"), &tar.Header{Name: "p/l", Typeflag: tar.TypeSymlink, Linkname: "/etc/passwd"}), "link or a device"},
		"fifo":     {archive(t, &tar.Header{Name: "p/f", Typeflag: tar.TypeFifo}), "link or a device"},
		"two tops": {archive(t, reg("p/a"), reg("q/b")), "one folder"},
		"big file": {archive(t, &tar.Header{Name: "p/big", Typeflag: tar.TypeReg, Size: MaxFileBytes + 1, Mode: 0o644}), "at most"},
		"many":     {archive(t, many...), "more than"},
		"not gzip": {[]byte("hello"), "not a gzip'd pack archive"},
		"empty":    {archive(t), "empty"},
	} {
		dest := filepath.Join(t.TempDir(), "out")
		_, err := Unpack(tc.data, dest)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", name, err, tc.want)
		}
		if _, err := os.Stat(dest); err == nil {
			t.Errorf("%s: left %s behind", name, dest)
		}
	}
}

func TestChecksumFile(t *testing.T) {
	sum := strings.Repeat("ab", 32)
	if got, err := ParseChecksum([]byte(ChecksumLine(sum, "p-v1.tar.gz")), "p-v1.tar.gz"); err != nil || got != sum {
		t.Fatal(got, err)
	}
	if _, err := ParseChecksum([]byte("nothex  x\n"), "x"); err == nil {
		t.Fatal("want an error")
	}
}
