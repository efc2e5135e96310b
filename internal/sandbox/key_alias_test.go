package sandbox

import (
	"testing"

	"github.com/iamlab/iamlab/internal/eval"
)

// A key policy may be addressed by the key's alias when it is edited, as
// it can when it is read.
func TestWithDocumentResolvesKeyAlias(t *testing.T) {
	w := NewWorld()
	if err := w.AddAccount(&Account{ID: "111122223333", Name: "A",
		Users: []*User{{Name: "ann"}},
		Keys:  []*Key{{Alias: "alias/app"}},
	}); err != nil {
		t.Fatal(err)
	}
	d, ok := w.Document("key-policy:111122223333/alias/app")
	if !ok {
		t.Fatal("the key policy is not found by alias")
	}
	policy := `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/ann"},"Action":"kms:Decrypt","Resource":"*"}}`
	nw, err := w.WithDocument("key-policy:111122223333/alias/app", policy)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := nw.Document(d.ID); got.Source != policy {
		t.Fatal("the edit did not reach the key's policy")
	}
	o, err := nw.Evaluate(Call{As: "user ann", Action: "kms:Decrypt", Resource: "key alias/app"}, eval.Options{})
	if err != nil || o.Decision != eval.Allowed {
		t.Fatalf("the edited key policy does not apply: %v %+v", err, o)
	}
	if _, err := w.WithDocument("aws:ReadOnlyAccess", "{}"); err == nil {
		t.Fatal("an AWS managed policy was edited")
	}
}
