package quiz

import (
	"strings"
	"testing"
	"testing/fstest"
)

// A quiz file nested thousands of levels deep is refused at the level too
// many, before the YAML library spends time and memory on it.
func TestDeeplyNestedBankFileIsRefused(t *testing.T) {
	src := "- id: deep\n  stem: " + strings.Repeat("[", 16000) + "\n"
	_, probs := LoadBank(fstest.MapFS{"bank/deep.yaml": {Data: []byte(src)}}, "bank")
	if len(probs) != 1 || probs[0].Code != CodeYAMLSyntax || probs[0].Line != 2 || !strings.Contains(probs[0].Message, "nested more than") {
		t.Fatalf("got %v", probs)
	}
}
