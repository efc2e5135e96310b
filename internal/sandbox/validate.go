package sandbox

import (
	"errors"
	"fmt"
	"strings"
)

// Validate reports what the world refers to but does not hold: groups,
// managed policies, boundaries, roles of functions, instances and identity
// pools, organization placements, SCPs and RCPs, and settings AWS would
// refuse (MFA Delete without versioning). Each error names the object.
// Documents that do not parse are not reported here: their errors are on
// the documents (Document.Err), with positions.
func (w *World) Validate() []error {
	v := &validation{w: w, ix: w.index()}
	v.errs = append(v.errs, v.ix.placeErrs...)
	if w.org != nil {
		v.orgPolicies("the organization root", w.org.SCPs, w.org.RCPs)
		v.units(w.org.Units)
	}
	for _, a := range w.accounts {
		acct := "account " + a.label()
		v.accountPlacement(a, acct)
		v.principals(a, acct)
		for _, b := range a.Buckets {
			v.bucket(a, acct+", bucket "+b.Name, b)
		}
		v.computeRoles(a, acct)
	}
	return append(v.errs, w.orphanDocuments()...)
}

// validation collects Validate's errors in the order it finds them.
type validation struct {
	w    *World
	ix   *index
	errs []error
}

func (v *validation) bad(format string, args ...any) {
	v.errs = append(v.errs, fmt.Errorf(format, args...))
}

// orgPolicies checks that the SCPs and RCPs attached at one level exist.
// RCPFullAccess is AWS managed and needs no document.
func (v *validation) orgPolicies(where string, scps, rcps []string) {
	check := func(prefix, n string) {
		var broken *BrokenDocumentError
		if _, err := v.w.orgDoc(prefix, n, orgLevel{name: where}); err != nil && !errors.As(err, &broken) {
			v.bad("%v", err)
		}
	}
	for _, n := range scps {
		check("scp:", n)
	}
	for _, n := range rcps {
		if n != rcpFullAccessName {
			check("rcp:", n)
		}
	}
}

func (v *validation) units(us []*OrganizationalUnit) {
	for _, u := range us {
		v.orgPolicies("OU "+u.Name, u.SCPs, u.RCPs)
		v.units(u.Units)
	}
}

// accountPlacement checks an account's own SCPs and RCPs, which need the
// account to be in the organization.
func (v *validation) accountPlacement(a *Account, acct string) {
	switch {
	case v.w.org != nil && v.ix.place[a.ID] != nil:
		v.orgPolicies(acct, a.SCPs, a.RCPs)
	case len(a.SCPs)+len(a.RCPs) == 0:
	case v.w.org != nil:
		v.bad("%s attaches SCPs or RCPs but is not in the organization: place it under the root or in an OU", acct)
	default:
		v.bad("%s attaches SCPs or RCPs but the world has no organization", acct)
	}
}

// principals checks the account's users, groups and roles: names defined
// once, groups that exist, policies and boundaries that exist, a trust
// policy for every role and a session duration IAM accepts.
func (v *validation) principals(a *Account, acct string) {
	seen := map[string]bool{}
	dup := func(kind, name string) {
		if seen[kind+"/"+name] {
			v.bad("%s: %s %s is defined twice", acct, kind, name)
		}
		seen[kind+"/"+name] = true
	}
	for _, u := range a.Users {
		dup("user", u.Name)
		who := acct + ", user " + u.Name
		for _, g := range u.Groups {
			if v.ix.groups[a.ID+"/"+g] == nil {
				v.bad("%s: group %q is not in the account%s", who, g, didYouMean(g, groupNames(a)))
			}
		}
		v.errs = append(v.errs, v.w.checkPolicies(a, who, u.Policies, u.Boundary)...)
	}
	for _, g := range a.Groups {
		dup("group", g.Name)
		v.errs = append(v.errs, v.w.checkPolicies(a, acct+", group "+g.Name, g.Policies, "")...)
	}
	for _, r := range a.Roles {
		dup("role", r.Name)
		who := acct + ", role " + r.Name
		if _, ok := v.w.docs[TrustPolicyID(a.ID, r.Name)]; !ok {
			v.bad("%s has no trust policy (add one, or a document trust:%s/%s): nobody could assume it", who, a.ID, r.Name)
		}
		if r.MaxSessionDuration != 0 && (r.MaxSessionDuration < 3600 || r.MaxSessionDuration > 43200) {
			v.bad("%s: MaxSessionDuration %d is outside what IAM accepts (3600 to 43200 seconds)", who, r.MaxSessionDuration)
		}
		v.errs = append(v.errs, v.w.checkPolicies(a, who, r.Policies, r.Boundary)...)
	}
}

