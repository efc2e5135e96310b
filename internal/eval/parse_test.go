package eval_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/jsonpos"
)

// parseErrs parses src and returns its errors, failing on success, on a
// non-ParseErrors error, or on a non-nil policy next to an error.
func parseErrs(t *testing.T, typ eval.PolicyType, src string) eval.ParseErrors {
	t.Helper()
	p, err := eval.Parse([]byte(src), typ)
	if err == nil {
		t.Fatalf("parsed without error:\n%s", src)
	}
	if p != nil {
		t.Errorf("a policy came back with an error")
	}
	var pe eval.ParseErrors
	if !errors.As(err, &pe) || len(pe) == 0 {
		t.Fatalf("error %T %v, want non-empty ParseErrors", err, err)
	}
	for _, e := range pe {
		if e.Pos.Line < 1 || e.Pos.Col < 1 || e.Pos.Offset < 0 || e.Pos.Offset > len(src) {
			t.Errorf("error %q has an invalid position %+v", e.Msg, e.Pos)
		}
	}
	return pe
}

type posCase struct {
	name      string
	src       string
	line, col int
	msg       string // fragment of Msg
	expected  string // fragment of Expected
}

func checkFirst(t *testing.T, typ eval.PolicyType, c posCase) {
	t.Helper()
	pe := parseErrs(t, typ, c.src)
	e := pe[0]
	if e.Pos.Line != c.line || e.Pos.Col != c.col {
		t.Errorf("%s: error at %d:%d (%s), want %d:%d", c.name, e.Pos.Line, e.Pos.Col, e, c.line, c.col)
	}
	if !strings.Contains(e.Msg, c.msg) {
		t.Errorf("%s: message %q does not contain %q", c.name, e.Msg, c.msg)
	}
	if !strings.Contains(e.Expected, c.expected) {
		t.Errorf("%s: expected-text %q does not contain %q", c.name, e.Expected, c.expected)
	}
	if !strings.HasPrefix(e.Error(), e.Pos.String()+": ") {
		t.Errorf("%s: Error() %q does not start with the position", c.name, e.Error())
	}
}

// checkOne finds the error carrying c.msg (grammar errors are collected and
// sorted by position, so it need not be the first) and checks it.
func checkOne(t *testing.T, typ eval.PolicyType, c posCase) {
	t.Helper()
	pe := parseErrs(t, typ, c.src)
	for _, e := range pe {
		if !strings.Contains(e.Msg, c.msg) {
			continue
		}
		if e.Pos.Line != c.line || e.Pos.Col != c.col {
			t.Errorf("%s: error at %d:%d (%s), want %d:%d", c.name, e.Pos.Line, e.Pos.Col, e, c.line, c.col)
		}
		if !strings.Contains(e.Expected, c.expected) {
			t.Errorf("%s: expected-text %q does not contain %q", c.name, e.Expected, c.expected)
		}
		return
	}
	t.Errorf("%s: no error says %q: %v", c.name, c.msg, pe)
}

