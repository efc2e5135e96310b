package eval_test

import (
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/catalog"
	"github.com/iamlab/iamlab/internal/eval"
)

// Sections C (context), D (output) and E (rules simulators get wrong) of
// docs/evaluation-rules.md.

// principalCond reports whether the condition holds for a request by p with
// no context passed: only derived keys exist.
func principalCond(t *testing.T, p, cond string) bool {
	t.Helper()
	in := &eval.Input{Request: req(p, "s3:GetObject", bucketObj)}
	in.Request.ResourceAccount = acctA
	in.Identity = pols(t, eval.IdentityPolicy, doc(`{"Effect":"Allow","Action":"*","Resource":"*","Condition":`+cond+`}`))
	if p == fedFred {
		in.Session = pol(t, eval.SessionPolicy, doc(allowAll))
	}
	r := decide(t, in)
	return r.Decision == eval.Allowed
}

func TestC_PrincipalArnIsRoleForSession(t *testing.T) {
	if !principalCond(t, sessionRS, `{"StringEquals":{"aws:PrincipalArn":"`+roleR+`"}}`) {
		t.Error("aws:PrincipalArn of a session is not the role ARN")
	}
	if principalCond(t, sessionRS, `{"StringEquals":{"aws:PrincipalArn":"`+sessionRS+`"}}`) {
		t.Error("aws:PrincipalArn of a session is the session ARN")
	}
	if !principalCond(t, sessionRS, `{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::111111111111:role/*"}}`) {
		t.Error("ArnLike on the derived role ARN")
	}
	if !principalCond(t, alice, `{"StringEquals":{"aws:PrincipalArn":"`+alice+`"}}`) {
		t.Error("aws:PrincipalArn of a user")
	}
	if !principalCond(t, fedFred, `{"StringEquals":{"aws:PrincipalArn":"`+fedFred+`"}}`) {
		t.Error("aws:PrincipalArn of a federated user")
	}
	// A role path passed in aws:PrincipalArn is kept.
	in := &eval.Input{Request: req(sessionRS, "s3:GetObject", bucketObj)}
	in.Request.Context.Set("aws:PrincipalArn", "arn:aws:iam::111111111111:role/team/R")
	r := decide(t, in)
	if r.Trace.Request.RoleARN != "arn:aws:iam::111111111111:role/team/R" {
		t.Errorf("role ARN %q, want the path from aws:PrincipalArn", r.Trace.Request.RoleARN)
	}
}

func TestC_UsernameOnlyForUsers(t *testing.T) {
	if !principalCond(t, alice, `{"StringEquals":{"aws:username":"alice"}}`) {
		t.Error("aws:username of a user")
	}
	for _, p := range []string{sessionRS, fedFred, rootA} {
		if !principalCond(t, p, `{"Null":{"aws:username":"true"}}`) {
			t.Errorf("%s has aws:username", p)
		}
	}
	if !principalCond(t, "arn:aws:iam::111111111111:user/division/alice", `{"StringEquals":{"aws:username":"alice"}}`) {
		t.Error("aws:username of a user with a path")
	}
}

func TestC_PrincipalAccountAndType(t *testing.T) {
	cases := map[string]string{
		alice:     "User",
		sessionRS: "AssumedRole",
		fedFred:   "FederatedUser",
	}
	for p, typ := range cases {
		if !principalCond(t, p, `{"StringEquals":{"aws:PrincipalAccount":"111111111111","aws:PrincipalType":"`+typ+`"}}`) {
			t.Errorf("%s: PrincipalAccount/PrincipalType %s", p, typ)
		}
	}
	// Root has no identity policies; check through a resource policy Deny.
	in := &eval.Input{Request: req(rootA, "s3:GetObject", bucketObj)}
	in.Resource = pol(t, eval.ResourcePolicy, doc(`{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalType":"Account","aws:PrincipalAccount":"111111111111","aws:PrincipalArn":"`+rootA+`"}}}`))
	rule(t, want(t, in, eval.ExplicitDeny, eval.LayerResource), eval.RuleExplicitDeny)
	// Anonymous callers.
	in = &eval.Input{Request: req("*", "s3:GetObject", bucketObj)}
	in.Request.ResourceAccount = acctA
	in.Resource = pol(t, eval.ResourcePolicy, doc(`{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalType":"Anonymous"},"Null":{"aws:PrincipalAccount":"true","aws:PrincipalArn":"true"}}}`))
	rule(t, want(t, in, eval.Allowed, eval.LayerResource), eval.RuleResourceAllowNonIAMCaller)
}

