// Package policygen writes the least-privilege policy for a list of calls:
// given the calls a document must let through (and, optionally, calls that
// must stay denied) in a sandbox world, it writes that document — an
// identity policy, a bucket or key policy, a trust policy — with exact
// actions, the narrowest resource each action can take according to the
// AWS service catalogue, and a condition only where a must-deny call can be
// told apart from an allowed one by its request context. The result is
// verified by the engine against every call before it is returned.
package policygen

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/iamlab/iamlab/internal/catalog"
	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/sandbox"
)

// Request is one request the document takes part in.
type Request struct {
	Principal string // the caller as a resource policy names it (a session's role)
	Action    string
	Resource  string
	Context   map[string]string // single-valued context keys of the request
}

// Statement is one statement of the written policy.
type Statement struct {
	Sid        string                       `json:"Sid,omitempty"`
	Effect     string                       `json:"Effect"`
	Principal  map[string]any               `json:"Principal,omitempty"`
	Action     any                          `json:"Action"`
	Resource   any                          `json:"Resource,omitempty"`
	Condition  map[string]map[string]string `json:"Condition,omitempty"`
	actions    []string
	resources  []string
	principals []string
}

// Result is the written document and what the engine said of it.
type Result struct {
	Doc        string // document id in the world
	Type       eval.PolicyType
	Source     string // the policy, JSON
	Statements []*Statement
	// Allowed and Denied list the calls as the engine now decides them.
	Allowed []string
	Denied  []string
	// Problems are calls the document cannot serve: a call denied by
	// another layer, an action that cannot take the resource, a must-deny
	// call no condition can tell from an allowed one.
	Problems []string
}

// Spec is what to write.
type Spec struct {
	World *sandbox.World
	Doc   string         // the document to write (it must exist in the world)
	Allow []sandbox.Call // calls that must be allowed
	Deny  []sandbox.Call // calls that must stay denied
}

// rounds bounds the discovery loop: a call through a role needs the trust
// policy to allow the AssumeRole hop before the final hop is seen.
const rounds = 4

// Write writes the document for the spec and verifies it.
func Write(sp Spec) (*Result, error) {
	d, ok := sp.World.Document(sp.Doc)
	if !ok {
		return nil, fmt.Errorf("document %s is not in the world", sp.Doc)
	}
	if d.AWSManaged {
		return nil, fmt.Errorf("document %s is AWS managed and cannot be written", sp.Doc)
	}
	res := &Result{Doc: d.ID, Type: d.Type}
	needed := map[string]Request{}
	var problems []string
	src := emptyPolicy
	for round := 0; round < rounds; round++ {
		w, err := sp.World.WithDocument(d.ID, src)
		if err != nil {
			return nil, fmt.Errorf("writing %s: %v", d.ID, err)
		}
		before := len(needed)
		for _, c := range sp.Allow {
			reqs, err := consulted(w, d.ID, c)
			if err != nil {
				return nil, fmt.Errorf("call %s %s on %s: %v", c.As, c.Action, c.Resource, err)
			}
			for _, r := range reqs {
				needed[r.key()] = r
			}
		}
		var stmts []*Statement
		stmts, problems = build(d.Type, sorted(needed))
		st2, p2 := separate(w, d.ID, d.Type, stmts, sp.Deny, needed)
		stmts, problems = st2, append(problems, p2...)
		src = render(stmts)
		res.Statements = stmts
		if len(needed) == before && round > 0 {
			break
		}
	}
	res.Source = src
	res.Problems = problems
	w, err := sp.World.WithDocument(d.ID, src)
	if err != nil {
		return nil, fmt.Errorf("the written policy does not parse: %v", err)
	}
	for _, c := range sp.Allow {
		out, err := w.Evaluate(c, eval.Options{})
		if err != nil {
			return nil, err
		}
		if out.Allowed() {
			res.Allowed = append(res.Allowed, describe(c))
		} else {
			res.Denied = append(res.Denied, describe(c))
			res.Problems = append(res.Problems, fmt.Sprintf("%s is still denied, by the %s: %s", describe(c), layerName(out.DecidedBy), out.Reason))
		}
	}
	for _, c := range sp.Deny {
		out, err := w.Evaluate(c, eval.Options{})
		if err != nil {
			return nil, err
		}
		if out.Allowed() {
			res.Allowed = append(res.Allowed, describe(c))
			res.Problems = append(res.Problems, fmt.Sprintf("%s must be denied but is allowed", describe(c)))
		} else {
			res.Denied = append(res.Denied, describe(c))
		}
	}
	return res, nil
}