func TestParse_InvalidJSONPositions(t *testing.T) {
	cases := []posCase{
		{"empty document", "", 1, 1, "the document is empty", "expected a JSON object"},
		{"only spaces", "  \n   ", 2, 4, "the document is empty", "expected a JSON object"},
		{"missing comma between members",
			"{\n  \"Version\": \"2012-10-17\"\n  \"Statement\": []\n}", 3, 3, "unexpected character '\"'", "expected ',' between members or '}'"},
		{"missing comma between elements",
			"{\"Statement\": [\n  {\"Effect\": \"Allow\"}\n  {\"Effect\": \"Deny\"}\n]}", 3, 3, "unexpected character '{'", "expected ',' between elements or ']'"},
		{"trailing comma in object",
			"{\n  \"Version\": \"2012-10-17\",\n}", 3, 1, "a comma before '}'", "no trailing comma"},
		{"trailing comma in list",
			"{\"Action\": [\"s3:GetObject\", ]}", 1, 29, "a comma before ']'", "no trailing comma"},
		{"unterminated string at end",
			"{\"Version\": \"2012-10-17", 1, 13, "never closed", "closing double quote"},
		{"unterminated string at line end",
			"{\n  \"Sid\": \"abc,\n  \"Effect\": \"Allow\"\n}", 2, 10, "never closed on its line", "closing double quote"},
		{"single-quoted key",
			"{'Version': '2012-10-17'}", 1, 2, "single quote", "expected a quoted key"},
		{"single-quoted value",
			"{\"Version\": '2012-10-17'}", 1, 13, "single quote", "expected a value"},
		{"bare word",
			"{\"Effect\": Allow}", 1, 12, "unexpected character 'A'", "expected a value"},
		{"bare word starting like a literal",
			"{\"Effect\": nope}", 1, 12, "unexpected word \"nope\"", "double quotes"},
		{"truex is not true",
			"{\"Effect\": truex}", 1, 12, "unexpected word \"truex\"", "double quotes"},
		{"garbage after the end",
			"{\"Version\": \"2012-10-17\"} x", 1, 27, "after the end of the document", "expected nothing after"},
		{"second document",
			"{}\n{}", 2, 1, "after the end of the document", "expected nothing after"},
		{"missing colon",
			"{\"Version\" \"2012-10-17\"}", 1, 12, "unexpected character '\"'", "expected ':' after the key \"Version\""},
		{"unquoted key",
			"{Version: 1}", 1, 2, "unexpected character 'V'", "expected a quoted key"},
		{"ends inside object",
			"{\"Version\": \"2012-10-17\",\n", 2, 1, "ends inside an object", "expected a quoted key or '}'"},
		{"ends after value",
			"{\"Statement\": [1, 2", 1, 20, "ends inside a list", "expected ',' or ']'"},
		{"ends after colon",
			"{\"Version\":", 1, 12, "ends too early", "expected a value"},
		{"bad escape",
			"{\"Sid\": \"a\\qb\"}", 1, 11, "unknown escape \\q", "expected one of"},
		{"bad unicode escape",
			"{\"Sid\": \"a\\u12G4\"}", 1, 11, "bad \\u escape", "four hexadecimal digits"},
		{"control character in string",
			"{\"Sid\": \"a\tb\"}", 1, 11, "control character", "escape"},
		{"leading zero",
			"{\"n\": 0123}", 1, 7, "may not start with 0", "no leading zeros"},
		{"decimal without digits",
			"{\"n\": 1.}", 1, 9, "decimal point needs digits", "expected a digit"},
		{"minus alone",
			"{\"n\": -}", 1, 8, "a number needs digits", "expected a digit"},
		{"duplicate key",
			"{\"Version\": \"2012-10-17\",\n \"Version\": \"2008-10-17\"}", 2, 2, "duplicate key \"Version\" (first at 1:2)", "each key once"},
		{"CRLF line endings",
			"{\r\n  \"Version\": \"2012-10-17\"\r\n  \"Statement\": []\r\n}", 3, 3, "unexpected", "expected ','"},
		{"tabs count as one column",
			"{\n\t\t\"Version\" 1}", 2, 13, "unexpected", "expected ':'"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkFirst(t, eval.IdentityPolicy, c) })
	}
}

