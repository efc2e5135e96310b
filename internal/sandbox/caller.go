package sandbox

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
)

// CallerKind is what sort of principal a caller phrase names.
type CallerKind string

// Caller kinds.
const (
	CallerUser          CallerKind = "user"                // an IAM user
	CallerRoot          CallerKind = "root"                // an account's root user
	CallerAnonymous     CallerKind = "anonymous"           // anyone on the internet, unsigned
	CallerService       CallerKind = "service"             // an AWS service principal
	CallerRole          CallerKind = "role"                // a session of a role
	CallerInstance      CallerKind = "instance"            // the app on an EC2 instance (its instance profile's role)
	CallerFunction      CallerKind = "function"            // a Lambda function (its execution role)
	CallerPoolGuest     CallerKind = "identity-pool-guest" // an unauthenticated Cognito identity
	CallerPoolUser      CallerKind = "identity-pool-user"  // an authenticated Cognito identity
	CallerFederatedUser CallerKind = "federated-user"      // a GetFederationToken session
	CallerOIDC          CallerKind = "oidc"                // an OIDC provider's token (only as AssumedBy)
	CallerSAML          CallerKind = "saml"                // a SAML provider's assertion (only as AssumedBy)
)

// CallerSpec is a parsed caller phrase; names are not checked against a
// world until the call is evaluated.
type CallerSpec struct {
	Kind    CallerKind
	Name    string // user, role, function, pool, provider or service name; instance id
	Account string // as written ("B", "222233334444"); "" = the call's account
	// AssumedBy is who created the session: the caller of AssumeRole for a
	// role, the IAM user who called GetFederationToken for a federated
	// user. nil for a role means a session that already exists (no STS hop).
	AssumedBy *CallerSpec
	Via       string // identity pool login provider ("accounts.google.com")
	MFA       *bool  // ", with MFA" / ", without MFA"
	SourceIP  string // ", from 203.0.113.7"
	Phrase    string // as written
}

// ParseCaller reads a caller phrase. The grammar, case-insensitive for the
// words (names keep their case), with an optional leading "a", "an" or
// "the":
//
//	phrase   = caller { "," modifier }
//	modifier = "with MFA" | "without MFA" | "from" IP-ADDRESS
//	caller   = "user" NAME [account] | NAME [account]          an IAM user
//	         | "root" ["user"] [account] | "root user"          the root user
//	         | "anyone" ["on the internet"] | "anonymous" | "anonymous user"
//	         | "service" PRINCIPAL                              "service lambda.amazonaws.com"
//	         | ["session of"] "role" NAME [account] ["assumed by" assumer]
//	         | ["app on"] "instance" ID                       "the app on instance i-0abc"
//	         | "lambda" ["function"] NAME [account] | "function" NAME [account]
//	         | ("guest" | "unauthenticated user") "of" ["the"] "identity pool" NAME [account]
//	         | "authenticated user of" ["the"] "identity pool" NAME [account] ["via" PROVIDER]
//	         | "federated user" NAME "via" caller               GetFederationToken by an IAM user
//	assumer  = caller | "oidc" PROVIDER-URL | "saml" PROVIDER-NAME | "web identity" PROVIDER-URL
//	account  = ("from" | "in" | "of") "account" ID-OR-NAME
//
// Examples: "user alice, with MFA, from 203.0.113.7", "carol from account B",
// "root of account B", "role deploy assumed by bob, with MFA" (modifiers
// follow commas and belong to the whole phrase: here bob signs the
// AssumeRole call with MFA, so the session carries it too).
func ParseCaller(phrase string) (CallerSpec, error) {
	parts := strings.Split(phrase, ",")
	spec, err := parseBase(strings.TrimSpace(parts[0]))
	if err != nil {
		return CallerSpec{}, err
	}
	for _, m := range parts[1:] {
		m = strings.TrimSpace(m)
		words := strings.Fields(strings.ToLower(m))
		switch {
		case len(words) == 2 && words[0] == "with" && words[1] == "mfa":
			t := true
			spec.MFA = &t
		case len(words) == 2 && words[0] == "without" && words[1] == "mfa":
			f := false
			spec.MFA = &f
		case len(words) == 2 && words[0] == "from":
			if _, err := netip.ParseAddr(words[1]); err != nil {
				return CallerSpec{}, fmt.Errorf("caller %q: %q is not an IP address (write \", from 203.0.113.7\")", phrase, words[1])
			}
			spec.SourceIP = words[1]
		default:
			return CallerSpec{}, fmt.Errorf("caller %q: unknown modifier %q (modifiers: \"with MFA\", \"without MFA\", \"from <IP address>\")", phrase, m)
		}
	}
	spec.Phrase = phrase
	return spec, nil
}

