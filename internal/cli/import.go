package cli

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iamlab/iamlab/internal/awsimport"
	"github.com/iamlab/iamlab/internal/worldfile"
)

func init() { register(newImportCmd) }

// ImportOptions are the flags of iamlab import aws.
type ImportOptions struct {
	Files          []string
	BucketPolicies []string // NAME=FILE
	KeyPolicies    []string // KEY-ID=FILE
	Name           string
	Output         string
}

func newImportCmd(stdio IO) *cobra.Command {
	cmd := &cobra.Command{Use: "import", Short: "Build worlds from real accounts (offline)"}
	opts := &ImportOptions{}
	aws := &cobra.Command{
		Use:   "aws FILE...",
		Short: "Turn AWS CLI output about an account into a world file",
		Long: "import aws reads what the AWS CLI printed about an account and writes a world file\n" +
			"(the format of a pack's worlds/) that the playground opens and `iamlab new scenario\n" +
			"--world` starts a scenario from. It never calls AWS. FILEs, in any order except where said:\n" +
			"  aws iam get-account-authorization-details     users, groups, roles, trust policies,\n" +
			"                                                managed and inline policies, boundaries\n" +
			"  aws organizations describe-policy             an SCP or RCP, each followed by\n" +
			"  aws organizations list-targets-for-policy     the targets of that same policy\n" +
			"Bucket and key policies do not say which resource they belong to, so they are named:\n" +
			"  --bucket-policy NAME=FILE   (aws s3api get-bucket-policy --bucket NAME)\n" +
			"  --key-policy KEY-ID=FILE    (aws kms get-key-policy --key-id KEY-ID --policy-name default)\n" +
			"Everything the world cannot hold is listed on stderr, never dropped silently.\n" +
			"Exit status: 0 written, 2 an input cannot be read or understood.",
		Example: "  aws iam get-account-authorization-details > auth.json\n" +
			"  iamlab import aws auth.json -o worlds/prod.yaml\n" +
			"  iamlab import aws auth.json scp.json scp-targets.json --bucket-policy reports=bp.json -o prod.yaml",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			return runImportAWS(opts, stdio)
		},
	}
	aws.Flags().StringArrayVar(&opts.BucketPolicies, "bucket-policy", nil, "NAME=FILE: get-bucket-policy output for bucket NAME (repeatable)")
	aws.Flags().StringArrayVar(&opts.KeyPolicies, "key-policy", nil, "KEY-ID=FILE: get-key-policy output for key KEY-ID (repeatable)")
	aws.Flags().StringVar(&opts.Name, "name", "", "the account's display name in the world (default Imported)")
	aws.Flags().StringVarP(&opts.Output, "output", "o", "", "write the world here instead of standard output")
	cmd.AddCommand(aws)
	return cmd
}

func runImportAWS(opts *ImportOptions, stdio IO) error {
	var files []awsimport.File
	read := func(name string) ([]byte, error) {
		fi, err := os.Stat(name)
		if err != nil {
			return nil, err
		}
		if !fi.Mode().IsRegular() {
			return nil, fmt.Errorf("not a regular file")
		}
		if fi.Size() > 64<<20 {
			return nil, fmt.Errorf("larger than 64 MiB")
		}
		return os.ReadFile(name)
	}
	for _, f := range opts.Files {
		b, err := read(f)
		if err != nil {
			return exitf(2, "%s: %v", f, err)
		}
		files = append(files, awsimport.File{Name: f, Data: b})
	}
	for _, list := range []struct {
		flag  string
		specs []string
		set   func(*awsimport.File, string)
	}{
		{"--bucket-policy", opts.BucketPolicies, func(f *awsimport.File, n string) { f.Bucket = n }},
		{"--key-policy", opts.KeyPolicies, func(f *awsimport.File, n string) { f.Key = n }},
	} {
		for _, s := range list.specs {
			name, file, ok := strings.Cut(s, "=")
			if !ok || name == "" || file == "" {
				return exitf(2, "%s %q: expected NAME=FILE", list.flag, s)
			}
			b, err := read(file)
			if err != nil {
				return exitf(2, "%s: %v", file, err)
			}
			f := awsimport.File{Name: file, Data: b}
			list.set(&f, name)
			files = append(files, f)
		}
	}
	res, err := awsimport.Import(files, opts.Name)
	if err != nil {
		return exitf(2, "%s", cleanOut(err.Error()))
	}
	out, err := awsimport.Marshal(res.World, "A world imported by `iamlab import aws` from: "+strings.Join(opts.Files, ", ")+
		"\nExplore it offline: iamlab --world FILE opens it in the playground; iamlab new scenario --world FILE starts an exercise.")
	if err != nil {
		return exitf(2, "writing the world: %v", err)
	}
	// The world must load as it will in the playground.
	if _, _, probs := worldfile.Load("imported world", out, nil); len(probs) > 0 {
		for _, p := range probs {
			fmt.Fprintln(stdio.Err, "iamlab: "+cleanOut(p.Error()))
		}
		return exitf(2, "the imported world does not load; please report this with the input")
	}
	for _, n := range res.Notes {
		fmt.Fprintln(stdio.Err, "note: "+cleanOut(n.String()))
	}
	if opts.Output == "" {
		_, err = stdio.Out.Write(out)
		return err
	}
	if err := os.WriteFile(opts.Output, out, 0o644); err != nil {
		return exitf(2, "%v", err)
	}
	fmt.Fprintf(stdio.Err, "wrote %s: %d account(s), %d note(s)\n", opts.Output, len(res.World.Accounts), len(res.Notes))
	return nil
}
