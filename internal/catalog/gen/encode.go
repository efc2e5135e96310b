package gen

import (
	"sort"
	"strings"

	"github.com/iamlab/iamlab/internal/catalog/internal/wire"
)

// File layout (all integers are unsigned varints; "str" is an index into
// the string table, "list" an index into the list table; list 0 is empty):
//
//	magic    wire.Magic
//	strings  count, count lengths, then all bytes back to back
//	lists    count, then per list: length, str...
//	version  str
//	globals  count, then per key: key str, type str
//	services count, then per service:
//	  prefix str, name str, flags byte (1 = supports RCPs)
//	  condition keys: count, then per key: key str, type str
//	  resource types: count, then per type: name str, ARN templates list, condition keys list
//	  actions: count, then per action: name str, access level byte, condition keys list,
//	           resource refs: count, then per ref: resource type index, required byte, condition keys list
//
// Strings are sorted and lists numbered in first-use order of a walk
// over sorted data, so the output depends only on the input.

// tables numbers the strings and lists the records refer to.
type tables struct {
	strs  map[string]int
	lists map[string]int
	order [][]string // lists in index order
}

type encoder struct {
	wire.Encoder
	*tables
}

func encode(c *catalogue) []byte {
	t := &tables{strs: make(map[string]int), lists: map[string]int{"": 0}, order: [][]string{nil}}

	// A throw-away pass discovers every string and list; strings can
	// only be numbered in sorted order once all are known.
	(&encoder{tables: t}).catalogue(c)
	strs := make([]string, 0, len(t.strs))
	for s := range t.strs {
		strs = append(strs, s)
	}
	sort.Strings(strs)
	for i, s := range strs {
		t.strs[s] = i
	}

	e := &encoder{tables: t}
	e.Raw(wire.Magic)
	e.Uint(len(strs))
	for _, s := range strs {
		e.Uint(len(s))
	}
	for _, s := range strs {
		e.Raw(s)
	}
	e.Uint(len(t.order))
	for _, l := range t.order {
		e.Uint(len(l))
		for _, s := range l {
			e.Uint(t.strs[s])
		}
	}
	e.catalogue(c)
	return e.Bytes()
}

func (e *encoder) str(s string) {
	if _, ok := e.strs[s]; !ok {
		e.strs[s] = len(e.strs)
	}
	e.Uint(e.strs[s])
}

func (e *encoder) list(l []string) {
	for _, s := range l {
		if _, ok := e.strs[s]; !ok {
			e.strs[s] = len(e.strs)
		}
	}
	key := ""
	if len(l) > 0 {
		// The leading byte keeps [""] apart from the empty list.
		key = "\x01" + strings.Join(l, "\x00")
	}
	i, ok := e.lists[key]
	if !ok {
		i = len(e.order)
		e.lists[key] = i
		e.order = append(e.order, l)
	}
	e.Uint(i)
}

func (e *encoder) catalogue(c *catalogue) {
	e.str(c.version)
	e.Uint(len(c.globals))
	for _, g := range c.globals {
		e.str(g.key)
		e.str(g.typ)
	}
	e.Uint(len(c.services))
	for _, s := range c.services {
		e.str(s.prefix)
		e.str(s.name)
		var flags byte
		if s.rcp {
			flags |= 1
		}
		e.Byte(flags)
		e.Uint(len(s.condKeys))
		for _, k := range s.condKeys {
			e.str(k.key)
			e.str(k.typ)
		}
		e.Uint(len(s.resTypes))
		for _, rt := range s.resTypes {
			e.str(rt.name)
			e.list(rt.arns)
			e.list(rt.condKeys)
		}
		e.Uint(len(s.actions))
		for _, a := range s.actions {
			e.str(a.name)
			e.Byte(a.level)
			e.list(a.condKeys)
			e.Uint(len(a.refs))
			for _, r := range a.refs {
				e.Uint(r.resType)
				if r.required {
					e.Byte(1)
				} else {
					e.Byte(0)
				}
				e.list(r.condKeys)
			}
		}
	}
}
