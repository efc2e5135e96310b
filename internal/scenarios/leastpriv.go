package scenarios

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/iamlab/iamlab/internal/arn"
	"github.com/iamlab/iamlab/internal/catalog"
	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/sandbox"
	"github.com/iamlab/iamlab/internal/wildcard"
)

// The least-privilege measure, in one place (docs/authoring.md explains it
// to authors and the result screen to learners).
//
// A policy's grants are the (action, resource pattern) pairs of its Allow
// statements that can apply: the pattern must fit one of the action's
// resource types in the catalogue, and an action that supports only "*"
// counts only on "*" (catalog.Action.AppliesTo). A pair that can never
// apply grants nothing, so it costs nothing: s3:GetObject on a bucket ARN
// is a mistake the linter reports, not a privilege.
//
// Breadth weighs what the pairs open, action by action, on a coarse
// ladder of scopes:
//
//	1  one named resource          arn:aws:s3:::acme-reports
//	2  a path inside one resource  arn:aws:s3:::acme-reports/*
//	5  many resources by name      arn:aws:s3:::acme-*, table/*, role/*
//	10 everything                  "*", NotResource, or a pattern that matches
//	                               every ARN of one of the action's resource
//	                               types (arn:*, arn:aws:s3:::*/* for GetObject)
//
// An action's breadth is the widest scope it reaches, with narrower grants
// adding up beneath it but never past the next rung: two exact ARNs in one
// bucket weigh what the bucket's path wildcard weighs (2), any number of
// named resources at most what a name wildcard weighs (5), and "*" is 10
// whatever else is granted. That saturation is what makes the measure
// monotone: widening a pattern, or adding one, never lowers breadth, and
// granting the same thing twice never raises it. An action that supports
// only "*" reaches one account-wide operation: 1 for a List or Read action
// (s3:ListAllMyBuckets), 5 for anything that writes. The policy's breadth
// is the sum over its actions, so "s3:*" on "*" weighs over a thousand.
const (
	weightExact    = 1
	weightPath     = 2
	weightWideARN  = 5
	weightAnything = 10
)

// lpScale is the excess breadth that halves the least-privilege part of
// the score: one extra action on everything. A leftover worth 1 costs
// under a tenth of it; "s3:*" on "*" costs nearly all of it.
const lpScale = weightAnything

// starSlack is the excess breadth a solve may carry and keep its stars: a
// harmless leftover (one listing action, or one named resource) is
// reported and costs points, but not a star.
const starSlack = weightPath

// Grant is one action an Allow statement grants on one resource pattern.
type Grant struct {
	Action    string `json:"action"`    // "s3:GetObject"
	Resource  string `json:"resource"`  // as written; "*" for NotResource or no Resource element
	Doc       string `json:"doc"`       // the editable document's ID
	Statement string `json:"statement"` // the statement's Sid in quotes, or #n
}

func (g Grant) String() string { return g.Action + " on " + g.Resource }

func (g Grant) pair() string { return g.Action + "\x00" + g.Resource }

// grants lists the pairs the Allow statements of a policy grant that can
// apply, each action expanded through the catalogue (NotAction is the
// complement over the catalogue: everything else, in every service). Deny
// statements are not subtracted: the scenario's checks already test what
// must be denied, and the measure is about how much was granted.
// Conditions do not reduce a grant either; they narrow when, not what.
func grants(doc string, p *eval.Policy) []Grant {
	if p == nil {
		return nil
	}
	var out []Grant
	var fits catalog.FitCache
	for _, st := range p.Statements {
		if st.Effect != eval.Allow {
			continue
		}
		resources := []string{"*"}
		if st.HasResource && !st.NotResource {
			resources = resources[:0]
			for _, r := range st.Resources {
				resources = append(resources, r.Text)
			}
		}
		label := st.Label()
		for _, a := range statementActions(st) {
			act, known := catalog.Lookup(a)
			for _, r := range resources {
				if known && !fits.AppliesTo(act, r) {
					continue // can never apply: grants nothing
				}
				out = append(out, Grant{Action: a, Resource: r, Doc: doc, Statement: label})
			}
		}
	}
	return out
}

// uncounted lists the pairs of Allow statements that can never apply and
// so are left out of the measure, for the result screen to say so. Only
// actions written out are listed: a pattern or NotAction would list
// thousands.
func uncounted(doc string, p *eval.Policy) []Grant {
	if p == nil {
		return nil
	}
	var out []Grant
	for _, st := range p.Statements {
		if st.Effect != eval.Allow || st.NotAction || !st.HasResource || st.NotResource {
			continue
		}
		for _, v := range st.Actions {
			act, ok := catalog.Lookup(v.Text)
			if !ok || wildcard.HasWildcard(v.Text) {
				continue
			}
			for _, r := range st.Resources {
				if !act.AppliesTo(r.Text) {
					out = append(out, Grant{Action: act.FullName(), Resource: r.Text, Doc: doc, Statement: st.Label()})
				}
			}
		}
	}
	return out
}

