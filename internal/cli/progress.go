package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/iamlab/iamlab/internal/curriculum"
	"github.com/iamlab/iamlab/internal/paths"
	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/progress/progressdb"
)

func init() { register(newProgressCmd) }

// defaultExam is SCS-C03: the current Security Specialty exam, whose largest
// domain (Identity and Access Management, 20%) is exactly what iamlab
// teaches. SAA-C03 learners pass --exam SAA-C03; SCS-C02 is retired.
const defaultExam = "SCS-C03"

// ProgressOptions are the flags of iamlab progress.
type ProgressOptions struct {
	DBPath   string // "" means paths.Resolve().DatabasePath()
	JSON     bool
	CSV      bool
	Name     string // learner name written into exports
	Exam     string
	ExamDate string // YYYY-MM-DD, "" for "if the exam were today"
	Now      func() time.Time
}

// ProgressResetOptions are the flags of iamlab progress reset.
type ProgressResetOptions struct {
	DBPath   string
	Scenario string
	All      bool
	Yes      bool
	Now      func() time.Time
}

func newProgressCmd(stdio IO) *cobra.Command {
	opts := &ProgressOptions{}
	cmd := &cobra.Command{
		Use:   "progress",
		Short: "Show readiness, weak topics and due reviews; export results",
		Long: "progress summarises what you have practised: readiness per exam domain (weighted by the\n" +
			"official domain weights), the topics where practice would gain the most, reviews that are\n" +
			"due, your streak and recent attempts.\n\n" +
			"--json and --csv export every attempt and answer (one CSV row each) for an instructor, with\n" +
			"your learner id, the name set once with `iamlab progress name` (--name overrides it for one\n" +
			"export) and this iamlab's version; docs/export.schema.json describes the format.\n\n" +
			"The default exam is " + defaultExam + ", the current Security Specialty, whose Identity and\n" +
			"Access Management domain is what iamlab teaches; use --exam SAA-C03 for the associate exam.",
		Example: "  iamlab progress --exam-date 2026-06-15\n" +
			"  iamlab progress name \"Dana K.\"\n" +
			"  iamlab progress --csv > dana.csv\n" +
			"  iamlab progress reset --scenario two-groups-one-bucket",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runProgress(cmd.Context(), opts, stdio)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "export everything as one JSON document")
	cmd.Flags().BoolVar(&opts.CSV, "csv", false, "export one CSV row per attempt and per answer")
	cmd.Flags().StringVar(&opts.Name, "name", "", "a name for this export only, instead of the one set with `progress name`")
	cmd.Flags().StringVar(&opts.Exam, "exam", defaultExam, "exam to measure readiness for: "+strings.Join(curriculum.ExamIDs(), ", "))
	cmd.Flags().StringVar(&opts.ExamDate, "exam-date", "", "your exam date (YYYY-MM-DD): retention is estimated for that day")
	cmd.MarkFlagsMutuallyExclusive("json", "csv")
	cmd.AddCommand(newProgressResetCmd(stdio), newProgressNameCmd(stdio))
	return cmd
}

func newProgressResetCmd(stdio IO) *cobra.Command {
	opts := &ProgressResetOptions{}
	cmd := &cobra.Command{
		Use:   "reset (--scenario ID | --all)",
		Short: "Delete recorded progress, keeping a backup copy first",
		Long: "reset deletes the attempts, drafts and reviews of one scenario, or everything. It asks for\n" +
			"confirmation unless --yes is given, and always writes a backup copy of the database first.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runProgressReset(cmd.Context(), opts, stdio)
		},
	}
	cmd.Flags().StringVar(&opts.Scenario, "scenario", "", "reset only this scenario: ID, or PACK/ID when packs share the ID")
	cmd.Flags().BoolVar(&opts.All, "all", false, "reset all progress")
	cmd.Flags().BoolVarP(&opts.Yes, "yes", "y", false, "do not ask for confirmation")
	cmd.MarkFlagsMutuallyExclusive("scenario", "all")
	return cmd
}

func progressDBPath(p string) string {
	if p != "" {
		return p
	}
	return paths.Resolve().DatabasePath()
}

func progressClock(now func() time.Time) time.Time {
	if now != nil {
		return now()
	}
	return time.Now()
}

// openProgressForReading opens the database for reading only, or gives an
// empty in-memory store when there is none yet: looking at progress never
// creates, moves, changes or migrates a file. A damaged database is an
// error (exit 1) and stays as it is.
func openProgressForReading(path string) (*progressdb.Store, error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return progressdb.OpenMemory()
	}
	s, err := progressdb.OpenReadOnly(path)
	if err != nil {
		return nil, exitf(1, "%v", err)
	}
	return s, nil
}

