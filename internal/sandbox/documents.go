package sandbox

import (
	"errors"
	"fmt"
	"strings"

	"github.com/iamlab/iamlab/internal/eval"
)

// Document is one policy document of the world. Its ID says where it is
// attached (see the ID scheme below); scenarios use IDs to say which
// documents a learner may edit, and the TUI to address them.
//
// Document IDs:
//
//	policy:<account-id>/<PolicyName>            customer managed policy
//	aws:<PolicyName>                            AWS managed policy (read-only)
//	inline:<account-id>/user/<name>/<Policy>    inline policy of a user (also group/, role/)
//	trust:<account-id>/<role-name>              role trust policy
//	bucket-policy:<bucket-name>                 bucket policy (bucket names are global)
//	key-policy:<account-id>/<key-id>            KMS key policy (key-policy:<account-id>/alias/<name> also finds it)
//	queue-policy:<account-id>/<name>            SQS queue policy
//	topic-policy:<account-id>/<name>            SNS topic policy
//	secret-policy:<account-id>/<name>           Secrets Manager resource policy
//	function-policy:<account-id>/<name>         Lambda function policy
//	table-policy:<account-id>/<name>            DynamoDB table resource policy
//	scp:<PolicyName>, rcp:<PolicyName>          organization policies (FullAWSAccess and RCPFullAWSAccess are built in)
//	endpoint-policy:<vpce-id>                   VPC endpoint policy
//	session:<name>                              a session policy a call may pass
type Document struct {
	ID         string
	Title      string          // for people: "NoFinance (customer managed policy, account Analytics)"
	Type       eval.PolicyType // derived from the ID
	Source     string          // JSON text exactly as authored
	File       string          // origin for messages, may be ""
	Line       int             // 1-based line in File where Source starts (0 = 1)
	AWSManaged bool            // AWS managed or an Organizations built-in: read-only
	Policy     *eval.Policy    // compiled; nil when Source does not parse
	Err        error           // eval.ParseErrors when Source does not parse
}

// idKinds maps an ID prefix to the policy type documents under it follow.
var idKinds = []struct {
	prefix string
	typ    eval.PolicyType
	what   string
}{
	{"policy:", eval.IdentityPolicy, "customer managed policy"},
	{"aws:", eval.IdentityPolicy, "AWS managed policy"},
	{"inline:", eval.IdentityPolicy, "inline policy"},
	{"trust:", eval.TrustPolicy, "role trust policy"},
	{"bucket-policy:", eval.ResourcePolicy, "bucket policy"},
	{"key-policy:", eval.KeyPolicy, "KMS key policy"},
	{"queue-policy:", eval.ResourcePolicy, "SQS queue policy"},
	{"topic-policy:", eval.ResourcePolicy, "SNS topic policy"},
	{"secret-policy:", eval.ResourcePolicy, "secret resource policy"},
	{"function-policy:", eval.ResourcePolicy, "Lambda function policy"},
	{"table-policy:", eval.ResourcePolicy, "DynamoDB table policy"},
	{"scp:", eval.SCP, "service control policy"},
	{"rcp:", eval.RCP, "resource control policy"},
	{"endpoint-policy:", eval.EndpointPolicy, "VPC endpoint policy"},
	{"session:", eval.SessionPolicy, "session policy"},
}

// kindOf returns the policy type and a description for a document ID.
func kindOf(id string) (eval.PolicyType, string, error) {
	for _, k := range idKinds {
		if strings.HasPrefix(id, k.prefix) {
			if len(id) == len(k.prefix) {
				return 0, "", fmt.Errorf("document ID %q names no document after %q", id, k.prefix)
			}
			return k.typ, k.what, nil
		}
	}
	prefixes := make([]string, len(idKinds))
	for i, k := range idKinds {
		prefixes[i] = strings.TrimSuffix(k.prefix, ":")
	}
	head, _, _ := strings.Cut(id, ":")
	return 0, "", fmt.Errorf("document ID %q has an unknown kind %q%s (kinds: %s)", id, head, didYouMean(head, prefixes), strings.Join(prefixes, ", "))
}

// compile parses the document's Source as its type requires. Parse errors
// stay on the document: a world with a broken document still loads, so an
// editor can show the errors in place.
func (d *Document) compile() {
	d.Policy, d.Err = nil, nil
	p, err := eval.Parse([]byte(d.Source), d.Type)
	if err != nil {
		d.Err = err
		return
	}
	d.Policy = p
}

// ref is the engine's view of the document, named for the trace.
func (d *Document) ref() *eval.PolicyRef {
	if d == nil || d.Policy == nil {
		return nil
	}
	return &eval.PolicyRef{Name: d.traceName(), Policy: d.Policy}
}

// traceName is the short name the engine's trace shows for a document.
func (d *Document) traceName() string {
	if d.Title != "" {
		if i := strings.Index(d.Title, " ("); i > 0 {
			return d.Title[:i]
		}
		return d.Title
	}
	return d.ID
}

// brokenError says a document the call needs does not parse.
func brokenError(d *Document) error {
	var pe eval.ParseErrors
	msg := d.Err.Error()
	if errors.As(d.Err, &pe) && len(pe) > 0 {
		msg = pe[0].Error()
		if len(pe) > 1 {
			msg += fmt.Sprintf(" (and %d more)", len(pe)-1)
		}
	}
	return &BrokenDocumentError{ID: d.ID, Msg: msg}
}

// BrokenDocumentError is a request's need of a document that does not
// parse. Validate leaves it out: the document's own errors (Document.Err)
// say where it is wrong.
type BrokenDocumentError struct {
	ID  string
	Msg string // the first parse error, and how many more
}

func (e *BrokenDocumentError) Error() string {
	return "document " + e.ID + " does not parse: " + e.Msg
}
