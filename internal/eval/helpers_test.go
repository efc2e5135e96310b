package eval_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/evalcase"
)

// Accounts and principals the rule tests share.
const (
	acctA = "111111111111"
	acctB = "222222222222"
	mgmt  = "999999999999"

	alice      = "arn:aws:iam::111111111111:user/alice"
	bob        = "arn:aws:iam::222222222222:user/bob"
	rootA      = "arn:aws:iam::111111111111:root"
	rootB      = "arn:aws:iam::222222222222:root"
	roleR      = "arn:aws:iam::111111111111:role/R"
	sessionRS  = "arn:aws:sts::111111111111:assumed-role/R/S"
	fedFred    = "arn:aws:sts::111111111111:federated-user/fred"
	slrRole    = "arn:aws:iam::111111111111:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing"
	slrSession = "arn:aws:sts::111111111111:assumed-role/AWSServiceRoleForElasticLoadBalancing/ElasticLoadBalancing"
	bucketObj  = "arn:aws:s3:::bucket/a.txt"
	bucket     = "arn:aws:s3:::bucket"
)

// doc wraps statements into a 2012-10-17 policy document.
func doc(stmts ...string) string {
	return `{"Version":"2012-10-17","Statement":[` + strings.Join(stmts, ",") + `]}`
}

// allowAll and denyAll are the statements most tests lean on.
const (
	allowAll = `{"Effect":"Allow","Action":"*","Resource":"*"}`
	denyAll  = `{"Effect":"Deny","Action":"*","Resource":"*"}`
)

// pol parses a document of the given type or fails the test.
func pol(t testing.TB, typ eval.PolicyType, src string) *eval.PolicyRef {
	t.Helper()
	p, err := eval.Parse([]byte(src), typ)
	if err != nil {
		t.Fatalf("parse %s: %v\n%s", typ, err, src)
	}
	if p == nil {
		t.Fatalf("parse %s: nil policy and nil error", typ)
	}
	return &eval.PolicyRef{Name: typ.String(), Policy: p}
}

func pols(t testing.TB, typ eval.PolicyType, srcs ...string) []eval.PolicyRef {
	t.Helper()
	out := make([]eval.PolicyRef, 0, len(srcs))
	for i, s := range srcs {
		r := pol(t, typ, s)
		r.Name = typ.String() + " " + string(rune('1'+i))
		out = append(out, *r)
	}
	return out
}

// chain is an SCP or RCP chain with one policy per level.
func chain(t testing.TB, typ eval.PolicyType, levels ...string) []eval.Level {
	t.Helper()
	ids := []string{"r-root", "ou-1", "ou-2", "acct", "l5", "l6"}
	out := make([]eval.Level, 0, len(levels))
	for i, s := range levels {
		lv := eval.Level{ID: ids[i%len(ids)]}
		if s != "" {
			lv.Policies = pols(t, typ, s)
		}
		out = append(out, lv)
	}
	return out
}

// fullAccess is FullAWSAccess, the SCP AWS attaches by default.
var fullAccess = doc(allowAll)

func req(principal, action, resource string) eval.Request {
	return eval.Request{Principal: principal, Action: action, Resource: resource}
}

// decide evaluates with and without the trace, fails if they disagree, and
// returns the traced result.
func decide(t testing.TB, in *eval.Input) eval.Result {
	t.Helper()
	plain := eval.Evaluate(in, eval.Options{})
	traced := eval.Evaluate(in, eval.Options{Trace: true})
	if plain.Rule == "" {
		t.Fatalf("no rule decided %s by %s: %s", plain.Decision, plain.DecidedBy, plain.Reason)
	}
	if plain.Decision != traced.Decision || plain.DecidedBy != traced.DecidedBy || plain.Rule != traced.Rule || plain.Reason != traced.Reason {
		t.Fatalf("trace changes the decision:\n  no trace: %s by %s: %s\n  trace:    %s by %s: %s",
			plain.Decision, plain.DecidedBy, plain.Reason, traced.Decision, traced.DecidedBy, traced.Reason)
	}
	if !reflect.DeepEqual(plain.Deciding, traced.Deciding) {
		t.Fatalf("trace changes the deciding statement: %+v vs %+v", plain.Deciding, traced.Deciding)
	}
	if plain.Trace != nil {
		t.Fatalf("Options{Trace:false} returned a trace")
	}
	if traced.Trace == nil {
		t.Fatalf("Options{Trace:true} returned no trace")
	}
	return traced
}

