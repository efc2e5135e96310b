// Package wildcard matches the patterns IAM policies write with '*' (any
// run of characters, possibly none) and '?' (exactly one character) in
// Action and Resource elements and the …Like condition operators, and
// that the catalogue uses for its condition-key templates. It is the one
// matcher the engine, the catalogue and the scenario grader share.
//
// The IAM User Guide states the two wildcards under "Using wildcards in
// resource ARNs": "any combination of characters (*)" and "any single
// character (?)", several of each allowed
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html).
// Which texts are compared, and whether case matters, is the caller's
// business: the engine keeps Resource's rule for a '*' that ends an ARN
// segment, which may match past the colon.
//
// A pattern is compiled into tokens so that text that must stay literal —
// a policy variable's value, or the escapes ${*} and ${?} — can sit next
// to real wildcards without ever widening the pattern.
package wildcard

import (
	"strings"
	"unicode/utf8"
)

// Kind says what one token of a pattern stands for.
type Kind uint8

const (
	Lit  Kind = iota // text that must appear as is
	Star             // any run of characters, including none
	One              // exactly one character
)

// Token is one piece of a pattern; Text is set only for Lit.
type Token struct {
	Kind Kind
	Text string
}

// Literal is a token for text that matches only itself, whatever
// characters it holds.
func Literal(s string) Token { return Token{Kind: Lit, Text: s} }

// Pattern is a compiled wildcard pattern.
type Pattern []Token

// Compile reads policy text in which every '*' and '?' is a wildcard.
// Runs of stars collapse into one, which matches the same strings.
func Compile(s string) Pattern {
	if s == "" {
		return Pattern{}
	}
	// Each wildcard makes at most two tokens (it and the text before it),
	// and the text after the last one a third: sized once, never grown.
	p := make(Pattern, 0, 2*strings.Count(s, "*")+2*strings.Count(s, "?")+1)
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '*' && c != '?' {
			continue
		}
		if i > start {
			p = append(p, Literal(s[start:i]))
		}
		if c == '*' {
			if len(p) == 0 || p[len(p)-1].Kind != Star {
				p = append(p, Token{Kind: Star})
			}
		} else {
			p = append(p, Token{Kind: One})
		}
		start = i + 1
	}
	if start < len(s) {
		p = append(p, Literal(s[start:]))
	}
	return p
}

// Match reports whether s matches pattern, case-sensitively. It compiles
// the pattern on every call; compile once to match many strings.
func Match(pattern, s string) bool { return Compile(pattern).Match(s) }

// Match reports whether the whole of s matches the pattern, comparing
// characters exactly.
func (p Pattern) Match(s string) bool { return p.match(s, false) }

// MatchFold is Match with ASCII letters compared regardless of case, as
// IAM compares service prefixes and action names (all ASCII). Other
// characters still compare exactly.
func (p Pattern) MatchFold(s string) bool { return p.match(s, true) }

// match is the greedy algorithm with one backtrack point, the latest
// star: on a mismatch that star swallows one more character and matching
// resumes after it. A later star can always do what widening an earlier
// one would, so only the latest is revisited and the work is bounded by
// len(s) × len(pattern): hostile patterns such as *a*a*a*b cannot blow up
// the way naive recursion over every star does.
//
// Characters are UTF-8 sequences; a byte that does not start a valid one
// is a character on its own, so distinct invalid bytes stay distinct.
func (p Pattern) match(s string, fold bool) bool {
	pi, si := 0, 0
	star, resume := -1, 0 // latest star, and where in s it last stopped
	for {
		if pi < len(p) {
			t := &p[pi]
			switch t.Kind {
			case Star:
				if pi == len(p)-1 {
					return true // a trailing star takes whatever is left
				}
				star, resume = pi, si
				pi++
				continue
			case One:
				if si < len(s) {
					si += CharLen(s[si:])
					pi++
					continue
				}
			default:
				if hasPrefix(s[si:], t.Text, fold) {
					si += len(t.Text)
					pi++
					continue
				}
			}
		} else if si == len(s) {
			return true
		}
		// Mismatch: let the latest star swallow one more character.
		if star < 0 || resume >= len(s) {
			return false
		}
		resume += CharLen(s[resume:])
		pi, si = star+1, resume
	}
}

