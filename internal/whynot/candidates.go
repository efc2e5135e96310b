package whynot

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/jsonpos"
)

// site is one statement of one document as the trace saw it.
type site struct {
	layer eval.Layer
	doc   string
	title string
	src   string
	typ   eval.PolicyType
	root  *jsonpos.Node
	stmt  *jsonpos.Node // nil for a whole-document site (no statement)
	st    *eval.StatementTrace
}

// candidates proposes single edits for what decides the request now.
func (sr *searcher) candidates(cur node) []Edit {
	r := cur.run
	var out []Edit
	hops := r.Hops
	if sr.wantAllow && len(hops) > 0 {
		hops = hops[len(hops)-1:] // the earlier hops were allowed
	}
	for _, h := range hops {
		out = append(out, sr.hopCandidates(cur, r, h)...)
	}
	if sr.wantAllow && r.DecidedBy != "" && !isPolicyLayer(r.DecidedBy) {
		// A service rule (S3 MFA Delete, …) refused a call IAM allowed: what
		// the caller can change is how it signs in.
		if sr.s.CanSupply("aws:MultiFactorAuthPresent") {
			out = append(out, sr.supply("aws:MultiFactorAuthPresent", "true", "sign in with MFA"))
		}
	}
	return out
}

func (sr *searcher) hopCandidates(cur node, r Run, h Hop) []Edit {
	if h.Input == nil || h.Result.Trace == nil {
		return nil
	}
	var out []Edit
	add := func(e Edit, ok bool) {
		if ok {
			out = append(out, e)
		}
	}
	req := h.Result.Trace.Request
	for _, lt := range h.Result.Trace.Layers {
		if !lt.Applicable {
			continue
		}
		for _, pt := range sr.policyTraces(lt) {
			ref := findRef(h.Input, lt.Layer, pt.level, pt.p.Name)
			if ref == nil || r.DocOf == nil {
				continue
			}
			id, ok := r.DocOf(ref.Policy)
			if !ok || !sr.docs[id].Editable {
				continue
			}
			src := sr.source(cur.state, id)
			root, err := jsonpos.Parse([]byte(src))
			if err != nil {
				continue
			}
			_, stmts := statements(root)
			base := site{layer: lt.Layer, doc: id, title: sr.docs[id].Title, src: src, typ: ref.Policy.Type, root: root}
			for _, st := range pt.p.Statements {
				if st.Index < 0 || st.Index >= len(stmts) {
					continue
				}
				s := base
				s.stmt, s.st = stmts[st.Index], st
				if sr.wantAllow {
					switch {
					case st.Effect == "Deny" && st.Applies:
						for _, e := range sr.liftDeny(s) {
							add(e, true)
						}
					case st.Effect == "Allow" && !st.Applies && pt.needsAllow(lt):
						for _, e := range sr.completeAllow(s, req) {
							add(e, true)
						}
					}
				} else if st.Effect == "Allow" && st.Applies {
					for _, e := range sr.withdrawAllow(s) {
						add(e, true)
					}
				}
			}
			if sr.wantAllow && pt.needsAllow(lt) {
				add(sr.newStatement(base, "Allow", req))
			}
			if !sr.wantAllow {
				add(sr.newStatement(base, "Deny", req))
			}
		}
	}
	return out
}

func isPolicyLayer(l eval.Layer) bool {
	switch l {
	case eval.LayerSCP, eval.LayerRCP, eval.LayerEndpoint, eval.LayerResource, eval.LayerIdentity, eval.LayerBoundary, eval.LayerSession:
		return true
	}
	return false
}

type tracedPolicy struct {
	level   string
	verdict eval.Verdict
	p       *eval.PolicyTrace
}

// needsAllow: the policy sits where the request still lacks an Allow (a
// layer, or an SCP level, whose verdict is "no allow").
func (tp tracedPolicy) needsAllow(lt *eval.LayerTrace) bool {
	if tp.level != "" {
		return tp.verdict == eval.VerdictNoAllow
	}
	return lt.Verdict == eval.VerdictNoAllow
}

func (sr *searcher) policyTraces(lt *eval.LayerTrace) []tracedPolicy {
	var out []tracedPolicy
	for _, p := range lt.Policies {
		out = append(out, tracedPolicy{p: p, verdict: lt.Verdict})
	}
	for _, lv := range lt.Levels {
		for _, p := range lv.Policies {
			out = append(out, tracedPolicy{level: lv.ID, verdict: lv.Verdict, p: p})
		}
	}
	return out
}

