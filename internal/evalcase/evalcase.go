// Package evalcase reads evaluation cases — a request, the policies that
// apply to it and, optionally, the expected decision — in the format of
// iamlab eval (documented in docs/eval-cases.md), and turns them into engine
// inputs. Every error carries the file's line and column.
package evalcase

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/iamlab/iamlab/internal/arn"
	"github.com/iamlab/iamlab/internal/catalog"
	"github.com/iamlab/iamlab/internal/diag"
	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/jsonpos"
	"github.com/iamlab/iamlab/internal/lint"
)

// Case is one request ready for the engine.
type Case struct {
	Name   string
	Pos    eval.Pos
	Input  eval.Input
	Expect eval.Decision // "" when the case states none
	// Source is the text the case was parsed from, kept only when the
	// Reader's KeepSource is set (for tools that edit a policy in place,
	// such as eval --why-not); SourceOffset is its first byte's offset in
	// the file, since every position in the case is file-absolute.
	Source       []byte
	SourceOffset int
}

// errorAt is a problem in a case file, at its place in that file. A reader
// returns every problem of a case together, as a diag.List.
func errorAt(file string, p eval.Pos, msg string) *diag.Diagnostic {
	return &diag.Diagnostic{Severity: diag.Error, File: file, Line: p.Line, Col: p.Col, Offset: p.Offset, Message: msg}
}

// policyError is a problem the engine's parser found in a case's policy,
// in the engine's words (lint.FromParseError) after what names the policy.
func policyError(file string, pe *eval.ParseError, prefix string) *diag.Diagnostic {
	d := lint.FromParseError(pe, "")
	d.File, d.Message = file, prefix+d.Message
	return &d
}

type reader struct {
	file string
	errs diag.List
}

func (r *reader) fail(p eval.Pos, format string, args ...any) {
	r.errs = append(r.errs, errorAt(r.file, p, fmt.Sprintf(format, args...)))
}

