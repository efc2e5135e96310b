package catalog

import "strings"

// AppliesTo reports whether a policy Resource pattern can ever name a
// resource the action is authorized against, so that an Allow of the
// action on the pattern can grant anything:
//
//   - "*" (or any run of only '*') names every resource, and fits every
//     action;
//   - an action that lists no resource type supports only "*" in the
//     Service Authorization Reference ("you must specify all resources
//     by using the * wildcard"), so no other pattern fits it;
//   - otherwise the pattern must fit one of the action's resource types
//     (see ResourceType.MatchesPattern): s3:GetObject fits
//     arn:aws:s3:::bucket/* and never arn:aws:s3:::bucket.
//
// https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
func (a *Action) AppliesTo(pattern string) bool { return (*FitCache)(nil).AppliesTo(a, pattern) }

// FitCache remembers which patterns fit which resource types, for callers
// that ask about thousands of actions (NotAction, "s3:*"): most of them
// share a few resource types. The zero value is ready; a nil one caches
// nothing.
type FitCache struct {
	m map[fitKey]bool
}

type fitKey struct {
	rt      *ResourceType
	pattern string
}

// AppliesTo is Action.AppliesTo, remembering each type's answer.
func (c *FitCache) AppliesTo(a *Action, pattern string) bool {
	if pattern != "" && strings.Trim(pattern, "*") == "" {
		return true
	}
	for _, ref := range a.ResourceTypes {
		rt, ok := ResourceTypeOf(a.Service, ref.Name)
		if !ok {
			return true // the catalogue is inconsistent: do not claim a mismatch
		}
		if c.fits(rt, pattern) {
			return true
		}
	}
	return false
}

func (c *FitCache) fits(rt *ResourceType, pattern string) bool {
	if c == nil {
		return rt.MatchesPattern(pattern)
	}
	k := fitKey{rt, pattern}
	ok, seen := c.m[k]
	if !seen {
		if c.m == nil {
			c.m = map[fitKey]bool{}
		}
		ok = rt.MatchesPattern(pattern)
		c.m[k] = ok
	}
	return ok
}

// StarOnly reports whether the action supports only Resource "*".
func (a *Action) StarOnly() bool { return len(a.ResourceTypes) == 0 }
