package cells

import (
	"strings"
	"testing"
)

func TestFrame(t *testing.T) {
	got := Frame([]string{"short", "a line far too long"}, 10, 4)
	if want := "short\na line fa…\n\n"; got != want {
		t.Errorf("Frame = %q, want %q", got, want)
	}
	if got := Pad([]string{"1", "2", "3"}, 2); strings.Join(got, ",") != "1,2" {
		t.Errorf("Pad cut to %q", got)
	}
	if got := Pad(nil, -1); len(got) != 0 {
		t.Errorf("Pad to a negative height: %q", got)
	}
}
