package sandbox

import (
	"slices"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/eval"
)

func TestAssumeRoleTrustNamesUser(t *testing.T) {
	w := testWorld(t)
	// The trust policy names bob's ARN: in the same account that is enough,
	// bob needs no sts:AssumeRole permission of his own.
	o := eval1(t, w, Call{As: "role deploy assumed by bob", Action: "s3:PutObject", Resource: "s3://reports/x"})
	expect(t, o, eval.Allowed, eval.LayerIdentity)
	if len(o.Hops) != 2 {
		t.Fatalf("want the STS hop and the call, got %d hops", len(o.Hops))
	}
	h := o.Hops[0]
	if h.Input.Request.Action != "sts:AssumeRole" || h.Result.DecidedBy != eval.LayerResource || !h.Input.ResourcePolicyRequired {
		t.Errorf("hop 1: %s %s decided by %s", h.Description, h.Input.Request.Action, h.Result.DecidedBy)
	}
	if h.Input.Resource == nil || h.Input.Resource.Policy.Type != eval.TrustPolicy {
		t.Error("hop 1 must carry the trust policy")
	}
	if v, _ := h.Input.Request.Context.Get("aws:ResourceTag/env"); len(v.Values) != 1 || v.Values[0] != "prod" {
		t.Errorf("role tags as resource tags on AssumeRole: %v", v.Values)
	}
	final := o.Hops[1].Input.Request
	if final.Principal != "arn:aws:sts::"+prodID+":assumed-role/deploy/bob" {
		t.Errorf("session principal %s", final.Principal)
	}
	for k, want := range map[string]string{
		"aws:PrincipalArn":           "arn:aws:iam::" + prodID + ":role/ci/deploy",
		"aws:PrincipalType":          "AssumedRole",
		"aws:MultiFactorAuthPresent": "false",
		"aws:PrincipalTag/team":      "red",
	} {
		if v, ok := final.Context.Get(k); !ok || v.Values[0] != want {
			t.Errorf("%s = %v, want %s", k, v.Values, want)
		}
	}
	if _, ok := final.Context.Get("aws:username"); ok {
		t.Error("aws:username is for IAM users only")
	}
	if _, ok := final.Context.Get("aws:TokenIssueTime"); !ok {
		t.Error("a session has aws:TokenIssueTime")
	}
	uid, _ := final.Context.Get("aws:userid")
	if !strings.HasPrefix(uid.Values[0], "AROA") || !strings.HasSuffix(uid.Values[0], ":bob") {
		t.Errorf("aws:userid %v", uid.Values)
	}
}

func TestAssumeRoleTrustNamesAccount(t *testing.T) {
	w := testWorld(t)
	// erin is covered only by the account entry: the account delegates to
	// her identity policies, which do not allow sts:AssumeRole.
	o := eval1(t, w, Call{As: "role deploy assumed by erin", Action: "s3:PutObject", Resource: "s3://reports/x"})
	expect(t, o, eval.ImplicitDeny, eval.LayerIdentity)
	if len(o.Hops) != 1 || !strings.Contains(o.Reason, "user erin cannot assume role deploy") {
		t.Errorf("the failed hop must stop the chain and be named: %d hops, %q", len(o.Hops), o.Reason)
	}
	// dave has sts:AssumeRole on *: allowed.
	o = eval1(t, w, Call{As: "role deploy assumed by dave", Action: "s3:PutObject", Resource: "s3://reports/x"})
	expect(t, o, eval.Allowed, "")
}

func TestAssumeRoleDeniedByTrust(t *testing.T) {
	w := testWorld(t)
	// dave may call sts:AssumeRole, but vendor's trust names only account B.
	o := eval1(t, w, Call{As: "role vendor assumed by dave", Action: "s3:GetObject", Resource: "s3://reports/x"})
	expect(t, o, eval.ImplicitDeny, eval.LayerResource)
	if !strings.Contains(o.Reason, "cannot assume role vendor") {
		t.Errorf("reason %q", o.Reason)
	}
}