func TestC_ResourceAccountDerived(t *testing.T) {
	if !principalCond(t, alice, `{"StringEquals":{"aws:ResourceAccount":"111111111111"}}`) {
		t.Error("aws:ResourceAccount from resourceAccount")
	}
	in := &eval.Input{Request: req(alice, "dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:111111111111:table/T")}
	in.Identity = pols(t, eval.IdentityPolicy, doc(`{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:ResourceAccount":"111111111111"}}}`))
	rule(t, want(t, in, eval.Allowed, eval.LayerIdentity), eval.RuleIdentityAllow)
}

func TestC_PassedKeysOverrideDerived(t *testing.T) {
	in := &eval.Input{Request: req(alice, "s3:GetObject", bucketObj)}
	in.Request.Context.Set("aws:username", "someone-else")
	in.Identity = pols(t, eval.IdentityPolicy, doc(`{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:username":"alice"}}}`))
	rule(t, want(t, in, eval.ImplicitDeny, eval.LayerIdentity), eval.RuleIdentityImplicitDeny)
	in.Request.Context.Delete("AWS:USERNAME")
	r := rule(t, want(t, in, eval.Allowed, eval.LayerIdentity), eval.RuleIdentityAllow)
	derived := map[string]string{}
	for _, e := range r.Trace.Request.Context {
		if e.Derived {
			derived[e.Key] = strings.Join(e.Value.Values, ",")
		}
	}
	if derived["aws:username"] != "alice" || derived["aws:PrincipalArn"] != alice || derived["aws:PrincipalAccount"] != acctA || derived["aws:PrincipalType"] != "User" {
		t.Errorf("derived keys in the trace: %v", derived)
	}
}

func TestD_DecisionWords(t *testing.T) {
	if eval.Allowed != "allowed" || eval.ExplicitDeny != "explicitDeny" || eval.ImplicitDeny != "implicitDeny" {
		t.Fatal("decision words differ from the AWS policy simulator's")
	}
}

