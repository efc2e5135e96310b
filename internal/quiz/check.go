package quiz

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/iamlab/iamlab/internal/curriculum"
	"github.com/iamlab/iamlab/internal/diag"
)

var kebab = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`) })

// Check validates a loaded bank: unique kebab-case ids; every item tagged
// with at least one known exam task and one to three known topics; a stem,
// a difficulty of 1–3 and an explanation; a rationale for every option,
// step and pair; exactly one correct option for single, exactly `choose`
// for multiple; well-formed ordering and matching items; and, for policy
// items, a world the sandbox accepts, a call it can resolve and a stated
// answer that agrees with the engine. Findings come sorted by position.
func Check(b *Bank) []diag.Diagnostic {
	var out []diag.Diagnostic
	first := map[string]*Item{}
	for _, it := range b.Items {
		m := b.meta[it]
		if m == nil {
			continue // generated items are correct by construction
		}
		c := checker{it: it, p: m.pos}
		c.header(first)
		switch it.Type {
		case Single, Multiple:
			c.choice(m.raw)
		case Ordering:
			c.ordering()
		case Matching:
			c.matching()
		case Policy:
			c.fs = append(c.fs, m.issues...)
			c.policy()
		}
		out = append(out, c.fs...)
	}
	diag.Sort(out)
	return out
}

type checker struct {
	it *Item
	p  *positions
	fs []diag.Diagnostic
}

func (c *checker) err(path, code, format string, args ...any) {
	c.fs = append(c.fs, c.p.at(path, diag.Error, code, c.it.ID, format, args...))
}

func (c *checker) warn(path, code, format string, args ...any) {
	c.fs = append(c.fs, c.p.at(path, diag.Warning, code, c.it.ID, format, args...))
}

func (c *checker) header(first map[string]*Item) {
	it := c.it
	switch {
	case it.ID == "":
		c.err("id", CodeMissing, "the item has no id; expected a stable kebab-case id such as id: scp-never-grants-admin")
	case !kebab().MatchString(it.ID):
		c.err("id", CodeBadValue, "id %q is not kebab-case; expected lower-case words joined by hyphens, e.g. %q", it.ID, suggestKebab(it.ID))
	default:
		if prev, dup := first[it.ID]; dup {
			c.err("id", CodeDuplicateID, "id %q is also used at %s:%d; ids must be unique across the bank", it.ID, prev.File, prev.Line)
		} else {
			first[it.ID] = it
		}
	}
	if strings.TrimSpace(it.Stem) == "" && it.Type != Policy {
		c.err("stem", CodeMissing, "item %q has no stem; expected the question in Markdown", it.ID)
	}
	if strings.TrimSpace(it.Explanation) == "" {
		c.err("explanation", CodeMissing, "item %q has no explanation; expected the general rule behind the answer", it.ID)
	}
	if it.Difficulty < 1 || it.Difficulty > 3 {
		c.err("difficulty", pick(it.Difficulty == 0, CodeMissing, CodeBadValue), "difficulty %d: expected 1 (recall), 2 (apply) or 3 (combine rules)", it.Difficulty)
	}
	for i, src := range it.Sources {
		if !awsDocURL().MatchString(strings.TrimSpace(src)) {
			c.err(joinPath("sources", i), CodeBadValue, "source %q: expected the https URL of an AWS documentation page, e.g. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html", src)
		}
	}
	if phrase, ok := dependentStem(it.Stem); ok {
		c.err("stem", CodeDependentStem, "the stem leans on another item (%q): items are drawn alone and shuffled, so name the principal, the policy and the situation in this stem", phrase)
	}
	if len(it.Exam) == 0 {
		c.err("exam", CodeUntagged, "item %q has no exam task; expected e.g. exam: [SAA-C03 1.1, SCS-C03 4.2.3]", it.ID)
	}
	current := false
	for i, t := range it.Exam {
		tk, ok := curriculum.TaskByID(t)
		if !ok {
			_, err := curriculum.ParseTaskID(t)
			c.err(joinPath("exam", i), CodeBadTask, "%v", err)
			continue
		}
		if tk.History {
			c.warn(joinPath("exam", i), CodeBadTask, "%s %s is kept for saved history only; tag the statement the item serves, such as %s", tk.Exam, tk.Code, historyHint(tk))
		}
		if ex, err := curriculum.ExamByID(tk.Exam); err == nil && ex.Retired.IsZero() && !tk.History {
			current = true
		}
	}
	if len(it.Exam) > 0 && !current {
		c.err("exam", CodeUntagged, "item %q has no task on a current exam, so no mock exam can draw it; add one, e.g. SCS-C03 4.2.3 or SAA-C03 1.1", it.ID)
	}
	if len(it.Topics) == 0 {
		c.err("topics", CodeUntagged, "item %q has no topic; expected one to three curriculum topic ids, e.g. topics: [explicit-deny]", it.ID)
	} else if len(it.Topics) > 3 {
		c.warn("topics", CodeBadValue, "item %q has %d topics; tag the one to three it is really about", it.ID, len(it.Topics))
	}
	seen := map[string]bool{}
	for i, t := range it.Topics {
		if _, err := curriculum.ParseTopicID(t); err != nil {
			c.err(joinPath("topics", i), CodeBadTopic, "%v", err)
		} else if t != strings.ToLower(strings.TrimSpace(t)) {
			c.err(joinPath("topics", i), CodeBadTopic, "topic %q: write topic ids in lower case, exactly as the curriculum lists them", t)
		}
		if seen[t] {
			c.warn(joinPath("topics", i), CodeDuplicateID, "topic %q is listed twice", t)
		}
		seen[t] = true
	}
}

// historyHint names the statements that replaced a history-only one.
func historyHint(tk curriculum.Task) string {
	var codes []string
	ex, _ := curriculum.ExamByID(tk.Exam)
	for _, t := range ex.Tasks() {
		if t.Domain == tk.Domain {
			codes = append(codes, tk.Exam+" "+t.Code)
		}
	}
	return strings.Join(codes, ", ")
}

// awsDocURL accepts the pages a key may rest on: AWS documentation and
// AWS's own pages (product FAQs, the security blog).
var awsDocURL = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^https://(docs\.aws\.amazon\.com|aws\.amazon\.com|repost\.aws)/\S+$`)
})