// findRef finds the compiled policy the trace names in a layer.
func findRef(in *eval.Input, l eval.Layer, level, name string) *eval.PolicyRef {
	pick := func(refs []eval.PolicyRef) *eval.PolicyRef {
		for i := range refs {
			if refs[i].Name == name {
				return &refs[i]
			}
		}
		return nil
	}
	one := func(r *eval.PolicyRef) *eval.PolicyRef {
		if r != nil && r.Name == name {
			return r
		}
		return nil
	}
	levels := func(ls []eval.Level) *eval.PolicyRef {
		for _, lv := range ls {
			if lv.ID == level {
				return pick(lv.Policies)
			}
		}
		return nil
	}
	switch l {
	case eval.LayerIdentity:
		return pick(in.Identity)
	case eval.LayerResource:
		return one(in.Resource)
	case eval.LayerBoundary:
		return one(in.Boundary)
	case eval.LayerSession:
		return one(in.Session)
	case eval.LayerEndpoint:
		return pick(in.Endpoints)
	case eval.LayerSCP:
		return levels(in.SCPs)
	case eval.LayerRCP:
		return levels(in.RCPs)
	}
	return nil
}

// liftDeny proposes edits that stop an applying Deny from applying.
func (sr *searcher) liftDeny(s site) []Edit {
	var out []Edit
	label := stmtLabel(s.st)
	if sp, ok := removeStatement(s.src, s.root, s.st.Index); ok {
		out = append(out, sr.docEdit(s, RemoveStatement, sp, "remove the Deny statement "+label+" from "+s.title))
	}
	if s.st.Action.Element == "Action" {
		if n := s.stmt.Get("Action"); n != nil {
			if i := elemIndex(n, s.st.Action.Pattern); i >= 0 {
				if sp, ok := removeElem(s.src, n, i); ok {
					out = append(out, sr.docEdit(s, NarrowStatement, sp, "take "+quote(s.st.Action.Pattern)+" out of the Deny statement "+label+" in "+s.title))
				}
			}
		}
	}
	if s.st.Resource.Element == "Resource" {
		if n := s.stmt.Get("Resource"); n != nil {
			if i := elemIndex(n, s.st.Resource.Pattern); i >= 0 {
				if sp, ok := removeElem(s.src, n, i); ok {
					out = append(out, sr.docEdit(s, NarrowStatement, sp, "take "+quote(s.st.Resource.Pattern)+" out of the Deny statement "+label+" in "+s.title))
				}
			}
		}
	}
	for _, c := range s.st.Conditions {
		if v, ok := supplyValue(c, false); ok && sr.s.CanSupply(c.Key) {
			out = append(out, sr.supply(c.Key, v, "so the condition "+c.Operator+" on "+c.Key+" of the Deny statement "+label+" in "+s.title+" no longer holds"))
		}
	}
	return out
}

// completeAllow proposes the one element an Allow statement lacks: when
// exactly one of its action, resource, principal and conditions did not
// match, that one is completed; a statement that misses more is left to
// a new statement.
func (sr *searcher) completeAllow(s site, req eval.RequestTrace) []Edit {
	st := s.st
	failing := 0
	for _, c := range st.Conditions {
		if !c.Result {
			failing++
		}
	}
	missing := []bool{!st.Action.Matched, !st.Resource.Matched, st.Principal != nil && !st.Principal.Matched, failing > 0}
	only := -1
	for i, m := range missing {
		switch {
		case m && only >= 0:
			return nil
		case m:
			only = i
		}
	}
	label := stmtLabel(st)
	switch only {
	case 0:
		return sr.appendTo(s, st.Action, AddAction, req.Action, label)
	case 1:
		return sr.appendTo(s, st.Resource, AddResource, req.Resource, label)
	case 2:
		return sr.addPrincipalTo(s, req, label)
	case 3:
		return sr.meetConditions(s, failing, label)
	}
	return nil
}

// appendTo adds the requested value to the statement's Action or Resource
// (not to a NotAction or NotResource, which would exclude it).
func (sr *searcher) appendTo(s site, el eval.ElementTrace, kind Kind, value, label string) []Edit {
	key := "Action"
	if kind == AddResource {
		key = "Resource"
	}
	if el.Element != key {
		return nil
	}
	if n := s.stmt.Get(key); n != nil {
		if sp, ok := appendValue(s.src, n, value); ok {
			return []Edit{sr.docEdit(s, kind, sp, "add "+quote(value)+" to the "+key+" of statement "+label+" in "+s.title)}
		}
	}
	return nil
}

// addPrincipalTo names the caller in the statement's Principal.
func (sr *searcher) addPrincipalTo(s site, req eval.RequestTrace, label string) []Edit {
	if s.st.Principal.Element != "Principal" {
		return nil
	}
	if typ, who, ok := principalFor(req); ok {
		if sp, ok := addPrincipal(s.src, s.stmt.Get("Principal"), typ, who); ok {
			return []Edit{sr.docEdit(s, AddPrincipal, sp, "name "+who+" in the Principal of statement "+label+" in "+s.title)}
		}
	}
	return nil
}

