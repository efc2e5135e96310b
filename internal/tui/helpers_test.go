package tui

import (
	"testing"

	"github.com/iamlab/iamlab/internal/progress/progressdb"
	"github.com/iamlab/iamlab/internal/scenarios"
)

func scenariosForTest(t *testing.T) *scenarios.Library {
	return scenarios.LoadLibrary(scenarios.LibraryOptions{})
}

func memStore(t *testing.T) *progressdb.Store {
	s, err := progressdb.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