// MatchPrefix reports whether a pattern without stars matches the start
// of s.
func (p Pattern) MatchPrefix(s string) bool {
	si := 0
	for _, t := range p {
		switch t.Kind {
		case One:
			if si >= len(s) {
				return false
			}
			si += CharLen(s[si:])
		case Lit:
			if !hasPrefix(s[si:], t.Text, false) {
				return false
			}
			si += len(t.Text)
		}
	}
	return true
}

// hasPrefix reports whether s starts with the characters of lit. Equal
// bytes are equal characters except where lit ends inside an incomplete
// UTF-8 sequence that s completes: lit then holds lone bytes where s holds
// one longer character, so the two are compared character by character.
func hasPrefix(s, lit string, fold bool) bool {
	if len(s) < len(lit) {
		return false
	}
	if !fold {
		if s[:len(lit)] != lit {
			return false
		}
	} else {
		for i := 0; i < len(lit); i++ {
			if lowerASCII(s[i]) != lowerASCII(lit[i]) {
				return false
			}
		}
	}
	if len(lit) == 0 || lit[len(lit)-1] < utf8.RuneSelf {
		return true // ends in ASCII, which is always a whole character
	}
	for i := 0; i < len(lit); {
		n := CharLen(lit[i:])
		if CharLen(s[i:]) != n {
			return false
		}
		i += n
	}
	return true
}

// CharLen is the byte length of the first character of s, as the matcher
// counts characters: a byte that does not start valid UTF-8 is one
// character on its own. Code that walks patterns character by character
// alongside the matcher uses it to agree with it.
func CharLen(s string) int {
	if s[0] < utf8.RuneSelf {
		return 1
	}
	_, n := utf8.DecodeRuneInString(s)
	return n
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// IsStar reports whether the pattern is a lone '*', which matches
// everything.
func (p Pattern) IsStar() bool { return len(p) == 1 && p[0].Kind == Star }

// EndsWithStar reports whether the pattern's last token is a '*'.
func (p Pattern) EndsWithStar() bool { return len(p) > 0 && p[len(p)-1].Kind == Star }

// Lower returns the pattern with its literal text lower-cased, for
// matching that ignores case once the subject is lower-cased too.
func (p Pattern) Lower() Pattern {
	out := make(Pattern, len(p))
	for i, t := range p {
		if t.Kind == Lit {
			t.Text = strings.ToLower(t.Text)
		}
		out[i] = t
	}
	return out
}

// Compact joins neighbouring literals and neighbouring stars, as Compile
// would have produced them; patterns assembled piece by piece (a policy
// value with variables filled in) use it so they match like compiled ones.
func (p Pattern) Compact() Pattern {
	out := p[:0:0]
	for _, t := range p {
		if t.Kind == Lit && len(out) > 0 && out[len(out)-1].Kind == Lit {
			out[len(out)-1].Text += t.Text
			continue
		}
		if t.Kind == Star && len(out) > 0 && out[len(out)-1].Kind == Star {
			continue
		}
		out = append(out, t)
	}
	return out
}

// String renders the pattern as text: wildcards as '*' and '?', literal
// text as it is, so a literal '*' from ${*} prints as a bare '*'.
func (p Pattern) String() string {
	var b strings.Builder
	for _, t := range p {
		switch t.Kind {
		case Star:
			b.WriteByte('*')
		case One:
			b.WriteByte('?')
		default:
			b.WriteString(t.Text)
		}
	}
	return b.String()
}

// HasWildcard reports whether policy text contains '*' or '?'.
func HasWildcard(s string) bool { return strings.ContainsAny(s, "*?") }

// LiteralPrefix returns the part of policy text before its first
// wildcard.
func LiteralPrefix(s string) string {
	if i := strings.IndexAny(s, "*?"); i >= 0 {
		return s[:i]
	}
	return s
}
