package progressview

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/tui/screen"
	"github.com/iamlab/iamlab/internal/tui/screentest"
	"github.com/iamlab/iamlab/internal/tui/theme"
)

func populated(t *testing.T, opts Options, w, h int) *Model {
	t.Helper()
	s := memStore(t)
	populate(t, s)
	return newScreen(t, s, opts, w, h, theme.NoColor())
}

func TestChartRowsAndBands(t *testing.T) {
	m := populated(t, Options{}, 120, 37)
	out := whole(m)
	d4 := lineWith(t, out, "D4 Identity and Access Management")
	for _, want := range []string{"20%", cellSolid, cellRange, cellPass, flagFew, "✗ needs work"} {
		if !strings.Contains(d4, want) {
			t.Errorf("D4 row lacks %q: %q", want, d4)
		}
	}
	d6 := lineWith(t, out, "D6 Security Foundations")
	if !strings.Contains(d6, "14%") || !strings.Contains(d6, "◐ borderline") || !strings.Contains(d6, cellSolid) {
		t.Errorf("D6 row: %q", d6)
	}
	// D1 has an IAM-bearing statement (1.2, the organization trail) but no
	// evidence: unknown, and no bar pretending to know.
	if d1 := lineWith(t, out, "D1 Detection"); !strings.Contains(d1, "unknown — not practised") || strings.Contains(d1, cellSolid) {
		t.Errorf("D1 is unpractised and has no bar: %q", d1)
	}
	// The bar is a range, not a falsely precise point: "10–53%".
	if !regexp.MustCompile(`\d+–\d+%`).MatchString(d4) {
		t.Errorf("D4 shows no range: %q", d4)
	}
	for _, want := range []string{
		"SCS-C03 — AWS Certified Security – Specialty",
		"Readiness ✗ needs work ~ uncertain",
		"compensatory",
		"Coverage 12%: 3 of 24 IAM task statements",
		"Where practice gains the most",
		"1. trust-policy",
		"2. root-user",
		"Never practised: 74 topics",
		"trust-policy: mastery ≈33% × recall today ≈81% = ≈27%;",
		"Due reviews: 2",
		"Streak: 1 day — practise today to keep it",
		"Calibration: 1 confident-but-wrong answer",
		"Pace: 90 s per exam-mode item, budget 157 s ✓ within budget",
		"Recent attempts",
		"core/deny-wins",
		"✗ failed",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("screen lacks %q:\n%s", want, out)
		}
	}
	if got := m.Meta(); got != "SCS-C03 · if the exam were today" {
		t.Errorf("meta %q", got)
	}
	if got := m.Breadcrumb(); len(got) != 1 || got[0] != "Progress" {
		t.Errorf("breadcrumb %v", got)
	}
}

func TestDomainRangeMatchesTheOverallModel(t *testing.T) {
	m := populated(t, Options{}, 120, 37)
	rep := m.sum.Readiness
	for _, d := range rep.Domains {
		lo, hi := domainRange(d)
		if lo > d.Predicted || hi < d.Predicted || lo < 0 || hi > 1 {
			t.Errorf("D%d range %v..%v around %v", d.Number, lo, hi, d.Predicted)
		}
		if d.TopicsPractised > 0 && hi-lo <= 0 {
			t.Errorf("D%d has evidence from few items but no spread", d.Number)
		}
	}
}

