package theme

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// MarkdownStyles are the looks of rendered Markdown: briefings, lessons
// and quiz explanations. Body text is left unstyled so that it takes the
// terminal's own colour.
type MarkdownStyles struct {
	Title     lipgloss.Style // a level-1 heading
	Heading   lipgloss.Style // level 2
	Subhead   lipgloss.Style // level 3 and below
	Strong    lipgloss.Style
	Emph      lipgloss.Style
	Code      lipgloss.Style // code spans and blocks
	Link      lipgloss.Style
	Marker    lipgloss.Style // list bullets and numbers
	Rule      lipgloss.Style // thematic breaks, table borders, quote bars
	Quote     lipgloss.Style // the text of a block quote
	TableHead lipgloss.Style
}

func newMarkdown(t Theme, fg func(color.Color) lipgloss.Style) MarkdownStyles {
	plain := lipgloss.NewStyle()
	if !t.Colorful() {
		// NO_COLOR forbids colour, not weight: structure is bold,
		// underlined or italic.
		return MarkdownStyles{
			Title:     plain.Bold(true).Underline(true),
			Heading:   plain.Bold(true),
			Subhead:   plain.Bold(true),
			Strong:    plain.Bold(true),
			Emph:      plain.Italic(true),
			Code:      plain,
			Link:      plain.Underline(true),
			Marker:    plain,
			Rule:      plain,
			Quote:     plain.Italic(true),
			TableHead: plain.Bold(true),
		}
	}
	return MarkdownStyles{
		Title:     fg(t.Accent).Bold(true).Underline(true),
		Heading:   fg(t.Accent).Bold(true),
		Subhead:   fg(t.Key).Bold(true),
		Strong:    plain.Bold(true),
		Emph:      plain.Italic(true),
		Code:      fg(t.String),
		Link:      fg(t.Info).Underline(true),
		Marker:    fg(t.Accent),
		Rule:      fg(t.Subtle),
		Quote:     fg(t.Muted).Italic(true),
		TableHead: plain.Bold(true),
	}
}
