package eval

import (
	"strings"

	"github.com/iamlab/iamlab/internal/arn"
)

// Options tune one evaluation.
type Options struct {
	// Trace builds the full explanation; without it the engine stops at the
	// first explicit deny and allocates little.
	Trace bool
}

type evaluator struct {
	in    *Input
	trace bool
	// inSCP and inRCP say which organization layer's policies are being
	// evaluated, so the trace words their statements as limits. (Next to
	// trace, they fit in its padding.)
	inSCP, inRCP bool
	p            principal
	action       string // lower-cased
	res          string
	parts        [6]string
	isARN        bool
	resAcct      string
	cross        bool
	derived      [nDerivedKeys]*ContextValue
	lookup       lookupFunc
	result       Result
	steps        []Step
	mem          *traceMem // with a trace: where it is kept
}

// layerOutcome is what one layer's policies say.
type layerOutcome struct {
	deny  *StatementRef
	allow *StatementRef
	grant grant  // resource-based layer: how directly the best Allow names the caller
	entry string // the principal entry of that Allow ("*", an ARN, an account)
}

// Evaluate decides one request.
func Evaluate(in *Input, opt Options) Result {
	e := &evaluator{in: in, trace: opt.Trace}
	e.prepare()
	return e.run()
}

func (e *evaluator) prepare() {
	r := &e.in.Request
	e.p = describePrincipal(r)
	e.action = strings.ToLower(r.Action)
	e.res = r.Resource
	e.parts, e.isARN = arn.Split(r.Resource)
	e.resAcct = r.ResourceAccount
	if e.resAcct == "" && e.isARN {
		e.resAcct = e.parts[4]
	}
	if e.resAcct == "" {
		e.resAcct = e.p.account
	}
	e.cross = e.p.inAccount() && e.resAcct != "" && e.p.account != e.resAcct
	e.lookup = e.lookupKey
}

// derivedKey is a context key AWS adds to every request from the request
// itself, when the caller did not pass it (IAM User Guide, "AWS global
// condition context keys":
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html).
type derivedKey struct {
	name  string // as the documentation spells it; the trace shows it so
	lower string // as policies are matched against it
	// value derives the key from the request; "" when AWS does not set the
	// key for this caller.
	value func(e *evaluator) string
}

func derive(name string, value func(e *evaluator) string) derivedKey {
	return derivedKey{name: name, lower: strings.ToLower(name), value: value}
}

// nDerivedKeys sizes the evaluator's cache of derived values; it cannot be
// len(derivedKeys), whose functions take the evaluator.
const nDerivedKeys = 5

// derivedKeys are in the order the trace lists them.
var derivedKeys = [nDerivedKeys]derivedKey{
	derive("aws:PrincipalArn", func(e *evaluator) string {
		if e.p.inAccount() {
			return e.p.principalArnKey() // the role, not the session
		}
		return ""
	}),
	derive("aws:PrincipalAccount", func(e *evaluator) string { return e.p.account }),
	derive("aws:username", func(e *evaluator) string {
		if e.p.kind == IAMUser {
			return e.p.name // IAM users only
		}
		return ""
	}),
	derive("aws:PrincipalType", func(e *evaluator) string { return e.p.principalTypeKey() }),
	derive("aws:ResourceAccount", func(e *evaluator) string {
		// Only when the request says whose resource it is: the caller's
		// account is a guess, not a fact AWS would add.
		if e.in.Request.ResourceAccount != "" || (e.isARN && e.parts[4] != "") {
			return e.resAcct
		}
		return ""
	}),
}

func (e *evaluator) lookupKey(lkey string) (ContextValue, bool) {
	if v, ok := e.in.Request.Context.getLower(lkey); ok {
		return v, true
	}
	for i := range derivedKeys {
		if derivedKeys[i].lower != lkey {
			continue
		}
		if e.derived[i] == nil {
			v := derivedKeys[i].value(e)
			if v == "" {
				return ContextValue{}, false
			}
			e.derived[i] = &ContextValue{Values: []string{v}}
		}
		return *e.derived[i], true
	}
	return ContextValue{}, false
}

