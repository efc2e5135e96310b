package scenario

import (
	"fmt"
	"sort"
	"strings"

	"github.com/iamlab/iamlab/internal/tui/cells"

	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/sandbox"
	"github.com/iamlab/iamlab/internal/scenarios"
	"github.com/iamlab/iamlab/internal/tui/theme"
)

// node is one row of the world tree: a container (organization, OU,
// account, group of things, principal, resource), a setting, or a policy
// document that opens in the viewer.
type node struct {
	label    string
	note     string // muted text after the label: "groups: readers"
	doc      string // document ID, for policy leaves
	editable bool
	open     bool
	children []*node
	depth    int
}

// worldTree is the world as a tree, flattened for display.
type worldTree struct {
	roots   []*node
	rows    []*node // visible rows, in order
	sel     int
	yoff    int
	w, h    int
	st      *theme.Styles
	viewing string // document shown instead of the tree (predict, choose)
}

func newWorldTree(s *scenarios.Scenario, st *theme.Styles) worldTree {
	t := worldTree{st: st}
	editable := map[string]bool{}
	for _, id := range s.Editable {
		editable[id] = true
	}
	b := treeBuilder{w: s.World, editable: editable}
	t.roots = b.build()
	t.flatten()
	return t
}

type treeBuilder struct {
	w        *sandbox.World
	editable map[string]bool
	placed   map[string]bool
}

func (b *treeBuilder) docNode(id, label string) *node {
	if _, ok := b.w.Document(id); !ok {
		return nil
	}
	return &node{label: label, doc: id, editable: b.editable[id]}
}

func (b *treeBuilder) build() []*node {
	b.placed = map[string]bool{}
	var roots []*node
	if org, ok := b.w.Organization(); ok {
		root := &node{label: "Organization " + org.ID, open: true}
		r := &node{label: "Root " + org.RootID, open: true}
		b.orgLevel(r, org.SCPs, org.RCPs, org.Accounts, org.Units)
		if org.ManagementAccount != "" {
			r.note = "management account " + org.ManagementAccount
		}
		root.children = []*node{r}
		roots = append(roots, root)
	}
	for _, a := range b.w.Accounts() {
		if !b.placed[a.ID] {
			roots = append(roots, b.account(a))
		}
	}
	return roots
}

func (b *treeBuilder) orgLevel(n *node, scps, rcps, accounts []string, units []*sandbox.OrganizationalUnit) {
	for _, p := range scps {
		if d := b.docNode(sandbox.SCPID(p), "SCP "+p); d != nil {
			n.children = append(n.children, d)
		}
	}
	for _, p := range rcps {
		if d := b.docNode(sandbox.RCPID(p), "RCP "+p); d != nil {
			n.children = append(n.children, d)
		}
	}
	for _, u := range units {
		un := &node{label: "OU " + u.Name, open: true}
		b.orgLevel(un, u.SCPs, u.RCPs, u.Accounts, u.Units)
		n.children = append(n.children, un)
	}
	for _, ref := range accounts {
		if a, ok := b.w.Account(ref); ok {
			b.placed[a.ID] = true
			n.children = append(n.children, b.account(a))
		}
	}
}

func (b *treeBuilder) policies(n *node, acct string, attached []string, inline []sandbox.NamedPolicy, kind, owner, boundary string) {
	for _, p := range attached {
		if d := b.docNode(b.w.AttachmentID(acct, p), "policy "+p); d != nil {
			n.children = append(n.children, d)
		}
	}
	for _, p := range inline {
		if d := b.docNode(sandbox.InlinePolicyID(acct, kind, owner, p.Name), "inline "+p.Name); d != nil {
			n.children = append(n.children, d)
		}
	}
	if boundary != "" {
		if d := b.docNode(b.w.AttachmentID(acct, boundary), "boundary "+boundary); d != nil {
			n.children = append(n.children, d)
		}
	}
}

func setting(label string) *node { return &node{label: label} }

func onOff(v bool) string {
	if v {
		return "on"
	}
	return "off"
}

