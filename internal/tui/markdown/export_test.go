package markdown

import "github.com/iamlab/iamlab/internal/tui/theme"

// Exported for the external tests, which read the embedded content
// through packages that import this one.
var (
	RenderGoldmark = func(src string, width int, v theme.Variant) []string { return gmRender(src, width, v) }
	RenderBlocks   = render
)
