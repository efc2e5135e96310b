// Package theme is the TUI's one place for colours and styles.
//
// A Theme is a palette: a handful of named colours chosen for a dark or a
// light terminal background, or no colours at all when NO_COLOR is set.
// NewStyles turns a Theme into a Styles struct once; screens read styles from
// it and never call lipgloss.NewStyle in their View paths. The root model
// rebuilds Styles when a tea.BackgroundColorMsg tells it the real background.
//
// Colour is never the only signal: every verdict carries a symbol and a word
// (see Badge), and the no-colour theme falls back to bold, underline, faint
// and reverse video.
package theme

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// Variant says which palette a Theme was built for.
type Variant int

const (
	// VariantDark suits a dark terminal background (the default before the
	// terminal has answered the background colour query).
	VariantDark Variant = iota
	// VariantLight suits a light terminal background.
	VariantLight
	// VariantNoColor honours NO_COLOR: attributes only, no colours.
	VariantNoColor
)

// String names the variant, for logs and tests.
func (v Variant) String() string {
	switch v {
	case VariantLight:
		return "light"
	case VariantNoColor:
		return "no-color"
	default:
		return "dark"
	}
}

// Theme is a palette. A nil colour means "the terminal's default", which is
// what every colour is in the no-colour variant.
type Theme struct {
	Variant Variant

	Text   color.Color // ordinary text
	Muted  color.Color // secondary text, line numbers, hints
	Subtle color.Color // borders of blurred panes, rules
	Accent color.Color // titles, focused borders, key names in help
	Select color.Color // background of the selected row

	Success color.Color // allowed, pass
	Danger  color.Color // explicit deny, fail, errors
	Warning color.Color // implicit deny, warnings
	Info    color.Color // stale results, informational marks

	// JSON token colours.
	Key     color.Color // object keys
	String  color.Color // string values
	Number  color.Color // numbers
	Keyword color.Color // true, false, null
	Punct   color.Color // braces, brackets, commas, colons
}

// Colorful reports whether the theme uses colours at all.
func (t Theme) Colorful() bool { return t.Variant != VariantNoColor }

// Dark is the palette for dark backgrounds.
func Dark() Theme {
	return Theme{
		Variant: VariantDark,
		Text:    lipgloss.Color("#E4E4E7"),
		Muted:   lipgloss.Color("#8B8B96"),
		Subtle:  lipgloss.Color("#4B4B55"),
		Accent:  lipgloss.Color("#7AA2F7"),
		Select:  lipgloss.Color("#2E3448"),
		Success: lipgloss.Color("#73D08A"),
		Danger:  lipgloss.Color("#F7768E"),
		Warning: lipgloss.Color("#E0AF68"),
		Info:    lipgloss.Color("#7DCFFF"),
		Key:     lipgloss.Color("#7AA2F7"),
		String:  lipgloss.Color("#9ECE6A"),
		Number:  lipgloss.Color("#FF9E64"),
		Keyword: lipgloss.Color("#BB9AF7"),
		Punct:   lipgloss.Color("#A9B1D6"),
	}
}

// Light is the palette for light backgrounds: darker, more saturated ink so
// that contrast stays readable on white.
func Light() Theme {
	return Theme{
		Variant: VariantLight,
		Text:    lipgloss.Color("#1F2328"),
		Muted:   lipgloss.Color("#6E7781"),
		Subtle:  lipgloss.Color("#B8BEC6"),
		Accent:  lipgloss.Color("#0550AE"),
		Select:  lipgloss.Color("#DDE6F5"),
		Success: lipgloss.Color("#116329"),
		Danger:  lipgloss.Color("#B3261E"),
		Warning: lipgloss.Color("#8A5300"),
		Info:    lipgloss.Color("#0A6A8A"),
		Key:     lipgloss.Color("#0550AE"),
		String:  lipgloss.Color("#116329"),
		Number:  lipgloss.Color("#953800"),
		Keyword: lipgloss.Color("#6639BA"),
		Punct:   lipgloss.Color("#57606A"),
	}
}

// NoColor is the attribute-only palette used when NO_COLOR is set.
func NoColor() Theme { return Theme{Variant: VariantNoColor} }

// Detect picks the theme for a terminal: no colours when NO_COLOR is set to
// any non-empty value (https://no-color.org), otherwise dark or light. The
// environment is injected so callers and tests need not touch os.Getenv.
func Detect(isDark bool, getenv func(string) string) Theme {
	if getenv != nil && getenv("NO_COLOR") != "" {
		return NoColor()
	}
	if isDark {
		return Dark()
	}
	return Light()
}