// meetConditions supplies the value a lone failing condition wants, and
// offers to drop each failing condition.
func (sr *searcher) meetConditions(s site, failing int, label string) []Edit {
	var out []Edit
	for _, c := range s.st.Conditions {
		if c.Result {
			continue
		}
		if failing == 1 {
			if v, ok := supplyValue(c, true); ok && sr.s.CanSupply(c.Key) {
				out = append(out, sr.supply(c.Key, v, "to meet the condition "+c.Operator+" on "+c.Key+" of statement "+label+" in "+s.title))
			}
		}
		if sp, ok := removeCondition(s.src, s.stmt, c.Operator, c.Key); ok {
			out = append(out, sr.docEdit(s, RemoveCondition, sp, "drop the condition "+c.Operator+" on "+c.Key+" from statement "+label+" in "+s.title))
		}
	}
	return out
}

// withdrawAllow proposes edits that stop an applying Allow from applying.
func (sr *searcher) withdrawAllow(s site) []Edit {
	var out []Edit
	label := stmtLabel(s.st)
	if sp, ok := removeStatement(s.src, s.root, s.st.Index); ok {
		out = append(out, sr.docEdit(s, RemoveStatement, sp, "remove the Allow statement "+label+" from "+s.title))
	}
	for _, el := range []struct {
		key string
		tr  eval.ElementTrace
	}{{"Action", s.st.Action}, {"Resource", s.st.Resource}} {
		if el.tr.Element != el.key {
			continue
		}
		if n := s.stmt.Get(el.key); n != nil {
			if i := elemIndex(n, el.tr.Pattern); i >= 0 {
				if sp, ok := removeElem(s.src, n, i); ok {
					out = append(out, sr.docEdit(s, NarrowStatement, sp, "take "+quote(el.tr.Pattern)+" out of the "+el.key+" of statement "+label+" in "+s.title))
				}
			}
		}
	}
	return out
}

// newStatement writes a statement for exactly this request into a document.
func (sr *searcher) newStatement(s site, effect string, req eval.RequestTrace) (Edit, bool) {
	var b strings.Builder
	b.WriteString(`{"Effect": "` + effect + `"`)
	if needsPrincipal(s.typ) {
		typ, who, ok := principalFor(req)
		if !ok {
			return Edit{}, false
		}
		b.WriteString(`, "Principal": {` + quote(typ) + `: ` + quote(who) + `}`)
	}
	b.WriteString(`, "Action": ` + quote(req.Action))
	switch s.typ {
	case eval.TrustPolicy:
		// a trust policy's resource is the role itself: no Resource element
	case eval.KeyPolicy:
		b.WriteString(`, "Resource": "*"`)
	default:
		b.WriteString(`, "Resource": ` + quote(req.Resource))
	}
	b.WriteString("}")
	sp, ok := addStatement(s.src, s.root, b.String())
	if !ok {
		return Edit{}, false
	}
	kind, what := AddStatement, "add an Allow statement for "+req.Action+" to "+s.title
	if effect == "Deny" {
		kind, what = AddDeny, "add a Deny statement for "+req.Action+" on this resource to "+s.title
	}
	return sr.docEdit(s, kind, sp, what), true
}

func needsPrincipal(t eval.PolicyType) bool {
	switch t {
	case eval.ResourcePolicy, eval.TrustPolicy, eval.KeyPolicy:
		return true
	}
	return false
}

// principalFor is how a resource-side policy names the caller: a role
// session by its role (a session ARN changes with every session), anyone
// else by its own ARN or service name.
func principalFor(req eval.RequestTrace) (typ, who string, ok bool) {
	switch req.PrincipalKind {
	case eval.RoleSession:
		return "AWS", req.RoleARN, req.RoleARN != ""
	case eval.IAMUser, eval.IAMRole, eval.RootUser, eval.FederatedUser:
		return "AWS", req.Principal, true
	case eval.ServiceCaller:
		return "Service", req.Principal, true
	case eval.WebIdentity:
		return "Federated", req.Principal, true
	}
	return "", "", false // never propose opening a resource to anonymous callers
}

func addPrincipal(src string, n *jsonpos.Node, typ, who string) (splice, bool) {
	if n == nil || n.Kind != jsonpos.KindObject {
		return splice{}, false
	}
	if v := n.Get(typ); v != nil {
		return appendValue(src, v, who)
	}
	return addMember(src, n, typ, quote(who))
}