func TestD_ReasonNamesTheLayerInAWSWords(t *testing.T) {
	narrow := doc(`{"Effect":"Allow","Action":"ec2:*","Resource":"*"}`)
	denyS3 := `{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}`
	denyS3P := `{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"*"}`
	type tc struct {
		name  string
		setup func(t *testing.T, in *eval.Input)
		d     eval.Decision
		by    eval.Layer
		frag  string
		rule  eval.Rule
	}
	cases := []tc{
		{"explicit SCP", func(t *testing.T, in *eval.Input) { in.SCPs = chain(t, eval.SCP, doc(allowAll, denyS3)) }, eval.ExplicitDeny, eval.LayerSCP, "with an explicit deny in a service control policy", eval.RuleExplicitDeny},
		{"implicit SCP", func(t *testing.T, in *eval.Input) { in.SCPs = chain(t, eval.SCP, narrow) }, eval.ImplicitDeny, eval.LayerSCP, "no service control policy allows the s3:GetObject action", eval.RuleSCPImplicitDeny},
		{"explicit RCP", func(t *testing.T, in *eval.Input) { in.RCPs = chain(t, eval.RCP, doc(denyS3P)) }, eval.ExplicitDeny, eval.LayerRCP, "with an explicit deny in a resource control policy", eval.RuleExplicitDeny},
		{"explicit VPCE", func(t *testing.T, in *eval.Input) { in.Endpoints = pols(t, eval.EndpointPolicy, doc(allowAll, denyS3)) }, eval.ExplicitDeny, eval.LayerEndpoint, "with an explicit deny in a VPC endpoint policy", eval.RuleExplicitDeny},
		{"implicit VPCE", func(t *testing.T, in *eval.Input) { in.Endpoints = pols(t, eval.EndpointPolicy, narrow) }, eval.ImplicitDeny, eval.LayerEndpoint, "no VPC endpoint policy allows the s3:GetObject action", eval.RuleEndpointImplicitDeny},
		{"explicit resource", func(t *testing.T, in *eval.Input) { in.Resource = pol(t, eval.ResourcePolicy, doc(denyS3P)) }, eval.ExplicitDeny, eval.LayerResource, "with an explicit deny in a resource-based policy", eval.RuleExplicitDeny},
		{"implicit resource (cross-account)", func(t *testing.T, in *eval.Input) { in.Request.ResourceAccount = acctB }, eval.ImplicitDeny, eval.LayerResource, "no resource-based policy allows the s3:GetObject action", eval.RuleCrossAccountResourceImplicitDeny},
		{"explicit identity", func(t *testing.T, in *eval.Input) {
			in.Identity = append(in.Identity, pols(t, eval.IdentityPolicy, doc(denyS3))...)
		}, eval.ExplicitDeny, eval.LayerIdentity, "with an explicit deny in an identity-based policy", eval.RuleExplicitDeny},
		{"implicit identity", func(t *testing.T, in *eval.Input) { in.Identity = pols(t, eval.IdentityPolicy, narrow) }, eval.ImplicitDeny, eval.LayerIdentity, "no identity-based policy allows the s3:GetObject action", eval.RuleIdentityImplicitDeny},
		{"explicit boundary", func(t *testing.T, in *eval.Input) { in.Boundary = pol(t, eval.BoundaryPolicy, doc(allowAll, denyS3)) }, eval.ExplicitDeny, eval.LayerBoundary, "with an explicit deny in a permissions boundary", eval.RuleExplicitDeny},
		{"implicit boundary", func(t *testing.T, in *eval.Input) { in.Boundary = pol(t, eval.BoundaryPolicy, narrow) }, eval.ImplicitDeny, eval.LayerBoundary, "no permissions boundary allows the s3:GetObject action", eval.RuleBoundaryImplicitDeny},
		{"explicit session", func(t *testing.T, in *eval.Input) { in.Session = pol(t, eval.SessionPolicy, doc(allowAll, denyS3)) }, eval.ExplicitDeny, eval.LayerSession, "with an explicit deny in a session policy", eval.RuleExplicitDeny},
		{"implicit session", func(t *testing.T, in *eval.Input) { in.Session = pol(t, eval.SessionPolicy, narrow) }, eval.ImplicitDeny, eval.LayerSession, "no session policy allows the s3:GetObject action", eval.RuleSessionImplicitDeny},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := &eval.Input{Request: req(sessionRS, "s3:GetObject", bucketObj)}
			in.Request.ResourceAccount = acctA
			in.Identity = pols(t, eval.IdentityPolicy, doc(allowAll))
			c.setup(t, in)
			r := rule(t, wantReason(t, in, c.d, c.by, c.frag), c.rule)
			if c.d == eval.ExplicitDeny && (r.Deciding == nil || r.Deciding.Layer != c.by) {
				t.Errorf("deciding %+v, want a statement of layer %s", r.Deciding, c.by)
			}
			if c.d == eval.ImplicitDeny && r.Deciding != nil {
				t.Errorf("an implicit deny names a deciding statement %+v", r.Deciding)
			}
			if !strings.HasPrefix(r.Sentence(), string(c.d)+" — ") {
				t.Errorf("sentence %q", r.Sentence())
			}
		})
	}
}

func TestE1_RoleSessionARNNotLimitedBySessionPolicy(t *testing.T) {
	in := &eval.Input{Request: req(sessionRS, "s3:GetObject", bucketObj)}
	in.Request.ResourceAccount = acctA
	in.Resource = resPolicyNaming(t, sessionRS)
	narrow := doc(`{"Effect":"Allow","Action":"ec2:*","Resource":"*"}`)
	in.Session = pol(t, eval.SessionPolicy, narrow)
	r := rule(t, want(t, in, eval.Allowed, eval.LayerResource), eval.RuleResourceAllowSameAccount)
	if !strings.Contains(r.Reason, "role-session ARN") {
		t.Errorf("reason %q does not say the session ARN was named", r.Reason)
	}
	in.Boundary = pol(t, eval.BoundaryPolicy, narrow)
	in.Identity = pols(t, eval.IdentityPolicy, narrow)
	rule(t, want(t, in, eval.Allowed, eval.LayerResource), eval.RuleResourceAllowSameAccount)
	// The same policy naming the role instead is limited.
	in.Resource = resPolicyNaming(t, roleR)
	rule(t, want(t, in, eval.ImplicitDeny, eval.LayerBoundary), eval.RuleBoundaryImplicitDeny)
	in.Boundary = nil
	rule(t, want(t, in, eval.ImplicitDeny, eval.LayerSession), eval.RuleSessionImplicitDeny)
}

