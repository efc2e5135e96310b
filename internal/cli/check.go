package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/iamlab/iamlab/internal/assign"
	"github.com/iamlab/iamlab/internal/curriculum"
	"github.com/iamlab/iamlab/internal/diag"
	"github.com/iamlab/iamlab/internal/lessons"
	"github.com/iamlab/iamlab/internal/paths"
	"github.com/iamlab/iamlab/internal/quiz"
	"github.com/iamlab/iamlab/internal/safetext"
	"github.com/iamlab/iamlab/internal/scenarios"
)

func init() { register(newCheckCmd) }

// CheckOptions are the flags of iamlab check.
type CheckOptions struct {
	Paths []string
	// Packs are checked together with the built-in library, so clashes of
	// ids with it show up.
	Packs    []string
	JSON     bool
	Coverage bool
	// UserPacks adds the learner's packs folder to the built-in library when
	// no path is given.
	UserPacks bool
	// Assign are assignment files to check (--assign); a PATH that is a
	// .yaml file is one too, and so is each folder's assignments/*.yaml.
	Assign []string
	// UserDir is the learner's packs folder; "" means paths.Resolve().Packs.
	UserDir string
}

func newCheckCmd(stdio IO) *cobra.Command {
	opts := &CheckOptions{}
	cmd := &cobra.Command{
		Use:   "check [PATH...]",
		Short: "Check scenario packs the way the trainer will load them",
		Long: "check loads scenario packs and reports every problem as file:line:col: schema errors,\n" +
			"unknown references, policies that do not parse or lint badly, reference solutions that\n" +
			"fail a check, starting states that already pass, answer keys the engine disagrees with,\n" +
			"duplicate ids, untagged scenarios and TODOs left by `iamlab new scenario`.\n" +
			"Each PATH is a pack folder or a folder of packs; with none, the built-in library is checked\n" +
			"(and, with --user, the packs folder " + paths.Resolve().Packs + ").\n" +
			"Assignment files are checked too: a PATH ending in .yaml, --assign FILE, and the\n" +
			"assignments/*.yaml of each folder; their scenarios are looked up in the built-in library,\n" +
			"the packs given and your packs folder.\n" +
			"Exit status: 0 no errors (warnings are printed), 1 errors found, 2 a path cannot be read.\n" +
			"The format is described in docs/authoring.md.",
		Example: "  iamlab check\n  iamlab check ./my-pack\n  iamlab check week3.yaml           # an assignment file\n  iamlab check --pack ./my-pack     # with the built-in library: catches clashing ids\n  iamlab check --json ./packs | jq .code",
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runCheck(opts, stdio)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print one JSON object per finding per line")
	cmd.Flags().BoolVar(&opts.UserPacks, "user", false, "with no PATH, also check the packs in your packs folder")
	cmd.Flags().BoolVar(&opts.Coverage, "coverage", false, "also list the topics and exam tasks no scenario serves yet, and whether each topic still to teach is served")
	cmd.Flags().StringArrayVar(&opts.Packs, "pack", nil, "check this pack folder together with the built-in library (repeatable)")
	cmd.Flags().StringArrayVar(&opts.Assign, "assign", nil, "also check the assignment file `FILE` (repeatable)")
	return cmd
}

func runCheck(opts *CheckOptions, stdio IO) error {
	userDir := opts.UserDir
	if userDir == "" {
		userDir = paths.Resolve().Packs
	}
	dirs, assignFiles := splitCheckPaths(opts.Paths)
	assignFiles = append(assignFiles, opts.Assign...)
	for _, d := range dirs {
		assignFiles = append(assignFiles, assign.InFolder(d)...)
	}
	if opts.UserPacks && len(dirs) == 0 {
		assignFiles = append(assignFiles, assign.InFolder(userDir)...)
	}
	// Only assignment files named: the library they refer to is not what
	// is being checked, so its own findings are left out.
	assignOnly := len(opts.Paths) > 0 && len(dirs) == 0 && len(opts.Packs) == 0
	var lib *scenarios.Library
	var findings []diag.Diagnostic
	if assignOnly {
		lib = scenarios.LoadLibrary(scenarios.LibraryOptions{UserDir: userDir})
	} else {
		lo := scenarios.LibraryOptions{Dirs: append(append([]string(nil), dirs...), opts.Packs...), NoBuiltIn: len(dirs) > 0}
		if opts.UserPacks && len(dirs) == 0 {
			lo.UserDir = userDir
		}
		lib = scenarios.LoadLibrary(lo)
		findings = scenarios.CheckLibrary(lib)
	}
	if len(assignFiles) > 0 {
		// Assignments name scenarios of any pack: the built-in ones, the
		// packs checked and the learner's own.
		full := lib
		if !assignOnly {
			full = scenarios.LoadLibrary(scenarios.LibraryOptions{Dirs: append(append([]string(nil), dirs...), opts.Packs...), UserDir: userDir})
		}
		findings = append(findings, checkAssignments(full, assignFiles)...)
		diag.Sort(findings)
	}
	var bank contentCounts
	if len(opts.Paths) == 0 {
		// The built-in library comes with the lessons and the quiz bank:
		// their links must resolve and their answer keys agree with the engine.
		var more []diag.Diagnostic
		bank, more = checkContent(lib)
		findings = append(findings, more...)
		diag.Sort(findings)
	}

	unreadable := false
	for _, f := range findings {
		if f.Code == scenarios.CodeUnreadable {
			unreadable = true
		}
	}
	if opts.JSON {
		enc := json.NewEncoder(stdio.Out)
		for _, f := range findings {
			if err := enc.Encode(f); err != nil {
				return exitf(2, "writing output: %v", err)
			}
		}
	} else {
		// Findings quote what packs hold; the terminal gets none of its
		// escapes (see safetext).
		w := safetext.NewWriter(stdio.Out)
		writeFindings(w, lib, findings)
		if len(assignFiles) > 0 {
			fmt.Fprintf(w, "assignments: %d file(s) checked\n", len(assignFiles))
		}
		if bank.items > 0 || bank.lessons > 0 {
			fmt.Fprintf(w, "content: %d quiz items and %d lessons checked\n", bank.items, bank.lessons)
		}
		if opts.Coverage {
			writeCoverage(w, scenarios.CoverageOf(lib))
			if len(opts.Paths) == 0 {
				b, _ := quiz.Builtin()
				writePriorities(w, materialOf(lib, lessons.BuiltinTopicCounts(), quiz.TopicCounts(b)))
			}
		}
		if err := w.Flush(); err != nil {
			return exitf(2, "writing output: %v", err)
		}
	}
	switch {
	case unreadable:
		return &ExitError{Code: 2}
	case diag.HasErrors(findings):
		return &ExitError{Code: 1}
	}
	return nil
}

func writeFindings(w io.Writer, lib *scenarios.Library, findings []diag.Diagnostic) {
	errs, warns := 0, 0
	for _, f := range findings {
		sev := "error"
		if f.Severity == diag.Warning {
			sev, warns = "warning", warns+1
		} else {
			errs++
		}
		// The code goes after the position, where compilers put the severity.
		if f.File != "" {
			fmt.Fprintf(w, "%s: %s %s: %s\n", f.Where(), sev, f.Code, f.Text())
		} else {
			fmt.Fprintf(w, "%s %s: %s\n", sev, f.Code, f.Text())
		}
	}
	packs, usable := len(lib.Packs), 0
	for _, p := range lib.Packs {
		usable += len(p.Scenarios)
	}
	fmt.Fprintf(w, "%d %s, %d %s loaded; %d %s, %d %s\n",
		packs, plural(packs, "pack", "packs"), usable, plural(usable, "scenario", "scenarios"),
		errs, plural(errs, "error", "errors"), warns, plural(warns, "warning", "warnings"))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func writeCoverage(w io.Writer, c scenarios.Coverage) {
	topics, tasks := len(curriculum.Topics()), len(curriculum.Tasks())
	fmt.Fprintf(w, "\ncoverage: %d scenarios (%d build, %d predict, %d choose); %d of %d topics, %d of %d exam tasks\n",
		c.Scenarios, c.Kinds[scenarios.Build], c.Kinds[scenarios.Predict], c.Kinds[scenarios.Choose],
		topics-len(c.Missing), topics, tasks-len(c.NoTasks), tasks)
	if len(c.Missing) > 0 {
		fmt.Fprintln(w, "topics with no scenario:")
		for _, t := range c.Missing {
			fmt.Fprintf(w, "  %-36s %s\n", t.ID, t.Title)
		}
	}
	if len(c.NoTasks) > 0 {
		fmt.Fprintln(w, "exam tasks with no scenario:")
		for _, t := range c.NoTasks {
			fmt.Fprintf(w, "  %-16s %s\n", t.ID, t.Title)
		}
	}
}

// contentCounts says how much of the built-in content was checked.
type contentCounts struct{ items, lessons int }

// checkContent checks the embedded quiz bank and lessons; their
// diagnostics print like the packs'.
func checkContent(lib *scenarios.Library) (contentCounts, []diag.Diagnostic) {
	var ids []string
	for _, p := range lib.Packs {
		for _, s := range p.Scenarios {
			ids = append(ids, s.ID)
		}
	}
	var c contentCounts
	b, out := quiz.CheckBuiltin()
	if b != nil {
		c.items = len(b.Items)
	}
	c.lessons = len(lessons.BuiltinFiles())
	return c, append(out, lessons.CheckBuiltin(ids)...)
}

// splitCheckPaths tells pack folders from assignment files (.yaml files).
func splitCheckPaths(ps []string) (dirs, files []string) {
	for _, p := range ps {
		ext := strings.ToLower(filepath.Ext(p))
		if st, err := os.Stat(p); (ext == ".yaml" || ext == ".yml") && (err != nil || st.Mode().IsRegular()) {
			files = append(files, p)
			continue
		}
		dirs = append(dirs, p)
	}
	return dirs, files
}

// checkAssignments reads each assignment file once; its problems are
// reported like a pack's.
func checkAssignments(lib *scenarios.Library, files []string) []diag.Diagnostic {
	_, ps := assign.ReadFiles(files, lib, time.Local)
	return ps
}
