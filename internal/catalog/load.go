package catalog

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/iamlab/iamlab/internal/catalog/internal/wire"
)

//go:embed catalog.bin.gz
var embedded []byte

// data is everything decoded from the embedded file.
type data struct {
	version  string
	services []*Service // sorted by prefix
	rcp      []string   // sorted prefixes of services with RCP support
	globals  []condKey  // global keys, sorted case-insensitively
	actions  int        // total number of actions
}

type condKey struct{ key, typ string }

var (
	loadOnce sync.Once
	loaded   *data
)

// get decodes the embedded catalogue on first use. Most iamlab commands
// never need it, so paying the decode at start-up would be waste.
func get() *data {
	loadOnce.Do(func() {
		d, err := decode(embedded)
		if err != nil {
			// The file is generated and tested; failing here means the
			// binary itself is broken, which no caller can recover from.
			panic(fmt.Sprintf("catalog: %v", err))
		}
		loaded = d
	})
	return loaded
}

func decode(gz []byte) (*data, error) {
	raw, err := wire.Decompress(gz)
	if err != nil {
		return nil, err
	}
	if len(raw) < len(wire.Magic) || string(raw[:len(wire.Magic)]) != wire.Magic {
		return nil, fmt.Errorf("embedded data has the wrong format version; regenerate it")
	}
	r := &reader{Decoder: wire.NewDecoder(raw[len(wire.Magic):])}
	r.stringTable()
	r.listTable()
	d := &data{version: r.str()}
	d.globals = make([]condKey, r.Count())
	for i := range d.globals {
		d.globals[i] = condKey{r.str(), r.str()}
	}
	if r.Err() != nil {
		return nil, r.Err()
	}
	d.services = make([]*Service, r.Count())
	backing := make([]Service, len(d.services))
	for i := range d.services {
		s := &backing[i]
		r.service(s)
		d.services[i] = s
		d.actions += len(s.Actions)
		if s.RCPSupported {
			d.rcp = append(d.rcp, s.Prefix)
		}
		if r.Err() != nil {
			return nil, r.Err()
		}
	}
	if err := r.Finish(); err != nil {
		return nil, err
	}
	return d, nil
}

// reader decodes records, resolving string and list indexes.
type reader struct {
	*wire.Decoder
	strs  []string
	lists [][]string
	refs  []ResourceTypeRef // carved up for actions' ResourceTypes
}

// newRefs returns n zeroed refs. Handing out pieces of a shared block
// replaces some fifteen thousand tiny allocations with a few.
func (r *reader) newRefs(n int) []ResourceTypeRef {
	if n > len(r.refs) {
		r.refs = make([]ResourceTypeRef, max(n, 4096))
	}
	out := r.refs[:n:n]
	r.refs = r.refs[n:]
	return out
}

func (r *reader) stringTable() {
	n := r.Count()
	if r.Err() != nil {
		return
	}
	lens := make([]int, n)
	total := 0
	for i := range lens {
		lens[i] = r.Uint()
		total += lens[i]
	}
	blob := r.Raw(total)
	if r.Err() != nil {
		return
	}
	// One string holds every name and the table slices it, so the
	// strings cost one allocation however many there are.
	all := string(blob)
	r.strs = make([]string, n)
	off := 0
	for i, l := range lens {
		r.strs[i] = all[off : off+l]
		off += l
	}
}

func (r *reader) listTable() {
	n := r.Count()
	if r.Err() != nil {
		return
	}
	r.lists = make([][]string, n)
	var pool []string // lists are carved from shared blocks, as refs are
	for i := range r.lists {
		l := r.Count()
		if r.Err() != nil {
			return
		}
		if l == 0 {
			continue
		}
		if l > len(pool) {
			pool = make([]string, max(l, 4096))
		}
		list := pool[:l:l]
		pool = pool[l:]
		for j := range list {
			list[j] = r.str()
		}
		r.lists[i] = list
	}
}

func (r *reader) str() string {
	i := r.Index(len(r.strs))
	if r.Err() != nil {
		return ""
	}
	return r.strs[i]
}

func (r *reader) list() []string {
	i := r.Index(len(r.lists))
	if r.Err() != nil {
		return nil
	}
	return r.lists[i]
}

func (r *reader) service(s *Service) {
	s.Prefix = r.str()
	s.Name = r.str()
	s.RCPSupported = r.Byte()&1 != 0

	nk := r.Count()
	if r.Err() != nil {
		return
	}
	s.ConditionKeys = make([]string, nk)
	s.keyTypes = make([]string, nk)
	for i := range nk {
		s.ConditionKeys[i] = r.str()
		s.keyTypes[i] = r.str()
	}

	nr := r.Count()
	if r.Err() != nil {
		return
	}
	rts := make([]ResourceType, nr)
	s.ResourceTypes = make([]*ResourceType, nr)
	for i := range rts {
		rt := &rts[i]
		rt.Service = s.Prefix
		rt.Name = r.str()
		rt.ARNTemplates = r.list()
		rt.ConditionKeys = r.list()
		s.ResourceTypes[i] = rt
	}

	na := r.Count()
	if r.Err() != nil {
		return
	}
	acts := make([]Action, na)
	s.Actions = make([]*Action, na)
	for i := range acts {
		a := &acts[i]
		a.Service = s.Prefix
		a.Name = r.str()
		level := int(r.Byte())
		if level >= len(accessLevelCodes) {
			r.Fail()
			return
		}
		a.AccessLevel = accessLevelCodes[level]
		a.ConditionKeys = r.list()
		if nref := r.Count(); nref > 0 && r.Err() == nil {
			a.ResourceTypes = r.newRefs(nref)
			for j := range a.ResourceTypes {
				ref := &a.ResourceTypes[j]
				if k := r.Index(len(rts)); r.Err() == nil {
					ref.Name = rts[k].Name
				}
				ref.Required = r.Byte() != 0
				ref.ConditionKeys = r.list()
			}
		}
		if r.Err() != nil {
			return
		}
		s.Actions[i] = a
	}
}
