package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/scenarios"
	"github.com/iamlab/iamlab/internal/worldfile"
)

func init() { register(newNewCmd) }

// NewScenarioOptions are the arguments and flags of iamlab new scenario.
type NewScenarioOptions struct {
	ID    string
	Kind  string
	Pack  string
	World string // a world file (iamlab import aws) the scenario starts from
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
			"The format is described in docs/authoring.md.\n\n" +
			"--world FILE starts from a world file (as iamlab import aws writes it) instead of the example\n" +
			"world: the file is checked, copied to worlds/NAME.yaml in the pack, and the scenario's checks\n" +
			"and editable policy start from its own principals, resources and policies.",
		Example: "  iamlab new scenario ec2-reads-one-bucket --pack ./my-pack\n  iamlab new scenario which-layer --kind predict --pack ./my-pack\n" +
			"  iamlab import aws auth.json -o incident.yaml && iamlab new scenario the-incident --world incident.yaml --pack ./my-pack",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ID = args[0]
			return runNewScenario(opts, stdio)
		},
	}
	sc.Flags().StringVar(&opts.Kind, "kind", "build", "build, predict or choose")
	sc.Flags().StringVar(&opts.Pack, "pack", ".", "the pack folder (created if missing)")
	sc.Flags().StringVar(&opts.World, "world", "", "start from the world file `FILE` (from iamlab import aws) instead of the example world")
	cmd.AddCommand(sc)
	return cmd
}

func runNewScenario(opts *NewScenarioOptions, stdio IO) error {
	var on *scenarios.ScaffoldWorld
	var worldFile, worldSrc string
	if opts.World != "" {
		var err error
		if on, worldFile, worldSrc, err = scaffoldWorld(opts); err != nil {
			return err
		}
	}
	files, err := scenarios.ScaffoldOn(opts.ID, scenarios.Kind(opts.Kind), on)
	if err != nil {
		return exitf(2, "%v", err)
	}
	if on != nil {
		// The same world already in the pack is shared, not copied again.
		if b, err := os.ReadFile(filepath.Join(opts.Pack, filepath.FromSlash(worldFile))); err != nil || withoutModeline(string(b)) != withoutModeline(worldSrc) {
			files[worldFile] = worldSrc
		}
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

// scaffoldWorld checks the world file and picks what the scaffold's checks
// start from: a principal of the world's account, a resource, and a policy
// to edit. The first check's expect is what the engine decides today, so
// the scaffold starts from a fact about the world, not a guess.
func scaffoldWorld(opts *NewScenarioOptions) (*scenarios.ScaffoldWorld, string, string, error) {
	w, account, problems := worldfile.LoadFile(opts.World)
	if len(problems) > 0 {
		msgs := make([]string, len(problems))
		for i, p := range problems {
			msgs[i] = p.Error()
		}
		return nil, "", "", exitf(1, "%s\nthe world file has %d problem(s); nothing was written", strings.Join(msgs, "\n"), len(problems))
	}
	src, err := os.ReadFile(opts.World)
	if err != nil {
		return nil, "", "", exitf(1, "%v", err)
	}
	// Only the world file is copied into the pack: a policy read from
	// another file would be left behind.
	for _, d := range w.Documents() {
		if !d.AWSManaged && d.File != "" && d.File != opts.World {
			return nil, "", "", exitf(1, "%s: policy %s is read from file: %s; put its JSON inline under document: | so the world can be copied into the pack whole", opts.World, d.ID, d.File)
		}
	}
	name := scenarios.PackIDFrom(strings.TrimSuffix(filepath.Base(opts.World), filepath.Ext(opts.World)))
	on := &scenarios.ScaffoldWorld{Name: name, Action: "s3:ListAllMyBuckets", Resource: "*"}
	a, _ := w.Account(account)
	if a == nil {
		return nil, "", "", exitf(1, "%s: the world's account %q is missing", opts.World, account)
	}
	switch {
	case len(a.Users) > 0:
		on.Caller = "user " + a.Users[0].Name
	case len(a.Roles) > 0:
		on.Caller = "role " + a.Roles[0].Name
	default:
		return nil, "", "", exitf(1, "%s: account %s has no users or roles for a scenario's requests to come from", opts.World, account)
	}
	if len(a.Buckets) > 0 {
		on.Action, on.Resource = "s3:GetObject", "arn:aws:s3:::"+a.Buckets[0].Name+"/TODO-object"
	}
	for _, d := range w.Documents() {
		if (strings.HasPrefix(d.ID, "policy:"+a.ID+"/") || strings.HasPrefix(d.ID, "inline:"+a.ID+"/")) && d.Policy != nil {
			on.Editable, on.Document = d.ID, d.Source
			break
		}
	}
	out, err := w.Evaluate(worldfile.Call{As: on.Caller, Action: on.Action, Resource: on.Resource}.Sandbox(account), eval.Options{})
	if err != nil {
		return nil, "", "", exitf(1, "%s: asking the world whether %s may %s: %v", opts.World, on.Caller, on.Action, err)
	}
	on.Decision = string(out.Decision)
	return on, "worlds/" + name + ".yaml", string(src), nil
}

// withoutModeline drops a first-line yaml-language-server comment, which
// iamlab may put on files it writes: the world is the same without it.
func withoutModeline(s string) string {
	if strings.HasPrefix(s, "# yaml-language-server:") {
		if _, rest, ok := strings.Cut(s, "\n"); ok {
			return rest
		}
	}
	return s
}
