package eval_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/eval"
)

// Section B of docs/evaluation-rules.md: statement matching.

// stmtMatches reports whether one identity Allow statement grants alice the
// action on the resource.
func stmtMatches(t *testing.T, stmt, action, resource string) bool {
	t.Helper()
	in := &eval.Input{Request: req(alice, action, resource)}
	in.Request.ResourceAccount = acctA
	in.Identity = pols(t, eval.IdentityPolicy, doc(stmt))
	return decide(t, in).Decision == eval.Allowed
}

func TestB1_EffectCaseSensitive(t *testing.T) {
	for _, e := range []string{"allow", "ALLOW", "deny", "Permit", ""} {
		_, err := eval.Parse([]byte(doc(`{"Effect":"`+e+`","Action":"*","Resource":"*"}`)), eval.IdentityPolicy)
		if err == nil {
			t.Errorf("Effect %q parsed", e)
			continue
		}
		var pe eval.ParseErrors
		if !errors.As(err, &pe) || len(pe) == 0 {
			t.Fatalf("error is %T, want ParseErrors", err)
		}
		// {"Version":"2012-10-17","Statement":[{"Effect":" — the value's quote
		if pe[0].Pos.Line != 1 || pe[0].Pos.Col != 48 {
			t.Errorf("Effect %q: error at %s, want 1:48", e, pe[0].Pos)
		}
		if strings.EqualFold(e, "allow") || strings.EqualFold(e, "deny") {
			if !strings.Contains(pe[0].Expected, "case-sensitive") {
				t.Errorf("Effect %q: %q does not mention case", e, pe[0].Expected)
			}
		}
	}
	for _, e := range []string{"Allow", "Deny"} {
		pol(t, eval.IdentityPolicy, doc(`{"Effect":"`+e+`","Action":"*","Resource":"*"}`))
	}
}

func TestB2_ActionCaseInsensitiveWithWildcards(t *testing.T) {
	cases := []struct {
		pattern, action string
		want            bool
	}{
		{"s3:GetObject", "s3:GetObject", true},
		{"S3:GETOBJECT", "s3:getobject", true},
		{"s3:getobject", "S3:GetObject", true},
		{"s3:Get*", "s3:GetObjectAcl", true},
		{"s3:*Object", "s3:PutObject", true},
		{"s3:*Object", "s3:PutObjectAcl", false},
		{"s3:Get?bject", "s3:GetObject", true},
		{"s3:Get?bject", "s3:GetOObject", false},
		{"s3:?", "s3:GetObject", false},
		{"*", "dynamodb:Query", true},
		{"s3:*", "s3express:CreateSession", false},
		{"iam:*", "s3:GetObject", false},
		{"s3:GetObject", "s3:GetObjectAcl", false},
		{"s3:GetObject", "s3:Get", false},
	}
	for _, c := range cases {
		got := stmtMatches(t, `{"Effect":"Allow","Action":"`+c.pattern+`","Resource":"*"}`, c.action, bucketObj)
		if got != c.want {
			t.Errorf("Action %q vs %q: %v, want %v", c.pattern, c.action, got, c.want)
		}
	}
	// A list: any one entry.
	if !stmtMatches(t, `{"Effect":"Allow","Action":["ec2:*","S3:get*"],"Resource":"*"}`, "s3:GetObject", bucketObj) {
		t.Error("Action list did not match its second entry")
	}
}

func TestB2_NotActionAcrossServices(t *testing.T) {
	st := `{"Effect":"Allow","NotAction":["iam:*","s3:Delete*"],"Resource":"*"}`
	for action, want := range map[string]bool{
		"s3:GetObject":        true,
		"dynamodb:PutItem":    true,
		"ec2:RunInstances":    true,
		"iam:CreateUser":      false,
		"IAM:createuser":      false,
		"s3:DeleteObject":     false,
		"organizations:Leave": true,
	} {
		if got := stmtMatches(t, st, action, "*"); got != want {
			t.Errorf("NotAction vs %s: %v, want %v", action, got, want)
		}
	}
	// Deny + NotAction denies everything except the list.
	in := &eval.Input{Request: req(alice, "ec2:RunInstances", "*")}
	in.Identity = pols(t, eval.IdentityPolicy, doc(allowAll, `{"Effect":"Deny","NotAction":"s3:*","Resource":"*"}`))
	want(t, in, eval.ExplicitDeny, eval.LayerIdentity)
	in.Request.Action = "s3:ListBucket"
	want(t, in, eval.Allowed, eval.LayerIdentity)
}

func TestB3_ResourceSegmentWise(t *testing.T) {
	ddb := "arn:aws:dynamodb:us-east-1:111111111111:table/Books"
	cases := []struct {
		pattern, res string
		want         bool
	}{
		{"*", ddb, true},
		{"arn:aws:s3:::*", ddb, false},
		{"arn:aws:s3:::*", bucketObj, true},
		{"arn:aws:s3:::*", bucket, true},
		{"arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b/c.txt", true}, // * spans '/'
		{"arn:aws:s3:::bucket/*", bucket, false},
		{"arn:aws:s3:::bucket*", "arn:aws:s3:::bucket-2/x", true},
		{"arn:aws:s3:::bucket/?.txt", bucketObj, true},
		{"arn:aws:s3:::bucket/??.txt", bucketObj, false},
		{"arn:aws:dynamodb:*:111111111111:table/*", ddb, true},
		{"arn:aws:dynamodb:us-east-?:111111111111:table/Books", ddb, true},
		{"arn:aws:dynamodb:*:*:table/Books", ddb, true},
		{"arn:aws:dynamodb:*:222222222222:table/Books", ddb, false},
		// A '*' inside a segment does not reach into the next one; a '*'
		// that ends a segment may (TestCorner5_TrailingStarSpillsOverColons).
		{"arn:aws:dynamodb:us-*-2:table/Books", ddb, false},
		{"arn:aws:dynamodb:us-*:table/Books", ddb, true},
		{"arn:aws:dynamodb:us-east-1:111111111111:*", ddb, true},
		// The resource segment keeps its colons.
		{"arn:aws:logs:us-east-1:111111111111:log-group:app:*", "arn:aws:logs:us-east-1:111111111111:log-group:app:log-stream:s1", true},
		{"arn:aws:logs:us-east-1:111111111111:log-group:*", "arn:aws:logs:us-east-1:111111111111:log-group:app:log-stream:s1", true},
		{"arn:aws:logs:us-east-1:111111111111:log-group:other:*", "arn:aws:logs:us-east-1:111111111111:log-group:app:log-stream:s1", false},
	}
	for _, c := range cases {
		got := stmtMatches(t, `{"Effect":"Allow","Action":"*","Resource":"`+c.pattern+`"}`, "s3:GetObject", c.res)
		if got != c.want {
			t.Errorf("Resource %q vs %q: %v, want %v", c.pattern, c.res, got, c.want)
		}
	}
}

