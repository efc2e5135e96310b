package catalog

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

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
		n := runeLen(s)
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
