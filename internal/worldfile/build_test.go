package worldfile

import (
	"slices"
	"testing"

	"github.com/goccy/go-yaml"

	"github.com/iamlab/iamlab/internal/sandbox"
	"github.com/iamlab/iamlab/internal/yamlpos"
)

const world = `
account: Reporting
accounts:
  - id: "111122223333"
    name: Reporting
    users:
      - name: dana
        inline:
          - name: Read
            document: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}'
          - document: "{}"
    roles:
      - name: app
        trust: {file: policies/trust.json}
    buckets:
      - name: reports
        versioning: enabled
  - id: "42"
sessionPolicies:
  - name: Narrow
    document: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}'
`

type problem struct{ path, code string }

func TestBuild(t *testing.T) {
	var wf World
	if err := yaml.UnmarshalWithOptions([]byte(world), &wf, yaml.DisallowUnknownField()); err != nil {
		t.Fatal(err)
	}
	var probs []problem
	var read []string
	b := Builder{
		Problem: func(path, code, _, _ string) { probs = append(probs, problem{path, code}) },
		Policy: func(path, docID string, src Source) (sandbox.PolicyText, bool) {
			read = append(read, docID)
			if src.File != "" {
				return sandbox.PolicyText{Source: `{"Version": "2012-10-17", "Statement": []}`, File: src.File, Line: 1}, true
			}
			return sandbox.PolicyText{Source: src.Document}, true
		},
	}
	w, account := b.Build("world", &wf)
	if w == nil || account != "111122223333" {
		t.Fatalf("world %v, account %q", w, account)
	}
	want := []problem{
		{yamlpos.Path("world", "accounts", 0, "users", 0, "inline", 1, "name"), CodeMissing},
		{yamlpos.Path("world", "accounts", 0, "buckets", 0, "versioning"), CodeBadValue},
		{yamlpos.Path("world", "accounts", 1, "id"), CodeBadValue},
	}
	if !slices.Equal(probs, want) {
		t.Errorf("problems %q\nwant %q", probs, want)
	}
	wantRead := []string{"inline:111122223333/user/dana/Read", "trust:111122223333/app", "session:Narrow"}
	if !slices.Equal(read, wantRead) {
		t.Errorf("policies read %q, want %q", read, wantRead)
	}
	if _, ok := w.Document("session:Narrow"); !ok {
		t.Error("the session policy is not in the world")
	}
	if w, _ := b.Build("", &World{}); w != nil {
		t.Error("a world without accounts must come back nil")
	}
}

func TestCallDefaultsToTheWorldAccount(t *testing.T) {
	c := Call{As: "user dana", Action: "s3:GetObject"}.Sandbox("111122223333")
	if c.Account != "111122223333" || c.As != "user dana" {
		t.Fatalf("%+v", c)
	}
	if c := (Call{Account: "444455556666"}).Sandbox("111122223333"); c.Account != "444455556666" {
		t.Fatalf("an explicit account was replaced: %+v", c)
	}
}