func TestParse_ColumnsCountCharacters(t *testing.T) {
	// "é" is 2 bytes, "€" 3, "😀" 4: the column counts each as one.
	src := "{\"Sid\": \"é€😀\", \"x\" 1}"
	pe := parseErrs(t, eval.IdentityPolicy, src)
	// { " S i d " : sp " é € 😀 " , sp " x " sp 1
	// 1 2 3 4 5 6 7 8  9 10 11 12 13 14 15 16 17 18 19 20
	if got := pe[0].Pos; got.Line != 1 || got.Col != 20 {
		t.Errorf("error at %s, want 1:20", got)
	}
	if pe[0].Pos.Offset != strings.Index(src, "1}") {
		t.Errorf("offset %d, want the byte offset %d", pe[0].Pos.Offset, strings.Index(src, "1}"))
	}
	// On a later line, characters of earlier lines do not count.
	src = "{\"Sid\": \"日本語\",\n \"Effect\": \"Allöw\", \"Action\": \"s3:*\", \"Resource\": \"*\"}"
	pe = parseErrs(t, eval.IdentityPolicy, "{\"Statement\": "+src+"}")
	var effect *eval.ParseError
	for _, e := range pe {
		if strings.Contains(e.Msg, "Effect") {
			effect = e
		}
	}
	if effect == nil || effect.Pos.Line != 2 || effect.Pos.Col != 12 {
		t.Errorf("Effect error %v, want at 2:12", effect)
	}
	// A byte-order mark is not a column.
	pe = parseErrs(t, eval.IdentityPolicy, "\xEF\xBB\xBF{x}")
	if got := pe[0].Pos; got.Line != 1 || got.Col != 2 {
		t.Errorf("after a BOM: error at %s, want 1:2", got)
	}
}

