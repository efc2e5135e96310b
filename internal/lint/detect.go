package lint

import (
	"strings"

	"github.com/iamlab/iamlab/internal/diag"
	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/jsonpos"
)

// Auto lints a document whose type the user did not give: when every
// statement names a Principal it cannot be an identity policy, so it is
// linted as a resource policy (a role trust policy when every action is
// an sts:AssumeRole… action), and a suggestion says so.
func Auto(src []byte) ([]diag.Diagnostic, eval.PolicyType) {
	node, err := jsonpos.Parse(src)
	if err != nil {
		return Policy(src, eval.IdentityPolicy), eval.IdentityPolicy
	}
	typ, ok := detect(node)
	if !ok {
		return lintNode(node, eval.IdentityPolicy), eval.IdentityPolicy
	}
	out := lintNode(node, typ)
	flag := "resource"
	if typ == eval.TrustPolicy {
		flag = "trust"
	}
	out = append(out, at(CodePolicyTypeDetected, diag.Suggestion, node.Pos,
		"linted as "+article(typ.String())+" because every statement names a Principal",
		"pass --type "+flag+" to say so, or --type with another policy type if this is not one"))
	sortFindings(out)
	return out, typ
}

func detect(node *jsonpos.Node) (eval.PolicyType, bool) {
	st := node.Get("Statement")
	var stmts []*jsonpos.Node
	switch {
	case st == nil:
		return eval.IdentityPolicy, false
	case st.Kind == jsonpos.KindObject:
		stmts = []*jsonpos.Node{st}
	case st.Kind == jsonpos.KindArray:
		stmts = st.Elems
	}
	if len(stmts) == 0 {
		return eval.IdentityPolicy, false
	}
	trust := true
	for _, s := range stmts {
		if s.Get("Principal") == nil && s.Get("NotPrincipal") == nil {
			return eval.IdentityPolicy, false
		}
		trust = trust && onlyAssumeRole(s.Get("Action"))
	}
	if trust {
		return eval.TrustPolicy, true
	}
	return eval.ResourcePolicy, true
}

// onlyAssumeRole: a trust policy's actions are the sts calls that assume
// a role or decorate the session.
func onlyAssumeRole(n *jsonpos.Node) bool {
	var vals []*jsonpos.Node
	switch {
	case n == nil:
		return false
	case n.Kind == jsonpos.KindString:
		vals = []*jsonpos.Node{n}
	case n.Kind == jsonpos.KindArray:
		vals = n.Elems
	}
	if len(vals) == 0 {
		return false
	}
	for _, v := range vals {
		t := strings.ToLower(v.Text)
		if !strings.HasPrefix(t, "sts:assumerole") && t != "sts:tagsession" && t != "sts:setsourceidentity" && t != "sts:setcontext" {
			return false
		}
	}
	return true
}

func article(s string) string {
	if s != "" && strings.ContainsRune("aeiouAEIOU", rune(s[0])) {
		return "an " + s
	}
	return "a " + s
}