func TestB3_NoWildcardInServiceSegment(t *testing.T) {
	// IAM rejects such a document ("Resource vendor must be fully qualified
	// and cannot contain regexes"; the Resource element page: "You can't use
	// a wildcard in the service segment that identifies the AWS product").
	_, err := eval.Parse([]byte(doc(`{"Effect":"Allow","Action":"*","Resource":"arn:aws:s*:::bucket/*"}`)), eval.IdentityPolicy)
	if err == nil {
		t.Error("a wildcard in the service segment parsed")
	}
}

func TestB3_ResourceCaseSensitive(t *testing.T) {
	if stmtMatches(t, `{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::Bucket/*"}`, "s3:GetObject", bucketObj) {
		t.Error("Resource matched across letter case")
	}
	if stmtMatches(t, `{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::bucket/A.txt"}`, "s3:GetObject", bucketObj) {
		t.Error("Resource object key matched across letter case")
	}
	// The trace points the learner at the trap.
	in := &eval.Input{Request: req(alice, "s3:GetObject", bucketObj)}
	in.Identity = pols(t, eval.IdentityPolicy, doc(`{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::BUCKET/*"}`))
	r := want(t, in, eval.ImplicitDeny, eval.LayerIdentity)
	st := layerOf(r, eval.LayerIdentity).Policies[0].Statements[0]
	if !strings.Contains(st.Resource.Note, "case") {
		t.Errorf("trace note %q does not mention letter case", st.Resource.Note)
	}
}

func TestB3_NotResourceComplement(t *testing.T) {
	st := `{"Effect":"Allow","Action":"*","NotResource":["arn:aws:s3:::secret/*","arn:aws:s3:::secret"]}`
	if !stmtMatches(t, st, "s3:GetObject", bucketObj) {
		t.Error("NotResource did not cover an unlisted resource")
	}
	if stmtMatches(t, st, "s3:GetObject", "arn:aws:s3:::secret/x") {
		t.Error("NotResource covered a listed resource")
	}
	// Deny + NotResource denies everything outside the list.
	in := &eval.Input{Request: req(alice, "s3:GetObject", "arn:aws:s3:::other/x")}
	in.Identity = pols(t, eval.IdentityPolicy, doc(allowAll, `{"Effect":"Deny","Action":"s3:*","NotResource":["arn:aws:s3:::bucket","arn:aws:s3:::bucket/*"]}`))
	want(t, in, eval.ExplicitDeny, eval.LayerIdentity)
	in.Request.Resource = bucketObj
	want(t, in, eval.Allowed, eval.LayerIdentity)
}

func TestB3_ResourceAbsentInResourcePolicy(t *testing.T) {
	// A resource-side statement without Resource covers the resource it is
	// attached to; an identity statement must say.
	_, err := eval.Parse([]byte(doc(`{"Effect":"Allow","Action":"*"}`)), eval.IdentityPolicy)
	if err == nil {
		t.Error("identity statement without Resource parsed")
	}
	in := &eval.Input{Request: req(bob, "sqs:SendMessage", "arn:aws:sqs:us-east-1:111111111111:q")}
	in.Identity = pols(t, eval.IdentityPolicy, doc(allowAll))
	in.Resource = pol(t, eval.ResourcePolicy, doc(`{"Effect":"Allow","Principal":{"AWS":"`+acctB+`"},"Action":"sqs:SendMessage"}`))
	want(t, in, eval.Allowed, eval.LayerResource)
}

func TestB4_PrincipalForbiddenInIdentityAndSCP(t *testing.T) {
	src := "{\"Version\":\"2012-10-17\",\"Statement\":[{\n  \"Effect\":\"Allow\",\n  \"Principal\":\"*\",\n  \"Action\":\"*\",\"Resource\":\"*\"}]}"
	for _, typ := range []eval.PolicyType{eval.IdentityPolicy, eval.SCP, eval.BoundaryPolicy, eval.SessionPolicy} {
		_, err := eval.Parse([]byte(src), typ)
		var pe eval.ParseErrors
		if !errors.As(err, &pe) || len(pe) != 1 {
			t.Fatalf("%s: err = %v, want one ParseError", typ, err)
		}
		if pe[0].Pos.Line != 3 || pe[0].Pos.Col != 3 {
			t.Errorf("%s: Principal error at %s, want 3:3", typ, pe[0].Pos)
		}
		if !strings.Contains(pe[0].Msg, "Principal is not allowed in") {
			t.Errorf("%s: message %q", typ, pe[0].Msg)
		}
	}
	for _, typ := range []eval.PolicyType{eval.ResourcePolicy, eval.TrustPolicy, eval.KeyPolicy, eval.RCP, eval.EndpointPolicy} {
		if _, err := eval.Parse([]byte(src), typ); err != nil {
			t.Errorf("%s: %v", typ, err)
		}
	}
}

