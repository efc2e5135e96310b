package quiz

import (
	"fmt"
	"regexp"

	"github.com/iamlab/iamlab/internal/sandbox"
)

var accountIDRe = regexp.MustCompile(`^[0-9]{12}$`)

// worldBuilder turns a policy item's YAML world into a sandbox world,
// positioning every problem at the YAML that caused it.
type worldBuilder struct {
	p     *positions
	item  string
	probs []Finding
}

func (b *worldBuilder) add(path, code, format string, args ...any) {
	b.probs = append(b.probs, b.p.at(path, SevError, code, b.item, format, args...))
}

// build returns the world and its default account id; the world is nil
// when it has errors.
func (b *worldBuilder) build(at string, wf *worldFile) (*sandbox.World, string) {
	w := sandbox.NewWorld()
	if len(wf.Accounts) == 0 {
		b.add(joinPath(at, "accounts"), CodeMissing, "the world has no accounts; expected accounts: [{id: \"111122223333\", name: Analytics, ...}]")
		return nil, ""
	}
	for i, af := range wf.Accounts {
		aat := joinPath(at, "accounts", i)
		if !accountIDRe.MatchString(af.ID) {
			b.add(joinPath(aat, "id"), CodeBadValue, "account id %q: expected 12 digits in quotes, e.g. id: \"111122223333\"", af.ID)
			continue
		}
		if err := w.AddAccount(b.account(aat, af)); err != nil {
			b.add(aat, CodeWorld, "%v", err)
		}
	}
	account := wf.Accounts[0].ID
	if wf.Account != "" {
		if a, ok := w.Account(wf.Account); ok {
			account = a.ID
		} else {
			b.add(joinPath(at, "account"), CodeUnknownRef, "account %q is not in the world; expected the id or name of one of its accounts", wf.Account)
		}
	}
	if o := wf.Organization; o != nil {
		oat := joinPath(at, "organization")
		for i, nd := range o.Policies {
			pat := joinPath(oat, "policies", i)
			prefix := "scp:"
			switch nd.Type {
			case "scp", "":
			case "rcp":
				prefix = "rcp:"
			default:
				b.add(joinPath(pat, "type"), CodeBadValue, "policy type %q: expected scp or rcp", nd.Type)
				continue
			}
			b.addDoc(w, pat, prefix, nd)
		}
		org := sandbox.Organization{ID: o.ID, RootID: o.Root, ManagementAccount: o.Management, SCPs: o.SCPs, RCPs: o.RCPs, Accounts: o.Accounts, Units: units(o.OUs)}
		if err := w.SetOrganization(org); err != nil {
			b.add(oat, CodeWorld, "%v", err)
		}
	}
	for i, nd := range wf.SessionPolicies {
		b.addDoc(w, joinPath(at, "sessionPolicies", i), "session:", nd)
	}
	for _, err := range w.Validate() {
		b.add(at, CodeWorld, "%v", err)
	}
	for _, d := range w.Documents() {
		if d.Err != nil && !d.AWSManaged {
			b.add(at, CodeWorld, "policy %s does not parse: %v", d.ID, d.Err)
		}
	}
	if len(b.probs) > 0 {
		return nil, ""
	}
	return w, account
}

func (b *worldBuilder) addDoc(w *sandbox.World, at, prefix string, nd namedDoc) {
	if nd.Name == "" {
		b.add(joinPath(at, "name"), CodeMissing, "policy name is missing; expected name: MyPolicy")
		return
	}
	text, ok := b.text(at, source{Document: nd.Document, File: nd.File})
	if !ok {
		return
	}
	if err := w.AddDocument(&sandbox.Document{ID: prefix + nd.Name, Source: text}); err != nil {
		b.add(joinPath(at, "name"), CodeWorld, "%v", err)
	}
}

// text reads an inline document; the quiz bank has no pack folder for
// `file:` references.
func (b *worldBuilder) text(at string, s source) (string, bool) {
	if s.File != "" {
		b.add(joinPath(at, "file"), CodeBadValue, "file: %q cannot be used in the quiz bank; write the JSON inline under document: |", s.File)
		return "", false
	}
	if s.Document == "" {
		b.add(at, CodeMissing, "the policy has no document; expected document: | followed by the JSON")
		return "", false
	}
	return s.Document, true
}

func units(ous []ouFile) []*sandbox.OrganizationalUnit {
	var out []*sandbox.OrganizationalUnit
	for _, o := range ous {
		out = append(out, &sandbox.OrganizationalUnit{Name: o.Name, SCPs: o.SCPs, RCPs: o.RCPs, Accounts: o.Accounts, Units: units(o.OUs)})
	}
	return out
}