func runProgress(ctx context.Context, opts *ProgressOptions, stdio IO) error {
	if ctx == nil {
		ctx = context.Background()
	}
	now := progressClock(opts.Now)
	exam, err := curriculum.ExamByID(opts.Exam)
	if err != nil {
		return exitf(2, "--exam: %v", err)
	}
	var examDate time.Time
	if opts.ExamDate != "" {
		examDate, err = time.ParseInLocation("2006-01-02", opts.ExamDate, now.Location())
		if err != nil {
			return exitf(2, "--exam-date %q: expected a date like %s", opts.ExamDate, now.AddDate(0, 2, 0).Format("2006-01-02"))
		}
	}
	s, err := openProgressForReading(progressDBPath(opts.DBPath))
	if err != nil {
		return err
	}
	defer s.Close()

	if opts.JSON || opts.CSV {
		ex, err := s.Export(ctx, opts.Name, now)
		if err != nil {
			return exitf(1, "%v", err)
		}
		ex.IAMLabVersion = exportVersion()
		if opts.CSV {
			err = ex.WriteCSV(stdio.Out)
		} else {
			rep, rerr := s.Readiness(ctx, exam.ID, examDate, now)
			if rerr != nil {
				return exitf(1, "%v", rerr)
			}
			ex.Readiness = &rep
			err = ex.WriteJSON(stdio.Out)
		}
		if err != nil {
			return exitf(1, "writing the export: %v", err)
		}
		return nil
	}
	sum, err := s.Summary(ctx, exam.ID, examDate, now)
	if err != nil {
		return exitf(1, "%v", err)
	}
	writeProgressSummary(stdio.Out, exam, sum, now)
	return nil
}

// ProgressNameOptions are the flags of iamlab progress name.
type ProgressNameOptions struct {
	DBPath string
}

func newProgressNameCmd(stdio IO) *cobra.Command {
	opts := &ProgressNameOptions{}
	return &cobra.Command{
		Use:   "name [NAME]",
		Short: "Show or set the name your exports carry",
		Long: "name sets the display name an instructor sees in a class report, once, instead of typing it\n" +
			"into every export. Without NAME it shows the name and your learner id. The learner id is made\n" +
			"on first start and never changes, so a renamed learner is still the same learner.",
		Example: "  iamlab progress name \"Dana K.\"",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runProgressName(cmd.Context(), opts, args, stdio)
		},
	}
}

func runProgressName(ctx context.Context, opts *ProgressNameOptions, args []string, stdio IO) error {
	if ctx == nil {
		ctx = context.Background()
	}
	path := progressDBPath(opts.DBPath)
	if len(args) == 0 {
		s, err := openProgressForReading(path)
		if err != nil {
			return err
		}
		defer s.Close()
		name, _, err := s.Setting(ctx, progress.SettingLearnerName)
		if err != nil {
			return exitf(1, "%v", err)
		}
		id, err := s.LearnerID(ctx)
		if err != nil {
			return exitf(1, "%v", err)
		}
		if name == "" {
			name = "(not set: iamlab progress name \"Your Name\")"
		}
		if id == "" {
			id = "(made on first start)"
		}
		fmt.Fprintf(stdio.Out, "Name:       %s\nLearner id: %s\n", name, id)
		return nil
	}
	name := strings.TrimSpace(args[0])
	if name == "" || strings.ContainsAny(name, "\n\r\t") || len(name) > 80 {
		return exitf(2, "name %q: expected one line of 1 to 80 characters", args[0])
	}
	s, err := progressdb.Open(path)
	if err != nil {
		return exitf(1, "%v", err)
	}
	defer s.Close()
	if err := s.SetSetting(ctx, progress.SettingLearnerName, name); err != nil {
		return exitf(1, "%v", err)
	}
	id, err := s.LearnerID(ctx)
	if err != nil {
		return exitf(1, "%v", err)
	}
	fmt.Fprintf(stdio.Out, "Exports now carry the name %q (learner id %s).\n", name, id)
	return nil
}

