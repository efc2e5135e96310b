package eval_test

import (
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/catalog"
	"github.com/iamlab/iamlab/internal/eval"
)

// Section A of docs/evaluation-rules.md: the decision pipeline.

func TestA1_ImplicitDenyByDefault(t *testing.T) {
	in := &eval.Input{Request: req(alice, "s3:GetObject", bucketObj)}
	in.Request.ResourceAccount = acctA
	rule(t, wantReason(t, in, eval.ImplicitDeny, eval.LayerIdentity, "no identity-based policy allows the s3:GetObject action"), eval.RuleIdentityImplicitDeny)

	in.Identity = pols(t, eval.IdentityPolicy, doc(`{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"}`))
	rule(t, want(t, in, eval.ImplicitDeny, eval.LayerIdentity), eval.RuleIdentityImplicitDeny)
}

func TestA1_RootUserOwnAccount(t *testing.T) {
	base := func() *eval.Input {
		in := &eval.Input{Request: req(rootA, "s3:DeleteBucket", bucket)}
		in.Request.ResourceAccount = acctA
		return in
	}
	t.Run("allowed with no policy at all", func(t *testing.T) {
		rule(t, want(t, base(), eval.Allowed, eval.LayerRoot), eval.RuleRootOwnAccount)
	})
	t.Run("identity Deny does not reach root", func(t *testing.T) {
		in := base()
		// Root has no identity policies; one passed by mistake is ignored.
		in.Identity = pols(t, eval.IdentityPolicy, doc(denyAll))
		rule(t, want(t, in, eval.Allowed, eval.LayerRoot), eval.RuleRootOwnAccount)
	})
	t.Run("member-account SCP Deny stops root", func(t *testing.T) {
		in := base()
		in.SCPs = chain(t, eval.SCP, fullAccess, doc(allowAll, `{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}`))
		rule(t, wantReason(t, in, eval.ExplicitDeny, eval.LayerSCP, "with an explicit deny in a service control policy"), eval.RuleExplicitDeny)
	})
	t.Run("member-account SCP without Allow stops root", func(t *testing.T) {
		in := base()
		in.SCPs = chain(t, eval.SCP, fullAccess, doc(`{"Effect":"Allow","Action":"ec2:*","Resource":"*"}`))
		rule(t, wantReason(t, in, eval.ImplicitDeny, eval.LayerSCP, "no service control policy allows the s3:DeleteBucket action"), eval.RuleSCPImplicitDeny)
	})
	t.Run("management-account root is not limited by SCPs", func(t *testing.T) {
		in := base()
		in.ManagementAccount = acctA
		in.SCPs = chain(t, eval.SCP, doc(denyAll))
		rule(t, want(t, in, eval.Allowed, eval.LayerRoot), eval.RuleRootOwnAccount)
	})
	t.Run("RCP Deny stops root", func(t *testing.T) {
		in := base()
		in.RCPs = chain(t, eval.RCP, doc(`{"Effect":"Deny","Principal":"*","Action":"s3:DeleteBucket","Resource":"*"}`))
		rule(t, wantReason(t, in, eval.ExplicitDeny, eval.LayerRCP, "with an explicit deny in a resource control policy"), eval.RuleExplicitDeny)
	})
	t.Run("resource policy Deny stops root", func(t *testing.T) {
		in := base()
		in.Resource = pol(t, eval.ResourcePolicy, doc(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}`))
		rule(t, wantReason(t, in, eval.ExplicitDeny, eval.LayerResource, "with an explicit deny in a resource-based policy"), eval.RuleExplicitDeny)
	})
	t.Run("resource policy without Allow does not stop root", func(t *testing.T) {
		in := base()
		in.Resource = pol(t, eval.ResourcePolicy, doc(`{"Effect":"Allow","Principal":{"AWS":"`+bob+`"},"Action":"s3:*","Resource":"*"}`))
		rule(t, want(t, in, eval.Allowed, eval.LayerRoot), eval.RuleRootOwnAccount)
	})
}

func TestA2_ExplicitDenyWinsInEveryLayer(t *testing.T) {
	deny := `{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}`
	denyP := `{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"*"}`
	allowP := `{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}`
	// Every layer allows; then each in turn also denies.
	build := func(denyIn eval.Layer) *eval.Input {
		in := &eval.Input{Request: req(sessionRS, "s3:GetObject", bucketObj)}
		in.Request.ResourceAccount = acctA
		pick := func(l eval.Layer, allow, deny string) string {
			if l == denyIn {
				return doc(allow, deny)
			}
			return doc(allow)
		}
		in.SCPs = chain(t, eval.SCP, fullAccess, pick(eval.LayerSCP, allowAll, deny))
		in.RCPs = chain(t, eval.RCP, pick(eval.LayerRCP, `{"Effect":"Deny","Principal":"*","Action":"sqs:*","Resource":"*"}`, denyP))
		in.Endpoints = pols(t, eval.EndpointPolicy, pick(eval.LayerEndpoint, allowP, denyP))
		in.Resource = pol(t, eval.ResourcePolicy, pick(eval.LayerResource, allowP, denyP))
		in.Identity = pols(t, eval.IdentityPolicy, pick(eval.LayerIdentity, allowAll, deny))
		in.Boundary = pol(t, eval.BoundaryPolicy, pick(eval.LayerBoundary, allowAll, deny))
		in.Session = pol(t, eval.SessionPolicy, pick(eval.LayerSession, allowAll, deny))
		return in
	}
	rule(t, want(t, build(""), eval.Allowed, ""), eval.RuleResourceAllowSameAccount)
	nouns := map[eval.Layer]string{
		eval.LayerSCP:      "a service control policy",
		eval.LayerRCP:      "a resource control policy",
		eval.LayerEndpoint: "a VPC endpoint policy",
		eval.LayerResource: "a resource-based policy",
		eval.LayerIdentity: "an identity-based policy",
		eval.LayerBoundary: "a permissions boundary",
		eval.LayerSession:  "a session policy",
	}
	if len(nouns) != len(eval.PolicyLayers()) {
		t.Fatalf("the test names %d layers, the engine has %d", len(nouns), len(eval.PolicyLayers()))
	}
	for _, l := range eval.PolicyLayers() {
		t.Run(string(l), func(t *testing.T) {
			r := rule(t, wantReason(t, build(l), eval.ExplicitDeny, l, "with an explicit deny in "+nouns[l]), eval.RuleExplicitDeny)
			if r.Deciding == nil || r.Deciding.Layer != l || r.Deciding.Index != 1 {
				t.Fatalf("deciding statement = %+v, want the second statement of the %s layer", r.Deciding, l)
			}
		})
	}
}

func TestA2_ExplicitDenyBeatsResourcePolicyNamingSession(t *testing.T) {
	// Even the most direct same-account grant loses to a Deny.
	in := &eval.Input{Request: req(sessionRS, "s3:GetObject", bucketObj)}
	in.Request.ResourceAccount = acctA
	in.Resource = pol(t, eval.ResourcePolicy, doc(`{"Effect":"Allow","Principal":{"AWS":"`+sessionRS+`"},"Action":"*","Resource":"*"}`))
	in.Identity = pols(t, eval.IdentityPolicy, doc(`{"Effect":"Deny","Action":"s3:*","Resource":"*"}`))
	rule(t, want(t, in, eval.ExplicitDeny, eval.LayerIdentity), eval.RuleExplicitDeny)
}

func rcpInput(t *testing.T, action, resource string) *eval.Input {
	in := &eval.Input{Request: req(alice, action, resource)}
	in.Request.ResourceAccount = acctA
	in.Identity = pols(t, eval.IdentityPolicy, doc(allowAll))
	return in
}

func TestA3_RCPOnlyDenyMatters(t *testing.T) {
	// An RCP chain with nothing but a Deny on something else: the implied
	// RCPFullAWSAccess lets everything else through at every level.
	in := rcpInput(t, "s3:GetObject", bucketObj)
	in.RCPs = chain(t, eval.RCP,
		doc(`{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"*"}`),
		doc(`{"Effect":"Deny","Principal":"*","Action":"sqs:*","Resource":"*"}`),
		"")
	rule(t, want(t, in, eval.Allowed, eval.LayerIdentity), eval.RuleIdentityAllow)
	in.Request.Action = "s3:PutObject"
	rule(t, wantReason(t, in, eval.ExplicitDeny, eval.LayerRCP, "with an explicit deny in a resource control policy"), eval.RuleExplicitDeny)
}

func TestA3_RCPGrantsNothing(t *testing.T) {
	in := rcpInput(t, "s3:GetObject", bucketObj)
	in.Identity = nil
	// RCPFullAWSAccess itself, written out at every level.
	full := doc(`{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}`)
	in.RCPs = chain(t, eval.RCP, full, full)
	rule(t, want(t, in, eval.ImplicitDeny, eval.LayerIdentity), eval.RuleIdentityImplicitDeny)
}

func TestA3_RCPGrammar(t *testing.T) {
	// AWS Organizations, RCP syntax: Allow only in RCPFullAWSAccess,
	// Principal "*", no Action "*".
	cases := []struct {
		name, stmt string
		col        int
		msg        string
	}{
		{"Allow other than RCPFullAWSAccess", `{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}`, 48, "Allow in a resource control policy"},
		{"Allow with a condition", `{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}`, 48, "Allow in a resource control policy"},
		{"Principal naming an account", `{"Effect":"Deny","Principal":{"AWS":"111111111111"},"Action":"s3:*","Resource":"*"}`, 55, "Principal in a resource control policy must be"},
		{"NotPrincipal", `{"Effect":"Deny","NotPrincipal":{"AWS":"111111111111"},"Action":"s3:*","Resource":"*"}`, 55, "NotPrincipal in a resource control policy must be"},
		{"Action star", `{"Effect":"Deny","Principal":"*","Action":["s3:*","*"],"Resource":"*"}`, 88, "Action \"*\" in a resource control policy"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pe := parseErrs(t, eval.RCP, doc(c.stmt))
			if pe[0].Pos.Line != 1 || pe[0].Pos.Col != c.col || !strings.Contains(pe[0].Msg, c.msg) {
				t.Errorf("got %v, want first error at 1:%d saying %q", pe, c.col, c.msg)
			}
		})
	}
	for _, ok := range []string{
		`{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}`,
		`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-1"}}}`,
		`{"Effect":"Deny","Principal":{"AWS":"*"},"Action":["sqs:*","kms:Decrypt"],"NotResource":"arn:aws:s3:::public/*"}`,
	} {
		pol(t, eval.RCP, doc(ok))
	}
}

func TestA3_RCPPrincipalRequired(t *testing.T) {
	_, err := eval.Parse([]byte(doc(`{"Effect":"Deny","Action":"s3:*","Resource":"*"}`)), eval.RCP)
	if err == nil {
		t.Fatal("an RCP statement without Principal parsed")
	}
}

func TestA3_RCPManagementAccountExempt(t *testing.T) {
	in := rcpInput(t, "s3:GetObject", bucketObj)
	in.RCPs = chain(t, eval.RCP, doc(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}`))
	rule(t, want(t, in, eval.ExplicitDeny, eval.LayerRCP), eval.RuleExplicitDeny)
	in.ManagementAccount = acctA
	rule(t, want(t, in, eval.Allowed, eval.LayerIdentity), eval.RuleIdentityAllow)
	// The exemption is the resource's account, not the caller's.
	in.ManagementAccount = acctB
	rule(t, want(t, in, eval.ExplicitDeny, eval.LayerRCP), eval.RuleExplicitDeny)
}

func TestA3_RCPUnsupportedServiceExempt(t *testing.T) {
	denyAny := doc(`{"Effect":"Deny","Principal":"*","Action":["s3:*","ec2:*"],"Resource":"*"}`)
	in := rcpInput(t, "ec2:TerminateInstances", "arn:aws:ec2:us-east-1:111111111111:instance/i-1")
	in.RCPs = chain(t, eval.RCP, denyAny)
	in.RCPSupported = catalog.RCPSupported // the caller passes the catalogue's list
	r := rule(t, want(t, in, eval.Allowed, eval.LayerIdentity), eval.RuleIdentityAllow)
	if l := layerOf(r, eval.LayerRCP); l == nil || l.Applicable {
		t.Fatalf("RCP layer should be not applicable for ec2: %+v", l)
	}
	in = rcpInput(t, "s3:GetObject", bucketObj)
	in.RCPs = chain(t, eval.RCP, denyAny)
	rule(t, want(t, in, eval.ExplicitDeny, eval.LayerRCP), eval.RuleExplicitDeny)
	// A caller-supplied list overrides the catalogue.
	in.RCPSupported = func(s string) bool { return s == "ec2" }
	rule(t, want(t, in, eval.Allowed, eval.LayerIdentity), eval.RuleIdentityAllow)
}

func TestA3_RCPAWSManagedKeyAndRetireGrantExempt(t *testing.T) {
	key := "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	mk := func(action string) *eval.Input {
		in := rcpInput(t, action, key)
		in.Resource = pol(t, eval.KeyPolicy, doc(`{"Effect":"Allow","Principal":{"AWS":"`+rootA+`"},"Action":"kms:*","Resource":"*"}`))
		in.RCPs = chain(t, eval.RCP, doc(`{"Effect":"Deny","Principal":"*","Action":"kms:*","Resource":"*"}`))
		return in
	}
	rule(t, want(t, mk("kms:Decrypt"), eval.ExplicitDeny, eval.LayerRCP), eval.RuleExplicitDeny)
	in := mk("kms:Decrypt")
	in.AWSManagedKey = true
	rule(t, want(t, in, eval.Allowed, ""), eval.RuleIdentityAllow)
	rule(t, want(t, mk("kms:RetireGrant"), eval.Allowed, ""), eval.RuleIdentityAllow)
	rule(t, want(t, mk("KMS:retiregrant"), eval.Allowed, ""), eval.RuleIdentityAllow)
}

func TestA3_RCPAppliesAcrossAccounts(t *testing.T) {
	// The RCPs are the resource account's: a caller from another account is
	// stopped too.
	in := &eval.Input{Request: req(bob, "s3:GetObject", bucketObj)}
	in.Request.ResourceAccount = acctA
	in.Identity = pols(t, eval.IdentityPolicy, doc(allowAll))
	in.Resource = pol(t, eval.ResourcePolicy, doc(`{"Effect":"Allow","Principal":{"AWS":"`+acctB+`"},"Action":"s3:*","Resource":"*"}`))
	rule(t, want(t, in, eval.Allowed, eval.LayerResource), eval.RuleCrossAccountAllow)
	in.RCPs = chain(t, eval.RCP, doc(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalAccount":"111111111111"}}}`))
	rule(t, want(t, in, eval.ExplicitDeny, eval.LayerRCP), eval.RuleExplicitDeny)
}

func TestA4_SCPEveryLevelMustAllow(t *testing.T) {
	in := &eval.Input{Request: req(alice, "s3:GetObject", bucketObj)}
	in.Request.ResourceAccount = acctA
	in.Identity = pols(t, eval.IdentityPolicy, doc(allowAll))
	in.SCPs = chain(t, eval.SCP, fullAccess, doc(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`), fullAccess)
	rule(t, want(t, in, eval.Allowed, eval.LayerIdentity), eval.RuleIdentityAllow)
	for lvl := 0; lvl < 3; lvl++ {
		levels := []string{fullAccess, fullAccess, fullAccess}
		levels[lvl] = doc(`{"Effect":"Allow","Action":"ec2:*","Resource":"*"}`)
		in.SCPs = chain(t, eval.SCP, levels...)
		r := rule(t, wantReason(t, in, eval.ImplicitDeny, eval.LayerSCP, "no service control policy allows the s3:GetObject action"), eval.RuleSCPImplicitDeny)
		if !strings.Contains(r.Reason, in.SCPs[lvl].ID) {
			t.Errorf("level %d: reason %q does not name the level %s", lvl, r.Reason, in.SCPs[lvl].ID)
		}
	}
	// A level with no policy at all allows nothing.
	in.SCPs = chain(t, eval.SCP, fullAccess, "")
	rule(t, want(t, in, eval.ImplicitDeny, eval.LayerSCP), eval.RuleSCPImplicitDeny)
}

func TestA4_SCPNeverGrants(t *testing.T) {
	in := &eval.Input{Request: req(alice, "s3:GetObject", bucketObj)}
	in.Request.ResourceAccount = acctA
	in.SCPs = chain(t, eval.SCP, fullAccess, fullAccess)
	rule(t, want(t, in, eval.ImplicitDeny, eval.LayerIdentity), eval.RuleIdentityImplicitDeny)
}

func TestA4_SCPNoPrincipalElement(t *testing.T) {
	_, err := eval.Parse([]byte(doc(`{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}`)), eval.SCP)
	if err == nil {
		t.Fatal("Principal accepted in an SCP")
	}
}

func TestA4_SCPAppliesToMemberRoot(t *testing.T) {
	in := &eval.Input{Request: req(rootA, "s3:GetObject", bucketObj)}
	in.Request.ResourceAccount = acctA
	in.SCPs = chain(t, eval.SCP, doc(`{"Effect":"Allow","Action":"ec2:*","Resource":"*"}`))
	rule(t, want(t, in, eval.ImplicitDeny, eval.LayerSCP), eval.RuleSCPImplicitDeny)
}

func TestA4_SCPManagementAccountAndServiceLinkedRoleExempt(t *testing.T) {
	for _, p := range []string{alice, sessionRS, rootA, slrRole, slrSession} {
		t.Run(p, func(t *testing.T) {
			in := &eval.Input{Request: req(p, "s3:GetObject", bucketObj)}
			in.Request.ResourceAccount = acctA
			in.Identity = pols(t, eval.IdentityPolicy, doc(allowAll))
			in.SCPs = chain(t, eval.SCP, doc(denyAll))
			if p == slrRole || p == slrSession {
				rule(t, want(t, in, eval.Allowed, ""), eval.RuleIdentityAllow)
				return
			}
			rule(t, want(t, in, eval.ExplicitDeny, eval.LayerSCP), eval.RuleExplicitDeny)
			in.ManagementAccount = acctA
			want(t, in, eval.Allowed, "")
		})
	}
}

func TestA4_SCPIsCallersAccountChain(t *testing.T) {
	// bob (account B, member) calls into account A, whose management
	// status does not matter: bob's chain applies.
	in := &eval.Input{Request: req(bob, "s3:GetObject", bucketObj)}
	in.Request.ResourceAccount = acctA
	in.Identity = pols(t, eval.IdentityPolicy, doc(allowAll))
	in.Resource = pol(t, eval.ResourcePolicy, doc(`{"Effect":"Allow","Principal":{"AWS":"`+bob+`"},"Action":"s3:*","Resource":"*"}`))
	in.SCPs = chain(t, eval.SCP, doc(denyAll))
	in.ManagementAccount = acctA
	rule(t, want(t, in, eval.ExplicitDeny, eval.LayerSCP), eval.RuleExplicitDeny)
	in.ManagementAccount = acctB
	rule(t, want(t, in, eval.Allowed, eval.LayerResource), eval.RuleCrossAccountAllow)
}

// sameAcct builds alice's account-A request on a bucket with a resource
// policy naming who.
func resPolicyNaming(t *testing.T, who string) *eval.PolicyRef {
	return pol(t, eval.ResourcePolicy, doc(`{"Effect":"Allow","Principal":{"AWS":"`+who+`"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}`))
}

func TestA5_UserARNNotLimitedByIdentityOrBoundary(t *testing.T) {
	in := &eval.Input{Request: req(alice, "s3:GetObject", bucketObj)}
	in.Request.ResourceAccount = acctA
	in.Resource = resPolicyNaming(t, alice)
	rule(t, want(t, in, eval.Allowed, eval.LayerResource), eval.RuleResourceAllowSameAccount)
	in.Boundary = pol(t, eval.BoundaryPolicy, doc(`{"Effect":"Allow","Action":"ec2:*","Resource":"*"}`))
	rule(t, want(t, in, eval.Allowed, eval.LayerResource), eval.RuleResourceAllowSameAccount)
	// An explicit deny in the boundary still wins.
	in.Boundary = pol(t, eval.BoundaryPolicy, doc(`{"Effect":"Deny","Action":"s3:*","Resource":"*"}`))
	rule(t, want(t, in, eval.ExplicitDeny, eval.LayerBoundary), eval.RuleExplicitDeny)
}

func TestA5_RoleARNLimitedByBoundaryAndSessionPolicy(t *testing.T) {
	base := func() *eval.Input {
		in := &eval.Input{Request: req(sessionRS, "s3:GetObject", bucketObj)}
		in.Request.ResourceAccount = acctA
		in.Resource = resPolicyNaming(t, roleR)
		return in
	}
	// Not limited by the identity policy.
	rule(t, want(t, base(), eval.Allowed, eval.LayerResource), eval.RuleResourceAllowWithinLimits)
	in := base()
	in.Boundary = pol(t, eval.BoundaryPolicy, doc(`{"Effect":"Allow","Action":"ec2:*","Resource":"*"}`))
	rule(t, wantReason(t, in, eval.ImplicitDeny, eval.LayerBoundary, "no permissions boundary allows the s3:GetObject action"), eval.RuleBoundaryImplicitDeny)
	in.Boundary = pol(t, eval.BoundaryPolicy, doc(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`))
	rule(t, want(t, in, eval.Allowed, eval.LayerResource), eval.RuleResourceAllowWithinLimits)
	in = base()
	in.Session = pol(t, eval.SessionPolicy, doc(`{"Effect":"Allow","Action":"ec2:*","Resource":"*"}`))
	rule(t, wantReason(t, in, eval.ImplicitDeny, eval.LayerSession, "no session policy allows the s3:GetObject action"), eval.RuleSessionImplicitDeny)
}

func TestA5_RoleSessionARNNotLimitedBySessionPolicy(t *testing.T) {
	in := &eval.Input{Request: req(sessionRS, "s3:GetObject", bucketObj)}
	in.Request.ResourceAccount = acctA
	in.Resource = resPolicyNaming(t, sessionRS)
	in.Boundary = pol(t, eval.BoundaryPolicy, doc(`{"Effect":"Allow","Action":"ec2:*","Resource":"*"}`))
	in.Session = pol(t, eval.SessionPolicy, doc(`{"Effect":"Allow","Action":"ec2:*","Resource":"*"}`))
	in.Identity = pols(t, eval.IdentityPolicy, doc(`{"Effect":"Allow","Action":"ec2:*","Resource":"*"}`))
	rule(t, want(t, in, eval.Allowed, eval.LayerResource), eval.RuleResourceAllowSameAccount)
}

func TestA5_FederatedUserARNNotLimited(t *testing.T) {
	in := &eval.Input{Request: req(fedFred, "s3:GetObject", bucketObj)}
	in.Request.ResourceAccount = acctA
	in.Request.SessionIssuer = alice
	in.Resource = resPolicyNaming(t, fedFred)
	// No session policy, a boundary that allows nothing: still allowed.
	in.Boundary = pol(t, eval.BoundaryPolicy, doc(`{"Effect":"Allow","Action":"ec2:*","Resource":"*"}`))
	rule(t, want(t, in, eval.Allowed, eval.LayerResource), eval.RuleResourceAllowSameAccount)
}

func TestA5_FederatingIAMUserLimitedByBoundaryAndSession(t *testing.T) {
	base := func() *eval.Input {
		in := &eval.Input{Request: req(fedFred, "s3:GetObject", bucketObj)}
		in.Request.ResourceAccount = acctA
		in.Request.SessionIssuer = alice
		in.Resource = resPolicyNaming(t, alice)
		in.Session = pol(t, eval.SessionPolicy, doc(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`))
		return in
	}
	rule(t, want(t, base(), eval.Allowed, eval.LayerResource), eval.RuleResourceAllowWithinLimits)
	in := base()
	in.Session = pol(t, eval.SessionPolicy, doc(`{"Effect":"Allow","Action":"ec2:*","Resource":"*"}`))
	rule(t, want(t, in, eval.ImplicitDeny, eval.LayerSession), eval.RuleSessionImplicitDeny)
	in = base()
	in.Session = nil
	rule(t, want(t, in, eval.ImplicitDeny, eval.LayerSession), eval.RuleFederatedUserNoSessionPolicy)
	in = base()
	in.Boundary = pol(t, eval.BoundaryPolicy, doc(`{"Effect":"Allow","Action":"ec2:*","Resource":"*"}`))
	rule(t, want(t, in, eval.ImplicitDeny, eval.LayerBoundary), eval.RuleBoundaryImplicitDeny)
	// Without SessionIssuer the engine cannot know alice federated.
	in = base()
	in.Request.SessionIssuer = ""
	rule(t, want(t, in, eval.ImplicitDeny, eval.LayerIdentity), eval.RuleIdentityImplicitDeny)
}

func TestA5_AccountPrincipalDelegatesToIdentity(t *testing.T) {
	for _, who := range []string{rootA, acctA} {
		t.Run(who, func(t *testing.T) {
			in := &eval.Input{Request: req(alice, "s3:GetObject", bucketObj)}
			in.Request.ResourceAccount = acctA
			in.Resource = resPolicyNaming(t, who)
			rule(t, wantReason(t, in, eval.ImplicitDeny, eval.LayerIdentity, "no identity-based policy allows the s3:GetObject action"), eval.RuleIdentityImplicitDeny)
			in.Identity = pols(t, eval.IdentityPolicy, doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`))
			rule(t, want(t, in, eval.Allowed, eval.LayerIdentity), eval.RuleIdentityAllow)
			in.Boundary = pol(t, eval.BoundaryPolicy, doc(`{"Effect":"Allow","Action":"ec2:*","Resource":"*"}`))
			rule(t, want(t, in, eval.ImplicitDeny, eval.LayerBoundary), eval.RuleBoundaryImplicitDeny)
		})
	}
}

