package eval

import (
	"strings"
	"unicode/utf8"
)

type tokKind uint8

const (
	tokLit  tokKind = iota // text that must appear as is
	tokStar                // any run of characters, including none
	tokOne                 // exactly one character
)

type tok struct {
	kind tokKind
	lit  string
}

// glob is a compiled wildcard pattern. Literal text that came from a policy
// variable or from ${*} ${?} stays literal: a username can never widen a
// pattern.
type glob []tok

// compileGlob splits raw policy text into tokens; '*' and '?' are wildcards.
func compileGlob(s string) glob {
	if s == "" {
		return glob{}
	}
	var g glob
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '*' && c != '?' {
			continue
		}
		if i > start {
			g = append(g, tok{kind: tokLit, lit: s[start:i]})
		}
		if c == '*' {
			if len(g) == 0 || g[len(g)-1].kind != tokStar {
				g = append(g, tok{kind: tokStar})
			}
		} else {
			g = append(g, tok{kind: tokOne})
		}
		start = i + 1
	}
	if start < len(s) {
		g = append(g, tok{kind: tokLit, lit: s[start:]})
	}
	return g
}

// isStar reports whether the pattern is a lone '*'.
func (g glob) isStar() bool { return len(g) == 1 && g[0].kind == tokStar }

// match reports whether s matches the whole pattern. It is the greedy
// algorithm with one backtrack point (the last star): a later star always
// supersedes an earlier one, so the work is bounded by len(s) × len(pattern)
// and hostile patterns such as *a*a*a*b cannot blow up.
func (g glob) match(s string) bool {
	pi, si := 0, 0
	star, starSi := -1, 0
	for {
		if pi < len(g) {
			t := g[pi]
			switch t.kind {
			case tokStar:
				star, starSi = pi, si
				pi++
				continue
			case tokOne:
				if si < len(s) {
					_, size := utf8.DecodeRuneInString(s[si:])
					si += size
					pi++
					continue
				}
			case tokLit:
				if strings.HasPrefix(s[si:], t.lit) {
					si += len(t.lit)
					pi++
					continue
				}
			}
		} else if si == len(s) {
			return true
		}
		// Mismatch: let the last star swallow one more character.
		if star < 0 || starSi >= len(s) {
			return false
		}
		_, size := utf8.DecodeRuneInString(s[starSi:])
		starSi += size
		si = starSi
		pi = star + 1
	}
}

// String renders the pattern back as policy text (literal wildcard
// characters shown as ${*} and ${?}).
func (g glob) String() string {
	var b strings.Builder
	for _, t := range g {
		switch t.kind {
		case tokStar:
			b.WriteByte('*')
		case tokOne:
			b.WriteByte('?')
		default:
			b.WriteString(t.lit)
		}
	}
	return b.String()
}

// lower returns the pattern with literal text lower-cased, for matching that
// ignores case (actions, …IgnoreCase operators).
func (g glob) lower() glob {
	out := make(glob, len(g))
	for i, t := range g {
		if t.kind == tokLit {
			t.lit = strings.ToLower(t.lit)
		}
		out[i] = t
	}
	return out
}

// MatchWildcard reports whether s matches an IAM wildcard pattern, where '*'
// is any run of characters and '?' any single character. Matching is
// case-sensitive; lower both sides for case-insensitive use.
func MatchWildcard(pattern, s string) bool { return compileGlob(pattern).match(s) }

// splitSegments cuts a pattern into at most n ARN segments at its first n-1
// colons; the last segment keeps any further colons, because an ARN's
// resource part may contain them.
func splitSegments(g glob, n int) []glob {
	segs := make([]glob, 0, n)
	cur := glob{}
	for _, t := range g {
		if t.kind != tokLit || len(segs) == n-1 {
			cur = append(cur, t)
			continue
		}
		lit := t.lit
		for len(segs) < n-1 {
			i := strings.IndexByte(lit, ':')
			if i < 0 {
				break
			}
			if i > 0 {
				cur = append(cur, tok{kind: tokLit, lit: lit[:i]})
			}
			segs = append(segs, cur)
			cur = glob{}
			lit = lit[i+1:]
		}
		if lit != "" {
			cur = append(cur, tok{kind: tokLit, lit: lit})
		}
	}
	return append(segs, cur)
}

// arnPattern is a Resource pattern compiled for segment-wise matching.
type arnPattern struct {
	all  bool   // a lone "*"
	arn  bool   // starts with "arn:" and is matched segment by segment
	segs []glob // when arn
	full glob   // when not an ARN: the whole text
	// spill: a segment before the last ends in '*', which in a Resource
	// element may match beyond the colon that ends it.
	spill bool
}

