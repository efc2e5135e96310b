// Package awsimport turns what the AWS CLI prints about a real account into
// a world file, so an instructor can make an exercise of a real incident
// and a learner can explore their own account offline. It reads the output
// of `aws iam get-account-authorization-details` (users, groups, roles with
// their trust policies, managed and inline policies, boundaries), and
// optionally of `aws organizations describe-policy` with
// `list-targets-for-policy`, `aws s3api get-bucket-policy` and
// `aws kms get-key-policy`. It never calls AWS.
//
// Nothing is dropped silently: every part of the input the world cannot
// hold is returned as a Note.
//
// Formats: IAM API Reference, GetAccountAuthorizationDetails (response
// elements UserDetailList, GroupDetailList, RoleDetailList, Policies);
// AWS Organizations API Reference, DescribePolicy and ListTargetsForPolicy;
// Amazon S3 API Reference, GetBucketPolicy; AWS KMS API Reference,
// GetKeyPolicy.
package awsimport

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"sync"

	"github.com/goccy/go-yaml"

	"github.com/iamlab/iamlab/internal/arn"
	"github.com/iamlab/iamlab/internal/sandbox"
	"github.com/iamlab/iamlab/internal/worldfile"
)

// File is one input file: its name (for notes and errors) and its bytes.
// Bucket and key policies carry the name of the resource they belong to,
// which the AWS CLI does not print.
type File struct {
	Name   string
	Data   []byte
	Bucket string // for get-bucket-policy output
	Key    string // for get-key-policy output: the key id
}

// Note is a part of the input the world leaves out or changes, said once.
type Note struct {
	File string
	What string
}

func (n Note) String() string { return n.File + ": " + n.What }

// Result is the imported world and what could not be carried over.
type Result struct {
	World *worldfile.World
	Notes []Note
}

type importer struct {
	res      Result
	accounts map[string]*worldfile.Account
	lastOrg  *orgPolicy
	org      []*orgPolicy
	managed  map[string]bool // names of imported customer managed policies
}

type orgPolicy struct {
	file    string
	id      string
	name    string
	typ     string // "scp" or "rcp"
	content string
	targets []target
}

type target struct{ id, typ, name string }

// Import reads the files and builds the world. name is the account's
// display name ("" for "Imported").
func Import(files []File, name string) (*Result, error) {
	im := &importer{accounts: map[string]*worldfile.Account{}, managed: map[string]bool{}}
	for _, f := range files {
		if err := im.file(f); err != nil {
			return nil, err
		}
	}
	if len(im.accounts) == 0 {
		return nil, fmt.Errorf("no account found: give the output of aws iam get-account-authorization-details")
	}
	w := &worldfile.World{}
	ids := make([]string, 0, len(im.accounts))
	for id := range im.accounts {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for i, id := range ids {
		a := im.accounts[id]
		if a.Name == "" {
			a.Name = "Imported"
			if name != "" {
				a.Name = name
			}
			if i > 0 {
				a.Name += fmt.Sprint(i + 1)
			}
		}
		w.Accounts = append(w.Accounts, *a)
	}
	w.Account = ids[0]
	im.organization(w)
	im.res.World = w
	return &im.res, nil
}

func (im *importer) note(file, format string, args ...any) {
	im.res.Notes = append(im.res.Notes, Note{File: file, What: fmt.Sprintf(format, args...)})
}

// file recognises an input by its top-level keys.
func (im *importer) file(f File) error {
	var top map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(f.Data))
	dec.UseNumber()
	if err := dec.Decode(&top); err != nil {
		return fmt.Errorf("%s: not the JSON output of an AWS CLI command: %v", f.Name, err)
	}
	switch {
	case has(top, "UserDetailList") || has(top, "RoleDetailList") || has(top, "GroupDetailList"):
		return im.authDetails(f, top)
	case has(top, "Targets"):
		return im.targets(f, top)
	case has(top, "Policy"):
		var s string
		if json.Unmarshal(top["Policy"], &s) == nil {
			return im.resourcePolicy(f, s)
		}
		return im.describePolicy(f, top["Policy"])
	}
	keys := make([]string, 0, len(top))
	for k := range top {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return fmt.Errorf("%s: unrecognised output (keys %s); expected get-account-authorization-details, describe-policy, list-targets-for-policy, get-bucket-policy or get-key-policy", f.Name, strings.Join(keys, ", "))
}

func has(m map[string]json.RawMessage, k string) bool { _, ok := m[k]; return ok }

// docText returns a policy document as JSON text: the CLI prints documents
// as objects, the API as URL-encoded strings (RFC 3986).
func docText(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", err
		}
		if strings.HasPrefix(strings.TrimSpace(s), "%7B") || strings.HasPrefix(strings.TrimSpace(s), "%7b") {
			d, err := url.QueryUnescape(s)
			if err != nil {
				return "", err
			}
			s = d
		}
		raw = []byte(s)
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, raw, "", "  "); err != nil {
		return "", fmt.Errorf("policy document is not JSON: %v", err)
	}
	return buf.String(), nil
}

