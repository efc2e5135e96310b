package sandbox

import (
	"sort"
	"strings"
	"sync"
)

// resource is one addressable thing of the world, as a call names it.
type resource struct {
	kind     string // bucket, key, table, queue, topic, function, secret, instance, role, user
	name     string // as people say it: bucket name, alias or key id, table name …
	arn      string
	acct     *Account
	region   string
	policyID string // document ID its resource-based policy would have; the document may not exist
	tags     map[string]string

	bucket   *Bucket
	key      *Key
	role     *Role
	function *Function
	instance *Instance
}

// index holds the world's lookup tables. It depends on accounts and the
// organization only, never on document text, so edited copies share it.
type index struct {
	place       map[string]*placement // account id → place in the organization
	placeErrs   []error
	managedUsed []string // AWS managed policies attached somewhere

	users  map[string]*User  // "<acct>/<name>"
	groups map[string]*Group // "<acct>/<name>"
	roles  map[string]*Role  // "<acct>/<name>"
	pools  map[string]*IdentityPool
	oidc   map[string]*OIDCProvider // "<acct>/<host>"
	saml   map[string]*SAMLProvider // "<acct>/<name>"

	res        map[string]*resource // "<kind>/<acct>/<name>"; buckets "bucket//<name>"
	byARN      map[string]*resource
	buckets    map[string]*resource // by bucket name
	instances  map[string]*resource // by instance id
	endpoints  map[string]*VPCEndpoint
	keyByAlias map[string]*Key // "<acct>/alias/<name>"

	inlineOnce sync.Once
	inline     map[string][]string // "<acct>/<kind>/<owner>" → inline document IDs
}

