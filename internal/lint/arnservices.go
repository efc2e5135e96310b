package lint

import (
	"strings"
	"sync"

	"github.com/iamlab/iamlab/internal/catalog"
)

// The service field of an ARN is not always the action prefix (API
// Gateway's actions are apigateway:… and execute-api:…, its ARNs both),
// so the known ARN services are read from the catalogue's ARN templates.
var arnServices = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, s := range catalog.Services() {
		m[s.Prefix] = true
		for _, rt := range s.ResourceTypes {
			for _, t := range rt.ARNTemplates {
				if f := strings.SplitN(t, ":", 4); len(f) == 4 && f[2] != "" && !strings.Contains(f[2], "${") {
					m[strings.ToLower(f[2])] = true
				}
			}
		}
	}
	return m
})

func knownARNService(svc string) bool { return arnServices()[strings.ToLower(svc)] }

// closestARNService is the did-you-mean for a mistyped ARN service.
func closestARNService(svc string) string {
	best, bestD := "", 3
	for s := range arnServices() {
		if d := editDistance(strings.ToLower(svc), s); d < bestD || d == bestD && best != "" && s < best {
			best, bestD = s, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance; the strings compared here are
// short service prefixes and condition keys.
func editDistance(a, b string) int {
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
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
