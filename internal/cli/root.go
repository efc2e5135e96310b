// Package cli is iamlab's command line: one file per command, each with an
// options struct and a run function that takes its IO injected, so every
// command can be tested without a terminal.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"charm.land/fang/v2"
	"github.com/spf13/cobra"
)

// Version is set by release builds with
// -ldflags "-X github.com/iamlab/iamlab/internal/cli.Version=…". Left empty,
// the version comes from the build info instead (see buildVersion).
var Version = ""

// buildVersion says which iamlab this is. A release build carries its tag
// in Version; `go install github.com/iamlab/iamlab@v1.2.3` records v1.2.3
// as the main module's version; a build from a clone knows only its VCS
// revision, if that much.
func buildVersion(ldflags string, info *debug.BuildInfo, ok bool) string {
	if ldflags != "" {
		return strings.TrimPrefix(ldflags, "v")
	}
	if !ok || info == nil {
		return "devel"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return strings.TrimPrefix(v, "v")
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = ", modified"
			}
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev == "" {
		return "devel"
	}
	return "devel (" + rev + modified + ")"
}

// versionString is the version --version prints.
func versionString() string {
	info, ok := debug.ReadBuildInfo()
	return buildVersion(Version, info, ok)
}

// IO is where a command reads and writes; tests pass buffers.
type IO struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
}

// StdIO is the process's own streams.
func StdIO() IO { return IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr} }

// ExitError carries a process exit status. A nil Err means the command has
// already told the user what went wrong and nothing more is printed.
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit status %d", e.Code)
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

// exitf is a convenience for a positioned, user-facing failure with a status.
func exitf(code int, format string, args ...any) error {
	return &ExitError{Code: code, Err: fmt.Errorf(format, args...)}
}

// NewRoot builds the whole command tree around the given streams.
func NewRoot(stdio IO) *cobra.Command {
	root := &cobra.Command{
		Use:   "iamlab",
		Short: "Learn AWS IAM by evaluating real policies in a sandbox",
		Long: "iamlab is an interactive trainer for AWS IAM: scenarios in a sandbox organization,\n" +
			"a policy evaluation engine that follows AWS's documented logic, and a trace that\n" +
			"explains every decision.",
		Args: cobra.NoArgs,
	}
	root.SetIn(stdio.In)
	root.SetOut(stdio.Out)
	root.SetErr(stdio.Err)
	addTrainer(root)
	for _, add := range extraCommands {
		root.AddCommand(add(stdio))
	}
	// An entry naming a flag that no longer exists is left out here and
	// caught by TestFlagCompletionsFindTheirFlags.
	registerCompletions(root)
	return root
}

// extraCommands lets each command file register itself, so adding a command
// touches only its own file.
var extraCommands []func(IO) *cobra.Command

func register(f func(IO) *cobra.Command) { extraCommands = append(extraCommands, f) }

// Main runs the command line and returns the process exit status.
func Main(ctx context.Context, args []string, stdio IO) int {
	// --version alone draws one line and needs none of the command tree,
	// which costs a start about a tenth of its page faults (issue 17);
	// the line is the one cobra prints (TestVersionFastPathAsCobra).
	if len(args) == 1 && (args[0] == "--version" || args[0] == "-v") {
		fmt.Fprintf(stdio.Out, "iamlab version %s\n", versionString())
		return 0
	}
	return execute(ctx, args, stdio)
}

// execute runs the command line through the whole command tree.
func execute(ctx context.Context, args []string, stdio IO) int {
	root := NewRoot(stdio)
	root.SetArgs(args)
	err := fang.Execute(ctx, root,
		fang.WithVersion(versionString()),
		fang.WithErrorHandler(func(w io.Writer, styles fang.Styles, err error) {
			var ee *ExitError
			if errors.As(err, &ee) {
				if ee.Err != nil {
					fmt.Fprintln(w, "iamlab: "+ee.Err.Error())
				}
				return
			}
			fang.DefaultErrorHandler(w, styles, err)
		}),
	)
	if err == nil {
		return 0
	}
	var ee *ExitError
	if errors.As(err, &ee) {
		return ee.Code
	}
	return 2
}
