package worldfile

import (
	"fmt"
	"slices"

	"github.com/iamlab/iamlab/internal/arn"
	"github.com/iamlab/iamlab/internal/sandbox"
	"github.com/iamlab/iamlab/internal/yamlpos"
)

// Codes of the problems Build reports. They are the finding codes of the
// scenario packs and of the quiz bank.
const (
	CodeMissing    = "missing"     // a required field is absent or empty
	CodeBadValue   = "bad-value"   // a value outside its allowed set
	CodeUnknownRef = "unknown-ref" // a name the world does not have
	CodeWorld      = "world"       // the sandbox rejects part of the world
)

// Builder turns a decoded world into a sandbox world. Its two functions are
// what differs between the files a world is written in: where a problem is
// reported, and how a policy's text is read.
type Builder struct {
	// Problem reports a mistake at path (a yamlpos path in the file the
	// world was decoded from), with its code, what is wrong and what was
	// expected (may be empty).
	Problem func(path, code, message, expected string)
	// Policy returns the text of the policy document written at path,
	// which becomes the sandbox document docID. It reports its own
	// problems (a missing document, an unreadable file) and returns false
	// after them.
	Policy func(path, docID string, src Source) (sandbox.PolicyText, bool)
}

// Build converts the world written at path at ("" for a file that is only
// the world) and returns it with its default account id. A world with no
// accounts is reported and comes back nil. Build does not validate the
// world's references: callers report w.Validate() and the documents that
// do not parse where their authors can find them.
func (b Builder) Build(at string, wf *World) (*sandbox.World, string) {
	if len(wf.Accounts) == 0 {
		b.Problem(yamlpos.Join(at, "accounts"), CodeMissing, "the world has no accounts", "accounts: [{id: \"111122223333\", name: Analytics, ...}]")
		return nil, ""
	}
	w := sandbox.NewWorld()
	names := map[string]bool{}
	for i, af := range wf.Accounts {
		aat := yamlpos.Join(at, "accounts", i)
		if !arn.IsAccountID(af.ID) {
			b.Problem(yamlpos.Join(aat, "id"), CodeBadValue, fmt.Sprintf("account id %q", af.ID), "12 digits in quotes, e.g. id: \"111122223333\"")
			continue
		}
		names[af.ID], names[af.Name] = true, true
		if err := w.AddAccount(b.account(aat, af)); err != nil {
			b.Problem(aat, CodeWorld, err.Error(), "")
		}
	}
	account := wf.Accounts[0].ID
	if wf.Account != "" {
		if !names[wf.Account] {
			b.Problem(yamlpos.Join(at, "account"), CodeUnknownRef, fmt.Sprintf("account %q is not in the world", wf.Account), "the id or name of one of the accounts below")
		} else if a, ok := w.Account(wf.Account); ok {
			account = a.ID
		}
	}
	if o := wf.Organization; o != nil {
		oat := yamlpos.Join(at, "organization")
		for i, nd := range o.Policies {
			pat := yamlpos.Join(oat, "policies", i)
			docID := sandbox.SCPID
			switch nd.Type {
			case "scp", "":
			case "rcp":
				docID = sandbox.RCPID
			default:
				b.Problem(yamlpos.Join(pat, "type"), CodeBadValue, fmt.Sprintf("policy type %q", nd.Type), "scp or rcp")
				continue
			}
			b.addDoc(w, pat, docID(nd.Name), nd)
		}
		org := sandbox.Organization{ID: o.ID, RootID: o.Root, ManagementAccount: o.Management, SCPs: o.SCPs, RCPs: o.RCPs, Accounts: o.Accounts, Units: units(o.OUs)}
		if err := w.SetOrganization(org); err != nil {
			b.Problem(oat, CodeWorld, err.Error(), "")
		}
	}
	for i, nd := range wf.SessionPolicies {
		b.addDoc(w, yamlpos.Join(at, "sessionPolicies", i), sandbox.SessionPolicyID(nd.Name), nd)
	}
	return w, account
}

func units(ous []OU) []*sandbox.OrganizationalUnit {
	var out []*sandbox.OrganizationalUnit
	for _, o := range ous {
		out = append(out, &sandbox.OrganizationalUnit{Name: o.Name, SCPs: o.SCPs, RCPs: o.RCPs, Accounts: o.Accounts, Units: units(o.OUs)})
	}
	return out
}

