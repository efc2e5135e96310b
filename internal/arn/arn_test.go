package arn

import "testing"

func TestSplit(t *testing.T) {
	p, ok := Split("arn:aws:s3:::bucket/key:with:colons")
	if !ok || p[2] != "s3" || p[4] != "" || p[5] != "bucket/key:with:colons" {
		t.Fatalf("%q %v", p, ok)
	}
	p, ok = Split("arn:aws:iam::111122223333:role/a/b")
	if !ok || p[4] != "111122223333" || p[5] != "role/a/b" {
		t.Fatalf("%q %v", p, ok)
	}
	for _, s := range []string{"", "*", "arn:aws:s3", "urn:aws:s3:::b", "bucket"} {
		if _, ok := Split(s); ok {
			t.Errorf("%q is not an ARN", s)
		}
	}
}

func TestIsAccountID(t *testing.T) {
	for s, want := range map[string]bool{"111122223333": true, "11112222333": false, "1111222233334": false, "11112222333a": false, "": false, "０１１１２２２２３３３３": false} {
		if IsAccountID(s) != want {
			t.Errorf("%q: want %v", s, want)
		}
	}
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{"arn:aws:s3:::b/k", "arn:::::", "arn:a:b:c:d:e:f:g", ":::::"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, ok := Split(s)
		if !ok {
			return
		}
		joined := p[0] + ":" + p[1] + ":" + p[2] + ":" + p[3] + ":" + p[4] + ":" + p[5]
		if joined != s || p[0] != "arn" {
			t.Fatalf("%q split into %q", s, p)
		}
	})
}

func TestActionParts(t *testing.T) {
	if s, n, ok := SplitAction("S3:GetObject"); !ok || s != "S3" || n != "GetObject" {
		t.Errorf("SplitAction = %q %q %v", s, n, ok)
	}
	if _, _, ok := SplitAction("*"); ok {
		t.Error("\"*\" has no service")
	}
	for action, want := range map[string]string{"S3:GetObject": "s3", "iam:*": "iam", "*": "", ":x": "", "": ""} {
		if got := ServiceOf(action); got != want {
			t.Errorf("ServiceOf(%q) = %q, want %q", action, got, want)
		}
	}
}
