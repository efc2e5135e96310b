package sandbox

import (
	"strings"
	"testing"
)

const allowAllS3 = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`

func TestWorldBuildAndDocuments(t *testing.T) {
	w := NewWorld()
	err := w.AddAccount(&Account{
		ID: "111122223333", Name: "Prod",
		Policies: []NamedPolicy{{Name: "S3All", Source: allowAllS3}},
		Users:    []*User{{Name: "alice", Policies: []string{"S3All", "ReadOnlyAccess"}}},
		Roles:    []*Role{{Name: "deploy", Trust: PolicyText{Source: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"}]}`}}},
		Buckets:  []*Bucket{{Name: "reports", Policy: PolicyText{Source: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}]}`}}},
		Keys:     []*Key{{Alias: "app"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if errs := w.Validate(); len(errs) > 0 {
		t.Fatalf("Validate: %v", errs)
	}
	var ids []string
	for _, d := range w.Documents() {
		ids = append(ids, d.ID)
		if d.Err != nil {
			t.Errorf("%s: %v", d.ID, d.Err)
		}
	}
	got := strings.Join(ids, " ")
	for _, want := range []string{"policy:111122223333/S3All", "trust:111122223333/deploy", "bucket-policy:reports", "aws:ReadOnlyAccess"} {
		if !strings.Contains(got, want) {
			t.Errorf("Documents() lacks %s: %s", want, got)
		}
	}
	if _, ok := w.Document("key-policy:111122223333/alias/app"); !ok {
		t.Error("key policy not found by alias")
	}
	if d, _ := w.Document("policy:111122223333/S3All"); d.Title != "S3All (customer managed policy, account Prod)" {
		t.Errorf("title %q", d.Title)
	}
}

func TestAddDocumentErrors(t *testing.T) {
	w := NewWorld()
	for _, tc := range []struct{ id, want string }{
		{"polcy:1/x", `did you mean "policy"`},
		{"aws:ReadOnlyAccess", "built in and read-only"},
		{"scp:FullAWSAccess", "built-in"},
		{"scp:", "names no document"},
	} {
		err := w.AddDocument(&Document{ID: tc.id, Source: "{}"})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("AddDocument(%s) = %v, want %q", tc.id, err, tc.want)
		}
	}
	if err := w.AddDocument(&Document{ID: "scp:Deny", Source: `{"Statement":[{"Effect":"Deny"`}); err != nil {
		t.Fatal(err)
	}
	if d, _ := w.Document("scp:Deny"); d.Err == nil || d.Policy != nil {
		t.Errorf("broken document kept no error: %+v", d)
	}
}

func TestValidateDanglingReferences(t *testing.T) {
	w := NewWorld()
	_ = w.AddAccount(&Account{ID: "111122223333", Name: "Prod",
		Users:     []*User{{Name: "alice", Groups: []string{"Devs"}, Policies: []string{"ReadOnlyAcess"}}},
		Groups:    []*Group{{Name: "Dev"}},
		Roles:     []*Role{{Name: "app"}},
		Functions: []*Function{{Name: "thumbs", Role: "ap"}},
		Buckets:   []*Bucket{{Name: "b", MFADelete: true}},
	})
	errs := w.Validate()
	joined := ""
	for _, e := range errs {
		joined += e.Error() + "\n"
	}
	for _, want := range []string{
		`group "Devs" is not in the account; did you mean "Dev"?`,
		`did you mean "ReadOnlyAccess"?`,
		`role app has no trust policy`,
		`execution role "ap" is not in the account; did you mean "app"?`,
		`MFA Delete is part of the versioning configuration`,
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("Validate lacks %q:\n%s", want, joined)
		}
	}
}

func TestManagedPoliciesEmbedded(t *testing.T) {
	ps := ManagedPolicies()
	if len(ps) < 15 {
		t.Fatalf("only %d managed policies", len(ps))
	}
	for _, p := range ps {
		d, ok := managedDoc(p.Name)
		if !ok || d.Err != nil {
			t.Errorf("%s: %v", p.Name, d.Err)
		}
	}
	d, _ := managedDoc("AmazonS3ReadOnlyAccess")
	if !strings.Contains(d.Source, `"s3:Get*"`) {
		t.Errorf("AmazonS3ReadOnlyAccess:\n%s", d.Source)
	}
}

func TestValidateOrphanDocuments(t *testing.T) {
	w := NewWorld()
	_ = w.AddAccount(&Account{ID: "111122223333", Name: "Prod", Users: []*User{{Name: "alice"}}})
	_ = w.AddDocument(&Document{ID: "inline:111122223333/user/alice/Ok", Source: allowAllS3})
	_ = w.AddDocument(&Document{ID: "inline:111122223333/user/bob/P", Source: allowAllS3})
	_ = w.AddDocument(&Document{ID: "bucket-policy:nope", Source: allowAllS3})
	errs := w.Validate()
	if len(errs) != 2 {
		t.Fatalf("want 2 orphans, got %v", errs)
	}
	if !strings.Contains(errs[0].Error()+errs[1].Error(), "inline:111122223333/user/bob/P belongs to nothing") {
		t.Errorf("%v", errs)
	}
}