func TestA5_TrustPolicyMustAllowEvenSameAccount(t *testing.T) {
	in := &eval.Input{Request: req(alice, "sts:AssumeRole", roleR)}
	in.Identity = pols(t, eval.IdentityPolicy, doc(allowAll))
	in.ResourcePolicyRequired = true
	r := rule(t, want(t, in, eval.ImplicitDeny, eval.LayerResource), eval.RuleResourcePolicyRequired)
	if !strings.Contains(r.Reason, "role trust policy") {
		t.Errorf("reason %q does not say role trust policy", r.Reason)
	}
	// A trust policy that names someone else: still denied.
	in.Resource = pol(t, eval.TrustPolicy, doc(`{"Effect":"Allow","Principal":{"AWS":"`+bob+`"},"Action":"sts:AssumeRole"}`))
	rule(t, want(t, in, eval.ImplicitDeny, eval.LayerResource), eval.RuleResourcePolicyRequired)
	// A TrustPolicy alone implies the requirement.
	in.ResourcePolicyRequired = false
	rule(t, want(t, in, eval.ImplicitDeny, eval.LayerResource), eval.RuleResourcePolicyRequired)
	// Naming alice directly: allowed.
	in.Resource = pol(t, eval.TrustPolicy, doc(`{"Effect":"Allow","Principal":{"AWS":"`+alice+`"},"Action":"sts:AssumeRole"}`))
	rule(t, want(t, in, eval.Allowed, eval.LayerResource), eval.RuleResourceAllowSameAccount)
	// Trusting the account root: the identity policy must then allow.
	in.Resource = pol(t, eval.TrustPolicy, doc(`{"Effect":"Allow","Principal":{"AWS":"`+rootA+`"},"Action":"sts:AssumeRole"}`))
	rule(t, want(t, in, eval.Allowed, eval.LayerIdentity), eval.RuleIdentityAllow)
	in.Identity = nil
	rule(t, want(t, in, eval.ImplicitDeny, eval.LayerIdentity), eval.RuleIdentityImplicitDeny)
}

