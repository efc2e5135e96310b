package policygen

import (
	"encoding/json"
	"math/rand"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/sandbox"
)

const acct = "111122223333"

func world(t testing.TB) *sandbox.World {
	t.Helper()
	w := sandbox.NewWorld()
	err := w.AddAccount(&sandbox.Account{
		ID: acct, Name: "Shop",
		Users:   []*sandbox.User{{Name: "alice", MFA: true, Inline: []sandbox.NamedPolicy{{Name: "Gen", Source: emptyPolicy}}}},
		Roles:   []*sandbox.Role{{Name: "app", Trust: sandbox.PolicyText{Source: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + acct + `:user/alice"},"Action":"sts:AssumeRole"}]}`}}},
		Buckets: []*sandbox.Bucket{{Name: "acme-a"}, {Name: "acme-b"}, {Name: "acme-c"}},
		Tables:  []*sandbox.Table{{Name: "Orders"}, {Name: "Customers"}},
		Queues:  []*sandbox.Queue{{Name: "jobs"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

const doc = "inline:" + acct + "/user/alice/Gen"

func call(action, resource string) sandbox.Call {
	return sandbox.Call{As: "user alice", Account: acct, Action: action, Resource: resource}
}

func TestExactActionsAndNarrowestResources(t *testing.T) {
	w := world(t)
	res, err := Write(Spec{World: w, Doc: doc, Allow: []sandbox.Call{
		call("s3:GetObject", "arn:aws:s3:::acme-a/reports/q3.csv"),
		call("s3:ListBucket", "arn:aws:s3:::acme-a"),
		call("s3:ListAllMyBuckets", "*"),
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) > 0 || len(res.Denied) > 0 {
		t.Fatalf("problems %v, denied %v\n%s", res.Problems, res.Denied, res.Source)
	}
	for _, want := range []string{`"Action": "s3:GetObject"`, `"Resource": "arn:aws:s3:::acme-a/reports/q3.csv"`, `"Action": "s3:ListAllMyBuckets"`, `"Resource": "*"`} {
		if !strings.Contains(res.Source, want) {
			t.Errorf("missing %s in\n%s", want, res.Source)
		}
	}
}

func TestAnActionThatCannotTakeTheResourceIsAProblem(t *testing.T) {
	w := world(t)
	res, err := Write(Spec{World: w, Doc: doc, Allow: []sandbox.Call{call("s3:GetObject", "arn:aws:s3:::acme-a")}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) == 0 || !strings.Contains(strings.Join(res.Problems, "\n"), "cannot be scoped") {
		t.Fatalf("problems %v", res.Problems)
	}
}

// mfaPair is one call twice: with MFA it must be allowed, without it denied.
func mfaPair() (allow, deny sandbox.Call) {
	yes, no := true, false
	allow = call("s3:DeleteObject", "arn:aws:s3:::acme-a/x")
	allow.MFA = &yes
	deny = call("s3:DeleteObject", "arn:aws:s3:::acme-a/x")
	deny.MFA = &no
	return allow, deny
}

func TestMustDenyGetsACondition(t *testing.T) {
	w := world(t)
	allow, deny := mfaPair()
	res, err := Write(Spec{World: w, Doc: doc, Allow: []sandbox.Call{allow}, Deny: []sandbox.Call{deny}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) > 0 {
		t.Fatalf("problems %v\n%s", res.Problems, res.Source)
	}
	if !strings.Contains(res.Source, `"aws:MultiFactorAuthPresent": "true"`) {
		t.Fatalf("want an MFA condition:\n%s", res.Source)
	}
}

func TestTrustPolicyThroughARole(t *testing.T) {
	w := world(t)
	res, err := Write(Spec{World: w, Doc: "trust:" + acct + "/app", Allow: []sandbox.Call{
		{As: "role app assumed by alice", Account: acct, Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-a/x"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Source, `"Principal": {`) || !strings.Contains(res.Source, "user/alice") || strings.Contains(res.Source, `"Resource"`) {
		t.Fatalf("trust policy:\n%s", res.Source)
	}
}

// Random call sets: the written policy allows every call, denies every
// must-deny call, and grants no (action, resource) pair the calls did not
// make (an action with no resource type only on "*").
func TestRandomCallSets(t *testing.T) {
	w := world(t)
	type pair struct{ a, r string }
	pool := []pair{
		{"s3:GetObject", "arn:aws:s3:::acme-a/x"}, {"s3:GetObject", "arn:aws:s3:::acme-b/y/z"}, {"s3:PutObject", "arn:aws:s3:::acme-c/z"},
		{"s3:ListBucket", "arn:aws:s3:::acme-a"}, {"s3:ListBucket", "arn:aws:s3:::acme-c"}, {"s3:ListAllMyBuckets", "*"},
		{"s3:DeleteObject", "arn:aws:s3:::acme-b/old"}, {"dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:" + acct + ":table/Orders"},
		{"dynamodb:PutItem", "arn:aws:dynamodb:us-east-1:" + acct + ":table/Customers"}, {"dynamodb:Query", "arn:aws:dynamodb:us-east-1:" + acct + ":table/Orders"},
		{"sqs:SendMessage", "arn:aws:sqs:us-east-1:" + acct + ":jobs"}, {"sqs:ReceiveMessage", "arn:aws:sqs:us-east-1:" + acct + ":jobs"},
		{"ec2:DescribeInstances", "*"},
	}
	rng := rand.New(rand.NewSource(1))
	for iter := 0; iter < 60; iter++ {
		perm := rng.Perm(len(pool))
		n := 1 + rng.Intn(6)
		allowSet := map[pair]bool{}
		var allow, deny []sandbox.Call
		for _, i := range perm[:n] {
			allow = append(allow, call(pool[i].a, pool[i].r))
			allowSet[pool[i]] = true
		}
		for _, i := range perm[n : n+rng.Intn(4)] {
			deny = append(deny, call(pool[i].a, pool[i].r))
		}
		if rng.Intn(2) == 0 && allow[0].Resource != "*" {
			// the same call without MFA must stay out: a condition is needed
			yes, no := true, false
			allow[0].MFA = &yes
			d := allow[0]
			d.MFA = &no
			deny = append(deny, d)
		}
		res, err := Write(Spec{World: w, Doc: doc, Allow: allow, Deny: deny})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Problems) > 0 {
			t.Fatalf("iteration %d: %v\n%s", iter, res.Problems, res.Source)
		}
		var parsed struct {
			Statement []struct {
				Action   json.RawMessage
				Resource json.RawMessage
			}
		}
		if err := json.Unmarshal([]byte(res.Source), &parsed); err != nil {
			t.Fatal(err)
		}
		for _, st := range parsed.Statement {
			for _, a := range list(st.Action) {
				for _, r := range list(st.Resource) {
					if !allowSet[pair{a, r}] {
						t.Fatalf("iteration %d grants %s on %s, which no call made:\n%s", iter, a, r, res.Source)
					}
				}
			}
		}
		w2, _ := w.WithDocument(doc, res.Source)
		for _, c := range deny {
			if out, _ := w2.Evaluate(c, eval.Options{}); out.Allowed() {
				t.Fatalf("iteration %d allows must-deny %s", iter, describe(c))
			}
		}
	}
}

func list(raw json.RawMessage) []string {
	var one string
	if json.Unmarshal(raw, &one) == nil {
		return []string{one}
	}
	var many []string
	_ = json.Unmarshal(raw, &many)
	return many
}

// A condition limits only the pair a must-deny call makes: the same action
// on another resource, and other actions on the same resource, stay as they
// were.
func TestConditionLimitsOnlyItsPair(t *testing.T) {
	w := world(t)
	allow, deny := mfaPair()
	res, err := Write(Spec{World: w, Doc: doc, Allow: []sandbox.Call{allow,
		call("s3:GetObject", "arn:aws:s3:::acme-a/x"), call("s3:DeleteObject", "arn:aws:s3:::acme-b/x"), call("s3:PutObject", "arn:aws:s3:::acme-a/x"),
	}, Deny: []sandbox.Call{deny}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) > 0 {
		t.Fatalf("problems %v\n%s", res.Problems, res.Source)
	}
}
