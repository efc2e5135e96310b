// Package arn holds the few facts about Amazon Resource Names, account ids
// and action names that the engine, the catalogue, lint, the sandbox and
// the world format all need, so each is written once.
package arn

import "strings"

// Split cuts an ARN into its six parts — "arn", partition, service,
// Region, account, resource — splitting at the first five colons only, so
// the resource part keeps any colons of its own. ok is false for anything
// that is not an ARN.
func Split(s string) (parts [6]string, ok bool) {
	rest := s
	for i := 0; i < 5; i++ {
		j := strings.IndexByte(rest, ':')
		if j < 0 {
			return parts, false
		}
		parts[i] = rest[:j]
		rest = rest[j+1:]
	}
	parts[5] = rest
	return parts, parts[0] == "arn"
}

// IsAccountID reports whether s is an AWS account id: exactly twelve
// decimal digits.
func IsAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < 12; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// SplitAction cuts an action as a policy writes it, "service:Action", at
// its first colon. ok is false when there is no colon. Case is kept.
func SplitAction(action string) (service, name string, ok bool) {
	return strings.Cut(action, ":")
}

// ServiceOf returns the service prefix of an action, lower-cased (IAM
// compares prefixes regardless of case), or "" when there is none.
func ServiceOf(action string) string {
	if i := strings.IndexByte(action, ':'); i > 0 {
		return strings.ToLower(action[:i])
	}
	return ""
}