type attached struct {
	PolicyName string
	PolicyArn  string
}

type inline struct {
	PolicyName     string
	PolicyDocument json.RawMessage
}

type boundary struct {
	PermissionsBoundaryType string
	PermissionsBoundaryArn  string
}

type tag struct{ Key, Value string }

type authDetails struct {
	UserDetailList []struct {
		Path, UserName, Arn     string
		GroupList               []string
		AttachedManagedPolicies []attached
		UserPolicyList          []inline
		PermissionsBoundary     *boundary
		Tags                    []tag
	}
	GroupDetailList []struct {
		Path, GroupName, Arn    string
		AttachedManagedPolicies []attached
		GroupPolicyList         []inline
	}
	RoleDetailList []struct {
		Path, RoleName, Arn      string
		AssumeRolePolicyDocument json.RawMessage
		AttachedManagedPolicies  []attached
		RolePolicyList           []inline
		PermissionsBoundary      *boundary
		Tags                     []tag
		MaxSessionDuration       int
		InstanceProfileList      []struct{ InstanceProfileName string }
	}
	Policies []struct {
		PolicyName, Arn, DefaultVersionId string
		PolicyVersionList                 []struct {
			Document         json.RawMessage
			VersionId        string
			IsDefaultVersion bool
		}
	}
	IsTruncated bool
}

var knownAuthKeys = map[string]bool{"UserDetailList": true, "GroupDetailList": true, "RoleDetailList": true, "Policies": true, "IsTruncated": true, "Marker": true}

func (im *importer) acct(resARN, file string) *worldfile.Account {
	id := ""
	if parts, ok := arn.Split(resARN); ok {
		id = parts[4]
	}
	if id == "" || id == "aws" {
		return nil
	}
	a, ok := im.accounts[id]
	if !ok {
		a = &worldfile.Account{ID: id}
		im.accounts[id] = a
	}
	return a
}