func TestB4_PrincipalForms(t *testing.T) {
	type tc struct {
		name      string
		principal string // the Principal element's JSON
		caller    string
		want      eval.Decision
	}
	svc := "lambda.amazonaws.com"
	fed := "arn:aws:iam::222222222222:saml-provider/Okta"
	canon := "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
	cases := []tc{
		{"star string", `"*"`, bob, eval.Allowed},
		{"AWS star", `{"AWS":"*"}`, bob, eval.Allowed},
		{"account id", `{"AWS":"222222222222"}`, bob, eval.Allowed},
		{"account root ARN", `{"AWS":"` + rootB + `"}`, bob, eval.Allowed},
		{"other account", `{"AWS":"333333333333"}`, bob, eval.ImplicitDeny},
		{"user ARN", `{"AWS":"` + bob + `"}`, bob, eval.Allowed},
		{"other user", `{"AWS":"arn:aws:iam::222222222222:user/carol"}`, bob, eval.ImplicitDeny},
		{"list", `{"AWS":["arn:aws:iam::222222222222:user/carol","` + bob + `"]}`, bob, eval.Allowed},
		{"role ARN matches its sessions", `{"AWS":"arn:aws:iam::222222222222:role/Reader"}`, "arn:aws:sts::222222222222:assumed-role/Reader/s", eval.Allowed},
		{"role ARN other role", `{"AWS":"arn:aws:iam::222222222222:role/Writer"}`, "arn:aws:sts::222222222222:assumed-role/Reader/s", eval.ImplicitDeny},
		{"session ARN", `{"AWS":"arn:aws:sts::222222222222:assumed-role/Reader/s"}`, "arn:aws:sts::222222222222:assumed-role/Reader/s", eval.Allowed},
		{"other session", `{"AWS":"arn:aws:sts::222222222222:assumed-role/Reader/t"}`, "arn:aws:sts::222222222222:assumed-role/Reader/s", eval.ImplicitDeny},
		{"service", `{"Service":"` + svc + `"}`, svc, eval.Allowed},
		{"service list", `{"Service":["s3.amazonaws.com","` + svc + `"]}`, svc, eval.Allowed},
		{"other service", `{"Service":"s3.amazonaws.com"}`, svc, eval.ImplicitDeny},
		{"service does not match AWS star account", `{"AWS":"222222222222"}`, svc, eval.ImplicitDeny},
		{"federated", `{"Federated":"` + fed + `"}`, fed, eval.Allowed},
		{"canonical user", `{"CanonicalUser":"` + canon + `"}`, canon, eval.Allowed},
		{"canonical user other", `{"CanonicalUser":"` + canon + `"}`, "0000", eval.ImplicitDeny},
		{"two types", `{"AWS":"333333333333","Service":"` + svc + `"}`, svc, eval.Allowed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := &eval.Input{Request: req(c.caller, "sqs:SendMessage", "arn:aws:sqs:us-east-1:111111111111:q")}
			in.Identity = pols(t, eval.IdentityPolicy, doc(allowAll))
			in.Resource = pol(t, eval.ResourcePolicy, doc(`{"Effect":"Allow","Principal":`+c.principal+`,"Action":"sqs:SendMessage","Resource":"*"}`))
			want(t, in, c.want, "")
		})
	}
}

func TestB4_NoWildcardsInsidePrincipalARN(t *testing.T) {
	for _, p := range []string{`{"AWS":"arn:aws:iam::111111111111:user/*"}`, `{"AWS":"arn:aws:iam::*:root"}`, `{"AWS":"11111111111?"}`} {
		_, err := eval.Parse([]byte(doc(`{"Effect":"Allow","Principal":`+p+`,"Action":"*","Resource":"*"}`)), eval.ResourcePolicy)
		if err == nil {
			t.Errorf("Principal %s parsed", p)
		}
	}
}

func notPrincipalInput(t *testing.T, effect, notPrincipal, caller string) *eval.Input {
	in := &eval.Input{Request: req(caller, "s3:GetObject", bucketObj)}
	in.Request.ResourceAccount = acctA
	in.Identity = pols(t, eval.IdentityPolicy, doc(allowAll))
	in.Resource = pol(t, eval.ResourcePolicy, doc(`{"Effect":"`+effect+`","NotPrincipal":`+notPrincipal+`,"Action":"s3:*","Resource":"*"}`))
	return in
}

func TestB5_NotPrincipalAllowGrantsEveryoneElse(t *testing.T) {
	np := `{"AWS":["` + bob + `","` + rootB + `"]}`
	want(t, notPrincipalInput(t, "Allow", np, "*"), eval.Allowed, eval.LayerResource)
	in := notPrincipalInput(t, "Allow", np, "arn:aws:iam::333333333333:user/eve")
	want(t, in, eval.Allowed, eval.LayerResource)
	in = notPrincipalInput(t, "Allow", np, bob)
	want(t, in, eval.ImplicitDeny, eval.LayerResource)
}

func TestB5_NotPrincipalDenyMustListAccountToo(t *testing.T) {
	// Naming only the user still leaves its account matched: denied.
	want(t, notPrincipalInput(t, "Deny", `{"AWS":"`+alice+`"}`, alice), eval.ExplicitDeny, eval.LayerResource)
	want(t, notPrincipalInput(t, "Deny", `{"AWS":["`+alice+`","`+rootA+`"]}`, alice), eval.Allowed, eval.LayerIdentity)
	want(t, notPrincipalInput(t, "Deny", `{"AWS":["`+alice+`","`+acctA+`"]}`, alice), eval.Allowed, eval.LayerIdentity)
	// Someone else in that account is denied.
	want(t, notPrincipalInput(t, "Deny", `{"AWS":["`+alice+`","`+rootA+`"]}`, "arn:aws:iam::111111111111:user/mallory"), eval.ExplicitDeny, eval.LayerResource)
	// A role session is exempt only when the session itself, its role and
	// its account are all listed (TestCorner2_NotPrincipalDenyNamesTheSession).
	want(t, notPrincipalInput(t, "Deny", `{"AWS":["`+roleR+`","`+rootA+`"]}`, sessionRS), eval.ExplicitDeny, eval.LayerResource)
	want(t, notPrincipalInput(t, "Deny", `{"AWS":["`+sessionRS+`","`+roleR+`","`+rootA+`"]}`, sessionRS), eval.Allowed, eval.LayerIdentity)
	want(t, notPrincipalInput(t, "Deny", `{"AWS":"`+roleR+`"}`, sessionRS), eval.ExplicitDeny, eval.LayerResource)
}

