package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iamlab/iamlab/internal/diag"
	"github.com/iamlab/iamlab/internal/packfile"
	"github.com/iamlab/iamlab/internal/paths"
	"github.com/iamlab/iamlab/internal/scenarios"
)

func init() { register(newPackCmd) }

// PackOptions are the flags of iamlab pack's subcommands.
type PackOptions struct {
	Dir    string // the packs folder (default: the learner's)
	Output string
	SHA256 string
	Force  bool
}

func newPackCmd(stdio IO) *cobra.Command {
	opts := &PackOptions{}
	cmd := &cobra.Command{
		Use:   "pack",
		Short: "Build, install, list and remove scenario packs",
		Long: "A pack travels as one .tar.gz with a SHA-256 checksum beside it. install checks the\n" +
			"archive's checksum, unpacks it into a fresh folder, loads it with the built-in library and\n" +
			"your other packs, and refuses it, with every problem as file:line:col, unless it is clean.\n" +
			"Packs live in " + paths.Resolve().Packs + ".",
	}
	cmd.PersistentFlags().StringVar(&opts.Dir, "packs-dir", "", "the packs folder to manage (default: your packs folder)")
	build := &cobra.Command{
		Use:   "build DIR",
		Short: "Check a pack folder and write it as ID-vVERSION.tar.gz with a .sha256 beside it",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPackBuild(args[0], opts, stdio)
		},
	}
	build.Flags().StringVarP(&opts.Output, "output", "o", "", "the archive to write (default ID-vVERSION.tar.gz here)")
	install := &cobra.Command{
		Use:   "install FILE",
		Short: "Install a pack archive into your packs folder, refusing it with its problems",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPackInstall(args[0], opts, stdio)
		},
	}
	install.Flags().StringVar(&opts.SHA256, "sha256", "", "the archive's expected SHA-256 (default: read FILE.sha256 when present)")
	install.Flags().BoolVar(&opts.Force, "force", false, "replace an installed pack of the same id even if its version is not older")
	list := &cobra.Command{
		Use:   "list",
		Short: "List the packs installed in your packs folder",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPackList(opts, stdio)
		},
	}
	remove := &cobra.Command{
		Use:   "remove ID",
		Short: "Remove an installed pack (your progress in it is kept)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPackRemove(args[0], opts, stdio)
		},
	}
	cmd.AddCommand(build, install, list, remove)
	return cmd
}

func (o *PackOptions) packsDir() string {
	if o.Dir != "" {
		return o.Dir
	}
	return paths.Resolve().Packs
}

// loadOne loads the single pack in dir.
func loadOne(dir string) (*scenarios.Pack, error) {
	ps := scenarios.LoadDir(dir, true)
	if len(ps) != 1 {
		return nil, fmt.Errorf("%s holds %d packs; build one pack folder at a time", dir, len(ps))
	}
	return ps[0], nil
}

// problems checks a pack together with the built-in library and the other
// installed packs (except those named skip), so clashing ids are caught,
// and returns the errors found in this pack.
func problems(p *scenarios.Pack, packsDir, skip string) []diag.Diagnostic {
	lib := scenarios.LoadLibrary(scenarios.LibraryOptions{})
	for _, q := range scenarios.LoadDir(packsDir, false) {
		if q.ID != skip && filepath.Clean(q.Origin) != filepath.Clean(p.Origin) {
			lib.Packs = append(lib.Packs, q)
		}
	}
	lib.Packs = append(lib.Packs, p)
	var out []diag.Diagnostic
	origin := filepath.Clean(p.Origin) + string(filepath.Separator)
	for _, f := range scenarios.CheckLibrary(lib) {
		mine := strings.HasPrefix(filepath.Clean(f.File), origin) || strings.Contains(f.Message, quoteID(p.ID))
		if f.Severity == diag.Error && mine {
			out = append(out, f)
		}
	}
	for _, f := range p.Problems {
		if f.Severity == diag.Error && !containsFinding(out, f) {
			out = append(out, f)
		}
	}
	diag.Sort(out)
	return out
}

func quoteID(id string) string { return fmt.Sprintf("%q", id) }

func containsFinding(fs []diag.Diagnostic, f diag.Diagnostic) bool {
	for _, g := range fs {
		if g == f {
			return true
		}
	}
	return false
}

func refuse(stdio IO, what string, fs []diag.Diagnostic) error {
	for _, f := range fs {
		fmt.Fprintln(stdio.Err, cleanOut(f.String()))
	}
	return exitf(1, "%s refused: %d error(s)", what, len(fs))
}

func runPackBuild(dir string, opts *PackOptions, stdio IO) error {
	p, err := loadOne(dir)
	if err != nil {
		return exitf(2, "%v", err)
	}
	if p.Broken {
		return refuse(stdio, "pack "+dir, p.Problems)
	}
	if fs := problems(p, opts.packsDir(), p.ID); len(fs) > 0 {
		return refuse(stdio, "pack "+p.ID, fs)
	}
	out := opts.Output
	if out == "" {
		out = fmt.Sprintf("%s-v%d.tar.gz", p.ID, p.Version)
	}
	var buf bytes.Buffer
	sum, err := packfile.Build(dir, p.ID, &buf)
	if err != nil {
		return exitf(2, "%v", err)
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return exitf(2, "%v", err)
	}
	if err := os.WriteFile(out+".sha256", []byte(packfile.ChecksumLine(sum, filepath.Base(out))), 0o644); err != nil {
		return exitf(2, "%v", err)
	}
	fmt.Fprintf(stdio.Out, "built %s (pack %s version %d, %d scenarios)\nsha256 %s  (in %s.sha256)\n", out, cleanOut(p.ID), p.Version, len(p.Scenarios), sum, out)
	return nil
}