func (im *importer) authDetails(f File, top map[string]json.RawMessage) error {
	for k := range top {
		if !knownAuthKeys[k] {
			im.note(f.Name, "%s is not part of a world and was left out", k)
		}
	}
	var ad authDetails
	b, _ := json.Marshal(top)
	if err := json.Unmarshal(b, &ad); err != nil {
		return fmt.Errorf("%s: get-account-authorization-details output does not have the documented shape: %v", f.Name, err)
	}
	if ad.IsTruncated {
		im.note(f.Name, "the output is truncated (IsTruncated): give every page, or run the command without --max-items")
	}
	// Managed policies first: users, groups and roles refer to them by name.
	for _, p := range ad.Policies {
		if strings.HasPrefix(p.Arn, "arn:aws:iam::aws:policy/") {
			im.awsManaged(f, p.PolicyName, p.Arn, p.DefaultVersionId, p.PolicyVersionList)
			continue
		}
		a := im.acct(p.Arn, f.Name)
		if a == nil {
			im.note(f.Name, "policy %s has no account in its ARN %q and was left out", p.PolicyName, p.Arn)
			continue
		}
		doc, ok := defaultVersion(p.DefaultVersionId, p.PolicyVersionList)
		if !ok {
			im.note(f.Name, "policy %s has no default version in the output and was left out", p.PolicyName)
			continue
		}
		text, err := docText(doc)
		if err != nil {
			im.note(f.Name, "policy %s: %v; left out", p.PolicyName, err)
			continue
		}
		if len(p.PolicyVersionList) > 1 {
			im.note(f.Name, "policy %s: only the default version %s was imported (%d versions in the output)", p.PolicyName, p.DefaultVersionId, len(p.PolicyVersionList))
		}
		a.Policies = append(a.Policies, worldfile.NamedDoc{Name: p.PolicyName, Document: text})
		im.managed[p.PolicyName] = true
	}
	for _, g := range ad.GroupDetailList {
		a := im.acct(g.Arn, f.Name)
		if a == nil {
			continue
		}
		wg := worldfile.Group{Name: g.GroupName, Path: cleanPath(g.Path), Policies: im.attachedNames(f, g.AttachedManagedPolicies)}
		wg.Inline = im.inlines(f, "group "+g.GroupName, g.GroupPolicyList)
		a.Groups = append(a.Groups, wg)
	}
	for _, u := range ad.UserDetailList {
		a := im.acct(u.Arn, f.Name)
		if a == nil {
			continue
		}
		wu := worldfile.User{Name: u.UserName, Path: cleanPath(u.Path), Groups: u.GroupList, Policies: im.attachedNames(f, u.AttachedManagedPolicies), Tags: tags(u.Tags)}
		wu.Inline = im.inlines(f, "user "+u.UserName, u.UserPolicyList)
		wu.Boundary = im.boundaryName(f, "user "+u.UserName, u.PermissionsBoundary)
		a.Users = append(a.Users, wu)
	}
	if len(ad.UserDetailList) > 0 {
		im.note(f.Name, "MFA devices and access keys are not in this output: users are imported without MFA; set mfa: true for users who have a device")
	}
	for _, r := range ad.RoleDetailList {
		a := im.acct(r.Arn, f.Name)
		if a == nil {
			continue
		}
		wr := worldfile.Role{Name: r.RoleName, Path: cleanPath(r.Path), Policies: im.attachedNames(f, r.AttachedManagedPolicies), Tags: tags(r.Tags), MaxSessionDuration: r.MaxSessionDuration}
		if text, err := docText(r.AssumeRolePolicyDocument); err == nil {
			wr.Trust = &worldfile.Source{Document: text}
		} else {
			im.note(f.Name, "role %s: trust policy %v; the role was left out", r.RoleName, err)
			continue
		}
		wr.Inline = im.inlines(f, "role "+r.RoleName, r.RolePolicyList)
		wr.Boundary = im.boundaryName(f, "role "+r.RoleName, r.PermissionsBoundary)
		for _, ip := range r.InstanceProfileList {
			wr.InstanceProfiles = append(wr.InstanceProfiles, ip.InstanceProfileName)
		}
		a.Roles = append(a.Roles, wr)
	}
	return nil
}

// awsManaged keeps an AWS managed policy by name when the sandbox offers
// it; otherwise its document, when the output carries one, becomes a
// customer managed copy so the world still evaluates the same way.
func (im *importer) awsManaged(f File, name, arn, def string, versions []struct {
	Document         json.RawMessage
	VersionId        string
	IsDefaultVersion bool
}) {
	if sandboxOffers(name) {
		return
	}
	doc, ok := defaultVersion(def, versions)
	if !ok {
		im.note(f.Name, "AWS managed policy %s is not one iamlab offers and the output has no document for it; attachments to it are left out", name)
		return
	}
	text, err := docText(doc)
	if err != nil {
		im.note(f.Name, "AWS managed policy %s: %v; left out", name, err)
		return
	}
	for _, a := range im.accounts {
		a.Policies = append(a.Policies, worldfile.NamedDoc{Name: name, Document: text})
		im.managed[name] = true
		im.note(f.Name, "AWS managed policy %s is not one iamlab offers: imported as a customer managed copy of its default version", name)
		return
	}
}

func defaultVersion(def string, versions []struct {
	Document         json.RawMessage
	VersionId        string
	IsDefaultVersion bool
}) (json.RawMessage, bool) {
	for _, v := range versions {
		if v.IsDefaultVersion || (def != "" && v.VersionId == def) {
			return v.Document, len(v.Document) > 0
		}
	}
	return nil, false
}

func (im *importer) attachedNames(f File, as []attached) []string {
	var out []string
	for _, a := range as {
		if strings.HasPrefix(a.PolicyArn, "arn:aws:iam::aws:policy/") && !sandboxOffers(a.PolicyName) && !im.managed[a.PolicyName] {
			im.note(f.Name, "AWS managed policy %s is attached but iamlab does not offer it and the output has no document for it: the attachment was left out", a.PolicyName)
			continue
		}
		out = append(out, a.PolicyName)
	}
	return out
}

