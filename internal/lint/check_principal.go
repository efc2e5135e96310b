package lint

import (
	"fmt"
	"strings"

	"github.com/iamlab/iamlab/internal/arn"
	"github.com/iamlab/iamlab/internal/eval"
)

// checkPrincipals flags principal values IAM would reject or never match.
func checkPrincipals(c *checker, s *eval.Statement) {
	if s.Principal == nil || !principalAllowed(c.typ) {
		return
	}
	for _, e := range s.Principal.Entries {
		if e.Value == "*" {
			continue // a wildcard is checked by public-principal
		}
		if p, advice := principalProblem(e.Type, e.Value); p != "" {
			c.add(CodeMalformedPrincipal, e.Pos, fmt.Sprintf("%s principal %q %s", e.Type, e.Value, p), advice)
		}
	}
}

func principalProblem(typ, v string) (problem, advice string) {
	switch typ {
	case "AWS":
		if arn.IsAccountID(v) {
			return "", ""
		}
		if f, ok := arn.Split(v); ok && (f[2] == "iam" || f[2] == "sts") && f[4] != "" {
			return "", ""
		}
		return "is neither a 12-digit account ID nor an IAM or STS ARN",
			"name an account as \"111122223333\" or arn:aws:iam::111122223333:root, a role as arn:aws:iam::111122223333:role/name"
	case "Service":
		if strings.HasSuffix(v, ".amazonaws.com") || strings.HasSuffix(v, ".amazonaws.com.cn") {
			return "", ""
		}
		return "is not a service principal",
			"service principals end in .amazonaws.com, such as \"ec2.amazonaws.com\" or \"lambda.amazonaws.com\""
	case "Federated":
		if f, ok := arn.Split(v); ok && f[2] == "iam" {
			return "", ""
		}
		if strings.Contains(v, ".") && !strings.ContainsAny(v, " /:") {
			return "", "" // a web identity provider such as accounts.google.com
		}
		return "is neither an identity provider ARN nor a provider's domain",
			"use arn:aws:iam::111122223333:saml-provider/name, …:oidc-provider/host, or a domain such as cognito-identity.amazonaws.com"
	case "CanonicalUser":
		if len(v) == 64 && strings.Trim(strings.ToLower(v), "0123456789abcdef") == "" {
			return "", ""
		}
		return "is not a canonical user ID", "a canonical user ID is 64 hexadecimal characters"
	}
	return "", ""
}

// checkPublicPrincipal: Principal "*" with no condition lets anyone,
// including anonymous callers, do what the statement allows. RCPs and VPC
// endpoint policies are exempt: there "*" is the normal form, and the
// policy only filters requests other policies must still allow.
func checkPublicPrincipal(c *checker, s *eval.Statement) {
	if s.Effect != eval.Allow || s.Principal == nil || s.Principal.Not || !s.Principal.Any || len(s.Conditions) > 0 || !grants(c.typ) || !principalAllowed(c.typ) {
		return
	}
	c.add(CodePublicPrincipal, s.Principal.Pos,
		"Principal \"*\" with no Condition allows anyone, including anonymous callers",
		"name the accounts or roles that need access, or add a Condition such as aws:PrincipalOrgID or aws:SourceVpce")
}

// checkAllowNotPrincipal: NotPrincipal with Allow grants everybody except
// the listed principals, including anonymous callers.
func checkAllowNotPrincipal(c *checker, s *eval.Statement) {
	if s.Effect != eval.Allow || s.Principal == nil || !s.Principal.Not || !principalAllowed(c.typ) {
		return
	}
	c.add(CodeAllowNotPrincipal, s.Principal.Pos,
		"Allow with NotPrincipal allows every principal not listed, including anonymous callers",
		"use Principal with the principals that need access; to exclude some, add a Condition with ArnNotEquals on aws:PrincipalArn")
}