func TestExamSwitchingShowsUnknownDomains(t *testing.T) {
	m := populated(t, Options{}, 120, 37)
	if m.exams[0].ID != "SAA-C03" || m.exams[1].ID != "SCS-C03" || m.exams[2].ID != "SCS-C02" {
		t.Fatalf("switcher order: current exams first, retired last: %v", []string{m.exams[0].ID, m.exams[1].ID, m.exams[2].ID})
	}
	press(m, "tab")
	if got := m.Meta(); got != "SCS-C02 (retired) · if the exam were today" {
		t.Fatalf("meta after tab %q", got)
	}
	out := whole(m)
	if !strings.Contains(out, "SCS-C02 is retired") || !strings.Contains(out, "current version is SCS-C03") {
		t.Errorf("no retirement note:\n%s", out)
	}
	// C02 D1 (credential revocation) is taught by iamlab but never practised.
	d1 := lineWith(t, out, "D1 Threat Detection")
	if !strings.Contains(d1, "unknown — not practised") || !strings.Contains(d1, "? unknown") || strings.Contains(d1, cellSolid) {
		t.Errorf("D1 must be unknown, not zero: %q", d1)
	}
	if d4 := lineWith(t, out, "D4 Identity and Access Management"); !strings.Contains(d4, "16%") || !strings.Contains(d4, cellSolid) {
		t.Errorf("C02 D4: %q", d4)
	}
	if !strings.Contains(screentest.Plain(m), "[SCS-C02 retired]") {
		t.Errorf("switcher does not mark the exam:\n%s", screentest.Plain(m))
	}
	press(m, "tab")
	if !strings.HasPrefix(m.Meta(), "SAA-C03") || !strings.Contains(whole(m), "D1 Design Secure Architectures") {
		t.Fatalf("tab twice: %q\n%s", m.Meta(), whole(m))
	}
	press(m, "[")
	if !strings.HasPrefix(m.Meta(), "SCS-C02") {
		t.Fatalf("[ goes back: %q", m.Meta())
	}
}

func TestStaleLoadIsIgnored(t *testing.T) {
	m := populated(t, Options{}, 100, 30)
	_, first := m.Update(screentest.Key("tab")) // SCS-C02, not yet loaded
	press(m, "tab")                             // SAA-C03, loaded
	m.Update(first())                           // the SCS-C02 answer arrives late
	if !strings.HasPrefix(m.Meta(), "SAA-C03") || !strings.Contains(whole(m), "Design Secure Architectures") {
		t.Fatalf("a late answer replaced the exam shown:\n%s", whole(m))
	}
}

func TestPractiseOpensTheGivenScreen(t *testing.T) {
	var asked []string
	opts := Options{Practise: func(id string) screen.Screen {
		asked = append(asked, id)
		return practiceScreen{topic: id}
	}}
	m := populated(t, opts, 80, 22)
	if !m.KeyMap.Practise.Enabled() {
		t.Fatal("practise key disabled with a Practise function")
	}
	msg := press(m, "enter")
	open, ok := msg.(screen.OpenMsg)
	if !ok {
		t.Fatalf("enter sent %T, want OpenMsg", msg)
	}
	if ps := open.Screen.(practiceScreen); ps.topic != "trust-policy" {
		t.Fatalf("opened %q, want the weakest topic trust-policy", ps.topic)
	}
	press(m, "down")
	if !strings.Contains(screentest.Plain(m), "› 2. root-user") {
		t.Fatalf("down did not select the second topic:\n%s", screentest.Plain(m))
	}
	if open, ok := press(m, "p").(screen.OpenMsg); !ok || open.Screen.(practiceScreen).topic != "root-user" {
		t.Fatalf("p did not practise root-user: %v", asked)
	}
	// Past the weakest list, the due reviews not listed above are next; here
	// both due topics are already among the weakest.
	press(m, "down")
	press(m, "down")
	if m.cursor != 2 {
		t.Fatalf("cursor %d after moving past the list", m.cursor)
	}
}

func TestPractiseDisabledWithoutAScreen(t *testing.T) {
	m := populated(t, Options{}, 80, 22)
	if m.KeyMap.Practise.Enabled() {
		t.Fatal("practise key enabled without a Practise function")
	}
	if msg := press(m, "enter"); msg != nil {
		t.Fatalf("enter sent %T with practice disabled", msg)
	}
	if strings.Contains(whole(m), "enter/p practises") {
		t.Error("the screen offers a key that does nothing")
	}
}

