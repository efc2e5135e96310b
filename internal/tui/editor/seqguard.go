package editor

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	uv "github.com/charmbracelet/ultraviolet"
)

// SeqGuard keeps the tail of a cut escape sequence from being typed. When a
// terminal's report (a mouse event, most often) is split between two reads,
// the terminal library gives up on the head after a pause and reports it as
// unknown, then hands on the rest — "5;999999999M" — as ordinary key
// presses. After an unknown head, SeqGuard drops the keys that can continue
// that kind of sequence, up to and including the one that ends it; any
// other key ends the guard and goes through.
//
// The root applies it before any screen sees a key, and the editor applies
// it too, for programs that hand it raw messages.
type SeqGuard struct {
	mode    seqMode
	dropped int
}

type seqMode int

const (
	seqNone   seqMode = iota
	seqCSI            // ESC [ params… final
	seqString         // OSC, DCS, APC…: text until BEL or ESC \
	seqX10            // ESC [ M and three raw bytes
	seqST             // a string's ESC came: its \ may follow
)

// maxTail bounds what one cut sequence may swallow.
const maxTail = 64

// Drop reports whether msg belongs to a cut sequence and must be dropped;
// an unknown-sequence message itself is always dropped.
func (g *SeqGuard) Drop(msg tea.Msg) bool {
	switch msg := msg.(type) {
	case uv.UnknownEvent:
		g.start(string(msg))
		return true
	case uv.UnknownCsiEvent:
		g.start(string(msg))
		return true
	case uv.UnknownOscEvent, uv.UnknownDcsEvent, uv.UnknownApcEvent, uv.UnknownSosEvent, uv.UnknownPmEvent, uv.UnknownSs3Event:
		// Reported whole: nothing of them follows as keys.
		g.mode = seqNone
		return true
	case tea.KeyPressMsg:
		if g.mode == seqNone {
			return false
		}
		if g.dropped++; g.dropped > maxTail {
			g.mode = seqNone
			return false
		}
		return g.continues(msg)
	}
	return false
}

func (g *SeqGuard) start(head string) {
	g.mode, g.dropped = seqNone, 0
	switch {
	case head == "\x1b[M":
		g.mode = seqX10
	case strings.HasPrefix(head, "\x1b["):
		if last := head[len(head)-1]; len(head) == 2 || last < 0x40 || last > 0x7e {
			g.mode = seqCSI
		}
	case len(head) >= 2 && strings.ContainsRune("]P_^X", rune(head[1])):
		if !strings.HasSuffix(head, "\x07") && !strings.HasSuffix(head, "\x1b\\") {
			g.mode = seqString
		}
	}
}

// continues decides one key of the tail.
func (g *SeqGuard) continues(k tea.KeyPressMsg) bool {
	text := k.Text
	switch g.mode {
	case seqX10:
		// Three raw bytes: whatever keys they decoded to.
		if g.dropped >= 3 {
			g.mode = seqNone
		}
		return true
	case seqString:
		switch {
		case k.String() == "ctrl+g" || k.String() == "alt+\\":
			g.mode = seqNone // BEL or ESC \ ends it
			return true
		case k.String() == "esc":
			g.mode = seqST
			return true
		case text != "":
			return true
		}
	case seqST:
		g.mode = seqNone
		return text == "\\"
	case seqCSI:
		if len(text) == 1 {
			switch c := text[0]; {
			case c >= 0x20 && c <= 0x3f:
				return true
			case c >= 0x40 && c <= 0x7e:
				g.mode = seqNone
				return true
			}
		}
	}
	g.mode = seqNone
	return false
}
