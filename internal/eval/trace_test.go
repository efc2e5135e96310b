package eval_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/evalcase"
)

// corpusDir holds the evaluation cases the engine must agree with; they
// live in the repository so the tests never depend on anything beside it.
const corpusDir = "testdata/cases"

func loadShared(t *testing.T) []*evalcase.Case {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.json"))
	if len(files) == 0 {
		t.Fatal("no evaluation cases in " + corpusDir + ": the corpus is part of the repository")
	}
	var all []*evalcase.Case
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		cs, err := evalcase.Parse(filepath.Base(f), src)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, c := range cs {
			c.Name = filepath.Base(f) + ":" + c.Name
		}
		all = append(all, cs...)
	}
	return all
}

// awsOrder is the order the trace shows layers in.
var awsOrder = []eval.Layer{eval.LayerSCP, eval.LayerRCP, eval.LayerEndpoint, eval.LayerResource, eval.LayerIdentity, eval.LayerBoundary, eval.LayerSession}

func TestTrace_PolicyLayersInAWSOrderWithTitles(t *testing.T) {
	// The engine's table of layers is what the trace, the decision and the
	// screens walk: it must list the seven layers in AWS's order, each with
	// a title of its own.
	if got := eval.PolicyLayers(); !reflect.DeepEqual(got, awsOrder) {
		t.Fatalf("PolicyLayers() = %v, want %v", got, awsOrder)
	}
	seen := map[string]bool{}
	for _, l := range awsOrder {
		title := eval.LayerTitle(l)
		if title == string(l) || seen[title] {
			t.Errorf("layer %s has title %q: not a title of its own", l, title)
		}
		seen[title] = true
	}
}

