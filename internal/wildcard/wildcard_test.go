package wildcard

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// matchGlob is the matcher as the catalogue calls it: pattern text, with
// ASCII case folding or without.
func matchGlob(pattern, s string, fold bool) bool {
	if fold {
		return Compile(pattern).MatchFold(s)
	}
	return Compile(pattern).Match(s)
}

// sameRune compares two encoded characters, folding ASCII case if asked.
func sameRune(a, b string, fold bool) bool {
	if a == b {
		return true
	}
	return fold && len(a) == 1 && len(b) == 1 && lowerASCII(a[0]) == lowerASCII(b[0])
}

func TestMatchGlob(t *testing.T) {
	for _, tc := range []struct {
		pattern, s string
		fold, want bool
	}{
		{"", "", false, true},
		{"", "a", false, false},
		{"*", "", false, true},
		{"*", "anything", false, true},
		{"?", "", false, false},
		{"?", "é", false, true}, // one character, two bytes
		{"??", "é", false, false},
		{"Get*", "GetObject", false, true},
		{"get*", "GetObject", false, false},
		{"get*", "GetObject", true, true},
		{"?etObject", "GetObject", true, true},
		{"*Object", "GetObject", true, true},
		{"*Obj*t", "GetObject", true, true},
		{"*a*b", "aaab", false, true},
		{"*a*b", "aaaa", false, false},
		{"a*b*c", "abXbXc", false, true},
		{"a*b*c", "acb", false, false},
		{"**", "x", false, true},
		{"*?", "", false, false},
		{"\xff", "\xfe", false, false}, // distinct invalid bytes stay distinct
		{"\xff", "\xff", false, true},
	} {
		if got := matchGlob(tc.pattern, tc.s, tc.fold); got != tc.want {
			t.Errorf("matchGlob(%q, %q, %v) = %v", tc.pattern, tc.s, tc.fold, got)
		}
	}
}

// The classic input that makes backtracking matchers exponential. The
// two-pointer algorithm does at most len(pattern)*len(s) steps, so this
// finishes at once; a regression would hang the test.
func TestMatchGlobPathological(t *testing.T) {
	s := strings.Repeat("a", 10000)
	if matchGlob("*a*a*a*a*a*a*a*a*b", s, false) {
		t.Error("matched without a b")
	}
	if !matchGlob("*a*a*a*a*a*a*a*a*", s, false) {
		t.Error("did not match")
	}
}

// chars splits s the way matchGlob walks it.
func chars(s string) []string {
	var out []string
	for len(s) > 0 {
		n := CharLen(s)
		out = append(out, s[:n])
		s = s[n:]
	}
	return out
}

// refMatch is a dynamic-programming matcher, slow but obviously right:
// m[i][j] says whether the first i pattern characters match the first
// j characters of s.
func refMatch(pattern, s string, fold bool) bool {
	p, c := chars(pattern), chars(s)
	m := make([][]bool, len(p)+1)
	for i := range m {
		m[i] = make([]bool, len(c)+1)
	}
	m[0][0] = true
	for i := 1; i <= len(p); i++ {
		for j := 0; j <= len(c); j++ {
			switch p[i-1] {
			case "*":
				m[i][j] = m[i-1][j] || (j > 0 && m[i][j-1])
			case "?":
				m[i][j] = j > 0 && m[i-1][j-1]
			default:
				m[i][j] = j > 0 && m[i-1][j-1] && sameRune(p[i-1], c[j-1], fold)
			}
		}
	}
	return m[len(p)][len(c)]
}

