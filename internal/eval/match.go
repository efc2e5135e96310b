package eval

import (
	"strings"

	"github.com/iamlab/iamlab/internal/arn"
)

// grant is how directly a resource-based policy names the caller, which
// decides how its Allow combines with the caller's own policies in the same
// account (evaluation rules A5).
type grant uint8

const (
	grantNone    grant = iota
	grantAccount       // the account: delegates to the identity policies
	grantIssuer        // the IAM user behind a federated session: limited by boundary and session policy
	grantRole          // the role ARN: limited by boundary and session policy
	grantDirect        // the user, the session, the federated user, a service, or "*"
)

func (g grant) describe(p *principal, entry string, limits string) string {
	if g == grantDirect && entry == "*" {
		return "everyone (\"*\"), which includes this caller directly"
	}
	if g == grantDirect && entry == notPrincipalEntry {
		return "everyone not listed in NotPrincipal, which includes this caller directly"
	}
	switch g {
	case grantAccount:
		return "the account (" + p.account + "): access is delegated to the identity-based policies"
	case grantIssuer, grantRole:
		who := "the role ARN"
		if g == grantIssuer {
			who = "the IAM user who federated"
		}
		if limits == "" {
			return who + "; no permissions boundary or session policy applies to limit it"
		}
		return who + ": still limited by " + limits
	case grantDirect:
		switch p.kind {
		case IAMUser:
			return "the user ARN itself: not limited by an implicit deny in identity policies or the boundary"
		case RoleSession:
			return "the role-session ARN: not limited by identity policies, the boundary or the session policy"
		case FederatedUser:
			return "the federated-user ARN: not limited by the other policies"
		}
		return "the caller directly"
	}
	return ""
}

// accountOf returns the account an AWS principal entry names as a whole
// (a 12-digit id or a root ARN), or "".
func accountOf(v string) string {
	if arn.IsAccountID(v) {
		return v
	}
	if parts, ok := arn.Split(v); ok && parts[2] == "iam" && parts[5] == "root" {
		return parts[4]
	}
	return ""
}

// matchEntry says whether one listed principal names the caller, and how.
func matchEntry(en *PrincipalEntry, p *principal) grant {
	v := en.Value
	switch en.Type {
	case "AWS":
		return matchAWSEntry(v, p)
	case "Service":
		if p.kind == ServiceCaller && strings.EqualFold(v, p.arn) {
			return grantDirect
		}
	case "Federated":
		if p.kind == WebIdentity && v == p.arn {
			return grantDirect
		}
	case "CanonicalUser":
		if p.kind == CanonicalID && v == p.arn {
			return grantDirect
		}
	}
	return grantNone
}

// matchAWSEntry: "*", an account (which names its root user directly and
// delegates for everyone else in it), or the ARN of a user, role, session
// or federated user.
func matchAWSEntry(v string, p *principal) grant {
	if v == "*" {
		return grantDirect
	}
	if acct := accountOf(v); acct != "" {
		switch {
		case !p.inAccount() || p.account != acct:
			return grantNone
		case p.kind == RootUser:
			return grantDirect
		}
		return grantAccount
	}
	switch {
	case v == p.arn && p.kind == IAMRole:
		return grantRole
	case v == p.arn && (p.kind == IAMUser || p.kind == FederatedUser || p.kind == RoleSession):
		return grantDirect
	case p.kind == FederatedUser && p.issuer != "" && v == p.issuer:
		return grantIssuer
	case p.kind == RoleSession && v == p.roleARN:
		return grantRole
	}
	return grantNone
}

// matchPrincipal decides a Principal element: the best grant among the
// entries that name the caller.
func matchPrincipal(ps *PrincipalSpec, p *principal) (grant, string) {
	if ps.Any {
		return grantDirect, "*"
	}
	best, entry := grantNone, ""
	for i := range ps.Entries {
		if g := matchEntry(&ps.Entries[i], p); g > best {
			best, entry = g, ps.Entries[i].Value
		}
	}
	return best, entry
}

// notPrincipalEntry is the entry a grant records for an Allow with
// NotPrincipal: it names no one, it covers everyone not listed.
const notPrincipalEntry = "NotPrincipal"

