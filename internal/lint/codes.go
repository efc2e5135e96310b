package lint

import "github.com/iamlab/iamlab/internal/diag"

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
	Code     string        `json:"code"`
	Severity diag.Severity `json:"severity"`
	Summary  string        `json:"summary"`
}

// Codes lists every code the linter can emit, in the order of docs/lint.md.
func Codes() []CodeInfo {
	return []CodeInfo{
		{CodeJSONSyntax, diag.Error, "the document is not valid JSON"},
		{CodeUnknownElement, diag.Error, "an element name IAM does not know (a typo such as \"Efect\")"},
		{CodeInvalidEffect, diag.Error, "Effect is missing or not exactly \"Allow\" or \"Deny\""},
		{CodeInvalidVersion, diag.Error, "Version is not \"2012-10-17\" or \"2008-10-17\""},
		{CodePrincipalNotAllowed, diag.Error, "Principal or NotPrincipal in a policy type that cannot have one"},
		{CodePrincipalMissing, diag.Error, "a statement of a resource-side policy does not say whom it applies to"},
		{CodeInvalidOperator, diag.Error, "a condition operator IAM does not know"},
		{CodeInvalidGrammar, diag.Error, "any other violation of the policy grammar (missing Action, wrong JSON type, …)"},

		{CodeAllowNotAction, diag.SecurityWarning, "Allow with NotAction grants every action not listed, in every service"},
		{CodeAllowNotResource, diag.SecurityWarning, "Allow with NotResource grants on every resource not listed"},
		{CodeAllowNotPrincipal, diag.SecurityWarning, "Allow with NotPrincipal grants everyone else, anonymous users included"},
		{CodeAllowAll, diag.SecurityWarning, "Allow of every action on every resource"},
		{CodeAllowServiceAll, diag.SecurityWarning, "Allow of every action of a service (\"s3:*\") on every resource"},
		{CodePassRoleWildcard, diag.SecurityWarning, "iam:PassRole allowed on every role"},
		{CodePublicPrincipal, diag.SecurityWarning, "Allow to Principal \"*\" with no condition: anyone, even anonymous"},

		{CodeUnknownService, diag.Warning, "the action's service prefix is not in the catalogue"},
		{CodeUnknownAction, diag.Warning, "the action is not in the catalogue, or a pattern matches none"},
		{CodeResourceMismatch, diag.Warning, "no listed Resource is of a type the action acts on"},
		{CodeStarOnlyAction, diag.Warning, "the action supports only Resource \"*\", and the statement lists none"},
		{CodeMalformedARN, diag.Warning, "a Resource that is not \"*\" and not a well-formed ARN"},
		{CodeMalformedPrincipal, diag.Warning, "a principal that is not an account ID, ARN, service name or \"*\""},
		{CodeUnknownConditionKey, diag.Warning, "a condition key that no AWS service defines"},
		{CodeConditionKeyNotApplied, diag.Warning, "a service condition key that none of the statement's actions sets"},
		{CodeOperatorTypeMismatch, diag.Warning, "the operator compares another kind of value than the key holds"},
		{CodeSetOperatorMissing, diag.Warning, "a single-valued operator on a multivalued key"},
		{CodeForAllValuesAllow, diag.Warning, "ForAllValues with Allow is true when the key is missing"},
		{CodeVariablesInOldVersion, diag.Warning, "a policy variable in a policy without Version \"2012-10-17\" is literal text"},
		{CodeDuplicateSid, diag.Warning, "two statements share a Sid"},
		{CodeMFADenyNoIfExists, diag.Warning, "a Deny on aws:MultiFactorAuthPresent with Bool, which never applies to long-term access keys"},

		{CodeMissingVersion, diag.Suggestion, "no Version: IAM reads the policy as 2008-10-17"},
		{CodeSetOperatorOnSingle, diag.Suggestion, "ForAnyValue/ForAllValues on a single-valued key"},
		{CodePolicyTypeDetected, diag.Suggestion, "the policy type was guessed from the document"},
	}
}

// codeSeverity is built once from Codes; a code's severity never varies
// with the policy, so checks name only the code.
var codeSeverity = func() map[string]diag.Severity {
	m := map[string]diag.Severity{}
	for _, c := range Codes() {
		m[c.Code] = c.Severity
	}
	return m
}()
