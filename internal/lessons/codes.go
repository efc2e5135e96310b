package lessons

import "github.com/iamlab/iamlab/internal/yamlpos"

// The codes of the lessons' diagnostics (diag.Diagnostic.Code). They are
// stable, shared with the quiz bank's, and listed in docs/quiz-format.md.
const (
	CodeUnreadable   = "unreadable"
	CodeYAMLSyntax   = yamlpos.CodeSyntax
	CodeUnknownField = yamlpos.CodeUnknownField
	CodeMissing      = "missing"
	CodeBadValue     = "bad-value"
	CodeDuplicateID  = "duplicate-id"
	CodeBadTask      = "bad-task"
	CodeBadTopic     = "bad-topic"
	CodeUntagged     = "untagged"    // no task on an exam that can still be taken
	CodeUnknownRef   = "unknown-ref" // a scenario or a link that does not exist
)
