package lint

import (
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/iamlab/iamlab/internal/catalog"
	"github.com/iamlab/iamlab/internal/eval"
)

// Grants is what a policy's statements cover, expanded through the
// catalogue: the answer to "how much is s3:* really?". Resources and
// conditions still narrow each statement; the report shows them but does
// not try to evaluate them.
type Grants struct {
	Type       string            `json:"type"`
	Catalogue  int               `json:"catalogueActions"` // every action the catalogue knows
	Statements []StatementGrants `json:"statements"`
	// Allowed is the union of the Allow statements.
	Allowed ActionSet `json:"allowed"`
	// Denied is the union of the Deny statements.
	Denied ActionSet `json:"denied"`
	// Net is Allowed without what Deny statements remove outright: those
	// with no Condition that cover every resource.
	Net ActionSet `json:"net"`
}

// StatementGrants is one statement's expansion.
type StatementGrants struct {
	Index       int      `json:"index"` // 0-based
	Sid         string   `json:"sid,omitempty"`
	Pos         eval.Pos `json:"pos"`
	Effect      string   `json:"effect"`
	NotAction   bool     `json:"notAction,omitempty"`
	Patterns    []string `json:"patterns"`
	Resources   []string `json:"resources,omitempty"`
	NotResource bool     `json:"notResource,omitempty"`
	Conditional bool     `json:"conditional,omitempty"`
	// Unmatched are patterns that match no catalogue action.
	Unmatched []string `json:"unmatched,omitempty"`
	// Inapplicable are actions the statement names that no listed
	// Resource can apply to (lint's resource-mismatch and
	// star-only-action): they grant, or deny, nothing here, and are left
	// out of Actions.
	Inapplicable []string  `json:"inapplicable,omitempty"`
	Actions      ActionSet `json:"actions"`
}

// Label names the statement as the engine's trace does.
func (s StatementGrants) Label() string {
	if s.Sid != "" {
		return "\"" + s.Sid + "\""
	}
	return "#" + strconv.Itoa(s.Index+1)
}

// ActionSet is a set of actions grouped by service, then access level.
type ActionSet struct {
	Count    int             `json:"count"`
	Services []ServiceGrants `json:"services"`
}

// ServiceGrants is the part of a set in one service.
type ServiceGrants struct {
	Prefix string        `json:"prefix"`
	Name   string        `json:"name"`
	Count  int           `json:"count"`
	Total  int           `json:"total"` // the service's actions in the catalogue
	Levels []LevelGrants `json:"levels"`
}

// LevelGrants is the part of a service's set at one access level.
type LevelGrants struct {
	Level   catalog.AccessLevel `json:"level"`
	Count   int                 `json:"count"`
	Actions []string            `json:"actions"` // names without the prefix, sorted
}

// levelOrder puts the least powerful level first, as AWS's console does.
var levelOrder = []catalog.AccessLevel{catalog.List, catalog.Read, catalog.Write, catalog.PermissionsManagement, catalog.Tagging}

// GrantsOf expands a compiled policy.
func GrantsOf(p *eval.Policy) *Grants {
	// Only NotAction needs the whole catalogue; expanding it costs more
	// than the rest of a policy together.
	all := sync.OnceValue(func() []*catalog.Action { return catalog.Expand("*") })
	g := &Grants{Type: p.Type.String(), Catalogue: catalog.ActionCount()}
	allowed := map[*catalog.Action]bool{}
	denied := map[*catalog.Action]bool{}
	removed := map[*catalog.Action]bool{}
	expand := cachedExpand()
	for _, s := range p.Statements {
		sg, set := statementGrants(s, expand, all)
		g.Statements = append(g.Statements, sg)
		dst := allowed
		if s.Effect == eval.Deny {
			dst = denied
		}
		for a := range set {
			dst[a] = true
			if s.Effect == eval.Deny && removesEverywhere(s) {
				removed[a] = true
			}
		}
	}
	g.Allowed = group(allowed)
	g.Denied = group(denied)
	for a := range removed {
		delete(allowed, a)
	}
	g.Net = group(allowed)
	return g
}

