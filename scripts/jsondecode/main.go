//go:build ignore

// Command jsondecode is the baseline of scripts/bench-eval.sh: it decodes a
// JSON file with encoding/json and nothing else, so the cost of `iamlab
// eval` can be read as a multiple of merely reading its input. With -make
// it writes the benchmark's corpus instead: the cases of a list file
// repeated until there are N of them.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
)

func main() {
	n := flag.Int("make", 0, "write a list of this many cases, repeating those of the input, to -o")
	out := flag.String("o", "", "where -make writes")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: jsondecode FILE\n       jsondecode -make N -o OUT FILE")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	src, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		fail(err)
	}
	if *n == 0 {
		var v any
		if err := json.Unmarshal(src, &v); err != nil {
			fail(err)
		}
		return
	}
	if err := repeat(src, *n, *out); err != nil {
		fail(err)
	}
}

// repeat writes the first n cases of the input's list, cycling through it.
func repeat(src []byte, n int, out string) error {
	var cases []json.RawMessage
	if err := json.Unmarshal(src, &cases); err != nil {
		return fmt.Errorf("the input must be a list of cases: %w", err)
	}
	if len(cases) == 0 {
		return fmt.Errorf("the input holds no cases")
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	w.WriteByte('[')
	for i := range n {
		if i > 0 {
			w.WriteByte(',')
		}
		w.Write(cases[i%len(cases)])
	}
	w.WriteString("]\n")
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "jsondecode:", err)
	os.Exit(1)
}
