package npmpkg

import (
	"errors"
	"flag"
)

// Main reads a generator's command line, which both data generators share
// (-check, -tgz FILE, -o FILE, with out as the default output), and calls
// run with it.
func Main(args []string, out string, run func(check bool, tgzPath, out string) error) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	check := fs.Bool("check", false, "verify that the committed file is reproduced byte for byte")
	tgzPath := fs.String("tgz", "", "read the package tarball from this file instead of running npm pack")
	o := fs.String("o", out, "output file")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	return run(*check, *tgzPath, *o)
}
