package eval

import (
	"slices"
	"strings"
)

// ContextValue is the value of one request context key. Multi marks a
// multivalued key (a list in the request), even when it holds one value or
// none: set operators and single-valued operators treat the two differently.
type ContextValue struct {
	Values []string `json:"values"`
	Multi  bool     `json:"multi,omitempty"`
}

// Context holds the request context keys. Key names are case-insensitive, as
// in AWS; the name first written is kept for display.
type Context struct {
	m map[string]contextEntry
}

type contextEntry struct {
	name string
	val  ContextValue
}

// Set stores a single-valued key.
func (c *Context) Set(key, value string) {
	c.put(key, ContextValue{Values: []string{value}})
}

// SetList stores a multivalued key.
func (c *Context) SetList(key string, values []string) {
	c.put(key, ContextValue{Values: append([]string(nil), values...), Multi: true})
}

func (c *Context) put(key string, v ContextValue) {
	if c.m == nil {
		c.m = make(map[string]contextEntry, 8)
	}
	c.m[strings.ToLower(key)] = contextEntry{name: key, val: v}
}

// Get looks a key up, ignoring case.
func (c *Context) Get(key string) (ContextValue, bool) {
	return c.getLower(strings.ToLower(key))
}

func (c *Context) getLower(lkey string) (ContextValue, bool) {
	if c == nil || c.m == nil {
		return ContextValue{}, false
	}
	e, ok := c.m[lkey]
	return e.val, ok
}

// ContextEntry is one key of a context, for display.
type ContextEntry struct {
	Key     string       `json:"key"`
	Value   ContextValue `json:"value"`
	Derived bool         `json:"derived,omitempty"` // filled in by the engine, not passed by the caller
}

// Entries lists the keys sorted by name.
func (c *Context) Entries() []ContextEntry { return c.entries(0) }

// entries is Entries with room for extra more.
func (c *Context) entries(extra int) []ContextEntry {
	if c == nil {
		return nil
	}
	// The map's keys are the lower-cased names: sorting them orders the
	// entries without lower-casing inside the comparator.
	keys := make([]string, 0, len(c.m))
	for k := range c.m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([]ContextEntry, len(keys), len(keys)+extra)
	for i, k := range keys {
		e := c.m[k]
		out[i] = ContextEntry{Key: e.name, Value: e.val}
	}
	return out
}

// Clone copies the context so a caller can vary it without touching the original.
func (c *Context) Clone() Context {
	var out Context
	if c == nil || c.m == nil {
		return out
	}
	out.m = make(map[string]contextEntry, len(c.m))
	for k, v := range c.m {
		v.val.Values = append([]string(nil), v.val.Values...)
		out.m[k] = v
	}
	return out
}