func TestParse_GrammarErrors(t *testing.T) {
	stmt := func(body string) string {
		return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\n    " + body + "\n  }]\n}"
	}
	cases := []struct {
		posCase
		typ eval.PolicyType
	}{
		{posCase{"unknown statement element", stmt(`"Efect": "Allow", "Action": "s3:*", "Resource": "*"`), 4, 5, "unknown statement element \"Efect\"", "did you mean \"Effect\"?"}, eval.IdentityPolicy},
		{posCase{"unknown policy element", "{\"Versoin\": \"2012-10-17\", \"Statement\": []}", 1, 2, "unknown policy element \"Versoin\"", "did you mean \"Version\"?"}, eval.IdentityPolicy},
		{posCase{"lower-case element", stmt(`"effect": "Allow", "Action": "s3:*", "Resource": "*"`), 4, 5, "unknown statement element \"effect\"", "did you mean \"Effect\"?"}, eval.IdentityPolicy},
		{posCase{"Version as a number", "{\"Version\": 2012, \"Statement\": []}", 1, 13, "Version is a number", "expected a string for Version"}, eval.IdentityPolicy},
		{posCase{"bad Version", "{\"Version\": \"2012-10-18\", \"Statement\": []}", 1, 13, "unsupported Version \"2012-10-18\"", "\"2012-10-17\""}, eval.IdentityPolicy},
		{posCase{"bad Effect", stmt(`"Effect": "Allows", "Action": "s3:*", "Resource": "*"`), 4, 15, "Effect \"Allows\" is not valid", "expected \"Allow\" or \"Deny\""}, eval.IdentityPolicy},
		{posCase{"lower-case Effect", stmt(`"Effect": "allow", "Action": "s3:*", "Resource": "*"`), 4, 15, "Effect \"allow\" is not valid", "case-sensitive"}, eval.IdentityPolicy},
		{posCase{"Effect as a boolean", stmt(`"Effect": true, "Action": "s3:*", "Resource": "*"`), 4, 15, "Effect is a boolean", "expected a string"}, eval.IdentityPolicy},
		{posCase{"Action as a number", stmt(`"Effect": "Allow", "Action": 3, "Resource": "*"`), 4, 34, "Action is a number", "a string or a list of strings"}, eval.IdentityPolicy},
		{posCase{"Action list with an object", stmt(`"Effect": "Allow", "Action": ["s3:*", {}], "Resource": "*"`), 4, 43, "an element of Action is an object", "expected a string"}, eval.IdentityPolicy},
		{posCase{"empty Action list", stmt(`"Effect": "Allow", "Action": [], "Resource": "*"`), 4, 34, "Action is an empty list", "at least one value"}, eval.IdentityPolicy},
		{posCase{"action without service", stmt(`"Effect": "Allow", "Action": "GetObject", "Resource": "*"`), 4, 34, "\"GetObject\" is not an action", "\"service:Action\""}, eval.IdentityPolicy},
		{posCase{"action prefix without colon", stmt(`"Effect": "Allow", "Action": "s3*", "Resource": "*"`), 4, 34, "\"s3*\" is not an action", "\"service:Action\""}, eval.IdentityPolicy},
		{posCase{"Statement as a string", "{\"Version\": \"2012-10-17\", \"Statement\": \"x\"}", 1, 40, "Statement is a string", "a statement object or a list"}, eval.IdentityPolicy},
		{posCase{"no Statement", "{\"Version\": \"2012-10-17\"}", 1, 1, "has no Statement", "\"Statement\""}, eval.IdentityPolicy},
		{posCase{"policy is a list", "[]", 1, 1, "a policy must be a JSON object, not a list", "expected {"}, eval.IdentityPolicy},
		{posCase{"no Effect", stmt(`"Action": "s3:*", "Resource": "*"`), 3, 17, "has no Effect", "\"Effect\""}, eval.IdentityPolicy},
		{posCase{"no Action", stmt(`"Effect": "Allow", "Resource": "*"`), 3, 17, "has no Action", "\"Action\" or \"NotAction\""}, eval.IdentityPolicy},
		{posCase{"no Resource in identity policy", stmt(`"Effect": "Allow", "Action": "s3:*"`), 3, 17, "has no Resource", "\"Resource\" or \"NotResource\""}, eval.IdentityPolicy},
		{posCase{"Action and NotAction", stmt(`"Effect": "Allow", "Action": "s3:*", "NotAction": "iam:*", "Resource": "*"`), 4, 42, "NotAction and Action together (the other at 4:24)", "either Action or NotAction"}, eval.IdentityPolicy},
		{posCase{"Resource and NotResource", stmt(`"Effect": "Allow", "Action": "s3:*", "Resource": "*", "NotResource": "*"`), 4, 59, "NotResource and Resource together (the other at 4:42)", "either Resource or NotResource"}, eval.IdentityPolicy},
		{posCase{"Principal in identity policy", stmt(`"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"`), 4, 24, "Principal is not allowed in an identity-based policy", "expected no Principal"}, eval.IdentityPolicy},
		{posCase{"NotPrincipal in SCP", stmt(`"Effect": "Deny", "NotPrincipal": {"AWS": "111111111111"}, "Action": "s3:*", "Resource": "*"`), 4, 23, "NotPrincipal is not allowed in a service control policy", "expected no Principal"}, eval.SCP},
		{posCase{"missing Principal in resource policy", stmt(`"Effect": "Allow", "Action": "s3:*", "Resource": "*"`), 3, 17, "has no Principal", "\"Principal\" in a resource-based policy"}, eval.ResourcePolicy},
		{posCase{"missing Principal in trust policy", stmt(`"Effect": "Allow", "Action": "sts:AssumeRole"`), 3, 17, "has no Principal", "role trust policy"}, eval.TrustPolicy},
		{posCase{"Principal bare ARN", stmt(`"Effect": "Allow", "Principal": "arn:aws:iam::111111111111:root", "Action": "s3:*"`), 4, 37, "is a bare string", "{\"AWS\":"}, eval.ResourcePolicy},
		{posCase{"unknown principal type", stmt(`"Effect": "Allow", "Principal": {"Aws": "*"}, "Action": "s3:*"`), 4, 38, "unknown principal type \"Aws\"", "did you mean \"AWS\"?"}, eval.ResourcePolicy},
		{posCase{"empty principal object", stmt(`"Effect": "Allow", "Principal": {}, "Action": "s3:*"`), 4, 37, "Principal is an empty object", "principal type"}, eval.ResourcePolicy},
		{posCase{"unknown operator", stmt(`"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEqual": {"aws:username": "a"}}`), 4, 73, "unknown condition operator \"StringEqual\"", "did you mean \"StringEquals\"?"}, eval.IdentityPolicy},
		{posCase{"unknown operator with IfExists", stmt(`"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"IpAdress": {"aws:SourceIp": "10.0.0.0/8"}}`), 4, 73, "unknown condition operator \"IpAdress\"", "did you mean \"IpAddress\"?"}, eval.IdentityPolicy},
		{posCase{"unknown set prefix", stmt(`"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"ForAnyValues:StringEquals": {"aws:TagKeys": "a"}}`), 4, 73, "unknown set prefix \"ForAnyValues:\"", "did you mean \"ForAnyValue\"?"}, eval.IdentityPolicy},
		{posCase{"condition block not an object", stmt(`"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": "a"}`), 4, 89, "the StringEquals block is a string", "an object of condition keys"}, eval.IdentityPolicy},
		{posCase{"Condition is a list", stmt(`"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": []`), 4, 72, "Condition is a list", "expected an object"}, eval.IdentityPolicy},
		{posCase{"condition value is an object", stmt(`"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"k": {}}}`), 4, 95, "a value of k is an object", "a string, number or boolean"}, eval.IdentityPolicy},
		{posCase{"statement not an object", "{\"Version\": \"2012-10-17\", \"Statement\": [\"x\"]}", 1, 41, "statement 1 is a string", "a statement object"}, eval.IdentityPolicy},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkOne(t, c.typ, c.posCase) })
	}
}

