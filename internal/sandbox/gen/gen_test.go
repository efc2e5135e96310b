package gen

import (
	"bytes"
	"compress/gzip"
	"io"
	"testing"
)

func TestEncodeReproducible(t *testing.T) {
	raw := []byte(`{"AdministratorAccess":{"arn":"arn:aws:iam::aws:policy/AdministratorAccess","latestVersionId":"v1","versions":{"v1":{"document":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}}}}}`)
	entries, err := extract(raw)
	if err != nil || len(entries) != 1 {
		t.Fatalf("extract: %v %v", entries, err)
	}
	a, _ := encode(entries)
	b, _ := encode(entries)
	if !bytes.Equal(a, b) {
		t.Fatal("encode is not reproducible")
	}
	zr, err := gzip.NewReader(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	if !zr.ModTime.IsZero() || zr.Name != "" {
		t.Errorf("gzip header carries time or name: %+v", zr.Header)
	}
	body, _ := io.ReadAll(zr)
	// The statement keeps its element order (Effect before Action), as
	// people read it.
	if !bytes.Contains(body, []byte(`\"Effect\": \"Allow\",\n      \"Action\"`)) {
		t.Errorf("document not re-indented in order:\n%s", body)
	}
}