func runProgressReset(ctx context.Context, opts *ProgressResetOptions, stdio IO) error {
	if ctx == nil {
		ctx = context.Background()
	}
	if !opts.All && opts.Scenario == "" {
		return exitf(2, "say what to reset: --scenario ID for one scenario, or --all for everything")
	}
	path := progressDBPath(opts.DBPath)
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		fmt.Fprintf(stdio.Out, "No progress recorded yet (%s does not exist); nothing to reset.\n", path)
		return nil
	}
	var clock []progressdb.Option
	if opts.Now != nil {
		clock = append(clock, progressdb.WithClock(opts.Now))
	}
	s, err := progressdb.Open(path, clock...)
	if err != nil {
		return exitf(1, "%v", err)
	}
	defer s.Close()
	for _, n := range s.Notices() {
		fmt.Fprintln(stdio.Err, "iamlab: "+n)
	}

	what := "ALL recorded progress (every attempt, answer, draft and review)"
	var key progress.ScenarioKey
	if !opts.All {
		if key, err = resetKey(ctx, s, opts.Scenario); err != nil {
			return err
		}
		what = fmt.Sprintf("the attempts, drafts and reviews of scenario %q", key.ScenarioID)
		if key.PackID != "" {
			what += fmt.Sprintf(" in pack %q", key.PackID)
		}
	}
	if !opts.Yes {
		fmt.Fprintf(stdio.Out, "This deletes %s from %s.\nA backup copy is written first. Continue? [y/N] ", what, path)
		line, _ := bufio.NewReader(stdio.In).ReadString('\n')
		switch strings.ToLower(strings.TrimSpace(line)) {
		case "y", "yes":
		default:
			fmt.Fprintln(stdio.Out, "Nothing was changed.")
			return &ExitError{Code: 1}
		}
	}
	var backup string
	if opts.All {
		backup, err = s.ResetAll(ctx)
	} else {
		backup, err = s.ResetScenario(ctx, key)
	}
	if err != nil {
		return exitf(1, "%v", err)
	}
	fmt.Fprintf(stdio.Out, "Deleted %s.\nBackup kept at %s (to undo, close iamlab and copy it over %s).\n", what, backup, path)
	return nil
}

// resetKey finds the records --scenario names: "ID", or "PACK/ID" when
// packs share the id. A name with no records, or one that more than one
// pack has records of, changes nothing.
func resetKey(ctx context.Context, s *progressdb.Store, name string) (progress.ScenarioKey, error) {
	pack, id, qualified := strings.Cut(name, "/")
	if !qualified {
		id = name
	}
	keys, err := s.RecordedKeys(ctx, id)
	if err != nil {
		return progress.ScenarioKey{}, exitf(1, "%v", err)
	}
	var match []progress.ScenarioKey
	for _, k := range keys {
		if !qualified || k.PackID == pack {
			match = append(match, k)
		}
	}
	switch len(match) {
	case 0:
		return progress.ScenarioKey{}, exitf(1, "no progress is recorded for scenario %q; nothing was changed (scenario IDs are shown by iamlab progress --csv)", name)
	case 1:
		return match[0], nil
	}
	names := make([]string, len(match))
	for i, k := range match {
		names[i] = k.String()
	}
	return progress.ScenarioKey{}, exitf(2, "scenario %q has progress in more than one pack; say which: --scenario %s; nothing was changed", id, strings.Join(names, " or --scenario "))
}

