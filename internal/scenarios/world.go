package scenarios

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/sandbox"
)

// builtWorld is a world built from YAML, with where each of its documents
// was written so engine errors can be re-positioned.
type builtWorld struct {
	world   *sandbox.World
	account string                // default account id for short phrases
	where   map[string]policyText // document ID → its text and position
	ok      bool
}

func (b *builtWorld) docIDs() []string {
	var out []string
	for _, d := range b.world.Documents() {
		out = append(out, d.ID)
	}
	return out
}

// policyText is a policy's JSON and where its first character sits: in a
// JSON file (col offset 0) or in a YAML `document: |` block (the block's
// indentation).
type policyText struct {
	text      string
	file      string
	line, col int  // 1-based position of the text's first character
	exact     bool // line/col inside the text map to the file
}

// at maps a position inside the text to the file.
func (p policyText) at(line, col int) (int, int) {
	if !p.exact {
		return p.line, p.col
	}
	if line <= 1 {
		return p.line, p.col + col - 1
	}
	return p.line + line - 1, p.col + col - 1
}

var accountID = regexp.MustCompile(`^[0-9]{12}$`)

// world finds or builds the scenario's world.
func (l *loader) world(doc *yamlDoc, sf *scenarioFile) *builtWorld {
	ref := sf.World
	switch {
	case !ref.set || (ref.Name == "" && ref.Inline == nil):
		l.add(doc.at("world", CodeMissing, "world is missing", "world: <name of worlds/<name>.yaml>, or the world inline"))
		return nil
	case ref.Inline != nil:
		bw := l.buildWorld(doc, "world", ref.Inline)
		if !bw.ok {
			return nil
		}
		return bw
	}
	if bw, done := l.worlds[ref.Name]; done {
		if !bw.ok {
			l.add(doc.at("world", CodeWorld, fmt.Sprintf("world %q has errors (reported in its file)", ref.Name), "fix the world file first"))
			return nil
		}
		return bw
	}
	rel := path.Join("worlds", ref.Name+".yaml")
	if !idPattern.MatchString(ref.Name) {
		l.add(doc.at("world", CodeBadValue, fmt.Sprintf("world name %q", ref.Name), "the kebab-case name of a file worlds/<name>.yaml"))
		return nil
	}
	src, f := l.pfs.read(rel)
	if f != nil {
		names := []string{}
		for _, w := range l.pfs.list("worlds", ".yaml") {
			names = append(names, base(w))
		}
		l.add(doc.at("world", f.Code, fmt.Sprintf("world %q: %s (%s)", ref.Name, f.Message, rel), suggestion(ref.Name, names)))
		return nil
	}
	var wf worldFile
	wdoc, fs := decodeYAML(l.pfs.display(rel), src, &wf, worldNames)
	l.add(fs...)
	if wdoc == nil {
		l.worlds[ref.Name] = &builtWorld{}
		l.add(doc.at("world", CodeWorld, fmt.Sprintf("world %q has errors (reported in its file)", ref.Name), "fix the world file first"))
		return nil
	}
	bw := l.buildWorld(wdoc, "", &wf)
	l.worlds[ref.Name] = bw
	if !bw.ok {
		l.add(doc.at("world", CodeWorld, fmt.Sprintf("world %q has errors (reported in its file)", ref.Name), "fix the world file first"))
		return nil
	}
	return bw
}