func TestEmptyStore(t *testing.T) {
	m := newScreen(t, memStore(t), Options{}, 80, 22, theme.NoColor())
	out := whole(m)
	for _, want := range []string{"Nothing practised yet.", "solve a scenario", "unknown — not zero"} {
		if !strings.Contains(out, want) {
			t.Errorf("empty state lacks %q:\n%s", want, out)
		}
	}
	if d4 := lineWith(t, out, "D4 Identity"); !strings.Contains(d4, "unknown — not practised") {
		t.Errorf("D4 in an empty store: %q", d4)
	}
	if strings.Contains(out, "Recent attempts") || strings.Contains(out, "needs work") {
		t.Errorf("empty store shows results:\n%s", out)
	}
	if msg := press(m, "enter"); msg != nil {
		t.Fatalf("enter with nothing to practise sent %T", msg)
	}
}

func TestStoreErrorIsShownAndTheScreenKeepsWorking(t *testing.T) {
	s := memStore(t)
	populate(t, s)
	s.Close()
	m := newScreen(t, s, Options{}, 80, 22, theme.NoColor())
	out := screentest.Plain(m)
	if !strings.Contains(out, "✗ Could not read your progress") || !strings.Contains(out, "Press r to try again") {
		t.Fatalf("no error message:\n%s", out)
	}
	press(m, "tab")
	if !strings.HasPrefix(m.Meta(), "SCS-C02") {
		t.Fatalf("exam switching broke after an error: %q", m.Meta())
	}
	assertSize(t, m, 80, 22)

	nilStore := New(screen.Deps{Now: clock}, Options{})
	nilStore.SetStyles(theme.NewStyles(theme.NoColor()))
	nilStore.SetSize(80, 22)
	run(nilStore, nilStore.Init())
	if !strings.Contains(screentest.Plain(nilStore), "no progress store") {
		t.Fatalf("nil store:\n%s", screentest.Plain(nilStore))
	}
}

func TestUnknownExamOption(t *testing.T) {
	m := newScreen(t, memStore(t), Options{Exam: "XYZ-C01"}, 80, 22, theme.NoColor())
	if !strings.HasPrefix(m.Meta(), "SCS-C03") || !strings.Contains(screentest.Plain(m), `unknown exam "XYZ-C01"`) {
		t.Fatalf("unknown exam: %q\n%s", m.Meta(), screentest.Plain(m))
	}
	m2 := newScreen(t, memStore(t), Options{Exam: "saa-c03"}, 80, 22, theme.NoColor())
	if !strings.HasPrefix(m2.Meta(), "SAA-C03") {
		t.Fatalf("exam option ignored: %q", m2.Meta())
	}
}

func TestExamDate(t *testing.T) {
	m := populated(t, Options{}, 80, 22)
	retention := func() float64 {
		for _, tr := range m.sum.Readiness.Topics {
			if tr.TopicID == "root-user" {
				return tr.Retention
			}
		}
		t.Fatal("root-user not in the report")
		return 0
	}
	before := retention()
	press(m, "d")
	if !m.CapturesText() || m.Cursor() == nil {
		t.Fatal("d did not open the date field")
	}
	if c := m.Cursor(); c.Y != dateRow {
		t.Fatalf("cursor row %d", c.Y)
	}
	typeText(m, "2026-13-40")
	press(m, "enter")
	if !m.CapturesText() || !strings.Contains(screentest.Plain(m), "not a date: type it as YYYY-MM-DD") {
		t.Fatalf("bad date accepted:\n%s", screentest.Plain(m))
	}
	for range 10 {
		press(m, "backspace")
	}
	typeText(m, "2026-06-15")
	press(m, "enter")
	if m.CapturesText() {
		t.Fatal("still typing after enter")
	}
	if got := m.Meta(); got != "SCS-C03 · exam 2026-06-15" {
		t.Fatalf("meta %q", got)
	}
	if !strings.Contains(whole(m), "Exam date 2026-06-15 (105 days away)") {
		t.Fatalf("no exam date line:\n%s", whole(m))
	}
	if !m.sum.Readiness.ExamDate.Equal(time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("readiness not recomputed at the date: %v", m.sum.Readiness.ExamDate)
	}
	if !strings.Contains(whole(m), "recall on 2026-06-15") {
		t.Fatalf("the topic detail does not say the date:\n%s", whole(m))
	}
	if after := retention(); after >= before {
		t.Fatalf("retention at the exam date %v is not below today's %v", after, before)
	}

	press(m, "d")
	for range 10 {
		press(m, "backspace")
	}
	typeText(m, "2026-01-01")
	press(m, "enter")
	if !strings.Contains(screentest.Plain(m), "has passed") {
		t.Fatalf("past date accepted:\n%s", screentest.Plain(m))
	}
	press(m, "esc")
	if m.CapturesText() || m.Meta() != "SCS-C03 · exam 2026-06-15" {
		t.Fatalf("esc changed the date: %q", m.Meta())
	}
	press(m, "d")
	for range 10 {
		press(m, "backspace")
	}
	press(m, "enter")
	if m.Meta() != "SCS-C03 · if the exam were today" {
		t.Fatalf("empty did not clear the date: %q", m.Meta())
	}
}