var (
	// Openings that only make sense after another item: "The same user…",
	// "The previous policy…", "After the MFA policy is fixed…", "Now…".
	dependentOpening = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)^(the same|same|the previous|previously|now|again|then|next|after the\b[^.?!]{0,60}?\b(?:is|are|was|were|has been|have been) (?:fixed|corrected|changed|updated|repaired|added|removed))\b`)
	})
	// References to other items anywhere in the stem.
	dependentRef = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\b((?:the )?(?:previous|prior|last|above|earlier|preceding) (?:question|item|scenario|exercise|example|answer)s?|as (?:before|above)|from before)\b`)
	})
	// Markdown that may open a stem before its first word.
	leadingMarkup = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[\s*_>#\-]+`) })
)

// dependentStem reports the phrase by which a stem leans on another item.
// A stem may compare with something it has itself described ("in the same
// account as the role above it" is not flagged unless it names another item).
func dependentStem(stem string) (string, bool) {
	s := leadingMarkup().ReplaceAllString(stem, "")
	if m := dependentOpening().FindString(s); m != "" {
		return m, true
	}
	if m := dependentRef().FindString(s); m != "" {
		return m, true
	}
	return "", false
}

func suggestKebab(s string) string {
	s = strings.ToLower(s)
	s = regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(s, "-")
	return strings.Trim(s, "-")
}

func (c *checker) choice(raw *itemFile) {
	it := c.it
	for _, f := range []struct {
		name string
		set  bool
	}{{"steps", len(raw.Steps) > 0}, {"pairs", len(raw.Pairs) > 0}, {"extras", len(raw.Extras) > 0}, {"world", raw.World != nil}, {"call", raw.Call != nil}, {"ask", raw.Ask != ""}, {"answer", raw.Answer != nil}} {
		if f.set {
			c.err(f.name, CodeBadValue, "%s: does not belong to a %s item", f.name, it.Type)
		}
	}
	if it.Type == Single && raw.Choose != 0 {
		c.err("choose", CodeBadValue, "choose: is for type: multiple; a single-answer item has exactly one correct option")
	}
	if len(it.Options) < 3 {
		c.err("options", pick(len(it.Options) == 0, CodeMissing, CodeShape), "item %q has %d options; expected at least 3 (the exams use four for single answer, five or more for multiple response)", it.ID, len(it.Options))
	}
	ids := map[string]bool{}
	for i, o := range it.Options {
		at := joinPath("options", i)
		if ids[o.ID] {
			c.err(joinPath(at, "id"), CodeDuplicateID, "option id %q is used twice in item %q", o.ID, it.ID)
		}
		ids[o.ID] = true
		if strings.TrimSpace(o.Text) == "" {
			c.err(joinPath(at, "text"), CodeMissing, "option %s has no text", o.ID)
		}
		if strings.TrimSpace(o.Why) == "" {
			c.err(joinPath(at, "why"), CodeMissing, "option %s has no rationale; every option needs a why: saying why it is right or why it is tempting but wrong", o.ID)
		}
	}
	correct := len(it.CorrectOptions())
	switch it.Type {
	case Single:
		if correct != 1 {
			c.err("options", CodeKey, "a single-answer item needs exactly one correct option; item %q has %d", it.ID, correct)
		}
	case Multiple:
		switch {
		case raw.Choose == 0:
			c.err("choose", CodeMissing, "a multiple-response item needs choose: N (how many to pick, 2 or more)")
		case raw.Choose < 2:
			c.err("choose", CodeBadValue, "choose: %d; a multiple-response item has 2 or more correct options (use type: single for one)", raw.Choose)
		default:
			if correct != raw.Choose {
				c.err("options", CodeKey, "choose: %d but %d options are marked correct", raw.Choose, correct)
			}
			if len(it.Options) <= raw.Choose {
				c.err("options", CodeKey, "choose: %d needs more than %d options to choose from", raw.Choose, raw.Choose)
			} else if len(it.Options) < 5 {
				c.warn("options", CodeShape, "multiple-response items on the exams have five or more options; this one has %d", len(it.Options))
			}
			if !strings.Contains(strings.ToUpper(it.Stem), "CHOOSE") {
				c.warn("stem", CodeShape, "end the stem with \"Choose %s.\" as the exam does", numberWord(raw.Choose))
			}
		}
	}
}

