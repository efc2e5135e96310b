package sandbox

import (
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/eval"
)

func TestMFADelete(t *testing.T) {
	w := testWorld(t)
	for _, tc := range []struct {
		name   string
		call   Call
		want   eval.Decision
		by     eval.Layer
		denies bool
		reason string
	}{
		{"root with MFA deletes a version", Call{As: "root, with MFA", Action: "s3:DeleteObjectVersion", Resource: "s3://vault/a"}, eval.Allowed, eval.LayerRoot, false, ""},
		{"root without MFA", Call{As: "root", Action: "s3:DeleteObjectVersion", Resource: "s3://vault/a"}, eval.ExplicitDeny, LayerServiceRule, true, "carries none"},
		{"root with MFA over HTTP", Call{As: "root, with MFA", Secure: bp(false), Action: "s3:PutBucketVersioning", Resource: "bucket vault"}, eval.ExplicitDeny, LayerServiceRule, true, "HTTPS"},
		{"an admin with MFA is not the root user", Call{As: "role deploy assumed by alice, with MFA", Action: "s3:DeleteObjectVersion", Resource: "s3://vault/a"}, eval.ExplicitDeny, LayerServiceRule, true, "only the bucket owner's root user"},
		{"versioning change by a user", Call{As: "role deploy assumed by bob", Action: "s3:PutBucketVersioning", Resource: "bucket vault"}, eval.ExplicitDeny, LayerServiceRule, true, "change the versioning state"},
		{"other actions are not guarded", Call{As: "role deploy assumed by bob", Action: "s3:DeleteObject", Resource: "s3://vault/a"}, eval.Allowed, "", false, "guards only"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := eval1(t, w, tc.call)
			expect(t, o, tc.want, tc.by)
			r := findRule(o, "s3-mfa-delete")
			if r == nil || r.Denies != tc.denies || !strings.Contains(r.Reason, tc.reason) {
				t.Errorf("rule %+v", r)
			}
		})
	}
	o := eval1(t, w, Call{As: "root", Action: "s3:DeleteObjectVersion", Resource: "s3://reports/a"})
	if r := findRule(o, "s3-mfa-delete"); r == nil || r.Applies || !strings.Contains(r.Reason, "not enabled") {
		t.Errorf("MFA Delete off: %+v", r)
	}
}

func TestKMSKeyPolicyTrust(t *testing.T) {
	w := testWorld(t)
	// The default key policy trusts the account, so IAM policies decide.
	o := eval1(t, w, Call{As: "role deploy assumed by bob", Action: "kms:Decrypt", Resource: "key alias/app"})
	expect(t, o, eval.ImplicitDeny, eval.LayerIdentity)
	if r := findRule(o, "kms-key-policy"); r == nil || !r.Applies {
		t.Errorf("rule %+v", r)
	}
	if got := o.Hops[1].Input.Request.Resource; !strings.HasPrefix(got, "arn:aws:kms:us-east-1:"+prodID+":key/") {
		t.Errorf("key ARN %s", got)
	}
	// The strict key names the deploy role: its sessions may decrypt
	// (the key policy names the role ARN, limited only by boundary and session policy).
	o = eval1(t, w, Call{As: "role deploy assumed by bob", Action: "kms:Decrypt", Resource: "key alias/strict"})
	expect(t, o, eval.Allowed, eval.LayerResource)
	// An administrator of the account is not enough when the key policy
	// does not trust the account.
	o = eval1(t, w, Call{As: "admin from account Mgmt", Action: "kms:Decrypt", Resource: "key alias/strict in account Prod"})
	expect(t, o, eval.ImplicitDeny, eval.LayerResource)
	o = eval1(t, w, Call{As: "root", Action: "kms:Decrypt", Resource: "key strict"})
	expect(t, o, eval.ImplicitDeny, eval.LayerResource)
	if r := findRule(o, "kms-key-policy"); r == nil || !strings.Contains(r.Reason, "enables IAM policies") {
		t.Errorf("rule %+v", r)
	}
}

