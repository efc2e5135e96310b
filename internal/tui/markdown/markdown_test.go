package markdown

import (
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/tui/theme"
)

const doc = "# Explicit deny wins\n\nAn **explicit deny** in any policy beats every allow, " +
	"and *nothing* overrides it.\n\n- A list item that goes on long enough to wrap,\n  continued on a second line.\n" +
	"- Another item\n\n```json\n{\"Effect\": \"Deny\"}\n```\n"

var colourSGR = regexp.MustCompile(`\x1b\[[0-9;]*(3[0-9]|4[0-9]|9[0-7]|10[0-7])(;[0-9;]*)?m`)

func TestRenderPerVariant(t *testing.T) {
	for _, v := range []theme.Variant{theme.VariantDark, theme.VariantLight, theme.VariantNoColor} {
		t.Run(v.String(), func(t *testing.T) {
			lines := Render(doc, 40, v)
			text := ansi.Strip(strings.Join(lines, "\n"))
			for _, want := range []string{"Explicit deny wins", "explicit deny", "Another item", `"Effect"`} {
				if !strings.Contains(text, want) {
					t.Errorf("%q missing from\n%s", want, text)
				}
			}
			if strings.Contains(text, "**") {
				t.Errorf("Markdown markers printed:\n%s", text)
			}
			if strings.TrimSpace(ansi.Strip(lines[0])) == "" || strings.TrimSpace(ansi.Strip(lines[len(lines)-1])) == "" {
				t.Errorf("blank edge lines: %q … %q", lines[0], lines[len(lines)-1])
			}
			for i, l := range lines {
				if w := ansi.StringWidth(l); w > 40 {
					t.Errorf("line %d is %d wide: %q", i, w, ansi.Strip(l))
				}
				if strings.HasSuffix(l, " ") {
					t.Errorf("line %d keeps padding: %q", i, l)
				}
			}
			colour := colourSGR.MatchString(strings.Join(lines, "\n"))
			if colour != (v != theme.VariantNoColor) {
				t.Errorf("colour escapes: %v", colour)
			}
		})
	}
}

func TestRenderNoColorKeepsAttributes(t *testing.T) {
	out := strings.Join(Render("Plain **bold** and *italic*.", 40, theme.VariantNoColor), "\n")
	if colourSGR.MatchString(out) {
		t.Errorf("colour under NO_COLOR: %q", out)
	}
	if !strings.Contains(out, "\x1b[1m") && !strings.Contains(out, "\x1b[1;") {
		t.Errorf("bold lost: %q", out)
	}
	if !strings.Contains(out, "\x1b[3m") && !strings.Contains(out, ";3m") {
		t.Errorf("italic lost: %q", out)
	}
	if s := ansi.Strip(out); strings.Contains(s, "*") {
		t.Errorf("markers printed: %q", s)
	}
}

func TestRenderJoinsSoftBreaks(t *testing.T) {
	// A continued list item flows as one paragraph: the second line is
	// filled up, not left ragged after "wrap,".
	lines := Render("- one two three four five six,\n  seven eight nine ten", 80, theme.VariantDark)
	if len(lines) != 1 || !strings.Contains(ansi.Strip(lines[0]), "six, seven") {
		t.Errorf("not joined: %q", lines)
	}
}

func TestFlushDropsMargin(t *testing.T) {
	kept := Render("Some `text`.", 30, theme.VariantDark)
	if !strings.HasPrefix(ansi.Strip(kept[0]), "  Some") {
		t.Fatalf("the margin: %q", ansi.Strip(kept[0]))
	}
	flat := flush(kept, 30)
	if !strings.HasPrefix(ansi.Strip(flat[0]), "Some") || !colourSGR.MatchString(flat[0]) {
		t.Errorf("flush: %q", flat[0])
	}
	if got := ansi.Strip(flush([]string{"  " + strings.Repeat("x", 20)}, 10)[0]); got != "xxxxxxxxx…" {
		t.Errorf("flush does not cut to the width: %q", got)
	}
}

func TestPlainAndWrap(t *testing.T) {
	got := Plain("  # Title\n\nAn **allow** for s3:GetObject on arn:aws:s3:::bucket/*\n", 20)
	want := []string{"# Title", "", "An **allow** for", "s3:GetObject on", "arn:aws:s3:::bucket/", "*"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Plain:\n got %q\nwant %q", got, want)
	}
	// A hyphenated word moves whole to the next line instead of overflowing.
	if got := Wrap("the cross-account role", 15); strings.Join(got, "|") != "the|cross-account|role" {
		t.Errorf("Wrap: %q", got)
	}
	for _, l := range Wrap("a supercalifragilistic word", 5) {
		if ansi.StringWidth(l) > 5 {
			t.Errorf("Wrap overflows: %q", l)
		}
	}
}

// run executes a command and returns its message.
func run(t *testing.T, cmd tea.Cmd) tea.Msg {
	t.Helper()
	if cmd == nil {
		t.Fatal("no command")
	}
	return cmd()
}

