package lint

import (
	"errors"
	"strings"

	"github.com/iamlab/iamlab/internal/arn"
	"github.com/iamlab/iamlab/internal/catalog"
	"github.com/iamlab/iamlab/internal/diag"
	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/jsonpos"
)

// Policy lints one policy document of the given type and returns its
// findings in document order.
func Policy(src []byte, typ eval.PolicyType) []diag.Diagnostic {
	node, err := jsonpos.Parse(src)
	if err != nil {
		var pe *eval.ParseError
		if errors.As(err, &pe) {
			return []diag.Diagnostic{FromParseError(pe, CodeJSONSyntax)}
		}
		return []diag.Diagnostic{{Code: CodeJSONSyntax, Severity: diag.Error, Message: err.Error()}}
	}
	return lintNode(node, typ)
}

func lintNode(node *jsonpos.Node, typ eval.PolicyType) []diag.Diagnostic {
	var out []diag.Diagnostic
	p, err := eval.Compile(node, typ)
	if err != nil {
		var pes eval.ParseErrors
		if !errors.As(err, &pes) {
			return []diag.Diagnostic{at(CodeInvalidGrammar, diag.Error, node.Pos, err.Error(), "")}
		}
		for _, pe := range pes {
			out = append(out, FromParseError(pe, classify(pe)))
		}
		// A misplaced or missing Principal or Resource should not hide
		// every other finding: compiled as a VPC endpoint policy, where
		// both are optional, the rest of the document can still be
		// checked. Any other grammar error leaves nothing to trust.
		p, err = eval.Compile(node, eval.EndpointPolicy)
		if err != nil {
			sortFindings(out)
			return out
		}
	}
	out = append(out, check(p, typ)...)
	sortFindings(out)
	return out
}

// Compiled lints a policy the caller has already parsed and compiled, for
// callers that hold one (the editor on every keystroke): only the
// semantic checks run, since a compiled policy has no grammar error.
func Compiled(p *eval.Policy) []diag.Diagnostic {
	out := check(p, p.Type)
	sortFindings(out)
	return out
}

func check(p *eval.Policy, typ eval.PolicyType) []diag.Diagnostic {
	c := newChecker(p, typ)
	c.run()
	return c.out
}

// checker holds one policy while the checks run, with the catalogue
// look-ups they share cached: a 50-statement policy repeats its patterns.
type checker struct {
	p   *eval.Policy
	typ eval.PolicyType
	out []diag.Diagnostic

	expanded map[string][]*catalog.Action // by lower-cased pattern
	keys     map[*catalog.Action][]string
	fits     map[fitKey]bool
}

type fitKey struct {
	rt  *catalog.ResourceType
	arn string
}

func newChecker(p *eval.Policy, typ eval.PolicyType) *checker {
	return &checker{p: p, typ: typ,
		expanded: map[string][]*catalog.Action{},
		keys:     map[*catalog.Action][]string{},
		fits:     map[fitKey]bool{},
	}
}

func (c *checker) add(code string, pos eval.Pos, msg, advice string) {
	sev, ok := codeSeverity[code]
	if !ok {
		sev = diag.Warning
	}
	c.out = append(c.out, at(code, sev, pos, msg, advice))
}

// statementChecks run once per statement; policyChecks once per document.
var statementChecks = []func(*checker, *eval.Statement){
	checkUnknownActions,
	checkResourceTypes,
	checkARNs,
	checkPrincipals,
	checkPublicPrincipal,
	checkAllowNotPrincipal,
	checkConditionKeys,
	checkSetOperators,
	checkOperatorTypes,
	checkForAllValuesAllow,
	checkAllowNotAction,
	checkAllowNotResource,
	checkAllowAll,
	checkAllowServiceAll,
	checkPassRole,
	checkMFADenyWithoutIfExists,
}

var policyChecks = []func(*checker){
	checkMissingVersion,
	checkOldVersionVariables,
	checkDuplicateSids,
}

func (c *checker) run() {
	for _, f := range policyChecks {
		f(c)
	}
	for _, s := range c.p.Statements {
		for _, f := range statementChecks {
			f(c, s)
		}
	}
}

// expand is catalog.Expand with a cache.
func (c *checker) expand(pattern string) []*catalog.Action {
	k := strings.ToLower(pattern)
	if acts, ok := c.expanded[k]; ok {
		return acts
	}
	acts := catalog.Expand(pattern)
	c.expanded[k] = acts
	return acts
}

// conditionKeys is catalog.ConditionKeysFor with a cache.
func (c *checker) conditionKeys(a *catalog.Action) []string {
	if ks, ok := c.keys[a]; ok {
		return ks
	}
	ks := catalog.ConditionKeysFor(a)
	c.keys[a] = ks
	return ks
}

// fitsType reports, with a cache, whether a Resource pattern can name a
// resource of the type.
func (c *checker) fitsType(rt *catalog.ResourceType, arn string) bool {
	k := fitKey{rt, arn}
	if ok, seen := c.fits[k]; seen {
		return ok
	}
	ok := rt.MatchesPattern(arn)
	c.fits[k] = ok
	return ok
}

// statementActions returns every catalogue action the statement's Action
// list can match, and whether that list is complete: it is not when an
// action is unknown (the catalogue may be behind AWS) or the list says
// "*", where checking against twenty thousand actions teaches nothing.
func (c *checker) statementActions(s *eval.Statement) ([]*catalog.Action, bool) {
	if s.NotAction {
		return nil, false
	}
	var out []*catalog.Action
	for _, a := range s.Actions {
		if everyAction(a.Text) {
			return nil, false
		}
		acts := c.expand(a.Text)
		if len(acts) == 0 {
			return nil, false
		}
		out = append(out, acts...)
	}
	return out, true
}

func isAllStars(s string) bool { return s != "" && strings.Trim(s, "*") == "" }

// everyAction: "*" and "*:*" both match every action.
func everyAction(s string) bool {
	svc, act, ok := arn.SplitAction(s)
	return isAllStars(s) || ok && isAllStars(svc) && isAllStars(act)
}

// principalAllowed: in types where Principal is an error, the principal
// checks would only repeat it.
func principalAllowed(t eval.PolicyType) bool {
	switch t {
	case eval.ResourcePolicy, eval.TrustPolicy, eval.KeyPolicy, eval.RCP, eval.EndpointPolicy:
		return true
	}
	return false
}

// grants says whether the policy type can give permissions. Boundaries,
// session policies, SCPs and RCPs only limit, so "Allow *" there is the
// normal way to leave room, not a risk.
func grants(t eval.PolicyType) bool {
	switch t {
	case eval.IdentityPolicy, eval.ResourcePolicy, eval.TrustPolicy, eval.KeyPolicy:
		return true
	}
	return false
}