// bucket checks a bucket's name is unique across accounts and its
// versioning, MFA Delete and object ownership settings are ones S3 takes.
func (v *validation) bucket(a *Account, who string, b *Bucket) {
	if o := v.ix.buckets[b.Name]; o != nil && o.bucket != b {
		v.bad("%s: bucket names are global, and %s is also in account %s", who, b.Name, o.acct.label())
	}
	switch b.Versioning {
	case VersioningOff, VersioningEnabled, VersioningSuspended:
	default:
		v.bad("%s: versioning %q is not %q or %q (or empty for never enabled)", who, b.Versioning, VersioningEnabled, VersioningSuspended)
	}
	if b.MFADelete && b.Versioning == VersioningOff {
		v.bad("%s: MFA Delete is part of the versioning configuration; enable versioning to use it", who)
	}
	switch b.ObjectOwnership {
	case "", "BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter":
	default:
		v.bad("%s: object ownership %q is not BucketOwnerEnforced, BucketOwnerPreferred or ObjectWriter", who, b.ObjectOwnership)
	}
}

// computeRoles checks that the roles functions, instance profiles and
// identity pools name are in the account.
func (v *validation) computeRoles(a *Account, acct string) {
	for _, f := range a.Functions {
		if v.ix.roles[a.ID+"/"+f.Role] == nil {
			v.bad("%s, function %s: execution role %q is not in the account%s", acct, f.Name, f.Role, didYouMean(f.Role, roleNames(a)))
		}
	}
	for _, in := range a.Instances {
		// An instance without a profile is valid (it can still be the
		// target of a request); only a named profile must hold a role.
		if in.InstanceProfile == "" {
			continue
		}
		if _, err := v.w.instanceRole(a, in); err != nil {
			v.bad("%v", err)
		}
	}
	for _, p := range a.IdentityPools {
		for _, r := range []string{p.AuthenticatedRole, p.UnauthenticatedRole} {
			if r != "" && v.ix.roles[a.ID+"/"+r] == nil {
				v.bad("%s, identity pool %s: role %q is not in the account%s", acct, p.Name, r, didYouMean(r, roleNames(a)))
			}
		}
	}
}

// orphanDocuments reports documents added by ID whose owner — user, group,
// role, resource or endpoint — is not in the world.
func (w *World) orphanDocuments() []error {
	ix := w.index()
	var errs []error
	for _, id := range w.docIDs("") {
		kind, rest, _ := strings.Cut(id, ":")
		acct, name, _ := strings.Cut(rest, "/")
		var ok bool
		switch kind {
		case "inline":
			parts := strings.SplitN(name, "/", 3)
			if len(parts) != 3 {
				errs = append(errs, fmt.Errorf("document %s: an inline policy ID is inline:<account>/<user|group|role>/<name>/<policy>", id))
				continue
			}
			key := acct + "/" + parts[1]
			switch parts[0] {
			case "user":
				ok = ix.users[key] != nil
			case "group":
				ok = ix.groups[key] != nil
			case "role":
				ok = ix.roles[key] != nil
			}
		case "trust":
			ok = ix.roles[rest] != nil
		case "bucket-policy":
			ok = ix.buckets[rest] != nil
		case "key-policy":
			ok = ix.res["key/"+rest] != nil
		case "queue-policy", "topic-policy", "secret-policy", "function-policy", "table-policy":
			ok = ix.res[strings.TrimSuffix(kind, "-policy")+"/"+rest] != nil
		case "endpoint-policy":
			ok = ix.endpoints[rest] != nil
		case "policy":
			_, ok = w.Account(acct)
		default:
			continue
		}
		if !ok {
			errs = append(errs, fmt.Errorf("document %s belongs to nothing in the world: no such %s", id, strings.TrimSuffix(kind, "-policy")))
		}
	}
	return errs
}

