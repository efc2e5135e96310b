package eval_test

import (
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/eval"
)

// Corners of the AWS documentation that a simpler engine gets wrong
// (docs/evaluation-rules.md, section F). Each test quotes the passage that
// decides it.

// resourceStatement is the trace of the resource policy's first statement.
func resourceStatement(t *testing.T, r eval.Result) *eval.StatementTrace {
	t.Helper()
	l := layerOf(r, eval.LayerResource)
	if l == nil || len(l.Policies) == 0 || len(l.Policies[0].Statements) == 0 {
		t.Fatalf("no resource statement in the trace")
	}
	return l.Policies[0].Statements[0]
}

// TestCorner1_NotPrincipalAllowExcludesTheListedCaller pins Allow with
// NotPrincipal. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
// (2023 edition, "NotPrincipal with Allow"): "Doing so allows all principals
// except the one named in the NotPrincipal element." The account→role→session
// chain the same page describes is for Deny; with Allow a listed caller is
// simply excluded, and nothing about its account can name it back in.
func TestCorner1_NotPrincipalAllowExcludesTheListedCaller(t *testing.T) {
	onlyAlice := `{"AWS":"` + alice + `"}`
	in := notPrincipalInput(t, "Allow", onlyAlice, alice)
	in.Identity = nil // only the bucket policy could let alice in
	r := rule(t, want(t, in, eval.ImplicitDeny, eval.LayerIdentity), eval.RuleIdentityImplicitDeny)
	st := resourceStatement(t, r)
	if st.Applies || st.Principal == nil || st.Principal.Matched {
		t.Fatalf("the Allow applied to the listed caller: %+v", st.Principal)
	}
	if !strings.Contains(st.Principal.Note, `the user ("`+alice+`") is listed in NotPrincipal`) {
		t.Errorf("note does not name the entry that excluded alice: %q", st.Principal.Note)
	}
	// Listing her account excludes her too.
	in = notPrincipalInput(t, "Allow", `{"AWS":"`+rootA+`"}`, alice)
	in.Identity = nil
	rule(t, want(t, in, eval.ImplicitDeny, eval.LayerIdentity), eval.RuleIdentityImplicitDeny)
	// A session is excluded when its role is listed.
	in = notPrincipalInput(t, "Allow", `{"AWS":"`+roleR+`"}`, sessionRS)
	in.Identity = nil
	rule(t, want(t, in, eval.ImplicitDeny, eval.LayerIdentity), eval.RuleIdentityImplicitDeny)
	// Everyone else is covered, and the trace says how without claiming the
	// policy names the caller's ARN.
	in = notPrincipalInput(t, "Allow", onlyAlice, "arn:aws:iam::111111111111:user/mallory")
	in.Identity = nil
	r = rule(t, want(t, in, eval.Allowed, eval.LayerResource), eval.RuleResourceAllowSameAccount)
	note := layerOf(r, eval.LayerResource).Note
	if !strings.Contains(note, "everyone not listed in NotPrincipal") || strings.Contains(note, "user ARN itself") {
		t.Errorf("resource layer note %q", note)
	}
}

