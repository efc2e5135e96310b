package sandbox

import (
	"fmt"

	"github.com/iamlab/iamlab/internal/eval"
)

// Evaluate resolves a call and decides it.
func (w *World) Evaluate(c Call, opt eval.Options) (*Outcome, error) {
	return nil, fmt.Errorf("sandbox: call resolution is not ready yet")
}
