package catalog

import "unicode/utf8"

// matchGlob reports whether s matches pattern, in which '*' stands for
// any run of characters (possibly empty) and '?' for exactly one. With
// fold set, ASCII letters match regardless of case, as IAM does for
// action names; ARNs are matched with fold unset.
//
// It is the two-pointer algorithm: on a mismatch, go back to the most
// recent '*' and let it swallow one more character. Only the latest
// star is ever revisited, because any match found by widening an earlier
// star can also be found by widening the later one, so the work is
// bounded by len(pattern)*len(s) — never exponential, unlike naive
// recursion over every star.
func matchGlob(pattern, s string, fold bool) bool {
	p, i := 0, 0          // positions in pattern and s
	star, resume := -1, 0 // last '*' seen, and where in s to retry after it
	for i < len(s) {
		if p < len(pattern) {
			switch pattern[p] {
			case '*':
				if p == len(pattern)-1 {
					return true // a trailing star takes whatever is left
				}
				star, resume = p, i
				p++
				continue
			case '?':
				p++
				i += runeLen(s[i:])
				continue
			default:
				pw, sw := runeLen(pattern[p:]), runeLen(s[i:])
				if sameRune(pattern[p:p+pw], s[i:i+sw], fold) {
					p += pw
					i += sw
					continue
				}
			}
		}
		if star < 0 {
			return false
		}
		resume += runeLen(s[resume:])
		p, i = star+1, resume
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

// runeLen is the byte length of the first character of s; a byte that
// does not start valid UTF-8 counts as one character on its own.
func runeLen(s string) int {
	if s[0] < utf8.RuneSelf {
		return 1
	}
	_, n := utf8.DecodeRuneInString(s)
	return n
}

// sameRune compares two encoded characters, folding ASCII case if asked.
// Comparing bytes rather than decoded runes keeps distinct invalid bytes
// distinct.
func sameRune(a, b string, fold bool) bool {
	if a == b {
		return true
	}
	return fold && len(a) == 1 && len(b) == 1 && lowerASCII(a[0]) == lowerASCII(b[0])
}

// hasWildcard reports whether s contains '*' or '?'.
func hasWildcard(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '*' || s[i] == '?' {
			return true
		}
	}
	return false
}

// literalPrefix returns the part of a pattern before its first wildcard.
func literalPrefix(pattern string) string {
	for i := 0; i < len(pattern); i++ {
		if pattern[i] == '*' || pattern[i] == '?' {
			return pattern[:i]
		}
	}
	return pattern
}