// buildWorld turns the YAML world at path `at` of doc into a sandbox world.
func (l *loader) buildWorld(doc *yamlDoc, at string, wf *worldFile) *builtWorld {
	before := len(l.pack.Problems)
	bw := &builtWorld{world: sandbox.NewWorld(), where: map[string]policyText{}}
	w := bw.world
	if len(wf.Accounts) == 0 {
		l.add(doc.at(join(at, "accounts"), CodeMissing, "the world has no accounts", "accounts: [{id: \"111122223333\", name: Analytics, ...}]"))
		return bw
	}
	names := map[string]bool{}
	for i, af := range wf.Accounts {
		aat := join(at, "accounts", i)
		if !accountID.MatchString(af.ID) {
			l.add(doc.at(join(aat, "id"), CodeBadValue, fmt.Sprintf("account id %q", af.ID), "12 digits in quotes, e.g. id: \"111122223333\""))
			continue
		}
		names[af.ID], names[af.Name] = true, true
		a := l.account(doc, aat, af, bw)
		if err := w.AddAccount(a); err != nil {
			l.add(doc.at(aat, CodeWorld, err.Error(), ""))
		}
	}
	bw.account = wf.Accounts[0].ID
	if wf.Account != "" {
		if !names[wf.Account] {
			l.add(doc.at(join(at, "account"), CodeUnknownRef, fmt.Sprintf("account %q is not in the world", wf.Account), "the id or name of one of the accounts below"))
		} else if a, ok := w.Account(wf.Account); ok {
			bw.account = a.ID
		}
	}
	if o := wf.Organization; o != nil {
		oat := join(at, "organization")
		for i, nd := range o.Policies {
			pat := join(oat, "policies", i)
			prefix := "scp:"
			switch nd.Type {
			case "scp", "":
			case "rcp":
				prefix = "rcp:"
			default:
				l.add(doc.at(join(pat, "type"), CodeBadValue, fmt.Sprintf("policy type %q", nd.Type), "scp or rcp"))
				continue
			}
			l.addDoc(doc, pat, bw, prefix+nd.Name, nd)
		}
		org := sandbox.Organization{ID: o.ID, RootID: o.Root, ManagementAccount: o.Management, SCPs: o.SCPs, RCPs: o.RCPs, Accounts: o.Accounts, Units: units(o.OUs)}
		if err := w.SetOrganization(org); err != nil {
			l.add(doc.at(oat, CodeWorld, err.Error(), ""))
		}
	}
	for i, nd := range wf.SessionPolicies {
		l.addDoc(doc, join(at, "sessionPolicies", i), bw, "session:"+nd.Name, nd)
	}
	for _, err := range w.Validate() {
		l.add(doc.at(l.guessPath(doc, at, err), CodeWorld, err.Error(), ""))
	}
	l.documentErrors(bw)
	bw.ok = !HasErrors(l.pack.Problems[before:])
	return bw
}

func units(ous []ouFile) []*sandbox.OrganizationalUnit {
	var out []*sandbox.OrganizationalUnit
	for _, o := range ous {
		out = append(out, &sandbox.OrganizationalUnit{Name: o.Name, SCPs: o.SCPs, RCPs: o.RCPs, Accounts: o.Accounts, Units: units(o.OUs)})
	}
	return out
}

