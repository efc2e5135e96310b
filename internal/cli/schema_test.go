package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/iamlab/iamlab/docs"
)

func TestSchemaPrintsTheEmbeddedSchema(t *testing.T) {
	for _, f := range docs.Formats {
		code, out, errs := runCLI(t, "", "schema", f)
		want, _ := docs.Schema(f)
		if code != 0 || out != string(want) {
			t.Errorf("schema %s: exit %d, %d bytes (want %d), %s", f, code, len(out), len(want), errs)
		}
		if !json.Valid([]byte(out)) {
			t.Errorf("schema %s: not JSON", f)
		}
	}
	code, _, errs := runCLI(t, "", "schema", "policy")
	if code != 2 || !strings.Contains(errs, "expected one of scenario, pack, world, quiz") {
		t.Errorf("unknown format: exit %d, %q", code, errs)
	}
	code, out, _ := runCLI(t, "", "schema", "--url", "pack")
	if code != 0 || !strings.HasPrefix(out, "https://raw.githubusercontent.com/iamlab/iamlab/") || !strings.HasSuffix(out, "/docs/pack.schema.json\n") {
		t.Errorf("--url: exit %d, %q", code, out)
	}
}

// What iamlab new writes names its schema in a yaml-language-server
// modeline, and the structure it writes is valid against that schema (the
// TODO values are left for iamlab check to report).
func TestNewWritesSchemaModelines(t *testing.T) {
	pack := filepath.Join(t.TempDir(), "my-pack")
	if _, errs, code := runCmd(t, "new", "scenario", "modeline-check", "--kind", "predict", "--pack", pack); code != 0 {
		t.Fatal(errs)
	}
	for file, format := range map[string]string{"pack.yaml": "pack", "scenarios/modeline-check.yaml": "scenario"} {
		src, err := os.ReadFile(filepath.Join(pack, filepath.FromSlash(file)))
		if err != nil {
			t.Fatal(err)
		}
		first, _, _ := strings.Cut(string(src), "\n")
		want := "# yaml-language-server: $schema=" + docs.SchemaURL(format, versionString())
		if first != want {
			t.Errorf("%s starts %q, want %q", file, first, want)
		}
		var v any
		if err := yaml.Unmarshal(src, &v); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		j, _ := json.Marshal(v)
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(j))
		if err != nil {
			t.Fatal(err)
		}
		data, _ := docs.Schema(format)
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		c := jsonschema.NewCompiler()
		if err := c.AddResource("s.json", doc); err != nil {
			t.Fatal(err)
		}
		s, err := c.Compile("s.json")
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(inst); err != nil {
			t.Errorf("%s does not validate against %s.schema.json:\n%v", file, format, err)
		}
	}
	md, _ := os.ReadFile(filepath.Join(pack, "briefings", "modeline-check.md"))
	if strings.Contains(string(md), "yaml-language-server") {
		t.Error("a Markdown file got a YAML modeline")
	}
}