// TestCorner2_NotPrincipalDenyNamesTheSession pins Deny with NotPrincipal
// for role sessions. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
// (2023 edition): "When you specify an assumed-role session in a NotPrincipal
// element, you cannot use a wildcard (*) to mean "all sessions". Principals
// must always name a specific session." Its example lists the session, the
// role and the account, because "AWS might validate the account first, then
// the role, and then the assumed-role user".
func TestCorner2_NotPrincipalDenyNamesTheSession(t *testing.T) {
	roleAndAccount := `{"AWS":["` + roleR + `","` + rootA + `"]}`
	r := rule(t, want(t, notPrincipalInput(t, "Deny", roleAndAccount, sessionRS), eval.ExplicitDeny, eval.LayerResource), eval.RuleExplicitDeny)
	if note := resourceStatement(t, r).Principal.Note; !strings.Contains(note, "not the session itself") {
		t.Errorf("note %q does not say the session is missing", note)
	}
	all := `{"AWS":["` + sessionRS + `","` + roleR + `","` + rootA + `"]}`
	r = rule(t, want(t, notPrincipalInput(t, "Deny", all, sessionRS), eval.Allowed, eval.LayerIdentity), eval.RuleIdentityAllow)
	if note := resourceStatement(t, r).Principal.Note; !strings.Contains(note, "so this Deny does not apply to the caller") || !strings.Contains(note, sessionRS) {
		t.Errorf("note %q does not name the entries that exempt the session", note)
	}
	// Another session of the same role is still denied.
	rule(t, want(t, notPrincipalInput(t, "Deny", all, "arn:aws:sts::111111111111:assumed-role/R/other"), eval.ExplicitDeny, eval.LayerResource), eval.RuleExplicitDeny)
	// The session and account without the role: the role link is missing.
	rule(t, want(t, notPrincipalInput(t, "Deny", `{"AWS":["`+sessionRS+`","`+rootA+`"]}`, sessionRS), eval.ExplicitDeny, eval.LayerResource), eval.RuleExplicitDeny)
	// A user listed with its account is exempt, and the note names both.
	r = rule(t, want(t, notPrincipalInput(t, "Deny", `{"AWS":["`+alice+`","`+rootA+`"]}`, alice), eval.Allowed, eval.LayerIdentity), eval.RuleIdentityAllow)
	if note := resourceStatement(t, r).Principal.Note; !strings.Contains(note, alice) || !strings.Contains(note, rootA) {
		t.Errorf("note %q", note)
	}
}

// TestCorner3_RCPsDoNotApplyToServiceLinkedRoles pins
// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html,
// "Resources and entities not restricted by RCPs": "RCPs do not impact the
// effective permissions of any service-linked role. [...] RCPs also do not
// impact AWS services' ability to assume a service-linked role; that is, the
// service-linked role's trust policy is also not impacted by RCPs."
func TestCorner3_RCPsDoNotApplyToServiceLinkedRoles(t *testing.T) {
	rcpDenyAll := chain(t, eval.RCP, doc(`{"Effect":"Deny","Principal":"*","Action":["s3:*","sts:*"],"Resource":"*"}`))
	// The role's own calls.
	in := &eval.Input{Request: req(slrSession, "s3:GetObject", bucketObj), Identity: pols(t, eval.IdentityPolicy, doc(allowAll)), RCPs: rcpDenyAll}
	in.Request.ResourceAccount = acctA
	r := rule(t, want(t, in, eval.Allowed, eval.LayerIdentity), eval.RuleIdentityAllow)
	if l := layerOf(r, eval.LayerRCP); l.Applicable || !strings.Contains(l.Note, "service-linked roles") {
		t.Errorf("RCP layer %+v", l)
	}
	// The service assuming its service-linked role.
	in = &eval.Input{Request: req("elasticloadbalancing.amazonaws.com", "sts:AssumeRole", slrRole), RCPs: rcpDenyAll}
	in.Resource = pol(t, eval.TrustPolicy, doc(`{"Effect":"Allow","Principal":{"Service":"elasticloadbalancing.amazonaws.com"},"Action":"sts:AssumeRole"}`))
	r = rule(t, want(t, in, eval.Allowed, eval.LayerResource), eval.RuleResourceAllowNonIAMCaller)
	if l := layerOf(r, eval.LayerRCP); l.Applicable || !strings.Contains(l.Note, "assuming its service-linked role") {
		t.Errorf("RCP layer %+v", l)
	}
	// An ordinary role is still limited.
	in = &eval.Input{Request: req(sessionRS, "s3:GetObject", bucketObj), Identity: pols(t, eval.IdentityPolicy, doc(allowAll)), RCPs: rcpDenyAll}
	in.Request.ResourceAccount = acctA
	rule(t, want(t, in, eval.ExplicitDeny, eval.LayerRCP), eval.RuleExplicitDeny)
	// And a service assuming an ordinary role.
	in = &eval.Input{Request: req("lambda.amazonaws.com", "sts:AssumeRole", roleR), RCPs: rcpDenyAll}
	in.Resource = pol(t, eval.TrustPolicy, doc(`{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}`))
	rule(t, want(t, in, eval.ExplicitDeny, eval.LayerRCP), eval.RuleExplicitDeny)
}

