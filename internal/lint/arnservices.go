package lint

import (
	"github.com/iamlab/iamlab/internal/arn"
	"github.com/iamlab/iamlab/internal/suggest"

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
				if f, ok := arn.Split(t); ok && f[2] != "" && !strings.Contains(f[2], "${") {
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
		if d := suggest.Distance(strings.ToLower(svc), s); d < bestD || d == bestD && best != "" && s < best {
			best, bestD = s, d
		}
	}
	return best
}
