package sandbox

import (
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/eval"
)

const (
	prodID = "111111111111"
	bID    = "222222222222"
	mgmtID = "999999999999"
)

func stmt(effect, action, resource string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"` + effect + `","Action":"` + action + `","Resource":"` + resource + `"}]}`
}

func trustJSON(principal, action, cond string) string {
	s := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":` + principal + `,"Action":"` + action + `"`
	if cond != "" {
		s += `,"Condition":` + cond
	}
	return s + `}]}`
}

// testWorld is an organization with a management account, a Prod account
// in OU Workloads and a partner account B under the root.
func testWorld(t testing.TB) *World {
	t.Helper()
	w := NewWorld()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(w.SetOrganization(Organization{
		ID: "o-abc123def4", RootID: "r-ab12", ManagementAccount: "Mgmt",
		Accounts: []string{"B"},
		Units:    []*OrganizationalUnit{{ID: "ou-ab12-work0001", Name: "Workloads", Accounts: []string{"Prod"}}},
	}))
	must(w.AddAccount(&Account{ID: mgmtID, Name: "Mgmt",
		Users: []*User{{Name: "admin", Policies: []string{"AdministratorAccess"}}},
	}))
	must(w.AddAccount(&Account{ID: prodID, Name: "Prod",
		Policies: []NamedPolicy{
			{Name: "S3Read", Source: stmt("Allow", "s3:GetObject", "*")},
			{Name: "AssumeAny", Source: stmt("Allow", "sts:AssumeRole", "*")},
		},
		Users: []*User{
			{Name: "alice", MFA: true, Policies: []string{"S3Read", "AssumeAny"}, Tags: map[string]string{"team": "blue"},
				Inline: []NamedPolicy{{Name: "DenyNoMFA", Source: `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}}]}`}}},
			{Name: "bob"},
			{Name: "dave", Policies: []string{"AssumeAny"}},
			{Name: "erin", Groups: []string{"Readers"}, Path: "/staff/"},
		},
		Groups: []*Group{{Name: "Readers", Policies: []string{"AmazonS3ReadOnlyAccess"}}},
		Roles: []*Role{
			{Name: "deploy", Path: "/ci/", Tags: map[string]string{"team": "red", "env": "prod"},
				Trust:    PolicyText{Source: trustJSON(`{"AWS":["arn:aws:iam::`+prodID+`:user/bob","arn:aws:iam::`+prodID+`:root","arn:aws:iam::`+bID+`:root"]}`, "sts:AssumeRole", "")},
				Policies: []string{"AmazonS3FullAccess"}},
			{Name: "vendor", Trust: PolicyText{Source: trustJSON(`{"AWS":"arn:aws:iam::`+bID+`:root"}`, "sts:AssumeRole", `{"StringEquals":{"sts:ExternalId":"ext-42"}}`)}, Policies: []string{"S3Read"}},
			{Name: "app", Trust: PolicyText{Source: trustJSON(`{"Service":"ec2.amazonaws.com"}`, "sts:AssumeRole", "")}, Policies: []string{"S3Read"}, InstanceProfiles: []string{"app-profile"}},
			{Name: "thumbs-exec", Trust: PolicyText{Source: trustJSON(`{"Service":"lambda.amazonaws.com"}`, "sts:AssumeRole", "")}, Policies: []string{"AWSLambdaBasicExecutionRole", "S3Read"}},
			{Name: "guest", Trust: PolicyText{Source: trustJSON(`{"Federated":"cognito-identity.amazonaws.com"}`, "sts:AssumeRoleWithWebIdentity",
				`{"StringEquals":{"cognito-identity.amazonaws.com:aud":"us-east-1:11111111-2222-4333-a444-555555555555"},"ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":"unauthenticated"}}`)},
				Inline: []NamedPolicy{{Name: "Public", Source: stmt("Allow", "s3:GetObject", "arn:aws:s3:::assets/public/*")}}},
			{Name: "member", Trust: PolicyText{Source: trustJSON(`{"Federated":"cognito-identity.amazonaws.com"}`, "sts:AssumeRoleWithWebIdentity",
				`{"ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":"authenticated"}}`)},
				Inline: []NamedPolicy{{Name: "Own", Source: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::assets/users/${cognito-identity.amazonaws.com:sub}/*"}]}`}}},
		},
		IdentityPools: []*IdentityPool{
			{Name: "mobile", ID: "us-east-1:11111111-2222-4333-a444-555555555555", AllowUnauthenticated: true, UnauthenticatedRole: "guest", AuthenticatedRole: "member", Providers: []string{"accounts.google.com"}},
			{Name: "closed", AuthenticatedRole: "member", UnauthenticatedRole: "guest"},
		},
		Buckets: []*Bucket{
			{Name: "reports", Tags: map[string]string{"data": "internal"}, Policy: PolicyText{Source: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + bID + `:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}]}`}},
			{Name: "assets", Policy: PolicyText{Source: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::assets/public/*"}]}`}},
			{Name: "locked", BlockPublicAccess: PublicAccessBlock{RestrictPublicBuckets: true}, Policy: PolicyText{Source: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::locked/*"}]}`}},
			{Name: "vault", Versioning: VersioningEnabled, MFADelete: true},
		},
		Keys: []*Key{
			{Alias: "alias/app"},
			{Alias: "alias/strict", Policy: PolicyText{Source: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + prodID + `:role/ci/deploy"},"Action":"kms:Decrypt","Resource":"*"}]}`}},
		},
		Tables:    []*Table{{Name: "Orders"}},
		Queues:    []*Queue{{Name: "jobs"}},
		Secrets:   []*Secret{{Name: "db-pass"}},
		Functions: []*Function{{Name: "thumbs", Role: "thumbs-exec"}},
		Instances: []*Instance{{ID: "i-0abc", InstanceProfile: "app-profile", VPC: "vpc-1"}},
		Endpoints: []*VPCEndpoint{{ID: "vpce-1", VPC: "vpc-1", Policy: PolicyText{Source: `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}]}`}}},
	}))
	must(w.AddAccount(&Account{ID: bID, Name: "B",
		Policies: []NamedPolicy{{Name: "ReadReports", Source: stmt("Allow", "s3:GetObject", "arn:aws:s3:::reports/*")}},
		Users: []*User{
			{Name: "carol", Policies: []string{"ReadReports", "AssumeAll"}},
			{Name: "frank"},
		},
	}))
	must(w.AddDocument(&Document{ID: "policy:" + bID + "/AssumeAll", Source: stmt("Allow", "sts:AssumeRole", "*")}))
	must(w.AddDocument(&Document{ID: "session:read-only", Source: stmt("Allow", "s3:GetObject", "*")}))
	if errs := w.Validate(); len(errs) > 0 {
		t.Fatalf("Validate: %v", errs)
	}
	return w
}

func bp(b bool) *bool { return &b }

func eval1(t *testing.T, w *World, c Call) *Outcome {
	t.Helper()
	if c.Account == "" {
		c.Account = "Prod"
	}
	o, err := w.Evaluate(c, eval.Options{Trace: true})
	if err != nil {
		t.Fatalf("Evaluate(%+v): %v", c, err)
	}
	return o
}

func expect(t *testing.T, o *Outcome, d eval.Decision, by eval.Layer) {
	t.Helper()
	if o.Decision != d || (by != "" && o.DecidedBy != by) {
		var hops []string
		for _, h := range o.Hops {
			hops = append(hops, h.Description+" → "+string(h.Result.Decision)+"/"+string(h.Result.DecidedBy)+": "+h.Result.Reason)
		}
		t.Fatalf("%q %s %s: got %s by %s (%s), want %s by %s\nhops:\n  %s", o.Call.As, o.Call.Action, o.Call.Resource, o.Decision, o.DecidedBy, o.Reason, d, by, strings.Join(hops, "\n  "))
	}
}

// ctxOf returns the final hop's context value of a key.
func ctxOf(o *Outcome, hop int, key string) (eval.ContextValue, bool) {
	if hop < 0 {
		hop = len(o.Hops) + hop
	}
	return o.Hops[hop].Input.Request.Context.Get(key)
}