// notPrincipalExcludes decides whether a NotPrincipal list exempts the
// caller, and says which entries decided it.
//
// With Deny, AWS may check the account, then the role, then the session (or
// the user), so every link of that chain must be listed for the caller to be
// exempt; a role ARN does not stand for its sessions, which must be named one
// by one (IAM User Guide, "AWS JSON policy elements: NotPrincipal").
//
// With Allow, the statement covers "all principals except the one named":
// a caller is excluded as soon as an entry names it or a principal that
// contains it (its account, its role, the user who federated it). iamlab
// reads the account entry that way because the page does not say otherwise,
// and the narrower reading never grants more than AWS could.
func notPrincipalExcludes(ps *PrincipalSpec, effect Effect, p *principal) (bool, string) {
	if ps.Any {
		return true, "NotPrincipal lists \"*\": nobody is left"
	}
	verb := "this Deny does not apply to the caller"
	if effect == Allow {
		verb = "this Allow does not cover the caller"
	}
	if !p.inAccount() {
		return notPrincipalOutsider(ps, effect, p, verb)
	}
	chain := principalChain(ps, p)
	if effect == Allow {
		// Any listed link excludes the caller; name the closest one.
		for i := len(chain) - 1; i >= 0; i-- {
			if l := chain[i]; l.listed != "" {
				return true, l.what + " (" + quote(l.listed) + ") is listed in NotPrincipal, so " + verb
			}
		}
		return false, notListed(effect)
	}
	return notPrincipalDeny(chain, p, verb)
}

// outsiderEntry is the NotPrincipal entry type that names a caller outside
// any account, and what the trace calls it.
var outsiderEntry = map[PrincipalKind]struct{ typ, noun string }{
	ServiceCaller: {"Service", "the service"},
	WebIdentity:   {"Federated", "the identity provider"},
	CanonicalID:   {"CanonicalUser", "the canonical user"},
}

// notPrincipalOutsider: a service, an identity provider or a canonical user
// is exempt when listed; an anonymous caller never is.
func notPrincipalOutsider(ps *PrincipalSpec, effect Effect, p *principal, verb string) (bool, string) {
	if o, ok := outsiderEntry[p.kind]; ok {
		if v := findEntry(ps, o.typ, p.arn); v != "" {
			return true, o.noun + " " + quote(v) + " is listed in NotPrincipal, so " + verb
		}
	}
	return false, notListed(effect)
}

// findEntry is the listed entry of type typ that names v, or "".
func findEntry(ps *PrincipalSpec, typ, v string) string {
	if v == "" {
		return ""
	}
	for _, e := range ps.Entries {
		if e.Type == typ && (e.Value == v || typ == "Service" && strings.EqualFold(e.Value, v)) {
			return e.Value
		}
	}
	return ""
}

// chainLink is one principal that contains the caller (or the caller),
// with the NotPrincipal entry that lists it, if any.
type chainLink struct{ what, want, listed string }

// principalChain is the caller's chain, outermost first: its account, then
// its role or the user who federated it, then itself.
func principalChain(ps *PrincipalSpec, p *principal) []chainLink {
	account := ""
	if p.account != "" {
		for _, e := range ps.Entries {
			if e.Type == "AWS" && accountOf(e.Value) == p.account {
				account = e.Value
				break
			}
		}
	}
	link := func(what, want string) chainLink { return chainLink{what, want, findEntry(ps, "AWS", want)} }
	chain := []chainLink{{"its account", p.account, account}}
	switch p.kind {
	case IAMUser:
		chain = append(chain, link("the user", p.arn))
	case IAMRole:
		chain = append(chain, link("the role", p.arn))
	case RoleSession:
		chain = append(chain, link("its role", p.roleARN), link("the session", p.arn))
	case FederatedUser:
		if p.issuer != "" {
			chain = append(chain, link("the IAM user who federated", p.issuer))
		}
		chain = append(chain, link("the federated user", p.arn))
	}
	return chain
}

// notPrincipalDeny: with Deny every link of the chain must be listed.
func notPrincipalDeny(chain []chainLink, p *principal, verb string) (bool, string) {
	var listed, missing []string
	for _, l := range chain {
		if l.listed != "" {
			listed = append(listed, l.what+" ("+quote(l.listed)+")")
		} else if p.kind != FederatedUser || l.what != "the IAM user who federated" {
			missing = append(missing, l.what+" ("+l.want+")")
		}
	}
	switch {
	case len(missing) == 0:
		return true, joinAnd(listed) + " " + pluralVerb(len(listed), "is", "are") + " listed in NotPrincipal, so " + verb
	case len(listed) == 0:
		return false, notListed(Deny)
	case p.kind == RoleSession && chain[2].listed == "":
		return false, joinAnd(listed) + " " + pluralVerb(len(listed), "is", "are") + " listed, but not the session itself (" + p.arn + "): NotPrincipal must name the specific session, a role ARN does not stand for its sessions, so the Deny still applies"
	}
	return false, joinAnd(listed) + " " + pluralVerb(len(listed), "is", "are") + " listed, but not " + joinAnd(missing) + ": AWS may check the account, then the role, then the session or user, so every link must be listed, and the Deny still applies"
}

func notListed(effect Effect) string {
	if effect == Allow {
		return "the caller is not listed in NotPrincipal, so this Allow covers it as one of everyone else"
	}
	return "the caller is not listed in NotPrincipal, so the Deny applies to it"
}

func quote(s string) string { return "\"" + s + "\"" }
