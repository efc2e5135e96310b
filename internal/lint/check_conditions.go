package lint

import (
	"fmt"
	"strings"

	"github.com/iamlab/iamlab/internal/catalog"
	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/suggest"
)

// checkConditionKeys flags keys no service defines and service keys that
// none of the statement's actions sets: IAM accepts both, and the
// condition then tests a key that is never in the request, so a positive
// operator never matches.
func checkConditionKeys(c *checker, s *eval.Statement) {
	for _, cond := range s.Conditions {
		prefix, _, _ := strings.Cut(cond.Key, ":")
		prefix = strings.ToLower(prefix)
		_, known := catalog.ConditionKeyType(cond.Key)
		if prefix == "aws" {
			if !known {
				c.add(CodeUnknownConditionKey, cond.KeyPos,
					fmt.Sprintf("%s is not an AWS global condition key", cond.Key),
					keyAdvice(cond.Key, catalog.GlobalConditionKeys()))
			}
			continue
		}
		svc, ok := catalog.LookupService(prefix)
		if !ok {
			continue // an identity provider's key, such as accounts.google.com:aud
		}
		if !known {
			c.add(CodeUnknownConditionKey, cond.KeyPos,
				fmt.Sprintf("%s is not a condition key of %s", cond.Key, svc.Name),
				keyAdvice(cond.Key, svc.ConditionKeys))
			continue
		}
		if catalog.IsGlobalConditionKey(cond.Key) {
			continue
		}
		acts, complete := c.statementActions(s)
		if !complete || c.anyActionHasKey(acts, cond.Key) {
			continue
		}
		c.add(CodeConditionKeyNotApplied, cond.KeyPos,
			fmt.Sprintf("%s is not set for %s, so the condition tests a missing key", cond.Key, actionNames(s)),
			c.keyUsers(svc, cond.Key))
	}
}

func (c *checker) anyActionHasKey(acts []*catalog.Action, key string) bool {
	for _, a := range acts {
		for _, k := range c.conditionKeys(a) {
			if keyMatches(k, key) {
				return true
			}
		}
	}
	return false
}

// keyUsers names some actions the key does apply to.
func (c *checker) keyUsers(svc *catalog.Service, key string) string {
	var names []string
	n := 0
	for _, a := range svc.Actions {
		if c.anyActionHasKey([]*catalog.Action{a}, key) {
			if n < 3 {
				names = append(names, a.FullName())
			}
			n++
		}
	}
	if n == 0 {
		return "remove the condition, or move it to a statement whose actions set the key"
	}
	more := ""
	if n > len(names) {
		more = fmt.Sprintf(" and %d more", n-len(names))
	}
	return fmt.Sprintf("the key is set for %s%s; move the condition to a statement with those actions", strings.Join(names, ", "), more)
}

func actionNames(s *eval.Statement) string {
	if len(s.Actions) == 1 {
		return s.Actions[0].Text
	}
	if len(s.Actions) == 2 {
		return s.Actions[0].Text + " or " + s.Actions[1].Text
	}
	return fmt.Sprintf("any of the %d actions listed", len(s.Actions))
}

// keyMatches compares a written key with a catalogue key, which may hold
// a placeholder such as ${TagKey} or <key>; key names ignore case.
func keyMatches(template, key string) bool {
	i := strings.IndexAny(template, "$<")
	if i < 0 || !strings.HasPrefix(template[i:], "${") && template[i] != '<' {
		return strings.EqualFold(template, key)
	}
	close := "}"
	if template[i] == '<' {
		close = ">"
	}
	end := strings.Index(template[i:], close)
	if end < 0 {
		return strings.EqualFold(template, key)
	}
	head, tail := template[:i], template[i+end+1:]
	if len(key) <= len(head) || !strings.EqualFold(key[:len(head)], head) {
		return false
	}
	rest := key[len(head):]
	// The placeholder takes at least one character; the tail is usually
	// empty or literal, so trying every split point is cheap.
	for j := 1; j <= len(rest); j++ {
		if keyMatches(tail, rest[j:]) {
			return true
		}
	}
	return false
}

// keyAdvice offers the closest known key as a did-you-mean.
func keyAdvice(key string, known []string) string {
	best, bestD := "", 4
	lk := strings.ToLower(key)
	for _, k := range known {
		if d := suggest.Distance(lk, strings.ToLower(k)); d < bestD {
			best, bestD = k, d
		}
	}
	if best != "" {
		return fmt.Sprintf("did you mean %q?", best)
	}
	return "check the key in the Service Authorization Reference; a condition on an unknown key tests a value that is never there"
}

// checkSetOperators compares the operator's set prefix with the key's
// type: a plain operator on a list-valued key compares the whole list as
// one value (AWS advises against it, and iamlab treats it as no match);
// a set prefix on a single-valued key works but says something else than
// the writer likely meant.
func checkSetOperators(c *checker, s *eval.Statement) {
	for _, cond := range s.Conditions {
		op := cond.Operator
		if op.Base == "Null" {
			continue
		}
		typ, known := catalog.ConditionKeyType(cond.Key)
		if !known {
			continue
		}
		multi := strings.HasPrefix(typ, "ArrayOf")
		switch {
		case multi && op.Set == eval.SetNone:
			c.add(CodeSetOperatorMissing, cond.KeyPos,
				fmt.Sprintf("%s holds a list of values, and %s compares it as a single value", cond.Key, op.Name),
				fmt.Sprintf("use ForAnyValue:%s (at least one value matches) or ForAllValues:%s (every value matches)", op.Name, op.Name))
		case !multi && op.Set != eval.SetNone:
			advice := "use " + strings.TrimPrefix(op.Name, op.Set.String()+":") + " without the prefix"
			if op.Set == eval.SetForAllValues {
				advice += "; as written the condition is also true when the key is missing"
			}
			c.add(CodeSetOperatorOnSingle, cond.KeyPos,
				fmt.Sprintf("%s holds a single value; the %s: prefix is meant for keys that hold a list", cond.Key, op.Set),
				advice)
		}
	}
}

// checkForAllValuesAllow: ForAllValues is true when the request has no
// value for the key, so an Allow with it also allows requests that leave
// the key out. A Null check that the key is present closes the hole.
func checkForAllValuesAllow(c *checker, s *eval.Statement) {
	if s.Effect != eval.Allow {
		return
	}
	for _, cond := range s.Conditions {
		if cond.Operator.Set != eval.SetForAllValues || requiresKey(s, cond.Key) {
			continue
		}
		c.add(CodeForAllValuesAllow, cond.KeyPos,
			fmt.Sprintf("%s with Allow is also true when the request has no %s at all", cond.Operator.Name, cond.Key),
			fmt.Sprintf("add \"Null\": {%q: \"false\"} to the Condition so a request without the key does not match", cond.Key))
	}
}

// requiresKey reports whether the statement also demands that key be
// present with a Null "false" condition.
func requiresKey(s *eval.Statement, key string) bool {
	for _, cond := range s.Conditions {
		if cond.Operator.Base != "Null" || !strings.EqualFold(cond.Key, key) {
			continue
		}
		for _, v := range cond.Values {
			if strings.EqualFold(v.Text, "false") {
				return true
			}
		}
	}
	return false
}
