package cli

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/evalcase"
	"github.com/iamlab/iamlab/internal/safetext"
	"github.com/iamlab/iamlab/internal/traceview"
	"github.com/iamlab/iamlab/internal/whynot"
)

func init() { register(newEvalCmd) }

// EvalOptions are the flags of iamlab eval.
type EvalOptions struct {
	Files   []string
	JSON    bool
	NoTrace bool
	Quiet   bool
	WhyNot  bool
}

func newEvalCmd(stdio IO) *cobra.Command {
	opts := &EvalOptions{}
	cmd := &cobra.Command{
		Use:   "eval FILE...",
		Short: "Evaluate requests against policies and explain the decision",
		Long: "eval reads evaluation cases (one case, a list, or {\"cases\": [...]}; - for stdin) and\n" +
			"prints each decision with a trace of every layer and statement AWS would consult.\n" +
			"Cases are read, evaluated and printed one at a time, so files of any length run in\n" +
			"constant memory; one case may be at most 1 MiB.\n" +
			"A case that states \"expect\" is reported as expected or as a mismatch; one without is\n" +
			"reported as evaluated. An invalid case gets a file:line:col error and the others still run.\n" +
			"Exit status: 2 when a case or file is invalid or unreadable, else 1 on a mismatch, else 0.",
		Example: "  iamlab eval internal/eval/testdata/cases/basic.json\n  iamlab eval --quiet cases/*.json\n  iamlab eval --json cases.json | jq .decision",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			return runEval(opts, stdio)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print one JSON object per case per line")
	cmd.Flags().BoolVar(&opts.NoTrace, "no-trace", false, "print only the decisions")
	cmd.Flags().BoolVarP(&opts.Quiet, "quiet", "q", false, "print only mismatches (with their trace) and the summary")
	cmd.Flags().BoolVar(&opts.WhyNot, "why-not", false, "under each decision, the smallest verified policy edits that would flip it\n(to the case's expect when it mismatches)")
	return cmd
}

type evalJSON struct {
	File      string             `json:"file"`
	Name      string             `json:"name"`
	Decision  eval.Decision      `json:"decision"`
	DecidedBy eval.Layer         `json:"decidedBy"`
	Rule      eval.Rule          `json:"rule"`
	Reason    string             `json:"reason"`
	Expect    eval.Decision      `json:"expect,omitempty"`
	Match     *bool              `json:"match,omitempty"`
	Deciding  *eval.StatementRef `json:"deciding,omitempty"`
	Trace     *eval.Trace        `json:"trace,omitempty"`
	WhyNot    *whynot.Answer     `json:"whyNot,omitempty"`
}

// evalErrorJSON is an invalid case (or file) in --json output.
type evalErrorJSON struct {
	Name  string `json:"name"`
	File  string `json:"file"`
	Error string `json:"error"`
}

// evalTally counts what a run found, for the summary and the exit status.
type evalTally struct {
	total, asExpected, mismatched, noExpect, invalid int
	// fileErrors are files that could not be read, or not to their end.
	fileErrors int
}

func (t evalTally) String() string {
	s := fmt.Sprintf("%d %s: %d as expected, %d mismatched", t.total, plural(t.total, "case", "cases"), t.asExpected, t.mismatched)
	if t.noExpect > 0 {
		s += fmt.Sprintf(", %d evaluated with no expect", t.noExpect)
	}
	if t.invalid > 0 {
		s += fmt.Sprintf(", %d invalid", t.invalid)
	}
	if t.fileErrors > 0 {
		s += fmt.Sprintf("; %d %s", t.fileErrors, plural(t.fileErrors, "file error", "file errors"))
	}
	return s
}

// evalRun is one invocation's output state.
type evalRun struct {
	opts  *EvalOptions
	out   io.Writer // buffered; cleaned in text mode
	errw  *safetext.Writer
	flush func() error
	enc   *json.Encoder
	tally evalTally
}

func runEval(opts *EvalOptions, stdio IO) error {
	defer tuneGC()()
	run := &evalRun{opts: opts, errw: safetext.NewWriter(stdio.Err)}
	if opts.JSON {
		// --json stays exact: encoding/json already escapes control
		// characters, and a script must see the input as it was.
		bw := bufio.NewWriterSize(stdio.Out, 64<<10)
		run.out, run.flush = bw, bw.Flush
		run.enc = json.NewEncoder(bw)
	} else {
		sw := safetext.NewWriter(stdio.Out)
		run.out, run.flush = sw, sw.Flush
	}
	for _, f := range opts.Files {
		if err := run.file(f, stdio.In); err != nil {
			run.flush()
			run.errw.Flush()
			return exitf(2, "writing output: %v", err)
		}
	}
	if !opts.JSON {
		fmt.Fprintln(run.out, run.tally)
	}
	if err := run.flush(); err != nil {
		return exitf(2, "writing output: %v", err)
	}
	run.errw.Flush()
	switch {
	case run.tally.invalid > 0 || run.tally.fileErrors > 0:
		return &ExitError{Code: 2}
	case run.tally.mismatched > 0:
		return &ExitError{Code: 1}
	}
	return nil
}

// tuneGC sets the collector for streaming and returns what undoes it.
// While cases stream, the live heap is small and constant (the catalogue
// and one case), so the default GOGC of 100 collects every few MB for
// little. A higher percentage under a memory limit collects far less often
// (over 16,000 cases, about a tenth less CPU in all) and keeps the peak
// flat, near 53 MB. Settings from the environment win.
func tuneGC() (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	pct := debug.SetGCPercent(400)
	limit := debug.SetMemoryLimit(40 << 20)
	return func() {
		debug.SetGCPercent(pct)
		debug.SetMemoryLimit(limit)
	}
}

// file evaluates the cases of one file as they are read. The error
// returned is a failure to write output; problems of the input are
// reported and counted.
func (run *evalRun) file(name string, stdin io.Reader) error {
	var in io.Reader
	if name == "-" {
		in, name = stdin, "<stdin>"
	} else {
		f, err := os.Open(name)
		if err == nil {
			defer f.Close()
			in = f
		} else {
			return run.invalid(nil, name, fmt.Sprintf("%s: cannot read: %v", name, errors.Unwrap(err)))
		}
	}
	rd := evalcase.NewReader(name, in)
	rd.KeepSource = run.opts.WhyNot // the edits are made on the case's own text
	for {
		c, err := rd.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			if werr := run.invalid(c, name, err.Error()); werr != nil {
				return werr
			}
			continue
		}
		if err := run.evaluate(name, c); err != nil {
			return err
		}
	}
}