func TestB5_NotPrincipalDenyAlwaysDeniesBoundedPrincipals(t *testing.T) {
	np := `{"AWS":["` + alice + `","` + rootA + `"]}`
	in := notPrincipalInput(t, "Deny", np, alice)
	want(t, in, eval.Allowed, eval.LayerIdentity)
	in.Boundary = pol(t, eval.BoundaryPolicy, doc(allowAll))
	r := want(t, in, eval.ExplicitDeny, eval.LayerResource)
	st := layerOf(r, eval.LayerResource).Policies[0].Statements[0]
	if st.Principal == nil || !strings.Contains(st.Principal.Note, "boundary") {
		t.Errorf("trace does not explain the boundary rule: %+v", st.Principal)
	}
	in.Boundary = nil
	in.HasBoundary = true
	want(t, in, eval.ExplicitDeny, eval.LayerResource)
	// AWS's recommended alternative does not have the trap.
	in.Resource = pol(t, eval.ResourcePolicy, doc(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"ArnNotEquals":{"aws:PrincipalArn":"`+alice+`"}}}`))
	want(t, in, eval.Allowed, eval.LayerIdentity)
}

func TestB6_ConditionLogic(t *testing.T) {
	cond := `{"StringEquals":{"aws:RequestedRegion":["eu-west-1","eu-central-1"],"aws:PrincipalTag/team":"blue"},"Bool":{"aws:SecureTransport":"true"}}`
	full := ctx{"aws:RequestedRegion": "eu-central-1", "aws:PrincipalTag/team": "blue", "aws:SecureTransport": "true"}
	if !condResult(t, "2012-10-17", cond, full) {
		t.Fatal("all conditions met but the statement did not apply")
	}
	for _, drop := range []string{"aws:RequestedRegion", "aws:PrincipalTag/team", "aws:SecureTransport"} {
		c := ctx{}
		for k, v := range full {
			if k != drop {
				c[k] = v
			}
		}
		if condResult(t, "2012-10-17", cond, c) {
			t.Errorf("without %s the AND still held", drop)
		}
	}
	c := ctx{"aws:RequestedRegion": "us-east-1", "aws:PrincipalTag/team": "blue", "aws:SecureTransport": "true"}
	if condResult(t, "2012-10-17", cond, c) {
		t.Error("a value outside the OR-list matched")
	}
	// Negated operators: NOR over the values.
	neg := `{"StringNotEquals":{"aws:RequestedRegion":["eu-west-1","eu-central-1"]}}`
	for region, want := range map[string]bool{"eu-west-1": false, "eu-central-1": false, "us-east-1": true} {
		if got := condResult(t, "2012-10-17", neg, ctx{"aws:RequestedRegion": region}); got != want {
			t.Errorf("StringNotEquals with %s: %v, want %v", region, got, want)
		}
	}
	negLike := `{"StringNotLike":{"s3:prefix":["home/*","tmp/*"]}}`
	for prefix, want := range map[string]bool{"home/alice": false, "tmp/x": false, "etc/passwd": true} {
		if got := condResult(t, "2012-10-17", negLike, ctx{"s3:prefix": prefix}); got != want {
			t.Errorf("StringNotLike with %s: %v, want %v", prefix, got, want)
		}
	}
}

func TestB6_KeyNamesCaseInsensitiveValuesCaseSensitive(t *testing.T) {
	if !condResult(t, "2012-10-17", `{"StringEquals":{"AWS:PRINCIPALTAG/Team":"blue"}}`, ctx{"aws:principaltag/team": "blue"}) {
		t.Error("condition key name compared with case")
	}
	if condResult(t, "2012-10-17", `{"StringEquals":{"aws:PrincipalTag/team":"Blue"}}`, ctx{"aws:PrincipalTag/team": "blue"}) {
		t.Error("StringEquals ignored case")
	}
	if condResult(t, "2012-10-17", `{"StringLike":{"aws:PrincipalTag/team":"B*"}}`, ctx{"aws:PrincipalTag/team": "blue"}) {
		t.Error("StringLike ignored case")
	}
	if !condResult(t, "2012-10-17", `{"StringEqualsIgnoreCase":{"aws:PrincipalTag/team":"BLUE"}}`, ctx{"aws:PrincipalTag/team": "blue"}) {
		t.Error("StringEqualsIgnoreCase compared case")
	}
	if condResult(t, "2012-10-17", `{"StringNotEqualsIgnoreCase":{"aws:PrincipalTag/team":"BLUE"}}`, ctx{"aws:PrincipalTag/team": "blue"}) {
		t.Error("StringNotEqualsIgnoreCase compared case")
	}
	if !condResult(t, "2012-10-17", `{"StringEqualsIgnoreCase":{"aws:PrincipalTag/team":"${aws:PrincipalTag/Other}"}}`, ctx{"aws:PrincipalTag/team": "blue", "aws:PrincipalTag/other": "BLUE"}) {
		t.Error("StringEqualsIgnoreCase with a variable compared case")
	}
}

func TestB7_MissingKey(t *testing.T) {
	cases := []struct {
		cond string
		want bool
	}{
		{`{"StringEquals":{"aws:PrincipalTag/team":"blue"}}`, false},
		{`{"StringLike":{"aws:PrincipalTag/team":"*"}}`, false},
		{`{"NumericLessThan":{"s3:max-keys":"10"}}`, false},
		{`{"DateGreaterThan":{"aws:TokenIssueTime":"2020-01-01T00:00:00Z"}}`, false},
		{`{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}`, false},
		{`{"ArnLike":{"aws:SourceArn":"*"}}`, false},
		{`{"BinaryEquals":{"k:bin":"QUJD"}}`, false},
		{`{"Bool":{"aws:MultiFactorAuthPresent":"false"}}`, false},
		{`{"Bool":{"aws:MultiFactorAuthPresent":"true"}}`, false},
		// Negated operators are true on a missing key.
		{`{"StringNotEquals":{"aws:PrincipalTag/team":"blue"}}`, true},
		{`{"StringNotLike":{"aws:PrincipalTag/team":"blue"}}`, true},
		{`{"StringNotEqualsIgnoreCase":{"aws:PrincipalTag/team":"blue"}}`, true},
		{`{"NumericNotEquals":{"s3:max-keys":"10"}}`, true},
		{`{"DateNotEquals":{"aws:TokenIssueTime":"2020-01-01T00:00:00Z"}}`, true},
		{`{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`, true},
		{`{"ArnNotEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:111111111111:t"}}`, true},
		{`{"ArnNotLike":{"aws:SourceArn":"arn:aws:sns:*"}}`, true},
		// IfExists: true, for every operator.
		{`{"StringEqualsIfExists":{"aws:PrincipalTag/team":"blue"}}`, true},
		{`{"NumericLessThanIfExists":{"s3:max-keys":"10"}}`, true},
		{`{"BoolIfExists":{"aws:MultiFactorAuthPresent":"true"}}`, true},
		{`{"IpAddressIfExists":{"aws:SourceIp":"10.0.0.0/8"}}`, true},
		{`{"ArnLikeIfExists":{"aws:SourceArn":"arn:aws:sns:*"}}`, true},
		{`{"DateLessThanIfExists":{"aws:TokenIssueTime":"2020-01-01T00:00:00Z"}}`, true},
		{`{"BinaryEqualsIfExists":{"k:bin":"QUJD"}}`, true},
		{`{"ForAnyValue:StringEqualsIfExists":{"aws:TagKeys":"env"}}`, true},
		{`{"ForAllValues:StringEqualsIfExists":{"aws:TagKeys":"env"}}`, true},
		// Null.
		{`{"Null":{"aws:PrincipalTag/team":"true"}}`, true},
		{`{"Null":{"aws:PrincipalTag/team":"false"}}`, false},
	}
	for _, c := range cases {
		if got := condResult(t, "2012-10-17", c.cond, ctx{}); got != c.want {
			t.Errorf("%s with the key missing: %v, want %v", c.cond, got, c.want)
		}
	}
}

func TestB7_NullPresentKey(t *testing.T) {
	present := ctx{"aws:PrincipalTag/team": "blue"}
	if condResult(t, "2012-10-17", `{"Null":{"aws:PrincipalTag/team":"true"}}`, present) {
		t.Error(`Null "true" held for a present key`)
	}
	if !condResult(t, "2012-10-17", `{"Null":{"aws:PrincipalTag/team":"false"}}`, present) {
		t.Error(`Null "false" failed for a present key`)
	}
	// No variables in Null; no IfExists, no set prefix.
	for _, bad := range []string{
		`{"Null":{"aws:PrincipalTag/team":"${aws:username}"}}`,
		`{"NullIfExists":{"aws:PrincipalTag/team":"true"}}`,
		`{"ForAnyValue:Null":{"aws:TagKeys":"true"}}`,
	} {
		src := doc(`{"Effect":"Allow","Action":"*","Resource":"*","Condition":` + bad + `}`)
		if _, err := eval.Parse([]byte(src), eval.IdentityPolicy); err == nil {
			t.Errorf("%s parsed", bad)
		}
	}
}

func TestB7_IfExistsStillDeniesPresentDifferentKey(t *testing.T) {
	in := &eval.Input{Request: req(alice, "ec2:RunInstances", "*")}
	in.Identity = pols(t, eval.IdentityPolicy, doc(allowAll, `{"Effect":"Deny","Action":"ec2:RunInstances","Resource":"*","Condition":{"StringNotEqualsIfExists":{"ec2:InstanceType":["t3.micro","t3.small"]}}}`))
	// An absent key makes …IfExists true: the Deny applies.
	want(t, in, eval.ExplicitDeny, eval.LayerIdentity)
	in.Request.Context.Set("ec2:InstanceType", "t3.micro")
	want(t, in, eval.Allowed, eval.LayerIdentity)
	in.Request.Context.Set("ec2:InstanceType", "m5.24xlarge")
	want(t, in, eval.ExplicitDeny, eval.LayerIdentity)
}

func TestB7_BoolMFAMissingDoesNotFire(t *testing.T) {
	// The exam's favourite: a Deny on MultiFactorAuthPresent "false" with
	// Bool lets long-term access keys (no key at all) through.
	mk := func(op string) *eval.Input {
		in := &eval.Input{Request: req(alice, "ec2:StopInstances", "*")}
		in.Identity = pols(t, eval.IdentityPolicy, doc(allowAll, `{"Effect":"Deny","Action":"ec2:StopInstances","Resource":"*","Condition":{"`+op+`":{"aws:MultiFactorAuthPresent":"false"}}}`))
		return in
	}
	want(t, mk("Bool"), eval.Allowed, eval.LayerIdentity)
	want(t, mk("BoolIfExists"), eval.ExplicitDeny, eval.LayerIdentity)
	for _, op := range []string{"Bool", "BoolIfExists"} {
		in := mk(op)
		in.Request.Context.Set("aws:MultiFactorAuthPresent", "false")
		want(t, in, eval.ExplicitDeny, eval.LayerIdentity)
		in.Request.Context.Set("aws:MultiFactorAuthPresent", "true")
		want(t, in, eval.Allowed, eval.LayerIdentity)
	}
}

func TestB8_ForAllValuesAndForAnyValue(t *testing.T) {
	all := `{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}}`
	any := `{"ForAnyValue:StringEquals":{"aws:TagKeys":["env","team"]}}`
	cases := []struct {
		keys    []string // nil: the key is missing
		all, an bool
	}{
		{nil, true, false},
		{[]string{}, true, false},
		{[]string{"env"}, true, true},
		{[]string{"env", "team"}, true, true},
		{[]string{"env", "cost"}, false, true},
		{[]string{"cost"}, false, false},
	}
	for _, c := range cases {
		cx := ctx{}
		if c.keys != nil {
			cx["aws:TagKeys"] = c.keys
		}
		if got := condResult(t, "2012-10-17", all, cx); got != c.all {
			t.Errorf("ForAllValues with %v: %v, want %v", c.keys, got, c.all)
		}
		if got := condResult(t, "2012-10-17", any, cx); got != c.an {
			t.Errorf("ForAnyValue with %v: %v, want %v", c.keys, got, c.an)
		}
	}
	// Negated set operators.
	cx := ctx{"aws:TagKeys": []string{"env", "cost"}}
	if !condResult(t, "2012-10-17", `{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["env","team"]}}`, cx) {
		t.Error("ForAnyValue:StringNotEquals: cost is not listed, so it should hold")
	}
	if condResult(t, "2012-10-17", `{"ForAllValues:StringNotEquals":{"aws:TagKeys":["env","team"]}}`, cx) {
		t.Error("ForAllValues:StringNotEquals: env is listed, so it should fail")
	}
	// A set operator works on a single-valued key too.
	if !condResult(t, "2012-10-17", `{"ForAnyValue:StringLike":{"aws:PrincipalTag/team":"bl*"}}`, ctx{"aws:PrincipalTag/team": "blue"}) {
		t.Error("ForAnyValue on a single-valued key")
	}
}

func TestB8_SingleValuedOperatorOnMultivaluedKeyIsDocUnclear(t *testing.T) {
	for _, keys := range [][]string{{"env"}, {"env", "team"}, {}} {
		in := condIn(t, "2012-10-17", `{"StringEquals":{"aws:TagKeys":"env"}}`, ctx{"aws:TagKeys": keys})
		r := want(t, in, eval.ImplicitDeny, eval.LayerIdentity)
		cts := condTraces(r)
		if len(cts) != 1 || !cts[0].DocUnclear || cts[0].Result {
			t.Errorf("keys %v: trace %+v, want a false, doc-unclear condition", keys, cts)
		}
	}
}

func TestB9_Numeric(t *testing.T) {
	cases := []struct {
		op, pol, req string
		want         bool
	}{
		{"NumericEquals", "10", "10", true},
		{"NumericEquals", "10", "10.0", true},
		{"NumericEquals", "10", "11", false},
		{"NumericNotEquals", "10", "11", true},
		{"NumericNotEquals", "10", "10", false},
		{"NumericLessThan", "10", "9", true},
		{"NumericLessThan", "10", "10", false},
		{"NumericLessThanEquals", "10", "10", true},
		{"NumericGreaterThan", "10", "100", true}, // numbers, not strings
		{"NumericGreaterThan", "9", "10", true},
		{"NumericGreaterThanEquals", "10", "9", false},
		{"NumericLessThan", "-1.5", "-2", true},
		// Malformed values never match.
		{"NumericEquals", "ten", "10", false},
		{"NumericLessThan", "10", "five", false},
		{"NumericLessThan", "0x10", "1", false},
	}
	for _, c := range cases {
		got := condResult(t, "2012-10-17", `{"`+c.op+`":{"s3:max-keys":"`+c.pol+`"}}`, ctx{"s3:max-keys": c.req})
		if got != c.want {
			t.Errorf("%s %s vs %s: %v, want %v", c.op, c.pol, c.req, got, c.want)
		}
	}
	// A JSON number as the policy value is read as its text.
	if !condResult(t, "2012-10-17", `{"NumericLessThanEquals":{"s3:max-keys":100}}`, ctx{"s3:max-keys": "100"}) {
		t.Error("a JSON number value did not compare")
	}
}

func TestB9_Date(t *testing.T) {
	cases := []struct {
		op, pol, req string
		want         bool
	}{
		{"DateGreaterThan", "2020-01-01T00:00:00Z", "2026-11-24T01:00:00Z", true},
		{"DateGreaterThan", "2030-01-01T00:00:00Z", "2026-11-24T01:00:00Z", false},
		{"DateLessThan", "2026-11-24T02:00:00+01:00", "2026-11-24T00:30:00Z", true}, // 01:00Z
		{"DateLessThan", "2026-11-24T02:00:00+01:00", "2026-11-24T01:30:00Z", false},
		{"DateEquals", "2026-11-24T01:00:00Z", "2026-11-24T01:00:00Z", true},
		{"DateNotEquals", "2026-11-24T01:00:00Z", "2026-11-24T01:00:01Z", true},
		{"DateLessThanEquals", "2026-11-24", "2026-11-24T00:00:00Z", true},
		// Epoch seconds on either side.
		{"DateGreaterThan", "1577836800", "2026-11-24T01:00:00Z", true},
		{"DateEquals", "1577836800", "2020-01-01T00:00:00Z", true},
		{"DateLessThan", "2020-01-01T00:00:01Z", "1577836800", true},
		// Far dates (a policy's "never expires") stay in order.
		{"DateLessThan", "9999-12-31T23:59:59Z", "2026-11-24T01:00:00Z", true},
		{"DateGreaterThan", "2300-01-01T00:00:00Z", "2026-11-24T01:00:00Z", false},
		{"DateGreaterThan", "1600-01-01T00:00:00Z", "2026-11-24T01:00:00Z", true},
		{"DateLessThan", "100000000000", "2026-11-24T01:00:00Z", true},
		{"DateEquals", "2026-11-24T01:00:00.250Z", "2026-11-24T01:00:00.250Z", true},
		{"DateLessThan", "2026-11-24T01:00:00.250Z", "2026-11-24T01:00:00.125Z", true},
		// Malformed values never match.
		{"DateGreaterThan", "yesterday", "2026-11-24T01:00:00Z", false},
		{"DateGreaterThan", "2020-01-01T00:00:00Z", "now", false},
		{"DateEquals", "2020-13-01T00:00:00Z", "2020-13-01T00:00:00Z", false},
	}
	for _, c := range cases {
		got := condResult(t, "2012-10-17", `{"`+c.op+`":{"aws:CurrentTime":"`+c.pol+`"}}`, ctx{"aws:CurrentTime": c.req})
		if got != c.want {
			t.Errorf("%s %s vs %s: %v, want %v", c.op, c.pol, c.req, got, c.want)
		}
	}
}

func TestB9_IpAddress(t *testing.T) {
	cases := []struct {
		op, pol, req string
		want         bool
	}{
		{"IpAddress", "203.0.113.0/24", "203.0.113.7", true},
		{"IpAddress", "203.0.113.0/24", "203.0.114.7", false},
		{"IpAddress", "203.0.113.7", "203.0.113.7", true},
		{"IpAddress", "203.0.113.7/32", "203.0.113.8", false},
		{"IpAddress", "203.0.113.9/24", "203.0.113.200", true}, // host bits are ignored
		{"IpAddress", "2001:db8::/32", "2001:db8:1234::1", true},
		{"IpAddress", "2001:db8::/32", "2001:db9::1", false},
		{"IpAddress", "2001:db8::1", "2001:db8::1", true},
		{"IpAddress", "203.0.113.0/24", "2001:db8::1", false},
		{"NotIpAddress", "10.0.0.0/8", "203.0.113.7", true},
		{"NotIpAddress", "10.0.0.0/8", "10.1.2.3", false},
		{"NotIpAddress", "2001:db8::/32", "2001:db8::5", false},
		// A malformed request value never matches (a malformed policy
		// value is a parse error: TestCorner6_MalformedCIDRIsAnError).
		{"IpAddress", "0.0.0.0/0", "not-an-ip", false},
	}
	for _, c := range cases {
		got := condResult(t, "2012-10-17", `{"`+c.op+`":{"aws:SourceIp":"`+c.pol+`"}}`, ctx{"aws:SourceIp": c.req})
		if got != c.want {
			t.Errorf("%s %s vs %s: %v, want %v", c.op, c.pol, c.req, got, c.want)
		}
	}
	// A list of CIDRs is OR-ed; v4 and v6 together.
	if !condResult(t, "2012-10-17", `{"IpAddress":{"aws:SourceIp":["10.0.0.0/8","2001:db8::/32"]}}`, ctx{"aws:SourceIp": "2001:db8::9"}) {
		t.Error("mixed v4/v6 list")
	}
}

func TestB9_ArnEqualsAndArnLikeIdentical(t *testing.T) {
	cases := []struct {
		pol, req string
		want     bool
	}{
		{"arn:aws:iam::111111111111:role/*", roleR, true},
		{"arn:aws:iam::111111111111:role/R", roleR, true},
		{"arn:aws:iam::*:role/R", roleR, true},
		{"arn:aws:iam::111111111111:role/r", roleR, false},
		{"arn:aws:iam::111111111111:user/*", roleR, false},
		{"arn:aws:s3:::*", roleR, false},
		{"arn:aws:iam::*", roleR, true},
		{"arn:aws:sns:*:111111111111:topic-?", "arn:aws:sns:us-east-1:111111111111:topic-1", true},
		{"arn:aws:sns:us-*:topic-1", "arn:aws:sns:us-east-1:111111111111:topic-1", false}, // * stays in its segment
	}
	for _, c := range cases {
		for _, op := range []string{"ArnEquals", "ArnLike"} {
			got := condResult(t, "2012-10-17", `{"`+op+`":{"aws:SourceArn":"`+c.pol+`"}}`, ctx{"aws:SourceArn": c.req})
			if got != c.want {
				t.Errorf("%s %s vs %s: %v, want %v", op, c.pol, c.req, got, c.want)
			}
		}
		for _, op := range []string{"ArnNotEquals", "ArnNotLike"} {
			got := condResult(t, "2012-10-17", `{"`+op+`":{"aws:SourceArn":"`+c.pol+`"}}`, ctx{"aws:SourceArn": c.req})
			if got == c.want {
				t.Errorf("%s %s vs %s: %v, want %v", op, c.pol, c.req, got, !c.want)
			}
		}
	}
}

func TestB9_BinaryEquals(t *testing.T) {
	v := "QmluYXJ5VmFsdWVJbkJhc2U2NA==" // "BinaryValueInBase64"
	if !condResult(t, "2012-10-17", `{"BinaryEquals":{"k:bin":"`+v+`"}}`, ctx{"k:bin": v}) {
		t.Error("equal base64 values did not match")
	}
	if condResult(t, "2012-10-17", `{"BinaryEquals":{"k:bin":"`+v+`"}}`, ctx{"k:bin": "QUJD"}) {
		t.Error("different values matched")
	}
	if condResult(t, "2012-10-17", `{"BinaryEquals":{"k:bin":"not base64!"}}`, ctx{"k:bin": "not base64!"}) {
		t.Error("a malformed policy value matched")
	}
}

func TestB9_BoolValues(t *testing.T) {
	if !condResult(t, "2012-10-17", `{"Bool":{"aws:SecureTransport":"true"}}`, ctx{"aws:SecureTransport": "true"}) {
		t.Error("Bool true")
	}
	if !condResult(t, "2012-10-17", `{"Bool":{"aws:SecureTransport":true}}`, ctx{"aws:SecureTransport": "true"}) {
		t.Error("Bool with a JSON boolean")
	}
	if condResult(t, "2012-10-17", `{"Bool":{"aws:SecureTransport":"true"}}`, ctx{"aws:SecureTransport": "false"}) {
		t.Error("Bool false vs true")
	}
	if condResult(t, "2012-10-17", `{"Bool":{"aws:SecureTransport":"yes"}}`, ctx{"aws:SecureTransport": "yes"}) {
		t.Error("a malformed Bool value matched")
	}
}

func TestB10_PolicyVariablesInResource(t *testing.T) {
	st := `{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::bucket/home/${aws:username}/*"}`
	in := &eval.Input{Request: req(alice, "s3:GetObject", "arn:aws:s3:::bucket/home/alice/x")}
	in.Identity = pols(t, eval.IdentityPolicy, doc(st))
	// aws:username is derived from the principal.
	want(t, in, eval.Allowed, eval.LayerIdentity)
	in.Request.Resource = "arn:aws:s3:::bucket/home/bob/x"
	want(t, in, eval.ImplicitDeny, eval.LayerIdentity)
	// A role session has no aws:username: the Resource matches nothing,
	// not even the literal text.
	in.Request.Principal = sessionRS
	in.Request.Resource = "arn:aws:s3:::bucket/home/${aws:username}/x"
	want(t, in, eval.ImplicitDeny, eval.LayerIdentity)
	in.Request.Resource = "arn:aws:s3:::bucket/home//x"
	want(t, in, eval.ImplicitDeny, eval.LayerIdentity)
	// An unresolved variable in NotResource: nothing is excluded... the
	// element lists nothing that matches, so the statement covers all.
	in.Identity = pols(t, eval.IdentityPolicy, doc(`{"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::bucket/home/${aws:username}/*"}`))
	in.Request.Resource = "arn:aws:s3:::bucket/home/alice/x"
	want(t, in, eval.Allowed, eval.LayerIdentity)
}

func TestB10_VariableValueIsLiteral(t *testing.T) {
	// A username holding '*' does not widen the pattern.
	in := &eval.Input{Request: req(alice, "s3:GetObject", "arn:aws:s3:::bucket/home/anything/x")}
	in.Request.Context.Set("aws:username", "*")
	in.Identity = pols(t, eval.IdentityPolicy, doc(`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::bucket/home/${aws:username}/*"}`))
	want(t, in, eval.ImplicitDeny, eval.LayerIdentity)
	in.Request.Resource = "arn:aws:s3:::bucket/home/*/x"
	want(t, in, eval.Allowed, eval.LayerIdentity)
}

