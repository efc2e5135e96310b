package suggest

import "testing"

func TestClosest(t *testing.T) {
	names := []string{"Effect", "Action", "Resource", "Condition", "NotResource"}
	for _, tc := range []struct {
		got, want string
		ok        bool
	}{
		{"Efect", "Effect", true},
		{"effect", "Effect", true},     // case only
		{"Effect", "", false},          // itself is not a suggestion
		{"Resorces", "Resource", true}, // two edits
		{"Conditoinz", "Condition", true},
		{"Zzzzzz", "", false},
		{"", "", false},
	} {
		got, ok := Closest(tc.got, names)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Closest(%q) = %q, %v; want %q, %v", tc.got, got, ok, tc.want, tc.ok)
		}
	}
	if s := DidYouMean("Efect", names); s != `; did you mean "Effect"?` {
		t.Errorf("DidYouMean: %q", s)
	}
	if s := DidYouMean("xyz", names); s != "" {
		t.Errorf("DidYouMean of nothing close: %q", s)
	}
}

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"a", "", 1}, {"kitten", "sitting", 3}, {"été", "ete", 2}} {
		if d := Distance(tc.a, tc.b); d != tc.d {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, d, tc.d)
		}
	}
}

// The catalogue ranks action names with DistanceOSA: a swapped pair is one
// typo, not two.
func TestDistanceOSA(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"", "abc", 3}, {"abc", "abc", 0},
		{"getobject", "getobjects", 1}, {"getobjet", "getobject", 1},
		{"ab", "ba", 1}, {"kitten", "sitting", 3}, {"ca", "abc", 3},
	} {
		if got := DistanceOSA(tc.a, tc.b); got != tc.want {
			t.Errorf("DistanceOSA(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := DistanceOSA(tc.b, tc.a); got != tc.want {
			t.Errorf("DistanceOSA(%q, %q) = %d, want %d", tc.b, tc.a, got, tc.want)
		}
	}
}