// globRegexp translates a glob for a third opinion from package regexp.
func globRegexp(pattern string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString(`(?s)^`)
	for _, r := range pattern {
		switch r {
		case '*':
			b.WriteString(`.*`)
		case '?':
			b.WriteString(`.`)
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString(`$`)
	return regexp.MustCompile(b.String())
}

func FuzzMatch(f *testing.F) {
	f.Add("s3:Get*", "s3:GetObject", true)
	f.Add("*:Describe*", "ec2:DescribeInstances", true)
	f.Add("?*?", "ab", false)
	f.Fuzz(func(t *testing.T, pattern, s string, fold bool) {
		if len(pattern) > 64 || len(s) > 256 {
			return // keep the reference matcher quick
		}
		got := matchGlob(pattern, s, fold)
		if want := refMatch(pattern, s, fold); got != want {
			t.Fatalf("matchGlob(%q, %q, %v) = %v, reference says %v", pattern, s, fold, got, want)
		}
		if !fold && utf8.ValidString(pattern) && utf8.ValidString(s) {
			if want := globRegexp(pattern).MatchString(s); got != want {
				t.Fatalf("matchGlob(%q, %q) = %v, regexp says %v", pattern, s, got, want)
			}
		}
	})
}

// refWildcard is the obviously correct matcher: a regular expression.
func refWildcard(pattern, s string) bool { return globRegexp(pattern).MatchString(s) }

func FuzzWildcard(f *testing.F) {
	for _, s := range [][2]string{
		{"*", ""}, {"a*b", "aXXb"}, {"a?c", "abc"}, {"*a*a*b", "aaaaab"}, {"?", "é"},
		{"s3:Get*", "s3:GetObject"}, {"*/x/*", "a/x/b"}, {"a**b", "ab"}, {"", ""}, {"??", "😀"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, pattern, s string) {
		got := Match(pattern, s)
		if !utf8.ValidString(pattern) || !utf8.ValidString(s) || len(pattern) > 64 || len(s) > 256 {
			return
		}
		if want := refWildcard(pattern, s); got != want {
			t.Fatalf("MatchWildcard(%q, %q) = %v, want %v", pattern, s, got, want)
		}
	})
}

func TestWildcardMatchesReference(t *testing.T) {
	pats := []string{"", "*", "?", "a", "a*", "*a", "a*a", "*a*", "a?a", "?*", "*?", "a*b*c", "*é*", "é?", "**a"}
	strs := []string{"", "a", "aa", "aba", "abc", "aXbYc", "é", "éé", "bé", "ab", "ba"}
	for _, p := range pats {
		for _, s := range strs {
			if got, want := Match(p, s), refWildcard(p, s); got != want {
				t.Errorf("MatchWildcard(%q, %q) = %v, want %v", p, s, got, want)
			}
		}
	}
}

func TestWildcardLinear(t *testing.T) {
	// An exponential backtracking matcher would not finish this.
	s := strings.Repeat("a", 10000)
	if Match("*a*a*a*a*a*a*a*a*b", s) {
		t.Fatal("matched without a b")
	}
	if !Match("*a*a*a*a*a*a*a*a*a", s) {
		t.Fatal("did not match")
	}
}

// Text from a policy variable or an escape such as ${*} is a Literal
// token: its '*' and '?' match only themselves.
func TestLiteralTokensStayLiteral(t *testing.T) {
	p := append(Compile("home/"), Literal("a*?"), Token{Kind: Star})
	if !p.Match("home/a*?/x") || p.Match("home/abc/x") {
		t.Errorf("%v: a literal star widened the pattern", p)
	}
	if got := p.String(); got != "home/a*?*" {
		t.Errorf("String() = %q", got)
	}
	joined := Pattern{Literal("a"), Literal("b"), {Kind: Star}, {Kind: Star}}.Compact()
	if len(joined) != 2 || joined[0].Text != "ab" || !joined.EndsWithStar() {
		t.Errorf("Compact() = %v", joined)
	}
	if !Compile("ab?").MatchPrefix("abcd") || Compile("ab?").MatchPrefix("ab") {
		t.Error("MatchPrefix")
	}
	if !Compile("*").IsStar() || Compile("**a").IsStar() {
		t.Error("IsStar")
	}
}
