package eval

import (
	"fmt"
	"sort"
	"strings"

	"github.com/iamlab/iamlab/internal/jsonpos"
	"github.com/iamlab/iamlab/internal/suggest"
	"github.com/iamlab/iamlab/internal/wildcard"
)

// Parse reads and compiles a policy document of the given type. The error,
// when not nil, is ParseErrors: every problem with its line and column.
func Parse(src []byte, typ PolicyType) (*Policy, error) {
	n, err := jsonpos.Parse(src)
	if err != nil {
		return nil, ParseErrors{err.(*ParseError)}
	}
	return Compile(n, typ)
}

// Compile turns a JSON tree into a policy. It is Parse for callers that read
// a larger JSON file (a case file, a quiz item) and hold the policy's node.
func Compile(n *jsonpos.Node, typ PolicyType) (*Policy, error) {
	c := &compiler{typ: typ}
	p := c.policy(n)
	if len(c.errs) > 0 {
		sort.SliceStable(c.errs, func(i, j int) bool { return c.errs[i].Pos.Offset < c.errs[j].Pos.Offset })
		return nil, c.errs
	}
	return p, nil
}

type compiler struct {
	typ  PolicyType
	errs ParseErrors
}

func (c *compiler) fail(p Pos, msg, expected string) {
	c.errs = append(c.errs, &ParseError{Pos: p, Msg: msg, Expected: expected})
}

var policyElements = []string{"Version", "Id", "Statement"}
var statementElements = []string{"Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition"}

func (c *compiler) policy(n *jsonpos.Node) *Policy {
	p := &Policy{Type: c.typ, Pos: n.Pos}
	if n.Kind != jsonpos.KindObject {
		c.fail(n.Pos, "a policy must be a JSON object, not "+n.Kind.String(), "expected {\"Version\": \"2012-10-17\", \"Statement\": [...]}")
		return p
	}
	var stmts *jsonpos.Node
	for _, m := range n.Members {
		switch m.Key {
		case "Version":
			if s, ok := c.str(m.Value, "Version"); ok {
				p.Version, p.VersionPos = s, m.Value.Pos
				if s != "2012-10-17" && s != "2008-10-17" {
					c.fail(m.Value.Pos, fmt.Sprintf("unsupported Version %q", s), "expected \"2012-10-17\" (current) or \"2008-10-17\"")
				}
			}
		case "Id":
			if s, ok := c.str(m.Value, "Id"); ok {
				p.ID = s
			}
		case "Statement":
			stmts = m.Value
		default:
			c.unknown(m, "policy", policyElements)
		}
	}
	if stmts == nil {
		c.fail(n.Pos, "the policy has no Statement", "expected a \"Statement\" element holding one statement object or a list of them")
		return p
	}
	switch stmts.Kind {
	case jsonpos.KindObject:
		p.Statements = append(p.Statements, c.statement(stmts, 0, p))
	case jsonpos.KindArray:
		for i, e := range stmts.Elems {
			if e.Kind != jsonpos.KindObject {
				c.fail(e.Pos, fmt.Sprintf("statement %d is %s", i+1, e.Kind), "expected a statement object {\"Effect\": …, \"Action\": …, …}")
				continue
			}
			p.Statements = append(p.Statements, c.statement(e, i, p))
		}
	default:
		c.fail(stmts.Pos, "Statement is "+stmts.Kind.String(), "expected a statement object or a list of statement objects")
	}
	if c.typ.iamSidRules() {
		c.sidRules(p)
	}
	return p
}

// iamSidRules: the policy types IAM itself stores follow IAM's Sid grammar;
// services' own resource policies (a KMS key policy's "Enable IAM User
// Permissions", an SQS policy's generated ids) keep their own.
func (t PolicyType) iamSidRules() bool {
	switch t {
	case IdentityPolicy, BoundaryPolicy, SessionPolicy, TrustPolicy:
		return true
	}
	return false
}

// sidRules applies IAM JSON policy elements: Sid: "The Sid element supports
// ASCII uppercase letters (A-Z), lowercase letters (a-z), and numbers
// (0-9)" and "In IAM, the Sid value must be unique within a JSON policy."
func (c *compiler) sidRules(p *Policy) {
	first := map[string]*Statement{}
	for _, s := range p.Statements {
		if s.SidPos.Line == 0 {
			continue
		}
		for _, r := range s.Sid {
			if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
				c.fail(s.SidPos, fmt.Sprintf("Sid %q contains %q", s.Sid, r), "expected ASCII letters and digits only (A-Z, a-z, 0-9): IAM rejects any other character in the Sid of "+article(c.typ.String()))
				break
			}
		}
		if f, ok := first[s.Sid]; ok {
			c.fail(s.SidPos, fmt.Sprintf("duplicate Sid %q (first used at %s)", s.Sid, f.SidPos), "expected a Sid unique within the policy: IAM rejects "+article(c.typ.String())+" with two statements of the same Sid")
			continue
		}
		first[s.Sid] = s
	}
}

