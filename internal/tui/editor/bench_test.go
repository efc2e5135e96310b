package editor

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/tui/screentest"
)

// policy200 is a realistic 200-line policy: statements with actions,
// resources and conditions.
func policy200() string {
	var sb strings.Builder
	sb.WriteString("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n")
	lines := 3
	for i := 0; lines < 197; i++ {
		fmt.Fprintf(&sb, "    {\n      \"Sid\": \"Stmt%d\",\n      \"Effect\": \"Allow\",\n", i)
		fmt.Fprintf(&sb, "      \"Action\": [\"s3:GetObject\", \"s3:ListBucket\"],\n")
		fmt.Fprintf(&sb, "      \"Resource\": \"arn:aws:s3:::acme-reports-%d/*\",\n", i)
		fmt.Fprintf(&sb, "      \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"true\"}}\n    },\n")
		lines += 8
	}
	sb.WriteString("    {}\n  ]\n}")
	return sb.String()
}

// BenchmarkKeystroke200Lines is one keystroke on a 200-line policy with a
// warm cache: Update (edit, undo record, ChangedMsg value) plus the View of
// the 30 visible lines. Iterations alternate typing a character and
// deleting it, so the line does not grow without bound.
func BenchmarkKeystroke200Lines(b *testing.B) {
	m := New(nil)
	m.SetSize(100, 31)
	m.SetValue(policy200())
	m.Focus()
	m.SetPosition(100, 20)
	_ = m.View()
	typed := tea.KeyPressMsg{Code: 'x', Text: "x"}
	back := screentest.Key("backspace")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		msg := tea.Msg(typed)
		if i%2 == 1 {
			msg = back
		}
		var cmd tea.Cmd
		m, cmd = m.Update(msg)
		_ = m.View()
		_ = cmd
	}
}

// BenchmarkRenderCold renders the visible 30 lines with empty caches, as
// after opening a document or changing the theme.
func BenchmarkRenderCold(b *testing.B) {
	text := policy200()
	m := New(nil)
	m.SetSize(100, 31)
	m.SetValue(text)
	m.Focus()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.hl = newHighlighter()
		m.cache.clear()
		_ = m.View()
	}
}

// BenchmarkRenderWarm is a redraw with nothing changed (cursor blink,
// another pane updating).
func BenchmarkRenderWarm(b *testing.B) {
	m := New(nil)
	m.SetSize(100, 31)
	m.SetValue(policy200())
	m.Focus()
	_ = m.View()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = m.View()
	}
}