func TestB10_VariableDefault(t *testing.T) {
	st := `{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::bucket/${aws:PrincipalTag/team, 'shared'}/*"}`
	in := &eval.Input{Request: req(alice, "s3:GetObject", "arn:aws:s3:::bucket/shared/x")}
	in.Identity = pols(t, eval.IdentityPolicy, doc(st))
	want(t, in, eval.Allowed, eval.LayerIdentity)
	in.Request.Context.Set("aws:PrincipalTag/team", "blue")
	want(t, in, eval.ImplicitDeny, eval.LayerIdentity)
	in.Request.Resource = "arn:aws:s3:::bucket/blue/x"
	want(t, in, eval.Allowed, eval.LayerIdentity)
	// In a condition too.
	if !condResult(t, "2012-10-17", `{"StringEquals":{"s3:prefix":"${aws:PrincipalTag/team, 'none'}"}}`, ctx{"s3:prefix": "none"}) {
		t.Error("default in a condition value")
	}
}

func TestB10_EscapeVariablesAreLiteral(t *testing.T) {
	cases := []struct {
		pattern, res string
		want         bool
	}{
		{"arn:aws:s3:::bucket/${*}", "arn:aws:s3:::bucket/*", true},
		{"arn:aws:s3:::bucket/${*}", "arn:aws:s3:::bucket/x", false},
		{"arn:aws:s3:::bucket/${?}", "arn:aws:s3:::bucket/?", true},
		{"arn:aws:s3:::bucket/${?}", "arn:aws:s3:::bucket/x", false},
		{"arn:aws:s3:::bucket/${$}x", "arn:aws:s3:::bucket/$x", true},
		{"arn:aws:s3:::bucket/${*}/*", "arn:aws:s3:::bucket/*/y", true},
		{"arn:aws:s3:::bucket/${*}/*", "arn:aws:s3:::bucket/a/y", false},
	}
	for _, c := range cases {
		if got := stmtMatches(t, `{"Effect":"Allow","Action":"*","Resource":"`+c.pattern+`"}`, "s3:GetObject", c.res); got != c.want {
			t.Errorf("%s vs %s: %v, want %v", c.pattern, c.res, got, c.want)
		}
	}
	if !condResult(t, "2012-10-17", `{"StringLike":{"s3:prefix":"a${*}b"}}`, ctx{"s3:prefix": "a*b"}) {
		t.Error("${*} in StringLike is not a literal star")
	}
	if condResult(t, "2012-10-17", `{"StringLike":{"s3:prefix":"a${*}b"}}`, ctx{"s3:prefix": "axxb"}) {
		t.Error("${*} in StringLike acted as a wildcard")
	}
}

