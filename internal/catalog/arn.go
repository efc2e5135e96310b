package catalog

import (
	"strings"
	"sync"

	"github.com/iamlab/iamlab/internal/wildcard"
)

// Deciding whether an ARN, or a wildcard pattern of ARNs, fits a
// resource type's template comes down to one question: do the set of
// strings the template describes and the set the pattern describes
// overlap? Both sets are simple regular languages, so the answer is a
// walk over pairs of positions (one in each) looking for a way to reach
// both ends together. That is polynomial in the two lengths whatever
// the input, with no backtracking.
//
// What a placeholder such as ${BucketName} may stand for decides the
// interesting cases. The rules, from ARN structure:
//
//   - it stands for at least one character;
//   - in the ARN's fixed fields (partition, region, account: before the
//     fifth colon) it never contains ':' or '/';
//   - it never contains the separator (':' or '/') that follows it in
//     the template, so in "${BucketName}/${ObjectName}" the bucket ends
//     at the first '/', and in "log-group:${LogGroupName}:log-stream:…"
//     a log group name may contain '/' but not ':';
//   - a placeholder that ends the template may contain anything, such as
//     S3 keys and IAM paths with '/' (role/${RoleNameWithPath}), except
//     '/' when another resource type of the same service continues the
//     same template with '/'. That is what keeps the bucket template
//     "arn:${Partition}:s3:::${BucketName}" from matching an object ARN,
//     and a DynamoDB table from matching its index. ':' is not excluded
//     this way, because policies routinely write log groups as
//     "log-group:NAME:*".

const (
	noColon uint8 = 1 << iota
	noSlash
)

// tElem is one character or placeholder of a template.
type tElem struct {
	lit  string // the character, for a literal
	ph   bool
	excl uint8 // separators a placeholder may not contain
}

type template []tElem

// pElem is one character of an ARN or element of a Resource pattern.
type pElem struct {
	kind    byte // pLit, pAny or pStar
	lit     string
	noColon bool // a wildcard confined to one of the ARN's fixed fields
}

const (
	pLit = iota
	pAny
	pStar
)

var compileOnce sync.Once

// compiled returns the resource type's templates, compiling every
// template in the catalogue on first use: the rules above need a
// service's other templates, and most runs never match ARNs at all.
func (rt *ResourceType) compiled() []template {
	compileOnce.Do(compileAll)
	return rt.templates
}

func compileAll() {
	for _, s := range get().services {
		var all []string
		for _, rt := range s.ResourceTypes {
			all = append(all, rt.ARNTemplates...)
		}
		for _, rt := range s.ResourceTypes {
			rt.templates = make([]template, len(rt.ARNTemplates))
			for i, t := range rt.ARNTemplates {
				rt.templates[i] = compileTemplate(t, continuedWithSlash(t, all))
			}
		}
	}
}

// continuedWithSlash reports whether some template extends t with '/'.
func continuedWithSlash(t string, all []string) bool {
	if !strings.HasSuffix(t, "}") {
		return false
	}
	for _, u := range all {
		if len(u) > len(t) && u[len(t)] == '/' && strings.HasPrefix(u, t) {
			return true
		}
	}
	return false
}

func compileTemplate(t string, finalNoSlash bool) template {
	var out template
	colons := 0
	for i := 0; i < len(t); {
		if strings.HasPrefix(t[i:], "${") {
			if end := strings.IndexByte(t[i:], '}'); end > 0 {
				var excl uint8
				if colons < 5 {
					excl = noColon | noSlash
				}
				out = append(out, tElem{ph: true, excl: excl})
				i += end + 1
				continue
			}
		}
		n := wildcard.CharLen(t[i:])
		c := t[i : i+n]
		switch c {
		case ":":
			colons++
			if k := len(out) - 1; k >= 0 && out[k].ph {
				out[k].excl |= noColon
			}
		case "/":
			if k := len(out) - 1; k >= 0 && out[k].ph {
				out[k].excl |= noSlash
			}
		}
		out = append(out, tElem{lit: c})
		i += n
	}
	if k := len(out) - 1; k >= 0 && out[k].ph && finalNoSlash {
		out[k].excl |= noSlash
	}
	return out
}

// Matches reports whether a concrete ARN fits one of the resource
// type's templates. Matching is case-sensitive, as ARNs are.
func (rt *ResourceType) Matches(arn string) bool {
	var p []pElem
	for i := 0; i < len(arn); {
		n := wildcard.CharLen(arn[i:])
		p = append(p, pElem{kind: pLit, lit: arn[i : i+n]})
		i += n
	}
	return rt.fits(p)
}

