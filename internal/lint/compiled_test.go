package lint

import (
	"reflect"
	"testing"

	"github.com/iamlab/iamlab/internal/eval"
)

// Linting a compiled policy gives exactly what linting its text gives.
func TestCompiledAgreesWithPolicy(t *testing.T) {
	for _, tc := range []struct {
		typ eval.PolicyType
		src string
	}{
		{eval.IdentityPolicy, `{"Statement": {"Effect": "Allow", "Action": ["s3:GetObjects", "iam:PassRole"], "Resource": "*"}}`},
		{eval.IdentityPolicy, "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"NotAction\": \"iam:*\", \"Resource\": \"arn:aws:s3:::b\"}]\n}"},
		{eval.ResourcePolicy, `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}}`},
	} {
		p, err := eval.Parse([]byte(tc.src), tc.typ)
		if err != nil {
			t.Fatal(err)
		}
		want, got := Policy([]byte(tc.src), tc.typ), Compiled(p)
		if len(want) == 0 || !reflect.DeepEqual(got, want) {
			t.Errorf("%s\nCompiled: %+v\nPolicy:   %+v", tc.src, got, want)
		}
	}
}