func numberWord(n int) string {
	words := []string{"ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE"}
	if n >= 0 && n < len(words) {
		return words[n]
	}
	return fmt.Sprint(n)
}

func (c *checker) ordering() {
	it := c.it
	if n := len(it.Steps); n < 3 || n > 7 {
		c.err("steps", pick(n == 0, CodeMissing, CodeShape), "an ordering item needs 3 to 7 steps in the correct order; item %q has %d", it.ID, n)
	}
	seen := map[string]int{}
	for i, s := range it.Steps {
		at := joinPath("steps", i)
		if strings.TrimSpace(s.Text) == "" {
			c.err(joinPath(at, "text"), CodeMissing, "step %d has no text", i+1)
		} else if j, dup := seen[s.Text]; dup {
			c.err(joinPath(at, "text"), CodeDuplicateID, "step %d has the same text as step %d; the order would be ambiguous", i+1, j+1)
		}
		seen[s.Text] = i
		if strings.TrimSpace(s.Why) == "" {
			c.err(joinPath(at, "why"), CodeMissing, "step %d has no rationale; say why it comes at this point", i+1)
		}
	}
	c.noChoiceFields()
}

func (c *checker) matching() {
	it := c.it
	if n := len(it.Pairs); n < 3 || n > 7 {
		c.err("pairs", pick(n == 0, CodeMissing, CodeShape), "a matching item needs 3 to 7 pairs; item %q has %d", it.ID, n)
	}
	lefts := map[string]int{}
	for i, p := range it.Pairs {
		at := joinPath("pairs", i)
		if strings.TrimSpace(p.Left) == "" {
			c.err(joinPath(at, "left"), CodeMissing, "pair %d has no left (the prompt)", i+1)
		} else if j, dup := lefts[p.Left]; dup {
			c.err(joinPath(at, "left"), CodeDuplicateID, "pair %d repeats the prompt of pair %d", i+1, j+1)
		}
		lefts[p.Left] = i
		if strings.TrimSpace(p.Right) == "" {
			c.err(joinPath(at, "right"), CodeMissing, "pair %d has no right (the matching response)", i+1)
		}
		if strings.TrimSpace(p.Why) == "" {
			c.err(joinPath(at, "why"), CodeMissing, "pair %d has no rationale; say why the prompt matches this response", i+1)
		}
	}
	rights := map[string]bool{}
	for _, p := range it.Pairs {
		rights[p.Right] = true
	}
	for i, e := range it.Extras {
		at := joinPath("extras", i)
		if strings.TrimSpace(e.Text) == "" {
			c.err(joinPath(at, "text"), CodeMissing, "extra response %d has no text", i+1)
		} else if rights[e.Text] {
			c.err(joinPath(at, "text"), CodeKey, "extra response %q also matches a prompt; extras must match none", e.Text)
		}
		if strings.TrimSpace(e.Why) == "" {
			c.err(joinPath(at, "why"), CodeMissing, "extra response %d has no rationale; say why it matches no prompt", i+1)
		}
	}
	c.noChoiceFields()
}

func (c *checker) noChoiceFields() {
	if len(c.it.Options) > 0 {
		c.err("options", CodeBadValue, "options: does not belong to a %s item", c.it.Type)
	}
}

func (c *checker) policy() {
	q := c.it.Policy
	if q == nil || q.Outcome == nil {
		return // the problems were reported while loading
	}
	if q.Stated == nil {
		c.warn("ask", CodeAnswerKey, "item %q states no answer; add answer: {decision: %s, decidedBy: %s} so check catches a world that does not say what you meant", c.it.ID, q.Outcome.Decision, q.Outcome.DecidedBy)
		return
	}
	got := q.Outcome
	if q.Stated.Decision != got.Decision {
		c.err(joinPath("answer", "decision"), CodeAnswerKey, "the stated answer is %s but the engine decides %s (by %s): %s", q.Stated.Decision, got.Decision, got.DecidedBy, got.Reason)
	}
	if q.Stated.DecidedBy != "" && q.Stated.DecidedBy != got.DecidedBy {
		c.err(joinPath("answer", "decidedBy"), CodeAnswerKey, "the stated deciding layer is %s but the engine says %s: %s", q.Stated.DecidedBy, got.DecidedBy, got.Reason)
	}
}