func TestA5_KeyPolicyMustAllowAndRootEnablesIAM(t *testing.T) {
	key := "arn:aws:kms:us-east-1:111111111111:key/k1"
	in := &eval.Input{Request: req(alice, "kms:Decrypt", key)}
	in.Identity = pols(t, eval.IdentityPolicy, doc(allowAll))
	in.ResourcePolicyRequired = true
	r := rule(t, want(t, in, eval.ImplicitDeny, eval.LayerResource), eval.RuleResourcePolicyRequired)
	if !strings.Contains(r.Reason, "KMS key policy") {
		t.Errorf("reason %q does not say KMS key policy", r.Reason)
	}
	in.ResourcePolicyRequired = false
	in.Resource = pol(t, eval.KeyPolicy, doc(`{"Effect":"Allow","Principal":{"AWS":"`+bob+`"},"Action":"kms:*","Resource":"*"}`))
	rule(t, want(t, in, eval.ImplicitDeny, eval.LayerResource), eval.RuleResourcePolicyRequired)
	in.Resource = pol(t, eval.KeyPolicy, doc(`{"Effect":"Allow","Principal":{"AWS":"`+rootA+`"},"Action":"kms:*","Resource":"*"}`))
	rule(t, want(t, in, eval.Allowed, eval.LayerIdentity), eval.RuleIdentityAllow)
	in.Identity = pols(t, eval.IdentityPolicy, doc(`{"Effect":"Allow","Action":"kms:Encrypt","Resource":"*"}`))
	rule(t, want(t, in, eval.ImplicitDeny, eval.LayerIdentity), eval.RuleIdentityImplicitDeny)
}