func (c *compiler) unknown(m jsonpos.Member, where string, known []string) {
	c.fail(m.KeyPos, fmt.Sprintf("unknown %s element %q", where, m.Key), "expected one of "+strings.Join(known, ", ")+suggest.DidYouMean(m.Key, known))
}

func (c *compiler) str(n *jsonpos.Node, elem string) (string, bool) {
	if n.Kind != jsonpos.KindString {
		c.fail(n.Pos, fmt.Sprintf("%s is %s", elem, n.Kind), fmt.Sprintf("expected a string for %s", elem))
		return "", false
	}
	return n.Text, true
}

// strList reads a string or a list of strings.
func (c *compiler) strList(n *jsonpos.Node, elem string) []Value {
	switch n.Kind {
	case jsonpos.KindString:
		return []Value{{Text: n.Text, Pos: n.Pos}}
	case jsonpos.KindArray:
		out := make([]Value, 0, len(n.Elems))
		for _, e := range n.Elems {
			if e.Kind != jsonpos.KindString {
				c.fail(e.Pos, fmt.Sprintf("an element of %s is %s", elem, e.Kind), "expected a string")
				continue
			}
			out = append(out, Value{Text: e.Text, Pos: e.Pos})
		}
		if len(n.Elems) == 0 {
			c.fail(n.Pos, elem+" is an empty list", "expected at least one value")
		}
		return out
	}
	c.fail(n.Pos, fmt.Sprintf("%s is %s", elem, n.Kind), "expected a string or a list of strings")
	return nil
}

func (c *compiler) statement(n *jsonpos.Node, idx int, p *Policy) *Statement {
	s := &Statement{Index: idx, Pos: n.Pos}
	var action, resource, principal, condition *jsonpos.Member
	for i := range n.Members {
		m := &n.Members[i]
		switch m.Key {
		case "Sid":
			if v, ok := c.str(m.Value, "Sid"); ok {
				s.Sid, s.SidPos = v, m.Value.Pos
			}
		case "Effect":
			c.effect(s, m)
		case "Action", "NotAction":
			c.pair(m, "Action", "NotAction", &action)
		case "Resource", "NotResource":
			c.pair(m, "Resource", "NotResource", &resource)
		case "Principal", "NotPrincipal":
			c.pair(m, "Principal", "NotPrincipal", &principal)
		case "Condition":
			condition = m
		default:
			c.unknown(*m, "statement", statementElements)
		}
	}
	if s.Effect == 0 && s.EffectPos.Line == 0 && n.Get("Effect") == nil {
		c.fail(n.Pos, "statement "+s.Label()+" has no Effect", "expected \"Effect\": \"Allow\" or \"Deny\"")
	}
	c.actions(s, n, action)
	c.resources(s, n, resource, p.VariablesEnabled())
	c.statementPrincipal(s, n, principal)
	if condition != nil {
		s.Conditions = c.conditions(condition.Value, p.VariablesEnabled())
	}
	if c.typ == RCP {
		c.rcpRules(s, principal)
	}
	return s
}

// effect reads Effect, which is case-sensitive.
func (c *compiler) effect(s *Statement, m *jsonpos.Member) {
	v, ok := c.str(m.Value, "Effect")
	if !ok {
		return
	}
	s.EffectPos = m.Value.Pos
	switch v {
	case "Allow":
		s.Effect = Allow
	case "Deny":
		s.Effect = Deny
	default:
		exp := "expected \"Allow\" or \"Deny\""
		if strings.EqualFold(v, "allow") || strings.EqualFold(v, "deny") {
			exp += " (Effect is case-sensitive)"
		}
		c.fail(m.Value.Pos, fmt.Sprintf("Effect %q is not valid", v), exp)
	}
}

