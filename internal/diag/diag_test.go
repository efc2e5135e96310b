package diag

import (
	"encoding/json"
	"testing"
)

func TestSeverityNamesRoundTrip(t *testing.T) {
	for _, s := range []Severity{Error, SecurityWarning, Warning, Suggestion} {
		b, err := s.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back Severity
		if err := back.UnmarshalText(b); err != nil || back != s {
			t.Errorf("%s: read back %v, %v", b, back, err)
		}
	}
	var s Severity
	if err := s.UnmarshalText([]byte("fatal")); err == nil {
		t.Error("an unknown name was accepted")
	}
	if Severity(0).String() != "unknown" || SecurityWarning.Title() != "security warning" {
		t.Errorf("names: %q %q", Severity(0), SecurityWarning.Title())
	}
}

// The JSON form is check --json's: field names, their order and what is
// left out when empty are a stable interface.
func TestJSONIsFlatAndStable(t *testing.T) {
	d := Diagnostic{Code: "missing", Severity: Warning, File: "p/s.yaml", Line: 4, Col: 2, Offset: 99, Subject: "s1", Message: "no title", Expected: "title: ..."}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"code":"missing","severity":"warning","file":"p/s.yaml","line":4,"col":2,"scenario":"s1","message":"no title","expected":"title: ..."}`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
	b, _ = json.Marshal(Diagnostic{Code: "x", Severity: Error, Message: "m"})
	if want := `{"code":"x","severity":"error","message":"m"}`; string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
}

func TestSortByFileThenPositionThenCode(t *testing.T) {
	ds := []Diagnostic{
		{Code: "b", File: "b", Line: 1},
		{Code: "z", File: "a", Line: 2, Col: 1},
		{Code: "a", File: "a", Line: 2, Col: 1},
		{Code: "c", File: "a", Line: 1, Col: 9},
	}
	Sort(ds)
	var got string
	for _, d := range ds {
		got += d.Code
	}
	if got != "cazb" {
		t.Errorf("order %q, want cazb", got)
	}
}

func TestCountAndHasErrors(t *testing.T) {
	ds := []Diagnostic{{Severity: Warning}, {Severity: Suggestion}, {Severity: Warning}}
	if HasErrors(ds) {
		t.Error("warnings counted as errors")
	}
	if n := Count(ds); n[Warning] != 2 || n[Suggestion] != 1 || n[Error] != 0 {
		t.Errorf("count %v", n)
	}
	if !HasErrors(append(ds, Diagnostic{Severity: Error})) {
		t.Error("an error missed")
	}
}

func TestListIsAnError(t *testing.T) {
	var err error = List{{File: "c.json", Line: 1, Col: 2, Message: "one"}, {Message: "two"}}
	if err.Error() != "c.json:1:2: one\ntwo" {
		t.Errorf("%q", err)
	}
	if err := error(Diagnostic{Line: 3, Col: 2, Message: "m"}); err.Error() != "3:2: m" {
		t.Errorf("one diagnostic as an error: %q", err)
	}
}

func TestStringLeavesOutWhatIsNotKnown(t *testing.T) {
	for _, c := range []struct {
		d    Diagnostic
		want string
	}{
		{Diagnostic{File: "a.yaml", Line: 3, Col: 7, Message: "bad", Expected: "good"}, "a.yaml:3:7: bad; good"},
		{Diagnostic{File: "a.yaml", Line: 3, Message: "bad"}, "a.yaml:3:1: bad"},
		{Diagnostic{File: "a.yaml", Message: "bad"}, "a.yaml: bad"},
		{Diagnostic{Line: 2, Col: 4, Message: "bad"}, "2:4: bad"},
		{Diagnostic{Message: "bad", Expected: "good"}, "bad; good"},
	} {
		if got := c.d.String(); got != c.want {
			t.Errorf("%+v: got %q, want %q", c.d, got, c.want)
		}
	}
}
