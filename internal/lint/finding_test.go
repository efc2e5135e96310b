package lint

import (
	"errors"
	"testing"

	"github.com/iamlab/iamlab/internal/diag"
	"github.com/iamlab/iamlab/internal/eval"
)

// FromParseError is the one way an engine parse error becomes a
// diagnostic: the editors, the pack checks and the case reader all see the
// engine's place, words and expectation unchanged.
func TestFromParseErrorKeepsTheEnginesWords(t *testing.T) {
	_, err := eval.Parse([]byte("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [}\n}"), eval.IdentityPolicy)
	var pes eval.ParseErrors
	if !errors.As(err, &pes) || len(pes) == 0 {
		t.Fatalf("want parse errors, got %v", err)
	}
	pe := pes[0]
	d := FromParseError(pe, CodeJSONSyntax)
	if d.Severity != diag.Error || d.Code != CodeJSONSyntax || d.Line != pe.Pos.Line || d.Col != pe.Pos.Col || d.Offset != pe.Pos.Offset {
		t.Errorf("diagnostic %+v from %+v", d, pe)
	}
	if d.Line != 3 || d.Message != pe.Msg || d.Expected != pe.Expected || d.Expected == "" {
		t.Errorf("diagnostic %+v from %+v", d, pe)
	}
	// Without a file, the text is the engine's own.
	if d.String() != pe.Error() {
		t.Errorf("text %q, engine's %q", d.String(), pe.Error())
	}
}