func TestCorpus_EveryCaseGetsItsExpect(t *testing.T) {
	cases := loadShared(t)
	bad := 0
	for _, c := range cases {
		if c.Expect == "" {
			continue
		}
		r := eval.Evaluate(&c.Input, eval.Options{})
		if r.Decision != c.Expect {
			bad++
			if bad <= 20 {
				t.Errorf("%s: got %s by %s, want %s: %s", c.Name, r.Decision, r.DecidedBy, c.Expect, r.Reason)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d cases mismatched", bad, len(cases))
	}
	t.Logf("%d cases", len(cases))
}

func TestTrace_SameDecisionWithAndWithoutTrace(t *testing.T) {
	for _, c := range loadShared(t) {
		plain := eval.Evaluate(&c.Input, eval.Options{})
		traced := eval.Evaluate(&c.Input, eval.Options{Trace: true})
		if plain.Decision != traced.Decision || plain.DecidedBy != traced.DecidedBy || plain.Rule != traced.Rule || plain.Reason != traced.Reason || !reflect.DeepEqual(plain.Deciding, traced.Deciding) {
			t.Errorf("%s: trace off %s/%s/%+v, on %s/%s/%+v", c.Name, plain.Decision, plain.DecidedBy, plain.Deciding, traced.Decision, traced.DecidedBy, traced.Deciding)
		}
		if plain.Trace != nil || traced.Trace == nil {
			t.Fatalf("%s: trace presence wrong", c.Name)
		}
		if plain.Rule == "" || (plain.Rule == eval.RuleExplicitDeny) != (plain.Decision == eval.ExplicitDeny) {
			t.Errorf("%s: %s decided by rule %q", c.Name, plain.Decision, plain.Rule)
		}
	}
}

func TestTrace_LayersInAWSOrderAndDecidingStatementMarked(t *testing.T) {
	for _, c := range loadShared(t) {
		checkTrace(t, c.Name, eval.Evaluate(&c.Input, eval.Options{Trace: true}))
	}
}

// checkTrace verifies the structure of one traced result.
func checkTrace(t *testing.T, name string, r eval.Result) {
	t.Helper()
	tr := r.Trace
	if r.DecidedBy == eval.LayerAlways {
		return
	}
	checkTraceLayers(t, name, tr)
	checkTraceSteps(t, name, r)
	checkTraceDeciding(t, name, r)
	// The trace must serialise for the JSON output.
	if _, err := json.Marshal(r); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// checkTraceLayers: every layer, in AWS's order, says why when it does not apply.
func checkTraceLayers(t *testing.T, name string, tr *eval.Trace) {
	t.Helper()
	if len(tr.Layers) != len(awsOrder) {
		t.Fatalf("%s: %d layers in the trace, want %d", name, len(tr.Layers), len(awsOrder))
	}
	for i, l := range tr.Layers {
		if l.Layer != awsOrder[i] {
			t.Fatalf("%s: layer %d is %s, want %s", name, i, l.Layer, awsOrder[i])
		}
		if !l.Applicable && l.Verdict != eval.VerdictNotApplicable {
			t.Errorf("%s: layer %s not applicable but verdict %s", name, l.Layer, l.Verdict)
		}
		if !l.Applicable && l.Note == "" {
			t.Errorf("%s: layer %s not applicable without a note saying why", name, l.Layer)
		}
	}
}

// checkTraceSteps: the last step is the decision.
func checkTraceSteps(t *testing.T, name string, r eval.Result) {
	t.Helper()
	tr := r.Trace
	if len(tr.Steps) == 0 {
		t.Fatalf("%s: no steps", name)
	}
	last := tr.Steps[len(tr.Steps)-1]
	if last.Layer != r.DecidedBy || last.Detail != r.Reason {
		t.Errorf("%s: last step %+v does not match the decision %s by %s", name, last, r.Decision, r.DecidedBy)
	}
	if (r.Decision == eval.Allowed) != (last.Outcome == "allow") {
		t.Errorf("%s: last step outcome %q for %s", name, last.Outcome, r.Decision)
	}
}

// checkTraceDeciding: the deciding statement is in the trace, with the
// effect and verdict the decision says.
func checkTraceDeciding(t *testing.T, name string, r eval.Result) {
	t.Helper()
	tr := r.Trace
	if r.Decision == eval.ExplicitDeny {
		if r.Deciding == nil {
			t.Fatalf("%s: explicit deny without a deciding statement", name)
		}
		st := findStatement(tr, r.Deciding)
		if st == nil {
			t.Fatalf("%s: deciding statement %+v not in the trace", name, r.Deciding)
		}
		if !st.Applies || st.Effect != "Deny" {
			t.Errorf("%s: deciding statement %+v: applies=%v effect=%s", name, r.Deciding, st.Applies, st.Effect)
		}
		if l := layerOf(r, r.Deciding.Layer); l == nil || l.Verdict != eval.VerdictDeny {
			t.Errorf("%s: the deciding layer's verdict is not explicitDeny", name)
		}
	}
	if r.Decision == eval.Allowed && r.Deciding != nil {
		st := findStatement(tr, r.Deciding)
		if st == nil || !st.Applies || st.Effect != "Allow" {
			t.Errorf("%s: allowing statement %+v not an applying Allow in the trace", name, r.Deciding)
		}
	}
	if r.Decision == eval.ImplicitDeny {
		if l := layerOf(r, r.DecidedBy); l != nil && l.Verdict == eval.VerdictAllow && r.DecidedBy != eval.LayerResource {
			t.Errorf("%s: implicit deny by %s, whose verdict is allow", name, r.DecidedBy)
		}
	}
}

func findStatement(tr *eval.Trace, ref *eval.StatementRef) *eval.StatementTrace {
	for _, l := range tr.Layers {
		if l.Layer != ref.Layer {
			continue
		}
		pts := l.Policies
		for _, lv := range l.Levels {
			if lv.ID == ref.Level {
				pts = append(pts, lv.Policies...)
			}
		}
		for _, p := range pts {
			if p.Name != ref.Policy {
				continue
			}
			for _, s := range p.Statements {
				if s.Index == ref.Index {
					return s
				}
			}
		}
	}
	return nil
}

func TestTrace_RuleInputsAreWellFormed(t *testing.T) {
	// The structural checks on a few hand-built inputs that the corpus
	// lacks: anonymous, root, sessions, endpoint and RCP denials.
	ins := []*eval.Input{}
	add := func(in *eval.Input) { ins = append(ins, in) }
	in := &eval.Input{Request: req("*", "s3:GetObject", bucketObj)}
	in.Resource = pol(t, eval.ResourcePolicy, doc(`{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}`))
	add(in)
	in = &eval.Input{Request: req(rootA, "s3:GetObject", bucketObj)}
	in.RCPs = chain(t, eval.RCP, doc(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}`))
	add(in)
	in = &eval.Input{Request: req(sessionRS, "s3:GetObject", bucketObj)}
	in.Identity = pols(t, eval.IdentityPolicy, doc(allowAll))
	in.Endpoints = pols(t, eval.EndpointPolicy, doc(allowAll), doc(`{"Effect":"Deny","Action":"s3:*","Resource":"*"}`))
	add(in)
	in = &eval.Input{Request: req(fedFred, "s3:GetObject", bucketObj)}
	in.Identity = pols(t, eval.IdentityPolicy, doc(allowAll))
	add(in)
	in = &eval.Input{Request: req(alice, "s3:GetObject", bucketObj)}
	in.SCPs = chain(t, eval.SCP, fullAccess, doc(allowAll, `{"Effect":"Deny","Action":"s3:*","Resource":"*"}`))
	add(in)
	for i, in := range ins {
		r := decide(t, in)
		checkTrace(t, string(rune('a'+i)), r)
	}
}

func TestTrace_ConditionAndSubstitutionDetails(t *testing.T) {
	in := condIn(t, "2012-10-17", `{"StringEquals":{"s3:prefix":["home/${aws:username}","x"]},"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`, ctx{"s3:prefix": "home/alice", "aws:SourceIp": "203.0.113.7"})
	r := want(t, in, eval.ImplicitDeny, eval.LayerIdentity)
	cts := condTraces(r)
	if len(cts) != 2 {
		t.Fatalf("%d condition traces", len(cts))
	}
	se := cts[0]
	if !se.Result || !se.Present || len(se.Values) != 2 || !se.Values[0].Matched || se.Values[0].Resolved != "home/alice" {
		t.Errorf("StringEquals trace %+v", se)
	}
	ip := cts[1]
	if ip.Result || ip.Values[0].Matched {
		t.Errorf("IpAddress trace %+v", ip)
	}
	st := layerOf(r, eval.LayerIdentity).Policies[0].Statements[0]
	if st.Applies || st.Reason == "" {
		t.Errorf("statement trace %+v", st)
	}
	// Malformed values say why.
	r = decide(t, condIn(t, "2012-10-17", `{"NumericLessThan":{"s3:max-keys":"ten"}}`, ctx{"s3:max-keys": "1"}))
	if v := condTraces(r)[0].Values[0]; v.Problem == "" {
		t.Errorf("malformed numeric value without a problem note: %+v", v)
	}
}

func TestEvaluate_ConcurrentUseOfOnePolicy(t *testing.T) {
	// Compiled policies are shared across goroutines (the TUI evaluates in
	// the background while the editor recompiles); -race checks that
	// evaluation never writes to them.
	cases := loadShared(t)
	if len(cases) > 200 {
		cases = cases[:200]
	}
	done := make(chan struct{})
	for g := 0; g < 4; g++ {
		go func(trace bool) {
			defer func() { done <- struct{}{} }()
			for _, c := range cases {
				eval.Evaluate(&c.Input, eval.Options{Trace: trace})
			}
		}(g%2 == 0)
	}
	for g := 0; g < 4; g++ {
		<-done
	}
}
