package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iamlab/iamlab/internal/curriculum"
)

func init() { register(newTopicsCmd) }

// TopicsOptions are the flags of iamlab topics.
type TopicsOptions struct {
	IDs  []string
	Exam string
	JSON bool
}

func newTopicsCmd(stdio IO) *cobra.Command {
	opts := &TopicsOptions{}
	cmd := &cobra.Command{
		Use:   "topics [TOPIC...]",
		Short: "List the curriculum topics that scenarios, lessons and quiz items are tagged with",
		Long: "topics lists every topic id of the curriculum with its title and the exam statements it\n" +
			"serves, grouped by theme; with TOPIC arguments, only those (a mistyped id gets a\n" +
			"suggestion). The same table, with the exams' domains and statements, is docs/curriculum.md.\n" +
			"Exit status: 0, or 2 for an unknown topic or exam.",
		Example: "  iamlab topics\n  iamlab topics --exam SCS-C03\n  iamlab topics kms-grants imds-v2\n  iamlab topics --json | jq -r .id",
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.IDs = args
			return runTopics(opts, stdio)
		},
	}
	cmd.Flags().StringVar(&opts.Exam, "exam", "", "only the topics that serve this exam (SAA-C03, SCS-C03, SCS-C02)")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print one JSON object per topic per line")
	return cmd
}

// topicJSON is one topic as --json prints it.
type topicJSON struct {
	ID     string   `json:"id"`
	Number int      `json:"number"`
	Group  string   `json:"group"`
	Tier   string   `json:"tier"`
	Title  string   `json:"title"`
	Tasks  []string `json:"tasks"`
	Exams  []string `json:"exams"`
}

func runTopics(opts *TopicsOptions, stdio IO) error {
	list := curriculum.Topics()
	if len(opts.IDs) > 0 {
		list = list[:0:0]
		for _, id := range opts.IDs {
			t, err := curriculum.ParseTopicID(id)
			if err != nil {
				return exitf(2, "%v", err)
			}
			list = append(list, t)
		}
	}
	if opts.Exam != "" {
		ex, err := curriculum.ExamByID(opts.Exam)
		if err != nil {
			return exitf(2, "--exam: %v", err)
		}
		kept := list[:0:0]
		for _, t := range list {
			if len(t.TasksFor(ex.ID)) > 0 {
				kept = append(kept, t)
			}
		}
		list = kept
	}
	if opts.JSON {
		enc := json.NewEncoder(stdio.Out)
		for _, t := range list {
			if err := enc.Encode(toTopicJSON(t)); err != nil {
				return exitf(2, "writing output: %v", err)
			}
		}
		return nil
	}
	writeTopics(stdio.Out, list)
	return nil
}

func toTopicJSON(t curriculum.Topic) topicJSON {
	j := topicJSON{ID: t.ID, Number: t.Number, Group: t.Group.Letter, Tier: string(t.Tier), Title: t.Title, Tasks: t.TaskIDs}
	seen := map[string]bool{}
	for _, tk := range t.Tasks() {
		if !seen[tk.Exam] {
			seen[tk.Exam] = true
			j.Exams = append(j.Exams, tk.Exam)
		}
	}
	return j
}

// writeTopics prints the topics under their group headings: the id, the
// title, then the statements served, exam by exam.
func writeTopics(w io.Writer, list []curriculum.Topic) {
	group := ""
	for _, t := range list {
		if t.Group.Letter != group {
			if group != "" {
				fmt.Fprintln(w)
			}
			group = t.Group.Letter
			fmt.Fprintf(w, "%s. %s\n", t.Group.Letter, t.Group.Title)
		}
		fmt.Fprintf(w, "  %-34s %s\n", t.ID, t.Title)
		fmt.Fprintf(w, "  %-34s %s\n", "", servesLine(t))
	}
	fmt.Fprintf(w, "\n%d %s\n", len(list), plural(len(list), "topic", "topics"))
}

// servesLine groups a topic's statements by exam: "SAA-C03 1.1 · SCS-C03 4.2.3, 3.2".
func servesLine(t curriculum.Topic) string {
	var parts []string
	for _, ex := range curriculum.ExamIDs() {
		var codes []string
		for _, tk := range t.TasksFor(ex) {
			codes = append(codes, tk.Code)
		}
		if len(codes) > 0 {
			parts = append(parts, ex+" "+strings.Join(codes, ", "))
		}
	}
	return strings.Join(parts, " · ")
}
