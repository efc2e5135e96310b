package lessons

import (
	"strings"
	"testing"
	"testing/fstest"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/lessons"
	"github.com/iamlab/iamlab/internal/tui/markdown"
	"github.com/iamlab/iamlab/internal/tui/screen"
	"github.com/iamlab/iamlab/internal/tui/screentest"
)

func lesson(id, title, topics, scenarios, body string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("---\nid: " + id + "\ntitle: \"" + title + "\"\ntopics: [" + topics +
		"]\nexam: [\"SAA-C03 1.1\"]\nscenarios: [" + scenarios + "]\n---\n\n" + body)}
}

func testFS() fstest.MapFS {
	long := "# Deny\n\nAn explicit deny wins.\n\n"
	for i := 0; i < 40; i++ {
		long += "- A list item that goes on for a while, long enough to wrap on a narrow screen,\n  continued on a second line.\n"
	}
	return fstest.MapFS{
		"README.md":      {Data: []byte("# not a lesson")},
		"deny.md":        lesson("explicit-deny-wins", "Explicit deny wins", "explicit-deny", "two-groups-one-bucket, scp-vs-boundary", long),
		"mfa.md":         lesson("mfa-basics", "MFA in policies", "mfa-ifexists", "", "# MFA\n\nUse BoolIfExists.\n"),
		"general.md":     lesson("users-groups-roles", "Users, groups and roles", "", "", "# Who is who\n\nText.\n"),
		"_draft.md":      lesson("draft", "Draft", "", "", "x"),
		"sub/broken.md":  {Data: []byte("---\nid: broken\n")},
		"sub/boundar.md": lesson("boundaries", "Boundaries cap", "permissions-boundary", "", "# Caps\n"),
	}
}

// rendered feeds a screen its Markdown renderings; every other message is
// for the root.
func rendered(msg tea.Msg) bool {
	_, ok := msg.(markdown.RenderedMsg)
	return ok
}

// press sends keys and runs the commands, returning messages for the root.
func press(s screen.Screen, keys ...string) []tea.Msg {
	return screentest.Press(s, rendered, keys...)
}

func run(s screen.Screen, cmd tea.Cmd) []tea.Msg { return screentest.Drain(s, cmd, rendered) }

func newList(t *testing.T, open Opener) *List {
	t.Helper()
	ls, _ := lessons.Load(testFS())
	m := New(screen.Deps{}, ls, open).WithTitles(testTitles)
	screentest.Show(m, 120, 38, false)
	return m
}

// testTitles names the test lessons' scenarios as the library would.
func testTitles(id string) string {
	return map[string]string{"two-groups-one-bucket": "Two groups, one bucket", "scp-vs-boundary": "SCP vs permissions boundary"}[id]
}

func TestListGroupsAndFilters(t *testing.T) {
	m := newList(t, nil)
	out := screentest.Plain(m)
	core := strings.Index(out, "Core concepts")
	a := strings.Index(out, "A · How a request is evaluated")
	f := strings.Index(out, "F · Permissions boundaries")
	if core < 0 || a < 0 || f < 0 || !(core < a && a < f) {
		t.Fatalf("groups out of order:\n%s", out)
	}
	if m.rows[m.cursor].lesson.ID != "users-groups-roles" {
		t.Fatalf("cursor on %+v", m.rows[m.cursor])
	}
	press(m, "down")
	if m.rows[m.cursor].lesson.ID != "explicit-deny-wins" {
		t.Fatalf("down skipped to %+v", m.rows[m.cursor])
	}
	if !strings.Contains(screentest.Plain(m), "Practise it: Two groups, one bucket, SCP vs permissions boundary") {
		t.Fatalf("details:\n%s", screentest.Plain(m))
	}
	press(m, "/")
	if !m.CapturesText() {
		t.Fatal("the filter does not capture typing")
	}
	press(m, "b", "o", "u", "n", "d")
	if len(m.rows) != 2 || m.rows[1].lesson.ID != "boundaries" {
		t.Fatalf("filtered rows %+v", m.rows)
	}
	press(m, "esc")
	if m.CapturesText() || len(m.rows) != 7 {
		t.Fatalf("esc: captures %v, %d rows", m.CapturesText(), len(m.rows))
	}
	// Filter by a topic's title, then open the match.
	press(m, "/", "M", "F", "A")
	msgs := press(m, "enter")
	if len(msgs) != 1 {
		t.Fatalf("open: %v", msgs)
	}
	r, ok := msgs[0].(screen.OpenMsg).Screen.(*Reader)
	if !ok || r.lesson.ID != "mfa-basics" {
		t.Fatalf("opened %+v", msgs[0])
	}
	// esc clears a kept filter first, then goes back.
	if msgs := press(m, "esc"); len(msgs) != 0 || m.filter.Value() != "" {
		t.Fatalf("esc with a filter: %v %q", msgs, m.filter.Value())
	}
	if msgs := press(m, "esc"); len(msgs) != 1 {
		t.Fatalf("esc: %v", msgs)
	}
}