// parseBase reads one caller without modifiers.
func parseBase(s string) (CallerSpec, error) {
	words := strings.Fields(s)
	if len(words) == 0 {
		return CallerSpec{}, fmt.Errorf("caller phrase is empty: say who calls, for example \"user alice\" or \"role deploy assumed by bob\"")
	}
	// "assumed by" splits a role from its assumer; the first one counts, so
	// role chains read left to right.
	if i := indexWords(words, "assumed", "by"); i >= 0 {
		return parseAssumed(words[:i], words[i+2:], s)
	}
	words = dropArticle(words)
	lw := lower(words)
	switch {
	case lw[0] == "user":
		return oneNamed(CallerUser, words[1:], "user", s)
	case lw[0] == "root":
		return parseRoot(words[1:], s)
	case s == "*" || lw[0] == "anyone" || lw[0] == "anonymous" || lw[0] == "everyone":
		return CallerSpec{Kind: CallerAnonymous}, nil
	case lw[0] == "service":
		return parseService(words, s)
	case lw[0] == "role":
		return oneNamed(CallerRole, words[1:], "role", s)
	case len(lw) > 3 && startsWith(lw, "session", "of", "role"):
		return oneNamed(CallerRole, words[3:], "role", s)
	case lw[0] == "instance":
		return oneNamed(CallerInstance, words[1:], "instance", s)
	case len(lw) > 3 && startsWith(lw, "app", "on", "instance"):
		return oneNamed(CallerInstance, words[3:], "instance", s)
	case lw[0] == "lambda" || lw[0] == "function":
		return parseFunction(words, lw[0] == "lambda", s)
	case lw[0] == "guest" || startsWith(lw, "unauthenticated", "user") || startsWith(lw, "unauthenticated", "identity"):
		return parsePool(CallerPoolGuest, words, s)
	case startsWith(lw, "authenticated", "user") || startsWith(lw, "authenticated", "identity"):
		return parsePool(CallerPoolUser, words, s)
	case startsWith(lw, "federated", "user"):
		return parseFederated(words, s)
	}
	if isKeyword(lw[0]) {
		return CallerSpec{}, fmt.Errorf("caller %q is not a phrase iamlab knows; for example %s", s, strings.Join(phraseExamples, ", "))
	}
	// A bare name is an IAM user: "bob", "carol from account B".
	spec, err := oneNamed(CallerUser, words, "user", s)
	if err != nil {
		return CallerSpec{}, fmt.Errorf("caller %q is not a phrase iamlab knows%s; for example %s", s, didYouMean(lw[0], callerWords), strings.Join(phraseExamples, ", "))
	}
	return spec, nil
}

// startsWith reports whether the lower-cased words begin with want.
func startsWith(lw []string, want ...string) bool {
	return len(lw) >= len(want) && slices.Equal(lw[:len(want)], want)
}

// accountSuffix splits a trailing "from|in|of account ID" off rest.
func accountSuffix(rest []string) (account string, head []string) {
	n := len(rest)
	if n >= 3 && (strings.EqualFold(rest[n-3], "from") || strings.EqualFold(rest[n-3], "in") || strings.EqualFold(rest[n-3], "of")) && strings.EqualFold(rest[n-2], "account") {
		return rest[n-1], rest[:n-3]
	}
	return "", rest
}

// oneNamed reads "NAME [from account ID]" for a caller of kind.
func oneNamed(kind CallerKind, rest []string, what, s string) (CallerSpec, error) {
	acct, rest := accountSuffix(rest)
	if len(rest) != 1 {
		return CallerSpec{}, fmt.Errorf("caller %q: expected one %s name, for example %q", s, what, examplePhrase(kind))
	}
	return CallerSpec{Kind: kind, Name: rest[0], Account: acct}, nil
}

