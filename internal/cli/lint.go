package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iamlab/iamlab/internal/diag"
	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/lint"
	"github.com/iamlab/iamlab/internal/safetext"
)

func init() { register(newLintCmd) }

// LintOptions are the flags of iamlab lint.
type LintOptions struct {
	Files  []string
	Type   string // "" lets lint guess from the document
	JSON   bool
	Grants bool
	All    bool
	FailOn string // "error" (default) or "warning"
}

// lintTypes maps --type to the engine's policy types.
var lintTypes = map[string]eval.PolicyType{
	"identity": eval.IdentityPolicy,
	"resource": eval.ResourcePolicy,
	"trust":    eval.TrustPolicy,
	"key":      eval.KeyPolicy,
	"boundary": eval.BoundaryPolicy,
	"session":  eval.SessionPolicy,
	"scp":      eval.SCP,
	"rcp":      eval.RCP,
	"endpoint": eval.EndpointPolicy,
}

const lintTypeList = "identity, resource, trust, key, boundary, session, scp, rcp or endpoint"

// lintFailOn maps --fail-on to the least serious severity that makes the
// exit status 1; "warning" takes security warnings with it, so a CI job can
// refuse policies that grant more than they seem to.
var lintFailOn = map[string]diag.Severity{"error": diag.Error, "warning": diag.Warning}

func newLintCmd(stdio IO) *cobra.Command {
	opts := &LintOptions{}
	cmd := &cobra.Command{
		Use:   "lint FILE...",
		Short: "Check policies for mistakes and risky grants, or list what they grant",
		Long: "lint checks IAM policy documents (- for stdin) the way IAM Access Analyzer's policy\n" +
			"validation does: each finding has a position, a severity (error, security warning,\n" +
			"warning, suggestion), a stable code explained in docs/lint.md, and advice.\n" +
			"Without --type a document whose every statement names a Principal is linted as a\n" +
			"resource policy (a trust policy when it only assumes roles); otherwise as an identity policy.\n" +
			"--grants lists instead what each statement allows or denies, expanded through the\n" +
			"catalogue of AWS actions and grouped by service and access level.\n" +
			"Exit status: 1 when a finding is an error (with --fail-on warning: an error, a security\n" +
			"warning or a warning), 2 when a file cannot be read.",
		Example: "  iamlab lint policy.json\n" +
			"  iamlab lint --type resource bucket-policy.json\n" +
			"  iamlab lint --grants --all policy.json\n" +
			"  iamlab lint --fail-on warning policies/*.json   # in CI\n" +
			"  iamlab lint --json policy.json | jq '.[] | select(.severity == \"error\")'",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			return runLint(opts, stdio)
		},
	}
	cmd.Flags().StringVarP(&opts.Type, "type", "t", "", "policy type: "+lintTypeList+" (default: guess, else identity)")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON: an array of findings, or of grants with --grants")
	cmd.Flags().BoolVar(&opts.Grants, "grants", false, "list what the policy allows and denies instead of findings")
	cmd.Flags().BoolVar(&opts.All, "all", false, "with --grants, list every action and service instead of the first few")
	cmd.Flags().StringVar(&opts.FailOn, "fail-on", "error", "exit 1 on findings of this severity or worse: error or warning")
	return cmd
}

// lintedFile is one document's result.
type lintedFile struct {
	name     string
	typ      eval.PolicyType
	findings []diag.Diagnostic
	grants   *lint.Grants
}