func TestCache(t *testing.T) {
	var c Cache
	v := theme.VariantDark
	lines, cmd := c.Get("brief", doc, 40, v)
	if strings.Join(lines, "\n") != strings.Join(Plain(doc, 40), "\n") || cmd == nil {
		t.Fatalf("first Get: plain lines and a command expected, got %q, %v", lines, cmd != nil)
	}
	if _, again := c.Get("brief", doc, 40, v); again != nil {
		t.Error("a second rendering was started while one is pending")
	}
	if _, ok := c.Peek("brief", doc, 40, v); ok {
		t.Error("Peek reports a rendering before it arrived")
	}
	msg := run(t, cmd)
	if !c.Handle(msg) {
		t.Fatal("Handle ignored its own rendering")
	}
	lines, cmd = c.Get("brief", doc, 40, v)
	if cmd != nil || strings.Join(lines, "\n") != strings.Join(Render(doc, 40, v), "\n") {
		t.Errorf("after Handle: rendered lines and no command expected, got %q, %v", lines, cmd != nil)
	}
	if got, ok := c.Peek("brief", doc, 40, v); !ok || len(got) != len(lines) {
		t.Errorf("Peek after Handle: %v", ok)
	}
	// Another width or palette is another rendering.
	if _, cmd := c.Get("brief", doc, 60, v); cmd == nil {
		t.Error("a new width starts no rendering")
	}
	if _, cmd := c.Get("brief", doc, 40, theme.VariantNoColor); cmd == nil {
		t.Error("a new palette starts no rendering")
	}
}

func TestCacheIgnoresStaleAndForeignMessages(t *testing.T) {
	var c, other Cache
	v := theme.VariantDark
	if c.Handle(tea.KeyPressMsg{Code: 'x'}) {
		t.Error("Handle took a key press")
	}
	_, cmd := other.Get("brief", "Other **text**", 40, v)
	foreign := run(t, cmd)
	_, _ = c.Get("brief", "Other **text**", 40, v)
	if c.Handle(foreign) {
		t.Error("Handle took another cache's rendering")
	}
	if _, ok := c.Peek("brief", "Other **text**", 40, v); ok {
		t.Error("a foreign rendering was stored")
	}

	// The text under a key changed while it was rendering: the old
	// rendering is stale and must not show for the new text.
	var d Cache
	_, old := d.Get("q", "First **question**", 40, v)
	_, cur := d.Get("q", "Second **question**", 40, v)
	if cur == nil {
		t.Fatal("a changed text starts no rendering")
	}
	if d.Handle(run(t, old)) {
		t.Error("Handle took a stale rendering")
	}
	if lines, ok := d.Peek("q", "Second **question**", 40, v); ok || !strings.Contains(strings.Join(lines, " "), "**question**") {
		t.Errorf("stale rendering shown: %q", lines)
	}
	if !d.Handle(run(t, cur)) {
		t.Fatal("Handle ignored the current rendering")
	}
	if lines, ok := d.Peek("q", "Second **question**", 40, v); !ok || !strings.Contains(ansi.Strip(strings.Join(lines, " ")), "Second question") {
		t.Errorf("current rendering: %v %q", ok, lines)
	}
	// Delivered twice, a rendering is taken once.
	if d.Handle(run(t, cur)) {
		t.Error("Handle took a rendering twice")
	}
}

func TestCacheFlush(t *testing.T) {
	c := Cache{Flush: true}
	_, cmd := c.Get("k", "Some text.", 30, theme.VariantDark)
	c.Handle(run(t, cmd))
	lines, _ := c.Peek("k", "Some text.", 30, theme.VariantDark)
	if !strings.HasPrefix(ansi.Strip(lines[0]), "Some") {
		t.Errorf("flush cache keeps the margin: %q", ansi.Strip(lines[0]))
	}
}

// TestHeadingsRenderWithoutMarkers: a lesson's "## Why" shows as a styled
// heading, never with its literal ##, in every palette.
func TestHeadingsRenderWithoutMarkers(t *testing.T) {
	src := "# Title\n\nIntro.\n\n## Why it matters\n\nBody.\n\n### The order\n\nMore."
	for _, v := range []theme.Variant{theme.VariantDark, theme.VariantLight, theme.VariantNoColor} {
		lines := Render(src, 60, v)
		text := ansi.Strip(strings.Join(lines, "\n"))
		if strings.Contains(text, "#") {
			t.Errorf("variant %v: heading markers shown:\n%s", v, text)
		}
		for _, want := range []string{"Why it matters", "The order", "Body."} {
			if !strings.Contains(text, want) {
				t.Errorf("variant %v: %q missing:\n%s", v, want, text)
			}
		}
	}
}