// parseAssumed reads "role NAME … assumed by ASSUMER".
func parseAssumed(role, assumer []string, s string) (CallerSpec, error) {
	head, err := parseBase(strings.Join(role, " "))
	if err != nil {
		return CallerSpec{}, err
	}
	if head.Kind != CallerRole {
		return CallerSpec{}, fmt.Errorf("caller %q: only a role is assumed; write \"role NAME assumed by …\"", s)
	}
	by, err := parseAssumer(assumer, s)
	if err != nil {
		return CallerSpec{}, err
	}
	head.AssumedBy = &by
	return head, nil
}

// parseRoot reads what follows "root": "[user] [of account ID]".
func parseRoot(rest []string, s string) (CallerSpec, error) {
	if len(rest) > 0 && strings.EqualFold(rest[0], "user") {
		rest = rest[1:]
	}
	acct, rest := accountSuffix(rest)
	if len(rest) != 0 {
		return CallerSpec{}, fmt.Errorf("caller %q: write \"root\" or \"root of account B\"", s)
	}
	return CallerSpec{Kind: CallerRoot, Account: acct}, nil
}

// parseService reads "service PRINCIPAL".
func parseService(words []string, s string) (CallerSpec, error) {
	if len(words) != 2 || !strings.Contains(words[1], ".") {
		return CallerSpec{}, fmt.Errorf("caller %q: write \"service\" and a service principal, for example \"service lambda.amazonaws.com\"", s)
	}
	return CallerSpec{Kind: CallerService, Name: strings.ToLower(words[1])}, nil
}

// parseFunction reads "lambda [function] NAME" or "function NAME".
func parseFunction(words []string, lambda bool, s string) (CallerSpec, error) {
	rest := words[1:]
	if lambda && len(rest) > 1 && strings.EqualFold(rest[0], "function") {
		rest = rest[1:]
	}
	return oneNamed(CallerFunction, rest, "function", s)
}

// parseFederated reads "federated user NAME via USER".
func parseFederated(words []string, s string) (CallerSpec, error) {
	if indexWords(words, "via") != 3 {
		return CallerSpec{}, fmt.Errorf("caller %q: write \"federated user NAME via USER\" (the IAM user who called GetFederationToken)", s)
	}
	by, err := parseBase(strings.Join(words[4:], " "))
	if err != nil {
		return CallerSpec{}, err
	}
	if by.Kind != CallerUser {
		return CallerSpec{}, fmt.Errorf("caller %q: only an IAM user can call GetFederationToken (with long-term access keys)", s)
	}
	return CallerSpec{Kind: CallerFederatedUser, Name: words[2], AssumedBy: &by}, nil
}

// parseAssumer reads what follows "assumed by".
func parseAssumer(words []string, s string) (CallerSpec, error) {
	words = dropArticle(words)
	if len(words) == 0 {
		return CallerSpec{}, fmt.Errorf("caller %q: say who assumes the role after \"assumed by\"", s)
	}
	lw := lower(words)
	switch {
	case len(words) == 2 && lw[0] == "oidc":
		return CallerSpec{Kind: CallerOIDC, Name: oidcHost(words[1])}, nil
	case len(words) == 3 && lw[0] == "web" && lw[1] == "identity":
		return CallerSpec{Kind: CallerOIDC, Name: oidcHost(words[2])}, nil
	case len(words) == 2 && lw[0] == "saml":
		return CallerSpec{Kind: CallerSAML, Name: words[1]}, nil
	}
	by, err := parseBase(strings.Join(words, " "))
	if err != nil {
		return CallerSpec{}, err
	}
	switch by.Kind {
	case CallerAnonymous:
		return CallerSpec{}, fmt.Errorf("caller %q: an anonymous caller cannot assume a role (AssumeRole needs signed credentials)", s)
	case CallerInstance, CallerFunction, CallerPoolGuest, CallerPoolUser:
		// Their sessions may assume further roles (role chaining).
	}
	return by, nil
}

