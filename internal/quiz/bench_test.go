package quiz

import (
	"testing"

	"github.com/iamlab/iamlab/content"
)

// BenchmarkLoadBank loads the embedded bank (decoding, world building and
// engine evaluation of every policy item).
func BenchmarkLoadBank(b *testing.B) {
	for b.Loop() {
		if bank, _ := LoadBank(content.FS, BuiltinRoot); len(bank.Items) == 0 {
			b.Fatal("empty bank")
		}
	}
}

func BenchmarkCheck(b *testing.B) {
	bank, _ := LoadBank(content.FS, BuiltinRoot)
	for b.Loop() {
		Check(bank)
	}
}
