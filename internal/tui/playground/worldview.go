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
	b := &wvBuilder{w: w}
	if org, ok := w.Organization(); ok {
		b.add(wvHeader, 0, "Organization "+org.ID, "")
		b.orgPolicies(1, "root", org.SCPs, org.RCPs)
		b.units(org.Units, 1)
	}
	for i, a := range w.Accounts() {
		b.account(a, i > 0)
	}
	b.caller(0, "anyone on the internet")
	if acts := namedActions(w); len(acts) > 0 {
		b.add(wvHeader, 0, "Actions the policies name", "")
		for _, act := range acts {
			b.add(wvAction, 1, act, act)
		}
	}
	return b.rows
}

// wvBuilder collects the world view's rows.
type wvBuilder struct {
	w    *sandbox.World
	rows []wvRow
}

func (b *wvBuilder) add(k wvKind, indent int, text, value string) {
	b.rows = append(b.rows, wvRow{kind: k, indent: indent, text: text, value: value})
}

// caller adds a row that picks its text as the request's caller.
func (b *wvBuilder) caller(indent int, phrase string) { b.add(wvCaller, indent, phrase, phrase) }

// doc adds a document's row under role, titled as the world titles it.
func (b *wvBuilder) doc(indent int, role, id string) {
	if id == "" {
		return
	}
	title := id
	if d, ok := b.w.Document(id); ok {
		title = d.Title
		if d.AWSManaged {
			title += " · read-only"
		}
	}
	b.add(wvDoc, indent, role+title, id)
}

func (b *wvBuilder) orgPolicies(indent int, where string, scps, rcps []string) {
	if len(scps) == 0 {
		b.add(wvInfo, indent, "SCP on "+where+": FullAWSAccess (AWS attaches it by default)", "")
	}
	for _, s := range scps {
		b.doc(indent, "SCP on "+where+": ", sandbox.SCPID(s))
	}
	for _, r := range rcps {
		b.doc(indent, "RCP on "+where+": ", sandbox.RCPID(r))
	}
}

func (b *wvBuilder) units(us []*sandbox.OrganizationalUnit, indent int) {
	for _, u := range us {
		b.orgPolicies(indent, "OU "+u.Name, u.SCPs, u.RCPs)
		b.units(u.Units, indent+1)
	}
}

// account adds an account: its organization policies, principals,
// callers and resources. Callers of accounts after the first say which
// account they are in.
func (b *wvBuilder) account(a *sandbox.Account, other bool) {
	suffix := ""
	if other && a.Name != "" {
		suffix = " from account " + a.Name
	}
	title := "Account " + a.ID
	if a.Name != "" {
		title = "Account " + a.Name + " (" + a.ID + ")"
	}
	b.add(wvHeader, 0, title, "")
	for _, s := range a.SCPs {
		b.doc(1, "SCP on the account: ", sandbox.SCPID(s))
	}
	for _, r := range a.RCPs {
		b.doc(1, "RCP on the account: ", sandbox.RCPID(r))
	}
	b.principals(a, suffix)
	for _, in := range a.Instances {
		b.caller(1, "the app on instance "+in.ID)
	}
	for _, f := range a.Functions {
		b.caller(1, "lambda function "+f.Name)
	}
	for _, p := range a.IdentityPools {
		b.caller(1, "guest of identity pool "+p.Name)
		b.caller(1, "authenticated user of identity pool "+p.Name)
	}
	if a.Name != "" {
		b.caller(1, "root of account "+a.Name)
	}
	b.resources(a)
}

// principals adds the account's users, groups and roles with the
// documents that apply to each.
func (b *wvBuilder) principals(a *sandbox.Account, suffix string) {
	for _, u := range a.Users {
		b.caller(1, "user "+u.Name+suffix)
		if len(u.Groups) > 0 {
			b.add(wvInfo, 2, "in groups: "+strings.Join(u.Groups, ", "), "")
		}
		b.policies(a, "user", u.Name, u.Policies, u.Inline, u.Boundary)
	}
	for _, g := range a.Groups {
		b.add(wvInfo, 1, "group "+g.Name, "")
		b.policies(a, "group", g.Name, g.Policies, g.Inline, "")
	}
	for _, r := range a.Roles {
		b.caller(1, "role "+r.Name+suffix)
		b.doc(2, "trust: ", sandbox.TrustPolicyID(a.ID, r.Name))
		b.policies(a, "role", r.Name, r.Policies, r.Inline, r.Boundary)
	}
}

// policies adds a principal's attached, inline and boundary documents.
func (b *wvBuilder) policies(a *sandbox.Account, kind, name string, attached []string, inline []sandbox.NamedPolicy, boundary string) {
	for _, n := range attached {
		b.doc(2, "attached: ", b.w.AttachmentID(a.ID, n))
	}
	for _, p := range inline {
		b.doc(2, "inline: ", sandbox.InlinePolicyID(a.ID, kind, name, p.Name))
	}
	if boundary != "" {
		b.doc(2, "boundary: ", b.w.AttachmentID(a.ID, boundary))
	}
}

// resources adds the account's resources, each with its policy.
func (b *wvBuilder) resources(a *sandbox.Account) {
	res := a.ResourceNames()
	if len(res) > 0 {
		b.add(wvInfo, 1, "resources", "")
	}
	for _, r := range res {
		value := r
		if bucket, ok := strings.CutPrefix(r, "bucket "); ok {
			value = "s3://" + bucket + "/"
		}
		b.add(wvResource, 2, r, value)
		if id := resourcePolicyID(b.w, a, r); id != "" {
			b.doc(3, "", id)
		}
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