func TestCrossAccountAssumeRoleNeedsBoth(t *testing.T) {
	w := testWorld(t)
	o := eval1(t, w, Call{As: "role deploy assumed by carol from account B", Action: "s3:PutObject", Resource: "s3://reports/x"})
	expect(t, o, eval.Allowed, "")
	if o.Hops[1].Input.Request.Principal != "arn:aws:sts::"+prodID+":assumed-role/deploy/carol" {
		t.Errorf("session %s", o.Hops[1].Input.Request.Principal)
	}
	// frank's account is trusted but frank has no sts:AssumeRole.
	o = eval1(t, w, Call{As: "role deploy assumed by frank from account B", Action: "s3:PutObject", Resource: "s3://reports/x"})
	expect(t, o, eval.ImplicitDeny, eval.LayerIdentity)
}

func TestExternalID(t *testing.T) {
	w := testWorld(t)
	o := eval1(t, w, Call{As: "role vendor assumed by carol from account B", Action: "s3:GetObject", Resource: "s3://reports/x"})
	expect(t, o, eval.ImplicitDeny, eval.LayerResource)
	o = eval1(t, w, Call{As: "role vendor assumed by carol from account B", ExternalID: "ext-42", Action: "s3:GetObject", Resource: "s3://reports/x"})
	expect(t, o, eval.Allowed, "")
	if v, ok := o.Hops[0].Input.Request.Context.Get("sts:ExternalId"); !ok || v.Values[0] != "ext-42" {
		t.Errorf("sts:ExternalId %v", v)
	}
	if _, ok := o.Hops[1].Input.Request.Context.Get("sts:ExternalId"); ok {
		t.Error("sts:ExternalId belongs to the AssumeRole call only")
	}
}

func TestSessionPolicyAndTags(t *testing.T) {
	w := testWorld(t)
	o := eval1(t, w, Call{As: "role deploy assumed by bob", SessionPolicy: "session:read-only", Action: "s3:PutObject", Resource: "s3://reports/x"})
	expect(t, o, eval.ImplicitDeny, eval.LayerSession)
	o = eval1(t, w, Call{As: "role deploy assumed by bob", SessionPolicy: "read-only", Action: "s3:GetObject", Resource: "s3://reports/x"})
	expect(t, o, eval.Allowed, "")
	if o.Hops[1].Input.Session == nil {
		t.Error("the session policy must reach the session's call")
	}
	// Session tags need sts:TagSession in the trust policy, which deploy's
	// trust does not allow.
	o = eval1(t, w, Call{As: "role deploy assumed by bob", SessionTags: map[string]string{"team": "green"}, Action: "s3:GetObject", Resource: "s3://reports/x"})
	expect(t, o, eval.ImplicitDeny, eval.LayerResource)
	if len(o.Hops) != 2 || o.Hops[1].Input.Request.Action != "sts:TagSession" {
		t.Fatalf("want AssumeRole then TagSession, got %d hops", len(o.Hops))
	}
	// With TagSession trusted, session tags override the role's tags.
	w2, err := w.WithDocument("trust:"+prodID+"/deploy", trustJSON(`{"AWS":"arn:aws:iam::`+prodID+`:user/bob"}`, "sts:*", ""))
	if err != nil {
		t.Fatal(err)
	}
	o = eval1(t, w2, Call{As: "role deploy assumed by bob", SessionTags: map[string]string{"team": "green"}, Action: "s3:GetObject", Resource: "s3://reports/x"})
	expect(t, o, eval.Allowed, "")
	final := o.Hops[len(o.Hops)-1].Input.Request.Context
	if v, _ := final.Get("aws:PrincipalTag/team"); v.Values[0] != "green" {
		t.Errorf("session tag should override the role tag: %v", v.Values)
	}
	if v, _ := final.Get("aws:PrincipalTag/env"); v.Values[0] != "prod" {
		t.Errorf("role tag kept: %v", v.Values)
	}
	if v, _ := o.Hops[0].Input.Request.Context.Get("aws:TagKeys"); !v.Multi || !slices.Equal(v.Values, []string{"team"}) {
		t.Errorf("aws:TagKeys on AssumeRole: %+v", v)
	}
}

