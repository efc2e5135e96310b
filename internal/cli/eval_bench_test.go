package cli

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"testing"

	"github.com/iamlab/iamlab/internal/jsonpos"
)

// The batch evaluation goal (issue 17): streaming read, evaluation and
// output of the corpus in each output form within 1.5 times the cost of
// merely decoding the same file with encoding/json, BenchmarkDecodeCorpus;
// BenchmarkParseCorpus is the JSON reader alone on it
// (scripts/bench-eval.sh compares whole processes).
func benchCorpus(b *testing.B, run func(src []byte) error) {
	src, err := os.ReadFile("../eval/testdata/cases/random-1500.json")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if err := run(src); err != nil {
			b.Fatal(err)
		}
	}
}

func benchmarkEval(b *testing.B, args ...string) {
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
	benchCorpus(b, func(src []byte) error {
		return runEval(opts, IO{In: bytes.NewReader(src), Out: io.Discard, Err: io.Discard})
	})
}

func BenchmarkEvalJSON(b *testing.B)    { benchmarkEval(b, "--json") }
func BenchmarkEvalText(b *testing.B)    { benchmarkEval(b) }
func BenchmarkEvalQuiet(b *testing.B)   { benchmarkEval(b, "-q") }
func BenchmarkEvalNoTrace(b *testing.B) { benchmarkEval(b, "--json", "--no-trace") }

func BenchmarkDecodeCorpus(b *testing.B) {
	benchCorpus(b, func(src []byte) error {
		var v any
		return json.Unmarshal(src, &v)
	})
}

func BenchmarkParseCorpus(b *testing.B) {
	benchCorpus(b, func(src []byte) error {
		_, err := jsonpos.Parse(src)
		return err
	})
}