func TestE2_NegatedOperatorWithUnresolvedVariableApplies(t *testing.T) {
	mk := func(op, key, value string, c ctx) *eval.Input {
		in := &eval.Input{Request: req(sessionRS, "s3:GetObject", bucketObj)}
		in.Request.ResourceAccount = acctA
		in.Identity = pols(t, eval.IdentityPolicy, doc(allowAll, `{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"`+op+`":{"`+key+`":"`+value+`"}}}`))
		for k, v := range c {
			in.Request.Context.Set(k, v.(string))
		}
		return in
	}
	// aws:PrincipalTag/team is absent: the variable has no value.
	for _, op := range []string{"StringNotEquals", "StringNotLike", "StringNotEqualsIgnoreCase"} {
		t.Run(op, func(t *testing.T) {
			in := mk(op, "s3:prefix", "${aws:PrincipalTag/team}", ctx{"s3:prefix": "blue"})
			rule(t, want(t, in, eval.ExplicitDeny, eval.LayerIdentity), eval.RuleExplicitDeny)
			// With the tag present and equal, the Deny does not apply.
			in = mk(op, "s3:prefix", "${aws:PrincipalTag/team}", ctx{"s3:prefix": "blue", "aws:PrincipalTag/team": "blue"})
			rule(t, want(t, in, eval.Allowed, eval.LayerIdentity), eval.RuleIdentityAllow)
		})
	}
	for _, op := range []string{"ArnNotEquals", "ArnNotLike"} {
		t.Run(op, func(t *testing.T) {
			in := mk(op, "aws:SourceArn", "arn:aws:sns:us-east-1:111111111111:${aws:PrincipalTag/topic}", ctx{"aws:SourceArn": "arn:aws:sns:us-east-1:111111111111:t"})
			rule(t, want(t, in, eval.ExplicitDeny, eval.LayerIdentity), eval.RuleExplicitDeny)
			in = mk(op, "aws:SourceArn", "arn:aws:sns:us-east-1:111111111111:${aws:PrincipalTag/topic}", ctx{"aws:SourceArn": "arn:aws:sns:us-east-1:111111111111:t", "aws:PrincipalTag/topic": "t"})
			rule(t, want(t, in, eval.Allowed, eval.LayerIdentity), eval.RuleIdentityAllow)
		})
	}
	// Positive operators with an unresolved variable are false.
	for _, op := range []string{"StringEquals", "StringLike", "StringEqualsIgnoreCase", "ArnLike", "ArnEquals"} {
		in := mk(op, "s3:prefix", "${aws:PrincipalTag/team}", ctx{"s3:prefix": ""})
		if strings.HasPrefix(op, "Arn") {
			in = mk(op, "aws:SourceArn", "arn:aws:sns:us-east-1:111111111111:${aws:PrincipalTag/topic}", ctx{"aws:SourceArn": "arn:aws:sns:us-east-1:111111111111:"})
		}
		rule(t, want(t, in, eval.Allowed, eval.LayerIdentity), eval.RuleIdentityAllow)
	}
	// The trace says why.
	r := rule(t, want(t, mk("StringNotEquals", "s3:prefix", "${aws:PrincipalTag/team}", ctx{"s3:prefix": "blue"}), eval.ExplicitDeny, eval.LayerIdentity), eval.RuleExplicitDeny)
	cts := condTraces(r)
	found := false
	for _, ct := range cts {
		for _, v := range ct.Values {
			if len(v.Substitutions) == 1 && !v.Substitutions[0].Resolved {
				found = true
			}
		}
	}
	if !found {
		t.Error("the trace does not show the unresolved variable")
	}
}

