package playground

import (
	"sort"
	"strings"

	"github.com/iamlab/iamlab/internal/sandbox"
)

// The world view is the playground's map of the world, like the list of
// users, groups and roles the AWS policy simulator starts from: every
// account with its principals and the policies attached to them (managed,
// inline, boundary), the organization's SCPs and RCPs, the resources with
// their policies, and the actions the policies name. Enter on a line puts
// it into the request, or opens the policy in the editor.

type wvKind int

const (
	wvHeader wvKind = iota
	wvInfo
	wvCaller
	wvResource
	wvAction
	wvDoc
)

type wvRow struct {
	kind   wvKind
	indent int
	text   string
	value  string // caller phrase, resource, action or document ID
}

func (r wvRow) selectable() bool { return r.kind != wvHeader && r.kind != wvInfo }

// worldRows lists the world for the view.
func worldRows(w *sandbox.World) []wvRow {
	if w == nil {
		return nil
	}
	var out []wvRow
	add := func(k wvKind, indent int, text, value string) {
		out = append(out, wvRow{kind: k, indent: indent, text: text, value: value})
	}
	doc := func(indent int, role, id string) {
		if id == "" {
			return
		}
		title := id
		if d, ok := w.Document(id); ok {
			title = d.Title
			if d.AWSManaged {
				title += " · read-only"
			}
		}
		add(wvDoc, indent, role+title, id)
	}
	if org, ok := w.Organization(); ok {
		add(wvHeader, 0, "Organization "+org.ID, "")
		orgPolicies(add, doc, 1, "root", org.SCPs, org.RCPs)
		var unit func(u *sandbox.OrganizationalUnit, indent int)
		unit = func(u *sandbox.OrganizationalUnit, indent int) {
			orgPolicies(add, doc, indent, "OU "+u.Name, u.SCPs, u.RCPs)
			for _, c := range u.Units {
				unit(c, indent+1)
			}
		}
		for _, u := range org.Units {
			unit(u, 1)
		}
	}
	accounts := w.Accounts()
	for i, a := range accounts {
		suffix := ""
		if i > 0 && a.Name != "" {
			suffix = " from account " + a.Name
		}
		title := "Account " + a.ID
		if a.Name != "" {
			title = "Account " + a.Name + " (" + a.ID + ")"
		}
		add(wvHeader, 0, title, "")
		for _, s := range a.SCPs {
			doc(1, "SCP on the account: ", sandbox.SCPID(s))
		}
		for _, r := range a.RCPs {
			doc(1, "RCP on the account: ", sandbox.RCPID(r))
		}
		attached := func(indent int, names []string) {
			for _, n := range names {
				doc(indent, "attached: ", w.AttachmentID(a.ID, n))
			}
		}
		for _, u := range a.Users {
			add(wvCaller, 1, "user "+u.Name+suffix, "user "+u.Name+suffix)
			if len(u.Groups) > 0 {
				add(wvInfo, 2, "in groups: "+strings.Join(u.Groups, ", "), "")
			}
			attached(2, u.Policies)
			for _, p := range u.Inline {
				doc(2, "inline: ", sandbox.InlinePolicyID(a.ID, "user", u.Name, p.Name))
			}
			if u.Boundary != "" {
				doc(2, "boundary: ", w.AttachmentID(a.ID, u.Boundary))
			}
		}
		for _, g := range a.Groups {
			add(wvInfo, 1, "group "+g.Name, "")
			attached(2, g.Policies)
			for _, p := range g.Inline {
				doc(2, "inline: ", sandbox.InlinePolicyID(a.ID, "group", g.Name, p.Name))
			}
		}
		for _, r := range a.Roles {
			add(wvCaller, 1, "role "+r.Name+suffix, "role "+r.Name+suffix)
			doc(2, "trust: ", sandbox.TrustPolicyID(a.ID, r.Name))
			attached(2, r.Policies)
			for _, p := range r.Inline {
				doc(2, "inline: ", sandbox.InlinePolicyID(a.ID, "role", r.Name, p.Name))
			}
			if r.Boundary != "" {
				doc(2, "boundary: ", w.AttachmentID(a.ID, r.Boundary))
			}
		}
		for _, in := range a.Instances {
			add(wvCaller, 1, "the app on instance "+in.ID, "the app on instance "+in.ID)
		}
		for _, f := range a.Functions {
			add(wvCaller, 1, "lambda function "+f.Name, "lambda function "+f.Name)
		}
		for _, p := range a.IdentityPools {
			add(wvCaller, 1, "guest of identity pool "+p.Name, "guest of identity pool "+p.Name)
			add(wvCaller, 1, "authenticated user of identity pool "+p.Name, "authenticated user of identity pool "+p.Name)
		}
		if a.Name != "" {
			add(wvCaller, 1, "root of account "+a.Name, "root of account "+a.Name)
		}
		res := a.ResourceNames()
		if len(res) > 0 {
			add(wvInfo, 1, "resources", "")
		}
		for _, r := range res {
			value := r
			if b, ok := strings.CutPrefix(r, "bucket "); ok {
				value = "s3://" + b + "/"
			}
			add(wvResource, 2, r, value)
			if id := resourcePolicyID(w, a, r); id != "" {
				doc(3, "", id)
			}
		}
	}
	add(wvCaller, 0, "anyone on the internet", "anyone on the internet")
	if acts := namedActions(w); len(acts) > 0 {
		add(wvHeader, 0, "Actions the policies name", "")
		for _, act := range acts {
			add(wvAction, 1, act, act)
		}
	}
	return out
}

