package lint

// The codes are kebab-case words rather than numbers so a learner can read
// a finding without the table, and they never change meaning once
// released: scripts and docs/lint.md refer to them.
const (
	// Errors: IAM would reject the document.
	CodeJSONSyntax          = "json-syntax"
	CodeUnknownElement      = "unknown-element"
	CodeInvalidEffect       = "invalid-effect"
	CodeInvalidVersion      = "invalid-version"
	CodePrincipalNotAllowed = "principal-not-allowed"
	CodePrincipalMissing    = "principal-missing"
	CodeInvalidOperator     = "invalid-operator"
	CodeInvalidGrammar      = "invalid-grammar"

	// Security warnings: the document grants more than it seems to.
	CodeAllowNotAction    = "allow-not-action"
	CodeAllowNotResource  = "allow-not-resource"
	CodeAllowNotPrincipal = "allow-not-principal"
	CodeAllowAll          = "allow-all"
	CodeAllowServiceAll   = "allow-service-all"
	CodePassRoleWildcard  = "passrole-wildcard"
	CodePublicPrincipal   = "public-principal"

	// Warnings: part of the document does nothing, or not what was meant.
	CodeUnknownService         = "unknown-service"
	CodeUnknownAction          = "unknown-action"
	CodeResourceMismatch       = "resource-mismatch"
	CodeStarOnlyAction         = "star-only-action"
	CodeMalformedARN           = "malformed-arn"
	CodeMalformedPrincipal     = "malformed-principal"
	CodeUnknownConditionKey    = "unknown-condition-key"
	CodeConditionKeyNotApplied = "condition-key-not-applicable"
	CodeSetOperatorMissing     = "set-operator-missing"
	CodeOperatorTypeMismatch   = "operator-type-mismatch"
	CodeForAllValuesAllow      = "forallvalues-with-allow"
	CodeVariablesInOldVersion  = "variables-in-old-version"
	CodeDuplicateSid           = "duplicate-sid"
	CodeMFADenyNoIfExists      = "mfa-deny-without-ifexists"

	// Suggestions.
	CodeMissingVersion      = "missing-version"
	CodeSetOperatorOnSingle = "set-operator-on-single-valued-key"
	CodePolicyTypeDetected  = "policy-type-detected"
)

// CodeInfo describes one finding code.
type CodeInfo struct {
	Code     string   `json:"code"`
	Severity Severity `json:"severity"`
	Summary  string   `json:"summary"`
}

// Codes lists every code the linter can emit, in the order of docs/lint.md.
func Codes() []CodeInfo {
	return []CodeInfo{
		{CodeJSONSyntax, Error, "the document is not valid JSON"},
		{CodeUnknownElement, Error, "an element name IAM does not know (a typo such as \"Efect\")"},
		{CodeInvalidEffect, Error, "Effect is missing or not exactly \"Allow\" or \"Deny\""},
		{CodeInvalidVersion, Error, "Version is not \"2012-10-17\" or \"2008-10-17\""},
		{CodePrincipalNotAllowed, Error, "Principal or NotPrincipal in a policy type that cannot have one"},
		{CodePrincipalMissing, Error, "a statement of a resource-side policy does not say whom it applies to"},
		{CodeInvalidOperator, Error, "a condition operator IAM does not know"},
		{CodeInvalidGrammar, Error, "any other violation of the policy grammar (missing Action, wrong JSON type, …)"},

		{CodeAllowNotAction, SecurityWarning, "Allow with NotAction grants every action not listed, in every service"},
		{CodeAllowNotResource, SecurityWarning, "Allow with NotResource grants on every resource not listed"},
		{CodeAllowNotPrincipal, SecurityWarning, "Allow with NotPrincipal grants everyone else, anonymous users included"},
		{CodeAllowAll, SecurityWarning, "Allow of every action on every resource"},
		{CodeAllowServiceAll, SecurityWarning, "Allow of every action of a service (\"s3:*\") on every resource"},
		{CodePassRoleWildcard, SecurityWarning, "iam:PassRole allowed on every role"},
		{CodePublicPrincipal, SecurityWarning, "Allow to Principal \"*\" with no condition: anyone, even anonymous"},

		{CodeUnknownService, Warning, "the action's service prefix is not in the catalogue"},
		{CodeUnknownAction, Warning, "the action is not in the catalogue, or a pattern matches none"},
		{CodeResourceMismatch, Warning, "no listed Resource is of a type the action acts on"},
		{CodeStarOnlyAction, Warning, "the action supports only Resource \"*\", and the statement lists none"},
		{CodeMalformedARN, Warning, "a Resource that is not \"*\" and not a well-formed ARN"},
		{CodeMalformedPrincipal, Warning, "a principal that is not an account ID, ARN, service name or \"*\""},
		{CodeUnknownConditionKey, Warning, "a condition key that no AWS service defines"},
		{CodeConditionKeyNotApplied, Warning, "a service condition key that none of the statement's actions sets"},
		{CodeOperatorTypeMismatch, Warning, "the operator compares another kind of value than the key holds"},
		{CodeSetOperatorMissing, Warning, "a single-valued operator on a multivalued key"},
		{CodeForAllValuesAllow, Warning, "ForAllValues with Allow is true when the key is missing"},
		{CodeVariablesInOldVersion, Warning, "a policy variable in a policy without Version \"2012-10-17\" is literal text"},
		{CodeDuplicateSid, Warning, "two statements share a Sid"},
		{CodeMFADenyNoIfExists, Warning, "a Deny on aws:MultiFactorAuthPresent with Bool, which never applies to long-term access keys"},

		{CodeMissingVersion, Suggestion, "no Version: IAM reads the policy as 2008-10-17"},
		{CodeSetOperatorOnSingle, Suggestion, "ForAnyValue/ForAllValues on a single-valued key"},
		{CodePolicyTypeDetected, Suggestion, "the policy type was guessed from the document"},
	}
}

// codeSeverity is built once from Codes; a code's severity never varies
// with the policy, so checks name only the code.
var codeSeverity = func() map[string]Severity {
	m := map[string]Severity{}
	for _, c := range Codes() {
		m[c.Code] = c.Severity
	}
	return m
}()
