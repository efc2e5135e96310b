package cli

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/iamlab/iamlab/internal/classreport"
	"github.com/iamlab/iamlab/internal/quiz"
	"github.com/iamlab/iamlab/internal/scenarios"
)

func init() { register(newClassCmd) }

// ClassOptions are the flags of iamlab class report.
type ClassOptions struct {
	Paths    []string
	Exam     string
	Format   string // text, json, markdown, html
	Output   string
	Packs    []string
	Now      func() time.Time
	MaxBytes int64
}

func newClassCmd(stdio IO) *cobra.Command {
	cmd := &cobra.Command{Use: "class", Short: "Reports on a class of learners"}
	opts := &ClassOptions{Now: time.Now, MaxBytes: 64 << 20}
	report := &cobra.Command{
		Use:   "report EXPORT...",
		Short: "Report on many learners' progress exports (JSON and CSV, files or folders)",
		Long: "class report reads the files learners export with `iamlab progress --json` or `--csv`\n" +
			"(any mix; a folder is searched for *.json and *.csv) and reports per learner, per scenario\n" +
			"and per exam domain: completion, scores, stars, time spent, readiness, and the most common\n" +
			"wrong answers with the misconception each shows. A file that cannot be read is listed with\n" +
			"its error and the rest of the class is still reported.\n" +
			"Formats: a terminal table (default), --format json, markdown, or html: one self-contained\n" +
			"page with inline SVG charts (a readiness heat map, the hardest scenarios, the mistakes).\n" +
			"Exit status: 0 every file was read, 1 some file was not (the report still covers the rest),\n" +
			"2 nothing could be read.",
		Example: "  iamlab class report exports/\n  iamlab class report --format html -o class.html exports/*.json exports/*.csv\n  iamlab class report --exam SAA-C03 --format markdown exports/",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runClassReport(opts, stdio)
		},
	}
	report.Flags().StringVar(&opts.Exam, "exam", "SCS-C03", "the exam whose domains the report uses (SAA-C03 or SCS-C03)")
	report.Flags().StringVar(&opts.Format, "format", "text", "text, json, markdown or html")
	report.Flags().StringVarP(&opts.Output, "output", "o", "", "write the report here instead of standard output")
	report.Flags().StringArrayVar(&opts.Packs, "pack", nil, "also count this pack folder's scenarios (repeatable)")
	cmd.AddCommand(report)
	return cmd
}

func classFiles(paths []string) ([]string, []classreport.FileError) {
	var files []string
	var errs []classreport.FileError
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			errs = append(errs, classreport.FileError{File: p, Err: err.Error()})
			continue
		}
		if !fi.IsDir() {
			files = append(files, p)
			continue
		}
		var found []string
		_ = filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && d.Type().IsRegular() {
				if ext := strings.ToLower(filepath.Ext(q)); ext == ".json" || ext == ".csv" {
					found = append(found, q)
				}
			}
			return nil
		})
		sort.Strings(found)
		if len(found) == 0 {
			errs = append(errs, classreport.FileError{File: p, Err: "no .json or .csv export in this folder"})
		}
		files = append(files, found...)
	}
	return files, errs
}

func runClassReport(opts *ClassOptions, stdio IO) error {
	switch opts.Format {
	case "text", "json", "markdown", "html":
	default:
		return exitf(2, "--format %q: expected text, json, markdown or html", opts.Format)
	}
	files, errs := classFiles(opts.Paths)
	learners, more := readExports(files, opts.MaxBytes)
	errs = append(errs, more...)
	for _, e := range errs {
		fmt.Fprintln(stdio.Err, "iamlab: "+cleanOut(e.Error()))
	}
	if len(learners) == 0 {
		return exitf(2, "no export could be read")
	}
	rep := classreport.Build(learners, errs, reportOptions(opts), opts.Now())
	if err := writeClassReport(rep, opts, stdio); err != nil {
		return err
	}
	if opts.Output != "" {
		fmt.Fprintf(stdio.Err, "wrote %s: %d learner(s)\n", opts.Output, len(learners))
	}
	if len(errs) > 0 {
		return &ExitError{Code: 1}
	}
	return nil
}

// readExports reads every export file; a file that is not a regular file
// under maxBytes, or does not read as an export, is a FileError.
func readExports(files []string, maxBytes int64) ([]*classreport.Learner, []classreport.FileError) {
	var learners []*classreport.Learner
	var errs []classreport.FileError
	for _, f := range files {
		fi, err := os.Stat(f)
		if err == nil && (!fi.Mode().IsRegular() || fi.Size() > maxBytes) {
			err = fmt.Errorf("not a regular file under %d MiB", maxBytes>>20)
		}
		var b []byte
		if err == nil {
			b, err = os.ReadFile(f)
		}
		if err == nil {
			var l *classreport.Learner
			if l, err = classreport.Read(f, b); err == nil {
				learners = append(learners, l)
				continue
			}
		}
		errs = append(errs, classreport.FileError{File: f, Err: cleanOut(err.Error())})
	}
	return learners, errs
}

// reportOptions says what the class is measured against: the library's
// scenarios (with the extra packs) and the quiz bank, for titles and for
// the misconception each wrong option shows.
func reportOptions(opts *ClassOptions) classreport.Options {
	lib := scenarios.LoadLibrary(scenarios.LibraryOptions{Dirs: opts.Packs, Cache: scenarios.BuiltInDecoded()})
	var ids []string
	titles := map[string]string{}
	for _, p := range lib.Packs {
		for _, s := range p.Scenarios {
			ids = append(ids, s.ID)
			titles["scenario:"+s.ID] = s.Title
		}
	}
	bank, _ := quiz.Builtin()
	return classreport.Options{
		Exam:      opts.Exam,
		Scenarios: ids,
		Title: func(kind, id string) string {
			if t, ok := titles[kind+":"+id]; ok {
				return cleanOut(t)
			}
			if kind == "item" && bank != nil {
				if it, ok := bank.Item(id); ok {
					return cleanOut(id + ": " + firstLine(it.Stem, 70))
				}
			}
			return cleanOut(id)
		},
		Misconception: func(itemID, chosen string) string { return misconception(bank, itemID, chosen) },
	}
}

// misconception is the reason each wrong option chosen is wrong.
func misconception(bank *quiz.Bank, itemID, chosen string) string {
	if bank == nil {
		return ""
	}
	it, ok := bank.Item(itemID)
	if !ok {
		return ""
	}
	var whys []string
	for _, c := range strings.Split(chosen, ",") {
		for _, o := range it.Options {
			if o.ID == c && !o.Correct && o.Why != "" {
				whys = append(whys, firstLine(o.Why, 160))
			}
		}
	}
	return cleanOut(strings.Join(whys, " "))
}

// writeClassReport writes the report in its format, to --output or stdout.
func writeClassReport(rep *classreport.Report, opts *ClassOptions, stdio IO) error {
	var w io.Writer = stdio.Out
	var out *os.File
	if opts.Output != "" {
		f, err := os.Create(opts.Output)
		if err != nil {
			return exitf(2, "%v", err)
		}
		out, w = f, f
	}
	switch opts.Format {
	case "json":
		_ = rep.WriteJSON(w)
	case "markdown":
		rep.WriteMarkdown(w)
	case "html":
		rep.WriteHTML(w)
	default:
		rep.WriteText(w)
	}
	if out != nil {
		if err := out.Close(); err != nil {
			return exitf(2, "%v", err)
		}
	}
	return nil
}

func firstLine(s string, n int) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	r := []rune(s)
	if len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
