package scenarios

// What only the tests call: kept out of the product so that its exported
// API is what the product uses.

// Scaffold returns the files of a new scenario, relative to the pack
// folder: valid YAML that `iamlab check` loads, with TODO markers and an
// answer key that cannot pass until the author fills it in, so a scaffold
// is never published by accident.
func Scaffold(id string, kind Kind) (map[string]string, error) { return ScaffoldOn(id, kind, nil) }
