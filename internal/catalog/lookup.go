package catalog

import (
	"slices"
	"sort"

	"github.com/iamlab/iamlab/internal/arn"
)

// IAM treats service prefixes and action names case-insensitively, and
// the generator sorts them case-insensitively, so every lookup is a
// binary search with an ASCII case fold (all names are ASCII, which the
// generator checks). Searching this way allocates nothing.

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// compareFold compares a and b as if both were lower-cased.
func compareFold(a, b string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		ca, cb := lowerASCII(a[i]), lowerASCII(b[i])
		if ca != cb {
			if ca < cb {
				return -1
			}
			return 1
		}
	}
	switch {
	case len(a) < len(b):
		return -1
	case len(a) > len(b):
		return 1
	}
	return 0
}

// hasPrefixFold reports whether s starts with prefix, ignoring case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && compareFold(s[:len(prefix)], prefix) == 0
}

// Services returns every service, sorted by prefix.
func Services() []*Service {
	return slices.Clone(get().services)
}

// LookupService finds a service by prefix, ignoring case.
func LookupService(prefix string) (*Service, bool) {
	svcs := get().services
	i := sort.Search(len(svcs), func(i int) bool { return compareFold(svcs[i].Prefix, prefix) >= 0 })
	if i < len(svcs) && compareFold(svcs[i].Prefix, prefix) == 0 {
		return svcs[i], true
	}
	return nil, false
}

// Action finds one of the service's actions by name, ignoring case.
func (s *Service) Action(name string) (*Action, bool) {
	i := sort.Search(len(s.Actions), func(i int) bool { return compareFold(s.Actions[i].Name, name) >= 0 })
	if i < len(s.Actions) && compareFold(s.Actions[i].Name, name) == 0 {
		return s.Actions[i], true
	}
	return nil, false
}

// actionsWithPrefix returns the run of actions whose names start with
// prefix (ignoring case); sorting makes it contiguous.
func (s *Service) actionsWithPrefix(prefix string) []*Action {
	lo := sort.Search(len(s.Actions), func(i int) bool { return compareFold(s.Actions[i].Name, prefix) >= 0 })
	hi := lo
	for hi < len(s.Actions) && hasPrefixFold(s.Actions[hi].Name, prefix) {
		hi++
	}
	return s.Actions[lo:hi]
}

// Lookup finds an action from its policy spelling "service:Action",
// ignoring case: "S3:getobject" finds s3:GetObject. Wildcards are not
// interpreted; see Expand.
func Lookup(action string) (*Action, bool) {
	prefix, name, ok := arn.SplitAction(action)
	if !ok {
		return nil, false
	}
	s, ok := LookupService(prefix)
	if !ok {
		return nil, false
	}
	return s.Action(name)
}

// ResourceTypeOf finds a resource type by service prefix and type name,
// both ignoring case.
func ResourceTypeOf(service, name string) (*ResourceType, bool) {
	s, ok := LookupService(service)
	if !ok {
		return nil, false
	}
	return s.ResourceType(name)
}

// ResourceType finds one of the service's resource types by name,
// ignoring case.
func (s *Service) ResourceType(name string) (*ResourceType, bool) {
	rts := s.ResourceTypes
	i := sort.Search(len(rts), func(i int) bool { return compareFold(rts[i].Name, name) >= 0 })
	if i < len(rts) && compareFold(rts[i].Name, name) == 0 {
		return rts[i], true
	}
	return nil, false
}

// RCPSupported reports whether resource control policies apply to the
// service with this prefix (ignoring case). Unknown services report
// false.
func RCPSupported(servicePrefix string) bool {
	s, ok := LookupService(servicePrefix)
	return ok && s.RCPSupported
}
