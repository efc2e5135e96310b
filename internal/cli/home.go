package cli

import (
	"github.com/spf13/cobra"

	"github.com/iamlab/iamlab/internal/paths"
	"github.com/iamlab/iamlab/internal/tui"
)

// TrainerOptions are the root command's own flags: iamlab with no command
// opens the trainer.
type TrainerOptions struct {
	PackDirs   []string // --pack, repeatable
	WorldFiles []string // --world, repeatable
	Assign     []string // --assign, repeatable
}

// addTrainer makes the root command open the trainer. The options live in
// the command that owns them, so building the tree twice (tests do) shares
// nothing.
func addTrainer(root *cobra.Command) {
	opts := &TrainerOptions{}
	root.Flags().StringArrayVar(&opts.PackDirs, "pack", nil, "also load the scenario pack in `DIR` (repeatable)")
	root.Flags().StringArrayVar(&opts.WorldFiles, "world", nil, "open the playground on the world file `FILE` (from iamlab import aws; repeatable)")
	root.Flags().StringArrayVar(&opts.Assign, "assign", nil, "show the scenarios of the assignment file `FILE` under Assigned (repeatable)")
	root.RunE = func(cmd *cobra.Command, _ []string) error {
		return tui.Run(cmd.Context(), tui.Options{Dirs: paths.Resolve(), PackDirs: opts.PackDirs, WorldFiles: opts.WorldFiles, AssignFiles: opts.Assign})
	}
}