func runPackInstall(file string, opts *PackOptions, stdio IO) error {
	fi, err := os.Stat(file)
	if err != nil {
		return exitf(2, "%v", err)
	}
	if !fi.Mode().IsRegular() || fi.Size() > 64<<20 {
		return exitf(2, "%s: not a regular file under 64 MiB", file)
	}
	archive, err := os.ReadFile(file)
	if err != nil {
		return exitf(2, "%v", err)
	}
	want := opts.SHA256
	if want == "" {
		if b, err := os.ReadFile(file + ".sha256"); err == nil {
			if want, err = packfile.ParseChecksum(b, filepath.Base(file)); err != nil {
				return exitf(2, "%s.sha256: %v", file, err)
			}
		}
	}
	got := packfile.Sum(archive)
	switch {
	case want == "":
		fmt.Fprintf(stdio.Err, "note: no checksum to verify (no %s.sha256 and no --sha256); sha256 %s\n", file, got)
	case !strings.EqualFold(want, got):
		return exitf(1, "%s: checksum mismatch: the archive's SHA-256 is %s, expected %s; the file is damaged or not the one published", file, got, want)
	}
	root := opts.packsDir()
	if err := os.MkdirAll(root, 0o755); err != nil {
		return exitf(2, "%v", err)
	}
	tmp, err := os.MkdirTemp(root, ".install-")
	if err != nil {
		return exitf(2, "%v", err)
	}
	defer os.RemoveAll(tmp)
	top, err := packfile.Unpack(archive, filepath.Join(tmp, "x"))
	if err != nil {
		return exitf(1, "%s: %v", file, err)
	}
	staged := filepath.Join(tmp, "x", top)
	p, err := loadOne(staged)
	if err != nil {
		return exitf(1, "%s: %v", file, err)
	}
	if p.Broken {
		return refuse(stdio, "pack "+file, p.Problems)
	}
	if top != p.ID {
		return exitf(1, "%s: the archive's folder %q is not the pack's id %q", file, top, p.ID)
	}
	if fs := problems(p, root, p.ID); len(fs) > 0 {
		return refuse(stdio, "pack "+p.ID, fs)
	}
	dest := filepath.Join(root, p.ID)
	if old, err := loadOne(dest); err == nil && !old.Broken {
		if old.Version >= p.Version && !opts.Force {
			return exitf(1, "pack %s version %d is installed; this archive is version %d (use --force to replace it)", p.ID, old.Version, p.Version)
		}
	}
	aside := ""
	if _, err := os.Lstat(dest); err == nil {
		aside = filepath.Join(tmp, "old")
		if err := os.Rename(dest, aside); err != nil {
			return exitf(2, "%v", err)
		}
	}
	if err := os.Rename(staged, dest); err != nil {
		if aside != "" {
			_ = os.Rename(aside, dest) // put the old pack back
		}
		return exitf(2, "%v", err)
	}
	fmt.Fprintf(stdio.Out, "installed %s version %d (%d scenarios) in %s\n", cleanOut(p.ID), p.Version, len(p.Scenarios), dest)
	return nil
}

func runPackList(opts *PackOptions, stdio IO) error {
	ps := scenarios.LoadDir(opts.packsDir(), false)
	if len(ps) == 0 {
		fmt.Fprintf(stdio.Out, "no packs installed in %s\n", opts.packsDir())
		return nil
	}
	fmt.Fprintf(stdio.Out, "%-24s %7s %9s  %s\n", "ID", "VERSION", "SCENARIOS", "TITLE")
	for _, p := range ps {
		state := ""
		if n := len(p.Problems); n > 0 {
			state = fmt.Sprintf("  (%d problem(s): iamlab check %s)", n, p.Origin)
		}
		fmt.Fprintf(stdio.Out, "%-24s %7d %9d  %s%s\n", cleanOut(p.ID), p.Version, len(p.Scenarios), cleanOut(p.Title), state)
	}
	return nil
}

func runPackRemove(id string, opts *PackOptions, stdio IO) error {
	if id == "" || strings.ContainsAny(id, `/\`) || id == "." || id == ".." {
		return exitf(2, "%q is not a pack id", id)
	}
	dest := filepath.Join(opts.packsDir(), id)
	p, err := loadOne(dest)
	if err != nil || p.Broken || p.ID != id {
		var ids []string
		for _, q := range scenarios.LoadDir(opts.packsDir(), false) {
			ids = append(ids, q.ID)
		}
		return exitf(1, "no installed pack %q (installed: %s)", id, strings.Join(ids, ", "))
	}
	if err := os.RemoveAll(dest); err != nil {
		return exitf(2, "%v", err)
	}
	fmt.Fprintf(stdio.Out, "removed %s; your progress in its scenarios is kept and returns if you install it again\n", cleanOut(id))
	return nil
}