func statementActions(st *eval.Statement) []string {
	seen := map[string]bool{}
	for _, v := range st.Actions {
		acts := catalog.Expand(v.Text)
		for _, a := range acts {
			seen[a.FullName()] = true
		}
		if len(acts) == 0 && !wildcard.HasWildcard(v.Text) {
			seen[v.Text] = true // unknown to the catalogue: still a grant
		}
	}
	if !st.NotAction {
		return sortedKeys(seen)
	}
	var out []string
	for _, a := range allActions() {
		if !seen[a] {
			out = append(out, a)
		}
	}
	return out
}

var allActions = sync.OnceValue(func() []string {
	var out []string
	for _, a := range catalog.Expand("*") {
		out = append(out, a.FullName())
	}
	return out
})

// Breadth is the measure of a set of grants (see the comment at the top
// of this file). Duplicates, and the statements and documents the grants
// come from, do not matter.
func Breadth(gs []Grant) int {
	byAction := map[string]map[string]bool{}
	for _, g := range gs {
		rs := byAction[g.Action]
		if rs == nil {
			rs = map[string]bool{}
			byAction[g.Action] = rs
		}
		rs[g.Resource] = true
	}
	total := 0
	for a, rs := range byAction {
		total += actionBreadth(a, rs)
	}
	return total
}

// actionBreadth weighs the distinct resource patterns one action is
// granted on.
func actionBreadth(action string, resources map[string]bool) int {
	act, known := catalog.Lookup(action)
	if known && act.StarOnly() {
		// Only "*" applies (grants drops the rest): one account-wide operation.
		if act.AccessLevel == catalog.List || act.AccessLevel == catalog.Read {
			return weightExact
		}
		return weightWideARN
	}
	named := map[string]int{} // resource name → what is granted inside it
	wide := false
	for r := range resources {
		sc, name := scope(r)
		if known && sc == weightWideARN && coversAType(act, r) {
			sc = weightAnything // as wide as "*" for this action: arn:*, arn:aws:s3:::*/*
		}
		switch sc {
		case weightAnything:
			return weightAnything
		case weightWideARN:
			wide = true
		case weightPath:
			named[name] = weightPath
		default:
			named[name] = min(named[name]+weightExact, weightPath)
		}
	}
	if wide {
		return weightWideARN
	}
	sum := 0
	for _, v := range named {
		sum += v
	}
	return min(sum, weightWideARN)
}

// anyName stands for a template's placeholder when testing coverage: only
// a '*' in the pattern can match it (a run of '?' that long is absurd).
var anyName = strings.Repeat("\x00", 64)

// coversAType reports whether the pattern matches every ARN of one of the
// action's resource types, in every account and Region: then it reaches
// what "*" reaches for that action, and weighs the same, so writing
// "arn:*" instead of "*" buys nothing.
func coversAType(act *catalog.Action, pattern string) bool {
	for _, ref := range act.ResourceTypes {
		rt, ok := catalog.ResourceTypeOf(act.Service, ref.Name)
		if !ok {
			continue
		}
		for _, t := range rt.ARNTemplates {
			if wildcard.Match(pattern, fillTemplate(t)) {
				return true
			}
		}
	}
	return false
}

// fillTemplate writes an ARN template with the aws partition and anyName
// for every other placeholder.
func fillTemplate(t string) string {
	var b strings.Builder
	for {
		i := strings.Index(t, "${")
		if i < 0 {
			b.WriteString(t)
			return b.String()
		}
		j := strings.IndexByte(t[i:], '}')
		if j < 0 {
			b.WriteString(t)
			return b.String()
		}
		b.WriteString(t[:i])
		if t[i:i+j+1] == "${Partition}" {
			b.WriteString("aws")
		} else {
			b.WriteString(anyName)
		}
		t = t[i+j+1:]
	}
}

// scope places a resource pattern on the ladder and, below the wide rung,
// names the one resource it stays inside: the ARN up to the end of the
// resource's name (the bucket for S3, otherwise the segment after the
// resource type, as in table/Orders or role/app). A wildcard anywhere up
// to the end of the name reaches many resources; a wildcard only after it
// stays inside one.
func scope(r string) (int, string) {
	if strings.Trim(r, "*") == "" {
		return weightAnything, ""
	}
	parts, ok := arn.Split(r)
	if !ok {
		return weightWideARN, ""
	}
	rest := parts[5]
	// The end of the name: after the first segment for S3 and for
	// single-segment resources, after the second otherwise.
	want := 2
	if parts[2] == "s3" {
		want = 1
	}
	end, seen := len(rest), 0
	for i := 0; i < len(rest); i++ {
		if rest[i] == '/' || rest[i] == ':' {
			if i > 0 {
				seen++
			}
			if seen == want {
				end = i
				break
			}
		}
	}
	head := strings.Join(parts[:5], ":") + ":" + rest[:end]
	name := rest
	if idx := strings.LastIndexAny(rest[:end], "/:"); idx >= 0 {
		name = rest[idx+1 : end]
	} else {
		name = rest[:end]
	}
	if name == "" || wildcard.HasWildcard(head) {
		return weightWideARN, ""
	}
	if wildcard.HasWildcard(r) {
		return weightPath, head
	}
	return weightExact, head
}

