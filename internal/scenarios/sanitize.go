package scenarios

import "github.com/iamlab/iamlab/internal/safetext"

// sanitize removes what could drive a terminal or hide text from a reader
// (see safetext.Clean) and reports whether anything was removed, so
// `iamlab check` can tell the author. The command line cleans what it
// prints with the same rules.
func sanitize(s string) (string, bool) { return safetext.Clean(s) }