// writeProgressSummary renders the summary as plain text: words carry every
// verdict (no colour needed), and the uncertainty is said, not hidden.
func writeProgressSummary(w io.Writer, exam curriculum.Exam, sum progress.Summary, now time.Time) {
	rep := sum.Readiness
	pct := func(v float64) string { return fmt.Sprintf("%.0f%%", 100*v) }
	fmt.Fprintf(w, "%s — %s\n", exam.ID, exam.Name)
	if !exam.Current(now) && exam.Successor != "" {
		fmt.Fprintf(w, "Note: %s is retired; the current version is %s (--exam %s).\n", exam.ID, exam.Successor, exam.Successor)
	}
	if !rep.ExamDate.IsZero() {
		y, m, d := now.Date()
		today := time.Date(y, m, d, 0, 0, 0, 0, now.Location())
		days := int(rep.ExamDate.Sub(today).Round(time.Hour).Hours() / 24)
		fmt.Fprintf(w, "Exam date %s (%d days away); retention is estimated for that day.\n", rep.ExamDate.Format("2006-01-02"), max(days, 0))
	}
	if sum.Totals.Attempts == 0 && sum.Totals.Answers == 0 {
		fmt.Fprintln(w, "\nNothing practised yet. Start a scenario or a quiz with `iamlab`, then come back here.")
		return
	}

	fmt.Fprintln(w)
	if rep.Band == progress.BandUnknown {
		fmt.Fprintf(w, "Readiness: unknown — nothing practised yet counts towards %s.\n", exam.ID)
	} else {
		unc := ""
		if rep.Uncertain {
			unc = " (uncertain: few items or untouched domains)"
		}
		fmt.Fprintf(w, "Readiness: %s%s\n", rep.Band, unc)
		fmt.Fprintf(w, "  Expected share correct on the practised domains: %s–%s (pass mark ≈ %s; the scaled score\n"+
			"  is compensatory, so one weak domain can be offset by strong ones).\n", pct(rep.Low), pct(rep.High), pct(rep.PassFraction))
	}
	fmt.Fprintf(w, "  %s; you have practised %s of its IAM task statements.\n",
		rep.ScopeWords(), pct(rep.Coverage))

	fmt.Fprintln(w, "\nDomains")
	for _, d := range rep.Domains {
		head := fmt.Sprintf("  D%d %-40s %3s ", d.Number, d.Name, pct(d.Weight))
		switch {
		case !d.InScope:
			fmt.Fprintln(w, head+" not taught by iamlab")
		case d.TopicsPractised == 0:
			fmt.Fprintf(w, "%s unknown: never practised (0 of %d task statements)\n", head, d.Tasks)
		default:
			unc := ""
			if d.Uncertain {
				unc = ", uncertain"
			}
			fmt.Fprintf(w, "%s %s%s — expected %s, %d item%s, %d of %d task statements\n",
				head, d.Band, unc, pct(d.Predicted), d.Observations, progressPlural(d.Observations), d.TasksPractised, d.Tasks)
		}
	}

	if len(rep.Weakest) > 0 {
		fmt.Fprintln(w, "\nWhere practice gains the most")
		for i, t := range rep.Weakest {
			fmt.Fprintf(w, "  %d. %s — %s (expected %s, %d item%s)\n", i+1, t.TopicID, t.Title, pct(t.Predicted), t.Observations, progressPlural(t.Observations))
		}
	}
	if n := len(rep.Untouched); n > 0 {
		show := rep.Untouched[:min(n, 4)]
		more := ""
		if n > len(show) {
			more = ", …"
		}
		fmt.Fprintf(w, "  Never practised: %d topics (%s%s)\n", n, strings.Join(show, ", "), more)
	}

	fmt.Fprintf(w, "\nDue reviews: %d\n", len(sum.Due))
	for _, d := range sum.Due[:min(len(sum.Due), 5)] {
		fmt.Fprintf(w, "  %s — %s (recall now ≈ %s)\n", d.TopicID, d.Title, pct(d.Retrievability))
	}

	today := ""
	if sum.Streak.Days > 0 && !sum.Streak.ActiveToday {
		today = " — practise today to keep it"
	}
	fmt.Fprintf(w, "\nStreak: %d day%s%s\n", sum.Streak.Days, progressPlural(sum.Streak.Days), today)
	if c := rep.Calibration; c.Sure+c.Unsure > 0 {
		fmt.Fprintf(w, "Calibration: %d confident-but-wrong answer%s", c.ConfidentWrong, progressPlural(c.ConfidentWrong))
		if c.Sure > 0 {
			fmt.Fprintf(w, "; right %s of the time when sure", pct(float64(c.SureCorrect)/float64(c.Sure)))
		}
		fmt.Fprintln(w)
	}
	if t := sum.Totals; t.SecondsPerExamItem > 0 {
		fmt.Fprintf(w, "Pace: %.0f s per exam-mode item (budget %.0f s)\n", t.SecondsPerExamItem, exam.SecondsPerItem())
	}
	t := sum.Totals
	fmt.Fprintf(w, "Totals: %d attempt%s (%d solved scenario%s, hints used in %s), %d quiz answer%s (%d right)\n",
		t.Attempts, progressPlural(t.Attempts), t.ScenariosSolved, progressPlural(t.ScenariosSolved), pct(t.HintShare),
		t.Answers, progressPlural(t.Answers), t.Correct)

	if len(sum.Recent) > 0 {
		fmt.Fprintln(w, "\nRecent attempts")
		for _, a := range sum.Recent {
			stars := strings.Repeat("★", a.Stars) + strings.Repeat("☆", max(0, 3-a.Stars))
			fmt.Fprintf(w, "  %s  %-28s %-9s %s  score %3.0f  hints %d  %s\n",
				a.FinishedAt.In(now.Location()).Format("2006-01-02 15:04"), a.ScenarioID, a.Outcome, stars,
				a.Score, len(a.Hints), a.Duration.Round(time.Second))
		}
	}
}

func progressPlural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
