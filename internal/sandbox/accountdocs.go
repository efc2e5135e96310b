package sandbox

import (
	"fmt"
	"strings"
)

// accountDocuments turns the policies written in an account's fields into
// documents, and fills in the ids the world derives.
func accountDocuments(a *Account) ([]*Document, error) {
	ad := &accountDocs{a: a, acct: a.label()}
	for _, step := range []func() error{ad.customerPolicies, ad.principals, ad.buckets, ad.keys, ad.namedResources, ad.endpoints, ad.identityPools} {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return ad.docs, nil
}

// accountDocs collects one account's documents in the order its fields
// are written.
type accountDocs struct {
	a    *Account
	acct string
	docs []*Document
}

func (ad *accountDocs) add(id, title string, p PolicyText) {
	d := &Document{ID: id, Title: title, Source: p.Source, File: p.File, Line: p.Line}
	d.Type, _, _ = kindOf(id)
	d.compile()
	ad.docs = append(ad.docs, d)
}

// resource adds a resource's policy, when it has one.
func (ad *accountDocs) resource(id, kind, name string, p PolicyText) {
	if p.Source != "" {
		ad.add(id, name+" ("+kind+", account "+ad.acct+")", p)
	}
}

func (ad *accountDocs) errorf(format string, args ...any) error {
	return fmt.Errorf("account %s: "+format, append([]any{ad.acct}, args...)...)
}

func (ad *accountDocs) customerPolicies() error {
	for _, p := range ad.a.Policies {
		if err := checkName("customer managed policy", p.Name); err != nil {
			return ad.errorf("%w", err)
		}
		ad.add(CustomerPolicyID(ad.a.ID, p.Name), p.Name+" (customer managed policy, account "+ad.acct+")", PolicyText{Source: p.Source, File: p.File, Line: p.Line})
	}
	return nil
}

func (ad *accountDocs) inline(kind, owner string, ps []NamedPolicy) error {
	for _, p := range ps {
		if err := checkName("inline policy of "+kind+" "+owner, p.Name); err != nil {
			return ad.errorf("%w", err)
		}
		ad.add(InlinePolicyID(ad.a.ID, kind, owner, p.Name), p.Name+" (inline policy of "+kind+" "+owner+", account "+ad.acct+")", PolicyText{Source: p.Source, File: p.File, Line: p.Line})
	}
	return nil
}

// principals adds the users', groups' and roles' inline policies and the
// roles' trust policies.
func (ad *accountDocs) principals() error {
	for i, u := range ad.a.Users {
		if u == nil || u.Name == "" {
			return ad.errorf("user #%d has no name", i+1)
		}
		if err := ad.inline("user", u.Name, u.Inline); err != nil {
			return err
		}
	}
	for i, g := range ad.a.Groups {
		if g == nil || g.Name == "" {
			return ad.errorf("group #%d has no name", i+1)
		}
		if err := ad.inline("group", g.Name, g.Inline); err != nil {
			return err
		}
	}
	for i, r := range ad.a.Roles {
		if r == nil || r.Name == "" {
			return ad.errorf("role #%d has no name", i+1)
		}
		if err := ad.inline("role", r.Name, r.Inline); err != nil {
			return err
		}
		if r.Trust.Source != "" {
			ad.add(TrustPolicyID(ad.a.ID, r.Name), r.Name+" (role trust policy, account "+ad.acct+")", r.Trust)
		}
	}
	return nil
}

func (ad *accountDocs) buckets() error {
	for i, b := range ad.a.Buckets {
		if b == nil || b.Name == "" {
			return ad.errorf("bucket #%d has no name", i+1)
		}
		ad.resource(BucketPolicyID(b.Name), "bucket policy", b.Name, b.Policy)
	}
	return nil
}

// keys adds every key's policy (AWS's default key policy when none is
// written) and derives the ids and aliases it needs.
func (ad *accountDocs) keys() error {
	for i, k := range ad.a.Keys {
		if k == nil {
			return ad.errorf("KMS key #%d is empty", i+1)
		}
		if k.Alias != "" && !strings.HasPrefix(k.Alias, "alias/") {
			k.Alias = "alias/" + k.Alias
		}
		if k.ID == "" {
			if k.Alias == "" {
				return ad.errorf("KMS key #%d has neither an id nor an alias", i+1)
			}
			k.ID = fakeUUID(ad.a.ID + "/" + k.Alias)
		}
		title := k.ID
		if k.Alias != "" {
			title = k.Alias
		}
		src := k.Policy
		if src.Source == "" {
			src.Source = defaultKeyPolicy(ad.a.ID)
		}
		ad.add(KeyPolicyID(ad.a.ID, k.ID), title+" (KMS key policy, account "+ad.acct+")", src)
	}
	return nil
}

// namedResources adds the policies of resources that are a name, a Region
// and a resource policy.
func (ad *accountDocs) namedResources() error {
	a := ad.a
	for _, kind := range []struct {
		what, title string
		id          func(account, name string) string
		items       []*namedPolicy
	}{
		{"table", "DynamoDB table policy", TablePolicyID, policiesOf(a.Tables, func(t *Table) namedPolicy { return namedPolicy{t.Name, t.Policy} })},
		{"queue", "SQS queue policy", QueuePolicyID, policiesOf(a.Queues, func(q *Queue) namedPolicy { return namedPolicy{q.Name, q.Policy} })},
		{"topic", "SNS topic policy", TopicPolicyID, policiesOf(a.Topics, func(t *Topic) namedPolicy { return namedPolicy{t.Name, t.Policy} })},
		{"function", "Lambda function policy", FunctionPolicyID, policiesOf(a.Functions, func(f *Function) namedPolicy { return namedPolicy{f.Name, f.Policy} })},
		{"secret", "secret resource policy", SecretPolicyID, policiesOf(a.Secrets, func(s *Secret) namedPolicy { return namedPolicy{s.Name, s.Policy} })},
	} {
		for i, it := range kind.items {
			if it == nil || it.name == "" {
				return ad.errorf("%s #%d has no name", kind.what, i+1)
			}
			ad.resource(kind.id(a.ID, it.name), kind.title, it.name, it.policy)
		}
	}
	return nil
}

func (ad *accountDocs) endpoints() error {
	for i, e := range ad.a.Endpoints {
		if e == nil || !strings.HasPrefix(e.ID, "vpce-") {
			return ad.errorf("VPC endpoint #%d needs an id starting with \"vpce-\"", i+1)
		}
		ad.resource(EndpointPolicyID(e.ID), "VPC endpoint policy", e.ID, e.Policy)
	}
	return nil
}

// identityPools checks the pools are named and derives their ids.
func (ad *accountDocs) identityPools() error {
	for i, p := range ad.a.IdentityPools {
		if p == nil || p.Name == "" {
			return ad.errorf("identity pool #%d has no name", i+1)
		}
		if p.ID == "" {
			p.ID = ad.a.region() + ":" + fakeUUID(ad.a.ID+"/pool/"+p.Name)
		}
	}
	return nil
}

// namedPolicy is a resource's name and its policy, whatever its kind.
type namedPolicy struct {
	name   string
	policy PolicyText
}

// policiesOf reads the name and policy of each resource of a list; a nil
// entry stays nil, for the caller to report.
func policiesOf[T any](list []*T, get func(*T) namedPolicy) []*namedPolicy {
	out := make([]*namedPolicy, len(list))
	for i, r := range list {
		if r != nil {
			np := get(r)
			out[i] = &np
		}
	}
	return out
}

func checkName(what, name string) error {
	if name == "" {
		return fmt.Errorf("a %s has no name", what)
	}
	if strings.ContainsAny(name, "/: ") {
		return fmt.Errorf("%s %q: a name may not contain '/', ':' or spaces", what, name)
	}
	return nil
}

// defaultKeyPolicy is the key policy AWS gives a key created without one:
// it allows the account, which lets IAM policies grant access to the key.
func defaultKeyPolicy(account string) string {
	return `{
  "Version": "2012-10-17",
  "Id": "key-default-1",
  "Statement": [
    {
      "Sid": "Enable IAM User Permissions",
      "Effect": "Allow",
      "Principal": {
        "AWS": "arn:aws:iam::` + account + `:root"
      },
      "Action": "kms:*",
      "Resource": "*"
    }
  ]
}
`
}