// TestCorner4_RootCannotAssumeARole pins
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-api.html:
// "You cannot assume a role when you are signed in as the AWS account root
// user." (the CLI page, id_roles_use_switch-role-cli.html, says the same).
func TestCorner4_RootCannotAssumeARole(t *testing.T) {
	trust := doc(`{"Effect":"Allow","Principal":{"AWS":"` + rootA + `"},"Action":"sts:AssumeRole"}`)
	in := &eval.Input{Request: req(rootA, "sts:AssumeRole", roleR), Resource: pol(t, eval.TrustPolicy, trust)}
	rule(t, wantReason(t, in, eval.ImplicitDeny, eval.LayerRoot, "the root user cannot assume a role"), eval.RuleRootCannotAssumeRole)
	// Another account's role, trusting that account: still refused.
	crossTrust := doc(`{"Effect":"Allow","Principal":{"AWS":"` + rootB + `"},"Action":"sts:AssumeRole"}`)
	in = &eval.Input{Request: req(rootB, "sts:AssumeRole", roleR), Resource: pol(t, eval.TrustPolicy, crossTrust)}
	rule(t, wantReason(t, in, eval.ImplicitDeny, eval.LayerRoot, "in its own account or any other"), eval.RuleRootCannotAssumeRole)
	// A user the trust policy names may.
	in = &eval.Input{Request: req(alice, "sts:AssumeRole", roleR), Resource: pol(t, eval.TrustPolicy, doc(`{"Effect":"Allow","Principal":{"AWS":"`+alice+`"},"Action":"sts:AssumeRole"}`))}
	rule(t, want(t, in, eval.Allowed, eval.LayerResource), eval.RuleResourceAllowSameAccount)
	// An explicit deny is still reported as one.
	in = &eval.Input{Request: req(rootA, "sts:AssumeRole", roleR), Resource: pol(t, eval.TrustPolicy, doc(`{"Effect":"Deny","Principal":"*","Action":"sts:AssumeRole"}`))}
	rule(t, want(t, in, eval.ExplicitDeny, eval.LayerResource), eval.RuleExplicitDeny)
}

// TestCorner5_TrailingStarSpillsOverColons pins
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards:
// "If the wildcard (*) is the last character of a resource ARN segment, it
// can expand to match beyond colon boundaries." ARN condition operators keep
// checking "each of the six colon-delimited components of the ARN"
// separately (reference_policies_elements_condition_operators.html#Conditions_ARN),
// so the rule is the Resource element's alone.
func TestCorner5_TrailingStarSpillsOverColons(t *testing.T) {
	queue := "arn:aws:sqs:us-east-1:111111111111:queue1"
	cases := []struct {
		pattern, res string
		want         bool
	}{
		{"arn:aws:sqs:*:queue1", queue, true},
		{"arn:aws:sqs:us-east-*:queue1", queue, true},
		{"arn:aws:sqs:us-west-*:queue1", queue, false},
		{"arn:aws:sqs:*:queue2", queue, false},
		{"arn:aws:sqs:us-*-1:queue1", queue, false},        // the star is not last
		{"arn:aws:sqs:*:111111111111:queue1", queue, true}, // the usual alignment still works
		{"arn:aws:sqs:*:*:*", queue, true},
		{"arn:aws:logs:*:log-group:app:*", "arn:aws:logs:eu-west-1:111111111111:log-group:app:log-stream:s1", true},
		{"arn:aws:logs:*:log-group:other:*", "arn:aws:logs:eu-west-1:111111111111:log-group:app:log-stream:s1", false},
	}
	for _, c := range cases {
		got := stmtMatches(t, `{"Effect":"Allow","Action":"*","Resource":"`+c.pattern+`"}`, "sqs:SendMessage", c.res)
		if got != c.want {
			t.Errorf("Resource %q vs %q: %v, want %v", c.pattern, c.res, got, c.want)
		}
		// NotResource is the complement.
		if not := stmtMatches(t, `{"Effect":"Allow","Action":"*","NotResource":"`+c.pattern+`"}`, "sqs:SendMessage", c.res); not == c.want {
			t.Errorf("NotResource %q vs %q: %v", c.pattern, c.res, not)
		}
	}
	// ArnLike stays segment by segment.
	cond := `{"ArnLike":{"aws:SourceArn":"arn:aws:sqs:*:queue1"}}`
	if condResult(t, "2012-10-17", cond, ctx{"aws:SourceArn": queue}) {
		t.Error("ArnLike let a '*' cross a colon")
	}
}

