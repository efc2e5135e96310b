package scenarios

import (
	"fmt"
	"strings"

	"github.com/iamlab/iamlab/internal/curriculum"
	"github.com/iamlab/iamlab/internal/diag"
	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/sandbox"
)

// loadScenario reads and compiles one scenario file. It returns nil when
// the scenario cannot be used; the reasons are in the pack's problems.
func (l *loader) loadScenario(rel string) (s *Scenario) {
	l.todos = nil
	// One scenario must not take the library down, whatever its content.
	defer func() {
		if r := recover(); r != nil {
			s = nil
			l.add(diag.Diagnostic{Code: CodeUnreadable, Severity: diag.Error, File: l.pfs.display(rel), Line: 1, Col: 1,
				Message: fmt.Sprintf("iamlab failed while loading this file (%v)", r), Expected: "please report it with the file attached"})
		}
	}()
	src, f := l.pfs.read(rel)
	if f != nil {
		l.add(*f)
		return nil
	}
	var sf scenarioFile
	doc, fs := l.cache.decode(l.pfs.display(rel), src, &sf, scenarioNames)
	if doc == nil {
		l.add(fs...)
		return nil
	}
	before := len(l.pack.Problems)
	l.add(fs...)
	s = &Scenario{
		ID: sf.ID, Version: max(sf.Version, 1), Kind: Kind(sf.Kind),
		Difficulty: sf.Difficulty, Minutes: sf.Minutes,
		Pack: l.pack.ID, PackVersion: l.pack.Version, File: doc.file, doc: doc,
	}
	s.Title = l.text(doc, "title", sf.Title)
	l.header(doc, &sf, s)
	s.Briefing = l.prose(doc, "briefing", sf.Briefing, sf.BriefingFile, true)
	s.Debrief = l.prose(doc, "debrief", sf.Debrief, sf.DebriefFile, true)
	s.Hints = l.hints(doc, s.Kind, sf.Hints)

	bw := l.world(doc, &sf)
	if bw == nil {
		return nil
	}
	s.World, s.Account, s.WorldName, s.where = bw.world, bw.account, sf.World.Name, bw.where
	s.todo = append(s.todo, scanTODO(doc.file, string(src))...)
	s.todo = append(s.todo, l.todos...)
	l.todos = nil
	l.editable(doc, s, bw, sf.Editable)
	for i, c := range sf.Checks {
		s.Checks = append(s.Checks, l.check(doc, pth("checks", i), c, s, bw))
	}
	l.solution(doc, s, bw, sf.Solution, sf.Alternatives)
	s.BroaderReference = strings.TrimSpace(sf.BroaderReference)
	l.kindParts(doc, s, &sf, bw)

	if diag.HasErrors(l.pack.Problems[before:]) {
		return nil
	}
	return s
}

// header checks the fields that place a scenario in the curriculum.
func (l *loader) header(doc *yamlDoc, sf *scenarioFile, s *Scenario) {
	switch {
	case sf.ID == "":
		l.add(doc.at("id", CodeMissing, "id is missing", "a stable kebab-case id, e.g. two-groups-one-bucket; never change it once published"))
	case !idPattern.MatchString(sf.ID):
		l.add(doc.at("id", CodeBadValue, fmt.Sprintf("id %q is not kebab-case", sf.ID), "lower-case letters, digits and dashes"))
	}
	if strings.TrimSpace(s.Title) == "" {
		l.add(doc.at("title", CodeMissing, "title is missing", "a short title, e.g. \"Two groups, one bucket\""))
	}
	switch s.Kind {
	case Build, Predict, Choose:
	case "":
		l.add(doc.at("kind", CodeMissing, "kind is missing", "kind: build, predict or choose"))
	default:
		l.add(doc.at("kind", CodeBadValue, fmt.Sprintf("unknown kind %q", sf.Kind), "build, predict or choose"))
	}
	if len(sf.Exam) == 0 {
		l.add(doc.at("exam", CodeUntagged, "the scenario has no exam task", "exam: [SAA-C03:1.1] — at least one task id from docs/curriculum.md"))
	}
	for i, t := range sf.Exam {
		task, err := curriculum.ParseTaskID(t)
		if err != nil {
			l.add(doc.at(pth("exam", i), CodeBadTask, err.Error(), "a task id such as SAA-C03:1.1, SCS-C02:4.2 or SCS-C03:4.2.3"))
			continue
		}
		s.Exam = append(s.Exam, task)
	}
	if len(sf.Topics) == 0 || len(sf.Topics) > 3 {
		l.add(doc.at("topics", CodeMissing, fmt.Sprintf("%d topics", len(sf.Topics)), "1 to 3 topic ids from docs/curriculum.md, e.g. [explicit-deny]"))
	}
	for i, t := range sf.Topics {
		topic, err := curriculum.ParseTopicID(t)
		if err != nil {
			l.add(doc.at(pth("topics", i), CodeBadTopic, err.Error(), ""))
			continue
		}
		s.Topics = append(s.Topics, topic)
	}
	if sf.Difficulty < 1 || sf.Difficulty > 3 {
		l.add(doc.at("difficulty", CodeBadValue, fmt.Sprintf("difficulty %d", sf.Difficulty), "1 (warm-up), 2 (exam level) or 3 (exam-hard)"))
	}
	if sf.Minutes < 1 || sf.Minutes > 120 {
		l.add(doc.at("minutes", CodeBadValue, fmt.Sprintf("minutes %d", sf.Minutes), "estimated minutes to solve, 1 to 120"))
	}
}

