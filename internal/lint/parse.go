package lint

import (
	"strings"

	"github.com/iamlab/iamlab/internal/eval"
)

// grammarCodes maps the engine's grammar messages to finding codes. The
// engine reports problems as prose; the table is pinned by a test so a
// reworded message shows up as a failing test, not as a silently
// different code. Prefixes and suffixes, not substrings: a statement's
// label (its Sid) appears inside some messages.
var grammarCodes = []struct {
	code             string
	prefix, suffixes []string
}{
	{CodeUnknownElement, []string{"unknown policy element", "unknown statement element", "unknown principal type"}, nil},
	{CodeInvalidEffect, []string{"Effect "}, []string{"has no Effect"}},
	{CodeInvalidVersion, []string{"Version ", "unsupported Version"}, nil},
	{CodePrincipalNotAllowed, []string{"Principal is not allowed", "NotPrincipal is not allowed"}, nil},
	{CodePrincipalMissing, nil, []string{"has no Principal"}},
	{CodeInvalidOperator, []string{"unknown condition operator", "unknown set prefix", "Null cannot take"}, nil},
}

func classify(pe *eval.ParseError) string {
	for _, g := range grammarCodes {
		for _, p := range g.prefix {
			if strings.HasPrefix(pe.Msg, p) {
				return g.code
			}
		}
		for _, s := range g.suffixes {
			if strings.HasSuffix(pe.Msg, s) {
				return g.code
			}
		}
	}
	return CodeInvalidGrammar
}