func TestE3_IfExistsWithSetOperators(t *testing.T) {
	cond := `{"ForAnyValue:StringEqualsIfExists":{"aws:TagKeys":["env","team"]}}`
	if !condResult(t, "2012-10-17", cond, ctx{}) {
		t.Error("ForAnyValue:StringEqualsIfExists with the key missing should be true")
	}
	if condResult(t, "2012-10-17", cond, ctx{"aws:TagKeys": []string{"cost"}}) {
		t.Error("ForAnyValue:StringEqualsIfExists with no listed value present should be false")
	}
	if !condResult(t, "2012-10-17", cond, ctx{"aws:TagKeys": []string{"cost", "env"}}) {
		t.Error("ForAnyValue:StringEqualsIfExists with a listed value present should be true")
	}
	cond = `{"ForAllValues:StringLikeIfExists":{"aws:TagKeys":["env*"]}}`
	if !condResult(t, "2012-10-17", cond, ctx{}) {
		t.Error("ForAllValues:StringLikeIfExists with the key missing should be true")
	}
	if condResult(t, "2012-10-17", cond, ctx{"aws:TagKeys": []string{"env1", "cost"}}) {
		t.Error("ForAllValues:StringLikeIfExists with an unlisted value should be false")
	}
	// The operator is parsed as a set operator with IfExists.
	op, msg, _ := eval.ParseOperator("ForAnyValue:StringEqualsIfExists")
	if msg != "" || op.Set != eval.SetForAnyValue || !op.IfExists || op.Base != "StringEquals" {
		t.Errorf("ParseOperator: %+v %q", op, msg)
	}
}

func TestE4_VariablesLiteralBeforeVersion2012(t *testing.T) {
	for _, version := range []string{"2008-10-17", ""} {
		t.Run("version="+version, func(t *testing.T) {
			v := ""
			if version != "" {
				v = `"Version":"` + version + `",`
			}
			src := `{` + v + `"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::bucket/home/${aws:username}/*"}]}`
			in := &eval.Input{Request: req(alice, "s3:GetObject", "arn:aws:s3:::bucket/home/alice/x")}
			in.Identity = pols(t, eval.IdentityPolicy, src)
			rule(t, want(t, in, eval.ImplicitDeny, eval.LayerIdentity), eval.RuleIdentityImplicitDeny)
			in.Request.Resource = "arn:aws:s3:::bucket/home/${aws:username}/x"
			rule(t, want(t, in, eval.Allowed, eval.LayerIdentity), eval.RuleIdentityAllow)
			// Conditions too.
			if condResult(t, version, `{"StringEquals":{"s3:prefix":"home/${aws:username}"}}`, ctx{"s3:prefix": "home/alice"}) {
				t.Error("variable substituted in a condition")
			}
			if !condResult(t, version, `{"StringEquals":{"s3:prefix":"home/${aws:username}"}}`, ctx{"s3:prefix": "home/${aws:username}"}) {
				t.Error("literal ${...} in a condition did not match itself")
			}
			// A Null condition with ${...} is not an error where it is literal.
			if _, err := eval.Parse([]byte(`{`+v+`"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Null":{"k":"${x}"}}}}`), eval.IdentityPolicy); err != nil {
				t.Errorf("Null with literal ${x}: %v", err)
			}
		})
	}
	if got := pol(t, eval.IdentityPolicy, `{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`).Policy; got.VariablesEnabled() || got.Version != "" {
		t.Error("no Version enables variables")
	}
}