func TestQAndQuestionMarkTypeIntoTheDate(t *testing.T) {
	m := populated(t, Options{}, 80, 22)
	if m.CapturesText() {
		t.Fatal("captures text before d")
	}
	press(m, "d")
	if !m.CapturesText() {
		t.Fatal("the root would quit on q while typing the date")
	}
}

func TestScrollingAndBack(t *testing.T) {
	m := populated(t, Options{}, 80, 22)
	if !strings.Contains(screentest.Plain(m), "↓ more (pgdn)") {
		t.Fatalf("no hint that there is more:\n%s", screentest.Plain(m))
	}
	press(m, "pgdown")
	if m.win.Off == 0 || !strings.Contains(screentest.Plain(m), "Due reviews") {
		t.Fatalf("pgdn did not scroll:\n%s", screentest.Plain(m))
	}
	press(m, "G")
	if !strings.Contains(screentest.Plain(m), "core/two-groups") {
		t.Fatalf("end does not show the last attempt:\n%s", screentest.Plain(m))
	}
	press(m, "g")
	if m.win.Off != 0 {
		t.Fatal("home did not go to the top")
	}
	// Moving the selection keeps it on screen.
	press(m, "down")
	press(m, "down")
	if !strings.Contains(screentest.Plain(m), "› 3. explicit-deny") {
		t.Fatalf("selected topic not visible:\n%s", screentest.Plain(m))
	}
	if _, ok := press(m, "esc").(screen.BackMsg); !ok {
		t.Fatal("esc does not go back")
	}
	if len(m.ShortHelp()) == 0 || len(m.FullHelp()) == 0 {
		t.Fatal("no help")
	}
}

func assertSize(t *testing.T, m *Model, w, h int) {
	t.Helper()
	lines := strings.Split(m.View(), "\n")
	if len(lines) != h {
		t.Fatalf("%d×%d: view has %d lines", w, h, len(lines))
	}
	for i, l := range lines {
		if n := ansi.StringWidth(l); n > w {
			t.Fatalf("%d×%d: line %d is %d wide: %q", w, h, i, n, ansi.Strip(l))
		}
	}
}

func TestEveryLineFits(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {80, 22}, {120, 40}, {120, 37}, {100, 30}} {
		for _, th := range []theme.Theme{theme.Dark(), theme.Light(), theme.NoColor()} {
			s := memStore(t)
			populate(t, s)
			m := newScreen(t, s, Options{Practise: func(string) screen.Screen { return practiceScreen{} }}, sz[0], sz[1], th)
			assertSize(t, m, sz[0], sz[1])
			press(m, "tab")
			assertSize(t, m, sz[0], sz[1])
			press(m, "G")
			assertSize(t, m, sz[0], sz[1])
			press(m, "d")
			typeText(m, "nonsense")
			press(m, "enter")
			assertSize(t, m, sz[0], sz[1])

			empty := newScreen(t, memStore(t), Options{}, sz[0], sz[1], th)
			assertSize(t, empty, sz[0], sz[1])
		}
	}
}

