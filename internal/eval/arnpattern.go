package eval

import (
	"strings"

	"github.com/iamlab/iamlab/internal/wildcard"
)

// ARN patterns: a Resource value or an Arn… condition value is matched
// one ARN segment at a time with the shared wildcard matcher, plus the
// Resource element's own rule for a '*' that ends a segment.

// splitSegments cuts a pattern into at most n ARN segments at its first n-1
// colons; the last segment keeps any further colons, because an ARN's
// resource part may contain them.
func splitSegments(g wildcard.Pattern, n int) []wildcard.Pattern {
	// The segments share one array of tokens, allocated once: each of the
	// n-1 cuts adds at most one token (the literal before the colon), so
	// it never grows, and each segment is capped so none spills into the
	// next.
	toks := make(wildcard.Pattern, 0, len(g)+n-1)
	segs := make([]wildcard.Pattern, 0, n)
	start := 0
	for _, t := range g {
		if t.Kind != wildcard.Lit || len(segs) == n-1 {
			toks = append(toks, t)
			continue
		}
		lit := t.Text
		for len(segs) < n-1 {
			i := strings.IndexByte(lit, ':')
			if i < 0 {
				break
			}
			if i > 0 {
				toks = append(toks, wildcard.Literal(lit[:i]))
			}
			segs = append(segs, toks[start:len(toks):len(toks)])
			start = len(toks)
			lit = lit[i+1:]
		}
		if lit != "" {
			toks = append(toks, wildcard.Literal(lit))
		}
	}
	return append(segs, toks[start:len(toks):len(toks)])
}

// arnPattern is a Resource pattern compiled for segment-wise matching.
type arnPattern struct {
	all  bool               // a lone "*"
	arn  bool               // starts with "arn:" and is matched segment by segment
	segs []wildcard.Pattern // when arn
	full wildcard.Pattern   // when not an ARN: the whole text
	// spill: a segment before the last ends in '*', which in a Resource
	// element may match beyond the colon that ends it.
	spill bool
}

// compileARNPattern compiles a value of an ARN condition operator: each of
// the six colon-separated parts is matched on its own.
func compileARNPattern(g wildcard.Pattern) arnPattern {
	if g.IsStar() {
		return arnPattern{all: true}
	}
	if len(g) > 0 && g[0].Kind == wildcard.Lit && strings.HasPrefix(g[0].Text, "arn:") {
		return arnPattern{arn: true, segs: splitSegments(g, 6)}
	}
	return arnPattern{full: g}
}

// compileResourcePattern compiles a Resource or NotResource value. It is
// compileARNPattern plus one rule of the Resource element page: "If the
// wildcard (*) is the last character of a resource ARN segment, it can
// expand to match beyond colon boundaries", so arn:aws:sqs:*:queue1 names
// queue1 in every Region and account.
func compileResourcePattern(g wildcard.Pattern) arnPattern {
	p := compileARNPattern(g)
	for i := 0; p.arn && i < len(p.segs)-1; i++ {
		if p.segs[i].EndsWithStar() {
			p.spill = true
		}
	}
	return p
}

// match compares the pattern with a resource, each ARN segment on its own
// so that a '*' never spans from one segment into the next.
func (p arnPattern) match(res string, parts *[6]string, isARN bool) bool {
	switch {
	case p.all:
		return true
	case !p.arn || !isARN:
		if p.arn {
			return p.joined().Match(res)
		}
		return p.full.Match(res)
	}
	if p.spill {
		return p.matchSpilling(res)
	}
	n := len(p.segs)
	for i := 0; i < n-1; i++ {
		if !p.segs[i].Match(parts[i]) {
			return false
		}
	}
	if n == 6 {
		return p.segs[5].Match(parts[5])
	}
	// A pattern with fewer segments: its last one covers the rest.
	return p.segs[n-1].Match(strings.Join(parts[n-1:], ":"))
}

func (p arnPattern) joined() wildcard.Pattern {
	var g wildcard.Pattern
	for i, s := range p.segs {
		if i > 0 {
			g = append(g, wildcard.Literal(":"))
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
		spills := seg.EndsWithStar()
		for j := 0; j < m; j++ {
			if !cur[j] || !seg.Match(piece(j)) {
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
		if t.Kind == wildcard.Star {
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
			if last.Match(rest) {
				return true
			}
			continue
		}
		// With a star, the earliest start whose star-free lead fits decides:
		// any later start leaves the star a suffix of what this one leaves.
		if lead.MatchPrefix(rest) {
			return last.Match(rest)
		}
	}
	return false
}