func statementGrants(s *eval.Statement, expand func(string) []*catalog.Action, all func() []*catalog.Action) (StatementGrants, map[*catalog.Action]bool) {
	sg := StatementGrants{
		Index: s.Index, Sid: s.Sid, Pos: s.Pos, Effect: s.Effect.String(),
		NotAction: s.NotAction, NotResource: s.NotResource, Conditional: len(s.Conditions) > 0,
	}
	for _, r := range s.Resources {
		sg.Resources = append(sg.Resources, r.Text)
	}
	matched := map[*catalog.Action]bool{}
	for _, a := range s.Actions {
		sg.Patterns = append(sg.Patterns, a.Text)
		acts := expand(a.Text)
		if len(acts) == 0 {
			sg.Unmatched = append(sg.Unmatched, a.Text)
		}
		for _, act := range acts {
			matched[act] = true
		}
	}
	if !s.NotAction {
		for act := range matched {
			if !appliesToAny(act, s) {
				delete(matched, act)
				sg.Inapplicable = append(sg.Inapplicable, act.FullName())
			}
		}
		slices.SortFunc(sg.Inapplicable, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
		sg.Actions = group(matched)
		return sg, matched
	}
	// NotAction covers the catalogue's complement of the listed actions.
	everything := all()
	set := make(map[*catalog.Action]bool, len(everything)-len(matched))
	for _, act := range everything {
		if !matched[act] {
			set[act] = true
		}
	}
	sg.Actions = group(set)
	return sg, set
}

// appliesToAny: some Resource of the statement can name a resource the
// action is authorized against (see catalog.Action.AppliesTo). Without a
// Resource element (a resource-side policy: the resource it guards), with
// NotResource, or when a Resource is not a well-formed ARN (malformed-arn
// reports it), nothing is claimed.
func appliesToAny(act *catalog.Action, s *eval.Statement) bool {
	if !s.HasResource || s.NotResource {
		return true
	}
	for _, r := range s.Resources {
		if arnProblem(r.Text) != "" || act.AppliesTo(r.Text) {
			return true
		}
	}
	return false
}

// cachedExpand is catalog.Expand remembering its answers: large policies
// repeat their patterns from statement to statement.
func cachedExpand() func(string) []*catalog.Action {
	seen := map[string][]*catalog.Action{}
	return func(pattern string) []*catalog.Action {
		k := strings.ToLower(pattern)
		acts, ok := seen[k]
		if !ok {
			acts = catalog.Expand(pattern)
			seen[k] = acts
		}
		return acts
	}
}

// removesEverywhere: a Deny with no Condition on every resource takes its
// actions away whatever the request.
func removesEverywhere(s *eval.Statement) bool {
	if len(s.Conditions) > 0 || s.NotResource {
		return false
	}
	return !s.HasResource || anyAllStars(s.Resources)
}

func group(set map[*catalog.Action]bool) ActionSet {
	bySvc := map[string]map[catalog.AccessLevel][]string{}
	for a := range set {
		lv := bySvc[a.Service]
		if lv == nil {
			lv = map[catalog.AccessLevel][]string{}
			bySvc[a.Service] = lv
		}
		lv[a.AccessLevel] = append(lv[a.AccessLevel], a.Name)
	}
	out := ActionSet{Count: len(set)}
	for prefix, levels := range bySvc {
		sg := ServiceGrants{Prefix: prefix}
		if svc, ok := catalog.LookupService(prefix); ok {
			sg.Name, sg.Total = svc.Name, len(svc.Actions)
		}
		order := slices.Clone(levelOrder)
		for l := range levels {
			if !slices.Contains(order, l) {
				order = append(order, l) // a level newer data may add
			}
		}
		for _, l := range order {
			if names := levels[l]; len(names) > 0 {
				slices.SortFunc(names, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
				sg.Levels = append(sg.Levels, LevelGrants{Level: l, Count: len(names), Actions: names})
				sg.Count += len(names)
			}
		}
		out.Services = append(out.Services, sg)
	}
	slices.SortFunc(out.Services, func(a, b ServiceGrants) int { return strings.Compare(a.Prefix, b.Prefix) })
	return out
}
