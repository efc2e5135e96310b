// Package editor is the policy editor: a multi-line JSON text area for the
// Bubble Tea v2 screens, with syntax highlighting, line numbers, error marks,
// annotations, auto-indent, bracket pairing, undo/redo and an escape hatch to
// $EDITOR.
//
// # Embedding
//
// The parent owns the layout and the real terminal cursor:
//
//	ed := editor.New(styles)          // *theme.Styles; rebuild with SetStyles
//	ed.SetSize(w, h)                  // whole component, status line included
//	ed.SetValue(doc)                  // resets undo; sends no ChangedMsg
//	ed.Focus()
//
//	// Update: forward keys and paste only while the editor has focus (a
//	// blurred editor ignores them anyway), mouse events translated to
//	// editor-relative cells, and ExternalEditedMsg.
//	ed, cmd = ed.Update(msg)
//
//	// On editor.ChangedMsg: re-parse and re-evaluate msg.Value, unless
//	// msg.Version is older than the last one handled (commands run
//	// concurrently, so ChangedMsgs can arrive out of order). Then:
//	ed.SetDiagnostics(diags)          // 1-based line and column in runes
//	ed.SetMarks([]editor.Mark{{Line: 7, Text: "◀ DENY", Kind: editor.MarkDeny}})
//
//	// View: place ed.View() at (x0, y0) and offset its cursor.
//	if c := ed.Cursor(); c != nil {
//		c.X += x0
//		c.Y += y0
//		view.Cursor = c
//	}
//
// View returns exactly the size given to SetSize: the visible lines with
// the gutter, then one status line (SetShowStatus(false) removes it). Only
// the visible lines are rendered, from caches keyed by line content.
//
// Mouse contract: the parent forwards tea.MouseClickMsg and tea.MouseWheelMsg
// with X and Y translated so that (0, 0) is the editor's top-left cell (the
// first gutter cell of the first visible row). A click in the text places the
// cursor, in the gutter goes to the line's start; the wheel scrolls and drags
// the cursor along so it stays visible. Clicks are honoured even when
// blurred: focusing on click is the parent's decision.
//
// Keys come from the exported KeyMap (DefaultKeyMap); the editor implements
// help.KeyMap so the footer can show its bindings while it has focus. The
// External binding (ctrl+o) returns OpenExternal's command.
//
// A Model holds its buffer, history and caches behind pointers, as Bubble
// Tea components usually do: the value returned by Update replaces the old
// one, and copies are not independent editors.
package editor
