package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iamlab/iamlab/internal/curriculum"
	"github.com/iamlab/iamlab/internal/paths"
	"github.com/iamlab/iamlab/internal/scenarios"
)

// flagCompletions are the values shells complete for flags that take one
// of a known set, by command path and flag name. They live here rather
// than next to each flag so the whole list can be checked in one test:
// a flag renamed in its command file fails TestFlagCompletionsFindTheirFlags.
func flagCompletions() map[string]map[string]cobra.CompletionFunc {
	kinds := []string{
		string(scenarios.Build) + "\tedit policies until every check passes",
		string(scenarios.Predict) + "\tpredict the decision and the deciding layer",
		string(scenarios.Choose) + "\tan exam-style question about the world",
	}
	types := make([]string, 0, len(lintTypes))
	for t := range lintTypes {
		types = append(types, t)
	}
	slices.Sort(types)
	return map[string]map[string]cobra.CompletionFunc{
		"iamlab progress":       {"exam": cobra.FixedCompletions(examCompletions(), cobra.ShellCompDirectiveNoFileComp)},
		"iamlab progress reset": {"scenario": completeScenarioIDs},
		"iamlab new scenario": {
			"kind": cobra.FixedCompletions(kinds, cobra.ShellCompDirectiveNoFileComp),
			"pack": dirCompletion,
		},
		"iamlab lint": {
			"type":    cobra.FixedCompletions(types, cobra.ShellCompDirectiveNoFileComp),
			"fail-on": cobra.FixedCompletions([]string{"error\tonly errors fail", "warning\terrors, security warnings and warnings fail"}, cobra.ShellCompDirectiveNoFileComp),
		},
		"iamlab":       {"pack": dirCompletion},
		"iamlab check": {"pack": dirCompletion},
	}
}

func dirCompletion(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return nil, cobra.ShellCompDirectiveFilterDirs
}

func examCompletions() []string {
	var out []string
	for _, id := range curriculum.ExamIDs() {
		desc := ""
		if e, err := curriculum.ExamByID(id); err == nil {
			desc = "\t" + e.Name
		}
		out = append(out, id+desc)
	}
	return out
}

// completeScenarioIDs offers the ids of the scenarios iamlab knows: the
// built-in library and the learner's packs folder, each with its title.
func completeScenarioIDs(_ *cobra.Command, _ []string, prefix string) ([]cobra.Completion, cobra.ShellCompDirective) {
	// A completion runs a process per tab: the built-in packs are read
	// back decoded, not decoded again.
	lib := scenarios.LoadLibrary(scenarios.LibraryOptions{UserDir: paths.Resolve().Packs, Cache: scenarios.BuiltInDecoded()})
	var out []cobra.Completion
	for _, p := range lib.Packs {
		for _, s := range p.Scenarios {
			if strings.HasPrefix(s.ID, prefix) {
				out = append(out, fmt.Sprintf("%s\t%s", s.ID, s.Title))
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out), cobra.ShellCompDirectiveNoFileComp
}

// registerCompletions attaches flagCompletions to the built tree and
// returns the entries whose command or flag does not exist.
func registerCompletions(root *cobra.Command) []string {
	var missing []string
	for path, flags := range flagCompletions() {
		cmd := findCommand(root, path)
		for flag, fn := range flags {
			if cmd == nil || cmd.Flags().Lookup(flag) == nil {
				missing = append(missing, path+" --"+flag)
				continue
			}
			if _, done := cmd.GetFlagCompletionFunc(flag); done {
				continue
			}
			if err := cmd.RegisterFlagCompletionFunc(flag, fn); err != nil {
				missing = append(missing, path+" --"+flag+": "+err.Error())
			}
		}
	}
	slices.Sort(missing)
	return missing
}

func findCommand(root *cobra.Command, path string) *cobra.Command {
	if root.CommandPath() == path {
		return root
	}
	for _, c := range root.Commands() {
		if found := findCommand(c, path); found != nil {
			return found
		}
	}
	return nil
}
