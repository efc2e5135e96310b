package lint

import (
	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/jsonpos"
)

// Detect guesses the policy type from a document: ok is false when it
// looks like an identity policy, the default.
func Detect(src []byte) (eval.PolicyType, bool) {
	node, err := jsonpos.Parse(src)
	if err != nil {
		return eval.IdentityPolicy, false
	}
	return detect(node)
}