func layerName(l eval.Layer) string {
	if l == sandbox.LayerServiceRule {
		return "service rule"
	}
	return eval.LayerTitle(l)
}

func describe(c sandbox.Call) string {
	s := c.As + " calls " + c.Action
	if c.Resource != "" {
		s += " on " + c.Resource
	}
	return s
}

const emptyPolicy = `{"Version": "2012-10-17", "Statement": []}`

func (r Request) key() string {
	ks := make([]string, 0, len(r.Context))
	for k, v := range r.Context {
		ks = append(ks, k+"="+v)
	}
	sort.Strings(ks)
	return r.Principal + "\x00" + r.Action + "\x00" + r.Resource + "\x00" + strings.Join(ks, "\x00")
}

func sorted(m map[string]Request) []Request {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]Request, len(keys))
	for i, k := range keys {
		out[i] = m[k]
	}
	return out
}

// consulted returns the requests of a call in which the document takes part:
// every hop whose input holds the document's compiled policy.
func consulted(w *sandbox.World, id string, c sandbox.Call) ([]Request, error) {
	d, _ := w.Document(id)
	out, err := w.Evaluate(c, eval.Options{})
	if err != nil {
		return nil, err
	}
	var reqs []Request
	for _, h := range out.Hops {
		if !uses(&h.Input, d.Policy) {
			continue
		}
		r := Request{Action: h.Input.Request.Action, Resource: h.Input.Request.Resource, Context: map[string]string{}}
		r.Principal = principalOf(&h.Input)
		for _, e := range h.Input.Request.Context.Entries() {
			if len(e.Value.Values) == 1 && !e.Value.Multi {
				r.Context[e.Key] = e.Value.Values[0]
			}
		}
		reqs = append(reqs, r)
	}
	return reqs, nil
}

func principalOf(in *eval.Input) string {
	if v, ok := in.Request.Context.Get("aws:PrincipalArn"); ok && len(v.Values) == 1 {
		return v.Values[0] // a session's role, as resource policies name it
	}
	return in.Request.Principal
}

func uses(in *eval.Input, p *eval.Policy) bool {
	if p == nil {
		return false
	}
	has := func(refs []eval.PolicyRef) bool {
		for _, r := range refs {
			if r.Policy == p {
				return true
			}
		}
		return false
	}
	one := func(r *eval.PolicyRef) bool { return r != nil && r.Policy == p }
	if has(in.Identity) || one(in.Resource) || one(in.Boundary) || one(in.Session) || has(in.Endpoints) {
		return true
	}
	for _, ls := range [][]eval.Level{in.SCPs, in.RCPs} {
		for _, l := range ls {
			if has(l.Policies) {
				return true
			}
		}
	}
	return false
}

