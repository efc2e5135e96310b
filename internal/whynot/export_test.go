package whynot

import "github.com/iamlab/iamlab/internal/eval"

// What only the tests call: kept out of the product so that its exported
// API is what the product uses.

// FromInput is FromInputAt for a source that is the whole file.
func FromInput(in *eval.Input, src []byte) (*InputCase, error) {
	return FromInputAt(in, src, 0)
}