func orgPolicies(add func(wvKind, int, string, string), doc func(int, string, string), indent int, where string, scps, rcps []string) {
	if len(scps) == 0 {
		add(wvInfo, indent, "SCP on "+where+": FullAWSAccess (AWS attaches it by default)", "")
	}
	for _, s := range scps {
		doc(indent, "SCP on "+where+": ", sandbox.SCPID(s))
	}
	for _, r := range rcps {
		doc(indent, "RCP on "+where+": ", sandbox.RCPID(r))
	}
}

// resourcePolicyID is the policy of a resource named as ResourceNames
// names it, or "" when it has none.
func resourcePolicyID(w *sandbox.World, a *sandbox.Account, name string) string {
	kind, n, _ := strings.Cut(name, " ")
	var id string
	switch kind {
	case "bucket":
		id = sandbox.BucketPolicyID(n)
	case "key":
		id = sandbox.KeyPolicyID(a.ID, n)
	case "queue":
		id = sandbox.QueuePolicyID(a.ID, n)
	case "topic":
		id = sandbox.TopicPolicyID(a.ID, n)
	case "secret":
		id = sandbox.SecretPolicyID(a.ID, n)
	case "function":
		id = sandbox.FunctionPolicyID(a.ID, n)
	case "table":
		id = sandbox.TablePolicyID(a.ID, n)
	default:
		return ""
	}
	if d, ok := w.Document(id); ok && strings.TrimSpace(d.Source) != "" {
		return d.ID
	}
	return ""
}

// namedActions are the exact actions (no wildcard) the world's policies
// name: the requests a learner most likely wants to ask.
func namedActions(w *sandbox.World) []string {
	seen := map[string]bool{}
	for _, d := range w.Documents() {
		if d.Policy == nil || d.AWSManaged {
			continue
		}
		for _, st := range d.Policy.Statements {
			if st.NotAction {
				continue
			}
			for _, a := range st.Actions {
				if strings.ContainsAny(a.Text, "*?") || !strings.Contains(a.Text, ":") {
					continue
				}
				seen[a.Text] = true
			}
		}
	}
	out := make([]string, 0, len(seen))
	for a := range seen {
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}
