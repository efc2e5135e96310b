//go:build ignore

// Command gendoc writes docs/curriculum.md from the tables of
// internal/curriculum. The build tag keeps it out of the package and out of
// what `go install ./...` installs; run it through go generate.
//
// Usage (from internal/curriculum):
//
//	go run gendoc.go          rewrite ../../docs/curriculum.md
//	go run gendoc.go -check   fail unless the committed page is what the tables render
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/iamlab/iamlab/internal/curriculum"
)

func main() {
	check := flag.Bool("check", false, "fail unless the committed page matches the tables byte for byte")
	out := flag.String("o", filepath.Join("..", "..", curriculum.DocPath), "the page to write or check")
	flag.Parse()
	want := []byte(curriculum.Markdown())
	if !*check {
		if err := os.WriteFile(*out, want, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gendoc:", err)
			os.Exit(1)
		}
		return
	}
	got, err := os.ReadFile(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gendoc:", err)
		os.Exit(1)
	}
	if !bytes.Equal(got, want) {
		fmt.Fprintf(os.Stderr, "gendoc: %s is stale or hand-edited; run go generate ./internal/curriculum\n", *out)
		os.Exit(1)
	}
}
