package eval_test

import (
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/eval"
)

// Metamorphic checks over the shared corpus: small changes to a case whose
// effect on the decision the rules fix, whatever the case holds.

func hasIdentityLayer(in *eval.Input) bool {
	p := in.Request.Principal
	if !strings.HasPrefix(p, "arn:") || strings.HasSuffix(p, ":root") {
		return false
	}
	return strings.Contains(p, ":user/") || strings.Contains(p, ":role/") || strings.Contains(p, ":assumed-role/") || strings.Contains(p, ":federated-user/")
}

func TestMetamorphic_AddingADenyOnlyDenies(t *testing.T) {
	cases := loadShared(t)
	deny := *pol(t, eval.IdentityPolicy, doc(denyAll))
	deny.Name = "added deny"
	for _, c := range cases {
		before := eval.Evaluate(&c.Input, eval.Options{})
		in := c.Input
		in.Identity = append(append([]eval.PolicyRef(nil), c.Input.Identity...), deny)
		after := eval.Evaluate(&in, eval.Options{})
		switch {
		case strings.EqualFold(in.Request.Action, "sts:GetCallerIdentity"):
			if after.Decision != eval.Allowed {
				t.Errorf("%s: GetCallerIdentity denied", c.Name)
			}
		case hasIdentityLayer(&in):
			if after.Decision != eval.ExplicitDeny {
				t.Errorf("%s: a Deny * in the identity policies gave %s by %s", c.Name, after.Decision, after.DecidedBy)
			}
			if before.Decision == eval.ExplicitDeny && after.DecidedBy != before.DecidedBy && layerRank(after.DecidedBy) > layerRank(before.DecidedBy) {
				t.Errorf("%s: the earlier deny by %s was replaced by %s", c.Name, before.DecidedBy, after.DecidedBy)
			}
		default:
			if after.Decision != before.Decision {
				t.Errorf("%s: identity policies of a %s changed the decision", c.Name, in.Request.Principal)
			}
		}
	}
}

func layerRank(l eval.Layer) int {
	for i, x := range awsOrder {
		if x == l {
			return i
		}
	}
	return len(awsOrder)
}

func TestMetamorphic_AddingAnAllowNeverDenies(t *testing.T) {
	cases := loadShared(t)
	allow := *pol(t, eval.IdentityPolicy, doc(allowAll))
	scpAllow := *pol(t, eval.SCP, doc(allowAll))
	for _, c := range cases {
		before := eval.Evaluate(&c.Input, eval.Options{})
		variants := map[string]eval.Input{}
		in := c.Input
		in.Identity = append(append([]eval.PolicyRef(nil), c.Input.Identity...), allow)
		variants["identity Allow *"] = in
		if len(c.Input.SCPs) > 0 {
			in := c.Input
			in.SCPs = nil
			for _, lv := range c.Input.SCPs {
				lv.Policies = append(append([]eval.PolicyRef(nil), lv.Policies...), scpAllow)
				in.SCPs = append(in.SCPs, lv)
			}
			variants["SCP Allow * at every level"] = in
		}
		for name, v := range variants {
			after := eval.Evaluate(&v, eval.Options{})
			switch before.Decision {
			case eval.Allowed:
				if after.Decision != eval.Allowed {
					t.Errorf("%s: %s turned allowed into %s by %s", c.Name, name, after.Decision, after.DecidedBy)
				}
			case eval.ExplicitDeny:
				if after.Decision != eval.ExplicitDeny {
					t.Errorf("%s: %s removed an explicit deny", c.Name, name)
				}
			case eval.ImplicitDeny:
				if after.Decision == eval.ExplicitDeny {
					t.Errorf("%s: %s created an explicit deny", c.Name, name)
				}
			}
		}
	}
}

func TestMetamorphic_StatementOrderDoesNotMatter(t *testing.T) {
	for _, c := range loadShared(t) {
		before := eval.Evaluate(&c.Input, eval.Options{})
		in := c.Input
		in.Identity = nil
		for i := len(c.Input.Identity) - 1; i >= 0; i-- {
			ref := c.Input.Identity[i]
			if ref.Policy != nil {
				p := *ref.Policy
				p.Statements = nil
				for j := len(ref.Policy.Statements) - 1; j >= 0; j-- {
					p.Statements = append(p.Statements, ref.Policy.Statements[j])
				}
				ref.Policy = &p
			}
			in.Identity = append(in.Identity, ref)
		}
		after := eval.Evaluate(&in, eval.Options{})
		if after.Decision != before.Decision || after.DecidedBy != before.DecidedBy {
			t.Errorf("%s: reversing the identity policies and statements changed %s/%s to %s/%s", c.Name, before.Decision, before.DecidedBy, after.Decision, after.DecidedBy)
		}
	}
}