func TestE5_VariablesOnlyInStringAndArnOperators(t *testing.T) {
	// In each case the variable would make the condition true if it were
	// substituted; taken literally the value is malformed and never matches.
	cases := []struct {
		cond string
		c    ctx
	}{
		{`{"Bool":{"aws:SecureTransport":"${aws:PrincipalTag/tls}"}}`, ctx{"aws:SecureTransport": "true", "aws:PrincipalTag/tls": "true"}},
		{`{"NumericEquals":{"s3:max-keys":"${aws:PrincipalTag/max}"}}`, ctx{"s3:max-keys": "10", "aws:PrincipalTag/max": "10"}},
		{`{"NumericLessThanEquals":{"s3:max-keys":"${aws:PrincipalTag/max}"}}`, ctx{"s3:max-keys": "10", "aws:PrincipalTag/max": "10"}},
		{`{"DateGreaterThan":{"aws:CurrentTime":"${aws:PrincipalTag/since}"}}`, ctx{"aws:CurrentTime": "2026-01-01T00:00:00Z", "aws:PrincipalTag/since": "2020-01-01T00:00:00Z"}},
		// Taken literally, the request value equal to the text is not a
		// number, date, address or boolean either.
		{`{"Bool":{"aws:SecureTransport":"${aws:PrincipalTag/tls}"}}`, ctx{"aws:SecureTransport": "${aws:PrincipalTag/tls}", "aws:PrincipalTag/tls": "true"}},
	}
	for _, c := range cases {
		if condResult(t, "2012-10-17", c.cond, c.c) {
			t.Errorf("%s: a variable was substituted", c.cond)
		}
	}
	// In IpAddress the literal text is not an address, so the document
	// does not even parse (TestCorner6_MalformedCIDRIsAnError).
	if _, err := eval.Parse([]byte(doc(`{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"${aws:PrincipalTag/net}"}}}`)), eval.IdentityPolicy); err == nil {
		t.Error("IpAddress took a variable")
	}
	// While String and ARN operators substitute.
	if !condResult(t, "2012-10-17", `{"StringEquals":{"s3:prefix":"${aws:PrincipalTag/team}"}}`, ctx{"s3:prefix": "blue", "aws:PrincipalTag/team": "blue"}) {
		t.Error("StringEquals did not substitute")
	}
	if !condResult(t, "2012-10-17", `{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:111111111111:${aws:PrincipalTag/team}"}}`, ctx{"aws:SourceArn": "arn:aws:sns:us-east-1:111111111111:blue", "aws:PrincipalTag/team": "blue"}) {
		t.Error("ArnLike did not substitute")
	}
}