// invalid reports a case that cannot be evaluated, or with c nil a file
// that cannot be read (to its end).
func (run *evalRun) invalid(c *evalcase.Case, file, msg string) error {
	name := ""
	if c != nil {
		name = c.Name
		run.tally.total++
		run.tally.invalid++
	} else {
		run.tally.fileErrors++
	}
	if run.opts.JSON {
		return run.enc.Encode(evalErrorJSON{Name: name, File: file, Error: msg})
	}
	// Errors go to stderr, after what stdout holds so far, so the two
	// read in order on a terminal.
	if err := run.flush(); err != nil {
		return err
	}
	fmt.Fprintln(run.errw, msg)
	return run.errw.Flush()
}

func (run *evalRun) evaluate(file string, c *evalcase.Case) error {
	opts := run.opts
	run.tally.total++
	// A trace costs most of an evaluation; build one only to print it.
	wantTrace := !opts.NoTrace && (opts.JSON || !opts.Quiet)
	r := eval.Evaluate(&c.Input, eval.Options{Trace: wantTrace})
	match := c.Expect == "" || c.Expect == r.Decision
	switch {
	case c.Expect == "":
		run.tally.noExpect++
	case match:
		run.tally.asExpected++
	default:
		run.tally.mismatched++
	}
	var why *whynot.Answer
	if opts.WhyNot && (opts.JSON || !opts.Quiet || !match) {
		why = whyNot(c, match)
	}
	if opts.JSON {
		j := evalJSON{File: file, Name: c.Name, Decision: r.Decision, DecidedBy: r.DecidedBy, Rule: r.Rule, Reason: r.Reason, Expect: c.Expect, Deciding: r.Deciding, Trace: r.Trace, WhyNot: why}
		if c.Expect != "" {
			j.Match = &match
		}
		return run.enc.Encode(j)
	}
	if opts.Quiet && match {
		return nil
	}
	if !match && !opts.NoTrace && r.Trace == nil {
		// Quiet runs evaluate without a trace; a mismatch is worth one.
		r = eval.Evaluate(&c.Input, eval.Options{Trace: true})
	}
	printCase(run.out, c, r, match, !opts.NoTrace, why)
	return nil
}