func TestAssumeRoleWithMFA(t *testing.T) {
	w := testWorld(t)
	o := eval1(t, w, Call{As: "role deploy assumed by alice, with MFA", Action: "s3:GetObject", Resource: "s3://reports/x"})
	expect(t, o, eval.Allowed, "")
	if v, _ := o.Hops[0].Input.Request.Context.Get("aws:MultiFactorAuthPresent"); v.Values[0] != "true" {
		t.Errorf("the AssumeRole call carries MFA: %v", v.Values)
	}
	if v, _ := o.Hops[len(o.Hops)-1].Input.Request.Context.Get("aws:MultiFactorAuthPresent"); v.Values[0] != "true" {
		t.Errorf("the session carries MFA: %v", v.Values)
	}
}

func TestInstanceProfile(t *testing.T) {
	w := testWorld(t)
	o := eval1(t, w, Call{As: "the app on instance i-0abc", Action: "s3:GetObject", Resource: "s3://reports/x"})
	expect(t, o, eval.Allowed, eval.LayerIdentity)
	h := o.Hops[0]
	if h.Input.Request.Principal != "ec2.amazonaws.com" || h.Result.Decision != eval.Allowed {
		t.Errorf("hop 1: %s → %s", h.Input.Request.Principal, h.Result.Reason)
	}
	final := o.Hops[1].Input.Request
	if final.Principal != "arn:aws:sts::"+prodID+":assumed-role/app/i-0abc" {
		t.Errorf("principal %s", final.Principal)
	}
	if v, _ := final.Context.Get("ec2:SourceInstanceARN"); v.Values[0] != "arn:aws:ec2:us-east-1:"+prodID+":instance/i-0abc" {
		t.Errorf("ec2:SourceInstanceARN %v", v.Values)
	}
	// A trust policy that does not name ec2.amazonaws.com stops the app.
	w2, _ := w.WithDocument("trust:"+prodID+"/app", trustJSON(`{"Service":"lambda.amazonaws.com"}`, "sts:AssumeRole", ""))
	o = eval1(t, w2, Call{As: "instance i-0abc", Action: "s3:GetObject", Resource: "s3://reports/x"})
	expect(t, o, eval.ImplicitDeny, eval.LayerResource)
}

func TestLambdaFunction(t *testing.T) {
	w := testWorld(t)
	o := eval1(t, w, Call{As: "lambda function thumbs", Action: "logs:CreateLogGroup", Resource: "arn:aws:logs:us-east-1:" + prodID + ":log-group:/aws/lambda/thumbs"})
	expect(t, o, eval.Allowed, eval.LayerIdentity)
	if o.Hops[1].Input.Request.Principal != "arn:aws:sts::"+prodID+":assumed-role/thumbs-exec/thumbs" {
		t.Errorf("principal %s", o.Hops[1].Input.Request.Principal)
	}
}

func TestCognitoGuestAndAuthenticated(t *testing.T) {
	w := testWorld(t)
	o := eval1(t, w, Call{As: "a guest of identity pool mobile", Action: "s3:GetObject", Resource: "s3://assets/public/a.png"})
	expect(t, o, eval.Allowed, "")
	h := o.Hops[0]
	if h.Input.Request.Action != "sts:AssumeRoleWithWebIdentity" || h.Input.Request.Principal != "cognito-identity.amazonaws.com" {
		t.Errorf("hop 1 %s by %s", h.Input.Request.Action, h.Input.Request.Principal)
	}
	if v, _ := h.Input.Request.Context.Get("cognito-identity.amazonaws.com:amr"); !v.Multi || !slices.Equal(v.Values, []string{"unauthenticated"}) {
		t.Errorf("amr %+v", v)
	}
	if r := findRule(o, "cognito-unauthenticated"); r == nil || r.Denies {
		t.Errorf("rule %+v", r)
	}
	o = eval1(t, w, Call{As: "guest of identity pool closed", Action: "s3:GetObject", Resource: "s3://assets/public/a.png"})
	expect(t, o, eval.ImplicitDeny, LayerServiceRule)
	if len(o.Hops) != 0 || !strings.Contains(o.Reason, "does not allow unauthenticated identities") {
		t.Errorf("closed pool: %d hops, %q", len(o.Hops), o.Reason)
	}
	// An authenticated identity reads its own prefix through the :sub claim.
	o = eval1(t, w, Call{As: "authenticated user of identity pool mobile", Action: "s3:GetObject", Resource: "s3://reports/a.csv"})
	expect(t, o, eval.ImplicitDeny, eval.LayerIdentity)
	sub, _ := o.Hops[1].Input.Request.Context.Get("cognito-identity.amazonaws.com:sub")
	amr, _ := o.Hops[0].Input.Request.Context.Get("cognito-identity.amazonaws.com:amr")
	if !slices.Contains(amr.Values, "authenticated") || !slices.Contains(amr.Values, "accounts.google.com") {
		t.Errorf("amr %v", amr.Values)
	}
	o = eval1(t, w, Call{As: "authenticated user of identity pool mobile", Action: "s3:GetObject", Resource: "s3://assets/users/" + sub.Values[0] + "/photo.jpg"})
	expect(t, o, eval.Allowed, eval.LayerIdentity)
}