// MatchesPattern reports whether a policy Resource pattern could match
// at least one ARN of this type: "arn:aws:s3:::bucket/*" can name
// objects and "arn:aws:s3:::bucket" cannot; "*" fits every type.
//
// In the pattern '*' stands for any run of characters and '?' for one,
// within an ARN field as IAM documents: wildcards in the partition,
// service, region and account fields do not reach past the colons
// around them, except that when the pattern has fewer fields than an
// ARN, its last field covers the rest (so "arn:aws:iam::*" fits roles).
// The resource part after the fifth colon is one field, colons and all.
// A policy variable such as ${aws:username} is unknown until a request
// arrives, so it is treated like '*'; ${*}, ${?} and ${$} are the
// literal characters, as in IAM.
func (rt *ResourceType) MatchesPattern(arnPattern string) bool {
	return rt.fits(parsePattern(arnPattern))
}

func parsePattern(s string) []pElem {
	var p []pElem
	colons := 0
	for i := 0; i < len(s); {
		el, n := nextPatternElem(s[i:])
		if el.kind == pLit && el.lit == ":" && n == 1 {
			colons++
		}
		el.noColon = colons < 5 && el.kind != pLit
		p = append(p, el)
		i += n
	}
	if colons < 5 {
		// A short pattern's last field runs to the end of the ARN.
		for k := len(p) - 1; k >= 0 && !(p[k].kind == pLit && p[k].lit == ":"); k-- {
			p[k].noColon = false
		}
	}
	return p
}

// nextPatternElem reads one element from the start of s and returns it
// with the number of bytes it took.
func nextPatternElem(s string) (pElem, int) {
	switch s[0] {
	case '*':
		return pElem{kind: pStar}, 1
	case '?':
		return pElem{kind: pAny}, 1
	case '$':
		if end := strings.IndexByte(s, '}'); strings.HasPrefix(s, "${") && end > 0 {
			switch name := s[2:end]; name {
			case "*", "?", "$":
				return pElem{kind: pLit, lit: name}, end + 1
			default:
				return pElem{kind: pStar}, end + 1
			}
		}
	}
	n := wildcard.CharLen(s)
	return pElem{kind: pLit, lit: s[:n]}, n
}

func (rt *ResourceType) fits(p []pElem) bool {
	for _, t := range rt.compiled() {
		if overlap(p, t) {
			return true
		}
	}
	return false
}

// overlap reports whether some string is described by both p and t. A
// state is (position in p, position in t, whether the placeholder at
// the t position has already taken a character).
func overlap(p []pElem, t template) bool {
	n, m := len(p), len(t)
	id := func(i, j int, in bool) int {
		k := (i*(m+1) + j) * 2
		if in {
			k++
		}
		return k
	}
	seen := make([]bool, (n+1)*(m+1)*2)
	type state struct {
		i, j int
		in   bool
	}
	stack := []state{{0, 0, false}}
	seen[id(0, 0, false)] = true
	push := func(i, j int, in bool) {
		if k := id(i, j, in); !seen[k] {
			seen[k] = true
			stack = append(stack, state{i, j, in})
		}
	}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if s.i == n && s.j == m {
			return true
		}
		// Moves that consume nothing.
		if s.in {
			push(s.i, s.j+1, false) // the placeholder ends here
		}
		if s.i < n && p[s.i].kind == pStar {
			push(s.i+1, s.j, s.in) // the star stops taking characters
		}
		if s.i == n {
			continue
		}
		// Moves that consume one character of the common string: the
		// template either continues a placeholder, starts one, or takes
		// a literal.
		if s.j == m {
			continue
		}
		el := &t[s.j]
		pe := p[s.i]
		ni := s.i + 1
		if pe.kind == pStar {
			ni = s.i
		}
		if el.ph {
			if pe.kind == pLit && blocked(pe.lit, el.excl) {
				continue
			}
			push(ni, s.j, true)
			continue
		}
		if pe.kind == pLit && pe.lit != el.lit || pe.noColon && el.lit == ":" {
			continue
		}
		push(ni, s.j+1, false)
	}
	return false
}

func blocked(c string, excl uint8) bool {
	return (c == ":" && excl&noColon != 0) || (c == "/" && excl&noSlash != 0)
}
