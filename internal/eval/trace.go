package eval

// Decision is the outcome, in the AWS policy simulator's words.
type Decision string

// Decisions.
const (
	Allowed      Decision = "allowed"
	ExplicitDeny Decision = "explicitDeny"
	ImplicitDeny Decision = "implicitDeny"
)

// Layer is a kind of policy the engine consults, or a rule of its own.
type Layer string

// Layers, in the order AWS evaluates them.
const (
	LayerSCP      Layer = "scp"
	LayerRCP      Layer = "rcp"
	LayerEndpoint Layer = "vpcEndpoint"
	LayerResource Layer = "resource"
	LayerIdentity Layer = "identity"
	LayerBoundary Layer = "boundary"
	LayerSession  Layer = "session"
	// LayerRoot is the account root user's full access to its own account.
	LayerRoot Layer = "root"
	// LayerAlways is an action that needs no permission
	// (sts:GetCallerIdentity).
	LayerAlways Layer = "always"
)

// Verdict is what one layer says about the request.
type Verdict string

// Verdicts of a layer.
const (
	VerdictAllow         Verdict = "allow"         // an applicable Allow
	VerdictDeny          Verdict = "explicitDeny"  // an applicable Deny
	VerdictNoAllow       Verdict = "noAllow"       // nothing applies: an implicit deny if this layer must allow
	VerdictNotApplicable Verdict = "notApplicable" // the layer does not apply to this request
)

// Result is the engine's answer.
type Result struct {
	Decision  Decision `json:"decision"`
	DecidedBy Layer    `json:"decidedBy"`
	// Rule is the rule of the evaluation logic that decided, as a stable id
	// (docs/evaluation-rules.md lists them).
	Rule Rule `json:"rule"`
	// Reason is the sentence a learner reads, in the words AWS's
	// access-denied messages use.
	Reason string `json:"reason"`
	// Statement that decided, when one did (an explicit deny, or the allow
	// that granted access).
	Deciding *StatementRef `json:"deciding,omitempty"`
	Trace    *Trace        `json:"trace,omitempty"`
}

// StatementRef points at one statement of one policy in a layer.
type StatementRef struct {
	Layer  Layer  `json:"layer"`
	Level  string `json:"level,omitempty"` // SCP/RCP level id
	Policy string `json:"policy"`
	Index  int    `json:"index"`
	Sid    string `json:"sid,omitempty"`
	Pos    Pos    `json:"pos"`
}

// Trace is the whole explanation of a decision, as data for any renderer.
type Trace struct {
	Request RequestTrace  `json:"request"`
	Layers  []*LayerTrace `json:"layers"`
	// Steps are the decision procedure in AWS's order, each with what it
	// concluded; the last step reached is the one that decided.
	Steps []Step `json:"steps"`
}

// RequestTrace is the request as the engine understood it.
type RequestTrace struct {
	Principal        string         `json:"principal"`
	PrincipalKind    PrincipalKind  `json:"principalKind"`
	PrincipalAccount string         `json:"principalAccount,omitempty"`
	RoleARN          string         `json:"roleArn,omitempty"`
	ServiceLinked    bool           `json:"serviceLinkedRole,omitempty"`
	Action           string         `json:"action"`
	Resource         string         `json:"resource"`
	ResourceAccount  string         `json:"resourceAccount,omitempty"`
	CrossAccount     bool           `json:"crossAccount"`
	Context          []ContextEntry `json:"context"`
}

// LayerTrace is one layer: whether it applied, its verdict, and its policies.
type LayerTrace struct {
	Layer      Layer          `json:"layer"`
	Title      string         `json:"title"`
	Applicable bool           `json:"applicable"`
	Note       string         `json:"note,omitempty"` // why it does not apply, or how it combines
	Verdict    Verdict        `json:"verdict"`
	Levels     []*LevelTrace  `json:"levels,omitempty"`   // SCP and RCP chains
	Policies   []*PolicyTrace `json:"policies,omitempty"` // other layers
}

// LevelTrace is one level of an SCP or RCP chain; every level must allow.
type LevelTrace struct {
	ID       string         `json:"id"`
	Verdict  Verdict        `json:"verdict"`
	Implied  bool           `json:"impliedFullAccess,omitempty"` // RCPFullAWSAccess
	Policies []*PolicyTrace `json:"policies"`
}

// PolicyTrace is one policy and each of its statements.
type PolicyTrace struct {
	Name       string            `json:"name"`
	Verdict    Verdict           `json:"verdict"`
	Statements []*StatementTrace `json:"statements"`
}

// StatementTrace explains one statement element by element.
type StatementTrace struct {
	Index      int             `json:"index"`
	Sid        string          `json:"sid,omitempty"`
	Effect     string          `json:"effect"`
	Pos        Pos             `json:"pos"`
	Action     ElementTrace    `json:"action"`
	Resource   ElementTrace    `json:"resource"`
	Principal  *PrincipalTrace `json:"principal,omitempty"`
	Conditions []*CondTrace    `json:"conditions,omitempty"`
	// Applies is true when every element matched: the statement's Effect
	// takes part in the decision.
	Applies bool   `json:"applies"`
	Reason  string `json:"reason"`
}

// ElementTrace explains Action/NotAction or Resource/NotResource.
type ElementTrace struct {
	Element string `json:"element"` // Action, NotAction, Resource, NotResource, or "" when absent
	Matched bool   `json:"matched"` // the element admits the request (after negation)
	// Pattern is the listed value that matched the request (for Not… the
	// value that excluded it), with its position.
	Pattern       string         `json:"pattern,omitempty"`
	Pos           Pos            `json:"pos"`
	Substitutions []Substitution `json:"substitutions,omitempty"`
	Note          string         `json:"note,omitempty"`
}

// PrincipalTrace explains Principal/NotPrincipal.
type PrincipalTrace struct {
	Element string `json:"element"`
	Matched bool   `json:"matched"`
	Entry   string `json:"entry,omitempty"` // the listed principal that matched
	Pos     Pos    `json:"pos"`
	// Names says what kind of ARN the matching entry names, which decides
	// how a same-account grant combines with the other layers.
	Names string `json:"names,omitempty"`
	Note  string `json:"note,omitempty"`
}

// Step is one stage of the decision procedure.
type Step struct {
	Layer   Layer  `json:"layer"`
	Outcome string `json:"outcome"` // "pass", "deny", "allow", "skip"
	Detail  string `json:"detail"`
}