// TestCorner5_SpillingStaysLinear: hostile patterns against a resource
// with thousands of colons finish, and agree with the regular-expression
// reference (RE2 is linear too).
func TestCorner5_SpillingStaysLinear(t *testing.T) {
	res := "arn:aws:logs:r:1:" + strings.Repeat("a:", 4000) + "b"
	for _, pattern := range []string{"arn:aws:logs:*:*:*:*a", "arn:aws:logs:*:*:a*:*:a*b", "arn:aws:logs:*:a*:a*:a*:*a*a*a*c", "arn:aws:logs:*a*:*a*:*:a*a*a*a*a*b"} {
		got := stmtMatches(t, `{"Effect":"Allow","Action":"*","Resource":"`+pattern+`"}`, "logs:GetLogEvents", res)
		if want := refResource(pattern, res); got != want {
			t.Errorf("Resource %q: %v, want %v", pattern, got, want)
		}
	}
}

// parseErr parses a document and returns its one error message, or "".
func parseErr(t *testing.T, typ eval.PolicyType, src string) string {
	t.Helper()
	_, err := eval.Parse([]byte(src), typ)
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestCorner6_NotPrincipalOnlyInResourcePolicies pins
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html:
// "You cannot use the NotPrincipal element in an IAM identity-based policy
// nor in an IAM role trust policy."
func TestCorner6_NotPrincipalOnlyInResourcePolicies(t *testing.T) {
	np := doc(`{"Effect":"Deny","NotPrincipal":{"AWS":"` + alice + `"},"Action":"sts:AssumeRole"}`)
	if msg := parseErr(t, eval.TrustPolicy, np); !strings.Contains(msg, "NotPrincipal is not allowed in a role trust policy") {
		t.Errorf("trust policy: %q", msg)
	}
	if msg := parseErr(t, eval.IdentityPolicy, doc(`{"Effect":"Deny","NotPrincipal":{"AWS":"`+alice+`"},"Action":"s3:*","Resource":"*"}`)); !strings.Contains(msg, "NotPrincipal is not allowed in an identity-based policy") {
		t.Errorf("identity policy: %q", msg)
	}
	if msg := parseErr(t, eval.ResourcePolicy, doc(`{"Effect":"Deny","NotPrincipal":{"AWS":"`+alice+`"},"Action":"s3:*","Resource":"*"}`)); msg != "" {
		t.Errorf("a bucket policy may use NotPrincipal: %q", msg)
	}
}

// TestCorner6_IAMSidRules pins
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html:
// "In IAM, the Sid value must be unique within a JSON policy." and "The Sid
// element supports ASCII uppercase letters (A-Z), lowercase letters (a-z),
// and numbers (0-9)." The same page's note leaves services (SQS, SNS, KMS)
// their own requirements, so a key policy's "Enable IAM User Permissions"
// stays valid.
func TestCorner6_IAMSidRules(t *testing.T) {
	for _, typ := range []eval.PolicyType{eval.IdentityPolicy, eval.BoundaryPolicy, eval.SessionPolicy} {
		if msg := parseErr(t, typ, doc(`{"Sid":"Allow-S3","Effect":"Allow","Action":"s3:*","Resource":"*"}`)); !strings.Contains(msg, `Sid "Allow-S3" contains '-'`) || !strings.Contains(msg, "1:45") {
			t.Errorf("%s: %q", typ, msg)
		}
		if msg := parseErr(t, typ, doc(`{"Sid":"A1","Effect":"Allow","Action":"s3:*","Resource":"*"}`, `{"Sid":"A1","Effect":"Deny","Action":"s3:Delete*","Resource":"*"}`)); !strings.Contains(msg, `duplicate Sid "A1" (first used at 1:45)`) {
			t.Errorf("%s: %q", typ, msg)
		}
		if msg := parseErr(t, typ, doc(`{"Sid":"AllowS3","Effect":"Allow","Action":"s3:*","Resource":"*"}`, `{"Effect":"Deny","Action":"s3:Delete*","Resource":"*"}`)); msg != "" {
			t.Errorf("%s: %q", typ, msg)
		}
	}
	if msg := parseErr(t, eval.TrustPolicy, doc(`{"Sid":"trust me","Effect":"Allow","Principal":{"AWS":"`+alice+`"},"Action":"sts:AssumeRole"}`)); !strings.Contains(msg, `contains ' '`) {
		t.Errorf("trust policy: %q", msg)
	}
	// Services' own policies keep their own rules.
	if msg := parseErr(t, eval.KeyPolicy, doc(`{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"`+rootA+`"},"Action":"kms:*","Resource":"*"}`)); msg != "" {
		t.Errorf("key policy: %q", msg)
	}
	if msg := parseErr(t, eval.ResourcePolicy, doc(`{"Sid":"a-b","Effect":"Allow","Principal":"*","Action":"s3:GetObject"}`, `{"Sid":"a-b","Effect":"Allow","Principal":"*","Action":"s3:ListBucket"}`)); msg != "" {
		t.Errorf("bucket policy: %q", msg)
	}
}

// TestCorner6_MalformedCIDRIsAnError: the condition operators page
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress)
// describes IpAddress values as IPv4 or IPv6 addresses or CIDR ranges, and
// does not say what becomes of a value that is neither. 10.0.0.0/33 is
// neither (an IPv4 prefix has at most 32 bits) and could never match, so
// iamlab refuses the document with the value's position instead of keeping
// a condition that silently never holds. This choice is pinned here.
func TestCorner6_MalformedCIDRIsAnError(t *testing.T) {
	src := doc(`{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":["10.0.0.0/8","10.0.0.0/33"]}}}`)
	msg := parseErr(t, eval.IdentityPolicy, src)
	if !strings.Contains(msg, `"10.0.0.0/33" is not an IP address or CIDR block`) || !strings.Contains(msg, "1:142") {
		t.Errorf("%q", msg)
	}
	for _, bad := range []string{"not-an-ip", "2001:db8::/129", "10.0.0"} {
		if msg := parseErr(t, eval.ResourcePolicy, doc(`{"Effect":"Deny","Principal":"*","Action":"*","Condition":{"IpAddress":{"aws:SourceIp":"`+bad+`"}}}`)); msg == "" {
			t.Errorf("%s parsed", bad)
		}
	}
}

