package eval

// defaultRCPSupported is replaced by the catalogue's list of services that
// support RCPs.
var defaultRCPSupported = func(string) bool { return true }
