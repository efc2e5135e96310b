package traceview

import (
	"bytes"
	"fmt"
	"slices"
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

// The line model nests as the text does: each kind at its indent, under
// the line it belongs to, in the engine's order.
func TestLinesNestByKind(t *testing.T) {
	p, err := eval.Parse([]byte(`{"Version":"2012-10-17","Statement":{"Sid":"Tags","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/${aws:username}/*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["Owner","Project"]}}}}`), eval.IdentityPolicy)
	if err != nil {
		t.Fatal(err)
	}
	in := &eval.Input{Request: eval.Request{Principal: "arn:aws:iam::111111111111:user/ann", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/ann/x"}, Identity: []eval.PolicyRef{{Name: "Home", Policy: p}}}
	in.Request.Context.SetList("aws:TagKeys", []string{"Owner", "Project"})
	r := eval.Evaluate(in, eval.Options{Trace: true})
	ls := Lines(r.Trace)
	indent := map[Kind]int{KindRequest: 0, KindContext: 4, KindLayer: 0, KindNote: 4, KindPolicy: 2, KindStatement: 4, KindElement: 6, KindSubstitution: 10, KindCondition: 6, KindConditionValue: 10}
	seen := map[Kind]int{}
	var cond *Line
	for i, l := range ls {
		seen[l.Kind]++
		if want, ok := indent[l.Kind]; ok && l.Indent != want {
			t.Errorf("line %d (kind %d) at %d, want %d", i, l.Kind, l.Indent, want)
		}
		if l.Kind == KindCondition {
			cond = &ls[i]
		}
		if l.Kind == KindConditionValue && (cond == nil || l.Condition != cond.Condition) {
			t.Errorf("line %d: a condition value outside its condition", i)
		}
	}
	if seen[KindLayer] != len(r.Trace.Layers) || seen[KindPolicy] != 1 || seen[KindStatement] != 1 || seen[KindElement] != 2 || seen[KindSubstitution] != 1 || seen[KindConditionValue] != 2 {
		t.Errorf("kinds seen: %v", seen)
	}
	if got := Label(cond.Statement); got != `#1 "Tags"` {
		t.Errorf("Label = %q", got)
	}
	// Several request values are quoted one by one, not as one string.
	if got := RequestValues(cond.Condition); got != `["Owner", "Project"]` {
		t.Errorf("RequestValues = %s", got)
	}
}

// TestLayersInAWSOrder: whatever order the engine consulted them in, the
// layers are shown, and numbered, as the AWS page on the deny evaluation
// lists them (RCPs before SCPs), with the endpoint policy after the
// guardrails; the trainer's pane numbers them with the same functions.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
func TestLayersInAWSOrder(t *testing.T) {
	in := &eval.Input{Request: eval.Request{Principal: "arn:aws:iam::111111111111:user/ann", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/x"}}
	r := eval.Evaluate(in, eval.Options{Trace: true})
	var got []string
	for _, l := range Lines(r.Trace) {
		if l.Kind == KindLayer {
			got = append(got, fmt.Sprintf("%d %s", l.Number, l.Layer.Layer))
		}
	}
	want := []string{"1 " + string(eval.LayerRCP), "2 " + string(eval.LayerSCP), "3 " + string(eval.LayerEndpoint), "4 " + string(eval.LayerResource), "5 " + string(eval.LayerIdentity), "6 " + string(eval.LayerBoundary), "7 " + string(eval.LayerSession)}
	if !slices.Equal(got, want) {
		t.Fatalf("layers shown as %q, want %q", got, want)
	}
	if engine := r.Trace.Layers; engine[0].Layer != eval.LayerSCP {
		t.Fatalf("the engine now consults %s first: this test no longer shows the reordering", engine[0].Layer)
	}
}