// TestCorner6_VariableOnlyAfterTheFifthColon pins
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-wheretouse:
// "You can use a policy variable in the Resource element, but only in the
// resource portion of the ARN. This portion of the ARN appears after the
// fifth colon (:). You can't use a variable to replace parts of the ARN
// before the fifth colon, such as the service or account."
func TestCorner6_VariableOnlyAfterTheFifthColon(t *testing.T) {
	for _, c := range []struct{ res, part string }{
		{"arn:aws:iam::${aws:PrincipalAccount}:role/app", "account"},
		{"arn:aws:s3:${aws:RequestedRegion}::b/*", "Region"},
		{"arn:${aws:PrincipalTag/p}:s3:::b/*", "partition"},
	} {
		msg := parseErr(t, eval.IdentityPolicy, doc(`{"Effect":"Allow","Action":"*","Resource":"`+c.res+`"}`))
		if !strings.Contains(msg, "a policy variable in the "+c.part+" part") {
			t.Errorf("%s: %q", c.res, msg)
		}
	}
	for _, ok := range []string{"arn:aws:s3:::b/${aws:username}/*", "arn:aws:iam::111111111111:user/${aws:username}", "arn:aws:s3:::b${*}/x", "arn:aws:logs:*:111111111111:log-group:${aws:PrincipalTag/team}:*"} {
		if msg := parseErr(t, eval.IdentityPolicy, doc(`{"Effect":"Allow","Action":"*","Resource":"`+ok+`"}`)); msg != "" {
			t.Errorf("%s: %q", ok, msg)
		}
	}
	// Without Version 2012-10-17 ${...} is text, so there is no variable.
	if msg := parseErr(t, eval.IdentityPolicy, `{"Statement":{"Effect":"Allow","Action":"*","Resource":"arn:aws:iam::${aws:PrincipalAccount}:role/app"}}`); msg != "" {
		t.Errorf("2008-10-17: %q", msg)
	}
}

