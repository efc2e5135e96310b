package gen

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// The in-memory model mirrors what the catalogue package exposes, minus
// everything it leaves out on purpose (descriptions, dependent actions),
// which is most of the upstream package's size.

type catalogue struct {
	version  string
	globals  []condKey
	services []*service
}

type condKey struct{ key, typ string }

type service struct {
	prefix, name string
	rcp          bool
	condKeys     []condKey
	resTypes     []*resType
	actions      []*action
}

type resType struct {
	name     string
	arns     []string
	condKeys []string
}

type action struct {
	name     string
	level    byte
	condKeys []string
	refs     []ref
}

type ref struct {
	resType  int // index into the service's resTypes
	required bool
	condKeys []string
}

// accessLevels maps the upstream wording to the codes the catalogue
// package decodes. Upstream combines levels ("Tagging, Write"); the
// AWS Service Authorization Reference shows only the more specific one,
// so the first listed level wins.
var accessLevels = map[string]byte{
	"List":                   0,
	"Read":                   1,
	"Write":                  2,
	"Permissions management": 3,
	"Tagging":                4,
}

func accessLevel(s string) (byte, error) {
	first, _, _ := strings.Cut(s, ",")
	code, ok := accessLevels[strings.TrimSpace(first)]
	if !ok {
		return 0, fmt.Errorf("unknown access level %q", s)
	}
	return code, nil
}

// Upstream JSON shapes (only the fields we keep).
type (
	jsonAction struct {
		Name          string            `json:"name"`
		AccessLevel   string            `json:"accessLevel"`
		ResourceTypes []jsonActionResTy `json:"resourceTypes"`
		ConditionKeys []string          `json:"conditionKeys"`
	}
	jsonActionResTy struct {
		Name          string   `json:"name"`
		Required      bool     `json:"required"`
		ConditionKeys []string `json:"conditionKeys"`
	}
	jsonResType struct {
		Key           string   `json:"key"`
		ARN           string   `json:"arn"`
		ConditionKeys []string `json:"conditionKeys"`
	}
	jsonCondKey struct {
		Key  string `json:"key"`
		Type string `json:"type"`
	}
)

