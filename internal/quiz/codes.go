package quiz

// The codes of the quiz bank's and the lessons' diagnostics
// (diag.Diagnostic.Code); stable, listed in docs/quiz-format.md.
const (
	CodeUnreadable   = "unreadable"
	CodeYAMLSyntax   = "yaml-syntax"
	CodeUnknownField = "unknown-field"
	CodeWrongType    = "wrong-type"
	CodeDuplicateKey = "duplicate-key"
	CodeMissing      = "missing"
	CodeBadValue     = "bad-value"
	CodeDuplicateID  = "duplicate-id"
	CodeBadTask      = "bad-task"
	CodeBadTopic     = "bad-topic"
	CodeUntagged     = "untagged"
	// CodeDependentStem: a stem that leans on another item ("The same
	// user…", "After the policy is fixed…"); items are drawn alone.
	CodeDependentStem = "dependent-stem"
	CodeKey           = "key"
	CodeShape         = "shape"
	CodeWorld         = "world"
	CodeCall          = "call"
	CodeAnswerKey     = "answer-key"
	CodeUnknownRef    = "unknown-ref" // lessons: a scenario or link that does not exist
)
