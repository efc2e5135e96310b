package sandbox_test

import (
	"fmt"

	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/sandbox"
)

func ExampleWorld_Evaluate() {
	w := sandbox.NewWorld()
	_ = w.AddAccount(&sandbox.Account{
		ID: "111122223333", Name: "Prod",
		Users: []*sandbox.User{{Name: "bob"}},
		Roles: []*sandbox.Role{{
			Name:     "deploy",
			Policies: []string{"AmazonS3ReadOnlyAccess"},
			Trust: sandbox.PolicyText{Source: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
				"Principal":{"AWS":"arn:aws:iam::111122223333:user/bob"},"Action":"sts:AssumeRole"}]}`},
		}},
		Buckets: []*sandbox.Bucket{{Name: "reports"}},
	})
	o, err := w.Evaluate(sandbox.Call{As: "role deploy assumed by bob", Action: "s3:GetObject", Resource: "s3://reports/q3.csv"}, eval.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, h := range o.Hops {
		fmt.Println(h.Description, "→", h.Result.Decision)
	}
	fmt.Println(o.Decision, "by", o.DecidedBy)
	// Output:
	// user bob calls sts:AssumeRole on role deploy → allowed
	// role deploy (session bob) calls s3:GetObject on s3://reports/q3.csv → allowed
	// allowed by identity
}
