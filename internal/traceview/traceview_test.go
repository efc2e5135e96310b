package traceview

import (
	"bytes"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/eval"
)

func TestWritesLayersConditionsAndDecision(t *testing.T) {
	p, err := eval.Parse([]byte(`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/${aws:username}/*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}}`), eval.IdentityPolicy)
	if err != nil {
		t.Fatal(err)
	}
	in := &eval.Input{Request: eval.Request{Principal: "arn:aws:iam::111111111111:user/ann", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/ann/x"}, Identity: []eval.PolicyRef{{Name: "Home", Policy: p}}}
	var b bytes.Buffer
	Write(&b, eval.Evaluate(in, eval.Options{Trace: true}))
	out := b.String()
	for _, want := range []string{
		"arn:aws:iam::111111111111:user/ann (user, 111111111111) → s3:GetObject",
		"aws:username = ann   (filled in by the engine)",
		"5 identity-based policies",
		`${aws:username} = "ann"`,
		"✗ Bool aws:MultiFactorAuthPresent: request absent — the key is absent from the request",
		"Decision: implicitDeny — no identity-based policy allows the s3:GetObject action",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
}
