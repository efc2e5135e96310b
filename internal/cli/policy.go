package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iamlab/iamlab/internal/paths"
	"github.com/iamlab/iamlab/internal/policygen"
	"github.com/iamlab/iamlab/internal/safetext"
	"github.com/iamlab/iamlab/internal/scenarios"
	"github.com/iamlab/iamlab/internal/suggest"
	"github.com/iamlab/iamlab/internal/worldfile"
	"github.com/iamlab/iamlab/internal/yamlpos"
)

func init() { register(newPolicyCmd) }

// FromCallsOptions are the flags of iamlab policy from-calls.
type FromCallsOptions struct {
	File     string
	Scenario string
	Doc      string
	JSON     bool
	Packs    []string
}

// callsFile is the input of `policy from-calls FILE`.
type callsFile struct {
	World    string           `yaml:"world"`    // a world file, relative to this file
	Scenario string           `yaml:"scenario"` // or a scenario whose world to use
	Document string           `yaml:"document"` // the document to write
	Allow    []worldfile.Call `yaml:"allow"`
	Deny     []worldfile.Call `yaml:"deny"`
}

func newPolicyCmd(stdio IO) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "policy",
		Short: "Write policies from what they must allow",
	}
	opts := &FromCallsOptions{}
	from := &cobra.Command{
		Use:   "from-calls [FILE]",
		Short: "Write the least-privilege policy that allows exactly the given calls",
		Long: "from-calls writes one document of a world — an identity policy, a bucket or key policy,\n" +
			"a trust policy — so that every call under allow: is allowed and every call under deny:\n" +
			"stays denied, with the other documents of the world as they are. Actions are exact,\n" +
			"each on the narrowest resource the AWS catalogue lets it take (\"*\" only for actions\n" +
			"with no resource type), and a condition appears only where a must-deny call differs\n" +
			"from an allowed one by its context (MFA, source address, TLS, ...). The result is\n" +
			"evaluated against every call before it is printed.\n\n" +
			"FILE is YAML:\n" +
			"  world: shop.yaml            # a world file (the format of a pack's worlds/), or\n" +
			"  scenario: list-needs-the-bucket\n" +
			"  document: inline:111122223333/user/alice/Reports\n" +
			"  allow: [{as: user alice, action: s3:GetObject, resource: s3://acme-a/x}]\n" +
			"  deny:  [{as: user alice, action: s3:DeleteObject, resource: s3://acme-a/x}]\n\n" +
			"With --scenario and no FILE, the scenario's checks are the calls (allowed checks under\n" +
			"allow, denied ones under deny) and the document is its editable one: the reference an\n" +
			"author can compare a solution with.\n" +
			"Exit status: 0 every call is served, 1 some call is not (the reasons are printed), 2 bad input.",
		Example: "  iamlab policy from-calls calls.yaml\n  iamlab policy from-calls --scenario list-needs-the-bucket\n  iamlab policy from-calls --json calls.yaml | jq -r .policy",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.File = args[0]
			}
			return runFromCalls(opts, stdio)
		},
	}
	from.Flags().StringVar(&opts.Scenario, "scenario", "", "use this scenario's world (and, with no FILE, its checks)")
	from.Flags().StringVar(&opts.Doc, "doc", "", "the document to write (default: the file's document:, or the scenario's editable one)")
	from.Flags().BoolVar(&opts.JSON, "json", false, "print the policy and the verification as one JSON object")
	from.Flags().StringArrayVar(&opts.Packs, "pack", nil, "also look for --scenario in this pack folder (repeatable)")
	cmd.AddCommand(from)
	return cmd
}

