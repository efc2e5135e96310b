package theme

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
)

// Styles is every style the TUI uses, built once from a Theme by NewStyles.
// It is read-only after construction: screens keep a pointer and the root
// swaps in a new one when the theme changes.
type Styles struct {
	Theme Theme

	// Plain text roles shared by every screen.
	Text     lipgloss.Style
	Muted    lipgloss.Style
	Bold     lipgloss.Style
	Error    lipgloss.Style // error text: messages, failed loads
	Warning  lipgloss.Style
	Success  lipgloss.Style
	Selected lipgloss.Style // the selected row of a list, tree or table
	Key      lipgloss.Style // a key name quoted in prose ("press enter")

	App      AppStyles
	Pane     PaneStyles
	Help     help.Styles // ready to assign to a bubbles help.Model
	Status   StatusStyles
	Verdict  Verdicts
	Trace    TraceStyles
	Editor   EditorStyles
	Syntax   Syntax
	Markdown MarkdownStyles
}

// AppStyles are the frame of the application: the header line.
type AppStyles struct {
	Title      lipgloss.Style // "iamlab"
	Breadcrumb lipgloss.Style // "Core evaluation › Two groups, one bucket"
	Separator  lipgloss.Style // the "›" between breadcrumb parts
	Header     lipgloss.Style // the whole header line
	Meta       lipgloss.Style // right-hand facts: "build · ★★☆ · SAA 1.1"
}

// PaneStyles frame the panes of a screen. Focused and Blurred include the
// border; titles are drawn into the top border by the screen.
type PaneStyles struct {
	Focused      lipgloss.Style
	Blurred      lipgloss.Style
	Title        lipgloss.Style
	TitleBlurred lipgloss.Style
	Badge        lipgloss.Style // "✎ editable", "locked"
}

// StatusStyles are the one-line status bars at the bottom of screens and
// components.
type StatusStyles struct {
	Bar     lipgloss.Style
	Info    lipgloss.Style
	Error   lipgloss.Style
	Warning lipgloss.Style
	Meta    lipgloss.Style // right-aligned facts such as "Ln 3, Col 7"
}

// TraceStyles colour the evaluation trace, one style per kind of line.
type TraceStyles struct {
	Heading    lipgloss.Style // the request line at the top
	Step       lipgloss.Style // "1 Explicit deny, every policy"
	Leader     lipgloss.Style // the dot leaders between a step and its result
	Match      lipgloss.Style // "✓ s3:GetObject"
	NoMatch    lipgloss.Style // "✗ …/finance/*"
	NotReached lipgloss.Style // steps the evaluation never got to
	Allow      lipgloss.Style // "ALLOW" result of a step
	Deny       lipgloss.Style // "DENY" result of a step
	Decision   lipgloss.Style // the final "Decision:" line
	Detail     lipgloss.Style // context keys and values
	Note       lipgloss.Style // "← too broad: …" teaching notes
}

// EditorStyles are the policy editor's own styles.
type EditorStyles struct {
	Text          lipgloss.Style // text no token style applies to
	LineNumber    lipgloss.Style
	LineNumberCur lipgloss.Style // the cursor's line when focused
	LineNumberErr lipgloss.Style // a line with an error diagnostic
	GutterError   lipgloss.Style // the "✗" in the gutter
	GutterWarning lipgloss.Style // the "!" in the gutter
	GutterInfo    lipgloss.Style // the "i" in the gutter
	ErrorChar     lipgloss.Style // the character an error points at
	WarningChar   lipgloss.Style // the character a warning points at
	Overflow      lipgloss.Style // "…" where a line is scrolled off
	Selection     lipgloss.Style // selected text
	MarkDeny      lipgloss.Style // "◀ DENY"
	MarkAllow     lipgloss.Style // "◀ ALLOW"
	MarkInfo      lipgloss.Style // any other annotation
	Status        lipgloss.Style
	StatusError   lipgloss.Style
	StatusWarning lipgloss.Style
	StatusMeta    lipgloss.Style // "Ln 3, Col 7", "read-only"
}