// TestCorner7_W3CDates pins the Date operators' value format:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date
// asks for "one of the W3C implementations of the ISO 8601 date formats"
// or epoch (UNIX) time. The W3C profile (https://www.w3.org/TR/NOTE-datetime)
// is YYYY, YYYY-MM, YYYY-MM-DD, then hh:mm, hh:mm:ss or hh:mm:ss.s with a zone.
// A bare four-digit value is read as the profile's YYYY, not as epoch
// seconds in 1970: iamlab's choice, since the page does not settle it.
func TestCorner7_W3CDates(t *testing.T) {
	now := "2026-03-15T10:30:00Z"
	cases := []struct {
		op, val string
		want    bool
	}{
		{"DateGreaterThan", "2026", true},
		{"DateLessThan", "2027", true},
		{"DateGreaterThan", "2026-03", true},
		{"DateLessThan", "2026-03", false},
		{"DateGreaterThan", "2026-03-15", true},
		{"DateLessThan", "2026-03-15T10:31+00:00", true},
		{"DateLessThan", "2026-03-15T11:30+01:00", false}, // the same instant
		{"DateEquals", "2026-03-15T11:30:00+01:00", true},
		{"DateLessThan", "2026-03-15T10:30:00.5Z", true},
		{"DateGreaterThan", "1773570599", true}, // epoch seconds, one second earlier
		{"DateEquals", "1773570600", true},
		{"DateGreaterThan", "15/03/2026", false}, // not a date: never matches
	}
	for _, c := range cases {
		if got := condResult(t, "2012-10-17", `{"`+c.op+`":{"aws:CurrentTime":"`+c.val+`"}}`, ctx{"aws:CurrentTime": now}); got != c.want {
			t.Errorf("%s %s with aws:CurrentTime %s: %v, want %v", c.op, c.val, now, got, c.want)
		}
	}
}

// TestCorner7_ForAllValuesOnAnEmptyString pins
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html:
// ForAllValues "also returns true if there are no context keys in the
// request" or the key resolves to "a null data set, such as an empty
// string". ForAnyValue, which needs at least one value, is false there.
func TestCorner7_ForAllValuesOnAnEmptyString(t *testing.T) {
	all := `{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}}`
	if !condResult(t, "2012-10-17", all, ctx{"aws:TagKeys": ""}) {
		t.Error("ForAllValues with an empty string: false")
	}
	if !condResult(t, "2012-10-17", all, ctx{"aws:TagKeys": []string{""}}) {
		t.Error("ForAllValues with a list holding an empty string: false")
	}
	if condResult(t, "2012-10-17", all, ctx{"aws:TagKeys": []string{"", "owner"}}) {
		t.Error("ForAllValues with a real value outside the list: true")
	}
	any := `{"ForAnyValue:StringEquals":{"aws:TagKeys":["","env"]}}`
	r := decide(t, condIn(t, "2012-10-17", any, ctx{"aws:TagKeys": ""}))
	if r.Decision != eval.ImplicitDeny {
		t.Errorf("ForAnyValue with an empty string: %s", r.Decision)
	}
	if tr := condTraces(r); len(tr) != 1 || !strings.Contains(tr[0].Reason, "null data set") {
		t.Errorf("trace %+v", tr)
	}
}

