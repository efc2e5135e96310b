package cli

import "runtime/debug"

// exportVersion is the iamlab version a progress export records, never
// empty (the export format requires one): the release's, else the
// module version the build info holds, else "devel".
func exportVersion() string {
	if Version != "" {
		return Version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "devel"
}