func runLint(opts *LintOptions, stdio IO) error {
	// Text output quotes policies and file names: it reaches the terminal
	// without their escapes (see safetext); --json stays exact.
	errw := safetext.NewWriter(stdio.Err)
	defer errw.Flush()
	stdio.Err = errw
	if !opts.JSON {
		w := safetext.NewWriter(stdio.Out)
		defer w.Flush()
		stdio.Out = w
	}
	var typ eval.PolicyType
	if opts.Type != "" {
		t, ok := lintTypes[strings.ToLower(opts.Type)]
		if !ok {
			return exitf(2, "unknown --type %q; expected %s", opts.Type, lintTypeList)
		}
		typ = t
	}
	failOn := diag.Error
	if opts.FailOn != "" {
		sev, ok := lintFailOn[strings.ToLower(opts.FailOn)]
		if !ok {
			return exitf(2, "unknown --fail-on %q; expected error or warning", opts.FailOn)
		}
		failOn = sev
	}
	status := 0
	var files []lintedFile
	for _, name := range opts.Files {
		src, err := lintRead(name, stdio)
		if name == "-" {
			name = "<stdin>"
		}
		if err != nil {
			fmt.Fprintf(stdio.Err, "iamlab: cannot read %s: %v\n", name, err)
			status = 2
			continue
		}
		f := lintedFile{name: name, typ: typ}
		if opts.Type != "" {
			f.findings = lint.Policy(src, typ)
		} else {
			f.findings, f.typ = lint.Auto(src)
		}
		if opts.Grants && !diag.HasErrors(f.findings) {
			if p, err := eval.Parse(src, f.typ); err == nil {
				f.grants = lint.GrantsOf(p)
			}
		}
		if status == 0 && slices.ContainsFunc(f.findings, func(fd diag.Diagnostic) bool { return fd.Severity <= failOn }) {
			status = 1
		}
		files = append(files, f)
	}
	var err error
	switch {
	case opts.Grants && opts.JSON:
		err = lintWriteGrantsJSON(stdio.Out, files)
	case opts.Grants:
		for _, f := range files {
			lintWriteGrantsText(stdio.Out, f, opts.All)
		}
	case opts.JSON:
		err = lintWriteFindingsJSON(stdio.Out, files)
	default:
		lintWriteFindingsText(stdio.Out, files)
	}
	if err != nil {
		return exitf(2, "writing output: %v", err)
	}
	if status != 0 {
		return &ExitError{Code: status}
	}
	return nil
}

// maxLintBytes caps one policy document. The largest policy AWS accepts
// is a 32 KB KMS key policy
// (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html);
// IAM's own documents are smaller still
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
// Eight times that leaves room for indentation and keeps a hostile input
// (lint - </dev/zero) from costing more than a moment and a few MB.
const maxLintBytes = 256 << 10

func lintRead(name string, stdio IO) ([]byte, error) {
	var in io.Reader = stdio.In
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, errors.Unwrap(err)
		}
		defer f.Close()
		in = f
	}
	src, err := io.ReadAll(io.LimitReader(in, maxLintBytes+1))
	if err != nil {
		return nil, err
	}
	if len(src) > maxLintBytes {
		return nil, fmt.Errorf("it is larger than %d KiB; expected one policy document (the largest AWS accepts, a KMS key policy, is 32 KB)", maxLintBytes>>10)
	}
	return src, nil
}

// lintFindingJSON flattens a finding for scripts: one object per finding,
// each carrying its file.
type lintFindingJSON struct {
	File     string        `json:"file"`
	Line     int           `json:"line"`
	Col      int           `json:"col"`
	Severity diag.Severity `json:"severity"`
	Code     string        `json:"code"`
	Message  string        `json:"message"`
	Advice   string        `json:"advice,omitempty"`
}

