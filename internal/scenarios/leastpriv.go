package scenarios

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/iamlab/iamlab/internal/catalog"
	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/sandbox"
)

// Resource breadth weights. A grant is an (action, resource pattern) pair;
// its weight says how much of the world the pattern can reach. The numbers
// are deliberately coarse: they rank "s3:* on *" far above "s3:GetObject
// on one bucket's objects" without pretending to measure exposure exactly.
const (
	weightExact    = 1  // one named resource: arn:aws:s3:::acme-reports
	weightPath     = 2  // a wildcard inside the resource path: arn:aws:s3:::acme-reports/*
	weightWideARN  = 5  // a wildcard over resource names or accounts: arn:aws:s3:::*, arn:aws:iam::*:role/*
	weightAnything = 10 // "*", or NotResource
)

// Grant is one action a policy allows on one resource pattern.
type Grant struct {
	Action   string // "s3:GetObject"
	Resource string // as written, "*" for NotResource
	Weight   int
}

func (g Grant) String() string { return g.Action + " on " + g.Resource }

// grants lists what the Allow statements of a policy grant, each action
// expanded through the catalogue (NotAction is the complement over the
// catalogue: everything else, in every service). Deny statements are not
// subtracted: the scenario's checks already test what must be denied, and
// the measure is about how much was granted. Conditions do not reduce a
// grant either; they narrow when, not what.
func grants(p *eval.Policy) []Grant {
	if p == nil {
		return nil
	}
	var out []Grant
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
		for _, a := range statementActions(st) {
			for _, r := range resources {
				out = append(out, Grant{Action: a, Resource: r, Weight: breadth(r)})
			}
		}
	}
	return out
}

func statementActions(st *eval.Statement) []string {
	seen := map[string]bool{}
	for _, v := range st.Actions {
		for _, a := range catalog.Expand(v.Text) {
			seen[a.FullName()] = true
		}
		if len(catalog.Expand(v.Text)) == 0 && !strings.ContainsAny(v.Text, "*?") {
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

// breadth weighs a resource pattern.
func breadth(r string) int {
	if r == "*" {
		return weightAnything
	}
	if !strings.ContainsAny(r, "*?") {
		return weightExact
	}
	parts := strings.SplitN(r, ":", 6)
	if len(parts) < 6 {
		return weightWideARN
	}
	// Account or region wildcards reach many resources.
	if strings.ContainsAny(parts[3]+parts[4], "*?") {
		return weightWideARN
	}
	// The resource's name: the bucket for S3, otherwise the segment after
	// the resource type ("table/Orders", "role/app"). A wildcard there means
	// many resources; a wildcard only after it, a path inside one.
	segs := strings.FieldsFunc(parts[5], func(r rune) bool { return r == '/' || r == ':' })
	name := ""
	switch {
	case len(segs) == 0:
	case parts[2] == "s3" || len(segs) == 1:
		name = segs[0]
	default:
		name = segs[1]
	}
	if name == "" || strings.ContainsAny(name, "*?") {
		return weightWideARN
	}
	return weightPath
}

// LeastPrivilege compares what a learner's editable documents grant with
// what the reference solution grants (par).
type LeastPrivilege struct {
	Learner int      `json:"learner"`
	Par     int      `json:"par"`
	Verdict string   `json:"verdict"`         // "under par", "par", "over par by N"
	Extra   []string `json:"extra,omitempty"` // grants the reference does not make: "s3:PutObject on arn:aws:s3:::acme-reports/*"
}

// OverPar reports whether the learner granted more than the reference.
func (lp LeastPrivilege) OverPar() bool { return lp.Learner > lp.Par }

// measure scores the editable documents of world w.
func measure(s *Scenario, w *sandbox.World) ([]Grant, int) {
	set := map[string]Grant{}
	for _, id := range s.Editable {
		d, ok := w.Document(id)
		if !ok {
			continue
		}
		for _, g := range grants(d.Policy) {
			set[g.Action+"\x00"+g.Resource] = g
		}
	}
	var list []Grant
	for _, k := range sortedKeys(set) {
		list = append(list, set[k])
	}
	// An action granted on "*" makes its narrower grants moot: count it once.
	wide := map[string]bool{}
	for _, g := range list {
		if g.Resource == "*" {
			wide[g.Action] = true
		}
	}
	total := 0
	var kept []Grant
	for _, g := range list {
		if wide[g.Action] && g.Resource != "*" {
			continue
		}
		kept = append(kept, g)
		total += g.Weight
	}
	return kept, total
}

// CompareLeastPrivilege measures the learner's world against the reference.
func CompareLeastPrivilege(s *Scenario, learner *sandbox.World) LeastPrivilege {
	lg, ln := measure(s, learner)
	lp := LeastPrivilege{Learner: ln}
	ref, err := SolutionWorld(s)
	if err != nil {
		lp.Par, lp.Verdict = ln, "par"
		return lp
	}
	rg, rn := measure(s, ref)
	lp.Par = rn
	for _, g := range lg {
		if !covered(g, rg) {
			lp.Extra = append(lp.Extra, g.String())
		}
	}
	switch {
	case ln < rn:
		lp.Verdict = "under par"
	case ln == rn:
		lp.Verdict = "par"
	default:
		lp.Verdict = fmt.Sprintf("over par by %d", ln-rn)
	}
	return lp
}

// covered: the reference grants the same action on a pattern that
// includes the learner's resource.
func covered(g Grant, ref []Grant) bool {
	return slices.ContainsFunc(ref, func(r Grant) bool {
		return r.Action == g.Action && (r.Resource == "*" || eval.MatchWildcard(r.Resource, g.Resource))
	})
}

func sortedKeys[V any](m map[string]V) []string { return keys(m) }
