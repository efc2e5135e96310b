package npmpkg

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha512"
	"encoding/base64"
	"strings"
	"testing"
)

func tarball(t *testing.T, files map[string]string) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for name, body := range files {
		if err := tw.WriteHeader(&tar.Header{Name: "package/" + name, Mode: 0o644, Size: int64(len(body)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		tw.Write([]byte(body))
	}
	tw.Close()
	zw.Close()
	return buf.Bytes()
}

func TestFilesVerifyAndFile(t *testing.T) {
	tgz := tarball(t, map[string]string{"data/a.json": "{}", "package.json": `{"name":"x"}`})
	files, err := Files(tgz)
	if err != nil || string(files["data/a.json"]) != "{}" || len(files) != 2 {
		t.Fatalf("files %v, %v", files, err)
	}
	if _, err := File(tgz, "missing.json"); err == nil || !strings.Contains(err.Error(), "not found") {
		t.Fatalf("missing file: %v", err)
	}
	sum := sha512.Sum512(tgz)
	p := Package{Name: "x", Version: "1.0.0", Integrity: "sha512-" + base64.StdEncoding.EncodeToString(sum[:])}
	if err := p.Verify(tgz); err != nil {
		t.Fatal(err)
	}
	p.Integrity = "sha512-AAAA"
	if err := p.Verify(tgz); err == nil {
		t.Fatal("a wrong checksum verified")
	}
	if _, err := Files([]byte("not gzip")); err == nil {
		t.Fatal("garbage unpacked")
	}
}

func TestOutputWritesOrChecks(t *testing.T) {
	path := t.TempDir() + "/data.gz"
	if err := Output(path, []byte("v1"), true, "go generate"); err == nil {
		t.Fatal("checking a missing file passed")
	}
	if err := Output(path, []byte("v1"), false, "go generate"); err != nil {
		t.Fatal(err)
	}
	if err := Output(path, []byte("v1"), true, "go generate"); err != nil {
		t.Fatalf("the same bytes failed the check: %v", err)
	}
	err := Output(path, []byte("v2!"), true, "go generate ./x")
	if err == nil || !strings.Contains(err.Error(), "run go generate ./x") {
		t.Fatalf("different bytes: %v", err)
	}
}