// want checks the decision and, when by is not "", the deciding layer.
func want(t testing.TB, in *eval.Input, d eval.Decision, by eval.Layer) eval.Result {
	t.Helper()
	r := decide(t, in)
	if r.Decision != d || (by != "" && r.DecidedBy != by) {
		t.Fatalf("got %s by %s, want %s by %s\n  reason: %s", r.Decision, r.DecidedBy, d, by, r.Reason)
	}
	return r
}

// wantReason additionally checks that the reason contains each fragment.
func wantReason(t testing.TB, in *eval.Input, d eval.Decision, by eval.Layer, frags ...string) eval.Result {
	t.Helper()
	r := want(t, in, d, by)
	for _, f := range frags {
		if !strings.Contains(r.Reason, f) {
			t.Fatalf("reason %q does not contain %q", r.Reason, f)
		}
	}
	return r
}

// jcase reads one case in the evalcase JSON format.
func jcase(t testing.TB, src string) *evalcase.Case {
	t.Helper()
	cs, err := evalcase.Parse("inline", []byte(src))
	if err != nil {
		t.Fatalf("case: %v\n%s", err, src)
	}
	if len(cs) != 1 {
		t.Fatalf("case: got %d cases", len(cs))
	}
	return cs[0]
}

// runCase evaluates a JSON case and checks its expect.
func runCase(t testing.TB, src string) eval.Result {
	t.Helper()
	c := jcase(t, src)
	r := decide(t, &c.Input)
	if c.Expect != "" && r.Decision != c.Expect {
		t.Fatalf("%s: got %s by %s, want %s\n  reason: %s", c.Name, r.Decision, r.DecidedBy, c.Expect, r.Reason)
	}
	return r
}

// condIn builds a same-account request from alice whose only identity
// policy allows s3:GetObject under one Condition block.
func condIn(t testing.TB, version, condition string, ctx map[string]any) *eval.Input {
	t.Helper()
	v := ""
	if version != "" {
		v = `"Version":"` + version + `",`
	}
	src := `{` + v + `"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":` + condition + `}}`
	in := &eval.Input{Request: req(alice, "s3:GetObject", bucketObj), Identity: []eval.PolicyRef{*pol(t, eval.IdentityPolicy, src)}}
	in.Request.ResourceAccount = acctA
	for k, val := range ctx {
		switch x := val.(type) {
		case string:
			in.Request.Context.Set(k, x)
		case []string:
			in.Request.Context.SetList(k, x)
		default:
			t.Fatalf("context %s: %T", k, val)
		}
	}
	return in
}

// condResult is whether the condition lets the Allow apply.
func condResult(t testing.TB, version, condition string, ctx map[string]any) bool {
	t.Helper()
	r := decide(t, condIn(t, version, condition, ctx))
	switch r.Decision {
	case eval.Allowed:
		return true
	case eval.ImplicitDeny:
		return false
	}
	t.Fatalf("unexpected %s: %s", r.Decision, r.Reason)
	return false
}

// condTraces returns every condition trace of the identity layer.
func condTraces(r eval.Result) []*eval.CondTrace {
	var out []*eval.CondTrace
	for _, l := range r.Trace.Layers {
		for _, p := range l.Policies {
			for _, s := range p.Statements {
				out = append(out, s.Conditions...)
			}
		}
	}
	return out
}

type ctx = map[string]any

// rule checks that the decision came from the rule of
// docs/evaluation-rules.md the test is about, by its stable id rather than
// its wording.
func rule(t testing.TB, r eval.Result, want eval.Rule) eval.Result {
	t.Helper()
	if r.Rule != want {
		t.Fatalf("decided by rule %q, want %q\n  reason: %s", r.Rule, want, r.Reason)
	}
	return r
}
