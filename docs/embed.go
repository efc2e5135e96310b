// Package docs carries the JSON Schemas of the authoring formats into the
// binary, so `iamlab schema NAME` can hand an editor the schema that
// matches the installed iamlab, with no clone and no network.
package docs

import (
	"embed"
	"fmt"
	"strings"
)

//go:embed *.schema.json
var schemas embed.FS

// Formats are the schema names, in the order help text lists them.
var Formats = []string{"scenario", "pack", "world", "quiz"}

// Schema returns the JSON Schema of one format.
func Schema(name string) ([]byte, error) {
	data, err := schemas.ReadFile(name + ".schema.json")
	if err != nil {
		return nil, fmt.Errorf("no schema %q; expected one of %s", name, strings.Join(Formats, ", "))
	}
	return data, nil
}

// SchemaURL is where editors can fetch a format's schema: the copy in the
// repository at the given release tag ("" or a development version means
// the main branch).
func SchemaURL(name, version string) string {
	ref := "main"
	if version != "" && version[0] >= '0' && version[0] <= '9' && !strings.Contains(version, "-") {
		ref = "v" + version
	}
	return "https://raw.githubusercontent.com/iamlab/iamlab/" + ref + "/docs/" + name + ".schema.json"
}