// build groups the requests into statements: each action with exactly the
// resources it was called on, actions with the same resources (and, in a
// resource-side policy, the same callers) together. No action is paired
// with a resource it was not called on, so the policy grants nothing
// beyond the calls.
func build(t eval.PolicyType, reqs []Request) ([]*Statement, []string) {
	var problems []string
	type target struct{ principal, resource string }
	byAction := map[string]map[target]bool{}
	for _, r := range reqs {
		res, err := resourceFor(t, r)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		p := ""
		if sidePrincipal(t) {
			p = r.Principal
		}
		if byAction[r.Action] == nil {
			byAction[r.Action] = map[target]bool{}
		}
		byAction[r.Action][target{p, res}] = true
	}
	groups := map[string]*Statement{}
	var order []string
	for _, a := range sortedKeys(byAction) {
		var ts []target
		for tg := range byAction[a] {
			ts = append(ts, tg)
		}
		sort.Slice(ts, func(i, j int) bool {
			if ts[i].principal != ts[j].principal {
				return ts[i].principal < ts[j].principal
			}
			return ts[i].resource < ts[j].resource
		})
		// One statement per principal in a resource-side policy, so that no
		// caller gets another caller's grants.
		byP := map[string][]string{}
		var ps []string
		for _, tg := range ts {
			if _, ok := byP[tg.principal]; !ok {
				ps = append(ps, tg.principal)
			}
			byP[tg.principal] = append(byP[tg.principal], tg.resource)
		}
		for _, p := range ps {
			sig := p + "\x00" + strings.Join(byP[p], "\x00")
			st, ok := groups[sig]
			if !ok {
				st = &Statement{Effect: "Allow", resources: byP[p]}
				if p != "" {
					st.principals = []string{p}
				}
				groups[sig] = st
				order = append(order, sig)
			}
			st.actions = append(st.actions, a)
		}
	}
	var out []*Statement
	for _, sig := range order {
		out = append(out, groups[sig])
	}
	return out, problems
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func sidePrincipal(t eval.PolicyType) bool {
	return t == eval.ResourcePolicy || t == eval.TrustPolicy || t == eval.KeyPolicy
}

// resourceFor is the narrowest Resource for a request: the ARN itself when
// the action can be scoped to a resource type that ARN has, "*" for an
// action the catalogue lists with no resource type.
func resourceFor(t eval.PolicyType, r Request) (string, error) {
	switch t {
	case eval.TrustPolicy:
		return "", nil // a trust policy guards its role: no Resource
	case eval.KeyPolicy:
		return "*", nil // in a key policy "*" means this key
	}
	a, ok := catalog.Lookup(r.Action)
	if !ok {
		return r.Resource, nil // an action the catalogue does not know: keep the call's own resource
	}
	if len(a.ResourceTypes) == 0 {
		return "*", nil
	}
	for _, ref := range a.ResourceTypes {
		if rt, ok := catalog.ResourceTypeOf(a.Service, ref.Name); ok && rt.Matches(r.Resource) {
			return r.Resource, nil
		}
	}
	var names []string
	for _, ref := range a.ResourceTypes {
		names = append(names, ref.Name)
	}
	return "", fmt.Errorf("%s cannot be scoped to %s: the action takes %s", a.FullName(), r.Resource, strings.Join(names, ", "))
}

// separate adds conditions so that must-deny calls the statements would let
// through are told apart from the allowed calls by a context value they do
// not share.
func separate(w *sandbox.World, id string, t eval.PolicyType, stmts []*Statement, deny []sandbox.Call, allowed map[string]Request) ([]*Statement, []string) {
	if len(deny) == 0 {
		return stmts, nil
	}
	var problems []string
	for _, c := range deny {
		w2, err := w.WithDocument(id, render(stmts))
		if err != nil {
			break
		}
		reqs, err := consulted(w2, id, c)
		if err != nil || len(reqs) == 0 {
			continue
		}
		out, err := w2.Evaluate(c, eval.Options{})
		if err != nil || !out.Allowed() {
			continue
		}
		dr := reqs[len(reqs)-1]
		st := statementFor(stmts, t, dr)
		if st == nil {
			continue
		}
		var same []Request
		for _, r := range allowed {
			if r.Action == dr.Action && (t == eval.TrustPolicy || t == eval.KeyPolicy || r.Resource == dr.Resource) {
				same = append(same, r)
			}
		}
		key, val, op, ok := distinguishing(same, dr)
		if !ok {
			problems = append(problems, fmt.Sprintf("%s must be denied, but the request it makes looks like an allowed one to this policy (same action, resource and context)", describe(c)))
			continue
		}
		res, _ := resourceFor(t, dr)
		stmts = splitWithCondition(stmts, st, dr.Action, res, op, key, val)
	}
	return stmts, problems
}

func statementFor(stmts []*Statement, t eval.PolicyType, r Request) *Statement {
	res, _ := resourceFor(t, r)
	for _, st := range stmts {
		if slices.Contains(st.actions, r.Action) && (res == "" || slices.Contains(st.resources, res)) {
			return st
		}
	}
	return nil
}

// keyPreference lists the context keys a condition is best written on, in
// the order a reviewer expects them.
var keyPreference = []string{
	"aws:MultiFactorAuthPresent", "aws:SecureTransport", "aws:SourceVpce", "aws:SourceIp",
	"aws:RequestedRegion", "sts:ExternalId", "aws:PrincipalOrgID",
}

// distinguishing finds a context key every allowed request has with one
// value that the denied request lacks or has otherwise.
func distinguishing(allowed []Request, denied Request) (key, val, op string, ok bool) {
	if len(allowed) == 0 {
		return "", "", "", false
	}
	cands := map[string]string{}
	for k, v := range allowed[0].Context {
		cands[k] = v
	}
	for _, r := range allowed[1:] {
		for k, v := range cands {
			if r.Context[k] != v {
				delete(cands, k)
			}
		}
	}
	for k, v := range cands {
		if denied.Context[k] == v || derivedKey(k) {
			delete(cands, k)
		}
	}
	pick := ""
	for _, k := range keyPreference {
		for c := range cands {
			if strings.EqualFold(c, k) {
				pick = c
				break
			}
		}
		if pick != "" {
			break
		}
	}
	if pick == "" {
		rest := sortedKeys(cands)
		if len(rest) == 0 {
			return "", "", "", false
		}
		pick = rest[0]
	}
	v := cands[pick]
	switch {
	case v == "true" || v == "false":
		return pick, v, "Bool", true
	case strings.EqualFold(pick, "aws:SourceIp"):
		return pick, v + "/32", "IpAddress", true
	}
	return pick, v, "StringEquals", true
}

// derivedKey: keys that name the caller or the time say nothing a policy
// should be conditioned on to tell two of the caller's own calls apart.
func derivedKey(k string) bool {
	k = strings.ToLower(k)
	for _, p := range []string{"aws:principal", "aws:userid", "aws:username", "aws:currenttime", "aws:epochtime", "aws:tokenissuetime", "aws:multifactorauthage", "aws:resourceaccount", "aws:calledvia", "aws:sourceaccount", "aws:viaawsservice"} {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

// splitWithCondition gives one (action, resource) pair of a statement a
// statement of its own that carries the condition, so the condition limits
// that pair only; the rest of the statement keeps what it granted.
func splitWithCondition(stmts []*Statement, st *Statement, action, resource, op, key, val string) []*Statement {
	if len(st.actions) == 1 && len(st.resources) <= 1 {
		if st.Condition == nil {
			st.Condition = map[string]map[string]string{}
		}
		if st.Condition[op] == nil {
			st.Condition[op] = map[string]string{}
		}
		st.Condition[op][key] = val
		return stmts
	}
	others := slices.DeleteFunc(slices.Clone(st.actions), func(a string) bool { return a == action })
	rest := slices.DeleteFunc(slices.Clone(st.resources), func(r string) bool { return r == resource })
	// st keeps the other actions on every resource; the action keeps the
	// other resources in a statement of its own.
	st.actions = others
	if len(others) == 0 {
		st.actions, st.resources = []string{action}, rest
	} else if len(rest) > 0 {
		stmts = append(stmts, &Statement{Effect: "Allow", actions: []string{action}, resources: rest, principals: st.principals})
	}
	var res []string
	if resource != "" {
		res = []string{resource}
	}
	ns := &Statement{Effect: "Allow", actions: []string{action}, resources: res, principals: st.principals,
		Condition: map[string]map[string]string{op: {key: val}}}
	if len(st.actions) == 0 || (len(others) == 0 && len(rest) == 0) {
		stmts = slices.DeleteFunc(stmts, func(x *Statement) bool { return x == st })
	}
	return append(stmts, ns)
}

// render writes the statements as a policy, one value or a list.
func render(stmts []*Statement) string {
	for i, st := range stmts {
		st.Sid = sidFor(st, i)
		st.Action = oneOrList(st.actions)
		if len(st.resources) > 0 && st.resources[0] != "" {
			st.Resource = oneOrList(st.resources)
		} else {
			st.Resource = nil
		}
		if len(st.principals) > 0 {
			typ := "AWS"
			if strings.HasSuffix(st.principals[0], ".amazonaws.com") {
				typ = "Service"
			}
			st.Principal = map[string]any{typ: oneOrList(st.principals)}
		}
	}
	doc := struct {
		Version   string       `json:"Version"`
		Statement []*Statement `json:"Statement"`
	}{"2012-10-17", stmts}
	if doc.Statement == nil {
		doc.Statement = []*Statement{}
	}
	b, _ := json.MarshalIndent(doc, "", "  ")
	return string(b)
}

func oneOrList(v []string) any {
	if len(v) == 1 {
		return v[0]
	}
	return v
}

// sidFor names a statement after what it allows: letters and digits only,
// as IAM requires of a Sid.
func sidFor(st *Statement, i int) string {
	var b strings.Builder
	b.WriteString("Allow")
	if len(st.actions) > 0 {
		a := st.actions[0]
		if j := strings.IndexByte(a, ':'); j >= 0 {
			a = a[j+1:]
		}
		for _, r := range a {
			if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
				b.WriteRune(r)
			}
		}
		if len(st.actions) > 1 {
			b.WriteString("AndMore")
		}
	}
	if st.Condition != nil {
		b.WriteString("WithCondition")
	}
	b.WriteString(fmt.Sprint(i + 1))
	return b.String()
}