// compileARNPattern compiles a value of an ARN condition operator: each of
// the six colon-separated parts is matched on its own.
func compileARNPattern(g glob) arnPattern {
	if g.isStar() {
		return arnPattern{all: true}
	}
	if len(g) > 0 && g[0].kind == tokLit && strings.HasPrefix(g[0].lit, "arn:") {
		return arnPattern{arn: true, segs: splitSegments(g, 6)}
	}
	return arnPattern{full: g}
}

// compileResourcePattern compiles a Resource or NotResource value. It is
// compileARNPattern plus one rule of the Resource element page: "If the
// wildcard (*) is the last character of a resource ARN segment, it can
// expand to match beyond colon boundaries", so arn:aws:sqs:*:queue1 names
// queue1 in every Region and account.
func compileResourcePattern(g glob) arnPattern {
	p := compileARNPattern(g)
	for i := 0; p.arn && i < len(p.segs)-1; i++ {
		if endsWithStar(p.segs[i]) {
			p.spill = true
		}
	}
	return p
}

func endsWithStar(g glob) bool { return len(g) > 0 && g[len(g)-1].kind == tokStar }

// match compares the pattern with a resource, each ARN segment on its own
// so that a '*' never spans from one segment into the next.
func (p arnPattern) match(res string, parts *[6]string, isARN bool) bool {
	switch {
	case p.all:
		return true
	case !p.arn || !isARN:
		if p.arn {
			return p.joined().match(res)
		}
		return p.full.match(res)
	}
	if p.spill {
		return p.matchSpilling(res)
	}
	n := len(p.segs)
	for i := 0; i < n-1; i++ {
		if !p.segs[i].match(parts[i]) {
			return false
		}
	}
	if n == 6 {
		return p.segs[5].match(parts[5])
	}
	// A pattern with fewer segments: its last one covers the rest.
	return p.segs[n-1].match(strings.Join(parts[n-1:], ":"))
}

func (p arnPattern) joined() glob {
	var g glob
	for i, s := range p.segs {
		if i > 0 {
			g = append(g, tok{kind: tokLit, lit: ":"})
		}
		g = append(g, s...)
	}
	return g
}

// matchSpilling matches a pattern in which a segment ending in '*' may take
// in whole colon-separated pieces of the resource after its own. It keeps,
// segment by segment, the set of resource pieces the next segment may start
// at. A segment ending in '*' that matches piece j matches pieces j..k for
// every k (the star takes the rest of j and the colons after it), so only
// the first such j matters and the next set is every piece after it. Each
// segment is tried once per piece, so the work stays within the pattern's
// length times the resource's, whatever the wildcards.
func (p arnPattern) matchSpilling(res string) bool {
	starts := make([]int, 1, 8) // where each piece of res begins
	for i := 0; i < len(res); i++ {
		if res[i] == ':' {
			starts = append(starts, i+1)
		}
	}
	m := len(starts)
	piece := func(j int) string {
		if j+1 < m {
			return res[starts[j] : starts[j+1]-1]
		}
		return res[starts[j]:]
	}
	cur := make([]bool, m+1)
	next := make([]bool, m+1)
	cur[0] = true
	n := len(p.segs)
	for i := 0; i < n-1; i++ {
		clear(next)
		seg := p.segs[i]
		spills := endsWithStar(seg)
		for j := 0; j < m; j++ {
			if !cur[j] || !seg.match(piece(j)) {
				continue
			}
			if !spills {
				next[j+1] = true
				continue
			}
			for k := j + 1; k <= m; k++ {
				next[k] = true
			}
			break
		}
		cur, next = next, cur
	}
	// The last segment covers the rest of the resource, colons included.
	last := p.segs[n-1]
	lead := last
	for i, t := range last {
		if t.kind == tokStar {
			lead = last[:i]
			break
		}
	}
	hasStar := len(lead) < len(last)
	for j := 0; j < m; j++ {
		if !cur[j] {
			continue
		}
		rest := res[starts[j]:]
		if !hasStar {
			if last.match(rest) {
				return true
			}
			continue
		}
		// With a star, the earliest start whose star-free lead fits decides:
		// any later start leaves the star a suffix of what this one leaves.
		if lead.matchPrefix(rest) {
			return last.match(rest)
		}
	}
	return false
}

// matchPrefix reports whether a star-free pattern matches a prefix of s.
func (g glob) matchPrefix(s string) bool {
	si := 0
	for _, t := range g {
		switch t.kind {
		case tokOne:
			if si >= len(s) {
				return false
			}
			_, size := utf8.DecodeRuneInString(s[si:])
			si += size
		case tokLit:
			if !strings.HasPrefix(s[si:], t.lit) {
				return false
			}
			si += len(t.lit)
		}
	}
	return true
}