func TestWideLayoutPutsListsSideBySide(t *testing.T) {
	m := populated(t, Options{}, 120, 37)
	l := lineWith(t, screentest.Plain(m), "Where practice gains the most")
	if !strings.Contains(l, "Due reviews: 2") {
		t.Fatalf("at 120 columns the lists are not side by side: %q", l)
	}
	if strings.Contains(screentest.Plain(m), "↓ more") {
		t.Fatalf("120×37 should fit without scrolling:\n%s", screentest.Plain(m))
	}
	narrow := populated(t, Options{}, 80, 24)
	if strings.Contains(lineWith(t, whole(narrow), "Where practice gains the most"), "Due reviews") {
		t.Fatal("at 80 columns the lists are stacked")
	}
}

// sgr matches SGR sequences; colourParam spots colour parameters in them.
var sgr = regexp.MustCompile("\x1b\\[([0-9;:]*)m")

func hasColour(s string) bool {
	for _, m := range sgr.FindAllStringSubmatch(s, -1) {
		for _, p := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ';' || r == ':' }) {
			switch {
			case p == "38" || p == "48" || p == "58":
				return true
			case len(p) == 2 && (p[0] == '3' || p[0] == '4' || p[0] == '9') && p[1] >= '0' && p[1] <= '7':
				return true
			case len(p) == 3 && strings.HasPrefix(p, "10") && p[2] >= '0' && p[2] <= '7':
				return true
			}
		}
	}
	return false
}

func TestNoColor(t *testing.T) {
	s := memStore(t)
	populate(t, s)
	m := newScreen(t, s, Options{Practise: func(string) screen.Screen { return practiceScreen{} }}, 120, 40, theme.NoColor())
	press(m, "d")
	views := []string{m.View(), strings.Join(m.body, "\n")}
	press(m, "esc")
	press(m, "tab")
	views = append(views, m.View(), strings.Join(m.body, "\n"))
	for i, v := range views {
		if hasColour(v) {
			t.Fatalf("view %d has colour escapes under NO_COLOR: %q", i, v)
		}
	}
	// Meaning survives without colour: symbols and words on every band.
	out := whole(m)
	for _, want := range []string{"✗ needs work", "? unknown", cellSolid, cellRange} {
		if !strings.Contains(out, want) {
			t.Errorf("no-colour view lacks %q", want)
		}
	}
	dark := newScreen(t, s, Options{}, 120, 40, theme.Dark())
	if !hasColour(dark.View()) {
		t.Fatal("the colour check finds nothing in the dark theme either")
	}
}

func TestBandBadgesCarrySymbolAndWord(t *testing.T) {
	for _, th := range []theme.Theme{theme.Dark(), theme.NoColor()} {
		b := newBandBadges(theme.NewStyles(th))
		for _, band := range []progress.Band{progress.BandReady, progress.BandBorderline, progress.BandNeedsWork, progress.BandUnknown} {
			x := b.get(band)
			if x.Symbol == "" || x.Word != string(band) || ansi.StringWidth(x.String()) > badgeWidth {
				t.Errorf("%v: badge %q", band, x.String())
			}
		}
	}
}

func TestBar(t *testing.T) {
	st := theme.NewStyles(theme.NoColor())
	got := ansi.Strip(bar(st, st.Text, 10, 0.3, 0.6, 0.7))
	if got != "███▒▒▒░┊░░" {
		t.Fatalf("bar %q", got)
	}
	if got := ansi.Strip(bar(st, st.Text, 10, 0.5, 0.52, 0.7)); got != "█████▒░┊░░" {
		t.Fatalf("a narrow range still shows: %q", got)
	}
	if got := rangeText(0.531, 0.534); got != "≈53%" {
		t.Fatalf("collapsed range %q", got)
	}
}