func (im *importer) inlines(f File, who string, ps []inline) []worldfile.NamedDoc {
	var out []worldfile.NamedDoc
	for _, p := range ps {
		text, err := docText(p.PolicyDocument)
		if err != nil {
			im.note(f.Name, "%s: inline policy %s %v; left out", who, p.PolicyName, err)
			continue
		}
		out = append(out, worldfile.NamedDoc{Name: p.PolicyName, Document: text})
	}
	return out
}

func (im *importer) boundaryName(f File, who string, b *boundary) string {
	if b == nil || b.PermissionsBoundaryArn == "" {
		return ""
	}
	i := strings.LastIndexByte(b.PermissionsBoundaryArn, '/')
	return b.PermissionsBoundaryArn[i+1:]
}

func cleanPath(p string) string {
	if p == "/" {
		return ""
	}
	return p
}

func tags(ts []tag) map[string]string {
	if len(ts) == 0 {
		return nil
	}
	m := make(map[string]string, len(ts))
	for _, t := range ts {
		m[t.Key] = t.Value
	}
	return m
}

// describePolicy reads `aws organizations describe-policy` output.
func (im *importer) describePolicy(f File, raw json.RawMessage) error {
	var p struct {
		PolicySummary struct {
			Id, Name, Type string
			AwsManaged     bool
		}
		Content string
	}
	if err := json.Unmarshal(raw, &p); err != nil || p.PolicySummary.Id == "" {
		return fmt.Errorf("%s: describe-policy output does not have the documented shape (Policy.PolicySummary, Policy.Content)", f.Name)
	}
	var typ string
	switch p.PolicySummary.Type {
	case "SERVICE_CONTROL_POLICY":
		typ = "scp"
	case "RESOURCE_CONTROL_POLICY":
		typ = "rcp"
	default:
		im.note(f.Name, "policy %s is of type %s, which iamlab does not evaluate; left out", p.PolicySummary.Name, p.PolicySummary.Type)
		im.lastOrg = nil
		return nil
	}
	text, err := docText(json.RawMessage(p.Content))
	if err != nil {
		return fmt.Errorf("%s: policy %s: %v", f.Name, p.PolicySummary.Name, err)
	}
	op := &orgPolicy{file: f.Name, id: p.PolicySummary.Id, name: p.PolicySummary.Name, typ: typ, content: text}
	im.org = append(im.org, op)
	im.lastOrg = op
	return nil
}

// targets reads `aws organizations list-targets-for-policy` output, which
// does not name its policy: it belongs to the describe-policy before it.
func (im *importer) targets(f File, top map[string]json.RawMessage) error {
	if im.lastOrg == nil {
		return fmt.Errorf("%s: list-targets-for-policy output must follow the describe-policy output of its policy on the command line", f.Name)
	}
	var ts []struct{ TargetId, Name, Type string }
	if err := json.Unmarshal(top["Targets"], &ts); err != nil {
		return fmt.Errorf("%s: Targets does not have the documented shape: %v", f.Name, err)
	}
	for _, t := range ts {
		im.lastOrg.targets = append(im.lastOrg.targets, target{id: t.TargetId, typ: t.Type, name: t.Name})
	}
	return nil
}