// removeCondition drops one key from a statement's Condition block, the
// operator when it was its only key, the block when it was its only operator.
func removeCondition(src string, stmt *jsonpos.Node, op, key string) (splice, bool) {
	cond := stmt.Get("Condition")
	if cond == nil || cond.Kind != jsonpos.KindObject {
		return splice{}, false
	}
	for i, m := range cond.Members {
		if m.Key != op || m.Value.Kind != jsonpos.KindObject {
			continue
		}
		for j, k := range m.Value.Members {
			if k.Key != key {
				continue
			}
			if len(m.Value.Members) > 1 {
				return removeMember(src, m.Value, j)
			}
			if len(cond.Members) > 1 {
				return removeMember(src, cond, i)
			}
			for si, sm := range stmt.Members {
				if sm.Key == "Condition" {
					return removeMember(src, stmt, si)
				}
			}
		}
	}
	return splice{}, false
}

func elemIndex(n *jsonpos.Node, text string) int {
	if n.Kind != jsonpos.KindArray {
		return -1
	}
	for i, e := range n.Elems {
		if e.Kind == jsonpos.KindString && e.Text == text {
			return i
		}
	}
	return -1
}

func stmtLabel(st *eval.StatementTrace) string {
	if st.Sid != "" {
		return quote(st.Sid)
	}
	return "#" + strconv.Itoa(st.Index+1)
}

func (sr *searcher) docEdit(s site, k Kind, sp splice, summary string) Edit {
	return Edit{Kind: k, Doc: s.doc, Summary: summary, Diff: lineDiff(s.src, sp), Size: sp.size(s.src), sp: sp}
}

func (sr *searcher) supply(key, value, why string) Edit {
	return Edit{Kind: SupplyContext, Key: key, Value: value, Summary: "send " + key + " = " + value + " " + why, Size: len(key) + len(value)}
}

// supplyValue finds a request value for which the condition's result is
// want; ok is false when no value the caller could send is evident.
func supplyValue(c *eval.CondTrace, want bool) (string, bool) {
	op := c.Operator
	op = strings.TrimPrefix(strings.TrimPrefix(op, "ForAnyValue:"), "ForAllValues:")
	op = strings.TrimSuffix(op, "IfExists")
	negated := strings.Contains(op, "Not")
	base := strings.Replace(op, "Not", "", 1)
	match := want != negated // the positive operator must match
	listed := func() (string, bool) {
		for _, v := range c.Values {
			s := v.Resolved
			if s == "" {
				s = v.Text
			}
			if v.Problem == "" && s != "" {
				return s, true
			}
		}
		return "", false
	}
	switch base {
	case "Bool":
		v, ok := listed()
		if !ok {
			return "", false
		}
		v = strings.ToLower(v)
		if !match {
			if v == "true" {
				return "false", true
			}
			return "true", true
		}
		return v, true
	case "IpAddress":
		v, ok := listed()
		if !ok {
			return "", false
		}
		p, err := netip.ParsePrefix(v)
		if err != nil {
			a, err := netip.ParseAddr(v)
			if err != nil {
				return "", false
			}
			p = netip.PrefixFrom(a, a.BitLen())
		}
		if match {
			a := p.Masked().Addr()
			if p.Bits() < a.BitLen()-1 {
				a = a.Next() // a host address, not the network's own
			}
			return a.String(), true
		}
		for _, cand := range []string{"203.0.113.10", "198.51.100.10", "192.0.2.10"} {
			if a := netip.MustParseAddr(cand); !p.Contains(a) {
				return cand, true
			}
		}
		return "", false
	case "StringEquals", "StringEqualsIgnoreCase", "StringLike", "ArnEquals", "ArnLike":
		if !match {
			return "", false // "some other value" teaches nothing
		}
		v, ok := listed()
		if !ok {
			return "", false
		}
		return strings.NewReplacer("*", "x", "?", "x").Replace(v), true
	case "NumericEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals":
		if !match {
			return "", false
		}
		v, ok := listed()
		if !ok {
			return "", false
		}
		n, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return "", false
		}
		switch base {
		case "NumericLessThan":
			n--
		case "NumericGreaterThan":
			n++
		}
		return strconv.FormatFloat(n, 'f', -1, 64), true
	}
	return "", false
}

// lineDiff shows the lines a splice touches, before and after.
func lineDiff(src string, sp splice) string {
	start := strings.LastIndexByte(src[:sp.From], '\n') + 1
	end := len(src)
	if i := strings.IndexByte(src[sp.To:], '\n'); i >= 0 {
		end = sp.To + i
	}
	before := src[start:end]
	after := src[start:sp.From] + sp.Text + src[sp.To:end]
	var b strings.Builder
	for _, l := range strings.Split(before, "\n") {
		b.WriteString("- " + l + "\n")
	}
	for _, l := range strings.Split(after, "\n") {
		b.WriteString("+ " + l + "\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}