func lintWriteFindingsJSON(w io.Writer, files []lintedFile) error {
	out := []lintFindingJSON{}
	for _, f := range files {
		for _, fd := range f.findings {
			out = append(out, lintFindingJSON{File: f.name, Line: fd.Line, Col: fd.Col, Severity: fd.Severity, Code: fd.Code, Message: fd.Message, Advice: fd.Expected})
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func lintWriteFindingsText(w io.Writer, files []lintedFile) {
	var all []diag.Diagnostic
	for _, f := range files {
		for _, fd := range f.findings {
			fmt.Fprintf(w, "%s:%d:%d: %s %s: %s\n", f.name, fd.Line, fd.Col, fd.Severity.Title(), fd.Code, fd.Message)
			if fd.Expected != "" {
				fmt.Fprintf(w, "    %s\n", fd.Expected)
			}
		}
		all = append(all, f.findings...)
	}
	if len(files) == 0 {
		return
	}
	what := files[0].name
	if len(files) > 1 {
		what = fmt.Sprintf("%d files", len(files))
	}
	fmt.Fprintf(w, "%s: %s\n", what, lintSummary(all))
}

// lintSummary counts findings by severity, naming only those present.
func lintSummary(fs []diag.Diagnostic) string {
	if len(fs) == 0 {
		return "no findings"
	}
	n := diag.Count(fs)
	var parts []string
	for _, s := range []diag.Severity{diag.Error, diag.SecurityWarning, diag.Warning, diag.Suggestion} {
		if n[s] > 0 {
			parts = append(parts, lintPlural(n[s], s.Title()))
		}
	}
	return strings.Join(parts, ", ")
}

func lintPlural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%s %ss", lintThousands(n), word)
}

// lintThousands writes 22091 as 22,091: grant counts run into the tens of
// lintThousands and are read, not parsed.
func lintThousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

type lintGrantsJSON struct {
	File     string            `json:"file"`
	Findings []lintFindingJSON `json:"findings,omitempty"`
	Grants   *lint.Grants      `json:"grants,omitempty"`
}

func lintWriteGrantsJSON(w io.Writer, files []lintedFile) error {
	out := make([]lintGrantsJSON, 0, len(files))
	for _, f := range files {
		g := lintGrantsJSON{File: f.name, Grants: f.grants}
		if f.grants == nil {
			for _, fd := range f.findings {
				if fd.Severity == diag.Error {
					g.Findings = append(g.Findings, lintFindingJSON{File: f.name, Line: fd.Line, Col: fd.Col, Severity: fd.Severity, Code: fd.Code, Message: fd.Message, Advice: fd.Expected})
				}
			}
		}
		out = append(out, g)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// Without --all, long lists are cut to their first few entries: the
// counts carry the lesson, the names are examples.
const (
	lintNamesWidth       = 80 // characters of action names on one line
	lintServicesShown    = 12
	lintDetailedServices = 3
)

func lintWriteGrantsText(w io.Writer, f lintedFile, all bool) {
	if f.grants == nil {
		fmt.Fprintf(w, "%s: cannot list grants; the policy has errors:\n", f.name)
		for _, fd := range f.findings {
			if fd.Severity == diag.Error {
				fmt.Fprintf(w, "%s:%d:%d: %s: %s\n    %s\n", f.name, fd.Line, fd.Col, fd.Code, fd.Message, fd.Expected)
			}
		}
		fmt.Fprintln(w)
		return
	}
	g := f.grants
	fmt.Fprintf(w, "%s (%s); the catalogue knows %s actions\n\n", f.name, g.Type, lintThousands(g.Catalogue))
	for _, s := range g.Statements {
		lintWriteStatement(w, s, g.Catalogue, all)
	}
	fmt.Fprintf(w, "In all: allows %s.\n", lintCountIn(g.Allowed))
	if g.Denied.Count > 0 {
		gone := g.Allowed.Count - g.Net.Count
		fmt.Fprintf(w, "Deny statements cover %s; %s of the allowed ones %s denied on every resource with no condition, leaving %s:\n",
			lintPlural(g.Denied.Count, "action"), lintThousands(gone), lintWere(gone), lintThousands(g.Net.Count))
	}
	lintWriteServiceLines(w, "  ", g.Net, all)
	fmt.Fprintln(w)
}

func lintWere(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

func lintCountIn(a lint.ActionSet) string {
	return fmt.Sprintf("%s in %s", lintPlural(a.Count, "action"), lintPlural(len(a.Services), "service"))
}

// lintInapplicableShown is how many actions that grant nothing a
// statement lists without --all.
const lintInapplicableShown = 6

func lintWriteStatement(w io.Writer, s lint.StatementGrants, catalogue int, all bool) {
	verb := "allows"
	if s.Effect == "Deny" {
		verb = "denies"
	}
	elem := "Action"
	if s.NotAction {
		elem = "NotAction"
	}
	fmt.Fprintf(w, "  %s %s %s %s", s.Label(), s.Effect, elem, strings.Join(s.Patterns, ", "))
	if len(s.Resources) > 0 {
		re := "on"
		if s.NotResource {
			re = "on all but"
		}
		fmt.Fprintf(w, " %s %s", re, strings.Join(s.Resources, ", "))
	}
	fmt.Fprintln(w)
	line := fmt.Sprintf("    %s %s", verb, lintCountIn(s.Actions))
	if s.NotAction {
		line = fmt.Sprintf("    %s every action but these: %s of the catalogue's %s, in %s",
			verb, lintThousands(s.Actions.Count), lintThousands(catalogue), lintPlural(len(s.Actions.Services), "service"))
	}
	if s.Conditional {
		line += " (when the Condition holds)"
	}
	fmt.Fprintln(w, line)
	if len(s.Unmatched) > 0 {
		fmt.Fprintf(w, "    matching nothing: %s\n", strings.Join(s.Unmatched, ", "))
	}
	if n := len(s.Inapplicable); n > 0 {
		// The pairs lint reports as resource-mismatch or star-only-action:
		// no listed Resource is of a type the action acts on.
		names := s.Inapplicable
		if !all && n > lintInapplicableShown {
			names = append(slices.Clip(names[:lintInapplicableShown]), fmt.Sprintf("and %d more (--all lists them)", n-lintInapplicableShown))
		}
		fmt.Fprintf(w, "    %s nothing (no listed Resource is of a type they act on): %s\n", strings.TrimSuffix(verb, "s")+"ing", strings.Join(names, ", "))
	}
	// Beyond a few services the names stop teaching anything; one line
	// per service shows the spread instead.
	if !all && len(s.Actions.Services) > lintDetailedServices {
		lintWriteServiceLines(w, "      ", s.Actions, all)
		fmt.Fprintln(w)
		return
	}
	for _, sv := range s.Actions.Services {
		fmt.Fprintf(w, "      %s (%s): %s of %s\n", sv.Prefix, sv.Name, lintThousands(sv.Count), lintThousands(sv.Total))
		for _, l := range sv.Levels {
			names := l.Actions
			if !all {
				names = lintFit(names, lintNamesWidth)
			}
			more := ""
			if len(names) < len(l.Actions) {
				more = fmt.Sprintf(", … and %d more", len(l.Actions)-len(names))
			}
			fmt.Fprintf(w, "        %-22s %5s  %s%s\n", l.Level, lintThousands(l.Count), strings.Join(names, ", "), more)
		}
	}
	fmt.Fprintln(w)
}

// lintFit keeps the leading names that fit in width characters, at least
// one, so a level's line stays readable in a terminal.
func lintFit(names []string, width int) []string {
	n := 0
	for i, name := range names {
		n += len(name) + 2
		if n > width && i > 0 {
			return names[:i]
		}
	}
	return names
}

// lintWriteServiceLines is the one-line-per-service view of a whole policy.
func lintWriteServiceLines(w io.Writer, indent string, a lint.ActionSet, all bool) {
	services := a.Services
	if !all && len(services) > lintServicesShown {
		services = lintBiggest(services, lintServicesShown)
	}
	for _, sv := range services {
		var lv []string
		for _, l := range sv.Levels {
			lv = append(lv, fmt.Sprintf("%s %s", l.Level, lintThousands(l.Count)))
		}
		fmt.Fprintf(w, "%s%s (%s): %s of %s; %s\n", indent, sv.Prefix, sv.Name, lintThousands(sv.Count), lintThousands(sv.Total), strings.Join(lv, ", "))
	}
	if len(services) < len(a.Services) {
		fmt.Fprintf(w, "%s… and %d more services (--all lists them)\n", indent, len(a.Services)-len(services))
	}
}

// lintBiggest keeps the n services with most actions, in prefix order.
func lintBiggest(svcs []lint.ServiceGrants, n int) []lint.ServiceGrants {
	s := append([]lint.ServiceGrants(nil), svcs...)
	sort.SliceStable(s, func(i, j int) bool { return s[i].Count > s[j].Count })
	s = s[:n]
	sort.Slice(s, func(i, j int) bool { return s[i].Prefix < s[j].Prefix })
	return s
}
