package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/evalcase"
	"github.com/iamlab/iamlab/internal/traceview"
)

func init() { register(newEvalCmd) }

// EvalOptions are the flags of iamlab eval.
type EvalOptions struct {
	Files   []string
	JSON    bool
	NoTrace bool
	Quiet   bool
}

func newEvalCmd(stdio IO) *cobra.Command {
	opts := &EvalOptions{}
	cmd := &cobra.Command{
		Use:   "eval FILE...",
		Short: "Evaluate requests against policies and explain the decision",
		Long: "eval reads evaluation cases (one case, a list, or {\"cases\": [...]}; - for stdin) and\n" +
			"prints each decision with a trace of every layer and statement AWS would consult.\n" +
			"Where a case states \"expect\", a different decision is reported and the exit status is 1.\n" +
			"Invalid input gives a positioned error and exit status 2.",
		Example: "  iamlab eval internal/eval/testdata/cases/basic.json\n  iamlab eval --json cases.json | jq .decision",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			return runEval(opts, stdio)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print one JSON object per case per line")
	cmd.Flags().BoolVar(&opts.NoTrace, "no-trace", false, "print only the decisions")
	cmd.Flags().BoolVarP(&opts.Quiet, "quiet", "q", false, "print only mismatches and the summary")
	return cmd
}

type evalJSON struct {
	File      string             `json:"file"`
	Name      string             `json:"name"`
	Decision  eval.Decision      `json:"decision"`
	DecidedBy eval.Layer         `json:"decidedBy"`
	Reason    string             `json:"reason"`
	Expect    eval.Decision      `json:"expect,omitempty"`
	Match     *bool              `json:"match,omitempty"`
	Deciding  *eval.StatementRef `json:"deciding,omitempty"`
	Trace     *eval.Trace        `json:"trace,omitempty"`
}

func runEval(opts *EvalOptions, stdio IO) error {
	type loaded struct {
		file  string
		cases []*evalcase.Case
	}
	var all []loaded
	for _, f := range opts.Files {
		var src []byte
		var err error
		if f == "-" {
			src, err = io.ReadAll(stdio.In)
			f = "<stdin>"
		} else {
			src, err = os.ReadFile(f)
		}
		if err != nil {
			return exitf(2, "cannot read %s: %v", f, err)
		}
		cases, err := evalcase.Parse(f, src)
		if err != nil {
			fmt.Fprintln(stdio.Err, err)
			return &ExitError{Code: 2}
		}
		all = append(all, loaded{f, cases})
	}
	total, mismatches := 0, 0
	enc := json.NewEncoder(stdio.Out)
	for _, l := range all {
		for _, c := range l.cases {
			total++
			r := eval.Evaluate(&c.Input, eval.Options{Trace: !opts.NoTrace})
			match := c.Expect == "" || c.Expect == r.Decision
			if !match {
				mismatches++
			}
			if opts.JSON {
				j := evalJSON{File: l.file, Name: c.Name, Decision: r.Decision, DecidedBy: r.DecidedBy, Reason: r.Reason, Expect: c.Expect, Deciding: r.Deciding, Trace: r.Trace}
				if c.Expect != "" {
					j.Match = &match
				}
				if err := enc.Encode(j); err != nil {
					return exitf(2, "writing output: %v", err)
				}
				continue
			}
			if opts.Quiet && match {
				continue
			}
			printCase(stdio.Out, c, r, match, !opts.NoTrace)
		}
	}
	if !opts.JSON {
		fmt.Fprintf(stdio.Out, "%d cases: %d as expected, %d mismatched\n", total, total-mismatches, mismatches)
	}
	if mismatches > 0 {
		return &ExitError{Code: 1}
	}
	return nil
}

func printCase(w io.Writer, c *evalcase.Case, r eval.Result, match bool, trace bool) {
	sym := traceview.SymPass
	exp := ""
	if c.Expect != "" {
		exp = fmt.Sprintf("   expected %s", c.Expect)
		if !match {
			sym = traceview.SymFail
			exp += "  MISMATCH"
		}
	}
	fmt.Fprintf(w, "%s %s: %s (decided by %s)%s\n", sym, c.Name, r.Decision, eval.LayerTitle(r.DecidedBy), exp)
	if trace {
		traceview.Write(&indent{w: w, start: true}, r)
	} else {
		fmt.Fprintf(w, "    %s\n", r.Reason)
	}
	fmt.Fprintln(w)
}

// indent shifts a trace under its case line; it remembers across writes
// whether the next byte starts a line.
type indent struct {
	w     io.Writer
	start bool
}

func (i *indent) Write(p []byte) (int, error) {
	out := make([]byte, 0, len(p)+16)
	for _, b := range p {
		if i.start && b != '\n' {
			out = append(out, ' ', ' ', ' ', ' ')
		}
		out = append(out, b)
		i.start = b == '\n'
	}
	_, err := i.w.Write(out)
	return len(p), err
}