func TestParse_CollectsSeveralGrammarErrorsInOrder(t *testing.T) {
	src := "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"},\n    {\"Effect\": \"Deny\", \"Actoin\": \"s3:*\", \"Resource\": \"*\"}\n  ]\n}"
	pe := parseErrs(t, eval.IdentityPolicy, src)
	if len(pe) < 3 {
		t.Fatalf("got %d errors, want at least 3: %v", len(pe), pe)
	}
	for i := 1; i < len(pe); i++ {
		if pe[i].Pos.Offset < pe[i-1].Pos.Offset {
			t.Errorf("errors out of order: %v", pe)
		}
	}
	joined := pe.Error()
	for _, frag := range []string{"4:16: Effect \"allow\"", "5:5: statement #2 has no Action", "5:24: unknown statement element \"Actoin\""} {
		if !strings.Contains(joined, frag) {
			t.Errorf("errors %q lack %q", joined, frag)
		}
	}
}

func TestParse_ValidDocuments(t *testing.T) {
	valid := []struct {
		typ eval.PolicyType
		src string
	}{
		{eval.IdentityPolicy, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}`},
		{eval.IdentityPolicy, `{"Statement":[{"Effect":"Allow","Action":["s3:*"],"Resource":["*"]}]}`},
		{eval.IdentityPolicy, `{"Version":"2008-10-17","Statement":[]}`},
		{eval.IdentityPolicy, "\xEF\xBB\xBF{\"Statement\":[]}"},
		// A service's own policy keeps its own Sid rules (IAM's are in TestCorner6_IAMSidRules).
		{eval.EndpointPolicy, `{"Version":"2012-10-17","Statement":[{"Sid":"\u00e9\ud83d\ude00\n","Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":10},"Bool":{"aws:SecureTransport":true}}}]}`},
		{eval.ResourcePolicy, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["111111111111","arn:aws:iam::111111111111:root"],"Service":"s3.amazonaws.com"},"Action":"s3:*"}]}`},
		{eval.TrustPolicy, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity"}]}`},
		{eval.EndpointPolicy, `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`},
	}
	for _, v := range valid {
		p := pol(t, v.typ, v.src)
		if p.Policy.Type != v.typ {
			t.Errorf("policy type %s, want %s", p.Policy.Type, v.typ)
		}
	}
	p := pol(t, eval.EndpointPolicy, `{"Version":"2012-10-17","Statement":[{"Sid":"\u00e9\ud83d\ude00","Effect":"Allow","Action":"s3:*","Resource":"*"}]}`).Policy
	if p.Statements[0].Sid != "é😀" {
		t.Errorf("escapes decoded to %q", p.Statements[0].Sid)
	}
}