func TestReaderRendersScrollsAndPractises(t *testing.T) {
	var opened []string
	open := func(id string) screen.Screen {
		opened = append(opened, id)
		if id == "scp-vs-boundary" {
			return nil
		}
		return NewReader(screen.Deps{}, lessons.Lesson{ID: id}, nil)
	}
	m := newList(t, open)
	press(m, "down")
	msgs := press(m, "enter")
	r := msgs[0].(screen.OpenMsg).Screen.(*Reader)
	screentest.Show(r, 80, 22, false)
	run(r, r.Init())
	if _, ok := r.peek(); !ok {
		t.Fatal("not rendered")
	}
	out := screentest.Plain(r)
	if !strings.Contains(out, "Deny") || !strings.Contains(out, "Practise it: 1 Two groups, one bucket   2 SCP vs permissions boundary") {
		t.Fatalf("reader:\n%s", out)
	}
	if r.Meta() != "0%" {
		t.Fatalf("meta %q", r.Meta())
	}
	press(r, "space", "j")
	if r.view.Off != 20 {
		t.Fatalf("scrolled to %d", r.view.Off)
	}
	press(r, "G")
	if r.Meta() != "100%" {
		t.Fatalf("meta at the bottom %q", r.Meta())
	}
	msgs = press(r, "1")
	if len(msgs) != 1 || opened[0] != "two-groups-one-bucket" {
		t.Fatalf("practise 1: %v %v", msgs, opened)
	}
	if _, ok := msgs[0].(screen.OpenMsg); !ok {
		t.Fatalf("practise 1: %T", msgs[0])
	}
	msgs = press(r, "2")
	if st, ok := msgs[0].(screen.StatusMsg); !ok || !st.Error || !strings.Contains(st.Text, "scp-vs-boundary") {
		t.Fatalf("missing scenario: %v", msgs)
	}
	if msgs := press(r, "9"); len(msgs) != 0 {
		t.Fatalf("no ninth scenario: %v", msgs)
	}
	if _, ok := press(r, "esc")[0].(screen.BackMsg); !ok {
		t.Fatal("esc does not go back")
	}
}

func TestReaderWithoutOpener(t *testing.T) {
	m := newList(t, nil)
	press(m, "down")
	r := press(m, "enter")[0].(screen.OpenMsg).Screen.(*Reader)
	screentest.Show(r, 80, 22, true)
	run(r, r.Init())
	if !strings.Contains(screentest.Plain(r), "Practised in: Two groups, one bucket, SCP vs permissions boundary") {
		t.Fatalf("reader:\n%s", screentest.Plain(r))
	}
	for _, b := range r.ShortHelp() {
		if b.Help().Key == "1-9" {
			t.Fatal("practise key offered without an opener")
		}
	}
	if msgs := press(r, "1"); len(msgs) != 1 || msgs[0].(screen.StatusMsg).Error {
		t.Fatalf("practise without an opener: %v", msgs)
	}
}

func TestLayouts(t *testing.T) {
	for _, size := range [][2]int{{80, 22}, {120, 38}} {
		for _, noColor := range []bool{false, true} {
			m := newList(t, nil)
			screentest.Show(m, size[0], size[1], noColor)
			check := func(name string, s screen.Screen) {
				t.Helper()
				v := s.View()
				lines := strings.Split(v, "\n")
				if len(lines) != size[1] {
					t.Errorf("%s %v: %d lines", name, size, len(lines))
				}
				for i, l := range lines {
					if w := ansi.StringWidth(l); w > size[0] {
						t.Errorf("%s %v: line %d is %d wide", name, size, i, w)
					}
				}
				if noColor && screentest.ColourSGR.MatchString(v) {
					t.Errorf("%s: colour under NO_COLOR", name)
				}
			}
			check("list", m)
			press(m, "/", "z", "z", "z")
			check("empty filter", m)
			press(m, "esc", "down")
			r := press(m, "enter")[0].(screen.OpenMsg).Screen.(*Reader)
			screentest.Show(r, size[0], size[1], noColor)
			check("reader before rendering", r)
			run(r, r.Init())
			check("reader", r)
			press(r, "G")
			check("reader at the end", r)
		}
	}
}

// While the filter is typed the arrows move and j types.
func TestFilterArrowsMoveLettersType(t *testing.T) {
	m := newList(t, nil)
	press(m, "/")
	before := m.cursor
	press(m, "down")
	if m.cursor == before {
		t.Error("down did not move while filtering")
	}
	press(m, "j")
	if m.filter.Value() != "j" {
		t.Errorf("j did not type: filter %q", m.filter.Value())
	}
}
