package sandbox

import (
	"fmt"
	"strings"
)

// accountDocuments turns the policies written in an account's fields into
// documents, and fills in the ids the world derives.
func accountDocuments(a *Account) ([]*Document, error) {
	var docs []*Document
	acct := a.label()
	add := func(id, title string, src, file string, line int) {
		d := &Document{ID: id, Title: title, Source: src, File: file, Line: line}
		d.Type, _, _ = kindOf(id)
		d.compile()
		docs = append(docs, d)
	}
	for _, p := range a.Policies {
		if err := checkName("customer managed policy", p.Name); err != nil {
			return nil, fmt.Errorf("account %s: %w", acct, err)
		}
		add(CustomerPolicyID(a.ID, p.Name), p.Name+" (customer managed policy, account "+acct+")", p.Source, p.File, p.Line)
	}
	inline := func(kind, owner string, ps []NamedPolicy) error {
		for _, p := range ps {
			if err := checkName("inline policy of "+kind+" "+owner, p.Name); err != nil {
				return fmt.Errorf("account %s: %w", acct, err)
			}
			add(InlinePolicyID(a.ID, kind, owner, p.Name), p.Name+" (inline policy of "+kind+" "+owner+", account "+acct+")", p.Source, p.File, p.Line)
		}
		return nil
	}
	for i, u := range a.Users {
		if u == nil || u.Name == "" {
			return nil, fmt.Errorf("account %s: user #%d has no name", acct, i+1)
		}
		if err := inline("user", u.Name, u.Inline); err != nil {
			return nil, err
		}
	}
	for i, g := range a.Groups {
		if g == nil || g.Name == "" {
			return nil, fmt.Errorf("account %s: group #%d has no name", acct, i+1)
		}
		if err := inline("group", g.Name, g.Inline); err != nil {
			return nil, err
		}
	}
	for i, r := range a.Roles {
		if r == nil || r.Name == "" {
			return nil, fmt.Errorf("account %s: role #%d has no name", acct, i+1)
		}
		if err := inline("role", r.Name, r.Inline); err != nil {
			return nil, err
		}
		if r.Trust.Source != "" {
			add(TrustPolicyID(a.ID, r.Name), r.Name+" (role trust policy, account "+acct+")", r.Trust.Source, r.Trust.File, r.Trust.Line)
		}
	}
	res := func(id, kind, name string, p PolicyText) {
		if p.Source != "" {
			add(id, name+" ("+kind+", account "+acct+")", p.Source, p.File, p.Line)
		}
	}
	for i, b := range a.Buckets {
		if b == nil || b.Name == "" {
			return nil, fmt.Errorf("account %s: bucket #%d has no name", acct, i+1)
		}
		res(BucketPolicyID(b.Name), "bucket policy", b.Name, b.Policy)
	}
	for i, k := range a.Keys {
		if k == nil {
			return nil, fmt.Errorf("account %s: KMS key #%d is empty", acct, i+1)
		}
		if k.Alias != "" && !strings.HasPrefix(k.Alias, "alias/") {
			k.Alias = "alias/" + k.Alias
		}
		if k.ID == "" {
			if k.Alias == "" {
				return nil, fmt.Errorf("account %s: KMS key #%d has neither an id nor an alias", acct, i+1)
			}
			k.ID = fakeUUID(a.ID + "/" + k.Alias)
		}
		title := k.ID
		if k.Alias != "" {
			title = k.Alias
		}
		src := k.Policy
		if src.Source == "" {
			src.Source = defaultKeyPolicy(a.ID)
		}
		add(KeyPolicyID(a.ID, k.ID), title+" (KMS key policy, account "+acct+")", src.Source, src.File, src.Line)
	}
	// Resources that are a name, a Region and a resource policy.
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
				return nil, fmt.Errorf("account %s: %s #%d has no name", acct, kind.what, i+1)
			}
			res(kind.id(a.ID, it.name), kind.title, it.name, it.policy)
		}
	}
	for i, e := range a.Endpoints {
		if e == nil || !strings.HasPrefix(e.ID, "vpce-") {
			return nil, fmt.Errorf("account %s: VPC endpoint #%d needs an id starting with \"vpce-\"", acct, i+1)
		}
		res(EndpointPolicyID(e.ID), "VPC endpoint policy", e.ID, e.Policy)
	}
	for i, p := range a.IdentityPools {
		if p == nil || p.Name == "" {
			return nil, fmt.Errorf("account %s: identity pool #%d has no name", acct, i+1)
		}
		if p.ID == "" {
			p.ID = a.region() + ":" + fakeUUID(a.ID+"/pool/"+p.Name)
		}
	}
	return docs, nil
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