// statement decides whether one statement applies to the request. With a
// trace it fills slot: policies allocates the traces of a policy's
// statements in one slice, not one by one.
func (e *evaluator) statement(s *Statement, withPrincipal bool, slot *StatementTrace) (bool, grant, string, *StatementTrace) {
	var tr *StatementTrace
	if e.trace {
		tr = slot
		*tr = StatementTrace{Index: s.Index, Sid: s.Sid, Effect: s.Effect.String(), Pos: s.Pos}
	}
	ok := e.matchAction(s, tr)
	if !ok && tr == nil {
		return false, grantNone, "", nil
	}
	if !e.matchResource(s, tr) {
		ok = false
		if tr == nil {
			return false, grantNone, "", nil
		}
	}
	g, entry := grantDirect, ""
	if withPrincipal && s.Principal != nil {
		g, entry = e.matchPrincipalElem(s, tr)
		if g == grantNone {
			ok = false
			if tr == nil {
				return false, grantNone, "", nil
			}
		}
	}
	var mem *traceMem
	if tr != nil && len(s.Conditions) > 0 {
		mem = e.mem
		tr.Conditions = slab(&mem.conds, len(s.Conditions), 16)[:0]
	}
	for _, c := range s.Conditions {
		res, ct := c.eval(e.lookup, mem)
		if tr != nil {
			tr.Conditions = append(tr.Conditions, ct)
		}
		if !res {
			ok = false
			if tr == nil {
				return false, grantNone, "", nil
			}
		}
	}
	if tr != nil {
		tr.Applies = ok
		tr.Reason = e.statementReason(tr)
	}
	if !ok {
		g = grantNone
	}
	return ok, g, entry, tr
}

func (e *evaluator) matchAction(s *Statement, tr *StatementTrace) bool {
	hit := -1
	for i, g := range s.actionGlobs {
		if g.Match(e.action) {
			hit = i
			break
		}
	}
	ok := (hit >= 0) != s.NotAction
	if tr != nil {
		el := "Action"
		if s.NotAction {
			el = "NotAction"
		}
		tr.Action = ElementTrace{Element: el, Matched: ok, Pos: s.ActionPos}
		if hit >= 0 {
			tr.Action.Pattern, tr.Action.Pos = s.Actions[hit].Text, s.Actions[hit].Pos
			if s.NotAction {
				tr.Action.Note = "the action is listed in NotAction, so the statement does not cover it"
			}
		} else if s.NotAction {
			tr.Action.Note = "the action is not listed in NotAction, so the statement covers it"
		} else {
			tr.Action.Note = e.listedVsRequested(s.Actions, e.in.Request.Action)
		}
	}
	return ok
}

