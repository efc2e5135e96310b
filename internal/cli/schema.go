package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iamlab/iamlab/docs"
)

func init() { register(newSchemaCmd) }

// SchemaOptions are the argument and flags of iamlab schema.
type SchemaOptions struct {
	Format string
	URL    bool
}

func newSchemaCmd(stdio IO) *cobra.Command {
	opts := &SchemaOptions{}
	list := strings.Join(docs.Formats, "|")
	cmd := &cobra.Command{
		Use:   "schema " + list,
		Short: "Print the JSON Schema of an authoring format, for editors",
		Long: "schema prints the JSON Schema (draft 2020-12) of a file format authors write: a\n" +
			"scenario (scenarios/ID.yaml), a pack manifest (pack.yaml), a shared world\n" +
			"(worlds/NAME.yaml) or a quiz bank file (content/quiz/*.yaml). The schema is the one\n" +
			"this iamlab was built with, so it matches what `iamlab check` accepts.\n" +
			"Editors using yaml-language-server (VS Code's YAML extension, Neovim, Helix…) read\n" +
			"a first-line comment `# yaml-language-server: $schema=PATH-OR-URL`; files written by\n" +
			"`iamlab new` carry one already. --url prints the published address instead.",
		Example: "  iamlab schema scenario > .schemas/scenario.schema.json\n" +
			"  # then, at the top of a scenario file:\n" +
			"  # yaml-language-server: $schema=../.schemas/scenario.schema.json\n" +
			"  iamlab schema --url quiz",
		Args:      cobra.ExactArgs(1),
		ValidArgs: docs.Formats,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Format = args[0]
			return runSchema(opts, stdio)
		},
	}
	cmd.Flags().BoolVar(&opts.URL, "url", false, "print the schema's published URL for this version instead of the schema")
	return cmd
}

func runSchema(opts *SchemaOptions, stdio IO) error {
	data, err := docs.Schema(opts.Format)
	if err != nil {
		return exitf(2, "%v", err)
	}
	if opts.URL {
		fmt.Fprintln(stdio.Out, docs.SchemaURL(opts.Format, versionString()))
		return nil
	}
	_, err = stdio.Out.Write(data)
	return err
}

// schemaModeline is the first line of a YAML file iamlab writes, telling
// yaml-language-server which schema the file follows; "" when no schema
// covers the file (Markdown, or a YAML file of no known kind).
func schemaModeline(name string) string {
	if !strings.HasSuffix(name, ".yaml") {
		return ""
	}
	var format string
	switch {
	case name == "pack.yaml":
		format = "pack"
	case strings.HasPrefix(name, "scenarios/"):
		format = "scenario"
	case strings.HasPrefix(name, "worlds/"):
		format = "world"
	default:
		return ""
	}
	return "# yaml-language-server: $schema=" + docs.SchemaURL(format, versionString()) + "\n"
}