// Trace texts: a trace never says something untrue.

func TestTraceText_CaseNoteOnlyWhenCaseDiffers(t *testing.T) {
	note := func(pattern, res string) string {
		in := &eval.Input{Request: req(alice, "s3:GetObject", res), Identity: pols(t, eval.IdentityPolicy, doc(`{"Effect":"Allow","Action":"*","Resource":"`+pattern+`"}`))}
		in.Request.ResourceAccount = acctA
		r := decide(t, in)
		return layerOf(r, eval.LayerIdentity).Policies[0].Statements[0].Resource.Note
	}
	if n := note("arn:aws:s3:::Bucket/*", bucketObj); !strings.Contains(n, "differs only in letter case") {
		t.Errorf("a real case difference is not noted: %q", n)
	}
	// Same letters, no match: a flat matcher would let the '*' of the
	// account segment run on; per segment it does not match, and case has
	// nothing to do with it.
	if n := note("arn:aws:sqs:us-*-1:queue1", "arn:aws:sqs:us-east-1:111111111111:queue1"); strings.Contains(n, "letter case") {
		t.Errorf("case note where case is identical: %q", n)
	}
	if n := note("arn:aws:s3:::other/*", bucketObj); strings.Contains(n, "letter case") {
		t.Errorf("case note for an unrelated resource: %q", n)
	}
}

// "No listed value matches" shows what was listed next to what was asked
// for, in Action and Resource alike.
func TestTraceText_ListedNextToRequested(t *testing.T) {
	in := &eval.Input{Request: req(alice, "s3:PutObject", bucketObj), Identity: pols(t, eval.IdentityPolicy,
		doc(`{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"arn:aws:s3:::other/*"}`))}
	in.Request.ResourceAccount = acctA
	st := layerOf(decide(t, in), eval.LayerIdentity).Policies[0].Statements[0]
	if want := "listed s3:GetObject, s3:ListBucket; requested s3:PutObject"; st.Action.Note != want {
		t.Errorf("action note %q, want %q", st.Action.Note, want)
	}
	if want := "listed arn:aws:s3:::other/*; requested " + bucketObj; st.Resource.Note != want {
		t.Errorf("resource note %q, want %q", st.Resource.Note, want)
	}
}

func TestTraceText_RoleGrantNamesOnlyTheLayersThatExist(t *testing.T) {
	bucketPolicy := doc(`{"Effect":"Allow","Principal":{"AWS":"` + roleR + `"},"Action":"s3:GetObject","Resource":"*"}`)
	base := func() *eval.Input {
		in := &eval.Input{Request: req(sessionRS, "s3:GetObject", bucketObj), Resource: pol(t, eval.ResourcePolicy, bucketPolicy)}
		in.Request.ResourceAccount = acctA
		return in
	}
	r := rule(t, want(t, base(), eval.Allowed, eval.LayerResource), eval.RuleResourceAllowWithinLimits)
	if strings.Contains(r.Reason, "still limited") || strings.Contains(r.Reason, "they allow") || !strings.Contains(r.Reason, "no permissions boundary or session policy applies") {
		t.Errorf("reason names layers that do not exist: %q", r.Reason)
	}
	in := base()
	in.Boundary = pol(t, eval.BoundaryPolicy, doc(allowAll))
	r = rule(t, want(t, in, eval.Allowed, eval.LayerResource), eval.RuleResourceAllowWithinLimits)
	if !strings.Contains(r.Reason, "still limited by the permissions boundary, and it allows it") || strings.Contains(r.Reason, "session policy") {
		t.Errorf("boundary only: %q", r.Reason)
	}
	in.Session = pol(t, eval.SessionPolicy, doc(allowAll))
	r = rule(t, want(t, in, eval.Allowed, eval.LayerResource), eval.RuleResourceAllowWithinLimits)
	if !strings.Contains(r.Reason, "still limited by the permissions boundary and the session policy, and they allow it") {
		t.Errorf("both: %q", r.Reason)
	}
}

