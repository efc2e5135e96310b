package eval

import "strings"

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

func (g grant) describe(p *principal, entry string) string {
	if g == grantDirect && entry == "*" {
		return "everyone (\"*\"), which includes this caller directly"
	}
	switch g {
	case grantAccount:
		return "the account (" + p.account + "): access is delegated to the identity-based policies"
	case grantIssuer:
		return "the IAM user who federated: still limited by the permissions boundary and the session policy"
	case grantRole:
		return "the role ARN: still limited by the permissions boundary and the session policy"
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

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < 12; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// accountOf returns the account an AWS principal entry names as a whole
// (a 12-digit id or a root ARN), or "".
func accountOf(v string) string {
	if isAccountID(v) {
		return v
	}
	if parts, ok := splitARN(v); ok && parts[2] == "iam" && parts[5] == "root" {
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

// notPrincipalExcludes decides whether a NotPrincipal list exempts the
// caller. AWS checks the account, then the role, then the session (or the
// user), so every link of that chain must be listed; naming only the user
// still leaves the account matched.
func notPrincipalExcludes(ps *PrincipalSpec, p *principal) (bool, string) {
	if ps.Any {
		return true, "NotPrincipal lists \"*\": nobody is left"
	}
	listed := func(pred func(PrincipalEntry) bool) bool {
		for _, e := range ps.Entries {
			if pred(e) {
				return true
			}
		}
		return false
	}
	eq := func(s string) func(PrincipalEntry) bool {
		return func(e PrincipalEntry) bool { return e.Type == "AWS" && s != "" && e.Value == s }
	}
	account := listed(func(e PrincipalEntry) bool {
		return e.Type == "AWS" && p.account != "" && accountOf(e.Value) == p.account
	})
	missingAccount := "the caller itself is listed but its account is not, so the account-level check still matches"
	switch p.kind {
	case RootUser:
		return account, ""
	case IAMUser:
		if listed(eq(p.arn)) && !account {
			return false, missingAccount
		}
		return account && listed(eq(p.arn)), ""
	case RoleSession:
		self := listed(eq(p.arn)) || listed(eq(p.roleARN))
		if self && !account {
			return false, missingAccount
		}
		return account && self, ""
	case IAMRole:
		return account && listed(eq(p.arn)), ""
	case FederatedUser:
		return account && (listed(eq(p.arn)) || listed(eq(p.issuer))), ""
	case ServiceCaller:
		return listed(func(e PrincipalEntry) bool { return e.Type == "Service" && strings.EqualFold(e.Value, p.arn) }), ""
	case WebIdentity:
		return listed(func(e PrincipalEntry) bool { return e.Type == "Federated" && e.Value == p.arn }), ""
	case CanonicalID:
		return listed(func(e PrincipalEntry) bool { return e.Type == "CanonicalUser" && e.Value == p.arn }), ""
	}
	return false, ""
}