func parsePool(kind CallerKind, words []string, s string) (CallerSpec, error) {
	lw := lower(words)
	i := indexWords(words, "identity", "pool")
	if i < 0 || i+2 >= len(words) {
		return CallerSpec{}, fmt.Errorf("caller %q: write %q", s, examplePhrase(kind))
	}
	if j := indexWords(words[:i], "of"); j < 0 || (lw[1] != "of" && lw[2] != "of") {
		return CallerSpec{}, fmt.Errorf("caller %q: write %q", s, examplePhrase(kind))
	}
	rest := words[i+2:]
	spec := CallerSpec{Kind: kind}
	if j := indexWords(rest, "via"); j >= 0 {
		if kind != CallerPoolUser || j+2 != len(rest) {
			return CallerSpec{}, fmt.Errorf("caller %q: \"via PROVIDER\" names the login provider of an authenticated identity, for example \"authenticated user of identity pool mobile via accounts.google.com\"", s)
		}
		spec.Via = rest[j+1]
		rest = rest[:j]
	}
	n := len(rest)
	if n >= 4 && (strings.EqualFold(rest[n-3], "from") || strings.EqualFold(rest[n-3], "in") || strings.EqualFold(rest[n-3], "of")) && strings.EqualFold(rest[n-2], "account") {
		spec.Account = rest[n-1]
		rest = rest[:n-3]
	}
	if len(rest) != 1 {
		return CallerSpec{}, fmt.Errorf("caller %q: expected one identity pool name, for example %q", s, examplePhrase(kind))
	}
	spec.Name = rest[0]
	return spec, nil
}

var callerWords = []string{"user", "root", "anyone", "anonymous", "service", "role", "instance", "lambda", "function", "guest", "authenticated", "unauthenticated", "federated"}

var phraseExamples = []string{`"user alice"`, `"carol from account B"`, `"root of account B"`, `"anyone"`, `"service lambda.amazonaws.com"`, `"role deploy assumed by bob"`, `"instance i-0abc"`, `"lambda thumbs"`, `"guest of identity pool mobile"`, `"federated user ann via bob"`}

func isKeyword(w string) bool {
	for _, k := range callerWords {
		if w == k {
			return true
		}
	}
	return false
}

func examplePhrase(k CallerKind) string {
	switch k {
	case CallerUser:
		return "user alice"
	case CallerRole:
		return "role deploy assumed by bob"
	case CallerInstance:
		return "instance i-0abc"
	case CallerFunction:
		return "lambda thumbs"
	case CallerPoolGuest:
		return "guest of identity pool mobile"
	case CallerPoolUser:
		return "authenticated user of identity pool mobile"
	}
	return string(k)
}

func dropArticle(words []string) []string {
	if len(words) > 1 {
		switch strings.ToLower(words[0]) {
		case "a", "an", "the":
			return words[1:]
		}
	}
	return words
}

func lower(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = strings.ToLower(w)
	}
	return out
}

// indexWords finds a sequence of words (case-insensitive), or -1.
func indexWords(words []string, seq ...string) int {
	for i := 0; i+len(seq) <= len(words); i++ {
		ok := true
		for j, s := range seq {
			if !strings.EqualFold(words[i+j], s) {
				ok = false
				break
			}
		}
		if ok {
			return i
		}
	}
	return -1
}

// String writes the spec back as a phrase, for descriptions.
func (c CallerSpec) String() string {
	acct := ""
	if c.Account != "" {
		acct = " from account " + c.Account
	}
	switch c.Kind {
	case CallerUser:
		return "user " + c.Name + acct
	case CallerRoot:
		if c.Account != "" {
			return "root user of account " + c.Account
		}
		return "root user"
	case CallerAnonymous:
		return "anonymous caller"
	case CallerService:
		return "service " + c.Name
	case CallerRole:
		s := "role " + c.Name + acct
		if c.AssumedBy != nil {
			s += " assumed by " + c.AssumedBy.String()
		}
		return s
	case CallerInstance:
		return "instance " + c.Name
	case CallerFunction:
		return "lambda function " + c.Name + acct
	case CallerPoolGuest:
		return "guest of identity pool " + c.Name + acct
	case CallerPoolUser:
		return "authenticated user of identity pool " + c.Name + acct
	case CallerFederatedUser:
		return "federated user " + c.Name
	case CallerOIDC:
		return "OIDC provider " + c.Name
	case CallerSAML:
		return "SAML provider " + c.Name
	}
	return c.Phrase
}
