package sandbox

import (
	"testing"

	"github.com/iamlab/iamlab/internal/eval"
)

// Each constructor writes the scheme documented on Document, and the ids
// it builds are read back as the policy type their kind says.
func TestDocumentIDConstructors(t *testing.T) {
	for _, tc := range []struct {
		id, want string
		typ      eval.PolicyType
	}{
		{CustomerPolicyID("111122223333", "P"), "policy:111122223333/P", eval.IdentityPolicy},
		{AWSPolicyID("ReadOnlyAccess"), "aws:ReadOnlyAccess", eval.IdentityPolicy},
		{InlinePolicyID("111122223333", "role", "app", "P"), "inline:111122223333/role/app/P", eval.IdentityPolicy},
		{TrustPolicyID("111122223333", "app"), "trust:111122223333/app", eval.TrustPolicy},
		{BucketPolicyID("b"), "bucket-policy:b", eval.ResourcePolicy},
		{KeyPolicyID("111122223333", "k"), "key-policy:111122223333/k", eval.KeyPolicy},
		{TablePolicyID("111122223333", "t"), "table-policy:111122223333/t", eval.ResourcePolicy},
		{QueuePolicyID("111122223333", "q"), "queue-policy:111122223333/q", eval.ResourcePolicy},
		{TopicPolicyID("111122223333", "t"), "topic-policy:111122223333/t", eval.ResourcePolicy},
		{FunctionPolicyID("111122223333", "f"), "function-policy:111122223333/f", eval.ResourcePolicy},
		{SecretPolicyID("111122223333", "s"), "secret-policy:111122223333/s", eval.ResourcePolicy},
		{EndpointPolicyID("vpce-1"), "endpoint-policy:vpce-1", eval.EndpointPolicy},
		{SCPID("Deny"), "scp:Deny", eval.SCP},
		{RCPID("Deny"), "rcp:Deny", eval.RCP},
		{SessionPolicyID("s"), "session:s", eval.SessionPolicy},
	} {
		if tc.id != tc.want {
			t.Errorf("built %q, want %q", tc.id, tc.want)
		}
		if typ, _, err := kindOf(tc.id); err != nil || typ != tc.typ {
			t.Errorf("kindOf(%q) = %v, %v; want %v", tc.id, typ, err, tc.typ)
		}
	}
}
