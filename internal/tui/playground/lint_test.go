package playground

import (
	"strings"
	"testing"
)

// The playground's policy editor marks what iamlab lint finds, the
// findings the lessons teach included.
func TestPlaygroundEditorShowsLintFindings(t *testing.T) {
	m := newPlayground(t, 120, 40)
	m.Update(ctrl('t'))
	m.pol.ed.SetValue(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`)
	m.policyChanged()
	ds := m.pol.ed.Diagnostics()
	if len(ds) == 0 || !strings.Contains(ds[0].Message, "full control of Amazon S3") {
		t.Fatalf("s3:* on * not marked: %+v", ds)
	}
	m.pol.ed.SetValue(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-reports/*"}]}`)
	m.policyChanged()
	if ds := m.pol.ed.Diagnostics(); len(ds) != 0 {
		t.Fatalf("a clean policy is marked: %+v", ds)
	}
}