// Parse reads a whole file holding one case, a list of cases, or
// {"cases": [...]}, and fails with every problem found if any case is
// invalid. A command that evaluates what it can reads with NewReader.
func Parse(file string, src []byte) ([]*Case, error) {
	rd := NewReader(file, bytes.NewReader(src))
	rd.MaxCase = max(rd.MaxCase, len(src))
	var out []*Case
	var errs diag.List
	for {
		c, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			errs = append(errs, err.(diag.List)...)
			continue
		}
		out = append(out, c)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

var caseKeys = []string{"name", "request", "identityPolicies", "resourcePolicy", "permissionsBoundary", "sessionPolicy", "vpcEndpointPolicies", "scps", "rcps", "expect", "managementAccount", "awsManagedKey", "hasBoundary", "description"}

// caseOf reads case number num. The case is returned even when it has
// errors, with its name, so a report can say which case is invalid.
func (r *reader) caseOf(n *jsonpos.Node, num int) *Case {
	c := &Case{Name: fmt.Sprintf("case-%d", num), Pos: n.Pos}
	if n.Kind != jsonpos.KindObject {
		r.fail(n.Pos, "case %d is %s; expected an object with \"request\" and the policies", num, n.Kind)
		return c
	}
	if nm := n.Get("name"); nm != nil && nm.Kind == jsonpos.KindString {
		c.Name = nm.Text
	}
	req := n.Get("request")
	if req == nil {
		r.fail(n.Pos, "case %d has no \"request\"; expected {\"principal\": …, \"action\": …, \"resource\": …}", num)
		return c
	}
	r.request(req, &c.Input.Request)
	resType := eval.ResourcePolicyTypeFor(c.Input.Request.Action, c.Input.Request.Resource)
	if resType != eval.ResourcePolicy {
		c.Input.ResourcePolicyRequired = true
	}
	for _, m := range n.Members {
		v := m.Value
		switch m.Key {
		case "name", "description":
			if s, ok := r.str(v, m.Key); ok && m.Key == "name" {
				c.Name = s
			}
		case "request":
		case "identityPolicies":
			c.Input.Identity = r.policyList(v, eval.IdentityPolicy, "identity policy")
		case "resourcePolicy":
			c.Input.Resource = r.policyRef(v, resType, "resource policy")
		case "permissionsBoundary":
			c.Input.Boundary = r.policyRef(v, eval.BoundaryPolicy, "permissions boundary")
		case "sessionPolicy":
			c.Input.Session = r.policyRef(v, eval.SessionPolicy, "session policy")
		case "vpcEndpointPolicies":
			c.Input.Endpoints = r.policyList(v, eval.EndpointPolicy, "VPC endpoint policy")
		case "scps":
			c.Input.SCPs = r.levels(v, eval.SCP)
		case "rcps":
			c.Input.RCPs = r.levels(v, eval.RCP)
			c.Input.RCPSupported = catalog.RCPSupported // RCPs apply to the services the catalogue lists
		case "expect":
			if s, ok := r.str(v, "expect"); ok {
				switch eval.Decision(s) {
				case eval.Allowed, eval.ExplicitDeny, eval.ImplicitDeny:
					c.Expect = eval.Decision(s)
				default:
					r.fail(v.Pos, "expect %q is not a decision; expected \"allowed\", \"explicitDeny\" or \"implicitDeny\"", s)
				}
			}
		case "managementAccount":
			if s, ok := r.str(v, m.Key); ok {
				c.Input.ManagementAccount = s
			}
		case "awsManagedKey", "hasBoundary":
			if v.Kind != jsonpos.KindBool {
				r.fail(v.Pos, "%s is %s; expected true or false", m.Key, v.Kind)
				continue
			}
			if m.Key == "awsManagedKey" {
				c.Input.AWSManagedKey = v.Text == "true"
			} else {
				c.Input.HasBoundary = v.Text == "true"
			}
		default:
			r.fail(m.KeyPos, "unknown case key %q; expected one of %s%s", m.Key, strings.Join(caseKeys, ", "), suggest(m.Key, caseKeys))
		}
	}
	return c
}

var requestKeys = []string{"principal", "action", "resource", "resourceAccount", "context", "sessionIssuer"}

func (r *reader) request(n *jsonpos.Node, req *eval.Request) {
	if n.Kind != jsonpos.KindObject {
		r.fail(n.Pos, "request is %s; expected an object", n.Kind)
		return
	}
	for _, m := range n.Members {
		switch m.Key {
		case "principal":
			if p, ok := r.str(m.Value, m.Key); ok {
				if problem := principalProblem(p); problem != "" {
					r.fail(m.Value.Pos, "principal %q %s; expected an ARN (arn:aws:iam::111111111111:user/alice, a role, an assumed-role session, a federated user, the account root, an identity provider), a service principal such as \"lambda.amazonaws.com\", or \"*\" for an anonymous caller", p, problem)
				}
				req.Principal = p
			}
		case "action":
			req.Action, _ = r.str(m.Value, m.Key)
		case "resource":
			req.Resource, _ = r.str(m.Value, m.Key)
		case "resourceAccount":
			req.ResourceAccount, _ = r.str(m.Value, m.Key)
		case "sessionIssuer":
			req.SessionIssuer, _ = r.str(m.Value, m.Key)
		case "context":
			r.context(m.Value, &req.Context)
		default:
			r.fail(m.KeyPos, "unknown request key %q; expected one of %s%s", m.Key, strings.Join(requestKeys, ", "), suggest(m.Key, requestKeys))
		}
	}
	for _, k := range []string{"principal", "action"} {
		if n.Get(k) == nil {
			r.fail(n.Pos, "the request has no %q", k)
		}
	}
}

func (r *reader) context(n *jsonpos.Node, ctx *eval.Context) {
	if n.Kind != jsonpos.KindObject {
		r.fail(n.Pos, "context is %s; expected an object of condition keys", n.Kind)
		return
	}
	for _, m := range n.Members {
		v := m.Value
		switch v.Kind {
		case jsonpos.KindString, jsonpos.KindNumber, jsonpos.KindBool:
			ctx.Set(m.Key, v.Text)
		case jsonpos.KindArray:
			vals := make([]string, 0, len(v.Elems))
			for _, e := range v.Elems {
				if e.Kind == jsonpos.KindString || e.Kind == jsonpos.KindNumber || e.Kind == jsonpos.KindBool {
					vals = append(vals, e.Text)
				} else {
					r.fail(e.Pos, "a value of %s is %s; expected a string", m.Key, e.Kind)
				}
			}
			ctx.SetList(m.Key, vals)
		default:
			r.fail(v.Pos, "the value of %s is %s; expected a string or a list of strings", m.Key, v.Kind)
		}
	}
}

func (r *reader) str(n *jsonpos.Node, what string) (string, bool) {
	if n.Kind != jsonpos.KindString {
		r.fail(n.Pos, "%s is %s; expected a string", what, n.Kind)
		return "", false
	}
	return n.Text, true
}

// policyRef reads a policy document, or {"name": …, "policy": …}.
func (r *reader) policyRef(n *jsonpos.Node, typ eval.PolicyType, what string) *eval.PolicyRef {
	name := what
	doc := n
	if n.Kind == jsonpos.KindObject && n.Get("policy") != nil && n.Get("Statement") == nil {
		for _, m := range n.Members {
			switch m.Key {
			case "name":
				name, _ = r.str(m.Value, "name")
			case "policy":
			default:
				r.fail(m.KeyPos, "unknown key %q in a named policy; expected \"name\" and \"policy\"", m.Key)
			}
		}
		doc = n.Get("policy")
	}
	p, err := eval.Compile(doc, typ)
	if err != nil {
		for _, pe := range err.(eval.ParseErrors) {
			r.errs = append(r.errs, policyError(r.file, pe, fmt.Sprintf("in the %s %q: ", what, name)))
		}
		return nil
	}
	return &eval.PolicyRef{Name: name, Policy: p}
}

func (r *reader) policyList(n *jsonpos.Node, typ eval.PolicyType, what string) []eval.PolicyRef {
	if n.Kind != jsonpos.KindArray {
		r.fail(n.Pos, "the %s list is %s; expected a list of policy documents", what, n.Kind)
		return nil
	}
	var out []eval.PolicyRef
	for i, e := range n.Elems {
		ref := r.policyRef(e, typ, what)
		if ref == nil {
			continue
		}
		if ref.Name == what {
			ref.Name = fmt.Sprintf("%s %d", what, i+1)
		}
		out = append(out, *ref)
	}
	return out
}

func (r *reader) levels(n *jsonpos.Node, typ eval.PolicyType) []eval.Level {
	what := "SCP"
	if typ == eval.RCP {
		what = "RCP"
	}
	if n.Kind != jsonpos.KindArray {
		r.fail(n.Pos, "the %s chain is %s; expected a list of levels {\"id\": …, \"policies\": [...]}, root first", what, n.Kind)
		return nil
	}
	var out []eval.Level
	for _, e := range n.Elems {
		if e.Kind != jsonpos.KindObject {
			r.fail(e.Pos, "an %s level is %s; expected {\"id\": …, \"policies\": [...]}", what, e.Kind)
			continue
		}
		lv := eval.Level{}
		for _, m := range e.Members {
			switch m.Key {
			case "id":
				lv.ID, _ = r.str(m.Value, "id")
			case "policies":
				lv.Policies = r.policyList(m.Value, typ, what)
				for i := range lv.Policies {
					if strings.HasPrefix(lv.Policies[i].Name, what+" ") {
						lv.Policies[i].Name = fmt.Sprintf("%s %d", what, i+1)
					}
				}
			default:
				r.fail(m.KeyPos, "unknown key %q in an %s level; expected \"id\" and \"policies\"", m.Key, what)
			}
		}
		out = append(out, lv)
	}
	return out
}

func suggest(got string, cands []string) string {
	lg := strings.ToLower(got)
	for _, c := range cands {
		if strings.ToLower(c) == lg {
			return fmt.Sprintf("; did you mean %q?", c)
		}
	}
	return ""
}

// principalProblem says what is wrong with a request's principal, or "".
// The engine reads any other text as some identity it guesses at, so "bob"
// would silently be evaluated as a federated web identity.
func principalProblem(p string) string {
	switch {
	case p == "*":
		return ""
	case strings.HasPrefix(p, "arn:"):
		parts, ok := arn.Split(p)
		if !ok {
			return "is not a whole ARN (arn:partition:service:region:account:resource)"
		}
		if parts[1] == "" || parts[2] == "" || parts[5] == "" {
			return "has an empty partition, service or resource part"
		}
		return ""
	case strings.HasSuffix(p, ".amazonaws.com") || strings.HasSuffix(p, ".amazonaws.com.cn"):
		if strings.ContainsAny(p, " /:") || strings.HasPrefix(p, ".") {
			return "is not a service principal"
		}
		return ""
	case p == "":
		return "is empty"
	}
	return "is neither an ARN, a service principal nor \"*\""
}
