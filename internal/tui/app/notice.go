package app

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// WithNotice starts with a notice that takes the place of the screen until
// the learner presses enter: news that must be read whole, such as a
// damaged progress database kept aside or a database that cannot be
// written. The footer's status line is for news that can be missed.
// Lines of text are paragraphs.
func (m Model) WithNotice(text string) Model {
	m.notice = text
	return m
}

// noticeKey handles a key while the notice is up: enter (or esc)
// acknowledges it and ctrl+c quits; every other key is held back from the
// screen, which the learner cannot see.
func (m Model) noticeKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Dismiss):
		m.notice = ""
		m.resize()
		return m, nil
	case key.Matches(msg, m.keys.Quit):
		return m.quit()
	}
	return m, nil
}

// noticeView fills the body with the notice, wrapped to the width and
// followed by how to go on. A notice longer than the body keeps its end
// (how to recover) and its first lines, the middle giving way.
func (m Model) noticeView(height int) string {
	w := max(10, m.width-4)
	var text []string
	for i, para := range strings.Split(m.notice, "\n") {
		if i > 0 {
			text = append(text, "")
		}
		text = append(text, wrapWords(para, w)...)
	}
	lines := []string{"", m.styles.Warning.Render("  Please read")}
	for _, l := range text {
		lines = append(lines, "  "+m.styles.Status.Error.Render(l))
	}
	lines = append(lines, "", "  "+m.styles.App.Meta.Render("Press enter to continue (ctrl+c quits)."))
	if len(lines) > height {
		lines = append(lines[:height-3], lines[len(lines)-3:]...)
	}
	for len(lines) < height {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// wrapWords breaks text at spaces only: a file name with dashes stays on
// one line, so it can be copied. A word wider than the line is cut.
func wrapWords(text string, width int) []string {
	var out []string
	line := ""
	for _, word := range strings.Fields(text) {
		for ansi.StringWidth(word) > width {
			if line != "" {
				out, line = append(out, line), ""
			}
			cut := ansi.Truncate(word, width, "")
			out = append(out, cut)
			word = word[len(cut):]
		}
		switch {
		case line == "":
			line = word
		case ansi.StringWidth(line)+1+ansi.StringWidth(word) <= width:
			line += " " + word
		default:
			out, line = append(out, line), word
		}
	}
	if line != "" {
		out = append(out, line)
	}
	return out
}
