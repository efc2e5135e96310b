package scenarios

import (
	"fmt"
	"strings"

	"github.com/iamlab/iamlab/internal/diag"
	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/lint"
	"github.com/iamlab/iamlab/internal/sandbox"
)

// CheckLibrary runs the authoring checks of `iamlab check` over every pack:
// loading problems, then for each usable scenario the checks that need the
// engine. Findings are sorted by file and position.
func CheckLibrary(lib *Library) []diag.Diagnostic {
	// Clashes of ids between packs are among the packs' problems already
	// (LoadLibrary's markClashes).
	var out []diag.Diagnostic
	for _, p := range lib.Packs {
		out = append(out, p.Problems...)
		if p.Broken {
			continue
		}
		for _, s := range p.Scenarios {
			out = append(out, CheckScenario(s)...)
		}
	}
	diag.Sort(out)
	return out
}

// CheckScenario runs the engine-backed checks on one loaded scenario.
func CheckScenario(s *Scenario) (out []diag.Diagnostic) {
	c := &checker{s: s}
	defer func() {
		if r := recover(); r != nil {
			out = append(c.out, diag.Diagnostic{Code: CodeCall, Severity: diag.Error, File: s.File, Line: 1, Col: 1, Subject: s.ID,
				Message: fmt.Sprintf("iamlab failed while checking this scenario (%v)", r), Expected: "please report it with the pack attached"})
		}
	}()
	c.todos()
	c.lintWorld()
	switch s.Kind {
	case Build:
		c.build()
	case Predict:
		c.facts("the world")
		c.predict()
	case Choose:
		c.facts("the world")
	}
	return c.out
}

type checker struct {
	s   *Scenario
	out []diag.Diagnostic
}

func (c *checker) add(f diag.Diagnostic) {
	f.Subject = c.s.ID
	c.out = append(c.out, f)
}

// build: the reference passes every check, the start fails at least one.
func (c *checker) build() {
	s := c.s
	start := RunChecks(s, s.World)
	for _, r := range start {
		if r.Err != nil {
			c.add(s.doc.at(callField(r.Check.path, r.Check.Call, r.Err), CodeCall, "the call cannot be made: "+r.Err.Error(), "a caller, action and resource that exist in the world"))
		}
	}
	if len(start) > 0 && Passed(start) == len(start) {
		c.add(s.doc.at("checks", CodeStartPasses, "the starting state already passes every check", "the learner must have something to fix: make at least one check fail before the edit"))
	}
	sw, err := SolutionWorld(s)
	if err != nil {
		c.add(s.doc.at("solution", CodeSolutionFails, "the reference solution cannot be applied: "+err.Error(), ""))
		return
	}
	refPasses := true
	for _, r := range RunChecks(s, sw) {
		if r.Err == nil && !r.Pass {
			refPasses = false
			c.add(s.doc.at(r.Check.path, CodeSolutionFails, fmt.Sprintf("with the reference solution, %q gets %s", r.Check.Name, r.Got), "want "+r.Want+"; fix the solution or the check"))
		}
	}
	for id, src := range s.Solution {
		d, _ := s.World.Document(id)
		c.lint(src, d.Type, s.solWhere[id], "the solution for "+id, true)
	}
	c.alternatives()
	if refPasses {
		c.againstGenerated(sw) // a failing reference is reported already
	}
}

// alternatives: every accepted solution besides the reference passes every
// check and scores par, so a learner who writes it is never marked down.
func (c *checker) alternatives() {
	s := c.s
	for i, a := range s.Alternatives {
		what := fmt.Sprintf("alternative %q", a.Name)
		w, err := AlternativeWorld(s, i)
		if err != nil {
			c.add(s.doc.at(a.path, CodeSolutionFails, what+" cannot be applied: "+err.Error(), ""))
			continue
		}
		for _, r := range RunChecks(s, w) {
			if r.Err == nil && !r.Pass {
				c.add(s.doc.at(a.path, CodeSolutionFails, fmt.Sprintf("with %s, %q gets %s", what, r.Check.Name, r.Got), "want "+r.Want+"; an alternative must pass every check"))
			}
		}
		if lp := CompareLeastPrivilege(s, w); lp.Learner != lp.Par {
			c.add(s.doc.at(a.path, CodeSolutionFails, fmt.Sprintf("%s has breadth %d, the reference %d (%s)", what, lp.Learner, lp.Par, lp.Verdict),
				"an alternative must score par: grant what the reference grants, in another form"))
		}
		for id, src := range a.Solution {
			d, _ := s.World.Document(id)
			c.lint(src, d.Type, s.altWhere[i][id], fmt.Sprintf("%s for %s", what, id), true)
		}
	}
}

