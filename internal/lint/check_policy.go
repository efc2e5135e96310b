package lint

import (
	"fmt"
	"strings"

	"github.com/iamlab/iamlab/internal/eval"
)

// checkMissingVersion: without a Version IAM uses 2008-10-17, in which
// policy variables are plain text; learners rarely mean that.
func checkMissingVersion(c *checker) {
	if c.p.Version != "" {
		return
	}
	c.add(CodeMissingVersion, c.p.Pos, "the policy has no Version, so IAM reads it with the 2008-10-17 rules",
		"add \"Version\": \"2012-10-17\" as the first element; without it policy variables such as ${aws:username} are not substituted")
}

// checkOldVersionVariables finds ${...} that IAM will compare literally
// because the policy is not Version 2012-10-17.
func checkOldVersionVariables(c *checker) {
	if c.p.VariablesEnabled() {
		return
	}
	why := "the policy says Version \"" + c.p.Version + "\""
	if c.p.Version == "" {
		why = "the policy has no Version, which means 2008-10-17"
	}
	report := func(v eval.Value) {
		name, ok := firstVariable(v.Text)
		if !ok {
			return
		}
		c.add(CodeVariablesInOldVersion, v.Pos,
			fmt.Sprintf("%s is literal text here, not a policy variable: %s", name, why),
			"set \"Version\": \"2012-10-17\" so IAM substitutes the variable")
	}
	for _, s := range c.p.Statements {
		for _, r := range s.Resources {
			report(r)
		}
		for _, cond := range s.Conditions {
			for _, v := range cond.Values {
				report(v)
			}
		}
	}
}

// firstVariable returns the first ${...} in s, skipping ${*}, ${?} and
// ${$}, which stand for the characters themselves in every version.
func firstVariable(s string) (string, bool) {
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			return "", false
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return "", false
		}
		v := s[i : i+j+1]
		switch v {
		case "${*}", "${?}", "${$}":
			s = s[i+j+1:]
			continue
		}
		return v, true
	}
}

// checkDuplicateSids: IAM requires Sids to be unique within a policy, and
// a trace that names a statement by Sid is ambiguous otherwise.
func checkDuplicateSids(c *checker) {
	first := map[string]*eval.Statement{}
	for _, s := range c.p.Statements {
		if s.Sid == "" {
			continue
		}
		if f, ok := first[s.Sid]; ok {
			c.add(CodeDuplicateSid, s.SidPos,
				fmt.Sprintf("Sid %q is already used by the statement at %s", s.Sid, f.SidPos),
				"give every statement its own Sid, such as \""+s.Sid+"2\", or remove it")
			continue
		}
		first[s.Sid] = s
	}
}
