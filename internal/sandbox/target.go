package sandbox

import (
	"fmt"
	"strings"

	"github.com/iamlab/iamlab/internal/arn"
	"github.com/iamlab/iamlab/internal/wildcard"
)

// resourceKinds are the words a friendly resource name may start with.
var resourceKinds = []string{"bucket", "object", "table", "queue", "topic", "key", "secret", "function", "lambda", "role", "user", "instance"}

// resolveResource turns what a call names into a resource of the world.
//
//	"*"                                    every resource (wildcard-only actions)
//	arn:aws:…                              an ARN; the world's resource when it holds it
//	s3://bucket, s3://bucket/key           an S3 bucket or object
//	bucket NAME, object BUCKET/KEY         the same
//	table NAME, queue NAME, topic NAME,    resources of the call's account, or of
//	key alias/NAME, key KEY-ID,            "… in account X"
//	secret NAME, function NAME (lambda NAME), role NAME, user NAME, instance ID
func (r *run) resolveResource(s string) (*resource, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "" || s == "*":
		return &resource{kind: "any", arn: "*"}, nil
	case strings.HasPrefix(s, "arn:"):
		return r.resourceByARN(s)
	case strings.HasPrefix(s, "s3://"):
		bucket, key, _ := strings.Cut(strings.TrimPrefix(s, "s3://"), "/")
		return r.s3Resource(bucket, key, strings.Contains(strings.TrimPrefix(s, "s3://"), "/"))
	}
	words := strings.Fields(s)
	kind := strings.ToLower(words[0])
	acctRef := ""
	if n := len(words); n >= 4 && strings.EqualFold(words[n-3], "in") && strings.EqualFold(words[n-2], "account") {
		acctRef = words[n-1]
		words = words[:n-3]
	}
	if len(words) != 2 {
		return nil, fmt.Errorf("resource %q: write an ARN, s3://bucket/key, or a kind and a name such as \"table Orders\" or \"key alias/app\"", s)
	}
	name := words[1]
	switch kind {
	case "bucket":
		return r.s3Resource(name, "", false)
	case "object":
		bucket, key, ok := strings.Cut(name, "/")
		return r.s3Resource(bucket, key, ok)
	case "lambda":
		kind = "function"
	case "instance":
		if res := r.ix.instances[name]; res != nil {
			return res, nil
		}
		return nil, fmt.Errorf("resource %q: no instance %s in the world%s", s, name, didYouMean(name, mapKeys(r.ix.instances)))
	case "table", "queue", "topic", "key", "secret", "function", "role", "user":
	default:
		return nil, fmt.Errorf("resource %q: unknown kind %q%s (kinds: %s)", s, words[0], didYouMean(kind, resourceKinds), strings.Join(resourceKinds, ", "))
	}
	var a *Account
	var err error
	if acctRef != "" {
		a, err = r.w.accountOrError(acctRef)
	} else {
		a, err = r.defaultAccount("resource " + s)
	}
	if err != nil {
		return nil, err
	}
	if kind == "key" && !strings.HasPrefix(name, "alias/") && r.ix.res["key/"+a.ID+"/"+name] == nil && r.ix.res["key/"+a.ID+"/alias/"+name] != nil {
		name = "alias/" + name
	}
	if res := r.ix.res[kind+"/"+a.ID+"/"+name]; res != nil {
		return res, nil
	}
	var cands []string
	prefix := kind + "/" + a.ID + "/"
	for k := range r.ix.res {
		if n, ok := strings.CutPrefix(k, prefix); ok {
			cands = append(cands, n)
		}
	}
	return nil, fmt.Errorf("resource %q: account %s has no %s %s%s", s, a.label(), kind, name, didYouMean(name, cands))
}

// s3Resource is a bucket or an object ARN of a bucket the world holds.
func (r *run) s3Resource(bucket, key string, object bool) (*resource, error) {
	b := r.ix.buckets[bucket]
	if b == nil {
		return nil, fmt.Errorf("bucket %q is not in the world%s", bucket, didYouMean(bucket, mapKeys(r.ix.buckets)))
	}
	if !object {
		return b, nil
	}
	o := *b
	o.kind = "object"
	o.name = bucket + "/" + key
	o.arn = b.arn + "/" + key
	o.tags = nil // aws:ResourceTag is the bucket's on bucket calls; objects have their own tags (s3:ExistingObjectTag)
	return &o, nil
}

// resourceByARN finds the world's resource for an ARN, or describes one the
// world does not hold (an IAM action on "arn:aws:iam::…:user/*", say).
func (r *run) resourceByARN(resARN string) (*resource, error) {
	if res := r.ix.byARN[resARN]; res != nil {
		return res, nil
	}
	parts, ok := arn.Split(resARN)
	if !ok {
		return nil, fmt.Errorf("resource %q is not an ARN: arn:partition:service:region:account:resource", resARN)
	}
	service, region, account, rest := parts[2], parts[3], parts[4], parts[5]
	if service == "s3" && account == "" && !wildcard.HasWildcard(rest) {
		bucket, key, ok := strings.Cut(rest, "/")
		return r.s3Resource(bucket, key, ok)
	}
	if service == "secretsmanager" {
		// A secret ARN without its six-character suffix still names it.
		for a, res := range r.ix.byARN {
			if res.kind == "secret" && strings.HasPrefix(a, resARN+"-") && len(a) == len(resARN)+7 {
				return res, nil
			}
		}
	}
	if service == "iam" && account == "aws" && strings.HasPrefix(rest, "policy/") {
		// An AWS managed policy: AWS's account "aws", shared by everyone.
		return &resource{kind: "aws-managed-policy", name: strings.TrimPrefix(rest, "policy/"), arn: resARN}, nil
	}
	res := &resource{kind: "other", arn: resARN, region: region}
	if account != "" {
		a, ok := r.w.Account(account)
		if !ok {
			return nil, fmt.Errorf("resource %q: account %s is not in the world%s", resARN, account, didYouMean(account, r.w.accountNames()))
		}
		res.acct = a
	}
	return res, nil
}

// describe names a resource for hop descriptions.
func (res *resource) describe() string {
	switch res.kind {
	case "any":
		return "*"
	case "other", "aws-managed-policy":
		return res.arn
	case "object":
		return "s3://" + res.name
	}
	return res.kind + " " + res.name
}

func mapKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