func decodeJSON(files map[string][]byte, name string, v any) error {
	b, ok := files[name]
	if !ok {
		return fmt.Errorf("package has no %s", name)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// buildCatalogue turns the unpacked package into the sorted model.
func buildCatalogue(files map[string][]byte) (*catalogue, error) {
	var meta struct {
		Version string `json:"version"`
	}
	if err := decodeJSON(files, "package.json", &meta); err != nil {
		return nil, err
	}
	if meta.Version != packageVersion {
		return nil, fmt.Errorf("package.json says version %s, want %s", meta.Version, packageVersion)
	}
	var prefixes []string
	var names map[string]string
	var rcp []string
	if err := decodeJSON(files, "data/services.json", &prefixes); err != nil {
		return nil, err
	}
	if err := decodeJSON(files, "data/serviceNames.json", &names); err != nil {
		return nil, err
	}
	if err := decodeJSON(files, "data/rcpSupportedServices.json", &rcp); err != nil {
		return nil, err
	}
	rcpSet := make(map[string]bool)
	for _, p := range rcp {
		rcpSet[strings.ToLower(p)] = true
	}

	c := &catalogue{version: packageVersion}
	for _, p := range prefixes {
		s, err := buildService(files, strings.ToLower(p), names[p])
		if err != nil {
			return nil, fmt.Errorf("service %s: %w", p, err)
		}
		s.rcp = rcpSet[s.prefix]
		delete(rcpSet, s.prefix)
		c.services = append(c.services, s)
	}
	if len(rcpSet) > 0 {
		return nil, fmt.Errorf("RCP list names unknown services: %v", sortedKeys(rcpSet))
	}
	sort.Slice(c.services, func(i, j int) bool { return c.services[i].prefix < c.services[j].prefix })

	globals, err := globalKeys(files)
	if err != nil {
		return nil, err
	}
	c.globals = globals
	return c, nil
}

func buildService(files map[string][]byte, prefix, name string) (*service, error) {
	if name == "" {
		return nil, fmt.Errorf("no service name")
	}
	var (
		acts  map[string]jsonAction
		rts   map[string]jsonResType
		ckeys map[string]jsonCondKey
	)
	if err := decodeJSON(files, "data/actions/"+prefix+".json", &acts); err != nil {
		return nil, err
	}
	if err := decodeJSON(files, "data/resourceTypes/"+prefix+".json", &rts); err != nil {
		return nil, err
	}
	if err := decodeJSON(files, "data/conditionKeys/"+prefix+".json", &ckeys); err != nil {
		return nil, err
	}
	s := &service{prefix: prefix, name: name}

	for _, k := range ckeys {
		s.condKeys = append(s.condKeys, condKey{k.Key, k.Type})
	}
	sort.Slice(s.condKeys, func(i, j int) bool { return lessFold(s.condKeys[i].key, s.condKeys[j].key) })

	for _, rt := range rts {
		s.resTypes = append(s.resTypes, &resType{name: rt.Key, arns: []string{rt.ARN}, condKeys: sortedCopy(rt.ConditionKeys)})
	}
	sort.Slice(s.resTypes, func(i, j int) bool { return lessFold(s.resTypes[i].name, s.resTypes[j].name) })
	rtIndex := make(map[string]int)
	for i, rt := range s.resTypes {
		rtIndex[strings.ToLower(rt.name)] = i
	}

	for _, a := range acts {
		level, err := accessLevel(a.AccessLevel)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", a.Name, err)
		}
		if !isASCII(a.Name) {
			// The catalogue folds case bytewise when searching.
			return nil, fmt.Errorf("action name %q is not ASCII", a.Name)
		}
		act := &action{name: a.Name, level: level, condKeys: sortedCopy(a.ConditionKeys)}
		for _, r := range a.ResourceTypes {
			i, ok := rtIndex[strings.ToLower(r.Name)]
			if !ok {
				return nil, fmt.Errorf("%s: unknown resource type %q", a.Name, r.Name)
			}
			act.refs = append(act.refs, ref{resType: i, required: r.Required, condKeys: sortedCopy(r.ConditionKeys)})
		}
		sort.Slice(act.refs, func(i, j int) bool { return act.refs[i].resType < act.refs[j].resType })
		s.actions = append(s.actions, act)
	}
	sort.Slice(s.actions, func(i, j int) bool { return lessFold(s.actions[i].name, s.actions[j].name) })
	for i := 1; i < len(s.actions); i++ {
		if strings.EqualFold(s.actions[i-1].name, s.actions[i].name) {
			return nil, fmt.Errorf("actions %s and %s differ only in case", s.actions[i-1].name, s.actions[i].name)
		}
	}
	return s, nil
}

// globalEntry matches one element of the globalConditionKeys array in
// the package's compiled JavaScript. Upstream keeps that list in code,
// not in its data directory; the pinned version makes scraping it
// reproducible, and the checks below make a format change fail loudly.
var globalEntry = regexp.MustCompile(`key:\s*'([^']+)',\s*category:\s*'[^']*',\s*type:\s*'([^']+)'`)

func globalKeys(files map[string][]byte) ([]condKey, error) {
	src, ok := files["dist/cjs/globalConditionKeys.js"]
	if !ok {
		return nil, fmt.Errorf("package has no dist/cjs/globalConditionKeys.js")
	}
	var keys []condKey
	seen := make(map[string]bool)
	for _, m := range globalEntry.FindAllStringSubmatch(string(src), -1) {
		// Upstream spells tag keys "aws:PrincipalTag/tag-key" here but
		// "${TagKey}" everywhere else; use one spelling throughout.
		k := strings.Replace(m[1], "/tag-key", "/${TagKey}", 1)
		if seen[strings.ToLower(k)] {
			continue
		}
		seen[strings.ToLower(k)] = true
		keys = append(keys, condKey{k, m[2]})
	}
	if len(keys) < 40 || !seen["aws:sourceip"] || !seen["aws:principalorgid"] {
		return nil, fmt.Errorf("found only %d global condition keys; has the package layout changed?", len(keys))
	}
	sort.Slice(keys, func(i, j int) bool { return lessFold(keys[i].key, keys[j].key) })
	return keys, nil
}

// lessFold orders strings case-insensitively (ties broken bytewise) —
// the order the catalogue package binary-searches in.
func lessFold(a, b string) bool {
	la, lb := strings.ToLower(a), strings.ToLower(b)
	if la != lb {
		return la < lb
	}
	return a < b
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}

func sortedKeys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
