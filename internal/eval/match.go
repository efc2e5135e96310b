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
		if v == "*" {
			return grantDirect
		}
		if acct := accountOf(v); acct != "" {
			if p.inAccount() && p.account == acct {
				if p.kind == RootUser {
					return grantDirect
				}
				return grantAccount
			}
			return grantNone
		}
		switch p.kind {
		case IAMUser:
			if v == p.arn {
				return grantDirect
			}
		case FederatedUser:
			if v == p.arn {
				return grantDirect
			}
			if p.issuer != "" && v == p.issuer {
				return grantIssuer
			}
		case RoleSession:
			if v == p.arn {
				return grantDirect
			}
			if v == p.roleARN {
				return grantRole
			}
		case IAMRole:
			if v == p.arn {
				return grantRole
			}
		}
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
	find := func(typ, v string) string {
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
	account := ""
	if p.account != "" {
		for _, e := range ps.Entries {
			if e.Type == "AWS" && accountOf(e.Value) == p.account {
				account = e.Value
				break
			}
		}
	}
	verb := "this Deny does not apply to the caller"
	if effect == Allow {
		verb = "this Allow does not cover the caller"
	}
	switch p.kind {
	case ServiceCaller:
		if v := find("Service", p.arn); v != "" {
			return true, "the service " + quote(v) + " is listed in NotPrincipal, so " + verb
		}
		return false, notListed(effect)
	case WebIdentity:
		if v := find("Federated", p.arn); v != "" {
			return true, "the identity provider " + quote(v) + " is listed in NotPrincipal, so " + verb
		}
		return false, notListed(effect)
	case CanonicalID:
		if v := find("CanonicalUser", p.arn); v != "" {
			return true, "the canonical user " + quote(v) + " is listed in NotPrincipal, so " + verb
		}
		return false, notListed(effect)
	case Anonymous:
		return false, notListed(effect)
	}
	// A principal of an account: its chain, outermost first.
	type link struct{ what, want, listed string }
	chain := []link{{"its account", p.account, account}}
	switch p.kind {
	case IAMUser:
		chain = append(chain, link{"the user", p.arn, find("AWS", p.arn)})
	case IAMRole:
		chain = append(chain, link{"the role", p.arn, find("AWS", p.arn)})
	case RoleSession:
		chain = append(chain, link{"its role", p.roleARN, find("AWS", p.roleARN)}, link{"the session", p.arn, find("AWS", p.arn)})
	case FederatedUser:
		if p.issuer != "" {
			chain = append(chain, link{"the IAM user who federated", p.issuer, find("AWS", p.issuer)})
		}
		chain = append(chain, link{"the federated user", p.arn, find("AWS", p.arn)})
	}
	if effect == Allow {
		// Any listed link excludes the caller; name the closest one.
		for i := len(chain) - 1; i >= 0; i-- {
			if l := chain[i]; l.listed != "" {
				return true, l.what + " (" + quote(l.listed) + ") is listed in NotPrincipal, so " + verb
			}
		}
		return false, notListed(effect)
	}
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
		return false, notListed(effect)
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