func TestA5_ResourcePolicyTypeFor(t *testing.T) {
	cases := []struct {
		action, res string
		want        eval.PolicyType
	}{
		{"sts:AssumeRole", roleR, eval.TrustPolicy},
		{"STS:assumeRoleWithSAML", roleR, eval.TrustPolicy},
		{"sts:TagSession", roleR, eval.TrustPolicy},
		{"kms:Decrypt", "arn:aws:kms:us-east-1:111111111111:key/k", eval.KeyPolicy},
		{"kms:Decrypt", "arn:aws:kms:us-east-1:111111111111:alias/a", eval.ResourcePolicy},
		{"s3:GetObject", bucketObj, eval.ResourcePolicy},
	}
	for _, c := range cases {
		if got := eval.ResourcePolicyTypeFor(c.action, c.res); got != c.want {
			t.Errorf("ResourcePolicyTypeFor(%s, %s) = %s, want %s", c.action, c.res, got, c.want)
		}
	}
}

func TestA6_IdentityPoliciesUnion(t *testing.T) {
	in := &eval.Input{Request: req(alice, "s3:GetObject", bucketObj)}
	in.Request.ResourceAccount = acctA
	// The user's policy and two group policies: any one Allow suffices.
	in.Identity = pols(t, eval.IdentityPolicy,
		doc(`{"Effect":"Allow","Action":"ec2:*","Resource":"*"}`),
		doc(`{"Effect":"Allow","Action":"sqs:*","Resource":"*"}`),
		doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}`))
	rule(t, want(t, in, eval.Allowed, eval.LayerIdentity), eval.RuleIdentityAllow)
	// A Deny in any one of them wins.
	in.Identity = append(in.Identity, pols(t, eval.IdentityPolicy, doc(`{"Effect":"Deny","Action":"s3:Get*","Resource":"*"}`))...)
	rule(t, want(t, in, eval.ExplicitDeny, eval.LayerIdentity), eval.RuleExplicitDeny)
}

func TestA6_RoleSessionUsesRolePolicies(t *testing.T) {
	in := &eval.Input{Request: req(sessionRS, "s3:GetObject", bucketObj)}
	in.Request.ResourceAccount = acctA
	in.Identity = pols(t, eval.IdentityPolicy, doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`))
	rule(t, want(t, in, eval.Allowed, eval.LayerIdentity), eval.RuleIdentityAllow)
	in.Identity = nil
	rule(t, want(t, in, eval.ImplicitDeny, eval.LayerIdentity), eval.RuleIdentityImplicitDeny)
}