// account converts one account, reading policy files and recording where
// every document was written.
func (l *loader) account(doc *yamlDoc, at string, af accountFile, bw *builtWorld) *sandbox.Account {
	id := af.ID
	a := &sandbox.Account{ID: id, Name: af.Name, Region: af.Region, SCPs: af.SCPs, RCPs: af.RCPs, BlockPublicAccess: pab(af.BlockPublicAccess)}
	named := func(kind, owner string, base string, list []namedDoc) []sandbox.NamedPolicy {
		var out []sandbox.NamedPolicy
		for i, nd := range list {
			pat := join(base, i)
			if nd.Name == "" {
				l.add(doc.at(join(pat, "name"), CodeMissing, "policy name is missing", "name: MyPolicy"))
				continue
			}
			pt, ok := l.policySource(doc, pat, source{Document: nd.Document, File: nd.File})
			if !ok {
				continue
			}
			docID := "policy:" + id + "/" + nd.Name
			if kind != "" {
				docID = "inline:" + id + "/" + kind + "/" + owner + "/" + nd.Name
			}
			bw.where[docID] = pt
			out = append(out, sandbox.NamedPolicy{Name: nd.Name, Source: pt.text, File: pt.file, Line: pt.line})
		}
		return out
	}
	text := func(base, docID string, src *source) sandbox.PolicyText {
		if src == nil {
			return sandbox.PolicyText{}
		}
		pt, ok := l.policySource(doc, base, *src)
		if !ok {
			return sandbox.PolicyText{}
		}
		bw.where[docID] = pt
		return sandbox.PolicyText{Source: pt.text, File: pt.file, Line: pt.line}
	}
	a.Policies = named("", "", join(at, "policies"), af.Policies)
	for i, u := range af.Users {
		uat := join(at, "users", i)
		a.Users = append(a.Users, &sandbox.User{Name: u.Name, Path: u.Path, Groups: u.Groups, Policies: u.Policies,
			Inline: named("user", u.Name, join(uat, "inline"), u.Inline), Boundary: u.Boundary, MFA: u.MFA, AccessKeys: u.AccessKeys, Tags: u.Tags})
	}
	for i, g := range af.Groups {
		a.Groups = append(a.Groups, &sandbox.Group{Name: g.Name, Path: g.Path, Policies: g.Policies, Inline: named("group", g.Name, join(at, "groups", i, "inline"), g.Inline)})
	}
	for i, r := range af.Roles {
		rat := join(at, "roles", i)
		a.Roles = append(a.Roles, &sandbox.Role{Name: r.Name, Path: r.Path, Trust: text(join(rat, "trust"), "trust:"+id+"/"+r.Name, r.Trust),
			Policies: r.Policies, Inline: named("role", r.Name, join(rat, "inline"), r.Inline), Boundary: r.Boundary, Tags: r.Tags,
			MaxSessionDuration: r.MaxSessionDuration, InstanceProfiles: r.InstanceProfiles})
	}
	for _, p := range af.IdentityPools {
		a.IdentityPools = append(a.IdentityPools, &sandbox.IdentityPool{Name: p.Name, ID: p.ID, AllowUnauthenticated: p.AllowUnauthenticated,
			AuthenticatedRole: p.AuthenticatedRole, UnauthenticatedRole: p.UnauthenticatedRole, Providers: p.Providers})
	}
	for _, p := range af.OIDCProviders {
		a.OIDCProviders = append(a.OIDCProviders, &sandbox.OIDCProvider{URL: p.URL, ClientIDs: p.ClientIDs})
	}
	for _, p := range af.SAMLProviders {
		a.SAMLProviders = append(a.SAMLProviders, &sandbox.SAMLProvider{Name: p.Name})
	}
	for i, b := range af.Buckets {
		bat := join(at, "buckets", i)
		if b.MFADelete && b.Versioning != sandbox.VersioningEnabled {
			l.add(doc.at(join(bat, "mfaDelete"), CodeBadValue, "MFA Delete needs versioning", "versioning: Enabled"))
		}
		if !contains([]string{"", sandbox.VersioningEnabled, sandbox.VersioningSuspended}, b.Versioning) {
			l.add(doc.at(join(bat, "versioning"), CodeBadValue, fmt.Sprintf("versioning %q", b.Versioning), "Enabled or Suspended (leave it out for never enabled)"))
		}
		a.Buckets = append(a.Buckets, &sandbox.Bucket{Name: b.Name, Region: b.Region, Policy: text(join(bat, "policy"), "bucket-policy:"+b.Name, b.Policy),
			Versioning: b.Versioning, MFADelete: b.MFADelete, BlockPublicAccess: pab(b.BlockPublicAccess), ObjectOwnership: b.ObjectOwnership, Tags: b.Tags})
	}
	for i, k := range af.Keys {
		kid := k.ID
		if kid == "" {
			kid = k.Alias
		}
		a.Keys = append(a.Keys, &sandbox.Key{ID: k.ID, Alias: k.Alias, Region: k.Region, Policy: text(join(at, "keys", i, "policy"), "key-policy:"+id+"/"+kid, k.Policy), AWSManaged: k.AWSManaged, Tags: k.Tags})
	}
	for i, t := range af.Tables {
		a.Tables = append(a.Tables, &sandbox.Table{Name: t.Name, Region: t.Region, Policy: text(join(at, "tables", i, "policy"), "table-policy:"+id+"/"+t.Name, t.Policy), Tags: t.Tags})
	}
	for i, q := range af.Queues {
		a.Queues = append(a.Queues, &sandbox.Queue{Name: q.Name, Region: q.Region, Policy: text(join(at, "queues", i, "policy"), "queue-policy:"+id+"/"+q.Name, q.Policy), Tags: q.Tags})
	}
	for i, t := range af.Topics {
		a.Topics = append(a.Topics, &sandbox.Topic{Name: t.Name, Region: t.Region, Policy: text(join(at, "topics", i, "policy"), "topic-policy:"+id+"/"+t.Name, t.Policy), Tags: t.Tags})
	}
	for i, s := range af.Secrets {
		a.Secrets = append(a.Secrets, &sandbox.Secret{Name: s.Name, Region: s.Region, Policy: text(join(at, "secrets", i, "policy"), "secret-policy:"+id+"/"+s.Name, s.Policy), Tags: s.Tags})
	}
	for i, f := range af.Functions {
		a.Functions = append(a.Functions, &sandbox.Function{Name: f.Name, Region: f.Region, Role: f.Role, Policy: text(join(at, "functions", i, "policy"), "function-policy:"+id+"/"+f.Name, f.Policy), Tags: f.Tags})
	}
	for _, in := range af.Instances {
		a.Instances = append(a.Instances, &sandbox.Instance{ID: in.ID, Region: in.Region, InstanceProfile: in.InstanceProfile, VPC: in.VPC, Tags: in.Tags})
	}
	for i, e := range af.Endpoints {
		a.Endpoints = append(a.Endpoints, &sandbox.VPCEndpoint{ID: e.ID, VPC: e.VPC, Service: e.Service, Policy: text(join(at, "endpoints", i, "policy"), "endpoint-policy:"+e.ID, e.Policy)})
	}
	return a
}

