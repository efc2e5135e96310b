package lint

import (
	"fmt"

	"github.com/iamlab/iamlab/internal/arn"
	"github.com/iamlab/iamlab/internal/catalog"
	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/wildcard"
)

// checkUnknownActions flags actions and patterns the catalogue does not
// know. IAM accepts them silently and they never match, so a typo in
// Action quietly grants nothing (or, in NotAction, excludes nothing).
func checkUnknownActions(c *checker, s *eval.Statement) {
	effect := func(a string) string { return "so " + a + " matches nothing" }
	if s.NotAction {
		effect = func(a string) string { return "so listing " + a + " in NotAction excludes nothing" }
	}
	for _, a := range s.Actions {
		if everyAction(a.Text) {
			continue
		}
		prefix, _, _ := arn.SplitAction(a.Text)
		if !wildcard.HasWildcard(prefix) {
			if _, ok := catalog.LookupService(prefix); !ok {
				c.add(CodeUnknownService, a.Pos,
					fmt.Sprintf("%q is not a service prefix in the catalogue, %s", prefix, effect(a.Text)),
					suggestAction(a.Text, "check the prefix in the Service Authorization Reference; prefixes are short, like s3, ec2, iam, kms"))
				continue
			}
		}
		if len(c.expand(a.Text)) > 0 {
			continue
		}
		if wildcard.HasWildcard(a.Text) {
			msg := "the pattern " + a.Text + " matches no action in the catalogue"
			if s.NotAction {
				msg += ", " + effect("it")
			}
			c.add(CodeUnknownAction, a.Pos, msg,
				"check the spelling of the fixed part of the pattern; iamlab lint --grants shows what a pattern expands to")
			continue
		}
		svc, _ := catalog.LookupService(prefix)
		c.add(CodeUnknownAction, a.Pos,
			fmt.Sprintf("%s is not an action of %s, %s", a.Text, svc.Name, effect("it")),
			suggestAction(a.Text, "look the action up in the Service Authorization Reference for "+svc.Prefix))
	}
}

func suggestAction(action, fallback string) string {
	if s := catalog.Suggest(action, 1); len(s) > 0 {
		return fmt.Sprintf("did you mean %q?", s[0])
	}
	return fallback
}