func (b *worldBuilder) account(at string, af accountFile) *sandbox.Account {
	a := &sandbox.Account{ID: af.ID, Name: af.Name, Region: af.Region, SCPs: af.SCPs, RCPs: af.RCPs, BlockPublicAccess: pab(af.BlockPublicAccess)}
	named := func(base string, list []namedDoc) []sandbox.NamedPolicy {
		var out []sandbox.NamedPolicy
		for i, nd := range list {
			pat := joinPath(base, i)
			if nd.Name == "" {
				b.add(joinPath(pat, "name"), CodeMissing, "policy name is missing; expected name: MyPolicy")
				continue
			}
			if text, ok := b.text(pat, source{Document: nd.Document, File: nd.File}); ok {
				out = append(out, sandbox.NamedPolicy{Name: nd.Name, Source: text})
			}
		}
		return out
	}
	text := func(path string, s *source) sandbox.PolicyText {
		if s == nil {
			return sandbox.PolicyText{}
		}
		t, _ := b.text(path, *s)
		return sandbox.PolicyText{Source: t}
	}
	a.Policies = named(joinPath(at, "policies"), af.Policies)
	for i, u := range af.Users {
		a.Users = append(a.Users, &sandbox.User{Name: u.Name, Path: u.Path, Groups: u.Groups, Policies: u.Policies,
			Inline: named(joinPath(at, "users", i, "inline"), u.Inline), Boundary: u.Boundary, MFA: u.MFA, AccessKeys: u.AccessKeys, Tags: u.Tags})
	}
	for i, g := range af.Groups {
		a.Groups = append(a.Groups, &sandbox.Group{Name: g.Name, Path: g.Path, Policies: g.Policies, Inline: named(joinPath(at, "groups", i, "inline"), g.Inline)})
	}
	for i, r := range af.Roles {
		rat := joinPath(at, "roles", i)
		a.Roles = append(a.Roles, &sandbox.Role{Name: r.Name, Path: r.Path, Trust: text(joinPath(rat, "trust"), r.Trust),
			Policies: r.Policies, Inline: named(joinPath(rat, "inline"), r.Inline), Boundary: r.Boundary, Tags: r.Tags,
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
		a.Buckets = append(a.Buckets, &sandbox.Bucket{Name: bf.Name, Region: bf.Region, Policy: text(joinPath(at, "buckets", i, "policy"), bf.Policy),
			Versioning: bf.Versioning, MFADelete: bf.MFADelete, BlockPublicAccess: pab(bf.BlockPublicAccess), ObjectOwnership: bf.ObjectOwnership, Tags: bf.Tags})
	}
	for i, k := range af.Keys {
		a.Keys = append(a.Keys, &sandbox.Key{ID: k.ID, Alias: k.Alias, Region: k.Region, Policy: text(joinPath(at, "keys", i, "policy"), k.Policy), AWSManaged: k.AWSManaged, Tags: k.Tags})
	}
	for i, t := range af.Tables {
		a.Tables = append(a.Tables, &sandbox.Table{Name: t.Name, Region: t.Region, Policy: text(joinPath(at, "tables", i, "policy"), t.Policy), Tags: t.Tags})
	}
	for i, q := range af.Queues {
		a.Queues = append(a.Queues, &sandbox.Queue{Name: q.Name, Region: q.Region, Policy: text(joinPath(at, "queues", i, "policy"), q.Policy), Tags: q.Tags})
	}
	for i, t := range af.Topics {
		a.Topics = append(a.Topics, &sandbox.Topic{Name: t.Name, Region: t.Region, Policy: text(joinPath(at, "topics", i, "policy"), t.Policy), Tags: t.Tags})
	}
	for i, s := range af.Secrets {
		a.Secrets = append(a.Secrets, &sandbox.Secret{Name: s.Name, Region: s.Region, Policy: text(joinPath(at, "secrets", i, "policy"), s.Policy), Tags: s.Tags})
	}
	for i, f := range af.Functions {
		a.Functions = append(a.Functions, &sandbox.Function{Name: f.Name, Region: f.Region, Role: f.Role, Policy: text(joinPath(at, "functions", i, "policy"), f.Policy), Tags: f.Tags})
	}
	for _, in := range af.Instances {
		a.Instances = append(a.Instances, &sandbox.Instance{ID: in.ID, Region: in.Region, InstanceProfile: in.InstanceProfile, VPC: in.VPC, Tags: in.Tags})
	}
	for i, e := range af.Endpoints {
		a.Endpoints = append(a.Endpoints, &sandbox.VPCEndpoint{ID: e.ID, VPC: e.VPC, Service: e.Service, Policy: text(joinPath(at, "endpoints", i, "policy"), e.Policy)})
	}
	return a
}

func pab(p *publicBlockFile) sandbox.PublicAccessBlock {
	if p == nil {
		return sandbox.PublicAccessBlock{}
	}
	return sandbox.PublicAccessBlock{BlockPublicAcls: p.BlockPublicAcls, IgnorePublicAcls: p.IgnorePublicAcls, BlockPublicPolicy: p.BlockPublicPolicy, RestrictPublicBuckets: p.RestrictPublicBuckets}
}

func callOf(cf *callFile, account string) sandbox.Call {
	c := sandbox.Call{As: cf.As, Account: cf.Account, Action: cf.Action, Resource: cf.Resource, MFA: cf.MFA, SourceIP: cf.SourceIP,
		Secure: cf.Secure, Time: cf.Time, Region: cf.Region, VPCEndpoint: cf.VPCEndpoint, SessionPolicy: cf.SessionPolicy,
		SessionTags: cf.SessionTags, ExternalID: cf.ExternalID, Context: cf.Context}
	if c.Account == "" {
		c.Account = account
	}
	return c
}

// describeCall is the call in words, for generated stems.
func describeCall(c sandbox.Call) string {
	s := fmt.Sprintf("%s calls `%s`", c.As, c.Action)
	if c.Resource != "" {
		s += fmt.Sprintf(" on `%s`", c.Resource)
	}
	if c.MFA != nil {
		s += pick(*c.MFA, " (signed in with MFA)", " (with long-term access keys, no MFA)")
	}
	return s
}