func pab(p *publicBlockFile) sandbox.PublicAccessBlock {
	if p == nil {
		return sandbox.PublicAccessBlock{}
	}
	return sandbox.PublicAccessBlock{BlockPublicAcls: p.BlockPublicAcls, IgnorePublicAcls: p.IgnorePublicAcls, BlockPublicPolicy: p.BlockPublicPolicy, RestrictPublicBuckets: p.RestrictPublicBuckets}
}

// addDoc adds a named document (SCP, RCP, session policy) to the world.
func (l *loader) addDoc(doc *yamlDoc, at string, bw *builtWorld, id string, nd namedDoc) {
	if nd.Name == "" {
		l.add(doc.at(join(at, "name"), CodeMissing, "policy name is missing", "name: MyPolicy"))
		return
	}
	pt, ok := l.policySource(doc, at, source{Document: nd.Document, File: nd.File})
	if !ok {
		return
	}
	bw.where[id] = pt
	if err := bw.world.AddDocument(&sandbox.Document{ID: id, Source: pt.text, File: pt.file, Line: pt.line}); err != nil {
		l.add(doc.at(join(at, "name"), CodeWorld, err.Error(), ""))
	}
}

// policySource reads a policy written inline (`document: |`) or in a JSON
// file of the pack, and records where its text starts.
func (l *loader) policySource(doc *yamlDoc, at string, src source) (policyText, bool) {
	switch {
	case src.Document != "" && src.File != "":
		l.add(doc.at(join(at, "file"), CodeBadValue, "both document and file are set", "write the policy inline or in a file, not both"))
		return policyText{}, false
	case src.File != "":
		if err := checkRel(src.File); err != nil {
			l.add(doc.at(join(at, "file"), CodeUnsafePath, fmt.Sprintf("path %q: %v", src.File, err), "a path inside the pack folder, e.g. policies/x.json"))
			return policyText{}, false
		}
		data, f := l.pfs.read(src.File)
		if f != nil {
			l.add(doc.at(join(at, "file"), f.Code, fmt.Sprintf("%s: %s", src.File, f.Message), f.Expected))
			return policyText{}, false
		}
		// Policies are JSON, not prose; strip nothing silently but refuse
		// what must never reach a terminal.
		text, changed := sanitize(string(data))
		if changed {
			l.add(Finding{Code: CodeSanitized, Severity: SevWarning, File: l.pfs.display(src.File), Line: 1, Col: 1, Message: "control characters or terminal escape sequences were removed", Expected: "plain JSON"})
		}
		return policyText{text: text, file: l.pfs.display(src.File), line: 1, col: 1, exact: !changed}, true
	case strings.TrimSpace(src.Document) == "":
		l.add(doc.at(at, CodeMissing, "the policy has no document", "document: | followed by the JSON, or file: policies/x.json"))
		return policyText{}, false
	}
	text, changed := sanitize(src.Document)
	dat := join(at, "document")
	if changed {
		f := doc.at(dat, CodeSanitized, "control characters or terminal escape sequences were removed from this policy", "plain JSON")
		f.Severity = SevWarning
		l.add(f)
	}
	if line, col, ok := doc.blockStart(dat); ok && !changed {
		return policyText{text: text, file: doc.file, line: line, col: col, exact: true}, true
	}
	line, col := doc.pos(dat)
	return policyText{text: text, file: doc.file, line: line, col: col}, true
}

