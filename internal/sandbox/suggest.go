package sandbox

import (
	"strings"

	"github.com/iamlab/iamlab/internal/suggest"
)

// didYouMean is the sandbox's name for suggest.DidYouMean.
func didYouMean(got string, candidates []string) string { return suggest.DidYouMean(got, candidates) }

// nameList joins names for a message: "alice, bob and carol".
func nameList(names []string) string {
	switch len(names) {
	case 0:
		return "none"
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