// organization attaches the organization policies where the world can
// hold them: at the root, or on an imported account. An OU's members are
// not in these outputs, so a policy on an OU is listed, not guessed.
func (im *importer) organization(w *worldfile.World) {
	if len(im.org) == 0 {
		return
	}
	org := &worldfile.Organization{}
	for _, p := range im.org {
		if p.name != "FullAWSAccess" && p.name != "RCPFullAWSAccess" { // built into every world
			org.Policies = append(org.Policies, worldfile.NamedDoc{Name: p.name, Type: p.typ, Document: p.content})
		}
		if len(p.targets) == 0 {
			im.note(p.file, "policy %s has no targets in the input (give list-targets-for-policy output after it): it is in the world but attached nowhere", p.name)
		}
		for _, t := range p.targets {
			switch t.typ {
			case "ROOT":
				if p.typ == "scp" {
					org.SCPs = append(org.SCPs, p.name)
				} else {
					org.RCPs = append(org.RCPs, p.name)
				}
				org.Root = t.id
			case "ACCOUNT":
				found := false
				for i := range w.Accounts {
					if w.Accounts[i].ID == t.id {
						found = true
						if p.typ == "scp" {
							w.Accounts[i].SCPs = append(w.Accounts[i].SCPs, p.name)
						} else {
							w.Accounts[i].RCPs = append(w.Accounts[i].RCPs, p.name)
						}
					}
				}
				if !found {
					im.note(p.file, "policy %s is attached to account %s, which the input does not describe: that attachment was left out", p.name, t.id)
				}
			default:
				im.note(p.file, "policy %s is attached to %s %s (%s), whose member accounts these outputs do not list: that attachment was left out; add the OU to the world by hand", p.name, strings.ToLower(strings.ReplaceAll(t.typ, "_", " ")), t.name, t.id)
			}
		}
	}
	// AWS attaches FullAWSAccess to the root, every OU and every account
	// when SCPs are enabled; an SCP level without an Allow denies
	// everything. Unless the input says where FullAWSAccess is attached,
	// it is kept at every level that has another SCP.
	// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
	full := false
	for _, p := range im.org {
		if p.name == "FullAWSAccess" || p.id == "p-FullAWSAccess" {
			full = true
		}
	}
	if !full {
		added := false
		if len(org.SCPs) > 0 {
			org.SCPs = append([]string{"FullAWSAccess"}, org.SCPs...)
			added = true
		}
		for i := range w.Accounts {
			if len(w.Accounts[i].SCPs) > 0 {
				w.Accounts[i].SCPs = append([]string{"FullAWSAccess"}, w.Accounts[i].SCPs...)
				added = true
			}
		}
		if added {
			im.note(im.org[0].file, "FullAWSAccess is not in the input: it is assumed attached, as AWS attaches it by default, at every level that has another SCP; give its describe-policy and list-targets-for-policy output to import where it really is")
		}
	}
	for _, a := range w.Accounts {
		org.Accounts = append(org.Accounts, a.ID)
	}
	w.Organization = org
}

// resourcePolicy reads get-bucket-policy or get-key-policy output.
func (im *importer) resourcePolicy(f File, s string) error {
	text, err := docText(json.RawMessage(mustQuote(s)))
	if err != nil {
		return fmt.Errorf("%s: %v", f.Name, err)
	}
	switch {
	case f.Bucket != "":
		a := im.firstAccount()
		if a == nil {
			return fmt.Errorf("%s: give the get-account-authorization-details output before resource policies", f.Name)
		}
		a.Buckets = append(a.Buckets, worldfile.Bucket{Name: f.Bucket, Policy: &worldfile.Source{Document: text}})
		im.note(f.Name, "bucket %s: only its policy is imported; versioning, MFA Delete, Block Public Access and ownership are not in this output", f.Bucket)
	case f.Key != "":
		a := im.firstAccount()
		if a == nil {
			return fmt.Errorf("%s: give the get-account-authorization-details output before resource policies", f.Name)
		}
		a.Keys = append(a.Keys, worldfile.Key{ID: f.Key, Policy: &worldfile.Source{Document: text}})
	default:
		return fmt.Errorf("%s: a bucket or key policy does not say which resource it belongs to; name it: --bucket-policy NAME=%s or --key-policy KEY-ID=%s", f.Name, f.Name, f.Name)
	}
	return nil
}

func (im *importer) firstAccount() *worldfile.Account {
	ids := make([]string, 0, len(im.accounts))
	for id := range im.accounts {
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		return nil
	}
	sort.Strings(ids)
	return im.accounts[ids[0]]
}

func mustQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func sandboxOffers(name string) bool {
	offered.once.Do(func() {
		offered.names = map[string]bool{}
		for _, p := range sandbox.ManagedPolicies() {
			offered.names[p.Name] = true
		}
	})
	return offered.names[name]
}

var offered struct {
	once  sync.Once
	names map[string]bool
}

// Marshal writes the world as a world file, policies as readable JSON
// blocks, empty fields left out.
func Marshal(w *worldfile.World, header string) ([]byte, error) {
	b, err := yaml.MarshalWithOptions(w, yaml.OmitEmpty(), yaml.UseLiteralStyleIfMultiline(true), yaml.Indent(2), yaml.IndentSequence(true))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	for _, l := range strings.Split(strings.TrimRight(header, "\n"), "\n") {
		if l != "" {
			out.WriteString("# " + l + "\n")
		}
	}
	out.Write(b)
	return out.Bytes(), nil
}