// actions reads Action or NotAction, which every statement needs, and
// compiles its patterns.
func (c *compiler) actions(s *Statement, n *jsonpos.Node, action *jsonpos.Member) {
	if action == nil {
		c.fail(n.Pos, "statement "+s.Label()+" has no Action", "expected \"Action\" or \"NotAction\"")
		return
	}
	s.NotAction, s.ActionPos = action.Key == "NotAction", action.KeyPos
	s.Actions = c.strList(action.Value, action.Key)
	s.actionGlobs = make([]wildcard.Pattern, 0, len(s.Actions))
	for _, a := range s.Actions {
		c.checkAction(a)
		s.actionGlobs = append(s.actionGlobs, wildcard.Compile(strings.ToLower(a.Text)))
	}
}

// resources reads Resource or NotResource, which some policy types
// require, and compiles each pattern: with its policy variables as a
// template, or fixed.
func (c *compiler) resources(s *Statement, n *jsonpos.Node, resource *jsonpos.Member, vars bool) {
	if resource == nil {
		if c.typ.resourceRequired() {
			c.fail(n.Pos, "statement "+s.Label()+" has no Resource", "expected \"Resource\" or \"NotResource\" (use \"*\" for every resource)")
		}
		return
	}
	s.HasResource, s.NotResource, s.ResourcePos = true, resource.Key == "NotResource", resource.KeyPos
	s.Resources = c.strList(resource.Value, resource.Key)
	s.resTmpl = make([]template, 0, len(s.Resources))
	s.resFixed = make([]arnPattern, 0, len(s.Resources))
	for _, r := range s.Resources {
		c.checkResourceService(r)
		if vars {
			c.checkVariablePlace(r)
		}
		t := compileTemplate(r.Text, vars)
		s.resTmpl = append(s.resTmpl, t)
		var ap arnPattern
		if !t.hasVars() {
			ap = compileResourcePattern(t.fixed)
		}
		s.resFixed = append(s.resFixed, ap)
	}
}

// statementPrincipal reads Principal or NotPrincipal where the policy type
// allows one, and requires one where it must name who it applies to.
func (c *compiler) statementPrincipal(s *Statement, n *jsonpos.Node, principal *jsonpos.Member) {
	allowed, required := c.typ.principalRule()
	switch {
	case principal != nil && !allowed:
		c.fail(principal.KeyPos, fmt.Sprintf("%s is not allowed in %s", principal.Key, article(c.typ.String())),
			"expected no Principal: the principal is whoever the policy is attached to")
	case principal != nil && principal.Key == "NotPrincipal" && c.typ == TrustPolicy:
		// IAM User Guide, "AWS JSON policy elements: NotPrincipal": "You
		// cannot use the NotPrincipal element in an IAM identity-based
		// policy nor in an IAM role trust policy."
		c.fail(principal.KeyPos, "NotPrincipal is not allowed in a role trust policy", "expected \"Principal\" naming who may assume the role: IAM does not accept NotPrincipal in a trust policy")
	case principal != nil:
		s.Principal = c.principal(principal)
	case required:
		c.fail(n.Pos, "statement "+s.Label()+" has no Principal", fmt.Sprintf("expected \"Principal\" in %s: it must say who it applies to", article(c.typ.String())))
	}
}

// rcpRules applies the narrower grammar of resource control policies (AWS
// Organizations, "RCP syntax"): Allow exists only in RCPFullAWSAccess, which
// AWS attaches at every level itself; Principal must be "*"; and Action may
// not be "*" on its own. The exact RCPFullAWSAccess statement is accepted so
// that a sandbox can show the AWS-managed policy.
func (c *compiler) rcpRules(s *Statement, principal *jsonpos.Member) {
	star := func(vs []Value) bool { return len(vs) == 1 && vs[0].Text == "*" }
	anyone := s.Principal != nil && !s.Principal.Not && s.Principal.Any
	if s.Principal != nil {
		for _, e := range s.Principal.Entries {
			if e.Type != "AWS" || e.Value != "*" {
				anyone = false
			}
		}
	}
	if s.Effect == Allow && anyone && !s.NotAction && star(s.Actions) && s.HasResource && !s.NotResource && star(s.Resources) && len(s.Conditions) == 0 {
		return // RCPFullAWSAccess
	}
	if s.Effect == Allow {
		c.fail(s.EffectPos, "Allow in a resource control policy", "expected \"Deny\": RCPs only restrict, and the AWS-managed RCPFullAWSAccess already allows everything at every level")
	}
	if principal != nil && !anyone {
		c.fail(principal.KeyPos, principal.Key+" in a resource control policy must be \"*\"", "expected \"Principal\": \"*\"; narrow the principals with conditions such as aws:PrincipalOrgID")
	}
	if !s.NotAction {
		for _, a := range s.Actions {
			if a.Text == "*" {
				c.fail(a.Pos, "Action \"*\" in a resource control policy", "expected the actions of services that support RCPs, such as \"s3:*\" or \"sqs:SendMessage\"")
			}
		}
	}
}