// facts: in predict and choose scenarios, checks state facts about the
// world that the question relies on; the engine must agree with each.
func (c *checker) facts(what string) {
	for _, r := range RunChecks(c.s, c.s.World) {
		switch {
		case r.Err != nil:
			c.add(c.s.doc.at(callField(r.Check.path, r.Check.Call, r.Err), CodeCall, "the call cannot be made: "+r.Err.Error(), "a caller, action and resource that exist in the world"))
		case !r.Pass:
			c.add(c.s.doc.at(r.Check.path, CodeAnswerKey, fmt.Sprintf("in %s, %q gets %s", what, r.Check.Name, r.Got), "the engine disagrees with the answer key: want "+r.Want))
		}
	}
}

func (c *checker) predict() {
	p := c.s.Predict
	o, err := PredictOutcome(c.s, c.s.World)
	if err != nil {
		c.add(c.s.doc.at(callField(pth("predict", "call"), p.Call, err), CodeCall, "the call cannot be made: "+err.Error(), "a caller, action and resource that exist in the world"))
		return
	}
	if o.Decision != p.Decision || o.DecidedBy != p.DecidedBy {
		c.add(c.s.doc.at(pth("predict", "answer"), CodeAnswerKey,
			fmt.Sprintf("the engine says %s, the answer key says %s", describe(o.Decision, o.DecidedBy), describe(p.Decision, p.DecidedBy)),
			"fix the answer or the world; the engine's reason: "+o.Reason))
	}
}

// callField points a call error at the field it is about: the resource or
// the action when the sandbox's message quotes them, the caller otherwise.
func callField(at string, c sandbox.Call, err error) string {
	msg := err.Error()
	switch {
	case c.Resource != "" && strings.Contains(msg, c.Resource):
		return join(at, "resource")
	case c.Action != "" && strings.Contains(msg, c.Action):
		return join(at, "action")
	}
	return join(at, "as")
}

// lintWorld lints every document the author wrote in the world. Starting
// policies are often wrong on purpose, so only errors are findings there;
// the reference solution gets the full linter (see build).
func (c *checker) lintWorld() {
	for _, d := range c.s.World.Documents() {
		if d.AWSManaged || d.Source == "" || d.Err != nil {
			continue // parse errors were reported at load
		}
		pt, ok := c.s.where[d.ID]
		if !ok {
			pt = policyText{file: d.File, line: max(d.Line, 1), col: 1, exact: true}
		}
		c.lint(d.Source, d.Type, pt, d.ID, false)
	}
}

func (c *checker) lint(src string, typ eval.PolicyType, pt policyText, what string, full bool) {
	for _, lf := range lint.Policy([]byte(src), typ) {
		if lf.Severity == diag.Suggestion || (!full && lf.Severity != diag.Error) {
			continue
		}
		sev := diag.Warning
		if lf.Severity == diag.Error {
			sev = diag.Error
		}
		line, col := pt.at(lf.Line, lf.Col)
		c.add(diag.Diagnostic{Code: CodePolicyLint, Severity: sev, File: pt.file, Line: line, Col: col,
			Message: fmt.Sprintf("%s (%s): %s", lf.Code, what, lf.Message), Expected: lf.Expected})
	}
}

// todos reports the TODO markers `iamlab new scenario` leaves, so a
// scaffold cannot be published by accident.
func (c *checker) todos() {
	for _, t := range c.s.todo {
		c.add(t)
	}
}

// scanTODO finds TODO markers in a file's text.
func scanTODO(file, text string) []diag.Diagnostic {
	var out []diag.Diagnostic
	for i, line := range strings.Split(text, "\n") {
		col := strings.Index(line, "TODO")
		if col < 0 {
			continue
		}
		what := strings.TrimSpace(line[col+len("TODO"):])
		what = strings.TrimSpace(strings.TrimLeft(what, ":"))
		what = strings.TrimRight(strings.Trim(what, `"'`), ".")
		msg := "TODO left"
		if what != "" {
			msg += ": " + what
		}
		out = append(out, diag.Diagnostic{Code: CodeTODO, Severity: diag.Error, File: file, Line: i + 1, Col: len([]rune(line[:col])) + 1,
			Message: msg, Expected: "replace it before publishing"})
	}
	return out
}
