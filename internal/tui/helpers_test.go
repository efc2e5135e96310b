package tui

import (
	"testing"

	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/scenarios"
)

func scenariosForTest(t *testing.T) *scenarios.Library {
	return scenarios.LoadLibrary(scenarios.LibraryOptions{})
}

func memStore(t *testing.T) *progress.Store {
	s, err := progress.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