func TestParse_ErrorsHaveNoPolicyAndPositionsInRange(t *testing.T) {
	// Every prefix of a valid document is either valid or a positioned
	// error; never a panic or a nil policy with a nil error.
	src := "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Sid\": \"é\", \"Effect\": \"Deny\", \"Action\": [\"s3:*\"], \"Resource\": \"*\",\n   \"Condition\": {\"NumericLessThan\": {\"s3:max-keys\": -1.5e3}}}]\n}"
	for i := 0; i <= len(src); i++ {
		p, err := eval.Parse([]byte(src[:i]), eval.IdentityPolicy)
		if err == nil {
			if p == nil {
				t.Fatalf("prefix %d: nil policy and nil error", i)
			}
			continue
		}
		var pe eval.ParseErrors
		if !errors.As(err, &pe) || len(pe) == 0 {
			t.Fatalf("prefix %d: error %T", i, err)
		}
		for _, e := range pe {
			if e.Pos.Offset < 0 || e.Pos.Offset > i || e.Pos.Line < 1 || e.Pos.Col < 1 {
				t.Fatalf("prefix %d: position %+v out of range", i, e.Pos)
			}
		}
	}
}

func TestParse_DeepNestingIsAnError(t *testing.T) {
	src := strings.Repeat("[", 100000)
	pe := parseErrs(t, eval.IdentityPolicy, src)
	if !strings.Contains(pe[0].Msg, "nests too deeply") {
		t.Errorf("message %q", pe[0].Msg)
	}
}

func TestParse_PositionsOfCompiledElements(t *testing.T) {
	src := "{\n\"Version\": \"2012-10-17\",\n\"Statement\": [\n {\"Sid\": \"S\",\n  \"Effect\": \"Allow\",\n  \"Action\": [\"s3:GetObject\", \"s3:PutObject\"],\n  \"Resource\": \"*\",\n  \"Condition\": {\"StringEquals\": {\"aws:username\": \"a\"}}}]}"
	p := pol(t, eval.IdentityPolicy, src).Policy
	s := p.Statements[0]
	check := func(what string, got eval.Pos, line, col int) {
		if got.Line != line || got.Col != col {
			t.Errorf("%s at %s, want %d:%d", what, got, line, col)
		}
	}
	check("statement", s.Pos, 4, 2)
	check("Sid", s.SidPos, 4, 10)
	check("Effect", s.EffectPos, 5, 13)
	check("Action key", s.ActionPos, 6, 3)
	check("second action", s.Actions[1].Pos, 6, 30)
	check("Resource key", s.ResourcePos, 7, 3)
	check("condition key", s.Conditions[0].KeyPos, 8, 34)
	check("Version", p.VersionPos, 2, 12)
}

func TestParse_DuplicateKeyInLargeObject(t *testing.T) {
	var b strings.Builder
	b.WriteString("{")
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&b, "\"k%d\": %d,\n", i, i)
	}
	for _, dup := range []int{0, 15, 16, 39} {
		src := b.String() + fmt.Sprintf("\"k%d\": 1}", dup)
		pe := parseErrs(t, eval.IdentityPolicy, src)
		wantMsg := fmt.Sprintf("duplicate key \"k%d\" (first at %d:%d)", dup, dup+1, map[bool]int{true: 2, false: 1}[dup == 0])
		if pe[0].Msg != wantMsg || pe[0].Pos.Line != 41 || pe[0].Pos.Col != 1 {
			t.Errorf("dup k%d: %v, want 41:1: %s", dup, pe[0], wantMsg)
		}
	}
	// Many distinct keys parse (as JSON) without a false duplicate.
	if _, err := jsonpos.Parse([]byte(b.String() + "\"last\": 0}")); err != nil {
		t.Fatal(err)
	}
}
