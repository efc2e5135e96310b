package quizview

import (
	"encoding/json"
	"sort"
	"strings"

	"github.com/iamlab/iamlab/internal/sandbox"
)

// worldLines describes a policy question's world in plain lines: who is in
// each account with what attached, the organization's policies, then every
// policy document, one statement per line (the learner needs them all to
// answer, as on the exam).
func worldLines(w *sandbox.World) []string {
	var out []string
	for _, a := range w.Accounts() {
		head := "Account " + a.ID
		if a.Name != "" {
			head += " (" + a.Name + ")"
		}
		out = append(out, head)
		for _, u := range a.Users {
			parts := attachments(u.Policies, u.Inline, u.Boundary)
			if len(u.Groups) > 0 {
				parts = append(parts, "groups "+strings.Join(u.Groups, ", "))
			}
			if u.MFA {
				parts = append(parts, "has an MFA device")
			}
			out = append(out, "  user "+u.Name+describe(parts))
		}
		for _, g := range a.Groups {
			out = append(out, "  group "+g.Name+describe(attachments(g.Policies, g.Inline, "")))
		}
		for _, r := range a.Roles {
			parts := attachments(r.Policies, r.Inline, r.Boundary)
			if len(r.Tags) > 0 {
				parts = append(parts, "tags "+tags(r.Tags))
			}
			out = append(out, "  role "+r.Name+describe(parts))
		}
		res := a.ResourceNames()
		for _, e := range a.Endpoints {
			res = append(res, "VPC endpoint "+e.ID)
		}
		if len(res) > 0 {
			out = append(out, "  resources: "+strings.Join(res, ", "))
		}
		if len(a.SCPs) > 0 {
			out = append(out, "  SCPs on the account: "+strings.Join(a.SCPs, ", "))
		}
		if len(a.RCPs) > 0 {
			out = append(out, "  RCPs on the account: "+strings.Join(a.RCPs, ", "))
		}
	}
	if org, ok := w.Organization(); ok {
		out = append(out, "Organization (management account "+org.ManagementAccount+")")
		if len(org.SCPs)+len(org.RCPs) > 0 {
			out = append(out, "  root: "+orgPolicies(org.SCPs, org.RCPs))
		}
		var walk func(us []*sandbox.OrganizationalUnit, depth int)
		walk = func(us []*sandbox.OrganizationalUnit, depth int) {
			for _, u := range us {
				line := strings.Repeat("  ", depth) + "OU " + u.Name
				if p := orgPolicies(u.SCPs, u.RCPs); p != "" {
					line += ": " + p
				}
				if len(u.Accounts) > 0 {
					line += " · accounts " + strings.Join(u.Accounts, ", ")
				}
				out = append(out, line)
				walk(u.Units, depth+1)
			}
		}
		walk(org.Units, 1)
	}
	out = append(out, "", "Policies")
	for _, d := range w.Documents() {
		if d.AWSManaged {
			out = append(out, "  "+d.Title+" (AWS managed: its usual content)")
			continue
		}
		out = append(out, "  "+d.Title)
		for _, s := range statements(d.Source) {
			out = append(out, "    "+s)
		}
	}
	return out
}

func attachments(policies []string, inline []sandbox.NamedPolicy, boundary string) []string {
	var parts []string
	if len(policies) > 0 {
		parts = append(parts, "policies "+strings.Join(policies, ", "))
	}
	for _, p := range inline {
		parts = append(parts, "inline "+p.Name)
	}
	if boundary != "" {
		parts = append(parts, "boundary "+boundary)
	}
	return parts
}

func describe(parts []string) string {
	if len(parts) == 0 {
		return ": nothing attached"
	}
	return ": " + strings.Join(parts, " · ")
}

func tags(m map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for i, k := range keys {
		keys[i] = k + "=" + m[k]
	}
	return strings.Join(keys, ", ")
}

func orgPolicies(scps, rcps []string) string {
	var parts []string
	if len(scps) > 0 {
		parts = append(parts, "SCPs "+strings.Join(scps, ", "))
	}
	if len(rcps) > 0 {
		parts = append(parts, "RCPs "+strings.Join(rcps, ", "))
	}
	return strings.Join(parts, " · ")
}

// statementKeys is the order a statement's elements are shown in.
var statementKeys = []string{"Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"}

// statements renders a policy's statements one per line as compact JSON;
// a document that does not parse is shown as written.
func statements(src string) []string {
	var doc map[string]json.RawMessage
	if err := json.Unmarshal([]byte(src), &doc); err != nil {
		return []string{strings.Join(strings.Fields(src), " ")}
	}
	raw := doc["Statement"]
	var list []map[string]json.RawMessage
	if err := json.Unmarshal(raw, &list); err != nil {
		var one map[string]json.RawMessage
		if json.Unmarshal(raw, &one) != nil {
			return []string{strings.Join(strings.Fields(src), " ")}
		}
		list = []map[string]json.RawMessage{one}
	}
	var out []string
	for _, s := range list {
		var parts []string
		for _, k := range statementKeys {
			if v, ok := s[k]; ok {
				parts = append(parts, `"`+k+`": `+compact(v))
			}
		}
		out = append(out, "{"+strings.Join(parts, ", ")+"}")
	}
	return out
}

func compact(v json.RawMessage) string {
	var x any
	if json.Unmarshal(v, &x) != nil {
		return string(v)
	}
	b, err := json.Marshal(x)
	if err != nil {
		return string(v)
	}
	return strings.NewReplacer(`":`, `": `, `,"`, `, "`).Replace(string(b))
}
