package theme

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// Badge is a verdict drawn as symbol, word and style, so that the symbol and
// the word still carry the meaning when colour is missing or unseen.
type Badge struct {
	Symbol string // "✓"
	Word   string // "allowed"
	Style  lipgloss.Style
}

// Render draws "✓ allowed" in the badge's style.
func (b Badge) Render() string { return b.Style.Render(b.Symbol + " " + b.Word) }

// RenderSymbol draws only the symbol, for narrow columns.
func (b Badge) RenderSymbol() string { return b.Style.Render(b.Symbol) }

// String is the unstyled "✓ allowed", for logs, tests and plain output.
func (b Badge) String() string { return b.Symbol + " " + b.Word }

// Verdicts are the outcomes a check or a decision can show. The words are
// the engine's decision names, the ones the trace and the exam use.
type Verdicts struct {
	Allowed      Badge // ✓ allowed
	ExplicitDeny Badge // ✗ explicitDeny
	ImplicitDeny Badge // ○ implicitDeny
	Stale        Badge // ◌ stale: the result predates the current text
	Pass         Badge // ✓ pass
	Fail         Badge // ✗ fail
}

func newVerdicts(t Theme, fg func(color.Color) lipgloss.Style) Verdicts {
	mono := !t.Colorful()
	return Verdicts{
		Allowed:      Badge{"✓", "allowed", fg(t.Success).Bold(mono)},
		ExplicitDeny: Badge{"✗", "explicitDeny", fg(t.Danger).Bold(true)},
		ImplicitDeny: Badge{"○", "implicitDeny", fg(t.Warning)},
		Stale:        Badge{"◌", "stale", fg(t.Muted).Faint(true)},
		Pass:         Badge{"✓", "pass", fg(t.Success).Bold(mono)},
		Fail:         Badge{"✗", "fail", fg(t.Danger).Bold(true)},
	}
}