// addDoc adds a named document (SCP, RCP, session policy) to the world.
func (b Builder) addDoc(w *sandbox.World, at, id string, nd NamedDoc) {
	if nd.Name == "" {
		b.Problem(yamlpos.Join(at, "name"), CodeMissing, "policy name is missing", "name: MyPolicy")
		return
	}
	pt, ok := b.Policy(at, id, Source{Document: nd.Document, File: nd.File})
	if !ok {
		return
	}
	if err := w.AddDocument(&sandbox.Document{ID: id, Source: pt.Source, File: pt.File, Line: pt.Line}); err != nil {
		b.Problem(yamlpos.Join(at, "name"), CodeWorld, err.Error(), "")
	}
}

// account converts one account written at path at.
func (b Builder) account(at string, af Account) *sandbox.Account {
	id := af.ID
	a := &sandbox.Account{ID: id, Name: af.Name, Region: af.Region, SCPs: af.SCPs, RCPs: af.RCPs, BlockPublicAccess: pab(af.BlockPublicAccess)}
	named := func(kind, owner string, base string, list []NamedDoc) []sandbox.NamedPolicy {
		var out []sandbox.NamedPolicy
		for i, nd := range list {
			pat := yamlpos.Join(base, i)
			if nd.Name == "" {
				b.Problem(yamlpos.Join(pat, "name"), CodeMissing, "policy name is missing", "name: MyPolicy")
				continue
			}
			docID := sandbox.CustomerPolicyID(id, nd.Name)
			if kind != "" {
				docID = sandbox.InlinePolicyID(id, kind, owner, nd.Name)
			}
			pt, ok := b.Policy(pat, docID, Source{Document: nd.Document, File: nd.File})
			if !ok {
				continue
			}
			out = append(out, sandbox.NamedPolicy{Name: nd.Name, Source: pt.Source, File: pt.File, Line: pt.Line})
		}
		return out
	}
	text := func(path, docID string, src *Source) sandbox.PolicyText {
		if src == nil {
			return sandbox.PolicyText{}
		}
		pt, _ := b.Policy(path, docID, *src)
		return pt
	}
	join := yamlpos.Join
	a.Policies = named("", "", join(at, "policies"), af.Policies)
	for i, u := range af.Users {
		uat := join(at, "users", i)
		a.Users = append(a.Users, &sandbox.User{Name: u.Name, Path: u.Path, Groups: u.Groups, Policies: u.Policies,
			Inline: named("user", u.Name, join(uat, "inline"), u.Inline), Boundary: u.Boundary, MFA: u.MFA, AccessKeys: u.AccessKeys, Tags: u.Tags})
	}
	for i, g := range af.Groups {
		a.Groups = append(a.Groups, &sandbox.Group{Name: g.Name, Path: g.Path, Policies: g.Policies, Inline: named("group", g.Name, join(at, "groups", i, "inline"), g.Inline)})
	}
	for i, r := range af.Roles {
		rat := join(at, "roles", i)
		a.Roles = append(a.Roles, &sandbox.Role{Name: r.Name, Path: r.Path, Trust: text(join(rat, "trust"), sandbox.TrustPolicyID(id, r.Name), r.Trust),
			Policies: r.Policies, Inline: named("role", r.Name, join(rat, "inline"), r.Inline), Boundary: r.Boundary, Tags: r.Tags,
			MaxSessionDuration: r.MaxSessionDuration, InstanceProfiles: r.InstanceProfiles})
	}
	for _, p := range af.IdentityPools {
		a.IdentityPools = append(a.IdentityPools, &sandbox.IdentityPool{Name: p.Name, ID: p.ID, AllowUnauthenticated: p.AllowUnauthenticated,
			AuthenticatedRole: p.AuthenticatedRole, UnauthenticatedRole: p.UnauthenticatedRole, Providers: p.Providers})
	}
	for _, p := range af.OIDCProviders {
		a.OIDCProviders = append(a.OIDCProviders, &sandbox.OIDCProvider{URL: p.URL, ClientIDs: p.ClientIDs})
	}
	for _, p := range af.SAMLProviders {
		a.SAMLProviders = append(a.SAMLProviders, &sandbox.SAMLProvider{Name: p.Name})
	}
	for i, bf := range af.Buckets {
		bat := join(at, "buckets", i)
		if bf.MFADelete && bf.Versioning != sandbox.VersioningEnabled {
			b.Problem(join(bat, "mfaDelete"), CodeBadValue, "MFA Delete needs versioning", "versioning: Enabled")
		}
		if !slices.Contains([]string{"", sandbox.VersioningEnabled, sandbox.VersioningSuspended}, bf.Versioning) {
			b.Problem(join(bat, "versioning"), CodeBadValue, fmt.Sprintf("versioning %q", bf.Versioning), "Enabled or Suspended (leave it out for never enabled)")
		}
		a.Buckets = append(a.Buckets, &sandbox.Bucket{Name: bf.Name, Region: bf.Region, Policy: text(join(bat, "policy"), sandbox.BucketPolicyID(bf.Name), bf.Policy),
			Versioning: bf.Versioning, MFADelete: bf.MFADelete, BlockPublicAccess: pab(bf.BlockPublicAccess), ObjectOwnership: bf.ObjectOwnership, Tags: bf.Tags})
	}
	for i, k := range af.Keys {
		kid := k.ID
		if kid == "" {
			kid = k.Alias
		}
		a.Keys = append(a.Keys, &sandbox.Key{ID: k.ID, Alias: k.Alias, Region: k.Region, Policy: text(join(at, "keys", i, "policy"), sandbox.KeyPolicyID(id, kid), k.Policy), AWSManaged: k.AWSManaged, Tags: k.Tags})
	}
	for i, t := range af.Tables {
		a.Tables = append(a.Tables, &sandbox.Table{Name: t.Name, Region: t.Region, Policy: text(join(at, "tables", i, "policy"), sandbox.TablePolicyID(id, t.Name), t.Policy), Tags: t.Tags})
	}
	for i, q := range af.Queues {
		a.Queues = append(a.Queues, &sandbox.Queue{Name: q.Name, Region: q.Region, Policy: text(join(at, "queues", i, "policy"), sandbox.QueuePolicyID(id, q.Name), q.Policy), Tags: q.Tags})
	}
	for i, t := range af.Topics {
		a.Topics = append(a.Topics, &sandbox.Topic{Name: t.Name, Region: t.Region, Policy: text(join(at, "topics", i, "policy"), sandbox.TopicPolicyID(id, t.Name), t.Policy), Tags: t.Tags})
	}
	for i, s := range af.Secrets {
		a.Secrets = append(a.Secrets, &sandbox.Secret{Name: s.Name, Region: s.Region, Policy: text(join(at, "secrets", i, "policy"), sandbox.SecretPolicyID(id, s.Name), s.Policy), Tags: s.Tags})
	}
	for i, f := range af.Functions {
		a.Functions = append(a.Functions, &sandbox.Function{Name: f.Name, Region: f.Region, Role: f.Role, Policy: text(join(at, "functions", i, "policy"), sandbox.FunctionPolicyID(id, f.Name), f.Policy), Tags: f.Tags})
	}
	for _, in := range af.Instances {
		a.Instances = append(a.Instances, &sandbox.Instance{ID: in.ID, Region: in.Region, InstanceProfile: in.InstanceProfile, VPC: in.VPC, Tags: in.Tags})
	}
	for i, e := range af.Endpoints {
		a.Endpoints = append(a.Endpoints, &sandbox.VPCEndpoint{ID: e.ID, VPC: e.VPC, Service: e.Service, Policy: text(join(at, "endpoints", i, "policy"), sandbox.EndpointPolicyID(e.ID), e.Policy)})
	}
	return a
}

func pab(p *PublicAccessBlock) sandbox.PublicAccessBlock {
	if p == nil {
		return sandbox.PublicAccessBlock{}
	}
	return sandbox.PublicAccessBlock{BlockPublicAcls: p.BlockPublicAcls, IgnorePublicAcls: p.IgnorePublicAcls, BlockPublicPolicy: p.BlockPublicPolicy, RestrictPublicBuckets: p.RestrictPublicBuckets}
}

// Sandbox is the call as the sandbox takes it; account is used when the
// call names none (the world's default account).
func (c Call) Sandbox(account string) sandbox.Call {
	s := sandbox.Call{
		As: c.As, Account: c.Account, Action: c.Action, Resource: c.Resource,
		MFA: c.MFA, SourceIP: c.SourceIP, Secure: c.Secure, Time: c.Time, Region: c.Region,
		VPCEndpoint: c.VPCEndpoint, SessionPolicy: c.SessionPolicy, SessionTags: c.SessionTags,
		ExternalID: c.ExternalID, Context: c.Context,
	}
	if s.Account == "" {
		s.Account = account
	}
	return s
}
