package theme

import (
	"image/color"

	"charm.land/lipgloss/v2"
	"github.com/alecthomas/chroma/v2"
)

// Syntax maps chroma token types to styles. It is filled once by NewStyles
// and only read afterwards, so sharing it between goroutines is safe.
type Syntax struct {
	byType map[chroma.TokenType]lipgloss.Style
	text   lipgloss.Style
}

// Style returns the style for a token type, falling back from the exact type
// to its sub-category (LiteralStringDouble → LiteralString) and category
// (→ Literal), then to plain text.
func (s Syntax) Style(t chroma.TokenType) lipgloss.Style {
	if st, ok := s.byType[t]; ok {
		return st
	}
	if st, ok := s.byType[t.SubCategory()]; ok {
		return st
	}
	if st, ok := s.byType[t.Category()]; ok {
		return st
	}
	return s.text
}

func newSyntax(t Theme, fg func(color.Color) lipgloss.Style) Syntax {
	plain := lipgloss.NewStyle()
	if !t.Colorful() {
		// Without colour, structure is carried by weight alone: keys bold,
		// literals plain, mistakes underlined.
		return Syntax{
			text: plain,
			byType: map[chroma.TokenType]lipgloss.Style{
				chroma.NameTag:         plain.Bold(true),
				chroma.KeywordConstant: plain.Underline(true),
				chroma.Error:           plain.Underline(true).Bold(true),
			},
		}
	}
	return Syntax{
		text: fg(t.Text),
		byType: map[chroma.TokenType]lipgloss.Style{
			chroma.NameTag:         fg(t.Key),
			chroma.LiteralString:   fg(t.String),
			chroma.LiteralNumber:   fg(t.Number),
			chroma.Keyword:         fg(t.Keyword),
			chroma.KeywordConstant: fg(t.Keyword),
			chroma.Punctuation:     fg(t.Punct),
			chroma.Comment:         fg(t.Muted).Italic(true),
			chroma.Error:           fg(t.Danger).Underline(true),
		},
	}
}
