package scenarios

// The codes of a pack's diagnostics (diag.Diagnostic.Code). They are
// stable: docs/authoring.md lists them and scripts may match on them.
const (
	CodeUnreadable    = "unreadable"     // a file or folder cannot be read
	CodeUnsafePath    = "unsafe-path"    // a path leaves the pack, is absolute, or a symlink escapes
	CodeTooLarge      = "too-large"      // a file or a pack is over its size cap
	CodeYAMLSyntax    = "yaml-syntax"    // the YAML does not parse
	CodeUnknownField  = "unknown-field"  // a key the format does not have
	CodeWrongType     = "wrong-type"     // a value of the wrong kind (text for a number…)
	CodeDuplicateKey  = "duplicate-key"  // the same key twice in one mapping
	CodeMissing       = "missing"        // a required field is absent or empty
	CodeBadValue      = "bad-value"      // a value outside its allowed set
	CodeBadTask       = "bad-task"       // an exam tag that is not a known task id
	CodeBadTopic      = "bad-topic"      // a topic id the curriculum does not have
	CodeUntagged      = "untagged"       // a scenario with no exam task
	CodeDuplicateID   = "duplicate-id"   // two scenarios (or packs) share an id
	CodeUnknownRef    = "unknown-ref"    // a world, document, file or world object that does not exist
	CodeWorld         = "world"          // the sandbox rejects the world
	CodePolicySyntax  = "policy"         // a policy document the engine cannot parse
	CodePolicyLint    = "policy-lint"    // a linter finding in a policy (code in the message)
	CodeCall          = "call"           // a check's call cannot be resolved in the world
	CodeSolutionFails = "solution-fails" // the reference solution fails a check
	CodeStartPasses   = "start-passes"   // a build scenario's starting state already passes every check
	CodeAnswerKey     = "answer-key"     // a predict answer or a choose fact disagrees with the engine
	CodeHints         = "hints"          // the hint ladder is not four non-empty rungs
	CodeChoice        = "choice"         // a choose question without a correct option or rationales
	CodeTODO          = "todo"           // a TODO marker left by `iamlab new scenario`
	CodeSanitized     = "sanitized"      // control characters or escape sequences were removed from a text
)