func TestRenderBlocks(t *testing.T) {
	src := "## Why\n\nSee [the guide](https://docs.aws.amazon.com/IAM/) and `s3:*`.\n\n" +
		"1. first item that wraps onto a second line\n2. second\n   - nested\n\n" +
		"| Key | Meaning |\n|---|---|\n| `aws:SourceIp` | the caller's address, which is long enough to wrap |\n\n" +
		"> quoted\n\n---\n\n```\n" + strings.Repeat("x", 50) + "\n```\n"
	lines := Render(src, 34, theme.VariantDark)
	got := ansi.Strip(strings.Join(lines, "\n"))
	want := strings.Join([]string{
		"  Why",
		"",
		"  See the guide and s3:*.",
		"",
		"  1. first item that wraps onto",
		"     a second line",
		"  2. second",
		"     • nested",
		"",
		"  Key          │ Meaning",
		"  ─────────────┼────────────────",
		"  aws:SourceIp │ the caller's",
		"               │ address, which",
		"               │ is long enough",
		"               │ to wrap",
		"",
		"  │ quoted",
		"",
		"  ──────────────────────────────",
		"",
		"    xxxxxxxxxxxxxxxxxxxxxxxxxxxx",
		"    xxxxxxxxxxxxxxxxxxxxxx",
	}, "\n")
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > 34 {
			t.Errorf("line %d is %d wide", i, w)
		}
	}
}

// BenchmarkRenderLesson renders a lesson-sized text: headings, lists,
// code spans and a table.
func BenchmarkRenderLesson(b *testing.B) {
	src := strings.Repeat(doc+"\n| a | b |\n|---|---|\n| `x` | y |\n\n", 8)
	for b.Loop() {
		Render(src, 80, theme.VariantDark)
	}
}

func TestSplitTables(t *testing.T) {
	src := "text\n\n```\n| a | b |\n|---|---|\n```\n\n| x | y \\| z |\n|:--|--:|\n| 1 | 2 |\n| 3 |\nafter\n"
	got := splitTables(src)
	if len(got) != 3 || got[0].rows != nil || got[2].rows != nil {
		t.Fatalf("chunks: %+v", got)
	}
	if !strings.Contains(got[0].text, "| a | b |") {
		t.Errorf("a table inside a fence was cut out: %+v", got[0])
	}
	want := [][]string{{"x", "y | z"}, {"1", "2"}, {"3"}}
	if len(got[1].rows) != len(want) || strings.Join(got[1].rows[0], "/") != strings.Join(want[0], "/") ||
		strings.Join(got[1].rows[2], "/") != "3" {
		t.Errorf("rows: %q", got[1].rows)
	}
	out := ansi.Strip(strings.Join(Render(src, 40, theme.VariantNoColor), "\n"))
	if !strings.Contains(out, "x │ y | z") || strings.Contains(out, `\|`) {
		t.Errorf("escaped pipe:\n%s", out)
	}
}

// TestCodeSpanAcrossLines: a code span that the source breaks over two
// lines is one span with a space, and no rendered line holds a line break.
func TestCodeSpanAcrossLines(t *testing.T) {
	lines := Render("Use `\"Condition\": {\"StringEquals\":\n{\"aws:PrincipalOrgID\": \"o-1\"}}` here.", 80, theme.VariantNoColor)
	for _, l := range lines {
		if strings.Contains(l, "\n") {
			t.Fatalf("a line break inside a line: %q", l)
		}
	}
	if got := ansi.Strip(strings.Join(lines, "|")); !strings.Contains(got, `{"StringEquals": {"aws:PrincipalOrgID"`) {
		t.Errorf("the span is not joined with a space: %q", got)
	}
}

// TestStyledRunsRenderOnce: text the parser splits ("a*" and "b" inside
// one strong span) is styled as one run, so the escapes do not depend on
// how the parser cut it.
func TestStyledRunsRenderOnce(t *testing.T) {
	split := strings.Join(Render("**a*b**", 40, theme.VariantNoColor), "\n")
	whole := strings.Join(Render("**ab**", 40, theme.VariantNoColor), "\n")
	if strings.Replace(split, "a*b", "ab", 1) != whole {
		t.Errorf("a split run is styled piece by piece:\n%q\n%q", split, whole)
	}
}

// FuzzRender: no input makes the parser panic or loop (the fuzzer
// reports an input that hangs), and no rendered line holds a line break.
func FuzzRender(f *testing.F) {
	f.Add(doc, 40)
	f.Add("> a\n> - b\n>   ```\n>   c\n\n1. x\n\n   y\n2) z", 20)
	f.Add("*a **b** c* _d_ [e](f \"g\") ![h](i) <j@k.l> <m:n> <o p='q'> &amp; &#x41; \\* `` ` ``", 30)
	f.Add("<div>\n\n</div>\n<!--\n-->\n    code\n---\n===\n# h #\n| a |\n|---|\n| b |", 10)
	f.Fuzz(func(t *testing.T, src string, width int) {
		width = 1 + abs(width)%200
		for _, l := range Render(src, width, theme.VariantNoColor) {
			if strings.Contains(l, "\n") {
				t.Fatalf("a line break inside a line: %q", l)
			}
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
