// Package scroll is the one vertical scroller of the TUI: a window of a
// given height over a text of some number of lines, moved by the shared
// navigation keys and the mouse wheel. Every pane that scrolls (the trace,
// a lesson, a quiz item, the progress report, the scenario's briefing and
// result) uses it, so a key or a wheel notch moves the same distance
// everywhere.
//
// A Window holds no lines: the owner keeps its lines (rendered once) and
// passes their count, so the window never goes stale when they change.
package scroll

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/tui/nav"
)

// WheelStep is how many lines one notch of the wheel scrolls.
const WheelStep = 3

// Wheel is the lines a wheel message scrolls: negative up, positive down,
// 0 for a sideways notch.
func Wheel(msg tea.MouseWheelMsg) int {
	switch msg.Button {
	case tea.MouseWheelUp:
		return -WheelStep
	case tea.MouseWheelDown:
		return WheelStep
	}
	return 0
}

// Window is Height lines of a text, starting at line Off.
type Window struct {
	Off    int
	Height int
}

// Max is the last offset that still fills the window from n lines.
func (w Window) Max(n int) int { return max(0, n-w.Height) }

// Clamp keeps the window inside n lines.
func (w *Window) Clamp(n int) { w.Off = min(max(0, w.Off), w.Max(n)) }

// By scrolls d lines (up when negative) within n lines.
func (w *Window) By(d, n int) {
	w.Off += d
	w.Clamp(n)
}

// Page is how far a page key scrolls: a window less one line, so the last
// line read stays in view.
func (w Window) Page() int { return max(1, w.Height-1) }

// Top scrolls to the first line.
func (w *Window) Top() { w.Off = 0 }

// Bottom scrolls to the end of n lines.
func (w *Window) Bottom(n int) { w.Off = w.Max(n) }

// Reveal scrolls just enough to bring line into view, with margin lines of
// context beyond it when it had to move; a negative line (none) only keeps
// the window inside n lines.
func (w *Window) Reveal(line, margin, n int) {
	if line < 0 {
		w.Clamp(n)
		return
	}
	if line < w.Off {
		w.Off = line - margin
	}
	if line >= w.Off+w.Height {
		w.Off = line - w.Height + 1 + margin
	}
	w.Clamp(n)
}

// Key scrolls by a navigation key (a line, a page, to either end) within n
// lines and reports whether msg was one.
func (w *Window) Key(msg tea.KeyPressMsg, k nav.Keys, n int) bool {
	switch {
	case key.Matches(msg, k.Up):
		w.By(-1, n)
	case key.Matches(msg, k.Down):
		w.By(1, n)
	case key.Matches(msg, k.PageUp):
		w.By(-w.Page(), n)
	case key.Matches(msg, k.PageDown):
		w.By(w.Page(), n)
	case key.Matches(msg, k.Top):
		w.Top()
	case key.Matches(msg, k.Bottom):
		w.Bottom(n)
	default:
		return false
	}
	return true
}

// Update scrolls by a navigation key or the wheel within n lines and
// reports whether msg was one of them.
func (w *Window) Update(msg tea.Msg, k nav.Keys, n int) bool {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return w.Key(msg, k, n)
	case tea.MouseWheelMsg:
		if d := Wheel(msg); d != 0 {
			w.By(d, n)
			return true
		}
	}
	return false
}

// Visible is the part of lines in the window, as many as there are.
func (w Window) Visible(lines []string) []string {
	end := min(len(lines), w.Off+w.Height)
	if w.Off < 0 || w.Off >= end {
		return nil
	}
	return lines[w.Off:end]
}

// Fill is the window over lines padded with empty lines to its height.
func (w Window) Fill(lines []string) []string {
	out := make([]string, 0, max(0, w.Height))
	out = append(out, w.Visible(lines)...)
	for len(out) < w.Height {
		out = append(out, "")
	}
	return out
}

// Percent is how far down n lines the window is, 100 when all fit.
func (w Window) Percent(n int) int {
	if n <= w.Height {
		return 100
	}
	return w.Off * 100 / (n - w.Height)
}

// AtTop and AtEnd say whether there is nothing more above or below.
func (w Window) AtTop() bool      { return w.Off <= 0 }
func (w Window) AtEnd(n int) bool { return w.Off >= w.Max(n) }