func TestB10_MultivaluedKeyAsVariableDoesNotResolve(t *testing.T) {
	in := &eval.Input{Request: req(alice, "s3:GetObject", "arn:aws:s3:::bucket/env/x")}
	in.Request.Context.SetList("aws:TagKeys", []string{"env"})
	in.Identity = pols(t, eval.IdentityPolicy, doc(`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::bucket/${aws:TagKeys}/*"}`))
	want(t, in, eval.ImplicitDeny, eval.LayerIdentity)
	if condResult(t, "2012-10-17", `{"StringEquals":{"s3:prefix":"${aws:TagKeys}"}}`, ctx{"s3:prefix": "env", "aws:TagKeys": []string{"env"}}) {
		t.Error("a multivalued key resolved as a variable in a condition")
	}
}

func TestB11_UnionOrderAndStatementShape(t *testing.T) {
	// Statement order does not matter: Deny first or last.
	for _, p := range []string{
		doc(allowAll, `{"Effect":"Deny","Action":"s3:*","Resource":"*"}`),
		doc(`{"Effect":"Deny","Action":"s3:*","Resource":"*"}`, allowAll),
	} {
		in := &eval.Input{Request: req(alice, "s3:GetObject", bucketObj)}
		in.Identity = pols(t, eval.IdentityPolicy, p)
		want(t, in, eval.ExplicitDeny, eval.LayerIdentity)
	}
	// Statement as a single object; Sid optional; Id allowed.
	single := `{"Version":"2012-10-17","Id":"p1","Statement":{"Sid":"One","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}`
	in := &eval.Input{Request: req(alice, "s3:GetObject", bucketObj)}
	in.Identity = pols(t, eval.IdentityPolicy, single)
	r := want(t, in, eval.Allowed, eval.LayerIdentity)
	if r.Deciding == nil || r.Deciding.Sid != "One" {
		t.Errorf("deciding statement %+v, want Sid One", r.Deciding)
	}
}