func TestE6_RootAllowedUnlessSCPRCPOrResourceDeny(t *testing.T) {
	type tc struct {
		name  string
		setup func(t *testing.T, in *eval.Input)
		d     eval.Decision
		by    eval.Layer
	}
	cases := []tc{
		{"nothing", func(t *testing.T, in *eval.Input) {}, eval.Allowed, eval.LayerRoot},
		{"identity deny ignored", func(t *testing.T, in *eval.Input) { in.Identity = pols(t, eval.IdentityPolicy, doc(denyAll)) }, eval.Allowed, eval.LayerRoot},
		{"boundary ignored", func(t *testing.T, in *eval.Input) { in.Boundary = pol(t, eval.BoundaryPolicy, doc(denyAll)) }, eval.Allowed, eval.LayerRoot},
		{"resource policy allowing others", func(t *testing.T, in *eval.Input) { in.Resource = resPolicyNaming(t, bob) }, eval.Allowed, eval.LayerRoot},
		{"SCP deny", func(t *testing.T, in *eval.Input) { in.SCPs = chain(t, eval.SCP, doc(denyAll)) }, eval.ExplicitDeny, eval.LayerSCP},
		{"SCP no allow", func(t *testing.T, in *eval.Input) { in.SCPs = chain(t, eval.SCP, fullAccess, "") }, eval.ImplicitDeny, eval.LayerSCP},
		{"SCP in management account", func(t *testing.T, in *eval.Input) {
			in.SCPs = chain(t, eval.SCP, doc(denyAll))
			in.ManagementAccount = acctA
		}, eval.Allowed, eval.LayerRoot},
		{"RCP deny", func(t *testing.T, in *eval.Input) {
			in.RCPs = chain(t, eval.RCP, doc(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}`))
		}, eval.ExplicitDeny, eval.LayerRCP},
		{"resource deny", func(t *testing.T, in *eval.Input) {
			in.Resource = pol(t, eval.ResourcePolicy, doc(`{"Effect":"Deny","Principal":{"AWS":"`+rootA+`"},"Action":"*","Resource":"*"}`))
		}, eval.ExplicitDeny, eval.LayerResource},
		{"VPC endpoint deny", func(t *testing.T, in *eval.Input) {
			in.Endpoints = pols(t, eval.EndpointPolicy, doc(`{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}`))
		}, eval.ExplicitDeny, eval.LayerEndpoint},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := &eval.Input{Request: req(rootA, "s3:GetObject", bucketObj)}
			in.Request.ResourceAccount = acctA
			c.setup(t, in)
			want(t, in, c.d, c.by)
		})
	}
}

func TestE7_SCPExemptionsAndRCPScope(t *testing.T) {
	scpIn := func(p string) *eval.Input {
		in := &eval.Input{Request: req(p, "s3:GetObject", bucketObj)}
		in.Request.ResourceAccount = acctA
		in.Identity = pols(t, eval.IdentityPolicy, doc(allowAll))
		in.SCPs = chain(t, eval.SCP, doc(denyAll))
		return in
	}
	rule(t, want(t, scpIn(alice), eval.ExplicitDeny, eval.LayerSCP), eval.RuleExplicitDeny)
	in := scpIn(alice)
	in.ManagementAccount = acctA
	rule(t, want(t, in, eval.Allowed, eval.LayerIdentity), eval.RuleIdentityAllow)
	r := rule(t, want(t, scpIn(slrRole), eval.Allowed, eval.LayerIdentity), eval.RuleIdentityAllow)
	if l := layerOf(r, eval.LayerSCP); l.Applicable || !strings.Contains(l.Note, "service-linked") {
		t.Errorf("SCP layer for a service-linked role: %+v", l)
	}
	rule(t, want(t, scpIn(slrSession), eval.Allowed, eval.LayerIdentity), eval.RuleIdentityAllow)
	// A role merely named like one is not exempt when its path says otherwise.
	rule(t, want(t, scpIn("arn:aws:iam::111111111111:role/service-role/MyRole"), eval.ExplicitDeny, eval.LayerSCP), eval.RuleExplicitDeny)

	rcpIn := func(action, res, resAcct string) *eval.Input {
		in := &eval.Input{Request: req(alice, action, res)}
		in.Request.ResourceAccount = resAcct
		in.Identity = pols(t, eval.IdentityPolicy, doc(allowAll))
		in.RCPs = chain(t, eval.RCP, doc(`{"Effect":"Deny","Principal":"*","Action":["s3:*","sqs:*","ec2:*","lambda:*"],"Resource":"*"}`))
		in.ManagementAccount = mgmt
		in.RCPSupported = catalog.RCPSupported
		return in
	}
	rule(t, want(t, rcpIn("s3:GetObject", bucketObj, acctA), eval.ExplicitDeny, eval.LayerRCP), eval.RuleExplicitDeny)
	rule(t, want(t, rcpIn("sqs:SendMessage", "arn:aws:sqs:us-east-1:111111111111:q", acctA), eval.ExplicitDeny, eval.LayerRCP), eval.RuleExplicitDeny)
	rule(t, want(t, rcpIn("ec2:RunInstances", "*", acctA), eval.Allowed, eval.LayerIdentity), eval.RuleIdentityAllow)
	rule(t, want(t, rcpIn("lambda:InvokeFunction", "arn:aws:lambda:us-east-1:111111111111:function:f", acctA), eval.Allowed, eval.LayerIdentity), eval.RuleIdentityAllow)
	// A resource in the management account: RCPs do not apply. Its owner
	// must still grant alice (another account) access.
	in = rcpIn("s3:GetObject", bucketObj, mgmt)
	in.Resource = resPolicyNaming(t, alice)
	rule(t, want(t, in, eval.Allowed, eval.LayerResource), eval.RuleCrossAccountAllow)
}

func TestE8_CaseRules(t *testing.T) {
	// Resource: case-sensitive.
	if stmtMatches(t, `{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::BUCKET/a.txt"}`, "s3:GetObject", bucketObj) {
		t.Error("resource matching ignored case")
	}
	// Action: not.
	if !stmtMatches(t, `{"Effect":"Allow","Action":"S3:GETOBJECT","Resource":"arn:aws:s3:::bucket/a.txt"}`, "s3:getObject", bucketObj) {
		t.Error("action matching compared case")
	}
	// Condition key names: not; values: yes.
	if !condResult(t, "2012-10-17", `{"StringEquals":{"AWS:SOURCEIP":"203.0.113.7"}}`, ctx{"aws:SourceIp": "203.0.113.7"}) {
		t.Error("condition key compared case")
	}
	if condResult(t, "2012-10-17", `{"StringEquals":{"aws:RequestedRegion":"EU-WEST-1"}}`, ctx{"aws:RequestedRegion": "eu-west-1"}) {
		t.Error("condition value ignored case")
	}
	// Variable names follow key names.
	in := &eval.Input{Request: req(alice, "s3:GetObject", "arn:aws:s3:::bucket/home/alice/x")}
	in.Identity = pols(t, eval.IdentityPolicy, doc(`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::bucket/home/${AWS:UserName}/*"}`))
	rule(t, want(t, in, eval.Allowed, eval.LayerIdentity), eval.RuleIdentityAllow)
}