// documentErrors reports every document of the world that does not parse,
// at the line and column of the YAML or JSON file the author edits.
func (l *loader) documentErrors(bw *builtWorld) {
	for _, d := range bw.world.Documents() {
		if d.Err == nil || d.AWSManaged {
			continue
		}
		pt, ok := bw.where[d.ID]
		if !ok {
			pt = policyText{file: d.File, line: max(d.Line, 1), col: 1, exact: true}
		}
		l.policyErrors(pt, d.Err)
	}
}

// policyErrors re-positions engine parse errors into the author's file.
func (l *loader) policyErrors(pt policyText, err error) {
	var pe eval.ParseErrors
	if !errors.As(err, &pe) {
		l.add(Finding{Code: CodePolicySyntax, Severity: SevError, File: pt.file, Line: pt.line, Col: pt.col, Message: err.Error()})
		return
	}
	for _, e := range pe {
		line, col := pt.at(e.Pos.Line, e.Pos.Col)
		f := Finding{Code: CodePolicySyntax, Severity: SevError, File: pt.file, Line: line, Col: col, Message: e.Msg}
		if e.Expected != "" {
			f.Expected = e.Expected
			if !strings.HasPrefix(f.Expected, "expected") {
				f.Expected = "expected " + f.Expected
			}
		}
		l.add(f)
	}
}

// guessPath finds the YAML object a plain sandbox error is about. The
// sandbox quotes the names it cannot resolve ("readers") and writes
// document IDs bare (scp:NoSuchSCP), so those are looked up, in that order,
// among the values written in the world; the world itself is the fallback.
func (l *loader) guessPath(doc *yamlDoc, at string, err error) string {
	msg := err.Error()
	var tries [][]string
	var quoted []string
	for _, q := range quotedName.FindAllStringSubmatch(msg, -1) {
		quoted = append(quoted, q[1], "aws:"+q[1])
	}
	tries = append(tries, quoted)
	var ids []string
	for _, w := range strings.Fields(msg) {
		w = strings.Trim(w, ",.;()")
		if _, name, ok := strings.Cut(w, ":"); ok && name != "" {
			ids = append(ids, w, name)
		}
	}
	tries = append(tries, ids)
	for _, names := range tries {
		best := ""
		for p, n := range doc.nodes {
			if at != "" && !strings.HasPrefix(p, at) {
				continue
			}
			s, ok := scalarText(n)
			if !ok || !slices.Contains(names, s) {
				continue
			}
			if best == "" || p < best {
				best = p
			}
		}
		if best != "" {
			return best
		}
	}
	return at
}

var quotedName = regexp.MustCompile(`"([^"]+)"`)
