package catalog

// GlobalConditionKeys returns the AWS global condition keys the data
// lists, in their documented spelling (tag families keep their
// placeholder, as in "aws:PrincipalTag/${TagKey}"). The linter offers
// them as the "did you mean" for a mistyped aws: key.
func GlobalConditionKeys() []string {
	gs := get().globals
	out := make([]string, len(gs))
	for i, g := range gs {
		out[i] = g.key
	}
	return out
}

// ActionCount returns how many actions the catalogue knows, without
// building the list Expand("*") would.
func ActionCount() int { return get().actions }
