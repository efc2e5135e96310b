package tui

import (
	"context"
	"reflect"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/progress/progressdb"
	"github.com/iamlab/iamlab/internal/tui/golden"
)

// On first start the trainer asks which exam; the answer is kept, not
// asked again, and changeable from the library.
func TestFirstStartAsksForTheExamOnce(t *testing.T) {
	d := dirs(t)
	opt := Options{Dirs: d, Getenv: func(string) string { return "" }}
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		root, _, closeAll := build(opt)
		m, _ := root.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		frame := ansi.Strip(m.View().Content)
		if !strings.Contains(frame, "Which exam are you preparing for?") || !strings.Contains(frame, "SCS-C03") {
			t.Fatalf("first start does not ask:\n%s", frame)
		}
		name := map[int]string{80: "80x24", 120: "120x40"}[size[0]]
		golden.Check(t, "first-start-"+name, m.View().Content, size[0], size[1])
		closeAll()
	}
	root, _, closeAll := build(opt)
	m, _ := root.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m = driveAll(m, tea.KeyPressMsg{Code: 'b', Text: "b"})
	if frame := ansi.Strip(m.View().Content); !strings.Contains(frame, "Library") || !strings.Contains(frame, "Preparing for SCS-C03") {
		t.Fatalf("after choosing:\n%s", frame)
	}
	closeAll()

	s, err := progressdb.Open(d.DatabasePath())
	if err != nil {
		t.Fatal(err)
	}
	if v, ok, _ := s.Setting(context.Background(), progress.SettingExam); !ok || v != "SCS-C03" {
		t.Fatalf("the choice was not kept: %q", v)
	}
	s.Close()

	root, _, closeAll = build(opt)
	defer closeAll()
	m, _ = root.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	frame := ansi.Strip(m.View().Content)
	if strings.Contains(frame, "Which exam") || !strings.Contains(frame, "Library") {
		t.Fatalf("asked again on the second start:\n%s", frame)
	}
	// e on the library changes it.
	m = driveAll(m, tea.KeyPressMsg{Code: 'e', Text: "e"})
	if frame := ansi.Strip(m.View().Content); !strings.Contains(frame, "Now: SCS-C03.") {
		t.Fatalf("e does not open the exam choice:\n%s", frame)
	}
}

// driveAll runs a message and every command it leads to, sequences and
// batches included, skipping timers.
func driveAll(m tea.Model, msg tea.Msg) tea.Model {
	queue := []tea.Msg{msg}
	for n := 0; len(queue) > 0 && n < 50; n++ {
		var cmd tea.Cmd
		m, cmd = m.Update(queue[0])
		queue = queue[1:]
		queue = append(queue, expand(cmd)...)
	}
	return m
}

func expand(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	switch msg := msg.(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, expand(c)...)
		}
		return out
	}
	// tea.Sequence's message is unexported: its commands are a slice of
	// tea.Cmd under the hood.
	if cmds, ok := asCmds(msg); ok {
		var out []tea.Msg
		for _, c := range cmds {
			out = append(out, expand(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

func asCmds(msg tea.Msg) ([]tea.Cmd, bool) {
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeFor[tea.Cmd]() {
		return nil, false
	}
	out := make([]tea.Cmd, v.Len())
	for i := range out {
		out[i] = v.Index(i).Interface().(tea.Cmd)
	}
	return out, true
}