// prose returns a text written inline or in a Markdown file of the pack.
func (l *loader) prose(doc *yamlDoc, field, inline, file string, required bool) string {
	fileField := field + "File"
	switch {
	case inline != "" && file != "":
		l.add(doc.at(fileField, CodeBadValue, fmt.Sprintf("both %s and %s are set", field, fileField), "write the text inline or in a file, not both"))
		return ""
	case file != "":
		t, _ := l.fileText(doc, fileField, file)
		return t
	case strings.TrimSpace(inline) == "":
		if required {
			l.add(doc.at(field, CodeMissing, field+" is missing", fmt.Sprintf("%s: | (Markdown) or %s: %ss/<id>.md", field, fileField, field)))
		}
		return ""
	}
	return l.text(doc, field, inline)
}

// hints wants the four rungs of the ladder: general, concept, pointer, answer.
func (l *loader) hints(doc *yamlDoc, k Kind, hs []string) []string {
	if len(hs) == 0 && k == Choose {
		return nil
	}
	if len(hs) != 4 {
		l.add(doc.at("hints", CodeHints, fmt.Sprintf("%d hints", len(hs)), "exactly 4 rungs: a general nudge, the concept, a pointer at the deciding statement, the answer"))
	}
	out := make([]string, len(hs))
	for i, h := range hs {
		if strings.TrimSpace(h) == "" {
			l.add(doc.at(pth("hints", i), CodeHints, fmt.Sprintf("hint %d is empty", i+1), "every rung needs text"))
		}
		out[i] = l.text(doc, pth("hints", i), h)
	}
	return out
}

func (l *loader) editable(doc *yamlDoc, s *Scenario, bw *builtWorld, ids []string) {
	if s.Kind == Build && len(ids) == 0 {
		l.add(doc.at("editable", CodeMissing, "a build scenario lists no editable documents", "editable: [policy:111122223333/MyPolicy]"))
	}
	for i, id := range ids {
		d, ok := bw.world.Document(id)
		if !ok {
			l.add(doc.at(pth("editable", i), CodeUnknownRef, fmt.Sprintf("the world has no document %q", id), suggestion(id, bw.docIDs())))
			continue
		}
		if d.AWSManaged {
			l.add(doc.at(pth("editable", i), CodeBadValue, fmt.Sprintf("%q is an AWS managed policy, which nobody can edit", id), "attach a customer managed policy and make that editable"))
			continue
		}
		s.Editable = append(s.Editable, id)
	}
}

var (
	expects = []string{string(ExpectAllowed), string(ExpectDenied), string(ExpectExplicitDeny), string(ExpectImplicitDeny)}
	layers  = []string{string(eval.LayerSCP), string(eval.LayerRCP), string(eval.LayerEndpoint), string(eval.LayerResource), string(eval.LayerIdentity), string(eval.LayerBoundary), string(eval.LayerSession), string(sandbox.LayerServiceRule), string(eval.LayerRoot)}
)

func (l *loader) check(doc *yamlDoc, at string, cf checkFile, s *Scenario, bw *builtWorld) Check {
	c := Check{Call: l.call(doc, at, cf.call(), bw), Expect: Expect(cf.Expect), DecidedBy: eval.Layer(cf.DecidedBy), Hidden: cf.Hidden, path: at}
	c.Name = l.text(doc, join(at, "name"), cf.Name)
	if c.Name == "" {
		c.Name = strings.TrimSpace(fmt.Sprintf("%s %s %s", cf.As, cf.Action, cf.Resource))
	}
	if !contains(expects, cf.Expect) {
		l.add(doc.at(join(at, "expect"), pick(cf.Expect == "", CodeMissing, CodeBadValue), fmt.Sprintf("expect %q", cf.Expect), "one of: "+strings.Join(expects, ", ")+suggestSuffix(cf.Expect, expects)))
	}
	if cf.DecidedBy != "" && !contains(layers, cf.DecidedBy) {
		l.add(doc.at(join(at, "decidedBy"), CodeBadValue, fmt.Sprintf("decidedBy %q", cf.DecidedBy), "one of: "+strings.Join(layers, ", ")+suggestSuffix(cf.DecidedBy, layers)))
	}
	return c
}