// listedVsRequested says what a statement lists next to what was asked for,
// so a learner sees why nothing matched without opening the policy.
func (e *evaluator) listedVsRequested(listed []Value, requested string) string {
	const most = 4
	b, mark := &e.mem.text, e.mem.mark()
	b.WriteString("listed ")
	for i, v := range listed {
		if i == most {
			b.WriteString(", …")
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(v.Text)
	}
	b.WriteString("; requested ")
	b.WriteString(requested)
	return e.mem.since(mark)
}

func (e *evaluator) matchResource(s *Statement, tr *StatementTrace) bool {
	if !s.HasResource {
		if tr != nil {
			tr.Resource = ElementTrace{Matched: true, Note: "no Resource element: the policy covers the resource it is attached to"}
		}
		return true
	}
	hit := -1
	var subs []Substitution
	for i := range s.resTmpl {
		t := &s.resTmpl[i]
		var m bool
		if t.hasVars() {
			if tr != nil {
				subs = append(subs, t.substitutions(e.lookup)...)
			}
			g, ok := t.resolve(e.lookup)
			m = ok && compileResourcePattern(g).match(e.res, &e.parts, e.isARN)
		} else {
			m = s.resFixed[i].match(e.res, &e.parts, e.isARN)
		}
		if m {
			hit = i
			if tr == nil {
				break
			}
			break
		}
	}
	ok := (hit >= 0) != s.NotResource
	if tr != nil {
		el := "Resource"
		if s.NotResource {
			el = "NotResource"
		}
		tr.Resource = ElementTrace{Element: el, Matched: ok, Pos: s.ResourcePos, Substitutions: subs}
		if hit >= 0 {
			tr.Resource.Pattern, tr.Resource.Pos = s.Resources[hit].Text, s.Resources[hit].Pos
			if s.NotResource {
				tr.Resource.Note = "the resource is listed in NotResource, so the statement does not cover it"
			}
		} else {
			switch {
			case s.NotResource:
				tr.Resource.Note = "the resource is not listed in NotResource, so the statement covers it"
			case resourceCaseTrap(s, e.res):
				tr.Resource.Note = "a listed resource differs only in letter case: resource matching is case-sensitive"
			default:
				tr.Resource.Note = e.listedVsRequested(s.Resources, e.res)
			}
		}
	}
	return ok
}

// resourceCaseTrap spots the classic mistake of a resource that would match
// but for letter case, so the trace can say so. It matches the way Resource
// does, segment by segment, and only when case is what differs: a listed
// value that matches once both sides are lower-cased, and whose text or the
// resource's actually changes when lower-cased.
func resourceCaseTrap(s *Statement, res string) bool {
	lres := strings.ToLower(res)
	parts, isARN := arn.Split(lres)
	for i, v := range s.Resources {
		if s.resTmpl[i].hasVars() {
			continue
		}
		lv := strings.ToLower(v.Text)
		if lv == v.Text && lres == res {
			continue // nothing to lower: case cannot be the difference
		}
		if compileResourcePattern(s.resTmpl[i].fixed.Lower()).match(lres, &parts, isARN) {
			return true
		}
	}
	return false
}

// rolePathNote explains a Principal that names a role with a path when the
// caller is a session of a role of that name: the session ARN carries no
// path, so aws:PrincipalArn is what shows which role it is.
func (e *evaluator) rolePathNote(ps *PrincipalSpec, g grant) string {
	for _, en := range ps.Entries {
		parts, ok := arn.Split(en.Value)
		if en.Type != "AWS" || !ok || parts[2] != "iam" || parts[4] != e.p.account || !strings.HasPrefix(parts[5], "role/") {
			continue
		}
		if strings.Count(parts[5], "/") < 2 || lastSegment(parts[5]) != e.p.name {
			continue // no path, or another role
		}
		if g == grantRole && e.p.roleARN == en.Value {
			return "the policy names the role with its path (" + en.Value + "); a session ARN carries no path, so aws:PrincipalArn (" + e.p.roleARN + ") is what shows this session belongs to that role"
		}
		if strings.Contains(e.p.roleARN, ":role/") && strings.Count(e.p.roleARN[strings.Index(e.p.roleARN, ":role/"):], "/") > 1 {
			return "the policy names " + en.Value + ", but aws:PrincipalArn says this session's role is " + e.p.roleARN + ": another role of the same name"
		}
		return "the policy names the role with its path (" + en.Value + "); a session ARN (" + e.p.arn + ") carries no path, so only aws:PrincipalArn can show which role it belongs to, and the request does not give it with that path"
	}
	return ""
}

func (e *evaluator) matchPrincipalElem(s *Statement, tr *StatementTrace) (grant, string) {
	ps := s.Principal
	var g grant
	var entry, note string
	el := "Principal"
	if ps.Not {
		el = "NotPrincipal"
		excluded, why := notPrincipalExcludes(ps, s.Effect, &e.p)
		note = why
		if !excluded {
			g, entry = grantDirect, notPrincipalEntry
		}
		if s.Effect == Deny && (e.in.Boundary != nil || e.in.HasBoundary) && e.p.inAccount() {
			g = grantDirect
			note = "Deny with NotPrincipal always denies a principal that has a permissions boundary, whatever the list says"
		}
	} else {
		g, entry = matchPrincipal(ps, &e.p)
	}
	if tr != nil {
		tr.Principal = one(&e.mem.prins)
		*tr.Principal = PrincipalTrace{Element: el, Matched: g != grantNone, Pos: ps.Pos, Note: note}
		switch {
		case e.inRCP:
			// Principal "*" in an RCP says whom the limit covers; an RCP
			// never grants, so it names no one in the grant sense.
			tr.Principal.Note = "Principal \"*\" in a resource control policy means the statement covers every caller; an RCP only limits and never grants"
		case !ps.Not:
			tr.Principal.Entry = entry
			if g != grantNone {
				tr.Principal.Names = e.describeGrant(g, entry)
			}
			if e.p.kind == RoleSession {
				tr.Principal.Note = e.rolePathNote(ps, g)
			}
		}
	}
	return g, entry
}

// statementReason sums up why a statement applies or not. It writes into
// the trace's text buffer: a trace holds one reason per statement.
func (e *evaluator) statementReason(tr *StatementTrace) string {
	// what did not match: an element's name, or a condition.
	type miss struct {
		what string
		cond *CondTrace
	}
	var buf [8]miss
	misses := buf[:0]
	if !tr.Action.Matched {
		misses = append(misses, miss{what: "the action"})
	}
	if !tr.Resource.Matched {
		misses = append(misses, miss{what: "the resource"})
	}
	if tr.Principal != nil && !tr.Principal.Matched {
		misses = append(misses, miss{what: "the principal"})
	}
	for _, c := range tr.Conditions {
		if !c.Result {
			misses = append(misses, miss{cond: c})
		}
	}
	if len(misses) == 0 {
		switch {
		case e.inRCP && tr.Effect == "Allow":
			return "matches: this is RCPFullAWSAccess, which sets no limit (an RCP never grants)"
		case e.inRCP:
			return "matches: this limit covers the request, so its Deny applies"
		case e.inSCP && tr.Effect == "Allow":
			return "matches: its Allow keeps the action within the SCP's limit (an SCP never grants)"
		case tr.Effect == "Allow":
			return "matches: its Allow applies"
		case tr.Effect == "Deny":
			return "matches: its Deny applies"
		}
		return "matches: its " + tr.Effect + " applies"
	}
	b, mark := &e.mem.text, e.mem.mark()
	b.WriteString("does not apply: ")
	for i, m := range misses {
		switch {
		case i == 0:
		case i == len(misses)-1:
			b.WriteString(" and ")
		default:
			b.WriteString(", ")
		}
		if m.cond == nil {
			b.WriteString(m.what)
			continue
		}
		b.WriteString("the condition ")
		b.WriteString(m.cond.Operator)
		b.WriteString(" on ")
		b.WriteString(m.cond.Key)
	}
	b.WriteString(" ")
	b.WriteString(pluralVerb(len(misses), "does", "do"))
	b.WriteString(" not match")
	return e.mem.since(mark)
}

func pluralVerb(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func joinAnd(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// statementRef is where an applicable statement is recorded: with a trace,
// in its slab.
func (e *evaluator) statementRef(r StatementRef) *StatementRef {
	if e.mem == nil {
		p := new(StatementRef)
		*p = r
		return p
	}
	p := one(&e.mem.refs)
	*p = r
	return p
}

// policies evaluates a list of policies of one layer.
func (e *evaluator) policies(layer Layer, level string, refs []PolicyRef, withPrincipal bool) (layerOutcome, []*PolicyTrace) {
	var out layerOutcome
	var pts []*PolicyTrace
	e.inSCP, e.inRCP = layer == LayerSCP, layer == LayerRCP
	for _, ref := range refs {
		if ref.Policy == nil {
			continue
		}
		var pt *PolicyTrace
		var stmts []StatementTrace
		if e.trace {
			if pts == nil {
				pts = slab(&e.mem.polPtrs, len(refs), 8)[:0]
			}
			pt = one(&e.mem.pols)
			*pt = PolicyTrace{Name: ref.Name, Verdict: VerdictNoAllow}
			pts = append(pts, pt)
			n := len(ref.Policy.Statements)
			stmts, pt.Statements = slab(&e.mem.stmts, n, 16), slab(&e.mem.stmtPtrs, n, 16)[:0]
		}
		for i, s := range ref.Policy.Statements {
			var slot *StatementTrace
			if stmts != nil {
				slot = &stmts[i]
			}
			ok, g, entry, st := e.statement(s, withPrincipal, slot)
			if pt != nil {
				pt.Statements = append(pt.Statements, st)
			}
			if !ok {
				continue
			}
			ref := e.statementRef(StatementRef{Layer: layer, Level: level, Policy: ref.Name, Index: s.Index, Sid: s.Sid, Pos: s.Pos})
			if s.Effect == Deny {
				if out.deny == nil {
					out.deny = ref
				}
				if pt != nil {
					pt.Verdict = VerdictDeny
				}
				if !e.trace {
					return out, nil
				}
				continue
			}
			if g > out.grant {
				out.grant, out.entry = g, entry
				out.allow = ref
			} else if out.allow == nil {
				out.allow = ref
			}
			if pt != nil && pt.Verdict != VerdictDeny {
				pt.Verdict = VerdictAllow
			}
		}
	}
	return out, pts
}

func verdictOf(o layerOutcome) Verdict {
	switch {
	case o.deny != nil:
		return VerdictDeny
	case o.allow != nil:
		return VerdictAllow
	}
	return VerdictNoAllow
}
