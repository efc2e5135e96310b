// Package editor is the policy editor: a multi-line JSON text area for the
// Bubble Tea v2 screens, with syntax highlighting, line numbers, error marks,
// annotations, auto-indent, bracket pairing, undo/redo and an escape hatch to
// $EDITOR.
//
// The parent owns the layout and the real terminal cursor. The editor renders
// a string of exactly the size given to SetSize and reports where its cursor
// is relative to its own top-left corner (Cursor); the parent adds its own
// offset and sets it on the root tea.View. Every change of the text is
// announced with a ChangedMsg so the parent can re-parse and re-evaluate.
//
// Mouse contract: the parent forwards tea.MouseClickMsg and tea.MouseWheelMsg
// with X and Y already translated so that (0, 0) is the editor's top-left
// cell (the first gutter cell of the first visible row).
//
// A Model holds its buffer, history and caches behind pointers, as Bubble
// Tea components usually do: the value returned by Update replaces the old
// one, and copies are not independent editors.
package editor
