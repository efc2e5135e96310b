package catalog

import (
	"strings"

	"github.com/iamlab/iamlab/internal/wildcard"
)

// Expand returns the actions an IAM Action pattern matches. '*' matches
// any run of characters and '?' exactly one, in the service prefix and
// in the action name alike, ignoring case, as IAM does: "*" is every
// action, and "s3:Get*", "*:Describe*" and "s3:?etObject" work as in a
// policy. The result is sorted by service prefix, then action name, and
// is empty (nil) when nothing matches.
func Expand(pattern string) []*Action {
	d := get()
	svcPat, actPat, ok := strings.Cut(pattern, ":")
	if !ok || strings.Contains(actPat, ":") {
		// A pattern with no colon (like "*") or several is matched
		// against the whole "service:Action" string, which is what IAM
		// does; splitting is only a shortcut for the common case.
		return expandWhole(d, pattern)
	}

	var out []*Action
	// Only actions starting with the literal head of the pattern can
	// match; binary search finds them without scanning the service.
	head := wildcard.LiteralPrefix(actPat)
	rest := wildcard.Compile(actPat[len(head):])
	add := func(s *Service) {
		for _, a := range s.actionsWithPrefix(head) {
			if rest.MatchFold(a.Name[len(head):]) {
				out = append(out, a)
			}
		}
	}
	if !wildcard.HasWildcard(svcPat) {
		if s, ok := LookupService(svcPat); ok {
			add(s)
		}
		return out
	}
	svc := wildcard.Compile(svcPat)
	for _, s := range d.services {
		if svc.MatchFold(s.Prefix) {
			add(s)
		}
	}
	return out
}

func expandWhole(d *data, pattern string) []*Action {
	if pattern != "" && strings.Trim(pattern, "*") == "" {
		out := make([]*Action, 0, d.actions)
		for _, s := range d.services {
			out = append(out, s.Actions...)
		}
		return out
	}
	var out []*Action
	var buf []byte
	p := wildcard.Compile(pattern)
	for _, s := range d.services {
		for _, a := range s.Actions {
			buf = append(append(append(buf[:0], s.Prefix...), ':'), a.Name...)
			if p.MatchFold(string(buf)) {
				out = append(out, a)
			}
		}
	}
	return out
}