func article(s string) string {
	if s != "" && strings.ContainsRune("aeiouAEIOU", rune(s[0])) {
		return "an " + s
	}
	return "a " + s
}

// pair records Action/NotAction-style elements, which exclude each other.
func (c *compiler) pair(m *jsonpos.Member, a, b string, dst **jsonpos.Member) {
	if *dst != nil {
		c.fail(m.KeyPos, fmt.Sprintf("%s and %s together (the other at %s)", m.Key, (*dst).Key, (*dst).KeyPos), fmt.Sprintf("expected either %s or %s, not both", a, b))
		return
	}
	*dst = m
}

// checkResourceService refuses a wildcard in an ARN's service segment:
// IAM rejects such a document, since a Resource must name the service it
// belongs to.
func (c *compiler) checkResourceService(r Value) {
	if !strings.HasPrefix(r.Text, "arn:") {
		return
	}
	// The service is the third colon-separated part.
	_, rest, _ := strings.Cut(r.Text, ":")
	_, rest, two := strings.Cut(rest, ":")
	service, _, _ := strings.Cut(rest, ":")
	if two && strings.ContainsAny(service, "*?") {
		c.fail(r.Pos, fmt.Sprintf("a wildcard in the service part of %q", r.Text),
			"expected the service written out, such as arn:aws:s3:::bucket/*: IAM does not accept a wildcard there")
	}
}

// checkVariablePlace applies the Policy variables page: "You can use a
// policy variable in the Resource element, but only in the resource portion
// of the ARN. This portion of the ARN appears after the fifth colon (:). You
// can't use a variable to replace parts of the ARN before the fifth colon,
// such as the service or account."
func (c *compiler) checkVariablePlace(r Value) {
	if !strings.HasPrefix(r.Text, "arn:") {
		return
	}
	colons := 0
	for i := 0; i < len(r.Text) && colons < 5; i++ {
		switch {
		case r.Text[i] == ':':
			colons++
		case strings.HasPrefix(r.Text[i:], "${"):
			end := strings.IndexByte(r.Text[i:], '}')
			if end < 0 {
				return
			}
			switch r.Text[i+2 : i+end] {
			case "*", "?", "$":
				i += end // an escaped character, not a variable
				continue
			}
			part := [...]string{"arn", "partition", "service", "Region", "account"}[colons]
			c.fail(r.Pos, fmt.Sprintf("a policy variable in the %s part of %q", part, r.Text),
				"expected variables only in the resource part, after the fifth colon (arn:partition:service:region:account:resource): IAM does not substitute them before it")
			return
		}
	}
}

func (c *compiler) checkAction(a Value) {
	if a.Text == "*" {
		return
	}
	i := strings.IndexByte(a.Text, ':')
	if i <= 0 || i == len(a.Text)-1 {
		c.fail(a.Pos, fmt.Sprintf("%q is not an action", a.Text), "expected \"service:Action\" such as \"s3:GetObject\", or \"*\"")
		return
	}
	if strings.ContainsAny(a.Text, " \t") {
		c.fail(a.Pos, fmt.Sprintf("%q contains a space", a.Text), "expected an action name without spaces")
	}
}

var principalTypes = []string{"AWS", "Service", "Federated", "CanonicalUser"}