func (b *treeBuilder) account(a *sandbox.Account) *node {
	n := &node{label: a.ID + " " + a.Name, open: true}
	for _, p := range a.SCPs {
		if d := b.docNode(sandbox.SCPID(p), "SCP "+p); d != nil {
			n.children = append(n.children, d)
		}
	}
	for _, p := range a.RCPs {
		if d := b.docNode(sandbox.RCPID(p), "RCP "+p); d != nil {
			n.children = append(n.children, d)
		}
	}
	group := func(label string, kids []*node) {
		if len(kids) > 0 {
			n.children = append(n.children, &node{label: label, open: true, children: kids})
		}
	}
	var kids []*node
	for _, u := range a.Users {
		un := &node{label: u.Name}
		if len(u.Groups) > 0 {
			un.note = "groups: " + strings.Join(u.Groups, ", ")
			un.children = append(un.children, setting("groups: "+strings.Join(u.Groups, ", ")))
		}
		un.children = append(un.children, setting("MFA device: "+onOff(u.MFA)))
		b.policies(un, a.ID, u.Policies, u.Inline, "user", u.Name, u.Boundary)
		kids = append(kids, un)
	}
	group("users", kids)
	kids = nil
	for _, g := range a.Groups {
		gn := &node{label: g.Name}
		b.policies(gn, a.ID, g.Policies, g.Inline, "group", g.Name, "")
		gn.note = docNames(gn)
		kids = append(kids, gn)
	}
	group("groups", kids)
	kids = nil
	for _, r := range a.Roles {
		rn := &node{label: r.Name}
		if d := b.docNode(sandbox.TrustPolicyID(a.ID, r.Name), "trust policy"); d != nil {
			rn.children = append(rn.children, d)
		}
		b.policies(rn, a.ID, r.Policies, r.Inline, "role", r.Name, r.Boundary)
		if len(r.InstanceProfiles) > 0 {
			rn.children = append(rn.children, setting("instance profiles: "+strings.Join(r.InstanceProfiles, ", ")))
		}
		kids = append(kids, rn)
	}
	group("roles", kids)
	kids = nil
	for _, p := range a.Policies {
		if d := b.docNode(sandbox.CustomerPolicyID(a.ID, p.Name), p.Name); d != nil {
			kids = append(kids, d)
		}
	}
	group("customer managed policies", kids)
	b.resources(n, a)
	return n
}

func (b *treeBuilder) resources(n *node, a *sandbox.Account) {
	var kids []*node
	for _, bk := range a.Buckets {
		bn := &node{label: bk.Name}
		v := bk.Versioning
		if v == "" {
			v = "off"
		}
		bn.note = "versioning: " + v
		bn.children = append(bn.children, setting("versioning: "+v), setting("MFA Delete: "+onOff(bk.MFADelete)))
		bpa := bk.BlockPublicAccess
		bn.children = append(bn.children, setting(fmt.Sprintf("Block Public Access: ACLs %s/%s, policy %s/%s",
			onOff(bpa.BlockPublicAcls), onOff(bpa.IgnorePublicAcls), onOff(bpa.BlockPublicPolicy), onOff(bpa.RestrictPublicBuckets))))
		if d := b.docNode(sandbox.BucketPolicyID(bk.Name), "bucket policy"); d != nil {
			bn.children = append(bn.children, d)
		}
		kids = append(kids, bn)
	}
	if len(kids) > 0 {
		n.children = append(n.children, &node{label: "s3", open: true, children: kids})
	}
	simple := func(label string, policyID func(account, name string) string, names []string) {
		var ks []*node
		for _, name := range names {
			rn := &node{label: name}
			if d := b.docNode(policyID(a.ID, name), "resource policy"); d != nil {
				rn.children = append(rn.children, d)
			}
			ks = append(ks, rn)
		}
		if len(ks) > 0 {
			n.children = append(n.children, &node{label: label, open: true, children: ks})
		}
	}
	var keys, tables, queues, topics, fns, secrets []string
	for _, k := range a.Keys {
		keys = append(keys, k.ID)
	}
	for _, t := range a.Tables {
		tables = append(tables, t.Name)
	}
	for _, q := range a.Queues {
		queues = append(queues, q.Name)
	}
	for _, t := range a.Topics {
		topics = append(topics, t.Name)
	}
	for _, f := range a.Functions {
		fns = append(fns, f.Name)
	}
	for _, s := range a.Secrets {
		secrets = append(secrets, s.Name)
	}
	simple("kms", sandbox.KeyPolicyID, keys)
	simple("dynamodb", sandbox.TablePolicyID, tables)
	simple("sqs", sandbox.QueuePolicyID, queues)
	simple("sns", sandbox.TopicPolicyID, topics)
	simple("lambda", sandbox.FunctionPolicyID, fns)
	simple("secretsmanager", sandbox.SecretPolicyID, secrets)
	var ec2 []*node
	for _, in := range a.Instances {
		ec2 = append(ec2, &node{label: in.ID, note: "profile: " + in.InstanceProfile})
	}
	for _, e := range a.Endpoints {
		en := &node{label: e.ID, note: e.Service + " endpoint"}
		if d := b.docNode(sandbox.EndpointPolicyID(e.ID), "endpoint policy"); d != nil {
			en.children = append(en.children, d)
		}
		ec2 = append(ec2, en)
	}
	if len(ec2) > 0 {
		n.children = append(n.children, &node{label: "ec2 / vpc", open: true, children: ec2})
	}
}

