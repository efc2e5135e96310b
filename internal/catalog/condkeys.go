package catalog

import (
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/iamlab/iamlab/internal/wildcard"
)

// ConditionKeysFor returns the service-specific condition keys that
// apply to an action: its own keys plus those of every resource type it
// takes (both as listed for the action and as listed for the type),
// sorted and without duplicates. Keys keep the data's spelling, with
// placeholders such as "aws:ResourceTag/${TagKey}".
//
// AWS global condition keys (see IsGlobalConditionKey) apply to every
// action, so they are not listed unless the data lists them explicitly.
func ConditionKeysFor(action *Action) []string {
	keys := slices.Clone(action.ConditionKeys)
	svc, _ := LookupService(action.Service)
	for _, ref := range action.ResourceTypes {
		keys = append(keys, ref.ConditionKeys...)
		if svc != nil {
			if rt, ok := svc.ResourceType(ref.Name); ok {
				keys = append(keys, rt.ConditionKeys...)
			}
		}
	}
	sort.Strings(keys)
	return slices.Compact(keys)
}

// IsGlobalConditionKey reports whether key is one of the AWS global
// condition context keys, which can be used with any action, ignoring
// case. Tag keys match their family: "aws:PrincipalTag/team" is global.
//
// The list comes from the data package. Besides the aws: keys it names
// a few service-prefixed keys that AWS attaches to every request made
// with certain role sessions, such as ec2:SourceInstanceArn.
func IsGlobalConditionKey(key string) bool {
	_, ok := keyIndex().lookupGlobal(key)
	return ok
}

// IsMultivaluedKey reports whether the data types the key as a set of
// values (ArrayOfString, ArrayOfARN, …), such as aws:TagKeys,
// aws:CalledVia or aws:PrincipalOrgPaths. Conditions on such keys need
// the ForAnyValue: or ForAllValues: qualifiers. Unknown keys report
// false.
func IsMultivaluedKey(key string) bool {
	t, ok := ConditionKeyType(key)
	return ok && strings.HasPrefix(t, "ArrayOf")
}

// ConditionKeyType returns the data's type for a condition key, ignoring
// case: "String", "ARN", "Bool", "Numeric", "Date", "IPAddress", or an
// "ArrayOf" form of one of them. Keys with a variable part, like
// "s3:ExistingObjectTag/env", match their template.
func ConditionKeyType(key string) (string, bool) {
	idx := keyIndex()
	prefix, _, _ := strings.Cut(key, ":")
	prefix = strings.ToLower(prefix)
	if prefix == "aws" {
		if t, ok := idx.global.lookup(key); ok {
			return t, true
		}
	}
	// A service's own definition wins over the global list: the data
	// types identitystore:UserId one way as a session key and another as
	// an Identity Store key.
	if t, ok := idx.byPrefix[prefix].lookup(key); ok {
		return t, true
	}
	return idx.global.lookup(key)
}

// keyTable finds condition keys, exactly or by template.
type keyTable struct {
	exact     map[string]string // lower-cased key -> type
	templates []keyTemplate
}

// keyTemplate is a key with a variable part, as a wildcard pattern:
// "${TagKey}" and "<key>" become "?*" (at least one character).
type keyTemplate struct {
	pattern wildcard.Pattern
	typ     string
}

func (t *keyTable) add(key, typ string) {
	lk := strings.ToLower(key)
	if _, ok := t.exact[lk]; ok {
		return
	}
	t.exact[lk] = typ
	if g, ok := keyGlob(key); ok {
		t.templates = append(t.templates, keyTemplate{wildcard.Compile(g), typ})
	}
}

func (t *keyTable) lookup(key string) (string, bool) {
	if t == nil {
		return "", false
	}
	if typ, ok := t.exact[strings.ToLower(key)]; ok {
		return typ, true
	}
	for _, kt := range t.templates {
		if kt.pattern.MatchFold(key) {
			return kt.typ, true
		}
	}
	return "", false
}

// keyGlob turns a key template into a glob, reporting whether it had
// any variable part. Keys contain no '*' or '?' of their own.
func keyGlob(key string) (string, bool) {
	var b strings.Builder
	variable := false
	for i := 0; i < len(key); {
		var end int
		switch {
		case strings.HasPrefix(key[i:], "${"):
			end = strings.IndexByte(key[i:], '}')
		case key[i] == '<':
			end = strings.IndexByte(key[i:], '>')
		default:
			end = -1
		}
		if end > 0 {
			b.WriteString("?*")
			variable = true
			i += end + 1
			continue
		}
		b.WriteByte(key[i])
		i++
	}
	return b.String(), variable
}

type keyIndexes struct {
	global keyTable
	// byPrefix holds every key services document, by the key's own
	// prefix: aws: keys that services repeat, and keys such as saml:cn
	// that belong to no service of that name (STS documents them).
	byPrefix map[string]*keyTable
}

func (x *keyIndexes) lookupGlobal(key string) (string, bool) {
	return x.global.lookup(key)
}

var (
	keyOnce sync.Once
	keys    *keyIndexes
)

// keyIndex builds the condition key tables on first use; only the
// linter and the evaluator ask about keys.
func keyIndex() *keyIndexes {
	keyOnce.Do(func() {
		d := get()
		x := &keyIndexes{
			global:   keyTable{exact: make(map[string]string)},
			byPrefix: make(map[string]*keyTable),
		}
		for _, g := range d.globals {
			x.global.add(g.key, g.typ)
		}
		// Two passes so that a service's own keys are entered before
		// other services' copies of them.
		for _, own := range []bool{true, false} {
			for _, s := range d.services {
				for i, k := range s.ConditionKeys {
					prefix, _, _ := strings.Cut(strings.ToLower(k), ":")
					if (prefix == s.Prefix) != own {
						continue
					}
					t := x.byPrefix[prefix]
					if t == nil {
						t = &keyTable{exact: make(map[string]string)}
						x.byPrefix[prefix] = t
					}
					t.add(k, s.keyTypes[i])
				}
			}
		}
		keys = x
	})
	return keys
}
