package eval_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/jsonpos"
)

// refPos computes the line and column of a byte offset the way the engine
// documents them: 1-based, columns in characters, a leading BOM not counted.
func refPos(src []byte, off int) (line, col int) {
	ls := 0
	if bytes.HasPrefix(src, []byte("\xEF\xBB\xBF")) {
		ls = 3
	}
	line = 1
	for i := 0; i < off && i < len(src); i++ {
		if src[i] == '\n' {
			line++
			ls = i + 1
		}
	}
	if ls > off {
		return line, 1
	}
	return line, 1 + utf8.RuneCount(src[ls:off])
}

var fuzzTypes = []eval.PolicyType{eval.IdentityPolicy, eval.ResourcePolicy, eval.TrustPolicy, eval.KeyPolicy, eval.BoundaryPolicy, eval.SessionPolicy, eval.SCP, eval.RCP, eval.EndpointPolicy}

func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}/*"}]}`), uint8(0))
	f.Add([]byte(`{"Statement":{"Effect":"Deny","Principal":"*","NotAction":["s3:Get*"],"Condition":{"ForAnyValue:StringLikeIfExists":{"aws:TagKeys":["a*"]}}}}`), uint8(1))
	f.Add([]byte("{\n \"Version\": \"2012-10-17\"\n \"Statement\": []}"), uint8(0))
	f.Add([]byte("\xEF\xBB\xBF{\"Sid\": \"é€😀\", \"x\" 1}"), uint8(4))
	f.Fuzz(func(t *testing.T, src []byte, ti uint8) {
		typ := fuzzTypes[int(ti)%len(fuzzTypes)]
		p, err := eval.Parse(src, typ)
		if err == nil {
			if p == nil {
				t.Fatal("nil policy with nil error")
			}
			fuzzEvaluate(t, p)
			return
		}
		if p != nil {
			t.Fatal("a policy next to an error")
		}
		var pe eval.ParseErrors
		if !errors.As(err, &pe) || len(pe) == 0 {
			t.Fatalf("error %T %v is not a non-empty ParseErrors", err, err)
		}
		for _, e := range pe {
			if e.Pos.Offset < 0 || e.Pos.Offset > len(src) {
				t.Fatalf("offset %d outside the input of %d bytes: %v", e.Pos.Offset, len(src), e)
			}
			line, col := refPos(src, e.Pos.Offset)
			if e.Pos.Line != line || e.Pos.Col != col {
				t.Fatalf("position %d:%d for offset %d, want %d:%d: %v", e.Pos.Line, e.Pos.Col, e.Pos.Offset, line, col, e)
			}
			if e.Msg == "" {
				t.Fatalf("an error without a message at %s", e.Pos)
			}
		}
		// The JSON reader alone agrees on syntax errors.
		if _, jerr := jsonpos.Parse(src); jerr != nil {
			var one *jsonpos.Error
			if !errors.As(jerr, &one) || pe[0].Pos != one.Pos {
				t.Fatalf("jsonpos.Parse says %v, Parse says %v", jerr, pe[0])
			}
		}
	})
}

// fuzzEvaluate puts a parsed policy in the layer its type belongs to and
// checks that evaluating it neither panics nor depends on the trace.
func fuzzEvaluate(t *testing.T, p *eval.Policy) {
	ref := eval.PolicyRef{Name: "fuzz", Policy: p}
	for _, principal := range []string{alice, sessionRS, "*", rootB} {
		in := &eval.Input{Request: req(principal, "s3:GetObject", bucketObj)}
		in.Request.ResourceAccount = acctA
		in.Request.Context.Set("aws:SourceIp", "203.0.113.7")
		in.Request.Context.SetList("aws:TagKeys", []string{"a", "b"})
		switch p.Type {
		case eval.IdentityPolicy:
			in.Identity = []eval.PolicyRef{ref}
		case eval.ResourcePolicy, eval.TrustPolicy, eval.KeyPolicy:
			in.Resource = &ref
		case eval.BoundaryPolicy:
			in.Boundary = &ref
		case eval.SessionPolicy:
			in.Session = &ref
		case eval.SCP:
			in.SCPs = []eval.Level{{ID: "r", Policies: []eval.PolicyRef{ref}}}
		case eval.RCP:
			in.RCPs = []eval.Level{{ID: "r", Policies: []eval.PolicyRef{ref}}}
		case eval.EndpointPolicy:
			in.Endpoints = []eval.PolicyRef{ref}
		}
		agree(t, in)
	}
}

func agree(t *testing.T, in *eval.Input) {
	t.Helper()
	a := eval.Evaluate(in, eval.Options{})
	b := eval.Evaluate(in, eval.Options{Trace: true})
	if a.Decision != b.Decision || a.DecidedBy != b.DecidedBy || a.Reason != b.Reason || !reflect.DeepEqual(a.Deciding, b.Deciding) {
		t.Fatalf("trace changes the result: %s/%s vs %s/%s", a.Decision, a.DecidedBy, b.Decision, b.DecidedBy)
	}
	switch a.Decision {
	case eval.Allowed, eval.ExplicitDeny, eval.ImplicitDeny:
	default:
		t.Fatalf("decision %q", a.Decision)
	}
	if b.Trace == nil {
		t.Fatal("no trace")
	}
}

func TestWildcardLinear(t *testing.T) {
	// An exponential backtracking matcher would not finish this; package
	// wildcard checks the matcher alone, this the engine around it.
	s := strings.Repeat("a", 10000)
	res := "arn:aws:s3:::bucket/" + s
	in := &eval.Input{Request: req(alice, "s3:GetObject", res)}
	in.Request.Context.Set("s3:prefix", s)
	in.Identity = pols(t, eval.IdentityPolicy, doc(`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::bucket/*a*a*a*a*a*a*a*a*b","Condition":{"StringLike":{"s3:prefix":"*a*a*a*a*a*a*a*a*a"}}}`))
	want(t, in, eval.ImplicitDeny, eval.LayerIdentity)
}

// refResource is the Resource element's rule as a regular expression: the
// pattern's first five colons separate segments; inside a segment '*' and
// '?' stay within it, except a '*' that ends a segment, which may run over
// colons; the last segment covers the rest of the ARN, colons included.
func refResource(pattern, res string) bool {
	if pattern == "*" {
		return true
	}
	segs := strings.SplitN(pattern, ":", 6)
	var b strings.Builder
	b.WriteString(`^`)
	for i, seg := range segs {
		if i > 0 {
			b.WriteString(`:`)
		}
		last := i == len(segs)-1
		for k, r := range seg {
			switch {
			case r == '*' && (last || k == len(seg)-1):
				b.WriteString(`(?s:.*)`)
			case r == '*':
				b.WriteString(`[^:]*`)
			case r == '?' && last:
				b.WriteString(`(?s:.)`)
			case r == '?':
				b.WriteString(`[^:]`)
			default:
				b.WriteString(regexp.QuoteMeta(string(r)))
			}
		}
	}
	b.WriteString(`$`)
	return regexp.MustCompile(b.String()).MatchString(res)
}

func FuzzResourceWildcard(f *testing.F) {
	for _, s := range [][2]string{
		{"arn:aws:sqs:*:queue1", "arn:aws:sqs:us-east-1:111111111111:queue1"},
		{"arn:aws:sqs:us-*-1:queue1", "arn:aws:sqs:us-east-1:111111111111:queue1"},
		{"arn:aws:logs:*:log-group:a:*", "arn:aws:logs:r:1:log-group:a:log-stream:x"},
		{"arn:aws:s3:::b*", "arn:aws:s3:::b/x:y"},
		{"arn:aws:iam::*?:role/*", "arn:aws:iam::1:role/a"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, pattern, res string) {
		if !strings.HasPrefix(pattern, "arn:") || !strings.HasPrefix(res, "arn:") || strings.Count(res, ":") < 5 ||
			!utf8.ValidString(pattern) || !utf8.ValidString(res) || len(pattern) > 64 || len(res) > 256 || strings.Contains(pattern, "${") {
			return
		}
		src, _ := json.Marshal(pattern)
		p, err := eval.Parse([]byte(`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":`+string(src)+`}}`), eval.IdentityPolicy)
		if err != nil {
			return // a wildcard in the service segment, say
		}
		in := &eval.Input{Request: req(alice, "s3:GetObject", res), Identity: []eval.PolicyRef{{Name: "p", Policy: p}}}
		in.Request.ResourceAccount = acctA // same account: the identity policy alone decides
		got := eval.Evaluate(in, eval.Options{}).Decision == eval.Allowed
		if want := refResource(pattern, res); got != want {
			t.Fatalf("Resource %q vs %q: %v, want %v", pattern, res, got, want)
		}
	})
}

var fuzzOps = []string{
	"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike",
	"NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericGreaterThanEquals",
	"DateEquals", "DateNotEquals", "DateLessThan", "DateGreaterThan",
	"Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Null",
}

func FuzzCondition(f *testing.F) {
	f.Add(uint8(0), uint8(0), false, "aws:username", "${aws:username}", "alice", false)
	f.Add(uint8(1), uint8(1), true, "aws:TagKeys", "env", "env,team", true)
	f.Add(uint8(16), uint8(0), false, "aws:SourceIp", "10.0.0.0/8", "10.1.2.3", false)
	f.Add(uint8(13), uint8(2), true, "aws:CurrentTime", "2020-01-01T00:00:00Z", "1577836800", false)
	f.Add(uint8(19), uint8(0), false, "aws:SourceArn", "arn:aws:sns:*:${aws:PrincipalAccount}:t", "arn:aws:sns:us-east-1:111111111111:t", false)
	f.Add(uint8(22), uint8(0), false, "k", "true", "", false)
	f.Fuzz(func(t *testing.T, opi, set uint8, ifExists bool, key, value, reqValue string, multi bool) {
		op := fuzzOps[int(opi)%len(fuzzOps)]
		switch set % 3 {
		case 1:
			op = "ForAnyValue:" + op
		case 2:
			op = "ForAllValues:" + op
		}
		if ifExists {
			op += "IfExists"
		}
		values := strings.Split(value, "|")
		cond := map[string]map[string][]string{op: {key: values}}
		src, err := json.Marshal(map[string]any{
			"Version": "2012-10-17",
			"Statement": []any{
				map[string]any{"Effect": "Allow", "Action": "*", "Resource": "*"},
				map[string]any{"Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::bucket/${aws:username}", "Condition": cond},
			},
		})
		if err != nil {
			return
		}
		p, perr := eval.Parse(src, eval.IdentityPolicy)
		if perr != nil {
			if p != nil {
				t.Fatal("a policy next to an error")
			}
			return
		}
		for _, principal := range []string{alice, sessionRS} {
			in := &eval.Input{Request: req(principal, "s3:GetObject", "arn:aws:s3:::bucket/alice")}
			in.Identity = []eval.PolicyRef{{Name: "p", Policy: p}}
			if key != "" {
				if multi {
					in.Request.Context.SetList(key, strings.Split(reqValue, ","))
				} else {
					in.Request.Context.Set(key, reqValue)
				}
			}
			agree(t, in)
		}
	})
}
