// Package suggest finds the name a person most probably meant when they
// typed one that does not exist, for the "did you mean" part of an error.
package suggest

import "strings"

// Closest returns the candidate nearest to got, ignoring case, when it is
// near enough to be a typo: within two edits, or three for names longer
// than eight characters. A candidate equal to got but for letter case is
// always returned, since case is the most common slip.
func Closest(got string, candidates []string) (string, bool) {
	lg := strings.ToLower(got)
	best, bestD := "", 1<<30
	for _, c := range candidates {
		lc := strings.ToLower(c)
		if lc == lg {
			if c == got {
				continue
			}
			return c, true
		}
		if d := Distance(lg, lc); d < bestD || (d == bestD && c < best) {
			best, bestD = c, d
		}
	}
	limit := 2
	if len([]rune(got)) > 8 {
		limit = 3
	}
	if best == "" || bestD > limit {
		return "", false
	}
	return best, true
}

// DidYouMean is Closest phrased for the end of an error message:
// `; did you mean "X"?`, or "" when nothing is close.
func DidYouMean(got string, candidates []string) string {
	if c, ok := Closest(got, candidates); ok {
		return "; did you mean \"" + c + "\"?"
	}
	return ""
}

// Distance is the Levenshtein distance between two strings, counted in
// characters. Very long inputs are not names: they count as far apart
// unless equal, which keeps a hostile input from costing quadratic time.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		if a == b {
			return 0
		}
		return 1 << 20
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// DistanceOSA is the optimal string alignment distance: insertions,
// deletions, substitutions and swaps of adjacent characters each cost
// one. It works on bytes: the catalogue compares lower-case ASCII names,
// thousands at a time, where a transposed pair is the commonest typo.
func DistanceOSA(a, b string) int {
	// Three rolling rows: the swap rule looks two rows back.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
