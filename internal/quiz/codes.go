package quiz

// The codes of the quiz bank's diagnostics (diag.Diagnostic.Code); stable,
// listed in docs/quiz-format.md. The lessons' are in internal/lessons.
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
)
