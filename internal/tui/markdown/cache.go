package markdown

import (
	"sync"

	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/tui/theme"
)

// Cache keeps renderings per caller-chosen key, width and palette. A
// screen makes one (the zero value is ready), asks it for lines with Get
// in Update or Peek in View, and passes every RenderedMsg to Handle.
// Only Update writes to it; the lock guards tests that read concurrently.
type Cache struct {
	// Flush drops the two-cell left margin and cuts lines to the
	// width, for screens whose Markdown lines up with other text.
	Flush bool

	mu      sync.Mutex
	done    map[cacheKey]entry
	pending map[cacheKey]entry // the source being rendered and its plain fallback
}

type cacheKey struct {
	key     string
	width   int
	variant theme.Variant
}

type entry struct {
	src   string
	lines []string
}

// RenderedMsg carries a rendering back to the Cache that asked for it.
type RenderedMsg struct {
	owner *Cache
	key   cacheKey
	src   string
	lines []string
}

// Get returns the rendered lines for src under key at the width and
// palette if they are ready, else the plain fallback and, unless a
// rendering is already under way, the command that renders src.
func (c *Cache) Get(key, src string, width int, v theme.Variant) ([]string, tea.Cmd) {
	k := cacheKey{key, width, v}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.done[k]; ok && e.src == src {
		return e.lines, nil
	}
	// Until the rendering arrives every frame asks again: the fallback is
	// kept with the pending source rather than wrapped each time.
	if p, busy := c.pending[k]; busy && p.src == src {
		return p.lines, nil
	}
	plain := Plain(src, width)
	if c.pending == nil {
		c.pending = map[cacheKey]entry{}
	}
	c.pending[k] = entry{src: src, lines: plain}
	flushed := c.Flush
	return plain, func() tea.Msg {
		lines := Render(src, width, v)
		if flushed {
			lines = flush(lines, width)
		}
		return RenderedMsg{owner: c, key: k, src: src, lines: lines}
	}
}

// Peek returns the rendered lines if they are ready (ok), else the plain
// fallback. It starts nothing, so View may call it.
func (c *Cache) Peek(key, src string, width int, v theme.Variant) (lines []string, ok bool) {
	c.mu.Lock()
	e, ok := c.done[cacheKey{key, width, v}]
	c.mu.Unlock()
	if ok && e.src == src {
		return e.lines, true
	}
	return Plain(src, width), false
}

// Handle stores msg if it is a rendering this cache is waiting for and
// reports whether it did; the caller then refreshes what shows it. Other
// messages, renderings for another cache and renderings of a source
// replaced since are ignored.
func (c *Cache) Handle(msg tea.Msg) bool {
	m, ok := msg.(RenderedMsg)
	if !ok || m.owner != c {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if p, busy := c.pending[m.key]; !busy || p.src != m.src {
		return false
	}
	delete(c.pending, m.key)
	if c.done == nil {
		c.done = map[cacheKey]entry{}
	}
	c.done[m.key] = entry{src: m.src, lines: m.lines}
	return true
}
