//go:build ignore

// generate.go rewrites managed.json.gz from its pinned npm package (see package
// gen). It is a single file behind the ignore tag rather than a main
// package so that `go install ./...` installs only iamlab. Run it from this
// directory: `go generate` does, and `go run generate.go -check` verifies
// that the committed file is reproduced byte for byte.
package main

import (
	"fmt"
	"os"

	"github.com/iamlab/iamlab/internal/sandbox/gen"
)

func main() {
	if err := gen.Main(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
