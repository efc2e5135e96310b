package sandbox

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/json"
	"io"
	"sort"
	"sync"
)

//go:embed managed.json.gz
var managedBlob []byte

// ManagedPolicy is an AWS managed policy the sandbox offers.
type ManagedPolicy struct {
	Name    string
	ARN     string
	Version string // AWS's version id, "v3"
}

type managedEntry struct {
	ManagedPolicy
	source string
	once   sync.Once
	doc    *Document
}

var managedTable struct {
	once    sync.Once
	byName  map[string]*managedEntry
	names   []string
	source  string // package@version, for messages
	loadErr error
}

// loadManaged decodes the embedded file once; documents are parsed lazily,
// one by one, because ReadOnlyAccess alone is 90 KB of JSON.
func loadManaged() {
	t := &managedTable
	t.byName = map[string]*managedEntry{}
	zr, err := gzip.NewReader(bytes.NewReader(managedBlob))
	if err != nil {
		t.loadErr = err
		return
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.loadErr = err
		return
	}
	var f struct {
		Package  string `json:"package"`
		Version  string `json:"version"`
		Policies []struct {
			Name     string `json:"name"`
			ARN      string `json:"arn"`
			Version  string `json:"version"`
			Document string `json:"document"`
		} `json:"policies"`
	}
	if err := json.Unmarshal(raw, &f); err != nil {
		t.loadErr = err
		return
	}
	t.source = f.Package + "@" + f.Version
	for _, p := range f.Policies {
		t.byName[p.Name] = &managedEntry{ManagedPolicy: ManagedPolicy{Name: p.Name, ARN: p.ARN, Version: p.Version}, source: p.Document}
		t.names = append(t.names, p.Name)
	}
	sort.Strings(t.names)
}

// ManagedPolicies lists the AWS managed policies a world may attach.
func ManagedPolicies() []ManagedPolicy {
	managedTable.once.Do(loadManaged)
	out := make([]ManagedPolicy, 0, len(managedTable.names))
	for _, n := range managedTable.names {
		out = append(out, managedTable.byName[n].ManagedPolicy)
	}
	return out
}

// managedDoc returns the shared, read-only document of an AWS managed
// policy, parsed on first use.
func managedDoc(name string) (*Document, bool) {
	managedTable.once.Do(loadManaged)
	e, ok := managedTable.byName[name]
	if !ok {
		return nil, false
	}
	e.once.Do(func() {
		d := &Document{
			ID:         AWSPolicyID(name),
			Title:      name + " (AWS managed policy " + e.Version + ")",
			Source:     e.source,
			AWSManaged: true,
		}
		d.Type, _, _ = kindOf(d.ID)
		d.compile()
		e.doc = d
	})
	return e.doc, true
}

func managedNames() []string {
	managedTable.once.Do(loadManaged)
	return managedTable.names
}
