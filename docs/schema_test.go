package docs_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"path"
	"reflect"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/iamlab/iamlab/content"
	"github.com/iamlab/iamlab/docs"
	"github.com/iamlab/iamlab/packs"
)

// compile loads every embedded schema into a real JSON Schema (2020-12)
// validator, which also proves each schema is itself valid.
func compile(t *testing.T) map[string]*jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	for _, name := range docs.Formats {
		data, err := docs.Schema(name)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s.schema.json: %v", name, err)
		}
		if err := c.AddResource(name+".schema.json", doc); err != nil {
			t.Fatalf("%s.schema.json: %v", name, err)
		}
	}
	out := map[string]*jsonschema.Schema{}
	for _, name := range docs.Formats {
		s, err := c.Compile(name + ".schema.json")
		if err != nil {
			t.Fatalf("%s.schema.json does not compile: %v", name, err)
		}
		out[name] = s
	}
	return out
}

// instance turns a YAML document into the JSON value the schema sees.
func instance(t *testing.T, name string, src []byte) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(src, &v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	j, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(j))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return inst
}

// formatOf says which schema a built-in YAML file follows, by its place in
// the pack or content layout.
func formatOf(p string) string {
	dir, base := path.Split(p)
	switch {
	case base == "pack.yaml":
		return "pack"
	case strings.HasSuffix(dir, "/scenarios/"):
		return "scenario"
	case strings.HasSuffix(dir, "/worlds/"):
		return "world"
	case strings.HasPrefix(p, "quiz/"):
		return "quiz"
	}
	return ""
}

// Every built-in pack manifest, scenario, shared world and quiz bank file
// validates against the schema editors are given, so an author copying a
// built-in file never starts from red squiggles, and a schema that forgets
// a field the loader reads fails here.
func TestBuiltinFilesValidate(t *testing.T) {
	schemas := compile(t)
	counts := map[string]int{}
	for _, tree := range []struct {
		name string
		fsys fs.FS
	}{{"packs", packs.FS}, {"content", content.FS}} {
		err := fs.WalkDir(tree.fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".yaml") {
				return err
			}
			if strings.HasPrefix(d.Name(), "_") || strings.HasPrefix(d.Name(), ".") {
				return nil // the loaders skip these too
			}
			full := tree.name + "/" + p
			format := formatOf(p)
			if format == "" {
				t.Errorf("%s: no schema covers this file; teach formatOf its place", full)
				return nil
			}
			src, err := fs.ReadFile(tree.fsys, p)
			if err != nil {
				return err
			}
			if err := schemas[format].Validate(instance(t, full, src)); err != nil {
				t.Errorf("%s does not validate against %s.schema.json:\n%v", full, format, err)
			}
			counts[format]++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range docs.Formats {
		if counts[f] == 0 {
			t.Errorf("no built-in %s file was validated", f)
		}
	}
	t.Logf("validated %v", counts)
}

// The validator must reject what the loaders reject, or the test above
// proves nothing.
func TestSchemasRejectBadFiles(t *testing.T) {
	schemas := compile(t)
	for _, c := range []struct{ format, doc, why string }{
		{"pack", "format: 1\nid: p\ntitle: P\nauthor: me\n", "unknown field"},
		{"pack", "format: 2\nid: p\ntitle: P\n", "wrong format"},
		{"pack", "format: 1\nid: Not_Kebab\ntitle: P\n", "id not kebab-case"},
		{"scenario", "id: s\nversion: 1\ntitle: S\nkind: explain\n", "unknown kind"},
		{"world", "accounts:\n  - id: \"111122223333\"\n    users:\n      - name: dana\n        polices: [X]\n", "misspelt field"},
		{"quiz", "- id: q\n  type: single\n  stem: S?\n  options:\n    - text: a\n    - text: b\n    - text: c\n  exam: [SAA-C03 1.1]\n  topics: [implicit-deny]\n  difficulty: 1\n  explanation: E\n", "options without why"},
		{"quiz", "- id: q\n  type: policy\n  exam: [SAA-C03 1.1]\n  topics: [implicit-deny]\n  difficulty: 1\n  explanation: E\n", "policy item without world and call"},
		{"quiz", "- id: q\n  type: single\n  stem: S?\n  exam: [AWS 1.1]\n  topics: [implicit-deny]\n  difficulty: 4\n  explanation: E\n", "bad exam and difficulty"},
	} {
		if err := schemas[c.format].Validate(instance(t, c.why, []byte(c.doc))); err == nil {
			t.Errorf("%s schema accepted a file with %s", c.format, c.why)
		}
	}
}

// world.schema.json and quiz.schema.json carry their own copies of the
// world definitions so each works alone in an editor; the copies must not
// drift from scenario.schema.json's.
func TestSharedDefinitionsAgree(t *testing.T) {
	defs := func(name string) map[string]any {
		data, err := docs.Schema(name)
		if err != nil {
			t.Fatal(err)
		}
		var s struct {
			Defs map[string]any `json:"$defs"`
		}
		if err := json.Unmarshal(data, &s); err != nil {
			t.Fatal(err)
		}
		return s.Defs
	}
	scenario := defs("scenario")
	for _, name := range []string{"world", "quiz"} {
		other := defs(name)
		for k, v := range scenario {
			if !reflect.DeepEqual(other[k], v) {
				t.Errorf("%s.schema.json's $defs/%s differs from scenario.schema.json's", name, k)
			}
		}
	}
}

func TestSchemaURL(t *testing.T) {
	for v, want := range map[string]string{
		"1.2.0":                  "https://raw.githubusercontent.com/iamlab/iamlab/v1.2.0/docs/quiz.schema.json",
		"devel":                  "https://raw.githubusercontent.com/iamlab/iamlab/main/docs/quiz.schema.json",
		"devel (0123456789ab)":   "https://raw.githubusercontent.com/iamlab/iamlab/main/docs/quiz.schema.json",
		"1.3.0-rc.1":             "https://raw.githubusercontent.com/iamlab/iamlab/main/docs/quiz.schema.json",
		"0.0.0-20261203-abcdef0": "https://raw.githubusercontent.com/iamlab/iamlab/main/docs/quiz.schema.json",
		"":                       "https://raw.githubusercontent.com/iamlab/iamlab/main/docs/quiz.schema.json",
	} {
		if got := docs.SchemaURL("quiz", v); got != want {
			t.Errorf("SchemaURL(quiz, %q) = %s, want %s", v, got, want)
		}
	}
	if _, err := docs.Schema("policy"); err == nil || !strings.Contains(err.Error(), "scenario, pack, world, quiz") {
		t.Errorf("unknown schema: %v", err)
	}
}
