package sandbox

import (
	"testing"

	"github.com/iamlab/iamlab/internal/eval"
)

// Every name ResourceNames offers resolves in a call.
func TestResourceNamesResolve(t *testing.T) {
	w := NewWorld()
	a := &Account{ID: "111122223333", Name: "A",
		Roles:     []*Role{{Name: "fn", Trust: PolicyText{Source: `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}}`}}},
		Buckets:   []*Bucket{{Name: "b"}},
		Keys:      []*Key{{Alias: "alias/app"}},
		Tables:    []*Table{{Name: "Orders"}},
		Queues:    []*Queue{{Name: "jobs"}},
		Topics:    []*Topic{{Name: "alerts"}},
		Functions: []*Function{{Name: "thumbs", Role: "fn"}},
		Instances: []*Instance{{ID: "i-0abc"}},
		Secrets:   []*Secret{{Name: "db"}},
	}
	if err := w.AddAccount(a); err != nil {
		t.Fatal(err)
	}
	names := a.ResourceNames()
	if len(names) != 8 {
		t.Fatalf("names %v", names)
	}
	for _, n := range names {
		if _, err := w.Evaluate(Call{As: "root of account A", Action: "s3:GetObject", Resource: n}, eval.Options{}); err != nil {
			t.Errorf("%q does not resolve: %v", n, err)
		}
	}
}