func TestTraceText_RCPStatementsAreLimits(t *testing.T) {
	in := &eval.Input{Request: req(alice, "s3:GetObject", bucketObj), Identity: pols(t, eval.IdentityPolicy, doc(allowAll))}
	in.Request.ResourceAccount = acctA
	in.RCPs = chain(t, eval.RCP, doc(`{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}`, `{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}`))
	r := rule(t, want(t, in, eval.Allowed, eval.LayerIdentity), eval.RuleIdentityAllow)
	sts := layerOf(r, eval.LayerRCP).Levels[0].Policies[0].Statements
	for _, st := range sts {
		if st.Principal == nil || st.Principal.Names != "" || !strings.Contains(st.Principal.Note, "never grants") {
			t.Errorf("RCP statement %d principal %+v", st.Index, st.Principal)
		}
	}
	if !strings.Contains(sts[0].Reason, "sets no limit") {
		t.Errorf("RCPFullAWSAccess reason %q", sts[0].Reason)
	}
}

func TestTraceText_RootSaysWhyAndWhatStopsIt(t *testing.T) {
	in := &eval.Input{Request: req(rootA, "s3:DeleteBucket", bucket)}
	in.Request.ResourceAccount = acctA
	rule(t, wantReason(t, in, eval.Allowed, eval.LayerRoot, "the root user is the account's owner and needs no policy", "an RCP or an explicit Deny in a resource-based policy can stop it"), eval.RuleRootOwnAccount)
	in.SCPs = chain(t, eval.SCP, fullAccess)
	rule(t, wantReason(t, in, eval.Allowed, eval.LayerRoot, "an SCP of its organization"), eval.RuleRootOwnAccount)
}

func TestTraceText_NoMatchShowsBothValueLists(t *testing.T) {
	cond := `{"StringEquals":{"aws:RequestedRegion":["eu-west-1","${aws:PrincipalTag/home}"]}}`
	r := decide(t, condIn(t, "2012-10-17", cond, ctx{"aws:RequestedRegion": "us-east-1", "aws:PrincipalTag/home": "eu-central-1"}))
	tr := condTraces(r)
	if len(tr) != 1 || tr[0].Reason != `the request value "us-east-1" matches none of the listed values: "eu-west-1", "eu-central-1" (from "${aws:PrincipalTag/home}")` {
		t.Errorf("reason %q", tr[0].Reason)
	}
	r = decide(t, condIn(t, "2012-10-17", `{"ForAnyValue:StringEquals":{"aws:TagKeys":["env"]}}`, ctx{"aws:TagKeys": []string{"team", "owner"}}))
	if tr = condTraces(r); tr[0].Reason != `no request value ("team", "owner") matches a listed value ("env")` {
		t.Errorf("reason %q", tr[0].Reason)
	}
}

func TestTraceText_RoleWithPathInABucketPolicy(t *testing.T) {
	pathRole := "arn:aws:iam::111111111111:role/team/R"
	base := func() *eval.Input {
		in := &eval.Input{Request: req(sessionRS, "s3:GetObject", bucketObj), Resource: pol(t, eval.ResourcePolicy, doc(`{"Effect":"Allow","Principal":{"AWS":"`+pathRole+`"},"Action":"s3:GetObject","Resource":"*"}`))}
		in.Request.ResourceAccount = acctA
		return in
	}
	r := rule(t, want(t, base(), eval.ImplicitDeny, eval.LayerIdentity), eval.RuleIdentityImplicitDeny)
	if n := resourceStatement(t, r).Principal.Note; !strings.Contains(n, "carries no path") || !strings.Contains(n, "aws:PrincipalArn") {
		t.Errorf("no path note: %q", n)
	}
	in := base()
	in.Request.Context.Set("aws:PrincipalArn", pathRole)
	r = rule(t, want(t, in, eval.Allowed, eval.LayerResource), eval.RuleResourceAllowWithinLimits)
	if n := resourceStatement(t, r).Principal.Note; !strings.Contains(n, "carries no path") || !strings.Contains(n, "aws:PrincipalArn ("+pathRole+")") {
		t.Errorf("matched note: %q", n)
	}
}
