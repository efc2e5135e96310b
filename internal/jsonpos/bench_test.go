package jsonpos

import (
	"os"
	"testing"
)

// The reader on the eval benchmark's corpus, 2 MB of cases on one line;
// compare with BenchmarkDecodeCorpus in internal/cli, encoding/json on
// the same file.
func BenchmarkParseCorpus(b *testing.B) {
	src, err := os.ReadFile("../eval/testdata/cases/random-1500.json")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(src); err != nil {
			b.Fatal(err)
		}
	}
}