func buildIndex(w *World) *index {
	ix := &index{
		users: map[string]*User{}, groups: map[string]*Group{}, roles: map[string]*Role{},
		pools: map[string]*IdentityPool{}, oidc: map[string]*OIDCProvider{}, saml: map[string]*SAMLProvider{},
		res: map[string]*resource{}, byARN: map[string]*resource{}, buckets: map[string]*resource{},
		instances: map[string]*resource{}, endpoints: map[string]*VPCEndpoint{}, keyByAlias: map[string]*Key{},
	}
	ix.place, ix.placeErrs = w.place()
	managed := map[string]bool{}
	note := func(names ...string) {
		for _, n := range names {
			if m, ok := strings.CutPrefix(n, "aws:"); ok {
				n = m
			}
			if _, ok := managedDoc(n); ok {
				managed[n] = true
			}
		}
	}
	put := func(r *resource) {
		ix.res[r.kind+"/"+r.acct.ID+"/"+r.name] = r
		ix.byARN[r.arn] = r
	}
	for _, a := range w.accounts {
		id := a.ID
		for _, u := range a.Users {
			ix.users[id+"/"+u.Name] = u
			note(u.Policies...)
			note(u.Boundary)
			put(&resource{kind: "user", name: u.Name, arn: iamARN(id, "user", u.Path, u.Name), acct: a, region: DefaultRegion, tags: u.Tags})
		}
		for _, g := range a.Groups {
			ix.groups[id+"/"+g.Name] = g
			note(g.Policies...)
		}
		for _, r := range a.Roles {
			ix.roles[id+"/"+r.Name] = r
			note(r.Policies...)
			note(r.Boundary)
			put(&resource{kind: "role", name: r.Name, arn: roleARN(id, r), acct: a, region: DefaultRegion, policyID: TrustPolicyID(id, r.Name), tags: r.Tags, role: r})
		}
		for _, p := range a.IdentityPools {
			ix.pools[id+"/"+p.Name] = p
		}
		for _, p := range a.OIDCProviders {
			ix.oidc[id+"/"+oidcHost(p.URL)] = p
		}
		for _, p := range a.SAMLProviders {
			ix.saml[id+"/"+p.Name] = p
		}
		for _, b := range a.Buckets {
			r := &resource{kind: "bucket", name: b.Name, arn: "arn:aws:s3:::" + b.Name, acct: a, region: orDefault(b.Region, a.region()), policyID: BucketPolicyID(b.Name), tags: b.Tags, bucket: b}
			put(r)
			ix.buckets[b.Name] = r
		}
		for _, k := range a.Keys {
			region := orDefault(k.Region, a.region())
			r := &resource{kind: "key", name: k.ID, arn: "arn:aws:kms:" + region + ":" + id + ":key/" + k.ID, acct: a, region: region, policyID: KeyPolicyID(id, k.ID), tags: k.Tags, key: k}
			put(r)
			if k.Alias != "" {
				ix.keyByAlias[id+"/"+k.Alias] = k
				ix.res["key/"+id+"/"+k.Alias] = r
			}
		}
		simple := func(kind, name, region, arn string, policyID func(account, name string) string, tags map[string]string) *resource {
			r := &resource{kind: kind, name: name, arn: arn, acct: a, region: region, policyID: policyID(id, name), tags: tags}
			put(r)
			return r
		}
		for _, t := range a.Tables {
			region := orDefault(t.Region, a.region())
			simple("table", t.Name, region, "arn:aws:dynamodb:"+region+":"+id+":table/"+t.Name, TablePolicyID, t.Tags)
		}
		for _, q := range a.Queues {
			region := orDefault(q.Region, a.region())
			simple("queue", q.Name, region, "arn:aws:sqs:"+region+":"+id+":"+q.Name, QueuePolicyID, q.Tags)
		}
		for _, t := range a.Topics {
			region := orDefault(t.Region, a.region())
			simple("topic", t.Name, region, "arn:aws:sns:"+region+":"+id+":"+t.Name, TopicPolicyID, t.Tags)
		}
		for _, f := range a.Functions {
			region := orDefault(f.Region, a.region())
			simple("function", f.Name, region, "arn:aws:lambda:"+region+":"+id+":function:"+f.Name, FunctionPolicyID, f.Tags).function = f
		}
		for _, s := range a.Secrets {
			region := orDefault(s.Region, a.region())
			simple("secret", s.Name, region, secretARN(region, id, s.Name), SecretPolicyID, s.Tags)
		}
		for _, in := range a.Instances {
			region := orDefault(in.Region, a.region())
			r := &resource{kind: "instance", name: in.ID, arn: "arn:aws:ec2:" + region + ":" + id + ":instance/" + in.ID, acct: a, region: region, tags: in.Tags, instance: in}
			put(r)
			ix.instances[in.ID] = r
		}
		for _, e := range a.Endpoints {
			ix.endpoints[e.ID] = e
		}
	}
	for n := range managed {
		ix.managedUsed = append(ix.managedUsed, n)
	}
	sort.Strings(ix.managedUsed)
	return ix
}

func orDefault(s, def string) string {
	if s != "" {
		return s
	}
	return def
}

// iamARN builds a user or role ARN; IAM paths sit between the type and the name.
func iamARN(account, typ, path, name string) string {
	return "arn:aws:iam::" + account + ":" + typ + normPath(path) + name
}

func roleARN(account string, r *Role) string { return iamARN(account, "role", r.Path, r.Name) }

func normPath(p string) string {
	if p == "" || p == "/" {
		return "/"
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}

// secretARN: Secrets Manager appends a hyphen and six random characters to
// a secret's name in its ARN; here they are derived from the name so the
// ARN is stable, and policies must use "name-??????" or "name-*" as in AWS.
func secretARN(region, account, name string) string {
	return "arn:aws:secretsmanager:" + region + ":" + account + ":secret:" + name + "-" + fakeID(account+"/"+name, 6, mixedAlnum)
}

// oidcHost is an OIDC provider's URL as its IAM ARN carries it.
func oidcHost(url string) string {
	return strings.TrimSuffix(strings.TrimPrefix(url, "https://"), "/")
}
