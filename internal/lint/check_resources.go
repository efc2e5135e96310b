package lint

import (
	"fmt"
	"strings"

	"github.com/iamlab/iamlab/internal/arn"
	"github.com/iamlab/iamlab/internal/catalog"
	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/wildcard"
)

// checkResourceTypes flags actions that no listed Resource can serve: the
// classic s3:GetObject on arn:aws:s3:::bucket (the bucket, not its
// objects). It stays quiet whenever the answer is not certain: with
// NotResource, with "*", without a Resource element, for unknown actions
// and for malformed ARNs (which checkARNs reports).
//
// The catalogue marks a resource type "required" only when an action has
// exactly one; s3:GetObject takes object or accesspointobject and so has
// none marked. Optional types therefore count as much as required ones:
// a Resource must be one of them for the statement to apply.
func checkResourceTypes(c *checker, s *eval.Statement) {
	if s.NotAction || s.NotResource || !s.HasResource {
		return
	}
	var arns []string
	for _, r := range s.Resources {
		if isAllStars(r.Text) {
			return
		}
		if arnProblem(r.Text) == "" {
			arns = append(arns, r.Text)
		}
	}
	if len(arns) == 0 {
		return
	}
	for _, a := range s.Actions {
		if everyAction(a.Text) {
			continue
		}
		acts := c.expand(a.Text)
		if len(acts) == 0 {
			continue
		}
		if !wildcard.HasWildcard(a.Text) {
			c.checkOneAction(a, acts[0], arns)
			continue
		}
		c.checkPattern(a, acts, arns)
	}
}

func (c *checker) checkOneAction(a eval.Value, act *catalog.Action, arns []string) {
	if len(act.ResourceTypes) == 0 {
		c.add(CodeStarOnlyAction, a.Pos,
			fmt.Sprintf("%s supports only Resource \"*\", so this statement's resources never match it", act.FullName()),
			"move "+act.FullName()+" to a statement with \"Resource\": \"*\"; it does not act on a specific resource")
		return
	}
	if c.actionFits(act, arns) {
		return
	}
	c.add(CodeResourceMismatch, a.Pos,
		fmt.Sprintf("%s acts on %s, and no listed Resource is one", act.FullName(), typeList(act)),
		c.mismatchAdvice(act, arns))
}

// checkPattern warns only when no action of the pattern can use any
// listed resource: "s3:Get*" on a bucket is fine for GetBucketPolicy
// even though GetObject cannot use it.
func (c *checker) checkPattern(a eval.Value, acts []*catalog.Action, arns []string) {
	starOnly := true
	for _, act := range acts {
		if len(act.ResourceTypes) == 0 {
			continue
		}
		starOnly = false
		if c.actionFits(act, arns) {
			return
		}
	}
	if starOnly {
		c.add(CodeStarOnlyAction, a.Pos,
			fmt.Sprintf("every action %s matches (%d) supports only Resource \"*\", so this statement's resources never match them", a.Text, len(acts)),
			"move "+a.Text+" to a statement with \"Resource\": \"*\"")
		return
	}
	c.add(CodeResourceMismatch, a.Pos,
		fmt.Sprintf("none of the %d actions %s matches acts on a listed Resource", len(acts), a.Text),
		"list the ARNs of the resources these actions act on; iamlab lint --grants shows the actions")
}

func (c *checker) actionFits(act *catalog.Action, arns []string) bool {
	for _, ref := range act.ResourceTypes {
		rt, ok := catalog.ResourceTypeOf(act.Service, ref.Name)
		if !ok {
			return true // the catalogue is inconsistent; do not guess
		}
		for _, arn := range arns {
			if c.fitsType(rt, arn) {
				return true
			}
		}
	}
	return false
}

func typeList(act *catalog.Action) string {
	names := make([]string, len(act.ResourceTypes))
	for i, r := range act.ResourceTypes {
		names[i] = r.Name
	}
	if len(names) == 1 {
		return "resources of type " + names[0]
	}
	if len(names) > 4 {
		names = append(names[:4], fmt.Sprintf("%d more", len(names)-4))
	}
	return "resources of type " + strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// mismatchAdvice shows the ARN form the action needs and, when adding or
// removing "/*" would fix a listed ARN, says exactly that: it is the
// mistake learners make most between buckets and objects.
func (c *checker) mismatchAdvice(act *catalog.Action, arns []string) string {
	for _, arn := range arns {
		for _, cand := range []string{arn + "/*", strings.TrimSuffix(arn, "/*")} {
			if cand != arn && c.actionFits(act, []string{cand}) {
				return fmt.Sprintf("did you mean %q? %s needs that form", cand, act.FullName())
			}
		}
	}
	ref := act.ResourceTypes[0]
	for _, r := range act.ResourceTypes {
		if r.Required {
			ref = r
			break
		}
	}
	if rt, ok := catalog.ResourceTypeOf(act.Service, ref.Name); ok && len(rt.ARNTemplates) > 0 {
		return fmt.Sprintf("a %s ARN looks like %s", rt.Name, strings.ReplaceAll(rt.ARNTemplates[0], "${Partition}", "aws"))
	}
	return "list an ARN of a type the action acts on, or \"*\""
}

// checkARNs flags Resource values IAM cannot match against any ARN.
func checkARNs(c *checker, s *eval.Statement) {
	for _, r := range s.Resources {
		if p := arnProblem(r.Text); p != "" {
			c.add(CodeMalformedARN, r.Pos, fmt.Sprintf("%q %s", r.Text, p), arnAdvice(r.Text))
		}
	}
}

var partitions = map[string]bool{"aws": true, "aws-cn": true, "aws-us-gov": true, "aws-iso": true, "aws-iso-b": true, "aws-iso-e": true, "aws-iso-f": true, "aws-eusc": true}

// arnProblem says what is wrong with a Resource value, or "" when it can
// name something.
func arnProblem(r string) string {
	if isAllStars(r) {
		return ""
	}
	if !strings.HasPrefix(r, "arn:") {
		return "is not an ARN"
	}
	f, ok := arn.Split(r)
	if !ok {
		return fmt.Sprintf("has %d of the 6 colon-separated fields of an ARN", strings.Count(r, ":")+1)
	}
	switch part, svc := f[1], f[2]; {
	case part == "":
		return "has no partition"
	case !wildcard.HasWildcard(part) && !strings.Contains(part, "${") && !partitions[part]:
		return fmt.Sprintf("names the partition %q, which does not exist", part)
	case svc == "":
		return "has no service"
	case wildcard.HasWildcard(svc):
		return "has a wildcard in the service field, which IAM does not allow"
	case !strings.Contains(svc, "${") && !knownARNService(svc):
		return fmt.Sprintf("names the service %q, which no ARN in the catalogue uses", svc)
	case f[5] == "":
		return "has no resource part"
	}
	return ""
}

func arnAdvice(r string) string {
	f, ok := arn.Split(r)
	switch {
	case !strings.HasPrefix(r, "arn:"):
		return "write the whole ARN, such as arn:aws:s3:::" + r + " for a bucket, or \"*\""
	case !ok:
		return "an ARN is arn:partition:service:region:account:resource; keep the empty fields, as in arn:aws:s3:::bucket"
	case len(f[2]) > 0 && !wildcard.HasWildcard(f[2]):
		if s := closestARNService(f[2]); s != "" {
			return fmt.Sprintf("did you mean the service %q?", s)
		}
	}
	return "write the service literally, as in arn:aws:s3:::bucket; wildcards may stand in the other fields"
}
