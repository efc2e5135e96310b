package catalog

import (
	"github.com/iamlab/iamlab/internal/arn"
	"github.com/iamlab/iamlab/internal/suggest"

	"sort"
	"strings"
)

// Suggest returns up to n real action names, in policy spelling, that
// are closest to a mistyped one — the "did you mean" of the linter:
// "s3:GetObjects" and "s3:getobjet" suggest "s3:GetObject". Closeness is
// edit distance ignoring case, with swapped neighbours counting as one
// edit. When the service exists only its actions are considered; when
// it does not, the closest service prefixes are tried instead, so
// "s4:GetObject" still finds "s3:GetObject". Candidates too far away to
// be a plausible typo are dropped, so the result may be empty.
func Suggest(action string, n int) []string {
	if n <= 0 {
		return nil
	}
	prefix, name, ok := arn.SplitAction(action)
	if !ok {
		// No service given: the name alone, looked up everywhere.
		prefix, name = "", action
	}
	name = strings.ToLower(name)

	var services []*Service
	svcDist := map[*Service]int{}
	switch s, found := LookupService(prefix); {
	case found:
		services = []*Service{s}
	case prefix == "":
		services = get().services
	default:
		services = closestServices(strings.ToLower(prefix))
		for _, s := range services {
			svcDist[s] = suggest.DistanceOSA(strings.ToLower(prefix), s.Prefix)
		}
	}

	type candidate struct {
		a    *Action
		dist int
	}
	var cands []candidate
	limit := maxTypos(len(name))
	var lower []byte
	for _, s := range services {
		for _, a := range s.Actions {
			// Cheap length check first: the distance is at least the
			// difference in length.
			if abs(len(a.Name)-len(name)) > limit {
				continue
			}
			lower = appendLower(lower[:0], a.Name)
			if d := suggest.DistanceOSA(name, string(lower)); d <= limit {
				cands = append(cands, candidate{a, d + svcDist[s]})
			}
		}
	}
	sort.SliceStable(cands, func(i, j int) bool {
		if cands[i].dist != cands[j].dist {
			return cands[i].dist < cands[j].dist
		}
		return cands[i].a.FullName() < cands[j].a.FullName()
	})
	out := make([]string, 0, min(n, len(cands)))
	for _, c := range cands[:min(n, len(cands))] {
		out = append(out, c.a.FullName())
	}
	return out
}

// closestServices returns the services whose prefixes are nearest to an
// unknown one, if any is close enough to be a typo.
func closestServices(prefix string) []*Service {
	best := maxTypos(len(prefix)) + 1
	var out []*Service
	for _, s := range get().services {
		d := suggest.DistanceOSA(prefix, s.Prefix)
		switch {
		case d < best:
			best, out = d, []*Service{s}
		case d == best:
			out = append(out, s)
		}
	}
	if best > maxTypos(len(prefix)) {
		return nil
	}
	return out
}

// maxTypos is how many edits a word of this length may plausibly
// contain: short names allow few, or everything would look alike.
func maxTypos(n int) int {
	return max(1, min(4, n/3))
}

func appendLower(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		dst = append(dst, lowerASCII(s[i]))
	}
	return dst
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
