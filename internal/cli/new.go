package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"

	"github.com/iamlab/iamlab/internal/scenarios"
)

func init() { register(newNewCmd) }

// NewScenarioOptions are the arguments and flags of iamlab new scenario.
type NewScenarioOptions struct {
	ID   string
	Kind string
	Pack string
}

func newNewCmd(stdio IO) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "new",
		Short: "Start new content from a template",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	opts := &NewScenarioOptions{}
	sc := &cobra.Command{
		Use:   "scenario ID",
		Short: "Scaffold a scenario in a pack folder",
		Long: "scenario writes scenarios/ID.yaml, briefings/ID.md and debriefs/ID.md in the pack folder\n" +
			"(and pack.yaml when the folder has none). The files load, but `iamlab check` reports them\n" +
			"until every TODO is replaced and the answer key holds. Existing files are never overwritten.\n" +
			"The format is described in docs/authoring.md.",
		Example: "  iamlab new scenario ec2-reads-one-bucket --pack ./my-pack\n  iamlab new scenario which-layer --kind predict --pack ./my-pack",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ID = args[0]
			return runNewScenario(opts, stdio)
		},
	}
	sc.Flags().StringVar(&opts.Kind, "kind", "build", "build, predict or choose")
	sc.Flags().StringVar(&opts.Pack, "pack", ".", "the pack folder (created if missing)")
	cmd.AddCommand(sc)
	return cmd
}

func runNewScenario(opts *NewScenarioOptions, stdio IO) error {
	files, err := scenarios.Scaffold(opts.ID, scenarios.Kind(opts.Kind))
	if err != nil {
		return exitf(2, "%v", err)
	}
	if _, err := os.Stat(filepath.Join(opts.Pack, "pack.yaml")); errors.Is(err, fs.ErrNotExist) {
		abs, _ := filepath.Abs(opts.Pack)
		files["pack.yaml"] = scenarios.ScaffoldPack(scenarios.PackIDFrom(filepath.Base(abs)))
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
		// Editors with yaml-language-server then complete and check the
		// file against the schema of this iamlab's version.
		files[name] = schemaModeline(name) + files[name]
	}
	slices.Sort(names)
	// Refuse before writing anything, so a clash leaves the pack untouched.
	for _, name := range names {
		if _, err := os.Lstat(filepath.Join(opts.Pack, filepath.FromSlash(name))); err == nil {
			return exitf(1, "%s already exists; choose another id or remove the file", filepath.Join(opts.Pack, filepath.FromSlash(name)))
		}
	}
	for _, name := range names {
		p := filepath.Join(opts.Pack, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return exitf(2, "cannot create %s: %v", filepath.Dir(p), err)
		}
		if err := os.WriteFile(p, []byte(files[name]), 0o644); err != nil {
			return exitf(2, "cannot write %s: %v", p, err)
		}
		fmt.Fprintf(stdio.Out, "created %s\n", p)
	}
	fmt.Fprintf(stdio.Out, "Fill in the TODOs, then run: iamlab check %s\n", opts.Pack)
	return nil
}