func (c *compiler) principal(m *jsonpos.Member) *PrincipalSpec {
	ps := &PrincipalSpec{Not: m.Key == "NotPrincipal", Pos: m.Value.Pos}
	n := m.Value
	switch n.Kind {
	case jsonpos.KindString:
		if n.Text == "*" {
			ps.Any = true
			return ps
		}
		c.fail(n.Pos, fmt.Sprintf("%s %q is a bare string", m.Key, n.Text), "expected \"*\" or an object such as {\"AWS\": \"arn:aws:iam::111122223333:root\"}")
		return ps
	case jsonpos.KindObject:
		for _, pm := range n.Members {
			known := false
			for _, t := range principalTypes {
				if pm.Key == t {
					known = true
				}
			}
			if !known {
				c.fail(pm.KeyPos, fmt.Sprintf("unknown principal type %q", pm.Key), "expected one of AWS, Service, Federated, CanonicalUser"+suggest.DidYouMean(pm.Key, principalTypes))
				continue
			}
			for _, v := range c.strList(pm.Value, m.Key+"."+pm.Key) {
				if v.Text == "*" && pm.Key == "AWS" {
					ps.Any = true
				}
				if v.Text != "*" && wildcard.HasWildcard(v.Text) {
					c.fail(v.Pos, fmt.Sprintf("wildcard inside the principal %q", v.Text), "expected a full ARN, account ID or service name: only \"*\" on its own is a wildcard in Principal (use a condition on aws:PrincipalArn with ArnLike)")
				}
				ps.Entries = append(ps.Entries, PrincipalEntry{Type: pm.Key, Value: v.Text, Pos: v.Pos})
			}
		}
		if len(n.Members) == 0 {
			c.fail(n.Pos, m.Key+" is an empty object", "expected a principal type such as \"AWS\" or \"Service\"")
		}
		return ps
	}
	c.fail(n.Pos, fmt.Sprintf("%s is %s", m.Key, n.Kind), "expected \"*\" or an object such as {\"AWS\": \"…\"}")
	return ps
}

func (c *compiler) conditions(n *jsonpos.Node, vars bool) []*Condition {
	if n.Kind != jsonpos.KindObject {
		c.fail(n.Pos, "Condition is "+n.Kind.String(), "expected an object such as {\"StringEquals\": {\"aws:PrincipalTag/team\": \"blue\"}}")
		return nil
	}
	var out []*Condition
	for _, om := range n.Members {
		op, msg, exp := ParseOperator(om.Key)
		if msg != "" {
			c.fail(om.KeyPos, msg, exp)
			continue
		}
		if om.Value.Kind != jsonpos.KindObject {
			c.fail(om.Value.Pos, fmt.Sprintf("the %s block is %s", om.Key, om.Value.Kind), "expected an object of condition keys and values, such as {\"aws:SourceIp\": \"203.0.113.0/24\"}")
			continue
		}
		if len(om.Value.Members) == 0 {
			c.fail(om.Value.Pos, "the "+om.Key+" block is empty", "expected at least one condition key")
		}
		for _, km := range om.Value.Members {
			vals := c.condValues(km.Value, km.Key)
			if op.base.fam == famNull && vars {
				for _, v := range vals {
					if strings.Contains(v.Text, "${") {
						c.fail(v.Pos, "a policy variable in a Null condition", "expected \"true\" or \"false\": Null does not take variables")
					}
				}
			}
			if km.Key == "" {
				c.fail(km.KeyPos, "an empty condition key", "expected a key such as \"aws:SourceIp\"")
				continue
			}
			if op.base.fam == famIP {
				// A malformed address or CIDR block (10.0.0.0/33) is refused
				// when the policy is saved, not kept as a value that never
				// matches: IAM validates IpAddress values as addresses.
				for _, v := range vals {
					if _, ok := parseIPValue(v.Text); !ok {
						c.fail(v.Pos, fmt.Sprintf("%q is not an IP address or CIDR block", v.Text), "expected an IPv4 or IPv6 address or CIDR block such as 203.0.113.0/24 or 2001:db8::/32 (prefix length at most 32 for IPv4, 128 for IPv6)")
					}
				}
			}
			out = append(out, compileCondition(op, om.KeyPos, km.Key, km.KeyPos, vals, vars))
		}
	}
	return out
}

// condValues accepts strings, numbers and booleans (AWS compares them as
// text), alone or in a list.
func (c *compiler) condValues(n *jsonpos.Node, key string) []Value {
	scalar := func(e *jsonpos.Node) (Value, bool) {
		switch e.Kind {
		case jsonpos.KindString, jsonpos.KindNumber, jsonpos.KindBool:
			return Value{Text: e.Text, Pos: e.Pos}, true
		}
		c.fail(e.Pos, fmt.Sprintf("a value of %s is %s", key, e.Kind), "expected a string, number or boolean")
		return Value{}, false
	}
	if n.Kind == jsonpos.KindArray {
		out := make([]Value, 0, len(n.Elems))
		for _, e := range n.Elems {
			if v, ok := scalar(e); ok {
				out = append(out, v)
			}
		}
		if len(n.Elems) == 0 {
			c.fail(n.Pos, "the values of "+key+" are an empty list", "expected at least one value")
		}
		return out
	}
	if v, ok := scalar(n); ok {
		return []Value{v}
	}
	return nil
}
