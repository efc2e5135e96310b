package sandbox

import (
	"testing"

	"github.com/iamlab/iamlab/internal/eval"
)

func BenchmarkEvaluateCall(b *testing.B) {
	w := testWorld(b)
	c := Call{As: "user alice, with MFA", Account: "Prod", Action: "s3:GetObject", Resource: "s3://reports/q3.csv"}
	if _, err := w.Evaluate(c, eval.Options{}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_, _ = w.Evaluate(c, eval.Options{})
	}
}

func BenchmarkEvaluateCallTrace(b *testing.B) {
	w := testWorld(b)
	c := Call{As: "user alice, with MFA", Account: "Prod", Action: "s3:GetObject", Resource: "s3://reports/q3.csv"}
	b.ReportAllocs()
	for b.Loop() {
		_, _ = w.Evaluate(c, eval.Options{Trace: true})
	}
}

func BenchmarkEvaluateAssumedRole(b *testing.B) {
	w := testWorld(b)
	c := Call{As: "role deploy assumed by carol from account B", Account: "Prod", SessionPolicy: "read-only", Action: "s3:GetObject", Resource: "s3://reports/q3.csv"}
	if o, err := w.Evaluate(c, eval.Options{}); err != nil || !o.Allowed() {
		b.Fatal(err, o)
	}
	b.ReportAllocs()
	for b.Loop() {
		_, _ = w.Evaluate(c, eval.Options{})
	}
}

func BenchmarkWithDocument(b *testing.B) {
	w := testWorld(b)
	id := "policy:" + prodID + "/S3Read"
	src := stmt("Allow", "s3:GetObject", "arn:aws:s3:::reports/*")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := w.WithDocument(id, src); err != nil {
			b.Fatal(err)
		}
	}
}