// LeastPrivilege compares what a learner's editable documents grant with
// what the reference solution grants (par).
type LeastPrivilege struct {
	Learner int    `json:"learner"`
	Par     int    `json:"par"`
	Verdict string `json:"verdict"` // "under par", "par", "over par by N"
	// Extra are the pairs no accepted solution grants, as text:
	// "s3:PutObject on arn:aws:s3:::acme-reports/*".
	Extra []string `json:"extra,omitempty"`
	// Beyond are the same pairs with where they are written and why they
	// count, for the result screen.
	Beyond []Beyond `json:"-"`
	// WithoutBeyond is the learner's breadth with the pairs beyond
	// removed: what removing them would reach.
	WithoutBeyond int `json:"-"`
	// Uncounted are pairs the learner wrote that can never apply (such as
	// s3:GetObject on a bucket ARN): they grant nothing and cost nothing.
	Uncounted []Grant `json:"-"`
}

// Beyond is one granted pair no accepted solution grants.
type Beyond struct {
	Grant
	Reason string // "the reference grants s3:GetObject only on arn:aws:s3:::acme-app-data/*"
	Cost   int    // how much breadth removing this pair alone takes away
}

// OverPar reports whether the learner granted more than the reference.
func (lp LeastPrivilege) OverPar() bool { return lp.Learner > lp.Par }

// Excess is the breadth over par, 0 at or under it.
func (lp LeastPrivilege) Excess() int { return max(0, lp.Learner-lp.Par) }

// Factor is the share of the least-privilege points kept: 1 at or under
// par, halved by an excess of lpScale.
func (lp LeastPrivilege) Factor() float64 {
	return float64(lpScale) / float64(lpScale+lp.Excess())
}

// measure lists the grants of the editable documents of world w.
func measure(s *Scenario, w *sandbox.World) []Grant {
	var out []Grant
	for _, id := range s.Editable {
		d, ok := w.Document(id)
		if !ok {
			continue
		}
		out = append(out, grants(id, d.Policy)...)
	}
	return out
}

// CompareLeastPrivilege measures the learner's world against the reference
// and the scenario's alternative solutions: par is the reference's
// breadth, and the pairs beyond are counted against whichever accepted
// solution leaves fewest.
func CompareLeastPrivilege(s *Scenario, learner *sandbox.World) LeastPrivilege {
	lg := measure(s, learner)
	lp := LeastPrivilege{Learner: Breadth(lg)}
	for _, id := range s.Editable {
		if d, ok := learner.Document(id); ok {
			lp.Uncounted = append(lp.Uncounted, uncounted(id, d.Policy)...)
		}
	}
	ref, err := SolutionWorld(s)
	if err != nil {
		lp.Par, lp.Verdict = lp.Learner, "par"
		return lp
	}
	rg := measure(s, ref)
	lp.Par = Breadth(rg)
	best := beyond(lg, rg)
	for i := range s.Alternatives {
		aw, err := AlternativeWorld(s, i)
		if err != nil {
			continue
		}
		if b := beyond(lg, measure(s, aw)); len(b) < len(best) {
			best = b
		}
	}
	extra := map[string]bool{}
	for _, b := range best {
		extra[b.pair()] = true
	}
	var kept []Grant
	for _, g := range lg {
		if !extra[g.pair()] {
			kept = append(kept, g)
		}
	}
	lp.WithoutBeyond = Breadth(kept)
	seen := map[string]bool{}
	for i := range best {
		b := &best[i]
		b.Cost = lp.Learner - Breadth(without(lg, b.pair()))
		if !seen[b.pair()] {
			seen[b.pair()] = true
			lp.Extra = append(lp.Extra, b.String())
		}
	}
	lp.Beyond = best
	switch {
	case lp.Learner < lp.Par:
		lp.Verdict = "under par"
	case lp.Learner == lp.Par:
		lp.Verdict = "par"
	default:
		lp.Verdict = fmt.Sprintf("over par by %d", lp.Learner-lp.Par)
	}
	return lp
}

func without(gs []Grant, pair string) []Grant {
	out := make([]Grant, 0, len(gs))
	for _, g := range gs {
		if g.pair() != pair {
			out = append(out, g)
		}
	}
	return out
}

// beyond lists the learner's pairs that ref does not cover, in document
// and statement order, each with its reason.
func beyond(learner, ref []Grant) []Beyond {
	byAction := map[string][]string{}
	for _, r := range ref {
		if !slices.Contains(byAction[r.Action], r.Resource) {
			byAction[r.Action] = append(byAction[r.Action], r.Resource)
		}
	}
	var out []Beyond
	for _, g := range learner {
		rs := byAction[g.Action]
		if slices.ContainsFunc(rs, func(r string) bool { return strings.Trim(r, "*") == "" || wildcard.Match(r, g.Resource) }) {
			continue
		}
		reason := "the reference does not grant " + g.Action
		if len(rs) > 0 {
			reason = fmt.Sprintf("the reference grants %s only on %s", g.Action, strings.Join(rs, ", "))
		}
		out = append(out, Beyond{Grant: g, Reason: reason})
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string { return keys(m) }