func runFromCalls(opts *FromCallsOptions, stdio IO) error {
	if opts.File == "" && opts.Scenario == "" {
		return exitf(2, "policy from-calls: give a FILE of calls, or --scenario ID")
	}
	var spec policygen.Spec
	var cf callsFile
	if opts.File != "" {
		src, err := lintRead(opts.File, stdio)
		if err != nil {
			return exitf(2, "%s: %v", opts.File, err)
		}
		if err := decodeCalls(opts.File, src, &cf); err != nil {
			return exitf(2, "%v", err)
		}
	}
	scenarioID := opts.Scenario
	if scenarioID == "" {
		scenarioID = cf.Scenario
	}
	var sc *scenarios.Scenario
	switch {
	case scenarioID != "":
		lib := scenarios.LoadLibrary(scenarios.LibraryOptions{Dirs: opts.Packs, UserDir: paths.Resolve().Packs, Cache: scenarios.BuiltInDecoded()})
		s, ok := lib.Scenario(scenarioID)
		if !ok {
			return exitf(2, "no scenario %q%s", scenarioID, didYouMeanScenario(lib, scenarioID))
		}
		sc = s
		spec.World = s.World
	case cf.World != "":
		dir := filepath.Dir(opts.File)
		name := filepath.Join(dir, cf.World)
		src, err := os.ReadFile(name)
		if err != nil {
			return exitf(2, "%s: world: %v", opts.File, err)
		}
		w, _, probs := worldfile.Load(name, src, confinedReader(filepath.Dir(name)))
		if len(probs) > 0 {
			for _, p := range probs {
				fmt.Fprintln(stdio.Err, p.Error())
			}
			return &ExitError{Code: 2}
		}
		spec.World = w
	default:
		return exitf(2, "%s: the calls need a world: write world: FILE or scenario: ID", opts.File)
	}
	spec.Doc = firstNonEmpty(opts.Doc, cf.Document)
	account := ""
	if sc != nil {
		account = sc.Account
		if spec.Doc == "" {
			if len(sc.Editable) != 1 {
				return exitf(2, "scenario %s has %d editable documents; say which with --doc (%s)", sc.ID, len(sc.Editable), strings.Join(sc.Editable, ", "))
			}
			spec.Doc = sc.Editable[0]
		}
		if opts.File == "" {
			for _, c := range sc.Checks {
				if c.Expect == scenarios.ExpectAllowed || c.Expect == "" {
					spec.Allow = append(spec.Allow, c.Call)
				} else {
					spec.Deny = append(spec.Deny, c.Call)
				}
			}
		}
	}
	if spec.Doc == "" {
		return exitf(2, "%s: say which document to write: document: ID (for example inline:111122223333/user/alice/Reports)", opts.File)
	}
	for _, c := range cf.Allow {
		spec.Allow = append(spec.Allow, c.Sandbox(account))
	}
	for _, c := range cf.Deny {
		spec.Deny = append(spec.Deny, c.Sandbox(account))
	}
	if len(spec.Allow) == 0 {
		return exitf(2, "no calls to allow: list them under allow:")
	}
	res, err := policygen.Write(spec)
	if err != nil {
		return exitf(2, "%v", err)
	}
	if opts.JSON {
		out := struct {
			Document string   `json:"document"`
			Policy   string   `json:"policy"`
			Allowed  []string `json:"allowed"`
			Denied   []string `json:"denied"`
			Problems []string `json:"problems"`
		}{res.Doc, res.Source, nonNil(res.Allowed), nonNil(res.Denied), nonNil(res.Problems)}
		b, _ := json.Marshal(out)
		fmt.Fprintln(stdio.Out, string(b))
	} else {
		fmt.Fprintf(stdio.Out, "// %s — least privilege for %d allowed and %d denied call(s)\n", cleanOut(res.Doc), len(spec.Allow), len(spec.Deny))
		fmt.Fprintln(stdio.Out, cleanOut(res.Source))
		for _, p := range res.Problems {
			fmt.Fprintln(stdio.Err, "iamlab: "+cleanOut(p))
		}
	}
	if len(res.Problems) > 0 {
		return &ExitError{Code: 1}
	}
	return nil
}

func decodeCalls(file string, src []byte, cf *callsFile) error {
	if _, e := yamlpos.DecodeOne(src, cf, []string{"world", "scenario", "document", "allow", "deny"}, "world or scenario, document, allow and deny"); e != nil {
		return fmt.Errorf("%s:%d:%d: %s", file, e.Line, e.Col, e.Text())
	}
	return nil
}

// confinedReader reads policy files named by a world file, inside its
// folder only.
func confinedReader(dir string) func(string) ([]byte, error) {
	return func(name string) ([]byte, error) {
		clean := filepath.Clean(name)
		if filepath.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
			return nil, fmt.Errorf("outside the world's folder; expected a path inside %s", dir)
		}
		fi, err := os.Lstat(filepath.Join(dir, clean))
		if err != nil {
			return nil, err
		}
		if !fi.Mode().IsRegular() {
			return nil, fmt.Errorf("not a regular file")
		}
		if fi.Size() > 1<<20 {
			return nil, fmt.Errorf("larger than 1 MiB")
		}
		return os.ReadFile(filepath.Join(dir, clean))
	}
}

func didYouMeanScenario(lib *scenarios.Library, id string) string {
	var ids []string
	for _, p := range lib.Packs {
		for _, s := range p.Scenarios {
			ids = append(ids, s.ID)
		}
	}
	if s, ok := suggest.Closest(id, ids); ok {
		return fmt.Sprintf("; did you mean %q?", s)
	}
	return ""
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// cleanOut keeps text that came from input (names, documents, messages
// quoting them) from driving the terminal; line breaks stay.
func cleanOut(s string) string {
	s, _ = safetext.Clean(s)
	return s
}
