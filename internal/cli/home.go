package cli

import (
	"github.com/spf13/cobra"

	"github.com/iamlab/iamlab/internal/paths"
	"github.com/iamlab/iamlab/internal/tui"
)

// packDirs is the root command's repeatable --pack flag.
var packDirs []string

func init() {
	homeRunner = func(cmd *cobra.Command, _ IO) error {
		return tui.Run(cmd.Context(), tui.Options{Dirs: paths.Resolve(), PackDirs: packDirs})
	}
	rootFlags = append(rootFlags, func(root *cobra.Command) {
		root.Flags().StringArrayVar(&packDirs, "pack", nil, "also load the scenario pack in `DIR` (repeatable)")
	})
}
