package cli

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"testing"
)

// The batch evaluation goal: streaming read, evaluation and output of the
// corpus in each output form. Compare with BenchmarkDecodeCorpus, the
// cost of merely decoding the same file with encoding/json
// (scripts/bench-eval.sh compares whole processes).
func benchmarkEval(b *testing.B, args ...string) {
	src, err := os.ReadFile("../eval/testdata/cases/random-1500.json")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		stdio := IO{In: bytes.NewReader(src), Out: io.Discard, Err: io.Discard}
		opts := &EvalOptions{Files: []string{"-"}}
		for _, a := range args {
			switch a {
			case "--json":
				opts.JSON = true
			case "--no-trace":
				opts.NoTrace = true
			case "-q":
				opts.Quiet = true
			}
		}
		if err := runEval(opts, stdio); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEvalJSON(b *testing.B)    { benchmarkEval(b, "--json") }
func BenchmarkEvalText(b *testing.B)    { benchmarkEval(b) }
func BenchmarkEvalQuiet(b *testing.B)   { benchmarkEval(b, "-q") }
func BenchmarkEvalNoTrace(b *testing.B) { benchmarkEval(b, "--json", "--no-trace") }

// BenchmarkDecodeCorpus is the yardstick of the eval benchmarks: decoding
// the same file with encoding/json and doing nothing with it (issue 17
// asks eval to stay within 1.5 times this).
func BenchmarkDecodeCorpus(b *testing.B) {
	src, err := os.ReadFile("../eval/testdata/cases/random-1500.json")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		var v any
		if err := json.Unmarshal(src, &v); err != nil {
			b.Fatal(err)
		}
	}
}
