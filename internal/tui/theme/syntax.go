package theme

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// Token is the kind of a run of characters in a highlighted JSON document.
// The editor's tokenizer produces them; the theme decides their looks.
type Token uint8

// The token kinds of JSON (with the comments policy files sometimes carry).
const (
	TokenText    Token = iota // whitespace and anything unclassified
	TokenKey                  // a string followed by a colon
	TokenString               // any other string
	TokenNumber               // a number literal
	TokenKeyword              // true, false, null
	TokenPunct                // { } [ ] , :
	TokenComment              // // … and /* … */
	TokenError                // a character JSON does not allow here
	tokenCount
)

var tokenNames = [tokenCount]string{"Text", "Key", "String", "Number", "Keyword", "Punct", "Comment", "Error"}

func (t Token) String() string {
	if t < tokenCount {
		return tokenNames[t]
	}
	return "Token(?)"
}

// Syntax maps token kinds to styles. It is filled once by NewStyles and
// only read afterwards, so sharing it between goroutines is safe.
type Syntax struct {
	byType [tokenCount]lipgloss.Style
}

// Style returns the style for a token kind; unknown kinds look like text.
func (s Syntax) Style(t Token) lipgloss.Style {
	if t < tokenCount {
		return s.byType[t]
	}
	return s.byType[TokenText]
}

func newSyntax(t Theme, fg func(color.Color) lipgloss.Style) Syntax {
	plain := lipgloss.NewStyle()
	var s Syntax
	if !t.Colorful() {
		// Without colour, structure is carried by weight alone: keys bold,
		// literals plain, mistakes underlined.
		for i := range s.byType {
			s.byType[i] = plain
		}
		s.byType[TokenKey] = plain.Bold(true)
		s.byType[TokenKeyword] = plain.Underline(true)
		s.byType[TokenError] = plain.Underline(true).Bold(true)
		return s
	}
	s.byType = [tokenCount]lipgloss.Style{
		TokenText:    fg(t.Text),
		TokenKey:     fg(t.Key),
		TokenString:  fg(t.String),
		TokenNumber:  fg(t.Number),
		TokenKeyword: fg(t.Keyword),
		TokenPunct:   fg(t.Punct),
		TokenComment: fg(t.Muted).Italic(true),
		TokenError:   fg(t.Danger).Underline(true),
	}
	return s
}