func TestSCPChain(t *testing.T) {
	w := testWorld(t)
	// No SCPs anywhere: FullAWSAccess at every level.
	o := eval1(t, w, Call{As: "user alice", Action: "s3:GetObject", Resource: "s3://reports/x"})
	scps := o.Hops[0].Input.SCPs
	if len(scps) != 3 {
		t.Fatalf("root, OU and account levels, got %d", len(scps))
	}
	for _, lv := range scps {
		if len(lv.Policies) != 1 || lv.Policies[0].Name != "FullAWSAccess" {
			t.Errorf("level %s: %+v", lv.ID, lv.Policies)
		}
	}
	if o.Hops[0].Input.ManagementAccount != mgmtID {
		t.Errorf("management account %q", o.Hops[0].Input.ManagementAccount)
	}
}

func TestSCPAllowListAndManagementExemption(t *testing.T) {
	w := NewWorld()
	if err := w.SetOrganization(Organization{ManagementAccount: "Mgmt",
		Units: []*OrganizationalUnit{{Name: "Sandbox", SCPs: []string{"OnlyS3"}, Accounts: []string{"Dev"}}},
		SCPs:  []string{"FullAWSAccess", "DenyLeave"},
	}); err != nil {
		t.Fatal(err)
	}
	admin := []*User{{Name: "admin", Policies: []string{"AdministratorAccess"}}}
	_ = w.AddAccount(&Account{ID: mgmtID, Name: "Mgmt", Users: admin})
	_ = w.AddAccount(&Account{ID: prodID, Name: "Dev", Users: admin})
	_ = w.AddDocument(&Document{ID: "scp:OnlyS3", Source: stmt("Allow", "s3:*", "*")})
	_ = w.AddDocument(&Document{ID: "scp:DenyLeave", Source: stmt("Deny", "organizations:LeaveOrganization", "*")})
	if errs := w.Validate(); len(errs) > 0 {
		t.Fatal(errs)
	}
	// The OU replaced FullAWSAccess with an allow list: EC2 is not on it.
	o := eval1(t, w, Call{As: "admin", Account: "Dev", Action: "ec2:RunInstances", Resource: "*"})
	expect(t, o, eval.ImplicitDeny, eval.LayerSCP)
	o = eval1(t, w, Call{As: "admin", Account: "Dev", Action: "s3:ListAllMyBuckets", Resource: "*"})
	expect(t, o, eval.Allowed, eval.LayerIdentity)
	// The account level has nothing attached: FullAWSAccess.
	if lv := o.Hops[0].Input.SCPs[2]; lv.Policies[0].Name != "FullAWSAccess" {
		t.Errorf("account level %+v", lv)
	}
	o = eval1(t, w, Call{As: "root of account Dev", Account: "Dev", Action: "organizations:LeaveOrganization", Resource: "*"})
	expect(t, o, eval.ExplicitDeny, eval.LayerSCP)
	// SCPs do not apply to the management account.
	o = eval1(t, w, Call{As: "root of account Mgmt", Account: "Mgmt", Action: "organizations:LeaveOrganization", Resource: "*"})
	expect(t, o, eval.Allowed, eval.LayerRoot)
	o = eval1(t, w, Call{As: "admin", Account: "Mgmt", Action: "ec2:RunInstances", Resource: "*"})
	expect(t, o, eval.Allowed, eval.LayerIdentity)
}

func TestRCPChain(t *testing.T) {
	w := testWorld(t)
	w2 := NewWorld()
	*w2 = *w
	w2.docs = map[string]*Document{}
	for k, v := range w.docs {
		w2.docs[k] = v
	}
	_ = w2.AddDocument(&Document{ID: "rcp:OrgOnly", Source: `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-abc123def4"},"BoolIfExists":{"aws:PrincipalIsAWSService":"false"}}}]}`})
	w2.org = &Organization{}
	*w2.org = *w.org
	w2.org.RCPs = []string{"OrgOnly"}
	w2.changed()
	o := eval1(t, w2, Call{As: "anyone", Action: "s3:GetObject", Resource: "s3://assets/public/a"})
	expect(t, o, eval.ExplicitDeny, eval.LayerRCP)
	o = eval1(t, w2, Call{As: "carol from account B", Action: "s3:GetObject", Resource: "s3://reports/a"})
	expect(t, o, eval.Allowed, "")
}
