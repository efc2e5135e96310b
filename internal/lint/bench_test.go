package lint

import (
	"fmt"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/eval"
)

// fiftyStatements is a realistic large policy: a mix of literal actions,
// patterns, bucket and object ARNs, conditions and a few mistakes, so
// every check does its work.
func fiftyStatements() []byte {
	var stmts []string
	for i := range 50 {
		var s string
		switch i % 5 {
		case 0:
			s = fmt.Sprintf(`{"Sid": "Read%d", "Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjectVersion"], "Resource": "arn:aws:s3:::bucket-%d/*"}`, i, i)
		case 1:
			s = fmt.Sprintf(`{"Sid": "List%d", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::bucket-%d", "Condition": {"StringLike": {"s3:prefix": ["home/${aws:username}/*"]}}}`, i, i)
		case 2:
			s = fmt.Sprintf(`{"Sid": "Ec2%d", "Effect": "Allow", "Action": ["ec2:Describe*", "ec2:StartInstances", "ec2:StopInstances"], "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "t%d"}}}`, i, i)
		case 3:
			s = fmt.Sprintf(`{"Sid": "Kms%d", "Effect": "Allow", "Action": ["kms:Decrypt", "kms:GenerateDataKey*"], "Resource": "arn:aws:kms:eu-west-1:111122223333:key/k-%d", "Condition": {"StringEquals": {"kms:ViaService": "s3.eu-west-1.amazonaws.com"}}}`, i, i)
		case 4:
			s = fmt.Sprintf(`{"Sid": "Deny%d", "Effect": "Deny", "Action": ["s3:Delete*", "s3:GetObjects"], "Resource": "arn:aws:s3:::bucket-%d"}`, i, i)
		}
		stmts = append(stmts, s)
	}
	return []byte(`{"Version": "2012-10-17", "Statement": [` + strings.Join(stmts, ",\n") + `]}`)
}

func BenchmarkLint50Statements(b *testing.B) {
	src := fiftyStatements()
	if fs := Policy(src, eval.IdentityPolicy); len(fs) == 0 {
		b.Fatal("the benchmark policy should have findings")
	}
	b.ReportAllocs()
	for b.Loop() {
		Policy(src, eval.IdentityPolicy)
	}
}

func BenchmarkGrants50Statements(b *testing.B) {
	p, err := eval.Parse(fiftyStatements(), eval.IdentityPolicy)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		GrantsOf(p)
	}
}
