package scenarios

import "testing"

func TestSanitize(t *testing.T) {
	cases := []struct {
		in, want string
		changed  bool
	}{
		{"plain\ttext\nline two", "plain\ttext\nline two", false},
		{"windows\r\nline", "windows\nline", false},
		{"red \x1b[31mALERT\x1b[0m done", "red ALERT done", true},
		{"title \x1b]0;pwned\x07 set", "title  set", true},
		{"title \x1b]2;x\x1b\\ st", "title  st", true},
		{"bell\x07 and nul\x00", "bell and nul", true},
		{"c1 \u009b31m csi", "c1  csi", true},
		{"bidi \u202eevil\u202c", "bidi evil", true},
		{"bad utf8 \xff here", "bad utf8  here", true},
		{"keeps é, ✓ and 日本", "keeps é, ✓ and 日本", false},
		{"lone esc at end \x1b", "lone esc at end ", true},
	}
	for _, c := range cases {
		got, changed := sanitize(c.in)
		if got != c.want || changed != c.changed {
			t.Errorf("sanitize(%q) = %q, %v; want %q, %v", c.in, got, changed, c.want, c.changed)
		}
	}
}

func TestSanitizedBriefingReachesNoTerminal(t *testing.T) {
	p, _ := Load(osDir(t, "testdata/broken/sanitize"), ".", "sanitize")
	if len(p.Scenarios) != 1 {
		t.Fatalf("scenarios: %d, problems %v", len(p.Scenarios), p.Problems)
	}
	if got := p.Scenarios[0].Briefing; got != "Read this now" && got != "Read this  now" {
		t.Errorf("briefing = %q", got)
	}
}

// Names and tags of the world reach the terminal too.
func TestWorldNamesSanitized(t *testing.T) {
	p, _ := Load(osDir(t, "testdata/broken/sanitize"), ".", "sanitize")
	if len(p.Scenarios) != 1 {
		t.Fatalf("scenarios: %d, problems %v", len(p.Scenarios), p.Problems)
	}
	a, ok := p.Scenarios[0].World.Account("111122223333")
	if !ok || len(a.Users) != 1 {
		t.Fatal("no account or user")
	}
	u := a.Users[0]
	if u.Name != "alex" || u.Tags["team"] != "data" {
		t.Errorf("user %q tags %q", u.Name, u.Tags)
	}
}