// docNames lists the policy names under a node, for its one-line note.
func docNames(n *node) string {
	var names []string
	for _, c := range n.children {
		if c.doc != "" {
			names = append(names, strings.TrimPrefix(strings.TrimPrefix(c.label, "policy "), "inline "))
		}
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

func (t *worldTree) flatten() {
	t.rows = t.rows[:0]
	var walk func(ns []*node, depth int)
	walk = func(ns []*node, depth int) {
		for _, n := range ns {
			n.depth = depth
			t.rows = append(t.rows, n)
			if n.open {
				walk(n.children, depth+1)
			}
		}
	}
	walk(t.roots, 0)
	t.sel = min(max(0, t.sel), max(0, len(t.rows)-1))
	t.clamp()
}

func (t *worldTree) setStyles(st *theme.Styles) { t.st = st }
func (t *worldTree) setSize(w, h int)           { t.w, t.h = w, h; t.clamp() }

func (t *worldTree) clamp() {
	if t.sel < t.yoff {
		t.yoff = t.sel
	}
	if t.h > 0 && t.sel >= t.yoff+t.h {
		t.yoff = t.sel - t.h + 1
	}
	t.yoff = max(0, min(t.yoff, len(t.rows)-t.h))
}

func (t *worldTree) move(n int) {
	t.sel = min(max(0, t.sel+n), max(0, len(t.rows)-1))
	t.clamp()
}

// selected returns the selected node.
func (t *worldTree) selected() *node {
	if t.sel < len(t.rows) {
		return t.rows[t.sel]
	}
	return nil
}

// activate expands or collapses a container and returns the document of a
// policy leaf ("" otherwise).
func (t *worldTree) activate() string {
	n := t.selected()
	if n == nil {
		return ""
	}
	if n.doc != "" {
		return n.doc
	}
	if len(n.children) > 0 {
		n.open = !n.open
		t.flatten()
		if n.open {
			// Bring the opened children into view, the node staying on top.
			last := t.sel
			for last+1 < len(t.rows) && t.rows[last+1].depth > n.depth {
				last++
			}
			if t.h > 0 && last >= t.yoff+t.h {
				t.yoff = min(t.sel, last-t.h+1)
			}
		}
	}
	return ""
}

// collapse closes the selected node, or goes to its parent.
func (t *worldTree) collapse() {
	n := t.selected()
	if n == nil {
		return
	}
	if n.open && len(n.children) > 0 {
		n.open = false
		t.flatten()
		return
	}
	for i := t.sel - 1; i >= 0; i-- {
		if t.rows[i].depth < n.depth {
			t.sel = i
			t.clamp()
			return
		}
	}
}

// lines renders the visible rows.
func (t *worldTree) lines(focused bool) []string {
	out := make([]string, 0, t.h)
	end := min(len(t.rows), t.yoff+t.h)
	for i := t.yoff; i < end; i++ {
		n := t.rows[i]
		icon := "  "
		switch {
		case n.doc != "":
			icon = "• "
		case len(n.children) > 0 && n.open:
			icon = "▾ "
		case len(n.children) > 0:
			icon = "▸ "
		}
		label := n.label
		if n.editable {
			label += " ✎"
		}
		text := strings.Repeat("  ", n.depth) + icon + label
		if n.note != "" && !n.open {
			if room := t.w - cells.Width(text) - 2; room > 8 {
				text += "  " + t.st.Muted.Render(fitWords(n.note, room))
			}
		}
		switch {
		case i == t.sel && focused:
			text = t.st.Selected.Render(fit(ansi.Strip(text), t.w))
		case n.doc == "" && len(n.children) == 0:
			text = t.st.Muted.Render(text)
		}
		out = append(out, text)
	}
	return out
}

// rowAt maps a row inside the pane to a tree row index (-1 none).
func (t *worldTree) rowAt(y int) int {
	i := t.yoff + y
	if y < 0 || i >= len(t.rows) {
		return -1
	}
	return i
}
