package scenarios

import (
	"encoding/json"
	"os"
	"reflect"
	"slices"
	"testing"
)

// The published JSON Schemas must list exactly the fields the loader
// decodes, or editors would complete fields the loader then rejects.
func TestSchemasMatchTheFormat(t *testing.T) {
	scenario := readSchema(t, "../../docs/scenario.schema.json")
	pack := readSchema(t, "../../docs/pack.schema.json")
	world := readSchema(t, "../../docs/world.schema.json")
	defs := scenario.Defs
	cases := []struct {
		name  string
		props map[string]json.RawMessage
		v     any
	}{
		{"pack", pack.Properties, packFile{}},
		{"scenario", scenario.Properties, scenarioFile{}},
		{"world", defs["world"].Properties, worldFile{}},
		{"world file", world.Defs["world"].Properties, worldFile{}},
		{"account", defs["account"].Properties, accountFile{}},
		{"organization", defs["organization"].Properties, orgFile{}},
		{"ou", defs["ou"].Properties, ouFile{}},
		{"namedDoc", defs["namedDoc"].Properties, namedDoc{}},
		{"source", defs["source"].Properties, source{}},
		{"call", defs["call"].Properties, callFile{}},
		{"check", defs["check"].Properties, checkFile{}},
	}
	for _, c := range cases {
		var got []string
		for k := range c.props {
			got = append(got, k)
		}
		slices.Sort(got)
		want := fieldNames(c.v)
		if !slices.Equal(got, want) {
			t.Errorf("%s: schema has %v\nloader has %v", c.name, got, want)
		}
	}
}

type schema struct {
	Properties map[string]json.RawMessage `json:"properties"`
	Defs       map[string]schema          `json:"$defs"`
}

func readSchema(t *testing.T, path string) schema {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var s schema
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return s
}

// fieldNames lists the keys the loader accepts for v, with the loader's own
// field lister, so the test compares the schema with what is really read.
func fieldNames(v any) []string {
	var out []string
	for name := range yamlFields(reflect.TypeOf(v)) {
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}