// NewStyles builds every style from a palette. Call it once per theme
// change, never in a View.
func NewStyles(t Theme) *Styles {
	plain := lipgloss.NewStyle()
	fg := func(c color.Color) lipgloss.Style {
		if c == nil {
			return plain
		}
		return plain.Foreground(c)
	}
	mono := !t.Colorful()

	s := &Styles{Theme: t}
	s.Text = fg(t.Text)
	s.Muted = fg(t.Muted).Faint(mono)
	s.Bold = plain.Bold(true)
	s.Error = fg(t.Danger).Bold(mono)
	s.Warning = fg(t.Warning)
	s.Success = fg(t.Success)
	s.Key = fg(t.Accent).Bold(true)
	if mono {
		s.Selected = plain.Reverse(true)
	} else {
		s.Selected = plain.Background(t.Select).Foreground(t.Text).Bold(true)
	}

	s.App = AppStyles{
		Title:      fg(t.Accent).Bold(true),
		Breadcrumb: fg(t.Text),
		Separator:  fg(t.Muted),
		Header:     plain,
		Meta:       fg(t.Muted),
	}

	border := lipgloss.RoundedBorder()
	s.Pane = PaneStyles{
		Focused:      plain.Border(border).BorderForeground(colorOr(t.Accent)),
		Blurred:      plain.Border(border).BorderForeground(colorOr(t.Subtle)),
		Title:        fg(t.Accent).Bold(true),
		TitleBlurred: fg(t.Muted),
		Badge:        fg(t.Muted).Italic(!mono),
	}
	if mono {
		// Without colour the focused pane needs another cue: a heavier border.
		s.Pane.Focused = plain.Border(lipgloss.ThickBorder())
		s.Pane.Blurred = plain.Border(border)
	}

	helpKey := fg(t.Accent).Bold(mono)
	helpDesc := fg(t.Muted)
	helpSep := fg(t.Subtle)
	s.Help = help.Styles{
		Ellipsis:       helpSep,
		ShortKey:       helpKey,
		ShortDesc:      helpDesc,
		ShortSeparator: helpSep,
		FullKey:        helpKey,
		FullDesc:       helpDesc,
		FullSeparator:  helpSep,
	}

	s.Status = StatusStyles{
		Bar:     fg(t.Text),
		Info:    fg(t.Info),
		Error:   fg(t.Danger).Bold(true),
		Warning: fg(t.Warning).Bold(mono),
		Meta:    fg(t.Muted),
	}

	s.Verdict = newVerdicts(t, fg)

	s.Trace = TraceStyles{
		Heading:    fg(t.Text).Bold(true),
		Step:       fg(t.Text),
		Leader:     fg(t.Subtle).Faint(mono),
		Match:      fg(t.Success),
		NoMatch:    fg(t.Danger),
		NotReached: fg(t.Muted).Faint(mono),
		Allow:      fg(t.Success).Bold(true),
		Deny:       fg(t.Danger).Bold(true),
		Decision:   fg(t.Text).Bold(true),
		Detail:     fg(t.Muted),
		Note:       fg(t.Warning).Italic(!mono),
	}

	s.Editor = EditorStyles{
		Text:          fg(t.Text),
		LineNumber:    fg(t.Muted).Faint(mono),
		LineNumberCur: fg(t.Text).Bold(true),
		LineNumberErr: fg(t.Danger).Bold(true),
		GutterError:   fg(t.Danger).Bold(true),
		GutterWarning: fg(t.Warning).Bold(true),
		GutterInfo:    fg(t.Info),
		ErrorChar:     fg(t.Danger).Underline(true).Bold(true),
		WarningChar:   fg(t.Warning).Underline(true),
		Overflow:      fg(t.Muted),
		Selection:     plain.Reverse(true),
		MarkDeny:      fg(t.Danger).Bold(true),
		MarkAllow:     fg(t.Success).Bold(true),
		MarkInfo:      fg(t.Info).Italic(!mono),
		Status:        fg(t.Muted),
		StatusError:   fg(t.Danger),
		StatusWarning: fg(t.Warning),
		StatusMeta:    fg(t.Muted).Faint(mono),
	}
	if !mono {
		s.Editor.Selection = plain.Background(t.Select).Foreground(t.Text)
	}
	if mono {
		// Reverse video makes the offending character findable without colour.
		s.Editor.ErrorChar = plain.Underline(true).Bold(true).Reverse(true)
	} else {
		s.Editor.ErrorChar = s.Editor.ErrorChar.UnderlineColor(t.Danger)
	}

	s.Syntax = newSyntax(t, fg)
	s.Markdown = newMarkdown(t, fg)
	return s
}

// colorOr returns c, or NoColor when the palette leaves it unset, because
// lipgloss treats a nil border colour differently from "no colour".
func colorOr(c color.Color) color.Color {
	if c == nil {
		return lipgloss.NoColor{}
	}
	return c
}