// checkPolicies reports attachments that name no policy.
func (w *World) checkPolicies(a *Account, who string, attached []string, boundary string) []error {
	var errs []error
	for _, p := range attached {
		if _, err := w.managedPolicy(a, p); err != nil {
			errs = append(errs, fmt.Errorf("%s: %v", who, err))
		}
	}
	if boundary != "" {
		if _, err := w.managedPolicy(a, boundary); err != nil {
			errs = append(errs, fmt.Errorf("%s: permissions boundary: %v", who, err))
		}
	}
	return errs
}

// managedPolicy finds an attached managed policy: a customer managed policy
// of the account, or an AWS managed one ("aws:" prefix optional). A
// customer managed policy wins over an AWS managed one of the same name,
// as its ARN would be the one attached.
func (w *World) managedPolicy(a *Account, name string) (*Document, error) {
	if id, ok := strings.CutPrefix(name, "policy:"); ok {
		if d, ok := w.docs["policy:"+id]; ok {
			return d, nil
		}
		return nil, fmt.Errorf("policy %s is not in the world%s", name, didYouMean(name, w.docIDs("policy:")))
	}
	if n, ok := strings.CutPrefix(name, "aws:"); ok {
		if d, ok := managedDoc(n); ok {
			return d, nil
		}
		return nil, fmt.Errorf("AWS managed policy %q is not one the sandbox offers%s", n, didYouMean(n, managedNames()))
	}
	if d, ok := w.docs[CustomerPolicyID(a.ID, name)]; ok {
		return d, nil
	}
	if d, ok := managedDoc(name); ok {
		return d, nil
	}
	var cands []string
	for _, id := range w.docIDs("policy:" + a.ID + "/") {
		cands = append(cands, strings.TrimPrefix(id, "policy:"+a.ID+"/"))
	}
	cands = append(cands, managedNames()...)
	return nil, fmt.Errorf("policy %q is neither a customer managed policy of account %s nor an AWS managed policy the sandbox offers%s", name, a.label(), didYouMean(name, cands))
}

// instanceRole finds the role an instance's profile holds.
func (w *World) instanceRole(a *Account, in *Instance) (*Role, error) {
	if in.InstanceProfile == "" {
		return nil, fmt.Errorf("account %s, instance %s has no instance profile: the app on it has no AWS credentials", a.label(), in.ID)
	}
	for _, r := range a.Roles {
		for _, p := range r.InstanceProfiles {
			if p == in.InstanceProfile {
				return r, nil
			}
		}
	}
	// The console creates a profile named after the role; accept that.
	if r := w.index().roles[a.ID+"/"+in.InstanceProfile]; r != nil {
		return r, nil
	}
	return nil, fmt.Errorf("account %s, instance %s: instance profile %q holds no role of the account%s", a.label(), in.ID, in.InstanceProfile, didYouMean(in.InstanceProfile, roleNames(a)))
}

func groupNames(a *Account) []string {
	var out []string
	for _, g := range a.Groups {
		out = append(out, g.Name)
	}
	return out
}

func roleNames(a *Account) []string {
	var out []string
	for _, r := range a.Roles {
		out = append(out, r.Name)
	}
	return out
}

func userNames(a *Account) []string {
	var out []string
	for _, u := range a.Users {
		out = append(out, u.Name)
	}
	return out
}