func TestFederatedUser(t *testing.T) {
	w := testWorld(t)
	o := eval1(t, w, Call{As: "federated user ann via dave", SessionPolicy: "read-only", Action: "s3:GetObject", Resource: "s3://reports/x"})
	// dave's policies allow only sts:AssumeRole, so the intersection is empty.
	expect(t, o, eval.ImplicitDeny, eval.LayerIdentity)
	if o.Hops[0].Input.Request.Action != "sts:GetFederationToken" {
		t.Errorf("hop 1 %s", o.Hops[0].Input.Request.Action)
	}
	o = eval1(t, w, Call{As: "federated user ann via erin", SessionPolicy: "read-only", Action: "s3:GetObject", Resource: "s3://reports/x"})
	expect(t, o, eval.ImplicitDeny, eval.LayerIdentity) // erin cannot call GetFederationToken
	w2, _ := w.WithDocument("policy:"+prodID+"/AssumeAny", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sts:*","s3:GetObject"],"Resource":"*"}]}`)
	o = eval1(t, w2, Call{As: "federated user ann via dave", SessionPolicy: "read-only", Action: "s3:GetObject", Resource: "s3://reports/x"})
	expect(t, o, eval.Allowed, "")
	final := o.Hops[1].Input.Request
	if final.Principal != "arn:aws:sts::"+prodID+":federated-user/ann" || final.SessionIssuer != "arn:aws:iam::"+prodID+":user/dave" {
		t.Errorf("federated principal %s issuer %s", final.Principal, final.SessionIssuer)
	}
	if v, _ := final.Context.Get("aws:userid"); v.Values[0] != prodID+":ann" {
		t.Errorf("userid %v", v.Values)
	}
	// Without a session policy a federated user has nothing.
	o = eval1(t, w2, Call{As: "federated user ann via dave", Action: "s3:GetObject", Resource: "s3://reports/x"})
	expect(t, o, eval.ImplicitDeny, eval.LayerSession)
}

func TestRoleChaining(t *testing.T) {
	w := testWorld(t)
	w2, _ := w.WithDocument("trust:"+prodID+"/app", trustJSON(`{"AWS":"arn:aws:iam::`+prodID+`:role/ci/deploy"}`, "sts:AssumeRole", ""))
	o := eval1(t, w2, Call{As: "role app assumed by role deploy assumed by bob", Action: "s3:GetObject", Resource: "s3://reports/x"})
	expect(t, o, eval.Allowed, "")
	if len(o.Hops) != 3 || o.Hops[1].Input.Request.Principal != "arn:aws:sts::"+prodID+":assumed-role/deploy/bob" {
		t.Errorf("chain: %d hops", len(o.Hops))
	}
	if o.Hops[2].Input.Request.Principal != "arn:aws:sts::"+prodID+":assumed-role/app/bob" {
		t.Errorf("chained session %s", o.Hops[2].Input.Request.Principal)
	}
}

func TestRootCrossAccount(t *testing.T) {
	w := testWorld(t)
	// reports' policy trusts account B: B's root has full access in its own
	// account, so both sides allow.
	o := eval1(t, w, Call{As: "root of account B", Action: "s3:GetObject", Resource: "s3://reports/q3.csv"})
	expect(t, o, eval.Allowed, eval.LayerResource)
	o = eval1(t, w, Call{As: "root of account B", Action: "s3:PutObject", Resource: "s3://reports/q3.csv"})
	expect(t, o, eval.ImplicitDeny, eval.LayerResource)
}

func TestAssumeRoleAsTheCall(t *testing.T) {
	w := testWorld(t)
	o := eval1(t, w, Call{As: "carol from account B", ExternalID: "ext-42", Action: "sts:AssumeRole", Resource: "role vendor"})
	expect(t, o, eval.Allowed, eval.LayerResource)
	if !o.Hops[0].Input.ResourcePolicyRequired || o.Hops[0].Input.Resource == nil {
		t.Error("sts:AssumeRole on a role is judged by its trust policy")
	}
	o = eval1(t, w, Call{As: "carol from account B", Action: "sts:AssumeRole", Resource: "role vendor"})
	expect(t, o, eval.ImplicitDeny, eval.LayerResource)
}

func TestWebIdentityAndSAMLProviders(t *testing.T) {
	w := NewWorld()
	gh := "token.actions.githubusercontent.com"
	err := w.AddAccount(&Account{ID: prodID, Name: "Prod",
		OIDCProviders: []*OIDCProvider{{URL: "https://" + gh, ClientIDs: []string{"sts.amazonaws.com"}}},
		SAMLProviders: []*SAMLProvider{{Name: "Okta"}},
		Roles: []*Role{
			{Name: "ci", Policies: []string{"AmazonS3ReadOnlyAccess"}, Trust: PolicyText{Source: trustJSON(`{"Federated":"arn:aws:iam::`+prodID+`:oidc-provider/`+gh+`"}`, "sts:AssumeRoleWithWebIdentity",
				`{"StringEquals":{"`+gh+`:aud":"sts.amazonaws.com"},"StringLike":{"`+gh+`:sub":"repo:acme/app:*"}}`)}},
			{Name: "admins", Policies: []string{"ReadOnlyAccess"}, Trust: PolicyText{Source: trustJSON(`{"Federated":"arn:aws:iam::`+prodID+`:saml-provider/Okta"}`, "sts:AssumeRoleWithSAML",
				`{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}`)}},
		},
		Buckets: []*Bucket{{Name: "b"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	claims := map[string][]string{gh + ":aud": {"sts.amazonaws.com"}, gh + ":sub": {"repo:acme/app:ref:refs/heads/main"}}
	o := eval1(t, w, Call{As: "role ci assumed by oidc " + gh, Context: claims, Action: "s3:GetObject", Resource: "s3://b/k"})
	expect(t, o, eval.Allowed, eval.LayerIdentity)
	if o.Hops[0].Input.Request.Action != "sts:AssumeRoleWithWebIdentity" {
		t.Errorf("hop 1 %s", o.Hops[0].Input.Request.Action)
	}
	if v, _ := o.Hops[1].Input.Request.Context.Get("aws:FederatedProvider"); len(v.Values) != 1 || !strings.HasSuffix(v.Values[0], gh) {
		t.Errorf("aws:FederatedProvider %v", v.Values)
	}
	claims[gh+":sub"] = []string{"repo:evil/app:ref:refs/heads/main"}
	o = eval1(t, w, Call{As: "role ci assumed by oidc " + gh, Context: claims, Action: "s3:GetObject", Resource: "s3://b/k"})
	expect(t, o, eval.ImplicitDeny, eval.LayerResource)
	o = eval1(t, w, Call{As: "role admins assumed by saml Okta", Action: "s3:GetObject", Resource: "s3://b/k"})
	expect(t, o, eval.Allowed, eval.LayerIdentity)
	if o.Hops[0].Input.Request.Action != "sts:AssumeRoleWithSAML" {
		t.Errorf("hop 1 %s", o.Hops[0].Input.Request.Action)
	}
	if _, err := w.Evaluate(Call{As: "role ci assumed by oidc accounts.google.com", Action: "s3:GetObject", Resource: "*"}, eval.Options{}); err == nil || !strings.Contains(err.Error(), "no OIDC provider") {
		t.Errorf("unknown provider: %v", err)
	}
}

func TestExistingSessionAndServiceLinkedRole(t *testing.T) {
	w := testWorld(t)
	o := eval1(t, w, Call{As: "role deploy", Action: "s3:PutObject", Resource: "s3://reports/x"})
	expect(t, o, eval.Allowed, eval.LayerIdentity)
	if len(o.Hops) != 1 || o.Hops[0].Input.Request.Principal != "arn:aws:sts::"+prodID+":assumed-role/deploy/session" {
		t.Errorf("an existing session has no STS hop: %d hops", len(o.Hops))
	}
}