// whyNot searches the smallest edits of the case's policies that flip its
// decision: to what the case expects when it mismatches, else to the
// other side (allowed to denied, denied to allowed).
func whyNot(c *evalcase.Case, match bool) *whynot.Answer {
	sub, err := whynot.FromInputAt(&c.Input, c.Source, c.SourceOffset)
	if err != nil {
		return &whynot.Answer{Error: err.Error()}
	}
	var opt whynot.Options
	if !match {
		want := c.Expect
		opt.Want = func(d eval.Decision) bool { return d == want }
	}
	ans, err := whynot.Find(sub, opt)
	if err != nil {
		return &whynot.Answer{Error: err.Error()}
	}
	if ans.Proposals == nil {
		ans.Proposals = []whynot.Proposal{} // "none" is an answer, not an absence
	}
	return &ans
}

// printWhyNot lists the proposals under a case's decision.
func printWhyNot(w io.Writer, a *whynot.Answer) {
	if a.Error != "" {
		fmt.Fprintf(w, "    why not? %s\n", safetext.Line(a.Error))
		return
	}
	goal := "allowed"
	if a.Goal == "deny" {
		goal = "denied"
	}
	if len(a.Proposals) == 0 {
		fmt.Fprintf(w, "    why not? no small edit of these policies makes it %s\n", goal)
		return
	}
	fmt.Fprintf(w, "    why not? the smallest edits that make it %s:\n", goal)
	for i, p := range a.Proposals {
		for j, e := range p.Edits {
			lead := "       "
			if j == 0 {
				lead = fmt.Sprintf("    %d. ", i+1)
			}
			fmt.Fprintf(w, "%s%s\n", lead, safetext.Line(e.Summary))
			for _, d := range strings.Split(strings.TrimRight(e.Diff, "\n"), "\n") {
				if d != "" {
					fmt.Fprintf(w, "         %s\n", safetext.Line(d))
				}
			}
		}
		fmt.Fprintf(w, "       size %d → %s\n", p.Size, safetext.Line(p.Changes))
	}
}

func printCase(w io.Writer, c *evalcase.Case, r eval.Result, match bool, trace bool, why *whynot.Answer) {
	sym := traceview.SymPass
	exp := ""
	switch {
	case c.Expect == "":
		sym = traceview.SymSkip
		exp = "   (no expect stated)"
	case !match:
		sym = traceview.SymFail
		exp = fmt.Sprintf("   expected %s  MISMATCH", c.Expect)
	default:
		exp = fmt.Sprintf("   expected %s", c.Expect)
	}
	fmt.Fprintf(w, "%s %s: %s (decided by %s)%s\n", sym, safetext.Line(c.Name), r.Decision, eval.LayerTitle(r.DecidedBy), exp)
	if trace {
		traceview.Write(&indent{w: w, start: true}, r)
	} else {
		fmt.Fprintf(w, "    %s\n", r.Reason)
	}
	if why != nil {
		printWhyNot(w, why)
	}
	fmt.Fprintln(w)
}

// indent shifts a trace under its case line; it remembers across writes
// whether the next byte starts a line.
type indent struct {
	w     io.Writer
	start bool
	out   []byte
}

func (i *indent) Write(p []byte) (int, error) {
	out := i.out[:0]
	for _, b := range p {
		if i.start && b != '\n' {
			out = append(out, ' ', ' ', ' ', ' ')
		}
		out = append(out, b)
		i.start = b == '\n'
	}
	i.out = out
	_, err := i.w.Write(out)
	return len(p), err
}
