// Command iamlab is an interactive trainer for AWS IAM.
package main

import (
	"context"
	"os"

	"github.com/iamlab/iamlab/internal/cli"
)

func main() {
	os.Exit(cli.Main(context.Background(), os.Args[1:], cli.StdIO()))
}