func TestA7_BoundaryMustAllow(t *testing.T) {
	in := &eval.Input{Request: req(alice, "iam:CreateUser", "arn:aws:iam::111111111111:user/newbie")}
	in.Identity = pols(t, eval.IdentityPolicy, doc(allowAll))
	in.Boundary = pol(t, eval.BoundaryPolicy, doc(`{"Effect":"Allow","Action":["s3:*","cloudwatch:*"],"Resource":"*"}`))
	rule(t, wantReason(t, in, eval.ImplicitDeny, eval.LayerBoundary, "no permissions boundary allows the iam:CreateUser action"), eval.RuleBoundaryImplicitDeny)
	in.Request.Action, in.Request.Resource = "s3:ListBucket", bucket
	rule(t, want(t, in, eval.Allowed, eval.LayerIdentity), eval.RuleIdentityAllow)
	// A boundary grants nothing.
	in.Identity = nil
	rule(t, want(t, in, eval.ImplicitDeny, eval.LayerIdentity), eval.RuleIdentityImplicitDeny)
}

func TestA8_SessionPolicy(t *testing.T) {
	t.Run("present must allow", func(t *testing.T) {
		in := &eval.Input{Request: req(sessionRS, "s3:GetObject", bucketObj)}
		in.Request.ResourceAccount = acctA
		in.Identity = pols(t, eval.IdentityPolicy, doc(allowAll))
		in.Session = pol(t, eval.SessionPolicy, doc(`{"Effect":"Allow","Action":"ec2:*","Resource":"*"}`))
		rule(t, wantReason(t, in, eval.ImplicitDeny, eval.LayerSession, "no session policy allows the s3:GetObject action"), eval.RuleSessionImplicitDeny)
		in.Session = pol(t, eval.SessionPolicy, doc(`{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}`))
		rule(t, want(t, in, eval.Allowed, eval.LayerIdentity), eval.RuleIdentityAllow)
		// A session policy grants nothing by itself.
		in.Identity = nil
		rule(t, want(t, in, eval.ImplicitDeny, eval.LayerIdentity), eval.RuleIdentityImplicitDeny)
	})
	t.Run("absent role session ok", func(t *testing.T) {
		in := &eval.Input{Request: req(sessionRS, "s3:GetObject", bucketObj)}
		in.Request.ResourceAccount = acctA
		in.Identity = pols(t, eval.IdentityPolicy, doc(allowAll))
		rule(t, want(t, in, eval.Allowed, eval.LayerIdentity), eval.RuleIdentityAllow)
	})
	t.Run("absent federated user denied", func(t *testing.T) {
		in := &eval.Input{Request: req(fedFred, "s3:GetObject", bucketObj)}
		in.Request.ResourceAccount = acctA
		in.Identity = pols(t, eval.IdentityPolicy, doc(allowAll))
		rule(t, wantReason(t, in, eval.ImplicitDeny, eval.LayerSession, "no session policy allows the s3:GetObject action"), eval.RuleFederatedUserNoSessionPolicy)
		in.Session = pol(t, eval.SessionPolicy, doc(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`))
		rule(t, want(t, in, eval.Allowed, eval.LayerIdentity), eval.RuleIdentityAllow)
	})
	t.Run("ignored for an IAM user", func(t *testing.T) {
		in := &eval.Input{Request: req(alice, "s3:GetObject", bucketObj)}
		in.Request.ResourceAccount = acctA
		in.Identity = pols(t, eval.IdentityPolicy, doc(allowAll))
		in.Session = pol(t, eval.SessionPolicy, doc(`{"Effect":"Allow","Action":"ec2:*","Resource":"*"}`))
		rule(t, want(t, in, eval.Allowed, eval.LayerIdentity), eval.RuleIdentityAllow)
	})
}

func TestA9_CrossAccountBothSidesMustAllow(t *testing.T) {
	base := func() *eval.Input {
		in := &eval.Input{Request: req(bob, "s3:GetObject", bucketObj)}
		in.Request.ResourceAccount = acctA
		in.Identity = pols(t, eval.IdentityPolicy, doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`))
		in.Resource = resPolicyNaming(t, acctB)
		return in
	}
	rule(t, want(t, base(), eval.Allowed, eval.LayerResource), eval.RuleCrossAccountAllow)
	in := base()
	in.Resource = resPolicyNaming(t, bob)
	rule(t, want(t, in, eval.Allowed, eval.LayerResource), eval.RuleCrossAccountAllow)
	in = base()
	in.Identity = nil
	rule(t, wantReason(t, in, eval.ImplicitDeny, eval.LayerIdentity, "no identity-based policy allows the s3:GetObject action"), eval.RuleCrossAccountIdentityImplicitDeny)
	// Naming the user directly does not waive the caller's side across accounts.
	in.Resource = resPolicyNaming(t, bob)
	rule(t, want(t, in, eval.ImplicitDeny, eval.LayerIdentity), eval.RuleCrossAccountIdentityImplicitDeny)
	in = base()
	in.Resource = nil
	rule(t, wantReason(t, in, eval.ImplicitDeny, eval.LayerResource, "no resource-based policy allows the s3:GetObject action"), eval.RuleCrossAccountResourceImplicitDeny)
	in = base()
	in.Resource = resPolicyNaming(t, rootA) // names the wrong account
	rule(t, want(t, in, eval.ImplicitDeny, eval.LayerResource), eval.RuleCrossAccountResourceImplicitDeny)
	in = base()
	in.Boundary = pol(t, eval.BoundaryPolicy, doc(`{"Effect":"Allow","Action":"ec2:*","Resource":"*"}`))
	rule(t, want(t, in, eval.ImplicitDeny, eval.LayerBoundary), eval.RuleBoundaryImplicitDeny)
	in = base()
	in.SCPs = chain(t, eval.SCP, doc(`{"Effect":"Allow","Action":"ec2:*","Resource":"*"}`))
	rule(t, want(t, in, eval.ImplicitDeny, eval.LayerSCP), eval.RuleSCPImplicitDeny)
}

func TestA9_CrossAccountRoleSession(t *testing.T) {
	sess := "arn:aws:sts::222222222222:assumed-role/Reader/s1"
	in := &eval.Input{Request: req(sess, "s3:GetObject", bucketObj)}
	in.Request.ResourceAccount = acctA
	in.Identity = pols(t, eval.IdentityPolicy, doc(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`))
	in.Resource = resPolicyNaming(t, "arn:aws:iam::222222222222:role/Reader")
	rule(t, want(t, in, eval.Allowed, eval.LayerResource), eval.RuleCrossAccountAllow)
	in.Session = pol(t, eval.SessionPolicy, doc(`{"Effect":"Allow","Action":"ec2:*","Resource":"*"}`))
	rule(t, want(t, in, eval.ImplicitDeny, eval.LayerSession), eval.RuleSessionImplicitDeny)
}

func TestA9_CrossAccountRootUser(t *testing.T) {
	// The root user of account B has full access on its side; account A's
	// bucket policy granting account B is the only other requirement.
	in := &eval.Input{Request: req(rootB, "s3:GetObject", bucketObj)}
	in.Request.ResourceAccount = acctA
	in.Resource = resPolicyNaming(t, acctB)
	rule(t, want(t, in, eval.Allowed, eval.LayerResource), eval.RuleCrossAccountAllow)
	in.Resource = nil
	rule(t, want(t, in, eval.ImplicitDeny, eval.LayerResource), eval.RuleCrossAccountResourceImplicitDeny)
}

func TestA9_CrossAccountTrustPolicy(t *testing.T) {
	in := &eval.Input{Request: req(bob, "sts:AssumeRole", roleR)}
	in.Identity = pols(t, eval.IdentityPolicy, doc(`{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"`+roleR+`"}`))
	in.ResourcePolicyRequired = true
	rule(t, want(t, in, eval.ImplicitDeny, eval.LayerResource), eval.RuleCrossAccountResourceImplicitDeny)
	in.Resource = pol(t, eval.TrustPolicy, doc(`{"Effect":"Allow","Principal":{"AWS":"`+rootB+`"},"Action":"sts:AssumeRole"}`))
	rule(t, want(t, in, eval.Allowed, eval.LayerResource), eval.RuleCrossAccountAllow)
}

func TestA10_VPCEndpointPolicyMustAllow(t *testing.T) {
	in := &eval.Input{Request: req(alice, "s3:GetObject", bucketObj)}
	in.Request.ResourceAccount = acctA
	in.Identity = pols(t, eval.IdentityPolicy, doc(allowAll))
	in.Endpoints = pols(t, eval.EndpointPolicy, doc(`{"Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"*"}`))
	rule(t, wantReason(t, in, eval.ImplicitDeny, eval.LayerEndpoint, "no VPC endpoint policy allows the s3:GetObject action"), eval.RuleEndpointImplicitDeny)
	in.Endpoints = pols(t, eval.EndpointPolicy, doc(`{"Effect":"Allow","Principal":{"AWS":"`+alice+`"},"Action":"s3:GetObject","Resource":"*"}`))
	rule(t, want(t, in, eval.Allowed, eval.LayerIdentity), eval.RuleIdentityAllow)
	in.Endpoints = pols(t, eval.EndpointPolicy, doc(`{"Effect":"Allow","Principal":{"AWS":"`+bob+`"},"Action":"s3:GetObject","Resource":"*"}`))
	rule(t, want(t, in, eval.ImplicitDeny, eval.LayerEndpoint), eval.RuleEndpointImplicitDeny)
	// Principal is optional in an endpoint policy.
	in.Endpoints = pols(t, eval.EndpointPolicy, doc(`{"Effect":"Allow","Action":"*","Resource":"*"}`))
	rule(t, want(t, in, eval.Allowed, eval.LayerIdentity), eval.RuleIdentityAllow)
	// The endpoint policy grants nothing by itself.
	in.Identity = nil
	rule(t, want(t, in, eval.ImplicitDeny, eval.LayerIdentity), eval.RuleIdentityImplicitDeny)
}

func TestA11_AnonymousOnlyViaPrincipalStar(t *testing.T) {
	in := &eval.Input{Request: req("*", "s3:GetObject", bucketObj)}
	in.Request.ResourceAccount = acctA
	rule(t, wantReason(t, in, eval.ImplicitDeny, eval.LayerResource, "no resource-based policy allows the s3:GetObject action"), eval.RuleNonIAMCallerImplicitDeny)
	// Identity policies belong to nobody here.
	in.Identity = pols(t, eval.IdentityPolicy, doc(allowAll))
	rule(t, want(t, in, eval.ImplicitDeny, eval.LayerResource), eval.RuleNonIAMCallerImplicitDeny)
	in.Resource = resPolicyNaming(t, acctA)
	rule(t, want(t, in, eval.ImplicitDeny, eval.LayerResource), eval.RuleNonIAMCallerImplicitDeny)
	in.Resource = pol(t, eval.ResourcePolicy, doc(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}`))
	rule(t, want(t, in, eval.Allowed, eval.LayerResource), eval.RuleResourceAllowNonIAMCaller)
	in.Resource = pol(t, eval.ResourcePolicy, doc(`{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}`))
	rule(t, want(t, in, eval.Allowed, eval.LayerResource), eval.RuleResourceAllowNonIAMCaller)
	// NotPrincipal that does not name the caller.
	in.Resource = pol(t, eval.ResourcePolicy, doc(`{"Effect":"Allow","NotPrincipal":{"AWS":"`+bob+`"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}`))
	rule(t, want(t, in, eval.Allowed, eval.LayerResource), eval.RuleResourceAllowNonIAMCaller)
	// RCPs and endpoint policies still apply.
	in.RCPs = chain(t, eval.RCP, doc(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"Null":{"aws:PrincipalAccount":"true"}}}`))
	rule(t, want(t, in, eval.ExplicitDeny, eval.LayerRCP), eval.RuleExplicitDeny)
	in.RCPs = nil
	in.Endpoints = pols(t, eval.EndpointPolicy, doc(`{"Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"*"}`))
	rule(t, want(t, in, eval.ImplicitDeny, eval.LayerEndpoint), eval.RuleEndpointImplicitDeny)
}

func TestA12_GetCallerIdentityAlwaysAllowed(t *testing.T) {
	for _, p := range []string{alice, sessionRS, fedFred, rootA} {
		in := &eval.Input{Request: req(p, "sts:GetCallerIdentity", "*")}
		in.Identity = pols(t, eval.IdentityPolicy, doc(denyAll))
		in.SCPs = chain(t, eval.SCP, doc(denyAll))
		in.Boundary = pol(t, eval.BoundaryPolicy, doc(denyAll))
		rule(t, want(t, in, eval.Allowed, eval.LayerAlways), eval.RuleAlwaysAllowed)
		in.Request.Action = "STS:getcalleridentity"
		rule(t, want(t, in, eval.Allowed, eval.LayerAlways), eval.RuleAlwaysAllowed)
	}
}

func TestA12_WildcardOnlyActionNeedsResourceStar(t *testing.T) {
	// s3:ListAllMyBuckets has no resource ARN: the request's resource is "*".
	in := &eval.Input{Request: req(alice, "s3:ListAllMyBuckets", "*")}
	in.Identity = pols(t, eval.IdentityPolicy, doc(`{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"arn:aws:s3:::*"}`))
	rule(t, want(t, in, eval.ImplicitDeny, eval.LayerIdentity), eval.RuleIdentityImplicitDeny)
	in.Identity = pols(t, eval.IdentityPolicy, doc(`{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}`))
	rule(t, want(t, in, eval.Allowed, eval.LayerIdentity), eval.RuleIdentityAllow)
}

func TestA12_MFADeleteNeedsMFAKey(t *testing.T) {
	// A bucket policy denying DeleteObject without MFA, written the exam's
	// way with BoolIfExists so long-term keys are denied too.
	in := &eval.Input{Request: req(alice, "s3:DeleteObject", bucketObj)}
	in.Request.ResourceAccount = acctA
	in.Identity = pols(t, eval.IdentityPolicy, doc(allowAll))
	in.Resource = pol(t, eval.ResourcePolicy, doc(`{"Effect":"Deny","Principal":"*","Action":"s3:DeleteObject","Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}`))
	rule(t, want(t, in, eval.ExplicitDeny, eval.LayerResource), eval.RuleExplicitDeny)
	in.Request.Context.Set("aws:MultiFactorAuthPresent", "true")
	rule(t, want(t, in, eval.Allowed, eval.LayerIdentity), eval.RuleIdentityAllow)
}

func layerOf(r eval.Result, l eval.Layer) *eval.LayerTrace {
	if r.Trace == nil {
		return nil
	}
	for _, lt := range r.Trace.Layers {
		if lt.Layer == l {
			return lt
		}
	}
	return nil
}

func TestA12_PassRoleIsAnIdentityPermissionOnTheRole(t *testing.T) {
	// iam:PassRole is granted by the caller's identity policy on the role's
	// ARN; the role's trust policy is not consulted (that is for AssumeRole).
	in := &eval.Input{Request: req(alice, "iam:PassRole", roleR)}
	if eval.ResourcePolicyTypeFor("iam:PassRole", roleR) != eval.ResourcePolicy {
		t.Fatal("PassRole must not require a trust policy")
	}
	rule(t, want(t, in, eval.ImplicitDeny, eval.LayerIdentity), eval.RuleIdentityImplicitDeny)
	in.Identity = pols(t, eval.IdentityPolicy, doc(`{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111111111111:role/R","Condition":{"StringEquals":{"iam:PassedToService":"lambda.amazonaws.com"}}}`))
	rule(t, want(t, in, eval.ImplicitDeny, eval.LayerIdentity), eval.RuleIdentityImplicitDeny)
	in.Request.Context.Set("iam:PassedToService", "lambda.amazonaws.com")
	rule(t, want(t, in, eval.Allowed, eval.LayerIdentity), eval.RuleIdentityAllow)
	in.Request.Resource = "arn:aws:iam::111111111111:role/Admin"
	rule(t, want(t, in, eval.ImplicitDeny, eval.LayerIdentity), eval.RuleIdentityImplicitDeny)
}

// The engine knows no service list of its own: without one, RCPs apply to
// every service; the catalogue's list comes from the caller.
func TestA3_RCPServiceListIsTheCallers(t *testing.T) {
	denyAny := doc(`{"Effect":"Deny","Principal":"*","Action":["ec2:*"],"Resource":"*"}`)
	in := rcpInput(t, "ec2:TerminateInstances", "arn:aws:ec2:us-east-1:111111111111:instance/i-1")
	in.RCPs = chain(t, eval.RCP, denyAny)
	rule(t, want(t, in, eval.ExplicitDeny, eval.LayerRCP), eval.RuleExplicitDeny)
	in.RCPSupported = func(string) bool { return false }
	rule(t, want(t, in, eval.Allowed, eval.LayerIdentity), eval.RuleIdentityAllow)
}