// call converts a request and checks what can be checked without running
// it: required parts and a caller phrase the sandbox understands.
func (l *loader) call(doc *yamlDoc, at string, cf callFile, bw *builtWorld) sandbox.Call {
	c := cf.Sandbox(bw.account)
	if strings.TrimSpace(cf.As) == "" {
		l.add(doc.at(join(at, "as"), CodeMissing, "as is missing", "who makes the request, e.g. as: user dana"))
	} else if _, err := sandbox.ParseCaller(cf.As); err != nil {
		l.add(doc.at(join(at, "as"), CodeCall, err.Error(), "a caller phrase from docs/authoring.md"))
	}
	if strings.TrimSpace(cf.Action) == "" {
		l.add(doc.at(join(at, "action"), CodeMissing, "action is missing", "an IAM action, e.g. s3:GetObject"))
	} else if !strings.Contains(cf.Action, ":") {
		l.add(doc.at(join(at, "action"), CodeBadValue, fmt.Sprintf("action %q has no service prefix", cf.Action), "service:Action, e.g. s3:GetObject"))
	}
	if cf.SessionPolicy != "" {
		if _, ok := bw.world.Document(cf.SessionPolicy); !ok {
			l.add(doc.at(join(at, "sessionPolicy"), CodeUnknownRef, fmt.Sprintf("the world has no document %q", cf.SessionPolicy), "session:<name> of a policy under sessionPolicies"))
		}
	}
	return c
}

func (l *loader) solution(doc *yamlDoc, s *Scenario, bw *builtWorld, sol map[string]source, alts []alternativeFile) {
	if s.Kind != Build && s.Kind != Predict && s.Kind != Choose {
		return // the kind is wrong already; do not pile up findings
	}
	if s.Kind != Build {
		if len(sol) > 0 {
			l.add(doc.at("solution", CodeBadValue, "only build scenarios have a reference solution", "remove solution, or make the scenario kind: build"))
		}
		if len(alts) > 0 {
			l.add(doc.at("alternatives", CodeBadValue, "only build scenarios have alternative solutions", "remove alternatives, or make the scenario kind: build"))
		}
		return
	}
	if len(sol) == 0 {
		l.add(doc.at("solution", CodeMissing, "a build scenario needs a reference solution", "solution: {<editable document id>: {file: policies/x.json}}"))
		return
	}
	s.Solution, s.solWhere = l.policies(doc, "solution", s, bw, sol)
	for i, a := range alts {
		at := pth("alternatives", i)
		name := l.text(doc, join(at, "name"), a.Name)
		if strings.TrimSpace(name) == "" {
			l.add(doc.at(at, CodeMissing, fmt.Sprintf("alternative %d has no name", i+1), "name: what makes this form different, e.g. one statement, both ARNs"))
		}
		if len(a.Solution) == 0 {
			l.add(doc.at(at, CodeMissing, fmt.Sprintf("alternative %d has no solution", i+1), "solution: {<editable document id>: {document: ...}}"))
			continue
		}
		texts, where := l.policies(doc, join(at, "solution"), s, bw, a.Solution)
		s.Alternatives = append(s.Alternatives, Alternative{Name: name, Solution: texts, path: at})
		s.altWhere = append(s.altWhere, where)
	}
	if s.Kind == Build && len(s.Checks) == 0 {
		l.add(doc.at("checks", CodeMissing, "a build scenario has no checks", "checks: requests with the decision each must get"))
	}
}

