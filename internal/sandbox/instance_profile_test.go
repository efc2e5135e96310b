package sandbox

import (
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/eval"
)

// An instance with no profile is a valid resource; only its app calling AWS
// needs credentials, and the error then says so.
func TestInstanceWithoutProfile(t *testing.T) {
	w := NewWorld()
	if err := w.AddAccount(&Account{ID: "111122223333", Name: "Ops",
		Policies:  []NamedPolicy{{Name: "Stop", Source: `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"ec2:StopInstances","Resource":"*"}}`}},
		Users:     []*User{{Name: "ops", Policies: []string{"Stop"}}},
		Instances: []*Instance{{ID: "i-0aaa"}},
	}); err != nil {
		t.Fatal(err)
	}
	if errs := w.Validate(); len(errs) > 0 {
		t.Fatalf("an instance without a profile is valid: %v", errs)
	}
	o, err := w.Evaluate(Call{As: "user ops", Action: "ec2:StopInstances", Resource: "instance i-0aaa"}, eval.Options{})
	if err != nil || o.Decision != eval.Allowed {
		t.Fatalf("as a target: %v %+v", err, o)
	}
	_, err = w.Evaluate(Call{As: "the app on instance i-0aaa", Action: "s3:ListAllMyBuckets", Resource: "*"}, eval.Options{})
	if err == nil || !strings.Contains(err.Error(), "no instance profile") {
		t.Fatalf("as a caller: %v", err)
	}
}