// policies reads a solution's documents (document ID → policy), each of
// which must be editable and parse as its document's type.
func (l *loader) policies(doc *yamlDoc, base string, s *Scenario, bw *builtWorld, sol map[string]source) (map[string]string, map[string]policyText) {
	texts, where := map[string]string{}, map[string]policyText{}
	for id, src := range sol {
		at := pth(base, id)
		if !contains(s.Editable, id) {
			hint := "list it under editable"
			if len(s.Editable) > 0 {
				hint += ", or use one of: " + strings.Join(s.Editable, ", ")
			}
			l.add(doc.at(at, CodeUnknownRef, fmt.Sprintf("the solution changes %q, which is not editable", id), hint))
			continue
		}
		text, ok := l.policySource(doc, at, src)
		if !ok {
			continue
		}
		d, _ := bw.world.Document(id)
		if _, err := eval.Parse([]byte(text.text), d.Type); err != nil {
			l.policyErrors(text, err)
			continue
		}
		texts[id] = text.text
		where[id] = text
	}
	return texts, where
}

func (l *loader) kindParts(doc *yamlDoc, s *Scenario, sf *scenarioFile, bw *builtWorld) {
	if sf.Predict != nil && s.Kind != Predict {
		l.add(doc.at("predict", CodeBadValue, "predict is set but kind is not predict", "kind: predict, or remove predict"))
	}
	if sf.Choose != nil && s.Kind != Choose {
		l.add(doc.at("choose", CodeBadValue, "choose is set but kind is not choose", "kind: choose, or remove choose"))
	}
	switch s.Kind {
	case Predict:
		if sf.Predict == nil {
			l.add(doc.at("predict", CodeMissing, "a predict scenario needs predict: {call, answer}", "see docs/authoring.md"))
			return
		}
		p := sf.Predict
		s.Predict = &PredictTask{Call: l.call(doc, pth("predict", "call"), p.Call, bw), Decision: eval.Decision(p.Answer.Decision), DecidedBy: eval.Layer(p.Answer.DecidedBy)}
		s.Predict.Why = l.text(doc, pth("predict", "why"), p.Why)
		exact := []string{string(eval.Allowed), string(eval.ExplicitDeny), string(eval.ImplicitDeny)}
		if !contains(exact, p.Answer.Decision) {
			l.add(doc.at(pth("predict", "answer", "decision"), pick(p.Answer.Decision == "", CodeMissing, CodeBadValue), fmt.Sprintf("decision %q", p.Answer.Decision), "exactly one of: "+strings.Join(exact, ", ")))
		}
		if !contains(layers, p.Answer.DecidedBy) {
			l.add(doc.at(pth("predict", "answer", "decidedBy"), pick(p.Answer.DecidedBy == "", CodeMissing, CodeBadValue), fmt.Sprintf("decidedBy %q", p.Answer.DecidedBy), "the deciding layer, one of: "+strings.Join(layers, ", ")))
		}
	case Choose:
		if sf.Choose == nil {
			l.add(doc.at("choose", CodeMissing, "a choose scenario needs choose: {question, options}", "see docs/authoring.md"))
			return
		}
		c := &ChooseTask{Question: l.text(doc, pth("choose", "question"), sf.Choose.Question)}
		if strings.TrimSpace(c.Question) == "" {
			l.add(doc.at(pth("choose", "question"), CodeMissing, "question is missing", "the question as the exam would ask it"))
		}
		if len(sf.Choose.Options) < 2 {
			l.add(doc.at(pth("choose", "options"), CodeChoice, fmt.Sprintf("%d options", len(sf.Choose.Options)), "at least 2 options (the exam uses 4 or 5)"))
		}
		for i, o := range sf.Choose.Options {
			at := pth("choose", "options", i)
			opt := Option{Text: l.text(doc, join(at, "text"), o.Text), Correct: o.Correct, Why: l.text(doc, join(at, "why"), o.Why)}
			if strings.TrimSpace(opt.Text) == "" {
				l.add(doc.at(join(at, "text"), CodeChoice, fmt.Sprintf("option %d has no text", i+1), "the answer as the learner sees it"))
			}
			if strings.TrimSpace(opt.Why) == "" {
				l.add(doc.at(join(at, "why"), CodeChoice, fmt.Sprintf("option %d has no rationale", i+1), "why: one or two sentences on why it is right or wrong"))
			}
			c.Options = append(c.Options, opt)
		}
		if len(c.Options) > 0 && !c.hasCorrect() {
			l.add(doc.at(pth("choose", "options"), CodeChoice, "no option is marked correct", "correct: true on the right answer(s)"))
		}
		s.Choose = c
	}
}

func (c *ChooseTask) hasCorrect() bool {
	for _, o := range c.Options {
		if o.Correct {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func pick[T any](cond bool, a, b T) T {
	if cond {
		return a
	}
	return b
}

func suggestSuffix(s string, names []string) string {
	if c := closest(s, names); c != "" && s != "" {
		return fmt.Sprintf(" (did you mean %q?)", c)
	}
	return ""
}
